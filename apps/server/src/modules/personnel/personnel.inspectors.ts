import {
  AppError,
  ErrorCode,
  searchKey,
  type TConductResultLine,
  type TInspector,
  type TInspectorCreate,
  type TInspectorListQuery,
  type TInspectorProfile,
  type TInspectorUpdate,
  type TTeamRole,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import {
  appraisals,
  awards,
  inspectorHistory,
  inspectorPools,
  inspectorRelatives,
  inspectors,
  inspectorWorkRelations,
  secondments,
  teamMembers,
  teams,
  trainingAttendances,
  trainings,
} from '../../db/schema/personnel.ts';
import { authorityInScope, inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db, replaceChildren } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { authoritiesByIds, authorityById, orgsByIds } from '../orgs/index.ts';
import { inspectionsOfTeams, roundsByIds, targetsOf, teamsInStagesSql } from '../planning/index.ts';
import type { InspectorRow } from './personnel.repository.ts';

// 巡察干部: the registry of the office's inspectors and its talent and group-leader pools, with each
// person's history, relations, service, training and awards.

export async function listInspectors(deps: AppDeps, ctx: RequestCtx, q: TInspectorListQuery) {
  const { db } = deps;
  const conds: SQL[] = [authorityInScope(scopeFor(ctx.actor, 'personnel:read'), inspectors.authorityId)];
  if (q.q) conds.push(sql`${inspectors.searchKey} like ${`%${searchKey(q.q).replace(/[%_\\]/g, '\\$&')}%`}`);
  if (q.authorityId) conds.push(eq(inspectors.authorityId, q.authorityId));
  if (q.pool || q.status)
    conds.push(
      sql`exists (select 1 from inspector_pools p where p.inspector_id = ${inspectors.id}${q.pool ? sql` and p.pool = ${q.pool}` : sql``}${q.status ? sql` and p.status = ${q.status}` : sql``})`,
    );
  if (q.expertise) conds.push(sql`${inspectors.expertise} ? ${q.expertise}`);
  const onSite = sql`exists (select 1 from team_members tm where tm.inspector_id = ${inspectors.id} and tm.team_id in (${teamsInStagesSql(['onSite'])}))`;
  if (q.available === 'true') conds.push(sql`not ${onSite}`);
  if (q.available === 'false') conds.push(onSite);
  const {
    rows: page,
    total,
    nextCursor,
  } = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['text', 'uuid'],
    after: ([name, id]) => sql`(${inspectors.name}, ${inspectors.id}) > (${name}, ${id}::uuid)`,
    count: () => countWhere(db, inspectors, and(...conds)),
    fetch: (from, n) =>
      db
        .select({
          row: inspectors,
          roundsServed: sql<number>`(select count(*)::int from team_members tm where tm.inspector_id = ${inspectors.id})`,
          currentTeams: sql<number>`(select count(distinct tm.team_id)::int from team_members tm where tm.inspector_id = ${inspectors.id} and tm.team_id in (${teamsInStagesSql(['planned', 'prepared', 'onSite', 'reporting'])}))`,
        })
        .from(inspectors)
        .where(and(...conds, from))
        .orderBy(asc(inspectors.name), asc(inspectors.id))
        .limit(n),
    key: (r) => [r.row.name, r.row.id],
  });
  const authorityNames = await authoritiesByIds(
    db,
    page.map((r) => r.row.authorityId),
  );
  const pools = page.length
    ? await db
        .select()
        .from(inspectorPools)
        .where(
          inArray(
            inspectorPools.inspectorId,
            page.map((r) => r.row.id),
          ),
        )
    : [];
  return {
    items: page.map((r) => ({
      ...base(
        r.row,
        authorityNames.get(r.row.authorityId)?.shortName ?? '',
        pools.filter((p) => p.inspectorId === r.row.id),
      ),
      roundsServed: Number(r.roundsServed),
      currentTeams: Number(r.currentTeams),
    })),
    total,
    nextCursor,
  };
}

function base(row: InspectorRow, authorityName: string, pools: (typeof inspectorPools.$inferSelect)[]) {
  return {
    id: row.id,
    authorityId: row.authorityId,
    authorityName,
    name: row.name,
    gender: row.gender as 'male' | 'female',
    birthYear: row.birthYear,
    homeOrgId: row.homeOrgId,
    homeUnitName: row.homeUnitName,
    post: row.post,
    rank: row.rank,
    politicalStatus: row.politicalStatus,
    expertise: row.expertise,
    homeAuthorityId: row.homeAuthorityId,
    pools: pools.map((p) => ({ pool: p.pool as never, status: p.status as never, since: p.since, until: p.until })),
    version: row.version,
  };
}

export async function loadInspector(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'personnel:read' | 'personnel:write' = 'personnel:read',
) {
  const scope = scopeFor(ctx.actor, permission);
  const row = (await deps.db.select().from(inspectors).where(eq(inspectors.id, id)))[0];
  if (!row || !inScope(scope, row.authorityId)) throw notFound('巡察干部');
  return row;
}

async function inspectorDto(db: Db, row: InspectorRow): Promise<TInspector> {
  const a = await authorityById(db, row.authorityId);
  const [pools, history, relatives, relations] = [
    await db.select().from(inspectorPools).where(eq(inspectorPools.inspectorId, row.id)),
    await db
      .select()
      .from(inspectorHistory)
      .where(eq(inspectorHistory.inspectorId, row.id))
      .orderBy(desc(inspectorHistory.fromDate)),
    await db.select().from(inspectorRelatives).where(eq(inspectorRelatives.inspectorId, row.id)),
    await db.select().from(inspectorWorkRelations).where(eq(inspectorWorkRelations.inspectorId, row.id)),
  ];
  return {
    ...base(row, a?.shortName ?? '', pools),
    history: history.map((h) => ({
      id: h.id,
      orgId: h.orgId,
      unitName: h.unitName,
      post: h.post,
      from: h.fromDate,
      to: h.toDate,
    })),
    relatives: relatives.map((r) => ({
      id: r.id,
      name: r.name,
      relation: r.relation as never,
      orgId: r.orgId,
      unitName: r.unitName,
      post: r.post,
    })),
    workRelations: relations.map((w) => ({
      id: w.id,
      personName: w.personName,
      relation: w.relation as never,
      orgId: w.orgId,
      from: w.fromDate,
      to: w.toDate,
    })),
  } as TInspector;
}

/** A team an inspector served on, with the role held there. */
export interface InspectorTeam {
  teamId: string;
  roundId: string;
  role: TTeamRole;
}

/**
 * Lines another module adds to an inspector's appraisal history: governance's 作风纪律评估 results of
 * the teams served on (issue 13). That module builds on this one, so it registers its source when
 * its routes are registered rather than being imported here; the source filters what the caller may see.
 */
export type ConductLinesSource = (
  deps: AppDeps,
  ctx: RequestCtx,
  inspectorId: string,
  served: readonly InspectorTeam[],
) => Promise<TConductResultLine[]>;
let conductLinesSource: ConductLinesSource | null = null;
export function registerConductLines(source: ConductLinesSource): void {
  conductLinesSource = source;
}

async function teamsServed(db: Db, inspectorId: string) {
  return db
    .select({ teamId: teams.id, teamName: teams.name, roundId: teams.roundId, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.inspectorId, inspectorId));
}

/** For other modules (governance's appraisal lines): the teams an inspector the caller may read served on; 404 otherwise. */
export async function inspectorTeams(deps: AppDeps, ctx: RequestCtx, inspectorId: string): Promise<InspectorTeam[]> {
  const row = await loadInspector(deps, ctx, inspectorId);
  return (await teamsServed(deps.db, row.id)).map((m) => ({
    teamId: m.teamId,
    roundId: m.roundId,
    role: m.role as TTeamRole,
  }));
}

export async function getInspector(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TInspectorProfile> {
  const { db } = deps;
  const row = await loadInspector(deps, ctx, id);
  const dto = await inspectorDto(db, row);
  const memberships = await teamsServed(db, id);
  const appr = await db
    .select({ a: appraisals, teamName: teams.name, roundId: teams.roundId })
    .from(appraisals)
    .innerJoin(teams, eq(teams.id, appraisals.teamId))
    .where(eq(appraisals.inspectorId, id));
  const roundOf = await roundsByIds(db, [...memberships.map((m) => m.roundId), ...appr.map((x) => x.roundId)]);
  // Newest round first; a round without a planned start sorts first, as PostgreSQL's DESC does.
  const startOf = (roundId: string) => roundOf.get(roundId)?.plannedStart ?? '9999-12-31';
  const served = memberships.sort((a, b) => (startOf(a.roundId) < startOf(b.roundId) ? 1 : -1));
  const teamIds = served.map((s) => s.teamId);
  const insp = await inspectionsOfTeams(db, teamIds);
  const primaries = (
    await targetsOf(
      db,
      insp.map((i) => i.id),
    )
  ).filter((x) => x.role === 'primary');
  const orgNames = await orgsByIds(
    db,
    primaries.map((p) => p.orgId),
  );
  const teamOfInspection = new Map(insp.map((i) => [i.id, i.teamId]));
  const targets = primaries.map((p) => ({
    teamId: teamOfInspection.get(p.inspectionId),
    name: orgNames.get(p.orgId)?.name ?? '',
  }));
  const trained = await db
    .select({
      id: trainings.id,
      title: trainings.title,
      heldOn: trainings.heldOn,
      hours: trainings.hours,
      mode: trainings.mode,
    })
    .from(trainingAttendances)
    .innerJoin(trainings, eq(trainings.id, trainingAttendances.trainingId))
    .where(eq(trainingAttendances.inspectorId, id))
    .orderBy(desc(trainings.heldOn));
  const sec = await db
    .select()
    .from(secondments)
    .where(eq(secondments.inspectorId, id))
    .orderBy(desc(secondments.fromDate));
  const aw = await db.select().from(awards).where(sql`${awards.inspectorIds} ? ${id}`).orderBy(desc(awards.awardedOn));
  return {
    ...dto,
    userId: row.userId,
    teams: served.map((s) => ({
      teamId: s.teamId,
      teamName: s.teamName,
      roundId: s.roundId,
      roundName: roundOf.get(s.roundId)?.name ?? '',
      termName: roundOf.get(s.roundId)?.termName ?? '',
      role: s.role as TTeamRole,
      targets: targets
        .filter((t) => t.teamId === s.teamId)
        .map((t) => t.name)
        .join('、'),
    })),
    trainings: trained.map((t) => ({ ...t, hours: Number(t.hours) })),
    secondments: sec.map((s) => ({ id: s.id, kind: s.kind, hostName: s.hostName, from: s.fromDate, to: s.toDate })),
    appraisals: appr.map((x) => ({
      id: x.a.id,
      teamName: x.teamName,
      roundName: roundOf.get(x.roundId)?.name ?? '',
      grade: x.a.grade,
      comment: x.a.comment,
      appraisedOn: x.a.appraisedOn,
    })),
    conduct: conductLinesSource
      ? await conductLinesSource(
          deps,
          ctx,
          id,
          memberships.map((m) => ({ teamId: m.teamId, roundId: m.roundId, role: m.role as TTeamRole })),
        )
      : [],
    awards: aw.map((x) => ({
      id: x.id,
      kind: x.kind,
      batch: x.batch,
      category: x.category,
      title: x.title,
      awardedOn: x.awardedOn,
    })),
  };
}

/** Replace the parts of an inspector's record the input carries (a part left out stays as it is). */
async function writeNested(
  db: Db,
  id: string,
  input: Pick<TInspectorCreate, 'history' | 'relatives' | 'workRelations' | 'pools'> | TInspectorUpdate,
  now: Date,
) {
  const newId = () => uuidv7(now.getTime());
  if (input.pools)
    await replaceChildren(
      db,
      inspectorPools,
      eq(inspectorPools.inspectorId, id),
      input.pools.map((p) => ({
        inspectorId: id,
        pool: p.pool,
        status: p.status,
        since: p.since,
        until: p.until ?? null,
      })),
    );
  if (input.history)
    await replaceChildren(
      db,
      inspectorHistory,
      eq(inspectorHistory.inspectorId, id),
      input.history.map((h) => ({
        id: newId(),
        inspectorId: id,
        orgId: h.orgId ?? null,
        unitName: h.unitName,
        post: h.post,
        fromDate: h.from,
        toDate: h.to ?? null,
      })),
    );
  if (input.relatives)
    await replaceChildren(
      db,
      inspectorRelatives,
      eq(inspectorRelatives.inspectorId, id),
      input.relatives.map((r) => ({
        id: newId(),
        inspectorId: id,
        name: r.name,
        relation: r.relation,
        orgId: r.orgId ?? null,
        unitName: r.unitName,
        post: r.post,
      })),
    );
  if (input.workRelations)
    await replaceChildren(
      db,
      inspectorWorkRelations,
      eq(inspectorWorkRelations.inspectorId, id),
      input.workRelations.map((w) => ({
        id: newId(),
        inspectorId: id,
        personName: w.personName,
        relation: w.relation,
        orgId: w.orgId ?? null,
        fromDate: w.from,
        toDate: w.to ?? null,
      })),
    );
}

/** One inspector with pools, history and relations; the form and the xlsx import both come here. */
export async function insertInspector(db: Db, input: TInspectorCreate, now: Date): Promise<string> {
  const id = uuidv7(now.getTime());
  await db.insert(inspectors).values({
    id,
    authorityId: input.authorityId,
    name: input.name,
    searchKey: searchKey(input.name),
    gender: input.gender,
    birthYear: input.birthYear ?? null,
    homeOrgId: input.homeOrgId ?? null,
    homeUnitName: input.homeUnitName,
    post: input.post,
    rank: input.rank,
    politicalStatus: input.politicalStatus,
    expertise: input.expertise,
    homeAuthorityId: input.homeAuthorityId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await writeNested(db, id, input, now);
  return id;
}

export async function createInspector(deps: AppDeps, ctx: RequestCtx, input: TInspectorCreate): Promise<TInspector> {
  const { db, clock } = deps;
  const scope = scopeFor(ctx.actor, 'personnel:write');
  if (!inScope(scope, input.authorityId)) throw notFound('巡察机构');
  const now = clock.now();
  const id = await db.transaction(async (tx) => {
    const created = await insertInspector(tx, input, now);
    await auditAction(tx, now, ctx, 'inspector.create', { type: 'inspector', id: created }, { name: input.name });
    return created;
  });
  return inspectorDto(db, (await db.select().from(inspectors).where(eq(inspectors.id, id)))[0] as InspectorRow);
}

export async function updateInspector(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TInspectorUpdate,
): Promise<TInspector> {
  const { db, clock } = deps;
  const row = await loadInspector(deps, ctx, id, 'personnel:write');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const { version, history: _h, relatives: _r, workRelations: _w, pools: _p, ...fields } = input;
    const res = await tx
      .update(inspectors)
      .set({
        ...fields,
        ...(fields.name ? { searchKey: searchKey(fields.name) } : {}),
        updatedAt: now,
        version: row.version + 1,
      })
      .where(and(eq(inspectors.id, id), eq(inspectors.version, version)))
      .returning({ id: inspectors.id });
    if (!res.length)
      throw new AppError(ErrorCode.VersionConflict, '该干部信息已被他人修改，请刷新后重试', {
        current: await inspectorDto(tx, row),
      });
    await writeNested(tx, id, input, now);
    await auditAction(
      tx,
      now,
      ctx,
      'inspector.update',
      { type: 'inspector', id },
      { fields: Object.keys(input).filter((k) => k !== 'version') },
    );
  });
  return inspectorDto(db, (await db.select().from(inspectors).where(eq(inspectors.id, id)))[0] as InspectorRow);
}
