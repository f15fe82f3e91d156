import {
  AUDIT_ROLE_LABELS,
  AUDIT_RULES,
  auditRuleOf,
  checkRunSpec,
  LOGICAL_COLUMN_LABELS,
  type TAuditRole,
  type TLogicalColumn,
  type TRuleOut,
  type TRun,
  type TRunCreate,
  type TRunInput,
  type TRunListQuery,
} from '@xc/domain';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { auditLinkRuns, type RunInputRow } from '../../db/schema/auditlink.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { readyDatasets } from './auditlink.datasets.ts';
import { hitCountsOf, noHits, runDto } from './auditlink.results.ts';
import { failLostRuns, runtimeOf, STALE_RUN_MS } from './auditlink.runtime.ts';
import { bad, cleanColumns, conflict, loadRun, scopedInspection } from './auditlink.shared.ts';
import { runMappingProblem, runSql } from './engine/index.ts';

/**
 * The rule gallery: the catalog with the SQL each rule runs as shipped, its columns named by their
 * usual Chinese labels where a run names the file's headers.
 */
export function listRules(): { items: TRuleOut[] } {
  return {
    items: AUDIT_RULES.map((r) => {
      const inputs: Partial<Record<TAuditRole, TRunInput>> = {};
      for (const role of Object.keys(r.inputs) as TAuditRole[]) {
        const columns: Partial<Record<TLogicalColumn, string>> = {};
        for (const c of [...(r.inputs[role] ?? []), ...(r.optionalInputs[role] ?? [])])
          columns[c] = LOGICAL_COLUMN_LABELS[c];
        inputs[role] = { datasetId: AUDIT_ROLE_LABELS[role], columns };
      }
      const spec = checkRunSpec(r.id, inputs, {});
      return {
        id: r.id,
        name: r.name,
        summary: r.summary,
        version: r.version,
        inputs: Object.fromEntries(Object.entries(r.inputs).map(([k, v]) => [k, [...(v ?? [])]])),
        optionalInputs: Object.fromEntries(Object.entries(r.optionalInputs).map(([k, v]) => [k, [...(v ?? [])]])),
        params: Object.fromEntries(
          Object.entries(r.params).map(([k, p]): [string, TRuleOut['params'][string]] => {
            const { options, ...rest } = p as typeof p & { options?: readonly { value: string; label: string }[] };
            return [k, { ...rest, default: structuredClone(p.default), ...(options ? { options: [...options] } : {}) }];
          }),
        ),
        keys: { ...r.keys },
        measures: { ...r.measures },
        previewSql: spec.ok ? runSql(spec.value) : '',
      };
    }),
  };
}

/**
 * Checks a run against the inspection's datasets: every table ready and of this inspection, every
 * mapped column a header of its file, the mapping enough for the parameters. Returns the inputs as
 * kept with the run (with each file's name and SM3).
 */
async function checkedInputs(deps: AppDeps, inspectionId: string, spec: TRunCreate) {
  const ids = [...new Set(Object.values(spec.inputs).flatMap((l) => (l ?? []).map((i) => i.datasetId)))];
  const rows = new Map((await readyDatasets(deps, inspectionId, ids)).map((d) => [d.id, d]));
  const inputs: Partial<Record<TAuditRole, RunInputRow[]>> = {};
  for (const [role, list] of Object.entries(spec.inputs) as [TAuditRole, TRunInput[]][]) {
    inputs[role] = list.map((i) => {
      const d = rows.get(i.datasetId);
      if (!d)
        throw bad(`“${AUDIT_ROLE_LABELS[role]}”所选的数据集不存在、未读取完成或不属于本次巡察`, { field: 'inputs' });
      const headers = new Set(d.columns.map((c) => c.name));
      for (const column of Object.values(i.columns))
        if (column && !headers.has(column)) throw bad(`数据表“${d.fileName}”中没有“${column}”列`, { field: 'inputs' });
      return { datasetId: d.id, fileName: d.fileName, checksum: d.checksum ?? '', columns: cleanColumns(i.columns) };
    });
  }
  const problem = runMappingProblem(spec);
  if (problem) throw bad(problem, { field: 'params' });
  return inputs;
}

/** The SQL a run with these tables, mapping and parameters would execute, for the run page's read-only view. */
export async function previewRun(deps: AppDeps, ctx: RequestCtx, spec: TRunCreate): Promise<{ sql: string }> {
  const insp = await scopedInspection(deps, ctx, spec.inspectionId, 'auditlink:read');
  await checkedInputs(deps, insp.id, spec);
  return { sql: runSql(spec) };
}

/**
 * `POST /api/audit-link/runs`: queued, then run by this process's engine one at a time; the
 * answer comes at once with the run's id, to be polled.
 */
export async function createRun(
  deps: AppDeps,
  ctx: RequestCtx,
  spec: TRunCreate,
): Promise<{ id: string; status: 'queued' }> {
  const insp = await scopedInspection(deps, ctx, spec.inspectionId, 'auditlink:write', { write: true });
  const inputs = await checkedInputs(deps, insp.id, spec);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const def = auditRuleOf(spec.rule);
  await deps.db.transaction(async (tx) => {
    await tx.insert(auditLinkRuns).values({
      id,
      authorityId: insp.authorityId,
      inspectionId: insp.id,
      rule: spec.rule,
      templateVersion: def.version,
      inputs,
      params: spec.params,
      status: 'queued',
      sql: runSql(spec),
      inputChecksums: Object.fromEntries(
        Object.values(inputs).flatMap((l) => (l ?? []).map((i) => [i.datasetId, i.checksum])),
      ),
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
      heartbeatAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'auditlink.run.create',
      objectType: 'auditLinkRun',
      objectId: id,
      detail: { inspectionId: insp.id, rule: spec.rule, templateVersion: def.version, params: spec.params },
    });
  });
  runtimeOf(deps).enqueue(id);
  return { id, status: 'queued' };
}

export async function getRun(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TRun> {
  let { run } = await loadRun(deps, ctx, id, 'auditlink:read');
  const open = run.status === 'queued' || run.status === 'running';
  // A run being polled is usually alive: its heartbeat is looked at here, and only a stale one
  // costs the write that fails it (the same test failLostRuns makes, on the row just read).
  if (open && run.heartbeatAt.getTime() < deps.clock.now().getTime() - STALE_RUN_MS) {
    await failLostRuns(deps, [run.id]);
    ({ run } = await loadRun(deps, ctx, id, 'auditlink:read'));
  }
  // Hits are written in the transaction that marks the run done: an open run has none to count.
  const counts =
    run.status === 'queued' || run.status === 'running'
      ? new Map([[run.id, noHits()]])
      : await hitCountsOf(deps.db, [run.id]);
  return runDto(run, counts.get(run.id) as TRun['hitCounts']);
}

const isOpen = (status: TRun['status']) => status === 'queued' || status === 'running';

/**
 * `GET /api/audit-link/runs/{id}?waitMs=N`: the run as getRun answers it, at once when it has ended
 * or no wait is asked; otherwise at its next change of status or progress, which the runtime of this
 * process announces when it writes it (no polling of the database), or after N ms. The scope is
 * checked before any waiting (404 at once), and again on the answer. `gone` (the client went away)
 * ends the wait early. With several instances on one database a run executes in one process only:
 * a reader served by another instance is not woken by its changes and gets the run as it stands
 * when N ms have passed, which is why N is bounded and clients read again while the run is open.
 */
export async function waitRun(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  waitMs: number | undefined,
  gone?: AbortSignal,
): Promise<TRun> {
  if (!waitMs) return getRun(deps, ctx, id);
  const watch = runtimeOf(deps).watch(id, waitMs);
  const stop = () => watch.stop();
  gone?.addEventListener('abort', stop, { once: true });
  try {
    const first = await getRun(deps, ctx, id);
    if (!isOpen(first.status) || gone?.aborted) return first;
    await watch.next;
    // Nobody is left to answer: spare the database the second read.
    if (gone?.aborted) return first;
    return await getRun(deps, ctx, id);
  } finally {
    watch.stop();
    gone?.removeEventListener('abort', stop);
  }
}

export async function listRuns(deps: AppDeps, ctx: RequestCtx, q: TRunListQuery) {
  const insp = await scopedInspection(deps, ctx, q.inspectionId, 'auditlink:read');
  await failLostRuns(deps);
  const where = eq(auditLinkRuns.inspectionId, insp.id);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['timestamp', 'uuid'],
    count: () => countWhere(deps.db, auditLinkRuns, where),
    fetch: (from, n) =>
      deps.db
        .select()
        .from(auditLinkRuns)
        .where(and(where, from))
        .orderBy(desc(auditLinkRuns.createdAt), desc(auditLinkRuns.id))
        .limit(n),
    key: (r) => [r.createdAt.toISOString(), r.id],
    after: ([at, rid]) =>
      or(
        lt(auditLinkRuns.createdAt, new Date(at as string)),
        and(eq(auditLinkRuns.createdAt, new Date(at as string)), lt(auditLinkRuns.id, rid as string)),
      ) as SQL,
  });
  const counts = await hitCountsOf(
    deps.db,
    page.rows.map((r) => r.id),
  );
  return {
    items: page.rows.map((r) => runDto(r, counts.get(r.id) as TRun['hitCounts'])),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}

/**
 * Cancels a run: a queued one at once; a running one is interrupted (here, or by the process that
 * runs it, which sees the request with its next heartbeat) and ends 'cancelled'. 409 once it ended.
 */
export async function cancelRun(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TRun> {
  const { run } = await loadRun(deps, ctx, id, 'auditlink:write');
  const now = deps.clock.now();
  const moved = await deps.db.transaction(async (tx) => {
    const queued = await tx
      .update(auditLinkRuns)
      .set({ status: 'cancelled', cancelRequested: true, finishedAt: now })
      .where(and(eq(auditLinkRuns.id, id), eq(auditLinkRuns.status, 'queued')))
      .returning({ id: auditLinkRuns.id });
    const running = queued.length
      ? []
      : await tx
          .update(auditLinkRuns)
          .set({ cancelRequested: true })
          .where(and(eq(auditLinkRuns.id, id), eq(auditLinkRuns.status, 'running')))
          .returning({ id: auditLinkRuns.id });
    if (!queued.length && !running.length) return false;
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'auditlink.run.cancel',
      objectType: 'auditLinkRun',
      objectId: id,
      detail: { inspectionId: run.inspectionId, rule: run.rule, was: queued.length ? 'queued' : 'running' },
    });
    return true;
  });
  if (!moved) throw conflict('比对已经结束，不能取消');
  // Readers waiting on the run see the cancel asked (a queued run: its end) at once.
  runtimeOf(deps).changed(id);
  await runtimeOf(deps).cancel(id);
  return getRun(deps, ctx, id);
}
