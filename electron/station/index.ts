/**
 * The composition root of the station core: builds every service from the config and wires
 * them together. Nothing else in the core knows how the others are built.
 *
 *   cache (SQLite in dataDir/vigil.db) ─┬─ operators and the session (who is on duty)
 *                                       ├─ catalog (cache-first, refreshed from platform/file)
 *                                       ├─ walls (tiles persisted) and tile modes (playback)
 *                                       ├─ map: unit positions, tracks, geometry, base-map tiles
 *                                       │   (tiles in their own dataDir/tiles.mbtiles)
 *                                       ├─ watch: rotation, tours, coverage, focus and alert pulls
 *                                       ├─ alerts (kept once per id)
 *                                       ├─ dispatch: incidents, unit statuses, orders (through the
 *                                       │   outbox: HTTP events and MQTT unit orders), road ETA
 *                                       ├─ health: down intervals, coverage, fault tickets (through
 *                                       │   the outbox), the prober, rates and the weekly report
 *                                       ├─ marks and tour records → outbox → delivery (HTTP events)
 *                                       └─ audit (the chained record; the door writes it)
 *   upstream: simulator | http | file, realtime over MQTT, link state
 *   out: a ContractHost with a handler for every method of shared/api.ts (checked against
 *        shared/contract/access.ts at every call), and an EventBus.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller, Catalog, EventPayloads } from '../../shared/api';
import { AuditLog } from './cache/audit-log';
import { auditHandlers } from './audit/audit-handlers';
import { CatalogStore } from './cache/catalog-store';
import { openDatabase } from './cache/database';
import { MarkStore } from './cache/mark-store';
import { OutboxStore, type OutboxItem } from './cache/outbox-store';
import { ContractHost, errorMessage, type Handlers } from './contract-host';
import { readMqttBroker } from './config';
import { EventBus } from './event-bus';
import { MarkService } from './mark/mark-service';
import { DeliveryService } from './outbox/delivery-service';
import { outboxHandlers } from './outbox/outbox-handlers';
import type { Station, StationOptions } from './station';
import { CatalogClient } from './upstream/catalog-client';
import { CatalogService, type CatalogOrigin } from './upstream/catalog-service';
import { LinkMonitor } from './upstream/link-state';
import { redactUrlCredentials } from './text-input';
import { createMapCapability } from './map/map-capability';
import { createWatchCapability } from './watch/watch-capability';
import { realClock } from './watch/watch-clock';
import { RealtimeClient } from './upstream/realtime-client';
import { streamHostsCheck } from './upstream/stream-hosts';
import { createWallCapability } from './wall/wall-capability';
import type { WallService } from './wall/wall-service';
import { TileModeService } from './wall/playback-service';
import { RecordingsService } from './wall/recordings-service';
import { OperatorStore } from './cache/operator-store';
import { AlertStore } from './cache/alert-store';
import { alertRetentionDays } from '../../shared/contract/alerts';
import { SessionService } from './operators/session-service';
import { createDispatchCapability, type DispatchCapability } from './dispatch/dispatch-capability';
import { createHealthCapability, type HealthCapability } from './health/health-capability';
import { createAnalysisCapability, type AnalysisCapability } from './analysis/analysis-capability';
import { productWorkerFile } from './analysis/product-worker-file';
import { PositionStore } from './cache/position-store';
import { createRoadRouter } from './dispatch/roads/road-router';
import { pulledOnto } from './watch/focus-service';
import { haversineM } from '../../shared/domain/geo';
import type { HandoverItems } from '../../shared/contract/session';

export type { Station, StationOptions } from './station';

/** Hooks for the crash tests (run-station.ts); production passes none. */
export interface StationTestHooks {
  /** Runs after the platform accepted an outbox item and before it is marked delivered. */
  beforeMarkDelivered?: (item: OutboxItem) => Promise<void> | void;
}

/** A running simulator, as much of it as the core needs. */
interface RunningSimulator {
  baseUrl: string;
  mqttUrl: string;
  stop(): Promise<void>;
}

const emptyCatalog = (): Catalog => ({ version: '', areas: [], cameras: [] });

export async function createStation(
  options: StationOptions & { hooks?: StationTestHooks },
): Promise<Station> {
  const { config, dataDir } = options;
  const log = (line: string): void => options.log?.(redactUrlCredentials(line)); // no passwords
  const now = options.now ?? Date.now;
  const wallCount = Math.max(1, options.wallCount ?? config.walls.count);
  mkdirSync(dataDir, { recursive: true });

  const db = openDatabase(join(dataDir, 'vigil.db'), { log });
  const cleanups: (() => Promise<void> | void)[] = [() => void db.close()];
  const cleanup = async (): Promise<void> => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        log(`station: stop: ${errorMessage(error)}`);
      }
    }
    cleanups.length = 0;
  };

  try {
    const events = new EventBus(1000, now);
    const catalogStore = new CatalogStore(db);
    const outboxStore = new OutboxStore(db);
    const markStore = new MarkStore(db);
    const audit = new AuditLog(db, now);
    // ---- operators: who is signed in at this station (every call asks) ----
    const sessions = new SessionService({
      store: new OperatorStore(db),
      audit,
      demo: config.platform.kind === 'simulator',
      now,
      onChanged: (state) => events.emit('session', state),
      onOperators: (operators) => events.emit('operators', { operators }),
      openItems: () => openItems(),
    });
    await sessions.init();

    // ---- the platform: the built-in simulator, a real one over HTTP, or a file -------------
    let simulator: RunningSimulator | null = null;
    let baseUrl: string | null = null;
    let mqttUrl: string | null = null;
    const platform = config.platform;
    if (platform.kind === 'simulator') {
      // Imported lazily: a station on a real platform never loads the simulator (or aedes).
      const { startSimulator } = await import('../sim');
      const sim = await startSimulator({
        cameras: platform.cameras,
        units: platform.units,
        seed: platform.seed,
        port: platform.port,
        mqttPort: platform.mqttPort,
        alertIntervalMs: platform.alertIntervalMs,
        log,
      });
      simulator = sim;
      cleanups.push(() => sim.stop());
      baseUrl = sim.baseUrl;
      mqttUrl = sim.mqttUrl;
    } else if (platform.kind === 'http') {
      baseUrl = platform.baseUrl.replace(/\/+$/, '');
      mqttUrl = platform.mqttUrl ?? null;
    } else {
      mqttUrl = platform.mqttUrl ?? null;
    }
    // The broker's credentials and PEM files (read now: a bad file stops the start).
    const mqttBroker = readMqttBroker(platform);

    // ---- link state; its recovery wakes the outbox ------------------------------------------
    let delivery: DeliveryService | null = null;
    const link = new LinkMonitor(
      { http: baseUrl !== null, mqtt: mqttUrl !== null },
      'none',
      (view, previous) => {
        events.emit('link', view);
        if (view.state !== previous.state) {
          log(`link: ${view.state}${view.detail ? ` (${view.detail})` : ''}`);
          if (previous.state === 'offline' || view.state === 'online') delivery?.linkRecovered();
        }
      },
      now,
    );

    // ---- catalog, cache-first --------------------------------------------------------------
    const origin: CatalogOrigin =
      baseUrl !== null
        ? {
            kind: 'platform',
            client: new CatalogClient({ baseUrl, timeoutMs: config.upstream.timeoutMs }),
          }
        : platform.kind === 'file'
          ? { kind: 'file', path: platform.catalogFile }
          : { kind: 'none' };
    let walls: WallService | null = null;
    // Says at start (and when a new catalog changes it) which video origins the pages may not load.
    const checkStreamHosts = streamHostsCheck({
      baseUrl,
      streamHosts: config.security.streamHosts,
      log,
    });
    const catalog = new CatalogService({
      store: catalogStore,
      origin,
      pollMs: config.upstream.catalogPollMs,
      link: (input) => link.update(input),
      onChanged: (info) => {
        events.emit('catalog', info);
        checkStreamHosts(catalog.get());
        openDefaultView();
      },
      onCameraStatus: (cameraId, status) => events.emit('camera.status', { cameraId, status }),
      log,
      now,
    });
    cleanups.push(() => catalog.stop());
    catalog.loadCache();

    // ---- walls -----------------------------------------------------------------------------
    // Tiles whose camera the operator changed (the focus service releases them from alert pulls).
    const lastTiles = new Map<number, (string | null)[]>();
    let onTilesAssigned: ((wallId: number, tiles: number[]) => void) | null = null;
    // Set below: camera health hears every tile report (and the delivery's outcomes).
    let health: HealthCapability | null = null;
    const wallCapability = createWallCapability({
      db,
      audit,
      wallCount,
      layout: { cols: config.walls.cols, rows: config.walls.rows },
      cameraExists: (id) => catalog.camera(id) !== undefined,
      onWall: (wall) => {
        const before = lastTiles.get(wall.wallId);
        lastTiles.set(
          wall.wallId,
          wall.tiles.map((t) => t.cameraId),
        );
        const changed = before
          ? wall.tiles.flatMap((t) => (t.cameraId !== before[t.index] ? [t.index] : []))
          : [];
        if (changed.length > 0) onTilesAssigned?.(wall.wallId, changed);
        events.emit('wall', wall);
      },
      onTiles: (reports) => events.emit('wall.tiles', reports),
      onReport: (wallId, tiles) => {
        const cameras = lastTiles.get(wallId) ?? [];
        health?.onTiles(tiles.map((t) => ({ cameraId: cameras[t.index] ?? null, state: t.state })));
      },
      onIdentify: (event) => events.emit('wall.identify', event),
      onLayouts: (layouts) => events.emit('layouts', layouts),
      onViews: (views) => events.emit('views', views),
      now,
      log,
    });
    const wallService = wallCapability.service;
    for (const wall of wallService.list()) {
      lastTiles.set(
        wall.wallId,
        wall.tiles.map((t) => t.cameraId),
      );
    }
    walls = wallService;
    // ---- tile modes: playback and follow, in memory ----------------------------------------
    const tileModes = new TileModeService({
      wallCount,
      // Following a suspect on a tile an incident or an alert pulled keeps it the pull's, so the
      // tile stays titled with what it is watching for (issue #13 item 3).
      assign: (wallId, tileIndex, cameraId, caller) => {
        const pull = watch.focus.pullOn(wallId, tileIndex);
        const state = wallService.assign(wallId, tileIndex, cameraId, caller);
        const camera = pull && catalog.get()?.cameras.find((c) => c.id === cameraId);
        watch.focus.followed(
          pull,
          tileIndex,
          cameraId,
          pull && camera ? haversineM(camera, pull) : 0,
        );
        return state;
      },
      onChanged: (state) => events.emit('tile.modes', state),
    });
    // What the platform recorded (the playback timeline) and the audit row of an exported clip.
    const recordings = new RecordingsService({
      baseUrl,
      timeoutMs: config.upstream.timeoutMs,
      cameraExists: (id) => catalog.camera(id) !== undefined,
      cameraName: (id) => catalog.camera(id)?.name,
      audit,
      timeZone: config.station.timeZone,
      now,
      log,
    });
    function openDefaultView(): void {
      const current = catalog.get();
      if (platform.kind === 'simulator' && walls && current && walls.isEmpty()) {
        // The first-run view is not the operator's arrangement: alerts may pull onto it at once.
        const told = onTilesAssigned;
        onTilesAssigned = null;
        try {
          if (walls.applyDefaultView(current)) log('walls: first run, opened on live cameras');
        } finally {
          onTilesAssigned = told;
        }
      }
    }
    openDefaultView();

    // ---- marks and their delivery ----------------------------------------------------------
    // Set below: the delivery tells dispatch what became of its items; orders need the broker.
    let dispatch: DispatchCapability | null = null;
    let analysis: AnalysisCapability | null = null;
    let realtime: RealtimeClient | null = null;
    delivery = new DeliveryService({
      store: outboxStore,
      // A file station posts to its `platform.eventsUrl`, if it names one (else marks stay here).
      eventsUrl:
        baseUrl !== null
          ? `${baseUrl}/api/v1/events`
          : platform.kind === 'file'
            ? (platform.eventsUrl ?? null)
            : null,
      retryBaseMs: config.outbox.retryBaseMs,
      retryMaxMs: config.outbox.retryMaxMs,
      timeoutMs: config.upstream.timeoutMs,
      now,
      onStatus: (status) => events.emit('outbox', status),
      onTransport: (ok, detail) =>
        link.update(ok ? { kind: 'http-ok' } : { kind: 'http-failed', detail: detail ?? 'failed' }),
      log,
      beforeMarkDelivered: options.hooks?.beforeMarkDelivered,
      // Unit orders go out on MQTT (QoS 1) once the realtime client exists; without a broker, they wait.
      publish: (topic, body) =>
        realtime
          ? realtime.publish(topic, body, 1)
          : Promise.reject(new Error('no MQTT broker configured')),
      onSettled: (item, outcome, error) => {
        dispatch?.onSettled(item, outcome, error);
        health?.onSettled(item, outcome, error);
        analysis?.onSettled(item, outcome, error);
      },
    });
    const outbox = delivery;
    cleanups.push(() => outbox.stop());
    // A transaction queued outbox items: the desk's count, and the delivery woken.
    const queued = (): void => {
      events.emit('outbox', outboxStore.status());
      outbox.wake();
    };
    const marks = new MarkService({
      db,
      marks: markStore,
      outbox: outboxStore,
      audit,
      cameraExists: (id) => catalog.camera(id) !== undefined,
      onQueued: () => {
        events.emit('outbox', outboxStore.status());
        outbox.wake();
      },
      now,
    });

    // ---- map: units, tracks, geometry, base-map tiles --------------------------------------
    const map = createMapCapability({
      db,
      dataDir,
      config,
      baseUrl,
      simulatorUrl: simulator ? simulator.baseUrl : null,
      catalog: () => catalog.get(),
      onUnits: (units) => events.emit('units', { units }),
      now,
      log,
    });
    cleanups.push(() => map.stop());

    // ---- watch: rotation, tours, coverage, focus -------------------------------------------
    const watch = createWatchCapability({
      // A tile saw the picture bad, or its ticket for that is open: rotation passes it over.
      pictureFault: (id) => health?.pictureFault(id) ?? false,
      db,
      outbox: outboxStore,
      audit,
      events,
      clock: realClock(now),
      timeZone: config.station.timeZone,
      catalog: () => catalog.get(),
      camera: (id) => catalog.camera(id),
      walls: {
        tileCount: (wallId) => wallService.get(wallId).tiles.length,
        assign: (wallId, tileIndex, cameraId, caller) =>
          void wallService.assign(wallId, tileIndex, cameraId, caller),
      },
      linkage: {
        wallId: config.watch.linkageWall,
        tileIndices: config.watch.linkageTiles,
        radiusM: config.watch.linkageRadiusM,
        pullTtlMs: Math.round(config.watch.pullMinutes * 60_000),
      },
      tourHoldMs: config.watch.tourHoldSeconds * 1000,
      onQueued: () => {
        events.emit('outbox', outboxStore.status());
        outbox.wake();
      },
      log,
    });
    cleanups.push(() => watch.stop());
    onTilesAssigned = (wallId, tiles) => watch.focus.releaseTiles(wallId, tiles);
    cleanups.push(
      events.on((e) => {
        // A camera's status or its health mark (a bad picture) changed: the rotation re-counts.
        if (e.stream === 'camera.status' || e.stream === 'health.mark') watch.onCameraStatus();
      }),
    );

    // ---- alerts, kept for alertRetentionDays and pruned daily ----
    const alerts = new AlertStore(db);
    const pruneAlerts = (): void => {
      const gone = alerts.prune(now() - alertRetentionDays * 86_400_000);
      if (gone > 0) log(`alerts: forgot ${gone} older than ${alertRetentionDays} days`);
    };
    pruneAlerts();
    const alertPruning = setInterval(pruneAlerts, 86_400_000);
    alertPruning.unref();
    cleanups.push(() => clearInterval(alertPruning));

    // ---- dispatch: incidents, unit statuses, orders, road ETA --------------------------------
    const dispatchCapability = createDispatchCapability({
      db,
      outbox: outboxStore,
      audit,
      config,
      // The road graph from the platform, a file station's `platform.roadsFile`, or the cache;
      // straight-line until one is loaded.
      router: createRoadRouter({
        baseUrl,
        file: platform.kind === 'file' ? (platform.roadsFile ?? null) : null,
        dataDir,
        log,
        now,
      }),
      geometry: () => map.geometry.get(),
      catalog: () => catalog.get(),
      units: () => map.units.list(),
      unit: (id) => map.units.get(id),
      setMapStatus: (id, status) => void map.units.setStatus(id, status),
      // The desk asked (incident.focus): tiles the operator just arranged may be taken.
      focus: (alert) =>
        pulledOnto(
          watch.focus.onAlert(alert, { asked: true }),
          alert.wallId ?? config.watch.linkageWall,
        ),
      emit: (stream, payload) => events.emit(stream, payload as EventPayloads[typeof stream]),
      onQueued: queued,
      now,
      log,
    });
    dispatch = dispatchCapability;
    cleanups.push(() => dispatchCapability.stop());

    // The platform's histories (camera health, incidents) are megabytes to fetch and store: they
    // wait until the catalog is in (or 30 s), then 2 s more, so a starting station shows its
    // cameras first (e2e on a busy machine saw the desk's tree arrive after the imports).
    let catalogIn: Promise<void> | null = null;
    const importWhen = (): Promise<void> =>
      (catalogIn ??= new Promise<void>((resolve) => {
        const since = Date.now();
        const poll = setInterval(() => {
          if (catalog.get() === null && Date.now() - since < 30_000) return;
          clearInterval(poll);
          setTimeout(resolve, 2000).unref?.();
        }, 250);
        poll.unref?.();
      }));

    // ---- camera health (issue #16): status, tiles, prober, tickets, rates, the weekly report --
    const healthCapability = createHealthCapability({
      importWhen,
      ...{ db, outbox: outboxStore, audit, config, baseUrl, now, log },
      ...(options.shell ? { savePdf: options.shell.savePdf } : {}),
      catalog: () => catalog.get(),
      watched: () => new Set([...lastTiles.values()].flat().filter((c): c is string => c !== null)),
      emit: (stream, payload) => events.emit(stream, payload as EventPayloads[typeof stream]),
      onQueued: queued,
    });
    health = healthCapability;
    cleanups.push(() => healthCapability.stop());

    // ---- analysis (issue #17): history, products (worker), warnings, roll calls, scores ----------
    const analysisCapability = createAnalysisCapability({
      importWhen,
      ...{ db, outbox: outboxStore, audit, config, baseUrl, now, log },
      catalog: () => catalog.get(),
      geometry: () => map.geometry.get(),
      units: () => map.units.list(),
      positions: new PositionStore(db),
      flushPositions: () => map.ingest.flush(),
      wallPin: (wallId) => wallService.get(wallId).layout.product ?? null,
      emit: (stream, payload) => events.emit(stream, payload as EventPayloads[typeof stream]),
      onQueued: queued,
      workerFile: productWorkerFile(),
    });
    analysis = analysisCapability;
    cleanups.push(() => analysisCapability.stop());

    // ---- realtime --------------------------------------------------------------------------
    if (mqttUrl !== null) {
      const client = new RealtimeClient({
        url: mqttUrl,
        broker: mqttBroker,
        stationId: config.station.id,
        now,
        // Positions older than the track retention would be pruned at once: refused instead.
        maxPositionAgeMs: config.map.trackRetentionDays * 86_400_000,
        onCameraStatus: (m) => {
          catalog.setStatus(m.cameraId, m.status, m.at);
          healthCapability.onCameraStatus(m);
        },
        onUnit: (p) => map.onFix(p),
        // Kept once per id (docs/protocol.md §3), then pulled onto the focus tiles.
        onAlert: (a) => {
          if (alerts.add(a, now())) watch.onAlert(a);
        },
        onIncident: (m) => {
          dispatchCapability.onIncident(m);
          analysisCapability.onIncident(m);
        },
        onIncidentCleared: (id) => dispatchCapability.onIncidentCleared(id),
        onUnitStatus: (s) => dispatchCapability.onUnitStatus(s),
        onTicket: (m) => healthCapability.onTicket(m),
        onTicketCleared: (id) => healthCapability.onTicketCleared(id),
        onConnection: (up, detail) => {
          link.update(up ? { kind: 'mqtt-up' } : { kind: 'mqtt-down', detail: detail ?? 'down' });
          // Is the whole platform gone, or only its broker? Ask HTTP now, not at the next poll.
          if (!up) catalog.checkNow();
        },
        onHealth: (health) => link.update({ kind: 'realtime-health', health }),
        log,
      });
      realtime = client;
      cleanups.push(() => client.stop());
    }

    // ---- what a shift hands over (交接班) ----
    function openItems(): HandoverItems {
      const tours = watch.tours.state();
      const focus = watch.focus.list();
      return {
        tourRuns: tours.runs.map((r) => ({
          runId: r.id,
          tourName: r.tourName,
          wallId: r.wallId,
          watcher: r.watcher,
          marked: r.stops.filter((stop) => stop.outcome !== null).length,
          stops: r.stops.length,
        })),
        pins: focus.pins.map((p) => ({
          wallId: p.wallId,
          tileIndex: p.tileIndex,
          cameraId: p.cameraId,
          reason: p.reason,
          pinnedBy: p.pinnedBy,
          expiresAt: p.expiresAt,
        })),
        pulls: focus.pulls.map((p) => ({
          alertId: p.alertId,
          title: p.title,
          wallId: p.wallId,
          kept: p.expiresAt === null,
        })),
        pendingOutbox: outboxStore.status().pending,
      };
    }

    // ---- analysis (issue #17) ----------------------------------------------------------------

    // ---- the contract ----------------------------------------------------------------------
    const handlers: Handlers = {
      'catalog.get': () => catalog.get() ?? { ...emptyCatalog(), source: 'none' },
      'link.get': () => link.get(),
      'station.info': () => ({
        stationId: config.station.id,
        operator: sessions.current()?.name ?? '',
        role: sessions.current()?.role ?? null,
        locale: config.locale,
        decoderBudget: config.walls.decoderBudget,
        idleLockMinutes: config.station.idleLockMinutes,
        wallPageReloadHours: config.walls.pageReloadHours,
        streamOrigins: station.platformOrigins(),
        timeZone: config.station.timeZone,
      }),
      'wall.list': () => wallService.list(),
      'wall.get': ({ wallId }) => wallService.get(wallId),
      'wall.assign': ({ wallId, tileIndex, cameraId }, caller: Caller) =>
        wallService.assign(wallId, tileIndex, cameraId, caller),
      'mark.create': (input, caller) => {
        const { idempotencyKey: _key, ...record } = marks.create(input, caller);
        return record;
      },
      'mark.list': ({ limit }) => marks.list(limit),
      'outbox.status': () => outboxStore.status(),
      'events.since': ({ stream, since, epoch }) => events.since(stream, since, epoch),
      'alerts.list': ({ limit, beforeMs }) => alerts.list(limit, beforeMs),
      'session.get': () => sessions.state(),
      'session.signIn': ({ name, password }, caller) => sessions.signIn(name, password, caller),
      'session.setup': ({ name, password }, caller) => sessions.setup(name, password, caller),
      'session.signOut': (_input, caller) => sessions.signOut(caller),
      'session.lock': (_input, caller) => sessions.lock(caller),
      'session.unlock': ({ password }, caller) => sessions.unlock(password, caller),
      'session.openItems': () => sessions.openItems(),
      'session.handover': (input, caller) => sessions.handover(input, caller),
      'session.handovers': ({ limit }) => sessions.handovers(limit),
      'operator.list': () => sessions.list(),
      'operator.save': (input, caller) => sessions.save(input, caller),
      ...wallCapability.handlers,
      ...tileModes.handlers(),
      'playback.recordings': (input) => recordings.ranges(input),
      'playback.clipExported': (input, caller) => recordings.clipExported(input, caller),
      ...map.handlers,
      ...watch.handlers,
      ...auditHandlers(audit, now, config.station.timeZone),
      ...outboxHandlers(outboxStore, () => events.emit('outbox', outboxStore.status())),
      ...dispatchCapability.handlers,
      ...healthCapability.handlers,
      ...analysisCapability.handlers,
    };
    const host = new ContractHost(handlers, {
      onInternalError: (method, error) =>
        log(`station: ${method} failed: ${error instanceof Error ? error.stack : String(error)}`),
      session: () => sessions.current(),
      // Every refusal, and every `act` that succeeded, is a row (shared/contract/access.ts).
      audit,
    });

    // ---- start -----------------------------------------------------------------------------
    catalog.startPolling();
    delivery.start();
    realtime?.start();
    map.start();
    watch.start();
    dispatchCapability.start();
    healthCapability.start();
    analysisCapability.start();

    const streamOrigins = [baseUrl, ...config.security.streamHosts]
      .filter((u): u is string => u !== null)
      .map((u) => new URL(u).origin);
    let stopping: Promise<void> | null = null;
    const station: Station = {
      config,
      dataDir,
      host,
      events,
      wallCount,
      simulator: simulator ? { baseUrl: simulator.baseUrl, mqttUrl: simulator.mqttUrl } : null,
      platformOrigins: () => [...new Set(streamOrigins)],
      tiles: (z, x, y) => map.tile(z, x, y),
      importTiles: (file) => map.importTiles(file),
      stop: () => (stopping ??= cleanup()),
    };
    log(
      `station: ready; ${wallCount} walls; catalog from ${catalog.getSource()}` +
        (baseUrl ? `; platform ${baseUrl}` : ''),
    );
    return station;
  } catch (error) {
    await cleanup();
    throw error;
  }
}
