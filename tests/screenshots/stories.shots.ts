/**
 * The three field stories (../shared/design/FIELD.md "The stories the reports tell") walked on
 * the simulator in Chinese, as the hall would, a picture at every key step:
 * docs/screenshots/stories/story{1,2,3}-NN-*.png, shown in docs/stories.md. Not a test: the
 * `screenshots` Playwright project (`npm run screenshots`), which `npm test` leaves out.
 *
 * 1. Night excavator: the river tour on the wall, the stop marked abnormal at the wall, the
 *    incident it opens with the tile's picture, the nearest car sent by road ETA, on its way,
 *    the case handed over to the land bureau.
 * 2. Market theft: the chief opens the incident at the market, the focus wall plays back the
 *    last 30 minutes, the suspect followed camera to camera in the past, two units and the
 *    cordon.
 * 3. Field theft: a patrol unit's track replayed, and the daily review of its grid's
 *    must-reach points.
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { Catalog } from '../../shared/api';
import type { Incident, OrderView, RecommendResult } from '../../shared/contract/dispatch';
import type { UnitState } from '../../shared/contract/map';
import { haversineM } from '../../shared/domain/geo';
import { expect, test } from '../e2e/fixtures';
import { contract } from '../e2e/watch-helpers';
import { market, shot } from './shots';

const DESK = { width: 1600, height: 1000 };
const WALL = { width: 1600, height: 900 };

const story = (page: Page, name: string) => shot(page, `stories/${name}`);

/** An online fixed camera 200-800 m from an available patrol car: the car that will be sent. */
async function cameraNearACar(page: Page): Promise<{ id: string; lat: number; lng: number }> {
  let found: { id: string; lat: number; lng: number } | null = null;
  await expect
    .poll(
      async () => {
        const [catalog, units] = await Promise.all([
          contract<Catalog>(page, 'catalog.get', {}),
          contract<UnitState[]>(page, 'units.list', {}),
        ]);
        const cars = units.filter((u) => u.kind === 'car' && u.status === 'available' && !u.stale);
        found =
          catalog.cameras.find(
            (camera) =>
              camera.status === 'online' &&
              camera.kind === 'fixed' &&
              cars.some((car) => {
                const m = haversineM(car, camera);
                return m > 200 && m < 800;
              }),
          ) ?? null;
        return found !== null;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return found!;
}

async function openDesk(page: Page, deskUrl: string): Promise<void> {
  await page.setViewportSize(DESK);
  await page.goto(deskUrl);
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('desk-tab-dispatch')).toContainText('接处警');
}

test('the three field stories, step by step, in Chinese', async ({ page, vigil, context }) => {
  test.setTimeout(600_000);
  mkdirSync('docs/screenshots/stories', { recursive: true });
  await openDesk(page, vigil.deskUrl);

  // ---- Story 1: night excavator ------------------------------------------------------------
  const camera = await cameraNearACar(page);
  await contract(page, 'tour.save', {
    id: 'river-night',
    name: '夜间河道查巡',
    stops: [{ cameraId: camera.id, dwellMs: 600_000, check: '河道有无挖掘机、渣土车' }],
    windows: [{ start: '01:30', end: '03:00', days: 'daily' }],
    watcher: '值机员王芳',
    wallId: 2,
    tileIndex: 0,
  });
  const wall2 = await context.newPage();
  await wall2.setViewportSize(WALL);
  await wall2.goto(vigil.wallUrls[1]!);
  await expect(wall2.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);

  // The tour on the desk's Watch tab, started (at 02:00 the schedule starts it).
  await page.getByTestId('desk-tab-watch').click();
  await page.getByTestId('watch-section-tours').click();
  const tour = page.getByTestId('watch-tour').filter({ hasText: '夜间河道查巡' });
  await tour.getByTestId('tour-start').click();
  await expect(page.getByTestId('tour-run')).toHaveCount(1);
  await story(page, 'story1-01-tour-started');

  // At the wall: the stop's camera with what to check.
  const tile = wall2.getByTestId('wall-tile-0');
  await expect(tile.getByTestId('tour-panel')).toContainText('河道有无挖掘机', { timeout: 30_000 });
  await expect.poll(() => tile.getAttribute('data-state'), { timeout: 60_000 }).toBe('playing');
  await story(wall2, 'story1-02-wall-tour-stop');

  // She marks it abnormal at the wall (key 2): the platform opens an incident with the picture.
  await wall2.keyboard.press('2');
  await expect(tile.getByTestId('tour-panel')).toHaveCount(0);
  await page.getByTestId('desk-tab-dispatch').click();
  let incident: Incident | undefined;
  await expect
    .poll(
      async () => {
        const list = await contract<Incident[]>(page, 'incident.list', {});
        incident = list.find((i) => i.source === 'mark' && i.cameraId === camera.id);
        return incident?.id ?? null;
      },
      { timeout: 60_000 },
    )
    .not.toBeNull();
  const row = page.getByTestId(`incident-row-${incident!.id}`);
  await row.click();
  const detail = page.getByTestId('incident-detail');
  await expect(detail.locator('[data-testid^="incident-picture-"] img').first()).toBeVisible({
    timeout: 30_000,
  });
  await detail.getByTestId('incident-accept').click();
  await expect(detail.getByTestId('incident-status')).toHaveText('已签收');
  const ranked = await contract<RecommendResult>(page, 'dispatch.recommend', {
    incidentId: incident!.id,
    limit: 20,
  });
  const car = ranked.units.find((u) => u.kind === 'car' && u.availability === 'available')!;
  await page.getByTestId(`recommend-row-${car.unitId}`).click();
  await page.getByTestId('dispatch-note').fill('河道边挖掘机和重型货车作业，到场核实');
  await page.waitForTimeout(1_000); // the map's tiles after fitting the route
  await story(page, 'story1-03-incident-from-mark');

  // The car sent; it acknowledges and drives there over the roads.
  await page.getByTestId('dispatch-order').click();
  let order: OrderView | undefined;
  await expect
    .poll(
      async () => {
        const orders = await contract<OrderView[]>(page, 'dispatch.orders', {
          incidentId: incident!.id,
        });
        order = orders.find((o) => o.unitId === car.unitId);
        return order?.state ?? null;
      },
      { timeout: 60_000 },
    )
    .toMatch(/acknowledged|en-route|arrived/);
  const orderRow = page.getByTestId(`order-row-${order!.orderId}`);
  await expect(orderRow).toHaveAttribute('data-state', /en-route|arrived/, { timeout: 60_000 });
  await page.waitForTimeout(1_000);
  await story(page, 'story1-04-car-en-route');
  await expect(orderRow).toHaveAttribute('data-state', 'arrived', { timeout: 300_000 });
  await story(page, 'story1-05-car-arrived');

  // Handed over to the land bureau.
  await detail.getByTestId('incident-close').click();
  await detail.getByTestId('incident-disposition').selectOption('handed-over');
  await detail.getByTestId('incident-close-note').fill('移交国土资源局处理');
  await detail.getByTestId('incident-close-confirm').click();
  await expect(detail.getByTestId('incident-status')).toHaveText('已结案', { timeout: 30_000 });
  await story(page, 'story1-06-handed-over');
  await wall2.close();

  // ---- Story 2: market theft ---------------------------------------------------------------
  const catalog = await contract<Catalog>(page, 'catalog.get', {});
  const at = market(catalog.cameras);
  const wall1 = await context.newPage();
  await wall1.setViewportSize(WALL);
  await wall1.goto(vigil.wallUrls[0]!);
  await expect(wall1.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  const theft = await contract<{ id: string }>(page, 'incident.open', {
    category: '盗窃',
    level: 2,
    lat: at.lat,
    lng: at.lng,
    address: '农贸市场东门',
    summary:
      '报警人称在市场内被偷走黑色挎包一个，内有手机、现金约 800 元；嫌疑人男，约 30 岁，穿灰色外套，往北跑了。',
  });
  await page.getByTestId(`incident-row-${theft.id}`).click();
  await detail.getByTestId('incident-accept').click();
  await expect(detail.getByTestId('incident-status')).toHaveText('已签收');
  await story(page, 'story2-01-incident-opened');

  // The focus wall plays back the last 30 minutes of the cameras around the market, in sync.
  await expect(page.getByTestId('incident-playback-minutes')).toHaveValue('30');
  await page.getByTestId('incident-playback').click();
  await expect(page.getByTestId('incident-wall-where')).toHaveAttribute('data-mode', 'playback');
  const first = wall1.getByTestId('wall-tile-0');
  await expect(first).toHaveAttribute('data-mode', 'playback', { timeout: 60_000 });
  await expect.poll(() => first.getAttribute('data-state'), { timeout: 60_000 }).toBe('playing');
  await wall1.waitForTimeout(2_000);
  await story(wall1, 'story2-02-wall-playback');

  // Following the suspect: the cameras around this one, the next one from the same moment.
  await first.hover();
  await first.getByTestId('tile-neighbours-open').click();
  await expect(first.getByTestId('tile-neighbours')).toBeVisible();
  await expect(first.locator('.tile-neighbour').first()).toBeVisible({ timeout: 30_000 });
  await story(wall1, 'story2-03-follow-neighbours');
  const before = await first.getAttribute('data-camera-id');
  // Along the road he ran: the nearest fixed camera not already on the wall.
  const onWall = await wall1
    .locator('[data-testid^="wall-tile-"]')
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-camera-id')));
  let next = first.locator('.tile-neighbour', { hasText: '固定摄像机' }).first();
  for (const candidate of await first.locator('.tile-neighbour', { hasText: '固定摄像机' }).all()) {
    if (!onWall.includes(await candidate.getAttribute('data-camera-id'))) {
      next = candidate;
      break;
    }
  }
  const nextId = (await next.getAttribute('data-camera-id'))!;
  await next.getByTestId('follow-here').click();
  await expect(first).toHaveAttribute('data-camera-id', nextId, { timeout: 30_000 });
  expect(nextId).not.toBe(before);
  await expect.poll(() => first.getAttribute('data-state'), { timeout: 60_000 }).toBe('playing');
  await wall1.mouse.move(800, 450); // between the tiles: no tile's tools over the picture
  await wall1.waitForTimeout(1_500);
  await story(wall1, 'story2-04-followed');

  // Two units by road ETA, then the cordon for a thief five minutes gone.
  const rows = page.locator('[data-testid^="recommend-row-"]');
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await rows.nth(0).click();
  await rows.nth(1).click();
  await page.getByTestId('dispatch-order').click();
  await expect(page.locator('[data-testid^="order-row-"]')).toHaveCount(2, { timeout: 30_000 });
  await page.getByTestId('dispatch-tool-cordon').click();
  await page.getByTestId('cordon-minutes').fill('5');
  await page.getByTestId('cordon-plan').click();
  await expect(page.getByTestId('cordon-horizon')).toContainText('合围圈');
  await page.waitForTimeout(1_500);
  await story(page, 'story2-05-units-and-cordon');
  await wall1.close();

  // ---- Story 3: field theft ----------------------------------------------------------------
  // The next morning: a foot patrol's track over its line, replayed; its grid's daily review.
  await page.getByTestId('desk-tab-map').click();
  // The desk's map (the Dispatch tab keeps its own, with the same controls).
  const pane = page.getByTestId('map-pane');
  const map = pane.getByTestId('map');
  await expect(map).toHaveAttribute('data-unit-count', /^[1-9]\d*$/);
  const callSign = await pane
    .locator('.leaflet-units-pane .unit-call', { hasText: '步巡' })
    .first()
    .evaluate((el) => el.textContent ?? '');
  await pane.getByTestId('map-tab-tracks').click();
  await pane.getByTestId('track-units').fill(callSign);
  await pane.getByTestId('track-range').selectOption('m10');
  await pane.getByTestId('track-load').click();
  await expect(pane.getByTestId('track-list').locator('li')).toHaveCount(1);
  await expect(pane.locator('path.track-line')).toHaveCount(1);
  await pane.getByTestId('track-play').click();
  await page.waitForTimeout(3_000);
  await story(page, 'story3-01-track-replay');

  await pane.getByTestId('map-tab-compliance').click();
  await pane.getByTestId('compliance-run').click();
  await expect(pane.getByTestId('compliance-point').first()).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(1_500);
  await story(page, 'story3-02-daily-review');
});
