/**
 * Online rate and integrity (issue #16 item 3): shared/domain/health/rates.ts healthSummary on
 * small hand-made cases, each answer worked out by hand in the comment above it. The hall is
 * Asia/Shanghai (UTC+8); the machine's own zone (UTC here) must not matter.
 */
import { describe, expect, it } from 'vitest';
import {
  healthSummary,
  prepareRates,
  type CameraRef,
  type DownSpan,
  type RateInput,
  type SummaryRequest,
} from '../../../shared/domain/health/rates';
import { parseDateTime } from '../../../shared/domain/time/hall-time';

const tz = 'Asia/Shanghai';
const h = 3_600_000;
/** A hall time 'YYYY-MM-DD HH:MM' in Shanghai as ms. */
const at = (text: string): number => {
  const t = parseDateTime(text, tz);
  if (t === null) throw new Error(`bad time in the test: ${text}`);
  return t;
};
const day0 = at('2026-11-30 00:00');
const day1 = at('2026-12-01 00:00');

const camera = (id: string, over: Partial<CameraRef> = {}): CameraRef => ({
  id,
  name: `camera ${id}`,
  gridId: `grid-${id}`,
  zoneId: 'z1',
  regionId: 'r1',
  kind: 'fixed',
  contractor: 'A',
  ...over,
});

const input = (over: Partial<RateInput>): RateInput => ({
  cameras: [camera('c1')],
  intervals: [],
  coverage: [{ start: day0, end: day1 }],
  maintenance: [],
  timeZone: tz,
  names: new Map(),
  ...over,
});

const oneDay: SummaryRequest = { from: day0, to: day1, groupBy: 'zone', worst: 20 };

const down = (
  cameraId: string,
  kind: DownSpan['kind'],
  from: string,
  to: string | null,
): DownSpan => ({ cameraId, kind, start: at(from), end: to === null ? null : at(to) });

describe('online rate and integrity of one camera', () => {
  it('leaves the maintenance window out of the expected time and out of the down time', () => {
    // Window 02:00-03:00: expected 24 h − 1 h = 23 h. Offline 02:30-04:00: only 03:00-04:00
    // counts (1 h). 在线率 = 完好率 = 1 − 1/23.
    const s = healthSummary(
      input({
        maintenance: [{ start: '02:00', end: '03:00' }],
        intervals: [down('c1', 'offline', '2026-11-30 02:30', '2026-11-30 04:00')],
      }),
      oneDay,
    );
    expect(s.overall.coveredMs).toBe(23 * h);
    expect(s.overall.expectedMs).toBe(23 * h);
    expect(s.overall.online).toBeCloseTo(1 - 1 / 23, 12);
    expect(s.overall.integrity).toBeCloseTo(1 - 1 / 23, 12);
    expect(s.worst[0]?.downMs).toBe(1 * h);
  });

  it('takes a window that runs past midnight off both ends of the day', () => {
    // 23:00-01:00 every day: 00:00-01:00 (yesterday's window) and 23:00-24:00 leave 22 h.
    const s = healthSummary(input({ maintenance: [{ start: '23:00', end: '01:00' }] }), oneDay);
    expect(s.overall.coveredMs).toBe(22 * h);
    expect(s.overall.online).toBe(1);
  });

  it('keeps the window on the wall clock across daylight saving (Europe/Berlin)', () => {
    // 2026-03-29 has 23 h and no 02:00-03:00 at all: 23 h expected. 2026-10-25 has 25 h and
    // 02:00-03:00 once taken off (the first of the two): 24 h.
    const berlin = 'Europe/Berlin';
    const expected = (day: string, next: string): number => {
      const from = parseDateTime(`${day} 00:00`, berlin)!;
      const to = parseDateTime(`${next} 00:00`, berlin)!;
      const s = healthSummary(
        input({
          coverage: [{ start: from, end: to }],
          maintenance: [{ start: '02:00', end: '03:00' }],
          timeZone: berlin,
        }),
        { ...oneDay, from, to },
      );
      return s.overall.coveredMs / h;
    };
    expect(expected('2026-03-29', '2026-03-30')).toBe(23);
    expect(expected('2026-10-25', '2026-10-26')).toBe(24);
    expect(expected('2026-11-30', '2026-12-01')).toBe(23);
  });

  it('counts a coverage gap neither as up nor as down', () => {
    // Covered 00-12 and 18-24 (18 h of 24). Offline 10:00-20:00: counted 10-12 and 18-20 = 4 h.
    // 在线率 = 1 − 4/18 = 7/9; expectedMs 24 h (the whole day), coveredMs 18 h.
    const s = healthSummary(
      input({
        coverage: [
          { start: day0, end: at('2026-11-30 12:00') },
          { start: at('2026-11-30 18:00'), end: day1 },
        ],
        intervals: [down('c1', 'offline', '2026-11-30 10:00', '2026-11-30 20:00')],
      }),
      oneDay,
    );
    expect(s.overall.expectedMs).toBe(24 * h);
    expect(s.overall.coveredMs).toBe(18 * h);
    expect(s.overall.online).toBeCloseTo(7 / 9, 12);
  });

  it('unions overlapping intervals of any kind, and repeats of one', () => {
    // black 08-10, frozen 09-11, offline 09:30-10:30 (twice): down 08-11 = 3 h, offline 1 h.
    // 完好率 = 1 − 3/24 = 0.875, 在线率 = 1 − 1/24.
    const s = healthSummary(
      input({
        intervals: [
          down('c1', 'black', '2026-11-30 08:00', '2026-11-30 10:00'),
          down('c1', 'offline', '2026-11-30 09:30', '2026-11-30 10:30'),
          down('c1', 'frozen', '2026-11-30 09:00', '2026-11-30 11:00'),
          down('c1', 'offline', '2026-11-30 09:30', '2026-11-30 10:30'),
        ],
      }),
      oneDay,
    );
    expect(s.overall.integrity).toBe(0.875);
    expect(s.overall.online).toBeCloseTo(1 - 1 / 24, 12);
    expect(s.worst[0]?.downMs).toBe(3 * h);
  });

  it('counts an ongoing interval to the end of the period, and only where covered', () => {
    // Offline since 20:00, still down: 20-24 = 4 h → 1 − 4/24 = 5/6.
    const ongoing = [down('c1', 'offline', '2026-11-30 20:00', null)];
    expect(healthSummary(input({ intervals: ongoing }), oneDay).overall.online).toBeCloseTo(
      5 / 6,
      12,
    );
    // The station's records end at 22:00: 2 h down of 22 h covered → 1 − 2/22 = 10/11.
    const s = healthSummary(
      input({ intervals: ongoing, coverage: [{ start: day0, end: at('2026-11-30 22:00') }] }),
      oneDay,
    );
    expect(s.overall.online).toBeCloseTo(10 / 11, 12);
  });

  it('says no data (null), never 100 %, when nothing of the period is covered', () => {
    // Coverage the day before only: nothing of the period is known.
    const s = healthSummary(
      input({
        coverage: [{ start: day0 - 24 * h, end: day0 }],
        intervals: [down('c1', 'offline', '2026-11-30 08:00', '2026-11-30 09:00')],
      }),
      oneDay,
    );
    expect(s.overall).toMatchObject({ online: null, integrity: null, coveredMs: 0 });
    expect(s.overall.expectedMs).toBe(24 * h);
    expect(s.groups).toEqual([expect.objectContaining({ key: 'z1', online: null })]);
    expect(s.daily).toEqual([{ day: '2026-11-30', online: null, integrity: null }]);
    expect(s.worst).toEqual([]);
    // No coverage at all, and no cameras at all: the same.
    expect(healthSummary(input({ coverage: [] }), oneDay).overall.online).toBeNull();
    expect(healthSummary(input({ cameras: [] }), oneDay).overall).toMatchObject({
      cameras: 0,
      online: null,
      integrity: null,
    });
  });
});

// Four cameras over one covered day (24 h each, 96 h in all), no maintenance:
//   c1 grid g1, zone z1, region r1, fixed,      contractor A     offline 00-06      off 6, down 6
//   c2 grid g2, zone z1, region r1, checkpoint, contractor B     black 00-12        off 0, down 12
//   c3 grid g3, zone z2, region r1, fixed,      no contractor    —                  off 0, down 0
//   c4 grid g4, no zone, no region, body,       contractor A     frozen 00-03,
//                                                                offline 12-15      off 3, down 6
const four = input({
  cameras: [
    camera('c1', { gridId: 'g1' }),
    camera('c2', { gridId: 'g2', kind: 'checkpoint', contractor: 'B' }),
    camera('c3', { gridId: 'g3', zoneId: 'z2', contractor: null }),
    camera('c4', { gridId: 'g4', zoneId: null, regionId: null, kind: 'body' }),
  ],
  intervals: [
    down('c1', 'offline', '2026-11-30 00:00', '2026-11-30 06:00'),
    down('c2', 'black', '2026-11-30 00:00', '2026-11-30 12:00'),
    down('c4', 'frozen', '2026-11-30 00:00', '2026-11-30 03:00'),
    down('c4', 'offline', '2026-11-30 12:00', '2026-11-30 15:00'),
  ],
  names: new Map([
    ['', '城区分局'],
    ['z1', '东城派出所'],
    ['z2', '西城派出所'],
    ['r1', '城区'],
    ['g1', '一号网格'],
  ]),
});
const rates = (groupBy: SummaryRequest['groupBy']) =>
  healthSummary(four, { ...oneDay, groupBy }).groups.map((g) => [
    g.key,
    g.name,
    g.cameras,
    g.online,
    g.integrity,
  ]);

describe('groups, time-weighted over their cameras', () => {
  it('the station: offline 9 h and down 24 h of 96 h', () => {
    const s = healthSummary(four, oneDay);
    expect(s.overall).toEqual({
      key: '',
      name: '城区分局',
      cameras: 4,
      online: 1 - 9 / 96,
      integrity: 1 - 24 / 96,
      expectedMs: 96 * h,
      coveredMs: 96 * h,
    });
  });

  it('by zone: z1 = c1+c2 (off 6, down 18 of 48), z2 = c3, then c4 in the no-zone group', () => {
    expect(rates('zone')).toEqual([
      ['z1', '东城派出所', 2, 1 - 6 / 48, 1 - 18 / 48],
      ['z2', '西城派出所', 1, 1, 1],
      ['', '(none)', 1, 1 - 3 / 24, 1 - 6 / 24],
    ]);
  });

  it('by region: r1 = c1+c2+c3 (off 6, down 18 of 72), c4 has none', () => {
    expect(rates('region')).toEqual([
      ['r1', '城区', 3, 1 - 6 / 72, 1 - 18 / 72],
      ['', '(none)', 1, 1 - 3 / 24, 1 - 6 / 24],
    ]);
  });

  it('by grid: one camera each, named where the names know it', () => {
    expect(rates('grid')).toEqual([
      ['g1', '一号网格', 1, 1 - 6 / 24, 1 - 6 / 24],
      ['g2', 'g2', 1, 1, 1 - 12 / 24],
      ['g3', 'g3', 1, 1, 1],
      ['g4', 'g4', 1, 1 - 3 / 24, 1 - 6 / 24],
    ]);
  });

  it('by kind: fixed = c1+c3 (off 6, down 6 of 48), checkpoint = c2, body = c4', () => {
    expect(rates('kind')).toEqual([
      ['body', 'body', 1, 1 - 3 / 24, 1 - 6 / 24],
      ['checkpoint', 'checkpoint', 1, 1, 1 - 12 / 24],
      ['fixed', 'fixed', 2, 1 - 6 / 48, 1 - 6 / 48],
    ]);
  });

  it('by contractor: A = c1+c4 (off 9, down 12 of 48), B = c2, c3 has none', () => {
    expect(rates('contractor')).toEqual([
      ['A', 'A', 2, 1 - 9 / 48, 1 - 12 / 48],
      ['B', 'B', 1, 1, 1 - 12 / 24],
      ['', '(none)', 1, 1, 1],
    ]);
  });
});

describe('the worst cameras', () => {
  it('lowest integrity first, then by down time and id; only cameras that were down', () => {
    // c2 down 12 h (完好率 0.5); c1 and c4 down 6 h each (0.75): tie → by id. c3 never down.
    const s = healthSummary(four, {
      ...oneDay,
      lastPictureAt: new Map([['c2', day0 - h]]),
      openTickets: new Map([['c2', 'T-7']]),
    });
    expect(s.worst.map((w) => [w.cameraId, w.integrity, w.downMs])).toEqual([
      ['c2', 0.5, 12 * h],
      ['c1', 0.75, 6 * h],
      ['c4', 0.75, 6 * h],
    ]);
    expect(s.worst[0]).toEqual({
      cameraId: 'c2',
      name: 'camera c2',
      zoneId: 'z1',
      contractor: 'B',
      online: 1,
      integrity: 0.5,
      downMs: 12 * h,
      openTicketId: 'T-7',
      lastPictureAt: day0 - h,
    });
    expect(s.worst[1]).toMatchObject({ openTicketId: null, lastPictureAt: null });
    // At most `worst` of them.
    expect(healthSummary(four, { ...oneDay, worst: 2 }).worst.map((w) => w.cameraId)).toEqual([
      'c2',
      'c1',
    ]);
    expect(healthSummary(four, { ...oneDay, worst: 0 }).worst).toEqual([]);
  });
});

describe('the daily trend', () => {
  it('cuts days at the hall midnight, not UTC midnight', () => {
    // Two hall days. Offline 2026-11-30 22:00 → 2026-12-01 02:00 (Shanghai): 2 h on each day.
    // (Cut at UTC midnight — 08:00 in Shanghai — it would all fall on one day.)
    const to = at('2026-12-02 00:00');
    const s = healthSummary(
      input({
        coverage: [{ start: day0, end: to }],
        intervals: [down('c1', 'offline', '2026-11-30 22:00', '2026-12-01 02:00')],
      }),
      { ...oneDay, to },
    );
    expect(s.daily).toEqual([
      { day: '2026-11-30', online: 1 - 2 / 24, integrity: 1 - 2 / 24 },
      { day: '2026-12-01', online: 1 - 2 / 24, integrity: 1 - 2 / 24 },
    ]);
    expect(s.overall.online).toBeCloseTo(1 - 4 / 48, 12);
  });

  it('has one entry per hall day the period touches, the ends partial', () => {
    // 2026-11-30 12:00 → 2026-12-01 06:00: 12 h of day 1, 6 h of day 2; down 22:00-02:00.
    // Day 1: 2 h of 12 → 5/6; day 2: 2 h of 6 → 2/3.
    const from = at('2026-11-30 12:00');
    const to = at('2026-12-01 06:00');
    const s = healthSummary(
      input({
        coverage: [{ start: day0, end: at('2026-12-02 00:00') }],
        intervals: [down('c1', 'black', '2026-11-30 22:00', '2026-12-01 02:00')],
      }),
      { ...oneDay, from, to },
    );
    expect(s.daily.map((d) => d.day)).toEqual(['2026-11-30', '2026-12-01']);
    expect(s.daily[0]?.integrity).toBeCloseTo(5 / 6, 12);
    expect(s.daily[1]?.integrity).toBeCloseTo(2 / 3, 12);
    expect(s.daily[1]?.online).toBe(1);
  });
});

describe('bad input', () => {
  const clean = input({
    cameras: [camera('c1'), camera('c2')],
    intervals: [down('c1', 'offline', '2026-11-30 06:00', '2026-11-30 12:00')],
  });
  const bad: DownSpan[] = [
    // Ends before it starts: would be 18 h down if read as |end − start|.
    { cameraId: 'c2', kind: 'offline', start: at('2026-11-30 20:00'), end: at('2026-11-30 02:00') },
    // A camera not in the catalog.
    down('ghost', 'offline', '2026-11-30 00:00', null),
    // A time that is not a number, and a kind nobody knows.
    { cameraId: 'c2', kind: 'black', start: Number.NaN, end: at('2026-11-30 02:00') },
    { cameraId: 'c2', kind: 'smoke' as DownSpan['kind'], start: day0, end: day1 },
  ];
  const dirty: RateInput = { ...clean, intervals: [...bad, ...clean.intervals] };

  it('leaves out intervals that end before they start, or of unknown cameras, and counts them', () => {
    expect(healthSummary(dirty, oneDay)).toEqual(healthSummary(clean, oneDay));
    // c1 6 h offline of 48 camera-hours.
    expect(healthSummary(dirty, oneDay).overall.online).toBe(1 - 6 / 48);
    expect(prepareRates(dirty).ignored).toEqual({
      backwards: 2,
      unknownCamera: 1,
      unknownKind: 1,
    });
  });

  it('counts a camera listed twice once', () => {
    const twice = { ...clean, cameras: [...clean.cameras, camera('c1')] };
    expect(healthSummary(twice, oneDay)).toEqual(healthSummary(clean, oneDay));
  });

  it('refuses a backward period, an unknown zone and a window that is not HH:MM, clearly', () => {
    expect(() => healthSummary(clean, { ...oneDay, from: day1, to: day0 })).toThrow(
      /from a time to a later one/,
    );
    expect(() => healthSummary({ ...clean, timeZone: 'Mars/Olympus' }, oneDay)).toThrow(
      /not a time zone/,
    );
    expect(() =>
      healthSummary({ ...clean, maintenance: [{ start: '25:00', end: '03:00' }] }, oneDay),
    ).toThrow(/not a time of day/);
  });

  it('gives an empty period no rates and no days', () => {
    const s = healthSummary(clean, { ...oneDay, to: day0 });
    expect(s.overall.online).toBeNull();
    expect(s.daily).toEqual([]);
  });
});
