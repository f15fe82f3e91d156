import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  grantConflict,
  PERMISSIONS,
  permissionsOf,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  SCOPE_TYPE_LABELS,
  SCOPE_TYPES,
  scopeTypeFor,
  THREE_ADMINS,
  type TPermission,
  type TRole,
  ZRole,
} from './roles.ts';

const BUSINESS: TRole[] = ROLES.filter((r) => !THREE_ADMINS.includes(r));
const role = fc.constantFrom(...ROLES);
const business = fc.constantFrom(...BUSINESS);
const admin = fc.constantFrom(...THREE_ADMINS);

/**
 * What 三员 may hold: their own administration (accounts, settings, grants, unlocks, audit, backup,
 * security labels) and reading the list of authorities to pick scopes. Nothing else, and in
 * particular nothing on organizations or any business/case data added later.
 */
function isAdministrative(p: TPermission): boolean {
  // directory:orgs is the name-only organization picker the 三员 need to scope accounts and grants.
  if (p === 'self' || p === 'authority:read' || p === 'directory:orgs') return true;
  const ns = p.split(':')[0];
  return ['user', 'grant', 'settings', 'audit', 'backup', 'label'].includes(ns ?? '');
}

describe('role tables', () => {
  it('labels every role and scope type in Chinese', () => {
    for (const r of ROLES) expect(ROLE_LABELS[r]).toMatch(/\p{Script=Han}/u);
    for (const s of SCOPE_TYPES) expect(SCOPE_TYPE_LABELS[s]).toMatch(/\p{Script=Han}/u);
  });

  it('gives every role a permission list drawn from the known permissions', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS).toContain(p);
  });

  it('names exactly three admins', () => {
    expect([...THREE_ADMINS].sort()).toEqual(['auditAdmin', 'secAdmin', 'sysAdmin']);
  });

  it('rejects unknown roles in schemas', () => {
    expect(ZRole.safeParse('root').success).toBe(false);
    expect(ZRole.safeParse('__proto__').success).toBe(false);
  });
});

describe('permissionsOf', () => {
  it('gives nothing but self to no role or an unknown role', () => {
    expect([...permissionsOf([])]).toEqual(['self']);
    for (const r of ['root', 'admin', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect([...permissionsOf([r as TRole])], r).toEqual(['self']);
    }
  });

  it('keeps the separation of the three admins', () => {
    expect(permissionsOf(['sysAdmin']).has('user:manage')).toBe(true);
    expect(permissionsOf(['sysAdmin']).has('settings:manage')).toBe(true);
    expect(permissionsOf(['sysAdmin']).has('grant:manage')).toBe(false);
    expect(permissionsOf(['sysAdmin']).has('audit:read')).toBe(false);
    expect(permissionsOf(['secAdmin']).has('grant:manage')).toBe(true);
    expect(permissionsOf(['secAdmin']).has('user:unlock')).toBe(true);
    expect(permissionsOf(['secAdmin']).has('user:manage')).toBe(false);
    expect(permissionsOf(['secAdmin']).has('audit:read')).toBe(false);
    expect(permissionsOf(['auditAdmin']).has('audit:read')).toBe(true);
    // Purging the log after retention is the 审计员's alone (security.md, Audit).
    expect(ROLES.filter((r) => permissionsOf([r]).has('audit:purge'))).toEqual(['auditAdmin']);
    expect(permissionsOf(['auditAdmin']).has('user:read')).toBe(false);
    expect(permissionsOf(['auditAdmin']).has('settings:read')).toBe(false);
  });

  it('never gives a 三员 role org:* or any non-administrative permission', () => {
    for (const r of THREE_ADMINS) {
      for (const p of permissionsOf([r])) {
        expect(p.startsWith('org:'), `${r} ${p}`).toBe(false);
        expect(isAdministrative(p), `${r} ${p}`).toBe(true);
      }
    }
  });

  it('never lets business roles administer accounts, grants, settings or the audit log', () => {
    for (const r of BUSINESS) {
      for (const p of permissionsOf([r]))
        expect(isAdministrative(p) && !['self', 'authority:read', 'directory:orgs'].includes(p), `${r} ${p}`).toBe(
          false,
        );
    }
  });

  it('lets only the office leader change authorities and only office roles write organizations', () => {
    const holders = (p: TPermission) => ROLES.filter((r) => permissionsOf([r]).has(p)).sort();
    expect(holders('authority:write')).toEqual(['officeLeader']);
    expect(holders('org:write')).toEqual(['officeLeader', 'officeStaff']);
    expect(holders('org:import')).toEqual(['officeLeader', 'officeStaff']);
  });

  it('is the union of the roles, always with self', () => {
    fc.assert(
      fc.property(fc.array(role, { maxLength: 5 }), (roles) => {
        const expected = new Set<TPermission>(['self', ...roles.flatMap((r) => ROLE_PERMISSIONS[r])]);
        expect(permissionsOf(roles)).toEqual(expected);
      }),
    );
  });
});

describe('scopeTypeFor', () => {
  it('scopes 三员 to the whole system', () => {
    for (const r of THREE_ADMINS) expect(scopeTypeFor(r)).toBe('system');
  });

  it('scopes the liaison and the sector recipient to an organization', () => {
    expect(scopeTypeFor('targetLiaison')).toBe('organization');
    expect(scopeTypeFor('sectorRecipient')).toBe('organization');
  });

  it('scopes every other business role to an authority', () => {
    for (const r of BUSINESS.filter((x) => x !== 'targetLiaison' && x !== 'sectorRecipient'))
      expect(scopeTypeFor(r), r).toBe('authority');
  });

  it('never scopes a business role to the whole system', () => {
    for (const r of BUSINESS) expect(scopeTypeFor(r)).not.toBe('system');
  });
});

describe('grantConflict', () => {
  it('allows any first role', () => {
    for (const r of ROLES) expect(grantConflict([], r)).toBeNull();
  });

  it('allows the same role again (another scope)', () => {
    for (const r of ROLES) expect(grantConflict([r], r)).toBeNull();
  });

  it('refuses a 三员 role on an account with another role, naming both in Chinese', () => {
    expect(grantConflict(['officeStaff'], 'sysAdmin')).toBe('系统管理员不能与其他角色（巡察办工作人员）兼任');
    expect(grantConflict(['teamLeader', 'reviewer'], 'auditAdmin')).toBe(
      '安全审计员不能与其他角色（巡察组组长、联合会审人员）兼任',
    );
  });

  it('refuses another role on a 三员 account', () => {
    expect(grantConflict(['secAdmin'], 'officeLeader')).toBe('该账号已是安全保密管理员，三员不能兼任其他角色');
  });

  it('keeps the three admins apart from each other, both ways', () => {
    for (const a of THREE_ADMINS)
      for (const b of THREE_ADMINS) {
        if (a === b) continue;
        expect(grantConflict([a], b), `${a}+${b}`).not.toBeNull();
      }
  });

  it('lets business roles combine freely', () => {
    fc.assert(
      fc.property(fc.array(business, { maxLength: 6 }), business, (existing, r) => {
        expect(grantConflict(existing, r)).toBeNull();
      }),
    );
  });

  it('refuses, in both directions, any mix of a 三员 role with a different role', () => {
    fc.assert(
      fc.property(admin, role, fc.array(role, { maxLength: 3 }), (a, other, more) => {
        fc.pre(a !== other);
        expect(grantConflict([other, ...more], a)).not.toBeNull();
        expect(grantConflict([a, ...more], other)).not.toBeNull();
      }),
    );
  });

  it('never lets a sequence of accepted grants put a 三员 role beside any other role', () => {
    fc.assert(
      fc.property(fc.array(role, { maxLength: 12 }), (requests) => {
        const held: TRole[] = [];
        for (const r of requests) if (grantConflict(held, r) === null && !held.includes(r)) held.push(r);
        if (held.some((r) => THREE_ADMINS.includes(r))) expect(held).toHaveLength(1);
      }),
    );
  });
});
