/**
 * The desk's Watch tab (巡查, issue #4) as a duty chief uses it, through the browser host on the
 * simulator: a rotation group made from cameras ticked in the tree runs on its wall (page 1/N),
 * pages, pauses, resumes and stops; a patrol tour with a window and stops is started by hand, a
 * stop is marked, the run is stopped and its missed stops show in the record and in the exported
 * CSV; a camera pinned with a reason lands on the wall's tile (asked through the contract) and is
 * unpinned; an alert's pulled cameras are kept and dismissed; a coverage plan and report; and the
 * tab reads in Chinese, with a map-made group whose offline camera is skipped and counted.
 */
import { readFileSync } from 'node:fs';
import { expect, simulatorAdmin, test } from './fixtures';
import { contract, openWatch, tick } from './watch-helpers';

interface Group {
  id: string;
  name: string;
  cameraIds: string[];
  dwellMs: number;
  dwellOverrides: Record<string, number>;
}

test('a rotation group made from ticked cameras runs on its wall, pages, pauses, resumes and stops', async ({
  page,
  vigil,
}) => {
  await openWatch(page, vigil.deskUrl);
  const ids = await tick(page, 6);

  await page.getByTestId('rotation-new').click();
  await page.getByTestId('rotation-name').fill('河道沿线轮巡');
  await page.getByTestId('pick-checked').click();
  await expect(page.getByTestId('rotation-cameras-row')).toHaveCount(6);
  // The ticks are used up: the tree is clear for the next group.
  await expect(page.getByTestId('camera-check').first()).not.toBeChecked();
  // Reorder: the second camera first; remove the last one.
  await page
    .getByTestId('rotation-cameras-row')
    .nth(1)
    .getByRole('button', { name: 'Move up' })
    .click();
  await page.getByTestId('rotation-cameras-row').nth(5).getByTestId('remove-camera').click();
  const expected = [ids[1]!, ids[0]!, ...ids.slice(2, 5)];
  await page.getByTestId('rotation-override').first().fill('45');

  // A dwell the contract refuses is said, with the field.
  await page.getByTestId('rotation-dwell').fill('0.5');
  await page.getByTestId('rotation-save').click();
  const notice = page.getByTestId('watch-notice');
  await expect(notice).toHaveAttribute('data-error', 'true');
  await expect(notice).toContainText('dwellMs');
  await expect(page.getByTestId('rotation-editor')).toBeVisible();

  await page.getByTestId('rotation-dwell').fill('60');
  await page.getByTestId('rotation-save-start').click();
  await expect(page.getByTestId('rotation-editor')).toBeHidden();

  const row = page.getByTestId('watch-rotation-group').filter({ hasText: '河道沿线轮巡' });
  await expect(row).toHaveAttribute('data-state', 'running');
  // Wall 1 is 2×2: five cameras make two pages.
  await expect(row.getByTestId('rotation-page')).toHaveText(/page 1\/2/);
  const groups = await contract<Group[]>(page, 'rotation.list', {});
  const state = await contract<{ running: { groupId: string }[] }>(page, 'rotation.state', {});
  const group = groups.find((g) => g.name === '河道沿线轮巡')!;
  expect(group.cameraIds).toEqual(expected);
  expect(group.dwellMs).toBe(60_000);
  expect(group.dwellOverrides).toEqual({ [expected[0]!]: 45_000 });
  expect(state.running.map((r) => r.groupId)).toContain(group.id);

  await row.getByTestId('rotation-next').click();
  await expect(row.getByTestId('rotation-page')).toHaveText(/page 2\/2/);
  await row.getByTestId('rotation-previous').click();
  await expect(row.getByTestId('rotation-page')).toHaveText(/page 1\/2/);

  await row.getByTestId('rotation-pause').click();
  await expect(row).toHaveAttribute('data-state', 'paused');
  await expect(row.getByTestId('rotation-paused')).toHaveText(/by operator/);
  await row.getByTestId('rotation-resume').click();
  await expect(row).toHaveAttribute('data-state', 'running');

  await row.getByTestId('rotation-stop').click();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  await expect(notice).toHaveText(/Rotation stopped on Wall 1/);

  // Edited: the same group (its id kept), a new dwell.
  await row.getByTestId('rotation-edit').click();
  await expect(page.getByTestId('rotation-name')).toHaveValue('河道沿线轮巡');
  await expect(page.getByTestId('rotation-cameras-row')).toHaveCount(5);
  await page.getByTestId('rotation-dwell').fill('30');
  await page.getByTestId('rotation-save').click();
  await expect(row).toContainText('30 s');
  await expect(page.getByTestId('watch-rotation-group')).toHaveCount(1);

  // Delete takes two clicks.
  await row.getByTestId('rotation-delete').click();
  await expect(row).toBeVisible();
  await row.getByTestId('rotation-delete').click();
  await expect(row).toHaveCount(0);
});

test('a tour started by hand shows its run live, and once stopped its missed stops are in the record and the CSV', async ({
  page,
  vigil,
}) => {
  await openWatch(page, vigil.deskUrl);
  const ids = await tick(page, 3);
  await page.getByTestId('watch-section-tours').click();
  await page.getByTestId('tour-new').click();
  await page.getByTestId('tour-name').fill('夜间河道查巡');
  await page.getByTestId('tour-watcher').fill('张三');
  // A window that is not open now (it would start the tour on its own): three hours from now.
  const beijingHour = (new Date().getUTCHours() + 8) % 24;
  const hh = (h: number) => String(h % 24).padStart(2, '0');
  await page.getByTestId('tour-add-window').click();
  await page.getByTestId('window-start').fill(`${hh(beijingHour + 3)}:00`);
  await page.getByTestId('window-end').fill(`${hh(beijingHour + 4)}:30`);
  await page.getByTestId('window-days').selectOption('weekdays');
  await page.getByTestId('pick-checked').click();
  await expect(page.getByTestId('tour-stops-row')).toHaveCount(3);
  await page.getByTestId('stop-check').first().fill('河道有无挖掘机');
  await page.getByTestId('tour-save').click();
  await expect(page.getByTestId('tour-editor')).toBeHidden();

  const tour = page.getByTestId('watch-tour').filter({ hasText: '夜间河道查巡' });
  await expect(tour).toContainText('张三');
  await expect(tour).toContainText(`${hh(beijingHour + 3)}:00–${hh(beijingHour + 4)}:30 Weekdays`);
  await expect(tour.getByTestId('tour-next')).toHaveText(/^(\d{4}-)?\d\d-\d\d \d\d:\d\d$/);
  // Off schedule and back on, from the list.
  await tour.getByTestId('tour-enabled-toggle').click();
  await expect(tour.getByTestId('tour-next')).toHaveText('disabled');
  await expect(tour.getByTestId('tour-enabled-toggle')).not.toBeChecked();
  await tour.getByTestId('tour-enabled-toggle').click();
  await expect(tour.getByTestId('tour-next')).toHaveText(/^(\d{4}-)?\d\d-\d\d \d\d:\d\d$/);

  await tour.getByTestId('tour-start').click();
  const run = page.getByTestId('tour-run').filter({ hasText: '夜间河道查巡' });
  await expect(run).toBeVisible();
  await expect(run).toHaveAttribute('data-current', '0');
  await expect(tour.getByTestId('tour-start')).toBeDisabled();
  // The first stop marked from the desk: the run moves on, live.
  await run.getByTestId('run-mark-normal').click();
  await expect(run).toHaveAttribute('data-current', '1');
  await expect(run.getByTestId('run-stop').first()).toHaveAttribute('data-outcome', 'normal');

  await run.getByTestId('tour-stop-run').click();
  await expect(run).toHaveCount(0);
  const record = page.getByTestId('history-run').filter({ hasText: '夜间河道查巡' });
  await expect(record).toHaveAttribute('data-missed', '2');
  await expect(record).toHaveAttribute('data-marked', '1');
  await expect(record).toContainText('stopped');
  await record.click();
  const stops = page.getByTestId('history-stop');
  await expect(stops).toHaveCount(3);
  await expect(stops.nth(0)).toHaveAttribute('data-outcome', 'normal');
  await expect(stops.nth(1)).toHaveAttribute('data-outcome', 'missed');
  await expect(stops.nth(2)).toHaveAttribute('data-outcome', 'missed');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('tour-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^tour-runs-\d{12}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toMatch(/^run_id,tour,watcher,run_status/);
  expect(lines).toHaveLength(4);
  expect(lines.map((l) => l.split(',')[7])).toEqual(['camera_id', ...ids]);
  expect(lines.slice(1).map((l) => l.split(',')[9])).toEqual(['normal', 'missed', 'missed']);
  expect(lines[1]).toContain('夜间河道查巡');
  expect(lines[1]).toContain('张三');
  await expect(page.getByTestId('watch-notice')).toHaveText(
    `Exported ${download.suggestedFilename()}.`,
  );
});

test('a camera pinned with a reason is on the wall tile, then unpinned; an alert pull is kept and dismissed', async ({
  page,
  vigil,
}) => {
  await openWatch(page, vigil.deskUrl);
  const camera = page.getByTestId('camera-row').nth(3);
  const cameraId = (await camera.getAttribute('data-camera-id'))!;
  await camera.click(); // selected in the tree
  await page.getByTestId('watch-section-focus').click();
  await expect(page.getByTestId('pin-camera')).toHaveValue(cameraId);
  await page.getByTestId('pin-wall').selectOption('2');
  await page.getByTestId('pin-tile').selectOption({ index: 2 });
  await page.getByTestId('pin-reason').fill('人民医院大门');
  await page.getByTestId('pin-expiry').selectOption('h1');
  await page.getByTestId('pin-submit').click();

  const pin = page.getByTestId('focus-pin');
  await expect(pin).toHaveCount(1);
  await expect(pin).toHaveAttribute('data-camera-id', cameraId);
  await expect(pin).toHaveAttribute('data-wall-id', '2');
  await expect(pin).toHaveAttribute('data-tile-index', '2');
  await expect(pin).toContainText('人民医院大门');
  const walls = await contract<{ wallId: number; tiles: { index: number; cameraId: string }[] }[]>(
    page,
    'wall.list',
    {},
  );
  expect(walls.find((w) => w.wallId === 2)!.tiles[2]!.cameraId).toBe(cameraId);
  const focus = await contract<{ pins: { expiresAt: number | null; reason: string }[] }>(
    page,
    'focus.list',
    {},
  );
  expect(focus.pins[0]!.reason).toBe('人民医院大门');
  // "1 hour" from now, give or take the test's own time.
  expect(focus.pins[0]!.expiresAt! - Date.now()).toBeGreaterThan(3500_000);
  expect(focus.pins[0]!.expiresAt! - Date.now()).toBeLessThanOrEqual(3600_000);

  await pin.getByTestId('focus-unpin').click();
  await expect(pin).toHaveCount(0);
  await expect(page.getByTestId('focus-pins')).toContainText('No camera is pinned.');

  // An alert from the platform pulls the cameras near it onto wall 1's focus tiles.
  const posted = await simulatorAdmin(vigil, 'POST', '/admin/alerts');
  expect(posted.ok).toBe(true);
  const pull = page.getByTestId('focus-pull');
  await expect(pull).toHaveCount(1);
  await pull.getByTestId('focus-keep').click();
  await expect(pull).toContainText('kept');
  await expect(pull.getByTestId('focus-keep')).toHaveCount(0);
  await pull.getByTestId('focus-dismiss').click();
  await expect(pull).toHaveCount(0);
});

test('the Watch tab reads in Chinese, and lists a group made from a map selection', async ({
  page,
  vigil,
}) => {
  await page.goto(vigil.deskUrl);
  await expect(page.getByTestId('link-state')).toHaveAttribute('data-state', 'online');
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('desk-tab-watch')).toHaveText('巡查');
  await page.getByTestId('desk-tab-watch').click();
  await expect(page.getByTestId('watch-section-rotation')).toHaveText('自动轮巡');
  await expect(page.getByTestId('watch-section-tours')).toHaveText('定时查巡');
  await expect(page.getByTestId('watch-section-focus')).toHaveText('重点盯巡');
  await expect(page.getByTestId('watch-pane')).toContainText('暂无轮巡组');

  // The same call the map's selection panel makes (SelectionPanel: rotation.save, id map-…),
  // over nine online cameras, the first of which then goes offline.
  const catalog = (await (await fetch(`${vigil.simulatorUrl}/api/v1/catalog`)).json()) as {
    cameras: { id: string; status: string }[];
  };
  const nine = catalog.cameras.filter((c) => c.status === 'online').slice(0, 9);
  await contract(page, 'rotation.save', {
    id: 'map-e2e',
    name: '地图圈选 14:00',
    cameraIds: nine.map((c) => c.id),
    dwellMs: 15_000,
    target: { wallId: 2 },
  });
  const row = page.getByTestId('watch-rotation-group').filter({ hasText: '地图圈选 14:00' });
  await expect(row).toContainText('地图');
  await expect(row).toContainText('9');
  await expect(row).toContainText('15 秒');
  await expect(row).toContainText('2 号墙');
  await expect(row.getByTestId('rotation-start')).toHaveText('启动');

  const offline = nine[0]!.id;
  const faulted = await simulatorAdmin(vigil, 'POST', '/admin/faults', {
    kind: 'camera-offline',
    cameraId: offline,
  });
  expect(faulted.ok).toBe(true);
  await page.getByTestId('search-input').fill(offline);
  await expect(
    page.locator(`[data-testid="camera-row"][data-camera-id="${offline}"]`),
  ).toHaveAttribute('data-status', 'offline');
  await row.getByTestId('rotation-start').click();
  await expect(row.getByTestId('rotation-page')).toHaveText(/轮巡中 · 第 1\/3 页/);
  await expect(row.getByTestId('rotation-skipped')).toHaveText('跳过离线或画面故障 1 路');
  await page.getByTestId('search-input').fill('');

  await page.getByTestId('rotation-new').click();
  const editor = page.getByTestId('rotation-editor');
  await expect(editor).toContainText('新建轮巡组');
  await expect(editor).toContainText('停留（秒）');
  await expect(editor.getByTestId('pick-checked')).toHaveText('加入已勾选（0）');
  await expect(page.locator('[data-testid="send-area"]').first()).toHaveText('全选');

  await page.getByTestId('watch-section-tours').click();
  await expect(page.getByTestId('tour-runs')).toContainText('进行中的查巡');
  await expect(page.getByTestId('tour-history')).toContainText('暂无已完成的查巡');
  await page.getByTestId('watch-section-focus').click();
  await expect(page.getByTestId('pin-form')).toContainText('将监控点固定到电视墙窗口');
  await expect(page.getByTestId('pin-no-camera')).toHaveText('请先在目录中选中或勾选一个监控点。');
});

test('coverage: a plan for two watchers covers every camera, and the report lists unseen cameras per zone', async ({
  page,
  vigil,
}) => {
  await openWatch(page, vigil.deskUrl);
  await page.getByTestId('watch-section-coverage').click();
  await page.getByTestId('coverage-watchers').fill('张三\n李四');
  await page.getByTestId('coverage-hours').fill('8');
  await page.getByTestId('coverage-run').click();
  await expect(page.getByTestId('coverage-tour')).toHaveCount(2);
  await expect(page.getByTestId('coverage-summary')).toContainText(
    '2 tours, 2,000 cameras covered of 2,000',
  );
  // More stops than cameras: the desk says why (the checkpoints are visited twice).
  await expect(page.getByTestId('coverage-stops-why')).toContainText(
    'focus cameras (checkpoints and pinned) are visited 2 times a period',
  );
  await page.getByTestId('coverage-report-run').click();
  await expect(page.getByTestId('coverage-report-summary')).toContainText(
    '0 of 2,000 cameras marked at a tour stop in the last 24 h.',
  );
  await expect(page.getByTestId('coverage-report-counts')).toContainText(
    'a camera shown on a wall (live, rotation, pinned) without a mark is not counted',
  );
  // Zones by name, as the tree names them.
  await expect(page.getByTestId('coverage-zone').first()).toContainText('派出所');
});

test('an alert the wall cannot show is listed at the desk and counted on the wall; shown on asking, the miniature shows the pulled camera', async ({
  page,
  vigil,
}) => {
  await openWatch(page, vigil.deskUrl);
  await page.getByTestId('watch-section-focus').click();
  const catalog = (await (await fetch(`${vigil.simulatorUrl}/api/v1/catalog`)).json()) as {
    cameras: { id: string; status: string; kind: string }[];
  };
  const online = catalog.cameras.filter((c) => c.status === 'online' && c.kind !== 'vehicle');
  const [a, b, c, d, near] = online.map((cam) => cam.id);
  // The chief arranges wall 1 (the linkage wall): two cameras put up, two pinned.
  await contract(page, 'wall.assign', { wallId: 1, tileIndex: 0, cameraId: a });
  await contract(page, 'wall.assign', { wallId: 1, tileIndex: 1, cameraId: b });
  await contract(page, 'focus.pin', { wallId: 1, tileIndex: 2, cameraId: c, reason: '' });
  await contract(page, 'focus.pin', { wallId: 1, tileIndex: 3, cameraId: d, reason: '' });
  const wall = await page.context().newPage();
  await wall.goto(vigil.wallUrls[0]!);
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);

  const posted = await simulatorAdmin(vigil, 'POST', '/admin/alerts', {
    cameraId: near,
    title: 'e2e 未上墙的警情',
  });
  expect(posted.ok).toBe(true);
  const alert = (await posted.json()) as { id: string };
  // Not on the wall, and not only in a log: the desk lists it with why, the wall counts it.
  const row = page.getByTestId('focus-unshown-alert');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-alert-id', alert.id);
  await expect(row).toHaveAttribute('data-reason', 'arranged');
  await expect(row).toContainText('e2e 未上墙的警情');
  await expect(row.getByTestId('focus-unshown-reason')).toContainText(
    /camera(s)? not put up: the chief just arranged the linkage tiles/,
  );
  await expect(page.getByTestId('focus-pull')).toHaveCount(0);
  const counter = wall.getByTestId('wall-unshown');
  await expect(counter).toHaveAttribute('data-count', '1');
  await expect(counter).toContainText('1 alert not on the wall');
  // The arranged tiles still show the chief's cameras.
  await expect(wall.getByTestId('wall-tile-0')).toHaveAttribute('data-camera-id', a!);
  await expect(wall.getByTestId('wall-tile-1')).toHaveAttribute('data-camera-id', b!);

  // In Chinese, the reason reads as the hall says it.
  await page.getByTestId('language-switch').click();
  await expect(row.getByTestId('focus-unshown-reason')).toContainText('路因值班长刚布置而未上墙');
  await page.getByTestId('language-switch').click();

  // The chief asks: it goes up on his two tiles, leaves the list, and the counter goes.
  await row.getByTestId('focus-show').click();
  await expect(row).toHaveCount(0);
  const pull = page.getByTestId('focus-pull');
  await expect(pull).toHaveCount(1);
  await expect(counter).toHaveCount(0);
  const focus = await contract<{
    pulls: { alertId: string; tiles: { tileIndex: number; cameraId: string }[] }[];
  }>(page, 'focus.list', {});
  const tiles = focus.pulls.find((p) => p.alertId === alert.id)!.tiles;
  expect(tiles.map((t) => t.tileIndex).sort()).toEqual([0, 1].slice(0, tiles.length));
  for (const t of tiles) {
    await expect(wall.getByTestId(`wall-tile-${t.tileIndex}`)).toHaveAttribute(
      'data-camera-id',
      t.cameraId,
    );
  }
  // The desk's miniature shows what the wall shows: the pulled cameras, marked.
  await page.getByTestId('desk-tab-walls').click();
  for (const t of tiles) {
    const mini = page.getByTestId(`mini-tile-1-${t.tileIndex}`);
    await expect(mini).toHaveAttribute('data-camera-id', t.cameraId);
    await expect(mini).toHaveAttribute('data-watch', 'pull');
  }
  await expect(page.getByTestId('mini-tile-1-2')).toHaveAttribute('data-camera-id', c!);
  await expect(page.getByTestId('mini-tile-1-2')).toHaveAttribute('data-watch', 'pin');
});
