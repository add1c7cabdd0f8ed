import { describe, expect, it } from 'vitest';
import { backoffDelay, streamRetryBackoff } from '../../../renderer/common/backoff';
import { codecName, undecodableCodec } from '../../../renderer/wall/codec';
import { snapshotFileName } from '../../../renderer/wall/snapshot';
import {
  catchUpTarget,
  playerTransition,
  stallCause,
  UNBUFFERED_STARVED_MS,
  tileDisplayState,
  type TileFacts,
} from '../../../renderer/wall/tile-state';

const facts = (over: Partial<TileFacts>): TileFacts => ({
  cameraId: 'c1',
  cameraStatus: 'online',
  player: 'connecting',
  link: 'online',
  ...over,
});

describe('the player state machine', () => {
  it('goes connecting → playing → stalled → playing', () => {
    let s = playerTransition('idle', { type: 'start' }).state;
    expect(s).toBe('connecting');
    s = playerTransition(s, { type: 'frames' }).state;
    expect(s).toBe('playing');
    const stalled = playerTransition(s, { type: 'still', cause: 'network' });
    expect(stalled).toEqual({ state: 'stalled', restart: false });
    expect(playerTransition('stalled', { type: 'frames' }).state).toBe('playing');
  });

  it('a playlist 404 is an offline camera, retried, and stays offline while retried', () => {
    expect(playerTransition('playing', { type: 'playlist-404' })).toEqual({
      state: 'offline',
      restart: true,
    });
    expect(playerTransition('offline', { type: 'retry' }).state).toBe('offline');
    expect(playerTransition('offline', { type: 'network-error' }).state).toBe('offline');
    expect(playerTransition('offline', { type: 'frames' }).state).toBe('playing');
  });

  it('network errors reconnect; one media error is recovered in place, a second is an error', () => {
    expect(playerTransition('playing', { type: 'network-error' })).toEqual({
      state: 'reconnecting',
      restart: true,
    });
    expect(playerTransition('playing', { type: 'media-error', recoverable: true })).toEqual({
      state: 'playing',
      restart: false,
    });
    expect(playerTransition('playing', { type: 'media-error', recoverable: false })).toEqual({
      state: 'error',
      restart: true,
    });
  });

  it('an unsupported codec is final: no retry, no spinner', () => {
    const s = playerTransition('connecting', { type: 'codec-unsupported' });
    expect(s).toEqual({ state: 'unsupported', restart: false });
    expect(playerTransition('unsupported', { type: 'network-error' })).toEqual(s);
    expect(playerTransition('unsupported', { type: 'frames' })).toEqual(s);
  });
});

describe('what the tile says', () => {
  it('offline camera from the catalog or from a 404; a 404 while the link is down is no network', () => {
    expect(tileDisplayState(facts({ player: 'offline' }))).toBe('offline-camera');
    expect(tileDisplayState(facts({ player: 'offline', link: 'offline' }))).toBe('no-network');
    expect(
      tileDisplayState(facts({ player: 'offline', link: 'offline', cameraStatus: 'offline' })),
    ).toBe('offline-camera');
  });

  it('no network when the station is lost, held back over budget', () => {
    expect(tileDisplayState(facts({ player: 'reconnecting', stationLost: true }))).toBe(
      'no-network',
    );
    expect(tileDisplayState(facts({ player: 'playing', heldBack: true }))).toBe('held-back');
    expect(tileDisplayState(facts({ cameraId: null, heldBack: true }))).toBe('empty');
  });
});

describe('stalls', () => {
  it('tells a starved decoder from a starved network', () => {
    expect(stallCause({ bufferedAheadS: 4, framesAdvanced: 0 })).toBe('decoder');
    expect(stallCause({ bufferedAheadS: 0.2, framesAdvanced: 0 })).toBe('network');
    expect(stallCause({ bufferedAheadS: 0, framesAdvanced: 0 })).toBe('network');
  });

  it('an empty buffer while a delivered segment waits to be demuxed is the machine, not the network', () => {
    // Measured: two busy loops above the wall's priority starve hls.js's transmuxing, so the
    // buffer runs dry with a segment in hand (docs/benchmarks.md, the load step).
    const empty = { bufferedAheadS: 0, framesAdvanced: 0 };
    expect(stallCause({ ...empty, unbufferedForMs: UNBUFFERED_STARVED_MS })).toBe('decoder');
    expect(stallCause({ ...empty, unbufferedForMs: 6_000 })).toBe('decoder');
    // A segment just delivered is demuxed in milliseconds: still the network's stall.
    expect(stallCause({ ...empty, unbufferedForMs: 40 })).toBe('network');
    expect(stallCause({ ...empty, unbufferedForMs: 0 })).toBe('network');
    // Frames still coming: not the decoder's stall either way.
    expect(stallCause({ bufferedAheadS: 4, framesAdvanced: 3, unbufferedForMs: 6_000 })).toBe(
      'network',
    );
  });

  it('catches up to the live edge only when well behind it', () => {
    expect(catchUpTarget(100, 110)).toBe(110);
    expect(catchUpTarget(108, 110)).toBeNull();
    expect(catchUpTarget(100, null)).toBeNull();
    expect(catchUpTarget(100, undefined)).toBeNull();
  });
});

describe('retry backoff', () => {
  it('grows exponentially to a cap, with jitter inside [50 %, 100 %] of nominal', () => {
    const low = (n: number) => backoffDelay(n, streamRetryBackoff, () => 0);
    const high = (n: number) => backoffDelay(n, streamRetryBackoff, () => 1);
    expect([0, 1, 2, 3].map(high)).toEqual([1000, 2000, 4000, 8000]);
    expect([0, 1, 2, 3].map(low)).toEqual([500, 1000, 2000, 4000]);
    expect(high(20)).toBe(30_000);
  });
});

describe('codecs and snapshots', () => {
  it('names H.265 and finds it undecodable where MSE says so', () => {
    expect(codecName('hvc1.1.6.L93.B0')).toBe('H.265');
    expect(codecName('avc1.64001f')).toBe('H.264');
    const noHevc = (t: string) => !t.includes('hvc1');
    expect(undecodableCodec([{ videoCodec: 'hvc1.1.6.L93.B0' }], noHevc)).toBe('hvc1.1.6.L93.B0');
    expect(undecodableCodec([{ attrs: { CODECS: 'avc1.64001f,mp4a.40.2' } }], noHevc)).toBeNull();
  });

  it("names a snapshot by camera and the hall's time, whatever the machine's zone", () => {
    const at = Date.UTC(2026, 10, 22, 18, 4, 9); // 02:04:09 on the 23rd in Beijing
    expect(snapshotFileName('钢山街/农贸市场 东门', at, 'Asia/Shanghai')).toBe(
      '钢山街_农贸市场_东门_20261123-020409.png',
    );
    expect(snapshotFileName('东门', at, 'UTC')).toBe('东门_20261122-180409.png');
  });
});
