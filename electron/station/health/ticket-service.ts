/**
 * Fault tickets (工单, issue #16 item 4) as this station mirrors them (docs/protocol.md §9): the
 * platform's records from MQTT (`vigil/tickets/{id}`, retained, the highest `rev` kept), and this
 * station's acts on them as outbox events. As with incidents, the platform is the system of
 * record: an action changes nothing here until its record comes back, but the desk sees it
 * `pending`, and a refusal (409: closed at another station) is kept on the ticket.
 *
 * - Auto-open: a fault (offline, a picture fault) that lasted `ticketAfterSeconds` unbroken, for
 *   a camera with no open ticket of that fault (mirrored or provisional), opens one through the
 *   outbox (`ticket-open`, source tile / prober / platform), shown at once as provisional (number
 *   待编号) under the id the platform keeps. A flap restarts the fault's clock, so a flapping
 *   camera opens none per flap; once open, repeats are the platform's to merge.
 * - When the platform merged our open into another ticket, its record of that other ticket comes
 *   and the provisional one of the same camera and fault is forgotten.
 * - Auto-verify: a 'repaired' ticket whose camera stayed healthy `autoVerifyHours` is verified,
 *   posted by "auto" (its note says so).
 */
import { randomUUID } from 'node:crypto';
import type { Caller, MethodParsedInput } from '../../../shared/api';
import type { CameraKind } from '../../../shared/api';
import type { FaultTicket } from '../../../shared/contract/health';
import type {
  TicketActionEvent,
  TicketMessage,
  TicketOpenEvent,
} from '../../../shared/contract/platform-health';
import {
  actionsNeedingContractor,
  actionsNeedingReason,
  isOpenTicket,
  nextTicketStatus,
  slaBreached,
  slaDueAt,
  ticketRefusal,
  type FaultKind,
  type SlaHours,
} from '../../../shared/domain/health/tickets';
import { formatDateTime } from '../../../shared/domain/time/hall-time';
import { VigilError } from '../../../shared/result';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import type { HealthStore, StoredTicket } from '../cache/health-store';
import type { OutboxItem, OutboxStore } from '../cache/outbox-store';
import { platformAnswer } from '../dispatch/dispatch-context';
import { fetchJpeg } from '../upstream/fetch-jpeg';
import type { CurrentFault, HealthService } from './health-service';

/** Who the station's own acts are by (auto-open, auto-verify). */
export const autoOperator = 'auto';
const system: Caller = { window: 'desk', operator: autoOperator, role: 'admin', signedIn: false };
/** A ticket's picture larger than this is not fetched (the protocol's limit). */
export const maxTicketPictureBytes = 2 * 1024 * 1024;

/** What the tickets need of a camera (from the catalog). */
export interface TicketCamera {
  name: string;
  kind: CameraKind;
  zoneId: string | null;
  contractor: string | null;
}

export interface TicketServiceOptions {
  db: CacheDatabase;
  store: HealthStore;
  outbox: OutboxStore;
  audit: AuditLog;
  health: HealthService;
  stationId: string;
  timeZone: string;
  ticketAfterMs: number;
  autoVerifyMs: number;
  slaHours: SlaHours;
  camera: (cameraId: string) => TicketCamera | undefined;
  now: () => number;
  /** Ids of tickets that changed (the capability flushes them to `health.ticket`). */
  changed: Set<string>;
  /** After a transaction that queued outbox items committed: wake the delivery. */
  onQueued: () => void;
  fetch?: typeof fetch;
  timeoutMs: number;
  log?: (line: string) => void;
}

export class TicketService {
  private readonly fetching = new Map<string, Promise<Buffer | null>>();
  private openByCamera: Map<string, string> | null = null;
  private openPictureTickets = new Set<string>();
  /** Faults (camera, kind, since) past ticketAfterMs that have their ticket. */
  private readonly coveredFaults = new Set<string>();

  constructor(private readonly options: TicketServiceOptions) {}

  // ---- from the platform -------------------------------------------------------------------

  /** A record from MQTT (already validated): kept when newer than ours. */
  onMessage(message: TicketMessage): boolean {
    const { store } = this.options;
    const stored = store.putTicket(message, this.options.now());
    if (!stored) return false;
    this.openByCamera = null;
    // Our open merged into this one: the provisional ticket of the same fault goes.
    if (isOpenTicket(message.status)) {
      for (const t of store.openTickets(message.cameraId)) {
        if (t.provisional && t.message.fault === message.fault && t.message.id !== message.id) {
          if (store.dropProvisional(t.message.id)) {
            this.openByCamera = null;
            this.options.changed.add(t.message.id);
          }
        }
      }
    }
    this.options.changed.add(message.id);
    this.options.health.ticketChanged(message.cameraId);
    return true;
  }

  /** The platform cleared a closed ticket's retained message: we keep our copy. */
  onCleared(id: string): void {
    this.options.log?.(`health: ticket ${id} cleared by the platform; kept here`);
  }

  /** A ticket's outbox item was delivered or refused. */
  onSettled(item: OutboxItem, outcome: 'delivered' | 'rejected', error: string | null): void {
    if (item.kind !== 'ticket-open' && item.kind !== 'ticket-action') return;
    const body = item.payload as { ticketId?: unknown; action?: unknown };
    if (typeof body.ticketId !== 'string') return;
    if (outcome === 'rejected') {
      const answer = platformAnswer(error ?? 'refused');
      this.options.store.setRefused(body.ticketId, {
        action: typeof body.action === 'string' ? body.action : 'open',
        answer,
        at: this.options.now(),
      });
      if (item.kind === 'ticket-open') {
        this.options.store.withdrawProvisional(body.ticketId, this.options.now(), answer);
        this.openByCamera = null;
      }
    }
    this.options.changed.add(body.ticketId);
  }

  // ---- reads -------------------------------------------------------------------------------

  list(input: MethodParsedInput<'health.tickets'>): FaultTicket[] {
    return this.views(this.options.store.tickets(input));
  }

  /** The newest open ticket of a camera (any fault), null: none. */
  openTicketOf(cameraId: string): string | null {
    return this.openTicketsByCamera().get(cameraId) ?? null;
  }

  /** Each camera's newest open ticket (read once, until a ticket changes: marks ask often). */
  openTicketsByCamera(): ReadonlyMap<string, string> {
    if (this.openByCamera) return this.openByCamera;
    const out = new Map<string, string>();
    const pictures = new Set<string>();
    for (const t of this.options.store.openTickets()) {
      if (!out.has(t.message.cameraId)) out.set(t.message.cameraId, t.message.id);
      if (t.message.fault !== 'offline') pictures.add(t.message.cameraId);
    }
    this.openByCamera = out;
    this.openPictureTickets = pictures;
    return out;
  }

  /** Has the camera an open ticket for a picture fault (black, frozen, blurred, obstructed)? */
  hasOpenPictureTicket(cameraId: string): boolean {
    this.openTicketsByCamera();
    return this.openPictureTickets.has(cameraId);
  }

  /** Tickets were written outside this service (the history import). */
  invalidate(): void {
    this.openByCamera = null;
  }

  views(rows: readonly StoredTicket[]): FaultTicket[] {
    const pending = this.options.outbox.pendingByTicket();
    return rows.map((r) => this.view(r, pending));
  }

  viewsOf(ids: readonly string[]): FaultTicket[] {
    return this.views(
      ids.flatMap((id) => {
        const t = this.options.store.ticket(id);
        return t ? [t] : [];
      }),
    );
  }

  view(stored: StoredTicket, pending?: Map<string, number>): FaultTicket {
    const m = stored.message;
    const camera = this.options.camera(m.cameraId);
    return {
      ...m,
      provisional: stored.provisional,
      pending: (pending ?? this.options.outbox.pendingByTicket()).get(m.id) ?? 0,
      refused: stored.refused,
      breached: slaBreached(m, this.options.now()),
      cameraName: camera?.name ?? null,
      zoneId: camera?.zoneId ?? null,
      cameraContractor: camera?.contractor ?? null,
    };
  }

  // ---- acts --------------------------------------------------------------------------------

  /**
   * Opens a ticket for every fault that lasted `ticketAfterMs` unbroken and has none open (nor
   * one closed since the fault began: a withdrawn false report does not reopen at once).
   * Returns the ids opened.
   */
  autoOpen(faults: readonly CurrentFault[]): string[] {
    const now = this.options.now();
    const opened: string[] = [];
    const seen = new Set<string>();
    for (const f of faults) {
      if (now - f.since < this.options.ticketAfterMs) continue;
      // A fault once covered by a ticket stays covered: asked of the cache once, not each tick.
      const key = `${f.cameraId}\u0000${f.kind}\u0000${f.since}`;
      seen.add(key);
      if (this.coveredFaults.has(key)) continue;
      this.coveredFaults.add(key);
      const tickets = this.options.store.tickets({
        status: 'all',
        cameraId: f.cameraId,
        sinceMs: 0,
        limit: 50,
      });
      const covered = tickets.some(
        (t) =>
          t.message.fault === f.kind &&
          (isOpenTicket(t.message.status) ||
            (t.message.closedAt ?? t.message.lastSeenAt) >= f.since),
      );
      if (covered) continue;
      opened.push(this.open(f));
    }
    for (const key of this.coveredFaults) if (!seen.has(key)) this.coveredFaults.delete(key);
    return opened;
  }

  /** Verifies repaired tickets whose camera stayed healthy `autoVerifyMs`. Returns their ids. */
  autoVerify(): string[] {
    const now = this.options.now();
    const pending = this.options.outbox.pendingByTicket();
    const out: string[] = [];
    for (const t of this.options.store.openTickets()) {
      const m = t.message;
      if (m.status !== 'repaired' || t.provisional || (pending.get(m.id) ?? 0) > 0) continue;
      if (t.refused?.action === 'verify') continue;
      const healthy = this.options.health.healthySince(m.cameraId);
      if (healthy === null) continue;
      const since = Math.max(healthy, m.repairedAt ?? 0);
      if (now - since < this.options.autoVerifyMs) continue;
      const hours = Math.round((now - since) / 360_000) / 10;
      const note =
        `自动验证: 修复后持续正常 ${hours} 小时 (${formatDateTime(since, this.options.timeZone)} 起)` +
        ` / verified by itself: healthy for ${hours} h since the repair`;
      this.act({ ticketId: m.id, action: 'verify', note }, system);
      out.push(m.id);
    }
    return out;
  }

  act(input: MethodParsedInput<'health.ticketAct'>, caller: Caller): FaultTicket {
    const stored = this.require(input.ticketId);
    const { action } = input;
    const status = stored.message.status;
    if (nextTicketStatus(status, action) === null) {
      throw new VigilError('bad-input', ticketRefusal(status, action));
    }
    if (actionsNeedingContractor.includes(action) && input.contractor === undefined) {
      throw new VigilError('bad-input', 'a dispatch names the contractor');
    }
    if (actionsNeedingReason.includes(action) && input.note.trim() === '') {
      throw new VigilError('bad-input', `${action} says why (note)`);
    }
    const at = this.options.now();
    const eventId = randomUUID();
    const event: TicketActionEvent = {
      type: 'ticket-action',
      id: eventId,
      ticketId: input.ticketId,
      operator: caller.operator,
      stationId: this.options.stationId,
      at,
      action,
      ...(action === 'dispatch' && input.contractor !== undefined
        ? { contractor: input.contractor }
        : {}),
      note: input.note,
    };
    this.options.db.transaction(() => {
      this.options.outbox.add('ticket-action', eventId, event, at);
      this.options.store.setRefused(input.ticketId, null);
      this.options.audit.record(caller, `ticket.${action}`, input.ticketId, {
        action,
        ...(event.contractor !== undefined && { contractor: event.contractor }),
        ...(input.note !== '' && { note: input.note }),
      });
    })();
    return this.acted(input.ticketId);
  }

  /** The ticket's picture (a watcher's mark) as a data: URL, null: none or refused. */
  async picture(ticketId: string): Promise<{ dataUrl: string } | null> {
    const m = this.require(ticketId).message;
    if (m.pictureUrl === null) return null;
    let url: URL;
    try {
      url = new URL(m.pictureUrl);
    } catch {
      throw new VigilError('unavailable', `ticket ${ticketId}: its picture is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new VigilError('unavailable', `ticket ${ticketId}: its picture is not an http(s) URL`);
    }
    let pending = this.fetching.get(ticketId);
    if (!pending) {
      pending = this.fetchPicture(url, ticketId);
      this.fetching.set(ticketId, pending);
      const forget = (): void => void this.fetching.delete(ticketId);
      pending.then(forget, forget);
    }
    const bytes = await pending;
    return bytes ? { dataUrl: `data:image/jpeg;base64,${bytes.toString('base64')}` } : null;
  }

  // ---- inside ------------------------------------------------------------------------------

  private open(fault: CurrentFault): string {
    const o = this.options;
    const at = o.now();
    const ticketId = randomUUID();
    const eventId = randomUUID();
    const kind: FaultKind = fault.kind;
    const seconds = Math.round((at - fault.since) / 1000);
    const note = `${kind} ${seconds} s (${fault.source}, ${formatDateTime(fault.since, o.timeZone)} 起)`;
    const event: TicketOpenEvent = {
      type: 'ticket-open',
      id: eventId,
      ticketId,
      operator: autoOperator,
      stationId: o.stationId,
      at,
      cameraId: fault.cameraId,
      fault: kind,
      source: fault.source,
      note,
    };
    const camera = o.camera(fault.cameraId);
    const slaHours = o.slaHours[camera?.kind ?? 'fixed'];
    const provisional: TicketMessage = {
      id: ticketId,
      number: '待编号',
      cameraId: fault.cameraId,
      fault: kind,
      source: fault.source,
      status: 'new',
      openedAt: at,
      openedBy: autoOperator,
      contractor: null,
      suspendReason: null,
      slaHours,
      dueAt: slaDueAt(at, slaHours),
      repairedAt: null,
      closedAt: null,
      repeats: 0,
      lastSeenAt: at,
      pictureUrl: null,
      timeline: [{ at, action: 'open', by: autoOperator, note }],
      rev: 0,
    };
    o.db.transaction(() => {
      o.store.putProvisional(provisional, at);
      o.outbox.add('ticket-open', eventId, event, at);
      o.audit.record(system, 'ticket.open', ticketId, {
        cameraId: fault.cameraId,
        fault: kind,
        source: fault.source,
      });
    })();
    this.openByCamera = null;
    o.log?.(`health: ticket opened for ${fault.cameraId} (${kind} ${seconds} s, ${fault.source})`);
    o.health.ticketChanged(fault.cameraId);
    this.acted(ticketId);
    return ticketId;
  }

  private require(id: string): StoredTicket {
    const stored = this.options.store.ticket(id);
    if (!stored) throw new VigilError('not-found', `no ticket ${id}`);
    return stored;
  }

  private acted(id: string): FaultTicket {
    this.options.onQueued();
    this.options.changed.add(id);
    return this.view(this.require(id));
  }

  /** The JPEG's bytes; null (logged) when the answer is refused: not a JPEG, over 2 MB. */
  private fetchPicture(url: URL, ticketId: string): Promise<Buffer | null> {
    return fetchJpeg(url, {
      fetch: this.options.fetch,
      timeoutMs: this.options.timeoutMs,
      maxBytes: maxTicketPictureBytes,
      what: `ticket ${ticketId} picture`,
      logPrefix: 'health',
      log: this.options.log,
    });
  }
}
