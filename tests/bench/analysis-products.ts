/**
 * Bench: the analysis products over a year of incident history (issue #17, "Benchmarks": "A weekly
 * and a monthly product over a year of history (≥ 100,000 incidents): time to compute (target
 * < 1 s on this machine, in the worker)"; "Gi* on a hex grid covering the district at 250 m:
 * time; KDE surface: time").
 *
 *   npx tsx --expose-gc tests/bench/analysis-products.ts [--scale 1] [--runs 5] [--seed 1]
 *
 * The simulator's county (electron/sim: its roads, villages, area tree and grid polygons, built
 * without starting anything) and the simulator's own incident history (electron/sim/
 * incident-history.ts, what GET /api/v1/incidents/history serves) for the year ending at the last
 * full hall month (Asia/Shanghai), with the structure the issue names: night thefts and burglaries around rural
 * villages (many known only by an overnight window, some followed by a near repeat), daytime
 * pickpocketing at the markets (weekends busier), crop theft in the harvest seasons (wheat in June,
 * maize in late September–October) in the fields, traffic accidents on the two national roads at
 * the rush hours, evening disputes in the city and the villages, and a background of frauds. No
 * incident carries its grid (the product finds it by point in polygon: the worst case). Times
 * computeProduct for a daily, a weekly and a monthly product (median and worst of `runs` after a
 * warm-up) and the month's hex Gi* and KDE alone; prints a markdown block.
 */
import { parseArgs } from 'node:util';
import { areaIndex } from '../../shared/domain/analysis/areas';
import { kdeSurface } from '../../shared/domain/analysis/kde';
import {
  computeProduct,
  hexCells,
  productDefaults,
  productPeriod,
  type ProductArea,
  type ProductIncident,
  type ProductInput,
} from '../../shared/domain/analysis/product';
import { addMonths } from '../../shared/domain/analysis/periods';
import { addDays } from '../../shared/domain/health/expected-time';
import { ringBounds } from '../../shared/domain/geo/polygon';
import { zonedAt, zonedDate } from '../../shared/domain/time/hall-time';
import { buildDistrictGeometry } from '../../electron/sim/district-geometry';
import { createIncidentHistory } from '../../electron/sim/incident-history';
import { buildWorld } from '../../electron/sim/world';

const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
  },
});
const scale = Number(flags.scale);
const runs = Number(flags.runs);
const timeZone = 'Asia/Shanghai';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('run with --expose-gc for the memory figures');

// ---- the county ---------------------------------------------------------------------------------
const world = buildWorld(1);
const { geometry } = buildDistrictGeometry(world, 1);
const areas: ProductArea[] = geometry.areas.map((a) => ({
  id: a.id,
  name: a.name,
  level: a.level,
  parentId: a.parentId,
  ...(a.level === 'grid' ? { ring: a.polygon[0] as [number, number][] } : {}),
}));
const bounds = ringBounds(
  geometry.areas.filter((a) => a.level === 'region').flatMap((a) => a.polygon),
);

// ---- a year of days (the 12 hall months before the current one) --------------------------------
const now = Date.UTC(2026, 11, 3, 2);
const lastMonth = addMonths(zonedDate(now, timeZone), -1);
const firstDay = addMonths(lastMonth, -11);
const endDay = addMonths(lastMonth, 1);
let dayCount = 0;
for (let d = firstDay; d < endDay; d = addDays(d, 1)) dayCount++;

// The simulator's own history (electron/sim/incident-history.ts) of those days: `scale` whole
// years from seeds seed, seed + 1, … and a thinned one for the fraction. No incident carries its
// grid here (the product finds it by point in polygon: the worst case).
const seed = Number(flags.seed);
const incidents: ProductIncident[] = [];
let coveredFrom = 0;
for (let k = 0; k < Math.ceil(scale); k++) {
  const keep = Math.min(1, scale - k);
  const history = createIncidentHistory({
    seed: seed + k,
    world,
    geometry,
    until: zonedAt(endDay, 0, timeZone),
    days: dayCount,
    timeZone,
  });
  coveredFrom = history.coveredFrom;
  let n = 0;
  for (let d = firstDay; d < endDay; d = addDays(d, 1)) {
    for (const i of history.day(d)) {
      n += keep;
      if (n < 1) continue;
      n -= 1;
      incidents.push({
        id: `${k}-${i.id}`,
        number: i.number,
        category: i.category,
        lat: i.lat,
        lng: i.lng,
        reportedAt: i.reportedAt,
        ...(i.windowStart !== undefined
          ? { windowStart: i.windowStart, windowEnd: i.windowEnd as number }
          : {}),
        gridId: null,
        zoneId: null,
      });
    }
  }
}
// Sorted by time: the product takes any order.

// ---- measure --------------------------------------------------------------------------------------
const input = (kind: ProductInput['kind'], date: string): ProductInput => ({
  kind,
  date,
  timeZone,
  incidents,
  areas,
  coveredFrom,
  areaId: null,
  bounds,
  generatedAt: now,
});
const lastDay = addDays(endDay, -1);
const monday = addDays(lastDay, -((new Date(`${lastDay}T00:00:00Z`).getUTCDay() + 6) % 7) - 7);

interface Measured {
  median: number;
  max: number;
  resultKb: number;
}
const measure = (f: () => unknown): Measured => {
  f();
  const times: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] ?? NaN,
    max: times[times.length - 1] ?? NaN,
    resultKb: result === undefined ? NaN : JSON.stringify(result).length / 1024,
  };
};

const month = productPeriod('monthly', lastMonth, timeZone);
const monthPoints = incidents.filter((i) => i.reportedAt >= month.from && i.reportedAt < month.to);
const index = areaIndex(areas);
const rows: [string, Measured][] = [
  [`daily product (${lastDay})`, measure(() => computeProduct(input('daily', lastDay)))],
  [`weekly product (week of ${monday})`, measure(() => computeProduct(input('weekly', monday)))],
  [
    `monthly product (${lastMonth.slice(0, 7)})`,
    measure(() => computeProduct(input('monthly', lastMonth))),
  ],
  [
    `  of which: hex grid + Gi* + FDR over the district (${monthPoints.length.toLocaleString('en')} incidents)`,
    measure(() => hexCells(monthPoints, { bounds, areas }, productDefaults.hexSizeM, index, null)),
  ],
  [
    '  of which: KDE surface (100 m cells, 300 m bandwidth)',
    measure(() =>
      kdeSurface(monthPoints, bounds, productDefaults.kdeCellM, productDefaults.kdeBandwidthM),
    ),
  ],
  [
    'monthly product, one zone (R2-Z01)',
    measure(() => computeProduct({ ...input('monthly', lastMonth), areaId: 'R2-Z01' })),
  ],
];

const weekly = computeProduct(input('weekly', monday));
const monthly = computeProduct(input('monthly', lastMonth));
const byCategory = new Map<string, number>();
for (const i of incidents) byCategory.set(i.category, (byCategory.get(i.category) ?? 0) + 1);
const hex = (p: typeof monthly) => {
  const sig = p.hexes.filter((h) => h.confidence !== null);
  return `${p.hexes.length} hexes returned, ${sig.filter((h) => h.z > 0).length} hot / ${sig.filter((h) => h.z < 0).length} cold (${sig.filter((h) => h.confidence === 99).length} at 99 %)`;
};
const cells = Math.round(
  ((bounds.north - bounds.south) *
    111_195 *
    (bounds.east - bounds.west) *
    111_195 *
    Math.cos((((bounds.north + bounds.south) / 2) * Math.PI) / 180)) /
    ((Math.sqrt(3) / 2) * productDefaults.hexSizeM ** 2),
);

console.log(
  `analysis products: ${incidents.length.toLocaleString('en')} incidents over ${dayCount} hall days (${timeZone}) ${firstDay} → ${lastDay} (${[...byCategory].map(([c, k]) => `${c} ${k.toLocaleString('en')}`).join(', ')}; ${incidents.filter((i) => i.windowStart !== undefined).length.toLocaleString('en')} known by a window); ${areas.filter((a) => a.level === 'grid').length} grids; district ${(((bounds.east - bounds.west) * 111_195 * Math.cos((35.4 * Math.PI) / 180)) / 1000).toFixed(0)} × ${(((bounds.north - bounds.south) * 111_195) / 1000).toFixed(0)} km ≈ ${cells.toLocaleString('en')} hexes of 250 m, KDE ${monthly.kde?.rows} × ${monthly.kde?.cols} cells; ${runs} runs after a warm-up; Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  `weekly: ${weekly.total} incidents (prev ${weekly.comparisons[0]?.total}, mean4 ${weekly.comparisons[1]?.total}), ${hex(weekly)}, ${weekly.nearRepeats.length} near-repeats; monthly: ${monthly.total} (prev ${monthly.comparisons[0]?.total}, last year ${monthly.comparisons[1]?.total}), ${hex(monthly)}, KDE max ${monthly.kde?.max} /km², ${monthly.nearRepeats.length} near-repeats`,
);
console.log('');
console.log('| step | median | worst | result (JSON) |');
console.log('| ---- | ------ | ----- | ------------- |');
for (const [name, m] of rows) {
  console.log(
    `| ${name} | ${m.median.toFixed(0)} ms | ${m.max.toFixed(0)} ms | ${(m.resultKb / 1024).toFixed(2)} MB |`,
  );
}
console.log(`\npeak RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
