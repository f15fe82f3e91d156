import { EChart } from '../../charts/echart.tsx';

export const VERIFIED_COLOUR = '#1677ff';
export const UNVERIFIED_COLOUR = '#fa8c16';

interface Bucket {
  label: string;
  verified: number;
  unverified: number;
}

const wrap = (s: string, n = 14) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Answers per option (or per scale value), verified and unverified stacked so the bar is the total.
 * Choice questions lie horizontally (labels are long), scales stand upright (1分 … N分).
 */
export function AnswerBarChart({ buckets, upright = false }: { buckets: Bucket[]; upright?: boolean }) {
  const labels = buckets.map((b) => b.label);
  const totals = buckets.map((b) => b.verified + b.unverified);
  const category = {
    type: 'category',
    data: labels,
    inverse: !upright,
    axisLabel: upright ? { interval: 0 } : { interval: 0, formatter: (v: string) => wrap(v), width: 200 },
  };
  const value = { type: 'value', minInterval: 1 };
  const label = {
    show: true,
    position: 'inside',
    formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : ''),
    color: '#fff',
  };
  const stacked = (name: string, count: (b: Bucket) => number, color: string, label: object) => ({
    name,
    type: 'bar',
    stack: 'all',
    data: buckets.map(count),
    barMaxWidth: 28,
    itemStyle: { color },
    label,
  });
  const option = {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { axisValue: string; seriesName: string; value: number; marker: string }[]) => {
        const head = ps[0]?.axisValue ?? '';
        const total = ps.reduce((n, p) => n + (p.value || 0), 0);
        return [head, ...ps.map((p) => `${p.marker}${p.seriesName}：${p.value} 份`), `合计：${total} 份`].join('<br/>');
      },
    },
    legend: { top: 0, data: ['已核验', '未核验'] },
    grid: upright
      ? { left: 40, right: 16, top: 36, bottom: 32 }
      : { left: 16, right: 48, top: 32, bottom: 8, containLabel: true },
    xAxis: upright ? category : value,
    yAxis: upright ? value : category,
    series: [
      stacked('已核验', (b) => b.verified, VERIFIED_COLOUR, label),
      stacked('未核验', (b) => b.unverified, UNVERIFIED_COLOUR, label),
      {
        // Nothing to draw: carries the total at the end of each bar.
        ...stacked('合计', () => 0, 'transparent', {
          show: true,
          position: upright ? 'top' : 'right',
          color: '#595959',
          formatter: (p: { dataIndex: number }) => `${totals[p.dataIndex] ?? 0}`,
        }),
        tooltip: { show: false },
      },
    ],
  };
  const height = upright ? 260 : Math.max(140, 56 + buckets.length * 38);
  return <EChart option={option} height={height} />;
}
