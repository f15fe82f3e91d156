import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demoJourney, step } from './harness.ts';

/**
 * Issue 2's journey as an office user clicks it: log in with the demo one-time password, change
 * it, find an organization in the tree, import a small xlsx, see the new rows, export, log out.
 */
const j = demoJourney('xc-e2e-files-');

async function importFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  ws.addRow(['单位名称', '单位类别', '系统/领域', '上级单位', '统一社会信用代码', '成立日期']);
  ws.addRow(['端到端测试镇', '乡镇(街道)', '乡镇街道', '', '', '2001-03-01']);
  ws.addRow(['端到端测试村', '村(社区)', '村社区', '端到端测试镇', '', '']);
  const file = path.join(j.tmp, '新增单位.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('registry journey (office staff)', () => {
  it('logs in, changes the one-time password, finds, imports, exports and logs out', async () => {
    const newPassword = 'E2e-Qingfeng-2026';
    const page = await j.login('office.staff', newPassword);
    await step(page, '登录后显示姓名', async () => {
      const { displayName } = j.credential('office.staff');
      await expect.poll(() => page.getByText(displayName).first().isVisible()).toBe(true);
    });

    await step(page, '水印', async () => {
      const marked = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('div')].some((d) =>
          d.style.backgroundImage.startsWith('url("data:image'),
        ),
      );
      expect(marked).toBe(true);
    });

    await step(page, '在单位树中查找单位', async () => {
      await page.getByRole('menuitem', { name: '单位树' }).click();
      await page.waitForURL(/\/orgs\/tree/);
      await page.getByPlaceholder('搜索单位名称').fill('蓉江街道');
      await page.getByPlaceholder('搜索单位名称').press('Enter');
      await page.getByText('蓉江街道', { exact: true }).first().click();
      await expect.poll(() => page.getByRole('heading', { name: '蓉江街道' }).count()).toBeGreaterThan(0);
    });

    await step(page, '批量导入', async () => {
      await page.getByRole('menuitem', { name: '单位列表' }).click();
      await page.waitForURL(/\/orgs(\?|$)/);
      await page.getByRole('button', { name: '批量导入' }).click();
      await page.waitForURL(/\/orgs\/import/);
      await page.locator('input[type=file]').setInputFiles(await importFile());
      await page.getByText('导入成功，共导入 2 个单位').waitFor();
      await page.getByRole('button', { name: '查看单位列表' }).click();
      await page.waitForURL(/\/orgs\?/);
      await page.getByPlaceholder('单位名称或信用代码').fill('端到端');
      await page.getByPlaceholder('单位名称或信用代码').press('Enter');
      await page.getByText('端到端测试村').waitFor();
      await expect
        .poll(() =>
          page.getByRole('row').filter({ hasText: '端到端测试村' }).filter({ hasText: '端到端测试镇' }).count(),
        )
        .toBe(1);
    });

    await step(page, '导出（需再次确认身份）', async () => {
      const downloadP = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出' }).click();
      const dialog = page.getByRole('dialog', { name: '请输入密码以确认身份' });
      await dialog.waitFor();
      await dialog.getByLabel('登录密码').fill(newPassword);
      await dialog.getByRole('button', { name: '确定' }).click();
      const download = await downloadP;
      expect(download.suggestedFilename()).toMatch(/^单位列表-DC\d{8}-.+\.xlsx$/);
      const file = path.join(j.tmp, 'export.xlsx');
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const names: string[] = [];
      wb.worksheets[0]?.eachRow((row, n) => {
        if (n > 3) names.push(String(row.getCell(1).value));
      });
      expect(names.sort()).toEqual(['端到端测试村', '端到端测试镇']);
    });

    await step(page, '退出登录', async () => {
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL(/\/login/);
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      expect(me).toBe(401);
    });
  });
});
