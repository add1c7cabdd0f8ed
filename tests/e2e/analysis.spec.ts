/**
 * Analysis at the desk (issue #17), as a duty chief uses it: yesterday's daily product shows its
 * hour × weekday heat table and its hot spots on the map; a hot spot becomes a warning to its
 * grid's units (listed with its orders); a platform's CSV export with a bad row is refused with
 * its line and column, a good one imported; the weekly product's page prints to a PDF. One host.
 */
import { writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';

test.use({ hostOptions: { cameras: 300, walls: 1 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

test('a daily product’s hot spot becomes a warning; the weekly product prints', async ({
  page,
  vigil,
}) => {
  await page.goto(vigil.deskUrl);
  await page.getByTestId('desk-tab-analysis').click();
  const pane = page.getByTestId('analysis-pane');

  // Yesterday's 日研判: its total against 上周同日 and 近28天日均, the heat table, hot spots.
  await expect(pane.getByTestId('analysis-kind-daily')).toHaveClass(/active/);
  await expect(pane.getByTestId('analysis-total')).toHaveText(/^\d+$/, { timeout: 60_000 });
  await expect(pane.getByTestId('analysis-comparison').first()).toContainText('上周同日');
  await expect(pane.getByTestId('analysis-heat-chart').locator('canvas').first()).toBeVisible();
  await expect(pane.locator('path.analysis-hex.hot').first()).toBeAttached();
  const spot = pane.getByTestId('analysis-hotspot').first();
  await expect(spot).toContainText(/置信度 (90|95|99) % 热点/);

  // 发预警 from the hot spot: the form is prefilled (a place, tonight 20:00-22:00); sent to the
  // grid's units, it is listed with its orders.
  // The list brings the map to the hot spot; its hex, clicked on the map, opens the form.
  const hexId = await spot.getAttribute('data-hex');
  await spot.getByRole('button', { name: '发预警' }).click();
  const form = pane.getByTestId('analysis-warn-form');
  await form.getByRole('button', { name: '关闭' }).click();
  await expect(form).toHaveCount(0);
  await pane.locator(`path.analysis-hex.hot[data-hex="${hexId}"]`).click();
  await expect(form.getByTestId('warn-name')).not.toHaveValue('');
  await expect(form.getByTestId('warn-start')).toHaveValue(/^\d{4}-\d{2}-\d{2} 20:00$/);
  await form.getByTestId('warn-send').click();
  await expect(pane.getByTestId('analysis-notice')).toContainText('已发给');
  const warning = pane.getByTestId('analysis-warning').first();
  await expect(warning).toBeVisible();
  await expect(warning.getByTestId('analysis-warning-orders')).toContainText(/（(排队|已送达)）/);

  // A platform's export imported: a file with a bad row is refused naming its line and column,
  // the history unchanged; the good file is added to it.
  const history = pane.getByTestId('analysis-period');
  const before = await history.textContent();
  const header = 'number,category,level,reported_at,window_start,window_end,lat,lng,address\n';
  const row = (n: number, lat: string) =>
    `J-E2E-${n},盗窃,1,2026-11-20 02:10,,,${lat},116.98,香城镇\n`;
  const importFile = (name: string, text: string) =>
    pane.getByTestId('analysis-import').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(header + text),
    });
  await importFile('bad.csv', row(1, '35.6') + row(2, '35.6x'));
  await expect(pane.getByTestId('analysis-notice')).toContainText(/未导入 bad\.csv.*line 3.*lat/);
  expect(await history.textContent()).toBe(before);
  await importFile('good.csv', row(1, '35.6') + row(2, '35.61'));
  await expect(pane.getByTestId('analysis-notice')).toContainText('已导入 good.csv：2 起');

  // The weekly product's page, printed to a PDF.
  await pane.getByTestId('analysis-kind-weekly').click();
  await pane.getByTestId('analysis-product-link').click();
  const sheet = page.getByTestId('product-sheet');
  await expect(sheet).toBeVisible({ timeout: 60_000 });
  await expect(sheet.getByTestId('analysis-heat-chart').locator('canvas').first()).toBeVisible();
  await expect(sheet).toContainText('近4周周均');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync('/tmp/analysis-weekly.pdf', pdf);
  expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(0);
});
