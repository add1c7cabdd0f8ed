/**
 * The simulated county's map geometry (docs/protocol.md "Map geometry", GET /api/v1/geometry):
 * exact polygons of the 3 regions, 24 patrol zones and 48 grids of the area plan, must-patrol
 * lines (必巡线) along the roads of each grid, must-reach points (必到点), 16 checkpoints
 * (治安卡点) and 4 duty posts (驻勤点).
 *
 * The polygons are exactly the plan's `gridAt` rule, so every camera lies inside its grid's
 * polygon: a region is the city rectangle or the county west / east of it; a zone is the part of
 * its region nearer its centre than any other zone centre of the region (a Voronoi cell, clipped
 * half-plane by half-plane); a grid is the zone's half north (一) or south (二) of the centre. The
 * county box is padded so roads that run past its nominal edge stay inside a grid.
 */
import type { Area } from '../../shared/api';
import { distance, toLatLng, type Point } from './geo-frame';
import type { AreaPlan, Zone } from './area-plan';
import { createPrng } from './prng';
import {
  cityHalfHeight,
  cityHalfWidth,
  countyHalfHeight,
  countyHalfWidth,
  positionOnRoad,
  type Road,
} from './road-network';
import type { World } from './world';

/** Metres added around the county so everything on its roads is inside a grid. */
export const countyPadding = 6000;

type LngLat = [number, number];

export interface GeometryArea {
  id: string;
  name: string;
  level: Area['level'];
  parentId: string | null;
  polygon: LngLat[][];
  labelAt: { lat: number; lng: number };
}

interface AreaRef {
  gridId: string;
  zoneId: string;
  regionId: string;
}

export interface DistrictGeometry {
  version: string;
  areas: GeometryArea[];
  mustPatrolLines: (AreaRef & { id: string; name: string; path: LngLat[]; lengthM: number })[];
  mustReachPoints: (AreaRef & {
    id: string;
    name: string;
    lat: number;
    lng: number;
    radiusM: number;
  })[];
  checkpoints: (AreaRef & {
    id: string;
    name: string;
    kind: 'checkpoint';
    lat: number;
    lng: number;
  })[];
  dutyPosts: (AreaRef & {
    id: string;
    name: string;
    kind: 'duty-post';
    lat: number;
    lng: number;
  })[];
}

/** Local-frame polygons too, for the tile renderer. */
export interface DistrictShapes {
  regions: Point[][];
  zones: Point[][];
  grids: Point[][];
}

const ll = (p: Point): LngLat => {
  const { lat, lng } = toLatLng(p);
  return [lng, lat];
};

/** Keeps the part of `poly` where a·p <= b (Sutherland–Hodgman against one half-plane). */
function clip(poly: Point[], a: Point, b: number): Point[] {
  const out: Point[] = [];
  const inside = (p: Point): boolean => a.x * p.x + a.y * p.y <= b;
  for (let i = 0; i < poly.length; i++) {
    const cur = poly[i] as Point;
    const prev = poly[(i + poly.length - 1) % poly.length] as Point;
    const ci = inside(cur);
    const pi = inside(prev);
    if (ci !== pi) {
      const dp = a.x * prev.x + a.y * prev.y;
      const dc = a.x * cur.x + a.y * cur.y;
      const t = (b - dp) / (dc - dp);
      out.push({ x: prev.x + (cur.x - prev.x) * t, y: prev.y + (cur.y - prev.y) * t });
    }
    if (ci) out.push(cur);
  }
  return out;
}

function regionPolygons(): Point[][] {
  const W = countyHalfWidth + countyPadding;
  const H = countyHalfHeight + countyPadding;
  const cw = cityHalfWidth;
  const ch = cityHalfHeight;
  return [
    [
      { x: -cw, y: -ch },
      { x: cw, y: -ch },
      { x: cw, y: ch },
      { x: -cw, y: ch },
    ],
    // 邹西: x < 0 outside the city (a U around the city's west half).
    [
      { x: -W, y: -H },
      { x: 0, y: -H },
      { x: 0, y: -ch },
      { x: -cw, y: -ch },
      { x: -cw, y: ch },
      { x: 0, y: ch },
      { x: 0, y: H },
      { x: -W, y: H },
    ],
    // 邹东: x >= 0 outside the city.
    [
      { x: 0, y: -H },
      { x: W, y: -H },
      { x: W, y: H },
      { x: 0, y: H },
      { x: 0, y: ch },
      { x: cw, y: ch },
      { x: cw, y: -ch },
      { x: 0, y: -ch },
    ],
  ];
}

function zonePolygon(zone: Zone, zones: readonly Zone[], region: Point[]): Point[] {
  let poly = region;
  const c = zone.centre;
  for (const other of zones) {
    if (other === zone || other.regionIndex !== zone.regionIndex) continue;
    const o = other.centre;
    // Nearer c than o: 2 p·(o - c) <= |o|² - |c|²
    poly = clip(
      poly,
      { x: 2 * (o.x - c.x), y: 2 * (o.y - c.y) },
      o.x * o.x + o.y * o.y - c.x * c.x - c.y * c.y,
    );
  }
  return poly;
}

function centroid(poly: Point[]): Point {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i] as Point;
    const q = poly[(i + 1) % poly.length] as Point;
    const f = p.x * q.y - q.x * p.y;
    a += f;
    cx += (p.x + q.x) * f;
    cy += (p.y + q.y) * f;
  }
  if (Math.abs(a) < 1e-9) return poly[0] ?? { x: 0, y: 0 };
  return { x: cx / (3 * a), y: cy / (3 * a) };
}

const placeWords = [
  '农贸市场',
  '中心小学',
  '农商银行',
  '卫生院',
  '加油站',
  '汽车站',
  '商业街',
  '中学门口',
];
const dutyPostNames = ['火车站驻勤点', '长途汽车站驻勤点', '人民广场驻勤点', '孟庙孟府驻勤点'];

export function buildDistrictGeometry(
  world: World,
  seed: number,
): { geometry: DistrictGeometry; shapes: DistrictShapes } {
  const plan: AreaPlan = world.plan;
  const prng = createPrng(seed * 613 + 11);
  const regions = regionPolygons();
  const areaById = new Map(plan.areas.map((a) => [a.id, a]));
  const refOf = (gridId: string): AreaRef => {
    const zoneId = areaById.get(gridId)?.parentId ?? '';
    return { gridId, zoneId, regionId: areaById.get(zoneId)?.parentId ?? '' };
  };
  const gridName = (gridId: string): string => areaById.get(gridId)?.name ?? gridId;

  const shapes: DistrictShapes = { regions, zones: [], grids: [] };
  const areas: GeometryArea[] = [];
  const label = (poly: Point[]): { lat: number; lng: number } => toLatLng(centroid(poly));
  plan.areas
    .filter((a) => a.level === 'region')
    .forEach((a, r) => {
      const poly = regions[r] as Point[];
      areas.push({ ...a, polygon: [poly.map(ll)], labelAt: label(poly) });
    });
  for (const zone of plan.zones) {
    const zp = zonePolygon(zone, plan.zones, regions[zone.regionIndex] as Point[]);
    shapes.zones.push(zp);
    const area = areaById.get(zone.id) as Area;
    areas.push({ ...area, polygon: [zp.map(ll)], labelAt: toLatLng(zone.centre) });
    // North half (y >= centre): grid 一; south half: grid 二.
    const north = clip(zp, { x: 0, y: -1 }, -zone.centre.y);
    const south = clip(zp, { x: 0, y: 1 }, zone.centre.y);
    [north, south].forEach((gp, g) => {
      shapes.grids.push(gp);
      const grid = areaById.get(zone.gridIds[g] as string) as Area;
      areas.push({ ...grid, polygon: [gp.map(ll)], labelAt: label(gp) });
    });
  }

  // ---- must-patrol lines: per grid, the longest runs of up to two roads inside it ---------
  const step = 25;
  const runs = new Map<string, { road: Road; from: number; to: number }[]>();
  for (const road of world.roads) {
    if (road.kind === 'expressway') continue;
    let start = 0;
    let current: string | null = null;
    for (let s = 0; s <= road.length + step; s += step) {
      const here = s <= road.length ? plan.gridAt(positionOnRoad(road, s)) : null;
      if (here !== current) {
        if (current !== null) {
          const list = runs.get(current) ?? [];
          list.push({ road, from: start, to: Math.min(s - step, road.length) });
          runs.set(current, list);
        }
        current = here;
        start = s;
      }
    }
  }
  const mustPatrolLines: DistrictGeometry['mustPatrolLines'] = [];
  const mustReachPoints: DistrictGeometry['mustReachPoints'] = [];
  for (const zone of plan.zones) {
    for (const gridId of zone.gridIds) {
      const city = zone.regionIndex === 0;
      const maxLen = city ? 1500 : 3000;
      const candidates = (runs.get(gridId) ?? [])
        .filter((r) => r.to - r.from >= 300)
        .sort((p, q) => q.to - q.from - (p.to - p.from));
      const usedRoads = new Set<number>();
      let n = 0;
      for (const run of candidates) {
        if (n >= 2 || usedRoads.has(run.road.index)) continue;
        usedRoads.add(run.road.index);
        n++;
        const len = Math.min(maxLen, run.to - run.from);
        const from = run.from + (run.to - run.from - len) / 2;
        const path: LngLat[] = [];
        for (let s = from; s < from + len; s += 50) path.push(ll(positionOnRoad(run.road, s)));
        path.push(ll(positionOnRoad(run.road, from + len)));
        mustPatrolLines.push({
          id: `${gridId}-L${n}`,
          name: `${run.road.name}必巡线`,
          ...refOf(gridId),
          path,
          lengthM: Math.round(len),
        });
      }
      // Must-reach points: crossings inside the grid first, then points on its lines.
      const crossings = world.roads
        .flatMap((road) => road.crossings.map((c) => ({ road, c })))
        .filter(({ road, c }) => road.index < c.other && plan.gridAt(c.at) === gridId);
      const spots: Point[] = crossings.slice(0, 2).map(({ c }) => c.at);
      for (const run of candidates) {
        if (spots.length >= 3) break;
        const mid = positionOnRoad(run.road, (run.from + run.to) / 2);
        if (spots.every((s) => distance(s, mid) > 200)) spots.push(mid);
      }
      spots.forEach((p, i) => {
        const { lat, lng } = toLatLng(p);
        mustReachPoints.push({
          id: `${gridId}-P${i + 1}`,
          name: `${gridName(gridId)} ${prng.pick(placeWords)}`,
          ...refOf(gridId),
          lat,
          lng,
          radiusM: 50,
        });
      });
    }
  }

  // ---- 16 checkpoints where the country roads enter the county; 4 duty posts in the city ----
  const checkpoints: DistrictGeometry['checkpoints'] = [];
  const country = world.roads.filter((r) => r.kind === 'country');
  for (const road of country.slice(0, 8)) {
    for (const end of [0, 1]) {
      const p = positionOnRoad(road, end === 0 ? 1200 : road.length - 1200);
      const gridId = plan.gridAt(p);
      const side =
        Math.abs(p.x) / countyHalfWidth > Math.abs(p.y) / countyHalfHeight
          ? p.x < 0
            ? '西'
            : '东'
          : p.y < 0
            ? '南'
            : '北';
      checkpoints.push({
        id: `CK${String(checkpoints.length + 1).padStart(2, '0')}`,
        name: `${road.name}${side}治安卡点`,
        kind: 'checkpoint',
        ...refOf(gridId),
        ...toLatLng(p),
      });
    }
  }
  const dutyPosts: DistrictGeometry['dutyPosts'] = [];
  const quadrants: Point[] = [
    { x: -cityHalfWidth / 2, y: cityHalfHeight / 2 },
    { x: cityHalfWidth / 2, y: cityHalfHeight / 2 },
    { x: -cityHalfWidth / 2, y: -cityHalfHeight / 2 },
    { x: cityHalfWidth / 2, y: -cityHalfHeight / 2 },
  ];
  const cityCrossings = world.roads
    .filter((r) => r.kind === 'street')
    .flatMap((r) => r.crossings.map((c) => c.at));
  quadrants.forEach((q, i) => {
    let best = cityCrossings[0] ?? q;
    for (const c of cityCrossings) if (distance(c, q) < distance(best, q)) best = c;
    dutyPosts.push({
      id: `DP${i + 1}`,
      name: dutyPostNames[i] as string,
      kind: 'duty-post',
      ...refOf(plan.gridAt(best)),
      ...toLatLng(best),
    });
  });

  return {
    geometry: {
      version: `sim-${seed}-geometry-1`,
      areas,
      mustPatrolLines,
      mustReachPoints,
      checkpoints,
      dutyPosts,
    },
    shapes,
  };
}
