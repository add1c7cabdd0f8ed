/** Patrol marks a watcher made, each tied to the outbox item that delivers it. */
import type { PatrolMark, PatrolMarkRecord } from '../../../shared/api';
import type { CacheDatabase } from './database';

interface MarkRow {
  id: string;
  camera_id: string;
  mark: PatrolMark;
  note: string;
  operator: string;
  created_at: number;
  delivered_at: number | null;
}

export class MarkStore {
  constructor(private readonly db: CacheDatabase) {}

  insert(record: Omit<PatrolMarkRecord, 'delivered'>, outboxId: number): void {
    this.db
      .prepare(
        `INSERT INTO patrol_marks (id, camera_id, mark, note, operator, created_at, outbox_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.cameraId,
        record.mark,
        record.note,
        record.operator,
        record.createdAt,
        outboxId,
      );
  }

  /** Newest first. */
  list(limit: number): PatrolMarkRecord[] {
    const rows = this.db
      .prepare(`${SELECT} ORDER BY m.created_at DESC, m.rowid DESC LIMIT ?`)
      .all(limit) as MarkRow[];
    return rows.map(fromRow);
  }

  get(id: string): PatrolMarkRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as MarkRow | undefined;
    return row ? fromRow(row) : null;
  }
}

const SELECT = 'SELECT m.*, o.delivered_at FROM patrol_marks m JOIN outbox o ON o.id = m.outbox_id';

function fromRow(r: MarkRow): PatrolMarkRecord {
  return {
    id: r.id,
    cameraId: r.camera_id,
    mark: r.mark,
    note: r.note,
    operator: r.operator,
    createdAt: r.created_at,
    delivered: r.delivered_at !== null,
  };
}
