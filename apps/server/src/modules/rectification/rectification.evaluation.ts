import {
  AppError,
  ErrorCode,
  EVALUATION_RATERS,
  evaluationProblems,
  rectificationDeadlines,
  rectificationStageProblem,
  scoreEvaluation,
  type TEvaluation,
  type TEvaluationConclude,
  type TEvaluationDeductions,
  type TEvaluationGrade,
  type TEvaluationRater,
  type TRaterDeductions,
} from '@xc/domain';
import { and, eq, isNull } from 'drizzle-orm';
import { evaluationRatings, rectificationEvaluations } from '../../db/schema/rectification.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { orgsByIds } from '../orgs/index.ts';
import { teamMembersOf } from '../personnel/index.ts';
import { calendarFor, deadlinesFor, type InspectionRow, transitionInspection } from '../planning/index.ts';
import { createRectificationSurvey, satisfactionOf } from '../surveys/index.ts';
import { bad, conflict, isOfficeActor, rectInspection, stale, visibleTargets } from './rectification.access.ts';
import { actingOrg } from './rectification.reviews.ts';
import { rectificationSettingsOf } from './rectification.settings.ts';
import { rectificationFacts } from './rectification.stage.ts';

// 整改评估 (domain.md §4 evaluated): per organization, the office, the team and society deduct over
// the authority's scorecard, the public's satisfaction comes from the 整改满意度测评 of the survey
// engine, and concluding grades it (domain evaluation.ts). When every organization of the
// inspection is graded, the inspection moves to `evaluated` through planning's stage machine.

type EvalRow = typeof rectificationEvaluations.$inferSelect;

/** The evaluation records of an inspection's organizations, created empty on first use. */
async function ensureEvaluation(db: Db, insp: InspectionRow, orgId: string, now: Date): Promise<EvalRow> {
  await db
    .insert(rectificationEvaluations)
    .values({
      id: uuidv7(now.getTime()),
      authorityId: insp.authorityId,
      termId: insp.termId,
      roundId: insp.roundId,
      inspectionId: insp.id,
      orgId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  return (
    await db
      .select()
      .from(rectificationEvaluations)
      .where(and(eq(rectificationEvaluations.inspectionId, insp.id), eq(rectificationEvaluations.orgId, orgId)))
  )[0] as EvalRow;
}

async function evaluationDto(deps: AppDeps, insp: InspectionRow, e: EvalRow, orgName: string): Promise<TEvaluation> {
  const { db } = deps;
  const [{ settings }, ratings, cal, d] = await Promise.all([
    rectificationSettingsOf(db, insp.authorityId),
    db.select().from(evaluationRatings).where(eq(evaluationRatings.evaluationId, e.id)),
    calendarFor(db, insp.authorityId),
    deadlinesFor(db, insp.authorityId),
  ]);
  const card = settings.scorecard;
  const survey = e.surveyId ? (await satisfactionOf(deps, [e.surveyId])).get(e.surveyId) : undefined;
  const concluded = e.grade !== null;
  const satisfied = concluded ? e.satisfied : (survey?.satisfied ?? null);
  const valid = concluded ? e.valid : (survey?.valid ?? null);
  const rate = valid ? (satisfied ?? 0) / valid : null;
  const deductions: TRaterDeductions = Object.fromEntries(ratings.map((r) => [r.rater, r.deductions]));
  const problems = concluded ? [] : evaluationProblems(card, deductions, rate);
  const scored = problems.length === 0 ? scoreEvaluation(card, deductions, rate, e.veto) : null;
  const satItem = card.items.find((i) => i.source === 'satisfaction');
  return {
    id: e.id,
    inspectionId: e.inspectionId,
    orgId: e.orgId,
    orgName,
    scorecard: card,
    byRater: EVALUATION_RATERS.filter((r) => card.weights[r] > 0 || ratings.some((x) => x.rater === r)).map((rater) => {
      const x = ratings.find((y) => y.rater === rater);
      return {
        rater,
        weight: card.weights[rater],
        deductions: x?.deductions ?? {},
        score: scored?.byRater.find((b) => b.rater === rater)?.score ?? null,
        comments: x?.comments ?? null,
        ratedBy: x?.ratedByName ?? null,
      };
    }),
    survey: survey
      ? {
          id: survey.surveyId,
          title: survey.title,
          status: survey.status,
          openCode: survey.openCode,
          openUrl: survey.openUrl,
          answers: survey.answers,
          satisfied: survey.satisfied,
          valid: survey.valid,
        }
      : null,
    satisfactionRate: rate === null ? null : Math.round(rate * 10_000) / 10_000,
    satisfactionDeduction: satItem && scored ? scored.satisfactionDeduction : null,
    score: concluded ? (e.scoreHundredths ?? 0) / 100 : (scored?.score ?? null),
    grade: (e.grade as TEvaluationGrade | null) ?? null,
    veto: e.veto,
    dueOn: insp.feedbackDate ? rectificationDeadlines(insp.feedbackDate, d.settings, cal).evaluationDue : null,
    evaluatedOn: e.evaluatedOn,
    problems,
    version: e.version,
  };
}

export async function listEvaluations(deps: AppDeps, ctx: RequestCtx, inspectionId: string) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  const targets = await visibleTargets(deps, ctx, insp.id, 'rectification:read');
  const names = await orgsByIds(
    deps.db,
    targets.map((t) => t.orgId),
  );
  const now = deps.clock.now();
  const items = [];
  for (const t of targets) {
    const e = await ensureEvaluation(deps.db, insp, t.orgId, now);
    items.push(await evaluationDto(deps, insp, e, names.get(t.orgId)?.name ?? ''));
  }
  return { items };
}

/**
 * Evaluations are scored while the inspection is rectifying, and again at `evaluated` for an
 * organization whose evaluation an office leader reopened (复评 after further rectification).
 */
function assertEvaluating(insp: InspectionRow) {
  if (insp.stage !== 'rectifying' && insp.stage !== 'evaluated')
    throw conflict('巡察不在整改或整改评估阶段，不能开展整改评估');
}

/** The team's 组长 rates for the team; the office for itself and for society (and may enter the team's). */
async function assertRater(deps: AppDeps, ctx: RequestCtx, insp: InspectionRow, rater: TEvaluationRater) {
  if (isOfficeActor(ctx)) return;
  if (rater === 'team' && insp.teamId) {
    const roster = await teamMembersOf(deps.db, [insp.teamId]);
    if (roster.some((m) => m.userId === ctx.actor.userId && m.role === 'leader')) return;
  }
  throw new AppError(
    ErrorCode.Forbidden,
    rater === 'team' ? '只有巡察组组长或巡察办可以评分' : '只有巡察办可以录入该项评分',
  );
}

/** One rater's deductions (replacing its earlier ones) while the evaluation is open. */
export async function rateEvaluation(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TEvaluationDeductions,
) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'evaluation:score', { write: true });
  const org = await actingOrg(deps, ctx, insp.id, 'rectification:read', input.orgId);
  await assertRater(deps, ctx, insp, input.rater);
  await assertEvaluating(insp);
  const { settings } = await rectificationSettingsOf(deps.db, insp.authorityId);
  const problems = evaluationProblems(settings.scorecard, { [input.rater]: input.deductions }, 1).filter(
    (p) => !p.startsWith('尚缺'),
  );
  if (problems.length) throw bad(problems.join('；'), { problems });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const e = await ensureEvaluation(tx, insp, org.orgId, now);
    const res = await tx
      .update(rectificationEvaluations)
      .set({ version: e.version + 1, updatedAt: now })
      .where(
        and(
          eq(rectificationEvaluations.id, e.id),
          eq(rectificationEvaluations.version, e.version),
          isNull(rectificationEvaluations.grade),
        ),
      )
      .returning({ id: rectificationEvaluations.id });
    if (!res.length) throw conflict('整改评估已有结论或已被他人修改，请刷新后查看');
    const values = {
      deductions: input.deductions,
      comments: input.comments ?? null,
      ratedById: ctx.actor.userId,
      ratedByName: ctx.actor.displayName,
      ratedAt: now,
    };
    await tx
      .insert(evaluationRatings)
      .values({ evaluationId: e.id, rater: input.rater, ...values })
      .onConflictDoUpdate({ target: [evaluationRatings.evaluationId, evaluationRatings.rater], set: values });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.evaluation.rate',
      objectType: 'rectificationEvaluation',
      objectId: e.id,
      detail: { rater: input.rater, deductions: input.deductions },
    });
  });
  return listEvaluations(deps, ctx, insp.id);
}

/** Issues the 整改满意度测评 (survey engine template) for one organization, or each one still without. */
export async function issueSurveys(deps: AppDeps, ctx: RequestCtx, inspectionId: string, input: { orgId?: string }) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:supervise', { write: true });
  await assertEvaluating(insp);
  const targets = input.orgId
    ? [await actingOrg(deps, ctx, insp.id, 'rectification:supervise', input.orgId)]
    : await visibleTargets(deps, ctx, insp.id, 'rectification:supervise');
  const names = await orgsByIds(
    deps.db,
    targets.map((t) => t.orgId),
  );
  const now = deps.clock.now();
  const items = [];
  for (const t of targets) {
    const name = names.get(t.orgId)?.name ?? '';
    const out = await deps.db.transaction(async (tx) => {
      const e = await ensureEvaluation(tx, insp, t.orgId, now);
      if (e.surveyId) return { surveyId: e.surveyId, created: false };
      const s = await createRectificationSurvey(
        deps,
        ctx,
        { authorityId: insp.authorityId, inspectionId: insp.id, orgName: name },
        tx,
      );
      const res = await tx
        .update(rectificationEvaluations)
        .set({ surveyId: s.id, version: e.version + 1, updatedAt: now })
        .where(and(eq(rectificationEvaluations.id, e.id), isNull(rectificationEvaluations.surveyId)))
        .returning({ id: rectificationEvaluations.id });
      if (!res.length) throw conflict('该单位的整改满意度测评已由他人发起，请刷新后查看');
      return { surveyId: s.id, created: true };
    });
    const sat = (await satisfactionOf(deps, [out.surveyId])).get(out.surveyId);
    items.push({
      orgId: t.orgId,
      orgName: name,
      surveyId: out.surveyId,
      openCode: sat?.openCode ?? '',
      openUrl: sat?.openUrl ?? '',
      created: out.created,
    });
  }
  return { items };
}

/**
 * Concludes one organization's evaluation: the score and grade from the ratings and the survey as
 * they stand (domain scoreEvaluation). The last organization graded moves the inspection to
 * `evaluated`; what else that move needs (plans and reports passed by joint review) is checked
 * first, so a refused move writes nothing and names what is missing.
 */
export async function concludeEvaluation(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TEvaluationConclude,
) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:supervise', { write: true });
  const org = await actingOrg(deps, ctx, insp.id, 'rectification:supervise', input.orgId);
  await assertEvaluating(insp);
  if (input.evaluatedOn > today(deps.clock)) throw bad('评估日期不能晚于今天', { field: 'evaluatedOn' });
  if (insp.rectifyingStartDate && input.evaluatedOn < insp.rectifyingStartDate)
    throw bad('评估日期不能早于整改开始日期', { field: 'evaluatedOn' });
  const now = deps.clock.now();
  const e = await ensureEvaluation(deps.db, insp, org.orgId, now);
  if (e.grade !== null) throw conflict('该单位的整改评估已有结论');
  if (e.version !== input.version) throw stale('整改评估');
  // Everything but the grades themselves must be in place before any organization is graded.
  const facts = await rectificationFacts(deps.db, insp.id);
  const missing = rectificationStageProblem(
    'evaluated',
    facts.map((f) => ({ ...f, evaluationGrade: f.evaluationGrade ?? 'good' })),
  );
  if (missing) throw conflict(missing);
  const { settings } = await rectificationSettingsOf(deps.db, insp.authorityId);
  const ratings = await deps.db.select().from(evaluationRatings).where(eq(evaluationRatings.evaluationId, e.id));
  const deductions: TRaterDeductions = Object.fromEntries(ratings.map((r) => [r.rater, r.deductions]));
  const sat = e.surveyId ? (await satisfactionOf(deps, [e.surveyId])).get(e.surveyId) : undefined;
  const rate = sat?.valid ? sat.satisfied / sat.valid : null;
  const problems = evaluationProblems(settings.scorecard, deductions, rate);
  if (problems.length) throw bad(problems.join('；'), { problems });
  const scored = scoreEvaluation(settings.scorecard, deductions, rate, input.veto);
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(rectificationEvaluations)
      .set({
        satisfied: sat?.satisfied ?? null,
        valid: sat?.valid ?? null,
        scoreHundredths: Math.round(scored.score * 100),
        grade: scored.grade,
        veto: input.veto,
        evaluatedOn: input.evaluatedOn,
        concludedByName: ctx.actor.displayName,
        updatedAt: now,
        version: e.version + 1,
      })
      .where(
        and(
          eq(rectificationEvaluations.id, e.id),
          eq(rectificationEvaluations.version, input.version),
          isNull(rectificationEvaluations.grade),
        ),
      )
      .returning({ id: rectificationEvaluations.id });
    if (!res.length) throw stale('整改评估');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.evaluation.conclude',
      objectType: 'rectificationEvaluation',
      objectId: e.id,
      detail: {
        score: scored.score,
        grade: scored.grade,
        veto: input.veto,
        satisfied: sat?.satisfied,
        valid: sat?.valid,
      },
    });
  });
  if (insp.stage === 'rectifying' && facts.every((f) => f.orgId === org.orgId || f.evaluationGrade !== null)) {
    const fresh = await rectInspection(deps, ctx, insp.id, 'rectification:supervise');
    await transitionInspection(deps, ctx, insp.id, {
      version: fresh.version,
      to: 'evaluated',
      date: input.evaluatedOn,
    });
  }
  return listEvaluations(deps, ctx, insp.id);
}

/**
 * 复评: an office leader reopens a concluded evaluation of an organization not yet published (one
 * deferred for a poor grade, after further rectification); the ratings stay and may be replaced,
 * and concluding again grades it anew. The inspection stays where it is.
 */
export async function reopenEvaluation(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: { orgId?: string; version: number; reason: string },
) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:approve', { write: true });
  const org = await actingOrg(deps, ctx, insp.id, 'rectification:approve', input.orgId);
  if (insp.stage !== 'evaluated') throw conflict('只有处于整改评估阶段的巡察可以复评');
  const facts = await rectificationFacts(deps.db, insp.id);
  if (facts.find((f) => f.orgId === org.orgId)?.published) throw conflict('该单位的整改结果已公开，不能复评');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const e = await ensureEvaluation(tx, insp, org.orgId, now);
    if (e.grade === null) throw conflict('该单位的整改评估尚无结论，无需复评');
    const res = await tx
      .update(rectificationEvaluations)
      .set({
        grade: null,
        scoreHundredths: null,
        veto: null,
        evaluatedOn: null,
        concludedByName: null,
        updatedAt: now,
        version: e.version + 1,
      })
      .where(and(eq(rectificationEvaluations.id, e.id), eq(rectificationEvaluations.version, input.version)))
      .returning({ id: rectificationEvaluations.id });
    if (!res.length) throw stale('整改评估');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.evaluation.reopen',
      objectType: 'rectificationEvaluation',
      objectId: e.id,
      detail: { reason: input.reason, previousGrade: e.grade, previousScore: (e.scoreHundredths ?? 0) / 100 },
    });
  });
  return listEvaluations(deps, ctx, insp.id);
}
