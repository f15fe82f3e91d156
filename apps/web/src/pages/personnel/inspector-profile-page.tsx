import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  AWARD_KIND_LABELS,
  GENDER_LABELS,
  POOL_LABELS,
  POOL_STATUS_LABELS,
  RELATION_LABELS,
  TRAINING_MODE_LABELS,
  WORK_RELATION_LABELS,
} from '@xc/domain';
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Space,
  Table,
  type TableColumnsType,
  type TableProps,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAuthorities, usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { getOrg } from '../../api/orgs.ts';
import { exportAppraisal, getInspectorProfile, ppk, type TInspectorProfileOut } from '../../api/personnel.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useExport } from '../../components/form-kit/index.ts';
import { NotLoaded } from '../../components/load-failed.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ConductHistorySection } from '../governance/conduct-history.tsx';
import { InspectorFormDrawer } from './inspector-form-drawer.tsx';
import { AppraisalModal, type SecondmentKind, SecondmentModal } from './profile-modals.tsx';
import { ExpertiseTags, POOL_STATUS_COLOURS, PoolTags, RoleTag, span } from './shared.tsx';

type P = TInspectorProfileOut;

const GRADE_COLOURS: Record<string, string> = { 优秀: 'green', 称职: 'blue', 基本称职: 'gold', 不称职: 'red' };

function OrgName({ id, fallback }: { id: string | null; fallback?: string }) {
  const perms = usePermissions();
  const org = useQuery({
    queryKey: qk.org(id ?? ''),
    queryFn: () => getOrg(id ?? ''),
    enabled: !!id && !fallback && perms.has('org:read'),
    staleTime: 5 * 60_000,
  });
  const name = fallback || org.data?.name;
  if (!id) return <span>{fallback || '—'}</span>;
  return perms.has('org:read') ? (
    <Link to={`/orgs/${id}`}>{name ?? '单位库中的单位'}</Link>
  ) : (
    <span>{name ?? '—'}</span>
  );
}

/**
 * A table of the profile: small, every row at once, its heading (a string is set in bold) and what
 * it says when there is nothing.
 */
function ProfileTable<T extends object>({
  heading,
  empty,
  ...table
}: Omit<TableProps<T>, 'title' | 'locale' | 'size' | 'pagination'> & { heading?: ReactNode; empty: string }) {
  return (
    <Table<T>
      rowKey="id"
      size="small"
      pagination={false}
      title={
        heading === undefined
          ? undefined
          : () => (typeof heading === 'string' ? <Typography.Text strong>{heading}</Typography.Text> : heading)
      }
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      {...table}
    />
  );
}

function BasicTab({ p }: { p: P }) {
  const authorities = useAuthorities();
  const homeArea = authorities.data?.items.find((a) => a.id === p.homeAuthorityId)?.name;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'name', label: '姓名', children: p.name },
          { key: 'gender', label: '性别', children: GENDER_LABELS[p.gender] },
          { key: 'birth', label: '出生年份', children: p.birthYear ? `${p.birthYear}年` : '—' },
          { key: 'political', label: '政治面貌', children: p.politicalStatus || '—' },
          { key: 'unit', label: '工作单位', children: <OrgName id={p.homeOrgId} fallback={p.homeUnitName} /> },
          { key: 'post', label: '职务', children: p.post || '—' },
          { key: 'rank', label: '职级', children: p.rank || '—' },
          { key: 'authority', label: '所属巡察机构', children: p.authorityName },
          { key: 'home', label: '籍贯所在地', children: p.homeAuthorityId ? (homeArea ?? '—') : '—' },
          {
            key: 'expertise',
            label: '专业领域',
            span: 3,
            children: <ExpertiseTags expertise={p.expertise} empty="未填写" />,
          },
          { key: 'account', label: '系统账号', children: p.userId ? '已开通' : '未开通' },
        ]}
      />
      <ProfileTable
        rowKey="pool"
        heading="人员库"
        dataSource={p.pools}
        empty="未加入任何人员库"
        columns={[
          { title: '人员库', dataIndex: 'pool', render: (v: keyof typeof POOL_LABELS) => POOL_LABELS[v] ?? v },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (v: keyof typeof POOL_STATUS_LABELS) => (
              <Tag color={POOL_STATUS_COLOURS[v]}>{POOL_STATUS_LABELS[v] ?? v}</Tag>
            ),
          },
          { title: '入库日期', dataIndex: 'since', width: 130 },
          { title: '出库日期', dataIndex: 'until', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}

function HistoryTab({ p }: { p: P }) {
  const rows = [...p.history].sort((a, b) => b.from.localeCompare(a.from));
  if (!rows.length) return <Empty description="未填写工作经历" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={rows.map((h) => ({
        key: h.id,
        color: h.to ? 'gray' : 'green',
        content: (
          <div>
            <Typography.Text strong>{span(h.from, h.to)}</Typography.Text>
            <br />
            <OrgName id={h.orgId} fallback={h.unitName} />
            {h.post && <Typography.Text type="secondary"> · {h.post}</Typography.Text>}
          </div>
        ),
      }))}
    />
  );
}

function RelationsTab({ p }: { p: P }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ProfileTable
        heading="亲属"
        dataSource={p.relatives}
        empty="未填写亲属信息"
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120 },
          {
            title: '关系',
            dataIndex: 'relation',
            width: 160,
            render: (v: keyof typeof RELATION_LABELS) => RELATION_LABELS[v] ?? v,
          },
          {
            title: '工作单位',
            dataIndex: 'unitName',
            render: (v: string, r) => (v || r.orgId ? <OrgName id={r.orgId} fallback={v} /> : '—'),
          },
          { title: '职务', dataIndex: 'post', width: 160, render: (v: string) => v || '—' },
        ]}
      />
      <ProfileTable
        heading="工作关系（上下级、长期共事）"
        dataSource={p.workRelations}
        empty="未填写工作关系"
        columns={[
          { title: '关系人', dataIndex: 'personName', width: 120 },
          {
            title: '关系',
            dataIndex: 'relation',
            width: 100,
            render: (v: keyof typeof WORK_RELATION_LABELS) => WORK_RELATION_LABELS[v] ?? v,
          },
          { title: '关系人单位', dataIndex: 'orgId', render: (v: string | null) => <OrgName id={v} /> },
          { title: '起止时间', key: 'span', width: 230, render: (_v, w) => span(w.from, w.to) },
        ]}
      />
    </Space>
  );
}

function TeamsTab({ p }: { p: P }) {
  const perms = usePermissions();
  const columns: TableColumnsType<P['teams'][number]> = [
    { title: '届次', dataIndex: 'termName', width: 160 },
    {
      title: '轮次',
      dataIndex: 'roundName',
      width: 180,
      render: (v: string, t) => <Link to={`/planning/rounds/${t.roundId}`}>{v}</Link>,
    },
    {
      title: '巡察组',
      dataIndex: 'teamName',
      width: 130,
      render: (v: string, t) => (perms.has('plan:read') ? <Link to={`/personnel/teams/${t.teamId}`}>{v}</Link> : v),
    },
    {
      title: '组内职务',
      dataIndex: 'role',
      width: 100,
      render: (r: P['teams'][number]['role']) => <RoleTag role={r} />,
    },
    { title: '巡察对象', dataIndex: 'targets', render: (v: string) => v || '—' },
  ];
  return (
    <ProfileTable
      rowKey={(t) => `${t.teamId}`}
      columns={columns}
      dataSource={p.teams}
      empty="尚未参加巡察"
      scroll={{ x: 800 }}
    />
  );
}

function GrowthTab({ p, canWrite }: { p: P; canWrite: boolean }) {
  const hours = p.trainings.reduce((s, t) => s + t.hours, 0);
  const [adding, setAdding] = useState<SecondmentKind | null>(null);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {canWrite && (
        <Space wrap>
          <Button icon={<PlusOutlined />} onClick={() => setAdding('secondment')}>
            登记以干代训
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setAdding('shadowing')}>
            登记跟班学习
          </Button>
        </Space>
      )}
      <ProfileTable
        heading={
          <Space>
            <Typography.Text strong>参加培训</Typography.Text>
            {p.trainings.length > 0 && (
              <Typography.Text type="secondary">
                共 {p.trainings.length} 次，{hours} 学时
              </Typography.Text>
            )}
          </Space>
        }
        dataSource={[...p.trainings].sort((a, b) => b.heldOn.localeCompare(a.heldOn))}
        empty="暂无培训记录"
        columns={[
          { title: '培训名称', dataIndex: 'title' },
          { title: '日期', dataIndex: 'heldOn', width: 120 },
          { title: '学时', dataIndex: 'hours', width: 80, align: 'right' },
          {
            title: '方式',
            dataIndex: 'mode',
            width: 100,
            render: (v: string) => TRAINING_MODE_LABELS[v as keyof typeof TRAINING_MODE_LABELS] ?? v,
          },
        ]}
      />
      <ProfileTable
        heading="以干代训、跟班学习"
        dataSource={p.secondments}
        empty="暂无以干代训或跟班学习记录"
        columns={[
          {
            title: '方式',
            dataIndex: 'kind',
            width: 110,
            render: (k: 'secondment' | 'shadowing') =>
              k === 'secondment' ? <Tag color="purple">以干代训</Tag> : <Tag color="cyan">跟班学习</Tag>,
          },
          { title: '单位', dataIndex: 'hostName' },
          { title: '起止时间', key: 'span', width: 230, render: (_v, s) => span(s.from, s.to) },
        ]}
      />
      <SecondmentModal kind={adding} inspector={p} onClose={() => setAdding(null)} />
    </Space>
  );
}

function AppraisalTab({ p, canWrite }: { p: P; canWrite: boolean }) {
  const [adding, setAdding] = useState(false);
  const exportDocx = useExport((a: P['appraisals'][number]) =>
    exportAppraisal(a.id, `${p.name}${a.roundName}巡察工作鉴定.docx`),
  );
  const exporting = exportDocx.running?.[0].id ?? null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {canWrite && (
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          登记鉴定
        </Button>
      )}
      <ProfileTable
        dataSource={[...p.appraisals].sort((a, b) => b.appraisedOn.localeCompare(a.appraisedOn))}
        empty="暂无鉴定记录"
        columns={[
          { title: '轮次', dataIndex: 'roundName', width: 180 },
          { title: '巡察组', dataIndex: 'teamName', width: 120 },
          {
            title: '等次',
            dataIndex: 'grade',
            width: 100,
            render: (g: string) => <Tag color={GRADE_COLOURS[g] ?? 'default'}>{g}</Tag>,
          },
          { title: '评价意见', dataIndex: 'comment', render: (v: string) => v || '—' },
          { title: '鉴定日期', dataIndex: 'appraisedOn', width: 120 },
          {
            title: '操作',
            key: 'ops',
            width: 120,
            render: (_v, a) => (
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                loading={exporting === a.id}
                disabled={exporting !== null && exporting !== a.id}
                onClick={() => void exportDocx.run(a)}
              >
                导出鉴定
              </Button>
            ),
          },
        ]}
      />
      <ConductHistorySection inspectorId={p.id} />
      <AppraisalModal open={adding} profile={p} onClose={() => setAdding(false)} />
    </Space>
  );
}

function AwardsTab({ p }: { p: P }) {
  return (
    <ProfileTable
      dataSource={p.awards}
      empty="暂无表彰记录"
      columns={[
        {
          title: '表彰类别',
          dataIndex: 'kind',
          width: 140,
          render: (k: P['awards'][number]['kind']) => <Tag color="red">{AWARD_KIND_LABELS[k]}</Tag>,
        },
        { title: '评选批次', dataIndex: 'batch', width: 120 },
        { title: '报告类别', dataIndex: 'category', width: 120, render: (v: string | null) => v ?? '—' },
        { title: '报告题目', dataIndex: 'title', render: (v: string | null) => v ?? '—' },
        { title: '表彰日期', dataIndex: 'awardedOn', width: 120 },
      ]}
    />
  );
}

const TABS = ['basic', 'history', 'relations', 'teams', 'growth', 'appraisals', 'awards'] as const;
type TabKey = (typeof TABS)[number];

export default function InspectorProfilePage() {
  const { id = '' } = useParams();
  const perms = usePermissions();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'basic';

  const profile = useQuery({ queryKey: ppk.inspector(id), queryFn: () => getInspectorProfile(id), enabled: !!id });
  usePageMeta([{ title: profile.data?.name ?? '干部档案' }]);

  if (!profile.isSuccess)
    return (
      <NotLoaded query={profile} what="巡察干部" back={{ label: '返回巡察干部库', to: '/personnel/inspectors' }} />
    );
  const p = profile.data;

  const count = (n: number) => (n ? `（${n}）` : '');
  return (
    <div>
      <PageHeader
        title={
          <Space wrap>
            {p.name}
            <PoolTags pools={p.pools} />
          </Space>
        }
        sub={[p.homeUnitName, p.post, p.rank].filter(Boolean).join(' · ')}
        extra={
          perms.has('personnel:write') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑
            </Button>
          )
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'basic' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'basic', label: '基本信息', children: <BasicTab p={p} /> },
            { key: 'history', label: `工作经历${count(p.history.length)}`, children: <HistoryTab p={p} /> },
            {
              key: 'relations',
              label: `亲属及社会关系${count(p.relatives.length + p.workRelations.length)}`,
              children: <RelationsTab p={p} />,
            },
            { key: 'teams', label: `参加巡察${count(p.teams.length)}`, children: <TeamsTab p={p} /> },
            {
              key: 'growth',
              label: `培训与锻炼${count(p.trainings.length + p.secondments.length)}`,
              children: <GrowthTab p={p} canWrite={perms.has('personnel:write')} />,
            },
            {
              key: 'appraisals',
              label: `鉴定${count(p.appraisals.length)}`,
              children: <AppraisalTab p={p} canWrite={perms.has('personnel:write')} />,
            },
            { key: 'awards', label: `表彰${count(p.awards.length)}`, children: <AwardsTab p={p} /> },
          ]}
        />
      </Card>
      <InspectorFormDrawer
        open={editing}
        inspectorId={p.id}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </div>
  );
}
