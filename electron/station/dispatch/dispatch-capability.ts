/**
 * The dispatch capability, built by the composition root (issue #13): incidents mirrored in the
 * cache and changed through the outbox, orders published through the outbox, unit statuses,
 * recommendation by road ETA, reinforcement and the cordon; one handler per dispatch method.
 *
 *   MQTT vigil/incidents/+ ─► IncidentService ─► incidents table ─┐
 *   MQTT vigil/units/+/status ─► OrderService ─► unit_statuses ──┼─ changes ─(500 ms)─► streams
 *   desk ─► incident.* / dispatch.* ─► outbox (event + unit orders, one transaction) ┘
 *   outbox delivered / refused (onSettled) ─► orders' state, the incident's `refused`
 *   every 3 s: the timer scan (late orders, units gone offline)
 */
import type { Catalog } from '../../../shared/api';
import { dispatchMethods, type DispatchEventPayloads } from '../../../shared/contract/dispatch';
import type { MapGeometry, UnitState } from '../../../shared/contract/map';
import type { IncidentMessage, UnitStatusMessage } from '../../../shared/contract/platform';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import { DispatchStore } from '../cache/dispatch-store';
import type { OutboxItem, OutboxStore } from '../cache/outbox-store';
import type { VigilConfig } from '../config';
import type { Handlers } from '../contract-host';
import type { FocusAlert } from '../watch/focus-service';
import { AreaIndex } from './area-index';
import { planCordon } from './cordon';
import { ChangeSet, type DispatchContext } from './dispatch-context';
import { IncidentService, type FocusAnswer } from './incident-service';
import { OrderService } from './order-service';
import { findLevel, proposeReinforcement } from './reinforcement';
import type { RoadRouter } from './road-router';

export type DispatchHandlers = Pick<Handlers, keyof typeof dispatchMethods>;

/** How often the streams carry what changed, ms (a burst of messages is one event). */
export const dispatchFlushMs = 500;
/** How often the timers are scanned, ms. */
export const dispatchScanMs = 3000;

export interface DispatchCapabilityOptions {
  db: CacheDatabase;
  outbox: OutboxStore;
  audit: AuditLog;
  config: VigilConfig;
  router: RoadRouter;
  geometry: () => MapGeometry;
  catalog: () => Catalog | null;
  units: () => UnitState[];
  unit: (unitId: string) => UnitState | undefined;
  setMapStatus?: (unitId: string, status: 'available' | 'busy') => void;
  /**
   * Pulls the cameras that see a point onto the focus wall; answer with the tiles they went to
   * (`pulledOnto(focus.onAlert(alert), wallId)` from ../watch/focus-service.ts).
   */
  focus: (alert: FocusAlert & { wallId?: number }) => FocusAnswer;
  emit: <S extends keyof DispatchEventPayloads>(
    stream: S,
    payload: DispatchEventPayloads[S],
  ) => void;
  /** Wake the outbox after a transaction queued items. */
  onQueued: () => void;
  now?: () => number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface DispatchCapability {
  handlers: DispatchHandlers;
  incidents: IncidentService;
  orders: OrderService;
  /** Feeds from the realtime client. */
  onIncident(message: IncidentMessage): void;
  onIncidentCleared(id: string): void;
  onUnitStatus(status: UnitStatusMessage): void;
  /** Feed from the delivery service. */
  onSettled(item: OutboxItem, outcome: 'delivered' | 'rejected', error: string | null): void;
  /** Sends what changed now (tests; the timer does it twice a second). */
  flush(): void;
  start(): void;
  stop(): Promise<void>;
}

export function createDispatchCapability(options: DispatchCapabilityOptions): DispatchCapability {
  const { config } = options;
  const now = options.now ?? Date.now;
  const store = new DispatchStore(options.db);
  let areaIndex: AreaIndex | null = null;
  const areas = (): AreaIndex => {
    const g = options.geometry();
    if (areaIndex?.geometry !== g) areaIndex = new AreaIndex(g);
    return areaIndex;
  };
  const changes = new ChangeSet();
  const ctx: DispatchContext = {
    db: options.db,
    store,
    outbox: options.outbox,
    audit: options.audit,
    stationId: config.station.id,
    now,
    areas,
    changes,
    onQueued: options.onQueued,
    log: options.log,
  };
  const incidents = new IncidentService({
    ctx,
    fetch: options.fetch,
    timeoutMs: config.upstream.timeoutMs,
    focus: options.focus,
    log: options.log,
  });

  // Urban regions: the configured ids, else those the catalog calls the city (城区 / 市区).
  const urbanRegions = (): Set<string> => {
    if (config.dispatch.urbanRegions) return new Set(config.dispatch.urbanRegions);
    return new Set(
      options
        .geometry()
        .areas.filter((a) => a.level === 'region' && /城区|市区/.test(a.name))
        .map((a) => a.id),
    );
  };
  const orders = new OrderService({
    ctx,
    router: () => options.router,
    units: options.units,
    unit: options.unit,
    setMapStatus: options.setMapStatus,
    incident: (id) => incidents.record(id),
    ackLimitMs: Math.round(config.dispatch.ackLimitMinutes * 60_000),
    arrivalLimitMs: {
      urban: Math.round(config.dispatch.arrivalLimitMinutes.urban * 60_000),
      suburban: Math.round(config.dispatch.arrivalLimitMinutes.suburban * 60_000),
    },
    isUrban: (regionId) => regionId !== null && urbanRegions().has(regionId),
  });

  const flush = (): void => {
    if (changes.empty) return;
    const taken = changes.take();
    if (taken.incidents.length > 0) {
      options.emit('incidents', { incidents: incidents.viewsOf(taken.incidents) });
    }
    if (taken.orders.length > 0) options.emit('orders', { orders: orders.viewsOf(taken.orders) });
    if (taken.units.length > 0) {
      const units = orders.boardOf(taken.units);
      if (units.length > 0) options.emit('units.status', { units });
    }
  };
  const guarded = (what: string, fn: () => void) => () => {
    try {
      fn();
    } catch (error) {
      options.log?.(`dispatch: ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const levels = config.dispatch.levels;
  const handlers: DispatchHandlers = {
    'incident.list': (input) => incidents.list(input),
    'incident.get': ({ id }) => incidents.get(id),
    'incident.open': (input, caller) => incidents.open(input, caller),
    'incident.accept': ({ id }, caller) => incidents.accept(id, caller),
    'incident.note': (input, caller) => incidents.note(input, caller),
    'incident.merge': ({ id, intoId }, caller) => incidents.merge(id, intoId, caller),
    'incident.close': (input, caller) => incidents.close(input, caller),
    'incident.picture': ({ incidentId, pictureId }) => incidents.picture(incidentId, pictureId),
    'incident.focus': ({ id, wallId }) => incidents.focus(id, wallId),
    'dispatch.recommend': ({ incidentId, limit }) => orders.recommend(incidentId, limit),
    'dispatch.route': ({ incidentId, unitId }) => orders.route(incidentId, unitId),
    'dispatch.order': ({ incidentId, unitIds, note }, caller) =>
      orders.order(
        incidentId,
        unitIds.map((unitId) => ({ unitId })),
        note,
        caller,
      ),
    'dispatch.orders': ({ incidentId }) => orders.orders(incidentId),
    'units.board': () => orders.board(),
    'roads.info': () => options.router.info(),
    'reinforce.levels': () => levels,
    'reinforce.propose': ({ incidentId, levelId }) =>
      proposeReinforcement({
        level: findLevel(levels, levelId),
        incident: incidents.record(incidentId),
        areas: areas(),
        orders,
      }),
    'reinforce.raise': ({ incidentId, levelId, unitIds }, caller) => {
      const level = findLevel(levels, levelId);
      return orders.order(
        incidentId,
        unitIds.map((unitId) => ({ unitId })),
        `${level.name}增援`,
        caller,
        { reinforcement: level.name, action: 'reinforce.raise' },
      );
    },
    'cordon.plan': async (input) => {
      if (input.incidentId !== undefined) incidents.record(input.incidentId); // not-found early
      return planCordon({
        router: options.router,
        from: input,
        mode: input.mode,
        speedKmh: input.speedKmh,
        minutesSince: input.minutesSince,
        horizonMinutes: config.dispatch.cordonHorizonMinutes,
        candidates: orders.placed().filter((p) => p.availability !== 'unavailable'),
        catalog: options.catalog(),
        geometry: options.geometry(),
      });
    },
    'cordon.order': ({ incidentId, assignments }, caller) =>
      orders.order(
        incidentId,
        assignments.map((a) => ({ unitId: a.unitId, lat: a.lat, lng: a.lng })),
        `封边合围: ${assignments.map((a) => a.exitId).join(', ')}`.slice(0, 2000),
        caller,
        { action: 'cordon.order' },
      ),
  };

  let flushTimer: ReturnType<typeof setInterval> | null = null;
  let scanTimer: ReturnType<typeof setInterval> | null = null;
  return {
    handlers,
    incidents,
    orders,
    onIncident: (m) => guarded('incident', () => void incidents.onMessage(m))(),
    onIncidentCleared: (id) => incidents.onCleared(id),
    onUnitStatus: (s) => guarded('unit status', () => orders.onStatus(s))(),
    onSettled: (item, outcome, error) => {
      incidents.onSettled(item, outcome, error);
      orders.onSettled(item);
    },
    flush,
    start() {
      if (flushTimer) return;
      flushTimer = setInterval(guarded('flush', flush), dispatchFlushMs);
      flushTimer.unref?.();
      scanTimer = setInterval(
        guarded('scan', () => orders.scan()),
        dispatchScanMs,
      );
      scanTimer.unref?.();
      options.router.start();
    },
    async stop() {
      if (flushTimer) clearInterval(flushTimer);
      if (scanTimer) clearInterval(scanTimer);
      flushTimer = scanTimer = null;
      await options.router.stop();
    },
  };
}
