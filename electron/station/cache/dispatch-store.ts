/**
 * The dispatch tables (migration 009): incidents mirrored from the platform (the whole record as
 * JSON, with the columns the queries filter on), their fetched pictures, every unit's latest
 * status and the orders this station gave. An order's delivery state is read from its outbox
 * items (joined), so it is never kept in two places that could disagree after a crash.
 */
import type { Incident } from '../../../shared/contract/dispatch';
import type { IncidentMessage, UnitStatusMessage } from '../../../shared/contract/platform';
import type { CacheDatabase } from './database';

export interface StoredIncident {
  message: IncidentMessage;
  receivedAt: number;
  provisional: boolean;
  refused: Incident['refused'];
}

interface IncidentRow {
  id: string;
  rev: number;
  body: string;
  received_at: number;
  provisional: number;
  refused: string | null;
}

/** Ids of pictures kept here from a snapshot given with incident.open (not the platform's). */
export const localPicturePrefix = 'local-';

const incidentFromRow = (r: IncidentRow): StoredIncident => ({
  message: JSON.parse(r.body) as IncidentMessage,
  receivedAt: r.received_at,
  provisional: r.provisional === 1,
  refused: r.refused === null ? null : (JSON.parse(r.refused) as Incident['refused']),
});

/** Where an order's unit says it is (from its status messages). */
export type OrderProgress = 'acknowledged' | 'en-route' | 'arrived' | 'cleared';

export interface OrderRecord {
  orderId: string;
  incidentId: string;
  unitId: string;
  callSign: string;
  orderedAt: number;
  by: string;
  lat: number;
  lng: number;
  progress: OrderProgress | null;
  acknowledgedAt: number | null;
  arrivedAt: number | null;
  clearedAt: number | null;
  ackDueAt: number;
  arrivalDueAt: number;
  reinforcement: string | null;
  eventOutboxId: number;
  orderOutboxId: number;
  /** From the order's outbox item. */
  delivered: boolean;
  rejectedError: string | null;
}

interface OrderRow {
  order_id: string;
  incident_id: string;
  unit_id: string;
  call_sign: string;
  ordered_at: number;
  by: string;
  lat: number;
  lng: number;
  progress: string | null;
  acknowledged_at: number | null;
  arrived_at: number | null;
  cleared_at: number | null;
  ack_due_at: number;
  arrival_due_at: number;
  reinforcement: string | null;
  event_outbox_id: number;
  order_outbox_id: number;
  delivered_at: number | null;
  rejected_at: number | null;
  last_error: string | null;
}

const orderFromRow = (r: OrderRow): OrderRecord => ({
  orderId: r.order_id,
  incidentId: r.incident_id,
  unitId: r.unit_id,
  callSign: r.call_sign,
  orderedAt: r.ordered_at,
  by: r.by,
  lat: r.lat,
  lng: r.lng,
  progress: r.progress as OrderProgress | null,
  acknowledgedAt: r.acknowledged_at,
  arrivedAt: r.arrived_at,
  clearedAt: r.cleared_at,
  ackDueAt: r.ack_due_at,
  arrivalDueAt: r.arrival_due_at,
  reinforcement: r.reinforcement,
  eventOutboxId: r.event_outbox_id,
  orderOutboxId: r.order_outbox_id,
  delivered: r.delivered_at !== null,
  rejectedError: r.rejected_at !== null ? (r.last_error ?? 'refused') : null,
});

const ORDER_SELECT = `SELECT o.*, ob.delivered_at, ob.rejected_at, ob.last_error
  FROM orders o LEFT JOIN outbox ob ON ob.id = o.order_outbox_id`;

export type NewOrder = Omit<
  OrderRecord,
  'progress' | 'acknowledgedAt' | 'arrivedAt' | 'clearedAt' | 'delivered' | 'rejectedError'
>;

export class DispatchStore {
  constructor(private readonly db: CacheDatabase) {}

  // ---- incidents ---------------------------------------------------------------------------

  getIncident(id: string): StoredIncident | null {
    const row = this.db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as
      IncidentRow | undefined;
    return row ? incidentFromRow(row) : null;
  }

  /**
   * Keeps the platform's record when it is newer than ours (a higher rev, or ours is
   * provisional). Returns true when it was stored.
   *
   * A snapshot given when the incident was opened here is kept as a local picture (id
   * `local-…`, its bytes in incident_pictures): it stays in the record while the platform's
   * record has no pictures of its own, and is forgotten (bytes too) once it has.
   */
  putIncident(incoming: IncidentMessage, receivedAt: number): boolean {
    let message = incoming;
    const existing = this.db
      .prepare('SELECT rev, provisional, body FROM incidents WHERE id = ?')
      .get(message.id) as { rev: number; provisional: number; body: string } | undefined;
    if (existing && existing.provisional === 0 && existing.rev >= message.rev) return false;
    const local = existing
      ? (JSON.parse(existing.body) as IncidentMessage).pictures.filter((p) =>
          p.id.startsWith(localPicturePrefix),
        )
      : [];
    if (local.length > 0) {
      if (message.pictures.length === 0) {
        message = { ...message, pictures: local };
      } else {
        const forget = this.db.prepare(
          'DELETE FROM incident_pictures WHERE incident_id = ? AND picture_id = ?',
        );
        for (const p of local) forget.run(message.id, p.id);
      }
    }
    this.db
      .prepare(
        `INSERT INTO incidents (id, rev, body, received_at, provisional, status, reported_at, lat, lng)
         VALUES (@id, @rev, @body, @receivedAt, 0, @status, @reportedAt, @lat, @lng)
         ON CONFLICT (id) DO UPDATE SET rev = @rev, body = @body, provisional = 0,
           status = @status, reported_at = @reportedAt, lat = @lat, lng = @lng`,
      )
      .run({
        id: message.id,
        rev: message.rev,
        body: JSON.stringify(message),
        receivedAt,
        status: message.status,
        reportedAt: message.reportedAt,
        lat: message.lat,
        lng: message.lng,
      });
    return true;
  }

  /** An incident opened here, shown at once until the platform's record replaces it. */
  putProvisional(message: IncidentMessage, receivedAt: number): void {
    this.db
      .prepare(
        `INSERT INTO incidents (id, rev, body, received_at, provisional, status, reported_at, lat, lng)
         VALUES (?, 0, ?, ?, 1, ?, ?, ?, ?)`,
      )
      .run(
        message.id,
        JSON.stringify(message),
        receivedAt,
        message.status,
        message.reportedAt,
        message.lat,
        message.lng,
      );
  }

  setRefused(id: string, refused: Incident['refused']): void {
    this.db
      .prepare('UPDATE incidents SET refused = ? WHERE id = ?')
      .run(refused === null ? null : JSON.stringify(refused), id);
  }

  /** Every incident reported since `sinceMs` (the queue's candidates), newest first. */
  incidentsSince(sinceMs: number, limit = 20_000): StoredIncident[] {
    return (
      this.db
        .prepare('SELECT * FROM incidents WHERE reported_at >= ? ORDER BY reported_at DESC LIMIT ?')
        .all(sinceMs, limit) as IncidentRow[]
    ).map(incidentFromRow);
  }

  /**
   * Incidents in a box of the map (nearby and duplicate suggestions), newest first: at a busy
   * place with years of history, the limit drops the oldest, never today's.
   */
  incidentsIn(box: { south: number; north: number; west: number; east: number }): StoredIncident[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM incidents WHERE lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?
           ORDER BY reported_at DESC LIMIT 5000`,
        )
        .all(box.south, box.north, box.west, box.east) as IncidentRow[]
    ).map(incidentFromRow);
  }

  /** Incidents in these statuses (or all), newest first (or oldest first), at most `limit`. */
  incidentsByStatus(
    statuses: readonly string[] | null,
    limit: number,
    order: 'newest' | 'oldest' = 'newest',
  ): StoredIncident[] {
    const where = statuses ? `WHERE status IN (${statuses.map(() => '?').join(',')})` : '';
    const by = order === 'newest' ? 'reported_at DESC, id DESC' : 'reported_at ASC, id ASC';
    return (
      this.db
        .prepare(`SELECT * FROM incidents ${where} ORDER BY ${by} LIMIT ?`)
        .all(...(statuses ?? []), limit) as IncidentRow[]
    ).map(incidentFromRow);
  }

  // ---- pictures ----------------------------------------------------------------------------

  picture(incidentId: string, pictureId: string): Buffer | null {
    const row = this.db
      .prepare('SELECT bytes FROM incident_pictures WHERE incident_id = ? AND picture_id = ?')
      .get(incidentId, pictureId) as { bytes: Buffer } | undefined;
    return row?.bytes ?? null;
  }

  putPicture(incidentId: string, pictureId: string, bytes: Buffer, now: number): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO incident_pictures (incident_id, picture_id, bytes, fetched_at)
         VALUES (?, ?, ?, ?)`,
      )
      .run(incidentId, pictureId, bytes, now);
  }

  // ---- unit statuses -----------------------------------------------------------------------

  /** Keeps a unit's status when it is not older than the one kept. True when stored. */
  putUnitStatus(status: UnitStatusMessage, receivedAt: number): boolean {
    const info = this.db
      .prepare(
        `INSERT INTO unit_statuses (unit_id, availability, activity, incident_id, order_id, at, received_at)
         VALUES (@unitId, @availability, @activity, @incidentId, @orderId, @at, @receivedAt)
         ON CONFLICT (unit_id) DO UPDATE SET availability = @availability, activity = @activity,
           incident_id = @incidentId, order_id = @orderId, at = @at, received_at = @receivedAt
         WHERE excluded.at >= unit_statuses.at`,
      )
      .run({
        unitId: status.unitId,
        availability: status.availability,
        activity: status.activity,
        incidentId: status.incidentId ?? null,
        orderId: status.orderId ?? null,
        at: status.at,
        receivedAt,
      });
    return info.changes > 0;
  }

  unitStatuses(): Map<string, UnitStatusMessage> {
    const rows = this.db.prepare('SELECT * FROM unit_statuses').all() as {
      unit_id: string;
      availability: UnitStatusMessage['availability'];
      activity: UnitStatusMessage['activity'];
      incident_id: string | null;
      order_id: string | null;
      at: number;
    }[];
    return new Map(
      rows.map((r) => [
        r.unit_id,
        {
          unitId: r.unit_id,
          availability: r.availability,
          activity: r.activity,
          ...(r.incident_id !== null && { incidentId: r.incident_id }),
          ...(r.order_id !== null && { orderId: r.order_id }),
          at: r.at,
        },
      ]),
    );
  }

  // ---- orders ------------------------------------------------------------------------------

  addOrder(order: NewOrder): void {
    this.db
      .prepare(
        `INSERT INTO orders (order_id, incident_id, unit_id, call_sign, ordered_at, by, lat, lng,
           ack_due_at, arrival_due_at, reinforcement, event_outbox_id, order_outbox_id)
         VALUES (@orderId, @incidentId, @unitId, @callSign, @orderedAt, @by, @lat, @lng,
           @ackDueAt, @arrivalDueAt, @reinforcement, @eventOutboxId, @orderOutboxId)`,
      )
      .run(order);
  }

  order(orderId: string): OrderRecord | null {
    const row = this.db.prepare(`${ORDER_SELECT} WHERE o.order_id = ?`).get(orderId) as
      OrderRow | undefined;
    return row ? orderFromRow(row) : null;
  }

  ordersOf(incidentId: string): OrderRecord[] {
    return (
      this.db
        .prepare(`${ORDER_SELECT} WHERE o.incident_id = ? ORDER BY o.ordered_at DESC`)
        .all(incidentId) as OrderRow[]
    ).map(orderFromRow);
  }

  /** Orders whose unit has not cleared and that were not refused, newest first. */
  openOrders(limit = 2000): OrderRecord[] {
    return (
      this.db
        .prepare(
          `${ORDER_SELECT} WHERE (o.progress IS NULL OR o.progress != 'cleared')
             AND ob.rejected_at IS NULL ORDER BY o.ordered_at DESC LIMIT ?`,
        )
        .all(limit) as OrderRow[]
    ).map(orderFromRow);
  }

  ordersByOutboxItem(outboxId: number): OrderRecord[] {
    return (
      this.db
        .prepare(`${ORDER_SELECT} WHERE o.order_outbox_id = ? OR o.event_outbox_id = ?`)
        .all(outboxId, outboxId) as OrderRow[]
    ).map(orderFromRow);
  }

  setProgress(orderId: string, progress: OrderProgress, at: number): boolean {
    const info = this.db
      .prepare(
        `UPDATE orders SET progress = @progress,
           acknowledged_at = COALESCE(acknowledged_at, @at),
           arrived_at = CASE WHEN @progress = 'arrived' THEN COALESCE(arrived_at, @at) ELSE arrived_at END,
           cleared_at = CASE WHEN @progress = 'cleared' THEN COALESCE(cleared_at, @at) ELSE cleared_at END
         WHERE order_id = @orderId AND (progress IS NULL OR progress != @progress)
           AND (progress IS NULL OR progress != 'cleared')`,
      )
      .run({ orderId, progress, at });
    return info.changes > 0;
  }
}
