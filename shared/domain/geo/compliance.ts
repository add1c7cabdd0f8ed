/**
 * Route compliance from GPS tracks (FIELD.md: must-reach points 必到点, must-patrol lines 必巡线):
 * did a track come within a point's radius (and when, first), and how much of a line's length did
 * it travel (a stretch of the line counts when the track passed within a corridor of it).
 *
 * Both look at the segments between fixes, not only the fixes: a car at 14 m/s fixes every 14 m,
 * and a gap of a few seconds must not hide a pass. Segments across a gap longer than
 * `maxGapMs` (the unit was not reporting) are not trusted and only their ends count.
 */
import { localFrame, type LocalFrame } from './distance';
import type { LatLng, LngLatPair } from './lat-lng';
import type { Fix } from './track';

export const defaultMaxGapMs = 60_000;

interface XY {
  x: number;
  y: number;
}

/** Closest point of segment ab to p: its parameter t in [0, 1] and the squared distance. */
function closestOnSegment(p: XY, a: XY, b: XY): { t: number; d2: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const cx = a.x + dx * t - p.x;
  const cy = a.y + dy * t - p.y;
  return { t, d2: cx * cx + cy * cy };
}

export interface Reach {
  /** When the track first came within the radius (interpolated between fixes), ms. */
  at: number;
  /** The closest distance on that first pass, metres. */
  distanceM: number;
}

/** First time a track comes within `radiusM` of `point`, or null. */
export function firstReach(
  fixes: readonly Fix[],
  point: LatLng,
  radiusM: number,
  maxGapMs = defaultMaxGapMs,
): Reach | null {
  if (fixes.length === 0) return null;
  const frame = localFrame(point);
  const r2 = radiusM * radiusM;
  const origin = { x: 0, y: 0 };
  let prev = frame.toXY(fixes[0] as Fix);
  if (prev.x * prev.x + prev.y * prev.y <= r2) {
    return { at: (fixes[0] as Fix).at, distanceM: Math.hypot(prev.x, prev.y) };
  }
  for (let i = 1; i < fixes.length; i++) {
    const f = fixes[i] as Fix;
    const cur = frame.toXY(f);
    const before = fixes[i - 1] as Fix;
    if (f.at - before.at <= maxGapMs) {
      const c = closestOnSegment(origin, prev, cur);
      if (c.d2 <= r2) {
        return { at: Math.round(before.at + (f.at - before.at) * c.t), distanceM: Math.sqrt(c.d2) };
      }
    } else if (cur.x * cur.x + cur.y * cur.y <= r2) {
      return { at: f.at, distanceM: Math.hypot(cur.x, cur.y) };
    }
    prev = cur;
  }
  return null;
}

export interface Coverage {
  /** 0..1 */
  fraction: number;
  coveredM: number;
  lengthM: number;
}

/** A spatial hash of the track's segments, so coverage is linear in line samples + fixes. */
function segmentIndex(
  fixes: readonly Fix[],
  frame: LocalFrame,
  cell: number,
  maxGapMs: number,
): { near(p: XY): Iterable<[XY, XY]> } {
  const cells = new Map<string, [XY, XY][]>();
  const key = (cx: number, cy: number): string => `${cx},${cy}`;
  const pts = fixes.map((f) => frame.toXY(f));
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i] as XY;
    const trusted = i > 0 && (fixes[i] as Fix).at - (fixes[i - 1] as Fix).at <= maxGapMs;
    const b = trusted ? (pts[i - 1] as XY) : a;
    const x0 = Math.floor(Math.min(a.x, b.x) / cell);
    const x1 = Math.floor(Math.max(a.x, b.x) / cell);
    const y0 = Math.floor(Math.min(a.y, b.y) / cell);
    const y1 = Math.floor(Math.max(a.y, b.y) / cell);
    // A segment longer than 200 cells (a jump) is only indexed at its ends.
    const long = (x1 - x0 + 1) * (y1 - y0 + 1) > 40_000;
    const add = (cx: number, cy: number): void => {
      const k = key(cx, cy);
      let list = cells.get(k);
      if (!list) cells.set(k, (list = []));
      list.push(long ? [a, a] : [a, b]);
    };
    if (long) add(Math.floor(a.x / cell), Math.floor(a.y / cell));
    else for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) add(cx, cy);
  }
  return {
    *near(p) {
      const cx = Math.floor(p.x / cell);
      const cy = Math.floor(p.y / cell);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) yield* cells.get(key(cx + dx, cy + dy)) ?? [];
      }
    },
  };
}

/**
 * The share of a line's length within `corridorM` of the track: the line is sampled every
 * `stepM` (default corridor / 3, at most 10 m) and each sample stands for its stretch.
 */
export function lineCoverage(
  fixes: readonly Fix[],
  line: readonly LngLatPair[],
  corridorM: number,
  options: { stepM?: number; maxGapMs?: number } = {},
): Coverage {
  if (line.length < 2) return { fraction: 0, coveredM: 0, lengthM: 0 };
  const [lng0, lat0] = line[0] as LngLatPair;
  const frame = localFrame({ lat: lat0, lng: lng0 });
  const path = line.map(([lng, lat]) => frame.toXY({ lat, lng }));
  let lengthM = 0;
  for (let i = 1; i < path.length; i++) {
    lengthM += Math.hypot(
      (path[i] as XY).x - (path[i - 1] as XY).x,
      (path[i] as XY).y - (path[i - 1] as XY).y,
    );
  }
  if (fixes.length === 0 || lengthM === 0) return { fraction: 0, coveredM: 0, lengthM };
  const step = options.stepM ?? Math.min(10, corridorM / 3);
  const index = segmentIndex(
    fixes,
    frame,
    Math.max(corridorM, 1),
    options.maxGapMs ?? defaultMaxGapMs,
  );
  const c2 = corridorM * corridorM;
  let coveredM = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1] as XY;
    const b = path[i] as XY;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const n = Math.max(1, Math.ceil(len / step));
    const piece = len / n;
    for (let k = 0; k < n; k++) {
      // The sample sits in the middle of its piece.
      const t = (k + 0.5) / n;
      const p = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      for (const [s, e] of index.near(p)) {
        if (closestOnSegment(p, s, e).d2 <= c2) {
          coveredM += piece;
          break;
        }
      }
    }
  }
  return { fraction: Math.min(1, coveredM / lengthM), coveredM, lengthM };
}

/** Length of a [lng, lat] line, metres. */
export function lineLengthM(line: readonly LngLatPair[]): number {
  if (line.length < 2) return 0;
  const [lng0, lat0] = line[0] as LngLatPair;
  const frame = localFrame({ lat: lat0, lng: lng0 });
  let sum = 0;
  let prev = frame.toXY({ lat: lat0, lng: lng0 });
  for (const [lng, lat] of line.slice(1)) {
    const p = frame.toXY({ lat, lng });
    sum += Math.hypot(p.x - prev.x, p.y - prev.y);
    prev = p;
  }
  return sum;
}
