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
 * Cost: O(cameras + intervals) per period; 26,000 cameras × 8 weeks is benchmarked in
 * tests/bench/health-report.ts (docs/benchmarks.md).
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

/** [start, end) in ms. */
export interface Span {
  start: number;
  end: number;
}

/** A down interval; `end` null means still down (counted up to the period's end). */
export interface DownSpan {
  cameraId: string;
  kind: DownKind;
  start: number;
  end: number | null;
}

/** A daily maintenance window in hall time, e.g. { start: '02:00', end: '03:00' }. */
export interface MaintenanceWindow {
  start: string;
  end: string;
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

/** Rates over [from, to) for all cameras, by group, by hall day, and the worst cameras. */
export function healthSummary(input: RateInput, request: SummaryRequest): HealthSummaryPart {
  void input;
  void request;
  throw new Error('healthSummary: not built yet');
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

/** 每周通报: the week's rates by zone and contractor with the week before, tickets, trend, worst 20. */
export function weeklyReport(input: RateInput, request: ReportRequest): WeeklyReport {
  void input;
  void request;
  throw new Error('weeklyReport: not built yet');
}

/** The Monday (hall time, YYYY-MM-DD) of the week `t` falls in. */
export function mondayOf(t: number, timeZone: string): string {
  void t;
  void timeZone;
  throw new Error('mondayOf: not built yet');
}

/** The week starting on Monday `weekStart` (hall time) as [from, to) in ms (DST-safe). */
export function weekSpan(weekStart: string, timeZone: string): Span {
  void weekStart;
  void timeZone;
  throw new Error('weekSpan: not built yet');
}

export type { ReportRow };
