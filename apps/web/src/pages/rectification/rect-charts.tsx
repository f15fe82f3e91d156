import { BarChart as EBarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([EBarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface RoundFigures {
  name: string;
  findings: number;
  rectified: number;
  /** 0–1 */
  rate: number;
  red: number;
  yellow: number;
  green: number;
}

const rotate = (n: number) => (n > 6 ? 30 : 0);

/** What a click on a round's bar or point says: the round's position in `rounds`. */
type Pick = ((index: number) => void) | undefined;
const picking = (onPick: Pick) =>
  onPick
    ? { onEvents: { click: (p: { dataIndex: number }) => onPick(p.dataIndex) }, style: { cursor: 'pointer' } }
    : { onEvents: undefined, style: {} };

/** Problems found and rectified per round (bars) with the rate (line, right axis); a click picks the round. */
export function RateChart({
  rounds,
  height = 320,
  onPick,
}: {
  rounds: RoundFigures[];
  height?: number;
  onPick?: Pick;
}) {
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 56 },
    xAxis: {
      type: 'category',
      data: rounds.map((r) => r.name),
      axisLabel: { interval: 0, rotate: rotate(rounds.length) },
    },
    yAxis: [
      { type: 'value', name: '问题数', minInterval: 1 },
      { type: 'value', name: '完成率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        name: '反馈问题',
        type: 'bar',
        data: rounds.map((r) => r.findings),
        barMaxWidth: 28,
        itemStyle: { color: '#1677ff' },
      },
      {
        name: '已整改',
        type: 'bar',
        data: rounds.map((r) => r.rectified),
        barMaxWidth: 28,
        itemStyle: { color: '#52c41a' },
      },
      {
        name: '整改完成率',
        type: 'line',
        yAxisIndex: 1,
        data: rounds.map((r) => Math.round(r.rate * 1000) / 10),
        tooltip: { valueFormatter: (v: number) => `${v}%` },
        itemStyle: { color: '#fa8c16' },
        label: { show: true, formatter: '{c}%' },
      },
    ],
  };
  const p = picking(onPick);
  return (
    <ReactEChartsCore echarts={echarts} option={option} style={{ height, ...p.style }} onEvents={p.onEvents} notMerge />
  );
}

/** Open tasks per round by warning colour, stacked; a click picks the round. */
export function WarningChart({
  rounds,
  height = 320,
  onPick,
}: {
  rounds: RoundFigures[];
  height?: number;
  onPick?: Pick;
}) {
  const stack = (name: string, key: 'red' | 'yellow' | 'green', color: string) => ({
    name,
    type: 'bar',
    stack: 'w',
    data: rounds.map((r) => r[key]),
    barMaxWidth: 36,
    itemStyle: { color },
  });
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 56 },
    xAxis: {
      type: 'category',
      data: rounds.map((r) => r.name),
      axisLabel: { interval: 0, rotate: rotate(rounds.length) },
    },
    yAxis: { type: 'value', name: '任务数', minInterval: 1 },
    series: [
      stack('红色预警', 'red', '#f5222d'),
      stack('黄色预警', 'yellow', '#faad14'),
      stack('绿色', 'green', '#52c41a'),
    ],
  };
  const p = picking(onPick);
  return (
    <ReactEChartsCore echarts={echarts} option={option} style={{ height, ...p.style }} onEvents={p.onEvents} notMerge />
  );
}
