import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ReauthModal } from '../../app/reauth-modal.tsx';
import { renderApp } from '../../test/render.tsx';
import { fail, fakeServer, meFixture, noContent, ok } from '../account/testing.ts';
import UserListPage from './user-list-page.tsx';

const SEC_ADMIN = meFixture({
  roles: ['secAdmin'],
  permissions: ['self', 'user:read', 'user:unlock', 'grant:manage'],
});
const STAFF = { ...meFixture().user, roles: ['officeStaff'] };
const REAUTH = fail(401, 'REAUTH_REQUIRED', '请输入密码以确认身份');

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

/**
 * The user list as the 安全保密管理员 sees it; `action` is "end-sessions" or "totp/reset", refused
 * until the password was re-entered, then answered with `answer`.
 */
function renderAsSecAdmin(action: string, answer: ReturnType<typeof ok>) {
  let confirmed = false;
  server = fakeServer({
    'GET /api/auth/me': () => ok(SEC_ADMIN),
    'GET /api/users': () => ok({ items: [STAFF], total: 1, nextCursor: null }),
    [`POST /api/users/${STAFF.id}/${action}`]: () => (confirmed ? answer : REAUTH),
    'POST /api/auth/reauth': () => {
      confirmed = true;
      return noContent;
    },
  });
  renderApp(
    <>
      <UserListPage />
      <ReauthModal />
    </>,
    { url: '/admin/users' },
  );
}

/** Confirms the action's dialog, then the password prompt the server asks for. */
async function confirmAndReauth(title: string, okText: string) {
  // antd's confirm dialog shows its title twice (once for screen readers): either leads to the dialog.
  const [heading] = await screen.findAllByText(title);
  const confirm = heading?.closest('.ant-modal') as HTMLElement;
  await userEvent.click(within(confirm).getByRole('button', { name: okText }));
  // Under test antd gives every dialog the title id "test-id", so the prompt's accessible name is
  // the confirm dialog's: it is found by its title's text too.
  const prompt = (await screen.findByText('请输入密码以确认身份', {}, { timeout: 5000 })).closest(
    '.ant-modal',
  ) as HTMLElement;
  fireEvent.change(within(prompt).getByLabelText('登录密码'), { target: { value: 'Anquan-2026!' } });
  await userEvent.click(within(prompt).getByRole('button', { name: '确定' }));
}

describe('UserListPage (安全保密管理员)', () => {
  it('ends every session of an account after confirming and says how many ended', async () => {
    renderAsSecAdmin('end-sessions', ok({ ended: 2 }));
    await userEvent.click(await screen.findByRole('button', { name: '结束全部会话' }));
    expect(await screen.findByText(/登录将立即失效/)).toBeTruthy();
    await confirmAndReauth('结束“刘晓婷”的全部会话？', '结束全部会话');
    expect(await screen.findByText('已结束“刘晓婷”的 2 个会话')).toBeTruthy();
    await waitFor(() =>
      expect(server?.sent.filter((s) => s.path.endsWith('/end-sessions')).map((s) => s.method)).toEqual([
        'POST',
        'POST',
      ]),
    );
  });

  it('says so when the account had no session to end', async () => {
    renderAsSecAdmin('end-sessions', ok({ ended: 0 }));
    await userEvent.click(await screen.findByRole('button', { name: '结束全部会话' }));
    await confirmAndReauth('结束“刘晓婷”的全部会话？', '结束全部会话');
    expect(await screen.findByText('“刘晓婷”当前没有在线会话')).toBeTruthy();
  });

  it('resets the second factor after a confirmation that says what it clears', async () => {
    renderAsSecAdmin('totp/reset', noContent);
    await userEvent.click(await screen.findByRole('button', { name: '重置双因素认证' }));
    expect(await screen.findByText(/清除该账号绑定的身份验证器和全部恢复码，并结束其全部会话/)).toBeTruthy();
    await confirmAndReauth('重置“刘晓婷”的双因素认证？', '重置双因素认证');
    expect(await screen.findByText('已重置“刘晓婷”的双因素认证')).toBeTruthy();
  });
});
