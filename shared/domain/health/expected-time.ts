/**
 * The time a camera is expected to be up (issue #16 item 3): the covered spans of a period minus
 * the hall's daily maintenance windows, all in the hall's time zone (never the machine's). The
 * same for every camera (coverage is station-wide), so it is built once per period and read
 * through `expectedBefore` (the expected time before an instant) in O(log spans).
 */
import { isDate, isTimeZone, parseHhMm, zonedAt, zonedDate } from '../time/hall-time';

/** [start, end) in ms. */
export interface Span {
  start: number;
  end: number;
}

/** A daily maintenance window in hall time, e.g. { start: '02:00', end: '03:00' }. */
export interface MaintenanceWindow {
  start: string;
  end: string;
}

const dayMs = 86_400_000;

/** The calendar day `days` after `date` (YYYY-MM-DD; negative goes back): calendar arithmetic. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday of a calendar day (no zone: a date is a date). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function checkTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new Error(`not a time zone this runtime knows: "${timeZone}"`);
}

export function checkDate(date: string): void {
  if (!isDate(date)) throw new Error(`not a day (YYYY-MM-DD): "${date}"`);
}

/** The hall midnights strictly inside (from, to), in order: where one hall day ends. */
export function hallMidnights(from: number, to: number, timeZone: string): number[] {
  const out: number[] = [];
  let date = zonedDate(from, timeZone);
  for (;;) {
    date = addDays(date, 1);
    const midnight = zonedAt(date, 0, timeZone);
    if (midnight >= to) return out;
    if (midnight > from) out.push(midnight);
  }
}

/** Sorted, overlapping or touching spans merged; empty or backward ones dropped. */
export function unionSpans(spans: readonly Span[]): Span[] {
  const sorted = spans
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/**
 * The maintenance windows' spans over [from, to), in hall time: a window whose end is before its
 * start runs past midnight into the next day ('23:30'-'00:30'); a window whose start equals its
 * end is empty. On a daylight-saving day a window keeps its wall-clock times (a window in the
 * skipped hour is empty that day). Throws on a window that is not HH:MM.
 */
export function maintenanceSpans(
  windows: readonly MaintenanceWindow[],
  from: number,
  to: number,
  timeZone: string,
): Span[] {
  if (windows.length === 0 || to <= from) return [];
  const minutes = windows.map((w) => ({ start: parseHhMm(w.start), end: parseHhMm(w.end) }));
  const spans: Span[] = [];
  // From the day before `from` (its window may run past midnight) to the day `to` falls in.
  const last = zonedDate(to, timeZone);
  for (let date = addDays(zonedDate(from, timeZone), -1); date <= last; date = addDays(date, 1)) {
    for (const w of minutes) {
      if (w.start === w.end) continue;
      const start = zonedAt(date, w.start, timeZone);
      const end = zonedAt(w.end > w.start ? date : addDays(date, 1), w.end, timeZone);
      const s = Math.max(start, from);
      const e = Math.min(end, to);
      if (e > s) spans.push({ start: s, end: e });
    }
  }
  return unionSpans(spans);
}

/** `a` minus `b`, both sorted and disjoint. */
export function subtractSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const s of a) {
    let start = s.start;
    while (j < b.length && (b[j] as Span).end <= start) j++;
    let k = j;
    while (k < b.length && (b[k] as Span).start < s.end) {
      const cut = b[k] as Span;
      if (cut.start > start) out.push({ start, end: cut.start });
      start = Math.max(start, cut.end);
      k++;
    }
    if (start < s.end) out.push({ start, end: s.end });
  }
  return out;
}

/** The expected time of a period: sorted disjoint spans, with the time before each. */
export interface ExpectedTime {
  from: number;
  to: number;
  starts: Float64Array;
  ends: Float64Array;
  /** Expected time before spans[i]. */
  before: Float64Array;
  /** Covered expected time in [from, to), per camera. */
  coveredMs: number;
  /** [from, to) minus the maintenance windows, per camera (as if all of it were covered). */
  expectedMs: number;
}

/** Covered time of [from, to) minus maintenance windows: the time a camera is expected up. */
export function expectedTime(
  coverage: readonly Span[],
  windows: readonly MaintenanceWindow[],
  from: number,
  to: number,
  timeZone: string,
): ExpectedTime {
  const period: Span[] = to > from ? [{ start: from, end: to }] : [];
  const maintenance = maintenanceSpans(windows, from, to, timeZone);
  const covered = unionSpans(
    coverage.map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) })),
  );
  const spans = subtractSpans(covered, maintenance);
  const starts = new Float64Array(spans.length);
  const ends = new Float64Array(spans.length);
  const before = new Float64Array(spans.length);
  let total = 0;
  spans.forEach((s, i) => {
    starts[i] = s.start;
    ends[i] = s.end;
    before[i] = total;
    total += s.end - s.start;
  });
  const expectedMs = subtractSpans(period, maintenance).reduce((n, s) => n + s.end - s.start, 0);
  return { from, to, starts, ends, before, coveredMs: total, expectedMs };
}

/** Expected (covered, outside maintenance) time in (-∞, t). */
export function expectedBefore(e: ExpectedTime, t: number): number {
  // The last span starting at or before t.
  let lo = 0;
  let hi = e.starts.length - 1;
  if (hi < 0 || t <= (e.starts[0] as number)) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((e.starts[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return (e.before[lo] as number) + Math.min(t, e.ends[lo] as number) - (e.starts[lo] as number);
}
