import {
  AppError,
  answerReminder,
  ErrorCode,
  judgeReminder,
  reminderActionProblem,
  reminderColour,
  reminderDueProblem,
  reminderStatus,
  resolveReminderDue,
  type TDutyReminder,
  type TDutyReminderAnswer,
  type TDutyReminderCreate,
  type TDutyReminderJudge,
  type TDutyReminderListQuery,
  type TRecipientKind,
  type TReminderJudgement,
  type TReminderState,
  type TReminderStatus,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { commonProblems, dutyReminderAnswers, dutyReminders, governanceFiles } from '../../db/schema/governance.ts';
import { inScope } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { listGrants } from '../auth/index.ts';
import { findingsByIds } from '../fieldwork/index.ts';
import { authoritiesByIds, orgsByIds } from '../orgs/index.ts';
import { calendarFor, inspectionsById } from '../planning/index.ts';
import {
  addressedToSql,
  governanceScope,
  inGovernanceScope,
  isAddressedToMe,
  notFound,
  recipientIdentity,
  termAuthority,
} from './governance.access.ts';
import {
  governanceFileMeta,
  governanceFileNames,
  openGovernanceFile,
  readUpload,
  storeGovernanceFile,
} from './governance.files.ts';
import { governanceSettingsOf } from './governance.settings.ts';

// 履责提示: a point-to-point reminder to one 分管领导 or 主管部门 with an answer due in working days. The
// status is never stored: it follows from the due date, the latest answer and the office's judgement
// of it (domain reminderStatus), and the list filters on the same rule written as SQL, so a page of
// "overdue" holds exactly what the detail calls overdue. Writes are conditional on the version read:
// of two judgements (or two answers) at once, one answers 409.

const WHAT = '履责提示';
const bad = (message: string, details?: unknown) => new AppError(ErrorCode.BadRequest, message, details);
const conflict = (message: string) => new AppError(ErrorCode.Conflict, message);
const versionConflict = () => new AppError(ErrorCode.VersionConflict, '履责提示已被他人处理，请刷新后重试');

type ReminderRow = typeof dutyReminders.$inferSelect;

function stateOf(r: Pick<ReminderRow, 'dueOn' | 'answeredOn' | 'judgement'>): TReminderState {
  return { dueOn: r.dueOn, answeredOn: r.answeredOn, judgement: r.judgement as TReminderJudgement | null };
}

/**
 * domain reminderStatus as a SQL expression over the row, for filtering lists: the branches in the
 * same order, `today` the office's date.
 */
export function reminderStatusSql(on: string): SQL<TReminderStatus> {
  const t = dutyReminders;
  return sql<TReminderStatus>`case
    when ${t.judgement} = 'answered' then 'answered'
    when ${t.answeredOn} is not null and ${t.judgement} is null then 'submitted'
    when ${t.dueOn} < ${on}::date then 'overdue'
    when ${t.judgement} = 'insufficient' then 'insufficient'
    else 'pending' end`;
}

/** The warning window of each authority met on a page, read once. */
function warnDaysOf(deps: AppDeps) {
  const cache = new Map<string, Promise<number>>();
  return (authorityId: string) => {
    let p = cache.get(authorityId);
    if (!p) {
      p = governanceSettingsOf(deps.db, authorityId).then((s) => s.settings.warnDays);
      cache.set(authorityId, p);
    }
    return p;
  };
}

async function problemRefs(db: Db, ids: readonly string[]) {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map<string, string>();
  const rows = await db
    .select({ id: commonProblems.id, name: commonProblems.name })
    .from(commonProblems)
    .where(inArray(commonProblems.id, uniq));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summaryDto(r: ReminderRow, names: Map<string, string>, on: string, warnDays: number) {
  const state = stateOf(r);
  return {
    id: r.id,
    authorityId: r.authorityId,
    termId: r.termId,
    recipient: {
      kind: r.recipientKind as TRecipientKind,
      name: r.recipientName,
      orgId: r.recipientOrgId,
      userId: r.recipientUserId,
      readAt: r.readAt?.toISOString() ?? null,
    },
    sector: r.sector,
    // A common problem deleted since is no longer named (deleting one that a reminder names is refused).
    commonProblems: r.commonProblemIds.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id) as string }] : [])),
    findingIds: r.findingIds,
    sentOn: r.sentOn,
    dueOn: r.dueOn,
    status: reminderStatus(state, on),
    colour: reminderColour(state, on, warnDays),
    version: r.version,
  };
}

async function reminderDto(deps: AppDeps, r: ReminderRow): Promise<TDutyReminder> {
  const on = today(deps.clock);
  const [names, answers, settings] = await Promise.all([
    problemRefs(deps.db, r.commonProblemIds),
    deps.db
      .select()
      .from(dutyReminderAnswers)
      .where(eq(dutyReminderAnswers.reminderId, r.id))
      .orderBy(asc(dutyReminderAnswers.answeredAt), asc(dutyReminderAnswers.id)),
    governanceSettingsOf(deps.db, r.authorityId),
  ]);
  const fileNames = await governanceFileNames(
    deps.db,
    answers.flatMap((a) => a.fileIds),
  );
  return {
    ...summaryDto(r, names, on, settings.settings.warnDays),
    content: r.content,
    answers: answers.map((a) => ({
      id: a.id,
      whatWasDone: a.whatWasDone,
      fileIds: a.fileIds,
      files: a.fileIds.flatMap((id) => {
        const name = fileNames.get(id);
        return name === undefined ? [] : [{ id, name }];
      }),
      answeredOn: a.answeredOn,
      answeredByName: a.answeredByName,
      judgement: a.judgement as TReminderJudgement | null,
      judgedOn: a.judgedOn,
      comment: a.comment,
    })),
  };
}

// ---------------------------------------------------------------- the office

/**
 * Who may be addressed: a 主管部门 is an organization of the registry; an account named must be a
 * 分管领导/主管部门 account (role sectorRecipient), since only those have an inbox to answer from.
 * Either must belong to the reminder's authority or one the caller manages (the city its counties'),
 * so an office cannot send its findings to another region's accounts.
 */
async function checkRecipient(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  r: TDutyReminderCreate['recipient'],
) {
  const scope = governanceScope(ctx, 'governance:manage');
  const reached = (a: string | undefined) => !!a && (a === authorityId || inScope(scope, a));
  if (r.orgId && !reached((await orgsByIds(deps.db, [r.orgId])).get(r.orgId)?.authorityId))
    throw bad('接收单位不存在或不在本机构管辖范围内', { field: 'recipient.orgId' });
  if (r.userId) {
    const grants = await listGrants(deps, r.userId).catch((e) => {
      if (e instanceof AppError && e.code === ErrorCode.NotFound) return { items: [] };
      throw e;
    });
    const orgIds = grants.items.flatMap((g) => (g.role === 'sectorRecipient' && g.scopeId ? [g.scopeId] : []));
    const orgs = await orgsByIds(deps.db, orgIds);
    if (!orgIds.some((o) => reached(orgs.get(o)?.authorityId)))
      throw bad('接收账号不是本机构管辖范围内分管领导或主管部门的账号', { field: 'recipient.userId' });
  }
}

/** Common problems and findings named by a reminder or a consultation must be of its term; else 400. */
export async function checkTermRefs(
  deps: AppDeps,
  termId: string,
  refs: { commonProblemIds?: readonly string[]; findingIds?: readonly string[] },
): Promise<{ sectors: string[] }> {
  const problemIds = [...new Set(refs.commonProblemIds ?? [])];
  let sectors: string[] = [];
  if (problemIds.length) {
    const rows = await deps.db
      .select({ id: commonProblems.id, sector: commonProblems.sector })
      .from(commonProblems)
      .where(and(inArray(commonProblems.id, problemIds), eq(commonProblems.termId, termId)));
    if (rows.length !== problemIds.length) throw bad('所选共性问题不属于本届期', { field: 'commonProblemIds' });
    sectors = [...new Set(rows.map((r) => r.sector))];
  }
  const findingIds = [...new Set(refs.findingIds ?? [])];
  if (findingIds.length) {
    const found = await findingsByIds(deps.db, findingIds);
    const insp = await inspectionsById(deps.db, [...new Set(found.map((f) => f.inspectionId))]);
    const ofTerm = found.filter((f) => insp.get(f.inspectionId)?.termId === termId);
    if (ofTerm.length !== findingIds.length) throw bad('所选巡察问题不属于本届期', { field: 'findingIds' });
  }
  return { sectors };
}

/** POST /api/duty-reminders: sent today; the answer due by the date or working days chosen, else the setting. */
export async function createReminder(deps: AppDeps, ctx: RequestCtx, input: TDutyReminderCreate) {
  const authorityId = await termAuthority(deps, ctx, input.termId, 'governance:manage');
  await checkRecipient(deps, ctx, authorityId, input.recipient);
  const { sectors } = await checkTermRefs(deps, input.termId, input);
  const sentOn = today(deps.clock);
  const [{ settings }, cal] = await Promise.all([
    governanceSettingsOf(deps.db, authorityId),
    calendarFor(deps.db, authorityId),
  ]);
  const dueOn = resolveReminderDue(
    { sentOn, answerDueInWorkingDays: input.answerDueInWorkingDays, dueOn: input.dueOn },
    settings,
    cal,
  );
  const dueProblem = reminderDueProblem(sentOn, dueOn);
  if (dueProblem) throw bad(dueProblem, { field: 'dueOn' });
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  // A reminder about one sector's problems belongs to that sector even when the office names none.
  const sector = input.sector ?? (sectors.length === 1 ? (sectors[0] as string) : null);
  await deps.db.transaction(async (tx) => {
    await tx.insert(dutyReminders).values({
      id,
      authorityId,
      termId: input.termId,
      recipientKind: input.recipient.kind,
      recipientName: input.recipient.name,
      recipientOrgId: input.recipient.orgId ?? null,
      recipientUserId: input.recipient.userId ?? null,
      sector,
      commonProblemIds: input.commonProblemIds ?? [],
      findingIds: input.findingIds ?? [],
      content: input.content,
      sentOn,
      dueOn,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'dutyReminder.create',
      objectType: 'dutyReminder',
      objectId: id,
      detail: { termId: input.termId, recipient: input.recipient.name, dueOn },
    });
  });
  return reminderDto(deps, await loadRow(deps, id));
}

async function loadRow(deps: AppDeps, id: string): Promise<ReminderRow> {
  const r = (await deps.db.select().from(dutyReminders).where(eq(dutyReminders.id, id)))[0];
  if (!r) throw notFound(WHAT);
  return r;
}

/** A reminder of the caller's authorities (office, leaders), else 404. */
async function officeRow(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'governance:read' | 'governance:manage',
) {
  const r = (
    await deps.db
      .select()
      .from(dutyReminders)
      .where(and(eq(dutyReminders.id, id), inGovernanceScope(ctx, permission, dutyReminders.authorityId)))
  )[0];
  if (!r) throw notFound(WHAT);
  return r;
}

export async function getReminder(deps: AppDeps, ctx: RequestCtx, id: string) {
  return reminderDto(deps, await officeRow(deps, ctx, id, 'governance:read'));
}

async function listWhere(deps: AppDeps, conds: SQL[], q: { limit: number; cursor?: string | undefined }) {
  const { db } = deps;
  const t = dutyReminders;
  const on = today(deps.clock);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['date', 'uuid'],
    after: ([d, id]) => sql`(${t.sentOn}, ${t.id}) < (${d}::date, ${id}::uuid)`,
    count: () => countWhere(db, t, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(t)
        .where(and(...conds, from))
        .orderBy(desc(t.sentOn), desc(t.id))
        .limit(n),
    key: (r) => [r.sentOn, r.id],
  });
  const names = await problemRefs(
    db,
    page.rows.flatMap((r) => r.commonProblemIds),
  );
  const warn = warnDaysOf(deps);
  const items = await Promise.all(page.rows.map(async (r) => summaryDto(r, names, on, await warn(r.authorityId))));
  return { items, total: page.total, nextCursor: page.nextCursor };
}

/** GET /api/duty-reminders: the reminders of the caller's authorities (with mine=true, those addressed to it). */
export async function listReminders(deps: AppDeps, ctx: RequestCtx, q: TDutyReminderListQuery) {
  const t = dutyReminders;
  const conds: SQL[] = [inGovernanceScope(ctx, 'governance:read', t.authorityId)];
  if (q.termId) conds.push(eq(t.termId, q.termId));
  if (q.sector) conds.push(eq(t.sector, q.sector));
  if (q.status) conds.push(sql`${reminderStatusSql(today(deps.clock))} = ${q.status}`);
  if (q.mine === 'true') conds.push(addressedToSql(await recipientIdentity(ctx), t.recipientUserId, t.recipientOrgId));
  return listWhere(deps, conds, q);
}

/**
 * POST /api/duty-reminders/{id}/judge: the office accepts the answer or finds it insufficient (a new
 * one due `reminderReanswerDays` working days later); conditional on the version the office read.
 */
export async function judgeReminderAnswer(deps: AppDeps, ctx: RequestCtx, id: string, input: TDutyReminderJudge) {
  const r = await officeRow(deps, ctx, id, 'governance:manage');
  if (r.version !== input.version) throw versionConflict();
  const on = today(deps.clock);
  const problem = reminderActionProblem(stateOf(r), 'judge', on);
  if (problem) throw conflict(problem);
  const [{ settings }, cal] = await Promise.all([
    governanceSettingsOf(deps.db, r.authorityId),
    calendarFor(deps.db, r.authorityId),
  ]);
  const next = judgeReminder(stateOf(r), input.judgement, on, settings, cal);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(dutyReminders)
      .set({ judgement: next.judgement, dueOn: next.dueOn, updatedAt: now, version: r.version + 1 })
      .where(and(eq(dutyReminders.id, id), eq(dutyReminders.version, input.version)))
      .returning({ id: dutyReminders.id });
    if (!res.length) throw versionConflict();
    // The answer judged is the latest one: a new answer clears the reminder's judgement, so only it is unjudged.
    const latest = (
      await tx
        .select({ id: dutyReminderAnswers.id })
        .from(dutyReminderAnswers)
        .where(and(eq(dutyReminderAnswers.reminderId, id), isNull(dutyReminderAnswers.judgement)))
        .orderBy(desc(dutyReminderAnswers.answeredAt), desc(dutyReminderAnswers.id))
        .limit(1)
    )[0];
    if (latest)
      await tx
        .update(dutyReminderAnswers)
        .set({
          judgement: input.judgement,
          judgedOn: on,
          judgedById: ctx.actor.userId,
          judgedByName: ctx.actor.displayName,
          comment: input.comment || null,
        })
        .where(eq(dutyReminderAnswers.id, latest.id));
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'dutyReminder.judge',
      objectType: 'dutyReminder',
      objectId: id,
      detail: { judgement: input.judgement, dueOn: next.dueOn },
    });
  });
  return reminderDto(deps, await loadRow(deps, id));
}

// ---------------------------------------------------------------- the recipient

/** A reminder addressed to the caller, else 404 (whether it exists is none of the caller's business). */
async function addressedRow(deps: AppDeps, ctx: RequestCtx, id: string) {
  const who = await recipientIdentity(ctx);
  const t = dutyReminders;
  const r = (
    await deps.db
      .select()
      .from(t)
      .where(and(eq(t.id, id), addressedToSql(who, t.recipientUserId, t.recipientOrgId)))
  )[0];
  if (!r) throw notFound(WHAT);
  return r;
}

/** GET /api/inbox/duty-reminders: only what is addressed to the caller. */
export async function listInboxReminders(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { status?: TReminderStatus | undefined; limit: number; cursor?: string | undefined },
) {
  const t = dutyReminders;
  const conds: SQL[] = [addressedToSql(await recipientIdentity(ctx), t.recipientUserId, t.recipientOrgId)];
  if (q.status) conds.push(sql`${reminderStatusSql(today(deps.clock))} = ${q.status}`);
  return listWhere(deps, conds, q);
}

/** GET /api/inbox/duty-reminders/{id}: the first opening is the read receipt (kept once, audited). */
export async function openInboxReminder(deps: AppDeps, ctx: RequestCtx, id: string) {
  const r = await addressedRow(deps, ctx, id);
  if (!r.readAt) {
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      // Only the first opening sets it: two tabs at once leave one receipt and one audit event.
      const res = await tx
        .update(dutyReminders)
        .set({ readAt: now })
        .where(and(eq(dutyReminders.id, id), isNull(dutyReminders.readAt)))
        .returning({ id: dutyReminders.id });
      if (res.length)
        await writeAudit(tx, now, {
          ...auditOf(ctx),
          action: 'dutyReminder.read',
          objectType: 'dutyReminder',
          objectId: id,
          detail: null,
        });
    });
    return reminderDto(deps, await loadRow(deps, id));
  }
  return reminderDto(deps, r);
}

/**
 * POST /api/duty-reminders/{id}/answer: only the recipient, only while an answer is owed (late
 * answers are taken). The files are the caller's own uploads for answers, not yet attached to
 * another reminder; once attached they belong to the reminder's authority, whose office reads them.
 */
export async function answerDutyReminder(deps: AppDeps, ctx: RequestCtx, id: string, input: TDutyReminderAnswer) {
  const r = await addressedRow(deps, ctx, id);
  const on = today(deps.clock);
  const problem = reminderActionProblem(stateOf(r), 'answer', on);
  if (problem) throw conflict(problem);
  const fileIds = input.fileIds;
  if (fileIds.length) {
    const files = await deps.db
      .select({ id: governanceFiles.id })
      .from(governanceFiles)
      .where(
        and(
          inArray(governanceFiles.id, fileIds),
          eq(governanceFiles.purpose, 'reminderAnswer'),
          eq(governanceFiles.uploadedById, ctx.actor.userId),
        ),
      );
    if (files.length !== fileIds.length) throw bad('附件不存在或不是本人上传的答复附件', { field: 'fileIds' });
    const elsewhere = await deps.db
      .select({ id: dutyReminderAnswers.id })
      .from(dutyReminderAnswers)
      .where(
        and(
          sql`${dutyReminderAnswers.reminderId} <> ${id}::uuid`,
          sql`${dutyReminderAnswers.fileIds} ?| array[${sql.join(
            fileIds.map((f) => sql`${f}`),
            sql`, `,
          )}]::text[]`,
        ),
      )
      .limit(1);
    if (elsewhere.length) throw bad('附件已用于其他履责提示的答复', { field: 'fileIds' });
  }
  const next = answerReminder(stateOf(r), on);
  const now = deps.clock.now();
  const answerId = uuidv7(now.getTime());
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(dutyReminders)
      .set({ answeredOn: next.answeredOn, judgement: null, updatedAt: now, version: r.version + 1 })
      .where(and(eq(dutyReminders.id, id), eq(dutyReminders.version, r.version)))
      .returning({ id: dutyReminders.id });
    if (!res.length) throw versionConflict();
    await tx.insert(dutyReminderAnswers).values({
      id: answerId,
      reminderId: id,
      whatWasDone: input.whatWasDone,
      fileIds,
      answeredOn: on,
      answeredById: ctx.actor.userId,
      answeredByName: ctx.actor.displayName,
      answeredAt: now,
    });
    if (fileIds.length)
      await tx.update(governanceFiles).set({ authorityId: r.authorityId }).where(inArray(governanceFiles.id, fileIds));
    // Answering is reading: a recipient who answers from a list has opened the reminder.
    if (!r.readAt)
      await tx
        .update(dutyReminders)
        .set({ readAt: now })
        .where(and(eq(dutyReminders.id, id), isNull(dutyReminders.readAt)));
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'dutyReminder.answer',
      objectType: 'dutyReminder',
      objectId: id,
      detail: { answerId, files: fileIds.length, late: on > r.dueOn },
    });
  });
  return reminderDto(deps, await loadRow(deps, id));
}

/**
 * POST /api/inbox/files: an attachment of an answer not yet sent. It is kept under the authority of
 * the recipient's organization until the answer lists it (then under the reminder's).
 */
export async function uploadAnswerFile(deps: AppDeps, ctx: RequestCtx, req: FastifyRequest) {
  const who = await recipientIdentity(ctx);
  const orgIds = ctx.actor.orgId && who.orgIds.includes(ctx.actor.orgId) ? [ctx.actor.orgId] : who.orgIds;
  const orgs = await orgsByIds(deps.db, orgIds);
  const authorityId = orgIds.map((o) => orgs.get(o)?.authorityId).find(Boolean) ?? ctx.actor.authorityId;
  if (!authorityId) throw notFound('接收单位');
  const file = await readUpload(deps, req);
  return deps.db.transaction((tx) =>
    storeGovernanceFile(deps, tx, ctx, {
      authorityId,
      purpose: 'reminderAnswer',
      name: file.name,
      mime: file.mime,
      kind: file.kind,
      data: file.data,
    }),
  );
}

// ---------------------------------------------------------------- files

/** Whether `authorityId` or an authority above it is in the caller's governance:read reach. */
async function reachesAuthorityOrParent(deps: AppDeps, ctx: RequestCtx, authorityId: string): Promise<boolean> {
  const scope = governanceScope(ctx, 'governance:read');
  let id: string | null = authorityId;
  // The tree is city → county (→ township at most): a few steps, and a loop guard for bad data.
  for (let i = 0; id && i < 10; i++) {
    if (inScope(scope, id)) return true;
    id = (await authoritiesByIds(deps.db, [id])).get(id)?.parentAuthorityId ?? null;
  }
  return false;
}

/**
 * GET /api/governance-files/{id}: the caller must reach the record the file belongs to — an answer's
 * attachment: its uploader, the office of the reminder's authority, or the reminder's recipient; a
 * dual report's document: the office of its authority or of an authority above (the city checks the
 * counties'). Archive copies are read through the archive's own route. Anything else is 404.
 */
export async function readGovernanceFile(deps: AppDeps, ctx: RequestCtx, id: string) {
  const meta = await governanceFileMeta(deps.db, id);
  if (!meta) throw notFound('附件');
  let allowed = false;
  if (meta.purpose === 'reminderAnswer') {
    const owner = (
      await deps.db.select({ by: governanceFiles.uploadedById }).from(governanceFiles).where(eq(governanceFiles.id, id))
    )[0];
    allowed = owner?.by === ctx.actor.userId;
    if (!allowed) {
      const reminders = await deps.db
        .selectDistinct({
          authorityId: dutyReminders.authorityId,
          userId: dutyReminders.recipientUserId,
          orgId: dutyReminders.recipientOrgId,
        })
        .from(dutyReminderAnswers)
        .innerJoin(dutyReminders, eq(dutyReminders.id, dutyReminderAnswers.reminderId))
        .where(sql`${dutyReminderAnswers.fileIds} ? ${id}`);
      const office = governanceScope(ctx, 'governance:read');
      const who = ctx.actor.permissions.has('recipient:answer') ? await recipientIdentity(ctx) : null;
      allowed = reminders.some((r) => inScope(office, r.authorityId) || (who !== null && isAddressedToMe(who, r)));
    }
  } else if (meta.purpose === 'dualReport') {
    allowed = await reachesAuthorityOrParent(deps, ctx, meta.authorityId);
  }
  if (!allowed) throw notFound('附件');
  return openGovernanceFile(deps, ctx, id);
}
