/**
 * Walls (layout, operator-given name), what each tile shows, the custom layouts and the named
 * views, persisted so a wall restores exactly what it showed after a restart or a crash. JSON
 * bodies read back are validated: a row a person (or a bug) broke is skipped and logged, never
 * drawn.
 */
import { z } from 'zod';
import type {
  SavedLayout,
  ViewWall,
  WallLayoutState,
  WallView,
} from '../../../shared/contract/wall';
import { ProductPinSchema } from '../../../shared/contract/analysis';
import { GridLayoutSchema, layoutErrors } from '../../../shared/domain/layouts';
import type { CacheDatabase } from './database';

export interface StoredWall {
  wallId: number;
  /** '' when the operator gave none. */
  name: string;
  /** null: the configured grid. */
  layout: WallLayoutState | null;
}

const LayoutStateSchema = z
  .object({
    cols: z.number(),
    rows: z.number(),
    cells: z.array(z.unknown()),
    layoutId: z.string().max(200).nullable(),
    product: ProductPinSchema.optional(),
  })
  .transform((v, ctx): WallLayoutState => {
    const grid = GridLayoutSchema.safeParse({ cols: v.cols, rows: v.rows, cells: v.cells });
    if (!grid.success) {
      ctx.addIssue({ code: 'custom', message: grid.error.issues.map((i) => i.message).join('; ') });
      return z.NEVER;
    }
    return { ...grid.data, layoutId: v.layoutId, ...(v.product ? { product: v.product } : {}) };
  });

const ViewBodySchema = z.object({
  walls: z.array(
    z.object({
      wallId: z.number().int().min(1).max(64),
      layout: LayoutStateSchema,
      cameras: z.array(z.string().min(1).max(64).nullable()).max(256),
    }),
  ),
});

export class WallStore {
  constructor(
    private readonly db: CacheDatabase,
    private readonly now: () => number = Date.now,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Creates missing walls; a wall already stored keeps its layout and name. */
  ensureWalls(walls: readonly { wallId: number; cols: number; rows: number }[]): void {
    const insert = this.db.prepare(
      `INSERT INTO walls (wall_id, name, cols, rows, layout) VALUES (?, '', ?, ?, NULL)
       ON CONFLICT (wall_id) DO UPDATE SET cols = excluded.cols, rows = excluded.rows
         WHERE walls.layout IS NULL`,
    );
    this.db.transaction(() => {
      for (const w of walls) insert.run(w.wallId, w.cols, w.rows);
    })();
  }

  wall(wallId: number): StoredWall | null {
    const row = this.db
      .prepare('SELECT wall_id, name, layout FROM walls WHERE wall_id = ?')
      .get(wallId) as { wall_id: number; name: string; layout: string | null } | undefined;
    if (!row) return null;
    let layout: WallLayoutState | null = null;
    if (row.layout !== null) {
      layout = this.parse(LayoutStateSchema, row.layout, `wall ${wallId}'s layout`);
    }
    return { wallId, name: row.name, layout };
  }

  setLayout(wallId: number, layout: WallLayoutState): void {
    const errors = layoutErrors(layout);
    if (errors.length > 0) throw new Error(`refusing to store a bad layout: ${errors.join('; ')}`);
    this.db
      .prepare('UPDATE walls SET layout = ?, cols = ?, rows = ? WHERE wall_id = ?')
      .run(JSON.stringify(layout), layout.cols, layout.rows, wallId);
    // Tiles beyond the new layout are gone; the first ones keep their cameras.
    this.db
      .prepare('DELETE FROM wall_tiles WHERE wall_id = ? AND tile_index >= ?')
      .run(wallId, layout.cells.length);
  }

  setName(wallId: number, name: string): void {
    this.db.prepare('UPDATE walls SET name = ? WHERE wall_id = ?').run(name, wallId);
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

  // ---- custom layouts ----------------------------------------------------------------------

  layouts(): SavedLayout[] {
    const rows = this.db
      .prepare('SELECT name, body, updated_at FROM wall_layouts ORDER BY name')
      .all() as { name: string; body: string; updated_at: number }[];
    return rows.flatMap((r) => {
      const grid = this.parse(GridLayoutSchema, r.body, `layout "${r.name}"`);
      return grid ? [{ name: r.name, ...grid, updatedAt: r.updated_at }] : [];
    });
  }

  layout(name: string): SavedLayout | null {
    return this.layouts().find((l) => l.name === name) ?? null;
  }

  saveLayout(layout: SavedLayout): void {
    const { name, cols, rows, cells, updatedAt } = layout;
    this.db
      .prepare(
        `INSERT INTO wall_layouts (name, body, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(name, JSON.stringify({ cols, rows, cells }), updatedAt);
  }

  deleteLayout(name: string): boolean {
    return this.db.prepare('DELETE FROM wall_layouts WHERE name = ?').run(name).changes > 0;
  }

  // ---- views -------------------------------------------------------------------------------

  views(): WallView[] {
    const rows = this.db
      .prepare('SELECT name, body, saved_at FROM wall_views ORDER BY name')
      .all() as { name: string; body: string; saved_at: number }[];
    return rows.flatMap((r) => {
      const body = this.parse(ViewBodySchema, r.body, `view "${r.name}"`);
      return body ? [{ name: r.name, savedAt: r.saved_at, walls: body.walls as ViewWall[] }] : [];
    });
  }

  view(name: string): WallView | null {
    return this.views().find((v) => v.name === name) ?? null;
  }

  saveView(view: WallView): void {
    this.db
      .prepare(
        `INSERT INTO wall_views (name, body, saved_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at`,
      )
      .run(view.name, JSON.stringify({ walls: view.walls }), view.savedAt);
  }

  deleteView(name: string): boolean {
    return this.db.prepare('DELETE FROM wall_views WHERE name = ?').run(name).changes > 0;
  }

  private parse<T>(schema: z.ZodType<T>, text: string, what: string): T | null {
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      this.log(`walls: ignoring ${what} in the cache: ${parsed.error.issues[0]?.message ?? ''}`);
    } catch (error) {
      this.log(`walls: ignoring ${what} in the cache: ${String(error)}`);
    }
    return null;
  }
}
