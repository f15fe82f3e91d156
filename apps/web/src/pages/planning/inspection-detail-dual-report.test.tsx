import { screen, waitFor, within } from '@testing-library/react';
import { DUAL_REPORT_KIND_LABELS, type TDualReportView, type TInspectionDetail, type TPermission } from '@xc/domain';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, meFixture, ok } from '../account/testing.ts';
import InspectionDetailPage from './inspection-detail-page.tsx';

// The planning detail of an authorized inspection no longer records the 双报告一报备 itself: it shows
// the governance checklist's three items read-only, with the way to the checklist, to whoever may
// read governance; anyone else sees no card and the page asks nothing of governance.

const ID = '0190a0a0-0000-7000-8000-0000000000aa';
const CITY = '0190a0a0-0000-7000-8000-000000000001';
const COUNTY = '0190a0a0-0000-7000-8000-000000000002';

const INSPECTION: TInspectionDetail = {
  id: ID,
  roundId: '0190a0a0-0000-7000-8000-0000000000b1',
  termId: '0190a0a0-0000-7000-8000-0000000000c1',
  authorityId: CITY,
  teamId: null,
  teamName: null,
  mode: 'authorized',
  kind: 'regular',
  stage: 'feedback',
  targets: [
    {
      orgId: '0190a0a0-0000-7000-8000-0000000000d1',
      name: '某县生态环境局',
      kind: '垂直管理驻县单位',
      role: 'primary',
    },
  ],
  lookBackOfId: null,
  authorizedAuthorityId: COUNTY,
  plannedEntryDate: '2026-03-02',
  plannedExitDate: '2026-04-10',
  preparedDate: '2026-02-20',
  entryDate: '2026-03-02',
  exitDate: '2026-04-10',
  feedbackDate: '2026-04-20',
  transferDate: null,
  rectifyingStartDate: null,
  evaluatedDate: null,
  publishedDate: null,
  archivedDate: null,
  version: 4,
  roundName: '市委第三轮巡察',
  termName: '市委第一届',
  authorityName: '某市委巡察办',
  authorizedAuthorityName: '某县委巡察办',
  lookBackOfName: null,
  roundApprovedAt: null,
  events: [],
  deadlines: [],
  actions: [],
};

const item = (kind: keyof typeof DUAL_REPORT_KIND_LABELS) => ({
  kind,
  label: DUAL_REPORT_KIND_LABELS[kind],
  docTitle: null,
  fileId: null,
  fileName: null,
  checkedByCityOffice: false,
  checkedOn: null,
  late: false,
});

const VIEW: TDualReportView = {
  inspectionId: ID,
  anchor: '2026-04-22',
  version: 2,
  warnings: [],
  items: [
    {
      ...item('countyCommittee'),
      on: '2026-04-25',
      checkedByCityOffice: true,
      checkedOn: '2026-04-28',
      due: '2026-05-08',
      state: 'checked',
      colour: 'done',
    },
    { ...item('sectorDepartment'), on: '2026-04-30', due: '2026-05-08', state: 'awaitingCheck', colour: 'done' },
    { ...item('cityOffice'), on: null, due: '2026-05-06', state: 'overdue', colour: 'red' },
  ],
};

/** The machine the tests share is slow: the first answer may take seconds to render. */
const SLOW = { timeout: 10_000 };

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

function renderWith(permissions: TPermission[]) {
  server = fakeServer({
    'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'plan:read', ...permissions] })),
    [`GET /api/inspections/${ID}`]: () => ok(INSPECTION),
    [`GET /api/inspections/${ID}/dual-report`]: () => ok(VIEW),
  });
  renderApp(
    <Routes>
      <Route path="/planning/inspections/:id" element={<InspectionDetailPage />} />
    </Routes>,
    { url: `/planning/inspections/${ID}` },
  );
}

const asked = (path: string) => (server?.sent ?? []).filter((s) => s.path === path);

describe('InspectionDetailPage: 双报告一报备 of an authorized inspection', () => {
  it('shows the three items’ state from the governance checklist, with no form, and links to it', async () => {
    renderWith(['governance:read']);
    const link = await screen.findByRole('link', { name: '前往双报告一报备' }, SLOW);
    expect(link.getAttribute('href')).toBe(`/governance/dual-reports/${ID}`);
    const card = link.closest('.ant-card') as HTMLElement;
    await within(card).findByText('已审核 1/3', {}, SLOW);
    expect(within(card).getByText(DUAL_REPORT_KIND_LABELS.countyCommittee)).toBeTruthy();
    expect(within(card).getByText('市委巡察办已审核')).toBeTruthy();
    expect(within(card).getByText('2026-04-30 报送')).toBeTruthy();
    expect(within(card).getByText('已报送待审核')).toBeTruthy();
    expect(within(card).getByText('逾期未报送')).toBeTruthy();
    expect(within(card).getByText('时限 2026-05-06')).toBeTruthy();
    // Read-only: nothing to fill in or save here.
    expect(within(card).queryByRole('button')).toBeNull();
    expect(card.querySelector('input')).toBeNull();
    expect((server?.sent ?? []).filter((s) => s.method !== 'GET')).toHaveLength(0);
  }, 60_000);

  it('without governance:read shows no card and does not ask for the checklist', async () => {
    renderWith([]);
    await screen.findByText('某县委巡察办', {}, SLOW);
    await waitFor(() => expect(asked(`/api/inspections/${ID}`)).toHaveLength(1));
    expect(screen.queryByText('前往双报告一报备')).toBeNull();
    expect(screen.queryByText('双报告一报备')).toBeNull();
    expect(asked(`/api/inspections/${ID}/dual-report`)).toHaveLength(0);
  }, 60_000);
});
