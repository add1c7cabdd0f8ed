/**
 * The outbox table: operator actions waiting for delivery. A row is pending until it is
 * delivered (the platform answered 2xx) or rejected (the platform answered 400: it will never
 * accept it, so retrying is pointless; the error is kept for the operator, who sees the count in
 * the status and the items through `outbox.refused`).
 */
import type { OutboxStatus } from '../../../shared/api';
import type {
  DispatchOrder,
  PlatformEventKind,
  PlatformEventOf,
} from '../../../shared/contract/platform';
import type { WarningOrder } from '../../../shared/contract/platform-analysis';
import type { CacheDatabase } from './database';

/**
 * A dispatch order waiting in the outbox (docs/protocol.md §8): published on
 * `vigil/orders/{unitId}` (MQTT, QoS 1; delivered when the broker acknowledges it), but only
 * after `after`, the outbox item of its `incident-dispatch` event, was delivered: the platform
 * keeps the record of who was sent, and when it refuses the dispatch the order is never sent.
 * Its idempotency key is the order's id, by which the unit de-duplicates a resend. A warning
 * order (预警指令, shared/contract/platform-analysis.ts) has no event before it.
 */
export interface UnitOrderItem {
  /** The event it waits for; null: none (a warning order, issue #17, is published at once). */
  after: number | null;
  unitId: string;
  order: DispatchOrder | WarningOrder;
}

/** What the outbox carries: the platform's HTTP events by their `type`, and unit orders. */
export type OutboxKind = PlatformEventKind | 'unit-order';
type OutboxPayloads = { [K in PlatformEventKind]: PlatformEventOf<K> } & {
  'unit-order': UnitOrderItem;
};

/**
 * What `add` takes, keyed by kind: the kind is the event's `type`, its payload the platform's
 * event of that kind (shared/contract/platform.ts), so a mark cannot be queued as a tour run
 * nor with a tour run's body; a `unit-order` carries a UnitOrderItem.
 */
export type OutboxEntry = {
  [K in OutboxKind]: [kind: K, idempotencyKey: string, payload: OutboxPayloads[K], now: number];
}[OutboxKind];

export interface OutboxItem {
  id: number;
  kind: string;
  idempotencyKey: string;
  payload: unknown;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  deliveredAt: number | null;
  rejectedAt: number | null;
  /** A refused item an operator has noted (dealt with): when, and who. */
  notedAt: number | null;
  notedBy: string | null;
}

interface OutboxRow {
  id: number;
  kind: string;
  idempotency_key: string;
  payload: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  delivered_at: number | null;
  rejected_at: number | null;
  noted_at: number | null;
  noted_by: string | null;
}

const fromRow = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  payload: JSON.parse(r.payload) as unknown,
  createdAt: r.created_at,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  rejectedAt: r.rejected_at,
  notedAt: r.noted_at,
  notedBy: r.noted_by,
});

const PENDING = 'delivered_at IS NULL AND rejected_at IS NULL';

export class OutboxStore {
  /** Where items are delivered (undefined until the delivery service says; null: nowhere). */
  private destination: string | null | undefined = undefined;

  constructor(private readonly db: CacheDatabase) {}

  /**
   * Where the items go, for the status the desk shows: the events URL without credentials or
   * query, or null when the station has nowhere to send them (they are kept here only). Set by
   * the delivery service that owns the outbox.
   */
  setDestination(destination: string | null): void {
    this.destination = destination;
  }

  /** Adds an item, due at once. Call inside the transaction of the action's local effect. */
  add(...[kind, idempotencyKey, payload, now]: OutboxEntry): number {
    const info = this.db
      .prepare(
        `INSERT INTO outbox (kind, idempotency_key, payload, created_at, next_attempt_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(kind, idempotencyKey, JSON.stringify(payload), now, now);
    return Number(info.lastInsertRowid);
  }

  get(id: number): OutboxItem | null {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as
      OutboxRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Pending items due at `now`, oldest first. */
  due(now: number, limit = 50): OutboxItem[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM outbox WHERE ${PENDING} AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(now, limit) as OutboxRow[]
    ).map(fromRow);
  }

  /** When the next pending item is due, or null when nothing is pending. */
  nextDueAt(): number | null {
    const row = this.db
      .prepare(`SELECT MIN(next_attempt_at) AS at FROM outbox WHERE ${PENDING}`)
      .get() as { at: number | null };
    return row.at;
  }

  markDelivered(id: number, now: number): void {
    this.db
      .prepare(
        'UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?',
      )
      .run(now, id);
  }

  markRejected(id: number, error: string, now: number): void {
    this.db
      .prepare(
        'UPDATE outbox SET rejected_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?',
      )
      .run(now, error, id);
  }

  markFailed(id: number, error: string, nextAttemptAt: number): void {
    this.db
      .prepare(
        'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?',
      )
      .run(error, nextAttemptAt, id);
  }

  /**
   * Puts an item off until `at` without counting an attempt (a unit order whose dispatch event
   * is still on its way).
   */
  defer(id: number, at: number, reason: string): void {
    this.db
      .prepare('UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?')
      .run(at, reason, id);
  }

  /**
   * Pending items per incident (events naming `incidentId`, orders naming `order.incidentId`):
   * what the desk shows as this station's actions still on their way.
   */
  pendingByIncident(): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT COALESCE(json_extract(payload, '$.incidentId'),
                         json_extract(payload, '$.order.incidentId')) AS incident, COUNT(*) AS n
         FROM outbox WHERE ${PENDING} AND (kind LIKE 'incident-%' OR kind = 'unit-order')
         GROUP BY incident`,
      )
      .all() as { incident: string | null; n: number }[];
    const out = new Map<string, number>();
    for (const r of rows) if (r.incident !== null) out.set(r.incident, r.n);
    return out;
  }

  /** Pending `ticket-open` / `ticket-action` items per ticket (issue #16). */
  pendingByTicket(): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT json_extract(payload, '$.ticketId') AS ticket, COUNT(*) AS n FROM outbox
         WHERE ${PENDING} AND kind IN ('ticket-open', 'ticket-action') GROUP BY ticket`,
      )
      .all() as { ticket: string | null; n: number }[];
    return new Map(rows.flatMap((r) => (r.ticket === null ? [] : [[r.ticket, r.n] as const])));
  }

  /** Every pending item due now (the link came back: do not wait out the backoff). */
  makeAllDue(now: number): void {
    this.db
      .prepare(`UPDATE outbox SET next_attempt_at = ? WHERE ${PENDING} AND next_attempt_at > ?`)
      .run(now, now);
  }

  status(): OutboxStatus {
    const row = this.db
      .prepare(
        `SELECT
           SUM(CASE WHEN ${PENDING} THEN 1 ELSE 0 END) AS pending,
           SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END) AS delivered,
           SUM(CASE WHEN rejected_at IS NOT NULL AND noted_at IS NULL THEN 1 ELSE 0 END) AS refused
         FROM outbox`,
      )
      .get() as { pending: number | null; delivered: number | null; refused: number | null };
    const pending = row.pending ?? 0;
    const last =
      pending > 0
        ? (this.db
            .prepare(
              `SELECT last_error FROM outbox WHERE ${PENDING} AND last_error IS NOT NULL
               ORDER BY next_attempt_at DESC LIMIT 1`,
            )
            .get() as { last_error: string } | undefined)
        : undefined;
    return {
      pending,
      delivered: row.delivered ?? 0,
      lastError: last?.last_error ?? null,
      refused: row.refused ?? 0,
      ...(this.destination !== undefined ? { destination: this.destination } : {}),
    };
  }

  /** Items the platform refused (400), those nobody has noted first, newest first. */
  rejected(limit = 100): OutboxItem[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM outbox WHERE rejected_at IS NOT NULL
           ORDER BY noted_at IS NOT NULL, rejected_at DESC, id DESC LIMIT ?`,
        )
        .all(limit) as OutboxRow[]
    ).map(fromRow);
  }

  /**
   * Notes refused items as dealt with by `by`; only refused items not noted yet change (a
   * pending, delivered or already-noted one is left as it is). Returns how many were noted.
   */
  noteRefused(ids: readonly number[], by: string, now: number): number {
    const note = this.db.prepare(
      'UPDATE outbox SET noted_at = ?, noted_by = ? WHERE id = ? AND rejected_at IS NOT NULL AND noted_at IS NULL',
    );
    return this.db.transaction(() => ids.reduce((n, id) => n + note.run(now, by, id).changes, 0))();
  }
}
