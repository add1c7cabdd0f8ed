/**
 * The tactical map as a chief uses it, through the browser host on the simulator: every camera of
 * the catalog drawn (count through the contract, pixels on the canvas), a camera clicked on the map
 * and sent to a wall tile that then decodes, units moving, a unit's last minutes replayed as a
 * track, and the daily review of one grid listing its must-reach points.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

interface CatalogCamera {
  id: string;
  name: string;
  status: string;
  kind: string;
  lat: number;
  lng: number;
}

async function catalog(simulatorUrl: string): Promise<CatalogCamera[]> {
  const response = await fetch(`${simulatorUrl}/api/v1/catalog`);
  expect(response.ok).toBe(true);
  return ((await response.json()) as { cameras: CatalogCamera[] }).cameras;
}

async function decodedFrames(tile: Locator): Promise<number> {
  return tile
    .locator('video')
    .evaluate((video: HTMLVideoElement) => video.getVideoPlaybackQuality().totalVideoFrames)
    .catch(() => 0);
}

async function openMap(page: Page, deskUrl: string): Promise<Locator> {
  await page.goto(deskUrl);
  await page.getByTestId('desk-tab-map').click();
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-camera-count', /\d+/);
  return map;
}

/** Non-transparent pixels on the cameras' canvas. */
async function paintedPixels(page: Page): Promise<number> {
  return page.locator('canvas.vigil-camera-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  });
}

test('the map draws every camera of the catalog on its canvas', async ({ page, vigil }) => {
  const cameras = await catalog(vigil.simulatorUrl);
  const map = await openMap(page, vigil.deskUrl);
  await expect(map).toHaveAttribute('data-camera-count', String(cameras.length));
  expect(await paintedPixels(page)).toBeGreaterThan(cameras.length);
  // The district's areas and the units are there too.
  await expect(page.locator('path.area-zone').first()).toBeAttached();
  await expect(map).toHaveAttribute('data-unit-count', /^[1-9]\d*$/);
});

test('a camera clicked on the map and sent to the wall decodes there', async ({
  context,
  vigil,
}) => {
  const wall = await context.newPage();
  await wall.goto(vigil.wallUrls[0]!);
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);

  const desk = await context.newPage();
  const map = await openMap(desk, vigil.deskUrl);
  await expect(desk.getByTestId('link-state')).toHaveAttribute('data-state', 'online');
  // Zoom to a street so one dot sits alone under the pointer, then click the dot nearest the
  // centre of the map (the page reports where it drew each camera through the layer).
  const camera = (await catalog(vigil.simulatorUrl)).find(
    (c) => c.status === 'online' && c.kind === 'fixed',
  )!;
  await desk.evaluate(
    ([lat, lng]) => {
      const el = document.querySelector('[data-testid="map"]') as HTMLElement & {
        vigilMap?: { setView(c: [number, number], z: number, o: object): void };
      };
      el.vigilMap!.setView([lat!, lng!], 18, { animate: false });
    },
    [camera.lat, camera.lng],
  );
  await expect(map).toHaveAttribute('data-camera-visible', /\d+/);
  const box = (await map.boundingBox())!;
  await desk.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await desk.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const popup = desk.getByTestId('camera-popup');
  await expect(popup).toBeVisible();
  const cameraId = (await popup.getAttribute('data-camera-id'))!;
  await desk.getByTestId('send-to-wall').click();

  const tile = wall.getByTestId('wall-tile-0');
  await expect(tile).toHaveAttribute('data-camera-id', cameraId);
  await expect.poll(() => decodedFrames(tile), { timeout: 30_000 }).toBeGreaterThan(0);
  const before = await decodedFrames(tile);
  await expect.poll(() => decodedFrames(tile), { timeout: 15_000 }).toBeGreaterThan(before + 10);
});

test('units move on the map between two looks', async ({ page, vigil }) => {
  await openMap(page, vigil.deskUrl);
  const positions = () =>
    page
      .locator('.leaflet-units-pane .unit-icon')
      .evaluateAll((icons) => icons.map((i) => (i as HTMLElement).style.transform).join('|'));
  await expect(page.locator('.leaflet-units-pane .unit-icon').first()).toBeAttached();
  const first = await positions();
  const shot = await page.getByTestId('map').screenshot();
  await expect.poll(positions, { timeout: 10_000 }).not.toBe(first);
  expect((await page.getByTestId('map').screenshot()).equals(shot)).toBe(false);
});

test("replaying a unit's last minutes draws its track", async ({ page, vigil }) => {
  const map = await openMap(page, vigil.deskUrl);
  await expect(map).toHaveAttribute('data-unit-count', /^[1-9]\d*$/);
  // Let the unit gather a few fixes first (1 Hz).
  await page.waitForTimeout(6_000);
  const callSign = await page
    .locator('.leaflet-units-pane .unit-car .unit-call')
    .first()
    .evaluate((el) => el.textContent ?? '');
  await page.getByTestId('map-tab-tracks').click();
  await page.getByTestId('track-units').fill(callSign);
  await page.getByTestId('track-range').selectOption('m10');
  await page.getByTestId('track-load').click();
  await expect(page.getByTestId('track-list').locator('li')).toHaveCount(1);
  const line = page.locator('path.track-line');
  await expect(line).toHaveCount(1);
  // The polyline holds the unit's fixes (Leaflet may simplify a straight stretch when drawing
  // it, so count the line's points, not the SVG path's vertices).
  expect(await line.getAttribute('d')).toMatch(/^M[\d.\s-]+L/);
  await expect(map).toHaveAttribute('data-track-points', /^([3-9]|\d{2,})$/);
  // Replay runs: the clock moves.
  const start = await page.getByTestId('replay-time').textContent();
  await page.getByTestId('track-play').click();
  await expect.poll(() => page.getByTestId('replay-time').textContent()).not.toBe(start);
});

test('the daily review of one grid lists its must-reach points', async ({ page, vigil }) => {
  await openMap(page, vigil.deskUrl);
  await page.getByTestId('map-tab-compliance').click();
  await page.getByTestId('compliance-run').click();
  const points = page.getByTestId('compliance-point');
  await expect(points.first()).toBeVisible();
  expect(await points.count()).toBeGreaterThan(0);
  await expect(page.locator('path.review-reached, path.review-missed').first()).toBeAttached();
});
