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
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** One contract call from the desk page, on a socket of its own (the desk's token). */
async function contract<T>(page: Page, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([m, i]) => {
      const token = new URLSearchParams(window.location.search).get('token') ?? '';
      const ws = new WebSocket(`ws://${window.location.host}/ws?token=${token}&window=desk`);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      const answer = await new Promise<unknown>((resolve) => {
        ws.onmessage = (message) => {
          const data = JSON.parse(String(message.data)) as { id?: number; result?: unknown };
          if (data.id === 1) resolve(data.result);
        };
        ws.send(JSON.stringify({ id: 1, method: m, input: i }));
      });
      ws.close();
      return answer;
    },
    [method, input] as const,
  );
  const r = result as { ok: boolean; value?: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${method}: ${r.error?.message}`);
  return r.value as T;
}

/** Opens the desk on the Watch tab with the first grid of the first zone expanded. */
async function openWatch(page: Page, deskUrl: string): Promise<void> {
  await page.goto(deskUrl);
  await page.getByTestId('desk-tab-watch').click();
  await expect(page.getByTestId('watch-pane')).toBeVisible();
  const areas = page.getByTestId('area-row');
  // The tree is there once the station has the catalog (slow on a loaded machine).
  await expect(areas.nth(1)).toBeVisible({ timeout: 60_000 });
  await areas.nth(1).click(); // the first zone
  await areas.nth(2).click(); // its first grid
  await expect(page.getByTestId('camera-check').first()).toBeVisible();
}

/** Ticks the first `n` cameras of the open grid; their ids in tick order. */
async function tick(page: Page, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = page.getByTestId('camera-row').nth(i);
    ids.push((await row.getAttribute('data-camera-id'))!);
    await row.getByTestId('camera-check').check();
  }
  return ids;
}

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
  const state = await contract<{ groups: Group[]; running: { groupId: string }[] }>(
    page,
    'rotation.state',
    {},
  );
  const group = state.groups.find((g) => g.name === '河道沿线轮巡')!;
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
  const posted = await fetch(`${vigil.simulatorUrl}/admin/alerts`, { method: 'POST' });
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
  const faulted = await fetch(`${vigil.simulatorUrl}/admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'camera-offline', cameraId: offline }),
  });
  expect(faulted.ok).toBe(true);
  await page.getByTestId('search-input').fill(offline);
  await expect(
    page.locator(`[data-testid="camera-row"][data-camera-id="${offline}"]`),
  ).toHaveAttribute('data-status', 'offline');
  await row.getByTestId('rotation-start').click();
  await expect(row.getByTestId('rotation-page')).toHaveText(/轮巡中 · 第 1\/3 页/);
  await expect(row.getByTestId('rotation-skipped')).toHaveText('跳过离线 1 路');
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
    '2 tours, 2000 cameras covered of 2000.',
  );
  await page.getByTestId('coverage-report-run').click();
  await expect(page.getByTestId('coverage-report-summary')).toHaveText(
    '0 of 2000 cameras seen in the last 24 h.',
  );
  // Zones by name, as the tree names them.
  await expect(page.getByTestId('coverage-zone').first()).toContainText('派出所');
});

/**
 * The README's pictures of the Watch tab (docs/screenshots/desk-{rotation,tour,focus}.png), in
 * Chinese as the hall reads it: `VIGIL_SCREENSHOTS=1 npx playwright test --project=e2e
 * tests/e2e/watch-desk.spec.ts -g screenshots`. Skipped otherwise.
 */
test('screenshots of the Watch tab for the README', async ({ page, vigil }) => {
  test.skip(!process.env.VIGIL_SCREENSHOTS, 'set VIGIL_SCREENSHOTS=1 to take them');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openWatch(page, vigil.deskUrl);
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('desk-tab-watch')).toHaveText('巡查');
  const catalog = (await (await fetch(`${vigil.simulatorUrl}/api/v1/catalog`)).json()) as {
    cameras: { id: string; status: string }[];
  };
  const ids = catalog.cameras.map((c) => c.id);
  const shot = (name: string) =>
    page.screenshot({ path: `docs/screenshots/${name}.png`, animations: 'disabled' });

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
    await fetch(`${vigil.simulatorUrl}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'camera-offline', cameraId }),
    });
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
  await fetch(`${vigil.simulatorUrl}/admin/alerts`, { method: 'POST' });
  await page.getByTestId('watch-section-focus').click();
  await expect(page.getByTestId('focus-pull')).toHaveCount(1);
  await page.getByTestId('camera-row').nth(7).click();
  await page.getByTestId('pin-wall').selectOption('2');
  await page.getByTestId('pin-tile').selectOption({ index: 0 });
  await page.getByTestId('pin-reason').fill('中心小学放学时段');
  await shot('desk-focus');
});
