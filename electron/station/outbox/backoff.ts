/**
 * Retry schedule of the outbox: retryBaseMs after the first failure, doubling each time, capped
 * at retryMaxMs, with jitter so a hall of workstations that lost the platform together does not
 * hammer it in lockstep when it comes back. The jitter only shortens a delay (by up to 20 %), so
 * retryMaxMs stays a true upper bound.
 */
export interface BackoffOptions {
  retryBaseMs: number;
  retryMaxMs: number;
  /** 0..1; 0.2 means a delay is drawn from [0.8 d, d]. */
  jitter?: number;
}

/**
 * The delay before the next try after `failures` failed attempts (1 = the first failure).
 * `random` is Math.random in production and a constant in tests.
 */
export function retryDelay(
  failures: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const { retryBaseMs, retryMaxMs, jitter = 0.2 } = options;
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const capped = Math.min(retryMaxMs, retryBaseMs * 2 ** exponent);
  return Math.round(capped * (1 - jitter * random()));
}
