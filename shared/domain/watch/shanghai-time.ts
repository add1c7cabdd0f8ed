/**
 * Wall-clock time in Asia/Shanghai (UTC+8 all year: China has had no daylight saving since 1991),
 * computed by arithmetic so the result never depends on the machine's TZ setting.
 */
export const shanghaiOffsetMs = 8 * 3600_000;
export const dayMs = 86_400_000;

/** 'YYYY-MM-DD' of the Shanghai calendar day containing `t` (ms since epoch). */
export function shanghaiDate(t: number): string {
  return new Date(t + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** ms since epoch of 00:00 Shanghai time on the day containing `t`. */
export function shanghaiMidnight(t: number): number {
  return Math.floor((t + shanghaiOffsetMs) / dayMs) * dayMs - shanghaiOffsetMs;
}

/** 0 = Sunday … 6 = Saturday, of the Shanghai day starting at `midnight`. */
export function shanghaiWeekday(midnight: number): number {
  return new Date(midnight + shanghaiOffsetMs).getUTCDay();
}

/** ms since epoch of `date` ('YYYY-MM-DD') at `minuteOfDay` Shanghai time. */
export function shanghaiAt(date: string, minuteOfDay = 0): number {
  return Date.parse(`${date}T00:00:00Z`) - shanghaiOffsetMs + minuteOfDay * 60_000;
}

/** 'HH:MM' → minutes after midnight. */
export function parseHhMm(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day (HH:MM): ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 'YYYY-MM-DD HH:MM:SS' in Shanghai time, for records and CSV. */
export function formatShanghai(t: number): string {
  return new Date(t + shanghaiOffsetMs).toISOString().slice(0, 19).replace('T', ' ');
}
