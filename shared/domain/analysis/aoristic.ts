/**
 * The hour × weekday heat table with aoristic spreading (issue #17 item 2). An incident known to
 * the minute puts 1 in the cell of its hall hour and weekday; one known only by a window (a theft
 * found in the morning happened some time overnight) spreads its 1 over the cells the window
 * covers, in proportion to the time it spends in each (Ratcliffe's aoristic weighting). Rows are
 * the weekdays Monday first, columns the hours 0–23 of the hall's wall clock.
 *
 * The wall clock is found with the hall zone's UTC offset (every zone's offset is a whole number
 * of quarter hours and changes on a quarter hour; looked up per day, per quarter hour on a day
 * when it changes — it never changes twice a day), so a window is
 * cut at every UTC quarter hour: each piece then lies in one hall hour with one offset, right
 * across a daylight-saving change (the repeated autumn hour gets both its halves, the skipped
 * spring hour nothing).
 */
import { dayMs, zoneOffsetMs } from '../time/hall-time';

const quarterMs = 900_000;
const hourMs = 3_600_000;
/** Longer windows are cut to their last 31 days (a window that long tells nothing of the hour). */
const maxWindowMs = 31 * dayMs;

/**
 * The hall zone's offset at an instant: looked up at the ends of each UTC day, and only when they
 * differ (a daylight-saving day) per quarter hour of it.
 */
export function offsetCache(timeZone: string): (t: number) => number {
  const byDay = new Map<number, number | null>();
  const byQuarter = new Map<number, number>();
  return (t) => {
    const d = Math.floor(t / dayMs);
    let off = byDay.get(d);
    if (off === undefined) {
      const a = zoneOffsetMs(d * dayMs, timeZone);
      off = a === zoneOffsetMs((d + 1) * dayMs, timeZone) ? a : null;
      byDay.set(d, off);
    }
    if (off !== null) return off;
    const q = Math.floor(t / quarterMs);
    let exact = byQuarter.get(q);
    if (exact === undefined) {
      exact = zoneOffsetMs(q * quarterMs, timeZone);
      byQuarter.set(q, exact);
    }
    return exact;
  };
}

/** The heat table's cell of a wall-clock instant (ms since epoch read as UTC): row × 24 + hour. */
function cellOfWall(wall: number): number {
  const days = Math.floor(wall / dayMs);
  // 1970-01-01 was a Thursday: row 3 with Monday = 0.
  const row = (((days + 3) % 7) + 7) % 7;
  const hour = Math.floor((wall - days * dayMs) / hourMs);
  return row * 24 + hour;
}

export interface Timed {
  reportedAt: number;
  windowStart?: number;
  windowEnd?: number;
}

/**
 * Adds one incident's weight (default 1) to `heat` (a flat 7 × 24, row-major, Monday first): its
 * cell at `reportedAt`, or its window's spread. A window of no length counts at its start.
 */
export function addAoristic(
  heat: Float64Array,
  incident: Timed,
  offsetAt: (t: number) => number,
  weight = 1,
): void {
  const { windowStart, windowEnd } = incident;
  if (windowStart === undefined || windowEnd === undefined || windowEnd <= windowStart) {
    const t = windowStart ?? incident.reportedAt;
    const c = cellOfWall(t + offsetAt(t));
    heat[c] = (heat[c] as number) + weight;
    return;
  }
  const end = windowEnd;
  const start = Math.max(windowStart, end - maxWindowMs);
  const span = end - start;
  let t = start;
  while (t < end) {
    const next = Math.min(end, (Math.floor(t / quarterMs) + 1) * quarterMs);
    const c = cellOfWall(t + offsetAt(t));
    heat[c] = (heat[c] as number) + ((next - t) * weight) / span;
    t = next;
  }
}

/** The flat table as 7 rows of 24. */
export function heatRows(heat: Float64Array): number[][] {
  return Array.from({ length: 7 }, (_, r) => Array.from(heat.subarray(r * 24, r * 24 + 24)));
}

/** The table of some incidents (hall time), 7 rows Monday first × 24 hours. */
export function heatTable(incidents: Iterable<Timed>, timeZone: string): number[][] {
  const heat = new Float64Array(7 * 24);
  const offsetAt = offsetCache(timeZone);
  for (const i of incidents) addAoristic(heat, i, offsetAt);
  return heatRows(heat);
}
