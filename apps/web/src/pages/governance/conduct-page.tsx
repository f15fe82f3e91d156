import { QrcodeOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import {
  CONDUCT_BAR,
  CONDUCT_STAGE_LABELS,
  CONDUCT_STAGES,
  conductRateText,
  type TConductStage,
  ZConductIssue,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  closeConduct,
  gak,
  issueConduct,
  type TConductEvaluationOut,
  type TConductResultsOut,
  useConductEvaluations,
  useConductResults,
} from '../../api/governance-archive.ts';
import { usePermissions } from '../../api/hooks.ts';
import type { TRectInspection } from '../../api/rectification.ts';
import { downloadBatchCodes, listSurveyBatches } from '../../api/surveys.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, FormModal, useAction, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, oneOf, useUrlParams } from '../../components/url-filters.ts';
import { RoundSelect, TermSelect } from '../fieldwork/shared.tsx';
import { stageLabel, useRectInspections } from '../rectification/inspection-picker.tsx';
import { ConductChart } from './conduct-chart.tsx';
import { ConductRate, ConductStageTag, ConductStatusTag } from './conduct-tags.tsx';
import { useDefaultTermId } from './shared.tsx';

const TABS = ['evaluations', 'results'] as const;
type Tab = (typeof TABS)[number];

interface IssueValues {
  links?: number | null;
  orgIds?: string[];
}

/**
 * 发放测评: both questionnaires (at the 反馈会 and the follow-up) for each inspected organization,
 * each with a batch of single-use links — one per person of the organization expected to answer.
 */
function IssueModal({
  inspection,
  taken,
  open,
  onClose,
}: {
  inspection: TRectInspection | undefined;
  /** Organizations that already have their questionnaires. */
  taken: Set<string>;
  open: boolean;
  onClose: () => void;
}) {
  const free = (inspection?.orgs ?? []).filter((o) => !taken.has(o.orgId));
  const kit = useSchemaForm({
    schema: ZConductIssue,
    toBody: (v: IssueValues) => ({
      links: v.links ?? undefined,
      // Every organization of the inspection when none is left out; otherwise the ones still without.
      orgIds: v.orgIds?.length ? v.orgIds : taken.size > 0 ? free.map((o) => o.orgId) : undefined,
    }),
    mutationFn: (body) => issueConduct(inspection?.id ?? '', body),
    success: (r) => `已发放${r.items.length}份测评问卷`,
    invalidate: [gak.all],
    onSuccess: onClose,
    open,
    openKey: inspection?.id,
    initial: () => ({ links: 20, orgIds: [] }),
  });
  return (
    <FormModal
      kit={kit}
      title="发放作风纪律测评"
      open={open}
      onClose={onClose}
      okText="发放"
      name="conductIssue"
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="每个被巡察党组织发放两次测评"
          description="反馈会当天发放第一次测评，反馈后按本机构设置的工作日数发放回访测评；每个链接只能提交一次，请按参加测评的人数生成。"
        />
      }
    >
      <Field name="links" label="每次测评的链接数" required extra="即每个单位参加测评的人数，1至500">
        <InputNumber min={1} max={500} precision={0} style={{ width: 160 }} />
      </Field>
      {(inspection?.orgs.length ?? 0) > 1 && (
        <Field name="orgIds" label="被巡察党组织" extra="不选则向全部尚未发放的被巡察党组织发放">
          <Select
            mode="multiple"
            allowClear
            placeholder="全部"
            options={free.map((o) => ({ value: o.orgId, label: o.name }))}
          />
        </Field>
      )}
    </FormModal>
  );
}

function EvaluationsTab({
  termId,
  inspectionId,
  onPick,
}: {
  termId?: string;
  inspectionId?: string;
  onPick: (id?: string) => void;
}) {
  const { modal } = App.useApp();
  const perms = usePermissions();
  const canManage = perms.has('governance:manage');
  const inspections = useRectInspections(termId);
  const inspection = inspections.data?.items.find((i) => i.id === inspectionId);
  const q = useConductEvaluations(inspectionId);
  const [issuing, setIssuing] = useState(false);
  const close = useAction((e: TConductEvaluationOut) => closeConduct(e.id), {
    success: (r) =>
      `已结束测评，满意率 ${r.satisfied !== null && r.valid !== null ? conductRateText(r.satisfied, r.valid) : '—'}`,
    invalidate: [gak.all],
  });
  const codes = useExport(async (e: TConductEvaluationOut) => {
    if (!e.surveyId) throw new Error('该测评尚未生成问卷');
    const batches = await listSurveyBatches(e.surveyId);
    const latest = batches.items[0];
    if (!latest) throw new Error('该测评尚未生成测评链接');
    return downloadBatchCodes(latest.id, `${e.orgName}${CONDUCT_STAGE_LABELS[e.stage]}二维码.docx`);
  }, '已下载');
  const confirmClose = (e: TConductEvaluationOut) =>
    modal.confirm({
      title: `结束“${e.orgName}”的${CONDUCT_STAGE_LABELS[e.stage]}？`,
      content: '结束后未使用的链接失效，按已提交的答卷统计满意率并计入巡察组和组员的作风纪律评估结果。',
      okText: '结束测评',
      okButtonProps: { danger: true },
      onOk: () => close.run(e),
    });
  const items = q.data?.items ?? [];
  const taken = new Set(items.map((e) => e.orgId));
  const allTaken = !!inspection && inspection.orgs.every((o) => taken.has(o.orgId));
  const busy = close.running?.[0].id ?? codes.running?.[0].id;
  const columns: TableColumnsType<TConductEvaluationOut> = [
    { title: '测评批次', key: 'stage', width: 140, render: (_v, e) => <ConductStageTag stage={e.stage} /> },
    { title: '被巡察党组织', dataIndex: 'orgName', ellipsis: true },
    { title: '巡察组', dataIndex: 'teamName', width: 110 },
    { title: '测评时间', key: 'window', width: 200, render: (_v, e) => `${e.opensOn} 至 ${e.closesOn}` },
    { title: '链接数', dataIndex: 'links', width: 80, align: 'right' },
    { title: '状态', key: 'status', width: 90, render: (_v, e) => <ConductStatusTag status={e.status} /> },
    {
      title: '满意率',
      key: 'rate',
      width: 170,
      render: (_v, e) => <ConductRate satisfied={e.satisfied} valid={e.valid} meetsBar={e.meetsBar} />,
    },
    {
      title: '操作',
      key: 'ops',
      width: 220,
      render: (_v, e) => (
        <Space size={0} wrap>
          {e.surveyId && e.status !== 'closed' && (
            <Button
              type="link"
              size="small"
              icon={<QrcodeOutlined />}
              loading={codes.running?.[0].id === e.id}
              disabled={busy !== undefined && busy !== e.id}
              onClick={() => void codes.run(e)}
            >
              二维码
            </Button>
          )}
          {e.surveyId && perms.has('survey:read') && <Link to={`/fieldwork/surveys/${e.surveyId}`}>问卷</Link>}
          {canManage && e.status === 'open' && (
            <Button
              type="link"
              size="small"
              danger
              icon={<StopOutlined />}
              loading={close.running?.[0].id === e.id}
              disabled={busy !== undefined && busy !== e.id}
              onClick={() => confirmClose(e)}
            >
              结束测评
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
        <Select
          value={inspectionId}
          onChange={(v?: string) => onPick(v || undefined)}
          allowClear
          placeholder="选择已反馈的巡察"
          aria-label="巡察"
          loading={inspections.isPending}
          style={{ width: 420 }}
          popupMatchSelectWidth={false}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent={inspections.isPending ? '正在加载…' : '暂无已召开反馈会的巡察'}
          options={(inspections.data?.items ?? []).map((i) => ({
            value: i.id,
            label: `${i.label}（${stageLabel(i.stage)}${i.feedbackDate ? `，${i.feedbackDate}反馈` : ''}）`,
          }))}
        />
        {canManage && inspection && (
          <Button type="primary" icon={<SendOutlined />} disabled={allTaken} onClick={() => setIssuing(true)}>
            发放测评
          </Button>
        )}
      </Space>
      {inspections.error && <ErrorAlert error={inspections.error} onRetry={() => void inspections.refetch()} />}
      {!inspectionId ? (
        <Empty description="请选择巡察，查看和发放其作风纪律测评" />
      ) : (
        <>
          {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
          <Table<TConductEvaluationOut>
            rowKey="id"
            size="middle"
            pagination={false}
            loading={q.isFetching}
            columns={columns}
            dataSource={items}
            scroll={{ x: 1100 }}
            locale={{ emptyText: q.isPending ? ' ' : <Empty description="尚未发放作风纪律测评" /> }}
          />
        </>
      )}
      <IssueModal inspection={inspection} taken={taken} open={issuing} onClose={() => setIssuing(false)} />
    </>
  );
}

type TeamRow = TConductResultsOut['byTeam'][number];
type RoundRow = TConductResultsOut['byRound'][number];

const stageCell = (s: TConductStage) => (_v: unknown, t: TeamRow) => {
  const r = t.stages[s];
  return r ? (r.valid === 0 ? '—' : `${conductRateText(r.satisfied, r.valid)}（${r.valid}份）`) : '未测评';
};

function ResultsTab({
  termId,
  roundId,
  onRound,
}: {
  termId?: string;
  roundId?: string;
  onRound: (id?: string) => void;
}) {
  const q = useConductResults(termId, roundId);
  const data = q.data;
  const roundName = (id: string) => data?.names.rounds[id] ?? '轮次';
  const teamName = (id: string) => data?.names.teams[id] ?? '巡察组';
  const rounds = (data?.byRound ?? []).filter((r) => !roundId || r.roundId === roundId);
  const teams = data?.byTeam ?? [];
  const bars = roundId
    ? teams.map((t) => ({ name: teamName(t.teamId), satisfied: t.satisfied, valid: t.valid, meetsBar: t.meetsBar }))
    : rounds.map((r) => ({ name: roundName(r.roundId), satisfied: r.satisfied, valid: r.valid, meetsBar: r.meetsBar }));
  const bar = data?.bar ?? CONDUCT_BAR;
  const below = rounds.filter((r) => r.meetsBar === false).length;
  const teamColumns: TableColumnsType<TeamRow> = [
    ...(roundId
      ? []
      : [{ title: '轮次', key: 'round', width: 180, render: (_v: unknown, t: TeamRow) => roundName(t.roundId) }]),
    { title: '巡察组', key: 'team', width: 140, render: (_v, t) => teamName(t.teamId) },
    ...CONDUCT_STAGES.map((s) => ({ title: CONDUCT_STAGE_LABELS[s], key: s, width: 170, render: stageCell(s) })),
    { title: '有效答卷', dataIndex: 'valid', width: 100, align: 'right' },
    {
      title: '综合满意率',
      key: 'rate',
      width: 180,
      render: (_v, t) => <ConductRate satisfied={t.satisfied} valid={t.valid} meetsBar={t.meetsBar} />,
    },
  ];
  return (
    <>
      <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
        <RoundSelect termId={termId} value={roundId} onChange={onRound} width={220} />
        <Typography.Text type="secondary">
          基准线 {(bar * 100).toFixed(1)}%：每轮巡察作风纪律评估综合满意度应保持在此以上
        </Typography.Text>
      </Space>
      {!termId ? (
        <Empty description="请选择届次" />
      ) : (
        <>
          {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Statistic title="测评轮次" value={rounds.length} loading={q.isPending} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title="未达标轮次"
                value={below}
                loading={q.isPending}
                styles={{ content: { color: below > 0 ? '#f5222d' : undefined } }}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="测评巡察组" value={teams.length} loading={q.isPending} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title="未达标巡察组"
                value={teams.filter((t) => t.meetsBar === false).length}
                loading={q.isPending}
              />
            </Col>
          </Row>
          {bars.length > 0 ? (
            <Card size="small" title={roundId ? '各巡察组满意率' : '各轮次综合满意率'} style={{ marginBottom: 16 }}>
              <ConductChart bars={bars} bar={bar} />
            </Card>
          ) : (
            !q.isPending && <Empty description="本届尚无作风纪律测评结果" style={{ marginBottom: 16 }} />
          )}
          {!roundId && rounds.length > 0 && (
            <Table<RoundRow>
              rowKey="roundId"
              size="small"
              pagination={false}
              style={{ marginBottom: 16 }}
              dataSource={rounds}
              columns={[
                { title: '轮次', key: 'round', render: (_v, r) => roundName(r.roundId) },
                { title: '巡察组', dataIndex: 'teams', width: 90, align: 'right' },
                { title: '未达标组', dataIndex: 'teamsBelowBar', width: 100, align: 'right' },
                { title: '有效答卷', dataIndex: 'valid', width: 100, align: 'right' },
                {
                  title: '综合满意率',
                  key: 'rate',
                  width: 180,
                  render: (_v, r) => <ConductRate satisfied={r.satisfied} valid={r.valid} meetsBar={r.meetsBar} />,
                },
              ]}
            />
          )}
          <Table<TeamRow>
            rowKey={(t) => `${t.roundId}-${t.teamId}`}
            size="small"
            pagination={false}
            loading={q.isFetching}
            dataSource={teams}
            columns={teamColumns}
            scroll={{ x: 900 }}
            locale={{ emptyText: q.isPending ? ' ' : <Empty description="暂无巡察组的测评结果" /> }}
          />
        </>
      )}
    </>
  );
}

/**
 * 巡察组作风纪律评估: at the feedback the office issues the team-conduct questionnaire to each
 * inspected organization and a follow-up some working days later, through single-use links; the
 * results per round and team against the 97.5% bar, each member's line going to their appraisals.
 */
export default function ConductPage() {
  usePageMeta([]);
  const { params, set } = useUrlParams();
  const tab: Tab = oneOf(TABS, params.get('tab')) ?? 'evaluations';
  // Without a term in the URL, the current term of the user's own authority (as the other 以巡促治 pages).
  const termId = useDefaultTermId(isUuid(params.get('termId')) ? (params.get('termId') as string) : undefined);
  const inspectionId = isUuid(params.get('inspectionId')) ? (params.get('inspectionId') as string) : undefined;
  const roundId = isUuid(params.get('roundId')) ? (params.get('roundId') as string) : undefined;
  return (
    <div>
      <PageHeader
        title="作风纪律评估"
        sub="被巡察党组织对巡察组作风纪律的测评：反馈时测评和反馈后回访测评，一人一码"
        extra={
          <TermSelect
            value={termId}
            onChange={(v) => set({ termId: v, inspectionId: null, roundId: null })}
            width={220}
          />
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(t) => set({ tab: t === 'evaluations' ? null : t })}
          destroyOnHidden
          items={[
            {
              key: 'evaluations',
              label: '测评发放',
              children: (
                <EvaluationsTab
                  termId={termId}
                  inspectionId={inspectionId}
                  onPick={(id) => set({ inspectionId: id })}
                />
              ),
            },
            {
              key: 'results',
              label: '测评结果',
              children: <ResultsTab termId={termId} roundId={roundId} onRound={(id) => set({ roundId: id })} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
