/**
 * Bench: the analysis products over a year of incident history (issue #17, "Benchmarks": "A weekly
 * and a monthly product over a year of history (≥ 100,000 incidents): time to compute (target
 * < 1 s on this machine, in the worker)"; "Gi* on a hex grid covering the district at 250 m:
 * time; KDE surface: time").
 *
 *   npx tsx --expose-gc tests/bench/analysis-products.ts [--scale 1] [--runs 5] [--seed 1]
 *
 * The simulator's county (electron/sim: its roads, villages, area tree and grid polygons, built
 * without starting anything) and a year of synthetic incidents ending at the last full hall month
 * (Asia/Shanghai), with the structure the issue names: night thefts and burglaries around rural
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
import { fromLatLng, toLatLng, type Point } from '../../electron/sim/geo-frame';
import { createPrng } from '../../electron/sim/prng';
import { positionOnRoad } from '../../electron/sim/road-network';
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
const minuteMs = 60_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('run with --expose-gc for the memory figures');

const prng = createPrng(Number(flags.seed));
const rand = prng.next;
const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

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
const markets = geometry.mustReachPoints
  .filter((p) => /农贸市场|商业街|汽车站/.test(p.name))
  .map((p) => fromLatLng(p));
const cityMarkets = [
  { x: 0, y: 0 },
  { x: 1200, y: -800 },
  { x: -1500, y: 900 },
  { x: 2500, y: 2200 },
];
const allMarkets = [...markets, ...cityMarkets];
const nationalRoads = world.roads.filter((r) => /国道/.test(r.name));
const villages = world.villages.map((v) => v.at);
/** Fields: a few per village, 300–1,500 m out. */
const fields = villages.flatMap((v) =>
  Array.from({ length: 3 }, () => {
    const a = rand() * 2 * Math.PI;
    const d = 300 + rand() * 1200;
    return { x: v.x + d * Math.cos(a), y: v.y + d * Math.sin(a) };
  }),
);

// ---- a year of days (the 12 hall months before the current one) --------------------------------
const now = Date.UTC(2026, 11, 3, 2);
const lastMonth = addMonths(zonedDate(now, timeZone), -1);
const firstDay = addMonths(lastMonth, -11);
const endDay = addMonths(lastMonth, 1);
const days: { date: string; start: number; month: number; weekday: number }[] = [];
for (let d = firstDay; d < endDay; d = addDays(d, 1)) {
  days.push({
    date: d,
    start: zonedAt(d, 0, timeZone),
    month: Number(d.slice(5, 7)),
    weekday: new Date(`${d}T00:00:00Z`).getUTCDay(),
  });
}
const coveredFrom = days[0]?.start ?? 0;

/** A minute of the day from a mixture of (mean hour, sd hours, weight). */
const minuteFrom = (modes: [number, number, number][]): number => {
  const total = modes.reduce((s, m) => s + m[2], 0);
  let u = rand() * total;
  for (const [mean, sd, w] of modes) {
    u -= w;
    if (u <= 0) return (((Math.round((mean + sd * normal()) * 60) % 1440) + 1440) % 1440) | 0;
  }
  return Math.floor(rand() * 1440);
};
const jitter = (p: Point, sd: number): Point => ({
  x: p.x + sd * normal(),
  y: p.y + sd * normal(),
});
const pickDay = (weight: (d: (typeof days)[number]) => number) => {
  for (;;) {
    const d = days[Math.floor(rand() * days.length)] as (typeof days)[number];
    if (rand() < weight(d)) return d;
  }
};

const incidents: ProductIncident[] = [];
let seq = 0;
const add = (
  category: string,
  p: Point,
  reportedAt: number,
  window?: { start: number; end: number },
): void => {
  const ll = toLatLng(p);
  seq++;
  incidents.push({
    id: `H${seq}`,
    number: `J${String(seq).padStart(7, '0')}`,
    category,
    lat: ll.lat,
    lng: ll.lng,
    reportedAt,
    ...(window ? { windowStart: window.start, windowEnd: window.end } : {}),
    gridId: null,
    zoneId: null,
  });
};
/** Found in the morning: happened between the evening and the morning. */
const overnight = (day: (typeof days)[number]) => {
  const start = day.start + (19 * 60 + rand() * 180) * minuteMs;
  const end = day.start + (24 * 60 + 6 * 60 + rand() * 150) * minuteMs;
  return { start, end, reportedAt: end + rand() * 60 * minuteMs };
};
const n = (count: number): number => Math.round(count * scale);

// Night thefts and burglaries in the villages: most found in the morning; 15 % followed within
// 1–10 days by another within 150 m (near repeats).
for (let i = 0; i < n(30_000); i++) {
  const day = pickDay((d) => (d.month === 1 || d.month === 2 ? 1 : 0.75));
  const at = jitter(prng.pick(villages), 400);
  const category = rand() < 0.4 ? '入室盗窃' : '盗窃';
  const burgle = (d: (typeof days)[number], p: Point): void => {
    if (rand() < 0.65) {
      const w = overnight(d);
      add(category, p, w.reportedAt, w);
    } else {
      add(category, p, d.start + minuteFrom([[1, 2, 1]]) * minuteMs);
    }
  };
  burgle(day, at);
  if (rand() < 0.15) {
    const later = days[days.indexOf(day) + 1 + Math.floor(rand() * 10)];
    if (later) burgle(later, jitter(at, 80));
  }
}
// Daytime pickpocketing at the markets, weekends busier.
for (let i = 0; i < n(22_000); i++) {
  const day = pickDay((d) => (d.weekday === 0 || d.weekday === 6 ? 1 : 0.6));
  add(
    '扒窃',
    jitter(prng.pick(allMarkets), 60),
    day.start +
      minuteFrom([
        [10, 1.2, 2],
        [16.5, 1.5, 1.5],
      ]) *
        minuteMs,
  );
}
// Crop theft in the harvest seasons, in the fields, found in the morning.
for (let i = 0; i < n(8_000); i++) {
  const day = pickDay((d) =>
    d.month === 6
      ? 1
      : d.month === 10 || (d.month === 9 && d.date >= `${d.date.slice(0, 8)}20`)
        ? 0.9
        : 0.02,
  );
  const w = overnight(day);
  add('盗窃农作物', jitter(prng.pick(fields), 150), w.reportedAt, w);
}
// Traffic accidents on the national roads at the rush hours.
for (let i = 0; i < n(24_000); i++) {
  const day = pickDay((d) => (d.weekday === 0 || d.weekday === 6 ? 0.6 : 1));
  const road = prng.pick(nationalRoads);
  const on = positionOnRoad(road, rand() * road.length);
  add(
    '交通事故',
    jitter(on, 10),
    day.start +
      minuteFrom([
        [7.75, 0.7, 2],
        [17.75, 0.8, 2],
        [13, 4, 1],
      ]) *
        minuteMs,
  );
}
// Evening disputes, in the city (by the markets' streets) and the villages.
for (let i = 0; i < n(20_000); i++) {
  const day = pickDay((d) => (d.weekday === 5 || d.weekday === 6 ? 1 : 0.7));
  const where =
    rand() < 0.6
      ? { x: (rand() * 2 - 1) * 5500, y: (rand() * 2 - 1) * 6000 }
      : jitter(prng.pick(villages), 300);
  add('纠纷', where, day.start + minuteFrom([[20.5, 1.5, 1]]) * minuteMs);
}
// Frauds and the rest: anywhere people live, any day time.
for (let i = 0; i < n(4_000); i++) {
  const day = pickDay(() => 1);
  const where =
    rand() < 0.5
      ? { x: (rand() * 2 - 1) * 6000, y: (rand() * 2 - 1) * 6500 }
      : jitter(prng.pick(villages), 500);
  add(rand() < 0.7 ? '诈骗' : '其他', where, day.start + minuteFrom([[14, 3, 1]]) * minuteMs);
}
// Sorted by nothing in particular: the product takes any order.

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
  `analysis products: ${incidents.length.toLocaleString('en')} incidents over ${days.length} hall days (${timeZone}) ${firstDay} → ${lastDay} (${[...byCategory].map(([c, k]) => `${c} ${k.toLocaleString('en')}`).join(', ')}; ${incidents.filter((i) => i.windowStart !== undefined).length.toLocaleString('en')} known by a window); ${areas.filter((a) => a.level === 'grid').length} grids; district ${(((bounds.east - bounds.west) * 111_195 * Math.cos((35.4 * Math.PI) / 180)) / 1000).toFixed(0)} × ${(((bounds.north - bounds.south) * 111_195) / 1000).toFixed(0)} km ≈ ${cells.toLocaleString('en')} hexes of 250 m, KDE ${monthly.kde?.rows} × ${monthly.kde?.cols} cells; ${runs} runs after a warm-up; Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
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
