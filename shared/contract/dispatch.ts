/**
 * The dispatch half (issue #13): incidents mirrored from the platform, the unit to send by road
 * ETA, orders and their timers, unit status, reinforcement levels and the cordon. Methods here are
 * spread into `methods` in shared/api.ts; payloads in DispatchEventPayloads become streams
 * (listed in dispatchStreams). Who may call what: shared/contract/access.ts (dispatching, raising
 * a level, merging and closing are the chief's; a watcher sees the queue and opens incidents).
 *
 * The platform is the system of record (docs/protocol.md §8): a station mirrors its incidents
 * (MQTT, retained) in the cache and changes them through the outbox (HTTP events, exactly once).
 * An incident opened here while the platform is away is shown at once as `provisional` (no
 * number yet) and becomes the platform's when its record comes back.
 */
import { z } from 'zod';
import { deskOnly, method, wallIdSchema } from './method';
import type { LngLat, Ring } from './map';
import {
  dispositionCodes,
  IncidentLevelSchema,
  incidentStatuses,
  type IncidentMessage,
  type UnitActivity,
  type UnitAvailability,
  type UnitKind,
} from './platform';
import { MarkSnapshotSchema } from './watch';

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const incidentId = z.string().trim().min(1).max(100);
const unitId = z.string().min(1).max(64);
const level = IncidentLevelSchema;

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

/** An incident as the station holds it: the platform's record, and what this station knows. */
export interface Incident extends IncidentMessage {
  /** When this station first had it, ms. */
  receivedAt: number;
  /** Opened at this station and not yet confirmed by the platform (number is '待编号'). */
  provisional: boolean;
  /** This station's actions on it still in the outbox (the desk shows them as pending). */
  pending: number;
  /** The last action of this station the platform refused, and why (409: closed elsewhere…). */
  refused: { action: string; answer: string; at: number } | null;
  /** The zone and grid its point lies in (null outside every grid). */
  zoneId: string | null;
  gridId: string | null;
}

/** Where one order stands, with its timers (issue #13 item 5). */
export interface OrderView {
  orderId: string;
  incidentId: string;
  unitId: string;
  callSign: string;
  orderedAt: number;
  by: string;
  /** queued: in the outbox; sent: the broker has it; then the unit's own statuses. */
  state: 'queued' | 'sent' | 'acknowledged' | 'en-route' | 'arrived' | 'cleared' | 'refused';
  acknowledgedAt: number | null;
  arrivedAt: number | null;
  /** When the acknowledgement and the arrival are due (the limits of `dispatch.*` in the config). */
  ackDueAt: number;
  arrivalDueAt: number;
  /** Past a limit and not yet done: the desk flags it. */
  late: 'ack' | 'arrival' | null;
  /** Why the platform refused the dispatch (state `refused`). */
  refusal: string | null;
  reinforcement: string | null;
}

/** One line of the units board. */
export interface UnitBoardEntry {
  unitId: string;
  callSign: string;
  kind: UnitKind;
  availability: UnitAvailability;
  /** The unit's own activity, or `offline` when its fix is stale (no fix for 2 minutes). */
  activity: UnitActivity | 'offline';
  incidentId: string | null;
  orderId: string | null;
  /** When the status was last reported (null: never; the unit is taken as patrolling). */
  statusAt: number | null;
  lat: number;
  lng: number;
  fixAt: number;
  zoneId: string | null;
  gridId: string | null;
}

/** One unit ranked for an incident. */
export interface Recommendation {
  unitId: string;
  callSign: string;
  kind: UnitKind;
  availability: UnitAvailability;
  activity: UnitActivity | 'offline';
  /** Drive (or walk) time over the roads, seconds. */
  etaS: number;
  /** Length of that route, metres. */
  roadM: number;
  /** Straight-line distance, metres (what the old "nearest" ranked by). */
  straightM: number;
  /** Its position is fresh (< 2 min); else it is placed at its post (`fromPost`) or last fix. */
  fresh: boolean;
  fromPost: boolean;
  zoneId: string | null;
  gridId: string | null;
}

export interface RecommendResult {
  /** The road graph's version the ETAs were computed on; null: no graph, straight-line only. */
  graphVersion: string | null;
  /** Ranked by ETA, available first, then conditionally available. */
  units: Recommendation[];
  /** How long the search took, ms (the bench's figure, shown small on the desk). */
  computeMs: number;
}

export interface Route {
  unitId: string;
  etaS: number;
  roadM: number;
  /** From the unit to the incident, `[lng, lat]`. */
  line: LngLat[];
}

export const reinforcementRings = [
  'grid', // the incident's grid
  'neighbour-grids', // grids touching it
  'zone', // the incident's zone
  'neighbour-zones', // zones touching it
  'special', // special units (特警, 机动), any zone
] as const;
export type ReinforcementRing = (typeof reinforcementRings)[number];

export const ReinforcementLevelSchema = z.strictObject({
  id: z.string().trim().min(1).max(50),
  /** 一级 / 二级 / 三级 … */
  name: z.string().trim().min(1).max(50),
  rings: z
    .array(
      z.strictObject({
        ring: z.enum(reinforcementRings),
        units: z.number().int().min(1).max(50),
        /** Kinds of unit this ring takes (default: any). */
        kinds: z
          .array(z.enum(['car', 'foot', 'village']))
          .max(3)
          .optional(),
      }),
    )
    .min(1)
    .max(10),
  /** A saved wall view (view.load) to open when the level is raised. */
  viewId: z.string().max(100).optional(),
  /** Map zoom to show the incident at. */
  mapZoom: z.number().int().min(8).max(19).optional(),
});
export type ReinforcementLevel = z.infer<typeof ReinforcementLevelSchema>;

export interface ReinforcementProposal {
  levelId: string;
  incidentId: string;
  rings: {
    ring: ReinforcementRing;
    wanted: number;
    units: Recommendation[];
    /** Wanted but not found in this ring. */
    short: number;
  }[];
  /** Grids that would be left with no available unit if these were sent. */
  holes: { gridId: string; name: string }[];
}

export const cordonModes = ['vehicle', 'foot'] as const;

export interface CordonExit {
  id: string;
  lat: number;
  lng: number;
  /** The road it leaves by. */
  road: string;
  /** When the suspect can be there at the earliest, seconds from now. */
  suspectEtaS: number;
  /**
   * Units that can be there, `beats`: before the suspect. The unit the plan proposes for this exit
   * comes first (one unit per exit across the plan), then the others fastest first.
   */
  units: { unitId: string; callSign: string; etaS: number; beats: boolean }[];
  /** Checkpoint cameras and fixed posts within 300 m of the exit. */
  checkpoints: string[];
  posts: string[];
}

export interface CordonPlan {
  /**
   * The cordon's area, outline `[lng, lat]`: where the suspect can be by the time units close
   * its exits (`horizonMinutes` from now), the smallest such ring the units can close.
   */
  area: Ring;
  /** Where the suspect may be by now (at `minutesSince`), outline `[lng, lat]`. */
  nowArea: Ring;
  /** Minutes from now the ring is drawn for. */
  horizonMinutes: number;
  /** How far over the roads, metres. */
  reachM: number;
  exits: CordonExit[];
  graphVersion: string | null;
}

export interface RoadsInfo {
  version: string;
  source: string;
  nodes: number;
  edges: number;
  /** When the station took it, ms. */
  takenAt: number;
}

// ---------------------------------------------------------------------------------------------
// Methods and events
// ---------------------------------------------------------------------------------------------

export const IncidentOpenInputSchema = z.strictObject({
  category: z.string().trim().min(1).max(100),
  level,
  lat,
  lng,
  address: z.string().max(500).default(''),
  summary: z.string().max(2000).default(''),
  cameraId: z.string().min(1).max(64).optional(),
  snapshot: MarkSnapshotSchema.optional(),
});

export const CordonInputSchema = z.strictObject({
  incidentId: incidentId.optional(),
  lat,
  lng,
  mode: z.enum(cordonModes),
  /** The suspect's speed, km/h (a car on these roads, a man running). */
  speedKmh: z.number().min(1).max(200),
  /** Minutes since the event: how far the suspect may be already. */
  minutesSince: z.number().min(0).max(120),
});

export const dispatchMethods = {
  /** Incidents, oldest unhandled first; filter by status. */
  'incident.list': method<Incident[]>()(
    z.strictObject({
      statuses: z.array(z.enum(incidentStatuses)).max(incidentStatuses.length).optional(),
      limit: z.number().int().min(1).max(2000).default(500),
    }),
    deskOnly,
  ),
  /** One incident, the recent ones at its place, and the open ones that may be its duplicate. */
  'incident.get': method<{ incident: Incident; nearby: Incident[]; duplicates: Incident[] }>()(
    z.strictObject({ id: incidentId }),
    deskOnly,
  ),
  'incident.open': method<Incident>()(IncidentOpenInputSchema, deskOnly),
  'incident.accept': method<Incident>()(z.strictObject({ id: incidentId }), deskOnly),
  'incident.note': method<Incident>()(
    z.strictObject({
      id: incidentId,
      text: z.string().trim().min(1).max(2000),
      snapshot: MarkSnapshotSchema.optional(),
    }),
    deskOnly,
  ),
  'incident.merge': method<Incident>()(
    z.strictObject({ id: incidentId, intoId: incidentId }),
    deskOnly,
  ),
  'incident.close': method<Incident>()(
    z.strictObject({
      id: incidentId,
      disposition: z.enum(dispositionCodes),
      note: z.string().max(2000).default(''),
    }),
    deskOnly,
  ),
  /** A picture of an incident, as a JPEG in base64 (fetched from the platform, kept in the cache). */
  'incident.picture': method<{ mime: 'image/jpeg'; data: string } | null>()(
    z.strictObject({ incidentId, pictureId: z.string().min(1).max(100) }),
    deskOnly,
  ),
  /** Puts the cameras that see the incident's point on the focus wall (as an alert's pull). */
  'incident.focus': method<{ cameraIds: string[]; wallId: number; tileIndexes: number[] }>()(
    z.strictObject({ id: incidentId, wallId: wallIdSchema.optional() }),
    deskOnly,
  ),
  /** Every unit that may go, ranked by ETA over the roads. */
  'dispatch.recommend': method<RecommendResult>()(
    z.strictObject({ incidentId, limit: z.number().int().min(1).max(400).default(20) }),
    deskOnly,
  ),
  /** The road route of one unit to the incident. */
  'dispatch.route': method<Route | null>()(z.strictObject({ incidentId, unitId }), deskOnly),
  /** Orders one or more units to the incident (vigil/orders/{unitId} through the outbox). */
  'dispatch.order': method<OrderView[]>()(
    z.strictObject({
      incidentId,
      unitIds: z.array(unitId).min(1).max(50),
      note: z.string().max(2000).default(''),
    }),
    deskOnly,
  ),
  /** Orders, newest first: of one incident, or every one still open. */
  'dispatch.orders': method<OrderView[]>()(
    z.strictObject({ incidentId: incidentId.optional() }),
    deskOnly,
  ),
  /** Every unit with its status, for the units board. */
  'units.board': method<UnitBoardEntry[]>()(z.strictObject({}), deskOnly),
  /** The road graph the station ranks by (null: none yet, straight-line only). */
  'roads.info': method<RoadsInfo | null>()(z.strictObject({}), deskOnly),
  /** The configured reinforcement levels (config `dispatch.levels`). */
  'reinforce.levels': method<ReinforcementLevel[]>()(z.strictObject({}), deskOnly),
  /** What raising a level would send, per ring, and the grids it would leave without a unit. */
  'reinforce.propose': method<ReinforcementProposal>()(
    z.strictObject({ incidentId, levelId: z.string().min(1).max(50) }),
    deskOnly,
  ),
  /** Raises the level: orders the confirmed units. */
  'reinforce.raise': method<OrderView[]>()(
    z.strictObject({
      incidentId,
      levelId: z.string().min(1).max(50),
      unitIds: z.array(unitId).min(1).max(100),
    }),
    deskOnly,
  ),
  /** The reachable area, its road exits and the units that can close each before the suspect. */
  'cordon.plan': method<CordonPlan>()(CordonInputSchema, deskOnly),
  /** Orders units to cordon exits (one order per unit, to its exit's point). */
  'cordon.order': method<OrderView[]>()(
    z.strictObject({
      incidentId,
      assignments: z
        .array(z.strictObject({ unitId, exitId: z.string().min(1).max(100), lat, lng }))
        .min(1)
        .max(50),
    }),
    deskOnly,
  ),
} as const;

export const dispatchStreams = ['incidents', 'orders', 'units.status'] as const;

export interface DispatchEventPayloads {
  /** Incidents that changed (new, a new rev, pending/refused changed). */
  incidents: { incidents: Incident[] };
  /** Orders that changed (state, late flag). */
  orders: { orders: OrderView[] };
  /** Units whose status or availability changed. */
  'units.status': { units: UnitBoardEntry[] };
}
