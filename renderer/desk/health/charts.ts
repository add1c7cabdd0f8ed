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

/** The lowest value the axis starts at: a little under the lowest rate, never above 90 %. */
function axisMin(points: readonly Point[], target: number): number {
  const values = points.flatMap((p) => [p.online, p.integrity]).filter((v) => v !== null);
  const low = Math.min(target, ...values) * 100;
  return Math.max(0, Math.min(90, Math.floor((low - 2) / 5) * 5));
}

const targetLine = (target: number, words: ChartWords, palette: ChartPalette) => ({
  silent: true,
  symbol: 'none',
  lineStyle: { color: palette.line, type: 'dashed' as const, width: 1.5 },
  label: {
    formatter: `${words.target} ${target * 100} %`,
    color: palette.line,
    position: 'insideEndTop' as const,
  },
  data: [{ yAxis: target * 100 }],
});

const base = (
  points: readonly Point[],
  target: number,
  words: ChartWords,
  palette: ChartPalette,
) => ({
  animation: false,
  textStyle: { color: palette.text },
  grid: { left: 48, right: 24, top: 36, bottom: 28, containLabel: false },
  legend: { top: 0, textStyle: { color: palette.text }, data: [words.online, words.integrity] },
  tooltip: {
    trigger: 'axis' as const,
    valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(2)} %` : '—'),
  },
  yAxis: {
    type: 'value' as const,
    min: axisMin(points, target),
    max: 100,
    axisLabel: { formatter: '{value} %', color: palette.text },
    splitLine: { lineStyle: { color: palette.grid } },
  },
});

/** The online rate (with the line) and the integrity, as lines or bars. */
function series(
  type: 'line' | 'bar',
  points: readonly Point[],
  target: number,
  words: ChartWords,
  palette: ChartPalette,
): NonNullable<ChartOption['series']> {
  const line = type === 'line' ? { connectNulls: false, symbolSize: 6 } : {};
  return [
    {
      name: words.online,
      type,
      data: points.map((p) => chartPercent(p.online)),
      color: palette.online,
      markLine: targetLine(target, words, palette),
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

/** Lines (a trend over days or weeks) or pairs of bars (by group), with the line held to. */
function rateChart(
  type: 'line' | 'bar',
  points: readonly Point[],
  target: number,
  words: ChartWords,
  palette: ChartPalette,
): ChartOption {
  const crowded = type === 'bar' && points.length > 8;
  return {
    ...base(points, target, words, palette),
    xAxis: {
      type: 'category',
      data: points.map((p) => p.label),
      axisLabel: {
        color: palette.text,
        interval: type === 'bar' ? 0 : 'auto',
        rotate: crowded ? 30 : 0,
      },
      axisLine: { lineStyle: { color: palette.grid } },
    },
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

/** The rates by group as pairs of bars, with the line. */
export const groupOption = (
  points: readonly Point[],
  target: number,
  words: ChartWords,
  palette: ChartPalette,
): ChartOption => rateChart('bar', points, target, words, palette);
