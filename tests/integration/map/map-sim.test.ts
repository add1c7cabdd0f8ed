/**
 * The map against the real simulator over loopback: its geometry (every camera inside its grid),
 * its tiles through the station's cache, live units from MQTT into the cache, tracks, a
 * compliance report and a radius search; and the whole station (createStation) answering the
 * map's contract.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/sim';
import { openDatabase, type CacheDatabase } from '../../../electron/station/cache/database';
import { parseConfig } from '../../../electron/station/config';
import {
  createMapCapability,
  type MapCapability,
} from '../../../electron/station/map/map-capability';
import { parseGeometry } from '../../../electron/station/map/geometry-schema';
import { RealtimeClient } from '../../../electron/station/upstream/realtime-client';
import { signInAs } from '../../sign-in';
import { createStation } from '../../../electron/station';
import type { Caller } from '../../../shared/api';
import type {
  ComplianceReport,
  RadiusResult,
  TracksResult,
  UnitState,
} from '../../../shared/contract/map';
import { destination, pointInPolygon } from '../../../shared/domain/geo';
import { sniffTile as sniff, sniffTile } from '../../../electron/station/map/mbtiles';
import { tempDir } from '../../unit/map/helpers';

const desk: Caller = { window: 'desk', operator: '值机员', role: 'chief', signedIn: true };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the map on the simulator', () => {
  let sim: Simulator;
  let db: CacheDatabase;
  let map: MapCapability;
  let realtime: RealtimeClient;
  const unitEvents: UnitState[][] = [];
  let startedAt = 0;

  beforeAll(async () => {
    sim = await startSimulator({ cameras: 2000, units: 60, alertIntervalMs: 0 });
    db = openDatabase(join(tempDir(), 'vigil.db'));
    const catalog = { ...sim.catalog() };
    map = createMapCapability({
      db,
      dataDir: tempDir(),
      config: parseConfig({ upstream: { timeoutMs: 3000 } }),
      baseUrl: sim.baseUrl,
      simulatorUrl: sim.baseUrl,
      catalog: () => catalog,
      onUnits: (u) => unitEvents.push(u),
    });
    map.start();
    startedAt = Date.now();
    realtime = new RealtimeClient({
      url: sim.mqttUrl,
      stationId: 'map-test',
      onCameraStatus: () => {},
      onUnit: (p) => map.onFix(p),
      onConnection: () => {},
    });
    realtime.start();
    await sleep(3500);
  }, 30_000);

  afterAll(async () => {
    await realtime?.stop();
    await map?.stop();
    db?.close();
    await sim?.stop();
  });

  it('serves geometry that validates, with every camera inside its grid polygon', async () => {
    const res = await fetch(`${sim.baseUrl}/api/v1/geometry`);
    expect(res.status).toBe(200);
    const g = parseGeometry(await res.json());
    expect(g.areas.filter((a) => a.level === 'region')).toHaveLength(3);
    expect(g.areas.filter((a) => a.level === 'zone')).toHaveLength(24);
    expect(g.areas.filter((a) => a.level === 'grid')).toHaveLength(48);
    expect(g.checkpoints).toHaveLength(16);
    expect(g.dutyPosts).toHaveLength(4);
    // The catalog's areas and the geometry's are the same tree.
    const ids = (list: { id: string; parentId: string | null }[]) =>
      list.map((a) => `${a.id}<${a.parentId}`).sort();
    expect(ids(g.areas)).toEqual(ids(sim.catalog().areas));
    const grids = new Map(g.areas.map((a) => [a.id, a]));
    for (const c of sim.catalog().cameras)
      expect(pointInPolygon(c, grids.get(c.gridId)!.polygon)).toBe(true);
    for (const p of g.mustReachPoints)
      expect(pointInPolygon(p, grids.get(p.gridId)!.polygon)).toBe(true);
    // Every grid has must-patrol lines and must-reach points.
    for (const grid of g.areas.filter((a) => a.level === 'grid')) {
      expect(g.mustPatrolLines.some((l) => l.gridId === grid.id)).toBe(true);
      expect(g.mustReachPoints.some((p) => p.gridId === grid.id)).toBe(true);
    }
    const again = await fetch(`${sim.baseUrl}/api/v1/geometry`, {
      headers: { 'If-None-Match': `"${g.version}"` },
    });
    expect(again.status).toBe(304);
  });

  it('loads the geometry into the station (cache-first) and says where it came from', async () => {
    const g = map.handlers['map.geometry']({}, desk) as Awaited<
      ReturnType<MapCapability['handlers']['map.geometry']>
    >;
    expect(g.source).toBe('platform');
    expect(g.bounds!.south).toBeLessThan(35.4);
    expect(g.bounds!.north).toBeGreaterThan(35.4);
  });

  it('serves district tiles through the station, caching them in MBTiles', async () => {
    const direct = await fetch(`${sim.baseUrl}/tiles/12/3378/1616.png`);
    expect(direct.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${sim.baseUrl}/tiles/25/0/0.png`)).status).toBe(404);
    const tile = await map.tile(12, 3378, 1616);
    expect(tile?.contentType).toBe('image/png');
    expect(sniff(tile!.bytes)).toBe('png');
    const info = await map.handlers['map.tileInfo']({}, desk);
    expect(info).toMatchObject({
      urlTemplate: '/tiles/{z}/{x}/{y}.png',
      crs: 'WGS84',
      available: true,
    });
    expect(info.cachedTiles).toBeGreaterThanOrEqual(1);
    // A platform-down fault does not take the GIS tiles with it.
    sim.setFault({ kind: 'platform-down' });
    expect((await fetch(`${sim.baseUrl}/tiles/12/3379/1616.png`)).status).toBe(200);
    sim.clearFaults();
  });

  it('has live units, batched once a second, and their tracks in the cache', async () => {
    const list = (await map.handlers['units.list']({}, desk)) as UnitState[];
    expect(list).toHaveLength(60);
    expect(list.every((u) => !u.stale)).toBe(true);
    expect(list.find((u) => u.kind === 'car')?.cameraId ?? null).not.toBeUndefined();
    expect(unitEvents.length).toBeGreaterThanOrEqual(2);
    expect(unitEvents.length).toBeLessThanOrEqual(5);
    expect(unitEvents.some((batch) => batch.length === 60)).toBe(true);
    const ids = list.slice(0, 3).map((u) => u.unitId);
    const tracks = (await map.handlers['tracks.query'](
      {
        unitIds: ids,
        fromMs: startedAt - 1000,
        toMs: Date.now() + 1000,
        maxPoints: 5000,
        stopMinMs: 180_000,
        stopRadiusM: 30,
      },
      desk,
    )) as TracksResult;
    expect(tracks.tracks).toHaveLength(3);
    for (const t of tracks.tracks) {
      expect(t.points.length).toBeGreaterThanOrEqual(2);
      expect(t.totalPoints).toBe(t.points.length);
      expect(t.callSign).not.toBe(t.unitId);
    }
    const gpx = await map.handlers['tracks.exportGpx'](
      { unitId: ids[0]!, fromMs: startedAt - 1000, toMs: Date.now() + 1000 },
      desk,
    );
    expect(gpx.gpx).toContain('<gpx version="1.1"');
    expect(gpx.gpx.match(/<trkpt /g)?.length).toBe(gpx.points);
    expect(gpx.filename).toMatch(/\.gpx$/);
  });

  it('reports compliance for a grid: a synthetic patrol reaches its points and travels its line', async () => {
    const g = map.handlers['map.geometry']({}, desk) as Awaited<
      ReturnType<MapCapability['handlers']['map.geometry']>
    >;
    const line = g.mustPatrolLines[0]!;
    const points = g.mustReachPoints.filter((p) => p.gridId === line.gridId);
    // A test patrol drives the line end to end at 10 m/s, then visits the first point and stays.
    const t0 = Date.now() - 3_600_000;
    let at = t0;
    const fix = (lat: number, lng: number, speed = 10) => {
      map.onFix({
        unitId: 'U-TEST',
        callSign: '测试巡',
        kind: 'car',
        lat,
        lng,
        heading: 0,
        speed,
        at,
      });
      at += 1000;
    };
    for (let i = 1; i < line.path.length; i++) {
      const [lng0, lat0] = line.path[i - 1]!;
      const [lng1, lat1] = line.path[i]!;
      for (let k = 0; k < 5; k++)
        fix(lat0 + ((lat1 - lat0) * k) / 5, lng0 + ((lng1 - lng0) * k) / 5);
    }
    const p = points[0]!;
    for (let k = 0; k < 300; k++) {
      const near = destination(p, (k * 37) % 360, 5);
      fix(near.lat, near.lng, 0);
    }
    const report = (await map.handlers['compliance.report'](
      { gridId: line.gridId, fromMs: t0 - 1000, toMs: Date.now(), corridorM: 30 },
      desk,
    )) as ComplianceReport;
    expect(report.gridName).toMatch(/网格$/);
    const test = report.units.find((u) => u.unitId === 'U-TEST')!;
    expect(test).toBeDefined();
    expect(test.fixesInGrid).toBeGreaterThan(300);
    expect(test.reached.map((r) => r.pointId)).toContain(p.id);
    expect(test.lines.find((l) => l.lineId === line.id)!.fraction).toBeGreaterThan(0.95);
    expect(report.pointsReachedByAny[p.id]).toBe(true);
    const others = points.slice(1).filter((q) => !test.reached.some((r) => r.pointId === q.id));
    if (others.length) expect(report.unitsMissingPoints).toContain('U-TEST');
    // Its stop at the point shows on the track.
    const tr = (await map.handlers['tracks.query'](
      {
        unitIds: ['U-TEST'],
        fromMs: t0 - 1000,
        toMs: Date.now(),
        maxPoints: 100,
        stopMinMs: 180_000,
        stopRadiusM: 30,
      },
      desk,
    )) as TracksResult;
    expect(tr.tracks[0]!.stops).toHaveLength(1);
    expect(tr.tracks[0]!.downsampled).toBe(true);
    expect(tr.tracks[0]!.points.length).toBeLessThanOrEqual(100);
  });

  it('ranks cameras that see a point first, then by distance, and lists the nearest units', async () => {
    const cam = sim
      .catalog()
      .cameras.find((c) => c.kind === 'fixed' && c.heading !== undefined && c.fov! < 360)!;
    const target = destination(cam, cam.heading!, Math.min(30, cam.range! / 2));
    const r = (await map.handlers['map.radius'](
      { lat: target.lat, lng: target.lng, radiusM: 500, cameraLimit: 100, unitLimit: 5 },
      desk,
    )) as RadiusResult;
    expect(r.cameras.find((c) => c.cameraId === cam.id)?.sees).toBe(true);
    const firstBlind = r.cameras.findIndex((c) => !c.sees);
    if (firstBlind >= 0) expect(r.cameras.slice(firstBlind).every((c) => !c.sees)).toBe(true);
    const seeing = r.cameras.filter((c) => c.sees).map((c) => c.distanceM);
    expect(seeing).toEqual([...seeing].sort((a, b) => a - b));
    expect(r.cameras.every((c) => c.distanceM <= 500)).toBe(true);
    expect(r.units).toHaveLength(5);
    expect(r.units.map((u) => u.distanceM)).toEqual(
      [...r.units.map((u) => u.distanceM)].sort((a, b) => a - b),
    );
  });
});

describe('the whole station answers the map contract', () => {
  it('units, geometry, tile info and tiles through createStation', async () => {
    const station = await createStation({
      config: parseConfig({ platform: { kind: 'simulator', cameras: 300, units: 20 } }),
      dataDir: tempDir(),
    });
    try {
      await signInAs(station);
      await sleep(2500);
      const units = await station.host.dispatch('units.list', {}, desk);
      expect(units.ok && (units.value as UnitState[]).length).toBe(20);
      const geometry = await station.host.dispatch('map.geometry', {}, desk);
      expect(geometry.ok && (geometry.value as { areas: unknown[] }).areas.length).toBe(75);
      const bad = await station.host.dispatch(
        'tracks.query',
        { unitIds: [], fromMs: 2, toMs: 1 },
        desk,
      );
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
      const wall: Caller = {
        window: 'wall',
        wallId: 1,
        operator: 'x',
        role: 'watcher',
        signedIn: true,
      };
      const gpx = await station.host.dispatch(
        'tracks.exportGpx',
        { unitId: 'U-C001', fromMs: 0, toMs: 1000 },
        wall,
      );
      expect(gpx).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const tile = await station.tiles(11, 1689, 808);
      expect(tile && sniffTile(tile.bytes)).toBe('png');
      const info = await station.host.dispatch('map.tileInfo', {}, desk);
      expect(info.ok && (info.value as { cachedTiles: number }).cachedTiles).toBe(1);
    } finally {
      await station.stop();
    }
  }, 30_000);
});
