import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TGovernanceSummary, TTerm } from '@xc/domain';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, meFixture, ok } from '../account/testing.ts';
import GovernanceOverviewPage from './overview-page.tsx';

const HOME = meFixture().user.authorityId ?? '';
const COUNTY = '0190a0a0-0000-7000-8000-000000000002';

const term = (id: string, over: Partial<TTerm>): TTerm => ({
  id,
  authorityId: HOME,
  authorityName: '某市委巡察办',
  name: '',
  startDate: '2021-01-01',
  endDate: '2025-12-31',
  current: false,
  version: 1,
  ...over,
});
// The county's current term is listed first, as the server may: the city office's own must win.
const COUNTY_NOW = term('0190a0a0-0000-7000-8000-0000000000c3', {
  authorityId: COUNTY,
  authorityName: '某县委巡察办',
  name: '三届区委',
  startDate: '2026-01-01',
  endDate: '2030-12-31',
  current: true,
});
const NOW = term('0190a0a0-0000-7000-8000-0000000000c1', {
  name: '七届市委',
  startDate: '2026-01-01',
  endDate: '2030-12-31',
  current: true,
});
const BEFORE = term('0190a0a0-0000-7000-8000-0000000000c2', { name: '六届市委' });

const zero: TGovernanceSummary = {
  bulletins: 0,
  dutyReminders: 0,
  commonProblems: 0,
  commonProblemsRectified: 0,
  campaigns: 0,
  rulesMade: 0,
  policyConsultations: 0,
  policyProblems: 0,
};
const lived: TGovernanceSummary = { ...zero, bulletins: 4, dutyReminders: 10, campaigns: 2, rulesMade: 4582 };

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

function Where() {
  const l = useLocation();
  return <output data-testid="where">{`${l.pathname}${l.search}`}</output>;
}

describe('GovernanceOverviewPage', () => {
  it('shows every term’s figures side by side, each a link to its list for that term, above the home term', async () => {
    server = fakeServer({
      'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'governance:read'] })),
      'GET /api/terms': () => ok({ items: [COUNTY_NOW, NOW, BEFORE], total: 3, nextCursor: null }),
      [`GET /api/terms/${NOW.id}/governance-summary`]: () => ok(zero),
      [`GET /api/terms/${BEFORE.id}/governance-summary`]: () => ok(lived),
      [`GET /api/terms/${COUNTY_NOW.id}/governance-summary`]: () => ok(zero),
    });
    renderApp(
      <>
        <Routes>
          <Route path="/governance" element={<GovernanceOverviewPage />} />
        </Routes>
        <Where />
      </>,
      { url: '/governance' },
    );
    // The default is the caller's own current term, not the county's listed first.
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe(`/governance?termId=${NOW.id}`));
    const reminders = await screen.findByRole('link', { name: '六届市委履责提示' });
    expect(reminders.textContent).toBe('10');
    expect(reminders.getAttribute('href')).toBe(`/governance/reminders?termId=${BEFORE.id}`);
    expect(screen.getByRole('link', { name: '六届市委分类通报' }).getAttribute('href')).toBe(
      `/governance/bulletins?termId=${BEFORE.id}`,
    );
    // Without the rectification statistics, rules made open the campaigns of the term.
    const rules = screen.getByRole('link', { name: '六届市委建章立制' });
    expect(rules.textContent).toBe('4,582');
    expect(rules.getAttribute('href')).toBe(`/governance/campaigns?termId=${BEFORE.id}`);
    expect(screen.getByRole('link', { name: '三届区委专项整治' }).textContent).toBe('0');
    // The home authority's terms come first.
    const rows = screen.getAllByRole('row').map((r) => within(r).queryAllByRole('button')[0]?.textContent);
    expect(rows.filter(Boolean)).toEqual(['七届市委', '六届市委', '三届区委']);
    // A term's name chooses it for the cards below.
    await userEvent.click(screen.getByRole('button', { name: '六届市委' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe(`/governance?termId=${BEFORE.id}`));
    expect(await screen.findByRole('heading', { name: '六届市委 · 某市委巡察办' })).toBeTruthy();
  });
});
