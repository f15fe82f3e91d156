import {
  AppError,
  activityDateProblem,
  allowedPaperActions,
  ErrorCode,
  formatPaperNumber,
  ordinalInName,
  paperEditProblem,
  paperSeqScopeKey,
  reviewMove,
  submitProblem,
  type TEvidenceIn,
  type TPaperAction,
  type TPaperReview,
  type TPaperStatus,
  type TResponsibility,
  type TTeamRole,
  type TWorkingPaper,
  type TWorkingPaperCreate,
  type TWorkingPaperListItem,
  type TWorkingPaperListQuery,
  type TWorkingPaperUpdate,
} from '@xc/domain';
import { and, asc, desc, eq, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { paperCounters, paperReviews, paperVersions as versionRows, workingPapers } from '../../db/schema/fieldwork.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db, rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginateItems } from '../../platform/pagination.ts';
import { listTeams, type TeamMemberBrief, teamAccess, teamBriefs, teamMembersOf } from '../personnel/index.ts';
import { countPetitions } from '../petitions/index.ts';
import { roundsByIds, visibleInspectionIds } from '../planning/index.ts';
import {
  assertOnRoster,
  assertRecordingStage,
  bad,
  conflict,
  type InspectionBrief,
  type InspectionRow,
  inspectionBriefs,
  peopleOf,
  rosterOf,
  seatOf,
  stale,
  targetOf,
  workInspection,
} from './fieldwork.access.ts';
import { assertDocumentReviews, assertFiles, assertInterviews } from './fieldwork.activities.ts';
import { assertRegulations, regulationRefs, settingsOf } from './fieldwork.libraries.ts';

// 问题底稿: one problem per paper, numbered in the office's pattern without gaps, 三审 (author →
// 副组长 → 组长) as conditional moves, every saved change kept as a version.

export type PaperRow = typeof workingPapers.$inferSelect;

interface Actor {
  teamRole: TTeamRole | null;
  isAuthor: boolean;
}

function actorOn(roster: readonly TeamMemberBrief[], p: PaperRow, userId: string): Actor {
  return { teamRole: seatOf(roster, userId).teamRole, isAuthor: !!p.authorId && p.authorId === userId };
}

/** The team has a 副组长 who did not write the paper (domain TReviewOptions.deputyAvailable). */
function deputyAvailable(roster: readonly TeamMemberBrief[], p: Pick<PaperRow, 'authorId' | 'authorInspectorId'>) {
  return roster.some(
    (m) =>
      m.role === 'deputy' && m.inspectorId !== p.authorInspectorId && !(p.authorId !== null && m.userId === p.authorId),
  );
}

/** Papers the caller may see: those of the inspections they work on with `permission`. */
async function papersVisible(
  deps: AppDeps,
  ctx: RequestCtx,
  permission: 'fieldwork:read' | 'fieldwork:write' | 'paper:review',
) {
  return sql`${workingPapers.inspectionId} in (${await visibleInspectionIds(deps, ctx, permission)})`;
}

async function loadPaper(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'fieldwork:read' | 'fieldwork:write' | 'paper:review',
) {
  const row = (
    await deps.db
      .select()
      .from(workingPapers)
      .where(and(eq(workingPapers.id, id), await papersVisible(deps, ctx, permission)))
  )[0];
  if (!row) throw notFound('问题底稿');
  return row;
}

async function listItems(deps: AppDeps, ctx: RequestCtx, rows: PaperRow[]): Promise<TWorkingPaperListItem[]> {
  if (!rows.length) return [];
  const { db } = deps;
  const briefs = await inspectionBriefs(
    db,
    rows.map((r) => r.inspectionId),
  );
  const teamIds = [...new Set(rows.map((r) => r.teamId).filter((x): x is string => !!x))];
  const members = await teamMembersOf(db, teamIds);
  const refs = new Map<string, Awaited<ReturnType<typeof regulationRefs>>>();
  for (const aid of new Set(rows.map((r) => r.authorityId)))
    refs.set(
      aid,
      await regulationRefs(
        db,
        aid,
        rows.filter((r) => r.authorityId === aid).flatMap((r) => r.regulationIds),
      ),
    );
  return rows.map((r) => {
    const roster = members.filter((m) => m.teamId === r.teamId);
    const b = briefs.get(r.inspectionId) as InspectionBrief;
    const reg = refs.get(r.authorityId);
    return {
      id: r.id,
      inspectionId: r.inspectionId,
      number: r.number,
      seq: r.seq,
      orgId: r.orgId,
      orgName: b?.targets.find((t) => t.orgId === r.orgId)?.name ?? null,
      title: r.title,
      regulations: r.regulationIds.flatMap((id) => {
        const x = reg?.get(id);
        return x ? [x] : [];
      }),
      responsibility: r.responsibility as TResponsibility,
      foundOn: r.foundOn,
      foundBy: peopleOf(roster, r.foundByIds),
      authorId: r.authorId,
      authorName: r.authorName,
      status: r.status as TPaperStatus,
      findingId: r.findingId,
      allowedActions: allowedPaperActions(r.status as TPaperStatus, actorOn(roster, r, ctx.actor.userId), {
        deputyAvailable: deputyAvailable(roster, r),
      }),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
    };
  });
}

export async function paperDto(deps: AppDeps, ctx: RequestCtx, r: PaperRow): Promise<TWorkingPaper> {
  const [item] = await listItems(deps, ctx, [r]);
  const reviews = await deps.db
    .select()
    .from(paperReviews)
    .where(eq(paperReviews.paperId, r.id))
    .orderBy(asc(paperReviews.seq), asc(paperReviews.at));
  return {
    ...(item as TWorkingPaperListItem),
    facts: r.facts,
    evidence: r.evidence,
    reviews: reviews.map((v) => ({
      action: v.action as TPaperAction,
      fromStatus: v.fromStatus as TPaperStatus,
      toStatus: v.toStatus as TPaperStatus,
      byName: v.byName,
      teamRole: (v.teamRole as TTeamRole | null) ?? null,
      reason: v.reason,
      at: v.at.toISOString(),
    })),
  };
}

/**
 * The papers of the inspections the caller sees. `pendingForMe`: those at the caller's step of 三审 —
 * with the 副组长 for a deputy who did not write them, with the 组长 for the leader (and, in a team
 * whose only deputy wrote the paper or that has none, also the deputy's step).
 */
export async function listPapers(deps: AppDeps, ctx: RequestCtx, q: TWorkingPaperListQuery) {
  const { db } = deps;
  const conds: (SQL | undefined)[] = [await papersVisible(deps, ctx, 'fieldwork:read')];
  if (q.inspectionId) {
    await workInspection(deps, ctx, q.inspectionId, 'fieldwork:read');
    conds.push(eq(workingPapers.inspectionId, q.inspectionId));
  }
  if (q.status) conds.push(eq(workingPapers.status, q.status));
  if (q.mine === 'true') conds.push(eq(workingPapers.authorId, ctx.actor.userId));
  if (q.pendingForMe === 'true') conds.push(await pendingFor(deps, ctx));
  return paginateItems(
    {
      limit: q.limit,
      cursor: q.cursor,
      parts: ['timestamp', 'uuid'],
      after: ([at, id]) => sql`(${workingPapers.createdAt}, ${workingPapers.id}) < (${at}::timestamptz, ${id}::uuid)`,
      count: () => countWhere(db, workingPapers, and(...conds)),
      fetch: (from, n) =>
        db
          .select()
          .from(workingPapers)
          .where(and(...conds, from))
          .orderBy(desc(workingPapers.createdAt), desc(workingPapers.id))
          .limit(n),
      key: (r) => [r.createdAt.toISOString(), r.id],
    },
    (rows) => listItems(deps, ctx, rows),
  );
}

async function pendingFor(deps: AppDeps, ctx: RequestCtx): Promise<SQL> {
  const own = (await teamAccess(deps, ctx)).ownTeamIds;
  const members = await teamMembersOf(deps.db, own);
  const notMine = or(isNull(workingPapers.authorId), ne(workingPapers.authorId, ctx.actor.userId)) as SQL;
  const parts: SQL[] = [];
  for (const seat of members.filter((m) => m.userId === ctx.actor.userId)) {
    const team = eq(workingPapers.teamId, seat.teamId);
    if (seat.role === 'deputy')
      parts.push(
        and(
          team,
          eq(workingPapers.status, 'deputyReview'),
          notMine,
          or(isNull(workingPapers.authorInspectorId), ne(workingPapers.authorInspectorId, seat.inspectorId)),
        ) as SQL,
      );
    if (seat.role === 'leader') {
      parts.push(and(team, eq(workingPapers.status, 'leaderReview')) as SQL);
      const deputies = members.filter((m) => m.teamId === seat.teamId && m.role === 'deputy');
      // The deputy's step falls to the leader when no deputy but the author is there to take it.
      const others = deputies.map((d) => d.inspectorId);
      parts.push(
        and(
          team,
          eq(workingPapers.status, 'deputyReview'),
          notMine,
          others.length === 0
            ? sql`true`
            : others.length === 1
              ? eq(workingPapers.authorInspectorId, others[0] as string)
              : sql`false`,
        ) as SQL,
      );
    }
  }
  return parts.length ? (or(...parts) as SQL) : sql`false`;
}

export async function getPaper(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TWorkingPaper> {
  return paperDto(deps, ctx, await loadPaper(deps, ctx, id, 'fieldwork:read'));
}

/** Evidence points at records of the same inspection: uploads, interviews, petitions, document reviews. */
async function assertEvidence(db: Db, inspectionId: string, evidence: readonly TEvidenceIn[]): Promise<void> {
  const ids = (k: TEvidenceIn['kind']) => evidence.filter((e) => e.kind === k && e.refId).map((e) => e.refId as string);
  await assertFiles(db, inspectionId, ids('file'));
  await assertInterviews(db, inspectionId, ids('interview'));
  await assertDocumentReviews(db, inspectionId, ids('document'));
  const petitions = [...new Set(ids('petition'))];
  if (
    petitions.length &&
    (await countPetitions(db, { inspectionIds: [inspectionId], ids: petitions })) !== petitions.length
  )
    throw bad('证据引用的信访件不属于本次巡察', { field: 'evidence' });
}

function foundOnProblem(insp: InspectionRow, date: string, on: string): void {
  const problem = activityDateProblem(date, insp.entryDate, on);
  if (problem) throw bad(`发现${problem}`, { field: 'foundOn' });
}

/** The number parts a paper's pattern may use, and the register it is drawn from. */
async function numbering(deps: AppDeps, ctx: RequestCtx, insp: InspectionRow, on: string) {
  const { db } = deps;
  const { paperNumber } = await settingsOf(db, insp.authorityId);
  const round = (await roundsByIds(db, [insp.roundId])).get(insp.roundId);
  if (!round) throw notFound('轮次');
  const team = insp.teamId ? (await teamBriefs(db, [insp.teamId])).get(insp.teamId) : undefined;
  if (!team) throw conflict('本次巡察尚未组建巡察组，不能撰写底稿');
  const year = Number(on.slice(0, 4));
  const uses = (token: string) => paperNumber.pattern.includes(`{${token}`);
  const term = ordinalInName(round.termName);
  if (uses('term') && term === null)
    throw conflict(
      `届次“${round.termName}”的名称中没有届次序号（如“七届”），无法按编号规则生成底稿编号；请修改编号规则或届次名称`,
    );
  let teamNo = ordinalInName(team.name);
  if (teamNo === null) {
    const all = (await listTeams(deps, ctx, insp.roundId)).items;
    teamNo = all.findIndex((t) => t.id === team.id) + 1;
  }
  const key = paperSeqScopeKey(paperNumber.scope, {
    authorityId: insp.authorityId,
    year,
    roundId: insp.roundId,
    teamId: team.id,
  });
  return {
    key,
    render: (seq: number) =>
      formatPaperNumber(paperNumber.pattern, { year, term: term ?? 1, round: round.number, team: teamNo, seq }),
  };
}

/** The next number of a register, in the caller's transaction: the row lock keeps it gapless. */
export async function nextSeq(tx: Db, key: string): Promise<number> {
  const [row] = rowsOf<{ last: number }>(
    await tx.execute(sql`
      insert into ${paperCounters} (scope_key, last) values (${key}, 1)
      on conflict (scope_key) do update set last = ${paperCounters}.last + 1
      returning last`),
  );
  return Number(row?.last);
}

export interface PaperDraftInput {
  title: string;
  facts: string;
  evidence: TEvidenceIn[];
  regulationIds: string[];
  responsibility: TResponsibility;
  foundOn: string;
  foundByIds: string[];
  orgId?: string | undefined;
}

/** Writes a new draft of the caller on an inspection the caller works on (the route's and 巡审贯通's way in). */
export async function insertPaper(
  deps: AppDeps,
  ctx: RequestCtx,
  insp: InspectionRow,
  input: PaperDraftInput,
  audit: Record<string, unknown> = {},
): Promise<string> {
  const { db, clock } = deps;
  assertRecordingStage('workingPaper', insp.stage);
  const roster = await rosterOf(deps, ctx, insp.teamId);
  const seat = seatOf(roster, ctx.actor.userId);
  if (!seat.teamRole) throw new AppError(ErrorCode.Forbidden, '只有本巡察组成员可以撰写问题底稿');
  const on = today(clock);
  foundOnProblem(insp, input.foundOn, on);
  assertOnRoster(roster, input.foundByIds, 'foundByIds', '发现人');
  await assertRegulations(db, insp.authorityId, input.regulationIds);
  await assertEvidence(db, insp.id, input.evidence);
  const b = (await inspectionBriefs(db, [insp.id])).get(insp.id) as InspectionBrief;
  const org = targetOf(b, input.orgId);
  const num = await numbering(deps, ctx, insp, on);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    const seq = await nextSeq(tx, num.key);
    const number = num.render(seq);
    await tx.insert(workingPapers).values({
      id,
      authorityId: insp.authorityId,
      termId: insp.termId,
      roundId: insp.roundId,
      inspectionId: insp.id,
      teamId: insp.teamId,
      orgId: org.orgId,
      number,
      seq,
      scopeKey: num.key,
      title: input.title,
      facts: input.facts,
      evidence: input.evidence.map((e) => ({ kind: e.kind, refId: e.refId ?? null, label: e.label })),
      regulationIds: input.regulationIds,
      responsibility: input.responsibility,
      foundOn: input.foundOn,
      foundByIds: input.foundByIds,
      authorId: ctx.actor.userId,
      authorInspectorId: seat.inspectorId,
      authorName: ctx.actor.displayName,
      status: 'draft',
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'workingPaper.create',
      objectType: 'workingPaper',
      objectId: id,
      detail: { inspectionId: insp.id, number, ...audit },
    });
  });
  return id;
}

export async function createPaper(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TWorkingPaperCreate,
): Promise<TWorkingPaper> {
  const insp = await workInspection(deps, ctx, inspectionId, 'fieldwork:write');
  const id = await insertPaper(deps, ctx, insp, input);
  return paperDto(
    deps,
    ctx,
    (await deps.db.select().from(workingPapers).where(eq(workingPapers.id, id)))[0] as PaperRow,
  );
}

/** A change by whoever holds the paper at its step; the paper as it was is kept as a version. */
export async function updatePaper(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TWorkingPaperUpdate,
): Promise<TWorkingPaper> {
  const { db, clock } = deps;
  const cur = await loadPaper(deps, ctx, id, 'fieldwork:write');
  const insp = await workInspection(deps, ctx, cur.inspectionId, 'fieldwork:write');
  assertRecordingStage('workingPaper', insp.stage);
  const roster = await rosterOf(deps, ctx, insp.teamId);
  const actor = actorOn(roster, cur, ctx.actor.userId);
  const problem = paperEditProblem(cur.status as TPaperStatus, actor);
  if (problem) throw new AppError(cur.status === 'signedOff' ? ErrorCode.Conflict : ErrorCode.Forbidden, problem);
  if (input.foundOn) foundOnProblem(insp, input.foundOn, today(clock));
  if (input.foundByIds) assertOnRoster(roster, input.foundByIds, 'foundByIds', '发现人');
  if (input.regulationIds) await assertRegulations(db, insp.authorityId, input.regulationIds);
  if (input.evidence) await assertEvidence(db, insp.id, input.evidence);
  let orgId = cur.orgId;
  if (input.orgId !== undefined) {
    const b = (await inspectionBriefs(db, [insp.id])).get(insp.id) as InspectionBrief;
    orgId = input.orgId === null ? null : targetOf(b, input.orgId).orgId;
  }
  const now = clock.now();
  const { version, evidence, ...fields } = input;
  await db.transaction(async (tx) => {
    const res = await tx
      .update(workingPapers)
      .set({
        ...fields,
        ...(evidence
          ? { evidence: evidence.map((e) => ({ kind: e.kind, refId: e.refId ?? null, label: e.label })) }
          : {}),
        orgId,
        updatedAt: now,
        version: cur.version + 1,
      })
      .where(and(eq(workingPapers.id, id), eq(workingPapers.version, version), eq(workingPapers.status, cur.status)))
      .returning({ id: workingPapers.id });
    if (!res.length) throw stale('问题底稿');
    await tx.insert(versionRows).values({
      id: uuidv7(now.getTime()),
      paperId: id,
      paperVersion: cur.version,
      status: cur.status,
      title: cur.title,
      facts: cur.facts,
      evidence: cur.evidence,
      regulationIds: cur.regulationIds,
      responsibility: cur.responsibility,
      foundOn: cur.foundOn,
      savedByName: ctx.actor.displayName,
      savedAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'workingPaper.update',
      objectType: 'workingPaper',
      objectId: id,
      detail: { fields: Object.keys(input).filter((k) => k !== 'version'), status: cur.status },
    });
  });
  return paperDto(deps, ctx, (await db.select().from(workingPapers).where(eq(workingPapers.id, id)))[0] as PaperRow);
}

/**
 * One step of 三审 (domain reviewMove). The move is conditional on the status and version read:
 * of two reviewers signing off at once, one answers 200 and the other 409. A problem of the state
 * answers 409, one of who is asking 403.
 */
export async function reviewPaper(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TPaperReview,
): Promise<TWorkingPaper> {
  const { db, clock } = deps;
  const cur = await loadPaper(deps, ctx, id, 'paper:review');
  const insp = await workInspection(deps, ctx, cur.inspectionId, 'paper:review');
  assertRecordingStage('workingPaper', insp.stage);
  const roster = await rosterOf(deps, ctx, insp.teamId);
  const actor = actorOn(roster, cur, ctx.actor.userId);
  const status = cur.status as TPaperStatus;
  const opts = { deputyAvailable: deputyAvailable(roster, cur), reason: input.reason };
  const move = reviewMove(status, input.action, actor, opts);
  if (move.problem !== undefined) {
    const someoneMay = (
      [
        { teamRole: 'member', isAuthor: true },
        { teamRole: 'deputy', isAuthor: false },
        { teamRole: 'leader', isAuthor: false },
      ] as const
    ).some((a) => reviewMove(status, input.action, a, { ...opts, reason: '理由'.repeat(3) }).to !== undefined);
    throw new AppError(someoneMay ? ErrorCode.Forbidden : ErrorCode.Conflict, move.problem);
  }
  if (input.action === 'submit') {
    const missing = submitProblem(cur);
    if (missing) throw bad(missing);
  }
  if (input.version !== cur.version) throw stale('问题底稿');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const res = await tx
      .update(workingPapers)
      .set({ status: move.to, updatedAt: now, version: cur.version + 1 })
      .where(and(eq(workingPapers.id, id), eq(workingPapers.status, status), eq(workingPapers.version, input.version)))
      .returning({ id: workingPapers.id });
    if (!res.length) throw stale('问题底稿');
    // The paper's row is locked by the update above: the next number is ours alone.
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${paperReviews.seq}), 0)::int` })
      .from(paperReviews)
      .where(eq(paperReviews.paperId, id));
    await tx.insert(paperReviews).values({
      id: uuidv7(now.getTime()),
      paperId: id,
      seq: Number(last?.n ?? 0) + 1,
      action: input.action,
      fromStatus: status,
      toStatus: move.to,
      byId: ctx.actor.userId,
      byName: ctx.actor.displayName,
      teamRole: actor.teamRole,
      reason: input.reason || null,
      at: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: `workingPaper.${input.action}`,
      objectType: 'workingPaper',
      objectId: id,
      detail: { from: status, to: move.to, ...(input.reason ? { reason: input.reason } : {}) },
    });
  });
  return paperDto(deps, ctx, (await db.select().from(workingPapers).where(eq(workingPapers.id, id)))[0] as PaperRow);
}

export async function paperVersionsOf(db: Db, paperId: string) {
  return db.select().from(versionRows).where(eq(versionRows.paperId, paperId)).orderBy(desc(versionRows.paperVersion));
}

export async function paperVersions(deps: AppDeps, ctx: RequestCtx, id: string) {
  const p = await loadPaper(deps, ctx, id, 'fieldwork:read');
  const rows = await paperVersionsOf(deps.db, p.id);
  return {
    items: rows.map((v) => ({
      id: v.id,
      paperId: v.paperId,
      paperVersion: v.paperVersion,
      status: v.status as TPaperStatus,
      title: v.title,
      facts: v.facts,
      evidence: v.evidence,
      regulationIds: v.regulationIds,
      responsibility: v.responsibility as TResponsibility,
      foundOn: v.foundOn,
      savedByName: v.savedByName,
      savedAt: v.savedAt.toISOString(),
    })),
  };
}

/** For the documents and the finding made from a paper: the paper, if the caller may see it. */
export async function paperFor(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'fieldwork:read' | 'fieldwork:write' | 'paper:review' = 'fieldwork:read',
): Promise<PaperRow> {
  return loadPaper(deps, ctx, id, permission);
}
