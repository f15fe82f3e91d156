import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DUAL_REPORT_KIND_LABELS, type TDualReportView } from '@xc/domain';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, meFixture, ok } from '../account/testing.ts';
import DualReportDetailPage from './dual-report-detail-page.tsx';

const INSPECTION = '0190a0a0-0000-7000-8000-0000000000aa';
const HOME = meFixture().user.authorityId;

const VIEW: TDualReportView = {
  inspectionId: INSPECTION,
  anchor: '2026-03-02',
  version: 3,
  warnings: ['向市委巡察办报备已逾期'],
  items: [
    {
      kind: 'countyCommittee',
      label: DUAL_REPORT_KIND_LABELS.countyCommittee,
      on: '2026-03-05',
      docTitle: '关于授权巡察市XX局党组情况的报告',
      fileId: '0190a0a0-0000-7000-8000-0000000000f1',
      fileName: '县委常委会报告（盖章）.pdf',
      checkedByCityOffice: false,
      checkedOn: null,
      due: '2026-03-16',
      state: 'awaitingCheck',
      colour: 'done',
      late: false,
    },
    {
      kind: 'sectorDepartment',
      label: DUAL_REPORT_KIND_LABELS.sectorDepartment,
      on: null,
      docTitle: null,
      fileId: null,
      fileName: null,
      checkedByCityOffice: false,
      checkedOn: null,
      due: '2026-03-16',
      state: 'pending',
      colour: 'yellow',
      late: false,
    },
    {
      kind: 'cityOffice',
      label: DUAL_REPORT_KIND_LABELS.cityOffice,
      on: null,
      docTitle: null,
      fileId: null,
      fileName: null,
      checkedByCityOffice: false,
      checkedOn: null,
      due: '2026-03-10',
      state: 'overdue',
      colour: 'red',
      late: false,
    },
  ],
};

/** The machine the tests share is slow: the first answer may take seconds to render. */
const SLOW = { timeout: 10_000 };

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

/** The checklist as the office of a `level` authority sees it (both offices hold both permissions). */
function renderAs(level: 'city' | 'county') {
  server = fakeServer({
    'GET /api/auth/me': () =>
      ok(
        meFixture({
          permissions: ['self', 'authority:read', 'governance:read', 'dualReport:write', 'dualReport:check'],
        }),
      ),
    'GET /api/authorities': () =>
      ok({
        items: [
          {
            id: HOME,
            name: level === 'city' ? '某市委巡察办' : '某县委巡察办',
            shortName: '巡察办',
            level,
            parentAuthorityId: null,
            regionCode: null,
            orgCount: 0,
            version: 1,
          },
        ],
        total: 1,
      }),
    [`GET /api/inspections/${INSPECTION}/dual-report`]: () => ok(VIEW),
    [`POST /api/inspections/${INSPECTION}/dual-report/countyCommittee/check`]: () => ok(VIEW),
    [`PUT /api/inspections/${INSPECTION}/dual-report/sectorDepartment`]: () => ok(VIEW),
  });
  renderApp(
    <Routes>
      <Route path="/governance/dual-reports/:inspectionId" element={<DualReportDetailPage />} />
    </Routes>,
    { url: `/governance/dual-reports/${INSPECTION}` },
  );
}

const sent = (method: string) => (server?.sent ?? []).filter((s) => s.method === method);

describe('DualReportDetailPage', () => {
  it('shows the three records with their states and warnings; the city office checks one after confirming', async () => {
    renderAs('city');
    expect(await screen.findByText('向市委巡察办报备已逾期', {}, SLOW)).toBeTruthy();
    expect(screen.getAllByText('已报送待审核').length).toBeGreaterThan(0);
    expect(screen.getAllByText('待报送').length).toBeGreaterThan(0);
    expect(screen.getAllByText('逾期未报送').length).toBeGreaterThan(0);
    // The uploaded document is named, and downloads under that name.
    expect(screen.getByRole('button', { name: /县委常委会报告（盖章）\.pdf/ })).toBeTruthy();
    const check = await screen.findByRole('button', { name: /审核/ }, SLOW);
    // The city office does not record the county's reports.
    expect(screen.queryByRole('button', { name: /登记报送/ })).toBeNull();
    await userEvent.click(check);
    const [title] = await screen.findAllByText(`审核通过“${DUAL_REPORT_KIND_LABELS.countyCommittee}”？`, {}, SLOW);
    const dialog = title?.closest('.ant-modal') as HTMLElement;
    expect(within(dialog).getByText(/关于授权巡察市XX局党组情况的报告/)).toBeTruthy();
    expect(sent('POST')).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: '审核通过' }));
    await waitFor(() => expect(sent('POST')).toHaveLength(1));
    expect(sent('POST')[0]?.body).toEqual({ version: 3, checked: true });
  }, 60_000);

  it('lets the county office record a report with the view version, and offers it no check', async () => {
    renderAs('county');
    await screen.findByText('向市委巡察办报备已逾期', {}, SLOW);
    await waitFor(() => expect(screen.getAllByRole('button', { name: /登记报送/ })).toHaveLength(2));
    expect(screen.queryByRole('button', { name: /^审核$/ })).toBeNull();
    await userEvent.click(screen.getAllByRole('button', { name: /登记报送/ })[0] as HTMLElement);
    const input = await screen.findByLabelText('文件标题', {}, SLOW);
    await userEvent.type(input, '关于授权巡察情况的报告');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(sent('PUT')).toHaveLength(1));
    expect(sent('PUT')[0]?.body).toEqual({
      version: 3,
      on: null,
      docTitle: '关于授权巡察情况的报告',
      fileId: null,
    });
  }, 60_000);
});
