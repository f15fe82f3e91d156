import {
  AppError,
  coveragePace,
  ErrorCode,
  ORG_KINDS,
  suggestTargets,
  type TCoverage,
  type TTerm,
  type TTermCreate,
  type TTermUpdate,
  termSpanProblem,
} from '@xc/domain';
import { and, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { inspections, inspectionTargets, terms } from '../../db/schema/planning.ts';
import { authorityInScope, inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { authorityById } from '../orgs/index.ts';
import { coverageCounts } from './planning.repository.ts';

// 届: the office's five-year terms, and what each says about 全覆盖 (coverage and 一托二 suggestions).

/** What a new term must cover, by the level of its authority (domain.md §5). */
const CITY_TARGET_KINDS = ['市直单位', '国有企业', '学校', '医院'];
const COUNTY_TARGET_KINDS = ['县直单位', '乡镇(街道)', '村(社区)', '国有企业', '学校', '医院', '垂直管理驻县单位'];

export type TermRow = typeof terms.$inferSelect;

async function termDto(db: Db, t: TermRow, on: string): Promise<TTerm> {
  const a = await authorityById(db, t.authorityId);
  return {
    id: t.id,
    authorityId: t.authorityId,
    authorityName: a?.shortName ?? '',
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
  const { db } = deps;
  const conds: SQL[] = [authorityInScope(scopeFor(ctx.actor, 'plan:read'), terms.authorityId)];
  if (q.authorityId) conds.push(eq(terms.authorityId, q.authorityId));
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['date', 'uuid'],
    after: ([start, id]) => sql`(${terms.startDate}, ${terms.id}) < (${start}::date, ${id}::uuid)`,
    count: () => countWhere(db, terms, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(terms)
        .where(and(...conds, from))
        .orderBy(desc(terms.startDate), desc(terms.id))
        .limit(n),
    key: (t) => [t.startDate, t.id],
  });
  const on = today(deps.clock);
  const items = [];
  for (const t of page.rows) items.push(await termDto(db, t, on));
  return { items, total: page.total, nextCursor: page.nextCursor };
}

export async function loadTerm(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'plan:read' | 'plan:write' = 'plan:read',
) {
  const scope = scopeFor(ctx.actor, permission);
  const t = (await deps.db.select().from(terms).where(eq(terms.id, id)))[0];
  if (!t || !inScope(scope, t.authorityId)) throw notFound('届期');
  return t;
}

export async function getTerm(deps: AppDeps, ctx: RequestCtx, id: string) {
  return termDto(deps.db, await loadTerm(deps, ctx, id), today(deps.clock));
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
  const scope = scopeFor(ctx.actor, 'plan:write');
  const authority = await authorityById(db, input.authorityId);
  if (!authority || !inScope(scope, input.authorityId)) throw notFound('巡察机构');
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    const clash = await overlapping(tx, input.authorityId, input.startDate, input.endDate);
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
    await auditAction(tx, now, ctx, 'term.create', { type: 'term', id }, { name: input.name });
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
    const clash = await overlapping(tx, t.authorityId, start, end, id);
    if (clash) throw new AppError(ErrorCode.Conflict, `与“${clash.name}”的届期重叠`);
    const { version, ...changes } = input;
    const res = await tx
      .update(terms)
      .set({ ...changes, version: t.version + 1 })
      .where(and(eq(terms.id, id), eq(terms.version, version)))
      .returning({ id: terms.id });
    if (!res.length)
      throw new AppError(ErrorCode.VersionConflict, '该届期已被他人修改，请刷新后重试', {
        current: await termDto(tx, t, today(deps.clock)),
      });
    await auditAction(tx, now, ctx, 'term.update', { type: 'term', id }, { fields: Object.keys(changes) });
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
  return coverageOfTerm(deps.db, t, today(deps.clock), uncoveredLimit);
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
  const cov = await coverageOfTerm(deps.db, t, today(deps.clock), 5_000);
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
