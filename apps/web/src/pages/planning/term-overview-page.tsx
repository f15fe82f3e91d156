import { DownloadOutlined, EditOutlined, PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ROUND_KIND_LABELS, type TRound } from '@xc/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { exportCoverage, getCoverage, getTerm, listRounds, pk, type TCoverageOut } from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { QueryTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useExport } from '../../components/form-kit/index.ts';
import { NotLoaded } from '../../components/load-failed.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { RoundFormModal } from './round-form-modal.tsx';
import { BACK_TO_TERMS, FigureCard, period } from './shared.tsx';
import { TermFormModal } from './term-form-modal.tsx';
import { TermStatusTag } from './term-list-page.tsx';

const CoverageByKindChart = lazy(() =>
  import('./coverage-charts.tsx').then((m) => ({ default: m.CoverageByKindChart })),
);
const CoveredByYearChart = lazy(() => import('./coverage-charts.tsx').then((m) => ({ default: m.CoveredByYearChart })));

const pct = (rate: number) => Math.round(rate * 1000) / 10;

export function ApprovalTag({ approvedAt }: { approvedAt: string | null }) {
  return approvedAt ? (
    <Tag color="green">已批准 {approvedAt.slice(0, 10)}</Tag>
  ) : (
    <Tag color="gold">待领导小组审批</Tag>
  );
}

function PaceAlert({ pace }: { pace: TCoverageOut['pace'] }) {
  const figures = (
    <span>
      所需进度：每年覆盖 <b>{pace.neededPerYear.toFixed(1)}</b> 个；本届至今：平均每年覆盖{' '}
      <b>{pace.coveredPerYearSoFar.toFixed(1)}</b> 个（尚余 {pace.remainingTargets} 个单位、{pace.remainingDays} 天）
    </span>
  );
  if (!pace.onTrack)
    return (
      <Alert
        type="error"
        showIcon
        title={pace.warning ?? '按当前进度，届内难以完成全覆盖'}
        description={figures}
        style={{ marginBottom: 16 }}
      />
    );
  if (pace.remainingTargets === 0)
    return <Alert type="success" showIcon title="本届已实现巡察全覆盖" style={{ marginBottom: 16 }} />;
  return (
    <Alert
      type={pace.warning ? 'warning' : 'info'}
      showIcon
      title={pace.warning ?? '按当前进度可在届内完成全覆盖'}
      description={figures}
      style={{ marginBottom: 16 }}
    />
  );
}

function CoverageSection({
  termId,
  termName,
  canExport,
  between,
}: {
  termId: string;
  termName: string;
  canExport: boolean;
  /** Shown between the charts and the list of organizations not yet covered. */
  between?: ReactNode;
}) {
  const [kindFilter, setKindFilter] = useState<string | null>(null);
  const cov = useQuery({ queryKey: pk.coverage(termId), queryFn: () => getCoverage(termId) });
  const c = cov.data;

  const exportLedger = useExport(() => exportCoverage(termId, termName));

  const scrollToUncovered = () =>
    document.getElementById('uncovered')?.scrollIntoView({ behavior: 'smooth', block: 'start' });

  if (cov.error) return <ErrorAlert error={cov.error} title="覆盖情况加载失败" onRetry={() => void cov.refetch()} />;

  const uncovered = (c?.uncovered ?? []).filter((u) => !kindFilter || u.kind === kindFilter);
  const kinds = [...new Set((c?.uncovered ?? []).map((u) => u.kind))];

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={8} xl={4}>
          <FigureCard title="应覆盖" value={c?.total} suffix="个" loading={cov.isPending} />
        </Col>
        <Col xs={12} md={8} xl={5}>
          <FigureCard title="已覆盖" value={c?.covered} suffix="个" loading={cov.isPending} />
        </Col>
        <Col xs={12} md={8} xl={5}>
          <FigureCard
            title="覆盖率"
            value={c ? pct(c.rate) : undefined}
            precision={1}
            suffix="%"
            loading={cov.isPending}
            valueStyle={c && c.rate >= 1 ? { color: '#389e0d' } : undefined}
          />
        </Col>
        <Col xs={12} md={12} xl={5}>
          <FigureCard
            title="未覆盖"
            value={c?.uncoveredCount}
            suffix="个"
            loading={cov.isPending}
            onClick={c?.uncoveredCount ? scrollToUncovered : undefined}
            valueStyle={c?.uncoveredCount ? { color: '#cf1322' } : undefined}
          />
        </Col>
        <Col xs={24} md={12} xl={5}>
          <FigureCard
            title={
              c && c.pace.remainingDays > 0
                ? `届期剩余时间（约${(c.pace.remainingDays / 365).toFixed(1)}年）`
                : '届期剩余时间'
            }
            value={c ? c.pace.remainingDays : undefined}
            suffix="天"
            loading={cov.isPending}
          />
        </Col>
      </Row>
      {c && <PaceAlert pace={c.pace} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card title="按单位类别覆盖情况" size="small">
            {cov.isPending ? (
              <Skeleton active />
            ) : !c?.byKind.length ? (
              <Empty description="本届尚无应覆盖的单位" />
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <CoverageByKindChart
                  data={c.byKind}
                  onClick={(k) => {
                    setKindFilter(k);
                    scrollToUncovered();
                  }}
                />
              </Suspense>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="各年度新增覆盖" size="small">
            {cov.isPending ? (
              <Skeleton active />
            ) : !c?.byYear.length ? (
              <Empty description="尚无单位完成覆盖" />
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <CoveredByYearChart data={c.byYear} />
              </Suspense>
            )}
          </Card>
        </Col>
      </Row>
      {between}
      <Card
        id="uncovered"
        title={
          <Space>
            尚未覆盖的单位
            {c && <Typography.Text type="secondary">共 {c.uncoveredCount} 个</Typography.Text>}
            {kindFilter && (
              <Tag closable onClose={() => setKindFilter(null)} color="blue">
                {kindFilter}
              </Tag>
            )}
          </Space>
        }
        extra={
          canExport && (
            <Button icon={<DownloadOutlined />} loading={exportLedger.pending} onClick={() => void exportLedger.run()}>
              导出覆盖台账
            </Button>
          )
        }
        style={{ marginBottom: 16 }}
      >
        {c && c.uncoveredCount > c.uncovered.length && (
          <Alert
            type="info"
            showIcon
            title={`以下仅列出前 ${c.uncovered.length} 个，完整名单请导出覆盖台账`}
            style={{ marginBottom: 12 }}
          />
        )}
        <Table<TCoverageOut['uncovered'][number]>
          rowKey="orgId"
          size="small"
          loading={cov.isPending}
          dataSource={uncovered}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个` }}
          columns={[
            {
              title: '单位名称',
              dataIndex: 'name',
              render: (name: string, u) => <Link to={`/orgs/${u.orgId}`}>{name}</Link>,
            },
            {
              title: '单位类别',
              dataIndex: 'kind',
              width: 200,
              filters: kinds.map((k) => ({ text: k, value: k })),
              filteredValue: kindFilter ? [kindFilter] : null,
              filterMultiple: false,
              onFilter: () => true,
            },
          ]}
          onChange={(_p, f) => setKindFilter((f.kind?.[0] as string | undefined) ?? null)}
          locale={{
            emptyText: cov.isPending ? ' ' : <Empty description={kindFilter ? '该类别已全部覆盖' : '已全部覆盖'} />,
          }}
        />
      </Card>
    </>
  );
}

function RoundsCard({ termId, canWrite, onCreate }: { termId: string; canWrite: boolean; onCreate: () => void }) {
  const rounds = useQuery({
    queryKey: pk.rounds({ termId }),
    queryFn: ({ signal }) => listRounds({ termId, limit: 200 }, signal),
  });
  const columns: TableColumnsType<TRound> = [
    {
      title: '轮次',
      dataIndex: 'name',
      width: 140,
      render: (name: string, r) => <Link to={`/planning/rounds/${r.id}`}>{name}</Link>,
    },
    { title: '类型', dataIndex: 'kind', width: 130, render: (k: TRound['kind']) => ROUND_KIND_LABELS[k] ?? k },
    { title: '巡察主题', dataIndex: 'theme', ellipsis: true, render: (t: string) => t || '—' },
    {
      title: '计划起止',
      key: 'period',
      width: 220,
      render: (_v, r) => period(r.plannedStart, r.plannedEnd),
    },
    { title: '巡察数', dataIndex: 'inspectionCount', width: 80, align: 'right' },
    {
      title: '审批',
      dataIndex: 'approvedAt',
      width: 170,
      render: (a: string | null) => <ApprovalTag approvedAt={a} />,
    },
  ];
  return (
    <Card
      style={{ marginBottom: 16 }}
      title="本届巡察轮次"
      extra={
        <Space>
          <Link to={`/planning/terms/${termId}/board`}>
            <Button icon={<ScheduleOutlined />}>轮次看板</Button>
          </Link>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
              新建轮次
            </Button>
          )}
        </Space>
      }
    >
      <QueryTable<TRound>
        query={rounds}
        rows={rounds.data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        empty="本届尚未安排巡察轮次"
      />
    </Card>
  );
}

export default function TermOverviewPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const perms = usePermissions();
  const [editing, setEditing] = useState(false);
  const [creatingRound, setCreatingRound] = useState(false);
  const term = useQuery({ queryKey: pk.term(id), queryFn: () => getTerm(id), enabled: !!id });
  usePageMeta([{ title: term.data?.name ?? '届期详情' }]);

  if (!term.isSuccess) return <NotLoaded query={term} what="届期" back={BACK_TO_TERMS} />;
  const t = term.data;
  const canWrite = perms.has('plan:write');

  return (
    <div>
      <PageHeader
        title={
          <Space>
            {t.name}
            <TermStatusTag term={t} />
          </Space>
        }
        sub={`${t.authorityName} · 届期 ${t.startDate} 至 ${t.endDate}`}
        extra={
          canWrite && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑届期
            </Button>
          )
        }
      />
      <CoverageSection
        termId={t.id}
        termName={t.name}
        canExport={perms.has('plan:export')}
        between={<RoundsCard termId={t.id} canWrite={canWrite} onCreate={() => setCreatingRound(true)} />}
      />
      <TermFormModal open={editing} term={t} onClose={() => setEditing(false)} />
      <RoundFormModal
        open={creatingRound}
        termId={t.id}
        onClose={() => setCreatingRound(false)}
        onSaved={(r) => navigate(`/planning/rounds/${r.id}`)}
      />
    </div>
  );
}
