import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderRoutes } from '../../test/render.tsx';
import { type Answer, fail, fakeServer, meFixture, ok, type Sent } from '../account/testing.ts';
import LoginPage from './login-page.tsx';

const ME = meFixture();
const loginAnswer = (over: { totpEnrolmentRequired?: boolean } = {}) =>
  ok({ user: ME.user, csrfToken: 'csrf-new', mustChangePassword: false, totpEnrolmentRequired: false, ...over });
const TOTP_REQUIRED = fail(401, 'TOTP_REQUIRED', '请输入身份验证器上的6位动态口令');
const WRONG = fail(401, 'INVALID_CREDENTIALS', '用户名或密码错误（连续失败5次将锁定30分钟）');

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

/**
 * The login page with the places it sends the user to; `login` answers each POST /api/auth/login
 * (the nth of them), and /api/auth/me says nobody is signed in until a login succeeded.
 */
function renderLogin(login: (sent: Sent, nth: number) => Answer, me = ME) {
  let signedIn = false;
  server = fakeServer({
    'POST /api/auth/login': (s, n) => {
      const a = login(s, n);
      signedIn = a.status === 200;
      return a;
    },
    'GET /api/auth/me': () => (signedIn ? ok(me) : fail(401, 'UNAUTHENTICATED', '请先登录')),
  });
  const router = renderRoutes(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/planning/terms', element: <p>届期列表</p> },
      { path: '/totp-enrolment', element: <p>绑定身份验证器页</p> },
      { path: '/', element: <p>首页</p> },
    ],
    '/login?next=%2Fplanning%2Fterms',
  );
  return { router, logins: () => (server?.sent ?? []).filter((s) => s.path === '/api/auth/login').map((s) => s.body) };
}

async function signIn() {
  await userEvent.type(await screen.findByPlaceholderText('用户名'), 'office.staff');
  await userEvent.type(screen.getByPlaceholderText('密码'), 'Xuncha-2026!');
  await userEvent.click(screen.getByRole('button', { name: '登录' }));
}

describe('LoginPage', () => {
  it('asks for the 动态口令 when the account has a second factor and sends it with username and password', async () => {
    const { router, logins } = renderLogin((s) => ((s.body as { totp?: string }).totp ? loginAnswer() : TOTP_REQUIRED));
    await signIn();
    const code = await screen.findByPlaceholderText('6位动态口令');
    expect(screen.queryByPlaceholderText('密码')).toBeNull();
    await userEvent.type(code, '123 456');
    await userEvent.click(screen.getByRole('button', { name: '验证并登录' }));
    await screen.findByText('届期列表');
    expect(router.state.location.pathname).toBe('/planning/terms');
    expect(logins()).toEqual([
      { username: 'office.staff', password: 'Xuncha-2026!' },
      { username: 'office.staff', password: 'Xuncha-2026!', totp: '123456' },
    ]);
  });

  it('takes a recovery code instead through 使用恢复码', async () => {
    const { logins } = renderLogin((s) =>
      (s.body as { recoveryCode?: string }).recoveryCode ? loginAnswer() : TOTP_REQUIRED,
    );
    await signIn();
    await screen.findByPlaceholderText('6位动态口令');
    await userEvent.click(screen.getByRole('button', { name: '使用恢复码' }));
    await userEvent.type(screen.getByPlaceholderText(/恢复码/), 'k7m2p-q9x4r');
    await userEvent.click(screen.getByRole('button', { name: '验证并登录' }));
    await screen.findByText('届期列表');
    expect(logins()[1]).toEqual({ username: 'office.staff', password: 'Xuncha-2026!', recoveryCode: 'k7m2p-q9x4r' });
  });

  it('says the code was refused, clears it and keeps the second step', async () => {
    renderLogin((s, n) =>
      n === 0 ? TOTP_REQUIRED : (s.body as { totp?: string }).totp === '654321' ? loginAnswer() : WRONG,
    );
    await signIn();
    const code = (await screen.findByPlaceholderText('6位动态口令')) as HTMLInputElement;
    await userEvent.type(code, '111111');
    await userEvent.click(screen.getByRole('button', { name: '验证并登录' }));
    expect(await screen.findByText('动态口令不正确或已使用过')).toBeTruthy();
    await waitFor(() => expect((screen.getByPlaceholderText('6位动态口令') as HTMLInputElement).value).toBe(''));
    await userEvent.type(screen.getByPlaceholderText('6位动态口令'), '654321');
    await userEvent.click(screen.getByRole('button', { name: '验证并登录' }));
    await screen.findByText('届期列表');
  });

  it('returns to the password step on 返回重新输入账号 with the password cleared', async () => {
    renderLogin(() => TOTP_REQUIRED);
    await signIn();
    await screen.findByPlaceholderText('6位动态口令');
    await userEvent.click(screen.getByRole('button', { name: /返回重新输入账号/ }));
    expect(((await screen.findByPlaceholderText('密码')) as HTMLInputElement).value).toBe('');
    expect((screen.getByPlaceholderText('用户名') as HTMLInputElement).value).toBe('office.staff');
  });

  it('sends an account whose role requires a second factor to enrol first, keeping where it was headed', async () => {
    const { router } = renderLogin(
      () => loginAnswer({ totpEnrolmentRequired: true }),
      meFixture({ totpEnrolmentRequired: true }),
    );
    await signIn();
    await screen.findByText('绑定身份验证器页');
    expect(router.state.location.search).toBe('?next=%2Fplanning%2Fterms');
  });
});
