import { randomUUID } from 'node:crypto';
import {
  AppError,
  ErrorCode,
  SURVEY_MOVES,
  SURVEY_STATUS_LABELS,
  searchKey,
  type TPermission,
  type TPublicSurvey,
  type TQuestion,
  type TSurvey,
  type TSurveyAnswers,
  type TSurveyBatch,
  type TSurveyCreate,
  type TSurveyKind,
  type TSurveyListQuery,
  type TSurveyResults,
  type TSurveyStatus,
  type TSurveyTargetType,
  type TSurveyUpdate,
  tallySurvey,
  validateAnswers,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import { authorities, surveyAnswers, surveyBatches, surveys } from '../../db/schema/index.ts';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { cryptoProvider } from '../../platform/crypto.ts';
import { type Db, rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { KeyRing } from '../../platform/keys.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { CODE_PATTERN, newCode, type Throttle, tooMany } from '../../platform/public.ts';
import { teamIdsOfUser } from '../personnel/personnel.service.ts';
import { planningObject } from '../planning/planning.service.ts';

type SurveyRow = typeof surveys.$inferSelect;

/** Roles that see every survey of their authority; team roles see their own team's. */
const AUTHORITY_WIDE = ['officeLeader', 'officeStaff', 'leader'];

async function surveysVisible(deps: AppDeps, ctx: RequestCtx, permission: TPermission): Promise<SQL> {
  const scope = await scopeFor(deps.db, ctx.actor, permission);
  const inAuthority = scope.all
    ? sql`true`
    : scope.authorityIds.length
      ? inArray(surveys.authorityId, scope.authorityIds)
      : sql`false`;
  if (ctx.actor.grants.some((g) => AUTHORITY_WIDE.includes(g.role))) return inAuthority;
  const teamIds = await teamIdsOfUser(deps.db, ctx.actor.userId);
  if (!teamIds.length) return sql`false`;
  const list = sql.join(
    teamIds.map((t) => sql`${t}::uuid`),
    sql`, `,
  );
  return and(
    inAuthority,
    or(
      inArray(surveys.teamId, teamIds),
      sql`${surveys.inspectionId} in (select id from inspections where team_id in (${list}))`,
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

function targetIdOf(r: SurveyRow): string {
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
  const total = Number((await db.select({ n: sql<number>`count(*)::int` }).from(surveys).where(where))[0]?.n ?? 0);
  const cur = decodeCursor(q.cursor);
  const after =
    cur && cur.length === 2
      ? sql`(${surveys.createdAt}, ${surveys.id}) < (${cur[0]}::timestamptz, ${cur[1]}::uuid)`
      : undefined;
  const rows = await db
    .select()
    .from(surveys)
    .where(and(where, after))
    .orderBy(desc(surveys.createdAt), desc(surveys.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const items = (await surveyDtos(deps, page)).map(({ questions: _q, ...rest }) => rest);
  return {
    items,
    total,
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

export async function getSurvey(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TSurvey> {
  return (await surveyDtos(deps, [await loadSurvey(deps, ctx, id, 'survey:read')]))[0] as TSurvey;
}

async function resolveTarget(deps: AppDeps, ctx: RequestCtx, type: TSurveyTargetType, id: string) {
  const t = await planningObject(deps.db, type, id);
  const scope = await scopeFor(deps.db, ctx.actor, 'survey:manage');
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
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'survey.create',
      objectType: 'survey',
      objectId: id,
      detail: { kind: input.kind, targetType: input.targetType, targetId: input.targetId },
    });
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
    await writeAudit(tx, now, { ...auditOf(ctx), action: 'survey.update', objectType: 'survey', objectId: id });
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
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: input.to === 'open' ? 'survey.open' : 'survey.close',
      objectType: 'survey',
      objectId: id,
    });
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
    await writeAudit(tx, now, { ...auditOf(ctx), action: 'survey.delete', objectType: 'survey', objectId: id });
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
    .select({ key: sql<string>`split_part(${surveyAnswers.tokenKey}, ':', 1)`, n: sql<number>`count(*)::int` })
    .from(surveyAnswers)
    .where(
      and(
        inArray(
          surveyAnswers.surveyId,
          rows.map((r) => r.surveyId),
        ),
        sql`${surveyAnswers.tokenKey} is not null`,
      ),
    )
    .groupBy(sql`split_part(${surveyAnswers.tokenKey}, ':', 1)`);
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
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'survey.batch',
      objectType: 'survey',
      objectId: surveyId,
      detail: { batchId: id, count: input.count },
    });
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

export async function surveyResults(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TSurveyResults> {
  const s = await loadSurvey(deps, ctx, id, 'survey:read');
  const sheets = await deps.db
    .select({ verified: surveyAnswers.verified, answers: surveyAnswers.answers })
    .from(surveyAnswers)
    .where(eq(surveyAnswers.surveyId, id));
  return tallySurvey({ id: s.id, title: s.title, questions: s.questions, keyQuestionId: s.keyQuestionId }, sheets);
}

/** Anonymous answer sheets for export: what was answered, verified or not, and the day. */
export async function answerRows(deps: AppDeps, ctx: RequestCtx, id: string) {
  const s = await loadSurvey(deps, ctx, id, 'survey:export');
  const rows = await deps.db
    .select({ verified: surveyAnswers.verified, on: surveyAnswers.answeredOn, answers: surveyAnswers.answers })
    .from(surveyAnswers)
    .where(eq(surveyAnswers.surveyId, id))
    .orderBy(asc(surveyAnswers.answeredOn), asc(surveyAnswers.id));
  return { survey: s, rows };
}

export function answerText(q: TQuestion, v: unknown): string {
  if (v === undefined || v === null) return '';
  if (q.type === 'single' && typeof v === 'number') return q.options[v]?.label ?? '';
  if (q.type === 'multiple' && Array.isArray(v)) return v.map((i) => q.options[i]?.label ?? '').join('；');
  if (q.type === 'scale') return `${v}分`;
  return String(v);
}

// ---------------------------------------------------------------- public side

/** The open surveys the landing page of an inspection's code offers. */
export async function openSurveysFor(db: Db, i: { id: string; roundId: string; teamId: string | null }) {
  const rows = await db
    .select({ title: surveys.title, kind: surveys.kind, code: surveys.openCode })
    .from(surveys)
    .where(
      and(
        eq(surveys.status, 'open'),
        or(
          eq(surveys.inspectionId, i.id),
          eq(surveys.roundId, i.roundId),
          i.teamId ? eq(surveys.teamId, i.teamId) : sql`false`,
        ),
      ),
    )
    .orderBy(asc(surveys.createdAt));
  return rows;
}

/**
 * What answering needs of a survey, cached briefly per process: a burst of answers must not read
 * the questionnaire thousands of times. The insert itself re-checks status and version in SQL, so
 * a survey closed on another instance stops accepting at once.
 */
interface CachedSurvey {
  id: string;
  status: string;
  version: number;
  questions: TQuestion[];
  openCap: number;
  until: number;
}
const CACHE_MS = 5_000;
const surveyCache = new Map<string, CachedSurvey>();
const codeToId = new Map<string, string>();
const batchToSurvey = new Map<string, { surveyId: string; count: number }>();

function forget(id: string): void {
  surveyCache.delete(id);
}

async function cachedSurvey(db: Db, id: string, now: number): Promise<CachedSurvey | null> {
  const c = surveyCache.get(id);
  if (c && c.until > now) return c;
  const r = (await db.select().from(surveys).where(eq(surveys.id, id)))[0];
  if (!r) return null;
  const fresh = {
    id: r.id,
    status: r.status,
    version: r.version,
    questions: r.questions,
    openCap: r.openCap,
    until: now + CACHE_MS,
  };
  if (surveyCache.size > 5_000) surveyCache.clear();
  surveyCache.set(id, fresh);
  return fresh;
}

type Entry = { survey: CachedSurvey; tokenKey: string | null };

async function resolveEntry(deps: AppDeps, x: string, now: number): Promise<Entry> {
  const { db, keys } = deps;
  if (CODE_PATTERN.test(x)) {
    let id = codeToId.get(x);
    if (!id) {
      id = (await db.select({ id: surveys.id }).from(surveys).where(eq(surveys.openCode, x)))[0]?.id;
      if (!id) throw notFound('问卷');
      if (codeToId.size > 5_000) codeToId.clear();
      codeToId.set(x, id);
    }
    const s = await cachedSurvey(db, id, now);
    if (!s) throw notFound('问卷');
    return { survey: s, tokenKey: null };
  }
  const t = readToken(keys, x);
  if (!t) throw notFound('问卷');
  let b = batchToSurvey.get(t.batchId);
  if (!b) {
    const row = (await db.select().from(surveyBatches).where(eq(surveyBatches.id, t.batchId)))[0];
    if (!row) throw notFound('问卷');
    b = { surveyId: row.surveyId, count: row.count };
    if (batchToSurvey.size > 5_000) batchToSurvey.clear();
    batchToSurvey.set(t.batchId, b);
  }
  if (t.index >= b.count) throw notFound('问卷');
  const s = await cachedSurvey(db, b.surveyId, now);
  if (!s) throw notFound('问卷');
  return { survey: s, tokenKey: `${t.batchId}:${t.index}` };
}

export async function publicSurvey(deps: AppDeps, x: string): Promise<TPublicSurvey> {
  const { db, clock } = deps;
  const e = await resolveEntry(deps, x, clock.now().getTime());
  const r = (await db.select().from(surveys).where(eq(surveys.id, e.survey.id)))[0] as SurveyRow;
  if (r.status === 'draft') throw notFound('问卷');
  const target = await planningObject(db, r.targetType as TSurveyTargetType, targetIdOf(r));
  const authority = (
    await db.select({ name: authorities.name }).from(authorities).where(eq(authorities.id, r.authorityId))
  )[0];
  let open = r.status === 'open';
  let spent = false;
  if (e.tokenKey) {
    const used = await db
      .select({ id: surveyAnswers.id })
      .from(surveyAnswers)
      .where(eq(surveyAnswers.tokenKey, e.tokenKey));
    spent = used.length > 0;
    if (spent) open = false;
  }
  return {
    title: r.title,
    intro: r.intro,
    kind: r.kind as TSurveyKind,
    authorityName: authority?.name ?? '',
    targetName: target?.name ?? '',
    verified: !!e.tokenKey,
    open,
    spent,
    questions: r.questions.map((q) => ({
      id: q.id,
      type: q.type,
      title: q.title,
      required: q.required,
      options: q.options.map((o) => o.label),
      scaleMax: q.scaleMax ?? null,
    })),
  };
}

/**
 * Answers arriving together are written together: on PostgreSQL, the answers that reach this
 * process within one turn of the event loop go into one multi-row INSERT (one round trip, one
 * commit), and each request learns from RETURNING whether its own row went in. Every answer is
 * still durable before its 201. The unique token_key decides between two uses of one token,
 * within a batch or across batches and instances. PGlite (one user on a laptop) writes one by one.
 */
const INSERT_ANSWERS = `
  insert into survey_answers (id, survey_id, token_key, verified, answered_on, answers)
  select v.id, v.survey_id, v.token_key, v.verified, v.answered_on, v.answers
  from unnest($1::uuid[], $2::uuid[], $3::text[], $4::bool[], $5::date[], $6::jsonb[], $7::int[])
    as v(id, survey_id, token_key, verified, answered_on, answers, version)
  join surveys s on s.id = v.survey_id and s.status = 'open' and s.version = v.version
  on conflict (token_key) do nothing
  returning id`;

interface AnswerRow {
  id: string;
  surveyId: string;
  tokenKey: string | null;
  verified: boolean;
  day: string;
  answers: string;
  version: number;
}

const MAX_BATCH = 500;

class AnswerBatcher {
  private queue: { row: AnswerRow; done: (ok: boolean) => void; fail: (e: unknown) => void }[] = [];
  private scheduled = false;
  constructor(private readonly pool: pg.Pool) {}

  add(row: AnswerRow): Promise<boolean> {
    return new Promise((done, fail) => {
      this.queue.push({ row, done, fail });
      if (this.queue.length >= MAX_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const items = this.queue.splice(0, MAX_BATCH);
    if (!items.length) return;
    if (this.queue.length && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const col = <K extends keyof AnswerRow>(k: K) => items.map((i) => i.row[k]);
    this.pool
      .query({
        name: 'xc_survey_answers',
        text: INSERT_ANSWERS,
        values: [
          col('id'),
          col('surveyId'),
          col('tokenKey'),
          col('verified'),
          col('day'),
          col('answers'),
          col('version'),
        ],
      })
      .then((res) => {
        const written = new Set(res.rows.map((r: { id: string }) => r.id));
        for (const i of items) i.done(written.has(i.row.id));
      })
      .catch((e) => {
        for (const i of items) i.fail(e);
      });
  }
}

const batchers = new WeakMap<pg.Pool, AnswerBatcher>();

/** True when the answer was written. */
async function insertAnswer(deps: AppDeps, row: AnswerRow): Promise<boolean> {
  const pool = deps.database.pool;
  if (pool) {
    let b = batchers.get(pool);
    if (!b) {
      b = new AnswerBatcher(pool);
      batchers.set(pool, b);
    }
    return b.add(row);
  }
  const res = await deps.db.execute(sql`
    insert into survey_answers (id, survey_id, token_key, verified, answered_on, answers)
    select ${row.id}::uuid, s.id, ${row.tokenKey}, ${row.verified}, ${row.day}::date, ${row.answers}::jsonb
    from surveys s where s.id = ${row.surveyId}::uuid and s.status = 'open' and s.version = ${row.version}
    on conflict (token_key) do nothing
    returning id`);
  return rowsOf(res).length > 0;
}

/**
 * Open-code answers from one network address (a unit's Wi-Fi, a carrier's NAT) per survey. The
 * survey's own cap (`openCap`) applies per phone: the keyed IP hash plus the random id the public
 * page keeps on the phone. Neither is ever stored; both counters live in this process only.
 */
export const OPEN_NETWORK_CAP = 50;

export interface PublicClient {
  /** Keyed hash of the IP (platform/public.ts clientKey). */
  ip: string;
  /** The phone's random id from the public page, when it sent one. */
  device: string | null;
}

/**
 * One answer sheet. A single-use token is accepted once (the unique token_key; a second use, even
 * at the same instant, answers 409); an open code's answers are unverified and capped per client.
 * One INSERT … SELECT that also checks the survey is open at that version.
 */
export async function submitAnswer(
  deps: AppDeps,
  openAnswers: Throttle,
  client: PublicClient,
  x: string,
  answers: TSurveyAnswers,
): Promise<{ accepted: true; verified: boolean }> {
  const { db, clock } = deps;
  const now = clock.now().getTime();
  const e = await resolveEntry(deps, x, now);
  const s = e.survey;
  if (s.status !== 'open') throw new AppError(ErrorCode.Conflict, '问卷未在收集中，感谢您的关注');
  const checked = validateAnswers(s.questions, answers);
  if (!checked.ok)
    throw new AppError(ErrorCode.BadRequest, checked.errors[0] as string, {
      issues: checked.errors.map((m) => ({ path: 'answers', message: m })),
    });
  const phoneKey = `${client.ip}:${client.device ?? '-'}:${s.id}`;
  const networkKey = `${client.ip}:${s.id}`;
  if (!e.tokenKey) {
    if (openAnswers.count(phoneKey, now) >= s.openCap) throw tooMany('这部手机已经参与过本问卷，感谢您的参与');
    if (openAnswers.count(networkKey, now) >= OPEN_NETWORK_CAP)
      throw tooMany('同一网络提交的答卷已达上限，请稍后再试或使用一次性答卷链接');
  }
  const day = shanghaiDate(clock.now());
  const inserted = await insertAnswer(deps, {
    id: randomUUID(),
    surveyId: s.id,
    tokenKey: e.tokenKey,
    verified: !!e.tokenKey,
    day,
    answers: JSON.stringify(checked.answers),
    version: s.version,
  });
  if (inserted) {
    if (!e.tokenKey) {
      openAnswers.hit(phoneKey, now);
      openAnswers.hit(networkKey, now);
    }
    return { accepted: true, verified: !!e.tokenKey };
  }
  // Nothing inserted: the token was spent, or the survey changed since it was cached.
  forget(s.id);
  if (e.tokenKey) {
    const used = await db
      .select({ id: surveyAnswers.id })
      .from(surveyAnswers)
      .where(eq(surveyAnswers.tokenKey, e.tokenKey));
    if (used.length) throw new AppError(ErrorCode.Conflict, '该链接已经提交过答卷，每个链接只能使用一次');
  }
  const fresh = await cachedSurvey(db, s.id, now);
  if (fresh?.status !== 'open' || fresh.version === s.version)
    throw new AppError(ErrorCode.Conflict, '问卷未在收集中，感谢您的关注');
  return submitAnswer(deps, openAnswers, client, x, answers);
}
