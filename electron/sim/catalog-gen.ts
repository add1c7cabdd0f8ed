/**
 * Generates the simulated platform's camera catalog: deterministic for a seed, sized by FIELD.md
 * (about 26,000 cameras: fixed street cameras, ~670 checkpoints / e-police, 28 vehicle units and
 * 84 body-worn units), placed along the roads of the simulated county and named as a county's
 * video platform names them ("钢山街与唐王山路口东 03").
 */
import type { Area, Camera, CameraKind } from '../../shared/api';
import { callSign } from './call-signs';
import {
  bearing,
  compassWord,
  fromLatLng,
  normaliseHeading,
  toLatLng,
  type Point,
} from './geo-frame';
import { createPrng, type Prng } from './prng';
import { checkpointWords, villageSpots } from './place-names';
import { nearestCrossing, positionOnRoad, type Road } from './road-network';
import { buildWorld, type World } from './world';

export const defaultCameraCount = 26_000;
/** FIELD.md: 670 checkpoints, 28 vehicle 4G units, 84 body-worn units in about 26,000 cameras. */
const kindShares = { checkpoint: 670, vehicle: 28, body: 84 } as const;

/**
 * The maintenance contractors (运维单位) who repair the county's cameras, one per zone (a county
 * lets its video network's upkeep to a few companies by district).
 */
export const contractors = ['华安运维', '城联科技', '恒通安防', '鲁信通信'] as const;

/** The Zoucheng administrative code (370883) padded to the 8-digit centre code of GB/T 28181. */
const centreCode = '37088300';
const idCodes: Record<CameraKind, { industry: string; type: string }> = {
  fixed: { industry: '00', type: '132' },
  checkpoint: { industry: '05', type: '131' },
  vehicle: { industry: '00', type: '132' },
  body: { industry: '00', type: '132' },
};

export interface CatalogGenOptions {
  cameras?: number;
  seed?: number;
  /** The platform base URL the stream URLs point at, e.g. http://127.0.0.1:7480 */
  baseUrl: string;
  /** The county to place cameras in; built from the seed when omitted. */
  world?: World;
}

export interface GeneratedCatalog {
  areas: Area[];
  /** Every camera, status online; the platform state applies faults on top. */
  cameras: Camera[];
}

/** How many cameras of each kind a catalog of `total` cameras has. */
export function cameraKindCounts(total: number): Record<CameraKind, number> {
  if (!Number.isInteger(total) || total < 1) throw new Error('cameras must be a positive integer');
  const share = (n: number): number =>
    total < 20 ? 0 : Math.max(1, Math.round((n * total) / defaultCameraCount));
  const checkpoint = share(kindShares.checkpoint);
  const vehicle = share(kindShares.vehicle);
  const body = share(kindShares.body);
  return { fixed: total - checkpoint - vehicle - body, checkpoint, vehicle, body };
}

export function generateCatalog(opts: CatalogGenOptions): GeneratedCatalog {
  const total = opts.cameras ?? defaultCameraCount;
  const seed = opts.seed ?? 1;
  const base = opts.baseUrl.replace(/\/+$/, '');
  const world = opts.world ?? buildWorld(seed);
  // A separate stream for cameras, so adding a village does not move every camera.
  const prng = createPrng(seed * 7919 + 17);
  const counts = cameraKindCounts(total);
  const namer = createNamer();
  const cameras: Camera[] = [];
  const maintainerOf = zoneContractors(world.plan.areas, seed);

  const push = (
    kind: CameraKind,
    name: string,
    at: Point,
    view: { heading?: number; fov: number; range: number },
  ): void => {
    const serial = String(cameras.length + 1).padStart(7, '0');
    const { industry, type } = idCodes[kind];
    const id = `${centreCode}${industry}${type}${serial}`;
    const { lat, lng } = toLatLng(at);
    const camera: Camera = {
      id,
      name,
      // The grid of the published (rounded) position, so the camera lies inside its grid's
      // polygon (GET /api/v1/geometry) even on a boundary.
      gridId: world.plan.gridAt(fromLatLng({ lat, lng })),
      kind,
      lat,
      lng,
      ...(view.heading === undefined ? {} : { heading: view.heading }),
      fov: view.fov,
      range: view.range,
      liveUrl: `${base}/live/${id}/main.m3u8`,
      subUrl: `${base}/live/${id}/sub.m3u8`,
      playbackUrlTemplate: `${base}/playback/${id}.m3u8?start={start}&end={end}`,
      status: 'online',
    };
    const maintainer = maintainerOf(camera.gridId);
    if (maintainer) camera.maintainer = maintainer;
    cameras.push(camera);
  };

  const streetWeight = (road: Road): number =>
    road.length * (road.kind === 'street' ? 6 : road.kind === 'expressway' ? 0.3 : 1);
  const pickRoad = weightedPicker(world.roads, streetWeight, prng);

  for (let i = 0; i < counts.fixed; i++) {
    // One in five country cameras watches a village (the "雪亮工程" cameras), the rest a road.
    if (prng.chance(0.1)) {
      const village = prng.pick(world.villages);
      const at = {
        x: village.at.x + prng.range(-250, 250),
        y: village.at.y + prng.range(-250, 250),
      };
      const spot = prng.pick(villageSpots);
      push('fixed', namer(`${village.name}${spot}`), at, fixedView(prng, bearing(at, village.at)));
      continue;
    }
    const road = pickRoad();
    const s = prng.range(0, road.length);
    const at = roadside(road, s, prng);
    const place = roadPlace(world, road, s, at);
    const facing = place.crossing
      ? bearing(at, place.crossing)
      : positionOnRoad(road, s).heading + (prng.chance(0.5) ? 0 : 180);
    push('fixed', namer(place.name), at, fixedView(prng, facing));
  }

  const checkpointRoads = world.roads.filter((r) => r.kind !== 'street');
  const pickCheckpointRoad = weightedPicker(checkpointRoads, (r) => r.length, prng);
  for (let i = 0; i < counts.checkpoint; i++) {
    // Half at the city's entrances and streets (e-police), half on country roads.
    const road = prng.chance(0.4) ? pickRoad() : pickCheckpointRoad();
    const s = prng.range(0, road.length);
    const at = roadside(road, s, prng);
    const place = roadPlace(world, road, s, at);
    const word = prng.pick(checkpointWords);
    const heading = normaliseHeading(
      positionOnRoad(road, s).heading + (prng.chance(0.5) ? 0 : 180),
    );
    push('checkpoint', namer(`${place.name}${word}`), at, {
      heading,
      fov: prng.int(30, 50),
      range: prng.int(40, 90),
    });
  }

  for (let i = 0; i < counts.vehicle; i++) {
    const road = pickRoad();
    const at = positionOnRoad(road, prng.range(0, road.length));
    push('vehicle', `车载图传 ${callSign('car', i + 1)}`, at, { fov: 100, range: 60 });
  }
  for (let i = 0; i < counts.body; i++) {
    const streets = world.roads.filter((r) => r.kind === 'street');
    const road = prng.pick(streets);
    const at = positionOnRoad(road, prng.range(0, road.length));
    push('body', `单兵图传 ${callSign('foot', i + 1)}`, at, { fov: 120, range: 30 });
  }

  return { areas: world.plan.areas, cameras };
}

/** Each grid's contractor: its zone's, the zones dealt out in turn (the seed picks who starts). */
function zoneContractors(areas: readonly Area[], seed: number): (gridId: string) => string | null {
  const zones = areas
    .filter((a) => a.level === 'zone')
    .map((a) => a.id)
    .sort();
  const byZone = new Map(
    zones.map((id, i) => [id, contractors[(i + seed) % contractors.length] as string]),
  );
  const zoneOf = new Map(areas.map((a) => [a.id, a.level === 'grid' ? a.parentId : a.id]));
  return (gridId) => byZone.get(zoneOf.get(gridId) ?? '') ?? null;
}

function fixedView(prng: Prng, facing: number): { heading?: number; fov: number; range: number } {
  // About one in eight is a dome (球机): it turns, so it has no fixed heading.
  if (prng.chance(0.12)) return { fov: 360, range: prng.int(100, 200) };
  return {
    heading: normaliseHeading(facing + prng.range(-20, 20)),
    fov: prng.int(50, 95),
    range: prng.int(60, 220),
  };
}

/** A point beside the road, a few metres off the centre line. */
function roadside(road: Road, s: number, prng: Prng): Point {
  const on = positionOnRoad(road, s);
  const rad = (on.heading * Math.PI) / 180;
  const off = prng.range(6, 20) * (prng.chance(0.5) ? 1 : -1);
  return { x: on.x + Math.cos(rad) * off, y: on.y - Math.sin(rad) * off };
}

/** How a camera at distance s on a road is named: by the crossing near it, a village, or a mile mark. */
function roadPlace(
  world: World,
  road: Road,
  s: number,
  at: Point,
): { name: string; crossing: Point | null } {
  const crossing = nearestCrossing(road, s);
  if (crossing) {
    const gap = Math.abs(crossing.s - s);
    const other = (world.roads[crossing.other] as Road).name;
    const junction = other.endsWith('路') ? `${other}口` : `${other}路口`;
    const side = compassWord(crossing.at, at);
    if (gap <= 120) return { name: `${road.name}与${junction}${side}`, crossing: crossing.at };
    if (gap <= 1500) {
      const metres = Math.max(50, Math.round(gap / 50) * 50);
      return { name: `${road.name}${junction}${side}${metres}米`, crossing: null };
    }
  }
  const near = world.nearestVillage(at);
  if (near.distance <= 2500) return { name: `${road.name}${near.village.name}段`, crossing: null };
  const km = Math.floor(s / 1000);
  const m = String(Math.round((s % 1000) / 100) * 100).padStart(3, '0');
  return { name: `${road.name}K${km}+${m === '1000' ? '900' : m}`, crossing: null };
}

/** Numbers cameras sharing a place name: "…路口东 01", "…路口东 02". */
function createNamer(): (place: string) => string {
  const seen = new Map<string, number>();
  return (place) => {
    const n = (seen.get(place) ?? 0) + 1;
    seen.set(place, n);
    return `${place} ${String(n).padStart(2, '0')}`;
  };
}

function weightedPicker<T>(items: readonly T[], weight: (item: T) => number, prng: Prng): () => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const item of items) {
    sum += weight(item);
    cumulative.push(sum);
  }
  return () => {
    const r = prng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as T;
  };
}
