import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, ROLES, type TPermission, type TRole, usernameProblem, ZUser } from '@xc/domain';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client.ts';
import { usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import {
  createUser,
  listUsers,
  resetUserPassword,
  type TUserFilters,
  type TUserListItem,
  unlockUser,
  updateUser,
} from '../../api/users.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { CursorPager, useCursorPages } from '../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { OneTimePasswordModal } from '../../components/one-time-password.tsx';
import { OrgSelect } from '../../components/org-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { handleVersionConflict } from '../../components/version-conflict.ts';

interface UserValues {
  username: string;
  displayName: string;
  authorityId?: string | null;
  orgId?: string | null;
}

export const isLocked = (u: { lockedUntil: string | null }) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());

function UserModal({
  open,
  editing,
  onClose,
  onCreated,
}: {
  open: boolean;
  editing: TUserListItem | null;
  onClose: () => void;
  onCreated: (u: { username: string; oneTimePassword: string }) => void;
}) {
  const [form] = Form.useForm<UserValues>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const perms = usePermissions();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  /** Name of the saved organization, shown before the picker has searched (the id alone means nothing). */
  const [orgLabel, setOrgLabel] = useState<string | null>(null);
  const authorityId = Form.useWatch('authorityId', form);
  const canLookup = perms.has('directory:orgs' satisfies TPermission);
  const canPickOrg = canLookup || perms.has('org:read');

  useEffect(() => {
    if (!open) return;
    setError(null);
    setVersion(editing?.version ?? 0);
    setOrgLabel(editing?.orgName ?? null);
  }, [open, editing]);

  const initialValues: Partial<UserValues> = editing
    ? {
        username: editing.username,
        displayName: editing.displayName,
        authorityId: editing.authorityId,
        orgId: editing.orgId,
      }
    : {};

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const common = { displayName: v.displayName, authorityId: v.authorityId ?? null, orgId: v.orgId ?? null };
      if (editing) {
        await updateUser(editing.id, { version, ...common });
        message.success('账号信息已保存');
        onClose();
      } else {
        const created = await createUser({ username: v.username.trim(), ...common });
        onCreated(created);
      }
      void queryClient.invalidateQueries({ queryKey: qk.users });
    } catch (e) {
      const conflict = handleVersionConflict(e, modal, ZUser, (current) => {
        void queryClient.invalidateQueries({ queryKey: qk.users });
        if (current) {
          form.setFieldsValue({
            displayName: current.displayName,
            authorityId: current.authorityId,
            orgId: current.orgId,
          });
          setOrgLabel(current.orgName);
          setVersion(current.version);
        }
      });
      if (!conflict) {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing ? `编辑账号：${editing.username}` : '新增用户'}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="确定"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
    >
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<UserValues> form={form} layout="vertical" initialValues={initialValues}>
        <Form.Item
          name="username"
          label="用户名"
          extra={editing ? undefined : '3至32位字母、数字、点、下划线或短横线，以字母或数字开头；创建后不可修改'}
          rules={
            editing
              ? []
              : [
                  { required: true, whitespace: true, message: '请输入用户名' },
                  {
                    validator: (_, v: string) => {
                      const problem = v ? usernameProblem(v) : null;
                      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                    },
                  },
                ]
          }
        >
          <Input disabled={!!editing} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 30, message: '姓名不能超过30个字' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="authorityId" label="所属巡察机构" extra="三员等系统级账号可不选">
          <AuthoritySelect allowClear onChange={() => form.setFieldValue('orgId', null)} />
        </Form.Item>
        {canPickOrg && (
          <Form.Item name="orgId" label="所属被巡察单位" extra="仅被巡察党组织联络员需要填写">
            {canLookup ? (
              <OrgSelect
                source="lookup"
                authorityId={authorityId ?? undefined}
                initialLabel={orgLabel}
                onChange={(_, org) => {
                  // A unit picked across all authorities brings its authority along.
                  if (org && !form.getFieldValue('authorityId')) form.setFieldValue('authorityId', org.authorityId);
                }}
              />
            ) : (
              <OrgSelect authorityId={authorityId ?? undefined} initialLabel={orgLabel} />
            )}
          </Form.Item>
        )}
      </Form>
      {!editing && (
        <Tag color="blue" style={{ whiteSpace: 'normal' }}>
          新账号创建后没有任何角色，须由安全保密管理员授权后方可使用业务功能。
        </Tag>
      )}
    </Modal>
  );
}

export default function UserListPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const canManage = perms.has('user:manage');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<TUserFilters>({});
  const [search, setSearch] = useState('');
  const pages = useCursorPages(JSON.stringify(filters));
  const [dialog, setDialog] = useState<{ editing: TUserListItem | null } | null>(null);
  const [otp, setOtp] = useState<{ username: string; password: string; title: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const query = { ...filters, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: qk.userList(query),
    queryFn: () => listUsers(query),
    placeholderData: keepPreviousData,
  });

  const act = async (id: string, work: () => Promise<unknown>, ok?: string) => {
    setBusyId(id);
    try {
      await work();
      if (ok) message.success(ok);
      void queryClient.invalidateQueries({ queryKey: qk.users });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<TUserListItem> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', width: 120 },
    {
      title: '所属机构',
      dataIndex: 'authorityName',
      width: 200,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '所属单位',
      dataIndex: 'orgName',
      width: 180,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '角色',
      dataIndex: 'roles',
      width: 200,
      render: (roles: TRole[]) =>
        roles.length ? (
          [...new Set(roles)].map((r) => (
            <Tag key={r} color="blue">
              {ROLE_LABELS[r] ?? r}
            </Tag>
          ))
        ) : (
          <Tag>未授权</Tag>
        ),
    },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_v, u) => (
        <Space size={4}>
          {u.status === 'active' ? <Tag color="green">正常</Tag> : <Tag color="red">已停用</Tag>}
          {isLocked(u) && (
            <Tooltip title={`锁定至 ${dayjs(u.lockedUntil).format('YYYY-MM-DD HH:mm')}`}>
              <Tag color="gold">已锁定</Tag>
            </Tooltip>
          )}
          {u.mustChangePassword && <Tag>待改密</Tag>}
        </Space>
      ),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '从未登录'),
    },
    {
      title: '操作',
      key: 'ops',
      width: 260,
      fixed: 'right',
      render: (_v, u) => (
        <Space size={0} wrap>
          {canManage && (
            <Button type="link" size="small" onClick={() => setDialog({ editing: u })}>
              编辑
            </Button>
          )}
          {canManage && (
            <Popconfirm
              title={u.status === 'active' ? `停用账号“${u.displayName}”？` : `启用账号“${u.displayName}”？`}
              description={
                u.status === 'active' ? '停用后该账号立即不能登录，已登录的会话将失效。' : '启用后该账号可以重新登录。'
              }
              okText="确定"
              cancelText="取消"
              onConfirm={() =>
                act(
                  u.id,
                  () => updateUser(u.id, { version: u.version, status: u.status === 'active' ? 'disabled' : 'active' }),
                  u.status === 'active' ? '账号已停用' : '账号已启用',
                )
              }
            >
              <Button type="link" size="small" danger={u.status === 'active'} loading={busyId === u.id}>
                {u.status === 'active' ? '停用' : '启用'}
              </Button>
            </Popconfirm>
          )}
          {canManage && (
            <Popconfirm
              title={`重置“${u.displayName}”的密码？`}
              description="将生成新的初始密码，原密码立即失效，用户下次登录须修改密码。"
              okText="确定"
              cancelText="取消"
              onConfirm={() =>
                act(u.id, async () => {
                  const r = await resetUserPassword(u.id);
                  setOtp({ username: u.username, password: r.oneTimePassword, title: '密码已重置' });
                })
              }
            >
              <Button type="link" size="small">
                重置密码
              </Button>
            </Popconfirm>
          )}
          {perms.has('user:unlock') && isLocked(u) && (
            <Popconfirm
              title={`解除“${u.displayName}”的登录锁定？`}
              okText="确定"
              cancelText="取消"
              onConfirm={() => act(u.id, () => unlockUser(u.id), '已解除锁定')}
            >
              <Button type="link" size="small">
                解除锁定
              </Button>
            </Popconfirm>
          )}
          {perms.has('grant:manage') && (
            <Button
              type="link"
              size="small"
              onClick={() => navigate(`/admin/grants?userId=${u.id}`, { state: { user: u } })}
            >
              授权
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const filtered = !!(filters.q || filters.status || filters.role);

  return (
    <div>
      <PageHeader
        title="用户管理"
        sub="系统管理员管理账号；角色与数据范围由安全保密管理员授权"
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ editing: null })}>
              新增用户
            </Button>
          )
        }
      />
      <Card>
        <Space wrap className="xc-filter-bar">
          <Input.Search
            placeholder="用户名或姓名"
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
            style={{ width: 220 }}
            maxLength={60}
            aria-label="搜索用户"
          />
          <Select
            placeholder="状态"
            allowClear
            value={filters.status}
            onChange={(v) => setFilters((f) => ({ ...f, status: v }))}
            options={[
              { value: 'active', label: '正常' },
              { value: 'disabled', label: '已停用' },
            ]}
            style={{ width: 110 }}
            aria-label="状态"
          />
          <Select
            placeholder="角色"
            allowClear
            value={filters.role}
            onChange={(v) => setFilters((f) => ({ ...f, role: v }))}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            style={{ width: 180 }}
            aria-label="角色"
          />
        </Space>
        {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        <Table<TUserListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1400 }}
          locale={{
            emptyText: list.isPending ? (
              ' '
            ) : (
              <Empty description={filtered ? '没有符合条件的用户' : '暂无用户，可点击“新增用户”'} />
            ),
          }}
        />
        <CursorPager
          pages={pages}
          total={list.data?.total}
          nextCursor={list.data?.nextCursor}
          loading={list.isFetching}
        />
      </Card>
      <UserModal
        open={!!dialog}
        editing={dialog?.editing ?? null}
        onClose={() => setDialog(null)}
        onCreated={(u) => {
          setDialog(null);
          setOtp({ username: u.username, password: u.oneTimePassword, title: '用户已创建' });
        }}
      />
      <OneTimePasswordModal
        open={!!otp}
        username={otp?.username ?? ''}
        password={otp?.password ?? ''}
        title={otp?.title ?? ''}
        onClose={() => setOtp(null)}
      />
    </div>
  );
}
