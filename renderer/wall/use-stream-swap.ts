/**
 * Two players per tile, so a tile changes stream (sub → main when enlarged, and back) without a
 * black gap: the new stream is pre-warmed in a second <video> behind the one on screen, with its
 * own hls.js; on its first decoded frame the two change places and the old player is destroyed.
 * When there is nothing on screen worth keeping (starting, released, not playing), the change is
 * direct.
 */
import { useCallback, useRef, useState, type RefObject } from 'react';
import { useFirstFrame } from './use-first-frame';
import { useHlsPlayer, type PlayerStatus } from './use-hls-player';

type Slot = 0 | 1;

interface SwapState {
  urls: [string | null, string | null];
  front: Slot;
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

export function useStreamSwap(want: string | null): StreamSwap {
  const [swap, setSwap] = useState<SwapState>({ urls: [want, null], front: 0 });
  const refA = useRef<HTMLVideoElement>(null);
  const refB = useRef<HTMLVideoElement>(null);
  const playerA = useHlsPlayer(refA, swap.urls[0]);
  const playerB = useHlsPlayer(refB, swap.urls[1]);
  const players = [playerA, playerB] as const;
  const { front } = swap;
  const back = other(front);
  const frontPlaying = players[front].state === 'playing';

  // A new target: adjust state while rendering (React's pattern for state derived from props).
  if (swap.urls[front] !== want && swap.urls[back] !== want) {
    if (want === null || swap.urls[front] === null || !frontPlaying) {
      setSwap({ urls: front === 0 ? [want, null] : [null, want], front });
    } else {
      setSwap({ urls: front === 0 ? [swap.urls[0], want] : [want, swap.urls[1]], front });
    }
  } else if (swap.urls[front] === want && swap.urls[back] !== null) {
    // Back to what is on screen before the other finished warming: drop the other.
    setSwap({ urls: front === 0 ? [want, null] : [null, want], front });
  }

  const onBackFrame = useCallback(() => {
    setSwap((s) => {
      const b = other(s.front);
      if (s.urls[b] === null) return s;
      return { urls: b === 0 ? [s.urls[0], null] : [null, s.urls[1]], front: b };
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
