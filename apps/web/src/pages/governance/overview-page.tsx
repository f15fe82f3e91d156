import { Card, Col, Empty, Row, Typography } from 'antd';
import { useGovernanceSummary } from '../../api/governance.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { TermSelect } from '../fieldwork/shared.tsx';
import { FigureCard } from '../planning/shared.tsx';
import { useTermParam } from './shared.tsx';

/** 以巡促治总览: the term's governance figures, each card opening its list for that term. */
export default function GovernanceOverviewPage() {
  usePageMeta([]);
  const { termId, setTermId, loading } = useTermParam();
  const summary = useGovernanceSummary(termId);
  const s = summary.data;
  const busy = !!termId && summary.isPending;
  const q = termId ? `?termId=${termId}` : '';
  const col = { xs: 12, md: 8, xl: 6 } as const;
  return (
    <div>
      <PageHeader
        title="以巡促治总览"
        sub="共性问题、分类通报、履责提示、专项整治与政策会商：由一次巡察的问题到一个领域的治理"
        extra={<TermSelect value={termId} onChange={setTermId} width={260} />}
      />
      {summary.error && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
      {!termId && !loading ? (
        <Card>
          <Empty description="请选择届次" />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          <Col {...col}>
            <FigureCard
              title="共性问题"
              value={s?.commonProblems}
              suffix="个"
              loading={busy}
              to={`/governance/common-problems${q}`}
            />
          </Col>
          <Col {...col}>
            <FigureCard
              title="已整改共性问题"
              value={s?.commonProblemsRectified}
              suffix="个"
              loading={busy}
              to={`/governance/common-problems${q}`}
              valueStyle={{ color: '#389e0d' }}
            />
          </Col>
          <Col {...col}>
            <FigureCard
              title="分类通报"
              value={s?.bulletins}
              suffix="期"
              loading={busy}
              to={`/governance/bulletins${q}`}
            />
          </Col>
          <Col {...col}>
            <FigureCard
              title="履责提示"
              value={s?.dutyReminders}
              suffix="份"
              loading={busy}
              to={`/governance/reminders${q}`}
            />
          </Col>
          <Col {...col}>
            <FigureCard
              title="专项整治"
              value={s?.campaigns}
              suffix="项"
              loading={busy}
              to={`/governance/campaigns${q}`}
            />
          </Col>
          <Col {...col}>
            <FigureCard
              title="建章立制"
              value={s?.rulesMade}
              suffix="项"
              loading={busy}
              to={`/governance/campaigns${q}`}
            />
          </Col>
          <Col {...col}>
            <FigureCard
              title="政策会商"
              value={s?.policyConsultations}
              suffix="次"
              loading={busy}
              to={`/governance/consultations${q}`}
            />
          </Col>
          <Col {...col}>
            <FigureCard
              title="会商问题"
              value={s?.policyProblems}
              suffix="个"
              loading={busy}
              to={`/governance/consultations${q}`}
            />
          </Col>
          <Col span={24}>
            <Typography.Text type="secondary">
              建章立制含整改中建立完善的制度和专项整治中报送的制度；点击卡片查看对应清单。
            </Typography.Text>
          </Col>
        </Row>
      )}
    </div>
  );
}
