/**
 * A wall the shell reloaded to free memory (electron/shell/memory-guard.ts loads it with
 * `?notice=memory`) says so on screen, plays again, and a later reload by hand does not repeat it.
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
