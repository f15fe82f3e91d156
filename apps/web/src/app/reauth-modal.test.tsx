import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REAUTH_CANCELLED, request, setApiHandlers } from '../api/client.ts';
import { fail, fakeServer, noContent, ok } from '../pages/account/testing.ts';
import { renderApp } from '../test/render.tsx';
import { ReauthModal } from './reauth-modal.tsx';

const REAUTH = fail(401, 'REAUTH_REQUIRED', '请输入密码以确认身份');
const ZExport = z.object({ serial: z.string() });

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => {
  server?.restore();
  setApiHandlers({ unauthenticated: () => {} });
});

/**
 * An export the server first refuses until the user re-authenticates; `reauth` answers each
 * POST /api/auth/reauth. Returns the export's promise, as a page's button would hold it.
 */
function startExport(reauth: Parameters<typeof fakeServer>[0][string]) {
  let confirmed = false;
  server = fakeServer({
    'GET /api/export': () => (confirmed ? ok({ serial: 'DC-2026-0001' }) : REAUTH),
    'POST /api/auth/reauth': (s, n) => {
      const a = reauth(s, n);
      confirmed = a.status === 204;
      return a;
    },
  });
  renderApp(<ReauthModal />);
  return request('GET', '/api/export', ZExport);
}

const reauthBodies = () => (server?.sent ?? []).filter((s) => s.path === '/api/auth/reauth').map((s) => s.body);
const dialog = () => screen.findByRole('dialog', { name: '请输入密码以确认身份' });

describe('ReauthModal', () => {
  it('asks for the password and retries the request once it is confirmed', async () => {
    const done = startExport(() => noContent);
    await dialog();
    await userEvent.type(screen.getByLabelText('登录密码'), 'Xuncha-2026!');
    await userEvent.click(screen.getByRole('button', { name: '确定' }));
    await expect(done).resolves.toEqual({ serial: 'DC-2026-0001' });
    expect(reauthBodies()).toEqual([{ password: 'Xuncha-2026!' }]);
  });

  it('asks for the 动态口令 too when the account has a second factor, and sends both', async () => {
    const done = startExport((s) =>
      (s.body as { totp?: string }).totp ? noContent : fail(401, 'TOTP_REQUIRED', '请输入动态口令'),
    );
    await dialog();
    await userEvent.type(screen.getByLabelText('登录密码'), 'Xuncha-2026!');
    await userEvent.click(screen.getByRole('button', { name: '确定' }));
    const code = await screen.findByLabelText('动态口令');
    expect(screen.getByText('您已启用双因素认证，请再输入动态口令')).toBeTruthy();
    await userEvent.type(code, '246810');
    await userEvent.click(screen.getByRole('button', { name: '确定' }));
    await expect(done).resolves.toEqual({ serial: 'DC-2026-0001' });
    expect(reauthBodies()).toEqual([{ password: 'Xuncha-2026!' }, { password: 'Xuncha-2026!', totp: '246810' }]);
  });

  it('says a wrong code in the dialog and keeps it open for another', async () => {
    const done = startExport((s, n) =>
      n === 0
        ? fail(401, 'TOTP_REQUIRED', '请输入动态口令')
        : (s.body as { totp?: string }).totp === '135790'
          ? noContent
          : fail(401, 'INVALID_CREDENTIALS', '动态口令不正确'),
    );
    await dialog();
    await userEvent.type(screen.getByLabelText('登录密码'), 'Xuncha-2026!');
    await userEvent.click(screen.getByRole('button', { name: '确定' }));
    await userEvent.type(await screen.findByLabelText('动态口令'), '111111');
    await userEvent.click(screen.getByRole('button', { name: '确定' }));
    expect(await screen.findByText('动态口令不正确')).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText('动态口令') as HTMLInputElement).value).toBe(''));
    await userEvent.type(screen.getByLabelText('动态口令'), '135790');
    await userEvent.click(screen.getByRole('button', { name: '确定' }));
    await expect(done).resolves.toEqual({ serial: 'DC-2026-0001' });
  });

  it('cancels the request on 取消, and a second prompt starts empty', async () => {
    // Caught at once: the rejection comes while the test is still clicking.
    const first = startExport(() => noContent).catch((e: unknown) => e);
    await dialog();
    await userEvent.type(screen.getByLabelText('登录密码'), 'half-typed');
    await userEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(await first).toMatchObject({ code: REAUTH_CANCELLED });
    const second = request('GET', '/api/export', ZExport);
    // Each prompt is a dialog of its own: the cancelled one is gone, with what was typed into it.
    const password = () => within(screen.getByRole('dialog')).getByLabelText('登录密码') as HTMLInputElement;
    await waitFor(() => expect(password().value).toBe(''), { timeout: 5000 });
    await userEvent.type(password(), 'Xuncha-2026!');
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确定' }));
    await expect(second).resolves.toEqual({ serial: 'DC-2026-0001' });
  });
});
