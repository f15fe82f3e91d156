import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  cookieOf,
  lastAudit,
  login,
  makeAuthority,
  makeUser,
  sessionFrom,
  TEST_PASSWORD,
  TEST_START,
  type TestContext,
  tryLogin,
} from '../../../test/helpers.ts';
import { auditLog, users } from '../../db/schema/index.ts';

let t: TestContext;
let authorityId: string;
beforeAll(async () => {
  t = await buildTestApp();
  authorityId = await makeAuthority(t, { name: '测试市委巡察办' });
});
afterAll(async () => t.close());
// Several tests move the clock (idle timeout, lockout, password age): each starts from the same instant.
beforeEach(() => t.clock.set(TEST_START));

const MIN = 60_000;

describe('POST /api/auth/login', () => {
  it('rejects bad input with a Chinese 400 and writes nothing', async () => {
    const before = (await t.database.db.select().from(auditLog)).length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '', password: 'x', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BAD_REQUEST');
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await t.database.db.select().from(auditLog)).length).toBe(before);
  });

  it('logs in, sets an HttpOnly SameSite=Strict cookie and returns the CSRF token', async () => {
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: authorityId }] });
    const res = await tryLogin(t, u.username, u.password);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.username).toBe(u.username);
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.mustChangePassword).toBe(false);
    const c = res.cookies.find((x) => x.name === 'xc_sid');
    expect(c?.httpOnly).toBe(true);
    expect(c?.sameSite).toBe('Strict');
    expect(c?.value.length).toBeGreaterThanOrEqual(43);
    const a = await lastAudit(t, 'auth.login');
    expect(a?.result).toBe('success');
    expect(a?.actorId).toBe(u.id);
  });

  it('matches the username after NFKC folding (full-width and case)', async () => {
    const u = await makeUser(t, { username: 'zhangsan2' });
    const res = await tryLogin(t, 'ＺｈａｎｇＳａｎ２', u.password);
    expect(res.statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown user identically, and audits both', async () => {
    const u = await makeUser(t);
    const a = await tryLogin(t, u.username, 'wrong');
    const b = await tryLogin(t, 'nobody-here', 'wrong');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe(b.json().code);
    expect(a.json().message).toBe(b.json().message);
    expect((await lastAudit(t, 'auth.login'))?.result).toBe('failure');
  });

  it('locks the account after 5 failures for 30 minutes, without saying so', async () => {
    const u = await makeUser(t);
    for (let i = 0; i < 5; i++) await tryLogin(t, u.username, 'wrong');
    const locked = await tryLogin(t, u.username, u.password);
    expect(locked.statusCode).toBe(401);
    const row = (await t.database.db.select().from(users).where(eq(users.id, u.id)))[0];
    expect(row?.lockedUntil?.getTime()).toBe(t.clock.now().getTime() + 30 * MIN);
    t.clock.advance(29 * MIN);
    expect((await tryLogin(t, u.username, u.password)).statusCode).toBe(401);
    t.clock.advance(2 * MIN);
    expect((await tryLogin(t, u.username, u.password)).statusCode).toBe(200);
  });

  it('throttles logins per client with 429 and Retry-After', async () => {
    const t2 = await buildTestApp({ loginRateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await tryLogin(t2, 'a', 'b')).statusCode);
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[4]).toBe(429);
      const res = await tryLogin(t2, 'a', 'b');
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.json().code).toBe('RATE_LIMITED');
    } finally {
      await t2.close();
    }
  });
});

describe('sessions', () => {
  it('GET /api/auth/me: 401 without a session, the user, roles and CSRF token with one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const u = await makeUser(t, { grants: [{ role: 'officeLeader', scopeId: authorityId }] });
    const s = await login(t, u.username, u.password);
    const me = (await s.get('/api/auth/me')).json();
    expect(me.user.id).toBe(u.id);
    expect(me.roles).toEqual(['officeLeader']);
    expect(me.permissions).toContain('org:write');
    expect(me.csrfToken).toBe(s.csrf);
  });

  it('expires after 30 idle minutes, enforced on the server', async () => {
    const u = await makeUser(t);
    const s = await login(t, u.username, u.password);
    t.clock.advance(29 * MIN);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * MIN);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    // The expired session is gone for good, even if the clock went back.
    t.clock.advance(-40 * MIN);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('expires 12 hours after login even when used all the time', async () => {
    const u = await makeUser(t);
    const s = await login(t, u.username, u.password);
    for (let h = 0; h < 11; h++) {
      t.clock.advance(20 * MIN);
      expect((await s.get('/api/auth/me')).statusCode).toBe(200);
      t.clock.advance(20 * MIN);
      expect((await s.get('/api/auth/me')).statusCode).toBe(200);
      t.clock.advance(20 * MIN);
      expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(61 * MIN);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const u = await makeUser(t);
    const s = await login(t, u.username, u.password);
    const noToken = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF_FAILED');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('logout deletes the session and is audited', async () => {
    const u = await makeUser(t);
    const s = await login(t, u.username, u.password);
    expect((await s.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    expect((await lastAudit(t, 'auth.logout'))?.actorId).toBe(u.id);
  });

  it('rotates the session id at login', async () => {
    const u = await makeUser(t);
    const a = await login(t, u.username, u.password);
    const b = await login(t, u.username, u.password);
    expect(a.cookie).not.toBe(b.cookie);
  });
});

describe('POST /api/auth/password', () => {
  it('forces the change first: other routes answer 403 PASSWORD_CHANGE_REQUIRED', async () => {
    const u = await makeUser(t, { mustChangePassword: true, grants: [{ role: 'officeStaff', scopeId: authorityId }] });
    const s = await login(t, u.username, u.password);
    const res = await s.get('/api/orgs');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('applies the policy with Chinese reasons and writes nothing', async () => {
    const u = await makeUser(t, { username: 'policyuser' });
    const s = await login(t, u.username, u.password);
    for (const bad of ['short1!', 'alllowercaseletters', 'Policyuser#2026', 'P@ssw0rd'])
      expect(
        (await s.post('/api/auth/password', { currentPassword: u.password, newPassword: bad })).statusCode,
        bad,
      ).toBe(400);
    const wrongCurrent = await s.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Good-Pass-2026' });
    expect(wrongCurrent.statusCode).toBe(400);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('changes the password, ends other sessions, rotates this one and refuses reuse of the last 5', async () => {
    const u = await makeUser(t, { mustChangePassword: true });
    const other = await login(t, u.username, u.password);
    const s = await login(t, u.username, u.password);
    const res = await s.post('/api/auth/password', { currentPassword: u.password, newPassword: 'Qingfeng-2026a' });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(false);
    const fresh = sessionFrom(t, cookieOf(res), res.json().csrfToken, u.id);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    expect((await fresh.get('/api/auth/me')).statusCode).toBe(200);
    let current = 'Qingfeng-2026a';
    let sess = fresh;
    for (const next of ['Qingfeng-2026b', 'Qingfeng-2026c']) {
      const r = await sess.post('/api/auth/password', { currentPassword: current, newPassword: next });
      expect(r.statusCode).toBe(200);
      sess = sessionFrom(t, cookieOf(r), r.json().csrfToken, u.id);
      current = next;
    }
    const reuse = await sess.post('/api/auth/password', { currentPassword: current, newPassword: 'Qingfeng-2026a' });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().message).toContain('最近');
    expect((await lastAudit(t, 'auth.password'))?.actorId).toBe(u.id);
  });

  it('forces a change when the password is older than 90 days', async () => {
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: authorityId }] });
    t.clock.advance(91 * 24 * 60 * MIN);
    const s = await login(t, u.username, u.password);
    const me = (await s.get('/api/auth/me')).json();
    expect(me.passwordExpired).toBe(true);
    expect((await s.get('/api/orgs')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe('POST /api/auth/reauth', () => {
  it('opens a 5-minute window; a wrong password is refused and audited', async () => {
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: authorityId }] });
    const s = await login(t, u.username, u.password);
    const exp = await s.get(`/api/orgs/export?authorityId=${authorityId}`);
    expect(exp.statusCode).toBe(401);
    expect(exp.json().code).toBe('REAUTH_REQUIRED');
    expect((await s.post('/api/auth/reauth', { password: 'wrong' })).statusCode).toBe(401);
    expect((await lastAudit(t, 'auth.reauth'))?.result).toBe('failure');
    expect((await s.post('/api/auth/reauth', { password: TEST_PASSWORD })).statusCode).toBe(204);
    expect((await s.get(`/api/orgs/export?authorityId=${authorityId}`)).statusCode).toBe(200);
    t.clock.advance(6 * MIN);
    expect((await s.get(`/api/orgs/export?authorityId=${authorityId}`)).json().code).toBe('REAUTH_REQUIRED');
  });
});
