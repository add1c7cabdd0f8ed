/** Time for the watch services, injectable so tests drive it with a fake clock. */
export interface WatchClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Node's timers cap at 2^31-1 ms; longer waits wake early and re-plan. */
export const maxTimerMs = 3600_000;

export function realClock(now: () => number = Date.now): WatchClock {
  return {
    now,
    setTimer: (fn, ms) => {
      const t = setTimeout(fn, Math.max(0, Math.min(ms, maxTimerMs)));
      t.unref?.();
      return t;
    },
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
}

/** One re-armable timer: `at(t)` replaces the previous wake-up. */
export class Wakeup {
  private handle: unknown = null;
  constructor(
    private readonly clock: WatchClock,
    private readonly fn: () => void,
  ) {}
  at(t: number | null): void {
    this.clear();
    if (t === null) return;
    const ms = Math.min(Math.max(0, t - this.clock.now()), maxTimerMs);
    this.handle = this.clock.setTimer(() => {
      this.handle = null;
      this.fn();
    }, ms);
  }
  clear(): void {
    if (this.handle !== null) this.clock.clearTimer(this.handle);
    this.handle = null;
  }
}
