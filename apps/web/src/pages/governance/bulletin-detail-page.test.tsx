import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TBulletin } from '@xc/domain';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, meFixture, ok } from '../account/testing.ts';
import BulletinDetailPage from './bulletin-detail-page.tsx';

const ID = '0190a0a0-0000-7000-8000-0000000000b1';
const HOME = meFixture().user.authorityId ?? '';

function bulletin(over: Partial<TBulletin>): TBulletin {
  return {
    id: ID,
    authorityId: HOME,
    termId: '0190a0a0-0000-7000-8000-0000000000c1',
    sector: '交通',
    title: '关于交通领域巡察发现共性问题的通报',
    status: 'draft',
    number: null,
    year: null,
    seq: null,
    commonProblems: [{ id: '0190a0a0-0000-7000-8000-0000000000d1', name: '黑车非法营运' }],
    recipients: [
      {
        kind: 'sectorLeader',
        name: '张副市长',
        orgId: null,
        userId: '0190a0a0-0000-7000-8000-0000000000e1',
        readAt: '2026-03-06T02:15:00.000Z',
      },
      {
        kind: 'competentDept',
        name: '市交通运输局',
        orgId: '0190a0a0-0000-7000-8000-0000000000f1',
        userId: null,
        readAt: null,
      },
    ],
    intro: null,
    requestedActions: '请举一反三开展自查自纠。',
    nameOrganizations: false,
    approvedOn: null,
    sentOn: null,
    createdAt: '2026-03-01T01:00:00.000Z',
    version: 5,
    ...over,
  };
}

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

function renderAs(permissions: string[], b: TBulletin) {
  server = fakeServer({
    'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', ...permissions] })),
    [`GET /api/bulletins/${ID}`]: () => ok(b),
    [`POST /api/bulletins/${ID}/move`]: (s) =>
      ok({ ...b, status: (s.body as { to: string }).to, version: b.version + 1 }),
  });
  renderApp(
    <Routes>
      <Route path="/governance/bulletins/:id" element={<BulletinDetailPage />} />
    </Routes>,
    { url: `/governance/bulletins/${ID}` },
  );
}

const posts = () => (server?.sent ?? []).filter((s) => s.method === 'POST');

describe('BulletinDetailPage', () => {
  it('sends an approved bulletin only after the confirmation, and shows the read receipts once sent', async () => {
    renderAs(
      ['governance:read', 'governance:manage', 'bulletin:approve'],
      bulletin({ status: 'approved', number: '赣巡办〔2026〕3号', approvedOn: '2026-03-05' }),
    );
    expect(await screen.findByText('赣巡办〔2026〕3号')).toBeTruthy();
    expect(screen.getAllByText('尚未印发')).toHaveLength(2);
    await userEvent.click(await screen.findByRole('button', { name: '印发' }));
    const dialog = (await screen.findByText('印发后将送达接收对象，不能再修改。')).closest('.ant-modal') as HTMLElement;
    expect(posts()).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: '印发' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]?.body).toEqual({ version: 5, to: 'sent' });
  });

  it('shows 已读 with the time and 未读 per recipient of a sent bulletin', async () => {
    renderAs(['governance:read'], bulletin({ status: 'sent', number: '赣巡办〔2026〕3号', sentOn: '2026-03-06' }));
    expect(await screen.findByText(/^已读/)).toBeTruthy();
    expect(screen.getByText('未读')).toBeTruthy();
    // A reader without governance:manage has no action but the download.
    expect(screen.queryByRole('button', { name: '印发' })).toBeNull();
    expect(screen.queryByRole('button', { name: '编辑' })).toBeNull();
    expect(screen.getByRole('button', { name: /下载通报/ })).toBeTruthy();
  });

  it('tells staff without bulletin:approve that a leader approves, and offers them no 审批通过', async () => {
    renderAs(['governance:read', 'governance:manage'], bulletin({}));
    expect(await screen.findByText(/须经巡察办领导审批通过/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '编辑' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '审批通过' })).toBeNull();
  });

  it('lets a leader approve a draft after confirming', async () => {
    renderAs(['governance:read', 'governance:manage', 'bulletin:approve'], bulletin({}));
    await userEvent.click((await screen.findAllByRole('button', { name: '审批通过' }))[0] as HTMLElement);
    const pop = await screen.findByText('审批通过该通报？');
    const box = pop.closest('.ant-popover') as HTMLElement;
    await userEvent.click(within(box).getByRole('button', { name: '审批通过' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]?.body).toEqual({ version: 5, to: 'approved' });
  });
});
