/**
 * The analysis products' chart options (ECharts): the categories with the comparison period beside
 * them (horizontal bars, the largest on top), and the hour × weekday heat table (a heatmap, Monday
 * on top, 0-23 h across). The same numbers are in tables beside the charts.
 */
import type { CategoryCount } from '../../../shared/contract/analysis';
import type { ChartPalette } from '../health/charts';
import type { ChartOption } from '../health/EChart';

export interface AnalysisChartWords {
  count: string;
  prev: string;
  weekdays: readonly string[];
}

/** The height a category chart needs for `n` bars, px. */
export const categoryChartHeight = (n: number): number => Math.max(120, 40 + n * 26);

export function categoryOption(
  categories: readonly CategoryCount[],
  words: AnalysisChartWords,
  palette: ChartPalette,
): ChartOption {
  const shown = [...categories].reverse();
  return {
    animation: false,
    textStyle: { color: palette.text },
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: palette.text }, data: [words.count, words.prev] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: palette.text },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: {
      type: 'category',
      data: shown.map((c) => c.category),
      axisLabel: { color: palette.text },
    },
    series: [
      {
        name: words.prev,
        type: 'bar',
        data: shown.map((c) => c.prev),
        itemStyle: { color: palette.text, opacity: 0.45 },
        barGap: '10%',
      },
      {
        name: words.count,
        type: 'bar',
        data: shown.map((c) => c.count),
        itemStyle: { color: palette.online },
        label: { show: true, position: 'right', color: palette.text },
      },
    ],
  };
}

/** The heatmap's cells as [hour, weekday row, value] (ECharts' category indices). */
export function heatCells(heat: readonly (readonly number[])[]): [number, number, number][] {
  const cells: [number, number, number][] = [];
  heat.forEach((row, d) => row.forEach((v, h) => cells.push([h, d, Math.round(v * 10) / 10])));
  return cells;
}

export function heatOption(
  heat: readonly (readonly number[])[],
  words: AnalysisChartWords,
  palette: ChartPalette,
  /** The labels' size, px (a wall's dashboard, read from across the hall); ECharts' own: unset. */
  fontSize?: number,
): ChartOption {
  const cells = heatCells(heat);
  const max = Math.max(1, ...cells.map((c) => c[2]));
  const label = { color: palette.text, ...(fontSize ? { fontSize } : {}) };
  return {
    animation: false,
    textStyle: { color: palette.text },
    grid: { left: 8, right: 8, top: 8, bottom: fontSize ? fontSize * 3 : 44, containLabel: true },
    tooltip: { position: 'top' },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => String(h)),
      axisLabel: label,
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      // Monday on top: the category axis counts upward, so the rows go in reversed.
      data: [...words.weekdays],
      inverse: true,
      axisLabel: label,
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: fontSize ? fontSize * 10 : 120,
      ...(fontSize ? { itemWidth: fontSize } : {}),
      textStyle: label,
      inRange: { color: ['#fff7ec', '#fdbb84', '#ef6548', '#990000'] },
    },
    series: [
      {
        name: words.count,
        type: 'heatmap',
        data: cells,
        label: { show: false },
        emphasis: { itemStyle: { borderColor: palette.text, borderWidth: 1 } },
      },
    ],
  };
}
