/**
 * The seam between the dispatch service (incidents, orders: ./dispatch-*.ts) and the road graph
 * (./roads/*: the graph fetched from the platform and cached, searched in a worker thread).
 * The dispatch service asks these questions; the road side answers them without blocking the
 * core's event loop. Positions are WGS-84 degrees; times seconds; lengths metres.
 */
import type { CordonExit, RoadsInfo } from '../../../shared/contract/dispatch';
import type { LngLat, Ring } from '../../../shared/contract/map';
import type { UnitKind } from '../../../shared/contract/platform';

export interface Origin {
  id: string;
  lat: number;
  lng: number;
  kind: UnitKind;
}

export interface Eta {
  etaS: number;
  roadM: number;
}

export interface EtaAnswer {
  /** By origin id; an origin that cannot reach the target over the roads is absent. */
  byId: Map<string, Eta>;
  /** null: no graph, the answer is straight-line at each kind's speed. */
  graphVersion: string | null;
  computeMs: number;
}

export interface ReachAnswer {
  /** Outline of what is reachable within the time, `[lng, lat]`. */
  area: Ring;
  reachM: number;
  /** Road exits of that area: where a road leaves it, with when the suspect gets there. */
  exits: Pick<CordonExit, 'id' | 'lat' | 'lng' | 'road' | 'suspectEtaS'>[];
  graphVersion: string | null;
}

export interface RoadRouter {
  /** The graph in use, or null when there is none yet. */
  info(): RoadsInfo | null;
  /**
   * ETA from every origin to the target: ONE single-source search from the target on the
   * reversed graph (per unit kind's speed profile), not one route per origin.
   */
  etaTo(target: { lat: number; lng: number }, origins: Origin[]): Promise<EtaAnswer>;
  /** The route of one origin to the target, or null when unreachable. */
  route(from: Origin, to: { lat: number; lng: number }): Promise<(Eta & { line: LngLat[] }) | null>;
  /**
   * A fleeing suspect: where it may be after `seconds` at `speedKmh` (capped by each road's own
   * speed for a vehicle), and the roads by which it leaves that area.
   */
  reach(
    from: { lat: number; lng: number },
    mode: 'vehicle' | 'foot',
    speedKmh: number,
    seconds: number,
  ): Promise<ReachAnswer>;
  /** ETA from each origin to each of several points (the cordon's exits): one search per point. */
  etaToMany(
    targets: { id: string; lat: number; lng: number }[],
    origins: Origin[],
  ): Promise<Map<string, Map<string, Eta>>>;
  start(): void;
  stop(): Promise<void>;
}
