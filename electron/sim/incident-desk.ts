/**
 * The simulated platform's incident records (警情, docs/protocol.md §8): the platform is the
 * system of record and every station mirrors it, so each change here publishes the whole record
 * retained on `vigil/incidents/{id}` (QoS 1) with a growing `rev`, and a station that connects
 * late learns every open incident from the retained messages.
 *
 * Records change from four sides: the simulator's own sources (110 calls, checkpoint plate hits),
 * a watcher's abnormal patrol mark, the stations' incident-* HTTP events (§4), and the units'
 * statuses (`vigil/units/{id}/status`). An event the record's state forbids throws an
 * `IncidentConflict` whose message says why in words; http-server.ts answers it with 409.
 */
import { randomUUID } from 'node:crypto';
import {
  openIncidentStatuses,
  type IncidentLevel,
  type IncidentMessage,
  type IncidentSource,
  type IncidentTimelineEntry,
  type PlatformEvent,
  type UnitStatusMessage,
} from '../../shared/contract/platform';
import type { MarkSnapshot } from '../../shared/contract/watch';

/** An incident event the record's state forbids; the message is the 409's `error`. */
export class IncidentConflict extends Error {}

/** A new incident from one of the platform's own sources. */
export interface NewIncident {
  source: IncidentSource;
  category: string;
  level: IncidentLevel;
  lat: number;
  lng: number;
  address: string;
  reportedAt: number;
  summary?: string;
  callerPhone?: string;
  plate?: IncidentMessage['plate'];
  cameraId?: string;
  markId?: string;
  /** Who opened it, for the timeline (`platform` for a call or a hit). */
  by?: string;
  stationId?: string;
  /** The id a station chose (incident-open); otherwise the platform makes one. */
  id?: string;
  snapshot?: MarkSnapshot;
}

export interface IncidentDeskDeps {
  now: () => number;
  /** Publishes the record (retained, QoS 1), or clears the topic's retained message (`null`). */
  publish: (topic: string, message: IncidentMessage | null) => void;
  /** The platform's base URL, so a picture's url is absolute. */
  baseUrl: string;
  /** A unit's call sign, or undefined when the platform has no such unit. */
  callSignOf: (unitId: string) => string | undefined;
  /** How long a closed incident's retained message stays before it is cleared. */
  clearClosedAfterMs: number;
  /** A camera's name (a mark's incident is addressed by it), or undefined. */
  cameraName?: (cameraId: string) => string | undefined;
}

export interface IncidentDesk {
  /** Opens an incident from a platform source and publishes it. */
  open(input: NewIncident): IncidentMessage;
  /**
   * Applies a station's event: an incident-* event, or a patrol mark (an abnormal one with a place
   * opens an incident). Returns the record it changed, null when the event is not about
   * incidents. Throws IncidentConflict when the record's state forbids the event.
   */
  apply(event: PlatformEvent): IncidentMessage | null;
  /** A unit's status: moves its order on the incident it names along (acknowledged, arrived…). */
  unitStatus(status: UnitStatusMessage): void;
  list(): IncidentMessage[];
  get(id: string): IncidentMessage | undefined;
  /** A picture's JPEG bytes, or undefined. */
  picture(incidentId: string, pictureId: string): Buffer | undefined;
  /** Cancels the pending clear timers. */
  stop(): void;
}

const maxTimeline = 1000;
const maxPictures = 50;
const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const shanghaiTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** How a closed, cancelled or merged incident is named in a 409's reason. */
const endedWord: Partial<Record<IncidentMessage['status'], string>> = {
  closed: 'closed',
  cancelled: 'cancelled',
  merged: 'merged',
};

export function createIncidentDesk(deps: IncidentDeskDeps): IncidentDesk {
  const records = new Map<string, IncidentMessage>();
  const pictures = new Map<string, Map<string, Buffer>>();
  const clearTimers = new Map<string, NodeJS.Timeout>();
  // The number people say: J + the date in China + a per-day sequence (J20261203000123).
  let numberDay = '';
  let numberSeq = 0;

  const nextNumber = (at: number): string => {
    const day = shanghaiDate.format(at).replaceAll('-', '');
    if (day !== numberDay) {
      numberDay = day;
      numberSeq = 0;
    }
    numberSeq += 1;
    return `J${day}${String(numberSeq).padStart(6, '0')}`;
  };

  const isOpen = (r: IncidentMessage): boolean => openIncidentStatuses.includes(r.status);

  const entry = (
    what: string,
    by: string,
    extra: Partial<IncidentTimelineEntry> = {},
  ): IncidentTimelineEntry => ({ at: deps.now(), what, by, ...extra });

  const addTimeline = (r: IncidentMessage, e: IncidentTimelineEntry): void => {
    r.timeline.push(e);
    // Keep the opening entry and the newest: the schema caps the timeline at 1000.
    if (r.timeline.length > maxTimeline) r.timeline.splice(1, r.timeline.length - maxTimeline);
  };

  const addPicture = (r: IncidentMessage, snapshot: MarkSnapshot, by: string): void => {
    if (r.pictures.length >= maxPictures) {
      throw new IncidentConflict(`${r.number} already has ${maxPictures} pictures`);
    }
    const id = `P${r.pictures.length + 1}-${randomUUID().slice(0, 8)}`;
    const bytes = Buffer.from(snapshot.data, 'base64');
    let forIncident = pictures.get(r.id);
    if (!forIncident) pictures.set(r.id, (forIncident = new Map()));
    forIncident.set(id, bytes);
    const url = `${deps.baseUrl}/api/v1/incidents/${encodeURIComponent(r.id)}/pictures/${id}`;
    r.pictures.push({ id, at: deps.now(), by, url });
  };

  /** Bumps rev, publishes; a record that left the open statuses is cleared later. */
  const changed = (r: IncidentMessage): IncidentMessage => {
    r.rev += 1;
    r.updatedAt = deps.now();
    deps.publish(`vigil/incidents/${r.id}`, structuredClone(r));
    if (!isOpen(r) && !clearTimers.has(r.id)) {
      const timer = setTimeout(() => {
        clearTimers.delete(r.id);
        deps.publish(`vigil/incidents/${r.id}`, null);
      }, deps.clearClosedAfterMs);
      timer.unref();
      clearTimers.set(r.id, timer);
    }
    return structuredClone(r);
  };

  /** Why an incident cannot be acted on any more, in words, or null while it is open. */
  const endedReason = (r: IncidentMessage): string | null => {
    if (isOpen(r)) return null;
    const last = [...r.timeline].reverse().find((e) => e.what === r.status);
    const when = shanghaiTime.format(last?.at ?? r.updatedAt);
    const who = last ? ` by ${last.by}${last.stationId ? ` (station ${last.stationId})` : ''}` : '';
    const into = r.status === 'merged' && r.mergedInto ? ` into ${numberOf(r.mergedInto)}` : '';
    return `${r.number} was ${endedWord[r.status] ?? r.status}${into} at ${when}${who}`;
  };

  const numberOf = (id: string): string => records.get(id)?.number ?? id;

  const mustGet = (id: string): IncidentMessage => {
    const r = records.get(id);
    // 409, not 404: the station's outbox never retries a 409 (a 404 would be retried forever),
    // and an incident the platform does not know is a state the event cannot apply to.
    if (!r) throw new IncidentConflict(`no incident ${id} on the platform`);
    return r;
  };

  const mustBeOpen = (r: IncidentMessage): void => {
    const why = endedReason(r);
    if (why) throw new IncidentConflict(why);
  };

  /** The open incident other than `exceptId` that a unit is still working on (not cleared). */
  const busyOn = (unitId: string, exceptId: string): IncidentMessage | undefined => {
    for (const r of records.values()) {
      if (r.id === exceptId || !isOpen(r)) continue;
      if (r.units.some((u) => u.unitId === unitId && u.clearedAt === null)) return r;
    }
    return undefined;
  };

  const open = (input: NewIncident): IncidentMessage => {
    const now = deps.now();
    const id = input.id ?? `INC-${randomUUID()}`;
    if (records.has(id)) throw new IncidentConflict(`incident ${id} already exists`);
    const r: IncidentMessage = {
      id,
      number: nextNumber(now),
      rev: 0,
      category: input.category,
      level: input.level,
      lat: input.lat,
      lng: input.lng,
      address: input.address,
      source: input.source,
      status: 'new',
      reportedAt: input.reportedAt,
      updatedAt: now,
      summary: input.summary ?? '',
      ...(input.callerPhone ? { callerPhone: input.callerPhone } : {}),
      ...(input.plate ? { plate: input.plate } : {}),
      ...(input.cameraId ? { cameraId: input.cameraId } : {}),
      ...(input.markId ? { markId: input.markId } : {}),
      units: [],
      pictures: [],
      timeline: [],
    };
    const by = input.by ?? 'platform';
    addTimeline(
      r,
      entry('opened', by, {
        ...(input.stationId ? { stationId: input.stationId } : {}),
        detail: `${input.source}: ${input.category}`,
      }),
    );
    if (input.snapshot) addPicture(r, input.snapshot, by);
    records.set(id, r);
    return changed(r);
  };

  const apply = (event: PlatformEvent): IncidentMessage | null => {
    if (event.type === 'patrol-mark') {
      // A watcher's abnormal mark with the camera's place opens an incident there (story 1).
      if (event.mark !== 'abnormal' || event.lat === undefined || event.lng === undefined) {
        return null;
      }
      return open({
        source: 'mark',
        category: '巡查发现异常',
        level: 1,
        lat: event.lat,
        lng: event.lng,
        address: `${deps.cameraName?.(event.cameraId) ?? `摄像机 ${event.cameraId}`}附近`,
        reportedAt: event.at,
        summary: event.note,
        cameraId: event.cameraId,
        markId: event.id,
        by: event.operator,
        ...(event.snapshot ? { snapshot: event.snapshot } : {}),
      });
    }
    // Tickets are the ticket desk's (issue #16).
    if (
      event.type === 'tour-run' ||
      event.type === 'ticket-open' ||
      event.type === 'ticket-action'
    ) {
      return null;
    }
    const station = { stationId: event.stationId };
    if (event.type === 'incident-open') {
      return open({
        id: event.incidentId,
        source: 'desk',
        category: event.category,
        level: event.level,
        lat: event.lat,
        lng: event.lng,
        address: event.address,
        reportedAt: event.at,
        summary: event.summary,
        by: event.operator,
        stationId: event.stationId,
        ...(event.cameraId ? { cameraId: event.cameraId } : {}),
        ...(event.snapshot ? { snapshot: event.snapshot } : {}),
      });
    }
    const r = mustGet(event.incidentId);
    mustBeOpen(r);
    switch (event.type) {
      case 'incident-accept':
        if (r.status === 'new') r.status = 'accepted';
        addTimeline(r, entry('accepted', event.operator, station));
        return changed(r);
      case 'incident-note':
        if (event.snapshot) addPicture(r, event.snapshot, event.operator);
        addTimeline(r, entry('note', event.operator, { ...station, detail: event.text }));
        return changed(r);
      case 'incident-merge': {
        if (event.intoId === r.id) {
          throw new IncidentConflict(`${r.number} cannot be merged into itself`);
        }
        const into = mustGet(event.intoId);
        const why = endedReason(into);
        if (why) throw new IncidentConflict(`cannot merge ${r.number} into it: ${why}`);
        r.status = 'merged';
        r.mergedInto = into.id;
        addTimeline(r, entry('merged', event.operator, { ...station, detail: into.number }));
        addTimeline(into, entry('merged-in', event.operator, { ...station, detail: r.number }));
        changed(into);
        return changed(r);
      }
      case 'incident-dispatch': {
        // Check every unit first: a dispatch is applied whole or not at all.
        for (const o of event.orders) {
          if (deps.callSignOf(o.unitId) === undefined) {
            throw new IncidentConflict(`no unit ${o.unitId} on the platform`);
          }
          const other = busyOn(o.unitId, r.id);
          if (other) {
            throw new IncidentConflict(
              `${o.callSign || o.unitId} is already on ${other.number} (${other.status})`,
            );
          }
        }
        const now = deps.now();
        for (const o of event.orders) {
          // A unit sent again to the same incident gets its new order in place of the old one.
          r.units = r.units.filter((u) => u.unitId !== o.unitId);
          r.units.push({
            unitId: o.unitId,
            callSign: o.callSign,
            orderId: o.orderId,
            orderedAt: now,
            orderedBy: event.operator,
            acknowledgedAt: null,
            arrivedAt: null,
            clearedAt: null,
            ...(event.reinforcement ? { reinforcement: event.reinforcement } : {}),
          });
          addTimeline(
            r,
            entry('dispatched', event.operator, {
              ...station,
              unitId: o.unitId,
              detail: event.note ? `${o.callSign}: ${event.note}` : o.callSign,
            }),
          );
        }
        if (r.status === 'new' || r.status === 'accepted') r.status = 'dispatched';
        return changed(r);
      }
      case 'incident-close':
        r.status = 'closed';
        r.disposition = event.disposition;
        r.closedAt = deps.now();
        addTimeline(
          r,
          entry('closed', event.operator, {
            ...station,
            detail: event.note ? `${event.disposition}: ${event.note}` : event.disposition,
          }),
        );
        return changed(r);
    }
  };

  const unitStatus = (status: UnitStatusMessage): void => {
    if (!status.incidentId || !status.orderId) return;
    const r = records.get(status.incidentId);
    if (!r || !isOpen(r)) return;
    const unit = r.units.find((u) => u.unitId === status.unitId && u.orderId === status.orderId);
    if (!unit) return;
    const by = unit.callSign || status.unitId;
    const note = (what: string): void =>
      addTimeline(r, { at: status.at, what, by, unitId: status.unitId });
    switch (status.activity) {
      case 'acknowledged':
        if (unit.acknowledgedAt !== null) return;
        unit.acknowledgedAt = status.at;
        note('acknowledged');
        break;
      case 'en-route':
        if (r.status === 'dispatched' || r.status === 'accepted' || r.status === 'new') {
          r.status = 'en-route';
        }
        note('en-route');
        break;
      case 'on-scene':
        if (unit.arrivedAt !== null) return;
        unit.arrivedAt = status.at;
        if (r.status !== 'handling') r.status = 'on-scene';
        note('arrived');
        break;
      case 'handling':
        r.status = 'handling';
        note('handling');
        break;
      case 'returning':
        // The unit is done here and on its way back: its part of the incident is cleared.
        if (unit.clearedAt !== null) return;
        unit.clearedAt = status.at;
        note('cleared');
        break;
      default:
        return;
    }
    changed(r);
  };

  return {
    open,
    apply,
    unitStatus,
    list: () => [...records.values()].map((r) => structuredClone(r)),
    get: (id) => {
      const r = records.get(id);
      return r ? structuredClone(r) : undefined;
    },
    picture: (incidentId, pictureId) => pictures.get(incidentId)?.get(pictureId),
    stop() {
      for (const t of clearTimers.values()) clearTimeout(t);
      clearTimers.clear();
    },
  };
}
