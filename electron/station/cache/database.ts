/**
 * Opens the station's SQLite cache (better-sqlite3, one writer: the core).
 *
 * - WAL: readers never block the writer, and a commit is one append to the WAL.
 * - synchronous=FULL, on purpose: in WAL mode NORMAL already survives a crash or kill -9 of the
 *   app, but a power cut or OS crash may lose the last commits. The outbox holds operator actions
 *   ("nothing lost") and a command hall's workstation can lose power; FULL fsyncs the WAL at each
 *   commit. Operator actions are human-paced; the steady writer is unit positions, batched into
 *   one transaction every 250 ms (4 commits a second, ~100 rows each at 400 units), which the
 *   map-ingest bench measures with FULL (docs/benchmarks.md "Map: unit positions into the cache").
 * - foreign_keys on (SQLite ships with them off).
 * - busy_timeout: a second process (a CLI, a test) may read the file.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, migrations, type Migration } from './migrations';

export type CacheDatabase = Database.Database;

export interface OpenDatabaseOptions {
  migrations?: readonly Migration[];
  log?: (line: string) => void;
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): CacheDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations ?? migrations, options.log);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
