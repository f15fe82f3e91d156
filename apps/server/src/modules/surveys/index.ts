// The surveys module's front door: what other modules may use of questionnaires. Other modules
// import this file only, never the module's tables or inner files.
import { SURVEY_TEMPLATES, tallySurvey } from '@xc/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { surveyAnswers, surveyBatches, surveys } from '../../db/schema/surveys.ts';
import { auditAction } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { newCode } from '../../platform/public.ts';
import { forget } from './surveys.public.ts';
import { surveyUrl } from './surveys.service.ts';

export { sealPendingAnswers } from './surveys.at-rest.ts';
export { openSurveysFor } from './surveys.public.ts';
export { answerColumns, spentTokenMac } from './surveys.sealed.ts';
export { countSurveyAnswers } from './surveys.service.ts';

type Template = (typeof SURVEY_TEMPLATES)[number];

/**
 * A survey made from the engine's template and opened at once, as the builder's two steps would
 * leave it, with a fresh open code (drawn again on the rare clash), and its audit line.
 */
async function insertOpenSurvey(
  db: Db,
  ctx: RequestCtx,
  now: Date,
  s: {
    id: string;
    authorityId: string;
    tpl: Template;
    title: string;
    targetType: 'inspection' | 'team';
    targetId: string;
  },
  audit: Record<string, unknown>,
): Promise<string> {
  const { tpl } = s;
  let openCode = '';
  for (let attempt = 0; !openCode; attempt++) {
    if (attempt > 5) throw new Error('could not allocate a survey code');
    const code = newCode();
    const r = await db
      .insert(surveys)
      .values({
        id: s.id,
        authorityId: s.authorityId,
        kind: tpl.kind,
        title: s.title,
        intro: tpl.intro,
        status: 'open',
        targetType: s.targetType,
        inspectionId: s.targetType === 'inspection' ? s.targetId : null,
        teamId: s.targetType === 'team' ? s.targetId : null,
        questions: tpl.questions.map((q) => ({ ...q, options: q.options.map((o) => ({ ...o })) })),
        keyQuestionId: tpl.keyQuestionId,
        openCode: code,
        createdAt: now,
        createdByName: ctx.actor.displayName,
        // Created (1) and opened (2), as the builder's two steps would leave it.
        version: 2,
      })
      .onConflictDoNothing()
      .returning({ id: surveys.id });
    if (r.length) openCode = code;
  }
  await auditAction(
    db,
    now,
    ctx,
    'survey.create',
    { type: 'survey', id: s.id },
    { kind: tpl.kind, targetType: s.targetType, targetId: s.targetId, opened: true, ...audit },
  );
  return openCode;
}

function template(kind: Template['kind']): Template {
  const tpl = SURVEY_TEMPLATES.find((t) => t.kind === kind);
  if (!tpl) throw new Error(`no ${kind} template`);
  return tpl;
}

/**
 * For the rectification module: the 整改满意度测评 of one inspected organization, made from the
 * engine's template and opened at once (it goes on the organization's notice with its QR code).
 * No scope check: the caller checked the inspection. Returns the survey and its open link.
 */
export async function createRectificationSurvey(
  deps: AppDeps,
  ctx: RequestCtx,
  input: { authorityId: string; inspectionId: string; orgName: string },
  tx?: Db,
): Promise<{ id: string; openCode: string; openUrl: string }> {
  const tpl = template('rectificationSatisfaction');
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const write = async (db: Db) => {
    const survey = {
      id,
      authorityId: input.authorityId,
      tpl,
      title: `${input.orgName}${tpl.title}`,
      targetType: 'inspection' as const,
      targetId: input.inspectionId,
    };
    const openCode = await insertOpenSurvey(db, ctx, now, survey, {});
    return { id, openCode, openUrl: surveyUrl(deps, openCode) };
  };
  return tx ? write(tx) : deps.db.transaction(write);
}

/**
 * For the governance module: a 巡察组作风纪律评估 of one team, answered by one inspected organization,
 * made from the engine's template and opened at once, with a batch of `links` single-use links (the
 * office prints them through GET /api/survey-batches/{batchId}/codes.docx). Written in the caller's
 * transaction, so a refused issue leaves no survey behind. No scope check: the caller checked the
 * inspection.
 */
export async function createConductSurvey(
  deps: AppDeps,
  ctx: RequestCtx,
  input: { authorityId: string; teamId: string; title: string; links: number; note: string },
  tx: Db,
): Promise<{ id: string; batchId: string; openCode: string }> {
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const batchId = uuidv7(now.getTime());
  const survey = {
    id,
    authorityId: input.authorityId,
    tpl: template('teamConduct'),
    title: input.title,
    targetType: 'team' as const,
    targetId: input.teamId,
  };
  const openCode = await insertOpenSurvey(tx, ctx, now, survey, { batchId, count: input.links });
  await tx.insert(surveyBatches).values({
    id: batchId,
    surveyId: id,
    count: input.links,
    note: input.note,
    createdAt: now,
    createdByName: ctx.actor.displayName,
  });
  return { id, batchId, openCode };
}

/**
 * For the governance module: ends an open survey in the caller's transaction (its evaluation is
 * being tallied), so no answer arrives after the count. A survey already closed stays as it is.
 */
export async function closeSurveyIn(deps: AppDeps, ctx: RequestCtx, surveyId: string, tx: Db): Promise<void> {
  const done = await tx
    .update(surveys)
    .set({ status: 'closed', version: sql`${surveys.version} + 1` })
    .where(and(eq(surveys.id, surveyId), eq(surveys.status, 'open')))
    .returning({ id: surveys.id });
  forget(surveyId);
  if (!done.length) return;
  await auditAction(tx, deps.clock.now(), ctx, 'survey.close', { type: 'survey', id: surveyId });
}

/** For the governance module: the first batch of single-use links of each survey (the one printed). */
export async function firstBatchesOf(db: Db, surveyIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(surveyIds)];
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: surveyBatches.id, surveyId: surveyBatches.surveyId })
    .from(surveyBatches)
    .where(inArray(surveyBatches.surveyId, ids))
    .orderBy(asc(surveyBatches.createdAt), asc(surveyBatches.id));
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.surveyId)) out.set(r.surveyId, r.id);
  return out;
}

export interface SatisfactionOf {
  surveyId: string;
  title: string;
  status: string;
  openCode: string;
  openUrl: string;
  answers: number;
  /** Satisfied and valid answers of the key question, verified and unverified together. */
  satisfied: number;
  valid: number;
}

/**
 * For the rectification module: the satisfaction of some surveys (satisfied ÷ valid answers of the
 * key question, domain surveys/rules.ts), counted from the choice answers (free text stays sealed).
 * No scope check.
 */
export async function satisfactionOf(
  deps: AppDeps,
  surveyIds: readonly string[],
): Promise<Map<string, SatisfactionOf>> {
  const ids = [...new Set(surveyIds)];
  if (!ids.length) return new Map();
  const rows = await deps.db.select().from(surveys).where(inArray(surveys.id, ids));
  const sheets = await deps.db
    .select({ surveyId: surveyAnswers.surveyId, verified: surveyAnswers.verified, answers: surveyAnswers.answers })
    .from(surveyAnswers)
    .where(inArray(surveyAnswers.surveyId, ids));
  const out = new Map<string, SatisfactionOf>();
  for (const s of rows) {
    const mine = sheets.filter((x) => x.surveyId === s.id);
    const t = tallySurvey(
      { id: s.id, title: s.title, questions: s.questions, keyQuestionId: s.keyQuestionId },
      mine,
      0,
    );
    out.set(s.id, {
      surveyId: s.id,
      title: s.title,
      status: s.status,
      openCode: s.openCode,
      openUrl: surveyUrl(deps, s.openCode),
      answers: mine.length,
      satisfied: t.satisfaction?.all.satisfied ?? 0,
      valid: t.satisfaction?.all.valid ?? 0,
    });
  }
  return out;
}
