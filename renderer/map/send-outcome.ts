/**
 * What "send the selection to the wall" did (issue #15: "send 12" placed 4 and said nothing of the
 * 8 others): how many of how many were placed, on a wall of how many tiles, which cameras were
 * left and why (the wall is full; beyond what one send may carry), and which wall could take
 * the rest. Pure, from `wall.sendGroup`'s answer (an older core that says only `placed`: the rest
 * is worked out from what was sent).
 */
import type { WallState } from '../../shared/api';
import type { SendGroupResult } from '../../shared/contract/wall';

export interface SendOutcome {
  /** Cameras now on the wall. */
  placed: number;
  /** Distinct cameras selected. */
  total: number;
  /** The wall's tile count. */
  tiles: number;
  /** Cameras not shown, in selection order: those the wall had no tile for, then those not sent. */
  rest: string[];
  /** Of `rest`, how many were never sent (over the per-send limit). */
  overLimit: number;
  /** Ids selected twice. */
  duplicates: number;
}

export function sendOutcome(
  selected: readonly string[],
  sent: readonly string[],
  answer: Pick<SendGroupResult, 'placed'> & Partial<SendGroupResult>,
): SendOutcome {
  const distinct = [...new Set(selected)];
  const sentDistinct = [...new Set(sent)];
  const notPlaced = answer.notPlaced ?? sentDistinct.slice(answer.placed);
  const sentSet = new Set(sentDistinct);
  const unsent = distinct.filter((id) => !sentSet.has(id));
  return {
    placed: answer.placed,
    total: distinct.length,
    tiles: answer.tileCount ?? answer.tiles?.length ?? answer.placed,
    rest: [...notPlaced, ...unsent],
    overLimit: unsent.length,
    duplicates: selected.length - distinct.length,
  };
}

/** The wall after `wallId` (wrapping), for the cameras that did not fit; none with one wall. */
export function nextWall(walls: readonly WallState[], wallId: number): WallState | undefined {
  const sorted = [...walls].sort((a, b) => a.wallId - b.wallId);
  if (sorted.length < 2) return undefined;
  return sorted.find((w) => w.wallId > wallId) ?? sorted.find((w) => w.wallId !== wallId);
}
