/**
 * Issue #14 items 1-2, through the browser host against the simulator: the decoder budget holds
 * (a tile held back or covered decodes nothing and requests nothing, counted per tile: frames of
 * every <video> inside it, playlist and segment requests of its camera) and adapts (a budget
 * lowered under load comes back when the load ends).
 *
 * Requests are told apart per camera: a live playlist is the camera's own (/live/<id>/…); segments
 * (/media/…) are shared names, so the cameras that must go quiet are switched to fMP4 by the
 * simulator (`.m4s` segments, an init segment) while the others stay MPEG-TS (`.ts`), and an
 * enlarged tile plays the main stream while covered tiles would play `sub-` segments.
 *
 * Load is simulated by the wall's test seam (`?budgetTest`, use-budget-controller.ts): the
 * controller is given injected dropped-frame readings instead of the videos' own, in half-second
 * windows, so "lowered under load, back up when it ends" is asserted on a busy machine without a
 * CPU hog whose effect (and end) no test can time.
 */
import type { Locator, Page, Request } from '@playwright/test';
import { learnedBudgetKey } from '../../renderer/wall/budget-controller';
import { PREVIEW_POLL_MS } from '../../renderer/wall/preview/use-key-frame-preview';
import type { WallTileReports } from '../../shared/contract/wall';
import { expect, simulatorAdmin, test, type VigilHost } from './fixtures';
import { expectDecoding } from './video';
import { contract } from './watch-helpers';

test.use({ hostOptions: { cameras: 200, walls: 1 } });

/** Long enough for a live player to refresh its playlist (2 s segments) two or three times. */
const OBSERVE_MS = 6_000;

async function admin(vigil: VigilHost, method: string, path: string, body?: unknown) {
  const response = await simulatorAdmin(vigil, method, path, body);
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
}

/** The wall's URL with a decoder budget of `budget` (and any other parameters). */
function wallUrl(vigil: VigilHost, params: Record<string, string>): string {
  const url = new URL(vigil.wallUrls[0]!);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** Every media request the page makes (playlists under /live/, segments under /media/). */
class MediaRequests {
  private readonly seen: { at: number; path: string }[] = [];

  constructor(page: Page) {
    page.on('request', (r: Request) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/live/') || path.startsWith('/media/'))
        this.seen.push({ at: Date.now(), path });
    });
  }

  /** Requests since `since` (ms since the epoch) whose path matches. */
  count(since: number, match: (path: string) => boolean): number {
    return this.seen.filter((r) => r.at >= since && match(r.path)).length;
  }

  /** Playlist requests of camera `id` since `since`. */
  playlists(since: number, id: string): number {
    return this.count(since, (p) => p.startsWith(`/live/${encodeURIComponent(id)}/`));
  }
}

/** fMP4 segments and init segments: the cameras switched to fMP4 only. */
const fmp4 = (path: string): boolean => /\.m4s$|-init\.mp4$/.test(path);
const subSegment = (path: string): boolean => path.startsWith('/media/sub-');

interface Activity {
  /** Frames decoded by every <video> of the tile (getVideoPlaybackQuality), hidden ones too. */
  decoded: number;
  /** Frames presented (requestVideoFrameCallback), all its videos. */
  presented: number;
  /** Videos still holding a stream (a src, or media loaded or loading). */
  sources: string[];
}

/**
 * What the <video> elements of each tile do over `ms`, all tiles at once (a video that appears
 * meanwhile, a pre-warm or a swap's back player, is counted from its start).
 */
async function activity(page: Page, indexes: readonly number[], ms: number): Promise<Activity[]> {
  return page.evaluate(
    async ([indexes, ms]) => {
      const watchers = indexes.map((index) => {
        const el = document.querySelector(`[data-testid="wall-tile-${index}"]`)!;
        const videos = () => [...el.querySelectorAll('video')];
        const decoded = new Map<HTMLVideoElement, number>();
        const state = { presented: 0, done: false };
        const watch = (v: HTMLVideoElement): void => {
          if (decoded.has(v)) return;
          decoded.set(v, v.getVideoPlaybackQuality().totalVideoFrames);
          const onFrame = (): void => {
            if (state.done) return;
            state.presented++;
            v.requestVideoFrameCallback(onFrame);
          };
          v.requestVideoFrameCallback(onFrame);
        };
        videos().forEach(watch);
        const observer = new MutationObserver(() => videos().forEach(watch));
        observer.observe(el, { childList: true, subtree: true });
        return () => {
          state.done = true;
          observer.disconnect();
          let frames = 0;
          for (const [v, start] of decoded)
            frames += Math.max(0, v.getVideoPlaybackQuality().totalVideoFrames - start);
          return {
            decoded: frames,
            presented: state.presented,
            sources: videos()
              .filter((v) => v.hasAttribute('src') || v.readyState > 0 || v.networkState !== 0)
              .map(
                (v) => `${v.dataset.url || '?'} readyState ${v.readyState} net ${v.networkState}`,
              ),
          };
        };
      });
      await new Promise((resolve) => setTimeout(resolve, ms));
      return watchers.map((end) => end());
    },
    [indexes, ms] as const,
  );
}

const QUIET: Activity = { decoded: 0, presented: 0, sources: [] };

async function openWall(page: Page, url: string, count = 4): Promise<Locator[]> {
  await page.goto(url);
  const tiles = page.locator('[data-testid^="wall-tile-"]');
  await expect(tiles).toHaveCount(count);
  return Array.from({ length: count }, (_, i) => page.getByTestId(`wall-tile-${i}`));
}

const cameraOf = async (tile: Locator): Promise<string> =>
  (await tile.getAttribute('data-camera-id'))!;

/** The cameras of the wall's four tiles (from a first look at the wall). */
async function wallCameras(page: Page, vigil: VigilHost): Promise<string[]> {
  const tiles = await openWall(page, wallUrl(vigil, {}));
  await expect(tiles[3]!).not.toHaveAttribute('data-camera-id', '');
  const ids = await Promise.all(tiles.map(cameraOf));
  await page.goto('about:blank');
  return ids;
}

/**
 * Tiles `quiet` decode nothing and request nothing over the observation window, while tiles
 * `busy` decode (so the window measured something). Returns what was measured, for the log.
 */
async function expectQuiet(
  page: Page,
  requests: MediaRequests,
  cameras: readonly string[],
  quiet: readonly number[],
  busy: readonly number[],
  segments: (path: string) => boolean,
  previewing: readonly number[] = [],
): Promise<string> {
  // A player that just lost its slot finishes tearing down first (its last frame, its cleanup);
  // one that never does is measured all the same, and fails below with its frames and requests.
  await expect
    .poll(async () => (await activity(page, quiet, 0)).map((a) => a.sources), { timeout: 15_000 })
    .toEqual(quiet.map(() => []))
    .catch(() => {});
  const since = Date.now();
  const order = [...quiet, ...busy, ...previewing];
  const measured = await activity(page, order, OBSERVE_MS);
  const playlists = order.map((index) => requests.playlists(since, cameras[index]!));
  const leaked = requests.count(since, segments);
  const lines = order.map(
    (index, i) =>
      `tile ${index}${quiet.includes(index) ? ' (quiet)' : previewing.includes(index) ? ' (preview)' : ''}: ` +
      `${measured[i]!.decoded} frames, ` +
      `${playlists[i]} playlist requests`,
  );
  lines.push(`segments of the quiet tiles' cameras: ${leaked}`);
  console.info(`wall-budget: ${lines.join('; ')}`);
  for (const [i, index] of order.entries()) {
    if (quiet.includes(index)) {
      expect(measured[i], `tile ${index} (held back or covered): its videos`).toEqual(QUIET);
      expect(playlists[i], `tile ${index}: playlist requests of its camera`).toBe(0);
    } else if (previewing.includes(index)) {
      // A preview reads its playlist about once a second and decodes no <video> frame.
      expect(measured[i], `tile ${index} (preview): its videos`).toEqual(QUIET);
      expect(playlists[i], `tile ${index} (preview): playlist requests`).toBeGreaterThan(0);
      expect(playlists[i]).toBeLessThanOrEqual(OBSERVE_MS / PREVIEW_POLL_MS + 2);
    } else {
      expect(measured[i]!.decoded, `tile ${index} decodes (the window saw video)`).toBeGreaterThan(
        0,
      );
    }
  }
  expect(leaked, 'segment requests of the quiet tiles').toBe(0);
  return lines.join('; ');
}

test('held-back tiles of fMP4 cameras: no preview (said plainly), they decode nothing and request nothing more', async ({
  page,
  vigil,
}) => {
  const cameras = await wallCameras(page, vigil);
  // Tiles 2 and 3 are over a budget of 2: their cameras' segments are told apart as fMP4.
  for (const id of cameras.slice(2))
    await admin(vigil, 'POST', '/admin/faults', { kind: 'fmp4', cameraId: id });
  const requests = new MediaRequests(page);
  const tiles = await openWall(page, wallUrl(vigil, { budget: '2' }));
  await expect(page.getByTestId('wall-1')).toHaveAttribute('data-budget', '2');
  for (const tile of tiles.slice(0, 2)) await expectDecoding(tile);
  for (const tile of tiles.slice(2)) {
    await expect(tile).toHaveAttribute('data-state', 'held-back');
    // The preview read the playlist once, found fMP4, and says so.
    await expect(tile).toHaveAttribute('data-preview', 'unsupported');
    await expect(tile.getByTestId('tile-preview-unsupported')).toHaveText(/fMP4/);
  }
  await expectQuiet(page, requests, cameras, [2, 3], [0, 1], fmp4);
  // Since the page opened, not only in the window: no player ever started for them, and the
  // preview read one playlist.
  for (const index of [2, 3]) expect(requests.playlists(0, cameras[index]!)).toBeLessThanOrEqual(1);
  expect(requests.count(0, fmp4), 'fMP4 segments ever requested').toBe(0);
});

test('a slot moving back when a camera returns: the tile that borrowed it stops decoding and requesting', async ({
  page,
  vigil,
}) => {
  const cameras = await wallCameras(page, vigil);
  // Tile 2 borrows tile 0's slot while tile 0's camera is offline, then gives it back.
  await admin(vigil, 'POST', '/admin/faults', { kind: 'fmp4', cameraId: cameras[2]! });
  const requests = new MediaRequests(page);
  const tiles = await openWall(page, wallUrl(vigil, { budget: '2' }));
  await expectDecoding(tiles[0]!);
  await expect(tiles[2]!).toHaveAttribute('data-state', 'held-back');

  await admin(vigil, 'POST', '/admin/faults', { kind: 'status-offline', cameraId: cameras[0]! });
  await expect(tiles[0]!).toHaveAttribute('data-state', 'offline-camera', { timeout: 30_000 });
  await expectDecoding(tiles[2]!);

  await admin(vigil, 'DELETE', `/admin/faults/${encodeURIComponent(cameras[0]!)}`);
  await expect(tiles[0]!).not.toHaveAttribute('data-state', 'offline-camera', { timeout: 30_000 });
  await expect(tiles[2]!).toHaveAttribute('data-state', 'held-back');
  await expectDecoding(tiles[0]!);
  // Tile 3 (MPEG-TS) previews; tile 2 (fMP4) cannot and goes quiet.
  await expectQuiet(page, requests, cameras, [2], [0, 1], fmp4, [3]);
});

test('an enlarged tile stops the covered ones; restored, they decode again', async ({
  page,
  vigil,
}) => {
  const cameras = await wallCameras(page, vigil);
  const requests = new MediaRequests(page);
  const tiles = await openWall(page, wallUrl(vigil, { budget: '4' }));
  for (const tile of tiles) await expectDecoding(tile);

  await tiles[0]!.dblclick();
  await expect(tiles[0]!).toHaveAttribute('data-enlarged', 'true');
  await expect(tiles[0]!).toHaveAttribute('data-stream', 'main');
  // The enlarged tile plays the main stream: any sub-stream segment is a covered tile's.
  await expectQuiet(page, requests, cameras, [1, 2, 3], [0], subSegment);

  await tiles[0]!.dblclick();
  await expect(tiles[0]!).toHaveAttribute('data-enlarged', 'false');
  for (const tile of tiles) await expectDecoding(tile);
});

test('a tile enlarged while its camera is offline covers the others: they stop too', async ({
  page,
  vigil,
}) => {
  const cameras = await wallCameras(page, vigil);
  await admin(vigil, 'POST', '/admin/faults', { kind: 'status-offline', cameraId: cameras[0]! });
  const requests = new MediaRequests(page);
  const tiles = await openWall(page, wallUrl(vigil, { budget: '4' }));
  await expect(tiles[0]!).toHaveAttribute('data-state', 'offline-camera', { timeout: 30_000 });
  for (const tile of tiles.slice(1)) await expectDecoding(tile);

  await tiles[0]!.dblclick();
  await expect(tiles[0]!).toHaveAttribute('data-enlarged', 'true');
  await expect(tiles[0]!.getByTestId('tile-state-label')).toHaveText(/摄像机离线|Camera offline/);
  // The offline camera plays nothing, and nothing plays under it.
  await expectQuiet(page, requests, cameras, [0, 1, 2, 3], [], subSegment);
});

test('a budget lowered by load comes back up when the load ends; the tiles that lost their slots stop meanwhile; a processor taken by another task is said so', async ({
  page,
  context,
  vigil,
}) => {
  // Small tiles (480×270, 1.5 times the 320×180 sub-stream): each wants its sub-stream, one
  // slot, so the budget has no reason to climb past the four tiles (at 1600×900 the 2×2 tiles
  // want main streams, and an adaptive budget would climb to afford them: issue #14 item 5).
  await page.setViewportSize({ width: 960, height: 540 });
  const cameras = await wallCameras(page, vigil);
  // Tiles 1-3 lose their slots under load: their segments are told apart as fMP4.
  for (const id of cameras.slice(1))
    await admin(vigil, 'POST', '/admin/faults', { kind: 'fmp4', cameraId: id });
  // This wall learnt 4 a moment ago (no calibration, a budget that adapts); no ?budget (fixed).
  await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [
    learnedBudgetKey(1),
    JSON.stringify({ budget: 4, at: Date.now() }),
  ] as const);
  const logged: string[] = [];
  page.on('console', (m) => {
    if (m.text().startsWith('vigil: decoder budget')) logged.push(m.text());
  });
  const requests = new MediaRequests(page);
  const url = new URL(wallUrl(vigil, { budgetTest: '1' }));
  url.searchParams.delete('budget');
  const tiles = await openWall(page, url.href);
  const wall = page.getByTestId('wall-1');
  await expect(wall).toHaveAttribute('data-budget', '4');
  for (const tile of tiles) await expectDecoding(tile);

  // The corner, on demand: how many play at full rate, and why.
  const corner = page.getByTestId('wall-budget');
  await expect(corner).toHaveCount(0);
  await page.keyboard.press('i');
  await expect(corner).toHaveAttribute('data-adaptive', 'true');
  await expect(corner.getByTestId('wall-budget-playing')).toHaveText(
    /同时播放 4 路（沿用上次运行的结果）|4 playing at full rate \(as learnt last time\)/,
  );

  // The machine falls behind: a third of the frames dropped, window after window.
  const load = (share: number) =>
    page.evaluate((s) => {
      const seam = (window as unknown as { __vigilTest: { budgetLoad(s: number): void } })
        .__vigilTest;
      seam.budgetLoad(s);
    }, share);
  await expect(load(2)).rejects.toThrow(/dropped share from 0 to 1/);
  await load(0.33);
  await expect(wall).toHaveAttribute('data-budget', '1');
  await expect(corner).toHaveAttribute('data-reason', 'fell-behind');
  await expect(corner.getByTestId('wall-budget-playing')).toHaveText(
    /同时播放 1 路（机器跟不上，已减少）|1 playing at full rate \(machine fell behind, reduced\)/,
  );
  for (const tile of tiles.slice(1)) {
    await expect(tile).toHaveAttribute('data-state', 'held-back');
    // Their previews read the playlist once, found fMP4 and said so (a read that landed inside
    // the quiet window below failed this test now and then on a loaded machine).
    await expect(tile).toHaveAttribute('data-preview', 'unsupported');
  }
  // The tiles that were playing and lost their slots: no frame, no request.
  await expectQuiet(page, requests, cameras, [1, 2, 3], [0], fmp4);
  expect(logged.some((l) => l.includes('"reason":"fell-behind"'))).toBe(true);
  // The desk hears it with the tile reports.
  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  const reported = async () => {
    const reports = await contract<WallTileReports[]>(desk, 'wall.tileReports', {});
    return reports.find((r) => r.wallId === 1)?.budget;
  };
  await expect
    .poll(reported, { timeout: 15_000 })
    .toMatchObject({ budget: 1, playing: 1, held: 3, reason: 'fell-behind' });
  // ... and its miniature of the wall says it as the wall's corner does.
  const mini = desk.getByTestId('wall-mini-budget-1');
  await expect(mini).toHaveAttribute('data-held', '3', { timeout: 15_000 });
  await expect(mini).toHaveText(
    /同时播放 1 路（机器跟不上，已减少）|1 playing at full rate \(machine fell behind, reduced\)/,
  );
  const learnt = () => page.evaluate((key) => localStorage.getItem(key), learnedBudgetKey(1));
  expect(JSON.parse((await learnt())!)).toMatchObject({ budget: 1 });

  // The load ends: back up one tile at a time, to every tile.
  await load(0);
  await expect(wall).toHaveAttribute('data-budget', '2', { timeout: 30_000 });
  await expect(wall).toHaveAttribute('data-budget', '4', { timeout: 60_000 });
  await expect(corner.getByTestId('wall-budget-playing')).toHaveText(
    /同时播放 4 路（机器跟得上，已增加）|4 playing at full rate \(machine kept up, increased\)/,
  );
  for (const tile of tiles) await expectDecoding(tile);
  expect(JSON.parse((await learnt())!)).toMatchObject({ budget: 4 });
  await expect
    .poll(reported, { timeout: 15_000 })
    .toMatchObject({ budget: 4, playing: 4, held: 0, reason: 'kept-up' });
  await expect(mini).toHaveAttribute('data-held', '0', { timeout: 15_000 });
  await expect(mini).toHaveText(/同时播放 4 路|4 playing at full rate/);
  // Its detail, on hover: how much of the budget the tiles use, and on which streams (a main
  // stream counts for several; the budget may have climbed on since: numbers, not fixed ones).
  await expect(mini).toHaveAttribute('data-main', /^\d+$/);
  await expect(mini).toHaveAttribute(
    'title',
    /预算已用 \d+\/\d+ · 0 路暂停[^]*主码流 \d+ 路（清晰，一路折算多路），子码流 \d+ 路|Budget \d+ of \d+ used · 0 paused[^]*\d+ on the main stream \(sharp, counts for several\), \d+ on the sub-stream/,
  );

  // Another task takes the processor: the pictures fall behind the clock without a frame
  // dropped, and the page's own timers run late. The wall sheds and says why, on the wall and
  // at the desk, does not store that as the machine's limit, and climbs back once it has gone.
  const starve = (behind: number, lagMs: number) =>
    page.evaluate(
      (starved) => {
        const seam = (
          window as unknown as {
            __vigilTest: {
              budgetLoad(s: number, starved: { behind: number; lagMs: number }): void;
            };
          }
        ).__vigilTest;
        seam.budgetLoad(0, starved);
      },
      { behind, lagMs },
    );
  await expect(starve(2, 200)).rejects.toThrow(/behind is a share from 0 to 1/);
  await starve(0.75, 200);
  await expect(corner).toHaveAttribute('data-reason', 'machine-busy');
  await expect(corner.getByTestId('wall-budget-playing')).toHaveText(
    /同时播放 \d 路（处理器被其他任务占用，已减少）|\d playing at full rate \(processor busy with other work, reduced\)/,
  );
  await expect(mini).toHaveText(/处理器被其他任务占用|processor busy with other work/, {
    timeout: 15_000,
  });
  expect(Number(await wall.getAttribute('data-budget'))).toBeLessThan(4);
  expect(JSON.parse((await learnt())!)).toMatchObject({ budget: 4 });
  await starve(0, 0);
  await expect(wall).toHaveAttribute('data-budget', '4', { timeout: 30_000 });
  await expect(corner).toHaveAttribute('data-reason', 'kept-up');
  for (const tile of tiles) await expectDecoding(tile);

  // It stays there: no tile is held back for want of a slot, so it has no reason to climb.
  await page.keyboard.press('i');
  await expect(corner).toHaveCount(0);
});

test('the case reported: a 9-tile wall at a budget of 3, then one tile enlarged over eight', async ({
  page,
  context,
  vigil,
}) => {
  const response = await fetch(`${vigil.simulatorUrl}/api/v1/catalog`);
  const { cameras: catalog } = (await response.json()) as {
    cameras: { id: string; status?: string }[];
  };
  const cameras = catalog
    .filter((c) => c.status !== 'offline')
    .slice(0, 9)
    .map((c) => c.id);
  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  await contract(desk, 'wall.setLayout', { wallId: 1, layout: { kind: 'preset', id: '9' } });
  await contract(desk, 'wall.sendGroup', { wallId: 1, cameraIds: cameras });
  await desk.close();
  for (const id of cameras.slice(3))
    await admin(vigil, 'POST', '/admin/faults', { kind: 'fmp4', cameraId: id });

  const requests = new MediaRequests(page);
  const tiles = await openWall(page, wallUrl(vigil, { budget: '3' }), 9);
  for (const [i, tile] of tiles.entries())
    await expect(tile).toHaveAttribute('data-camera-id', cameras[i]!);
  for (const tile of tiles.slice(0, 3)) await expectDecoding(tile);
  for (const tile of tiles.slice(3)) await expect(tile).toHaveAttribute('data-state', 'held-back');
  await expectQuiet(page, requests, cameras, [3, 4, 5, 6, 7, 8], [0, 1, 2], fmp4);

  await tiles[0]!.dblclick();
  await expect(tiles[0]!).toHaveAttribute('data-stream', 'main');
  await expectQuiet(page, requests, cameras, [1, 2, 3, 4, 5, 6, 7, 8], [0], subSegment);
});

/** Mean brightness and spread of a tile's preview canvas (0-255), sampled on a 16×16 grid. */
async function canvasPicture(tile: Locator): Promise<{ mean: number; spread: number }> {
  return tile.getByTestId('tile-preview').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d')!;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const values: number[] = [];
    for (let y = 0; y < 16; y++)
      for (let x = 0; x < 16; x++) {
        const px = Math.floor(((x + 0.5) / 16) * canvas.width);
        const py = Math.floor(((y + 0.5) / 16) * canvas.height);
        const at = (py * canvas.width + px) * 4;
        values.push((data[at]! + data[at + 1]! + data[at + 2]!) / 3);
      }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return { mean, spread: Math.max(...values) - Math.min(...values) };
  });
}

const tsSegment = (path: string): boolean => /\.ts(\?|$)/.test(path);

test('no dark tile: over the budget, tiles show key-frame previews, labelled, with only their own requests; a stopped one says so; covered ones fetch nothing', async ({
  page,
  vigil,
}) => {
  const cameras = await wallCameras(page, vigil);
  // The full-rate tiles' segments are told apart as fMP4: every .ts request is a preview's.
  for (const id of cameras.slice(0, 2))
    await admin(vigil, 'POST', '/admin/faults', { kind: 'fmp4', cameraId: id });
  const requests = new MediaRequests(page);
  const tiles = await openWall(page, wallUrl(vigil, { budget: '2' }));
  for (const tile of tiles.slice(0, 2)) await expectDecoding(tile);
  for (const tile of tiles.slice(2)) {
    await expect(tile).toHaveAttribute('data-state', 'held-back');
    await expect(tile).toHaveAttribute('data-preview', 'showing', { timeout: 20_000 });
    await expect(tile.getByTestId('tile-preview-label')).toHaveText(/低帧率预览|Preview, 1 fps/);
    await expect(tile.getByTestId('tile-state-label')).toHaveCount(0);
    const picture = await canvasPicture(tile);
    expect(picture.mean, 'the preview is not black').toBeGreaterThan(30);
    expect(picture.spread, 'the preview is a picture, not a flat colour').toBeGreaterThan(40);
  }
  const since = Date.now();
  await expectQuiet(page, requests, cameras, [], [0, 1], () => false, [2, 3]);
  const seconds = (Date.now() - since) / 1000;
  const segments = requests.count(since, tsSegment);
  console.info(`wall-budget: preview segments of two tiles in ${seconds} s: ${segments}`);
  // The newest segment when it changes (2 s segments) and no other: a few, not a stream.
  expect(segments).toBeGreaterThan(0);
  expect(segments).toBeLessThanOrEqual(2 * (seconds / 2 + 2));
  await page.screenshot({ path: test.info().outputPath('previews.png') });

  // A preview whose stream stops answering (the platform still says online) does not leave its
  // last picture up as live: the tile says the preview stopped; it shows again once it answers.
  await admin(vigil, 'POST', '/admin/faults', { kind: 'http-503', cameraId: cameras[3] });
  await expect(tiles[3]!).toHaveAttribute('data-preview', 'stale', { timeout: 30_000 });
  await expect(tiles[3]!.getByTestId('tile-preview-stale')).toHaveText(/预览中断|Preview stopped/);
  await expect(tiles[3]!.getByTestId('tile-preview-label')).toHaveCount(0);
  await expect(tiles[3]!.getByTestId('tile-preview')).not.toHaveClass(/showing/);
  await expect(tiles[2]!).toHaveAttribute('data-preview', 'showing');
  await page.screenshot({ path: test.info().outputPath('preview-stale.png') });
  await admin(vigil, 'DELETE', `/admin/faults/${encodeURIComponent(cameras[3]!)}`);
  await expect(tiles[3]!).toHaveAttribute('data-preview', 'showing', { timeout: 20_000 });

  // Enlarged over the others: the previews stop with the rest.
  await tiles[0]!.dblclick();
  await expect(tiles[0]!).toHaveAttribute('data-enlarged', 'true');
  for (const tile of tiles.slice(2)) await expect(tile).toHaveAttribute('data-preview', 'off');
  await expectQuiet(page, requests, cameras, [1, 2, 3], [0], tsSegment);
});
