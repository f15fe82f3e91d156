import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSecondInstance,
  buildTestApp,
  login,
  loginAs,
  makeAuthority,
  makeOrg,
  makeUser,
  onPostgres,
  planInspection,
  publicCodeOf,
  type TestContext,
} from '../../test/helpers.ts';
import { petitions, users } from '../db/schema/index.ts';
import { rowsOf } from './db.ts';

// Issue 10, item 11: two API instances behind one proxy, on one PostgreSQL, answer as one — the
// lockout, the wrong-receipt throttle and Idempotency-Key replays are kept in the database, not in
// either process. Requests alternate between the instances; each would allow them on its own.
describe.runIf(onPostgres())('two instances on one PostgreSQL', () => {
  let t: TestContext;
  let b: FastifyInstance;
  const both = () => [t.app, b] as const;

  beforeAll(async () => {
    t = await buildTestApp({ trustProxy: true });
    t.clock.set('2026-11-27T10:00:00+08:00');
    b = await buildSecondInstance(t);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  async function publicCode(): Promise<string> {
    const city = await makeAuthority(t, { name: '赣州市委巡察办' });
    const target = await makeOrg(t, { authorityId: city, name: '赣州市财政局', kind: '市直单位', sector: '财政金融' });
    const staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
    const planned = await planInspection(staff, {
      authorityId: city,
      targetOrgIds: [target],
      plannedEntryDate: '2026-11-20',
      plannedExitDate: '2027-01-15',
    });
    return publicCodeOf(staff, planned.inspectionId);
  }

  const post = (app: FastifyInstance, url: string, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload, headers }) as Promise<LightMyRequestResponse>;

  it('locks the account after 5 failures counted over both instances', async () => {
    const u = await makeUser(t);
    for (let i = 0; i < 5; i++) {
      const r = await post(both()[i % 2] as FastifyInstance, '/api/auth/login', {
        username: u.username,
        password: 'wrong',
      });
      expect(r.statusCode).toBe(401);
    }
    const right = await post(b, '/api/auth/login', { username: u.username, password: u.password });
    expect(right.statusCode).toBe(401);
    const row = (await t.database.db.select().from(users).where(eq(users.id, u.id)))[0];
    expect(row?.lockedUntil).not.toBeNull();
    // Without the failures the same password signs in on either instance.
    const v = await makeUser(t);
    await expect(login({ ...t, app: b as TestContext['app'] }, v.username, v.password)).resolves.toBeTruthy();
  });

  it('answers the 6th wrong receipt from one client with 429, whichever instance it reaches', async () => {
    await publicCode();
    const h = { 'x-forwarded-for': '198.51.100.77' };
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (await post(both()[i % 2] as FastifyInstance, '/api/public/receipts', { receipt: '1'.repeat(20) }, h))
          .statusCode,
      );
    expect(codes).toEqual([404, 404, 404, 404, 429, 429]);
  });

  it('the same Idempotency-Key on both instances writes one row and answers one receipt', async () => {
    const code = await publicCode();
    const before = (await t.database.db.select().from(petitions)).length;
    const h = { 'x-forwarded-for': '198.51.100.78', 'idempotency-key': 'twin-1' };
    const body = {
      anonymous: true,
      subjectName: '王某某',
      subjectPost: '副局长',
      content: '两台服务器同一提交编号测试：某站所收费不开票，群众反映强烈。',
      happenedWhen: '2026年上半年',
      place: '局机关',
    };
    const first = await post(t.app, `/api/public/codes/${code}/reports`, body, h);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(b, `/api/public/codes/${code}/reports`, body, h);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().receipt).toBe(first.json().receipt);
    expect((await t.database.db.select().from(petitions)).length).toBe(before + 1);
    // Another body under the same key is refused on either instance.
    const other = await post(
      b,
      `/api/public/codes/${code}/reports`,
      { ...body, content: `${body.content}另有补充。` },
      h,
    );
    expect(other.statusCode).toBe(409);
    // The stored replay never holds the receipt in clear.
    const stored = JSON.stringify(rowsOf(await t.database.db.execute(sql`select * from idempotency_entries`)));
    expect(stored).not.toContain(first.json().receipt);
  });

  it("counts one account's requests on both instances against one per-account limit, parallel or not", async () => {
    // An instance of its own with a small limit, and its twin on the same database.
    const small = await buildTestApp({ trustProxy: true, rateLimitPerMinute: 10 });
    const twin = await buildSecondInstance(small);
    try {
      const city = await makeAuthority(small, { name: '赣州市委巡察办' });
      const u = await makeUser(small, { grants: [{ role: 'officeStaff', scopeId: city }] });
      const s = await login(small, u.username, u.password);
      const get = (app: FastifyInstance) =>
        app.inject({ method: 'GET', url: '/api/authorities', headers: { cookie: s.cookie } });
      // Each instance has seen the session once (its account is then counted with the address,
      // beside the session lookup); then a burst alternating between them.
      const first = [await get(small.app), await get(twin)];
      const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => get(i % 2 ? twin : small.app)));
      const codes = [...first, ...burst].map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(10);
      expect(codes.filter((c) => c === 429)).toHaveLength(4);
      const refused = burst.find((r) => r.statusCode === 429);
      expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
      expect(burst.find((r) => r.statusCode === 200)?.headers['x-ratelimit-limit']).toBe('10');
    } finally {
      await twin.close();
      await small.close();
    }
  });
});
