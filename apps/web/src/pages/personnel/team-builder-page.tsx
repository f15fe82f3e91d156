import {
  BulbOutlined,
  DeleteOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ErrorCode,
  EXPERTISE,
  POOL_LABELS,
  POOLS,
  TEAM_ROLE_LABELS,
  TEAM_ROLES,
  type TExpertise,
  type TPool,
  type TTeamRole,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  List,
  Row,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorText, isApiError } from '../../api/client.ts';
import { usePermissions } from '../../api/hooks.ts';
import {
  addTeamMember,
  getRecusalReport,
  getRoster,
  listInspectors,
  ppk,
  removeTeamMember,
  type TInspectorItem,
  type TMemberAddInput,
  type TRecusalConflictDetails,
  type TRosterMember,
  type TRosterOut,
} from '../../api/personnel.ts';
import { getRound, listAllInspections, pk } from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../components/filter-bar.tsx';
import { useAction } from '../../components/form-kit/index.ts';
import { NotLoaded } from '../../components/load-failed.tsx';
import { optionsOf } from '../../components/options.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePageFilters } from '../../components/url-filters.ts';
import { StageTag, targetSummary } from '../planning/shared.tsx';
import { type RecusalConflict, RecusalConflictModal } from './recusal-conflict-modal.tsx';
import {
  BACK_TO_TEAMS,
  ExpertiseTags,
  leadingOnly,
  RecusalTag,
  ROLE_OPTIONS,
  RoleTag,
  TeamWarnings,
  time,
} from './shared.tsx';
import { TeamSuggestionModal } from './team-suggestion-modal.tsx';

type Reason = { rule: string; detail: string };

/** What adding a member came to: added, blocked by recusal (the modal is open), or another error shown. */
export type AddOutcome = 'added' | 'recusal' | 'failed';

function MemberItem({
  m,
  canWrite,
  onRemove,
}: {
  m: TRosterMember;
  canWrite: boolean;
  onRemove: (m: TRosterMember) => void;
}) {
  return (
    <List.Item
      actions={
        canWrite
          ? [
              <Button
                key="remove"
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={`移出${m.name}`}
                onClick={() => onRemove(m)}
              />,
            ]
          : []
      }
    >
      <div style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Link to={`/personnel/inspectors/${m.inspectorId}`}>
            <Typography.Text strong>{m.name}</Typography.Text>
          </Link>
          <RecusalTag reasons={m.conflicts} />
          {m.override && <Tag color="orange">回避例外</Tag>}
        </Space>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.homeUnitName}
          </Typography.Text>
        </div>
        {m.expertise.length > 0 && (
          <div style={{ marginTop: 4 }}>
            <ExpertiseTags expertise={m.expertise} />
          </div>
        )}
        {m.override && (
          <Alert
            type="warning"
            style={{ marginTop: 6, padding: '4px 8px' }}
            title={
              <Typography.Text style={{ fontSize: 12 }}>
                例外理由：{m.override.reason}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  —— {m.override.byName} 于 {time(m.override.at)} 批准
                </Typography.Text>
              </Typography.Text>
            }
          />
        )}
      </div>
    </List.Item>
  );
}

function RosterCard({
  roster,
  canWrite,
  onRemove,
}: {
  roster: TRosterOut;
  canWrite: boolean;
  onRemove: (m: TRosterMember) => void;
}) {
  const byRole = (r: TTeamRole) => roster.members.filter((m) => m.role === r);
  const counted = roster.members.filter((m) => m.role !== 'liaison').length;
  return (
    <Card title={`巡察组成员（${counted}人${roster.members.length > counted ? ' + 联络员' : ''}）`} size="small">
      {roster.warnings.length > 0 ? (
        <TeamWarnings title="组成尚不符合要求" warnings={roster.warnings} />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title="人数、组长副组长配备和专业结构符合要求" />
      )}
      {roster.members.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={canWrite ? '尚无成员，可从右侧人员库中选人或点击“推荐组队”' : '尚无成员'}
        />
      ) : (
        TEAM_ROLES.map((r) => {
          const ms = byRole(r);
          if (!ms.length && r === 'liaison') return null;
          return (
            <div key={r} style={{ marginBottom: 8 }}>
              <Space style={{ marginBottom: 4 }}>
                <RoleTag role={r} />
                <Typography.Text type="secondary">{ms.length}人</Typography.Text>
              </Space>
              {ms.length ? (
                <List
                  size="small"
                  bordered
                  dataSource={ms}
                  renderItem={(m) => <MemberItem m={m} canWrite={canWrite} onRemove={onRemove} />}
                />
              ) : (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '0 0 8px 4px' }}>
                  尚未确定{TEAM_ROLE_LABELS[r]}
                </Typography.Paragraph>
              )}
            </div>
          );
        })
      )}
    </Card>
  );
}

interface PoolFilters {
  q?: string;
  pool?: TPool;
  expertise?: TExpertise;
  available?: 'true';
}

function CandidatePool({
  authorityId,
  roster,
  conflicts,
  recusalReady,
  canWrite,
  busy,
  onAdd,
}: {
  authorityId: string;
  roster: TRosterOut;
  conflicts: Map<string, Reason[]>;
  recusalReady: boolean;
  canWrite: boolean;
  busy: string | null;
  onAdd: (i: { id: string; name: string }, role: TTeamRole) => void;
}) {
  // Those in the pool of the team's authority; by default only those not on another inspection now.
  const picker = usePageFilters<PoolFilters>({ available: 'true' });
  const [roles, setRoles] = useState<Record<string, TTeamRole>>({});
  const { pages, bind, keyword } = picker;
  const query = { ...picker.query, authorityId, status: 'in' as const };
  const list = useQuery({
    queryKey: ppk.inspectors(query),
    queryFn: ({ signal }) => listInspectors(query, signal),
    placeholderData: keepPreviousData,
  });
  const inTeam = new Set(roster.members.map((m) => m.inspectorId));

  const columns: TableColumnsType<TInspectorItem> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 150,
      render: (name: string, i) => {
        const reasons = conflicts.get(i.id) ?? [];
        return (
          <Space orientation="vertical" size={2}>
            <Link to={`/personnel/inspectors/${i.id}`}>{name}</Link>
            <Space size={[0, 4]} wrap>
              <RecusalTag reasons={reasons} />
              {i.currentTeams > 0 && (
                <Tooltip title="已编入尚未结束的巡察组">
                  <Tag color="processing">在组</Tag>
                </Tooltip>
              )}
              {i.pools.some((p) => p.pool === 'leaderPool' && p.status === 'in') && <Tag color="red">组长库</Tag>}
            </Space>
          </Space>
        );
      },
    },
    {
      title: '单位/职务',
      key: 'unit',
      render: (_v, i) => (
        <div>
          <div>{i.homeUnitName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[i.post, i.rank].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
      ),
    },
    { title: '专业', dataIndex: 'expertise', width: 140, render: (v: string[]) => <ExpertiseTags expertise={v} /> },
    {
      title: '加入本组',
      key: 'add',
      width: 190,
      fixed: 'right',
      render: (_v, i) => {
        if (inTeam.has(i.id)) return <Tag color="green">已在本组</Tag>;
        if (!canWrite) return null;
        const reasons = conflicts.get(i.id) ?? [];
        const role = roles[i.id] ?? 'member';
        const blocked = reasons.length > 0 && (!leadingOnly(reasons) || role === 'leader' || role === 'deputy');
        return (
          <Space.Compact size="small">
            <Select
              size="small"
              value={role}
              onChange={(r: TTeamRole) => setRoles((p) => ({ ...p, [i.id]: r }))}
              options={ROLE_OPTIONS}
              style={{ width: 90 }}
              aria-label={`${i.name}的组内职务`}
            />
            <Button
              size="small"
              type={blocked ? 'default' : 'primary'}
              danger={blocked}
              icon={<UserAddOutlined />}
              loading={busy === i.id}
              disabled={!!busy && busy !== i.id}
              onClick={() => onAdd(i, role)}
            >
              加入
            </Button>
          </Space.Compact>
        );
      },
    },
  ];

  return (
    <Card title="人员库（在库人员）" size="small">
      <FilterBar>
        <FilterSearch {...keyword} placeholder="姓名、单位或职务" label="搜索人员" width={180} maxLength={60} />
        <FilterSelect label="人员库" {...bind('pool')} options={optionsOf(POOLS, POOL_LABELS)} width={130} />
        <FilterSelect label="专业领域" {...bind('expertise')} options={optionsOf(EXPERTISE)} width={110} />
        <FilterSelect
          label="是否空闲"
          value={picker.filters.available ?? 'all'}
          onChange={(v) => picker.set({ available: v === 'true' ? 'true' : undefined })}
          options={[
            { value: 'true', label: '仅空闲人员' },
            { value: 'all', label: '全部人员' },
          ]}
          width={120}
          clearable={false}
        />
      </FilterBar>
      {!recusalReady && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="本组尚未安排巡察对象，暂不能进行回避审查；加入时由系统再行审查。"
        />
      )}
      <CursorTable<TInspectorItem>
        list={list}
        pages={pages}
        size="small"
        columns={columns}
        width={640}
        empty={{
          filtered: true,
          whenFiltered: '没有符合条件的在库人员',
          whenEmpty: '没有符合条件的在库人员',
          simple: true,
        }}
      />
    </Card>
  );
}

export default function TeamBuilderPage() {
  const { teamId = '' } = useParams();
  const perms = usePermissions();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<RecusalConflict | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const canWrite = perms.has('plan:write');
  // The pool and its recusal check are personnel records; a team member with plan:read sees the roster only.
  const canReadPool = perms.has('personnel:read');

  const roster = useQuery({ queryKey: ppk.roster(teamId), queryFn: () => getRoster(teamId), enabled: !!teamId });
  const roundId = roster.data?.roundId ?? '';
  const round = useQuery({ queryKey: pk.round(roundId), queryFn: () => getRound(roundId), enabled: !!roundId });
  const inspections = useQuery({
    queryKey: pk.inspections({ roundId, all: true }),
    queryFn: ({ signal }) => listAllInspections({ roundId }, signal),
    enabled: !!roundId,
  });
  const mine = useMemo(() => (inspections.data ?? []).filter((i) => i.teamId === teamId), [inspections.data, teamId]);
  const reports = useQueries({
    queries: mine.map((i) => ({
      queryKey: ppk.recusal(i.id),
      queryFn: () => getRecusalReport(i.id),
      staleTime: 30_000,
      enabled: canReadPool,
    })),
  });
  const reportError = reports.find((r) => r.error)?.error;
  const conflicts = useMemo(() => {
    const m = new Map<string, Reason[]>();
    for (const r of reports) {
      for (const c of r.data?.conflicts ?? []) {
        const list = m.get(c.inspectorId) ?? [];
        for (const reason of c.reasons)
          if (!list.some((x) => x.rule === reason.rule && x.detail === reason.detail)) list.push(reason);
        m.set(c.inspectorId, list);
      }
    }
    return m;
  }, [reports]);

  usePageMeta([
    { title: round.data?.name ?? '轮次', path: roundId ? `/planning/rounds/${roundId}` : undefined },
    { title: roster.data ? `${roster.data.teamName}组队` : '组队' },
  ]);

  // Every change answers the new roster; the pool's 在组 marks follow it.
  const takeRoster = (next: TRosterOut) => {
    queryClient.setQueryData(ppk.roster(teamId), next);
    void queryClient.invalidateQueries({ queryKey: ['personnel', 'inspectors'] });
  };
  const onStale = () => {
    message.warning('巡察组成员已被他人调整，已重新加载，请确认后再操作');
    void roster.refetch();
  };
  const memberAdd = useMutation({
    mutationFn: ({ body }: { who: { id: string; name: string }; body: TMemberAddInput }) => addTeamMember(teamId, body),
    onSuccess: takeRoster,
  });
  const busy = memberAdd.isPending ? (memberAdd.variables?.who.id ?? null) : null;
  const memberRemove = useAction((m: TRosterMember, version: number) => removeTeamMember(teamId, m.id, version), {
    success: (_next, m) => `已将${m.name}移出${roster.data?.teamName ?? ''}`,
    onSuccess: takeRoster,
    onError: (e) => {
      if (!isApiError(e, ErrorCode.VersionConflict)) return false;
      onStale();
      return true;
    },
  });

  if (!roster.isSuccess) return <NotLoaded query={roster} what="巡察组" back={BACK_TO_TEAMS} />;
  const r = roster.data;

  /** Adds one member against the given roster version; on success hands back the new roster. */
  const add = async (
    who: { id: string; name: string },
    role: TTeamRole,
    version: number,
    override?: string,
  ): Promise<{ outcome: AddOutcome; roster?: TRosterOut }> => {
    try {
      const next = await memberAdd.mutateAsync({
        who,
        body: { inspectorId: who.id, role, version, ...(override ? { override: { reason: override } } : {}) },
      });
      return { outcome: 'added', roster: next };
    } catch (e) {
      if (isApiError(e, ErrorCode.RecusalConflict)) {
        const reasons = (e.details as TRecusalConflictDetails | undefined)?.reasons ?? [];
        setConflict({ inspectorId: who.id, name: who.name, role, reasons });
        return { outcome: 'recusal' };
      }
      if (isApiError(e, ErrorCode.VersionConflict)) onStale();
      else message.error(`${who.name}未能加入：${errorText(e)}`);
      return { outcome: 'failed' };
    }
  };

  const addOne = async (who: { id: string; name: string }, role: TTeamRole) => {
    const current = queryClient.getQueryData<TRosterOut>(ppk.roster(teamId)) ?? r;
    const res = await add(who, role, current.version);
    if (res.outcome === 'added') message.success(`${who.name}已作为${TEAM_ROLE_LABELS[role]}加入${r.teamName}`);
  };

  const override = async (c: RecusalConflict, reason: string) => {
    const current = queryClient.getQueryData<TRosterOut>(ppk.roster(teamId)) ?? r;
    const res = await add({ id: c.inspectorId, name: c.name }, c.role, current.version, reason);
    if (res.outcome !== 'added') return res.outcome === 'recusal';
    modal.success({
      title: '已作为回避例外加入',
      content: `${c.name}已以${TEAM_ROLE_LABELS[c.role]}身份加入${r.teamName}。例外理由、批准人和时间已记录，并写入审计日志；名单中将持续标示该回避情形。`,
      okText: '知道了',
    });
    return true;
  };

  const confirmRemove = (m: TRosterMember) =>
    modal.confirm({
      title: `将${m.name}移出${r.teamName}？`,
      content: `${m.name}（${TEAM_ROLE_LABELS[m.role]}）将不再是本组成员${
        m.role === 'leader' || m.role === 'deputy' ? '；已作出的授权决定需重新记录' : ''
      }。`,
      okText: '移出',
      okButtonProps: { danger: true },
      onOk: () => memberRemove.run(m, (queryClient.getQueryData<TRosterOut>(ppk.roster(teamId)) ?? r).version),
    });

  const first = mine[0];
  return (
    <div>
      <PageHeader
        title={`${r.teamName}组队`}
        sub={
          <>
            {round.data?.name ?? '—'}
            {mine.length > 0
              ? ` · 巡察对象：${mine.map((i) => targetSummary(i.targets)).join('；')}`
              : ' · 尚未安排巡察对象'}
          </>
        }
        extra={
          <Space wrap>
            <Link to={`/planning/rounds/${r.roundId}`}>
              <Button icon={<ScheduleOutlined />}>轮次计划</Button>
            </Link>
            <Link to={`/personnel/rounds/${r.roundId}/authorization`}>
              <Button icon={<SafetyCertificateOutlined />}>授权决定</Button>
            </Link>
            <Button icon={<ReloadOutlined />} onClick={() => void roster.refetch()} loading={roster.isFetching}>
              刷新
            </Button>
            {canWrite && canReadPool && (
              <Tooltip title={first ? undefined : '本组尚未安排巡察对象，无法推荐'}>
                <Button type="primary" icon={<BulbOutlined />} disabled={!first} onClick={() => setSuggesting(true)}>
                  推荐组队
                </Button>
              </Tooltip>
            )}
          </Space>
        }
      />
      {mine.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          {mine.map((i) => (
            <Link key={i.id} to={`/planning/inspections/${i.id}`}>
              <Tag>
                {targetSummary(i.targets)} <StageTag stage={i.stage} />
              </Tag>
            </Link>
          ))}
        </Space>
      )}
      {inspections.error && <ErrorAlert error={inspections.error} onRetry={() => void inspections.refetch()} />}
      {Boolean(reportError) && <ErrorAlert title="回避审查结果加载失败" error={reportError} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <RosterCard roster={r} canWrite={canWrite} onRemove={confirmRemove} />
        </Col>
        <Col xs={24} xl={15}>
          {!canReadPool ? (
            <Card size="small" title="人员库">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="查看人员库需要巡察干部库的查阅权限" />
            </Card>
          ) : round.data ? (
            <CandidatePool
              authorityId={round.data.authorityId}
              roster={r}
              conflicts={conflicts}
              recusalReady={mine.length > 0}
              canWrite={canWrite}
              busy={busy}
              onAdd={(i, role) => void addOne(i, role)}
            />
          ) : round.error ? (
            <ErrorAlert error={round.error} onRetry={() => void round.refetch()} />
          ) : (
            <Card size="small" loading />
          )}
        </Col>
      </Row>
      <RecusalConflictModal
        conflict={conflict}
        teamName={r.teamName}
        canOverride={perms.has('recusal:override')}
        onOverride={override}
        onClose={() => setConflict(null)}
      />
      {first && (
        <TeamSuggestionModal
          open={suggesting}
          inspectionId={first.id}
          targetName={targetSummary(first.targets)}
          roster={r}
          onClose={() => setSuggesting(false)}
          onAdopt={async (members, onProgress) => {
            let version = (queryClient.getQueryData<TRosterOut>(ppk.roster(teamId)) ?? r).version;
            let added = 0;
            for (const m of members) {
              onProgress(m.inspectorId);
              const res = await add({ id: m.inspectorId, name: m.name }, m.role, version);
              if (res.outcome !== 'added' || !res.roster) {
                onProgress(null);
                if (added) message.info(`已加入${added}人，在${m.name}处停止`);
                if (res.outcome === 'recusal') setSuggesting(false);
                return false;
              }
              version = res.roster.version;
              added++;
            }
            onProgress(null);
            message.success(added ? `已按推荐加入${added}人` : '推荐人员均已在本组');
            return true;
          }}
        />
      )}
    </div>
  );
}
