import { BarChart as EBarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([EBarChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface ConductBar {
  name: string;
  satisfied: number;
  valid: number;
  meetsBar: boolean | null;
}

/** Percent to one decimal, rounded down as conductRateText does: a bar drawn at 97.5 never misses the bar. */
const pctOf = (b: ConductBar) => (b.valid === 0 ? null : Math.floor((b.satisfied * 1000) / b.valid) / 10);
const pct = (rate: number) => Math.round(rate * 1000) / 10;

/**
 * Satisfaction per round or per team as bars, with the seed's bar (97.5%) as a dashed reference
 * line: a bar under it is red. The axis starts near the lowest rate so that the differences that
 * matter around the bar can be seen.
 */
export function ConductChart({ bars, bar, height = 320 }: { bars: ConductBar[]; bar: number; height?: number }) {
  const rates = bars.flatMap((b) => pctOf(b) ?? []);
  const floor = Math.max(0, Math.floor(Math.min(pct(bar), ...rates) / 5) * 5 - 5);
  const option = {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number | null) => (v === null || v === undefined ? '暂无有效答卷' : `${v}%`),
    },
    grid: { left: 56, right: 72, top: 32, bottom: 56 },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.name),
      axisLabel: { interval: 0, rotate: bars.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: '满意率', min: floor, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: '满意率',
        type: 'bar',
        barMaxWidth: 36,
        data: bars.map((b) => ({
          value: pctOf(b),
          itemStyle: { color: b.meetsBar === false ? '#f5222d' : '#52c41a', borderRadius: [3, 3, 0, 0] },
        })),
        label: { show: true, position: 'top', formatter: '{c}%' },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: '#fa8c16', width: 2 },
          label: { formatter: `${pct(bar)}%`, position: 'end' },
          data: [{ yAxis: pct(bar), name: '满意度基准线' }],
        },
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />;
}
