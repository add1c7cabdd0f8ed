import { describe, expect, it } from 'vitest';
import { CatalogSchema, isMethodName, methods } from '../../../shared/api';
import { ContractHost, type Handlers } from '../../../electron/station/contract-host';
import { VigilError } from '../../../shared/result';
import type { Caller } from '../../../shared/api';
import { placeholderMapHandlers } from '../../../electron/station/map/map-handlers';
import { placeholderWatchHandlers } from '../../../electron/station/watch/watch-capability';
import { placeholderWallHandlers } from '../../../electron/station/wall/wall-handlers';
import { placeholderTileHandlers } from '../../../electron/station/wall/playback-service';

const desk: Caller = { window: 'desk', operator: '张三', role: 'watcher' };
const wall: Caller = { window: 'wall', wallId: 1, operator: '张三', role: 'watcher' };

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
const calls: unknown[] = [];
const handlers = {
  'catalog.get': () => ({ version: 'v', areas: [], cameras: [], source: 'none' }),
  'link.get': () => ({ state: 'offline', since: 0, detail: null, catalogSource: 'none' }),
  'station.info': () => ({ stationId: 's', operator: '张三', role: 'watcher', locale: 'auto' }),
  'wall.list': () => [wallState],
  'wall.get': ({ wallId }) => {
    if (wallId !== 1) throw new VigilError('not-found', `no wall ${wallId}`);
    return wallState;
  },
  'wall.assign': (input) => {
    calls.push(input);
    return wallState;
  },
  'mark.create': (input, caller) => ({
    id: 'm1',
    cameraId: input.cameraId,
    mark: input.mark,
    note: input.note,
    createdAt: 1,
    operator: caller.operator,
    delivered: false,
  }),
  'mark.list': () => [],
  'outbox.status': () => {
    throw new Error('disk on fire');
  },
  'events.since': () => ({ events: [], reset: false, epoch: 'e', seq: 0 }),
  ...placeholderMapHandlers(),
  ...placeholderWatchHandlers(),
  ...placeholderWallHandlers(),
  ...placeholderTileHandlers(),
} satisfies Handlers;

describe('the contract host', () => {
  const host = new ContractHost(handlers);

  it('runs a good call and returns its value', async () => {
    const result = await host.dispatch(
      'wall.assign',
      { wallId: 1, tileIndex: 2, cameraId: 'c1' },
      desk,
    );
    expect(result).toEqual({ ok: true, value: wallState });
    expect(calls.at(-1)).toEqual({ wallId: 1, tileIndex: 2, cameraId: 'c1' });
  });

  it('fills defaults from the schema (a mark without a note)', async () => {
    const result = await host.dispatch('mark.create', { cameraId: 'c1', mark: 'normal' }, wall);
    expect(result.ok && result.value).toMatchObject({ note: '', operator: '张三' });
  });

  it.each([
    [{ wallId: '1', tileIndex: 0, cameraId: 'c' }, 'wallId'],
    [{ wallId: 1, tileIndex: -1, cameraId: 'c' }, 'tileIndex'],
    [{ wallId: 1, tileIndex: 0 }, 'cameraId'],
    [{ wallId: 1, tileIndex: 0, cameraId: 'x'.repeat(65) }, 'cameraId'],
    [null, ''],
    ['not an object', ''],
  ])('rejects a bad payload %j with bad-input naming the field', async (input, field) => {
    const result = await host.dispatch('wall.assign', input, desk);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad-input');
      expect(result.error.message).toContain('wall.assign');
      expect(result.error.message).toContain(field);
    }
    expect(calls.at(-1)).not.toEqual(input);
  });

  it('rejects a mark that is not one of normal / abnormal / faulty', async () => {
    const result = await host.dispatch('mark.create', { cameraId: 'c1', mark: 'fine' }, desk);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    if (!result.ok) expect(result.error.message).toContain('mark');
  });

  it('refuses a method the caller may not call: a wall cannot re-assign walls', async () => {
    const result = await host.dispatch(
      'wall.assign',
      { wallId: 1, tileIndex: 0, cameraId: 'c' },
      wall,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers an unknown method with unknown-method, and a prototype key is not a method', async () => {
    expect(await host.dispatch('wall.explode', {}, desk)).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(await host.dispatch(42, {}, desk)).toMatchObject({ ok: false });
  });

  it('turns a VigilError into its code and a crash into internal, never a throw', async () => {
    expect(await host.dispatch('wall.get', { wallId: 9 }, desk)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no wall 9' },
    });
    const result = await host.dispatch('outbox.status', {}, desk);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(result.error.message).toContain('disk on fire');
  });

  it('has a handler type for every method of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(methods).sort());
  });
});

describe('the catalog schema', () => {
  const camera = {
    id: '37088300001320000001',
    name: '钢山街东',
    gridId: 'G1',
    kind: 'fixed',
    lat: 35.4,
    lng: 116.97,
    liveUrl: 'http://10.0.0.1/live/1/main.m3u8',
    status: 'online',
  };

  it('accepts a good catalog', () => {
    const parsed = CatalogSchema.safeParse({ version: '1', areas: [], cameras: [camera] });
    expect(parsed.success).toBe(true);
  });

  it.each([
    [{ lat: 95 }, 'lat'],
    [{ kind: 'drone' }, 'kind'],
    [{ liveUrl: 'javascript:alert(1)' }, 'liveUrl'],
    [{ liveUrl: 'file:///etc/passwd' }, 'liveUrl'],
    [{ id: '' }, 'id'],
  ])('rejects a camera with %j', (patch, field) => {
    const parsed = CatalogSchema.safeParse({
      version: '1',
      areas: [],
      cameras: [{ ...camera, ...patch }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['cameras', 0, field]);
  });
});
