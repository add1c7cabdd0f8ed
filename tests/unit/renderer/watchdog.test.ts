import { describe, expect, it } from 'vitest';
import { RESTART_AFTER_MS, STALL_AFTER_MS } from '../../../renderer/wall/hls-config';
import { watchdogStep } from '../../../renderer/wall/watchdog';

describe('watchdogStep', () => {
  it('leaves a moving live picture alone', () => {
    expect(watchdogStep({ current: 'playing', stillMs: 1_000, stale: false })).toBeNull();
  });

  it('calls a picture that stopped moving, or stopped being new, stalled', () => {
    expect(watchdogStep({ current: 'playing', stillMs: STALL_AFTER_MS, stale: false })).toBe(
      'stalled',
    );
    expect(watchdogStep({ current: 'playing', stillMs: 0, stale: true })).toBe('stalled');
    expect(watchdogStep({ current: 'connecting', stillMs: 0, stale: true })).toBe('stalled');
  });

  it('says playing again once new frames move', () => {
    expect(watchdogStep({ current: 'stalled', stillMs: 0, stale: false })).toBe('playing');
    expect(watchdogStep({ current: 'stalled', stillMs: 0, stale: true })).toBeNull();
  });

  it('restarts a player that has shown nothing for too long', () => {
    expect(watchdogStep({ current: 'stalled', stillMs: RESTART_AFTER_MS, stale: true })).toBe(
      'restart',
    );
    expect(watchdogStep({ current: 'connecting', stillMs: RESTART_AFTER_MS, stale: false })).toBe(
      'restart',
    );
    expect(
      watchdogStep({ current: 'connecting', stillMs: RESTART_AFTER_MS - 1, stale: false }),
    ).toBeNull();
  });

  it('does not second-guess states the player set itself', () => {
    for (const current of ['reconnecting', 'error', 'unsupported', 'idle'] as const) {
      expect(watchdogStep({ current, stillMs: RESTART_AFTER_MS * 2, stale: true })).toBeNull();
    }
  });
});
