/**
 * How late this page's own timers run: a timer due every `periodMs` notes how long after its time
 * it ran. A main thread that waits for a CPU (the machine starved by something else) runs every
 * timer late; a page that only waits for the network runs them on time. The budget controller
 * reads the mean once a window (budget-controller.ts, `lagMs`).
 *
 * The clock and the timer are given, so the tests drive it without real time.
 */
export interface LagProbe {
  /** The mean lateness (ms) of the timers run since the last take, or undefined if none ran. */
  take(): number | undefined;
  stop(): void;
}

export interface LagClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** 100 ms: twenty readings in a 2 s window, ten wake-ups a second (nothing to a page). */
export const LAG_PERIOD_MS = 100;

const browserClock: LagClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

export function startLagProbe(clock: LagClock = browserClock, periodMs = LAG_PERIOD_MS): LagProbe {
  let sum = 0;
  let count = 0;
  let stopped = false;
  let due = clock.now() + periodMs;
  const tick = (): void => {
    if (stopped) return;
    const now = clock.now();
    sum += Math.max(0, now - due);
    count += 1;
    due = now + periodMs;
    handle = clock.setTimeout(tick, periodMs);
  };
  let handle = clock.setTimeout(tick, periodMs);
  return {
    take() {
      const mean = count > 0 ? sum / count : undefined;
      sum = 0;
      count = 0;
      return mean;
    },
    stop() {
      stopped = true;
      clock.clearTimeout(handle);
    },
  };
}
