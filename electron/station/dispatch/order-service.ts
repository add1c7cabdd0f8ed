/**
 * Units and orders (issue #13 item 4-5): where each unit stands (its latest status message over
 * its latest fix), which to send by road ETA, the orders themselves and their timers.
 *
 * An order goes THROUGH THE OUTBOX: one `incident-dispatch` event (the platform's record of who
 * was sent) and one `unit-order` item per unit (published on `vigil/orders/{unitId}` once the
 * event was delivered), written with the orders' rows in ONE transaction, so a crash at any
 * moment loses no order and a resend is harmless (the unit de-duplicates by orderId).
 *
 * Unit statuses arrive on `vigil/units/{unitId}/status`; one naming our order moves it on
 * (acknowledged, en route, arrived), one that no longer names it after it was given clears it.
 * A unit that never reported a status is patrolling and available; one whose fix is older than
 * two minutes is `offline` on the board and, for ranking, is placed at its grid's post.
 */
import { randomUUID } from 'node:crypto';
import type { Caller } from '../../../shared/api';
import type {
  OrderView,
  Recommendation,
  RecommendResult,
  Route,
  UnitBoardEntry,
} from '../../../shared/contract/dispatch';
import type { UnitState } from '../../../shared/contract/map';
import type {
  DispatchOrder,
  IncidentMessage,
  PlatformEventOf,
  UnitActivity,
  UnitAvailability,
  UnitStatusMessage,
} from '../../../shared/contract/platform';
import { haversineM } from '../../../shared/domain/geo';
import { VigilError } from '../../../shared/result';
import type { OrderProgress, OrderRecord } from '../cache/dispatch-store';
import type { OutboxItem } from '../cache/outbox-store';
import { platformAnswer, type DispatchContext } from './dispatch-context';
import type { Origin, RoadRouter } from './road-router';

/** A fix older than this is not fresh: the unit is placed at its post, and shown offline. */
export const freshFixMs = 2 * 60_000;

/** Activities of a unit carrying out an order (the map shows it busy). */
const busyActivities = new Set<UnitActivity>([
  'dispatched',
  'acknowledged',
  'en-route',
  'on-scene',
  'handling',
]);
/** Activities that say a unit is free of any order it had. */
const freeActivities = new Set<UnitActivity>(['patrol', 'post', 'returning', 'resting']);

const progressRank: Record<OrderProgress, number> = {
  acknowledged: 1,
  'en-route': 2,
  arrived: 3,
  cleared: 4,
};

/** One unit as dispatch sees it: its fix, its status, where it is taken to be for ranking. */
export interface PlacedUnit {
  unit: UnitState;
  availability: UnitAvailability;
  activity: UnitActivity | 'offline';
  incidentId: string | null;
  orderId: string | null;
  statusAt: number | null;
  fresh: boolean;
  /** Where ranking takes it to be: the fix, or its grid's post when the fix is stale. */
  at: { lat: number; lng: number };
  fromPost: boolean;
  zoneId: string | null;
  gridId: string | null;
}

export interface OrderServiceOptions {
  ctx: DispatchContext;
  router: () => RoadRouter;
  units: () => UnitState[];
  unit: (unitId: string) => UnitState | undefined;
  /** Tells the map a unit is busy (on an order) or available again. */
  setMapStatus?: (unitId: string, status: 'available' | 'busy') => void;
  incident: (id: string) => IncidentMessage;
  ackLimitMs: number;
  arrivalLimitMs: { urban: number; suburban: number };
  /** Is this region urban (the arrival limit)? */
  isUrban: (regionId: string | null) => boolean;
}

export interface OrderTarget {
  unitId: string;
  /** Where to go, when not the incident's point (a cordon exit). */
  lat?: number;
  lng?: number;
}

export class OrderService {
  private readonly ctx: DispatchContext;
  /** The late flag and activity last sent per order / unit (the scan emits what changed). */
  private readonly lastLate = new Map<string, OrderView['late']>();
  private readonly lastActivity = new Map<string, string>();

  constructor(private readonly options: OrderServiceOptions) {
    this.ctx = options.ctx;
  }

  // ---- units -------------------------------------------------------------------------------

  placed(): PlacedUnit[] {
    const statuses = this.ctx.store.unitStatuses();
    const open = this.openOrdersByUnit();
    return this.options
      .units()
      .map((u) => this.place(u, statuses.get(u.unitId), open.get(u.unitId)));
  }

  board(): UnitBoardEntry[] {
    return this.placed().map(boardEntry);
  }

  boardOf(unitIds: readonly string[]): UnitBoardEntry[] {
    const wanted = new Set(unitIds);
    return this.placed()
      .filter((p) => wanted.has(p.unit.unitId))
      .map(boardEntry);
  }

  /** A status from MQTT (validated): kept when not older, and moves our orders on. */
  onStatus(status: UnitStatusMessage): void {
    if (!this.ctx.store.putUnitStatus(status, this.ctx.now())) return;
    this.ctx.changes.units.add(status.unitId);
    for (const order of this.ctx.store.openOrders().filter((o) => o.unitId === status.unitId)) {
      const progress = progressOf(order, status);
      if (progress === null) continue;
      if (order.progress !== null && progressRank[order.progress] >= progressRank[progress])
        continue;
      if (this.ctx.store.setProgress(order.orderId, progress, status.at)) {
        this.ctx.changes.orders.add(order.orderId);
        this.ctx.changes.incidents.add(order.incidentId);
      }
    }
    this.options.setMapStatus?.(
      status.unitId,
      busyActivities.has(status.activity) ? 'busy' : 'available',
    );
  }

  // ---- recommendation and route ------------------------------------------------------------

  async recommend(incidentId: string, limit: number): Promise<RecommendResult> {
    const incident = this.options.incident(incidentId);
    const candidates = this.placed().filter((p) => p.availability !== 'unavailable');
    const ranked = await this.rank(incident, candidates);
    return {
      graphVersion: ranked.graphVersion,
      units: ranked.units.slice(0, limit),
      computeMs: ranked.computeMs,
    };
  }

  /**
   * Candidates ranked for a point: ONE etaTo call for all of them; available first, then
   * conditionally available, each by ETA. Units the roads cannot bring there are left out.
   */
  async rank(
    point: { lat: number; lng: number },
    candidates: PlacedUnit[],
  ): Promise<{ units: Recommendation[]; graphVersion: string | null; computeMs: number }> {
    const answer = await this.options.router().etaTo(point, candidates.map(originOf));
    const units: Recommendation[] = [];
    for (const p of candidates) {
      const eta = answer.byId.get(p.unit.unitId);
      if (!eta) continue;
      units.push({
        unitId: p.unit.unitId,
        callSign: p.unit.callSign,
        kind: p.unit.kind,
        availability: p.availability,
        activity: p.activity,
        etaS: Math.round(eta.etaS),
        roadM: Math.round(eta.roadM),
        straightM: Math.round(haversineM(p.at, point)),
        fresh: p.fresh,
        fromPost: p.fromPost,
        zoneId: p.zoneId,
        gridId: p.gridId,
      });
    }
    const tier = (a: UnitAvailability): number => (a === 'available' ? 0 : 1);
    units.sort((a, b) => tier(a.availability) - tier(b.availability) || a.etaS - b.etaS);
    return { units, graphVersion: answer.graphVersion, computeMs: Math.round(answer.computeMs) };
  }

  async route(incidentId: string, unitId: string): Promise<Route | null> {
    const incident = this.options.incident(incidentId);
    const p = this.placed().find((x) => x.unit.unitId === unitId);
    if (!p) throw new VigilError('not-found', `no unit ${unitId}`);
    const r = await this.options.router().route(originOf(p), incident);
    if (!r) return null;
    return { unitId, etaS: Math.round(r.etaS), roadM: Math.round(r.roadM), line: r.line };
  }

  // ---- orders ------------------------------------------------------------------------------

  /**
   * Orders units to an incident: the dispatch event, one order item per unit and the orders'
   * rows in ONE transaction (with its audit row), then the outbox is woken.
   */
  order(
    incidentId: string,
    targets: OrderTarget[],
    note: string,
    caller: Caller,
    extra: { reinforcement?: string; action?: string } = {},
  ): OrderView[] {
    const incident = this.options.incident(incidentId);
    const unitIds = targets.map((t) => t.unitId);
    if (new Set(unitIds).size !== unitIds.length) {
      throw new VigilError('bad-input', 'a unit is named twice');
    }
    const units = targets.map((t) => {
      const unit = this.options.unit(t.unitId);
      if (!unit) throw new VigilError('not-found', `no unit ${t.unitId}`);
      return { target: t, unit };
    });
    const at = this.ctx.now();
    const region = this.ctx.areas().locate(incident).regionId;
    const arrivalMs = this.options.isUrban(region)
      ? this.options.arrivalLimitMs.urban
      : this.options.arrivalLimitMs.suburban;
    const eventId = randomUUID();
    const orders = units.map(({ target, unit }) => ({
      orderId: randomUUID(),
      unit,
      lat: target.lat ?? incident.lat,
      lng: target.lng ?? incident.lng,
    }));
    const event: PlatformEventOf<'incident-dispatch'> = {
      type: 'incident-dispatch',
      id: eventId,
      incidentId,
      operator: caller.operator,
      stationId: this.ctx.stationId,
      at,
      orders: orders.map((o) => ({
        orderId: o.orderId,
        unitId: o.unit.unitId,
        callSign: o.unit.callSign,
      })),
      note,
      ...(extra.reinforcement !== undefined && { reinforcement: extra.reinforcement }),
    };
    this.ctx.db.transaction(() => {
      const after = this.ctx.outbox.add('incident-dispatch', eventId, event, at);
      for (const o of orders) {
        const body: DispatchOrder = {
          orderId: o.orderId,
          incidentId,
          incidentNumber: incident.number,
          category: incident.category,
          level: incident.level,
          lat: o.lat,
          lng: o.lng,
          address: incident.address,
          note,
          by: caller.operator,
          stationId: this.ctx.stationId,
          at,
          ...(extra.reinforcement !== undefined && { reinforcement: extra.reinforcement }),
        };
        const item = this.ctx.outbox.add(
          'unit-order',
          o.orderId,
          { after, unitId: o.unit.unitId, order: body },
          at,
        );
        this.ctx.store.addOrder({
          orderId: o.orderId,
          incidentId,
          unitId: o.unit.unitId,
          callSign: o.unit.callSign,
          orderedAt: at,
          by: caller.operator,
          lat: o.lat,
          lng: o.lng,
          ackDueAt: at + this.options.ackLimitMs,
          arrivalDueAt: at + arrivalMs,
          reinforcement: extra.reinforcement ?? null,
          eventOutboxId: after,
          orderOutboxId: item,
        });
      }
      this.ctx.audit.record(caller, extra.action ?? 'dispatch.order', incidentId, {
        units: orders.map((o) => ({ unitId: o.unit.unitId, orderId: o.orderId })),
        ...(extra.reinforcement !== undefined && { reinforcement: extra.reinforcement }),
      });
    })();
    this.ctx.onQueued();
    this.ctx.changes.incidents.add(incidentId);
    for (const o of orders) {
      this.ctx.changes.orders.add(o.orderId);
      this.ctx.changes.units.add(o.unit.unitId);
      this.options.setMapStatus?.(o.unit.unitId, 'busy');
    }
    return this.viewsOf(orders.map((o) => o.orderId));
  }

  /** Orders of one incident, or every open one; newest first. */
  orders(incidentId?: string): OrderView[] {
    const rows =
      incidentId !== undefined ? this.ctx.store.ordersOf(incidentId) : this.ctx.store.openOrders();
    const now = this.ctx.now();
    return rows.map((r) => orderView(r, now));
  }

  viewsOf(orderIds: readonly string[]): OrderView[] {
    const now = this.ctx.now();
    return orderIds.flatMap((id) => {
      const r = this.ctx.store.order(id);
      return r ? [orderView(r, now)] : [];
    });
  }

  /** An outbox item was delivered or refused: its orders changed state. */
  onSettled(item: OutboxItem): void {
    if (item.kind !== 'unit-order' && item.kind !== 'incident-dispatch') return;
    for (const o of this.ctx.store.ordersByOutboxItem(item.id)) {
      this.ctx.changes.orders.add(o.orderId);
      this.ctx.changes.incidents.add(o.incidentId);
      if (o.rejectedError !== null) {
        this.ctx.changes.units.add(o.unitId);
        this.options.setMapStatus?.(o.unitId, 'available');
      }
    }
  }

  /**
   * The timer scan (every few seconds): orders that went past a limit, units whose fix went
   * stale (offline), are marked changed so the streams carry them.
   */
  scan(): void {
    const now = this.ctx.now();
    for (const r of this.ctx.store.openOrders()) {
      const late = orderView(r, now).late;
      if ((this.lastLate.get(r.orderId) ?? null) !== late) {
        this.lastLate.set(r.orderId, late);
        this.ctx.changes.orders.add(r.orderId);
      }
    }
    if (this.lastLate.size > 10_000) this.lastLate.clear();
    for (const p of this.placed()) {
      const key = `${p.availability}/${p.activity}`;
      const before = this.lastActivity.get(p.unit.unitId);
      if (before !== key) {
        if (before !== undefined) this.ctx.changes.units.add(p.unit.unitId);
        this.lastActivity.set(p.unit.unitId, key);
      }
    }
  }

  // ---- inside ------------------------------------------------------------------------------

  private openOrdersByUnit(): Map<string, OrderRecord> {
    const out = new Map<string, OrderRecord>();
    // Newest first: the first seen per unit is its latest order.
    for (const o of this.ctx.store.openOrders()) if (!out.has(o.unitId)) out.set(o.unitId, o);
    return out;
  }

  private place(
    unit: UnitState,
    status: UnitStatusMessage | undefined,
    order: OrderRecord | undefined,
  ): PlacedUnit {
    const now = this.ctx.now();
    const areas = this.ctx.areas();
    const fresh = now - unit.at < freshFixMs;
    const fixPlace = areas.locate(unit);
    const post = !fresh && fixPlace.gridId !== null ? areas.postIn(fixPlace.gridId) : null;
    const at = post ? { lat: post.lat, lng: post.lng } : { lat: unit.lat, lng: unit.lng };
    let availability: UnitAvailability = status?.availability ?? 'available';
    let activity: UnitActivity = status?.activity ?? 'patrol';
    let incidentId = status?.incidentId ?? null;
    let orderId = status?.orderId ?? null;
    // Our order is newer than anything the unit said: it is assigned (can be diverted).
    if (order && (status === undefined || status.at < order.orderedAt)) {
      availability = 'conditional';
      activity = 'dispatched';
      incidentId = order.incidentId;
      orderId = order.orderId;
    }
    return {
      unit,
      availability,
      activity: fresh ? activity : 'offline',
      incidentId,
      orderId,
      statusAt: status?.at ?? null,
      fresh,
      at,
      fromPost: post !== null,
      zoneId: fixPlace.zoneId,
      gridId: fixPlace.gridId,
    };
  }
}

function originOf(p: PlacedUnit): Origin {
  return { id: p.unit.unitId, lat: p.at.lat, lng: p.at.lng, kind: p.unit.kind };
}

function boardEntry(p: PlacedUnit): UnitBoardEntry {
  return {
    unitId: p.unit.unitId,
    callSign: p.unit.callSign,
    kind: p.unit.kind,
    availability: p.availability,
    activity: p.activity,
    incidentId: p.incidentId,
    orderId: p.orderId,
    statusAt: p.statusAt,
    lat: p.unit.lat,
    lng: p.unit.lng,
    fixAt: p.unit.at,
    zoneId: p.zoneId,
    gridId: p.gridId,
  };
}

/** What a status says of one of our orders, or null when nothing. */
function progressOf(order: OrderRecord, status: UnitStatusMessage): OrderProgress | null {
  if (status.orderId === order.orderId) {
    switch (status.activity) {
      case 'acknowledged':
        return 'acknowledged';
      case 'en-route':
        return 'en-route';
      case 'on-scene':
      case 'handling':
        return 'arrived';
      case 'returning':
      case 'patrol':
      case 'post':
      case 'resting':
        return 'cleared';
      default:
        return null;
    }
  }
  // The unit no longer names this order, after it was given: done with it (or taken off it).
  if (status.at > order.orderedAt && (freeActivities.has(status.activity) || status.orderId)) {
    return order.delivered ? 'cleared' : null;
  }
  return null;
}

export function orderView(r: OrderRecord, now: number): OrderView {
  const state: OrderView['state'] =
    r.rejectedError !== null
      ? 'refused'
      : r.progress !== null
        ? r.progress
        : r.delivered
          ? 'sent'
          : 'queued';
  let late: OrderView['late'] = null;
  if (state !== 'refused' && state !== 'cleared') {
    if (r.acknowledgedAt === null && now > r.ackDueAt) late = 'ack';
    else if (r.arrivedAt === null && now > r.arrivalDueAt) late = 'arrival';
  }
  return {
    orderId: r.orderId,
    incidentId: r.incidentId,
    unitId: r.unitId,
    callSign: r.callSign,
    orderedAt: r.orderedAt,
    by: r.by,
    state,
    acknowledgedAt: r.acknowledgedAt,
    arrivedAt: r.arrivedAt,
    ackDueAt: r.ackDueAt,
    arrivalDueAt: r.arrivalDueAt,
    late,
    refusal: r.rejectedError !== null ? platformAnswer(r.rejectedError) : null,
    reinforcement: r.reinforcement,
  };
}
