/**
 * The map on a wall (layout "map"), read from three metres (issue #15): camera dots large
 * enough to see, and no name written over another — at the county view and zoomed in, where
 * more names have room. Screenshots at the wall's size go to the test's output.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Boxes of the names drawn on the map (shown, not left out), in page pixels. */
async function shownLabels(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.area-label span, .unit-call')]
      .filter((el) => getComputedStyle(el).visibility !== 'hidden')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent ?? '', x: r.left, y: r.top, w: r.width, h: r.height };
      })
      .filter((b) => b.w > 0 && b.h > 0),
  );
}

function overlaps(boxes: Awaited<ReturnType<typeof shownLabels>>): string[] {
  const found: string[] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
        found.push(`${a.text} / ${b.text}`);
      }
    }
  });
  return found;
}

test('the map on a wall has dots seen from across the hall and names that do not overlap', async ({
  context,
  vigil,
}) => {
  const wall = await context.newPage();
  await wall.setViewportSize({ width: 1920, height: 1080 });
  await wall.goto(vigil.wallUrls[0]!);
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  await desk.getByTestId('layout-select-1').selectOption('map');
  await expect(wall.getByTestId('wall-1')).toHaveAttribute('data-layout', 'map');
  const map = wall.getByTestId('map');
  await expect(map).toHaveAttribute('data-camera-count', /^[1-9]\d*$/);
  await expect(wall.locator('.area-label-zone span').first()).toBeAttached();

  for (const zoom of [12, 14, 16]) {
    await wall.evaluate((z) => {
      const el = document.querySelector('[data-testid="map"]') as HTMLElement & {
        vigilMap?: { setZoom(z: number, o: { animate: boolean }): void };
      };
      el.vigilMap!.setZoom(z, { animate: false });
    }, zoom);
    // A dot at least 4 px across at the county view (the desk's is 1.6 px at zoom 11).
    await expect(map).toHaveAttribute('data-camera-radius', /^([4-9]|\d\d)(\.\d)?$/);
    // The declutter pass has run at this zoom (it says how many it left out).
    await expect(map).toHaveAttribute('data-labels-hidden', /^\d+$/);
    await expect.poll(async () => overlaps(await shownLabels(wall))).toEqual([]);
    expect((await shownLabels(wall)).length).toBeGreaterThan(0);
    await wall.screenshot({ path: test.info().outputPath(`wall-map-z${zoom}.png`) });
  }
});
