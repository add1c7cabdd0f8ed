/**
 * The tactical map's contract (issue #5: units, tracks, areas, compliance, radius search, tiles):
 * methods added here are spread into `methods` in shared/api.ts; event payloads added to
 * MapEventPayloads become streams (list their names in mapStreams).
 *
 * Coordinates:
 * - Every position in this contract is WGS-84 / CGCS2000 degrees, as the platform sends it.
 * - Lines and polygon rings are arrays of `[lng, lat]` pairs (GeoJSON order, NOT Leaflet's
 *   [lat, lng]); points are `{ lat, lng }` objects. Use `toLatLngs` below to feed Leaflet.
 * - When the base layer's tiles are GCJ-02 (`map.tileInfo` → `crs: 'GCJ02'`, as most Chinese
 *   intranet GIS servers serve them), the renderer converts every WGS-84 position with
 *   `wgs84ToGcj02` (shared/domain/geo) before drawing it on those tiles; with 'WGS84' it draws
 *   positions as they are.
 * - Times are ms since the Unix epoch (UTC). Distances are metres, speeds m/s, headings degrees
 *   clockwise from north in [0, 360).
 */
import { z } from 'zod';
import { both, deskOnly, method } from './method';
import { unitKinds, type UnitFix, type UnitKind } from './platform';

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

/** `[lng, lat]`, GeoJSON order. */
export type LngLat = [lng: number, lat: number];
/** A closed ring; the first point is not repeated at the end. */
export type Ring = LngLat[];

/** Leaflet takes [lat, lng]: flip a line or a ring of this contract for it. */
export const toLatLngs = (line: readonly LngLat[]): [number, number][] =>
  line.map(([lng, lat]) => [lat, lng]);

/** One area of the catalog (same id, name, level and parent) with its outline. */
export interface AreaGeometry {
  /** The catalog's area id (Area.id in shared/api.ts). */
  id: string;
  /** zh-CN name, as in the catalog: 城区, 钢山派出所, 钢山一网格. */
  name: string;
  level: 'region' | 'zone' | 'grid';
  /** null for a region; a region's id for a zone; a zone's id for a grid. */
  parentId: string | null;
  /**
   * The outline: the outer ring first, then holes (each a Ring). Grids of one zone partition the
   * zone, zones of one region partition the region.
   */
  polygon: Ring[];
  /** A point inside the area where its label goes. */
  labelAt: { lat: number; lng: number };
}

/** Which areas a point or line lies in (every level, for filtering and tree selection). */
export interface AreaRef {
  gridId: string;
  zoneId: string;
  regionId: string;
}

/** 必巡线: a road stretch a grid's patrols must travel each shift. */
export interface MustPatrolLine extends AreaRef {
  id: string;
  /** zh-CN, e.g. "钢山街必巡线（唐王山路—岗山路）". */
  name: string;
  /** At least two points, [lng, lat]. */
  path: LngLat[];
  /** Length of the path, metres. */
  lengthM: number;
}

/** 必到点: a place a grid's patrols must reach each shift (a school gate, a market, a bank). */
export interface MustReachPoint extends AreaRef {
  id: string;
  /** zh-CN, e.g. "钢山一网格 农贸市场". */
  name: string;
  lat: number;
  lng: number;
  /** A unit within this many metres has reached the point. */
  radiusM: number;
}

/** 治安卡点 (checkpoint) or 驻勤点 (duty post): a fixed police post. */
export interface FixedPost extends AreaRef {
  id: string;
  /** zh-CN, e.g. "G327国道邹西治安卡点". */
  name: string;
  kind: 'checkpoint' | 'duty-post';
  lat: number;
  lng: number;
}

export interface MapGeometry {
  /** Opaque version of the geometry (changes when the platform's does). */
  version: string;
  /** Where it came from: the platform now, the cache (platform unreachable), or nothing yet. */
  source: 'platform' | 'cache' | 'none';
  /** Regions, zones and grids (ids match the catalog's areas). */
  areas: AreaGeometry[];
  mustPatrolLines: MustPatrolLine[];
  mustReachPoints: MustReachPoint[];
  /** 治安卡点 (16 in the simulated county). */
  checkpoints: FixedPost[];
  /** 驻勤点 (4 in the simulated county). */
  dutyPosts: FixedPost[];
  /** The district's extent, to fit the map to; null when there is no geometry. */
  bounds: { south: number; west: number; north: number; east: number } | null;
}

// A unit's kind and fix are the platform's (`vigil/units/{unitId}/position`, docs/protocol.md §3).
export { unitKinds, type UnitFix, type UnitKind };
export const unitStatuses = ['available', 'busy', 'offline'] as const;
/**
 * available: on patrol; busy: carrying out an order (set by dispatch); offline: no fix for
 * `offlineAfterMs` (10 min).
 */
export type UnitStatus = (typeof unitStatuses)[number];

/** A patrol unit where it was last seen: its latest fix, and what the station makes of it. */
export interface UnitState extends UnitFix {
  status: UnitStatus;
  /** True when the last fix is older than 30 s (draw the unit greyed, "last seen …"). */
  stale: boolean;
  /** Who is in it, when the platform says (not in the simulator). */
  crew?: string[];
  /** The unit's vehicle (车载图传) or body (单兵图传) camera in the catalog, if it carries one. */
  cameraId: string | null;
}

/** One fix of a track (speed in m/s, as reported by the unit). */
export type TrackPoint = Pick<UnitFix, 'at' | 'lat' | 'lng' | 'speed' | 'heading'>;

/** Where a unit stayed (within `stopRadiusM`) for at least `stopMinMs`. */
export interface TrackStop {
  lat: number;
  lng: number;
  fromMs: number;
  toMs: number;
  durationMs: number;
}

export interface UnitTrack {
  unitId: string;
  /** From the latest fix known; the unit id when the unit was never seen live. */
  callSign: string;
  kind: UnitKind | null;
  /** Oldest first. Downsampled (evenly in time, stops and the ends kept) above `maxPoints`. */
  points: TrackPoint[];
  /** How many fixes the cache holds in the range (points.length when not downsampled). */
  totalPoints: number;
  downsampled: boolean;
  /** Detected on every fix, not on the downsampled points. */
  stops: TrackStop[];
  /** Path length over every fix, metres. */
  distanceM: number;
  /** Reported speeds over every fix, m/s (0 when no fix). */
  maxSpeed: number;
  avgSpeed: number;
}

export interface TracksResult {
  fromMs: number;
  toMs: number;
  tracks: UnitTrack[];
}

/** A must-reach point a unit reached: when it first came within the point's radius. */
export interface PointReached {
  pointId: string;
  /** ms of the first fix within the radius. */
  at: number;
  /** How close that fix was, metres. */
  distanceM: number;
}

/** How much of a must-patrol line a unit travelled (its track passed within `corridorM`). */
export interface LineCoverage {
  lineId: string;
  /** 0..1 of the line's length. */
  fraction: number;
  coveredM: number;
  lengthM: number;
}

export interface UnitCompliance {
  unitId: string;
  callSign: string;
  kind: UnitKind | null;
  /** Fixes inside the grid's polygon in the range. */
  fixesInGrid: number;
  reached: PointReached[];
  /** Must-reach point ids the unit did not reach. */
  missed: string[];
  lines: LineCoverage[];
}

/** The daily track review (每天轨迹查看) of one grid for one shift. */
export interface ComplianceReport {
  gridId: string;
  gridName: string;
  fromMs: number;
  toMs: number;
  /** The grid's must-reach points and must-patrol lines the report is about. */
  mustReachPoints: MustReachPoint[];
  mustPatrolLines: MustPatrolLine[];
  /** Every unit with at least one fix inside the grid in the range, by call sign. */
  units: UnitCompliance[];
  /** Point id → whether any unit reached it (the grid's view: was the point visited at all). */
  pointsReachedByAny: Record<string, boolean>;
  /** Unit ids that missed at least one point (the review's "to follow up" list). */
  unitsMissingPoints: string[];
}

export interface RadiusCamera {
  cameraId: string;
  name: string;
  kind: 'fixed' | 'checkpoint' | 'vehicle' | 'body';
  status: 'online' | 'offline' | 'unknown';
  lat: number;
  lng: number;
  /** Camera to the point, metres. */
  distanceM: number;
  /** Bearing from the camera to the point, degrees. */
  bearingDeg: number;
  /**
   * The point lies in the camera's field of view: within its range and within heading ± fov/2
   * (a dome, fov 360 or no heading, sees all around within its range). Cameras without a
   * range use 150 m.
   */
  sees: boolean;
}

export interface RadiusUnit {
  unitId: string;
  callSign: string;
  kind: UnitKind;
  status: UnitStatus;
  stale: boolean;
  lat: number;
  lng: number;
  distanceM: number;
  withinRadius: boolean;
}

export interface RadiusResult {
  lat: number;
  lng: number;
  radiusM: number;
  /** Cameras within the radius: those that see the point first, each group nearest first. */
  cameras: RadiusCamera[];
  /** How many cameras are within the radius (cameras may be cut at `cameraLimit`). */
  camerasInRadius: number;
  /** The nearest units (within the radius or not), nearest first, at most `unitLimit`. */
  units: RadiusUnit[];
}

export interface GpxExport {
  /** Suggested file name, e.g. "巡007-20261123T0200Z.gpx". */
  filename: string;
  /** GPX 1.1 XML (one trk, one trkseg; time, speed and course per trkpt). */
  gpx: string;
  points: number;
}

export const tileCrsNames = ['WGS84', 'GCJ02'] as const;
export type TileCrs = (typeof tileCrsNames)[number];

export interface TileInfo {
  /**
   * Leaflet XYZ template served by the host the page came from, e.g. "/tiles/{z}/{x}/{y}.png"
   * (absolute path on the page's own origin, so img-src 'self' covers it, in the browser host and
   * under vigil://app alike). The host answers from its MBTiles cache or fetches from the GIS
   * server and caches; 404 when neither has the tile (draw the district geometry anyway).
   */
  urlTemplate: string;
  /** The datum the tiles are drawn in (see the file comment: GCJ02 means convert positions). */
  crs: TileCrs;
  minZoom: number;
  maxZoom: number;
  tileSize: 256;
  /** zh-CN / English credit line for the map. */
  attribution: string;
  /** Tiles in the local MBTiles cache now. */
  cachedTiles: number;
  /** False when there is neither a tile source nor a cached tile: hide the base layer. */
  available: boolean;
  /** Where to open the map: the district's centre and a zoom that shows it. */
  center: { lat: number; lng: number };
  zoom: number;
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const ms = z.number().int().min(0);
const unitId = z.string().min(1).max(64);
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
/** Longest range a query may ask: 31 days (the default retention is 30). */
export const maxRangeMs = 31 * 24 * 3_600_000;

/** A time range: toMs after fromMs, at most maxRangeMs long. */
const rangeFields = { fromMs: ms, toMs: ms };
const checkRange = (v: { fromMs: number; toMs: number }, ctx: z.RefinementCtx): void => {
  if (v.toMs <= v.fromMs) {
    ctx.addIssue({ code: 'custom', message: 'toMs must be after fromMs', path: ['toMs'] });
  } else if (v.toMs - v.fromMs > maxRangeMs) {
    ctx.addIssue({ code: 'custom', message: 'range longer than 31 days', path: ['toMs'] });
  }
};

export const TracksQueryInputSchema = z
  .strictObject({
    ...rangeFields,
    /** 1..20 units, each replayed on its own track. */
    unitIds: z.array(unitId).min(1).max(20),
    /** Downsample each track above this many points. Default 5000. */
    maxPoints: z.number().int().min(10).max(100_000).default(5000),
    /** A stop is a stay of at least this long, ms. Default 3 min. */
    stopMinMs: z
      .number()
      .int()
      .min(10_000)
      .max(24 * 3_600_000)
      .default(180_000),
    /** …within this radius, metres. Default 30. */
    stopRadiusM: z.number().min(1).max(1000).default(30),
  })
  .superRefine(checkRange);

export const ComplianceInputSchema = z
  .strictObject({
    ...rangeFields,
    gridId: z.string().min(1).max(64),
    /** Track-to-line distance that counts as travelling the line, metres. Default 30. */
    corridorM: z.number().min(1).max(500).default(30),
  })
  .superRefine(checkRange);

export const RadiusInputSchema = z.strictObject({
  lat,
  lng,
  /** 1 m .. 5 km. */
  radiusM: z.number().min(1).max(5000),
  /** At most this many cameras in the answer. Default 100. */
  cameraLimit: z.number().int().min(1).max(1000).default(100),
  /** At most this many units. Default 10. */
  unitLimit: z.number().int().min(1).max(100).default(10),
});

export const GpxInputSchema = z.strictObject({ ...rangeFields, unitId }).superRefine(checkRange);

// ---------------------------------------------------------------------------------------------
// Methods and events
// ---------------------------------------------------------------------------------------------

export const mapMethods = {
  /** Regions / zones / grids polygons, must-patrol lines, must-reach points, posts. Cache-first. */
  'map.geometry': method<MapGeometry>()(z.strictObject({}), both),
  /** Every unit's latest position (then follow the `units` stream). */
  'units.list': method<UnitState[]>()(z.strictObject({}), both),
  /** Tracks of 1..20 units over a time range, with stops and speeds. */
  'tracks.query': method<TracksResult>()(TracksQueryInputSchema, both),
  /** Must-reach points reached and must-patrol lines travelled, per unit, in one grid. */
  'compliance.report': method<ComplianceReport>()(ComplianceInputSchema, both),
  /** Cameras within a radius that can see the point, and the nearest units. */
  'map.radius': method<RadiusResult>()(RadiusInputSchema, both),
  /** One unit's track as a GPX file (the desk saves it). */
  'tracks.exportGpx': method<GpxExport>()(GpxInputSchema, deskOnly),
  /** Where the base layer's tiles come from and in which datum. */
  'map.tileInfo': method<TileInfo>()(z.strictObject({}), both),
} as const;

export const mapStreams = ['units'] as const;

export interface MapEventPayloads {
  /**
   * Units whose position, stale flag or status changed since the last event, batched once per
   * second (never one event per fix). `units.list` gives the whole set after a reset.
   */
  units: { units: UnitState[] };
}
