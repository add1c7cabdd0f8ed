/**
 * "Send 12 to the wall" placed 4 and said nothing of the 8 others (issue #15): what was placed,
 * what was not and why, and which wall could take the rest.
 */
import { describe, expect, it } from 'vitest';
import type { WallState } from '../../../shared/api';
import { nextWall, sendOutcome } from '../../../renderer/map/send-outcome';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `c${from + i}`);
const wall = (wallId: number): WallState => ({
  wallId,
  layout: { cols: 2, rows: 2, cells: [], layoutId: '4' },
  tiles: [],
});

describe('what a send to the wall did', () => {
  it('12 on a wall of 4: 4 placed, the other 8 named', () => {
    const selected = ids(12);
    const outcome = sendOutcome(selected, selected, {
      placed: 4,
      tileCount: 4,
      placedIds: ids(4),
      notPlaced: ids(8, 4),
      duplicates: 0,
    });
    expect(outcome).toEqual({
      placed: 4,
      total: 12,
      tiles: 4,
      rest: ids(8, 4),
      overLimit: 0,
      duplicates: 0,
    });
  });

  it('more than one send carries: the unsent are in the rest too', () => {
    const selected = ids(70);
    const outcome = sendOutcome(selected, selected.slice(0, 64), {
      placed: 16,
      tileCount: 16,
      notPlaced: ids(48, 16),
    });
    expect(outcome.rest).toEqual(ids(54, 16));
    expect(outcome.overLimit).toBe(6);
  });

  it('an older core that says only `placed`: the rest is worked out', () => {
    const selected = ids(6);
    expect(sendOutcome(selected, selected, { placed: 4 }).rest).toEqual(['c4', 'c5']);
  });

  it('the next wall wraps round; none with a single wall', () => {
    const walls = [wall(1), wall(2), wall(3)];
    expect(nextWall(walls, 1)?.wallId).toBe(2);
    expect(nextWall(walls, 3)?.wallId).toBe(1);
    expect(nextWall([wall(1)], 1)).toBeUndefined();
  });
});
