import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, count, desc, eq, lt, max, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  makeAuthority,
  openTestDatabase,
  type Session,
  type TestContext,
} from '../../../test/helpers.ts';
import { auditLog, auditPurges } from '../../db/schema/index.ts';
import { backupTo, restoreFrom } from '../../ops/backup.ts';
import { checkAuditHead, checkpointAuditHead, verifyAuditChain } from '../../platform/audit.ts';

// security.md, Audit: "Retention ≥ 180 days (default 3 years); purge only by the 审计员 after
// retention, itself audited" (docs/security-checklist.md AU3b). The rows' times come from the test
// clock; the database function also checks the cutoff against its own clock (now()), which is
// later than every date the test clock purges (March 2026 plus 180 days is before any run).

let t: TestContext;
let city: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-audit-purge-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const db = () => t.database.db;
const auditCount = async () => Number((await db().select({ n: count() }).from(auditLog))[0]?.n);
const purgeCount = async () => Number((await db().select({ n: count() }).from(auditPurges))[0]?.n);
const firstSeq = async () =>
  (await db().select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq)))[0]?.seq;
/** The last seq written before `cutoff`: what a purge up to it removes (with everything before). */
const lastSeqBefore = async (cutoff: Date) =>
  Number(
    (
      await db()
        .select({ m: max(auditLog.seq) })
        .from(auditLog)
        .where(lt(auditLog.at, cutoff))
    )[0]?.m,
  );
const rowAt = async (seq: number) => (await db().select().from(auditLog).where(eq(auditLog.seq, seq)))[0];

/** A 审计员 signed in now (by the test clock) and re-authenticated, as the purge requires. */
async function auditor(): Promise<Session> {
  const s = await loginAs(t, { role: 'auditAdmin' });
  await s.reauth();
  return s;
}

beforeAll(async () => {
  t = await buildTestApp();
  city = await makeAuthority(t, { name: '赣州市委巡察办' });
  // The floor of security.md, so that the test clock needs to move half a year, not three.
  const sys = await loginAs(t, { role: 'sysAdmin' });
  const cur = (await sys.get('/api/settings')).json();
  const res = await sys.put('/api/settings', {
    version: cur.version,
    settings: { ...cur.settings, auditRetentionDays: 180 },
  });
  if (res.statusCode !== 200) throw new Error(`settings: ${res.statusCode} ${res.body}`);
});
afterAll(async () => t.close());

describe('POST /api/audit/purge: who may purge', () => {
  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/audit/purge', payload: { before: '2025-01-01' } });
    expect(res.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit/purge' })).statusCode).toBe(401);
  });

  it('answers 403 to the 系统管理员, the 安全保密管理员 and office staff, even re-authenticated', async () => {
    const before = await purgeCount();
    for (const s of [
      await loginAs(t, { role: 'sysAdmin' }),
      await loginAs(t, { role: 'secAdmin' }),
      await loginAs(t, { role: 'officeStaff', scopeId: city }),
    ]) {
      await s.reauth();
      expect((await s.post('/api/audit/purge', { before: '2025-01-01' })).statusCode).toBe(403);
      expect((await s.get('/api/audit/purge')).statusCode).toBe(403);
    }
    expect(await purgeCount()).toBe(before);
    const denied = (
      await db().select().from(auditLog).where(eq(auditLog.action, 'auth.denied')).orderBy(desc(auditLog.seq))
    )[0];
    expect(denied?.objectId).toBe('GET /api/audit/purge');
  });

  it('asks the 审计员 for the password first', async () => {
    const s = await loginAs(t, { role: 'auditAdmin' });
    const res = await s.post('/api/audit/purge', { before: '2025-01-01' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('REAUTH_REQUIRED');
  });
});

describe('POST /api/audit/purge: refusals write nothing', () => {
  it('answers 400 to bad input and to a date inside the retention period, naming the latest date allowed', async () => {
    const aud = await auditor();
    const rows = await auditCount();
    const purges = await purgeCount();
    for (const body of [
      {},
      { before: 'x' },
      { before: '2025-02-30' },
      { before: '2025/01/01' },
      { before: '2025-01-01', extra: 1 },
    ])
      expect((await aud.post('/api/audit/purge', body)).statusCode, JSON.stringify(body)).toBe(400);
    // Today is 2026-03-02 by the test clock; 180 days earlier is 2025-09-03.
    const info = (await aud.get('/api/audit/purge')).json();
    expect(info).toEqual({ retentionDays: 180, latestBefore: '2025-09-03', lastPurge: null });
    for (const before of ['2025-09-04', '2026-03-01', '2026-03-02', '2030-01-01']) {
      const res = await aud.post('/api/audit/purge', { before });
      expect(res.statusCode, before).toBe(400);
      expect(res.json().message).toContain('180天');
      expect(res.json().message).toContain('2025-09-03');
    }
    expect(await auditCount()).toBe(rows);
    expect(await purgeCount()).toBe(purges);
    // The last day allowed is allowed (nothing is that old yet: 0 rows, no purge record).
    const ok = await aud.post('/api/audit/purge', { before: '2025-09-03' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ purgedRows: 0, throughSeq: null, cutoff: '2025-09-02T16:00:00.000Z' });
    expect(await purgeCount()).toBe(purges);
  });

  it('the database function refuses a cutoff inside the retention period by its own clock, or under 180 days', async () => {
    const rows = await auditCount();
    const call = (cutoff: string, days: number) =>
      db().execute(sql`select audit_purge(${cutoff}::timestamptz, ${days}::int, null::uuid, null::text)`);
    await expect(call(new Date(Date.now() - 10 * 86_400_000).toISOString(), 180)).rejects.toThrow();
    await expect(call(new Date(Date.now() - 400 * 86_400_000).toISOString(), 500)).rejects.toThrow();
    await expect(call('2000-01-01T00:00:00Z', 179)).rejects.toThrow();
    expect(await auditCount()).toBe(rows);
    expect(await purgeCount()).toBe(0);
  });

  it('the log and the purge records still refuse UPDATE, DELETE and TRUNCATE outside the function', async () => {
    const seq = (await firstSeq()) as number;
    await expect(db().execute(sql`delete from audit_log where seq = ${seq}`)).rejects.toThrow();
    await expect(db().execute(sql`update audit_log set action = 'x' where seq = ${seq}`)).rejects.toThrow();
    await expect(db().execute(sql`truncate audit_purges`)).rejects.toThrow();
    expect(await rowAt(seq)).toBeTruthy();
  });
});

describe('purging the prefix after retention', () => {
  const day1Cutoff = new Date('2026-03-05T00:00:00+08:00');
  const auditKey = randomBytes(32);
  /** Checkpoints of the head on 10 and on 20 March. */
  const heads = {
    march10: { dir: path.join(tmp, 'head10'), seq: 0 },
    march20: { dir: path.join(tmp, 'head20'), seq: 0 },
  };
  let throughSeq = 0;
  const lastSeq = async () => (await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0;

  it('removes exactly the rows before the cutoff, records where it ended, audits itself and the chain verifies', async () => {
    // Rows of 2 March (the sign-ins above), of 10 and of 20 March, each day's head checkpointed;
    // then, half a year later, the purge of everything before 5 March.
    for (const [day, head] of [
      ['2026-03-10', heads.march10],
      ['2026-03-20', heads.march20],
    ] as const) {
      t.clock.set(`${day}T10:00:00+08:00`);
      await loginAs(t, { role: 'officeStaff', scopeId: city });
      await checkpointAuditHead(db(), head.dir, auditKey);
      head.seq = await lastSeq();
    }
    t.clock.set('2026-09-30T10:00:00+08:00');
    const aud = await auditor();
    const expected = await lastSeqBefore(day1Cutoff);
    expect(expected).toBeGreaterThan(5);
    expect(await firstSeq()).toBe(1);
    const lastPurged = await rowAt(expected);
    const kept = await db()
      .select()
      .from(auditLog)
      .where(sql`${auditLog.seq} > ${expected}`)
      .orderBy(asc(auditLog.seq));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept[0]?.at.getTime()).toBeGreaterThanOrEqual(day1Cutoff.getTime());

    const res = await aud.post('/api/audit/purge', { before: '2026-03-05' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ purgedRows: expected, throughSeq: expected, cutoff: day1Cutoff.toISOString() });
    throughSeq = expected;

    expect(await firstSeq()).toBe(expected + 1);
    const after = await db().select().from(auditLog).orderBy(asc(auditLog.seq));
    // Every row after the cutoff is still there, unchanged; the only new one is the purge's event.
    expect(after.slice(0, kept.length)).toEqual(kept);
    expect(after.slice(kept.length).map((r) => r.action)).toEqual(['audit.purge']);
    const event = after[after.length - 1];
    expect(event).toMatchObject({
      actorId: aud.userId,
      action: 'audit.purge',
      objectType: 'audit',
      objectId: String(expected),
      result: 'success',
      detail: { cutoff: day1Cutoff.toISOString(), purgedRows: expected, throughSeq: expected },
    });
    expect(event?.at.toISOString()).toBe(t.clock.now().toISOString());

    const purges = await db().select().from(auditPurges);
    expect(purges).toHaveLength(1);
    expect(purges[0]).toMatchObject({
      throughSeq: expected,
      throughHash: lastPurged?.hash,
      purgedRows: expected,
      cutoff: day1Cutoff,
      actorId: aud.userId,
    });
    expect(kept[0]?.prevHash).toBe(lastPurged?.hash);

    expect(await verifyAuditChain(db())).toEqual({
      checked: after.length,
      firstBrokenSeq: null,
      purgedThroughSeq: expected,
    });
    expect((await aud.get('/api/audit/verify')).json()).toEqual({
      ok: true,
      checked: after.length,
      firstBrokenSeq: null,
      purgedThroughSeq: expected,
    });
    // The checkpoint of 10 March is a row that remains: still consistent.
    expect(await checkAuditHead(db(), heads.march10.dir, auditKey)).toEqual({
      seq: heads.march10.seq,
      signed: true,
      ok: true,
    });
    const info = (await aud.get('/api/audit/purge')).json();
    expect(info.lastPurge).toMatchObject({
      throughSeq: expected,
      purgedRows: expected,
      cutoff: day1Cutoff.toISOString(),
    });
    // The audit page lists from the first remaining row.
    const page = (await aud.get('/api/audit?limit=500')).json();
    expect(page.items.at(-1).seq).toBe(expected + 1);
  });

  it('nothing older than the cutoff left: 200 with 0, no purge record, the attempt audited', async () => {
    const aud = await auditor();
    const purges = await purgeCount();
    const res = await aud.post('/api/audit/purge', { before: '2026-03-05' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ purgedRows: 0, throughSeq: null });
    expect(await purgeCount()).toBe(purges);
    const last = (await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0];
    expect(last).toMatchObject({ action: 'audit.purge', objectId: null, detail: { purgedRows: 0, throughSeq: null } });
    expect((await verifyAuditChain(db())).firstBrokenSeq).toBeNull();
  });

  it('two purges at once: one removes the rows, the other finds none; one record, the chain whole', async () => {
    const [a, b] = [await auditor(), await auditor()];
    const cutoff = new Date('2026-03-11T00:00:00+08:00');
    const expected = await lastSeqBefore(cutoff);
    expect(expected).toBeGreaterThan(throughSeq);
    const purges = await purgeCount();
    const res = await Promise.all([
      a.post('/api/audit/purge', { before: '2026-03-11' }),
      b.post('/api/audit/purge', { before: '2026-03-11' }),
    ]);
    expect(res.map((r) => r.statusCode)).toEqual([200, 200]);
    const counts = res.map((r) => r.json().purgedRows).sort((x, y) => x - y);
    expect(counts).toEqual([0, expected - throughSeq]);
    expect(await purgeCount()).toBe(purges + 1);
    expect(await firstSeq()).toBe(expected + 1);
    // Two purge records now; the chain starts from the second.
    const v = await verifyAuditChain(db());
    expect(v).toMatchObject({ firstBrokenSeq: null, purgedThroughSeq: expected });
    throughSeq = expected;
  });

  it('a checkpoint of a row a purge took still agrees, by the purge record; a cut tail does not', async () => {
    // The head of 20 March was the last row of that day: the purge before 21 March ends exactly there.
    const aud = await auditor();
    const res = await aud.post('/api/audit/purge', { before: '2026-03-21' });
    expect(res.statusCode).toBe(200);
    expect(res.json().throughSeq).toBe(heads.march20.seq);
    expect(await rowAt(heads.march20.seq)).toBeUndefined();
    expect(await checkAuditHead(db(), heads.march20.dir, auditKey)).toEqual({
      seq: heads.march20.seq,
      signed: true,
      ok: true,
    });
    // And one of 10 March, which an earlier purge covered.
    expect(await checkAuditHead(db(), heads.march10.dir, auditKey)).toMatchObject({ ok: true });
    expect((await verifyAuditChain(db())).firstBrokenSeq).toBeNull();
    throughSeq = res.json().throughSeq;

    // The tail cut behind the log's back (trigger off, as a superuser could): the checkpoint of
    // the last row no longer matches, and no purge record excuses it.
    const dir3 = path.join(tmp, 'head3');
    await checkpointAuditHead(db(), dir3, auditKey);
    const last = (await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0];
    if (!last) throw new Error('no last row');
    await withTriggerOff(() => db().execute(sql`delete from audit_log where seq = ${last.seq}`));
    try {
      expect(await checkAuditHead(db(), dir3, auditKey)).toEqual({ seq: last.seq, signed: true, ok: false });
    } finally {
      await db().insert(auditLog).values(last);
    }
    expect(await checkAuditHead(db(), dir3, auditKey)).toMatchObject({ ok: true });
  });

  it('a row deleted without a purge record breaks verification at the first remaining row', async () => {
    const aud = await auditor();
    const first = (await db().select().from(auditLog).orderBy(asc(auditLog.seq)).limit(1))[0];
    if (!first) throw new Error('empty log');
    expect(first.seq).toBe(throughSeq + 1);
    await withTriggerOff(() => db().execute(sql`delete from audit_log where seq = ${first.seq}`));
    try {
      expect((await verifyAuditChain(db())).firstBrokenSeq).toBe(first.seq + 1);
      const v = (await aud.get('/api/audit/verify')).json();
      expect(v).toMatchObject({ ok: false, firstBrokenSeq: first.seq + 1 });
    } finally {
      // Put the row back, so the chain is whole again for the tests below.
      await db().insert(auditLog).values(first);
    }
    expect((await verifyAuditChain(db())).firstBrokenSeq).toBeNull();
    // The same for a purge record that is missing: a prefix gone with no record closing the gap.
    const second = (await db().select().from(auditLog).orderBy(asc(auditLog.seq)).limit(2))[1];
    await withTriggerOff(() => db().execute(sql`delete from audit_log where seq <= ${first.seq}`));
    try {
      expect((await verifyAuditChain(db())).firstBrokenSeq).toBe(second?.seq);
    } finally {
      await db().insert(auditLog).values(first);
    }
    expect((await verifyAuditChain(db())).firstBrokenSeq).toBeNull();
  });

  it('a backup of the purged chain restores and verifies', async () => {
    const file = path.join(tmp, 'purged.bak');
    const keys = t.app.deps.keys;
    await backupTo(t.database, file, keys);
    const { database: dst, drop } = await openTestDatabase();
    try {
      const r = await restoreFrom(dst, file, keys);
      expect(r.tables.audit_purges).toBe(await purgeCount());
      expect(r.tables.audit_log).toBe(await auditCount());
      expect(await verifyAuditChain(dst.db)).toEqual(await verifyAuditChain(db()));
      expect((await verifyAuditChain(dst.db)).purgedThroughSeq).toBe(throughSeq);
      // The restored records keep their guard.
      await expect(dst.db.execute(sql`delete from audit_purges`)).rejects.toThrow();
    } finally {
      await dst.close();
      await drop();
    }
  });

  it('answers 400 when the database clock says the date is still inside the retention period', async () => {
    // The server's clock far ahead of the database's (a wrong clock): the database refuses.
    t.clock.set('2099-01-01T10:00:00+08:00');
    const aud = await auditor();
    const rows = await auditCount();
    const purges = await purgeCount();
    const res = await aud.post('/api/audit/purge', { before: '2098-07-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('数据库时间');
    expect(await auditCount()).toBe(rows);
    expect(await purgeCount()).toBe(purges);
  });
});

async function withTriggerOff(f: () => Promise<unknown>): Promise<void> {
  await db().execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
  try {
    await f();
  } finally {
    await db().execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
  }
}
