/**
 * Incidents (警情) as this station mirrors them (docs/protocol.md §8): the platform's records
 * from MQTT (`vigil/incidents/{id}`, retained, the highest `rev` kept), and this station's
 * actions on them as outbox events (exactly once, by the event's id as idempotency key). The
 * platform is the system of record: an action changes nothing here until its record comes back,
 * but the desk sees it `pending`, and a refusal (409: closed at another station) says why.
 *
 * An incident opened here is shown at once as provisional (number 待编号) under the id the
 * platform keeps, so its record, when it comes, replaces it in place.
 */
import { randomUUID } from 'node:crypto';
import type { Caller, MethodParsedInput } from '../../../shared/api';
import type { Incident } from '../../../shared/contract/dispatch';
import {
  openIncidentStatuses,
  type IncidentMessage,
  type IncidentStatus,
  type PlatformEventKind,
  type PlatformEventOf,
} from '../../../shared/contract/platform';
import { haversineM } from '../../../shared/domain/geo';
import { VigilError } from '../../../shared/result';
import type { StoredIncident } from '../cache/dispatch-store';
import type { OutboxItem } from '../cache/outbox-store';
import type { FocusAlert } from '../watch/focus-service';
import { platformAnswer, type DispatchContext } from './dispatch-context';

/** "Recent incidents at this place": within this distance and these days. */
export const nearbyM = 500;
export const nearbyDays = 30;
/** A possible duplicate: open, within this distance and these minutes of each other. */
export const duplicateM = 300;
export const duplicateMinutes = 10;
/** A picture larger than this is not fetched (the protocol's limit). */
export const maxPictureBytes = 2 * 1024 * 1024;

const openSet = new Set<IncidentStatus>(openIncidentStatuses);

export interface IncidentServiceOptions {
  ctx: DispatchContext;
  /** Fetch for pictures (tests pass their own). */
  fetch?: typeof fetch;
  timeoutMs: number;
  /** Pulls the cameras that see a point onto the focus wall (the alerts' linkage). */
  focus: (alert: FocusAlert & { wallId?: number }) => { cameraIds: string[]; wallId: number };
}

type IncidentEventKind = Exclude<Extract<PlatformEventKind, `incident-${string}`>, 'incident-open'>;

export class IncidentService {
  private readonly ctx: DispatchContext;

  constructor(private readonly options: IncidentServiceOptions) {
    this.ctx = options.ctx;
  }

  // ---- from the platform -------------------------------------------------------------------

  /** A record from MQTT (already validated): kept when newer than ours. */
  onMessage(message: IncidentMessage): boolean {
    const stored = this.ctx.store.putIncident(message, this.ctx.now());
    if (stored) this.ctx.changes.incidents.add(message.id);
    return stored;
  }

  /** The platform cleared a closed incident's retained message: we keep our copy. */
  onCleared(id: string): void {
    this.ctx.log?.(`dispatch: incident ${id} cleared by the platform; kept here`);
  }

  /** An outbox item of an incident was delivered or refused. */
  onSettled(item: OutboxItem, outcome: 'delivered' | 'rejected', error: string | null): void {
    if (!item.kind.startsWith('incident-')) return;
    const body = item.payload as { incidentId?: unknown };
    if (typeof body.incidentId !== 'string') return;
    if (outcome === 'rejected') {
      this.ctx.store.setRefused(body.incidentId, {
        action: item.kind.slice('incident-'.length),
        answer: platformAnswer(error ?? 'refused'),
        at: this.ctx.now(),
      });
    }
    this.ctx.changes.incidents.add(body.incidentId);
  }

  // ---- reads -------------------------------------------------------------------------------

  /** Oldest unhandled first: new ones (oldest first), then the other open ones, then the rest. */
  list(input: MethodParsedInput<'incident.list'>): Incident[] {
    const wanted = input.statuses ? new Set<IncidentStatus>(input.statuses) : null;
    const open = openIncidentStatuses.filter((s) => !wanted || wanted.has(s));
    const closed = (['closed', 'cancelled', 'merged'] as const).filter(
      (s) => !wanted || wanted.has(s),
    );
    const rows = [
      ...(open.length > 0 ? this.ctx.store.incidentsByStatus(open, 20_000) : []),
      ...(closed.length > 0 ? this.ctx.store.incidentsByStatus(closed, input.limit) : []),
    ];
    const rank = (s: IncidentStatus): number => (s === 'new' ? 0 : openSet.has(s) ? 1 : 2);
    rows.sort((a, b) => {
      const ra = rank(a.message.status);
      const rb = rank(b.message.status);
      if (ra !== rb) return ra - rb;
      return ra === 2
        ? b.message.reportedAt - a.message.reportedAt
        : a.message.reportedAt - b.message.reportedAt;
    });
    return this.views(rows.slice(0, input.limit));
  }

  get(id: string): { incident: Incident; nearby: Incident[]; duplicates: Incident[] } {
    const stored = this.require(id);
    const m = stored.message;
    const around = this.ctx.store
      .incidentsIn(boxAround(m, nearbyM))
      .filter((o) => o.message.id !== id);
    const nearby = around.filter(
      (o) =>
        o.message.reportedAt >= this.ctx.now() - nearbyDays * 86_400_000 &&
        haversineM(m, o.message) <= nearbyM,
    );
    const duplicates = around.filter(
      (o) =>
        openSet.has(o.message.status) &&
        Math.abs(o.message.reportedAt - m.reportedAt) <= duplicateMinutes * 60_000 &&
        haversineM(m, o.message) <= duplicateM,
    );
    nearby.sort((a, b) => b.message.reportedAt - a.message.reportedAt);
    return {
      incident: this.view(stored),
      nearby: this.views(nearby.slice(0, 50)),
      duplicates: this.views(duplicates),
    };
  }

  /** The incident's point and place, for the order service. */
  record(id: string): IncidentMessage {
    return this.require(id).message;
  }

  view(stored: StoredIncident, pending?: Map<string, number>): Incident {
    const m = stored.message;
    const place = this.ctx.areas().locate(m);
    return {
      ...m,
      receivedAt: stored.receivedAt,
      provisional: stored.provisional,
      pending: (pending ?? this.ctx.outbox.pendingByIncident()).get(m.id) ?? 0,
      refused: stored.refused,
      zoneId: place.zoneId,
      gridId: place.gridId,
    };
  }

  views(rows: StoredIncident[]): Incident[] {
    const pending = this.ctx.outbox.pendingByIncident();
    return rows.map((r) => this.view(r, pending));
  }

  viewsOf(ids: readonly string[]): Incident[] {
    const pending = this.ctx.outbox.pendingByIncident();
    return ids.flatMap((id) => {
      const stored = this.ctx.store.getIncident(id);
      return stored ? [this.view(stored, pending)] : [];
    });
  }

  // ---- acts --------------------------------------------------------------------------------

  open(input: MethodParsedInput<'incident.open'>, caller: Caller): Incident {
    const at = this.ctx.now();
    const incidentId = randomUUID();
    const eventId = randomUUID();
    const event: PlatformEventOf<'incident-open'> = {
      type: 'incident-open',
      id: eventId,
      incidentId,
      operator: caller.operator,
      stationId: this.ctx.stationId,
      at,
      category: input.category,
      level: input.level,
      lat: input.lat,
      lng: input.lng,
      address: input.address,
      summary: input.summary,
      ...(input.cameraId !== undefined && { cameraId: input.cameraId }),
      ...(input.snapshot !== undefined && { snapshot: input.snapshot }),
    };
    // Shown at once; rev 0 so that the platform's first record (rev ≥ 1) replaces it.
    const provisional: IncidentMessage = {
      id: incidentId,
      number: '待编号',
      rev: 0,
      category: input.category,
      level: input.level,
      lat: input.lat,
      lng: input.lng,
      address: input.address,
      source: input.snapshot !== undefined ? 'mark' : 'desk',
      status: 'new',
      reportedAt: at,
      updatedAt: at,
      summary: input.summary,
      ...(input.cameraId !== undefined && { cameraId: input.cameraId }),
      units: [],
      pictures: [],
      timeline: [{ at, what: 'opened', by: caller.operator, stationId: this.ctx.stationId }],
    };
    this.ctx.db.transaction(() => {
      this.ctx.store.putProvisional(provisional, at);
      this.ctx.outbox.add('incident-open', eventId, event, at);
      this.ctx.audit.record(caller, 'incident.open', incidentId, {
        category: input.category,
        level: input.level,
      });
    })();
    return this.acted(incidentId);
  }

  accept(id: string, caller: Caller): Incident {
    return this.send('incident-accept', id, caller, {});
  }

  note(input: MethodParsedInput<'incident.note'>, caller: Caller): Incident {
    return this.send('incident-note', input.id, caller, {
      text: input.text,
      ...(input.snapshot !== undefined && { snapshot: input.snapshot }),
    });
  }

  merge(id: string, intoId: string, caller: Caller): Incident {
    if (id === intoId)
      throw new VigilError('bad-input', 'an incident cannot be merged into itself');
    this.require(intoId);
    return this.send('incident-merge', id, caller, { intoId });
  }

  close(input: MethodParsedInput<'incident.close'>, caller: Caller): Incident {
    return this.send('incident-close', input.id, caller, {
      disposition: input.disposition,
      note: input.note,
    });
  }

  /** A picture of the record, from the cache or fetched from its URL (≤ 2 MB, a JPEG). */
  async picture(
    incidentId: string,
    pictureId: string,
  ): Promise<{ mime: 'image/jpeg'; data: string } | null> {
    const cached = this.ctx.store.picture(incidentId, pictureId);
    if (cached) return { mime: 'image/jpeg', data: cached.toString('base64') };
    const picture = this.require(incidentId).message.pictures.find((p) => p.id === pictureId);
    if (!picture) return null;
    let url: URL;
    try {
      url = new URL(picture.url);
    } catch {
      throw new VigilError('unavailable', `picture ${pictureId}: not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new VigilError('unavailable', `picture ${pictureId}: not an http(s) URL`);
    }
    const bytes = await this.fetchPicture(url, pictureId);
    this.ctx.store.putPicture(incidentId, pictureId, bytes, this.ctx.now());
    return { mime: 'image/jpeg', data: bytes.toString('base64') };
  }

  /** Pulls the cameras that see the incident's point onto the focus wall. */
  focus(id: string, wallId: number | undefined): { cameraIds: string[]; wallId: number } {
    const m = this.require(id).message;
    // A new pull id each time: the desk asks again on purpose (the alerts' linkage de-duplicates).
    return this.options.focus({
      id: `incident-${id}-${this.ctx.now()}`,
      title: `${m.number} ${m.category}`,
      lat: m.lat,
      lng: m.lng,
      ...(m.cameraId !== undefined && { cameraId: m.cameraId }),
      ...(wallId !== undefined && { wallId }),
    });
  }

  // ---- inside ------------------------------------------------------------------------------

  private require(id: string): StoredIncident {
    const stored = this.ctx.store.getIncident(id);
    if (!stored) throw new VigilError('not-found', `no incident ${id}`);
    return stored;
  }

  private send<K extends IncidentEventKind>(
    kind: K,
    id: string,
    caller: Caller,
    extra: Omit<PlatformEventOf<K>, 'type' | 'id' | 'incidentId' | 'operator' | 'stationId' | 'at'>,
  ): Incident {
    this.require(id);
    const at = this.ctx.now();
    const eventId = randomUUID();
    const event = {
      ...extra,
      type: kind,
      id: eventId,
      incidentId: id,
      operator: caller.operator,
      stationId: this.ctx.stationId,
      at,
    } as PlatformEventOf<K>;
    this.ctx.db.transaction(() => {
      this.ctx.outbox.add(
        ...([kind, eventId, event, at] as Parameters<typeof this.ctx.outbox.add>),
      );
      this.ctx.store.setRefused(id, null);
      this.ctx.audit.record(caller, `incident.${kind.slice('incident-'.length)}`, id, extra);
    })();
    return this.acted(id);
  }

  private acted(id: string): Incident {
    this.ctx.onQueued();
    this.ctx.changes.incidents.add(id);
    return this.view(this.require(id));
  }

  private async fetchPicture(url: URL, pictureId: string): Promise<Buffer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await (this.options.fetch ?? fetch)(url, { signal: controller.signal });
      if (!response.ok) {
        throw new VigilError('unavailable', `picture ${pictureId}: HTTP ${response.status}`);
      }
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > maxPictureBytes) {
        throw new VigilError('unavailable', `picture ${pictureId}: larger than 2 MB`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      if (response.body) {
        for await (const chunk of response.body) {
          const b = Buffer.from(chunk as Uint8Array);
          size += b.length;
          if (size > maxPictureBytes) {
            controller.abort();
            throw new VigilError('unavailable', `picture ${pictureId}: larger than 2 MB`);
          }
          chunks.push(b);
        }
      }
      const bytes = Buffer.concat(chunks);
      // A JPEG starts FF D8 FF: anything else is refused, whatever its content type says.
      if (bytes.length < 3 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) {
        throw new VigilError('unavailable', `picture ${pictureId}: not a JPEG`);
      }
      return bytes;
    } catch (error) {
      if (error instanceof VigilError) throw error;
      throw new VigilError(
        'unavailable',
        `picture ${pictureId}: ${controller.signal.aborted ? 'timed out' : String(error)}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

function boxAround(p: { lat: number; lng: number }, m: number) {
  const dLat = m / 111_000;
  const dLng = dLat / Math.max(0.1, Math.cos((p.lat * Math.PI) / 180));
  return { south: p.lat - dLat, north: p.lat + dLat, west: p.lng - dLng, east: p.lng + dLng };
}
