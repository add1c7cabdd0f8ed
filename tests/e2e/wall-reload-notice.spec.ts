/**
 * A wall the shell reloaded to free memory (electron/shell/memory-guard.ts loads it with
 * `?notice=memory`) says so on screen, plays again, and a later reload by hand does not repeat it.
 * A wall page in a browser, which cannot read its memory, reloads itself after
 * `walls.pageReloadHours` at a calm moment (renderer/wall/scheduled-reload.ts), and says so too.
 */
import { expect, test } from './fixtures';

test.use({ hostOptions: { cameras: 200, walls: 1 } });

test('a wall reloaded by the memory guard says why, plays, and forgets it on the next reload', async ({
  page,
  vigil,
}) => {
  const url = new URL(vigil.wallUrls[0]!);
  url.searchParams.set('notice', 'memory');
  await page.goto(url.href);
  const notice = page.getByTestId('wall-reload-notice');
  await expect(notice).toHaveText(
    /本窗口已自动重新加载以释放内存|This wall was reloaded to free memory/,
  );
  await expect(page.getByTestId('wall-tile-0')).toHaveAttribute('data-state', 'playing', {
    timeout: 30_000,
  });
  expect(new URL(page.url()).searchParams.has('notice')).toBe(false);
  await page.reload();
  await expect(page.getByTestId('wall-tile-0')).toHaveAttribute('data-state', 'playing', {
    timeout: 30_000,
  });
  await expect(notice).toHaveCount(0);
});

test.describe('in a browser, on schedule', () => {
  test.use({
    hostOptions: { cameras: 200, walls: 1, config: { walls: { pageReloadHours: 1 } } },
  });

  test('a wall page reloads itself after walls.pageReloadHours, not while a tile is enlarged, and says why', async ({
    page,
    vigil,
  }) => {
    // The page's clock is the test's: an hour passes when it says.
    await page.clock.install();
    await page.goto(vigil.wallUrls[0]!);
    const tile = page.getByTestId('wall-tile-0');
    await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
    // This page, as opposed to the one a reload brings.
    await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
    const samePage = () =>
      page.evaluate(() => (window as unknown as { before?: boolean }).before === true);

    // A watcher has a tile enlarged when the hour is up: the wall waits.
    await tile.dblclick();
    await expect(tile).toHaveAttribute('data-enlarged', 'true');
    await page.clock.fastForward('01:00:30');
    await page.clock.fastForward(30_000);
    expect(await samePage()).toBe(true);

    // Put back: at the next look the wall reloads, comes back playing, and says why.
    await tile.dblclick();
    await expect(tile).toHaveAttribute('data-enlarged', 'false');
    await page.clock.fastForward(30_000);
    const notice = page.getByTestId('wall-reload-notice');
    await expect(notice).toHaveText(
      /本窗口已按计划定时重新加载以释放内存|This wall was reloaded on schedule to free memory/,
    );
    expect(await samePage()).toBe(false);
    await expect(page.getByTestId('wall-tile-0')).toHaveAttribute('data-state', 'playing', {
      timeout: 30_000,
    });
    expect(new URL(page.url()).searchParams.has('notice')).toBe(false);
  });
});
