import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLogin, launch, newPage, reauthIfAsked, type Server, startServer, step } from './harness.ts';

/**
 * Issue 5's journey: a citizen scans the poster's code on a phone, reports anonymously with a
 * photo and keeps the receipt; the team member replies; the citizen comes back with the receipt
 * and reads the reply; then answers the questionnaire, and the team sees it in the charts.
 */
let server: Server;
let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-e2e-pub-'));
// A real 1×1 PNG: the server accepts uploads by their first bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PHONE = { viewport: { width: 390, height: 844 } };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function staffLogin(page: Page, username: string, pw: string) {
  const cred = server.credentials.find((c) => c.username === username);
  if (!cred) throw new Error(`demo credentials lack ${username}`);
  await firstLogin(page, server.url, cred.username, cred.password, pw);
}

describe('码上巡 journey', () => {
  it('report on a phone, reply as the team, read the reply with the receipt, answer the survey', async () => {
    const leader = await newPage(browser);
    const member = await newPage(browser);
    const phone = await newPage(browser, PHONE);
    const content = `巡察组您好：本单位某副局长长期公车私用，周末常开公车回老家，请核查。（e2e ${Date.now()}）`;
    const reply = '您反映的问题已收悉，巡察组正在核实，感谢您的监督。';
    try {
      // The team leader finds the team's inspection and its code on the 码上巡 page.
      let inspectionId = '';
      let codeUrl = '';
      await step(leader.page, '组长登录并找到本组的二维码', async () => {
        await staffLogin(leader.page, 'team.leader', 'E2e-Mashang-2026');
        const found = await leader.page.evaluate(async () => {
          // The demo team.leader and team.member sit on one team that is on site now.
          const list = await (await fetch('/api/inspections?stage=onSite&mine=true&limit=200')).json();
          for (const i of list.items) {
            const r = await fetch(`/api/inspections/${i.id}/public-codes`);
            if (r.ok) {
              const codes = (await r.json()).items;
              if (codes.length) return { id: i.id as string, url: codes[0].url as string };
            }
          }
          return null;
        });
        if (!found) throw new Error('the team leader has no on-site inspection with codes');
        inspectionId = found.id;
        codeUrl = found.url;
        await leader.page.goto(`${server.url}/fieldwork/codes?inspectionId=${inspectionId}`);
        await leader.page.getByText(codeUrl, { exact: false }).first().waitFor();
      });

      await step(leader.page, '组长下载 A4 海报图片', async () => {
        const dl = leader.page.waitForEvent('download');
        await leader.page.getByRole('button', { name: '海报图片（PNG）' }).first().click();
        await reauthIfAsked(leader.page, 'E2e-Mashang-2026', dl);
        const file = await dl;
        expect(file.suggestedFilename()).toMatch(/巡察公告\.png$/);
        const saved = path.join(tmp, 'poster.png');
        await file.saveAs(saved);
        const png = fs.readFileSync(saved);
        // PNG signature, then the IHDR chunk's width and height: A4 at 150 dpi.
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1240, 1754]);
        expect(png.length).toBeGreaterThan(30_000);
      });

      let receipt = '';
      await step(phone.page, '手机扫码匿名反映并上传照片', async () => {
        await phone.page.goto(codeUrl);
        await phone.page.getByText('严格保密').first().waitFor();
        await phone.page.getByTestId('report-button').click();
        await phone.page.waitForURL(/\/report$/);
        await phone.page.getByTestId('content').fill(content);
        const photo = path.join(tmp, '现场照片.png');
        fs.writeFileSync(photo, PNG);
        await phone.page.getByTestId('file-input').setInputFiles(photo);
        await phone.page.getByTestId('submit').click();
        const shown = await phone.page.getByTestId('receipt-value').textContent();
        receipt = (shown ?? '').replace(/\D/g, '');
        expect(receipt).toMatch(/^\d{20}$/);
        await phone.page.getByTestId('receipt-saved').check();
        await phone.page.getByTestId('receipt-done').click();
      });

      await step(member.page, '组员在信访件中找到并答复', async () => {
        await staffLogin(member.page, 'team.member', 'E2e-Zuyuan-2026');
        await member.page.goto(`${server.url}/fieldwork/petitions?inspectionId=${inspectionId}`);
        await member.page.getByText('e2e').first().click();
        await member.page.waitForURL(/\/fieldwork\/petitions\/[0-9a-f-]{36}$/);
        await member.page.getByText('现场照片.png').first().waitFor();
        await member.page.getByLabel('答复信访人').fill(reply);
        await member.page.getByRole('button', { name: '答复信访人' }).click();
        await member.page.getByText(reply).first().waitFor();
      });

      await step(phone.page, '群众凭查询码查看答复', async () => {
        await phone.page.goto(`${server.url}/p/receipt`);
        await phone.page.getByTestId('receipt-input').fill(receipt.replace(/(\d{4})/g, '$1 ').trim());
        await phone.page.getByTestId('receipt-submit').click();
        await expect.poll(() => phone.page.getByTestId('reply').first().textContent()).toContain(reply);
        await phone.page.screenshot({ path: path.join(tmp, 'receipt.png') });
      });

      let surveyTitle = '';
      await step(phone.page, '群众扫码参与问卷', async () => {
        await phone.page.goto(codeUrl);
        // The inspection's 民主测评 (its team's conduct survey may be offered too).
        const button = phone.page.getByTestId('survey-button').filter({ hasText: '民主测评' }).first();
        surveyTitle = ((await button.textContent()) ?? '').replace(/^参与问卷[：:]\s*/, '').trim();
        await button.click();
        await phone.page.waitForURL(/\/p\/s\//);
        // The 民主测评 template: an overall rating (single choice) and a 1–5 scale are required.
        await phone.page.getByTestId('q-q1-0').click();
        await phone.page.getByTestId('q-q2-5').click();
        await phone.page.getByTestId('survey-submit').click();
        await phone.page.getByTestId('survey-thanks').waitFor();
      });

      await step(leader.page, '组长在问卷结果中看到这份答卷', async () => {
        await leader.page.goto(`${server.url}/fieldwork/surveys?inspectionId=${inspectionId}`);
        await leader.page.getByText(surveyTitle).first().click();
        await leader.page.waitForURL(/\/fieldwork\/surveys\/[0-9a-f-]{36}/);
        const id = leader.page.url().match(/surveys\/([0-9a-f-]{36})/)?.[1];
        const results = await leader.page.evaluate(
          async (sid) => (await fetch(`/api/surveys/${sid}/results`)).json(),
          id,
        );
        expect(results.total.unverified).toBeGreaterThanOrEqual(1);
        await leader.page.getByRole('tab', { name: '结果' }).click();
        await leader.page.getByText('扫码答卷').first().waitFor();
        await leader.page.locator('canvas').first().waitFor();
        await leader.page.screenshot({ path: path.join(tmp, 'results.png'), fullPage: true });
      });
    } finally {
      await Promise.all([leader.context.close(), member.context.close(), phone.context.close()]);
    }
  });
});
