/**
 * Who did what, when: append-only (the table's triggers refuse UPDATE and DELETE, so not even a
 * bug in the core can rewrite history).
 */
import type { Role } from '../../../shared/api';
import type { CacheDatabase } from './database';

export interface AuditEntry {
  id: number;
  at: number;
  operator: string;
  role: Role;
  /** The method or action, e.g. "wall.assign", "mark.create". */
  action: string;
  /** What it was done to, e.g. a camera id or "wall 2 tile 3". */
  subject: string | null;
  detail: unknown;
}

export interface NewAuditEntry {
  at: number;
  operator: string;
  role: Role;
  action: string;
  subject?: string | null;
  detail?: unknown;
}

export class AuditLog {
  constructor(private readonly db: CacheDatabase) {}

  append(entry: NewAuditEntry): number {
    const info = this.db
      .prepare(
        'INSERT INTO audit (at, operator, role, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        entry.at,
        entry.operator,
        entry.role,
        entry.action,
        entry.subject ?? null,
        entry.detail === undefined ? null : JSON.stringify(entry.detail),
      );
    return Number(info.lastInsertRowid);
  }

  /** Newest first. */
  list(limit = 100): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit ORDER BY id DESC LIMIT ?')
      .all(limit) as (Omit<AuditEntry, 'detail'> & { detail: string | null })[];
    return rows.map((r) => ({
      ...r,
      detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
    }));
  }
}
