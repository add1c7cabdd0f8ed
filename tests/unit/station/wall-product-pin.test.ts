/**
 * A product pinned to a wall as a full-screen dashboard (issue #17 item 6): the desk sets the
 * wall's layout to `{ kind: 'product', product }`, the core keeps the pin in the layout (one
 * cell, layoutId `product`) across a restart, and the wall's window, with nobody signed in, may
 * read the product its own wall shows (`analysis.wallProduct`), and no other wall's.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { WallState } from '../../../shared/api';
import { LayoutChoiceSchema, PRODUCT_LAYOUT_ID } from '../../../shared/domain/layouts';
import type { Station } from '../../../electron/station';
import { smallCatalog, startFileStation } from '../../shared/file-station';
import { signInAs } from '../../sign-in';
import { call, tempDir, value } from '../../integration/station/helpers';

const catalog = smallCatalog(['cam-a']);
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

const wallWindow = (wallId: number) =>
  ({ window: 'wall', wallId, operator: '', role: 'watcher', signedIn: false }) as const;

describe('a product pinned to a wall', () => {
  it('the choice names a product kind, optionally a day and an area; anything else is refused', () => {
    const ok = (product: unknown) =>
      LayoutChoiceSchema.safeParse({ kind: 'product', product }).success;
    expect(ok({ kind: 'weekly' })).toBe(true);
    expect(ok({ kind: 'daily', date: '2026-12-02', areaId: 'g1' })).toBe(true);
    expect(ok({ kind: 'hourly' })).toBe(false);
    expect(ok({ kind: 'daily', date: '2026-12-2' })).toBe(false);
    expect(ok({ kind: 'daily', extra: 1 })).toBe(false);
  });

  it('is kept across a restart, and tiles come back when it is unpinned', async () => {
    const dataDir = tempDir('vigil-wall-product-');
    dirs.push(dataDir);
    const station = await start(dataDir);
    await value(station, 'wall.assign', { wallId: 1, tileIndex: 0, cameraId: 'cam-a' });
    const pinned = await value<WallState>(station, 'wall.setLayout', {
      wallId: 1,
      layout: { kind: 'product', product: { kind: 'weekly' } },
    });
    expect(pinned.layout).toMatchObject({
      layoutId: PRODUCT_LAYOUT_ID,
      product: { kind: 'weekly' },
    });
    expect(pinned.layout.cells).toHaveLength(1);

    await station.stop();
    stations.splice(stations.indexOf(station), 1);
    const again = await start(dataDir);
    const wall = await value<WallState>(again, 'wall.get', { wallId: 1 });
    expect(wall.layout).toMatchObject({ layoutId: PRODUCT_LAYOUT_ID, product: { kind: 'weekly' } });

    const tiles = await value<WallState>(again, 'wall.setLayout', {
      wallId: 1,
      layout: { kind: 'preset', id: '4' },
    });
    expect(tiles.layout.product).toBeUndefined();
    expect(tiles.tiles.map((t) => t.cameraId)).toEqual(['cam-a', null, null, null]);
  });

  it('a named view keeps the pin', async () => {
    const dataDir = tempDir('vigil-wall-product-');
    dirs.push(dataDir);
    const station = await start(dataDir);
    const product = { kind: 'daily', date: '2026-12-02' };
    await value(station, 'wall.setLayout', { wallId: 1, layout: { kind: 'product', product } });
    await value(station, 'view.save', { name: '研判', wallIds: [1] });
    await value(station, 'wall.setLayout', { wallId: 1, layout: { kind: 'preset', id: '4' } });
    const [wall] = await value<WallState[]>(station, 'view.load', { name: '研判' });
    expect(wall!.layout).toMatchObject({ layoutId: PRODUCT_LAYOUT_ID, product });
  });

  it('a wall reads only the product its own wall shows, signed in or not', async () => {
    const dataDir = tempDir('vigil-wall-product-');
    dirs.push(dataDir);
    const station = await start(dataDir);
    await value(station, 'wall.setLayout', {
      wallId: 1,
      layout: { kind: 'product', product: { kind: 'weekly' } },
    });
    // Its own wall: past the door (the answer is the product, or why the station has none yet).
    const own = await call(station, 'analysis.wallProduct', { wallId: 1 }, wallWindow(1));
    if (!own.ok) expect(own.error.code).not.toBe('forbidden');
    // Another wall's: refused at the door.
    const other = await call(station, 'analysis.wallProduct', { wallId: 1 }, wallWindow(2));
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A wall with no product pinned has none to read.
    const none = await call(station, 'analysis.wallProduct', { wallId: 2 }, wallWindow(2));
    expect(none).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // The wall may not read any other product.
    const any = await call(station, 'analysis.product', { kind: 'weekly' }, wallWindow(1));
    expect(any.ok).toBe(false);
  });
});
