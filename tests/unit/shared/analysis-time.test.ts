/**
 * The analysis products' periods, comparisons and aoristic heat table (issue #17 item 2), in hall
 * time: Europe/Berlin across both daylight-saving changes of 2026 and Asia/Shanghai, with the
 * machine's own zone set to UTC (it must not matter). Expected instants worked out by hand in the
 * comments (Berlin: CET = UTC+1, CEST = UTC+2 from 2026-03-29 02:00 to 2026-10-25 03:00).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { heatTable } from '../../../shared/domain/analysis/aoristic';
import { productPeriod } from '../../../shared/domain/analysis/product';
import { comparisonSpans, comparisonTotal } from '../../../shared/domain/analysis/periods';
import { parseDateTime } from '../../../shared/domain/time/hall-time';

const h = 3_600_000;
const utc = (iso: string): number => Date.parse(iso);
const at = (text: string, tz: string): number => {
  const t = parseDateTime(text, tz);
  if (t === null) throw new Error(`bad time in the test: ${text}`);
  return t;
};

beforeAll(() => {
  process.env.TZ = 'UTC';
});

describe('product periods', () => {
  it('a Berlin day across the autumn change is 25 hours, midnight to midnight', () => {
    // 2026-10-25 00:00 CEST = 10-24 22:00Z; 10-26 00:00 CET = 10-25 23:00Z.
    expect(productPeriod('daily', '2026-10-25', 'Europe/Berlin')).toEqual({
      from: utc('2026-10-24T22:00:00Z'),
      to: utc('2026-10-25T23:00:00Z'),
      label: '2026-10-25',
    });
    // Spring: 2026-03-29 00:00 CET = 03-28 23:00Z; 03-30 00:00 CEST = 03-29 22:00Z (23 h).
    const spring = productPeriod('daily', '2026-03-29', 'Europe/Berlin');
    expect(spring.to - spring.from).toBe(23 * h);
  });

  it('a week runs Monday to Monday from any day of it, and compares with the weeks before', () => {
    // Wednesday 2026-10-28 is in the week of Monday 10-26 (CET: 10-25 23:00Z).
    const week = productPeriod('weekly', '2026-10-28', 'Europe/Berlin');
    expect(week).toEqual({
      from: utc('2026-10-25T23:00:00Z'),
      to: utc('2026-11-01T23:00:00Z'),
      label: '2026-10-26',
    });
    const [prev, mean4] = comparisonSpans('weekly', '2026-10-26', 'Europe/Berlin');
    // The week before holds the 25-hour Sunday: 10-19 00:00 CEST = 10-18 22:00Z, 169 hours.
    expect(prev).toMatchObject({ key: 'prev', from: utc('2026-10-18T22:00:00Z'), to: week.from });
    expect((prev?.to ?? 0) - (prev?.from ?? 0)).toBe(169 * h);
    // Four weeks: from Monday 09-28 00:00 CEST = 09-27 22:00Z, in 4 parts.
    expect(mean4).toMatchObject({ key: 'mean4', from: utc('2026-09-27T22:00:00Z'), parts: 4 });
    expect(mean4?.edges[1]).toBe(utc('2026-10-04T22:00:00Z'));
  });

  it('a month runs from the 1st to the 1st, compared with the month before and a year before', () => {
    // March 2026 in Berlin: 03-01 00:00 CET = 02-28 23:00Z to 04-01 00:00 CEST = 03-31 22:00Z.
    expect(productPeriod('monthly', '2026-03-01', 'Europe/Berlin')).toEqual({
      from: utc('2026-02-28T23:00:00Z'),
      to: utc('2026-03-31T22:00:00Z'),
      label: '2026-03',
    });
    // January 2026 in Shanghai (UTC+8): the month before is December 2025, a year before
    // January 2025.
    const [prev, lastYear] = comparisonSpans('monthly', '2026-01-15', 'Asia/Shanghai');
    expect(prev).toMatchObject({
      key: 'prev',
      from: utc('2025-11-30T16:00:00Z'),
      to: utc('2025-12-31T16:00:00Z'),
    });
    expect(lastYear).toMatchObject({
      key: 'lastYear',
      from: utc('2024-12-31T16:00:00Z'),
      to: utc('2025-01-31T16:00:00Z'),
    });
  });

  it('a Shanghai day compares with the same weekday last week and the 28 days before', () => {
    expect(productPeriod('daily', '2026-12-02', 'Asia/Shanghai').from).toBe(
      utc('2026-12-01T16:00:00Z'),
    );
    const [prev, mean28] = comparisonSpans('daily', '2026-12-02', 'Asia/Shanghai');
    expect(prev).toMatchObject({
      key: 'prev',
      from: utc('2026-11-24T16:00:00Z'),
      to: utc('2026-11-25T16:00:00Z'),
    });
    expect(mean28).toMatchObject({
      key: 'mean28',
      from: utc('2026-11-03T16:00:00Z'),
      to: utc('2026-12-01T16:00:00Z'),
      parts: 28,
    });
  });

  it('a comparison without covered history has no total; a mean takes the covered days only', () => {
    const [prev, mean28] = comparisonSpans('daily', '2026-12-02', 'Asia/Shanghai');
    if (!prev || !mean28) throw new Error('two comparisons');
    // One incident a day at noon from 11-04 to 12-01: 28 incidents.
    const times = Float64Array.from({ length: 28 }, (_, i) => mean28.from + i * 24 * h + 12 * h);
    expect(comparisonTotal(mean28, times, mean28.from)).toBe(1);
    expect(comparisonTotal(prev, times, null)).toBeNull();
    // Covered from 11-30 08:00 (hall): whole days 12-01 only → 1 incident over 1 day.
    const late = at('2026-11-30 08:00', 'Asia/Shanghai');
    expect(comparisonTotal(mean28, times, late)).toBe(1);
    // The same weekday last week (11-25) is before that: no data, not zero.
    expect(comparisonTotal(prev, times, late)).toBeNull();
    expect(comparisonTotal(prev, times, prev.from)).toBe(1);
  });

  it('refuses a date that is not a day and a zone that is not one', () => {
    expect(() => productPeriod('daily', '2026-02-30', 'Asia/Shanghai')).toThrow(/YYYY-MM-DD/);
    expect(() => productPeriod('daily', '2026-02-03', 'Mars/Olympus')).toThrow(/time zone/);
  });
});

describe('aoristic heat table', () => {
  const cell = (table: number[][], row: number, hour: number): number => table[row]?.[hour] ?? NaN;
  const sum = (table: number[][]): number => table.flat().reduce((a, b) => a + b, 0);
  /** The table of one incident known by a window (UTC instants), reported when it ends. */
  const windowHeat = (start: string, end: string, tz: string): number[][] =>
    heatTable([{ reportedAt: utc(end), windowStart: utc(start), windowEnd: utc(end) }], tz);

  it('a 02:30–04:30 window spreads 0.25 / 0.5 / 0.25 over its three hours', () => {
    const tz = 'Asia/Shanghai';
    // Wednesday 2026-12-02: row 2 (Monday first).
    const t = heatTable(
      [
        {
          reportedAt: at('2026-12-02 07:00', tz),
          windowStart: at('2026-12-02 02:30', tz),
          windowEnd: at('2026-12-02 04:30', tz),
        },
      ],
      tz,
    );
    expect(cell(t, 2, 2)).toBeCloseTo(0.25, 12);
    expect(cell(t, 2, 3)).toBeCloseTo(0.5, 12);
    expect(cell(t, 2, 4)).toBeCloseTo(0.25, 12);
    expect(sum(t)).toBeCloseTo(1, 12);
  });

  it('a window over midnight spreads into the next weekday; a known time puts 1 in its cell', () => {
    const tz = 'Asia/Shanghai';
    // Sunday 12-06 22:30 → Monday 12-07 00:30: Sunday (row 6) 22 h 0.25, 23 h 0.5; Monday 0 h 0.25.
    const t = heatTable(
      [
        {
          reportedAt: at('2026-12-07 06:00', tz),
          windowStart: at('2026-12-06 22:30', tz),
          windowEnd: at('2026-12-07 00:30', tz),
        },
        { reportedAt: at('2026-12-08 19:45', tz) },
      ],
      tz,
    );
    expect(cell(t, 6, 22)).toBeCloseTo(0.25, 12);
    expect(cell(t, 6, 23)).toBeCloseTo(0.5, 12);
    expect(cell(t, 0, 0)).toBeCloseTo(0.25, 12);
    // Tuesday 19:45 → row 1, hour 19.
    expect(cell(t, 1, 19)).toBe(1);
    expect(sum(t)).toBeCloseTo(2, 12);
  });

  it('spreads by real time across daylight saving (Berlin): the repeated hour twice, the skipped one never', () => {
    const tz = 'Europe/Berlin';
    // Sunday 2026-10-25 01:00 CEST (23:00Z) to 04:00 CET (03:00Z) is 4 real hours; the wall
    // clock shows 02:00–03:00 twice: hour 1 → 1/4, hour 2 → 2/4, hour 3 → 1/4.
    const autumn = windowHeat('2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z', tz);
    expect([cell(autumn, 6, 1), cell(autumn, 6, 2), cell(autumn, 6, 3)]).toEqual([0.25, 0.5, 0.25]);
    // Sunday 2026-03-29 01:00 CET (00:00Z) to 04:00 CEST (02:00Z) is 2 real hours; 02:00–03:00
    // never happens: hour 1 → 1/2, hour 3 → 1/2.
    const spring = windowHeat('2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z', tz);
    expect([cell(spring, 6, 1), cell(spring, 6, 2), cell(spring, 6, 3)]).toEqual([0.5, 0, 0.5]);
  });
});
