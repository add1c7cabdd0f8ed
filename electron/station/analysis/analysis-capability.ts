/**
 * The analysis capability (issue #17), built by the composition root: the incident history, the
 * products computed in a worker, warnings to units, roll calls, scores and the patrol star.
 *
 *   platform history (start, daily) ─┐
 *   CSV export (analysis.importCsv) ─┼─► analysis_incidents ─► ProductInput ─► worker ─► product
 *   live incidents (dispatch's MQTT) ┘        (cached per kind, date, area, what its span holds)
 *   analysis.warn ─► warning + one order per unit of the grid ─► outbox ─► vigil/orders/{unitId}
 *   tracks (position store) ─► visits, status (each minute) ─► analysis.warning
 *   roll call times (hall time) ─► roll call ─► analysis.rollCall
 *   tracks + geometry + dispatch orders ─► weekly scores ─► the monthly patrol star
 */
import type { Catalog } from '../../../shared/api';
import {
  analysisMethods,
  type AnalysisEventPayloads,
  type AnalysisProduct,
  type HistoryStatus,
  type ProductKind,
  type ProductPin,
} from '../../../shared/contract/analysis';
import type { MapGeometry, UnitState } from '../../../shared/contract/map';
import type { IncidentMessage } from '../../../shared/contract/platform';
import { addMonths, mondayOfDate } from '../../../shared/domain/analysis/periods';
import { comparisonSpans } from '../../../shared/domain/analysis/periods';
import {
  productDefaults,
  productPeriod,
  type ProductArea,
  type ProductInput,
} from '../../../shared/domain/analysis/product';
import { addDays } from '../../../shared/domain/health/expected-time';
import { isDate, zonedDate } from '../../../shared/domain/time/hall-time';
import { VigilError } from '../../../shared/result';
import { AnalysisStore } from '../cache/analysis-store';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import type { OutboxItem, OutboxStore } from '../cache/outbox-store';
import type { PositionStore } from '../cache/position-store';
import type { VigilConfig } from '../config';
import type { Handlers } from '../contract-host';
import { parseIncidentCsv } from './csv-import';
import { importIncidentHistory, type HistoryCounters } from './history-import';
import { productRunner } from './product-runner';
import { RollCallService } from './roll-calls';
import { ScoreService } from './scores';
import { WarningService } from './warnings';

export type AnalysisHandlers = Pick<Handlers, keyof typeof analysisMethods>;

/** Products kept in memory (the oldest asked goes first). */
export const maxCachedProducts = 64;
/** The history import's period, ms. */
export const analysisImportMs = 86_400_000;
/** Warnings' visits and statuses, and the roll calls' clock, are looked at this often, ms. */
export const analysisTickMs = 60_000;
const dayMs = 86_400_000;

/** How many areas and hot spots a wall's dashboard lists. */
export const WALL_LIST_LENGTH = 8;

/**
 * What a wall may read of a product: what its dashboard draws (the totals, comparisons,
 * categories, heat table, the first areas and the significant hot spots), not the density
 * surface nor the near-repeat incidents.
 */
export function wallView(p: AnalysisProduct): AnalysisProduct {
  const hot = p.hexes
    .filter((h) => h.confidence !== null && h.z > 0)
    .sort((a, b) => b.z - a.z)
    .slice(0, WALL_LIST_LENGTH);
  return {
    ...p,
    areas: p.areas.slice(0, WALL_LIST_LENGTH),
    hexes: hot,
    kde: null,
    nearRepeats: [],
  };
}

export interface AnalysisCapabilityOptions {
  /** Resolves when the history may be imported (as HealthCapabilityOptions.importWhen). */
  importWhen?: () => Promise<void>;
  db: CacheDatabase;
  outbox: OutboxStore;
  audit: AuditLog;
  config: VigilConfig;
  catalog: () => Catalog | null;
  geometry: () => MapGeometry;
  /** The map's unit states (their beat: `gridId`). */
  units: () => UnitState[];
  positions: PositionStore;
  /** Makes the fixes that arrived in the last moments part of the tracks read. */
  flushPositions?: () => void;
  /** The platform's base URL (history), null: none. */
  baseUrl: string | null;
  emit: <S extends keyof AnalysisEventPayloads>(
    stream: S,
    payload: AnalysisEventPayloads[S],
  ) => void;
  onQueued: () => void;
  /** The product pinned to a wall (its layout's `product`), null: the wall shows none. */
  wallPin?: (wallId: number) => ProductPin | null;
  /** The built product worker (productWorkerFile()); null: in-process (tests). */
  workerFile?: string | null | Promise<string | null>;
  now?: () => number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface AnalysisCapability {
  handlers: AnalysisHandlers;
  store: AnalysisStore;
  history: HistoryCounters;
  warnings: WarningService;
  rollCalls: RollCallService;
  scores: ScoreService;
  /** Feed: a live incident the station mirrors (new or changed). */
  onIncident(message: IncidentMessage): void;
  /** Feed from the delivery service. */
  onSettled(item: OutboxItem, outcome: 'delivered' | 'rejected', error: string | null): void;
  importHistory(): Promise<number>;
  /** What the minute timer does (tests call it). */
  tick(): void;
  start(): void;
  stop(): Promise<void>;
}

/** The last full period before `now`: yesterday, last week's Monday, last month's 1st. */
export function lastFullPeriod(kind: ProductKind, now: number, timeZone: string): string {
  const today = zonedDate(now, timeZone);
  if (kind === 'daily') return addDays(today, -1);
  if (kind === 'weekly') return addDays(mondayOfDate(today), -7);
  return addMonths(today, -1);
}

export function createAnalysisCapability(options: AnalysisCapabilityOptions): AnalysisCapability {
  const { config, db } = options;
  const ac = config.analysis;
  const timeZone = config.station.timeZone;
  const now = options.now ?? Date.now;
  const log = options.log;
  const store = new AnalysisStore(db);
  const run = productRunner(options.workerFile ?? null);

  const guarded =
    (what: string, fn: () => void): (() => void) =>
    () => {
      try {
        fn();
      } catch (error) {
        log?.(`analysis: ${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };

  // ---- history -----------------------------------------------------------------------------
  const history: HistoryCounters = { imported: 0, bad: 0, lastProblem: null };
  const status = (): HistoryStatus => {
    const c = store.counts();
    const lastAt = store.meta('lastImportAt');
    return {
      ...c,
      coveredFrom: store.coveredFrom(),
      lastImportAt: lastAt === null ? null : Number(lastAt),
      lastImport: store.meta('lastImport'),
    };
  };
  let importing: Promise<number> | null = null;
  const runImport = (): Promise<number> => {
    if (options.baseUrl === null) return Promise.resolve(0);
    importing ??= importIncidentHistory({
      db,
      store,
      baseUrl: options.baseUrl,
      historyDays: ac.historyDays,
      timeoutMs: Math.max(config.upstream.timeoutMs, 60_000),
      now,
      fetch: options.fetch,
      counters: history,
      log,
    })
      .then((n) => {
        options.emit('analysis.history', status());
        return n;
      })
      .finally(() => {
        importing = null;
      });
    return importing;
  };

  const onIncident = (m: IncidentMessage): void => {
    // Merged into another or cancelled: not an incident of the history (docs/protocol.md §10).
    if (m.status === 'merged' || m.status === 'cancelled') {
      store.deleteIncident(m.id);
      return;
    }
    const ack = m.units.map((u) => u.acknowledgedAt).filter((t): t is number => t !== null);
    const arrived = m.units.map((u) => u.arrivedAt).filter((t): t is number => t !== null);
    store.putIncident(
      {
        id: m.id,
        number: m.number,
        category: m.category,
        level: m.level,
        lat: m.lat,
        lng: m.lng,
        address: m.address,
        reportedAt: m.reportedAt,
        ...(ack.length > 0 && { acknowledgedAt: Math.min(...ack) }),
        ...(arrived.length > 0 && { arrivedAt: Math.min(...arrived) }),
        ...(m.closedAt !== undefined && { closedAt: m.closedAt }),
        unitIds: [...new Set(m.units.map((u) => u.unitId))].slice(0, 50),
      },
      'live',
    );
  };

  // ---- products ----------------------------------------------------------------------------
  const cache = new Map<string, Promise<AnalysisProduct>>();
  const productAreas = (): ProductArea[] => {
    const g = options.geometry();
    if (g.areas.length > 0) {
      return g.areas.map((a) => ({
        id: a.id,
        name: a.name,
        level: a.level,
        parentId: a.parentId,
        ...(a.polygon[0] && { ring: a.polygon[0] as [number, number][] }),
      }));
    }
    return (options.catalog()?.areas ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      level: a.level,
      parentId: a.parentId,
    }));
  };
  const product = (
    kind: ProductKind,
    date: string,
    areaId: string | null,
  ): Promise<AnalysisProduct> => {
    let period: ReturnType<typeof productPeriod>;
    try {
      period = productPeriod(kind, date, timeZone);
    } catch (error) {
      throw new VigilError('bad-input', error instanceof Error ? error.message : String(error));
    }
    const areas = productAreas();
    if (areaId !== null && !areas.some((a) => a.id === areaId)) {
      throw new VigilError('not-found', `no area ${areaId}`);
    }
    const spans = comparisonSpans(kind, date, timeZone);
    const from = Math.min(
      period.from - productDefaults.nearRepeatDays * dayMs,
      ...spans.map((s) => s.from),
    );
    const key = `${kind}|${period.label}|${areaId ?? ''}|${options.geometry().version}|${store.fingerprint(from, period.to)}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const incidents = store.productIncidentsIn(from, period.to);
    const bounds = options.geometry().bounds ?? boundsOf(incidents);
    if (bounds === null) throw new VigilError('unavailable', 'no district geometry yet');
    const input: ProductInput = {
      kind,
      date,
      timeZone,
      incidents,
      areas,
      coveredFrom: store.coveredFrom(),
      areaId,
      bounds,
      generatedAt: now(),
    };
    const p = run(input).catch((error: unknown) => {
      cache.delete(key);
      throw new VigilError(
        'internal',
        `the product could not be computed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    // One product per kind, period and area: the one of the history as it is now.
    const prefix = key.slice(0, key.lastIndexOf('|') + 1);
    for (const k of cache.keys()) if (k.startsWith(prefix)) cache.delete(k);
    if (cache.size >= maxCachedProducts) cache.delete(cache.keys().next().value as string);
    cache.set(key, p);
    return p;
  };

  // ---- warnings, roll calls, scores --------------------------------------------------------
  const warnings = new WarningService({
    db,
    store,
    outbox: options.outbox,
    audit: options.audit,
    stationId: config.station.id,
    timeZone,
    geometry: options.geometry,
    units: options.units,
    positions: options.positions,
    flushPositions: options.flushPositions,
    emit: (w) => options.emit('analysis.warning', w),
    onQueued: options.onQueued,
    now,
  });
  const rollCalls = new RollCallService({
    store,
    config: ac,
    timeZone,
    geometry: options.geometry,
    units: options.units,
    positions: options.positions,
    flushPositions: options.flushPositions,
    warnings: (from, to) => store.warningsIn(from, to),
    emit: (r) => options.emit('analysis.rollCall', r),
    now,
  });
  const scores = new ScoreService({
    store,
    score: ac.score,
    timeZone,
    geometry: options.geometry,
    units: options.units,
    positions: options.positions,
    flushPositions: options.flushPositions,
    orderTimes: (from, to) => store.dispatchOrdersIn(from, to),
    warnings: (from, to) => store.warningsIn(from, to),
    now,
  });

  /** A calendar day asked for (default today, hall time); not one: refused. */
  const day = (date: string | undefined): string => {
    if (date === undefined) return zonedDate(now(), timeZone);
    if (!isDate(date)) throw new VigilError('bad-input', `not a calendar day: ${date}`);
    return date;
  };

  const handlers: AnalysisHandlers = {
    'analysis.product': ({ kind, date, areaId }) =>
      product(kind, date ?? lastFullPeriod(kind, now(), timeZone), areaId ?? null),
    'analysis.history': () => status(),
    'analysis.wallProduct': async ({ wallId }) => {
      const pin = options.wallPin?.(wallId) ?? null;
      if (pin === null) throw new VigilError('not-found', `wall ${wallId} shows no product`);
      const { kind, date, areaId } = pin;
      const p = await product(kind, date ?? lastFullPeriod(kind, now(), timeZone), areaId ?? null);
      return wallView(p);
    },
    'analysis.importCsv': ({ name, csv }, caller) => {
      const incidents = parseIncidentCsv(csv, timeZone);
      let replaced = 0;
      db.transaction(() => {
        for (const i of incidents) if (store.putIncident(i, 'csv')) replaced++;
        store.extendCovered(Math.min(...incidents.map((i) => i.reportedAt)));
        store.setMeta('lastImportAt', String(now()));
        store.setMeta('lastImport', `CSV ${name || '(unnamed)'}: ${incidents.length} incidents`);
        options.audit.record(caller, 'analysis.importCsv', name || null, {
          imported: incidents.length,
          replaced,
        });
      })();
      options.emit('analysis.history', status());
      return { imported: incidents.length, replaced };
    },
    'analysis.warn': (input, caller) => warnings.warn(input, caller),
    'analysis.cancelWarning': ({ id }, caller) => warnings.cancel(id, caller),
    'analysis.warnings': ({ date }) => warnings.ofDay(day(date)),
    'analysis.rollCalls': ({ date }) => rollCalls.ofDay(day(date)),
    'analysis.rollCallNow': () => rollCalls.make(null),
    'analysis.scores': ({ weekStart }) =>
      scores.week(weekStart ?? lastFullPeriod('weekly', now(), timeZone)),
    'analysis.star': ({ month }) => {
      if (month !== undefined) day(`${month}-01`);
      return scores.star(month ?? lastFullPeriod('monthly', now(), timeZone).slice(0, 7));
    },
  };

  // Yesterday's measures of each unit (the weekly scores' days), once a hall day, in slices.
  let measuredFor: string | null = null;
  let measuring: Promise<number> | null = null;
  const measureYesterday = (): void => {
    const today = zonedDate(now(), timeZone);
    if (measuring || measuredFor === today) return;
    measuredFor = today;
    measuring = scores
      .measureDayBefore()
      .catch((error: unknown) => {
        log?.(`analysis: unit days: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      })
      .finally(() => {
        measuring = null;
      });
  };

  const tick = (): void => {
    guarded('warnings', () => warnings.tick())();
    guarded('roll calls', () => {
      rollCalls.due().catch((error: unknown) => {
        log?.(`analysis: roll call: ${error instanceof Error ? error.message : String(error)}`);
      });
    })();
    guarded('unit days', measureYesterday)();
  };

  const timers: ReturnType<typeof setInterval>[] = [];
  return {
    handlers,
    store,
    history,
    warnings,
    rollCalls,
    scores,
    onIncident: (m) => guarded('incident', () => onIncident(m))(),
    onSettled: (item, outcome) => guarded('settled', () => warnings.onSettled(item, outcome))(),
    importHistory: runImport,
    tick,
    start() {
      if (timers.length > 0) return;
      const every = (ms: number, what: string, fn: () => void): void => {
        const timer = setInterval(guarded(what, fn), ms);
        timer.unref?.();
        timers.push(timer);
      };
      every(analysisTickMs, 'tick', tick);
      every(analysisImportMs, 'history', () => void runImport());
      void (options.importWhen?.() ?? Promise.resolve()).then(() => {
        if (timers.length > 0) void runImport();
      });
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      timers.length = 0;
      if (importing) await importing.catch(() => undefined);
      if (measuring) await measuring;
    },
  };
}

function boundsOf(
  points: readonly { lat: number; lng: number }[],
): { south: number; west: number; north: number; east: number } | null {
  if (points.length === 0) return null;
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const p of points) {
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
    west = Math.min(west, p.lng);
    east = Math.max(east, p.lng);
  }
  const pad = 0.005;
  return { south: south - pad, west: west - pad, north: north + pad, east: east + pad };
}
