/**
 * The decoder budget of one wall window: this machine decodes a limited number of streams in
 * software (2 cores: 16 tiles ≈ one core, 36 drop a fifth of their frames), so a window decides
 * which tiles decode instead of letting all of them fall behind together. Pure.
 *
 * Rules, in order:
 * - a hidden window (minimised, another desktop) decodes nothing;
 * - an enlarged tile covers the others: only it decodes;
 * - otherwise tiles that want to decode get a slot in tile order (the hall reads a wall from the
 *   top left) until the budget is used; the rest are held back, and say so.
 */
export interface BudgetFacts {
  /** Tiles that have a camera and want to decode. */
  wanting: readonly number[];
  budget: number;
  hidden: boolean;
  /** The enlarged tile, or null. */
  enlarged: number | null;
}

export function decodingTiles({ wanting, budget, hidden, enlarged }: BudgetFacts): Set<number> {
  if (hidden) return new Set();
  if (enlarged !== null && wanting.includes(enlarged)) return new Set([enlarged]);
  const slots = Math.max(0, Math.floor(budget));
  return new Set([...wanting].sort((a, b) => a - b).slice(0, slots));
}

/**
 * Tiles that may pre-warm their next camera in a hidden player (a rotation's next page): each
 * such player decodes too, so it takes a slot of the same budget, after every tile on screen
 * (`decoding`), in tile order. A hidden window or an enlarged tile warms nothing. A tile left
 * out swaps on its new camera's first frame instead, without pre-warm.
 */
export function warmingTiles(
  facts: Omit<BudgetFacts, 'wanting'> & { decoding: number; warming: readonly number[] },
): Set<number> {
  if (facts.hidden || facts.enlarged !== null) return new Set();
  const free = Math.max(0, Math.floor(facts.budget) - facts.decoding);
  return new Set([...facts.warming].sort((a, b) => a - b).slice(0, free));
}

/** With no calibration stored: what this 2-core machine decodes without dropping frames. */
export const DEFAULT_DECODER_BUDGET = 16;
export const BUDGET_STORAGE_KEY = 'vigil.decoderBudget';

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
