import { barOption, EChart } from './echart.tsx';

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
  const option = barOption({
    names: data.map((d) => d.name),
    fitting: 6,
    unit,
    top: 24,
    series: [
      {
        type: 'bar',
        data: data.map((d) => d.value),
        barMaxWidth: 36,
        itemStyle: { color: '#1677ff', borderRadius: [3, 3, 0, 0] },
        label: { show: true, position: 'top' },
      },
    ],
  });
  return <EChart option={option} height={height} onClick={onClick} />;
}
