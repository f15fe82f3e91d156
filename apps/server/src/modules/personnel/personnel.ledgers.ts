import { AppError, ErrorCode } from '@xc/domain';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  appraisals,
  awards,
  inspectors,
  secondments,
  teamMembers,
  teams,
  trainingAttendances,
  trainings,
} from '../../db/schema/personnel.ts';
import { authorityInScope, inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { replaceChildren } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { authorityById } from '../orgs/index.ts';
import { loadInspector } from './personnel.inspectors.ts';

// The growth ledgers of the office's inspectors: trainings with sign-in sheets, 以干代训 and 跟班学习,
// per-round appraisals and awards (优秀巡察干部, 优秀巡察报告).

export async function listTrainings(deps: AppDeps, ctx: RequestCtx, authorityId?: string) {
  const scope = scopeFor(ctx.actor, 'personnel:read');
  const rows = await deps.db
    .select({
      t: trainings,
      n: sql<number>`(select count(*)::int from training_attendances a where a.training_id = ${trainings.id})`,
    })
    .from(trainings)
    .where(
      and(
        authorityInScope(scope, trainings.authorityId),
        authorityId ? eq(trainings.authorityId, authorityId) : sql`true`,
      ),
    )
    .orderBy(desc(trainings.heldOn));
  const items = rows.map((r) => ({
    id: r.t.id,
    authorityId: r.t.authorityId,
    title: r.t.title,
    heldOn: r.t.heldOn,
    hours: Number(r.t.hours),
    mode: r.t.mode as 'onsite' | 'video',
    attendeeCount: Number(r.n),
  }));
  return { items, total: items.length };
}

export async function listAwards(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { authorityId?: string; kind?: 'excellentInspector' | 'excellentReport' },
) {
  const { db } = deps;
  const scope = scopeFor(ctx.actor, 'personnel:read');
  const rows = await db
    .select()
    .from(awards)
    .where(
      and(
        authorityInScope(scope, awards.authorityId),
        q.authorityId ? eq(awards.authorityId, q.authorityId) : sql`true`,
        q.kind ? eq(awards.kind, q.kind) : sql`true`,
      ),
    )
    .orderBy(desc(awards.awardedOn), asc(awards.category));
  const ids = [...new Set(rows.flatMap((r) => r.inspectorIds))];
  const people = ids.length
    ? await db
        .select({ id: inspectors.id, name: inspectors.name, homeUnitName: inspectors.homeUnitName })
        .from(inspectors)
        .where(inArray(inspectors.id, ids))
    : [];
  const items = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    batch: r.batch,
    category: r.category,
    title: r.title,
    awardedOn: r.awardedOn,
    people: r.inspectorIds
      .map((pid) => people.find((p) => p.id === pid))
      .filter((p): p is NonNullable<typeof p> => !!p)
      .map((p) => ({ inspectorId: p.id, name: p.name, homeUnitName: p.homeUnitName })),
  }));
  return { items, total: items.length };
}

async function authorityFor(deps: AppDeps, ctx: RequestCtx, authorityId: string) {
  const scope = scopeFor(ctx.actor, 'personnel:write');
  const a = await authorityById(deps.db, authorityId);
  if (!a || !inScope(scope, authorityId)) throw notFound('巡察机构');
  return a;
}

export async function createTraining(
  deps: AppDeps,
  ctx: RequestCtx,
  input: { authorityId: string; title: string; heldOn: string; hours: number; mode: 'onsite' | 'video' },
) {
  const { db, clock } = deps;
  await authorityFor(deps, ctx, input.authorityId);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(trainings).values({ id, ...input, hours: input.hours, createdAt: now });
    await auditAction(tx, now, ctx, 'training.create', { type: 'training', id }, { title: input.title });
  });
  return { id, ...input, attendeeCount: 0 };
}

async function loadTraining(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'personnel:read' | 'personnel:write',
) {
  const scope = scopeFor(ctx.actor, permission);
  const t = (await deps.db.select().from(trainings).where(eq(trainings.id, id)))[0];
  if (!t || !inScope(scope, t.authorityId)) throw notFound('培训');
  return t;
}

export async function listAttendees(deps: AppDeps, ctx: RequestCtx, id: string) {
  await loadTraining(deps, ctx, id, 'personnel:read');
  const rows = await deps.db
    .select({ inspectorId: inspectors.id, name: inspectors.name, homeUnitName: inspectors.homeUnitName })
    .from(trainingAttendances)
    .innerJoin(inspectors, eq(inspectors.id, trainingAttendances.inspectorId))
    .where(eq(trainingAttendances.trainingId, id))
    .orderBy(asc(inspectors.name));
  return { items: rows };
}

/** Replace the attendance of a training (the sign-in sheet); people of other offices may attend. */
export async function setAttendees(deps: AppDeps, ctx: RequestCtx, id: string, inspectorIds: string[]) {
  const { db, clock } = deps;
  const t = await loadTraining(deps, ctx, id, 'personnel:write');
  const ids = [...new Set(inspectorIds)];
  const scope = scopeFor(ctx.actor, 'personnel:read');
  if (ids.length) {
    const found = await db
      .select({ id: inspectors.id, authorityId: inspectors.authorityId })
      .from(inspectors)
      .where(inArray(inspectors.id, ids));
    if (found.length !== ids.length || found.some((f) => !inScope(scope, f.authorityId)))
      throw new AppError(ErrorCode.BadRequest, '参训人员中有不存在或无权查看的干部');
  }
  const now = clock.now();
  await db.transaction(async (tx) => {
    await replaceChildren(
      tx,
      trainingAttendances,
      eq(trainingAttendances.trainingId, id),
      ids.map((inspectorId) => ({ trainingId: id, inspectorId })),
    );
    await auditAction(tx, now, ctx, 'training.attendance', { type: 'training', id }, { count: ids.length });
  });
  return {
    id: t.id,
    authorityId: t.authorityId,
    title: t.title,
    heldOn: t.heldOn,
    hours: Number(t.hours),
    mode: t.mode as 'onsite' | 'video',
    attendeeCount: ids.length,
  };
}

export async function createSecondment(
  deps: AppDeps,
  ctx: RequestCtx,
  kind: 'secondment' | 'shadowing',
  input: { inspectorId: string; hostName?: string; hostAuthorityId?: string; from: string; to?: string | null },
) {
  const { db, clock } = deps;
  const person = await loadInspector(deps, ctx, input.inspectorId, 'personnel:write');
  let hostName = input.hostName ?? '';
  if (kind === 'shadowing') {
    const host = await authorityById(db, input.hostAuthorityId as string);
    if (!host) throw new AppError(ErrorCode.BadRequest, '跟班学习的巡察机构不存在');
    hostName = host.name;
  }
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx
      .insert(secondments)
      .values({ id, inspectorId: person.id, kind, hostName, fromDate: input.from, toDate: input.to ?? null });
    await auditAction(
      tx,
      now,
      ctx,
      kind === 'shadowing' ? 'inspector.shadowing' : 'inspector.secondment',
      { type: 'inspector', id: person.id },
      { hostName },
    );
  });
  return { id };
}

export async function createAppraisal(
  deps: AppDeps,
  ctx: RequestCtx,
  input: { inspectorId: string; roundId: string; teamId: string; grade: string; comment: string; appraisedOn: string },
) {
  const { db, clock } = deps;
  const person = await loadInspector(deps, ctx, input.inspectorId, 'personnel:write');
  const on = await db
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(
      and(
        eq(teamMembers.teamId, input.teamId),
        eq(teamMembers.inspectorId, person.id),
        eq(teams.roundId, input.roundId),
      ),
    );
  if (!on.length) throw new AppError(ErrorCode.BadRequest, '该干部不是本轮该巡察组的成员');
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    const dup = await tx
      .select({ id: appraisals.id })
      .from(appraisals)
      .where(and(eq(appraisals.inspectorId, person.id), eq(appraisals.teamId, input.teamId)));
    if (dup.length) throw new AppError(ErrorCode.Conflict, '该干部在本组已有鉴定');
    await tx.insert(appraisals).values({
      id,
      inspectorId: person.id,
      teamId: input.teamId,
      grade: input.grade,
      comment: input.comment,
      appraisedOn: input.appraisedOn,
    });
    await auditAction(
      tx,
      now,
      ctx,
      'inspector.appraisal',
      { type: 'inspector', id: person.id },
      { teamId: input.teamId, grade: input.grade },
    );
  });
  return { id };
}

export async function createAward(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  input: {
    kind: 'excellentInspector' | 'excellentReport';
    batch: string;
    category: string | null;
    inspectorIds: string[];
    title: string | null;
    awardedOn: string;
  },
) {
  const { db, clock } = deps;
  await authorityFor(deps, ctx, authorityId);
  const scope = scopeFor(ctx.actor, 'personnel:read');
  const found = await db
    .select({ id: inspectors.id, authorityId: inspectors.authorityId })
    .from(inspectors)
    .where(inArray(inspectors.id, input.inspectorIds));
  if (found.length !== new Set(input.inspectorIds).size || found.some((f) => !inScope(scope, f.authorityId)))
    throw new AppError(ErrorCode.BadRequest, '受表彰人员中有不存在或无权查看的干部');
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(awards).values({ id, authorityId, ...input, inspectorIds: [...new Set(input.inspectorIds)] });
    await auditAction(
      tx,
      now,
      ctx,
      'award.create',
      { type: 'award', id },
      { kind: input.kind, batch: input.batch, people: input.inspectorIds.length },
    );
  });
  return { id };
}
