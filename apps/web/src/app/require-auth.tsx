import { ErrorCode } from '@xc/domain';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorText, isApiError } from '../api/client.ts';
import { useMe, usePermissions } from '../api/hooks.ts';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { UserWatermark } from './watermark.tsx';

export const CHANGE_PASSWORD_PATH = '/change-password';
/** Forced enrolment in the second factor: the page has no menu and the guard keeps the user on it. */
export const TOTP_ENROL_PATH = '/totp-enrolment';
/** 个人设置 → 双因素认证, inside the layout. */
export const TOTP_PATH = '/account/totp';

/** Only same-site paths are accepted as a return path (no open redirect through ?next=). */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith(CHANGE_PASSWORD_PATH) || next.startsWith(TOTP_ENROL_PATH))
    return '/';
  return next;
}

export interface HeldBack {
  mustChangePassword?: boolean;
  passwordExpired?: boolean;
  totpEnrolmentRequired?: boolean;
}

/**
 * The page a session the server holds back must go to first, or null. The server refuses everything
 * but the account's own routes until the password is changed, and then until a role's required
 * second factor is set up; the pages follow the same order.
 */
export function forcedPath(s: HeldBack | null | undefined): string | null {
  if (s?.mustChangePassword || s?.passwordExpired) return CHANGE_PASSWORD_PATH;
  if (s?.totpEnrolmentRequired) return TOTP_ENROL_PATH;
  return null;
}

/** `path` with the return path; '/' goes without, as the login page's link does. */
export function withNext(path: string, next: string): string {
  return next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`;
}

/** Where the user was headed: a forced page hands on its own ?next=, any other page is itself. */
function headedFor(loc: { pathname: string; search: string }): string {
  if (loc.pathname === CHANGE_PASSWORD_PATH || loc.pathname === TOTP_ENROL_PATH)
    return safeNext(new URLSearchParams(loc.search).get('next'));
  return safeNext(`${loc.pathname}${loc.search}`);
}

/**
 * Every internal page: needs a session; a forced password change, and then a forced enrolment in
 * the second factor, pins the user to that page.
 */
export function RequireAuth() {
  const me = useMe();
  const loc = useLocation();
  const onChangePage = loc.pathname === CHANGE_PASSWORD_PATH;

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error, ErrorCode.PasswordChangeRequired)) {
      return onChangePage ? <Outlet /> : <Navigate to={withNext(CHANGE_PASSWORD_PATH, headedFor(loc))} replace />;
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
  const forced = forcedPath(me.data);
  if (forced && loc.pathname !== forced) return <Navigate to={withNext(forced, headedFor(loc))} replace />;
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
