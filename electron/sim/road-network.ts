/**
 * The synthetic roads of the simulated county: a dense street grid in the city and long country
 * roads across the county, each a polyline in the local metre frame, with where they cross.
 * Cameras are placed along them and patrol units drive and walk on them.
 */
import { bearing, type Point } from './geo-frame';
import type { Prng } from './prng';
import {
  cityStreetsEastWest,
  cityStreetsNorthSouth,
  ruralRoadsEastWest,
  ruralRoadsNorthSouth,
} from './place-names';

export type RoadKind = 'street' | 'country' | 'expressway';

export interface Crossing {
  /** Distance along this road, metres. */
  s: number;
  /** The other road's index and the distance along it. */
  other: number;
  otherS: number;
  at: Point;
}

export interface Road {
  index: number;
  name: string;
  kind: RoadKind;
  points: Point[];
  /** Cumulative length at each point. */
  cumulative: number[];
  length: number;
  /** Sorted by s. */
  crossings: Crossing[];
}

export interface RoadPosition extends Point {
  /** Direction of travel for increasing s, degrees clockwise from north. */
  heading: number;
}

/** Half-sizes of the city street grid and of the county, metres. */
export const cityHalfWidth = 6000;
export const cityHalfHeight = 6500;
export const countyHalfWidth = 22000;
export const countyHalfHeight = 27000;

export function buildRoadNetwork(prng: Prng): Road[] {
  const roads: Road[] = [];
  const add = (name: string, kind: RoadKind, points: Point[]): void => {
    const cumulative = [0];
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1] as Point;
      const b = points[i] as Point;
      cumulative.push((cumulative[i - 1] as number) + Math.hypot(b.x - a.x, b.y - a.y));
    }
    roads.push({
      index: roads.length,
      name,
      kind,
      points,
      cumulative,
      length: cumulative[cumulative.length - 1] as number,
      crossings: [],
    });
  };

  // A polyline from `from` to `to` in `steps` pieces, wobbling sideways by up to `wobble` metres.
  const line = (from: Point, to: Point, steps: number, wobble: number): Point[] => {
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const len = Math.hypot(dx, dy);
    const nx = -dy / len;
    const ny = dx / len;
    const points: Point[] = [];
    for (let i = 0; i <= steps; i++) {
      const t = i / steps;
      const off = i === 0 || i === steps ? 0 : prng.range(-wobble, wobble);
      points.push({ x: from.x + dx * t + nx * off, y: from.y + dy * t + ny * off });
    }
    return points;
  };

  const spread = (count: number, half: number, i: number): number =>
    -half + ((i + 0.5) * 2 * half) / count;

  cityStreetsEastWest.forEach((name, i) => {
    const y = -spread(cityStreetsEastWest.length, cityHalfHeight, i) + prng.range(-150, 150);
    add(name, 'street', line({ x: -cityHalfWidth, y }, { x: cityHalfWidth, y }, 8, 60));
  });
  cityStreetsNorthSouth.forEach((name, i) => {
    const x = spread(cityStreetsNorthSouth.length, cityHalfWidth, i) + prng.range(-150, 150);
    add(name, 'street', line({ x, y: -cityHalfHeight }, { x, y: cityHalfHeight }, 8, 60));
  });
  ruralRoadsEastWest.forEach((name, i) => {
    const y = -spread(ruralRoadsEastWest.length, countyHalfHeight, i) + prng.range(-900, 900);
    const tilt = prng.range(-2500, 2500);
    add(
      name,
      'country',
      line({ x: -countyHalfWidth, y: y - tilt }, { x: countyHalfWidth, y: y + tilt }, 14, 500),
    );
  });
  ruralRoadsNorthSouth.forEach((name, i) => {
    const x = spread(ruralRoadsNorthSouth.length, countyHalfWidth, i) + prng.range(-900, 900);
    const tilt = prng.range(-2500, 2500);
    add(
      name,
      i === 0 ? 'expressway' : 'country',
      line({ x: x - tilt, y: -countyHalfHeight }, { x: x + tilt, y: countyHalfHeight }, 14, 500),
    );
  });

  findCrossings(roads);
  return roads;
}

function findCrossings(roads: Road[]): void {
  for (let a = 0; a < roads.length; a++) {
    for (let b = a + 1; b < roads.length; b++) {
      const ra = roads[a] as Road;
      const rb = roads[b] as Road;
      // The expressway has interchanges only with the national and provincial roads.
      if (ra.kind === 'expressway' || rb.kind === 'expressway') {
        const other = ra.kind === 'expressway' ? rb : ra;
        if (!/国道|省道/.test(other.name)) continue;
      }
      for (let i = 1; i < ra.points.length; i++) {
        for (let j = 1; j < rb.points.length; j++) {
          const hit = segmentIntersection(
            ra.points[i - 1] as Point,
            ra.points[i] as Point,
            rb.points[j - 1] as Point,
            rb.points[j] as Point,
          );
          if (!hit) continue;
          const sa = (ra.cumulative[i - 1] as number) + hit.t * segLen(ra, i);
          const sb = (rb.cumulative[j - 1] as number) + hit.u * segLen(rb, j);
          ra.crossings.push({ s: sa, other: b, otherS: sb, at: hit.at });
          rb.crossings.push({ s: sb, other: a, otherS: sa, at: hit.at });
        }
      }
    }
  }
  for (const road of roads) road.crossings.sort((p, q) => p.s - q.s);
}

function segLen(road: Road, i: number): number {
  return (road.cumulative[i] as number) - (road.cumulative[i - 1] as number);
}

function segmentIntersection(
  p: Point,
  p2: Point,
  q: Point,
  q2: Point,
): { t: number; u: number; at: Point } | null {
  const rx = p2.x - p.x;
  const ry = p2.y - p.y;
  const sx = q2.x - q.x;
  const sy = q2.y - q.y;
  const denom = rx * sy - ry * sx;
  if (Math.abs(denom) < 1e-9) return null;
  const t = ((q.x - p.x) * sy - (q.y - p.y) * sx) / denom;
  const u = ((q.x - p.x) * ry - (q.y - p.y) * rx) / denom;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return { t, u, at: { x: p.x + rx * t, y: p.y + ry * t } };
}

/** The point s metres along a road (clamped to its ends) and the road's direction there. */
export function positionOnRoad(road: Road, s: number): RoadPosition {
  const d = Math.min(Math.max(s, 0), road.length);
  let i = 1;
  while (i < road.points.length - 1 && (road.cumulative[i] as number) < d) i++;
  const a = road.points[i - 1] as Point;
  const b = road.points[i] as Point;
  const len = segLen(road, i) || 1;
  const t = (d - (road.cumulative[i - 1] as number)) / len;
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, heading: bearing(a, b) };
}

/** The crossing on a road nearest to distance s, or null if the road crosses nothing. */
export function nearestCrossing(road: Road, s: number): Crossing | null {
  const list = road.crossings;
  if (list.length === 0) return null;
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Crossing).s < s) lo = mid + 1;
    else hi = mid;
  }
  const after = list[lo] as Crossing;
  const before = lo > 0 ? (list[lo - 1] as Crossing) : null;
  if (before && Math.abs(before.s - s) < Math.abs(after.s - s)) return before;
  return after;
}
