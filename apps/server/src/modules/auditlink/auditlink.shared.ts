import {
  AppError,
  AUDIT_ROLES,
  ErrorCode,
  matchKey,
  normalizeIdNo,
  type TAuditRole,
  type TEvidenceRow,
  type THit,
  type TLogicalColumn,
  type TPermission,
} from '@xc/domain';
import { eq } from 'drizzle-orm';
import { auditLinkRuns, type RunInputRow } from '../../db/schema/auditlink.ts';
import { notFound } from '../../platform/access.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { cryptoProvider } from '../../platform/crypto.ts';
import type { KeyRing } from '../../platform/keys.ts';
import { type InspectionRow, loadVisibleInspection } from '../planning/index.ts';

// What the parts of the module share: the inspection scope, the sealed columns and the keyed hashes
// a hit is found by.

export const bad = (message: string, details?: unknown) => new AppError(ErrorCode.BadRequest, message, details);
export const conflict = (message: string, details?: unknown) => new AppError(ErrorCode.Conflict, message, details);

/**
 * The inspection if the caller may work on its data with `permission` — planning's one rule: the
 * office every inspection of its authorities, a team's people their own team's; anything else 404.
 * Writes are refused (409) on an archived inspection.
 */
export function scopedInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  permission: TPermission,
  opts: { write?: boolean } = {},
): Promise<InspectionRow> {
  return loadVisibleInspection(deps, ctx, inspectionId, permission, opts);
}

export type RunRow = typeof auditLinkRuns.$inferSelect;

/** A run, 404 unless the caller may see its inspection with `permission`. */
export async function loadRun(
  deps: AppDeps,
  ctx: RequestCtx,
  runId: string,
  permission: TPermission,
  opts: { write?: boolean } = {},
): Promise<{ run: RunRow; inspection: InspectionRow }> {
  const run = (await deps.db.select().from(auditLinkRuns).where(eq(auditLinkRuns.id, runId)))[0];
  if (!run) throw notFound('比对');
  try {
    return { run, inspection: await scopedInspection(deps, ctx, run.inspectionId, permission, opts) };
  } catch (e) {
    // The inspection answers 404 as the inspection; the caller asked for a run.
    if (e instanceof AppError && e.code === ErrorCode.NotFound) throw notFound('比对');
    throw e;
  }
}

// ---------------------------------------------------------------- sealed columns

/** FieldCipher of JSON: the table name is the AAD's, so a sealed value cannot move to another table or row. */
export function sealJson(deps: Pick<AppDeps, 'cipher'>, table: string, id: string, column: string, v: unknown): string {
  return deps.cipher.encrypt(table, id, column, JSON.stringify(v));
}

export function openJson<T>(deps: Pick<AppDeps, 'cipher'>, table: string, id: string, column: string, s: string): T {
  return JSON.parse(deps.cipher.decrypt(table, id, column, s)) as T;
}

export const DATASETS = 'audit_link_datasets';
export const HITS = 'audit_link_hits';
export const INVALID_ROWS = 'audit_link_invalid_rows';

// ---------------------------------------------------------------- finding a hit by a key

/**
 * The key of the hit hashes: HMAC-SM3 under a key derived from the key file's token key, which does
 * not rotate (a hash must stay comparable across field-key rotations), with a label of its own.
 */
const hashKeys = new WeakMap<KeyRing, Buffer>();
function hashKeyOf(keys: KeyRing): Buffer {
  let k = hashKeys.get(keys);
  if (!k) {
    k = cryptoProvider.hmacSm3(keys.tokenKey, 'xc:auditlink:hit-key-hash:v1');
    hashKeys.set(keys, k);
  }
  return k;
}

const hashOf = (keys: KeyRing, value: string) =>
  cryptoProvider.hmacSm3(hashKeyOf(keys), matchKey(value)).toString('hex').slice(0, 32);

/** The hashes a hit is found by: each of its key values, folded as matchKey folds text. */
export function keyHashes(keys: KeyRing, hitKeys: Record<string, string>): string[] {
  return [...new Set(Object.values(hitKeys).map((v) => hashOf(keys, v)))];
}

/** What a search box's text is looked up as: a 身份证号 in any usual writing is normalized first. */
export function queryHashes(keys: KeyRing, q: string): string[] {
  const id = normalizeIdNo(q);
  return [...new Set([hashOf(keys, q), ...(id.ok ? [hashOf(keys, id.value)] : [])])];
}

// ---------------------------------------------------------------- evidence

/** The name a hit's rows give its person (payments, then the payroll, the death register, the vehicles). */
export function nameOfHit(
  hit: Pick<THit, 'evidence'>,
  inputs: Partial<Record<TAuditRole, RunInputRow[]>>,
): string | null {
  for (const role of ['payments', 'payroll', 'deaths', 'vehicles'] as TAuditRole[])
    for (const row of hit.evidence[role] ?? []) {
      const column = inputs[role]?.find((i) => i.datasetId === row.datasetId)?.columns.name;
      const v = column ? row.values[column]?.trim() : undefined;
      if (v) return v;
    }
  return null;
}

/** Evidence rows of every role in the catalog's order of roles. */
export function evidenceEntries(evidence: THit['evidence']): [TAuditRole, TEvidenceRow[]][] {
  return AUDIT_ROLES.filter((r) => evidence[r]?.length).map((r) => [r, evidence[r] as TEvidenceRow[]]);
}

/** A logical → file column mapping without empty entries. */
export function cleanColumns(c: Partial<Record<TLogicalColumn, string>>): Partial<Record<TLogicalColumn, string>> {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => !!v)) as Partial<Record<TLogicalColumn, string>>;
}
