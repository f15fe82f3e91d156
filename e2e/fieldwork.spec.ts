import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { confirmDialog, demoJourney, reauthIfAsked, step } from './harness.ts';

/**
 * Issue 11's journey: a team member records an interview and writes a working paper with a
 * regulation; the deputy and the leader sign it off and it becomes a finding; the leader records a
 * clue, the office transfers it and the case handler records the disposal; the team downloads the
 * report .docx; the office records the 书记专题会 that heard it, and the inspection moves to feedback.
 *
 * The three team accounts (组员, 副组长, 组长) sit on one on-site team of the demo city (seed.ts links
 * them to its roster), so each step is done by the person whose step it is.
 */
const j = demoJourney('xc-e2e-fw-');

interface Session {
  page: Page;
  password: string;
}

async function login(username: string, password: string): Promise<Session> {
  return { page: await j.login(username, password), password };
}

/** Picks an option in the open antd Select drop-down. */
async function pick(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** Clicks a download button, confirms the password if asked, and returns the file. */
async function download(s: Session, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const dl = s.page.waitForEvent('download');
  await click();
  await reauthIfAsked(s.page, s.password, dl);
  const file = await dl;
  const to = path.join(j.tmp, file.suggestedFilename());
  await file.saveAs(to);
  return { name: file.suggestedFilename(), data: fs.readFileSync(to) };
}

/** One entry of a zip file (a .docx), read through its central directory. */
function zipEntry(zip: Buffer, name: string): Buffer | null {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) return null;
  let p = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    if (zip.subarray(p + 46, p + 46 + nameLength).toString('utf8') === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    }
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return null;
}

/** The text of a .docx, runs joined. */
function docxText(docx: Buffer): string {
  return (zipEntry(docx, 'word/document.xml')?.toString('utf8') ?? '').replace(/<[^>]+>/g, '');
}

describe('fieldwork journey (team, office, case handler)', () => {
  it('takes a problem from the interview to the finding, a clue to its disposal, and the report to feedback', async () => {
    const stamp = Date.now().toString(36).slice(-4);
    const interviewee = '刘建平';
    const paperTitle = `违规发放节日慰问品（${stamp}）`;
    const subject = '钱卫民';
    let inspectionId = '';
    let target = '';
    let paperUrl = '';

    // ---------------------------------------------------------------- the team member
    const member = await login('team.member', 'E2e-Zuyuan-2026');
    const m = member.page;

    await step(m, '打开巡察工作台', async () => {
      await m.getByRole('menuitem', { name: '巡察工作台' }).click();
      await m.waitForURL(/\/fieldwork\/inspections$/);
      await m.getByRole('combobox', { name: '巡察任务' }).click();
      await m.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await m.waitForURL(/\/fieldwork\/inspections\/[0-9a-f-]{36}/);
      inspectionId = /inspections\/([0-9a-f-]{36})/.exec(m.url())?.[1] ?? '';
      target = ((await m.locator('.ant-card h5').first().textContent()) ?? '').trim();
      await m.getByText('个别谈话').first().waitFor();
      await m.getByText('人次').first().waitFor();
    });

    await step(m, '记录个别谈话', async () => {
      await m.getByRole('button', { name: '记录谈话' }).click();
      const drawer = m.getByRole('dialog', { name: '记录个别谈话' });
      await drawer.getByLabel('被谈话人姓名').fill(interviewee);
      await drawer.getByLabel('被谈话人职务或身份').fill('办公室主任');
      await drawer.getByLabel('谈话地点').fill('巡察组谈话室');
      await drawer.getByLabel('参加谈话的巡察人员').click();
      await m.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(0).click();
      await m.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(1).click();
      await m.keyboard.press('Escape');
      await drawer.getByLabel('谈话记录').fill('反映单位2024年春节前以工会名义向全体干部发放购物卡，每人500元。');
      await drawer.getByRole('button', { name: '记录', exact: true }).click();
      await drawer.waitFor({ state: 'hidden' });
      await m.getByRole('row').filter({ hasText: interviewee }).first().waitFor();
    });

    await step(m, '撰写问题底稿并引用谈话和定性依据', async () => {
      await m.getByRole('tab', { name: '问题底稿' }).click();
      await m.getByRole('button', { name: '撰写问题底稿' }).click();
      await m.waitForURL(/\/papers\/new$/);
      await m.getByLabel('问题标题').fill(paperTitle);
      await m
        .getByLabel('问题事实')
        .fill(
          '2024年春节前，该单位以工会名义向全体在编干部职工发放购物卡，每人500元，共计3.2万元，资金从办公经费中列支。',
        );
      await m.getByRole('button', { name: '引用巡察记录' }).click();
      await m.getByRole('menuitem', { name: '引用谈话记录' }).click();
      const ref = m.getByRole('dialog', { name: '引用谈话记录' });
      await ref.getByRole('combobox', { name: '引用的记录' }).click();
      await pick(m, interviewee);
      await ref.getByRole('button', { name: '引用' }).click();
      await ref.waitFor({ state: 'hidden' });
      await m.getByRole('button', { name: '从定性依据库选择' }).click();
      const lib = m.getByRole('dialog', { name: '选择定性依据' });
      await lib.getByRole('searchbox', { name: '搜索定性依据' }).fill('八项规定');
      await lib.getByRole('row').filter({ hasText: '八项规定' }).first().getByRole('button', { name: '选用' }).click();
      await lib.getByRole('button', { name: '完成' }).click();
      await lib.waitFor({ state: 'hidden' });
      await m.getByRole('button', { name: '创建底稿' }).click();
      await m.waitForURL(/\/fieldwork\/papers\/[0-9a-f-]{36}$/);
      paperUrl = m.url();
      await m
        .getByText(/问题底稿 \[\d{4}\]/)
        .first()
        .waitFor();
    });

    await step(m, '提交审核', async () => {
      await m.getByRole('button', { name: '提交审核' }).click();
      await confirmDialog(m, /提交审核？/, '提交审核');
      await expect.poll(() => m.getByRole('button', { name: '提交审核' }).count(), { timeout: 15_000 }).toBe(0);
      await m.getByText('审核记录').waitFor();
    });

    // ---------------------------------------------------------------- the deputy and the leader
    const deputy = await login('team.deputy', 'E2e-Fuzuzhang-2026');
    const d = deputy.page;
    await step(d, '副组长审核通过', async () => {
      await d.getByRole('menuitem', { name: '巡察工作台' }).click();
      await d.getByRole('row').filter({ hasText: paperTitle }).first().click();
      await d.waitForURL(paperUrl);
      await d.getByRole('button', { name: '审核通过' }).click();
      const dialog = d.getByRole('dialog', { name: '副组长审核' });
      await dialog.getByLabel('审核意见（可选）').fill('事实清楚，定性准确。');
      await dialog.getByRole('button', { name: '审核通过' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await d.getByText('组长审签').first().waitFor();
    });

    const leader = await login('team.leader', 'E2e-Zuzhang-2026');
    const l = leader.page;
    await step(l, '组长审签并转为问题', async () => {
      await l.goto(paperUrl);
      await l.getByRole('button', { name: '审签通过' }).click();
      const dialog = l.getByRole('dialog', { name: '组长审签' });
      await dialog.getByRole('button', { name: '审签通过' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await l.getByText('已审定').first().waitFor();
      await l.getByRole('button', { name: '转为问题' }).click();
      const convert = l.getByRole('dialog', { name: '转为问题' });
      await convert.getByRole('button', { name: '转为问题' }).click();
      await convert.waitFor({ state: 'hidden' });
      await l.getByRole('button', { name: '查看问题' }).click();
      await l.waitForURL(/\/fieldwork\/findings\?/);
      await l.getByRole('dialog', { name: paperTitle }).waitFor();
      await l.getByRole('row').filter({ hasText: paperTitle }).first().waitFor();
    });

    await step(l, '组长登记问题线索', async () => {
      await l.goto(`${j.server.url}/fieldwork/inspections/${inspectionId}?tab=clues`);
      await l.getByRole('button', { name: '登记线索' }).click();
      const drawer = l.getByRole('dialog', { name: '登记问题线索' });
      await drawer.getByLabel('被反映人1姓名').fill(subject);
      await drawer.getByLabel('被反映人1职务').fill('办公室主任');
      await drawer.getByLabel('涉嫌违反的纪律').click();
      await pick(l, '廉洁纪律');
      await drawer
        .getByLabel('问题线索内容')
        .fill('反映钱卫民利用职务便利，在办公用品采购中指定供应商，收受好处费约2万元。');
      await drawer.getByRole('button', { name: '登记', exact: true }).click();
      await drawer.waitFor({ state: 'hidden' });
      await l.getByRole('row').filter({ hasText: subject }).first().waitFor();
    });

    // ---------------------------------------------------------------- the office transfers the clue
    const caseHandler = await login('case.handler', 'E2e-Chuzhi-2026');
    const handlerOrg = await caseHandler.page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      return me.user.orgName as string | null;
    });
    expect(handlerOrg, 'the demo case handler belongs to the receiving 纪委监委').toBeTruthy();
    const office = await login('office.leader', 'E2e-Xunchaban-2026');
    const o = office.page;
    await step(o, '巡察办移交线索', async () => {
      await o.getByRole('menuitem', { name: '问题线索' }).click();
      await o.waitForURL(/\/fieldwork\/clues/);
      await o.goto(`${j.server.url}/fieldwork/clues?inspectionId=${inspectionId}&status=draft`);
      const row = o.getByRole('row').filter({ hasText: subject }).first();
      await row.getByRole('checkbox').check();
      await o.getByRole('button', { name: /移交所选线索/ }).click();
      const dialog = o.getByRole('dialog', { name: '移交问题线索' });
      await dialog.getByLabel('移交函文号').fill(`赣市巡函〔2026〕${stamp}号`);
      // The case handler's own organization receives the clue, whatever the office's default is.
      const receiver = dialog.getByLabel('接收单位');
      await receiver.click();
      await receiver.fill(handlerOrg as string);
      await pick(o, handlerOrg as string);
      await dialog.getByRole('button', { name: '移交', exact: true }).click();
      await confirmDialog(o, /确认移交/, '确认移交');
      await o
        .getByText(/已移交纪委监委|已移交组织部/)
        .first()
        .waitFor();
      const letter = await download(office, () => o.getByRole('button', { name: '下载问题线索移交函' }).click());
      expect(letter.name).toMatch(/问题线索移交函.*\.docx$/);
      expect(letter.data.subarray(0, 2).toString()).toBe('PK');
      const done = o.getByRole('dialog').filter({ hasText: '下载问题线索移交函' });
      await done.getByRole('button', { name: '关闭', exact: true }).last().click();
      await done.waitFor({ state: 'hidden' });
    });

    // ---------------------------------------------------------------- the case handler
    const h = caseHandler.page;
    await step(h, '线索处置人员录入处置方式', async () => {
      await h.getByRole('menuitem', { name: '线索处置' }).click();
      await h.waitForURL(/\/case-handling/);
      await h.getByRole('row').filter({ hasText: subject }).first().click();
      const drawer = h.getByRole('dialog', { name: new RegExp(`问题线索：${subject}`) });
      await drawer.getByText('本次查看已记入审计日志').waitFor();
      await drawer.getByText('初步核实', { exact: true }).click();
      await drawer.getByRole('button', { name: '保存处置方式' }).click();
      await drawer.getByText('反馈处置结果').first().waitFor();
      await drawer.getByText('处置中').first().waitFor();
    });

    // ---------------------------------------------------------------- the report
    await step(l, '组长保存报告并下载', async () => {
      await l.getByRole('menuitem', { name: '巡察报告' }).click();
      await l.goto(`${j.server.url}/reports/inspections/${inspectionId}`);
      await l.getByText(paperTitle).first().waitFor();
      await l
        .getByLabel('一、基本情况和总体评价')
        .fill('巡察组进驻以来，通过个别谈话、调阅资料、走访座谈等方式，深入了解被巡察党组织履行职责情况。');
      await l.getByRole('button', { name: '新增一条' }).click();
      await l.getByLabel('意见建议1', { exact: true }).fill('严格落实中央八项规定精神，规范工会经费和福利发放管理。');
      await l.getByRole('button', { name: '保存为新版本' }).first().click();
      await l.getByText('报告正文（第1版）').waitFor();
      const docx = await download(leader, () => l.getByRole('button', { name: '下载巡察报告' }).click());
      expect(docx.name).toMatch(/巡察报告.*\.docx$/);
      expect(docxText(docx.data)).toContain(paperTitle);
    });

    await step(l, '组长办理撤离', async () => {
      await l.goto(`${j.server.url}/planning/inspections/${inspectionId}`);
      await l.getByRole('button', { name: '撤离' }).click();
      const dialog = l.getByRole('dialog', { name: '办理“撤离”' });
      await dialog.getByRole('button', { name: '确认' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await l.getByText('“召开反馈会”暂不能办理').waitFor();
      await l.getByText('尚未听取').waitFor();
    });

    // ---------------------------------------------------------------- the 书记专题会, then feedback
    await step(o, '巡察办记录书记专题会', async () => {
      await o.getByRole('link', { name: '会议', exact: true }).click();
      await o.waitForURL(/\/reports\/meetings/);
      await o.getByRole('button', { name: '记录会议' }).click();
      const drawer = o.getByRole('dialog', { name: '记录会议' });
      const attendees = drawer.getByLabel('参会人员');
      for (const name of ['孙卫东', '陈建华']) {
        await attendees.fill(name);
        await attendees.press('Enter');
      }
      const heard = drawer.getByRole('combobox', { name: '听取汇报的巡察' });
      await heard.click();
      await heard.fill(target.replace(/（.*$/, ''));
      await pick(o, target.replace(/（.*$/, ''));
      await o.keyboard.press('Escape');
      await drawer.getByLabel('会议决定事项').fill('原则同意巡察组的巡察情况汇报，按程序向被巡察党组织反馈。');
      await drawer.getByRole('button', { name: '记录', exact: true }).click();
      await drawer.waitFor({ state: 'hidden' });
      await o.getByText('书记专题会').first().waitFor();
    });

    await step(o, '召开反馈会', async () => {
      await o.goto(`${j.server.url}/planning/inspections/${inspectionId}`);
      await o.getByText(/已于 \d{4}-\d{2}-\d{2} 听取/).waitFor();
      await o.getByRole('button', { name: '召开反馈会' }).click();
      const dialog = o.getByRole('dialog', { name: '办理“召开反馈会”' });
      await dialog.getByRole('button', { name: '确认' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await o.locator('.xc-toolbar .ant-tag', { hasText: '反馈阶段' }).waitFor();
    });
  }, 600_000);
});
