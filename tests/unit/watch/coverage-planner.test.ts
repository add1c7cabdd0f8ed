import { describe, expect, it } from 'vitest';
import { coverageReport, planCoverage, type PlannerCamera } from '../../../shared/domain/watch';

/** mulberry32: a small seeded PRNG, so a failing instance can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCameras(rand: () => number, n: number, focusShare: number): PlannerCamera[] {
  return Array.from({ length: n }, (_, i) => {
    const zone = Math.floor(rand() * 24);
    return {
      id: `cam${i}`,
      zoneId: `z${zone}`,
      gridId: `z${zone}-g${Math.floor(rand() * 2)}`,
      lat: 35.3 + rand() * 0.3,
      lng: 116.8 + rand() * 0.3,
      focus: rand() < focusShare,
    };
  });
}

describe('coverage planner guarantee on random instances', () => {
  for (const seed of [1, 2, 3, 42, 1234, 99_991]) {
    it(`seed ${seed}: every camera covered, focus more often, loads balanced`, () => {
      const rand = prng(seed);
      const n = 50 + Math.floor(rand() * 3000);
      const w = 1 + Math.floor(rand() * 40);
      const cameras = randomCameras(rand, n, rand() * 0.3);
      const dwell = 5000 + Math.floor(rand() * 20_000);
      const focusVisits = 1 + Math.floor(rand() * 3);
      const watchers = Array.from({ length: w }, (_, i) => `w${i}`);
      const plan = planCoverage(cameras, {
        periodMs: 4 * 3600_000,
        watchers,
        stopDwellMs: dwell,
        focusVisits,
      });

      expect(plan.tours).toHaveLength(w);
      const visits = new Map<string, number>();
      for (const t of plan.tours)
        for (const id of t.cameraIds) visits.set(id, (visits.get(id) ?? 0) + 1);
      for (const c of cameras) {
        expect(visits.get(c.id)).toBe(c.focus ? focusVisits : 1);
      }
      // Each camera belongs to exactly one watcher.
      expect(plan.tours.reduce((s, t) => s + t.cameraCount, 0)).toBe(n);
      // Balanced: within two of the largest single camera cost.
      const maxCost = focusVisits * dwell;
      expect(plan.maxCycleMs - plan.minCycleMs).toBeLessThanOrEqual(2 * maxCost);
      // The guarantee: when feasible, every cycle (so every gap between visits) fits the period.
      expect(plan.feasible).toBe(plan.maxCycleMs <= plan.periodMs);
      if (plan.feasible)
        for (const t of plan.tours) expect(t.cycleMs).toBeLessThanOrEqual(plan.periodMs);
    });
  }

  it('keeps a watcher in few zones (geographic grouping)', () => {
    const cameras = randomCameras(prng(7), 2400, 0.1);
    const plan = planCoverage(cameras, {
      periodMs: 4 * 3600_000,
      watchers: Array.from({ length: 24 }, (_, i) => `w${i}`),
      stopDwellMs: 10_000,
      focusVisits: 2,
    });
    for (const t of plan.tours) expect(t.zones.length).toBeLessThanOrEqual(3);
  });

  it('says infeasible when the watchers cannot see everything in the period', () => {
    const plan = planCoverage(randomCameras(prng(3), 1000, 0), {
      periodMs: 3600_000,
      watchers: ['w1'],
      stopDwellMs: 10_000,
      focusVisits: 2,
    });
    expect(plan.feasible).toBe(false);
  });
});

describe('coverage report', () => {
  it('lists cameras not seen in the period, per grid and zone; a missed stop is not seen', () => {
    const cams = [
      { id: 'a', gridId: 'g1', zoneId: 'z1' },
      { id: 'b', gridId: 'g1', zoneId: 'z1' },
      { id: 'c', gridId: 'g2', zoneId: 'z1' },
      { id: 'd', gridId: 'g3', zoneId: 'z2' },
    ];
    const now = 10 * 3600_000;
    const report = coverageReport(
      cams,
      [
        { cameraId: 'a', outcome: 'normal', at: now - 1000 },
        { cameraId: 'b', outcome: 'missed', at: now - 1000 },
        { cameraId: 'c', outcome: 'faulty', at: now - 5 * 3600_000 },
        { cameraId: 'd', outcome: 'abnormal', at: now - 3600_000 },
      ],
      now,
      4 * 3600_000,
    );
    expect(report.unseen).toEqual(['b', 'c']);
    expect(report.grids).toEqual([
      { id: 'g1', total: 2, seen: 1, unseen: 1 },
      { id: 'g2', total: 1, seen: 0, unseen: 1 },
      { id: 'g3', total: 1, seen: 1, unseen: 0 },
    ]);
    expect(report.zones.find((z) => z.id === 'z1')).toEqual({
      id: 'z1',
      total: 3,
      seen: 1,
      unseen: 2,
    });
  });
});
