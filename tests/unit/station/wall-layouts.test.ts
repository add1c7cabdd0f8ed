/**
 * The wall capability through the real core (createStation on a catalog file, SQLite in a temp
 * folder): layouts, swaps, groups, custom layouts and views, validated at the door, and all of it
 * back exactly after the station stops and starts again on the same data.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller, WallState } from '../../../shared/api';
import type { SavedLayout, SendGroupResult, WallView } from '../../../shared/contract/wall';
import { gridLayout, mergeCells, presetLayout } from '../../../shared/domain/layouts';
import type { Station } from '../../../electron/station';
import { smallCatalog, startFileStation } from '../../shared/file-station';
import { signInAs } from '../../sign-in';
import { openDatabase } from '../../../electron/station/cache/database';
import { call, desk, tempDir, value } from '../../integration/station/helpers';

const wallCaller = (wallId: number): Caller => ({
  window: 'wall',
  wallId,
  operator: '值机员甲',
  role: 'watcher',
  signedIn: true,
});

const cameraIds = Array.from({ length: 40 }, (_, i) => `cam-${String(i).padStart(2, '0')}`);
const catalog = smallCatalog(cameraIds);

const dirs: string[] = [];
const stations: Station[] = [];
afterEach(async () => {
  for (const s of stations.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<Station> {
  const station = await startFileStation(dataDir, catalog);
  stations.push(station);
  await signInAs(station);
  return station;
}

async function fresh(): Promise<{ station: Station; dataDir: string }> {
  const dataDir = tempDir('vigil-wall-');
  dirs.push(dataDir);
  return { station: await start(dataDir), dataDir };
}

const cams = (w: WallState) => w.tiles.map((t) => t.cameraId);

describe('wall layouts through the core', () => {
  it('starts on the configured 2×2 grid, unnamed, labelled by number in the renderer', async () => {
    const { station } = await fresh();
    const walls = await value<WallState[]>(station, 'wall.list', {});
    expect(walls).toHaveLength(2);
    expect(walls[0]!.layout).toEqual({ ...gridLayout(2, 2), layoutId: '4' });
    expect(walls[0]!.name).toBeUndefined();
  });

  it('setLayout keeps cameras in the first tiles, grows empty, shrinks by dropping the last', async () => {
    const { station } = await fresh();
    for (let i = 0; i < 4; i++) {
      await value(station, 'wall.assign', { wallId: 1, tileIndex: i, cameraId: cameraIds[i] });
    }
    const nine = await value<WallState>(station, 'wall.setLayout', {
      wallId: 1,
      layout: { kind: 'preset', id: '9' },
    });
    expect(nine.tiles).toHaveLength(9);
    expect(cams(nine)).toEqual([...cameraIds.slice(0, 4), null, null, null, null, null]);
    const one = await value<WallState>(station, 'wall.setLayout', {
      wallId: 1,
      layout: { kind: 'preset', id: '1' },
    });
    expect(cams(one)).toEqual([cameraIds[0]]);
    // Shrinking forgot tiles 1..3: growing again shows them empty, not stale cameras.
    const four = await value<WallState>(station, 'wall.setLayout', {
      wallId: 1,
      layout: { kind: 'preset', id: '4' },
    });
    expect(cams(four)).toEqual([cameraIds[0], null, null, null]);
    expect(four.layout.layoutId).toBe('4');
  });

  it('swaps within a wall and across walls; sends a group from tile 0 and clears the rest', async () => {
    const { station } = await fresh();
    await value(station, 'wall.assign', { wallId: 1, tileIndex: 0, cameraId: 'cam-00' });
    await value(station, 'wall.assign', { wallId: 1, tileIndex: 3, cameraId: 'cam-03' });
    const [w1] = await value<WallState[]>(station, 'wall.swap', { wallId: 1, a: 0, b: 3 });
    expect(cams(w1!)).toEqual(['cam-03', null, null, 'cam-00']);

    await value(station, 'wall.assign', { wallId: 2, tileIndex: 1, cameraId: 'cam-21' });
    const across = await value<WallState[]>(station, 'wall.swap', {
      from: { wallId: 1, tileIndex: 0 },
      to: { wallId: 2, tileIndex: 1 },
    });
    expect(across.map((w) => w.wallId)).toEqual([1, 2]);
    expect(across[0]!.tiles[0]!.cameraId).toBe('cam-21');
    expect(across[1]!.tiles[1]!.cameraId).toBe('cam-03');

    await value(station, 'wall.setLayout', { wallId: 2, layout: { kind: 'preset', id: '16' } });
    const sent = await value<WallState & { placed: number }>(station, 'wall.sendGroup', {
      wallId: 2,
      cameraIds: cameraIds.slice(0, 20),
    });
    expect(sent.placed).toBe(16);
    expect(cams(sent)).toEqual(cameraIds.slice(0, 16));
    // What did not fit is said, not dropped in silence (issue #15).
    const told = sent as SendGroupResult;
    expect(told.tileCount).toBe(16);
    expect(told.placedIds).toEqual(cameraIds.slice(0, 16));
    expect(told.notPlaced).toEqual(cameraIds.slice(16, 20));
    expect(told.duplicates).toBe(0);
    const repeated = await value<SendGroupResult>(station, 'wall.sendGroup', {
      wallId: 2,
      cameraIds: ['cam-30', 'cam-30', 'cam-31'],
    });
    expect(repeated).toMatchObject({ placed: 2, duplicates: 1, notPlaced: [] });
    const small = await value<WallState & { placed: number }>(station, 'wall.sendGroup', {
      wallId: 2,
      cameraIds: ['cam-30', 'cam-31'],
    });
    expect(cams(small).filter(Boolean)).toEqual(['cam-30', 'cam-31']);
    expect(small.placed).toBe(2);
  });

  it('refuses bad input with clear errors, and wall windows may not change walls', async () => {
    const { station } = await fresh();
    const bad = await call(station, 'wall.setLayout', {
      wallId: 1,
      layout: {
        kind: 'custom',
        layout: { cols: 2, rows: 2, cells: [{ col: 0, row: 0, colSpan: 1, rowSpan: 1 }] },
      },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(!bad.ok && bad.error.message).toMatch(/uncovered/);
    expect(
      await call(station, 'wall.setLayout', { wallId: 9, layout: { kind: 'preset', id: '4' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/no wall 9/) },
    });
    expect(
      await call(station, 'wall.setLayout', { wallId: 1, layout: { kind: 'saved', name: '无' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/no saved layout "无"/) },
    });
    expect(await call(station, 'wall.swap', { wallId: 1, a: 0, b: 4 })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/no tile 4/) },
    });
    expect(await call(station, 'wall.sendGroup', { wallId: 1, cameraIds: [] })).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    expect(
      await call(station, 'wall.sendGroup', { wallId: 1, cameraIds: ['cam-00', 'nope'] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/camera nope/) },
    });
    expect(await call(station, 'view.save', { name: '' })).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringMatching(/a name is required/) },
    });
    expect(await call(station, 'view.load', { name: '不存在' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(
      await call(
        station,
        'wall.setLayout',
        { wallId: 1, layout: { kind: 'preset', id: '4' } },
        wallCaller(1),
      ),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A wall window reports only for its own wall, and only short state words.
    expect(
      await call(station, 'wall.reportTiles', { wallId: 2, tiles: [] }, wallCaller(1)),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await call(
        station,
        'wall.reportTiles',
        { wallId: 1, tiles: [{ index: 0, state: 'Playing!' }] },
        wallCaller(1),
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringMatching(/kebab-case/) },
    });
    expect(await call(station, 'wall.reportTiles', { wallId: 1, tiles: [] }, desk)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('tile reports become wall.tiles events once per change; identify is an event', async () => {
    const { station } = await fresh();
    const seen: string[] = [];
    station.events.on((e) => seen.push(e.stream));
    const report = {
      wallId: 1,
      tiles: [
        { index: 0, state: 'playing' },
        { index: 1, state: 'stalled' },
      ],
    };
    await value(station, 'wall.reportTiles', report, wallCaller(1));
    await value(station, 'wall.reportTiles', report, wallCaller(1));
    expect(seen.filter((s) => s === 'wall.tiles')).toHaveLength(1);
    const reports = await value<{ wallId: number; tiles: unknown[] }[]>(
      station,
      'wall.tileReports',
      {},
    );
    expect(reports[0]).toMatchObject({ wallId: 1, tiles: report.tiles });
    const { until } = await value<{ until: number }>(station, 'wall.identify', {});
    expect(until).toBeGreaterThan(Date.now() + 4000);
    expect(seen).toContain('wall.identify');
  });

  it('custom layouts, views and every wall come back exactly after a restart', async () => {
    const { station, dataDir } = await fresh();
    const cross = mergeCells(gridLayout(3, 3), { col: 0, row: 0, colSpan: 2, rowSpan: 2 });
    await value<SavedLayout>(station, 'layout.save', { name: '大一小五', layout: cross });
    await value(station, 'wall.setLayout', {
      wallId: 1,
      layout: { kind: 'saved', name: '大一小五' },
    });
    await value(station, 'wall.sendGroup', { wallId: 1, cameraIds: cameraIds.slice(0, 6) });
    await value(station, 'wall.setLayout', { wallId: 2, layout: { kind: 'preset', id: '13' } });
    await value(station, 'wall.sendGroup', { wallId: 2, cameraIds: cameraIds.slice(10, 23) });
    await value(station, 'wall.rename', { wallId: 2, name: '指挥大屏' });
    const before = await value<WallState[]>(station, 'wall.list', {});
    const saved = await value<WallView>(station, 'view.save', { name: '夜间河道' });
    expect(saved.walls.map((w) => w.wallId)).toEqual([1, 2]);

    // Change everything, then restart the station on the same data.
    await value(station, 'wall.setLayout', { wallId: 1, layout: { kind: 'preset', id: '16' } });
    await value(station, 'wall.sendGroup', { wallId: 2, cameraIds: ['cam-39'] });
    const changed = await value<WallState[]>(station, 'wall.list', {});
    await station.stop();
    stations.splice(stations.indexOf(station), 1);

    const again = await start(dataDir);
    expect(await value<WallState[]>(again, 'wall.list', {})).toEqual(changed);
    expect((await value<SavedLayout[]>(again, 'layout.list', {})).map((l) => l.name)).toEqual([
      '大一小五',
    ]);
    const loaded = await value<WallState[]>(again, 'view.load', { name: '夜间河道' });
    expect(loaded.map((w) => ({ ...w, name: undefined }))).toEqual(
      before.map((w) => ({ ...w, name: undefined })),
    );
    expect(loaded[0]!.layout).toEqual({ ...cross, layoutId: 'custom:大一小五' });
    expect(cams(loaded[1]!)).toEqual(cameraIds.slice(10, 23));
    expect(loaded[1]!.layout.cells[0]).toEqual(presetLayout('13').cells[0]);
    expect((await value<WallState>(again, 'wall.get', { wallId: 2 })).name).toBe('指挥大屏');

    expect(await value(again, 'view.delete', { name: '夜间河道' })).toEqual({ deleted: true });
    expect(await value(again, 'view.delete', { name: '夜间河道' })).toEqual({ deleted: false });
    expect(await value(again, 'layout.delete', { name: '大一小五' })).toEqual({ deleted: true });
    expect(await value(again, 'view.list', {})).toEqual([]);
  });

  it('a view or layout row broken in the cache is skipped, not drawn', async () => {
    const { station, dataDir } = await fresh();
    await value(station, 'view.save', { name: 'good' });
    await station.stop();
    stations.splice(0);
    const db = openDatabase(join(dataDir, 'vigil.db'));
    db.prepare(`INSERT INTO wall_views (name, body, saved_at) VALUES ('bad', ?, 1)`).run(
      JSON.stringify({
        walls: [
          { wallId: 1, layout: { cols: 2, rows: 2, cells: [], layoutId: null }, cameras: [] },
        ],
      }),
    );
    db.prepare(`UPDATE walls SET layout = ? WHERE wall_id = 2`).run(
      JSON.stringify({
        cols: 2,
        rows: 2,
        cells: [{ col: 0, row: 0, colSpan: 3, rowSpan: 1 }],
        layoutId: null,
      }),
    );
    db.close();
    const again = await start(dataDir);
    expect((await value<WallView[]>(again, 'view.list', {})).map((v) => v.name)).toEqual(['good']);
    // Wall 2's broken layout falls back to the configured grid.
    expect((await value<WallState>(again, 'wall.get', { wallId: 2 })).layout.cells).toHaveLength(4);
  });
});
