/**
 * A screenshot for the docs, kept small: the page as docs/screenshots/{name}.png, its colours
 * rounded when it is over ~300 KB (a dark desk over a map: 32 levels a channel are not seen, and
 * deflate well), and where story 2's market is. Shared by the *.shots.ts generators.
 */
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { readFileSync, writeFileSync } from 'node:fs';

/** Under this a picture stays as taken; over it, its colours are rounded so it packs smaller. */
const MAX_BYTES = 290_000;

/** Writes the page as docs/screenshots/{name}.png (`stories/…` for a subfolder), under ~300 KB. */
export async function shot(page: Page, name: string): Promise<void> {
  const path = `docs/screenshots/${name}.png`;
  await page.screenshot({ path, animations: 'disabled' });
  for (const step of [4, 8, 16]) {
    if (readFileSync(path).length <= MAX_BYTES) return;
    const png = PNG.sync.read(readFileSync(path));
    for (let i = 0; i < png.data.length; i += 4) {
      for (let c = 0; c < 3; c++)
        png.data[i + c] = Math.min(255, Math.round(png.data[i + c]! / step) * step);
    }
    writeFileSync(path, PNG.sync.write(png, { colorType: 2 }));
  }
}

/** The densest few hundred metres of cameras in the catalog: the market square of story 2. */
export function market(cameras: readonly { lat: number; lng: number }[]): {
  lat: number;
  lng: number;
} {
  const cells = new Map<string, { lat: number; lng: number }[]>();
  for (const c of cameras) {
    const key = `${Math.round(c.lat / 0.003)},${Math.round(c.lng / 0.003)}`;
    cells.set(key, [...(cells.get(key) ?? []), c]);
  }
  const busiest = [...cells.values()].sort((a, b) => b.length - a.length)[0]!;
  return {
    lat: busiest.reduce((s, c) => s + c.lat, 0) / busiest.length,
    lng: busiest.reduce((s, c) => s + c.lng, 0) / busiest.length,
  };
}
