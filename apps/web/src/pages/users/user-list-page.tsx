import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ROLE_LABELS,
  ROLES,
  type TPermission,
  type TRole,
  usernameProblem,
  ZUser,
  ZUserCreate,
  ZUserUpdate,
} from '@xc/domain';
import { App, Button, Card, Form, Input, Popconfirm, Space, type TableColumnsType, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import {
  createUser,
  endUserSessions,
  listUsers,
  resetUserPassword,
  resetUserTotp,
  type TUserCreated,
  type TUserCreateInput,
  type TUserFilters,
  type TUserListItem,
  type TUserUpdateInput,
  unlockUser,
  updateUser,
} from '../../api/users.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../components/filter-bar.tsx';
import { Field, FormModal, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { OneTimePasswordModal } from '../../components/one-time-password.tsx';
import { optionsOf } from '../../components/options.ts';
import { OrgSelect } from '../../components/org-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { usePageFilters } from '../../components/url-filters.ts';

interface UserValues {
  username?: string;
  displayName?: string;
  authorityId?: string | null;
  orgId?: string | null;
  version?: number;
}

export const isLocked = (u: { lockedUntil: string | null }) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());

/** A new account's username follows the domain's rule for usernames (the server applies the same). */
const ZNewUser = ZUserCreate.superRefine((u, ctx) => {
  const problem = u.username ? usernameProblem(u.username) : null;
  if (problem) ctx.addIssue({ code: 'custom', path: ['username'], message: problem });
});

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
  const queryClient = useQueryClient();
  const perms = usePermissions();
  /** Name of the saved organization, shown before the picker has searched (the id alone means nothing). */
  const [orgLabel, setOrgLabel] = useState<string | null>(null);
  const canLookup = perms.has('directory:orgs' satisfies TPermission);
  const canPickOrg = canLookup || perms.has('org:read');
  const kit = useSchemaForm({
    schema: editing ? ZUserUpdate : ZNewUser,
    toBody: (v: UserValues) => {
      const common = { displayName: v.displayName ?? '', authorityId: v.authorityId ?? null, orgId: v.orgId ?? null };
      return editing ? { version: v.version, ...common } : { username: v.username?.trim() ?? '', ...common };
    },
    // A new account answers its one-time password, which the page shows once.
    mutationFn: async (body): Promise<TUserCreated | null> => {
      if (!editing) return createUser(body as TUserCreateInput);
      await updateUser(editing.id, body as TUserUpdateInput);
      return null;
    },
    success: editing ? '账号信息已保存' : undefined,
    invalidate: [qk.users],
    onSuccess: (created) => (created ? onCreated(created) : onClose()),
    conflict: {
      schema: ZUser,
      reload: (current) => {
        void queryClient.invalidateQueries({ queryKey: qk.users });
        if (!current) return undefined;
        setOrgLabel(current.orgName);
        return {
          displayName: current.displayName,
          authorityId: current.authorityId,
          orgId: current.orgId,
          version: current.version,
        };
      },
    },
    open,
    openKey: editing?.id ?? 'new',
    initial: (): UserValues => {
      setOrgLabel(editing?.orgName ?? null);
      return editing
        ? {
            username: editing.username,
            displayName: editing.displayName,
            authorityId: editing.authorityId,
            orgId: editing.orgId,
            version: editing.version,
          }
        : {};
    },
  });
  const { form } = kit;
  const authorityId = Form.useWatch('authorityId', form);

  return (
    <FormModal
      kit={kit}
      title={editing ? `编辑账号：${editing.username}` : '新增用户'}
      open={open}
      onClose={onClose}
      okText="确定"
      lazy
    >
      <Field
        name="username"
        label="用户名"
        required={!editing}
        extra={editing ? undefined : '3至32位字母、数字、点、下划线或短横线，以字母或数字开头；创建后不可修改'}
      >
        <Input disabled={!!editing} autoComplete="off" />
      </Field>
      <Field name="displayName" label="姓名" required>
        <Input autoComplete="off" />
      </Field>
      <Field name="authorityId" label="所属巡察机构" extra="三员等系统级账号可不选">
        <AuthoritySelect allowClear onChange={() => form.setFieldValue('orgId', null)} />
      </Field>
      {canPickOrg && (
        <Field name="orgId" label="所属被巡察单位" extra="仅被巡察党组织联络员需要填写">
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
        </Field>
      )}
      {!editing && (
        <Tag color="blue" style={{ whiteSpace: 'normal' }}>
          新账号创建后没有任何角色，须由安全保密管理员授权后方可使用业务功能。
        </Tag>
      )}
    </FormModal>
  );
}

export default function UserListPage() {
  usePageMeta([]);
  const { modal } = App.useApp();
  const perms = usePermissions();
  const canManage = perms.has('user:manage');
  const navigate = useNavigate();
  const { filters, pages, query, bind, keyword } = usePageFilters<TUserFilters>();
  const [dialog, setDialog] = useState<{ editing: TUserListItem | null } | null>(null);
  const [otp, setOtp] = useState<{ username: string; password: string; title: string } | null>(null);

  const list = useQuery({
    queryKey: qk.userList(query),
    queryFn: () => listUsers(query),
    placeholderData: keepPreviousData,
  });

  // One row action at a time; the row whose action runs shows it. A work that answers with text
  // (how many sessions it ended) says it in the toast itself.
  const act = useAction(
    async (_u: TUserListItem, work: () => Promise<unknown>, ok?: string) => {
      const said = await work();
      return typeof said === 'string' ? said : ok;
    },
    { success: (ok) => ok ?? '', invalidate: [qk.users] },
  );
  const busyId = act.running?.[0].id ?? null;

  // The 安全保密管理员's account actions: each says what it does before it runs; the client asks for
  // the password (and the second factor) when the server wants it re-confirmed.
  const confirmAct = (props: { title: string; content: string; okText: string }, run: () => void) =>
    modal.confirm({ ...props, cancelText: '取消', okButtonProps: { danger: true }, onOk: run });
  const endSessions = (u: TUserListItem) =>
    confirmAct(
      {
        title: `结束“${u.displayName}”的全部会话？`,
        content:
          '该账号在所有电脑和浏览器上的登录将立即失效，须重新登录后才能继续使用（账号本身不停用）。用于设备丢失、人员调离等情形。本操作记入审计日志。',
        okText: '结束全部会话',
      },
      () =>
        void act.run(u, async () => {
          const { ended } = await endUserSessions(u.id);
          return ended ? `已结束“${u.displayName}”的 ${ended} 个会话` : `“${u.displayName}”当前没有在线会话`;
        }),
    );
  const resetTotp = (u: TUserListItem) =>
    confirmAct(
      {
        title: `重置“${u.displayName}”的双因素认证？`,
        content:
          '将清除该账号绑定的身份验证器和全部恢复码，并结束其全部会话。其角色须使用双因素认证的，下次登录后须重新绑定身份验证器；请先核实是本人申请（如手机丢失）。本操作记入审计日志。',
        okText: '重置双因素认证',
      },
      () => void act.run(u, () => resetUserTotp(u.id), `已重置“${u.displayName}”的双因素认证`),
    );

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
      width: 330,
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
                act.run(
                  u,
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
                act.run(u, async () => {
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
              onConfirm={() => act.run(u, () => unlockUser(u.id), '已解除锁定')}
            >
              <Button type="link" size="small">
                解除锁定
              </Button>
            </Popconfirm>
          )}
          {perms.has('user:unlock') && (
            <Button type="link" size="small" onClick={() => endSessions(u)}>
              结束全部会话
            </Button>
          )}
          {perms.has('user:unlock') && (
            <Button type="link" size="small" onClick={() => resetTotp(u)}>
              重置双因素认证
            </Button>
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
        <FilterBar>
          <FilterSearch {...keyword} placeholder="用户名或姓名" label="搜索用户" maxLength={60} />
          <FilterSelect
            label="状态"
            {...bind('status')}
            options={[
              { value: 'active', label: '正常' },
              { value: 'disabled', label: '已停用' },
            ]}
            width={110}
          />
          <FilterSelect label="角色" {...bind('role')} options={optionsOf(ROLES, ROLE_LABELS)} width={180} />
        </FilterBar>
        <CursorTable<TUserListItem>
          list={list}
          pages={pages}
          columns={columns}
          width={1470}
          empty={{ filtered, whenFiltered: '没有符合条件的用户', whenEmpty: '暂无用户，可点击“新增用户”' }}
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
