/**
 * Map UI bench (issue #5) against a running browser host:
 *   npx tsx tests/bench/map-ui.ts "<desk URL printed by npm run serve>"
 * 1. first paint: ms from navigation (desk opened on the map tab) until the camera canvas has
 *    drawn every camera of the catalog;
 * 2. main-thread busy share over 30 s with the units stream moving 400 units at 1 Hz (CDP
 *    Performance TaskDuration delta / wall time), plus long tasks (> 50 ms) seen meanwhile;
 * 3. replay of the last 24 h of one patrol car: ms from "show tracks" to the polyline drawn,
 *    with the number of points the core returned.
 */
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium';

/**
 * With SEED_DB=<dataDir>/vigil.db, the 24 h before the host's first fix of the replayed unit are
 * filled with one fix a second (a slow loop around its first position), so the replay reads a
 * real day (86,400 fixes) even on a host started minutes ago.
 */
function seedDay(dbPath: string, callSign: string): number {
  const db = new Database(dbPath, { timeout: 10_000 });
  try {
    const unit = db
      .prepare('SELECT unit_id AS id FROM units_seen WHERE call_sign = ?')
      .get(callSign) as { id: string } | undefined;
    if (!unit) throw new Error(`no unit ${callSign} in ${dbPath}`);
    const first = db
      .prepare('SELECT at, lat, lng FROM unit_positions WHERE unit_id = ? ORDER BY at LIMIT 1')
      .get(unit.id) as { at: number; lat: number; lng: number };
    const insert = db.prepare(
      'INSERT OR IGNORE INTO unit_positions (unit_id, at, lat, lng, heading, speed) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const day = 86_400;
    db.transaction(() => {
      for (let s = day; s >= 1; s--) {
        const a = (s / 3600) * Math.PI; // a loop of ~2 km every 2 h
        insert.run(
          unit.id,
          first.at - s * 1000,
          first.lat + 0.01 * Math.sin(a) * Math.cos(a / 7),
          first.lng + 0.012 * Math.cos(a),
          ((a * 180) / Math.PI) % 360,
          8,
        );
      }
    })();
    return day;
  } finally {
    db.close();
  }
}

const deskUrl = process.argv[2];
if (!deskUrl) throw new Error('usage: tsx tests/bench/map-ui.ts <desk URL>');
const busySeconds = Number(process.env.BUSY_SECONDS ?? 30);

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const url = new URL(deskUrl);
  url.searchParams.set('tab', 'map');

  // 1. First paint.
  const started = Date.now();
  await page.goto(url.href);
  await page.waitForFunction(
    () => {
      const el = document.querySelector<HTMLElement>('[data-testid="map"]');
      return !!el && Number(el.dataset.cameraCount) > 0;
    },
    undefined,
    { timeout: 60_000, polling: 10 },
  );
  const firstPaintMs = Date.now() - started;
  const map = page.getByTestId('map');
  const cameras = Number(await map.getAttribute('data-camera-count'));
  const drawMs = Number(await map.getAttribute('data-camera-draw-ms'));
  console.log(
    `first paint: ${cameras} cameras drawn ${firstPaintMs} ms after navigation (one canvas draw ${drawMs} ms)`,
  );

  // 2. Busy share with units moving.
  await page.waitForTimeout(3_000);
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name: string): Promise<number> =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0;
  const taskBefore = await metric('TaskDuration');
  const t0 = Date.now();
  await page.waitForTimeout(busySeconds * 1000);
  const busy = (await metric('TaskDuration')) - taskBefore;
  const wall = (Date.now() - t0) / 1000;
  const longTasks = await page.evaluate(
    () => (window as unknown as { longTasks: number[] }).longTasks,
  );
  const units = await map.getAttribute('data-unit-count');
  console.log(
    `units moving: ${units} units, main thread busy ${((busy / wall) * 100).toFixed(1)} % over ${wall.toFixed(0)} s; long tasks: ${longTasks.length} (max ${Math.round(Math.max(0, ...longTasks))} ms)`,
  );

  // 3. Replay 24 h of one car.
  const callSign = await page
    .locator('.leaflet-units-pane .unit-car .unit-call')
    .first()
    .evaluate((el) => el.textContent ?? '');
  if (process.env.SEED_DB) console.log(`seeded ${seedDay(process.env.SEED_DB, callSign)} fixes`);
  await page.getByTestId('map-tab-tracks').click();
  await page.getByTestId('track-units').fill(callSign);
  await page.getByTestId('track-range').selectOption('h24');
  const r0 = Date.now();
  await page.getByTestId('track-load').click();
  await page.waitForFunction(
    () => !!document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.trackPoints,
    undefined,
    { timeout: 60_000, polling: 10 },
  );
  await page.locator('path.track-line').waitFor({ state: 'attached' });
  const replayMs = Date.now() - r0;
  const points = await map.getAttribute('data-track-points');
  const summary = await page.getByTestId('track-list').textContent();
  console.log(
    `replay 24 h of ${callSign}: ${points} points drawn in ${replayMs} ms (${summary?.trim()})`,
  );
} finally {
  await browser.close();
}
