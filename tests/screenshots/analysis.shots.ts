/**
 * The README's pictures of analysis (issue #17): the desk's 研判 tab with last week's product
 * beside its hot spots on the map, a hot spot being turned into a warning
 * (docs/screenshots/desk-analysis.png), and the weekly product's printable page
 * (analysis-product.png), in Chinese as the hall reads it: `npm run screenshots`. Not a test: its
 * own Playwright project.
 */
import { expect, test } from '../e2e/fixtures';
import { shot, useHallSetting } from './shots';

useHallSetting();

test('screenshots of the Analysis tab and the weekly product for the README', async ({
  page,
  vigil,
}) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(vigil.deskUrl);
  // The catalog first (the map counts its cameras), as the desk has it after a while.
  await expect(async () => {
    await page.getByTestId('search-input').fill('0000017');
    await expect(page.getByTestId('camera-row').first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000 });
  await page.getByTestId('search-input').fill('');
  await page.getByTestId('desk-tab-analysis').click();
  const pane = page.getByTestId('analysis-pane');
  // The history is imported at start: the product shows once it is.
  await expect(pane.getByTestId('analysis-hotspot').first()).toBeVisible({ timeout: 300_000 });
  // Last week's 周分析: its heat table fills every weekday.
  await pane.getByTestId('analysis-kind-weekly').click();
  await expect(pane.getByTestId('analysis-period')).toContainText('周分析', { timeout: 120_000 });
  const spot = pane.getByTestId('analysis-hotspot').first();
  await expect(spot).toBeVisible();
  await pane.getByTestId('analysis-kde').check();
  await spot.getByRole('button').click();
  await expect(pane.getByTestId('warn-name')).not.toHaveValue('');
  await expect(pane.locator('img.analysis-kde')).toHaveCount(1);
  // The base map at the hot spot's zoom: loaded, and still loaded a moment later.
  for (let i = 0; i < 2; i++) {
    await expect(pane.getByTestId('map-tile-state')).toHaveAttribute('data-state', 'ok', {
      timeout: 60_000,
    });
    await page.waitForTimeout(1_500);
  }
  // The product from its top (totals, categories, the heat table) beside the map and the form.
  await pane.getByTestId('analysis-product').evaluate((e) => e.scrollTo(0, 0));
  await shot(page, 'desk-analysis');

  await pane.getByTestId('analysis-product-link').click();
  await expect(page.getByTestId('product-sheet')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('analysis-heat-chart').locator('canvas').first()).toBeVisible();
  await shot(page, 'analysis-product');
});
