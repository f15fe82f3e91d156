import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { getRoundInspections, rk, type TRoundInspectionsOut, type TSummaryOut } from '../../api/rectification.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { stageLabel } from './inspection-picker.tsx';
import { percent } from './shared.tsx';
import { SummaryCards } from './summary-cards.tsx';

type TRow = TRoundInspectionsOut['items'][number];

const inspectionPath = (id: string, tab?: string) => `/rectification/inspections/${id}${tab ? `?tab=${tab}` : ''}`;

/** The figures of one row, or of the round's total (the summary row), in the same columns. */
function figureColumns(link: (r: TRow, tab: string, text: string | number) => ReactNode): ColumnsType<TRow> {
  const num = (key: keyof TSummaryOut, title: string, tab: string, width = 90) => ({
    title,
    key,
    width,
    align: 'right' as const,
    render: (_: unknown, r: TRow) => link(r, tab, r[key] as number | string),
  });
  return [
    num('findings', '反馈问题', 'plan'),
    num('rectified', '已整改', 'plan'),
    {
      title: '完成率',
      key: 'rate',
      width: 90,
      align: 'right',
      render: (_, r) => percent(r.rate),
    },
    num('ongoing', '持续整改', 'plan'),
    num('undone', '未整改', 'plan'),
    num('extensions', '批准延期', 'plan'),
    num('moneyRecovered', '挽回经济损失（万元）', 'outcomes', 150),
    num('accountable', '追责问责（人）', 'outcomes', 120),
    num('rulesMade', '建章立制（项）', 'outcomes', 120),
  ];
}

/**
 * 整改统计 of one round: its figures, then each of its inspections with the same figures, each
 * leading to the inspection's rectification page (its problem list, tasks and outcomes), so every
 * total of the round can be followed down to the records it counts. The rows add up to the cards.
 */
export default function RectRoundPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: rk.roundInspections(id), queryFn: () => getRoundInspections(id), enabled: !!id });
  const d = q.data;
  usePageMeta(d ? [{ title: d.roundName }] : []);
  const link = (r: TRow, tab: string, text: string | number) => (
    <Link to={inspectionPath(r.inspectionId, tab)}>{text}</Link>
  );
  const columns: ColumnsType<TRow> = [
    {
      title: '巡察',
      key: 'label',
      render: (_, r) => (
        <div>
          <Link to={inspectionPath(r.inspectionId)}>{r.label}</Link>
          {r.orgs.length > 1 && (
            <div>
              <Typography.Text type="secondary">{r.orgs.map((o) => o.name).join('、')}</Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: '阶段',
      key: 'stage',
      width: 100,
      render: (_, r) => <Tag color="blue">{stageLabel(r.stage)}</Tag>,
    },
    { title: '反馈日期', dataIndex: 'feedbackDate', width: 110, render: (x: string | null) => x ?? '—' },
    ...figureColumns(link),
  ];
  const total = d?.summary;
  return (
    <div>
      <PageHeader
        title={d ? `${d.roundName}整改统计` : '轮次整改统计'}
        sub="本轮次各巡察的整改情况，合计与上方汇总一致；点击巡察或数字查看问题清单、整改任务和整改成效"
        extra={
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(d ? `/rectification/stats?termId=${d.termId}` : '/rectification/stats')}
          >
            返回整改统计
          </Button>
        }
      />
      {q.error ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <SummaryCards summary={total} loading={q.isPending} />
      )}
      <Card title="各巡察整改情况">
        <Table<TRow>
          rowKey="inspectionId"
          size="small"
          loading={q.isFetching}
          dataSource={d?.items ?? []}
          columns={columns}
          scroll={{ x: 1300 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个巡察` }}
          locale={{
            emptyText: q.isPending ? ' ' : <Empty description="本轮次暂无进入反馈、整改阶段的巡察" />,
          }}
          summary={() =>
            total && d && d.items.length > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  <Typography.Text strong>合计</Typography.Text>
                </Table.Summary.Cell>
                {(
                  [
                    total.findings,
                    total.rectified,
                    percent(total.rate),
                    total.ongoing,
                    total.undone,
                    total.extensions,
                    total.moneyRecovered,
                    total.accountable,
                    total.rulesMade,
                  ] as const
                ).map((v, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed and in order
                  <Table.Summary.Cell key={i} index={i + 3} align="right">
                    <Typography.Text strong>{v}</Typography.Text>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </div>
  );
}
