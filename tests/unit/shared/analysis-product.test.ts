/**
 * The analysis product as a whole (issue #17 item 2): near-repeat pairs, a small station's daily
 * product (totals, comparisons, categories, areas with a filter, hexes with Gi* and FDR), and a
 * period with no history. Hall: Asia/Shanghai; machine zone UTC.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nearRepeats, type RepeatIncident } from '../../../shared/domain/analysis/near-repeat';
import {
  computeProduct,
  type ProductArea,
  type ProductIncident,
  type ProductInput,
} from '../../../shared/domain/analysis/product';
import { localFrame } from '../../../shared/domain/geo/distance';
import { parseDateTime } from '../../../shared/domain/time/hall-time';

const tz = 'Asia/Shanghai';
const day = 86_400_000;
const at = (text: string): number => {
  const t = parseDateTime(text, tz);
  if (t === null) throw new Error(`bad time in the test: ${text}`);
  return t;
};
const frame = localFrame({ lat: 35.4, lng: 116.97 });
const xy = (x: number, y: number) => frame.toLatLng({ x, y });

beforeAll(() => {
  process.env.TZ = 'UTC';
});

describe('near-repeat', () => {
  const t0 = at('2026-11-01 10:00');
  const burglary = (id: string, days: number, x: number, y: number, category = '入室盗窃') => ({
    id,
    number: `J${id}`,
    category,
    ...xy(x, y),
    reportedAt: t0 + days * day,
  });

  it('pairs a burglary with earlier ones within 200 m and 14 days, from a grid index', () => {
    const list: RepeatIncident[] = [
      burglary('a', 0, 0, 0), // before the period: history only
      burglary('b', 5, 150, 0), // 150 m and 5 days after a
      burglary('c', 18, 150, 100), // 100 m from b, 13 days after; a is 18 days before: too long
      burglary('d', 6, 450, 0), // 300 m from b: too far
      burglary('e', 6, 160, 0, '诈骗'), // not burglary-type
      burglary('f', 19, 5000, 5000), // alone
    ];
    const found = nearRepeats(list, list, {
      from: t0 + 3 * day,
      to: t0 + 30 * day,
      categories: ['盗窃', '入室盗窃'],
      distanceM: 200,
      days: 14,
    });
    expect(found.map((r) => [r.incidentId, r.near])).toEqual([
      ['c', [{ incidentId: 'b', number: 'Jb', distanceM: 100, days: 13 }]],
      ['b', [{ incidentId: 'a', number: 'Ja', distanceM: 150, days: 5 }]],
    ]);
  });
});

describe('computeProduct', () => {
  // Two grids side by side in one zone: G1 west (x −1000…0), G2 east (0…1000), y −1000…1000.
  const ring = (x0: number, x1: number): [number, number][] =>
    [
      [x0, -1000],
      [x1, -1000],
      [x1, 1000],
      [x0, 1000],
    ].map(([x, y]) => {
      const p = xy(x ?? 0, y ?? 0);
      return [p.lng, p.lat] as [number, number];
    });
  const areas: ProductArea[] = [
    { id: 'R1', name: '城区', level: 'region', parentId: null },
    { id: 'Z1', name: '城关派出所', level: 'zone', parentId: 'R1' },
    { id: 'G1', name: '城关一网格', level: 'grid', parentId: 'Z1', ring: ring(-1000, 0) },
    { id: 'G2', name: '城关二网格', level: 'grid', parentId: 'Z1', ring: ring(0, 1000) },
  ];
  const sw = xy(-1000, -1000);
  const ne = xy(1000, 1000);
  const bounds = { south: sw.lat, west: sw.lng, north: ne.lat, east: ne.lng };
  let n = 0;
  const incident = (
    time: string,
    x: number,
    y: number,
    category = '盗窃',
    over: Partial<ProductIncident> = {},
  ): ProductIncident => ({
    id: `i${++n}`,
    number: `J${n}`,
    category,
    ...xy(x, y),
    reportedAt: at(time),
    gridId: null,
    zoneId: null,
    ...over,
  });
  // The day 2026-12-02 (Wednesday): 8 thefts at one spot in G2 (x 500, y 0), 2 disputes in G1.
  const day2 = [
    ...Array.from({ length: 8 }, (_, i) => incident(`2026-12-02 0${i}:10`, 500, 0)),
    incident('2026-12-02 20:00', -500, 300, '纠纷'),
    incident('2026-12-02 21:00', -500, -300, '纠纷', { gridId: 'G1', zoneId: 'Z1' }),
  ];
  // The same weekday last week (11-25): 4 thefts in G2, 1 in G1.
  const lastWeek = [
    ...Array.from({ length: 4 }, () => incident('2026-11-25 12:00', 500, 500)),
    incident('2026-11-25 13:00', -500, 500),
  ];
  const input = (over: Partial<ProductInput> = {}): ProductInput => ({
    kind: 'daily',
    date: '2026-12-02',
    timeZone: tz,
    incidents: [...day2, ...lastWeek],
    areas,
    coveredFrom: at('2026-11-01 00:00'),
    areaId: null,
    bounds,
    generatedAt: at('2026-12-03 08:00'),
    ...over,
  });

  it('totals, comparisons, categories and areas of a day', () => {
    const p = computeProduct(input());
    expect([p.label, p.total, p.noData, p.from]).toEqual([
      '2026-12-02',
      10,
      false,
      at('2026-12-02 00:00'),
    ]);
    // mean28: the 5 incidents of 11-25 over 28 days.
    expect(p.comparisons.map((c) => [c.key, c.total])).toEqual([
      ['prev', 5],
      ['mean28', 5 / 28],
    ]);
    expect(p.categories).toEqual([
      { category: '盗窃', count: 8, prev: 5, change: 0.6 },
      { category: '纠纷', count: 2, prev: 0, change: null },
    ]);
    expect(p.areas.map((a) => [a.areaId, a.level, a.count, a.prev, a.change])).toEqual([
      ['Z1', 'zone', 10, 5, 1],
      ['G2', 'grid', 8, 4, 1],
      ['G1', 'grid', 2, 1, 1],
    ]);
    // Wednesday row: one theft in each of hours 0–7, disputes at 20 and 21.
    expect(p.heat[2]?.slice(0, 8)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(p.heat.flat().reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('the hex of the 8 thefts and its ring are 95 % hot spots with the z of the formula', () => {
    const p = computeProduct(input());
    const hot = p.hexes.find((h) => h.count === 8);
    // ±1000 m at 250 m: rows r = −4…4 (216.5 m apart); the 5 even rows have 9 cells (x = 250 k,
    // k = −4…4), the 4 odd rows 8 (x = 250 (k + ½)): n = 77. 8 incidents in one interior cell,
    // 2 far away in cells of their own. The hot cell's neighbourhood holds only its own 8
    // (w = 7): X̄ = 10/77, Σx² = 64 + 1 + 1 = 66, S = √(66/77 − (10/77)²) = 0.91667;
    // z = (8 − 7·10/77) / (S √((77·7 − 49)/76)) = 7.0909 / (0.91667 · 2.53917) = 3.0465.
    const nCells = 77;
    const mean = 10 / nCells;
    const s = Math.sqrt(66 / nCells - mean * mean);
    const z = (8 - 7 * mean) / (s * Math.sqrt((nCells * 7 - 49) / (nCells - 1)));
    expect(z).toBeCloseTo(3.0465, 4);
    expect(hot?.z).toBeCloseTo(z, 3);
    // p = 2 (1 − Φ(3.0465)) ≈ 0.00232 (99 % alone), but the hot cell's 6 neighbours see the same
    // 8 with the same w and share its z: ranks 1–7 of 77, so BH gives q = 0.00232 · 77 / 7 ≈
    // 0.0255 → 95 % for all seven (the false discovery rate correction at work).
    expect(hot?.confidence).toBe(95);
    expect(p.hexes.filter((h) => h.confidence === 95 && h.z === hot?.z)).toHaveLength(7);
    expect(p.hexes.filter((h) => h.confidence !== null)).toHaveLength(7);
    expect(hot?.gridId).toBe('G2');
    expect(hot?.id).toBe('2,0');
    // Only cells with incidents or significance: the 3 incident cells and significant neighbours.
    expect(p.hexes.every((h) => h.count > 0 || h.confidence !== null)).toBe(true);
    expect(p.kde?.max).toBeGreaterThan(0);
  });

  it('a grid filter keeps its incidents, its area and its hexes', () => {
    const p = computeProduct(input({ areaId: 'G1' }));
    expect(p.total).toBe(2);
    expect(p.categories).toEqual([
      { category: '纠纷', count: 2, prev: 0, change: null },
      { category: '盗窃', count: 0, prev: 1, change: -1 },
    ]);
    expect(p.areas.map((a) => a.areaId)).toEqual(['G1']);
    expect(p.hexes.every((h) => h.gridId === 'G1')).toBe(true);
  });

  it('refuses bad input with a clear error', () => {
    expect(() => computeProduct(input({ areaId: 'nowhere' }))).toThrow(/no such area: nowhere/);
    expect(() => computeProduct(input({ date: '2026-13-01' }))).toThrow(/YYYY-MM-DD/);
    expect(() => computeProduct(input({ timeZone: 'Nowhere/City' }))).toThrow(/time zone/);
    expect(() => computeProduct(input({ hexSizeM: 0 }))).toThrow(/at least 10 m/);
    expect(() => computeProduct(input({ kdeCellM: -5 }))).toThrow(/kdeCellM is more than 0/);
    expect(() => computeProduct(input({ nearRepeatDays: 0, coveredFrom: null }))).toThrow(
      /nearRepeatDays is more than 0/,
    );
  });

  it('says noData when no history covers the period, and null comparisons before coverage', () => {
    const none = computeProduct(input({ coveredFrom: null }));
    expect([none.noData, none.total, none.kde, none.hexes]).toEqual([true, 0, null, []]);
    expect(none.comparisons.map((c) => c.total)).toEqual([null, null]);
    expect(computeProduct(input({ coveredFrom: at('2026-12-03 00:00') })).noData).toBe(true);
    // Covered from 11-30: the day is there, last week's day is not (null, not 0).
    const late = computeProduct(input({ coveredFrom: at('2026-11-30 00:00') }));
    expect(late.noData).toBe(false);
    expect(late.comparisons.map((c) => c.total)).toEqual([null, 0]);
    expect(late.categories[0]).toEqual({ category: '盗窃', count: 8, prev: null, change: null });
  });
});
