/**
 * The wall capability, built by the composition root: the wall service (layouts, tiles, custom
 * layouts, views, persisted), the tile reports from wall windows, and "identify monitors".
 *
 *   desk ─ wall.setLayout / swap / sendGroup / view.load … ─► WallService ─► SQLite (002-wall)
 *                                                                  └─► `wall` event (full state)
 *   wall window ─ wall.reportTiles ─► TileReports ─► `wall.tiles` event ─► desk miniatures
 *   desk ─ wall.identify ─► `wall.identify` event ─► every wall window shows its number
 */
import type { Catalog, WallState } from '../../../shared/api';
import type { SavedLayout, WallTileReports, WallView } from '../../../shared/contract/wall';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import { WallStore } from '../cache/wall-store';
import { TileReports } from './tile-reports';
import type { WallHandlers } from './wall-handlers';
import { WallService } from './wall-service';

export interface WallCapabilityOptions {
  db: CacheDatabase;
  audit: AuditLog;
  wallCount: number;
  layout: { cols: number; rows: number };
  cameraExists: (cameraId: string) => boolean;
  onWall: (wall: WallState) => void;
  onTiles: (reports: WallTileReports) => void;
  /** Every tile report as it comes, changed or not (camera health: the last good picture). */
  onReport?: (wallId: number, tiles: readonly { index: number; state: string }[]) => void;
  onIdentify: (event: { until: number }) => void;
  onLayouts: (layouts: SavedLayout[]) => void;
  onViews: (views: WallView[]) => void;
  now?: () => number;
  log?: (line: string) => void;
}

export interface WallCapability {
  service: WallService;
  handlers: WallHandlers;
  applyDefaultView(catalog: Catalog): boolean;
}

export function createWallCapability(options: WallCapabilityOptions): WallCapability {
  const now = options.now ?? Date.now;
  const store = new WallStore(options.db, now, options.log);
  const service = new WallService({
    db: options.db,
    store,
    audit: options.audit,
    wallCount: options.wallCount,
    layout: options.layout,
    cameraExists: options.cameraExists,
    onChanged: options.onWall,
    onLayouts: options.onLayouts,
    onViews: options.onViews,
    now,
  });
  const reports = new TileReports(now);

  const handlers: WallHandlers = {
    'wall.setLayout': ({ wallId, layout }, caller) => service.setLayout(wallId, layout, caller),
    'wall.swap': (input, caller) =>
      'from' in input
        ? service.swap(input.from, input.to, caller)
        : service.swap(
            { wallId: input.wallId, tileIndex: input.a },
            { wallId: input.wallId, tileIndex: input.b },
            caller,
          ),
    'wall.sendGroup': ({ wallId, cameraIds }, caller) =>
      service.sendGroup(wallId, cameraIds, caller),
    'wall.rename': ({ wallId, name }, caller) => service.rename(wallId, name, caller),
    'wall.identify': ({ seconds }) => {
      const event = { until: now() + seconds * 1000 };
      options.onIdentify(event);
      return event;
    },
    'wall.reportTiles': ({ wallId, tiles, budget }) => {
      // A wall reports for its own wall only: the contract's access table (ownWall) sees to it.
      service.get(wallId); // a wall that does not exist is not-found
      const changed = reports.report(wallId, tiles, budget);
      if (changed) options.onTiles(changed);
      options.onReport?.(wallId, tiles);
      return { accepted: tiles.length };
    },
    'wall.tileReports': () => reports.all(),
    'layout.list': () => service.layouts(),
    'layout.save': ({ name, layout }, caller) => service.saveLayout(name, layout, caller),
    'layout.delete': ({ name }, caller) => ({ deleted: service.deleteLayout(name, caller) }),
    'view.list': () => service.views(),
    'view.save': ({ name, wallIds }, caller) => service.saveView(name, wallIds, caller),
    'view.load': ({ name }, caller) => service.loadView(name, caller),
    'view.delete': ({ name }, caller) => ({ deleted: service.deleteView(name, caller) }),
  };

  return { service, handlers, applyDefaultView: (catalog) => service.applyDefaultView(catalog) };
}
