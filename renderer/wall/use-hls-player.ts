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
import { HLS_MIME, STALE_EDGE_MIN_MS, wallHlsConfig } from './hls-config';
import { rebasingPlaylistLoader } from './rebasing-loader';
import type { PlayerState } from './tile-state';
import { watchdogStep } from './watchdog';

const WATCHDOG_MS = 1_000;

export interface PlayerStatus {
  state: PlayerState;
  /** When the next attempt starts (ms since epoch), while waiting to retry. */
  retryAt: number | null;
}

interface KeyedStatus extends PlayerStatus {
  /** Which attempt this status belongs to (url + generation): older attempts' news is ignored. */
  key: string;
}

export function useHlsPlayer(
  videoRef: RefObject<HTMLVideoElement | null>,
  url: string | null,
): PlayerStatus {
  // Attempts at the current URL; a new URL starts again at 0.
  const [attempts, setAttempts] = useState<{ url: string | null; n: number }>({ url, n: 0 });
  const [status, setStatus] = useState<KeyedStatus | null>(null);
  const failures = useRef(0);
  const lastUrl = useRef<string | null>(null);
  // The live edge (newest segment) seen at this URL and when it last moved; kept across
  // restarts, so a new player replaying a stale window is not taken for live video.
  const edge = useRef<{ sn: number; movedAt: number }>({ sn: -1, movedAt: 0 });
  const generation = attempts.url === url ? attempts.n : 0;
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
    let current: PlayerState = 'connecting';
    let lastTime = -1;
    let lastProgressAt = Date.now();

    const report = (state: PlayerState, retryAt: number | null = null): void => {
      if (disposed) return;
      current = state;
      setStatus({ key, state, retryAt });
    };

    /** Tear down and start again after a backoff; the effect's cleanup destroys this attempt. */
    const restart = (state: PlayerState): void => {
      if (disposed || restarting) return;
      restarting = true;
      const delay = backoffDelay(failures.current++, streamRetryBackoff);
      report(state, Date.now() + delay);
      retryTimer = setTimeout(() => {
        if (!disposed) setAttempts((a) => ({ url, n: a.url === url ? a.n + 1 : 1 }));
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
    const watchdog = setInterval(() => {
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
      if (action === 'playing') failures.current = 0;
      if (action === 'restart') restart('reconnecting');
      else if (action) report(action);
    }, WATCHDOG_MS);

    let hls: Hls | null = null;
    let onNativeError: (() => void) | null = null;
    const play = (): void => {
      // Muted autoplay is allowed; a refusal (policy) shows as "connecting" and the watchdog retries.
      video.play().catch(() => {});
    };

    if (Hls.isSupported()) {
      const player = new Hls({ ...wallHlsConfig, pLoader: rebasingPlaylistLoader() });
      hls = player;
      let mediaRecoveries = 0;
      player.on(Hls.Events.MANIFEST_PARSED, play);
      player.on(Hls.Events.LEVEL_LOADED, (_event, { details }) => {
        if (!details.live) return;
        staleAfterMs = Math.max(STALE_EDGE_MIN_MS, details.targetduration * 3_000);
        if (details.endSN !== liveEdge.sn) {
          liveEdge.sn = details.endSN;
          liveEdge.movedAt = Date.now();
        }
      });
      player.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
          restart('reconnecting');
        } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries === 0) {
          mediaRecoveries++;
          player.recoverMediaError();
        } else {
          restart('error');
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
  }, [videoRef, url, key]);

  if (!url) return { state: 'idle', retryAt: null };
  if (status && status.key === key) return { state: status.state, retryAt: status.retryAt };
  return { state: generation > 0 ? 'reconnecting' : 'connecting', retryAt: null };
}
