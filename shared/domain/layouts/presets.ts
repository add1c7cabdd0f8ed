/**
 * The layouts a command hall uses every day. Each has an id that is its tile count. The big cell
 * of 6, 8, 10 and 13 comes first, so tile 0 (where a group or a view starts) is the large one.
 */
import {
  checkLayout,
  gridLayout,
  readingOrder,
  sameLayout,
  type GridLayout,
  type LayoutCell,
} from './layout';

export const presetIds = ['1', '4', '6', '8', '9', '10', '13', '16', '25', '36', '64'] as const;
export type PresetId = (typeof presetIds)[number];

export const isPresetId = (id: unknown): id is PresetId =>
  typeof id === 'string' && (presetIds as readonly string[]).includes(id);

const one = (col: number, row: number): LayoutCell => ({ col, row, colSpan: 1, rowSpan: 1 });

/** An n × n grid whose top-left `big` × `big` squares are one cell, then the rest in order. */
function bigTopLeft(n: number, big: number): GridLayout {
  const cells: LayoutCell[] = [{ col: 0, row: 0, colSpan: big, rowSpan: big }];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) if (col >= big || row >= big) cells.push(one(col, row));
  }
  return { cols: n, rows: n, cells };
}

function build(id: PresetId): GridLayout {
  switch (id) {
    case '1':
      return gridLayout(1, 1);
    case '4':
      return gridLayout(2, 2);
    case '6':
      return bigTopLeft(3, 2);
    case '8':
      return bigTopLeft(4, 3);
    case '9':
      return gridLayout(3, 3);
    case '10': {
      // Two large cells across the top half, eight small below.
      const cells: LayoutCell[] = [
        { col: 0, row: 0, colSpan: 2, rowSpan: 2 },
        { col: 2, row: 0, colSpan: 2, rowSpan: 2 },
      ];
      for (let row = 2; row < 4; row++) for (let col = 0; col < 4; col++) cells.push(one(col, row));
      return { cols: 4, rows: 4, cells };
    }
    case '13': {
      // One large cell in the centre (the focus), twelve around it.
      const big: LayoutCell = { col: 1, row: 1, colSpan: 2, rowSpan: 2 };
      const ring = gridLayout(4, 4).cells.filter(
        (c) => !(c.col >= 1 && c.col <= 2 && c.row >= 1 && c.row <= 2),
      );
      return { cols: 4, rows: 4, cells: [big, ...readingOrder(ring)] };
    }
    case '16':
      return gridLayout(4, 4);
    case '25':
      return gridLayout(5, 5);
    case '36':
      return gridLayout(6, 6);
    case '64':
      return gridLayout(8, 8);
  }
}

/** A fresh copy of a preset (callers may keep or change it). */
export function presetLayout(id: PresetId): GridLayout {
  return checkLayout(build(id));
}

/** The preset that is exactly this layout (same grid, same cells, same order), if any. */
export function presetOf(layout: GridLayout): PresetId | null {
  return presetIds.find((id) => sameLayout(presetLayout(id), layout)) ?? null;
}
