import path from 'node:path';
import { idCheckChar } from '@xc/domain';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoJourney, reauthIfAsked, step } from './harness.ts';

/**
 * Issue 14's journey (巡审贯通): a team member uploads the 民政局's subsidy payments (UTF-8 with BOM)
 * and the 公安 death register (GB18030, its date column under a header that maps nothing by
 * itself), maps that column, previews the SQL and runs 死亡人员仍领取补贴; the run page polls until
 * done; the member opens a hit's evidence, dismisses one hit with a reason, turns one into a working
 * paper draft and one into a clue draft, and finds both in the fieldwork; the team leader exports
 * the hits as .xlsx, which holds every hit with its status.
 *
 * The tables are small and hand-made so that the hits are known: four people paid after their
 * death (one of them with a lower-case x in the payments and full-width digits in the register),
 * one row whose 身份证号 fails the check digit, and people alive and paid as they should be.
 */
const j = demoJourney('xc-e2e-al-');

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

/**
 * Chooses a table in a multiple Select by typing its name and taking the option found. Its
 * drop-down is closed and gone before this returns, so the next Select's options are its own.
 */
async function chooseTable(page: Page, label: string, fileName: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(fileName);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: fileName }).waitFor();
  await box.press('Enter');
  await box.press('Escape');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** A valid 18-digit 身份证号 of 赣州 from a birth date and a sequence number. */
function idNo(area: string, birth: string, seq: string): string {
  const body = `${area}${birth}${seq}`;
  return body + idCheckChar(body);
}

interface Person {
  name: string;
  id: string;
  project: string;
  amount: string;
  /** The death date as the register writes it, if dead. */
  died?: string;
  /** Payments after death with the default parameters (period after the death month, paid after the death date). */
  late?: number;
}

/** A person whose number ends in X, to see the lower-case x of the payments table normalized. */
function idEndingInX(): string {
  for (let seq = 100; seq < 999; seq++) {
    const id = idNo('360731', '19480822', String(seq));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no 身份证号 ending in X');
}

const PEOPLE: Person[] = [
  {
    name: '王建国',
    id: idNo('360702', '19540312', '001'),
    project: '城乡低保',
    amount: '620.00',
    died: '2024年2月15日',
    late: 4,
  },
  {
    name: '李秀英',
    id: idNo('360721', '19411103', '022'),
    project: '特困供养',
    amount: '1,150.00',
    died: '2024/3/20',
    late: 3,
  },
  {
    name: '张德福',
    id: idNo('360732', '19360705', '013'),
    project: '高龄津贴',
    amount: '100',
    died: '20240105',
    late: 5,
  },
  { name: '刘桂兰', id: idEndingInX(), project: '城乡低保', amount: '520.5', died: '2024-04-02', late: 2 },
  { name: '陈志强', id: idNo('360702', '19670219', '035'), project: '城乡低保', amount: '620.00' },
  { name: '黄玉兰', id: idNo('360722', '19590927', '046'), project: '特困供养', amount: '1150.00' },
  { name: '周福生', id: idNo('360781', '19450114', '057'), project: '高龄津贴', amount: '100.00' },
  { name: '吴春梅', id: idNo('360733', '19720603', '068'), project: '城乡低保', amount: '520.50' },
];
const MONTHS = ['01', '02', '03', '04', '05', '06'];
const dead = PEOPLE.filter((p) => p.died);
const person = (name: string): Person => {
  const p = PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(name);
  return p;
};
const toPaper = person('王建国');
const toClue = person('李秀英');
const leftOpen = person('张德福');
const toDismiss = person('刘桂兰');

const toFullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** 2024's subsidy payments, January to June, as the 民政局 exports them (UTF-8 with BOM). */
function paymentsCsv(): Buffer {
  const lines = ['身份证号,姓名,补贴项目,发放金额,发放日期,发放月份,所属乡镇'];
  for (const m of MONTHS)
    for (const p of PEOPLE) {
      const id = p === toDismiss ? p.id.toLowerCase() : p.id;
      const amount = p.amount.includes(',') ? `"${p.amount}"` : p.amount;
      lines.push(`${id},${p.name},${p.project},${amount},2024-${m}-10,2024${m},梅林镇`);
    }
  // A number that fails its check digit: reported as an invalid row, not matched.
  const broken = idNo('360702', '19500101', '079');
  lines.push(`${broken.slice(0, 17)}${broken[17] === '1' ? '2' : '1'},赵德荣,城乡低保,620.00,2024-01-10,202401,梅林镇`);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

/** The death register of 公安户籍注销 (GB18030, as Excel on a Chinese Windows saves a CSV). */
function deathsCsv(): Buffer {
  const lines = ['公民身份号码,姓名,注销日期,注销原因,户籍地'];
  for (const p of dead) {
    const id = p === leftOpen ? toFullWidth(p.id) : p.id;
    lines.push(`${id},${p.name},${p.died},死亡,赣州市`);
  }
  // People who died but drew nothing.
  lines.push(`${idNo('360703', '19300517', '081')},钱有才,2023-11-30,死亡,赣州市`);
  lines.push(`${idNo('360704', '19281212', '092')},孙淑珍,2024-02-01,死亡,赣州市`);
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'gb18030');
}

describe('巡审贯通 journey (team member, team leader)', () => {
  it('uploads two tables, maps a column, runs 死亡人员仍领取补贴, works the hits and exports them', async () => {
    const stamp = Date.now().toString(36).slice(-4);
    const paymentsName = `城乡低保发放明细${stamp}.csv`;
    const deathsName = `户籍注销死亡人员${stamp}.csv`;
    const paperTitle = `死亡人员仍领取城乡低保（${stamp}）`;
    const clueSubject = '孙立新';
    let inspectionId = '';
    let runUrl = '';

    const member = await login('team.member', 'E2e-Zuyuan-2026');
    const m = member.page;

    await step(m, '打开巡审贯通', async () => {
      await m.getByRole('menuitem', { name: '巡审贯通' }).click();
      await m.waitForURL(/\/fieldwork\/audit-link$/);
      await m.getByRole('combobox', { name: '巡察任务' }).click();
      await m.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await m.waitForURL(/\/fieldwork\/audit-link\/inspections\/[0-9a-f-]{36}/);
      inspectionId = /inspections\/([0-9a-f-]{36})/.exec(m.url())?.[1] ?? '';
      await m.getByText('点击或将 CSV、Excel（.xlsx）文件拖到此处上传').waitFor();
    });

    /** Uploads a file through the drag area and waits for the drawer the finished upload opens. */
    const upload = async (name: string, buffer: Buffer) => {
      const answered = m.waitForResponse(
        (r) => r.url().endsWith('/api/audit-link/datasets') && r.request().method() === 'POST',
      );
      await m.locator('.ant-upload input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });
      const r = await answered;
      expect(r.status(), await r.text()).toBe(201);
      const drawer = m.getByRole('dialog', { name: `数据表：${name}` });
      await drawer.waitFor();
      return drawer;
    };

    await step(m, '上传资金发放表（UTF-8 带 BOM）', async () => {
      const drawer = await upload(paymentsName, paymentsCsv());
      await drawer.getByText('UTF-8（带 BOM）').waitFor();
      await drawer.getByText(`${PEOPLE.length * MONTHS.length + 1}`, { exact: true }).waitFor();
      // The columns and the logical columns their headers name.
      const columns = drawer.locator('.ant-card', { hasText: '列与类型' });
      await columns.getByRole('row').filter({ hasText: '发放月份' }).getByText('期间', { exact: true }).waitFor();
      await columns.getByRole('row').filter({ hasText: '补贴项目' }).getByText('项目', { exact: true }).waitFor();
      // The number with a wrong check digit is reported at upload.
      await drawer.getByText('“身份证号”列有 1 行身份证号无效').waitFor();
      await drawer.locator('.ant-card', { hasText: '行预览' }).getByText('王建国').first().waitFor();
      await m.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    });

    await step(m, '上传死亡人员名单（GB18030）', async () => {
      const drawer = await upload(deathsName, deathsCsv());
      await drawer.getByText('GB18030/GBK').waitFor();
      // Decoded, not mojibake: the names and the 注销原因 read as written.
      const preview = drawer.locator('.ant-card', { hasText: '行预览' });
      await preview.getByText('钱有才').waitFor();
      await preview.getByText('死亡').first().waitFor();
      await m.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      for (const [name, rows] of [
        [paymentsName, PEOPLE.length * MONTHS.length + 1],
        [deathsName, dead.length + 2],
      ] as const) {
        const row = m.getByRole('row').filter({ hasText: name });
        await row.getByText('可用').waitFor();
        await row.getByText(String(rows), { exact: true }).waitFor();
      }
    });

    await step(m, '选择规则并对应列', async () => {
      await m.getByRole('tab', { name: '比对规则' }).click();
      await m
        .locator('.ant-card-head', { hasText: '死亡人员仍领取补贴' })
        .getByRole('button', { name: '使用此规则' })
        .click();
      await m.waitForURL(/\/runs\/new\?rule=deceasedRecipients$/);
      await m.getByText('把资金发放表与死亡人员名单按身份证号比对').waitFor();

      await chooseTable(m, '资金发放表的数据表', paymentsName);
      const payMap = m.locator('.ant-card-type-inner', { hasText: `列对应：${paymentsName}` });
      await payMap.getByText('已按表头自动对应').waitFor();

      await chooseTable(m, '死亡人员名单的数据表', deathsName);
      const deathMap = m.locator('.ant-card-type-inner', { hasText: `列对应：${deathsName}` });
      await deathMap.getByText('公民身份号码', { exact: true }).filter({ visible: true }).first().waitFor();
      // 注销日期 names nothing by itself: the member maps it to 死亡日期.
      expect(await deathMap.getByText('注销日期').count()).toBe(0);
      await m.getByRole('combobox', { name: `死亡人员名单《${deathsName}》的死亡日期列` }).click();
      await pick(m, '注销日期');
      await deathMap.getByText('注销日期', { exact: true }).filter({ visible: true }).first().waitFor();
    });

    await step(m, '预览比对 SQL', async () => {
      await m.getByRole('button', { name: '预览 SQL' }).click();
      const dialog = m.getByRole('dialog', { name: '将要运行的比对 SQL（只读）' });
      await dialog
        .getByText(/SELECT/i)
        .first()
        .waitFor();
      await m.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });

    await step(m, '开始比对并等待完成', async () => {
      // What the run page saw while it polled: the status and progress of each answer.
      const seen: { status: string; progress: number }[] = [];
      m.on('response', async (r) => {
        // The page's waiting reads (?waitMs=) too: on a slow machine the first read finds it running.
        if (/\/api\/audit-link\/runs\/[0-9a-f-]{36}(\?waitMs=\d+)?$/.test(r.url()) && r.request().method() === 'GET') {
          const b = (await r.json().catch(() => null)) as { status: string; progress: number } | null;
          if (b) seen.push({ status: b.status, progress: b.progress });
        }
      });
      const created = m.waitForResponse(
        (r) => r.url().endsWith('/api/audit-link/runs') && r.request().method() === 'POST',
      );
      await m.getByRole('button', { name: '开始比对' }).click();
      const answer = await created;
      expect(answer.status(), await answer.text()).toBe(201);
      // The mapping sent is the one shown: the headers that name their columns, and the one mapped by hand.
      expect(answer.request().postDataJSON()).toMatchObject({
        inspectionId,
        rule: 'deceasedRecipients',
        inputs: {
          payments: {
            columns: {
              idNo: '身份证号',
              name: '姓名',
              amount: '发放金额',
              payDate: '发放日期',
              project: '补贴项目',
              period: '发放月份',
            },
          },
          deaths: { columns: { idNo: '公民身份号码', name: '姓名', deathDate: '注销日期' } },
        },
      });
      await m.waitForURL(/\/fieldwork\/audit-link\/runs\/[0-9a-f-]{36}$/);
      runUrl = m.url();
      await m.getByRole('heading', { name: '比对：死亡人员仍领取补贴' }).waitFor();
      await m.getByRole('tab', { name: '疑点' }).waitFor({ timeout: 60_000 });
      // The handler above reads each answer's body after the page has: the last one may still be on its way.
      await expect.poll(() => seen.at(-1)).toEqual({ status: 'done', progress: 1 });
      for (const s of seen) expect(['queued', 'running', 'done']).toContain(s.status);
      // The row with the broken number is listed, not dropped.
      await m.getByRole('tab', { name: '无效行（1）' }).waitFor();
    });

    const hitRow = (p: Person) => m.getByRole('row').filter({ hasText: p.id });

    await step(m, '查看疑点', async () => {
      for (const p of dead) {
        // The key is the normalized number: upper-case X, half-width digits.
        await hitRow(p).getByText('待核实').waitFor();
        expect(await hitRow(p).locator('td').allTextContents()).toContain(String(p.late));
      }
      await expect.poll(() => m.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(dead.length);
    });

    await step(m, '查看疑点证据', async () => {
      await hitRow(toPaper).getByRole('button', { name: '查看证据' }).click();
      const drawer = m.getByRole('dialog', { name: '疑点证据' });
      await drawer.getByText(`资金发放表（${toPaper.late} 行）`).waitFor();
      await drawer.getByText('死亡人员名单（1 行）').waitFor();
      await drawer.getByText('2024年2月15日').waitFor();
      for (const month of ['202403', '202404', '202405', '202406'])
        await drawer.getByText(month, { exact: true }).waitFor();
      await drawer.getByText(paymentsName).first().waitFor();
      await drawer.getByText(deathsName).first().waitFor();
      await m.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    });

    await step(m, '排除一条疑点', async () => {
      await hitRow(toDismiss).getByRole('checkbox').check();
      await m.getByRole('button', { name: '排除', exact: true }).click();
      const dialog = m.getByRole('dialog', { name: '排除 1 条疑点' });
      await dialog.getByLabel('排除理由').fill('经核实死亡登记日期有误，本人仍健在，已由派出所更正户籍信息。');
      await dialog.getByRole('button', { name: '排除', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await hitRow(toDismiss).getByText('已排除').waitFor();
    });

    await step(m, '转为问题底稿草稿', async () => {
      await hitRow(toPaper).getByRole('checkbox').check();
      await m.getByRole('button', { name: '转为问题底稿' }).click();
      const dialog = m.getByRole('dialog', { name: '将 1 条疑点转为问题底稿' });
      await dialog.getByLabel('底稿标题').fill(paperTitle);
      await dialog.getByRole('button', { name: '生成底稿草稿' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await hitRow(toPaper).getByText('已转问题底稿').waitFor();
    });

    await step(m, '转为问题线索草稿', async () => {
      await hitRow(toClue).getByRole('checkbox').check();
      await m.getByRole('button', { name: '转为问题线索' }).click();
      const dialog = m.getByRole('dialog', { name: '将 1 条疑点转为问题线索' });
      await dialog.getByLabel('被反映人1姓名').fill(clueSubject);
      await dialog.getByLabel('被反映人1职务').fill('梅林镇民政所所长');
      await dialog.getByLabel('涉嫌违反的纪律').click();
      await pick(m, '群众纪律');
      await dialog.getByRole('button', { name: '生成线索草稿' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await hitRow(toClue).getByText('已转问题线索').waitFor();
      await hitRow(leftOpen).getByText('待核实').waitFor();
    });

    await step(m, '打开生成的问题底稿', async () => {
      await hitRow(toPaper).getByRole('button', { name: '查看证据' }).click();
      const drawer = m.getByRole('dialog', { name: '疑点证据' });
      await drawer.getByRole('link', { name: '打开底稿' }).click();
      await m.waitForURL(/\/fieldwork\/papers\/[0-9a-f-]{36}$/);
      await m
        .getByText(/问题底稿 \[\d{4}\]/)
        .first()
        .waitFor();
      await expect.poll(() => m.getByLabel('问题标题').inputValue()).toBe(paperTitle);
      // The facts name the person with the number masked, and the late payments.
      const facts = await m.getByLabel('问题事实').inputValue();
      expect(facts).toContain(`${toPaper.name}（身份证号${toPaper.id.slice(0, 6)}********${toPaper.id.slice(-4)}）`);
      expect(facts).toContain('此后仍被发放4笔');
    });

    await step(m, '在巡察工作台找到线索草稿', async () => {
      await m.goto(`${j.server.url}/fieldwork/inspections/${inspectionId}?tab=clues`);
      await m.getByRole('row').filter({ hasText: clueSubject }).first().click();
      const drawer = m.getByRole('dialog', { name: `问题线索：${clueSubject}` });
      await drawer.getByText('巡审贯通', { exact: true }).waitFor();
      await drawer.getByText(toClue.name).first().waitFor();
    });

    // ---------------------------------------------------------------- the team leader exports
    const leader = await login('team.leader', 'E2e-Zuzhang-2026');
    const l = leader.page;
    await step(l, '组长导出比对结果', async () => {
      await l.goto(runUrl);
      await l.getByRole('tab', { name: '疑点' }).waitFor();
      const dl = l.waitForEvent('download');
      await l.getByRole('button', { name: '导出' }).click();
      await reauthIfAsked(l, leader.password, dl);
      const file = await dl;
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
      const to = path.join(j.tmp, file.suggestedFilename());
      await file.saveAs(to);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(to);
      const ws = wb.getWorksheet('比对结果');
      expect(ws).toBeDefined();
      const text: string[] = [];
      ws?.eachRow((row) => {
        text.push(
          (row.values as unknown[])
            .slice(1)
            .map((v) => String(v ?? ''))
            .join('|'),
        );
      });
      const byId = (p: Person) => text.find((t) => t.includes(p.id)) ?? '';
      expect(byId(toDismiss)).toContain('已排除');
      expect(byId(toDismiss)).toContain('经核实死亡登记日期有误');
      expect(byId(toPaper)).toContain('已转问题底稿');
      expect(byId(toClue)).toContain('已转问题线索');
      expect(byId(leftOpen)).toContain('待核实');
      expect(byId(toPaper)).toContain(`《${paymentsName}》第`);
    });
  }, 600_000);
});
