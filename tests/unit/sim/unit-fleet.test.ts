import { describe, expect, it } from 'vitest';
import { fromLatLng } from '../../../electron/sim/geo-frame';
import {
  createUnitFleet,
  onSceneMs,
  unitKindCounts,
  warningResponse,
} from '../../../electron/sim/unit-fleet';
import { buildWorld } from '../../../electron/sim/world';

const world = buildWorld(1);
const metres = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) =>
  Math.hypot(
    (a.lat - b.lat) * 111_320,
    (a.lng - b.lng) * 111_320 * Math.cos((35.4 * Math.PI) / 180),
  );

/** Warning W-9: 菜市场东口 at (lat, lng), 100 m, for the first 40 minutes, a 5-minute stop. */
const warningAt = (lat: number, lng: number) => ({
  warningId: 'W-9',
  kind: 'warning' as const,
  name: '菜市场东口',
  lat,
  lng,
  radiusM: 100,
  windowStart: 0,
  windowEnd: 40 * 60_000,
  stopMinMinutes: 5,
  stopMaxMinutes: 5,
  note: '',
  by: '王队长',
  stationId: 's',
  at: 0,
});

describe('unit fleet', () => {
  it('splits units into cars, officers on foot and village patrollers', () => {
    expect(unitKindCounts(400)).toEqual({ car: 120, foot: 200, village: 80 });
    const fleet = createUnitFleet(world, 400, 1);
    const kinds = new Set(fleet.positions(0).map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['car', 'foot', 'village']);
  });

  it('moves units along the roads at their speed', () => {
    const fleet = createUnitFleet(world, 40, 1);
    const before = fleet.positions(0);
    const after = fleet.step(1, 1000);
    for (let i = 0; i < before.length; i++) {
      const moved = metres(before[i]!, after[i]!);
      expect(moved).toBeLessThanOrEqual(17);
      expect(after[i]!.at).toBe(1000);
    }
    expect(after.some((p, i) => metres(p, before[i]!) > 0.5)).toBe(true);
  });

  it('sends a unit to a place, keeps it on scene, then brings it back', () => {
    const fleet = createUnitFleet(world, 10, 1);
    const car = fleet.positions(0).find((p) => p.kind === 'car')!;
    const target = { lat: car.lat + 0.01, lng: car.lng }; // about 1.1 km north
    expect(fleet.dispatch(car.unitId, target, 0)).toBe(true);
    expect(fleet.dispatch('U-NOPE', target, 0)).toBe(false);

    let now = 0;
    let here = car;
    for (let i = 0; i < 200 && metres(here, target) > 1; i++) {
      now += 1000;
      here = fleet.step(1, now).find((p) => p.unitId === car.unitId)!;
      if (i === 0) expect(here.heading).toBeLessThan(5); // heading north
    }
    expect(metres(here, target)).toBeLessThan(1);
    expect(now).toBeLessThan(120_000);

    now += onSceneMs / 2;
    here = fleet.step(1, now).find((p) => p.unitId === car.unitId)!;
    expect(here.speed).toBe(0);
    expect(metres(here, target)).toBeLessThan(1);

    now += onSceneMs;
    for (let i = 0; i < 200; i++) {
      now += 1000;
      here = fleet.step(1, now).find((p) => p.unitId === car.unitId)!;
    }
    expect(metres(here, target)).toBeGreaterThan(500);
  });
});

describe('unit beats and warnings', () => {
  it('gives every fix its unit’s grid and keeps each unit in it while patrolling', () => {
    const fleet = createUnitFleet(world, 400, 1);
    const beats = new Map(fleet.beats().map((b) => [b.id, b.gridId]));
    expect(new Set(beats.values()).size).toBeGreaterThan(30);
    let now = 0;
    for (let i = 0; i < 120; i++) {
      now += 5000;
      for (const fix of fleet.step(5, now)) {
        expect(fix.gridId).toBe(beats.get(fix.unitId));
        expect(world.plan.gridAt(fromLatLng(fix))).toBe(fix.gridId);
      }
    }
  });

  it('has about one unit in ten ignore a warning and one in ten come late, the same every time', () => {
    const fleet = createUnitFleet(world, 400, 1);
    const ids = fleet.beats().map((b) => b.id);
    const responses = ids.map((id) => warningResponse(1, id, 'W-7'));
    const share = (r: string) => responses.filter((x) => x === r).length / ids.length;
    expect(share('ignores')).toBeGreaterThan(0.05);
    expect(share('ignores')).toBeLessThan(0.15);
    expect(share('late')).toBeGreaterThan(0.05);
    expect(share('late')).toBeLessThan(0.15);
    expect(ids.map((id) => warningResponse(1, id, 'W-7'))).toEqual(responses);
  });

  it('a late unit sets off when most of the window is gone; one that ignores never goes', () => {
    const fleet = createUnitFleet(world, 400, 1);
    const patrol = new Set(
      fleet
        .statuses()
        .filter((s) => s.activity === 'patrol')
        .map((s) => s.unitId),
    );
    const start = fleet.positions(0).filter((p) => p.kind === 'car' && patrol.has(p.unitId));
    const late = start.find((p) => warningResponse(1, p.unitId, 'W-9') === 'late')!;
    const ignores = start.find((p) => warningResponse(1, p.unitId, 'W-9') === 'ignores')!;
    const warning = (p: { lat: number; lng: number }) => warningAt(p.lat + 0.004, p.lng);
    expect(fleet.warn(late.unitId, warning(late), 0)).toBe('late');
    expect(fleet.warn(ignores.unitId, warning(ignores), 0)).toBe('ignores');
    expect(fleet.warn('U-NOPE', warning(late), 0)).toBe('unknown');
    expect(fleet.warn(late.unitId, warning(late), 0)).toBe('repeat');
    let now = 0;
    const near = (id: string, w: { lat: number; lng: number }) => {
      const fix = fleet.positions(now).find((p) => p.unitId === id)!;
      return metres(fix, { lat: w.lat + 0.004, lng: w.lng }) <= 100;
    };
    let lateArrived = -1;
    for (let i = 0; i < 12 * 60; i++) {
      now += 5000;
      fleet.step(5, now);
      if (lateArrived < 0 && near(late.unitId, late)) lateArrived = now;
      expect(near(ignores.unitId, ignores)).toBe(false);
    }
    expect(lateArrived).toBeGreaterThanOrEqual(30 * 60_000);
  });

  it('with allObey (--sim-units-obey) the units drawn late or ignoring obey: none late, none ignoring', () => {
    const fleet = createUnitFleet(world, 400, 1, { allObey: true });
    const ids = fleet.statuses().map((s) => s.unitId);
    const drawn = ids.filter((id) => warningResponse(1, id, 'W-9') !== 'obeys');
    expect(drawn.length).toBeGreaterThan(0);
    const at = fleet.positions(0).find((p) => p.unitId === drawn[0])!;
    const warning = warningAt(at.lat, at.lng);
    for (const id of drawn) expect(fleet.warn(id, warning, 0)).toBe('obeys');
  });
});
