/**
 * One ticking clock for the whole wall (not one interval per tile): ticks each second while
 * anything listens, and stops when nothing does.
 */
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let now = Math.floor(Date.now() / 1000) * 1000;

function tick(): void {
  now = Math.floor(Date.now() / 1000) * 1000;
  for (const listener of [...listeners]) listener();
}

export function subscribeClock(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    tick();
    timer = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export const clockSnapshot = (): number => now;
