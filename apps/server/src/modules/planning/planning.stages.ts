import {
  AppError,
  DEADLINE_ANCHORS,
  DEADLINE_KEYS,
  DEADLINE_LABELS,
  deadlineColour,
  describeDeadline,
  dueDate,
  ErrorCode,
  reachedStage,
  STAGE_DATE_FIELDS,
  STAGE_LABELS,
  type TInspection,
  type TInspectionDetail,
  TRANSITIONS,
  type TStage,
  transitionDateProblem,
  transitionOf,
  transitionProblem,
} from '@xc/domain';
import { and, desc, eq } from 'drizzle-orm';
import { inspectionEvents, inspections, rounds, terms } from '../../db/schema/planning.ts';
import { auditAction } from '../../platform/audit.ts';
import { shanghaiDate, today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { authoritiesByIds } from '../orgs/index.ts';
import { calendarFor, deadlinesFor } from './planning.calendar.ts';
import { type InspectionRow, inspectionDtos, loadInspection } from './planning.inspections.ts';
import type { RoundRow } from './planning.rounds.ts';
import type { TermRow } from './planning.terms.ts';

// The stage machine at work on one inspection (domain.md §4): its detail page with deadlines in
// colour and the moves it allows, the moves themselves, and the 双报告一报备 dates.

/** When each deadline counts as met, from the stage the inspection reached. */
const DEADLINE_DONE_AT: Record<(typeof DEADLINE_KEYS)[number], TStage> = {
  noticeBeforeEntry: 'onSite',
  reportAfterExit: 'feedback',
  planAfterFeedback: 'rectifying',
  rectificationReportAfterFeedback: 'evaluated',
  clueFeedbackAfterTransfer: 'rectifying',
  evaluationAfterConcentratedEnd: 'evaluated',
};

/** The first prerequisite another module reports missing for moving forward to `to`, or null. */
async function guardProblem(deps: AppDeps, r: InspectionRow, to: TStage): Promise<string | null> {
  for (const guard of deps.stageGuards) {
    const problem = await guard(deps.db, r, to);
    if (problem) return problem;
  }
  return null;
}

export async function getInspection(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TInspectionDetail> {
  const r = await loadInspection(deps, ctx, id);
  return inspectionDetail(deps, ctx, r);
}

async function inspectionDetail(deps: AppDeps, ctx: RequestCtx, r: InspectionRow): Promise<TInspectionDetail> {
  const { db } = deps;
  const [dto] = await inspectionDtos(db, [r]);
  const round = (await db.select().from(rounds).where(eq(rounds.id, r.roundId)))[0] as RoundRow;
  const term = (await db.select().from(terms).where(eq(terms.id, r.termId)))[0] as TermRow;
  const names = await authoritiesByIds(db, [r.authorityId, r.authorizedAuthorityId]);
  const nameOf = (aid: string | null) => (aid ? (names.get(aid)?.shortName ?? null) : null);
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
  const on = today(deps.clock);
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
  const actions = [];
  for (const t of TRANSITIONS.filter((x) => x.from === r.stage)) {
    const reason = ctx.actor.permissions.has('inspection:transition')
      ? (transitionProblem(t.from, t.to, ctx.actor.roles, have) ??
        (t.direction === 'forward' ? await guardProblem(deps, r, t.to) : null))
      : '没有变更巡察阶段的权限';
    actions.push({ to: t.to, action: t.action, direction: t.direction, allowed: reason === null, reason });
  }
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
 * Move an inspection to the next (or previous) stage. The update is conditional on the stage and
 * version read, so of two people clicking at once only one moves it.
 */
export async function transitionInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; to: TStage; date: string; note?: string },
) {
  const move = await prepareTransition(deps, ctx, id, input);
  await deps.db.transaction((tx) => move(tx));
  return getInspection(deps, ctx, id);
}

/**
 * The checks of a move, then the move itself as a function of a transaction: transitionInspection
 * runs it alone; the archive (issue 13) runs it in the transaction that files the inspection's
 * documents, so the files and the stage `archived` are written together or not at all.
 */
export async function prepareTransition(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; to: TStage; date: string; note?: string },
): Promise<(tx: Db) => Promise<void>> {
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
    const missing = await guardProblem(deps, r, input.to);
    if (missing) throw new AppError(ErrorCode.Conflict, missing);
  }
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
  return async (tx) => {
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
    await auditAction(
      tx,
      now,
      ctx,
      'inspection.transition',
      { type: 'inspection', id },
      { from, to: input.to, date: input.date },
    );
  };
}
