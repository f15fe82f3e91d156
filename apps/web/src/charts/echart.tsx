import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

// Only what the staff pages' bar charts draw is registered: the rest of echarts stays out of the bundle.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** A bar chart of the staff pages; clicking a bar calls onClick with its category. */
export function EChart({
  option,
  height,
  onClick,
}: {
  option: object;
  height: number;
  onClick?: (name: string) => void;
}) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height }}
      notMerge
      onEvents={onClick ? { click: (p: { name: string }) => onClick(p.name) } : undefined}
    />
  );
}

/** The tooltip over the bars under the pointer, each value with its unit. */
const barTooltip = (unit: string) => ({
  trigger: 'axis',
  axisPointer: { type: 'shadow' },
  valueFormatter: (v: number) => `${v}${unit}`,
});

/** Categories along the bottom; their labels lean once there are more than `fitting` of them. */
const categoryAxis = (names: string[], fitting: number) => ({
  type: 'category',
  data: names,
  axisLabel: { interval: 0, rotate: names.length > fitting ? 30 : 0 },
});

/**
 * A bar chart's option: categories along the bottom (leaning once there are more than `fitting`),
 * whole counts up the side, the tooltip giving each value with `unit`.
 */
export function barOption({
  names,
  fitting,
  unit,
  top,
  bottom = 56,
  legend = false,
  series,
}: {
  names: string[];
  fitting: number;
  unit: string;
  top: number;
  bottom?: number;
  legend?: boolean;
  series: object[];
}) {
  return {
    tooltip: barTooltip(unit),
    ...(legend ? { legend: { top: 0 } } : {}),
    grid: { left: 48, right: 16, top, bottom },
    xAxis: categoryAxis(names, fitting),
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}
