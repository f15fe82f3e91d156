import {
  AppError,
  ErrorCode,
  ROUND_KIND_LABELS,
  roundName,
  type TPermission,
  type TRound,
  type TRoundCreate,
  type TRoundUpdate,
} from '@xc/domain';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { inspections, rounds, terms } from '../../db/schema/planning.ts';
import { authorityInScope, inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { loadTerm } from './planning.terms.ts';

// 轮: the numbered rounds of a term, each with its 领导小组 approval.

export type RoundRow = typeof rounds.$inferSelect;

async function roundDto(db: Db, r: RoundRow): Promise<TRound> {
  const n = await db.select({ n: sql<number>`count(*)::int` }).from(inspections).where(eq(inspections.roundId, r.id));
  return {
    id: r.id,
    termId: r.termId,
    authorityId: r.authorityId,
    number: r.number,
    name: r.name,
    kind: r.kind as TRound['kind'],
    theme: r.theme,
    focus: r.focus,
    plannedStart: r.plannedStart ?? '',
    plannedEnd: r.plannedEnd ?? '',
    approvedAt: r.approvedOn,
    approvalNote: r.approvalNote,
    inspectionCount: Number(n[0]?.n ?? 0),
    version: r.version,
  };
}

export async function listRounds(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { termId?: string; limit: number; cursor?: string },
) {
  const { db } = deps;
  const conds: SQL[] = [authorityInScope(scopeFor(ctx.actor, 'plan:read'), rounds.authorityId)];
  if (q.termId) conds.push(eq(rounds.termId, q.termId));
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['uuid', 'int'],
    after: ([termId, n]) => sql`(${rounds.termId}, ${rounds.number}) > (${termId}::uuid, ${Number(n)})`,
    count: () => countWhere(db, rounds, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(rounds)
        .where(and(...conds, from))
        .orderBy(asc(rounds.termId), asc(rounds.number))
        .limit(n),
    key: (r) => [r.termId, r.number],
  });
  const items = [];
  for (const r of page.rows) items.push(await roundDto(db, r));
  return { items, total: page.total, nextCursor: page.nextCursor };
}

export async function loadRound(deps: AppDeps, ctx: RequestCtx, id: string, permission: TPermission = 'plan:read') {
  const scope = scopeFor(ctx.actor, permission);
  const r = (await deps.db.select().from(rounds).where(eq(rounds.id, id)))[0];
  if (!r || !inScope(scope, r.authorityId)) throw notFound('轮次');
  return r;
}

export async function getRound(deps: AppDeps, ctx: RequestCtx, id: string) {
  return roundDto(deps.db, await loadRound(deps, ctx, id));
}

export async function createRound(deps: AppDeps, ctx: RequestCtx, input: TRoundCreate): Promise<TRound> {
  const { db, clock } = deps;
  const t = await loadTerm(deps, ctx, input.termId, 'plan:write');
  if (input.plannedStart < t.startDate || input.plannedStart > t.endDate)
    throw new AppError(ErrorCode.BadRequest, `计划开始日期须在届期内（${t.startDate} 至 ${t.endDate}）`);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    const max = await tx
      .select({ n: sql<number>`coalesce(max(${rounds.number}), 0)::int` })
      .from(rounds)
      .where(eq(rounds.termId, t.id));
    const number = input.number ?? Number(max[0]?.n ?? 0) + 1;
    const dup = await tx
      .select({ id: rounds.id })
      .from(rounds)
      .where(and(eq(rounds.termId, t.id), eq(rounds.number, number)));
    if (dup.length) throw new AppError(ErrorCode.Conflict, `本届已有${roundName(number)}`);
    await tx.insert(rounds).values({
      id,
      termId: t.id,
      authorityId: t.authorityId,
      number,
      name: input.name ?? roundName(number),
      kind: input.kind,
      theme: input.theme || ROUND_KIND_LABELS[input.kind],
      focus: input.focus,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd,
      createdAt: now,
    });
    await auditAction(tx, now, ctx, 'round.create', { type: 'round', id }, { termId: t.id, number });
  });
  return getRound(deps, ctx, id);
}

export async function updateRound(deps: AppDeps, ctx: RequestCtx, id: string, input: TRoundUpdate): Promise<TRound> {
  const { db, clock } = deps;
  const r = await loadRound(deps, ctx, id, 'plan:write');
  const start = input.plannedStart ?? r.plannedStart;
  const end = input.plannedEnd ?? r.plannedEnd;
  if (start && end && end < start) throw new AppError(ErrorCode.BadRequest, '计划结束日期不能早于开始日期');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const { version, ...changes } = input;
    if (changes.number !== undefined && changes.number !== r.number) {
      const dup = await tx
        .select({ id: rounds.id })
        .from(rounds)
        .where(and(eq(rounds.termId, r.termId), eq(rounds.number, changes.number)));
      if (dup.length) throw new AppError(ErrorCode.Conflict, `本届已有${roundName(changes.number)}`);
    }
    const res = await tx
      .update(rounds)
      .set({ ...changes, version: r.version + 1 })
      .where(and(eq(rounds.id, id), eq(rounds.version, version)))
      .returning({ id: rounds.id });
    if (!res.length)
      throw new AppError(ErrorCode.VersionConflict, '该轮次已被他人修改，请刷新后重试', {
        current: await roundDto(tx, r),
      });
    await auditAction(tx, now, ctx, 'round.update', { type: 'round', id }, { fields: Object.keys(changes) });
  });
  return getRound(deps, ctx, id);
}

/** 领导小组 approval of the round plan, recorded with its date; inspections may then be prepared. */
export async function approveRound(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; approvedOn: string; note?: string },
) {
  const { db, clock } = deps;
  const r = await loadRound(deps, ctx, id, 'plan:approve');
  const now = clock.now();
  if (input.approvedOn > shanghaiDate(now)) throw new AppError(ErrorCode.BadRequest, '批准日期不能晚于今天');
  await db.transaction(async (tx) => {
    const res = await tx
      .update(rounds)
      .set({ approvedOn: input.approvedOn, approvalNote: input.note ?? null, version: r.version + 1 })
      .where(and(eq(rounds.id, id), eq(rounds.version, input.version)))
      .returning({ id: rounds.id });
    if (!res.length)
      throw new AppError(ErrorCode.VersionConflict, '该轮次已被他人修改，请刷新后重试', {
        current: await roundDto(tx, r),
      });
    await auditAction(tx, now, ctx, 'round.approve', { type: 'round', id }, { approvedOn: input.approvedOn });
  });
  return getRound(deps, ctx, id);
}

// ---------------------------------------------------------------- for other modules (index.ts)

export interface RoundBrief {
  id: string;
  termId: string;
  termName: string;
  authorityId: string;
  number: number;
  name: string;
  plannedStart: string | null;
  plannedEnd: string | null;
}

/** Rounds by id with their term's name; no scope check (the caller checked its own). */
export async function roundsByIds(db: Db, ids: readonly string[]): Promise<Map<string, RoundBrief>> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map();
  const rows = await db
    .select({
      id: rounds.id,
      termId: rounds.termId,
      termName: terms.name,
      authorityId: rounds.authorityId,
      number: rounds.number,
      name: rounds.name,
      plannedStart: rounds.plannedStart,
      plannedEnd: rounds.plannedEnd,
    })
    .from(rounds)
    .innerJoin(terms, eq(terms.id, rounds.termId))
    .where(inArray(rounds.id, uniq));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function roundIdsOfTerm(db: Db, termId: string): Promise<string[]> {
  return (await db.select({ id: rounds.id }).from(rounds).where(eq(rounds.termId, termId))).map((r) => r.id);
}
