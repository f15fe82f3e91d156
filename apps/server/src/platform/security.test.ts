import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  login,
  loginAs,
  makeAuthority,
  makeUser,
  type Session,
  sessionFrom,
  TEST_PASSWORD,
  type TestContext,
  tryLogin,
} from '../../test/helpers.ts';
import { auditLog, settings, users } from '../db/schema/index.ts';
import { bootstrapAdmins, disableInactiveAccounts } from '../modules/auth/index.ts';
import { checkAuditHead, checkpointAuditHead } from './audit.ts';
import { DENIED_AUDIT_PER_MINUTE } from './errors.ts';
import { argon2Params, hashPassword } from './passwords.ts';
import { hotp, totpStep } from './totp.ts';

/**
 * Issue 10 (等保 L3 hardening), the platform's part: lockout under parallel guessing, the second
 * factor, TLS-only login and the __Host- cookie, headers, sessions, export caps, audited denials,
 * framework errors in the product's shape, logs without request data, the signed audit head,
 * bootstrap of the first accounts, the inactivity job and the newer-database refusal.
 */
let t: TestContext;
let city: string;
let logs = '';

beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (c) => {
    logs += c.toString();
  });
  t = await buildTestApp({ logLevel: 'info', trustProxy: ['10.9.9.9'] }, stream);
  city = await makeAuthority(t, { level: 'city' });
});
afterAll(() => t.close());

/** Settings as the 系统管理员 would set them (the store caches for 5 s; each test writes its own). */
async function setSettings(patch: Record<string, unknown>) {
  await t.database.db.delete(settings);
  await t.database.db.insert(settings).values({ id: 1, value: patch, version: 1, updatedAt: t.clock.now() });
  t.app.deps.settings.invalidate();
}

async function resetSettings() {
  await t.database.db.delete(settings);
  t.app.deps.settings.invalidate();
}

function loginReq(username: string, password: string, extra: Record<string, unknown> = {}, headers = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, ...extra },
    headers,
  });
}

describe('lockout under parallel guessing', () => {
  it('counts 12 wrong passwords sent at once, then refuses the right one: the account is locked', async () => {
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city }] });
    const wrong = await Promise.all(Array.from({ length: 12 }, () => loginReq(u.username, 'Wrong-Passw0rd!')));
    expect(wrong.every((r) => r.statusCode === 401)).toBe(true);
    const right = await loginReq(u.username, u.password);
    expect(right.statusCode).toBe(401);
    const row = (await t.database.db.select().from(users).where(eq(users.id, u.id)))[0];
    expect(row?.lockedUntil && row.lockedUntil > t.clock.now()).toBe(true);
  });

  it('throttles failures per account whatever client they come from', async () => {
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city }] });
    // 22 misses, each from another client behind the trusted proxy: the per-client limits never
    // trigger, the per-account one does after 20.
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.9.9',
        headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-forwarded-proto': 'https' },
        payload: { username: u.username, password: `Wrong-${i}-Passw0rd` },
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
  });
});

describe('second factor (TOTP)', () => {
  const codeAt = (secretBase32: string, at: Date, offsetSteps = 0) =>
    hotp(base32(secretBase32), totpStep(at) + offsetSteps, 'SHA1');

  async function enrol(s: Session): Promise<{ secret: string; recovery: string[] }> {
    const setup = await s.post('/api/auth/totp/setup', { password: TEST_PASSWORD, algorithm: 'SHA1' });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, qrPng } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(qrPng).toMatch(/^data:image\/png;base64,/);
    const enable = await s.post('/api/auth/totp/enable', { code: codeAt(secret, t.clock.now()) });
    expect(enable.statusCode).toBe(200);
    return { secret, recovery: enable.json().recoveryCodes };
  }

  it('enrols with a QR code; login then needs a code, each code works once, ±1 step is accepted', async () => {
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city }] });
    const s = await login(t, u.username, u.password);
    const { secret, recovery } = await enrol(s);
    expect(recovery).toHaveLength(10);
    const stored = (await t.database.db.select().from(users).where(eq(users.id, u.id)))[0];
    expect(stored?.totpSecretEnc).not.toContain(secret);
    expect(JSON.stringify(stored?.recoveryCodeHashes)).not.toContain(recovery[0]?.replace('-', ''));

    t.clock.advance(60_000);
    const none = await loginReq(u.username, u.password);
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('TOTP_REQUIRED');

    const wrong = await loginReq(u.username, u.password, {
      totp: '000000' === codeAt(secret, t.clock.now()) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(401);

    const code = codeAt(secret, t.clock.now(), -1);
    expect((await loginReq(u.username, u.password, { totp: code })).statusCode).toBe(200);
    // The same code again: refused, it has been used.
    expect((await loginReq(u.username, u.password, { totp: code })).statusCode).toBe(401);
    // The next step's code (clock drift of one step ahead) is accepted.
    expect((await loginReq(u.username, u.password, { totp: codeAt(secret, t.clock.now(), 1) })).statusCode).toBe(200);
    // Two steps off: refused.
    t.clock.advance(30_000 * 4);
    expect((await loginReq(u.username, u.password, { totp: codeAt(secret, t.clock.now(), 2) })).statusCode).toBe(401);

    // A recovery code works once.
    expect((await loginReq(u.username, u.password, { recoveryCode: recovery[0] })).statusCode).toBe(200);
    expect((await loginReq(u.username, u.password, { recoveryCode: recovery[0] })).statusCode).toBe(401);
  });

  it('re-authentication asks for the code too once enrolled', async () => {
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city }] });
    const s = await login(t, u.username, u.password);
    const { secret } = await enrol(s);
    t.clock.advance(60_000);
    const noCode = await s.post('/api/auth/reauth', { password: TEST_PASSWORD });
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    const ok = await s.post('/api/auth/reauth', { password: TEST_PASSWORD, totp: codeAt(secret, t.clock.now()) });
    expect(ok.statusCode).toBe(204);
  });

  it('required for a role by setting: until enrolled only enrolment is open; the 安全保密管理员 resets it, audited', async () => {
    await setSettings({ totpRequiredRoles: ['officeStaff'] });
    try {
      const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city }] });
      const first = await loginReq(u.username, u.password);
      expect(first.statusCode).toBe(200);
      expect(first.json().totpEnrolmentRequired).toBe(true);
      const s = sessionFrom(
        t,
        `xc_sid=${first.cookies.find((c) => c.name === 'xc_sid')?.value}`,
        first.json().csrfToken,
        u.id,
      );
      const blocked = await s.get('/api/authorities');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().code).toBe('TOTP_ENROLMENT_REQUIRED');
      expect((await s.get('/api/auth/me')).json().totpEnrolmentRequired).toBe(true);
      const { secret } = await enrol(s);
      expect((await s.get('/api/authorities')).statusCode).toBe(200);
      // Not for those whose role requires it: they cannot switch it off.
      const off = await s.post('/api/auth/totp/disable', {
        password: TEST_PASSWORD,
        code: codeAt(secret, t.clock.now(), 1),
      });
      expect(off.statusCode).toBe(409);

      const sec = await loginAs(t, { role: 'secAdmin' });
      expect((await sec.post(`/api/users/${u.id}/totp/reset`)).json().code).toBe('REAUTH_REQUIRED');
      await sec.reauth();
      expect((await sec.post(`/api/users/${u.id}/totp/reset`)).statusCode).toBe(204);
      expect((await s.get('/api/auth/me')).statusCode).toBe(401); // sessions ended with the reset
      const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'user.totpReset'));
      expect(audit.some((a) => a.objectId === u.id)).toBe(true);
    } finally {
      await resetSettings();
    }
  });
});

describe('transport, cookie and headers', () => {
  it('refuses login over plain HTTP from another host; accepts TLS through a trusted proxy with a __Host- Secure cookie', async () => {
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city }] });
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.7',
      payload: { username: u.username, password: u.password },
    });
    expect(plain.statusCode).toBe(403);
    expect(plain.json().code).toBe('TLS_REQUIRED');
    // X-Forwarded-Proto from an untrusted sender is ignored.
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.7',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: u.username, password: u.password },
    });
    expect(forged.statusCode).toBe(403);
    const viaProxy = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.9.9.9',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' },
      payload: { username: u.username, password: u.password },
    });
    expect(viaProxy.statusCode).toBe(200);
    const c = viaProxy.cookies.find((x) => x.name === '__Host-xc_sid');
    expect(c?.secure).toBe(true);
    expect(c?.path).toBe('/');
    expect(c?.httpOnly).toBe(true);
    expect(viaProxy.cookies.find((x) => x.name === 'xc_sid')).toBeUndefined();
  });

  it('no-store on every API answer, Permissions-Policy everywhere, the public CSP on /p/ paths', async () => {
    const s = await loginAs(t, { role: 'officeStaff', scopeId: city });
    const api = await s.get('/api/authorities');
    expect(api.headers['cache-control']).toBe('no-store');
    expect(String(api.headers['permissions-policy'])).toContain('camera=()');
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/codes/ABCDEFGH' });
    expect(String(pub.headers['content-security-policy'])).not.toContain('unsafe-inline');
    expect(String(pub.headers['permissions-policy'])).toContain('geolocation=()');
  });

  it('logout sends Clear-Site-Data; the session is gone', async () => {
    const s = await loginAs(t, { role: 'officeStaff', scopeId: city });
    const out = await s.post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['clear-site-data'])).toContain('"cookies"');
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('keeps at most the configured sessions per account: the oldest ends', async () => {
    await setSettings({ maxSessionsPerUser: 2 });
    try {
      const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city }] });
      const a = await login(t, u.username, u.password);
      t.clock.advance(1_000);
      const b = await login(t, u.username, u.password);
      t.clock.advance(1_000);
      const c = await login(t, u.username, u.password);
      expect((await a.get('/api/auth/me')).statusCode).toBe(401);
      expect((await b.get('/api/auth/me')).statusCode).toBe(200);
      expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    } finally {
      await resetSettings();
    }
  });

  it('the 安全保密管理员 ends every session of an account, re-authenticated and audited', async () => {
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city }] });
    const s = await login(t, u.username, u.password);
    const sec = await loginAs(t, { role: 'secAdmin' });
    await sec.reauth();
    const r = await sec.post(`/api/users/${u.id}/end-sessions`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().ended).toBe(1);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    const office = await loginAs(t, { role: 'officeStaff', scopeId: city });
    expect((await office.post(`/api/users/${u.id}/end-sessions`)).statusCode).toBe(403);
  });
});

describe('limits', () => {
  it('caps exports per account per hour', async () => {
    await setSettings({ exportsPerHour: 2 });
    try {
      const s = await loginAs(t, { role: 'officeStaff', scopeId: city });
      await s.reauth();
      const url = `/api/orgs/export?authorityId=${city}`;
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await s.get(url)).statusCode);
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await resetSettings();
    }
  });

  it('limits staff per account, not per address: 50 people behind one NAT address get no 429', async () => {
    const nat = await buildTestApp({ rateLimitPerMinute: 20 });
    try {
      const a = await makeAuthority(nat, { level: 'city' });
      // One password hash for all fifty (a hundred argon2 runs took the test past its time on a
      // busy machine); the logins themselves still verify it, at once as the office would.
      const passwordHash = await hashPassword(TEST_PASSWORD, argon2Params(nat.config.argon2MemoryKiB));
      const made = await Promise.all(
        Array.from({ length: 50 }, () =>
          makeUser(nat, { passwordHash, grants: [{ role: 'officeStaff', scopeId: a }] }),
        ),
      );
      const people = await Promise.all(made.map((u) => login(nat, u.username, u.password)));
      const res = await Promise.all(people.flatMap((p) => Array.from({ length: 10 }, () => p.get('/api/authorities'))));
      expect(res.filter((r) => r.statusCode === 429)).toHaveLength(0);
      // One account alone meets its own limit.
      const one = people[0] as Session;
      const burst = await Promise.all(Array.from({ length: 25 }, () => one.get('/api/authorities')));
      expect(burst.some((r) => r.statusCode === 429)).toBe(true);
    } finally {
      await nat.close();
    }
  });

  it('does not count hashed static assets and serves them immutable', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>巡察</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
    const web = await buildTestApp({ rateLimitPerMinute: 5, webDist: dist });
    try {
      const res = await Promise.all(
        Array.from({ length: 30 }, () => web.app.inject({ method: 'GET', url: '/assets/app-abc123.js' })),
      );
      expect(res.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
      expect(String(res[0]?.headers['cache-control'])).toContain('immutable');
    } finally {
      await web.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('denials and errors', () => {
  it('audits an out-of-scope object answered 404 (type and id), at most N a minute per user', async () => {
    const other = await makeAuthority(t, { level: 'city' });
    const s = await loginAs(t, { role: 'officeStaff', scopeId: other });
    const foreign = await makeAuthority(t, { level: 'city' });
    const res = await s.get(`/api/authorities/${foreign}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).not.toContain(foreign);
    const rows = () =>
      t.database.db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.actorId} = ${s.userId} and ${auditLog.action} like 'object.denied%'`)
        // In the chain's order: without it PostgreSQL may hand the rows back in any order.
        .orderBy(auditLog.seq);
    const one = await rows();
    expect(one).toHaveLength(1);
    expect(one[0]?.objectId).toBe(foreign);
    expect(one[0]?.objectType).toContain('/api/authorities/:id');
    for (let i = 0; i < DENIED_AUDIT_PER_MINUTE + 10; i++) await s.get(`/api/authorities/${foreign}`);
    const all = await rows();
    expect(all).toHaveLength(DENIED_AUDIT_PER_MINUTE + 1);
    expect(all.at(-1)?.action).toBe('object.deniedThrottled');
  });

  it('answers a malformed URL, cursor or JSON body with 400 in the product error shape', async () => {
    const s = await loginAs(t, { role: 'officeStaff', scopeId: city });
    for (const url of ['/api/orgs?cursor=%E0%A4%A', '/api/%E0%A4%A']) {
      const r = await s.get(url);
      expect(r.statusCode, url).toBe(400);
      expect(Object.keys(r.json()).sort(), url).toEqual(['code', 'message', 'requestId']);
    }
    for (const cursor of [
      'bm90LWpzb24',
      Buffer.from('["x","y"]').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      const r = await s.get(`/api/orgs?cursor=${cursor}`);
      expect(r.statusCode, cursor).toBe(400);
      expect(r.json().code).toBe('BAD_REQUEST');
    }
    const bad = await s.request('POST', '/api/terms', '{"name":', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BAD_REQUEST');
  });
});

describe('logs', () => {
  it('log a failed query without its parameters', async () => {
    const marker = 'SECRET-REPORT-TEXT-7f3a';
    try {
      await t.database.db.execute(sql`select ${marker}::int`);
    } catch (e) {
      t.app.log.error({ err: e }, 'query failed');
    }
    expect(logs).toContain('database query failed');
    expect(logs).not.toContain(marker);
  });

  it('log public requests with the hour only and no code in the path', async () => {
    const before = logs.length;
    await t.app.inject({ method: 'GET', url: '/api/public/codes/ABCDEFGH' });
    const lines = logs
      .slice(before)
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00Z$/);
      expect(JSON.stringify(l)).not.toContain('ABCDEFGH');
    }
  });
});

describe('audit head checkpoint', () => {
  it('is signed with the auditor key: a rewritten checkpoint without the key is detected', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-head-'));
    try {
      await loginAs(t, { role: 'officeStaff', scopeId: city }); // at least one audit row
      await checkpointAuditHead(t.database.db, dir, t.app.deps.keys.auditKey);
      expect((await checkAuditHead(t.database.db, dir, t.app.deps.keys.auditKey))?.ok).toBe(true);
      const file = path.join(dir, 'audit-head.json');
      const head = JSON.parse(fs.readFileSync(file, 'utf8'));
      // As after re-chaining the rows: a new hash, and a checkpoint rewritten without the key.
      fs.writeFileSync(file, JSON.stringify({ ...head, hash: 'f'.repeat(64) }));
      const forged = await checkAuditHead(t.database.db, dir, t.app.deps.keys.auditKey);
      expect(forged?.signed).toBe(false);
      expect(forged?.ok).toBe(false);
      expect(fs.statSync(file).mode & 0o077).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('accounts', () => {
  it('bootstrap-admin makes the 三员 with one-time passwords once, and never again', async () => {
    const fresh = await buildTestApp();
    try {
      const made = await bootstrapAdmins(fresh.app.deps, fresh.clock.now());
      expect(made.map((m) => m.role).sort()).toEqual(['auditAdmin', 'secAdmin', 'sysAdmin']);
      for (const m of made) expect(m.oneTimePassword.length).toBeGreaterThanOrEqual(12);
      const first = await tryLogin(fresh, 'sysadmin', made[0]?.oneTimePassword ?? '');
      expect(first.json().mustChangePassword).toBe(true);
      await expect(bootstrapAdmins(fresh.app.deps, fresh.clock.now())).rejects.toThrow(/已有账号/);
    } finally {
      await fresh.close();
    }
  });

  it('the daily check disables accounts unused for the configured days, audited', async () => {
    await setSettings({ inactiveDisableDays: 30 });
    try {
      const idle = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city }] });
      const busy = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city }] });
      t.clock.advance(29 * 86_400_000);
      await login(t, busy.username, busy.password);
      t.clock.advance(2 * 86_400_000);
      const r = await disableInactiveAccounts(t.app.deps, t.clock.now());
      expect(r.disabled).toContain(idle.username);
      expect(r.disabled).not.toContain(busy.username);
      expect((await loginReq(idle.username, idle.password)).statusCode).toBe(401);
    } finally {
      await resetSettings();
    }
  });
});

describe('database version', () => {
  it('refuses to open a database migrated by a newer version of the code', async () => {
    const fresh = await buildTestApp();
    try {
      await fresh.database.db.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('newer', ${Date.now() + 365 * 86_400_000})`,
      );
      await expect(fresh.database.migrate()).rejects.toThrow(/较新版本/);
    } finally {
      await fresh.close();
    }
  });
});

function base32(s: string): Buffer {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of s) {
    value = (value << 5) | A.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
