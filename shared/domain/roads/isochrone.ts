/**
 * The cordon's geometry (issue #13 item 7): what a fleeing suspect may have reached over the
 * roads within T seconds (an isochrone), its outline, and its road exits: the places where a
 * road leaves that area, which are where units must stand to close it.
 */
import type { LngLat, Ring } from '../../contract/map';
import { edgeName, type RoadGraph } from './graph';
import { edgeTimeS, speedProfile, type SearchOptions, type SearchResult } from './search';

export interface RoadExit {
  /** Stable within one graph version: the edge it leaves by. */
  id: string;
  /** The edge leaving the area, from the reached node `from` to the node beyond, `to`. */
  edge: number;
  from: number;
  to: number;
  /** Where the road crosses the area's edge (interpolated on the edge at T), degrees. */
  lat: number;
  lng: number;
  /** The road's name ('' when the graph has none). */
  road: string;
  /**
   * The first junction beyond the area along that road (the place a unit can stand: following
   * the road through its curve vertices), and the suspect's earliest time there from the start.
   */
  beyond: { node: number; lat: number; lng: number; etaS: number };
  /** How many leaving edges were merged into this exit (a dual carriageway, a fork nearby). */
  merged: number;
}

export interface ExitOptions {
  /** The same speed profile the search used (the crossing is interpolated with it). */
  kind: SearchOptions['kind'];
  /** Exits nearer than this to a more urgent one are merged into it (metres). */
  clusterM?: number;
  /** How far to follow a road through curve vertices to its next junction (metres). */
  maxFollowM?: number;
}

const mPerLat = 111_195;

/**
 * The exits of the area reached within `limitS` by a FORWARD search: every arc from a node
 * reached in time (timeS ≤ limitS) to one that is not, with the crossing point on it; merged
 * within `clusterM` (the most urgent kept), sorted by the suspect's time to the junction beyond
 * (soonest first: the exits to close first).
 */
export function reachExits(
  graph: RoadGraph,
  search: SearchResult,
  limitS: number,
  options: ExitOptions,
): RoadExit[] {
  const profile = speedProfile(options.kind);
  const clusterM = options.clusterM ?? 200;
  const maxFollowM = options.maxFollowM ?? 1500;
  const { timeS } = search;
  const candidates: RoadExit[] = [];
  for (let u = 0; u < graph.nodeCount; u++) {
    const tu = timeS[u] as number;
    if (!(tu <= limitS)) continue;
    const end = graph.outStart[u + 1] as number;
    for (let a = graph.outStart[u] as number; a < end; a++) {
      const v = graph.outTo[a] as number;
      if ((timeS[v] as number) <= limitS) continue;
      const e = graph.outEdge[a] as number;
      const te = edgeTimeS(graph, e, profile);
      const f = te > 0 ? Math.min(1, Math.max(0, (limitS - tu) / te)) : 0;
      const lat = lerp(graph.lat[u] as number, graph.lat[v] as number, f);
      const lng = lerp(graph.lng[u] as number, graph.lng[v] as number, f);
      const beyond = followToJunction(graph, u, v, tu + te, profile, maxFollowM);
      candidates.push({
        id: `e${e}`,
        edge: e,
        from: u,
        to: v,
        lat,
        lng,
        road: edgeName(graph, e),
        beyond,
        merged: 1,
      });
    }
  }
  candidates.sort((x, y) => x.beyond.etaS - y.beyond.etaS || x.edge - y.edge);
  return cluster(candidates, clusterM);
}

/**
 * From arc u→v onwards, through nodes with exactly two neighbours (vertices of one curved road),
 * to the first junction or dead end: where a unit can actually stand and close the road.
 */
function followToJunction(
  graph: RoadGraph,
  u: number,
  v: number,
  tv: number,
  profile: { kmh: number; capByRoad: boolean },
  maxFollowM: number,
): RoadExit['beyond'] {
  let back = u;
  let at = v;
  let t = tv;
  let followed = 0;
  for (let steps = 0; steps < 10_000; steps++) {
    const next = onlyOtherNeighbour(graph, at, back);
    if (!next) break;
    if (followed + (graph.edgeLenM[next.edge] as number) > maxFollowM) break;
    followed += graph.edgeLenM[next.edge] as number;
    t += edgeTimeS(graph, next.edge, profile);
    back = at;
    at = next.node;
    if (at === u || at === v) break; // a loop road: stop where it closes
  }
  return { node: at, lat: graph.lat[at] as number, lng: graph.lng[at] as number, etaS: t };
}

/** When `at` has exactly two distinct neighbours and may be left towards the one that is not
 * `back`, that neighbour and the edge to it; else null (a junction, a dead end, a one-way's end). */
function onlyOtherNeighbour(
  graph: RoadGraph,
  at: number,
  back: number,
): { node: number; edge: number } | null {
  let other = -1;
  const check = (w: number): boolean => {
    if (w === back) return true;
    if (other === -1) other = w;
    return other === w;
  };
  for (let a = graph.outStart[at] as number; a < (graph.outStart[at + 1] as number); a++) {
    if (!check(graph.outTo[a] as number)) return null;
  }
  for (let a = graph.inStart[at] as number; a < (graph.inStart[at + 1] as number); a++) {
    if (!check(graph.inFrom[a] as number)) return null;
  }
  if (other < 0) return null;
  for (let a = graph.outStart[at] as number; a < (graph.outStart[at + 1] as number); a++) {
    if (graph.outTo[a] === other) return { node: other, edge: graph.outEdge[a] as number };
  }
  return null;
}

/**
 * Greedy: each candidate (most urgent first) joins the first kept exit whose junction beyond is
 * within `clusterM` of its own (two carriageways, or two curve arcs reaching one junction, are
 * one place to stand).
 */
function cluster(sorted: RoadExit[], clusterM: number): RoadExit[] {
  const kept: RoadExit[] = [];
  // A hash of cells clusterM wide: only the 3×3 cells around a candidate can hold a kept exit
  // within reach, so a county-wide area with thousands of leaving edges stays linear.
  const cells = new Map<string, RoadExit[]>();
  const mPerLng = (lat: number): number => mPerLat * Math.cos((lat * Math.PI) / 180);
  for (const c of sorted) {
    const { lat, lng } = c.beyond;
    const cy = Math.floor((lat * mPerLat) / clusterM);
    const cx = Math.floor((lng * mPerLng(lat)) / clusterM);
    let into: RoadExit | null = null;
    for (let dy = -1; dy <= 1 && !into; dy++) {
      for (let dx = -1; dx <= 1 && !into; dx++) {
        for (const k of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          const y = (k.beyond.lat - lat) * mPerLat;
          const x = (k.beyond.lng - lng) * mPerLng(lat);
          if (x * x + y * y <= clusterM * clusterM) {
            into = k;
            break;
          }
        }
      }
    }
    if (into) {
      into.merged++;
      if (!into.road && c.road) into.road = c.road;
      continue;
    }
    kept.push(c);
    const key = `${cx},${cy}`;
    const list = cells.get(key);
    if (list) list.push(c);
    else cells.set(key, [c]);
  }
  return kept;
}

/**
 * The outline of the area: the convex hull of the reached nodes and the exits' crossing points
 * (so the drawn area ends where the roads cross out of it). Empty when fewer than 3 points.
 */
export function reachOutline(
  graph: RoadGraph,
  search: SearchResult,
  limitS: number,
  exits: readonly { lat: number; lng: number }[] = [],
): Ring {
  const pts: LngLat[] = [];
  for (let i = 0; i < graph.nodeCount; i++) {
    if ((search.timeS[i] as number) <= limitS) {
      pts.push([graph.lng[i] as number, graph.lat[i] as number]);
    }
  }
  for (const x of exits) pts.push([x.lng, x.lat]);
  return convexHull(pts);
}

/** Andrew's monotone chain: counter-clockwise, first point not repeated (the contract's Ring). */
export function convexHull(points: readonly LngLat[]): Ring {
  const pts = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  if (pts.length < 3) return pts;
  const cross = (o: LngLat, a: LngLat, b: LngLat): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: LngLat[] = [];
  for (const p of pts) {
    while (
      lower.length >= 2 &&
      cross(lower[lower.length - 2] as LngLat, lower[lower.length - 1] as LngLat, p) <= 0
    ) {
      lower.pop();
    }
    lower.push(p);
  }
  const upper: LngLat[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i] as LngLat;
    while (
      upper.length >= 2 &&
      cross(upper[upper.length - 2] as LngLat, upper[upper.length - 1] as LngLat, p) <= 0
    ) {
      upper.pop();
    }
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return [...lower, ...upper];
}

/** The longest road distance reached within `limitS` (metres): the "how far" the desk shows. */
export function reachM(search: SearchResult, limitS: number): number {
  let best = 0;
  for (let i = 0; i < search.timeS.length; i++) {
    if ((search.timeS[i] as number) <= limitS && (search.distM[i] as number) > best) {
      best = search.distM[i] as number;
    }
  }
  return best;
}

function lerp(a: number, b: number, f: number): number {
  return a + (b - a) * f;
}
