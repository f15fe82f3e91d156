import { Col, Row } from 'antd';
import type { TSummaryOut } from '../../api/rectification.ts';
import { FigureCard } from '../planning/shared.tsx';
import { percent } from './shared.tsx';

/**
 * 整改成效 in figures: problems found and rectified, the rate, money recovered (万元, as the server
 * summed it exactly), persons held accountable, rules made and approved extensions.
 */
export function SummaryCards({ summary, loading }: { summary: TSummaryOut | undefined; loading: boolean }) {
  const col = { xs: 12, sm: 8, xl: 3 } as const;
  const s = summary;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col {...col}>
        <FigureCard title="反馈问题" value={s?.findings} suffix="个" loading={loading} />
      </Col>
      <Col {...col}>
        <FigureCard title="已整改" value={s?.rectified} suffix="个" loading={loading} />
      </Col>
      <Col {...col}>
        <FigureCard title="持续整改" value={s?.ongoing} suffix="个" loading={loading} />
      </Col>
      <Col {...col}>
        <FigureCard
          title="整改完成率"
          value={s ? percent(s.rate) : undefined}
          loading={loading}
          valueStyle={{ color: s && s.rate >= 0.9 ? '#389e0d' : undefined }}
        />
      </Col>
      <Col {...col}>
        <FigureCard title="挽回经济损失" value={s?.moneyRecovered} suffix="万元" loading={loading} />
      </Col>
      <Col {...col}>
        <FigureCard title="追责问责" value={s?.accountable} suffix="人" loading={loading} />
      </Col>
      <Col {...col}>
        <FigureCard title="建章立制" value={s?.rulesMade} suffix="项" loading={loading} />
      </Col>
      <Col {...col}>
        <FigureCard title="批准延期" value={s?.extensions} suffix="次" loading={loading} />
      </Col>
    </Row>
  );
}
