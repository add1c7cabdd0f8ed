/**
 * Wall-clock time in the hall's zone, as the watch modes use it: the general functions of
 * shared/domain/time/hall-time.ts, each with the zone as its last parameter, defaulting to
 * Asia/Shanghai (the station's default `station.timeZone`) for callers that have not been given
 * one. Computed through Intl, so the result never depends on the machine's TZ setting.
 */
import {
  dayMs,
  defaultTimeZone,
  formatDateTime,
  parseHhMm,
  zonedAt,
  zonedDate,
  zonedMidnight,
  zonedWeekday,
} from '../time/hall-time';

export { dayMs, parseHhMm };

/** 'YYYY-MM-DD' of the calendar day in `zone` containing `t` (ms since epoch). */
export function shanghaiDate(t: number, zone = defaultTimeZone): string {
  return zonedDate(t, zone);
}

/** ms since epoch of 00:00 in `zone` on the day containing `t`. */
export function shanghaiMidnight(t: number, zone = defaultTimeZone): number {
  return zonedMidnight(t, zone);
}

/** 0 = Sunday … 6 = Saturday, of the day in `zone` starting at `midnight`. */
export function shanghaiWeekday(midnight: number, zone = defaultTimeZone): number {
  return zonedWeekday(midnight, zone);
}

/** ms since epoch of `date` ('YYYY-MM-DD') at `minuteOfDay` in `zone`. */
export function shanghaiAt(date: string, minuteOfDay = 0, zone = defaultTimeZone): number {
  return zonedAt(date, minuteOfDay, zone);
}

/** 'YYYY-MM-DD HH:MM:SS' in `zone`, for records and CSV. */
export function formatShanghai(t: number, zone = defaultTimeZone): string {
  return formatDateTime(t, zone);
}
