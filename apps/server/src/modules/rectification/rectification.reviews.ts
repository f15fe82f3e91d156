import {
  AppError,
  ErrorCode,
  findingRectification,
  jointReviewOutcome,
  planProblems,
  REVIEW_SUBJECT_LABELS,
  returnedCommentsText,
  submissionActionFor,
  submissionMove,
  type TJointReview,
  type TPermission,
  type TReviewRating,
  type TReviewRatingCreate,
  type TReviewSubject,
  type TSubmissionStatus,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import {
  jointReviews,
  rectificationPlans,
  rectificationReports,
  reviewPartyMembers,
  reviewRatings,
} from '../../db/schema/rectification.ts';
import { notFound, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { type FindingBrief, findingsOfInspections } from '../fieldwork/index.ts';
import { orgsByIds } from '../orgs/index.ts';
import { teamAccess, teamMembersOf } from '../personnel/index.ts';
import { inspectionsById, inspectionsOfTeams, targetsOf } from '../planning/index.ts';
import { bad, conflict, orgVisible, rectInspection, visibleTargets } from './rectification.access.ts';
import { rectificationSettingsOf } from './rectification.settings.ts';
import { tasksOfFindings } from './rectification.tasks.ts';

// 联合会审 (domain.md §5 Joint review): a plan or a report goes to the authority's 3–5 parties, each
// rates 好/中/差 once per round; any 差 sends it back at once with the comments given so far
// (domain review.ts) and the parties yet to rate are no longer asked; it passes when every party
// has rated and none 差. A send-back closes the round; the resubmission opens the next one, so
// the history of every round is kept.

type ReviewRow = typeof jointReviews.$inferSelect;

/** The party of the joint review group the 组长 of the inspecting team sits for. */
export const TEAM_PARTY = 'team';

/**
 * Opens a round of review of a subject (in the caller's transaction): the parties are those of the
 * authority's settings now, kept with the round so a later change of settings leaves it alone.
 */
export async function openReview(
  deps: AppDeps,
  tx: Db,
  s: {
    authorityId: string;
    inspectionId: string;
    orgId: string;
    subject: TReviewSubject;
    subjectId: string;
    round: number;
  },
): Promise<string> {
  const { settings } = await rectificationSettingsOf(tx, s.authorityId);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await tx.insert(jointReviews).values({
    id,
    ...s,
    parties: settings.reviewParties.map((p) => ({ key: p.key, name: p.name })),
    outcome: 'pending',
    submittedOn: today(deps.clock),
    createdAt: now,
  });
  return id;
}

/** Reviews with their ratings, as ZJointReview. */
export async function reviewDtos(db: Db, rows: ReviewRow[]): Promise<TJointReview[]> {
  if (!rows.length) return [];
  const ratings = await db
    .select()
    .from(reviewRatings)
    .where(
      inArray(
        reviewRatings.reviewId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(reviewRatings.ratedAt), asc(reviewRatings.id));
  const orgs = await orgsByIds(
    db,
    rows.map((r) => r.orgId),
  );
  return rows.map((r) => {
    const names = new Map(r.parties.map((p) => [p.key, p.name]));
    return {
      id: r.id,
      subject: r.subject as TReviewSubject,
      subjectId: r.subjectId,
      inspectionId: r.inspectionId,
      orgId: r.orgId,
      orgName: orgs.get(r.orgId)?.name ?? '',
      round: r.round,
      parties: r.parties,
      ratings: ratings
        .filter((x) => x.reviewId === r.id)
        .map((x) => ({
          party: x.party,
          partyName: names.get(x.party) ?? x.party,
          rating: x.rating as TReviewRating,
          comments: x.comments,
          ratedBy: x.ratedByName ? (x.onBehalf ? `${x.ratedByName}（代录）` : x.ratedByName) : null,
          ratedAt: x.ratedAt.toISOString(),
        })),
      outcome: r.outcome as TJointReview['outcome'],
      submittedOn: r.submittedOn,
      decidedOn: r.decidedOn,
    };
  });
}

/** Every round of review of some subjects, newest first. */
export async function reviewsOfSubjects(db: Db, subjectIds: readonly string[]): Promise<TJointReview[]> {
  if (!subjectIds.length) return [];
  const rows = await db
    .select()
    .from(jointReviews)
    .where(inArray(jointReviews.subjectId, [...subjectIds]))
    .orderBy(desc(jointReviews.round));
  return reviewDtos(db, rows);
}

// ---------------------------------------------------------------- who may rate for which party

interface RaterSeat {
  /** Parties the caller sits for in this review (membership, or the team's 组长). */
  own: string[];
  /** Office staff entering a face-to-face 会审: any party, on behalf. */
  office: boolean;
}

async function raterSeat(deps: AppDeps, ctx: RequestCtx, r: ReviewRow): Promise<RaterSeat> {
  const own: string[] = [];
  const keys = new Set(r.parties.map((p) => p.key));
  const member = await deps.db
    .select()
    .from(reviewPartyMembers)
    .where(and(eq(reviewPartyMembers.authorityId, r.authorityId), eq(reviewPartyMembers.userId, ctx.actor.userId)));
  for (const m of member) if (keys.has(m.partyKey)) own.push(m.partyKey);
  if (keys.has(TEAM_PARTY) && !own.includes(TEAM_PARTY)) {
    const insp = (await inspectionsById(deps.db, [r.inspectionId])).get(r.inspectionId);
    if (insp?.teamId) {
      const roster = await teamMembersOf(deps.db, [insp.teamId]);
      if (roster.some((m) => m.userId === ctx.actor.userId && m.role === 'leader')) own.push(TEAM_PARTY);
    }
  }
  // The office supervising the authority's rectification enters a face-to-face 会审 for any party.
  const s = scopeFor(ctx.actor, 'rectification:supervise');
  const office = ctx.actor.permissions.has('review:rate') && (s.all || s.authorityIds.includes(r.authorityId));
  return { own, office };
}

/** The parties the caller may still rate for in this round. */
async function canRate(deps: AppDeps, ctx: RequestCtx, r: ReviewRow, rated: readonly string[]): Promise<string[]> {
  if (r.outcome !== 'pending' || !ctx.actor.permissions.has('review:rate')) return [];
  const seat = await raterSeat(deps, ctx, r);
  const may = seat.office ? r.parties.map((p) => p.key) : seat.own;
  return may.filter((k) => !rated.includes(k));
}

// ---------------------------------------------------------------- reading

/**
 * A review the caller may read: whoever sees the inspection's rectification and the organization
 * (the office, the team, the joint reviewers of the authority, the organization's liaison), and a
 * party member seated for it. Anything else is 404.
 */
export async function loadReview(deps: AppDeps, ctx: RequestCtx, id: string): Promise<ReviewRow> {
  const r = (await deps.db.select().from(jointReviews).where(eq(jointReviews.id, id)))[0];
  if (!r) throw notFound('会审');
  if ((await raterSeat(deps, ctx, r)).own.length) return r;
  await rectInspection(deps, ctx, r.inspectionId, 'rectification:read').catch(() => {
    throw notFound('会审');
  });
  if (!orgVisible(ctx, 'rectification:read', r.orgId)) throw notFound('会审');
  return r;
}

export async function reviewWithCanRate(deps: AppDeps, ctx: RequestCtx, r: ReviewRow) {
  const [dto] = await reviewDtos(deps.db, [r]);
  const d = dto as TJointReview;
  const label = (await inspectionsById(deps.db, [r.inspectionId])).get(r.inspectionId)?.label ?? '';
  return {
    ...d,
    inspectionLabel: label,
    canRate: await canRate(
      deps,
      ctx,
      r,
      d.ratings.map((x) => x.party),
    ),
  };
}

/** Title of the subject of some reviews: 整改方案 / 整改报告 … with the organization. */
export async function subjectTitles(db: Db, rows: ReviewRow[]): Promise<Map<string, string>> {
  const reportIds = rows.filter((r) => r.subject !== 'plan').map((r) => r.subjectId);
  const reports = reportIds.length
    ? await db
        .select({ id: rectificationReports.id, title: rectificationReports.title })
        .from(rectificationReports)
        .where(inArray(rectificationReports.id, reportIds))
    : [];
  const titleOf = new Map(reports.map((r) => [r.id, r.title]));
  return new Map(
    rows.map((r) => [
      r.id,
      r.subject === 'plan'
        ? REVIEW_SUBJECT_LABELS.plan
        : (titleOf.get(r.subjectId) ?? REVIEW_SUBJECT_LABELS[r.subject as TReviewSubject]),
    ]),
  );
}

/**
 * My pending reviews: rounds still open where a party I sit for (by membership, or the team's
 * 组长 for the team party) has not rated yet, oldest first.
 */
export async function myPendingReviews(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { party?: string; limit: number; cursor?: string },
) {
  const { db } = deps;
  const seats: { party: string; where: SQL }[] = [];
  const memberships = await db.select().from(reviewPartyMembers).where(eq(reviewPartyMembers.userId, ctx.actor.userId));
  for (const m of memberships)
    seats.push({ party: m.partyKey, where: eq(jointReviews.authorityId, m.authorityId) as SQL });
  // The 组长 rates for the team on the inspections their team carries out.
  const teamsLed = await teamLedBy(deps, ctx);
  if (teamsLed.length) {
    const insps = await inspectionsOfTeams(db, teamsLed);
    if (insps.length)
      seats.push({
        party: TEAM_PARTY,
        where: inArray(
          jointReviews.inspectionId,
          insps.map((i) => i.id),
        ),
      });
  }
  const wanted = seats.filter((s) => !q.party || s.party === q.party);
  const open = wanted.length
    ? (or(
        ...wanted.map(
          (s) =>
            and(
              s.where,
              sql`${jointReviews.parties} @> ${JSON.stringify([{ key: s.party }])}::jsonb`,
              sql`not exists (select 1 from ${reviewRatings} where ${reviewRatings.reviewId} = ${jointReviews.id} and ${reviewRatings.party} = ${s.party})`,
            ) as SQL,
        ),
      ) as SQL)
    : sql`false`;
  const conds = and(eq(jointReviews.outcome, 'pending'), open);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['timestamp', 'uuid'],
    after: ([at, id]) => sql`(${jointReviews.createdAt}, ${jointReviews.id}) > (${at}::timestamptz, ${id}::uuid)`,
    count: () => countWhere(db, jointReviews, conds),
    fetch: (from, n) =>
      db
        .select()
        .from(jointReviews)
        .where(and(conds, from))
        .orderBy(asc(jointReviews.createdAt), asc(jointReviews.id))
        .limit(n),
    key: (r) => [r.createdAt.toISOString(), r.id],
  });
  const titles = await subjectTitles(db, page.rows);
  const orgs = await orgsByIds(
    db,
    page.rows.map((r) => r.orgId),
  );
  const rated = page.rows.length
    ? await db
        .select({ reviewId: reviewRatings.reviewId, party: reviewRatings.party })
        .from(reviewRatings)
        .where(
          inArray(
            reviewRatings.reviewId,
            page.rows.map((r) => r.id),
          ),
        )
    : [];
  return {
    items: page.rows.map((r) => {
      const mine = wanted.find(
        (s) =>
          r.parties.some((p) => p.key === s.party) && !rated.some((x) => x.reviewId === r.id && x.party === s.party),
      );
      return {
        reviewId: r.id,
        subject: r.subject as TReviewSubject,
        subjectId: r.subjectId,
        title: titles.get(r.id) ?? '',
        inspectionId: r.inspectionId,
        orgName: orgs.get(r.orgId)?.name ?? '',
        party: mine?.party ?? '',
        round: r.round,
        submittedOn: r.submittedOn,
      };
    }),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}

async function teamLedBy(deps: AppDeps, ctx: RequestCtx): Promise<string[]> {
  if (!ctx.actor.roles.includes('teamLeader')) return [];
  const a = await teamAccess(deps, ctx);
  const roster = await teamMembersOf(deps.db, a.ownTeamIds);
  return [...new Set(roster.filter((m) => m.userId === ctx.actor.userId && m.role === 'leader').map((m) => m.teamId))];
}

// ---------------------------------------------------------------- rating

/**
 * One party's rating. The review row is locked first, so two ratings at once are decided in turn:
 * a second rating of the same party, or any rating after the round was decided (a 差 decides it
 * at once), answers 409. A 差, or the last party's rating, decides the round and the subject moves
 * (domain submissionMove).
 */
export async function rateReview(deps: AppDeps, ctx: RequestCtx, r: ReviewRow, input: TReviewRatingCreate) {
  const seat = await raterSeat(deps, ctx, r);
  const keys = r.parties.map((p) => p.key);
  let party: string;
  let onBehalf = false;
  if (input.party) {
    if (!keys.includes(input.party)) throw bad('该会审单位不参加本轮联合会审', { field: 'party' });
    if (seat.own.includes(input.party)) party = input.party;
    else if (seat.office) {
      party = input.party;
      onBehalf = true;
    } else throw new AppError(ErrorCode.Forbidden, '您不是该会审单位的会审人员');
  } else if (seat.own.length === 1) party = seat.own[0] as string;
  else if (seat.own.length > 1) throw bad('您同时是多个会审单位的会审人员，请选择会审单位', { field: 'party' });
  else if (seat.office) throw bad('代为录入会审意见须选择会审单位', { field: 'party' });
  else throw new AppError(ErrorCode.Forbidden, '您不是本次联合会审的会审单位成员');

  const now = deps.clock.now();
  const on = today(deps.clock);
  await deps.db.transaction(async (tx) => {
    const cur = (await tx.select().from(jointReviews).where(eq(jointReviews.id, r.id)).for('update'))[0];
    if (cur?.outcome !== 'pending') throw conflict('本轮联合会审已有结论，不能再评定');
    const ratings = await tx.select().from(reviewRatings).where(eq(reviewRatings.reviewId, r.id));
    const partyName = cur.parties.find((p) => p.key === party)?.name ?? party;
    if (ratings.some((x) => x.party === party)) throw conflict(`${partyName}已在本轮会审中评定，不能重复评定`);
    await tx.insert(reviewRatings).values({
      id: uuidv7(now.getTime()),
      reviewId: r.id,
      party,
      rating: input.rating,
      comments: input.comments,
      ratedById: ctx.actor.userId,
      ratedByName: ctx.actor.displayName,
      onBehalf,
      ratedAt: now,
    });
    const all = [
      ...ratings.map((x) => ({ party: x.party, rating: x.rating as TReviewRating, comments: x.comments })),
      { party, rating: input.rating, comments: input.comments },
    ];
    const result = jointReviewOutcome(cur.parties, all);
    const action = submissionActionFor(result);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.review.rate',
      objectType: 'jointReview',
      objectId: r.id,
      detail: { party, rating: input.rating, onBehalf, outcome: result.outcome },
    });
    if (!action) return;
    const decided = await tx
      .update(jointReviews)
      .set({ outcome: result.outcome, decidedOn: on, version: cur.version + 1 })
      .where(and(eq(jointReviews.id, r.id), eq(jointReviews.outcome, 'pending')))
      .returning({ id: jointReviews.id });
    if (!decided.length) throw conflict('本轮联合会审已有结论，不能再评定');
    await moveSubject(tx, cur, action, {
      on,
      now,
      comments: result.outcome === 'returned' ? returnedCommentsText(result) : null,
    });
  });
  const fresh = (await deps.db.select().from(jointReviews).where(eq(jointReviews.id, r.id)))[0] as ReviewRow;
  return reviewWithCanRate(deps, ctx, fresh);
}

/** The plan or report of a decided round: returned (editable again, with the comments) or accepted. */
async function moveSubject(
  tx: Db,
  r: ReviewRow,
  action: 'return' | 'accept' | 'submit',
  at: { on: string; now: Date; comments: string | null },
): Promise<void> {
  const table = r.subject === 'plan' ? rectificationPlans : rectificationReports;
  const row = (await tx.select().from(table).where(eq(table.id, r.subjectId)))[0];
  if (!row) throw notFound(REVIEW_SUBJECT_LABELS[r.subject as TReviewSubject]);
  const move = submissionMove(row.status as TSubmissionStatus, action);
  if (!move.ok) throw conflict(move.problem);
  const set: Record<string, unknown> = { status: move.status, updatedAt: at.now, version: row.version + 1 };
  if (move.status === 'accepted') set.acceptedOn = at.on;
  if (r.subject === 'plan') set.returnedComments = move.status === 'returned' ? at.comments : null;
  const res = await tx
    .update(table)
    .set(set)
    .where(and(eq(table.id, row.id), eq(table.status, row.status), eq(table.version, row.version)))
    .returning({ id: table.id });
  if (!res.length) throw conflict('会审事项已被他人修改，请刷新后重试');
}

/**
 * Sends a plan or report to review (draft or returned → inReview) under the version read, and
 * opens the next round. Returns the review's id.
 */
export async function submitSubject(
  deps: AppDeps,
  ctx: RequestCtx,
  s: {
    subject: TReviewSubject;
    row: { id: string; status: string; version: number; authorityId: string; inspectionId: string; orgId: string };
    version: number;
    round: number;
  },
): Promise<string> {
  const move = submissionMove(s.row.status as TSubmissionStatus, 'submit');
  if (!move.ok) throw conflict(move.problem);
  const now = deps.clock.now();
  const on = today(deps.clock);
  return deps.db.transaction(async (tx) => {
    const isPlan = s.subject === 'plan';
    const res = isPlan
      ? await tx
          .update(rectificationPlans)
          .set({
            status: 'inReview',
            reviewRound: s.round,
            submittedOn: on,
            updatedAt: now,
            version: s.row.version + 1,
          })
          .where(
            and(
              eq(rectificationPlans.id, s.row.id),
              eq(rectificationPlans.status, s.row.status),
              eq(rectificationPlans.version, s.version),
            ),
          )
          .returning({ id: rectificationPlans.id })
      : await tx
          .update(rectificationReports)
          .set({ status: 'inReview', submittedOn: on, updatedAt: now, version: s.row.version + 1 })
          .where(
            and(
              eq(rectificationReports.id, s.row.id),
              eq(rectificationReports.status, s.row.status),
              eq(rectificationReports.version, s.version),
            ),
          )
          .returning({ id: rectificationReports.id });
    if (!res.length || s.version !== s.row.version)
      throw new AppError(ErrorCode.VersionConflict, `该${REVIEW_SUBJECT_LABELS[s.subject]}已被他人修改，请刷新后重试`);
    const reviewId = await openReview(deps, tx, {
      authorityId: s.row.authorityId,
      inspectionId: s.row.inspectionId,
      orgId: s.row.orgId,
      subject: s.subject,
      subjectId: s.row.id,
      round: s.round,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: `rectification.${isPlan ? 'plan' : 'report'}.submit`,
      objectType: isPlan ? 'rectificationPlan' : 'rectificationReport',
      objectId: s.row.id,
      detail: { round: s.round, reviewId },
    });
    return reviewId;
  });
}

/** The next round's number of a subject: one more than the rounds so far. */
export async function nextRound(db: Db, subjectId: string): Promise<number> {
  const n = await countWhere(db, jointReviews, eq(jointReviews.subjectId, subjectId));
  return n + 1;
}

// ---------------------------------------------------------------- the plan under review

/** The findings on an organization's problem list: its own, and those without one on the primary target. */
export async function orgFindings(deps: AppDeps, inspectionId: string, orgId: string): Promise<FindingBrief[]> {
  const [all, targets] = await Promise.all([
    findingsOfInspections(deps.db, [inspectionId]),
    targetsOf(deps.db, [inspectionId]),
  ]);
  const primary = (targets.find((t) => t.role === 'primary') ?? targets[0])?.orgId ?? null;
  return all.filter((f) => (f.orgId ?? primary) === orgId);
}

/** The plan's findings with their tasks (ZPlanFinding). */
export async function planFindings(deps: AppDeps, inspectionId: string, orgId: string) {
  const fs = await orgFindings(deps, inspectionId, orgId);
  const tasks = await tasksOfFindings(
    deps,
    fs.map((f) => f.id),
  );
  return fs.map((f, i) => {
    const mine = tasks.filter((t) => t.findingId === f.id);
    return {
      id: f.id,
      seq: i + 1,
      title: f.title,
      facts: f.facts,
      rectification: findingRectification(mine),
      tasks: mine,
    };
  });
}

/** The organization a caller acts for on an inspection: the one named, or the liaison's own (the only target else). */
export async function actingOrg(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  permission: TPermission,
  orgId: string | undefined,
): Promise<{ orgId: string; name: string }> {
  const targets = await visibleTargets(deps, ctx, inspectionId, permission);
  const names = await orgsByIds(
    deps.db,
    targets.map((t) => t.orgId),
  );
  const pick = orgId ? targets.find((t) => t.orgId === orgId) : targets.length === 1 ? targets[0] : undefined;
  if (orgId && !pick) {
    const all = await targetsOf(deps.db, [inspectionId]);
    if (all.some((t) => t.orgId === orgId)) throw notFound('被巡察党组织');
    throw bad('所选单位不是本次巡察的对象', { field: 'orgId' });
  }
  if (!pick) throw bad('本次巡察有多个被巡察党组织，请选择单位', { field: 'orgId' });
  return { orgId: pick.orgId, name: names.get(pick.orgId)?.name ?? '' };
}

const PLAN_SUBMIT_STAGES = ['feedback', 'transfer', 'rectifying'];

/** Sends an organization's plan (all findings with tasks) to joint review. */
export async function submitPlan(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: { orgId?: string; version: number },
) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:write', { write: true });
  const org = await actingOrg(deps, ctx, insp.id, 'rectification:write', input.orgId);
  if (!PLAN_SUBMIT_STAGES.includes(insp.stage)) throw conflict('巡察不在反馈或整改阶段，不能报送整改方案');
  const plan = (
    await deps.db
      .select()
      .from(rectificationPlans)
      .where(and(eq(rectificationPlans.inspectionId, insp.id), eq(rectificationPlans.orgId, org.orgId)))
  )[0];
  const findings = await planFindings(deps, insp.id, org.orgId);
  const problems = planProblems(findings.map((f) => ({ id: f.id, title: f.title, taskCount: f.tasks.length })));
  if (problems.length) throw bad(problems.join('；'), { problems });
  if (!plan) throw bad('整改方案尚未制定任务');
  await submitSubject(deps, ctx, { subject: 'plan', row: plan, version: input.version, round: plan.reviewRound + 1 });
  return (await plansOf(deps, ctx, insp.id)).items.find((p) => p.orgId === org.orgId);
}

/** Per organization the caller sees: where its plan stands, with every round of review (newest first). */
export async function plansOf(deps: AppDeps, ctx: RequestCtx, inspectionId: string) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  const targets = await visibleTargets(deps, ctx, insp.id, 'rectification:read');
  const names = await orgsByIds(
    deps.db,
    targets.map((t) => t.orgId),
  );
  const plans = await deps.db.select().from(rectificationPlans).where(eq(rectificationPlans.inspectionId, insp.id));
  const reviews = await reviewsOfSubjects(
    deps.db,
    plans.map((p) => p.id),
  );
  const items = [];
  for (const t of targets) {
    const p = plans.find((x) => x.orgId === t.orgId);
    const findings = await orgFindings(deps, insp.id, t.orgId);
    const mine = p ? reviews.filter((r) => r.subjectId === p.id) : [];
    items.push({
      orgId: t.orgId,
      orgName: names.get(t.orgId)?.name ?? '',
      planId: p?.id ?? null,
      status: (p?.status ?? 'draft') as TSubmissionStatus,
      findings: findings.length,
      reviewRound: p?.reviewRound ?? 0,
      submittedOn: p?.submittedOn ?? null,
      acceptedOn: p?.acceptedOn ?? null,
      returnedComments: p?.returnedComments ?? null,
      current: mine[0] ?? null,
      reviews: mine,
      version: p?.version ?? 0,
    });
  }
  return { inspectionId: insp.id, stage: insp.stage, items };
}
