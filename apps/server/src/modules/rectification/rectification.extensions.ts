import {
  AppError,
  ErrorCode,
  extensionDecisionProblem,
  extensionRequestProblem,
  type TExtensionApprove,
  type TExtensionCreate,
  type TExtensionListQuery,
  type TExtensionReject,
  type TTaskStatus,
} from '@xc/domain';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { rectificationExtensions, rectificationTasks } from '../../db/schema/rectification.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { findingTitles } from '../fieldwork/index.ts';
import { orgsByIds } from '../orgs/index.ts';
import {
  assertOrgVisible,
  conflict,
  isOfficeActor,
  orgVisibleSql,
  rectInspection,
  visibleRectInspectionIdsSql,
} from './rectification.access.ts';
import { rectificationSettingsOf } from './rectification.settings.ts';
import { actorOf, addEvent, extensionDto, loadTask } from './rectification.tasks.ts';

// 延期整改: the organization (or the office on its behalf) asks before the deadline passes; an office
// leader approves (the task's deadline moves, the extension is counted) or refuses with a reason.

const NOT_FOUND = '延期申请';

export async function createExtension(deps: AppDeps, ctx: RequestCtx, taskId: string, input: TExtensionCreate) {
  const { row, insp } = await loadTask(deps, ctx, taskId, 'rectification:write', { write: true });
  const { settings } = await rectificationSettingsOf(deps.db, insp.authorityId);
  const on = today(deps.clock);
  const pending = await countWhere(
    deps.db,
    rectificationExtensions,
    and(eq(rectificationExtensions.taskId, taskId), eq(rectificationExtensions.status, 'pending')),
  );
  const problem = extensionRequestProblem(
    {
      deadline: row.deadline,
      status: row.status as TTaskStatus,
      writtenOff: row.writtenOff,
      approvedExtensions: row.extensionCount,
      pendingExtensions: pending,
    },
    input.newDeadline,
    on,
    actorOf(ctx),
    settings,
  );
  if (problem) throw conflict(problem);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const office = isOfficeActor(ctx);
  await deps.db.transaction(async (tx) => {
    // The flag is the lock: of two requests at once only one finds the task without a pending one.
    const res = await tx
      .update(rectificationTasks)
      .set({ pendingExtension: true, updatedAt: now, version: row.version + 1 })
      .where(
        and(
          eq(rectificationTasks.id, taskId),
          eq(rectificationTasks.pendingExtension, false),
          eq(rectificationTasks.writtenOff, false),
        ),
      )
      .returning({ id: rectificationTasks.id });
    if (!res.length) throw conflict('该任务已有待审批的延期申请');
    await tx.insert(rectificationExtensions).values({
      id,
      authorityId: row.authorityId,
      termId: row.termId,
      roundId: row.roundId,
      inspectionId: row.inspectionId,
      orgId: row.orgId,
      taskId,
      reason: input.reason,
      oldDeadline: row.deadline,
      newDeadline: input.newDeadline,
      status: 'pending',
      requestedById: ctx.actor.userId,
      requestedByName: ctx.actor.displayName,
      requestedOn: on,
      enteredByOffice: office,
      createdAt: now,
    });
    await addEvent(tx, ctx, now, { taskId, kind: 'requestExtension', note: `${input.newDeadline}：${input.reason}` });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationExtension.create',
      objectType: 'rectificationExtension',
      objectId: id,
      detail: { taskId, newDeadline: input.newDeadline, enteredByOffice: office },
    });
  });
  return { id };
}

async function loadExtension(deps: AppDeps, ctx: RequestCtx, id: string, permission: 'rectification:approve') {
  const e = (await deps.db.select().from(rectificationExtensions).where(eq(rectificationExtensions.id, id)))[0];
  if (!e) throw notFound(NOT_FOUND);
  await rectInspection(deps, ctx, e.inspectionId, permission, { write: true }).catch((err) => {
    if (err instanceof AppError && err.code === ErrorCode.NotFound) throw notFound(NOT_FOUND);
    throw err;
  });
  assertOrgVisible(ctx, permission, e.orgId, NOT_FOUND);
  return e;
}

/**
 * An office leader approves: conditional on the request still pending, so of two approvals at once
 * one answers 200 and the other 409; the task's deadline becomes the new one and the extension counts.
 */
export async function approveExtension(deps: AppDeps, ctx: RequestCtx, id: string, input: TExtensionApprove) {
  const e = await loadExtension(deps, ctx, id, 'rectification:approve');
  const problem = extensionDecisionProblem(e.status as 'pending', actorOf(ctx));
  if (problem) throw conflict(problem);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(rectificationExtensions)
      .set({
        status: 'approved',
        decidedById: ctx.actor.userId,
        decidedByName: ctx.actor.displayName,
        decidedOn: today(deps.clock),
        decisionNote: input.note ?? null,
        version: e.version + 1,
      })
      .where(and(eq(rectificationExtensions.id, id), eq(rectificationExtensions.status, 'pending')))
      .returning({ id: rectificationExtensions.id });
    if (!res.length) throw conflict('该延期申请已被他人审批，请刷新后重试');
    await tx
      .update(rectificationTasks)
      .set({
        deadline: e.newDeadline,
        extensionCount: sql`${rectificationTasks.extensionCount} + 1`,
        pendingExtension: false,
        updatedAt: now,
        version: sql`${rectificationTasks.version} + 1`,
      })
      .where(eq(rectificationTasks.id, e.taskId));
    await addEvent(tx, ctx, now, {
      taskId: e.taskId,
      kind: 'approveExtension',
      note: `整改时限由${e.oldDeadline}延至${e.newDeadline}${input.note ? `：${input.note}` : ''}`,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationExtension.approve',
      objectType: 'rectificationExtension',
      objectId: id,
      detail: { taskId: e.taskId, newDeadline: e.newDeadline },
    });
  });
  return getExtension(deps, id);
}

export async function rejectExtension(deps: AppDeps, ctx: RequestCtx, id: string, input: TExtensionReject) {
  const e = await loadExtension(deps, ctx, id, 'rectification:approve');
  const problem = extensionDecisionProblem(e.status as 'pending', actorOf(ctx));
  if (problem) throw conflict(problem);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(rectificationExtensions)
      .set({
        status: 'rejected',
        decidedById: ctx.actor.userId,
        decidedByName: ctx.actor.displayName,
        decidedOn: today(deps.clock),
        decisionNote: input.reason,
        version: e.version + 1,
      })
      .where(and(eq(rectificationExtensions.id, id), eq(rectificationExtensions.status, 'pending')))
      .returning({ id: rectificationExtensions.id });
    if (!res.length) throw conflict('该延期申请已被他人审批，请刷新后重试');
    await tx
      .update(rectificationTasks)
      .set({ pendingExtension: false, updatedAt: now, version: sql`${rectificationTasks.version} + 1` })
      .where(eq(rectificationTasks.id, e.taskId));
    await addEvent(tx, ctx, now, { taskId: e.taskId, kind: 'rejectExtension', note: input.reason });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationExtension.reject',
      objectType: 'rectificationExtension',
      objectId: id,
      detail: { taskId: e.taskId },
    });
  });
  return getExtension(deps, id);
}

async function getExtension(deps: AppDeps, id: string) {
  const e = (await deps.db.select().from(rectificationExtensions).where(eq(rectificationExtensions.id, id)))[0];
  if (!e) throw notFound(NOT_FOUND);
  return extensionDto(e);
}

/** Extension requests the caller sees (a liaison: its own organizations'), newest first. */
export async function listExtensions(deps: AppDeps, ctx: RequestCtx, q: TExtensionListQuery) {
  const { db } = deps;
  const t = rectificationExtensions;
  const visible = await visibleRectInspectionIdsSql(deps, ctx, 'rectification:read');
  const conds: SQL[] = [sql`${t.inspectionId} in (${visible})`, orgVisibleSql(ctx, 'rectification:read', t.orgId)];
  if (q.status) conds.push(eq(t.status, q.status));
  if (q.inspectionId) conds.push(eq(t.inspectionId, q.inspectionId));
  if (q.termId) conds.push(eq(t.termId, q.termId));
  if (q.orgId) conds.push(eq(t.orgId, q.orgId));
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['timestamp', 'uuid'],
    after: ([at, id]) => sql`(${t.createdAt}, ${t.id}) < (${at}::timestamptz, ${id}::uuid)`,
    count: () => countWhere(db, t, and(...conds)),
    fetch: (from, n) =>
      db
        .select({ e: t, findingId: rectificationTasks.findingId, measures: rectificationTasks.measures })
        .from(t)
        .innerJoin(rectificationTasks, eq(rectificationTasks.id, t.taskId))
        .where(and(...conds, from))
        .orderBy(desc(t.createdAt), desc(t.id))
        .limit(n),
    key: (r) => [r.e.createdAt.toISOString(), r.e.id],
  });
  const [titles, orgs] = await Promise.all([
    findingTitles(
      db,
      page.rows.map((r) => r.findingId),
    ),
    orgsByIds(
      db,
      page.rows.map((r) => r.e.orgId),
    ),
  ]);
  const before = await Promise.all(
    page.rows.map((r) =>
      countWhere(
        db,
        t,
        and(
          eq(t.taskId, r.e.taskId),
          eq(t.status, 'approved'),
          sql`${t.createdAt} < ${r.e.createdAt.toISOString()}::timestamptz`,
        ),
      ),
    ),
  );
  return {
    items: page.rows.map((r, i) => ({
      ...extensionDto(r.e),
      inspectionId: r.e.inspectionId,
      orgId: r.e.orgId,
      orgName: orgs.get(r.e.orgId)?.name ?? '',
      findingTitle: titles.get(r.findingId) ?? '',
      measures: r.measures,
      approvedBefore: before[i] ?? 0,
    })),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}
