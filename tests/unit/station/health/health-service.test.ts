/**
 * Camera health from its three feeds (issue #16 item 2), on a fake clock: the platform's status,
 * the walls' tile reports and the prober each open and close down intervals in the cache; a flap
 * closes and reopens, never leaving two open; marks change on the `health.mark` stream, a burst
 * is one event per camera.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MIN, T0, harness, type Harness } from './harness';

let h: Harness;
afterEach(() => h.close());

const intervals = (cameraId = 'cam-1') =>
  h.cap.store.intervalsIn(0, T0 + 1000 * HOUR, cameraId).map((i) => ({
    kind: i.kind,
    start: i.start - T0,
    end: i.end === null ? null : i.end - T0,
  }));

describe('down intervals from the feeds', () => {
  it('the platform status opens an offline interval and closes it when the camera is back', () => {
    h = harness();
    h.cap.health.start();
    h.clock.now = T0 + MIN;
    h.cap.onCameraStatus({ cameraId: 'cam-1', status: 'offline', at: T0 + MIN });
    expect(h.cap.health.health('cam-1')).toMatchObject({ online: false, onlineSince: T0 + MIN });
    h.clock.now = T0 + 5 * MIN;
    h.cap.onCameraStatus({ cameraId: 'cam-1', status: 'online', at: T0 + 5 * MIN });
    expect(intervals()).toEqual([{ kind: 'offline', start: MIN, end: 5 * MIN }]);
    // A redelivered older "offline" does not reopen it.
    h.cap.onCameraStatus({ cameraId: 'cam-1', status: 'offline', at: T0 + 2 * MIN });
    expect(h.cap.health.health('cam-1').online).toBe(true);
    expect(intervals()).toHaveLength(1);
  });

  it('a tile seeing black then playing records a black interval and the last good picture', () => {
    h = harness();
    h.cap.health.start();
    h.clock.now = T0 + MIN;
    h.cap.onTiles([{ cameraId: 'cam-1', state: 'playing' }]);
    expect(h.cap.health.health('cam-1')).toMatchObject({ online: true, lastPictureAt: T0 + MIN });
    h.clock.now = T0 + 2 * MIN;
    h.cap.onTiles([{ cameraId: 'cam-1', state: 'black-picture' }]);
    expect(h.cap.health.health('cam-1')).toMatchObject({
      picture: 'black',
      pictureSince: T0 + 2 * MIN,
      lastPictureAt: T0 + MIN,
    });
    h.clock.now = T0 + 3 * MIN;
    h.cap.onTiles([{ cameraId: 'cam-1', state: 'frozen-picture' }]);
    h.clock.now = T0 + 4 * MIN;
    h.cap.onTiles([
      { cameraId: 'cam-1', state: 'playing' },
      { cameraId: null, state: 'empty' },
      { cameraId: 'cam-2', state: 'stalled' }, // says nothing of the camera
    ]);
    expect(intervals()).toEqual([
      { kind: 'black', start: 2 * MIN, end: 3 * MIN },
      { kind: 'frozen', start: 3 * MIN, end: 4 * MIN },
    ]);
    expect(h.cap.health.health('cam-1')).toMatchObject({
      picture: null,
      lastPictureAt: T0 + 4 * MIN,
    });
    expect(h.cap.health.health('cam-2').online).toBeNull();
    // A tile that says the camera is offline.
    h.cap.onTiles([{ cameraId: 'cam-1', state: 'offline-camera' }]);
    expect(h.cap.health.health('cam-1').online).toBe(false);
  });

  it('a camera still playing on a tile has a good picture now, until it leaves the wall', () => {
    h = harness();
    h.cap.health.start();
    h.cap.onTiles([{ cameraId: 'cam-2', state: 'playing' }]);
    h.clock.now = T0 + 30 * MIN; // no report since: the wall reports changes only
    expect(h.cap.health.health('cam-2').lastPictureAt).toBe(T0 + 30 * MIN);
    h.watched.delete('cam-2');
    h.clock.now = T0 + 31 * MIN;
    h.cap.scan();
    h.clock.now = T0 + 40 * MIN;
    expect(h.cap.health.health('cam-2').lastPictureAt).toBe(T0 + 31 * MIN);
  });

  it('a picture fault ends when no tile shows the camera any more', () => {
    h = harness();
    h.cap.health.start();
    h.cap.onTiles([{ cameraId: 'cam-1', state: 'black-picture' }]);
    h.clock.now = T0 + 5 * MIN;
    h.cap.scan();
    expect(h.cap.health.health('cam-1').picture).toBe('black');
    h.watched.delete('cam-1'); // the operator put another camera on the tile
    h.clock.now = T0 + 6 * MIN;
    h.cap.scan();
    expect(h.cap.health.health('cam-1').picture).toBeNull();
    expect(intervals()).toEqual([{ kind: 'black', start: 0, end: 6 * MIN }]);
  });

  it('the prober: ok online, unreachable or stalled offline, a timeout says nothing', () => {
    h = harness();
    h.cap.health.start();
    const probe = (outcome: 'ok' | 'stalled' | 'unreachable' | 'timeout', at: number) => {
      h.clock.now = T0 + at;
      h.cap.onProbe({ cameraId: 'cam-2', at: T0 + at, outcome, mediaSequence: null, detail: '' });
    };
    probe('ok', MIN);
    probe('unreachable', 2 * MIN);
    probe('timeout', 3 * MIN);
    expect(h.cap.health.health('cam-2')).toMatchObject({
      online: false,
      lastProbe: 'timeout',
      lastProbeAt: T0 + 3 * MIN,
    });
    probe('ok', 4 * MIN);
    probe('stalled', 5 * MIN);
    expect(intervals('cam-2')).toEqual([
      { kind: 'offline', start: 2 * MIN, end: 4 * MIN },
      { kind: 'offline', start: 5 * MIN, end: null },
    ]);
  });

  it('a flapping camera closes and reopens, never two open at once', () => {
    h = harness();
    h.cap.health.start();
    for (let i = 0; i < 10; i++) {
      h.clock.now = T0 + i * MIN;
      const status = i % 2 === 0 ? 'offline' : 'online';
      h.cap.onCameraStatus({ cameraId: 'cam-1', status, at: h.clock.now });
      // The tile says the same a moment later: no second interval.
      h.cap.onTiles([{ cameraId: 'cam-1', state: i % 2 === 0 ? 'offline-camera' : 'playing' }]);
    }
    const all = intervals();
    expect(all).toHaveLength(5);
    expect(all.filter((i) => i.end === null)).toHaveLength(0);
    expect(all.map((i) => i.start)).toEqual([0, 2, 4, 6, 8].map((m) => m * MIN));
    // The store itself refuses a second open interval of the same kind.
    expect(h.cap.store.openInterval('cam-1', 'black', T0)).toBe(true);
    expect(h.cap.store.openInterval('cam-1', 'black', T0 + 1)).toBe(false);
  });

  it('marks: changes go out once per flush, a burst is one event per camera', () => {
    h = harness();
    h.cap.health.start([{ id: 'cam-1', status: 'online' }]);
    h.cap.flush();
    h.emitted.length = 0;
    h.cap.onCameraStatus({ cameraId: 'cam-1', status: 'offline', at: T0 });
    h.cap.onTiles([{ cameraId: 'cam-2', state: 'black-picture' }]);
    h.cap.onTiles([{ cameraId: 'cam-2', state: 'frozen-picture' }]);
    h.cap.flush();
    expect(h.emitted).toEqual([
      { stream: 'health.mark', payload: { cameraId: 'cam-1', mark: 'offline' } },
      { stream: 'health.mark', payload: { cameraId: 'cam-2', mark: 'picture' } },
    ]);
    expect(h.cap.handlers['health.marks']({}, undefined as never)).toEqual([
      { cameraId: 'cam-1', mark: 'offline' },
      { cameraId: 'cam-2', mark: 'picture' },
    ]);
    h.emitted.length = 0;
    h.cap.flush();
    expect(h.emitted).toEqual([]);
  });

  it('health.camera: the camera now and its intervals; an unknown camera is not-found', () => {
    h = harness();
    h.cap.health.start();
    h.cap.onCameraStatus({ cameraId: 'cam-1', status: 'offline', at: T0 });
    const answer = h.cap.handlers['health.camera'](
      { cameraId: 'cam-1', days: 7 },
      undefined as never,
    );
    expect(answer).toMatchObject({
      cameraId: 'cam-1',
      online: false,
      intervals: [{ kind: 'offline', start: T0, end: null }],
    });
    expect(() =>
      h.cap.handlers['health.camera']({ cameraId: 'nope', days: 7 }, undefined as never),
    ).toThrow(/no camera nope/);
  });
});
