/**
 * The built-in simulated video platform: a real HTTP + HLS + MQTT platform on loopback that
 * implements docs/protocol.md §1-4, §7-10, sized by FIELD.md, with the fault injection of §6 and,
 * when `failures` is on, cameras that fail and get repaired by themselves (§9).
 *
 *   const sim = await startSimulator({ cameras: 500 });
 *   sim.baseUrl  // http://127.0.0.1:PORT   (catalog, live / playback HLS, events, /admin)
 *   sim.mqttUrl  // mqtt://127.0.0.1:PORT   (camera status, unit positions, alerts)
 *   sim.adminToken // /admin/* wants it as "Authorization: Bearer …", from loopback only
 *   await sim.stop();
 */
import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import type { Catalog } from '../../shared/api';
import type {
  CameraStatusMessage,
  IncidentMessage,
  PlatformEvent,
  UnitStatusMessage,
} from '../../shared/contract/platform';
import { buildRoadGraph, type RoadGraph } from '../../shared/domain/roads';
import { isOpenTicket } from '../../shared/domain/health/tickets';
import { defaultAlertIntervalMs, makeAlert, type Alert, type AlertRequest } from './alert-source';
import { defaultCameraCount, generateCatalog } from './catalog-gen';
import { createCatalogState } from './catalog-state';
import { buildDistrictGeometry, type DistrictGeometry } from './district-geometry';
import { createEventInbox, type ReceivedEvent } from './event-inbox';
import { adminTokenEnv, adminTokenPattern, adminUrlOf, newAdminToken } from './admin-access';
import { createFaultState, FaultSchema, type Fault } from './fault-state';
import { newestSegmentAt } from './hls-playlists';
import { httpHandler, listen } from './http-server';
import { createSimRecordings, offlineSince } from './recordings';
import { findMediaDir, loadMediaLibrary } from './media-library';
import { createIncidentDesk } from './incident-desk';
import { createIncidentHistory } from './incident-history';
import {
  createFailureProcess,
  defaultHistoryDays,
  failuresEnv,
  type Failure,
} from './failure-process';
import { createHealthHistory, openedBy } from './health-history';
import { createLiveFailures, type LiveFailureHooks, type LiveFailures } from './live-failures';
import { createTicketDesk } from './ticket-desk';
import {
  makeCall,
  makePlateHit,
  OpenIncidentRequestSchema,
  plateCheckpoints,
  type OpenIncidentRequest,
} from './incident-source';
import { createOrderInbox, type ReceivedOrder } from './order-inbox';
import { createPrng } from './prng';
import { simRoadGraph } from './road-graph';
import { startRealtimeBroker } from './realtime-broker';
import { createTileRenderer } from './tile-renderer';
import { createUnitFleet, onSceneMs, type UnitPosition } from './unit-fleet';
import { buildWorld } from './world';
import { formatZodError } from './zod-message';

export type { Fault } from './fault-state';
export type { ReceivedEvent, PatrolMarkEvent, TourRunEvent } from './event-inbox';
export type { Alert, AlertRequest } from './alert-source';
export type { UnitPosition } from './unit-fleet';
export type { DistrictGeometry } from './district-geometry';
export type { ReceivedOrder } from './order-inbox';
export type { OpenIncidentRequest } from './incident-source';
export type { IncidentMessage, UnitStatusMessage } from '../../shared/contract/platform';
export type { TicketMessage } from '../../shared/contract/platform-health';
import type { TicketMessage } from '../../shared/contract/platform-health';
export { failuresEnv } from './failure-process';

export interface SimulatorOptions {
  /** How many cameras. Default 26,000 (FIELD.md). */
  cameras?: number;
  /** How many patrol units publish positions. Default 400. */
  units?: number;
  /** HTTP port; 0 (the default) picks a free one. */
  port?: number;
  /** MQTT port; 0 (the default) picks a free one. */
  mqttPort?: number;
  /** Same seed, same city. Default 1. */
  seed?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Where the segments are. Default: resources/media found from the working directory. */
  mediaDir?: string;
  /**
   * How often a random alert is published on vigil/alerts (titled 【模拟】); 0 for never.
   * Default 10 minutes (one a minute made every demo chaotic); the admin API fires one at once.
   */
  alertIntervalMs?: number;
  /** How often a 110 call opens an incident (vigil/incidents/{id}); 0 for never. Default 120 s. */
  incidentIntervalMs?: number;
  /** How often a checkpoint's plate hit opens an incident; 0 for never. Default 90 s. */
  plateHitIntervalMs?: number;
  /**
   * The platform's clock for the units: their fixes, statuses and the orders they get. Default
   * Date.now. A test passes one it advances (with `unitIntervalMs: 0` and `stepUnits()`), so a
   * warning's minutes pass in no real time.
   */
  clock?: () => number;
  /** How often the units move and publish their fixes, ms; 0: only on `stepUnits()`. Default 1000. */
  unitIntervalMs?: number;
  /**
   * Multiplies how fast units on an order move (tests: arrive in seconds). Default: the
   * VIGIL_SIM_UNIT_SPEED environment variable (the browser host's `--sim-unit-speed`) if it is a
   * number from 0.1 to 1000, else 1.
   */
  unitSpeedFactor?: number;
  /**
   * Every unit obeys every warning (none late, none ignoring it). Default: the
   * VIGIL_SIM_UNITS_OBEY environment variable (the browser host's `--sim-units-obey`) is "1".
   */
  unitsObey?: boolean;
  /** Range of the delay before a unit acknowledges a dispatch order, ms. Default 3-10 s. */
  unitAckDelayMs?: { min: number; max: number };
  /** How long a unit stays on scene (arrival to cleared), ms. Default 5 min. */
  onSceneMs?: number;
  /** How long a closed incident's retained message stays before it is cleared. Default 10 min. */
  closedIncidentRetainMs?: number;
  /** Share of cameras offline at start (a county reports >= 98% online). Default 0. */
  offlineRatio?: number;
  /**
   * Live failures: the failure process (./failure-process.ts) goes on from the start, so cameras
   * fail (offline, black, frozen) and get repaired as time goes by, and open tickets. Default: on
   * when the VIGIL_SIM_FAILURES environment variable says `on` (the sim CLI and the browser host
   * set it), else off, so tests see no random faults.
   */
  failures?: boolean;
  /** Days of failure history before the start (GET /api/v1/health/history). Default 56. */
  historyDays?: number;
  /** How long a closed ticket's retained message stays before it is cleared. Default 10 min. */
  closedTicketRetainMs?: number;
  /**
   * The admin API's token (/admin/* wants `Authorization: Bearer <token>`). Default: the
   * VIGIL_SIM_ADMIN_TOKEN environment variable if set, else a new random one.
   */
  adminToken?: string;
  log?: (line: string) => void;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:7480 */
  baseUrl: string;
  /** e.g. mqtt://127.0.0.1:1883 */
  mqttUrl: string;
  /** The admin API's token: send it as `Authorization: Bearer <token>`, from loopback. */
  adminToken: string;
  /** `${baseUrl}/admin?token=…`: what `npm run sim -- … --admin URL` takes (it sends the header). */
  adminUrl: string;
  /** The catalog as GET /api/v1/catalog serves it now. */
  catalog(): Catalog;
  /** Injects a fault (docs/protocol.md §6). Throws on an invalid fault or an unknown camera. */
  setFault(fault: Fault): void;
  /** Clears one camera's faults, or every fault (platform-down included). */
  clearFaults(cameraId?: string): void;
  faults(): Fault[];
  /** Events posted to /api/v1/events, one per Idempotency-Key, with how often it was posted. */
  receivedEvents(): ReceivedEvent[];
  /** Publishes an alert on vigil/alerts now and returns it. */
  fireAlert(request?: AlertRequest): Alert;
  /** The district geometry GET /api/v1/geometry serves (docs/protocol.md "Map geometry"). */
  geometry(): DistrictGeometry;
  /** Where every unit is now (what the last position messages said). */
  unitPositions(): UnitPosition[];
  /**
   * Opens an incident from a platform source now (a 110 call or a checkpoint's plate hit; the
   * given fields win over the random ones) and resolves once it is published, retained.
   */
  openIncident(request: OpenIncidentRequest): Promise<IncidentMessage>;
  /** Every incident record the platform holds, as last published. */
  incidents(): IncidentMessage[];
  /** Every fault ticket on the ticket desk, as last published (not the history's). */
  tickets(): TicketMessage[];
  /** The failures of the live failure process going on now (none with failures off). */
  ongoingFailures(): Failure[];
  /** Every unit's current status (what vigil/units/{id}/status last said). */
  unitStatuses(): UnitStatusMessage[];
  /**
   * Moves the units on to the clock's now (by the time since their last move) and publishes their
   * fixes, as the timer does every `unitIntervalMs`; returns the fixes.
   */
  stepUnits(): UnitPosition[];
  /** Orders received on vigil/orders/{unitId}, newest last, and how many were dropped. */
  receivedOrders(): { orders: ReceivedOrder[]; dropped: number; lastDropReason: string | null };
  /** Simulates a restart: MQTT clients dropped, HTTP 503 and MQTT refused for `downMs`. */
  restart(downMs?: number): void;
  /** Stops everything it started. Idempotent. */
  stop(): Promise<void>;
}

/** How fast units on an order move when the options leave it unsaid (the browser host sets it). */
export const unitSpeedEnv = 'VIGIL_SIM_UNIT_SPEED';
function unitSpeedFromEnv(): number {
  const f = Number(process.env[unitSpeedEnv]);
  return Number.isFinite(f) && f >= 0.1 && f <= 1000 ? f : 1;
}

/** Every unit obeys every warning when the options leave it unsaid (the browser host sets it). */
export const unitsObeyEnv = 'VIGIL_SIM_UNITS_OBEY';

const OptionsSchema = z.object({
  cameras: z.number().int().min(1).max(200_000).default(defaultCameraCount),
  units: z.number().int().min(0).max(10_000).default(400),
  port: z.number().int().min(0).max(65_535).default(0),
  mqttPort: z.number().int().min(0).max(65_535).default(0),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
  host: z.string().min(1).default('127.0.0.1'),
  mediaDir: z.string().min(1).optional(),
  alertIntervalMs: z.number().int().min(0).default(defaultAlertIntervalMs),
  incidentIntervalMs: z.number().int().min(0).default(120_000),
  plateHitIntervalMs: z.number().int().min(0).default(90_000),
  unitIntervalMs: z.number().int().min(0).default(1000),
  unitSpeedFactor: z.number().min(0.1).max(1000).default(unitSpeedFromEnv),
  unitsObey: z.boolean().default(() => process.env[unitsObeyEnv] === '1'),
  unitAckDelayMs: z
    .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['min'] })
    .default({ min: 3000, max: 10_000 }),
  onSceneMs: z.number().int().min(0).default(onSceneMs),
  closedIncidentRetainMs: z.number().int().min(0).default(600_000),
  offlineRatio: z.number().min(0).max(1).default(0),
  failures: z.boolean().default(() => process.env[failuresEnv] === 'on'),
  historyDays: z.number().int().min(0).max(365).default(defaultHistoryDays),
  closedTicketRetainMs: z.number().int().min(0).default(600_000),
  adminToken: z
    .string()
    .regex(adminTokenPattern, '16-128 characters of A-Z a-z 0-9 _ -')
    .default(() => process.env[adminTokenEnv] || newAdminToken()),
});

/** The fault each kind of failure sets (an obstructed lens has no look in the media library). */
const failureFault = { offline: 'camera-offline', black: 'black', frozen: 'frozen' } as const;
/** How often live failures are looked at (a failure starts or ends within this of its time). */
const failureTickMs = 5000;
/** Retained statuses are published in batches so start-up does not queue 26,000 at once. */
const statusBatch = 2000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const { log: logOption, clock: clockOption, ...rest } = options;
  const parsed = OptionsSchema.safeParse(rest);
  if (!parsed.success) throw new Error(`simulator options: ${formatZodError(parsed.error)}`);
  const opts = parsed.data;
  const log = logOption ?? (() => {});
  const clock = clockOption ?? Date.now;
  const media = loadMediaLibrary(opts.mediaDir ?? findMediaDir());

  const faults = createFaultState();
  const inbox = createEventInbox();
  let restartingUntil = 0;
  const unavailable = (): string | null => {
    if (faults.platformDown) return 'platform down (simulated fault)';
    if (Date.now() < restartingUntil) return 'platform restarting';
    return null;
  };

  const httpServer: Server = createServer();
  let broker: Awaited<ReturnType<typeof startRealtimeBroker>> | null = null;
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  let stopDesk = (): void => {};
  let stopTickets = (): void => {};
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    for (const t of timers) clearInterval(t);
    stopDesk();
    stopTickets();
    httpServer.closeAllConnections();
    await new Promise<void>((done) => httpServer.close(() => done()));
    await broker?.close();
    log('sim: stopped');
  };

  try {
    const port = await listen(httpServer, opts.port, opts.host);
    const urlHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
    const baseUrl = `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${port}`;

    const world = buildWorld(opts.seed);
    const district = buildDistrictGeometry(world, opts.seed);
    const geometryJson = Buffer.from(JSON.stringify(district.geometry));
    const roadGraph = simRoadGraph(world.roads);
    const roadsJson = Buffer.from(JSON.stringify(roadGraph));
    let graph: RoadGraph | null = null;
    try {
      graph = buildRoadGraph(roadGraph);
    } catch (err) {
      // The units then go straight to an incident; the graph served is unchanged.
      log(`sim: road graph not usable for driving: ${String(err)}`);
    }
    const tiles = createTileRenderer(world.roads, district.shapes);
    const generated = generateCatalog({
      cameras: opts.cameras,
      seed: opts.seed,
      baseUrl,
      world,
    });
    const prng = createPrng(opts.seed * 31 + 7);
    if (opts.offlineRatio > 0) {
      for (const camera of generated.cameras) {
        if (prng.chance(opts.offlineRatio)) camera.status = 'offline';
      }
    }
    // What the recorders hold: a camera offline in the catalog has been so for some hours.
    const recordings = createSimRecordings(opts.seed);
    const startedAt = Date.now();
    // Camera health: the failure history (computed when asked for) and, with live failures, the
    // failures going on at the start (their cameras start down).
    const failureProcess = createFailureProcess({
      seed: opts.seed,
      startedAt,
      historyDays: opts.historyDays,
    });
    const healthHistory = createHealthHistory({
      process: failureProcess,
      cameras: () => catalog.snapshot().cameras,
      live: opts.failures,
    });

    const byId = new Map(generated.cameras.map((c) => [c.id, c]));
    // Until the catalog exists, a camera down at the start is marked in the generated list.
    let liveHooks: LiveFailureHooks = {
      down(f) {
        if (f.kind === 'obstructed') return;
        faults.setCameraFault({ kind: failureFault[f.kind], cameraId: f.cameraId }, 0);
        if (f.kind !== 'offline') return;
        recordings.offline(f.cameraId, f.start);
        const camera = byId.get(f.cameraId);
        if (camera) camera.status = 'offline';
      },
      ticketDue: () => {},
      up: () => {},
    };
    const live: LiveFailures | null = opts.failures
      ? createLiveFailures({
          process: failureProcess,
          cameraIds: generated.cameras.map((c) => c.id),
          hooks: {
            down: (f) => liveHooks.down(f),
            ticketDue: (f) => liveHooks.ticketDue(f),
            up: (f) => liveHooks.up(f),
          },
        })
      : null;
    live?.tick(startedAt);
    for (const camera of generated.cameras) {
      if (camera.status === 'offline') {
        recordings.offline(camera.id, offlineSince(opts.seed, camera.id, startedAt));
      }
    }
    const catalog = createCatalogState(generated.areas, generated.cameras, {
      seed: opts.seed,
      baseUrl,
    });

    broker = await startRealtimeBroker({
      host: opts.host,
      port: opts.mqttPort,
      refuse: unavailable,
      log,
    });
    const realtime = broker;
    const mqttUrl = `mqtt://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${realtime.port}`;

    const publishStatus = (
      cameraId: string,
      status: CameraStatusMessage['status'],
    ): Promise<void> => {
      const message: CameraStatusMessage = { cameraId, status, at: Date.now() };
      return realtime
        .publish(`vigil/cameras/${cameraId}/status`, message, { qos: 1, retain: true })
        .catch((err: unknown) => log(`sim mqtt: status ${cameraId}: ${String(err)}`));
    };

    const ids = catalog.cameraIds();
    for (let i = 0; i < ids.length; i += statusBatch) {
      await Promise.all(
        ids.slice(i, i + statusBatch).map((id) => {
          const status = catalog.camera(id)?.status === 'offline' ? 'offline' : 'online';
          return publishStatus(id, status);
        }),
      );
    }

    const setStatus = (cameraId: string, status: 'online' | 'offline'): void => {
      if (catalog.setStatus(cameraId, status)) void publishStatus(cameraId, status);
    };
    const nextSegment = (): number => newestSegmentAt(Date.now()) + 1;

    const setFault = (input: Fault): void => {
      const checked = FaultSchema.safeParse(input);
      if (!checked.success) throw new Error(`fault: ${formatZodError(checked.error)}`);
      const fault = checked.data;
      if (fault.kind === 'platform-down') {
        faults.platformDown = true;
        realtime.dropClients();
        log('sim: fault platform-down');
        return;
      }
      if (!catalog.has(fault.cameraId)) throw new Error(`fault: unknown camera ${fault.cameraId}`);
      faults.setCameraFault(fault, nextSegment());
      // A camera that stops sending is not recorded (one only reported offline still is).
      if (fault.kind === 'camera-offline') recordings.offline(fault.cameraId, Date.now());
      if (fault.kind === 'camera-offline' || fault.kind === 'status-offline') {
        setStatus(fault.cameraId, 'offline');
      }
      log(`sim: fault ${fault.kind} ${fault.cameraId}`);
    };
    const clearFaults = (cameraId?: string): void => {
      const sending = cameraId === undefined ? ids : [cameraId];
      for (const id of sending) if (faults.isOffline(id)) recordings.online(id, Date.now());
      if (cameraId === undefined) {
        for (const id of faults.clearAll(nextSegment())) setStatus(id, 'online');
        log('sim: faults cleared');
        return;
      }
      if (faults.clearCamera(cameraId, nextSegment())) setStatus(cameraId, 'online');
      log(`sim: faults cleared for ${cameraId}`);
    };
    const restart = (downMs = 3000): void => {
      restartingUntil = Date.now() + downMs;
      realtime.dropClients();
      log(`sim: restarting (${downMs} ms)`);
    };

    const alertPrng = createPrng(opts.seed * 13 + 5);
    const fixedIds = ids.filter((id) => catalog.camera(id)?.kind !== 'vehicle');
    const fireAlert = (request: AlertRequest = {}): Alert => {
      const cameraId = request.cameraId ?? alertPrng.pick(fixedIds.length ? fixedIds : ids);
      const camera = catalog.camera(cameraId);
      if (!camera) throw new Error(`alert: unknown camera ${cameraId}`);
      const alert = makeAlert(alertPrng, camera, request, Date.now());
      realtime
        .publish('vigil/alerts', alert, { qos: 1, retain: false })
        .catch((err: unknown) => log(`sim mqtt: alert: ${String(err)}`));
      log(`sim: alert ${alert.title}`);
      return alert;
    };

    // Retained messages of one topic must arrive in the order they changed (a record's rev, a
    // unit's status): one chain of publishes, each after the previous one was taken.
    let published: Promise<void> = Promise.resolve();
    const publishInOrder = (topic: string, payload: unknown): Promise<void> => {
      published = published
        .then(() => realtime.publish(topic, payload, { qos: 1, retain: true }))
        .catch((err: unknown) => log(`sim mqtt: ${topic}: ${String(err)}`));
      return published;
    };

    const fleet = createUnitFleet(world, opts.units, opts.seed, {
      graph,
      speedFactor: opts.unitSpeedFactor,
      allObey: opts.unitsObey,
      ackDelayMs: opts.unitAckDelayMs,
      onSceneMs: opts.onSceneMs,
      onStatus: (status) => {
        void publishInOrder(`vigil/units/${status.unitId}/status`, status);
        desk.unitStatus(status);
      },
      log,
    });
    const desk = createIncidentDesk({
      now: Date.now,
      baseUrl,
      callSignOf: (unitId) => fleet.callSignOf(unitId),
      cameraName: (cameraId) => catalog.camera(cameraId)?.name,
      clearClosedAfterMs: opts.closedIncidentRetainMs,
      publish: (topic, message) => {
        // An empty retained payload clears the topic (a closed incident, after a while).
        void publishInOrder(topic, message ?? Buffer.alloc(0));
      },
    });
    stopDesk = () => desk.stop();
    // A year of past incidents before the start (each day generated when first asked for), and
    // the desk's own incidents from the moment they are opened.
    const incidentHistory = createIncidentHistory({
      seed: opts.seed,
      world,
      geometry: district.geometry,
      until: startedAt,
      units: fleet.beats(),
      live: () => desk.list(),
    });
    const tickets = createTicketDesk({
      now: Date.now,
      baseUrl,
      camera: (cameraId) => catalog.camera(cameraId),
      clearClosedAfterMs: opts.closedTicketRetainMs,
      numberedBefore: (day) => healthHistory.numberedBefore(day),
      publish: (topic, message) => {
        void publishInOrder(topic, message ?? Buffer.alloc(0));
      },
    });
    stopTickets = () => tickets.stop();
    // Live failures from now on: a camera goes down as the admin faults take it down (its status
    // on MQTT), a failure that lasts opens a ticket, a repair marks it repaired.
    liveHooks = {
      down(f) {
        if (f.kind === 'obstructed') return;
        faults.setCameraFault({ kind: failureFault[f.kind], cameraId: f.cameraId }, nextSegment());
        if (f.kind === 'offline') {
          recordings.offline(f.cameraId, Date.now());
          setStatus(f.cameraId, 'offline');
        }
        log(`sim: failure ${f.kind} ${f.cameraId}`);
      },
      ticketDue(f) {
        if (!f.ticket) return;
        const known = healthHistory.ticketOf(f);
        const camera = catalog.camera(f.cameraId);
        const dispatchedAt = f.ticket.dispatchedAt;
        const { ticket } = tickets.openFromPlatform({
          cameraId: f.cameraId,
          fault: f.kind,
          source: known ? f.ticket.source : 'prober',
          by: openedBy[known ? f.ticket.source : 'prober'],
          ...(known ? { id: known.id, number: known.number, openedAt: f.ticket.openedAt } : {}),
          ...(known && camera?.maintainer && dispatchedAt !== null && dispatchedAt < startedAt
            ? { dispatched: { contractor: camera.maintainer, at: dispatchedAt } }
            : {}),
        });
        log(`sim: ticket ${ticket.number} ${ticket.fault} ${ticket.cameraId} (${ticket.status})`);
      },
      up(f) {
        if (f.kind !== 'obstructed') {
          const kind = failureFault[f.kind];
          if (kind === 'camera-offline') recordings.online(f.cameraId, Date.now());
          if (faults.clearCameraFault(f.cameraId, kind, nextSegment())) {
            setStatus(f.cameraId, 'online');
          }
        }
        tickets.repairedByPlatform(f.cameraId, f.kind);
        log(`sim: repaired ${f.kind} ${f.cameraId}`);
      },
    };
    if (live) {
      const tick = (): void => live.tick(Date.now());
      timers.push(setInterval(tick, failureTickMs), setTimeout(tick, 100));
      log(`sim: live failures on, ${live.ongoing().length} cameras down at the start`);
    }

    // Every unit's status at start, retained, in batches like the camera statuses.
    const initial = fleet.statuses().map((st) => ({ ...st, at: clock() }));
    for (let i = 0; i < initial.length; i += statusBatch) {
      await Promise.all(
        initial
          .slice(i, i + statusBatch)
          .map((st) =>
            realtime
              .publish(`vigil/units/${st.unitId}/status`, st, { qos: 1, retain: true })
              .catch((err: unknown) => log(`sim mqtt: unit status ${st.unitId}: ${String(err)}`)),
          ),
      );
    }

    const incidentPrng = createPrng(opts.seed * 17 + 3);
    const checkpoints = plateCheckpoints(catalog.snapshot().cameras);
    const openIncident = (input: OpenIncidentRequest): IncidentMessage => {
      const checked = OpenIncidentRequestSchema.safeParse(input);
      if (!checked.success) throw new Error(`incident: ${formatZodError(checked.error)}`);
      const request = checked.data;
      const now = Date.now();
      const made =
        request.kind === 'call'
          ? makeCall(incidentPrng, world.roads, request, now)
          : makePlateHit(incidentPrng, checkpoints, request, now);
      const record = desk.open(made);
      log(`sim: incident ${record.number} ${record.source} ${record.category}`);
      return record;
    };
    /** Applies an event to the incidents and the tickets; a merged ticket-open answers 200. */
    const applyEvent = (event: PlatformEvent): { mergedInto: string } | undefined => {
      const record = desk.apply(event);
      if (record) log(`sim: ${event.type} → ${record.number} ${record.status} rev ${record.rev}`);
      const result = tickets.apply(event);
      if (!result) return undefined;
      const { ticket, mergedInto } = result;
      log(`sim: ${event.type} → ${ticket.number} ${ticket.status} rev ${ticket.rev}`);
      return mergedInto !== undefined && event.type === 'ticket-open' ? { mergedInto } : undefined;
    };

    const orders = createOrderInbox();
    await realtime.subscribe('vigil/orders/+', (topic, payload) => {
      const order = orders.read(topic, payload);
      if (typeof order === 'string') {
        log(`sim mqtt: order dropped: ${order}`);
        return;
      }
      const now = clock();
      const received = { unitId: order.unitId, ...order.place, body: order.body, receivedAt: now };
      if (order.warning) {
        const { warningId } = order.warning;
        const result = fleet.warn(order.unitId, order.warning, now);
        orders.record({
          ...received,
          applied: result !== 'unknown',
          warningId,
          ...(result === 'repeat' || result === 'unknown' ? {} : { response: result }),
          repeat: result === 'repeat',
        });
        log(`sim: warning ${warningId} for ${order.unitId}: ${result}`);
        return;
      }
      if (order.dispatch) {
        const { orderId, incidentId } = order.dispatch;
        const result = fleet.order(order.unitId, { orderId, incidentId, ...order.place }, now);
        orders.record({
          ...received,
          applied: result !== 'unknown',
          orderId,
          incidentId,
          repeat: result === 'repeat',
        });
        log(`sim: order ${orderId} for ${order.unitId}: ${result}`);
        return;
      }
      const applied = fleet.dispatch(order.unitId, order.place, now);
      orders.record({ ...received, applied });
      log(`sim: order for ${order.unitId}${applied ? '' : ' (no such unit)'}`);
    });
    let unitsAt = clock();
    const stepUnits = (): UnitPosition[] => {
      const now = clock();
      const fixes = fleet.step(Math.max(0, now - unitsAt) / 1000, now);
      unitsAt = now;
      for (const p of fixes) {
        realtime
          .publish(`vigil/units/${p.unitId}/position`, p, { qos: 0, retain: false })
          .catch(() => {});
      }
      return fixes;
    };
    if (opts.units > 0 && opts.unitIntervalMs > 0) {
      timers.push(setInterval(stepUnits, opts.unitIntervalMs));
    }
    if (opts.alertIntervalMs > 0) {
      timers.push(setInterval(() => fireAlert(), opts.alertIntervalMs));
    }
    if (opts.incidentIntervalMs > 0) {
      timers.push(setInterval(() => openIncident({ kind: 'call' }), opts.incidentIntervalMs));
    }
    if (opts.plateHitIntervalMs > 0 && checkpoints.length > 0) {
      timers.push(setInterval(() => openIncident({ kind: 'plate' }), opts.plateHitIntervalMs));
    }

    httpServer.on(
      'request',
      httpHandler({
        catalog,
        faults,
        media,
        inbox,
        now: Date.now,
        unavailable,
        setFault,
        clearFaults,
        restart,
        fireAlert,
        orders: () => orders.list(),
        applyEvent,
        incidents: desk,
        tickets,
        healthHistory: (from, to) => {
          const history = healthHistory.history(from, to, Date.now());
          // The desk's tickets that are over (their retained messages get cleared) are history too.
          for (const t of tickets.list()) {
            if (!isOpenTicket(t.status) && t.openedAt >= from && t.openedAt < to) {
              history.tickets.push(t);
            }
          }
          return history;
        },
        incidentHistory: (from, to) => incidentHistory.history(from, to),
        openIncident,
        geometry: () => ({ version: district.geometry.version, json: geometryJson }),
        roads: () => ({ version: roadGraph.version, json: roadsJson }),
        tile: (z, x, y) => tiles.tile(z, x, y),
        recordings,
        adminToken: opts.adminToken,
        log,
      }),
    );
    const adminUrl = adminUrlOf(baseUrl, opts.adminToken);
    log(`sim: ${ids.length} cameras, ${opts.units} units; http ${baseUrl}, mqtt ${mqttUrl}`);
    log(`sim: admin API ${adminUrl} (loopback only)`);

    return {
      baseUrl,
      mqttUrl,
      adminToken: opts.adminToken,
      adminUrl,
      catalog: () => catalog.snapshot(),
      setFault,
      clearFaults,
      faults: () => faults.list(),
      receivedEvents: () => inbox.list(),
      fireAlert,
      geometry: () => district.geometry,
      unitPositions: () => fleet.positions(clock()),
      receivedOrders: () => orders.list(),
      openIncident: async (request) => {
        const record = openIncident(request);
        await published;
        return record;
      },
      incidents: () => desk.list(),
      tickets: () => tickets.list(),
      ongoingFailures: () => live?.ongoing() ?? [],
      unitStatuses: () => fleet.statuses(),
      stepUnits,
      restart,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
