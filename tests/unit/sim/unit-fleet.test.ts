import { describe, expect, it } from 'vitest';
import { createUnitFleet, onSceneMs, unitKindCounts } from '../../../electron/sim/unit-fleet';
import { buildWorld } from '../../../electron/sim/world';

const world = buildWorld(1);
const metres = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) =>
  Math.hypot(
    (a.lat - b.lat) * 111_320,
    (a.lng - b.lng) * 111_320 * Math.cos((35.4 * Math.PI) / 180),
  );

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
