/**
 * The record kept at the one door (issue #11 item 6, #12 item 5): every method of the contract is
 * a `read` or an `act` (shared/contract/access.ts); the contract host records one row for every
 * act that succeeds, with the operator and the window, none for a read, none when the service
 * recorded its own during the call (no double rows), one for every refusal, none for a failure.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { methods, type Caller, type CallerWindow, type MethodName } from '../../../shared/api';
import { access } from '../../../shared/contract/access';
import { VigilError } from '../../../shared/result';
import { AuditLog } from '../../../electron/station/cache/audit-log';
import { openDatabase } from '../../../electron/station/cache/database';
import { ContractHost, type Handlers } from '../../../electron/station/contract-host';
import { callDetail, callSubject } from '../../../electron/station/call-summary';

const desk: CallerWindow = { window: 'desk' };
const wall1: CallerWindow = { window: 'wall', wallId: 1 };

function stubs(overrides: Partial<Handlers> = {}): Handlers {
  const all = Object.fromEntries(Object.keys(methods).map((m) => [m, () => 'ran']));
  return { ...all, ...overrides } as unknown as Handlers;
}

function setup(overrides: Partial<Handlers> = {}, role: 'watcher' | 'admin' = 'admin') {
  const db = openDatabase(':memory:');
  const audit = new AuditLog(db);
  const host = new ContractHost(stubs(overrides), {
    session: () => ({ name: '张三', role }),
    audit,
  });
  return { audit, host, db };
}

afterEach(() => vi.restoreAllMocks());

describe('the record at the door', () => {
  it('every method has decided whether it acts; the acts include the ones issue #11 named', () => {
    for (const rule of Object.values(access)) expect(['read', 'act']).toContain(rule.kind);
    const acts = Object.entries(access).filter(([, r]) => r.kind === 'act');
    expect(acts.map(([m]) => m)).toEqual(
      expect.arrayContaining([
        'rotation.pause',
        'wall.identify',
        'coverage.plan',
        'tourRun.exportCsv',
        'tracks.exportGpx',
        'audit.exportCsv',
      ]),
    );
  });

  it.each(Object.keys(methods) as MethodName[])(
    '%s: one row with the operator and the window if it acts, none if it reads',
    async (method) => {
      // Any input passes here (the schemas have their own tests): the door's record is the point.
      const schema = methods[method].input as unknown as { safeParse: (input: unknown) => unknown };
      vi.spyOn(schema, 'safeParse').mockReturnValue({ success: true, data: { wallId: 1 } });
      const { audit, host } = setup();
      const from = methods[method].callers.includes('desk') ? desk : wall1;
      expect(await host.dispatch(method, {}, from)).toEqual({ ok: true, value: 'ran' });
      const rows = audit.list();
      if (access[method].kind === 'read') {
        expect(rows).toEqual([]);
      } else {
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          action: method,
          operator: '张三',
          role: 'admin',
          window: from.window,
          wallId: from.window === 'wall' ? 1 : null,
          subject: 'wall 1',
          detail: { wallId: 1 },
        });
      }
    },
  );

  it('leaves the row to a service that recorded its own during the call (no double row)', async () => {
    let audit: AuditLog | null = null;
    const assign = async (_input: unknown, caller: Caller) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      audit!.record(caller, 'wall.assign', 'wall 1 tile 0', { cameraId: 'c1' });
      return 'assigned';
    };
    const made = setup({ 'wall.assign': assign as never });
    audit = made.audit;
    const input = { wallId: 1, tileIndex: 0, cameraId: 'c1' };
    // Two at once: the quiet one (identify) still gets its row from the host.
    await Promise.all([
      made.host.dispatch('wall.assign', input, desk),
      made.host.dispatch('wall.identify', { seconds: 3 }, desk),
    ]);
    expect(made.audit.list().map((r) => [r.action, r.subject, r.detail])).toEqual(
      expect.arrayContaining([
        ['wall.assign', 'wall 1 tile 0', { cameraId: 'c1' }],
        ['wall.identify', null, { seconds: 3 }],
      ]),
    );
    expect(made.audit.list()).toHaveLength(2);
  });

  it('records a refusal with who and why; a failed act and a bad input leave no row', async () => {
    const { audit, host } = setup(
      {
        'wall.identify': () => {
          throw new VigilError('not-found', 'no walls');
        },
      },
      'watcher',
    );
    expect(await host.dispatch('tour.save', {}, desk)).toMatchObject({ ok: false });
    expect(await host.dispatch('wall.identify', { seconds: 3 }, desk)).toMatchObject({
      error: { code: 'not-found' },
    });
    expect(await host.dispatch('wall.assign', { wallId: 'x' }, desk)).toMatchObject({
      error: { code: 'bad-input' },
    });
    expect(await host.dispatch('rotation.pause', { wallId: 2 }, wall1)).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(audit.list().map((r) => [r.action, r.subject, r.window, r.wallId, r.detail])).toEqual([
      [
        'refused',
        'rotation.pause',
        'wall',
        1,
        { why: 'wall 1 may act only on its own wall, not wall 2' },
      ],
      [
        'refused',
        'tour.save',
        'desk',
        null,
        { why: 'tour.save needs a duty chief; 张三 is a watcher' },
      ],
    ]);
  });

  it('never keeps a password, and keeps a picture as its size', async () => {
    const { audit, host } = setup();
    await host.dispatch(
      'operator.save',
      { name: '李四', role: 'watcher', password: 'hunter22' },
      desk,
    );
    expect(audit.list()[0]).toMatchObject({
      action: 'operator.save',
      subject: '李四',
      detail: { name: '李四', role: 'watcher', password: '[not recorded]', disabled: false },
    });
    expect(JSON.stringify(audit.list())).not.toContain('hunter22');
    expect(callDetail({ snapshot: { jpeg: '/9j/aaaa' }, ids: Array(30).fill('x') })).toEqual({
      snapshot: '[19 bytes]',
      ids: [...Array(20).fill('x'), '… +10'],
    });
    expect(callSubject({ wallId: 2, tileIndex: 3 })).toBe('wall 2 tile 3');
    expect(callSubject({ runId: 'r1' })).toBe('r1');
    expect(callSubject({ since: 1 })).toBeNull();
  });

  it('a row that cannot be written is reported as a bug; the act it records still answers', async () => {
    const onInternalError = vi.fn();
    const db = openDatabase(':memory:');
    const audit = new AuditLog(db);
    const host = new ContractHost(stubs(), {
      session: () => ({ name: '张三', role: 'admin' }),
      audit,
      onInternalError,
    });
    db.close();
    expect(await host.dispatch('wall.identify', { seconds: 3 }, desk)).toEqual({
      ok: true,
      value: 'ran',
    });
    expect(onInternalError).toHaveBeenCalledWith('audit', expect.any(Error));
  });
});
