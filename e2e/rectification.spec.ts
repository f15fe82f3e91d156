import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { confirmDialog, demoJourney, newPage, popconfirm, step } from './harness.ts';

/**
 * Issue 12's journey, in two parts over two organizations of the demo city.
 *
 * 1. 于都县人民检察院 is at `feedback` with no 反馈会 yet (seed FEEDBACK_DEMO; its 联络员 is `liaison2`):
 *    the office records the 反馈会; the liaison writes the plan (a task per finding) and submits it;
 *    组织部 rates it 中 and 纪委监委 差 with a comment, which sends it back at once (the parties that
 *    had not rated no longer find it in 我的会审); the liaison reads the comment, fixes the task and
 *    resubmits; every party — 纪委监委, 组织部, 宣传部, 巡察办 and the team's 组长 — rates 好 on its own
 *    我的会审 page, and the plan passes.
 * 2. 于都县人民法院 is in rectification (its 联络员 is `liaison`): the office records the last 抄告
 *    read; the liaison reports a task done with an evidence file; the office approves it (销号) and
 *    gives another a red card; the parties rate the organization's two reports 好 on their pages;
 *    the office scores the evaluation and issues the satisfaction survey, the public answers it, the
 *    office grades the organization (the inspection moves to 整改评估), and the office leader
 *    publishes the batch, whose notice page under /p/ shows the organization.
 *
 * Every rating is made by an account seated for its party: nothing is entered on a party's behalf.
 */
const j = demoJourney('xc-e2e-rect-');
const ORG = '于都县人民法院';
const ORG2 = '于都县人民检察院';
// A real 1×1 PNG: the server accepts uploads by their first bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const login = (username: string, password: string): Promise<Page> => j.login(username, password);

/** The city's 联合会审 parties and the accounts that sit for them (the team: its 组长). */
const PARTIES = [
  { party: '纪委监委', username: 'reviewer', password: 'E2e-Huishen-2026' },
  { party: '组织部', username: 'reviewer.org', password: 'E2e-Zuzhibu-2026' },
  { party: '宣传部', username: 'reviewer.pub', password: 'E2e-Xuanchuanbu-2026' },
  { party: '巡察办', username: 'reviewer.office', password: 'E2e-Huishenban-2026' },
  { party: '巡察组', username: 'team.leader2', password: 'E2e-Zuzhang2-2026' },
] as const;

interface QueueItem {
  reviewId: string;
  title: string;
  orgName: string;
  party: string;
}

/** The caller's pending reviews (我的会审), as the page reads them. */
async function queueOf(page: Page): Promise<QueueItem[]> {
  const q = await page.evaluate(async () => (await fetch('/api/joint-reviews/mine?limit=100')).json());
  return q.items as QueueItem[];
}

/**
 * Rates one pending item on 我的会审: opens it from its row, checks what `check` wants in the
 * drawer, gives the rating (and comments) and waits for the row to leave the queue.
 */
async function rateOnPage(
  page: Page,
  item: { title: string; orgName: string },
  rating: '好' | '中' | '差',
  opts: { comments?: string; check?: (drawer: Locator) => Promise<void> } = {},
): Promise<void> {
  await page.goto(`${j.server.url}/rectification/reviews`);
  const row = page.getByRole('row').filter({ hasText: item.title }).filter({ hasText: item.orgName });
  await row.getByRole('button', { name: '评定' }).click();
  const drawer = page.getByRole('dialog', { name: item.title });
  await drawer.getByText('会审评定').waitFor();
  if (opts.check) await opts.check(drawer);
  await drawer.locator('label.ant-radio-button-wrapper', { hasText: new RegExp(`^${rating}$`) }).click();
  if (opts.comments) await drawer.getByLabel('会审意见').fill(opts.comments);
  await drawer.getByRole('button', { name: '提交评定' }).click();
  await drawer.waitFor({ state: 'hidden' });
  await row.waitFor({ state: 'detached' });
}

/** A task of the plan: the task modal's fields. */
async function fillTask(dialog: Locator, t: { measures: string; leader: string; dept: string; deadline: string }) {
  await dialog.getByLabel('整改措施').fill(t.measures);
  await dialog.getByLabel('责任领导').fill(t.leader);
  await dialog.getByLabel('责任部门').fill(t.dept);
  const deadline = dialog.getByLabel('整改时限');
  await deadline.click();
  await deadline.fill(t.deadline);
  await deadline.press('Enter');
}

describe('rectification journey (office, liaison, reviewers, the public)', () => {
  it('takes a plan from the 反馈会 through a send-back to 会审通过, a task to 销号 and a red card, and the organization to evaluation and publication', async () => {
    const stamp = Date.now().toString(36).slice(-4);
    const plan = '整改方案';
    const report = `${ORG}关于巡察整改情况的报告`;
    const leaderReport = `${ORG}主要负责人组织落实巡察整改情况的报告`;
    const note = `已修订并印发《诉讼费退费管理办法》，逐笔清理退费（${stamp}）。`;
    const poorComment = `问题1的整改措施未明确逾期未回复检察建议的处理方式和时间节点，请补充完善（${stamp}）。`;
    const fixed = `对逾期未回复的3件诉前检察建议，2027年1月15日前依法提起行政公益诉讼；建立诉前检察建议跟踪督办台账，每月通报（${stamp}）。`;

    // ================================================================ 1. 反馈 and the plan under 联合会审
    const o = await login('office.staff', 'E2e-Bangongshi-2026');
    const insp2 = await o.evaluate(async (org) => {
      const list = await (await fetch('/api/rectification/inspections?stage=feedback')).json();
      return (list.items as { id: string; label: string; stage: string }[]).find(
        (i) => i.stage === 'feedback' && i.label.includes(org),
      );
    }, ORG2);
    expect(insp2, 'the demo has an inspection of 于都县人民检察院 at feedback').toBeTruthy();
    const inspection2 = insp2?.id as string;

    await step(o, '巡察办记录反馈会', async () => {
      await o.getByRole('menuitem', { name: '巡察整改' }).click();
      await o.waitForURL(/\/rectification\/inspections/);
      await o.goto(`${j.server.url}/rectification/inspections/${inspection2}`);
      await o.getByText('暂无反馈记录').waitFor();
      await o.getByRole('button', { name: '记录反馈会' }).click();
      const drawer = o.getByRole('dialog', { name: '记录反馈会' });
      await drawer.getByLabel('主要负责人姓名').fill('刘琳');
      for (const [label, names] of [
        ['讲话人', ['陈波鸿（反馈巡察情况）', '陈建华（提出整改要求）', '刘琳（表态发言）']],
        ['参会人员', ['市委第六巡察组全体成员', '市委巡察办负责同志', '院党组成员', '中层以上干部']],
      ] as const) {
        const box = drawer.getByLabel(label);
        for (const name of names) {
          await box.fill(name);
          await box.press('Enter');
        }
      }
      await drawer
        .getByLabel('反馈会情况')
        .fill('采取“会前沟通+大会反馈”方式，会前向检察长一对一反馈，并移交问题清单。');
      const copies = drawer.getByPlaceholder('抄告对象，如：市委常委、副市长张某');
      const recipients = ['分管政法工作的市领导', '赣州市人民检察院', '赣州市纪委监委', '中共赣州市委组织部'];
      for (const [k, name] of recipients.entries()) await copies.nth(k).fill(name);
      await drawer.getByRole('button', { name: '保存' }).click();
      await drawer.waitFor({ state: 'hidden' });
      const card = o.locator('.ant-card', { hasText: '四抄告' }).filter({ hasText: ORG2 }).last();
      await card.getByText('刘琳（表态发言）').waitFor();
      await card.getByText('已阅知 0/4').waitFor();
      await o.getByRole('button', { name: '记录反馈会' }).waitFor({ state: 'detached' });
    });

    const l2 = await login('liaison2', 'E2e-Lianluoyuan2-2026');
    const findingCard = (n: number) =>
      l2
        .locator('.ant-card')
        .filter({ has: l2.locator('.ant-card-head-title', { hasText: `问题${n}：` }) })
        .last();
    let findings = 0;
    await step(l2, '联络员针对每个问题制定整改任务并提交联合会审', async () => {
      await l2.getByRole('menuitem', { name: '我的整改方案' }).click();
      await l2.waitForURL(/\/rectification\/my\/plan/);
      await l2.getByText(`${ORG2} 整改方案`).waitFor();
      await findingCard(1).waitFor();
      findings = await l2.locator('.ant-card-head-title', { hasText: /^问题\d+：/ }).count();
      expect(findings).toBe(3);
      const tasks = [
        {
          measures: '建立诉前检察建议跟踪督办台账，逐件跟踪行政机关回复和整改情况。',
          leader: '刘琳',
          dept: '第五检察部',
          deadline: '2027-01-22',
        },
        {
          measures: '党组每半年专题研究一次党风廉政建设工作，制定班子成员“一岗双责”清单并开展督促检查。',
          leader: '刘琳',
          dept: '办公室',
          deadline: '2027-01-22',
        },
        {
          measures: '修订意识形态工作责任制实施细则，严格执行网络信息发布“三审三校”制度。',
          leader: '林峰波',
          dept: '政治部',
          deadline: '2027-01-22',
        },
      ];
      for (const [k, t] of tasks.entries()) {
        await findingCard(k + 1)
          .getByRole('button', { name: '添加任务' })
          .click();
        const dialog = l2.getByRole('dialog', { name: '添加整改任务' });
        await fillTask(dialog, t);
        await dialog.getByRole('button', { name: '保存' }).click();
        await dialog.waitFor({ state: 'hidden' });
        await findingCard(k + 1)
          .getByText(t.measures)
          .waitFor();
      }
      await l2.getByText(`${findings} 个 / ${findings} 项`).waitFor();
      await l2.getByRole('button', { name: '提交联合会审' }).click();
      await confirmDialog(l2, /提交联合会审/, '提交');
      await l2
        .locator('.ant-tag', { hasText: /^联合会审中$/ })
        .first()
        .waitFor();
    });

    // Two parties rate the plan: 组织部 中, then 纪委监委 差, which sends it back at once.
    const reviewers = new Map<string, Page>();
    for (const p of PARTIES) reviewers.set(p.party, await login(p.username, p.password));
    const seat = (party: string) => reviewers.get(party) as Page;
    const planItem = { title: plan, orgName: ORG2 };
    await step(seat('组织部'), '组织部评定整改方案为中', async () => {
      const r = seat('组织部');
      await r.getByRole('menuitem', { name: '我的会审' }).click();
      await r.waitForURL(/\/rectification\/reviews/);
      await rateOnPage(r, planItem, '中', { comments: '责任分工基本明确，部分措施可进一步量化。' });
    });
    await step(seat('纪委监委'), '纪委监委评定整改方案为差，方案即退回', async () => {
      const r = seat('纪委监委');
      await rateOnPage(r, planItem, '差', {
        comments: poorComment,
        check: async (drawer) => {
          await drawer.getByText('建立诉前检察建议跟踪督办台账，逐件跟踪行政机关回复和整改情况。').waitFor();
        },
      });
    });
    await step(seat('宣传部'), '尚未评定的会审单位不再评定', async () => {
      for (const party of ['宣传部', '巡察办', '巡察组']) {
        const r = seat(party);
        await r.goto(`${j.server.url}/rectification/reviews`);
        await r.getByText('联合会审：各会审单位').waitFor();
        expect((await queueOf(r)).filter((x) => x.orgName === ORG2)).toEqual([]);
        expect(await r.getByRole('row').filter({ hasText: ORG2 }).count()).toBe(0);
      }
    });

    await step(l2, '联络员查看会审意见，修改整改任务后重新提交', async () => {
      await l2.reload();
      const alert = l2.locator('.ant-alert', { hasText: '联合会审退回修改' });
      await alert.getByText(`纪委监委（差）：${poorComment}`).waitFor();
      await alert.getByText('组织部（中）：责任分工基本明确，部分措施可进一步量化。').waitFor();
      await l2
        .locator('.ant-tag', { hasText: /^退回修改$/ })
        .first()
        .waitFor();
      await findingCard(1).getByRole('button', { name: '修改任务' }).click();
      const dialog = l2.getByRole('dialog', { name: '修改整改任务' });
      await dialog.getByLabel('整改措施').fill(fixed);
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await findingCard(1).getByText(fixed).waitFor();
      await l2.getByRole('button', { name: '提交联合会审' }).click();
      await confirmDialog(l2, /提交联合会审/, '提交');
      await l2
        .locator('.ant-tag', { hasText: /^联合会审中$/ })
        .first()
        .waitFor();
      await l2.getByText('第2轮会审').waitFor();
    });

    for (const p of PARTIES)
      await step(seat(p.party), `${p.party}评定修改后的整改方案为好`, async () => {
        await rateOnPage(seat(p.party), planItem, '好', {
          check: async (drawer) => {
            await drawer.getByText(fixed).waitFor();
          },
        });
      });

    await step(l2, '整改方案会审通过', async () => {
      await l2.reload();
      await l2
        .locator('.ant-tag', { hasText: /^会审通过$/ })
        .first()
        .waitFor();
      const history = l2.locator('.ant-card', { hasText: '联合会审记录' }).last();
      await history.getByText('第1轮 · 整改方案').waitFor();
      await history.getByText('第2轮 · 整改方案').waitFor();
      // The round the 差 ended: the parties that had not rated are shown as no longer asked.
      expect(await history.getByText('不再评定').count()).toBe(3);
      await l2.getByRole('button', { name: '提交联合会审' }).waitFor({ state: 'detached' });
    });

    // ================================================================ 2. the ledger, the reports, evaluation and 双公开
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

    // ---------------------------------------------------------------- 联合会审 of the two reports
    // The seed has some parties' ratings in already; each party rates what its queue still holds.
    for (const p of PARTIES)
      await step(seat(p.party), `${p.party}评定两份整改报告为好`, async () => {
        const r = seat(p.party);
        const waiting = (await queueOf(r)).filter((x) => x.orgName === ORG).map((x) => x.title);
        for (const title of [report, leaderReport].filter((t) => waiting.includes(t)))
          await rateOnPage(r, { title, orgName: ORG }, '好');
        expect((await queueOf(r)).filter((x) => x.orgName === ORG)).toEqual([]);
      });
    await step(o, '两份报告会审通过', async () => {
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
