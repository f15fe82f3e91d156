import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoJourney, newPage, step } from './harness.ts';

/**
 * Issue 5's journey: a citizen scans the poster's code on a phone, reports anonymously with a
 * photo and keeps the receipt; the team member replies; the citizen comes back with the receipt
 * and reads the reply; then answers the questionnaire, and the team sees it in the charts.
 */
const j = demoJourney('xc-e2e-pub-');
// A real 1×1 PNG: the server accepts uploads by their first bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PHONE = { viewport: { width: 390, height: 844 } };

describe('码上巡 journey', () => {
  it('report on a phone, reply as the team, read the reply with the receipt, answer the survey', async () => {
    const leaderPw = 'E2e-Mashang-2026';
    const { context: phoneContext, page: phone } = await newPage(j.browser, PHONE);
    j.track(phoneContext);
    const content = `巡察组您好：本单位某副局长长期公车私用，周末常开公车回老家，请核查。（e2e ${Date.now()}）`;
    const reply = '您反映的问题已收悉，巡察组正在核实，感谢您的监督。';
    let inspectionId = '';
    let codeUrl = '';
    const leader = await j.login('team.leader', leaderPw);
    // The team leader finds the team's inspection and its code on the 码上巡 page.
    await step(leader, '组长找到本组的二维码', async () => {
      const found = await leader.evaluate(async () => {
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
      await leader.goto(`${j.server.url}/fieldwork/codes?inspectionId=${inspectionId}`);
      await leader.getByText(codeUrl, { exact: false }).first().waitFor();
    });

    await step(leader, '组长下载 A4 海报图片', async () => {
      const file = await j.download(leader, leaderPw, () =>
        leader.getByRole('button', { name: '海报图片（PNG）' }).first().click(),
      );
      expect(file.name).toMatch(/巡察公告\.png$/);
      const png = file.data;
      // PNG signature, then the IHDR chunk's width and height: A4 at 150 dpi.
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1240, 1754]);
      expect(png.length).toBeGreaterThan(30_000);
    });

    let receipt = '';
    await step(phone, '手机扫码匿名反映并上传照片', async () => {
      await phone.goto(codeUrl);
      await phone.getByText('严格保密').first().waitFor();
      await phone.getByTestId('report-button').click();
      await phone.waitForURL(/\/report$/);
      await phone.getByTestId('content').fill(content);
      const photo = path.join(j.tmp, '现场照片.png');
      fs.writeFileSync(photo, PNG);
      await phone.getByTestId('file-input').setInputFiles(photo);
      await phone.getByTestId('submit').click();
      const shown = await phone.getByTestId('receipt-value').textContent();
      receipt = (shown ?? '').replace(/\D/g, '');
      expect(receipt).toMatch(/^\d{20}$/);
      await phone.getByTestId('receipt-saved').check();
      await phone.getByTestId('receipt-done').click();
    });

    const member = await j.login('team.member', 'E2e-Zuyuan-2026');
    await step(member, '组员在信访件中找到并答复', async () => {
      await member.goto(`${j.server.url}/fieldwork/petitions?inspectionId=${inspectionId}`);
      await member.getByText('e2e').first().click();
      await member.waitForURL(/\/fieldwork\/petitions\/[0-9a-f-]{36}$/);
      await member.getByText('现场照片.png').first().waitFor();
      await member.getByLabel('答复信访人').fill(reply);
      await member.getByRole('button', { name: '答复信访人' }).click();
      await member.getByText(reply).first().waitFor();
    });

    await step(phone, '群众凭查询码查看答复', async () => {
      await phone.goto(`${j.server.url}/p/receipt`);
      await phone.getByTestId('receipt-input').fill(receipt.replace(/(\d{4})/g, '$1 ').trim());
      await phone.getByTestId('receipt-submit').click();
      await expect.poll(() => phone.getByTestId('reply').first().textContent()).toContain(reply);
      await phone.screenshot({ path: path.join(j.tmp, 'receipt.png') });
    });

    let surveyTitle = '';
    await step(phone, '群众扫码参与问卷', async () => {
      await phone.goto(codeUrl);
      // The inspection's 民主测评 (its team's conduct survey may be offered too).
      const button = phone.getByTestId('survey-button').filter({ hasText: '民主测评' }).first();
      surveyTitle = ((await button.textContent()) ?? '').replace(/^参与问卷[：:]\s*/, '').trim();
      await button.click();
      await phone.waitForURL(/\/p\/s\//);
      // The 民主测评 template: an overall rating (single choice) and a 1–5 scale are required.
      await phone.getByTestId('q-q1-0').click();
      await phone.getByTestId('q-q2-5').click();
      await phone.getByTestId('survey-submit').click();
      await phone.getByTestId('survey-thanks').waitFor();
    });

    await step(leader, '组长在问卷结果中看到这份答卷', async () => {
      await leader.goto(`${j.server.url}/fieldwork/surveys?inspectionId=${inspectionId}`);
      await leader.getByText(surveyTitle).first().click();
      await leader.waitForURL(/\/fieldwork\/surveys\/[0-9a-f-]{36}/);
      const id = leader.url().match(/surveys\/([0-9a-f-]{36})/)?.[1];
      const results = await leader.evaluate(async (sid) => (await fetch(`/api/surveys/${sid}/results`)).json(), id);
      expect(results.total.unverified).toBeGreaterThanOrEqual(1);
      await leader.getByRole('tab', { name: '结果' }).click();
      await leader.getByText('扫码答卷').first().waitFor();
      await leader.locator('canvas').first().waitFor();
      await leader.screenshot({ path: path.join(j.tmp, 'results.png'), fullPage: true });
    });
  });
});
