/**
 * Issue #15, "Legibility on a hall wall": a language chosen at the desk reaches the walls at once
 * (they used to keep theirs until reloaded); a tile's tools and the nearby-camera panel are sized
 * to be read across the hall.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ hostOptions: { cameras: 200, walls: 1 }, locale: 'zh-CN' });

test('a language changed at the desk changes the wall’s words without a reload', async ({
  context,
  vigil,
}) => {
  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  const wall = await context.newPage();
  await wall.goto(vigil.wallUrls[0]!);
  const tile = wall.getByTestId('wall-tile-0');
  await expect(tile).toHaveAttribute('data-camera-id', /.+/, { timeout: 30_000 });
  const snapshot = tile.getByTestId('tile-snapshot');
  await expect(snapshot).toHaveText('截图');
  await expect(wall.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // A mark on the wall's page: a reload would lose it.
  await wall.evaluate(() => {
    (window as Window & { vigilNotReloaded?: boolean }).vigilNotReloaded = true;
  });

  await desk.getByTestId('language-switch').click();
  await expect(desk.getByTestId('language-switch')).toHaveText('中文');
  await expect(snapshot).toHaveText('Snapshot');
  await expect(wall.locator('html')).toHaveAttribute('lang', 'en');

  await desk.getByTestId('language-switch').click();
  await expect(snapshot).toHaveText('截图');
  expect(
    await wall.evaluate(
      () => (window as Window & { vigilNotReloaded?: boolean }).vigilNotReloaded === true,
    ),
  ).toBe(true);
});

/** The computed font size of the first element a locator finds, in CSS pixels. */
const fontPx = (locator: Locator): Promise<number> =>
  locator.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test('a tile’s tools and the nearby-camera panel read from across the hall', async ({
  page,
  vigil,
}, testInfo) => {
  // 1600×900, a 2×2 wall: each tile 800×450.
  await page.goto(vigil.wallUrls[0]!);
  const tile = page.getByTestId('wall-tile-0');
  await expect(tile).toHaveAttribute('data-camera-id', /.+/, { timeout: 30_000 });
  await tile.hover();
  const tools = tile.locator('.tile-tools button');
  await expect(tools.first()).toBeVisible();
  // They were 13 px (about 10 px high letters): at least 20 px here, with room to hit.
  expect(await fontPx(tools)).toBeGreaterThanOrEqual(20);
  const box = (await tools.first().boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(40);
  await page.screenshot({ path: testInfo.outputPath('wall-tools.png') });

  await tile.getByTestId('tile-neighbours-open').click();
  const panel = tile.getByTestId('tile-neighbours');
  await expect(panel).toBeVisible();
  expect(await fontPx(panel.locator('.tile-neighbour-name'))).toBeGreaterThanOrEqual(20);
  expect(await fontPx(panel.getByTestId('follow-here'))).toBeGreaterThanOrEqual(20);
  // Every row's buttons stay inside the tile (nothing cut at its edge).
  const tileBox = (await tile.boundingBox())!;
  for (const button of await panel.getByTestId('follow-here').all()) {
    const b = (await button.boundingBox())!;
    expect(b.x + b.width).toBeLessThanOrEqual(tileBox.x + tileBox.width);
  }
  await page.screenshot({ path: testInfo.outputPath('wall-neighbours.png') });

  // The nearest camera sent to the next tile: the list says it is on the wall now, and where
  // (following onto it would show one camera twice).
  const nearest = panel.locator('.tile-neighbour[data-on-tile=""]').first();
  const nearestId = (await nearest.getAttribute('data-camera-id'))!;
  await nearest.getByTestId('follow-next').click();
  await expect(page.getByTestId('wall-tile-1')).toHaveAttribute('data-camera-id', nearestId);
  await expect(page.getByTestId('wall-tile-1')).toHaveAttribute('data-shown-camera-id', nearestId, {
    timeout: 30_000,
  });
  await tile.hover();
  await tile.getByTestId('tile-neighbours-open').click();
  const again = panel.locator(`.tile-neighbour[data-camera-id="${nearestId}"]`);
  await expect(again).toHaveAttribute('data-on-tile', '2');
  await expect(again).toContainText(/已在画面 2|already on tile 2/);
});

test('held back over the decoder budget, a tile names its own camera and says plainly it is a preview', async ({
  page,
  vigil,
}) => {
  const url = new URL(vigil.wallUrls[0]!);
  url.searchParams.set('budget', '1');
  await page.goto(url.href);
  const response = await fetch(`${vigil.simulatorUrl}/api/v1/catalog`);
  const { cameras } = (await response.json()) as { cameras: { id: string; name: string }[] };
  const names = new Map(cameras.map((c) => [c.id, c.name]));
  const held = page.locator('[data-testid^="wall-tile-"][data-state="held-back"]');
  await expect(held).toHaveCount(3, { timeout: 30_000 });
  for (const tile of await held.all()) {
    const id = (await tile.getAttribute('data-camera-id'))!;
    await expect(tile.locator('.tile-name')).toHaveText(names.get(id)!);
    await expect(tile).toHaveAttribute('data-shown-camera-id', id);
    // Not a dark box: the camera at a low rate (issue #14), said so.
    await expect(tile).toHaveAttribute('data-preview', 'showing', { timeout: 20_000 });
    const label = tile.getByTestId('tile-preview-label');
    await expect(label).toHaveText('低帧率预览');
    await expect(tile.getByTestId('tile-state-label')).toHaveCount(0);
    // The engineering words only on demand (the tooltip), with the budget.
    await expect(label).toHaveAttribute('title', /解码预算.*1 路/);
  }
});

test('the map on a wall has a legend read from across the hall', async ({ context, vigil }) => {
  const wall = await context.newPage();
  await wall.goto(vigil.wallUrls[0]!);
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  await desk.getByTestId('layout-select-1').selectOption('map');
  await expect(wall.getByTestId('wall-1')).toHaveAttribute('data-layout', 'map');
  const legend = wall.locator('.map-legend');
  await expect(legend).toBeVisible();
  // 12 px on the desk; on a wall at 1600 px wide, at least 20.
  expect(await fontPx(legend)).toBeGreaterThanOrEqual(20);
  await wall.screenshot({ path: test.info().outputPath('wall-map.png') });
});
