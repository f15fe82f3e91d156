import {
  AppError,
  ErrorCode,
  INSPECTION_MODE_LABELS,
  inspectionTargetRows,
  reachedStage,
  type TInspection,
  type TInspectionCreate,
  type TInspectionDetail,
  type TInspectionListQuery,
  type TInspectionUpdate,
  type TPermission,
  type TStage,
} from '@xc/domain';
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { inspectionEvents, inspections, inspectionTargets, rounds, terms } from '../../db/schema/planning.ts';
import { inScope, notFound, type Scope, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db, lastingAnswers, replaceChildren, rowsOf } from '../../platform/db.ts';
import { refusedDelete } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginateItems } from '../../platform/pagination.ts';
import { childAuthorityIds, orgNameSectorSql, orgsByIds } from '../orgs/index.ts';
import { teamAccess, teamBriefs, teamNameSql, teamNamesByIds } from '../personnel/index.ts';
import { loadRound, type RoundRow, roundsByIds } from './planning.rounds.ts';
import { getInspection } from './planning.stages.ts';

// 巡察: one team's work on its targets in a round, and its stage machine (domain.md §4).

/** An inspection is visible to its own authority and, for 授权巡察, to the county carrying it out. */
export function inspectionIn(scope: Scope): SQL {
  if (scope.all) return sql`true`;
  if (!scope.authorityIds.length) return sql`false`;
  return or(
    inArray(inspections.authorityId, scope.authorityIds),
    inArray(inspections.authorizedAuthorityId, scope.authorityIds),
  ) as SQL;
}

export type InspectionRow = typeof inspections.$inferSelect;

export async function inspectionDtos(db: Db, rows: InspectionRow[]): Promise<TInspection[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  // One promise for the targets (a query builder runs again at every then), then the independent
  // lookups at once: every list of findings, clues and tasks labels its rows through here.
  const targetQuery = db
    .select()
    .from(inspectionTargets)
    .where(inArray(inspectionTargets.inspectionId, ids))
    // The order inspectionLabels names them in (primary first, below).
    .orderBy(asc(inspectionTargets.inspectionId), asc(inspectionTargets.orgId))
    .then((ts) => ts);
  const [targetRows, orgs, teamName, roundRows] = await Promise.all([
    targetQuery,
    targetQuery.then((ts) =>
      orgsByIds(
        db,
        ts.map((t) => t.orgId),
      ),
    ),
    teamNamesByIds(
      db,
      rows.map((r) => r.teamId),
    ),
    db
      .select({ id: rounds.id, kind: rounds.kind })
      .from(rounds)
      .where(inArray(rounds.id, [...new Set(rows.map((r) => r.roundId))])),
  ]);
  const targets = targetRows.map((t) => ({ ...t, name: orgs.get(t.orgId)?.name ?? '', kind: orgs.get(t.orgId)?.kind }));
  const roundKind = new Map(roundRows.map((r) => [r.id, r.kind]));
  return rows.map((r) => ({
    id: r.id,
    roundId: r.roundId,
    termId: r.termId,
    authorityId: r.authorityId,
    teamId: r.teamId,
    teamName: r.teamId ? (teamName.get(r.teamId) ?? null) : null,
    mode: r.mode as TInspection['mode'],
    kind: (roundKind.get(r.roundId) ?? 'regular') as TInspection['kind'],
    stage: r.stage as TStage,
    targets: targets
      .filter((t) => t.inspectionId === r.id)
      .sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1))
      .map((t) => ({
        orgId: t.orgId,
        name: t.name,
        kind: t.kind as TInspection['targets'][number]['kind'],
        role: t.role,
      })),
    lookBackOfId: r.lookBackOfId,
    authorizedAuthorityId: r.authorizedAuthorityId,
    plannedEntryDate: r.plannedEntryDate,
    plannedExitDate: r.plannedExitDate,
    preparedDate: r.preparedDate,
    entryDate: r.entryDate,
    exitDate: r.exitDate,
    feedbackDate: r.feedbackDate,
    transferDate: r.transferDate,
    rectifyingStartDate: r.rectifyingStartDate,
    evaluatedDate: r.evaluatedDate,
    publishedDate: r.publishedDate,
    archivedDate: r.archivedDate,
    version: r.version,
  }));
}

/**
 * For other modules (petitions, surveys): inspections as this module describes them, with a label
 * people recognise (第N轮 · 组 · 被巡察单位). No scope check: callers have checked theirs.
 */
export async function inspectionsById(db: Db, ids: string[]): Promise<Map<string, TInspection & { label: string }>> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map();
  const rows = await db.select().from(inspections).where(inArray(inspections.id, uniq));
  const [dtos, roundRows] = await Promise.all([
    inspectionDtos(db, rows),
    db
      .select({ id: rounds.id, name: rounds.name })
      .from(rounds)
      .where(inArray(rounds.id, [...new Set(rows.map((r) => r.roundId))])),
  ]);
  const roundName = new Map(roundRows.map((r) => [r.id, r.name]));
  return new Map(
    dtos.map((d) => [d.id, { ...d, label: inspectionLabel(roundName.get(d.roundId), d.teamName, d.targets) }]),
  );
}

/** How lists name an inspection: 「第三轮 · 第二巡察组 · 赣州市财政局」 (round, team, primary targets). */
function inspectionLabel(
  roundName: string | null | undefined,
  teamName: string | null | undefined,
  targets: readonly { name: string; role: string }[],
): string {
  const primary = targets.filter((t) => t.role === 'primary').map((t) => t.name);
  return [roundName, teamName, primary.join('、')].filter(Boolean).join(' · ');
}

/** An inspection as the lists over its records show it: its keys, stage, label and targets. */
export interface InspectionLabel {
  id: string;
  label: string;
  authorityId: string;
  termId: string;
  roundId: string;
  teamId: string | null;
  stage: string;
  /** Primary targets first. */
  targets: { orgId: string; name: string; role: string; sector: string | null }[];
}

/**
 * Labels and targets of some inspections in one statement (round, team and organization names
 * joined in): the lists of findings, clues and tasks label every page through here, and the four
 * lookups one after the other that inspectionsById makes cost them more than their own query.
 */
export async function inspectionLabels(db: Db, ids: readonly string[]): Promise<Map<string, InspectionLabel>> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map();
  const rows = rowsOf<{
    id: string;
    authority_id: string;
    term_id: string;
    round_id: string;
    team_id: string | null;
    stage: string;
    round_name: string;
    team_name: string | null;
    targets: [string, string, string | null, string | null][] | string;
  }>(
    await db.execute(sql`
      select i.id, i.authority_id, i.term_id, i.round_id, i.team_id, i.stage, r.name as round_name,
        ${teamNameSql(sql`i.team_id`)} as team_name,
        (select coalesce(json_agg(json_build_array(t.org_id, t.role, o.name, o.sector)
                  order by t.role <> 'primary', t.org_id), '[]'::json)
           from ${inspectionTargets} t left join lateral (${orgNameSectorSql(sql`t.org_id`)}) o on true
          where t.inspection_id = i.id) as targets
      from ${inspections} i join ${rounds} r on r.id = i.round_id
      where i.id in (${sql.join(
        uniq.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`),
  );
  return new Map(
    rows.map((r) => {
      // JSON as the driver hands it over (parsed by node-postgres and PGlite; text elsewhere).
      const ts = (typeof r.targets === 'string' ? JSON.parse(r.targets) : r.targets) as [
        string,
        string,
        string | null,
        string | null,
      ][];
      const targets = ts.map(([orgId, role, name, sector]) => ({ orgId, role, name: name ?? '', sector }));
      return [
        r.id,
        {
          id: r.id,
          label: inspectionLabel(r.round_name, r.team_name, targets),
          authorityId: r.authority_id,
          termId: r.term_id,
          roundId: r.round_id,
          teamId: r.team_id,
          stage: r.stage,
          targets,
        },
      ];
    }),
  );
}

export async function listInspections(deps: AppDeps, ctx: RequestCtx, q: TInspectionListQuery) {
  const { db } = deps;
  const conds: SQL[] = [inspectionIn(scopeFor(ctx.actor, 'plan:read'))];
  if (q.termId) conds.push(eq(inspections.termId, q.termId));
  if (q.roundId) conds.push(eq(inspections.roundId, q.roundId));
  if (q.mode) conds.push(eq(inspections.mode, q.mode));
  if (q.stage) conds.push(eq(inspections.stage, q.stage));
  if (q.teamId) conds.push(eq(inspections.teamId, q.teamId));
  if (q.mine === 'true') {
    const mine = (await teamAccess(deps, ctx)).ownTeamIds;
    conds.push(mine.length ? inArray(inspections.teamId, mine) : sql`false`);
  }
  return paginateItems(
    {
      limit: q.limit,
      cursor: q.cursor,
      parts: ['uuid'],
      after: ([id]) => sql`${inspections.id} > ${id}::uuid`,
      count: () => countWhere(db, inspections, and(...conds)),
      fetch: (from, n) =>
        db
          .select()
          .from(inspections)
          .where(and(...conds, from))
          .orderBy(asc(inspections.id))
          .limit(n),
      key: (r) => [r.id],
    },
    (rows) => inspectionDtos(db, rows),
  );
}

/**
 * For other modules (surveys): a round, team or inspection by id with its authority and a name
 * people recognise, or null. No scope check: the caller checks the authority against its scope.
 */
export async function planningObject(
  db: Db,
  type: 'inspection' | 'round' | 'team',
  id: string,
): Promise<{ authorityId: string; name: string; roundId: string; teamId: string | null } | null> {
  if (type === 'inspection') {
    const d = (await inspectionsById(db, [id])).get(id);
    return d ? { authorityId: d.authorityId, name: d.label, roundId: d.roundId, teamId: d.teamId } : null;
  }
  if (type === 'round') {
    const r = (await db.select().from(rounds).where(eq(rounds.id, id)))[0];
    return r ? { authorityId: r.authorityId, name: r.name, roundId: r.id, teamId: null } : null;
  }
  const team = (await teamBriefs(db, [id])).get(id);
  const round = team ? (await roundsByIds(db, [team.roundId])).get(team.roundId) : undefined;
  return team && round
    ? { authorityId: team.authorityId, name: `${round.name} · ${team.name}`, roundId: team.roundId, teamId: team.id }
    : null;
}

/** For other modules' public pages, which reach an inspection through a code, not a grant. */
export async function loadInspectionRow(db: Db, id: string) {
  const r = (await db.select().from(inspections).where(eq(inspections.id, id)))[0];
  if (!r) throw notFound('巡察');
  return r;
}

/** The inspection if the permission reaches it through the caller's grants, else 404. */
export async function loadInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: TPermission = 'plan:read',
) {
  const scope = scopeFor(ctx.actor, permission);
  const r = (
    await deps.db
      .select()
      .from(inspections)
      .where(and(eq(inspections.id, id), inspectionIn(scope)))
  )[0];
  if (!r) throw notFound('巡察');
  return r;
}

/**
 * Targets must be organizations this authority may inspect: its own registry; for 提级 a unit of
 * one of its counties; for 授权 a 垂直管理驻县单位 of the authorized county.
 */
async function checkTargets(
  db: Db,
  round: RoundRow,
  mode: string,
  rows: { orgId: string; role: 'primary' | 'village' }[],
  authorizedAuthorityId: string | null,
  readable: Scope,
) {
  const ids = rows.map((r) => r.orgId);
  const orgs = await orgsByIds(db, ids);
  // A unit the caller may not read is not named in the refusal: ids must not probe the registry.
  const named = (o: { name: string; authorityId: string }) =>
    inScope(readable, o.authorityId) ? `“${o.name}”` : '所选单位';
  const children = await childAuthorityIds(db, round.authorityId);
  for (const row of rows) {
    const o = orgs.get(row.orgId);
    if (!o) throw new AppError(ErrorCode.BadRequest, '被巡察单位不存在');
    if (o.status !== 'active') throw new AppError(ErrorCode.BadRequest, `${named(o)}已合并或撤销，不能列为巡察对象`);
    if (row.role === 'village' && o.kind !== '村(社区)')
      throw new AppError(ErrorCode.BadRequest, `${named(o)}不是村(社区)，不能作为延伸巡察对象`);
    const own = o.authorityId === round.authorityId;
    if (mode === 'escalated') {
      if (!children.includes(o.authorityId))
        throw new AppError(ErrorCode.BadRequest, `提级巡察的对象应为下级县(市、区)的单位，${named(o)}不是`);
    } else if (mode === 'authorized') {
      if (o.authorityId !== authorizedAuthorityId || o.kind !== '垂直管理驻县单位')
        throw new AppError(
          ErrorCode.BadRequest,
          `授权巡察的对象应为被授权县(市、区)的垂直管理驻县单位，${named(o)}不是`,
        );
    } else if (mode === 'cross') {
      if (own)
        throw new AppError(ErrorCode.BadRequest, `交叉巡察的对象应为其他县(市、区)的单位，${named(o)}是本级单位`);
    } else if (!own && mode !== 'joint') throw new AppError(ErrorCode.BadRequest, `${named(o)}不属于本巡察机构`);
  }
  if (mode === 'townshipWithVillages') {
    const towns = rows.filter((r) => r.role === 'primary').map((r) => r.orgId);
    for (const v of rows.filter((r) => r.role === 'village')) {
      const o = orgs.get(v.orgId);
      if (o && (!o.parentId || !towns.includes(o.parentId)))
        throw new AppError(ErrorCode.BadRequest, `${named(o)}不属于所选乡镇(街道)`);
    }
  }
  if (authorizedAuthorityId && !children.includes(authorizedAuthorityId))
    throw new AppError(ErrorCode.BadRequest, '被授权的巡察机构应为本级的下级县(市、区)巡察机构');
}

async function checkTeamAndLookBack(
  db: Db,
  round: RoundRow,
  teamId: string | null | undefined,
  lookBackOfId: string | null | undefined,
  targetIds: string[],
) {
  if (teamId) {
    const t = (await teamBriefs(db, [teamId])).get(teamId);
    if (!t || t.roundId !== round.id) throw new AppError(ErrorCode.BadRequest, '巡察组不属于本轮次');
  }
  if (lookBackOfId) {
    const src = (await db.select().from(inspections).where(eq(inspections.id, lookBackOfId)))[0];
    if (!src || src.authorityId !== round.authorityId)
      throw new AppError(ErrorCode.BadRequest, '“回头看”所指的原巡察不存在');
    const srcTargets = (
      await db
        .select({ orgId: inspectionTargets.orgId })
        .from(inspectionTargets)
        .where(eq(inspectionTargets.inspectionId, src.id))
    ).map((x) => x.orgId);
    if (!targetIds.some((id) => srcTargets.includes(id)))
      throw new AppError(ErrorCode.BadRequest, '“回头看”应针对原巡察的同一被巡察单位');
    if (!reachedStage(src.stage as TStage, 'feedback'))
      throw new AppError(ErrorCode.BadRequest, '原巡察尚未反馈，不能开展“回头看”');
  }
}

/** What a new or changed inspection plan must satisfy: its targets for its mode, its team and its 回头看. */
async function checkPlan(
  db: Db,
  ctx: RequestCtx,
  round: RoundRow,
  plan: {
    mode: string;
    authorizedAuthorityId: string | null;
    teamId?: string | null | undefined;
    lookBackOfId?: string | null | undefined;
  },
  rows: { orgId: string; role: 'primary' | 'village' }[],
) {
  await checkTargets(db, round, plan.mode, rows, plan.authorizedAuthorityId, scopeFor(ctx.actor, 'org:read'));
  await checkTeamAndLookBack(
    db,
    round,
    plan.teamId,
    plan.lookBackOfId,
    rows.map((r) => r.orgId),
  );
}

export async function createInspection(deps: AppDeps, ctx: RequestCtx, input: TInspectionCreate): Promise<TInspection> {
  const { db, clock } = deps;
  const round = await loadRound(deps, ctx, input.roundId, 'plan:write');
  const rows = inspectionTargetRows(input);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await checkPlan(tx, ctx, round, { ...input, authorizedAuthorityId: input.authorizedAuthorityId ?? null }, rows);
    await tx.insert(inspections).values({
      id,
      roundId: round.id,
      termId: round.termId,
      authorityId: round.authorityId,
      teamId: input.teamId ?? null,
      mode: input.mode,
      stage: 'planned',
      lookBackOfId: input.lookBackOfId ?? null,
      authorizedAuthorityId: input.authorizedAuthorityId ?? null,
      // Until the team fixes its dates, the inspection is planned for the round's period.
      plannedEntryDate: input.plannedEntryDate ?? round.plannedStart ?? null,
      plannedExitDate: input.plannedExitDate ?? round.plannedEnd ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(inspectionTargets).values(rows.map((r) => ({ inspectionId: id, orgId: r.orgId, role: r.role })));
    await tx.insert(inspectionEvents).values({
      id: uuidv7(now.getTime()),
      inspectionId: id,
      fromStage: null,
      toStage: 'planned',
      onDate: shanghaiDate(now),
      note: `列入${round.name}计划（${INSPECTION_MODE_LABELS[input.mode]}）`,
      actorName: ctx.actor.displayName,
      createdAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'inspection.create',
      objectType: 'inspection',
      objectId: id,
      detail: { roundId: round.id, mode: input.mode, targets: rows.length },
    });
  });
  const row = (await db.select().from(inspections).where(eq(inspections.id, id)))[0] as InspectionRow;
  return (await inspectionDtos(db, [row]))[0] as TInspection;
}

export async function updateInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TInspectionUpdate,
): Promise<TInspectionDetail> {
  const { db, clock } = deps;
  const r = await loadInspection(deps, ctx, id, 'plan:write');
  if (!['planned', 'prepared'].includes(r.stage))
    throw new AppError(ErrorCode.Conflict, '巡察已进驻，计划内容不能再修改');
  const round = (await db.select().from(rounds).where(eq(rounds.id, r.roundId)))[0] as RoundRow;
  const now = clock.now();
  await db.transaction(async (tx) => {
    const mode = input.mode ?? (r.mode as TInspectionCreate['mode']);
    const current = await tx.select().from(inspectionTargets).where(eq(inspectionTargets.inspectionId, id));
    const targetOrgIds =
      input.targetOrgIds ?? current.filter((c) => c.role === 'primary' || mode === 'directVillage').map((c) => c.orgId);
    const villageOrgIds =
      input.villageOrgIds ??
      (mode === 'townshipWithVillages' ? current.filter((c) => c.role === 'village').map((c) => c.orgId) : undefined);
    const authorized =
      input.authorizedAuthorityId !== undefined ? input.authorizedAuthorityId : r.authorizedAuthorityId;
    if (mode === 'authorized' && !authorized)
      throw new AppError(ErrorCode.BadRequest, '授权巡察须指定被授权的巡察机构');
    const rows = inspectionTargetRows({ mode, targetOrgIds, villageOrgIds });
    await checkPlan(
      tx,
      ctx,
      round,
      { ...input, mode, authorizedAuthorityId: mode === 'authorized' ? authorized : null },
      rows,
    );
    const entry = input.plannedEntryDate !== undefined ? input.plannedEntryDate : r.plannedEntryDate;
    const exit = input.plannedExitDate !== undefined ? input.plannedExitDate : r.plannedExitDate;
    if (entry && exit && exit < entry) throw new AppError(ErrorCode.BadRequest, '计划撤离日期不能早于计划进驻日期');
    const { version, targetOrgIds: _t, villageOrgIds: _v, ...fields } = input;
    const res = await tx
      .update(inspections)
      .set({
        ...fields,
        mode,
        authorizedAuthorityId: mode === 'authorized' ? authorized : null,
        updatedAt: now,
        version: r.version + 1,
      })
      .where(
        and(
          eq(inspections.id, id),
          eq(inspections.version, version),
          inArray(inspections.stage, ['planned', 'prepared']),
        ),
      )
      .returning({ id: inspections.id });
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '该巡察已被他人修改，请刷新后重试');
    if (input.targetOrgIds || input.villageOrgIds || input.mode) {
      await replaceChildren(
        tx,
        inspectionTargets,
        eq(inspectionTargets.inspectionId, id),
        rows.map((x) => ({ inspectionId: id, orgId: x.orgId, role: x.role })),
      );
    }
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'inspection.update',
      objectType: 'inspection',
      objectId: id,
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  return getInspection(deps, ctx, id);
}

export async function deleteInspection(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock } = deps;
  const r = await loadInspection(deps, ctx, id, 'plan:write');
  const now = clock.now();
  // What other modules keep about the inspection (petitions, surveys, recusal statements) is
  // guarded by their foreign keys; its 码上巡 codes and announcement, its own set-up with nothing
  // received through them yet, go with it (ON DELETE CASCADE).
  await refusedDelete(db, '该巡察', () =>
    db.transaction(async (tx) => {
      // Lock the row in 'planned' first: once someone starts its preparation it may not be deleted.
      const locked = await tx
        .select({ id: inspections.id })
        .from(inspections)
        .where(and(eq(inspections.id, id), eq(inspections.stage, 'planned')))
        .for('update');
      if (!locked.length) throw new AppError(ErrorCode.Conflict, '只有尚未启动准备的巡察可以删除');
      await tx.delete(inspectionTargets).where(eq(inspectionTargets.inspectionId, id));
      await tx.delete(inspectionEvents).where(eq(inspectionEvents.inspectionId, id));
      await tx.delete(inspections).where(eq(inspections.id, id));
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'inspection.delete',
        objectType: 'inspection',
        objectId: id,
        detail: { roundId: r.roundId },
      });
    }),
  );
}

// ---------------------------------------------------------------- for other modules (index.ts)

/**
 * The inspections a caller may work on with `permission`, as a subquery of ids for the caller's
 * own `… where inspection_id in (…)`: those of the authorities the permission reaches, and for a
 * team's people only their own team's (personnel's teamAccess: the office and leaders see all).
 * Every module with records per inspection scopes its queries with this, so the rule lives once.
 */
export async function visibleInspectionIds(deps: AppDeps, ctx: RequestCtx, permission: TPermission): Promise<SQL> {
  const access = await teamAccess(deps, ctx);
  const inScopeSql = inspectionIn(scopeFor(ctx.actor, permission));
  if (access.allTeams) return sql`select ${inspections.id} from ${inspections} where ${inScopeSql}`;
  return access.ownTeamIds.length
    ? sql`select ${inspections.id} from ${inspections} where ${inScopeSql} and ${inArray(inspections.teamId, access.ownTeamIds)}`
    : sql`select ${inspections.id} from ${inspections} where false`;
}

/** The inspection if the caller may work on it with `permission` (visibleInspectionIds), else 404. */
export async function loadVisibleInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: TPermission,
  opts: { write?: boolean } = {},
): Promise<InspectionRow> {
  const visible = await visibleInspectionIds(deps, ctx, permission);
  const r = (
    await deps.db
      .select()
      .from(inspections)
      .where(and(eq(inspections.id, id), sql`${inspections.id} in (${visible})`))
  )[0];
  if (!r) throw notFound('巡察');
  if (opts.write) assertNotArchived(r);
  return r;
}

/**
 * An archived inspection is a closed file (domain.md §4: 文书档案 and 业务档案): every module refuses
 * to change what it keeps about it. Call it (or loadVisibleInspection with `write: true`) before
 * any write of a record kept per inspection.
 */
export function assertNotArchived(r: Pick<InspectionRow, 'stage'>): void {
  if (r.stage === 'archived') throw new AppError(ErrorCode.Conflict, '该巡察已归档，档案只能查阅，不能修改');
}

/** The inspections some teams carry out (recusal, rosters). No scope check. */
export async function inspectionsOfTeams(db: Db, teamIds: readonly string[]): Promise<InspectionRow[]> {
  if (!teamIds.length) return [];
  return db
    .select()
    .from(inspections)
    .where(inArray(inspections.teamId, [...teamIds]));
}

/**
 * The authority an inspection, a round or a term belongs to, read by its primary key (null when it
 * does not exist). No scope check: for other modules that must know whose calendar applies.
 */
export async function authorityOfPlanned(
  db: Db,
  ref: { inspectionId?: string | undefined; roundId?: string | undefined; termId?: string | undefined },
): Promise<string | null> {
  const key = ref.inspectionId
    ? `i:${ref.inspectionId}`
    : ref.roundId
      ? `r:${ref.roundId}`
      : ref.termId
        ? `t:${ref.termId}`
        : null;
  if (!key) return null;
  // A term, round or inspection never changes authority (nothing updates authority_id), so what was
  // read once holds for the life of the process: most lists filter by one of them and asked the
  // database first, before their own query.
  const hit = plannedAuthorities.get(db, key);
  if (hit) return hit;
  const rows = ref.inspectionId
    ? await db.select({ a: inspections.authorityId }).from(inspections).where(eq(inspections.id, ref.inspectionId))
    : ref.roundId
      ? await db.select({ a: rounds.authorityId }).from(rounds).where(eq(rounds.id, ref.roundId))
      : await db
          .select({ a: terms.authorityId })
          .from(terms)
          .where(eq(terms.id, ref.termId as string));
  const found = rows[0]?.a ?? null;
  if (found) plannedAuthorities.set(db, key, found);
  return found;
}
const plannedAuthorities = lastingAnswers<string>();

/**
 * For 双报告一报备 (governance): the authorized inspections a scope reaches — as the authorizing city
 * or as the county carrying them out — newest first, optionally of one term.
 */
export async function authorizedInspections(db: Db, scope: Scope, f: { termId?: string | undefined } = {}) {
  const conds: SQL[] = [eq(inspections.mode, 'authorized'), inspectionIn(scope)];
  if (f.termId) conds.push(eq(inspections.termId, f.termId));
  return db
    .select()
    .from(inspections)
    .where(and(...conds))
    .orderBy(sql`${inspections.id} desc`);
}

/** The targets of some inspections (organization ids with their role). No scope check. */
export async function targetsOf(db: Db, inspectionIds: readonly string[]) {
  if (!inspectionIds.length) return [];
  return db
    .select()
    .from(inspectionTargets)
    .where(inArray(inspectionTargets.inspectionId, [...inspectionIds]));
}

/**
 * Which teams inspected any of these organizations (as a primary target or a village), apart from
 * one inspection: a 组长 who led a unit before is not proposed to lead it again.
 */
export async function teamsThatInspected(db: Db, orgIds: readonly string[], exceptInspectionId: string) {
  if (!orgIds.length) return [];
  return db
    .selectDistinct({ teamId: inspections.teamId, orgId: inspectionTargets.orgId })
    .from(inspectionTargets)
    .innerJoin(inspections, eq(inspections.id, inspectionTargets.inspectionId))
    .where(
      and(
        inArray(inspectionTargets.orgId, [...orgIds]),
        sql`${inspections.id} <> ${exceptInspectionId}::uuid`,
        sql`${inspections.teamId} is not null`,
      ),
    ) as Promise<{ teamId: string; orgId: string }[]>;
}

/** For other modules' list filters: a subquery of the teams with an inspection in one of `stages`. */
export function teamsInStagesSql(stages: readonly TStage[]): SQL {
  return sql`select ${inspections.teamId} from ${inspections} where ${inArray(inspections.stage, [...stages])} and ${inspections.teamId} is not null`;
}

/** For other modules' visibility rules: a subquery of the inspections some teams carry out. */
export function inspectionsOfTeamsSql(teamIds: readonly string[]): SQL {
  return teamIds.length
    ? sql`select ${inspections.id} from ${inspections} where ${inArray(inspections.teamId, [...teamIds])}`
    : sql`select ${inspections.id} from ${inspections} where false`;
}

/**
 * For other modules' visibility rules (rectification: an inspected organization's liaison): a
 * subquery of the inspections with one of `orgIds` among their targets, at one of `stages`.
 */
export function inspectionsTargetingSql(orgIds: readonly string[], stages: readonly TStage[]): SQL {
  if (!orgIds.length || !stages.length) return sql`select ${inspections.id} from ${inspections} where false`;
  return sql`select ${inspectionTargets.inspectionId} from ${inspectionTargets} join ${inspections} on ${inspections.id} = ${inspectionTargets.inspectionId} where ${inArray(inspectionTargets.orgId, [...orgIds])} and ${inArray(inspections.stage, [...stages])}`;
}

/** For other modules' visibility rules: a subquery of the inspections in scope at one of `stages`. */
export function inspectionsInScopeSql(scope: Scope, stages: readonly TStage[]): SQL {
  if (!stages.length) return sql`select ${inspections.id} from ${inspections} where false`;
  return sql`select ${inspections.id} from ${inspections} where ${inspectionIn(scope)} and ${inArray(inspections.stage, [...stages])}`;
}
