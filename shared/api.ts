/**
 * The contract between the renderer and the station core: every method (an intent) with its zod
 * input schema and its result type, and every event stream (a state change) with its payload.
 *
 * Both transports (Electron IPC and the browser host's WebSocket) carry exactly this. The host
 * validates every input against these schemas (electron/station/contract-host.ts); the renderer's
 * client and the preload's `window.vigil` are typed from it, so nothing is kept in sync by hand.
 *
 * shared/ imports neither Node nor the DOM.
 */
import { z } from 'zod';
import type { Result } from './result';
import {
  both,
  cameraIdSchema,
  method,
  roles,
  tileIndexSchema,
  wallIdSchema,
  windowKinds,
  type Role,
  type WindowKind,
} from './contract/method';
import { sessionMethods, sessionStreams, type SessionEventPayloads } from './contract/session';
import { auditMethods } from './contract/audit';
import { outboxMethods } from './contract/outbox';
import { alertMethods } from './contract/alerts';
import { dispatchMethods, dispatchStreams, type DispatchEventPayloads } from './contract/dispatch';
import { mapMethods, mapStreams, type MapEventPayloads } from './contract/map';
import {
  wallMethods,
  wallStreams,
  type WallEventPayloads,
  type WallLayoutState,
} from './contract/wall';
import { watchMethods, watchStreams, type WatchEventPayloads } from './contract/watch';
import { tileMethods, tileStreams, type TileEventPayloads, type TileMode } from './contract/tile';
import { healthMethods, healthStreams, type HealthEventPayloads } from './contract/health';
import { analysisMethods, analysisStreams, type AnalysisEventPayloads } from './contract/analysis';

export { roles, windowKinds, type Role, type WindowKind };

// ---------------------------------------------------------------------------------------------
// Domain shapes (also the platform's catalog format: docs/protocol.md)
// ---------------------------------------------------------------------------------------------

export const areaLevels = ['region', 'zone', 'grid'] as const;
export const AreaSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  level: z.enum(areaLevels),
  /** null for a region; a region's id for a zone; a zone's id for a grid. */
  parentId: z.string().min(1).max(64).nullable(),
});
export type Area = z.infer<typeof AreaSchema>;

export const cameraKinds = ['fixed', 'checkpoint', 'vehicle', 'body'] as const;
export type CameraKind = (typeof cameraKinds)[number];

export const cameraStatuses = ['online', 'offline', 'unknown'] as const;
export type CameraStatus = (typeof cameraStatuses)[number];

const httpUrl = z
  .string()
  .max(2000)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s), { message: 'must be an http(s) URL' });

export const CameraSchema = z.object({
  /** Platform id; GB/T 28181 cameras use their 20-digit code. */
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  /** The grid (the lowest area level) the camera belongs to. */
  gridId: z.string().min(1).max(64),
  kind: z.enum(cameraKinds),
  /** WGS-84 / CGCS2000 degrees. */
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Degrees clockwise from north the camera looks at; omitted for a dome or unknown. */
  heading: z.number().min(0).max(360).optional(),
  /** Horizontal field of view in degrees. */
  fov: z.number().min(1).max(360).optional(),
  /** How far the camera sees usefully, metres. */
  range: z.number().min(1).max(5000).optional(),
  /** HLS playlist of the main stream. */
  liveUrl: httpUrl,
  /** The maintenance contractor (运维单位) who repairs it, when the platform says (issue #16). */
  maintainer: z.string().trim().min(1).max(100).optional(),
  /** HLS playlist of the sub-stream (lower resolution), when the camera has one. */
  subUrl: httpUrl.optional(),
  /** Playback URL with {start} and {end} placeholders (ISO 8601, UTC), when recorded. */
  playbackUrlTemplate: z.string().max(2000).optional(),
  status: z.enum(cameraStatuses),
});
export type Camera = z.infer<typeof CameraSchema>;

export const CatalogSchema = z.object({
  /** Opaque version; changes whenever anything in the catalog does (the HTTP ETag). */
  version: z.string().min(1).max(200),
  areas: z.array(AreaSchema),
  cameras: z.array(CameraSchema),
});
export type Catalog = z.infer<typeof CatalogSchema>;

export const linkStates = ['online', 'degraded', 'offline'] as const;
export type LinkStateName = (typeof linkStates)[number];
export interface LinkState {
  state: LinkStateName;
  /** ms since epoch when this state began. */
  since: number;
  /** What is wrong, for the operator (e.g. "catalog: ECONNREFUSED", "realtime: disconnected"). */
  detail: string | null;
  /** Where the catalog the desk shows came from. */
  catalogSource: 'platform' | 'cache' | 'file' | 'none';
  /** The MQTT feed's health, when the station has a broker (docs/protocol.md §3). */
  realtime?: LinkRealtime;
}
export interface LinkRealtime {
  /** Messages received from the platform since the station started. */
  received: number;
  /** Payloads dropped as invalid (not JSON, failed validation, id not the topic's). */
  dropped: number;
  /** Valid payloads refused for their `at` (too far ahead, or a position past the retention). */
  refused: number;
  /** The last one dropped or refused: "<topic>: <why>". */
  lastProblem: string | null;
  /** Another workstation connects to the broker with this station's id (they log each other out). */
  duplicateStationId: boolean;
}

export interface TileState {
  index: number;
  cameraId: string | null;
  /** Live when absent; playback when the tile plays a past range (tile.modes is the source). */
  mode?: TileMode;
}
export interface WallState {
  /** Display number, 1-based, as the hall numbers its monitors. */
  wallId: number;
  /** A name the operator gave the wall; the renderer labels walls by number (i18n) otherwise. */
  name?: string;
  /** The grid, its cells (merged cells span squares; tile i is cell i) and the layout's id. */
  layout: WallLayoutState;
  tiles: TileState[];
}

export const patrolMarks = ['normal', 'abnormal', 'faulty'] as const;
export type PatrolMark = (typeof patrolMarks)[number];
export interface PatrolMarkRecord {
  id: string;
  cameraId: string;
  mark: PatrolMark;
  note: string;
  /** ms since epoch. */
  createdAt: number;
  operator: string;
  delivered: boolean;
}

export interface OutboxStatus {
  pending: number;
  delivered: number;
  /** The last delivery error, while items are pending. */
  lastError: string | null;
  /**
   * Items the platform refused (never retried; listed by `outbox.refused`) that no operator has
   * noted yet (`outbox.noteRefused`).
   */
  refused?: number;
  /** Where items are delivered; null: nowhere (a file station with no `platform.eventsUrl`). */
  destination?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Callers: who is calling decides what they may do (checked in the core, not only in the UI)
// ---------------------------------------------------------------------------------------------

export interface StationInfo {
  stationId: string;
  /** The operator signed in at the station ('' and null while nobody is). */
  operator: string;
  role: Role | null;
  /** The config's `locale`: "auto" leaves the choice to the OS locale. */
  locale: 'auto' | 'zh-CN' | 'en';
  /** The config's `walls.decoderBudget`: a wall's budget forced, "calibrate" at every start, or
   * "auto" (the calibration stored on this machine, measured at a wall's first start). */
  decoderBudget?: 'auto' | 'calibrate' | number;
  /** The config's `station.idleLockMinutes`: the desk locks after this long without input (0: never). */
  idleLockMinutes?: number;
  /** The config's `walls.pageReloadHours`: a wall page in a browser reloads itself after this
   * long, at a calm moment (0: never; renderer/wall/scheduled-reload.ts). */
  wallPageReloadHours?: number;
  /** Origins the pages may load video from (the CSP's media-src): a tile says when its isn't. */
  streamOrigins?: string[];
  /** The config's `station.timeZone` (IANA): the hall's one clock, for every time shown or picked.
   * Absent from an older core: then Asia/Shanghai (shared/domain/time/hall-time.ts). */
  timeZone?: string;
}

/** A window as its transport knows it: its kind, and its wall. */
export interface CallerWindow {
  window: WindowKind;
  /** Set for wall windows. */
  wallId?: number;
}

/**
 * Who is calling: the window, and the operator signed in at the station (the contract host fills
 * these in from the session at every call; a transport never sets them). With nobody signed in,
 * only `anyone` methods run, with `operator: ''` and `signedIn: false`.
 */
export interface Caller extends CallerWindow {
  operator: string;
  role: Role;
  signedIn: boolean;
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

const wallId = wallIdSchema;
const tileIndex = tileIndexSchema;
const cameraId = cameraIdSchema;

export const EventStreamNames = [
  'link',
  'wall',
  'camera.status',
  'outbox',
  'catalog',
  ...wallStreams,
  ...tileStreams,
  ...mapStreams,
  ...watchStreams,
  ...sessionStreams,
  ...dispatchStreams,
  ...healthStreams,
  ...analysisStreams,
] as const;
export type EventStreamName = (typeof EventStreamNames)[number];

export const methods = {
  /** The whole catalog (areas and cameras), cache-first. */
  'catalog.get': method<Catalog & { source: LinkState['catalogSource'] }>()(
    z.strictObject({}),
    both,
  ),
  /** The upstream link's state. */
  'link.get': method<LinkState>()(z.strictObject({}), both),
  /** Who this workstation is, and the interface language its config asks for. */
  'station.info': method<StationInfo>()(z.strictObject({}), both),
  /** Every wall, or one. */
  'wall.list': method<WallState[]>()(z.strictObject({}), both),
  'wall.get': method<WallState>()(z.strictObject({ wallId }), both),
  /** Put a camera on a tile (or clear it with null). Only the desk controls walls. */
  'wall.assign': method<WallState>()(
    z.strictObject({ wallId, tileIndex, cameraId: cameraId.nullable() }),
    ['desk'],
  ),
  /** A watcher marks what a camera shows; stored with its outbox entry in one transaction. */
  'mark.create': method<PatrolMarkRecord>()(
    z.strictObject({
      cameraId,
      mark: z.enum(patrolMarks),
      note: z.string().max(2000).default(''),
    }),
    both,
  ),
  'mark.list': method<PatrolMarkRecord[]>()(
    z.strictObject({ limit: z.number().int().min(1).max(1000).default(100) }),
    both,
  ),
  'outbox.status': method<OutboxStatus>()(z.strictObject({}), both),
  /** Everything on a stream after `since` (a reconnecting window asks with its last seq). */
  'events.since': method<EventsSince>()(
    z.strictObject({
      stream: z.enum(EventStreamNames),
      since: z.number().int().min(0),
      /** The epoch the caller's `since` belongs to; another epoch means reset. */
      epoch: z.string().max(100).optional(),
    }),
    both,
  ),
  ...wallMethods,
  ...tileMethods,
  ...mapMethods,
  ...watchMethods,
  ...sessionMethods,
  ...auditMethods,
  ...outboxMethods,
  ...alertMethods,
  ...dispatchMethods,
  ...healthMethods,
  ...analysisMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
// `output` is an optional phantom (so `undefined` is removed); a method whose result may be null
// (incident.picture, dispatch.route, roads.info) keeps its null.
export type MethodOutput<M extends MethodName> = Exclude<Methods[M]['output'], undefined>;

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);

// ---------------------------------------------------------------------------------------------
// Events: one sequence per stream, so "everything since N" is well defined
// ---------------------------------------------------------------------------------------------

export interface EventPayloads
  extends
    WallEventPayloads,
    TileEventPayloads,
    MapEventPayloads,
    WatchEventPayloads,
    SessionEventPayloads,
    DispatchEventPayloads,
    HealthEventPayloads,
    AnalysisEventPayloads {
  link: LinkState;
  /** The full state of one wall after a change. */
  wall: WallState;
  'camera.status': { cameraId: string; status: CameraStatus };
  outbox: OutboxStatus;
  /** The catalog changed; fetch it again. */
  catalog: { version: string; source: LinkState['catalogSource'] };
}

export type VigilEvent = {
  [S in EventStreamName]: {
    stream: S;
    /** 1, 2, 3 … per stream, per run of the core. */
    seq: number;
    /** Identifies the run of the core; a new run means sequences restarted. */
    epoch: string;
    /** ms since epoch. */
    at: number;
    payload: EventPayloads[S];
  };
}[EventStreamName];

export interface EventsSince {
  events: VigilEvent[];
  /** True when `since` is older than the kept history (or from another epoch): refetch state. */
  reset: boolean;
  epoch: string;
  /** The stream's latest seq. */
  seq: number;
}

// ---------------------------------------------------------------------------------------------
// The bridge a transport gives the renderer (preload's `window.vigil` has exactly this shape)
// ---------------------------------------------------------------------------------------------

export interface VigilBridge {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** Subscribe to every event; returns the unsubscribe function. */
  onEvent(listener: (event: VigilEvent) => void): () => void;
}

/** The single IPC channel names (Electron transport). */
export const ipcChannels = { call: 'vigil:call', event: 'vigil:event' } as const;
