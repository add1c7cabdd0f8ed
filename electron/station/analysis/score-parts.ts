/**
 * The parts of a unit's weekly score (issue #17 item 5) and their default weights
 * (`analysis.score.weights`; the config refuses an unknown part, a negative weight, or weights
 * that do not sum to 1, naming the key).
 */
export const scoreParts = [
  'lines',
  'points',
  'warnings',
  'patrolHours',
  'incidents',
  'ackTime',
  'arrivalTime',
] as const;
export type ScorePartKey = (typeof scoreParts)[number];

export const defaultScoreWeights: Record<ScorePartKey, number> = {
  lines: 0.2,
  points: 0.2,
  warnings: 0.15,
  patrolHours: 0.15,
  incidents: 0.1,
  ackTime: 0.1,
  arrivalTime: 0.1,
};
