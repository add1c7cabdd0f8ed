/**
 * A wall's first start without a decoder budget (issue #3 item 8): it measures this machine with
 * hidden players, says so on the wall in words, stores the budget it found and uses it; started
 * again, it uses the stored budget without measuring. Two walls starting together measure one at
 * a time: the other waits and takes the answer. (Every other e2e wall gets `?budget=16` from the
 * fixture and never calibrates. One test, not two: a calibration is 15 s of CI.)
 */
import { BUDGET_STORAGE_KEY } from '../../renderer/wall/decoder-budget';
import { expect, test } from './fixtures';

test.describe('two walls starting together', () => {
  test.use({ hostOptions: { cameras: 200, walls: 2 } });

  test('two fresh walls calibrate one at a time: one measures and stores it, the other takes its answer; started again, they use it', async ({
    page,
    vigil,
  }) => {
    const second = await page.context().newPage();
    const walls = [page, second] as const;
    await Promise.all(
      walls.map((p, i) => {
        const url = new URL(vigil.wallUrls[i]!);
        url.searchParams.delete('budget');
        return p.goto(url.href);
      }),
    );
    const phase = (p: (typeof walls)[number]) =>
      p
        .getByTestId('wall-calibration')
        .getAttribute('data-phase', { timeout: 1_000 })
        .catch(() => null);
    // At some moment one wall measures while the other waits for it.
    let waiter: (typeof walls)[number] | null = null;
    await expect
      .poll(
        async () => {
          const phases = await Promise.all(walls.map(phase));
          waiter = walls[phases.indexOf('waiting')] ?? null;
          return [...phases].sort().join(',');
        },
        { timeout: 60_000, intervals: [200] },
      )
      .toBe('measuring,waiting');

    const measurer = waiter === page ? second : page;
    // The measurer says so in words, with how many streams it has running.
    await expect(measurer.getByTestId('wall-calibration')).toHaveText(
      /正在测定解码能力… \d+ 路|Measuring decoder capacity… \d+ streams|解码能力已测定/,
    );

    // Both end on the one budget measured, and the waiter says whose it is.
    await expect(waiter!.getByTestId('wall-calibration')).toHaveText(
      /解码能力：\d+ 路（由其他电视墙窗口测定）|Decoder capacity: \d+ streams \(measured by another wall\)/,
      { timeout: 90_000 },
    );
    const stored = await page.evaluate((key) => localStorage.getItem(key), BUDGET_STORAGE_KEY);
    expect(stored).not.toBeNull();
    const budget = Number(stored);
    expect(Number.isInteger(budget) && budget >= 1 && budget <= 64, `stored ${budget}`).toBe(true);
    await expect(measurer.getByTestId('wall-calibration')).toHaveText(
      new RegExp(`解码能力已测定：${budget} 路|Decoder capacity measured: ${budget} streams`),
    );
    for (const [i, p] of walls.entries())
      await expect(p.getByTestId(`wall-${i + 1}`)).toHaveAttribute('data-budget', stored!);
    // Nobody left a measuring player behind.
    for (const p of walls) await expect(p.locator('.wall-calibration-layer')).toHaveCount(0);

    // Started again: the stored budget, no second calibration, and the wall plays.
    await measurer.reload();
    await expect(measurer.getByTestId(`wall-${measurer === page ? 1 : 2}`)).toHaveAttribute(
      'data-budget',
      stored!,
    );
    await expect(measurer.getByTestId('wall-tile-0')).toHaveAttribute('data-state', 'playing', {
      timeout: 30_000,
    });
    await expect(measurer.getByTestId('wall-calibration')).toHaveCount(0);
  });
});
