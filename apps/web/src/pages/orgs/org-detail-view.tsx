import { EditOutlined, ExportOutlined, MergeCellsOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ORG_EVENT_LABELS, type TOrgDetail } from '@xc/domain';
import {
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { getOrg } from '../../api/orgs.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { OrgStatusTag } from '../../components/org-status-tag.tsx';
import { OrgFormDrawer } from './org-form-drawer.tsx';
import { AbolishOrgModal, MergeOrgModal } from './org-lifecycle-modals.tsx';

const dash = (v: string | null | undefined) => v || '—';
const time = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm');

const EVENT_COLORS: Record<string, string> = {
  established: 'green',
  imported: 'green',
  updated: 'blue',
  moved: 'blue',
  mergedFrom: 'blue',
  merged: 'orange',
  abolished: 'red',
};

function OrgPath({ org }: { org: TOrgDetail }) {
  const ancestors = org.path.filter((p) => p.id !== org.id);
  return (
    <Breadcrumb
      items={[
        { title: org.authorityName },
        ...ancestors.map((p) => ({ title: <Link to={`/orgs/${p.id}`}>{p.name}</Link> })),
        { title: org.name },
      ]}
    />
  );
}

function BasicInfo({ org }: { org: TOrgDetail }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'name', label: '单位名称', children: org.name, span: 2 },
        { key: 'kind', label: '单位类别', children: org.kind },
        { key: 'sector', label: '系统/领域', children: dash(org.sector) },
        {
          key: 'parent',
          label: '上级单位',
          children: org.parentId ? <Link to={`/orgs/${org.parentId}`}>{org.parentName}</Link> : '无（一级单位）',
        },
        { key: 'children', label: '下级单位', children: `${org.childCount} 个` },
        { key: 'authority', label: '巡察机构', children: org.authorityName },
        { key: 'credit', label: '统一社会信用代码', children: dash(org.creditCode) },
        { key: 'est', label: '成立日期', children: dash(org.establishedOn) },
        { key: 'status', label: '状态', children: <OrgStatusTag status={org.status} /> },
        ...(org.status === 'merged'
          ? [
              {
                key: 'merged',
                label: '合并到',
                children: org.mergedIntoId ? (
                  <Link to={`/orgs/${org.mergedIntoId}`}>{org.mergedIntoName}</Link>
                ) : (
                  dash(org.mergedIntoName)
                ),
              },
            ]
          : []),
        ...(org.abolishedOn
          ? [{ key: 'end', label: org.status === 'merged' ? '合并日期' : '撤销日期', children: org.abolishedOn }]
          : []),
        { key: 'updated', label: '最后更新', children: time(org.updatedAt) },
      ]}
    />
  );
}

function Leaders({ org }: { org: TOrgDetail }) {
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={org.leaders}
      locale={{ emptyText: <Empty description="暂无班子成员信息，可点击“编辑”补充" /> }}
      columns={[
        { title: '序号', key: 'i', width: 64, render: (_v, _r, i) => i + 1 },
        { title: '姓名', dataIndex: 'name' },
        { title: '职务', dataIndex: 'position' },
        {
          title: '任职起止',
          key: 'term',
          render: (_v, l) => (l.since || l.until ? `${l.since ?? '—'} 至 ${l.until ?? '今'}` : '—'),
        },
        {
          title: '在任',
          key: 'current',
          width: 80,
          render: (_v, l) =>
            !l.until || l.until >= dayjs().format('YYYY-MM-DD') ? <Tag color="green">在任</Tag> : <Tag>离任</Tag>,
        },
      ]}
    />
  );
}

function History({ org }: { org: TOrgDetail }) {
  if (!org.history.length) return <Empty description="暂无变更记录" />;
  return (
    <Timeline
      style={{ paddingTop: 8 }}
      items={org.history.map((e) => ({
        key: e.id,
        color: EVENT_COLORS[e.kind] ?? 'gray',
        title: e.onDate ?? dayjs(e.createdAt).format('YYYY-MM-DD'),
        content: (
          <div>
            <Typography.Text strong>{ORG_EVENT_LABELS[e.kind] ?? e.kind}</Typography.Text>
            {e.detail && <div>{e.detail}</div>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.actorName ? `${e.actorName} · ` : ''}记录于 {time(e.createdAt)}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** The summary header, tabs and lifecycle actions of one organization (detail page and tree panel). */
export function OrgDetailView({ id, compact }: { id: string; compact?: boolean }) {
  const perms = usePermissions();
  const q = useQuery({ queryKey: qk.org(id), queryFn: () => getOrg(id) });
  const [dialog, setDialog] = useState<'edit' | 'merge' | 'abolish' | null>(null);

  if (q.isPending) return <Card>{<Skeleton active paragraph={{ rows: 8 }} />}</Card>;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const org = q.data;
  const canWrite = perms.has('org:write') && org.status === 'active';

  const actions = (
    <Space wrap>
      {compact && (
        <Link to={`/orgs/${org.id}`}>
          <Button icon={<ExportOutlined />}>查看详情</Button>
        </Link>
      )}
      {canWrite && (
        <>
          <Button type="primary" icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            编辑
          </Button>
          <Button icon={<MergeCellsOutlined />} onClick={() => setDialog('merge')}>
            合并
          </Button>
          <Button danger icon={<StopOutlined />} onClick={() => setDialog('abolish')}>
            撤销
          </Button>
        </>
      )}
    </Space>
  );

  return (
    <div>
      <Card style={{ marginBottom: 16 }}>
        <div className="xc-toolbar" style={{ marginBottom: 8 }}>
          <Space align="center" wrap>
            <Typography.Title level={compact ? 5 : 4} style={{ margin: 0 }}>
              {org.name}
            </Typography.Title>
            <OrgStatusTag status={org.status} />
            <Tag>{org.kind}</Tag>
            {org.sector && <Tag>{org.sector}</Tag>}
          </Space>
          {actions}
        </div>
        <OrgPath org={org} />
        <Descriptions
          size="small"
          style={{ marginTop: 12 }}
          column={{ xs: 1, sm: 2, lg: compact ? 2 : 4 }}
          items={[
            { key: 'a', label: '巡察机构', children: org.authorityName },
            { key: 'e', label: '成立日期', children: dash(org.establishedOn) },
            ...(org.abolishedOn
              ? [{ key: 'x', label: org.status === 'merged' ? '合并日期' : '撤销日期', children: org.abolishedOn }]
              : []),
            ...(org.status === 'merged' && org.mergedIntoId
              ? [
                  {
                    key: 'm',
                    label: '合并到',
                    children: <Link to={`/orgs/${org.mergedIntoId}`}>{org.mergedIntoName}</Link>,
                  },
                ]
              : []),
            { key: 'c', label: '下级单位', children: `${org.childCount} 个` },
            { key: 'u', label: '最后更新', children: time(org.updatedAt) },
          ]}
        />
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'basic', label: '基本信息', children: <BasicInfo org={org} /> },
            { key: 'leaders', label: `班子成员（${org.leaders.length}）`, children: <Leaders org={org} /> },
            { key: 'history', label: `变更历史（${org.history.length}）`, children: <History org={org} /> },
          ]}
        />
      </Card>
      {canWrite && (
        <>
          <OrgFormDrawer
            open={dialog === 'edit'}
            orgId={org.id}
            onClose={() => setDialog(null)}
            onSaved={() => setDialog(null)}
          />
          <MergeOrgModal org={org} open={dialog === 'merge'} onClose={() => setDialog(null)} />
          <AbolishOrgModal org={org} open={dialog === 'abolish'} onClose={() => setDialog(null)} />
        </>
      )}
    </div>
  );
}
