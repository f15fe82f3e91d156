import type { TPermission } from '@xc/domain';
import { or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { authorityInScope, inScope, notFound, perRequest, type Scope, scopeFor } from '../../platform/access.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { authorityOfPlanned } from '../planning/index.ts';

// Who reaches what in 以巡促治. The office works on the records of the authorities its grants reach
// (governance:read / governance:manage); a leader reads them. A recipient (分管领导 / 主管部门, role
// sectorRecipient or anyone addressed by account) reaches only what was addressed to it: by its own
// account, or by an organization its `recipient:answer` grant is on (a 主管部门's accounts).

export { notFound };

/** The caller's reach for a governance permission (authorities). */
export function governanceScope(ctx: RequestCtx, permission: TPermission): Scope {
  return scopeFor(ctx.actor, permission);
}

/** The scope as a WHERE condition on an authority column. */
export function inGovernanceScope(ctx: RequestCtx, permission: TPermission, column: AnyPgColumn): SQL {
  return authorityInScope(governanceScope(ctx, permission), column);
}

/** The authority of a term the caller reaches with `permission`, else 404 (届期). */
export async function termAuthority(
  deps: AppDeps,
  ctx: RequestCtx,
  termId: string,
  permission: TPermission,
): Promise<string> {
  const authorityId = await authorityOfPlanned(deps.db, { termId });
  if (!authorityId || !inScope(governanceScope(ctx, permission), authorityId)) throw notFound('届期');
  return authorityId;
}

/** Whether an authority is within the caller's reach for `permission`; 404 (`what`) otherwise. */
export function assertAuthority(ctx: RequestCtx, permission: TPermission, authorityId: string, what: string): void {
  if (!inScope(governanceScope(ctx, permission), authorityId)) throw notFound(what);
}

/**
 * What addresses the caller as a recipient: its own account, and the organizations its
 * `recipient:answer` grants are on. Computed once per request.
 */
export interface RecipientIdentity {
  userId: string;
  orgIds: string[];
}
export function recipientIdentity(ctx: RequestCtx): Promise<RecipientIdentity> {
  return perRequest(ctx.actor, 'governance:recipient', async () => ({
    userId: ctx.actor.userId,
    orgIds: scopeFor(ctx.actor, 'recipient:answer').orgIds,
  }));
}

/** The WHERE condition "addressed to the caller" on a recipient's user and organization columns. */
export function addressedToSql(who: RecipientIdentity, userCol: AnyPgColumn, orgCol: AnyPgColumn): SQL {
  const byUser = sql`${userCol} = ${who.userId}::uuid`;
  if (!who.orgIds.length) return byUser;
  return or(
    byUser,
    sql`${orgCol} in (${sql.join(
      who.orgIds.map((o) => sql`${o}::uuid`),
      sql`, `,
    )})`,
  ) as SQL;
}

/** Whether a recipient (user / organization) addresses the caller. */
export function isAddressedToMe(who: RecipientIdentity, r: { userId: string | null; orgId: string | null }): boolean {
  return r.userId === who.userId || (r.orgId !== null && who.orgIds.includes(r.orgId));
}
