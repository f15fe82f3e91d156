import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, meFixture, ok } from '../account/testing.ts';
import RectRoundPage from './round-page.tsx';

/** The machine the tests share is slow: the first answer may take seconds to render. */
const SLOW = { timeout: 10_000 };

const ROUND = '0190a0a0-0000-7000-8000-0000000004a1';
const TERM = '0190a0a0-0000-7000-8000-0000000004a2';
const INS_A = '0190a0a0-0000-7000-8000-0000000004a3';
const INS_B = '0190a0a0-0000-7000-8000-0000000004a4';

const row = (id: string, label: string, over: Record<string, unknown>) => ({
  inspectionId: id,
  label,
  stage: 'rectifying',
  feedbackDate: '2026-05-10',
  orgs: [{ orgId: '0190a0a0-0000-7000-8000-0000000004b1', name: '市交通运输局党组' }],
  findings: 0,
  rectified: 0,
  ongoing: 0,
  undone: 0,
  rate: 0,
  extensions: 0,
  moneyRecovered: '0.00',
  accountable: 0,
  rulesMade: 0,
  ...over,
});
const answer = {
  roundId: ROUND,
  roundName: '十四届市委第二轮巡察',
  termId: TERM,
  summary: {
    findings: 20,
    rectified: 15,
    ongoing: 3,
    undone: 2,
    rate: 0.75,
    extensions: 2,
    moneyRecovered: '128.76',
    accountable: 5,
    rulesMade: 7,
  },
  items: [
    row(INS_A, '第二轮 · 第一巡察组 · 市交通运输局党组', {
      findings: 12,
      rectified: 10,
      ongoing: 1,
      undone: 1,
      rate: 0.8333,
      extensions: 2,
      moneyRecovered: '123.55',
      accountable: 3,
      rulesMade: 4,
    }),
    row(INS_B, '第二轮 · 第二巡察组 · 市水务局党组', {
      findings: 8,
      rectified: 5,
      ongoing: 2,
      undone: 1,
      rate: 0.625,
      moneyRecovered: '5.21',
      accountable: 2,
      rulesMade: 3,
    }),
  ],
};

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

function renderAt(body: unknown) {
  server = fakeServer({
    'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'rectification:read', 'rectification:supervise'] })),
    [`GET /api/rounds/${ROUND}/rectification-inspections`]: () => ok(body),
  });
  return renderApp(
    <Routes>
      <Route path="/rectification/stats/rounds/:id" element={<RectRoundPage />} />
    </Routes>,
    { url: `/rectification/stats/rounds/${ROUND}` },
  );
}

describe('RectRoundPage (轮次整改统计)', () => {
  it('shows the round in figures, then each inspection with the same figures leading to its records', async () => {
    renderAt(answer);
    expect(await screen.findByText('十四届市委第二轮巡察整改统计', {}, SLOW)).toBeTruthy();
    const a = (await screen.findByRole('link', { name: answer.items[0]?.label }, SLOW)).closest('tr') as HTMLElement;
    expect(within(a).getByRole('link', { name: answer.items[0]?.label }).getAttribute('href')).toBe(
      `/rectification/inspections/${INS_A}`,
    );
    expect(within(a).getByText('83.3%')).toBeTruthy();
    // Money, persons and rules lead to the inspection's outcomes; problems to its problem list.
    expect(within(a).getByRole('link', { name: '123.55' }).getAttribute('href')).toBe(
      `/rectification/inspections/${INS_A}?tab=outcomes`,
    );
    expect(within(a).getByRole('link', { name: '12' }).getAttribute('href')).toBe(
      `/rectification/inspections/${INS_A}?tab=plan`,
    );
    const b = screen.getByRole('link', { name: answer.items[1]?.label }).closest('tr') as HTMLElement;
    expect(within(b).getByText('62.5%')).toBeTruthy();
    // The total row says what the cards say.
    const total = screen.getByText('合计').closest('tr') as HTMLElement;
    for (const v of ['20', '15', '75.0%', '3', '2', '128.76', '5', '7'])
      expect(within(total).getAllByText(v).length).toBeGreaterThan(0);
    // The cards: the round's summary, undone problems among them.
    const card = (title: string) => screen.getAllByText(title)[0]?.closest('.ant-card')?.textContent;
    expect(card('挽回经济损失')).toContain('128.76');
    expect(card('整改完成率')).toContain('75.0%');
    expect(card('未整改')).toMatch(/未整改\s*2/);
  }, 120_000);

  it('says so when the round has no inspection under rectification yet', async () => {
    renderAt({ ...answer, summary: { ...answer.summary, findings: 0, rectified: 0, rate: 0 }, items: [] });
    expect(await screen.findByText('本轮次暂无进入反馈、整改阶段的巡察', {}, SLOW)).toBeTruthy();
    expect(screen.queryByText('合计')).toBeNull();
  }, 120_000);
});
