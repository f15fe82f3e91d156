import { KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, type TRole } from '@xc/domain';
import { App, Breadcrumb, Button, Layout, Menu, type MenuProps, Space, Tag, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { logout } from '../api/auth.ts';
import { useMe, usePermissions } from '../api/hooks.ts';
import { qk } from '../api/keys.ts';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { allowed, findNav, isGroup, NAV } from './nav.tsx';
import { PageMetaProvider, usePageCrumbs } from './page-meta.tsx';
import { CHANGE_PASSWORD_PATH, TOTP_PATH } from './require-auth.tsx';

const { Sider, Header, Content } = Layout;

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const leave = useMutation({
    // The session may already be gone; leaving is what the user asked for either way.
    mutationFn: () => logout().catch(() => undefined),
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(qk.me, null);
      message.success('已退出登录');
      navigate('/login', { replace: true });
    },
  });
  return () => leave.mutateAsync();
}

function useMenuItems(perms: Set<string>): MenuProps['items'] {
  return useMemo(() => {
    const items: NonNullable<MenuProps['items']> = [];
    for (const e of NAV) {
      if (isGroup(e)) {
        const children = e.items
          .filter((i) => allowed(i, perms))
          .map((i) => ({ key: i.path, icon: i.icon, label: <Link to={i.path}>{i.label}</Link> }));
        if (children.length) items.push({ key: e.key, icon: e.icon, label: e.label, children });
      } else if (allowed(e, perms)) {
        items.push({ key: e.path, icon: e.icon, label: <Link to={e.path}>{e.label}</Link> });
      }
    }
    return items;
  }, [perms]);
}

function Crumbs() {
  const loc = useLocation();
  const extra = usePageCrumbs();
  const hit = findNav(loc.pathname);
  const items: { title: React.ReactNode }[] = [{ title: <Link to="/">首页</Link> }];
  if (hit && hit.item.path !== '/') {
    if (hit.group) items.push({ title: hit.group.label });
    items.push({ title: extra.length ? <Link to={hit.item.path}>{hit.item.label}</Link> : hit.item.label });
  }
  extra.forEach((c, i) => {
    items.push({ title: c.path && i < extra.length - 1 ? <Link to={c.path}>{c.title}</Link> : c.title });
  });
  return <Breadcrumb items={items} style={{ marginBottom: 16 }} />;
}

export function AppLayout() {
  const { data: me } = useMe();
  const perms = usePermissions();
  const loc = useLocation();
  const navigate = useNavigate();
  const doLogout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  const items = useMenuItems(perms);
  const selected = findNav(loc.pathname);
  const openKeys = NAV.filter(isGroup).map((g) => g.key);
  const roles = [...new Set(me?.roles ?? [])] as TRole[];

  return (
    <PageMetaProvider>
      <Layout style={{ height: '100vh', overflow: 'hidden' }}>
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={220}
          style={{ height: '100vh', overflow: 'auto' }}
        >
          <div className="xc-logo">
            <span className="xc-logo-mark">巡</span>
            {!collapsed && <span className="xc-logo-text">巡察工作平台</span>}
          </div>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected.item.path] : []}
            defaultOpenKeys={openKeys}
          />
        </Sider>
        <Layout style={{ height: '100vh', overflow: 'hidden' }}>
          <Header className="xc-header" style={{ background: '#fff', padding: '0 24px' }}>
            <Typography.Text strong className="xc-header-authority">
              {me?.user.authorityName ?? '全系统'}
            </Typography.Text>
            <Space size="middle" wrap={false}>
              <Space size={4}>
                <UserOutlined />
                <Typography.Text>{me?.user.displayName}</Typography.Text>
              </Space>
              <Space size={2} wrap={false}>
                {roles.length ? (
                  roles.map((r) => (
                    <Tag key={r} color="blue" variant="outlined">
                      {ROLE_LABELS[r] ?? r}
                    </Tag>
                  ))
                ) : (
                  <Tag>未授权</Tag>
                )}
              </Space>
              <Button type="text" icon={<SafetyOutlined />} onClick={() => navigate(TOTP_PATH)}>
                双因素认证
              </Button>
              <Button type="text" icon={<KeyOutlined />} onClick={() => navigate(CHANGE_PASSWORD_PATH)}>
                修改密码
              </Button>
              <Button type="text" icon={<LogoutOutlined />} onClick={() => void doLogout()}>
                退出登录
              </Button>
            </Space>
          </Header>
          <Content className="xc-content" style={{ overflow: 'auto' }}>
            <Crumbs />
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </Content>
        </Layout>
      </Layout>
    </PageMetaProvider>
  );
}
