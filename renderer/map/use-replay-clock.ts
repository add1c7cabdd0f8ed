/**
 * The track replay's clock: while playing, moves the replay time on by the elapsed frame time
 * times the speed, and stops at the end of the span (the last fix, not the end of the asked
 * window: replay.ts dataSpan).
 */
import { useEffect } from 'react';
import { advance, type ReplaySpeed } from './replay';

export function useReplayClock(
  playing: boolean,
  speed: ReplaySpeed,
  span: { toMs: number } | null,
  setAt: (update: (previous: number) => number) => void,
  setPlaying: (playing: boolean) => void,
): void {
  useEffect(() => {
    if (!playing || !span) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const elapsed = now - last;
      last = now;
      setAt((previous) => {
        const next = advance(previous, elapsed, speed, span.toMs);
        if (next >= span.toMs) setPlaying(false);
        return next;
      });
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, span, setAt, setPlaying]);
}
