import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_SETTINGS, SETTING_LABELS, type TSettings } from '@xc/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { recordAddedText } from '../../test/added-text.ts';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, ok } from '../account/testing.ts';
import SettingsPage from './settings-page.tsx';

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

function renderSettings(settings: TSettings) {
  server = fakeServer({
    'GET /api/settings': () => ok({ settings, version: 4, updatedAt: null }),
    'PUT /api/settings': (s) => ok({ ...(s.body as object), updatedAt: '2026-03-02T01:30:00.000Z' }),
  });
  renderApp(<SettingsPage />, { url: '/admin/settings' });
}

const puts = () => (server?.sent ?? []).filter((s) => s.method === 'PUT').map((s) => s.body);
const save = () => userEvent.click(screen.getByRole('button', { name: '保存设置' }));

describe('SettingsPage: second factor, sessions, inactivity, exports', () => {
  it('shows the roles that must use the second factor by their Chinese names and saves the new settings', async () => {
    renderSettings({ ...DEFAULT_SETTINGS, totpRequiredRoles: ['sysAdmin', 'secAdmin'] });
    await screen.findByText(SETTING_LABELS.totpRequiredRoles);
    expect(screen.getByText('系统管理员')).toBeTruthy();
    expect(screen.getByText('安全保密管理员')).toBeTruthy();
    // The 等保 set leaves out the 安全审计员 and the office: said under the select.
    expect(screen.getByText(/以下角色未勾选，登录时只需密码：安全审计员、巡察办领导、巡察办工作人员/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(SETTING_LABELS.inactiveDisableDays), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText(SETTING_LABELS.maxSessionsPerUser), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText(SETTING_LABELS.exportsPerHour), { target: { value: '30' } });
    await save();
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]).toEqual({
      version: 4,
      settings: {
        ...DEFAULT_SETTINGS,
        totpRequiredRoles: ['sysAdmin', 'secAdmin'],
        inactiveDisableDays: 0,
        maxSessionsPerUser: 2,
        exportsPerHour: 30,
      },
    });
  });

  it("checks the new settings with the domain's schema and sends nothing it refuses", async () => {
    // Every text the page ever adds is kept, so a warning drawn for one render and gone the next counts.
    const seen = recordAddedText();
    renderSettings(DEFAULT_SETTINGS);
    await screen.findByText(SETTING_LABELS.totpRequiredRoles);
    const added = seen.stop();
    // All the recommended roles are chosen: the warning is not shown, not even while the form loads.
    expect(screen.queryByText(/以下角色未勾选/)).toBeNull();
    expect(added.filter((t) => t.includes('以下角色未勾选'))).toEqual([]);
    fireEvent.change(screen.getByLabelText(SETTING_LABELS.exportsPerHour), { target: { value: '' } });
    await save();
    expect(await screen.findByText(`${SETTING_LABELS.exportsPerHour}不能为空`)).toBeTruthy();
    expect(puts()).toHaveLength(0);
  });
});
