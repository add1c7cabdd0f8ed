/**
 * The Health tab's and the weekly report's view logic (renderer/desk/health/health-model.ts):
 * rates as the hall reads them ("no data" is never 100 %), red below the line, how late a ticket
 * is, tickets kept by revision, the weeks picked, the report's CSV, and the words in both languages.
 */
import { describe, expect, it } from 'vitest';
import type { FaultTicket, ReportRow, WeeklyReport } from '../../../../shared/contract/health';
import {
  addDays,
  applyMark,
  deskHref,
  formatChange,
  formatRate,
  mergeTickets,
  mondayOfDate,
  rateState,
  reportCsvLines,
  reportHref,
  slaLateness,
  ticketList,
  weekFromQuery,
} from '../../../../renderer/desk/health/health-model';
import { healthEn } from '../../../../renderer/i18n/health.en';
import { healthZhCN } from '../../../../renderer/i18n/health.zh-CN';

const hour = 3_600_000;

const ticket = (over: Partial<FaultTicket> & { id: string }): FaultTicket => ({
  number: `GD-${over.id}`,
  cameraId: 'C1',
  fault: 'black',
  source: 'tile',
  status: 'new',
  openedAt: 0,
  openedBy: 'station',
  contractor: null,
  suspendReason: null,
  slaHours: 8,
  dueAt: 8 * hour,
  repairedAt: null,
  closedAt: null,
  repeats: 0,
  lastSeenAt: 0,
  pictureUrl: null,
  timeline: [],
  rev: 1,
  provisional: false,
  pending: 0,
  refused: null,
  breached: false,
  cameraName: null,
  zoneId: null,
  cameraContractor: null,
  ...over,
});

describe('rates as the hall reads them', () => {
  it('shows two decimals, and no data as null (never 100 %)', () => {
    expect(formatRate(0.9796)).toBe('97.96 %');
    expect(formatRate(1)).toBe('100.00 %');
    expect(formatRate(null)).toBeNull();
    expect(formatRate(Number.NaN)).toBeNull();
  });

  it('is below the line under 98 %, at it from 98 %, none without data', () => {
    expect(rateState(0.9799, 0.98)).toBe('below');
    expect(rateState(0.98, 0.98)).toBe('ok');
    expect(rateState(null, 0.98)).toBe('none');
  });

  it('says the change from the week before in points', () => {
    expect(formatChange(0.985, 0.98)).toBe('+0.50');
    expect(formatChange(0.97, 0.981)).toBe('−1.10');
    expect(formatChange(0.98, 0.98)).toBe('±0.00');
    expect(formatChange(null, 0.98)).toBeNull();
    expect(formatChange(0.98, null)).toBeNull();
  });
});

describe('SLA lateness', () => {
  it('counts an open ticket past its due time up to now', () => {
    expect(slaLateness(ticket({ id: 'a' }), 10 * hour)).toBe(2 * hour);
    expect(slaLateness(ticket({ id: 'a' }), 7 * hour)).toBeNull();
  });

  it('counts a repaired one up to its repair, and never a withdrawn one', () => {
    const repaired = ticket({ id: 'a', status: 'closed', repairedAt: 9 * hour });
    expect(slaLateness(repaired, 100 * hour)).toBe(hour);
    expect(slaLateness({ ...repaired, repairedAt: 7 * hour }, 100 * hour)).toBeNull();
    expect(slaLateness(ticket({ id: 'a', status: 'withdrawn' }), 100 * hour)).toBeNull();
  });
});

describe('tickets at the desk', () => {
  it('keeps the highest revision, and the same revision with new pending or refused', () => {
    let state = mergeTickets(new Map(), [ticket({ id: 'a', rev: 3, status: 'dispatched' })]);
    state = mergeTickets(state, [ticket({ id: 'a', rev: 2, status: 'new' })]);
    expect(state.get('a')?.status).toBe('dispatched');
    state = mergeTickets(state, [ticket({ id: 'a', rev: 3, status: 'dispatched', pending: 1 })]);
    expect(state.get('a')?.pending).toBe(1);
  });

  it('lists the late first, then the newest; open only or all', () => {
    const state = mergeTickets(new Map(), [
      ticket({ id: 'old-late', openedAt: 0, dueAt: hour }),
      ticket({ id: 'new', openedAt: 5 * hour, dueAt: 20 * hour }),
      ticket({ id: 'closed', openedAt: 6 * hour, status: 'closed', repairedAt: 7 * hour }),
    ]);
    expect(ticketList(state, 'open', 10 * hour).map((t) => t.id)).toEqual(['old-late', 'new']);
    expect(ticketList(state, 'all', 10 * hour).map((t) => t.id)).toEqual([
      'old-late',
      'closed',
      'new',
    ]);
  });

  it('keeps marks only for cameras that are not healthy', () => {
    const a = applyMark(new Map(), 'C1', 'offline');
    expect(a.get('C1')).toBe('offline');
    expect(applyMark(a, 'C1', 'offline')).toBe(a);
    expect(applyMark(a, 'C1', 'ok').has('C1')).toBe(false);
  });
});

describe('weeks and the report page', () => {
  it('snaps any day to its Monday and refuses a malformed one', () => {
    expect(mondayOfDate('2026-12-03')).toBe('2026-11-30'); // a Thursday
    expect(mondayOfDate('2026-11-30')).toBe('2026-11-30');
    expect(mondayOfDate('2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(mondayOfDate('2026-02-30')).toBeNull();
    expect(mondayOfDate('next week')).toBeNull();
    expect(addDays('2026-11-30', 6)).toBe('2026-12-06');
  });

  it('reads the week from the address and keeps the token both ways', () => {
    expect(weekFromQuery('?view=report&week=2026-12-02')).toBe('2026-11-30');
    expect(weekFromQuery('?view=report&week=bad')).toBeNull();
    expect(weekFromQuery('?view=report')).toBeNull();
    const desk = { pathname: '/desk', search: '?token=abc&tab=health' };
    const report = reportHref(desk, '2026-11-30');
    expect(report).toBe('/desk?token=abc&view=report&week=2026-11-30');
    expect(deskHref({ pathname: '/desk', search: report.slice(5) })).toBe(
      '/desk?token=abc&tab=health',
    );
  });

  const row = (over: Partial<ReportRow>): ReportRow => ({
    key: '',
    name: '市局',
    cameras: 10,
    online: 0.97,
    integrity: 0.95,
    expectedMs: 1,
    coveredMs: 1,
    onlinePrev: null,
    integrityPrev: 0.99,
    ticketsOpened: 3,
    ticketsClosed: 2,
    mttrHours: 5.25,
    slaBreaches: 1,
    ...over,
  });

  it('writes the CSV with no data said plainly and empty cells, never 100', () => {
    const report: WeeklyReport = {
      weekStart: '2026-11-23',
      from: 0,
      to: 1,
      generatedAt: 0,
      trigger: 'demand',
      target: 0.98,
      station: row({ online: null, integrity: null }),
      zones: [row({ key: 'z1', name: '城关所' })],
      contractors: [],
      weeks: [],
      daily: [],
      worst: [
        {
          cameraId: 'C9',
          name: '东门',
          zoneId: 'z1',
          contractor: null,
          online: 0.5,
          integrity: 0.4,
          downMs: 2 * hour,
          openTicketId: null,
          lastPictureAt: Date.UTC(2026, 10, 24, 0, 0),
        },
      ],
      noData: true,
    };
    const lines = reportCsvLines(
      report,
      {
        header: [],
        section: { station: 'S', zone: 'Z', contractor: 'K', worst: 'W' },
        noData: 'no data',
      },
      'Asia/Shanghai',
    );
    expect(lines[0]).toEqual(['no data']);
    expect(lines[1]).toEqual(['S', '市局', 10, '', '', '', 99, 3, 2, 5.3, 1]);
    expect(lines[2]?.[3]).toBe(97);
    expect(lines[3]?.[10]).toBe('2026-11-24 08:00:00'); // hall time
  });
});

describe('the words', () => {
  it('has every word in both languages', () => {
    const keys = (o: object, at = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'string' ? [`${at}${k}`] : keys(v as object, `${at}${k}.`),
      );
    expect(keys(healthZhCN).sort()).toEqual(keys(healthEn).sort());
    expect(healthZhCN.noData).toBe('无数据');
    expect(healthZhCN.tab).toBe('健康');
  });
});
