/**
 * What the platform recorded of its cameras' health (`GET /api/v1/health/history`, docs/protocol.md
 * §9): the failure process's down intervals as the platform saw them, and the tickets of the
 * history. Every failure that lasted over half an hour had a ticket: noticed by the prober or the
 * platform a little after it started, dispatched to the camera's maintainer, repaired when the
 * failure ended and closed (verified) a while after. A failure still going on when the simulator
 * started (with live failures on) has its ticket open on the ticket desk instead, with the number
 * the history gave it.
 *
 * With live failures off the history stops at the start (the cameras are all up then): no
 * interval ends after it, and a ticket is closed by then at the latest.
 */
import type { CameraKind } from '../../shared/api';
import type {
  DownInterval,
  HealthHistory,
  TicketMessage,
  TicketTimelineEntry,
} from '../../shared/contract/platform-health';
import { defaultSlaHours, slaDueAt } from '../../shared/domain/health/tickets';
import {
  dayMs,
  maxFailureMs,
  ticketAfterMs,
  type Failure,
  type FailureProcess,
} from './failure-process';
import { hallDay, hallDayStart, ticketNumber } from './ticket-numbers';

export interface HistoryCamera {
  id: string;
  kind: CameraKind;
  maintainer?: string;
}

export interface HealthHistoryDeps {
  process: FailureProcess;
  /** Every camera of the platform (read on each request: the catalog may change). */
  cameras: () => readonly HistoryCamera[];
  /** Whether live failures run: then the history goes on past the start. */
  live: boolean;
}

export interface HealthHistoryBook {
  /** The history of [from, to) as of `now` (without the ticket desk's own tickets). */
  history(from: number, to: number, now: number): HealthHistory;
  /** How many tickets the history numbered on hall day `day` (opened before the start). */
  numberedBefore(day: number): number;
  /** The ticket's id and number a failure opened before the start was given, or null. */
  ticketOf(failure: Failure): { id: string; number: string } | null;
}

/** Who opens the platform's own tickets, by source. */
export const openedBy = { prober: '平台巡检', platform: '平台' } as const;
/** A camera's contractor when the catalog names none. */
const anyContractor = '运维单位';

export const historicTicketId = (f: Failure): string => `TK-H-${f.cameraId}-${f.start}`;

export function createHealthHistory(deps: HealthHistoryDeps): HealthHistoryBook {
  const { process } = deps;
  const startedAt = process.startedAt;
  /** Per hall day before the start: each historic ticket's sequence number, by ticket id. */
  const numbering = new Map<number, Map<string, number>>();

  const hasTicket = (f: Failure): boolean => f.ticket !== null && f.ticket.openedAt < startedAt;

  /** Numbers a whole day's tickets: by the time they opened (then the id, for ties). */
  const numberOpened = (day: number, opened: { at: number; id: string }[]): Map<string, number> => {
    opened.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const seqs = new Map(opened.map((o, i) => [o.id, i + 1]));
    numbering.set(day, seqs);
    return seqs;
  };

  const numberDay = (day: number): Map<string, number> => {
    const known = numbering.get(day);
    if (known) return known;
    const dayStart = hallDayStart(day);
    const dayEnd = Math.min(dayStart + dayMs, startedAt);
    const opened: { at: number; id: string }[] = [];
    for (const camera of deps.cameras()) {
      // A ticket opens at most 30 min after its failure started.
      for (const f of process.failuresStartingIn(camera.id, dayStart - ticketAfterMs, dayEnd)) {
        const at = f.ticket?.openedAt ?? -1;
        if (hasTicket(f) && at >= dayStart && at < dayEnd) {
          opened.push({ at, id: historicTicketId(f) });
        }
      }
    }
    return numberOpened(day, opened);
  };

  const ticketOf = (f: Failure): { id: string; number: string } | null => {
    if (!hasTicket(f) || !f.ticket) return null;
    const id = historicTicketId(f);
    const day = hallDay(f.ticket.openedAt);
    const seq = numberDay(day).get(id);
    return seq === undefined ? null : { id, number: ticketNumber(day, seq) };
  };

  /** The closed record of a ticket whose failure was over by the start. */
  const closedTicket = (f: Failure, camera: HistoryCamera, number: string): TicketMessage => {
    const t = f.ticket;
    if (!t) throw new Error('a failure without a ticket');
    const repairedAt = Math.min(f.end, startedAt);
    const closedAt = Math.min(repairedAt + t.verifyAfterMs, Math.max(repairedAt, startedAt));
    const contractor = camera.maintainer ?? anyContractor;
    const by = openedBy[t.source];
    const timeline: TicketTimelineEntry[] = [{ at: t.openedAt, action: 'open', by, note: '' }];
    if (t.dispatchedAt !== null && t.dispatchedAt < repairedAt) {
      timeline.push({ at: t.dispatchedAt, action: 'dispatch', by: '平台', note: '' });
    }
    timeline.push({ at: repairedAt, action: 'repaired', by: contractor, note: '' });
    timeline.push({ at: closedAt, action: 'verify', by: '平台', note: '恢复正常' });
    const slaHours = defaultSlaHours[camera.kind];
    return {
      id: historicTicketId(f),
      number,
      cameraId: f.cameraId,
      fault: f.kind,
      source: t.source,
      status: 'closed',
      openedAt: t.openedAt,
      openedBy: by,
      contractor,
      suspendReason: null,
      slaHours,
      dueAt: slaDueAt(t.openedAt, slaHours),
      repairedAt,
      closedAt,
      repeats: 0,
      lastSeenAt: repairedAt,
      pictureUrl: null,
      timeline,
      rev: timeline.length,
    };
  };

  const history = (from: number, to: number, now: number): HealthHistory => {
    const historyStart = process.historyStart;
    // What the platform has seen: up to now with live failures, up to the start without.
    const seenUntil = deps.live ? Math.max(now, startedAt) : startedAt;
    const intervals: DownInterval[] = [];
    // The tickets of the whole hall days around [from, to): a day is numbered all at once.
    const dayFrom = hallDayStart(hallDay(from));
    const dayTo = hallDayStart(hallDay(to - 1) + 1);
    const opened = new Map<number, { at: number; id: string }[]>();
    const wanted: { f: Failure; camera: HistoryCamera }[] = [];
    const scanTo = Math.min(Math.max(to, dayTo), seenUntil);
    for (const camera of deps.cameras()) {
      for (const f of process.failuresStartingIn(camera.id, from - maxFailureMs, scanTo)) {
        const start = Math.max(f.start, historyStart);
        const end = deps.live ? (f.end <= now ? f.end : null) : Math.min(f.end, startedAt);
        if (start < to && (end === null || (end > from && end > start))) {
          intervals.push({ cameraId: f.cameraId, kind: f.kind, start, end });
        }
        if (!hasTicket(f)) continue;
        const at = f.ticket?.openedAt ?? -1;
        if (at < dayFrom || at >= dayTo) continue;
        const day = hallDay(at);
        let list = opened.get(day);
        if (!list) opened.set(day, (list = []));
        list.push({ at, id: historicTicketId(f) });
        // The desk holds the ones still open at the start (live failures on).
        if (at >= from && at < to && at >= historyStart && !(deps.live && f.end > startedAt)) {
          wanted.push({ f, camera });
        }
      }
    }
    for (const [day, list] of opened) if (!numbering.has(day)) numberOpened(day, list);
    const tickets: TicketMessage[] = [];
    for (const { f, camera } of wanted) {
      const day = hallDay(f.ticket?.openedAt ?? 0);
      const seq = numbering.get(day)?.get(historicTicketId(f));
      if (seq !== undefined) tickets.push(closedTicket(f, camera, ticketNumber(day, seq)));
    }
    const coveredFrom = Math.max(from, historyStart);
    return {
      from,
      to,
      coveredFrom: coveredFrom < Math.min(to, seenUntil) ? coveredFrom : null,
      intervals,
      tickets: tickets.sort((a, b) => a.openedAt - b.openedAt),
    };
  };

  return {
    history,
    numberedBefore: (day) => (hallDayStart(day) < startedAt ? numberDay(day).size : 0),
    ticketOf,
  };
}
