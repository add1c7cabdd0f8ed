/**
 * Speed along a replayed track (issue #5: "stops and speed shown along the track"): each segment
 * between two fixes takes a band by its speed, slow green to fast red, and consecutive segments of
 * one band are merged into one run (one polyline each: a 5,000-fix track draws as a few dozen
 * paths, not 5,000). Pure, so the bands and the runs are unit-tested.
 */
import type { TrackPoint } from '../../shared/contract/map';
import { haversineM } from '../../shared/domain/geo';

/** Upper bounds in km/h of each band but the last; colours slow → fast. */
export const speedBands = [
  { maxKmh: 5, colour: '#2ecc71' },
  { maxKmh: 20, colour: '#a6d96a' },
  { maxKmh: 40, colour: '#f4d03f' },
  { maxKmh: 60, colour: '#f39c12' },
  { maxKmh: Infinity, colour: '#e74c3c' },
] as const;

export function speedBand(kmh: number): number {
  const i = speedBands.findIndex((band) => kmh < band.maxKmh);
  return i < 0 ? speedBands.length - 1 : i;
}

/**
 * A segment's speed, km/h: the mean of the two fixes' reported speeds; when both report 0 but the
 * unit moved (a platform that sends no speed), distance over time.
 */
export function segmentKmh(a: TrackPoint, b: TrackPoint): number {
  const reported = (a.speed + b.speed) / 2;
  if (reported > 0) return reported * 3.6;
  const dt = (b.at - a.at) / 1000;
  if (dt <= 0) return 0;
  const moved = haversineM(a, b) / dt;
  return moved > 1 ? moved * 3.6 : 0;
}

export interface SpeedRun {
  band: number;
  /** Indices into the points: the run is points[from..to] (inclusive, to > from). */
  from: number;
  to: number;
}

/** Consecutive segments of one band, merged. */
export function speedRuns(points: readonly TrackPoint[]): SpeedRun[] {
  const runs: SpeedRun[] = [];
  for (let i = 1; i < points.length; i++) {
    const band = speedBand(segmentKmh(points[i - 1]!, points[i]!));
    const last = runs[runs.length - 1];
    if (last && last.band === band && last.to === i - 1) last.to = i;
    else runs.push({ band, from: i - 1, to: i });
  }
  return runs;
}
