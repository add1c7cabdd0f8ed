import type { RoadGraphWire } from '../../contract/roads';

export class RoadGraphError extends Error {}

export interface RoadGraph {
  version: string;
  source: string;
  nodeCount: number;
  edgeCount: number;
  /** Per node, degrees. */
  lat: Float64Array;
  lng: Float64Array;
  // Forward and reverse adjacency (CSR): out[start[n]..start[n+1]) are n's arcs.
  // (Implemented in this file by the road slice; see index.ts for the API.)
}

export function buildRoadGraph(_wire: RoadGraphWire): RoadGraph {
  throw new RoadGraphError('not built yet');
}

export function nearestNode(
  _graph: RoadGraph,
  _lat: number,
  _lng: number,
): { node: number; distanceM: number } {
  throw new RoadGraphError('not built yet');
}
