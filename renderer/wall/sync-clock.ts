/**
 * One timeline for several tiles playing back (following a suspect across cameras): a shared
 * clock in wall-clock media time (ms since epoch, from EXT-X-PROGRAM-DATE-TIME), and each tile
 * steers its own <video> onto it. The clock waits until every member can play (or 5 s), so a
 * slow tile does not start behind.
 */
export interface SyncClockState {
  startMs: number;
  endMs: number;
  speed: number;
  paused: boolean;
  /** Media time at `anchorPerf` (performance.now()). */
  anchorMs: number;
  anchorPerf: number;
  /** Waiting for members to be ready. */
  waiting: boolean;
}

/** Where the timeline is at `perf`. */
export function mediaAt(c: SyncClockState, perf: number): number {
  if (c.paused || c.waiting) return c.anchorMs;
  return Math.min(c.endMs, c.anchorMs + (perf - c.anchorPerf) * c.speed);
}

/** Beyond this a tile seeks; within it, it leans on its playback rate. */
export const SEEK_DRIFT_MS = 800;
/** At most ±25 % off the group's speed while leaning back onto the timeline. */
const MAX_LEAN = 0.25;

/**
 * How a tile corrects `driftMs` (its media time minus the clock's; positive: ahead): a seek when
 * far off, else a playback rate that closes the gap in about a second.
 */
export function driftCorrection(driftMs: number, speed: number): { seek: boolean; rate: number } {
  if (Math.abs(driftMs) > SEEK_DRIFT_MS * Math.max(1, speed / 2))
    return { seek: true, rate: speed };
  const lean = Math.max(-MAX_LEAN, Math.min(MAX_LEAN, driftMs / 1000));
  return { seek: false, rate: speed * (1 - lean) };
}

type Listener = () => void;

export class SyncClock {
  state: SyncClockState;
  private readonly members = new Map<string, boolean>();
  private readonly listeners = new Set<Listener>();
  private readonly startTimer: ReturnType<typeof setTimeout>;

  constructor(
    startMs: number,
    endMs: number,
    speed: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.state = {
      startMs,
      endMs,
      speed,
      paused: false,
      anchorMs: startMs,
      anchorPerf: now(),
      waiting: true,
    };
    // Nobody waits forever for a tile that cannot load.
    this.startTimer = setTimeout(() => this.start(), 5_000);
  }

  mediaNow(): number {
    return mediaAt(this.state, this.now());
  }

  join(member: string): () => void {
    this.members.set(member, false);
    return () => {
      this.members.delete(member);
      this.maybeStart();
    };
  }

  ready(member: string): void {
    if (!this.members.has(member)) return;
    this.members.set(member, true);
    this.maybeStart();
  }

  seek(ms: number): void {
    const clamped = Math.max(this.state.startMs, Math.min(this.state.endMs, ms));
    this.set({ anchorMs: clamped, anchorPerf: this.now() });
  }

  setSpeed(speed: number): void {
    this.set({ anchorMs: this.mediaNow(), anchorPerf: this.now(), speed });
  }

  setPaused(paused: boolean): void {
    this.set({ anchorMs: this.mediaNow(), anchorPerf: this.now(), paused });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get memberCount(): number {
    return this.members.size;
  }

  dispose(): void {
    clearTimeout(this.startTimer);
    this.listeners.clear();
  }

  private maybeStart(): void {
    if (this.state.waiting && [...this.members.values()].every(Boolean) && this.members.size > 0) {
      this.start();
    }
  }

  private start(): void {
    clearTimeout(this.startTimer);
    if (!this.state.waiting) return;
    this.set({ waiting: false, anchorPerf: this.now() });
  }

  private set(patch: Partial<SyncClockState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}

/** The clock group a tile in playback is on: its sync group, or a group of its own. */
export function playbackGroup(
  wallId: number,
  index: number,
  mode: { syncGroup: string | null },
): string {
  return mode.syncGroup ?? `solo-${wallId}-${index}`;
}

/** Where `group`'s timeline is now (ms since epoch), null when no tile holds that clock. */
export function clockPosition(group: string): number | null {
  return clocks.get(group)?.clock.mediaNow() ?? null;
}

/** The window's clocks by group (a tile alone gets its own group). */
const clocks = new Map<string, { clock: SyncClock; users: number }>();

/** The clock of `group`, made on first use; `release` when done (the last user disposes it). */
export function acquireClock(
  group: string,
  startMs: number,
  endMs: number,
  speed: number,
): { clock: SyncClock; release: () => void } {
  let entry = clocks.get(group);
  if (!entry || entry.clock.state.startMs !== startMs || entry.clock.state.endMs !== endMs) {
    entry?.clock.dispose();
    entry = { clock: new SyncClock(startMs, endMs, speed), users: 0 };
    clocks.set(group, entry);
  }
  entry.users++;
  const held = entry;
  return {
    clock: held.clock,
    release: () => {
      held.users--;
      if (held.users <= 0 && clocks.get(group) === held) {
        held.clock.dispose();
        clocks.delete(group);
      }
    },
  };
}
