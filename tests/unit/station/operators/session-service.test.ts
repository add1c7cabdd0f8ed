/**
 * Operators and the station's session (issue #11 item 1): a first administrator only on an empty
 * station, the lock after five wrong passwords, no account told apart by its answer, the last
 * administrator kept, a session that survives a restart, and a shift handed over with its open
 * items in the record.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../../shared/api';
import type { HandoverItems, SessionState } from '../../../../shared/contract/session';
import { AuditLog } from '../../../../electron/station/cache/audit-log';
import { openDatabase, type CacheDatabase } from '../../../../electron/station/cache/database';
import { OperatorStore } from '../../../../electron/station/cache/operator-store';
import { lockMs, SessionService } from '../../../../electron/station/operators/session-service';
import { hashPassword, verifyPassword } from '../../../../electron/station/operators/password';

const desk: Caller = { window: 'desk', operator: '', role: 'watcher', signedIn: false };
const noItems: HandoverItems = { tourRuns: [], pins: [], pulls: [], pendingOutbox: 0 };

function service(db: CacheDatabase, clock: { now: number }, demo = false, items = noItems) {
  const changes: SessionState[] = [];
  const sessions = new SessionService({
    store: new OperatorStore(db),
    audit: new AuditLog(db),
    demo,
    now: () => clock.now,
    onChanged: (state) => changes.push(state),
    onOperators: () => {},
    openItems: () => items,
  });
  return { sessions, changes, audit: new AuditLog(db) };
}

const forbidden = (message: string | RegExp) =>
  expect.objectContaining({ code: 'forbidden', message: expect.stringMatching(message) });

describe('passwords', () => {
  it('are salted scrypt hashes that verify only the right password', async () => {
    const a = await hashPassword('секрет 密码');
    const b = await hashPassword('секрет 密码');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b); // a salt per hash
    expect(await verifyPassword('секрет 密码', a)).toBe(true);
    expect(await verifyPassword('секрет 密码 ', a)).toBe(false);
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$999999999$8$1$AA$AA')).toBe(false);
  });
});

describe('the station session', () => {
  it('makes the first administrator once, then only sign-in', async () => {
    const db = openDatabase(':memory:');
    const clock = { now: 1_000 };
    const { sessions } = service(db, clock);
    expect(sessions.state()).toEqual({ operator: null, accounts: false, demo: [] });
    const state = await sessions.setup('所长', 'admin-1234', desk);
    expect(state.operator).toEqual({ name: '所长', role: 'admin', since: 1_000, locked: false });
    await expect(sessions.setup('黑客', 'hack-1234', desk)).rejects.toEqual(
      forbidden('already has accounts'),
    );
    expect(sessions.list().map((o) => o.name)).toEqual(['所长']);
  });

  it('locks an account after five wrong passwords, and an unknown name answers alike', async () => {
    const db = openDatabase(':memory:');
    const clock = { now: 1_000 };
    const { sessions, audit } = service(db, clock);
    await sessions.setup('所长', 'admin-1234', desk);
    const admin = { ...desk, operator: '所长', role: 'admin' as const, signedIn: true };
    await sessions.save(
      { name: '李四', role: 'watcher', password: 'li-1234', disabled: false },
      admin,
    );
    await expect(sessions.signIn('无此人', 'whatever', desk)).rejects.toEqual(
      forbidden(/^wrong name or password$/),
    );
    for (let i = 0; i < 4; i++) {
      await expect(sessions.signIn('李四', 'bad', desk)).rejects.toEqual(
        forbidden(/^wrong name or password$/),
      );
    }
    await expect(sessions.signIn('李四', 'bad', desk)).rejects.toEqual(forbidden('now locked'));
    // Locked: even the right password waits.
    await expect(sessions.signIn('李四', 'li-1234', desk)).rejects.toEqual(forbidden('is locked'));
    expect(sessions.current()?.name).toBe('所长');
    clock.now += lockMs + 1;
    const state = await sessions.signIn('李四', 'li-1234', desk);
    expect(state.operator).toMatchObject({ name: '李四', role: 'watcher' });
    const actions = audit.list(50).map((r) => `${r.action}:${r.subject}`);
    expect(actions.filter((a) => a === 'session.signIn.failed:李四')).toHaveLength(6);
    expect(actions.filter((a) => a === 'session.signIn:李四')).toHaveLength(1);
  });

  it('keeps the last active administrator, and a disabled account cannot sign in', async () => {
    const db = openDatabase(':memory:');
    const { sessions } = service(db, { now: 1 });
    await sessions.setup('所长', 'admin-1234', desk);
    const admin = { ...desk, operator: '所长', role: 'admin' as const, signedIn: true };
    await expect(
      sessions.save({ name: '所长', role: 'chief', disabled: false }, admin),
    ).rejects.toEqual(forbidden('at least one administrator'));
    await expect(
      sessions.save({ name: '新人', role: 'watcher', disabled: false }, admin),
    ).rejects.toMatchObject({ code: 'bad-input' });
    await sessions.save(
      { name: '王五', role: 'chief', password: 'wang-1234', disabled: true },
      admin,
    );
    await expect(sessions.signIn('王五', 'wang-1234', desk)).rejects.toEqual(forbidden('disabled'));
  });

  it('survives a restart of the core, and the role is the account’s current one', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-session-')), 'vigil.db');
    const clock = { now: 5 };
    let db = openDatabase(file);
    let { sessions } = service(db, clock);
    await sessions.setup('所长', 'admin-1234', desk);
    const admin = { ...desk, operator: '所长', role: 'admin' as const, signedIn: true };
    await sessions.save(
      { name: '赵六', role: 'admin', password: 'zhao-1234', disabled: false },
      admin,
    );
    await sessions.signIn('赵六', 'zhao-1234', desk);
    db.close();
    db = openDatabase(file);
    ({ sessions } = service(db, clock));
    expect(sessions.current()).toMatchObject({ name: '赵六', role: 'admin' });
    // Demoted while signed in: the next call sees the new role.
    await sessions.save({ name: '赵六', role: 'watcher', disabled: false }, admin);
    expect(sessions.current()).toMatchObject({ name: '赵六', role: 'watcher' });
    db.close();
  });

  it('hands a shift over: the incoming operator proves who they are, the record keeps it all', async () => {
    const db = openDatabase(':memory:');
    const clock = { now: Date.UTC(2026, 11, 2, 23, 0) };
    const items: HandoverItems = {
      tourRuns: [
        { runId: 'r1', tourName: '河道夜巡', wallId: 1, watcher: '值机员', marked: 3, stops: 8 },
      ],
      pins: [],
      pulls: [{ alertId: 'a1', title: '卡口比中', wallId: 2, kept: true }],
      pendingOutbox: 2,
    };
    const { sessions } = service(db, clock, true, items);
    await sessions.init();
    await sessions.signIn('值机员', 'vigil', desk);
    const on = { ...desk, operator: '值机员', signedIn: true };
    await expect(
      sessions.handover({ name: '值机员', password: 'vigil', note: '' }, on),
    ).rejects.toMatchObject({ code: 'bad-input' });
    await expect(
      sessions.handover({ name: '值班长', password: 'wrong', note: '' }, on),
    ).rejects.toEqual(forbidden('wrong name or password'));
    expect(sessions.current()?.name).toBe('值机员');
    clock.now += 60_000;
    const result = await sessions.handover(
      { name: '值班长', password: 'vigil', note: '3 号点位画面偏暗' },
      on,
    );
    expect(result.operator).toMatchObject({ name: '值班长', role: 'chief' });
    expect(result.handover).toEqual({
      at: clock.now,
      from: '值机员',
      to: '值班长',
      note: '3 号点位画面偏暗',
      items,
    });
    expect(sessions.handovers(5)).toEqual([result.handover]);
  });

  it('locks the desk and opens it only with the operator’s own password', async () => {
    const db = openDatabase(':memory:');
    const { sessions } = service(db, { now: 1 }, true);
    await sessions.init();
    await sessions.signIn('值机员', 'vigil', desk);
    const on = { ...desk, operator: '值机员', signedIn: true };
    expect(sessions.lock(on).operator).toMatchObject({ name: '值机员', locked: true });
    expect(sessions.current()?.locked).toBe(true);
    await expect(sessions.unlock('wrong', on)).rejects.toEqual(forbidden('wrong name or password'));
    expect(sessions.current()?.locked).toBe(true);
    // Another operator's password is no key to this desk: they take over instead.
    await expect(sessions.unlock('vigil-but-not', on)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await sessions.unlock('vigil', on)).operator).toMatchObject({ locked: false });
    sessions.lock(on);
    const taken = await sessions.handover({ name: '值班长', password: 'vigil', note: '' }, on);
    expect(taken.operator).toMatchObject({ name: '值班长', locked: false });
  });

  it('seeds the demo accounts only on a demo station', async () => {
    const demo = service(openDatabase(':memory:'), { now: 1 }, true).sessions;
    await demo.init();
    expect(demo.state().demo.map((a) => a.role)).toEqual(['watcher', 'chief', 'admin']);
    expect(demo.list()).toHaveLength(3);
    const real = service(openDatabase(':memory:'), { now: 1 }, false).sessions;
    await real.init();
    expect(real.state()).toMatchObject({ accounts: false, demo: [] });
  });
});
