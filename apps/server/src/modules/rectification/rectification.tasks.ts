import {
  AppError,
  ErrorCode,
  ledgerStatusOf,
  rectificationDeadlines,
  type TCalendar,
  type TPermission,
  type TRedCard,
  type TTaskCreate,
  type TTaskDetail,
  type TTaskListItem,
  type TTaskStatus,
  type TTaskStatusUpdate,
  type TTaskUpdate,
  type TTaskWriteOff,
  taskActionProblem,
  taskActorOf,
  taskDeadlineProblem,
  taskWarningDetail,
} from '@xc/domain';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import {
  rectificationExtensions,
  rectificationFiles,
  rectificationPlans,
  rectificationTasks,
  taskEvents,
} from '../../db/schema/rectification.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { findingsByIds, findingTitles } from '../fieldwork/index.ts';
import { orgsByIds } from '../orgs/index.ts';
import { calendarFor, deadlinesFor, targetsOf } from '../planning/index.ts';
import {
  assertOrgVisible,
  assertRectStage,
  bad,
  conflict,
  type InspectionRow,
  isOfficeActor,
  rectInspection,
  stale,
} from './rectification.access.ts';
import { refreshFindingRollup } from './rectification.rollup.ts';
import { rectificationSettingsOf } from './rectification.settings.ts';

// 整改任务: the plan's tasks per finding (任务清单, 责任清单), the organization's progress reports,
// the office's 红牌 and 销号, and every task's timeline. The ledger across inspections is in
// rectification.ledger.ts, evidence files in rectification.evidence.ts.

export type TaskRow = typeof rectificationTasks.$inferSelect;

const NOT_FOUND = '整改任务';

/** What a warning needs per authority: its holiday calendar and yellow window, and today. */
export interface WarnCtx {
  today: string;
  cal: TCalendar;
  warningWorkingDays: number;
}

/** Warning contexts by authority, read once per call. */
export function warnContexts(deps: AppDeps) {
  const cache = new Map<string, Promise<WarnCtx>>();
  const day = today(deps.clock);
  return (authorityId: string): Promise<WarnCtx> => {
    let p = cache.get(authorityId);
    if (!p) {
      p = Promise.all([calendarFor(deps.db, authorityId), rectificationSettingsOf(deps.db, authorityId)]).then(
        ([cal, s]) => ({ today: day, cal, warningWorkingDays: s.settings.warningWorkingDays }),
      );
      cache.set(authorityId, p);
    }
    return p;
  };
}

export function warningOf(row: TaskRow, w: WarnCtx) {
  return taskWarningDetail(
    {
      kind: row.kind as TTaskListItem['kind'],
      deadline: row.deadline,
      status: row.status as TTaskStatus,
      writtenOff: row.writtenOff,
      redCard: row.redCard,
    },
    w.today,
    w.cal,
    { warningWorkingDays: w.warningWorkingDays },
  );
}

/** Ledger items of some task rows, with finding titles, organization names and warnings. */
export async function taskItems(deps: AppDeps, rows: TaskRow[], warn = warnContexts(deps)): Promise<TTaskListItem[]> {
  if (!rows.length) return [];
  const [titles, orgs] = await Promise.all([
    findingTitles(
      deps.db,
      rows.map((r) => r.findingId),
    ),
    orgsByIds(
      deps.db,
      rows.map((r) => r.orgId),
    ),
  ]);
  return Promise.all(
    rows.map(async (r) => {
      const w = warningOf(r, await warn(r.authorityId));
      return {
        id: r.id,
        findingId: r.findingId,
        findingTitle: titles.get(r.findingId) ?? '',
        inspectionId: r.inspectionId,
        termId: r.termId,
        orgId: r.orgId,
        orgName: orgs.get(r.orgId)?.name ?? '',
        kind: r.kind as TTaskListItem['kind'],
        measures: r.measures,
        goal: r.goal,
        responsibleLeader: r.responsibleLeader,
        responsibleDept: r.responsibleDept,
        responsiblePerson: r.responsiblePerson,
        assignedOn: r.assignedOn,
        deadline: r.deadline,
        originalDeadline: r.originalDeadline,
        status: r.status as TTaskStatus,
        ledgerStatus: ledgerStatusOf({ status: r.status as TTaskStatus, writtenOff: r.writtenOff }),
        writtenOff: r.writtenOff,
        writtenOffOn: r.writtenOffOn,
        redCard: r.redCard && r.redCardReason && r.redCardOn ? { reason: r.redCardReason, on: r.redCardOn } : null,
        redCardCount: r.redCardCount,
        extensionCount: r.extensionCount,
        pendingExtension: r.pendingExtension,
        evidenceCount: r.evidenceCount,
        warning: w?.warning ?? null,
        workingDaysLeft: w?.workingDaysLeft ?? null,
        enteredByOffice: r.enteredByOffice,
        updatedAt: r.updatedAt.toISOString(),
        version: r.version,
      };
    }),
  );
}

/** A task the caller may see (or act on) with `permission`, and its inspection; 404 otherwise. */
export async function loadTask(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: TPermission,
  opts: { write?: boolean } = {},
): Promise<{ row: TaskRow; insp: InspectionRow }> {
  const row = (await deps.db.select().from(rectificationTasks).where(eq(rectificationTasks.id, id)))[0];
  if (!row) throw notFound(NOT_FOUND);
  const insp = await rectInspection(deps, ctx, row.inspectionId, permission).catch((e) => {
    if (e instanceof AppError && e.code === ErrorCode.NotFound) throw notFound(NOT_FOUND);
    throw e;
  });
  assertOrgVisible(ctx, permission, row.orgId, NOT_FOUND);
  if (opts.write && insp.stage === 'archived') throw conflict('该巡察已归档，档案只能查阅，不能修改');
  return { row, insp };
}

/**
 * Event ids in the order they are made within this process: UUIDv7 with rand_a as a counter for
 * events of one millisecond (RFC 9562 method 1), so a timeline sorts by (time, id) as it happened.
 */
let lastMs = -1;
let seq = 0;
function eventId(now: Date): string {
  const ms = now.getTime();
  seq = ms === lastMs ? seq + 1 : 0;
  lastMs = ms;
  const id = uuidv7(ms);
  return seq > 0xfff ? id : `${id.slice(0, 15)}${seq.toString(16).padStart(3, '0')}${id.slice(18)}`;
}

export async function addEvent(
  tx: Db,
  ctx: RequestCtx,
  now: Date,
  e: { taskId: string; kind: string; fromStatus?: string | null; toStatus?: string | null; note?: string | null },
) {
  await tx.insert(taskEvents).values({
    id: eventId(now),
    taskId: e.taskId,
    kind: e.kind,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    note: e.note ?? null,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    onBehalf: isOfficeActor(ctx),
    createdAt: now,
  });
}

/** The domain's actor of a task action (liaison, office, officeLeader), or null. */
export const actorOf = (ctx: RequestCtx) => taskActorOf(ctx.actor.roles);

/** The organization a finding belongs to: its own, or the inspection's primary target. */
async function findingOrg(deps: AppDeps, f: { orgId: string | null; inspectionId: string }): Promise<string> {
  if (f.orgId) return f.orgId;
  const targets = await targetsOf(deps.db, [f.inspectionId]);
  const t = targets.find((x) => x.role === 'primary') ?? targets[0];
  if (!t) throw bad('本次巡察没有被巡察单位');
  return t.orgId;
}

/** The plan of one organization (created as a draft with its first task). */
async function ensurePlan(tx: Db, insp: InspectionRow, orgId: string, now: Date) {
  await tx
    .insert(rectificationPlans)
    .values({
      id: uuidv7(now.getTime()),
      authorityId: insp.authorityId,
      termId: insp.termId,
      roundId: insp.roundId,
      inspectionId: insp.id,
      orgId,
      status: 'draft',
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const plan = (
    await tx
      .select()
      .from(rectificationPlans)
      .where(and(eq(rectificationPlans.inspectionId, insp.id), eq(rectificationPlans.orgId, orgId)))
  )[0];
  if (!plan) throw conflict('整改方案不存在');
  return plan;
}

async function deadlineContext(deps: AppDeps, insp: InspectionRow) {
  const [cal, d] = await Promise.all([calendarFor(deps.db, insp.authorityId), deadlinesFor(deps.db, insp.authorityId)]);
  const feedbackDate = insp.feedbackDate ?? today(deps.clock);
  return { feedbackDate, concentratedEnd: rectificationDeadlines(feedbackDate, d.settings, cal).concentratedEnd };
}

function assertPlanEditable(status: string) {
  if (status === 'inReview') throw conflict('整改方案正在联合会审中，暂不能修改任务');
}

/**
 * One task of a finding's rectification (POST /api/findings/{id}/tasks): by the organization's
 * liaison for its own findings, or by office staff entering the organization's paper plan (marked
 * enteredByOffice). Allowed once the inspection reached `feedback`.
 */
export async function createTask(
  deps: AppDeps,
  ctx: RequestCtx,
  findingId: string,
  input: TTaskCreate,
): Promise<TTaskListItem> {
  const f = (await findingsByIds(deps.db, [findingId]))[0];
  if (!f) throw notFound('问题');
  const insp = await rectInspection(deps, ctx, f.inspectionId, 'rectification:write').catch((e) => {
    if (e instanceof AppError && e.code === ErrorCode.NotFound) throw notFound('问题');
    throw e;
  });
  const orgId = await findingOrg(deps, f);
  assertOrgVisible(ctx, 'rectification:write', orgId, '问题');
  if (insp.stage === 'archived') throw conflict('该巡察已归档，档案只能查阅，不能修改');
  assertRectStage(insp, '整改任务');
  const dl = await deadlineContext(deps, insp);
  const problem = taskDeadlineProblem(input.kind, input.deadline, dl);
  if (problem) throw bad(problem, { field: 'deadline' });
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const office = isOfficeActor(ctx);
  await deps.db.transaction(async (tx) => {
    const plan = await ensurePlan(tx, insp, orgId, now);
    assertPlanEditable(plan.status);
    await tx.insert(rectificationTasks).values({
      id,
      authorityId: insp.authorityId,
      termId: insp.termId,
      roundId: insp.roundId,
      inspectionId: insp.id,
      orgId,
      findingId,
      planId: plan.id,
      kind: input.kind,
      measures: input.measures,
      goal: input.goal ?? null,
      responsibleLeader: input.responsibleLeader,
      responsibleDept: input.responsibleDept,
      responsiblePerson: input.responsiblePerson ?? null,
      assignedOn: today(deps.clock),
      originalDeadline: input.deadline,
      deadline: input.deadline,
      status: 'undone',
      enteredByOffice: office,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
      updatedAt: now,
    });
    await addEvent(tx, ctx, now, { taskId: id, kind: 'assign', toStatus: 'undone', note: input.measures });
    await refreshFindingRollup(tx, findingId);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationTask.create',
      objectType: 'rectificationTask',
      objectId: id,
      detail: { inspectionId: insp.id, orgId, findingId, kind: input.kind, enteredByOffice: office },
    });
  });
  return taskItem(deps, id);
}

async function taskItem(deps: AppDeps, id: string): Promise<TTaskListItem> {
  const row = (await deps.db.select().from(rectificationTasks).where(eq(rectificationTasks.id, id)))[0] as TaskRow;
  return (await taskItems(deps, [row]))[0] as TTaskListItem;
}

/** Edits while the plan is a draft or was sent back; once the plan passed, a deadline moves only by extension. */
export async function updateTask(deps: AppDeps, ctx: RequestCtx, id: string, input: TTaskUpdate) {
  const { row, insp } = await loadTask(deps, ctx, id, 'rectification:write', { write: true });
  if (row.writtenOff) throw conflict('任务已销号，不能再修改');
  const plan = (await deps.db.select().from(rectificationPlans).where(eq(rectificationPlans.id, row.planId)))[0];
  assertPlanEditable(plan?.status ?? 'draft');
  const accepted = plan?.status === 'accepted';
  if (accepted && input.deadline && input.deadline !== row.deadline)
    throw conflict('整改方案已通过联合会审，整改时限只能通过延期申请调整');
  const kind = input.kind ?? (row.kind as TTaskCreate['kind']);
  const deadline = input.deadline ?? row.deadline;
  if (input.kind || input.deadline) {
    const problem = taskDeadlineProblem(kind, deadline, await deadlineContext(deps, insp));
    if (problem) throw bad(problem, { field: 'deadline' });
  }
  const now = deps.clock.now();
  const { version, ...fields } = input;
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(rectificationTasks)
      .set({
        ...fields,
        ...(input.deadline && !accepted ? { deadline, originalDeadline: deadline } : {}),
        updatedAt: now,
        version: row.version + 1,
      })
      .where(
        and(
          eq(rectificationTasks.id, id),
          eq(rectificationTasks.version, version),
          eq(rectificationTasks.writtenOff, false),
        ),
      )
      .returning({ id: rectificationTasks.id });
    if (!res.length) throw stale(NOT_FOUND);
    await addEvent(tx, ctx, now, { taskId: id, kind: 'edit', note: Object.keys(fields).join('、') || null });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationTask.update',
      objectType: 'rectificationTask',
      objectId: id,
      detail: { fields: Object.keys(fields) },
    });
  });
  return taskItem(deps, id);
}

/** 409 with the domain's reason when the task's state or the caller's side does not allow `action`. */
function assertTaskAction(
  row: TaskRow,
  action: Parameters<typeof taskActionProblem>[1],
  ctx: RequestCtx,
  rules?: Parameters<typeof taskActionProblem>[3],
): void {
  const problem = taskActionProblem(
    {
      status: row.status as TTaskStatus,
      writtenOff: row.writtenOff,
      redCard: row.redCard,
      evidenceCount: row.evidenceCount,
    },
    action,
    actorOf(ctx),
    rules,
  );
  if (problem) throw conflict(problem);
}

/** The organization's report of progress (done / ongoing / undone with a note), or the office's on its behalf. */
export async function reportTaskStatus(deps: AppDeps, ctx: RequestCtx, id: string, input: TTaskStatusUpdate) {
  const { row } = await loadTask(deps, ctx, id, 'rectification:write', { write: true });
  assertTaskAction(row, { type: 'report', status: input.status }, ctx);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(rectificationTasks)
      .set({ status: input.status, lastNote: input.note, updatedAt: now, version: row.version + 1 })
      .where(
        and(
          eq(rectificationTasks.id, id),
          eq(rectificationTasks.version, row.version),
          eq(rectificationTasks.writtenOff, false),
        ),
      )
      .returning({ id: rectificationTasks.id });
    if (!res.length) throw stale(NOT_FOUND);
    await addEvent(tx, ctx, now, {
      taskId: id,
      kind: 'report',
      fromStatus: row.status,
      toStatus: input.status,
      note: input.note,
    });
    await refreshFindingRollup(tx, row.findingId);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationTask.report',
      objectType: 'rectificationTask',
      objectId: id,
      detail: { from: row.status, to: input.status, onBehalf: isOfficeActor(ctx) },
    });
  });
  return taskItem(deps, id);
}

/**
 * 销号: the office accepts the evidence of a `done` task. A conditional update (still done, not yet
 * written off): of two write-offs at once one answers 200, the other 409.
 */
export async function writeOffTask(deps: AppDeps, ctx: RequestCtx, id: string, input: TTaskWriteOff) {
  const { row, insp } = await loadTask(deps, ctx, id, 'rectification:supervise', { write: true });
  const { settings } = await rectificationSettingsOf(deps.db, insp.authorityId);
  assertTaskAction(row, { type: 'writeOff' }, ctx, { evidenceFileRequired: settings.evidenceFileRequired });
  const now = deps.clock.now();
  const on = today(deps.clock);
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(rectificationTasks)
      .set({
        writtenOff: true,
        writtenOffOn: on,
        writeOffNote: input.note ?? null,
        redCard: false,
        updatedAt: now,
        version: row.version + 1,
      })
      .where(
        and(
          eq(rectificationTasks.id, id),
          eq(rectificationTasks.status, 'done'),
          eq(rectificationTasks.writtenOff, false),
        ),
      )
      .returning({ id: rectificationTasks.id });
    if (!res.length) throw conflict('该任务已被他人销号或状态已变化，请刷新后重试');
    await addEvent(tx, ctx, now, {
      taskId: id,
      kind: 'writeOff',
      fromStatus: 'done',
      toStatus: 'done',
      note: input.note,
    });
    await refreshFindingRollup(tx, row.findingId);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationTask.writeOff',
      objectType: 'rectificationTask',
      objectId: id,
      detail: { inspectionId: row.inspectionId, orgId: row.orgId },
    });
  });
  return taskItem(deps, id);
}

/** 红牌: the office judges the evidence perfunctory and returns the task with the reason (counted). */
export async function redCardTask(deps: AppDeps, ctx: RequestCtx, id: string, input: TRedCard) {
  const { row } = await loadTask(deps, ctx, id, 'rectification:supervise', { write: true });
  assertTaskAction(row, { type: 'redCard', returnTo: input.returnTo }, ctx);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(rectificationTasks)
      .set({
        status: input.returnTo,
        redCard: true,
        redCardReason: input.reason,
        redCardOn: today(deps.clock),
        redCardCount: row.redCardCount + 1,
        updatedAt: now,
        version: row.version + 1,
      })
      .where(
        and(
          eq(rectificationTasks.id, id),
          eq(rectificationTasks.version, row.version),
          eq(rectificationTasks.writtenOff, false),
        ),
      )
      .returning({ id: rectificationTasks.id });
    if (!res.length) throw conflict('该任务状态已变化，请刷新后重试');
    await addEvent(tx, ctx, now, {
      taskId: id,
      kind: 'redCard',
      fromStatus: row.status,
      toStatus: input.returnTo,
      note: input.reason,
    });
    await refreshFindingRollup(tx, row.findingId);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationTask.redCard',
      objectType: 'rectificationTask',
      objectId: id,
      detail: { from: row.status, to: input.returnTo, count: row.redCardCount + 1 },
    });
  });
  return taskItem(deps, id);
}

/** A task with its timeline, evidence files (all versions) and extensions. */
export async function getTask(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TTaskDetail> {
  const { row } = await loadTask(deps, ctx, id, 'rectification:read');
  const [item, events, files, exts] = await Promise.all([
    taskItems(deps, [row]),
    deps.db
      .select()
      .from(taskEvents)
      .where(eq(taskEvents.taskId, id))
      .orderBy(asc(taskEvents.createdAt), asc(taskEvents.id)),
    deps.db
      .select({
        id: rectificationFiles.id,
        taskId: rectificationFiles.taskId,
        name: rectificationFiles.name,
        size: rectificationFiles.size,
        mime: rectificationFiles.mime,
        fileVersion: rectificationFiles.fileVersion,
        supersedesId: rectificationFiles.supersedesId,
        description: rectificationFiles.description,
        uploadedBy: rectificationFiles.uploadedByName,
        onBehalf: rectificationFiles.onBehalf,
        uploadedAt: rectificationFiles.uploadedAt,
      })
      .from(rectificationFiles)
      .where(eq(rectificationFiles.taskId, id))
      .orderBy(desc(rectificationFiles.uploadedAt), desc(rectificationFiles.id)),
    deps.db
      .select()
      .from(rectificationExtensions)
      .where(eq(rectificationExtensions.taskId, id))
      .orderBy(asc(rectificationExtensions.createdAt)),
  ]);
  return {
    ...(item[0] as TTaskListItem),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind as TTaskDetail['events'][number]['kind'],
      fromStatus: e.fromStatus as TTaskStatus | null,
      toStatus: e.toStatus as TTaskStatus | null,
      note: e.note,
      actorName: e.actorName,
      onBehalf: e.onBehalf,
      createdAt: e.createdAt.toISOString(),
    })),
    evidence: files.map((f) => ({ ...f, taskId: f.taskId as string, uploadedAt: f.uploadedAt.toISOString() })),
    extensions: exts.map(extensionDto),
  };
}

export function extensionDto(e: typeof rectificationExtensions.$inferSelect) {
  return {
    id: e.id,
    taskId: e.taskId,
    reason: e.reason,
    oldDeadline: e.oldDeadline,
    newDeadline: e.newDeadline,
    status: e.status as 'pending' | 'approved' | 'rejected',
    requestedBy: e.requestedByName,
    requestedOn: e.requestedOn,
    enteredByOffice: e.enteredByOffice,
    decidedBy: e.decidedByName,
    decidedOn: e.decidedOn,
    decisionNote: e.decisionNote,
    version: e.version,
  };
}

/**
 * Removes a task from a plan still being written or sent back, under its version; a task with
 * evidence, an extension or a reported status stays (its history is kept).
 */
export async function deleteTask(deps: AppDeps, ctx: RequestCtx, id: string, version: number): Promise<void> {
  const { row } = await loadTask(deps, ctx, id, 'rectification:write', { write: true });
  const plan = (await deps.db.select().from(rectificationPlans).where(eq(rectificationPlans.id, row.planId)))[0];
  if (plan && plan.status !== 'draft' && plan.status !== 'returned')
    throw conflict('整改方案已提交联合会审或已通过，不能删除任务');
  if (
    row.writtenOff ||
    row.status !== 'undone' ||
    row.evidenceCount > 0 ||
    row.extensionCount > 0 ||
    row.pendingExtension
  )
    throw conflict('任务已有整改进展、佐证材料或延期记录，不能删除');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: rectificationTasks.id })
      .from(rectificationTasks)
      .where(and(eq(rectificationTasks.id, id), eq(rectificationTasks.version, version)))
      .for('update');
    if (!locked.length) throw stale(NOT_FOUND);
    await tx.delete(taskEvents).where(eq(taskEvents.taskId, id));
    await tx.delete(rectificationTasks).where(eq(rectificationTasks.id, id));
    await refreshFindingRollup(tx, row.findingId);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationTask.delete',
      objectType: 'rectificationTask',
      objectId: id,
      detail: { findingId: row.findingId, inspectionId: row.inspectionId, orgId: row.orgId },
    });
  });
}

/** The tasks of some findings (no scope check: the caller has checked the inspection and organization). */
export async function tasksOfFindings(deps: AppDeps, findingIds: readonly string[]): Promise<TTaskListItem[]> {
  if (!findingIds.length) return [];
  const rows = await deps.db
    .select()
    .from(rectificationTasks)
    .where(inArray(rectificationTasks.findingId, [...findingIds]))
    .orderBy(asc(rectificationTasks.createdAt), asc(rectificationTasks.id));
  return taskItems(deps, rows);
}
