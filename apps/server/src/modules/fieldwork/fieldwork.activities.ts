import {
  ACTIVITY_COUNT_UNITS,
  AppError,
  activityApproveProblem,
  activityDateProblem,
  activityShapeProblems,
  detectFileKind,
  displayFileName,
  ErrorCode,
  initialActivityStatus,
  type TActivity,
  type TActivityCreate,
  type TActivityKind,
  type TActivityListQuery,
  type TActivityStatus,
  type TActivityUpdate,
  type TFieldworkFile,
  type TInterview,
  type TInterviewCreate,
  type TInterviewKind,
  type TInterviewListQuery,
  type TInterviewUpdate,
} from '@xc/domain';
import { and, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { activities, fieldworkFiles, interviews } from '../../db/schema/fieldwork.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { BlobCipher } from '../../platform/blob-cipher.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { KeyRing } from '../../platform/keys.ts';
import { paginate } from '../../platform/pagination.ts';
import { visibleInspectionIds } from '../planning/index.ts';
import {
  assertOnRoster,
  assertRecordingStage,
  bad,
  conflict,
  type InspectionBrief,
  type InspectionRow,
  inspectionBrief,
  peopleOf,
  rosterOf,
  seatOf,
  stale,
  targetOf,
  workInspection,
} from './fieldwork.access.ts';

// On site: 个别谈话 (two inspectors, notes encrypted, the signed record as a scan), the activity log
// (调阅 份, 走访/座谈/列席/汇报 次, 暗访 with the 组长's approval) and the evidence files.

type InterviewRow = typeof interviews.$inferSelect;
type ActivityRow = typeof activities.$inferSelect;

/** Uploads are capped by the multipart plugin (20 MB); files are kept encrypted, base64 inside. */
export const MAX_FIELDWORK_FILE = 20 * 1024 * 1024;

function dateProblem(deps: AppDeps, insp: InspectionRow, date: string, field: string): void {
  const problem = activityDateProblem(date, insp.entryDate, today(deps.clock));
  if (problem) throw bad(problem, { field });
}

/** The interview with its inspection, if the caller may work on that inspection with `permission`. */
async function loadInterview(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'interview:read' | 'fieldwork:write',
) {
  const row = (
    await deps.db
      .select()
      .from(interviews)
      .where(
        and(
          eq(interviews.id, id),
          sql`${interviews.inspectionId} in (${await visibleInspectionIds(deps, ctx, permission)})`,
        ),
      )
  )[0];
  if (!row) throw notFound('谈话记录');
  return { row, insp: await workInspection(deps, ctx, row.inspectionId, permission) };
}

async function interviewDto(
  deps: AppDeps,
  ctx: RequestCtx,
  r: InterviewRow,
  b: InspectionBrief,
  withNotes: boolean,
): Promise<TInterview> {
  const roster = await rosterOf(deps, ctx, b.teamId);
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    orgId: r.orgId,
    orgName: b.targets.find((t) => t.orgId === r.orgId)?.name ?? null,
    intervieweeName: r.intervieweeName,
    intervieweePost: r.intervieweePost,
    kind: r.kind as TInterviewKind,
    date: r.date,
    place: r.place,
    inspectors: peopleOf(roster, r.inspectorIds),
    notes: withNotes && r.notesEnc ? deps.cipher.decrypt('interviews', r.id, 'notes', r.notesEnc) : null,
    signedRecordFileId: r.signedRecordFileId,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

export async function listInterviews(deps: AppDeps, ctx: RequestCtx, inspectionId: string, q: TInterviewListQuery) {
  const { db } = deps;
  const insp = await workInspection(deps, ctx, inspectionId, 'interview:read');
  const conds: SQL[] = [eq(interviews.inspectionId, insp.id)];
  if (q.kind) conds.push(eq(interviews.kind, q.kind));
  if (q.from) conds.push(gte(interviews.date, q.from));
  if (q.to) conds.push(lte(interviews.date, q.to));
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['date', 'uuid'],
    after: ([d, id]) => sql`(${interviews.date}, ${interviews.id}) < (${d}::date, ${id}::uuid)`,
    count: () => countWhere(db, interviews, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(interviews)
        .where(and(...conds, from))
        .orderBy(desc(interviews.date), desc(interviews.id))
        .limit(n),
    key: (r) => [r.date, r.id],
  });
  const b = await inspectionBrief(db, insp.id);
  const items = [];
  for (const r of page.rows) {
    const { notes: _notes, ...item } = await interviewDto(deps, ctx, r, b, false);
    items.push(item);
  }
  return { items, total: page.total, nextCursor: page.nextCursor };
}

export async function createInterview(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TInterviewCreate,
): Promise<TInterview> {
  const { db, clock, cipher } = deps;
  const insp = await workInspection(deps, ctx, inspectionId, 'fieldwork:write');
  assertRecordingStage('interview', insp.stage);
  dateProblem(deps, insp, input.date, 'date');
  const b = await inspectionBrief(db, insp.id);
  assertOnRoster(await rosterOf(deps, ctx, insp.teamId), input.inspectorIds, 'inspectorIds', '参加谈话的巡察人员');
  const org = targetOf(b, input.orgId);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(interviews).values({
      id,
      authorityId: insp.authorityId,
      inspectionId: insp.id,
      orgId: org.orgId,
      intervieweeName: input.intervieweeName,
      intervieweePost: input.intervieweePost,
      kind: input.kind,
      date: input.date,
      place: input.place || null,
      inspectorIds: input.inspectorIds,
      notesEnc: input.notes ? cipher.encrypt('interviews', id, 'notes', input.notes) : null,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'interview.create',
      objectType: 'interview',
      objectId: id,
      detail: { inspectionId: insp.id, kind: input.kind, date: input.date },
    });
  });
  const row = (await db.select().from(interviews).where(eq(interviews.id, id)))[0] as InterviewRow;
  return interviewDto(deps, ctx, row, b, true);
}

/** Reading an interview's notes is a read of a sensitive object: audited (security.md, Audit). */
export async function getInterview(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TInterview> {
  const { row, insp } = await loadInterview(deps, ctx, id, 'interview:read');
  await writeAudit(deps.db, deps.clock.now(), {
    ...auditOf(ctx),
    action: 'interview.read',
    objectType: 'interview',
    objectId: id,
  });
  return interviewDto(deps, ctx, row, await inspectionBrief(deps.db, insp.id), true);
}

export async function updateInterview(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TInterviewUpdate,
): Promise<TInterview> {
  const { db, clock, cipher } = deps;
  const { row, insp } = await loadInterview(deps, ctx, id, 'fieldwork:write');
  assertRecordingStage('interview', insp.stage);
  if (input.date) dateProblem(deps, insp, input.date, 'date');
  const b = await inspectionBrief(db, insp.id);
  if (input.inspectorIds)
    assertOnRoster(await rosterOf(deps, ctx, insp.teamId), input.inspectorIds, 'inspectorIds', '参加谈话的巡察人员');
  const orgId = input.orgId === undefined ? row.orgId : input.orgId === null ? null : targetOf(b, input.orgId).orgId;
  const now = clock.now();
  const { version, notes, ...fields } = input;
  await db.transaction(async (tx) => {
    const res = await tx
      .update(interviews)
      .set({
        ...fields,
        place: fields.place === undefined ? row.place : fields.place || null,
        orgId,
        notesEnc: notes === undefined ? row.notesEnc : notes ? cipher.encrypt('interviews', id, 'notes', notes) : null,
        version: row.version + 1,
      })
      .where(and(eq(interviews.id, id), eq(interviews.version, version)))
      .returning({ id: interviews.id });
    if (!res.length) throw stale('谈话记录');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'interview.update',
      objectType: 'interview',
      objectId: id,
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  const fresh = (await db.select().from(interviews).where(eq(interviews.id, id)))[0] as InterviewRow;
  return interviewDto(deps, ctx, fresh, b, true);
}

// ---------------------------------------------------------------- files (evidence, signed records)

/** One file from a multipart request (field `file`), accepted by its magic bytes only. */
async function readUpload(req: FastifyRequest): Promise<{ name: string; mime: string; kind: string; data: Buffer }> {
  if (!req.isMultipart()) throw bad('请以 multipart/form-data 上传文件（字段 file）');
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await req.file({ limits: { fileSize: MAX_FIELDWORK_FILE, files: 1, fields: 2, parts: 3 } });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(ErrorCode.PayloadTooLarge, '文件不能超过 20 MB');
    throw bad('上传内容格式不正确');
  }
  if (part?.fieldname !== 'file') throw bad('请选择要上传的文件（字段 file）');
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError(ErrorCode.PayloadTooLarge, '文件不能超过 20 MB');
    throw e;
  }
  if (!data.length) throw bad('上传的文件是空的');
  const kind = detectFileKind(data.subarray(0, 4100));
  if (!kind || kind.kind === 'video')
    throw new AppError(
      ErrorCode.UnsupportedMedia,
      `文件“${displayFileName(part.filename ?? '', 'bin')}”的格式不被接受：只能上传 PDF、图片（JPG、PNG 等）或 Word/Excel 文档`,
    );
  return { name: displayFileName(part.filename ?? '', kind.ext), mime: kind.mime, kind: kind.kind, data };
}

/** Sealing runs in chunks with the event loop free between them (platform/blob-cipher.ts). */
const sealers = new WeakMap<KeyRing, BlobCipher>();
function blobs(keys: KeyRing): BlobCipher {
  let b = sealers.get(keys);
  if (!b) {
    b = new BlobCipher(keys);
    sealers.set(keys, b);
  }
  return b;
}

/** A file's bytes as stored: sealed under its row's id (AAD table|id|column|keyVersion|chunk). */
export function sealFile(keys: KeyRing, id: string, data: Buffer): Promise<Buffer> {
  return blobs(keys).seal('fieldwork_files', id, 'data', data);
}

/** The row of an uploaded file, sealed before any transaction opens (sealing 20 MB takes a while). */
async function fileRow(
  deps: AppDeps,
  ctx: RequestCtx,
  insp: InspectionRow,
  f: { name: string; mime: string; kind: string; data: Buffer },
  now: Date,
): Promise<typeof fieldworkFiles.$inferInsert & { id: string }> {
  const id = uuidv7(now.getTime());
  return {
    id,
    authorityId: insp.authorityId,
    inspectionId: insp.id,
    name: f.name,
    mime: f.mime,
    kind: f.kind,
    size: f.data.length,
    data: await sealFile(deps.keys, id, f.data),
    createdById: ctx.actor.userId,
    createdAt: now,
  };
}

export async function uploadFieldworkFile(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  req: FastifyRequest,
): Promise<TFieldworkFile> {
  const insp = await workInspection(deps, ctx, inspectionId, 'fieldwork:write');
  assertRecordingStage('workingPaper', insp.stage);
  const f = await readUpload(req);
  const now = deps.clock.now();
  const row = await fileRow(deps, ctx, insp, f, now);
  const id = row.id;
  await deps.db.transaction(async (tx) => {
    await tx.insert(fieldworkFiles).values(row);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'fieldworkFile.upload',
      objectType: 'fieldworkFile',
      objectId: id,
      detail: { inspectionId: insp.id, mime: f.mime, size: f.data.length },
    });
  });
  return { id, inspectionId: insp.id, name: f.name, mime: f.mime, size: f.data.length, createdAt: now.toISOString() };
}

export async function uploadInterviewRecord(
  deps: AppDeps,
  ctx: RequestCtx,
  interviewId: string,
  req: FastifyRequest,
): Promise<TInterview> {
  const { row, insp } = await loadInterview(deps, ctx, interviewId, 'fieldwork:write');
  assertRecordingStage('interview', insp.stage);
  const f = await readUpload(req);
  const now = deps.clock.now();
  const file = await fileRow(deps, ctx, insp, f, now);
  const fileId = file.id;
  await deps.db.transaction(async (tx) => {
    await tx.insert(fieldworkFiles).values(file);
    const res = await tx
      .update(interviews)
      .set({ signedRecordFileId: fileId, version: row.version + 1 })
      .where(and(eq(interviews.id, row.id), eq(interviews.version, row.version)))
      .returning({ id: interviews.id });
    if (!res.length) throw stale('谈话记录');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'interview.uploadRecord',
      objectType: 'interview',
      objectId: row.id,
      detail: { fileId, mime: f.mime, size: f.data.length },
    });
  });
  const fresh = (await deps.db.select().from(interviews).where(eq(interviews.id, row.id)))[0] as InterviewRow;
  return interviewDto(deps, ctx, fresh, await inspectionBrief(deps.db, insp.id), false);
}

async function decryptFile(deps: AppDeps, ctx: RequestCtx, f: typeof fieldworkFiles.$inferSelect, action: string) {
  const data = await blobs(deps.keys).open('fieldwork_files', f.id, 'data', f.data);
  await writeAudit(deps.db, deps.clock.now(), {
    ...auditOf(ctx),
    action,
    objectType: 'fieldworkFile',
    objectId: f.id,
    detail: { inspectionId: f.inspectionId },
  });
  return { name: f.name, mime: f.mime, data };
}

/** The signed record of an interview: as confidential as the interview, and its download audited. */
export async function interviewRecord(deps: AppDeps, ctx: RequestCtx, interviewId: string) {
  const { row } = await loadInterview(deps, ctx, interviewId, 'interview:read');
  if (!row.signedRecordFileId) throw notFound('签字的谈话笔录');
  const f = (await deps.db.select().from(fieldworkFiles).where(eq(fieldworkFiles.id, row.signedRecordFileId)))[0];
  if (!f) throw notFound('签字的谈话笔录');
  return decryptFile(deps, ctx, f, 'interview.readRecord');
}

/**
 * An evidence file of an inspection the caller works on. A signed interview record is reached only
 * with the interview permission, whatever route asks for it.
 */
export async function fieldworkFile(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db } = deps;
  const f = (
    await db
      .select()
      .from(fieldworkFiles)
      .where(
        and(
          eq(fieldworkFiles.id, id),
          sql`${fieldworkFiles.inspectionId} in (${await visibleInspectionIds(deps, ctx, 'fieldwork:read')})`,
        ),
      )
  )[0];
  if (!f) throw notFound('证据材料');
  const record = await countWhere(db, interviews, eq(interviews.signedRecordFileId, id));
  if (record && !ctx.actor.permissions.has('interview:read')) throw notFound('证据材料');
  return decryptFile(deps, ctx, f, 'fieldworkFile.read');
}

/** 400 unless every id is a file uploaded for this inspection. */
export async function assertFiles(db: Db, inspectionId: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const n = await countWhere(
    db,
    fieldworkFiles,
    and(eq(fieldworkFiles.inspectionId, inspectionId), inArray(fieldworkFiles.id, [...new Set(ids)])),
  );
  if (n !== new Set(ids).size) throw bad('证据引用的文件不属于本次巡察', { field: 'evidence' });
}

/** 400 unless every id is an interview of this inspection. */
export async function assertInterviews(db: Db, inspectionId: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const n = await countWhere(
    db,
    interviews,
    and(eq(interviews.inspectionId, inspectionId), inArray(interviews.id, [...new Set(ids)])),
  );
  if (n !== new Set(ids).size) throw bad('证据引用的谈话不属于本次巡察', { field: 'evidence' });
}

/** 400 unless every id is a document review (调阅资料) of this inspection. */
export async function assertDocumentReviews(db: Db, inspectionId: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const n = await countWhere(
    db,
    activities,
    and(
      eq(activities.inspectionId, inspectionId),
      eq(activities.kind, 'documentReview'),
      inArray(activities.id, [...new Set(ids)]),
    ),
  );
  if (n !== new Set(ids).size) throw bad('证据引用的调阅资料不属于本次巡察', { field: 'evidence' });
}

// ---------------------------------------------------------------- the activity log

async function activityDto(deps: AppDeps, ctx: RequestCtx, r: ActivityRow, b: InspectionBrief): Promise<TActivity> {
  const roster = await rosterOf(deps, ctx, b.teamId);
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    orgId: r.orgId,
    orgName: b.targets.find((t) => t.orgId === r.orgId)?.name ?? null,
    kind: r.kind as TActivityKind,
    date: r.date,
    count: r.count,
    unit: ACTIVITY_COUNT_UNITS[r.kind as TActivityKind] ?? '次',
    subject: r.subject,
    note: r.note,
    attendees: r.attendees,
    inspectors: peopleOf(roster, r.inspectorIds),
    status: r.status as TActivityStatus,
    approvedByName: r.approvedByName,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

async function loadActivity(deps: AppDeps, ctx: RequestCtx, id: string) {
  const row = (
    await deps.db
      .select()
      .from(activities)
      .where(
        and(
          eq(activities.id, id),
          sql`${activities.inspectionId} in (${await visibleInspectionIds(deps, ctx, 'fieldwork:write')})`,
        ),
      )
  )[0];
  if (!row) throw notFound('巡察活动');
  return { row, insp: await workInspection(deps, ctx, row.inspectionId, 'fieldwork:write') };
}

export async function listActivities(deps: AppDeps, ctx: RequestCtx, inspectionId: string, q: TActivityListQuery) {
  const { db } = deps;
  const insp = await workInspection(deps, ctx, inspectionId, 'fieldwork:read');
  const conds: SQL[] = [eq(activities.inspectionId, insp.id)];
  if (q.kind) conds.push(eq(activities.kind, q.kind));
  if (q.status) conds.push(eq(activities.status, q.status));
  if (q.from) conds.push(gte(activities.date, q.from));
  if (q.to) conds.push(lte(activities.date, q.to));
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['date', 'uuid'],
    after: ([d, id]) => sql`(${activities.date}, ${activities.id}) < (${d}::date, ${id}::uuid)`,
    count: () => countWhere(db, activities, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(activities)
        .where(and(...conds, from))
        .orderBy(desc(activities.date), desc(activities.id))
        .limit(n),
    key: (r) => [r.date, r.id],
  });
  const b = await inspectionBrief(db, insp.id);
  const items = [];
  for (const r of page.rows) items.push(await activityDto(deps, ctx, r, b));
  return { items, total: page.total, nextCursor: page.nextCursor };
}

export async function createActivity(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TActivityCreate,
): Promise<TActivity> {
  const { db, clock } = deps;
  const insp = await workInspection(deps, ctx, inspectionId, 'fieldwork:write');
  assertRecordingStage('activity', insp.stage);
  dateProblem(deps, insp, input.date, 'date');
  const roster = await rosterOf(deps, ctx, insp.teamId);
  if (input.inspectorIds) assertOnRoster(roster, input.inspectorIds, 'inspectorIds', '参加活动的巡察人员');
  const b = await inspectionBrief(db, insp.id);
  const org = targetOf(b, input.orgId);
  const seat = seatOf(roster, ctx.actor.userId);
  const status = initialActivityStatus(input.kind, seat.teamRole);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(activities).values({
      id,
      authorityId: insp.authorityId,
      inspectionId: insp.id,
      orgId: org.orgId,
      kind: input.kind,
      date: input.date,
      count: input.count,
      subject: input.subject || null,
      note: input.note || null,
      attendees: input.attendees ?? [],
      inspectorIds: input.inspectorIds ?? [],
      status,
      // A 暗访 the 组长 records himself is approved by recording it.
      approvedByName: status === 'recorded' && input.kind === 'covertVisit' ? ctx.actor.displayName : null,
      approvedAt: status === 'recorded' && input.kind === 'covertVisit' ? now : null,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'activity.create',
      objectType: 'activity',
      objectId: id,
      detail: { inspectionId: insp.id, kind: input.kind, count: input.count, status },
    });
  });
  return activityDto(deps, ctx, (await db.select().from(activities).where(eq(activities.id, id)))[0] as ActivityRow, b);
}

export async function updateActivity(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TActivityUpdate,
): Promise<TActivity> {
  const { db, clock } = deps;
  const { row, insp } = await loadActivity(deps, ctx, id);
  assertRecordingStage('activity', insp.stage);
  if (input.date) dateProblem(deps, insp, input.date, 'date');
  const roster = await rosterOf(deps, ctx, insp.teamId);
  if (input.inspectorIds) assertOnRoster(roster, input.inspectorIds, 'inspectorIds', '参加活动的巡察人员');
  const merged = {
    kind: row.kind as TActivityKind,
    inspectorIds: input.inspectorIds ?? row.inspectorIds,
    attendees: input.attendees ?? row.attendees,
  };
  const shape = activityShapeProblems(merged)[0];
  if (shape) throw bad(shape.message, { field: shape.path });
  const b = await inspectionBrief(db, insp.id);
  const orgId = input.orgId === undefined ? row.orgId : input.orgId === null ? null : targetOf(b, input.orgId).orgId;
  const now = clock.now();
  const { version, ...fields } = input;
  await db.transaction(async (tx) => {
    const res = await tx
      .update(activities)
      .set({
        ...fields,
        subject: fields.subject === undefined ? row.subject : fields.subject || null,
        note: fields.note === undefined ? row.note : fields.note || null,
        orgId,
        version: row.version + 1,
      })
      .where(and(eq(activities.id, id), eq(activities.version, version)))
      .returning({ id: activities.id });
    if (!res.length) throw stale('巡察活动');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'activity.update',
      objectType: 'activity',
      objectId: id,
      detail: { fields: Object.keys(fields) },
    });
  });
  return activityDto(deps, ctx, (await db.select().from(activities).where(eq(activities.id, id)))[0] as ActivityRow, b);
}

/** The 组长 approves a 暗访: only a 组长 of the inspection's team, only once, only with two people. */
export async function approveActivity(deps: AppDeps, ctx: RequestCtx, id: string, version: number): Promise<TActivity> {
  const { db, clock } = deps;
  const { row, insp } = await loadActivity(deps, ctx, id);
  const seat = seatOf(await rosterOf(deps, ctx, insp.teamId), ctx.actor.userId);
  const problem = activityApproveProblem(
    { kind: row.kind as TActivityKind, status: row.status as TActivityStatus, inspectorIds: row.inspectorIds },
    seat.teamRole,
  );
  if (problem && seat.teamRole !== 'leader' && row.status === 'pendingApproval')
    throw new AppError(ErrorCode.Forbidden, problem);
  if (problem) throw conflict(problem);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const res = await tx
      .update(activities)
      .set({ status: 'recorded', approvedByName: ctx.actor.displayName, approvedAt: now, version: row.version + 1 })
      .where(and(eq(activities.id, id), eq(activities.version, version), eq(activities.status, 'pendingApproval')))
      .returning({ id: activities.id });
    if (!res.length) throw stale('巡察活动');
    await writeAudit(tx, now, { ...auditOf(ctx), action: 'activity.approve', objectType: 'activity', objectId: id });
  });
  return activityDto(
    deps,
    ctx,
    (await db.select().from(activities).where(eq(activities.id, id)))[0] as ActivityRow,
    await inspectionBrief(db, insp.id),
  );
}

export async function deleteActivity(deps: AppDeps, ctx: RequestCtx, id: string, version: number): Promise<void> {
  const { db, clock } = deps;
  const { row, insp } = await loadActivity(deps, ctx, id);
  assertRecordingStage('activity', insp.stage);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(activities)
      .where(and(eq(activities.id, id), eq(activities.version, version)))
      .returning({ id: activities.id });
    if (!gone.length) throw stale('巡察活动');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'activity.delete',
      objectType: 'activity',
      objectId: id,
      detail: { inspectionId: insp.id, kind: row.kind, date: row.date, count: row.count },
    });
  });
}
