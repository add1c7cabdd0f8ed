/**
 * The health tables (migration 011): down intervals (this station's and the platform's history),
 * the spans of time they cover, the history ranges imported, the fault tickets mirrored from the
 * platform, and the weekly reports kept. Every write is one statement or one transaction, so a
 * crash mid-write leaves the table as it was before it or after it, never half.
 */
import type { FaultTicket } from '../../../shared/contract/health';
import type { DownKind, TicketMessage } from '../../../shared/contract/platform-health';
import type { WeeklyReport } from '../../../shared/contract/health';
import type { DownSpan, Span } from '../../../shared/domain/health/rates';
import { openTicketStatuses } from '../../../shared/domain/health/tickets';
import type { CacheDatabase } from './database';

/** Whose record: this station's own sight, or the platform's history. */
export type HealthSource = 'station' | 'platform';

export interface StoredTicket {
  message: TicketMessage;
  receivedAt: number;
  provisional: boolean;
  refused: FaultTicket['refused'];
}

interface TicketRow {
  id: string;
  rev: number;
  body: string;
  received_at: number;
  provisional: number;
  refused: string | null;
}

const ticketFromRow = (r: TicketRow): StoredTicket => ({
  message: JSON.parse(r.body) as TicketMessage,
  receivedAt: r.received_at,
  provisional: r.provisional === 1,
  refused: r.refused === null ? null : (JSON.parse(r.refused) as FaultTicket['refused']),
});

const openIn = `(${openTicketStatuses.map((s) => `'${s}'`).join(',')})`;

/** Sorted, overlapping and touching spans joined. */
export function unionSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

export class HealthStore {
  constructor(private readonly db: CacheDatabase) {}

  // ---- down intervals ------------------------------------------------------------------------

  /** Opens this station's interval of a camera and kind; false when one is open already. */
  openInterval(cameraId: string, kind: DownKind, start: number): boolean {
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO health_intervals (camera_id, kind, start, end, source)
         VALUES (?, ?, ?, NULL, 'station')`,
      )
      .run(cameraId, kind, start);
    return info.changes > 0;
  }

  /** Closes this station's open interval of a camera and kind (not before it started). */
  closeInterval(cameraId: string, kind: DownKind, end: number): boolean {
    const info = this.db
      .prepare(
        `UPDATE health_intervals SET end = MAX(start, ?)
         WHERE camera_id = ? AND kind = ? AND end IS NULL AND source = 'station'`,
      )
      .run(end, cameraId, kind);
    return info.changes > 0;
  }

  /** This station's intervals still open (after a crash: those of the run before). */
  openIntervals(): DownSpan[] {
    return this.db
      .prepare(
        `SELECT camera_id AS cameraId, kind, start, end FROM health_intervals
         WHERE end IS NULL AND source = 'station'`,
      )
      .all() as DownSpan[];
  }

  /** Closes every open interval of this station at `at` (what was known when it last ran). */
  closeAllOpen(at: number): number {
    return this.db
      .prepare(
        `UPDATE health_intervals SET end = MAX(start, ?) WHERE end IS NULL AND source = 'station'`,
      )
      .run(at).changes;
  }

  /**
   * The platform's intervals, each kept once (camera, kind, start); one still open that comes
   * back closed is closed. Returns how many rows were added or closed.
   */
  importIntervals(intervals: readonly DownSpan[]): number {
    const put = this.db.prepare(
      `INSERT INTO health_intervals (camera_id, kind, start, end, source)
       VALUES (@cameraId, @kind, @start, @end, 'platform')
       ON CONFLICT (camera_id, kind, start, source) DO UPDATE SET end = excluded.end
       WHERE health_intervals.end IS NULL AND excluded.end IS NOT NULL`,
    );
    let n = 0;
    this.db.transaction(() => {
      for (const i of intervals) n += put.run(i).changes;
    })();
    return n;
  }

  /** Intervals (both sources) that overlap [from, to), optionally of one camera. */
  intervalsIn(from: number, to: number, cameraId?: string): DownSpan[] {
    const camera = cameraId === undefined ? '' : 'AND camera_id = @cameraId';
    return this.db
      .prepare(
        `SELECT camera_id AS cameraId, kind, start, end FROM health_intervals
         WHERE start < @to AND (end IS NULL OR end > @from) ${camera}
         ORDER BY start`,
      )
      .all({ from, to, cameraId }) as DownSpan[];
  }

  // ---- coverage ------------------------------------------------------------------------------

  /** A span of this station's running time starts; returns its id (extended by `extend`). */
  startCoverage(at: number): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO health_coverage (start, end, source) VALUES (?, ?, 'station')
           ON CONFLICT (source, start) DO UPDATE SET end = MAX(end, excluded.end)
           RETURNING id`,
        )
        .pluck()
        .get(at, at),
    );
  }

  extendCoverage(id: number, at: number): void {
    this.db.prepare('UPDATE health_coverage SET end = MAX(end, ?) WHERE id = ?').run(at, id);
  }

  /** The end of this station's last running span (its last heartbeat), null: never ran. */
  lastCoverageEnd(): number | null {
    return (
      (this.db
        .prepare(`SELECT MAX(end) FROM health_coverage WHERE source = 'station'`)
        .pluck()
        .get() as number | null) ?? null
    );
  }

  addPlatformCoverage(start: number, end: number): void {
    if (end <= start) return;
    this.db
      .prepare(
        `INSERT INTO health_coverage (start, end, source) VALUES (?, ?, 'platform')
         ON CONFLICT (source, start) DO UPDATE SET end = MAX(end, excluded.end)`,
      )
      .run(start, end);
  }

  /** What the records cover within [from, to), both sources joined. */
  coverageIn(from: number, to: number): Span[] {
    const rows = this.db
      .prepare('SELECT start, end FROM health_coverage WHERE start < ? AND end > ?')
      .all(to, from) as Span[];
    return unionSpans(
      rows.map((r) => ({ start: Math.max(r.start, from), end: Math.min(r.end, to) })),
    );
  }

  // ---- history imports -----------------------------------------------------------------------

  addImport(from: number, to: number, at: number): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO health_imports (from_ms, to_ms, imported_at) VALUES (?, ?, ?)',
      )
      .run(from, to, at);
  }

  imports(): Span[] {
    return unionSpans(
      this.db.prepare('SELECT from_ms AS start, to_ms AS end FROM health_imports').all() as Span[],
    );
  }

  // ---- tickets -------------------------------------------------------------------------------

  ticket(id: string): StoredTicket | null {
    const row = this.db.prepare('SELECT * FROM health_tickets WHERE id = ?').get(id) as
      TicketRow | undefined;
    return row ? ticketFromRow(row) : null;
  }

  /**
   * Keeps the platform's record when it is newer than ours (a higher rev, or ours is
   * provisional). True when stored.
   */
  putTicket(message: TicketMessage, receivedAt: number): boolean {
    const info = this.db
      .prepare(
        `INSERT INTO health_tickets (id, rev, body, received_at, provisional, camera_id, fault,
           status, opened_at)
         VALUES (@id, @rev, @body, @receivedAt, 0, @cameraId, @fault, @status, @openedAt)
         ON CONFLICT (id) DO UPDATE SET rev = @rev, body = @body, received_at = @receivedAt,
           provisional = 0, camera_id = @cameraId, fault = @fault, status = @status,
           opened_at = @openedAt
         WHERE health_tickets.provisional = 1 OR health_tickets.rev < @rev`,
      )
      .run({
        id: message.id,
        rev: message.rev,
        body: JSON.stringify(message),
        receivedAt,
        cameraId: message.cameraId,
        fault: message.fault,
        status: message.status,
        openedAt: message.openedAt,
      });
    return info.changes > 0;
  }

  /** A ticket opened here, shown at once until the platform's record replaces it. */
  putProvisional(message: TicketMessage, receivedAt: number): void {
    this.db
      .prepare(
        `INSERT INTO health_tickets (id, rev, body, received_at, provisional, camera_id, fault,
           status, opened_at)
         VALUES (?, 0, ?, ?, 1, ?, ?, ?, ?)`,
      )
      .run(
        message.id,
        JSON.stringify(message),
        receivedAt,
        message.cameraId,
        message.fault,
        message.status,
        message.openedAt,
      );
  }

  /**
   * A provisional ticket the platform refused to open: closed here as withdrawn (it never was a
   * ticket there), so it neither stays open forever nor is opened again for the same fault.
   */
  withdrawProvisional(id: string, at: number, why: string): boolean {
    const row = this.db
      .prepare('SELECT body FROM health_tickets WHERE id = ? AND provisional = 1')
      .pluck()
      .get(id) as string | undefined;
    if (row === undefined) return false;
    const m = JSON.parse(row) as TicketMessage;
    const body: TicketMessage = {
      ...m,
      status: 'withdrawn',
      closedAt: at,
      timeline: [
        ...m.timeline,
        { at, action: 'withdraw' as const, by: 'platform', note: why },
      ].slice(-1000),
    };
    this.db
      .prepare(`UPDATE health_tickets SET body = ?, status = 'withdrawn' WHERE id = ?`)
      .run(JSON.stringify(body), id);
    return true;
  }

  /** Forgets a provisional ticket (the platform merged it into another). */
  dropProvisional(id: string): boolean {
    return (
      this.db.prepare('DELETE FROM health_tickets WHERE id = ? AND provisional = 1').run(id)
        .changes > 0
    );
  }

  setRefused(id: string, refused: FaultTicket['refused']): void {
    this.db
      .prepare('UPDATE health_tickets SET refused = ? WHERE id = ?')
      .run(refused === null ? null : JSON.stringify(refused), id);
  }

  /** Open tickets (provisional too), of one camera or all. */
  openTickets(cameraId?: string): StoredTicket[] {
    const camera = cameraId === undefined ? '' : 'AND camera_id = ?';
    return (
      this.db
        .prepare(
          `SELECT * FROM health_tickets WHERE status IN ${openIn} ${camera} ORDER BY opened_at DESC`,
        )
        .all(...(cameraId === undefined ? [] : [cameraId])) as TicketRow[]
    ).map(ticketFromRow);
  }

  /** Tickets newest first: open ones, or all opened since `sinceMs`. */
  tickets(query: {
    status: 'open' | 'all';
    cameraId?: string;
    sinceMs?: number;
    limit: number;
  }): StoredTicket[] {
    const where: string[] = [];
    if (query.status === 'open') where.push(`status IN ${openIn}`);
    if (query.cameraId !== undefined) where.push('camera_id = @cameraId');
    if (query.sinceMs !== undefined) where.push('opened_at >= @sinceMs');
    return (
      this.db
        .prepare(
          `SELECT * FROM health_tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY opened_at DESC, id DESC LIMIT @limit`,
        )
        .all({
          cameraId: query.cameraId,
          sinceMs: query.sinceMs,
          limit: query.limit,
        }) as TicketRow[]
    ).map(ticketFromRow);
  }

  /** Tickets open at some time in [from, to) or opened in it (for the weekly report). */
  ticketsAround(from: number, to: number): TicketMessage[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM health_tickets WHERE opened_at < ? AND (status IN ${openIn}
             OR json_extract(body, '$.closedAt') IS NULL OR json_extract(body, '$.closedAt') >= ?
             OR json_extract(body, '$.repairedAt') >= ?)`,
        )
        .all(to, from, from) as TicketRow[]
    ).map((r) => ticketFromRow(r).message);
  }

  // ---- weekly reports ------------------------------------------------------------------------

  putReport(report: WeeklyReport): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO health_reports (week_start, generated_at, body) VALUES (?, ?, ?)',
      )
      .run(report.weekStart, report.generatedAt, JSON.stringify(report));
  }

  report(weekStart: string): WeeklyReport | null {
    const body = this.db
      .prepare('SELECT body FROM health_reports WHERE week_start = ?')
      .pluck()
      .get(weekStart) as string | undefined;
    return body === undefined ? null : (JSON.parse(body) as WeeklyReport);
  }

  reports(): { weekStart: string; generatedAt: number }[] {
    return this.db
      .prepare(
        `SELECT week_start AS weekStart, generated_at AS generatedAt FROM health_reports
         ORDER BY week_start DESC`,
      )
      .all() as { weekStart: string; generatedAt: number }[];
  }
}
