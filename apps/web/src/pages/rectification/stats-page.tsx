import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Table } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router';
import { getTermStats, rk, type TTermStatsOut } from '../../api/rectification.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlParams } from '../../components/url-filters.ts';
import { TermSelect, useTerms } from '../fieldwork/shared.tsx';
import { RateChart, WarningChart } from './rect-charts.tsx';
import { percent } from './shared.tsx';
import { SummaryCards } from './summary-cards.tsx';

type TRound = TTermStatsOut['rounds'][number];

/** 整改统计: a term's rectification in figures, and per round the rate and the tasks by warning (ECharts). */
export default function StatsPage() {
  usePageMeta([]);
  const navigate = useNavigate();
  const { params, set } = useUrlParams({ replace: true });
  const terms = useTerms();
  const termId = params.get('termId') ?? undefined;
  // The current term by default.
  const current = terms.data?.items.find((t) => t.current)?.id ?? terms.data?.items[0]?.id;
  useEffect(() => {
    if (!termId && current) set({ termId: current });
  }, [termId, current, set]);
  const stats = useQuery({
    queryKey: rk.termStats(termId ?? ''),
    queryFn: () => getTermStats(termId ?? ''),
    enabled: !!termId,
  });
  const roundPath = (roundId: string) => `/rectification/stats/rounds/${roundId}`;
  // A round picked on a chart opens its page: the figures per inspection of that round.
  const pick = (index: number) => {
    const r = stats.data?.rounds[index];
    if (r) navigate(roundPath(r.roundId));
  };
  const rounds = (stats.data?.rounds ?? []).map((r) => ({
    name: r.roundName,
    findings: r.findings,
    rectified: r.rectified,
    rate: r.rate,
    red: r.warnings.red,
    yellow: r.warnings.yellow,
    green: r.warnings.green,
  }));
  return (
    <div>
      <PageHeader
        title="整改统计"
        sub="整改完成率 = 已整改问题 ÷ 反馈问题；问题的全部任务销号即为已整改"
        extra={<TermSelect value={termId} onChange={(v) => set({ termId: v })} width={240} />}
      />
      {stats.error && <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />}
      {!termId && !terms.isPending && (
        <Card>
          <Empty description="请选择届次" />
        </Card>
      )}
      {termId && (
        <>
          <SummaryCards summary={stats.data?.summary} loading={stats.isPending} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title="各轮次整改完成率" loading={stats.isPending}>
                {rounds.length ? <RateChart rounds={rounds} onPick={pick} /> : <Empty description="暂无数据" />}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title="各轮次整改任务预警" loading={stats.isPending}>
                {rounds.length ? <WarningChart rounds={rounds} onPick={pick} /> : <Empty description="暂无数据" />}
              </Card>
            </Col>
            <Col span={24}>
              <Card title="分轮次明细" extra="点击轮次查看各巡察的整改情况">
                <Table<TRound>
                  rowKey="roundId"
                  size="small"
                  pagination={false}
                  loading={stats.isFetching}
                  dataSource={stats.data?.rounds ?? []}
                  onRow={(r) => ({ onClick: () => navigate(roundPath(r.roundId)), style: { cursor: 'pointer' } })}
                  locale={{ emptyText: stats.isPending ? ' ' : <Empty description="暂无数据" /> }}
                  columns={[
                    {
                      title: '轮次',
                      key: 'round',
                      render: (_, r) => <Link to={roundPath(r.roundId)}>{r.roundName}</Link>,
                    },
                    { title: '反馈问题', dataIndex: 'findings', align: 'right' },
                    { title: '已整改', dataIndex: 'rectified', align: 'right' },
                    { title: '完成率', key: 'rate', align: 'right', render: (_, r) => percent(r.rate) },
                    { title: '整改任务', dataIndex: 'tasks', align: 'right' },
                    { title: '红色预警', key: 'red', align: 'right', render: (_, r) => r.warnings.red },
                    { title: '黄色预警', key: 'yellow', align: 'right', render: (_, r) => r.warnings.yellow },
                    { title: '绿色', key: 'green', align: 'right', render: (_, r) => r.warnings.green },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
