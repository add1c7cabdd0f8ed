import { useEffect, useSyncExternalStore } from 'react';
import { budgetSnapshot, registerTile, registerWarm, subscribeBudget } from './budget-store';

export interface DecoderSlot {
  /** The budget lets this tile decode now. */
  decode: boolean;
  /** This tile fills the window (double-clicked, or the only tile of a 1×1 layout). */
  enlarged: boolean;
  /** Another tile is enlarged over this one. */
  covered: boolean;
}

/**
 * Asks this window's decoder budget for a slot for tile `index` while it `wants` one, before the
 * other tiles when `first` (a focus pin, an alert's pull).
 */
export function useDecoderSlot(index: number, wants: boolean, first = false): DecoderSlot {
  useEffect(() => registerTile(index, wants, first), [index, wants, first]);
  const budget = useSyncExternalStore(subscribeBudget, budgetSnapshot);
  const enlarged = budget.enlarged === index || (budget.enlarged === null && budget.tiles === 1);
  return {
    decode: budget.decoding.has(index),
    enlarged,
    covered: budget.enlarged !== null && budget.enlarged !== index,
  };
}

/**
 * Asks for a pre-warm slot for tile `index` while `wants` (a rotation's next camera is due):
 * true when the budget has room for one more hidden player.
 */
export function useWarmSlot(index: number, wants: boolean): boolean {
  useEffect(() => (wants ? registerWarm(index) : undefined), [index, wants]);
  const budget = useSyncExternalStore(subscribeBudget, budgetSnapshot);
  return wants && budget.warming.has(index);
}
