/**
 * Incidents at the station core (issue #13), without a platform: pictures fetched once from the
 * record's URL and kept (a non-JPEG or over 2 MB refused, logged, null), the snapshot of an
 * incident opened here shown at once as its picture, incident.focus pulling the cameras that see
 * the point onto the focus wall's tiles and naming those tiles, the queue's order and the
 * duplicate suggestions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller, Camera } from '../../../shared/api';
import type { MapGeometry } from '../../../shared/contract/map';
import type { IncidentMessage } from '../../../shared/contract/platform';
import { AuditLog } from '../../../electron/station/cache/audit-log';
import { openDatabase, type CacheDatabase } from '../../../electron/station/cache/database';
import { DispatchStore } from '../../../electron/station/cache/dispatch-store';
import { OutboxStore } from '../../../electron/station/cache/outbox-store';
import { WatchStore } from '../../../electron/station/cache/watch-store';
import { AreaIndex } from '../../../electron/station/dispatch/area-index';
import {
  ChangeSet,
  type DispatchContext,
} from '../../../electron/station/dispatch/dispatch-context';
import {
  IncidentService,
  type FocusAnswer,
} from '../../../electron/station/dispatch/incident-service';
import { FocusService, pulledOnto } from '../../../electron/station/watch/focus-service';
import { realClock } from '../../../electron/station/watch/watch-clock';

const chief: Caller = { window: 'desk', operator: '值班长甲', role: 'chief', signedIn: true };
const geometry: MapGeometry = {
  version: 'none',
  source: 'none',
  areas: [],
  mustPatrolLines: [],
  mustReachPoints: [],
  checkpoints: [],
  dutyPosts: [],
  bounds: null,
};
const jpeg = (size = 64): Buffer => {
  const b = Buffer.alloc(size, 7);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  return b;
};
const T0 = Date.UTC(2026, 11, 3, 2, 0, 0);

function record(id: string, over: Partial<IncidentMessage> = {}): IncidentMessage {
  return {
    id,
    number: `J-${id}`,
    rev: 1,
    category: '盗窃',
    level: 1,
    lat: 35.405,
    lng: 116.965,
    address: '农贸市场',
    source: 'call',
    status: 'new',
    reportedAt: T0,
    updatedAt: T0,
    summary: '',
    units: [],
    pictures: [],
    timeline: [],
    ...over,
  };
}

let db: CacheDatabase;
let now: number;
let logs: string[];
let fetches: string[];
let answer: () => Response;
let focusCalls: number;
let focusAnswer: FocusAnswer;
let service: IncidentService;

function build(focus?: (alert: Parameters<FocusService['onAlert']>[0]) => FocusAnswer) {
  const ctx: DispatchContext = {
    db,
    store: new DispatchStore(db),
    outbox: new OutboxStore(db),
    audit: new AuditLog(db, () => now),
    stationId: 'station-1',
    now: () => now,
    areas: () => new AreaIndex(geometry),
    changes: new ChangeSet(),
    onQueued: () => {},
    log: (line) => void logs.push(line),
  };
  return new IncidentService({
    ctx,
    timeoutMs: 5000,
    fetch: (input) => {
      fetches.push(String(input));
      return Promise.resolve(answer());
    },
    focus:
      focus ??
      (() => {
        focusCalls++;
        return focusAnswer;
      }),
    log: (line) => void logs.push(line),
  });
}

beforeEach(() => {
  db = openDatabase(':memory:');
  now = T0;
  logs = [];
  fetches = [];
  focusCalls = 0;
  focusAnswer = { cameraIds: [], wallId: 1, tileIndexes: [] };
  answer = () =>
    new Response(new Uint8Array(jpeg()), { headers: { 'content-type': 'image/jpeg' } });
  service = build();
});
afterEach(() => db.close());

const withPicture = (id: string, pictureId = 'P1') =>
  record(id, {
    pictures: [{ id: pictureId, at: T0, by: '平台', url: `http://platform.test/pic/${pictureId}` }],
  });

describe('incident.picture', () => {
  it('fetches a JPEG from the record once, keeps it, returns it', async () => {
    service.onMessage(withPicture('i1'));
    const [a, b] = await Promise.all([service.picture('i1', 'P1'), service.picture('i1', 'P1')]);
    expect(a).toEqual({ mime: 'image/jpeg', data: jpeg().toString('base64') });
    expect(b).toEqual(a);
    expect(fetches).toEqual(['http://platform.test/pic/P1']);
    // Kept: asked again (and by a new service on the same cache), never fetched again.
    answer = () => new Response('gone', { status: 500 });
    expect(await service.picture('i1', 'P1')).toEqual(a);
    expect(await build().picture('i1', 'P1')).toEqual(a);
    expect(fetches).toHaveLength(1);
  });

  it('refuses an answer that is not a JPEG: logged, null, not kept', async () => {
    service.onMessage(withPicture('i2'));
    answer = () => new Response('<html>login</html>', { headers: { 'content-type': 'text/html' } });
    expect(await service.picture('i2', 'P1')).toBeNull();
    expect(logs.some((l) => l.includes('P1') && l.includes('not a JPEG'))).toBe(true);
    // Not kept: a later good answer is taken.
    answer = () => new Response(new Uint8Array(jpeg()));
    expect(await service.picture('i2', 'P1')).not.toBeNull();
    expect(fetches).toHaveLength(2);
  });

  it('refuses a picture over 2 MB, declared or not: logged, null', async () => {
    service.onMessage(withPicture('i3'));
    const big = jpeg(2 * 1024 * 1024 + 1);
    answer = () => new Response(new Uint8Array(big));
    expect(await service.picture('i3', 'P1')).toBeNull();
    answer = () =>
      new Response(new Uint8Array(jpeg()), { headers: { 'content-length': String(3 << 20) } });
    expect(await service.picture('i3', 'P1')).toBeNull();
    expect(logs.filter((l) => l.includes('over 2 MB'))).toHaveLength(2);
  });

  it('a picture the record does not list: null, nothing fetched', async () => {
    service.onMessage(withPicture('i4'));
    expect(await service.picture('i4', 'P9')).toBeNull();
    expect(fetches).toHaveLength(0);
  });

  it('a platform that answers an error: unavailable (may be asked again)', async () => {
    service.onMessage(withPicture('i5'));
    answer = () => new Response('', { status: 503 });
    await expect(service.picture('i5', 'P1')).rejects.toMatchObject({ code: 'unavailable' });
  });
});

describe('a snapshot given with incident.open', () => {
  const snapshot = { mime: 'image/jpeg' as const, data: jpeg(100).toString('base64') };
  const open = () =>
    service.open(
      {
        category: '可疑车辆',
        level: 1,
        lat: 35.4,
        lng: 116.9,
        address: '',
        summary: '挖掘机',
        cameraId: 'cam-1',
        snapshot,
      },
      chief,
    );

  it('is the provisional incident picture at once, read without the platform', async () => {
    const opened = open();
    expect(opened.provisional).toBe(true);
    expect(opened.pictures).toHaveLength(1);
    const pic = opened.pictures[0];
    if (!pic) throw new Error('no picture');
    expect(pic).toMatchObject({ at: T0, by: '值班长甲' });
    expect(await service.picture(opened.id, pic.id)).toEqual(snapshot);
    expect(fetches).toHaveLength(0);
  });

  it('stays while the platform record has no picture, goes once it has its own', async () => {
    const opened = open();
    const local = opened.pictures[0];
    if (!local) throw new Error('no picture');
    service.onMessage(record(opened.id, { rev: 1 }));
    const confirmed = service.get(opened.id).incident;
    expect(confirmed.provisional).toBe(false);
    expect(confirmed.number).toBe(`J-${opened.id}`);
    expect(confirmed.pictures.map((p) => p.id)).toEqual([local.id]);
    expect(await service.picture(opened.id, local.id)).toEqual(snapshot);

    service.onMessage(withPicture(opened.id, 'P1-platform'));
    // The same rev again is not newer: the record (and its local picture) stays.
    expect(service.get(opened.id).incident.pictures.map((p) => p.id)).toEqual([local.id]);
    service.onMessage({ ...withPicture(opened.id, 'P1-platform'), rev: 2 });
    const after = service.get(opened.id).incident;
    expect(after.pictures.map((p) => p.id)).toEqual(['P1-platform']);
    expect(await service.picture(opened.id, local.id)).toBeNull();
  });

  it('the event sent to the platform still carries the snapshot', () => {
    open();
    const row = db.prepare("SELECT payload FROM outbox WHERE kind = 'incident-open'").get() as
      { payload: string } | undefined;
    expect(row && JSON.parse(row.payload)).toMatchObject({ snapshot });
  });
});

describe('incident.focus', () => {
  const cam = (id: string, lat: number, lng: number, over: Partial<Camera> = {}): Camera => ({
    id,
    name: id,
    gridId: 'g1',
    kind: 'fixed',
    lat,
    lng,
    liveUrl: `http://video.test/${id}.m3u8`,
    status: 'online',
    ...over,
  });

  it('pulls the cameras that see the point onto the focus wall and names the tiles', () => {
    const point = { lat: 35.405, lng: 116.965 };
    const cameras = [
      cam('c-near', point.lat + 0.0004, point.lng), // 44 m north, a dome (sees all round)
      cam('c-view', point.lat + 0.001, point.lng, { heading: 180, fov: 60, range: 300 }), // sees it
      cam('c-off', point.lat, point.lng + 0.0002, { status: 'offline' }),
      cam('c-far', point.lat + 0.02, point.lng), // 2 km
    ];
    const focus = new FocusService({
      store: new WatchStore(db),
      audit: new AuditLog(db, () => now),
      clock: realClock(() => now),
      cameras: () => cameras,
      assign: () => {},
      linkage: { wallId: 1, tileIndices: [2, 3, 5, 6], radiusM: 300, pullTtlMs: 600_000 },
      tileCount: () => 9,
      onChanged: () => {},
    });
    try {
      focus.pin(
        { wallId: 1, tileIndex: 3, cameraId: 'c-far', reason: '医院大门', expiresAt: null },
        chief,
      );
      const s = build((alert) => pulledOnto(focus.onAlert(alert), alert.wallId ?? 1));
      s.onMessage(record('f1', point));
      const pulled = s.focus('f1', undefined);
      // Both see it, the nearer first; the offline and the far one left; the pinned tile skipped.
      expect(pulled).toEqual({ cameraIds: ['c-near', 'c-view'], wallId: 1, tileIndexes: [2, 5] });
      const stored = focus.list().pulls;
      expect(stored).toHaveLength(1);
      expect(stored[0]?.tiles.map((t) => [t.tileIndex, t.cameraId])).toEqual([
        [2, 'c-near'],
        [5, 'c-view'],
      ]);
      // Asked again (the desk's button, a minute later): pulled again, same tiles.
      now += 60_000;
      expect(s.focus('f1', undefined).tileIndexes).toEqual([2, 5]);
      // Another wall asked for.
      const other = s.focus('f1', 2);
      expect(other).toMatchObject({ wallId: 2, tileIndexes: [2, 3] });
      // Nothing sees a point in the fields: no tiles.
      s.onMessage(record('f2', { lat: 35.5, lng: 116.965 }));
      expect(s.focus('f2', undefined)).toEqual({ cameraIds: [], wallId: 1, tileIndexes: [] });
    } finally {
      focus.stop();
    }
  });

  it('an unknown incident: not found, nothing pulled', () => {
    expect(() => service.focus('nope', undefined)).toThrow(/no incident/);
    expect(focusCalls).toBe(0);
  });
});

describe('the queue and the duplicates', () => {
  const min = 60_000;
  const put = (id: string, over: Partial<IncidentMessage>) => service.onMessage(record(id, over));

  it('lists new ones oldest first, then the other open ones oldest first, then closed newest first', () => {
    put('closed-old', { status: 'closed', reportedAt: T0 - 90 * min });
    put('closed-new', { status: 'closed', reportedAt: T0 - 5 * min });
    put('accepted-old', { status: 'accepted', reportedAt: T0 - 60 * min });
    put('onscene', { status: 'on-scene', reportedAt: T0 - 50 * min });
    put('new-young', { status: 'new', reportedAt: T0 - 1 * min });
    put('new-old', { status: 'new', reportedAt: T0 - 30 * min });
    expect(service.list({ limit: 500 }).map((i) => i.id)).toEqual([
      'new-old',
      'new-young',
      'accepted-old',
      'onscene',
      'closed-new',
      'closed-old',
    ]);
    // The limit cuts from the end of the queue, never an old unhandled one.
    expect(service.list({ limit: 3 }).map((i) => i.id)).toEqual([
      'new-old',
      'new-young',
      'accepted-old',
    ]);
    expect(service.list({ statuses: ['closed'], limit: 1 }).map((i) => i.id)).toEqual([
      'closed-new',
    ]);
    expect(service.list({ statuses: ['new', 'closed'], limit: 500 }).map((i) => i.id)).toEqual([
      'new-old',
      'new-young',
      'closed-new',
      'closed-old',
    ]);
  });

  it('suggests open incidents at the same place within minutes as duplicates, earliest first', () => {
    const p = { lat: 35.405, lng: 116.965 };
    put('me', { ...p, reportedAt: T0 });
    put('dup-late', { lat: p.lat + 0.001, lng: p.lng, reportedAt: T0 + 4 * min }); // 111 m
    put('dup-early', { ...p, reportedAt: T0 - 8 * min, status: 'dispatched' });
    put('too-far', { lat: p.lat + 0.004, lng: p.lng, reportedAt: T0 }); // 445 m
    put('too-late', { ...p, reportedAt: T0 + 15 * min });
    put('closed-here', { ...p, reportedAt: T0 - 1 * min, status: 'closed' });
    put('last-week', { ...p, reportedAt: T0 - 7 * 86_400_000, status: 'closed' });
    put('last-year', { ...p, reportedAt: T0 - 365 * 86_400_000, status: 'closed' });
    const got = service.get('me');
    expect(got.duplicates.map((i) => i.id)).toEqual(['dup-early', 'dup-late']);
    // Recent incidents here, newest first, without those offered as duplicates.
    expect(got.nearby.map((i) => i.id)).toEqual([
      'too-late',
      'too-far',
      'closed-here',
      'last-week',
    ]);
    // A closed incident is not merged any more: no duplicates offered for it.
    expect(service.get('closed-here').duplicates).toEqual([]);
  });
});
