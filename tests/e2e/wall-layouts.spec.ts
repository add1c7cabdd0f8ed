/**
 * Issue #3 e2e through the browser host against the simulator: a 16-tile view plays in every tile
 * (frames decoded, rising, in all 16 <video>s), and a named view comes back exactly after the host
 * restarts (every tile's camera on both walls, merged-cell layouts included).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectDecoding as expectFrames, frames } from './video';

/** This suite's patience: 120 s for a first frame, 60 s for 5 more. */
const expectDecoding = (tile: Locator): Promise<void> =>
  expectFrames(tile, { firstMs: 120000, moreMs: 60000, more: 5 });

test.describe.configure({ timeout: 240_000 });

async function miniCameras(desk: Page, wallId: number): Promise<string[]> {
  return desk
    .locator(`[data-testid^="mini-tile-${wallId}-"]`)
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-camera-id') ?? ''));
}

async function wallCameras(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid^="wall-tile-"]')
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-camera-id') ?? ''));
}

/** "To wall" on the n-th zone row: its first online cameras fill the target wall. */
async function sendZone(desk: Page, nth: number): Promise<void> {
  const zone = desk.locator('[data-testid="area-row"]').filter({ hasText: /派出所|Zone|所/ });
  await zone.nth(nth).getByTestId('send-area').click();
}

test('a 16-tile view plays in every tile', async ({ context, vigil }) => {
  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  await expect(desk.getByTestId('link-state')).toHaveAttribute('data-state', 'online');
  await desk.getByTestId('layout-select-1').selectOption('16');
  await expect(desk.locator('[data-testid^="mini-tile-1-"]')).toHaveCount(16);
  await desk.getByTestId('mini-tile-1-0').click();
  await sendZone(desk, 0);
  await expect
    .poll(async () => (await miniCameras(desk, 1)).filter(Boolean).length, { timeout: 20_000 })
    .toBe(16);

  const wall = await context.newPage();
  await wall.goto(vigil.wallUrls[0]!);
  const tiles = wall.locator('[data-testid^="wall-tile-"]');
  await expect(tiles).toHaveCount(16);
  expect(new Set(await wallCameras(wall)).size).toBe(16);
  for (let i = 0; i < 16; i++) await expectDecoding(wall.getByTestId(`wall-tile-${i}`));
  // All 16 at once, still rising at the end (none froze while the others started).
  const before = await Promise.all(
    Array.from({ length: 16 }, (_, i) => frames(wall.getByTestId(`wall-tile-${i}`))),
  );
  await expect
    .poll(
      async () => {
        const now = await Promise.all(
          Array.from({ length: 16 }, (_, i) => frames(wall.getByTestId(`wall-tile-${i}`))),
        );
        return now.every((n, i) => n > before[i]!);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  // The desk's miniature shows what the wall's tiles say (reported through the core).
  await expect(desk.getByTestId('mini-tile-1-15')).toHaveAttribute('data-state', 'playing', {
    timeout: 30_000,
  });
});

test('a saved view comes back exactly after the host restarts', async ({ context, vigil }) => {
  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  await expect(desk.getByTestId('link-state')).toHaveAttribute('data-state', 'online');

  // Wall 1: 1 big + 5 (merged cell) from zone 2; wall 2: 9 tiles from zone 3.
  await desk.getByTestId('layout-select-1').selectOption('6');
  await expect(desk.locator('[data-testid^="mini-tile-1-"]')).toHaveCount(6);
  await desk.getByTestId('mini-tile-1-0').click();
  await sendZone(desk, 1);
  await desk.getByTestId('layout-select-2').selectOption('9');
  await expect(desk.locator('[data-testid^="mini-tile-2-"]')).toHaveCount(9);
  await desk.getByTestId('mini-tile-2-0').click();
  await sendZone(desk, 2);
  await expect
    .poll(async () => (await miniCameras(desk, 2)).filter(Boolean).length, { timeout: 20_000 })
    .toBe(9);
  const wall1 = await miniCameras(desk, 1);
  const wall2 = await miniCameras(desk, 2);
  expect(wall1.filter(Boolean)).toHaveLength(6);

  await desk.getByTestId('view-name').fill('夜间河道');
  await desk.getByTestId('view-save').click();
  await expect(desk.locator('[data-testid="view-row"][data-view-name="夜间河道"]')).toBeVisible();

  await vigil.restart();

  await desk.goto(vigil.deskUrl);
  // Change both walls, then load the view in one click.
  await desk.getByTestId('layout-select-1').selectOption('4');
  await expect(desk.locator('[data-testid^="mini-tile-1-"]')).toHaveCount(4);
  await desk.getByTestId('layout-select-2').selectOption('1');
  await expect(desk.locator('[data-testid^="mini-tile-2-"]')).toHaveCount(1);
  await desk
    .locator('[data-testid="view-row"][data-view-name="夜间河道"]')
    .getByTestId('view-load')
    .click();
  await expect.poll(() => miniCameras(desk, 1)).toEqual(wall1);
  await expect.poll(() => miniCameras(desk, 2)).toEqual(wall2);
  await expect(desk.getByTestId('wall-mini-1')).toHaveAttribute('data-layout', '6');
  await expect(desk.getByTestId('wall-mini-2')).toHaveAttribute('data-layout', '9');

  // The wall windows draw the same, the big cell spanning 2×2.
  for (const [index, expected] of [wall1, wall2].entries()) {
    const page = await context.newPage();
    await page.goto(vigil.wallUrls[index]!);
    await expect(page.locator('[data-testid^="wall-tile-"]')).toHaveCount(expected.length);
    expect(await wallCameras(page)).toEqual(expected);
  }
  const page = await context.newPage();
  await page.goto(vigil.wallUrls[0]!);
  const big = await page.getByTestId('wall-tile-0').boundingBox();
  const small = await page.getByTestId('wall-tile-1').boundingBox();
  expect(big!.width).toBeGreaterThan(small!.width * 1.8);
  await expectDecoding(page.getByTestId('wall-tile-0'));
});
