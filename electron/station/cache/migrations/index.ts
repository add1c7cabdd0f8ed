/**
 * Schema migrations, as Signal-Desktop runs them (ts/sql/migrations/index.node.ts): one file per
 * version, versions checked to only go up, every pending migration applied in ONE transaction
 * (a failure leaves the database exactly as it was), `PRAGMA user_version` set inside it, a
 * database written by a newer app refused, and `PRAGMA optimize` afterwards.
 */
import type { Database } from 'better-sqlite3';
import { migration001 } from './001-initial';
import { migration002 } from './002-wall';
import { migration003 } from './003-map';
import { migration004 } from './004-watch';
import { migration005 } from './005-tour-snapshots';
import { migration006 } from './006-operators';
import { migration007 } from './007-audit-chain';
import { migration008 } from './008-alerts';
import { migration009 } from './009-dispatch';
import { migration010 } from './010-outbox-noted';
import { migration011 } from './011-health';
import { migration012 } from './012-analysis';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration, oldest first. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
];

/** The database was written by a newer Vigil: opening it could corrupt what that one wrote. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${file}: the cache has schema version ${found}, this Vigil knows up to ${supported}; ` +
        `it was written by a newer Vigil. Update Vigil, or move the file away to start a new cache.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function latestVersion(list: readonly Migration[] = migrations): number {
  return list[list.length - 1]?.version ?? 0;
}

/** Throws if the list is not 1, 2, 3 … in order (a programming error, caught by the tests). */
export function checkMigrationOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `migrations out of order: position ${i} has version ${m.version}, expected ${i + 1}`,
      );
    }
  });
}

export interface MigrateResult {
  from: number;
  to: number;
  applied: string[];
}

export function migrate(
  db: Database,
  list: readonly Migration[] = migrations,
  log: (line: string) => void = () => {},
): MigrateResult {
  checkMigrationOrder(list);
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(list);
  if (from > latest) throw new DatabaseTooNewError(db.name, from, latest);
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, applied: [] };
  db.transaction(() => {
    for (const m of pending) {
      log(`cache: migrating to version ${m.version} (${m.name})`);
      m.up(db);
      // user_version lives in the file header and is part of the transaction.
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  db.pragma('optimize');
  return { from, to: latest, applied: pending.map((m) => m.name) };
}
