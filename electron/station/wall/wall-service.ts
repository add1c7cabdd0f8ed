/**
 * The walls: for each wall (1..N) its layout (cols × rows from the config) and which camera each
 * tile shows, persisted in the cache so a wall restores its last view at start, with the
 * platform down. Every change is audited and emitted as a `wall` event with the wall's full state.
 */
import type { Caller, Catalog, WallState } from '../../../shared/api';
import { VigilError } from '../../../shared/result';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import type { WallStore } from '../cache/wall-store';

export interface WallServiceOptions {
  db: CacheDatabase;
  store: WallStore;
  audit: AuditLog;
  wallCount: number;
  layout: { cols: number; rows: number };
  cameraExists: (cameraId: string) => boolean;
  onChanged: (wall: WallState) => void;
  now?: () => number;
}

export const wallName = (wallId: number): string => `Wall ${wallId}`;

export class WallService {
  private readonly now: () => number;

  constructor(private readonly options: WallServiceOptions) {
    this.now = options.now ?? Date.now;
    const { cols, rows } = options.layout;
    options.store.ensureWalls(
      Array.from({ length: options.wallCount }, (_, i) => ({
        wallId: i + 1,
        name: wallName(i + 1),
        cols,
        rows,
      })),
    );
  }

  get tileCount(): number {
    return this.options.layout.cols * this.options.layout.rows;
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
    if (tileIndex >= this.tileCount) {
      throw new VigilError(
        'not-found',
        `wall ${wallId} has tiles 0..${this.tileCount - 1}; there is no tile ${tileIndex}`,
      );
    }
    if (cameraId !== null && !this.options.cameraExists(cameraId)) {
      throw new VigilError('not-found', `camera ${cameraId} is not in the catalog`);
    }
    const { db, store, audit } = this.options;
    db.transaction(() => {
      store.assign(wallId, tileIndex, cameraId);
      audit.append({
        at: this.now(),
        operator: caller.operator,
        role: caller.role,
        action: 'wall.assign',
        subject: `wall ${wallId} tile ${tileIndex}`,
        detail: { cameraId, window: caller.window },
      });
    })();
    const state = this.state(wallId);
    this.options.onChanged(state);
    return state;
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
    const picks = defaultView(catalog, this.options.wallCount, this.tileCount);
    if (picks.every((p) => p.cameraId === null)) return false;
    this.options.store.assignMany(picks);
    for (const wall of this.list()) this.options.onChanged(wall);
    return true;
  }

  private checkWall(wallId: number): void {
    if (!Number.isInteger(wallId) || wallId < 1 || wallId > this.options.wallCount) {
      throw new VigilError(
        'not-found',
        `there is no wall ${wallId} (walls are 1..${this.options.wallCount})`,
      );
    }
  }

  private state(wallId: number): WallState {
    const saved = this.options.store.tiles(wallId);
    const { cols, rows } = this.options.layout;
    return {
      wallId,
      name: wallName(wallId),
      layout: { cols, rows },
      tiles: Array.from({ length: cols * rows }, (_, index) => ({
        index,
        cameraId: saved.get(index) ?? null,
      })),
    };
  }
}

/** Pure: which camera each tile of each wall shows on a first run. */
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
  const online = catalog.cameras.filter((c) => c.status === 'online');
  const used = new Set<string>();
  const picks: { wallId: number; tileIndex: number; cameraId: string | null }[] = [];
  for (let wallId = 1; wallId <= wallCount; wallId++) {
    const zone = zones[(wallId - 1) % Math.max(zones.length, 1)];
    const fromZone = online.filter((c) => zoneOfGrid.get(c.gridId) === zone && !used.has(c.id));
    const chosen = fromZone.slice(0, tilesPerWall);
    for (const c of online) {
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
