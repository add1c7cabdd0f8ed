/**
 * Every message the station exchanges with the video platform (docs/protocol.md §3-§4), defined
 * once: one zod schema per message, with the value limits the protocol states, and its type by
 * `z.infer`. Both sides derive from these:
 *
 * - the station builds what it sends typed from them (mark/mark-service.ts, watch/tour-service.ts;
 *   the outbox is typed by kind, cache/outbox-store.ts) and parses what it receives with them
 *   (upstream/realtime-payloads.ts);
 * - the simulator validates what it receives with them (sim/http-server.ts, sim/order-inbox.ts)
 *   and types what it publishes by them (sim/unit-fleet.ts, sim/alert-source.ts).
 *
 * A message that is not a JSON object of these fields is refused; unknown fields are ignored (a
 * newer peer may add some). Times are ms since the Unix epoch; positions WGS-84 degrees.
 */
import { z } from 'zod';
import { faultKinds, stopMarks } from '../domain/watch';
import { MarkSnapshotSchema } from './watch';
import { TicketActionEventSchema, TicketOpenEventSchema } from './platform-health';

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const ms = z.number().int().min(0);
const cameraId = z.string().min(1).max(64);

// ---------------------------------------------------------------------------------------------
// MQTT, platform → station (§3)
// ---------------------------------------------------------------------------------------------

/** `vigil/cameras/{cameraId}/status` (QoS 1, retained). */
export const CameraStatusMessageSchema = z.object({
  /** The topic's id. */
  cameraId,
  /** `unknown` is the catalog's only. */
  status: z.enum(['online', 'offline']),
  at: ms,
});
export type CameraStatusMessage = z.infer<typeof CameraStatusMessageSchema>;

export const unitKinds = ['car', 'foot', 'village'] as const;
export type UnitKind = (typeof unitKinds)[number];

/**
 * `vigil/units/{unitId}/position` (QoS 0, 1 Hz per unit): one fix of a patrol unit. The one
 * declaration of a unit fix: the simulator's fleet reports it, the station stores it
 * (map/position-store.ts) and the map's `UnitState` extends it (shared/contract/map.ts).
 */
export const UnitFixSchema = z.object({
  /** The topic's id. */
  unitId: z.string().min(1).max(64),
  /** zh-CN call sign, e.g. 巡007, 步巡012, 村巡130. */
  callSign: z.string().min(1).max(100),
  kind: z.enum(unitKinds),
  lat,
  lng,
  /** Degrees clockwise from north. */
  heading: z.number().min(0).max(360),
  /** m/s. */
  speed: z.number().min(0).max(200),
  /** When the fix was taken (the platform's clock), ms. */
  at: ms,
  /** The grid the unit patrols (its beat, for roll calls and scores), when the platform says. */
  gridId: z.string().min(1).max(64).optional(),
});
export type UnitFix = z.infer<typeof UnitFixSchema>;

/** `vigil/alerts` (QoS 1, not retained): a 110 alert; `id` de-duplicates redeliveries. */
export const AlertMessageSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().min(1).max(500),
  category: z.string().min(1).max(100),
  lat,
  lng,
  at: ms,
  /** The alert's own camera (a checkpoint's plate hit), pulled even when offline or far. */
  cameraId: cameraId.optional(),
});
export type AlertMessage = z.infer<typeof AlertMessageSchema>;

// ---------------------------------------------------------------------------------------------
// MQTT, station → platform (§3)
// ---------------------------------------------------------------------------------------------

/** A place an order names. */
export const PlaceSchema = z.object({ lat, lng });
/**
 * `vigil/orders/{unitId}` (QoS 1, not retained). The protocol fixes the topic, not the body: a
 * platform acts on any JSON object that names a place (`lat` / `lng` at the top, or under
 * `target` or `location`). The station sends none yet.
 */
export const UnitOrderSchema = z.union([
  PlaceSchema.loose(),
  z.object({ target: PlaceSchema }).loose(),
  z.object({ location: PlaceSchema }).loose(),
]);
export type UnitOrder = z.infer<typeof UnitOrderSchema>;

// ---------------------------------------------------------------------------------------------
// HTTP events, station → platform (§4): POST {base}/api/v1/events, from the outbox
// ---------------------------------------------------------------------------------------------

/** The `Idempotency-Key` header every event is posted with (the platform de-duplicates by it). */
export const IdempotencyKeySchema = z
  .string()
  .trim()
  .min(1, 'Idempotency-Key header is required')
  .max(200, 'Idempotency-Key must be at most 200 characters');

const eventId = z.string().trim().min(1).max(100);
const tourId = z.string().trim().min(1).max(100);
const stopIndex = z.number().int().min(0).max(10_000);
const person = z.string().trim().min(1).max(200);

/**
 * A patrol mark (巡查标记): a watcher says what a camera shows. One made at a stop of a scheduled
 * patrol tour (定时查巡) names the tour, the run and the stop (all three or none).
 */
export const PatrolMarkEventSchema = z
  .object({
    type: z.literal('patrol-mark'),
    id: eventId,
    cameraId: z.string().trim().min(1).max(64),
    mark: z.enum(stopMarks),
    note: z.string().max(2000).default(''),
    operator: person,
    at: ms,
    tourId: tourId.optional(),
    tourRunId: tourId.optional(),
    stopIndex: stopIndex.optional(),
    /** What is wrong with a faulty camera: the platform opens a maintenance ticket. */
    fault: z.enum(faultKinds).optional(),
    /** The camera's location, where an abnormal mark opens its event (both or neither). */
    lat: lat.optional(),
    lng: lng.optional(),
    /** What the watcher saw with an abnormal or faulty mark: a JPEG as base64. */
    snapshot: MarkSnapshotSchema.optional(),
  })
  .refine(
    (m) =>
      (m.tourId === undefined) === (m.tourRunId === undefined) &&
      (m.tourId === undefined) === (m.stopIndex === undefined),
    { message: 'tourId, tourRunId and stopIndex go together', path: ['tourId'] },
  )
  .refine((m) => m.fault === undefined || m.mark === 'faulty', {
    message: 'fault is only for a faulty mark',
    path: ['fault'],
  })
  .refine((m) => m.snapshot === undefined || m.mark !== 'normal', {
    message: 'a snapshot goes with an abnormal or faulty mark',
    path: ['snapshot'],
  })
  .refine((m) => (m.lat === undefined) === (m.lng === undefined), {
    message: 'lat and lng go together',
    path: ['lat'],
  });
export type PatrolMarkEvent = z.infer<typeof PatrolMarkEventSchema>;

export const tourStopOutcomes = [...stopMarks, 'missed'] as const;

/** One stop of a tour run as the platform receives it. */
export const TourRunStopSchema = z
  .object({
    index: stopIndex,
    cameraId: z.string().trim().min(1).max(64),
    outcome: z.enum(tourStopOutcomes),
    /** When the stop was marked or missed; null for a stop the run never reached. */
    at: ms.nullable(),
    /** Who marked it; null when missed. */
    by: z.string().max(200).nullable(),
    /** Set for a faulty stop. */
    fault: z.enum(faultKinds).nullable().optional(),
  })
  .refine((s) => (s.fault ?? null) === null || s.outcome === 'faulty', {
    message: 'fault is only for a faulty stop',
    path: ['fault'],
  });
export type TourRunStop = z.infer<typeof TourRunStopSchema>;

/**
 * A tour run that ended (every stop marked or missed, or stopped early), posted once with
 * idempotency key `tour-run-<runId>`. Missed stops are only in this record.
 */
export const TourRunEventSchema = z.object({
  type: z.literal('tour-run'),
  id: eventId,
  tourId,
  tourRunId: tourId,
  tourName: z.string().max(200),
  watcher: z.string().max(200),
  /** `schedule` when a window opened it, else the operator who started it by hand. */
  startedBy: z.string().max(200),
  startedAt: ms,
  endedAt: ms,
  status: z.enum(['completed', 'stopped']),
  stops: z.array(TourRunStopSchema).min(1).max(2000),
});
export type TourRunEvent = z.infer<typeof TourRunEventSchema>;

// ---------------------------------------------------------------------------------------------
// Dispatch (issue #13): incidents, unit status and orders (§8 of docs/protocol.md)
// ---------------------------------------------------------------------------------------------

/**
 * Incident levels, least first: 1 一般, 2 较大, 3 重大, 4 特别重大 (a platform with its own codes
 * maps them onto these four and may carry its code in `levelCode`).
 */
export const incidentLevels = [1, 2, 3, 4] as const;
export type IncidentLevel = (typeof incidentLevels)[number];
export const IncidentLevelSchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
]);

/**
 * An incident's lifecycle (FIELD.md): received → accepted (签收) → dispatched → en route → on
 * scene → handling → closed with a disposition; side paths cancelled and merged (into another).
 * The platform sets en-route / on-scene / handling from its units' statuses.
 */
export const incidentStatuses = [
  'new',
  'accepted',
  'dispatched',
  'en-route',
  'on-scene',
  'handling',
  'closed',
  'cancelled',
  'merged',
] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];
/** The statuses of an incident that is still open. */
export const openIncidentStatuses: readonly IncidentStatus[] = [
  'new',
  'accepted',
  'dispatched',
  'en-route',
  'on-scene',
  'handling',
];

/** Where an incident came from: a 110 call, a checkpoint's plate hit, a watcher's mark, a desk. */
export const incidentSources = ['call', 'plate', 'mark', 'desk'] as const;
export type IncidentSource = (typeof incidentSources)[number];

/** Disposition codes an incident is closed with (处置结果). */
export const dispositionCodes = [
  'resolved', // 已处置
  'arrested', // 抓获嫌疑人
  'handed-over', // 移交其他部门
  'false-alarm', // 误报/无警情
  'no-finding', // 到场未发现
  'mediated', // 调解
  'other', // 其他
] as const;
export type DispositionCode = (typeof dispositionCodes)[number];

const incidentId = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().max(max);

/** One transition or action in an incident's timeline: who did what, when. */
export const IncidentTimelineEntrySchema = z.object({
  at: ms,
  /** e.g. `opened`, `accepted`, `dispatched`, `acknowledged`, `arrived`, `note`, `merged`, `closed`. */
  what: z.string().min(1).max(50),
  /** An operator's name, a unit's call sign, or `platform`. */
  by: text(200),
  /** The station the action came from, when a station did it. */
  stationId: text(100).optional(),
  unitId: z.string().max(64).optional(),
  detail: text(2000).optional(),
});
export type IncidentTimelineEntry = z.infer<typeof IncidentTimelineEntrySchema>;

/** A unit ordered to an incident, and where its order stands (from the unit's status). */
export const IncidentUnitSchema = z.object({
  unitId: z.string().min(1).max(64),
  callSign: text(100),
  orderId: z.string().min(1).max(100),
  orderedAt: ms,
  orderedBy: text(200),
  acknowledgedAt: ms.nullable().default(null),
  arrivedAt: ms.nullable().default(null),
  clearedAt: ms.nullable().default(null),
  /** The reinforcement level that sent it, if a level did. */
  reinforcement: text(50).optional(),
});
export type IncidentUnit = z.infer<typeof IncidentUnitSchema>;

/** A picture attached to an incident (a mark's frame, a note's photo); fetched from `url`. */
export const IncidentPictureSchema = z.object({
  id: z.string().min(1).max(100),
  at: ms,
  by: text(200),
  /** http(s) URL of a JPEG, at most 2 MB. */
  url: z.string().min(1).max(2000),
});
export type IncidentPicture = z.infer<typeof IncidentPictureSchema>;

/**
 * `vigil/incidents/{incidentId}` (QoS 1, **retained**): the platform's whole record of one
 * incident after every change, so a station that connects late learns every open one. `rev`
 * grows with every change; a station keeps the highest it has seen. A closed incident's retained
 * message is cleared by the platform after a while (an empty payload), stations keep their copy.
 */
export const IncidentMessageSchema = z.object({
  /** The topic's id. */
  id: incidentId,
  /** The number people say (警情编号), e.g. J2026120300123. */
  number: z.string().min(1).max(50),
  rev: z.number().int().min(1),
  category: z.string().min(1).max(100),
  level: IncidentLevelSchema,
  levelCode: z.string().max(50).optional(),
  lat,
  lng,
  address: text(500),
  source: z.enum(incidentSources),
  status: z.enum(incidentStatuses),
  /** When it was reported (the call, the hit, the mark). */
  reportedAt: ms,
  updatedAt: ms,
  summary: text(2000).default(''),
  /** A 110 call: the reporter's phone. */
  callerPhone: z.string().max(40).optional(),
  /** A checkpoint's plate hit. */
  plate: z
    .object({
      plate: z.string().min(1).max(20),
      reason: text(200),
      checkpointId: z.string().min(1).max(64),
      direction: text(50),
    })
    .optional(),
  /** The camera that saw it (a mark's camera, a checkpoint's camera). */
  cameraId: cameraId.optional(),
  /** The patrol mark that opened it (source `mark`). */
  markId: z.string().max(100).optional(),
  units: z.array(IncidentUnitSchema).max(200).default([]),
  pictures: z.array(IncidentPictureSchema).max(50).default([]),
  timeline: z.array(IncidentTimelineEntrySchema).max(1000).default([]),
  /** Set when merged into another incident. */
  mergedInto: incidentId.optional(),
  disposition: z.enum(dispositionCodes).optional(),
  closedAt: ms.optional(),
});
export type IncidentMessage = z.infer<typeof IncidentMessageSchema>;

/** A unit's availability (EIDO): 可派 / 有条件可派 (assigned, can be diverted) / 不可派. */
export const unitAvailabilities = ['available', 'conditional', 'unavailable'] as const;
export type UnitAvailability = (typeof unitAvailabilities)[number];
/**
 * What a unit is doing, as it reports it: 巡逻, 定点, 已派, 已签收, 途中, 到场, 处置中, 返回,
 * 休息, 故障. (离线 `offline` is the station's own: a unit whose fix is stale.)
 */
export const unitActivities = [
  'patrol',
  'post',
  'dispatched',
  'acknowledged',
  'en-route',
  'on-scene',
  'handling',
  'returning',
  'resting',
  'fault',
] as const;
export type UnitActivity = (typeof unitActivities)[number];

/** `vigil/units/{unitId}/status` (QoS 1, **retained**): a unit's status after every change. */
export const UnitStatusMessageSchema = z.object({
  /** The topic's id. */
  unitId: z.string().min(1).max(64),
  availability: z.enum(unitAvailabilities),
  activity: z.enum(unitActivities),
  /** The incident and order it is working on. */
  incidentId: incidentId.optional(),
  orderId: z.string().min(1).max(100).optional(),
  at: ms,
});
export type UnitStatusMessage = z.infer<typeof UnitStatusMessageSchema>;

/**
 * The body a station publishes on `vigil/orders/{unitId}` (QoS 1): a dispatch order with the
 * incident's essentials. `lat`/`lng` at the top keep it an order any platform reads
 * (UnitOrderSchema). A unit acts on an `orderId` once (a QoS 1 redelivery or an outbox resend
 * after a crash is acknowledged again, not obeyed twice).
 */
export const DispatchOrderSchema = z.object({
  orderId: z.string().min(1).max(100),
  incidentId,
  incidentNumber: z.string().min(1).max(50),
  category: z.string().min(1).max(100),
  level: IncidentLevelSchema,
  lat,
  lng,
  address: text(500),
  note: text(2000).default(''),
  /** The chief who gave it. */
  by: person,
  stationId: z.string().max(100),
  at: ms,
  reinforcement: text(50).optional(),
});
export type DispatchOrder = z.infer<typeof DispatchOrderSchema>;

// HTTP events (§4) that change an incident. The platform answers 201/200 as for every event, or
// 409 with `{ "error": "<why>" }` when the incident's state forbids it (closed at another
// station, already merged): the station never retries a 409 and shows the chief why.

const incidentEventBase = {
  id: eventId,
  incidentId,
  operator: person,
  stationId: z.string().max(100),
  at: ms,
};

/** Opens an incident at the desk (a chief taking a report, a watcher from what the wall shows). */
export const IncidentOpenEventSchema = z.object({
  type: z.literal('incident-open'),
  ...incidentEventBase,
  category: z.string().trim().min(1).max(100),
  level: IncidentLevelSchema,
  lat,
  lng,
  address: text(500),
  summary: text(2000).default(''),
  cameraId: cameraId.optional(),
  snapshot: MarkSnapshotSchema.optional(),
});
export const IncidentAcceptEventSchema = z.object({
  type: z.literal('incident-accept'),
  ...incidentEventBase,
});
export const IncidentNoteEventSchema = z.object({
  type: z.literal('incident-note'),
  ...incidentEventBase,
  text: z.string().trim().min(1).max(2000),
  snapshot: MarkSnapshotSchema.optional(),
});
export const IncidentMergeEventSchema = z.object({
  type: z.literal('incident-merge'),
  ...incidentEventBase,
  /** The incident this one is a duplicate of. */
  intoId: incidentId,
});
export const IncidentDispatchEventSchema = z.object({
  type: z.literal('incident-dispatch'),
  ...incidentEventBase,
  orders: z
    .array(
      z.object({
        orderId: z.string().min(1).max(100),
        unitId: z.string().min(1).max(64),
        callSign: text(100),
      }),
    )
    .min(1)
    .max(50),
  note: text(2000).default(''),
  reinforcement: text(50).optional(),
});
export const IncidentCloseEventSchema = z.object({
  type: z.literal('incident-close'),
  ...incidentEventBase,
  disposition: z.enum(dispositionCodes),
  note: text(2000).default(''),
});

/** Every event the station may post; `type` is the outbox item's kind. */
export const PlatformEventSchema = z.discriminatedUnion('type', [
  PatrolMarkEventSchema,
  TourRunEventSchema,
  IncidentOpenEventSchema,
  IncidentAcceptEventSchema,
  IncidentNoteEventSchema,
  IncidentMergeEventSchema,
  IncidentDispatchEventSchema,
  IncidentCloseEventSchema,
  TicketOpenEventSchema,
  TicketActionEventSchema,
]);
export type PlatformEvent = z.infer<typeof PlatformEventSchema>;
export type PlatformEventKind = PlatformEvent['type'];
/** The event of one kind: `PlatformEventOf<'tour-run'>` is a TourRunEvent. */
export type PlatformEventOf<K extends PlatformEventKind> = Extract<PlatformEvent, { type: K }>;
