import {
  AppError,
  deadlineColour,
  ErrorCode,
  type TPolicyConsultation,
  type TPolicyConsultationCreate,
  type TPolicyConsultationListQuery,
  type TPolicyConsultationUpdate,
  type TPolicyProblem,
  type TPolicyProblemInput,
  type TPolicyProblemStatus,
  type TPolicyProblemUpdate,
} from '@xc/domain';
import { and, asc, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import { policyConsultations, policyProblems } from '../../db/schema/governance.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { inGovernanceScope, notFound, termAuthority } from './governance.access.ts';
import { checkTermRefs } from './governance.reminders.ts';
import { governanceSettingsOf } from './governance.settings.ts';

// 政策会商: a session with the departments attending and the problems brought to it — usually common
// problems no single unit can fix — each with the policy to change, who leads, a due date and its
// follow-up. A problem's colour is planning's deadline colour over its due date, done when done.

const WHAT = '政策会商';
const PROBLEM = '会商问题';
const versionConflict = (what: string) => new AppError(ErrorCode.VersionConflict, `${what}已被他人修改，请刷新后重试`);

type ConsultationRow = typeof policyConsultations.$inferSelect;
type ProblemRow = typeof policyProblems.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The counts every list item carries: problems brought, and those whose follow-up is done. */
async function problemCounts(db: Db, consultationIds: readonly string[]) {
  if (!consultationIds.length) return new Map<string, { problems: number; done: number }>();
  const p = policyProblems;
  const rows = await db
    .select({
      id: p.consultationId,
      problems: sql<number>`count(*)::int`,
      done: sql<number>`count(*) filter (where ${p.status} = 'done')::int`,
    })
    .from(p)
    .where(inArray(p.consultationId, [...consultationIds]))
    .groupBy(p.consultationId);
  return new Map(rows.map((r) => [r.id, { problems: Number(r.problems), done: Number(r.done) }]));
}

function itemDto(c: ConsultationRow, problems: number, problemsDone: number) {
  return {
    id: c.id,
    authorityId: c.authorityId,
    termId: c.termId,
    heldOn: c.heldOn,
    title: c.title,
    departments: c.departments,
    problems: Number(problems),
    problemsDone: Number(problemsDone),
    version: c.version,
  };
}

function problemDto(p: ProblemRow, on: string, warnDays: number): TPolicyProblem {
  const status = p.status as TPolicyProblemStatus;
  return {
    id: p.id,
    findingId: p.findingId,
    commonProblemId: p.commonProblemId,
    summary: p.summary,
    conclusion: p.conclusion,
    leadDept: p.leadDept,
    dueOn: p.dueOn,
    status,
    progressNote: p.progressNote,
    colour: deadlineColour(p.dueOn, on, status === 'done', warnDays) as TPolicyProblem['colour'],
    version: p.version,
  };
}

async function consultationDto(deps: AppDeps, c: ConsultationRow): Promise<TPolicyConsultation> {
  const [problems, { settings }] = await Promise.all([
    deps.db
      .select()
      .from(policyProblems)
      .where(eq(policyProblems.consultationId, c.id))
      .orderBy(asc(policyProblems.position), asc(policyProblems.id)),
    governanceSettingsOf(deps.db, c.authorityId),
  ]);
  const on = today(deps.clock);
  return {
    ...itemDto(c, problems.length, problems.filter((p) => p.status === 'done').length),
    problemItems: problems.map((p) => problemDto(p, on, settings.warnDays)),
  };
}

async function consultationRow(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'governance:read' | 'governance:manage',
) {
  const c = (
    await deps.db
      .select()
      .from(policyConsultations)
      .where(and(eq(policyConsultations.id, id), inGovernanceScope(ctx, permission, policyConsultations.authorityId)))
  )[0];
  if (!c) throw notFound(WHAT);
  return c;
}

async function loadConsultation(db: Db, id: string) {
  const c = (await db.select().from(policyConsultations).where(eq(policyConsultations.id, id)))[0];
  if (!c) throw notFound(WHAT);
  return c;
}

function problemValues(
  consultationId: string,
  authorityId: string,
  p: TPolicyProblemInput,
  position: number,
  now: Date,
): typeof policyProblems.$inferInsert {
  return {
    id: uuidv7(now.getTime()),
    consultationId,
    authorityId,
    position,
    findingId: p.findingId ?? null,
    commonProblemId: p.commonProblemId ?? null,
    summary: p.summary,
    conclusion: p.conclusion,
    leadDept: p.leadDept,
    dueOn: p.dueOn,
    status: p.status,
    updatedAt: now,
  };
}

/** The findings and common problems a list of problems names must be of the consultation's term. */
function checkProblems(deps: AppDeps, termId: string, problems: readonly TPolicyProblemInput[]) {
  return checkTermRefs(deps, termId, {
    findingIds: problems.flatMap((p) => (p.findingId ? [p.findingId] : [])),
    commonProblemIds: problems.flatMap((p) => (p.commonProblemId ? [p.commonProblemId] : [])),
  });
}

export async function createConsultation(deps: AppDeps, ctx: RequestCtx, input: TPolicyConsultationCreate) {
  const authorityId = await termAuthority(deps, ctx, input.termId, 'governance:manage');
  await checkProblems(deps, input.termId, input.problems);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await deps.db.transaction(async (tx) => {
    await tx.insert(policyConsultations).values({
      id,
      authorityId,
      termId: input.termId,
      heldOn: input.heldOn,
      title: input.title,
      departments: input.departments,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(policyProblems).values(input.problems.map((p, i) => problemValues(id, authorityId, p, i, now)));
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'policyConsultation.create',
      objectType: 'policyConsultation',
      objectId: id,
      detail: { termId: input.termId, problems: input.problems.length },
    });
  });
  return consultationDto(deps, await loadConsultation(deps.db, id));
}

/** GET /api/policy-consultations: newest session first; `status` keeps sessions with a problem in that state. */
export async function listConsultations(deps: AppDeps, ctx: RequestCtx, q: TPolicyConsultationListQuery) {
  const { db } = deps;
  const t = policyConsultations;
  const conds: SQL[] = [inGovernanceScope(ctx, 'governance:read', t.authorityId)];
  if (q.termId) conds.push(eq(t.termId, q.termId));
  if (q.status)
    conds.push(
      sql`exists (select 1 from ${policyProblems} where ${policyProblems.consultationId} = ${t.id} and ${policyProblems.status} = ${q.status})`,
    );
  if (q.q?.trim()) conds.push(ilike(t.title, `%${escapeLike(q.q.trim())}%`));
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['date', 'uuid'],
    after: ([d, id]) => sql`(${t.heldOn}, ${t.id}) < (${d}::date, ${id}::uuid)`,
    count: () => countWhere(db, t, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(t)
        .where(and(...conds, from))
        .orderBy(desc(t.heldOn), desc(t.id))
        .limit(n),
    key: (r) => [r.heldOn, r.id],
  });
  const n = await problemCounts(
    db,
    page.rows.map((r) => r.id),
  );
  return {
    items: page.rows.map((r) => itemDto(r, n.get(r.id)?.problems ?? 0, n.get(r.id)?.done ?? 0)),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}

export async function getConsultation(deps: AppDeps, ctx: RequestCtx, id: string) {
  return consultationDto(deps, await consultationRow(deps, ctx, id, 'governance:read'));
}

export async function updateConsultation(deps: AppDeps, ctx: RequestCtx, id: string, input: TPolicyConsultationUpdate) {
  await consultationRow(deps, ctx, id, 'governance:manage');
  const now = deps.clock.now();
  const set: Partial<typeof policyConsultations.$inferInsert> = { updatedAt: now, version: input.version + 1 };
  if (input.heldOn !== undefined) set.heldOn = input.heldOn;
  if (input.title !== undefined) set.title = input.title;
  if (input.departments !== undefined) set.departments = input.departments;
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(policyConsultations)
      .set(set)
      .where(and(eq(policyConsultations.id, id), eq(policyConsultations.version, input.version)))
      .returning({ id: policyConsultations.id });
    if (!res.length) throw versionConflict(WHAT);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'policyConsultation.update',
      objectType: 'policyConsultation',
      objectId: id,
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  return consultationDto(deps, await loadConsultation(deps.db, id));
}

/** POST /api/policy-consultations/{id}/problems: one more problem, placed last. */
export async function addProblem(deps: AppDeps, ctx: RequestCtx, id: string, input: TPolicyProblemInput) {
  const c = await consultationRow(deps, ctx, id, 'governance:manage');
  await checkProblems(deps, c.termId, [input]);
  const now = deps.clock.now();
  let problemId = '';
  await deps.db.transaction(async (tx) => {
    // The session row is the lock: two problems added at once take distinct positions.
    await tx.update(policyConsultations).set({ updatedAt: now }).where(eq(policyConsultations.id, id));
    const [last] = await tx
      .select({ p: sql<number | null>`max(${policyProblems.position})` })
      .from(policyProblems)
      .where(eq(policyProblems.consultationId, id));
    const values = problemValues(id, c.authorityId, input, last?.p == null ? 0 : Number(last.p) + 1, now);
    problemId = values.id as string;
    await tx.insert(policyProblems).values(values);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'policyProblem.create',
      objectType: 'policyProblem',
      objectId: problemId,
      detail: { consultationId: id },
    });
  });
  return consultationDto(deps, await loadConsultation(deps.db, id));
}

/** PATCH /api/policy-problems/{id}: the follow-up (status, progress) or the conclusion, under the version read. */
export async function updateProblem(deps: AppDeps, ctx: RequestCtx, id: string, input: TPolicyProblemUpdate) {
  const p = (
    await deps.db
      .select()
      .from(policyProblems)
      .where(and(eq(policyProblems.id, id), inGovernanceScope(ctx, 'governance:manage', policyProblems.authorityId)))
  )[0];
  if (!p) throw notFound(PROBLEM);
  const now = deps.clock.now();
  const set: Partial<typeof policyProblems.$inferInsert> = { updatedAt: now, version: input.version + 1 };
  if (input.status !== undefined) set.status = input.status;
  if (input.conclusion !== undefined) set.conclusion = input.conclusion;
  if (input.leadDept !== undefined) set.leadDept = input.leadDept;
  if (input.dueOn !== undefined) set.dueOn = input.dueOn;
  if (input.progressNote !== undefined) set.progressNote = input.progressNote || null;
  const row = await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(policyProblems)
      .set(set)
      .where(and(eq(policyProblems.id, id), eq(policyProblems.version, input.version)))
      .returning();
    if (!res.length) throw versionConflict(PROBLEM);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'policyProblem.update',
      objectType: 'policyProblem',
      objectId: id,
      detail: { consultationId: p.consultationId, status: input.status ?? null },
    });
    return res[0] as ProblemRow;
  });
  const { settings } = await governanceSettingsOf(deps.db, p.authorityId);
  return problemDto(row, today(deps.clock), settings.warnDays);
}

export async function deleteConsultation(deps: AppDeps, ctx: RequestCtx, id: string) {
  const c = await consultationRow(deps, ctx, id, 'governance:manage');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // The problems go with their session (on delete cascade).
    const res = await tx
      .delete(policyConsultations)
      .where(eq(policyConsultations.id, id))
      .returning({ id: policyConsultations.id });
    if (!res.length) throw notFound(WHAT);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'policyConsultation.delete',
      objectType: 'policyConsultation',
      objectId: id,
      detail: { termId: c.termId, title: c.title },
    });
  });
}

/** The term's sessions and the problems brought to them, for the governance summary. */
export async function consultationCounts(db: Db, termId: string) {
  const [sessions, problems] = await Promise.all([
    countWhere(db, policyConsultations, eq(policyConsultations.termId, termId)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(policyProblems)
      .innerJoin(policyConsultations, eq(policyConsultations.id, policyProblems.consultationId))
      .where(eq(policyConsultations.termId, termId)),
  ]);
  return { sessions, problems: Number(problems[0]?.n ?? 0) };
}
