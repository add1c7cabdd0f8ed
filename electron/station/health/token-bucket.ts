/**
 * The prober's request budget: `ratePerSecond` tokens, each one back in the bucket one second
 * after it was spent, so never more than the rate fall in any one-second window, bursts
 * included (a classic bucket refilled continuously would let 2R through in a second: R saved
 * up, then R refilled meanwhile). Within that, tokens are handed out on an even schedule, one
 * every 1/rate s (plus 1 %), so the platform sees a steady trickle rather than a burst each
 * second; a timer that fires a little late is made up on the next token instead of lowering the
 * rate (on a busy machine timers fire ms late, which at 20/s cost 3-4 % of the budget), while a
 * bucket left idle does not save up a burst. Waiters are served first come, first served.
 *
 * For a rate that is not a whole number the window is longer than a second: ⌊rate⌋ tokens per
 * ⌊rate⌋/rate s (e.g. 2 per 0.8 s at 2.5/s).
 */
export interface TokenBucket {
  /** Resolves true with a token, or false once the bucket is closed (nothing is granted then). */
  take(): Promise<boolean>;
  /** Refuses every waiting and later take. */
  close(): void;
}

export function createTokenBucket(ratePerSecond: number, now: () => number): TokenBucket {
  if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
    throw new Error(`token bucket: ratePerSecond must be a positive number, got ${ratePerSecond}`);
  }
  const tokens = Math.max(1, Math.floor(ratePerSecond));
  const windowMs = (tokens * 1000) / ratePerSecond;
  // The schedule runs 1 % under the rate: a request sent a ms after its token (the process
  // descheduled in between) then still finds room in the window, rather than being the
  // rate + 1st in some second at the platform.
  const intervalMs = (windowMs / tokens) * 1.01;
  /** When each of the last `tokens` grants was made, oldest first. */
  const spent: number[] = [];
  /** The next grant's slot on the even schedule. */
  let slot = -Infinity;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const waiters: ((granted: boolean) => void)[] = [];

  const earliest = (): number =>
    Math.max(slot, spent.length < tokens ? -Infinity : (spent[0] as number) + windowMs);
  const pump = (): void => {
    timer = null;
    if (closed) return;
    let t = now();
    while (waiters.length > 0 && t >= earliest()) {
      // A late timer is made up on the next token, up to half an interval (never a burst).
      slot = Math.max(slot, t - intervalMs / 2) + intervalMs;
      spent.push(t);
      if (spent.length > tokens) spent.shift();
      waiters.shift()?.(true);
      t = now();
    }
    if (waiters.length > 0) timer = setTimeout(pump, Math.max(1, Math.ceil(earliest() - t)));
  };

  return {
    take() {
      if (closed) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        // Idle until now: the schedule starts from now, nothing was saved up meanwhile.
        if (waiters.length === 0 && timer === null) slot = Math.max(slot, now());
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
