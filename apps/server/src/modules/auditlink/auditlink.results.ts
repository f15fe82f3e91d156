import {
  auditRuleOf,
  HIT_STATUSES,
  type TAuditRole,
  type TAuditRuleId,
  type THit,
  type THitOut,
  type THitStatus,
  type TResolvedParams,
  type TRun,
  type TRunInput,
  type TRunSpec,
} from '@xc/domain';
import { and, count, eq, inArray } from 'drizzle-orm';
import { auditLinkHits, auditLinkInvalidRows, auditLinkRuns, type RunInputRow } from '../../db/schema/auditlink.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { HITS, INVALID_ROWS, keyHashes, openJson, type RunRow, sealJson } from './auditlink.shared.ts';
import type { RunResult } from './engine/index.ts';

// A run's results: kept when the engine is done, with what makes them reproducible (the spec, the
// template's version, the input files' SM3), and read back for the API.

/** The spec a run row was queued with, as the engine takes it. */
export function specOf(run: Pick<RunRow, 'rule' | 'inputs' | 'params'>): TRunSpec {
  const inputs: Partial<Record<TAuditRole, TRunInput[]>> = {};
  for (const [role, list] of Object.entries(run.inputs) as [TAuditRole, RunInputRow[]][])
    inputs[role] = list.map((i) => ({ datasetId: i.datasetId, columns: i.columns }));
  return { rule: run.rule as TAuditRuleId, inputs, params: run.params as TResolvedParams };
}

const CHUNK = 500;

/**
 * Writes a finished run's hits (keys and evidence sealed) and invalid rows (values sealed), and
 * marks the run done, in one transaction; a run that is no longer running (cancelled meanwhile)
 * is left as it is.
 */
export async function persistRunResult(deps: AppDeps, run: RunRow, result: RunResult, at: Date): Promise<boolean> {
  const hits = result.hits.map((h, i) => {
    const id = uuidv7(at.getTime());
    return {
      id,
      runId: run.id,
      inspectionId: run.inspectionId,
      seq: i + 1,
      keysEnc: sealJson(deps, HITS, id, 'keys', h.keys),
      evidenceEnc: sealJson(deps, HITS, id, 'evidence', h.evidence),
      measures: h.measures,
      keyHashes: keyHashes(deps.keys, h.keys),
      status: 'open' as const,
    };
  });
  const invalid = result.invalidRows.map((r, i) => {
    const id = uuidv7(at.getTime());
    return {
      id,
      runId: run.id,
      seq: i + 1,
      role: r.role,
      datasetId: r.datasetId,
      row: r.row,
      column: r.column,
      logical: r.logical,
      valueEnc: r.value === null ? null : deps.cipher.encrypt(INVALID_ROWS, id, 'value', r.value),
      reason: r.reason,
    };
  });
  return deps.db.transaction(async (tx) => {
    const moved = await tx
      .update(auditLinkRuns)
      .set({
        status: 'done',
        phase: null,
        progress: 1,
        hitCount: result.hitCount,
        invalidCount: result.invalidRowCount,
        sql: result.sql,
        templateVersion: result.templateVersion,
        inputChecksums: result.inputChecksums,
        finishedAt: at,
        heartbeatAt: at,
      })
      .where(and(eq(auditLinkRuns.id, run.id), eq(auditLinkRuns.status, 'running')))
      .returning({ id: auditLinkRuns.id });
    if (!moved.length) return false;
    for (let i = 0; i < hits.length; i += CHUNK) await tx.insert(auditLinkHits).values(hits.slice(i, i + CHUNK));
    for (let i = 0; i < invalid.length; i += CHUNK)
      await tx.insert(auditLinkInvalidRows).values(invalid.slice(i, i + CHUNK));
    await writeAudit(tx, at, {
      actorName: '系统',
      action: 'auditlink.run.done',
      objectType: 'auditLinkRun',
      objectId: run.id,
      detail: {
        inspectionId: run.inspectionId,
        rule: run.rule,
        hits: result.hitCount,
        invalidRows: result.invalidRowCount,
        inputChecksums: result.inputChecksums,
      },
    });
    return true;
  });
}

/** Zero hits of every status. */
export function noHits(): Record<THitStatus, number> {
  return Object.fromEntries(HIT_STATUSES.map((s) => [s, 0])) as Record<THitStatus, number>;
}

/** Hits of some runs by status. */
export async function hitCountsOf(db: Db, runIds: string[]): Promise<Map<string, Record<THitStatus, number>>> {
  const out = new Map<string, Record<THitStatus, number>>();
  for (const id of runIds) out.set(id, noHits());
  if (!runIds.length) return out;
  const rows = await db
    .select({ runId: auditLinkHits.runId, status: auditLinkHits.status, n: count() })
    .from(auditLinkHits)
    .where(inArray(auditLinkHits.runId, runIds))
    .groupBy(auditLinkHits.runId, auditLinkHits.status);
  for (const r of rows) {
    const c = out.get(r.runId);
    if (c) c[r.status as THitStatus] = Number(r.n);
  }
  return out;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function runDto(run: RunRow, counts: Record<THitStatus, number>): TRun {
  return {
    id: run.id,
    inspectionId: run.inspectionId,
    rule: run.rule as TAuditRuleId,
    ruleName: auditRuleOf(run.rule as TAuditRuleId).name,
    templateVersion: run.templateVersion,
    inputs: run.inputs,
    params: run.params,
    status: run.status,
    phase: run.phase,
    progress: run.status === 'done' ? 1 : run.progress,
    hits: run.hitCount,
    invalidRows: run.invalidCount,
    hitCounts: counts,
    sql: run.sql,
    inputChecksums: run.inputChecksums,
    error: run.error,
    cancelRequested: run.cancelRequested,
    createdById: run.createdById,
    createdByName: run.createdByName,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}

export type HitRow = typeof auditLinkHits.$inferSelect;

/** A hit with its keys and evidence opened. */
export function hitDto(deps: Pick<AppDeps, 'cipher'>, h: HitRow): THitOut {
  return {
    id: h.id,
    runId: h.runId,
    seq: h.seq,
    keys: openJson<THit['keys']>(deps, HITS, h.id, 'keys', h.keysEnc),
    evidence: openJson<THit['evidence']>(deps, HITS, h.id, 'evidence', h.evidenceEnc),
    measures: h.measures,
    status: h.status,
    dismissReason: h.dismissReason,
    recordId: h.recordId,
    decidedByName: h.decidedByName,
    decidedAt: iso(h.decidedAt),
  };
}
