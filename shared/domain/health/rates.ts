/**
 * Online rate and integrity (在线率 / 完好率, issue #16 item 3) and the weekly report (item 5),
 * computed from down intervals: pure, so the core, the benchmark and the tests share it.
 *
 * - A camera's *expected* time in [from, to) is the time the station's records cover (its own
 *   running time and the platform's history: `coverage`) minus the hall's daily maintenance
 *   windows (hall time). Outside coverage nothing is known: it counts neither way.
 * - 在线率 = 1 − offline time ÷ expected; 完好率 = 1 − (offline ∪ any picture fault) ÷ expected.
 * - A group's rate is time-weighted over its cameras. No expected time → null ("no data"), never
 *   1 (a report over a period with no data says so instead of showing 100 %).
 *
 * In a HealthRate, `coveredMs` is that expected camera-time (the rates' denominator) and
 * `expectedMs` the camera-time the period would expect if all of it were covered ([from, to)
 * minus maintenance, × cameras): coveredMs ÷ expectedMs is how much of the period the records
 * cover. Down intervals are unioned per camera (two kinds at once count once; an overlapping
 * repeat counts once), an ongoing one (end null) counts up to `to` (and only where covered, so
 * not past the station's own running time). Intervals that end before they start, of a camera
 * not in `cameras` or of an unknown kind are left out (prepareRates counts them); a camera id
 * listed twice counts once. The expected time is the same for every camera (coverage is
 * station-wide): it is built once per period.
 *
 * Cost: O(cameras + intervals) per period (plus sorting each camera's own few intervals);
 * 26,000 cameras × 8 weeks is benchmarked in tests/bench/health-report.ts (docs/benchmarks.md).
 */
import type { CameraKind } from '../../api';
import type {
  HealthDay,
  HealthGrouping,
  HealthRate,
  ReportRow,
  WeeklyReport,
  WorstCamera,
} from '../../contract/health';
import type { DownKind, TicketMessage } from '../../contract/platform-health';
import { zonedAt, zonedDate } from '../time/hall-time';
import { measurePeriod, prepareRates, type PeriodMeasure, type PreparedRates } from './downtime';
import {
  addDays,
  checkDate,
  checkTimeZone,
  hallMidnights,
  weekdayOf,
  type MaintenanceWindow,
  type Span,
} from './expected-time';
import { slaBreached } from './tickets';

export type { MaintenanceWindow, Span };
export { prepareRates, type IgnoredIntervals } from './downtime';

/** What the rates need of a camera (from the catalog). */
export interface CameraRef {
  id: string;
  name: string;
  gridId: string;
  zoneId: string | null;
  regionId: string | null;
  kind: CameraKind;
  contractor: string | null;
}

/** A down interval; `end` null means still down (counted up to the period's end). */
export interface DownSpan {
  cameraId: string;
  kind: DownKind;
  start: number;
  end: number | null;
}

export interface RateInput {
  cameras: readonly CameraRef[];
  intervals: readonly DownSpan[];
  coverage: readonly Span[];
  maintenance: readonly MaintenanceWindow[];
  timeZone: string;
  /** Names for area ids and the station ('' key), for the rows' `name`. */
  names: ReadonlyMap<string, string>;
}

/** The line the reports hold the network to. */
export const healthTarget = 0.98;

/** The name of the group of cameras with no zone / region / contractor (key ''): the UI translates. */
export const noGroupName = '(none)';
/** The station's row when `names` has no '' entry. */
export const defaultStationName = '本站';

export interface SummaryRequest {
  from: number;
  to: number;
  groupBy: HealthGrouping;
  /** How many of the worst cameras to list. */
  worst: number;
  /** The last time a tile saw a good picture of each camera (for the worst list). */
  lastPictureAt?: ReadonlyMap<string, number>;
  /** Each camera's open ticket id (for the worst list). */
  openTickets?: ReadonlyMap<string, string>;
}

export interface HealthSummaryPart {
  overall: HealthRate;
  groups: HealthRate[];
  daily: HealthDay[];
  worst: WorstCamera[];
}

type KeyOf = (c: CameraRef) => string;

const keyOf: Record<HealthGrouping, KeyOf> = {
  region: (c) => c.regionId ?? '',
  zone: (c) => c.zoneId ?? '',
  grid: (c) => c.gridId,
  kind: (c) => c.kind,
  contractor: (c) => c.contractor ?? '',
};

function groupName(key: string, by: HealthGrouping, names: ReadonlyMap<string, string>): string {
  if (key === '') return noGroupName;
  if (by === 'kind' || by === 'contractor') return key;
  return names.get(key) ?? key;
}

const stationName = (names: ReadonlyMap<string, string>): string =>
  names.get('') ?? defaultStationName;

interface Tally {
  cameras: number;
  offlineMs: number;
  downMs: number;
}

/** Sums cameras' down time by group key. */
function tallyBy(p: PreparedRates, m: PeriodMeasure, key: KeyOf): Map<string, Tally> {
  const out = new Map<string, Tally>();
  const { cameras } = p.input;
  for (let i = 0; i < cameras.length; i++) {
    if (p.counted[i] === 0) continue;
    const k = key(cameras[i]!);
    let t = out.get(k);
    if (!t) out.set(k, (t = { cameras: 0, offlineMs: 0, downMs: 0 }));
    t.cameras++;
    t.offlineMs += m.offlineMs[i]!;
    t.downMs += m.downMs[i]!;
  }
  return out;
}

const fraction = (downMs: number, coveredMs: number): number | null =>
  coveredMs > 0 ? Math.min(1, Math.max(0, 1 - downMs / coveredMs)) : null;

function rateOf(key: string, name: string, t: Tally, m: PeriodMeasure): HealthRate {
  const coveredMs = t.cameras * m.expected.coveredMs;
  return {
    key,
    name,
    cameras: t.cameras,
    online: fraction(t.offlineMs, coveredMs),
    integrity: fraction(t.downMs, coveredMs),
    expectedMs: t.cameras * m.expected.expectedMs,
    coveredMs,
  };
}

/** '' (no zone, no contractor) last, the rest by key. */
const byKey = (a: { key: string }, b: { key: string }): number =>
  a.key === b.key ? 0 : a.key === '' ? 1 : b.key === '' ? -1 : a.key < b.key ? -1 : 1;

function groupRates(p: PreparedRates, m: PeriodMeasure, by: HealthGrouping): HealthRate[] {
  return [...tallyBy(p, m, keyOf[by])]
    .map(([key, t]) => rateOf(key, groupName(key, by, p.input.names), t, m))
    .sort(byKey);
}

function overallRate(p: PreparedRates, m: PeriodMeasure): HealthRate {
  const all = tallyBy(p, m, () => '').get('') ?? { cameras: 0, offlineMs: 0, downMs: 0 };
  return rateOf('', stationName(p.input.names), all, m);
}

/** One entry per bucket of `m` (hall days), named by the hall day it starts in. */
function bucketDays(p: PreparedRates, m: PeriodMeasure, cameras: number): HealthDay[] {
  return m.bucketCoveredMs.map((covered, i) => ({
    day: zonedDate(m.bounds[i]!, p.input.timeZone),
    online: fraction(m.bucketOfflineMs[i]!, covered * cameras),
    integrity: fraction(m.bucketDownMs[i]!, covered * cameras),
  }));
}

/** The cameras with the lowest integrity, then the most down time (then by id): only those down. */
function worstCameras(
  p: PreparedRates,
  m: PeriodMeasure,
  limit: number,
  lastPictureAt: ReadonlyMap<string, number> | undefined,
  openTickets: ReadonlyMap<string, string> | undefined,
): WorstCamera[] {
  if (limit <= 0) return [];
  const covered = m.expected.coveredMs;
  const { cameras } = p.input;
  const down: number[] = [];
  for (let i = 0; i < cameras.length; i++) if (m.downMs[i]! > 0 && p.counted[i] === 1) down.push(i);
  // Every camera has the same expected time (coverage is station-wide), so the lowest
  // integrity is the most down time: one sort key.
  down.sort((a, b) => m.downMs[b]! - m.downMs[a]! || (cameras[a]!.id < cameras[b]!.id ? -1 : 1));
  return down.slice(0, limit).map((i) => {
    const c = cameras[i]!;
    return {
      cameraId: c.id,
      name: c.name,
      zoneId: c.zoneId,
      contractor: c.contractor,
      online: fraction(m.offlineMs[i]!, covered),
      integrity: fraction(m.downMs[i]!, covered),
      downMs: m.downMs[i]!,
      openTicketId: openTickets?.get(c.id) ?? null,
      lastPictureAt: lastPictureAt?.get(c.id) ?? null,
    };
  });
}

function checkPeriod(from: number, to: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from)
    throw new Error(`a period runs from a time to a later one (from ${from}, to ${to})`);
}

const countedCameras = (p: PreparedRates): number => p.index.size;

/** Rates over [from, to) for all cameras, by group, by hall day, and the worst cameras. */
export function healthSummary(input: RateInput, request: SummaryRequest): HealthSummaryPart {
  checkTimeZone(input.timeZone);
  checkPeriod(request.from, request.to);
  const p = prepareRates(input);
  const { from, to } = request;
  const m = measurePeriod(p, from, to, hallMidnights(from, to, input.timeZone));
  return {
    overall: overallRate(p, m),
    groups: groupRates(p, m, request.groupBy),
    daily: to > from ? bucketDays(p, m, countedCameras(p)) : [],
    worst: worstCameras(p, m, request.worst, request.lastPictureAt, request.openTickets),
  };
}

export interface ReportRequest {
  /** The Monday the week starts on (hall time), YYYY-MM-DD. */
  weekStart: string;
  generatedAt: number;
  trigger: WeeklyReport['trigger'];
  /** Tickets opened, repaired or closed in the week or the 7 before it (any status). */
  tickets: readonly TicketMessage[];
  lastPictureAt?: ReadonlyMap<string, number>;
  openTickets?: ReadonlyMap<string, string>;
}

interface TicketTally {
  opened: number;
  closed: number;
  repaired: number;
  repairMs: number;
  breaches: number;
}

const hourMs = 3_600_000;

/**
 * A ticket's part in the week [from, to):
 * - opened: `openedAt` in the week; closed: `closedAt` in the week (验证关闭, or 误报撤销 when
 *   the platform stamps it);
 * - repaired: `repairedAt` in the week, its repair time `repairedAt − openedAt` going into the
 *   MTTR (a repairedAt before openedAt is bad data and left out);
 * - an SLA breach: the ticket needed repair at some point in the week (opened before the week's
 *   end, not repaired nor closed before its start) and `slaBreached` holds at the week's end with
 *   the ticket as it stood then (a repair after the week does not count yet). So a ticket overdue
 *   and still unrepaired is a breach in every week it stays so; one repaired late is a breach in
 *   the week of its repair and not after; a withdrawn ticket (a false report) never is.
 */
function ticketPart(t: TicketMessage, from: number, to: number): TicketTally {
  const inWeek = (x: number | null): boolean => x !== null && x >= from && x < to;
  const repaired = inWeek(t.repairedAt) && t.repairedAt! >= t.openedAt;
  const needed =
    t.openedAt < to &&
    (t.repairedAt === null || t.repairedAt >= from) &&
    (t.closedAt === null || t.closedAt >= from);
  const asOfEnd = {
    status: t.status,
    dueAt: t.dueAt,
    repairedAt: t.repairedAt !== null && t.repairedAt < to ? t.repairedAt : null,
  };
  return {
    opened: inWeek(t.openedAt) ? 1 : 0,
    closed: inWeek(t.closedAt) ? 1 : 0,
    repaired: repaired ? 1 : 0,
    repairMs: repaired ? t.repairedAt! - t.openedAt : 0,
    breaches: needed && slaBreached(asOfEnd, to) ? 1 : 0,
  };
}

const emptyTickets = (): TicketTally => ({
  opened: 0,
  closed: 0,
  repaired: 0,
  repairMs: 0,
  breaches: 0,
});

function addPart(t: TicketTally, part: TicketTally): void {
  t.opened += part.opened;
  t.closed += part.closed;
  t.repaired += part.repaired;
  t.repairMs += part.repairMs;
  t.breaches += part.breaches;
}

function addTickets(into: Map<string, TicketTally>, key: string, part: TicketTally): void {
  let t = into.get(key);
  if (!t) into.set(key, (t = emptyTickets()));
  addPart(t, part);
}

function reportRow(rate: HealthRate, prev: HealthRate | undefined, t: TicketTally): ReportRow {
  return {
    ...rate,
    onlinePrev: prev?.online ?? null,
    integrityPrev: prev?.integrity ?? null,
    ticketsOpened: t.opened,
    ticketsClosed: t.closed,
    mttrHours: t.repaired > 0 ? t.repairMs / t.repaired / hourMs : null,
    slaBreaches: t.breaches,
  };
}

/**
 * 每周通报: the week's rates by zone and contractor with the week before, tickets, trend, worst 20.
 * Tickets count by their camera's zone and contractor (the catalog's, not whom a ticket was
 * dispatched to); a ticket of a camera not in the catalog counts in the station's row only. The
 * same ticket id twice counts once (the highest rev).
 */
export function weeklyReport(input: RateInput, request: ReportRequest): WeeklyReport {
  const tz = input.timeZone;
  const week = weekSpan(request.weekStart, tz);
  const prev = weekSpan(addDays(request.weekStart, -7), tz);
  const firstWeek = addDays(request.weekStart, -49);
  const weekStarts = Array.from({ length: 8 }, (_, i) => addDays(firstWeek, 7 * i));
  const p = prepareRates(input);
  const m = measurePeriod(p, week.start, week.end, hallMidnights(week.start, week.end, tz));
  const mPrev = measurePeriod(p, prev.start, prev.end, []);
  const mTrend = measurePeriod(
    p,
    zonedAt(firstWeek, 0, tz),
    week.end,
    weekStarts.slice(1).map((w) => zonedAt(w, 0, tz)),
  );

  const latest = new Map<string, TicketMessage>();
  for (const t of request.tickets) {
    const seen = latest.get(t.id);
    if (!seen || t.rev > seen.rev) latest.set(t.id, t);
  }
  const station = emptyTickets();
  const byZone = new Map<string, TicketTally>();
  const byContractor = new Map<string, TicketTally>();
  for (const t of latest.values()) {
    const part = ticketPart(t, week.start, week.end);
    addPart(station, part);
    const i = p.index.get(t.cameraId);
    if (i === undefined) continue;
    const camera = input.cameras[i]!;
    addTickets(byZone, keyOf.zone(camera), part);
    addTickets(byContractor, keyOf.contractor(camera), part);
  }

  const rows = (by: 'zone' | 'contractor', tickets: Map<string, TicketTally>): ReportRow[] => {
    const before = new Map(groupRates(p, mPrev, by).map((g) => [g.key, g]));
    return groupRates(p, m, by).map((g) =>
      reportRow(g, before.get(g.key), tickets.get(g.key) ?? emptyTickets()),
    );
  };
  const stationRow = reportRow(overallRate(p, m), overallRate(p, mPrev), station);
  const cameras = countedCameras(p);
  return {
    weekStart: request.weekStart,
    from: week.start,
    to: week.end,
    generatedAt: request.generatedAt,
    trigger: request.trigger,
    target: healthTarget,
    station: stationRow,
    zones: rows('zone', byZone),
    contractors: rows('contractor', byContractor),
    weeks: bucketDays(p, mTrend, cameras).map((d, i) => ({
      weekStart: weekStarts[i]!,
      online: d.online,
      integrity: d.integrity,
    })),
    daily: bucketDays(p, m, cameras),
    worst: worstCameras(p, m, 20, request.lastPictureAt, request.openTickets),
    noData: stationRow.online === null,
  };
}

/** The Monday (hall time, YYYY-MM-DD) of the week `t` falls in. */
export function mondayOf(t: number, timeZone: string): string {
  checkTimeZone(timeZone);
  const date = zonedDate(t, timeZone);
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** The week starting on Monday `weekStart` (hall time) as [from, to) in ms (DST-safe). */
export function weekSpan(weekStart: string, timeZone: string): Span {
  checkTimeZone(timeZone);
  checkDate(weekStart);
  if (weekdayOf(weekStart) !== 1) throw new Error(`a week starts on a Monday: ${weekStart} is not`);
  return {
    start: zonedAt(weekStart, 0, timeZone),
    end: zonedAt(addDays(weekStart, 7), 0, timeZone),
  };
}

export type { ReportRow };
