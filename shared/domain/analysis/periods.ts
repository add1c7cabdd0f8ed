/**
 * The periods of the analysis products (issue #17 item 2) and the spans they are compared with,
 * all in hall time (shared/domain/time/hall-time.ts): a day is midnight to midnight, a week Monday
 * 00:00 to the next Monday, a month the 1st to the next 1st. Boundaries come from calendar dates
 * turned into instants in the hall's zone, so a day across a daylight-saving change is 23 or 25 h
 * long and the machine's own zone never matters.
 */
import type { ProductComparison, ProductKind } from '../../contract/analysis';
import { addDays, checkDate, checkTimeZone, weekdayOf } from '../health/expected-time';
import { zonedAt } from '../time/hall-time';

export interface PeriodSpan {
  from: number;
  to: number;
  /** '2026-12-02' (daily), '2026-11-30' (weekly: its Monday), '2026-11' (monthly). */
  label: string;
}

/** A comparison's span, and by how many periods its count is divided (a mean: 28 or 4). */
export interface ComparisonSpan {
  key: ProductComparison['key'];
  from: number;
  to: number;
  /** The span is this many equal parts (days for mean28, weeks for mean4, else 1). */
  parts: number;
  /** Where each part starts (parts + 1 instants, the last = to), for a partly covered mean. */
  edges: number[];
}

/** The Monday of the week containing `date` (a calendar day). */
export function mondayOfDate(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** The first of the month `months` after the month of `date` ('YYYY-MM-01'; negative goes back). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/**
 * The first day of the period `date` lies in: the day itself, its week's Monday, or its month's
 * 1st (a weekly or monthly product asked for any day of it gets the whole week or month).
 */
export function periodStart(kind: ProductKind, date: string): string {
  checkDate(date);
  if (kind === 'weekly') return mondayOfDate(date);
  if (kind === 'monthly') return `${date.slice(0, 7)}-01`;
  return date;
}

/** The first day after the period starting on `start`. */
function periodEnd(kind: ProductKind, start: string): string {
  if (kind === 'daily') return addDays(start, 1);
  if (kind === 'weekly') return addDays(start, 7);
  return addMonths(start, 1);
}

export function periodSpan(kind: ProductKind, date: string, timeZone: string): PeriodSpan {
  checkTimeZone(timeZone);
  const start = periodStart(kind, date);
  return {
    from: zonedAt(start, 0, timeZone),
    to: zonedAt(periodEnd(kind, start), 0, timeZone),
    label: kind === 'monthly' ? start.slice(0, 7) : start,
  };
}

function span(
  key: ComparisonSpan['key'],
  startDates: string[],
  endDate: string,
  timeZone: string,
): ComparisonSpan {
  const edges = [...startDates, endDate].map((d) => zonedAt(d, 0, timeZone));
  return {
    key,
    from: edges[0] as number,
    to: edges[edges.length - 1] as number,
    parts: startDates.length,
    edges,
  };
}

/**
 * What a product is compared with, first the one whose counts go into `prev` of categories and
 * areas: daily — 'prev' the same weekday a week before, 'mean28' the 28 days before the day (a mean
 * per day); weekly — 'prev' the week before, 'mean4' the 4 weeks before (a mean per week);
 * monthly — 'prev' the month before, 'lastYear' the same month a year before.
 */
export function comparisonSpans(
  kind: ProductKind,
  date: string,
  timeZone: string,
): ComparisonSpan[] {
  checkTimeZone(timeZone);
  const start = periodStart(kind, date);
  const days = (from: string, n: number, step: number): string[] =>
    Array.from({ length: n }, (_, i) => addDays(from, i * step));
  if (kind === 'daily') {
    return [
      span('prev', [addDays(start, -7)], addDays(start, -6), timeZone),
      span('mean28', days(addDays(start, -28), 28, 1), start, timeZone),
    ];
  }
  if (kind === 'weekly') {
    return [
      span('prev', [addDays(start, -7)], start, timeZone),
      span('mean4', days(addDays(start, -28), 4, 7), start, timeZone),
    ];
  }
  return [
    span('prev', [addMonths(start, -1)], start, timeZone),
    span('lastYear', [addMonths(start, -12)], addMonths(start, -11), timeZone),
  ];
}

/**
 * A comparison's total from the reportedAt times of the incidents (sorted ascending), null when
 * the history does not cover it: a plain span ('prev', 'lastYear') needs all of it covered
 * (coveredFrom ≤ its start); a mean ('mean28', 'mean4') is taken over the parts wholly covered,
 * null when none is.
 */
export function comparisonTotal(
  c: ComparisonSpan,
  sortedTimes: Float64Array,
  coveredFrom: number | null,
): number | null {
  if (coveredFrom === null) return null;
  let first = 0;
  while (first < c.parts && (c.edges[first] as number) < coveredFrom) first++;
  if (first === c.parts) return null;
  if (c.parts === 1) return countIn(sortedTimes, c.from, c.to);
  const from = c.edges[first] as number;
  return countIn(sortedTimes, from, c.to) / (c.parts - first);
}

/** Index of the first element ≥ t in an ascending array. */
export function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the ascending times lie in [from, to). */
export function countIn(sorted: Float64Array, from: number, to: number): number {
  return lowerBound(sorted, to) - lowerBound(sorted, from);
}
