import {
  AppError,
  CONDUCT_STAGE_LABELS,
  CONDUCT_STAGES,
  conductMemberLines,
  conductResults,
  conductSchedule,
  ErrorCode,
  meetsBar,
  satisfactionRate,
  type TConductEvaluation,
  type TConductIssue,
  type TConductResultLine,
  type TConductStage,
  type TConductTally,
} from '@xc/domain';
import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { conductEvaluations } from '../../db/schema/governance.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { orgsByIds } from '../orgs/index.ts';
import { type InspectorTeam, inspectorTeams, teamAccess, teamNamesByIds } from '../personnel/index.ts';
import {
  assertNotArchived,
  calendarFor,
  type InspectionRow,
  inspectionsById,
  loadInspection,
  roundsByIds,
  targetsOf,
} from '../planning/index.ts';
import { feedbackDatesOf } from '../rectification/index.ts';
import { closeSurveyIn, createConductSurvey, firstBatchesOf, satisfactionOf } from '../surveys/index.ts';
import { inGovernanceScope, termAuthority } from './governance.access.ts';
import { governanceSettingsOf } from './governance.settings.ts';

// 巡察组作风纪律评估: at the 反馈会 the office hands each inspected organization the team-conduct
// questionnaire (the surveys module's template) as single-use links, and again some working days
// later (domain conductSchedule). One row per inspection, organization and stage keeps the survey,
// the window and, once closed, the tally of the key question; results per team and round and each
// member's line in the appraisal history are computed from those rows. The team rated never sees
// its rating (as in the surveys module): not its members, nor office staff who sit on it.

type ConductRow = typeof conductEvaluations.$inferSelect;
type Status = TConductEvaluation['status'];

const WHAT = '作风纪律评估';
const conflict = (message: string) => new AppError(ErrorCode.Conflict, message);
const bad = (message: string, field: string) =>
  new AppError(ErrorCode.BadRequest, message, { issues: [{ path: field, message }] });

/** scheduled before the window, open in it (closesOn included), closed after it or once tallied. */
export function conductStatusOf(r: Pick<ConductRow, 'opensOn' | 'closesOn' | 'closedAt'>, on: string): Status {
  if (r.closedAt) return 'closed';
  if (on < r.opensOn) return 'scheduled';
  return on <= r.closesOn ? 'open' : 'closed';
}

/** The teams whose rating the caller may not read: the ones they sit on. */
async function ownTeams(deps: AppDeps, ctx: RequestCtx): Promise<Set<string>> {
  return new Set((await teamAccess(deps, ctx)).ownTeamIds);
}

/** The inspection if the caller's governance permission reaches it and the caller is not on its team; 404 otherwise. */
async function conductInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  permission: 'governance:read' | 'governance:manage',
): Promise<InspectionRow> {
  const insp = await loadInspection(deps, ctx, inspectionId, permission);
  if (insp.teamId && (await ownTeams(deps, ctx)).has(insp.teamId)) throw notFound('巡察');
  return insp;
}

/**
 * Satisfied and valid answers of each row: the stored tally once closed, else counted live from its
 * survey (so a window past its closing day reads its final figures before anyone closes it).
 */
async function talliesOf(deps: AppDeps, rows: readonly ConductRow[]) {
  const live = await satisfactionOf(
    deps,
    rows.filter((r) => !r.closedAt && r.surveyId).map((r) => r.surveyId as string),
  );
  return new Map(
    rows.map((r) => {
      if (r.closedAt) return [r.id, { satisfied: r.satisfied ?? 0, valid: r.valid ?? 0 }];
      const s = r.surveyId ? live.get(r.surveyId) : undefined;
      return [r.id, s ? { satisfied: s.satisfied, valid: s.valid } : null];
    }),
  );
}

const stageOrder = (s: string) => CONDUCT_STAGES.indexOf(s as TConductStage);

async function evaluationDtos(deps: AppDeps, rows: ConductRow[]): Promise<TConductEvaluation[]> {
  if (!rows.length) return [];
  const { db } = deps;
  const [inspections, teamNames, orgs, batches, tallies] = await Promise.all([
    inspectionsById(db, [...new Set(rows.map((r) => r.inspectionId))]),
    teamNamesByIds(
      db,
      rows.map((r) => r.teamId),
    ),
    orgsByIds(
      db,
      rows.map((r) => r.orgId),
    ),
    firstBatchesOf(
      db,
      rows.flatMap((r) => (r.surveyId ? [r.surveyId] : [])),
    ),
    talliesOf(deps, rows),
  ]);
  const on = today(deps.clock);
  return rows
    .map((r) => {
      const t = tallies.get(r.id) ?? null;
      return {
        id: r.id,
        inspectionId: r.inspectionId,
        inspectionName: inspections.get(r.inspectionId)?.label ?? '',
        roundId: r.roundId,
        teamId: r.teamId,
        teamName: teamNames.get(r.teamId) ?? '',
        orgId: r.orgId,
        orgName: orgs.get(r.orgId)?.name ?? '',
        stage: r.stage as TConductStage,
        surveyId: r.surveyId,
        batchId: r.surveyId ? (batches.get(r.surveyId) ?? null) : null,
        opensOn: r.opensOn,
        closesOn: r.closesOn,
        links: r.links,
        satisfied: t?.satisfied ?? null,
        valid: t?.valid ?? null,
        rate: t ? satisfactionRate(t.satisfied, t.valid) : null,
        meetsBar: t ? meetsBar(t.satisfied, t.valid) : null,
        status: conductStatusOf(r, on),
        version: r.version,
      };
    })
    .sort(
      (a, b) =>
        a.orgName.localeCompare(b.orgName, 'zh-CN') ||
        a.orgId.localeCompare(b.orgId) ||
        stageOrder(a.stage) - stageOrder(b.stage),
    );
}

async function rowsOfInspection(db: Db, inspectionId: string): Promise<ConductRow[]> {
  return db.select().from(conductEvaluations).where(eq(conductEvaluations.inspectionId, inspectionId));
}

/** GET /api/inspections/{id}/conduct-evaluations */
export async function listConductEvaluations(deps: AppDeps, ctx: RequestCtx, inspectionId: string) {
  const insp = await conductInspection(deps, ctx, inspectionId, 'governance:read');
  return { items: await evaluationDtos(deps, await rowsOfInspection(deps.db, insp.id)) };
}

/**
 * POST /api/inspections/{id}/conduct-evaluations: for each inspected organization with a 反馈会 (its
 * recorded meeting, else the inspection's feedback date), both questionnaires of domain
 * conductSchedule, each a survey with `links` single-use links. Without `orgIds`, the organizations
 * not yet issued; an (inspection, organization, stage) is issued once (409 the second time). All or
 * nothing: one transaction.
 */
export async function issueConductEvaluations(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TConductIssue,
) {
  const { db, clock } = deps;
  const insp = await conductInspection(deps, ctx, inspectionId, 'governance:manage');
  assertNotArchived(insp);
  const teamId = insp.teamId;
  if (!teamId) throw conflict('该巡察未组建巡察组，不能发放作风纪律评估');
  const targets = await targetsOf(db, [insp.id]);
  const meetings = await feedbackDatesOf(db, insp.id);
  const feedbackOn = (orgId: string) => meetings.get(orgId) ?? insp.feedbackDate ?? null;
  const existing = await rowsOfInspection(db, insp.id);
  const issued = new Set(existing.map((r) => r.orgId));
  const names = await orgsByIds(
    db,
    targets.map((t) => t.orgId),
  );
  const nameOf = (orgId: string) => names.get(orgId)?.name ?? '';

  let orgIds: string[];
  if (input.orgIds) {
    orgIds = [...new Set(input.orgIds)];
    if (orgIds.some((o) => !targets.some((t) => t.orgId === o)))
      throw bad('所选单位不是本次巡察的被巡察单位', 'orgIds');
    const undated = orgIds.filter((o) => !feedbackOn(o));
    if (undated.length)
      throw conflict(`${undated.map(nameOf).join('、')}尚未召开反馈会（未登记反馈会），不能发放作风纪律评估`);
    const again = orgIds.filter((o) => issued.has(o));
    if (again.length) throw conflict(`${again.map(nameOf).join('、')}的作风纪律评估已经发放，不能重复发放`);
  } else {
    const dated = targets.filter((t) => feedbackOn(t.orgId)).map((t) => t.orgId);
    if (!dated.length) throw conflict('该巡察尚未召开反馈会（未登记反馈会，也没有反馈日期），不能发放作风纪律评估');
    orgIds = dated.filter((o) => !issued.has(o));
    if (!orgIds.length) throw conflict('本次巡察的作风纪律评估已经发放，不能重复发放');
  }

  const { settings } = await governanceSettingsOf(db, insp.authorityId);
  const cal = await calendarFor(db, insp.authorityId);
  const teamName = (await teamNamesByIds(db, [teamId])).get(teamId) ?? '巡察组';
  const now = clock.now();
  await db.transaction(async (tx) => {
    for (const orgId of orgIds) {
      for (const w of conductSchedule(feedbackOn(orgId) as string, settings, cal)) {
        const survey = await createConductSurvey(
          deps,
          ctx,
          {
            authorityId: insp.authorityId,
            teamId,
            title: `${teamName}作风纪律评估（${nameOf(orgId)}·${CONDUCT_STAGE_LABELS[w.stage]}）`,
            links: input.links,
            note: `${CONDUCT_STAGE_LABELS[w.stage]}：${w.opensOn}至${w.closesOn}`,
          },
          tx,
        );
        const id = uuidv7(now.getTime());
        const done = await tx
          .insert(conductEvaluations)
          .values({
            id,
            authorityId: insp.authorityId,
            termId: insp.termId,
            roundId: insp.roundId,
            inspectionId: insp.id,
            teamId,
            orgId,
            stage: w.stage,
            surveyId: survey.id,
            opensOn: w.opensOn,
            closesOn: w.closesOn,
            links: input.links,
            createdById: ctx.actor.userId,
            createdByName: ctx.actor.displayName,
            createdAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: conductEvaluations.id });
        // Someone issued the same organization and stage meanwhile: the whole issue is undone.
        if (!done.length) throw conflict(`${nameOf(orgId)}的作风纪律评估已经发放，不能重复发放`);
        await writeAudit(tx, now, {
          ...auditOf(ctx),
          action: 'conduct.issue',
          objectType: 'conductEvaluation',
          objectId: id,
          detail: {
            inspectionId: insp.id,
            orgId,
            stage: w.stage,
            surveyId: survey.id,
            batchId: survey.batchId,
            links: input.links,
            opensOn: w.opensOn,
            closesOn: w.closesOn,
          },
        });
      }
    }
  });
  return { items: await evaluationDtos(deps, await rowsOfInspection(db, insp.id)) };
}

/**
 * POST /api/conduct-evaluations/{id}/close: ends the survey and stores the tally of its key question
 * under a new version. Of two closes at once, one answers 409.
 */
export async function closeConductEvaluation(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock } = deps;
  const row = (await db.select().from(conductEvaluations).where(eq(conductEvaluations.id, id)))[0];
  if (!row) throw notFound(WHAT);
  const insp = await conductInspection(deps, ctx, row.inspectionId, 'governance:manage').catch((e) => {
    if (e instanceof AppError && e.code === ErrorCode.NotFound) throw notFound(WHAT);
    throw e;
  });
  assertNotArchived(insp);
  if (row.closedAt) throw conflict('该测评已经结束');
  if (today(clock) < row.opensOn) throw conflict(`该测评${row.opensOn}才开始，尚不能结束`);
  const now = clock.now();
  await db.transaction(async (tx) => {
    // The survey stops taking answers first, so the count below is the final one.
    if (row.surveyId) await closeSurveyIn(deps, ctx, row.surveyId, tx);
    const tally = row.surveyId ? (await satisfactionOf({ ...deps, db: tx }, [row.surveyId])).get(row.surveyId) : null;
    const satisfied = tally?.satisfied ?? 0;
    const valid = tally?.valid ?? 0;
    const done = await tx
      .update(conductEvaluations)
      .set({ satisfied, valid, closedAt: now, version: row.version + 1 })
      .where(
        and(
          eq(conductEvaluations.id, row.id),
          eq(conductEvaluations.version, row.version),
          isNull(conductEvaluations.closedAt),
        ),
      )
      .returning({ id: conductEvaluations.id });
    if (!done.length) throw new AppError(ErrorCode.VersionConflict, '该测评已被他人结束或修改，请刷新后重试');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'conduct.close',
      objectType: 'conductEvaluation',
      objectId: row.id,
      detail: { surveyId: row.surveyId, satisfied, valid, version: row.version + 1 },
    });
  });
  const fresh = (await db.select().from(conductEvaluations).where(eq(conductEvaluations.id, row.id))) as ConductRow[];
  return (await evaluationDtos(deps, fresh))[0] as TConductEvaluation;
}

/** The tallies of some rows in the shape of domain conductResults. */
async function conductTallies(deps: AppDeps, rows: ConductRow[]): Promise<TConductTally[]> {
  const tallies = await talliesOf(deps, rows);
  return rows.map((r) => ({
    roundId: r.roundId,
    teamId: r.teamId,
    stage: r.stage as TConductStage,
    satisfied: tallies.get(r.id)?.satisfied ?? 0,
    valid: tallies.get(r.id)?.valid ?? 0,
  }));
}

/** GET /api/conduct-results?termId=&roundId=: per team and round against the bar, names resolved. */
export async function conductResultsOf(deps: AppDeps, ctx: RequestCtx, q: { termId: string; roundId?: string }) {
  const { db } = deps;
  await termAuthority(deps, ctx, q.termId, 'governance:read');
  const conds: SQL[] = [
    eq(conductEvaluations.termId, q.termId),
    inGovernanceScope(ctx, 'governance:read', conductEvaluations.authorityId),
  ];
  if (q.roundId) conds.push(eq(conductEvaluations.roundId, q.roundId));
  const own = await ownTeams(deps, ctx);
  const rows = (await db
    .select()
    .from(conductEvaluations)
    .where(and(...conds))) as ConductRow[];
  const results = conductResults(
    await conductTallies(
      deps,
      rows.filter((r) => !own.has(r.teamId)),
    ),
  );
  const [rounds, teams] = await Promise.all([
    roundsByIds(
      db,
      results.byRound.map((r) => r.roundId),
    ),
    teamNamesByIds(
      db,
      results.byTeam.map((t) => t.teamId),
    ),
  ]);
  return {
    ...results,
    names: {
      rounds: Object.fromEntries(results.byRound.map((r) => [r.roundId, rounds.get(r.roundId)?.name ?? ''])),
      teams: Object.fromEntries(results.byTeam.map((t) => [t.teamId, teams.get(t.teamId) ?? ''])),
    },
  };
}

/**
 * Each team an inspector served on as a line of the appraisal history (domain conductMemberLines).
 * Only for callers who see every team (the office and leaders), and never for a team the caller sits on.
 */
export async function conductLinesOf(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectorId: string,
  served: readonly InspectorTeam[],
): Promise<TConductResultLine[]> {
  const { db } = deps;
  const access = await teamAccess(deps, ctx);
  if (!access.allTeams) return [];
  const visible = served.filter((s) => !access.ownTeamIds.includes(s.teamId));
  if (!visible.length) return [];
  const rows = (await db
    .select()
    .from(conductEvaluations)
    .where(
      inArray(
        conductEvaluations.teamId,
        visible.map((s) => s.teamId),
      ),
    )) as ConductRow[];
  const results = conductResults(await conductTallies(deps, rows));
  const [rounds, teams] = await Promise.all([
    roundsByIds(
      db,
      visible.map((s) => s.roundId),
    ),
    teamNamesByIds(
      db,
      visible.map((s) => s.teamId),
    ),
  ]);
  return conductMemberLines(
    visible.map((s) => ({ inspectorId, roundId: s.roundId, teamId: s.teamId, role: s.role })),
    results,
    {
      round: (id) => {
        const r = rounds.get(id);
        return r ? `${r.termName}${r.name}` : '';
      },
      team: (id) => teams.get(id) ?? '巡察组',
    },
  );
}

/** GET /api/inspectors/{id}/conduct-history: 404 for an inspector out of reach, and for a team's own people. */
export async function conductHistory(deps: AppDeps, ctx: RequestCtx, inspectorId: string) {
  const served = await inspectorTeams(deps, ctx, inspectorId);
  if (!(await teamAccess(deps, ctx)).allTeams) throw notFound(`${WHAT}结果`);
  return { items: await conductLinesOf(deps, ctx, inspectorId, served) };
}
