import fs from 'node:fs';
import path from 'node:path';
import { AppError, ErrorCode, type TAuditEntry } from '@xc/domain';
import { and, asc, desc, eq, gt, gte, ilike, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { auditLog, auditPurges } from '../db/schema/platform.ts';
import type { RequestCtx } from './context.ts';
import { cryptoProvider } from './crypto.ts';
import { countWhere, type Db, rowsOf } from './db.ts';
import { paginate } from './pagination.ts';

export interface AuditEvent {
  actorId?: string | null;
  actorName?: string | null;
  role?: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result?: 'success' | 'failure' | 'denied';
  requestId?: string | null;
  /** Staff IP only; the public channel never passes one. */
  ip?: string | null;
  detail?: Record<string, unknown> | null;
}

/** The audit fields that name who acted, from the request. */
export function auditOf(ctx: RequestCtx): Pick<AuditEvent, 'actorId' | 'actorName' | 'role' | 'requestId' | 'ip'> {
  return {
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    role: ctx.actor.roles.join(','),
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}

/** What a request did to one object: who acted comes from the request, as in every staff event. */
export function auditAction(
  db: Db,
  at: Date,
  ctx: RequestCtx,
  action: string,
  object: { type: string; id: string | null },
  detail?: Record<string, unknown>,
): Promise<void> {
  return writeAudit(db, at, { ...auditOf(ctx), action, objectType: object.type, objectId: object.id, detail });
}

/** Every export is audited with its serial, which is also printed on the file. */
export function auditExport(
  db: Db,
  ctx: RequestCtx,
  at: Date,
  action: string,
  serial: string,
  detail: Record<string, unknown>,
): Promise<void> {
  return writeAudit(db, at, { ...auditOf(ctx), action, objectType: 'export', objectId: serial, detail });
}

export const GENESIS_HASH = '0'.repeat(64);

/** A stable JSON text: keys sorted at every level, so the hash does not depend on key order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

interface ChainFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  requestId: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

/** What a stored row's hash covers: every field but the hashes themselves. */
function chainFieldsOf(r: typeof auditLog.$inferSelect) {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    role: r.role,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    result: r.result,
    requestId: r.requestId,
    ip: r.ip,
    detail: r.detail ?? null,
  };
}

export function chainHash(prevHash: string, row: ChainFields): string {
  const body = canonicalJson({ ...row, at: row.at.toISOString() });
  return cryptoProvider.sm3(prevHash + body);
}

/** Any transaction-advisory lock key; it serializes writers so the chain has one order. */
const AUDIT_LOCK = 72_657_001;

/**
 * Append one event. Call it inside the transaction of the change it records, so that if the audit
 * write fails the business write fails with it.
 */
export async function writeAudit(db: Db, at: Date, e: AuditEvent): Promise<void> {
  // The chain lock is a transaction lock: taken outside a transaction it is released at the end of
  // its own statement, and two events written at once (a read audit, a denial) read the same last
  // row and collide on the next seq. An event written on its own gets a transaction of its own.
  if (!(db instanceof PgTransaction)) return db.transaction((tx) => writeAudit(tx as unknown as Db, at, e));
  await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const last =
    (
      await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1)
    )[0] ??
    // Every row purged (only ever for a moment: the purge's own event follows in its transaction):
    // the next event links to the last purged row, so seq never starts again at 1.
    (
      await db
        .select({ seq: auditPurges.throughSeq, hash: auditPurges.throughHash })
        .from(auditPurges)
        .orderBy(desc(auditPurges.throughSeq))
        .limit(1)
    )[0];
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    at,
    actorId: e.actorId ?? null,
    actorName: e.actorName ?? null,
    role: e.role ?? null,
    action: e.action,
    objectType: e.objectType ?? null,
    objectId: e.objectId ?? null,
    result: e.result ?? 'success',
    requestId: e.requestId ?? null,
    ip: e.ip ?? null,
    detail: e.detail ?? null,
  };
  await db.insert(auditLog).values({
    ...row,
    result: row.result as 'success',
    prevHash,
    hash: chainHash(prevHash, row),
  });
}

/**
 * Walk the whole chain in order. Returns the first row whose stored hash or link does not match
 * what its contents give, or null when the chain is whole. After a purge the chain starts at the
 * first remaining row and links to the purge record that ends right before it (its through_hash);
 * a gap at the start that no purge record closes — rows deleted behind the log's back — is a break
 * at the first remaining row.
 */
export async function verifyAuditChain(
  db: Db,
): Promise<{ checked: number; firstBrokenSeq: number | null; purgedThroughSeq: number | null }> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  let purgedThroughSeq: number | null = null;
  const first = (await db.select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq)).limit(1))[0];
  if (first && first.seq > 1) {
    const purge = (
      await db
        .select({ hash: auditPurges.throughHash })
        .from(auditPurges)
        .where(eq(auditPurges.throughSeq, first.seq - 1))
    )[0];
    if (!purge) return { checked: 1, firstBrokenSeq: first.seq, purgedThroughSeq: null };
    prev = purge.hash;
    expectedSeq = first.seq;
    after = first.seq - 1;
    purgedThroughSeq = first.seq - 1;
  }
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      checked++;
      const expect = chainHash(prev, chainFieldsOf(r));
      if (r.seq !== expectedSeq || r.prevHash !== prev || r.hash !== expect)
        return { checked, firstBrokenSeq: r.seq, purgedThroughSeq };
      prev = r.hash;
      expectedSeq++;
      after = r.seq;
    }
  }
  return { checked, firstBrokenSeq: null, purgedThroughSeq };
}

/**
 * The chain head kept outside the database: a whole chain that was cut short at the end (rows
 * deleted with the trigger switched off) still verifies, but no longer reaches this checkpoint.
 */
export function headFile(dataDir: string): string {
  return path.join(dataDir, 'audit-head.json');
}

/** The checkpoint's signature: HMAC-SM3 under the auditor's key from KEY_FILE. */
function headMac(auditKey: Buffer, seq: number, hash: string, at: string): string {
  return cryptoProvider.hmacSm3(auditKey, `audit-head|${seq}|${hash}|${at}`).toString('hex');
}

/**
 * Writes the chain head (last seq and hash) to a file outside the database, signed with the
 * auditor's key. Someone who can rewrite the database (and re-chain every row) but does not hold
 * the key file cannot produce a checkpoint that agrees with the rewritten chain.
 */
export async function checkpointAuditHead(db: Db, dataDir: string, auditKey: Buffer): Promise<void> {
  const last = (
    await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1)
  )[0];
  if (!last) return;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const at = new Date().toISOString();
  const tmp = `${headFile(dataDir)}.${process.pid}.tmp`;
  fs.writeFileSync(
    tmp,
    JSON.stringify({ seq: last.seq, hash: last.hash, at, mac: headMac(auditKey, last.seq, last.hash, at) }),
    { mode: 0o600 },
  );
  fs.renameSync(tmp, headFile(dataDir));
}

/**
 * Is the checkpoint signed with the auditor's key, and does the database still hold its head row
 * unchanged? null when there is no checkpoint.
 */
export async function checkAuditHead(
  db: Db,
  dataDir: string,
  auditKey: Buffer,
): Promise<{ seq: number; ok: boolean; signed: boolean } | null> {
  let head: { seq: number; hash: string; at: string; mac?: string };
  try {
    head = JSON.parse(fs.readFileSync(headFile(dataDir), 'utf8'));
  } catch {
    return null;
  }
  const signed =
    typeof head.mac === 'string' && cryptoProvider.equal(head.mac, headMac(auditKey, head.seq, head.hash, head.at));
  const row = (await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, head.seq)))[0];
  if (row) return { seq: head.seq, signed, ok: signed && row.hash === head.hash };
  // The head row is gone. Only a purge may have taken it (a checkpoint older than the purge): the
  // purge that ended exactly there recorded its hash; one that ended later covered it, and the
  // rows after that purge are proven by the chain itself. A tail cut behind the log's back has no
  // purge record at or beyond the checkpoint (on PostgreSQL the API cannot write one: db-roles.ts).
  const purge = (
    await db
      .select({ seq: auditPurges.throughSeq, hash: auditPurges.throughHash })
      .from(auditPurges)
      .where(gte(auditPurges.throughSeq, head.seq))
      .orderBy(asc(auditPurges.throughSeq))
      .limit(1)
  )[0];
  const covered = !!purge && (purge.seq > head.seq || purge.hash === head.hash);
  return { seq: head.seq, signed, ok: signed && covered };
}

/**
 * Checkpoints the head soon after writes (one second after the last state-changing request), not
 * only once a minute: a tail cut off right after a write is then caught too.
 */
export function checkpointSoon(write: () => Promise<void>, delayMs = 1_000): () => void {
  let timer: NodeJS.Timeout | null = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void write();
    }, delayMs);
    timer.unref();
  };
}

// ---------------------------------------------------------------- reading the log (安全审计员)

export interface AuditQuery {
  q?: string;
  action?: string;
  actorId?: string;
  result?: 'success' | 'failure' | 'denied';
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

function auditConds(q: AuditQuery): SQL[] {
  const conds: SQL[] = [];
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(
      or(ilike(auditLog.actorName, like), ilike(auditLog.objectId, like), ilike(auditLog.action, like)) as SQL,
    );
  }
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.actorId) conds.push(eq(auditLog.actorId, q.actorId));
  if (q.result) conds.push(eq(auditLog.result, q.result));
  const day = (s: string, end: boolean) => {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00+08:00`) : new Date(s);
    if (Number.isNaN(d.getTime())) throw new AppError(ErrorCode.BadRequest, '日期格式不正确');
    return end && /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(d.getTime() + 86_400_000) : d;
  };
  if (q.from) conds.push(gte(auditLog.at, day(q.from, false)));
  if (q.to)
    conds.push(/^\d{4}-\d{2}-\d{2}$/.test(q.to) ? lt(auditLog.at, day(q.to, true)) : lte(auditLog.at, day(q.to, true)));
  return conds;
}

function auditDto(r: typeof auditLog.$inferSelect): TAuditEntry {
  return { ...chainFieldsOf(r), at: r.at.toISOString(), hash: r.hash };
}

/** One page of the audit log under the filters, newest first. */
export async function listAuditEntries(db: Db, q: AuditQuery) {
  const conds = auditConds(q);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['int'],
    after: ([seq]) => lt(auditLog.seq, Number(seq)),
    count: () => countWhere(db, auditLog, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(auditLog)
        .where(and(...conds, from))
        .orderBy(desc(auditLog.seq))
        .limit(n),
    key: (r) => [r.seq],
  });
  return { items: page.rows.map(auditDto), total: page.total, nextCursor: page.nextCursor };
}

/** Every entry under the filters (up to `max`), newest first, for the export. */
export async function auditEntries(db: Db, q: Omit<AuditQuery, 'limit' | 'cursor'>, max: number) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...auditConds({ ...q, limit: 0 })))
    .orderBy(desc(auditLog.seq))
    .limit(max);
  return rows.map(auditDto);
}

// ---------------------------------------------------------------- purging after retention (安全审计员)

/** The database refused the purge itself (migration 0022's audit_purge: retention by its own clock). */
function isPurgeRefusal(e: unknown): boolean {
  for (let c: unknown = e; c && typeof c === 'object'; c = (c as { cause?: unknown }).cause)
    if (
      (c as { code?: unknown }).code === '22023' &&
      String((c as { message?: unknown }).message).includes('audit_purge')
    )
      return true;
  return false;
}

/**
 * Deletes the prefix of the chain older than `cutoff` through the database function audit_purge
 * (the only statement the append-only trigger lets delete, and on PostgreSQL the only way the API's
 * role reaches a delete), which records where the purge ended. Call it inside the transaction that
 * also writes the purge's own event. `minAgeDays` is the retention the database checks the cutoff
 * against with its own clock.
 */
export async function purgeAuditLog(
  tx: Db,
  cutoff: Date,
  minAgeDays: number,
  actor: { actorId: string | null; actorName: string | null },
): Promise<{ purgedRows: number; throughSeq: number | null }> {
  let n: number;
  try {
    const r = rowsOf<{ n: number }>(
      await tx.execute(
        sql`select audit_purge(${cutoff.toISOString()}::timestamptz, ${minAgeDays}::int, ${actor.actorId}::uuid, ${actor.actorName}::text) as n`,
      ),
    );
    n = Number(r[0]?.n ?? 0);
  } catch (e) {
    if (isPurgeRefusal(e))
      throw new AppError(ErrorCode.BadRequest, '按数据库时间，清理日期仍在审计日志保存期内，未清理任何日志');
    throw e;
  }
  if (n === 0) return { purgedRows: 0, throughSeq: null };
  const last = (
    await tx.select({ seq: auditPurges.throughSeq }).from(auditPurges).orderBy(desc(auditPurges.throughSeq)).limit(1)
  )[0];
  return { purgedRows: n, throughSeq: last?.seq ?? null };
}

/** The latest purge record, for the 审计员's page. */
export async function latestAuditPurge(db: Db) {
  const r = (await db.select().from(auditPurges).orderBy(desc(auditPurges.throughSeq)).limit(1))[0];
  return r
    ? {
        throughSeq: r.throughSeq,
        purgedRows: r.purgedRows,
        cutoff: r.cutoff.toISOString(),
        at: r.at.toISOString(),
        actorName: r.actorName,
      }
    : null;
}
