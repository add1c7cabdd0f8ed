/**
 * The decoder budget of one wall window: this machine decodes a limited number of streams in
 * software (2 cores: 16 tiles ≈ one core, 36 drop a fifth of their frames), so a window decides
 * which tiles decode instead of letting all of them fall behind together. Pure.
 *
 * Rules, in order:
 * - a hidden window (minimised, another desktop) decodes nothing;
 * - an enlarged tile covers the others: only it decodes, and nothing when it has nothing to play
 *   (its camera offline, its stream refused): the tiles under it are not seen, whatever it shows;
 * - otherwise tiles that want to decode get a slot in tile order (the hall reads a wall from the
 *   top left) until the budget is used; the rest are held back, and say so.
 */
export interface BudgetFacts {
  /** Tiles that have a camera and want to decode. */
  wanting: readonly number[];
  budget: number;
  hidden: boolean;
  /** The enlarged tile, or null. */
  enlarged: number | null;
}

export function decodingTiles({ wanting, budget, hidden, enlarged }: BudgetFacts): Set<number> {
  if (hidden) return new Set();
  if (enlarged !== null) return new Set(wanting.includes(enlarged) ? [enlarged] : []);
  const slots = Math.max(0, Math.floor(budget));
  return new Set([...wanting].sort((a, b) => a - b).slice(0, slots));
}

/**
 * Tiles that may pre-warm their next camera in a hidden player (a rotation's next page): each
 * such player decodes too, so it takes a slot of the same budget, after every tile on screen
 * (`decoding`), in tile order. A hidden window or an enlarged tile warms nothing. A tile left
 * out swaps on its new camera's first frame instead, without pre-warm.
 */
export function warmingTiles(
  facts: Omit<BudgetFacts, 'wanting'> & { decoding: number; warming: readonly number[] },
): Set<number> {
  if (facts.hidden || facts.enlarged !== null) return new Set();
  const free = Math.max(0, Math.floor(facts.budget) - facts.decoding);
  return new Set([...facts.warming].sort((a, b) => a - b).slice(0, free));
}

/** With no calibration stored: what this 2-core machine decodes without dropping frames. */
export const DEFAULT_DECODER_BUDGET = 16;
export const BUDGET_STORAGE_KEY = 'vigil.decoderBudget';
/** When the stored budget was measured (ms since the epoch), next to it. */
export const BUDGET_MEASURED_AT_KEY = 'vigil.decoderBudget.measuredAt';

/**
 * The budget: `?budget=N` on the wall's URL (a test, an operator's override), else the value a
 * calibration stored, else the default. Anything not a whole number in 1..64 is ignored.
 */
export function budgetFrom(query: string | null, stored: string | null): number {
  for (const raw of [query, stored]) {
    if (raw === null) continue;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 1 && n <= 64) return n;
  }
  return DEFAULT_DECODER_BUDGET;
}

/**
 * A calibration's answer: the most tiles that dropped at most `maxDropShare` of their frames,
 * from measurements at increasing tile counts.
 */
export function calibratedBudget(
  runs: readonly { tiles: number; droppedShare: number }[],
  maxDropShare = 0.01,
): number {
  let best = 0;
  for (const run of runs)
    if (run.droppedShare <= maxDropShare && run.tiles > best) best = run.tiles;
  return best > 0 ? best : DEFAULT_DECODER_BUDGET;
}

/** The config's `walls.decoderBudget`: a number forces it, "calibrate" measures at every start. */
export type ConfiguredBudget = 'auto' | 'calibrate' | number;

export interface BudgetChoice {
  /** The budget to use now (the default while a calibration runs). */
  budget: number;
  /** Measure this machine (then store the answer). */
  calibrate: boolean;
}

export const wholeBudget = (raw: string | number | null): number | null => {
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : null;
};

/**
 * A wall window's budget at start, in order: `?budget=N` on its URL; the config's
 * `walls.decoderBudget` when a number; the stored calibration, unless the config says
 * "calibrate" or the URL has `?calibrate`; otherwise the default while this window calibrates.
 */
export function chooseBudget(facts: {
  query: string | null;
  configured: ConfiguredBudget;
  stored: string | null;
  recalibrate: boolean;
}): BudgetChoice {
  const forced =
    wholeBudget(facts.query) ??
    (typeof facts.configured === 'number' ? wholeBudget(facts.configured) : null);
  if (forced !== null) return { budget: forced, calibrate: false };
  const stored = wholeBudget(facts.stored);
  if (stored !== null && !facts.recalibrate && facts.configured !== 'calibrate')
    return { budget: stored, calibrate: false };
  return { budget: stored ?? DEFAULT_DECODER_BUDGET, calibrate: true };
}

/**
 * The calibration's ramp: streams decoded at once (the hidden players plus whatever the wall's
 * own tiles decode meanwhile), a few seconds each, until a count drops too many frames.
 */
export const CALIBRATION_STEPS: readonly number[] = [4, 8, 12, 16, 24, 32];

export interface CalibrationRun {
  /** Streams that were decoding during the measurement. */
  tiles: number;
  /** Dropped ÷ total frames over the measurement, all those streams together. */
  droppedShare: number;
  /** Frames those streams decoded (or dropped) in the measurement. */
  frames: number;
  /** The count the ramp asked for (`tiles` can be fewer: a player not yet playing). */
  asked?: number;
}

export interface RampOptions {
  steps?: readonly number[];
  maxDropShare?: number;
  /** Fewer frames than this per stream: the streams did not play (network, camera), or starved. */
  minFramesPerStream?: number;
}

export type RampStep =
  | { measure: number }
  | { budget: number }
  /** The first measurement saw no video: nothing was learnt about the decoder; keep the default. */
  | { failed: true };

/** The budget the runs so far support; when even the fewest streams failed, half as many. */
export function calibrationResult(runs: readonly CalibrationRun[], maxDropShare = 0.01): number {
  const passed = runs.filter((r) => r.droppedShare <= maxDropShare);
  if (passed.length > 0) return calibratedBudget(passed, maxDropShare);
  const fewest = Math.min(...runs.map((r) => r.tiles));
  return Number.isFinite(fewest) ? Math.max(1, Math.floor(fewest / 2)) : DEFAULT_DECODER_BUDGET;
}

/**
 * What to do next, from the measurements so far (pure, so the ramp is tested on fake numbers):
 * measure the first step above the last count, or stop at the first count that dropped more
 * than `maxDropShare` twice in a row (or barely played) or after the last step, with the budget.
 */
export function calibrationStep(
  runs: readonly CalibrationRun[],
  { steps = CALIBRATION_STEPS, maxDropShare = 0.01, minFramesPerStream = 10 }: RampOptions = {},
): RampStep {
  const last = runs.at(-1);
  if (!last) return { measure: steps[0] ?? DEFAULT_DECODER_BUDGET };
  const starved = last.tiles === 0 || last.frames < last.tiles * minFramesPerStream;
  if (starved && runs.length === 1) return { failed: true };
  const valid = starved ? runs.slice(0, -1) : runs;
  const over = starved || last.droppedShare > maxDropShare;
  // A count that drops too many once is measured again before the ramp stops there: a player
  // starting, a tile reconnecting or another process can spoil one short measurement.
  const asked = last.asked ?? last.tiles;
  const previous = runs.at(-2);
  const repeat = previous !== undefined && (previous.asked ?? previous.tiles) === asked;
  if (over && !starved && !repeat) return { measure: asked };
  const next = steps.find((s) => s > Math.max(last.tiles, asked));
  if (over || next === undefined) return { budget: calibrationResult(valid, maxDropShare) };
  return { measure: next };
}

/**
 * Wall windows of one machine calibrate one at a time (a lock); a window that waited while
 * another measured takes that answer instead of measuring again: the windows share the machine,
 * and several calibrations at once would each measure the others' players. The answer counts
 * when it was stored after this window began to wait.
 */
export function budgetMeasuredMeanwhile(facts: {
  stored: string | null;
  measuredAt: string | null;
  waitingSince: number;
}): number | null {
  const budget = wholeBudget(facts.stored);
  const at = Number(facts.measuredAt);
  return budget !== null && Number.isFinite(at) && at >= facts.waitingSince ? budget : null;
}
