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

/** Every event the station may post; `type` is the outbox item's kind. */
export const PlatformEventSchema = z.discriminatedUnion('type', [
  PatrolMarkEventSchema,
  TourRunEventSchema,
]);
export type PlatformEvent = z.infer<typeof PlatformEventSchema>;
export type PlatformEventKind = PlatformEvent['type'];
/** The event of one kind: `PlatformEventOf<'tour-run'>` is a TourRunEvent. */
export type PlatformEventOf<K extends PlatformEventKind> = Extract<PlatformEvent, { type: K }>;
