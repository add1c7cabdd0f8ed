/**
 * Issue #15, "Playback and following" (the UI half), through the browser host against the
 * simulator, in a browser set to UTC (the hall is in Beijing time):
 * - from the desk's tile menu, a chosen date and time plays back on wall 1, tile 2: the wall's
 *   tile decodes frames, its badge reads the chosen moment in the hall's time, and its timeline
 *   shows the gap the simulator's recorders report for that camera;
 * - a clip exported from the desk is the range's playlist segments, byte for byte (an fMP4 clip's
 *   fragment decode times moved to start at 0), saved under a name in the hall's time, and
 *   ffprobe reads it as video of about the range's length; the export is in the audit log;
 * - an incident's 上墙与回放 opens the same picker at the report's time and plays what is chosen
 *   on the incident's tiles.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { formatHhMm, formatTime, zonedDate } from '../../shared/domain/time/hall-time';
import type { Catalog } from '../../shared/api';
import type { Incident } from '../../shared/contract/dispatch';
import { connectDesk } from '../shared/rotation-swap-probe';
import { expect, simulatorAdmin, test, type VigilHost } from './fixtures';
import { expectDecoding } from './video';

test.use({ hostOptions: { cameras: 200, walls: 1 }, timezoneId: 'UTC', acceptDownloads: true });

const zone = 'Asia/Shanghai';
const minute = 60_000;

async function cameraOn(tile: Locator): Promise<string> {
  await expect(tile).toHaveAttribute('data-camera-id', /.+/, { timeout: 30_000 });
  return (await tile.getAttribute('data-camera-id'))!;
}

/** What the simulator's recorders say they hold of a camera (the platform's answer). */
async function recorded(
  vigil: VigilHost,
  cameraId: string,
  startMs: number,
  endMs: number,
): Promise<{ startMs: number; endMs: number }[]> {
  const url = new URL(`${vigil.simulatorUrl}/api/v1/cameras/${cameraId}/recordings`);
  url.searchParams.set('start', new Date(startMs).toISOString());
  url.searchParams.set('end', new Date(endMs).toISOString());
  const answer = await fetch(url);
  expect(answer.ok, `recordings: HTTP ${answer.status}`).toBe(true);
  const body = (await answer.json()) as { ranges: { start: string; end: string }[] };
  return body.ranges.map((r) => ({ startMs: Date.parse(r.start), endMs: Date.parse(r.end) }));
}

/**
 * A gap of 30 s to 8 min in the camera's recordings over the last 6 days, with 3 recorded
 * minutes before it and the 15 minutes from there recorded but for it (the timeline then shows
 * exactly one gap), all over an hour ago.
 */
async function findGap(vigil: VigilHost, cameraId: string) {
  const to = Date.now() - 60 * minute;
  const from = to - 6 * 24 * 60 * minute;
  const ranges = await recorded(vigil, cameraId, from, to);
  for (let i = 1; i < ranges.length; i++) {
    const before = ranges[i - 1]!;
    const after = ranges[i]!;
    const gap = { startMs: before.endMs, endMs: after.startMs };
    const length = gap.endMs - gap.startMs;
    const startMs = Math.floor((gap.startMs - 3 * minute) / minute) * minute;
    if (length < 30_000 || length > 8 * minute) continue;
    if (startMs < before.startMs || startMs + 15 * minute > after.endMs) continue;
    return { gap, startMs };
  }
  throw new Error(`no lone gap in ${cameraId}'s recordings over 6 days`);
}

/**
 * Where each fMP4 fragment's decode time (moof/traf/tfdt) and each segment index's earliest
 * presentation time (sidx) sit: [offset, length].
 */
function tfdtValues(bytes: Buffer): [number, number][] {
  const out: [number, number][] = [];
  for (let i = bytes.indexOf('tfdt'); i >= 0; i = bytes.indexOf('tfdt', i + 4)) {
    out.push([i + 8, bytes[i + 4] === 1 ? 8 : 4]);
  }
  for (let i = bytes.indexOf('sidx'); i >= 0; i = bytes.indexOf('sidx', i + 4)) {
    out.push([i + 16, bytes[i + 4] === 1 ? 8 : 4]);
  }
  return out;
}

function mask(bytes: Buffer, at: [number, number][]): Buffer {
  const copy = Buffer.from(bytes);
  for (const [offset, length] of at) copy.fill(0, offset, offset + length);
  return copy;
}

async function openDeskMenu(desk: Page, vigil: VigilHost, tile: number): Promise<Locator> {
  await desk.goto(vigil.deskUrl);
  await desk.getByTestId(`mini-tile-1-${tile}`).click();
  const menu = desk.getByTestId('desk-tile-menu');
  await expect(menu).toHaveAttribute('data-tile-index', String(tile));
  return menu;
}

/** Wall 1 open on its own page; its tile `index` once it shows a camera. */
async function wallTile(
  context: BrowserContext,
  vigil: VigilHost,
  index: number,
): Promise<{ wall: Page; tile: Locator; cameraId: string }> {
  const wall = await context.newPage();
  await wall.goto(vigil.wallUrls[0]!);
  const tile = wall.getByTestId(`wall-tile-${index}`);
  return { wall, tile, cameraId: await cameraOn(tile) };
}

/** From a desk tile menu: play back `minutes` from `startMs` (`look`: before submitting). */
async function playFromDesk(
  menu: Locator,
  startMs: number,
  minutes: number,
  look?: () => Promise<unknown>,
): Promise<void> {
  await menu.getByTestId('desk-tile-playback').click();
  await pick(menu, startMs, minutes);
  await look?.();
  await menu.getByTestId('picker-submit').click();
}

async function pick(menu: Locator, startMs: number, minutes: number): Promise<void> {
  await menu.getByTestId('picker-date').fill(zonedDate(startMs, zone));
  await menu.getByTestId('picker-time').fill(formatHhMm(startMs, zone));
  await menu.getByTestId(`picker-minutes-${minutes}`).click();
  // A range past the hall's midnight names the day it ends on (the suite runs at any hour).
  const endMs = startMs + minutes * minute;
  const endDay =
    zonedDate(endMs, zone) === zonedDate(startMs, zone) ? '' : `${zonedDate(endMs, zone)} `;
  await expect(menu.getByTestId('picker-preview')).toContainText(
    `${zonedDate(startMs, zone)} ${formatHhMm(startMs, zone)}–${endDay}${formatHhMm(endMs, zone)}`,
  );
}

test('a date and time chosen at the desk plays back on wall 1 tile 2, with the gaps in its recording', async ({
  context,
  vigil,
}) => {
  const { wall, tile, cameraId } = await wallTile(context, vigil, 1);
  const { gap, startMs } = await findGap(vigil, cameraId);

  const desk = await context.newPage();
  const menu = await openDeskMenu(desk, vigil, 1);
  await expect(menu.getByTestId('desk-tile-mode')).toHaveText(/Live|实时/);
  await playFromDesk(menu, startMs, 15, () =>
    desk.screenshot({ path: 'test-results/playback-desk-picker.png' }),
  );
  await expect(menu.getByTestId('desk-tile-said')).toContainText(formatHhMm(startMs, zone));
  await expect(menu).toHaveAttribute('data-mode', 'playback');
  await expect(desk.getByTestId('mini-tile-1-1')).toHaveAttribute('data-mode', 'playback');
  await desk.screenshot({ path: 'test-results/playback-desk-playing.png' });

  // At the wall: tile 2 plays back, the others stay live.
  await expect(tile).toHaveAttribute('data-mode', 'playback', { timeout: 30_000 });
  await expect(wall.getByTestId('wall-tile-0')).toHaveAttribute('data-mode', 'live');
  await expectDecoding(tile, { firstMs: 30_000, moreMs: 15_000, more: 10 });
  const badge = tile.getByTestId('playback-badge');
  const read = () =>
    badge.evaluate((el: HTMLElement) => ({
      text: el.textContent ?? '',
      mediaMs: Number(el.dataset.mediaMs),
    }));
  await expect
    .poll(async () => (await read()).mediaMs, { timeout: 30_000 })
    .toBeGreaterThan(startMs);
  const b = await read();
  // The chosen moment, in Beijing time on a 24-hour clock (the browser is in UTC).
  expect(b.mediaMs - startMs).toBeLessThan(3 * minute);
  expect(b.text).toContain(formatTime(b.mediaMs, zone));
  expect(b.text).toMatch(/^(回放|playback) \d{2}:\d{2}:\d{2}/);

  // The timeline: one gap where the recorders hold nothing, the rest recorded.
  const timeline = tile.getByTestId('playback-timeline');
  await expect(timeline).toHaveAttribute('data-known', 'true', { timeout: 30_000 });
  const gaps = timeline.getByTestId('timeline-gap');
  await expect(gaps).toHaveCount(1);
  expect(Number(await gaps.getAttribute('data-start-ms'))).toBe(gap.startMs);
  expect(Number(await gaps.getAttribute('data-end-ms'))).toBe(gap.endMs);
  await expect(gaps).toHaveAttribute('title', /^(无录像|Not recorded) /);
  // It is drawn where it is: its left edge at the gap's share of the bar.
  const bar = (await timeline.boundingBox())!;
  const drawn = (await gaps.boundingBox())!;
  const share = (gap.startMs - startMs) / (15 * minute);
  expect(Math.abs(drawn.x - bar.x - share * bar.width)).toBeLessThan(3);
  expect(drawn.width).toBeGreaterThan(2);
  await tile.hover();
  await wall.screenshot({ path: 'test-results/playback-wall-timeline.png' });

  // A click on the timeline goes there: to the last recorded stretch, after the gap.
  const target = gap.endMs + 2 * minute;
  await timeline.click({
    position: { x: ((target - startMs) / (15 * minute)) * bar.width, y: bar.height / 2 },
  });
  await expect
    .poll(async () => Math.abs((await read()).mediaMs - target), { timeout: 30_000 })
    .toBeLessThan(30_000);

  // The played range as a clip, in one click from the desk (15 min: under the hour).
  const downloaded = desk.waitForEvent('download', { timeout: 120_000 });
  await menu.getByTestId('desk-tile-export-played').click();
  const stamp = `${zonedDate(startMs, zone).replace(/-/g, '')}-${formatHhMm(startMs, zone).replace(':', '')}`;
  expect((await downloaded).suggestedFilename()).toContain(`_${stamp}-`);

  // Back to live from the desk.
  await menu.getByTestId('desk-tile-live').click();
  await expect(tile).toHaveAttribute('data-mode', 'live', { timeout: 30_000 });
});

for (const container of ['ts', 'fmp4'] as const) {
  test(`a clip exported from the desk is the range's segments, named in the hall's time, and plays as video (${container})`, async ({
    context,
    vigil,
  }) => {
    const { wall, cameraId } = await wallTile(context, vigil, 1);
    await wall.close();
    if (container === 'fmp4') {
      const r = await simulatorAdmin(vigil, 'POST', '/admin/faults', { kind: 'fmp4', cameraId });
      expect(r.ok).toBe(true);
    }

    const desk = await context.newPage();
    const playlists: string[] = [];
    desk.on('request', (r) => {
      if (r.url().includes('/playback/')) playlists.push(r.url());
    });
    const menu = await openDeskMenu(desk, vigil, 1);
    const cameraName = await desk.getByTestId('mini-tile-1-1').locator('.mini-name').textContent();
    await menu.getByTestId('desk-tile-export').click();
    const startMs = Math.floor((Date.now() - 40 * minute) / minute) * minute;
    await pick(menu, startMs, 5);
    // A clip is at most an hour: longer lengths are not offered.
    await expect(menu.getByTestId('picker-minutes-120')).toHaveCount(0);
    const downloaded = desk.waitForEvent('download', { timeout: 120_000 });
    await menu.getByTestId('picker-submit').click();
    const download = await downloaded;
    await expect(menu.getByTestId('clip-export')).toHaveAttribute('data-state', 'done');
    await desk.screenshot({ path: 'test-results/playback-desk-export.png' });

    const name = download.suggestedFilename();
    const stamp = (t: number) =>
      `${zonedDate(t, zone).replace(/-/g, '')}-${formatHhMm(t, zone).replace(':', '')}`;
    expect(name).toMatch(
      new RegExp(
        `_${stamp(startMs)}-${stamp(startMs + 5 * minute).slice(9)}\\.${container === 'fmp4' ? 'mp4' : 'ts'}$`,
      ),
    );
    expect(name.startsWith(`${cameraName}_`)).toBe(true);
    const bytes = readFileSync((await download.path())!);

    // The same playlist, fetched here: its init segment (if any) and segments, in order.
    expect(playlists).toHaveLength(1);
    const playlistUrl = playlists[0]!;
    expect(playlistUrl).toContain(`/playback/${cameraId}.m3u8`);
    const text = await (await fetch(playlistUrl)).text();
    const uris = text
      .split('\n')
      .flatMap((line) => {
        const map = /^#EXT-X-MAP:URI="([^"]+)"/.exec(line);
        if (map) return [map[1]!];
        return line && !line.startsWith('#') ? [line] : [];
      })
      .map((u) => new URL(u, playlistUrl).toString());
    const parts = await Promise.all(
      uris.map(async (u) => Buffer.from(await (await fetch(u)).arrayBuffer())),
    );
    const expected = Buffer.concat(parts);
    expect(uris.length).toBeGreaterThanOrEqual(150);
    expect(bytes.length).toBe(expected.length);
    if (container === 'ts') {
      expect(bytes.equals(expected)).toBe(true);
    } else {
      // fMP4: the same bytes but the fragments' times (tfdt, sidx), moved to start at 0.
      const times = tfdtValues(expected);
      expect(times.length).toBeGreaterThanOrEqual(150);
      expect(mask(bytes, times).equals(mask(expected, times))).toBe(true);
      expect(bytes.equals(expected)).toBe(false);
    }

    // ffprobe reads it as video of about five minutes.
    const probe = JSON.parse(
      execFileSync('/usr/bin/ffprobe', [
        '-v',
        'error',
        '-show_entries',
        'format=duration,start_time:stream=codec_type,start_time,duration',
        '-of',
        'json',
        (await download.path())!,
      ]).toString(),
    ) as {
      format: { duration: string; start_time: string };
      streams: { codec_type: string }[];
    };
    expect(probe.streams.some((s) => s.codec_type === 'video')).toBe(true);
    expect(Number(probe.format.duration)).toBeGreaterThan(5 * 60 - 5);
    expect(Number(probe.format.duration)).toBeLessThan(5 * 60 + 5);
    // An MP4 starts at 0 (a TS may start anywhere: players count from its first timestamp).
    if (container === 'fmp4') expect(Number(probe.format.start_time)).toBeLessThan(1);

    // The export is in the record: who took which camera's picture of when.
    await desk.getByTestId('desk-tab-audit').click();
    await expect(
      desk.getByTestId('audit-row').filter({ hasText: 'playback.clipExported' }).first(),
    ).toBeVisible({ timeout: 30_000 });
  });
}

test("an incident's 上墙与回放 opens the picker at the report's time and plays the chosen range on its tiles", async ({
  page,
  context,
  vigil,
}) => {
  const desk = await connectDesk(vigil.deskUrl);
  try {
    // A call at an online camera: its cameras go to the focus wall.
    // The station may not have its catalog yet when the test starts: ask until it has.
    let camera: Catalog['cameras'][number] | undefined;
    await expect
      .poll(
        async () => {
          const catalog = await desk.call<Catalog>('catalog.get', {});
          camera = catalog.cameras.find((c) => c.status === 'online' && c.kind === 'fixed');
          return camera?.id ?? null;
        },
        { timeout: 30_000 },
      )
      .not.toBeNull();
    const response = await simulatorAdmin(vigil, 'POST', '/admin/incidents', {
      kind: 'call',
      lat: camera!.lat,
      lng: camera!.lng,
      category: '盗窃',
      address: '农贸市场东门',
    });
    expect(response.ok).toBe(true);
    const call = (await response.json()) as { id: string };

    const url = new URL(vigil.deskUrl);
    url.searchParams.set('tab', 'dispatch');
    await page.goto(url.href);
    const row = page.getByTestId(`incident-row-${call.id}`);
    await expect(row).toBeVisible({ timeout: 60_000 });
    await row.click();
    const incident = (await desk.call<Incident[]>('incident.list', {})).find(
      (i) => i.id === call.id,
    );
    const reportedAt = incident!.reportedAt;
    const wallCard = page.getByTestId('incident-wall');
    await wallCard.getByTestId('incident-playback-pick').click();
    // Prefilled: five minutes before the report, in the hall's time.
    const startMs = Math.floor((reportedAt - 5 * minute) / minute) * minute;
    await expect(wallCard.getByTestId('picker-date')).toHaveValue(zonedDate(startMs, zone));
    await expect(wallCard.getByTestId('picker-time')).toHaveValue(formatHhMm(startMs, zone));
    await expect(wallCard.getByTestId('playback-picker')).toContainText(
      formatTime(reportedAt, zone),
    );
    await wallCard.getByTestId('picker-minutes-5').click();
    await page.screenshot({ path: 'test-results/playback-incident-picker.png' });
    await wallCard.getByTestId('picker-submit').click();

    const where = page.getByTestId('incident-wall-where');
    await expect(where).toHaveAttribute('data-mode', 'playback', { timeout: 30_000 });
    await expect(page.getByTestId('incident-playback-state')).toContainText(
      `${zonedDate(startMs, zone)} ${formatHhMm(startMs, zone)}`,
    );
    const wall = await context.newPage();
    await wall.goto(vigil.wallUrls[0]!);
    const first = Number((await where.getAttribute('data-tiles'))!.split(',')[0]) - 1;
    const tile = wall.getByTestId(`wall-tile-${first}`);
    await expect(tile).toHaveAttribute('data-mode', 'playback', { timeout: 30_000 });
    await expect
      .poll(
        async () => Number(await tile.getByTestId('playback-badge').getAttribute('data-media-ms')),
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(startMs);
  } finally {
    desk.close();
  }
});

test.describe('at the wall, in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test("a tile's menu plays back a chosen time, and the tile exports the played range as a clip", async ({
    page,
    vigil,
  }) => {
    await page.goto(vigil.wallUrls[0]!);
    const tile = page.getByTestId('wall-tile-0');
    const cameraId = await cameraOn(tile);
    await expectDecoding(tile, { firstMs: 30_000, moreMs: 15_000, more: 5 });
    await tile.hover();
    await tile.getByTestId('tile-playback').click();
    await tile.getByTestId('playback-choose').click();
    const picker = tile.getByTestId('tile-playback-picker');
    const startMs = Math.floor((Date.now() - 30 * minute) / minute) * minute;
    await pick(picker, startMs, 5);
    await page.screenshot({ path: 'test-results/playback-wall-picker.png' });
    await picker.getByTestId('picker-submit').click();

    await expect(tile).toHaveAttribute('data-mode', 'playback');
    await expect(tile).toHaveAttribute('data-camera-id', cameraId);
    await expectDecoding(tile, { firstMs: 30_000, moreMs: 15_000, more: 5 });
    const badge = tile.getByTestId('playback-badge');
    await expect(badge).toHaveText(new RegExp(`^回放 ${formatHhMm(startMs, zone)}:`));

    const downloaded = page.waitForEvent('download', { timeout: 120_000 });
    await tile.hover();
    await tile.getByTestId('tile-export').click();
    const download = await downloaded;
    const status = tile.getByTestId('clip-export');
    await expect(status).toHaveAttribute('data-state', 'done');
    await expect(status).toContainText(download.suggestedFilename());
    await expect(status).toContainText('片段已保存');
    expect(download.suggestedFilename()).toMatch(/_\d{8}-\d{4}-\d{4}\.(ts|mp4)$/);
    expect(readFileSync((await download.path())!).length).toBeGreaterThan(100_000);
    await page.screenshot({ path: 'test-results/playback-wall-export.png' });
  });
});

test('a segment that fails stops the export with what failed, and no file is saved', async ({
  page,
  vigil,
}) => {
  // The desk plays no video, and its miniatures' previews are kept from the live playlists:
  // every segment it asks for is the export's. The third fails.
  await page.route(/\/live\//, (route) => route.abort());
  let asked = 0;
  await page.route(/\/media\//, async (route) => {
    asked += 1;
    if (asked === 3) await route.fulfill({ status: 503, body: 'busy' });
    else await route.continue();
  });
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  const menu = await openDeskMenu(page, vigil, 0);
  await menu.getByTestId('desk-tile-export').click();
  await pick(menu, Math.floor((Date.now() - 20 * minute) / minute) * minute, 5);
  await menu.getByTestId('picker-submit').click();
  const status = menu.getByTestId('clip-export');
  await expect(status).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  await expect(menu.getByTestId('clip-error')).toContainText(/Part 3 of 150|Part 2 of 150/);
  await expect(menu.getByTestId('clip-error')).toContainText('no file was saved');
  await page.screenshot({ path: 'test-results/playback-desk-export-failed.png' });
  expect(asked).toBe(3);
  expect(downloads).toBe(0);
});

test('with the platform down, the timeline is a plain bar that says it does not know, and why', async ({
  context,
  vigil,
}) => {
  const { tile } = await wallTile(context, vigil, 1);
  const down = await simulatorAdmin(vigil, 'POST', '/admin/faults', { kind: 'platform-down' });
  expect(down.ok).toBe(true);
  try {
    const desk = await context.newPage();
    const menu = await openDeskMenu(desk, vigil, 1);
    await playFromDesk(menu, Math.floor((Date.now() - 3 * 60 * minute) / minute) * minute, 15);
    await expect(tile).toHaveAttribute('data-mode', 'playback', { timeout: 30_000 });
    const timeline = tile.getByTestId('playback-timeline');
    await expect(timeline).toHaveAttribute('data-known', 'false', { timeout: 60_000 });
    await expect(timeline).toHaveAttribute('data-reason', 'unreachable');
    // No recorded stretch and no gap drawn: it never pretends.
    await expect(timeline.getByTestId('timeline-recorded')).toHaveCount(0);
    await expect(timeline.getByTestId('timeline-gap')).toHaveCount(0);
    await expect(timeline).toHaveAttribute(
      'title',
      /^Whether this was recorded is not known: the platform could not be reached/,
    );
  } finally {
    await simulatorAdmin(vigil, 'DELETE', '/admin/faults');
  }
});

test('a played range longer than an hour: the tile asks which part to export', async ({
  context,
  vigil,
}) => {
  const { wall, tile } = await wallTile(context, vigil, 0);
  const desk = await context.newPage();
  const menu = await openDeskMenu(desk, vigil, 0);
  const startMs = Math.floor((Date.now() - 5 * 60 * minute) / minute) * minute;
  await playFromDesk(menu, startMs, 120);
  await expect(tile).toHaveAttribute('data-mode', 'playback', { timeout: 30_000 });
  // The desk offers no one-click export of two hours, only a picked part.
  await expect(menu.getByTestId('desk-tile-export-played')).toHaveCount(0);

  await tile.hover();
  await tile.getByTestId('tile-export').click();
  const picker = tile.getByTestId('tile-clip-picker');
  await expect(picker).toContainText('The range is 120 min; a clip is at most 60 min');
  await expect(picker.getByTestId('picker-minutes-120')).toHaveCount(0);
  await pick(picker, startMs + 30 * minute, 5);
  await wall.screenshot({ path: 'test-results/playback-wall-too-long.png' });
  const downloaded = wall.waitForEvent('download', { timeout: 120_000 });
  await picker.getByTestId('picker-submit').click();
  const download = await downloaded;
  const stamp = formatHhMm(startMs + 30 * minute, zone).replace(':', '');
  expect(download.suggestedFilename()).toContain(`-${stamp}-`);
  await expect(tile.getByTestId('clip-export')).toHaveAttribute('data-state', 'done');
});
