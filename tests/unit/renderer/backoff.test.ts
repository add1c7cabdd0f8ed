import { describe, expect, it } from 'vitest';
import { backoffDelay, streamRetryBackoff } from '../../../renderer/common/backoff';

describe('backoffDelay', () => {
  const options = { baseMs: 100, maxMs: 5_000, jitter: 0 };

  it('doubles per attempt without jitter', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, options))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the cap, even after a week of retries', () => {
    expect(backoffDelay(10, options)).toBe(5_000);
    expect(backoffDelay(1_000_000, options)).toBe(5_000);
  });

  it('jitter keeps the delay between (1 - jitter) and 1 of the nominal delay', () => {
    const half = { baseMs: 1_000, maxMs: 60_000, jitter: 0.5 };
    expect(backoffDelay(2, half, () => 0)).toBe(2_000);
    expect(backoffDelay(2, half, () => 0.999999)).toBe(4_000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(3, half);
      expect(d).toBeGreaterThanOrEqual(4_000);
      expect(d).toBeLessThanOrEqual(8_000);
    }
  });

  it('treats odd attempts (negative, fractional) as sane ones', () => {
    expect(backoffDelay(-3, options)).toBe(100);
    expect(backoffDelay(1.7, options)).toBe(200);
  });

  it('stream retries start at a second and stay under half a minute', () => {
    expect(backoffDelay(0, streamRetryBackoff, () => 1)).toBeLessThanOrEqual(1_000);
    expect(backoffDelay(0, streamRetryBackoff, () => 0)).toBeGreaterThanOrEqual(500);
    expect(backoffDelay(50, streamRetryBackoff, () => 1)).toBeLessThanOrEqual(30_000);
  });
});
