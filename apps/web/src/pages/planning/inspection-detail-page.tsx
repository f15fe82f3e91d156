import { ArrowLeftOutlined, ArrowRightOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ErrorCode,
  ROUND_KIND_LABELS,
  STAGE_DATE_FIELDS,
  STAGE_LABELS,
  STAGES,
  stageIndex,
  type TStage,
  transitionDateProblem,
  transitionOf,
  ZStageTransition,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  Row,
  Skeleton,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorText, isApiError } from '../../api/client.ts';
import { useDualReport } from '../../api/governance-archive.ts';
import { usePermissions } from '../../api/hooks.ts';
import {
  getInspection,
  getRound,
  listRounds,
  listTeams,
  pk,
  type TInspectionDetailOut,
  transitionInspection,
} from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { afterToday, Field, FormModal, optional, useSchemaForm } from '../../components/form-kit/index.ts';
import { NotLoaded } from '../../components/load-failed.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { DualStateTag } from '../governance/dual-reports-tags.tsx';
import { HearingCard } from '../reports/hearing-card.tsx';
import { InspectionFormDrawer } from './inspection-form-drawer.tsx';
import { BACK_TO_TERMS, DeadlineTag, iso, ModeTag, period, StageTag, targetSummary, today } from './shared.tsx';
import './planning.css';

type TAction = TInspectionDetailOut['actions'][number];
type TDeadline = TInspectionDetailOut['deadlines'][number];

const time = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm');

/** The date recorded for each stage reached, from the inspection's date fields. */
function stageDate(i: TInspectionDetailOut, s: TStage): string | null {
  const f = STAGE_DATE_FIELDS[s];
  return f ? i[f] : null;
}

interface TransitionValues {
  date?: Dayjs | null;
  note?: string;
}

function TransitionModal({
  inspection,
  action,
  onClose,
}: {
  inspection: TInspectionDetailOut;
  action: TAction | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const back = action?.direction === 'back';
  // The server checks the date against the stored dates with the same domain rule; a move back
  // needs a reason for the record, which only this form asks for.
  const schema = useMemo(
    () =>
      ZStageTransition.superRefine((b, ctx) => {
        if (back && !b.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写退回原因' });
        const bad = !back && action ? transitionDateProblem(action.to, b.date, inspection, today()) : null;
        if (bad) ctx.addIssue({ code: 'custom', path: ['date'], message: bad });
      }),
    [action, back, inspection],
  );
  const kit = useSchemaForm({
    schema,
    toBody: (v: TransitionValues) => ({
      version: inspection.version,
      to: action?.to,
      date: iso(v.date) ?? '',
      note: optional(v.note),
    }),
    mutationFn: (body) => transitionInspection(inspection.id, body),
    success: (saved) =>
      back ? `已${action?.action}` : `已办理“${action?.action}”，当前阶段：${STAGE_LABELS[saved.stage]}`,
    invalidate: [pk.all],
    onSuccess: (saved) => {
      queryClient.setQueryData(pk.inspection(saved.id), saved);
      onClose();
    },
    onError: (e) => {
      if (!isApiError(e) || e.status !== 409) return false;
      // Someone else moved the inspection first: show what is true now rather than retry.
      message.warning(
        isApiError(e, ErrorCode.VersionConflict)
          ? '该巡察的阶段刚被他人变更，已刷新为最新状态，请核对后再操作'
          : `${errorText(e)}（已刷新为最新状态）`,
      );
      void queryClient.invalidateQueries({ queryKey: pk.inspection(inspection.id) });
      onClose();
      return true;
    },
    // Each move starts from today's date, no note and no error of the last one.
    open: !!action,
    openKey: action?.to,
    initial: (): TransitionValues => ({ date: dayjs(), note: '' }),
  });
  const cleared = action && back ? (transitionOf(inspection.stage, action.to)?.clears ?? []) : [];

  return (
    <FormModal
      kit={kit}
      title={action ? (back ? action.action : `办理“${action.action}”`) : ''}
      open={!!action}
      onClose={onClose}
      okText={back ? '确认退回' : '确认'}
      danger={back}
      name="stageTransition"
      lazy
      intro={
        action &&
        (back ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={`巡察将从“${STAGE_LABELS[inspection.stage]}”退回“${STAGE_LABELS[action.to]}”`}
            description={
              cleared.length
                ? `已记录的“${STAGE_LABELS[inspection.stage]}”日期（${stageDate(inspection, inspection.stage) ?? '—'}）将被清除。退回用于纠正误操作或推迟进驻，请在说明中写明原因。`
                : '退回用于纠正误操作，请在说明中写明原因。'
            }
          />
        ) : (
          <Typography.Paragraph>
            巡察将从“{STAGE_LABELS[inspection.stage]}”进入“{STAGE_LABELS[action.to]}”，请填写实际发生的日期。
          </Typography.Paragraph>
        ))
      }
    >
      <Field name="date" label={back ? '退回日期' : `${action?.action ?? ''}日期`} required>
        <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
      </Field>
      <Field name="note" label={back ? '退回原因' : '说明（可选）'} required={back}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
      </Field>
    </FormModal>
  );
}

function ActionBar({ inspection }: { inspection: TInspectionDetailOut }) {
  const [acting, setActing] = useState<TAction | null>(null);
  if (!inspection.actions.length) return <Typography.Text type="secondary">巡察已归档，阶段不再变更</Typography.Text>;
  return (
    <>
      <Space wrap>
        {inspection.actions.map((a) => {
          const btn = (
            <Button
              key={a.to}
              type={a.direction === 'forward' ? 'primary' : 'default'}
              danger={a.direction === 'back'}
              icon={a.direction === 'forward' ? <ArrowRightOutlined /> : <ArrowLeftOutlined />}
              iconPlacement={a.direction === 'forward' ? 'end' : 'start'}
              disabled={!a.allowed}
              onClick={() => setActing(a)}
            >
              {a.action}
            </Button>
          );
          return a.allowed ? (
            btn
          ) : (
            <Tooltip key={a.to} title={a.reason ?? '暂不能办理'}>
              <span>{btn}</span>
            </Tooltip>
          );
        })}
      </Space>
      {inspection.actions.some((a) => !a.allowed) && (
        <div style={{ marginTop: 8 }}>
          {inspection.actions
            .filter((a) => !a.allowed && a.direction === 'forward')
            .map((a) => (
              <Typography.Text key={a.to} type="secondary" style={{ display: 'block', fontSize: 12 }}>
                “{a.action}”暂不能办理：{a.reason}
              </Typography.Text>
            ))}
        </div>
      )}
      <TransitionModal inspection={inspection} action={acting} onClose={() => setActing(null)} />
    </>
  );
}

function DeadlinesCard({ deadlines }: { deadlines: TDeadline[] }) {
  return (
    <Card size="small" title="工作时限" style={{ height: '100%' }}>
      <Table<TDeadline>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={deadlines}
        rowClassName={(d) => (d.colour === 'red' ? 'xc-deadline-row-red' : '')}
        locale={{ emptyText: <Empty description="暂无时限" /> }}
        columns={[
          { title: '时限事项', dataIndex: 'label' },
          { title: '规则', dataIndex: 'rule', width: 120 },
          { title: '截止日期', dataIndex: 'due', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            dataIndex: 'colour',
            width: 100,
            render: (c: string) => <DeadlineTag colour={c} />,
          },
        ]}
      />
    </Card>
  );
}

/**
 * 双报告一报备 of an authorized inspection as the governance checklist keeps it, read-only here: the
 * county that carried it out records the three on the checklist and the city office checks them.
 */
function DualReportCard({ inspectionId }: { inspectionId: string }) {
  const q = useDualReport(inspectionId);
  const view = q.data;
  const checked = view?.items.filter((x) => x.state === 'checked').length ?? 0;
  return (
    <Card
      size="small"
      title={
        <Space>
          双报告一报备
          {view && (
            <Tag color={checked === view.items.length ? 'green' : 'gold'}>
              已审核 {checked}/{view.items.length}
            </Tag>
          )}
        </Space>
      }
      extra={<Link to={`/governance/dual-reports/${inspectionId}`}>前往双报告一报备</Link>}
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        授权巡察结束后，被授权的县(市、区)委巡察机构向县级党委和市级主管部门党组织报告，并向市委巡察办报备；在“双报告一报备”中登记，由市委巡察办审核。
      </Typography.Paragraph>
      {q.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 3 }} />
      ) : q.error ? (
        <Alert
          type={isApiError(q.error) && q.error.status === 404 ? 'info' : 'error'}
          showIcon
          title={
            isApiError(q.error) && q.error.status === 404
              ? '该授权巡察的双报告一报备不在您的查看范围内'
              : `读取双报告一报备失败：${errorText(q.error)}`
          }
        />
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={q.data.items.map((x) => ({
            key: x.kind,
            label: x.label,
            children: (
              <Space size={4} wrap>
                <DualStateTag state={x.state} colour={x.colour} due={x.due} />
                {x.on ? `${x.on} 报送` : x.due ? `时限 ${x.due}` : '时限尚未起算'}
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function EventsCard({ inspection }: { inspection: TInspectionDetailOut }) {
  return (
    <Card size="small" title="办理记录" style={{ marginBottom: 16 }}>
      {inspection.events.length === 0 ? (
        <Empty description="暂无办理记录" />
      ) : (
        <Timeline
          items={inspection.events.map((e) => {
            const isBack = e.fromStage !== null && stageIndex(e.toStage) < stageIndex(e.fromStage);
            return {
              key: e.id,
              color: isBack ? 'red' : e.toStage === 'archived' ? 'gray' : 'blue',
              content: (
                <div>
                  <Space wrap size={4}>
                    <Typography.Text strong>{e.onDate}</Typography.Text>
                    {e.fromStage ? (
                      <>
                        <StageTag stage={e.fromStage} />
                        <span>{isBack ? '退回' : '→'}</span>
                        <StageTag stage={e.toStage} />
                      </>
                    ) : (
                      <>
                        <span>列入计划</span>
                        <StageTag stage={e.toStage} />
                      </>
                    )}
                  </Space>
                  {e.note && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.actorName ?? '系统'} · 登记于 {time(e.createdAt)}
                  </Typography.Text>
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}

/** 编辑巡察安排 from the detail page, while the plan may still change (planned or prepared). */
function EditPlanButton({ inspection }: { inspection: TInspectionDetailOut }) {
  const [open, setOpen] = useState(false);
  const round = useQuery({
    queryKey: pk.round(inspection.roundId),
    queryFn: () => getRound(inspection.roundId),
    enabled: open,
  });
  const teams = useQuery({
    queryKey: pk.teams(inspection.roundId),
    queryFn: () => listTeams(inspection.roundId),
    enabled: open,
  });
  const rounds = useQuery({
    queryKey: pk.rounds({ termId: inspection.termId }),
    queryFn: ({ signal }) => listRounds({ termId: inspection.termId, limit: 200 }, signal),
    enabled: open,
  });
  const roundNames = useMemo(
    () => new Map((rounds.data?.items ?? []).map((r) => [r.id, r.name] as const)),
    [rounds.data],
  );
  const ready = !!round.data && !!teams.data;
  return (
    <>
      <Button icon={<EditOutlined />} loading={open && !ready} onClick={() => setOpen(true)}>
        编辑巡察安排
      </Button>
      {round.data && (
        <InspectionFormDrawer
          open={open && ready}
          round={round.data}
          teams={teams.data?.items ?? []}
          roundNames={roundNames}
          inspection={inspection}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

export default function InspectionDetailPage() {
  const { id = '' } = useParams();
  const perms = usePermissions();
  const q = useQuery({ queryKey: pk.inspection(id), queryFn: () => getInspection(id), enabled: !!id });
  const i = q.data;
  usePageMeta([
    { title: '规划与覆盖' },
    { title: '届期与覆盖', path: '/planning/terms' },
    ...(i
      ? [
          { title: i.termName, path: `/planning/terms/${i.termId}` },
          { title: i.roundName, path: `/planning/rounds/${i.roundId}` },
        ]
      : []),
    { title: i ? targetSummary(i.targets) : '巡察详情' },
  ]);

  if (!q.isSuccess || !i) return <NotLoaded query={q} what="巡察" back={BACK_TO_TERMS} />;

  const current = stageIndex(i.stage);
  const primary = i.targets.filter((t) => t.role === 'primary');
  const villages = i.targets.filter((t) => t.role === 'village');
  const overdue = i.deadlines.filter((d) => d.colour === 'red');

  return (
    <div>
      <PageHeader
        title={
          <Space wrap>
            {targetSummary(i.targets)}
            <StageTag stage={i.stage} />
          </Space>
        }
        sub={`${i.authorityName} · ${i.termName} · ${i.roundName} · ${i.teamName ?? '未确定巡察组'}`}
        extra={
          <Space>
            {perms.has('plan:write') && (i.stage === 'planned' || i.stage === 'prepared') && (
              <EditPlanButton inspection={i} />
            )}
            {perms.has('fieldwork:read') && (
              <Link to={`/fieldwork/inspections/${i.id}`}>
                <Button type="primary">巡察工作台</Button>
              </Link>
            )}
            {perms.has('report:read') && (
              <Link to={`/reports/inspections/${i.id}`}>
                <Button>巡察报告</Button>
              </Link>
            )}
            {perms.has('publicCode:manage') && (
              <Link to={`/fieldwork/codes?inspectionId=${i.id}`}>
                <Button>码上巡二维码</Button>
              </Link>
            )}
            {perms.has('petition:read') && (
              <Link to={`/fieldwork/petitions?inspectionId=${i.id}`}>
                <Button>信访件</Button>
              </Link>
            )}
            {perms.has('survey:read') && (
              <Link to={`/fieldwork/surveys?inspectionId=${i.id}`}>
                <Button>问卷测评</Button>
              </Link>
            )}
            <Link to={`/planning/rounds/${i.roundId}`}>
              <Button>返回轮次计划</Button>
            </Link>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          titlePlacement="vertical"
          items={STAGES.map((s, idx) => ({
            key: s,
            title: STAGE_LABELS[s],
            content: idx <= current ? (stageDate(i, s) ?? undefined) : undefined,
            status: idx < current ? 'finish' : idx === current ? 'process' : 'wait',
          }))}
        />
        <div style={{ marginTop: 16 }}>
          <ActionBar inspection={i} />
        </div>
      </Card>
      {overdue.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`有 ${overdue.length} 项工作时限已逾期：${overdue.map((d) => d.label).join('、')}`}
        />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title="基本情况" style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'targets',
                  label: i.mode === 'directVillage' ? '被巡察村(社区)' : '被巡察单位',
                  children: (
                    <Space wrap size={[8, 4]}>
                      {(primary.length ? primary : villages).map((t) => (
                        <Link key={t.orgId} to={`/orgs/${t.orgId}`}>
                          {t.name}
                        </Link>
                      ))}
                    </Space>
                  ),
                },
                ...(primary.length && villages.length
                  ? [
                      {
                        key: 'villages',
                        label: `延伸巡察村(社区)（${villages.length}）`,
                        children: (
                          <Space wrap size={[8, 4]}>
                            {villages.map((t) => (
                              <Link key={t.orgId} to={`/orgs/${t.orgId}`}>
                                {t.name}
                              </Link>
                            ))}
                          </Space>
                        ),
                      },
                    ]
                  : []),
                { key: 'team', label: '巡察组', children: i.teamName ?? '未确定' },
                {
                  key: 'mode',
                  label: '巡察类型',
                  children: (
                    <Space size={4}>
                      <span>{ROUND_KIND_LABELS[i.kind]}</span>
                      {i.mode !== 'ordinary' && <ModeTag mode={i.mode} />}
                    </Space>
                  ),
                },
                {
                  key: 'round',
                  label: '所属轮次',
                  children: (
                    <Space size={4}>
                      <Link to={`/planning/rounds/${i.roundId}`}>{i.roundName}</Link>
                      {i.roundApprovedAt ? (
                        <Tag color="green">领导小组 {i.roundApprovedAt.slice(0, 10)} 批准</Tag>
                      ) : (
                        <Tag color="gold">计划待审批</Tag>
                      )}
                    </Space>
                  ),
                },
                ...(i.mode === 'authorized'
                  ? [{ key: 'auth', label: '被授权机构', children: i.authorizedAuthorityName ?? '—' }]
                  : []),
                ...(i.lookBackOfId
                  ? [
                      {
                        key: 'lookback',
                        label: '“回头看”原巡察',
                        children: (
                          <Link to={`/planning/inspections/${i.lookBackOfId}`}>{i.lookBackOfName ?? '查看原巡察'}</Link>
                        ),
                      },
                    ]
                  : []),
                { key: 'planned', label: '计划进驻/撤离', children: period(i.plannedEntryDate, i.plannedExitDate) },
                {
                  key: 'onsite',
                  label: '实际进驻/撤离',
                  children: i.entryDate ? period(i.entryDate, i.exitDate) : '—',
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <DeadlinesCard deadlines={i.deadlines} />
        </Col>
      </Row>
      {i.mode === 'authorized' && perms.has('governance:read') && <DualReportCard inspectionId={i.id} />}
      <HearingCard inspection={i} />
      <EventsCard inspection={i} />
    </div>
  );
}
