import {
  MAX_REPORT_FILES,
  REPORT_KIND_LABELS,
  reportSchedule,
  submissionEditable,
  type TDemocraticLifeMeetingCreate,
  type TRectificationFile,
  type TRectificationReport,
  type TRectificationReportCreate,
  type TRectificationReportUpdate,
  type TReportKind,
  type TSubmissionStatus,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import {
  democraticLifeMeetings,
  feedbacks,
  rectificationFiles,
  rectificationReports,
  rectificationTasks,
} from '../../db/schema/rectification.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { pgErrorOf } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { calendarFor, deadlinesFor, type InspectionRow } from '../planning/index.ts';
import {
  assertOrgVisible,
  assertRectStage,
  bad,
  conflict,
  isOfficeActor,
  orgVisible,
  rectInspection,
  stale,
} from './rectification.access.ts';
import { readRectUpload, sealRectFile } from './rectification.evidence.ts';
import {
  actingOrg,
  loadReview,
  nextRound,
  planFindings,
  reviewWithCanRate,
  subjectTitles,
  submitSubject,
} from './rectification.reviews.ts';
import { rectificationSettingsOf } from './rectification.settings.ts';

// 整改报告, 主要负责人组织落实情况报告 and 持续整改进展报告 (each through joint review like the plan),
// their due dates and late flags (domain reports.ts), and the 专题民主生活会.

type ReportRow = typeof rectificationReports.$inferSelect;

export function reportDto(r: ReportRow, files: ReadonlyMap<string, TRectificationFile>): TRectificationReport {
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    orgId: r.orgId,
    kind: r.kind as TReportKind,
    seq: r.kind === 'progressReport' ? r.seq : null,
    title: r.title,
    content: r.content,
    fileIds: r.fileIds,
    files: r.fileIds.flatMap((id) => files.get(id) ?? []),
    status: r.status as TSubmissionStatus,
    dueOn: r.dueOn,
    submittedOn: r.submittedOn,
    enteredByOffice: r.enteredByOffice,
    version: r.version,
  };
}

/** The attachments the reports name, by id (name, type, size; never the bytes). */
async function filesOf(db: Db, rows: readonly ReportRow[]): Promise<Map<string, TRectificationFile>> {
  const ids = [...new Set(rows.flatMap((r) => r.fileIds))];
  if (!ids.length) return new Map();
  const found = await db
    .select({
      id: rectificationFiles.id,
      name: rectificationFiles.name,
      mime: rectificationFiles.mime,
      size: rectificationFiles.size,
      uploadedAt: rectificationFiles.uploadedAt,
    })
    .from(rectificationFiles)
    .where(inArray(rectificationFiles.id, ids));
  return new Map(found.map((f) => [f.id, { ...f, uploadedAt: f.uploadedAt.toISOString() }]));
}

async function reportOut(db: Db, id: string): Promise<TRectificationReport> {
  const r = (await db.select().from(rectificationReports).where(eq(rectificationReports.id, id)))[0] as ReportRow;
  return reportDto(r, await filesOf(db, [r]));
}

/** The feedback date of one organization: its 反馈会, else the inspection's feedback date. */
async function feedbackDateOf(db: Db, insp: InspectionRow, orgId: string): Promise<string | null> {
  const f = (
    await db
      .select({ on: feedbacks.meetingDate })
      .from(feedbacks)
      .where(and(eq(feedbacks.inspectionId, insp.id), eq(feedbacks.orgId, orgId)))
  )[0];
  return f?.on ?? insp.feedbackDate;
}

/** The day the last task was written off when every task is, else null (reports keep falling due). */
async function tasksAllClosedOn(db: Db, inspectionId: string, orgId: string): Promise<string | null> {
  const where = and(eq(rectificationTasks.inspectionId, inspectionId), eq(rectificationTasks.orgId, orgId));
  const [a] = await db
    .select({
      n: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where not ${rectificationTasks.writtenOff})::int`,
      last: max(rectificationTasks.writtenOffOn),
    })
    .from(rectificationTasks)
    .where(where);
  if (!a || Number(a.n) === 0 || Number(a.open) > 0) return null;
  return a.last ?? null;
}

/** The reports an organization owes, with due dates, colours and late flags. */
async function scheduleOf(deps: AppDeps, insp: InspectionRow, orgId: string, rows: ReportRow[]) {
  const feedbackDate = await feedbackDateOf(deps.db, insp, orgId);
  if (!feedbackDate) return [];
  const [cal, d, s, closed] = await Promise.all([
    calendarFor(deps.db, insp.authorityId),
    deadlinesFor(deps.db, insp.authorityId),
    rectificationSettingsOf(deps.db, insp.authorityId),
    tasksAllClosedOn(deps.db, insp.id, orgId),
  ]);
  return reportSchedule(
    feedbackDate,
    {
      warningWorkingDays: s.settings.warningWorkingDays,
      progressReportIntervalMonths: s.settings.progressReportIntervalMonths,
      rectificationReportAfterFeedback: d.settings.rectificationReportAfterFeedback,
    },
    closed,
    today(deps.clock),
    cal,
    rows
      .filter((r) => r.submittedOn)
      .map((r) => ({
        kind: r.kind as TReportKind,
        seq: r.kind === 'progressReport' ? r.seq : null,
        submittedOn: r.submittedOn as string,
      })),
  );
}

async function assertFiles(db: Db, insp: InspectionRow, orgId: string, ids: readonly string[]) {
  if (!ids.length) return;
  const found = await db
    .select({ id: rectificationFiles.id })
    .from(rectificationFiles)
    .where(
      and(
        inArray(rectificationFiles.id, [...ids]),
        eq(rectificationFiles.inspectionId, insp.id),
        eq(rectificationFiles.orgId, orgId),
      ),
    );
  if (found.length !== new Set(ids).size) throw bad('报告附件不存在或不属于本单位', { field: 'fileIds' });
}

export async function createReport(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TRectificationReportCreate,
) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:write', { write: true });
  const org = await actingOrg(deps, ctx, insp.id, 'rectification:write', input.orgId);
  assertRectStage(insp, REPORT_KIND_LABELS[input.kind]);
  await assertFiles(deps.db, insp, org.orgId, input.fileIds);
  const seq = input.kind === 'progressReport' ? (input.seq as number) : 0;
  const existing = await deps.db
    .select()
    .from(rectificationReports)
    .where(and(eq(rectificationReports.inspectionId, insp.id), eq(rectificationReports.orgId, org.orgId)));
  const schedule = await scheduleOf(deps, insp, org.orgId, existing);
  const due = schedule.find((x) => x.kind === input.kind && (x.seq ?? 0) === seq);
  const label =
    input.kind === 'progressReport' ? `第${seq}次${REPORT_KIND_LABELS[input.kind]}` : REPORT_KIND_LABELS[input.kind];
  if (existing.some((r) => r.kind === input.kind && r.seq === seq)) throw conflict(`${label}已经存在，请修改后报送`);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  try {
    await deps.db.transaction(async (tx) => {
      await tx.insert(rectificationReports).values({
        id,
        authorityId: insp.authorityId,
        termId: insp.termId,
        inspectionId: insp.id,
        orgId: org.orgId,
        kind: input.kind,
        seq,
        title: input.title,
        content: input.content,
        fileIds: input.fileIds,
        status: 'draft',
        dueOn: due?.dueOn ?? null,
        enteredByOffice: isOfficeActor(ctx),
        createdById: ctx.actor.userId,
        createdByName: ctx.actor.displayName,
        createdAt: now,
        updatedAt: now,
      });
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'rectification.report.create',
        objectType: 'rectificationReport',
        objectId: id,
        detail: { inspectionId: insp.id, orgId: org.orgId, kind: input.kind, seq },
      });
    });
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') throw conflict(`${label}已经存在，请修改后报送`);
    throw e;
  }
  return reportOut(deps.db, id);
}

export async function listReports(deps: AppDeps, ctx: RequestCtx, inspectionId: string, orgId?: string) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  const org = await actingOrg(deps, ctx, insp.id, 'rectification:read', orgId);
  const rows = await deps.db
    .select()
    .from(rectificationReports)
    .where(and(eq(rectificationReports.inspectionId, insp.id), eq(rectificationReports.orgId, org.orgId)))
    .orderBy(asc(rectificationReports.createdAt), asc(rectificationReports.id));
  const files = await filesOf(deps.db, rows);
  return {
    orgId: org.orgId,
    orgName: org.name,
    items: rows.map((r) => reportDto(r, files)),
    schedule: await scheduleOf(deps, insp, org.orgId, rows),
  };
}

async function loadReport(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'rectification:read' | 'rectification:write',
) {
  const r = (await deps.db.select().from(rectificationReports).where(eq(rectificationReports.id, id)))[0];
  if (!r) throw notFound('报告');
  const insp = await rectInspection(deps, ctx, r.inspectionId, permission, {
    write: permission === 'rectification:write',
  });
  assertOrgVisible(ctx, permission, r.orgId, '报告');
  return { r, insp };
}

/** Revises a report while it is with the organization (draft or returned). */
export async function updateReport(deps: AppDeps, ctx: RequestCtx, id: string, input: TRectificationReportUpdate) {
  const { r, insp } = await loadReport(deps, ctx, id, 'rectification:write');
  if (!submissionEditable(r.status as TSubmissionStatus)) throw conflict('报告正在联合会审中或已通过，不能修改');
  if (input.fileIds) await assertFiles(deps.db, insp, r.orgId, input.fileIds);
  const content = input.content ?? r.content;
  const fileIds = input.fileIds ?? r.fileIds;
  if (!content && fileIds.length === 0) throw bad('请填写报告正文或上传报告文件', { field: 'content' });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(rectificationReports)
      .set({ title: input.title ?? r.title, content, fileIds, updatedAt: now, version: r.version + 1 })
      .where(
        and(
          eq(rectificationReports.id, r.id),
          eq(rectificationReports.version, input.version),
          eq(rectificationReports.status, r.status),
        ),
      )
      .returning({ id: rectificationReports.id });
    if (!res.length) throw stale('报告');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.report.update',
      objectType: 'rectificationReport',
      objectId: r.id,
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  return reportOut(deps.db, id);
}

/** Sends a report to joint review (draft or returned → inReview), opening the next round. */
export async function submitReport(deps: AppDeps, ctx: RequestCtx, id: string, input: { version: number }) {
  const { r } = await loadReport(deps, ctx, id, 'rectification:write');
  await submitSubject(deps, ctx, {
    subject: r.kind as TReportKind,
    row: r,
    version: input.version,
    round: await nextRound(deps.db, r.id),
  });
  return reportOut(deps.db, id);
}

/**
 * POST /api/rectification-reports/{id}/files: one attachment of a report while it is with the
 * organization (draft or returned), read and sealed as task evidence is (rectification.evidence.ts),
 * and added to the report's `fileIds` under the version read (a report sent to review in between
 * answers 409). Removing one is a PATCH of `fileIds`; the file itself stays, as evidence does.
 */
export async function uploadReportFile(deps: AppDeps, ctx: RequestCtx, id: string, req: FastifyRequest) {
  const { r } = await loadReport(deps, ctx, id, 'rectification:write');
  if (!submissionEditable(r.status as TSubmissionStatus)) throw conflict('报告正在联合会审中或已通过，不能再上传附件');
  if (r.fileIds.length >= MAX_REPORT_FILES) throw conflict(`报告附件最多${MAX_REPORT_FILES}个，请先删除不需要的附件`);
  const { file } = await readRectUpload(deps, req, []);
  const now = deps.clock.now();
  const fileId = uuidv7(now.getTime());
  const sealed = await sealRectFile(deps, fileId, file.data);
  const office = isOfficeActor(ctx);
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(rectificationReports)
      .set({
        fileIds: sql`${rectificationReports.fileIds} || ${JSON.stringify([fileId])}::jsonb`,
        updatedAt: now,
        version: r.version + 1,
      })
      .where(
        and(
          eq(rectificationReports.id, r.id),
          eq(rectificationReports.version, r.version),
          eq(rectificationReports.status, r.status),
        ),
      )
      .returning({ id: rectificationReports.id });
    if (!res.length) throw stale('报告');
    await tx.insert(rectificationFiles).values({
      id: fileId,
      authorityId: r.authorityId,
      inspectionId: r.inspectionId,
      orgId: r.orgId,
      taskId: null,
      name: file.name,
      mime: file.mime,
      kind: file.kind,
      size: file.size,
      data: sealed,
      uploadedById: ctx.actor.userId,
      uploadedByName: ctx.actor.displayName,
      onBehalf: office,
      uploadedAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationFile.upload',
      objectType: 'rectificationFile',
      objectId: fileId,
      detail: { reportId: r.id, mime: file.mime, size: file.size },
    });
  });
  return reportOut(deps.db, r.id);
}

// ---------------------------------------------------------------- the review with what is reviewed

export async function getReviewDetail(deps: AppDeps, ctx: RequestCtx, id: string) {
  const row = await loadReview(deps, ctx, id);
  const base = await reviewWithCanRate(deps, ctx, row);
  const title = (await subjectTitles(deps.db, [row])).get(row.id) ?? '';
  if (row.subject === 'plan')
    return { ...base, title, plan: { findings: await planFindings(deps, row.inspectionId, row.orgId) }, report: null };
  const r = (await deps.db.select().from(rectificationReports).where(eq(rectificationReports.id, row.subjectId)))[0];
  const files = r?.fileIds.length
    ? await deps.db
        .select({
          id: rectificationFiles.id,
          name: rectificationFiles.name,
          size: rectificationFiles.size,
          mime: rectificationFiles.mime,
        })
        .from(rectificationFiles)
        .where(inArray(rectificationFiles.id, r.fileIds))
    : [];
  return {
    ...base,
    title,
    plan: null,
    report: r
      ? {
          kind: r.kind as TReportKind,
          seq: r.kind === 'progressReport' ? r.seq : null,
          title: r.title,
          content: r.content,
          files,
        }
      : null,
  };
}

// ---------------------------------------------------------------- 专题民主生活会

function meetingDto(m: typeof democraticLifeMeetings.$inferSelect) {
  return {
    id: m.id,
    inspectionId: m.inspectionId,
    orgId: m.orgId,
    heldOn: m.heldOn,
    attendees: m.attendees,
    criticismItems: m.criticismItems,
    supervisors: m.supervisors,
    notes: m.notes,
    version: m.version,
  };
}

export async function createMeeting(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TDemocraticLifeMeetingCreate,
) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:write', { write: true });
  const org = await actingOrg(deps, ctx, insp.id, 'rectification:write', input.orgId);
  assertRectStage(insp, '专题民主生活会');
  const feedbackDate = await feedbackDateOf(deps.db, insp, org.orgId);
  if (feedbackDate && input.heldOn < feedbackDate) throw bad('专题民主生活会应在巡察反馈之后召开', { field: 'heldOn' });
  if (input.heldOn > today(deps.clock)) throw bad('召开日期不能晚于今天', { field: 'heldOn' });
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await deps.db.transaction(async (tx) => {
    await tx.insert(democraticLifeMeetings).values({
      id,
      authorityId: insp.authorityId,
      termId: insp.termId,
      inspectionId: insp.id,
      orgId: org.orgId,
      heldOn: input.heldOn,
      attendees: input.attendees,
      criticismItems: input.criticismItems,
      supervisors: input.supervisors,
      notes: input.notes ?? null,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.lifeMeeting.create',
      objectType: 'democraticLifeMeeting',
      objectId: id,
      detail: { inspectionId: insp.id, orgId: org.orgId, heldOn: input.heldOn },
    });
  });
  return meetingDto(
    (
      await deps.db.select().from(democraticLifeMeetings).where(eq(democraticLifeMeetings.id, id))
    )[0] as typeof democraticLifeMeetings.$inferSelect,
  );
}

export async function listMeetings(deps: AppDeps, ctx: RequestCtx, inspectionId: string) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  const rows = await deps.db
    .select()
    .from(democraticLifeMeetings)
    .where(eq(democraticLifeMeetings.inspectionId, insp.id))
    .orderBy(desc(democraticLifeMeetings.heldOn), desc(democraticLifeMeetings.id));
  return { items: rows.filter((m) => orgVisible(ctx, 'rectification:read', m.orgId)).map(meetingDto) };
}
