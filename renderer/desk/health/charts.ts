/**
 * The Health tab's and the report's chart options (ECharts): the daily or weekly trend of the
 * online rate and integrity, and the rates by group, each with the 98 % line as a mark line.
 * A day with no data is a gap in the line (null), never drawn as 100 %.
 */
import type { ChartOption } from './EChart';
import { chartPercent } from './health-model';

/** Colours for the desk's dark theme or the printed page. */
export interface ChartPalette {
  text: string;
  grid: string;
  online: string;
  integrity: string;
  line: string;
}

export const darkPalette: ChartPalette = {
  text: '#8595a8',
  grid: '#263444',
  online: '#4a90e2',
  integrity: '#35b56f',
  line: '#e5534b',
};

export const printPalette: ChartPalette = {
  text: '#333333',
  grid: '#cccccc',
  online: '#1f5fa8',
  integrity: '#2e8b57',
  line: '#c62828',
};

export interface ChartWords {
  online: string;
  integrity: string;
  target: string;
}

interface Point {
  label: string;
  online: number | null;
  integrity: number | null;
}

/** The lowest value the axis starts at: a little under the lowest rate, never above 95 %. */
function axisMin(points: readonly Point[], target: number): number {
  const values = points.flatMap((p) => [p.online, p.integrity]).filter((v) => v !== null);
  const low = Math.min(target, ...values) * 100;
  return Math.max(0, Math.min(95, Math.floor((low - 2) / 5) * 5));
}

/** The 98 % line: across the value axis (y for the trend, x for the horizontal bars). */
const targetLine = (
  axis: 'xAxis' | 'yAxis',
  target: number,
  words: ChartWords,
  palette: ChartPalette,
) => ({
  silent: true,
  symbol: 'none',
  lineStyle: { color: palette.line, type: 'dashed' as const, width: 1.5 },
  label: {
    formatter: `${words.target}${target * 100} %`,
    color: palette.line,
    // Past the trend's right end; above the bars (their names run down, first on top).
    position: axis === 'yAxis' ? ('end' as const) : ('start' as const),
  },
  data: [axis === 'yAxis' ? { yAxis: target * 100 } : { xAxis: target * 100 }],
});

/** The online rate (with the line) and the integrity, as lines or bars. */
function series(
  type: 'line' | 'bar',
  points: readonly Point[],
  target: number,
  words: ChartWords,
  palette: ChartPalette,
): NonNullable<ChartOption['series']> {
  const line = type === 'line' ? { connectNulls: false, symbolSize: 6 } : { barMaxWidth: 10 };
  return [
    {
      name: words.online,
      type,
      data: points.map((p) => chartPercent(p.online)),
      color: palette.online,
      markLine: targetLine(type === 'line' ? 'yAxis' : 'xAxis', target, words, palette),
      ...line,
    },
    {
      name: words.integrity,
      type,
      data: points.map((p) => chartPercent(p.integrity)),
      color: palette.integrity,
      ...line,
    },
  ] as NonNullable<ChartOption['series']>;
}

/**
 * Lines (a trend over days or weeks, the time along x) or pairs of horizontal bars (by group, the
 * names down the side, first on top: names stay readable however many), with the line held to.
 */
function rateChart(
  type: 'line' | 'bar',
  points: readonly Point[],
  target: number,
  words: ChartWords,
  palette: ChartPalette,
): ChartOption {
  const values = {
    type: 'value' as const,
    min: axisMin(points, target),
    max: 100,
    axisLabel: { formatter: '{value} %', color: palette.text },
    splitLine: { lineStyle: { color: palette.grid } },
  };
  const names = {
    type: 'category' as const,
    data: points.map((p) => p.label),
    // Every group's name; days and weeks as many as fit.
    axisLabel: { color: palette.text, interval: type === 'bar' ? 0 : ('auto' as const) },
    axisLine: { lineStyle: { color: palette.grid } },
  };
  return {
    animation: false,
    textStyle: { color: palette.text },
    grid:
      type === 'line'
        ? { left: 48, right: 44, top: 36, bottom: 28 }
        : { left: 8, right: 24, top: 48, bottom: 24, containLabel: true },
    legend: { top: 0, textStyle: { color: palette.text }, data: [words.online, words.integrity] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(2)} %` : '—'),
    },
    xAxis: type === 'line' ? names : values,
    yAxis: type === 'line' ? values : { ...names, inverse: true },
    series: series(type, points, target, words, palette),
  };
}

/** The trend as two lines over the days (or weeks), with the line the reports hold to. */
export const trendOption = (
  points: readonly Point[],
  target: number,
  words: ChartWords,
  palette: ChartPalette,
): ChartOption => rateChart('line', points, target, words, palette);

/** The rates by group as pairs of horizontal bars, with the line. */
export const groupOption = (
  points: readonly Point[],
  target: number,
  words: ChartWords,
  palette: ChartPalette,
): ChartOption => rateChart('bar', points, target, words, palette);

/** The height of a bar chart of `count` groups, px: room for each name. */
export const barChartHeight = (count: number): number => Math.max(200, 86 + count * 26);

/** The groups a bar chart shows: the worst `count` by online rate (no data last). */
export function worstGroups<P extends Point>(points: readonly P[], count: number): P[] {
  const key = (p: Point): number => p.online ?? 2;
  return [...points].sort((a, b) => key(a) - key(b)).slice(0, count);
}
