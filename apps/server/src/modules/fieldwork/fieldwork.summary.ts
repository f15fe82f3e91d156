import type { TFieldworkSummary, TInspectionSummary } from '@xc/domain';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import {
  activities,
  clues,
  findings,
  interviews,
  meetingInspections,
  meetings,
  workingPapers,
} from '../../db/schema/fieldwork.ts';
import { authorityInScope, scopeFor } from '../../platform/access.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { rowsOf } from '../../platform/db.ts';
import { listTeams, teamAccess } from '../personnel/index.ts';
import { countPetitions } from '../petitions/index.ts';
import { inspectionsOfTeams, loadRound, loadTerm, roundIdsOfTerm, visibleInspectionIds } from '../planning/index.ts';
import { countSurveyAnswers } from '../surveys/index.ts';
import { workInspection } from './fieldwork.access.ts';
import { clueCounts, cluesVisible } from './fieldwork.clues.ts';
import { meetingCounts } from './fieldwork.meetings.ts';

// The counters of an inspection, a round and a term, always counted from the records: 谈话 人次,
// 调阅 份, 走访/座谈 次 (activities awaiting the 组长's approval do not count), 信访 件 and 问卷 份 through
// their modules, papers by 三审 step, findings, 立行立改, clues in 件 and 人 (what the caller may see).

const inList = (list: readonly string[], column: Parameters<typeof inArray>[0]): SQL =>
  list.length ? inArray(column, [...list]) : sql`false`;

/**
 * What one summary counts: `teamInspections` — the inspections whose teams record interviews and
 * activities; `where` — the condition on the tables that carry the term and round (papers,
 * findings, clues), within the inspections the caller sees.
 */
interface Scope {
  teamInspections: readonly string[];
  where: (t: typeof findings | typeof workingPapers | typeof clues) => SQL;
}

async function countsOf(deps: AppDeps, ctx: RequestCtx, scope: Scope) {
  const { db } = deps;
  const clueScope = and(await cluesVisible(deps, ctx, 'fieldwork:read'), scope.where(clues)) as SQL;
  // Inspections without a team of their own (授权巡察 carried out by a county) still have findings and clues.
  const withRecords = rowsOf<{ id: string }>(
    await db.execute(sql`
      select inspection_id as id from ${findings} where ${scope.where(findings)}
      union select inspection_id from ${clues} where ${scope.where(clues)}`),
  ).map((r) => r.id);
  const all = [...new Set([...scope.teamInspections, ...withRecords])];
  const [interviewRows, activityRows, paperRows, findingRows, clueNumbers, petitions, surveys] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(interviews)
      .where(inList(scope.teamInspections, interviews.inspectionId)),
    db
      .select({ kind: activities.kind, n: sql<number>`coalesce(sum(${activities.count}), 0)::int` })
      .from(activities)
      .where(and(inList(scope.teamInspections, activities.inspectionId), eq(activities.status, 'recorded')))
      .groupBy(activities.kind),
    db
      .select({ status: workingPapers.status, n: sql<number>`count(*)::int` })
      .from(workingPapers)
      .where(scope.where(workingPapers))
      .groupBy(workingPapers.status),
    db
      .select({
        n: sql<number>`count(*)::int`,
        immediate: sql<number>`count(*) filter (where ${findings.immediate})::int`,
      })
      .from(findings)
      .where(scope.where(findings)),
    clueCounts(db, clueScope),
    all.length ? countPetitions(db, { inspectionIds: all }) : 0,
    all.length ? countSurveyAnswers(db, all) : 0,
  ]);
  const act = (k: string) => Number(activityRows.find((r) => r.kind === k)?.n ?? 0);
  const papers = (...s: string[]) => paperRows.filter((r) => s.includes(r.status)).reduce((n, r) => n + Number(r.n), 0);
  const summary: TInspectionSummary = {
    activities: {
      interviews: Number(interviewRows[0]?.n ?? 0),
      documentReviews: act('documentReview'),
      visits: act('visit'),
      forums: act('forum'),
      meetings: act('meeting'),
      briefings: act('briefing'),
      covertVisits: act('covertVisit'),
    },
    petitions,
    surveys,
    workingPapers: {
      draft: papers('draft'),
      inReview: papers('deputyReview', 'leaderReview'),
      signedOff: papers('signedOff'),
    },
    findings: Number(findingRows[0]?.n ?? 0),
    immediateFixes: Number(findingRows[0]?.immediate ?? 0),
    clues: { cases: clueNumbers.cases, persons: clueNumbers.persons, personTimes: clueNumbers.personTimes },
  };
  return { summary, transferred: clueNumbers.transferred, inspections: all.length };
}

export async function inspectionSummary(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TInspectionSummary> {
  const insp = await workInspection(deps, ctx, id, 'fieldwork:read');
  return (await countsOf(deps, ctx, { teamInspections: [insp.id], where: (t) => eq(t.inspectionId, insp.id) })).summary;
}

/** The team-carried inspections of some rounds the caller sees: all for the office and leaders, a team's own for a team. */
async function teamInspectionsOf(deps: AppDeps, ctx: RequestCtx, roundIds: readonly string[]): Promise<string[]> {
  const teams = (await Promise.all(roundIds.map((r) => listTeams(deps, ctx, r)))).flatMap((t) => t.items);
  const access = await teamAccess(deps, ctx);
  const teamIds = teams.map((t) => t.id).filter((t) => access.allTeams || access.ownTeamIds.includes(t));
  return (await inspectionsOfTeams(deps.db, teamIds)).map((i) => i.id);
}

async function scopeSummary(
  deps: AppDeps,
  ctx: RequestCtx,
  teamInspections: string[],
  by: (t: typeof findings | typeof workingPapers | typeof clues) => SQL,
  meetingsWhere: SQL,
): Promise<TFieldworkSummary> {
  const visible = await visibleInspectionIds(deps, ctx, 'fieldwork:read');
  const where = (t: typeof findings | typeof workingPapers | typeof clues) =>
    and(by(t), sql`${t.inspectionId} in (${visible})`) as SQL;
  const { summary, transferred, inspections } = await countsOf(deps, ctx, { teamInspections, where });
  return {
    ...summary,
    inspections,
    transferredClues: transferred,
    meetings: await meetingCounts(deps.db, meetingsWhere),
  };
}

export async function roundSummary(deps: AppDeps, ctx: RequestCtx, roundId: string): Promise<TFieldworkSummary> {
  const round = await loadRound(deps, ctx, roundId);
  const list = await teamInspectionsOf(deps, ctx, [round.id]);
  const heard = sql`exists (select 1 from ${meetingInspections} mi join ${findings} f on f.inspection_id = mi.inspection_id
    where mi.meeting_id = ${meetings.id} and f.round_id = ${round.id})
    or exists (select 1 from ${meetingInspections} mi where mi.meeting_id = ${meetings.id} and ${inList(list, sql`mi.inspection_id`)})`;
  return scopeSummary(
    deps,
    ctx,
    list,
    (t) => eq(t.roundId, round.id),
    and(sql`(${heard})`, authorityInScope(scopeFor(ctx.actor, 'fieldwork:read'), meetings.authorityId)) as SQL,
  );
}

export async function termSummary(deps: AppDeps, ctx: RequestCtx, termId: string): Promise<TFieldworkSummary> {
  const term = await loadTerm(deps, ctx, termId);
  const list = await teamInspectionsOf(deps, ctx, await roundIdsOfTerm(deps.db, term.id));
  return scopeSummary(
    deps,
    ctx,
    list,
    (t) => eq(t.termId, term.id),
    and(
      eq(meetings.termId, term.id),
      authorityInScope(scopeFor(ctx.actor, 'fieldwork:read'), meetings.authorityId),
    ) as SQL,
  );
}
