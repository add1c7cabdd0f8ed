/**
 * The map tile cache: an MBTiles 1.3 file (it is SQLite) at dataDir/tiles.mbtiles, with the
 * standard `metadata (name, value)` and `tiles (zoom_level, tile_column, tile_row, tile_data)`
 * tables. MBTiles rows are TMS: row 0 is the SOUTH edge, so an XYZ (Leaflet / slippy map) y is
 * stored as (2^z - 1 - y). Tiles never expire: a base map changes rarely, and an operator who
 * wants a fresh one imports a new offline package or deletes the file.
 *
 * The tiles fetched on demand are bounded (`maxFetchedBytes`, from `map.tileCacheMb`): past it,
 * the least recently used of them are deleted down to 90 % of the bound. Their bookkeeping (size,
 * last use, to the minute) is kept in a table of Vigil's own in the same file, `vigil_tile_use`,
 * so `tiles` stays the standard table any MBTiles reader knows. A tile without a row there was
 * imported from an offline package (or cached before the bound existed) and is never evicted nor
 * counted: an offline package is the operator's choice, and may be all the map a hall has.
 *
 * Offline packages (an MBTiles file from the GIS department or the installer) are merged with
 * `importPackage`: the whole file is validated first (schema, raster format, every row's
 * coordinates in range, every tile an image), then copied in ONE transaction, so a bad file
 * leaves the cache exactly as it was and says what is wrong.
 */
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { TileCrs } from '../../../shared/contract/map';

/** z/x/y in XYZ (slippy map) numbering, as Leaflet asks. */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

export const maxTileZoom = 22;

export function validTileAddress({ z, x, y }: TileAddress): boolean {
  if (![z, x, y].every(Number.isInteger)) return false;
  if (z < 0 || z > maxTileZoom) return false;
  const n = 2 ** z;
  return x >= 0 && x < n && y >= 0 && y < n;
}

export const xyzToTmsRow = (z: number, y: number): number => 2 ** z - 1 - y;

export type TileFormat = 'png' | 'jpg' | 'webp';

/** What the first bytes say the tile is, or null for something that is not a raster image. */
export function sniffTile(bytes: Uint8Array): TileFormat | null {
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47
  ) {
    return 'png';
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpg';
  if (
    bytes.length >= 12 &&
    String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' &&
    String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP'
  ) {
    return 'webp';
  }
  return null;
}

export const contentTypes: Record<TileFormat, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

export class TilePackageError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'TilePackageError';
  }
}

/** The metadata rows an offline package may carry that Vigil reads (MBTiles 1.3, plus `crs`). */
const PackageMetadataSchema = z.object({
  format: z
    .enum(['png', 'jpg', 'jpeg', 'webp'], {
      message: 'format must be png, jpg or webp (a raster package; vector "pbf" is not supported)',
    })
    .optional(),
  minzoom: z.coerce.number().int().min(0).max(maxTileZoom).optional(),
  maxzoom: z.coerce.number().int().min(0).max(maxTileZoom).optional(),
  /** Vigil's extension: the datum the tiles are drawn in. Absent means "as configured". */
  crs: z.enum(['WGS84', 'GCJ02'], { message: 'crs must be WGS84 or GCJ02' }).optional(),
});

export interface ImportResult {
  /** Rows in the package. */
  tiles: number;
  /** Tiles in the cache after the merge. */
  cachedTiles: number;
  minZoom: number | null;
  maxZoom: number | null;
}

export interface MbTilesCacheOptions {
  /** Most bytes of tiles fetched on demand kept; the least recently used go first. Default: no bound. */
  maxFetchedBytes?: number;
  now?: () => number;
}

/** A tile's last use is written at most this often (a map pan reads dozens of tiles). */
const TOUCH_EVERY_MS = 60_000;

export class MbTilesCache {
  private readonly db: Db;
  private readonly getStmt: Statement<[number, number, number]>;
  private readonly putStmt: Statement<[number, number, number, Buffer]>;
  private readonly touchStmt: Statement<[number, number, number, number, number]>;
  private readonly useStmt: Statement<[number, number, number]>;
  private readonly putUseStmt: Statement<[number, number, number, number, number]>;
  private readonly oldestStmt: Statement<[]>;
  private readonly deleteTileStmt: Statement<[number, number, number]>;
  private readonly deleteUseStmt: Statement<[number, number, number]>;
  private countCache: number | null = null;
  /** Bytes of the tiles fetched on demand (the bounded part of the cache). */
  private fetched = 0;
  private readonly now: () => number;
  /** Tiles evicted since the cache was opened. */
  evicted = 0;

  constructor(
    readonly file: string,
    private readonly crs: TileCrs,
    private readonly options: MbTilesCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      // Tiles can be fetched again: NORMAL (a power cut may lose the last few, never corrupt).
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS metadata (name TEXT, value TEXT);
        CREATE UNIQUE INDEX IF NOT EXISTS metadata_name ON metadata (name);
        CREATE TABLE IF NOT EXISTS tiles (
          zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB
        );
        CREATE UNIQUE INDEX IF NOT EXISTS tile_index ON tiles (zoom_level, tile_column, tile_row);
        CREATE TABLE IF NOT EXISTS vigil_tile_use (
          zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL,
          bytes INTEGER NOT NULL, last_used INTEGER NOT NULL,
          PRIMARY KEY (zoom_level, tile_column, tile_row)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS vigil_tile_use_lru ON vigil_tile_use (last_used);
      `);
      const meta = this.db.prepare('INSERT OR IGNORE INTO metadata (name, value) VALUES (?, ?)');
      meta.run('name', 'Vigil tile cache');
      meta.run('format', 'png');
      meta.run('type', 'baselayer');
      meta.run('version', '1');
      meta.run('description', 'Tiles the Vigil station fetched or imported');
      meta.run('crs', crs);
      this.getStmt = this.db.prepare(
        'SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
      );
      this.putStmt = this.db.prepare(
        'INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)',
      );
      this.touchStmt = this.db.prepare(
        `UPDATE vigil_tile_use SET last_used = ?
         WHERE zoom_level = ? AND tile_column = ? AND tile_row = ? AND last_used < ?`,
      );
      this.useStmt = this.db.prepare(
        'SELECT bytes FROM vigil_tile_use WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
      );
      this.putUseStmt = this.db.prepare(
        `INSERT OR REPLACE INTO vigil_tile_use (zoom_level, tile_column, tile_row, bytes, last_used)
         VALUES (?, ?, ?, ?, ?)`,
      );
      this.oldestStmt = this.db.prepare(
        `SELECT zoom_level AS z, tile_column AS x, tile_row AS y, bytes FROM vigil_tile_use
         ORDER BY last_used LIMIT 256`,
      );
      this.deleteTileStmt = this.db.prepare(
        'DELETE FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
      );
      this.deleteUseStmt = this.db.prepare(
        'DELETE FROM vigil_tile_use WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
      );
      this.fetched = this.sumFetched();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  get(t: TileAddress): Buffer | null {
    if (!validTileAddress(t)) return null;
    const row = this.getStmt.get(t.z, t.x, xyzToTmsRow(t.z, t.y)) as
      { tile_data: Buffer } | undefined;
    if (!row) return null;
    const now = this.now();
    this.touchStmt.run(now, t.z, t.x, xyzToTmsRow(t.z, t.y), now - TOUCH_EVERY_MS);
    return row.tile_data;
  }

  /** Stores a tile fetched on demand (counted against the bound; may evict older ones). */
  put(t: TileAddress, bytes: Buffer): void {
    if (!validTileAddress(t)) throw new Error(`bad tile address ${t.z}/${t.x}/${t.y}`);
    const row = xyzToTmsRow(t.z, t.y);
    this.db.transaction(() => {
      const old = this.useStmt.get(t.z, t.x, row) as { bytes: number } | undefined;
      this.putStmt.run(t.z, t.x, row, bytes);
      this.putUseStmt.run(t.z, t.x, row, bytes.length, this.now());
      this.fetched += bytes.length - (old?.bytes ?? 0);
    })();
    this.countCache = null;
    const max = this.options.maxFetchedBytes;
    if (max !== undefined && this.fetched > max) this.evict(Math.floor(max * 0.9));
  }

  /** Bytes of the tiles fetched on demand (what `maxFetchedBytes` bounds). */
  fetchedBytes(): number {
    return this.fetched;
  }

  /** Deletes the least recently used fetched tiles until they take at most `target` bytes. */
  private evict(target: number): void {
    this.db.transaction(() => {
      while (this.fetched > target) {
        const rows = this.oldestStmt.all() as { z: number; x: number; y: number; bytes: number }[];
        if (rows.length === 0) break;
        for (const r of rows) {
          this.deleteTileStmt.run(r.z, r.x, r.y);
          this.deleteUseStmt.run(r.z, r.x, r.y);
          this.fetched -= r.bytes;
          this.evicted++;
          if (this.fetched <= target) break;
        }
      }
    })();
    this.countCache = null;
  }

  private sumFetched(): number {
    return (this.db.prepare('SELECT total(bytes) AS n FROM vigil_tile_use').get() as { n: number })
      .n;
  }

  count(): number {
    this.countCache ??= (
      this.db.prepare('SELECT count(*) AS n FROM tiles').get() as { n: number }
    ).n;
    return this.countCache;
  }

  metadata(): Record<string, string> {
    const rows = this.db.prepare('SELECT name, value FROM metadata').all() as {
      name: string;
      value: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  /** Validates an offline package whole, then merges it in one transaction (see the header). */
  importPackage(path: string): ImportResult {
    if (!existsSync(path)) throw new TilePackageError(path, 'no such file');
    let src: Db;
    try {
      src = new Database(path, { readonly: true, fileMustExist: true });
      src.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      throw new TilePackageError(path, `not an SQLite / MBTiles file (${errorText(error)})`);
    }
    let package_: { tiles: number; minZoom: number | null; maxZoom: number | null };
    try {
      package_ = validatePackage(src, path, this.crs);
    } finally {
      src.close();
    }
    // ATTACH and copy in one statement inside one transaction: all or nothing.
    this.db.prepare('ATTACH DATABASE ? AS pkg').run(path);
    try {
      this.db.transaction(() => {
        this.db.exec(`
          INSERT OR REPLACE INTO main.tiles (zoom_level, tile_column, tile_row, tile_data)
          SELECT zoom_level, tile_column, tile_row, tile_data FROM pkg.tiles;
          -- A tile the package brings is imported now: kept, not counted against the bound.
          DELETE FROM main.vigil_tile_use
          WHERE (zoom_level, tile_column, tile_row) IN
                (SELECT zoom_level, tile_column, tile_row FROM pkg.tiles)`);
      })();
    } finally {
      this.db.exec('DETACH DATABASE pkg');
    }
    this.fetched = this.sumFetched();
    this.countCache = null;
    return { ...package_, cachedTiles: this.count() };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function validatePackage(
  src: Db,
  path: string,
  crs: TileCrs,
): { tiles: number; minZoom: number | null; maxZoom: number | null } {
  const bad = (message: string): never => {
    throw new TilePackageError(path, message);
  };
  const objects = src
    .prepare("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')")
    .all() as { name: string; type: string }[];
  const names = new Set(objects.map((o) => o.name));
  if (!names.has('tiles')) bad('no "tiles" table or view: not an MBTiles file');
  if (!names.has('metadata')) bad('no "metadata" table: not an MBTiles file');
  const columns = new Set(
    (src.prepare('PRAGMA table_info(tiles)').all() as { name: string }[]).map((c) => c.name),
  );
  const missing = ['zoom_level', 'tile_column', 'tile_row', 'tile_data'].filter(
    (c) => !columns.has(c),
  );
  if (missing.length) bad(`"tiles" lacks column(s) ${missing.join(', ')}`);
  const metaColumns = new Set(
    (src.prepare('PRAGMA table_info(metadata)').all() as { name: string }[]).map((c) => c.name),
  );
  if (!metaColumns.has('name') || !metaColumns.has('value')) {
    bad('"metadata" must have columns name and value');
  }
  const metaRows = src.prepare('SELECT name, value FROM metadata').all() as {
    name: unknown;
    value: unknown;
  }[];
  const meta = Object.fromEntries(
    metaRows
      .filter((r) => typeof r.name === 'string' && r.value !== null)
      .map((r) => [r.name as string, String(r.value)]),
  );
  const parsed = PackageMetadataSchema.safeParse(meta);
  if (!parsed.success) {
    bad(
      `metadata: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const m = parsed.data as z.output<typeof PackageMetadataSchema>;
  if (m.crs && m.crs !== crs) {
    bad(
      `the package's tiles are ${m.crs} but this station's map.tileCrs is ${crs}: mixing datums would misplace everything drawn on them`,
    );
  }
  // Every row: integer coordinates in range for its zoom, and a raster image.
  const outOfRange = src
    .prepare(
      `SELECT zoom_level AS z, tile_column AS x, tile_row AS y FROM tiles
       WHERE typeof(zoom_level) != 'integer' OR typeof(tile_column) != 'integer'
          OR typeof(tile_row) != 'integer'
          OR zoom_level < 0 OR zoom_level > ${maxTileZoom}
          OR tile_column < 0 OR tile_row < 0
          OR tile_column >= (1 << zoom_level) OR tile_row >= (1 << zoom_level)
       LIMIT 1`,
    )
    .get() as { z: unknown; x: unknown; y: unknown } | undefined;
  if (outOfRange) {
    bad(
      `tile ${String(outOfRange.z)}/${String(outOfRange.x)}/${String(outOfRange.y)} is out of range`,
    );
  }
  // PNG 89504E47, JPEG FFD8FF, WEBP "RIFF"…"WEBP".
  const notImage = src
    .prepare(
      `SELECT zoom_level AS z, tile_column AS x, tile_row AS y FROM tiles
       WHERE typeof(tile_data) != 'blob'
          OR NOT (hex(substr(tile_data, 1, 4)) = '89504E47'
               OR hex(substr(tile_data, 1, 3)) = 'FFD8FF'
               OR (hex(substr(tile_data, 1, 4)) = '52494646'
                   AND hex(substr(tile_data, 9, 4)) = '57454250'))
       LIMIT 1`,
    )
    .get() as { z: number; x: number; y: number } | undefined;
  if (notImage) {
    bad(
      `tile ${notImage.z}/${notImage.x}/${notImage.y} (TMS row) is not a PNG, JPEG or WebP image`,
    );
  }
  const stats = src
    .prepare('SELECT count(*) AS n, min(zoom_level) AS lo, max(zoom_level) AS hi FROM tiles')
    .get() as { n: number; lo: number | null; hi: number | null };
  if (stats.n === 0) bad('the package has no tiles');
  return { tiles: stats.n, minZoom: stats.lo, maxZoom: stats.hi };
}
