import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, meFixture, ok } from '../account/testing.ts';
import ArchiveBorrowsPage from './archive-borrows-page.tsx';
import ArchivePage from './archive-page.tsx';

const READY = '0190a0a0-0000-7000-8000-0000000000b1';
const BLOCKED = '0190a0a0-0000-7000-8000-0000000000b2';
const BORROW = '0190a0a0-0000-7000-8000-0000000000c1';
const ITEM = '0190a0a0-0000-7000-8000-0000000000d1';

/** The machine the tests share is slow: the first answer may take seconds to render. */
const SLOW = { timeout: 10_000 };

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

const sent = (method: string) => (server?.sent ?? []).filter((s) => s.method === method);
const empty = { items: [], total: 0, nextCursor: null };

describe('ArchivePage (待归档)', () => {
  it('says why an inspection cannot be filed yet, and files another after a confirmation that it becomes read-only', async () => {
    server = fakeServer({
      'GET /api/auth/me': () =>
        ok(meFixture({ permissions: ['self', 'archive:read', 'archive:borrow', 'governance:manage'] })),
      'GET /api/terms': () => ok(empty),
      'GET /api/archive/inspections': () =>
        ok({
          items: [
            {
              inspectionId: READY,
              inspectionName: '十四届市委第二轮巡察 · 市交通运输局党组',
              stage: 'published',
              archivedDate: null,
              items: 12,
              problem: null,
            },
            {
              inspectionId: BLOCKED,
              inspectionName: '十四届市委第二轮巡察 · 市卫健委党组',
              stage: 'evaluated',
              archivedDate: null,
              items: 9,
              problem: '整改情况尚未公开，不能归档',
            },
          ],
          total: 2,
          nextCursor: null,
        }),
      [`POST /api/inspections/${READY}/archive`]: () =>
        ok({ inspectionId: READY, filed: 12, firstNumber: 'X001-2026-WS-0001', lastNumber: 'X001-2026-YW-0012' }),
    });
    renderApp(<ArchivePage />, { url: '/governance/archive' });
    expect(await screen.findByText('整改情况尚未公开，不能归档', {}, SLOW)).toBeTruthy();
    const buttons = screen.getAllByRole('button', { name: /归档/ });
    expect(buttons).toHaveLength(2);
    expect((buttons[1] as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(buttons[0] as HTMLElement);
    const [title] = await screen.findAllByText('将“十四届市委第二轮巡察 · 市交通运输局党组”归档？', {}, SLOW);
    const dialog = title?.closest('.ant-modal') as HTMLElement;
    expect(within(dialog).getByText(/归档后该巡察转为只读/)).toBeTruthy();
    expect(sent('POST')).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: '确认归档' }));
    expect(await screen.findByText('已归档12件，档号 X001-2026-WS-0001 至 X001-2026-YW-0012', {}, SLOW)).toBeTruthy();
    expect(sent('POST')).toHaveLength(1);
  }, 180_000);
});

describe('ArchiveBorrowsPage (借阅审批)', () => {
  it('does not refuse a request without a reason, then sends the reason with the version', async () => {
    server = fakeServer({
      'GET /api/auth/me': () =>
        ok(meFixture({ permissions: ['self', 'archive:read', 'archive:borrow', 'archive:approve'] })),
      'GET /api/archive/borrows': () =>
        ok({
          items: [
            {
              id: BORROW,
              authorityId: meFixture().user.authorityId,
              items: [{ id: ITEM, catalogueNumber: 'X001-2026-WS-0001', title: '巡察报告（定稿）' }],
              reason: '开展巡察回头看需查阅上轮报告',
              until: '2026-04-30',
              status: 'requested',
              requestedByName: '王组长',
              requestedAt: '2026-04-01T02:00:00.000Z',
              decidedByName: null,
              decidedAt: null,
              comment: null,
              returnedAt: null,
              overdue: false,
              version: 5,
            },
          ],
          total: 1,
          nextCursor: null,
        }),
      [`POST /api/archive/borrows/${BORROW}/decide`]: (s) => ok({ ...(s.body as object) }),
    });
    renderApp(<ArchiveBorrowsPage />, { url: '/governance/archive/borrows?tab=approve' });
    await userEvent.click(await screen.findByRole('button', { name: '不批准' }, SLOW));
    const [title] = await screen.findAllByText('不予批准', {}, SLOW);
    const dialog = title?.closest('.ant-modal') as HTMLElement;
    await userEvent.click(within(dialog).getByRole('button', { name: '不予批准' }));
    expect(await within(dialog).findByText('不批准须说明理由', {}, SLOW)).toBeTruthy();
    expect(sent('POST')).toHaveLength(0);
    await userEvent.type(within(dialog).getByLabelText('不批准的理由'), '借阅事由与本人工作无关');
    await userEvent.click(within(dialog).getByRole('button', { name: '不予批准' }));
    await waitFor(() => expect(sent('POST')).toHaveLength(1));
    expect(sent('POST')[0]?.body).toEqual({ version: 5, decision: 'reject', comment: '借阅事由与本人工作无关' });
  }, 180_000);
});
