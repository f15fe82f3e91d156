import { BarChart as EBarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([EBarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface LedgerBar {
  name: string;
  found: number;
  rectified: number;
  rulesMade: number;
}

/** A campaign's problems found, rectified and rules made per sector, county or problem. */
export function LedgerChart({ lines, height = 300 }: { lines: LedgerBar[]; height?: number }) {
  const bar = (name: string, key: keyof Omit<LedgerBar, 'name'>, color: string) => ({
    name,
    type: 'bar',
    data: lines.map((l) => l[key]),
    barMaxWidth: 28,
    itemStyle: { color },
    label: { show: lines.length <= 8, position: 'top' },
  });
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 64 },
    xAxis: {
      type: 'category',
      data: lines.map((l) => l.name),
      axisLabel: { interval: 0, rotate: lines.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      bar('发现问题', 'found', '#1677ff'),
      bar('整改问题', 'rectified', '#52c41a'),
      bar('建章立制', 'rulesMade', '#fa8c16'),
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />;
}
