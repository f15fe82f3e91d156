import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GOVERNANCE_SETTING_LABELS, ZGovernanceSettings } from '@xc/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fail, fakeServer, meFixture, ok } from '../account/testing.ts';
import GovernanceSettingsPage from './settings-page.tsx';

const HOME = meFixture().user.authorityId;
const DEFAULTS = ZGovernanceSettings.parse({});
const PATH = `/api/authorities/${HOME}/governance-settings`;

/** The machine the tests share is slow: the first answer may take seconds to render. */
const SLOW = { timeout: 10_000 };

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

function renderSettings(put: () => ReturnType<typeof ok>) {
  server = fakeServer({
    'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'governance:read', 'governance:manage'] })),
    [`GET ${PATH}`]: () => ok({ authorityId: HOME, settings: DEFAULTS, version: 2, updatedAt: null }),
    [`PUT ${PATH}`]: put,
  });
  renderApp(<GovernanceSettingsPage />, { url: '/governance/settings' });
}

const puts = () => (server?.sent ?? []).filter((s) => s.method === 'PUT').map((s) => s.body);

async function saveAndConfirm() {
  await userEvent.click(screen.getByRole('button', { name: /保存设置/ }));
  const [title] = await screen.findAllByText('保存以巡促治设置', {}, SLOW);
  const dialog = title?.closest('.ant-modal') as HTMLElement;
  await userEvent.click(within(dialog).getByRole('button', { name: '确定保存' }));
}

describe('GovernanceSettingsPage', () => {
  it('says archiving waits for the 全宗号, and saves the settings with the version it read', async () => {
    renderSettings(() => ok({ authorityId: HOME, settings: DEFAULTS, version: 3, updatedAt: null }));
    expect(await screen.findByText('尚未设置全宗号，巡察不能归档', {}, SLOW)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(GOVERNANCE_SETTING_LABELS.bulletinNumberPrefix), {
      target: { value: '赣巡办' },
    });
    fireEvent.change(screen.getByLabelText(GOVERNANCE_SETTING_LABELS.archiveFonds), { target: { value: 'X001' } });
    await saveAndConfirm();
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]).toEqual({
      version: 2,
      settings: { ...DEFAULTS, bulletinNumberPrefix: '赣巡办', archiveFonds: 'X001' },
    });
  }, 60_000);

  it("refuses a prefix the domain's schema refuses and sends nothing", async () => {
    renderSettings(() => ok({}));
    await screen.findByText('尚未设置全宗号，巡察不能归档', {}, SLOW);
    fireEvent.change(screen.getByLabelText(GOVERNANCE_SETTING_LABELS.bulletinNumberPrefix), {
      target: { value: '赣巡办〔' },
    });
    await userEvent.click(screen.getByRole('button', { name: /保存设置/ }));
    expect(await screen.findByText('发文字号前缀不能包含括号、数字、空格或“号”字', {}, SLOW)).toBeTruthy();
    expect(puts()).toHaveLength(0);
  }, 60_000);

  it('asks to reload when someone else saved first (409)', async () => {
    renderSettings(() => fail(409, 'VERSION_CONFLICT', '数据已被修改'));
    await screen.findByText('尚未设置全宗号，巡察不能归档', {}, SLOW);
    await saveAndConfirm();
    expect((await screen.findAllByText('设置已被他人修改', {}, SLOW)).length).toBeGreaterThan(0);
  }, 60_000);
});
