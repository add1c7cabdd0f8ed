/**
 * The weekly report (每周通报, issue #16 item 5) and its weeks: shared/domain/health/rates.ts
 * weeklyReport, mondayOf and weekSpan on a small hand-made station, every answer worked out by
 * hand in the comments. The hall is Asia/Shanghai (UTC+8), and Europe/Berlin for daylight saving.
 */
import { describe, expect, it } from 'vitest';
import type { TicketMessage } from '../../../shared/contract/platform-health';
import {
  mondayOf,
  weekSpan,
  weeklyReport,
  type CameraRef,
  type DownSpan,
  type RateInput,
  type ReportRequest,
} from '../../../shared/domain/health/rates';
import { parseDateTime } from '../../../shared/domain/time/hall-time';

const tz = 'Asia/Shanghai';
const h = 3_600_000;
const at = (text: string, zone = tz): number => {
  const t = parseDateTime(text, zone);
  if (t === null) throw new Error(`bad time in the test: ${text}`);
  return t;
};

describe('the week in hall time', () => {
  it('starts on the hall Monday, whatever day it is in UTC', () => {
    // Thursday 2026-12-03 12:50 in Shanghai.
    expect(mondayOf(Date.UTC(2026, 11, 3, 4, 50), tz)).toBe('2026-11-30');
    // Monday 00:30 in Shanghai is still Sunday 16:30 in UTC.
    expect(mondayOf(Date.UTC(2026, 10, 29, 16, 30), tz)).toBe('2026-11-30');
    // Sunday 23:59 in Shanghai: the week before.
    expect(mondayOf(Date.UTC(2026, 10, 29, 15, 59), tz)).toBe('2026-11-23');
    expect(weekSpan('2026-11-30', tz)).toEqual({
      start: Date.UTC(2026, 10, 29, 16),
      end: Date.UTC(2026, 11, 6, 16),
    });
  });

  it('is 167 h when the clocks go forward and 169 h when they go back (Europe/Berlin)', () => {
    const berlin = 'Europe/Berlin';
    // Summer time begins Sunday 2026-03-29: Monday 03-23 00:00 CET → Monday 03-30 00:00 CEST.
    expect(weekSpan('2026-03-23', berlin)).toEqual({
      start: Date.UTC(2026, 2, 22, 23),
      end: Date.UTC(2026, 2, 29, 22),
    });
    // Ends Sunday 2026-10-25: Monday 10-19 00:00 CEST → Monday 10-26 00:00 CET.
    const autumn = weekSpan('2026-10-19', berlin);
    expect(autumn).toEqual({ start: Date.UTC(2026, 9, 18, 22), end: Date.UTC(2026, 9, 25, 23) });
    expect((autumn.end - autumn.start) / h).toBe(169);
    // Sunday 23:30 CEST on the spring day is that week; 00:30 the next day the next.
    expect(mondayOf(Date.UTC(2026, 2, 29, 21, 30), berlin)).toBe('2026-03-23');
    expect(mondayOf(Date.UTC(2026, 2, 29, 22, 30), berlin)).toBe('2026-03-30');
    expect(mondayOf(Date.UTC(2026, 9, 25, 22, 30), berlin)).toBe('2026-10-19');
    expect(mondayOf(Date.UTC(2026, 9, 25, 23, 30), berlin)).toBe('2026-10-26');
  });

  it('refuses a day that is not a Monday, or not a day', () => {
    expect(() => weekSpan('2026-12-01', tz)).toThrow(/starts on a Monday/);
    expect(() => weekSpan('2026-02-30', tz)).toThrow(/not a day/);
    expect(() => mondayOf(0, 'Nowhere/Else')).toThrow(/not a time zone/);
  });

  it('counts the 23-hour spring Sunday as 23 h in the daily trend', () => {
    // One camera, covered all week; offline 1 h on Sunday 2026-03-29 (Berlin): 1 − 1/23.
    const berlin = 'Europe/Berlin';
    const week = weekSpan('2026-03-23', berlin);
    const r = weeklyReport(
      {
        cameras: [cameraRef('c1')],
        intervals: [
          {
            cameraId: 'c1',
            kind: 'offline',
            start: at('2026-03-29 10:00', berlin),
            end: at('2026-03-29 11:00', berlin),
          },
        ],
        coverage: [{ start: week.start, end: week.end }],
        maintenance: [],
        timeZone: berlin,
        names: new Map(),
      },
      { weekStart: '2026-03-23', generatedAt: week.end, trigger: 'demand', tickets: [] },
    );
    expect(r.daily.map((d) => d.day)).toEqual([
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
    ]);
    expect(r.daily[6]?.online).toBeCloseTo(1 - 1 / 23, 12);
    expect(r.station.coveredMs).toBe(167 * h);
  });
});

function cameraRef(id: string, over: Partial<CameraRef> = {}): CameraRef {
  return {
    id,
    name: `camera ${id}`,
    gridId: `g-${id}`,
    zoneId: 'z1',
    regionId: 'r1',
    kind: 'fixed',
    contractor: 'A',
    ...over,
  };
}

const down = (cameraId: string, kind: DownSpan['kind'], from: string, to: string | null) => ({
  cameraId,
  kind,
  start: at(from),
  end: to === null ? null : at(to),
});

// The station: four cameras, covered from Monday 2026-11-23 (the week before) to the end of the
// week of 2026-11-30 (168 h a camera a week, 672 h for the four); nothing before 11-23.
//   c1 zone z1, contractor A    prev week: offline 11-24 00:00 → 11-25 00:00 (24 h)
//                               this week: offline 12-01 00:00 → 12:00 (12 h)
//   c2 zone z1, contractor B    this week: black since 12-05 00:00, still (48 h to the week's end)
//   c3 zone z2, no contractor   this week: frozen 12-02 06:00 → 08:00 (2 h)
//   c4 no zone, contractor A    never down
const station: RateInput = {
  cameras: [
    cameraRef('c1'),
    cameraRef('c2', { kind: 'checkpoint', contractor: 'B' }),
    cameraRef('c3', { zoneId: 'z2', contractor: null }),
    cameraRef('c4', { zoneId: null, kind: 'body' }),
  ],
  intervals: [
    down('c1', 'offline', '2026-11-24 00:00', '2026-11-25 00:00'),
    down('c1', 'offline', '2026-12-01 00:00', '2026-12-01 12:00'),
    down('c2', 'black', '2026-12-05 00:00', null),
    down('c3', 'frozen', '2026-12-02 06:00', '2026-12-02 08:00'),
  ],
  coverage: [{ start: at('2026-11-23 00:00'), end: at('2026-12-07 00:00') }],
  maintenance: [],
  timeZone: tz,
  names: new Map([
    ['z1', '东城派出所'],
    ['z2', '西城派出所'],
  ]),
};

let rev = 0;
function ticket(
  id: string,
  cameraId: string,
  opened: string,
  slaHours: number,
  over: Partial<TicketMessage> = {},
): TicketMessage {
  const openedAt = at(opened);
  return {
    id,
    number: `GD-${id}`,
    cameraId,
    fault: 'offline',
    source: 'prober',
    status: 'new',
    openedAt,
    openedBy: 'prober',
    contractor: null,
    suspendReason: null,
    slaHours,
    dueAt: openedAt + slaHours * h,
    repairedAt: null,
    closedAt: null,
    repeats: 0,
    lastSeenAt: openedAt,
    pictureUrl: null,
    timeline: [],
    rev: rev++,
    ...over,
  };
}

// Tickets, the week being 2026-11-30 00:00 → 2026-12-07 00:00:
//   T1 c1 opened 12-01 00:10, SLA 8 h (due 08:10), repaired 12:00, closed 14:00: opened, closed,
//      repaired in 11 h 50 min, breached (repaired after due)
//   T2 c2 opened 12-05 00:30, SLA 3 h, dispatched, not repaired: opened, breached at week's end
//   T3 c3 opened 12-02 06:05, SLA 8 h, repaired 08:00 (1 h 55 min), awaiting verification:
//      opened, repaired, no breach; also sent before at a lower rev as 'new' (counts once)
//   T4 c1 opened 11-24 00:05 (the week before), SLA 8 h, repaired late 11-25 00:00, verified
//      this week 11-30 10:00: closed this week; its late repair was last week's breach, not this
//   T5 c4 opened 12-03 09:00, withdrawn (a false report) 10:00: opened, closed, never a breach
//   T6 a camera not in the catalog, opened 12-04 09:00, SLA 8 h, open: counts in the station's
//      row only (opened, and breached at the week's end)
//   T7 c2 opened 11-28 00:00 (before the week), SLA 3 h, suspended, never repaired: still
//      overdue in this week: a breach (not opened this week)
//   T8 c1 opened 12-06 20:00, SLA 8 h (due 12-07 04:00), repaired 12-07 10:00 after the week:
//      opened; at the week's end neither repaired nor due: no repair, no breach this week
const tickets: TicketMessage[] = [
  ticket('T3', 'c3', '2026-12-02 06:05', 8, { fault: 'black', status: 'new' }),
  ticket('T1', 'c1', '2026-12-01 00:10', 8, {
    status: 'closed',
    repairedAt: at('2026-12-01 12:00'),
    closedAt: at('2026-12-01 14:00'),
  }),
  ticket('T2', 'c2', '2026-12-05 00:30', 3, { fault: 'black', status: 'dispatched' }),
  ticket('T3', 'c3', '2026-12-02 06:05', 8, {
    fault: 'frozen',
    status: 'repaired',
    repairedAt: at('2026-12-02 08:00'),
  }),
  ticket('T4', 'c1', '2026-11-24 00:05', 8, {
    status: 'closed',
    repairedAt: at('2026-11-25 00:00'),
    closedAt: at('2026-11-30 10:00'),
  }),
  ticket('T5', 'c4', '2026-12-03 09:00', 24, {
    status: 'withdrawn',
    closedAt: at('2026-12-03 10:00'),
  }),
  ticket('T6', 'ghost', '2026-12-04 09:00', 8),
  ticket('T7', 'c2', '2026-11-28 00:00', 3, { status: 'suspended', suspendReason: '电力' }),
  ticket('T8', 'c1', '2026-12-06 20:00', 8, {
    status: 'repaired',
    repairedAt: at('2026-12-07 10:00'),
  }),
];

const request: ReportRequest = {
  weekStart: '2026-11-30',
  generatedAt: at('2026-12-07 08:00'),
  trigger: 'schedule',
  tickets,
  lastPictureAt: new Map([['c2', at('2026-12-04 23:59')]]),
  openTickets: new Map([['c2', 'T2']]),
};

const mttr = (...minutes: number[]): number =>
  minutes.reduce((a, b) => a + b, 0) / minutes.length / 60;

describe('the weekly report', () => {
  const r = weeklyReport(station, request);

  it('is the hall week, with its trigger and the 98 % line', () => {
    expect(r).toMatchObject({
      weekStart: '2026-11-30',
      from: at('2026-11-30 00:00'),
      to: at('2026-12-07 00:00'),
      generatedAt: at('2026-12-07 08:00'),
      trigger: 'schedule',
      target: 0.98,
      noData: false,
    });
  });

  it("the station's row: this week, the week before, tickets, MTTR and breaches", () => {
    // This week: offline 12 h, down 12 + 48 + 2 = 62 h of 672 h. The week before: 24 h of 672.
    // Tickets: opened T1 T2 T3 T5 T6 T8 = 6; closed T1 T4 T5 = 3; repaired T1 (710 min) and
    // T3 (115 min): MTTR 412.5 min = 6.875 h; breaches T1 T2 T7, and T6 (SLA 8 h, never
    // repaired: the station's row counts it even though its camera is not in the catalog) = 4.
    expect(r.station).toEqual({
      key: '',
      name: '本站',
      cameras: 4,
      online: 1 - 12 / 672,
      integrity: 1 - 62 / 672,
      expectedMs: 672 * h,
      coveredMs: 672 * h,
      onlinePrev: 1 - 24 / 672,
      integrityPrev: 1 - 24 / 672,
      ticketsOpened: 6,
      ticketsClosed: 3,
      mttrHours: 6.875,
      slaBreaches: 4,
    });
    // The station's name comes from the names when they have one.
    const named = weeklyReport({ ...station, names: new Map([['', '城区分局']]) }, request);
    expect(named.station.name).toBe('城区分局');
  });

  it('a row per zone, the cameras with no zone last', () => {
    // z1 = c1 + c2 (336 h): offline 12, down 60; before: 24 h of 336.
    //   tickets: opened T1 T2 T8, closed T1 T4, MTTR T1 (710 min), breaches T1 T2 T7.
    // z2 = c3 (168 h): down 2; opened T3, MTTR 115 min.  (none) = c4: opened and closed T5.
    const rows = r.zones.map((z) => [
      z.key,
      z.name,
      z.cameras,
      z.online,
      z.integrity,
      z.onlinePrev,
      z.integrityPrev,
      z.ticketsOpened,
      z.ticketsClosed,
      z.mttrHours,
      z.slaBreaches,
    ]);
    expect(rows).toEqual([
      ['z1', '东城派出所', 2, 1 - 12 / 336, 1 - 60 / 336, 1 - 24 / 336, 1 - 24 / 336, 3, 2, mttr(710), 3],
      ['z2', '西城派出所', 1, 1, 1 - 2 / 168, 1, 1, 1, 0, mttr(115), 0],
      ['', '(none)', 1, 1, 1, 1, 1, 1, 1, null, 0],
    ]); // prettier-ignore
  });

  it('a row per contractor (by the camera), the cameras with none last', () => {
    // A = c1 + c4 (336 h): offline = down = 12 h; before 24 h. Tickets opened T1 T5 T8, closed
    //   T1 T4 T5, MTTR T1, breaches T1.
    // B = c2 (168 h): down 48 h; opened T2, breaches T2 T7.
    // (none) = c3: down 2 h; opened T3, MTTR 115 min.
    const rows = r.contractors.map((c) => [
      c.key,
      c.name,
      c.online,
      c.integrity,
      c.onlinePrev,
      c.ticketsOpened,
      c.ticketsClosed,
      c.mttrHours,
      c.slaBreaches,
    ]);
    expect(rows).toEqual([
      ['A', 'A', 1 - 12 / 336, 1 - 12 / 336, 1 - 24 / 336, 3, 3, mttr(710), 1],
      ['B', 'B', 1, 1 - 48 / 168, 1, 1, 0, null, 2],
      ['', '(none)', 1, 1 - 2 / 168, 1, 1, 0, mttr(115), 0],
    ]);
  });

  it('the trend: this week and the 7 before, oldest first, no data before the records', () => {
    // Records begin 11-23: six weeks of no data, then the week before (24 h offline of 672) and
    // this week.
    expect(r.weeks).toEqual([
      { weekStart: '2026-10-12', online: null, integrity: null },
      { weekStart: '2026-10-19', online: null, integrity: null },
      { weekStart: '2026-10-26', online: null, integrity: null },
      { weekStart: '2026-11-02', online: null, integrity: null },
      { weekStart: '2026-11-09', online: null, integrity: null },
      { weekStart: '2026-11-16', online: null, integrity: null },
      { weekStart: '2026-11-23', online: 1 - 24 / 672, integrity: 1 - 24 / 672 },
      { weekStart: '2026-11-30', online: 1 - 12 / 672, integrity: 1 - 62 / 672 },
    ]);
  });

  it('the 7 days of the week', () => {
    // 96 camera-hours a day. 12-01: c1 offline 12 h. 12-02: c3 frozen 2 h. 12-05 and 12-06:
    // c2 black all day (24 h).
    expect(r.daily).toEqual([
      { day: '2026-11-30', online: 1, integrity: 1 },
      { day: '2026-12-01', online: 1 - 12 / 96, integrity: 1 - 12 / 96 },
      { day: '2026-12-02', online: 1, integrity: 1 - 2 / 96 },
      { day: '2026-12-03', online: 1, integrity: 1 },
      { day: '2026-12-04', online: 1, integrity: 1 },
      { day: '2026-12-05', online: 1, integrity: 1 - 24 / 96 },
      { day: '2026-12-06', online: 1, integrity: 1 - 24 / 96 },
    ]);
  });

  it('the worst cameras of the week, with their last picture and open ticket', () => {
    // c2 down 48 h, c1 12 h, c3 2 h; c4 never down is not listed.
    expect(r.worst.map((w) => [w.cameraId, w.downMs])).toEqual([
      ['c2', 48 * h],
      ['c1', 12 * h],
      ['c3', 2 * h],
    ]);
    expect(r.worst[0]).toMatchObject({
      integrity: 1 - 48 / 168,
      openTicketId: 'T2',
      lastPictureAt: at('2026-12-04 23:59'),
    });
  });

  it('lists at most 20 worst cameras', () => {
    const many: RateInput = {
      ...station,
      cameras: Array.from({ length: 30 }, (_, i) => cameraRef(`k${String(i).padStart(2, '0')}`)),
      // Camera k<i> down i hours on Tuesday: k29 worst, k10 the 20th, k00 never down.
      intervals: Array.from({ length: 30 }, (_, i) => ({
        cameraId: `k${String(i).padStart(2, '0')}`,
        kind: 'offline' as const,
        start: at('2026-12-01 00:00'),
        end: at('2026-12-01 00:00') + i * h,
      })),
    };
    const worst = weeklyReport(many, request).worst;
    expect(worst).toHaveLength(20);
    expect(worst[0]?.cameraId).toBe('k29');
    expect(worst[19]?.cameraId).toBe('k10');
  });

  it('says no data for a week nothing covers, and still counts its tickets', () => {
    // The week of 2026-11-16 is before the records; T4 and T7 are later, T3… too: none of them.
    const empty = weeklyReport(station, { ...request, weekStart: '2026-11-16' });
    expect(empty.noData).toBe(true);
    expect(empty.station).toMatchObject({ online: null, integrity: null, coveredMs: 0 });
    expect(empty.station.onlinePrev).toBeNull();
    expect(empty.zones.every((z) => z.online === null && z.integrity === null)).toBe(true);
    expect(empty.daily.every((d) => d.online === null)).toBe(true);
    expect(empty.worst).toEqual([]);
    // The week before this one (2026-11-23) has data, and T4 and T7 in it.
    const before = weeklyReport(station, { ...request, weekStart: '2026-11-23' });
    expect(before.noData).toBe(false);
    expect(before.station.onlinePrev).toBeNull();
    // T4 opened and repaired (24 h − 5 min) late: a breach; T7 opened 11-28, overdue: a breach.
    expect(before.station).toMatchObject({
      ticketsOpened: 2,
      ticketsClosed: 0,
      mttrHours: mttr(24 * 60 - 5),
      slaBreaches: 2,
    });
  });

  it('refuses a week that does not start on a Monday', () => {
    expect(() => weeklyReport(station, { ...request, weekStart: '2026-12-01' })).toThrow(
      /starts on a Monday/,
    );
  });
});
