import {
  AppError,
  DEFAULT_PERSONNEL_SETTINGS,
  ErrorCode,
  recusalReasons,
  suggestTeam,
  type TPersonnelSettings,
  type TRecusalReason,
  type TTeamRole,
  ZPersonnelSettings,
} from '@xc/domain';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { inspectors, personnelSettings, recusalDeclarations, teamMembers, teams } from '../../db/schema/personnel.ts';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type Db, writeVersioned } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { authorityById } from '../orgs/index.ts';
import {
  type InspectionRow,
  inspectionsOfTeams,
  loadInspectionRow,
  roundIdsOfTerm,
  teamsThatInspected,
} from '../planning/index.ts';
import {
  type loadDeclarations,
  loadPool,
  type loadTargets,
  type PoolPerson,
  recusalFacts,
} from './personnel.repository.ts';

// 回避 (domain.md §5): the recusal report over a whole pool, the suggested team, 回避申请书 and
// objections, and the authority's team and recusal settings.

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

/** The inspection, when its authority's pool is within the caller's personnel scope. */
async function loadInspectionForPersonnel(deps: AppDeps, ctx: RequestCtx, id: string) {
  const r = await loadInspectionRow(deps.db, id);
  if (!inScope(scopeFor(ctx.actor, 'personnel:read'), r.authorityId)) throw notFound('巡察');
  return r;
}

/** The day recusal looks from: the planned entry, else the entry, else today. */
export function checkDate(i: Pick<InspectionRow, 'plannedEntryDate' | 'entryDate'>, today: string): string {
  return i.plannedEntryDate ?? i.entryDate ?? today;
}

export function reasonsFor(
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

/** A team's recusal facts over all its inspections, checked on the earliest of their dates. */
export async function teamRecusalFacts(db: Db, teamId: string, today: string) {
  const insp = await inspectionsOfTeams(db, [teamId]);
  const facts = await recusalFacts(
    db,
    insp.map((i) => i.id),
  );
  return { ...facts, onDate: insp.map((i) => checkDate(i, today)).sort()[0] ?? today };
}

/** What checking the whole pool of an inspection's authority against the inspection reads. */
async function recusalCheckOf(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock } = deps;
  const i = await loadInspectionForPersonnel(deps, ctx, id);
  const { settings } = await personnelSettingsFor(db, i.authorityId);
  const pool = await loadPool(db, i.authorityId);
  const { targets, decl } = await recusalFacts(db, [id]);
  return { i, settings, pool, targets, decl, onDate: checkDate(i, shanghaiDate(clock.now())) };
}

/**
 * Conflicts over the whole pool of the inspection's authority. Someone already on the team is
 * checked in their role; anyone else as if they were to lead it, so every rule shows.
 */
export async function inspectionRecusal(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db } = deps;
  const { i, settings, pool, targets, decl, onDate } = await recusalCheckOf(deps, ctx, id);
  const roles = i.teamId ? await db.select().from(teamMembers).where(eq(teamMembers.teamId, i.teamId)) : [];
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
  const { db } = deps;
  const { i, settings, pool, targets, decl, onDate } = await recusalCheckOf(deps, ctx, id);
  // Workload in this term and the organizations each has led, in two grouped queries.
  const termRounds = await roundIdsOfTerm(db, i.termId);
  const load = termRounds.length
    ? await db
        .select({ inspectorId: teamMembers.inspectorId, n: sql<number>`count(*)::int` })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(inArray(teams.roundId, termRounds))
        .groupBy(teamMembers.inspectorId)
    : [];
  const inspectedBy = await teamsThatInspected(
    db,
    targets.map((t) => t.orgId),
    id,
  );
  const leaders = inspectedBy.length
    ? await db
        .select({ inspectorId: teamMembers.inspectorId, teamId: teamMembers.teamId })
        .from(teamMembers)
        .where(
          and(
            eq(teamMembers.role, 'leader'),
            inArray(
              teamMembers.teamId,
              inspectedBy.map((x) => x.teamId),
            ),
          ),
        )
    : [];
  const led = leaders.flatMap((l) =>
    inspectedBy.filter((x) => x.teamId === l.teamId).map((x) => ({ inspectorId: l.inspectorId, orgId: x.orgId })),
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
    await auditAction(
      tx,
      now,
      ctx,
      kind === 'objection' ? 'recusal.objection' : 'recusal.declaration',
      { type: 'inspection', id: inspectionId },
      { inspectorId: input.inspectorId, hasConflict: kind === 'objection' || !!input.hasConflict },
    );
  });
  return inspectionRecusal(deps, ctx, inspectionId);
}

export async function getPersonnelSettings(deps: AppDeps, ctx: RequestCtx, authorityId: string) {
  const scope = scopeFor(ctx.actor, 'personnel:read');
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
  if (!inScope(scopeFor(ctx.actor, 'personnel:write'), authorityId) || !(await authorityById(db, authorityId)))
    throw notFound('巡察机构');
  const now = clock.now();
  const before = await personnelSettingsFor(db, authorityId);
  await db.transaction(async (tx) => {
    const done = await writeVersioned(
      tx,
      personnelSettings,
      [personnelSettings.authorityId, authorityId],
      { value: input.settings, updatedAt: now },
      input.version,
    );
    if (!done) throw new AppError(ErrorCode.VersionConflict, '设置已被他人修改，请刷新后重试');
    const changed = Object.keys(input.settings).filter(
      (k) =>
        JSON.stringify((before.settings as Record<string, unknown>)[k]) !==
        JSON.stringify((input.settings as Record<string, unknown>)[k]),
    );
    await auditAction(tx, now, ctx, 'personnel.settings', { type: 'authority', id: authorityId }, { changed });
  });
  return getPersonnelSettings(deps, ctx, authorityId);
}
