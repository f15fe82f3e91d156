import {
  AppError,
  ErrorCode,
  type TAuthorization,
  type TPermission,
  type TRole,
  type TTeamMemberAdd,
  type TTeamRole,
  type TTeamRoster,
  teamWarnings,
} from '@xc/domain';
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { authorizations, inspectorHistory, inspectors, teamMembers, teams } from '../../db/schema/personnel.ts';
import { inScope, notFound, perRequest, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { refusedDelete } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { loadRound } from '../planning/index.ts';
import { personnelSettingsFor, reasonsFor, teamRecusalFacts } from './personnel.recusal.ts';
import { loadPool, type PoolPerson } from './personnel.repository.ts';

// 巡察组: the teams of a round, their rosters with live recusal checks, the one rule of who sees
// which team, and the round's 一次一授权 decision.

export async function listTeams(deps: AppDeps, ctx: RequestCtx, roundId: string) {
  await loadRound(deps, ctx, roundId);
  const rows = await deps.db
    .select()
    .from(teams)
    .where(eq(teams.roundId, roundId))
    .orderBy(asc(teams.sortOrder), asc(teams.name));
  return {
    items: rows.map((t) => ({
      id: t.id,
      roundId: t.roundId,
      name: t.name,
      sortOrder: t.sortOrder,
      version: t.version,
    })),
  };
}

export async function createTeam(deps: AppDeps, ctx: RequestCtx, input: { roundId: string; name: string }) {
  const { db, clock } = deps;
  const r = await loadRound(deps, ctx, input.roundId, 'plan:write');
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    const existing = await tx.select({ name: teams.name }).from(teams).where(eq(teams.roundId, r.id));
    if (existing.some((e) => e.name === input.name)) throw new AppError(ErrorCode.Conflict, `本轮已有“${input.name}”`);
    await tx.insert(teams).values({
      id,
      roundId: r.id,
      authorityId: r.authorityId,
      name: input.name,
      sortOrder: existing.length,
      createdAt: now,
    });
    await auditAction(tx, now, ctx, 'team.create', { type: 'team', id }, { roundId: r.id, name: input.name });
  });
  return {
    id,
    roundId: r.id,
    name: input.name,
    sortOrder: 0,
    version: 1,
    ...(await listTeams(deps, ctx, r.id)).items.find((x) => x.id === id),
  };
}

/** A team the permission reaches by its authority (the office's view; team visibility is apart). */
async function loadTeam(deps: AppDeps, ctx: RequestCtx, id: string, permission: TPermission = 'plan:write') {
  const t = (await deps.db.select().from(teams).where(eq(teams.id, id)))[0];
  if (!t || !inScope(scopeFor(ctx.actor, permission), t.authorityId)) throw notFound('巡察组');
  return t;
}

export async function updateTeam(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; name?: string; sortOrder?: number },
) {
  const { db, clock } = deps;
  const t = await loadTeam(deps, ctx, id);
  const now = clock.now();
  await db.transaction(async (tx) => {
    if (input.name && input.name !== t.name) {
      const dup = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.roundId, t.roundId), eq(teams.name, input.name)));
      if (dup.length) throw new AppError(ErrorCode.Conflict, `本轮已有“${input.name}”`);
    }
    const { version, ...changes } = input;
    const res = await tx
      .update(teams)
      .set({ ...changes, version: t.version + 1 })
      .where(and(eq(teams.id, id), eq(teams.version, version)))
      .returning();
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '该巡察组已被他人修改，请刷新后重试');
    await auditAction(tx, now, ctx, 'team.update', { type: 'team', id }, { fields: Object.keys(changes) });
  });
  const fresh = (await db.select().from(teams).where(eq(teams.id, id)))[0] as typeof teams.$inferSelect;
  return { id, roundId: fresh.roundId, name: fresh.name, sortOrder: fresh.sortOrder, version: fresh.version };
}

/**
 * A team that carries out inspections, has people, appraisals or surveys is not deleted: the
 * foreign keys refuse it and the answer says what is there.
 */
export async function deleteTeam(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock } = deps;
  const t = await loadTeam(deps, ctx, id);
  const now = clock.now();
  await refusedDelete(db, `“${t.name}”`, () =>
    db.transaction(async (tx) => {
      await tx.delete(teams).where(eq(teams.id, id));
      await auditAction(tx, now, ctx, 'team.delete', { type: 'team', id }, { name: t.name });
    }),
  );
}

async function rosterOf(deps: AppDeps, team: typeof teams.$inferSelect): Promise<TTeamRoster> {
  const { db, clock } = deps;
  const { settings } = await personnelSettingsFor(db, team.authorityId);
  const members = await db
    .select()
    .from(teamMembers)
    .where(eq(teamMembers.teamId, team.id))
    .orderBy(asc(teamMembers.createdAt));
  const { targets, decl, onDate } = await teamRecusalFacts(db, team.id, shanghaiDate(clock.now()));
  const pool = members.length
    ? await loadPool(
        db,
        team.authorityId,
        members.map((m) => m.inspectorId),
      )
    : [];
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

/** Roles that see every team of the authorities their grants reach; everyone else sees their own. */
const SEES_ALL_TEAMS: readonly TRole[] = ['officeLeader', 'officeStaff', 'leader'];

export interface TeamAccess {
  /** The office and leaders: every team (within the authorities their permissions reach). */
  allTeams: boolean;
  /** The teams the caller sits on through their inspector record. */
  ownTeamIds: string[];
}

/**
 * Team visibility, the one rule every module follows ("the office sees all, a team sees its own"),
 * computed once per request. Inspections, petitions, surveys and everything recorded per
 * inspection are scoped with it (planning's visibleInspectionIds builds on it).
 */
export function teamAccess(deps: AppDeps, ctx: RequestCtx): Promise<TeamAccess> {
  return perRequest(ctx.actor, 'teamAccess', async () => ({
    allTeams: seesAllTeams(ctx),
    ownTeamIds: await teamIdsOfUser(deps.db, ctx.actor.userId),
  }));
}

/** teamAccess(…).allTeams, known from the caller's roles without reading their teams. */
export function seesAllTeams(ctx: RequestCtx): boolean {
  return ctx.actor.grants.some((g) => SEES_ALL_TEAMS.includes(g.role));
}

/** The teams a user sits on through their inspector record. */
async function teamIdsOfUser(db: Db, userId: string): Promise<string[]> {
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
  const team = await loadTeam(deps, ctx, teamId, 'plan:read');
  const access = await teamAccess(deps, ctx);
  if (!access.allTeams && !access.ownTeamIds.includes(teamId)) throw notFound('巡察组');
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
  const team = await loadTeam(deps, ctx, teamId, 'plan:write');
  const now = clock.now();
  const { settings } = await personnelSettingsFor(db, team.authorityId);
  const pool = await loadPool(db, team.authorityId, [input.inspectorId]);
  const person = pool[0];
  if (!person) throw new AppError(ErrorCode.BadRequest, '该干部不在本巡察机构的干部库中');
  const { targets, decl, onDate } = await teamRecusalFacts(db, teamId, shanghaiDate(now));
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
    await auditAction(
      tx,
      now,
      ctx,
      override ? 'team.overrideRecusal' : 'team.addMember',
      { type: 'team', id: teamId },
      {
        inspectorId: input.inspectorId,
        role: input.role,
        ...(override ? { reason: input.override?.reason, conflicts: reasons.map((r) => r.rule) } : {}),
      },
    );
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
  const team = await loadTeam(deps, ctx, teamId, 'plan:write');
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
    await auditAction(
      tx,
      now,
      ctx,
      'team.removeMember',
      { type: 'team', id: teamId },
      { inspectorId: gone[0]?.inspectorId },
    );
  });
  return rosterOf(deps, (await db.select().from(teams).where(eq(teams.id, teamId)))[0] as typeof teams.$inferSelect);
}

// ---------------------------------------------------------------- 一次一授权

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

function authorizationDto(
  round: { id: string; plannedEnd: string | null },
  a: typeof authorizations.$inferSelect,
): TAuthorization {
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
    const leaders = await currentLeaders(tx, roundId);
    const cur = (await tx.select().from(authorizations).where(eq(authorizations.roundId, roundId)))[0];
    if (cur)
      await tx
        .update(authorizations)
        .set({ ...input, leaders, version: cur.version + 1 })
        .where(eq(authorizations.id, cur.id));
    else
      await tx.insert(authorizations).values({ id: uuidv7(now.getTime()), roundId, ...input, leaders, createdAt: now });
    await auditAction(tx, now, ctx, 'round.authorize', { type: 'round', id: roundId }, { docNumber: input.docNumber });
  });
  return getAuthorization(deps, ctx, round.id);
}

// ---------------------------------------------------------------- for other modules (index.ts)

export interface TeamBrief {
  id: string;
  name: string;
  roundId: string;
  authorityId: string;
}

export async function teamBriefs(db: Db, ids: readonly (string | null | undefined)[]): Promise<Map<string, TeamBrief>> {
  const uniq = [...new Set(ids.filter((x): x is string => !!x))];
  if (!uniq.length) return new Map();
  const rows = await db
    .select({ id: teams.id, name: teams.name, roundId: teams.roundId, authorityId: teams.authorityId })
    .from(teams)
    .where(inArray(teams.id, uniq));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The name of the team `id` names, as a scalar subquery in another module's statement. */
export function teamNameSql(id: SQL): SQL<string | null> {
  return sql<string | null>`(select t.name from ${teams} t where t.id = ${id})`;
}

export async function teamNamesByIds(
  db: Db,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  return new Map([...(await teamBriefs(db, ids))].map(([id, t]) => [id, t.name]));
}

export interface TeamMemberBrief {
  teamId: string;
  inspectorId: string;
  /** The inspector's own account, when they have one. */
  userId: string | null;
  name: string;
  role: TTeamRole;
}

/**
 * For other modules (fieldwork: who may sit in an interview, who reviews a working paper): the
 * people on some teams with their role. No scope check: callers have checked theirs.
 */
export async function teamMembersOf(db: Db, teamIds: readonly string[]): Promise<TeamMemberBrief[]> {
  if (!teamIds.length) return [];
  const rows = await db
    .select({
      teamId: teamMembers.teamId,
      inspectorId: teamMembers.inspectorId,
      userId: inspectors.userId,
      name: inspectors.name,
      role: teamMembers.role,
    })
    .from(teamMembers)
    .innerJoin(inspectors, eq(inspectors.id, teamMembers.inspectorId))
    .where(inArray(teamMembers.teamId, [...teamIds]))
    .orderBy(asc(teamMembers.createdAt));
  return rows.map((r) => ({ ...r, role: r.role as TTeamRole }));
}
