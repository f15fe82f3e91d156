import { barOption, EChart } from '../../charts/echart.tsx';

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
  const option = barOption({
    names: data.map((d) => d.kind),
    fitting: 5,
    unit: '个',
    top: 36,
    legend: true,
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
  });
  return <EChart option={option} height={height} onClick={onClick} />;
}

/** Organizations newly covered in each year of the term. */
export function CoveredByYearChart({
  data,
  height = 320,
}: {
  data: { year: number; covered: number }[];
  height?: number;
}) {
  // A term has five years or so: every year fits upright.
  const option = barOption({
    names: data.map((d) => `${d.year}年`),
    fitting: Number.POSITIVE_INFINITY,
    unit: '个',
    top: 36,
    bottom: 40,
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
  });
  return <EChart option={option} height={height} />;
}
