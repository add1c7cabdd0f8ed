/**
 * The one door (electron/station/contract-host.ts): the window may call the method, the operator
 * signed in at the station has the role it needs (shared/contract/access.ts), the input parses,
 * a wall names only its own wall, and every outcome is data. The role matrix runs every method of
 * the contract for every role (and nobody) from both window kinds.
 */
import { describe, expect, it, vi } from 'vitest';
import { isMethodName, methods, type CallerWindow, type Role } from '../../../shared/api';
import { access } from '../../../shared/contract/access';
import { VigilError } from '../../../shared/result';
import { ContractHost } from '../../../electron/station/contract-host';
import { matrixCases, passesDoor, refusedAtDoor, stubHandlers } from '../../shared/access-matrix';

const desk: CallerWindow = { window: 'desk' };
const wall1: CallerWindow = { window: 'wall', wallId: 1 };

const wallState = {
  wallId: 1,
  layout: {
    cols: 1,
    rows: 1,
    cells: [{ col: 0, row: 0, colSpan: 1, rowSpan: 1 }],
    layoutId: '1',
  },
  tiles: [],
};

const stubs = stubHandlers;

const signedIn =
  (role: Role | null, name = '张三') =>
  () =>
    role ? { name, role } : null;

describe('the contract host', () => {
  it('runs a good call and fills defaults from the schema (a mark without a note)', async () => {
    const create = vi.fn((input: { note: string }, caller: { operator: string }) => ({
      note: input.note,
      operator: caller.operator,
    }));
    const host = new ContractHost(stubs({ 'mark.create': create as never }), {
      session: signedIn('watcher', '李四'),
    });
    const result = await host.dispatch('mark.create', { cameraId: 'c1', mark: 'normal' }, wall1);
    expect(result).toEqual({ ok: true, value: { note: '', operator: '李四' } });
  });

  it('takes the operator from the session, never from the message', async () => {
    const seen: unknown[] = [];
    const host = new ContractHost(
      stubs({
        'mark.create': ((_input: unknown, caller: unknown) => seen.push(caller)) as never,
      }),
      { session: signedIn('watcher', '李四') },
    );
    // A transport that passed a whole Caller (a forged one) changes nothing.
    const forged = { window: 'desk', operator: '局长', role: 'admin', signedIn: true } as const;
    await host.dispatch('mark.create', { cameraId: 'c', mark: 'normal' }, forged);
    expect(seen).toEqual([{ window: 'desk', operator: '李四', role: 'watcher', signedIn: true }]);
  });

  it.each([
    [{ wallId: '1', tileIndex: 0, cameraId: 'c' }, 'wallId'],
    [{ wallId: 0, tileIndex: 0, cameraId: 'c' }, 'wallId'],
    [{ wallId: 1, tileIndex: -1, cameraId: 'c' }, 'tileIndex'],
    [{ wallId: 1, tileIndex: 0 }, 'cameraId'],
    [{ wallId: 1, tileIndex: 0, cameraId: 'x'.repeat(65) }, 'cameraId'],
    [null, ''],
    ['not an object', ''],
  ])('rejects a bad payload %j with bad-input naming the field', async (input, field) => {
    const assign = vi.fn();
    const host = new ContractHost(stubs({ 'wall.assign': assign }), {
      session: signedIn('chief'),
    });
    const result = await host.dispatch('wall.assign', input, desk);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    if (!result.ok) expect(result.error.message).toMatch(new RegExp(`^wall\\.assign: ${field}`));
    expect(assign).not.toHaveBeenCalled();
  });

  it('refuses unknown fields (a misspelt note is an error, not dropped)', async () => {
    const host = new ContractHost(stubs(), { session: signedIn('watcher') });
    const result = await host.dispatch(
      'mark.create',
      { cameraId: 'c', mark: 'normal', notes: 'typo' },
      desk,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('answers an unknown method, and a prototype key is not a method', async () => {
    const host = new ContractHost(stubs());
    expect(await host.dispatch('wall.explode', {}, desk)).toMatchObject({
      ok: false,
      error: { code: 'unknown-method', message: 'unknown method: wall.explode' },
    });
    for (const name of ['toString', '__proto__', 'constructor']) {
      expect(isMethodName(name)).toBe(false);
      expect(await host.dispatch(name, {}, desk)).toMatchObject({
        error: { code: 'unknown-method' },
      });
    }
    expect(await host.dispatch(42, {}, desk)).toMatchObject({ ok: false });
  });

  it('turns a VigilError into data and a bug into internal, without crashing', async () => {
    const onInternalError = vi.fn();
    const host = new ContractHost(
      stubs({
        'wall.get': ({ wallId }) => {
          throw new VigilError('not-found', `there is no wall ${wallId}`);
        },
        'link.get': () => {
          throw new TypeError('boom');
        },
        'wall.list': () => [wallState],
      }),
      { onInternalError },
    );
    expect(await host.dispatch('wall.get', { wallId: 9 }, desk)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'there is no wall 9' },
    });
    expect(await host.dispatch('link.get', {}, desk)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'link.get failed: boom' },
    });
    expect(onInternalError).toHaveBeenCalledOnce();
    expect(await host.dispatch('wall.list', undefined, wall1)).toEqual({
      ok: true,
      value: [wallState],
    });
  });

  it('has an access row for every method, and every row names a method', () => {
    expect(Object.keys(access).sort()).toEqual(Object.keys(methods).sort());
  });
});

describe('who may do what: every method × every role × both window kinds', () => {
  const cases = matrixCases().map((c) => [c.method, c.role, c.from.window, c] as const);

  it.each(cases)('%s as %s from the %s', async (method, role, _kind, c) => {
    const host = new ContractHost(stubs(), { session: signedIn(role) });
    const result = await host.dispatch(method, {}, c.from);
    // Through the door, the input is checked next (most want more than {}): not 'forbidden'.
    expect(refusedAtDoor(result)).toBe(!passesDoor(c));
  });

  it('names the role a method needs and who is signed in, in the refusal', async () => {
    const onRefused = vi.fn();
    const host = new ContractHost(stubs(), { session: signedIn('watcher', '王五'), onRefused });
    const result = await host.dispatch('tour.save', {}, desk);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'tour.save needs a duty chief; 王五 is a watcher' },
    });
    expect(onRefused).toHaveBeenCalledWith('tour.save', expect.anything(), expect.any(String));
    const nobody = new ContractHost(stubs());
    expect(await nobody.dispatch('mark.create', {}, desk)).toMatchObject({
      error: { message: expect.stringContaining('sign in') },
    });
  });
});

describe('a locked desk', () => {
  it('acts for nobody until opened, while the walls go on for the operator', async () => {
    const host = new ContractHost(stubs(), {
      session: () => ({ name: '李四', role: 'chief', locked: true }),
    });
    expect(await host.dispatch('wall.assign', {}, desk)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('the desk is locked') },
    });
    // Reads anyone may make, and the ways back in, still pass the door.
    expect(await host.dispatch('wall.list', {}, desk)).toEqual({ ok: true, value: 'ran' });
    for (const m of ['session.unlock', 'session.handover', 'session.signOut'] as const) {
      const result = await host.dispatch(m, {}, desk);
      expect(result.ok || result.error.code !== 'forbidden').toBe(true);
    }
    // A wall keyed by the watcher is not the desk: its marks still count.
    expect(await host.dispatch('tour.mark', {}, wall1)).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
  });
});

describe('a wall window acts on its own wall only', () => {
  const ownWallMethods = Object.entries(access)
    .filter(([, rule]) => rule.ownWall)
    .map(([method]) => method);

  it('covers the wall-side methods that name a wall', () => {
    expect(ownWallMethods.sort()).toEqual(
      [
        'analysis.wallProduct',
        'rotation.hold',
        'rotation.next',
        'rotation.pause',
        'rotation.previous',
        'rotation.resume',
        'tile.follow',
        'tile.live',
        'tile.playback',
        'wall.reportTiles',
      ].sort(),
    );
  });

  const inputs: Record<string, (wallId: number) => unknown> = {
    'analysis.wallProduct': (wallId) => ({ wallId }),
    'rotation.hold': (wallId) => ({ wallId, reason: 'enlarge', on: true }),
    'rotation.next': (wallId) => ({ wallId }),
    'rotation.pause': (wallId) => ({ wallId }),
    'rotation.previous': (wallId) => ({ wallId }),
    'rotation.resume': (wallId) => ({ wallId }),
    'tile.follow': (wallId) => ({ wallId, tileIndex: 0, cameraId: 'c' }),
    'tile.live': (wallId) => ({ wallId, tileIndexes: [0] }),
    'tile.playback': (wallId) => ({
      wallId,
      tileIndexes: [0],
      startMs: 1_700_000_000_000,
      endMs: 1_700_000_060_000,
    }),
    'wall.reportTiles': (wallId) => ({ wallId, tiles: [] }),
  };

  it.each(Object.keys(inputs))('%s: own wall yes, another wall no, the desk any', async (m) => {
    if (!isMethodName(m)) throw new Error(m);
    const host = new ContractHost(stubs(), { session: signedIn('watcher') });
    const input = inputs[m]!;
    expect(await host.dispatch(m, input(1), wall1)).toEqual({ ok: true, value: 'ran' });
    expect(await host.dispatch(m, input(2), wall1)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('own wall') },
    });
    if (methods[m].callers.includes('desk')) {
      expect(await host.dispatch(m, input(2), desk)).toEqual({ ok: true, value: 'ran' });
    }
  });
});
