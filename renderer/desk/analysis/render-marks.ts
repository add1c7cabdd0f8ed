/**
 * Performance marks of a product's way to the screen, read by tests/bench/analysis-render.ts: the
 * product asked for, its answer in, its hexes on the map; each chart marks
 * `chart-finished:<testId>` when ECharts has drawn it (renderer/desk/health/EChart.tsx). Only the
 * latest mark of a name is kept, so a desk open for weeks keeps a handful.
 */
export const productMarks = {
  asked: 'analysis:product-asked',
  received: 'analysis:product-received',
  hexes: 'analysis:hexes-drawn',
} as const;

export function markLatest(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}
