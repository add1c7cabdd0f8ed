/**
 * When a scheduled patrol tour (定时查巡) runs: time windows in Asia/Shanghai wall-clock time.
 *
 * A window is a start and an end time of day; an end at or before the start runs past midnight
 * (02:00-05:00 is one night; 22:00-02:00 opens at 22:00 and closes at 02:00 the next day). The
 * days filter and the date range apply to the day the window OPENS on.
 */
import { dayMs, parseHhMm, shanghaiDate, shanghaiMidnight, shanghaiWeekday } from './shanghai-time';

export type TourDays = 'daily' | 'weekdays' | 'weekends' | number[];

export interface TourWindow {
  /** 'HH:MM', Shanghai time. */
  start: string;
  /** 'HH:MM'; at or before `start` means the next day. */
  end: string;
  /** 'daily', 'weekdays' (Mon-Fri), 'weekends', or weekday numbers (0 = Sunday … 6). */
  days: TourDays;
  /** First and last day ('YYYY-MM-DD', Shanghai) the window may open on; inclusive. */
  from?: string;
  until?: string;
}

export interface WindowOpening {
  opensAt: number;
  closesAt: number;
}

function dayAllowed(w: TourWindow, midnight: number): boolean {
  const wd = shanghaiWeekday(midnight);
  const ok =
    w.days === 'daily'
      ? true
      : w.days === 'weekdays'
        ? wd >= 1 && wd <= 5
        : w.days === 'weekends'
          ? wd === 0 || wd === 6
          : w.days.includes(wd);
  if (!ok) return false;
  const date = shanghaiDate(midnight);
  if (w.from !== undefined && date < w.from) return false;
  if (w.until !== undefined && date > w.until) return false;
  return true;
}

/** The window's opening on the Shanghai day starting at `midnight`, if it opens that day. */
function openingOn(w: TourWindow, midnight: number): WindowOpening | null {
  if (!dayAllowed(w, midnight)) return null;
  const start = parseHhMm(w.start);
  let end = parseHhMm(w.end);
  if (end <= start) end += 24 * 60;
  return { opensAt: midnight + start * 60_000, closesAt: midnight + end * 60_000 };
}

/** The opening of any of `windows` that contains `t` (opensAt <= t < closesAt), if any. */
export function openWindowAt(windows: readonly TourWindow[], t: number): WindowOpening | null {
  const today = shanghaiMidnight(t);
  let best: WindowOpening | null = null;
  for (const w of windows) {
    // A window that opened yesterday may still be open (across midnight).
    for (const midnight of [today - dayMs, today]) {
      const o = openingOn(w, midnight);
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
): WindowOpening | null {
  const today = shanghaiMidnight(t);
  let best: WindowOpening | null = null;
  for (let d = 0; d <= horizonDays && !best; d++) {
    for (const w of windows) {
      const o = openingOn(w, today + d * dayMs);
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
): WindowOpening[] {
  const out: WindowOpening[] = [];
  for (let m = shanghaiMidnight(from); m < to; m += dayMs) {
    for (const w of windows) {
      const o = openingOn(w, m);
      if (o && o.opensAt >= from && o.opensAt < to) out.push(o);
    }
  }
  return out.sort((a, b) => a.opensAt - b.opensAt);
}
