/**
 * Camera health at the desk (issue #16 items 3-5), as a watcher uses it: the Health tab shows the
 * online rate and integrity per zone against the 98 % line; a faulty mark at the wall (a tour
 * stop) opens a fault ticket with the tile's picture (the platform opens it), which the desk shows
 * and takes through its lifecycle to 验证关闭; the weekly report page renders, exports CSV and
 * prints to a PDF with pages. One host for all of it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Catalog } from '../../shared/api';
import type { FaultTicket } from '../../shared/contract/health';
import { connectDesk, type Desk } from '../shared/rotation-swap-probe';
import { expect, PRODUCT_HISTORY, test } from './fixtures';

// The chief signed in: the tour is set up from the desk (tour.save is the chief's), the mark is a
// watcher's keys at the wall.
test.use({
  hostOptions: { cameras: 600, walls: 1, signedIn: 'chief', config: PRODUCT_HISTORY },
  locale: 'zh-CN',
});

let desk: Desk | null = null;
test.afterEach(() => {
  desk?.close();
  desk = null;
});

/** An online camera with no open ticket (the mark must open one, not merge into it). */
async function cameraWithoutTicket(desk: Desk): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        const catalog = await desk.call<Catalog>('catalog.get', {});
        const open = await desk.call<FaultTicket[]>('health.tickets', {});
        const busy = new Set(open.map((t) => t.cameraId));
        found = catalog.cameras.find((c) => c.status === 'online' && !busy.has(c.id))?.id;
        return found ?? null;
      },
      { timeout: 30_000 },
    )
    .not.toBeNull();
  return found!;
}

test('the Health tab shows rates per zone, a ticket goes to verified, the weekly report prints', async ({
  page,
  vigil,
}) => {
  desk = await connectDesk(vigil.deskUrl);
  // The desk and the wall open side by side (the desk hears the ticket when it comes).
  const wall = await page.context().newPage();
  const [cameraId] = await Promise.all([
    cameraWithoutTicket(desk),
    wall.goto(vigil.wallUrls[0]!),
    page.goto(vigil.deskUrl),
  ]);

  // A watcher's tour stop on the wall, marked faulty there (3, then 2 = frozen): the mark carries
  // the tile's picture, and the platform opens a ticket with it.
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  await desk.call('tour.save', {
    id: 'e2e-health',
    name: '设备巡检',
    stops: [{ cameraId, dwellMs: 300_000, check: '画面是否正常' }],
    windows: [],
    watcher: '李四',
    wallId: 1,
    tileIndex: 0,
  });
  await desk.call('tour.start', { id: 'e2e-health' });
  const tile = wall.getByTestId('wall-tile-0');
  await expect(tile.getByTestId('tour-panel')).toBeVisible({ timeout: 30_000 });
  await expect(tile).toHaveAttribute('data-shown-camera-id', cameraId, { timeout: 30_000 });
  await expect.poll(() => tile.getAttribute('data-state'), { timeout: 30_000 }).toBe('playing');
  await wall.keyboard.press('3');
  await expect(tile.getByTestId('tour-fault-menu')).toBeVisible();
  await wall.keyboard.press('2');
  await expect(tile.getByTestId('tour-panel')).toHaveCount(0);
  await wall.close();

  // The Health tab: rates per zone (a zone's rate is a percentage or 无数据, never missing).
  await page.getByTestId('desk-tab-health').click();
  const pane = page.getByTestId('health-pane');
  await expect(pane.getByTestId('health-online')).toHaveText(/在线率\s*(\d+\.\d\d %|无数据)/);
  await expect(pane.getByTestId('health-integrity')).toContainText('完好率');
  const zones = pane.getByTestId('health-group');
  await expect(zones.first()).toContainText(/派出所/);
  await expect(zones.first()).toContainText(/\d+\.\d\d %|无数据/);
  await expect(pane.getByTestId('health-trend').locator('canvas')).toHaveCount(1);

  // The ticket from the mark, through its lifecycle from the desk.
  const ticket = pane.locator(`[data-testid="health-ticket"][data-camera-id="${cameraId}"]`);
  await expect(ticket).toBeVisible({ timeout: 30_000 });
  await ticket.getByRole('button').click();
  const detail = pane.getByTestId('health-ticket-detail');
  const status = detail.getByTestId('health-ticket-status');
  await expect(status).toHaveText('新建');
  // The mark's picture, a real frame the wall took (an image that decoded, not just an element).
  const picture = detail.getByTestId('health-ticket-picture').locator('img');
  await expect(picture).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  // Only what the lifecycle allows from 新建: 派单, 已修复, 误报撤销.
  await expect(detail.getByTestId('health-ticket-actions').getByRole('button')).toHaveText([
    '派单',
    '已修复',
    '误报撤销',
  ]);
  const contractor = detail.getByTestId('health-contractor');
  if ((await contractor.inputValue()) === '') await contractor.fill('华安运维');
  await detail.getByTestId('health-act-dispatch').click();
  await expect(status).toHaveText('已派单', { timeout: 20_000 });
  await expect(detail.getByTestId('health-ticket-contractor')).not.toBeEmpty();
  await detail.getByTestId('health-act-start').click();
  await expect(status).toHaveText('维修中', { timeout: 20_000 });
  await detail.getByTestId('health-act-repaired').click();
  await expect(status).toHaveText('已修复待验证', { timeout: 20_000 });
  // 验证关闭 waits for the watcher to have looked at the camera.
  await expect(detail.getByTestId('health-act-verify')).toBeDisabled();
  await detail.getByTestId('health-to-wall').click();
  await detail.getByTestId('health-looked').check();
  await detail.getByTestId('health-act-verify').click();
  await expect(status).toHaveText('验证关闭', { timeout: 20_000 });
  await expect(detail.getByTestId('health-ticket-timeline').locator('li')).toHaveCount(5);
  await expect(detail.getByTestId('health-ticket-actions')).toContainText('无需操作');

  // The weekly report page: the station, the week, the zones; printed to a PDF with pages.
  await pane.getByTestId('health-report-link').click();
  const sheet = page.getByTestId('report-sheet');
  await expect(sheet).toBeVisible({ timeout: 30_000 });
  await expect(sheet.getByTestId('report-span')).toContainText(
    /\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/,
  );
  await expect(sheet.getByTestId('report-zones').getByTestId('report-row').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('report-csv').click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff); // a BOM, so Excel reads the Chinese
  expect(csv).toContain('在线率');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync('/tmp/health-report.pdf', pdf);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(2);
});
