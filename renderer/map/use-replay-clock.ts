/**
 * The track replay's clock: while playing, moves the replay time on by the elapsed frame time
 * times the speed, and stops at the end of the range.
 */
import { useEffect } from 'react';
import type { TracksResult } from '../../shared/contract/map';
import { advance, type ReplaySpeed } from './replay';

export function useReplayClock(
  playing: boolean,
  speed: ReplaySpeed,
  result: TracksResult | null,
  setAt: (update: (previous: number) => number) => void,
  setPlaying: (playing: boolean) => void,
): void {
  useEffect(() => {
    if (!playing || !result) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const elapsed = now - last;
      last = now;
      setAt((previous) => {
        const next = advance(previous, elapsed, speed, result.toMs);
        if (next >= result.toMs) setPlaying(false);
        return next;
      });
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, result, setAt, setPlaying]);
}
