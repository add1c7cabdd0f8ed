/**
 * Finding things on the map and what the map says back (issue #15), through the browser host on
 * the simulator: a camera, a checkpoint and a unit found from the map's search box (part of a
 * zh-CN name, Enter or a click) and centred, "show on map" from the camera tree, a recent alert
 * as a marker with its title, a base-map tile that failed fetched again, a shift's tracks whose
 * slider spans the data, and a selection larger than the wall said, with the rest sent on.
 */
import type { Page } from '@playwright/test';
import { expect, simulatorAdmin, test } from './fixtures';

interface CatalogCamera {
  id: string;
  name: string;
  status: string;
  lat: number;
  lng: number;
}

async function catalog(simulatorUrl: string): Promise<CatalogCamera[]> {
  const response = await fetch(`${simulatorUrl}/api/v1/catalog`);
  expect(response.ok).toBe(true);
  return ((await response.json()) as { cameras: CatalogCamera[] }).cameras;
}

async function openMap(page: Page, deskUrl: string) {
  await page.goto(deskUrl);
  await page.getByTestId('desk-tab-map').click();
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-camera-count', /\d+/);
  return map;
}

const zoom = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-testid="map"]') as HTMLElement & {
      vigilMap?: { getZoom(): number };
    };
    return el.vigilMap!.getZoom();
  });

test('the map finds a camera, a checkpoint and a unit by part of their name', async ({
  page,
  vigil,
}) => {
  const map = await openMap(page, vigil.deskUrl);
  const camera = (await catalog(vigil.simulatorUrl))[1234]!;
  const input = page.getByTestId('map-search-input');
  // Part of the camera's zh-CN name and the tail of its id: it is among the hits; Enter on it.
  await input.fill(camera.id.slice(-8));
  const hit = page.locator(`[data-testid="map-search-hit"][data-id="${camera.id}"]`);
  await expect(hit).toHaveCount(1);
  await hit.click();
  await expect(map).toHaveAttribute('data-search-focus', `camera:${camera.id}`);
  expect(await zoom(page)).toBeGreaterThanOrEqual(17);
  await expect(page.locator('.map-search-label')).toContainText(camera.name);

  // A checkpoint by a word of its name (卡点), chosen with the keyboard.
  await input.fill('卡点');
  await expect(page.getByTestId('map-search-hit').first()).toHaveAttribute(
    'data-kind',
    'checkpoint',
  );
  await input.press('Enter');
  await expect(map).toHaveAttribute('data-search-focus', /^checkpoint:/);

  // A unit by its call sign.
  await expect(map).toHaveAttribute('data-unit-count', /^[1-9]\d*$/);
  const callSign = await page
    .locator('.leaflet-units-pane .unit-call')
    .first()
    .evaluate((el) => el.textContent ?? '');
  await input.fill(callSign);
  await expect(page.getByTestId('map-search-hit').first()).toHaveAttribute('data-kind', 'unit');
  await input.press('Enter');
  await expect(map).toHaveAttribute('data-search-focus', /^unit:/);

  await input.fill('这里没有这个地方');
  await expect(page.getByTestId('map-search-status')).toContainText('这里没有这个地方');
  await input.press('Escape');
  await expect(map).not.toHaveAttribute('data-search-focus', /./);
});

test('"show on map" from the camera tree brings the map forward on that camera', async ({
  page,
  vigil,
}) => {
  const camera = (await catalog(vigil.simulatorUrl))[42]!;
  await page.goto(vigil.deskUrl);
  await page.getByTestId('search-input').fill(camera.id);
  const row = page.locator(`[data-testid="camera-row"][data-camera-id="${camera.id}"]`);
  await row.click({ button: 'right' });
  await page.getByTestId('camera-show-on-map').click();
  await expect(page.getByTestId('desk-tab-map')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('map')).toHaveAttribute('data-search-focus', `camera:${camera.id}`);
});

test('a recent alert is a marker on the map with its title, and can be searched', async ({
  page,
  vigil,
}) => {
  const camera = (await catalog(vigil.simulatorUrl)).find((c) => c.status === 'online')!;
  const posted = await simulatorAdmin(vigil, 'POST', '/admin/alerts', {
    cameraId: camera.id,
    title: 'e2e 地图上的警情',
  });
  expect(posted.ok).toBe(true);
  const alert = (await posted.json()) as { id: string };
  const map = await openMap(page, vigil.deskUrl);
  const marker = page.locator(`.alert-marker:has([data-alert-id="${alert.id}"])`);
  await expect(marker).toBeAttached({ timeout: 30_000 });
  await expect(marker.locator('.alert-title')).toHaveText('e2e 地图上的警情');
  await page.getByTestId('map-search-input').fill('地图上的警情');
  await page.getByTestId('map-search-input').press('Enter');
  await expect(map).toHaveAttribute('data-search-focus', `alert:${alert.id}`);
});

test('a base-map tile that failed is fetched again and the layer says so', async ({
  page,
  vigil,
}) => {
  // The first fetch of every tile fails (a tile server that hiccups); the retry gets through.
  const failed = new Set<string>();
  await page.route('**/tiles/**', async (route) => {
    const url = new URL(route.request().url());
    if (!url.searchParams.has('vigil-retry') && !failed.has(url.pathname)) {
      failed.add(url.pathname);
      await route.fulfill({ status: 503, body: 'busy' });
      return;
    }
    await route.continue();
  });
  const map = await openMap(page, vigil.deskUrl);
  const state = page.getByTestId('map-tile-state');
  await expect.poll(() => failed.size).toBeGreaterThan(0);
  await expect(state).toHaveAttribute('data-recovered', /^[1-9]\d*$/, { timeout: 20_000 });
  await expect(state).toHaveAttribute('data-state', 'ok', { timeout: 20_000 });
  await expect(state).toBeHidden();
  // Every tile on screen is an image that loaded, none a grey square.
  const broken = await map
    .locator('img.leaflet-tile')
    .evaluateAll((imgs) => imgs.filter((i) => !(i as HTMLImageElement).naturalWidth).length);
  expect(broken).toBe(0);
});

test('tracks of a date and a shift: the slider spans the fixes, not the empty hours', async ({
  page,
  vigil,
}) => {
  const map = await openMap(page, vigil.deskUrl);
  await expect(map).toHaveAttribute('data-unit-count', /^[1-9]\d*$/);
  await page.waitForTimeout(5_000);
  const callSign = await page
    .locator('.leaflet-units-pane .unit-car .unit-call')
    .first()
    .evaluate((el) => el.textContent ?? '');
  await page.getByTestId('map-tab-tracks').click();
  await page.getByTestId('track-units').fill(callSign);
  await page.getByTestId('track-range').selectOption('shift');
  // Today, the whole day (00:00-00:00), in the hall's zone: the simulator has only minutes of it.
  const today = await page.evaluate(() =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
  );
  await page.getByTestId('track-range-date').fill(today);
  await page.getByTestId('track-range-preset').selectOption('whole');
  await page.getByTestId('track-load').click();
  await expect(page.getByTestId('track-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('track-window')).toContainText(`${today} 00:00:00`);
  const span = page.getByTestId('track-span');
  const from = Number(await span.getAttribute('data-from'));
  const to = Number(await span.getAttribute('data-to'));
  expect(to - from).toBeGreaterThan(0);
  expect(to - from).toBeLessThan(3_600_000);
  const slider = page.getByTestId('replay-slider');
  await expect(slider).toHaveAttribute('min', String(from));
  await expect(slider).toHaveAttribute('max', String(to));
  // A bad date is said, not sent.
  await page.getByTestId('track-range-date').fill('2026-02-30');
  await page.getByTestId('track-load').click();
  await expect(page.locator('[data-testid="track-panel"] .map-error')).toBeVisible();
});

test('a selection bigger than the wall says what was placed and sends the rest on', async ({
  page,
  vigil,
}) => {
  const map = await openMap(page, vigil.deskUrl);
  const camera = (await catalog(vigil.simulatorUrl)).find((c) => c.status === 'online')!;
  await page.evaluate(
    ([lat, lng]) => {
      const el = document.querySelector('[data-testid="map"]') as HTMLElement & {
        vigilMap?: { setView(c: [number, number], z: number, o: object): void };
      };
      el.vigilMap!.setView([lat!, lng!], 12, { animate: false });
    },
    [camera.lat, camera.lng],
  );
  await page.getByTestId('map-draw-circle').click();
  const box = (await map.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(cx + step * 25, cy);
  await page.mouse.up();
  const panel = page.getByTestId('selection-panel');
  const count = Number(await panel.getAttribute('data-count'));
  expect(count).toBeGreaterThan(8);
  await page.getByTestId('selection-wall').selectOption('1');
  await page.getByTestId('selection-send').click();
  const message = page.getByTestId('selection-message');
  await expect(message).toHaveAttribute('data-partial', 'yes');
  await expect(message).toContainText(`4 of ${count}`);
  await expect(message).toContainText(`the other ${count - 4} are not shown`);
  if (count > 64) await expect(message).toContainText(`only the first 64`);
  await expect(page.getByTestId('selection-rotate-all')).toBeVisible();
  await page.getByTestId('selection-send-rest').click();
  await expect(message).toContainText('Wall 2');
});
