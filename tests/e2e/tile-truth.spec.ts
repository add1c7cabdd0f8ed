/**
 * Issue #10, "what a tile says must be true", through the browser host against the simulator:
 * a camera the platform reports offline stops on its tile (no player, no frame decoded) even
 * while its stream still serves, and the wall and the desk's miniature both say 摄像机离线; a
 * camera whose live playlist answers 503 says offline, not 视频中断, and comes back on its own.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, simulatorAdmin, test, type VigilHost } from './fixtures';
import { expectDecoding, recordStates } from './video';

interface CatalogCamera {
  id: string;
  name: string;
  subUrl?: string;
  liveUrl: string;
}

async function admin(vigil: VigilHost, method: string, path: string, body?: unknown) {
  const response = await simulatorAdmin(vigil, method, path, body);
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
}

async function catalogCamera(simulatorUrl: string, id: string): Promise<CatalogCamera> {
  const response = await fetch(`${simulatorUrl}/api/v1/catalog`);
  const { cameras } = (await response.json()) as { cameras: CatalogCamera[] };
  return cameras.find((c) => c.id === id)!;
}

/**
 * What every <video> in the tile does over `ms`: frames decoded (getVideoPlaybackQuality) and
 * frames presented (requestVideoFrameCallback), and which of them still hold a stream.
 */
async function videoActivity(tile: Locator, ms: number) {
  return tile.evaluate(async (el, ms) => {
    const videos = () => [...el.querySelectorAll('video')];
    const decoded = new Map<HTMLVideoElement, number>();
    let presented = 0;
    let done = false;
    const watch = (v: HTMLVideoElement): void => {
      if (decoded.has(v)) return;
      decoded.set(v, v.getVideoPlaybackQuality().totalVideoFrames);
      const onFrame = (): void => {
        if (done) return;
        presented++;
        v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    };
    videos().forEach(watch);
    // A video that appears meanwhile is counted from its start.
    const observer = new MutationObserver(() => videos().forEach(watch));
    observer.observe(el, { childList: true, subtree: true });
    await new Promise((resolve) => setTimeout(resolve, ms));
    done = true;
    observer.disconnect();
    let decodedFrames = 0;
    for (const [v, start] of decoded) {
      decodedFrames += Math.max(0, v.getVideoPlaybackQuality().totalVideoFrames - start);
    }
    return {
      decoded: decodedFrames,
      presented,
      // A <video> still holding a stream (hls.js's MediaSource, or a URL): its src attribute,
      // or media it has loaded or is loading. A destroyed player leaves none of them.
      sources: videos()
        .filter((v) => v.hasAttribute('src') || v.readyState > 0 || v.networkState !== 0)
        .map((v) => `${v.dataset.url || '?'} readyState ${v.readyState} net ${v.networkState}`),
    };
  }, ms);
}

async function openWall(page: Page, url: string): Promise<Locator[]> {
  await page.goto(url);
  const tiles = page.locator('[data-testid^="wall-tile-"]');
  await expect(tiles).toHaveCount(4);
  return [0, 1, 2, 3].map((i) => page.getByTestId(`wall-tile-${i}`));
}

test('a camera reported offline while its stream still serves stops on the wall and says so, on the desk too', async ({
  context,
  vigil,
}) => {
  const wall = await context.newPage();
  const tiles = await openWall(wall, vigil.wallUrls[0]!);
  const tile = tiles[0]!;
  await expectDecoding(tile);
  const cameraId = (await tile.getAttribute('data-camera-id'))!;
  const camera = await catalogCamera(vigil.simulatorUrl, cameraId);

  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  await expect(desk.getByTestId('link-state')).toHaveAttribute('data-state', 'online');
  const mini = desk.getByTestId('mini-tile-1-0');
  await expect(mini).toHaveAttribute('data-camera-id', cameraId);
  await expect(mini).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
  await desk.getByTestId('search-input').fill(camera.name);
  const row = desk.locator(`[data-testid="camera-row"][data-camera-id="${cameraId}"]`);
  await expect(row).toHaveAttribute('data-status', 'online');

  await admin(vigil, 'POST', '/admin/faults', { kind: 'status-offline', cameraId });
  // The station holds it offline (the desk's tree says so) ...
  await expect(row).toHaveAttribute('data-status', 'offline', { timeout: 30_000 });
  // ... while the camera's stream still serves (a status that lags is common).
  const stream = await fetch(camera.subUrl ?? camera.liveUrl);
  expect(stream.status).toBe(200);

  await expect(tile).toHaveAttribute('data-state', 'offline-camera', { timeout: 30_000 });
  await expect(tile.getByTestId('tile-state-label')).toHaveText(/摄像机离线|Camera offline/);
  await expect(tile.locator('.tile-live')).toHaveCount(0);
  // Nothing decodes on the tile any more: its player is gone, not merely hidden.
  await expect
    .poll(async () => (await videoActivity(tile, 0)).sources, { timeout: 30_000 })
    .toEqual([]);
  const activity = await videoActivity(tile, 3_000);
  expect(activity, 'frames on a tile whose camera is held offline').toEqual({
    decoded: 0,
    presented: 0,
    sources: [],
  });
  await expect(tile).toHaveAttribute('data-state', 'offline-camera');
  // The others play on.
  await expect(tiles[1]!).toHaveAttribute('data-state', 'playing');

  // The desk's miniature says what the tile says.
  await expect(mini).toHaveAttribute('data-state', 'offline-camera', { timeout: 15_000 });
  await expect(mini).toContainText(/摄像机离线|Camera offline/);

  // Online again: the tile plays again, and the miniature follows.
  await admin(vigil, 'DELETE', `/admin/faults/${encodeURIComponent(cameraId)}`);
  await expect(row).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 60_000 });
  await expectDecoding(tile);
  await expect(mini).toHaveAttribute('data-state', 'playing', { timeout: 15_000 });
});

test('a camera whose live playlist answers 503 says offline, not interrupted, and comes back', async ({
  page,
  vigil,
}) => {
  const tiles = await openWall(page, vigil.wallUrls[0]!);
  const tile = tiles[1]!;
  await expectDecoding(tile);
  const cameraId = (await tile.getAttribute('data-camera-id'))!;
  const playlist = (await tile.locator('video[data-front="true"]').getAttribute('data-url'))!;
  expect(playlist).toMatch(/\.m3u8$/);
  let requests = 0;
  page.on('request', (r) => {
    if (r.url().split('?')[0] === playlist) requests++;
  });
  // Every state the tile passes through from now on.
  const states = await recordStates(tile);

  await admin(vigil, 'POST', '/admin/faults', { kind: 'http-503', cameraId });
  expect((await fetch(playlist)).status).toBe(503);
  await expect(tile).toHaveAttribute('data-state', 'offline-camera', { timeout: 30_000 });
  await expect(tile.getByTestId('tile-state-label')).toHaveText(/摄像机离线|Camera offline/);

  // Retried, and still offline through the retries: never "视频中断，正在重连…".
  const asked = requests;
  await expect.poll(() => requests, { timeout: 60_000 }).toBeGreaterThanOrEqual(asked + 3);
  await expect(tile).toHaveAttribute('data-state', 'offline-camera');
  const since = await states();
  expect(since.slice(since.indexOf('offline-camera'))).toEqual(['offline-camera']);
  expect(since, 'states the tile went through').not.toContain('reconnecting');
  await expect(tiles[0]!).toHaveAttribute('data-state', 'playing');

  // The camera comes back: so does the tile, on its own.
  await admin(vigil, 'DELETE', `/admin/faults/${encodeURIComponent(cameraId)}`);
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 90_000 });
  await expectDecoding(tile);
});
