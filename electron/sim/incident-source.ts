/**
 * Where the simulated platform's own incidents come from (docs/protocol.md §8): 110 calls at
 * places along the roads, mostly in the city, and plate hits from the checkpoints' plate
 * comparison channels (the county runs ~120). Both are drawn from a seeded PRNG, so a seed gives
 * the same sequence; the admin API and `openIncident` may fix any field.
 */
import { z } from 'zod';
import type { Camera } from '../../shared/api';
import type { IncidentLevel } from '../../shared/contract/platform';
import { fromLatLng, toLatLng, distance, type Point } from './geo-frame';
import type { NewIncident } from './incident-desk';
import type { Prng } from './prng';
import { nearestCrossing, positionOnRoad, type Road } from './road-network';

export const callCategories = [
  '盗窃',
  '纠纷',
  '交通事故',
  '求助',
  '斗殴',
  '诈骗',
  '噪音扰民',
  '可疑人员',
  '火情',
] as const;

/** Why a plate is wanted, and the level a hit opens at. */
export const plateReasons: readonly { reason: string; level: IncidentLevel }[] = [
  { reason: '盗抢车辆', level: 2 },
  { reason: '在逃人员关联车辆', level: 3 },
  { reason: '套牌车', level: 1 },
  { reason: '未年检', level: 1 },
];
export const plateDirections = ['东向西', '西向东', '南向北', '北向南'] as const;
/** The checkpoint channels the platform compares plates on (FIELD.md: ~120). */
export const plateChannels = 120;

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);

/** POST /admin/incidents and SimulatorHandle.openIncident. */
export const OpenIncidentRequestSchema = z
  .object({
    kind: z.enum(['call', 'plate']),
    lat: lat.optional(),
    lng: lng.optional(),
    category: z.string().trim().min(1).max(100).optional(),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    address: z.string().trim().min(1).max(500).optional(),
  })
  .refine((r) => (r.lat === undefined) === (r.lng === undefined), {
    message: 'lat and lng go together',
    path: ['lat'],
  });
export type OpenIncidentRequest = z.infer<typeof OpenIncidentRequestSchema>;

/** Up to `plateChannels` checkpoint cameras, the same ones for a catalog every time. */
export function plateCheckpoints(cameras: readonly Camera[]): Camera[] {
  const all = cameras.filter((c) => c.kind === 'checkpoint').sort((a, b) => cmp(a.id, b.id));
  if (all.length <= plateChannels) return all;
  // Evenly over the sorted list, so the channels spread over the county, not one corner.
  return Array.from(
    { length: plateChannels },
    (_, i) => all[Math.floor((i * all.length) / plateChannels)] as Camera,
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A 110 call: a random place along a road (city streets four times in five) or the request's. */
export function makeCall(
  prng: Prng,
  roads: readonly Road[],
  request: Partial<OpenIncidentRequest>,
  now: number,
): NewIncident {
  const streets = roads.filter((r) => r.kind === 'street');
  const others = roads.filter((r) => r.kind !== 'street');
  let at: Point;
  let road: Road;
  if (request.lat !== undefined && request.lng !== undefined) {
    at = fromLatLng({ lat: request.lat, lng: request.lng });
    road = nearestRoad(roads, at);
  } else {
    road = prng.pick(prng.chance(0.8) && streets.length ? streets : others.length ? others : roads);
    const p = positionOnRoad(road, prng.range(0, road.length));
    // A caller stands beside the road, not on its middle line.
    at = { x: p.x + prng.range(-15, 15), y: p.y + prng.range(-15, 15) };
  }
  const place = toLatLng(at);
  const category = request.category ?? prng.pick(callCategories);
  const level: IncidentLevel = request.level ?? (prng.chance(0.85) ? 1 : prng.chance(0.8) ? 2 : 3);
  const phone = `1${prng.pick(['3', '5', '8'])}${prng.int(0, 9)}****${String(prng.int(0, 9999)).padStart(4, '0')}`;
  return {
    source: 'call',
    category,
    level,
    lat: request.lat ?? place.lat,
    lng: request.lng ?? place.lng,
    address: request.address ?? addressNear(road, roads, at, prng),
    reportedAt: now,
    summary: `报警人称${category}，请求出警`,
    callerPhone: phone,
  };
}

/** A checkpoint's plate hit: a wanted plate seen passing a checkpoint (the request's nearest). */
export function makePlateHit(
  prng: Prng,
  checkpoints: readonly Camera[],
  request: Partial<OpenIncidentRequest>,
  now: number,
): NewIncident {
  if (checkpoints.length === 0) throw new Error('plate hit: the catalog has no checkpoint camera');
  let camera = prng.pick(checkpoints);
  if (request.lat !== undefined && request.lng !== undefined) {
    const want = fromLatLng({ lat: request.lat, lng: request.lng });
    let best = Infinity;
    for (const c of checkpoints) {
      const d = distance(fromLatLng(c), want);
      if (d < best) {
        best = d;
        camera = c;
      }
    }
  }
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const plate = `鲁H·${prng.pick([...letters])}${String(prng.int(0, 9999)).padStart(4, '0')}`;
  const wanted = prng.pick(plateReasons);
  const direction = prng.pick(plateDirections);
  return {
    source: 'plate',
    category: request.category ?? '布控车辆预警',
    level: request.level ?? wanted.level,
    lat: camera.lat,
    lng: camera.lng,
    address: request.address ?? camera.name,
    reportedAt: now,
    summary: `${plate}（${wanted.reason}）${direction}经过${camera.name}`,
    plate: { plate, reason: wanted.reason, checkpointId: camera.id, direction },
    cameraId: camera.id,
  };
}

function nearestRoad(roads: readonly Road[], at: Point): Road {
  let best = roads[0] as Road;
  let bestD = Infinity;
  for (const road of roads) {
    const p = positionOnRoad(road, nearestS(road, at));
    const d = distance(p, at);
    if (d < bestD) {
      bestD = d;
      best = road;
    }
  }
  return best;
}

/** A zh-CN address: the crossing when one is near, else a house number along the road. */
function addressNear(road: Road, roads: readonly Road[], at: Point, prng: Prng): string {
  const s = nearestS(road, at);
  const crossing = nearestCrossing(road, s);
  if (crossing && Math.abs(crossing.s - s) < 120) {
    const other = roads[crossing.other];
    if (other) return `邹城市${road.name}与${other.name}交叉口附近`;
  }
  const number = Math.max(1, Math.round(s / 20)) + prng.int(0, 1);
  return `邹城市${road.name}${number}号附近`;
}

/** Distance along a road of the point nearest `at` (projected onto each segment). */
function nearestS(road: Road, at: Point): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 1; i < road.points.length; i++) {
    const a = road.points[i - 1] as Point;
    const b = road.points[i] as Point;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy || 1;
    const t = Math.min(1, Math.max(0, ((at.x - a.x) * dx + (at.y - a.y) * dy) / len2));
    const d = distance({ x: a.x + dx * t, y: a.y + dy * t }, at);
    if (d < bestD) {
      bestD = d;
      best = (road.cumulative[i - 1] as number) + t * Math.sqrt(len2);
    }
  }
  return best;
}
