/**
 * The keyboard, as a hall works (issue #15), through the browser host against the simulator:
 * - at the desk, `<wall> . <tile> * <camera> Enter` puts the camera on that tile of the wall
 *   (the wall shows its name and plays its frames); a number several cameras end with lists them
 *   to pick with the arrows, never guessing;
 * - at a wall, `<tile> * <camera> Enter` does the same on its own tiles;
 * - the camera tree walked by keys alone sends a camera to the target tile;
 * - `?` lists every shortcut, at the desk and at a wall, and Escape closes the list;
 * - an abnormal tour mark at the wall holds the stop while the watcher types a note, until
 *   Enter; the note is in the run's record and in the mark the platform gets.
 */
import type { Page, TestInfo } from '@playwright/test';
import type { Camera, Catalog } from '../../shared/api';
import type { TourRunState } from '../../shared/domain/watch';
import { connectDesk, type Desk } from '../shared/rotation-swap-probe';
import { expect, simulatorAdmin, test, type VigilHost } from './fixtures';

let desk: Desk | null = null;
test.afterEach(() => {
  desk?.close();
  desk = null;
});

async function onlineCatalog(d: Desk): Promise<Camera[]> {
  let cameras: Camera[] = [];
  await expect
    .poll(
      async () => {
        cameras = (await d.call<Catalog>('catalog.get', {})).cameras;
        return cameras.length;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(1000);
  return cameras;
}

/**
 * A camera whose number's last `long` digits name it alone, while its last `long - 1` digits
 * name it and others: both online.
 */
function numbered(cameras: readonly Camera[], long = 4, skip = 0) {
  const ends = (d: string) => cameras.filter((c) => c.id.endsWith(d));
  let seen = 0;
  for (const camera of cameras) {
    if (camera.status !== 'online') continue;
    const unique = camera.id.slice(-long);
    const short = unique.slice(1);
    const many = ends(short);
    if (
      ends(unique).length === 1 &&
      many.length >= 2 &&
      many.every((c) => c.status === 'online') &&
      seen++ >= skip
    ) {
      return { camera, unique, short, many: [...many].sort((a, b) => (a.id < b.id ? -1 : 1)) };
    }
  }
  throw new Error('no camera with such a number in the catalog');
}

async function openDesk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('area-row').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('wall-target')).toBeVisible();
}

async function openWall(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
}

/** The tile shows the camera: its label says its name and its video plays. */
async function showsCamera(wall: Page, tileIndex: number, camera: Camera): Promise<void> {
  const tile = wall.getByTestId(`wall-tile-${tileIndex}`);
  await expect(tile).toHaveAttribute('data-camera-id', camera.id);
  await expect(tile).toHaveAttribute('data-shown-camera-id', camera.id, { timeout: 30_000 });
  await expect(tile.locator('.tile-name')).toHaveText(camera.name);
  await expect.poll(() => tile.getAttribute('data-state'), { timeout: 30_000 }).toBe('playing');
  // Frames, not a still: the front video's time moves on.
  const time = () =>
    tile.evaluate((el) => {
      const videos = [...el.querySelectorAll('video')];
      return Math.max(0, ...videos.map((v) => v.currentTime));
    });
  const first = await time();
  await expect.poll(time, { timeout: 20_000 }).toBeGreaterThan(first);
}

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

test('at the desk, wall . tile * camera Enter puts the camera on that tile; a shared number lists its cameras', async ({
  page,
  vigil,
}, info) => {
  test.setTimeout(180_000);
  desk = await connectDesk(vigil.deskUrl);
  const cameras = await onlineCatalog(desk);
  const n = numbered(cameras);
  const wall = await page.context().newPage();
  await openWall(wall, vigil.wallUrls[0]!);
  await openDesk(page, vigil.deskUrl);

  // Typed digit by digit, the box says what it will do before Enter.
  await page.keyboard.type(`1.2*${n.unique}`);
  const entry = page.getByTestId('key-entry');
  await expect(entry).toBeVisible();
  await expect(entry.getByTestId('key-entry-line')).toHaveText(
    new RegExp(`(Wall 1 · Tile 2 · Camera ${n.unique}|墙 1 · 画面 2 · 摄像机 ${n.unique})`),
  );
  await expect(entry.getByTestId('key-entry-found')).toHaveAttribute('data-camera-id', n.camera.id);
  await expect(entry.getByTestId('key-entry-found')).toContainText(n.camera.name);
  await shot(page, info, 'desk-entry');
  await page.keyboard.press('Enter');
  await expect(entry).toHaveCount(0);
  await showsCamera(wall, 1, n.camera);
  await shot(wall, info, 'wall-after-desk-entry');

  // A number several cameras end with: listed (name, zone), the arrows pick, never a guess.
  await page.keyboard.type(`1.3*${n.short}`);
  await expect(entry).toHaveAttribute('data-matches', String(n.many.length));
  const candidates = entry.getByTestId('key-entry-candidate');
  await expect(candidates).toHaveCount(Math.min(8, n.many.length));
  await expect(candidates.first()).toContainText(n.many[0]!.name);
  await page.keyboard.press('Enter');
  // The first Enter only highlights the first candidate: nothing is put up yet.
  await expect(candidates.first()).toHaveAttribute('aria-selected', 'true');
  await expect(entry).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(candidates.nth(1)).toHaveAttribute('aria-selected', 'true');
  await shot(page, info, 'desk-entry-candidates');
  await page.keyboard.press('Enter');
  await expect(entry).toHaveCount(0);
  await showsCamera(wall, 2, n.many[1]!);

  // Escape cancels; a wall or tile that does not exist is said, not sent.
  await page.keyboard.type('9.1*');
  await page.keyboard.type(n.unique);
  await page.keyboard.press('Enter');
  await expect(entry.getByTestId('key-entry-problem')).toHaveText(/no wall 9|没有 9 号墙/);
  await page.keyboard.press('Escape');
  await expect(entry).toHaveCount(0);
  // Digits typed into a text field stay there.
  await page.getByTestId('search-input').fill('');
  await page.getByTestId('search-input').pressSequentially('12');
  await expect(entry).toHaveCount(0);
  await expect(page.getByTestId('search-input')).toHaveValue('12');
});

test('at a wall, tile * camera Enter puts the camera on one of its own tiles', async ({
  page,
  vigil,
}, info) => {
  test.setTimeout(180_000);
  desk = await connectDesk(vigil.deskUrl);
  const cameras = await onlineCatalog(desk);
  const n = numbered(cameras, 4, 3);
  await openWall(page, vigil.wallUrls[1]!);
  // A watcher types at a wall that shows its pictures (while it still loads, its view may be
  // put up again, which closes an entry begun meanwhile).
  for (let i = 0; i < 4; i++) {
    await expect(page.getByTestId(`wall-tile-${i}`)).toHaveAttribute('data-state', 'playing', {
      timeout: 30_000,
    });
  }
  await page.keyboard.type(`4*${n.unique}`);
  const entry = page.getByTestId('key-entry');
  await expect(entry.getByTestId('key-entry-line')).toHaveText(
    new RegExp(`(Tile 4 · Camera ${n.unique}|画面 4 · 摄像机 ${n.unique})`),
  );
  await expect(entry.getByTestId('key-entry-found')).toHaveAttribute('data-camera-id', n.camera.id);
  await shot(page, info, 'wall-entry');
  await page.keyboard.press('Enter');
  await expect(entry).toHaveCount(0);
  await showsCamera(page, 3, n.camera);
  await expect(page.getByTestId('watch-feedback')).toContainText(n.camera.name);
  // A tile the wall does not have.
  await page.keyboard.type(`7*${n.unique}`);
  await page.keyboard.press('Enter');
  await expect(entry.getByTestId('key-entry-problem')).toHaveText(/has 4 tiles|只有 4 个画面/);
  await page.keyboard.press('Escape');
  await expect(entry).toHaveCount(0);
});

test('the camera tree walked by keys alone sends a camera to the target tile', async ({
  page,
  vigil,
}, info) => {
  test.setTimeout(120_000);
  desk = await connectDesk(vigil.deskUrl);
  await openDesk(page, vigil.deskUrl);
  const tree = page.getByRole('tree');
  await expect(page.getByTestId('wall-target')).toHaveText(/1.*1/);
  // `/` to the search field, ↓ into the tree: the first region, open at start.
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const focused = tree.locator(':focus');
  await expect(focused).toHaveAttribute('aria-level', '1');
  await expect(focused).toHaveAttribute('aria-expanded', 'true');
  // → into the first zone; → opens it; → into its first grid; → opens it; → its first camera.
  await page.keyboard.press('ArrowRight');
  await expect(focused).toHaveAttribute('aria-level', '2');
  await expect(focused).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(focused).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(focused).toHaveAttribute('aria-level', '3');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(focused).toHaveAttribute('data-testid', 'camera-row');
  await page.keyboard.press('ArrowDown');
  const cameraId = (await focused.getAttribute('data-camera-id'))!;
  // ← to the grid, ↓ back to its first camera, ↓ the second again (the same row as before).
  await page.keyboard.press('ArrowLeft');
  await expect(focused).toHaveAttribute('aria-level', '3');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(focused).toHaveAttribute('data-camera-id', cameraId);
  await shot(page, info, 'tree-keys');
  // Enter: to the target tile (wall 1, tile 1), as a double-click.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toContainText(/tile 1|画面 1|1/);
  await expect
    .poll(async () => {
      const state = await desk!.call<{ tiles: { cameraId: string | null }[] }>('wall.get', {
        wallId: 1,
      });
      return state.tiles[0]?.cameraId;
    })
    .toBe(cameraId);
  // Home and End.
  await page.keyboard.press('End');
  await expect(tree.getByRole('treeitem').last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tree.getByRole('treeitem').first()).toBeFocused();
});

test('? lists every shortcut at the desk and at a wall; Escape closes the list', async ({
  page,
  vigil,
}, info) => {
  await openDesk(page, vigil.deskUrl);
  await page.keyboard.press('?');
  const help = page.getByTestId('help-overlay');
  await expect(help).toBeVisible();
  const rows = help.getByTestId('help-row');
  for (const id of ['help', 'deskTab', 'search', 'entryOpen', 'entryGo', 'treeMove', 'treeSend'])
    await expect(rows.and(page.locator(`[data-shortcut="${id}"]`))).toHaveCount(1);
  // A wall's keys are not the desk's.
  await expect(help.locator('[data-shortcut="rotationPause"]')).toHaveCount(0);
  await shot(page, info, 'desk-help');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  const wall = await page.context().newPage();
  await openWall(wall, vigil.wallUrls[1]!);
  await wall.keyboard.press('?');
  const wallHelp = wall.getByTestId('help-overlay');
  await expect(wallHelp).toBeVisible();
  for (const id of [
    'rotationPause',
    'rotationNext',
    'rotationPrevious',
    'tourNormal',
    'tourAbnormal',
    'tourFaulty',
    'tourFault',
    'tourHoldConfirm',
    'entryOpen',
  ])
    await expect(wallHelp.locator(`[data-shortcut="${id}"]`)).toHaveCount(1);
  await expect(wallHelp).toContainText(/PgDn/);
  await expect(wallHelp.locator('[data-shortcut="treeMove"]')).toHaveCount(0);
  await shot(wall, info, 'wall-help');
  await wall.keyboard.press('?');
  await expect(wallHelp).toHaveCount(0);
});

interface ReceivedEvent {
  event: { type: string; tourRunId?: string; stopIndex?: number; mark: string; note?: string };
}

async function platformMarks(vigil: VigilHost, runId: string): Promise<ReceivedEvent[]> {
  const response = await simulatorAdmin(vigil, 'GET', '/admin/events');
  const inbox = (await response.json()) as { events: ReceivedEvent[] };
  return inbox.events.filter((e) => e.event.type === 'patrol-mark' && e.event.tourRunId === runId);
}

test('an abnormal tour mark holds the stop while the watcher types a note, until Enter', async ({
  page,
  vigil,
}, info) => {
  test.setTimeout(180_000);
  desk = await connectDesk(vigil.deskUrl);
  const cameras = (await onlineCatalog(desk)).filter((c) => c.status === 'online');
  const [a, b] = cameras;
  await openWall(page, vigil.wallUrls[1]!);
  await desk.call('tour.save', {
    id: 'e2e-hold',
    name: '河道暂留',
    stops: [
      { cameraId: a!.id, dwellMs: 120_000, check: '河道有无挖掘机' },
      { cameraId: b!.id, dwellMs: 120_000, check: '' },
    ],
    windows: [],
    watcher: '李四',
    wallId: 2,
    tileIndex: 0,
  });
  const run = await desk.call<TourRunState>('tour.start', { id: 'e2e-hold' });
  const tile = page.getByTestId('wall-tile-0');
  const panel = tile.getByTestId('tour-panel');
  await expect(panel.getByTestId('tour-stop')).toHaveText(/1\/2/);
  await expect(tile).toHaveAttribute('data-shown-camera-id', a!.id, { timeout: 30_000 });

  // A digit is the tour's while its stop waits: no entry box opens.
  await page.keyboard.press('2');
  await expect(page.getByTestId('key-entry')).toHaveCount(0);
  const hold = panel.getByTestId('tour-hold');
  await expect(hold).toBeVisible();
  await expect(panel).toHaveAttribute('data-held', 'true');
  await expect(hold.getByTestId('tour-hold-countdown')).toHaveText(/\d+/);
  const note = hold.getByTestId('tour-hold-note');
  await expect(note).toBeFocused();
  // The note takes digits and `?` as text; the stop stays while it is typed.
  await page.keyboard.type('河道有挖掘机 2台?');
  await expect(note).toHaveValue('河道有挖掘机 2台?');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
  const held = await desk.call<{ runs: { id: string; current: number; hold?: unknown }[] }>(
    'tour.state',
    {},
  );
  expect(held.runs.find((r) => r.id === run.id)).toMatchObject({
    current: 0,
    hold: { stopIndex: 0 },
  });
  await expect(panel.getByTestId('tour-stop')).toHaveText(/1\/2/);
  await shot(page, info, 'tour-hold');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('tour-stop')).toHaveText(/2\/2/);
  await expect(page.getByTestId('watch-feedback')).toContainText(/Abnormal|异常/);

  const record = await desk.call<TourRunState>('tourRun.get', { runId: run.id });
  expect(record.stops[0]).toMatchObject({ outcome: 'abnormal', note: '河道有挖掘机 2台?' });
  await expect
    .poll(
      async () => (await platformMarks(vigil, run.id)).map((e) => [e.event.mark, e.event.note]),
      {
        timeout: 30_000,
      },
    )
    .toEqual([['abnormal', '河道有挖掘机 2台?']]);

  // Escape lets a held stop go unmarked: it stays open, to be marked again.
  await expect(tile).toHaveAttribute('data-shown-camera-id', b!.id, { timeout: 30_000 });
  await page.keyboard.press('2');
  await expect(hold).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(hold).toHaveCount(0);
  await expect(panel.getByTestId('tour-stop')).toHaveText(/2\/2/);
  // Held again, a note typed and no Enter: the countdown's end sends the mark with that note.
  await page.keyboard.press('2');
  await expect(hold).toBeVisible();
  await page.keyboard.type('围墙破损');
  await expect(tile.getByTestId('tour-panel')).toHaveCount(0, { timeout: 30_000 });
  const done = await desk.call<TourRunState>('tourRun.get', { runId: run.id });
  expect(done.stops.map((s) => [s.outcome, s.note])).toEqual([
    ['abnormal', '河道有挖掘机 2台?'],
    ['abnormal', '围墙破损'],
  ]);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the entry and the help speak the hall’s words', async ({ page, vigil }, info) => {
    test.setTimeout(120_000);
    desk = await connectDesk(vigil.deskUrl);
    const n = numbered(await onlineCatalog(desk));
    await openDesk(page, vigil.deskUrl);
    await page.keyboard.type(`2.1*${n.unique}`);
    const entry = page.getByTestId('key-entry');
    await expect(entry.getByTestId('key-entry-line')).toContainText(
      `墙 2 · 画面 1 · 摄像机 ${n.unique} → ${n.camera.name}`,
    );
    await shot(page, info, 'desk-entry-zh');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByTestId('help-overlay')).toContainText('键盘选像');
    await shot(page, info, 'desk-help-zh');
  });
});
