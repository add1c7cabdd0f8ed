import { useEffect, useSyncExternalStore } from 'react';
import {
  budgetSnapshot,
  registerTile,
  registerWarm,
  subscribeBudget,
  wishStream,
} from './budget-store';

export interface DecoderSlot {
  /** The budget lets this tile decode now. */
  decode: boolean;
  /** ...on its main stream (else its sub-stream). */
  main: boolean;
  /** This tile fills the window (double-clicked, or the only tile of a 1×1 layout). */
  enlarged: boolean;
  /** Another tile is enlarged over this one. */
  covered: boolean;
}

/**
 * Asks this window's decoder budget for a slot for tile `index` while it `wants` one, before the
 * other tiles when `first` (a focus pin, an alert's pull), on its main stream when `mainWeight`
 * is a number (the main stream's weight: stream-choice.ts), with room for a rotation's next
 * camera when `rotating`.
 */
export function useDecoderSlot(
  index: number,
  wants: boolean,
  first = false,
  mainWeight: number | null = null,
  rotating = false,
): DecoderSlot {
  useEffect(() => registerTile(index, wants, first), [index, wants, first]);
  useEffect(() => wishStream(index, { main: mainWeight, rotating }), [index, mainWeight, rotating]);
  const budget = useSyncExternalStore(subscribeBudget, budgetSnapshot);
  const enlarged = budget.enlarged === index || (budget.enlarged === null && budget.tiles === 1);
  return {
    decode: budget.decoding.has(index),
    main: budget.main.has(index),
    enlarged,
    covered: budget.enlarged !== null && budget.enlarged !== index,
  };
}

/**
 * Asks for a pre-warm slot for tile `index` while `wants` (a rotation's next camera is due), for
 * a stream of `weight` (1: a sub-stream): true when the budget has room for it.
 */
export function useWarmSlot(index: number, wants: boolean, weight = 1): boolean {
  useEffect(() => (wants ? registerWarm(index, weight) : undefined), [index, wants, weight]);
  const budget = useSyncExternalStore(subscribeBudget, budgetSnapshot);
  return wants && budget.warming.has(index);
}
