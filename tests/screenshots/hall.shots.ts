/**
 * The README's first pictures (docs/screenshots/{desk,wall,wall-16,map}.png) on the full
 * simulator, in Chinese as the hall reads it: `npm run screenshots`. Not a test: its own
 * Playwright project (`screenshots`), which `npm test` does not run.
 *
 * Wall 1 keeps the station's first view (2×2); wall 2 gets 16 tiles of one grid's cameras. Each
 * wall is pictured once all its tiles play; the desk then shows both walls' live miniatures; the
 * map shows the county with a patrol car's replayed track.
 */
import { expect, test } from '../e2e/fixtures';
import { contract } from '../e2e/watch-helpers';
import { allTilesPlaying, shot, useHallSetting } from './shots';

useHallSetting();

interface CatalogCamera {
  id: string;
  gridId: string;
  kind: string;
  status: string;
}

test('the desk, a wall, a 16-tile wall and the map for the README', async ({
  page,
  vigil,
  browser,
}) => {
  const catalog = (await (await fetch(`${vigil.simulatorUrl}/api/v1/catalog`)).json()) as {
    cameras: CatalogCamera[];
  };
  // Wall 2: 16 street cameras of one grid, the way a watcher sends a grid to a wall.
  const grid = catalog.cameras.find((c) => c.kind === 'fixed')!.gridId;
  const sixteen = catalog.cameras
    .filter((c) => c.gridId === grid && c.kind === 'fixed' && c.status !== 'offline')
    .slice(0, 16)
    .map((c) => c.id);
  expect(sixteen).toHaveLength(16);

  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(vigil.deskUrl);
  await expect(page.getByTestId('desk-tab-walls')).toHaveText('电视墙');
  // The station has the catalog once the tree lists it (slow on a loaded machine).
  await expect(page.getByTestId('area-row').nth(1)).toBeVisible({ timeout: 120_000 });
  await contract(page, 'wall.setLayout', { wallId: 2, layout: { kind: 'preset', id: '16' } });
  await contract(page, 'wall.sendGroup', { wallId: 2, cameraIds: sixteen });

  // Wall 1: the station's first view on a 2×2 wall.
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1600, height: 900 },
  });
  const wall1 = await context.newPage();
  await wall1.goto(vigil.wallUrls[0]!);
  await allTilesPlaying(wall1, 4);
  await shot(wall1, 'wall', 900_000);

  // Wall 2: 16 tiles on a 1080p monitor.
  const wall2 = await context.newPage();
  await wall2.setViewportSize({ width: 1920, height: 1080 });
  await wall2.goto(vigil.wallUrls[1]!);
  await allTilesPlaying(wall2, 16);
  await shot(wall2, 'wall-16', 1_200_000);

  // The desk with both walls' live miniatures (the walls still play, and report their tiles).
  await page.bringToFront();
  await expect(page.locator('[data-testid^="mini-tile-"][data-state="playing"]')).toHaveCount(
    4 + 16,
    { timeout: 60_000 },
  );
  await shot(page, 'desk');

  // The map: the county's cameras and units, and one patrol car's last minutes replayed.
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.getByTestId('desk-tab-map').click();
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-camera-count', String(catalog.cameras.length));
  await expect(map).toHaveAttribute('data-unit-count', /^[1-9]\d*$/);
  await page.waitForTimeout(90_000); // the units gather fixes (1 Hz) for a track worth showing
  // The zoom the desk opens on (the county), and the patrol car nearest the middle (the city).
  type ViewMap = {
    getCenter(): { lat: number; lng: number };
    getZoom(): number;
    setView(c: [number, number], z: number, o: object): void;
  };
  const view = await map.evaluate((el) => ({
    zoom: (el as HTMLElement & { vigilMap: ViewMap }).vigilMap.getZoom(),
  }));
  const box = (await map.boundingBox())!;
  const callSign = await page.locator('.leaflet-units-pane .unit-car').evaluateAll(
    (cars, middle) =>
      cars
        .map((car) => {
          const r = car.getBoundingClientRect();
          const d = Math.hypot(r.x - middle.x, r.y - middle.y);
          return { d, name: car.querySelector('.unit-call')?.textContent ?? '' };
        })
        .filter((c) => c.name)
        .sort((a, b) => a.d - b.d)[0]?.name ?? '',
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
  expect(callSign).not.toBe('');
  await page.getByTestId('map-tab-tracks').click();
  await page.getByTestId('track-units').fill(callSign);
  await page.getByTestId('track-range').selectOption('m10');
  await page.getByTestId('track-load').click();
  await expect(page.getByTestId('track-list').locator('li')).toHaveCount(1);
  await expect(page.locator('path.track-line')).toHaveCount(1);
  // Loading a track fits the view to it: three zoom steps nearer than the county view, around the
  // track, show the city's cameras, units, lines and grids with the track in the middle.
  await map.evaluate((el, zoom) => {
    const m = (el as HTMLElement & { vigilMap: ViewMap }).vigilMap;
    const c = m.getCenter();
    m.setView([c.lat, c.lng], zoom, { animate: false });
  }, view.zoom + 3);
  // No half-loaded base map: every tile in view has loaded.
  await expect
    .poll(
      () =>
        page
          .locator('.leaflet-tile-pane img.leaflet-tile')
          .evaluateAll((tiles) =>
            tiles.every(
              (t) =>
                (t as HTMLImageElement).complete && t.classList.contains('leaflet-tile-loaded'),
            ),
          ),
      { timeout: 60_000 },
    )
    .toBe(true);
  await page.waitForTimeout(2_000); // the cameras' canvas redraws after the last move
  await shot(page, 'map');
  await context.close();
});
