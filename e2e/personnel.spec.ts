import { describe, expect, it } from 'vitest';
import { demoJourney, step } from './harness.ts';

/**
 * Issue 4's journey: build a team for a planned inspection, see a conflicted person blocked with
 * the reason, accept the suggested composition, record the 一次一授权 decision and export it.
 */
const j = demoJourney('xc-e2e-pers-');

describe('team building journey (office leader)', () => {
  it('builds a team with recusal checks and the suggestion, then exports the authorization', async () => {
    const pw = 'E2e-Zudui-2026';
    const page = await j.login('office.leader', pw);
    let pick: { id: string; name: string } | null = null;
    await step(page, '打开本届第二轮', async () => {
      await page.getByRole('menuitem', { name: '届期与覆盖' }).click();
      await page.getByRole('link', { name: '七届市委' }).click();
      await page.getByRole('link', { name: '第二轮' }).click();
      await page.waitForURL(/\/planning\/rounds\//);
    });

    await step(page, '组建巡察组并安排巡察', async () => {
      await page.getByRole('button', { name: '组建巡察组' }).click();
      const dialog = page.getByRole('dialog', { name: '组建巡察组' });
      await dialog.getByLabel('巡察组名称').fill('第一巡察组');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // Give the team a planned inspection of this round whose target someone in the pool must avoid
      // (the demo data has such people); the API the page reads tells which.
      const roundId = page.url().split('/').pop() as string;
      pick = await page.evaluate(async (rid) => {
        const list = await (await fetch(`/api/inspections?roundId=${rid}&stage=planned&limit=50`)).json();
        for (const i of list.items) {
          const report = await (await fetch(`/api/inspections/${i.id}/recusal`)).json();
          const c = report.conflicts.find((x: { reasons: { rule: string }[] }) =>
            x.reasons.some((r) => ['workedThere', 'relativeThere', 'closeRelationThere'].includes(r.rule)),
          );
          if (c) return { id: i.id as string, name: c.name as string };
        }
        return null;
      }, roundId);
      expect(pick, 'the demo data has a conflicted person for a planned target').toBeTruthy();
      // The row is found by its link to the inspection: target names can contain one another.
      await page
        .locator('tr', { has: page.locator(`a[href="/planning/inspections/${pick?.id}"]`) })
        .getByRole('button', { name: '编辑' })
        .click();
      const drawer = page.getByRole('dialog', { name: /编辑巡察/ });
      await drawer.getByLabel('巡察组').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '第一巡察组' }).click();
      await drawer.getByRole('button', { name: '保存' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await page.getByRole('row').filter({ hasText: '第一巡察组' }).first().waitFor();
    });

    await step(page, '进入组队', async () => {
      await page.getByRole('button', { name: '第一巡察组组队' }).click();
      await page.waitForURL(/\/personnel\/teams\/[0-9a-f-]{36}$/);
      await page.getByText('人员库').first().waitFor();
    });

    await step(page, '有回避情形的人员不能加入', async () => {
      const name = pick?.name as string;
      await page.getByPlaceholder('姓名、单位或职务').fill(name as string);
      await page.getByPlaceholder('姓名、单位或职务').press('Enter');
      const row = page
        .getByRole('row')
        .filter({ hasText: name as string })
        .first();
      await row.getByRole('button', { name: '加入' }).click();
      const dialog = page.getByRole('dialog', { name: '存在回避情形，不能加入' });
      await dialog.waitFor();
      await expect.poll(() => dialog.getByText(/工作|配偶|亲属|近亲属/).count()).toBeGreaterThan(0);
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByPlaceholder('姓名、单位或职务').fill('');
      await page.getByPlaceholder('姓名、单位或职务').press('Enter');
    });

    await step(page, '采用推荐组队', async () => {
      await page.getByRole('button', { name: '推荐组队' }).click();
      const dialog = page.getByRole('dialog', { name: /推荐组队/ });
      await dialog.getByRole('button', { name: /全部采用/ }).click();
      await dialog
        .getByRole('button', { name: /全部采用/ })
        .waitFor({ state: 'detached', timeout: 30_000 })
        .catch(() => {});
      await page.keyboard.press('Escape');
      await page.getByText('人数、组长副组长配备和专业结构符合要求').waitFor({ timeout: 30_000 });
    });

    await step(page, '记录并导出授权决定', async () => {
      await page.getByRole('button', { name: '授权决定' }).click();
      await page.waitForURL(/\/authorization$/);
      await page.getByLabel('文号').fill('赣市巡授〔2026〕9号');
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      await page.getByLabel('决定日期').fill(today);
      await page.getByLabel('决定日期').press('Enter');
      await page.getByRole('button', { name: '按巡察安排生成' }).click();
      await page.getByRole('button', { name: '记录授权决定' }).click();
      await page.getByRole('button', { name: '导出授权书' }).waitFor();
      const file = await j.download(page, pw, () => page.getByRole('button', { name: '导出授权书' }).click());
      expect(file.name).toMatch(/授权决定.*\.docx$/);
      expect(file.data.subarray(0, 2).toString()).toBe('PK');
    });
  });
});
