import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Table, Tabs, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { getInspectionSummary, getProblemList, rk, type TRectInspection } from '../../api/rectification.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlParams } from '../../components/url-filters.ts';
import { EvaluationTab } from './evaluation-tab.tsx';
import { FeedbackTab } from './feedback-tab.tsx';
import { findRect, OrgSwitch, RectInspectionSelect, stageLabel, useRectInspections } from './inspection-picker.tsx';
import { OutcomesView } from './outcomes-tab.tsx';
import { PlanView } from './plan-tab.tsx';
import { RecheckTab } from './recheck-tab.tsx';
import { ReportsView } from './reports-tab.tsx';
import { SubmissionTag, useRectRoles, WARNING_COLOURS } from './shared.tsx';
import { SummaryCards } from './summary-cards.tsx';

const TABS = ['feedback', 'plan', 'reports', 'outcomes', 'evaluation', 'recheck'] as const;
export type Tab = (typeof TABS)[number];

function Warnings({ w }: { w: { red: number; yellow: number; green: number } }) {
  return (
    <Space size={2}>
      <Tag color={WARNING_COLOURS.red}>红 {w.red}</Tag>
      <Tag color={WARNING_COLOURS.yellow}>黄 {w.yellow}</Tag>
      <Tag color={WARNING_COLOURS.green}>绿 {w.green}</Tag>
    </Space>
  );
}

/** Without an inspection chosen: every inspection at feedback or later, with its organizations' plans and warnings. */
export function Overview({
  items,
  loading,
  error,
  retry,
  tab,
}: {
  items: TRectInspection[];
  loading: boolean;
  error: unknown;
  retry: () => void;
  /** The tab a row opens. */
  tab?: Tab;
}) {
  const navigate = useNavigate();
  return (
    <Card>
      {Boolean(error) && <ErrorAlert error={error} onRetry={retry} />}
      <Table<TRectInspection>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 个巡察` }}
        locale={{ emptyText: loading ? ' ' : <Empty description="暂无已进入反馈、整改阶段的巡察" /> }}
        onRow={(i) => ({
          onClick: () => navigate(`/rectification/inspections/${i.id}${tab ? `?tab=${tab}` : ''}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: '巡察', dataIndex: 'label', ellipsis: true },
          { title: '阶段', key: 'stage', width: 110, render: (_, i) => <Tag color="blue">{stageLabel(i.stage)}</Tag> },
          { title: '反馈日期', dataIndex: 'feedbackDate', width: 110, render: (d: string | null) => d ?? '—' },
          {
            title: '整改方案',
            key: 'plans',
            width: 260,
            render: (_, i) => (
              <Space orientation="vertical" size={2}>
                {i.orgs.map((o) => (
                  <span key={o.orgId}>
                    {i.orgs.length > 1 ? `${o.name}：` : ''}
                    <SubmissionTag status={o.planStatus} />
                  </span>
                ))}
              </Space>
            ),
          },
          { title: '任务', dataIndex: 'tasks', width: 70, align: 'right' },
          { title: '预警', key: 'w', width: 200, render: (_, i) => <Warnings w={i.warnings} /> },
        ]}
      />
    </Card>
  );
}

/** Outcomes with the organization's findings to link an entry to. */
function OutcomesTab({ inspectionId, orgId }: { inspectionId: string; orgId: string }) {
  const problems = useQuery({
    queryKey: rk.problemList(inspectionId, orgId),
    queryFn: () => getProblemList(inspectionId, orgId),
  });
  const findings = (problems.data?.findings ?? []).map((f) => ({ id: f.id, label: `问题${f.seq}：${f.title}` }));
  return <OutcomesView inspectionId={inspectionId} orgId={orgId} findings={findings} />;
}

/**
 * One inspection's rectification for the office: the 反馈 (反馈会, 四抄告, 反馈意见), each
 * organization's plan with its tasks (the office may enter a paper plan on its behalf), the reports
 * owed, and the figures of what was rectified.
 */
export default function RectInspectionPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const roles = useRectRoles();
  const { params, set } = useUrlParams({ replace: true });
  const list = useRectInspections();
  const i = findRect(list.data?.items, id);
  const summary = useQuery({
    queryKey: rk.summary('inspection', id ?? ''),
    queryFn: () => getInspectionSummary(id ?? ''),
    enabled: !!id,
  });
  usePageMeta(i ? [{ title: i.label }] : []);
  const orgs = i?.orgs ?? [];
  // 回头看 belongs to a look-back inspection only: elsewhere the tab is not offered, nor opened from the URL.
  const lookBack = !!i?.lookBackOfId;
  const tabs = lookBack ? TABS : TABS.filter((t) => t !== 'recheck');
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'feedback';
  const orgId = orgs.some((t) => t.orgId === params.get('org')) ? (params.get('org') as string) : orgs[0]?.orgId;
  return (
    <div>
      <PageHeader
        title="巡察整改"
        sub="反馈会与四抄告、问题清单与整改任务、整改报告"
        extra={
          <RectInspectionSelect
            value={id}
            onChange={(v) => navigate(v ? `/rectification/inspections/${v}` : '/rectification/inspections')}
          />
        }
      />
      {!id && (
        <Overview
          items={list.data?.items ?? []}
          loading={list.isPending}
          error={list.error}
          retry={() => void list.refetch()}
        />
      )}
      {id && list.data && !i && (
        <Card>
          <Empty description="该巡察尚未进入反馈阶段，或不在您的查看范围内" />
        </Card>
      )}
      {id && i && (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Tag color="blue">{stageLabel(i.stage)}</Tag>
            <span>{i.feedbackDate ? `反馈日期 ${i.feedbackDate}` : '尚未召开反馈会'}</span>
            <Warnings w={i.warnings} />
          </Space>
          {summary.error ? (
            <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
          ) : (
            <SummaryCards summary={summary.data} loading={summary.isPending} />
          )}
          <Card>
            <Tabs
              activeKey={tab}
              onChange={(t) => set({ tab: t === 'feedback' ? null : t })}
              destroyOnHidden
              items={[
                {
                  key: 'feedback',
                  label: '反馈',
                  children: <FeedbackTab inspectionId={id} targets={orgs} canWrite={roles.feedback} />,
                },
                {
                  key: 'plan',
                  label: '问题清单与整改任务',
                  children: (
                    <>
                      <OrgSwitch orgs={orgs} value={orgId} onChange={(org) => set({ org })} />
                      {orgId && <PlanView key={orgId} inspectionId={id} orgId={orgId} />}
                    </>
                  ),
                },
                {
                  key: 'reports',
                  label: '整改报告',
                  children: (
                    <>
                      <OrgSwitch orgs={orgs} value={orgId} onChange={(org) => set({ org })} />
                      {orgId && <ReportsView key={orgId} inspectionId={id} orgId={orgId} />}
                    </>
                  ),
                },
                {
                  key: 'outcomes',
                  label: '整改成效',
                  children: (
                    <>
                      <OrgSwitch orgs={orgs} value={orgId} onChange={(org) => set({ org })} />
                      {orgId && <OutcomesTab key={orgId} inspectionId={id} orgId={orgId} />}
                    </>
                  ),
                },
                {
                  key: 'evaluation',
                  label: '整改评估',
                  children: <EvaluationTab inspectionId={id} />,
                },
                ...(lookBack
                  ? [
                      {
                        key: 'recheck',
                        label: '回头看',
                        children: <RecheckTab inspectionId={id} stage={i.stage} />,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
