/**
 * Apache ECharts in React, tree-shaken: only the line, bar and heatmap charts (the heatmap for the
 * analysis products' hour × weekday table), the grid, tooltip, legend, mark-line and visual-map
 * components and the canvas renderer are bundled (echarts/core). The chart is made
 * once per element, given each new option (replacing the old), resized with its box
 * (ResizeObserver) and disposed on unmount; `onFinished` hears ECharts' 'finished' (the option
 * drawn, animations done). The canvas says nothing to a screen reader: the
 * element carries `label`, and every chart has its numbers in a table or in words beside it.
 * Each drawing ends with a performance mark `chart-finished:<testId>` (the latest one kept).
 */
import { useEffect, useRef } from 'react';
import {
  BarChart,
  HeatmapChart,
  LineChart,
  type BarSeriesOption,
  type HeatmapSeriesOption,
  type LineSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, use as installParts, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

installParts([
  LineChart,
  BarChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | VisualMapComponentOption
>;

export function EChart({
  option,
  label,
  className,
  testId,
  pixelRatio,
  height,
  onFinished,
}: {
  option: ChartOption;
  label: string;
  className?: string;
  testId?: string;
  /** The canvas's device pixel ratio (a printed report draws at 2 for a sharp page). */
  pixelRatio?: number;
  /** The box's height in px, when the caller sizes it by its content (bars by their count). */
  height?: number;
  /** Called each time the chart has finished drawing (the report page marks itself ready). */
  onFinished?: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const made = init(element, null, {
      renderer: 'canvas',
      ...(pixelRatio ? { devicePixelRatio: pixelRatio } : {}),
    });
    chart.current = made;
    // For the benches: when the chart is drawn (the latest time only; see analysis/render-marks).
    made.on('finished', () => {
      const name = `chart-finished:${element.dataset.testid ?? 'chart'}`;
      performance.clearMarks(name);
      performance.mark(name);
      finished.current?.();
    });
    const observer = new ResizeObserver(() => made.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      made.dispose();
      chart.current = null;
    };
  }, [pixelRatio]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, pixelRatio]);

  return (
    <div
      ref={box}
      className={className}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={height ? { height } : undefined}
    />
  );
}
