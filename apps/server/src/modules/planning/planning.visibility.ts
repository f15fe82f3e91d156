import type { TPermission } from '@xc/domain';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { inspections } from '../../db/schema/planning.ts';
import { scopeFor } from '../../platform/access.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { seesAllTeams } from '../personnel/index.ts';
import { authorityOfPlanned, visibleInspectionIds } from './planning.inspections.ts';

/**
 * visibleInspectionIds as a condition on a record's own columns, for the lists over the large
 * per-inspection tables (findings, clues, rectification tasks) with a total to count.
 *
 * The subquery form makes PostgreSQL hash every inspection in scope and join each counted row to it
 * (on 1,000,000 findings that was half of a list's time). For the people who see every team of
 * their authorities it says the same on the record's columns: its authority in scope, or its
 * inspection authorized to one in scope (授权巡察, few rows). It relies on what every module writes:
 * a record's authority is its inspection's (copied from the inspection when the record is made;
 * an inspection never changes authority).
 *
 * `within` is the list's own filter: when it fixes one authority (a term, round, inspection or
 * authority) that the caller reaches, every record under it is visible and no condition is needed,
 * so a count can read the filter's index alone. Team members keep the subquery: their own teams'
 * inspections are few.
 */
export async function visibleRecordsSql(
  deps: AppDeps,
  ctx: RequestCtx,
  permission: TPermission,
  cols: { authorityId: AnyPgColumn; inspectionId: AnyPgColumn },
  within: {
    inspectionId?: string | undefined;
    roundId?: string | undefined;
    termId?: string | undefined;
    authorityId?: string | undefined;
  } = {},
): Promise<SQL> {
  // Whether the caller sees every team follows from its roles: the office's lists read no teams.
  if (!seesAllTeams(ctx)) return sql`${cols.inspectionId} in (${await visibleInspectionIds(deps, ctx, permission)})`;
  const planned = within.authorityId ? within.authorityId : await authorityOfPlanned(deps.db, within);
  const scope = scopeFor(ctx.actor, permission);
  if (scope.all) return sql`true`;
  if (!scope.authorityIds.length) return sql`false`;
  const authorized = sql`${cols.inspectionId} in (select ${inspections.id} from ${inspections} where ${inArray(
    inspections.authorizedAuthorityId,
    scope.authorityIds,
  )})`;
  if (planned) return scope.authorityIds.includes(planned) ? sql`true` : authorized;
  return sql`(${inArray(cols.authorityId, scope.authorityIds)} or ${authorized})`;
}
