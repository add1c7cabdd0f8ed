/**
 * The browser host's door: the page needs the run's token, the WebSocket needs the token and our
 * own Origin, a bad message gets a clear error and the socket stays usable, events reach windows.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Station } from '../../../electron/station/station';
import {
  startBrowserHost,
  windowToken,
  type BrowserHost,
} from '../../../electron/serve/browser-host';
import { fakeStation, nextMessage, open, wallState } from './helpers';

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
  const desk = () => windowToken(host.token, 'desk');
  const wall = (n: number) => windowToken(host.token, n);

  it('lists one desk URL and one URL per wall, on loopback', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.deskUrl).toBe(`${host.origin}/desk?token=${desk()}`);
    expect(host.wallUrls).toEqual([1, 2].map((n) => `${host.origin}/wall/${n}?token=${wall(n)}`));
    // Every window has a key of its own, and none is the host's secret.
    const keys = [desk(), wall(1), wall(2)];
    expect(new Set([...keys, host.token]).size).toBe(4);
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
    const key = `?token=${wall(1)}`;
    // Without a window's key, another site's page cannot make the station fetch and store.
    expect((await fetch(`${host.origin}/tiles/12/3378/1616.png`)).status).toBe(401);
    expect((await fetch(`${host.origin}/tiles/12/3378/1616.png?token=${host.token}`)).status).toBe(
      401,
    );
    const hit = await fetch(`${host.origin}/tiles/12/3378/1616.png${key}`);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await hit.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await fetch(`${host.origin}/tiles/12/3378/1617.png${key}`)).status).toBe(404);
    expect((await fetch(`${host.origin}/tiles/99/0/0.png${key}`)).status).toBe(404);
    expect((await fetch(`${host.origin}/tiles/3/9/0.png${key}`)).status).toBe(404);
    expect((await fetch(`${host.origin}/tiles/../index.html${key}`)).status).not.toBe(500);
  });

  it('refuses a WebSocket without the token, with a wrong one, or from a foreign origin', async () => {
    await expect(open(wsUrl('window=desk'), host.origin)).rejects.toThrow('401');
    await expect(open(wsUrl('window=desk&token=guess'), host.origin)).rejects.toThrow('401');
    await expect(open(wsUrl(`window=desk&token=${desk()}`), 'http://evil.example')).rejects.toThrow(
      '403',
    );
    await expect(open(wsUrl(`window=kiosk&token=${desk()}`), host.origin)).rejects.toThrow('400');
  });

  it('answers calls, rejects bad messages clearly, and keeps the socket open', async () => {
    const ws = await open(wsUrl(`window=desk&token=${desk()}`), host.origin);
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
    const ws = await open(wsUrl(`window=wall&wall=2&token=${wall(2)}`), host.origin);
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
    const windows = await Promise.all([
      open(wsUrl(`window=wall&wall=1&token=${wall(1)}`), host.origin),
      open(wsUrl(`window=wall&wall=2&token=${wall(2)}`), host.origin),
      open(wsUrl(`window=desk&token=${desk()}`), host.origin),
    ]);
    const messages = windows.map(nextMessage);
    station.events.emit('wall', wallState);
    for (const message of await Promise.all(messages)) {
      expect(message).toMatchObject({ event: { stream: 'wall', payload: wallState } });
    }
    for (const ws of windows) ws.close();
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
      const text = await root.text();
      expect(text).not.toContain(host.token);
      expect(text).not.toContain(windowToken(host.token, 'desk'));
      expect(await (await fetch(host.deskUrl)).text()).toContain('build 1');
      writeFileSync(join(dir, 'index.html'), '<title>build 2</title>');
      expect(await (await fetch(host.deskUrl)).text()).toContain('build 2');
    } finally {
      await host.close();
    }
  });
});
