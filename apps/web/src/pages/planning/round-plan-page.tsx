import {
  AuditOutlined,
  EditOutlined,
  FileWordOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUND_KIND_LABELS, type TRound, type TStage, ZRound, ZRoundApprove } from '@xc/domain';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Input,
  Row,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import {
  approveRound,
  deleteInspection,
  exportRoundPlan,
  getRound,
  getTerm,
  listAllInspections,
  listRounds,
  listTeams,
  pk,
  type TInspectionItem,
} from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { QueryTable } from '../../components/cursor-table.tsx';
import {
  afterToday,
  Field,
  FormModal,
  optional,
  useAction,
  useExport,
  useSchemaForm,
} from '../../components/form-kit/index.ts';
import { NotLoaded } from '../../components/load-failed.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { InspectionFormDrawer } from './inspection-form-drawer.tsx';
import { RoundFormModal } from './round-form-modal.tsx';
import { BACK_TO_TERMS, iso, ModeTag, period, StageTag, Targets, targetSummary } from './shared.tsx';
import { SuggestionPanel } from './suggestion-panel.tsx';
import { TeamCard } from './team-card.tsx';
import { ApprovalTag } from './term-overview-page.tsx';

const EDITABLE: TStage[] = ['planned', 'prepared'];

interface ApproveValues {
  approvedOn?: Dayjs | null;
  note?: string;
}

function ApproveModal({ round, open, onClose }: { round: TRound; open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const kit = useSchemaForm({
    schema: ZRoundApprove,
    toBody: (v: ApproveValues) => ({
      version: round.version,
      approvedOn: iso(v.approvedOn) ?? '',
      note: optional(v.note),
    }),
    mutationFn: (body) => approveRound(round.id, body),
    success: '已记录领导小组审批',
    invalidate: [pk.all],
    onSuccess: (saved) => {
      queryClient.setQueryData(pk.round(saved.id), saved);
      onClose();
    },
    conflict: {
      schema: ZRound,
      reload: (current) => {
        if (current) queryClient.setQueryData(pk.round(current.id), current);
        void queryClient.invalidateQueries({ queryKey: pk.round(round.id) });
        return undefined;
      },
    },
    open,
    initial: (): ApproveValues => ({
      approvedOn: round.approvedAt ? dayjs(round.approvedAt.slice(0, 10)) : dayjs(),
      note: round.approvalNote ?? '',
    }),
  });
  return (
    <FormModal
      kit={kit}
      title={`记录领导小组审批：${round.name}`}
      open={open}
      onClose={onClose}
      okText="确认记录"
      name="roundApprove"
      lazy
      intro={
        <Typography.Paragraph type="secondary">
          记录巡察工作领导小组批准本轮巡察计划的日期。记录后，本轮的巡察方可“启动准备”。
        </Typography.Paragraph>
      }
    >
      <Field name="approvedOn" label="批准日期" required>
        <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
      </Field>
      <Field name="note" label="批准情况说明">
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={500}
          showCount
          placeholder="如：经市委巡察工作领导小组2025年第2次会议研究同意"
        />
      </Field>
    </FormModal>
  );
}

export default function RoundPlanPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const perms = usePermissions();
  const { modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [approving, setApproving] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const [editInspection, setEditInspection] = useState<TInspectionItem | null>(null);
  const canWrite = perms.has('plan:write');

  const round = useQuery({ queryKey: pk.round(id), queryFn: () => getRound(id), enabled: !!id });
  const exportPlan = useExport((r: TRound) => exportRoundPlan(r.id, r.name));
  const removeInspection = useAction((i: TInspectionItem) => deleteInspection(i.id), {
    success: '已从本轮计划中删除',
    invalidate: [pk.all],
  });
  const termId = round.data?.termId ?? '';
  const term = useQuery({ queryKey: pk.term(termId), queryFn: () => getTerm(termId), enabled: !!termId });
  const termRounds = useQuery({
    queryKey: pk.rounds({ termId }),
    queryFn: ({ signal }) => listRounds({ termId, limit: 200 }, signal),
    enabled: !!termId,
  });
  const teams = useQuery({ queryKey: pk.teams(id), queryFn: () => listTeams(id), enabled: !!id });
  const inspections = useQuery({
    queryKey: pk.inspections({ roundId: id, all: true }),
    queryFn: ({ signal }) => listAllInspections({ roundId: id }, signal),
    enabled: !!id,
  });
  usePageMeta([
    { title: '规划与覆盖' },
    { title: '届期与覆盖', path: '/planning/terms' },
    { title: term.data?.name ?? '届期', path: termId ? `/planning/terms/${termId}` : '/planning/terms' },
    { title: round.data?.name ?? '轮次计划' },
  ]);

  const teamList = useMemo(
    () => [...(teams.data?.items ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name)),
    [teams.data],
  );
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const i of inspections.data ?? []) if (i.teamId) m.set(i.teamId, (m.get(i.teamId) ?? 0) + 1);
    return m;
  }, [inspections.data]);
  const roundNames = useMemo(
    () => new Map((termRounds.data?.items ?? []).map((r) => [r.id, r.name] as const)),
    [termRounds.data],
  );

  if (!round.isSuccess) return <NotLoaded query={round} what="轮次" back={BACK_TO_TERMS} />;
  const r = round.data;

  const confirmDelete = (i: TInspectionItem) =>
    modal.confirm({
      title: '移出本轮计划？',
      content: `将删除对“${targetSummary(i.targets)}”的巡察安排，删除后不可恢复。`,
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: () => removeInspection.run(i),
    });

  // Teams sort in their own order (第一, 第二 …), not by the reading of their names; no team goes last.
  const teamRank = (teamId: string | null) => {
    const i = teamList.findIndex((t) => t.id === teamId);
    return i < 0 ? teamList.length : i;
  };

  const columns: TableColumnsType<TInspectionItem> = [
    {
      title: '巡察组',
      dataIndex: 'teamName',
      width: 130,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">未确定</Typography.Text>,
      sorter: (a, b) => teamRank(a.teamId) - teamRank(b.teamId),
      defaultSortOrder: 'ascend',
    },
    {
      title: '被巡察单位',
      key: 'targets',
      render: (_v, i) => (
        <Link to={`/planning/inspections/${i.id}`}>
          <Targets targets={i.targets} />
        </Link>
      ),
    },
    { title: '方式', dataIndex: 'mode', width: 110, render: (m: TInspectionItem['mode']) => <ModeTag mode={m} /> },
    { title: '阶段', dataIndex: 'stage', width: 110, render: (s: TStage) => <StageTag stage={s} /> },
    { title: '计划进驻', dataIndex: 'plannedEntryDate', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '计划撤离', dataIndex: 'plannedExitDate', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'ops',
      width: 160,
      fixed: 'right',
      render: (_v, i) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/planning/inspections/${i.id}`)}>
            详情
          </Button>
          {canWrite && EDITABLE.includes(i.stage) && (
            <Button
              type="link"
              size="small"
              onClick={() => {
                setEditInspection(i);
                setFormOpen(true);
              }}
            >
              编辑
            </Button>
          )}
          {canWrite && i.stage === 'planned' && (
            <Button type="link" size="small" danger onClick={() => confirmDelete(i)}>
              删除
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={
          <Space>
            {r.name}
            <Tag color="blue">{ROUND_KIND_LABELS[r.kind]}</Tag>
            <ApprovalTag approvedAt={r.approvedAt} />
          </Space>
        }
        sub={term.data ? `${term.data.authorityName} · ${term.data.name}` : undefined}
        extra={
          <Space wrap>
            <Link to={`/planning/terms/${r.termId}/board`}>
              <Button icon={<ScheduleOutlined />}>轮次看板</Button>
            </Link>
            <Link to={`/personnel/rounds/${r.id}/authorization`}>
              <Button icon={<SafetyCertificateOutlined />}>授权决定</Button>
            </Link>
            {perms.has('plan:approve') && (
              <Button icon={<AuditOutlined />} onClick={() => setApproving(true)}>
                {r.approvedAt ? '修改审批记录' : '记录领导小组审批'}
              </Button>
            )}
            {perms.has('plan:export') && (
              <Button icon={<FileWordOutlined />} loading={exportPlan.pending} onClick={() => void exportPlan.run(r)}>
                导出巡察工作方案
              </Button>
            )}
            {canWrite && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑轮次
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={16}>
          <Card size="small" title="轮次计划" style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'name', label: '轮次', children: `${r.name}（第${r.number}轮）` },
                { key: 'kind', label: '巡察类型', children: ROUND_KIND_LABELS[r.kind] },
                { key: 'period', label: '计划起止', children: period(r.plannedStart, r.plannedEnd), span: 2 },
                { key: 'theme', label: '巡察主题', children: r.theme || '—', span: 2 },
                {
                  key: 'focus',
                  label: '巡察重点',
                  span: 2,
                  children: r.focus.length ? (
                    <Space wrap size={4}>
                      {r.focus.map((f) => (
                        <Tag key={f} color="processing">
                          {f}
                        </Tag>
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
                },
                {
                  key: 'approval',
                  label: '领导小组审批',
                  span: 2,
                  children: r.approvedAt ? (
                    <Space orientation="vertical" size={0}>
                      <span>{r.approvedAt.slice(0, 10)} 批准</span>
                      {r.approvalNote && <Typography.Text type="secondary">{r.approvalNote}</Typography.Text>}
                    </Space>
                  ) : (
                    <Typography.Text type="warning">尚未记录审批；审批前本轮巡察不能启动准备</Typography.Text>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <TeamCard
            roundId={r.id}
            teams={teamList}
            loading={teams.isPending}
            error={teams.error}
            onRetry={() => void teams.refetch()}
            counts={counts}
            canWrite={canWrite}
          />
        </Col>
      </Row>
      <Card
        title={`本轮巡察（${inspections.data?.length ?? r.inspectionCount}）`}
        extra={
          canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditInspection(null);
                setFormOpen(true);
              }}
            >
              新增巡察
            </Button>
          )
        }
        style={{ marginBottom: 16 }}
      >
        <QueryTable<TInspectionItem>
          query={inspections}
          rows={inspections.data ?? []}
          columns={columns}
          scroll={{ x: 1000 }}
          empty={canWrite ? '本轮尚未安排巡察，可点击“新增巡察”或采用下方的推荐' : '本轮尚未安排巡察'}
        />
      </Card>
      {canWrite && r.kind !== 'lookBack' && (
        <SuggestionPanel round={r} teams={teamList} busyTeams={new Set(counts.keys())} canWrite={canWrite} />
      )}
      <RoundFormModal open={editing} termId={r.termId} round={r} onClose={() => setEditing(false)} />
      <ApproveModal round={r} open={approving} onClose={() => setApproving(false)} />
      <InspectionFormDrawer
        open={formOpen}
        round={r}
        teams={teamList}
        roundNames={roundNames}
        inspection={editInspection}
        onClose={() => {
          setFormOpen(false);
          setEditInspection(null);
        }}
      />
    </div>
  );
}
