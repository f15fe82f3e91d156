import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, meFixture, ok } from '../account/testing.ts';
import RulesPage from './rules-page.tsx';

/** The machine the tests share is slow: the first answer may take seconds to render. */
const SLOW = { timeout: 10_000 };

const INS = '0190a0a0-0000-7000-8000-0000000001a1';
const ORG = '0190a0a0-0000-7000-8000-0000000001a2';
const F1 = '0190a0a0-0000-7000-8000-0000000001a3';
const F2 = '0190a0a0-0000-7000-8000-0000000001a4';
const RULE = '0190a0a0-0000-7000-8000-0000000001a5';
const TERM = '0190a0a0-0000-7000-8000-0000000001a6';
const ROUND = '0190a0a0-0000-7000-8000-0000000001a7';

const warnings = { red: 0, yellow: 0, green: 0 };
const inspection = {
  id: INS,
  label: '十四届市委第二轮巡察 · 市交通运输局党组',
  termId: TERM,
  roundId: ROUND,
  authorityId: meFixture().user.authorityId,
  stage: 'rectifying',
  feedbackDate: '2026-05-10',
  orgs: [
    {
      orgId: ORG,
      name: '市交通运输局党组',
      planStatus: 'accepted',
      feedbackOn: '2026-05-10',
      tasks: 2,
      writtenOff: 0,
      warnings,
    },
  ],
  tasks: 2,
  warnings,
};
const finding = (id: string, seq: number, title: string) => ({
  id,
  seq,
  title,
  facts: '经查，存在相关问题。',
  rectification: 'ongoing',
  tasks: [],
  taxonomy: [],
});
const rule = {
  id: RULE,
  inspectionId: INS,
  orgId: ORG,
  title: '局机关公务接待管理办法',
  kind: 'revised',
  issuedOn: '2026-06-01',
  issuingBody: '市交通运输局',
  documentNumber: '市交党字〔2026〕8号',
  findingIds: [F1],
  version: 1,
  orgName: '市交通运输局党组',
  findingTitles: ['公务接待超标准'],
};

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());
const posts = () => (server?.sent ?? []).filter((s) => s.method === 'POST');

function serve(permissions: string[]) {
  server = fakeServer({
    'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', ...permissions] })),
    'GET /api/terms': () => ok({ items: [], total: 0, nextCursor: null }),
    'GET /api/rectification/inspections': () => ok({ items: [inspection] }),
    'GET /api/rule-makings': () => ok({ items: [rule], total: 1, nextCursor: null }),
    [`GET /api/inspections/${INS}/problem-list`]: () =>
      ok({
        inspectionId: INS,
        inspectionLabel: inspection.label,
        orgId: ORG,
        orgName: '市交通运输局党组',
        feedbackId: null,
        handedOverOn: null,
        assignedMatters: [],
        findings: [finding(F1, 1, '公务接待超标准'), finding(F2, 2, '车辆管理不规范')],
      }),
    [`POST /api/inspections/${INS}/rule-makings`]: (s) => ({
      status: 201,
      body: { ...rule, ...(s.body as object), id: RULE, inspectionId: INS, orgId: ORG, version: 1 },
    }),
  });
}

describe('RulesPage (建章立制)', () => {
  it('lists the register with the document number, the kind and the findings the rule answers', async () => {
    serve(['rectification:read']);
    renderApp(<RulesPage />, { url: '/rectification/rule-makings' });
    expect(await screen.findByText('局机关公务接待管理办法', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('市交党字〔2026〕8号')).toBeTruthy();
    expect(screen.getByText('修订', { selector: '.ant-tag' })).toBeTruthy();
    expect(screen.getAllByText('市交通运输局党组').length).toBeGreaterThan(0);
    expect(screen.getByText('公务接待超标准')).toBeTruthy();
    // Reading is not registering.
    expect(screen.queryByRole('button', { name: /登记制度/ })).toBeNull();
  }, 120_000);

  it('registers nothing without a title and a finding, then posts the rule linked to the chosen findings', async () => {
    serve(['rectification:read', 'rectification:write']);
    renderApp(<RulesPage />, { url: `/rectification/rule-makings?inspectionId=${INS}` });
    await userEvent.click(await screen.findByRole('button', { name: /登记制度/ }, SLOW));
    const drawer = (await screen.findAllByText('登记制度', { selector: '.ant-drawer-title' }, SLOW))[0]?.closest(
      '.ant-drawer',
    ) as HTMLElement;
    const submit = within(drawer).getByRole('button', { name: '登记' });
    // The only organization of the inspection is taken: its findings can be linked at once.
    await waitFor(() => expect((submit as HTMLButtonElement).disabled).toBe(false), SLOW);
    await userEvent.click(submit);
    expect(await within(drawer).findByText('制度名称不能为空', {}, SLOW)).toBeTruthy();
    expect(within(drawer).getByText('请至少关联一个巡察发现的问题')).toBeTruthy();
    expect(posts()).toHaveLength(0);

    await userEvent.type(within(drawer).getByLabelText('制度名称'), '局机关公务用车管理办法');
    await userEvent.type(within(drawer).getByLabelText('制发单位'), '市交通运输局');
    await userEvent.click(within(drawer).getByLabelText('印发日期'));
    await userEvent.click(await screen.findByText('今天', {}, SLOW));
    await userEvent.click(within(drawer).getByLabelText('关联问题'));
    await userEvent.click(
      await screen.findByText('问题2：车辆管理不规范', { selector: '.ant-select-item-option-content' }, SLOW),
    );
    await userEvent.click(submit);
    await waitFor(() => expect(posts()).toHaveLength(1), SLOW);
    expect(posts()[0]?.body).toEqual({
      title: '局机关公务用车管理办法',
      kind: 'made',
      issuedOn: dayjs().format('YYYY-MM-DD'),
      issuingBody: '市交通运输局',
      findingIds: [F2],
    });
    expect(await screen.findByText('已登记“局机关公务用车管理办法”', {}, SLOW)).toBeTruthy();
  }, 180_000);
});
