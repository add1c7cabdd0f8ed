/** Walls and what each tile shows, persisted so a wall restores its last layout at start. */
import type { CacheDatabase } from './database';

export interface StoredWall {
  wallId: number;
  name: string;
  cols: number;
  rows: number;
}

export class WallStore {
  constructor(
    private readonly db: CacheDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates missing walls and applies the configured layout to all of them. */
  ensureWalls(walls: readonly StoredWall[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO walls (wall_id, name, cols, rows) VALUES (?, ?, ?, ?)
       ON CONFLICT (wall_id) DO UPDATE SET name = excluded.name, cols = excluded.cols, rows = excluded.rows`,
    );
    this.db.transaction(() => {
      for (const w of walls) upsert.run(w.wallId, w.name, w.cols, w.rows);
    })();
  }

  /** tile index → camera id (or null) for the tiles ever assigned on this wall. */
  tiles(wallId: number): Map<number, string | null> {
    const rows = this.db
      .prepare('SELECT tile_index, camera_id FROM wall_tiles WHERE wall_id = ?')
      .all(wallId) as { tile_index: number; camera_id: string | null }[];
    return new Map(rows.map((r) => [r.tile_index, r.camera_id]));
  }

  /** True when no tile was ever saved (a first run). */
  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM wall_tiles LIMIT 1').get() === undefined;
  }

  assign(wallId: number, tileIndex: number, cameraId: string | null): void {
    this.db
      .prepare(
        `INSERT INTO wall_tiles (wall_id, tile_index, camera_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (wall_id, tile_index) DO UPDATE
           SET camera_id = excluded.camera_id, updated_at = excluded.updated_at`,
      )
      .run(wallId, tileIndex, cameraId, this.now());
  }

  /** Several assignments at once (a default view, a page of a tour). */
  assignMany(
    items: readonly { wallId: number; tileIndex: number; cameraId: string | null }[],
  ): void {
    this.db.transaction(() => {
      for (const i of items) this.assign(i.wallId, i.tileIndex, i.cameraId);
    })();
  }
}
