/**
 * A token bucket for the prober's request budget: refilled at `ratePerSecond`, holding at most
 * one token, so requests are spaced evenly and never more than the rate fall in any one-second
 * window, bursts included (a bucket that could hold R tokens would let 2R through in a second:
 * R saved up, then R refilled). Waiters are served first come, first served.
 */
export interface TokenBucket {
  /** Resolves true with a token, or false once the bucket is closed (nothing is granted then). */
  take(): Promise<boolean>;
  /** Refuses every waiting and later take. */
  close(): void;
}

/** Float rounding must not hold a token back by a whole extra timer turn. */
const epsilon = 1e-9;

export function createTokenBucket(ratePerSecond: number, now: () => number): TokenBucket {
  if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
    throw new Error(`token bucket: ratePerSecond must be a positive number, got ${ratePerSecond}`);
  }
  const perMs = ratePerSecond / 1000;
  let tokens = 1;
  let refilledAt = now();
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const waiters: ((granted: boolean) => void)[] = [];

  const refill = (): void => {
    const t = now();
    tokens = Math.min(1, tokens + Math.max(0, t - refilledAt) * perMs);
    refilledAt = t;
  };
  const pump = (): void => {
    timer = null;
    if (closed) return;
    refill();
    while (waiters.length > 0 && tokens >= 1 - epsilon) {
      tokens -= 1;
      waiters.shift()?.(true);
    }
    if (waiters.length > 0) {
      timer = setTimeout(pump, Math.max(1, Math.ceil((1 - tokens) / perMs)));
    }
  };

  return {
    take() {
      if (closed) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        waiters.push(resolve);
        if (timer === null) pump();
      });
    },
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      for (const w of waiters.splice(0)) w(false);
    },
  };
}
