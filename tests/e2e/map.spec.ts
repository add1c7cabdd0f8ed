/**
 * The tactical map as a chief uses it, through the browser host on the simulator: every camera of
 * the catalog drawn (count through the contract, pixels on the canvas), a camera clicked on the map
 * and sent to a wall tile that then decodes, units moving, a unit's last minutes replayed as a
 * track, and the daily review of one grid listing its must-reach points. Then what the chief does
 * with a selection (circle-select → a rotation group the core holds; a lasso → a focus set pinned
 * to a wall that plays it), a right-click that finds the
 * camera that sees the point, several cars' tracks coloured by speed, and a wall showing the map.
 */
import type { Locator, Page } from '@playwright/test';
import { destination } from '../../shared/domain/geo';
import { expect, test } from './fixtures';
import { frames } from './video';

interface CatalogCamera {
  id: string;
  name: string;
  status: string;
  kind: string;
  lat: number;
  lng: number;
  heading?: number;
  fov?: number;
}

async function catalog(simulatorUrl: string): Promise<CatalogCamera[]> {
  const response = await fetch(`${simulatorUrl}/api/v1/catalog`);
  expect(response.ok).toBe(true);
  return ((await response.json()) as { cameras: CatalogCamera[] }).cameras;
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
  await expect.poll(() => frames(tile), { timeout: 30_000 }).toBeGreaterThan(0);
  const before = await frames(tile);
  await expect.poll(() => frames(tile), { timeout: 15_000 }).toBeGreaterThan(before + 10);
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
  // A move can be under a pixel at the district's zoom: look until the picture changes too.
  await expect
    .poll(async () => (await page.getByTestId('map').screenshot()).equals(shot), {
      timeout: 15_000,
    })
    .toBe(false);
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

/** Centre the map on a point at a zoom (through the Leaflet map the element exposes). */
async function centreOn(page: Page, lat: number, lng: number, zoom: number): Promise<void> {
  await page.evaluate(
    ([la, ln, z]) => {
      const el = document.querySelector('[data-testid="map"]') as HTMLElement & {
        vigilMap?: { setView(c: [number, number], z: number, o: object): void };
      };
      el.vigilMap!.setView([la!, ln!], z!, { animate: false });
    },
    [lat, lng, zoom],
  );
}

test('a circle drawn on the map selects cameras that become a rotation group', async ({
  page,
  vigil,
}) => {
  const map = await openMap(page, vigil.deskUrl);
  const camera = (await catalog(vigil.simulatorUrl)).find((c) => c.status === 'online')!;
  await centreOn(page, camera.lat, camera.lng, 15);
  await page.getByTestId('map-draw-circle').click();
  const box = (await map.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(cx + step * 15, cy);
  await page.mouse.up();
  // The map did not pan while drawing, and the camera under the centre is in the selection.
  const panel = page.getByTestId('selection-panel');
  await expect(panel).toBeVisible();
  const count = Number(await panel.getAttribute('data-count'));
  expect(count).toBeGreaterThan(0);
  await expect(map).toHaveAttribute('data-selected-count', String(count));
  const listed = await page
    .getByTestId('selection-camera')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-camera-id')!));
  expect(listed).toContain(camera.id);

  await page.getByTestId('selection-name').fill('地图圈选 e2e');
  await page.getByTestId('selection-dwell').fill('8');
  await page.getByTestId('selection-rotation').click();
  await expect(page.getByTestId('selection-message')).toHaveClass(/map-ok/);
  // The group as the core holds it (rotation.state / the rotation stream): the selected cameras.
  const group = page.getByTestId('rotation-group').filter({ hasText: '地图圈选 e2e' });
  await expect(group).toHaveCount(1);
  const ids = ((await group.getAttribute('data-camera-ids')) ?? '').split(' ');
  expect(ids).toHaveLength(count);
  for (const id of listed) expect(ids).toContain(id);
});

test('a right-click lists the cameras around it, one of them seeing the point', async ({
  page,
  vigil,
}) => {
  const map = await openMap(page, vigil.deskUrl);
  const camera = (await catalog(vigil.simulatorUrl)).find(
    (c) => c.status === 'online' && c.kind === 'fixed' && c.heading !== undefined,
  )!;
  // A point 25 m in front of the camera, along its heading.
  const point = destination(camera, camera.heading!, 25);
  await centreOn(page, point.lat, point.lng, 17);
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
  await expect(page.getByTestId('radius-panel')).toBeVisible();
  const row = page.locator(`[data-testid="radius-camera"][data-camera-id="${camera.id}"]`);
  await expect(row).toBeVisible();
  await expect(row.locator('.sees')).toHaveClass(/yes/);
});

test("several cars' tracks are coloured by speed, with a legend", async ({ page, vigil }) => {
  const map = await openMap(page, vigil.deskUrl);
  await expect(map).toHaveAttribute('data-unit-count', /^[1-9]\d*$/);
  // Cars wander between ~20 and ~55 km/h: a few of them over some seconds cross a band.
  await page.waitForTimeout(10_000);
  const callSigns = await page
    .locator('.leaflet-units-pane .unit-car .unit-call')
    .evaluateAll((els) => els.slice(0, 6).map((el) => el.textContent ?? ''));
  expect(callSigns.length).toBeGreaterThan(1);
  await page.getByTestId('map-tab-tracks').click();
  await page.getByTestId('track-units').fill(callSigns.join(', '));
  await page.getByTestId('track-range').selectOption('m10');
  await page.getByTestId('track-load').click();
  await expect(page.getByTestId('track-list').locator('li')).toHaveCount(callSigns.length);
  await expect(page.getByTestId('speed-legend')).toBeVisible();
  await expect(map).toHaveAttribute('data-track-speed-bands', /^[2-9]$/);
  const colours = await page
    .locator('path.track-speed')
    .evaluateAll((paths) => new Set(paths.map((p) => p.getAttribute('stroke'))).size);
  expect(colours).toBeGreaterThan(1);
});

test('a wall the desk sets to the map shows the map full-screen', async ({ context, vigil }) => {
  const wall = await context.newPage();
  await wall.goto(vigil.wallUrls[1]!);
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  await desk.getByTestId('layout-select-2').selectOption('map');
  await expect(wall.getByTestId('wall-2')).toHaveAttribute('data-layout', 'map');
  const map = wall.getByTestId('map');
  await expect(map).toHaveAttribute('data-camera-count', /^[1-9]\d*$/);
  await expect(wall.locator('.map-side')).toBeHidden();
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(0);
  // The desk's miniature of that wall says it shows the map, not four empty tiles.
  await expect(desk.getByTestId('mini-map-2')).toBeVisible();
  await expect(desk.locator('[data-testid^="mini-tile-2-"]')).toHaveCount(0);
  // And back to tiles.
  await desk.getByTestId('layout-select-2').selectOption('4');
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  await expect(desk.getByTestId('mini-map-2')).toHaveCount(0);
});

test('a lasso drawn on the map becomes a focus set pinned to a wall, and plays there', async ({
  context,
  vigil,
}) => {
  const wall = await context.newPage();
  await wall.goto(vigil.wallUrls[0]!);
  const tiles = wall.locator('[data-testid^="wall-tile-"]');
  await expect(tiles).toHaveCount(4);
  const page = await context.newPage();
  const map = await openMap(page, vigil.deskUrl);
  const camera = (await catalog(vigil.simulatorUrl)).find((c) => c.status === 'online')!;
  await centreOn(page, camera.lat, camera.lng, 16);
  await page.getByTestId('map-draw-lasso').click();
  const box = (await map.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // A lasso round the centre: a square traced in small steps, as a hand would.
  const r = 90;
  const corners: [number, number][] = [
    [cx - r, cy - r],
    [cx + r, cy - r],
    [cx + r, cy + r],
    [cx - r, cy + r],
    [cx - r, cy - r],
  ];
  await page.mouse.move(corners[0]![0], corners[0]![1]);
  await page.mouse.down();
  for (let i = 1; i < corners.length; i++) {
    const [x0, y0] = corners[i - 1]!;
    const [x1, y1] = corners[i]!;
    for (let step = 1; step <= 8; step++) {
      await page.mouse.move(x0 + ((x1 - x0) * step) / 8, y0 + ((y1 - y0) * step) / 8);
    }
  }
  await page.mouse.up();
  const panel = page.getByTestId('selection-panel');
  await expect(panel).toBeVisible();
  const listed = await page
    .getByTestId('selection-camera')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-camera-id')!));
  expect(listed).toContain(camera.id);

  await page.getByTestId('selection-wall').selectOption('1');
  await page.getByTestId('selection-focus').click();
  await expect(page.getByTestId('selection-message')).toHaveClass(/map-ok/);
  // The wall's tiles now hold the first cameras of the selection, in order, and decode.
  const pinned = listed.slice(0, 4);
  for (const [index, id] of pinned.entries()) {
    const tile = wall.getByTestId(`wall-tile-${index}`);
    await expect(tile).toHaveAttribute('data-camera-id', id);
  }
  const first = wall.getByTestId('wall-tile-0');
  await expect.poll(() => frames(first), { timeout: 20_000 }).toBeGreaterThan(0);
});
