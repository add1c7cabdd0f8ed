/**
 * Issue #14 item 4: the desk's miniatures show each tile's camera as a picture (the wall's
 * key-frame preview, smaller and slower), not a name over black.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ hostOptions: { cameras: 200, walls: 1 } });

/** Mean brightness and spread (0-255) of a miniature's picture, on an 8×8 grid. */
async function picture(canvas: Locator): Promise<{ mean: number; spread: number }> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    const values: number[] = [];
    for (let y = 0; y < 8; y++)
      for (let x = 0; x < 8; x++) {
        const at =
          (Math.floor(((y + 0.5) / 8) * c.height) * c.width +
            Math.floor(((x + 0.5) / 8) * c.width)) *
          4;
        values.push((data[at]! + data[at + 1]! + data[at + 2]!) / 3);
      }
    return {
      mean: values.reduce((a, b) => a + b, 0) / values.length,
      spread: Math.max(...values) - Math.min(...values),
    };
  });
}

test('a desk miniature shows the tile’s picture, its name readable over it', async ({
  page,
  vigil,
}) => {
  await page.goto(vigil.deskUrl);
  const mini = page.getByTestId('mini-tile-1-0');
  await expect(mini).not.toHaveAttribute('data-camera-id', '');
  const canvas = mini.getByTestId('mini-preview');
  await expect(canvas).toHaveAttribute('data-preview', 'showing', { timeout: 20_000 });
  const shown = await picture(canvas);
  expect(shown.mean, 'not black').toBeGreaterThan(30);
  expect(shown.spread, 'a picture, not a flat colour').toBeGreaterThan(40);
  await expect(mini.locator('.mini-name')).toBeVisible();
  await page.getByTestId('wall-mini-1').screenshot({ path: test.info().outputPath('mini.png') });
});
