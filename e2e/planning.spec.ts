import { describe, expect, it } from 'vitest';
import { demoJourney, step } from './harness.ts';

/**
 * Issue 3's journey: open the current term's overview and its uncovered list, plan from the
 * suggestion, approve the round, move an inspection to 进驻, download the plan .docx and the
 * coverage .xlsx.
 */
const j = demoJourney('xc-e2e-plan-');

describe('planning journey (office leader)', () => {
  it('plans a round from the uncovered list and starts an inspection', async () => {
    const pw = 'E2e-Guihua-2026';
    const page = await j.login('office.leader', pw);
    await step(page, '届期与覆盖', async () => {
      await page.getByRole('menuitem', { name: '届期与覆盖' }).click();
      await page.waitForURL(/\/planning\/terms/);
      await page.getByRole('link', { name: '七届市委' }).click();
      await page.waitForURL(/\/planning\/terms\/[0-9a-f-]{36}$/);
      await page.getByText('应覆盖').first().waitFor();
      // The uncovered list of the new term is long: every city-level unit not yet inspected.
      await expect.poll(() => page.getByRole('row').filter({ hasText: '市直单位' }).count()).toBeGreaterThan(5);
    });

    await step(page, '导出覆盖台账', async () => {
      const file = await j.download(page, pw, () => page.getByRole('button', { name: '导出覆盖台账' }).click());
      expect(file.name).toMatch(/巡察全覆盖台账.*\.xlsx$/);
      expect(file.data.subarray(0, 2).toString()).toBe('PK');
    });

    await step(page, '打开第二轮', async () => {
      await page.getByRole('link', { name: '第二轮' }).click();
      await page.waitForURL(/\/planning\/rounds\//);
      await page.getByText('推荐巡察对象').first().waitFor();
    });

    await step(page, '组建巡察组', async () => {
      await page.getByRole('button', { name: '组建巡察组' }).click();
      const dialog = page.getByRole('dialog', { name: '组建巡察组' });
      await dialog.getByLabel('巡察组名称').fill('第一巡察组');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
    });

    await step(page, '采用推荐', async () => {
      await page.getByRole('button', { name: '采用' }).first().click();
      const dialog = page.getByRole('dialog', { name: '采用推荐：新增巡察' });
      await dialog.getByRole('combobox').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '第一巡察组' }).click();
      await dialog.getByRole('button', { name: '确认新增' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('row').filter({ hasText: '第一巡察组' }).first().waitFor();
    });

    await step(page, '记录领导小组审批', async () => {
      await page.getByRole('button', { name: '记录领导小组审批' }).click();
      const dialog = page.getByRole('dialog', { name: /记录领导小组审批/ });
      await dialog.getByLabel('批准情况说明').fill('经市委巡察工作领导小组会议研究同意');
      await dialog.getByRole('button', { name: '确认记录' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: '修改审批记录' }).waitFor();
    });

    await step(page, '导出巡察工作方案', async () => {
      const file = await j.download(page, pw, () => page.getByRole('button', { name: '导出巡察工作方案' }).click());
      expect(file.name).toMatch(/巡察工作方案.*\.docx$/);
      expect(file.data.subarray(0, 2).toString()).toBe('PK');
    });

    await step(page, '启动准备并进驻', async () => {
      // A demo inspection of this round that already has a team and a planned entry date.
      const row = page
        .getByRole('row')
        .filter({ hasText: /\d{4}-\d{2}-\d{2}/ })
        .filter({ hasText: '巡察组' })
        .first();
      await row.getByRole('button', { name: '详情' }).click();
      await page.waitForURL(/\/planning\/inspections\//);
      for (const action of ['启动准备', '进驻']) {
        await page.getByRole('button', { name: action }).click();
        const dialog = page.getByRole('dialog', { name: `办理“${action}”` });
        await dialog.getByRole('button', { name: '确认' }).click();
        await dialog.waitFor({ state: 'hidden' });
      }
      await expect.poll(() => page.getByText('进驻巡察').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: '撤离' }).waitFor();
    });
  });
});
