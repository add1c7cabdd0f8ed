/**
 * Issue #15: on the wall's map the stations' and places' names wrote over each other. Names are
 * placed most important first, each only where it touches none already placed.
 */
import { describe, expect, it } from 'vitest';
import { placeLabels, type LabelBox } from '../../../renderer/map/label-declutter';

const box = (x: number, y: number, rank: number, width = 100, height = 20): LabelBox => ({
  x,
  y,
  width,
  height,
  rank,
});

describe('names on the map', () => {
  it('keeps the more important of two that overlap, whatever their order', () => {
    // A grid's name (2) over a station's (1): the station's stays.
    expect(placeLabels([box(0, 0, 2), box(50, 10, 1)])).toEqual([false, true]);
    expect(placeLabels([box(50, 10, 1), box(0, 0, 2)])).toEqual([true, false]);
  });

  it('shows every name that has room, and keeps a gap between neighbours', () => {
    expect(placeLabels([box(0, 0, 1), box(200, 0, 1), box(0, 100, 1)])).toEqual([true, true, true]);
    // 2 px apart is touching (the gap is 4 px); 10 px apart is not.
    expect(placeLabels([box(0, 0, 1), box(102, 0, 1)])).toEqual([true, false]);
    expect(placeLabels([box(0, 0, 1), box(110, 0, 1)])).toEqual([true, true]);
  });

  it('of equal names, the first placed wins, and a hidden one makes no room for others', () => {
    // B overlaps A and C; C does not overlap A: A and C show, B gives way.
    expect(placeLabels([box(0, 0, 1), box(80, 0, 1), box(160, 0, 1)])).toEqual([true, false, true]);
  });

  it('leaves out a name that is not drawn (no box)', () => {
    expect(placeLabels([box(0, 0, 0, 0, 0), box(0, 0, 1)])).toEqual([false, true]);
  });
});

describe('names and the units on the map', () => {
  it('leaves out a name that lies on a unit, and keeps one only beside it', () => {
    const unit = { x: 100, y: 0, width: 20, height: 20 };
    expect(placeLabels([box(90, 5, 3), box(124, 0, 3, 60)], 4, [unit])).toEqual([false, true]);
  });
});
