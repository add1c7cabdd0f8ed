/**
 * The cordon (issue #13 item 7): the adaptive ring over a synthetic street grid through the real
 * road engine (the worker's code, called in this thread), and the one-unit-per-exit proposal
 * over a fake router whose answers are chosen by hand.
 */
import { describe, expect, it } from 'vitest';
import type { CordonPlan } from '../../../shared/contract/dispatch';
import type { LngLat, MapGeometry, Ring } from '../../../shared/contract/map';
import type { UnitKind } from '../../../shared/contract/platform';
import { destination, haversineM } from '../../../shared/domain/geo';
import { syntheticRoadGraph } from '../../../shared/domain/roads/synthetic';
import {
  horizonsUpTo,
  matchExits,
  maxExits,
  planCordon,
} from '../../../electron/station/dispatch/cordon';
import type { PlacedUnit } from '../../../electron/station/dispatch/order-service';
import { RoadEngine } from '../../../electron/station/dispatch/roads/road-engine';
import type {
  Eta,
  EtaAnswer,
  Origin,
  ReachAnswer,
  RoadRouter,
} from '../../../electron/station/dispatch/road-router';

const geometry: MapGeometry = {
  version: 'test',
  source: 'none',
  areas: [],
  mustPatrolLines: [],
  mustReachPoints: [],
  checkpoints: [],
  dutyPosts: [],
  bounds: null,
};

function placed(id: string, at: { lat: number; lng: number }, kind: UnitKind = 'car'): PlacedUnit {
  return {
    unit: {
      unitId: id,
      callSign: `巡${id}`,
      kind,
      lat: at.lat,
      lng: at.lng,
      heading: 0,
      speed: 0,
      at: 0,
      status: 'available',
      stale: false,
      cameraId: null,
    },
    availability: 'available',
    activity: 'patrol',
    incidentId: null,
    orderId: null,
    statusAt: null,
    fresh: true,
    at,
    fromPost: false,
    zoneId: null,
    gridId: null,
  };
}

/** The RoadRouter over an engine, answering in this thread; counts the reach searches. */
class EngineRouter implements RoadRouter {
  readonly reaches: number[] = [];
  constructor(private readonly engine: RoadEngine) {}
  info(): null {
    return null;
  }
  etaTo(target: { lat: number; lng: number }, origins: Origin[]): Promise<EtaAnswer> {
    const r = this.engine.etaTo(target, origins);
    return Promise.resolve({ ...r, graphVersion: this.engine.graph.version });
  }
  route(from: Origin, to: { lat: number; lng: number }) {
    return Promise.resolve(this.engine.route(from, to));
  }
  reach(from: { lat: number; lng: number }, mode: 'vehicle' | 'foot', kmh: number, s: number) {
    this.reaches.push(s);
    return Promise.resolve(this.engine.reach(from, mode, kmh, s));
  }
  etaToMany(targets: { id: string; lat: number; lng: number }[], origins: Origin[]) {
    return Promise.resolve(this.engine.etaToMany(targets, origins));
  }
  start(): void {}
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

// 31 × 31 streets 200 m apart (6 km square), every street two-way at 35 km/h, none missing.
const wire = syntheticRoadGraph({
  rows: 31,
  cols: 31,
  spacingM: 200,
  missing: 0,
  oneway: 0,
  arterialEvery: 1000,
  seed: 3,
});
const engine = new RoadEngine(wire);
const centre = (() => {
  const [lng, lat] = wire.nodes[15 * 31 + 15] as [number, number];
  return { lat, lng };
})();
/** A car at 30 km/h (8.3 m/s), two minutes after the event. */
const suspect = { from: centre, mode: 'vehicle' as const, speedKmh: 30, minutesSince: 2 };

const plan = (units: PlacedUnit[], horizonMinutes: number, router = new EngineRouter(engine)) =>
  planCordon({
    router,
    ...suspect,
    horizonMinutes,
    candidates: units,
    catalog: null,
    geometry,
  });

/** Metres from a point to a ring's outline (local flat frame; fine at this scale). */
function toOutlineM(p: { lat: number; lng: number }, ring: Ring): number {
  const kx = 111_195 * Math.cos((p.lat * Math.PI) / 180);
  const ky = 111_195;
  const xy = ([lng, lat]: LngLat) => ({ x: (lng - p.lng) * kx, y: (lat - p.lat) * ky });
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const a = xy(ring[i] as LngLat);
    const b = xy(ring[(i + 1) % ring.length] as LngLat);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = dx * dx + dy * dy;
    const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(a.x * dx + a.y * dy) / len));
    best = Math.min(best, Math.hypot(a.x + t * dx, a.y + t * dy));
  }
  return best;
}

/** Shoelace area of a ring, in square degrees (only compared with another). */
function ringArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i] as LngLat;
    const [x2, y2] = ring[(i + 1) % ring.length] as LngLat;
    s += x1 * y2 - x2 * y1;
  }
  return Math.abs(s) / 2;
}

/** What the desk does by default: exits soonest first, each its first listed free unit that beats. */
function greedyInListOrder(p: CordonPlan): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const e of [...p.exits].sort((a, b) => a.suspectEtaS - b.suspectEtaS)) {
    const u = e.units.find((x) => x.beats && !used.has(x.unitId));
    if (u) {
      used.add(u.unitId);
      out.set(e.id, u.unitId);
    }
  }
  return out;
}

describe('cordon over the roads (real road engine)', () => {
  it('horizons: the steps up to the configured maximum, the maximum last', () => {
    expect(horizonsUpTo(10)).toEqual([1, 2, 3, 4, 6, 8, 10]);
    expect(horizonsUpTo(5)).toEqual([1, 2, 3, 4, 5]);
    expect(horizonsUpTo(1)).toEqual([1]);
    expect(horizonsUpTo(60)).toEqual([1, 2, 3, 4, 6, 8, 10, 15, 20, 60]);
  });

  it('puts each exit where its road leaves the ring, with its own suspect time from now', async () => {
    const p = await plan([], 1);
    expect(p.horizonMinutes).toBe(1);
    expect(p.graphVersion).toBe(wire.version);
    expect(p.exits.length).toBeGreaterThanOrEqual(4);
    for (const e of p.exits) {
      // The first junction beyond the 1-minute ring: a minute from now, plus at most one block
      // (200 m, jittered up to 30 %) at 8.3 m/s.
      expect(e.suspectEtaS).toBeGreaterThanOrEqual(60);
      expect(e.suspectEtaS).toBeLessThanOrEqual(60 + 40);
      // On the drawn ring, not kilometres outside it.
      expect(toOutlineM(e, p.area)).toBeLessThan(300);
    }
    expect(new Set(p.exits.map((e) => e.suspectEtaS)).size).toBeGreaterThan(1);
    // The ring is 3 minutes of driving from the event; "now" is 2.
    expect(p.reachM).toBeGreaterThan(1200);
    expect(p.reachM).toBeLessThan(1700);
    expect(p.nowArea.length).toBeGreaterThanOrEqual(3);
    expect(ringArea(p.area)).toBeGreaterThan(ringArea(p.nowArea) * 1.5);
  });

  it('a unit next to an exit beats the suspect there, a far one does not', async () => {
    const exit = (await plan([], 1)).exits[0];
    if (!exit) throw new Error('no exit');
    const near = placed('near', destination(exit, 90, 15));
    const corner = wire.nodes[0] as [number, number];
    const far = placed('far', { lat: corner[1], lng: corner[0] });
    const p = await plan([near, far], 1);
    const same = p.exits.find((e) => e.id === exit.id);
    if (!same) throw new Error('the exit moved');
    const byId = new Map(same.units.map((u) => [u.unitId, u]));
    expect(byId.get('near')).toMatchObject({ beats: true });
    expect(byId.get('near')?.etaS).toBeLessThan(same.suspectEtaS);
    expect(byId.get('far')).toMatchObject({ beats: false });
    expect(byId.get('far')?.etaS).toBeGreaterThan(same.suspectEtaS);
    expect(same.units[0]?.unitId).toBe('near');
  });

  it('takes the smallest ring when a unit stands at each of its exits', async () => {
    const first = await plan([], 1);
    const units = first.exits.map((e, i) => placed(`u${i}`, destination(e, 0, 10)));
    const router = new EngineRouter(engine);
    const p = await plan(units, 10, router);
    expect(p.horizonMinutes).toBe(1);
    // One ring searched (and the "now" area): the first ring that closes ends the tries.
    expect(router.reaches).toHaveLength(2);
    const proposal = greedyInListOrder(p);
    expect(proposal.size).toBe(p.exits.length);
    expect(new Set(proposal.values()).size).toBe(p.exits.length);
  });

  it('grows the ring when no unit can beat the suspect at the smallest', async () => {
    // Units waiting at the exits of the 4-minute ring (from the event: 6 minutes of driving).
    const outer = engine.reach(centre, 'vehicle', 30, (2 + 4) * 60);
    const units = outer.exits.map((e, i) => placed(`o${i}`, destination(e, 180, 10)));
    const smallest = await plan(units, 1);
    expect(smallest.exits.every((e) => e.units.every((u) => !u.beats))).toBe(true);

    const p = await plan(units, 10);
    expect(p.horizonMinutes).toBeGreaterThan(1);
    expect(p.horizonMinutes).toBeLessThanOrEqual(4);
    expect(p.reachM).toBeGreaterThan(smallest.reachM);
    expect(ringArea(p.area)).toBeGreaterThan(ringArea(smallest.area));
    // Every exit of the ring taken has its own unit there before the suspect.
    const proposal = greedyInListOrder(p);
    expect(proposal.size).toBe(p.exits.length);
    for (const e of p.exits) {
      expect(e.suspectEtaS).toBeGreaterThanOrEqual(p.horizonMinutes * 60);
      expect(toOutlineM(e, p.area)).toBeLessThan(300);
    }
  });
});

/** A router whose ring at `seconds` has the exits `rings[seconds]`, and ETAs by exit id. */
class FakeRouter implements RoadRouter {
  readonly reaches: number[] = [];
  constructor(
    private readonly rings: Record<number, ReachAnswer['exits']>,
    private readonly etas: Record<string, Record<string, number>>,
  ) {}
  info(): null {
    return null;
  }
  etaTo(): Promise<EtaAnswer> {
    return Promise.reject(new Error('not used'));
  }
  route() {
    return Promise.resolve(null);
  }
  reach(_f: { lat: number; lng: number }, _m: 'vehicle' | 'foot', _k: number, seconds: number) {
    this.reaches.push(seconds);
    const ring: Ring = [
      [116.9, 35.4],
      [116.9 + seconds / 1e4, 35.4],
      [116.9, 35.4 + seconds / 1e4],
    ];
    return Promise.resolve({
      area: ring,
      reachM: seconds * 10,
      exits: this.rings[seconds] ?? [],
      graphVersion: 'fake',
    });
  }
  etaToMany(targets: { id: string }[], origins: Origin[]) {
    const out = new Map<string, Map<string, Eta>>();
    for (const t of targets) {
      const m = new Map<string, Eta>();
      for (const o of origins) {
        const s = this.etas[t.id]?.[o.id];
        if (s !== undefined) m.set(o.id, { etaS: s, roadM: s * 10 });
      }
      out.set(t.id, m);
    }
    return Promise.resolve(out);
  }
  start(): void {}
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

const exitAt = (id: string, suspectEtaS: number) => ({
  id,
  lat: 35.4,
  lng: 116.9,
  road: id,
  suspectEtaS,
});
const here = { lat: 35.4, lng: 116.9 };
const fakePlan = (router: FakeRouter, units: string[], horizonMinutes: number) =>
  planCordon({
    router,
    from: here,
    mode: 'vehicle',
    speedKmh: 40,
    minutesSince: 0,
    horizonMinutes,
    candidates: units.map((u) => placed(u, here)),
    catalog: null,
    geometry,
  });

describe('cordon: one unit per exit', () => {
  it('never proposes one unit for two exits when another assignment closes both', async () => {
    // U1 is fastest to both; U2 beats the suspect only at A. Fastest-first would send U1 to A
    // and leave B open; the plan lists U2 first at A and U1 first at B.
    const router = new FakeRouter(
      { 60: [exitAt('A', 100), exitAt('B', 120)] },
      { A: { U1: 50, U2: 80 }, B: { U1: 60, U2: 200 } },
    );
    const p = await fakePlan(router, ['U1', 'U2'], 1);
    const a = p.exits.find((e) => e.id === 'A');
    const b = p.exits.find((e) => e.id === 'B');
    expect(a?.units.map((u) => u.unitId)).toEqual(['U2', 'U1']);
    expect(b?.units.map((u) => u.unitId)).toEqual(['U1', 'U2']);
    expect(b?.units[1]).toMatchObject({ unitId: 'U2', beats: false });
    expect(greedyInListOrder(p)).toEqual(
      new Map([
        ['A', 'U2'],
        ['B', 'U1'],
      ]),
    );
  });

  it('matchExits leaves the later exits open when not all can be closed', () => {
    const exits = [exitAt('A', 100), exitAt('B', 120), exitAt('C', 150)];
    const etas = new Map(
      Object.entries({ A: { U1: 10 }, B: { U1: 10 }, C: { U1: 10, U2: 20 } }).map(([e, m]) => [
        e,
        new Map(Object.entries(m).map(([u, s]) => [u, { etaS: s, roadM: 0 }])),
      ]),
    );
    const m = matchExits(exits, etas, (e) => e.suspectEtaS);
    expect(m.get('A')).toBe('U1');
    expect(m.has('B')).toBe(false);
    expect(m.get('C')).toBe('U2');
  });

  it('grows to the ring where the most exits close, ties to the smaller', async () => {
    const router = new FakeRouter(
      {
        60: [exitAt('a1', 70), exitAt('a2', 70)],
        120: [exitAt('b1', 130), exitAt('b2', 130), exitAt('b3', 130)],
        180: [exitAt('c1', 190), exitAt('c2', 190)],
        240: [exitAt('d1', 250), exitAt('d2', 250)],
      },
      {
        a1: { U1: 100, U2: 100 },
        a2: { U1: 100, U2: 100 },
        // 2 of 3 at 2 minutes
        b1: { U1: 100 },
        b2: { U2: 100 },
        b3: { U1: 300, U2: 300 },
        // 1 of 2 at 3 minutes: no better than 2 of 3
        c1: { U1: 100, U2: 100 },
        c2: { U1: 300, U2: 300 },
        d1: { U1: 300, U2: 300 },
        d2: { U1: 300, U2: 300 },
      },
    );
    const p = await fakePlan(router, ['U1', 'U2'], 4);
    expect(p.horizonMinutes).toBe(2);
    expect(p.exits.map((e) => e.id)).toEqual(['b1', 'b2', 'b3']);
    expect(p.reachM).toBe(1200);
    expect(p.nowArea).not.toEqual(p.area);
    // Every horizon tried (none closes all) and the "now" area.
    expect(router.reaches.sort((x, y) => x - y)).toEqual([0, 60, 120, 180, 240]);
  });

  it('stops at a ring with more exits than one cordon order takes', async () => {
    const many = Array.from({ length: maxExits + 1 }, (_, i) => exitAt(`b${i}`, 130));
    const router = new FakeRouter(
      { 60: [exitAt('a1', 70), exitAt('a2', 70)], 120: many, 180: [exitAt('c1', 190)] },
      { a1: { U1: 100 }, a2: { U1: 100 }, c1: { U1: 10 } },
    );
    const p = await fakePlan(router, ['U1'], 3);
    expect(p.horizonMinutes).toBe(1);
    expect(p.exits.map((e) => e.id)).toEqual(['a1', 'a2']);
    expect(router.reaches.sort((x, y) => x - y)).toEqual([0, 60, 120]);
  });

  it('a ring with no exit yet (the suspect not on a road) is no cordon: the ring grows', async () => {
    const router = new FakeRouter({ 60: [], 120: [exitAt('b', 130)] }, { b: { U1: 60 } });
    const p = await fakePlan(router, ['U1'], 2);
    expect(p.horizonMinutes).toBe(2);
    expect(p.exits.map((e) => e.id)).toEqual(['b']);
  });

  it('with no unit at all, the smallest ring', async () => {
    const router = new FakeRouter({ 60: [exitAt('a', 70)], 120: [exitAt('b', 130)] }, {});
    const p = await fakePlan(router, [], 2);
    expect(p.horizonMinutes).toBe(1);
    expect(p.exits[0]?.units).toEqual([]);
  });
});

// The outline distance is used by the checks above: keep it honest.
it('test helper: distance to an outline', () => {
  const ring: Ring = [
    [116.9, 35.4],
    [116.91, 35.4],
    [116.91, 35.41],
    [116.9, 35.41],
  ];
  const p = { lat: 35.405, lng: 116.905 };
  const d = toOutlineM(p, ring);
  expect(d).toBeGreaterThan(440);
  expect(d).toBeLessThan(460);
  expect(Math.abs(haversineM(p, { lat: 35.405, lng: 116.91 }) - d)).toBeLessThan(5);
});
