/**
 * The station core against the real simulator over loopback, with a real SQLite file in a
 * temp folder: catalog cached, cache-first with the platform down, walls persisted, a mark
 * delivered once, a bad catalog rejected without touching the cache.
 */
import { createServer, type Server } from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, LinkState, PatrolMarkRecord, WallState } from '../../../shared/api';
import { CatalogStore } from '../../../electron/station/cache/catalog-store';
import { openDatabase } from '../../../electron/station/cache/database';
import { parseConfig } from '../../../electron/station/config';
import { signInAs } from '../../sign-in';
import { createStation, type Station } from '../../../electron/station';
import { startSimulator, type Simulator } from '../../../electron/sim';
import { call, desk, httpConfig, tempDir, value, waitFor } from './helpers';

type CatalogAnswer = Catalog & { source: LinkState['catalogSource'] };

let sim: Simulator;
const dirs: string[] = [];
const stations: Station[] = [];

const newDir = (): string => {
  const dir = tempDir('vigil-station-');
  dirs.push(dir);
  return dir;
};
const start = async (...args: Parameters<typeof createStation>): Promise<Station> => {
  const station = await createStation(args[0]);
  stations.push(station);
  await signInAs(station, desk.operator, 'chief');
  return station;
};
const catalogFrom = (station: Station, source: LinkState['catalogSource']) =>
  waitFor(`catalog from ${source}`, async () => {
    const c = await value<CatalogAnswer>(station, 'catalog.get', {});
    return c.source === source && c.cameras.length > 0 ? c : undefined;
  });
const linkIs = (station: Station, state: LinkState['state'], detail?: RegExp) =>
  waitFor(`link ${state} ${detail ?? ''}`, async () => {
    const l = await value<LinkState>(station, 'link.get', {});
    return l.state === state && (!detail || detail.test(l.detail ?? '')) ? l : undefined;
  });

beforeAll(async () => {
  sim = await startSimulator({ cameras: 300, units: 5, alertIntervalMs: 0 });
});
afterEach(async () => {
  sim.clearFaults();
  for (const s of stations.splice(0)) await s.stop();
});
afterAll(async () => {
  await sim.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('station core', () => {
  it('loads the catalog from its built-in simulator, caches it, opens walls on live cameras', async () => {
    const dataDir = newDir();
    const station = await start({
      config: parseConfig({ platform: { kind: 'simulator', cameras: 300, units: 0 } }),
      dataDir,
    });
    expect(station.simulator?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(station.platformOrigins()).toEqual([station.simulator?.baseUrl]);
    const catalog = await catalogFrom(station, 'platform');
    expect(catalog.cameras).toHaveLength(300);
    await linkIs(station, 'online');

    const walls = await value<WallState[]>(station, 'wall.list', {});
    expect(walls.map((w) => w.wallId)).toEqual([1, 2]);
    const shown = walls.flatMap((w) => w.tiles.map((t) => t.cameraId));
    expect(shown).toHaveLength(8);
    expect(shown.every((id) => id !== null)).toBe(true);
    expect(new Set(shown).size).toBe(8);
    const byId = new Map(catalog.cameras.map((c) => [c.id, c]));
    expect(shown.every((id) => byId.get(id!)?.status === 'online')).toBe(true);
    await station.stop();
    await station.stop(); // idempotent

    const db = openDatabase(join(dataDir, 'vigil.db'));
    const cached = new CatalogStore(db).load();
    db.close();
    expect(cached?.catalog.version).toBe(catalog.version);
    expect(cached?.catalog.cameras).toHaveLength(300);
    expect(cached?.source).toBe('platform');
  });

  it('serves the cached catalog with the platform down, link offline', async () => {
    const dataDir = newDir();
    const first = await start({ config: httpConfig(sim), dataDir });
    const fresh = await catalogFrom(first, 'platform');
    await first.stop();

    sim.setFault({ kind: 'platform-down' });
    const second = await start({ config: httpConfig(sim), dataDir });
    // At once, before any answer from the platform: the cache.
    const cached = await value<CatalogAnswer>(second, 'catalog.get', {});
    expect(cached.source).toBe('cache');
    expect(cached.version).toBe(fresh.version);
    expect(cached.cameras).toEqual(fresh.cameras);
    const link = await linkIs(second, 'offline', /platform: catalog: HTTP 503/);
    expect(link.catalogSource).toBe('cache');
    await second.stop();
  });

  it('serves the cached catalog with the platform gone entirely', async () => {
    const other = await startSimulator({ cameras: 300, units: 0, alertIntervalMs: 0, seed: 2 });
    const dataDir = newDir();
    const first = await start({ config: httpConfig(other), dataDir });
    const fresh = await catalogFrom(first, 'platform');
    await first.stop();
    await other.stop();

    const second = await start({ config: httpConfig(other), dataDir });
    const cached = await value<CatalogAnswer>(second, 'catalog.get', {});
    expect(cached).toMatchObject({ source: 'cache', version: fresh.version });
    const link = await linkIs(second, 'offline', /platform: catalog: ECONNREFUSED/);
    expect(link.detail).toMatch(/realtime: ECONNREFUSED/);
  });

  it('asks with If-None-Match on restart and keeps the cache on 304', async () => {
    // A recording proxy in front of the simulator: what the station asked, what it was answered.
    const seen: { ifNoneMatch: string | null; status: number }[] = [];
    const proxy: Server = createServer((req, res) => {
      void (async () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === 'string' && k !== 'host') headers.set(k, v);
        }
        const upstream = await fetch(`${sim.baseUrl}${req.url ?? '/'}`, { headers });
        if (req.url === '/api/v1/catalog') {
          seen.push({ ifNoneMatch: req.headers['if-none-match'] ?? null, status: upstream.status });
        }
        const body = Buffer.from(await upstream.arrayBuffer());
        res.writeHead(upstream.status, {
          'Content-Type': upstream.headers.get('content-type') ?? 'application/octet-stream',
          ...(upstream.headers.get('etag') ? { ETag: upstream.headers.get('etag')! } : {}),
        });
        res.end(body);
      })();
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const port = (proxy.address() as { port: number }).port;
    const viaProxy = httpConfig({ baseUrl: `http://127.0.0.1:${port}`, mqttUrl: sim.mqttUrl });
    try {
      const dataDir = newDir();
      const first = await start({ config: viaProxy, dataDir });
      const fresh = await catalogFrom(first, 'platform');
      await first.stop();
      expect(seen[0]).toEqual({ ifNoneMatch: null, status: 200 });
      const second = await start({ config: viaProxy, dataDir });
      const again = await catalogFrom(second, 'platform');
      expect(again.cameras).toHaveLength(300);
      expect(again.version).toBe(fresh.version);
      // The restart asked with the cached version and was answered "not modified".
      const restart = seen.slice(1);
      expect(restart[0]).toEqual({
        ifNoneMatch: expect.stringContaining(fresh.version),
        status: 304,
      });
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });

  it('persists wall.assign across a restart, and checks camera, wall and tile', async () => {
    const dataDir = newDir();
    const first = await start({ config: httpConfig(sim), dataDir });
    const catalog = await catalogFrom(first, 'platform');
    const camera = catalog.cameras[42]!.id;
    const events: unknown[] = [];
    first.events.on((e) => {
      if (e.stream === 'wall') events.push(e.payload);
    });
    const assigned = await value<WallState>(first, 'wall.assign', {
      wallId: 2,
      tileIndex: 3,
      cameraId: camera,
    });
    expect(assigned.tiles[3]).toEqual({ index: 3, cameraId: camera });
    expect(events).toEqual([assigned]);

    expect(
      await call(first, 'wall.assign', { wallId: 2, tileIndex: 1, cameraId: 'no-such-camera' }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(
      await call(first, 'wall.assign', { wallId: 2, tileIndex: 4, cameraId: camera }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/tile 4/) },
    });
    expect(
      await call(first, 'wall.assign', { wallId: 3, tileIndex: 0, cameraId: camera }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/wall 3/) },
    });
    expect(
      await call(
        first,
        'wall.assign',
        { wallId: 1, tileIndex: 0, cameraId: camera },
        {
          ...desk,
          window: 'wall',
          wallId: 1,
        },
      ),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await first.stop();

    sim.setFault({ kind: 'platform-down' });
    const second = await start({ config: httpConfig(sim), dataDir });
    const wall = await value<WallState>(second, 'wall.get', { wallId: 2 });
    expect(wall.tiles[3]).toEqual({ index: 3, cameraId: camera });
    expect(wall.tiles.filter((t) => t.cameraId !== null)).toHaveLength(1);
  });

  it('delivers a mark once, with its outbox status on the event stream', async () => {
    const dataDir = newDir();
    const station = await start({ config: httpConfig(sim), dataDir });
    const catalog = await catalogFrom(station, 'platform');
    const outboxEvents: unknown[] = [];
    station.events.on((e) => {
      if (e.stream === 'outbox') outboxEvents.push(e.payload);
    });
    const mark = await value<PatrolMarkRecord>(station, 'mark.create', {
      cameraId: catalog.cameras[0]!.id,
      mark: 'faulty',
      note: '画面花屏',
    });
    expect(mark).toMatchObject({ operator: desk.operator, delivered: false, note: '画面花屏' });
    await waitFor('delivered', async () => {
      const list = await value<PatrolMarkRecord[]>(station, 'mark.list', {});
      return list.find((m) => m.id === mark.id)?.delivered;
    });
    const received = sim.receivedEvents().filter((e) => e.event.id === mark.id);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      count: 1,
      event: { type: 'patrol-mark', mark: 'faulty', operator: desk.operator },
    });
    const destination = `${sim.baseUrl}/api/v1/events`;
    expect(outboxEvents).toContainEqual({
      pending: 1,
      delivered: 0,
      lastError: null,
      refused: 0,
      destination,
    });
    expect(outboxEvents.at(-1)).toEqual({
      pending: 0,
      delivered: 1,
      lastError: null,
      refused: 0,
      destination,
    });
    expect(
      await call(station, 'mark.create', { cameraId: 'no-such-camera', mark: 'normal' }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('rejects a bad catalog from the platform whole, keeping the cache', async () => {
    const dataDir = newDir();
    const first = await start({ config: httpConfig(sim), dataDir });
    const good = await catalogFrom(first, 'platform');
    await first.stop();

    const bad = structuredClone(sim.catalog());
    bad.version = 'bad-1';
    (bad.cameras[12] as { lat: number }).lat = 95;
    const server: Server = createServer((req, res) => {
      if (req.url === '/api/v1/catalog') {
        res.writeHead(200, { 'Content-Type': 'application/json', ETag: '"bad-1"' });
        res.end(JSON.stringify(bad));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const second = await start({
        config: parseConfig({ platform: { kind: 'http', baseUrl: `http://127.0.0.1:${port}` } }),
        dataDir,
      });
      const link = await waitFor('catalog rejected', async () => {
        const l = await value<LinkState>(second, 'link.get', {});
        return l.detail?.includes('catalog rejected') ? l : undefined;
      });
      expect(link.state).toBe('degraded');
      expect(link.detail).toMatch(/cameras\[12\]\.lat/);
      const served = await value<CatalogAnswer>(second, 'catalog.get', {});
      expect(served.version).toBe(good.version);
      expect(served.source).toBe('cache');
      await second.stop();
      const db = openDatabase(join(dataDir, 'vigil.db'));
      expect(new CatalogStore(db).version()).toBe(good.version);
      db.close();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('follows camera status from MQTT into the cache and the event stream', async () => {
    const dataDir = newDir();
    const station = await start({ config: httpConfig(sim), dataDir });
    const catalog = await catalogFrom(station, 'platform');
    await linkIs(station, 'online');
    const camera = catalog.cameras.find((c) => c.status === 'online')!.id;
    const seen: unknown[] = [];
    station.events.on((e) => {
      if (e.stream === 'camera.status') seen.push(e.payload);
    });
    sim.setFault({ kind: 'camera-offline', cameraId: camera });
    await waitFor('status event', () =>
      seen.some(
        (p) => JSON.stringify(p) === JSON.stringify({ cameraId: camera, status: 'offline' }),
      ),
    );
    const after = await value<CatalogAnswer>(station, 'catalog.get', {});
    expect(after.cameras.find((c) => c.id === camera)?.status).toBe('offline');
  });
});
