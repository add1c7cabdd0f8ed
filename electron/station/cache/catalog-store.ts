/**
 * The cached catalog: replaced whole (one transaction) when a new valid catalog arrives, so a
 * reader sees the old catalog or the new one, never half of each. Camera status updates from
 * realtime write through to it, so a restart shows the last known status.
 */
import type { Area, Camera, CameraStatus, Catalog, LinkState } from '../../../shared/api';
import type { CacheDatabase } from './database';

export type CatalogSource = Exclude<LinkState['catalogSource'], 'cache' | 'none'>;

export interface CachedCatalog {
  catalog: Catalog;
  /** Where it was fetched from the last time. */
  source: CatalogSource;
  /** ms since epoch of the last fetch (or 304 confirmation). */
  fetchedAt: number;
}

interface CameraRow {
  id: string;
  name: string;
  grid_id: string;
  kind: Camera['kind'];
  lat: number;
  lng: number;
  heading: number | null;
  fov: number | null;
  range: number | null;
  live_url: string;
  sub_url: string | null;
  playback_url_template: string | null;
  maintainer: string | null;
  status: CameraStatus;
}

interface AreaRow {
  id: string;
  name: string;
  level: Area['level'];
  parent_id: string | null;
}

function cameraFromRow(r: CameraRow): Camera {
  const camera: Camera = {
    id: r.id,
    name: r.name,
    gridId: r.grid_id,
    kind: r.kind,
    lat: r.lat,
    lng: r.lng,
    liveUrl: r.live_url,
    status: r.status,
  };
  if (r.heading !== null) camera.heading = r.heading;
  if (r.fov !== null) camera.fov = r.fov;
  if (r.range !== null) camera.range = r.range;
  if (r.sub_url !== null) camera.subUrl = r.sub_url;
  if (r.playback_url_template !== null) camera.playbackUrlTemplate = r.playback_url_template;
  if (r.maintainer !== null) camera.maintainer = r.maintainer;
  return camera;
}

export class CatalogStore {
  constructor(private readonly db: CacheDatabase) {}

  /** The cached catalog, or null when nothing was ever fetched. */
  load(): CachedCatalog | null {
    const meta = this.meta();
    const version = meta.get('catalog_version');
    if (version === undefined) return null;
    const areas = (
      this.db
        .prepare('SELECT id, name, level, parent_id FROM areas ORDER BY ord')
        .all() as AreaRow[]
    ).map((r) => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id }));
    const cameras = (
      this.db.prepare('SELECT * FROM cameras ORDER BY ord').all() as CameraRow[]
    ).map(cameraFromRow);
    return {
      catalog: { version, areas, cameras },
      source: (meta.get('catalog_source') as CatalogSource | undefined) ?? 'platform',
      fetchedAt: Number(meta.get('catalog_fetched_at') ?? 0),
    };
  }

  /** The cached version (for If-None-Match), without loading the catalog. */
  version(): string | null {
    return this.meta().get('catalog_version') ?? null;
  }

  /** Replaces the whole catalog in one transaction. The catalog must already be validated. */
  replace(catalog: Catalog, source: CatalogSource, fetchedAt: number): void {
    const insertArea = this.db.prepare(
      'INSERT INTO areas (id, name, level, parent_id, ord) VALUES (?, ?, ?, ?, ?)',
    );
    const insertCamera = this.db.prepare(
      `INSERT INTO cameras (id, name, grid_id, kind, lat, lng, heading, fov, range, live_url,
         sub_url, playback_url_template, status, ord, maintainer)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      this.db.exec('DELETE FROM areas; DELETE FROM cameras;');
      catalog.areas.forEach((a, i) => insertArea.run(a.id, a.name, a.level, a.parentId, i));
      catalog.cameras.forEach((c, i) =>
        insertCamera.run(
          c.id,
          c.name,
          c.gridId,
          c.kind,
          c.lat,
          c.lng,
          c.heading ?? null,
          c.fov ?? null,
          c.range ?? null,
          c.liveUrl,
          c.subUrl ?? null,
          c.playbackUrlTemplate ?? null,
          c.status,
          i,
          c.maintainer ?? null,
        ),
      );
      this.setMeta('catalog_version', catalog.version);
      this.setMeta('catalog_source', source);
      this.setMeta('catalog_fetched_at', String(fetchedAt));
    })();
  }

  /** The platform said 304: the cache is current as of now. */
  confirm(fetchedAt: number): void {
    this.setMeta('catalog_fetched_at', String(fetchedAt));
  }

  /** Returns true when the camera exists and its status changed. */
  setStatus(cameraId: string, status: CameraStatus): boolean {
    const info = this.db
      .prepare('UPDATE cameras SET status = ? WHERE id = ? AND status <> ?')
      .run(status, cameraId, status);
    return info.changes > 0;
  }

  hasCamera(cameraId: string): boolean {
    return this.db.prepare('SELECT 1 FROM cameras WHERE id = ?').get(cameraId) !== undefined;
  }

  getCamera(cameraId: string): Camera | null {
    const row = this.db.prepare('SELECT * FROM cameras WHERE id = ?').get(cameraId) as
      CameraRow | undefined;
    return row ? cameraFromRow(row) : null;
  }

  private meta(): Map<string, string> {
    const rows = this.db.prepare('SELECT key, value FROM meta').all() as {
      key: string;
      value: string;
    }[];
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  private setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }
}
