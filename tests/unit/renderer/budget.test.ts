import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECODER_BUDGET,
  budgetFrom,
  calibratedBudget,
  decodingTiles,
} from '../../../renderer/wall/decoder-budget';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('the decoder budget', () => {
  it('lets tiles decode in tile order up to the budget; the rest are held back', () => {
    const on = decodingTiles({ wanting: range(25), budget: 16, hidden: false, enlarged: null });
    expect([...on].sort((a, b) => a - b)).toEqual(range(16));
    expect(on.has(16)).toBe(false);
  });

  it('empty tiles take no slot', () => {
    const on = decodingTiles({ wanting: [0, 2, 5], budget: 2, hidden: false, enlarged: null });
    expect([...on]).toEqual([0, 2]);
  });

  it('focus pins and alert pulls get a slot first, then tile order; an enlarged tile before all', () => {
    const facts = { wanting: range(9), budget: 3, hidden: false, enlarged: null, urgent: [7, 4] };
    expect([...decodingTiles(facts)].sort((a, b) => a - b)).toEqual([0, 4, 7]);
    // An urgent tile with nothing to play takes no slot.
    expect([...decodingTiles({ ...facts, wanting: [0, 1, 2, 3] })]).toEqual([0, 1, 2]);
    expect([...decodingTiles({ ...facts, enlarged: 2 })]).toEqual([2]);
  });

  it('a hidden window decodes nothing; an enlarged tile alone decodes', () => {
    expect(
      decodingTiles({ wanting: range(4), budget: 16, hidden: true, enlarged: null }).size,
    ).toBe(0);
    expect([
      ...decodingTiles({ wanting: range(36), budget: 16, hidden: false, enlarged: 30 }),
    ]).toEqual([30]);
  });

  it('an enlarged tile with nothing to play (camera offline) still covers the others: none decodes', () => {
    // The tiles under it are not seen (issue #14: they decoded 150 frames in 6 s each, hidden).
    const on = decodingTiles({ wanting: [0, 1], budget: 16, hidden: false, enlarged: 3 });
    expect([...on]).toEqual([]);
  });

  it('reads the budget from the URL, then storage, else the default', () => {
    expect(budgetFrom('9', '25')).toBe(9);
    expect(budgetFrom(null, '25')).toBe(25);
    expect(budgetFrom('0', 'abc')).toBe(DEFAULT_DECODER_BUDGET);
    expect(budgetFrom('100', null)).toBe(DEFAULT_DECODER_BUDGET);
  });

  it('calibrates to the most tiles that dropped at most 1 % of frames', () => {
    expect(
      calibratedBudget([
        { tiles: 9, droppedShare: 0 },
        { tiles: 16, droppedShare: 0.004 },
        { tiles: 25, droppedShare: 0.03 },
        { tiles: 36, droppedShare: 0.22 },
      ]),
    ).toBe(16);
    expect(calibratedBudget([{ tiles: 9, droppedShare: 0.5 }])).toBe(DEFAULT_DECODER_BUDGET);
  });
});
