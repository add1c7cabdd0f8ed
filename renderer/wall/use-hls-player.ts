/**
 * Plays one live HLS URL into one <video>, forever: the Hls instance is created and destroyed in
 * the same effect (a wall runs 24/7 and must not leak players), fatal network errors recreate it
 * with exponential backoff and jitter, a media error gets one `recoverMediaError()` and then a
 * recreate, and a watchdog notices a picture that stopped moving without any error at all.
 *
 * `Hls.isSupported()` is asked before `canPlayType`: this Chromium answers "maybe" for HLS but
 * cannot play it natively; MSE through hls.js is the path that works.
 */
import Hls from 'hls.js';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { backoffDelay, streamRetryBackoff } from '../common/backoff';
import { codecName, undecodableCodec } from './codec';
import { HLS_MIME, STALE_EDGE_MIN_MS, wallHlsConfig } from './hls-config';
import { rebasingPlaylistLoader } from './rebasing-loader';
import { learnStreamSize } from './stream-sizes';
import {
  catchUpTarget,
  playerTransition,
  playlistOfflineEvent,
  stallCause,
  type PlayerEvent,
  type PlayerState,
  type StallCause,
} from './tile-state';
import { watchdogStep } from './watchdog';

const WATCHDOG_MS = 1_000;

export interface PlayerStatus {
  state: PlayerState;
  /** When the next attempt starts (ms since epoch), while waiting to retry. */
  retryAt: number | null;
  /** While stalled: a starved network (empty buffer) or a starved decoder (frames not shown). */
  stallCause?: StallCause | null;
  /** While unsupported: the codec's name ("H.265"). */
  codec?: string | null;
}

interface KeyedStatus extends PlayerStatus {
  /** Which attempt this status belongs to (url + generation): older attempts' news is ignored. */
  key: string;
}

/** Seconds of video buffered ahead of the playhead (what a stalled player has in hand). */
export function bufferedAhead(video: HTMLVideoElement): number {
  const { buffered, currentTime } = video;
  for (let i = 0; i < buffered.length; i++) {
    if (buffered.start(i) <= currentTime + 0.1 && buffered.end(i) > currentTime) {
      return buffered.end(i) - currentTime;
    }
  }
  return 0;
}

export function useHlsPlayer(
  videoRef: RefObject<HTMLVideoElement | null>,
  url: string | null,
): PlayerStatus {
  // Attempts at the current URL; a new URL starts again at 0.
  // `failedAs`: why the previous attempt ended, said until this one knows better (an offline
  // camera stays "offline" while it is retried, not "connecting" between two 404s).
  const [attempts, setAttempts] = useState<{
    url: string | null;
    n: number;
    failedAs: PlayerState | null;
  }>({ url, n: 0, failedAs: null });
  const [status, setStatus] = useState<KeyedStatus | null>(null);
  const failures = useRef(0);
  const lastUrl = useRef<string | null>(null);
  // The live edge (newest segment) seen at this URL and when it last moved; kept across
  // restarts, so a new player replaying a stale window is not taken for live video.
  const edge = useRef<{ sn: number; movedAt: number }>({ sn: -1, movedAt: 0 });
  const generation = attempts.url === url ? attempts.n : 0;
  const failedAs = attempts.url === url ? attempts.failedAs : null;
  const key = url ? `${generation}|${url}` : null;

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !url || !key) return;
    if (lastUrl.current !== url) {
      lastUrl.current = url;
      failures.current = 0;
      edge.current = { sn: -1, movedAt: Date.now() };
    }
    const liveEdge = edge.current;
    let staleAfterMs = STALE_EDGE_MIN_MS;
    /** True when the playlist has stopped growing: whatever plays is old. */
    const edgeStale = (now: number): boolean =>
      liveEdge.sn >= 0 && now - liveEdge.movedAt > staleAfterMs;

    let disposed = false;
    let restarting = false;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let current: PlayerState = failedAs ?? 'connecting';
    let lastTime = -1;
    let lastProgressAt = Date.now();

    let cause: StallCause | null = null;
    /** When the network delivered a segment not yet buffered (ms), or null. */
    let deliveredAt: number | null = null;
    let codec: string | null = null;
    const report = (state: PlayerState, retryAt: number | null = null): void => {
      if (disposed) return;
      current = state;
      setStatus({ key, state, retryAt, stallCause: state === 'stalled' ? cause : null, codec });
    };
    /** Runs the pure state machine (tile-state.ts) and does what it says. */
    const handle = (event: PlayerEvent): void => {
      const next = playerTransition(current, event);
      if (next.restart) restart(next.state);
      else if (next.state !== current || event.type === 'still') report(next.state);
    };

    /** Tear down and start again after a backoff; the effect's cleanup destroys this attempt. */
    const restart = (state: PlayerState): void => {
      if (disposed || restarting) return;
      restarting = true;
      const delay = backoffDelay(failures.current++, streamRetryBackoff);
      report(state, Date.now() + delay);
      retryTimer = setTimeout(() => {
        if (!disposed) {
          setAttempts((a) => ({ url, n: a.url === url ? a.n + 1 : 1, failedAs: state }));
        }
      }, delay);
    };

    const onPlaying = (): void => {
      if (restarting) return;
      lastProgressAt = Date.now();
      if (edgeStale(lastProgressAt)) return;
      failures.current = 0;
      report('playing');
    };
    const onTimeUpdate = (): void => {
      if (video.currentTime !== lastTime) {
        lastTime = video.currentTime;
        lastProgressAt = Date.now();
      }
    };
    video.addEventListener('playing', onPlaying);
    video.addEventListener('timeupdate', onTimeUpdate);

    // The watchdog: frames must keep coming and be new, whatever the player says. It reads the
    // playhead itself (timeupdate can be late), and a tick that comes late means this page was
    // starved, not the stream: that time is not held against the stream.
    let lastTick = Date.now();
    let lastFrames = 0;
    const framesShown = (): number => video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0;
    const watchdog = setInterval(() => {
      const frames = framesShown();
      const framesAdvanced = frames - lastFrames;
      lastFrames = frames;
      const now = Date.now();
      const late = now - lastTick > 2 * WATCHDOG_MS;
      lastTick = now;
      if (restarting) return;
      if (video.currentTime !== lastTime) {
        lastTime = video.currentTime;
        lastProgressAt = now;
      } else if (late) {
        lastProgressAt = now;
      }
      const action = watchdogStep({
        current,
        stillMs: now - lastProgressAt,
        stale: edgeStale(now),
      });
      if (action === 'playing') {
        failures.current = 0;
        catchUp();
      }
      if (action === 'restart') restart('reconnecting');
      else if (action === 'stalled') {
        cause = stallCause({
          bufferedAheadS: bufferedAhead(video),
          framesAdvanced,
          unbufferedForMs: deliveredAt === null ? 0 : now - deliveredAt,
        });
        handle({ type: 'still', cause });
      } else if (action) report(action);
      // Fell behind live while "playing" (a slow page, a short stall): rejoin the live edge.
      else if (current === 'playing' && now - lastCatchUp > 10_000) catchUp();
    }, WATCHDOG_MS);

    let hls: Hls | null = null;
    let lastCatchUp = 0;
    /** After a stall, a live tile shows now, not the minute it missed: seek to the live edge. */
    const catchUp = (): void => {
      const target = catchUpTarget(video.currentTime, hls?.liveSyncPosition);
      if (target === null) return;
      lastCatchUp = Date.now();
      video.currentTime = target;
    };
    let onNativeError: (() => void) | null = null;
    const play = (): void => {
      // Muted autoplay is allowed; a refusal (policy) shows as "connecting" and the watchdog retries.
      video.play().catch(() => {});
    };

    if (Hls.isSupported()) {
      const player = new Hls({ ...wallHlsConfig, pLoader: rebasingPlaylistLoader() });
      hls = player;
      let mediaRecoveries = 0;
      player.on(Hls.Events.MANIFEST_LOADED, (_event, { levels }) => {
        // A master playlist with one variant says its size (RESOLUTION): learnt before the first
        // frame, for the choice of stream (stream-sizes.ts; the video's own size follows).
        const [only] = levels;
        if (levels.length === 1 && only?.width && only.height)
          learnStreamSize(url, { width: only.width, height: only.height }, false);
        // Before hls.js tries (and fails) to play it: a codec this browser cannot decode is
        // said by name, and never retried.
        const bad = undecodableCodec(levels);
        if (bad === null) return;
        codec = codecName(bad);
        player.stopLoad();
        handle({ type: 'codec-unsupported' });
      });
      player.on(Hls.Events.MANIFEST_PARSED, play);
      // A segment the network delivered, until it reaches the buffer (hls.js loads the next only
      // after): seconds of it mean the machine, not the network, starves the tile.
      player.on(Hls.Events.FRAG_LOADED, (_event, { frag }) => {
        if (frag.type === 'main') deliveredAt = Date.now();
      });
      player.on(Hls.Events.FRAG_BUFFERED, () => {
        deliveredAt = null;
      });
      player.on(Hls.Events.FRAG_LOADING, () => {
        deliveredAt = null;
      });
      player.on(Hls.Events.LEVEL_LOADED, (_event, { details }) => {
        if (!details.live) return;
        staleAfterMs = Math.max(STALE_EDGE_MIN_MS, details.targetduration * 3_000);
        if (details.endSN !== liveEdge.sn) {
          liveEdge.sn = details.endSN;
          liveEdge.movedAt = Date.now();
        }
      });
      player.on(Hls.Events.ERROR, (_event, data) => {
        if (current === 'unsupported') return;
        if (data.details === Hls.ErrorDetails.MANIFEST_INCOMPATIBLE_CODECS_ERROR) {
          handle({ type: 'codec-unsupported' });
          return;
        }
        // The platform says the camera's playlist is gone: the camera is offline (a 404 fatal
        // or not: a live playlist that 404s mid-stream will not come back by itself; a 503 once
        // hls.js has given up retrying it).
        const offline = playlistOfflineEvent({
          playlist:
            data.details === Hls.ErrorDetails.MANIFEST_LOAD_ERROR ||
            data.details === Hls.ErrorDetails.LEVEL_LOAD_ERROR,
          code: data.response?.code,
          fatal: data.fatal,
        });
        if (offline) {
          handle(offline);
          return;
        }
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
          handle({ type: 'network-error' });
        } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries === 0) {
          mediaRecoveries++;
          handle({ type: 'media-error', recoverable: true });
          player.recoverMediaError();
        } else {
          handle({ type: 'media-error', recoverable: false });
        }
      });
      player.loadSource(url);
      player.attachMedia(video);
    } else if (video.canPlayType(HLS_MIME)) {
      onNativeError = () => restart('reconnecting');
      video.addEventListener('error', onNativeError);
      video.src = url;
      play();
    } else {
      report('unsupported');
    }

    return () => {
      disposed = true;
      if (retryTimer) clearTimeout(retryTimer);
      clearInterval(watchdog);
      video.removeEventListener('playing', onPlaying);
      video.removeEventListener('timeupdate', onTimeUpdate);
      if (onNativeError) video.removeEventListener('error', onNativeError);
      hls?.destroy();
      // Release the decoder and the MediaSource now, not at the next GC.
      video.removeAttribute('src');
      video.load();
    };
    // failedAs changes only together with key (a new attempt).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [videoRef, url, key]);

  if (!url) return { state: 'idle', retryAt: null };
  if (status && status.key === key) {
    const { key: _key, ...rest } = status;
    return rest;
  }
  return { state: generation > 0 ? (failedAs ?? 'reconnecting') : 'connecting', retryAt: null };
}
