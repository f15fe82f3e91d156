import { ErrorCode } from '@xc/domain';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorText, isApiError } from '../api/client.ts';
import { useMe, usePermissions } from '../api/hooks.ts';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { UserWatermark } from './watermark.tsx';

export const CHANGE_PASSWORD_PATH = '/change-password';

/** Only same-site paths are accepted as a return path (no open redirect through ?next=). */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith(CHANGE_PASSWORD_PATH)) return '/';
  return next;
}

/** Every internal page: needs a session; a forced password change pins the user to that page. */
export function RequireAuth() {
  const me = useMe();
  const loc = useLocation();
  const onChangePage = loc.pathname === CHANGE_PASSWORD_PATH;

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error, ErrorCode.PasswordChangeRequired)) {
      return onChangePage ? <Outlet /> : <Navigate to={CHANGE_PASSWORD_PATH} replace />;
    }
    return (
      <Result
        status="error"
        title="无法获取登录状态"
        subTitle={errorText(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me.data) {
    const next = `${loc.pathname}${loc.search}`;
    const q = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/login${q}`} replace />;
  }
  const forced = me.data.mustChangePassword || me.data.passwordExpired;
  if (forced && !onChangePage) return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  return (
    <UserWatermark name={me.data.user.displayName}>
      <Outlet />
    </UserWatermark>
  );
}

/** A page the menu hides from users without one of `perms`; reached by URL it says so. */
export function RequirePerm({ perms, children }: { perms: string[]; children: ReactNode }) {
  const granted = usePermissions();
  if (!perms.some((p) => granted.has(p))) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="您的角色没有访问该页面的权限，如需访问请联系安全保密管理员授权。"
      />
    );
  }
  return children;
}
