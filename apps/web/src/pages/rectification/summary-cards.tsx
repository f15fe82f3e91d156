import { Col, Row } from 'antd';
import type { ReactNode } from 'react';
import type { TSummaryOut } from '../../api/rectification.ts';
import { FigureCard } from '../planning/shared.tsx';
import { percent } from './shared.tsx';

/**
 * 整改成效 in figures: problems found, rectified, still ongoing and undone, the rate, money
 * recovered (万元, as the server summed it exactly), persons held accountable, rules made and
 * approved extensions.
 */
export function SummaryCards({ summary, loading }: { summary: TSummaryOut | undefined; loading: boolean }) {
  const s = summary;
  // Nine figures share the row, wrapping where a card would get narrower than its figure.
  const cell = (node: ReactNode) => <Col flex="1 1 120px">{node}</Col>;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {cell(<FigureCard title="反馈问题" value={s?.findings} suffix="个" loading={loading} />)}
      {cell(<FigureCard title="已整改" value={s?.rectified} suffix="个" loading={loading} />)}
      {cell(
        <FigureCard
          title="整改完成率"
          value={s ? percent(s.rate) : undefined}
          loading={loading}
          valueStyle={{ color: s && s.rate >= 0.9 ? '#389e0d' : undefined }}
        />,
      )}
      {cell(<FigureCard title="持续整改" value={s?.ongoing} suffix="个" loading={loading} />)}
      {cell(
        <FigureCard
          title="未整改"
          value={s?.undone}
          suffix="个"
          loading={loading}
          valueStyle={{ color: s?.undone ? '#cf1322' : undefined }}
        />,
      )}
      {cell(<FigureCard title="批准延期" value={s?.extensions} suffix="次" loading={loading} />)}
      {cell(<FigureCard title="挽回经济损失" value={s?.moneyRecovered} suffix="万元" loading={loading} />)}
      {cell(<FigureCard title="追责问责" value={s?.accountable} suffix="人" loading={loading} />)}
      {cell(<FigureCard title="建章立制" value={s?.rulesMade} suffix="项" loading={loading} />)}
    </Row>
  );
}
