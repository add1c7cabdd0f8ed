/**
 * The browser host's door: the page needs the run's token, the WebSocket needs the token and our
 * own Origin, a bad message gets a clear error and the socket stays usable, events reach windows.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ContractHost, type Handlers } from '../../../electron/station/contract-host';
import { EventBus } from '../../../electron/station/event-bus';
import type { Station } from '../../../electron/station/station';
import type { VigilConfig } from '../../../electron/station/config';
import { startBrowserHost, type BrowserHost } from '../../../electron/serve/browser-host';

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
const handlers = {
  'wall.list': () => [wallState],
  'wall.assign': () => wallState,
} as unknown as Handlers; // a stub: only the methods these tests call

function fakeStation(): Station {
  return {
    config: {
      station: { id: 's', operator: '李四', role: 'watcher' },
      security: { streamHosts: [], tileHosts: ['http://tiles.local'] },
    } as unknown as VigilConfig, // the host reads only station and security
    dataDir: '/nonexistent',
    host: new ContractHost(handlers),
    events: new EventBus(),
    wallCount: 2,
    platformOrigins: () => ['http://10.1.2.3:8080'],
    simulator: null,
    // ---- map: one tile exists (12/3378/1616); the rest are not in the cache
    tiles: async (z, x, y) =>
      z === 12 && x === 3378 && y === 1616
        ? { bytes: Buffer.from('\x89PNG\r\n\x1a\nfake', 'latin1'), contentType: 'image/png' }
        : null,
    importTiles: () => ({ tiles: 0, cachedTiles: 0 }),
    stop: async () => {},
  };
}

function open(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}

describe('the browser host', () => {
  let host: BrowserHost;
  let station: Station;
  const rendererDir = mkdtempSync(join(tmpdir(), 'vigil-renderer-'));

  beforeAll(async () => {
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Vigil</title>');
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    station = fakeStation();
    host = await startBrowserHost({ station, rendererDir, port: 0 });
  });
  afterAll(() => host.close());

  const wsUrl = (query: string) => `${host.origin.replace('http', 'ws')}/ws?${query}`;

  it('lists one desk URL and one URL per wall, on loopback', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.deskUrl).toBe(`${host.origin}/desk?token=${host.token}`);
    expect(host.wallUrls).toEqual(
      [1, 2].map((n) => `${host.origin}/wall/${n}?token=${host.token}`),
    );
  });

  it('serves the pages with a strict CSP that allows the platform and the tile host', async () => {
    const response = await fetch(host.wallUrls[1]!);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("media-src 'self' blob: http://10.1.2.3:8080");
    expect(csp).toContain('http://tiles.local');
    // Relative assets resolve from any page path.
    expect((await fetch(`${host.origin}/wall/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${host.origin}/assets/../../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${host.origin}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    // A malformed escape is a 404, not a crash of the host.
    expect((await fetch(`${host.origin}/assets/%E0%A4%A`)).status).toBe(404);
    expect((await fetch(host.deskUrl)).status).toBe(200);
  });

  it('serves map tiles from the station on its own origin, 404 when there is none', async () => {
    const hit = await fetch(`${host.origin}/tiles/12/3378/1616.png`);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await hit.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await fetch(`${host.origin}/tiles/12/3378/1617.png`)).status).toBe(404);
    expect((await fetch(`${host.origin}/tiles/99/0/0.png`)).status).toBe(404);
    expect((await fetch(`${host.origin}/tiles/3/9/0.png`)).status).toBe(404);
    expect((await fetch(`${host.origin}/tiles/../index.html`)).status).not.toBe(500);
  });

  it('refuses a WebSocket without the token, with a wrong one, or from a foreign origin', async () => {
    await expect(open(wsUrl('window=desk'), host.origin)).rejects.toThrow('401');
    await expect(open(wsUrl('window=desk&token=guess'), host.origin)).rejects.toThrow('401');
    await expect(
      open(wsUrl(`window=desk&token=${host.token}`), 'http://evil.example'),
    ).rejects.toThrow('403');
    await expect(
      open(wsUrl(`window=wall&wall=9&token=${host.token}`), host.origin),
    ).rejects.toThrow('400');
  });

  it('answers calls, rejects bad messages clearly, and keeps the socket open', async () => {
    const ws = await open(wsUrl(`window=desk&token=${host.token}`), host.origin);
    ws.send('{not json');
    expect(await nextMessage(ws)).toMatchObject({
      id: null,
      result: { ok: false, error: { code: 'bad-input' } },
    });
    ws.send(JSON.stringify({ id: 7, method: 'wall.assign', input: { wallId: 'one' } }));
    const bad = await nextMessage(ws);
    expect(bad).toMatchObject({ id: 7, result: { ok: false, error: { code: 'bad-input' } } });
    expect(JSON.stringify(bad)).toContain('wallId');
    ws.send(JSON.stringify({ id: 8, method: 'wall.list', input: {} }));
    expect(await nextMessage(ws)).toEqual({ id: 8, result: { ok: true, value: [wallState] } });
    ws.close();
  });

  it('checks the caller: a wall window may not assign tiles', async () => {
    const ws = await open(wsUrl(`window=wall&wall=2&token=${host.token}`), host.origin);
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'wall.assign',
        input: { wallId: 1, tileIndex: 0, cameraId: 'c' },
      }),
    );
    expect(await nextMessage(ws)).toMatchObject({
      id: 1,
      result: { ok: false, error: { code: 'forbidden' } },
    });
    ws.close();
  });

  it('pushes the core events to every window', async () => {
    const ws = await open(wsUrl(`window=wall&wall=1&token=${host.token}`), host.origin);
    const message = nextMessage(ws);
    station.events.emit('wall', wallState);
    expect(await message).toMatchObject({ event: { stream: 'wall', seq: 1, payload: wallState } });
    ws.close();
  });
});

describe('the browser host token and pages', () => {
  it('keeps one token per data folder, owner-only, and replaces a damaged one', async () => {
    const { loadOrCreateToken } = await import('../../../electron/serve/token');
    const { statSync, writeFileSync: write } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'vigil-token-'));
    const first = loadOrCreateToken(dir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(loadOrCreateToken(dir)).toBe(first);
    expect(statSync(join(dir, 'serve-token')).mode & 0o077).toBe(0);
    write(join(dir, 'serve-token'), 'short\n');
    const replaced = loadOrCreateToken(dir);
    expect(replaced).not.toBe('short');
    expect(replaced).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('never hands the token out at /, and serves a rebuilt index.html without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-renderer-'));
    writeFileSync(join(dir, 'index.html'), '<title>build 1</title>');
    const host = await startBrowserHost({ station: fakeStation(), rendererDir: dir, port: 0 });
    try {
      const root = await fetch(`${host.origin}/`, { redirect: 'manual' });
      expect(root.status).toBe(200);
      expect(root.headers.get('location')).toBeNull();
      expect(await root.text()).not.toContain(host.token);
      expect(await (await fetch(host.deskUrl)).text()).toContain('build 1');
      writeFileSync(join(dir, 'index.html'), '<title>build 2</title>');
      expect(await (await fetch(host.deskUrl)).text()).toContain('build 2');
    } finally {
      await host.close();
    }
  });
});
