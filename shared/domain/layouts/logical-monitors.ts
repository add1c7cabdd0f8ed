/**
 * A video-wall controller shows up as one huge display (e.g. 3840×2160 driving four 1920×1080
 * panels). Splitting it into logical monitors gives each panel its own wall. Pure: rectangles in,
 * rectangles out, in reading order; they tile the display exactly (the remainder pixels of an
 * uneven split go to the last column / row, so nothing is lost or overlaps).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MonitorSplit {
  cols: number;
  rows: number;
}

/** The most logical monitors one display is split into per side. */
export const MAX_SPLIT = 8;

export function splitErrors(bounds: Rect, split: MonitorSplit): string[] {
  const errors: string[] = [];
  for (const [key, n] of [
    ['cols', split.cols],
    ['rows', split.rows],
  ] as const) {
    if (!Number.isInteger(n) || n < 1 || n > MAX_SPLIT) {
      errors.push(`split ${key} must be a whole number 1..${MAX_SPLIT}, got ${n}`);
    }
  }
  if (!(bounds.width > 0 && bounds.height > 0)) {
    errors.push(`the display has no area (${bounds.width}×${bounds.height})`);
  }
  if (
    errors.length === 0 &&
    (bounds.width / split.cols < 160 || bounds.height / split.rows < 120)
  ) {
    errors.push(
      `${bounds.width}×${bounds.height} split ${split.cols}×${split.rows} gives monitors ` +
        `smaller than 160×120`,
    );
  }
  return errors;
}

/** The logical monitors of one display, in reading order. Throws on a bad split. */
export function logicalMonitors(bounds: Rect, split: MonitorSplit): Rect[] {
  const errors = splitErrors(bounds, split);
  if (errors.length > 0) throw new Error(`cannot split the display: ${errors.join('; ')}`);
  const xs = edges(bounds.x, bounds.width, split.cols);
  const ys = edges(bounds.y, bounds.height, split.rows);
  const rects: Rect[] = [];
  for (let r = 0; r < split.rows; r++) {
    for (let c = 0; c < split.cols; c++) {
      rects.push({ x: xs[c]!, y: ys[r]!, width: xs[c + 1]! - xs[c]!, height: ys[r + 1]! - ys[r]! });
    }
  }
  return rects;
}

/** n + 1 integer edges from start to start + length, evenly spaced (floor), the last exact. */
function edges(start: number, length: number, n: number): number[] {
  const step = Math.floor(length / n);
  return Array.from({ length: n + 1 }, (_, i) => (i === n ? start + length : start + i * step));
}
