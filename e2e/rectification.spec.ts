import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { confirmDialog, demoJourney, newPage, popconfirm, step } from './harness.ts';

/**
 * Issue 12's journey over the demo city's inspection in rectification (the demo liaison works for
 * its organization, 于都县人民法院; the demo reviewer sits for the city's 纪委监委): the office
 * records when the last 抄告 was read; the liaison reports a task done with an evidence file; the
 * office approves that task (销号) and gives another a red card; the 整改报告 is rated 差 by the
 * 纪委监委 and sent back, the liaison fixes and resubmits it, and it passes with every party 好, as
 * does the 主要负责人 report; the office scores the evaluation and issues the satisfaction survey,
 * the public answers it, the office grades the organization (the inspection moves to 整改评估), and
 * the office leader publishes the batch, whose notice page under /p/ shows the organization.
 *
 * No page lets the office enter a face-to-face 会审 for the parties without a seated account (组织部,
 * 宣传部, 巡察办, 巡察组): those ratings go through the API (rateOnBehalf below), the route the office
 * would use. The demo has no inspection at `feedback` without a 反馈会 and the liaison's plan is
 * already accepted, so recording a new 反馈会 and reviewing a plan are not part of this journey.
 */
const j = demoJourney('xc-e2e-rect-');
const ORG = '于都县人民法院';
// A real 1×1 PNG: the server accepts uploads by their first bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const login = (username: string, password: string): Promise<Page> => j.login(username, password);

/**
 * The office enters a face-to-face 会审 for the parties without a seated reviewer: no page offers
 * it (the reviewers' queue lists only the parties one sits for), so through the API the page would
 * use, with the session's CSRF token. Rates every party still open except `except`.
 */
async function rateOnBehalf(page: Page, reviewId: string, except: string[]): Promise<string> {
  return page.evaluate(
    async ({ reviewId, except }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const review = await (await fetch(`/api/joint-reviews/${reviewId}`)).json();
      let outcome = review.outcome as string;
      for (const party of review.canRate as string[]) {
        if (except.includes(party)) continue;
        const r = await fetch(`/api/joint-reviews/${reviewId}/ratings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ party, rating: 'good', comments: '同意' }),
        });
        if (!r.ok) throw new Error(`rating ${party}: ${r.status} ${await r.text()}`);
        outcome = (await r.json()).outcome;
      }
      return outcome;
    },
    { reviewId, except },
  );
}

/** The review of a subject still open for the reviewer's party, from the reviewer's queue. */
async function pendingReviewOf(page: Page, title: string): Promise<string> {
  const q = await page.evaluate(async () => (await fetch('/api/joint-reviews/mine?limit=50')).json());
  const hit = (q.items as { reviewId: string; title: string }[]).find((x) => x.title === title);
  if (!hit) throw new Error(`no pending review of ${title}`);
  return hit.reviewId;
}

describe('rectification journey (office, liaison, reviewers, the public)', () => {
  it('takes a task to 销号 and a red card, a report through 联合会审 twice, and the organization to evaluation and publication', async () => {
    const stamp = Date.now().toString(36).slice(-4);
    const report = `${ORG}关于巡察整改情况的报告`;
    const leaderReport = `${ORG}主要负责人组织落实巡察整改情况的报告`;
    const note = `已修订并印发《诉讼费退费管理办法》，逐笔清理退费（${stamp}）。`;
    const fix = `补充：对照反馈问题逐条说明整改措施、完成时限和责任人（${stamp}）。`;

    // ---------------------------------------------------------------- the liaison
    const l = await login('liaison', 'E2e-Lianluoyuan-2026');
    const inspection = await l.evaluate(async (org) => {
      const list = await (await fetch('/api/rectification/inspections')).json();
      return (list.items as { id: string; label: string; stage: string }[]).find(
        (i) => i.stage === 'rectifying' && i.label.includes(org),
      );
    }, ORG);
    expect(inspection, 'the demo liaison has an inspection in rectification').toBeTruthy();
    const inspectionId = inspection?.id as string;
    const inspectionLabel = inspection?.label as string;
    const reviewIds: string[] = [];

    let taskId = '';
    await step(l, '联络员报告整改完成并上传佐证材料', async () => {
      await l.getByRole('menuitem', { name: '我的整改任务' }).click();
      await l.waitForURL(/\/rectification\/my\/tasks/);
      await l.goto(`${j.server.url}/rectification/my/tasks?status=ongoing`);
      const row = l.locator('.ant-table-tbody tr.ant-table-row').first();
      await row.waitFor();
      taskId = (await row.getAttribute('data-row-key')) ?? '';
      expect(taskId).toMatch(/^[0-9a-f-]{36}$/);
      await row.click();
      const drawer = l.getByRole('dialog', { name: /^整改任务：/ });
      await drawer.getByText('整改措施').first().waitFor();
      const file = path.join(j.tmp, `退费台账${stamp}.png`);
      fs.writeFileSync(file, PNG);
      await drawer.getByLabel('材料说明').fill('退费台账及审批单');
      const uploaded = l.waitForResponse(
        (res) => res.url().endsWith(`/api/rectification-tasks/${taskId}/files`) && res.request().method() === 'POST',
      );
      await drawer.locator('input[type=file]').setInputFiles(file);
      expect((await uploaded).status()).toBe(201);
      await drawer
        .locator('.ant-list-item', { hasText: `退费台账${stamp}.png` })
        .getByText('退费台账及审批单')
        .waitFor();
      await drawer.getByRole('button', { name: '报告进展' }).click();
      const dialog = l.getByRole('dialog', { name: '报告整改进展' });
      await dialog.getByRole('radio', { name: '完成', exact: true }).check();
      await dialog.getByLabel('整改进展情况').fill(note);
      await dialog.getByRole('button', { name: '报告' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await drawer.getByText('完成（待销号）').first().waitFor();
      await drawer.getByText(note).first().waitFor();
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
    });

    // ---------------------------------------------------------------- the office
    const o = await login('office.staff', 'E2e-Bangongshi-2026');
    await step(o, '巡察办登记抄告阅知', async () => {
      await o.getByRole('menuitem', { name: '巡察整改' }).click();
      await o.waitForURL(/\/rectification\/inspections/);
      await o.goto(`${j.server.url}/rectification/inspections/${inspectionId}`);
      // The innermost card: the 反馈 of the organization (the tabs' card holds it too).
      const card = o.locator('.ant-card', { hasText: '四抄告' }).filter({ hasText: ORG }).last();
      const row = card.getByRole('row').filter({ hasText: '未阅知' }).first();
      const recipient = ((await row.locator('td').nth(1).textContent()) ?? '').trim();
      await row.getByRole('button', { name: '登记阅知' }).click();
      const dialog = o.getByRole('dialog', { name: '登记阅知' });
      await dialog.getByRole('button', { name: '登记' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await card.getByRole('row').filter({ hasText: recipient }).getByText('已阅').waitFor();
      await card.getByText('已阅知 4/4').waitFor();
    });

    await step(o, '巡察办审核销号一项任务、对另一项亮红牌', async () => {
      await o.getByRole('menuitem', { name: '整改台账' }).click();
      await o.waitForURL(/\/rectification\/ledger/);
      await o.goto(`${j.server.url}/rectification/ledger?inspectionId=${inspectionId}&status=done`);
      await o.locator(`tr[data-row-key="${taskId}"]`).click();
      let drawer = o.getByRole('dialog', { name: /^整改任务：/ });
      await drawer.getByText(note).first().waitFor();
      await drawer.getByRole('button', { name: '销号' }).click();
      const off = o.getByRole('dialog', { name: '审核销号' });
      await off.getByLabel('销号意见').fill('佐证材料齐全，整改到位。');
      await off.getByRole('button', { name: '销号' }).click();
      await confirmDialog(o, /确认销号/, '销号');
      await off.waitFor({ state: 'hidden' });
      await drawer.getByText('已销号').first().waitFor();
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
      await o.locator(`tr[data-row-key="${taskId}"]`).waitFor({ state: 'detached' });

      await o.locator('.ant-table-tbody tr.ant-table-row', { hasText: '完成（待销号）' }).first().click();
      drawer = o.getByRole('dialog', { name: /^整改任务：/ });
      await drawer.getByRole('button', { name: '亮红牌' }).click();
      const red = o.getByRole('dialog', { name: '亮红牌退回' });
      await red.getByLabel('红牌理由').fill('佐证材料仅有会议通知，未见整改落实的实际成效。');
      await red.getByRole('button', { name: '亮红牌' }).click();
      await confirmDialog(o, /确认亮红牌/, '亮红牌');
      await red.waitFor({ state: 'hidden' });
      await drawer.getByText(/红牌退回（/).waitFor();
    });

    // ---------------------------------------------------------------- 联合会审 of the 整改报告
    const r = await login('reviewer', 'E2e-Huishen-2026');
    const reportReview = await pendingReviewOf(r, report);
    await step(r, '纪委监委评定整改报告为差', async () => {
      await r.getByRole('menuitem', { name: '我的会审' }).click();
      await r.waitForURL(/\/rectification\/reviews/);
      await r.getByRole('row').filter({ hasText: report }).getByRole('button', { name: '评定' }).click();
      const drawer = r.getByRole('dialog', { name: report });
      await drawer.getByText('会审评定').waitFor();
      await drawer.locator('label.ant-radio-button-wrapper', { hasText: /^差$/ }).click();
      await drawer.getByLabel('会审意见').fill('整改措施笼统，未逐条对应反馈问题，请补充完善。');
      await drawer.getByRole('button', { name: '提交评定' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await r.getByRole('row').filter({ hasText: report }).waitFor({ state: 'detached' });
    });
    await step(o, '巡察办代录其余会审单位意见，整改报告退回', async () => {
      expect(await rateOnBehalf(o, reportReview, [])).toBe('returned');
    });

    await step(l, '联络员修改整改报告并重新报送', async () => {
      await l.getByRole('menuitem', { name: '我的报告' }).click();
      await l.waitForURL(/\/rectification\/my\/reports/);
      await l.goto(`${j.server.url}/rectification/my/reports?inspection=${inspectionId}`);
      const row = l.getByRole('row').filter({ hasText: report }).first();
      await row.getByText('退回修改').waitFor();
      await row.getByRole('button', { name: '修改' }).click();
      const dialog = l.getByRole('dialog', { name: '修改报告' });
      const body = dialog.getByLabel('报告正文');
      await body.fill(`${await body.inputValue()}\n${fix}`);
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The signed page goes with the report as its attachment.
      const attachments = row.getByRole('button', { name: `${report}的附件` });
      const before = Number(await attachments.textContent());
      await attachments.click();
      const expanded = l.locator('tr.ant-table-expanded-row').filter({ hasText: '报告附件' });
      const file = path.join(j.tmp, `整改报告签字页${stamp}.png`);
      fs.writeFileSync(file, PNG);
      const uploaded = l.waitForResponse(
        (res) => /\/api\/rectification-reports\/[^/]+\/files$/.test(res.url()) && res.request().method() === 'POST',
      );
      await expanded.locator('input[type=file]').setInputFiles(file);
      expect((await uploaded).status()).toBe(201);
      await expanded.locator('.ant-list-item', { hasText: `整改报告签字页${stamp}.png` }).waitFor();
      // The list read again carries the report's new version, which the submission is made under.
      await attachments.filter({ hasText: String(before + 1) }).waitFor();
      await row.getByRole('button', { name: '报送' }).click();
      await popconfirm(l, '报送联合会审？', '报送');
      await row.getByText('联合会审中').waitFor();
    });

    await step(r, '纪委监委评定整改报告和主要负责人报告为好', async () => {
      await r.reload();
      for (const title of [report, leaderReport]) {
        reviewIds.push(await pendingReviewOf(r, title));
        await r.getByRole('row').filter({ hasText: title }).getByRole('button', { name: '评定' }).click();
        const drawer = r.getByRole('dialog', { name: title });
        await drawer.getByText('会审评定').waitFor();
        if (title === report) {
          await drawer.getByText(fix).waitFor();
          await drawer.getByRole('button', { name: new RegExp(`整改报告签字页${stamp}\\.png`) }).waitFor();
        }
        await drawer.locator('label.ant-radio-button-wrapper', { hasText: /^好$/ }).click();
        await drawer.getByRole('button', { name: '提交评定' }).click();
        await drawer.waitFor({ state: 'hidden' });
        await r.getByRole('row').filter({ hasText: title }).waitFor({ state: 'detached' });
      }
    });
    await step(o, '巡察办代录其余会审单位意见，两份报告会审通过', async () => {
      for (const id of reviewIds) expect(await rateOnBehalf(o, id, [])).toBe('passed');
      await o.goto(`${j.server.url}/rectification/inspections/${inspectionId}?tab=reports`);
      for (const title of [report, leaderReport])
        await o.getByRole('row').filter({ hasText: title }).getByText('会审通过').waitFor();
    });

    // ---------------------------------------------------------------- evaluation
    let surveyUrl = '';
    await step(o, '巡察办评分并发起满意度测评', async () => {
      await o.getByRole('tab', { name: '整改评估' }).click();
      const card = o.locator('.ant-card', { hasText: '评分项' }).filter({ hasText: ORG }).last();
      await card.getByRole('button', { name: '发起满意度测评' }).click();
      const link = card.getByText(/\/p\/s\/\S+/);
      await link.waitFor();
      surveyUrl = ((await link.textContent()) ?? '').trim();
      expect(surveyUrl).toMatch(/\/p\/s\/\S+$/);
      for (const [rater, deduction] of [
        ['巡察办', '2'],
        ['巡察组', '1.5'],
        ['社会评价', '1'],
      ] as const) {
        await card.getByRole('button', { name: '评分' }).click();
        const dialog = o.getByRole('dialog', { name: `整改评估评分：${ORG}` });
        await dialog.getByRole('radio', { name: rater }).check();
        await dialog.getByLabel(/^整改任务完成/).fill(deduction);
        await dialog.getByLabel('评估意见').fill(`${rater}：整改总体到位，个别任务仍在推进。`);
        await dialog.getByRole('button', { name: '保存' }).click();
        await dialog.waitFor({ state: 'hidden' });
        await card.getByText(`${rater}：整改总体到位`).waitFor();
      }
      await card.getByText('尚无有效的群众满意度测评结果').waitFor();
    });

    const phone = await newPage(j.browser, { viewport: { width: 390, height: 844 } });
    j.track(phone.context);
    await step(phone.page, '群众参与整改满意度测评', async () => {
      const page = phone.page;
      await page.goto(`${j.server.url}${new URL(surveyUrl).pathname}`);
      await page.getByText('巡察整改满意度测评').first().waitFor();
      await page.getByTestId('q-q1-0').click();
      await page.getByTestId('q-q2-0').click();
      await page.getByTestId('survey-submit').click();
      await page.getByTestId('survey-thanks').waitFor();
    });

    await step(o, '巡察办评定整改评估等次', async () => {
      await o.reload();
      const card = o.locator('.ant-card', { hasText: '评分项' }).filter({ hasText: ORG }).last();
      await card.getByText('有效答卷 1 份（满意 1）').waitFor();
      await card.getByRole('button', { name: '评定等次' }).click();
      const dialog = o.getByRole('dialog', { name: `评定等次：${ORG}` });
      await dialog.getByRole('button', { name: '评定' }).click();
      await confirmDialog(o, /确认评定等次/, '评定');
      await dialog.waitFor({ state: 'hidden' });
      await card.locator('.ant-tag', { hasText: /^好$/ }).waitFor();
      await o
        .locator('.ant-tag', { hasText: /^整改评估$/ })
        .first()
        .waitFor();
    });

    // ---------------------------------------------------------------- 双公开
    const lead = await login('office.leader', 'E2e-Xunchaban-2026');
    let notice = '';
    await step(lead, '巡察办主任建立公开批次并公开', async () => {
      await lead.getByRole('menuitem', { name: '整改公开' }).click();
      await lead.waitForURL(/\/rectification\/publication/);
      await lead.getByRole('button', { name: '新建公开批次' }).click();
      const dialog = lead.getByRole('dialog', { name: '新建公开批次' });
      await dialog.getByLabel('纳入本批的巡察').click();
      await lead
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: inspectionLabel })
        .first()
        .click();
      await lead.keyboard.press('Escape');
      await dialog.getByLabel('批次标题').fill(`巡察整改情况公开（${stamp}）`);
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const drawer = lead.getByRole('dialog', { name: new RegExp(`巡察整改情况公开（${stamp}）`) });
      await drawer.getByText(ORG).first().waitFor();
      for (const edition of ['党内通报', '社会公开']) {
        await drawer.getByRole('button', { name: `审定${edition}` }).click();
        await popconfirm(lead, `审定${edition}版本？`, '审定');
        await drawer.getByRole('button', { name: `审定${edition}` }).waitFor({ state: 'detached' });
      }
      await drawer.getByRole('button', { name: '公开', exact: true }).click();
      await confirmDialog(lead, /^公开第/, '公开');
      const view = drawer.getByRole('link', { name: /查看公示页面/ });
      await view.waitFor();
      notice = (await view.getAttribute('href')) ?? '';
      expect(notice).toMatch(/\/p\/publications\/[0-9a-f-]{36}$/);
    });

    await step(phone.page, '公示页面显示整改结果', async () => {
      const page = phone.page;
      await page.goto(`${j.server.url}${new URL(notice, j.server.url).pathname}`);
      const section = page.getByTestId('publication-notice');
      await section.getByRole('heading', { name: `巡察整改情况公开（${stamp}）` }).waitFor();
      const entry = section.locator('article', { has: page.getByRole('heading', { name: ORG }) });
      await entry.getByText('已完成整改', { exact: true }).waitFor();
      expect(await entry.locator('li').count()).toBeGreaterThan(0);
      expect(await entry.locator('dd').nth(2).textContent()).toMatch(/^\d+\.\d%$/);
    });
  }, 600_000);
});
