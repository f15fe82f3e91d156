import { AppError, ErrorCode, ROLE_PERMISSIONS, type TPermission } from '@xc/domain';
import { authorities } from '../db/schema/index.ts';
import type { Actor } from './context.ts';
import type { Db } from './db.ts';

/**
 * Where a permission reaches for one actor: the authorities (and for target liaisons, the
 * organizations) covered by the grants whose role carries the permission. Repositories put this
 * into their WHERE clause, so an object out of scope is simply not found (404).
 */
export interface Scope {
  all: boolean;
  authorityIds: string[];
  orgIds: string[];
}

export async function scopeFor(db: Db, actor: Actor, permission: TPermission): Promise<Scope> {
  const relevant = actor.grants.filter((g) => ROLE_PERMISSIONS[g.role]?.includes(permission));
  if (relevant.some((g) => g.scopeType === 'system')) return { all: true, authorityIds: [], orgIds: [] };
  const ids = new Set<string>();
  const orgIds = new Set<string>();
  const needTree = relevant.some((g) => g.scopeType === 'authority' && g.includeChildren);
  const tree = needTree
    ? await db.select({ id: authorities.id, parent: authorities.parentAuthorityId }).from(authorities)
    : [];
  for (const g of relevant) {
    if (g.scopeType === 'authority' && g.scopeId) {
      ids.add(g.scopeId);
      if (g.includeChildren) for (const d of descendants(tree, g.scopeId)) ids.add(d);
    } else if (g.scopeType === 'organization' && g.scopeId) orgIds.add(g.scopeId);
  }
  return { all: false, authorityIds: [...ids], orgIds: [...orgIds] };
}

function descendants(tree: { id: string; parent: string | null }[], root: string): string[] {
  const out: string[] = [];
  const queue = [root];
  while (queue.length) {
    const cur = queue.shift() as string;
    for (const n of tree)
      if (n.parent === cur && !out.includes(n.id)) {
        out.push(n.id);
        queue.push(n.id);
      }
  }
  return out;
}

export function inScope(scope: Scope, authorityId: string, orgId?: string): boolean {
  return scope.all || scope.authorityIds.includes(authorityId) || (!!orgId && scope.orgIds.includes(orgId));
}

export function requirePermission(actor: Actor, p: TPermission): void {
  if (!actor.permissions.has(p)) throw new AppError(ErrorCode.Forbidden, '没有执行该操作的权限');
}

export function notFound(what = '记录'): AppError {
  return new AppError(ErrorCode.NotFound, `${what}不存在或无权访问`);
}
