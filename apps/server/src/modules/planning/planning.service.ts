import {
  AppError,
  buildCalendar,
  coveragePace,
  DEADLINE_ANCHORS,
  DEADLINE_KEYS,
  DEADLINE_LABELS,
  DEFAULT_DEADLINES,
  deadlineColour,
  describeDeadline,
  dueDate,
  ErrorCode,
  INSPECTION_MODE_LABELS,
  inspectionTargetRows,
  OFFICIAL_CALENDAR,
  ORG_KINDS,
  ROUND_KIND_LABELS,
  reachedStage,
  roundName,
  STAGE_DATE_FIELDS,
  STAGE_LABELS,
  suggestTargets,
  type TCalendar,
  type TCoverage,
  type TDeadlineSettings,
  type TInspection,
  type TInspectionCreate,
  type TInspectionDetail,
  type TInspectionListQuery,
  type TInspectionUpdate,
  type TPermission,
  TRANSITIONS,
  type TRound,
  type TRoundCreate,
  type TRoundUpdate,
  type TStage,
  type TTerm,
  type TTermCreate,
  type TTermUpdate,
  termSpanProblem,
  transitionDateProblem,
  transitionOf,
  transitionProblem,
  ZDeadlineSettings,
} from '@xc/domain';
import { and, asc, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
  announcements,
  appraisals,
  authorities,
  calendarEntries,
  deadlineSettings,
  inspectionEvents,
  inspections,
  inspectionTargets,
  organizations,
  petitions,
  publicCodes,
  recusalDeclarations,
  rounds,
  surveys,
  teamMembers,
  teams,
  terms,
} from '../../db/schema/index.ts';
import { inScope, notFound, type Scope, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { teamIdsOfUser } from '../personnel/personnel.service.ts';
import { coverageCounts } from './planning.repository.ts';

const CITY_TARGET_KINDS = ['市直单位', '国有企业', '学校', '医院'];
const COUNTY_TARGET_KINDS = ['县直单位', '乡镇(街道)', '村(社区)', '国有企业', '学校', '医院', '垂直管理驻县单位'];

const today = (deps: AppDeps) => shanghaiDate(deps.clock.now());

function authorityIn(scope: Scope, col: typeof terms.authorityId | typeof rounds.authorityId): SQL {
  if (scope.all) return sql`true`;
  return scope.authorityIds.length ? inArray(col, scope.authorityIds) : sql`false`;
}

/** An inspection is visible to its own authority and, for 授权巡察, to the county carrying it out. */
export function inspectionIn(scope: Scope): SQL {
  if (scope.all) return sql`true`;
  if (!scope.authorityIds.length) return sql`false`;
  return or(
    inArray(inspections.authorityId, scope.authorityIds),
    inArray(inspections.authorizedAuthorityId, scope.authorityIds),
  ) as SQL;
}

// ---------------------------------------------------------------- terms

type TermRow = typeof terms.$inferSelect;

async function termDto(db: Db, t: TermRow, on: string): Promise<TTerm> {
  const a = (
    await db.select({ name: authorities.shortName }).from(authorities).where(eq(authorities.id, t.authorityId))
  )[0];
  return {
    id: t.id,
    authorityId: t.authorityId,
    authorityName: a?.name ?? '',
    name: t.name,
    startDate: t.startDate,
    endDate: t.endDate,
    current: t.startDate <= on && on <= t.endDate,
    version: t.version,
  };
}

export async function listTerms(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { authorityId?: string; limit: number; cursor?: string },
) {
  const scope = await scopeFor(deps.db, ctx.actor, 'plan:read');
  const conds: SQL[] = [authorityIn(scope, terms.authorityId)];
  if (q.authorityId) conds.push(eq(terms.authorityId, q.authorityId));
  const total = Number(
    (
      await deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(terms)
        .where(and(...conds))
    )[0]?.n ?? 0,
  );
  const cur = decodeCursor(q.cursor);
  if (cur) conds.push(sql`(${terms.startDate}, ${terms.id}) < (${cur[0]}::date, ${cur[1]}::uuid)`);
  const rows = await deps.db
    .select()
    .from(terms)
    .where(and(...conds))
    .orderBy(desc(terms.startDate), desc(terms.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const on = today(deps);
  const items = [];
  for (const t of page) items.push(await termDto(deps.db, t, on));
  const last = page[page.length - 1];
  return { items, total, nextCursor: rows.length > q.limit && last ? encodeCursor([last.startDate, last.id]) : null };
}

async function loadTerm(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'plan:read' | 'plan:write' = 'plan:read',
) {
  const scope = await scopeFor(deps.db, ctx.actor, permission);
  const t = (await deps.db.select().from(terms).where(eq(terms.id, id)))[0];
  if (!t || !inScope(scope, t.authorityId)) throw notFound('届期');
  return t;
}

export async function getTerm(deps: AppDeps, ctx: RequestCtx, id: string) {
  return termDto(deps.db, await loadTerm(deps, ctx, id), today(deps));
}

async function overlapping(db: Db, authorityId: string, start: string, end: string, except?: string) {
  const rows = await db
    .select({ id: terms.id, name: terms.name })
    .from(terms)
    .where(and(eq(terms.authorityId, authorityId), lte(terms.startDate, end), gte(terms.endDate, start)));
  return rows.find((r) => r.id !== except) ?? null;
}

export async function createTerm(deps: AppDeps, ctx: RequestCtx, input: TTermCreate): Promise<TTerm> {
  const { db, clock } = deps;
  const scope = await scopeFor(db, ctx.actor, 'plan:write');
  const authority = (await db.select().from(authorities).where(eq(authorities.id, input.authorityId)))[0];
  if (!authority || !inScope(scope, input.authorityId)) throw notFound('巡察机构');
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    const clash = await overlapping(tx as Db, input.authorityId, input.startDate, input.endDate);
    if (clash) throw new AppError(ErrorCode.Conflict, `与“${clash.name}”的届期重叠`);
    await tx.insert(terms).values({
      id,
      authorityId: input.authorityId,
      name: input.name,
      startDate: input.startDate,
      endDate: input.endDate,
      targetKinds: authority.level === 'city' ? CITY_TARGET_KINDS : COUNTY_TARGET_KINDS,
      createdAt: now,
    });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'term.create',
      objectType: 'term',
      objectId: id,
      detail: { name: input.name },
    });
  });
  return getTerm(deps, ctx, id);
}

export async function updateTerm(deps: AppDeps, ctx: RequestCtx, id: string, input: TTermUpdate): Promise<TTerm> {
  const { db, clock } = deps;
  const t = await loadTerm(deps, ctx, id, 'plan:write');
  const now = clock.now();
  const start = input.startDate ?? t.startDate;
  const end = input.endDate ?? t.endDate;
  const bad = termSpanProblem(start, end);
  if (bad) throw new AppError(ErrorCode.BadRequest, bad);
  await db.transaction(async (tx) => {
    const clash = await overlapping(tx as Db, t.authorityId, start, end, id);
    if (clash) throw new AppError(ErrorCode.Conflict, `与“${clash.name}”的届期重叠`);
    const { version, ...changes } = input;
    const res = await tx
      .update(terms)
      .set({ ...changes, version: t.version + 1 })
      .where(and(eq(terms.id, id), eq(terms.version, version)))
      .returning({ id: terms.id });
    if (!res.length)
      throw new AppError(ErrorCode.VersionConflict, '该届期已被他人修改，请刷新后重试', {
        current: await termDto(tx as Db, t, today(deps)),
      });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'term.update',
      objectType: 'term',
      objectId: id,
      detail: { fields: Object.keys(changes) },
    });
  });
  return getTerm(deps, ctx, id);
}

// ---------------------------------------------------------------- coverage

const UNCOVERED_PAGE = 500;

export async function termCoverage(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  uncoveredLimit = UNCOVERED_PAGE,
): Promise<TCoverage & { uncoveredSectors: (string | null)[] }> {
  const t = await loadTerm(deps, ctx, id);
  return coverageOfTerm(deps.db, t, today(deps), uncoveredLimit);
}

export async function coverageOfTerm(db: Db, t: TermRow, on: string, uncoveredLimit = UNCOVERED_PAGE) {
  const counts = await coverageCounts(db, t, uncoveredLimit);
  const order = (k: string) => {
    const i = (ORG_KINDS as readonly string[]).indexOf(k);
    return i < 0 ? ORG_KINDS.length : i;
  };
  const byKind = counts.byKind
    .map((k) => ({ kind: k.kind, total: Number(k.total), covered: Number(k.covered) }))
    .sort((a, b) => order(a.kind) - order(b.kind));
  const total = byKind.reduce((s, k) => s + k.total, 0);
  const covered = byKind.reduce((s, k) => s + k.covered, 0);
  const years = new Map<number, number>();
  for (let y = Number(t.startDate.slice(0, 4)); y <= Number(t.endDate.slice(0, 4)); y++) years.set(y, 0);
  for (const r of counts.byYear) years.set(Number(r.year), Number(r.covered));
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  const uncovered = [...counts.uncovered].sort(
    (a, b) => order(a.kind) - order(b.kind) || collator.compare(a.name, b.name),
  );
  return {
    total,
    covered,
    rate: total === 0 ? 0 : Math.round((covered / total) * 10_000) / 10_000,
    byKind,
    uncoveredCount: total - covered,
    uncovered: uncovered.map((u) => ({ orgId: u.orgId, name: u.name, kind: u.kind })),
    uncoveredSectors: uncovered.map((u) => u.sector),
    byYear: [...years].map(([year, n]) => ({ year, covered: n })),
    pace: coveragePace({ authorityId: t.authorityId, startDate: t.startDate, endDate: t.endDate }, total, covered, on),
  };
}

/** 一托二: groups of not-yet-covered organizations, each for one team to take in sequence. */
export async function termSuggestions(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  q: { teams: number; perTeam: number; kind?: string },
) {
  const t = await loadTerm(deps, ctx, id);
  const cov = await coverageOfTerm(deps.db, t, today(deps), 5_000);
  const pool = cov.uncovered
    .map((u, i) => ({ ...u, sector: cov.uncoveredSectors[i] ?? null }))
    .filter((u) => !q.kind || u.kind === q.kind);
  // Organizations already planned in a round that has not reached feedback are not suggested again.
  const planned = new Set(
    (
      await deps.db
        .select({ orgId: inspectionTargets.orgId })
        .from(inspectionTargets)
        .innerJoin(inspections, eq(inspections.id, inspectionTargets.inspectionId))
        .where(
          and(eq(inspections.termId, id), inArray(inspections.stage, ['planned', 'prepared', 'onSite', 'reporting'])),
        )
    ).map((r) => r.orgId),
  );
  const free = pool.filter((u) => !planned.has(u.orgId));
  const groups = suggestTargets(free, q.teams, q.perTeam);
  const byId = new Map(free.map((u) => [u.orgId, u]));
  return {
    uncoveredCount: cov.uncoveredCount,
    groups: groups.map((g) => ({
      team: g.team,
      orgs: g.orgIds.map((oid) => {
        const u = byId.get(oid) as (typeof free)[number];
        return { orgId: oid, name: u.name, kind: u.kind, sector: u.sector };
      }),
    })),
  };
}

// ---------------------------------------------------------------- rounds

type RoundRow = typeof rounds.$inferSelect;

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
  const scope = await scopeFor(deps.db, ctx.actor, 'plan:read');
  const conds: SQL[] = [authorityIn(scope, rounds.authorityId)];
  if (q.termId) conds.push(eq(rounds.termId, q.termId));
  const total = Number(
    (
      await deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(rounds)
        .where(and(...conds))
    )[0]?.n ?? 0,
  );
  const cur = decodeCursor(q.cursor);
  if (cur) conds.push(sql`(${rounds.termId}, ${rounds.number}) > (${cur[0]}::uuid, ${Number(cur[1])})`);
  const rows = await deps.db
    .select()
    .from(rounds)
    .where(and(...conds))
    .orderBy(asc(rounds.termId), asc(rounds.number))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const items = [];
  for (const r of page) items.push(await roundDto(deps.db, r));
  const last = page[page.length - 1];
  return { items, total, nextCursor: rows.length > q.limit && last ? encodeCursor([last.termId, last.number]) : null };
}

async function loadRound(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'plan:read' | 'plan:write' | 'plan:approve' | 'plan:export' = 'plan:read',
) {
  const scope = await scopeFor(deps.db, ctx.actor, permission);
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
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'round.create',
      objectType: 'round',
      objectId: id,
      detail: { termId: t.id, number },
    });
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
        current: await roundDto(tx as Db, r),
      });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'round.update',
      objectType: 'round',
      objectId: id,
      detail: { fields: Object.keys(changes) },
    });
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
        current: await roundDto(tx as Db, r),
      });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'round.approve',
      objectType: 'round',
      objectId: id,
      detail: { approvedOn: input.approvedOn },
    });
  });
  return getRound(deps, ctx, id);
}

// ---------------------------------------------------------------- teams

export async function listTeams(deps: AppDeps, ctx: RequestCtx, roundId: string) {
  await loadRound(deps, ctx, roundId);
  const rows = await deps.db
    .select()
    .from(teams)
    .where(eq(teams.roundId, roundId))
    .orderBy(asc(teams.sortOrder), asc(teams.name));
  return {
    items: rows.map((t) => ({
      id: t.id,
      roundId: t.roundId,
      name: t.name,
      sortOrder: t.sortOrder,
      version: t.version,
    })),
  };
}

export async function createTeam(deps: AppDeps, ctx: RequestCtx, input: { roundId: string; name: string }) {
  const { db, clock } = deps;
  const r = await loadRound(deps, ctx, input.roundId, 'plan:write');
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    const existing = await tx.select({ name: teams.name }).from(teams).where(eq(teams.roundId, r.id));
    if (existing.some((e) => e.name === input.name)) throw new AppError(ErrorCode.Conflict, `本轮已有“${input.name}”`);
    await tx.insert(teams).values({
      id,
      roundId: r.id,
      authorityId: r.authorityId,
      name: input.name,
      sortOrder: existing.length,
      createdAt: now,
    });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'team.create',
      objectType: 'team',
      objectId: id,
      detail: { roundId: r.id, name: input.name },
    });
  });
  return {
    id,
    roundId: r.id,
    name: input.name,
    sortOrder: 0,
    version: 1,
    ...(await listTeams(deps, ctx, r.id)).items.find((x) => x.id === id),
  };
}

async function loadTeam(deps: AppDeps, ctx: RequestCtx, id: string) {
  const t = (await deps.db.select().from(teams).where(eq(teams.id, id)))[0];
  const scope = await scopeFor(deps.db, ctx.actor, 'plan:write');
  if (!t || !inScope(scope, t.authorityId)) throw notFound('巡察组');
  return t;
}

export async function updateTeam(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; name?: string; sortOrder?: number },
) {
  const { db, clock } = deps;
  const t = await loadTeam(deps, ctx, id);
  const now = clock.now();
  await db.transaction(async (tx) => {
    if (input.name && input.name !== t.name) {
      const dup = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.roundId, t.roundId), eq(teams.name, input.name)));
      if (dup.length) throw new AppError(ErrorCode.Conflict, `本轮已有“${input.name}”`);
    }
    const { version, ...changes } = input;
    const res = await tx
      .update(teams)
      .set({ ...changes, version: t.version + 1 })
      .where(and(eq(teams.id, id), eq(teams.version, version)))
      .returning();
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '该巡察组已被他人修改，请刷新后重试');
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'team.update',
      objectType: 'team',
      objectId: id,
      detail: { fields: Object.keys(changes) },
    });
  });
  const fresh = (await db.select().from(teams).where(eq(teams.id, id)))[0] as typeof teams.$inferSelect;
  return { id, roundId: fresh.roundId, name: fresh.name, sortOrder: fresh.sortOrder, version: fresh.version };
}

/**
 * What other modules keep about a team or an inspection, counted inside the deleting transaction.
 * Deleting past them would either fail on the foreign key or orphan records the office must keep,
 * so the answer is a 409 that says what is there.
 */
async function recordsOf(tx: Db, id: string, checks: [PgTable, PgColumn, (n: number) => string][]) {
  const found: string[] = [];
  for (const [table, column, label] of checks) {
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(column, id));
    const n = Number(row?.n ?? 0);
    if (n) found.push(label(n));
  }
  return found;
}

export async function deleteTeam(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock } = deps;
  const t = await loadTeam(deps, ctx, id);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const used = await tx.select({ n: sql<number>`count(*)::int` }).from(inspections).where(eq(inspections.teamId, id));
    if (Number(used[0]?.n ?? 0) > 0)
      throw new AppError(ErrorCode.Conflict, `“${t.name}”已承担巡察任务，不能删除；请先调整这些巡察的巡察组`);
    const held = await recordsOf(tx as Db, id, [
      [teamMembers, teamMembers.teamId, (n) => `组员${n}人`],
      [appraisals, appraisals.teamId, (n) => `考核评价${n}份`],
      [surveys, surveys.teamId, (n) => `问卷${n}份`],
    ]);
    if (held.length)
      throw new AppError(ErrorCode.Conflict, `“${t.name}”已有${held.join('、')}，不能删除；请先移出组员或处理这些记录`);
    await tx.delete(teams).where(eq(teams.id, id));
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'team.delete',
      objectType: 'team',
      objectId: id,
      detail: { name: t.name },
    });
  });
}

// ---------------------------------------------------------------- inspections

type InspectionRow = typeof inspections.$inferSelect;

async function inspectionDtos(db: Db, rows: InspectionRow[]): Promise<TInspection[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const targets = await db
    .select({
      inspectionId: inspectionTargets.inspectionId,
      orgId: inspectionTargets.orgId,
      role: inspectionTargets.role,
      name: organizations.name,
      kind: organizations.kind,
    })
    .from(inspectionTargets)
    .innerJoin(organizations, eq(organizations.id, inspectionTargets.orgId))
    .where(inArray(inspectionTargets.inspectionId, ids));
  const teamIds = [...new Set(rows.map((r) => r.teamId).filter(Boolean))] as string[];
  const teamRows = teamIds.length
    ? await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds))
    : [];
  const roundIds = [...new Set(rows.map((r) => r.roundId))];
  const roundRows = await db
    .select({ id: rounds.id, kind: rounds.kind })
    .from(rounds)
    .where(inArray(rounds.id, roundIds));
  const teamName = new Map(teamRows.map((t) => [t.id, t.name]));
  const roundKind = new Map(roundRows.map((r) => [r.id, r.kind]));
  return rows.map((r) => ({
    id: r.id,
    roundId: r.roundId,
    termId: r.termId,
    authorityId: r.authorityId,
    teamId: r.teamId,
    teamName: r.teamId ? (teamName.get(r.teamId) ?? null) : null,
    mode: r.mode as TInspection['mode'],
    kind: (roundKind.get(r.roundId) ?? 'regular') as TInspection['kind'],
    stage: r.stage as TStage,
    targets: targets
      .filter((t) => t.inspectionId === r.id)
      .sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1))
      .map((t) => ({
        orgId: t.orgId,
        name: t.name,
        kind: t.kind as TInspection['targets'][number]['kind'],
        role: t.role,
      })),
    lookBackOfId: r.lookBackOfId,
    authorizedAuthorityId: r.authorizedAuthorityId,
    plannedEntryDate: r.plannedEntryDate,
    plannedExitDate: r.plannedExitDate,
    preparedDate: r.preparedDate,
    entryDate: r.entryDate,
    exitDate: r.exitDate,
    feedbackDate: r.feedbackDate,
    transferDate: r.transferDate,
    rectifyingStartDate: r.rectifyingStartDate,
    evaluatedDate: r.evaluatedDate,
    publishedDate: r.publishedDate,
    archivedDate: r.archivedDate,
    dualReport:
      r.mode === 'authorized'
        ? {
            countyCommitteeOn: r.countyCommitteeReportOn,
            sectorDepartmentOn: r.sectorDepartmentReportOn,
            cityOfficeFiledOn: r.cityOfficeFiledOn,
          }
        : null,
    version: r.version,
  }));
}

/**
 * For other modules (petitions, surveys): inspections as this module describes them, with a label
 * people recognise (第N轮 · 组 · 被巡察单位). No scope check: callers have checked theirs.
 */
export async function inspectionsById(db: Db, ids: string[]): Promise<Map<string, TInspection & { label: string }>> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map();
  const rows = await db.select().from(inspections).where(inArray(inspections.id, uniq));
  const dtos = await inspectionDtos(db, rows);
  const roundRows = await db
    .select({ id: rounds.id, name: rounds.name })
    .from(rounds)
    .where(inArray(rounds.id, [...new Set(rows.map((r) => r.roundId))]));
  const roundName = new Map(roundRows.map((r) => [r.id, r.name]));
  return new Map(
    dtos.map((d) => {
      const primary = d.targets.filter((t) => t.role === 'primary').map((t) => t.name);
      const label = [roundName.get(d.roundId), d.teamName, primary.join('、')].filter(Boolean).join(' · ');
      return [d.id, { ...d, label }];
    }),
  );
}

export async function listInspections(deps: AppDeps, ctx: RequestCtx, q: TInspectionListQuery) {
  const scope = await scopeFor(deps.db, ctx.actor, 'plan:read');
  const conds: SQL[] = [inspectionIn(scope)];
  if (q.termId) conds.push(eq(inspections.termId, q.termId));
  if (q.roundId) conds.push(eq(inspections.roundId, q.roundId));
  if (q.mode) conds.push(eq(inspections.mode, q.mode));
  if (q.stage) conds.push(eq(inspections.stage, q.stage));
  if (q.teamId) conds.push(eq(inspections.teamId, q.teamId));
  if (q.mine === 'true') {
    const mine = await teamIdsOfUser(deps.db, ctx.actor.userId);
    conds.push(mine.length ? inArray(inspections.teamId, mine) : sql`false`);
  }
  const total = Number(
    (
      await deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(inspections)
        .where(and(...conds))
    )[0]?.n ?? 0,
  );
  const cur = decodeCursor(q.cursor);
  if (cur) conds.push(sql`${inspections.id} > ${cur[0]}::uuid`);
  const rows = await deps.db
    .select()
    .from(inspections)
    .where(and(...conds))
    .orderBy(asc(inspections.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await inspectionDtos(deps.db, page),
    total,
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.id]) : null,
  };
}

/**
 * For other modules (surveys): a round, team or inspection by id with its authority and a name
 * people recognise, or null. No scope check: the caller checks the authority against its scope.
 */
export async function planningObject(
  db: Db,
  type: 'inspection' | 'round' | 'team',
  id: string,
): Promise<{ authorityId: string; name: string; roundId: string; teamId: string | null } | null> {
  if (type === 'inspection') {
    const d = (await inspectionsById(db, [id])).get(id);
    return d ? { authorityId: d.authorityId, name: d.label, roundId: d.roundId, teamId: d.teamId } : null;
  }
  if (type === 'round') {
    const r = (await db.select().from(rounds).where(eq(rounds.id, id)))[0];
    return r ? { authorityId: r.authorityId, name: r.name, roundId: r.id, teamId: null } : null;
  }
  const t = (
    await db
      .select({
        id: teams.id,
        authorityId: teams.authorityId,
        name: teams.name,
        roundId: teams.roundId,
        roundName: rounds.name,
      })
      .from(teams)
      .innerJoin(rounds, eq(rounds.id, teams.roundId))
      .where(eq(teams.id, id))
  )[0];
  return t
    ? { authorityId: t.authorityId, name: `${t.roundName} · ${t.name}`, roundId: t.roundId, teamId: t.id }
    : null;
}

/** For other modules' public pages, which reach an inspection through a code, not a grant. */
export async function loadInspectionRow(db: Db, id: string) {
  const r = (await db.select().from(inspections).where(eq(inspections.id, id)))[0];
  if (!r) throw notFound('巡察');
  return r;
}

/** The inspection if the permission reaches it through the caller's grants, else 404. */
export async function loadInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: TPermission = 'plan:read',
) {
  const scope = await scopeFor(deps.db, ctx.actor, permission);
  const r = (
    await deps.db
      .select()
      .from(inspections)
      .where(and(eq(inspections.id, id), inspectionIn(scope)))
  )[0];
  if (!r) throw notFound('巡察');
  return r;
}

export async function calendarFor(db: Db, authorityId: string): Promise<TCalendar> {
  const own = await db.select().from(calendarEntries).where(eq(calendarEntries.authorityId, authorityId));
  return buildCalendar(
    OFFICIAL_CALENDAR,
    own.map((e) => ({ date: e.date, kind: e.kind })),
  );
}

export async function deadlinesFor(
  db: Db,
  authorityId: string,
): Promise<{ settings: TDeadlineSettings; version: number; updatedAt: Date | null }> {
  const row = (await db.select().from(deadlineSettings).where(eq(deadlineSettings.authorityId, authorityId)))[0];
  const parsed = row ? ZDeadlineSettings.safeParse(row.value) : null;
  return {
    settings: parsed?.success ? parsed.data : { ...DEFAULT_DEADLINES },
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** When each deadline counts as met, from the stage the inspection reached. */
const DEADLINE_DONE_AT: Record<(typeof DEADLINE_KEYS)[number], TStage> = {
  noticeBeforeEntry: 'onSite',
  reportAfterExit: 'feedback',
  planAfterFeedback: 'rectifying',
  rectificationReportAfterFeedback: 'evaluated',
  clueFeedbackAfterTransfer: 'rectifying',
  evaluationAfterConcentratedEnd: 'evaluated',
};

export async function getInspection(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TInspectionDetail> {
  const r = await loadInspection(deps, ctx, id);
  return inspectionDetail(deps, ctx, r);
}

async function inspectionDetail(deps: AppDeps, ctx: RequestCtx, r: InspectionRow): Promise<TInspectionDetail> {
  const { db } = deps;
  const [dto] = await inspectionDtos(db, [r]);
  const round = (await db.select().from(rounds).where(eq(rounds.id, r.roundId)))[0] as RoundRow;
  const term = (await db.select().from(terms).where(eq(terms.id, r.termId)))[0] as TermRow;
  const names = await db
    .select({ id: authorities.id, name: authorities.shortName })
    .from(authorities)
    .where(inArray(authorities.id, [r.authorityId, ...(r.authorizedAuthorityId ? [r.authorizedAuthorityId] : [])]));
  const nameOf = (aid: string | null) => names.find((n) => n.id === aid)?.name ?? null;
  const events = await db
    .select()
    .from(inspectionEvents)
    .where(eq(inspectionEvents.inspectionId, r.id))
    .orderBy(desc(inspectionEvents.createdAt), desc(inspectionEvents.id));
  let lookBackOfName: string | null = null;
  if (r.lookBackOfId) {
    const src = (await db.select().from(inspections).where(eq(inspections.id, r.lookBackOfId)))[0];
    if (src) {
      const srcRound = (await db.select({ name: rounds.name }).from(rounds).where(eq(rounds.id, src.roundId)))[0];
      const srcTerm = (await db.select({ name: terms.name }).from(terms).where(eq(terms.id, src.termId)))[0];
      lookBackOfName = `${srcTerm?.name ?? ''}${srcRound?.name ?? ''}巡察`;
    }
  }
  const cal = await calendarFor(db, r.authorityId);
  const { settings } = await deadlinesFor(db, r.authorityId);
  const on = today(deps);
  const anchors: Record<string, string | null> = {
    plannedEntryDate: r.plannedEntryDate,
    exitDate: r.exitDate,
    feedbackDate: r.feedbackDate,
    clueTransferDate: r.transferDate,
    concentratedEndDate: r.concentratedEndDate,
  };
  const deadlines = DEADLINE_KEYS.map((key) => {
    const rule = settings[key];
    const anchor = anchors[DEADLINE_ANCHORS[key]] ?? null;
    const done = reachedStage(r.stage as TStage, DEADLINE_DONE_AT[key]);
    const due = anchor ? dueDate(anchor, rule, cal) : null;
    return {
      key,
      label: DEADLINE_LABELS[key],
      rule: describeDeadline(rule),
      due,
      colour: due ? deadlineColour(due, on, done) : ('none' as const),
      done,
    };
  });
  const have: Record<string, unknown> = { ...(dto as TInspection), 'round.approvedAt': round.approvedOn };
  const actions = TRANSITIONS.filter((t) => t.from === r.stage).map((t) => {
    const reason = ctx.actor.permissions.has('inspection:transition')
      ? transitionProblem(t.from, t.to, ctx.actor.roles, have)
      : '没有变更巡察阶段的权限';
    return { to: t.to, action: t.action, direction: t.direction, allowed: reason === null, reason };
  });
  return {
    ...(dto as TInspection),
    roundName: round.name,
    termName: term.name,
    authorityName: nameOf(r.authorityId) ?? '',
    authorizedAuthorityName: nameOf(r.authorizedAuthorityId),
    lookBackOfName,
    roundApprovedAt: round.approvedOn,
    events: events.map((e) => ({
      id: e.id,
      fromStage: (e.fromStage as TStage | null) ?? null,
      toStage: e.toStage as TStage,
      onDate: e.onDate,
      note: e.note,
      actorName: e.actorName,
      createdAt: e.createdAt.toISOString(),
    })),
    deadlines,
    actions,
  };
}

/**
 * Targets must be organizations this authority may inspect: its own registry; for 提级 a unit of
 * one of its counties; for 授权 a 垂直管理驻县单位 of the authorized county.
 */
async function checkTargets(
  db: Db,
  round: RoundRow,
  mode: string,
  rows: { orgId: string; role: 'primary' | 'village' }[],
  authorizedAuthorityId: string | null,
) {
  const ids = rows.map((r) => r.orgId);
  const orgs = await db.select().from(organizations).where(inArray(organizations.id, ids));
  const children = (
    await db
      .select({ id: authorities.id })
      .from(authorities)
      .where(eq(authorities.parentAuthorityId, round.authorityId))
  ).map((a) => a.id);
  for (const row of rows) {
    const o = orgs.find((x) => x.id === row.orgId);
    if (!o) throw new AppError(ErrorCode.BadRequest, '被巡察单位不存在');
    if (o.status !== 'active') throw new AppError(ErrorCode.BadRequest, `“${o.name}”已合并或撤销，不能列为巡察对象`);
    if (row.role === 'village' && o.kind !== '村(社区)')
      throw new AppError(ErrorCode.BadRequest, `“${o.name}”不是村(社区)，不能作为延伸巡察对象`);
    const own = o.authorityId === round.authorityId;
    if (mode === 'escalated') {
      if (!children.includes(o.authorityId))
        throw new AppError(ErrorCode.BadRequest, `提级巡察的对象应为下级县(市、区)的单位，“${o.name}”不是`);
    } else if (mode === 'authorized') {
      if (o.authorityId !== authorizedAuthorityId || o.kind !== '垂直管理驻县单位')
        throw new AppError(
          ErrorCode.BadRequest,
          `授权巡察的对象应为被授权县(市、区)的垂直管理驻县单位，“${o.name}”不是`,
        );
    } else if (mode === 'cross') {
      if (own)
        throw new AppError(ErrorCode.BadRequest, `交叉巡察的对象应为其他县(市、区)的单位，“${o.name}”是本级单位`);
    } else if (!own && mode !== 'joint') throw new AppError(ErrorCode.BadRequest, `“${o.name}”不属于本巡察机构`);
  }
  if (mode === 'townshipWithVillages') {
    const towns = rows.filter((r) => r.role === 'primary').map((r) => r.orgId);
    for (const v of rows.filter((r) => r.role === 'village')) {
      const o = orgs.find((x) => x.id === v.orgId);
      if (o && (!o.parentId || !towns.includes(o.parentId)))
        throw new AppError(ErrorCode.BadRequest, `“${o.name}”不属于所选乡镇(街道)`);
    }
  }
  if (authorizedAuthorityId && !children.includes(authorizedAuthorityId))
    throw new AppError(ErrorCode.BadRequest, '被授权的巡察机构应为本级的下级县(市、区)巡察机构');
}

async function checkTeamAndLookBack(
  db: Db,
  round: RoundRow,
  teamId: string | null | undefined,
  lookBackOfId: string | null | undefined,
  targetIds: string[],
) {
  if (teamId) {
    const t = (await db.select().from(teams).where(eq(teams.id, teamId)))[0];
    if (!t || t.roundId !== round.id) throw new AppError(ErrorCode.BadRequest, '巡察组不属于本轮次');
  }
  if (lookBackOfId) {
    const src = (await db.select().from(inspections).where(eq(inspections.id, lookBackOfId)))[0];
    if (!src || src.authorityId !== round.authorityId)
      throw new AppError(ErrorCode.BadRequest, '“回头看”所指的原巡察不存在');
    const srcTargets = (
      await db
        .select({ orgId: inspectionTargets.orgId })
        .from(inspectionTargets)
        .where(eq(inspectionTargets.inspectionId, src.id))
    ).map((x) => x.orgId);
    if (!targetIds.some((id) => srcTargets.includes(id)))
      throw new AppError(ErrorCode.BadRequest, '“回头看”应针对原巡察的同一被巡察单位');
    if (!reachedStage(src.stage as TStage, 'feedback'))
      throw new AppError(ErrorCode.BadRequest, '原巡察尚未反馈，不能开展“回头看”');
  }
}

export async function createInspection(deps: AppDeps, ctx: RequestCtx, input: TInspectionCreate): Promise<TInspection> {
  const { db, clock } = deps;
  const round = await loadRound(deps, ctx, input.roundId, 'plan:write');
  const rows = inspectionTargetRows(input);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await checkTargets(tx as Db, round, input.mode, rows, input.authorizedAuthorityId ?? null);
    await checkTeamAndLookBack(
      tx as Db,
      round,
      input.teamId,
      input.lookBackOfId,
      rows.map((r) => r.orgId),
    );
    await tx.insert(inspections).values({
      id,
      roundId: round.id,
      termId: round.termId,
      authorityId: round.authorityId,
      teamId: input.teamId ?? null,
      mode: input.mode,
      stage: 'planned',
      lookBackOfId: input.lookBackOfId ?? null,
      authorizedAuthorityId: input.authorizedAuthorityId ?? null,
      // Until the team fixes its dates, the inspection is planned for the round's period.
      plannedEntryDate: input.plannedEntryDate ?? round.plannedStart ?? null,
      plannedExitDate: input.plannedExitDate ?? round.plannedEnd ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(inspectionTargets).values(rows.map((r) => ({ inspectionId: id, orgId: r.orgId, role: r.role })));
    await tx.insert(inspectionEvents).values({
      id: uuidv7(now.getTime()),
      inspectionId: id,
      fromStage: null,
      toStage: 'planned',
      onDate: shanghaiDate(now),
      note: `列入${round.name}计划（${INSPECTION_MODE_LABELS[input.mode]}）`,
      actorName: ctx.actor.displayName,
      createdAt: now,
    });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'inspection.create',
      objectType: 'inspection',
      objectId: id,
      detail: { roundId: round.id, mode: input.mode, targets: rows.length },
    });
  });
  const row = (await db.select().from(inspections).where(eq(inspections.id, id)))[0] as InspectionRow;
  return (await inspectionDtos(db, [row]))[0] as TInspection;
}

export async function updateInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TInspectionUpdate,
): Promise<TInspectionDetail> {
  const { db, clock } = deps;
  const r = await loadInspection(deps, ctx, id, 'plan:write');
  if (!['planned', 'prepared'].includes(r.stage))
    throw new AppError(ErrorCode.Conflict, '巡察已进驻，计划内容不能再修改');
  const round = (await db.select().from(rounds).where(eq(rounds.id, r.roundId)))[0] as RoundRow;
  const now = clock.now();
  await db.transaction(async (tx) => {
    const mode = input.mode ?? (r.mode as TInspectionCreate['mode']);
    const current = await tx.select().from(inspectionTargets).where(eq(inspectionTargets.inspectionId, id));
    const targetOrgIds =
      input.targetOrgIds ?? current.filter((c) => c.role === 'primary' || mode === 'directVillage').map((c) => c.orgId);
    const villageOrgIds =
      input.villageOrgIds ??
      (mode === 'townshipWithVillages' ? current.filter((c) => c.role === 'village').map((c) => c.orgId) : undefined);
    const authorized =
      input.authorizedAuthorityId !== undefined ? input.authorizedAuthorityId : r.authorizedAuthorityId;
    if (mode === 'authorized' && !authorized)
      throw new AppError(ErrorCode.BadRequest, '授权巡察须指定被授权的巡察机构');
    const rows = inspectionTargetRows({ mode, targetOrgIds, villageOrgIds });
    await checkTargets(tx as Db, round, mode, rows, mode === 'authorized' ? authorized : null);
    await checkTeamAndLookBack(
      tx as Db,
      round,
      input.teamId,
      input.lookBackOfId,
      rows.map((x) => x.orgId),
    );
    const entry = input.plannedEntryDate !== undefined ? input.plannedEntryDate : r.plannedEntryDate;
    const exit = input.plannedExitDate !== undefined ? input.plannedExitDate : r.plannedExitDate;
    if (entry && exit && exit < entry) throw new AppError(ErrorCode.BadRequest, '计划撤离日期不能早于计划进驻日期');
    const { version, targetOrgIds: _t, villageOrgIds: _v, ...fields } = input;
    const res = await tx
      .update(inspections)
      .set({
        ...fields,
        mode,
        authorizedAuthorityId: mode === 'authorized' ? authorized : null,
        updatedAt: now,
        version: r.version + 1,
      })
      .where(
        and(
          eq(inspections.id, id),
          eq(inspections.version, version),
          inArray(inspections.stage, ['planned', 'prepared']),
        ),
      )
      .returning({ id: inspections.id });
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '该巡察已被他人修改，请刷新后重试');
    if (input.targetOrgIds || input.villageOrgIds || input.mode) {
      await tx.delete(inspectionTargets).where(eq(inspectionTargets.inspectionId, id));
      await tx.insert(inspectionTargets).values(rows.map((x) => ({ inspectionId: id, orgId: x.orgId, role: x.role })));
    }
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'inspection.update',
      objectType: 'inspection',
      objectId: id,
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  return getInspection(deps, ctx, id);
}

export async function deleteInspection(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock } = deps;
  const r = await loadInspection(deps, ctx, id, 'plan:write');
  const now = clock.now();
  await db.transaction(async (tx) => {
    // Lock the row in 'planned' first: once someone starts its preparation it may not be deleted.
    const locked = await tx
      .select({ id: inspections.id })
      .from(inspections)
      .where(and(eq(inspections.id, id), eq(inspections.stage, 'planned')))
      .for('update');
    if (!locked.length) throw new AppError(ErrorCode.Conflict, '只有尚未启动准备的巡察可以删除');
    const held = await recordsOf(tx as Db, id, [
      [petitions, petitions.inspectionId, (n) => `信访件${n}件`],
      [surveys, surveys.inspectionId, (n) => `问卷${n}份`],
      [recusalDeclarations, recusalDeclarations.inspectionId, (n) => `回避申报和异议${n}份`],
    ]);
    if (held.length) throw new AppError(ErrorCode.Conflict, `该巡察已有${held.join('、')}，不能删除`);
    // Its 码上巡 codes and announcement are its own set-up, with nothing received through them yet.
    await tx.delete(publicCodes).where(eq(publicCodes.inspectionId, id));
    await tx.delete(announcements).where(eq(announcements.inspectionId, id));
    await tx.delete(inspectionTargets).where(eq(inspectionTargets.inspectionId, id));
    await tx.delete(inspectionEvents).where(eq(inspectionEvents.inspectionId, id));
    await tx.delete(inspections).where(eq(inspections.id, id));
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'inspection.delete',
      objectType: 'inspection',
      objectId: id,
      detail: { roundId: r.roundId },
    });
  });
}

/**
 * Move an inspection to the next (or previous) stage. The update is conditional on the stage and
 * version read, so of two people clicking at once only one moves it.
 */
export async function transitionInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; to: TStage; date: string; note?: string },
) {
  const { db, clock } = deps;
  const r = await loadInspection(deps, ctx, id, 'inspection:transition');
  const now = clock.now();
  const from = r.stage as TStage;
  const round = (await db.select().from(rounds).where(eq(rounds.id, r.roundId)))[0] as RoundRow;
  const [dto] = await inspectionDtos(db, [r]);
  const problem = transitionProblem(from, input.to, ctx.actor.roles, {
    ...(dto as TInspection),
    'round.approvedAt': round.approvedOn,
  });
  if (problem) throw new AppError(transitionOf(from, input.to) ? ErrorCode.BadRequest : ErrorCode.Conflict, problem);
  const t = transitionOf(from, input.to) as NonNullable<ReturnType<typeof transitionOf>>;
  if (t.direction === 'forward') {
    const dates = Object.fromEntries(
      Object.values(STAGE_DATE_FIELDS)
        .filter(Boolean)
        .map((f) => [f, (dto as unknown as Record<string, string | null>)[f as string]]),
    );
    const bad = transitionDateProblem(input.to, input.date, dates, shanghaiDate(now));
    if (bad) throw new AppError(ErrorCode.BadRequest, bad);
  }
  const set: Record<string, unknown> = { stage: input.to, updatedAt: now, version: r.version + 1 };
  for (const f of t.records) set[f] = input.date;
  for (const f of t.clears) set[f] = null;
  await db.transaction(async (tx) => {
    const res = await tx
      .update(inspections)
      .set(set)
      .where(and(eq(inspections.id, id), eq(inspections.stage, from), eq(inspections.version, input.version)))
      .returning({ id: inspections.id });
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '该巡察的阶段已被他人变更，请刷新后查看');
    await tx.insert(inspectionEvents).values({
      id: uuidv7(now.getTime()),
      inspectionId: id,
      fromStage: from,
      toStage: input.to,
      onDate: input.date,
      note: input.note ?? (t.direction === 'back' ? `${t.action}` : `${t.action}（${STAGE_LABELS[input.to]}）`),
      actorName: ctx.actor.displayName,
      createdAt: now,
    });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'inspection.transition',
      objectType: 'inspection',
      objectId: id,
      detail: { from, to: input.to, date: input.date },
    });
  });
  return getInspection(deps, ctx, id);
}

export async function updateDualReport(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: {
    version: number;
    countyCommitteeOn?: string | null;
    sectorDepartmentOn?: string | null;
    cityOfficeFiledOn?: string | null;
  },
) {
  const { db, clock } = deps;
  const r = await loadInspection(deps, ctx, id, 'plan:write');
  if (r.mode !== 'authorized') throw new AppError(ErrorCode.BadRequest, '只有授权巡察需要“双报告一报备”');
  const now = clock.now();
  const on = shanghaiDate(now);
  for (const d of [input.countyCommitteeOn, input.sectorDepartmentOn, input.cityOfficeFiledOn])
    if (d && d > on) throw new AppError(ErrorCode.BadRequest, '日期不能晚于今天');
  await db.transaction(async (tx) => {
    const set: Record<string, unknown> = { updatedAt: now, version: r.version + 1 };
    if (input.countyCommitteeOn !== undefined) set.countyCommitteeReportOn = input.countyCommitteeOn;
    if (input.sectorDepartmentOn !== undefined) set.sectorDepartmentReportOn = input.sectorDepartmentOn;
    if (input.cityOfficeFiledOn !== undefined) set.cityOfficeFiledOn = input.cityOfficeFiledOn;
    const res = await tx
      .update(inspections)
      .set(set)
      .where(and(eq(inspections.id, id), eq(inspections.version, input.version)))
      .returning({ id: inspections.id });
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '该巡察已被他人修改，请刷新后重试');
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'inspection.dualReport',
      objectType: 'inspection',
      objectId: id,
      detail: { ...input, version: undefined },
    });
  });
  return getInspection(deps, ctx, id);
}

// ---------------------------------------------------------------- calendar and deadline settings

async function authorityForSettings(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  permission: 'plan:read' | 'calendar:manage',
) {
  const scope = await scopeFor(deps.db, ctx.actor, permission);
  const a = (await deps.db.select().from(authorities).where(eq(authorities.id, authorityId)))[0];
  if (!a || !inScope(scope, authorityId)) throw notFound('巡察机构');
  return a;
}

export async function listCalendar(deps: AppDeps, ctx: RequestCtx, authorityId: string, year: number) {
  await authorityForSettings(deps, ctx, authorityId, 'plan:read');
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const own = await deps.db.select().from(calendarEntries).where(eq(calendarEntries.authorityId, authorityId));
  const ownDates = new Set(own.map((o) => o.date));
  const items = [
    ...OFFICIAL_CALENDAR.filter((e) => inYear(e.date) && !ownDates.has(e.date)).map((e) => ({
      date: e.date,
      kind: e.kind,
      name: e.name,
      source: 'official' as const,
    })),
    ...own
      .filter((e) => inYear(e.date))
      .map((e) => ({ date: e.date, kind: e.kind, name: e.name, source: 'office' as const })),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { items };
}

export async function replaceCalendarYear(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  input: { year: number; entries: { date: string; kind: 'holiday' | 'workday'; name: string }[] },
) {
  const { db, clock } = deps;
  await authorityForSettings(deps, ctx, authorityId, 'calendar:manage');
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .delete(calendarEntries)
      .where(
        and(
          eq(calendarEntries.authorityId, authorityId),
          sql`extract(year from ${calendarEntries.date}) = ${input.year}`,
        ),
      );
    if (input.entries.length)
      await tx.insert(calendarEntries).values(
        input.entries.map((e) => ({
          id: uuidv7(now.getTime()),
          authorityId,
          date: e.date,
          kind: e.kind,
          name: e.name,
        })),
      );
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'calendar.update',
      objectType: 'authority',
      objectId: authorityId,
      detail: { year: input.year, entries: input.entries.length },
    });
  });
  return listCalendar(deps, ctx, authorityId, input.year);
}

export async function getDeadlineSettings(deps: AppDeps, ctx: RequestCtx, authorityId: string) {
  await authorityForSettings(deps, ctx, authorityId, 'plan:read');
  const d = await deadlinesFor(deps.db, authorityId);
  return { authorityId, settings: d.settings, version: d.version, updatedAt: d.updatedAt?.toISOString() ?? null };
}

export async function updateDeadlineSettings(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  input: { version: number; settings: TDeadlineSettings },
) {
  const { db, clock } = deps;
  await authorityForSettings(deps, ctx, authorityId, 'calendar:manage');
  const now = clock.now();
  const before = await deadlinesFor(db, authorityId);
  await db.transaction(async (tx) => {
    const res =
      input.version === 0
        ? await tx
            .insert(deadlineSettings)
            .values({ authorityId, value: input.settings, version: 1, updatedAt: now })
            .onConflictDoNothing()
            .returning({ id: deadlineSettings.authorityId })
        : await tx
            .update(deadlineSettings)
            .set({ value: input.settings, version: input.version + 1, updatedAt: now })
            .where(and(eq(deadlineSettings.authorityId, authorityId), eq(deadlineSettings.version, input.version)))
            .returning({ id: deadlineSettings.authorityId });
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '时限设置已被他人修改，请刷新后重试');
    const changed = DEADLINE_KEYS.filter(
      (k) => JSON.stringify(before.settings[k]) !== JSON.stringify(input.settings[k]),
    );
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'deadlines.update',
      objectType: 'authority',
      objectId: authorityId,
      detail: { changed },
    });
  });
  return getDeadlineSettings(deps, ctx, authorityId);
}
