/**
 * A wall that shows the tactical map full-screen (issue #5): the desk sets the wall's layout to
 * `{ kind: 'map' }`, the core keeps it as one cell with layoutId `map` (the wall window draws the
 * map for it), tile 0 keeps its camera for when a tile layout comes back, a wall window may not
 * set it, and it is still the map after the station restarts.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { WallState } from '../../../shared/api';
import { LayoutChoiceSchema, MAP_LAYOUT_ID } from '../../../shared/domain/layouts';
import type { Station } from '../../../electron/station';
import { smallCatalog, startFileStation } from '../../shared/file-station';
import { signInAs } from '../../sign-in';
import { call, tempDir, value } from '../../integration/station/helpers';

const catalog = smallCatalog(['cam-a', 'cam-b']);

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

describe('the map as a wall layout', () => {
  it('the choice is just { kind: "map" }', () => {
    expect(LayoutChoiceSchema.safeParse({ kind: 'map' }).success).toBe(true);
    expect(LayoutChoiceSchema.safeParse({ kind: 'map', zoom: 3 }).success).toBe(false);
  });

  it('one cell, layoutId map, tile 0 kept, back to tiles, and kept across a restart', async () => {
    const dataDir = tempDir('vigil-wall-map-');
    dirs.push(dataDir);
    const station = await start(dataDir);
    await value(station, 'wall.assign', { wallId: 2, tileIndex: 0, cameraId: 'cam-a' });
    await value(station, 'wall.assign', { wallId: 2, tileIndex: 1, cameraId: 'cam-b' });
    const map = await value<WallState>(station, 'wall.setLayout', {
      wallId: 2,
      layout: { kind: 'map' },
    });
    expect(map.layout.layoutId).toBe(MAP_LAYOUT_ID);
    expect(map.layout.cells).toHaveLength(1);
    expect(map.tiles.map((t) => t.cameraId)).toEqual(['cam-a']);

    await station.stop();
    stations.splice(stations.indexOf(station), 1);
    const again = await start(dataDir);
    const walls = await value<WallState[]>(again, 'wall.list', {});
    expect(walls.find((w) => w.wallId === 2)!.layout.layoutId).toBe(MAP_LAYOUT_ID);

    const tiles = await value<WallState>(again, 'wall.setLayout', {
      wallId: 2,
      layout: { kind: 'preset', id: '4' },
    });
    expect(tiles.tiles.map((t) => t.cameraId)).toEqual(['cam-a', null, null, null]);
  });

  it('a wall window may not put the map on a wall', async () => {
    const dataDir = tempDir('vigil-wall-map-');
    dirs.push(dataDir);
    const station = await start(dataDir);
    const answer = await call(
      station,
      'wall.setLayout',
      { wallId: 1, layout: { kind: 'map' } },
      { window: 'wall', wallId: 1, operator: '值机员甲', role: 'watcher', signedIn: true },
    );
    expect(answer.ok).toBe(false);
  });
});
