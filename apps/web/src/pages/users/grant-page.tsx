import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  grantConflict,
  ROLE_LABELS,
  ROLES,
  SCOPE_TYPE_LABELS,
  scopeTypeFor,
  type TGrant,
  type TRole,
  ZUserListItem,
  zId,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ApiError, errorText } from '../../api/client.ts';
import { qk } from '../../api/keys.ts';
import { createGrant, deleteGrant, getUser, listGrants, listUsers, type TUserListItem } from '../../api/users.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { CursorPager, useCursorPages } from '../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { OrgSelect } from '../../components/org-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { isLocked } from './user-list-page.tsx';

interface GrantValues {
  role: TRole;
  scopeId?: string | null;
  includeChildren?: boolean;
}

function GrantPanel({ user }: { user: TUserListItem }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const role = Form.useWatch('role', form);
  const scopeType = role ? scopeTypeFor(role) : null;

  const grants = useQuery({ queryKey: qk.grants(user.id), queryFn: () => listGrants(user.id) });
  const existing = [...new Set((grants.data?.items ?? []).map((g) => g.role))];
  const conflict = role ? grantConflict(existing, role) : null;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.grants(user.id) });
    void queryClient.invalidateQueries({ queryKey: qk.users });
  };

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const st = scopeTypeFor(v.role);
      await createGrant(user.id, {
        role: v.role,
        scopeType: st,
        scopeId: st === 'system' ? null : (v.scopeId ?? null),
        includeChildren: st === 'system' ? false : !!v.includeChildren,
      });
      message.success(`已授予“${ROLE_LABELS[v.role]}”角色`);
      form.resetFields();
      refresh();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const revoke = async (g: TGrant) => {
    try {
      await deleteGrant(g.id);
      message.success(`已撤销“${ROLE_LABELS[g.role]}”角色`);
      refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const columns: TableColumnsType<TGrant> = [
    { title: '角色', dataIndex: 'role', render: (r: TRole) => <Tag color="blue">{ROLE_LABELS[r] ?? r}</Tag> },
    { title: '范围类型', dataIndex: 'scopeType', width: 110, render: (s: TGrant['scopeType']) => SCOPE_TYPE_LABELS[s] },
    {
      title: '范围',
      dataIndex: 'scopeName',
      render: (n: string | null, g) => (g.scopeType === 'system' ? '全系统' : (n ?? g.scopeId ?? '—')),
    },
    {
      title: '含下级',
      dataIndex: 'includeChildren',
      width: 80,
      render: (v: boolean, g) => (g.scopeType === 'system' ? '—' : v ? '是' : '否'),
    },
    {
      title: '授予时间',
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: '操作',
      key: 'ops',
      width: 90,
      render: (_v, g) => (
        <Popconfirm
          title={`撤销“${ROLE_LABELS[g.role]}”角色？`}
          description="撤销后该用户立即失去此角色在该范围内的全部权限。"
          okText="确定"
          cancelText="取消"
          okButtonProps={{ danger: true }}
          onConfirm={() => revoke(g)}
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined />}>
            撤销
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      title={
        <Space>
          <span>
            {user.displayName}（{user.username}）的角色授权
          </span>
          {user.status !== 'active' && <Tag color="red">已停用</Tag>}
          {isLocked(user) && <Tag color="gold">已锁定</Tag>}
          {(user.authorityName || user.orgName) && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {[user.authorityName, user.orgName].filter(Boolean).join(' · ')}
            </Typography.Text>
          )}
        </Space>
      }
    >
      {grants.error && <ErrorAlert error={grants.error} onRetry={() => void grants.refetch()} />}
      <Table<TGrant>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={grants.data?.items ?? []}
        loading={grants.isFetching}
        pagination={false}
        locale={{ emptyText: grants.isPending ? ' ' : <Empty description="该用户尚未授予任何角色" /> }}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        授予新角色
      </Typography.Title>
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<GrantValues>
        form={form}
        layout="vertical"
        onValuesChange={(c) => 'role' in c && form.setFieldValue('scopeId', null)}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
              <Select
                placeholder="请选择角色"
                options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          {scopeType === 'authority' && (
            <Col xs={24} md={10}>
              <Form.Item
                name="scopeId"
                label="数据范围：巡察机构"
                rules={[{ required: true, message: '请选择巡察机构' }]}
              >
                <AuthoritySelect />
              </Form.Item>
            </Col>
          )}
          {scopeType === 'organization' && (
            <Col xs={24} md={10}>
              <Form.Item
                name="scopeId"
                label="数据范围：被巡察单位"
                rules={[{ required: true, message: '请选择单位' }]}
              >
                <OrgSelect source="lookup" />
              </Form.Item>
            </Col>
          )}
          {scopeType === 'system' && (
            <Col xs={24} md={10}>
              <Form.Item label="数据范围">
                <Input value="全系统（三员角色不区分数据范围）" disabled />
              </Form.Item>
            </Col>
          )}
          {(scopeType === 'authority' || scopeType === 'organization') && (
            <Col xs={24} md={6}>
              <Form.Item name="includeChildren" label=" " valuePropName="checked">
                <Checkbox>{scopeType === 'authority' ? '包含下级巡察机构' : '包含下级单位'}</Checkbox>
              </Form.Item>
            </Col>
          )}
        </Row>
        {conflict && <Alert type="warning" showIcon title={conflict} style={{ marginBottom: 16 }} />}
        <Button
          type="primary"
          icon={<PlusOutlined />}
          loading={saving}
          disabled={!!conflict}
          onClick={() => void submit()}
        >
          授予
        </Button>
      </Form>
    </Card>
  );
}

/** 安全保密管理员: pick an account on the left, see and change its grants on the right. */
export default function GrantPage() {
  usePageMeta([]);
  const [params, setParams] = useSearchParams();
  const userId = params.get('userId');
  const location = useLocation();
  const [q, setQ] = useState<string | undefined>();
  const pages = useCursorPages(q ?? '', 20);
  const query = { q, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: qk.userList(query),
    queryFn: () => listUsers(query),
    placeholderData: keepPreviousData,
  });
  const validId = !!userId && zId.safeParse(userId).success;
  // The row clicked here or in 用户管理 (passed in the navigation state) shows at once; the account
  // itself is loaded by id, so a bookmarked or reloaded link works whatever page of the list it is on.
  const fromState = ZUserListItem.safeParse((location.state as { user?: unknown } | null)?.user);
  const known =
    list.data?.items.find((u) => u.id === userId) ??
    (fromState.success && fromState.data.id === userId ? fromState.data : undefined);
  const detail = useQuery({
    queryKey: qk.user(userId ?? ''),
    queryFn: () => getUser(userId ?? ''),
    enabled: validId,
    placeholderData: known,
  });
  const user = validId ? detail.data : undefined;

  return (
    <div>
      <PageHeader title="角色授权" sub="三员互斥：系统管理员、安全保密管理员、安全审计员不能兼任其他角色" />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card title="选择用户">
            <Input.Search
              placeholder="用户名或姓名"
              allowClear
              onSearch={(v) => setQ(v.trim() || undefined)}
              style={{ marginBottom: 12 }}
              maxLength={60}
              aria-label="搜索用户"
            />
            {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
            <Table<TUserListItem>
              rowKey="id"
              size="small"
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              rowClassName={(u) => (u.id === userId ? 'ant-table-row-selected' : '')}
              onRow={(u) => ({
                onClick: () => setParams({ userId: u.id }, { replace: true, state: { user: u } }),
                style: { cursor: 'pointer' },
              })}
              columns={[
                { title: '姓名', dataIndex: 'displayName' },
                { title: '用户名', dataIndex: 'username' },
                {
                  title: '角色',
                  dataIndex: 'roles',
                  render: (roles: TRole[]) =>
                    roles.length ? [...new Set(roles)].map((r) => ROLE_LABELS[r]).join('、') : '未授权',
                },
              ]}
              locale={{ emptyText: list.isPending ? ' ' : <Empty description="没有符合条件的用户" /> }}
            />
            <CursorPager
              pages={pages}
              total={list.data?.total}
              nextCursor={list.data?.nextCursor}
              loading={list.isFetching}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {user ? (
            <GrantPanel key={user.id} user={user} />
          ) : userId && (!validId || (detail.error instanceof ApiError && detail.error.status === 404)) ? (
            <Card>
              <Result
                status="404"
                title="未找到该用户"
                subTitle={
                  validId
                    ? '该账号不存在，链接可能有误或已过期。请在用户管理中查找该用户后再授权。'
                    : '链接中的用户编号无效，请在用户管理中查找该用户后再授权。'
                }
                extra={<Link to="/admin/users">返回用户管理</Link>}
              />
            </Card>
          ) : detail.error ? (
            <Card>
              <ErrorAlert error={detail.error} title="无法加载该用户" onRetry={() => void detail.refetch()} />
            </Card>
          ) : userId ? (
            <Card loading />
          ) : (
            <Card>
              <Empty description="在左侧选择一个用户，查看和调整其角色与数据范围" style={{ padding: 48 }} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
