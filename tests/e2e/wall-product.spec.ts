/**
 * A product pinned to a wall (issue #17 item 6), as the duty chief does it: from the Analysis tab
 * the weekly product goes on wall 1, which shows it full-screen (its total, the heat table); the
 * desk's miniature of the wall says so; back to tiles from the walls' layout menu. One host.
 */
import { expect, PRODUCT_HISTORY, test } from './fixtures';

test.use({
  hostOptions: { cameras: 300, walls: 1, config: PRODUCT_HISTORY },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
});

test('the weekly product pinned to a wall shows there full-screen, until unpinned', async ({
  context,
  vigil,
}) => {
  const wall = await context.newPage();
  await wall.setViewportSize({ width: 1920, height: 1080 });
  await wall.goto(vigil.wallUrls[0]!);
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);

  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  await desk.getByTestId('desk-tab-analysis').click();
  const pane = desk.getByTestId('analysis-pane');
  await pane.getByTestId('analysis-kind-weekly').click();
  const total = pane.getByTestId('analysis-total');
  await expect(total).toHaveText(/^\d+$/, { timeout: 30_000 });
  await expect(pane.getByTestId('analysis-pin-latest')).toBeChecked();
  await pane.getByTestId('analysis-pin-button').click();
  await expect(pane.getByTestId('analysis-notice')).toContainText('周分析 · 最新');

  // The wall: the product full-screen, the same total as the desk's, the heat table drawn.
  await expect(wall.getByTestId('wall-1')).toHaveAttribute('data-layout', 'product');
  const dashboard = wall.getByTestId('wall-product');
  await expect(dashboard.getByTestId('analysis-total')).toHaveText((await total.textContent())!);
  await expect(
    dashboard.getByTestId('analysis-heat-chart').locator('canvas').first(),
  ).toBeVisible();
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(0);
  await wall.screenshot({ path: test.info().outputPath('wall-product.png') });

  // The desk's miniature of that wall says what it shows; back to four tiles.
  await desk.getByTestId('desk-tab-walls').click();
  await expect(desk.getByTestId('mini-product-1')).toContainText('周分析 · 最新');
  await desk.getByTestId('layout-select-1').selectOption('4');
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  await expect(desk.getByTestId('mini-product-1')).toHaveCount(0);
});
