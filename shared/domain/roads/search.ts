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
}

export function shortestTimes(
  _graph: RoadGraph,
  _sources: { node: number; startS?: number }[],
  _options: SearchOptions,
): SearchResult {
  throw new Error('not built yet');
}

export function pathTo(_search: SearchResult, _node: number): number[] {
  throw new Error('not built yet');
}
