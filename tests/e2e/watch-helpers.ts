/**
 * Helpers of the desk's Watch tab tests, shared by tests/e2e/watch-desk.spec.ts and the README
 * screenshot generator (tests/screenshots).
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** One contract call from the desk page, on a socket of its own (the desk's token). */
export async function contract<T>(page: Page, method: string, input: unknown): Promise<T> {
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
export async function openWatch(page: Page, deskUrl: string): Promise<void> {
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
export async function tick(page: Page, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = page.getByTestId('camera-row').nth(i);
    ids.push((await row.getAttribute('data-camera-id'))!);
    await row.getByTestId('camera-check').check();
  }
  return ids;
}
