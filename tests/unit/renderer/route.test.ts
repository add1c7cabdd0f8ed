import { describe, expect, it } from 'vitest';
import { parseRoute, tokenOf } from '../../../renderer/app/route';
import { parseServerFrame, socketUrl } from '../../../renderer/transport/ws-protocol';

describe('parseRoute', () => {
  it('reads the Electron shell’s query form', () => {
    expect(
      parseRoute({ pathname: '/opt/vigil/out/renderer/index.html', search: '?window=desk' }),
    ).toEqual({
      window: 'desk',
    });
    expect(parseRoute({ pathname: '/x/index.html', search: '?window=wall&wall=3' })).toEqual({
      window: 'wall',
      wallId: 3,
    });
  });

  it('reads the browser host’s path form', () => {
    expect(parseRoute({ pathname: '/desk', search: '?token=abc' })).toEqual({ window: 'desk' });
    expect(parseRoute({ pathname: '/wall/2', search: '?token=abc' })).toEqual({
      window: 'wall',
      wallId: 2,
    });
    expect(parseRoute({ pathname: '/wall/12/', search: '' })).toEqual({
      window: 'wall',
      wallId: 12,
    });
  });

  it('reads the weekly report page of the desk (issue #16)', () => {
    expect(
      parseRoute({ pathname: '/desk', search: '?token=a&view=report&week=2026-11-30' }),
    ).toEqual({ window: 'desk', view: 'report' });
    expect(parseRoute({ pathname: '/desk', search: '?view=other' })).toEqual({ window: 'desk' });
  });

  it('reads an analysis product’s printable page (issue #17)', () => {
    expect(
      parseRoute({ pathname: '/desk', search: '?view=product&kind=weekly&date=2026-11-23' }),
    ).toEqual({ window: 'desk', view: 'product' });
  });

  it('falls back to the desk, and to wall 1 for a bad wall number', () => {
    expect(parseRoute({ pathname: '/', search: '' })).toEqual({ window: 'desk' });
    expect(parseRoute({ pathname: '/', search: '?window=wall&wall=abc' })).toEqual({
      window: 'wall',
      wallId: 1,
    });
    expect(parseRoute({ pathname: '/wall/0', search: '' })).toEqual({ window: 'wall', wallId: 1 });
    expect(parseRoute({ pathname: '/wall/999', search: '' })).toEqual({
      window: 'wall',
      wallId: 1,
    });
  });

  it('finds the token', () => {
    expect(tokenOf({ pathname: '/desk', search: '?token=s3cr%2Bt' })).toBe('s3cr+t');
    expect(tokenOf({ pathname: '/desk', search: '' })).toBeNull();
  });
});

describe('WebSocket protocol', () => {
  it('builds the socket URL from the page', () => {
    expect(
      socketUrl({ protocol: 'http:', host: '127.0.0.1:5190' }, { window: 'desk' }, 'tok'),
    ).toBe('ws://127.0.0.1:5190/ws?token=tok&window=desk');
    expect(
      socketUrl({ protocol: 'https:', host: 'hall' }, { window: 'wall', wallId: 4 }, null),
    ).toBe('wss://hall/ws?window=wall&wall=4');
  });

  it('parses results, errors and events; ignores junk', () => {
    expect(parseServerFrame('{"id":1,"result":{"ok":true,"value":[1]}}')).toEqual({
      kind: 'result',
      id: 1,
      result: { ok: true, value: [1] },
    });
    expect(
      parseServerFrame(
        '{"id":2,"result":{"ok":false,"error":{"code":"forbidden","message":"no"}}}',
      ),
    ).toEqual({
      kind: 'result',
      id: 2,
      result: { ok: false, error: { code: 'forbidden', message: 'no' } },
    });
    expect(
      parseServerFrame('{"id":3,"result":{"ok":false,"error":{"code":"weird","message":5}}}'),
    ).toEqual({
      kind: 'result',
      id: 3,
      result: { ok: false, error: { code: 'internal', message: 'unknown error' } },
    });
    const event = { stream: 'link', seq: 4, epoch: 'e', at: 1, payload: { state: 'online' } };
    expect(parseServerFrame(JSON.stringify({ event }))).toEqual({ kind: 'event', event });
    for (const junk of [
      '',
      'nope',
      '[]',
      'null',
      '{"id":"1","result":{}}',
      '{"event":{"seq":1}}',
    ]) {
      expect(parseServerFrame(junk)).toBeNull();
    }
  });
});
