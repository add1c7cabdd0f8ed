/**
 * Bench: online rate, integrity and the weekly report at county scale (issue #16, "Benchmarks":
 * "Weekly report over 26,000 cameras × 8 weeks of history: time to compute").
 *
 *   npx tsx --expose-gc --max-semi-space-size=256 tests/bench/health-report.ts \
 *     [--cameras 26000] [--runs 10] [--seed 1]
 *
 * The simulator's catalog (its area tree: regions, zones, grids; camera kinds), a maintenance
 * contractor per zone (a few cameras with none), 8 weeks of synthetic down intervals ending at the
 * last full hall week: each camera fails now and then (offline, black, frozen, obstructed;
 * repairs log-normal around 8 h, from minutes to two weeks), short offline flaps, ~0.5 % chronic
 * cameras down about half the time, some picture faults with an offline on top; a ticket for
 * every fault longer than an hour. Coverage: the 8 weeks less a 3-hour station restart. Times
 * healthSummary over the last 7 and 56 days (grouped by zone) and weeklyReport (median and worst
 * of `runs` after 2 warm-ups), what one run allocates (heap and typed arrays; the large young
 * generation keeps a collection from hiding it) and its result's size as JSON; prints a markdown
 * block. The rendering (ECharts, the report page) is the UI's and not measured here.
 */
import { parseArgs } from 'node:util';
import type { TicketMessage } from '../../shared/contract/platform-health';
import {
  healthSummary,
  mondayOf,
  prepareRates,
  weekSpan,
  weeklyReport,
  type CameraRef,
  type DownSpan,
  type RateInput,
} from '../../shared/domain/health/rates';
import { defaultSlaHours } from '../../shared/domain/health/tickets';
import { zonedDate } from '../../shared/domain/time/hall-time';
import { generateCatalog } from '../../electron/sim/catalog-gen';
import { createPrng } from '../../electron/sim/prng';

const { values: flags } = parseArgs({
  options: {
    cameras: { type: 'string', default: '26000' },
    runs: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
  },
});
const cameraCount = Number(flags.cameras);
const runs = Number(flags.runs);
const timeZone = 'Asia/Shanghai';
const h = 3_600_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('run with --expose-gc for the memory figures');
/** JS heap and typed arrays' buffers (outside the heap), MB. */
const usedMb = (): number => {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
};
/** The same after a collection (and a pause: array buffers are freed by a sweeper task). */
const settledMb = async (): Promise<number> => {
  gc?.();
  await new Promise((r) => setTimeout(r, 50));
  gc?.();
  return usedMb();
};

const prng = createPrng(Number(flags.seed));
const rand = prng.next;
const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const pick = prng.pick;

const heapBefore = await settledMb();

// The catalog and its area tree.
const catalog = generateCatalog({ cameras: cameraCount, seed: 1, baseUrl: 'http://127.0.0.1:1' });
const parent = new Map(catalog.areas.map((a) => [a.id, a.parentId]));
const names = new Map(catalog.areas.map((a) => [a.id, a.name]));
names.set('', '邹城市公安局指挥中心');
const contractors = [
  '海康运维',
  '大华运维',
  '联通系统集成',
  '移动政企',
  '宇视运维',
  '本地运维中心',
];
const zoneContractor = new Map<string, string>();
const cameras: CameraRef[] = catalog.cameras.map((c) => {
  const zoneId = parent.get(c.gridId) ?? null;
  const regionId = zoneId === null ? null : (parent.get(zoneId) ?? null);
  if (zoneId !== null && !zoneContractor.has(zoneId)) zoneContractor.set(zoneId, pick(contractors));
  return {
    id: c.id,
    name: c.name,
    gridId: c.gridId,
    zoneId,
    regionId,
    kind: c.kind,
    contractor: rand() < 0.03 ? null : (zoneContractor.get(zoneId ?? '') ?? pick(contractors)),
  };
});
const levels = { region: 0, zone: 0, grid: 0 };
for (const a of catalog.areas) levels[a.level]++;

// 8 weeks ending at the last full hall week.
const thisMonday = mondayOf(Date.now(), timeZone);
const lastWeek = weekSpan(thisMonday, timeZone).start - 7 * 24 * h;
const weekStart = mondayOf(lastWeek + h, timeZone);
const end = weekSpan(weekStart, timeZone).end;
const start = end - 56 * 24 * h;
const restart = start + 30 * 24 * h + 14 * h;
const coverage = [
  { start, end: restart },
  { start: restart + 3 * h, end },
];

// The failure process.
const intervals: DownSpan[] = [];
const tickets: TicketMessage[] = [];
const pictureKinds = ['black', 'frozen', 'frozen', 'obstructed'] as const;
const failuresPerHour = 0.02 / 16.4; // ~2 % down: mean repair e^(ln 8 + 1.2²/2) ≈ 16.4 h
const flapsPerHour = 0.1 / 24;
let chronic = 0;
for (const c of cameras) {
  const isChronic = rand() < 0.005;
  if (isChronic) chronic++;
  const rate = isChronic ? 1 / 12 : failuresPerHour;
  // Exponential gaps between failures.
  for (let t = start - 7 * 24 * h * rand(); ; ) {
    t += (-Math.log(1 - rand()) / rate) * h;
    if (t >= end) break;
    const hours = isChronic ? 4 + rand() * 16 : Math.min(14 * 24, Math.exp(Math.log(8) + 1.2 * normal()));
    const stop = t + hours * h;
    const kind = rand() < 0.55 ? 'offline' : pick(pictureKinds);
    const ongoing = stop >= end;
    intervals.push({ cameraId: c.id, kind, start: t, end: ongoing ? null : stop });
    if (kind !== 'offline' && rand() < 0.1) {
      const s = t + rand() * (stop - t);
      if (s < end)
        intervals.push({ cameraId: c.id, kind: 'offline', start: s, end: Math.min(end, s + h) });
    }
    if (hours >= 1 && t >= start) {
      const openedAt = Math.round(t + (5 + rand() * 25) * 60_000);
      const slaHours = defaultSlaHours[c.kind];
      const repairedAt = ongoing ? null : Math.round(stop);
      const closedAt = repairedAt !== null && repairedAt + 6 * h < end ? repairedAt + Math.round(rand() * 6 * h) : null;
      tickets.push({
        id: `T${tickets.length}`,
        number: `GD-${tickets.length}`,
        cameraId: c.id,
        fault: kind,
        source: kind === 'offline' ? 'prober' : 'tile',
        status: closedAt !== null ? 'closed' : repairedAt !== null ? 'repaired' : 'dispatched',
        openedAt,
        openedBy: 'prober',
        contractor: c.contractor,
        suspendReason: null,
        slaHours,
        dueAt: openedAt + slaHours * h,
        repairedAt,
        closedAt,
        repeats: 0,
        lastSeenAt: openedAt,
        pictureUrl: null,
        timeline: [],
        rev: 1,
      });
    }
    t = stop;
  }
  for (let t = start; ; ) {
    t += (-Math.log(1 - rand()) / flapsPerHour) * h;
    if (t >= end) break;
    intervals.push({ cameraId: c.id, kind: 'offline', start: t, end: Math.min(end, t + (5 + rand() * 25) * 60_000) });
  }
} // prettier-ignore

const input: RateInput = {
  cameras,
  intervals,
  coverage,
  maintenance: [{ start: '02:00', end: '03:00' }],
  timeZone,
  names,
};
const inputMb = (await settledMb()) - heapBefore;
const lastPictureAt = new Map(cameras.map((c) => [c.id, end - Math.round(rand() * h)]));
const openTickets = new Map(
  tickets.filter((t) => t.status !== 'closed').map((t) => [t.cameraId, t.id]),
);

interface Measured {
  median: number;
  max: number;
  allocatedMb: number;
  resultKb: number;
}
async function measure(what: () => unknown, sendable = true): Promise<Measured> {
  for (let i = 0; i < 2; i++) what();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    what();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  // Memory: one more run from a settled heap; "allocated" is what is in use right after it (a
  // collection during the run would make it a lower bound: run with a large
  // --max-semi-space-size); the result's size as JSON is what goes to the desk.
  const before = await settledMb();
  const result = what();
  const allocatedMb = usedMb() - before;
  const resultKb = sendable ? JSON.stringify(result).length / 1024 : Number.NaN;
  return {
    median: times[Math.floor(times.length / 2)]!,
    max: times.at(-1)!,
    allocatedMb,
    resultKb,
  };
}

const groupBy = 'zone' as const;
const rows: [string, Measured][] = [
  [
    'prepareRates (bucket the intervals by camera)',
    await measure(() => prepareRates(input), false),
  ],
  [
    'healthSummary, last 7 days, by zone, worst 20',
    await measure(() =>
      healthSummary(input, {
        from: end - 7 * 24 * h,
        to: end,
        groupBy,
        worst: 20,
        lastPictureAt,
        openTickets,
      }),
    ),
  ],
  [
    'healthSummary, last 56 days, by zone, worst 20',
    await measure(() =>
      healthSummary(input, {
        from: start,
        to: end,
        groupBy,
        worst: 20,
        lastPictureAt,
        openTickets,
      }),
    ),
  ],
  [
    'healthSummary, last 56 days, by grid, worst 100',
    await measure(() =>
      healthSummary(input, {
        from: start,
        to: end,
        groupBy: 'grid',
        worst: 100,
        lastPictureAt,
        openTickets,
      }),
    ),
  ],
  [
    `weeklyReport (week of ${weekStart}, with the 7 before)`,
    await measure(() =>
      weeklyReport(input, {
        weekStart,
        generatedAt: end,
        trigger: 'demand',
        tickets,
        lastPictureAt,
        openTickets,
      }),
    ),
  ],
];

const s56 = healthSummary(input, { from: start, to: end, groupBy, worst: 20 });
const report = weeklyReport(input, { weekStart, generatedAt: end, trigger: 'demand', tickets });
const pct = (x: number | null): string => (x === null ? 'no data' : `${(x * 100).toFixed(2)} %`);
const ignored = prepareRates(input).ignored;

console.log(
  `health report: ${cameras.length.toLocaleString('en')} cameras (${levels.region} regions, ${levels.zone} zones, ${levels.grid} grids), ${chronic} chronic; 8 hall weeks (${timeZone}) ${zonedDate(start, timeZone)} → ${zonedDate(end - 1, timeZone)}; ${intervals.length.toLocaleString('en')} down intervals, ${tickets.length.toLocaleString('en')} tickets; input ${inputMb.toFixed(0)} MB of heap; ${runs} runs after 2 warm-ups; Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  `56 days: online ${pct(s56.overall.online)}, integrity ${pct(s56.overall.integrity)}; week ${weekStart}: ${pct(report.station.online)} / ${pct(report.station.integrity)}, ${report.station.ticketsOpened} tickets opened, ${report.station.slaBreaches} breaches, MTTR ${report.station.mttrHours?.toFixed(1)} h; ${report.zones.length} zone rows, ${report.contractors.length} contractor rows; ignored ${JSON.stringify(ignored)}`,
);
console.log('');
console.log('| step | median | worst | allocated | result (JSON) |');
console.log('| ---- | ------ | ----- | --------- | ------------- |');
for (const [name, m] of rows)
  console.log(
    `| ${name} | ${m.median.toFixed(1)} ms | ${m.max.toFixed(1)} ms | ${m.allocatedMb.toFixed(1)} MB | ${Number.isNaN(m.resultKb) ? '— (internal)' : `${m.resultKb.toFixed(1)} KB`} |`,
  );
console.log(`\npeak RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
// prettier-ignore
