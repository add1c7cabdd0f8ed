/**
 * Issue #16 item 1, "every tile sees its picture", through the browser host against the
 * simulator: a camera that keeps streaming a black picture, or the very same picture, used to
 * read 实时 / Live. Its tile now says 黑屏 / 画面冻结 within seconds (the player still plays:
 * only sampling the picture can tell), the desk's miniature says the same, a tile next to it
 * with a normal picture stays live, and the tile goes back to live when the fault clears.
 */
import type { Page } from '@playwright/test';
import { expect, simulatorAdmin, test, type VigilHost } from './fixtures';
import { expectDecoding, recordStates } from './video';

async function admin(vigil: VigilHost, method: string, path: string, body?: unknown) {
  const response = await simulatorAdmin(vigil, method, path, body);
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
}

async function openWall(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  return [0, 1, 2, 3].map((i) => page.getByTestId(`wall-tile-${i}`));
}

for (const fault of ['black', 'frozen'] as const) {
  test(`a ${fault} picture reads ${fault} on its tile and its miniature, then live again`, async ({
    context,
    vigil,
  }) => {
    const wall = await context.newPage();
    const tiles = await openWall(wall, vigil.wallUrls[0]!);
    const [tile, neighbour] = [tiles[0]!, tiles[1]!];
    await expectDecoding(tile);
    await expectDecoding(neighbour);
    const cameraId = (await tile.getAttribute('data-camera-id'))!;
    const desk = await context.newPage();
    await desk.goto(vigil.deskUrl);
    const mini = desk.getByTestId('mini-tile-1-0');
    await expect(mini).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });

    // Every state the tile passes through from now on.
    const states = await recordStates(tile);

    await admin(vigil, 'POST', '/admin/faults', { kind: fault, cameraId });
    const state = `${fault}-picture`;
    // The new look starts at the next segment (2 s), then 3 samples / 8 s of sampling.
    await expect(tile).toHaveAttribute('data-state', state, { timeout: 45_000 });
    await expect(tile.getByTestId('tile-state-label')).toHaveText(
      fault === 'black' ? /黑屏|Black picture/ : /画面冻结|Picture frozen/,
    );
    await expect(tile.getByTestId('tile-state-hint')).toHaveText(/报修|report it/);
    // The player still plays: frames keep being decoded (it is the picture that is wrong).
    await expectDecoding(tile);
    await expect(neighbour).toHaveAttribute('data-state', 'playing');
    await expect(mini).toHaveAttribute('data-state', state, { timeout: 15_000 });
    await expect(mini).toContainText(fault === 'black' ? /黑屏|Black picture/ : /画面冻结|frozen/);

    await admin(vigil, 'DELETE', `/admin/faults/${encodeURIComponent(cameraId)}`);
    await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 45_000 });
    await expect(mini).toHaveAttribute('data-state', 'playing', { timeout: 15_000 });
    // Straight from live to the fault and back: no stall or reconnect on the way.
    expect(await states()).toEqual([state, 'playing']);
  });
}
