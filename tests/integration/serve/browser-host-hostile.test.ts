/**
 * The browser host on a hostile machine (issue #11): any local process or web page can reach
 * 127.0.0.1. Malformed requests get a 4xx and the host stays up; a DNS-rebound name reads nothing;
 * a window's key opens only that window; a client that stops reading is cut loose.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostHeaderAllowed,
  parseTarget,
  startBrowserHost,
  windowToken,
  type BrowserHost,
} from '../../../electron/serve/browser-host';
import type { Station } from '../../../electron/station/station';
import { fakeStation, nextMessage, open } from './helpers';

/** Sends raw bytes and returns what came back (the status line first), or '' if nothing did. */
function raw(port: number, request: string, pause = false): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    // Ask the host to close after its answer, so the test need not wait for a keep-alive.
    socket.write(pause ? request : request.replace(/\r\n\r\n$/, '\r\nConnection: close\r\n\r\n'));
    if (pause) socket.pause();
    setTimeout(() => socket.destroy(), 3000);
  });
}

const statusOf = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

describe('the browser host under attack', () => {
  let host: BrowserHost;
  let station: Station;
  const logs: string[] = [];
  const rendererDir = mkdtempSync(join(tmpdir(), 'vigil-renderer-'));
  let port = 0;
  let hostHeader = '';

  beforeAll(async () => {
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Vigil</title>');
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(rendererDir, 'assets', 'app.js.map'), '{"sources":["secret.ts"]}');
    station = fakeStation();
    host = await startBrowserHost({
      station,
      rendererDir,
      port: 0,
      log: (line) => logs.push(line),
      maxBufferedBytes: 256 * 1024,
    });
    port = Number(new URL(host.origin).port);
    hostHeader = `127.0.0.1:${port}`;
  });
  afterAll(() => host.close());

  const alive = async (): Promise<void> => {
    expect((await fetch(`${host.origin}/`)).status).toBe(200);
  };

  const targets = [
    '//[',
    'http://[',
    '//%',
    '//x:99999/',
    '*',
    '/%',
    '/%%32%65',
    '/assets/%E0%A4%A',
    '/desk?token=%',
    '/wall/99',
    '/wall/0?token=',
    '/tiles/%/x/y.png',
    '/tiles/22/99999999999/1.png',
    `/${'a'.repeat(6000)}`,
    '/..%2f..%2fetc/passwd',
    'http://127.0.0.1/desk',
    '/ws',
  ];

  it.each(targets)('GET %s: a 4xx, and the host stays up', async (target) => {
    const answer = await raw(port, `GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`);
    const status = statusOf(answer);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    await alive();
  });

  it.each(['//[', 'http://[', '//%', '/ws?token=%', '/ws?window=desk&token=a&token=b'])(
    'a WebSocket upgrade to %s is refused, and the host stays up',
    async (target) => {
      const answer = await raw(
        port,
        `GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nUpgrade: websocket\r\n` +
          'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${host.origin}\r\n\r\n`,
      );
      expect(statusOf(answer)).toBeGreaterThanOrEqual(400);
      await alive();
    },
  );

  it('bytes that are not HTTP, a missing Host and an unknown method: refused, host up', async () => {
    expect(statusOf(await raw(port, '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n'))).toBe(
      400,
    );
    expect(statusOf(await raw(port, 'GET / HTTP/1.1\r\n\r\n'))).toBeGreaterThanOrEqual(400);
    expect(statusOf(await raw(port, `DELETE / HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`))).toBe(405);
    await alive();
  });

  it('answers no DNS-rebound name: pages, tiles and the socket need our own address', async () => {
    const desk = `/desk?token=${windowToken(host.token, 'desk')}`;
    expect(statusOf(await raw(port, `GET ${desk} HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`))).toBe(
      200,
    );
    const rebound = await raw(port, `GET ${desk} HTTP/1.1\r\nHost: evil.example:${port}\r\n\r\n`);
    expect(statusOf(rebound)).toBe(421);
    expect(rebound).not.toContain('<title>Vigil');
    expect(hostHeaderAllowed(`localhost:${port}`, port)).toBe(true);
    expect(hostHeaderAllowed(`[::1]:${port}`, port)).toBe(true);
    expect(hostHeaderAllowed(`127.0.0.1:${port + 1}`, port)).toBe(false);
    expect(hostHeaderAllowed(`localhost.evil.example:${port}`, port)).toBe(false);
    expect(hostHeaderAllowed('127.0.0.1', 80)).toBe(true);
    expect(hostHeaderAllowed('1.2.3', 80)).toBe(false);
    expect(parseTarget('//[')).toBeNull();
    expect(parseTarget('/desk?x=1')?.pathname).toBe('/desk');
  });

  it('keeps the source maps home', async () => {
    expect((await fetch(`${host.origin}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${host.origin}/assets/app.js.map`)).status).toBe(404);
    expect((await fetch(`${host.origin}/wall/assets/app.js.map`)).status).toBe(404);
  });

  it('opens a page only with its own window key', async () => {
    const desk = windowToken(host.token, 'desk');
    const wall1 = windowToken(host.token, 1);
    expect((await fetch(`${host.origin}/desk?token=${desk}`)).status).toBe(200);
    expect((await fetch(`${host.origin}/wall/1?token=${wall1}`)).status).toBe(200);
    expect((await fetch(`${host.origin}/desk?token=${wall1}`)).status).toBe(401);
    expect((await fetch(`${host.origin}/wall/2?token=${wall1}`)).status).toBe(401);
    expect((await fetch(`${host.origin}/desk?token=${host.token}`)).status).toBe(401);
    expect((await fetch(`${host.origin}/desk`)).status).toBe(401);
  });

  it("a wall's socket is closed by a frame over 256 KB; the desk's carries a megabytes CSV", async () => {
    const ws = (query: string) => `${host.origin.replace('http', 'ws')}/ws?${query}`;
    const big = (n: number) =>
      JSON.stringify({ id: 1, method: 'analysis.importCsv', input: { csv: 'x'.repeat(n) } });
    const wall = await open(
      ws(`window=wall&wall=1&token=${windowToken(host.token, 1)}`),
      host.origin,
    );
    const closed = new Promise<number>((resolve) => wall.once('close', (code) => resolve(code)));
    wall.send(big(300 * 1024));
    expect(await closed).toBe(1009); // "message too big"
    const desk = await open(
      ws(`window=desk&token=${windowToken(host.token, 'desk')}`),
      host.origin,
    );
    const answer = nextMessage(desk);
    desk.send(big(3 * 1024 * 1024));
    // Answered (this stand-in station has no analysis: a refusal, not a closed socket).
    expect(await answer).toMatchObject({ id: 1 });
    expect(desk.readyState).toBe(desk.OPEN);
    desk.close();
    await alive();
  });

  it('the WebSocket door: each way in that is not our own page is refused', async () => {
    const ws = (query: string) => `${host.origin.replace('http', 'ws')}/ws?${query}`;
    const desk = windowToken(host.token, 'desk');
    const wall1 = windowToken(host.token, 1);
    // A wall's key asking to be the desk, or another wall.
    await expect(open(ws(`window=desk&token=${wall1}`), host.origin)).rejects.toThrow('403');
    await expect(open(ws(`window=wall&wall=2&token=${wall1}`), host.origin)).rejects.toThrow('403');
    // The desk's key cannot pose as a wall either (the record would say the wall did it).
    await expect(open(ws(`window=wall&wall=1&token=${desk}`), host.origin)).rejects.toThrow('403');
    // The host's secret is no window's key; a repeated key is no key.
    await expect(open(ws(`window=desk&token=${host.token}`), host.origin)).rejects.toThrow('401');
    await expect(open(ws(`window=desk&token=${desk}&token=${desk}`), host.origin)).rejects.toThrow(
      '401',
    );
    // A foreign page, and no Origin at all (a script outside any browser must not pose as a page).
    await expect(open(ws(`window=desk&token=${desk}`), 'http://evil.example')).rejects.toThrow(
      '403',
    );
    await expect(open(ws(`window=desk&token=${desk}`))).rejects.toThrow('403');
    // Two windows given: ambiguous.
    await expect(open(ws(`window=wall&wall=1&wall=1&token=${wall1}`), host.origin)).rejects.toThrow(
      '400',
    );
    // And the right ones open.
    (await open(ws(`window=desk&token=${desk}`), host.origin)).close();
    (await open(ws(`window=wall&wall=1&token=${wall1}`), host.origin)).close();
    await alive();
  });

  it('roles hold over the socket: a watcher signed in cannot assign through a desk key', async () => {
    let role: 'watcher' | 'chief' = 'watcher';
    const watcherStation = fakeStation(() => ({ name: '王五', role }));
    const other = await startBrowserHost({ station: watcherStation, rendererDir, port: 0 });
    try {
      const ws = await open(
        `${other.origin.replace('http', 'ws')}/ws?window=desk&token=${windowToken(other.token, 'desk')}`,
        other.origin,
      );
      const assign = { wallId: 1, tileIndex: 0, cameraId: 'c' };
      ws.send(JSON.stringify({ id: 1, method: 'wall.setLayout', input: {} }));
      expect(await nextMessage(ws)).toMatchObject({
        id: 1,
        result: {
          ok: false,
          error: { code: 'forbidden', message: expect.stringContaining('王五') },
        },
      });
      role = 'chief';
      ws.send(JSON.stringify({ id: 2, method: 'wall.assign', input: assign }));
      expect(await nextMessage(ws)).toMatchObject({ id: 2, result: { ok: true } });
      ws.close();
    } finally {
      await other.close();
    }
  });

  it('disconnects a window that stops reading its events, and says so', async () => {
    const key = windowToken(host.token, 'desk');
    // A client that completes the handshake and then never reads a byte.
    const stalled = raw(
      port,
      `GET /ws?window=desk&token=${key} HTTP/1.1\r\nHost: ${hostHeader}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${host.origin}\r\n\r\n`,
      true,
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // the handshake done
    const big = { note: 'x'.repeat(64 * 1024) };
    // 64 MB of events: far past what the kernel's socket buffers hold for a reader that never reads.
    for (let i = 0; i < 1000 && !logs.some((l) => l.includes('unread')); i++) {
      station.events.emit('wall', big as never); // a payload of size, not of shape
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(logs.find((l) => l.includes('unread'))).toMatch(/disconnected the desk window/);
    await stalled;
    await alive();
  });
});
