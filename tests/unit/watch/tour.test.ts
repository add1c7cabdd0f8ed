import { describe, expect, it } from 'vitest';
import {
  advanceTourRun,
  markTourStop,
  missedStops,
  nextOpening,
  openWindowAt,
  openingsBetween,
  shanghaiAt,
  startTourRun,
  stopTourRun,
  TourMarkError,
  tourRunsToCsv,
  type TourWindow,
} from '../../../shared/domain/watch';

const at = (date: string, hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return shanghaiAt(date, h * 60 + m);
};

describe('tour windows in Asia/Shanghai (UTC+8, no DST, whatever the machine TZ)', () => {
  const night: TourWindow = { start: '02:00', end: '05:00', days: 'daily' };

  it('02:00-05:00 every night is 18:00-21:00 UTC the day before', () => {
    const o = openWindowAt([night], at('2024-03-10', '03:30'));
    expect(o).toEqual({ opensAt: at('2024-03-10', '02:00'), closesAt: at('2024-03-10', '05:00') });
    expect(new Date(o!.opensAt).toISOString()).toBe('2024-03-09T18:00:00.000Z');
    expect(openWindowAt([night], at('2024-03-10', '05:00'))).toBeNull();
    expect(openWindowAt([night], at('2024-03-10', '01:59'))).toBeNull();
  });

  it('a window across midnight belongs to the day it opens on', () => {
    const late: TourWindow = { start: '22:00', end: '02:00', days: [5] }; // Friday nights
    // 2024-03-08 is a Friday.
    const o = openWindowAt([late], at('2024-03-09', '01:00'));
    expect(o).toEqual({ opensAt: at('2024-03-08', '22:00'), closesAt: at('2024-03-09', '02:00') });
    expect(openWindowAt([late], at('2024-03-10', '01:00'))).toBeNull(); // Saturday night
    expect(nextOpening([late], at('2024-03-09', '01:00'))?.opensAt).toBe(at('2024-03-15', '22:00'));
  });

  it('weekdays, date ranges, and the next opening', () => {
    const market: TourWindow = {
      start: '07:00',
      end: '09:00',
      days: 'weekdays',
      from: '2024-03-11',
      until: '2024-03-12',
    };
    const list = openingsBetween([market], at('2024-03-09', '00:00'), at('2024-03-20', '00:00'));
    expect(list.map((o) => o.opensAt)).toEqual([
      at('2024-03-11', '07:00'),
      at('2024-03-12', '07:00'),
    ]);
    expect(nextOpening([market], at('2024-03-12', '07:00'))).toBeNull();
    // A Saturday is not a weekday.
    expect(
      openWindowAt([{ ...market, from: undefined, until: undefined }], at('2024-03-09', '08:00')),
    ).toBeNull();
  });

  it('computes the same whatever process.env.TZ says', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(openWindowAt([night], Date.parse('2024-11-03T19:00:00Z'))).not.toBeNull();
    } finally {
      process.env.TZ = before;
    }
  });
});

const stops = [
  { cameraId: 'a', dwellMs: 10_000, check: '河道' },
  { cameraId: 'b', dwellMs: 10_000, check: '桥' },
  { cameraId: 'c', dwellMs: 20_000, check: '村口' },
];
const run0 = (now = 1000) =>
  startTourRun({
    id: 'r1',
    tourId: 't1',
    tourName: '夜间河道',
    wallId: 1,
    watcher: '李四',
    startedBy: 'schedule',
    stops,
    now,
  });

describe('tour runs', () => {
  it('a mark moves on at once; a stop not marked within its dwell is missed, never normal', () => {
    let run = markTourStop(run0(), { stopIndex: 0, mark: 'normal', by: '李四' }, 3000);
    expect(run.current).toBe(1);
    expect(run.stops[1]?.startedAt).toBe(3000);
    run = advanceTourRun(run, 13_000);
    expect(run.stops[1]?.outcome).toBe('missed');
    expect(run.stops[1]?.endedAt).toBe(13_000);
    expect(run.current).toBe(2);
    run = advanceTourRun(run, 40_000);
    expect(run.status).toBe('completed');
    expect(missedStops(run)).toEqual([1, 2]);
    expect(run.endedAt).toBe(33_000);
  });

  it('refuses a late mark, a double mark and a mark ahead', () => {
    const run = run0();
    expect(() => markTourStop(run, { stopIndex: 0, mark: 'normal', by: 'x' }, 11_000)).toThrow(
      /missed/,
    );
    const marked = markTourStop(
      run,
      { stopIndex: 0, mark: 'abnormal', note: '挖掘机', by: 'x' },
      2000,
    );
    expect(() => markTourStop(marked, { stopIndex: 0, mark: 'normal', by: 'x' }, 2500)).toThrow(
      TourMarkError,
    );
    expect(() => markTourStop(marked, { stopIndex: 2, mark: 'normal', by: 'x' }, 2500)).toThrow(
      /not reached/,
    );
  });

  it('a faulty mark keeps its fault kind; stopping early records the rest missed', () => {
    let run = markTourStop(
      run0(),
      { stopIndex: 0, mark: 'faulty', fault: 'frozen', by: 'x' },
      2000,
    );
    expect(run.stops[0]?.fault).toBe('frozen');
    run = stopTourRun(run, 5000);
    expect(run.status).toBe('stopped');
    expect(run.stops.map((s) => s.outcome)).toEqual(['faulty', 'missed', 'missed']);
  });

  it('exports CSV with Shanghai times, quoting and formula defusing', () => {
    let run = markTourStop(
      run0(shanghaiAt('2024-03-10', 120) - 1000),
      { stopIndex: 0, mark: 'abnormal', note: '=HYPERLINK("x"), 挖掘机', by: '李四' },
      shanghaiAt('2024-03-10', 120),
    );
    run = stopTourRun(run, shanghaiAt('2024-03-10', 121));
    const csv = tourRunsToCsv([run], (id) => `camera ${id}`);
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"\'=HYPERLINK(""x""), 挖掘机"');
    expect(lines[1]).toContain('2024-03-10 02:00:00');
    expect(lines[2]).toContain(',missed,');
    // In a hall that works in another zone, its times.
    const urumqi = tourRunsToCsv([run], (id) => `camera ${id}`, 'Asia/Urumqi');
    expect(urumqi).toContain('2024-03-10 00:00:00');
    expect(urumqi).not.toContain('2024-03-10 02:00:00');
  });
});

describe("tour windows in the hall's zone", () => {
  const night: TourWindow = { start: '02:00', end: '05:00', days: 'daily' };

  it('opens at 02:00 of the zone given (Asia/Urumqi is UTC+6)', () => {
    const t = Date.parse('2024-03-09T20:30:00Z'); // 02:30 in Urumqi, 04:30 in Beijing
    expect(openWindowAt([night], t, 'Asia/Urumqi')).toEqual({
      opensAt: Date.parse('2024-03-09T20:00:00Z'),
      closesAt: Date.parse('2024-03-09T23:00:00Z'),
    });
    expect(nextOpening([night], t, 400, 'Asia/Urumqi')?.opensAt).toBe(
      Date.parse('2024-03-10T20:00:00Z'),
    );
  });

  it('keeps 02:00 local across a daylight-saving change', () => {
    const list = openingsBetween(
      [night],
      Date.parse('2024-03-29T00:00:00Z'),
      Date.parse('2024-04-02T00:00:00Z'),
      'Europe/Berlin',
    );
    // Berlin: UTC+1 until 31 March 02:00, UTC+2 after; the night of the change has no 02:00.
    expect(list.map((o) => new Date(o.opensAt).toISOString())).toEqual([
      '2024-03-29T01:00:00.000Z',
      '2024-03-30T01:00:00.000Z',
      '2024-03-31T01:00:00.000Z',
      '2024-04-01T00:00:00.000Z',
    ]);
  });
});
