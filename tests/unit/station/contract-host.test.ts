import { describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../../shared/api';
import { VigilError } from '../../../shared/result';
import { ContractHost, type Handlers } from '../../../electron/station/contract-host';
import { placeholderMapHandlers } from '../../../electron/station/map/map-handlers';
import { placeholderWatchHandlers } from '../../../electron/station/watch/watch-capability';
import { placeholderWallHandlers } from '../../../electron/station/wall/wall-handlers';
import { placeholderTileHandlers } from '../../../electron/station/wall/playback-service';

const desk: Caller = { window: 'desk', operator: '张三', role: 'watcher' };
const wall: Caller = { window: 'wall', wallId: 1, operator: '张三', role: 'watcher' };

const notCalled = () => {
  throw new Error('handler must not run');
};
const handlers = (overrides: Partial<Handlers> = {}): Handlers => ({
  'catalog.get': notCalled,
  'link.get': notCalled,
  'station.info': notCalled,
  'wall.list': () => [],
  'wall.get': notCalled,
  'wall.assign': notCalled,
  'mark.create': notCalled,
  'mark.list': notCalled,
  'outbox.status': () => ({ pending: 0, delivered: 0, lastError: null }),
  'events.since': notCalled,
  ...placeholderMapHandlers(),
  ...placeholderWatchHandlers(),
  ...placeholderWallHandlers(),
  ...placeholderTileHandlers(),
  ...overrides,
});

describe('ContractHost', () => {
  it('answers a bad payload with bad-input naming the field', async () => {
    const host = new ContractHost(handlers());
    const r = await host.dispatch('wall.assign', { wallId: 0, tileIndex: 1, cameraId: 'c' }, desk);
    expect(r).toEqual({
      ok: false,
      error: { code: 'bad-input', message: expect.stringMatching(/^wall\.assign: wallId: /) },
    });
    const m = await host.dispatch('mark.create', { cameraId: 'c', mark: 'bogus' }, desk);
    expect(m.ok === false && m.error.message).toMatch(/^mark\.create: mark: /);
    const e = await host.dispatch('events.since', { stream: 'link', since: -1 }, desk);
    expect(e.ok === false && e.error).toMatchObject({
      code: 'bad-input',
      message: expect.stringContaining('since'),
    });
  });

  it('forbids a wall window to control walls', async () => {
    const assign = vi.fn();
    const host = new ContractHost(handlers({ 'wall.assign': assign }));
    const r = await host.dispatch('wall.assign', { wallId: 1, tileIndex: 0, cameraId: null }, wall);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(assign).not.toHaveBeenCalled();
  });

  it('answers an unknown method', async () => {
    const host = new ContractHost(handlers());
    expect(await host.dispatch('wall.explode', {}, desk)).toMatchObject({
      ok: false,
      error: { code: 'unknown-method', message: 'unknown method: wall.explode' },
    });
    expect(await host.dispatch('toString', {}, desk)).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
  });

  it('turns a VigilError into data and a bug into internal, without crashing', async () => {
    const onInternalError = vi.fn();
    const host = new ContractHost(
      handlers({
        'wall.get': ({ wallId }) => {
          throw new VigilError('not-found', `there is no wall ${wallId}`);
        },
        'link.get': () => {
          throw new TypeError('boom');
        },
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
    expect(await host.dispatch('wall.list', undefined, wall)).toEqual({ ok: true, value: [] });
  });
});
