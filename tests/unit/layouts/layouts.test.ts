import { describe, expect, it } from 'vitest';
import {
  cellAt,
  checkLayout,
  gridArea,
  GridLayoutSchema,
  gridLayout,
  LayoutChoiceSchema,
  LayoutError,
  layoutErrors,
  logicalMonitors,
  mergeCells,
  OperatorNameSchema,
  presetIds,
  presetLayout,
  presetOf,
  rectBetween,
  splitCell,
  splitErrors,
  type GridLayout,
} from '../../../shared/domain/layouts';

const area = (l: GridLayout) => l.cells.reduce((sum, c) => sum + c.colSpan * c.rowSpan, 0);

describe('layout presets', () => {
  it.each(presetIds)('preset %s has that many tiles and covers its grid exactly', (id) => {
    const layout = presetLayout(id);
    expect(layout.cells).toHaveLength(Number(id));
    expect(layoutErrors(layout)).toEqual([]);
    expect(area(layout)).toBe(layout.cols * layout.rows);
  });

  it('puts the big cell first: 6 = 2×2 + 5, 8 = 3×3 + 7, 13 = centre 2×2 + 12', () => {
    expect(presetLayout('6').cells[0]).toEqual({ col: 0, row: 0, colSpan: 2, rowSpan: 2 });
    expect(presetLayout('6')).toMatchObject({ cols: 3, rows: 3 });
    expect(presetLayout('8').cells[0]).toEqual({ col: 0, row: 0, colSpan: 3, rowSpan: 3 });
    expect(presetLayout('13').cells[0]).toEqual({ col: 1, row: 1, colSpan: 2, rowSpan: 2 });
    expect(
      presetLayout('13')
        .cells.slice(1)
        .every((c) => c.colSpan === 1),
    ).toBe(true);
    const ten = presetLayout('10');
    expect(ten.cells.slice(0, 2).map((c) => c.colSpan * c.rowSpan)).toEqual([4, 4]);
  });

  it('the plain grids are n×n in reading order', () => {
    expect(presetLayout('16')).toEqual(gridLayout(4, 4));
    expect(presetLayout('64')).toMatchObject({ cols: 8, rows: 8 });
    expect(gridLayout(3, 2).cells.map((c) => [c.col, c.row])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
  });

  it('recognises a preset from its cells, and nothing else', () => {
    expect(presetOf(gridLayout(2, 2))).toBe('4');
    expect(presetOf(presetLayout('13'))).toBe('13');
    expect(presetOf(gridLayout(3, 2))).toBeNull();
  });
});

describe('custom layouts: validation', () => {
  it('names an overlap, a gap and a cell outside the grid', () => {
    const overlap = {
      cols: 2,
      rows: 1,
      cells: [
        { col: 0, row: 0, colSpan: 2, rowSpan: 1 },
        { col: 1, row: 0, colSpan: 1, rowSpan: 1 },
      ],
    };
    expect(layoutErrors(overlap)[0]).toMatch(/cell 1 .* overlaps cell 0 at col 1, row 0/);
    const gap = { cols: 2, rows: 2, cells: [{ col: 0, row: 0, colSpan: 2, rowSpan: 1 }] };
    expect(layoutErrors(gap)[0]).toMatch(
      /leave 2 grid square\(s\) uncovered: col 0, row 1; col 1, row 1/,
    );
    const outside = { cols: 2, rows: 2, cells: [{ col: 1, row: 0, colSpan: 2, rowSpan: 2 }] };
    expect(layoutErrors(outside)[0]).toMatch(/reaches outside the 2×2 grid/);
    expect(layoutErrors({ cols: 9, rows: 1, cells: [] })[0]).toMatch(/cols must be .* 1\.\.8/);
    expect(layoutErrors({ cols: 1, rows: 1, cells: [] })).toEqual([
      'a layout needs at least one cell',
    ]);
    expect(() => checkLayout(gap)).toThrow(LayoutError);
  });

  it('the zod schema refuses the same with the message, and accepts a good one', () => {
    const bad = GridLayoutSchema.safeParse({
      cols: 2,
      rows: 2,
      cells: [
        { col: 0, row: 0, colSpan: 2, rowSpan: 2 },
        { col: 0, row: 0, colSpan: 1, rowSpan: 1 },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/overlaps cell 0/);
    expect(GridLayoutSchema.safeParse({ cols: 2, rows: 2, cells: [] }).success).toBe(false);
    expect(GridLayoutSchema.safeParse({ ...gridLayout(2, 2), extra: 1 }).success).toBe(false);
    expect(GridLayoutSchema.safeParse(presetLayout('13')).success).toBe(true);
  });

  it('layout choices: preset id, saved name, inline cells; nothing else', () => {
    expect(LayoutChoiceSchema.safeParse({ kind: 'preset', id: '16' }).success).toBe(true);
    expect(LayoutChoiceSchema.safeParse({ kind: 'preset', id: '12' }).success).toBe(false);
    expect(LayoutChoiceSchema.safeParse({ kind: 'saved', name: '  ' }).success).toBe(false);
    expect(LayoutChoiceSchema.safeParse({ kind: 'custom', layout: gridLayout(3, 3) }).success).toBe(
      true,
    );
    expect(LayoutChoiceSchema.safeParse({ kind: 'other' }).success).toBe(false);
    expect(OperatorNameSchema.safeParse('a\u0000b').success).toBe(false);
    expect(OperatorNameSchema.parse('  夜间河道  ')).toBe('夜间河道');
  });
});

describe('custom layouts: merge and split', () => {
  it('merging a 2×2 block of a 4×4 grid gives one big cell and 12 small, in reading order', () => {
    const merged = mergeCells(
      gridLayout(4, 4),
      rectBetween({ col: 2, row: 2 }, { col: 1, row: 1 }),
    );
    expect(merged.cells).toHaveLength(13);
    expect(layoutErrors(merged)).toEqual([]);
    expect(merged.cells[cellAt(merged, 2, 2)]).toEqual({ col: 1, row: 1, colSpan: 2, rowSpan: 2 });
    expect(merged.cells[0]).toEqual({ col: 0, row: 0, colSpan: 1, rowSpan: 1 });
  });

  it('refuses a merge whose selection cuts a merged cell', () => {
    const merged = mergeCells(gridLayout(3, 3), { col: 0, row: 0, colSpan: 2, rowSpan: 2 });
    expect(() => mergeCells(merged, { col: 1, row: 1, colSpan: 2, rowSpan: 2 })).toThrow(
      /crosses the selection's edge/,
    );
    // A selection that holds the merged cell whole is fine.
    expect(mergeCells(merged, { col: 0, row: 0, colSpan: 3, rowSpan: 3 }).cells).toHaveLength(1);
  });

  it('splitting a merged cell gives back single squares', () => {
    const split = splitCell(presetLayout('13'), 0);
    expect(split).toEqual(gridLayout(4, 4));
    expect(() => splitCell(gridLayout(2, 2), 7)).toThrow(/no cell 7/);
  });

  it('CSS grid areas are 1-based lines with spans', () => {
    expect(gridArea({ col: 1, row: 1, colSpan: 2, rowSpan: 2 })).toBe('2 / 2 / span 2 / span 2');
  });
});

describe('logical monitors', () => {
  it('splits a 3840×2160 controller into four 1920×1080 monitors, in reading order', () => {
    expect(
      logicalMonitors({ x: 0, y: 0, width: 3840, height: 2160 }, { cols: 2, rows: 2 }),
    ).toEqual([
      { x: 0, y: 0, width: 1920, height: 1080 },
      { x: 1920, y: 0, width: 1920, height: 1080 },
      { x: 0, y: 1080, width: 1920, height: 1080 },
      { x: 1920, y: 1080, width: 1920, height: 1080 },
    ]);
  });

  it('an uneven split tiles the display exactly (no gap, no overlap), offset displays too', () => {
    const bounds = { x: 1920, y: -100, width: 1000, height: 701 };
    const rects = logicalMonitors(bounds, { cols: 3, rows: 2 });
    expect(rects).toHaveLength(6);
    expect(rects.reduce((s, r) => s + r.width * r.height, 0)).toBe(1000 * 701);
    expect(rects[2]!.x + rects[2]!.width).toBe(2920);
    expect(rects[5]!.y + rects[5]!.height).toBe(601);
    expect(rects[1]!.x).toBe(rects[0]!.x + rects[0]!.width);
  });

  it('1×1 is the display itself; bad splits are refused with reasons', () => {
    const b = { x: 0, y: 0, width: 1920, height: 1080 };
    expect(logicalMonitors(b, { cols: 1, rows: 1 })).toEqual([b]);
    expect(splitErrors(b, { cols: 0, rows: 2 })[0]).toMatch(/cols must be .* 1\.\.8, got 0/);
    expect(splitErrors(b, { cols: 2.5, rows: 1 })).toHaveLength(1);
    expect(splitErrors({ ...b, width: 0 }, { cols: 1, rows: 1 })[0]).toMatch(/no area/);
    expect(() => logicalMonitors({ ...b, width: 600 }, { cols: 8, rows: 1 })).toThrow(
      /smaller than 160×120/,
    );
  });
});
