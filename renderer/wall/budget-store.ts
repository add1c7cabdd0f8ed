/**
 * This window's decoder budget as a store the tiles subscribe to (decisions: decoder-budget.ts;
 * at run time: budget-controller.ts, fed by use-budget-controller.ts). One per window; the
 * page-visibility listener exists only while a tile listens, and is removed by the same code that
 * adds it.
 */
import {
  controlStep,
  startControl,
  type BudgetControl,
  type BudgetReason,
  type LoadWindow,
} from './budget-controller';
import {
  BUDGET_STORAGE_KEY,
  budgetFrom,
  grantStreams,
  warmingTiles,
  type StreamWish,
} from './decoder-budget';

export interface BudgetSnapshot {
  decoding: ReadonlySet<number>;
  /** Of the tiles decoding, those on their main stream (the others play their sub-stream). */
  main: ReadonlySet<number>;
  /** The budget the decoding tiles use (a sub-stream 1, a main stream its weight). */
  used: number;
  /** The budget the tiles that want to decode would use, each on the stream it wants. */
  wanted: number;
  /** Tiles whose hidden pre-warm player (a rotation's next page) has a slot. */
  warming: ReadonlySet<number>;
  enlarged: number | null;
  /** How many tiles this window has (a 1×1 layout's only tile counts as enlarged). */
  tiles: number;
  /** Tiles that want to decode (a camera to play), those held back included. */
  wanting: number;
  /** The budget in use (set at start, by a calibration, then moved by the run-time controller). */
  budget: number;
  /** Why it is what it is. */
  reason: BudgetReason;
  /** When it last changed (ms since the epoch). */
  changedAt: number;
  /** The run-time controller moves it (false: fixed by the URL or config, or calibrating). */
  adaptive: boolean;
}

const listeners = new Set<() => void>();
const wanting = new Map<number, boolean>();
const registered = new Map<number, number>();
/** Tiles that want a pre-warm slot, with the weight of the stream they would warm. */
const warmWanting = new Map<number, number>();
/** What each tile's size wants of its stream (stream-choice.ts). */
const wishes = new Map<number, StreamWish>();
/** Tiles served first (a focus pin, an alert's pull). */
const urgent = new Set<number>();
let enlarged: number | null = null;
let snapshot: BudgetSnapshot = {
  decoding: new Set(),
  main: new Set(),
  used: 0,
  wanted: 0,
  warming: new Set(),
  enlarged: null,
  tiles: 0,
  wanting: 0,
  budget: 0,
  reason: 'default',
  changedAt: 0,
  adaptive: false,
};

const sameSet = (a: ReadonlySet<number>, b: ReadonlySet<number>): boolean =>
  a.size === b.size && [...a].every((i) => b.has(i));

function readBudget(): number {
  try {
    const query = new URLSearchParams(window.location.search).get('budget');
    return budgetFrom(query, window.localStorage.getItem(BUDGET_STORAGE_KEY));
  } catch {
    return budgetFrom(null, null);
  }
}

let budget = typeof window === 'undefined' ? 16 : readBudget();
let reason: BudgetReason = 'default';
let changedAt = Date.now();
/** The run-time controller, while the budget adapts. */
let control: BudgetControl | null = null;
snapshot = { ...snapshot, budget, changedAt };

function recompute(): void {
  const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
  const wants = tilesWithCameras();
  const { decoding, main, used, wanted } = grantStreams({
    wanting: wants,
    budget,
    hidden,
    enlarged,
    urgent: [...urgent],
    wishes,
  });
  const warming = warmingTiles({
    decoding: used,
    warming: [...warmWanting.keys()],
    weights: warmWanting,
    budget,
    hidden,
    enlarged,
  });
  const same =
    sameSet(decoding, snapshot.decoding) &&
    sameSet(main, snapshot.main) &&
    used === snapshot.used &&
    wanted === snapshot.wanted &&
    sameSet(warming, snapshot.warming) &&
    enlarged === snapshot.enlarged &&
    registered.size === snapshot.tiles &&
    wants.length === snapshot.wanting &&
    budget === snapshot.budget &&
    reason === snapshot.reason &&
    changedAt === snapshot.changedAt &&
    (control !== null) === snapshot.adaptive;
  if (same) return;
  snapshot = {
    decoding,
    main,
    used,
    wanted,
    warming,
    enlarged,
    tiles: registered.size,
    wanting: wants.length,
    budget,
    reason,
    changedAt,
    adaptive: control !== null,
  };
  for (const listener of [...listeners]) listener();
}

export function subscribeBudget(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) document.addEventListener('visibilitychange', recompute);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) document.removeEventListener('visibilitychange', recompute);
  };
}

export const budgetSnapshot = (): BudgetSnapshot => snapshot;

/**
 * A tile says whether it wants to decode, and whether before the others (`first`: a focus pin,
 * an alert's pull); returns its unregistration.
 */
export function registerTile(index: number, wants: boolean, first = false): () => void {
  registered.set(index, (registered.get(index) ?? 0) + 1);
  wanting.set(index, wants);
  if (first) urgent.add(index);
  else urgent.delete(index);
  recompute();
  return () => {
    const left = (registered.get(index) ?? 1) - 1;
    if (left <= 0) {
      registered.delete(index);
      wanting.delete(index);
      urgent.delete(index);
      wishes.delete(index);
      if (enlarged === index) enlarged = null;
    } else registered.set(index, left);
    recompute();
  };
}

/**
 * What tile `index`'s size wants of its stream: the main stream's weight, or null for its
 * sub-stream; `rotating` when a rotation warms its next camera. Returns the withdrawal.
 */
export function wishStream(index: number, wish: StreamWish): () => void {
  wishes.set(index, wish);
  recompute();
  return () => {
    if (wishes.get(index) === wish) wishes.delete(index);
    recompute();
  };
}

/**
 * A tile asks for a pre-warm slot (its next camera, hidden), for a stream of `weight` (1: a
 * sub-stream); returns the release.
 */
export function registerWarm(index: number, weight = 1): () => void {
  warmWanting.set(index, weight);
  recompute();
  return () => {
    warmWanting.delete(index);
    recompute();
  };
}

/** Double-click: enlarge a tile to the whole window, or put it back. */
export function toggleEnlarged(index: number): void {
  enlarged = enlarged === index ? null : index;
  recompute();
}

export function decoderBudget(): number {
  return budget;
}

/**
 * The budget at start, or a calibration's answer: tiles take or give slots at once. With `adapt`,
 * the run-time controller moves it from there (`stepDecoderBudget`); without, it stays.
 */
export function setDecoderBudget(
  next: number,
  why: BudgetReason = 'forced',
  adapt = false,
  now = Date.now(),
): void {
  control = adapt ? startControl({ budget: next, reason: why, now }) : null;
  budget = control?.budget ?? next;
  reason = why;
  changedAt = now;
  recompute();
}

/** What the run-time controller did with one window (for the log). */
export interface BudgetChange {
  from: number;
  to: number;
  reason: BudgetReason;
  /** A fall from a budget that held (or a step climbing back): the budget it climbs back to. */
  recoverTo?: number;
}

/**
 * One window of what the full-rate tiles did, given to the run-time controller (this window's
 * slots and wanting tiles filled in); returns the change it made, or null. Nothing while the
 * budget is fixed or a calibration runs.
 */
export function stepDecoderBudget(
  measured: Omit<LoadWindow, 'decoding' | 'wanting'>,
  now = Date.now(),
): BudgetChange | null {
  if (!control) return null;
  const from = control.budget;
  control = controlStep(
    control,
    // In the budget's units: a main stream counts its weight (decoder-budget.ts).
    { ...measured, decoding: snapshot.used, wanting: snapshot.wanted },
    now,
  );
  if (control.budget === from) return null;
  budget = control.budget;
  reason = control.reason;
  changedAt = control.changedAt;
  recompute();
  return {
    from,
    to: budget,
    reason,
    ...(control.recoverTo === null ? {} : { recoverTo: control.recoverTo }),
  };
}

/** The tiles of this window that have a camera (a synced playback takes them all). */
export function tilesWithCameras(): number[] {
  return [...wanting]
    .filter(([, wants]) => wants)
    .map(([index]) => index)
    .sort((a, b) => a - b);
}
