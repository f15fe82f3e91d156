import { DownloadOutlined } from '@ant-design/icons';
import { RECIPIENT_KIND_LABELS, type TBulletinStatus } from '@xc/domain';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  deleteBulletin,
  downloadBulletinDocx,
  gk,
  moveBulletin,
  type TBulletinOut,
  useBulletin,
} from '../../api/governance.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useAction, useExport } from '../../components/form-kit/index.ts';
import { LoadFailed } from '../../components/load-failed.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { BulletinDrawer } from './bulletin-drawer.tsx';
import { BulletinStatusTag, ReadTag, useGovRoles } from './shared.tsx';

type TRecipientRow = TBulletinOut['recipients'][number];

const STEP: Record<TBulletinStatus, number> = { draft: 0, approved: 1, sent: 2 };

/** One bulletin: its number, problems, recipients with read receipts, and the approve → send steps. */
export default function BulletinDetailPage() {
  const { id } = useParams();
  const bulletin = useBulletin(id);
  const b = bulletin.data;
  usePageMeta([{ title: b?.title ?? '通报详情' }]);
  const roles = useGovRoles();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const opts = { invalidate: [gk.all] } as const;
  const move = useAction((to: TBulletinStatus) => moveBulletin(b?.id ?? '', { version: b?.version ?? 0, to }), {
    ...opts,
    success: (r, to) =>
      to === 'approved'
        ? `已审批通过，文号：${r.number ?? ''}`
        : to === 'sent'
          ? '已印发，已送达接收对象'
          : '已撤回审批',
  });
  const remove = useAction(() => deleteBulletin(b?.id ?? ''), {
    ...opts,
    success: '已删除通报草稿',
    onSuccess: () => navigate('/governance/bulletins'),
  });
  const docx = useExport(
    () => downloadBulletinDocx(b?.id ?? '', `${b?.number ?? b?.title ?? '分类通报'}.docx`),
    '已下载',
  );

  if (bulletin.error)
    return (
      <LoadFailed
        error={bulletin.error}
        onRetry={() => void bulletin.refetch()}
        notFound="通报不存在或无权查看"
        back={{ label: '返回分类通报', to: '/governance/bulletins' }}
      />
    );
  if (!b) return <Card loading />;

  const askSend = () =>
    modal.confirm({
      title: `印发${b.number ?? '该通报'}？`,
      content: '印发后将送达接收对象，不能再修改。',
      okText: '印发',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => move.run('sent'),
    });

  const actions = (
    <Space wrap>
      <Button icon={<DownloadOutlined />} loading={docx.pending} onClick={() => void docx.run()}>
        下载通报（.docx）
      </Button>
      {b.status === 'draft' && roles.manage && (
        <>
          <Button onClick={() => setEditing(true)}>编辑</Button>
          <Popconfirm
            title="删除该通报草稿？"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => remove.run()}
          >
            <Button danger loading={remove.pending}>
              删除
            </Button>
          </Popconfirm>
        </>
      )}
      {b.status === 'draft' && roles.manage && roles.approve && (
        <Popconfirm
          title="审批通过该通报？"
          description="审批通过后按本机构发文字号编号，不能再修改内容。"
          okText="审批通过"
          cancelText="取消"
          onConfirm={() => move.run('approved')}
        >
          <Button type="primary" loading={move.running?.[0] === 'approved'}>
            审批通过
          </Button>
        </Popconfirm>
      )}
      {b.status === 'approved' && roles.manage && roles.approve && (
        <Popconfirm
          title="撤回审批？"
          description="通报回到草稿，文号随之释放。"
          okText="撤回"
          cancelText="取消"
          onConfirm={() => move.run('draft')}
        >
          <Button loading={move.running?.[0] === 'draft'}>撤回</Button>
        </Popconfirm>
      )}
      {b.status === 'approved' && roles.manage && (
        <Button type="primary" danger loading={move.running?.[0] === 'sent'} onClick={askSend}>
          印发
        </Button>
      )}
    </Space>
  );

  return (
    <div>
      <PageHeader
        title={
          <Space>
            {b.title}
            <BulletinStatusTag status={b.status} />
          </Space>
        }
        sub={<Link to="/governance/bulletins">返回分类通报</Link>}
        extra={actions}
      />
      {b.status === 'draft' && roles.manage && !roles.approve && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="本通报为草稿，须经巡察办领导审批通过后编号、印发"
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={STEP[b.status]}
          status={b.status === 'sent' ? 'finish' : 'process'}
          items={[
            { title: '起草', content: b.createdAt.slice(0, 10) },
            { title: '审批编号', content: b.approvedOn ?? '' },
            { title: '印发送达', content: b.sentOn ?? '' },
          ]}
        />
      </Card>
      <Card title="通报内容" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="文号">{b.number ?? '审批通过后编号'}</Descriptions.Item>
          <Descriptions.Item label="领域">{b.sector}</Descriptions.Item>
          <Descriptions.Item label="共性问题" span="filled">
            <Space wrap>
              {b.commonProblems.map((p) => (
                <Tag key={p.id} color="purple">
                  {p.name}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="涉及单位">{b.nameOrganizations ? '点名' : '只写数量'}</Descriptions.Item>
          <Descriptions.Item label="印发日期">{b.sentOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="通报说明" span="filled">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {b.intro || '（使用标准开头）'}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label="工作要求" span="filled">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {b.requestedActions}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={`接收对象与阅读回执（${b.recipients.length}）`}>
        <Table<TRecipientRow>
          rowKey={(r) => `${r.kind}:${r.userId ?? ''}:${r.orgId ?? ''}:${r.name}`}
          size="small"
          pagination={false}
          dataSource={b.recipients}
          locale={{ emptyText: <Empty description="暂无接收对象" /> }}
          columns={[
            { title: '接收对象', dataIndex: 'name' },
            {
              title: '类型',
              dataIndex: 'kind',
              width: 120,
              render: (k: TRecipientRow['kind']) => RECIPIENT_KIND_LABELS[k],
            },
            {
              title: '送达方式',
              key: 'how',
              width: 120,
              render: (_, r) => (r.userId || r.orgId ? '系统内送达' : '线下送达'),
            },
            {
              title: '阅读回执',
              key: 'read',
              width: 200,
              render: (_, r) =>
                b.status !== 'sent' ? (
                  <Typography.Text type="secondary">尚未印发</Typography.Text>
                ) : r.userId || r.orgId ? (
                  <ReadTag readAt={r.readAt} />
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <BulletinDrawer open={editing} bulletin={b} defaultTermId={b.termId} onClose={() => setEditing(false)} />
    </div>
  );
}
