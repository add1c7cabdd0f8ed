/**
 * Names on a map that do not write over each other (issue #15: on a wall the police stations'
 * and places' names overlapped into an unreadable smear). Labels are placed in order of
 * importance (a region before a station before a grid before a unit's call sign), each kept
 * only if it does not touch one already placed, at the current zoom: zoomed in, there is room
 * and more names show; zoomed out, the less important give way.
 *
 * `placeLabels` is the pure pass (boxes in, which to show out); `declutterLabels` applies it to a
 * map container's label elements (a class hides a label without moving anything).
 */

export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Lower is more important (placed first). */
  rank: number;
}

/** Space kept around each label, in pixels. */
export const LABEL_GAP_PX = 4;

type Box = Omit<LabelBox, 'rank'>;

const overlap = (a: Box, b: Box, gap: number): boolean =>
  a.x < b.x + b.width + gap &&
  b.x < a.x + a.width + gap &&
  a.y < b.y + b.height + gap &&
  b.y < a.y + a.height + gap;

/**
 * Which labels to show: the most important first, each one only if it touches none kept and
 * lies on none of `obstacles` (units' icons, incidents: always drawn, a name under one is lost).
 */
export function placeLabels(
  boxes: readonly LabelBox[],
  gap = LABEL_GAP_PX,
  obstacles: readonly Box[] = [],
): boolean[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.rank - boxes[b]!.rank || a - b);
  const shown = new Array<boolean>(boxes.length).fill(false);
  const kept: LabelBox[] = [];
  for (const i of order) {
    const box = boxes[i]!;
    if (box.width <= 0 || box.height <= 0) continue;
    if (kept.some((k) => overlap(box, k, gap))) continue;
    if (obstacles.some((o) => o.width > 0 && overlap(box, o, 0))) continue;
    kept.push(box);
    shown[i] = true;
  }
  return shown;
}

/** The labels decluttered, most important first (CSS selectors inside the map container). */
export const labelRanks: readonly string[] = [
  '.area-label-region span',
  '.area-label-zone span',
  '.area-label-grid span',
  '.unit-call',
];

/**
 * What a label may not lie on, always shown: the units' icons (drawn over the names' pane on the
 * desk) and an incident's marker and category on the Dispatch map.
 */
export const obstacleSelector = '.unit-icon .unit-body, .incident-dot, .incident-label';

export const HIDDEN_LABEL_CLASS = 'label-crowded';

/**
 * Shows every label of `container` that fits and hides the rest; returns how many are hidden.
 * A label not drawn (display: none, e.g. grid names zoomed out) is left alone.
 */
export function declutterLabels(container: HTMLElement): number {
  const elements: HTMLElement[] = [];
  const ranks: number[] = [];
  labelRanks.forEach((selector, rank) => {
    for (const el of container.querySelectorAll<HTMLElement>(selector)) {
      elements.push(el);
      ranks.push(rank);
    }
  });
  // Measure all shown (a hidden label keeps its box: visibility, not display), then decide.
  const boxes = elements.map((el, i): LabelBox => {
    const r = el.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height, rank: ranks[i]! };
  });
  const obstacles = [...container.querySelectorAll<HTMLElement>(obstacleSelector)].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
  const shown = placeLabels(boxes, LABEL_GAP_PX, obstacles);
  let hidden = 0;
  elements.forEach((el, i) => {
    const drawn = boxes[i]!.width > 0 && boxes[i]!.height > 0;
    const hide = drawn && !shown[i];
    el.classList.toggle(HIDDEN_LABEL_CLASS, hide);
    if (hide) hidden++;
  });
  container.dataset.labelsHidden = String(hidden);
  return hidden;
}
