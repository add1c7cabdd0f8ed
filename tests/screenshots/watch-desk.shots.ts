/**
 * The README's pictures of the Watch tab (docs/screenshots/desk-{rotation,tour,focus}.png), in
 * Chinese as the hall reads it: `npm run screenshots`. Not a test: its own Playwright project
 * (`screenshots`), which `npm test` does not run.
 */
import { expect, simulatorAdmin, test } from '../e2e/fixtures';
import { contract, openWatch, tick } from '../e2e/watch-helpers';
import { shot as save, useHallSetting } from './shots';

useHallSetting();

test('screenshots of the Watch tab for the README', async ({ page, vigil }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openWatch(page, vigil.deskUrl);
  await expect(page.getByTestId('desk-tab-watch')).toHaveText('巡查');
  const catalog = (await (await fetch(`${vigil.simulatorUrl}/api/v1/catalog`)).json()) as {
    cameras: { id: string; status: string }[];
  };
  const ids = catalog.cameras.map((c) => c.id);
  const shot = (name: string) => save(page, name);

  // Rotation: one group running, one paused by the chief, one made on the map and not started.
  const group = (id: string, name: string, from: number, count: number, wallId: number) =>
    contract(page, 'rotation.save', {
      id,
      name,
      cameraIds: ids.slice(from, from + count),
      dwellMs: 15_000,
      target: { wallId },
    });
  // The first group is the open grid's first 24 cameras, as the tree lists them.
  const gridIds = await page
    .getByTestId('camera-row')
    .evaluateAll((rows) => rows.slice(0, 24).map((r) => r.getAttribute('data-camera-id')!));
  await contract(page, 'rotation.save', {
    id: 'main-roads',
    name: '城区主干道轮巡',
    cameraIds: gridIds,
    dwellMs: 15_000,
    target: { wallId: 1 },
  });
  await group('river', '河道沿线夜间轮巡', 300, 10, 2);
  await group('map-0312', '地图圈选 03:12', 900, 9, 2);
  // Two of the first group's cameras go offline: the rotation passes over them and says so.
  for (const cameraId of [gridIds[2], gridIds[9]]) {
    await simulatorAdmin(vigil, 'POST', '/admin/faults', { kind: 'camera-offline', cameraId });
  }
  await expect(page.locator(`[data-camera-id="${gridIds[9]}"]`).first()).toHaveAttribute(
    'data-status',
    'offline',
  );
  await contract(page, 'rotation.start', { id: 'main-roads' });
  await contract(page, 'rotation.next', { wallId: 1 });
  await contract(page, 'rotation.next', { wallId: 1 });
  await contract(page, 'rotation.start', { id: 'river' });
  await contract(page, 'rotation.pause', { wallId: 2 });
  await tick(page, 5);
  await page.getByTestId('rotation-new').click();
  await page.getByTestId('rotation-name').fill('重点路口轮巡');
  await page.getByTestId('rotation-dwell').fill('20');
  await page.getByTestId('pick-checked').click();
  await page.getByTestId('rotation-override').first().fill('40');
  await expect(page.getByTestId('watch-rotation-group')).toHaveCount(3);
  await expect(page.getByTestId('rotation-skipped')).toBeVisible();
  await shot('desk-rotation');
  await page.getByRole('button', { name: '取消' }).click();

  // Tours: three tours, one run in progress with two marks, two runs in the record.
  const tour = (id: string, name: string, from: number, windows: unknown[], dwellMs = 120_000) =>
    contract(page, 'tour.save', {
      id,
      name,
      stops: ids.slice(from, from + 6).map((cameraId, i) => ({
        cameraId,
        dwellMs,
        check: i === 0 ? '河道有无挖掘机、渣土车' : '',
      })),
      windows,
      watcher: '李娜',
      wallId: 1,
      tileIndex: 0,
      enabled: true,
    });
  await tour('river-night', '夜间河道查巡', 40, [{ start: '22:00', end: '23:30', days: 'daily' }]);
  await tour('market', '集贸市场查巡', 120, [
    { start: '07:00', end: '09:00', days: 'weekdays' },
    { start: '16:00', end: '18:00', days: 'weekends' },
  ]);
  await tour('hospital', '医院周边查巡', 200, [
    { start: '20:00', end: '21:00', days: [1, 3, 5], from: '2026-12-01', until: '2027-02-28' },
  ]);
  for (const id of ['hospital', 'market']) {
    const run = await contract<{ id: string }>(page, 'tour.start', { id });
    await contract(page, 'tour.mark', { runId: run.id, stopIndex: 0, mark: 'normal' });
    if (id === 'market') {
      await contract(page, 'tour.mark', { runId: run.id, stopIndex: 1, mark: 'abnormal' });
    }
    await contract(page, 'tour.stop', { runId: run.id });
  }
  const live = await contract<{ id: string }>(page, 'tour.start', { id: 'river-night' });
  await contract(page, 'tour.mark', { runId: live.id, stopIndex: 0, mark: 'normal' });
  await contract(page, 'tour.mark', {
    runId: live.id,
    stopIndex: 1,
    mark: 'faulty',
    fault: 'black',
  });
  await page.getByTestId('watch-section-tours').click();
  await expect(page.getByTestId('history-run')).toHaveCount(2);
  await page.getByTestId('history-run').first().click();
  await expect(page.getByTestId('tour-run')).toHaveCount(1);
  await shot('desk-tour');

  // Focus: three pins, one alert pulling the cameras near it, a camera ready to pin.
  const pins: [number, number, string, string, number | null][] = [
    [1, 0, ids[500]!, '人民医院大门', null],
    [1, 1, ids[520]!, '汽车站出站口 春运', Date.now() + 8 * 3600_000],
    [2, 3, ids[540]!, '集贸市场东门', Date.now() + 4 * 3600_000],
  ];
  for (const [wallId, tileIndex, cameraId, reason, expiresAt] of pins) {
    await contract(page, 'focus.pin', { wallId, tileIndex, cameraId, reason, expiresAt });
  }
  await simulatorAdmin(vigil, 'POST', '/admin/alerts');
  await page.getByTestId('watch-section-focus').click();
  await expect(page.getByTestId('focus-pull')).toHaveCount(1);
  await page.getByTestId('camera-row').nth(7).click();
  await page.getByTestId('pin-wall').selectOption('2');
  await page.getByTestId('pin-tile').selectOption({ index: 0 });
  await page.getByTestId('pin-reason').fill('中心小学放学时段');
  await shot('desk-focus');
});
