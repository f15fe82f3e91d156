import {
  AppError,
  ErrorCode,
  SURVEY_MOVES,
  SURVEY_STATUS_LABELS,
  searchKey,
  type TPermission,
  type TQuestion,
  type TSurvey,
  type TSurveyBatch,
  type TSurveyCreate,
  type TSurveyKind,
  type TSurveyListQuery,
  type TSurveyResults,
  type TSurveyStatus,
  type TSurveyTargetType,
  type TSurveyUpdate,
  tallySurvey,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { surveyAnswers, surveyBatches, surveySpentTokens, surveys } from '../../db/schema/surveys.ts';
import { authorityInScope, inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { cryptoProvider } from '../../platform/crypto.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { KeyRing } from '../../platform/keys.ts';
import { paginate } from '../../platform/pagination.ts';
import { newCode } from '../../platform/public.ts';
import { teamAccess, teamBriefs } from '../personnel/index.ts';
import { inspectionsOfTeamsSql, planningObject } from '../planning/index.ts';
import { forget } from './surveys.public.ts';
import { openAnswers } from './surveys.sealed.ts';

export type SurveyRow = typeof surveys.$inferSelect;

/**
 * Which surveys a caller may see: those of the authorities the permission reaches; for a team's
 * people only those about their own team or their team's inspections (personnel's teamAccess).
 */
async function surveysVisible(deps: AppDeps, ctx: RequestCtx, permission: TPermission): Promise<SQL> {
  const inAuthority = authorityInScope(scopeFor(ctx.actor, permission), surveys.authorityId);
  const access = await teamAccess(deps, ctx);
  if (access.allTeams) return inAuthority;
  if (!access.ownTeamIds.length) return sql`false`;
  return and(
    inAuthority,
    or(
      inArray(surveys.teamId, access.ownTeamIds),
      sql`${surveys.inspectionId} in (${inspectionsOfTeamsSql(access.ownTeamIds)})`,
    ),
  ) as SQL;
}

async function loadSurvey(deps: AppDeps, ctx: RequestCtx, id: string, permission: TPermission): Promise<SurveyRow> {
  const r = (
    await deps.db
      .select()
      .from(surveys)
      .where(and(eq(surveys.id, id), await surveysVisible(deps, ctx, permission)))
  )[0];
  if (!r) throw notFound('问卷');
  return r;
}

export function surveyUrl(deps: AppDeps, codeOrToken: string): string {
  return `${deps.config.publicUrl}/p/s/${codeOrToken}`;
}

async function surveyDtos(deps: AppDeps, rows: SurveyRow[]): Promise<TSurvey[]> {
  if (!rows.length) return [];
  const { db } = deps;
  const ids = rows.map((r) => r.id);
  const counts = await db
    .select({ id: surveyAnswers.surveyId, verified: surveyAnswers.verified, n: sql<number>`count(*)::int` })
    .from(surveyAnswers)
    .where(inArray(surveyAnswers.surveyId, ids))
    .groupBy(surveyAnswers.surveyId, surveyAnswers.verified);
  const issued = await db
    .select({ id: surveyBatches.surveyId, n: sql<number>`sum(${surveyBatches.count})::int` })
    .from(surveyBatches)
    .where(inArray(surveyBatches.surveyId, ids))
    .groupBy(surveyBatches.surveyId);
  const out: TSurvey[] = [];
  for (const r of rows) {
    const type = r.targetType as TSurveyTargetType;
    const target = await planningObject(db, type, targetIdOf(r));
    out.push({
      id: r.id,
      authorityId: r.authorityId,
      kind: r.kind as TSurveyKind,
      title: r.title,
      intro: r.intro,
      status: r.status as TSurveyStatus,
      targetType: type,
      targetId: targetIdOf(r),
      targetName: target?.name ?? '',
      questions: r.questions,
      keyQuestionId: r.keyQuestionId,
      openCode: r.openCode,
      openUrl: surveyUrl(deps, r.openCode),
      openCap: r.openCap,
      tokensIssued: Number(issued.find((i) => i.id === r.id)?.n ?? 0),
      answers: {
        verified: Number(counts.find((c) => c.id === r.id && c.verified)?.n ?? 0),
        unverified: Number(counts.find((c) => c.id === r.id && !c.verified)?.n ?? 0),
      },
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    });
  }
  return out;
}

export function targetIdOf(r: SurveyRow): string {
  return (r.targetType === 'inspection' ? r.inspectionId : r.targetType === 'round' ? r.roundId : r.teamId) as string;
}

export async function listSurveys(deps: AppDeps, ctx: RequestCtx, q: TSurveyListQuery) {
  const { db } = deps;
  const conds: (SQL | undefined)[] = [await surveysVisible(deps, ctx, 'survey:read')];
  if (q.status) conds.push(eq(surveys.status, q.status));
  if (q.kind) conds.push(eq(surveys.kind, q.kind));
  if (q.inspectionId) conds.push(eq(surveys.inspectionId, q.inspectionId));
  if (q.roundId) conds.push(eq(surveys.roundId, q.roundId));
  if (q.teamId) conds.push(eq(surveys.teamId, q.teamId));
  if (q.q) conds.push(sql`lower(${surveys.title}) like ${`%${searchKey(q.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const where = and(...conds);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['timestamp', 'uuid'],
    after: ([at, id]) => sql`(${surveys.createdAt}, ${surveys.id}) < (${at}::timestamptz, ${id}::uuid)`,
    count: () => countWhere(db, surveys, where),
    fetch: (from, n) =>
      db.select().from(surveys).where(and(where, from)).orderBy(desc(surveys.createdAt), desc(surveys.id)).limit(n),
    key: (r) => [r.createdAt.toISOString(), r.id],
  });
  const items = (await surveyDtos(deps, page.rows)).map(({ questions: _q, ...rest }) => rest);
  return { items, total: page.total, nextCursor: page.nextCursor };
}

export async function getSurvey(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TSurvey> {
  return (await surveyDtos(deps, [await loadSurvey(deps, ctx, id, 'survey:read')]))[0] as TSurvey;
}

async function resolveTarget(deps: AppDeps, ctx: RequestCtx, type: TSurveyTargetType, id: string) {
  const t = await planningObject(deps.db, type, id);
  const scope = scopeFor(ctx.actor, 'survey:manage');
  const names = { inspection: '巡察任务', round: '巡察轮次', team: '巡察组' };
  if (!t || !inScope(scope, t.authorityId)) throw notFound(names[type]);
  return t;
}

export async function createSurvey(deps: AppDeps, ctx: RequestCtx, input: TSurveyCreate): Promise<TSurvey> {
  const { db, clock } = deps;
  const target = await resolveTarget(deps, ctx, input.targetType, input.targetId);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    for (let attempt = 0; ; attempt++) {
      const r = await tx
        .insert(surveys)
        .values({
          id,
          authorityId: target.authorityId,
          kind: input.kind,
          title: input.title,
          intro: input.intro || null,
          status: 'draft',
          targetType: input.targetType,
          inspectionId: input.targetType === 'inspection' ? input.targetId : null,
          roundId: input.targetType === 'round' ? input.targetId : null,
          teamId: input.targetType === 'team' ? input.targetId : null,
          questions: input.questions,
          keyQuestionId: input.keyQuestionId ?? null,
          openCode: newCode(),
          openCap: input.openCap,
          createdAt: now,
          createdByName: ctx.actor.displayName,
        })
        .onConflictDoNothing()
        .returning({ id: surveys.id });
      if (r.length) break;
      if (attempt > 5) throw new Error('could not allocate a survey code');
    }
    await auditAction(
      tx,
      now,
      ctx,
      'survey.create',
      { type: 'survey', id },
      { kind: input.kind, targetType: input.targetType, targetId: input.targetId },
    );
  });
  return getSurvey(deps, ctx, id);
}

export async function updateSurvey(deps: AppDeps, ctx: RequestCtx, id: string, input: TSurveyUpdate): Promise<TSurvey> {
  const { db, clock } = deps;
  const r = await loadSurvey(deps, ctx, id, 'survey:manage');
  if (r.status !== 'draft') throw new AppError(ErrorCode.Conflict, '问卷已发布，题目不能再修改');
  const questions = input.questions ?? r.questions;
  const keyQuestionId = input.keyQuestionId !== undefined ? input.keyQuestionId : r.keyQuestionId;
  if (keyQuestionId && !questions.some((q) => q.id === keyQuestionId))
    throw new AppError(ErrorCode.BadRequest, '满意度题目不在问卷中');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const done = await tx
      .update(surveys)
      .set({
        title: input.title ?? r.title,
        intro: input.intro !== undefined ? input.intro || null : r.intro,
        questions,
        keyQuestionId,
        openCap: input.openCap ?? r.openCap,
        version: r.version + 1,
      })
      .where(and(eq(surveys.id, id), eq(surveys.version, input.version), eq(surveys.status, 'draft')))
      .returning({ id: surveys.id });
    if (!done.length) throw new AppError(ErrorCode.VersionConflict, '问卷已被他人修改，请刷新后重试');
    await auditAction(tx, now, ctx, 'survey.update', { type: 'survey', id });
  });
  forget(id);
  return getSurvey(deps, ctx, id);
}

export async function moveSurvey(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; to: 'open' | 'closed' },
): Promise<TSurvey> {
  const { db, clock } = deps;
  const r = await loadSurvey(deps, ctx, id, 'survey:manage');
  const from = r.status as TSurveyStatus;
  if (!SURVEY_MOVES[from].includes(input.to))
    throw new AppError(
      ErrorCode.Conflict,
      `问卷当前为“${SURVEY_STATUS_LABELS[from]}”，不能改为“${SURVEY_STATUS_LABELS[input.to]}”`,
    );
  const now = clock.now();
  await db.transaction(async (tx) => {
    const done = await tx
      .update(surveys)
      .set({ status: input.to, version: r.version + 1 })
      .where(and(eq(surveys.id, id), eq(surveys.version, input.version), eq(surveys.status, from)))
      .returning({ id: surveys.id });
    if (!done.length) throw new AppError(ErrorCode.VersionConflict, '问卷已被他人修改，请刷新后重试');
    await auditAction(tx, now, ctx, input.to === 'open' ? 'survey.open' : 'survey.close', { type: 'survey', id });
  });
  forget(id);
  return getSurvey(deps, ctx, id);
}

export async function deleteSurvey(deps: AppDeps, ctx: RequestCtx, id: string, version: number): Promise<void> {
  const { db, clock } = deps;
  const r = await loadSurvey(deps, ctx, id, 'survey:manage');
  if (r.status !== 'draft') throw new AppError(ErrorCode.Conflict, '只能删除草稿状态的问卷');
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.delete(surveyBatches).where(eq(surveyBatches.surveyId, id));
    const done = await tx
      .delete(surveys)
      .where(and(eq(surveys.id, id), eq(surveys.version, version), eq(surveys.status, 'draft')))
      .returning({ id: surveys.id });
    if (!done.length) throw new AppError(ErrorCode.VersionConflict, '问卷已被他人修改，请刷新后重试');
    await auditAction(tx, now, ctx, 'survey.delete', { type: 'survey', id });
  });
  forget(id);
}

// ---------------------------------------------------------------- single-use links

/**
 * A single-use link's token: batch id (16 bytes) ‖ index (4 bytes) ‖ HMAC-SM3 over both (12
 * bytes), base64url — 43 characters. Nothing per token is stored until it is used; the unique
 * `token_key` of the answer makes the second use fail under any concurrency.
 */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function signToken(keys: KeyRing, batchId: string, index: number): string {
  const head = Buffer.alloc(20);
  Buffer.from(batchId.replaceAll('-', ''), 'hex').copy(head, 0);
  head.writeUInt32BE(index, 16);
  const mac = cryptoProvider
    .hmacSm3(keys.tokenKey, Buffer.concat([Buffer.from('xc-survey-token'), head]))
    .subarray(0, 12);
  return Buffer.concat([head, mac]).toString('base64url');
}

export function readToken(keys: KeyRing, token: string): { batchId: string; index: number } | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const b = Buffer.from(token, 'base64url');
  if (b.length !== 32) return null;
  const head = b.subarray(0, 20);
  const mac = cryptoProvider
    .hmacSm3(keys.tokenKey, Buffer.concat([Buffer.from('xc-survey-token'), head]))
    .subarray(0, 12);
  if (!cryptoProvider.equal(mac.toString('hex'), b.subarray(20).toString('hex'))) return null;
  const hex = head.subarray(0, 16).toString('hex');
  const batchId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { batchId, index: head.readUInt32BE(16) };
}

async function batchDtos(db: Db, rows: (typeof surveyBatches.$inferSelect)[]): Promise<TSurveyBatch[]> {
  if (!rows.length) return [];
  const used = await db
    .select({ key: surveySpentTokens.batchId, n: sql<number>`count(*)::int` })
    .from(surveySpentTokens)
    .where(
      inArray(
        surveySpentTokens.batchId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(surveySpentTokens.batchId);
  return rows.map((r) => ({
    id: r.id,
    surveyId: r.surveyId,
    count: r.count,
    used: Number(used.find((u) => u.key === r.id)?.n ?? 0),
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    createdByName: r.createdByName,
  }));
}

export async function listBatches(deps: AppDeps, ctx: RequestCtx, surveyId: string) {
  await loadSurvey(deps, ctx, surveyId, 'survey:read');
  const rows = await deps.db
    .select()
    .from(surveyBatches)
    .where(eq(surveyBatches.surveyId, surveyId))
    .orderBy(asc(surveyBatches.createdAt));
  return { items: await batchDtos(deps.db, rows) };
}

export async function createBatch(
  deps: AppDeps,
  ctx: RequestCtx,
  surveyId: string,
  input: { count: number; note?: string },
): Promise<TSurveyBatch> {
  const { db, clock } = deps;
  const s = await loadSurvey(deps, ctx, surveyId, 'survey:manage');
  if (s.status === 'closed') throw new AppError(ErrorCode.Conflict, '问卷已结束，不能再生成链接');
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(surveyBatches).values({
      id,
      surveyId,
      count: input.count,
      note: input.note || null,
      createdAt: now,
      createdByName: ctx.actor.displayName,
    });
    await auditAction(
      tx,
      now,
      ctx,
      'survey.batch',
      { type: 'survey', id: surveyId },
      { batchId: id, count: input.count },
    );
  });
  const row = (await db.select().from(surveyBatches).where(eq(surveyBatches.id, id)))[0];
  return (await batchDtos(db, row ? [row] : []))[0] as TSurveyBatch;
}

export async function loadBatch(deps: AppDeps, ctx: RequestCtx, batchId: string) {
  const b = (await deps.db.select().from(surveyBatches).where(eq(surveyBatches.id, batchId)))[0];
  if (!b) throw notFound('链接批次');
  const s = await loadSurvey(deps, ctx, b.surveyId, 'survey:manage');
  return { batch: b, survey: s };
}

// ---------------------------------------------------------------- results

/**
 * A survey whose answers the caller may read. A team's conduct evaluation (作风纪律评估) is read by
 * the office and leaders only: the team it rates never sees how it was rated — not its members,
 * nor office staff who sit on it (issue 10, item 7). Otherwise the survey's visibility rule holds.
 */
async function loadResults(deps: AppDeps, ctx: RequestCtx, id: string, permission: TPermission) {
  const s = await loadSurvey(deps, ctx, id, permission);
  if (s.kind !== 'teamConduct') return s;
  const access = await teamAccess(deps, ctx);
  if (!access.allTeams || (await ratesOneOf(deps, s, access.ownTeamIds))) throw notFound('问卷结果');
  return s;
}

/** Whether a conduct survey rates one of `teamIds`: its team, its inspection's team, or a team of its round. */
async function ratesOneOf(deps: AppDeps, s: SurveyRow, teamIds: string[]): Promise<boolean> {
  if (!teamIds.length) return false;
  if (s.teamId && teamIds.includes(s.teamId)) return true;
  if (s.inspectionId) {
    const target = await planningObject(deps.db, 'inspection', s.inspectionId);
    if (target?.teamId && teamIds.includes(target.teamId)) return true;
  }
  if (s.roundId) {
    const mine = await teamBriefs(deps.db, teamIds);
    if ([...mine.values()].some((t) => t.roundId === s.roundId)) return true;
  }
  return false;
}

/** Every sheet of a survey with its free text opened, in the export's order. */
async function sheetsOf(deps: AppDeps, surveyId: string) {
  const rows = await deps.db
    .select({
      id: surveyAnswers.id,
      verified: surveyAnswers.verified,
      on: surveyAnswers.answeredOn,
      answers: surveyAnswers.answers,
      textsEnc: surveyAnswers.textsEnc,
    })
    .from(surveyAnswers)
    .where(eq(surveyAnswers.surveyId, surveyId))
    .orderBy(asc(surveyAnswers.answeredOn), asc(surveyAnswers.id));
  return rows.map((r) => ({ verified: r.verified, on: r.on, answers: openAnswers(deps.cipher, r) }));
}

export async function surveyResults(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TSurveyResults> {
  const s = await loadResults(deps, ctx, id, 'survey:read');
  const sheets = await sheetsOf(deps, id);
  return tallySurvey({ id: s.id, title: s.title, questions: s.questions, keyQuestionId: s.keyQuestionId }, sheets);
}

/** Anonymous answer sheets for export: what was answered, verified or not, and the day. */
export async function answerRows(deps: AppDeps, ctx: RequestCtx, id: string) {
  const s = await loadResults(deps, ctx, id, 'survey:export');
  return { survey: s, rows: await sheetsOf(deps, id) };
}

export function answerText(q: TQuestion, v: unknown): string {
  if (v === undefined || v === null) return '';
  if (q.type === 'single' && typeof v === 'number') return q.options[v]?.label ?? '';
  if (q.type === 'multiple' && Array.isArray(v)) return v.map((i) => q.options[i]?.label ?? '').join('；');
  if (q.type === 'scale') return `${v}分`;
  return String(v);
}

/**
 * For other modules (the fieldwork summary's 问卷 份): answer sheets of the surveys about some
 * inspections, given as ids or as a subquery of ids — every sheet, verified or not (the survey
 * module shows the split). No scope check: callers count within what they may see.
 */
export async function countSurveyAnswers(db: Db, inspectionIds: SQL | readonly string[]): Promise<number> {
  const about = Array.isArray(inspectionIds)
    ? inspectionIds.length
      ? inArray(surveys.inspectionId, [...inspectionIds])
      : sql`false`
    : sql`${surveys.inspectionId} in (${inspectionIds as SQL})`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyAnswers)
    .innerJoin(surveys, eq(surveys.id, surveyAnswers.surveyId))
    .where(about);
  return Number(row?.n ?? 0);
}
