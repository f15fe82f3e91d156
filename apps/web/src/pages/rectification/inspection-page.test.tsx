import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, meFixture, ok } from '../account/testing.ts';
import RectInspectionPage from './inspection-page.tsx';

/** The machine the tests share is slow: the first answer may take seconds to render. */
const SLOW = { timeout: 10_000 };

const INS = '0190a0a0-0000-7000-8000-0000000005a1';
const EARLIER = '0190a0a0-0000-7000-8000-0000000005a2';
const warnings = { red: 0, yellow: 0, green: 0 };
const inspection = (lookBackOfId: string | null | undefined) => ({
  id: INS,
  label: '十四届市委第二轮巡察 · 第一巡察组 · 市水务局党组',
  termId: '0190a0a0-0000-7000-8000-0000000005a3',
  roundId: '0190a0a0-0000-7000-8000-0000000005a4',
  authorityId: meFixture().user.authorityId,
  stage: 'rectifying',
  feedbackDate: '2026-05-10',
  ...(lookBackOfId === undefined ? {} : { lookBackOfId }),
  orgs: [],
  tasks: 0,
  warnings,
});

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

function renderWith(item: ReturnType<typeof inspection>, url = `/rectification/inspections/${INS}`) {
  server = fakeServer({
    'GET /api/auth/me': () =>
      ok(meFixture({ permissions: ['self', 'rectification:read', 'rectification:supervise', 'feedback:write'] })),
    'GET /api/rectification/inspections': () => ok({ items: [item] }),
    [`GET /api/inspections/${INS}/rectification-summary`]: () =>
      ok({
        findings: 0,
        rectified: 0,
        ongoing: 0,
        undone: 0,
        rate: 0,
        extensions: 0,
        moneyRecovered: '0.00',
        accountable: 0,
        rulesMade: 0,
      }),
    [`GET /api/inspections/${INS}/feedback`]: () => ok({ items: [] }),
  });
  return renderApp(
    <Routes>
      <Route path="/rectification/inspections/:id" element={<RectInspectionPage />} />
    </Routes>,
    { url },
  );
}

describe('RectInspectionPage tabs', () => {
  it('offers 回头看 on a look-back inspection only', async () => {
    const { unmount } = renderWith(inspection(EARLIER));
    expect(await screen.findByRole('tab', { name: '整改评估' }, SLOW)).toBeTruthy();
    expect(screen.getByRole('tab', { name: '回头看' })).toBeTruthy();
    unmount();
    server?.restore();
    for (const none of [null, undefined]) {
      const r = renderWith(inspection(none), `/rectification/inspections/${INS}?tab=recheck`);
      expect(await screen.findByRole('tab', { name: '整改评估' }, SLOW)).toBeTruthy();
      expect(screen.queryByRole('tab', { name: '回头看' })).toBeNull();
      // Asked for by the URL all the same, the page opens on 反馈.
      expect(screen.getByRole('tab', { name: '反馈' }).getAttribute('aria-selected')).toBe('true');
      r.unmount();
      server?.restore();
    }
  }, 120_000);
});
