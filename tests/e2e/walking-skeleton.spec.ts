/**
 * The whole path once: simulator → core → cache → contract → desk and wall pages → decoded video.
 * A tile "plays" only when its <video> decodes frames (getVideoPlaybackQuality rising), not when a
 * <video> element merely exists.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectDecoding as expectFrames } from './video';

/** This suite's patience: 30 s for a first frame, 15 s for 10 more. */
const expectDecoding = (tile: Locator): Promise<void> =>
  expectFrames(tile, { firstMs: 30000, moreMs: 15000, more: 10 });

interface CatalogCamera {
  id: string;
  name: string;
  status: string;
  kind: string;
}

async function catalog(simulatorUrl: string): Promise<CatalogCamera[]> {
  const response = await fetch(`${simulatorUrl}/api/v1/catalog`);
  expect(response.ok).toBe(true);
  return ((await response.json()) as { cameras: CatalogCamera[] }).cameras;
}

async function wallTileCameras(page: Page): Promise<(string | null)[]> {
  return page
    .locator('[data-testid^="wall-tile-"]')
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-camera-id') || null));
}

test('a wall opens on a default view of live cameras that decode', async ({ page, vigil }) => {
  await page.goto(vigil.wallUrls[0]!);
  const tiles = page.locator('[data-testid^="wall-tile-"]');
  await expect(tiles).toHaveCount(4);
  // The default view is opened when the station's first catalog arrives, which may be just after
  // the wall's first paint: wait for it rather than read the tiles once.
  await expect
    .poll(async () => (await wallTileCameras(page)).filter(Boolean).length, { timeout: 30_000 })
    .toBe(4);
  await expectDecoding(page.getByTestId('wall-tile-0'));
  await expect(page.getByTestId('wall-tile-0')).toHaveAttribute('data-state', 'playing');
});

test('a camera double-clicked in the desk plays on the chosen wall tile', async ({
  context,
  vigil,
}) => {
  const wall = await context.newPage();
  await wall.goto(vigil.wallUrls[0]!);
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  const onWall = new Set(await wallTileCameras(wall));

  // A live fixed camera that is not on the wall yet, found by its name as a watcher would.
  const camera = (await catalog(vigil.simulatorUrl)).find(
    (c) => c.status === 'online' && c.kind === 'fixed' && !onWall.has(c.id),
  )!;
  expect(camera).toBeTruthy();

  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  await expect(desk.getByTestId('link-state')).toHaveAttribute('data-state', 'online');
  await desk.getByTestId('mini-tile-1-2').click();
  await desk.getByTestId('search-input').fill(camera.name);
  const row = desk.locator(`[data-testid="camera-row"][data-camera-id="${camera.id}"]`);
  await row.dblclick();

  // The core owns what each tile shows: the desk told the core, the core told the wall.
  const tile = wall.getByTestId('wall-tile-2');
  await expect(tile).toHaveAttribute('data-camera-id', camera.id);
  await expect(tile).toContainText(camera.name);
  await expectDecoding(tile);
  // The desk's miniature of wall 1 follows the same state.
  await expect(desk.getByTestId('mini-tile-1-2')).toContainText(camera.name);
});

test('what a wall shows survives a restart of the host', async ({ context, vigil }) => {
  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  const camera = (await catalog(vigil.simulatorUrl)).find((c) => c.status === 'online')!;
  await desk.getByTestId('mini-tile-2-3').click();
  await desk.getByTestId('search-input').fill(camera.name);
  await desk.locator(`[data-testid="camera-row"][data-camera-id="${camera.id}"]`).dblclick();
  await expect(desk.getByTestId('mini-tile-2-3')).toContainText(camera.name);

  await vigil.restart();

  const wall = await context.newPage();
  await wall.goto(vigil.wallUrls[1]!);
  const tile = wall.getByTestId('wall-tile-3');
  await expect(tile).toHaveAttribute('data-camera-id', camera.id);
  await expectDecoding(tile);
});
