import { permissionsOf, type TRole } from '@xc/domain';
import { describe, expect, it } from 'vitest';
import { allowed, findNav, isGroup, NAV } from '../../app/nav.tsx';

/** The menu paths a role sees, from the role's real permissions. */
function menuOf(role: TRole): string[] {
  const perms = new Set<string>(permissionsOf([role]));
  return NAV.flatMap((e) => (isGroup(e) ? e.items : [e]))
    .filter((i) => allowed(i, perms))
    .map((i) => i.path);
}

const OFFICE_PAGES = [
  '/governance',
  '/governance/common-problems',
  '/governance/bulletins',
  '/governance/reminders',
  '/governance/campaigns',
  '/governance/consultations',
  '/governance/dual-reports',
  '/governance/conduct',
  '/governance/archive',
  '/governance/archive/borrows',
  '/governance/settings',
];

describe('以巡促治 menus per role', () => {
  it('gives the office the 以巡促治 group, and neither the inbox nor the liaison’s report page', () => {
    for (const role of ['officeStaff', 'officeLeader'] as const) {
      const menu = menuOf(role);
      expect(menu.filter((p) => p.startsWith('/governance'))).toEqual(OFFICE_PAGES);
      expect(menu).not.toContain('/inbox');
      expect(menu).not.toContain('/governance/my-campaigns');
    }
  });

  it('puts the 以巡促治 group right after 整改监督', () => {
    const keys = NAV.filter(isGroup).map((g) => g.key);
    expect(keys.indexOf('governance')).toBe(keys.indexOf('rectification') + 1);
  });

  it('gives a sector recipient only its inbox (besides the home page)', () => {
    expect(menuOf('sectorRecipient')).toEqual(['/', '/inbox']);
  });

  it('gives the inspected organization’s liaison the campaign report page and nothing else of 以巡促治', () => {
    const menu = menuOf('targetLiaison');
    expect(menu).toContain('/governance/my-campaigns');
    expect(menu.filter((p) => p.startsWith('/governance'))).toEqual(['/governance/my-campaigns']);
    expect(menu).not.toContain('/inbox');
  });

  it('lets a leader read the governance pages without managing them or the archive', () => {
    const menu = menuOf('leader').filter((p) => p.startsWith('/governance'));
    expect(menu).toEqual([
      '/governance',
      '/governance/common-problems',
      '/governance/bulletins',
      '/governance/reminders',
      '/governance/campaigns',
      '/governance/consultations',
      '/governance/dual-reports',
      '/governance/conduct',
    ]);
  });

  it('keeps a team member out of 以巡促治 except borrowing from the archive (a team leader)', () => {
    expect(menuOf('teamMember').filter((p) => p.startsWith('/governance') || p === '/inbox')).toEqual([]);
    expect(menuOf('teamLeader').filter((p) => p.startsWith('/governance'))).toEqual(['/governance/archive/borrows']);
  });

  it('highlights the list a detail page belongs to', () => {
    expect(findNav('/governance/bulletins/0b6f0a52-1111-4c1e-9a7d-1234567890ab')?.item.path).toBe(
      '/governance/bulletins',
    );
    expect(findNav('/governance/campaigns/0b6f0a52-1111-4c1e-9a7d-1234567890ab')?.group?.key).toBe('governance');
    expect(findNav('/governance/my-campaigns')?.item.path).toBe('/governance/my-campaigns');
  });
});
