/**
 * The simulated county's road graph as the platform serves it (`GET /api/v1/roads`,
 * docs/protocol.md §8, format in shared/contract/roads.ts): the road network's polylines turned
 * into nodes and edges. The station ranks units by drive time on it, and the simulator's own units
 * drive it to an incident, so both see the same roads.
 *
 * A node at every polyline point and at every crossing (one node shared by the two roads, so a
 * route can turn there); an edge between consecutive nodes along each road. The expressway
 * crosses other roads without a node except at its interchanges, because road-network.ts only
 * records those as crossings.
 */
import { createHash } from 'node:crypto';
import type { RoadGraphWire, RoadKind as WireRoadKind } from '../../shared/contract/roads';
import { toLatLng, type Point } from './geo-frame';
import type { Road, RoadKind } from './road-network';

/** The speed a car keeps on each kind of the simulator's roads, km/h. */
export const simRoadKmh: Record<RoadKind, number> = { street: 40, country: 50, expressway: 90 };

/**
 * A polyline point and a crossing closer than this along one road are one node: a crossing found
 * exactly at a bend would otherwise leave a zero-length edge between two nodes in one place.
 */
const mergeM = 0.5;

interface Stop {
  s: number;
  node: number;
  crossing: boolean;
}

export function simRoadGraph(roads: Road[]): RoadGraphWire {
  const nodes: [number, number][] = [];
  const edges: [number, number, number, 0 | 1][] = [];
  const names: string[] = [];
  const kinds: WireRoadKind[] = [];
  const addNode = (p: Point): number => {
    const { lat, lng } = toLatLng(p);
    nodes.push([lng, lat]);
    return nodes.length - 1;
  };
  // road-network.ts gives both roads of a crossing the same `at` object: its identity is the key
  // that makes the two roads share one node.
  const crossingNodes = new Map<Point, number>();

  for (const road of roads) {
    const stops: Stop[] = [];
    for (const c of road.crossings) {
      let node = crossingNodes.get(c.at);
      if (node === undefined) {
        node = addNode(c.at);
        crossingNodes.set(c.at, node);
      }
      stops.push({ s: c.s, node, crossing: true });
    }
    road.points.forEach((p, i) => {
      const s = road.cumulative[i] as number;
      const near = stops.find((st) => st.crossing && Math.abs(st.s - s) < mergeM);
      if (near) return; // the crossing's node stands for this point
      stops.push({ s, node: addNode(p), crossing: false });
    });
    stops.sort((a, b) => a.s - b.s);
    for (let i = 1; i < stops.length; i++) {
      const a = stops[i - 1] as Stop;
      const b = stops[i] as Stop;
      if (a.node === b.node) continue;
      edges.push([a.node, b.node, simRoadKmh[road.kind], 0]);
      names.push(road.name);
      kinds.push(road.kind);
    }
  }

  const content = { source: 'simulator', nodes, edges, names, kinds };
  const version = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
  return { version, ...content };
}
