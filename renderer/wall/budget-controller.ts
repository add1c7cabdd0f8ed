/**
 * The decoder budget at run time (issue #14 item 2): the calibration, the stored value or the
 * default is where a wall window starts; then, window after window of a few seconds, it watches
 * what its full-rate tiles did (frames dropped out of frames due, decoders starved, playheads
 * fallen behind the clock) and moves the budget, the way TCP moves its window:
 *
 * - down quickly when the machine falls behind (multiplicative decrease, from the tiles actually
 *   decoding: one window dropping a lot, or two in a row dropping some);
 * - up slowly when it keeps up (+1 after `increaseAfter` good windows in a row, or `calmFactor`
 *   times as many without a bad one: a machine that always drops a little, busy with something
 *   else, is still tried higher now and then), and only while a tile is held back for want of a
 *   slot (the budget never climbs past the tiles that want it), and never while a quarter of the
 *   tiles fall behind the clock, however little they drop (a starved machine stalls the pictures
 *   rather than drop frames: docs/benchmarks.md);
 * - down too when the machine is starved without dropping: half the tiles or more behind the
 *   clock while their frames still arrive, the platform link up and the page's own timers late
 *   (a CPU the wall does not get). A network stall stalls the pictures alike, but it leaves the
 *   page idle and its timers on time, or it takes the link down: it never lowers the budget;
 * - back faster after a fall from a budget that had held, once the windows are good again: after a
 *   starved fall, or a fall for dropped frames from a budget that had run `heldWindows` windows
 *   without a bad one (another program's video took the CPU: measured, docs/benchmarks.md "The
 *   load step with a load that bites"), what took the CPU has gone when the windows are good
 *   again, so it climbs towards the budget that held +1 after `recoverAfter` good windows instead
 *   of `increaseAfter` (a try that fails there still steps back and doubles the wait, so a load
 *   that stays keeps it low); a fall for drops from a budget that never held (the wall itself
 *   was too much for the machine) climbs back slowly;
 * - with hysteresis: between "good" and "bad" lies a band that never lowers the budget and raises
 *   it only slowly, a change is followed by a window that is not judged (players starting or
 *   stopping; a video counts only once past its start), and an increase that falls
 *   behind within its probation goes back one step only and makes the next try wait twice as long
 *   (up to a bound), so a machine at its limit stays there instead of see-sawing below it;
 * - bounded: never below 1, never above the ceiling (a budget the installer fixed, or 64).
 *
 * Pure: the wall feeds it windows (use-budget-controller.ts), the tests feed it fake ones. What it
 * learns is stored as the next start, and a stored value is trusted less as it ages
 * (`startingBudget`): a busy hour does not cap a wall for months.
 */
import type { BudgetReason } from '../../shared/contract/wall';

/** What a wall's full-rate tiles did over one window. */
export interface LoadWindow {
  /** Full-rate tiles measured over the whole window (a player just started is not). */
  tiles: number;
  /** Frames due over the window, all those tiles (decoded or dropped: totalVideoFrames). */
  frames: number;
  /** Frames dropped (late for display: the decoder or the page fell behind). */
  dropped: number;
  /** Tiles whose decoder starved: frames in hand, none shown over the window. */
  decoderStalls: number;
  /**
   * Tiles whose picture fell behind the clock: their playhead moved less than `behindShare` of
   * the window (stalling, not dropping: a machine starved of CPU starves hls.js's transmuxing too,
   * so the buffers run low and it reads like a network stall; measured, docs/benchmarks.md "The
   * load step with a load that bites"). Whatever the cause, no window with many of them is one
   * the machine kept up in. Absent: none.
   */
  behind?: number;
  /**
   * How late the page's own timers ran over the window (ms, mean; lag-probe.ts): a main thread
   * waiting for a CPU. Absent: not measured (never starved).
   */
  lagMs?: number;
  /** The platform link is up (online): a stall then is not the network's. Absent: not known. */
  linkUp?: boolean;
  /** Tiles that have a slot now (measured or not yet: a player starting). */
  decoding: number;
  /** Tiles that want to decode (a camera to play), held-back ones included. */
  wanting: number;
}

/** Why the budget is what it is (the watcher's words: wall.budget.reason.* in the i18n). */
export type { BudgetReason };

export interface ControllerConfig {
  /** Dropped share at or below which a window is good. */
  goodShare: number;
  /** Above this a window is bad; two bad windows in a row lower the budget. */
  badShare: number;
  /** Above this one window is enough. */
  severeShare: number;
  /** A decrease keeps this share of the tiles that were decoding (at least one fewer). */
  decreaseFactor: number;
  /** Good windows in a row before +1. */
  increaseAfter: number;
  /** Windows in a row with none bad (good or neutral) before +1: `increaseAfter` times this. */
  calmFactor: number;
  /** The most `increaseAfter` grows to after increases that fell back. */
  maxIncreaseAfter: number;
  /** An increase followed by a decrease within this many windows failed. */
  probationWindows: number;
  /** Windows not judged after a change. */
  settleWindows: number;
  /** Fewer frames than this per tile in a window: nothing learnt (a network stall, a start). */
  minFramesPerTile: number;
  /** A tile whose playhead moved less than this share of the window fell behind. */
  behindShare: number;
  /** This share of the tiles behind in a window, or more: it is not a window that kept up. */
  behindTiles: number;
  /**
   * This share of the tiles behind, or more, with the link up and the page's timers late by
   * `starvedLagMs` or more: the machine is starved (a bad window, however little was dropped).
   */
  starvedTiles: number;
  /** Mean lateness of the page's timers over a window at which the machine counts as starved. */
  starvedLagMs: number;
  /** Good windows in a row before +1 while climbing back to the budget a fall left. */
  recoverAfter: number;
  /**
   * Windows in a row with none bad after which a budget counts as one the machine held (as many as
   * an increase's probation: a wall climbing +1 every `increaseAfter` windows holds each step).
   */
  heldWindows: number;
  /** The least budget. */
  min: number;
}

export const controllerConfig: ControllerConfig = {
  goodShare: 0.01,
  badShare: 0.04,
  severeShare: 0.12,
  decreaseFactor: 0.75,
  increaseAfter: 10,
  calmFactor: 3,
  maxIncreaseAfter: 80,
  probationWindows: 5,
  settleWindows: 1,
  minFramesPerTile: 5,
  behindShare: 0.6,
  behindTiles: 0.25,
  starvedTiles: 0.5,
  starvedLagMs: 50,
  recoverAfter: 2,
  heldWindows: 5,
  min: 1,
};

/** How long one window lasts on a wall (2 s: 50 frames a tile at 25 fps). */
export const CONTROL_WINDOW_MS = 2_000;
/** The highest budget anything may set (as `?budget=` and the config allow). */
export const MAX_DECODER_BUDGET = 64;

export interface BudgetControl {
  budget: number;
  /** The most it may reach. */
  ceiling: number;
  reason: BudgetReason;
  /** When the budget last changed (ms since the epoch). */
  changedAt: number;
  /** Good windows in a row. */
  good: number;
  /** Windows in a row with none bad (good or neutral). */
  calm: number;
  /** Bad (not severe) windows in a row. */
  bad: number;
  /** Windows still not judged after the last change. */
  settle: number;
  /** Good windows in a row the next increase needs. */
  increaseAfter: number;
  /** Windows since the last increase while it is on probation, else null. */
  sinceIncrease: number | null;
  /** The budget that held before a fall, while climbing back to it; else null. */
  recoverTo: number | null;
  /**
   * The last budget that ran `heldWindows` windows without a bad one (at most the tiles decoding
   * then), or null: where a fall for dropped frames climbs back to.
   */
  held: number | null;
}

const clamp = (n: number, low: number, high: number): number => Math.min(high, Math.max(low, n));

export function startControl(
  facts: { budget: number; reason: BudgetReason; ceiling?: number; now: number },
  config: ControllerConfig = controllerConfig,
): BudgetControl {
  const ceiling = clamp(Math.floor(facts.ceiling ?? MAX_DECODER_BUDGET), config.min, 64);
  return {
    budget: clamp(Math.floor(facts.budget), config.min, ceiling),
    ceiling,
    reason: facts.reason,
    changedAt: facts.now,
    good: 0,
    calm: 0,
    bad: 0,
    settle: config.settleWindows,
    increaseAfter: config.increaseAfter,
    sinceIncrease: null,
    recoverTo: null,
    held: null,
  };
}

/**
 * `behind`: many tiles' pictures fell behind the clock: never an increase, nor a step towards one.
 * `starved`: most of them, while the link is up and the page waits for a CPU: counts as `bad`.
 */
export type Verdict = 'good' | 'neutral' | 'behind' | 'starved' | 'bad' | 'severe' | 'unknown';

/** What one window says about the machine. */
export function judgeWindow(w: LoadWindow, config: ControllerConfig = controllerConfig): Verdict {
  if (w.tiles <= 0) return 'unknown';
  const decoderStarved = w.decoderStalls > 0;
  if (w.frames < w.tiles * config.minFramesPerTile) return decoderStarved ? 'bad' : 'unknown';
  const share = w.dropped / w.frames;
  if (share > config.severeShare) return 'severe';
  if (share > config.badShare || decoderStarved) return 'bad';
  const behind = w.behind ?? 0;
  if (
    behind > 0 &&
    behind >= w.tiles * config.starvedTiles &&
    w.linkUp === true &&
    (w.lagMs ?? 0) >= config.starvedLagMs
  )
    return 'starved';
  if (behind > 0 && behind >= w.tiles * config.behindTiles) return 'behind';
  return share <= config.goodShare ? 'good' : 'neutral';
}

/** Where a fall (not a failed try) climbs back to quickly, or null: slowly. */
function recoverTarget(s: BudgetControl, verdict: Verdict, budget: number): number | null {
  const target = Math.max(s.recoverTo ?? 0, verdict === 'starved' ? s.budget : (s.held ?? 0));
  return target > budget ? target : null;
}

/** The budget after a fall: a share of the tiles that were decoding, at least one fewer. */
export function decreasedBudget(
  budget: number,
  decoding: number,
  config: ControllerConfig = controllerConfig,
): number {
  const base = Math.max(1, Math.min(budget, decoding));
  return Math.max(config.min, Math.min(base - 1, Math.floor(base * config.decreaseFactor)));
}

/** The controller after one window. `now` stamps a change. */
export function controlStep(
  s: BudgetControl,
  w: LoadWindow,
  now: number,
  config: ControllerConfig = controllerConfig,
): BudgetControl {
  let sinceIncrease = s.sinceIncrease === null ? null : s.sinceIncrease + 1;
  let increaseAfter = s.increaseAfter;
  // An increase that held through its probation: the next one needs the usual streak.
  if (sinceIncrease !== null && sinceIncrease > config.probationWindows) {
    sinceIncrease = null;
    increaseAfter = config.increaseAfter;
  }
  if (s.settle > 0) return { ...s, settle: s.settle - 1, sinceIncrease, increaseAfter };

  const verdict = judgeWindow(w, config);
  const next = { ...s, sinceIncrease, increaseAfter };
  switch (verdict) {
    case 'unknown':
      return next;
    case 'behind':
      // Not kept up, though little was dropped: both streaks towards an increase start again.
      return { ...next, good: 0, calm: 0 };
    case 'neutral':
    case 'good': {
      const good = verdict === 'good' ? s.good + 1 : 0;
      const calm = s.calm + 1;
      const held =
        calm >= config.heldWindows ? Math.min(s.budget, Math.max(w.tiles, w.decoding)) : s.held;
      const heldBack = w.wanting > s.budget;
      // Climbing back after a fall from a budget that held: a shorter streak, doubled by each
      // failed try as the usual one is.
      const recoverTo = s.recoverTo ?? 0;
      const recovering = s.budget < recoverTo;
      const keptUp = recovering
        ? good >= Math.ceil((config.recoverAfter * increaseAfter) / config.increaseAfter)
        : good >= increaseAfter || calm >= increaseAfter * config.calmFactor;
      if (!keptUp || !heldBack || s.budget >= s.ceiling)
        return { ...next, good, calm, bad: 0, held };
      return {
        ...next,
        held,
        budget: s.budget + 1,
        recoverTo: s.budget + 1 < recoverTo ? recoverTo : null,
        reason: 'kept-up',
        changedAt: now,
        good: 0,
        calm: 0,
        bad: 0,
        settle: config.settleWindows,
        sinceIncrease: 0,
      };
    }
    case 'bad':
    case 'starved':
    case 'severe': {
      const bad = s.bad + 1;
      if (verdict !== 'severe' && bad < 2) return { ...next, good: 0, calm: 0, bad };
      // An increase that fell back at once was one too many: back to where it was, and the
      // next try waits twice as long. Any other fall: a share of what decodes.
      const failedTry = sinceIncrease !== null;
      const budget = failedTry
        ? Math.max(config.min, s.budget - 1)
        : decreasedBudget(s.budget, Math.max(w.tiles, w.decoding), config);
      if (budget >= s.budget) return { ...next, good: 0, calm: 0, bad: 0 };
      return {
        ...next,
        budget,
        reason: verdict === 'starved' ? 'machine-busy' : 'fell-behind',
        changedAt: now,
        good: 0,
        calm: 0,
        bad: 0,
        settle: config.settleWindows,
        sinceIncrease: null,
        increaseAfter: failedTry
          ? Math.min(config.maxIncreaseAfter, increaseAfter * 2)
          : increaseAfter,
        // What a starved fall leaves, or a fall from a budget that held, is climbed back to
        // faster; a fall for drops from one that never held is the wall's own limit, perhaps:
        // slowly. A failed try keeps whichever it was.
        recoverTo: failedTry ? s.recoverTo : recoverTarget(s, verdict, budget),
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A window from the tiles' videos
// ---------------------------------------------------------------------------------------------

/** What one full-rate tile's <video> says at one moment. */
export interface TileReading {
  /** The <video> read (a swap puts another one in front: it starts a new count). */
  video: object;
  /** getVideoPlaybackQuality: frames due so far (decoded or dropped), and dropped. */
  total: number;
  dropped: number;
  /** Seconds buffered ahead of the playhead. */
  bufferedAheadS: number;
  /** Playing, not paused. */
  playing: boolean;
  /** The playhead (video.currentTime, s) and when it was read (ms, any monotonic clock). */
  mediaTimeS?: number;
  at?: number;
  /** video.playbackRate (a played-back range runs at its speed): what the playhead is due. */
  rate?: number;
}

/** Frames a video has presented (or dropped) before it counts as past its start: a player
 * starting drops a few frames catching up with live, which says nothing about the decoder. */
export const STARTED_FRAMES = 10;
/** The controller waits longer (3 s at 25 fps): hls.js settling on the live edge drops more. */
export const MEASURED_AFTER_FRAMES = 75;

/**
 * The window between two readings of the tiles with a slot: a tile counts when the same video was
 * read at both ends, past its start; a decoder stall is a playing tile with a second of video in
 * hand and no new frame (tile-state.ts's stallCause says the same for a stalled tile).
 */
export function windowFromReadings(
  before: readonly TileReading[],
  after: readonly TileReading[],
  config: ControllerConfig = controllerConfig,
): Omit<LoadWindow, 'decoding' | 'wanting'> {
  const earlier = new Map(before.map((r) => [r.video, r]));
  let tiles = 0;
  let frames = 0;
  let dropped = 0;
  let decoderStalls = 0;
  let behind = 0;
  for (const now of after) {
    const then = earlier.get(now.video);
    if (!then || then.total < MEASURED_AFTER_FRAMES || now.total < then.total) continue;
    tiles += 1;
    const advanced = now.total - then.total;
    frames += advanced;
    dropped += Math.max(0, Math.min(advanced, now.dropped - then.dropped));
    if (now.playing && then.playing && advanced === 0 && now.bufferedAheadS > 1) decoderStalls++;
    if (
      now.playing &&
      then.playing &&
      now.mediaTimeS !== undefined &&
      then.mediaTimeS !== undefined &&
      now.at !== undefined &&
      then.at !== undefined &&
      now.at > then.at &&
      now.mediaTimeS - then.mediaTimeS <
        ((now.at - then.at) / 1000) * (now.rate ?? 1) * config.behindShare
    ) {
      behind++;
    }
  }
  return { tiles, frames, dropped, decoderStalls, behind };
}

// ---------------------------------------------------------------------------------------------
// What is stored between runs
// ---------------------------------------------------------------------------------------------

/** The budget the controller last learnt on this machine, and when (JSON: {budget, at}). */
export const LEARNED_BUDGET_KEY = 'vigil.decoderBudget.learned';
/** Where one wall stores it (one key per wall: their tile counts differ). */
export const learnedBudgetKey = (wallId: number): string => `${LEARNED_BUDGET_KEY}.${wallId}`;

export interface LearnedBudget {
  budget: number;
  /** ms since the epoch. */
  at: number;
}

/** A stored learnt budget, or null when absent or not one (a tampered or old value). */
export function parseLearned(raw: string | null): LearnedBudget | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { budget, at } = value as Record<string, unknown>;
    if (typeof budget !== 'number' || !Number.isInteger(budget)) return null;
    if (budget < 1 || budget > MAX_DECODER_BUDGET) return null;
    if (typeof at !== 'number' || !Number.isFinite(at)) return null;
    return { budget, at };
  } catch {
    return null;
  }
}

/**
 * What a change of the budget teaches the next start, or null (keep what is stored): a fall is
 * the machine's limit now, unless something else took the processor (`machine-busy`: the budget
 * that held is still its limit once that has gone); a rise counts once it passes the last limit
 * stored (a rise only up to the tiles there are, or back to where it was, says nothing of the
 * machine).
 */
export function learntFrom(
  stored: LearnedBudget | null,
  change: { to: number; reason: BudgetReason },
  now: number,
): LearnedBudget | null {
  if (change.reason === 'kept-up' && (!stored || change.to <= stored.budget)) return null;
  if (change.reason === 'machine-busy') return null;
  return { budget: change.to, at: now };
}

/** A stored budget gains one tile for every half hour it has aged... */
export const TRUST_DECAY_MS = 30 * 60_000;

/**
 * Where a wall starts from a value stored at `at`: the older, the higher it tries (+1 every
 * `TRUST_DECAY_MS`), up to twice the stored value plus one: a budget learnt in a busy hour is a
 * hint, not a cap; the run-time controller comes down again at once if the machine is still busy.
 */
export function startingBudget(stored: LearnedBudget, now: number): number {
  const age = Math.max(0, now - stored.at);
  const tried = stored.budget + Math.floor(age / TRUST_DECAY_MS);
  return Math.min(MAX_DECODER_BUDGET, stored.budget * 2 + 1, tried);
}
