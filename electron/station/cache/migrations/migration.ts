import type { Database } from 'better-sqlite3';

/** One schema version. `up` runs inside the migration transaction; it must not commit. */
export interface Migration {
  /** 1, 2, 3 …: becomes `PRAGMA user_version` once applied. */
  readonly version: number;
  /** What it changes, for the log. */
  readonly name: string;
  up(db: Database): void;
}
