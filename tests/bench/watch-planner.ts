/**
 * Bench: the coverage planner at city scale (issue #4: "well under a second").
 *
 *   npx tsx tests/bench/watch-planner.ts [--cameras 26000] [--watchers 126] [--runs 20]
 *
 * 26,000 cameras over 24 zones × 2 grids (10 % focus: seen twice per period), 126 watchers, a
 * 4 h period, 10 s a stop. Times planCoverage (sort + partition) and the coverage report over
 * a day of stop outcomes (one per camera), after 3 warm-up runs; prints a markdown block.
 */
import { coverageReport, planCoverage, type PlannerCamera } from '../../shared/domain/watch';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('cameras', 26_000);
const w = arg('watchers', 126);
const runs = arg('runs', 20);

let seed = 7;
const rand = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const cameras: PlannerCamera[] = Array.from({ length: n }, (_, i) => {
  const zone = Math.floor(rand() * 24);
  return {
    id: `370883${String(i).padStart(14, '0')}`,
    zoneId: `zone-${zone}`,
    gridId: `zone-${zone}-grid-${Math.floor(rand() * 2)}`,
    lat: 35.3 + rand() * 0.4,
    lng: 116.8 + rand() * 0.4,
    focus: rand() < 0.1,
  };
});
const watchers = Array.from({ length: w }, (_, i) => `watcher-${i + 1}`);
const options = { periodMs: 4 * 3600_000, watchers, stopDwellMs: 10_000, focusVisits: 2 };
const now = Date.now();
const outcomes = cameras.map((c, i) => ({
  cameraId: c.id,
  outcome: i % 7 === 0 ? ('missed' as const) : ('normal' as const),
  at: now - Math.floor(rand() * 8 * 3600_000),
}));

const time = (fn: () => void): number[] => {
  for (let i = 0; i < 3; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
};
const pct = (xs: number[], p: number): string =>
  (xs[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] as number).toFixed(1);

let plan = planCoverage(cameras, options);
const planTimes = time(() => {
  plan = planCoverage(cameras, options);
});
const reportTimes = time(() => void coverageReport(cameras, outcomes, now, options.periodMs));

console.log(`### Coverage planner (${n.toLocaleString('en')} cameras × ${w} watchers)

Command: \`npx tsx tests/bench/watch-planner.ts --cameras ${n} --watchers ${w} --runs ${runs}\`
(Node ${process.version}, ${new Date().toISOString().slice(0, 10)})

| step | median ms | p90 ms | max ms |
| --- | --- | --- | --- |
| planCoverage (sort + balanced cut) | ${pct(planTimes, 0.5)} | ${pct(planTimes, 0.9)} | ${pct(planTimes, 1)} |
| coverageReport (${n.toLocaleString('en')} outcomes) | ${pct(reportTimes, 0.5)} | ${pct(reportTimes, 0.9)} | ${pct(reportTimes, 1)} |

Plan: feasible ${plan.feasible}; cycle per watcher ${(plan.minCycleMs / 60_000).toFixed(1)}–${(plan.maxCycleMs / 60_000).toFixed(1)} min
(period ${options.periodMs / 3600_000} h, 10 s a stop, focus cameras twice).`);
