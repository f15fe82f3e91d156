import fs from 'node:fs';
import path from 'node:path';
import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import { auditLog } from '../db/schema/index.ts';
import type { RequestCtx } from './context.ts';
import { cryptoProvider } from './crypto.ts';
import type { Db } from './db.ts';

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
  await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const last = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const row: ChainFields = {
    seq: (last[0]?.seq ?? 0) + 1,
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
 * what its contents give, or null when the chain is whole.
 */
export async function verifyAuditChain(db: Db): Promise<{ checked: number; firstBrokenSeq: number | null }> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      checked++;
      const expect = chainHash(prev, {
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
      });
      if (r.seq !== expectedSeq || r.prevHash !== prev || r.hash !== expect) return { checked, firstBrokenSeq: r.seq };
      prev = r.hash;
      expectedSeq++;
      after = r.seq;
    }
  }
  return { checked, firstBrokenSeq: null };
}

/**
 * The chain head kept outside the database: a whole chain that was cut short at the end (rows
 * deleted with the trigger switched off) still verifies, but no longer reaches this checkpoint.
 */
export function headFile(dataDir: string): string {
  return path.join(dataDir, 'audit-head.json');
}

export async function checkpointAuditHead(db: Db, dataDir: string): Promise<void> {
  const last = (
    await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1)
  )[0];
  if (!last) return;
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${headFile(dataDir)}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ seq: last.seq, hash: last.hash, at: new Date().toISOString() }), {
    mode: 0o600,
  });
  fs.renameSync(tmp, headFile(dataDir));
}

/** Does the database still hold the checkpointed head row, unchanged? null when there is no checkpoint. */
export async function checkAuditHead(db: Db, dataDir: string): Promise<{ seq: number; ok: boolean } | null> {
  let head: { seq: number; hash: string };
  try {
    head = JSON.parse(fs.readFileSync(headFile(dataDir), 'utf8'));
  } catch {
    return null;
  }
  const row = (await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, head.seq)))[0];
  return { seq: head.seq, ok: row?.hash === head.hash };
}
