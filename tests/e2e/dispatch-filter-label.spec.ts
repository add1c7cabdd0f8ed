/**
 * The Dispatch tab's queue filters read whole in English (issue #15: "All categories" was cut
 * to "All categ"): each filter is at least as wide as the words it shows.
 */
import { expect, test } from './fixtures';

test('the queue filters show their words whole, in English and in Chinese', async ({
  page,
  vigil,
}) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  const url = new URL(vigil.deskUrl);
  url.searchParams.set('tab', 'dispatch');
  await page.goto(url.href);
  await expect(page.getByTestId('incident-queue')).toBeVisible({ timeout: 60_000 });
  for (const language of ['en', 'zh-CN']) {
    if (language === 'zh-CN') await page.getByTestId('language-switch').click();
    const category = page.getByTestId('incident-filter-category');
    await expect(category.locator('option').first()).toHaveText(
      language === 'en' ? 'All categories' : '全部类别',
    );
    for (const id of [
      'incident-filter-status',
      'incident-filter-category',
      'incident-filter-zone',
    ]) {
      // The select's room for its words (its width less padding and the arrow) against the
      // width of the words it shows, in its own font.
      const fit = await page.getByTestId(id).evaluate((select: HTMLSelectElement) => {
        const style = getComputedStyle(select);
        const probe = document.createElement('span');
        probe.style.font = style.font;
        probe.style.whiteSpace = 'pre';
        probe.textContent = select.selectedOptions[0]?.textContent ?? '';
        document.body.append(probe);
        const words = probe.getBoundingClientRect().width;
        probe.remove();
        const room =
          select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
        return { words, room, text: probe.textContent };
      });
      expect(fit.room, `${id} (${language}): "${fit.text}"`).toBeGreaterThanOrEqual(fit.words);
    }
  }
});
