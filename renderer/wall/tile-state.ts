/**
 * What a wall tile says about itself, in words: the player's own state combined with what the
 * core knows (the camera's status, the platform link) and what this window allows (the decoder
 * budget). A tile never shows a frozen frame without saying why. Pure, so every rule is tested
 * without a browser.
 */
import type { CameraStatus, LinkStateName } from '../../shared/api';

/** What the player (hls.js or native) is doing. */
export type PlayerState =
  | 'idle'
  | 'connecting'
  | 'playing'
  | 'stalled'
  | 'reconnecting'
  /** The platform answered 404 for the camera's playlist: the camera is offline. */
  | 'offline'
  /**
   * The platform answered 503 for the camera's playlist, after hls.js's own retries: the camera
   * is offline if the rest of the platform answers (docs/protocol.md §2).
   */
  | 'unavailable'
  | 'error'
  /** The browser cannot play this stream (no MSE, or a codec such as H.265). */
  | 'unsupported';

/** Why a picture stopped moving (hls.js says `bufferStalledError` in both cases). */
export type StallCause = 'network' | 'decoder';

/** What the tile shows (also its `data-state`, for tests). */
export type TileDisplayState =
  | 'empty'
  | 'connecting'
  | 'playing'
  | 'stalled'
  | 'reconnecting'
  | 'offline-camera'
  | 'no-network'
  | 'error'
  | 'unsupported'
  | 'unknown-camera'
  /** Over this window's decoder budget (or covered by an enlarged tile): not decoding on purpose. */
  | 'held-back'
  /** The camera's stream host is not one this window may load video from (security.streamHosts). */
  | 'not-allowed'
  /** Frames arrive but the picture is black (lens covered, sensor dead): seen by sampling it. */
  | 'black-picture'
  /** Frames arrive but the picture never changes (a hung camera or encoder). */
  | 'frozen-picture';

export interface TileFacts {
  cameraId: string | null;
  /** undefined while the catalog is loading; null when the catalog has no such camera. */
  cameraStatus: CameraStatus | null | undefined;
  player: PlayerState;
  link: LinkStateName | undefined;
  /** The decoder budget gave this tile no slot. */
  heldBack?: boolean;
  /** The wall window lost its core (the station): nothing it shows is known to be current. */
  stationLost?: boolean;
  /** The tile plays a recorded range back (the recording is the platform's, not the camera's). */
  playback?: boolean;
  /**
   * The stream's origin is not among those the page may load video from: the browser blocks every
   * request, so retrying is no use and "stream lost, reconnecting" would be a lie.
   */
  streamBlocked?: boolean;
  /**
   * What sampling the live picture found (shared/domain/health/picture.ts): a black or frozen
   * picture plays "normally" for the player, so only the picture itself can tell.
   */
  picture?: 'black' | 'frozen' | null;
}

export function tileDisplayState({
  cameraId,
  cameraStatus,
  player,
  link,
  heldBack = false,
  stationLost = false,
  playback = false,
  streamBlocked = false,
  picture = null,
}: TileFacts): TileDisplayState {
  if (cameraId === null) return 'empty';
  if (cameraStatus === null) return 'unknown-camera';
  if (streamBlocked) return 'not-allowed';
  if (playback) return 'playing';
  // The station holds the camera offline: the tile does not play it (WallTile asks no decoder
  // slot for it, so its player is destroyed), even if its stream still serves frames; a live
  // picture of a camera the desk lists as offline would be a contradiction on the wall
  // (docs/protocol.md §3). The status coming back online plays it again.
  if (cameraStatus === 'offline') return 'offline-camera';
  if (heldBack) return 'held-back';
  if (player === 'playing') {
    if (picture === 'black') return 'black-picture';
    if (picture === 'frozen') return 'frozen-picture';
    return 'playing';
  }
  if (player === 'unsupported') return 'unsupported';
  if (player === 'offline' || player === 'unavailable') {
    // A 404 or 503 while the platform is unreachable says nothing about the camera.
    if (link === 'offline') return 'no-network';
    // A 503 while the platform is in trouble (its broker lost, a restart answering 503 for
    // everything) may be the platform's own: say the video is interrupted, not the camera.
    if (player === 'unavailable' && link === 'degraded') return 'reconnecting';
    return 'offline-camera';
  }
  if ((link === 'offline' || stationLost) && player !== 'connecting' && player !== 'idle') {
    return 'no-network';
  }
  if (player === 'idle') return 'connecting';
  return player;
}

/**
 * Which camera a tile names: the one it shows or is about to show, never one it has left. While a
 * new camera's first frame is awaited behind the picture on screen, the picture's own camera keeps
 * its name (the name changes with the picture, not before), but only while the tile's words are
 * about that picture (live, or stalled on its last frame). Any other state is about the camera
 * wanted (held back, offline, not allowed, unknown, connecting…): it names that one. A held-back
 * tile said 解码预算已满 under the previous camera's name.
 */
export function labelledCamera<C>({
  state,
  wanted,
  onScreen,
  frontIsWanted,
}: {
  state: TileDisplayState;
  wanted: C;
  /** The camera whose picture is on the front player (the last one shown). */
  onScreen: C;
  /** The front player plays the stream wanted (or none). */
  frontIsWanted: boolean;
}): C {
  if (frontIsWanted) return wanted;
  return state === 'playing' ||
    state === 'stalled' ||
    state === 'black-picture' ||
    state === 'frozen-picture'
    ? onScreen
    : wanted;
}

/** The i18n key under `wall.state` for each display state. */
export const stateLabelKey = {
  empty: 'idle',
  connecting: 'connecting',
  playing: 'playing',
  stalled: 'stalled',
  reconnecting: 'reconnecting',
  'offline-camera': 'offlineCamera',
  'no-network': 'noNetwork',
  error: 'error',
  unsupported: 'unsupported',
  'unknown-camera': 'error',
  'held-back': 'heldBack',
  'not-allowed': 'notAllowed',
  'black-picture': 'blackPicture',
  'frozen-picture': 'frozenPicture',
} as const satisfies Record<TileDisplayState, string>;

// ---------------------------------------------------------------------------------------------
// Stalls: a starved decoder or a starved network
// ---------------------------------------------------------------------------------------------

export interface StallFacts {
  /** Seconds of media buffered ahead of the playhead. */
  bufferedAheadS: number;
  /** Frames presented since the last look (getVideoPlaybackQuality().totalVideoFrames delta). */
  framesAdvanced: number;
  /**
   * How long a segment the network delivered has waited to reach the buffer, ms (0 or absent:
   * none waiting). Demuxing a segment takes milliseconds; seconds mean the machine has no CPU
   * for it.
   */
  unbufferedForMs?: number;
}

/** A delivered segment not buffered after this long: the machine is starved, not the network. */
export const UNBUFFERED_STARVED_MS = 1_000;

/**
 * Frames in hand but none presented: the decoder (the CPU) is starved, and retrying the network
 * will not help. So too an empty buffer while a segment the network delivered waits to be demuxed
 * (a machine starved of CPU starves hls.js's transmuxing before the decoder: measured,
 * docs/benchmarks.md "The load step with a load that bites"). An empty buffer with nothing
 * delivered: the network is starved.
 */
export function stallCause({
  bufferedAheadS,
  framesAdvanced,
  unbufferedForMs = 0,
}: StallFacts): StallCause {
  if (framesAdvanced > 0) return 'network';
  return bufferedAheadS > 1 || unbufferedForMs >= UNBUFFERED_STARVED_MS ? 'decoder' : 'network';
}

/** Behind the live edge by more than this after a stall: jump to it (a wall shows now). */
export const CATCH_UP_BEHIND_S = 4;

/** Where to seek to rejoin live after a stall, or null to stay. */
export function catchUpTarget(
  currentTime: number,
  liveSyncPosition: number | null | undefined,
): number | null {
  if (liveSyncPosition === null || liveSyncPosition === undefined) return null;
  if (!Number.isFinite(liveSyncPosition)) return null;
  return liveSyncPosition - currentTime > CATCH_UP_BEHIND_S ? liveSyncPosition : null;
}

// ---------------------------------------------------------------------------------------------
// The player's transitions
// ---------------------------------------------------------------------------------------------

/** What happens to a player, from hls.js, the <video> and the watchdog. */
export type PlayerEvent =
  | { type: 'start' }
  | { type: 'frames' }
  | { type: 'still'; cause: StallCause }
  | { type: 'playlist-404' }
  | { type: 'playlist-503' }
  | { type: 'network-error' }
  | { type: 'media-error'; recoverable: boolean }
  | { type: 'codec-unsupported' }
  | { type: 'retry' };

export interface PlayerTransition {
  state: PlayerState;
  /** Tear the player down and try again after a backoff. */
  restart: boolean;
}

/**
 * The player's state machine. Terminal for this URL: `unsupported` (retrying cannot help).
 * `offline`, `unavailable` and `reconnecting` wait for their retry (the backoff grows to
 * `streamRetryBackoff`'s 30 s); a retry that brings frames is `playing`.
 */
export function playerTransition(state: PlayerState, event: PlayerEvent): PlayerTransition {
  if (state === 'unsupported') return { state, restart: false };
  switch (event.type) {
    case 'start':
      return { state: 'connecting', restart: false };
    case 'frames':
      return { state: 'playing', restart: false };
    case 'still':
      // A decoder that is starved will not be fed by reconnecting; only say so.
      return { state: 'stalled', restart: false };
    case 'playlist-404':
      return { state: 'offline', restart: true };
    case 'playlist-503':
      return { state: 'unavailable', restart: true };
    case 'network-error':
      return { state: offlineState(state) ? state : 'reconnecting', restart: true };
    case 'media-error':
      return event.recoverable ? { state, restart: false } : { state: 'error', restart: true };
    case 'codec-unsupported':
      return { state: 'unsupported', restart: false };
    case 'retry':
      // Keep saying why we are retrying until frames arrive.
      return {
        state: offlineState(state) || state === 'error' ? state : 'reconnecting',
        restart: false,
      };
  }
}

const offlineState = (state: PlayerState): boolean =>
  state === 'offline' || state === 'unavailable';

/** What an hls.js playlist error says about the camera. */
export interface PlaylistErrorFacts {
  /** The error is about the playlist (manifest or level), not a segment. */
  playlist: boolean;
  /** The HTTP status the platform answered, if any. */
  code: number | undefined;
  /** hls.js has given up its own retries. */
  fatal: boolean;
}

/**
 * A playlist answered 404 is an offline camera at once (hls.js never retries a 4xx); a 503 is
 * one once hls.js has retried it and given up (a platform restarting for a few seconds is ridden
 * out). Anything else is not about the camera: null. docs/protocol.md §2.
 */
export function playlistOfflineEvent({
  playlist,
  code,
  fatal,
}: PlaylistErrorFacts): PlayerEvent | null {
  if (!playlist) return null;
  if (code === 404) return { type: 'playlist-404' };
  if (code === 503 && fatal) return { type: 'playlist-503' };
  return null;
}
