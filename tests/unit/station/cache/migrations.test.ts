import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../electron/station/cache/audit-log';
import { openDatabase } from '../../../../electron/station/cache/database';
import {
  DatabaseTooNewError,
  checkMigrationOrder,
  latestVersion,
  migrate,
  migrations,
  type Migration,
} from '../../../../electron/station/cache/migrations';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-db-'));
  file = join(dir, 'vigil.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: Database.Database): string[] =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1, 2, 3 … in order', () => {
    expect(() => checkMigrationOrder(migrations)).not.toThrow();
    const bad: Migration[] = [
      { version: 1, name: 'a', up: () => {} },
      { version: 3, name: 'c', up: () => {} },
    ];
    expect(() => checkMigrationOrder(bad)).toThrow(/position 1 has version 3, expected 2/);
  });

  it('build a fresh database in WAL with foreign keys, user_version set', () => {
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'areas',
        'audit',
        'cameras',
        'meta',
        'outbox',
        'patrol_marks',
        'wall_tiles',
        'walls',
      ]),
    );
    db.close();
  });

  it('re-open is idempotent and keeps the data', () => {
    const db = openDatabase(file);
    db.prepare("INSERT INTO meta (key, value) VALUES ('x', 'y')").run();
    db.close();
    const again = openDatabase(file);
    expect(migrate(again).applied).toEqual([]);
    expect(again.prepare("SELECT value FROM meta WHERE key = 'x'").get()).toEqual({ value: 'y' });
    again.close();
  });

  it('refuses a database from a newer app', () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestVersion() + 5}`);
    raw.close();
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseTooNewError);
    expect((caught as Error).message).toMatch(/written by a newer Vigil/);
    expect((caught as Error).message).toContain(file);
  });

  it('a failing migration rolls back every pending one', () => {
    const list: Migration[] = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'adds a table',
        up: (db) => db.exec('CREATE TABLE extra (x INTEGER)'),
      },
      {
        version: migrations.length + 2,
        name: 'fails',
        up: (db) => db.exec('CREATE TABLE nope (x INTEGER); SELECT * FROM no_such_table'),
      },
    ];
    expect(() => openDatabase(file, { migrations: list })).toThrow(/no_such_table/);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(raw)).toEqual([]);
    raw.close();

    // From an existing version too: v1 stays v1, nothing of v2/v3 remains.
    openDatabase(file).close();
    expect(() => openDatabase(file, { migrations: list })).toThrow(/no_such_table/);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(tables(after)).not.toContain('extra');
    after.close();
  });

  it('the audit log is append-only', () => {
    const db = openDatabase(file);
    new AuditLog(db).record(
      { window: 'desk', operator: 'a', role: 'watcher', signedIn: true },
      'x',
      null,
    );
    expect(() => db.prepare("UPDATE audit SET operator = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    db.close();
  });
});
