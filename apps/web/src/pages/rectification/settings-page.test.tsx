import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ZRectificationSettings } from '@xc/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { recordAddedText } from '../../test/added-text.ts';
import { renderApp } from '../../test/render.tsx';
import { fail, fakeServer, meFixture, ok } from '../account/testing.ts';
import RectificationSettingsPage, { settingsBody, toValues } from './settings-page.tsx';

const HOME = meFixture().user.authorityId;
const DEFAULTS = ZRectificationSettings.parse({});
const PATH = `/api/authorities/${HOME}/rectification-settings`;
const ROSTER_PATH = `/api/authorities/${HOME}/review-parties`;
const LI = '11111111-1111-4111-8111-111111111111';
const WANG = '22222222-2222-4222-8222-222222222222';

const roster = (liParty: string | null) => ({
  authorityId: HOME,
  parties: DEFAULTS.reviewParties.map((p) => ({
    ...p,
    members: p.key === liParty ? [{ userId: LI, displayName: '李会审', username: 'li' }] : [],
  })),
  candidates: [
    { userId: LI, displayName: '李会审', username: 'li', party: liParty },
    { userId: WANG, displayName: '王会审', username: 'wang', party: null },
  ],
});

/** The machine the tests share is slow: the first answer may take seconds to render. */
const SLOW = { timeout: 10_000 };

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

function renderSettings(opts: { put?: () => ReturnType<typeof ok>; permissions?: string[] } = {}) {
  server = fakeServer({
    'GET /api/auth/me': () =>
      ok(meFixture({ permissions: opts.permissions ?? ['self', 'rectification:read', 'rectification:supervise'] })),
    [`GET ${PATH}`]: () => ok({ authorityId: HOME, settings: DEFAULTS, version: 2, updatedAt: null }),
    [`PUT ${PATH}`]: opts.put ?? (() => ok({ authorityId: HOME, settings: DEFAULTS, version: 3, updatedAt: null })),
    [`GET ${ROSTER_PATH}`]: () => ok(roster(null)),
    [`PUT ${ROSTER_PATH}/members`]: () => ok(roster('discipline')),
  });
  renderApp(<RectificationSettingsPage />, { url: '/rectification/settings' });
}

const sentTo = (method: string, path: string) =>
  (server?.sent ?? []).filter((s) => s.method === method && s.path === path).map((s) => s.body);

async function saveAndConfirm() {
  await userEvent.click(screen.getByRole('button', { name: /保存设置/ }));
  const [title] = await screen.findAllByText('保存整改设置', {}, SLOW);
  const dialog = title?.closest('.ant-modal') as HTMLElement;
  await userEvent.click(within(dialog).getByRole('button', { name: '确定保存' }));
}

describe('settingsBody', () => {
  it('gives new parties and items codes no other row holds, and drops the survey rule of a manual item', () => {
    const v = toValues(DEFAULTS);
    v.reviewParties = [...(v.reviewParties ?? []).slice(0, 2), { key: 'party1', name: '审计局' }, { name: ' 信访局 ' }];
    v.scorecardItems = [
      ...(v.scorecardItems ?? []),
      { name: '问责追责', maxDeduction: 5, source: 'manual', fullMarksFrom: 80, perPoint: null },
    ];
    const body = settingsBody(v) as typeof DEFAULTS;
    expect(body.reviewParties.map((p) => p.key)).toEqual(['discipline', 'organization', 'party1', 'party2']);
    expect(body.reviewParties[3]?.name).toBe('信访局');
    expect(body.scorecard.items.at(-1)).toEqual({ key: 'item1', name: '问责追责', maxDeduction: 5, source: 'manual' });
    // The defaults already deduct 100 in all, so the added item is one too many for the schema.
    const r = ZRectificationSettings.safeParse(body);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['各评分项最高扣分之和不能超过100分']);
  });
});

describe('RectificationSettingsPage', () => {
  it('saves the settings with the version it read, a renamed party keeping its code', async () => {
    renderSettings();
    const first = await screen.findByLabelText('第1家会审单位名称', {}, SLOW);
    fireEvent.change(first, { target: { value: '市纪委监委' } });
    fireEvent.change(screen.getByLabelText('临期预警（工作日）'), { target: { value: '10' } });
    await saveAndConfirm();
    await waitFor(() => expect(sentTo('PUT', PATH)).toHaveLength(1));
    expect(sentTo('PUT', PATH)[0]).toEqual({
      version: 2,
      settings: {
        ...DEFAULTS,
        warningWorkingDays: 10,
        reviewParties: DEFAULTS.reviewParties.map((p, i) => (i === 0 ? { ...p, name: '市纪委监委' } : p)),
      },
    });
  }, 60_000);

  it("refuses weights the domain's schema refuses and sends nothing", async () => {
    const seen = recordAddedText();
    renderSettings();
    await screen.findByLabelText('第1家会审单位名称', {}, SLOW);
    // The saved weights add up to 100: no red total, not even before the form has its values.
    const totals = seen.stop().flatMap((t) => t.match(/权重合计 \d+%/g) ?? []);
    expect(totals.length).toBeGreaterThan(0);
    expect(totals.filter((t) => t !== '权重合计 100%')).toEqual([]);
    fireEvent.change(screen.getByLabelText('巡察办'), { target: { value: '60' } });
    await userEvent.click(screen.getByRole('button', { name: /保存设置/ }));
    expect((await screen.findAllByText(/各评估主体权重之和应为100/, {}, SLOW)).length).toBeGreaterThan(0);
    expect(sentTo('PUT', PATH)).toHaveLength(0);
  }, 60_000);

  it('asks to reload when someone else saved first (409)', async () => {
    renderSettings({ put: () => fail(409, 'VERSION_CONFLICT', '整改设置已被他人修改，请刷新后重试') });
    await screen.findByLabelText('第1家会审单位名称', {}, SLOW);
    await saveAndConfirm();
    expect((await screen.findAllByText('设置已被他人修改', {}, SLOW)).length).toBeGreaterThan(0);
  }, 60_000);

  it('puts a reviewer in a party and shows the parties still without anyone', async () => {
    renderSettings();
    expect(await screen.findByText(/尚未指定会审人员，联合会审将无法完成/, {}, SLOW)).toBeTruthy();
    const select = screen.getByLabelText('李会审所属会审单位');
    fireEvent.mouseDown(select);
    const options = await screen.findAllByTitle('纪委监委', {}, SLOW);
    await userEvent.click(options.at(-1) as HTMLElement);
    await waitFor(() => expect(sentTo('PUT', `${ROSTER_PATH}/members`)).toEqual([{ userId: LI, party: 'discipline' }]));
    expect(await screen.findByText('纪委监委：李会审', {}, SLOW)).toBeTruthy();
  }, 60_000);

  it('is read-only without rectification:supervise', async () => {
    renderSettings({ permissions: ['self', 'rectification:read'] });
    expect(await screen.findByText('您可以查看整改设置；如需修改请联系巡察办', {}, SLOW)).toBeTruthy();
    await screen.findByLabelText('第1家会审单位名称', {}, SLOW);
    expect(screen.queryByRole('button', { name: /保存设置/ })).toBeNull();
    expect((screen.getByLabelText('第1家会审单位名称') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByLabelText('李会审所属会审单位').closest('.ant-select-disabled')).toBeTruthy();
  }, 60_000);
});
