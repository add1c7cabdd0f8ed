/**
 * The hall's one clock: every time the station shows, records or exports is wall-clock time in
 * the hall's time zone (the config's `station.timeZone`, an IANA name, default Asia/Shanghai),
 * whatever zone the machine is set to. Formats are fixed, not the locale's: dates
 * 'YYYY-MM-DD', times on a 24-hour clock 'HH:MM:SS'.
 *
 * Plain functions on ms since epoch and a zone name (Intl only: no Node, no DOM), used by the
 * renderer, the core's records and CSV exports alike. Unit-tested in tests/unit/shared/hall-time.test.ts.
 */

/** The zone a station works in unless its config says otherwise. */
export const defaultTimeZone = 'Asia/Shanghai';
export const dayMs = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA time zone this runtime knows (e.g. "Asia/Shanghai", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export interface ZonedParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The calendar and the clock in `zone` at `t` (ms since epoch). */
export function zonedParts(t: number, zone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(t)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some ICU versions say 24 for midnight even on a 23-hour cycle.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays.indexOf(parts.weekday ?? ''),
  };
}

/** How far `zone`'s wall clock is ahead of UTC at `t` (ms; +8 h for Asia/Shanghai). */
export function zoneOffsetMs(t: number, zone: string): number {
  const p = zonedParts(t, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (t - (((t % 1000) + 1000) % 1000));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of the day in `zone` containing `t`. */
export function zonedDate(t: number, zone: string): string {
  const p = zonedParts(t, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** ms since epoch of `date` ('YYYY-MM-DD') at `minuteOfDay` (after midnight) in `zone`. */
export function zonedAt(date: string, minuteOfDay: number, zone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
  // The offset at the wall time read as UTC, then again at the instant it gives: right across
  // a daylight-saving change except inside the skipped hour.
  const first = wall - zoneOffsetMs(wall, zone);
  return wall - zoneOffsetMs(first, zone);
}

/** ms since epoch of midnight in `zone` on the day containing `t`. */
export function zonedMidnight(t: number, zone: string): number {
  return zonedAt(zonedDate(t, zone), 0, zone);
}

/** 0 = Sunday … 6 = Saturday, of the day in `zone` containing `t`. */
export function zonedWeekday(t: number, zone: string): number {
  return zonedParts(t, zone).weekday;
}

/** 'YYYY-MM-DD HH:MM:SS' in `zone`: records, CSV, anywhere a full time is written. */
export function formatDateTime(t: number, zone: string): string {
  const p = zonedParts(t, zone);
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ` +
    `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
  );
}

/** 'HH:MM:SS' in `zone` (a clock, a badge). */
export function formatTime(t: number, zone: string): string {
  return formatDateTime(t, zone).slice(11);
}

/** 'HH:MM' in `zone`. */
export function formatHhMm(t: number, zone: string): string {
  return formatDateTime(t, zone).slice(11, 16);
}

/** 'HH:MM:SS', with 'MM-DD ' in front when `t` is not on the same day as `now` (in `zone`). */
export function formatTimeNear(t: number, now: number, zone: string): string {
  const full = formatDateTime(t, zone);
  return full.slice(0, 10) === zonedDate(now, zone) ? full.slice(11) : full.slice(5);
}

/** 'MM-DD HH:MM', the year in front when it is not `now`'s year (in `zone`). */
export function formatShort(t: number, now: number, zone: string): string {
  const full = formatDateTime(t, zone);
  return full.slice(0, 4) === zonedDate(now, zone).slice(0, 4)
    ? full.slice(5, 16)
    : full.slice(0, 16);
}

/** 'YYYYMMDD-HHMMSS' in `zone`, for file names. */
export function fileStamp(t: number, zone: string): string {
  const full = formatDateTime(t, zone);
  return `${full.slice(0, 10).replace(/-/g, '')}-${full.slice(11).replace(/:/g, '')}`;
}

/** 'HH:MM' → minutes after midnight. */
export function parseHhMm(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day (HH:MM): ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 'YYYY-MM-DD' that is a real calendar day. */
export function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/**
 * A date and time as a user types it in the hall's format — 'YYYY-MM-DD HH:MM' or
 * 'YYYY-MM-DD HH:MM:SS' (a 'T' in place of the space is taken too), on a 24-hour clock — read
 * in `zone`: ms since epoch, or null when it is not one.
 */
export function parseDateTime(text: string, zone: string): number | null {
  const m = /^\s*(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?\s*$/.exec(text);
  if (!m || !isDate(m[1] ?? '')) return null;
  const minute = Number(m[2]) * 60 + Number(m[3]);
  return zonedAt(m[1] ?? '', minute, zone) + Number(m[4] ?? 0) * 1000;
}

/**
 * What a user typed into a date field, in the hall's format when it reads as a day:
 * '20260301', '2026/3/1', '2026.03.01' or '2026-3-1' → '2026-03-01'; anything else unchanged
 * (the field then says it is not a date).
 */
export function normaliseDate(text: string): string {
  const t = text.trim();
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(t);
  if (!m) return text;
  const date = `${m[1]}-${(m[2] ?? m[4] ?? '').padStart(2, '0')}-${(m[3] ?? m[5] ?? '').padStart(2, '0')}`;
  return isDate(date) ? date : text;
}
