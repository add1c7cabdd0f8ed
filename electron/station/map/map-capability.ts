/**
 * The map capability, built by the composition root: positions from MQTT into the cache, the
 * units service and its `units` stream, tracks, compliance, radius search, geometry, and tiles
 * (MBTiles cache in dataDir/tiles.mbtiles, filled from the GIS server or an offline package).
 *
 *   realtime (MQTT) ─onFix─► UnitService ─► PositionIngest ─(250 ms batches)─► unit_positions
 *                                  └─ 1 s ─► `units` event (changed units)
 *   GET /api/v1/geometry ─► GeometryService (cache-first)
 *   host /tiles/z/x/y ─► BaseMapTileService ─► MbTilesCache | GIS server (map.tileUrl)
 */
import { join } from 'node:path';
import type { Catalog } from '../../../shared/api';
import type { TileInfo, UnitState } from '../../../shared/contract/map';
import type { CacheDatabase } from '../cache/database';
import type { VigilConfig } from '../config';
import { errorMessage } from '../contract-host';
import type { UnitPosition } from '../upstream/realtime-payloads';
import { ComplianceService } from './compliance-service';
import { GeometryService } from './geometry-service';
import type { MapHandlers } from './map-handlers';
import { MbTilesCache, type ImportResult } from './mbtiles';
import { PositionIngest } from './position-ingest';
import { PositionStore } from '../cache/position-store';
import { RadiusService } from './radius-service';
import { BaseMapTileService, type MapTileResponse } from './base-map-tile-service';
import { TrackService } from './track-service';
import { UnitService } from './unit-service';

export const tilesFileName = 'tiles.mbtiles';
/** What the renderer loads tiles from: a path on the page's own origin (both hosts serve it). */
export const tileUrlTemplate = '/tiles/{z}/{x}/{y}.png';

export interface MapCapabilityOptions {
  db: CacheDatabase;
  dataDir: string;
  config: VigilConfig;
  /** Platform base URL (geometry), or null. */
  baseUrl: string | null;
  /** The simulator's base URL when it runs (its tiles are the default base map). */
  simulatorUrl: string | null;
  catalog: () => Catalog | null;
  onUnits: (units: UnitState[]) => void;
  now?: () => number;
  log?: (line: string) => void;
}

export interface MapCapability {
  handlers: MapHandlers;
  /** Feed for RealtimeClient's onUnit. */
  onFix(position: UnitPosition): void;
  /** A tile for the hosts' /tiles/z/x/y route, or null (404). */
  tile(z: number, x: number, y: number): Promise<MapTileResponse | null>;
  importTiles(file: string): ImportResult;
  readonly units: UnitService;
  readonly ingest: PositionIngest;
  /** The district's areas and posts (dispatch locates incidents and units in them). */
  readonly geometry: GeometryService;
  start(): void;
  stop(): Promise<void>;
}

export function createMapCapability(options: MapCapabilityOptions): MapCapability {
  const { config, log } = options;
  const now = options.now ?? Date.now;
  const store = new PositionStore(options.db);
  const ingest = new PositionIngest({
    store,
    retentionDays: config.map.trackRetentionDays,
    now,
    log,
  });
  const units = new UnitService({
    store,
    ingest,
    catalog: options.catalog,
    onChanged: options.onUnits,
    now,
  });
  const geometry = new GeometryService({
    db: options.db,
    baseUrl: options.baseUrl,
    timeoutMs: config.upstream.timeoutMs,
    pollMs: config.upstream.catalogPollMs,
    now,
    log,
  });
  const tilesCache = new MbTilesCache(join(options.dataDir, tilesFileName), config.map.tileCrs, {
    maxFetchedBytes: config.map.tileCacheMb * 1024 * 1024,
    now,
  });
  const tileUrl =
    config.map.tileUrl ??
    (options.simulatorUrl ? `${options.simulatorUrl}/tiles/{z}/{x}/{y}.png` : null);
  const tiles = new BaseMapTileService({
    cache: tilesCache,
    tileUrl,
    crs: config.map.tileCrs,
    timeoutMs: config.upstream.timeoutMs,
    now,
    log,
  });
  const tracks = new TrackService(store, ingest, units, config.station.timeZone);
  const compliance = new ComplianceService(store, ingest, geometry, units);
  const radius = new RadiusService(options.catalog, units);

  const tileInfo = (): TileInfo => {
    const g = geometry.get();
    const b = g.bounds;
    const center = b
      ? { lat: (b.south + b.north) / 2, lng: (b.west + b.east) / 2 }
      : { lat: 35.4, lng: 116.97 };
    // The zoom at which the district's larger side fits ~1,000 px.
    const spanDeg = b ? Math.max(b.north - b.south, b.east - b.west, 0.001) : 0.5;
    const zoom = Math.max(3, Math.min(16, Math.floor(Math.log2((360 * 1000) / 256 / spanDeg))));
    const cachedTiles = tiles.cachedTiles();
    return {
      urlTemplate: tileUrlTemplate,
      crs: config.map.tileCrs,
      minZoom: 3,
      maxZoom: config.map.maxZoom,
      tileSize: 256,
      attribution:
        tileUrl && options.simulatorUrl && !config.map.tileUrl
          ? '模拟平台底图 · Vigil simulator'
          : '底图 · GIS',
      cachedTiles,
      available: tiles.hasSource || cachedTiles > 0,
      center,
      zoom,
    };
  };

  const handlers: MapHandlers = {
    'map.geometry': () => geometry.get(),
    'units.list': () => units.list(),
    'tracks.query': (q) => tracks.query(q),
    'compliance.report': ({ gridId, fromMs, toMs, corridorM }) =>
      compliance.report(gridId, fromMs, toMs, corridorM),
    'map.radius': (q) => radius.search(q),
    'tracks.exportGpx': ({ unitId, fromMs, toMs }) => tracks.exportGpx(unitId, fromMs, toMs),
    'map.tileInfo': () => tileInfo(),
  };

  let stopped = false;
  return {
    handlers,
    onFix: (p) => units.onFix(p),
    tile: (z, x, y) => tiles.get({ z, x, y }),
    importTiles: (file) => tilesCache.importPackage(file),
    units,
    ingest,
    geometry,
    start() {
      ingest.start();
      units.start();
      geometry.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      units.stop();
      tiles.stop();
      await geometry.stop();
      try {
        ingest.stop(); // writes what is queued, before the database closes
      } catch (error) {
        log?.(`map: final flush failed: ${errorMessage(error)}`);
      }
      tilesCache.close();
    },
  };
}
