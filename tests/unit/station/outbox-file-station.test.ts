/**
 * A file station's events (issue #10 items 4 and 6): with no `platform.eventsUrl` its marks stay
 * on this machine and the outbox status says so (`destination: null`); with one, marks are
 * POSTed there with their Idempotency-Key, and what that receiver refuses (400) is counted and
 * listed for the desk.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Catalog, OutboxStatus } from '../../../shared/api';
import type { RefusedOutboxItem } from '../../../shared/contract/outbox';
import { parseConfig } from '../../../electron/station/config';
import { createStation, type Station } from '../../../electron/station';
import { signInAs } from '../../sign-in';
import { call, tempDir, value, waitFor } from '../../integration/station/helpers';

const catalog: Catalog = {
  version: 'v1',
  areas: [
    { id: 'r1', name: '城区', level: 'region', parentId: null },
    { id: 'z1', name: '钢山派出所', level: 'zone', parentId: 'r1' },
    { id: 'g1', name: '钢山一网格', level: 'grid', parentId: 'z1' },
  ],
  cameras: [
    {
      id: 'cam-a',
      name: '东门卡口',
      gridId: 'g1',
      kind: 'fixed',
      lat: 35.4,
      lng: 116.9,
      liveUrl: 'http://127.0.0.1:1/live/cam-a.m3u8',
      status: 'unknown',
    },
  ],
};

const dirs: string[] = [];
const stations: Station[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const s of stations.splice(0)) await s.stop();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(eventsUrl?: string): Promise<Station> {
  const dataDir = tempDir('vigil-file-events-');
  dirs.push(dataDir);
  const file = join(dataDir, 'catalog.json');
  writeFileSync(file, JSON.stringify(catalog));
  const station = await createStation({
    config: parseConfig({
      platform: { kind: 'file', catalogFile: file, ...(eventsUrl ? { eventsUrl } : {}) },
      walls: { count: 1 },
      outbox: { retryBaseMs: 100, retryMaxMs: 200 },
    }),
    dataDir,
  });
  stations.push(station);
  await signInAs(station);
  return station;
}

describe('a file station and its events', () => {
  it('without an events URL keeps marks here and says so', async () => {
    const station = await start();
    expect(await value<OutboxStatus>(station, 'outbox.status', {})).toMatchObject({
      pending: 0,
      destination: null,
    });
    await value(station, 'mark.create', { cameraId: 'cam-a', mark: 'normal' });
    expect(await value<OutboxStatus>(station, 'outbox.status', {})).toMatchObject({
      pending: 1,
      refused: 0,
      destination: null,
    });
  });

  it('with an events URL posts there, and what it refuses is counted and listed', async () => {
    const received: { method?: string; url?: string; headers: IncomingHttpHeaders }[] = [];
    const server = createServer((req, res) => {
      received.push({ method: req.method, url: req.url, headers: req.headers });
      req.resume();
      req.on('end', () => {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end('{"error":"camera cam-a is not registered here"}');
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const eventsUrl = `http://127.0.0.1:${port}/hall/events`;

    const station = await start(eventsUrl);
    expect(await value<OutboxStatus>(station, 'outbox.status', {})).toMatchObject({
      destination: eventsUrl,
    });
    await value(station, 'mark.create', { cameraId: 'cam-a', mark: 'abnormal', note: '有人翻越' });
    const status = await waitFor('the refusal', async () => {
      const s = await value<OutboxStatus>(station, 'outbox.status', {});
      return s.refused === 1 ? s : null;
    });
    expect(status).toMatchObject({ pending: 0, delivered: 0, refused: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/hall/events' });
    expect(received[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);

    const refused = await value<RefusedOutboxItem[]>(station, 'outbox.refused', {});
    expect(refused).toMatchObject([
      {
        kind: 'patrol-mark',
        cameraId: 'cam-a',
        mark: 'abnormal',
        operator: '值机员甲',
        answer: 'HTTP 400: {"error":"camera cam-a is not registered here"}',
      },
    ]);
    // A wall window does not read the list (the desk does).
    const fromWall = await call(
      station,
      'outbox.refused',
      {},
      {
        window: 'wall',
        wallId: 1,
        operator: '值机员甲',
        role: 'chief',
        signedIn: true,
      },
    );
    expect(fromWall.ok).toBe(false);
  });

  it('refuses an events URL that is not http(s), and on a platform of another kind', () => {
    expect(() =>
      parseConfig({ platform: { kind: 'file', catalogFile: 'c.csv', eventsUrl: 'ftp://x/e' } }),
    ).toThrow(/platform\.eventsUrl/);
    expect(() =>
      parseConfig({
        platform: { kind: 'http', baseUrl: 'http://10.0.0.1', eventsUrl: 'http://10.0.0.2/e' },
      }),
    ).toThrow(/eventsUrl/);
    expect(
      parseConfig({
        platform: { kind: 'file', catalogFile: 'c.csv', eventsUrl: 'https://10.0.0.2/e' },
      }).platform,
    ).toMatchObject({ eventsUrl: 'https://10.0.0.2/e' });
  });
});
