import { BarChart as EBarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([EBarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface BarDatum {
  name: string;
  value: number;
}

/** A horizontal-category bar chart; clicking a bar calls onClick with its name. */
export function BarChart({
  data,
  height = 320,
  onClick,
  unit = '',
}: {
  data: BarDatum[];
  height?: number;
  onClick?: (name: string) => void;
  unit?: string;
}) {
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}${unit}` },
    grid: { left: 48, right: 16, top: 24, bottom: 56 },
    xAxis: {
      type: 'category',
      data: data.map((d) => d.name),
      axisLabel: { interval: 0, rotate: data.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: data.map((d) => d.value),
        barMaxWidth: 36,
        itemStyle: { color: '#1677ff', borderRadius: [3, 3, 0, 0] },
        label: { show: true, position: 'top' },
      },
    ],
  };
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
