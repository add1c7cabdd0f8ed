import { describe, expect, it } from 'vitest';
import { startLagProbe, type LagClock } from '../../../renderer/wall/lag-probe';

/** A clock and timer the test moves by hand: `run(ms)` lets the page's main thread run `ms` late. */
function fakeClock() {
  let now = 0;
  let pending: { at: number; run: () => void; id: number } | null = null;
  let ids = 0;
  let cleared = 0;
  const clock: LagClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      pending = { at: now + ms, run, id: ++ids };
      return pending.id;
    },
    clearTimeout: (id) => {
      if (pending?.id === id) pending = null;
      cleared += 1;
    },
  };
  return {
    clock,
    /** The next timer runs `lateMs` after its time. */
    tick(lateMs = 0) {
      const timer = pending;
      if (!timer) throw new Error('no timer pending');
      pending = null;
      now = timer.at + lateMs;
      timer.run();
    },
    get pending() {
      return pending !== null;
    },
    get cleared() {
      return cleared;
    },
  };
}

describe('the lag probe', () => {
  it('reads the mean lateness of its timers since the last reading', () => {
    const c = fakeClock();
    const probe = startLagProbe(c.clock, 100);
    expect(probe.take()).toBeUndefined(); // no timer ran yet
    for (const late of [0, 2, 4, 2]) c.tick(late);
    expect(probe.take()).toBe(2);
    // A main thread waiting for a CPU: every timer late.
    for (const late of [150, 90, 300]) c.tick(late);
    expect(probe.take()).toBe(180);
    expect(probe.take()).toBeUndefined(); // each reading starts afresh
  });

  it('a timer late once does not make the next ones late (each is due a period after it ran)', () => {
    const c = fakeClock();
    const probe = startLagProbe(c.clock, 100);
    c.tick(500);
    c.tick(0);
    c.tick(0);
    expect(probe.take()).toBeCloseTo(500 / 3);
  });

  it('stops: no timer left behind', () => {
    const c = fakeClock();
    const probe = startLagProbe(c.clock, 100);
    c.tick(0);
    probe.stop();
    expect(c.pending).toBe(false);
    expect(c.cleared).toBe(1);
  });
});
