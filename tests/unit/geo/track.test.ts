import { describe, expect, it } from 'vitest';
import {
  destination,
  detectStops,
  downsample,
  firstReach,
  lineCoverage,
  lineLengthM,
  toPair,
  trackStats,
  type Fix,
  type LngLatPair,
} from '../../../shared/domain/geo';

const start = { lat: 35.4, lng: 116.97 };
const t0 = Date.UTC(2026, 10, 23, 2, 0, 0);

/** A unit driving east at `speed` m/s for `seconds`, one fix a second, from `from`. */
function drive(
  from: { lat: number; lng: number },
  bearing: number,
  speed: number,
  seconds: number,
  at0: number,
): Fix[] {
  const out: Fix[] = [];
  for (let s = 0; s < seconds; s++) {
    out.push({ ...destination(from, bearing, speed * s), at: at0 + s * 1000, speed });
  }
  return out;
}

/** Standing near `at` (GPS jitter of a few metres) for `seconds`. */
function stay(at: { lat: number; lng: number }, seconds: number, at0: number): Fix[] {
  const out: Fix[] = [];
  for (let s = 0; s < seconds; s++) {
    out.push({ ...destination(at, (s * 73) % 360, (s % 5) + 1), at: at0 + s * 1000, speed: 0 });
  }
  return out;
}

describe('stops', () => {
  it('finds a 10-minute stay between two drives', () => {
    const a = drive(start, 90, 10, 120, t0); // 1.2 km east
    const stopAt = destination(start, 90, 1200);
    const b = stay(stopAt, 600, t0 + 120_000);
    const c = drive(stopAt, 90, 10, 120, t0 + 720_000);
    const stops = detectStops([...a, ...b, ...c], { radiusM: 30, minMs: 180_000 });
    expect(stops).toHaveLength(1);
    const s = stops[0]!;
    expect(s.durationMs).toBeGreaterThanOrEqual(590_000);
    expect(s.fromMs).toBeGreaterThanOrEqual(t0 + 110_000);
    expect(s.fromMs).toBeLessThanOrEqual(t0 + 121_000);
  });

  it('ignores a stay shorter than the minimum and a slow walk', () => {
    const short = stay(start, 60, t0);
    expect(detectStops(short, { radiusM: 30, minMs: 180_000 })).toEqual([]);
    const walk = drive(start, 0, 1.2, 900, t0);
    expect(detectStops(walk, { radiusM: 30, minMs: 180_000 })).toEqual([]);
  });

  it('sums length and speeds', () => {
    const a = drive(start, 90, 10, 101, t0);
    const s = trackStats(a);
    expect(s.distanceM).toBeCloseTo(1000, 0);
    expect(s.maxSpeed).toBe(10);
    expect(s.avgSpeed).toBe(10);
  });

  it('downsamples keeping the ends and the stops', () => {
    const a = drive(start, 90, 10, 3000, t0);
    const thin = downsample(a, 100);
    expect(thin.length).toBeLessThanOrEqual(100);
    expect(thin[0]).toBe(a[0]);
    expect(thin.at(-1)).toBe(a.at(-1));
    expect(downsample(a.slice(0, 50), 100)).toHaveLength(50);
  });
});

describe('must-reach points', () => {
  const track = drive(start, 90, 12, 300, t0); // 3.6 km east
  it('finds the first pass within the radius, with its time', () => {
    const point = destination(destination(start, 90, 1000), 0, 20); // 20 m north of the road
    const r = firstReach(track, point, 30);
    expect(r).not.toBeNull();
    expect(r!.distanceM).toBeLessThanOrEqual(30);
    // 1000 m at 12 m/s ≈ 83 s; the radius is entered ~22 m before.
    expect(r!.at).toBeGreaterThan(t0 + 78_000);
    expect(r!.at).toBeLessThan(t0 + 84_000);
  });

  it('misses a point further than the radius', () => {
    const point = destination(destination(start, 90, 1000), 0, 45);
    expect(firstReach(track, point, 30)).toBeNull();
  });

  it('catches a pass between two sparse fixes, but not across a reporting gap', () => {
    const sparse = [
      { ...start, at: t0 },
      { ...destination(start, 90, 200), at: t0 + 20_000 },
    ];
    const mid = destination(start, 90, 100);
    expect(firstReach(sparse, mid, 10)?.at).toBe(t0 + 10_000);
    const gap = [sparse[0]!, { ...sparse[1]!, at: t0 + 10 * 60_000 }];
    expect(firstReach(gap, mid, 10)).toBeNull();
  });
});

describe('must-patrol line coverage', () => {
  // A 2 km line due east from start.
  const line: LngLatPair[] = [
    toPair(start),
    toPair(destination(start, 90, 1000)),
    toPair(destination(start, 90, 2000)),
  ];

  it('measures the line', () => {
    expect(lineLengthM(line)).toBeCloseTo(2000, 0);
  });

  it('is full for a track along the whole line (offset by 10 m)', () => {
    const track = drive(destination(start, 0, 10), 90, 10, 201, t0);
    const c = lineCoverage(track, line, 30);
    expect(c.fraction).toBeGreaterThan(0.99);
  });

  it('is half for a track along half the line', () => {
    const track = drive(start, 90, 10, 101, t0);
    const c = lineCoverage(track, line, 30);
    expect(c.fraction).toBeGreaterThan(0.49);
    expect(c.fraction).toBeLessThan(0.53);
  });

  it('is zero for a parallel road 100 m away, and for a crossing it is the corridor width', () => {
    const parallel = drive(destination(start, 0, 100), 90, 10, 201, t0);
    expect(lineCoverage(parallel, line, 30).fraction).toBe(0);
    const crossing = drive(destination(destination(start, 90, 500), 0, 300), 180, 10, 61, t0);
    const c = lineCoverage(crossing, line, 30);
    expect(c.coveredM).toBeGreaterThan(50);
    expect(c.coveredM).toBeLessThan(70);
  });

  it('is zero with no track', () => {
    expect(lineCoverage([], line, 30).fraction).toBe(0);
  });
});
