/**
 * What the web tests get for `echarts-for-react/esm/core` (vitest.config.ts aliases it): jsdom has
 * no canvas, so instead of drawing, a chart lists what its option would draw — each series' values
 * by category, and its reference lines — for the test to read. The option is the page's real one:
 * only the drawing is left out.
 */
interface Series {
  name?: string;
  data?: (number | null | { value: number | null })[];
  markLine?: { data?: { yAxis?: number; name?: string }[] };
}

export default function ReactEChartsCore({ option }: { option: { xAxis?: { data?: string[] }; series?: Series[] } }) {
  const categories = option.xAxis?.data ?? [];
  const value = (v: number | null | { value: number | null } | undefined) =>
    v !== null && typeof v === 'object' ? v.value : v;
  return (
    <figure aria-label="图表">
      {(option.series ?? []).map((s, si) => (
        <ul key={s.name ?? si} aria-label={s.name}>
          {categories.map((c, i) => (
            <li key={c}>
              {c}：{String(value(s.data?.[i]) ?? '—')}
            </li>
          ))}
          {(s.markLine?.data ?? []).map((m) => (
            <li key={m.name ?? m.yAxis}>
              {m.name ?? '参考线'}：{m.yAxis}
            </li>
          ))}
        </ul>
      ))}
    </figure>
  );
}
