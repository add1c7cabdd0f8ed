/**
 * The analysis tables (migration 012): the incident history (one row per incident id, whatever
 * brought it: the platform's history, a CSV export, the live mirror), the platform ranges
 * imported, warnings with their orders, roll calls and weekly scores. The only code that writes
 * them. Writes that belong together run inside the caller's transaction.
 */
import type { RollCall, Warning, WeeklyScores } from '../../../shared/contract/analysis';
import type { HistoricIncident } from '../../../shared/contract/platform-analysis';
import type { ProductIncident } from '../../../shared/domain/analysis/product';
import type { CacheDatabase } from './database';

export type HistorySource = 'platform' | 'csv' | 'live';

export interface HistoryRow extends ProductIncident {
  level: string;
  address: string;
  acknowledgedAt: number | null;
  arrivedAt: number | null;
  closedAt: number | null;
  unitIds: string[];
}

interface IncidentRow {
  id: string;
  number: string;
  category: string;
  level: string;
  lat: number;
  lng: number;
  address: string;
  reported_at: number;
  window_start: number | null;
  window_end: number | null;
  grid_id: string | null;
  acknowledged_at: number | null;
  arrived_at: number | null;
  closed_at: number | null;
  unit_ids: string;
}

const fromRow = (r: IncidentRow): HistoryRow => ({
  id: r.id,
  number: r.number,
  category: r.category,
  level: r.level,
  lat: r.lat,
  lng: r.lng,
  address: r.address,
  reportedAt: r.reported_at,
  ...(r.window_start !== null &&
    r.window_end !== null && { windowStart: r.window_start, windowEnd: r.window_end }),
  gridId: r.grid_id,
  zoneId: null,
  acknowledgedAt: r.acknowledged_at,
  arrivedAt: r.arrived_at,
  closedAt: r.closed_at,
  unitIds: JSON.parse(r.unit_ids) as string[],
});

/** A unit's day in its beat, as the weekly score adds it up. */
export interface UnitDay {
  onDuty: boolean;
  lineShare: number;
  pointShare: number;
  movingMs: number;
}

/** A dispatch order's times, for the scores. */
export interface OrderTimes {
  unitId: string;
  incidentId: string;
  orderedAt: number;
  acknowledgedAt: number | null;
  arrivedAt: number | null;
}

export type WarningOrderState = Warning['orders'][number]['state'];

export class AnalysisStore {
  constructor(private readonly db: CacheDatabase) {}

  // ---- history -----------------------------------------------------------------------------

  /** Stores (or replaces) one incident; returns true when the id was there before. */
  putIncident(i: HistoricIncident, source: HistorySource): boolean {
    const existed =
      this.db.prepare('SELECT 1 FROM analysis_incidents WHERE id = ?').get(i.id) !== undefined;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO analysis_incidents (id, number, category, level, lat, lng, address,
           reported_at, window_start, window_end, grid_id, acknowledged_at, arrived_at, closed_at,
           unit_ids, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        i.id,
        i.number,
        i.category,
        String(i.level),
        i.lat,
        i.lng,
        i.address,
        i.reportedAt,
        i.windowStart ?? null,
        i.windowEnd ?? null,
        i.gridId ?? null,
        i.acknowledgedAt ?? null,
        i.arrivedAt ?? null,
        i.closedAt ?? null,
        JSON.stringify(i.unitIds),
        source,
      );
    return existed;
  }

  deleteIncident(id: string): void {
    this.db.prepare('DELETE FROM analysis_incidents WHERE id = ?').run(id);
  }

  /** Incidents reported in [from, to), oldest first. */
  incidentsIn(from: number, to: number): HistoryRow[] {
    return (
      this.db
        .prepare(
          'SELECT * FROM analysis_incidents WHERE reported_at >= ? AND reported_at < ? ORDER BY reported_at',
        )
        .all(from, to) as IncidentRow[]
    ).map(fromRow);
  }

  /**
   * What the incidents reported in [from, to) are now, in a few characters: their count and the
   * newest row (a stored or replaced incident takes a new rowid), and the history's start. A
   * product of the range is the same while this is.
   */
  fingerprint(from: number, to: number): string {
    const r = this.db
      .prepare(
        'SELECT count(*) AS n, max(rowid) AS last FROM analysis_incidents WHERE reported_at >= ? AND reported_at < ?',
      )
      .get(from, to) as { n: number; last: number | null };
    return `${r.n}.${r.last ?? 0}.${this.coveredFrom() ?? ''}`;
  }

  /** What the products need of the incidents reported in [from, to) (no JSON, few columns). */
  productIncidentsIn(from: number, to: number): ProductIncident[] {
    const rows = this.db
      .prepare(
        `SELECT id, number, category, lat, lng, reported_at, window_start, window_end, grid_id
         FROM analysis_incidents WHERE reported_at >= ? AND reported_at < ?`,
      )
      .raw(true)
      .all(from, to) as [
      string,
      string,
      string,
      number,
      number,
      number,
      number | null,
      number | null,
      string | null,
    ][];
    return rows.map(([id, number, category, lat, lng, reportedAt, ws, we, gridId]) =>
      ws !== null && we !== null
        ? {
            id,
            number,
            category,
            lat,
            lng,
            reportedAt,
            windowStart: ws,
            windowEnd: we,
            gridId,
            zoneId: null,
          }
        : { id, number, category, lat, lng, reportedAt, gridId, zoneId: null },
    );
  }

  counts(): { incidents: number; from: number | null; to: number | null } {
    const r = this.db
      .prepare(
        'SELECT count(*) AS n, min(reported_at) AS lo, max(reported_at) AS hi FROM analysis_incidents',
      )
      .get() as { n: number; lo: number | null; hi: number | null };
    return { incidents: r.n, from: r.lo, to: r.hi };
  }

  // ---- imports and notes -------------------------------------------------------------------

  imports(): { start: number; end: number }[] {
    return this.db
      .prepare('SELECT from_ms AS start, to_ms AS end FROM analysis_imports ORDER BY from_ms')
      .all() as { start: number; end: number }[];
  }

  addImport(from: number, to: number, coveredFrom: number | null, at: number): void {
    this.db
      .prepare('INSERT OR REPLACE INTO analysis_imports VALUES (?, ?, ?, ?)')
      .run(from, to, coveredFrom, at);
    if (coveredFrom !== null) this.extendCovered(coveredFrom);
  }

  /** The history reaches back to `from` (an import, a CSV file). */
  extendCovered(from: number): void {
    const now = this.meta('coveredFrom');
    if (now === null || from < Number(now)) this.setMeta('coveredFrom', String(from));
  }

  coveredFrom(): number | null {
    const v = this.meta('coveredFrom');
    return v === null ? null : Number(v);
  }

  meta(key: string): string | null {
    const r = this.db.prepare('SELECT value FROM analysis_meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return r?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO analysis_meta VALUES (?, ?)').run(key, value);
  }

  // ---- warnings ----------------------------------------------------------------------------

  putWarning(w: Warning): void {
    const { orders: _orders, ...body } = w;
    this.db
      .prepare('INSERT OR REPLACE INTO analysis_warnings VALUES (?, ?, ?, ?, ?)')
      .run(w.id, w.windowStart, w.windowEnd, w.status, JSON.stringify(body));
  }

  addWarningOrder(
    warningId: string,
    unitId: string,
    callSign: string,
    outboxId: number,
    state: WarningOrderState,
  ): void {
    this.db
      .prepare('INSERT OR REPLACE INTO analysis_warning_orders VALUES (?, ?, ?, ?, ?)')
      .run(warningId, unitId, callSign, outboxId, state);
  }

  /** Sets the state of the order sent as outbox item `outboxId`; returns its warning's id. */
  setWarningOrderState(outboxId: number, state: WarningOrderState): string | null {
    const r = this.db
      .prepare('SELECT warning_id FROM analysis_warning_orders WHERE outbox_id = ?')
      .get(outboxId) as { warning_id: string } | undefined;
    if (!r) return null;
    this.db
      .prepare('UPDATE analysis_warning_orders SET state = ? WHERE outbox_id = ?')
      .run(state, outboxId);
    return r.warning_id;
  }

  warning(id: string): Warning | null {
    const r = this.db.prepare('SELECT body FROM analysis_warnings WHERE id = ?').get(id) as
      { body: string } | undefined;
    return r ? this.withOrders(JSON.parse(r.body) as Omit<Warning, 'orders'>) : null;
  }

  /** Warnings whose window touches [from, to), earliest window first. */
  warningsIn(from: number, to: number): Warning[] {
    return (
      this.db
        .prepare(
          'SELECT body FROM analysis_warnings WHERE window_start < ? AND window_end > ? ORDER BY window_start, id',
        )
        .all(to, from) as { body: string }[]
    ).map((r) => this.withOrders(JSON.parse(r.body) as Omit<Warning, 'orders'>));
  }

  /** Warnings not final yet (scheduled or open), or whose window ended after `since`. */
  liveWarnings(since: number): Warning[] {
    return (
      this.db
        .prepare(
          `SELECT body FROM analysis_warnings
           WHERE status IN ('scheduled', 'open') OR (status != 'cancelled' AND window_end > ?)`,
        )
        .all(since) as { body: string }[]
    ).map((r) => this.withOrders(JSON.parse(r.body) as Omit<Warning, 'orders'>));
  }

  private withOrders(body: Omit<Warning, 'orders'>): Warning {
    const orders = this.db
      .prepare(
        'SELECT unit_id AS unitId, call_sign AS callSign, state FROM analysis_warning_orders WHERE warning_id = ? ORDER BY call_sign',
      )
      .all(body.id) as Warning['orders'];
    return { ...body, orders };
  }

  // ---- roll calls and scores ---------------------------------------------------------------

  putRollCall(r: RollCall): void {
    this.db
      .prepare('INSERT OR REPLACE INTO analysis_roll_calls VALUES (?, ?, ?, ?, ?)')
      .run(r.id, r.day, r.slot, r.at, JSON.stringify(r));
  }

  rollCalls(day: string): RollCall[] {
    return (
      this.db
        .prepare('SELECT body FROM analysis_roll_calls WHERE day = ? ORDER BY at')
        .all(day) as { body: string }[]
    ).map((r) => JSON.parse(r.body) as RollCall);
  }

  hasRollCall(day: string, slot: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM analysis_roll_calls WHERE day = ? AND slot = ?')
        .get(day, slot) !== undefined
    );
  }

  /** The latest roll call made before `at`, null: none. */
  lastRollCallBefore(at: number): number | null {
    const r = this.db
      .prepare('SELECT max(at) AS at FROM analysis_roll_calls WHERE at < ?')
      .get(at) as { at: number | null };
    return r.at;
  }

  /** This station's dispatch orders given in [from, to) (read from dispatch's table), for scores. */
  dispatchOrdersIn(from: number, to: number): OrderTimes[] {
    return this.db
      .prepare(
        `SELECT unit_id AS unitId, incident_id AS incidentId, ordered_at AS orderedAt,
                acknowledged_at AS acknowledgedAt, arrived_at AS arrivedAt
         FROM orders WHERE ordered_at >= ? AND ordered_at < ?`,
      )
      .all(from, to) as OrderTimes[];
  }

  /** A unit's measures of a past day in its beat (the weekly scores' parts), null: not yet. */
  unitDay(unitId: string, dayStart: number, gridId: string): UnitDay | null {
    const r = this.db
      .prepare(
        `SELECT on_duty AS onDuty, line_share AS lineShare, point_share AS pointShare,
                moving_ms AS movingMs
         FROM analysis_unit_days WHERE unit_id = ? AND day_start = ? AND grid_id = ?`,
      )
      .get(unitId, dayStart, gridId) as (Omit<UnitDay, 'onDuty'> & { onDuty: number }) | undefined;
    return r ? { ...r, onDuty: r.onDuty === 1 } : null;
  }

  putUnitDay(unitId: string, dayStart: number, gridId: string, d: UnitDay): void {
    this.db
      .prepare('INSERT OR REPLACE INTO analysis_unit_days VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        unitId,
        dayStart,
        gridId,
        d.onDuty ? 1 : 0,
        d.lineShare,
        d.pointShare,
        Math.round(d.movingMs),
      );
  }

  putScores(s: WeeklyScores, at: number): void {
    this.db
      .prepare('INSERT OR REPLACE INTO analysis_scores VALUES (?, ?, ?)')
      .run(s.weekStart, at, JSON.stringify(s));
  }

  scores(weekStart: string): WeeklyScores | null {
    const r = this.db
      .prepare('SELECT body FROM analysis_scores WHERE week_start = ?')
      .get(weekStart) as { body: string } | undefined;
    return r ? (JSON.parse(r.body) as WeeklyScores) : null;
  }
}
