/**
 * The walls: for each wall (1..N) its layout (a preset, a saved custom layout or cells given
 * inline; merged cells span several squares) and which camera each tile shows, persisted in the
 * cache so a wall restores exactly at start, with the platform down. Also the operator's custom
 * layouts and named views. Every change is one transaction with its audit entry, then emitted as
 * a `wall` event with the wall's full state.
 */
import type { Caller, Catalog, WallState } from '../../../shared/api';
import type {
  SavedLayout,
  SendGroupResult,
  ViewWall,
  WallLayoutState,
  WallView,
} from '../../../shared/contract/wall';
import {
  gridLayout,
  layoutErrors,
  MAP_LAYOUT_ID,
  presetLayout,
  presetOf,
  PRODUCT_LAYOUT_ID,
  type LayoutChoice,
} from '../../../shared/domain/layouts';
import { VigilError } from '../../../shared/result';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import type { WallStore } from '../cache/wall-store';

export interface WallServiceOptions {
  db: CacheDatabase;
  store: WallStore;
  audit: AuditLog;
  wallCount: number;
  /** The configured grid: a wall nobody changed the layout of shows it. */
  layout: { cols: number; rows: number };
  cameraExists: (cameraId: string) => boolean;
  onChanged: (wall: WallState) => void;
  /** The saved layouts or views changed. */
  onLayouts?: (layouts: SavedLayout[]) => void;
  onViews?: (views: WallView[]) => void;
  now?: () => number;
}

export interface TileRef {
  wallId: number;
  tileIndex: number;
}

export class WallService {
  private readonly now: () => number;

  constructor(private readonly options: WallServiceOptions) {
    this.now = options.now ?? Date.now;
    const { cols, rows } = options.layout;
    options.store.ensureWalls(
      Array.from({ length: options.wallCount }, (_, i) => ({ wallId: i + 1, cols, rows })),
    );
  }

  /** The configured grid, as a layout (a preset's id when it is one). */
  private defaultLayout(): WallLayoutState {
    const grid = gridLayout(this.options.layout.cols, this.options.layout.rows);
    return { ...grid, layoutId: presetOf(grid) };
  }

  private layoutOf(wallId: number): WallLayoutState {
    return this.options.store.wall(wallId)?.layout ?? this.defaultLayout();
  }

  /** How many tiles a wall has now. */
  tileCount(wallId: number): number {
    return this.layoutOf(wallId).cells.length;
  }

  list(): WallState[] {
    return Array.from({ length: this.options.wallCount }, (_, i) => this.state(i + 1));
  }

  get(wallId: number): WallState {
    this.checkWall(wallId);
    return this.state(wallId);
  }

  assign(wallId: number, tileIndex: number, cameraId: string | null, caller: Caller): WallState {
    this.checkWall(wallId);
    this.checkTile(wallId, tileIndex);
    if (cameraId !== null) this.checkCamera(cameraId);
    this.write(caller, 'wall.assign', `wall ${wallId} tile ${tileIndex}`, { cameraId }, () =>
      this.options.store.assign(wallId, tileIndex, cameraId),
    );
    return this.changed(wallId);
  }

  /** Resolves a layout choice (a preset, a saved layout by name, inline cells). */
  resolveLayout(choice: LayoutChoice): WallLayoutState {
    if (choice.kind === 'preset') return { ...presetLayout(choice.id), layoutId: choice.id };
    if (choice.kind === 'map') return { ...presetLayout('1'), layoutId: MAP_LAYOUT_ID };
    if (choice.kind === 'product') {
      return { ...presetLayout('1'), layoutId: PRODUCT_LAYOUT_ID, product: choice.product };
    }
    if (choice.kind === 'saved') {
      const saved = this.options.store.layout(choice.name);
      if (!saved) throw new VigilError('not-found', `there is no saved layout "${choice.name}"`);
      const { cols, rows, cells } = saved;
      return { cols, rows, cells, layoutId: `custom:${saved.name}` };
    }
    const errors = layoutErrors(choice.layout);
    if (errors.length > 0) throw new VigilError('bad-input', `layout: ${errors.join('; ')}`);
    return { ...choice.layout, layoutId: presetOf(choice.layout) };
  }

  /** Changes a wall's layout; tile i keeps its camera while the new layout has a tile i. */
  setLayout(wallId: number, choice: LayoutChoice, caller: Caller): WallState {
    this.checkWall(wallId);
    const layout = this.resolveLayout(choice);
    this.write(
      caller,
      'wall.setLayout',
      `wall ${wallId}`,
      {
        layoutId: layout.layoutId,
        cols: layout.cols,
        rows: layout.rows,
        tiles: layout.cells.length,
        ...(layout.product ? { product: layout.product } : {}),
      },
      () => this.options.store.setLayout(wallId, layout),
    );
    return this.changed(wallId);
  }

  /** Swaps what two tiles show (one wall or two); returns the walls that changed. */
  swap(a: TileRef, b: TileRef, caller: Caller): WallState[] {
    for (const ref of [a, b]) {
      this.checkWall(ref.wallId);
      this.checkTile(ref.wallId, ref.tileIndex);
    }
    const { store } = this.options;
    const cameraA = store.tiles(a.wallId).get(a.tileIndex) ?? null;
    const cameraB = store.tiles(b.wallId).get(b.tileIndex) ?? null;
    this.write(
      caller,
      'wall.swap',
      `wall ${a.wallId} tile ${a.tileIndex} ⇄ wall ${b.wallId} tile ${b.tileIndex}`,
      { a: cameraA, b: cameraB },
      () => {
        store.assign(a.wallId, a.tileIndex, cameraB);
        store.assign(b.wallId, b.tileIndex, cameraA);
      },
    );
    const walls = [...new Set([a.wallId, b.wallId])];
    return walls.map((wallId) => this.changed(wallId));
  }

  /**
   * A group of cameras on a wall from tile 0; the other tiles cleared. Says what was placed and
   * what did not fit (the audit entry too).
   */
  sendGroup(wallId: number, cameraIds: readonly string[], caller: Caller): SendGroupResult {
    this.checkWall(wallId);
    const unique = [...new Set(cameraIds)];
    for (const id of unique) this.checkCamera(id);
    const count = this.tileCount(wallId);
    const placed = unique.slice(0, count);
    const notPlaced = unique.slice(count);
    this.write(
      caller,
      'wall.sendGroup',
      `wall ${wallId}`,
      { cameraIds: placed, ...(notPlaced.length > 0 ? { notPlaced: notPlaced.length } : {}) },
      () => {
        for (let i = 0; i < count; i++) this.options.store.assign(wallId, i, placed[i] ?? null);
      },
    );
    return {
      ...this.changed(wallId),
      placed: placed.length,
      tileCount: count,
      placedIds: placed,
      notPlaced,
      duplicates: cameraIds.length - unique.length,
    };
  }

  rename(wallId: number, name: string | null, caller: Caller): WallState {
    this.checkWall(wallId);
    this.write(caller, 'wall.rename', `wall ${wallId}`, { name }, () =>
      this.options.store.setName(wallId, name ?? ''),
    );
    return this.changed(wallId);
  }

  // ---- custom layouts ----------------------------------------------------------------------

  layouts(): SavedLayout[] {
    return this.options.store.layouts();
  }

  saveLayout(
    name: string,
    layout: { cols: number; rows: number; cells: SavedLayout['cells'] },
    caller: Caller,
  ): SavedLayout {
    const errors = layoutErrors(layout);
    if (errors.length > 0) throw new VigilError('bad-input', `layout: ${errors.join('; ')}`);
    const saved: SavedLayout = {
      name,
      cols: layout.cols,
      rows: layout.rows,
      cells: layout.cells,
      updatedAt: this.now(),
    };
    this.write(caller, 'layout.save', name, { tiles: layout.cells.length }, () =>
      this.options.store.saveLayout(saved),
    );
    this.options.onLayouts?.(this.layouts());
    return saved;
  }

  deleteLayout(name: string, caller: Caller): boolean {
    let deleted = false;
    this.write(caller, 'layout.delete', name, {}, () => {
      deleted = this.options.store.deleteLayout(name);
    });
    if (deleted) this.options.onLayouts?.(this.layouts());
    return deleted;
  }

  // ---- views -------------------------------------------------------------------------------

  views(): WallView[] {
    return this.options.store.views();
  }

  /** What the walls (all, or those named) show now, saved under a name (replacing a view). */
  saveView(name: string, wallIds: readonly number[] | undefined, caller: Caller): WallView {
    const ids = wallIds ? [...new Set(wallIds)].sort((a, b) => a - b) : this.wallIds();
    for (const id of ids) this.checkWall(id);
    const walls: ViewWall[] = ids.map((wallId) => {
      const state = this.state(wallId);
      return { wallId, layout: state.layout, cameras: state.tiles.map((t) => t.cameraId) };
    });
    const view: WallView = { name, savedAt: this.now(), walls };
    this.write(caller, 'view.save', name, { walls: ids }, () => this.options.store.saveView(view));
    this.options.onViews?.(this.views());
    return view;
  }

  /** Every wall of the view restored in one transaction. Walls the hall no longer has are skipped. */
  loadView(name: string, caller: Caller): WallState[] {
    const view = this.options.store.view(name);
    if (!view) throw new VigilError('not-found', `there is no view "${name}"`);
    const walls = view.walls.filter((w) => w.wallId <= this.options.wallCount);
    if (walls.length === 0) {
      throw new VigilError(
        'not-found',
        `view "${name}" names walls ${view.walls.map((w) => w.wallId).join(', ')}; ` +
          `this station has walls 1..${this.options.wallCount}`,
      );
    }
    const { store } = this.options;
    this.write(caller, 'view.load', name, { walls: walls.map((w) => w.wallId) }, () => {
      for (const w of walls) {
        store.setLayout(w.wallId, w.layout);
        w.layout.cells.forEach((_, i) => store.assign(w.wallId, i, w.cameras[i] ?? null));
      }
    });
    return walls.map((w) => this.changed(w.wallId));
  }

  deleteView(name: string, caller: Caller): boolean {
    let deleted = false;
    this.write(caller, 'view.delete', name, {}, () => {
      deleted = this.options.store.deleteView(name);
    });
    if (deleted) this.options.onViews?.(this.views());
    return deleted;
  }

  /** True when no tile was ever saved (a first run). */
  isEmpty(): boolean {
    return this.options.store.isEmpty();
  }

  /**
   * A first run on the simulator opens each wall on live cameras instead of black tiles:
   * wall N shows online cameras of zone N (then any online camera), distinct across walls.
   * Does nothing once any tile was ever saved.
   */
  applyDefaultView(catalog: Catalog): boolean {
    if (!this.isEmpty()) return false;
    const picks = defaultView(catalog, this.options.wallCount, this.tileCount(1));
    if (picks.every((p) => p.cameraId === null)) return false;
    this.options.store.assignMany(picks.filter((p) => p.tileIndex < this.tileCount(p.wallId)));
    for (const wall of this.list()) this.options.onChanged(wall);
    return true;
  }

  private wallIds(): number[] {
    return Array.from({ length: this.options.wallCount }, (_, i) => i + 1);
  }

  private write(
    caller: Caller,
    action: string,
    subject: string,
    detail: Record<string, unknown>,
    change: () => void,
  ): void {
    const { db, audit } = this.options;
    db.transaction(() => {
      change();
      audit.record(caller, action, subject, detail);
    })();
  }

  private changed(wallId: number): WallState {
    const state = this.state(wallId);
    this.options.onChanged(state);
    return state;
  }

  private checkWall(wallId: number): void {
    if (!Number.isInteger(wallId) || wallId < 1 || wallId > this.options.wallCount) {
      throw new VigilError(
        'not-found',
        `there is no wall ${wallId} (walls are 1..${this.options.wallCount})`,
      );
    }
  }

  private checkTile(wallId: number, tileIndex: number): void {
    const count = this.tileCount(wallId);
    if (tileIndex >= count) {
      throw new VigilError(
        'not-found',
        `wall ${wallId} has tiles 0..${count - 1}; there is no tile ${tileIndex}`,
      );
    }
  }

  private checkCamera(cameraId: string): void {
    if (!this.options.cameraExists(cameraId)) {
      throw new VigilError('not-found', `camera ${cameraId} is not in the catalog`);
    }
  }

  private state(wallId: number): WallState {
    const stored = this.options.store.wall(wallId);
    const layout = stored?.layout ?? this.defaultLayout();
    const saved = this.options.store.tiles(wallId);
    return {
      wallId,
      ...(stored?.name ? { name: stored.name } : {}),
      layout,
      tiles: layout.cells.map((_, index) => ({ index, cameraId: saved.get(index) ?? null })),
    };
  }
}

/** Pure: which camera each tile of each wall shows on a first run (offline ones never). */
export function defaultView(
  catalog: Catalog,
  wallCount: number,
  tilesPerWall: number,
): { wallId: number; tileIndex: number; cameraId: string | null }[] {
  const zoneOfGrid = new Map<string, string>();
  for (const area of catalog.areas) {
    if (area.level === 'grid' && area.parentId !== null) zoneOfGrid.set(area.id, area.parentId);
  }
  const zones = catalog.areas.filter((a) => a.level === 'zone').map((a) => a.id);
  // Online cameras first, then those of unknown status (a CSV catalog without MQTT has only
  // those: unknown must not mean never shown); never an offline one.
  const showable = [
    ...catalog.cameras.filter((c) => c.status === 'online'),
    ...catalog.cameras.filter((c) => c.status === 'unknown'),
  ];
  const used = new Set<string>();
  const picks: { wallId: number; tileIndex: number; cameraId: string | null }[] = [];
  for (let wallId = 1; wallId <= wallCount; wallId++) {
    const zone = zones[(wallId - 1) % Math.max(zones.length, 1)];
    const fromZone = showable.filter((c) => zoneOfGrid.get(c.gridId) === zone && !used.has(c.id));
    const chosen = fromZone.slice(0, tilesPerWall);
    for (const c of showable) {
      if (chosen.length >= tilesPerWall) break;
      if (!used.has(c.id) && !chosen.includes(c)) chosen.push(c);
    }
    for (let tileIndex = 0; tileIndex < tilesPerWall; tileIndex++) {
      const camera = chosen[tileIndex];
      if (camera) used.add(camera.id);
      picks.push({ wallId, tileIndex, cameraId: camera?.id ?? null });
    }
  }
  return picks;
}
