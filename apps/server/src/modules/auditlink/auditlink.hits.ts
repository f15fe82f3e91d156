import {
  AppError,
  AUDIT_ROLE_LABELS,
  auditRuleOf,
  ErrorCode,
  formatCents,
  HIT_STATUS_LABELS,
  type TAuditRuleId,
  type TEvidenceIn,
  type THitDismiss,
  type THitListQuery,
  type THitOut,
  type THitsToClue,
  type THitsToPaper,
  type TInvalidRow,
} from '@xc/domain';
import { evidenceLabels, hitsFacts, hitsTitle } from '@xc/domain/auditlink/hits';
import { and, arrayOverlaps, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import { auditLinkHits, auditLinkInvalidRows, type RunInputRow } from '../../db/schema/auditlink.ts';
import { notFound } from '../../platform/access.ts';
import { auditExport, auditOf, writeAudit } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { paginate } from '../../platform/pagination.ts';
import { buildXlsx, newExportSerial, type SheetColumn } from '../../platform/spreadsheets.ts';
import { createClueDraftFrom, createPaperDraftFrom } from '../fieldwork/index.ts';
import { inspectionsById } from '../planning/index.ts';
import { type HitRow, hitCountsOf, hitDto } from './auditlink.results.ts';
import {
  bad,
  conflict,
  evidenceEntries,
  INVALID_ROWS,
  loadRun,
  nameOfHit,
  queryHashes,
  type RunRow,
} from './auditlink.shared.ts';

function hitFilters(deps: AppDeps, runId: string, q: Pick<THitListQuery, 'status' | 'q'>): SQL {
  return and(
    eq(auditLinkHits.runId, runId),
    q.status ? eq(auditLinkHits.status, q.status) : undefined,
    q.q ? arrayOverlaps(auditLinkHits.keyHashes, queryHashes(deps.keys, q.q)) : undefined,
  ) as SQL;
}

/**
 * A run's hits in its order, with their evidence (personal data: the read is audited), filtered by
 * status and by a key value, with the counts per status under the key filter.
 */
export async function listHits(deps: AppDeps, ctx: RequestCtx, runId: string, q: THitListQuery) {
  const { run } = await loadRun(deps, ctx, runId, 'auditlink:read');
  const where = hitFilters(deps, run.id, q);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['int'],
    count: () => countWhere(deps.db, auditLinkHits, where),
    fetch: (from, n) =>
      deps.db.select().from(auditLinkHits).where(and(where, from)).orderBy(asc(auditLinkHits.seq)).limit(n),
    key: (h) => [h.seq],
    after: ([seq]) => gt(auditLinkHits.seq, Number(seq)),
  });
  const counts = q.q
    ? await statusCounts(deps.db, hitFilters(deps, run.id, { q: q.q }))
    : (await hitCountsOf(deps.db, [run.id])).get(run.id);
  await writeAudit(deps.db, deps.clock.now(), {
    ...auditOf(ctx),
    action: 'auditlink.hits.read',
    objectType: 'auditLinkRun',
    objectId: run.id,
    detail: { inspectionId: run.inspectionId, hits: page.rows.length, status: q.status ?? null, search: !!q.q },
  });
  return {
    items: page.rows.map((h) => hitDto(deps, h)),
    total: page.total,
    nextCursor: page.nextCursor,
    counts: counts as Record<THitOut['status'], number>,
  };
}

async function statusCounts(db: Db, where: SQL) {
  const out = { open: 0, dismissed: 0, paper: 0, clue: 0 };
  const rows = await db.select({ status: auditLinkHits.status }).from(auditLinkHits).where(where);
  for (const r of rows) out[r.status]++;
  return out;
}

/** One hit with its evidence (audited read). */
export async function getHit(deps: AppDeps, ctx: RequestCtx, id: string): Promise<THitOut> {
  const h = (await deps.db.select().from(auditLinkHits).where(eq(auditLinkHits.id, id)))[0];
  if (!h) throw notFound('疑点');
  const { run } = await loadRun(deps, ctx, h.runId, 'auditlink:read').catch(() => {
    throw notFound('疑点');
  });
  await writeAudit(deps.db, deps.clock.now(), {
    ...auditOf(ctx),
    action: 'auditlink.hit.read',
    objectType: 'auditLinkHit',
    objectId: h.id,
    detail: { runId: run.id, inspectionId: run.inspectionId },
  });
  return hitDto(deps, h);
}

/**
 * The hits of a batch action: all of one run, which the caller may work on (404 otherwise, as if
 * they were not there), and all still open (409: someone dealt with one meanwhile).
 */
async function openHitsOf(deps: AppDeps, ctx: RequestCtx, hitIds: string[]): Promise<{ run: RunRow; hits: HitRow[] }> {
  const hits = await deps.db.select().from(auditLinkHits).where(inArray(auditLinkHits.id, hitIds));
  if (hits.length !== hitIds.length) throw notFound('疑点');
  const runIds = new Set(hits.map((h) => h.runId));
  if (runIds.size > 1) throw bad('所选疑点须来自同一次比对', { field: 'hitIds' });
  const { run } = await loadRun(deps, ctx, hits[0]?.runId as string, 'auditlink:write', { write: true }).catch(
    (e: unknown) => {
      if ((e as { status?: number }).status === 404) throw notFound('疑点');
      throw e;
    },
  );
  if (hits.some((h) => h.status !== 'open')) throw alreadyWorked();
  hits.sort((a, b) => a.seq - b.seq);
  return { run, hits };
}

const alreadyWorked = () => conflict('所选疑点中有已排除或已转为底稿、线索的，请刷新后重新选择');

/** Claims open hits for a move inside `tx` (conditional: a hit worked meanwhile makes it 409). */
async function claim(
  tx: Db,
  ctx: RequestCtx,
  ids: string[],
  set: Partial<typeof auditLinkHits.$inferInsert>,
  at: Date,
): Promise<void> {
  const moved = await tx
    .update(auditLinkHits)
    .set({ ...set, decidedById: ctx.actor.userId, decidedByName: ctx.actor.displayName, decidedAt: at })
    .where(and(inArray(auditLinkHits.id, ids), eq(auditLinkHits.status, 'open')))
    .returning({ id: auditLinkHits.id });
  if (moved.length !== ids.length) throw alreadyWorked();
}

export async function dismissHits(deps: AppDeps, ctx: RequestCtx, body: THitDismiss) {
  const { run } = await openHitsOf(deps, ctx, body.hitIds);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await claim(tx, ctx, body.hitIds, { status: 'dismissed', dismissReason: body.reason }, now);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'auditlink.hits.dismiss',
      objectType: 'auditLinkRun',
      objectId: run.id,
      detail: { inspectionId: run.inspectionId, hitIds: body.hitIds },
    });
  });
  return { hits: body.hitIds.length, recordId: null };
}

/** What a draft made of hits says and lists as evidence. */
function draftOf(deps: AppDeps, run: RunRow, hits: HitRow[]) {
  const rule = run.rule as TAuditRuleId;
  const opened = hits.map((h) => hitDto(deps, h));
  const files = new Map(
    Object.values(run.inputs)
      .flat()
      .map((i) => [(i as RunInputRow).datasetId, (i as RunInputRow).fileName]),
  );
  const sources = (Object.entries(run.inputs) as [keyof typeof AUDIT_ROLE_LABELS, RunInputRow[]][]).flatMap(
    ([role, list]) => list.map((i) => `${AUDIT_ROLE_LABELS[role]}《${i.fileName}》（SM3 ${i.checksum.slice(0, 16)}…）`),
  );
  const facts = hitsFacts(
    rule,
    opened.map((h) => ({ keys: h.keys, measures: h.measures, name: nameOfHit(h, run.inputs) })),
    { templateVersion: run.templateVersion, sources, runId: run.id },
  );
  // The fieldwork adds one line of its own naming the comparison; together at most its 200.
  const evidence: TEvidenceIn[] = evidenceLabels(opened, files, { maxItems: 199 }).map((label) => ({
    kind: 'document',
    label,
  }));
  return { rule, facts, evidence };
}

/**
 * Hits become one working paper draft of the caller (a member of the inspection's team: the
 * fieldwork's rule), with the facts written from them and their rows as evidence, through the
 * fieldwork's front door, in the same transaction as the hits' move: both or neither.
 */
export async function hitsToPaper(deps: AppDeps, ctx: RequestCtx, body: THitsToPaper) {
  const { run, hits } = await openHitsOf(deps, ctx, body.hitIds);
  if (!ctx.actor.permissions.has('fieldwork:write'))
    throw new AppError(ErrorCode.Forbidden, '只有本巡察组成员可以将疑点转为问题底稿');
  const d = draftOf(deps, run, hits);
  const now = deps.clock.now();
  const paperId = await deps.db.transaction(async (tx) => {
    await claim(tx, ctx, body.hitIds, { status: 'paper' }, now);
    const id = await createPaperDraftFrom({ ...deps, db: tx }, ctx, {
      inspectionId: run.inspectionId,
      title: body.title ?? hitsTitle(d.rule, hits.length),
      facts: d.facts,
      evidence: d.evidence,
      source: 'auditLink',
      sourceRef: (hits[0] as HitRow).id,
    });
    await tx.update(auditLinkHits).set({ recordId: id }).where(inArray(auditLinkHits.id, body.hitIds));
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'auditlink.hits.workingPaper',
      objectType: 'auditLinkRun',
      objectId: run.id,
      detail: { inspectionId: run.inspectionId, hitIds: body.hitIds, workingPaperId: id },
    });
    return id;
  });
  return { hits: hits.length, recordId: paperId };
}

/** Hits become one clue draft awaiting transfer, naming the people the team gives, the same way. */
export async function hitsToClue(deps: AppDeps, ctx: RequestCtx, body: THitsToClue) {
  const { run, hits } = await openHitsOf(deps, ctx, body.hitIds);
  if (!ctx.actor.permissions.has('clue:write'))
    throw new AppError(ErrorCode.Forbidden, '只有本巡察组成员可以将疑点转为问题线索');
  const d = draftOf(deps, run, hits);
  const now = deps.clock.now();
  const clueId = await deps.db.transaction(async (tx) => {
    await claim(tx, ctx, body.hitIds, { status: 'clue' }, now);
    const id = await createClueDraftFrom({ ...deps, db: tx }, ctx, {
      inspectionId: run.inspectionId,
      subjects: body.subjects,
      discipline: body.discipline,
      facts: body.facts ?? d.facts,
      source: 'auditLink',
      sourceRef: (hits[0] as HitRow).id,
      evidence: d.evidence,
    });
    await tx.update(auditLinkHits).set({ recordId: id }).where(inArray(auditLinkHits.id, body.hitIds));
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'auditlink.hits.clue',
      objectType: 'auditLinkRun',
      objectId: run.id,
      detail: { inspectionId: run.inspectionId, hitIds: body.hitIds, clueId: id },
    });
    return id;
  });
  return { hits: hits.length, recordId: clueId };
}

/** The rows a run left out, in order (their values are personal data: the read is audited). */
export async function listInvalidRows(
  deps: AppDeps,
  ctx: RequestCtx,
  runId: string,
  q: { limit: number; cursor?: string | undefined },
) {
  const { run } = await loadRun(deps, ctx, runId, 'auditlink:read');
  const where = eq(auditLinkInvalidRows.runId, run.id);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['int'],
    count: () => countWhere(deps.db, auditLinkInvalidRows, where),
    fetch: (from, n) =>
      deps.db
        .select()
        .from(auditLinkInvalidRows)
        .where(and(where, from))
        .orderBy(asc(auditLinkInvalidRows.seq))
        .limit(n),
    key: (r) => [r.seq],
    after: ([seq]) => gt(auditLinkInvalidRows.seq, Number(seq)),
  });
  await writeAudit(deps.db, deps.clock.now(), {
    ...auditOf(ctx),
    action: 'auditlink.invalidRows.read',
    objectType: 'auditLinkRun',
    objectId: run.id,
    detail: { inspectionId: run.inspectionId, rows: page.rows.length },
  });
  const files = new Map(
    Object.values(run.inputs)
      .flat()
      .map((i) => [(i as RunInputRow).datasetId, (i as RunInputRow).fileName]),
  );
  return {
    items: page.rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      role: r.role,
      datasetId: r.datasetId,
      fileName: files.get(r.datasetId) ?? '',
      row: r.row,
      column: r.column,
      logical: r.logical,
      value: r.valueEnc === null ? null : deps.cipher.decrypt(INVALID_ROWS, r.id, 'value', r.valueEnc),
      reason: r.reason,
    })) satisfies (TInvalidRow & { id: string; seq: number; fileName: string })[],
    total: page.total,
    nextCursor: page.nextCursor,
  };
}

/** Excel keeps at most this many characters in a cell. */
const CELL_MAX = 32_000;

/**
 * The run's hits as .xlsx (re-authenticated route; stamped with the exporter, time and serial,
 * and audited with the serial): one row per hit under the filters, keys, figures (amounts in 元),
 * status and the evidence rows as text.
 */
export async function hitsXlsx(
  deps: AppDeps,
  ctx: RequestCtx,
  runId: string,
  q: Pick<THitListQuery, 'status' | 'q'>,
): Promise<{ name: string; data: Buffer }> {
  const { run } = await loadRun(deps, ctx, runId, 'auditlink:export');
  const label = (await inspectionsById(deps.db, [run.inspectionId])).get(run.inspectionId)?.label;
  const def = auditRuleOf(run.rule as TAuditRuleId);
  const rows = (
    await deps.db
      .select()
      .from(auditLinkHits)
      .where(hitFilters(deps, run.id, q))
      .orderBy(asc(auditLinkHits.seq))
  ).map((h) => hitDto(deps, h));
  const files = new Map(
    Object.values(run.inputs)
      .flat()
      .map((i) => [(i as RunInputRow).datasetId, (i as RunInputRow).fileName]),
  );
  const measureColumn = ([k, label]: [string, string]): SheetColumn<THitOut> =>
    k === 'amountCents'
      ? {
          header: label.replace('（分）', '（元）'),
          value: (h) => (typeof h.measures[k] === 'number' ? formatCents(h.measures[k] as number) : ''),
        }
      : { header: label, value: (h) => (h.measures[k] === undefined ? '' : String(h.measures[k])) };
  const columns: SheetColumn<THitOut>[] = [
    { header: '序号', width: 8, value: (h) => h.seq },
    ...Object.entries(def.keys).map(([k, label]) => ({
      header: label,
      width: 22,
      value: (h: THitOut) => h.keys[k] ?? '',
    })),
    ...Object.entries(def.measures).map(measureColumn),
    { header: '状态', width: 14, value: (h) => HIT_STATUS_LABELS[h.status] },
    { header: '排除理由', width: 24, value: (h) => h.dismissReason ?? '' },
    {
      header: '证据（源文件行号与原始内容）',
      width: 80,
      value: (h) =>
        evidenceEntries(h.evidence)
          .flatMap(([role, list]) =>
            list.map(
              (e) =>
                `${AUDIT_ROLE_LABELS[role]}《${files.get(e.datasetId) ?? e.datasetId}》第${e.row}行：${Object.entries(
                  e.values,
                )
                  .map(([c, v]) => `${c}=${v ?? ''}`)
                  .join('，')}`,
            ),
          )
          .join('\n')
          .slice(0, CELL_MAX),
    },
  ];
  const now = deps.clock.now();
  const serial = newExportSerial(now);
  const buf = await buildXlsx({
    sheetName: '比对结果',
    title: `巡审贯通比对结果：${def.name}${label ? `（${label}）` : ''}`,
    columns,
    rows,
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
  });
  await auditExport(deps.db, ctx, now, 'auditlink.hits.export', serial, {
    runId: run.id,
    inspectionId: run.inspectionId,
    hits: rows.length,
    status: q.status ?? null,
  });
  return { name: `巡审贯通比对结果-${def.name}-${now.toISOString().slice(0, 10)}.xlsx`, data: buf };
}
