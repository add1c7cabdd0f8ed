/**
 * A unit's track: stops (where it stayed), its length and speeds, and downsampling for drawing.
 * Pure functions over fixes sorted oldest first.
 */
import { haversineM, localFrame } from './distance';
import type { LatLng } from './lat-lng';

export interface Fix extends LatLng {
  /** ms since the epoch. */
  at: number;
  /** m/s as reported; optional for synthetic tracks. */
  speed?: number;
}

export interface Stop extends LatLng {
  fromMs: number;
  toMs: number;
  durationMs: number;
  /** Indexes of the first and last fix of the stay. */
  first: number;
  last: number;
}

export interface StopOptions {
  /** The unit stays within this many metres of where the stay began. */
  radiusM: number;
  /** …for at least this long. */
  minMs: number;
}

/**
 * Stays of at least `minMs` within `radiusM` of their first fix. Greedy: from each fix, extend
 * while the next fix is within the radius of it; a long enough run is a stop (its position the
 * run's centroid) and the search resumes after it. Linear in practice (a run is walked once when
 * it is a stop; a moving unit leaves the radius within a few fixes).
 */
export function detectStops(fixes: readonly Fix[], options: StopOptions): Stop[] {
  const stops: Stop[] = [];
  if (fixes.length < 2) return stops;
  const frame = localFrame(fixes[0] as Fix);
  const xy = fixes.map((f) => frame.toXY(f));
  const r2 = options.radiusM * options.radiusM;
  let i = 0;
  while (i < fixes.length - 1) {
    const anchor = xy[i] as { x: number; y: number };
    let j = i + 1;
    while (j < fixes.length) {
      const p = xy[j] as { x: number; y: number };
      if ((p.x - anchor.x) ** 2 + (p.y - anchor.y) ** 2 > r2) break;
      j++;
    }
    const last = j - 1;
    const fromMs = (fixes[i] as Fix).at;
    const toMs = (fixes[last] as Fix).at;
    if (last > i && toMs - fromMs >= options.minMs) {
      let sx = 0;
      let sy = 0;
      for (let k = i; k <= last; k++) {
        sx += (xy[k] as { x: number }).x;
        sy += (xy[k] as { y: number }).y;
      }
      const n = last - i + 1;
      const at = frame.toLatLng({ x: sx / n, y: sy / n });
      stops.push({ ...at, fromMs, toMs, durationMs: toMs - fromMs, first: i, last });
      i = j;
    } else {
      i++;
    }
  }
  return stops;
}

export interface TrackStats {
  distanceM: number;
  maxSpeed: number;
  avgSpeed: number;
}

/** Path length over every fix, and reported speeds (computed from positions when not given). */
export function trackStats(fixes: readonly Fix[]): TrackStats {
  let distanceM = 0;
  let maxSpeed = 0;
  let speedSum = 0;
  for (let i = 0; i < fixes.length; i++) {
    const f = fixes[i] as Fix;
    let speed = f.speed;
    if (i > 0) {
      const prev = fixes[i - 1] as Fix;
      const d = haversineM(prev, f);
      distanceM += d;
      if (speed === undefined) speed = f.at > prev.at ? d / ((f.at - prev.at) / 1000) : 0;
    }
    speed ??= 0;
    maxSpeed = Math.max(maxSpeed, speed);
    speedSum += speed;
  }
  return { distanceM, maxSpeed, avgSpeed: fixes.length ? speedSum / fixes.length : 0 };
}

/**
 * At most `maxPoints` fixes for drawing: every k-th fix, the first and the last always kept, and
 * the first and last fix of every stop kept so the stays still show where they were.
 */
export function downsample<T extends Fix>(
  fixes: readonly T[],
  maxPoints: number,
  stops: readonly Stop[] = [],
): T[] {
  if (fixes.length <= maxPoints) return [...fixes];
  const keep = new Set<number>([0, fixes.length - 1]);
  for (const s of stops) {
    keep.add(s.first);
    keep.add(s.last);
  }
  const budget = Math.max(2, maxPoints - keep.size);
  const step = fixes.length / budget;
  for (let k = 0; k < budget; k++) keep.add(Math.min(fixes.length - 1, Math.floor(k * step)));
  return [...keep].sort((a, b) => a - b).map((i) => fixes[i] as T);
}
