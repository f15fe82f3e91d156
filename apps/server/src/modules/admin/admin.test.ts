import { desc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  lastAudit,
  login,
  loginAs,
  makeAuthority,
  makeOrg,
  makeUser,
  type Session,
  type TestContext,
  tryLogin,
} from '../../../test/helpers.ts';
import { auditLog, users } from '../../db/schema/index.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { REAUTH_WINDOW_MS } from '../../platform/auth.ts';

let t: TestContext;
let city: string;
let sys: Session;
let sec: Session;
let aud: Session;
let staff: Session;

beforeAll(async () => {
  t = await buildTestApp();
  city = await makeAuthority(t, { name: '赣州市委巡察办' });
  sys = await loginAs(t, { role: 'sysAdmin' });
  sec = await loginAs(t, { role: 'secAdmin' });
  aud = await loginAs(t, { role: 'auditAdmin' });
  staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
});
afterAll(async () => t.close());

describe('三员分立: who may do what', () => {
  const matrix: [string, string, string, Record<string, number>][] = [
    ['GET', '/api/users', '', { sys: 200, sec: 200, aud: 403, staff: 403 }],
    ['POST', '/api/users', 'create', { sys: 201, sec: 403, aud: 403, staff: 403 }],
    ['GET', '/api/settings', '', { sys: 200, sec: 403, aud: 403, staff: 403 }],
    ['GET', '/api/audit', '', { sys: 403, sec: 403, aud: 200, staff: 403 }],
    ['GET', '/api/audit/verify', '', { sys: 403, sec: 403, aud: 200, staff: 403 }],
    ['GET', '/api/orgs', '', { sys: 403, sec: 403, aud: 403, staff: 200 }],
  ];
  for (const [method, url, kind, expected] of matrix)
    it(`${method} ${url}`, async () => {
      const who: Record<string, Session> = { sys, sec, aud, staff };
      for (const [name, status] of Object.entries(expected)) {
        const body =
          kind === 'create' ? { username: `m${name}${Date.now() % 100000}`, displayName: '矩阵测试' } : undefined;
        const res = await who[name]?.request(method, url, body);
        expect(res?.statusCode, `${name} ${method} ${url}`).toBe(status);
      }
    });

  it('none of the 三员 reads case data (organizations)', async () => {
    const org = await makeOrg(t, { authorityId: city });
    for (const s of [sys, sec, aud]) expect((await s.get(`/api/orgs/${org}`)).statusCode).toBe(403);
  });

  it('a denied request is audited', async () => {
    await aud.get('/api/users');
    const row = await lastAudit(t, 'auth.denied');
    expect(row?.result).toBe('denied');
    expect(row?.objectId).toBe('GET /api/users');
  });
});

describe('accounts (系统管理员)', () => {
  it('creates an account without roles and a one-time password that must be changed', async () => {
    expect((await sys.post('/api/users', { username: 'ab', displayName: '太短' })).statusCode).toBe(400);
    expect((await sys.post('/api/users', { username: 'okname', displayName: '' })).statusCode).toBe(400);
    const res = await sys.post('/api/users', { username: 'Li.Ming', displayName: '李明', authorityId: city });
    expect(res.statusCode).toBe(201);
    const { id, oneTimePassword, username } = res.json();
    expect(username).toBe('li.ming');
    const grants = (await sec.get(`/api/users/${id}/grants`)).json();
    expect(grants.items).toEqual([]);
    const s = await login(t, 'li.ming', oneTimePassword);
    expect((await s.get('/api/auth/me')).json().mustChangePassword).toBe(true);
  });

  it('GET /api/users/:id shows the account with its roles and organization name', async () => {
    const org = await makeOrg(t, { authorityId: city, name: '账号所属单位' });
    const created = (
      await sys.post('/api/users', { username: 'liaison.x', displayName: '联络员甲', orgId: org })
    ).json();
    const res = await sec.get(`/api/users/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'liaison.x', orgName: '账号所属单位', roles: [] });
    expect((await aud.get(`/api/users/${created.id}`)).statusCode).toBe(403);
    expect((await sec.get('/api/users/01890000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('usernames collide after NFKC folding', async () => {
    await sys.post('/api/users', { username: 'wangfang', displayName: '王芳' });
    const res = await sys.post('/api/users', { username: 'ＷＡＮＧＦＡＮＧ', displayName: '王芳2' });
    expect(res.statusCode).toBe(409);
    const zw = await sys.post('/api/users', { username: 'wang\u200Bfang', displayName: '王芳3' });
    expect(zw.statusCode).toBe(409);
  });

  it('disabling an account ends its sessions; edits are version-checked', async () => {
    const u = await makeUser(t);
    const s = await login(t, u.username, u.password);
    const res = await sys.patch(`/api/users/${u.id}`, { version: 1, status: 'disabled' });
    expect(res.statusCode).toBe(200);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    expect((await sys.patch(`/api/users/${u.id}`, { version: 1, displayName: '改名' })).statusCode).toBe(409);
    expect(
      (await sys.patch('/api/users/01890000-0000-7000-8000-000000000000', { version: 1, displayName: 'x' })).statusCode,
    ).toBe(404);
  });

  it('resetting a password needs re-authentication', async () => {
    // A session of its own: the shared one may have re-authenticated in another test.
    const sys = await loginAs(t, { role: 'sysAdmin' });
    const u = await makeUser(t);
    const first = await sys.post(`/api/users/${u.id}/reset-password`);
    expect(first.json().code).toBe('REAUTH_REQUIRED');
    await sys.reauth();
    const res = await sys.post(`/api/users/${u.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect(res.json().oneTimePassword.length).toBeGreaterThanOrEqual(12);
  });
});

describe('grants and unlocks (安全保密管理员)', () => {
  it('grants a role with a scope after re-authentication; the 三员 stay exclusive', async () => {
    const sec = await loginAs(t, { role: 'secAdmin' });
    const u = await makeUser(t);
    const body = { role: 'officeStaff', scopeType: 'authority', scopeId: city, includeChildren: false };
    expect((await sec.post(`/api/users/${u.id}/grants`, body)).json().code).toBe('REAUTH_REQUIRED');
    await sec.reauth();
    expect(
      (await sec.post(`/api/users/${u.id}/grants`, { ...body, scopeType: 'system', scopeId: null })).statusCode,
    ).toBe(400);
    expect((await sec.post(`/api/users/${u.id}/grants`, { ...body, scopeId: null })).statusCode).toBe(400);
    const g = await sec.post(`/api/users/${u.id}/grants`, body);
    expect(g.statusCode).toBe(201);
    expect(g.json().scopeName).toBe('赣州市委巡察办');
    const admin = await sec.post(`/api/users/${u.id}/grants`, {
      role: 'auditAdmin',
      scopeType: 'system',
      includeChildren: false,
    });
    expect(admin.statusCode).toBe(409);
    expect(admin.json().message).toContain('不能');
    const adminUser = await makeUser(t, { grants: [{ role: 'sysAdmin' }] });
    const mix = await sec.post(`/api/users/${adminUser.id}/grants`, body);
    expect(mix.statusCode).toBe(409);
    const s = await login(t, u.username, u.password);
    expect((await s.get('/api/orgs')).statusCode).toBe(200);
    // A delete is confirmed with the password, like an export: once the confirmation of the grant
    // above is older than the window, nothing is revoked without a new one.
    t.clock.advance(REAUTH_WINDOW_MS + 1000);
    const unconfirmed = await sec.del(`/api/grants/${g.json().id}`);
    expect(unconfirmed.statusCode).toBe(401);
    expect(unconfirmed.json().code).toBe('REAUTH_REQUIRED');
    expect((await s.get('/api/orgs')).statusCode).toBe(200);
    await sec.reauth();
    expect((await sec.del(`/api/grants/${g.json().id}`)).statusCode).toBe(204);
    // Revoking ends the account's sessions so the rights go at once.
    expect((await s.get('/api/orgs')).statusCode).toBe(401);
  });

  it('the 系统管理员 cannot grant roles', async () => {
    const sys = await loginAs(t, { role: 'sysAdmin' });
    const u = await makeUser(t);
    await sys.reauth();
    expect(
      (await sys.post(`/api/users/${u.id}/grants`, { role: 'officeStaff', scopeType: 'authority', scopeId: city }))
        .statusCode,
    ).toBe(403);
  });

  it('unlocks a locked account', async () => {
    const u = await makeUser(t);
    for (let i = 0; i < 5; i++) await tryLogin(t, u.username, 'x');
    expect((await tryLogin(t, u.username, u.password)).statusCode).toBe(401);
    expect((await sys.post(`/api/users/${u.id}/unlock`)).statusCode).toBe(403);
    expect((await sec.post(`/api/users/${u.id}/unlock`)).statusCode).toBe(204);
    expect((await tryLogin(t, u.username, u.password)).statusCode).toBe(200);
  });
});

describe('settings (系统管理员)', () => {
  it('validates, version-checks, audits the change and applies it at once', async () => {
    const cur = (await sys.get('/api/settings')).json();
    expect(cur.settings.lockoutMaxFailures).toBe(5);
    const bad = await sys.put('/api/settings', {
      version: cur.version,
      settings: { ...cur.settings, passwordMinLength: 4 },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await sys.put('/api/settings', {
      version: cur.version,
      settings: { ...cur.settings, lockoutMaxFailures: 3 },
    });
    expect(ok.statusCode).toBe(200);
    // The settings are the whole system's: put them back even when a check below fails, so the
    // lockout the other tests rely on stays at its default.
    try {
      const stale = await sys.put('/api/settings', { version: cur.version, settings: cur.settings });
      expect(stale.statusCode).toBe(409);
      const row = await lastAudit(t, 'settings.update');
      expect(row?.detail).toEqual({ changed: { lockoutMaxFailures: { from: 5, to: 3 } } });
      const u = await makeUser(t);
      for (let i = 0; i < 3; i++) await tryLogin(t, u.username, 'x');
      const locked = (await t.database.db.select().from(users).where(eq(users.id, u.id)))[0];
      expect(locked?.lockedUntil).not.toBeNull();
    } finally {
      const back = await sys.put('/api/settings', { version: ok.json().version, settings: cur.settings });
      expect(back.statusCode).toBe(200);
    }
  });
});

describe('audit log (安全审计员)', () => {
  it('lists newest first with filters and pagination', async () => {
    // Enough events of its own for two pages, failed logins among them.
    const u = await makeUser(t);
    for (let i = 0; i < 2; i++) await tryLogin(t, u.username, 'x');
    for (let i = 0; i < 8; i++) await login(t, u.username, u.password);
    const page = (await aud.get('/api/audit?limit=5')).json();
    expect(page.items).toHaveLength(5);
    expect(page.items[0].seq).toBeGreaterThan(page.items[4].seq);
    const next = (await aud.get(`/api/audit?limit=5&cursor=${page.nextCursor}`)).json();
    expect(next.items[0].seq).toBeLessThan(page.items[4].seq);
    const logins = (await aud.get('/api/audit?action=auth.login&result=failure')).json();
    expect(logins.total).toBeGreaterThan(0);
    expect(
      logins.items.every(
        (x: { action: string; result: string }) => x.action === 'auth.login' && x.result === 'failure',
      ),
    ).toBe(true);
    expect((await aud.get('/api/audit?from=not-a-date')).statusCode).toBe(400);
  });

  it('exports after re-authentication, and the export is itself audited', async () => {
    // Its own session (so not yet re-authenticated), whose login is one of the rows exported.
    const aud = await loginAs(t, { role: 'auditAdmin' });
    expect((await aud.get('/api/audit/export?action=auth.login')).json().code).toBe('REAUTH_REQUIRED');
    await aud.reauth();
    const res = await aud.get('/api/audit/export?action=auth.login');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.rowCount).toBeGreaterThan(3);
    const last = (await aud.get('/api/audit?action=audit.export')).json();
    expect(last.items[0].objectId).toBe(wb.subject);
  });

  it('the table refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(t.database.db.execute(sql`update audit_log set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });

  it('verify names the first row changed behind its back', async () => {
    expect((await aud.get('/api/audit/verify')).json()).toMatchObject({ ok: true, firstBrokenSeq: null });
    const target = (await t.database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(3))[2];
    // Someone with database superuser rights switches the trigger off and edits a row.
    const tamper = async (actorName: string | null | undefined) => {
      await t.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await t.database.db.execute(sql`update audit_log set actor_name = ${actorName} where seq = ${target?.seq}`);
      await t.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    };
    await tamper('篡改者');
    try {
      const v = (await aud.get('/api/audit/verify')).json();
      expect(v.ok).toBe(false);
      expect(v.firstBrokenSeq).toBe(target?.seq);
      expect((await verifyAuditChain(t.database.db)).firstBrokenSeq).toBe(target?.seq);
    } finally {
      // Put the row back, so the chain this file shares is whole again for the other tests.
      await tamper(target?.actorName);
    }
    expect((await verifyAuditChain(t.database.db)).firstBrokenSeq).toBeNull();
  });

  it('if the audit write fails, the business write fails with it', async () => {
    const s = await loginAs(t, { role: 'officeStaff', scopeId: city });
    await t.database.db.execute(
      sql`alter table audit_log add constraint audit_fail_test check (action <> 'org.create') not valid`,
    );
    try {
      const res = await s.post('/api/orgs', { authorityId: city, name: '不应写入的单位', kind: '市直单位' });
      expect(res.statusCode).toBe(500);
      expect(res.json().message).toBe('服务器内部错误');
      expect(JSON.stringify(res.json())).not.toMatch(/audit|constraint|sql/i);
      const found = (await s.get(`/api/orgs?q=${encodeURIComponent('不应写入')}`)).json();
      expect(found.total).toBe(0);
    } finally {
      await t.database.db.execute(sql`alter table audit_log drop constraint audit_fail_test`);
    }
  });
});
