/**
 * When a scheduled patrol tour (定时查巡) runs: time windows in the hall's wall-clock time (its
 * `station.timeZone`, Asia/Shanghai unless the config says otherwise; `zone` below).
 *
 * A window is a start and an end time of day; an end at or before the start runs past midnight
 * (02:00-05:00 is one night; 22:00-02:00 opens at 22:00 and closes at 02:00 the next day). The
 * days filter and the date range apply to the day the window OPENS on.
 */
import { dayMs, defaultTimeZone, parseHhMm, zonedAt, zonedDate } from '../time/hall-time';

export type TourDays = 'daily' | 'weekdays' | 'weekends' | number[];

export interface TourWindow {
  /** 'HH:MM', the hall's time. */
  start: string;
  /** 'HH:MM'; at or before `start` means the next day. */
  end: string;
  /** 'daily', 'weekdays' (Mon-Fri), 'weekends', or weekday numbers (0 = Sunday … 6). */
  days: TourDays;
  /** First and last day ('YYYY-MM-DD', the hall's calendar) the window may open on; inclusive. */
  from?: string;
  until?: string;
}

export interface WindowOpening {
  opensAt: number;
  closesAt: number;
}

/** The calendar day `n` days after `date` ('YYYY-MM-DD'). */
function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
}

function dayAllowed(w: TourWindow, date: string): boolean {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  const ok =
    w.days === 'daily'
      ? true
      : w.days === 'weekdays'
        ? wd >= 1 && wd <= 5
        : w.days === 'weekends'
          ? wd === 0 || wd === 6
          : w.days.includes(wd);
  if (!ok) return false;
  if (w.from !== undefined && date < w.from) return false;
  if (w.until !== undefined && date > w.until) return false;
  return true;
}

/** The window's opening on the hall's day `date`, if it opens that day. */
function openingOn(w: TourWindow, date: string, zone: string): WindowOpening | null {
  if (!dayAllowed(w, date)) return null;
  const start = parseHhMm(w.start);
  let end = parseHhMm(w.end);
  if (end <= start) end += 24 * 60;
  return { opensAt: zonedAt(date, start, zone), closesAt: zonedAt(date, end, zone) };
}

/** The opening of any of `windows` that contains `t` (opensAt <= t < closesAt), if any. */
export function openWindowAt(
  windows: readonly TourWindow[],
  t: number,
  zone: string = defaultTimeZone,
): WindowOpening | null {
  const today = zonedDate(t, zone);
  let best: WindowOpening | null = null;
  for (const w of windows) {
    // A window that opened yesterday may still be open (across midnight).
    for (const date of [addDays(today, -1), today]) {
      const o = openingOn(w, date, zone);
      if (o && o.opensAt <= t && t < o.closesAt && (!best || o.opensAt < best.opensAt)) best = o;
    }
  }
  return best;
}

/** The first opening strictly after `t`, within `horizonDays` (null: none, e.g. a range ended). */
export function nextOpening(
  windows: readonly TourWindow[],
  t: number,
  horizonDays = 400,
  zone: string = defaultTimeZone,
): WindowOpening | null {
  const today = zonedDate(t, zone);
  let best: WindowOpening | null = null;
  for (let d = 0; d <= horizonDays && !best; d++) {
    const date = addDays(today, d);
    for (const w of windows) {
      const o = openingOn(w, date, zone);
      if (o && o.opensAt > t && (!best || o.opensAt < best.opensAt)) best = o;
    }
  }
  return best;
}

/** Every opening of `windows` that opens in [from, to), in order. */
export function openingsBetween(
  windows: readonly TourWindow[],
  from: number,
  to: number,
  zone: string = defaultTimeZone,
): WindowOpening[] {
  const out: WindowOpening[] = [];
  for (let date = zonedDate(from, zone); zonedAt(date, 0, zone) < to; date = addDays(date, 1)) {
    for (const w of windows) {
      const o = openingOn(w, date, zone);
      if (o && o.opensAt >= from && o.opensAt < to) out.push(o);
    }
  }
  return out.sort((a, b) => a.opensAt - b.opensAt);
}
