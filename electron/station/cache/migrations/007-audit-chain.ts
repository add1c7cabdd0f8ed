/**
 * The audit log chained by hash (issue #11 item 6): each row gets the window it came from
 * (`window_kind`, `wall_id`) and `prev_hash` / `hash` (electron/station/cache/audit-chain.ts), so
 * a row changed in the file is found by `AuditLog.verify()`. The table is rebuilt (SQLite cannot
 * add NOT NULL columns without a default), the rows written before this version chained in id
 * order with their window read from the detail they kept it in, and the append-only triggers put
 * back on the new table. `role` may be NULL from now on: a call with nobody signed in.
 */
import { auditRowHash, genesisHash, type ChainedFields } from '../audit-chain';
import type { Migration } from './migration';

interface OldRow {
  id: number;
  at: number;
  operator: string;
  role: string;
  action: string;
  subject: string | null;
  detail: string | null;
}

const windowOf = (detail: string | null): string | null => {
  if (detail === null) return null;
  try {
    const window = (JSON.parse(detail) as { window?: unknown } | null)?.window;
    return window === 'desk' || window === 'wall' ? window : null;
  } catch {
    return null;
  }
};

export const migration007: Migration = {
  version: 7,
  name: 'audit: the window, and rows chained by hash',
  up(db) {
    db.exec(`
      CREATE TABLE audit_chained (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        at          INTEGER NOT NULL,
        operator    TEXT NOT NULL,
        role        TEXT CHECK (role IS NULL OR role IN ('watcher', 'chief', 'admin')),
        window_kind TEXT CHECK (window_kind IS NULL OR window_kind IN ('desk', 'wall')),
        wall_id     INTEGER,
        action      TEXT NOT NULL,
        subject     TEXT,
        detail      TEXT CHECK (detail IS NULL OR json_valid(detail)),
        prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash        TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
    `);
    const insert = db.prepare(
      `INSERT INTO audit_chained
         (id, at, operator, role, window_kind, wall_id, action, subject, detail, prev_hash, hash)
       VALUES (@id, @at, @operator, @role, @window_kind, @wall_id, @action, @subject, @detail,
               @prev_hash, @hash)`,
    );
    const old = db.prepare('SELECT * FROM audit ORDER BY id').all() as OldRow[];
    let prev = genesisHash;
    for (const row of old) {
      const fields: ChainedFields = { ...row, window_kind: windowOf(row.detail), wall_id: null };
      const hash = auditRowHash(prev, fields);
      insert.run({ ...fields, prev_hash: prev, hash });
      prev = hash;
    }
    db.exec(`
      DROP TABLE audit;
      ALTER TABLE audit_chained RENAME TO audit;
      CREATE INDEX audit_at ON audit (at);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
    `);
  },
};
