import {
  combineSummaries,
  formatWan,
  ratio,
  type TRectInspectionList,
  type TRectificationSummary,
  type TRoundRectificationInspections,
  type TRoundRectificationStats,
  type TStage,
  type TTaskWarning,
  type TTermRectificationStats,
} from '@xc/domain';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  feedbacks,
  findingRectification,
  rectificationEvaluations,
  rectificationExtensions,
  rectificationOutcomes,
  rectificationPlans,
  rectificationTasks,
  ruleMakings,
} from '../../db/schema/rectification.ts';
import { notFound } from '../../platform/access.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { rowsOf } from '../../platform/db.ts';
import { findingCountsByTarget } from '../fieldwork/index.ts';
import { orgsByIds } from '../orgs/index.ts';
import {
  authorityOfPlanned,
  inspectionsById,
  inspectionsInScopeSql,
  loadRound,
  loadTerm,
  roundIdsOfTerm,
  roundsByIds,
  targetsOf,
} from '../planning/index.ts';
import {
  liaisonOrgIds,
  orgVisible,
  orgVisibleSql,
  RECT_STAGES,
  rectInspection,
  visibleRectInspectionIdsSql,
} from './rectification.access.ts';
import { warningSql } from './rectification.ledger.ts';
import { warnContexts } from './rectification.tasks.ts';

// 整改成效 summaries (contract of issue 12): findings handed over (inspections at feedback or later),
// rectified = with tasks, all written off; ongoing = any open task at 阶段性成果; the rest undone;
// rate = rectified ÷ findings to 4 decimals (domain ratio); money summed exactly in 分 and shown
// in 万元 with two decimals; extensions = approved ones; rules made = the figures added plus the
// entries of the 建章立制 register (domain summary.ts). Figures per inspection, round and term.

export type SummaryFilter = { inspectionId: string } | { roundId: string } | { termId: string };

const FEN_PER_CENT = 10_000n;

function filterOn(f: SummaryFilter, cols: { inspectionId: AnyPgColumn; roundId: AnyPgColumn; termId: AnyPgColumn }) {
  if ('inspectionId' in f) return eq(cols.inspectionId, f.inspectionId);
  if ('roundId' in f) return eq(cols.roundId, f.roundId);
  return eq(cols.termId, f.termId);
}

/** The inspections the caller sees at feedback or later, as ids. */
async function visibleRectIds(deps: AppDeps, ctx: RequestCtx): Promise<{ sql: SQL; ids: Set<string> }> {
  const visible = await visibleRectInspectionIdsSql(deps, ctx, 'rectification:read');
  const q = sql`select v.id as id from (${visible}) as v(id) where v.id in (${inspectionsInScopeSql({ all: true, authorityIds: [], orgIds: [] }, RECT_STAGES)})`;
  const ids = new Set(rowsOf<{ id: string }>(await deps.db.execute(q)).map((r) => r.id));
  return { sql: q, ids };
}

export interface TargetFigures {
  inspectionId: string;
  orgId: string;
  findings: number;
  rectified: number;
  ongoing: number;
}

/** Approved extensions, outcomes and register entries under a filter: in total, or (`byInspection`) per inspection. */
interface SideFigures {
  extensions: number;
  /** 分, exact. */
  fen: bigint;
  accountable: number;
  rulesMade: number;
}

async function sideFigures(
  deps: AppDeps,
  ctx: RequestCtx,
  f: SummaryFilter,
  inVisible: (col: AnyPgColumn) => SQL,
  byInspection: boolean,
): Promise<Map<string, SideFigures>> {
  const { db } = deps;
  // Grouped only when asked: the term summary stays one aggregate per table on its index.
  const key = (col: AnyPgColumn) => (byInspection ? sql<string>`${col}::text` : sql<string>`''`);
  const ex = rectificationExtensions;
  const extQ = db
    .select({ k: key(ex.inspectionId), n: sql<number>`count(*)::int` })
    .from(ex)
    .where(
      and(
        filterOn(f, ex),
        eq(ex.status, 'approved'),
        inVisible(ex.inspectionId),
        orgVisibleSql(ctx, 'rectification:read', ex.orgId),
      ),
    )
    .$dynamic();
  const o = rectificationOutcomes;
  const outQ = db
    .select({
      k: key(o.inspectionId),
      fen: sql<string>`coalesce(sum(${o.moneyFen}), 0)::text`,
      accountable: sql<number>`coalesce(sum(${o.accountable}), 0)::int`,
      rules: sql<number>`coalesce(sum(${o.rulesMade}), 0)::int`,
    })
    .from(o)
    .where(and(filterOn(f, o), inVisible(o.inspectionId), orgVisibleSql(ctx, 'rectification:read', o.orgId)))
    .$dynamic();
  const rm = ruleMakings;
  const regQ = db
    .select({ k: key(rm.inspectionId), n: sql<number>`count(*)::int` })
    .from(rm)
    .where(and(filterOn(f, rm), inVisible(rm.inspectionId), orgVisibleSql(ctx, 'rectification:read', rm.orgId)))
    .$dynamic();
  const [ext, out, reg] = byInspection
    ? await Promise.all([extQ.groupBy(ex.inspectionId), outQ.groupBy(o.inspectionId), regQ.groupBy(rm.inspectionId)])
    : await Promise.all([extQ, outQ, regQ]);
  const per = new Map<string, SideFigures>();
  const at = (k: string) => {
    let v = per.get(k);
    if (!v) {
      v = { extensions: 0, fen: 0n, accountable: 0, rulesMade: 0 };
      per.set(k, v);
    }
    return v;
  };
  for (const r of ext) at(r.k).extensions += Number(r.n);
  for (const r of out) {
    const v = at(r.k);
    v.fen += BigInt(r.fen);
    v.accountable += Number(r.accountable);
    v.rulesMade += Number(r.rules);
  }
  for (const r of reg) at(r.k).rulesMade += Number(r.n);
  return per;
}

/** One summary from finding counts and side figures (combineSummaries recomputes the rate; 万元 from 分 exactly). */
function summaryOf(n: { findings: number; rectified: number; ongoing: number }, side: SideFigures | undefined) {
  return combineSummaries([
    {
      findings: n.findings,
      rectified: n.rectified,
      ongoing: n.ongoing,
      undone: n.findings - n.rectified - n.ongoing,
      rate: 0,
      extensions: side?.extensions ?? 0,
      moneyRecovered: formatWan((side?.fen ?? 0n) / FEN_PER_CENT),
      accountable: side?.accountable ?? 0,
      rulesMade: side?.rulesMade ?? 0,
    },
  ]);
}

/**
 * The summary under a filter, with the figures per inspection and organization; with
 * `byInspection`, also the whole summary per inspection (`perInspection`, inspections with none absent).
 */
export async function summaryWithTargets(
  deps: AppDeps,
  ctx: RequestCtx,
  f: SummaryFilter,
  opts: { byInspection?: boolean } = {},
): Promise<{
  summary: TRectificationSummary;
  targets: TargetFigures[];
  inspectionIds: Set<string>;
  perInspection: Map<string, TRectificationSummary>;
}> {
  const { db } = deps;
  const vis = await visibleRectIds(deps, ctx);
  const inVisible = (col: AnyPgColumn) => sql`${col} in (${vis.sql})`;
  const counts = (await findingCountsByTarget(db, f)).filter((c) => vis.ids.has(c.inspectionId));
  const needPrimary = [...new Set(counts.filter((c) => !c.orgId).map((c) => c.inspectionId))];
  const targets = await targetsOf(db, needPrimary);
  const primaryOf = (i: string) =>
    (targets.find((t) => t.inspectionId === i && t.role === 'primary') ?? targets.find((t) => t.inspectionId === i))
      ?.orgId ?? '';
  const per = new Map<string, TargetFigures>();
  const at = (inspectionId: string, orgId: string) => {
    const k = `${inspectionId}|${orgId}`;
    let v = per.get(k);
    if (!v) {
      v = { inspectionId, orgId, findings: 0, rectified: 0, ongoing: 0 };
      per.set(k, v);
    }
    return v;
  };
  for (const c of counts) {
    const org = c.orgId ?? primaryOf(c.inspectionId);
    if (orgVisible(ctx, 'rectification:read', org)) at(c.inspectionId, org).findings += c.n;
  }
  const fr = findingRectification;
  const states = await db
    .select({ inspectionId: fr.inspectionId, orgId: fr.orgId, state: fr.state, n: sql<number>`count(*)::int` })
    .from(fr)
    .where(and(filterOn(f, fr), inVisible(fr.inspectionId), orgVisibleSql(ctx, 'rectification:read', fr.orgId)))
    .groupBy(fr.inspectionId, fr.orgId, fr.state);
  for (const s of states) {
    if (s.state === 'rectified') at(s.inspectionId, s.orgId).rectified += Number(s.n);
    else if (s.state === 'ongoing') at(s.inspectionId, s.orgId).ongoing += Number(s.n);
  }
  const side = await sideFigures(deps, ctx, f, inVisible, opts.byInspection === true);
  const list = [...per.values()];
  const add = (a: { findings: number; rectified: number; ongoing: number }, x: TargetFigures) => ({
    findings: a.findings + x.findings,
    rectified: a.rectified + x.rectified,
    ongoing: a.ongoing + x.ongoing,
  });
  const zero = { findings: 0, rectified: 0, ongoing: 0 };
  const perInspection = new Map<string, TRectificationSummary>();
  if (opts.byInspection) {
    const counted = new Map<string, typeof zero>();
    for (const x of list) counted.set(x.inspectionId, add(counted.get(x.inspectionId) ?? zero, x));
    for (const id of new Set([...counted.keys(), ...side.keys()]))
      perInspection.set(id, summaryOf(counted.get(id) ?? zero, side.get(id)));
  }
  const total = [...side.values()].reduce(
    (a, v) => ({
      extensions: a.extensions + v.extensions,
      fen: a.fen + v.fen,
      accountable: a.accountable + v.accountable,
      rulesMade: a.rulesMade + v.rulesMade,
    }),
    { extensions: 0, fen: 0n, accountable: 0, rulesMade: 0 },
  );
  return { summary: summaryOf(list.reduce(add, zero), total), targets: list, inspectionIds: vis.ids, perInspection };
}

/** GET /api/inspections/{id}/rectification-summary. */
export async function inspectionSummary(deps: AppDeps, ctx: RequestCtx, inspectionId: string) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  return (await summaryWithTargets(deps, ctx, { inspectionId: insp.id })).summary;
}

/** 404 unless the caller reaches the term (office, leaders, teams) or sees one of its inspections (a liaison). */
async function assertTerm(deps: AppDeps, ctx: RequestCtx, termId: string) {
  if (liaisonOrgIds(ctx, 'rectification:read') === null) return loadTerm(deps, ctx, termId, 'plan:read');
  const visible = await visibleRectInspectionIdsSql(deps, ctx, 'rectification:read');
  const hits = await deps.db
    .select({ id: rectificationTasks.id })
    .from(rectificationTasks)
    .where(and(eq(rectificationTasks.termId, termId), sql`${rectificationTasks.inspectionId} in (${visible})`))
    .limit(1);
  if (!hits.length) throw notFound('届次');
  return null;
}

/** GET /api/terms/{id}/rectification-summary. */
export async function termSummary(deps: AppDeps, ctx: RequestCtx, termId: string) {
  await assertTerm(deps, ctx, termId);
  return (await summaryWithTargets(deps, ctx, { termId })).summary;
}

/** GET /api/rounds/{id}/rectification-summary. */
export async function roundSummary(deps: AppDeps, ctx: RequestCtx, roundId: string) {
  if (liaisonOrgIds(ctx, 'rectification:read') === null) await loadRound(deps, ctx, roundId, 'rectification:read');
  const r = await summaryWithTargets(deps, ctx, { roundId });
  if (liaisonOrgIds(ctx, 'rectification:read') !== null && !r.targets.length) throw notFound('轮次');
  return r.summary;
}

/** Task counts by warning under a condition, on one authority's calendar and window. */
export async function warningCounts(deps: AppDeps, authorityId: string, where: SQL) {
  const w = await warnContexts(deps)(authorityId);
  const t = rectificationTasks;
  const count = (k: TTaskWarning) => sql<number>`count(*) filter (where ${warningSql(k, w)})::int`;
  const [row] = await deps.db
    .select({ red: count('red'), yellow: count('yellow'), green: count('green'), n: sql<number>`count(*)::int` })
    .from(t)
    .where(where);
  return {
    tasks: Number(row?.n ?? 0),
    warnings: { red: Number(row?.red ?? 0), yellow: Number(row?.yellow ?? 0), green: Number(row?.green ?? 0) },
  };
}

/** GET /api/terms/{id}/rectification-stats: per round, findings, rectified, rate and tasks by warning. */
export async function termStats(deps: AppDeps, ctx: RequestCtx, termId: string): Promise<TTermRectificationStats> {
  await assertTerm(deps, ctx, termId);
  const { summary, inspectionIds } = await summaryWithTargets(deps, ctx, { termId });
  const roundIds = await roundIdsOfTerm(deps.db, termId);
  const rounds = await roundsByIds(deps.db, roundIds);
  const t = rectificationTasks;
  const visible = [...inspectionIds];
  const out: TTermRectificationStats['rounds'] = [];
  for (const roundId of roundIds) {
    const round = rounds.get(roundId);
    if (!round) continue;
    const where = and(
      eq(t.roundId, roundId),
      visible.length ? inArray(t.inspectionId, visible) : sql`false`,
      orgVisibleSql(ctx, 'rectification:read', t.orgId),
    ) as SQL;
    const w = await warningCounts(deps, round.authorityId, where);
    const rs = await summaryWithTargets(deps, ctx, { roundId });
    out.push({
      roundId,
      roundName: round.name,
      findings: rs.summary.findings,
      rectified: rs.summary.rectified,
      rate: ratio(rs.summary.rectified, rs.summary.findings),
      tasks: w.tasks,
      warnings: w.warnings,
    });
  }
  out.sort((a, b) => (rounds.get(a.roundId)?.number ?? 0) - (rounds.get(b.roundId)?.number ?? 0));
  return { termId, summary, rounds: out };
}

// ---------------------------------------------------------------- the inspections under rectification

export interface TargetTaskCounts {
  tasks: number;
  writtenOff: number;
  red: number;
  yellow: number;
  green: number;
}

/** Tasks per inspection and organization (`inspectionId|orgId`) with their warnings, on one authority's calendar. */
export async function taskCountsByTarget(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  where: SQL,
): Promise<Map<string, TargetTaskCounts>> {
  const t = rectificationTasks;
  const w = await warnContexts(deps)(authorityId);
  const c = (k: TTaskWarning) => sql<number>`count(*) filter (where ${warningSql(k, w)})::int`;
  const rows = await deps.db
    .select({
      inspectionId: t.inspectionId,
      orgId: t.orgId,
      n: sql<number>`count(*)::int`,
      off: sql<number>`count(*) filter (where ${t.writtenOff})::int`,
      red: c('red'),
      yellow: c('yellow'),
      green: c('green'),
    })
    .from(t)
    .where(and(where, orgVisibleSql(ctx, 'rectification:read', t.orgId)))
    .groupBy(t.inspectionId, t.orgId);
  return new Map(
    rows.map((r) => [
      `${r.inspectionId}|${r.orgId}`,
      {
        tasks: Number(r.n),
        writtenOff: Number(r.off),
        red: Number(r.red),
        yellow: Number(r.yellow),
        green: Number(r.green),
      },
    ]),
  );
}

/** GET /api/rounds/{id}/rectification-stats: the round's summary and, per inspected organization, rate, tasks by warning and grade. */
export async function roundStats(deps: AppDeps, ctx: RequestCtx, roundId: string): Promise<TRoundRectificationStats> {
  const office = liaisonOrgIds(ctx, 'rectification:read') === null;
  if (office) await loadRound(deps, ctx, roundId, 'rectification:read');
  const round = (await roundsByIds(deps.db, [roundId])).get(roundId);
  const { summary, targets, inspectionIds } = await summaryWithTargets(deps, ctx, { roundId });
  if (!round || (!office && !targets.length)) throw notFound('轮次');
  const t = rectificationTasks;
  const ids = [...inspectionIds];
  const counts = await taskCountsByTarget(
    deps,
    ctx,
    round.authorityId,
    and(eq(t.roundId, roundId), ids.length ? inArray(t.inspectionId, ids) : sql`false`) as SQL,
  );
  const ev = rectificationEvaluations;
  const grades = await deps.db
    .select({ inspectionId: ev.inspectionId, orgId: ev.orgId, grade: ev.grade })
    .from(ev)
    .where(eq(ev.roundId, roundId));
  const orgs = await orgsByIds(
    deps.db,
    targets.map((x) => x.orgId),
  );
  const items = targets.map((x) => {
    const c = counts.get(`${x.inspectionId}|${x.orgId}`) ?? { tasks: 0, writtenOff: 0, red: 0, yellow: 0, green: 0 };
    const g = grades.find((r) => r.inspectionId === x.inspectionId && r.orgId === x.orgId)?.grade ?? null;
    return {
      inspectionId: x.inspectionId,
      orgId: x.orgId,
      orgName: orgs.get(x.orgId)?.name ?? '',
      findings: x.findings,
      rectified: x.rectified,
      rate: ratio(x.rectified, x.findings),
      tasks: c.tasks,
      writtenOff: c.writtenOff,
      warnings: { red: c.red, yellow: c.yellow, green: c.green },
      grade: g as TRoundRectificationStats['items'][number]['grade'],
    };
  });
  items.sort((a, b) => (a.orgName < b.orgName ? -1 : a.orgName > b.orgName ? 1 : 0));
  const sum = (k: 'red' | 'yellow' | 'green') => items.reduce((a, i) => a + i.warnings[k], 0);
  return {
    roundId,
    roundName: round.name,
    summary,
    warnings: { red: sum('red'), yellow: sum('yellow'), green: sum('green') },
    items,
  };
}

type RectBrief = Awaited<ReturnType<typeof inspectionsById>> extends Map<string, infer B> ? B : never;

const byLabel = (a: { label: string }, b: { label: string }) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

/**
 * The inspections at feedback or later the caller sees, described, by label. The stage, and the
 * authority a term or round belongs to, narrow the ids in SQL before any is described (describing
 * is what costs: planning's inspectionsById); the term and round are then matched exactly.
 */
async function rectBriefs(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { termId?: string | undefined; roundId?: string | undefined; stage?: string | undefined },
): Promise<RectBrief[]> {
  const stages = q.stage ? RECT_STAGES.filter((s) => s === q.stage) : RECT_STAGES;
  let scope = { all: true, authorityIds: [] as string[], orgIds: [] as string[] };
  if (q.roundId || q.termId) {
    // An inspection belongs to its round's authority, and the round to its term's.
    const authorityId = await authorityOfPlanned(deps.db, { roundId: q.roundId, termId: q.termId });
    if (!authorityId) return [];
    scope = { all: false, authorityIds: [authorityId], orgIds: [] };
  }
  const visible = await visibleRectInspectionIdsSql(deps, ctx, 'rectification:read');
  const ids = rowsOf<{ id: string }>(
    await deps.db.execute(
      sql`select v.id as id from (${visible}) as v(id) where v.id in (${inspectionsInScopeSql(scope, stages as TStage[])})`,
    ),
  ).map((r) => r.id);
  return [...(await inspectionsById(deps.db, ids)).values()]
    .filter((i) => (!q.termId || i.termId === q.termId) && (!q.roundId || i.roundId === q.roundId))
    .filter((i) => !q.stage || i.stage === q.stage)
    .sort(byLabel);
}

/** GET /api/rectification/inspections: inspections at feedback or later the caller sees, per organization. */
export async function listRectInspections(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { termId?: string | undefined; roundId?: string | undefined; stage?: string | undefined },
): Promise<TRectInspectionList> {
  const { db } = deps;
  const briefs = await rectBriefs(deps, ctx, q);
  const ids = briefs.map((b) => b.id);
  if (!ids.length) return { items: [] };
  const t = rectificationTasks;
  const byAuthority = new Map<string, string[]>();
  for (const b of briefs) {
    const list = byAuthority.get(b.authorityId);
    if (list) list.push(b.id);
    else byAuthority.set(b.authorityId, [b.id]);
  }
  // Tasks are counted on their authority's calendar and warning window, one query per authority.
  const [plans, fbs, ...perAuthority] = await Promise.all([
    db
      .select({
        inspectionId: rectificationPlans.inspectionId,
        orgId: rectificationPlans.orgId,
        status: rectificationPlans.status,
      })
      .from(rectificationPlans)
      .where(inArray(rectificationPlans.inspectionId, ids)),
    db
      .select({ inspectionId: feedbacks.inspectionId, orgId: feedbacks.orgId, meetingDate: feedbacks.meetingDate })
      .from(feedbacks)
      .where(inArray(feedbacks.inspectionId, ids)),
    ...[...byAuthority].map(([authorityId, list]) =>
      taskCountsByTarget(deps, ctx, authorityId, inArray(t.inspectionId, list)),
    ),
  ]);
  // One plan and one 反馈会 per inspection and organization (unique indexes).
  const planOf = new Map(plans.map((p) => [`${p.inspectionId}|${p.orgId}`, p.status]));
  const feedbackOf = new Map(fbs.map((f) => [`${f.inspectionId}|${f.orgId}`, f.meetingDate]));
  const counts = new Map<string, TargetTaskCounts>();
  for (const m of perAuthority) for (const [k, v] of m) counts.set(k, v);
  type Org = TRectInspectionList['items'][number]['orgs'][number];
  return {
    items: briefs.map((b) => {
      const orgs = b.targets
        .filter((x) => orgVisible(ctx, 'rectification:read', x.orgId))
        .map((x): Org => {
          const k = `${b.id}|${x.orgId}`;
          const c = counts.get(k) ?? { tasks: 0, writtenOff: 0, red: 0, yellow: 0, green: 0 };
          return {
            orgId: x.orgId,
            name: x.name,
            planStatus: (planOf.get(k) ?? 'draft') as Org['planStatus'],
            feedbackOn: feedbackOf.get(k) ?? null,
            tasks: c.tasks,
            writtenOff: c.writtenOff,
            warnings: { red: c.red, yellow: c.yellow, green: c.green },
          };
        });
      return {
        id: b.id,
        label: b.label,
        termId: b.termId,
        roundId: b.roundId,
        authorityId: b.authorityId,
        stage: b.stage,
        feedbackDate: b.feedbackDate,
        lookBackOfId: b.lookBackOfId ?? null,
        orgs,
        tasks: orgs.reduce((a, o) => a + o.tasks, 0),
        warnings: {
          red: orgs.reduce((a, o) => a + o.warnings.red, 0),
          yellow: orgs.reduce((a, o) => a + o.warnings.yellow, 0),
          green: orgs.reduce((a, o) => a + o.warnings.green, 0),
        },
      };
    }),
  };
}

/**
 * GET /api/rounds/{id}/rectification-inspections: the round's summary and each of its inspections
 * the caller sees with the same figures, so every total of the round drills down to an inspection.
 */
export async function roundInspections(
  deps: AppDeps,
  ctx: RequestCtx,
  roundId: string,
): Promise<TRoundRectificationInspections> {
  const office = liaisonOrgIds(ctx, 'rectification:read') === null;
  if (office) await loadRound(deps, ctx, roundId, 'rectification:read');
  const round = (await roundsByIds(deps.db, [roundId])).get(roundId);
  const [{ summary, perInspection }, briefs] = await Promise.all([
    summaryWithTargets(deps, ctx, { roundId }, { byInspection: true }),
    round ? rectBriefs(deps, ctx, { roundId }) : Promise.resolve([]),
  ]);
  if (!round || (!office && !briefs.length)) throw notFound('轮次');
  const zero = combineSummaries([]);
  return {
    roundId,
    roundName: round.name,
    termId: round.termId,
    summary,
    items: briefs.map((b) => ({
      inspectionId: b.id,
      label: b.label,
      stage: b.stage,
      feedbackDate: b.feedbackDate,
      orgs: b.targets
        .filter((x) => orgVisible(ctx, 'rectification:read', x.orgId))
        .map((x) => ({ orgId: x.orgId, name: x.name })),
      ...(perInspection.get(b.id) ?? zero),
    })),
  };
}
