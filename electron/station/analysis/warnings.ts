/**
 * Warnings to units (预警指令, issue #17 item 3): a place and a time window the units of a grid
 * must visit. Sent as one WarningOrder per unit on `vigil/orders/{unitId}` through the outbox
 * (written with the warning and its audit row in ONE transaction), to the units whose beat
 * (UnitFix.gridId) is the grid — or, when none has it as its beat, to the units seen in the grid
 * in the last hour. Compliance comes from the tracks, like the fixed must-reach points: a visit
 * is a run of fixes within `radiusM` (a gap of over 2 minutes ends it); it counts when its time
 * inside the window is at least `stopMinMinutes`. Status: cancelled; scheduled (before the
 * window); done (a visit counts); open (in the window); missed (the window passed, none counts).
 */
import type { Caller, MethodParsedInput } from '../../../shared/api';
import type { Warning, WarningStatus, WarningVisit } from '../../../shared/contract/analysis';
import type { MapGeometry, TrackPoint, UnitState } from '../../../shared/contract/map';
import type { WarningOrder } from '../../../shared/contract/platform-analysis';
import { haversineM, pointInPolygon, ringBounds, widenBounds } from '../../../shared/domain/geo';
import { zonedAt } from '../../../shared/domain/time/hall-time';
import { addDays } from '../../../shared/domain/health/expected-time';
import { VigilError } from '../../../shared/result';
import type { AnalysisStore } from '../cache/analysis-store';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import type { OutboxItem, OutboxStore, UnitOrderItem } from '../cache/outbox-store';
import type { PositionStore } from '../cache/position-store';
import { randomUUID } from 'node:crypto';

/** Fixes further apart than this end a visit (the unit's track has a hole). */
export const visitGapMs = 120_000;
/** Without a beat, the units seen in the grid this long before the warning get it. */
export const seenInGridMs = 3_600_000;
/** Visits are looked for this long before the window opens and after it closes. */
const visitMarginMs = 3_600_000;

export interface WarningServiceOptions {
  db: CacheDatabase;
  store: AnalysisStore;
  outbox: OutboxStore;
  audit: AuditLog;
  stationId: string;
  timeZone: string;
  geometry: () => MapGeometry;
  units: () => UnitState[];
  positions: PositionStore;
  flushPositions?: () => void;
  emit: (warning: Warning) => void;
  onQueued: () => void;
  now: () => number;
}

/** A unit's visits to a place from its fixes (oldest first). */
export function visitsOf(
  fixes: readonly TrackPoint[],
  place: { lat: number; lng: number; radiusM: number },
  window: { start: number; end: number; stopMinMinutes: number },
): { arrivedAt: number; leftAt: number; minutes: number; counts: boolean }[] {
  const out: { arrivedAt: number; leftAt: number; minutes: number; counts: boolean }[] = [];
  let start: number | null = null;
  let last = 0;
  const close = (leftAt: number): void => {
    if (start === null) return;
    const inWindow = Math.min(leftAt, window.end) - Math.max(start, window.start);
    out.push({
      arrivedAt: start,
      leftAt,
      minutes: Math.round(((leftAt - start) / 60_000) * 10) / 10,
      counts: inWindow >= window.stopMinMinutes * 60_000,
    });
    start = null;
  };
  for (const f of fixes) {
    const inside = haversineM(f, place) <= place.radiusM;
    if (start !== null && f.at - last > visitGapMs) close(last);
    if (inside) {
      start ??= f.at;
      last = f.at;
    } else if (start !== null) {
      close(f.at);
    }
  }
  close(last);
  return out;
}

export function warningStatus(
  w: Pick<Warning, 'status' | 'windowStart' | 'windowEnd' | 'visits'>,
  now: number,
): WarningStatus {
  if (w.status === 'cancelled') return 'cancelled';
  if (w.visits.some((v) => v.counts)) return 'done';
  if (now < w.windowStart) return 'scheduled';
  if (now < w.windowEnd) return 'open';
  return 'missed';
}

export class WarningService {
  constructor(private readonly o: WarningServiceOptions) {}

  warn(input: MethodParsedInput<'analysis.warn'>, caller: Caller): Warning {
    const g = this.o.geometry();
    const grid = g.areas.find((a) => a.id === input.gridId && a.level === 'grid');
    if (!grid) {
      throw new VigilError(
        'not-found',
        g.areas.length === 0 ? 'no district geometry yet' : `no grid ${input.gridId}`,
      );
    }
    const at = this.o.now();
    if (input.windowEnd <= at) throw new VigilError('bad-input', 'the window has already ended');
    const units = this.unitsOf(input.gridId, grid.polygon, at);
    if (units.length === 0) {
      throw new VigilError(
        'bad-input',
        `no unit patrols ${grid.name} (its beat) and none was seen in it in the last hour`,
      );
    }
    const id = `W-${randomUUID()}`;
    const warning: Warning = {
      id,
      name: input.name,
      lat: input.lat,
      lng: input.lng,
      radiusM: input.radiusM,
      gridId: input.gridId,
      zoneId: grid.parentId,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      stopMinMinutes: input.stopMinMinutes,
      stopMaxMinutes: input.stopMaxMinutes,
      note: input.note,
      source: input.source ?? null,
      by: caller.operator,
      at,
      orders: [],
      visits: [],
      status: 'scheduled',
    };
    warning.status = warningStatus(warning, at);
    this.o.db.transaction(() => {
      this.o.store.putWarning(warning);
      for (const u of units) {
        const order: WarningOrder = {
          warningId: id,
          kind: 'warning',
          name: input.name,
          lat: input.lat,
          lng: input.lng,
          radiusM: input.radiusM,
          windowStart: input.windowStart,
          windowEnd: input.windowEnd,
          stopMinMinutes: input.stopMinMinutes,
          stopMaxMinutes: input.stopMaxMinutes,
          note: input.note,
          by: caller.operator,
          stationId: this.o.stationId,
          at,
        };
        const item: UnitOrderItem = { after: null, unitId: u.unitId, order };
        const outboxId = this.o.outbox.add('unit-order', `${id}:${u.unitId}`, item, at);
        this.o.store.addWarningOrder(id, u.unitId, u.callSign, outboxId, 'queued');
      }
      this.o.audit.record(caller, 'analysis.warn', id, {
        name: input.name,
        gridId: input.gridId,
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        units: units.map((u) => u.unitId),
      });
    })();
    this.o.onQueued();
    const saved = this.o.store.warning(id) as Warning;
    this.o.emit(saved);
    return saved;
  }

  cancel(id: string, caller: Caller): Warning {
    const w = this.o.store.warning(id);
    if (!w) throw new VigilError('not-found', `no warning ${id}`);
    if (w.status === 'cancelled') return w;
    if (w.status === 'done' || w.status === 'missed') {
      throw new VigilError('bad-input', `the warning is ${w.status}; it cannot be cancelled`);
    }
    const next = { ...w, status: 'cancelled' as const };
    this.o.db.transaction(() => {
      this.o.store.putWarning(next);
      this.o.audit.record(caller, 'analysis.cancelWarning', id, { name: w.name });
    })();
    this.o.emit(next);
    return next;
  }

  /** The warnings whose window touches the hall day, with visits as of now. */
  ofDay(day: string): Warning[] {
    const from = zonedAt(day, 0, this.o.timeZone);
    const to = zonedAt(addDays(day, 1), 0, this.o.timeZone);
    this.o.flushPositions?.();
    return this.o.store.warningsIn(from, to).map((w) => this.refresh(w).warning);
  }

  /** Each minute: visits and status of the warnings still open (or just ended); emits changes. */
  tick(): void {
    const now = this.o.now();
    this.o.flushPositions?.();
    for (const w of this.o.store.liveWarnings(now - visitMarginMs)) {
      const r = this.refresh(w);
      if (r.changed) this.o.emit(r.warning);
    }
  }

  /** The outbox delivered or refused a warning order. */
  onSettled(item: OutboxItem, outcome: 'delivered' | 'rejected'): void {
    if (item.kind !== 'unit-order') return;
    const order = (item.payload as UnitOrderItem).order as { kind?: unknown };
    if (order.kind !== 'warning') return;
    const id = this.o.store.setWarningOrderState(
      item.id,
      outcome === 'delivered' ? 'sent' : 'refused',
    );
    const w = id === null ? null : this.o.store.warning(id);
    if (w) this.o.emit(w);
  }

  /** Visits and status recomputed from the tracks; stored when they changed. */
  refresh(w: Warning): { warning: Warning; changed: boolean } {
    if (w.status === 'cancelled') return { warning: w, changed: false };
    const now = this.o.now();
    const visits: WarningVisit[] = [];
    const box = widenBounds(
      { south: w.lat, north: w.lat, west: w.lng, east: w.lng },
      w.radiusM + 50,
    );
    const from = w.windowStart - visitMarginMs;
    const to = Math.min(now, w.windowEnd + visitMarginMs);
    if (to > from) {
      for (const o of w.orders) {
        const fixes = this.o.positions.trackInBox(o.unitId, from, to, box);
        for (const v of visitsOf(fixes, w, {
          start: w.windowStart,
          end: w.windowEnd,
          stopMinMinutes: w.stopMinMinutes,
        })) {
          visits.push({ unitId: o.unitId, callSign: o.callSign, ...v });
        }
      }
    }
    visits.sort((a, b) => a.arrivedAt - b.arrivedAt);
    const next: Warning = { ...w, visits };
    next.status = warningStatus(next, now);
    const changed =
      next.status !== w.status || JSON.stringify(next.visits) !== JSON.stringify(w.visits);
    if (changed) this.o.store.putWarning(next);
    return { warning: next, changed };
  }

  /** The grid's units: by beat, else those seen in it in the last hour. */
  private unitsOf(
    gridId: string,
    polygon: MapGeometry['areas'][number]['polygon'],
    at: number,
  ): { unitId: string; callSign: string }[] {
    const all = this.o.units();
    const byBeat = all.filter((u) => u.gridId === gridId);
    if (byBeat.length > 0) return byBeat.map((u) => ({ unitId: u.unitId, callSign: u.callSign }));
    this.o.flushPositions?.();
    const box = ringBounds(polygon);
    const names = new Map(all.map((u) => [u.unitId, u.callSign]));
    const out: { unitId: string; callSign: string }[] = [];
    for (const seen of this.o.positions.units()) {
      if (seen.at < at - seenInGridMs) continue;
      const fixes = this.o.positions.trackInBox(seen.unitId, at - seenInGridMs, at, box);
      if (fixes.some((f) => pointInPolygon(f, polygon))) {
        out.push({ unitId: seen.unitId, callSign: names.get(seen.unitId) ?? seen.callSign });
      }
    }
    return out;
  }
}
