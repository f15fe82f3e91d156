import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Covered vs not yet covered, stacked, one bar per kind of organization. */
export function CoverageByKindChart({
  data,
  height = 320,
  onClick,
}: {
  data: { kind: string; total: number; covered: number }[];
  height?: number;
  onClick?: (kind: string) => void;
}) {
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}个` },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 56 },
    xAxis: {
      type: 'category',
      data: data.map((d) => d.kind),
      axisLabel: { interval: 0, rotate: data.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: '已覆盖',
        type: 'bar',
        stack: 'all',
        data: data.map((d) => d.covered),
        barMaxWidth: 40,
        itemStyle: { color: '#52c41a' },
      },
      {
        name: '未覆盖',
        type: 'bar',
        stack: 'all',
        data: data.map((d) => d.total - d.covered),
        barMaxWidth: 40,
        itemStyle: { color: '#ff7875', borderRadius: [3, 3, 0, 0] },
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

/** Organizations newly covered in each year of the term. */
export function CoveredByYearChart({
  data,
  height = 320,
}: {
  data: { year: number; covered: number }[];
  height?: number;
}) {
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}个` },
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: data.map((d) => `${d.year}年`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: '新增覆盖',
        type: 'bar',
        data: data.map((d) => d.covered),
        barMaxWidth: 40,
        itemStyle: { color: '#1677ff', borderRadius: [3, 3, 0, 0] },
        label: { show: true, position: 'top' },
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />;
}
