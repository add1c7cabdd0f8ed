/** Small builders for the map tests: a real PNG, an MBTiles package, a temp folder. */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export const tempDir = (prefix = 'vigil-map-'): string => mkdtempSync(join(tmpdir(), prefix));

/** A 4×4 PNG of one colour. */
export function pngTile(r = 10, g = 20, b = 30): Buffer {
  const png = new PNG({ width: 4, height: 4 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([r, g, b, 255], i);
  return PNG.sync.write(png);
}

/** Writes an MBTiles file with the given tiles (z, x, TMS row, bytes) and metadata. */
export function writePackage(
  file: string,
  tiles: [number, number, number, Buffer][],
  metadata: Record<string, string> = { name: 'test', format: 'png' },
  schema = `CREATE TABLE metadata (name TEXT, value TEXT);
    CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);`,
): string {
  const db = new Database(file);
  db.exec(schema);
  const meta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries(metadata)) meta.run(k, v);
  if (tiles.length > 0) {
    const put = db.prepare(
      'INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)',
    );
    for (const t of tiles) put.run(...t);
  }
  db.close();
  return file;
}
