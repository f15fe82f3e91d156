import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fail, fakeServer, meFixture, ok } from '../account/testing.ts';
import { RecheckTab } from './recheck-tab.tsx';

/** The machine the tests share is slow: the first answer may take seconds to render. */
const SLOW = { timeout: 10_000 };

const INS = '0190a0a0-0000-7000-8000-0000000002a1';
const EARLIER = '0190a0a0-0000-7000-8000-0000000002a2';
const F1 = '0190a0a0-0000-7000-8000-0000000002a3';
const F2 = '0190a0a0-0000-7000-8000-0000000002a4';
const TASK = '0190a0a0-0000-7000-8000-0000000002a5';
const CHECK = '0190a0a0-0000-7000-8000-0000000002a6';
const NEW_FINDING = '0190a0a0-0000-7000-8000-0000000002a7';
const PATH = `/api/inspections/${INS}/recheck`;

const view = {
  inspectionId: INS,
  lookBackOfId: EARLIER,
  lookBackOfLabel: '十三届市委第五轮巡察 · 市水务局党组',
  items: [
    {
      finding: { id: F1, title: '工程项目招投标不规范', facts: '经查，三个项目未公开招标。', orgName: '市水务局党组' },
      rectification: 'rectified',
      tasks: [
        {
          id: TASK,
          kind: 'timeLimited',
          measures: '修订招投标管理办法',
          deadline: '2024-06-30',
          ledgerStatus: 'writtenOff',
          writtenOffOn: '2024-07-05',
        },
      ],
      recheck: {
        id: CHECK,
        inspectionId: INS,
        originalFindingId: F1,
        originalFindingTitle: '工程项目招投标不规范',
        result: 'inadequate',
        facts: '新修订的办法未执行，2025年仍有两个项目直接发包。',
        checkedOn: '2026-04-02',
        newFindingId: NEW_FINDING,
        version: 2,
      },
    },
    {
      finding: { id: F2, title: '公务用车管理混乱', facts: '经查，车辆登记不全。', orgName: '市水务局党组' },
      rectification: 'ongoing',
      tasks: [],
      recheck: null,
    },
  ],
};

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());
const posts = () => (server?.sent ?? []).filter((s) => s.method === 'POST');

describe('RecheckTab (回头看)', () => {
  it('shows what was found, refuses a 不到位 without facts, then posts the recheck', async () => {
    server = fakeServer({
      'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'rectification:read', 'recheck:write'] })),
      [`GET ${PATH}`]: () => ok(view),
      [`POST ${PATH}`]: () => ok(view),
    });
    renderApp(<RecheckTab inspectionId={INS} stage="onSite" />);
    expect(await screen.findByText(/共 2 个问题，已核查 1 个，其中整改不到位 1 个/, {}, SLOW)).toBeTruthy();
    expect(screen.getByText('已转为本轮问题')).toBeTruthy();
    expect(screen.getByText('整改不到位', { selector: '.ant-tag' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: '核查' }));
    const dialog = (await screen.findAllByText('核查整改情况', {}, SLOW))[0]?.closest('.ant-modal') as HTMLElement;
    await userEvent.click(within(dialog).getByText('整改不到位'));
    await userEvent.type(within(dialog).getByLabelText('核查情况'), '仍未整改');
    await userEvent.click(within(dialog).getByRole('button', { name: '登记核查结果' }));
    expect(
      (await within(dialog).findAllByText('整改不到位须写明核查发现的事实（至少10个字）', {}, SLOW)).length,
    ).toBeGreaterThan(0);
    expect(posts()).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('核查情况'), '，车辆登记台账至今缺少六台车辆');
    await userEvent.click(within(dialog).getByRole('button', { name: '登记核查结果' }));
    await waitFor(() => expect(posts()).toHaveLength(1), SLOW);
    expect(posts()[0]?.body).toEqual({
      items: [{ findingId: F2, result: 'inadequate', facts: '仍未整改，车辆登记台账至今缺少六台车辆' }],
    });
  }, 180_000);

  it('is read only once the inspection left the on-site and reporting stages', async () => {
    server = fakeServer({
      'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'rectification:read', 'recheck:write'] })),
      [`GET ${PATH}`]: () => ok(view),
    });
    renderApp(<RecheckTab inspectionId={INS} stage="rectifying" />);
    expect(await screen.findByText(/核查结果仅供查看/, {}, SLOW)).toBeTruthy();
    expect(screen.getByText('未核查')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '核查' })).toBeNull();
  }, 120_000);

  it('says so when the inspection is no look-back', async () => {
    server = fakeServer({
      'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'rectification:read'] })),
      [`GET ${PATH}`]: () => fail(409, 'CONFLICT', '本次巡察不是“回头看”，没有需要核查的上轮巡察问题'),
    });
    renderApp(<RecheckTab inspectionId={INS} stage="rectifying" />);
    expect(await screen.findByText('本次巡察不是“回头看”，没有需要核查的上轮巡察问题', {}, SLOW)).toBeTruthy();
  }, 120_000);
});
