/**
 * Two players per tile, so a tile changes stream (sub → main when enlarged, and back; a rotation's
 * next camera) without a black gap: the new stream is pre-warmed in a second <video> behind the
 * one on screen, with its own hls.js; on its first decoded frame the two change places and the
 * old player is destroyed. When there is nothing on screen worth keeping (starting, released, not
 * playing), the change is direct.
 *
 * `warm` names a stream wanted soon (a rotation's next page, from its `prewarmAt`): it is loaded
 * behind the one on screen ahead of time and kept ready there; when `want` becomes it, the two
 * change places at once if it already has a frame (else on its first frame).
 */
import { useCallback, useRef, useState, type RefObject } from 'react';
import { useFirstFrame } from './use-first-frame';
import { useHlsPlayer, type PlayerStatus } from './use-hls-player';

type Slot = 0 | 1;

interface SwapState {
  urls: [string | null, string | null];
  front: Slot;
  /** The stream the tile wants on screen (read when the back player's first frame comes). */
  want: string | null;
  /** The back player has presented a frame (it can take the front at once). */
  backReady: boolean;
}

export interface StreamSwap {
  urls: readonly [string | null, string | null];
  front: Slot;
  refs: readonly [RefObject<HTMLVideoElement | null>, RefObject<HTMLVideoElement | null>];
  /** The player on screen. */
  player: PlayerStatus;
  /** A stream is being pre-warmed behind the one on screen. */
  warming: boolean;
}

const other = (slot: Slot): Slot => (slot === 0 ? 1 : 0);

const withUrls = (front: Slot, onFront: string | null, onBack: string | null) =>
  (front === 0 ? [onFront, onBack] : [onBack, onFront]) as [string | null, string | null];

/**
 * The next swap state for what the tile wants (`want` on screen, `warm` soon), or null when the
 * state already fits. Pure: exported for the unit tests.
 */
export function nextSwapState(
  s: SwapState,
  want: string | null,
  warm: string | null,
  frontPlaying: boolean,
  /** The front is stalled: its last frame is still on screen (frozen, but not blank). */
  frontFrozen = false,
): SwapState | null {
  const back = other(s.front);
  const onFront = s.urls[s.front];
  const onBack = s.urls[back];
  if (onFront !== want) {
    if (onBack === want && want !== null && (s.backReady || (!frontPlaying && !frontFrozen))) {
      // Warmed (or nothing on screen): the back player takes the front now. A frozen front
      // stays until the warming one's first frame rather than leave the tile blank meanwhile.
      return { urls: withUrls(back, want, null), front: back, want, backReady: false };
    }
    if (onBack === want && want !== null) return s.want === want ? null : { ...s, want };
    // Nothing wanted (no decoder slot: the camera is offline, over budget, playing back): both
    // players go, so nothing is decoded and no old picture stays on screen as if live.
    if (want === null || onFront === null || !frontPlaying) {
      return { urls: withUrls(s.front, want, null), front: s.front, want, backReady: false };
    }
    return { urls: withUrls(s.front, onFront, want), front: s.front, want, backReady: false };
  }
  // What is on screen is wanted: keep a warm stream behind it, or nothing.
  const behind = warm !== null && warm !== onFront ? warm : null;
  if (onBack !== behind) {
    return { urls: withUrls(s.front, onFront, behind), front: s.front, want, backReady: false };
  }
  return s.want === want ? null : { ...s, want };
}

export function useStreamSwap(want: string | null, warm: string | null = null): StreamSwap {
  const [swap, setSwap] = useState<SwapState>({
    urls: [want, null],
    front: 0,
    want,
    backReady: false,
  });
  const refA = useRef<HTMLVideoElement>(null);
  const refB = useRef<HTMLVideoElement>(null);
  const playerA = useHlsPlayer(refA, swap.urls[0]);
  const playerB = useHlsPlayer(refB, swap.urls[1]);
  const players = [playerA, playerB] as const;
  const { front } = swap;
  const back = other(front);

  // A new target: adjust state while rendering (React's pattern for state derived from props).
  const frontState = players[front].state;
  const next = nextSwapState(swap, want, warm, frontState === 'playing', frontState === 'stalled');
  if (next) setSwap(next);

  const onBackFrame = useCallback(() => {
    setSwap((s) => {
      const b = other(s.front);
      if (s.urls[b] === null) return s;
      // Wanted now: change places. Warming ahead of its time: ready, and waits behind.
      if (s.urls[b] !== s.want) return { ...s, backReady: true };
      return { urls: withUrls(b, s.urls[b], null), front: b, want: s.want, backReady: false };
    });
  }, []);
  const backRef = back === 0 ? refA : refB;
  useFirstFrame(backRef, swap.urls[back], onBackFrame);

  return {
    urls: swap.urls,
    front,
    refs: [refA, refB],
    player: players[front],
    warming: swap.urls[back] !== null,
  };
}
