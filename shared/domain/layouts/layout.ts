/**
 * A wall layout: a grid of cols × rows and the cells that cover it. A cell spans one or more grid
 * squares (a merged cell); cells cover the grid exactly (no gap, no overlap, nothing outside).
 * A tile's index is its cell's index: tile 0 is cells[0].
 *
 * Pure: no Node, no DOM. The contract's schemas (./layout-schema.ts) call `layoutErrors`, so a bad
 * layout is refused at the door with a message that names the cell.
 */

export interface LayoutCell {
  /** 0-based column of the cell's top-left square. */
  col: number;
  /** 0-based row of the cell's top-left square. */
  row: number;
  colSpan: number;
  rowSpan: number;
}

export interface GridLayout {
  cols: number;
  rows: number;
  cells: LayoutCell[];
}

/** The largest grid a wall draws (64 tiles = 8 × 8). */
export const MAX_GRID = 8;

const cellName = (i: number, c: LayoutCell) =>
  `cell ${i} (col ${c.col}, row ${c.row}, ${c.colSpan}×${c.rowSpan})`;

/** Every problem with a layout, in words; an empty list means it is valid. */
export function layoutErrors(layout: GridLayout): string[] {
  const { cols, rows, cells } = layout;
  const errors: string[] = [];
  if (!Number.isInteger(cols) || cols < 1 || cols > MAX_GRID) {
    errors.push(`cols must be a whole number 1..${MAX_GRID}, got ${cols}`);
  }
  if (!Number.isInteger(rows) || rows < 1 || rows > MAX_GRID) {
    errors.push(`rows must be a whole number 1..${MAX_GRID}, got ${rows}`);
  }
  if (errors.length > 0) return errors;
  if (cells.length === 0) return ['a layout needs at least one cell'];
  const owner: number[] = Array.from({ length: cols * rows }, () => -1);
  cells.forEach((cell, i) => {
    const { col, row, colSpan, rowSpan } = cell;
    const ints = [col, row, colSpan, rowSpan].every(Number.isInteger);
    if (!ints || col < 0 || row < 0 || colSpan < 1 || rowSpan < 1) {
      errors.push(`${cellName(i, cell)}: position must be >= 0 and spans >= 1, whole numbers`);
      return;
    }
    if (col + colSpan > cols || row + rowSpan > rows) {
      errors.push(`${cellName(i, cell)} reaches outside the ${cols}×${rows} grid`);
      return;
    }
    for (let r = row; r < row + rowSpan; r++) {
      for (let c = col; c < col + colSpan; c++) {
        const other = owner[r * cols + c]!;
        if (other >= 0) {
          errors.push(`${cellName(i, cell)} overlaps cell ${other} at col ${c}, row ${r}`);
          return;
        }
        owner[r * cols + c] = i;
      }
    }
  });
  if (errors.length > 0) return errors;
  const gaps = owner
    .map((o, square) => (o < 0 ? `col ${square % cols}, row ${Math.floor(square / cols)}` : null))
    .filter((g): g is string => g !== null);
  if (gaps.length > 0) {
    errors.push(
      `the cells leave ${gaps.length} grid square(s) uncovered: ${gaps.slice(0, 4).join('; ')}` +
        (gaps.length > 4 ? ' …' : ''),
    );
  }
  return errors;
}

export class LayoutError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid layout: ${errors.join('; ')}`);
    this.name = 'LayoutError';
  }
}

/** Returns the layout, or throws LayoutError naming every problem. */
export function checkLayout<L extends GridLayout>(layout: L): L {
  const errors = layoutErrors(layout);
  if (errors.length > 0) throw new LayoutError(errors);
  return layout;
}

/** A plain grid: every cell one square, in reading order. */
export function gridLayout(cols: number, rows: number): GridLayout {
  const cells: LayoutCell[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) cells.push({ col, row, colSpan: 1, rowSpan: 1 });
  }
  return { cols, rows, cells };
}

/** Cells in reading order of their top-left squares (rows top to bottom, then left to right). */
export function readingOrder(cells: readonly LayoutCell[]): LayoutCell[] {
  return [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
}

/** The CSS grid placement of a cell (1-based lines), for `grid-area`. */
export function gridArea(cell: LayoutCell): string {
  return `${cell.row + 1} / ${cell.col + 1} / span ${cell.rowSpan} / span ${cell.colSpan}`;
}

/** Same grid and same cells in the same order. */
export function sameLayout(a: GridLayout, b: GridLayout): boolean {
  return (
    a.cols === b.cols &&
    a.rows === b.rows &&
    a.cells.length === b.cells.length &&
    a.cells.every(
      (c, i) =>
        c.col === b.cells[i]!.col &&
        c.row === b.cells[i]!.row &&
        c.colSpan === b.cells[i]!.colSpan &&
        c.rowSpan === b.cells[i]!.rowSpan,
    )
  );
}

export interface GridRect {
  col: number;
  row: number;
  colSpan: number;
  rowSpan: number;
}

/** The smallest rectangle of squares holding two squares (a drag from one to the other). */
export function rectBetween(
  a: { col: number; row: number },
  b: { col: number; row: number },
): GridRect {
  const col = Math.min(a.col, b.col);
  const row = Math.min(a.row, b.row);
  return {
    col,
    row,
    colSpan: Math.abs(a.col - b.col) + 1,
    rowSpan: Math.abs(a.row - b.row) + 1,
  };
}

const inside = (c: LayoutCell, r: GridRect) =>
  c.col >= r.col &&
  c.row >= r.row &&
  c.col + c.colSpan <= r.col + r.colSpan &&
  c.row + c.rowSpan <= r.row + r.rowSpan;
const intersects = (c: LayoutCell, r: GridRect) =>
  c.col < r.col + r.colSpan &&
  r.col < c.col + c.colSpan &&
  c.row < r.row + r.rowSpan &&
  r.row < c.row + c.rowSpan;

/**
 * Merges every cell inside `rect` into one. Refused (LayoutError) when a cell crosses the
 * rectangle's edge: the result would not be a rectangle. Cells come back in reading order.
 */
export function mergeCells(layout: GridLayout, rect: GridRect): GridLayout {
  const crossing = layout.cells.findIndex((c) => intersects(c, rect) && !inside(c, rect));
  if (crossing >= 0) {
    throw new LayoutError([
      `cannot merge: ${cellName(crossing, layout.cells[crossing]!)} crosses the selection's edge`,
    ]);
  }
  const kept = layout.cells.filter((c) => !intersects(c, rect));
  return checkLayout({
    cols: layout.cols,
    rows: layout.rows,
    cells: readingOrder([...kept, { ...rect }]),
  });
}

/** Splits cell `index` back into single squares; cells come back in reading order. */
export function splitCell(layout: GridLayout, index: number): GridLayout {
  const cell = layout.cells[index];
  if (!cell) throw new LayoutError([`there is no cell ${index}`]);
  const pieces: LayoutCell[] = [];
  for (let row = cell.row; row < cell.row + cell.rowSpan; row++) {
    for (let col = cell.col; col < cell.col + cell.colSpan; col++) {
      pieces.push({ col, row, colSpan: 1, rowSpan: 1 });
    }
  }
  const others = layout.cells.filter((_, i) => i !== index);
  return { cols: layout.cols, rows: layout.rows, cells: readingOrder([...others, ...pieces]) };
}

/** Which cell covers a square (or -1). */
export function cellAt(layout: GridLayout, col: number, row: number): number {
  return layout.cells.findIndex(
    (c) => col >= c.col && col < c.col + c.colSpan && row >= c.row && row < c.row + c.rowSpan,
  );
}
