/**
 * What a tile's video does, as the e2e suites check it: frames are counted on the <video> in
 * front (the one on screen), never inferred from a label.
 */
import type { Locator } from '@playwright/test';
import { expect } from './fixtures';

/** Frames the tile's on-screen video has decoded (getVideoPlaybackQuality); 0 with none. */
export async function frames(tile: Locator): Promise<number> {
  return tile
    .locator('video[data-front="true"]')
    .evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames)
    .catch(() => 0);
}

/**
 * The tile decodes now: a first frame within `firstMs`, then `more` frames more within `moreMs`
 * (the count rises between two looks, so a frozen first frame does not pass).
 */
export async function expectDecoding(
  tile: Locator,
  { firstMs = 60_000, moreMs = 30_000, more = 10 } = {},
): Promise<void> {
  await expect.poll(() => frames(tile), { timeout: firstMs }).toBeGreaterThan(0);
  const before = await frames(tile);
  await expect.poll(() => frames(tile), { timeout: moreMs }).toBeGreaterThan(before + more);
}

/**
 * Records every state a tile passes through from now on (its `data-state`, each change once);
 * the returned function reads them.
 */
export async function recordStates(tile: Locator): Promise<() => Promise<string[]>> {
  await tile.evaluate((el) => {
    const seen: string[] = [];
    (el as HTMLElement & { __states?: string[] }).__states = seen;
    new MutationObserver(() => {
      const state = el.getAttribute('data-state') ?? '';
      if (seen[seen.length - 1] !== state) seen.push(state);
    }).observe(el, { attributes: true, attributeFilter: ['data-state'] });
  });
  return () =>
    tile.evaluate((el) => [...((el as HTMLElement & { __states?: string[] }).__states ?? [])]);
}
