import { FileDoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { STAGE_LABELS } from '@xc/domain';
import { Alert, Button, Card, Col, Empty, Result, Row, Space, Tabs, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { fwk, getSummary, listActivities, listInterviews, type TSummaryOut } from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { InspectionSelect } from '../petitions/shared.tsx';
import { FigureCard, period, StageTag, today } from '../planning/shared.tsx';
import { RecheckTab } from '../rectification/recheck-tab.tsx';
import { ActivitiesTab } from './activities-tab.tsx';
import { InspectionClues } from './clue-register.tsx';
import { InspectionFindings } from './findings-table.tsx';
import { InterviewsTab } from './interviews-tab.tsx';
import { AwaitingMeList, PapersTab } from './papers-tab.tsx';
import { inspectionTitle, useInspection } from './shared.tsx';
import './fieldwork.css';

const TABS = ['interviews', 'activities', 'papers', 'findings', 'clues', 'recheck'] as const;
type TTab = (typeof TABS)[number];

/** A figure whose parts link to the list behind each: 草稿 3 · 审核中 2 · 已审定 9. */
function PapersFigure({ s, onOpen }: { s: TSummaryOut | undefined; onOpen: (status?: string) => void }) {
  const parts = [
    { key: 'draft', label: '草稿', n: s?.workingPapers.draft },
    { key: 'inReview', label: '审核中', n: s?.workingPapers.inReview },
    { key: 'signedOff', label: '已审定', n: s?.workingPapers.signedOff },
  ];
  return (
    <Card style={{ height: '100%' }} className="xc-figure-card" onClick={() => onOpen()} role="link">
      <Typography.Text type="secondary">问题底稿</Typography.Text>
      <div className="xc-fw-split">
        {parts.map((p) => (
          <button
            type="button"
            key={p.key}
            className="xc-fw-split-part"
            onClick={(e) => {
              e.stopPropagation();
              onOpen(p.key);
            }}
            aria-label={`${p.label}底稿 ${p.n ?? ''} 份`}
          >
            <span className="xc-fw-split-value">{p.n ?? '—'}</span>
            <span className="xc-fw-split-label">{p.label}</span>
          </button>
        ))}
      </div>
    </Card>
  );
}

function Figures({
  inspectionId,
  onTab,
}: {
  inspectionId: string;
  onTab: (tab: TTab, extra?: Record<string, string>) => void;
}) {
  const perms = usePermissions();
  const q = useQuery({ queryKey: fwk.summary(inspectionId), queryFn: () => getSummary(inspectionId) });
  const s = q.data;
  const loading = q.isPending;
  const col = { xs: 12, sm: 8, md: 6, xl: 4 } as const;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col {...col}>
        <FigureCard
          title="个别谈话"
          value={s?.activities.interviews}
          suffix="人次"
          loading={loading}
          onClick={() => onTab('interviews')}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          title="调阅资料"
          value={s?.activities.documentReviews}
          suffix="份"
          loading={loading}
          onClick={() => onTab('activities', { kind: 'documentReview' })}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          title="走访"
          value={s?.activities.visits}
          suffix="次"
          loading={loading}
          onClick={() => onTab('activities', { kind: 'visit' })}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          title="座谈"
          value={s?.activities.forums}
          suffix="次"
          loading={loading}
          onClick={() => onTab('activities', { kind: 'forum' })}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          title="问卷测评"
          value={s?.surveys}
          suffix="份"
          loading={loading}
          to={perms.has('survey:read') ? `/fieldwork/surveys?inspectionId=${inspectionId}` : undefined}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          title="信访举报"
          value={s?.petitions}
          suffix="件"
          loading={loading}
          to={perms.has('petition:read') ? `/fieldwork/petitions?inspectionId=${inspectionId}` : undefined}
        />
      </Col>
      <Col xs={24} sm={16} md={12} xl={8}>
        <PapersFigure s={s} onOpen={(status) => onTab('papers', status ? { status } : {})} />
      </Col>
      <Col {...col}>
        <FigureCard
          title="发现问题"
          value={s?.findings}
          suffix="个"
          loading={loading}
          onClick={() => onTab('findings')}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          title="立行立改"
          value={s?.immediateFixes}
          suffix="个"
          loading={loading}
          onClick={() => onTab('findings', { immediate: 'true' })}
        />
      </Col>
      <Col xs={24} sm={16} md={12} xl={8}>
        <FigureCard
          title="问题线索"
          value={s ? `${s.clues.cases} 件 / ${s.clues.persons} 人` : undefined}
          loading={loading}
          onClick={() => onTab('clues')}
        />
      </Col>
    </Row>
  );
}

/** 今日: what the team has recorded today, at a glance. */
function Today({ inspectionId }: { inspectionId: string }) {
  const d = today();
  const interviews = useQuery({
    queryKey: fwk.interviews(inspectionId, { from: d, to: d, limit: 1 }),
    queryFn: ({ signal }) => listInterviews(inspectionId, { from: d, to: d, limit: 1 }, signal),
  });
  const activities = useQuery({
    queryKey: fwk.activities(inspectionId, { from: d, to: d, limit: 1 }),
    queryFn: ({ signal }) => listActivities(inspectionId, { from: d, to: d, limit: 1 }, signal),
  });
  if (!interviews.data || !activities.data) return null;
  return (
    <Typography.Text type="secondary">
      今日（{d}）已记录个别谈话 {interviews.data.total} 人次、其他活动 {activities.data.total} 项
    </Typography.Text>
  );
}

function Workbench({ inspectionId }: { inspectionId: string }) {
  const navigate = useNavigate();
  const perms = usePermissions();
  const [params, setParams] = useSearchParams();
  const tab: TTab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TTab)
    : 'interviews';
  const q = useInspection(inspectionId);
  const i = q.data;
  usePageMeta([{ title: i ? inspectionTitle(i) : '巡察工作台' }]);

  const openTab = (t: TTab, extra: Record<string, string> = {}) => {
    setParams(new URLSearchParams({ tab: t, ...extra }));
  };

  if (q.error) {
    if (isApiError(q.error) && q.error.status === 404)
      return (
        <Result
          status="404"
          title="巡察不存在或无权查看"
          extra={<Button onClick={() => navigate('/fieldwork/inspections')}>选择其他巡察</Button>}
        />
      );
    return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  }

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }} loading={!i}>
        {i && (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {inspectionTitle(i)}
              </Typography.Title>
              <StageTag stage={i.stage} />
            </Space>
            <Typography.Text type="secondary">
              {i.termName} · {i.roundName} · {i.teamName ?? '未确定巡察组'} · 进驻/撤离：
              {i.entryDate ? period(i.entryDate, i.exitDate) : period(i.plannedEntryDate, i.plannedExitDate)}
            </Typography.Text>
            <Today inspectionId={inspectionId} />
            {!['onSite', 'reporting'].includes(i.stage) && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                title={`巡察处于“${STAGE_LABELS[i.stage]}”阶段：个别谈话、活动和问题底稿只在进驻巡察阶段和报告阶段记录`}
              />
            )}
          </Space>
        )}
      </Card>
      <Figures inspectionId={inspectionId} onTab={openTab} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => openTab(k as TTab)}
          items={[
            { key: 'interviews', label: '个别谈话', children: <InterviewsTab inspection={i} /> },
            { key: 'activities', label: '调阅走访座谈', children: <ActivitiesTab inspection={i} /> },
            { key: 'papers', label: '问题底稿', children: <PapersTab inspectionId={inspectionId} /> },
            { key: 'findings', label: '发现问题', children: <InspectionFindings inspection={i} /> },
            ...(perms.has('clue:read')
              ? [{ key: 'clues', label: '问题线索', children: <InspectionClues inspection={i} /> }]
              : []),
            // A 回头看 checks on site how the earlier inspection's findings were rectified.
            ...(i?.lookBackOfId && inspectionId
              ? [
                  {
                    key: 'recheck',
                    label: '回头看',
                    children: <RecheckTab inspectionId={inspectionId} stage={i.stage} />,
                  },
                ]
              : []),
          ]}
          destroyOnHidden
        />
      </Card>
    </>
  );
}

/** Before an inspection is chosen: the papers waiting for the user's step of 三审, across inspections. */
function Landing({ canReview }: { canReview: boolean }) {
  usePageMeta([]);
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Empty description="请在右上角选择巡察任务，进入该巡察的工作台" />
      </Card>
      {canReview && (
        <Card title="待我审核的问题底稿">
          <AwaitingMeList />
        </Card>
      )}
    </>
  );
}

/** 巡察工作台: one inspection's work on site, for its team (and the office looking over it). */
export default function WorkbenchPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const perms = usePermissions();
  return (
    <div>
      <PageHeader
        title="巡察工作台"
        sub="个别谈话、调阅走访座谈、问题底稿三审、发现问题和问题线索"
        extra={
          <Space wrap>
            <InspectionSelect
              value={id}
              onChange={(v) => navigate(v ? `/fieldwork/inspections/${v}` : '/fieldwork/inspections')}
              allowClear={false}
            />
            {id && perms.has('report:read') && (
              <Link to={`/reports/inspections/${id}`}>
                <Button icon={<FileDoneOutlined />}>巡察报告</Button>
              </Link>
            )}
            {id && perms.has('plan:read') && (
              <Link to={`/planning/inspections/${id}`}>
                <Button>巡察详情</Button>
              </Link>
            )}
          </Space>
        }
      />
      {id ? <Workbench key={id} inspectionId={id} /> : <Landing canReview={perms.has('paper:review')} />}
    </div>
  );
}
