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
  ZGrantCreate,
  ZUserListItem,
  zId,
} from '@xc/domain';
import {
  Alert,
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
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { qk } from '../../api/keys.ts';
import { createGrant, deleteGrant, getUser, listGrants, listUsers, type TUserListItem } from '../../api/users.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable, QueryTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, SchemaForm, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { OrgSelect } from '../../components/org-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { isLocked } from './user-list-page.tsx';

interface GrantValues {
  role?: TRole;
  scopeId?: string | null;
  includeChildren?: boolean;
}

function GrantPanel({ user }: { user: TUserListItem }) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.grants(user.id) });
    void queryClient.invalidateQueries({ queryKey: qk.users });
  };
  const kit = useSchemaForm({
    schema: ZGrantCreate,
    // The scope type follows from the role; a 三员 role is granted on the whole system.
    toBody: (v: GrantValues) => {
      const st = v.role ? scopeTypeFor(v.role) : undefined;
      return {
        role: v.role,
        scopeType: st,
        scopeId: st === 'system' ? null : (v.scopeId ?? null),
        includeChildren: st === 'system' ? false : !!v.includeChildren,
      };
    },
    mutationFn: (body) => createGrant(user.id, body),
    success: (_g, body) => `已授予“${ROLE_LABELS[body.role]}”角色`,
    onSuccess: () => {
      kit.form.resetFields();
      refresh();
    },
  });
  const { form } = kit;
  const revoke = useAction((g: TGrant) => deleteGrant(g.id), {
    success: (_r, g) => `已撤销“${ROLE_LABELS[g.role]}”角色`,
    onSuccess: refresh,
  });
  const role = Form.useWatch('role', form);
  const scopeType = role ? scopeTypeFor(role) : null;

  const grants = useQuery({ queryKey: qk.grants(user.id), queryFn: () => listGrants(user.id) });
  const existing = [...new Set((grants.data?.items ?? []).map((g) => g.role))];
  const conflict = role ? grantConflict(existing, role) : null;

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
          onConfirm={() => revoke.run(g)}
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
      <QueryTable<TGrant>
        query={grants}
        rows={grants.data?.items ?? []}
        size="small"
        columns={columns}
        empty="该用户尚未授予任何角色"
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        授予新角色
      </Typography.Title>
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      <SchemaForm kit={kit} onValuesChange={(c) => 'role' in c && form.setFieldValue('scopeId', null)}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Field name="role" label="角色" required>
              <Select
                placeholder="请选择角色"
                options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Field>
          </Col>
          {scopeType === 'authority' && (
            <Col xs={24} md={10}>
              <Field name="scopeId" label="数据范围：巡察机构" required>
                <AuthoritySelect />
              </Field>
            </Col>
          )}
          {scopeType === 'organization' && (
            <Col xs={24} md={10}>
              <Field name="scopeId" label="数据范围：被巡察单位" required>
                <OrgSelect source="lookup" />
              </Field>
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
              <Field name="includeChildren" label=" " valuePropName="checked">
                <Checkbox>{scopeType === 'authority' ? '包含下级巡察机构' : '包含下级单位'}</Checkbox>
              </Field>
            </Col>
          )}
        </Row>
        {conflict && <Alert type="warning" showIcon title={conflict} style={{ marginBottom: 16 }} />}
        <Button
          type="primary"
          icon={<PlusOutlined />}
          loading={kit.pending}
          disabled={!!conflict}
          onClick={() => void kit.submit()}
        >
          授予
        </Button>
      </SchemaForm>
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
            <CursorTable<TUserListItem>
              list={list}
              pages={pages}
              size="small"
              rowClassName={(u) => (u.id === userId ? 'ant-table-row-selected' : '')}
              onOpen={(u) => setParams({ userId: u.id }, { replace: true, state: { user: u } })}
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
              empty={{ filtered: !!q, whenFiltered: '没有符合条件的用户', whenEmpty: '没有符合条件的用户' }}
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
