import { parseOptions } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, loginAs, makeAuthority, makeUser, type TestContext } from '../../test/helpers.ts';
import { sessions, users } from '../db/schema/index.ts';
import { verifyAuditChain } from './audit.ts';
import { cryptoProvider, runCryptoSelfTests } from './crypto.ts';
import { FieldCipher, memoryKeyRing } from './keys.ts';
import { argon2Params, hashPassword } from './passwords.ts';

// Rows of docs/security-checklist.md that had no test of their own: how passwords and sessions are
// stored, the start-up known-answer tests, what binds an encrypted field to its place, and the
// audit chain under concurrent writers.

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

const hashOf = async (id: string) =>
  (await t.database.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)))[0]?.h as string;

describe('passwords and sessions at rest', () => {
  it('stores a changed password as argon2id with the configured cost', async () => {
    const u = await makeUser(t);
    const s = await login(t, u.username, u.password);
    const res = await s.post('/api/auth/password', { currentPassword: u.password, newPassword: 'Qiyue-Xuncha-2026' });
    expect(res.statusCode, res.body).toBe(200);
    const stored = await hashOf(u.id);
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(stored).not.toContain('Qiyue-Xuncha-2026');
    expect(parseOptions(stored)).toMatchObject({ memoryCost: t.config.argon2MemoryKiB, timeCost: 2, parallelism: 1 });
  });

  it('re-hashes at login when the parameters changed since the hash was made', async () => {
    const old = await hashPassword('Old-Params-2026!', argon2Params(t.config.argon2MemoryKiB * 2));
    const u = await makeUser(t, { password: 'Old-Params-2026!', passwordHash: old });
    await login(t, u.username, 'Old-Params-2026!');
    const now = await hashOf(u.id);
    expect(now).not.toBe(old);
    expect(parseOptions(now).memoryCost).toBe(t.config.argon2MemoryKiB);
    // And the new hash still opens the account.
    await expect(login(t, u.username, 'Old-Params-2026!')).resolves.toBeTruthy();
  });

  it('keeps only a hash of the session id: the cookie value is nowhere in the sessions table', async () => {
    const u = await makeUser(t);
    const s = await login(t, u.username, u.password);
    const sid = s.cookie.replace(/^[^=]+=/, '');
    expect(sid.length).toBeGreaterThanOrEqual(40);
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.userId, u.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(sid);
    expect(rows[0]?.idHash).not.toBe(sid);
  });
});

describe('cryptography', () => {
  it('runs the SM3, SM4 and SM4-GCM known-answer tests, and a wrong answer stops them', () => {
    expect(() => runCryptoSelfTests()).not.toThrow();
    const real = cryptoProvider.sm3;
    try {
      cryptoProvider.sm3 = () => '00'.repeat(32);
      expect(() => runCryptoSelfTests()).toThrow('SM3 known-answer test failed');
    } finally {
      cryptoProvider.sm3 = real;
    }
  });

  it('binds an encrypted field to its table, row, column and key version, with a fresh IV each time', () => {
    const c = new FieldCipher(memoryKeyRing());
    const a = c.encrypt('petitions', 'row-1', 'reporter_name', '张某某');
    const b = c.encrypt('petitions', 'row-1', 'reporter_name', '张某某');
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(c.decrypt('petitions', 'row-1', 'reporter_name', a)).toBe('张某某');
    // Moved to another row, another column or another table, the value does not open.
    expect(() => c.decrypt('petitions', 'row-2', 'reporter_name', a)).toThrow();
    expect(() => c.decrypt('petitions', 'row-1', 'reporter_phone', a)).toThrow();
    expect(() => c.decrypt('interviews', 'row-1', 'reporter_name', a)).toThrow();
    // Claiming another key version changes the AAD too.
    expect(() => c.decrypt('petitions', 'row-1', 'reporter_name', a.replace(/^v1\./, 'v2.'))).toThrow();
  });
});

describe('the audit chain under concurrent writers', () => {
  it('stays whole when 24 audited writes arrive at once', async () => {
    const city = await makeAuthority(t, { level: 'city' });
    const staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
    const res = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        staff.post('/api/orgs', { authorityId: city, name: `并发测试单位${i + 1}`, kind: '市直单位', sector: '教育' }),
      ),
    );
    expect(res.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    const v = await verifyAuditChain(t.database.db);
    expect(v.firstBrokenSeq).toBeNull();
    expect(v.checked).toBeGreaterThanOrEqual(24);
  });
});
