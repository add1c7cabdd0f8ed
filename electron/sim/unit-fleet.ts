/**
 * The simulated patrol units (docs/protocol.md §3, `vigil/units/{unitId}/position`): patrol cars
 * roaming the roads, officers on foot walking a city beat, village patrollers on a country beat.
 * They move along the road network and turn at crossings now and then.
 */
import { callSign, type UnitKind } from './call-signs';
import { toLatLng } from './geo-frame';
import { createPrng, type Prng } from './prng';
import { positionOnRoad, type Crossing, type Road } from './road-network';
import type { World } from './world';

export interface UnitPosition {
  unitId: string;
  callSign: string;
  kind: UnitKind;
  lat: number;
  lng: number;
  heading: number;
  /** m/s */
  speed: number;
  at: number;
}

interface Unit {
  id: string;
  callSign: string;
  kind: UnitKind;
  road: Road;
  s: number;
  /** +1 or -1 along the road. */
  direction: number;
  speed: number;
  /** Foot and village units keep to a beat [min, max] on their road; cars roam. */
  beat: { min: number; max: number } | null;
}

export interface UnitFleet {
  /** Moves every unit by `seconds` and returns where each is. */
  step(seconds: number, now: number): UnitPosition[];
  positions(now: number): UnitPosition[];
}

/** FIELD.md: patrol cars, officers on foot, village patrollers; a 30 / 50 / 20 split. */
export function unitKindCounts(total: number): Record<UnitKind, number> {
  const car = Math.round(total * 0.3);
  const foot = Math.round(total * 0.5);
  return { car, foot, village: total - car - foot };
}

export function createUnitFleet(world: World, total: number, seed: number): UnitFleet {
  const prng = createPrng(seed * 104_729 + 3);
  const streets = world.roads.filter((r) => r.kind === 'street');
  const country = world.roads.filter((r) => r.kind === 'country');
  const drivable = world.roads.filter((r) => r.kind !== 'expressway');
  const counts = unitKindCounts(total);
  const units: Unit[] = [];

  const add = (kind: UnitKind, n: number, road: Road, speed: number, beatHalf: number): void => {
    const s = prng.range(0, road.length);
    const beat =
      beatHalf > 0
        ? { min: Math.max(0, s - beatHalf), max: Math.min(road.length, s + beatHalf) }
        : null;
    const prefix = kind === 'car' ? 'C' : kind === 'foot' ? 'F' : 'V';
    units.push({
      id: `U-${prefix}${String(n).padStart(3, '0')}`,
      callSign: callSign(kind, n),
      kind,
      road,
      s,
      direction: prng.chance(0.5) ? 1 : -1,
      speed,
      beat,
    });
  };
  for (let i = 1; i <= counts.car; i++) add('car', i, prng.pick(drivable), prng.range(6, 14), 0);
  for (let i = 1; i <= counts.foot; i++)
    add('foot', i, prng.pick(streets), prng.range(1, 1.6), 600);
  for (let i = 1; i <= counts.village; i++) {
    add('village', i, prng.pick(country), prng.range(1.1, 4), 1500);
  }

  const report = (u: Unit, now: number): UnitPosition => {
    const p = positionOnRoad(u.road, u.s);
    const { lat, lng } = toLatLng(p);
    const heading = u.direction > 0 ? p.heading : (p.heading + 180) % 360;
    return {
      unitId: u.id,
      callSign: u.callSign,
      kind: u.kind,
      lat,
      lng,
      heading: Math.round(heading * 10) / 10,
      speed: Math.round(u.speed * 10) / 10,
      at: now,
    };
  };

  return {
    step(seconds, now) {
      for (const u of units) move(u, seconds, world.roads, prng);
      return units.map((u) => report(u, now));
    },
    positions: (now) => units.map((u) => report(u, now)),
  };
}

function move(u: Unit, seconds: number, roads: Road[], prng: Prng): void {
  // Speed wanders a little; cars stop at lights now and then.
  if (u.kind === 'car') u.speed = clamp(u.speed + prng.range(-1.5, 1.5), 0, 16);
  else u.speed = clamp(u.speed + prng.range(-0.2, 0.2), 0.6, u.kind === 'village' ? 4.5 : 1.8);
  const from = u.s;
  let to = from + u.direction * u.speed * seconds;
  const min = u.beat?.min ?? 0;
  const max = u.beat?.max ?? u.road.length;
  if (to < min || to > max) {
    to = clamp(to, min, max);
    u.direction = -u.direction;
  }
  // A roaming car may turn onto the road it crosses.
  if (!u.beat) {
    const crossed = crossingBetween(u.road, from, to);
    if (crossed && prng.chance(0.3)) {
      u.road = roads[crossed.other] as Road;
      u.s = crossed.otherS;
      u.direction = prng.chance(0.5) ? 1 : -1;
      return;
    }
  }
  u.s = to;
}

function crossingBetween(road: Road, a: number, b: number): Crossing | undefined {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return road.crossings.find((c) => c.s > lo && c.s <= hi);
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), max);
}
