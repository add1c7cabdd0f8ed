/**
 * This window's decoder budget as a store the tiles subscribe to (decisions: decoder-budget.ts).
 * One per window; the page-visibility listener exists only while a tile listens, and is removed
 * by the same code that adds it.
 */
import { BUDGET_STORAGE_KEY, budgetFrom, decodingTiles, warmingTiles } from './decoder-budget';

export interface BudgetSnapshot {
  decoding: ReadonlySet<number>;
  /** Tiles whose hidden pre-warm player (a rotation's next page) has a slot. */
  warming: ReadonlySet<number>;
  enlarged: number | null;
  /** How many tiles this window has (a 1×1 layout's only tile counts as enlarged). */
  tiles: number;
  /** The budget in use (it changes once, when a calibration ends or the config forces one). */
  budget: number;
}

const listeners = new Set<() => void>();
const wanting = new Map<number, boolean>();
const registered = new Map<number, number>();
const warmWanting = new Set<number>();
let enlarged: number | null = null;
let snapshot: BudgetSnapshot = {
  decoding: new Set(),
  warming: new Set(),
  enlarged: null,
  tiles: 0,
  budget: 0,
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
snapshot = { ...snapshot, budget };

function recompute(): void {
  const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
  const decoding = decodingTiles({
    wanting: [...wanting].filter(([, wants]) => wants).map(([index]) => index),
    budget,
    hidden,
    enlarged,
  });
  const warming = warmingTiles({
    decoding: decoding.size,
    warming: [...warmWanting],
    budget,
    hidden,
    enlarged,
  });
  const same =
    sameSet(decoding, snapshot.decoding) &&
    sameSet(warming, snapshot.warming) &&
    enlarged === snapshot.enlarged &&
    registered.size === snapshot.tiles &&
    budget === snapshot.budget;
  if (same) return;
  snapshot = { decoding, warming, enlarged, tiles: registered.size, budget };
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

/** A tile says whether it wants to decode; returns its unregistration. */
export function registerTile(index: number, wants: boolean): () => void {
  registered.set(index, (registered.get(index) ?? 0) + 1);
  wanting.set(index, wants);
  recompute();
  return () => {
    const left = (registered.get(index) ?? 1) - 1;
    if (left <= 0) {
      registered.delete(index);
      wanting.delete(index);
      if (enlarged === index) enlarged = null;
    } else registered.set(index, left);
    recompute();
  };
}

/** A tile asks for a pre-warm slot (its next camera, hidden); returns the release. */
export function registerWarm(index: number): () => void {
  warmWanting.add(index);
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

/** The config forced a budget, or a calibration measured one: tiles take or give slots at once. */
export function setDecoderBudget(next: number): void {
  budget = next;
  recompute();
}

/** The tiles of this window that have a camera (a synced playback takes them all). */
export function tilesWithCameras(): number[] {
  return [...wanting]
    .filter(([, wants]) => wants)
    .map(([index]) => index)
    .sort((a, b) => a - b);
}
