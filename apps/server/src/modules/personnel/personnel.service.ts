import {
  AppError,
  DEFAULT_PERSONNEL_SETTINGS,
  ErrorCode,
  recusalReasons,
  searchKey,
  suggestTeam,
  type TAuthorization,
  type TInspector,
  type TInspectorCreate,
  type TInspectorListQuery,
  type TInspectorProfile,
  type TInspectorUpdate,
  type TPersonnelSettings,
  type TRecusalReason,
  type TTeamMemberAdd,
  type TTeamRole,
  type TTeamRoster,
  teamWarnings,
  ZPersonnelSettings,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import {
  appraisals,
  authorities,
  authorizations,
  awards,
  inspections,
  inspectionTargets,
  inspectorHistory,
  inspectorPools,
  inspectorRelatives,
  inspectors,
  inspectorWorkRelations,
  organizations,
  personnelSettings,
  recusalDeclarations,
  rounds,
  secondments,
  teamMembers,
  teams,
  terms,
  trainingAttendances,
  trainings,
} from '../../db/schema/index.ts';
import { inScope, notFound, type Scope, scopeFor } from '../../platform/access.ts';
import { auditExport, auditOf, writeAudit } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { buildOfficialDocx } from '../../platform/documents.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { buildXlsx, newExportSerial } from '../../platform/spreadsheets.ts';
import { type InspectorRow, loadDeclarations, loadPool, loadTargets, type PoolPerson } from './personnel.repository.ts';

/** The authority's team and recusal settings, or the defaults of domain.md §5. */
export async function personnelSettingsFor(
  db: Db,
  authorityId: string,
): Promise<{ settings: TPersonnelSettings; version: number; updatedAt: Date | null }> {
  const row = (await db.select().from(personnelSettings).where(eq(personnelSettings.authorityId, authorityId)))[0];
  const parsed = row ? ZPersonnelSettings.safeParse(row.value) : null;
  return {
    settings: parsed?.success ? parsed.data : { ...DEFAULT_PERSONNEL_SETTINGS },
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

function inScopeSql(scope: Scope): SQL {
  if (scope.all) return sql`true`;
  return scope.authorityIds.length ? inArray(inspectors.authorityId, scope.authorityIds) : sql`false`;
}

// ---------------------------------------------------------------- inspectors

export async function listInspectors(deps: AppDeps, ctx: RequestCtx, q: TInspectorListQuery) {
  const { db } = deps;
  const scope = await scopeFor(db, ctx.actor, 'personnel:read');
  const conds: SQL[] = [inScopeSql(scope)];
  if (q.q) conds.push(sql`${inspectors.searchKey} like ${`%${searchKey(q.q).replace(/[%_\\]/g, '\\$&')}%`}`);
  if (q.authorityId) conds.push(eq(inspectors.authorityId, q.authorityId));
  if (q.pool || q.status)
    conds.push(
      sql`exists (select 1 from inspector_pools p where p.inspector_id = ${inspectors.id}${q.pool ? sql` and p.pool = ${q.pool}` : sql``}${q.status ? sql` and p.status = ${q.status}` : sql``})`,
    );
  if (q.expertise) conds.push(sql`${inspectors.expertise} ? ${q.expertise}`);
  const onSite = sql`exists (select 1 from team_members tm join inspections i on i.team_id = tm.team_id where tm.inspector_id = ${inspectors.id} and i.stage = 'onSite')`;
  if (q.available === 'true') conds.push(sql`not ${onSite}`);
  if (q.available === 'false') conds.push(onSite);
  const total = Number(
    (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(inspectors)
        .where(and(...conds))
    )[0]?.n ?? 0,
  );
  const cur = decodeCursor(q.cursor);
  if (cur) conds.push(sql`(${inspectors.name}, ${inspectors.id}) > (${cur[0]}, ${cur[1]}::uuid)`);
  const rows = await db
    .select({
      row: inspectors,
      authorityName: authorities.shortName,
      roundsServed: sql<number>`(select count(*)::int from team_members tm where tm.inspector_id = ${inspectors.id})`,
      currentTeams: sql<number>`(select count(distinct tm.team_id)::int from team_members tm join inspections i on i.team_id = tm.team_id where tm.inspector_id = ${inspectors.id} and i.stage in ('planned','prepared','onSite','reporting'))`,
    })
    .from(inspectors)
    .innerJoin(authorities, eq(authorities.id, inspectors.authorityId))
    .where(and(...conds))
    .orderBy(asc(inspectors.name), asc(inspectors.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
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
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      ...base(
        r.row,
        r.authorityName,
        pools.filter((p) => p.inspectorId === r.row.id),
      ),
      roundsServed: Number(r.roundsServed),
      currentTeams: Number(r.currentTeams),
    })),
    total,
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.row.name, last.row.id]) : null,
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

async function loadInspector(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'personnel:read' | 'personnel:write' = 'personnel:read',
) {
  const scope = await scopeFor(deps.db, ctx.actor, permission);
  const row = (await deps.db.select().from(inspectors).where(eq(inspectors.id, id)))[0];
  if (!row || !inScope(scope, row.authorityId)) throw notFound('巡察干部');
  return row;
}

async function inspectorDto(db: Db, row: InspectorRow): Promise<TInspector> {
  const a = (
    await db.select({ name: authorities.shortName }).from(authorities).where(eq(authorities.id, row.authorityId))
  )[0];
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
    ...base(row, a?.name ?? '', pools),
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

export async function getInspector(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TInspectorProfile> {
  const { db } = deps;
  const row = await loadInspector(deps, ctx, id);
  const dto = await inspectorDto(db, row);
  const served = await db
    .select({
      teamId: teams.id,
      teamName: teams.name,
      roundId: rounds.id,
      roundName: rounds.name,
      termName: terms.name,
      role: teamMembers.role,
      startDate: rounds.plannedStart,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(rounds, eq(rounds.id, teams.roundId))
    .innerJoin(terms, eq(terms.id, rounds.termId))
    .where(eq(teamMembers.inspectorId, id))
    .orderBy(desc(rounds.plannedStart));
  const teamIds = served.map((s) => s.teamId);
  const targets = teamIds.length
    ? await db
        .select({ teamId: inspections.teamId, name: organizations.name })
        .from(inspections)
        .innerJoin(inspectionTargets, eq(inspectionTargets.inspectionId, inspections.id))
        .innerJoin(organizations, eq(organizations.id, inspectionTargets.orgId))
        .where(and(inArray(inspections.teamId, teamIds), eq(inspectionTargets.role, 'primary')))
    : [];
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
  const appr = await db
    .select({ a: appraisals, teamName: teams.name, roundName: rounds.name })
    .from(appraisals)
    .innerJoin(teams, eq(teams.id, appraisals.teamId))
    .innerJoin(rounds, eq(rounds.id, teams.roundId))
    .where(eq(appraisals.inspectorId, id));
  const aw = await db.select().from(awards).where(sql`${awards.inspectorIds} ? ${id}`).orderBy(desc(awards.awardedOn));
  return {
    ...dto,
    userId: row.userId,
    teams: served.map((s) => ({
      teamId: s.teamId,
      teamName: s.teamName,
      roundId: s.roundId,
      roundName: s.roundName,
      termName: s.termName,
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
      roundName: x.roundName,
      grade: x.a.grade,
      comment: x.a.comment,
      appraisedOn: x.a.appraisedOn,
    })),
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

async function writeNested(
  db: Db,
  id: string,
  input: Pick<TInspectorCreate, 'history' | 'relatives' | 'workRelations' | 'pools'> | TInspectorUpdate,
  now: Date,
) {
  if (input.pools) {
    await db.delete(inspectorPools).where(eq(inspectorPools.inspectorId, id));
    if (input.pools.length)
      await db.insert(inspectorPools).values(
        input.pools.map((p) => ({
          inspectorId: id,
          pool: p.pool,
          status: p.status,
          since: p.since,
          until: p.until ?? null,
        })),
      );
  }
  if (input.history) {
    await db.delete(inspectorHistory).where(eq(inspectorHistory.inspectorId, id));
    if (input.history.length)
      await db.insert(inspectorHistory).values(
        input.history.map((h) => ({
          id: uuidv7(now.getTime()),
          inspectorId: id,
          orgId: h.orgId ?? null,
          unitName: h.unitName,
          post: h.post,
          fromDate: h.from,
          toDate: h.to ?? null,
        })),
      );
  }
  if (input.relatives) {
    await db.delete(inspectorRelatives).where(eq(inspectorRelatives.inspectorId, id));
    if (input.relatives.length)
      await db.insert(inspectorRelatives).values(
        input.relatives.map((r) => ({
          id: uuidv7(now.getTime()),
          inspectorId: id,
          name: r.name,
          relation: r.relation,
          orgId: r.orgId ?? null,
          unitName: r.unitName,
          post: r.post,
        })),
      );
  }
  if (input.workRelations) {
    await db.delete(inspectorWorkRelations).where(eq(inspectorWorkRelations.inspectorId, id));
    if (input.workRelations.length)
      await db.insert(inspectorWorkRelations).values(
        input.workRelations.map((w) => ({
          id: uuidv7(now.getTime()),
          inspectorId: id,
          personName: w.personName,
          relation: w.relation,
          orgId: w.orgId ?? null,
          fromDate: w.from,
          toDate: w.to ?? null,
        })),
      );
  }
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
  const scope = await scopeFor(db, ctx.actor, 'personnel:write');
  if (!inScope(scope, input.authorityId)) throw notFound('巡察机构');
  const now = clock.now();
  const id = await db.transaction(async (tx) => {
    const created = await insertInspector(tx as Db, input, now);
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'inspector.create',
      objectType: 'inspector',
      objectId: created,
      detail: { name: input.name },
    });
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
        current: await inspectorDto(tx as Db, row),
      });
    await writeNested(tx as Db, id, input, now);
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'inspector.update',
      objectType: 'inspector',
      objectId: id,
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  return inspectorDto(db, (await db.select().from(inspectors).where(eq(inspectors.id, id)))[0] as InspectorRow);
}

// ---------------------------------------------------------------- recusal and teams

async function loadInspectionForPersonnel(deps: AppDeps, ctx: RequestCtx, id: string) {
  const scope = await scopeFor(deps.db, ctx.actor, 'personnel:read');
  const r = (await deps.db.select().from(inspections).where(eq(inspections.id, id)))[0];
  if (!r || !inScope(scope, r.authorityId)) throw notFound('巡察');
  return r;
}

function checkDate(i: typeof inspections.$inferSelect, today: string): string {
  return i.plannedEntryDate ?? i.entryDate ?? today;
}

function reasonsFor(
  person: PoolPerson,
  role: TTeamRole,
  targets: Awaited<ReturnType<typeof loadTargets>>,
  onDate: string,
  decl: Awaited<ReturnType<typeof loadDeclarations>>,
  settings: TPersonnelSettings,
): TRecusalReason[] {
  const mine = decl.filter((d) => d.inspectorId === person.row.id);
  return recusalReasons({
    inspector: person.recusal,
    role,
    targets,
    onDate,
    settings,
    declarations: mine
      .filter((d) => d.kind === 'declaration')
      .map((d) => ({ hasConflict: d.hasConflict, detail: d.detail })),
    objections: mine.filter((d) => d.kind === 'objection').map((d) => ({ reason: d.detail })),
  });
}

/**
 * Conflicts over the whole pool of the inspection's authority. Someone already on the team is
 * checked in their role; anyone else as if they were to lead it, so every rule shows.
 */
export async function inspectionRecusal(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock } = deps;
  const i = await loadInspectionForPersonnel(deps, ctx, id);
  const { settings } = await personnelSettingsFor(db, i.authorityId);
  const [pool, targets, decl] = [
    await loadPool(db, i.authorityId),
    await loadTargets(db, [id]),
    await loadDeclarations(db, [id]),
  ];
  const roles = i.teamId ? await db.select().from(teamMembers).where(eq(teamMembers.teamId, i.teamId)) : [];
  const onDate = checkDate(i, shanghaiDate(clock.now()));
  const conflicts = [];
  for (const p of pool) {
    const role = (roles.find((r) => r.inspectorId === p.row.id)?.role as TTeamRole | undefined) ?? 'leader';
    const reasons = reasonsFor(p, role, targets, onDate, decl, settings);
    if (reasons.length) conflicts.push({ inspectorId: p.row.id, name: p.row.name, reasons });
  }
  conflicts.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { conflicts };
}

export async function teamSuggestion(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock } = deps;
  const i = await loadInspectionForPersonnel(deps, ctx, id);
  const { settings } = await personnelSettingsFor(db, i.authorityId);
  const [pool, targets, decl] = [
    await loadPool(db, i.authorityId),
    await loadTargets(db, [id]),
    await loadDeclarations(db, [id]),
  ];
  const onDate = checkDate(i, shanghaiDate(clock.now()));
  // Workload in this term and the organizations each has led, in two grouped queries.
  const load = await db
    .select({ inspectorId: teamMembers.inspectorId, n: sql<number>`count(*)::int` })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(rounds, eq(rounds.id, teams.roundId))
    .where(eq(rounds.termId, i.termId))
    .groupBy(teamMembers.inspectorId);
  const led = await db
    .selectDistinct({ inspectorId: teamMembers.inspectorId, orgId: inspectionTargets.orgId })
    .from(teamMembers)
    .innerJoin(inspections, eq(inspections.teamId, teamMembers.teamId))
    .innerJoin(inspectionTargets, eq(inspectionTargets.inspectionId, inspections.id))
    .where(
      and(
        eq(teamMembers.role, 'leader'),
        ne(inspections.id, id),
        inArray(inspectionTargets.orgId, targets.map((t) => t.orgId).concat(['00000000-0000-0000-0000-000000000000'])),
      ),
    );
  // Someone on another team of this round cannot be proposed: one team per round.
  const busy = new Set(
    (
      await db
        .select({ inspectorId: teamMembers.inspectorId })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(and(eq(teams.roundId, i.roundId), i.teamId ? ne(teams.id, i.teamId) : sql`true`))
    ).map((r) => r.inspectorId),
  );
  const workload = new Map(load.map((l) => [l.inspectorId, Number(l.n)]));
  const result = suggestTeam({
    pool: pool
      .filter((p) => !busy.has(p.row.id))
      .map((p) => ({
        id: p.row.id,
        name: p.row.name,
        pools: p.pools.map((x) => ({ pool: x.pool as never, status: x.status as never })),
        expertise: p.row.expertise,
        workload: workload.get(p.row.id) ?? 0,
        ledTargetIds: led.filter((l) => l.inspectorId === p.row.id).map((l) => l.orgId),
        conflicts: reasonsFor(p, 'leader', targets, onDate, decl, settings),
        memberConflicts: reasonsFor(p, 'member', targets, onDate, decl, settings),
      })),
    targetSectors: targets.map((t) => t.sector).filter((s): s is string => !!s),
    targetOrgIds: targets.map((t) => t.orgId),
    settings,
  });
  return result;
}

async function loadTeamForPersonnel(
  deps: AppDeps,
  ctx: RequestCtx,
  teamId: string,
  permission: 'plan:read' | 'plan:write',
) {
  const scope = await scopeFor(deps.db, ctx.actor, permission);
  const t = (await deps.db.select().from(teams).where(eq(teams.id, teamId)))[0];
  if (!t || !inScope(scope, t.authorityId)) throw notFound('巡察组');
  return t;
}

async function rosterOf(deps: AppDeps, team: typeof teams.$inferSelect): Promise<TTeamRoster> {
  const { db, clock } = deps;
  const { settings } = await personnelSettingsFor(db, team.authorityId);
  const members = await db
    .select()
    .from(teamMembers)
    .where(eq(teamMembers.teamId, team.id))
    .orderBy(asc(teamMembers.createdAt));
  const insp = await db.select().from(inspections).where(eq(inspections.teamId, team.id));
  const targets = await loadTargets(
    db,
    insp.map((i) => i.id),
  );
  const decl = await loadDeclarations(
    db,
    insp.map((i) => i.id),
  );
  const pool = members.length
    ? await loadPool(
        db,
        team.authorityId,
        members.map((m) => m.inspectorId),
      )
    : [];
  const today = shanghaiDate(clock.now());
  const onDate = insp.map((i) => checkDate(i, today)).sort()[0] ?? today;
  const list = members.map((m) => {
    const p = pool.find((x) => x.row.id === m.inspectorId) as PoolPerson;
    return {
      id: m.id,
      teamId: team.id,
      inspectorId: m.inspectorId,
      name: p.row.name,
      role: m.role as TTeamRole,
      expertise: p.row.expertise,
      homeUnitName: p.row.homeUnitName,
      override: m.overrideReason
        ? { reason: m.overrideReason, byName: m.overrideBy ?? '', at: (m.overrideAt as Date).toISOString() }
        : null,
      conflicts: reasonsFor(p, m.role as TTeamRole, targets, onDate, decl, settings),
    };
  });
  return {
    teamId: team.id,
    teamName: team.name,
    roundId: team.roundId,
    version: team.version,
    members: list,
    warnings: teamWarnings(
      list.map((m) => ({ role: m.role, expertise: m.expertise })),
      settings,
    ),
  };
}

const SEES_ALL_TEAMS = ['officeLeader', 'officeStaff', 'leader'];

/** For other modules: the teams the user sits on through their inspector record. */
export async function teamIdsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .innerJoin(inspectors, eq(inspectors.id, teamMembers.inspectorId))
    .where(eq(inspectors.userId, userId));
  return rows.map((r) => r.teamId);
}

/**
 * For other modules: the organizations a user belongs to — the account's own organization, the
 * inspector record's home unit and any post held now. A petition about one of them is never shown
 * to that user (security.md, Access).
 */
export async function affiliatedOrgIds(db: Db, userId: string, accountOrgId: string | null): Promise<string[]> {
  const ids = new Set<string>(accountOrgId ? [accountOrgId] : []);
  const mine = await db
    .select({ id: inspectors.id, homeOrgId: inspectors.homeOrgId })
    .from(inspectors)
    .where(eq(inspectors.userId, userId));
  for (const m of mine) if (m.homeOrgId) ids.add(m.homeOrgId);
  if (mine.length) {
    const posts = await db
      .select({ orgId: inspectorHistory.orgId })
      .from(inspectorHistory)
      .where(
        and(
          inArray(
            inspectorHistory.inspectorId,
            mine.map((m) => m.id),
          ),
          isNull(inspectorHistory.toDate),
        ),
      );
    for (const p of posts) if (p.orgId) ids.add(p.orgId);
  }
  return [...ids];
}

/** Office staff see every team of their authority; a team's own people see only their team. */
export async function getRoster(deps: AppDeps, ctx: RequestCtx, teamId: string) {
  const team = await loadTeamForPersonnel(deps, ctx, teamId, 'plan:read');
  if (!ctx.actor.roles.some((r) => SEES_ALL_TEAMS.includes(r))) {
    const mine = await deps.db
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .innerJoin(inspectors, eq(inspectors.id, teamMembers.inspectorId))
      .where(and(eq(teamMembers.teamId, teamId), eq(inspectors.userId, ctx.actor.userId)));
    if (!mine.length) throw notFound('巡察组');
  }
  return rosterOf(deps, team);
}

/**
 * Add a person to a team. A recusal conflict blocks it (409 RECUSAL_CONFLICT with the reasons)
 * unless an office leader overrides it with a written reason, which is kept and audited. The
 * team's version makes two concurrent edits of one roster answer one 201 and one 409.
 */
export async function addMember(
  deps: AppDeps,
  ctx: RequestCtx,
  teamId: string,
  input: TTeamMemberAdd,
): Promise<TTeamRoster> {
  const { db, clock } = deps;
  const team = await loadTeamForPersonnel(deps, ctx, teamId, 'plan:write');
  const now = clock.now();
  const { settings } = await personnelSettingsFor(db, team.authorityId);
  const pool = await loadPool(db, team.authorityId, [input.inspectorId]);
  const person = pool[0];
  if (!person) throw new AppError(ErrorCode.BadRequest, '该干部不在本巡察机构的干部库中');
  const insp = await db.select().from(inspections).where(eq(inspections.teamId, teamId));
  const targets = await loadTargets(
    db,
    insp.map((i) => i.id),
  );
  const decl = await loadDeclarations(
    db,
    insp.map((i) => i.id),
  );
  const today = shanghaiDate(now);
  const onDate = insp.map((i) => checkDate(i, today)).sort()[0] ?? today;
  const reasons = reasonsFor(person, input.role, targets, onDate, decl, settings);
  if (reasons.length && !input.override)
    throw new AppError(ErrorCode.RecusalConflict, `${person.row.name}存在回避情形，不能加入巡察组`, { reasons });
  if (reasons.length && input.override && !ctx.actor.permissions.has('recusal:override'))
    throw new AppError(ErrorCode.Forbidden, '只有巡察办领导可以在存在回避情形时作出例外决定');
  await db.transaction(async (tx) => {
    const bumped = await tx
      .update(teams)
      .set({ version: team.version + 1 })
      .where(and(eq(teams.id, teamId), eq(teams.version, input.version)))
      .returning({ id: teams.id });
    if (!bumped.length) throw new AppError(ErrorCode.VersionConflict, '巡察组名单已被他人修改，请刷新后重试');
    const clash = await tx
      .select({ team: teams.name })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(and(eq(teamMembers.inspectorId, input.inspectorId), eq(teams.roundId, team.roundId)));
    if (clash[0]) throw new AppError(ErrorCode.Conflict, `${person.row.name}已在本轮${clash[0].team}`);
    const override = reasons.length && input.override;
    const memberId = uuidv7(now.getTime());
    await tx.insert(teamMembers).values({
      id: memberId,
      teamId,
      inspectorId: input.inspectorId,
      role: input.role,
      overrideReason: override ? input.override?.reason : null,
      overrideBy: override ? ctx.actor.displayName : null,
      overrideAt: override ? now : null,
      overrideConflicts: override ? reasons : null,
      createdAt: now,
    });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: override ? 'team.overrideRecusal' : 'team.addMember',
      objectType: 'team',
      objectId: teamId,
      detail: {
        inspectorId: input.inspectorId,
        role: input.role,
        ...(override ? { reason: input.override?.reason, conflicts: reasons.map((r) => r.rule) } : {}),
      },
    });
  });
  return rosterOf(deps, (await db.select().from(teams).where(eq(teams.id, teamId)))[0] as typeof teams.$inferSelect);
}

export async function removeMember(
  deps: AppDeps,
  ctx: RequestCtx,
  teamId: string,
  memberId: string,
  version: number,
): Promise<TTeamRoster> {
  const { db, clock } = deps;
  const team = await loadTeamForPersonnel(deps, ctx, teamId, 'plan:write');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const bumped = await tx
      .update(teams)
      .set({ version: team.version + 1 })
      .where(and(eq(teams.id, teamId), eq(teams.version, version)))
      .returning({ id: teams.id });
    if (!bumped.length) throw new AppError(ErrorCode.VersionConflict, '巡察组名单已被他人修改，请刷新后重试');
    const gone = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.id, memberId), eq(teamMembers.teamId, teamId)))
      .returning();
    if (!gone.length) throw notFound('组员');
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'team.removeMember',
      objectType: 'team',
      objectId: teamId,
      detail: { inspectorId: gone[0]?.inspectorId },
    });
  });
  return rosterOf(deps, (await db.select().from(teams).where(eq(teams.id, teamId)))[0] as typeof teams.$inferSelect);
}

// ---------------------------------------------------------------- 一次一授权

async function loadRound(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'plan:read' | 'plan:write' | 'plan:export',
) {
  const scope = await scopeFor(deps.db, ctx.actor, permission);
  const r = (await deps.db.select().from(rounds).where(eq(rounds.id, id)))[0];
  if (!r || !inScope(scope, r.authorityId)) throw notFound('轮次');
  return r;
}

/** The teams' 组长 and 副组长 as the rosters stand now. */
async function currentLeaders(db: Db, roundId: string): Promise<TAuthorization['leaders']> {
  const ts = await db
    .select()
    .from(teams)
    .where(eq(teams.roundId, roundId))
    .orderBy(asc(teams.sortOrder), asc(teams.name));
  const ms = ts.length
    ? await db
        .select({ teamId: teamMembers.teamId, role: teamMembers.role, name: inspectors.name })
        .from(teamMembers)
        .innerJoin(inspectors, eq(inspectors.id, teamMembers.inspectorId))
        .where(
          inArray(
            teamMembers.teamId,
            ts.map((t) => t.id),
          ),
        )
    : [];
  return ts.map((t) => ({
    teamId: t.id,
    teamName: t.name,
    leaderName: ms.find((m) => m.teamId === t.id && m.role === 'leader')?.name ?? '',
    deputyNames: ms.filter((m) => m.teamId === t.id && m.role === 'deputy').map((m) => m.name),
  }));
}

function authorizationDto(round: typeof rounds.$inferSelect, a: typeof authorizations.$inferSelect): TAuthorization {
  return {
    id: a.id,
    roundId: round.id,
    docNumber: a.docNumber,
    decidedOn: a.decidedOn,
    leaders: a.leaders,
    taskDivision: a.taskDivision,
    validUntil: round.plannedEnd ?? '',
    version: a.version,
  };
}

export async function getAuthorization(deps: AppDeps, ctx: RequestCtx, roundId: string) {
  const round = await loadRound(deps, ctx, roundId, 'plan:read');
  const a = (await deps.db.select().from(authorizations).where(eq(authorizations.roundId, roundId)))[0];
  if (!a) throw notFound('授权决定');
  return authorizationDto(round, a);
}

export async function putAuthorization(
  deps: AppDeps,
  ctx: RequestCtx,
  roundId: string,
  body: { roundId?: string; docNumber: string; decidedOn: string; taskDivision: string },
) {
  const { db, clock } = deps;
  if (body.roundId && body.roundId !== roundId)
    throw new AppError(ErrorCode.BadRequest, '授权决定所属轮次与地址不一致');
  const input = { docNumber: body.docNumber, decidedOn: body.decidedOn, taskDivision: body.taskDivision };
  const round = await loadRound(deps, ctx, roundId, 'plan:write');
  const now = clock.now();
  if (input.decidedOn > shanghaiDate(now)) throw new AppError(ErrorCode.BadRequest, '决定日期不能晚于今天');
  await db.transaction(async (tx) => {
    // The names authorized are fixed with the decision: the document must say who was authorized.
    const leaders = await currentLeaders(tx as Db, roundId);
    const cur = (await tx.select().from(authorizations).where(eq(authorizations.roundId, roundId)))[0];
    if (cur)
      await tx
        .update(authorizations)
        .set({ ...input, leaders, version: cur.version + 1 })
        .where(eq(authorizations.id, cur.id));
    else
      await tx.insert(authorizations).values({ id: uuidv7(now.getTime()), roundId, ...input, leaders, createdAt: now });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'round.authorize',
      objectType: 'round',
      objectId: roundId,
      detail: { docNumber: input.docNumber },
    });
  });
  return getAuthorization(deps, ctx, round.id);
}

const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export async function authorizationDocx(deps: AppDeps, ctx: RequestCtx, roundId: string) {
  const { db, clock } = deps;
  const round = await loadRound(deps, ctx, roundId, 'plan:export');
  const a = await getAuthorization(deps, ctx, roundId);
  const authority = (await db.select().from(authorities).where(eq(authorities.id, round.authorityId)))[0];
  const term = (await db.select().from(terms).where(eq(terms.id, round.termId)))[0];
  const committee = (authority?.name ?? '').replace(/巡察工作领导小组办公室$/, '');
  const now = clock.now();
  const serial = newExportSerial(now);
  const buf = await buildOfficialDocx({
    title: `关于${term?.name ?? ''}${round.name}巡察授权的决定`,
    subtitle: a.docNumber,
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
    issuer: `${committee}巡察工作领导小组`,
    date: cn(a.decidedOn),
    blocks: [
      {
        kind: 'p',
        text: `根据《中国共产党巡视工作条例》和${committee}巡察工作有关规定，实行“一次一授权”。现对${round.name}巡察授权如下：`,
      },
      { kind: 'h1', text: '一、组长、副组长' },
      {
        kind: 'table',
        header: ['巡察组', '组长', '副组长'],
        widths: [30, 30, 40],
        rows: a.leaders.map((l) => [l.teamName, l.leaderName || '待定', l.deputyNames.join('、') || '待定']),
      },
      { kind: 'h1', text: '二、任务分工' },
      ...a.taskDivision
        .split(/\n+/)
        .filter(Boolean)
        .map((t) => ({ kind: 'p' as const, text: t })),
      { kind: 'h1', text: '三、授权期限' },
      {
        kind: 'p',
        text: `本授权自决定之日起至${a.validUntil ? cn(a.validUntil) : '本轮巡察结束'}止，随本轮巡察工作结束而自然终止。`,
      },
    ],
  });
  await auditExport(db, ctx, now, 'round.exportAuthorization', serial, { roundId });
  return { buf, name: `${round.name}巡察授权决定-${serial}.docx` };
}

// ---------------------------------------------------------------- growth ledgers

export async function listTrainings(deps: AppDeps, ctx: RequestCtx, authorityId?: string) {
  const scope = await scopeFor(deps.db, ctx.actor, 'personnel:read');
  const rows = await deps.db
    .select({
      t: trainings,
      n: sql<number>`(select count(*)::int from training_attendances a where a.training_id = ${trainings.id})`,
    })
    .from(trainings)
    .where(
      and(
        scope.all
          ? sql`true`
          : scope.authorityIds.length
            ? inArray(trainings.authorityId, scope.authorityIds)
            : sql`false`,
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
  const scope = await scopeFor(db, ctx.actor, 'personnel:read');
  const rows = await db
    .select()
    .from(awards)
    .where(
      and(
        scope.all
          ? sql`true`
          : scope.authorityIds.length
            ? inArray(awards.authorityId, scope.authorityIds)
            : sql`false`,
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

// ---------------------------------------------------------------- declarations and objections

/**
 * 回避申请书 filed by an inspector for an inspection, or an objection by the inspected
 * organization to a member. Both then count as recusal reasons for that person.
 */
export async function fileRecusalStatement(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  kind: 'declaration' | 'objection',
  input: { inspectorId: string; inspectionId: string; hasConflict?: boolean; detail?: string; reason?: string },
) {
  const { db, clock } = deps;
  if (input.inspectionId !== inspectionId) throw new AppError(ErrorCode.BadRequest, '回避材料所属巡察与地址不一致');
  const i = await loadInspectionForPersonnel(deps, ctx, inspectionId);
  const person = (await db.select().from(inspectors).where(eq(inspectors.id, input.inspectorId)))[0];
  if (!person || person.authorityId !== i.authorityId)
    throw new AppError(ErrorCode.BadRequest, '该干部不在本巡察机构的干部库中');
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(recusalDeclarations).values({
      id: uuidv7(now.getTime()),
      inspectionId,
      inspectorId: input.inspectorId,
      kind,
      hasConflict: kind === 'objection' ? true : !!input.hasConflict,
      detail: (kind === 'objection' ? input.reason : input.detail) ?? '',
      createdAt: now,
    });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: kind === 'objection' ? 'recusal.objection' : 'recusal.declaration',
      objectType: 'inspection',
      objectId: inspectionId,
      detail: { inspectorId: input.inspectorId, hasConflict: kind === 'objection' || !!input.hasConflict },
    });
  });
  return inspectionRecusal(deps, ctx, inspectionId);
}

// ---------------------------------------------------------------- documents

/** 鉴定: a seconded member's appraisal for one round, sent back to the home unit. */
export async function appraisalDocx(deps: AppDeps, ctx: RequestCtx, appraisalId: string) {
  const { db, clock } = deps;
  const row = (
    await db
      .select({
        a: appraisals,
        person: inspectors,
        teamName: teams.name,
        roundName: rounds.name,
        termName: terms.name,
        authorityId: rounds.authorityId,
      })
      .from(appraisals)
      .innerJoin(inspectors, eq(inspectors.id, appraisals.inspectorId))
      .innerJoin(teams, eq(teams.id, appraisals.teamId))
      .innerJoin(rounds, eq(rounds.id, teams.roundId))
      .innerJoin(terms, eq(terms.id, rounds.termId))
      .where(eq(appraisals.id, appraisalId))
  )[0];
  const scope = await scopeFor(db, ctx.actor, 'personnel:read');
  if (!row || !inScope(scope, row.authorityId)) throw notFound('鉴定');
  const authority = (await db.select().from(authorities).where(eq(authorities.id, row.authorityId)))[0];
  const now = clock.now();
  const serial = newExportSerial(now);
  const p = row.person;
  const buf = await buildOfficialDocx({
    title: '巡察组抽调人员工作鉴定表',
    subtitle: `${row.termName}${row.roundName}　${row.teamName}`,
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
    issuer: authority?.name ?? '',
    date: cn(row.a.appraisedOn),
    blocks: [
      { kind: 'p', text: `${p.homeUnitName}：` },
      {
        kind: 'p',
        text: `你单位${p.name}同志（${p.post}，${p.rank}）于${row.termName}${row.roundName}抽调至${row.teamName}参加巡察工作。现将其在巡察期间的表现鉴定如下：`,
      },
      {
        kind: 'table',
        header: ['姓名', '原单位及职务', '组内职务', '鉴定等次'],
        widths: [15, 45, 15, 25],
        rows: [[p.name, `${p.homeUnitName}${p.post}`, '组员', row.a.grade]],
      },
      { kind: 'h1', text: '鉴定意见' },
      { kind: 'p', text: row.a.comment },
      { kind: 'p', text: '请将本鉴定存入本人档案，作为干部考核、评先评优和选拔任用的参考。' },
    ],
  });
  await auditExport(db, ctx, now, 'inspector.exportAppraisal', serial, { appraisalId });
  return { buf, name: `${p.name}巡察工作鉴定-${serial}.docx` };
}

/** The training and award ledgers as one workbook, stamped like every export. */
export async function ledgersXlsx(deps: AppDeps, ctx: RequestCtx, authorityId?: string) {
  const { db, clock } = deps;
  const now = clock.now();
  const serial = newExportSerial(now);
  const t = await listTrainings(deps, ctx, authorityId);
  const a = await listAwards(deps, ctx, { authorityId });
  const rows = [
    ...t.items.map((x) => ({
      a: '培训',
      b: x.heldOn,
      c: x.title,
      d: x.mode === 'video' ? '视频' : '现场',
      e: `${x.hours}学时，${x.attendeeCount}人次`,
    })),
    ...a.items.map((x) => ({
      a: x.kind === 'excellentInspector' ? '优秀巡察干部' : '优秀巡察报告',
      b: x.awardedOn,
      c: x.title ?? x.people.map((p) => p.name).join('、'),
      d: x.category ?? x.batch,
      e: x.people.map((p) => `${p.name}（${p.homeUnitName}）`).join('、'),
    })),
  ];
  const buf = await buildXlsx({
    sheetName: '培训与表彰',
    title: '巡察干部培训与表彰台账',
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
    rows,
    columns: [
      { header: '类别', width: 14, value: (r) => r.a },
      { header: '日期', width: 12, value: (r) => r.b },
      { header: '名称/标题', width: 44, value: (r) => r.c },
      { header: '方式/类别/批次', width: 16, value: (r) => r.d },
      { header: '人员/人次', width: 60, value: (r) => r.e },
    ],
  });
  await auditExport(db, ctx, now, 'personnel.exportLedgers', serial, { rows: rows.length });
  return { buf, name: `巡察干部培训与表彰台账-${serial}.xlsx` };
}

// ---------------------------------------------------------------- growth records

async function authorityFor(deps: AppDeps, ctx: RequestCtx, authorityId: string) {
  const scope = await scopeFor(deps.db, ctx.actor, 'personnel:write');
  const a = (await deps.db.select().from(authorities).where(eq(authorities.id, authorityId)))[0];
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
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'training.create',
      objectType: 'training',
      objectId: id,
      detail: { title: input.title },
    });
  });
  return { id, ...input, attendeeCount: 0 };
}

async function loadTraining(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'personnel:read' | 'personnel:write',
) {
  const scope = await scopeFor(deps.db, ctx.actor, permission);
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
  const scope = await scopeFor(db, ctx.actor, 'personnel:read');
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
    await tx.delete(trainingAttendances).where(eq(trainingAttendances.trainingId, id));
    if (ids.length)
      await tx.insert(trainingAttendances).values(ids.map((inspectorId) => ({ trainingId: id, inspectorId })));
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'training.attendance',
      objectType: 'training',
      objectId: id,
      detail: { count: ids.length },
    });
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
    const host = (
      await db
        .select()
        .from(authorities)
        .where(eq(authorities.id, input.hostAuthorityId as string))
    )[0];
    if (!host) throw new AppError(ErrorCode.BadRequest, '跟班学习的巡察机构不存在');
    hostName = host.name;
  }
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx
      .insert(secondments)
      .values({ id, inspectorId: person.id, kind, hostName, fromDate: input.from, toDate: input.to ?? null });
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: kind === 'shadowing' ? 'inspector.shadowing' : 'inspector.secondment',
      objectType: 'inspector',
      objectId: person.id,
      detail: { hostName },
    });
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
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'inspector.appraisal',
      objectType: 'inspector',
      objectId: person.id,
      detail: { teamId: input.teamId, grade: input.grade },
    });
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
  const scope = await scopeFor(db, ctx.actor, 'personnel:read');
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
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'award.create',
      objectType: 'award',
      objectId: id,
      detail: { kind: input.kind, batch: input.batch, people: input.inspectorIds.length },
    });
  });
  return { id };
}

export async function getPersonnelSettings(deps: AppDeps, ctx: RequestCtx, authorityId: string) {
  const scope = await scopeFor(deps.db, ctx.actor, 'personnel:read');
  if (!inScope(scope, authorityId)) throw notFound('巡察机构');
  const s = await personnelSettingsFor(deps.db, authorityId);
  return { authorityId, settings: s.settings, version: s.version, updatedAt: s.updatedAt?.toISOString() ?? null };
}

/** Changing the recusal windows or the team mix changes every check after it; it is audited. */
export async function updatePersonnelSettings(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  input: { version: number; settings: TPersonnelSettings },
) {
  const { db, clock } = deps;
  await authorityFor(deps, ctx, authorityId);
  const now = clock.now();
  const before = await personnelSettingsFor(db, authorityId);
  await db.transaction(async (tx) => {
    const res =
      input.version === 0
        ? await tx
            .insert(personnelSettings)
            .values({ authorityId, value: input.settings, version: 1, updatedAt: now })
            .onConflictDoNothing()
            .returning({ id: personnelSettings.authorityId })
        : await tx
            .update(personnelSettings)
            .set({ value: input.settings, version: input.version + 1, updatedAt: now })
            .where(and(eq(personnelSettings.authorityId, authorityId), eq(personnelSettings.version, input.version)))
            .returning({ id: personnelSettings.authorityId });
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '设置已被他人修改，请刷新后重试');
    const changed = Object.keys(input.settings).filter(
      (k) =>
        JSON.stringify((before.settings as Record<string, unknown>)[k]) !==
        JSON.stringify((input.settings as Record<string, unknown>)[k]),
    );
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'personnel.settings',
      objectType: 'authority',
      objectId: authorityId,
      detail: { changed },
    });
  });
  return getPersonnelSettings(deps, ctx, authorityId);
}
