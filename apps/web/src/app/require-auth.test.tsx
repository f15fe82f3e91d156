import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TMe } from '../api/auth.ts';
import { fakeServer, meFixture, ok } from '../pages/account/testing.ts';
import { renderRoutes } from '../test/render.tsx';
import { CHANGE_PASSWORD_PATH, forcedPath, RequireAuth, safeNext, TOTP_ENROL_PATH, withNext } from './require-auth.tsx';

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => {
  server?.restore();
  vi.restoreAllMocks();
});

function renderGuarded(me: TMe, url: string) {
  server = fakeServer({ 'GET /api/auth/me': () => ok(me) });
  // antd's watermark draws on a canvas, which jsdom does not have.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  return renderRoutes(
    [
      {
        element: <RequireAuth />,
        children: [
          { path: CHANGE_PASSWORD_PATH, element: <p>修改密码页</p> },
          { path: TOTP_ENROL_PATH, element: <p>绑定身份验证器页</p> },
          { path: '/planning/terms', element: <p>届期列表</p> },
          { path: '/', element: <p>首页</p> },
        ],
      },
    ],
    url,
  );
}

describe('RequireAuth', () => {
  it('keeps an account whose role requires a second factor on the enrolment page, with where it was headed', async () => {
    const router = renderGuarded(meFixture({ totpEnrolmentRequired: true }), '/planning/terms?round=2');
    await screen.findByText('绑定身份验证器页');
    expect(router.state.location.pathname).toBe(TOTP_ENROL_PATH);
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/planning/terms?round=2');
    await router.navigate('/');
    await waitFor(() => expect(router.state.location.pathname).toBe(TOTP_ENROL_PATH));
    // The redirect lands before the page renders on a busy machine: wait for the page as well.
    expect(await screen.findByText('绑定身份验证器页')).toBeTruthy();
  });

  it('asks for the new password first and the second factor after', async () => {
    const router = renderGuarded(
      meFixture({ mustChangePassword: true, totpEnrolmentRequired: true }),
      '/planning/terms',
    );
    await screen.findByText('修改密码页');
    expect(router.state.location.search).toBe('?next=%2Fplanning%2Fterms');
    await router.navigate(TOTP_ENROL_PATH);
    await waitFor(() => expect(router.state.location.pathname).toBe(CHANGE_PASSWORD_PATH));
    expect(await screen.findByText('修改密码页')).toBeTruthy();
  });

  it('lets a session with nothing held back through', async () => {
    renderGuarded(meFixture(), '/planning/terms');
    expect(await screen.findByText('届期列表')).toBeTruthy();
  });
});

describe('forced pages', () => {
  it('orders the password change before the enrolment', () => {
    expect(forcedPath({ mustChangePassword: true, totpEnrolmentRequired: true })).toBe(CHANGE_PASSWORD_PATH);
    expect(forcedPath({ passwordExpired: true })).toBe(CHANGE_PASSWORD_PATH);
    expect(forcedPath({ totpEnrolmentRequired: true })).toBe(TOTP_ENROL_PATH);
    expect(forcedPath({})).toBeNull();
    expect(forcedPath(null)).toBeNull();
  });

  it('never returns to a forced page or off the site after it', () => {
    expect(safeNext(TOTP_ENROL_PATH)).toBe('/');
    expect(safeNext(`${CHANGE_PASSWORD_PATH}?next=/x`)).toBe('/');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/planning/terms')).toBe('/planning/terms');
    expect(withNext(TOTP_ENROL_PATH, '/')).toBe(TOTP_ENROL_PATH);
    expect(withNext(TOTP_ENROL_PATH, '/a?b=1')).toBe(`${TOTP_ENROL_PATH}?next=%2Fa%3Fb%3D1`);
  });
});
