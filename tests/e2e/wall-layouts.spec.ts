/**
 * Issue #3 e2e through the browser host against the simulator: a 16-tile view plays in every tile
 * (frames decoded, rising, in all 16 <video>s), and a named view comes back exactly after the host
 * restarts (every tile's camera on both walls, merged-cell layouts included). Issue #14 item 5:
 * the 16 small tiles play sub-streams; the wall made 2×2, its tiles move to their main streams
 * (counted by the playlists each camera is asked for) without a tile going blank.
 */
import type { Locator, Page } from '@playwright/test';
import { installSwapProbe, readSwapProbe, type ProbeResult } from '../shared/rotation-swap-probe';
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
  // Which playlist each camera is asked for, and when (/live/<id>/main.m3u8 or sub.m3u8).
  const playlists: { at: number; camera: string; stream: string }[] = [];
  wall.on('request', (r) => {
    const m = /^\/live\/([^/]+)\/(main|sub)\.m3u8/.exec(new URL(r.url()).pathname);
    if (m) playlists.push({ at: Date.now(), camera: decodeURIComponent(m[1]!), stream: m[2]! });
  });
  const asked = (camera: string, stream: string, since = 0): number =>
    playlists.filter((p) => p.camera === camera && p.stream === stream && p.at >= since).length;
  await wall.goto(vigil.wallUrls[0]!);
  const tiles = wall.locator('[data-testid^="wall-tile-"]');
  await expect(tiles).toHaveCount(16);
  const cameras = await wallCameras(wall);
  expect(new Set(cameras).size).toBe(16);
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
  // 16 tiles of 398×223 at 1600×900: the 320×180 sub-stream is enough, and no main stream was
  // ever asked for.
  for (const [i, camera] of cameras.entries()) {
    await expect(wall.getByTestId(`wall-tile-${i}`)).toHaveAttribute('data-stream', 'sub');
    expect(asked(camera, 'sub'), `tile ${i}: sub-stream playlists`).toBeGreaterThan(0);
    expect(asked(camera, 'main'), `tile ${i}: main stream playlists`).toBe(0);
  }

  // The wall made 2×2 (799×449 tiles, 2.5 times the sub-stream): its four tiles keep their
  // cameras and move to their main streams through the swap, each on its first frame.
  await wall.evaluate(installSwapProbe);
  const switched = Date.now();
  await desk.getByTestId('layout-select-1').selectOption('4');
  await expect(tiles).toHaveCount(4);
  expect(await wallCameras(wall)).toEqual(cameras.slice(0, 4));
  for (let i = 0; i < 4; i++) {
    const tile = wall.getByTestId(`wall-tile-${i}`);
    await expect(tile).toHaveAttribute('data-stream', 'main');
    await expect(tile.locator('video')).toHaveCount(1, { timeout: 30_000 });
    await expect(tile.locator('video[data-front="true"]')).toHaveAttribute(
      'data-url',
      /main\.m3u8/,
    );
    expect(
      asked(cameras[i]!, 'main', switched),
      `tile ${i}: main stream playlists`,
    ).toBeGreaterThan(0);
  }
  const probe = (await wall.evaluate(readSwapProbe)) as ProbeResult;
  expect(probe.blanks.slice(0, 4), 'samples of a tile with no frame on screen').toEqual([
    0, 0, 0, 0,
  ]);
  expect(probe.blackFrames, 'black frames on screen right after the swap').toBe(0);
  expect(probe.swaps.map((s) => s.tile).sort()).toEqual([0, 1, 2, 3]);
  await expectDecoding(wall.getByTestId('wall-tile-3'));
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
