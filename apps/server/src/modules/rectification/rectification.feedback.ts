import {
  AppError,
  ErrorCode,
  findingRectification,
  type TFeedback,
  type TFeedbackCopyInput,
  type TFeedbackCreate,
  type TFeedbackUpdate,
  type TPermission,
} from '@xc/domain';
import { and, asc, eq } from 'drizzle-orm';
import { type FeedbackCopy, feedbacks } from '../../db/schema/rectification.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { assignedMattersOf, type FindingBrief, findingsOfInspections } from '../fieldwork/index.ts';
import { orgsByIds } from '../orgs/index.ts';
import { inspectionsById, targetsOf } from '../planning/index.ts';
import {
  assertOrgVisible,
  assertRectStage,
  bad,
  conflict,
  type InspectionRow,
  orgVisible,
  orgVisibleSql,
  rectInspection,
  stale,
} from './rectification.access.ts';
import { tasksOfFindings } from './rectification.tasks.ts';

// 反馈: the 反馈会 per inspected organization (date, attendees, speakers, the one-to-one feedback to
// the main leader, the 四抄告 with the dates read), and the 问题清单 handed over with it. The
// organization reads its findings' titles and facts only: never clues, interviews, working papers,
// petitions or who reported what.

type FeedbackRow = typeof feedbacks.$inferSelect;
const NOT_FOUND = '反馈记录';

function copiesOf(list: readonly TFeedbackCopyInput[]): FeedbackCopy[] {
  return list.map((c) => ({
    recipient: c.recipient,
    name: c.name,
    sentOn: c.sentOn ?? null,
    readOn: c.readOn ?? null,
  }));
}

/** The inspection's findings of one organization (a finding without one belongs to the primary target). */
export async function findingsOfOrg(db: Db, inspectionId: string, orgId: string): Promise<FindingBrief[]> {
  const [all, targets] = await Promise.all([findingsOfInspections(db, [inspectionId]), targetsOf(db, [inspectionId])]);
  const primary = (targets.find((t) => t.role === 'primary') ?? targets[0])?.orgId;
  return all.filter((f) => (f.orgId ?? primary) === orgId);
}

async function feedbackDtos(db: Db, rows: FeedbackRow[]): Promise<TFeedback[]> {
  const orgs = await orgsByIds(
    db,
    rows.map((r) => r.orgId),
  );
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      inspectionId: r.inspectionId,
      orgId: r.orgId,
      orgName: orgs.get(r.orgId)?.name ?? '',
      meetingDate: r.meetingDate,
      attendees: r.attendees,
      speakers: r.speakers,
      oneToOneOn: r.oneToOneOn,
      mainLeaderName: r.mainLeaderName,
      notes: r.notes,
      copies: r.copies,
      assignedMatterIds: r.assignedMatterIds,
      findingCount: (await findingsOfOrg(db, r.inspectionId, r.orgId)).length,
      recordedBy: r.recordedByName,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    })),
  );
}

/**
 * For the governance module (作风纪律评估 is issued at the 反馈会): the date of each organization's
 * 反馈会 of one inspection, by organization. No scope check: the caller checked the inspection.
 */
export async function feedbackDatesOf(db: Db, inspectionId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ orgId: feedbacks.orgId, meetingDate: feedbacks.meetingDate })
    .from(feedbacks)
    .where(eq(feedbacks.inspectionId, inspectionId));
  return new Map(rows.map((r) => [r.orgId, r.meetingDate]));
}

/** The organization a record of the inspection is about: the one named (a target), or the only target. */
export async function orgOfInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  insp: InspectionRow,
  permission: TPermission,
  orgId: string | undefined,
): Promise<string> {
  const targets = await targetsOf(deps.db, [insp.id]);
  if (orgId) {
    if (!targets.some((t) => t.orgId === orgId)) throw bad('所选单位不是本次巡察的对象', { field: 'orgId' });
    assertOrgVisible(ctx, permission, orgId, '被巡察单位');
    return orgId;
  }
  const mine = targets.filter((t) => orgVisible(ctx, permission, t.orgId));
  if (mine.length === 1) return (mine[0] as { orgId: string }).orgId;
  if (!mine.length) throw notFound('被巡察单位');
  throw bad('本次巡察有多个被巡察单位，请选择单位', { field: 'orgId' });
}

async function assertMatters(db: Db, inspectionId: string, ids: readonly string[]) {
  if (!ids.length) return;
  const known = new Set((await assignedMattersOf(db, inspectionId)).map((m) => m.id));
  if (ids.some((id) => !known.has(id))) throw bad('交办事项不属于本次巡察', { field: 'assignedMatterIds' });
}

/** POST /api/inspections/{id}/feedback: records the 反馈会 of one organization (once). */
export async function createFeedback(deps: AppDeps, ctx: RequestCtx, inspectionId: string, input: TFeedbackCreate) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'feedback:write', { write: true });
  assertRectStage(insp, '反馈会');
  const orgId = await orgOfInspection(deps, ctx, insp, 'feedback:write', input.orgId);
  await assertMatters(deps.db, insp.id, input.assignedMatterIds);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .insert(feedbacks)
      .values({
        id,
        authorityId: insp.authorityId,
        termId: insp.termId,
        roundId: insp.roundId,
        inspectionId: insp.id,
        orgId,
        meetingDate: input.meetingDate,
        attendees: input.attendees,
        speakers: input.speakers,
        oneToOneOn: input.oneToOneOn,
        mainLeaderName: input.mainLeaderName,
        notes: input.notes ?? null,
        copies: copiesOf(input.copies),
        assignedMatterIds: input.assignedMatterIds,
        recordedById: ctx.actor.userId,
        recordedByName: ctx.actor.displayName,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: feedbacks.id });
    if (!res.length) throw conflict('该单位的反馈会已登记，请在原记录上修改');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'feedback.create',
      objectType: 'feedback',
      objectId: id,
      detail: { inspectionId: insp.id, orgId, meetingDate: input.meetingDate, copies: input.copies.length },
    });
  });
  return (await feedbackDtos(deps.db, [await loadRow(deps.db, id)]))[0] as TFeedback;
}

async function loadRow(db: Db, id: string): Promise<FeedbackRow> {
  const r = (await db.select().from(feedbacks).where(eq(feedbacks.id, id)))[0];
  if (!r) throw notFound(NOT_FOUND);
  return r;
}

async function loadFeedback(deps: AppDeps, ctx: RequestCtx, id: string, permission: TPermission, write = false) {
  const r = (await deps.db.select().from(feedbacks).where(eq(feedbacks.id, id)))[0];
  if (!r) throw notFound(NOT_FOUND);
  await rectInspection(deps, ctx, r.inspectionId, permission, { write }).catch((e) => {
    if (e instanceof AppError && e.code === ErrorCode.NotFound) throw notFound(NOT_FOUND);
    throw e;
  });
  assertOrgVisible(ctx, permission, r.orgId, NOT_FOUND);
  return r;
}

/** The 反馈会 of an inspection the caller sees (a liaison: its own organizations'). */
export async function listFeedback(deps: AppDeps, ctx: RequestCtx, inspectionId: string) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  const rows = await deps.db
    .select()
    .from(feedbacks)
    .where(and(eq(feedbacks.inspectionId, insp.id), orgVisibleSql(ctx, 'rectification:read', feedbacks.orgId)))
    .orderBy(asc(feedbacks.meetingDate), asc(feedbacks.id));
  return { items: await feedbackDtos(deps.db, rows) };
}

export async function updateFeedback(deps: AppDeps, ctx: RequestCtx, id: string, input: TFeedbackUpdate) {
  const r = await loadFeedback(deps, ctx, id, 'feedback:write', true);
  if (input.assignedMatterIds) await assertMatters(deps.db, r.inspectionId, input.assignedMatterIds);
  const meetingDate = input.meetingDate ?? r.meetingDate;
  const oneToOneOn = input.oneToOneOn ?? r.oneToOneOn;
  if (oneToOneOn > meetingDate) throw bad('向主要负责人个别反馈应在反馈会当天或之前', { field: 'oneToOneOn' });
  const copies = input.copies ? copiesOf(input.copies) : r.copies;
  if (copies.some((c) => c.sentOn && c.sentOn < meetingDate))
    throw bad('抄告日期不能早于反馈会日期', { field: 'copies' });
  const now = deps.clock.now();
  const { version, copies: _c, ...fields } = input;
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(feedbacks)
      .set({ ...fields, copies, updatedAt: now, version: r.version + 1 })
      .where(and(eq(feedbacks.id, id), eq(feedbacks.version, version)))
      .returning({ id: feedbacks.id });
    if (!res.length) throw stale(NOT_FOUND);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'feedback.update',
      objectType: 'feedback',
      objectId: id,
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  return (await feedbackDtos(deps.db, [await loadRow(deps.db, id)]))[0] as TFeedback;
}

/**
 * POST /api/feedbacks/{id}/copies/{copyId}/read: the date a copy (四抄告) was read. `copyId` is the
 * copy's position in the list (0, 1 …) or its recipient kind when only one copy has it.
 */
export async function markCopyRead(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  copyId: string,
  input: { readOn: string; version?: number | undefined },
) {
  const r = await loadFeedback(deps, ctx, id, 'feedback:write', true);
  const idx = /^\d{1,2}$/.test(copyId)
    ? Number(copyId)
    : r.copies.length && r.copies.filter((c) => c.recipient === copyId).length === 1
      ? r.copies.findIndex((c) => c.recipient === copyId)
      : -1;
  const copy = r.copies[idx];
  if (!copy) throw notFound('抄告对象');
  if (!copy.sentOn) throw conflict('尚未抄告，不能登记阅知日期');
  if (input.readOn < copy.sentOn) throw bad('阅知日期不能早于抄告日期', { field: 'readOn' });
  if (input.version !== undefined && input.version !== r.version) throw stale(NOT_FOUND);
  const copies = r.copies.map((c, i) => (i === idx ? { ...c, readOn: input.readOn } : c));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(feedbacks)
      .set({ copies, updatedAt: now, version: r.version + 1 })
      .where(and(eq(feedbacks.id, id), eq(feedbacks.version, r.version)))
      .returning({ id: feedbacks.id });
    if (!res.length) throw stale(NOT_FOUND);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'feedback.copyRead',
      objectType: 'feedback',
      objectId: id,
      detail: { recipient: copy.recipient, readOn: input.readOn },
    });
  });
  return (await feedbackDtos(deps.db, [await loadRow(deps.db, id)]))[0] as TFeedback;
}

/**
 * GET /api/inspections/{id}/problem-list: the 问题清单 handed over to one organization, each finding
 * with where its rectification stands and its tasks, and the 交办事项 carried along.
 */
export async function problemList(deps: AppDeps, ctx: RequestCtx, inspectionId: string, orgId?: string) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  assertRectStage(insp, '问题清单');
  const org = await orgOfInspection(deps, ctx, insp, 'rectification:read', orgId);
  const [fb, list, briefs, orgs, matters] = await Promise.all([
    deps.db
      .select()
      .from(feedbacks)
      .where(and(eq(feedbacks.inspectionId, insp.id), eq(feedbacks.orgId, org))),
    findingsOfOrg(deps.db, insp.id, org),
    inspectionsById(deps.db, [insp.id]),
    orgsByIds(deps.db, [org]),
    assignedMattersOf(deps.db, insp.id),
  ]);
  const feedback = fb[0];
  const tasks = await tasksOfFindings(
    deps,
    list.map((f) => f.id),
  );
  const handed = feedback ? new Set(feedback.assignedMatterIds) : new Set<string>();
  return {
    inspectionId: insp.id,
    inspectionLabel: briefs.get(insp.id)?.label ?? '',
    orgId: org,
    orgName: orgs.get(org)?.name ?? '',
    feedbackId: feedback?.id ?? null,
    handedOverOn: feedback?.meetingDate ?? null,
    findings: list.map((f, i) => {
      const own = tasks.filter((t) => t.findingId === f.id);
      return {
        id: f.id,
        seq: i + 1,
        title: f.title,
        facts: f.facts,
        taxonomy: f.taxonomyPath,
        rectification: findingRectification(own),
        tasks: own,
      };
    }),
    assignedMatters: matters
      .filter((m) => handed.has(m.id))
      .map((m) => ({ id: m.id, what: m.what, assignee: m.assignee, dueDate: m.dueDate, status: m.status })),
  };
}
