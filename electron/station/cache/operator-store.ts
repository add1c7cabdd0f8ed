/**
 * Operator accounts and the station's session in the cache (migration 006).
 */
import type { Role } from '../../../shared/api';
import type { Handover, OperatorAccount, SignedInOperator } from '../../../shared/contract/session';
import type { CacheDatabase } from './database';

interface OperatorRow {
  name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: number;
  failures: number;
  locked_until: number | null;
}

const toAccount = (row: OperatorRow): OperatorAccount => ({
  name: row.name,
  role: row.role,
  disabled: row.disabled === 1,
  createdAt: row.created_at,
  failures: row.failures,
  lockedUntil: row.locked_until,
});

export class OperatorStore {
  constructor(private readonly db: CacheDatabase) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM operators').get() as { n: number }).n;
  }

  list(): OperatorAccount[] {
    return (this.db.prepare('SELECT * FROM operators ORDER BY name').all() as OperatorRow[]).map(
      toAccount,
    );
  }

  get(name: string): (OperatorAccount & { passwordHash: string }) | null {
    const row = this.db.prepare('SELECT * FROM operators WHERE name = ?').get(name) as
      OperatorRow | undefined;
    return row ? { ...toAccount(row), passwordHash: row.password_hash } : null;
  }

  create(name: string, role: Role, passwordHash: string, at: number): void {
    this.db
      .prepare('INSERT INTO operators (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(name, role, passwordHash, at);
  }

  update(name: string, change: { role: Role; disabled: boolean; passwordHash?: string }): void {
    this.db
      .prepare(
        `UPDATE operators SET role = ?, disabled = ?,
           password_hash = coalesce(?, password_hash),
           failures = CASE WHEN ? IS NULL THEN failures ELSE 0 END,
           locked_until = CASE WHEN ? IS NULL THEN locked_until ELSE NULL END
         WHERE name = ?`,
      )
      .run(
        change.role,
        change.disabled ? 1 : 0,
        change.passwordHash ?? null,
        change.passwordHash ?? null,
        change.passwordHash ?? null,
        name,
      );
  }

  recordFailure(name: string, failures: number, lockedUntil: number | null): void {
    this.db
      .prepare('UPDATE operators SET failures = ?, locked_until = ? WHERE name = ?')
      .run(failures, lockedUntil, name);
  }

  clearFailures(name: string): void {
    this.db
      .prepare('UPDATE operators SET failures = 0, locked_until = NULL WHERE name = ?')
      .run(name);
  }

  /** Who is signed in (the account's current role), or null. */
  session(): SignedInOperator | null {
    const row = this.db
      .prepare(
        `SELECT o.name AS name, o.role AS role, s.since AS since, s.locked AS locked
           FROM session s JOIN operators o ON o.name = s.operator
          WHERE s.id = 1 AND o.disabled = 0`,
      )
      .get() as (Omit<SignedInOperator, 'locked'> & { locked: number }) | undefined;
    return row ? { ...row, locked: row.locked === 1 } : null;
  }

  setLocked(locked: boolean): void {
    this.db.prepare('UPDATE session SET locked = ? WHERE id = 1').run(locked ? 1 : 0);
  }

  setSession(name: string | null, since: number): void {
    if (name === null) this.db.prepare('DELETE FROM session').run();
    else {
      this.db
        .prepare(
          `INSERT INTO session (id, operator, since, locked) VALUES (1, ?, ?, 0)
           ON CONFLICT (id) DO UPDATE SET operator = excluded.operator, since = excluded.since,
             locked = 0`,
        )
        .run(name, since);
    }
  }

  /** The last shift changes, newest first, as the audit keeps them. */
  handovers(limit: number): Handover[] {
    const rows = this.db
      .prepare(
        `SELECT detail FROM audit WHERE action = 'session.handover' AND detail IS NOT NULL
          ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as { detail: string }[];
    return rows.map((r) => {
      const d = JSON.parse(r.detail) as Handover & { window?: string };
      return { at: d.at, from: d.from, to: d.to, note: d.note, items: d.items };
    });
  }
}
