/**
 * The audit log (electron/station/cache/audit-log.ts, migration 007): one `record(caller, …)`
 * writes every row with the operator and the window; rows are chained by hash, so a row changed
 * in the file behind the core's back (triggers dropped) is named by `verify()`; rows written
 * before 007 are chained by the migration, in order; the desk's filters and pages.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../../shared/api';
import { AuditLog } from '../../../../electron/station/cache/audit-log';
import { openDatabase, type CacheDatabase } from '../../../../electron/station/cache/database';
import { migrations } from '../../../../electron/station/cache/migrations';

let dir: string;
let file: string;
const open: CacheDatabase[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-audit-'));
  file = join(dir, 'vigil.db');
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const desk: Caller = { window: 'desk', operator: '张三', role: 'chief', signedIn: true };
const wall2: Caller = {
  window: 'wall',
  wallId: 2,
  operator: '张三',
  role: 'chief',
  signedIn: true,
};
const nobody: Caller = { window: 'desk', operator: '', role: 'watcher', signedIn: false };

function log(clock = { t: 1_700_000_000_000 }): { audit: AuditLog; db: CacheDatabase } {
  const db = openDatabase(file);
  open.push(db);
  return { db, audit: new AuditLog(db, () => (clock.t += 1000)) };
}

/** Opens the file as anyone could, without the core: drops the triggers and runs `sql`. */
function tamper(sql: string): void {
  const raw = new Database(file);
  raw.exec(`DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; ${sql}`);
  raw.close();
}

describe('the audit log', () => {
  it('records the operator, the role and the window; nobody signed in has no role', () => {
    const { audit } = log();
    audit.record(desk, 'wall.identify', null, { seconds: 5 });
    audit.record(wall2, 'rotation.pause', 'wall 2');
    audit.record(nobody, 'refused', 'mark.create', { why: 'sign in first' });
    expect(audit.list().map((r) => [r.operator, r.role, r.window, r.wallId, r.action])).toEqual([
      ['', null, 'desk', null, 'refused'],
      ['张三', 'chief', 'wall', 2, 'rotation.pause'],
      ['张三', 'chief', 'desk', null, 'wall.identify'],
    ]);
    expect(audit.list()[2]!.detail).toEqual({ seconds: 5 });
  });

  it('chains every row to the one before: intact, with the last hash to note down', async () => {
    const { audit, db } = log();
    expect(await audit.verify()).toMatchObject({ intact: true, rows: 0, lastId: null });
    for (let i = 0; i < 5; i++) audit.record(desk, 'wall.assign', `wall 1 tile ${i}`);
    const last = db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1').get();
    expect(await audit.verify()).toEqual({
      intact: true,
      rows: 5,
      lastId: (last as { id: number }).id,
      lastHash: (last as { hash: string }).hash,
    });
  });

  it('walks a long chain in slices, the core answering in between', async () => {
    const { audit, db } = log();
    db.transaction(() => {
      for (let i = 0; i < 4500; i++) audit.record(desk, 'x', String(i));
    })();
    let answered = false;
    const walking = audit.verify().then((status) => ({ status, answered }));
    setImmediate(() => (answered = true));
    expect(await walking).toEqual({
      status: expect.objectContaining({ intact: true, rows: 4500 }),
      answered: true,
    });
  });

  it('names a row changed in the file behind its back (the trigger dropped)', async () => {
    const { audit, db } = log();
    const ids = [1, 2, 3, 4].map((i) => audit.record(desk, 'mark.create', `cam-${i}`));
    db.close();
    tamper(`UPDATE audit SET subject = 'cam-9' WHERE id = ${ids[2]}`);
    const again = log().audit;
    expect(await again.verify()).toEqual({
      intact: false,
      rows: 2,
      brokenId: ids[2],
      reason: 'changed',
    });
  });

  it('a row rewritten with a fresh hash, or removed, breaks the link of the row after it', async () => {
    const { audit, db } = log();
    const ids = [1, 2, 3, 4, 5].map((i) => audit.record(desk, 'mark.create', `cam-${i}`));
    db.close();
    // Someone who knows the format recomputes row 2's hash: row 3 no longer links to it.
    const raw = new Database(file);
    const row = raw.prepare('SELECT * FROM audit WHERE id = ?').get(ids[1]) as {
      prev_hash: string;
    };
    raw.close();
    const { auditRowHash } = await import('../../../../electron/station/cache/audit-chain');
    const forged = {
      ...(row as unknown as Parameters<typeof auditRowHash>[1]),
      operator: '李四',
    };
    tamper(
      `UPDATE audit SET operator = '李四', hash = '${auditRowHash(row.prev_hash, forged)}' WHERE id = ${ids[1]}`,
    );
    expect(await log().audit.verify()).toMatchObject({
      intact: false,
      brokenId: ids[2],
      reason: 'unlinked',
    });
  });

  it('a deleted row breaks the link of the one after it', async () => {
    const { audit, db } = log();
    const ids = [1, 2, 3].map((i) => audit.record(desk, 'mark.create', `cam-${i}`));
    db.close();
    tamper(`DELETE FROM audit WHERE id = ${ids[1]}`);
    expect(await log().audit.verify()).toEqual({
      intact: false,
      rows: 1,
      brokenId: ids[2],
      reason: 'unlinked',
    });
  });

  it('a row recorded inside a transaction that rolls back leaves no gap in the chain', async () => {
    const { audit, db } = log();
    audit.record(desk, 'a', null);
    expect(() =>
      db.transaction(() => {
        audit.record(desk, 'b', null);
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    audit.record(desk, 'c', null);
    expect(audit.list().map((r) => r.action)).toEqual(['c', 'a']);
    expect(await audit.verify()).toMatchObject({ intact: true, rows: 2 });
  });

  it('tells the contract host whether a call recorded a row, call by call', async () => {
    const { audit } = log();
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const [a, b] = await Promise.all([
      audit.during(async () => {
        await later(5);
        return 'quiet';
      }),
      audit.during(async () => {
        await later(1);
        audit.record({ ...desk, operator: '新人' }, 'session.signIn', '新人');
        return 'recorded';
      }),
    ]);
    expect(a).toEqual({ value: 'quiet', recorded: false });
    expect(b).toEqual({ value: 'recorded', recorded: true });
  });

  it('filters by time, operator and action prefix (literal), and pages newest first', () => {
    const clock = { t: 1_700_000_000_000 };
    const { audit } = log(clock);
    const start = clock.t;
    for (let i = 0; i < 10; i++) {
      audit.record(
        { ...desk, operator: i % 2 ? '张三' : '李四' },
        i < 5 ? 'wall.assign' : 'tour.mark',
        `#${i}`,
      );
    }
    audit.record({ ...desk, operator: '王五' }, 'wallXassign', 'not a wall. action');
    const subjects = (rows: { subject: string | null }[]) => rows.map((r) => r.subject);
    expect(subjects(audit.query({ operator: '张三' }).rows)).toEqual([
      '#9',
      '#7',
      '#5',
      '#3',
      '#1',
    ]);
    expect(subjects(audit.query({ action: 'wall.' }).rows)).toEqual(['#4', '#3', '#2', '#1', '#0']);
    expect(audit.query({ action: 'Wall.' }).rows).toEqual([]);
    // Times: row i was written at start + (i + 1) s.
    expect(subjects(audit.query({ since: start + 3000, until: start + 6000 }).rows)).toEqual([
      '#4',
      '#3',
      '#2',
    ]);
    const first = audit.query({ limit: 4 });
    expect(subjects(first.rows)).toEqual(['not a wall. action', '#9', '#8', '#7']);
    const second = audit.query({ limit: 4, before: first.next! });
    expect(subjects(second.rows)).toEqual(['#6', '#5', '#4', '#3']);
    const last = audit.query({ limit: 4, before: second.next! });
    expect(subjects(last.rows)).toEqual(['#2', '#1', '#0']);
    expect(last.next).toBeNull();
    expect(subjects(audit.all({ operator: '李四', action: 'tour.' }))).toEqual(['#6', '#8']);
  });
});

describe('migration 007', () => {
  it('chains the rows written before it, in order, with the window their detail kept', async () => {
    const v6 = openDatabase(file, { migrations: migrations.slice(0, 6) });
    const insert = v6.prepare(
      'INSERT INTO audit (at, operator, role, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insert.run(
      1,
      '张三',
      'watcher',
      'wall.assign',
      'wall 1 tile 0',
      '{"cameraId":"c","window":"desk"}',
    );
    insert.run(2, '张三', 'watcher', 'tour.mark', 'c', '{"window":"wall","mark":"normal"}');
    insert.run(3, '', 'watcher', 'refused', 'mark.create', null);
    v6.close();

    const { audit, db } = log();
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(audit.list().map((r) => [r.id, r.action, r.window, r.detail])).toEqual([
      [3, 'refused', null, null],
      [2, 'tour.mark', 'wall', { window: 'wall', mark: 'normal' }],
      [1, 'wall.assign', 'desk', { cameraId: 'c', window: 'desk' }],
    ]);
    expect(await audit.verify()).toMatchObject({ intact: true, rows: 3, lastId: 3 });
    // New rows go on from the old chain, and the table is still append-only.
    expect(audit.record(desk, 'wall.identify', null)).toBe(4);
    expect(await audit.verify()).toMatchObject({ intact: true, rows: 4 });
    expect(() => db.prepare("UPDATE audit SET operator = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
  });
});
