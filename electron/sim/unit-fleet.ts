/**
 * The simulated patrol units (docs/protocol.md §3, `vigil/units/{unitId}/position`): patrol cars
 * roaming the roads, officers on foot walking a city beat, village patrollers on a country beat.
 * They move along the road network and turn at crossings now and then. A unit given an order
 * (`vigil/orders/{unitId}` with a place) leaves its beat, goes straight there, stays on scene for
 * a while and goes back to its beat: the wall sees the car arrive.
 */
import type { UnitFix, UnitKind } from '../../shared/contract/platform';
import { callSign } from './call-signs';
import { bearing, distance, fromLatLng, toLatLng, type Point } from './geo-frame';
import { createPrng, type Prng } from './prng';
import { positionOnRoad, type Crossing, type Road } from './road-network';
import type { World } from './world';

/** What a unit reports each second: the protocol's unit fix (shared/contract/platform.ts). */
export type UnitPosition = UnitFix;

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
  /** Set while the unit carries out an order, off its road. */
  order: Order | null;
}

interface Order {
  at: Point;
  target: Point;
  /** Where it left its road, to go back to. */
  from: Point;
  phase: 'going' | 'on-scene' | 'returning';
  /** When the on-scene phase ends, ms. */
  until: number;
}

/** How long a unit stays where it was sent before it goes back to its beat. */
export const onSceneMs = 5 * 60_000;
const orderSpeed: Record<UnitKind, number> = { car: 12, foot: 1.6, village: 3.5 };

export interface UnitFleet {
  /** Moves every unit by `seconds` and returns where each is. */
  step(seconds: number, now: number): UnitPosition[];
  positions(now: number): UnitPosition[];
  /** Sends a unit to a place; false for an unknown unit. */
  dispatch(unitId: string, target: { lat: number; lng: number }, now: number): boolean;
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
      order: null,
    });
  };
  for (let i = 1; i <= counts.car; i++) add('car', i, prng.pick(drivable), prng.range(6, 14), 0);
  for (let i = 1; i <= counts.foot; i++)
    add('foot', i, prng.pick(streets), prng.range(1, 1.6), 600);
  for (let i = 1; i <= counts.village; i++) {
    add('village', i, prng.pick(country), prng.range(1.1, 4), 1500);
  }

  const report = (u: Unit, now: number): UnitPosition => {
    const p = u.order
      ? { ...u.order.at, heading: orderHeading(u.order) }
      : positionOnRoad(u.road, u.s);
    const { lat, lng } = toLatLng(p);
    const heading = u.direction > 0 || u.order ? p.heading : (p.heading + 180) % 360;
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
      for (const u of units) {
        if (u.order) carryOut(u, seconds, now);
        else move(u, seconds, world.roads, prng);
      }
      return units.map((u) => report(u, now));
    },
    positions: (now) => units.map((u) => report(u, now)),
    dispatch(unitId, target, _now) {
      const u = units.find((unit) => unit.id === unitId);
      if (!u) return false;
      const here = u.order ? u.order.at : positionOnRoad(u.road, u.s);
      const from = u.order ? u.order.from : { x: here.x, y: here.y };
      u.order = {
        at: { x: here.x, y: here.y },
        target: fromLatLng(target),
        from,
        phase: 'going',
        until: 0,
      };
      return true;
    },
  };
}

function orderHeading(order: Order): number {
  const towards = order.phase === 'returning' ? order.from : order.target;
  return distance(order.at, towards) < 1 ? 0 : bearing(order.at, towards);
}

function carryOut(u: Unit, seconds: number, now: number): void {
  const order = u.order as Order;
  if (order.phase === 'on-scene') {
    u.speed = 0;
    if (now >= order.until) order.phase = 'returning';
    return;
  }
  const towards = order.phase === 'going' ? order.target : order.from;
  u.speed = orderSpeed[u.kind];
  const left = distance(order.at, towards);
  const stride = u.speed * seconds;
  if (left <= stride) {
    order.at = { ...towards };
    if (order.phase === 'going') {
      order.phase = 'on-scene';
      order.until = now + onSceneMs;
      u.speed = 0;
    } else {
      u.order = null; // back on its road, where it left it
    }
    return;
  }
  order.at = {
    x: order.at.x + ((towards.x - order.at.x) / left) * stride,
    y: order.at.y + ((towards.y - order.at.y) / left) * stride,
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
