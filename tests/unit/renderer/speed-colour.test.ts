import { describe, expect, it } from 'vitest';
import type { TrackPoint } from '../../../shared/contract/map';
import { destination } from '../../../shared/domain/geo';
import { segmentKmh, speedBand, speedBands, speedRuns } from '../../../renderer/map/speed-colour';

const start = { lat: 35.4, lng: 116.97 };
function fix(i: number, speed: number, metres = speed): TrackPoint {
  return { at: i * 1000, ...destination(start, 90, i * metres), speed, heading: 90 };
}

describe('speed bands', () => {
  it('slow is the first band, fast the last', () => {
    expect(speedBand(0)).toBe(0);
    expect(speedBand(4.9)).toBe(0);
    expect(speedBand(5)).toBe(1);
    expect(speedBand(50)).toBe(3);
    expect(speedBand(130)).toBe(speedBands.length - 1);
  });
  it('a segment takes the mean reported speed, or distance over time when none is reported', () => {
    expect(segmentKmh(fix(0, 10), fix(1, 20))).toBeCloseTo(54);
    const a = { ...fix(0, 0, 10), speed: 0 };
    const b = { ...fix(1, 0, 10), at: 1000, ...destination(start, 90, 10), speed: 0 };
    expect(segmentKmh(a, b)).toBeCloseTo(36, 0);
    expect(segmentKmh(a, { ...a, at: 2000 })).toBe(0);
  });
});

describe('speed runs', () => {
  it('merges consecutive segments of one band and covers every segment once', () => {
    // 3 slow fixes (walking), 3 fast (a car at 20 m/s), then stopped.
    const speeds = [1, 1, 1, 20, 20, 20, 0, 0];
    const points = speeds.map((s, i) => fix(i, s));
    const runs = speedRuns(points);
    expect(runs.map((r) => r.band)).toEqual([0, 2, 4, 2, 0]);
    let segments = 0;
    for (const r of runs) segments += r.to - r.from;
    expect(segments).toBe(points.length - 1);
    expect(runs[0]).toEqual({ band: 0, from: 0, to: 2 });
  });
  it('no runs for fewer than two fixes', () => {
    expect(speedRuns([fix(0, 3)])).toEqual([]);
  });
});
