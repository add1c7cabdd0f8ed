/**
 * The product a wall reads (issue #17 item 6): the pin of its layout, "latest" being the last full
 * period at the time asked (rolling on), and only what the dashboard draws.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProductPin } from '../../../../shared/contract/analysis';
import { chief, DAY, harness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

const csv = (rows: string[]) =>
  ['number,category,level,reported_at,window_start,window_end,lat,lng,address', ...rows].join('\n');

describe('analysis.wallProduct', () => {
  it("reads the wall's pin; latest rolls on; no surface or near repeats", async () => {
    const pins = new Map<number, ProductPin>([[1, { kind: 'daily' }]]);
    h = harness({}, { wallPin: (id) => pins.get(id) ?? null });
    h.cap.handlers['analysis.importCsv'](
      {
        name: '',
        csv: csv([
          '1,入室盗窃,2,2026-11-30 02:10,,,35.405,116.975,a',
          '2,入室盗窃,2,2026-11-30 03:10,,,35.405,116.975,a',
          '3,纠纷,3,2026-12-01 20:15,,,35.406,116.985,b',
        ]),
      },
      chief,
    );
    const p = await h.cap.handlers['analysis.wallProduct']({ wallId: 1 }, chief);
    expect(p).toMatchObject({ kind: 'daily', label: '2026-11-30', total: 2, kde: null });
    expect(p.nearRepeats).toEqual([]);
    expect(p.hexes.every((x) => x.confidence !== null && x.z > 0)).toBe(true);
    // A day later the latest daily product is the next day's.
    h.clock.now += DAY;
    const next = await h.cap.handlers['analysis.wallProduct']({ wallId: 1 }, chief);
    expect(next).toMatchObject({ label: '2026-12-01', total: 1 });
    // A fixed day stays.
    pins.set(1, { kind: 'daily', date: '2026-11-30' });
    expect(await h.cap.handlers['analysis.wallProduct']({ wallId: 1 }, chief)).toMatchObject({
      label: '2026-11-30',
    });
    await expect(h.cap.handlers['analysis.wallProduct']({ wallId: 2 }, chief)).rejects.toThrow(
      /shows no product/,
    );
  });
});
