/**
 * The simulated patrol units (docs/protocol.md §3 and §8): patrol cars roaming the roads, officers
 * on foot walking a city beat or standing at a fixed post, village patrollers on a country beat.
 * They move along the road network and turn at crossings now and then, and report a fix each
 * second (`vigil/units/{unitId}/position`) and their status on every change
 * (`vigil/units/{unitId}/status`, through `onStatus`).
 *
 * Orders (`vigil/orders/{unitId}`):
 * - a dispatch order (an `orderId`, shared/contract/platform.ts DispatchOrderSchema) is obeyed as
 *   a real unit would: dispatched on receipt → acknowledged after a few seconds → en route,
 *   driving the road graph's shortest path to the incident at its kind's speed (the last stretch
 *   off the road straight) → on scene within 30 m → handling → cleared after `onSceneMs`, then
 *   returning to its beat over the roads → patrol. One `orderId` is obeyed once: a redelivery
 *   (QoS 1, an outbox resend after a crash) only repeats the unit's current status.
 * - a warning order (预警指令, `kind: 'warning'`, shared/contract/platform-analysis.ts): the unit
 *   goes over the roads to the place when the window opens (at once when it is open, later when
 *   it starts in the future), stops inside the radius for between stopMin and stopMax minutes, and
 *   goes back to its beat. Its status stays patrol / post (a visit is patrol work, a dispatch may
 *   take the unit away). Not every unit obeys: by a hash of (seed, unit, warningId), about one in
 *   ten ignores it and one in ten comes late (sets off when three quarters or more of the window
 *   are gone); a resting or faulty unit does not go. One warningId is acted on once.
 * - a place-only order (the protocol's legacy body) sends the unit straight there at once, as
 *   before dispatch existed, through the same on-scene and return phases.
 */
import type {
  UnitActivity,
  UnitAvailability,
  UnitFix,
  UnitKind,
  UnitStatusMessage,
} from '../../shared/contract/platform';
import {
  edgeTimeS,
  pathTo,
  shortestTimes,
  speedProfile,
  type RoadGraph,
} from '../../shared/domain/roads';
import type { WarningOrder } from '../../shared/contract/platform-analysis';
import { callSign } from './call-signs';
import { bearing, distance, fromLatLng, toLatLng, type Point } from './geo-frame';
import { createPrng, fnv1a, type Prng } from './prng';
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
  /** The grid it patrols (its beat's grid; a car keeps to its grid's roads). */
  gridId: string;
  /** Standing at a fixed post (定点): does not move while it has no task. */
  post: boolean;
  /** What it does without a task: patrol / post, or resting / fault (both unavailable). */
  idle: 'patrol' | 'post' | 'resting' | 'fault';
  /** Set while the unit carries out an order, off its road. */
  task: Task | null;
  /** Every orderId and warningId it obeyed (a redelivery is not obeyed again). */
  obeyed: Set<string>;
  /** Warnings it will go to when their time comes. */
  visits: Visit[];
  status: UnitStatusMessage;
}

/** One straight piece of a route and the speed kept on it (m/s, before the speed factor). */
interface Leg {
  to: Point;
  speed: number;
}

/** A warning's visit, waiting for its time. */
interface Visit {
  warningId: string;
  target: Point;
  /** When it sets off (the window's start, or later for a late unit) and the window's end. */
  goAt: number;
  windowEnd: number;
  stopMs: number;
}

interface Task {
  /** Set on a warning's visit: no status changes, stops `stopMs` at the place. */
  visit?: { warningId: string; stopMs: number };
  orderId?: string;
  incidentId?: string;
  /** Over the road graph (a dispatch order) or straight (a place-only order). */
  byRoad: boolean;
  at: Point;
  target: Point;
  legs: Leg[];
  phase: 'dispatched' | 'acknowledged' | 'en-route' | 'on-scene' | 'handling' | 'returning';
  /** When the current phase's timer fires (ack, handling, cleared), ms. */
  next: number;
  arrivedAt: number;
  heading: number;
  /** Where it left its road, to go back to. */
  home: { road: Road; s: number };
}

/** A beat's ends are found this finely (m). */
const beatStepM = 25;
/**
 * Units on patrol turn this far before a road's end: a city street ends on the city's edge, where
 * a fix (rounded to 1e-6°) could fall in the county's grid next to the unit's.
 */
const endGapM = 5;
/** How long a unit stays where it was sent before it goes back to its beat (default). */
export const onSceneMs = 5 * 60_000;
/** Arrival: this close to the incident counts as on scene. */
export const arrivalM = 30;
/** A place-only order goes straight at these speeds (m/s), as it always did. */
const straightSpeed: Record<UnitKind, number> = { car: 12, foot: 1.6, village: 3.5 };
/** Off the road (to the first node, from the last one to the scene), km/h. */
const offRoadKmh: Record<UnitKind, number> = { car: 20, foot: 5, village: 10 };

const availabilityOf: Record<UnitActivity, UnitAvailability> = {
  patrol: 'available',
  post: 'available',
  // Assigned but not yet there: can be diverted to something more urgent.
  dispatched: 'conditional',
  acknowledged: 'conditional',
  'en-route': 'conditional',
  'on-scene': 'unavailable',
  handling: 'unavailable',
  // Done at the scene; may be sent again on the way back.
  returning: 'available',
  resting: 'unavailable',
  fault: 'unavailable',
};

export interface UnitFleetOptions {
  /** The road graph units drive on when obeying a dispatch order; null: straight lines. */
  graph?: RoadGraph | null;
  /** Multiplies how fast units on an order move (tests use it to arrive in seconds). */
  speedFactor?: number;
  /**
   * Every unit obeys every warning (no late or ignoring ones): for e2e tests and demos that need
   * the visit. Default false: ~80 % obey, ~10 % come late, ~10 % ignore it (warningResponse).
   */
  allObey?: boolean;
  /** Range of the delay before a unit acknowledges a dispatch order, ms. */
  ackDelayMs?: { min: number; max: number };
  /** From arrival to cleared. */
  onSceneMs?: number;
  /** Every status change (publish it retained). */
  onStatus?: (status: UnitStatusMessage) => void;
  log?: (line: string) => void;
}

/** What a unit makes of a warning: ~80 % obey, ~10 % come late, ~10 % ignore it. */
export type WarningResponse = 'obeys' | 'late' | 'ignores';

/** Five draws in [0, 1) from (seed, unit, warningId): the same every time. */
function warningDraws(seed: number, unitId: string, warningId: string): number[] {
  const prng = createPrng(parseInt(fnv1a(`${seed}|${unitId}|${warningId}`), 16));
  return [prng.next(), prng.next(), prng.next(), prng.next(), prng.next()];
}

/** Whether a unit obeys a warning, comes late or ignores it (deterministic, ~80 / 10 / 10 %). */
export function warningResponse(seed: number, unitId: string, warningId: string): WarningResponse {
  const [u = 0] = warningDraws(seed, unitId, warningId);
  return u < 0.1 ? 'ignores' : u < 0.2 ? 'late' : 'obeys';
}

export interface DispatchRequest {
  orderId: string;
  incidentId: string;
  lat: number;
  lng: number;
}

export interface UnitFleet {
  /** Moves every unit by `seconds` and returns where each is. */
  step(seconds: number, now: number): UnitPosition[];
  positions(now: number): UnitPosition[];
  /** Sends a unit straight to a place (a place-only order); false for an unknown unit. */
  dispatch(unitId: string, target: { lat: number; lng: number }, now: number): boolean;
  /**
   * A dispatch order: `obeyed` the first time its orderId reaches the unit, `repeat` after (the
   * unit's current status is reported again), `unknown` for no such unit.
   */
  order(unitId: string, order: DispatchRequest, now: number): 'obeyed' | 'repeat' | 'unknown';
  /**
   * A warning order: the unit's response the first time its warningId reaches the unit (it goes
   * when the window opens, unless it ignores it), `repeat` after, `unknown` for no such unit.
   */
  warn(unitId: string, warning: WarningOrder, now: number): WarningResponse | 'repeat' | 'unknown';
  /** Every unit's current status. */
  statuses(): UnitStatusMessage[];
  /** Every unit's kind and the grid it patrols (its beat). */
  beats(): { id: string; kind: UnitKind; gridId: string }[];
  callSignOf(unitId: string): string | undefined;
}

/** FIELD.md: patrol cars, officers on foot, village patrollers; a 30 / 50 / 20 split. */
export function unitKindCounts(total: number): Record<UnitKind, number> {
  const car = Math.round(total * 0.3);
  const foot = Math.round(total * 0.5);
  return { car, foot, village: total - car - foot };
}

export function createUnitFleet(
  world: World,
  total: number,
  seed: number,
  options: UnitFleetOptions = {},
): UnitFleet {
  const prng = createPrng(seed * 104_729 + 3);
  // A second generator for duty states and ack delays, so the units' places and moves stay what
  // the same seed always gave.
  const duty = createPrng(seed * 7_919 + 11);
  const graph = options.graph ?? null;
  const speedFactor = options.speedFactor ?? 1;
  const ackDelay = options.ackDelayMs ?? { min: 3000, max: 10_000 };
  const sceneMs = options.onSceneMs ?? onSceneMs;
  const onStatus = options.onStatus ?? (() => {});
  const log = options.log ?? (() => {});
  const streets = world.roads.filter((r) => r.kind === 'street');
  const country = world.roads.filter((r) => r.kind === 'country');
  const drivable = world.roads.filter((r) => r.kind !== 'expressway');
  const counts = unitKindCounts(total);
  const units: Unit[] = [];

  const gridAt = (p: Point): string => world.plan.gridAt(p);
  const add = (kind: UnitKind, n: number, road: Road, speed: number, beatHalf: number): void => {
    const s = prng.range(0, road.length);
    const gridId = gridAt(positionOnRoad(road, s));
    // A beat is the stretch of its road around where it starts, within its grid.
    const inGrid = (at: number): boolean => gridAt(positionOnRoad(road, at)) === gridId;
    const reach = (dir: number): number => {
      let at = s;
      const end =
        dir > 0 ? Math.min(road.length - endGapM, s + beatHalf) : Math.max(endGapM, s - beatHalf);
      while (Math.abs(end - at) > beatStepM && inGrid(at + dir * beatStepM)) at += dir * beatStepM;
      return Math.abs(end - at) <= beatStepM && inGrid(end) ? end : at;
    };
    const beat = beatHalf > 0 ? { min: reach(-1), max: reach(1) } : null;
    const prefix = kind === 'car' ? 'C' : kind === 'foot' ? 'F' : 'V';
    // ~4% resting, ~1% with a fault; a quarter of the officers on foot stand at a fixed post.
    const roll = duty.next();
    const post = kind === 'foot' && duty.chance(0.25);
    const idle = roll < 0.01 ? 'fault' : roll < 0.05 ? 'resting' : post ? 'post' : 'patrol';
    const id = `U-${prefix}${String(n).padStart(3, '0')}`;
    units.push({
      id,
      callSign: callSign(kind, n),
      kind,
      road,
      s,
      direction: prng.chance(0.5) ? 1 : -1,
      speed,
      beat,
      gridId,
      post,
      idle,
      task: null,
      obeyed: new Set(),
      visits: [],
      status: { unitId: id, availability: availabilityOf[idle], activity: idle, at: 0 },
    });
  };
  for (let i = 1; i <= counts.car; i++) add('car', i, prng.pick(drivable), prng.range(6, 14), 0);
  for (let i = 1; i <= counts.foot; i++)
    add('foot', i, prng.pick(streets), prng.range(1, 1.6), 600);
  for (let i = 1; i <= counts.village; i++) {
    add('village', i, prng.pick(country), prng.range(1.1, 4), 1500);
  }
  const byId = new Map(units.map((u) => [u.id, u]));

  const setStatus = (u: Unit, activity: UnitActivity, now: number): void => {
    const t = u.task;
    u.status = {
      unitId: u.id,
      availability: availabilityOf[activity],
      activity,
      ...(t?.incidentId ? { incidentId: t.incidentId } : {}),
      ...(t?.orderId ? { orderId: t.orderId } : {}),
      at: now,
    };
    onStatus({ ...u.status });
  };

  // The graph's nodes in the local metre frame, to snap a place onto its nearest edge.
  const nodeAt: Point[] = [];
  if (graph) {
    for (let n = 0; n < graph.nodeCount; n++) {
      nodeAt.push(fromLatLng({ lat: graph.lat[n] as number, lng: graph.lng[n] as number }));
    }
  }

  /**
   * The point of the graph's edges nearest p (a scan: the simulator's graph has a few hundred
   * edges and a route is asked for once per order). Starting from the edge a unit is on, not
   * from the nearest node, keeps it from cutting across a block to a node of a parallel street.
   */
  const snap = (p: Point): { edge: number; q: Point } => {
    const g = graph as RoadGraph;
    let best = { edge: 0, q: nodeAt[0] as Point };
    let bestD = Infinity;
    for (let e = 0; e < g.edgeCount; e++) {
      const a = nodeAt[g.edgeA[e] as number] as Point;
      const b = nodeAt[g.edgeB[e] as number] as Point;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len2 = dx * dx + dy * dy || 1;
      const t = Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
      const q = { x: a.x + dx * t, y: a.y + dy * t };
      const d = distance(p, q);
      if (d < bestD) {
        bestD = d;
        best = { edge: e, q };
      }
    }
    return best;
  };

  /** The road graph's shortest path from a to b, as legs; straight when there is no graph. */
  const route = (u: Unit, from: Point, to: Point): Leg[] => {
    const off = offRoadKmh[u.kind] / 3.6;
    if (!graph || graph.edgeCount === 0) return [{ to, speed: off }];
    try {
      const profile = speedProfile(u.kind);
      // m/s on an edge for this unit (the simulator's graph has no one-way edges).
      const edgeSpeed = (e: number): number => {
        const t = edgeTimeS(graph, e, profile);
        return t > 0 ? (graph.edgeLenM[e] as number) / t : off;
      };
      const start = snap(from);
      const end = snap(to);
      const ends = (e: number): [number, number] => [
        graph.edgeA[e] as number,
        graph.edgeB[e] as number,
      ];
      if (start.edge === end.edge) {
        const v = edgeSpeed(start.edge);
        return [
          { to: start.q, speed: off },
          { to: end.q, speed: v },
          { to, speed: off },
        ];
      }
      const vs = edgeSpeed(start.edge);
      const sources = ends(start.edge).map((node) => ({
        node,
        startS: distance(start.q, nodeAt[node] as Point) / vs,
      }));
      const search = shortestTimes(graph, sources, { direction: 'forward', kind: u.kind });
      const ve = edgeSpeed(end.edge);
      const [ea, eb] = ends(end.edge);
      const via = (n: number): number =>
        (search.timeS[n] as number) + distance(nodeAt[n] as Point, end.q) / ve;
      const last = via(ea) <= via(eb) ? ea : eb;
      const path = pathTo(search, last);
      if (path.length === 0) return [{ to, speed: off }];
      const legs: Leg[] = [{ to: start.q, speed: off }];
      path.forEach((node, i) => {
        const e = search.prevEdge[node] as number;
        legs.push({ to: nodeAt[node] as Point, speed: i === 0 || e < 0 ? vs : edgeSpeed(e) });
      });
      legs.push({ to: end.q, speed: ve });
      legs.push({ to, speed: off });
      return legs;
    } catch (err) {
      // The graph is the platform's own; a failure here is a bug, but the unit still goes.
      log(`sim: route for ${u.id} failed, going straight: ${String(err)}`);
      return [{ to, speed: off }];
    }
  };

  const homeOf = (u: Unit): { road: Road; s: number } =>
    u.task ? u.task.home : { road: u.road, s: u.s };
  const hereOf = (u: Unit): Point => {
    if (u.task) return { ...u.task.at };
    const p = positionOnRoad(u.road, u.s);
    return { x: p.x, y: p.y };
  };

  const report = (u: Unit, now: number): UnitPosition => {
    const t = u.task;
    const p = t ? { ...t.at, heading: t.heading } : positionOnRoad(u.road, u.s);
    const { lat, lng } = toLatLng(p);
    const heading = u.direction > 0 || t ? p.heading : (p.heading + 180) % 360;
    return {
      unitId: u.id,
      callSign: u.callSign,
      kind: u.kind,
      lat,
      lng,
      heading: Math.round(heading * 10) / 10,
      speed: Math.round(u.speed * 10) / 10,
      at: now,
      gridId: u.gridId,
    };
  };

  /** Moves along the task's legs for `seconds`; true when the legs are done. */
  const drive = (u: Unit, t: Task, seconds: number): boolean => {
    let budget = seconds * speedFactor;
    u.speed = 0;
    while (budget > 0 && t.legs.length > 0) {
      const leg = t.legs[0] as Leg;
      const left = distance(t.at, leg.to);
      u.speed = leg.speed * speedFactor;
      if (left > 0.5) t.heading = bearing(t.at, leg.to);
      const need = left / leg.speed;
      if (need <= budget) {
        t.at = { ...leg.to };
        budget -= need;
        t.legs.shift();
        continue;
      }
      const f = (leg.speed * budget) / left;
      t.at = { x: t.at.x + (leg.to.x - t.at.x) * f, y: t.at.y + (leg.to.y - t.at.y) * f };
      budget = 0;
    }
    return t.legs.length === 0;
  };

  /** A warning's visit: there over the roads, stopped inside the radius, back to the beat. */
  const visit = (u: Unit, t: Task, seconds: number, now: number): void => {
    const stopMs = (t.visit as { stopMs: number }).stopMs;
    if (t.phase === 'en-route') {
      if (drive(u, t, seconds)) {
        t.phase = 'on-scene';
        t.arrivedAt = now;
        t.next = now + stopMs;
        u.speed = 0;
      }
    } else if (t.phase === 'on-scene') {
      u.speed = 0;
      if (now >= t.next) {
        t.phase = 'returning';
        t.legs = route(u, t.at, positionOnRoad(t.home.road, t.home.s));
      }
    } else if (drive(u, t, seconds)) {
      u.road = t.home.road;
      u.s = t.home.s;
      u.task = null;
    }
  };

  /** Sets off to the first warning whose time has come; drops those whose window is over. */
  const nextVisit = (u: Unit, now: number): boolean => {
    u.visits = u.visits.filter((v) => v.windowEnd > now);
    const due = u.visits.find((v) => v.goAt <= now);
    if (!due || (u.idle !== 'patrol' && u.idle !== 'post')) return false;
    u.visits = u.visits.filter((v) => v !== due);
    start(u, {
      visit: { warningId: due.warningId, stopMs: due.stopMs },
      byRoad: true,
      target: due.target,
      legs: [],
      phase: 'en-route',
      next: 0,
    });
    const t = u.task as Task;
    t.legs = route(u, t.at, due.target);
    log(`sim: ${u.id} sets off for warning ${due.warningId}`);
    return true;
  };

  const carryOut = (u: Unit, seconds: number, now: number): void => {
    const t = u.task as Task;
    if (t.visit) {
      visit(u, t, seconds, now);
      return;
    }
    switch (t.phase) {
      case 'dispatched':
        u.speed = 0;
        if (now >= t.next) {
          t.phase = 'acknowledged';
          setStatus(u, 'acknowledged', now);
        }
        return;
      case 'acknowledged':
        // Sets off on the step after it acknowledged, from where it stands.
        t.phase = 'en-route';
        t.legs = t.byRoad
          ? route(u, t.at, t.target)
          : [{ to: t.target, speed: straightSpeed[u.kind] }];
        setStatus(u, 'en-route', now);
        return;
      case 'en-route': {
        const done = drive(u, t, seconds);
        // A place-only order goes all the way, as it always did; a dispatched unit reports
        // arrival once it is close enough to see the scene.
        if (done || (t.byRoad && distance(t.at, t.target) <= arrivalM)) {
          t.phase = 'on-scene';
          t.legs = [];
          t.arrivedAt = now;
          t.next = now + Math.round(sceneMs / 5);
          u.speed = 0;
          setStatus(u, 'on-scene', now);
        }
        return;
      }
      case 'on-scene':
        u.speed = 0;
        if (now >= t.next) {
          t.phase = 'handling';
          t.next = t.arrivedAt + sceneMs;
          setStatus(u, 'handling', now);
        }
        return;
      case 'handling':
        u.speed = 0;
        if (now >= t.next) {
          t.phase = 'returning';
          const home = positionOnRoad(t.home.road, t.home.s);
          t.legs = t.byRoad
            ? route(u, t.at, home)
            : [{ to: { x: home.x, y: home.y }, speed: straightSpeed[u.kind] }];
          setStatus(u, 'returning', now);
        }
        return;
      case 'returning':
        if (drive(u, t, seconds)) {
          u.road = t.home.road;
          u.s = t.home.s;
          u.task = null;
          setStatus(u, u.idle, now);
        }
        return;
    }
  };

  const start = (u: Unit, task: Omit<Task, 'at' | 'home' | 'heading' | 'arrivedAt'>): void => {
    const at = hereOf(u);
    const home = homeOf(u);
    u.task = { ...task, at, home, heading: 0, arrivedAt: 0 };
  };

  return {
    step(seconds, now) {
      for (const u of units) {
        if (!u.task && u.visits.length > 0 && nextVisit(u, now)) continue;
        if (u.task) carryOut(u, seconds, now);
        else if (u.idle === 'patrol') move(u, seconds, world.roads, prng, gridAt);
        else u.speed = 0;
      }
      return units.map((u) => report(u, now));
    },
    positions: (now) => units.map((u) => report(u, now)),
    dispatch(unitId, target, now) {
      const u = byId.get(unitId);
      if (!u) return false;
      const to = fromLatLng(target);
      start(u, {
        byRoad: false,
        target: to,
        legs: [{ to, speed: straightSpeed[u.kind] }],
        phase: 'en-route',
        next: 0,
      });
      setStatus(u, 'en-route', now);
      return true;
    },
    order(unitId, order, now) {
      const u = byId.get(unitId);
      if (!u) return 'unknown';
      if (u.obeyed.has(order.orderId)) {
        onStatus({ ...u.status, at: now });
        return 'repeat';
      }
      u.obeyed.add(order.orderId);
      start(u, {
        orderId: order.orderId,
        incidentId: order.incidentId,
        byRoad: true,
        target: fromLatLng(order),
        legs: [],
        phase: 'dispatched',
        next: now + duty.range(ackDelay.min, ackDelay.max),
      });
      u.speed = 0;
      setStatus(u, 'dispatched', now);
      return 'obeyed';
    },
    warn(unitId, w, now) {
      const u = byId.get(unitId);
      if (!u) return 'unknown';
      const key = `warning:${w.warningId}`;
      if (u.obeyed.has(key)) return 'repeat';
      u.obeyed.add(key);
      const response = options.allObey ? 'obeys' : warningResponse(seed, unitId, w.warningId);
      if (response === 'ignores') return response;
      // A window over before it arrived: nothing to do.
      if (w.windowEnd <= now) return response;
      const [, a = 0, b = 0, late = 0, stop = 0] = warningDraws(seed, unitId, w.warningId);
      const length = w.windowEnd - w.windowStart;
      const centre = fromLatLng(w);
      // Stops well inside the radius, somewhere near the middle.
      const r = w.radiusM * 0.4 * Math.sqrt(a);
      const angle = b * 2 * Math.PI;
      u.visits.push({
        warningId: w.warningId,
        target: { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) },
        goAt: response === 'late' ? w.windowStart + length * (0.75 + 0.2 * late) : w.windowStart,
        windowEnd: w.windowEnd,
        stopMs:
          (w.stopMinMinutes + stop * Math.max(0, w.stopMaxMinutes - w.stopMinMinutes)) * 60_000,
      });
      return response;
    },
    statuses: () => units.map((u) => ({ ...u.status })),
    beats: () => units.map((u) => ({ id: u.id, kind: u.kind, gridId: u.gridId })),
    callSignOf: (unitId) => byId.get(unitId)?.callSign,
  };
}

function move(
  u: Unit,
  seconds: number,
  roads: Road[],
  prng: Prng,
  gridAt: (p: Point) => string,
): void {
  // Speed wanders a little; cars stop at lights now and then.
  if (u.kind === 'car') u.speed = clamp(u.speed + prng.range(-1.5, 1.5), 0, 16);
  else u.speed = clamp(u.speed + prng.range(-0.2, 0.2), 0.6, u.kind === 'village' ? 4.5 : 1.8);
  const from = u.s;
  let to = from + u.direction * u.speed * seconds;
  const min = u.beat?.min ?? endGapM;
  const max = u.beat?.max ?? u.road.length - endGapM;
  if (to < min || to > max) {
    to = clamp(to, min, max);
    u.direction = -u.direction;
  }
  // A roaming car keeps to its grid: it turns back at the grid's edge, and may turn onto a road
  // it crosses inside the grid.
  if (!u.beat) {
    if (gridAt(positionOnRoad(u.road, to)) !== u.gridId) {
      u.direction = -u.direction;
      return;
    }
    const crossed = crossingBetween(u.road, from, to);
    if (crossed && gridAt(crossed.at) === u.gridId && prng.chance(0.3)) {
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
