/**
 * Products at the station (issue #17 item 2): built from the history in the store and the map's
 * geometry, computed in a worker thread (the worker entry bundled here with esbuild, as
 * electron-vite bundles it for the app), cached per kind, date, area and history version.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lastFullPeriod } from '../../../../electron/station/analysis/analysis-capability';
import { chief, DAY, harness, T0, type Harness } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

let dir = '';
let workerFile = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-product-worker-'));
  workerFile = join(dir, 'product-worker.mjs');
  buildSync({
    entryPoints: ['electron/station/analysis/product-worker.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: workerFile,
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = (rows: string[]) =>
  ['number,category,level,reported_at,window_start,window_end,lat,lng,address', ...rows].join('\n');

describe('analysis.product', () => {
  it('the last full periods are yesterday, last week, last month (hall time)', () => {
    expect(lastFullPeriod('daily', T0, 'Asia/Shanghai')).toBe('2026-11-30');
    expect(lastFullPeriod('weekly', T0, 'Asia/Shanghai')).toBe('2026-11-23');
    expect(lastFullPeriod('monthly', T0, 'Asia/Shanghai')).toBe('2026-11-01');
  });

  it('computes yesterday in the worker from the history, again only when its span changed', async () => {
    h = harness({}, { workerFile });
    h.cap.handlers['analysis.importCsv'](
      {
        name: '',
        csv: csv([
          '1,盗窃,2,2026-11-01 08:00,,,35.405,116.975,a',
          '2,盗窃,2,2026-11-30 02:10,,,35.405,116.975,a',
          '3,纠纷,3,2026-11-30 20:15,,,35.406,116.985,b',
          '4,盗窃,2,2026-11-23 03:00,,,35.405,116.975,a',
        ]),
      },
      chief,
    );
    const p = await h.cap.handlers['analysis.product']({ kind: 'daily' }, chief);
    expect(p).toMatchObject({ kind: 'daily', label: '2026-11-30', total: 2, noData: false });
    expect(p.computeMs).toBeGreaterThan(0); // measured in the worker
    expect(p.categories.map((c) => [c.category, c.count, c.prev])).toEqual([
      ['盗窃', 1, 1],
      ['纠纷', 1, 0],
    ]);
    expect(p.heat[0]?.[2]).toBeCloseTo(1); // Monday 02:00
    expect(p.areas.find((a) => a.areaId === 'g1')?.count).toBe(1);
    // Asked again: the same product (cached); a new incident: computed anew.
    expect(await h.cap.handlers['analysis.product']({ kind: 'daily' }, chief)).toBe(p);
    h.cap.handlers['analysis.importCsv'](
      { name: '', csv: csv(['5,盗窃,2,2026-11-30 09:00,,,35.405,116.975,a']) },
      chief,
    );
    const again = await h.cap.handlers['analysis.product']({ kind: 'daily' }, chief);
    expect(again.total).toBe(3);
    // An incident of today changes nothing of yesterday's: still the same product.
    h.cap.handlers['analysis.importCsv'](
      { name: '', csv: csv(['6,盗窃,2,2026-12-01 09:00,,,35.405,116.975,a']) },
      chief,
    );
    expect(await h.cap.handlers['analysis.product']({ kind: 'daily' }, chief)).toBe(again);
  });

  it('a period the history does not cover says so', async () => {
    h = harness();
    const p = await h.cap.handlers['analysis.product'](
      { kind: 'weekly', date: '2026-11-23' },
      chief,
    );
    expect(p.noData).toBe(true);
  });

  it('refuses an unknown area', async () => {
    h = harness();
    h.clock.now = T0 + DAY;
    await expect(
      Promise.resolve().then(() =>
        h!.cap.handlers['analysis.product']({ kind: 'daily', areaId: 'nope' }, chief),
      ),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});
