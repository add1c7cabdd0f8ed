/**
 * One clock (issue #15, Time) and following in playback (issue #15, Playback and following): in
 * a browser set to UTC, the wall's clock and its playback badge read Beijing time (the station's
 * default `station.timeZone`), and following a suspect to a neighbour camera on a tile that plays
 * back a range keeps the time: the next camera plays back from the moment followed at.
 */
import type { Locator, Page } from '@playwright/test';
import { formatTime } from '../../shared/domain/time/hall-time';
import { expect, test } from './fixtures';
import { expectDecoding } from './video';

test.use({ timezoneId: 'UTC' });

const seconds = (hhmmss: string): number => {
  const [h, m, s] = hhmmss.split(':').map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
};

/** How far apart two times of day are, in seconds, across midnight too. */
const apart = (a: string, b: string): number => {
  const d = Math.abs(seconds(a) - seconds(b));
  return Math.min(d, 86_400 - d);
};

async function openWall(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await expect(page.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  const tile = page.getByTestId('wall-tile-0');
  await expectDecoding(tile, { firstMs: 30_000, moreMs: 15_000, more: 5 });
  return tile;
}

/** The badge's text and the media moment it was drawn for, read in one go. */
async function badge(tile: Locator): Promise<{ text: string; mediaMs: number }> {
  return tile.getByTestId('playback-badge').evaluate((el: HTMLElement) => ({
    text: el.textContent ?? '',
    mediaMs: Number(el.dataset.mediaMs),
  }));
}

test("the wall's clock and playback badge read the hall's time in a browser set to UTC", async ({
  page,
  vigil,
}) => {
  const tile = await openWall(page, vigil.wallUrls[0]!);
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
  const clock = tile.getByTestId('tile-clock');
  await expect(clock).toHaveText(/^\d{2}:\d{2}:\d{2}$/);
  const shown = (await clock.textContent()) ?? '';
  expect(apart(shown, formatTime(Date.now(), 'Asia/Shanghai'))).toBeLessThanOrEqual(5);

  await tile.hover();
  await tile.getByTestId('tile-playback').click();
  await tile.getByTestId('playback-30').click();
  await expect(tile).toHaveAttribute('data-mode', 'playback');
  await expect
    .poll(async () => (await badge(tile)).mediaMs, { timeout: 30_000 })
    .toBeGreaterThan(0);
  const b = await badge(tile);
  // "回放 12:20:07" for a moment half an hour ago, on a 24-hour clock in Beijing time.
  expect(b.text).toContain(formatTime(b.mediaMs, 'Asia/Shanghai'));
  expect(Date.now() - b.mediaMs).toBeGreaterThan(25 * 60_000);
});

test('following a suspect in playback keeps the time: the next camera plays from that moment', async ({
  page,
  vigil,
}) => {
  const tile = await openWall(page, vigil.wallUrls[0]!);
  const before = await tile.getAttribute('data-camera-id');
  await tile.hover();
  await tile.getByTestId('tile-playback').click();
  await tile.getByTestId('playback-30').click();
  await expect(tile).toHaveAttribute('data-mode', 'playback');
  // Let the timeline move a little past its start, so "from the start" and "from here" differ.
  const start = await tile.getByTestId('playback-badge').getAttribute('data-media-ms');
  await expect
    .poll(async () => (await badge(tile)).mediaMs - Number(start), { timeout: 60_000 })
    .toBeGreaterThan(3_000);

  await tile.hover();
  await tile.getByTestId('tile-neighbours-open').click();
  const next = tile.locator('.tile-neighbour').first();
  const nextId = (await next.getAttribute('data-camera-id'))!;
  expect(nextId).not.toBe(before);
  const at = (await badge(tile)).mediaMs;
  await next.getByTestId('follow-here').click();

  await expect(tile).toHaveAttribute('data-camera-id', nextId, { timeout: 30_000 });
  // Still playing back (not live), from about the moment followed at: not the range's start,
  // not now.
  await expect(tile).toHaveAttribute('data-mode', 'playback');
  await expect(tile.getByTestId('playback-badge')).toBeVisible();
  const after = (await badge(tile)).mediaMs;
  expect(after).toBeGreaterThanOrEqual(at - 1_000);
  expect(after - at).toBeLessThan(60_000);
  expect(Date.now() - after).toBeGreaterThan(20 * 60_000);
  // And it plays on from there.
  await expect
    .poll(async () => (await badge(tile)).mediaMs, { timeout: 30_000 })
    .toBeGreaterThan(after + 1_000);
  await expect(tile).toHaveAttribute('data-mode', 'playback');
  await expect(tile).toHaveAttribute('data-camera-id', nextId);
});

test("the desk's dates read yyyy-mm-dd and its times the hall's 24-hour clock, in a browser set to UTC", async ({
  page,
  vigil,
}) => {
  await page.goto(vigil.deskUrl);
  await expect(page.getByTestId('session-badge')).toHaveAttribute('data-role', 'chief');
  // An act to find in the record.
  await page.getByTestId('layout-select-1').selectOption('9');
  await page.getByTestId('desk-tab-audit').click();
  const row = page.getByTestId('audit-row').filter({ hasText: 'wall.setLayout' }).first();
  const time = (await row.locator('.audit-time').textContent()) ?? '';
  expect(time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  expect(apart(time.slice(11), formatTime(Date.now(), 'Asia/Shanghai'))).toBeLessThanOrEqual(60);

  // A date field is yyyy-mm-dd, never the browser locale's mm/dd/yyyy picker.
  const from = page.getByTestId('audit-from');
  await expect(from).toHaveAttribute('type', 'text');
  await expect(from).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  await from.fill('2026/3/1');
  await from.blur();
  await expect(from).toHaveValue('2026-03-01');
  await from.fill('03/01/2026');
  await from.blur();
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  // Today in Beijing finds the act: the day is the hall's day, not UTC's.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());
  await from.fill(today);
  await page.getByTestId('audit-to').fill(today);
  await page.getByTestId('audit-filters').getByRole('button').first().click();
  await expect(row).toBeVisible();
});
