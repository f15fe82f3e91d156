import { SafetyCertificateOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { ROUND_KIND_LABELS, type TTeam } from '@xc/domain';
import { Button, Card, Empty, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { getRoster, ppk } from '../../api/personnel.ts';
import { listRounds, listTeams, listTerms, pk } from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlParams } from '../../components/url-filters.ts';
import { period, today, useHomeAuthorityId } from '../planning/shared.tsx';
import { PersonnelSettingsCard } from './personnel-settings-card.tsx';

/**
 * The menu's 组队与授权: pick a round, see each team's leaders, size and open warnings, and go on to
 * the team builder or the round's authorization decision.
 */
export default function TeamEntryPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const home = useHomeAuthorityId();
  const { params, set } = useUrlParams({ replace: true });
  const authorityId = params.get('authorityId') ?? home;

  const termQuery = { authorityId, limit: 50 };
  const terms = useQuery({ queryKey: pk.terms(termQuery), queryFn: ({ signal }) => listTerms(termQuery, signal) });
  const termItems = terms.data?.items ?? [];
  const termId = params.get('termId') ?? (termItems.find((t) => t.current) ?? termItems[0])?.id ?? '';
  const rounds = useQuery({
    queryKey: pk.rounds({ termId }),
    queryFn: ({ signal }) => listRounds({ termId, limit: 200 }, signal),
    enabled: !!termId,
  });
  const roundItems = useMemo(() => [...(rounds.data?.items ?? [])].sort((a, b) => a.number - b.number), [rounds.data]);
  const now = today();
  // The round under way or next; after the last one ends, the last.
  const defaultRound = roundItems.find((r) => r.plannedEnd >= now) ?? roundItems[roundItems.length - 1];
  const roundId = params.get('roundId') ?? defaultRound?.id ?? '';
  const round = roundItems.find((r) => r.id === roundId);

  const teams = useQuery({ queryKey: pk.teams(roundId), queryFn: () => listTeams(roundId), enabled: !!roundId });
  const teamList = useMemo(
    () => [...(teams.data?.items ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name)),
    [teams.data],
  );
  const rosters = useQueries({
    queries: teamList.map((t) => ({ queryKey: ppk.roster(t.id), queryFn: () => getRoster(t.id) })),
  });
  const rosterOf = (t: TTeam) => rosters[teamList.indexOf(t)];

  const columns: TableColumnsType<TTeam> = [
    {
      title: '巡察组',
      dataIndex: 'name',
      width: 140,
      render: (v: string, t) => <Link to={`/personnel/teams/${t.id}`}>{v}</Link>,
    },
    {
      title: '组长',
      key: 'leader',
      width: 120,
      render: (_v, t) => rosterOf(t)?.data?.members.find((m) => m.role === 'leader')?.name ?? '—',
    },
    {
      title: '副组长',
      key: 'deputies',
      render: (_v, t) =>
        rosterOf(t)
          ?.data?.members.filter((m) => m.role === 'deputy')
          .map((m) => m.name)
          .join('、') || '—',
    },
    {
      title: '人数',
      key: 'n',
      width: 80,
      align: 'right',
      render: (_v, t) => rosterOf(t)?.data?.members.filter((m) => m.role !== 'liaison').length ?? '—',
    },
    {
      title: '组成情况',
      key: 'warnings',
      width: 150,
      render: (_v, t) => {
        const r = rosterOf(t);
        if (r?.error) return <Typography.Text type="danger">加载失败</Typography.Text>;
        if (!r?.data) return '—';
        const conflicted = r.data.members.filter((m) => m.conflicts.length > 0).length;
        return (
          <Space size={[0, 4]} wrap>
            {r.data.warnings.length ? (
              <Tooltip title={r.data.warnings.map((w) => w.message).join('；')}>
                <Tag color="gold">{r.data.warnings.length} 项待完善</Tag>
              </Tooltip>
            ) : (
              <Tag color="green">符合要求</Tag>
            )}
            {conflicted > 0 && <Tag color="red">{conflicted} 人有回避情形</Tag>}
          </Space>
        );
      },
    },
    {
      title: '操作',
      key: 'ops',
      width: 90,
      render: (_v, t) => (
        <Link to={`/personnel/teams/${t.id}`}>
          <Button type="link" size="small">
            {perms.has('plan:write') ? '组队' : '查看'}
          </Button>
        </Link>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="组队与授权"
        sub="各轮巡察组的人员组成与一次一授权"
        extra={
          round && (
            <Space wrap>
              <Link to={`/planning/rounds/${round.id}`}>
                <Button icon={<ScheduleOutlined />}>轮次计划</Button>
              </Link>
              <Link to={`/personnel/rounds/${round.id}/authorization`}>
                <Button type="primary" icon={<SafetyCertificateOutlined />}>
                  授权决定
                </Button>
              </Link>
            </Space>
          )
        }
      />
      <Card>
        <Space wrap className="xc-filter-bar">
          {perms.has('authority:read') && (
            <AuthoritySelect
              value={authorityId}
              onChange={(v) => set({ authorityId: v, termId: undefined, roundId: undefined })}
              style={{ width: 220 }}
            />
          )}
          <Select
            value={termId || undefined}
            placeholder="届期"
            loading={terms.isPending}
            onChange={(v: string) => set({ termId: v, roundId: undefined })}
            options={termItems.map((t) => ({ value: t.id, label: t.current ? `${t.name}（当前）` : t.name }))}
            style={{ width: 220 }}
            aria-label="届期"
            notFoundContent="尚未建立届期"
          />
          <Select
            value={roundId || undefined}
            placeholder="轮次"
            loading={rounds.isFetching}
            onChange={(v: string) => set({ roundId: v })}
            options={roundItems.map((r) => ({ value: r.id, label: `${r.name}（${ROUND_KIND_LABELS[r.kind]}）` }))}
            style={{ width: 260 }}
            aria-label="轮次"
            notFoundContent="本届尚未安排轮次"
          />
          {round && <Typography.Text type="secondary">{period(round.plannedStart, round.plannedEnd)}</Typography.Text>}
        </Space>
        {terms.error && <ErrorAlert error={terms.error} onRetry={() => void terms.refetch()} />}
        {rounds.error && <ErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} />}
        {teams.error && <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} />}
        <Table<TTeam>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={teamList}
          loading={teams.isFetching || terms.isPending}
          pagination={false}
          locale={{
            emptyText:
              teams.isPending && roundId ? (
                ' '
              ) : (
                <Empty
                  description={
                    !termId ? '尚未建立届期' : !roundId ? '本届尚未安排轮次' : '本轮尚未组建巡察组，请在轮次计划中组建'
                  }
                />
              ),
          }}
        />
      </Card>
      {authorityId && <PersonnelSettingsCard authorityId={authorityId} canManage={perms.has('recusal:override')} />}
    </div>
  );
}
