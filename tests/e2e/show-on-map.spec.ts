/**
 * "Show on map" from the rest of the desk (issue #15), through the browser host on the
 * simulator: a stop of a tour record, the camera being marked, and an alert of the Watch tab's
 * alert list — on the wall or not — each bring the map forward centred on the thing. The alert
 * list shows each alert once with its state. And a "saved" notice goes away on its own.
 */
import type { Page } from '@playwright/test';
import { expect, simulatorAdmin, test } from './fixtures';
import { contract, openWatch } from './watch-helpers';

interface CatalogCamera {
  id: string;
  name: string;
  status: string;
  kind: string;
}

async function onlineCameras(simulatorUrl: string): Promise<CatalogCamera[]> {
  const response = await fetch(`${simulatorUrl}/api/v1/catalog`);
  expect(response.ok).toBe(true);
  const { cameras } = (await response.json()) as { cameras: CatalogCamera[] };
  return cameras.filter((c) => c.status === 'online' && c.kind !== 'vehicle');
}

async function expectMapOn(page: Page, focus: string | RegExp, label?: string) {
  await expect(page.getByTestId('desk-tab-map')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('map')).toHaveAttribute('data-search-focus', focus);
  if (label === undefined) return;
  // The ring's name; then one ring (the ring is drawn again once when the map's projection
  // arrives, and a replaced ring fades out in 200 ms).
  const labels = page.locator('.map-search-label');
  await expect(labels.last()).toContainText(label);
  await expect(labels).toHaveCount(1);
}

test('a stop of a tour record is shown on the map', async ({ page, vigil }) => {
  const [first, second] = await onlineCameras(vigil.simulatorUrl);
  await openWatch(page, vigil.deskUrl);
  await contract(page, 'tour.save', {
    id: 'map-tour',
    name: '河道查巡',
    stops: [
      { cameraId: first!.id, dwellMs: 60_000 },
      { cameraId: second!.id, dwellMs: 60_000 },
    ],
    watcher: '张三',
    wallId: 2,
  });
  const run = await contract<{ id: string }>(page, 'tour.start', { id: 'map-tour' });
  await contract(page, 'tour.stop', { runId: run.id });

  await page.getByTestId('watch-section-tours').click();
  const record = page.getByTestId('history-run').filter({ hasText: '河道查巡' });
  await record.click();
  const stops = page.getByTestId('history-stop');
  await expect(stops).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('tour-record.png') });
  await stops.nth(1).getByTestId('history-stop-map').click();
  await expectMapOn(page, `camera:${second!.id}`, second!.name);
});

test('the camera being marked is shown on the map', async ({ page, vigil }) => {
  const [camera] = await onlineCameras(vigil.simulatorUrl);
  await page.goto(vigil.deskUrl);
  await expect(page.getByTestId('mark-show-on-map')).toBeDisabled();
  await page.getByTestId('search-input').fill(camera!.id);
  await page.locator(`[data-testid="camera-row"][data-camera-id="${camera!.id}"]`).click();
  await page.getByTestId('mark-show-on-map').click();
  await expectMapOn(page, `camera:${camera!.id}`, camera!.name);
});

test('an alert on the wall and one not on it are each listed once and shown on the map', async ({
  page,
  vigil,
}) => {
  const [near, a, b, c, d] = await onlineCameras(vigil.simulatorUrl);
  await openWatch(page, vigil.deskUrl);
  await page.getByTestId('watch-section-focus').click();

  // An alert pulls cameras onto the linkage wall: listed once, on the wall.
  const posted = await simulatorAdmin(vigil, 'POST', '/admin/alerts', {
    cameraId: near!.id,
    title: 'e2e 上墙的警情',
  });
  expect(posted.ok).toBe(true);
  const pulled = (await posted.json()) as { id: string };
  // Rows of the alert list (the map keeps its alert markers, with their ids, in the page).
  const alerts = page.getByTestId('focus-alerts');
  const pullRow = alerts.locator(`[data-alert-id="${pulled.id}"]`);
  await expect(pullRow).toHaveCount(1);
  await expect(pullRow).toHaveAttribute('data-testid', 'focus-pull');
  await expect(pullRow).toContainText('on the wall');
  await pullRow.getByTestId('focus-keep').click();
  await expect(pullRow).toContainText('kept');
  await pullRow.getByTestId('focus-alert-map').click();
  await expectMapOn(page, `alert:${pulled.id}`, 'e2e 上墙的警情');

  // The kept pull holds its tiles; the others pinned: the next alert cannot go up.
  await page.getByTestId('desk-tab-watch').click();
  const focus = await contract<{ pulls: { alertId: string; tiles: { tileIndex: number }[] }[] }>(
    page,
    'focus.list',
    {},
  );
  const held = new Set(focus.pulls.flatMap((p) => p.tiles.map((t) => t.tileIndex)));
  const spare = [a, b, c, d];
  for (const tileIndex of [0, 1, 2, 3]) {
    if (held.has(tileIndex)) continue;
    await contract(page, 'focus.pin', {
      wallId: 1,
      tileIndex,
      cameraId: spare.pop()!.id,
      reason: '',
    });
  }
  const second = await simulatorAdmin(vigil, 'POST', '/admin/alerts', {
    cameraId: near!.id,
    title: 'e2e 未上墙的警情',
  });
  expect(second.ok).toBe(true);
  const unshown = (await second.json()) as { id: string };
  const unshownRow = alerts.locator(`[data-alert-id="${unshown.id}"]`);
  await expect(unshownRow).toHaveCount(1);
  await expect(unshownRow).toHaveAttribute('data-testid', 'focus-unshown-alert');
  await expect(unshownRow).toContainText('not on the wall');
  await expect(unshownRow.getByTestId('focus-unshown-reason')).toContainText(
    'every linkage tile is pinned or kept',
  );
  // The first alert is still listed, once.
  await expect(pullRow).toHaveCount(1);
  await expect(alerts.locator('tbody tr')).toHaveCount(2);
  await expect(alerts).toContainText('1 not on the wall');
  await page.screenshot({ path: test.info().outputPath('focus-alerts.png') });
  await unshownRow.getByTestId('focus-alert-map').click();
  await expectMapOn(page, `alert:${unshown.id}`, 'e2e 未上墙的警情');
});

test('a "marked" notice at the desk and a "pinned" notice on the Watch tab go away on their own', async ({
  page,
  vigil,
}) => {
  const [camera] = await onlineCameras(vigil.simulatorUrl);
  // The page's clock is the test's: the notices' seconds pass when it says, not in real time.
  await page.clock.install();
  await page.goto(vigil.deskUrl);
  await page.getByTestId('search-input').fill(camera!.id);
  await page.locator(`[data-testid="camera-row"][data-camera-id="${camera!.id}"]`).click();
  await page.getByTestId('mark-normal').click();
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText(`Marked ${camera!.name}`);
  // A confirmation stays seconds (8 s), never until the next action.
  await page.clock.fastForward(5_000);
  await expect(notice).toContainText(`Marked ${camera!.name}`);
  await page.clock.fastForward(4_000);
  await expect(notice).toHaveText('');

  await page.getByTestId('desk-tab-watch').click();
  await page.getByTestId('watch-section-focus').click();
  await page.getByTestId('pin-submit').click();
  const watchNotice = page.getByTestId('watch-notice');
  await expect(watchNotice).toContainText('Pinned');
  await expect(watchNotice).toHaveAttribute('data-error', 'false');
  await page.clock.fastForward(9_000);
  await expect(watchNotice).toHaveText('');
});
