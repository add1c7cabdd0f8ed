import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  Caller,
  Camera,
  Catalog,
  MethodInput,
  MethodName,
  MethodOutput,
  VigilEvent,
} from '../../../shared/api';
import type { Result } from '../../../shared/result';
import { ContractHost, type Handlers } from '../../../electron/station/contract-host';
import type { EventBus } from '../../../electron/station/event-bus';
import { AuditLog } from '../../../electron/station/cache/audit-log';
import { openDatabase, type CacheDatabase } from '../../../electron/station/cache/database';
import { OutboxStore } from '../../../electron/station/cache/outbox-store';
import {
  createWatchCapability,
  type WatchHandlers,
} from '../../../electron/station/watch/watch-capability';
import type { LinkageConfig } from '../../../electron/station/watch/focus-service';
import { shanghaiAt } from '../../../shared/domain/watch';
import { RealtimeClient } from '../../../electron/station/upstream/realtime-client';
import { WatchStore } from '../../../electron/station/cache/watch-store';
import type { RotationGroup } from '../../../shared/domain/watch';
import type { RotationState } from '../../../shared/contract/watch';
import { applyGroupChange, applyRotationChange } from '../../../renderer/state/use-watch-rotation';
import { FakeClock } from './fake-clock';
import { HOLD_GRACE_MS } from '../../../electron/station/watch/tour-service';

const desk: Caller = { window: 'desk', operator: '王五', role: 'chief', signedIn: true };
const wallCaller: Caller = {
  window: 'wall',
  wallId: 1,
  operator: '王五',
  role: 'watcher',
  signedIn: true,
};

const cam = (i: number, over: Partial<Camera> = {}): Camera => ({
  id: `c${i}`,
  name: `河道 ${i}`,
  gridId: 'g1',
  kind: 'fixed',
  lat: 35.4 + i * 0.001,
  lng: 116.96,
  heading: 180,
  fov: 90,
  range: 200,
  liveUrl: 'http://127.0.0.1/x.m3u8',
  status: 'online',
  ...over,
});

/** The host answers `Result<unknown>`; the contract says what each method returns. */
const call = <M extends MethodName>(
  host: ContractHost,
  method: M,
  input: MethodInput<M>,
  caller: Caller,
): Promise<Result<MethodOutput<M>>> =>
  host.dispatch(method, input, caller) as Promise<Result<MethodOutput<M>>>;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(clock: FakeClock, dir?: string, linkage?: Partial<LinkageConfig>) {
  const d = dir ?? mkdtempSync(join(tmpdir(), 'vigil-watch-'));
  if (!dir) dirs.push(d);
  const db: CacheDatabase = openDatabase(join(d, 'vigil.db'));
  const catalog: Catalog = {
    version: '1',
    areas: [
      { id: 'z1', name: '城区', level: 'zone', parentId: null },
      { id: 'g1', name: '一网格', level: 'grid', parentId: 'z1' },
    ],
    cameras: Array.from({ length: 10 }, (_, i) => cam(i)),
  };
  const events: VigilEvent[] = [];
  const assigned: string[] = [];
  const watch = createWatchCapability({
    db,
    outbox: new OutboxStore(db),
    audit: new AuditLog(db),
    events: {
      emit: ((stream: string, payload: unknown) => {
        const e = { stream, payload, seq: 0, epoch: 'e', at: clock.now() } as VigilEvent;
        events.push(e);
        return e;
      }) as EventBus['emit'],
    },
    clock,
    catalog: () => catalog,
    camera: (id) => catalog.cameras.find((c) => c.id === id),
    walls: {
      tileCount: (w) => {
        if (w !== 1 && w !== 2) throw new Error(`no wall ${w}`);
        return 4;
      },
      assign: (w, t, c) => void assigned.push(`${w}/${t}/${c}`),
    },
    onQueued: () => {},
    linkage,
  });
  watch.start();
  // The station's session: a duty chief signed in (the wall windows act for them).
  const host = new ContractHost(
    { ...fullHandlers(), ...watch.handlers },
    { session: () => ({ name: desk.operator, role: desk.role }) },
  );
  return { d, db, catalog, events, watch, host, assigned };
}

// Only the watch methods are exercised here; any other throws.
function fullHandlers(): Omit<Handlers, keyof WatchHandlers> {
  const no = () => {
    throw new Error('not in this test');
  };
  return new Proxy({} as Record<string, unknown>, {
    get: (t, k: string) => t[k] ?? no,
    has: () => true,
  }) as unknown as Omit<Handlers, keyof WatchHandlers>;
}

describe('rotation service', () => {
  it('pages on the fake clock, emits page + nextPage + swapAt, and survives a restart', async () => {
    const clock = new FakeClock(1_000_000);
    const s = setup(clock);
    const save = await call(
      s.host,
      'rotation.save',
      {
        id: 'river',
        name: '河道',
        cameraIds: s.catalog.cameras.map((c) => c.id),
        dwellMs: 5000,
        target: { wallId: 1 },
      },
      desk,
    );
    expect(save.ok).toBe(true);
    const started = await call(s.host, 'rotation.start', { id: 'river' }, desk);
    expect(started.ok && started.value.page.tiles.map((t) => t.cameraId)).toEqual([
      'c0',
      'c1',
      'c2',
      'c3',
    ]);
    expect(started.ok && started.value.nextPage.tiles[0]?.cameraId).toBe('c4');
    clock.advance(5000);
    const last = s.events.filter((e) => e.stream === 'rotation').at(-1);
    expect(last?.stream === 'rotation' && last.payload.running[0]?.page.tiles[0]?.cameraId).toBe(
      'c4',
    );

    // A wall may hold (enlarge) only its own rotation; the hold pauses it.
    const held = await call(
      s.host,
      'rotation.hold',
      { wallId: 1, reason: 'enlarge', on: true },
      wallCaller,
    );
    expect(held.ok && held.value.view?.paused).toBe(true);
    clock.advance(60_000);
    let state = await call(s.host, 'rotation.state', {}, wallCaller);
    expect(state.ok && state.value.running[0]?.page.number).toBe(2);
    await call(s.host, 'rotation.hold', { wallId: 1, reason: 'enlarge', on: false }, wallCaller);

    // Restart: a new core on the same file resumes the same page, then catches up.
    s.watch.stop();
    s.db.close();
    expect(clock.pending).toBe(0);
    const again = setup(clock, s.d);
    dirs.push(s.d);
    state = await call(again.host, 'rotation.state', {}, desk);
    expect(state.ok && state.value.running[0]?.page.number).toBe(2);
    clock.advance(10_000);
    state = await call(again.host, 'rotation.state', {}, desk);
    expect(state.ok && state.value.running[0]?.page.number).toBe(4);
    again.watch.stop();
    again.db.close();
  });

  it('sends what changed: a group edit on rotation.groups, only the walls whose view changed on rotation', async () => {
    const clock = new FakeClock(1_000_000);
    const s = setup(clock);
    const ids = s.catalog.cameras.map((c) => c.id);
    const group = (id: string, wallId: number, dwellMs: number): RotationGroup => ({
      id,
      name: `轮巡 ${id}`,
      cameraIds: ids,
      dwellMs,
      dwellOverrides: {},
      target: { wallId },
    });
    const must = <T>(r: Result<T>): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const list = async () => must(await call(s.host, 'rotation.list', {}, desk));
    const running = async () => must(await call(s.host, 'rotation.state', {}, desk));
    const since = (i: number) => s.events.slice(i).map((e) => [e.stream, e.payload] as const);
    // What a window holds: a fetch, then every event of both streams applied in order.
    const fold = (
      from: number,
      groups: RotationGroup[],
      running: RotationState,
    ): [RotationGroup[], RotationState] => {
      for (const e of s.events.slice(from)) {
        if (e.stream === 'rotation.groups') groups = applyGroupChange(groups, e.payload);
        if (e.stream === 'rotation') running = applyRotationChange(running, e.payload);
      }
      return [groups, running];
    };

    await call(s.host, 'rotation.save', group('b', 2, 7000), desk);
    await call(s.host, 'rotation.save', group('a', 1, 5000), desk);
    expect(since(0)).toEqual([
      ['rotation.groups', { saved: group('b', 2, 7000) }],
      ['rotation.groups', { saved: group('a', 1, 5000) }],
    ]);
    expect((await list()).map((g) => g.id)).toEqual(['a', 'b']);
    await call(s.host, 'rotation.start', { id: 'a' }, desk);
    await call(s.host, 'rotation.start', { id: 'b' }, desk);
    const started = since(2);
    expect(started.map(([stream, p]) => [stream, 'stopped' in p && p.running[0]?.wallId])).toEqual([
      ['rotation', 1],
      ['rotation', 2],
    ]);
    expect(started[0]?.[1]).toMatchObject({ running: [{ name: '轮巡 a', cameraCount: 10 }] });
    const mid = s.events.length;
    const midGroups = await list();
    const midState = await running();

    // A page turn of wall 1: wall 2's view did not change, and no group is read back or sent.
    const reads = vi.spyOn(WatchStore.prototype, 'groups');
    clock.advance(5000);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    const turn = since(mid);
    expect(turn).toHaveLength(1);
    expect(turn[0]?.[0]).toBe('rotation');
    const payload = turn[0]?.[1];
    expect(payload && 'stopped' in payload && payload.running.map((r) => r.wallId)).toEqual([1]);
    expect(JSON.stringify(payload)).not.toContain('cameraIds');

    // A running group renamed: the group, and its wall's view (the name rides with it).
    let from = s.events.length;
    await call(s.host, 'rotation.save', { ...group('a', 1, 5000), name: '河道' }, desk);
    expect(since(from).map(([stream]) => stream)).toEqual(['rotation.groups', 'rotation']);
    // A stopped group saved: the group only.
    from = s.events.length;
    await call(s.host, 'rotation.save', group('c', 1, 9000), desk);
    expect(since(from).map(([stream]) => stream)).toEqual(['rotation.groups']);
    // A running group deleted: its wall stops, then the group goes.
    from = s.events.length;
    await call(s.host, 'rotation.delete', { id: 'b' }, desk);
    expect(since(from)).toEqual([
      ['rotation', { running: [], stopped: [2] }],
      ['rotation.groups', { deleted: 'b' }],
    ]);
    await call(s.host, 'rotation.delete', { id: 'b' }, desk);
    expect(s.events.length - from).toBe(2);
    clock.advance(12_000);

    // Folding the events onto a fetch gives what the core answers now, also when some of the
    // events applied were already in the fetch (useSyncedState applies those queued during it).
    const final: [RotationGroup[], RotationState] = [await list(), await running()];
    expect(final[1].running.map((r) => [r.wallId, r.page.number])).toEqual([[1, 4]]);
    expect(fold(0, [], { running: [] })).toEqual(final);
    expect(fold(mid, midGroups, midState)).toEqual(final);
    expect(fold(2, midGroups, midState)).toEqual(final);
    s.watch.stop();
    s.db.close();
  });

  it('pinned tiles are left out of the rotation; bad groups are refused with the field named', async () => {
    const clock = new FakeClock(0);
    const s = setup(clock);
    await call(
      s.host,
      'focus.pin',
      { wallId: 1, tileIndex: 0, cameraId: 'c9', reason: '医院' },
      desk,
    );
    expect(s.assigned).toEqual(['1/0/c9']);
    await call(
      s.host,
      'rotation.save',
      {
        id: 'g',
        name: 'g',
        cameraIds: ['c0', 'c1', 'c2', 'c3', 'c4'],
        dwellMs: 5000,
        target: { wallId: 1 },
      },
      desk,
    );
    const r = await call(s.host, 'rotation.start', { id: 'g' }, desk);
    expect(r.ok && r.value.page.tiles.map((t) => t.tileIndex)).toEqual([1, 2, 3]);
    const bad = await call(
      s.host,
      'rotation.save',
      { id: 'g g', name: '', cameraIds: [], dwellMs: 10, target: { wallId: 0 } },
      desk,
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('bad-input');
    const fromWall = await call(s.host, 'rotation.start', { id: 'g' }, wallCaller);
    expect(!fromWall.ok && fromWall.error.code).toBe('forbidden');
    s.watch.stop();
    s.db.close();
  });
});

describe('tour service', () => {
  it('a window opening at 02:00 Shanghai starts the run; unmarked stops are missed; CSV and coverage follow', async () => {
    const clock = new FakeClock(shanghaiAt('2024-03-10', 60)); // 01:00
    const s = setup(clock);
    const saved = await call(
      s.host,
      'tour.save',
      {
        id: 'night',
        name: '夜间河道',
        stops: [
          { cameraId: 'c0', dwellMs: 10_000, check: '挖掘机' },
          { cameraId: 'c1', dwellMs: 10_000 },
          { cameraId: 'c2', dwellMs: 10_000 },
        ],
        windows: [{ start: '02:00', end: '05:00', days: 'daily' }],
        watcher: '李四',
        wallId: 1,
      },
      desk,
    );
    expect(saved.ok && saved.value.nextOpensAt).toBe(shanghaiAt('2024-03-10', 120));
    clock.advance(3600_000);
    const started = s.events.find((e) => e.stream === 'tour' && e.payload.started);
    expect(started).toBeDefined();
    const st = await call(s.host, 'tour.state', {}, wallCaller);
    const run = st.ok ? st.value.runs[0] : undefined;
    expect(run?.watcher).toBe('李四');
    const marked = await call(
      s.host,
      'tour.mark',
      { runId: run!.id, stopIndex: 0, mark: 'abnormal', note: '挖掘机' },
      wallCaller,
    );
    expect(marked.ok && marked.value.current).toBe(1);
    // Windows learn of the mark at once (a run that goes on is a change too).
    const afterMark = s.events.filter((e) => e.stream === 'tour').at(-1);
    expect(afterMark?.stream === 'tour' && afterMark.payload.runs[0]?.stops[0]?.outcome).toBe(
      'abnormal',
    );
    const badFault = await call(
      s.host,
      'tour.mark',
      { runId: run!.id, stopIndex: 1, mark: 'normal', fault: 'black' },
      wallCaller,
    );
    expect(!badFault.ok && badFault.error.message).toMatch(/fault/);
    clock.advance(25_000);
    const done = await call(s.host, 'tourRun.get', { runId: run!.id }, desk);
    expect(done.ok && done.value.stops.map((x) => x.outcome)).toEqual([
      'abnormal',
      'missed',
      'missed',
    ]);
    expect(done.ok && done.value.status).toBe('completed');
    const late = await call(
      s.host,
      'tour.mark',
      { runId: run!.id, stopIndex: 1, mark: 'normal' },
      wallCaller,
    );
    expect(late.ok).toBe(false);
    // The mark is in the outbox once, with the camera's location for the event it opens.
    const outbox = s.db.prepare("SELECT payload FROM outbox WHERE kind = 'patrol-mark'").all() as {
      payload: string;
    }[];
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({
      mark: 'abnormal',
      tourRunId: run!.id,
      stopIndex: 0,
      lat: 35.4,
    });
    const csv = await call(s.host, 'tourRun.exportCsv', { runIds: [run!.id] }, desk);
    expect(csv.ok && csv.value.csv.split('\r\n').length).toBe(5);
    const report = await call(s.host, 'coverage.report', { periodMs: 4 * 3600_000 }, desk);
    expect(report.ok && report.value.seenCount).toBe(1);
    expect(report.ok && report.value.unseen).toContain('c1');
    // The next night's window is armed; stop clears it.
    s.watch.stop();
    expect(clock.pending).toBe(0);
    s.db.close();
  });
});

describe('focus linkage', () => {
  it('an alert pulls the cameras that see it, with its title; they expire unless kept', async () => {
    const clock = new FakeClock(0);
    const s = setup(clock);
    // c3 is at lat 35.403 looking south; the point is 50 m south of it.
    s.watch.onAlert({ id: 'a1', title: '盗窃：河道附近', lat: 35.40255, lng: 116.96 });
    let focus = await call(s.host, 'focus.list', {}, wallCaller);
    const pull = focus.ok ? focus.value.pulls[0] : undefined;
    expect(pull?.title).toBe('盗窃：河道附近');
    expect(pull?.tiles[0]).toMatchObject({ cameraId: 'c3', reason: 'in-view' });
    clock.advance(10 * 60_000);
    focus = await call(s.host, 'focus.list', {}, wallCaller);
    expect(focus.ok && focus.value.pulls).toEqual([]);
    s.catalog.cameras[9]!.kind = 'checkpoint'; // a plate hit at the checkpoint c9
    s.watch.onAlert({ id: 'a2', title: 't', lat: 35.40255, lng: 116.96, cameraId: 'c9' });
    await call(s.host, 'focus.keep', { alertId: 'a2' }, desk);
    clock.advance(3600_000);
    focus = await call(s.host, 'focus.list', {}, wallCaller);
    expect(focus.ok && focus.value.pulls[0]?.tiles[0]?.cameraId).toBe('c9');
    s.watch.stop();
    s.db.close();
  });

  it('the same alert delivered five times (MQTT redelivery) pulls once', async () => {
    const clock = new FakeClock(1_000_000);
    const s = setup(clock, undefined, { wallId: 1, tileIndices: [0, 1], radiusM: 2_000 });
    const realtime = new RealtimeClient({
      url: 'mqtt://unused',
      stationId: 't',
      now: clock.now,
      onCameraStatus: () => {},
      onAlert: (a) => s.watch.onAlert(a),
      onConnection: () => {},
    });
    const alert = { id: 'a1', title: '报警', category: '盗窃', lat: 35.40255, lng: 116.96 };
    const deliver = (a: object) =>
      realtime.onMessage('vigil/alerts', Buffer.from(JSON.stringify({ ...a, at: clock.now() })));
    for (let i = 0; i < 5; i++) {
      deliver(alert);
      clock.advance(1000);
    }
    const focusEvents = () => s.events.filter((e) => e.stream === 'focus').length;
    expect(focusEvents()).toBe(1);
    let focus = await call(s.host, 'focus.list', {}, wallCaller);
    // One pull, from the first delivery: its expiry was not pushed back by the others.
    expect(focus.ok && focus.value.pulls.map((p) => [p.alertId, p.pulledAt])).toEqual([
      ['a1', 1_000_000],
    ]);
    // Dismissed, a redelivery does not bring it back; a new alert does pull.
    await call(s.host, 'focus.dismiss', { alertId: 'a1' }, desk);
    deliver(alert);
    focus = await call(s.host, 'focus.list', {}, wallCaller);
    expect(focus.ok && focus.value.pulls).toEqual([]);
    deliver({ ...alert, id: 'a2' });
    focus = await call(s.host, 'focus.list', {}, wallCaller);
    expect(focus.ok && focus.value.pulls.map((p) => p.alertId)).toEqual(['a2']);
    s.watch.stop();
    s.db.close();
  });

  it('follows the configured linkage: its tiles (those the wall has), radius and pull time', async () => {
    const clock = new FakeClock(0);
    const s = setup(clock, undefined, {
      wallId: 1,
      tileIndices: [3, 2, 7],
      radiusM: 2_000,
      pullTtlMs: 60_000,
    });
    s.watch.onAlert({ id: 'a1', title: '报警', lat: 35.40255, lng: 116.96 });
    let focus = await call(s.host, 'focus.list', {}, wallCaller);
    // Tile 7 is beyond the 4-tile wall: two pulls, on tiles 3 then 2.
    expect(focus.ok && focus.value.pulls[0]?.tiles.map((t) => t.tileIndex)).toEqual([3, 2]);
    clock.advance(60_000);
    focus = await call(s.host, 'focus.list', {}, wallCaller);
    expect(focus.ok && focus.value.pulls).toEqual([]);
    s.watch.stop();
    s.db.close();

    const elsewhere = setup(new FakeClock(0), undefined, { wallId: 5 });
    elsewhere.watch.onAlert({ id: 'a2', title: 't', lat: 35.40255, lng: 116.96 });
    const none = await call(elsewhere.host, 'focus.list', {}, wallCaller);
    expect(none.ok && none.value.pulls).toEqual([]);
    elsewhere.watch.stop();
    elsewhere.db.close();
  });

  it('an alert that cannot be shown is listed (never only logged), counted per wall, and can be shown or dismissed', async () => {
    const clock = new FakeClock(0);
    const s = setup(clock, undefined, {
      wallId: 1,
      tileIndices: [0, 1],
      radiusM: 2_000,
      pullTtlMs: 60_000,
    });
    const list = async () => {
      const r = await call(s.host, 'focus.list', {}, wallCaller);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    // Both linkage tiles pinned: the alert is listed, with why.
    await call(s.host, 'focus.pin', { wallId: 1, tileIndex: 0, cameraId: 'c7' }, desk);
    await call(s.host, 'focus.pin', { wallId: 1, tileIndex: 1, cameraId: 'c8' }, desk);
    s.watch.onAlert({ id: 'a1', title: '盗窃：河道附近', lat: 35.40255, lng: 116.96 });
    let focus = await list();
    expect(focus.pulls).toEqual([]);
    expect(focus.unshown).toEqual([
      expect.objectContaining({
        alertId: 'a1',
        title: '盗窃：河道附近',
        wallId: 1,
        reason: 'no-free-tile',
        heldBack: 0,
      }),
    ]);
    expect(s.events.at(-1)).toMatchObject({
      stream: 'focus',
      payload: { unshown: [{ alertId: 'a1' }] },
    });
    // Still no tile: showing it says so; with one unpinned, it goes up and leaves the list.
    const refused = await call(s.host, 'focus.show', { alertId: 'a1' }, desk);
    expect(refused.ok).toBe(false);
    await call(s.host, 'focus.unpin', { wallId: 1, tileIndex: 1 }, desk);
    const shown = await call(s.host, 'focus.show', { alertId: 'a1' }, desk);
    expect(
      shown.ok && shown.value.pulls.map((p) => [p.alertId, p.tiles.map((t) => t.tileIndex)]),
    ).toEqual([['a1', [1]]]);
    expect(shown.ok && shown.value.unshown).toEqual([]);
    // A newer alert takes its tiles: a1 is listed as replaced, not lost.
    s.watch.onAlert({ id: 'a2', title: '火情', lat: 35.40255, lng: 116.96 });
    focus = await list();
    expect(focus.pulls.map((p) => p.alertId)).toEqual(['a2']);
    expect(focus.unshown?.map((u) => [u.alertId, u.reason])).toEqual([['a1', 'replaced']]);
    // Dismissed from the list; an entry not dismissed leaves with its pull's time.
    await call(s.host, 'focus.dismiss', { alertId: 'a1' }, desk);
    expect((await list()).unshown).toEqual([]);
    s.catalog.cameras.forEach((c) => (c.status = 'offline'));
    s.watch.onAlert({ id: 'a3', title: '无人看见', lat: 35.40255, lng: 116.96 });
    expect((await list()).unshown?.map((u) => [u.alertId, u.reason])).toEqual([
      ['a3', 'no-camera'],
    ]);
    clock.advance(60_000);
    expect((await list()).unshown).toEqual([]);
    s.watch.stop();
    s.db.close();
  });

  it('a pull skips tiles the operator arranged minutes ago, and says how many cameras it held back', async () => {
    const clock = new FakeClock(0);
    const s = setup(clock, undefined, {
      wallId: 1,
      tileIndices: [0, 1, 2, 3],
      radiusM: 2_000,
      arrangedHoldMs: 5 * 60_000,
    });
    const list = async () => {
      const r = await call(s.host, 'focus.list', {}, wallCaller);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    // The chief put cameras on tiles 0 and 1 a minute ago.
    s.watch.focus.releaseTiles(1, [0, 1]);
    clock.advance(60_000);
    s.watch.onAlert({ id: 'a1', title: '报警', lat: 35.40255, lng: 116.96 });
    let focus = await list();
    expect(focus.pulls[0]?.tiles.map((t) => t.tileIndex)).toEqual([2, 3]);
    expect(focus.pulls[0]?.heldBack).toBe(2);
    // Every linkage tile just arranged: nothing is taken, and the alert is listed.
    s.watch.focus.releaseTiles(1, [2, 3]);
    s.watch.onAlert({ id: 'a2', title: '火情', lat: 35.40255, lng: 116.96 });
    focus = await list();
    expect(focus.pulls).toEqual([]);
    expect(focus.unshown).toEqual([
      expect.objectContaining({ alertId: 'a2', reason: 'arranged', heldBack: 4 }),
    ]);
    // The operator asks: it is shown on his tiles.
    const shown = await call(s.host, 'focus.show', { alertId: 'a2' }, desk);
    expect(shown.ok && shown.value.pulls[0]?.tiles.map((t) => t.tileIndex)).toEqual([0, 1, 2, 3]);
    // Minutes later the tiles are the linkage's again.
    await call(s.host, 'focus.dismiss', { alertId: 'a2' }, desk);
    clock.advance(5 * 60_000);
    s.watch.onAlert({ id: 'a3', title: '打架斗殴', lat: 35.40255, lng: 116.96 });
    focus = await list();
    expect(focus.pulls[0]?.tiles.map((t) => t.tileIndex)).toEqual([0, 1, 2, 3]);
    expect(focus.pulls[0]?.heldBack).toBeUndefined();
    // An incident the desk focuses (asked) takes arranged tiles too.
    s.watch.focus.releaseTiles(1, [0, 1, 2, 3]);
    const pull = s.watch.focus.onAlert(
      { id: 'inc-1', title: '警情', lat: 35.40255, lng: 116.96 },
      { asked: true },
    );
    expect(pull?.tiles.length).toBe(4);
    s.watch.stop();
    s.db.close();
  });

  it('a pin on a tile an alert pulled takes the tile: the pull lets go of it', async () => {
    const clock = new FakeClock(0);
    const s = setup(clock, undefined, { wallId: 1, tileIndices: [0, 1], radiusM: 2_000 });
    s.watch.onAlert({ id: 'a1', title: '报警', lat: 35.40255, lng: 116.96 });
    let focus = await call(s.host, 'focus.list', {}, wallCaller);
    expect(focus.ok && focus.value.pulls[0]?.tiles.map((t) => t.tileIndex)).toEqual([0, 1]);
    await call(s.host, 'focus.pin', { wallId: 1, tileIndex: 0, cameraId: 'c7' }, desk);
    focus = await call(s.host, 'focus.list', {}, wallCaller);
    expect(focus.ok && focus.value.pulls[0]?.tiles.map((t) => t.tileIndex)).toEqual([1]);
    await call(s.host, 'focus.pin', { wallId: 1, tileIndex: 1, cameraId: 'c8' }, desk);
    focus = await call(s.host, 'focus.list', {}, wallCaller);
    expect(focus.ok && focus.value.pulls).toEqual([]);
    expect(focus.ok && focus.value.pins.map((p) => p.cameraId)).toEqual(['c7', 'c8']);
    s.watch.stop();
    s.db.close();
  });
});

/** A 16×16 JPEG (ffmpeg's test pattern), base64. */
const jpeg =
  '/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgKCgsKCw0NDQ0NDRAPEBAQEBAQEBAQEB' +
  'ASEhIVFRUSEhIQEBISFBQVFRcXFxUVFRUXFxkZGR4eHBwjIyQrKzP/xABxAAEBAAAAAAAAAAAAAAAAAAAFBgEBAAMB' +
  'AAAAAAAAAAAAAAAABgIDAQQQAAMAAgIBBAIDAQAAAAAAAAMCAQQRBRIABiExE0FCFCMyIhEAAQQCAQQCAwEAAAAAAA' +
  'AAAQQDAhEFEiExFAATFQZBIzJC/8AAEQgAEAAQAwESAAISAAMSAP/aAAwDAQACEQMRAD8AmbjH4XgcQgjOIxxJkUgS' +
  'OtilqEGsaRLLBl08n7WzdmvKHJHh8nwmCv8AOxxQQMfHZuyPJ9SDTs39i9e1Hfa/G9buvFOCxGOVu+xSmZUmQIp+EX' +
  'YAc9ITBh/gGyNhzRrw5hPsqthcEjeJffIs7RnO9eblqE8uBsLN1081OqmtbykHYtn4ptJBHIRqTfeOFx+d3/c6jC+K' +
  'hGhW0r58k07gPkyw3PIwyQTSjNuJjGEUchGUgYh0OAynGJIMREyA5vxXl+TT0vyAj44RDApE+4IhJIw79av0WUcjxX' +
  'dk/wCpO+u254J6kx83nMs+MmJkD660yjIXt/i+yxF/Cb+b7XwZgspkFcdVKtQoEuvuck6eN6ouGRHQdCLoX4kxX11C' +
  'kSFQxmEywwFltuLdi9qBMVE6uzXH48vSJWlbuZde3cljey7IFxz1p+6BD+jYmG/2UNrieeevk/rihOpnlGlTzSB3IB' +
  'IfS9OIca7YE1rMtynsDfSNDnnz/9k=';

describe('tour mark snapshots', () => {
  it('an abnormal mark keeps the picture with the run and sends it; bad pictures are refused and nothing is recorded', async () => {
    const clock = new FakeClock(shanghaiAt('2024-03-10', 60));
    const s = setup(clock);
    await call(
      s.host,
      'tour.save',
      {
        id: 'night',
        name: '夜间河道',
        stops: [
          { cameraId: 'c0', dwellMs: 60_000 },
          { cameraId: 'c1', dwellMs: 60_000 },
        ],
        windows: [{ start: '02:00', end: '05:00', days: 'daily' }],
        watcher: '李四',
        wallId: 1,
      },
      desk,
    );
    const started = await call(s.host, 'tour.start', { id: 'night' }, desk);
    const runId = started.ok ? started.value.id : '';
    const mark = (snapshot: { mime: 'image/jpeg'; data: string }, m: 'normal' | 'abnormal') =>
      call(s.host, 'tour.mark', { runId, stopIndex: 0, mark: m, note: '', snapshot }, wallCaller);
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const refused = [
      await mark({ mime: 'image/jpeg', data: png }, 'abnormal'),
      await mark({ mime: 'image/jpeg', data: '/9j/' + 'A'.repeat(200_000) }, 'abnormal'),
      await mark({ mime: 'image/jpeg', data: jpeg }, 'normal'),
    ];
    expect(refused.map((r) => (r.ok ? 'accepted' : r.error.message))).toEqual([
      expect.stringMatching(/JPEG as base64/),
      expect.stringMatching(/at most 200000/),
      expect.stringMatching(/abnormal or faulty/),
    ]);
    // Nothing of the refused marks was recorded or queued.
    const open = await call(s.host, 'tourRun.get', { runId }, desk);
    expect(open.ok && open.value.current).toBe(0);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM tour_snapshots').get()).toEqual({ n: 0 });

    const ok = await mark({ mime: 'image/jpeg', data: jpeg }, 'abnormal');
    expect(ok.ok && ok.value.stops[0]).toMatchObject({ outcome: 'abnormal', snapshot: true });
    expect(ok.ok && ok.value.stops[1]?.snapshot).toBeUndefined();
    const outbox = s.db.prepare("SELECT payload FROM outbox WHERE kind = 'patrol-mark'").get() as {
      payload: string;
    };
    expect(JSON.parse(outbox.payload)).toMatchObject({
      mark: 'abnormal',
      cameraId: 'c0',
      snapshot: { mime: 'image/jpeg', data: jpeg },
    });
    const none = await call(s.host, 'tourRun.snapshot', { runId, stopIndex: 1 }, desk);
    expect(!none.ok && none.error.code).toBe('not-found');

    // The picture is kept in the cache: a restart still shows it to the desk.
    s.watch.stop();
    s.db.close();
    const again = setup(clock, s.d);
    const shot = await call(again.host, 'tourRun.snapshot', { runId, stopIndex: 0 }, desk);
    expect(shot.ok && shot.value).toEqual({
      mime: 'image/jpeg',
      data: jpeg,
      cameraId: 'c0',
      takenAt: clock.now(),
    });
    again.watch.stop();
    again.db.close();
  });
});

describe('tour stop hold', () => {
  async function held() {
    const clock = new FakeClock(shanghaiAt('2024-03-10', 60));
    const s = setup(clock);
    await call(
      s.host,
      'tour.save',
      {
        id: 'night',
        name: '夜间河道',
        stops: [
          { cameraId: 'c0', dwellMs: 10_000 },
          { cameraId: 'c1', dwellMs: 10_000 },
        ],
        windows: [],
        watcher: '李四',
        wallId: 1,
      },
      desk,
    );
    const started = await call(s.host, 'tour.start', { id: 'night' }, desk);
    const runId = started.ok ? started.value.id : '';
    const t0 = clock.now();
    return { clock, s, runId, t0 };
  }
  const state = async (s: ReturnType<typeof setup>) => {
    const r = await call(s.host, 'tour.state', {}, wallCaller);
    return r.ok ? r.value.runs[0] : undefined;
  };

  it('an abnormal mark after a hold: the stop stays open past its dwell, the note goes with the mark', async () => {
    const { clock, s, runId, t0 } = await held();
    clock.advance(6000);
    const hold = await call(s.host, 'tour.hold', { runId, stopIndex: 0, on: true }, wallCaller);
    expect(hold.ok && hold.value.hold).toEqual({
      stopIndex: 0,
      at: t0 + 6000,
      until: t0 + 14_000,
      by: '王五',
    });
    const events = s.events.length;
    // Past the stop's own deadline (t0 + 10 s): still open, held, nothing missed.
    clock.advance(10_000);
    const now = await state(s);
    expect(now?.current).toBe(0);
    expect(now?.hold?.until).toBe(t0 + 14_000);
    expect(now?.stops[0]?.outcome).toBeNull();
    expect(s.events.length).toBe(events);
    const marked = await call(
      s.host,
      'tour.mark',
      { runId, stopIndex: 0, mark: 'abnormal', note: '河道有挖掘机' },
      wallCaller,
    );
    expect(marked.ok && marked.value.stops[0]).toMatchObject({
      outcome: 'abnormal',
      note: '河道有挖掘机',
      startedAt: t0,
      endedAt: t0 + 16_000,
    });
    expect(marked.ok && marked.value.current).toBe(1);
    expect((await state(s))?.hold).toBeUndefined();
    const outbox = s.db.prepare("SELECT payload FROM outbox WHERE kind = 'patrol-mark'").get() as {
      payload: string;
    };
    expect(JSON.parse(outbox.payload)).toMatchObject({ mark: 'abnormal', note: '河道有挖掘机' });
    // The next stop has its own full dwell from the mark.
    clock.advance(9999);
    expect((await state(s))?.current).toBe(1);
    clock.advance(1);
    const done = await call(s.host, 'tourRun.get', { runId }, desk);
    expect(done.ok && done.value.stops[1]?.outcome).toBe('missed');
    s.watch.stop();
    s.db.close();
  });

  it('a hold nobody confirms counts on where it stopped; a hold let go counts on at once', async () => {
    const { clock, s, runId, t0 } = await held();
    clock.advance(6000);
    await call(s.host, 'tour.hold', { runId, stopIndex: 0, on: true, ms: 5000 }, wallCaller);
    // Held 6 s..11 s, then 3 s of grace for the wall's mark: 8 s held, 4 s of dwell left after.
    const until = t0 + 11_000 + HOLD_GRACE_MS;
    expect((await state(s))?.deadline).toBe(until + 4000);
    clock.advance(until + 3999 - clock.now());
    expect((await state(s))?.current).toBe(0);
    clock.advance(1);
    const missed = await state(s);
    expect(missed?.stops[0]).toMatchObject({ outcome: 'missed', endedAt: until + 4000 });
    expect(missed?.current).toBe(1);

    // Stop 1: held 2 s after it opened, let go 1 s later: its dwell gains that second only.
    const opened = clock.now();
    clock.advance(2000);
    await call(s.host, 'tour.hold', { runId, stopIndex: 1, on: true }, wallCaller);
    clock.advance(1000);
    const off = await call(s.host, 'tour.hold', { runId, stopIndex: 1, on: false }, wallCaller);
    expect(off.ok && off.value.hold).toBeNull();
    expect((await state(s))?.deadline).toBe(opened + 11_000);
    s.watch.stop();
    s.db.close();
  });

  it('refuses a hold of a stop that is not open, of another run, or of a bad length', async () => {
    const { clock, s, runId } = await held();
    const hold = (input: Partial<MethodInput<'tour.hold'>>) =>
      call(s.host, 'tour.hold', { runId, stopIndex: 0, on: true, ...input }, wallCaller);
    const refused = [
      await hold({ stopIndex: 1 }),
      await hold({ runId: 'nope' }),
      await hold({ ms: 500 }),
      await hold({ ms: 3_600_000 }),
    ];
    expect(refused.map((r) => (r.ok ? 'accepted' : `${r.error.code}: ${r.error.message}`))).toEqual(
      [
        expect.stringMatching(/^bad-input: .*not the open stop \(open stop: 0\)/),
        expect.stringMatching(/^not-found: no tour run nope/),
        expect.stringMatching(/^bad-input: .*ms/),
        expect.stringMatching(/^bad-input: .*ms/),
      ],
    );
    expect((await hold({})).ok).toBe(true);
    // Holding the held stop again changes nothing; another stop cannot be held meanwhile.
    const again = await hold({});
    expect(again.ok && again.value.hold?.at).toBe(clock.now());
    // A stop whose dwell ran out is missed, and cannot be held.
    await call(s.host, 'tour.hold', { runId, stopIndex: 0, on: false }, wallCaller);
    clock.advance(10_000);
    const late = await hold({});
    expect(!late.ok && late.error.message).toMatch(/not the open stop \(open stop: 1\)/);
    s.watch.stop();
    s.db.close();
  });
});
