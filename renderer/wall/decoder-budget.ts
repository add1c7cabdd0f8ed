/**
 * The decoder budget of one wall window: this machine decodes a limited number of streams in
 * software (2 cores: 16 tiles ≈ one core, 36 drop a fifth of their frames), so a window decides
 * which tiles decode instead of letting all of them fall behind together. Pure.
 *
 * The budget counts sub-streams: a tile playing its sub-stream weighs 1, one playing its main
 * stream weighs the main stream's pixels per second over the sub-stream's (stream-choice.ts: 4
 * for 640×360 over 320×180), because that is what its decoder costs.
 *
 * Rules, in order:
 * - a hidden window (minimised, another desktop) decodes nothing;
 * - an enlarged tile covers the others: only it decodes (its main stream when its size wants it,
 *   whatever the budget: it is the window's only decoder, and the budget is never below one
 *   stream), and nothing when it has nothing to play (its camera offline, its stream refused):
 *   the tiles under it are not seen, whatever it shows;
 * - otherwise tiles that want to decode get a slot, first the urgent ones (a focus pin, an alert's
 *   pull: what the watcher was told to look at), then in tile order (the hall reads a wall from
 *   the top left) until the budget is used; the rest are held back and show key-frame previews.
 *   Every slot is a sub-stream's first: only what is left after every tile that can have a slot
 *   has one moves tiles that want it to their main stream, in the same order. A tile the budget
 *   cannot give its main stream keeps its sub-stream: sub-stream before preview before dark.
 *   A rotating tile gets its main stream only with room for its next camera's main stream too
 *   (the pre-warm at the page's end), so a page change keeps the stream it had.
 *   (An enlarged tile comes before all, above; a rotation's pre-warm after all, warmingTiles.)
 */
import { parseLearned, startingBudget, type BudgetReason } from './budget-controller';

export interface BudgetFacts {
  /** Tiles that have a camera and want to decode. */
  wanting: readonly number[];
  budget: number;
  hidden: boolean;
  /** The enlarged tile, or null. */
  enlarged: number | null;
  /** Tiles served before the others (focus pins, alert pulls), when they want to decode. */
  urgent?: readonly number[];
}

/** What a tile that wants to decode asks of the budget besides its slot. */
export interface StreamWish {
  /** The main stream's weight when the tile's size wants it (stream-choice.ts); null: sub. */
  main: number | null;
  /** A rotation warms its next camera behind it before each page change. */
  rotating?: boolean;
}

export interface StreamGrant {
  /** Tiles that decode. */
  decoding: Set<number>;
  /** Of those, the ones that play their main stream. */
  main: Set<number>;
  /** The budget they use: 1 per sub-stream, a main stream's weight per main stream. */
  used: number;
  /** The budget the tiles that want to decode would use, each on the stream it wants. */
  wanted: number;
}

/** Slots and streams: who decodes, on which stream (the rules above). */
export function grantStreams(
  facts: BudgetFacts & { wishes?: ReadonlyMap<number, StreamWish> },
): StreamGrant {
  const { wanting, budget, hidden, enlarged, urgent = [], wishes = new Map() } = facts;
  const weight = (tile: number): number => wishes.get(tile)?.main ?? 1;
  const wanted = wanting.reduce((sum, tile) => sum + weight(tile), 0);
  const none: StreamGrant = { decoding: new Set(), main: new Set(), used: 0, wanted };
  if (hidden) return none;
  if (enlarged !== null) {
    if (!wanting.includes(enlarged)) return none;
    const main = (wishes.get(enlarged)?.main ?? null) !== null;
    return {
      decoding: new Set([enlarged]),
      main: new Set(main ? [enlarged] : []),
      used: weight(enlarged),
      wanted: weight(enlarged),
    };
  }
  const slots = Math.max(0, Math.floor(budget));
  const rank = (tile: number) => (urgent.includes(tile) ? 0 : 1);
  const order = [...wanting].sort((a, b) => rank(a) - rank(b) || a - b).slice(0, slots);
  // Every slot a sub-stream first; a rotating tile keeps one more for its next camera.
  let used = order.length;
  let reserved = order.filter((tile) => wishes.get(tile)?.rotating).length;
  const main = new Set<number>();
  for (const tile of order) {
    const wish = wishes.get(tile);
    if (!wish || wish.main === null) continue;
    const extra = wish.main - 1;
    const cost = wish.rotating ? 2 * extra : extra;
    if (used + reserved + cost > slots) continue;
    main.add(tile);
    used += extra;
    if (wish.rotating) reserved += extra;
  }
  return { decoding: new Set(order), main, used, wanted };
}

export function decodingTiles(facts: BudgetFacts): Set<number> {
  return grantStreams(facts).decoding;
}

/**
 * Tiles that may pre-warm their next camera in a hidden player (a rotation's next page): each
 * such player decodes too, so it takes its weight of the same budget (`weights`, 1 when not
 * given: a sub-stream), after every tile on screen (`decoding`: the budget they use), in tile
 * order. A hidden window or an enlarged tile warms nothing. A tile left out swaps on its new
 * camera's first frame instead, without pre-warm.
 */
export function warmingTiles(
  facts: Omit<BudgetFacts, 'wanting'> & {
    decoding: number;
    warming: readonly number[];
    weights?: ReadonlyMap<number, number>;
  },
): Set<number> {
  if (facts.hidden || facts.enlarged !== null) return new Set();
  let free = Math.max(0, Math.floor(facts.budget) - facts.decoding);
  const warm = new Set<number>();
  for (const tile of [...facts.warming].sort((a, b) => a - b)) {
    const cost = facts.weights?.get(tile) ?? 1;
    if (cost > free) break;
    free -= cost;
    warm.add(tile);
  }
  return warm;
}

/** With no calibration stored: what this 2-core machine decodes without dropping frames. */
export const DEFAULT_DECODER_BUDGET = 16;
export const BUDGET_STORAGE_KEY = 'vigil.decoderBudget';
/** When the stored budget was measured (ms since the epoch), next to it. */
export const BUDGET_MEASURED_AT_KEY = 'vigil.decoderBudget.measuredAt';

/**
 * The budget: `?budget=N` on the wall's URL (a test, an operator's override), else the value a
 * calibration stored, else the default. Anything not a whole number in 1..64 is ignored.
 */
export function budgetFrom(query: string | null, stored: string | null): number {
  for (const raw of [query, stored]) {
    if (raw === null) continue;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 1 && n <= 64) return n;
  }
  return DEFAULT_DECODER_BUDGET;
}

/**
 * A calibration's answer: the most tiles that dropped at most `maxDropShare` of their frames,
 * from measurements at increasing tile counts.
 */
export function calibratedBudget(
  runs: readonly { tiles: number; droppedShare: number }[],
  maxDropShare = 0.01,
): number {
  let best = 0;
  for (const run of runs)
    if (run.droppedShare <= maxDropShare && run.tiles > best) best = run.tiles;
  return best > 0 ? best : DEFAULT_DECODER_BUDGET;
}

/** The config's `walls.decoderBudget`: a number forces it, "calibrate" measures at every start. */
export type ConfiguredBudget = 'auto' | 'calibrate' | number;

export interface BudgetChoice {
  /** The budget to use now (the default while a calibration runs). */
  budget: number;
  /** Measure this machine (then store the answer). */
  calibrate: boolean;
}

export const wholeBudget = (raw: string | number | null): number | null => {
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : null;
};

interface BudgetSources {
  query: string | null;
  configured: ConfiguredBudget;
  stored: string | null;
  recalibrate: boolean;
}

/** A budget the URL or the config fixes (the run-time controller leaves it alone), or null. */
const forcedBudget = (facts: BudgetSources): number | null =>
  wholeBudget(facts.query) ??
  (typeof facts.configured === 'number' ? wholeBudget(facts.configured) : null);

/**
 * A wall window's budget at start, in order: `?budget=N` on its URL; the config's
 * `walls.decoderBudget` when a number; the stored calibration, unless the config says
 * "calibrate" or the URL has `?calibrate`; otherwise the default while this window calibrates.
 */
export function chooseBudget(facts: BudgetSources): BudgetChoice {
  const forced = forcedBudget(facts);
  if (forced !== null) return { budget: forced, calibrate: false };
  const stored = wholeBudget(facts.stored);
  if (stored !== null && !facts.recalibrate && facts.configured !== 'calibrate')
    return { budget: stored, calibrate: false };
  return { budget: stored ?? DEFAULT_DECODER_BUDGET, calibrate: true };
}

/**
 * The calibration's ramp: streams decoded at once (the hidden players plus whatever the wall's
 * own tiles decode meanwhile), a few seconds each, until a count drops too many frames.
 */
export const CALIBRATION_STEPS: readonly number[] = [4, 8, 12, 16, 24, 32];

export interface CalibrationRun {
  /** Streams that were decoding during the measurement. */
  tiles: number;
  /** Dropped ÷ total frames over the measurement, all those streams together. */
  droppedShare: number;
  /** Frames those streams decoded (or dropped) in the measurement. */
  frames: number;
  /** The count the ramp asked for (`tiles` can be fewer: a player not yet playing). */
  asked?: number;
}

export interface RampOptions {
  steps?: readonly number[];
  maxDropShare?: number;
  /** Fewer frames than this per stream: the streams did not play (network, camera), or starved. */
  minFramesPerStream?: number;
}

export type RampStep =
  | { measure: number }
  | { budget: number }
  /** The first measurement saw no video: nothing was learnt about the decoder; keep the default. */
  | { failed: true };

/** The budget the runs so far support; when even the fewest streams failed, half as many. */
export function calibrationResult(runs: readonly CalibrationRun[], maxDropShare = 0.01): number {
  const passed = runs.filter((r) => r.droppedShare <= maxDropShare);
  if (passed.length > 0) return calibratedBudget(passed, maxDropShare);
  const fewest = Math.min(...runs.map((r) => r.tiles));
  return Number.isFinite(fewest) ? Math.max(1, Math.floor(fewest / 2)) : DEFAULT_DECODER_BUDGET;
}

/**
 * What to do next, from the measurements so far (pure, so the ramp is tested on fake numbers):
 * measure the first step above the last count, or stop at the first count that dropped more
 * than `maxDropShare` twice in a row (or barely played) or after the last step, with the budget.
 */
export function calibrationStep(
  runs: readonly CalibrationRun[],
  { steps = CALIBRATION_STEPS, maxDropShare = 0.01, minFramesPerStream = 10 }: RampOptions = {},
): RampStep {
  const last = runs.at(-1);
  if (!last) return { measure: steps[0] ?? DEFAULT_DECODER_BUDGET };
  const starved = last.tiles === 0 || last.frames < last.tiles * minFramesPerStream;
  if (starved && runs.length === 1) return { failed: true };
  const valid = starved ? runs.slice(0, -1) : runs;
  const over = starved || last.droppedShare > maxDropShare;
  // A count that drops too many once is measured again before the ramp stops there: a player
  // starting, a tile reconnecting or another process can spoil one short measurement.
  const asked = last.asked ?? last.tiles;
  const previous = runs.at(-2);
  const repeat = previous !== undefined && (previous.asked ?? previous.tiles) === asked;
  if (over && !starved && !repeat) return { measure: asked };
  const next = steps.find((s) => s > Math.max(last.tiles, asked));
  if (over || next === undefined) return { budget: calibrationResult(valid, maxDropShare) };
  return { measure: next };
}

/**
 * Wall windows of one machine calibrate one at a time (a lock); a window that waited while
 * another measured takes that answer instead of measuring again: the windows share the machine,
 * and several calibrations at once would each measure the others' players. The answer counts
 * when it was stored after this window began to wait.
 */
export function budgetMeasuredMeanwhile(facts: {
  stored: string | null;
  measuredAt: string | null;
  waitingSince: number;
}): number | null {
  const budget = wholeBudget(facts.stored);
  const at = Number(facts.measuredAt);
  return budget !== null && Number.isFinite(at) && at >= facts.waitingSince ? budget : null;
}

export interface BudgetStart extends BudgetChoice {
  /** Why: the watcher's words on the wall's corner (wall.budget.reason.*). */
  reason: BudgetReason;
  /** The run-time controller moves it (not when the URL or the config fixes it, nor while a
   * calibration runs). */
  adapt: boolean;
}

/**
 * Where a wall window's budget starts (issue #14 item 2): as `chooseBudget` says, except that what
 * the run-time controller learnt last (LEARNED_BUDGET_KEY) comes before the calibration's answer,
 * and either one is a start that tries higher as it ages (`startingBudget`), not a cap.
 */
export function budgetStart(
  facts: BudgetSources & { learned: string | null; measuredAt: string | null; now: number },
): BudgetStart {
  const choice = chooseBudget(facts);
  if (forcedBudget(facts) !== null) return { ...choice, reason: 'forced', adapt: false };
  const explicit = facts.recalibrate || facts.configured === 'calibrate';
  const learned = parseLearned(facts.learned);
  if (learned && !explicit)
    return {
      budget: startingBudget(learned, facts.now),
      calibrate: false,
      reason: 'learned',
      adapt: true,
    };
  if (choice.calibrate) {
    const reason = wholeBudget(facts.stored) === null ? 'default' : 'calibrated';
    return { ...choice, reason, adapt: false };
  }
  const at = facts.measuredAt === null ? NaN : Number(facts.measuredAt);
  const budget = Number.isFinite(at)
    ? startingBudget({ budget: choice.budget, at }, facts.now)
    : choice.budget;
  return { budget, calibrate: false, reason: 'calibrated', adapt: true };
}
