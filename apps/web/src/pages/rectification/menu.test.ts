import { permissionsOf, type TRole } from '@xc/domain';
import { describe, expect, it } from 'vitest';
import { allowed, isGroup, NAV } from '../../app/nav.tsx';

/** The menu paths a role sees, from the role's real permissions. */
function menuOf(role: TRole): string[] {
  const perms = new Set<string>(permissionsOf([role]));
  return NAV.flatMap((e) => (isGroup(e) ? e.items : [e]))
    .filter((i) => allowed(i, perms))
    .map((i) => i.path);
}

const PORTAL = [
  '/rectification/my/feedback',
  '/rectification/my/plan',
  '/rectification/my/tasks',
  '/rectification/my/reports',
];

describe('整改 menus per role', () => {
  it('gives the inspected organization’s liaison its own portal and nothing of the inspection’s work', () => {
    const menu = menuOf('targetLiaison');
    // Its own register of rules made is the one page it shares with the office (its own rows only).
    expect(menu.filter((p) => p.startsWith('/rectification'))).toEqual([...PORTAL, '/rectification/rule-makings']);
    // Never clues, interviews, working papers or petitions.
    for (const p of menu) expect(p).not.toMatch(/^\/(fieldwork|case-handling|reports)/);
  });

  it('gives the office the supervision menu and not the liaison’s portal', () => {
    for (const role of ['officeStaff', 'officeLeader'] as const) {
      const menu = menuOf(role);
      expect(menu).toEqual(
        expect.arrayContaining([
          '/rectification/ledger',
          '/rectification/inspections',
          '/rectification/approvals',
          '/rectification/red-cards',
          '/rectification/stats',
          '/rectification/evaluations',
          '/rectification/publication',
          '/rectification/reviews',
          '/rectification/rule-makings',
          '/rectification/settings',
        ]),
      );
      for (const p of PORTAL) expect(menu).not.toContain(p);
    }
  });

  it('gives a joint reviewer only the review queue of the rectification pages', () => {
    expect(menuOf('reviewer').filter((p) => p.startsWith('/rectification'))).toEqual(['/rectification/reviews']);
  });

  it('lets a team leader record feedback, score the evaluation and rate in joint review', () => {
    expect(menuOf('teamLeader').filter((p) => p.startsWith('/rectification'))).toEqual([
      '/rectification/inspections',
      '/rectification/evaluations',
      '/rectification/reviews',
    ]);
  });

  it('lets a leader read the ledger and the figures without supervising', () => {
    expect(menuOf('leader').filter((p) => p.startsWith('/rectification'))).toEqual([
      '/rectification/ledger',
      '/rectification/stats',
    ]);
  });
});
