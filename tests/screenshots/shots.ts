/**
 * What every README picture shares (`npm run screenshots`): the full simulator (about 26,000
 * cameras, as the README describes it), the hall's language (zh-CN, from the browser's locale, so
 * the desk and every wall start in Chinese), and the PNG written under docs/screenshots, kept
 * under ~300 KB.
 */
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, PRODUCT_HISTORY, test } from '../e2e/fixtures';

/** The simulator's default size (platform.cameras), not the e2e suite's 2,000. */
export const FULL_SIMULATOR_CAMERAS = 26_000;

/** Call at the top of a *.shots.ts file: the full simulator, two walls, in Chinese. */
export function useHallSetting(): void {
  test.use({
    hostOptions: { cameras: FULL_SIMULATOR_CAMERAS, walls: 2, config: PRODUCT_HISTORY },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // A simulator this size takes a while to start on a loaded machine, and each picture waits for
  // frames.
  test.describe.configure({ timeout: 600_000 });
}

/** Under this a picture stays as taken; over it, its colours are rounded so it packs smaller. */
const MAX_BYTES = 290_000;

/** Writes the page as docs/screenshots/{name}.png, kept under ~300 KB for the README. */
export async function shot(page: Page, name: string, maxBytes = MAX_BYTES): Promise<void> {
  const path = `docs/screenshots/${name}.png`;
  await page.screenshot({ path, animations: 'disabled' });
  // A dark desk over a map: rounding each channel to 32 levels is not seen, and deflates well.
  for (const step of [4, 8, 16]) {
    if (readFileSync(path).length <= maxBytes) return;
    const png = PNG.sync.read(readFileSync(path));
    for (let i = 0; i < png.data.length; i += 4) {
      for (let c = 0; c < 3; c++)
        png.data[i + c] = Math.min(255, Math.round(png.data[i + c]! / step) * step);
    }
    writeFileSync(path, PNG.sync.write(png, { colorType: 2 }));
  }
}

/**
 * Waits until every tile of a wall page plays, and has painted frames for a moment: a picture of
 * a wall never shows a tile still connecting.
 */
export async function allTilesPlaying(wall: Page, tiles: number): Promise<void> {
  const tile = wall.locator('[data-testid^="wall-tile-"]');
  await expect(tile).toHaveCount(tiles, { timeout: 60_000 });
  await expect
    .poll(
      () => tile.evaluateAll((all) => all.filter((t) => t.dataset.state === 'playing').length),
      { timeout: 180_000, intervals: [1000] },
    )
    .toBe(tiles);
  // Each video has decoded a frame past the first (currentTime moves) before the picture.
  await expect
    .poll(
      () =>
        wall
          .locator('video.tile-video.front')
          .evaluateAll(
            (videos) =>
              (videos as HTMLVideoElement[]).filter((v) => v.readyState >= 2 && v.currentTime > 1)
                .length,
          ),
      { timeout: 120_000, intervals: [1000] },
    )
    .toBeGreaterThanOrEqual(tiles);
}

/** The densest few hundred metres of cameras in the catalog: the market square of story 2. */
export function market(cameras: readonly { lat: number; lng: number }[]): {
  lat: number;
  lng: number;
} {
  const cells = new Map<string, { lat: number; lng: number }[]>();
  for (const c of cameras) {
    const key = `${Math.round(c.lat / 0.003)},${Math.round(c.lng / 0.003)}`;
    cells.set(key, [...(cells.get(key) ?? []), c]);
  }
  const busiest = [...cells.values()].sort((a, b) => b.length - a.length)[0]!;
  return {
    lat: busiest.reduce((s, c) => s + c.lat, 0) / busiest.length,
    lng: busiest.reduce((s, c) => s + c.lng, 0) / busiest.length,
  };
}
