import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MbTilesCache,
  sniffTile,
  TilePackageError,
  xyzToTmsRow,
} from '../../../electron/station/map/mbtiles';
import { pngTile, tempDir, writePackage } from './helpers';

describe('the MBTiles tile cache', () => {
  it('writes and reads tiles by XYZ address, stored as TMS rows', () => {
    const dir = tempDir();
    const cache = new MbTilesCache(join(dir, 'tiles.mbtiles'), 'WGS84');
    const png = pngTile();
    cache.put({ z: 12, x: 3378, y: 1616 }, png);
    expect(cache.get({ z: 12, x: 3378, y: 1616 })?.equals(png)).toBe(true);
    expect(cache.get({ z: 12, x: 3378, y: 1617 })).toBeNull();
    expect(cache.count()).toBe(1);
    expect(cache.metadata()).toMatchObject({ format: 'png', crs: 'WGS84' });
    cache.close();
    // A standard MBTiles reader sees the TMS row (y flipped).
    const db = new Database(join(dir, 'tiles.mbtiles'), { readonly: true });
    const row = db.prepare('SELECT zoom_level, tile_column, tile_row FROM tiles').get();
    expect(row).toEqual({ zoom_level: 12, tile_column: 3378, tile_row: 4095 - 1616 });
    expect(xyzToTmsRow(12, 1616)).toBe(2479);
    db.close();
  });

  it('rejects addresses out of range', () => {
    const cache = new MbTilesCache(join(tempDir(), 'tiles.mbtiles'), 'WGS84');
    expect(cache.get({ z: 2, x: 4, y: 0 })).toBeNull();
    expect(cache.get({ z: 23, x: 0, y: 0 })).toBeNull();
    expect(() => cache.put({ z: 1, x: 0, y: 2 }, pngTile())).toThrow('bad tile address');
    cache.close();
  });

  it('knows PNG, JPEG and WebP by their first bytes', () => {
    expect(sniffTile(pngTile())).toBe('png');
    expect(sniffTile(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(sniffTile(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffTile(Buffer.from('<html>'))).toBeNull();
  });
});

describe('the bound on tiles fetched on demand (map.tileCacheMb)', () => {
  const minute = 60_000;

  it('evicts the least recently used fetched tiles past the bound, keeps imported ones', () => {
    const dir = tempDir();
    let t = 0;
    const tile = pngTile();
    const size = tile.length;
    const file = join(dir, 'tiles.mbtiles');
    const cache = new MbTilesCache(file, 'WGS84', { maxFetchedBytes: 10 * size, now: () => t });
    // An offline package: kept whatever the bound, and not counted against it.
    const pkg = writePackage(
      join(dir, 'pkg.mbtiles'),
      [0, 1, 2, 3].map((x) => [2, x, 0, pngTile(1, 2, 3)] as [number, number, number, Buffer]),
    );
    cache.importPackage(pkg);
    // A tile fetched, then brought by a package too: imported from then on.
    cache.put({ z: 5, x: 0, y: 0 }, tile);
    cache.importPackage(writePackage(join(dir, 'pkg2.mbtiles'), [[5, 0, 31, pngTile(4, 5, 6)]]));

    for (let x = 0; x < 10; x++) {
      t = x * minute;
      cache.put({ z: 10, x, y: 0 }, tile);
    }
    t = 20 * minute;
    expect(cache.get({ z: 10, x: 0, y: 0 })).not.toBeNull(); // x=0 is now the most recent
    t = 21 * minute;
    cache.put({ z: 10, x: 10, y: 0 }, tile); // 11 tiles: over, evicted down to 90 %
    const kept = (x: number) => cache.get({ z: 10, x, y: 0 }) !== null;
    expect([0, 1, 2, 3, 10].map(kept)).toEqual([true, false, false, true, true]);
    for (let x = 0; x < 4; x++) expect(cache.get({ z: 2, x, y: 3 })).not.toBeNull();
    expect(cache.get({ z: 5, x: 0, y: 0 })).not.toBeNull();
    expect(cache.count()).toBe(4 + 1 + 9);
    expect(cache.fetchedBytes()).toBe(9 * size); // the imported tiles not counted
    cache.close();

    // The bookkeeping is beside the standard table, and survives a restart.
    const db = new Database(file, { readonly: true });
    const columns = (db.prepare('PRAGMA table_info(tiles)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual(['zoom_level', 'tile_column', 'tile_row', 'tile_data']);
    db.close();
    const reopened = new MbTilesCache(file, 'WGS84', { maxFetchedBytes: 10 * size, now: () => t });
    expect(reopened.fetchedBytes()).toBe(9 * size);
    reopened.close();
  });

  it('fills without bound when none is given (the import tool)', () => {
    const cache = new MbTilesCache(join(tempDir(), 'tiles.mbtiles'), 'WGS84');
    for (let x = 0; x < 50; x++) cache.put({ z: 8, x, y: 0 }, pngTile());
    expect(cache.count()).toBe(50);
    cache.close();
  });
});

describe('importing an offline package', () => {
  it('merges a good package (TMS rows kept, existing tiles kept)', () => {
    const dir = tempDir();
    const cache = new MbTilesCache(join(dir, 'tiles.mbtiles'), 'GCJ02');
    cache.put({ z: 10, x: 844, y: 404 }, pngTile(1, 1, 1));
    const pkg = writePackage(
      join(dir, 'pkg.mbtiles'),
      [
        [11, 1688, xyzToTmsRow(11, 808), pngTile(2, 2, 2)],
        [11, 1689, xyzToTmsRow(11, 808), pngTile(3, 3, 3)],
      ],
      { name: 'zoucheng', format: 'png', crs: 'GCJ02', minzoom: '11', maxzoom: '11' },
    );
    const r = cache.importPackage(pkg);
    expect(r).toEqual({ tiles: 2, cachedTiles: 3, minZoom: 11, maxZoom: 11 });
    expect(cache.get({ z: 11, x: 1689, y: 808 })?.equals(pngTile(3, 3, 3))).toBe(true);
    expect(cache.get({ z: 10, x: 844, y: 404 })).not.toBeNull();
    cache.close();
  });

  it('accepts a package whose tiles are a view (as many MBTiles writers make them)', () => {
    const dir = tempDir();
    const cache = new MbTilesCache(join(dir, 'tiles.mbtiles'), 'WGS84');
    const db = new Database(join(dir, 'view.mbtiles'));
    db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
      CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);
      CREATE TABLE images (tile_id TEXT, tile_data BLOB);
      CREATE VIEW tiles AS SELECT map.zoom_level, map.tile_column, map.tile_row, images.tile_data
        FROM map JOIN images ON images.tile_id = map.tile_id;`);
    db.prepare("INSERT INTO map VALUES (3, 6, 4, 'a')").run();
    db.prepare("INSERT INTO images VALUES ('a', ?)").run(pngTile());
    db.close();
    expect(cache.importPackage(join(dir, 'view.mbtiles')).tiles).toBe(1);
    expect(cache.get({ z: 3, x: 6, y: 3 })).not.toBeNull();
    cache.close();
  });

  it.each([
    [
      'not SQLite',
      (f: string) => writeFileSync(f, 'PK\u0003\u0004 a zip, not a database'),
      'not an SQLite',
    ],
    [
      'no tiles table',
      (f: string) => writePackage(f, [], {}, 'CREATE TABLE metadata (name TEXT, value TEXT);'),
      'no "tiles"',
    ],
    [
      'a vector package',
      (f: string) => writePackage(f, [[1, 0, 0, pngTile()]], { format: 'pbf' }),
      'raster package',
    ],
    [
      'another datum',
      (f: string) => writePackage(f, [[1, 0, 0, pngTile()]], { format: 'png', crs: 'GCJ02' }),
      'mixing datums',
    ],
    [
      'a row out of range',
      (f: string) =>
        writePackage(f, [
          [1, 0, 0, pngTile()],
          [2, 4, 0, pngTile()],
        ]),
      'tile 2/4/0 is out of range',
    ],
    [
      'a tile that is not an image',
      (f: string) =>
        writePackage(f, [
          [1, 0, 0, pngTile()],
          [1, 1, 1, Buffer.from('<html>404</html>')],
        ]),
      'not a PNG',
    ],
    ['no tiles at all', (f: string) => writePackage(f, []), 'no tiles'],
  ])('rejects %s with a clear error and leaves the cache untouched', (_name, make, message) => {
    const dir = tempDir();
    const cache = new MbTilesCache(join(dir, 'tiles.mbtiles'), 'WGS84');
    cache.put({ z: 5, x: 26, y: 12 }, pngTile());
    const file = join(dir, 'bad.mbtiles');
    make(file);
    let error: unknown;
    try {
      cache.importPackage(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TilePackageError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain(file);
    expect(cache.count()).toBe(1);
    cache.close();
  });

  it('says so when the file does not exist', () => {
    const cache = new MbTilesCache(join(tempDir(), 'tiles.mbtiles'), 'WGS84');
    expect(() => cache.importPackage('/nonexistent/x.mbtiles')).toThrow('no such file');
    cache.close();
  });
});
