import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLogin, launch, newPage, reauthIfAsked, type Server, startServer, step } from './harness.ts';

/**
 * Issue 10 in the browser: a page file missing after an upgrade shows the Chinese error page; the
 * second factor from the 系统管理员's setting through forced enrolment, re-authentication with the
 * 动态口令 and a sign-in with a recovery code, to the 安全保密管理员 ending the sessions and
 * resetting it. The codes are computed here from the secret the page shows (RFC 6238), as an
 * authenticator app would.
 */
let server: Server;
let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-e2e-sec-'));
const open: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
afterAll(async () => {
  for (const c of open) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function credential(username: string) {
  const c = server.credentials.find((x) => x.username === username);
  if (!c) throw new Error(`demo credentials lack ${username}`);
  return c;
}

async function signedIn(username: string, newPassword: string): Promise<Page> {
  const { context, page } = await newPage(browser);
  open.push(context);
  const c = credential(username);
  await step(page, `${username} 首次登录`, () => firstLogin(page, server.url, c.username, c.password, newPassword));
  return page;
}

function base32Decode(s: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of s.toUpperCase().replace(/[\s=]/g, '')) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 with HMAC-SHA1, as the 通用身份验证器 computes it. */
function totp(secret: Buffer, step: number, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(msg).digest();
  const o = (mac.at(-1) ?? 0) & 0x0f;
  const bin = (((mac[o] ?? 0) & 0x7f) << 24) | ((mac[o + 1] ?? 0) << 16) | ((mac[o + 2] ?? 0) << 8) | (mac[o + 3] ?? 0);
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/**
 * The authenticator of the account enrolled below. The server takes each code once and never one
 * older than the last, and accepts one step either side of now: the next code is for the step after
 * the last one used, and when that is still ahead, for it (within the window), waiting only when
 * two steps ahead.
 */
const authenticator: { secret: Buffer; lastStep: number; next(): Promise<string> } = {
  secret: Buffer.alloc(0),
  lastStep: 0,
  async next(): Promise<string> {
    const now = () => Math.floor(Date.now() / 30_000);
    const want = Math.max(now(), this.lastStep + 1);
    while (want > now() + 1) await new Promise((r) => setTimeout(r, 1_000));
    this.lastStep = want;
    return totp(this.secret, want);
  },
};

const STAFF_PW = 'E2e-Anquan-Staff-2026';
const SEC_PW = 'E2e-Anquan-Baomi-2026';
let staff: Page;
let recoveryCodes: string[] = [];

describe('a page file missing after an upgrade', () => {
  it('shows the Chinese error page with 重新加载 under the menu, and reloading brings the page', async () => {
    const page = await signedIn('office.leader', 'E2e-Anquan-Leader-2026');
    await step(page, '缺失的页面文件', async () => {
      await page.route('**/assets/term-list-page-*.js', (route) =>
        route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }),
      );
      await page.getByRole('menuitem', { name: '届期与覆盖' }).click();
      await page.getByText('系统已更新，请重新加载页面').waitFor();
      await page.getByRole('button', { name: '重新加载' }).waitFor();
      expect(await page.getByText('Unexpected Application Error').count()).toBe(0);
      // The menu stays: the error page stands where the page would.
      expect(await page.getByRole('menuitem', { name: '届期与覆盖' }).isVisible()).toBe(true);
    });
    await step(page, '重新加载', async () => {
      await page.unroute('**/assets/term-list-page-*.js');
      await page.getByRole('button', { name: '重新加载' }).click();
      await page.getByRole('link', { name: '七届市委' }).waitFor();
    });
  });
});

describe('second factor (TOTP)', () => {
  it('系统管理员 requires it of 巡察办工作人员', async () => {
    const page = await signedIn('sysadmin', 'E2e-Anquan-Admin-2026');
    await step(page, '系统设置：须使用双因素认证的角色', async () => {
      await page.getByRole('menuitem', { name: '系统设置' }).click();
      await page.waitForURL(/\/admin\/settings/);
      await page.getByLabel('须使用双因素认证（动态口令）的角色').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^巡察办工作人员$/ })
        .click();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: '保存设置' }).click();
      await page.getByText('系统设置已保存').waitFor();
    });
  });

  it('巡察办工作人员 is held on the enrolment page until an authenticator is bound', async () => {
    staff = await signedIn('office.staff', STAFF_PW);
    await step(staff, '强制绑定', async () => {
      await staff.waitForURL(/\/totp-enrolment/);
      await staff.goto(`${server.url}/planning/terms`);
      await staff.waitForURL(/\/totp-enrolment\?next=%2Fplanning%2Fterms/);
      await staff.getByText('您的角色须使用双因素认证（动态口令），完成绑定后方可使用系统。').waitFor();
    });
    await step(staff, '验证身份并扫码', async () => {
      await staff.getByLabel('登录密码').fill(STAFF_PW);
      await staff.getByRole('button', { name: '下一步' }).click();
      await staff.getByRole('img', { name: '身份验证器绑定二维码' }).waitFor();
      authenticator.secret = base32Decode((await staff.getByTestId('totp-secret').textContent()) ?? '');
      expect(authenticator.secret.length).toBe(20);
      await staff.getByRole('button', { name: '已添加，下一步' }).click();
    });
    await step(staff, '输入第一个动态口令', async () => {
      await staff.getByLabel('动态口令').fill(await authenticator.next());
      await staff.getByRole('button', { name: '验证并启用' }).click();
      await staff.getByText('请立即保存以下10个恢复码，它们只显示这一次').waitFor();
    });
    await step(staff, '保存恢复码', async () => {
      expect(await staff.getByRole('button', { name: '完成' }).isDisabled()).toBe(true);
      const dl = staff.waitForEvent('download');
      await staff.getByRole('button', { name: /下载/ }).click();
      const file = await dl;
      expect(file.suggestedFilename()).toMatch(/恢复码.*\.txt$/);
      await file.saveAs(path.join(tmp, 'codes.txt'));
      const lines = fs.readFileSync(path.join(tmp, 'codes.txt'), 'utf8').split(/\r?\n/);
      recoveryCodes = lines.filter((l) => /^[0-9a-z]{5}-[0-9a-z]{5}$/.test(l));
      expect(recoveryCodes).toHaveLength(10);
      await staff.getByLabel('我已妥善保存恢复码').check();
      await staff.getByRole('button', { name: '完成' }).click();
      await staff.waitForURL(/\/planning\/terms$/);
    });
  });

  it('re-authentication asks for the 动态口令 too', async () => {
    await step(staff, '导出覆盖台账', async () => {
      await staff.getByRole('link', { name: '七届市委' }).click();
      await staff.waitForURL(/\/planning\/terms\/[0-9a-f-]{36}$/);
      const dl = staff.waitForEvent('download');
      await staff.getByRole('button', { name: '导出覆盖台账' }).click();
      const dialog = staff.getByRole('dialog', { name: '请输入密码以确认身份' });
      await dialog.getByLabel('登录密码').fill(STAFF_PW);
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.getByLabel('动态口令').fill(await authenticator.next());
      await dialog.getByRole('button', { name: '确定' }).click();
      expect((await dl).suggestedFilename()).toMatch(/巡察全覆盖台账.*\.xlsx$/);
    });
  });

  it('signs in with a recovery code, each code once', async () => {
    const signIn = async (code: string) => {
      await staff.getByPlaceholder('用户名').fill('office.staff');
      await staff.getByPlaceholder('密码').fill(STAFF_PW);
      await staff.getByRole('button', { name: '登录' }).click();
      await staff.getByRole('button', { name: '使用恢复码' }).click();
      await staff.getByLabel('恢复码').fill(code);
      await staff.getByRole('button', { name: '验证并登录' }).click();
    };
    const code = recoveryCodes[0] ?? '';
    await step(staff, '用恢复码登录', async () => {
      await staff.getByRole('button', { name: '退出登录' }).click();
      await staff.waitForURL(/\/login/);
      await signIn(code);
      await staff.waitForURL((u) => !u.pathname.startsWith('/login'));
    });
    await step(staff, '同一恢复码不能再用', async () => {
      await staff.getByRole('button', { name: '退出登录' }).click();
      await staff.waitForURL(/\/login/);
      await signIn(code);
      await staff.getByText('恢复码不正确或已使用过').waitFor();
      await staff.getByLabel('恢复码').fill(recoveryCodes[1] ?? '');
      await staff.getByRole('button', { name: '验证并登录' }).click();
      await staff.waitForURL((u) => !u.pathname.startsWith('/login'));
    });
  });

  it('安全保密管理员 ends the sessions and resets the second factor', async () => {
    const page = await signedIn('secadmin', SEC_PW);
    const row = () => page.getByRole('row').filter({ hasText: 'office.staff' });
    const confirmIn = (title: string) => page.getByRole('dialog').filter({ hasText: title });
    await step(page, '结束全部会话', async () => {
      await page.getByRole('menuitem', { name: '用户管理' }).click();
      await page.waitForURL(/\/admin\/users/);
      await row().getByRole('button', { name: '结束全部会话' }).click();
      await confirmIn('结束“刘晓婷”的全部会话？').getByRole('button', { name: '结束全部会话' }).click();
      const said = page.getByText(/已结束“刘晓婷”的 \d+ 个会话/).waitFor();
      await reauthIfAsked(page, SEC_PW, said);
      await said;
    });
    await step(staff, '被结束会话的用户回到登录页', async () => {
      await staff.reload();
      await staff.waitForURL(/\/login/);
    });
    await step(page, '重置双因素认证', async () => {
      await row().getByRole('button', { name: '重置双因素认证' }).click();
      await confirmIn('重置“刘晓婷”的双因素认证？').getByRole('button', { name: '重置双因素认证' }).click();
      const said = page.getByText('已重置“刘晓婷”的双因素认证').waitFor();
      await reauthIfAsked(page, SEC_PW, said);
      await said;
    });
    await step(staff, '重置后须重新绑定', async () => {
      await staff.getByPlaceholder('用户名').fill('office.staff');
      await staff.getByPlaceholder('密码').fill(STAFF_PW);
      await staff.getByRole('button', { name: '登录' }).click();
      await staff.waitForURL(/\/totp-enrolment/);
    });
  });
});

describe('the test authenticator', () => {
  it('computes the RFC 6238 SHA-1 vectors', () => {
    const secret = Buffer.from('12345678901234567890');
    expect(totp(secret, Math.floor(59 / 30), 8)).toBe('94287082');
    expect(totp(secret, Math.floor(1111111109 / 30), 8)).toBe('07081804');
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').toString()).toBe('12345678901234567890');
  });
});
