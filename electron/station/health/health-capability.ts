/**
 * The camera-health capability (issue #16), built by the composition root: camera health in the
 * core, the background prober, online rate and integrity, fault tickets and the weekly report.
 *
 *   MQTT vigil/cameras/+/status ─┐
 *   wall.reportTiles (tiles) ────┼─► HealthService ─► down intervals, coverage ─┐
 *   the prober (unwatched) ──────┘        │ faults that persist                 │
 *                                         ▼                                     │
 *   MQTT vigil/tickets/+ ─► TicketService ◄─ desk health.ticketAct ─► outbox    │
 *   history (start, daily) ─► intervals, coverage, tickets ─────────────────────┤
 *   health.summary / report ◄─ shared/domain/health/rates.ts ◄──────────────────┘
 *   changes ─(500 ms)─► health.ticket / health.mark; weekly report on schedule ─► health.report
 */
import type { Catalog } from '../../../shared/api';
import {
  healthMarks,
  healthMethods,
  type HealthEventPayloads,
  type HealthMark,
  type WeeklyReport,
} from '../../../shared/contract/health';
import type { TicketMessage } from '../../../shared/contract/platform-health';
import {
  healthSummary,
  healthTarget,
  mondayOf,
  weekSpan,
  weeklyReport,
  type CameraRef,
  type RateInput,
} from '../../../shared/domain/health/rates';
import { parseHhMm, zonedAt, zonedDate } from '../../../shared/domain/time/hall-time';
import { reportPdfName } from '../../../shared/domain/health/report-file';
import { VigilError } from '../../../shared/result';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import { HealthStore } from '../cache/health-store';
import type { OutboxItem, OutboxStore } from '../cache/outbox-store';
import type { VigilConfig } from '../config';
import type { ShellServices } from '../station';
import type { Handlers } from '../contract-host';
import { HealthService } from './health-service';
import { importHistory, type HistoryCounters } from './history-import';
import { createProber, type ProbeResult, type Prober } from './prober';
import { TicketService, type TicketCamera } from './ticket-service';

export type HealthHandlers = Pick<Handlers, keyof typeof healthMethods>;

/** How often the streams carry what changed, ms (a burst is one event). */
export const healthFlushMs = 500;
/** How often repaired tickets are checked for verifying, ms (faults: at each flush). */
export const healthScanMs = 10_000;
/** The coverage heartbeat (and the weekly report's clock), ms. */
export const healthHeartbeatMs = 60_000;
/** The history import's period, ms. */
export const historyImportMs = 86_400_000;
const dayMs = 86_400_000;

export interface HealthCapabilityOptions {
  /**
   * Resolves when the history may be imported (the station has its catalog): the platform's
   * answer is megabytes, and a station starting must show its cameras first. Default: at once.
   */
  importWhen?: () => Promise<void>;
  db: CacheDatabase;
  outbox: OutboxStore;
  audit: AuditLog;
  config: VigilConfig;
  catalog: () => Catalog | null;
  /** The platform's base URL (history, pictures); null: none. */
  baseUrl: string | null;
  /** Cameras on some wall tile now (the prober skips them). */
  watched: () => ReadonlySet<string>;
  emit: <S extends keyof HealthEventPayloads>(stream: S, payload: HealthEventPayloads[S]) => void;
  /** Wake the outbox after a transaction queued items. */
  onQueued: () => void;
  now?: () => number;
  fetch?: typeof fetch;
  /** The app's shell saves the report page as a PDF (absent in the browser host: it prints). */
  savePdf?: ShellServices['savePdf'];
  /** Tests: a prober of their own (default: createProber with the config). */
  prober?: Prober;
  log?: (line: string) => void;
}

export interface HealthCapability {
  handlers: HealthHandlers;
  health: HealthService;
  tickets: TicketService;
  store: HealthStore;
  history: HistoryCounters;
  /** Feeds. */
  onCameraStatus(message: { cameraId: string; status: 'online' | 'offline'; at: number }): void;
  onTiles(tiles: readonly { cameraId: string | null; state: string }[]): void;
  onProbe(result: ProbeResult): void;
  onTicket(message: TicketMessage): void;
  onTicketCleared(id: string): void;
  onSettled(item: OutboxItem, outcome: 'delivered' | 'rejected', error: string | null): void;
  /**
   * Is the camera's picture bad lately: a tile sees it so now, or it has an open ticket for a
   * picture fault (the rotation and tours pass it over, issue #16 item 1).
   */
  pictureFault(cameraId: string): boolean;
  /** What the timers do (tests call them). */
  flush(): void;
  scan(): void;
  heartbeat(): void;
  importHistory(): Promise<number>;
  /** Makes the scheduled weekly report when it is due and not made yet; returns it. */
  scheduleReport(): WeeklyReport | null;
  start(): void;
  stop(): Promise<void>;
}

interface CatalogIndex {
  /** The catalog's arrays it was built from (catalog.get() answers a new object each call). */
  cameras: Catalog['cameras'];
  areas: Catalog['areas'];
  refs: CameraRef[];
  byId: Map<string, CameraRef>;
  names: Map<string, string>;
}

export function createHealthCapability(options: HealthCapabilityOptions): HealthCapability {
  const { config, db } = options;
  const hc = config.health;
  const timeZone = config.station.timeZone;
  const now = options.now ?? Date.now;
  const log = options.log;
  const store = new HealthStore(db);
  const changedTickets = new Set<string>();

  let index: CatalogIndex | null = null;
  const catalogIndex = (): CatalogIndex | null => {
    const catalog = options.catalog();
    if (!catalog) return null;
    if (index?.cameras === catalog.cameras && index.areas === catalog.areas) return index;
    const parent = new Map(catalog.areas.map((a) => [a.id, a.parentId]));
    const names = new Map(catalog.areas.map((a) => [a.id, a.name]));
    names.set('', config.station.id);
    const refs = catalog.cameras.map((c): CameraRef => {
      const zoneId = parent.get(c.gridId) ?? null;
      return {
        id: c.id,
        name: c.name,
        gridId: c.gridId,
        zoneId,
        regionId: zoneId === null ? null : (parent.get(zoneId) ?? null),
        kind: c.kind,
        contractor: c.maintainer ?? null,
      };
    });
    health.seed(catalog.cameras);
    index = {
      cameras: catalog.cameras,
      areas: catalog.areas,
      refs,
      byId: new Map(refs.map((r) => [r.id, r])),
      names,
    };
    return index;
  };
  const cameraRef = (id: string): CameraRef | undefined => catalogIndex()?.byId.get(id);

  // eslint-disable-next-line prefer-const -- the two services name each other
  let tickets: TicketService;
  const health = new HealthService({
    store,
    now,
    openTicketOf: (cameraId) => tickets.openTicketOf(cameraId),
    log,
  });
  tickets = new TicketService({
    db,
    store,
    outbox: options.outbox,
    audit: options.audit,
    health,
    stationId: config.station.id,
    timeZone,
    ticketAfterMs: hc.ticketAfterSeconds * 1000,
    autoVerifyMs: Math.round(hc.autoVerifyHours * 3_600_000),
    slaHours: hc.slaHours,
    camera: (id): TicketCamera | undefined => {
      const c = cameraRef(id);
      return c && { name: c.name, kind: c.kind, zoneId: c.zoneId, contractor: c.contractor };
    },
    now,
    changed: changedTickets,
    onQueued: options.onQueued,
    fetch: options.fetch,
    timeoutMs: config.upstream.timeoutMs,
    log,
  });

  const prober =
    options.prober ??
    createProber({
      enabled: hc.probe.enabled && options.baseUrl !== null,
      ratePerSecond: hc.probe.ratePerSecond,
      periodMinutes: hc.probe.periodMinutes,
      timeoutMs: hc.probe.timeoutMs,
      targets: () =>
        (options.catalog()?.cameras ?? []).map((c) => ({
          id: c.id,
          liveUrl: c.liveUrl,
          ...(c.subUrl !== undefined && { subUrl: c.subUrl }),
        })),
      watched: options.watched,
      onResult: (r) => guarded('probe', () => health.onProbe(r))(),
      fetch: options.fetch,
      now,
      log,
    });

  const history: HistoryCounters = { imported: 0, bad: 0, lastProblem: null };
  let importing: Promise<number> | null = null;
  const runImport = (): Promise<number> => {
    if (options.baseUrl === null) return Promise.resolve(0);
    importing ??= importHistory({
      db,
      store,
      baseUrl: options.baseUrl,
      historyDays: hc.historyDays,
      timeoutMs: Math.max(config.upstream.timeoutMs, 60_000),
      now,
      fetch: options.fetch,
      counters: history,
      log,
    }).finally(() => {
      importing = null;
      tickets.invalidate();
    });
    return importing;
  };

  function guarded(what: string, fn: () => void): () => void {
    return () => {
      try {
        fn();
      } catch (error) {
        log?.(`health: ${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }

  const flush = (): void => {
    if (changedTickets.size > 0) {
      const ids = [...changedTickets];
      changedTickets.clear();
      for (const t of tickets.viewsOf(ids)) {
        options.emit('health.ticket', t);
        health.ticketChanged(t.cameraId);
      }
    }
    for (const m of health.takeMarks()) options.emit('health.mark', m);
  };

  const rateInput = (from: number, to: number): RateInput => {
    const idx = catalogIndex();
    return {
      cameras: idx?.refs ?? [],
      intervals: store.intervalsIn(from, to),
      coverage: store.coverageIn(from, to),
      maintenance: hc.maintenanceWindows,
      timeZone,
      names: idx?.names ?? new Map([['', config.station.id]]),
    };
  };

  const makeReport = (weekStart: string, trigger: WeeklyReport['trigger']): WeeklyReport => {
    const span = weekSpan(weekStart, timeZone);
    // The week and the 7 before it (the trend of the weeks).
    const from = span.start - 7 * 7 * dayMs;
    health.heartbeat(); // the coverage reaches now
    return weeklyReport(rateInput(from, span.end), {
      weekStart,
      generatedAt: now(),
      trigger,
      tickets: store.ticketsAround(span.start - 7 * dayMs, span.end),
      lastPictureAt: health.lastPictures(),
      openTickets: tickets.openTicketsByCamera(),
    });
  };

  /** The Monday (hall time) of the week before the week of `t`. */
  const previousMonday = (t: number): string =>
    mondayOf(weekSpan(mondayOf(t, timeZone), timeZone).start - 1, timeZone);

  const scheduleReport = (): WeeklyReport | null => {
    const t = now();
    const thisWeek = weekSpan(mondayOf(t, timeZone), timeZone);
    // The scheduled moment of this week: report.weekday at report.time, hall time.
    const day = zonedDate(
      thisWeek.start + (hc.report.weekday - 1) * dayMs + 12 * 3_600_000,
      timeZone,
    );
    const due = zonedAt(day, parseHhMm(hc.report.time), timeZone);
    if (t < due) return null;
    const weekStart = previousMonday(t);
    if (store.report(weekStart)) return null;
    if (!catalogIndex()?.refs.length) return null; // no cameras yet: made when the catalog is in
    const report = makeReport(weekStart, 'schedule');
    store.putReport(report);
    log?.(`health: weekly report of ${weekStart} made`);
    options.emit('health.report', { weekStart, generatedAt: report.generatedAt });
    return report;
  };

  const scan = (): void => {
    health.unwatched(options.watched());
    tickets.autoOpen(health.faults());
    tickets.autoVerify();
  };
  const heartbeat = (): void => {
    health.heartbeat();
    if (!importing) guarded('weekly report', () => void scheduleReport())();
  };

  const cameraOrThrow = (cameraId: string): void => {
    const catalog = options.catalog();
    if (catalog && !cameraRef(cameraId)) throw new VigilError('not-found', `no camera ${cameraId}`);
  };

  const handlers: HealthHandlers = {
    'health.summary': (input) => {
      const to = input.to ?? now();
      const from = input.from ?? to - 7 * dayMs;
      if (from >= to) throw new VigilError('bad-input', 'from must be before to');
      health.heartbeat();
      const part = healthSummary(rateInput(from, to), {
        from,
        to,
        groupBy: input.groupBy,
        worst: input.worst,
        lastPictureAt: health.lastPictures(),
        openTickets: tickets.openTicketsByCamera(),
      });
      const counts = Object.fromEntries(healthMarks.map((m) => [m, 0])) as Record<
        HealthMark,
        number
      >;
      const open = tickets.openTicketsByCamera(); // one query, not one per camera
      for (const ref of catalogIndex()?.refs ?? []) {
        counts[health.knownMark(ref.id) ?? (open.has(ref.id) ? 'ticket' : 'unknown')]++;
      }
      return { from, to, target: healthTarget, groupBy: input.groupBy, ...part, now: counts };
    },
    'health.camera': ({ cameraId, days }) => {
      cameraOrThrow(cameraId);
      const to = now() + 1; // one that opened this very ms too
      return {
        ...health.health(cameraId),
        intervals: store
          .intervalsIn(to - days * dayMs, to, cameraId)
          .map((i) => ({ kind: i.kind, start: i.start, end: i.end })),
      };
    },
    'health.marks': () => health.marks(),
    'health.tickets': (input) => tickets.list(input),
    'health.ticketAct': (input, caller) => tickets.act(input, caller),
    'health.ticketPicture': ({ ticketId }) => tickets.picture(ticketId),
    'health.report': ({ weekStart }) => {
      const week = weekStart ?? previousMonday(now());
      try {
        weekSpan(week, timeZone);
      } catch (error) {
        throw new VigilError('bad-input', error instanceof Error ? error.message : String(error));
      }
      return makeReport(week, 'demand');
    },
    'health.reports': () => store.reports(),
    'health.prober': () => prober.status(),
    'health.reportPdf': async ({ weekStart }, caller) => {
      if (!options.savePdf) {
        throw new VigilError(
          'unavailable',
          'only the app saves a PDF itself: print the page and choose "Save as PDF"',
        );
      }
      let defaultName: string;
      try {
        defaultName = reportPdfName(weekStart);
      } catch (error) {
        throw new VigilError('bad-input', error instanceof Error ? error.message : String(error));
      }
      return { savedTo: await options.savePdf({ caller, defaultName }) };
    },
  };

  const timers: ReturnType<typeof setInterval>[] = [];
  let started = false;
  return {
    handlers,
    health,
    tickets,
    store,
    history,
    onCameraStatus: (m) => guarded('status', () => health.onCameraStatus(m))(),
    onTiles: (t) => guarded('tiles', () => health.onTiles(t))(),
    onProbe: (r) => guarded('probe', () => health.onProbe(r))(),
    onTicket: (m) => guarded('ticket', () => void tickets.onMessage(m))(),
    onTicketCleared: (id) => tickets.onCleared(id),
    onSettled: (item, outcome, error) =>
      guarded('settled', () => tickets.onSettled(item, outcome, error))(),
    pictureFault: (cameraId) =>
      health.health(cameraId).picture !== null || tickets.hasOpenPictureTicket(cameraId),
    flush,
    scan,
    heartbeat,
    importHistory: runImport,
    scheduleReport,
    start() {
      if (started) return;
      started = true;
      const seed = (options.catalog()?.cameras ?? []).map((c) => ({ id: c.id, status: c.status }));
      health.start(seed);
      const every = (ms: number, what: string, fn: () => void): void => {
        const timer = setInterval(guarded(what, fn), ms);
        timer.unref?.();
        timers.push(timer);
      };
      // Faults that lasted long enough open their ticket within a tick (the check is in memory).
      every(healthFlushMs, 'flush', () => {
        catalogIndex(); // a catalog loaded since seeds the cameras no feed has spoken of
        tickets.autoOpen(health.faults());
        flush();
      });
      every(healthScanMs, 'scan', scan);
      every(healthHeartbeatMs, 'heartbeat', heartbeat);
      every(historyImportMs, 'history', () => void runImport());
      // The report that is due is made once the history is in (it is kept as made).
      void (options.importWhen?.() ?? Promise.resolve())
        .then(() => (started ? runImport() : 0))
        .finally(guarded('weekly report', () => void scheduleReport()));
      prober.start();
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      timers.length = 0;
      await prober.stop();
      if (importing) await importing.catch(() => undefined);
      if (started) health.stop();
      started = false;
    },
  };
}
