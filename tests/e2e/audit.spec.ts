/**
 * The record (issue #11 item 6): what a chief does at the desk is a row with their name, a refused
 * call is a row too, the chain says the record is intact, and the record exports as CSV. A
 * watcher has no Audit tab (the core refuses them the record anyway).
 */
import { readFileSync } from 'node:fs';
import { expect, signInDemo, test } from './fixtures';

test('a chief reads and exports the record of what was done; a watcher has no such tab', async ({
  page,
  vigil,
}) => {
  await page.goto(vigil.deskUrl);
  await expect(page.getByTestId('session-badge')).toHaveAttribute('data-role', 'chief');
  // An act: the chief changes a wall's layout.
  await page.getByTestId('layout-select-1').selectOption('9');
  await expect(page.getByTestId('layout-select-1')).toHaveValue('9');

  await page.getByTestId('desk-tab-audit').click();
  const rows = page.getByTestId('audit-row');
  const layoutRow = rows.filter({ hasText: 'wall.setLayout' }).first();
  await expect(layoutRow).toContainText('值班长');
  await expect(page.getByTestId('audit-chain')).toHaveAttribute('data-state', 'intact', {
    timeout: 30_000,
  });

  // Filter by the action; then the CSV, as the desk downloads it.
  await page.getByTestId('audit-action').fill('wall.');
  await page.getByTestId('audit-filters').getByRole('button').first().click();
  await expect(rows.first()).toContainText('wall.');
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff); // a BOM, so Excel reads the Chinese
  expect(csv).toContain('wall.setLayout');
  expect(csv).toContain('值班长');

  // The watcher on duty: no Audit tab.
  await signInDemo(vigil.deskUrl, 'watcher');
  await expect(page.getByTestId('session-badge')).toHaveAttribute('data-role', 'watcher');
  await expect(page.getByTestId('desk-tab-audit')).toHaveCount(0);
});
