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
import { fetchJpeg } from '../upstream/fetch-jpeg';
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
import { localPicturePrefix, type StoredIncident } from '../cache/dispatch-store';
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
  /**
   * Pulls the cameras that see a point onto the focus wall (the alerts' linkage): the cameras and
   * the tiles they were put on, in the same order (`pulledOnto` in ../watch/focus-service.ts).
   */
  focus: (alert: FocusAlert & { wallId?: number }) => FocusAnswer;
  log?: (line: string) => void;
}

/** What a focus pull did. `tileIndexes` absent: the caller did not say (answered as none). */
export interface FocusAnswer {
  cameraIds: string[];
  wallId: number;
  tileIndexes?: number[];
}

type IncidentEventKind = Exclude<Extract<PlatformEventKind, `incident-${string}`>, 'incident-open'>;

export class IncidentService {
  private readonly ctx: DispatchContext;
  /** Pictures being fetched, by incident and picture: asked twice, fetched once. */
  private readonly fetching = new Map<string, Promise<Buffer | null>>();
  private focusAsks = 0;

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
    const pick = (statuses: readonly IncidentStatus[]) =>
      statuses.filter((st) => !wanted || wanted.has(st));
    // Each group read in its own order with the limit, so the limit cuts the newest of the
    // open ones (never the oldest, which matter most) and the oldest of the closed ones.
    const group = (statuses: IncidentStatus[], order: 'oldest' | 'newest') =>
      statuses.length > 0 ? this.ctx.store.incidentsByStatus(statuses, input.limit, order) : [];
    const rows = [
      ...group(pick(['new']), 'oldest'),
      ...group(pick(openIncidentStatuses.filter((st) => st !== 'new')), 'oldest'),
      ...group(pick(['closed', 'cancelled', 'merged']), 'newest'),
    ];
    return this.views(rows.slice(0, input.limit));
  }

  get(id: string): { incident: Incident; nearby: Incident[]; duplicates: Incident[] } {
    const stored = this.require(id);
    const m = stored.message;
    const around = this.ctx.store
      .incidentsIn(boxAround(m, nearbyM))
      .filter((o) => o.message.id !== id);
    // Possible duplicates only of an open incident (a closed one is not merged any more), the
    // earliest first: the first call is the one the others are merged into.
    const duplicates = openSet.has(m.status)
      ? around.filter(
          (o) =>
            openSet.has(o.message.status) &&
            Math.abs(o.message.reportedAt - m.reportedAt) <= duplicateMinutes * 60_000 &&
            haversineM(m, o.message) <= duplicateM,
        )
      : [];
    duplicates.sort((a, b) => a.message.reportedAt - b.message.reportedAt);
    // Recent incidents here, newest first, without those already offered as duplicates.
    const offered = new Set(duplicates.map((o) => o.message.id));
    const nearby = around.filter(
      (o) =>
        !offered.has(o.message.id) &&
        o.message.reportedAt >= this.ctx.now() - nearbyDays * 86_400_000 &&
        haversineM(m, o.message) <= nearbyM,
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
    // The snapshot is kept here as the provisional incident's picture, so the desk shows it at
    // once; it stays until the platform's record carries pictures of its own.
    const local =
      input.snapshot !== undefined
        ? {
            id: `${localPicturePrefix}${eventId}`,
            at,
            by: caller.operator,
            url: `vigil-local:${incidentId}/${eventId}`,
            bytes: Buffer.from(input.snapshot.data, 'base64'),
          }
        : null;
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
      pictures: local ? [{ id: local.id, at: local.at, by: local.by, url: local.url }] : [],
      timeline: [{ at, what: 'opened', by: caller.operator, stationId: this.ctx.stationId }],
    };
    this.ctx.db.transaction(() => {
      this.ctx.store.putProvisional(provisional, at);
      if (local) this.ctx.store.putPicture(incidentId, local.id, local.bytes, at);
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

  /**
   * A picture of the record, from the cache or fetched once from its URL and kept. An answer
   * that is not a JPEG or is over 2 MB is refused: logged, and null (asking again will not
   * help). A platform that cannot be reached or answers an error: `unavailable` (ask again).
   */
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
    const key = `${incidentId}\u0000${pictureId}`;
    let pending = this.fetching.get(key);
    if (!pending) {
      pending = this.fetchPicture(url, pictureId).then((bytes) => {
        if (bytes) this.ctx.store.putPicture(incidentId, pictureId, bytes, this.ctx.now());
        return bytes;
      });
      this.fetching.set(key, pending);
      const forget = (): void => void this.fetching.delete(key);
      pending.then(forget, forget);
    }
    const bytes = await pending;
    return bytes ? { mime: 'image/jpeg', data: bytes.toString('base64') } : null;
  }

  /**
   * Pulls the cameras that see the incident's point onto the focus wall: the cameras and the
   * tiles they went to (the desk then plays those tiles back in sync, `tile.playback`).
   */
  focus(
    id: string,
    wallId: number | undefined,
  ): { cameraIds: string[]; wallId: number; tileIndexes: number[] } {
    const m = this.require(id).message;
    // A new pull id each time: the desk asks again on purpose (the alerts' linkage de-duplicates
    // by id, so two asks in one millisecond, for two walls, must not share one).
    const pulled = this.options.focus({
      id: `incident-${id}-${this.ctx.now()}-${++this.focusAsks}`,
      title: `${m.number} ${m.category}`,
      lat: m.lat,
      lng: m.lng,
      ...(m.cameraId !== undefined && { cameraId: m.cameraId }),
      ...(wallId !== undefined && { wallId }),
    });
    return {
      cameraIds: pulled.cameraIds,
      wallId: pulled.wallId,
      tileIndexes: pulled.tileIndexes ?? [],
    };
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

  /** The JPEG's bytes; null (logged) when the answer is refused: not a JPEG, over 2 MB. */
  private fetchPicture(url: URL, pictureId: string): Promise<Buffer | null> {
    return fetchJpeg(url, {
      fetch: this.options.fetch,
      timeoutMs: this.options.timeoutMs,
      maxBytes: maxPictureBytes,
      what: `picture ${pictureId}`,
      logPrefix: 'dispatch',
      log: this.options.log,
    });
  }
}

function boxAround(p: { lat: number; lng: number }, m: number) {
  const dLat = m / 111_000;
  const dLng = dLat / Math.max(0.1, Math.cos((p.lat * Math.PI) / 180));
  return { south: p.lat - dLat, north: p.lat + dLat, west: p.lng - dLng, east: p.lng + dLng };
}
