/**
 * The simulated platform's fault tickets (工单, issue #16 item 4; docs/protocol.md §9): the
 * platform is the system of record and every station mirrors it, so each change publishes the
 * whole record retained on `vigil/tickets/{id}` (QoS 1) with a growing `rev`, as incidents are.
 *
 * Tickets change from three sides: a watcher's faulty `patrol-mark` (opens one with the mark's
 * picture), the stations' `ticket-open` and `ticket-action` events (§4), and the platform's own
 * failure process (a failure that lasts opens one; its repair marks it repaired). One open ticket
 * per camera and fault: a repeat merges into it. A step the lifecycle forbids
 * (shared/domain/health/tickets.ts) throws a `TicketConflict` with the table's words, which
 * http-server.ts answers with 409.
 */
import { randomUUID } from 'node:crypto';
import type { CameraKind } from '../../shared/api';
import type { PlatformEvent } from '../../shared/contract/platform';
import type { TicketMessage, TicketTimelineEntry } from '../../shared/contract/platform-health';
import type { MarkSnapshot } from '../../shared/contract/watch';
import {
  defaultSlaHours,
  isOpenTicket,
  nextTicketStatus,
  slaDueAt,
  ticketRefusal,
  type FaultKind,
  type TicketSource,
} from '../../shared/domain/health/tickets';
import { hallDay, ticketNumber } from './ticket-numbers';

/** A ticket event the record's state forbids; the message is the 409's `error`. */
export class TicketConflict extends Error {}

export interface TicketDeskDeps {
  now: () => number;
  /** Publishes the record (retained, QoS 1), or clears the topic's retained message (`null`). */
  publish: (topic: string, message: TicketMessage | null) => void;
  /** The platform's base URL, so a picture's url is absolute. */
  baseUrl: string;
  /** The camera's kind (its SLA) and maintainer, or undefined for a camera the platform lacks. */
  camera: (cameraId: string) => { kind: CameraKind; maintainer?: string } | undefined;
  /** How long a closed or withdrawn ticket's retained message stays before it is cleared. */
  clearClosedAfterMs: number;
  /** How many tickets the platform numbered on hall day `day` before this desk (its history). */
  numberedBefore: (day: number) => number;
}

/** A ticket the platform opens itself (its failure process), possibly back-dated. */
export interface PlatformTicket {
  cameraId: string;
  fault: FaultKind;
  source: TicketSource;
  by: string;
  /** Default now. */
  openedAt?: number;
  /** A ticket the history already numbered keeps its id and number. */
  id?: string;
  number?: string;
  /** Already dispatched to this contractor (at `dispatchedAt`). */
  dispatched?: { contractor: string; at: number };
}

export interface TicketResult {
  ticket: TicketMessage;
  /** Set when the event merged into this open ticket instead of opening one. */
  mergedInto?: string;
}

export interface TicketDesk {
  /**
   * Applies a station's event: ticket-open, ticket-action, or a faulty patrol mark. Returns the
   * ticket it changed, null when the event is not about tickets. Throws TicketConflict.
   */
  apply(event: PlatformEvent): TicketResult | null;
  /** Opens a ticket from the platform's own process (merges as a station's would). */
  openFromPlatform(input: PlatformTicket): TicketResult;
  /** The camera's open ticket for the fault was repaired (the failure is over), if it has one. */
  repairedByPlatform(cameraId: string, fault: FaultKind, at?: number): TicketMessage | null;
  list(): TicketMessage[];
  get(id: string): TicketMessage | undefined;
  /** A picture's JPEG bytes, or undefined. */
  picture(ticketId: string, pictureId: string): Buffer | undefined;
  /** Cancels the pending clear timers. */
  stop(): void;
}

const maxTimeline = 1000;

export function createTicketDesk(deps: TicketDeskDeps): TicketDesk {
  const records = new Map<string, TicketMessage>();
  const pictures = new Map<string, Map<string, Buffer>>();
  const clearTimers = new Map<string, NodeJS.Timeout>();
  const sequences = new Map<number, number>();

  const nextNumber = (at: number): string => {
    const day = hallDay(at);
    const seq = (sequences.get(day) ?? deps.numberedBefore(day)) + 1;
    sequences.set(day, seq);
    return ticketNumber(day, seq);
  };

  const addTimeline = (t: TicketMessage, e: TicketTimelineEntry): void => {
    t.timeline.push(e);
    // Keep the opening entry and the newest: the schema caps the timeline at 1000.
    if (t.timeline.length > maxTimeline) t.timeline.splice(1, t.timeline.length - maxTimeline);
  };

  const pictureUrl = (t: TicketMessage, snapshot: MarkSnapshot): string => {
    const id = `P-${randomUUID().slice(0, 8)}`;
    let forTicket = pictures.get(t.id);
    if (!forTicket) pictures.set(t.id, (forTicket = new Map()));
    forTicket.set(id, Buffer.from(snapshot.data, 'base64'));
    return `${deps.baseUrl}/api/v1/tickets/${encodeURIComponent(t.id)}/pictures/${id}`;
  };

  /** Bumps rev, publishes; a ticket that closed is cleared from the retained topic later. */
  const changed = (t: TicketMessage): TicketMessage => {
    t.rev += 1;
    deps.publish(`vigil/tickets/${t.id}`, structuredClone(t));
    if (!isOpenTicket(t.status) && !clearTimers.has(t.id)) {
      const timer = setTimeout(() => {
        clearTimers.delete(t.id);
        deps.publish(`vigil/tickets/${t.id}`, null);
      }, deps.clearClosedAfterMs);
      timer.unref();
      clearTimers.set(t.id, timer);
    }
    return structuredClone(t);
  };

  const openFor = (cameraId: string, fault: FaultKind): TicketMessage | undefined => {
    for (const t of records.values()) {
      if (t.cameraId === cameraId && t.fault === fault && isOpenTicket(t.status)) return t;
    }
    return undefined;
  };

  interface NewTicket extends PlatformTicket {
    note?: string;
    snapshot?: MarkSnapshot;
  }

  /** Opens a ticket, or merges into the camera's open one for the same fault. */
  const open = (input: NewTicket): TicketResult => {
    const now = deps.now();
    const camera = deps.camera(input.cameraId);
    // 409, not 404: the station's outbox never retries a 409 (a 404 would be retried forever).
    if (!camera) throw new TicketConflict(`no camera ${input.cameraId} on the platform`);
    const existing = openFor(input.cameraId, input.fault);
    if (existing) {
      existing.repeats += 1;
      existing.lastSeenAt = Math.max(existing.lastSeenAt, input.openedAt ?? now);
      if (input.snapshot && existing.pictureUrl === null) {
        existing.pictureUrl = pictureUrl(existing, input.snapshot);
      }
      addTimeline(existing, { at: now, action: 'repeat', by: input.by, note: input.note ?? '' });
      return { ticket: changed(existing), mergedInto: existing.id };
    }
    const id = input.id ?? `TK-${randomUUID()}`;
    if (records.has(id)) throw new TicketConflict(`ticket ${id} already exists`);
    const openedAt = input.openedAt ?? now;
    const slaHours = defaultSlaHours[camera.kind];
    const t: TicketMessage = {
      id,
      number: input.number ?? nextNumber(openedAt),
      cameraId: input.cameraId,
      fault: input.fault,
      source: input.source,
      status: 'new',
      openedAt,
      openedBy: input.by,
      contractor: null,
      suspendReason: null,
      slaHours,
      dueAt: slaDueAt(openedAt, slaHours),
      repairedAt: null,
      closedAt: null,
      repeats: 0,
      lastSeenAt: openedAt,
      pictureUrl: null,
      timeline: [{ at: openedAt, action: 'open', by: input.by, note: input.note ?? '' }],
      rev: 0,
    };
    if (input.snapshot) t.pictureUrl = pictureUrl(t, input.snapshot);
    if (input.dispatched) {
      t.status = 'dispatched';
      t.contractor = input.dispatched.contractor;
      addTimeline(t, { at: input.dispatched.at, action: 'dispatch', by: 'platform', note: '' });
    }
    records.set(id, t);
    return { ticket: changed(t) };
  };

  const mustGet = (id: string): TicketMessage => {
    const t = records.get(id);
    if (!t) throw new TicketConflict(`no ticket ${id} on the platform`);
    return t;
  };

  const apply = (event: PlatformEvent): TicketResult | null => {
    if (event.type === 'patrol-mark') {
      // A watcher's faulty mark: the platform opens the maintenance ticket itself.
      if (event.mark !== 'faulty' || deps.camera(event.cameraId) === undefined) return null;
      return open({
        cameraId: event.cameraId,
        fault: event.fault ?? 'offline',
        source: 'mark',
        by: event.operator,
        note: event.note,
        ...(event.snapshot ? { snapshot: event.snapshot } : {}),
      });
    }
    if (event.type === 'ticket-open') {
      return open({
        id: event.ticketId,
        cameraId: event.cameraId,
        fault: event.fault,
        source: event.source,
        by: event.operator,
        note: event.note,
        ...(event.snapshot ? { snapshot: event.snapshot } : {}),
      });
    }
    if (event.type !== 'ticket-action') return null;
    const t = mustGet(event.ticketId);
    const next = nextTicketStatus(t.status, event.action);
    if (next === null)
      throw new TicketConflict(`${t.number}: ${ticketRefusal(t.status, event.action)}`);
    const now = deps.now();
    t.status = next;
    switch (event.action) {
      case 'dispatch':
        t.contractor = event.contractor ?? t.contractor;
        break;
      case 'suspend':
        t.suspendReason = event.note;
        break;
      case 'repaired':
        t.repairedAt = now;
        break;
      case 'reject':
        // Back to repairing: the repair did not hold, its SLA runs on.
        t.repairedAt = null;
        break;
      case 'verify':
      case 'withdraw':
        t.closedAt = now;
        break;
      default:
        break;
    }
    if (next !== 'suspended') t.suspendReason = null;
    addTimeline(t, { at: now, action: event.action, by: event.operator, note: event.note });
    return { ticket: changed(t) };
  };

  const repairedByPlatform = (
    cameraId: string,
    fault: FaultKind,
    at = deps.now(),
  ): TicketMessage | null => {
    const t = openFor(cameraId, fault);
    if (!t || nextTicketStatus(t.status, 'repaired') === null) return null;
    const by = t.contractor ?? deps.camera(cameraId)?.maintainer ?? 'platform';
    t.status = 'repaired';
    t.repairedAt = at;
    t.suspendReason = null;
    addTimeline(t, { at, action: 'repaired', by, note: '' });
    return changed(t);
  };

  return {
    apply,
    openFromPlatform: (input) => open(input),
    repairedByPlatform,
    list: () => [...records.values()].map((t) => structuredClone(t)),
    get: (id) => {
      const t = records.get(id);
      return t ? structuredClone(t) : undefined;
    },
    picture: (ticketId, pictureId) => pictures.get(ticketId)?.get(pictureId),
    stop() {
      for (const t of clearTimers.values()) clearTimeout(t);
      clearTimers.clear();
    },
  };
}
