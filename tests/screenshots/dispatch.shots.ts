/**
 * The README's pictures of the Dispatch tab (docs/screenshots/dispatch-{incident,cordon,
 * reinforce}.png), in Chinese as the hall reads it: `npm run screenshots`. Not a test: its own
 * Playwright project (`screenshots`), which `npm test` does not run. Story 2 (a theft at the
 * market: its cameras played back in sync on the focus wall, two units by road ETA, the cordon)
 * and story 1 (a watcher's abnormal mark with its picture, reinforcement).
 */
import { expect, simulatorAdmin, test, type VigilHost } from '../e2e/fixtures';
import { contract } from '../e2e/watch-helpers';
import { market, shot, useHallSetting } from './shots';

useHallSetting();

interface CatalogCamera {
  id: string;
  name: string;
  kind: string;
  lat: number;
  lng: number;
}

async function openIncident(
  vigil: VigilHost,
  body: Record<string, unknown>,
): Promise<{ id: string }> {
  const response = await simulatorAdmin(vigil, 'POST', '/admin/incidents', body);
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

test('screenshots of the Dispatch tab for the README', async ({ page, vigil, browser }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(vigil.deskUrl);
  await page.getByTestId('desk-tab-dispatch').click();
  await expect(page.getByTestId('desk-tab-dispatch')).toContainText('接处警');
  await expect(page.getByTestId('dispatch-pane')).toBeVisible();
  const catalog = (await (await fetch(`${vigil.simulatorUrl}/api/v1/catalog`)).json()) as {
    cameras: CatalogCamera[];
  };
  const at = market(catalog.cameras);

  // The queue: a plate hit, a 110 call elsewhere, then the theft at the market (opened at this
  // desk) and a second call about it a minute later: the duplicate the desk suggests.
  await openIncident(vigil, { kind: 'plate', category: '布控车辆预警', level: 3 });
  await openIncident(vigil, { kind: 'call', category: '交通事故', level: 1 });
  const theft = await contract<{ id: string }>(page, 'incident.open', {
    category: '盗窃',
    level: 2,
    lat: at.lat,
    lng: at.lng,
    address: '农贸市场东门',
    summary:
      '报警人称在市场内被偷走黑色挎包一个，内有手机、现金约 800 元；嫌疑人男，约 30 岁，穿灰色外套，往北跑了。',
  });
  await openIncident(vigil, {
    kind: 'call',
    category: '盗窃',
    level: 1,
    lat: at.lat + 0.0002,
    lng: at.lng + 0.0001,
    address: '农贸市场北口',
  });

  // Story 1's picture: an abnormal mark on a village camera, with the tile's frame, from wall 2.
  const village = catalog.cameras.find((c) => c.kind === 'fixed' && c.name.includes('村'))!;
  await contract(page, 'wall.assign', { wallId: 2, tileIndex: 0, cameraId: village.id });
  const wall = await browser.newPage({
    viewport: { width: 960, height: 540 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await wall.goto(vigil.wallUrls[1]!);
  const tile = wall.getByTestId('wall-tile-0');
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 60_000 });
  const frame = (await tile.screenshot({ type: 'jpeg', quality: 60 })).toString('base64');
  await wall.close();
  await contract(page, 'tour.save', {
    id: 'river-night',
    name: '夜间河道查巡',
    stops: [{ cameraId: village.id, dwellMs: 120_000, check: '河道有无挖掘机、渣土车' }],
    windows: [{ start: '22:00', end: '23:30', days: 'daily' }],
    watcher: '值机员',
    wallId: 2,
    tileIndex: 0,
    enabled: true,
  });
  const run = await contract<{ id: string }>(page, 'tour.start', { id: 'river-night' });
  await contract(page, 'tour.mark', {
    runId: run.id,
    stopIndex: 0,
    mark: 'abnormal',
    note: '河道边有挖掘机和重型货车在作业',
    snapshot: { mime: 'image/jpeg', data: frame },
  });
  await expect(page.locator('[data-testid^="incident-row-"]')).toHaveCount(5);

  // Story 2: the theft accepted, its cameras on the focus wall playing the last 30 minutes in
  // sync, the two units first by road ETA ticked, their routes on the map.
  await page.getByTestId(`incident-row-${theft.id}`).click();
  await page.getByTestId('incident-accept').click();
  await expect(page.getByTestId('incident-status')).toHaveText('已签收');
  await expect(page.getByTestId('incident-duplicates')).toBeVisible();
  await expect(page.getByTestId('incident-playback-minutes')).toHaveValue('30');
  await page.getByTestId('incident-playback').click();
  await expect(page.getByTestId('incident-wall-where')).toHaveAttribute('data-mode', 'playback');
  const rows = page.locator('[data-testid^="recommend-row-"]');
  await rows.nth(0).click();
  await rows.nth(1).click();
  await expect(page.locator('.dispatch-map .map-container')).toHaveAttribute(
    'data-route-count',
    '2',
  );
  await page.getByTestId('dispatch-note').fill('嫌疑人男，灰色外套，往北');
  await page.waitForTimeout(1_500); // the map's tiles after fitting the routes
  await shot(page, 'dispatch-incident');

  // The cordon: sent, then the ring for a car 5 minutes gone, each exit with the unit that gets
  // there first; the orders with their timers in the middle.
  await page.getByTestId('dispatch-order').click();
  await expect(page.locator('[data-testid^="order-row-"]')).toHaveCount(2);
  await page.getByTestId('dispatch-tool-cordon').click();
  await page.getByTestId('cordon-minutes').fill('5');
  await page.getByTestId('cordon-plan').click();
  await expect(page.getByTestId('cordon-horizon')).toContainText('合围圈');
  await page.getByTestId('dispatch-orders').scrollIntoViewIfNeeded();
  await page.waitForTimeout(1_500);
  await shot(page, 'dispatch-cordon');

  // Story 1 with reinforcement: the mark's incident and its picture, level 3 proposed, the
  // grids it would leave without a unit.
  await page.locator('[data-testid^="incident-row-"]', { hasText: '巡查' }).first().click();
  await expect(page.locator('[data-testid^="incident-picture-"] img')).toBeVisible();
  await page.getByTestId('dispatch-tool-reinforce').click();
  await page.getByTestId('reinforce-level').selectOption({ index: 3 });
  await expect(page.getByTestId('reinforce-holes')).toBeVisible();
  await page.waitForTimeout(1_000);
  await shot(page, 'dispatch-reinforce');
});
