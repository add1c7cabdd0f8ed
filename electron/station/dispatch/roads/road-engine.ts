/**
 * The answers of the RoadRouter over one built graph, synchronous: run inside the road worker
 * (./road-worker.ts), or in the core's own thread when no worker could be started. Holds no
 * timers and no I/O, so the same code answers in both places and in the tests.
 *
 * Points off the road (a unit parked in a yard, an incident inside a block) are joined to the
 * graph through the few nodes near them, the straight stretch counted at a slow speed
 * (`offRoadKmh`): so a unit between two junctions of a long road is not sent the long way round
 * because its single nearest node happened to be behind it.
 */
import type { LngLat } from '../../../../shared/contract/map';
import type { UnitKind } from '../../../../shared/contract/platform';
import type { RoadGraphWire } from '../../../../shared/contract/roads';
import {
  buildRoadGraph,
  nearestNode,
  nodesNear,
  pathTo,
  reachExits,
  reachM,
  reachOutline,
  shortestTimes,
  speedProfile,
  type RoadGraph,
  type SearchOptions,
} from '../../../../shared/domain/roads';
import type { Eta, Origin, ReachAnswer } from '../road-router';

/** Speed across the off-road stretch to the nearest roads, km/h (never above the kind's own). */
export const offRoadKmh: Record<UnitKind, number> = { car: 15, foot: 5, village: 10 };
/** How far past the nearest node other nodes are still tried as the way onto the roads (m). */
const snapSlackM = 150;
/** At most this many nodes tried per point. */
const snapMax = 8;

type Point = { lat: number; lng: number };
type Snap = { node: number; offM: number; offS: number }[];

export interface EtaResult {
  byId: Map<string, Eta>;
  computeMs: number;
}

export class RoadEngine {
  readonly graph: RoadGraph;

  constructor(wire: RoadGraphWire) {
    this.graph = buildRoadGraph(wire);
  }

  /** The nodes a point joins the roads by, with the off-road stretch's metres and seconds. */
  snap(p: Point, kmh: number): Snap {
    const nearest = nearestNode(this.graph, p.lat, p.lng);
    const near = nodesNear(this.graph, p.lat, p.lng, nearest.distanceM + snapSlackM, snapMax);
    if (near.length === 0) near.push({ node: nearest.node, distanceM: nearest.distanceM });
    return near.map(({ node, distanceM }) => ({
      node,
      offM: distanceM,
      offS: (distanceM * 3.6) / kmh,
    }));
  }

  /** ONE reverse search from the target per kind present, then each origin's best way in. */
  etaTo(target: Point, origins: readonly Origin[]): EtaResult {
    const started = performance.now();
    const byId = new Map<string, Eta>();
    const kinds = new Set(origins.map((o) => o.kind));
    for (const kind of kinds) {
      const slow = offRoadKmh[kind];
      const targetSnap = this.snap(target, slow);
      const search = shortestTimes(
        this.graph,
        targetSnap.map((s) => ({ node: s.node, startS: s.offS })),
        { direction: 'reverse', kind },
      );
      const targetOffM = (node: number): number => {
        // The search's prev chain ends at the target node it started from: find its off-road
        // metres (a handful of entries, so a scan is cheaper than a map).
        let at = node;
        for (
          let guard = 0;
          guard < this.graph.nodeCount && (search.prev[at] as number) >= 0;
          guard++
        ) {
          at = search.prev[at] as number;
        }
        return targetSnap.find((s) => s.node === at)?.offM ?? 0;
      };
      for (const o of origins) {
        if (o.kind !== kind) continue;
        let best: Eta | null = null;
        let bestNode = -1;
        for (const s of this.snap(o, slow)) {
          const t = search.timeS[s.node] as number;
          if (t === Infinity) continue;
          const etaS = t + s.offS;
          if (!best || etaS < best.etaS) {
            best = { etaS, roadM: (search.distM[s.node] as number) + s.offM };
            bestNode = s.node;
          }
        }
        if (best) {
          best.roadM += targetOffM(bestNode);
          byId.set(o.id, best);
        }
      }
    }
    return { byId, computeMs: performance.now() - started };
  }

  /** The best route of one origin to the target, drawn from the origin through the roads. */
  route(from: Origin, to: Point): (Eta & { line: LngLat[] }) | null {
    const slow = offRoadKmh[from.kind];
    const targetSnap = this.snap(to, slow);
    const search = shortestTimes(
      this.graph,
      targetSnap.map((s) => ({ node: s.node, startS: s.offS })),
      { direction: 'reverse', kind: from.kind },
    );
    let best: { etaS: number; node: number; offM: number } | null = null;
    for (const s of this.snap(from, slow)) {
      const t = search.timeS[s.node] as number;
      if (t !== Infinity && (!best || t + s.offS < best.etaS)) {
        best = { etaS: t + s.offS, node: s.node, offM: s.offM };
      }
    }
    if (!best) return null;
    // A reverse search lists target … origin: reversed, it is the drive from the origin.
    const nodes = pathTo(search, best.node).reverse();
    const last = nodes[nodes.length - 1] as number;
    const line: LngLat[] = [[from.lng, from.lat]];
    for (const n of nodes) line.push([this.graph.lng[n] as number, this.graph.lat[n] as number]);
    line.push([to.lng, to.lat]);
    const targetOffM = targetSnap.find((s) => s.node === last)?.offM ?? 0;
    return {
      etaS: best.etaS,
      roadM: (search.distM[best.node] as number) + best.offM + targetOffM,
      line,
    };
  }

  /**
   * Where a suspect may be `seconds` after the start, and the road exits of that area. Each exit
   * is the first junction beyond the area along a road leaving it (where a unit can stand), with
   * the suspect's earliest time there counted from the start, like `seconds` (the straight-line
   * router counts the same way): the desk compares it with the time already gone plus a unit's
   * ETA to say who gets there first.
   */
  reach(from: Point, mode: 'vehicle' | 'foot', speedKmh: number, seconds: number): ReachAnswer {
    const kind: SearchOptions['kind'] =
      mode === 'vehicle' ? { kmh: speedKmh, capByRoad: true } : { kmh: speedKmh, capByRoad: false };
    const slow = Math.min(speedProfile(kind).kmh, mode === 'vehicle' ? 15 : speedKmh);
    const sources = this.snap(from, slow).map((s) => ({ node: s.node, startS: s.offS }));
    const search = shortestTimes(this.graph, sources, {
      direction: 'forward',
      kind,
      limitS: seconds,
    });
    const exits = reachExits(this.graph, search, seconds, { kind });
    return {
      area: reachOutline(this.graph, search, seconds, exits),
      reachM: reachM(search, seconds),
      exits: exits.map((x) => ({
        id: x.id,
        lat: x.beyond.lat,
        lng: x.beyond.lng,
        road: x.road,
        suspectEtaS: Math.round(x.beyond.etaS),
      })),
      graphVersion: this.graph.version,
    };
  }

  etaToMany(
    targets: readonly { id: string; lat: number; lng: number }[],
    origins: readonly Origin[],
  ): Map<string, Map<string, Eta>> {
    const out = new Map<string, Map<string, Eta>>();
    for (const t of targets) out.set(t.id, this.etaTo(t, origins).byId);
    return out;
  }
}
