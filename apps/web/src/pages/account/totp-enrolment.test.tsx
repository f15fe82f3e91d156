import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderRoutes } from '../../test/render.tsx';
import { fail, fakeServer, ok } from './testing.ts';
import { groupSecret, recoveryCodesText, TotpEnrolment } from './totp-enrolment.tsx';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CODES = Array.from({ length: 10 }, (_, i) => `k7m2${i}-q9x4r`);

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => {
  server?.restore();
  vi.restoreAllMocks();
});

function renderEnrolment(onDone = vi.fn()) {
  server = fakeServer({
    'POST /api/auth/totp/setup': (s) =>
      (s.body as { password: string }).password === 'Xuncha-2026!'
        ? ok({
            secret: SECRET,
            otpauthUri: `otpauth://totp/x:office.staff?secret=${SECRET}`,
            qrPng: 'data:image/png;base64,iVBORw0KGgo=',
            algorithm: (s.body as { algorithm: string }).algorithm,
          })
        : fail(401, 'INVALID_CREDENTIALS', '密码不正确'),
    'POST /api/auth/totp/enable': (s) =>
      (s.body as { code: string }).code === '482913'
        ? ok({ recoveryCodes: CODES })
        : fail(400, 'BAD_REQUEST', '动态口令不正确，请核对身份验证器上的时间后重试'),
  });
  const router = renderRoutes(
    [
      {
        path: '/',
        element: (
          <>
            <Link to="/elsewhere">别处</Link>
            <TotpEnrolment username="office.staff" onDone={onDone} />
          </>
        ),
      },
      { path: '/elsewhere', element: <p>别的页面</p> },
    ],
    '/',
  );
  return { router, onDone, sent: () => server?.sent ?? [] };
}

/** Through the first three steps with the 国密 algorithm, to the recovery codes. */
/** Typing char by char re-renders antd's form on every key, which is slow on a busy machine. */
const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function enrolToCodes() {
  fill('登录密码', 'Xuncha-2026!');
  await userEvent.click(screen.getByLabelText(/国密令牌/));
  await userEvent.click(screen.getByRole('button', { name: '下一步' }));
  await screen.findByAltText('身份验证器绑定二维码');
  await userEvent.click(screen.getByRole('button', { name: '已添加，下一步' }));
  await screen.findByLabelText('动态口令');
  fill('动态口令', '482 913');
  await userEvent.click(screen.getByRole('button', { name: '验证并启用' }));
  await screen.findByText('请立即保存以下10个恢复码，它们只显示这一次');
}

describe('TotpEnrolment', () => {
  it('goes from the password to the QR code, the first code and the recovery codes', async () => {
    const { sent } = renderEnrolment();
    fill('登录密码', 'Xuncha-2026!');
    await userEvent.click(screen.getByLabelText(/国密令牌/));
    await userEvent.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findByAltText('身份验证器绑定二维码')).toBeTruthy();
    expect(screen.getByText(groupSecret(SECRET))).toBeTruthy();
    expect(screen.getByText('算法：SM3')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '已添加，下一步' }));
    await screen.findByLabelText('动态口令');
    fill('动态口令', '482 913');
    await userEvent.click(screen.getByRole('button', { name: '验证并启用' }));
    await screen.findByText('请立即保存以下10个恢复码，它们只显示这一次');
    for (const c of CODES) expect(screen.getByText(c)).toBeTruthy();
    expect(sent().map((s) => s.body)).toEqual([{ password: 'Xuncha-2026!', algorithm: 'SM3' }, { code: '482913' }]);
  });

  it('says a wrong password and stays on the first step', async () => {
    renderEnrolment();
    fill('登录密码', 'wrong');
    await userEvent.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findByText('密码不正确')).toBeTruthy();
    expect(screen.queryByAltText('身份验证器绑定二维码')).toBeNull();
  });

  it('leaves only once 我已妥善保存恢复码 is ticked', async () => {
    const { onDone } = renderEnrolment();
    await enrolToCodes();
    const done = screen.getByRole('button', { name: '完成' }) as HTMLButtonElement;
    expect(done.disabled).toBe(true);
    await userEvent.click(screen.getByLabelText('我已妥善保存恢复码'));
    expect(done.disabled).toBe(false);
    await userEvent.click(done);
    expect(onDone).toHaveBeenCalledOnce();
  });

  it('asks before the page is left with the codes not yet kept', async () => {
    const { router } = renderEnrolment();
    await enrolToCodes();
    await userEvent.click(screen.getByRole('link', { name: '别处' }));
    expect(await screen.findByRole('dialog', { name: '尚未确认保存恢复码' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '留在本页' }));
    expect(router.state.location.pathname).toBe('/');
    await userEvent.click(screen.getByLabelText('我已妥善保存恢复码'));
    await userEvent.click(screen.getByRole('link', { name: '别处' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/elsewhere'));
  });

  it('downloads the codes as a text file', async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      saved.push(b);
      return 'blob:codes';
    });
    URL.revokeObjectURL = vi.fn();
    renderEnrolment();
    await enrolToCodes();
    await userEvent.click(screen.getByRole('button', { name: /下载/ }));
    expect(saved).toHaveLength(1);
    const text = await saved[0]?.text();
    for (const c of CODES) expect(text).toContain(c);
    expect(text).toContain('账号：office.staff');
  });
});

describe('recoveryCodesText', () => {
  it('puts each code on its own line after the rules, for Notepad (BOM, CRLF)', () => {
    const text = recoveryCodesText('office.staff', ['aaaaa-bbbbb', 'ccccc-ddddd'], new Date('2026-03-02T01:30:00Z'));
    expect(text.startsWith('\ufeff巡察工作平台 双因素认证恢复码\r\n')).toBe(true);
    expect(text.split('\r\n')).toContain('aaaaa-bbbbb');
    expect(text.split('\r\n')).toContain('ccccc-ddddd');
    expect(text).toContain('每个恢复码只能使用一次');
  });

  it('groups the secret in fours as authenticator apps show it', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });
});
