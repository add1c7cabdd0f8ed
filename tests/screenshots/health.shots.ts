/**
 * The README's pictures of camera health (issue #16): the desk's 健康 tab with a fault ticket being
 * worked (docs/screenshots/desk-health.png) and the weekly report page (health-report.png), in
 * Chinese as the hall reads it: `npm run screenshots`. Not a test: its own Playwright project.
 */
import { expect, test } from '../e2e/fixtures';
import { shot, useHallSetting } from './shots';

useHallSetting();

test('screenshots of the Health tab and the weekly report for the README', async ({
  page,
  vigil,
}) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(vigil.deskUrl);
  // A watcher marks a camera faulty: the platform's ticket comes back, and is dispatched.
  await expect(async () => {
    await page.getByTestId('search-input').fill('0000017');
    await expect(page.getByTestId('camera-row').first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000 });
  await page.getByTestId('camera-row').first().click();
  await page.getByTestId('mark-faulty').click();
  await page.getByTestId('desk-tab-health').click();
  const pane = page.getByTestId('health-pane');
  await expect(pane.getByTestId('health-online')).toContainText('%', { timeout: 120_000 });
  await pane.getByTestId('health-ticket').first().getByRole('button').click();
  await pane.getByTestId('health-act-dispatch').click();
  await expect(pane.getByTestId('health-ticket-status')).toHaveText('已派单', { timeout: 30_000 });
  await pane.getByTestId('health-tickets-all').click();
  await expect(pane.getByTestId('health-bars').locator('canvas')).toHaveCount(1);
  await shot(page, 'desk-health');

  await pane.getByTestId('health-report-link').click();
  await expect(page.getByTestId('report-sheet')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('report-zones').getByTestId('report-row').first()).toBeVisible();
  await shot(page, 'health-report');
});
