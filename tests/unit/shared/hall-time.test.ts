import { describe, expect, it } from 'vitest';
import {
  defaultTimeZone,
  fileStamp,
  formatDateTime,
  formatShort,
  formatTime,
  formatTimeNear,
  isDate,
  isTimeZone,
  normaliseDate,
  parseDateTime,
  zonedAt,
  zonedDate,
  zonedMidnight,
  zonedWeekday,
  zoneOffsetMs,
} from '../../../shared/domain/time/hall-time';
import { formatShanghai, shanghaiAt } from '../../../shared/domain/watch';

// 2026-12-03 04:50:07 UTC = 12:50:07 in Beijing.
const T = Date.UTC(2026, 11, 3, 4, 50, 7);

describe('the hall clock', () => {
  it('is Asia/Shanghai by default and knows IANA zones only', () => {
    expect(defaultTimeZone).toBe('Asia/Shanghai');
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Asia/Urumqi')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('formats in the zone given, never the machine zone, on a 24-hour clock', () => {
    expect(formatDateTime(T, 'Asia/Shanghai')).toBe('2026-12-03 12:50:07');
    expect(formatDateTime(T, 'UTC')).toBe('2026-12-03 04:50:07');
    expect(formatTime(T, 'Asia/Shanghai')).toBe('12:50:07');
    // Midnight is 00, not 24; the afternoon is 13-23, never "PM".
    expect(formatTime(Date.UTC(2026, 11, 3, 16, 0, 0), 'Asia/Shanghai')).toBe('00:00:00');
    expect(formatTime(Date.UTC(2026, 11, 3, 10, 5, 9), 'Asia/Shanghai')).toBe('18:05:09');
    expect(zoneOffsetMs(T, 'Asia/Shanghai')).toBe(8 * 3_600_000);
    expect(zoneOffsetMs(T + 456, 'Asia/Shanghai')).toBe(8 * 3_600_000);
  });

  it('reads days and dates in the zone, across daylight saving too', () => {
    // 20:00 UTC is already the next day in Beijing.
    const late = Date.UTC(2026, 11, 3, 20, 0, 0);
    expect(zonedDate(late, 'Asia/Shanghai')).toBe('2026-12-04');
    expect(zonedDate(late, 'UTC')).toBe('2026-12-03');
    expect(zonedMidnight(late, 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 3, 16, 0, 0));
    expect(zonedWeekday(late, 'Asia/Shanghai')).toBe(5); // Friday
    expect(zonedAt('2026-12-04', 8 * 60, 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 4, 0, 0, 0));
    // Berlin in summer is UTC+2, in winter UTC+1.
    expect(zonedAt('2026-07-01', 12 * 60, 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 1, 10));
    expect(zonedAt('2026-01-01', 12 * 60, 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 1, 11));
    // The day after the change: 08:00 local is UTC+2 again.
    expect(zonedAt('2026-03-30', 8 * 60, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 30, 6));
  });

  it('shortens by the day and the year of now', () => {
    expect(formatTimeNear(T, T, 'Asia/Shanghai')).toBe('12:50:07');
    expect(formatTimeNear(T - 86_400_000, T, 'Asia/Shanghai')).toBe('12-02 12:50:07');
    expect(formatShort(T, T, 'Asia/Shanghai')).toBe('12-03 12:50');
    expect(formatShort(T, Date.UTC(2027, 5, 1), 'Asia/Shanghai')).toBe('2026-12-03 12:50');
    expect(fileStamp(T, 'Asia/Shanghai')).toBe('20261203-125007');
  });

  it('parses what a user types, yyyy-mm-dd and 24-hour, in the zone', () => {
    expect(parseDateTime('2026-12-03 12:50', 'Asia/Shanghai')).toBe(T - 7_000);
    expect(parseDateTime('2026-12-03T12:50:07', 'Asia/Shanghai')).toBe(T);
    expect(parseDateTime('2026-12-03 12:50', 'UTC')).toBe(T - 7_000 + 8 * 3_600_000);
    for (const bad of [
      '12/03/2026 12:50',
      '2026-02-30 10:00',
      '2026-12-03 24:00',
      '2026-12-03',
      '',
    ])
      expect(parseDateTime(bad, 'Asia/Shanghai'), bad).toBeNull();
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('03/12/2026')).toBe(false);
  });

  it('writes what a date field was given as yyyy-mm-dd when it reads as a day', () => {
    expect(normaliseDate('20260301')).toBe('2026-03-01');
    expect(normaliseDate('2026/3/1')).toBe('2026-03-01');
    expect(normaliseDate('2026.03.01')).toBe('2026-03-01');
    expect(normaliseDate('2026年3月1日')).toBe('2026-03-01');
    expect(normaliseDate(' 2026-3-1 ')).toBe('2026-03-01');
    // Not a day: left as typed, for the field to say so.
    expect(normaliseDate('03/01/2026')).toBe('03/01/2026');
    expect(normaliseDate('2026-02-30')).toBe('2026-02-30');
    expect(normaliseDate('')).toBe('');
  });

  it('keeps the watch helpers Beijing by default and takes a zone', () => {
    expect(formatShanghai(T)).toBe('2026-12-03 12:50:07');
    expect(formatShanghai(T, 'Asia/Urumqi')).toBe('2026-12-03 10:50:07');
    expect(shanghaiAt('2026-12-03', 12 * 60)).toBe(Date.UTC(2026, 11, 3, 4));
    expect(shanghaiAt('2026-12-03', 12 * 60, 'UTC')).toBe(Date.UTC(2026, 11, 3, 12));
  });
});
