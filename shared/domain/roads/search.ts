/**
 * Shortest times over the road graph: Dijkstra with an indexed binary heap over typed arrays
 * (no objects per node, so a county-size search stays in the tens of milliseconds), from several
 * sources at once, forward (where can it get) or on the reversed graph (who gets here first).
 */
import type { UnitKind } from '../../contract/platform';
import type { RoadGraph } from './graph';

export interface SearchOptions {
  /** forward: from the sources outwards; reverse: towards the sources (ETA to one target). */
  direction: 'forward' | 'reverse';
  /** Whose speed: a car keeps each edge's kmh; foot 5 km/h; village patrollers 15 km/h (capped). */
  kind: UnitKind | { kmh: number; capByRoad: boolean };
  /** Stop past this many seconds (an isochrone). */
  limitS?: number;
}

export interface SearchResult {
  /** Seconds to each node (Infinity: not reached). */
  timeS: Float64Array;
  /** Metres to each node over the roads. */
  distM: Float64Array;
  /** The previous node on the best path (-1 at a source or unreached). */
  prev: Int32Array;
  /** The edge taken from `prev` (-1 at a source or unreached): for road names along a route. */
  prevEdge: Int32Array;
  /** How many nodes the search settled (for benches and tests). */
  settled: number;
}

/** Walking speed, and the cap for village patrollers (bicycles, e-bikes), km/h. */
export const footKmh = 5;
export const villageKmh = 15;

/** The speed profile of a search: a fixed speed, optionally capped by each road's own. */
export function speedProfile(kind: SearchOptions['kind']): { kmh: number; capByRoad: boolean } {
  if (typeof kind === 'object') return kind;
  if (kind === 'foot') return { kmh: footKmh, capByRoad: false };
  if (kind === 'village') return { kmh: villageKmh, capByRoad: true };
  return { kmh: Infinity, capByRoad: true };
}

/** Seconds to drive (or walk) edge `e` with a profile. */
export function edgeTimeS(
  graph: RoadGraph,
  e: number,
  profile: { kmh: number; capByRoad: boolean },
): number {
  const road = graph.edgeKmh[e] as number;
  const kmh = profile.capByRoad ? Math.min(road, profile.kmh) : profile.kmh;
  return ((graph.edgeLenM[e] as number) * 3.6) / kmh;
}

export function shortestTimes(
  graph: RoadGraph,
  sources: { node: number; startS?: number }[],
  options: SearchOptions,
): SearchResult {
  const n = graph.nodeCount;
  const timeS = new Float64Array(n).fill(Infinity);
  const distM = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  const prevEdge = new Int32Array(n).fill(-1);
  const limit = options.limitS ?? Infinity;
  const { kmh, capByRoad } = speedProfile(options.kind);
  const reverse = options.direction === 'reverse';
  const start = reverse ? graph.inStart : graph.outStart;
  const next = reverse ? graph.inFrom : graph.outTo;
  const arcEdge = reverse ? graph.inEdge : graph.outEdge;
  const edgeKmh = graph.edgeKmh;
  const edgeLenM = graph.edgeLenM;

  // Indexed binary heap on timeS: heap[] holds nodes, pos[node] its slot (-1: not in the heap).
  const heap = new Int32Array(n);
  const pos = new Int32Array(n).fill(-1);
  let size = 0;
  const up = (i: number): void => {
    const node = heap[i] as number;
    const t = timeS[node] as number;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pn = heap[p] as number;
      if ((timeS[pn] as number) <= t) break;
      heap[i] = pn;
      pos[pn] = i;
      i = p;
    }
    heap[i] = node;
    pos[node] = i;
  };
  const down = (i: number): void => {
    const node = heap[i] as number;
    const t = timeS[node] as number;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      const r = c + 1;
      if (r < size && (timeS[heap[r] as number] as number) < (timeS[heap[c] as number] as number)) {
        c = r;
      }
      const cn = heap[c] as number;
      if ((timeS[cn] as number) >= t) break;
      heap[i] = cn;
      pos[cn] = i;
      i = c;
    }
    heap[i] = node;
    pos[node] = i;
  };

  for (const s of sources) {
    if (!(s.node >= 0 && s.node < n)) continue;
    const t0 = s.startS ?? 0;
    if (t0 > limit || t0 >= (timeS[s.node] as number)) continue;
    timeS[s.node] = t0;
    distM[s.node] = 0;
    if ((pos[s.node] as number) < 0) {
      heap[size] = s.node;
      pos[s.node] = size++;
    }
    up(pos[s.node] as number);
  }

  let settled = 0;
  while (size > 0) {
    const u = heap[0] as number;
    pos[u] = -2; // settled: never re-entered (times only grow from here)
    size--;
    if (size > 0) {
      heap[0] = heap[size] as number;
      down(0);
    }
    settled++;
    const tu = timeS[u] as number;
    const du = distM[u] as number;
    const end = start[u + 1] as number;
    for (let a = start[u] as number; a < end; a++) {
      const v = next[a] as number;
      if ((pos[v] as number) === -2) continue;
      const e = arcEdge[a] as number;
      const road = edgeKmh[e] as number;
      const speed = capByRoad && road < kmh ? road : kmh;
      const len = edgeLenM[e] as number;
      const t = tu + (len * 3.6) / speed;
      if (t >= (timeS[v] as number) || t > limit) continue;
      timeS[v] = t;
      distM[v] = du + len;
      prev[v] = u;
      prevEdge[v] = e;
      if ((pos[v] as number) < 0) {
        heap[size] = v;
        pos[v] = size++;
      }
      up(pos[v] as number);
    }
  }
  return { timeS, distM, prev, prevEdge, settled };
}

/**
 * Node indexes from a source to `node` ([] when unreached). After a reverse search the source is
 * the target: the list runs from it back to `node`, so reverse it for the drive from `node`.
 */
export function pathTo(search: SearchResult, node: number): number[] {
  if (!(node >= 0 && node < search.timeS.length) || search.timeS[node] === Infinity) return [];
  const out: number[] = [];
  for (let v = node; v >= 0; v = search.prev[v] as number) {
    out.push(v);
    if (out.length > search.timeS.length) break; // cannot happen; guards a corrupt prev array
  }
  return out.reverse();
}
