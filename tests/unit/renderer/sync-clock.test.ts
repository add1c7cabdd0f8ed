/**
 * The shared timeline of synced playback (following a suspect across cameras): when it starts,
 * where it is, and how a tile that drifted gets back onto it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  acquireClock,
  driftCorrection,
  mediaAt,
  SEEK_DRIFT_MS,
  SyncClock,
} from '../../../renderer/wall/sync-clock';

const START = Date.UTC(2026, 10, 30, 6, 0, 0);
const END = START + 120_000;

describe('driftCorrection', () => {
  it('seeks a tile that is far off, at the group speed', () => {
    expect(driftCorrection(SEEK_DRIFT_MS + 1, 1)).toEqual({ seek: true, rate: 1 });
    expect(driftCorrection(-5_000, 4)).toEqual({ seek: true, rate: 4 });
  });

  it('slows a tile that is ahead and speeds one that is behind, never by more than 25 %', () => {
    const ahead = driftCorrection(100, 1);
    const behind = driftCorrection(-100, 1);
    expect(ahead.seek || behind.seek).toBe(false);
    expect(ahead.rate).toBeLessThan(1);
    expect(behind.rate).toBeGreaterThan(1);
    expect(driftCorrection(700, 1).rate).toBeCloseTo(0.75);
    expect(driftCorrection(-700, 1).rate).toBeCloseTo(1.25);
  });

  it('plays exactly at the group speed when on the timeline', () => {
    expect(driftCorrection(0, 2)).toEqual({ seek: false, rate: 2 });
  });

  it('tolerates more drift before seeking at high speed (a seek costs more than it saves)', () => {
    expect(driftCorrection(1_200, 1).seek).toBe(true);
    expect(driftCorrection(1_200, 8).seek).toBe(false);
  });
});

describe('SyncClock', () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 1_000;
  });
  afterEach(() => vi.useRealTimers());

  const clock = (speed = 1) => new SyncClock(START, END, speed, () => now);

  it('holds at the start until every member can play, then runs', () => {
    const c = clock();
    c.join('a');
    c.join('b');
    now += 2_000;
    expect(c.state.waiting).toBe(true);
    expect(c.mediaNow()).toBe(START);
    c.ready('a');
    expect(c.state.waiting).toBe(true);
    c.ready('b');
    expect(c.state.waiting).toBe(false);
    now += 1_500;
    expect(c.mediaNow()).toBe(START + 1_500);
    c.dispose();
  });

  it('does not wait more than 5 s for a tile that cannot load', () => {
    const c = clock();
    c.join('a');
    c.join('never');
    c.ready('a');
    vi.advanceTimersByTime(4_999);
    expect(c.state.waiting).toBe(true);
    vi.advanceTimersByTime(1);
    expect(c.state.waiting).toBe(false);
    c.dispose();
  });

  it('a member that leaves no longer holds the others back', () => {
    const c = clock();
    c.join('a');
    const leave = c.join('slow');
    c.ready('a');
    leave();
    expect(c.state.waiting).toBe(false);
    c.dispose();
  });

  it('runs at its speed, pauses where it is, and stops at the end of the range', () => {
    const c = clock(4);
    c.join('a');
    c.ready('a');
    now += 1_000;
    expect(c.mediaNow()).toBe(START + 4_000);
    c.setPaused(true);
    now += 10_000;
    expect(c.mediaNow()).toBe(START + 4_000);
    c.setPaused(false);
    now += 60_000;
    expect(c.mediaNow()).toBe(END);
    c.dispose();
  });

  it('seeks within the range only, and tells its listeners', () => {
    const c = clock();
    const heard = vi.fn();
    c.subscribe(heard);
    c.seek(START - 60_000);
    expect(c.state.anchorMs).toBe(START);
    c.seek(END + 60_000);
    expect(c.state.anchorMs).toBe(END);
    expect(heard).toHaveBeenCalledTimes(2);
    c.dispose();
  });

  it('mediaAt is the anchor while paused or waiting', () => {
    const base = {
      startMs: START,
      endMs: END,
      speed: 1,
      anchorMs: START + 10,
      anchorPerf: 0,
      paused: false,
      waiting: false,
    };
    expect(mediaAt(base, 500)).toBe(START + 510);
    expect(mediaAt({ ...base, paused: true }, 500)).toBe(START + 10);
    expect(mediaAt({ ...base, waiting: true }, 500)).toBe(START + 10);
  });
});

describe('acquireClock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives the tiles of one group one clock, and a fresh one once the last lets go', () => {
    const a = acquireClock('g1', START, END, 1);
    const b = acquireClock('g1', START, END, 1);
    expect(b.clock).toBe(a.clock);
    expect(acquireClock('g2', START, END, 1).clock).not.toBe(a.clock);
    a.release();
    b.release();
    const c = acquireClock('g1', START, END, 1);
    expect(c.clock).not.toBe(a.clock);
    c.release();
  });

  it('a new range for the group is a new clock', () => {
    const a = acquireClock('g3', START, END, 1);
    const b = acquireClock('g3', START + 1_000, END, 1);
    expect(b.clock).not.toBe(a.clock);
    a.release();
    b.release();
  });
});
