import { screen, within } from '@testing-library/react';
import { CONDUCT_BAR } from '@xc/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, meFixture, ok } from '../account/testing.ts';
import ConductPage from './conduct-page.tsx';

const SLOW = { timeout: 10_000 };
const TERM = '0190a0a0-0000-7000-8000-0000000000e1';
const R1 = '0190a0a0-0000-7000-8000-0000000000e2';
const R2 = '0190a0a0-0000-7000-8000-0000000000e3';
const T1 = '0190a0a0-0000-7000-8000-0000000000e4';
const T2 = '0190a0a0-0000-7000-8000-0000000000e5';

const rate = (satisfied: number, valid: number) => ({ satisfied, valid, rate: satisfied / valid });

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

describe('ConductPage (测评结果)', () => {
  it('draws each round against the 97.5% line and tags the teams that meet it and those that do not', async () => {
    server = fakeServer({
      'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'governance:read', 'rectification:read'] })),
      'GET /api/terms': () => ok({ items: [], total: 0, nextCursor: null }),
      'GET /api/rounds': () => ok({ items: [], total: 0, nextCursor: null }),
      'GET /api/conduct-results': () =>
        ok({
          bar: CONDUCT_BAR,
          byTeam: [
            {
              roundId: R1,
              teamId: T1,
              ...rate(39, 40),
              meetsBar: true,
              stages: { atFeedback: rate(39, 40), followUp: null },
            },
            {
              roundId: R2,
              teamId: T2,
              ...rate(38, 40),
              meetsBar: false,
              stages: { atFeedback: rate(18, 20), followUp: rate(20, 20) },
            },
          ],
          byRound: [
            { roundId: R1, ...rate(39, 40), meetsBar: true, teams: 1, teamsBelowBar: 0 },
            { roundId: R2, ...rate(38, 40), meetsBar: false, teams: 1, teamsBelowBar: 1 },
          ],
          names: { rounds: { [R1]: '第一轮', [R2]: '第二轮' }, teams: { [T1]: '第一巡察组', [T2]: '第二巡察组' } },
        }),
    });
    renderApp(<ConductPage />, { url: `/governance/conduct?tab=results&termId=${TERM}` });
    // The chart's bars in percent (the test stand-in lists what the option draws), and the dashed line at the bar.
    const chart = await screen.findByRole('list', { name: '满意率' }, SLOW);
    expect(within(chart).getByText(`满意度基准线：${Math.round(CONDUCT_BAR * 1000) / 10}`)).toBeTruthy();
    expect(within(chart).getByText('第一轮：97.5')).toBeTruthy();
    expect(within(chart).getByText('第二轮：95')).toBeTruthy();
    // 39 of 40 is exactly 97.5% and meets the bar; 38 of 40 does not.
    expect(screen.getAllByText('97.5%').length).toBeGreaterThan(0);
    expect(screen.getAllByText('95.0%').length).toBeGreaterThan(0);
    expect(screen.getAllByText('达标').length).toBe(2);
    expect(screen.getAllByText('未达标').length).toBe(2);
    expect(screen.getByText('第二巡察组')).toBeTruthy();
    expect(screen.getByText('90.0%（20份）')).toBeTruthy();
  }, 180_000);
});
