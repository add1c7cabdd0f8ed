/** The Analysis tab's pure view logic (renderer/desk/analysis/analysis-model.ts, charts.ts). */
import { describe, expect, it } from 'vitest';
import type {
  AnalysisProduct,
  HexCell,
  RollCallUnit,
  Warning,
} from '../../../../shared/contract/analysis';
import type { MustReachPoint } from '../../../../shared/contract/map';
import { formatDateTime } from '../../../../shared/domain/time/hall-time';
import {
  analysisDeskHref,
  comparisonWord,
  defaultProductDate,
  defaultWarningWindow,
  formatPercentChange,
  fromLocalInput,
  hexColour,
  hotSpots,
  kdePixels,
  productCsvLines,
  productFromQuery,
  productHref,
  scoresByZone,
  partContribution,
  partMeasure,
  visitMinutes,
  visitVerdict,
  warnedPlacesReached,
  warningName,
} from '../../../../renderer/desk/analysis/analysis-model';
import { heatCells } from '../../../../renderer/desk/analysis/charts';
import { anomaliesFirst } from '../../../../renderer/desk/analysis/RollCallPanel';

const zone = 'Asia/Shanghai';

const cell = (over: Partial<HexCell>): HexCell => ({
  id: '0,0',
  lat: 35.4,
  lng: 116.97,
  count: 3,
  z: 2.8,
  confidence: 99,
  gridId: 'g1',
  ...over,
});

describe('the analysis view model', () => {
  it('defaults to yesterday, last week’s Monday and last month, in the hall’s days', () => {
    // 2026-12-03 is a Thursday.
    expect(defaultProductDate('daily', '2026-12-03')).toBe('2026-12-02');
    expect(defaultProductDate('weekly', '2026-12-03')).toBe('2026-11-23');
    expect(defaultProductDate('monthly', '2026-12-03')).toBe('2026-11-01');
    expect(defaultProductDate('monthly', '2026-01-15')).toBe('2025-12-01');
  });

  it('reads the product page’s address, snapping the date to its period, refusing junk', () => {
    expect(productFromQuery('?view=product&kind=weekly&date=2026-11-26')).toEqual({
      kind: 'weekly',
      date: '2026-11-23',
      areaId: null,
    });
    expect(productFromQuery('?kind=monthly&date=2026-11&area=z1')).toEqual({
      kind: 'monthly',
      date: '2026-11-01',
      areaId: 'z1',
    });
    expect(productFromQuery('?kind=yearly&date=2026-13-45')).toEqual({
      kind: 'daily',
      date: null,
      areaId: null,
    });
    const href = productHref(
      { pathname: '/desk', search: '?token=abc&tab=analysis' },
      { kind: 'weekly', date: '2026-11-23', areaId: null },
    );
    expect(href).toBe('/desk?token=abc&view=product&kind=weekly&date=2026-11-23');
    expect(analysisDeskHref({ pathname: '/desk', search: href.slice(5) })).toBe(
      '/desk?token=abc&tab=analysis',
    );
  });

  it('words each comparison as the hall says it', () => {
    expect(comparisonWord('daily', 'prev')).toBe('sameDayLastWeek');
    expect(comparisonWord('daily', 'mean28')).toBe('mean28');
    expect(comparisonWord('weekly', 'prev')).toBe('lastWeek');
    expect(comparisonWord('weekly', 'mean4')).toBe('mean4');
    expect(comparisonWord('monthly', 'prev')).toBe('lastMonth');
    expect(comparisonWord('monthly', 'lastYear')).toBe('lastYear');
  });

  it('shows a change in percent, and nothing when there is nothing to compare with', () => {
    expect(formatPercentChange(12, 10)).toBe('+20 %');
    expect(formatPercentChange(6, 10)).toBe('−40 %');
    expect(formatPercentChange(10, 10)).toBe('±0 %');
    expect(formatPercentChange(5, 0)).toBeNull();
    expect(formatPercentChange(5, null)).toBeNull();
  });

  it('colours hot spots red and cold blue, darker with confidence; draws no colour for the rest', () => {
    expect(hexColour({ z: 3, confidence: 99 })).toBe('#b2182b');
    expect(hexColour({ z: 1.7, confidence: 90 })).toBe('#fc8d59');
    expect(hexColour({ z: -2.1, confidence: 95 })).toBe('#4393c3');
    expect(hexColour({ z: 1.2, confidence: null })).toBeNull();
    const list = hotSpots([
      cell({ id: 'a', z: 1.8, confidence: 90, count: 9 }),
      cell({ id: 'b', z: -3, confidence: 99 }),
      cell({ id: 'c', z: 3.1, confidence: 99, count: 0 }),
      cell({ id: 'd', z: 1.1, confidence: null }),
      cell({ id: 'e', z: 2.9, confidence: 99, count: 4 }),
    ]);
    // The most certain first; a hex hot from its neighbours alone (c: none of its own) not listed.
    expect(list.map((h) => h.id)).toEqual(['e', 'a']);
  });

  it('makes the warning’s window tonight 20:00-22:00 hall time, tomorrow once 22:00 is past', () => {
    const afternoon = Date.parse('2026-12-03T07:00:00Z'); // 15:00 in Shanghai
    const w = defaultWarningWindow(afternoon, zone);
    expect(formatDateTime(w.start, zone).slice(0, 16)).toBe('2026-12-03 20:00');
    expect(formatDateTime(w.end, zone).slice(0, 16)).toBe('2026-12-03 22:00');
    const late = Date.parse('2026-12-03T14:30:00Z'); // 22:30
    expect(formatDateTime(defaultWarningWindow(late, zone).start, zone).slice(0, 16)).toBe(
      '2026-12-04 20:00',
    );
    expect(fromLocalInput('2026-12-03T20:00', zone)).toBe(w.start);
    expect(fromLocalInput('2026-12-03 25:00', zone)).toBeNull();
    expect(fromLocalInput('tonight', zone)).toBeNull();
  });

  it('names a warning after the nearest must-reach point of its grid, else the grid', () => {
    const point = (id: string, name: string, lat: number, gridId: string): MustReachPoint => ({
      id,
      name,
      lat,
      lng: 116.97,
      radiusM: 50,
      gridId,
      zoneId: 'z1',
      regionId: 'r1',
    });
    const points = [
      point('p1', '钢山一网格 农贸市场', 35.401, 'g1'), // ~110 m
      point('p2', '钢山一网格 小学', 35.403, 'g1'), // ~330 m
      point('p3', '别的网格 银行', 35.4001, 'g2'), // nearer, but another grid
    ];
    expect(warningName(cell({}), points, '钢山一网格')).toBe('钢山一网格 农贸市场');
    expect(warningName(cell({ lat: 35.5 }), points, '钢山一网格')).toBe('钢山一网格');
  });

  it('explains a score part (weight × points) and ranks units within their zone', () => {
    expect(partContribution({ weight: 0.25, points: 80 })).toBe(20);
    expect(partMeasure('lines', 0.823)).toEqual({ unit: 'share', n: 82 });
    expect(partMeasure('patrolHours', 31.46)).toEqual({ unit: 'hours', n: 31.5 });
    expect(partMeasure('arrivalTime', 412.4)).toEqual({ unit: 'seconds', n: 412 });
    expect(partMeasure('incidents', 7)).toEqual({ unit: 'count', n: 7 });
    expect(partMeasure('ackTime', null)).toEqual({ unit: 'none', n: 0 });
    const unit = (unitId: string, zoneId: string | null, rank: number) => ({
      unitId,
      callSign: unitId,
      kind: null,
      gridId: null,
      zoneId,
      total: 100 - rank,
      parts: [],
      rank,
    });
    const zones = scoresByZone(
      [unit('b', 'z1', 2), unit('a', 'z1', 1), unit('c', 'z2', 1)],
      (id) => (id === 'z1' ? '钢山' : '唐王'),
    );
    expect(zones.map((z) => [z.name, z.units.map((u) => u.unitId)])).toEqual([
      // By pinyin, as the hall reads a list: gāng before táng.
      ['钢山', ['a', 'b']],
      ['唐王', ['c']],
    ]);
  });

  it('spreads the heat table Monday first, hour across, and paints the KDE by density', () => {
    const heat = Array.from({ length: 7 }, (_, d) =>
      Array.from({ length: 24 }, (_, h) => (d === 0 && h === 21 ? 2.25 : 0)),
    );
    const cells = heatCells(heat);
    expect(cells).toHaveLength(168);
    expect(cells).toContainEqual([21, 0, 2.3]);
    const px = kdePixels({
      south: 0,
      west: 0,
      north: 1,
      east: 1,
      rows: 1,
      cols: 2,
      cellM: 100,
      bandwidthM: 300,
      values: [0.01, 4],
      max: 4,
    });
    expect(px[3]).toBe(0); // next to nothing (√0.0025 = 0.05): transparent
    expect([px[4], px[5], px[6], px[7]]).toEqual([255, 0, 0, 210]); // the densest: red
  });

  it('writes the product as CSV, saying first when the period has no data', () => {
    const product: AnalysisProduct = {
      kind: 'daily',
      label: '2026-12-02',
      from: Date.parse('2026-12-01T16:00:00Z'),
      to: Date.parse('2026-12-02T16:00:00Z'),
      generatedAt: Date.parse('2026-12-03T01:00:00Z'),
      areaId: null,
      total: 12,
      comparisons: [
        {
          key: 'prev',
          from: Date.parse('2026-11-24T16:00:00Z'),
          to: Date.parse('2026-11-25T16:00:00Z'),
          total: 10,
        },
      ],
      categories: [{ category: '盗窃', count: 5, prev: 4, change: 0.25 }],
      heat: Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0)),
      areas: [
        { areaId: 'g1', name: '钢山一网格', level: 'grid', count: 5, prev: null, change: null },
      ],
      hexSizeM: 250,
      hexes: [cell({})],
      kde: null,
      nearRepeats: [],
      noData: true,
      computeMs: 40,
    };
    const lines = productCsvLines(
      product,
      {
        header: ['栏目', '名称', '数量', '对比期', '变化 %'],
        section: {
          total: '警情数',
          comparison: () => '上周同日',
          category: '类别',
          area: '区域',
          hour: '时段',
          hotSpot: '热点',
          nearRepeat: '近重复',
        },
        weekdays: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
        noData: '无数据',
      },
      zone,
    );
    expect(lines[0]).toEqual(['无数据']);
    expect(lines).toContainEqual(['上周同日', '2026-11-25 ~ 2026-11-25', 10, '', 20]);
    expect(lines).toContainEqual(['类别', '盗窃', 5, 4, 25]);
    expect(lines).toContainEqual(['区域', '钢山一网格', 5, '', '']);
    expect(lines).toContainEqual(['热点', '35.40000,116.97000', 3, '99 %', 2.8]);
  });
});

describe('a roll call’s units', () => {
  it('come with anomalies first, then by call sign', () => {
    const unit = (callSign: string, anomalies: RollCallUnit['anomalies']): RollCallUnit => ({
      unitId: callSign,
      callSign,
      kind: null,
      gridId: null,
      status: 'available',
      fixAgeS: 1,
      insideGrid: true,
      coveredM: 0,
      pointsReached: 0,
      parkedMinutes: null,
      anomalies,
    });
    const list = anomaliesFirst([unit('巡002', []), unit('巡003', ['no-fix']), unit('巡001', [])]);
    expect(list.map((u) => u.callSign)).toEqual(['巡003', '巡001', '巡002']);
  });
});

describe('the warned places a roll call’s unit reached', () => {
  const warning = (
    name: string,
    visits: [unitId: string, arrivedAt: number, leftAt: number][],
    status: Warning['status'] = 'done',
  ): Warning => ({
    id: name,
    name,
    lat: 35.6,
    lng: 116.98,
    radiusM: 150,
    gridId: 'G1',
    zoneId: 'Z1',
    windowStart: 0,
    windowEnd: 10_000,
    stopMinMinutes: 1,
    stopMaxMinutes: 1,
    note: '',
    source: null,
    by: '王队长',
    at: 0,
    orders: [],
    visits: visits.map(([unitId, arrivedAt, leftAt]) => ({
      unitId,
      callSign: unitId,
      arrivedAt,
      leftAt,
      minutes: (leftAt - arrivedAt) / 60_000,
      counts: true,
    })),
    status,
  });

  it('say why a visit does not count: too short in the window (so far), or outside it', () => {
    const w = { windowStart: 1000, windowEnd: 2000 };
    const v = (arrivedAt: number, leftAt: number, counts = false) => ({
      arrivedAt,
      leftAt,
      counts,
    });
    const after = 3000;
    expect(visitVerdict(w, v(1100, 1900, true), after)).toBe('counts');
    expect(visitVerdict(w, v(1100, 1200), after)).toBe('short');
    expect(visitVerdict(w, v(500, 1100), after)).toBe('short');
    // The window still open: maybe still there.
    expect(visitVerdict(w, v(1100, 1200), 1300)).toBe('shortSoFar');
    // Just arrived: one fix so far.
    expect(visitVerdict(w, v(1100, 1100), 1100)).toBe('shortSoFar');
    expect(visitVerdict(w, v(500, 900), after)).toBe('outside');
    expect(visitVerdict(w, v(2000, 2500), after)).toBe('outside');
    expect([0.4, 1, 9.96, 12.4].map(visitMinutes)).toEqual(['0.4', '1.0', '10.0', '12']);
  });

  it('are the warnings it visited between the two roll calls, in the order reached', () => {
    const list = [
      warning('菜市场东口', [['U1', 500, 600]]),
      warning('中学门口', [
        ['U1', 200, 300],
        ['U2', 250, 300],
      ]),
      warning('老街', [['U2', 200, 300]]),
      // Left before the previous roll call; arrived after this one; cancelled.
      warning('车站', [['U1', 10, 90]]),
      warning('广场', [['U1', 1200, 1300]]),
      warning('桥头', [['U1', 200, 300]], 'cancelled'),
    ];
    expect(warnedPlacesReached(list, 'U1', 100, 1000)).toEqual(['中学门口', '菜市场东口']);
    expect(warnedPlacesReached(list, 'U3', 100, 1000)).toEqual([]);
  });
});
