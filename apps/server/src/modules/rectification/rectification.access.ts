import { AppError, ErrorCode, ROLE_PERMISSIONS, reachedStage, STAGES, type TPermission, type TStage } from '@xc/domain';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { notFound, type Scope } from '../../platform/access.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import {
  assertNotArchived,
  type InspectionRow,
  inspectionsInScopeSql,
  inspectionsTargetingSql,
  loadInspectionRow,
  loadVisibleInspection,
  targetsOf,
  visibleInspectionIds,
  visibleRecordsSql,
} from '../planning/index.ts';

// Who may see which inspection's rectification (反馈、整改): the office and leaders every inspection
// of the authorities their permission reaches, a team's people their own team's (planning's rule);
// an inspected organization's liaison only inspections that have one of its organizations as a
// target, once they reached `feedback`, and within them only its own organizations' records; a
// joint reviewer (联合会审) the inspections of its authorities at `feedback` or later. Else 404.

export type { InspectionRow };

export const bad = (message: string, details?: unknown) => new AppError(ErrorCode.BadRequest, message, details);
export const conflict = (message: string, details?: unknown) => new AppError(ErrorCode.Conflict, message, details);
export const stale = (what: string) => new AppError(ErrorCode.VersionConflict, `该${what}已被他人修改，请刷新后重试`);

/** The stages at which an inspection has rectification records: feedback and later. */
export const RECT_STAGES: readonly TStage[] = STAGES.filter((s) => reachedStage(s, 'feedback'));

function grantsWith(ctx: RequestCtx, permission: TPermission) {
  return ctx.actor.reach.filter((g) => ROLE_PERMISSIONS[g.role]?.includes(permission));
}

/**
 * The organizations a liaison acts for with `permission`: null when the caller reaches it through
 * an authority (office staff, leaders, teams, reviewers) and so sees every target organization.
 */
export function liaisonOrgIds(ctx: RequestCtx, permission: TPermission): string[] | null {
  const relevant = grantsWith(ctx, permission);
  if (relevant.some((g) => g.system || g.authorityIds.length)) return null;
  return [...new Set(relevant.flatMap((g) => g.orgIds))];
}

/** Office staff and office leaders (they supervise rectification: 销号, 红牌, entering paper plans). */
export function isOfficeActor(ctx: RequestCtx): boolean {
  return grantsWith(ctx, 'rectification:supervise').length > 0;
}

/** The authorities where the caller sits as a joint reviewer with `permission`. */
function reviewerScope(ctx: RequestCtx, permission: TPermission): Scope | null {
  const g = grantsWith(ctx, permission).filter((x) => x.role === 'reviewer');
  if (!g.length) return null;
  return { all: g.some((x) => x.system), authorityIds: [...new Set(g.flatMap((x) => x.authorityIds))], orgIds: [] };
}

/**
 * The inspection if the caller may see its rectification with `permission`, else 404; with
 * `write`, an archived inspection answers 409.
 */
export async function rectInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  permission: TPermission,
  opts: { write?: boolean } = {},
): Promise<InspectionRow> {
  let row: InspectionRow | null = await loadVisibleInspection(deps, ctx, inspectionId, permission).catch((e) => {
    if (e instanceof AppError && e.code === ErrorCode.NotFound) return null;
    throw e;
  });
  if (!row) {
    const r = await loadInspectionRow(deps.db, inspectionId);
    if (!reachedStage(r.stage as TStage, 'feedback')) throw notFound('巡察');
    const orgs = liaisonOrgIds(ctx, permission);
    const rev = reviewerScope(ctx, permission);
    if (orgs?.length) {
      const targets = await targetsOf(deps.db, [r.id]);
      if (targets.some((t) => orgs.includes(t.orgId))) row = r;
    }
    if (!row && rev) {
      const reach = rev.all || rev.authorityIds.includes(r.authorityId);
      if (reach) row = r;
    }
    if (!row) throw notFound('巡察');
  }
  if (opts.write) assertNotArchived(row);
  return row;
}

/**
 * For list queries: a subquery of the inspection ids the caller sees with `permission` (`… where
 * inspection_id in (…)`). Combine with `orgVisibleSql` so a liaison sees its own organizations only.
 */
export async function visibleRectInspectionIdsSql(
  deps: AppDeps,
  ctx: RequestCtx,
  permission: TPermission,
): Promise<SQL> {
  const parts: SQL[] = [await visibleInspectionIds(deps, ctx, permission)];
  const orgs = liaisonOrgIds(ctx, permission);
  if (orgs?.length) parts.push(inspectionsTargetingSql(orgs, RECT_STAGES));
  const rev = reviewerScope(ctx, permission);
  if (rev) parts.push(inspectionsInScopeSql(rev, RECT_STAGES));
  return sql.join(
    parts.map((p) => sql`(${p})`),
    sql` union `,
  );
}

/**
 * visibleRectInspectionIdsSql as a condition on a record's own authority and inspection columns,
 * for the ledger's lists and counts over millions of tasks: for the office planning's
 * visibleRecordsSql (no hash of every inspection in scope per statement); a liaison's or a joint
 * reviewer's reach keeps the subquery.
 */
export async function visibleRectRecordsSql(
  deps: AppDeps,
  ctx: RequestCtx,
  permission: TPermission,
  cols: { authorityId: AnyPgColumn; inspectionId: AnyPgColumn },
  within: Parameters<typeof visibleRecordsSql>[4],
): Promise<SQL> {
  if (liaisonOrgIds(ctx, permission)?.length || reviewerScope(ctx, permission))
    return sql`${cols.inspectionId} in (${await visibleRectInspectionIdsSql(deps, ctx, permission)})`;
  return visibleRecordsSql(deps, ctx, permission, cols, within);
}

/** A WHERE condition on an organization column: true for the office, the liaison's own organizations else. */
export function orgVisibleSql(ctx: RequestCtx, permission: TPermission, column: AnyPgColumn): SQL {
  const orgs = liaisonOrgIds(ctx, permission);
  if (orgs === null) return sql`true`;
  return orgs.length ? inArray(column, orgs) : sql`false`;
}

/** 404 unless the caller sees records of this organization (a liaison: only its own). */
export function assertOrgVisible(ctx: RequestCtx, permission: TPermission, orgId: string, what = '记录'): void {
  const orgs = liaisonOrgIds(ctx, permission);
  if (orgs !== null && !orgs.includes(orgId)) throw notFound(what);
}

/** Whether the caller sees records of this organization. */
export function orgVisible(ctx: RequestCtx, permission: TPermission, orgId: string): boolean {
  const orgs = liaisonOrgIds(ctx, permission);
  return orgs === null || orgs.includes(orgId);
}

/** The targets of an inspection that the caller sees (a liaison: its own organizations). */
export async function visibleTargets(deps: AppDeps, ctx: RequestCtx, inspectionId: string, permission: TPermission) {
  const targets = await targetsOf(deps.db, [inspectionId]);
  return targets.filter((t) => orgVisible(ctx, permission, t.orgId));
}

/** 409 unless the inspection has reached `feedback` (rectification records start there). */
export function assertRectStage(r: Pick<InspectionRow, 'stage'>, what = '整改'): void {
  if (!reachedStage(r.stage as TStage, 'feedback')) throw conflict(`巡察尚未进入反馈阶段，不能登记${what}`);
}
