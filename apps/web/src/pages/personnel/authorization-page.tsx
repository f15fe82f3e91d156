import { FileWordOutlined, SaveOutlined, TeamOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorCode, ZAuthorizationCreate } from '@xc/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { usePermissions } from '../../api/hooks.ts';
import {
  exportAuthorization,
  getAuthorization,
  getRoster,
  ppk,
  putAuthorization,
  type TAuthorizationOut,
} from '../../api/personnel.ts';
import { getRound, listAllInspections, listTeams, pk } from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { afterToday, Field, iso, SchemaForm, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { NotLoaded } from '../../components/load-failed.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { targetSummary } from '../planning/shared.tsx';
import { BACK_TO_TEAMS } from './shared.tsx';

type Leader = TAuthorizationOut['leaders'][number];

interface FormValues {
  docNumber?: string;
  decidedOn?: Dayjs | null;
  taskDivision?: string;
}

/** 404 means no decision yet; that is a state of the page, not an error. */
async function loadAuthorization(roundId: string): Promise<TAuthorizationOut | null> {
  try {
    return await getAuthorization(roundId);
  } catch (e) {
    if (isApiError(e, ErrorCode.NotFound) || (isApiError(e) && e.status === 404)) return null;
    throw e;
  }
}

export default function AuthorizationPage() {
  const { roundId = '' } = useParams();
  const perms = usePermissions();
  const queryClient = useQueryClient();
  const canWrite = perms.has('plan:write');

  const round = useQuery({ queryKey: pk.round(roundId), queryFn: () => getRound(roundId), enabled: !!roundId });
  const auth = useQuery({
    queryKey: ppk.authorization(roundId),
    queryFn: () => loadAuthorization(roundId),
    enabled: !!roundId,
  });
  const teams = useQuery({ queryKey: pk.teams(roundId), queryFn: () => listTeams(roundId), enabled: !!roundId });
  const inspections = useQuery({
    queryKey: pk.inspections({ roundId, all: true }),
    queryFn: ({ signal }) => listAllInspections({ roundId }, signal),
    enabled: !!roundId,
  });
  const teamList = useMemo(
    () => [...(teams.data?.items ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name)),
    [teams.data],
  );
  const rosters = useQueries({
    queries: teamList.map((t) => ({ queryKey: ppk.roster(t.id), queryFn: () => getRoster(t.id) })),
  });
  /** The leaders as the rosters stand now; the decision takes them when it is saved. */
  const current: Leader[] = teamList.map((t, i) => {
    const ms = rosters[i]?.data?.members ?? [];
    return {
      teamId: t.id,
      teamName: t.name,
      leaderName: ms.find((m) => m.role === 'leader')?.name ?? '',
      deputyNames: ms.filter((m) => m.role === 'deputy').map((m) => m.name),
    };
  });
  const rostersReady = rosters.every((r) => !r.isPending);
  const rosterError = rosters.find((r) => r.error)?.error;

  // The route lies outside the menu's paths, so the crumbs name the menu item themselves.
  usePageMeta([
    { title: '巡察队伍' },
    { title: '组队与授权', path: '/personnel/teams' },
    { title: round.data?.name ?? '轮次', path: roundId ? `/planning/rounds/${roundId}` : undefined },
    { title: '授权决定' },
  ]);

  const decided = auth.data;
  const kit = useSchemaForm({
    schema: ZAuthorizationCreate,
    toBody: (v: FormValues) => ({
      roundId,
      docNumber: v.docNumber ?? '',
      decidedOn: iso(v.decidedOn) ?? '',
      taskDivision: v.taskDivision ?? '',
    }),
    mutationFn: (body) => putAuthorization(roundId, body),
    success: decided ? '授权决定已更新' : '授权决定已记录',
    onSuccess: (saved) => queryClient.setQueryData(ppk.authorization(roundId), saved),
  });
  const { form } = kit;
  const exportDecision = useExport((name: string) => exportAuthorization(roundId, name));
  useEffect(() => {
    if (decided)
      form.setFieldsValue({
        docNumber: decided.docNumber,
        decidedOn: dayjs(decided.decidedOn),
        taskDivision: decided.taskDivision,
      });
  }, [decided, form]);

  if (!round.isSuccess || auth.isPending) return <NotLoaded query={round} what="轮次" back={BACK_TO_TEAMS} />;
  const r = round.data;

  const draftDivision = () => {
    const lines = teamList.map((t) => {
      const targets = (inspections.data ?? []).filter((i) => i.teamId === t.id).map((i) => targetSummary(i.targets));
      return `${t.name}：负责对${targets.length ? targets.join('、') : '（待定）'}开展巡察。`;
    });
    form.setFieldValue('taskDivision', lines.join('\n'));
  };

  const leaders = decided ? decided.leaders : current;
  const columns: TableColumnsType<Leader> = [
    {
      title: '巡察组',
      dataIndex: 'teamName',
      width: 140,
      render: (v: string, l) => <Link to={`/personnel/teams/${l.teamId}`}>{v}</Link>,
    },
    {
      title: '组长',
      dataIndex: 'leaderName',
      width: 140,
      render: (v: string) => v || <Typography.Text type="danger">未确定</Typography.Text>,
    },
    {
      title: '副组长',
      dataIndex: 'deputyNames',
      render: (v: string[]) => (v.length ? v.join('、') : <Typography.Text type="warning">未确定</Typography.Text>),
    },
  ];
  const missing = current.filter((l) => !l.leaderName);

  return (
    <div>
      <PageHeader
        title={
          <Space>
            授权决定
            {decided ? <Tag color="green">已作出</Tag> : <Tag color="gold">未作出</Tag>}
          </Space>
        }
        sub={`${r.name}（一次一授权：每轮巡察对巡察组组长、副组长分别授权）`}
        extra={
          <Space wrap>
            <Link to={`/planning/rounds/${r.id}`}>
              <Button icon={<TeamOutlined />}>轮次计划</Button>
            </Link>
            {decided && perms.has('plan:export') && (
              <Button
                icon={<FileWordOutlined />}
                loading={exportDecision.pending}
                onClick={() => void exportDecision.run(r.name)}
              >
                导出授权书
              </Button>
            )}
          </Space>
        }
      />
      {auth.error && <ErrorAlert error={auth.error} onRetry={() => void auth.refetch()} />}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`本授权随本轮巡察结束而终止，有效期至 ${decided?.validUntil ?? r.plannedEnd}。`}
        description="下一轮巡察须重新作出授权决定。"
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title="授权决定" size="small">
            {canWrite ? (
              <SchemaForm kit={kit} name="authorization">
                {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
                <Field name="docNumber" label="文号" required>
                  <Input maxLength={40} placeholder="如：赣市巡授〔2026〕1号" />
                </Field>
                <Field name="decidedOn" label="决定日期" required>
                  <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
                </Field>
                <Field
                  name="taskDivision"
                  label={
                    <Space>
                      任务分工
                      <Button size="small" type="link" icon={<ThunderboltOutlined />} onClick={draftDivision}>
                        按巡察安排生成
                      </Button>
                    </Space>
                  }
                  messageLabel="任务分工"
                  required
                >
                  <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={2000} showCount />
                </Field>
                {missing.length > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 16 }}
                    title={`${missing.map((l) => l.teamName).join('、')}尚未确定组长`}
                  />
                )}
                <Button type="primary" icon={<SaveOutlined />} loading={kit.pending} onClick={() => void kit.submit()}>
                  {decided ? '更新授权决定' : '记录授权决定'}
                </Button>
              </SchemaForm>
            ) : decided ? (
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'doc', label: '文号', children: decided.docNumber },
                  { key: 'on', label: '决定日期', children: decided.decidedOn },
                  {
                    key: 'task',
                    label: '任务分工',
                    children: <div style={{ whiteSpace: 'pre-wrap' }}>{decided.taskDivision}</div>,
                  },
                ]}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本轮尚未作出授权决定" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title="授权名单（按巡察组当前组成）" size="small">
            {teams.error && <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} />}
            {Boolean(rosterError) && <ErrorAlert title="巡察组成员加载失败" error={rosterError} />}
            <Table<Leader>
              rowKey="teamId"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={leaders}
              loading={teams.isPending || (!decided && !rostersReady)}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本轮尚未组建巡察组" />,
              }}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
