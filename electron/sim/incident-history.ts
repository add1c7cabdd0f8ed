/**
 * The simulated platform's incident history (issue #17 item 1; docs/protocol.md §10,
 * `GET /api/v1/incidents/history`): a year of past incidents over the county's real roads,
 * villages, fields and markets, with the structure an analyst looks for:
 *
 * - night thefts and burglaries in the villages (the rural grids), about two in three found in
 *   the morning and known only by a window (the evening before → the morning), more in January and
 *   February; 15 % followed 1-10 days later by another within 180 m (near repeats);
 * - daytime pickpocketing (扒窃) at the markets, bus stations and shopping streets (the must-reach
 *   points of those kinds, and four in the city centre), mornings and late afternoons, busier at
 *   the weekend;
 * - crop theft (盗窃农作物) in the fields at harvest: wheat in June, maize from 20 September to the
 *   end of October, found in the morning; a trickle the rest of the year;
 * - traffic accidents on the two national roads (G104, G327) at the rush hours, fewer at weekends;
 * - disputes in the evening, in the city's streets and the villages, more on Friday and Saturday;
 * - frauds and the rest, by day.
 *
 * About 110,000 a year. The history is a pure function of (seed, hall day): each hall day's
 * incidents (those reported that day) come from their own PRNG streams, so nothing is generated
 * before it is asked for (the simulator starts as fast with it as without), a day costs about a
 * millisecond, and the same seed tells the same past on every start. A near repeat is drawn with
 * its first burglary (that day's burglary stream) and told on its own day, which looks back at the
 * burglary streams of the ten days before. Units, acknowledgement, arrival and close times come from
 * the units whose beat is the incident's grid (the fleet's, given at creation).
 *
 * The live incidents the platform opens (110 calls, plate hits, marks) join the history as soon as
 * they are opened, as last recorded (merged and cancelled ones do not count).
 */
import type { IncidentLevel, IncidentMessage, UnitKind } from '../../shared/contract/platform';
import type { HistoricIncident, IncidentHistory } from '../../shared/contract/platform-analysis';
import { addDays } from '../../shared/domain/health/expected-time';
import { defaultTimeZone, zonedAt, zonedDate } from '../../shared/domain/time/hall-time';
import type { DistrictGeometry } from './district-geometry';
import { fromLatLng, toLatLng, type Point } from './geo-frame';
import { createPrng, fnv1a, type Prng } from './prng';
import { positionOnRoad, type Road } from './road-network';
import type { World } from './world';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;

/** The default span of the generated past, in hall days before the simulator's start day. */
export const defaultIncidentHistoryDays = 365;
/** A near repeat: up to this far from its first burglary, and this many days after it. */
export const nearRepeatMaxM = 180;
export const nearRepeatMaxDays = 10;
/** Categories, as the platform names them. */
export const historyCategories = {
  burglary: '入室盗窃',
  theft: '盗窃',
  pickpocket: '扒窃',
  crop: '盗窃农作物',
  traffic: '交通事故',
  dispute: '纠纷',
  fraud: '诈骗',
  other: '其他',
} as const;

/** A unit and its beat, for who handled an incident. */
export interface HistoryUnit {
  id: string;
  kind: UnitKind;
  gridId: string;
}

export interface IncidentHistoryOptions {
  seed: number;
  world: World;
  geometry: DistrictGeometry;
  /** The end of the generated past (exclusive): the simulator's start. */
  until: number;
  /** Hall days of generated past before `until`'s day (that day up to `until` as well). */
  days?: number;
  timeZone?: string;
  /** The units and their beats (none: incidents carry no unit or response times). */
  units?: readonly HistoryUnit[];
  /** The platform's live incident records; they join the history once opened. */
  live?: () => readonly IncidentMessage[];
}

export interface IncidentHistorySource {
  /** The start of the generated past (a hall midnight). */
  readonly coveredFrom: number;
  /** Its end (exclusive): the simulator's start. */
  readonly until: number;
  /** The generated incidents reported on hall day `date` ('YYYY-MM-DD'), oldest first. */
  day(date: string): HistoricIncident[];
  /** Every incident reported in [from, to), oldest first (the endpoint checks the span). */
  history(from: number, to: number): IncidentHistory;
}

interface Place {
  at: Point;
  /** What the address says. */
  name: string;
}

interface Day {
  date: string;
  start: number;
  /** The day before's start (a window starts the evening before). */
  prevStart: number;
  month: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** An incident before it has a number: where, what and when. */
interface Draft {
  category: string;
  level: IncidentLevel;
  at: Point;
  address: string;
  reportedAt: number;
  window?: { start: number; end: number };
  /** Seeds the response draws (units, times), so a near repeat's come from its own stream. */
  responseSeed: number;
}

/** A burglary drawn on one day with what it needs to be told on a later one. */
interface Burglary {
  category: string;
  at: Point;
  place: string;
  timing: Timing;
  responseSeed: number;
  repeat: { afterDays: number; at: Point; timing: Timing; responseSeed: number } | null;
}

/** When a night theft happened: a window found in the morning, or a time at night. */
type Timing =
  | { windowed: true; startMin: number; endMin: number; reportDelayMin: number }
  | { windowed: false; minute: number };

const dirWords = ['东头', '西头', '南头', '北头', '村内'] as const;
const cityMarkets: readonly Place[] = [
  { at: { x: 0, y: 0 }, name: '邹城市中心农贸市场' },
  { at: { x: 1200, y: -800 }, name: '邹城市东关商业街' },
  { at: { x: -1500, y: 900 }, name: '邹城市西关农贸市场' },
  { at: { x: 2500, y: 2200 }, name: '邹城市北关夜市' },
];

const streamSeed = (seed: number, date: string, stream: string): number =>
  parseInt(fnv1a(`${seed}|${date}|${stream}`), 16);

const normal = (prng: Prng): number =>
  Math.sqrt(-2 * Math.log(1 - prng.next())) * Math.cos(2 * Math.PI * prng.next());

/** A Poisson count (Knuth below 30, a rounded normal above). */
function poisson(prng: Prng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(prng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = prng.next();
  while (p > limit) {
    k++;
    p *= prng.next();
  }
  return k;
}

/** A minute of the day from a mixture of (mean hour, sd hours, weight), wrapped into the day. */
function minuteFrom(prng: Prng, modes: readonly (readonly [number, number, number])[]): number {
  const total = modes.reduce((s, m) => s + m[2], 0);
  let u = prng.next() * total;
  for (const [mean, sd, w] of modes) {
    u -= w;
    if (u <= 0) return (((Math.round((mean + sd * normal(prng)) * 60) % 1440) + 1440) % 1440) | 0;
  }
  return Math.floor(prng.next() * 1440);
}

const jitter = (prng: Prng, p: Point, sd: number): Point => ({
  x: p.x + sd * normal(prng),
  y: p.y + sd * normal(prng),
});

/** A point uniformly within `r` metres of p. */
const within = (prng: Prng, p: Point, r: number): Point => {
  const d = r * Math.sqrt(prng.next());
  const a = prng.next() * 2 * Math.PI;
  return { x: p.x + d * Math.cos(a), y: p.y + d * Math.sin(a) };
};

/** Found in the morning: from 19:00-22:00 the evening before to 06:00-08:30, reported within the hour. */
const overnight = (prng: Prng): Timing => ({
  windowed: true,
  startMin: 19 * 60 + prng.range(0, 180),
  endMin: 6 * 60 + prng.range(0, 150),
  reportDelayMin: prng.range(0, 60),
});

/** A night theft: two in three found in the morning, the rest reported at night. */
const nightTiming = (prng: Prng): Timing =>
  prng.chance(0.65) ? overnight(prng) : { windowed: false, minute: minuteFrom(prng, [[1, 2, 1]]) };

function timed(
  day: Day,
  t: Timing,
): { reportedAt: number; window?: { start: number; end: number } } {
  if (!t.windowed) return { reportedAt: day.start + t.minute * minuteMs };
  const start = Math.round(day.prevStart + t.startMin * minuteMs);
  const end = Math.round(day.start + t.endMin * minuteMs);
  return { reportedAt: Math.round(end + t.reportDelayMin * minuteMs), window: { start, end } };
}

export function createIncidentHistory(options: IncidentHistoryOptions): IncidentHistorySource {
  const { seed, world, geometry, until } = options;
  const timeZone = options.timeZone ?? defaultTimeZone;
  const days = options.days ?? defaultIncidentHistoryDays;
  const live = options.live ?? (() => []);
  const lastDate = zonedDate(until - 1, timeZone);
  const firstDate = addDays(zonedDate(until, timeZone), -days);
  const coveredFrom = zonedAt(firstDate, 0, timeZone);
  const gridAt = (p: Point): string => world.plan.gridAt(p);

  // ---- the county's places (fixed by the seed; cheap) ------------------------------------------
  const placePrng = createPrng(streamSeed(seed, 'places', 'history'));
  const villages: Place[] = world.villages.map((v) => ({ at: v.at, name: `邹城市${v.name}` }));
  /** Fields: three per village, 300-1,500 m out. */
  const fields: Place[] = villages.flatMap((v) =>
    Array.from({ length: 3 }, () => {
      const a = placePrng.next() * 2 * Math.PI;
      const d = 300 + placePrng.next() * 1200;
      return {
        at: { x: v.at.x + d * Math.cos(a), y: v.at.y + d * Math.sin(a) },
        name: `${v.name}${placePrng.pick(['东', '西', '南', '北'])}农田`,
      };
    }),
  );
  const markets: Place[] = [
    ...geometry.mustReachPoints
      .filter((p) => /农贸市场|商业街|汽车站/.test(p.name))
      .map((p) => ({ at: fromLatLng(p), name: `邹城市${p.name.replace(/\s+/g, '')}` })),
    ...cityMarkets,
  ];
  const nationalRoads = world.roads.filter((r) => /国道/.test(r.name));
  const streets = world.roads.filter((r) => r.kind === 'street');
  const onStreet = (prng: Prng): Place => {
    const road = prng.pick(streets);
    const s = prng.range(0, road.length);
    const p = positionOnRoad(road, s);
    return {
      at: { x: p.x + prng.range(-20, 20), y: p.y + prng.range(-20, 20) },
      name: `邹城市${road.name}${Math.max(1, Math.round(s / 20))}号附近`,
    };
  };
  const nearVillage = (prng: Prng, sd: number): Place => {
    const v = prng.pick(villages);
    return { at: jitter(prng, v.at, sd), name: `${v.name}${prng.pick(dirWords)}` };
  };
  const onRoad = (prng: Prng, road: Road): Place => {
    const s = prng.range(0, road.length);
    const p = positionOnRoad(road, s);
    const km = Math.floor(s / 1000);
    const m = String(Math.floor(s % 1000)).padStart(3, '0');
    return { at: jitter(prng, p, 10), name: `${road.name}K${km}+${m}处` };
  };

  // ---- the units of each grid (and of its zone), for who handled what -------------------------
  const unitsOfGrid = new Map<string, HistoryUnit[]>();
  const unitsOfZone = new Map<string, HistoryUnit[]>();
  const zoneOf = (gridId: string): string => gridId.replace(/-G\d+$/, '');
  for (const u of options.units ?? []) {
    unitsOfGrid.set(u.gridId, [...(unitsOfGrid.get(u.gridId) ?? []), u]);
    const z = zoneOf(u.gridId);
    unitsOfZone.set(z, [...(unitsOfZone.get(z) ?? []), u]);
  }

  const dayOf = (date: string): Day => ({
    date,
    start: zonedAt(date, 0, timeZone),
    prevStart: zonedAt(addDays(date, -1), 0, timeZone),
    month: Number(date.slice(5, 7)),
    weekday: new Date(`${date}T00:00:00Z`).getUTCDay(),
  });

  /** The burglaries first drawn on `date` (their own stream, so a later day can look back). */
  const burglaryCache = new Map<string, Burglary[]>();
  const burglaries = (date: string): Burglary[] => {
    const hit = burglaryCache.get(date);
    if (hit) return hit;
    const prng = createPrng(streamSeed(seed, date, 'burglary'));
    const month = Number(date.slice(5, 7));
    const n = poisson(prng, month <= 2 ? 101 : 78);
    const out: Burglary[] = [];
    for (let i = 0; i < n; i++) {
      const v = prng.pick(villages);
      const at = jitter(prng, v.at, 400);
      const category = prng.chance(0.4) ? historyCategories.burglary : historyCategories.theft;
      const timing = nightTiming(prng);
      const responseSeed = prng.int(0, 0x7fffffff);
      const repeat = prng.chance(0.15)
        ? {
            afterDays: prng.int(1, nearRepeatMaxDays),
            at: within(prng, at, nearRepeatMaxM),
            timing: nightTiming(prng),
            responseSeed: prng.int(0, 0x7fffffff),
          }
        : null;
      out.push({
        category,
        at,
        place: `${v.name}${prng.pick(dirWords)}`,
        timing,
        responseSeed,
        repeat,
      });
    }
    // A day looks back ten days: keep about that many (a scan over the year draws each once).
    burglaryCache.set(date, out);
    if (burglaryCache.size > 2 * nearRepeatMaxDays) {
      burglaryCache.delete(burglaryCache.keys().next().value as string);
    }
    return out;
  };

  /** Every incident reported on `day`, unnumbered. */
  const drafts = (day: Day): Draft[] => {
    const out: Draft[] = [];
    const prng = createPrng(streamSeed(seed, day.date, 'day'));
    const add = (
      category: string,
      place: Place,
      when: { reportedAt: number; window?: { start: number; end: number } },
      level: IncidentLevel = 1,
      responseSeed = prng.int(0, 0x7fffffff),
    ): void => {
      out.push({
        category,
        level,
        at: place.at,
        address: place.name,
        reportedAt: when.reportedAt,
        ...(when.window ? { window: when.window } : {}),
        responseSeed,
      });
    };
    const at = (minute: number) => ({ reportedAt: day.start + minute * minuteMs });

    // Night thefts and burglaries in the villages, and the near repeats due today.
    for (const b of burglaries(day.date)) {
      const level: IncidentLevel = b.category === historyCategories.burglary ? 2 : 1;
      add(b.category, { at: b.at, name: b.place }, timed(day, b.timing), level, b.responseSeed);
    }
    for (let back = 1; back <= nearRepeatMaxDays; back++) {
      for (const b of burglaries(addDays(day.date, -back))) {
        if (b.repeat?.afterDays !== back) continue;
        const r = b.repeat;
        const level: IncidentLevel = b.category === historyCategories.burglary ? 2 : 1;
        add(b.category, { at: r.at, name: b.place }, timed(day, r.timing), level, r.responseSeed);
      }
    }
    const weekend = day.weekday === 0 || day.weekday === 6;
    // Daytime pickpocketing at the markets.
    for (let i = poisson(prng, weekend ? 83 : 50); i > 0; i--) {
      const m = prng.pick(markets);
      add(
        historyCategories.pickpocket,
        { at: jitter(prng, m.at, 60), name: m.name },
        at(
          minuteFrom(prng, [
            [10, 1.2, 2],
            [16.5, 1.5, 1.5],
          ]),
        ),
      );
    }
    // Crop theft at harvest, in the fields, found in the morning.
    const harvest =
      day.month === 6
        ? 110
        : day.month === 10 || (day.month === 9 && day.date >= day.date.slice(0, 8) + '20')
          ? 95
          : 2;
    for (let i = poisson(prng, harvest); i > 0; i--) {
      const f = prng.pick(fields);
      const place = { at: jitter(prng, f.at, 150), name: f.name };
      add(historyCategories.crop, place, timed(day, overnight(prng)));
    }
    // Traffic accidents on the national roads at the rush hours.
    if (nationalRoads.length > 0) {
      for (let i = poisson(prng, weekend ? 43 : 72); i > 0; i--) {
        const place = onRoad(prng, prng.pick(nationalRoads));
        const minute = minuteFrom(prng, [
          [7.75, 0.7, 2],
          [17.75, 0.8, 2],
          [13, 4, 1],
        ]);
        add(historyCategories.traffic, place, at(minute), prng.chance(0.15) ? 2 : 1);
      }
    }
    // Evening disputes, in the city's streets and the villages.
    for (let i = poisson(prng, day.weekday === 5 || day.weekday === 6 ? 70 : 49); i > 0; i--) {
      const place = prng.chance(0.6) ? onStreet(prng) : nearVillage(prng, 300);
      add(historyCategories.dispute, place, at(minuteFrom(prng, [[20.5, 1.5, 1]])));
    }
    // Frauds and the rest, by day, anywhere people live.
    for (let i = poisson(prng, 11); i > 0; i--) {
      const place = prng.chance(0.5) ? onStreet(prng) : nearVillage(prng, 500);
      const category = prng.chance(0.7) ? historyCategories.fraud : historyCategories.other;
      add(category, place, at(minuteFrom(prng, [[14, 3, 1]])), prng.chance(0.2) ? 2 : 1);
    }
    return out;
  };

  /** Who handled it and when: the units of its grid (else its zone), times by category. */
  const respond = (d: Draft, gridId: string): Partial<HistoricIncident> => {
    const prng = createPrng(d.responseSeed);
    const pool = unitsOfGrid.get(gridId) ?? unitsOfZone.get(zoneOf(gridId)) ?? [];
    // Some frauds are reported online and handled by the desk; one in twelve has no times kept.
    if (pool.length === 0 || (d.category === historyCategories.fraud && prng.chance(0.5)))
      return {};
    if (prng.chance(1 / 12)) return {};
    const cars = pool.filter((u) => u.kind === 'car');
    const first =
      d.category === historyCategories.traffic && cars.length > 0
        ? prng.pick(cars)
        : prng.pick(pool);
    const unitIds = [first.id];
    const second = prng.pick(pool);
    if (prng.chance(0.15) && second.id !== first.id) unitIds.push(second.id);
    const traffic = d.category === historyCategories.traffic;
    const acknowledgedAt = d.reportedAt + Math.round(prng.range(0.5, traffic ? 3 : 5) * minuteMs);
    const arrivedAt =
      acknowledgedAt + Math.round(prng.range(traffic ? 4 : 5, d.window ? 35 : 22) * minuteMs);
    const closedAt = arrivedAt + Math.round(prng.range(0.3, d.window ? 4 : 2.5) * hourMs);
    return { unitIds, acknowledgedAt, arrivedAt, closedAt };
  };

  const cache = new Map<string, HistoricIncident[]>();
  const cacheDays = 64;
  const day = (date: string): HistoricIncident[] => {
    const hit = cache.get(date);
    if (hit) {
      cache.delete(date);
      cache.set(date, hit);
      return hit;
    }
    if (date < firstDate || date > lastDate) return [];
    const list = drafts(dayOf(date))
      .filter((d) => d.reportedAt < until)
      .sort((a, b) => a.reportedAt - b.reportedAt);
    const stamp = date.replaceAll('-', '');
    const incidents = list.map((d, i): HistoricIncident => {
      const seq = String(i + 1).padStart(5, '0');
      const { lat, lng } = toLatLng(d.at);
      const gridId = gridAt(d.at);
      return {
        id: `H${stamp}-${seq}`,
        // The platform's number (J + date + sequence); history's run from 800001 so they never
        // meet the live desk's of the same day.
        number: `J${stamp}8${seq}`,
        category: d.category,
        level: d.level,
        lat,
        lng,
        address: d.address,
        reportedAt: d.reportedAt,
        ...(d.window ? { windowStart: d.window.start, windowEnd: d.window.end } : {}),
        gridId,
        unitIds: [],
        ...respond(d, gridId),
      };
    });
    cache.set(date, incidents);
    if (cache.size > cacheDays) cache.delete(cache.keys().next().value as string);
    return incidents;
  };

  const fromLive = (r: IncidentMessage): HistoricIncident => {
    const first = (key: 'acknowledgedAt' | 'arrivedAt'): number | undefined => {
      const times = r.units.map((u) => u[key]).filter((t): t is number => t !== null);
      return times.length > 0 ? Math.min(...times) : undefined;
    };
    const acknowledgedAt = first('acknowledgedAt');
    const arrivedAt = first('arrivedAt');
    return {
      id: r.id,
      number: r.number,
      category: r.category,
      level: r.level,
      lat: r.lat,
      lng: r.lng,
      address: r.address,
      reportedAt: r.reportedAt,
      gridId: gridAt(fromLatLng(r)),
      unitIds: [...new Set(r.units.map((u) => u.unitId))].slice(0, 50),
      ...(acknowledgedAt !== undefined ? { acknowledgedAt } : {}),
      ...(arrivedAt !== undefined ? { arrivedAt } : {}),
      ...(r.closedAt !== undefined ? { closedAt: r.closedAt } : {}),
    };
  };

  return {
    coveredFrom,
    until,
    day,
    history(from, to) {
      const incidents: HistoricIncident[] = [];
      const lo = Math.max(from, coveredFrom);
      const hi = Math.min(to, until);
      if (lo < hi) {
        const end = zonedDate(hi - 1, timeZone);
        for (let d = zonedDate(lo, timeZone); d <= end; d = addDays(d, 1)) {
          for (const i of day(d)) if (i.reportedAt >= from && i.reportedAt < to) incidents.push(i);
        }
      }
      for (const r of live()) {
        if (r.status === 'merged' || r.status === 'cancelled') continue;
        if (r.reportedAt >= from && r.reportedAt < to) incidents.push(fromLive(r));
      }
      incidents.sort((a, b) => a.reportedAt - b.reportedAt);
      return {
        from,
        to,
        coveredFrom: to <= coveredFrom ? null : Math.max(from, coveredFrom),
        incidents,
      };
    },
  };
}
