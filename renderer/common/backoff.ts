/**
 * Retry delays for everything that reconnects on its own (the WebSocket to the core, a tile's
 * HLS stream): exponential growth, capped, with jitter so a hall of 64 tiles that lost the
 * network together does not hammer the platform together when it comes back.
 */
export interface BackoffOptions {
  /** Delay before the first retry, ms. */
  baseMs: number;
  /** Never wait longer than this, ms. */
  maxMs: number;
  /** Growth per attempt (2 doubles). */
  factor?: number;
  /** Share of the delay that is random, 0..1 (0.5: between 50% and 100% of the nominal delay). */
  jitter?: number;
}

/**
 * The delay before retry number `attempt` (0 for the first retry).
 * `random` is injectable so tests are deterministic.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const { baseMs, maxMs, factor = 2, jitter = 0.5 } = options;
  const safeAttempt = Math.max(0, Math.floor(attempt));
  // Cap the exponent so a wall that has retried for a week does not overflow to Infinity.
  const nominal = Math.min(maxMs, baseMs * Math.pow(factor, Math.min(safeAttempt, 30)));
  const share = Math.min(1, Math.max(0, jitter));
  const delay = nominal * (1 - share) + nominal * share * random();
  return Math.round(Math.min(maxMs, Math.max(0, delay)));
}

/** The WebSocket to the local core: quick first retries, then at most every 10 s. */
export const coreReconnectBackoff: BackoffOptions = { baseMs: 250, maxMs: 10_000 };

/** A tile's stream: the platform may be restarting; do not retry faster than every 1 s. */
export const streamRetryBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 30_000 };
