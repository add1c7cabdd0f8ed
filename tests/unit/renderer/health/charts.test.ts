/** The Health tab's chart options (renderer/desk/health/charts.ts): no data is a gap, never 100 %. */
import { describe, expect, it } from 'vitest';
import {
  barChartHeight,
  darkPalette,
  groupOption,
  trendOption,
  worstGroups,
} from '../../../../renderer/desk/health/charts';

const words = { online: '在线率', integrity: '完好率', target: '' };
type Series = { type: string; data: (number | null)[]; markLine?: { data: object[] } };

describe('the health charts', () => {
  it('draws a day with no data as a gap, and the 98 % line on the online series', () => {
    const option = trendOption(
      [
        { label: '11-30', online: 0.99, integrity: 0.985 },
        { label: '12-01', online: null, integrity: null },
      ],
      0.98,
      words,
      darkPalette,
    );
    const series = option.series as Series[];
    expect(series[0]?.type).toBe('line');
    expect(series[0]?.data).toEqual([99, null]);
    expect(series[1]?.data).toEqual([98.5, null]);
    expect(series[0]?.markLine?.data).toEqual([{ yAxis: 98 }]);
  });

  it('lays the groups out as horizontal bars with the line across the value axis', () => {
    const option = groupOption(
      [{ label: '城关所', online: 0.5, integrity: 0.4 }],
      0.98,
      words,
      darkPalette,
    );
    const series = option.series as Series[];
    expect(series[0]?.type).toBe('bar');
    expect(series[0]?.markLine?.data).toEqual([{ xAxis: 98 }]);
    // The value axis starts low enough to show a rate of 40 %.
    expect((option.xAxis as { min: number }).min).toBeLessThanOrEqual(40);
  });

  it('shows the worst groups first, no data last, and makes room for each', () => {
    const points = [
      { label: 'a', online: 0.99, integrity: 0.99 },
      { label: 'b', online: null, integrity: null },
      { label: 'c', online: 0.95, integrity: 0.9 },
    ];
    expect(worstGroups(points, 2).map((p) => p.label)).toEqual(['c', 'a']);
    expect(barChartHeight(12)).toBeGreaterThan(barChartHeight(4));
  });
});
