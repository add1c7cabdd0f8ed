/**
 * The Health tab's and the weekly report's pure view logic (issue #16): rates as the hall reads
 * them (a period with no data is "no data", never 100 %), how late a ticket is past its SLA, the
 * tickets kept by revision, the weeks to pick, and the report as CSV lines.
 */
import type {
  FaultTicket,
  HealthMark,
  HealthRate,
  ReportRow,
  WeeklyReport,
} from '../../../shared/contract/health';
import { isOpenTicket } from '../../../shared/domain/health/tickets';
import { formatDateTime } from '../../../shared/domain/time/hall-time';

/** A rate in percent with two decimals ("97.96 %"), or null for no data. */
export function formatRate(rate: number | null): string | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  return `${(Math.min(1, Math.max(0, rate)) * 100).toFixed(2)} %`;
}

export type RateState = 'none' | 'below' | 'ok';

/** Against the line: no data, below it (red), or at/above it. */
export function rateState(rate: number | null, target: number): RateState {
  if (rate === null || !Number.isFinite(rate)) return 'none';
  return rate < target ? 'below' : 'ok';
}

/** The change from the week before in percentage points ("+0.42", "−1.10"), null: not both known. */
export function formatChange(rate: number | null, before: number | null): string | null {
  if (rate === null || before === null) return null;
  const points = (rate - before) * 100;
  const text = Math.abs(points).toFixed(2);
  if (text === '0.00') return '±0.00';
  return points > 0 ? `+${text}` : `−${text}`;
}

/** A rate as a chart's value (percent), null (a gap in the line) for no data. */
export const chartPercent = (rate: number | null): number | null =>
  rate === null ? null : Math.round(rate * 10_000) / 100;

/** Whole hours and minutes of a duration (for "2 h 05 min"). */
export function hoursMinutes(ms: number): { hours: number; minutes: string } {
  const total = Math.max(0, Math.floor(ms / 60_000));
  return { hours: Math.floor(total / 60), minutes: String(total % 60).padStart(2, '0') };
}

/**
 * How late a ticket is past its SLA, ms: repaired after its due time (by that much), or still
 * unrepaired past it (so far); null when it is not late (a withdrawn ticket never is).
 */
export function slaLateness(
  t: Pick<FaultTicket, 'status' | 'dueAt' | 'repairedAt'>,
  now: number,
): number | null {
  if (t.status === 'withdrawn') return null;
  const end = t.repairedAt ?? (isOpenTicket(t.status) ? now : null);
  if (end === null) return null;
  const late = end - t.dueAt;
  return late > 0 ? late : null;
}

export type TicketMap = ReadonlyMap<string, FaultTicket>;

/**
 * Tickets merged in: a higher revision replaces a lower one; the same revision replaces it too
 * (this station's pending or refused changed without the platform's record changing).
 */
export function mergeTickets(state: TicketMap, tickets: readonly FaultTicket[]): TicketMap {
  if (tickets.length === 0) return state;
  const next = new Map(state);
  for (const ticket of tickets) {
    const known = next.get(ticket.id);
    if (known && ticket.rev < known.rev) continue;
    next.set(ticket.id, ticket);
  }
  return next;
}

/** The list shown: open only or all, the late first, then newest first. */
export function ticketList(tickets: TicketMap, which: 'open' | 'all', now: number): FaultTicket[] {
  const shown = [...tickets.values()].filter((t) => which === 'all' || isOpenTicket(t.status));
  const late = (t: FaultTicket): number =>
    isOpenTicket(t.status) ? (slaLateness(t, now) ?? 0) : 0;
  return shown.sort(
    (a, b) =>
      Number(late(b) > 0) - Number(late(a) > 0) ||
      b.openedAt - a.openedAt ||
      (a.id < b.id ? -1 : 1),
  );
}

/** Health marks kept by camera (the tree reads it): 'ok' removes a camera from the map. */
export type MarkMap = ReadonlyMap<string, HealthMark>;
export function applyMark(state: MarkMap, cameraId: string, mark: HealthMark): MarkMap {
  if ((state.get(cameraId) ?? 'ok') === mark) return state;
  const next = new Map(state);
  if (mark === 'ok') next.delete(cameraId);
  else next.set(cameraId, mark);
  return next;
}

/** The marks the tree shows (a healthy or unknown camera has none). */
export const shownMarks = ['offline', 'picture', 'ticket'] as const;
export type ShownMark = (typeof shownMarks)[number];
export const isShownMark = (mark: HealthMark | undefined): mark is ShownMark =>
  mark !== undefined && (shownMarks as readonly string[]).includes(mark);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Monday (YYYY-MM-DD) of the calendar week a date falls in; null for a malformed date. */
export function mondayOfDate(date: string): string | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (day.toISOString().slice(0, 10) !== date) return null;
  const back = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** A date `days` after another (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const m = DATE.exec(date);
  if (!m) return date;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(day + days * 86_400_000).toISOString().slice(0, 10);
}

/** The week asked for in the address (`?week=YYYY-MM-DD`, snapped to its Monday), null: default. */
export function weekFromQuery(search: string): string | null {
  const week = new URLSearchParams(search).get('week');
  return week ? mondayOfDate(week) : null;
}

/** The address of the report page for a week, from the desk's address (keeps its token). */
export function reportHref(location: { pathname: string; search: string }, week?: string): string {
  const query = new URLSearchParams(location.search);
  query.delete('tab');
  query.set('view', 'report');
  if (week) query.set('week', week);
  else query.delete('week');
  return `${location.pathname}?${query.toString()}`;
}

/** The desk's address from the report page's (back to the Health tab). */
export function deskHref(location: { pathname: string; search: string }): string {
  const query = new URLSearchParams(location.search);
  query.delete('view');
  query.delete('week');
  query.set('tab', 'health');
  return `${location.pathname}?${query.toString()}`;
}

/** The words the CSV needs (the caller's language). */
export interface ReportCsvWords {
  header: readonly string[];
  section: { station: string; zone: string; contractor: string; worst: string };
  noData: string;
}

const pct = (rate: number | null): string | number =>
  rate === null ? '' : Math.round(rate * 10_000) / 100;

/** The weekly report as CSV lines: the station, each zone and contractor, then the worst cameras. */
export function reportCsvLines(
  report: WeeklyReport,
  words: ReportCsvWords,
  zone: string,
): (string | number | null)[][] {
  const row = (section: string, r: ReportRow): (string | number | null)[] => [
    section,
    r.name,
    r.cameras,
    pct(r.online),
    pct(r.onlinePrev),
    pct(r.integrity),
    pct(r.integrityPrev),
    r.ticketsOpened,
    r.ticketsClosed,
    r.mttrHours === null ? '' : Math.round(r.mttrHours * 10) / 10,
    r.slaBreaches,
  ];
  const lines = [
    row(words.section.station, report.station),
    ...report.zones.map((r) => row(words.section.zone, r)),
    ...report.contractors.map((r) => row(words.section.contractor, r)),
    ...report.worst.map((w) => [
      words.section.worst,
      w.name,
      w.cameraId,
      pct(w.online),
      '',
      pct(w.integrity),
      '',
      w.openTicketId ?? '',
      '',
      Math.round(w.downMs / 360_000) / 10,
      w.lastPictureAt === null ? '' : formatDateTime(w.lastPictureAt, zone),
    ]),
  ];
  if (report.noData) lines.unshift([words.noData]);
  return lines;
}

/** A group row's name: the contractor's '' and the kind's code are the desk's to say. */
export function groupName(
  rate: Pick<HealthRate, 'key' | 'name'>,
  words: { kind: (code: string) => string | null; noContractor: string },
  grouping: string,
): string {
  if (grouping === 'kind') return words.kind(rate.key) ?? rate.name;
  if (grouping === 'contractor' && rate.key === '') return words.noContractor;
  return rate.name || rate.key;
}
