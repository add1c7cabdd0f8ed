/**
 * Track review by date and shift in the hall's time zone, and a replay slider that spans the data
 * (issue #15: only windows ending now were offered, and the slider spanned empty hours).
 */
import { describe, expect, it } from 'vitest';
import type { TracksResult } from '../../../shared/contract/map';
import {
  dataSpan,
  shiftOf,
  shiftWindow,
  windowOf,
  yesterdayIn,
} from '../../../renderer/map/replay';

const shanghai = 'Asia/Shanghai';
const hour = 3_600_000;

describe('a date and a shift', () => {
  it('yesterday 08:00-20:00 is that day in the hall zone, whatever the machine zone', () => {
    const window = shiftWindow({ date: '2026-03-01', from: '08:00', to: '20:00' }, shanghai);
    expect(window).toEqual({
      fromMs: Date.UTC(2026, 2, 1, 0, 0),
      toMs: Date.UTC(2026, 2, 1, 12, 0),
    });
  });

  it('a night shift 20:00-08:00 ends the next morning; 00:00-00:00 is the whole day', () => {
    expect(shiftWindow({ date: '2026-03-01', from: '20:00', to: '08:00' }, shanghai)).toEqual({
      fromMs: Date.UTC(2026, 2, 1, 12, 0),
      toMs: Date.UTC(2026, 2, 2, 0, 0),
    });
    const whole = shiftWindow({ date: '2026-03-01', from: '00:00', to: '00:00' }, 'UTC');
    expect(whole).toEqual({ fromMs: Date.UTC(2026, 2, 1), toMs: Date.UTC(2026, 2, 2) });
  });

  it('says what is wrong with a bad date or time', () => {
    expect(shiftWindow({ date: '2026-02-30', from: '08:00', to: '20:00' }, shanghai)).toEqual({
      error: 'date',
    });
    expect(shiftWindow({ date: '2026-03-01', from: '8', to: '20:00' }, shanghai)).toEqual({
      error: 'time',
    });
  });

  it('"ending now" is still there; yesterday is the hall zone\'s yesterday', () => {
    const now = Date.UTC(2026, 2, 1, 17, 0); // 01:00 on 2 March in Shanghai, 1 March in UTC
    expect(windowOf({ mode: 'recent', range: 'h8' }, now, shanghai)).toEqual({
      fromMs: now - 8 * hour,
      toMs: now,
    });
    expect(yesterdayIn(now, shanghai)).toBe('2026-03-01');
    expect(yesterdayIn(now, 'UTC')).toBe('2026-02-28');
    expect(
      windowOf({ mode: 'shift', date: '2026-03-01', from: '08:00', to: '20:00' }, now, shanghai),
    ).toEqual({ fromMs: Date.UTC(2026, 2, 1, 0), toMs: Date.UTC(2026, 2, 1, 12) });
    expect(shiftOf(Date.UTC(2026, 2, 1, 0), Date.UTC(2026, 2, 1, 12), shanghai)).toEqual({
      date: '2026-03-01',
      from: '08:00',
      to: '20:00',
    });
  });
});

describe('the replay spans the data', () => {
  const track = (unitId: string, times: number[]) => ({
    unitId,
    callSign: unitId,
    kind: null,
    points: times.map((at) => ({ at, lat: 35, lng: 116, speed: 1, heading: 0 })),
    totalPoints: times.length,
    downsampled: false,
    stops: [],
    distanceM: 0,
    maxSpeed: 0,
    avgSpeed: 0,
  });
  it('from the first fix of any track to the last of any, not the asked window', () => {
    const result: TracksResult = {
      fromMs: 0,
      toMs: 12 * hour,
      tracks: [track('a', [3 * hour, 4 * hour]), track('b', [3.5 * hour, 5 * hour])],
    };
    expect(dataSpan(result)).toEqual({ fromMs: 3 * hour, toMs: 5 * hour, empty: false });
  });
  it('the asked window, said empty, when there is no fix', () => {
    const result: TracksResult = { fromMs: 0, toMs: hour, tracks: [track('a', [])] };
    expect(dataSpan(result)).toEqual({ fromMs: 0, toMs: hour, empty: true });
  });
});
