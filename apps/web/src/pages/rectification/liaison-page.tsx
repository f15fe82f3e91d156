import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List } from 'antd';
import { getProblemList, rk } from '../../api/rectification.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlParams } from '../../components/url-filters.ts';
import { FeedbackTab } from './feedback-tab.tsx';
import { findRect, OrgSwitch, RectInspectionSelect, useRectInspections } from './inspection-picker.tsx';
import { PlanView } from './plan-tab.tsx';
import { ReportsView } from './reports-tab.tsx';

type View = 'feedback' | 'plan' | 'reports';

/** 问题清单 as handed over: each finding's title and facts, nothing of how it was found. */
function ProblemListCard({ inspectionId, orgId }: { inspectionId: string; orgId?: string }) {
  const q = useQuery({
    queryKey: rk.problemList(inspectionId, orgId),
    queryFn: () => getProblemList(inspectionId, orgId),
  });
  return (
    <Card size="small" title="问题清单" style={{ marginTop: 16 }}>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      <List
        loading={q.isPending}
        dataSource={q.data?.findings ?? []}
        locale={{
          emptyText: q.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无移交的问题" />,
        }}
        renderItem={(f) => (
          <List.Item>
            <List.Item.Meta
              title={`问题${f.seq}：${f.title}`}
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{f.facts}</span>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

const TITLES: Record<View, { title: string; sub: string }> = {
  feedback: { title: '我的反馈', sub: '巡察组反馈的意见、反馈会情况和移交的问题清单' },
  plan: {
    title: '我的整改方案',
    sub: '针对每个问题制定整改任务（立行立改、限期整改、长期坚持），明确措施、责任领导、责任部门和时限，完成后提交联合会审',
  },
  reports: { title: '我的报告', sub: '整改报告、主要负责人组织落实情况报告和持续整改进展报告' },
};

/**
 * The inspected organization's own portal (role targetLiaison): its inspections only, as the
 * server scopes them, and within each its feedback, its plan or its reports. Nothing of the
 * inspection's clues, interviews, working papers or petitions is reachable from here.
 */
export function LiaisonPage({ view }: { view: View }) {
  const { title, sub } = TITLES[view];
  usePageMeta([]);
  const { params, set } = useUrlParams({ replace: true });
  const list = useRectInspections();
  const items = list.data?.items ?? [];
  const chosen = findRect(items, params.get('inspection') ?? undefined) ?? items[0];
  const orgs = chosen?.orgs ?? [];
  const orgId = orgs.some((o) => o.orgId === params.get('org')) ? (params.get('org') as string) : orgs[0]?.orgId;
  return (
    <div>
      <PageHeader
        title={title}
        sub={sub}
        extra={
          items.length > 1 && (
            <RectInspectionSelect
              value={chosen?.id}
              onChange={(v) => set({ inspection: v, org: null })}
              allowClear={false}
            />
          )
        }
      />
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <Card loading />}
      {list.data && !chosen && (
        <Card>
          <Empty description="暂无反馈给本单位的巡察" />
        </Card>
      )}
      {chosen && (
        <Card title={chosen.label}>
          {view === 'feedback' ? (
            <>
              <FeedbackTab inspectionId={chosen.id} targets={orgs} canWrite={false} />
              <OrgSwitch orgs={orgs} value={orgId} onChange={(org) => set({ org })} />
              <ProblemListCard key={`${chosen.id}-${orgId}`} inspectionId={chosen.id} orgId={orgId} />
            </>
          ) : (
            <>
              <OrgSwitch orgs={orgs} value={orgId} onChange={(org) => set({ org })} />
              {view === 'plan' && <PlanView key={`${chosen.id}-${orgId}`} inspectionId={chosen.id} orgId={orgId} />}
              {view === 'reports' && (
                <ReportsView key={`${chosen.id}-${orgId}`} inspectionId={chosen.id} orgId={orgId} />
              )}
            </>
          )}
        </Card>
      )}
    </div>
  );
}

export const MyFeedbackPage = () => <LiaisonPage view="feedback" />;
export const MyPlanPage = () => <LiaisonPage view="plan" />;
export const MyReportsPage = () => <LiaisonPage view="reports" />;
