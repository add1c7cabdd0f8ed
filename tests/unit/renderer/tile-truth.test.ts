/**
 * Issue #10, "what a tile says must be true": the station's offline status stops a tile (no
 * player, no decoding) and the tile says so; a live playlist that answers 503 is an offline
 * camera like a 404, unless the platform itself is in trouble.
 */
import { describe, expect, it } from 'vitest';
import {
  playerTransition,
  playlistOfflineEvent,
  tileDisplayState,
  type TileFacts,
} from '../../../renderer/wall/tile-state';
import { nextSwapState } from '../../../renderer/wall/use-stream-swap';
import { watchdogStep } from '../../../renderer/wall/watchdog';

const facts = (over: Partial<TileFacts>): TileFacts => ({
  cameraId: 'c1',
  cameraStatus: 'online',
  player: 'connecting',
  link: 'online',
  ...over,
});

type Urls = [string | null, string | null];
const swapState = (urls: Urls, front: 0 | 1 = 0, want: string | null = urls[front]) => ({
  urls,
  front,
  want,
  backReady: false,
});

describe('a tile whose camera the station holds offline', () => {
  it('says offline even while its player still has frames', () => {
    for (const player of ['playing', 'connecting', 'stalled', 'unsupported'] as const) {
      expect(tileDisplayState(facts({ player, cameraStatus: 'offline' }))).toBe('offline-camera');
    }
    expect(
      tileDisplayState(facts({ player: 'playing', cameraStatus: 'offline', link: 'offline' })),
    ).toBe('offline-camera');
  });

  it('plays again once the status is online and frames come', () => {
    expect(tileDisplayState(facts({ player: 'playing', cameraStatus: 'online' }))).toBe('playing');
  });

  it('still plays a recorded range back (the recording is the platform’s, not the camera’s)', () => {
    expect(
      tileDisplayState(facts({ player: 'playing', cameraStatus: 'offline', playback: true })),
    ).toBe('playing');
  });

  it('destroys its player when the stream is no longer wanted (no decoder slot)', () => {
    // Playing A, nothing behind: wanting nothing empties both players.
    expect(nextSwapState(swapState(['A', null]), null, null, true)).toMatchObject({
      urls: [null, null],
      want: null,
    });
    // The same from the second slot, and with a stalled (frozen) front.
    expect(nextSwapState(swapState([null, 'A'], 1), null, null, false, true)).toMatchObject({
      urls: [null, null],
    });
    // A warm stream behind goes too.
    expect(nextSwapState(swapState(['A', 'B'], 0, 'A'), null, null, true)).toMatchObject({
      urls: [null, null],
    });
    // Already empty: nothing to do.
    expect(nextSwapState(swapState([null, null], 0, null), null, null, false)).toBeNull();
  });
});

describe('a live playlist answered 503', () => {
  it('is an offline camera once the player has given up its own retries', () => {
    expect(playlistOfflineEvent({ playlist: true, code: 503, fatal: true })).toEqual({
      type: 'playlist-503',
    });
    // hls.js is still retrying: a platform restarting for a few seconds is ridden out.
    expect(playlistOfflineEvent({ playlist: true, code: 503, fatal: false })).toBeNull();
    // 404 as before, at once; a segment's 503 or another status is not about the camera.
    expect(playlistOfflineEvent({ playlist: true, code: 404, fatal: false })).toEqual({
      type: 'playlist-404',
    });
    expect(playlistOfflineEvent({ playlist: false, code: 503, fatal: true })).toBeNull();
    expect(playlistOfflineEvent({ playlist: true, code: 500, fatal: true })).toBeNull();
    expect(playlistOfflineEvent({ playlist: true, code: undefined, fatal: true })).toBeNull();
  });

  it('is retried, and stays offline (not "reconnecting") while retried', () => {
    const first = playerTransition('connecting', { type: 'playlist-503' });
    expect(first).toEqual({ state: 'unavailable', restart: true });
    expect(playerTransition('unavailable', { type: 'retry' }).state).toBe('unavailable');
    expect(playerTransition('unavailable', { type: 'network-error' }).state).toBe('unavailable');
    expect(playerTransition('unavailable', { type: 'frames' }).state).toBe('playing');
    // The watchdog leaves a retrying offline player alone.
    expect(watchdogStep({ current: 'unavailable', stillMs: 60_000, stale: false })).toBeNull();
  });

  it('says camera offline while the platform answers, network trouble while it does not', () => {
    expect(tileDisplayState(facts({ player: 'unavailable' }))).toBe('offline-camera');
    expect(tileDisplayState(facts({ player: 'unavailable', link: undefined }))).toBe(
      'offline-camera',
    );
    expect(tileDisplayState(facts({ player: 'unavailable', link: 'offline' }))).toBe('no-network');
    // A platform restarting drops MQTT and answers 503 everywhere: not the camera's fault.
    expect(tileDisplayState(facts({ player: 'unavailable', link: 'degraded' }))).toBe(
      'reconnecting',
    );
    // A 404 means what it says while the platform is up in part.
    expect(tileDisplayState(facts({ player: 'offline', link: 'degraded' }))).toBe('offline-camera');
  });
});
