import { AppError, ErrorCode, ROLE_PERMISSIONS, type TPermission, type TRole } from '@xc/domain';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from './context.ts';

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

/**
 * What one grant reaches, resolved with the actor once per request (modules/auth): a grant on an
 * authority "with its sub-authorities" already lists them, so no scope check touches the database.
 */
export interface GrantReach {
  role: TRole;
  system: boolean;
  authorityIds: string[];
  orgIds: string[];
}

export function scopeFor(actor: Pick<Actor, 'reach'>, permission: TPermission): Scope {
  const relevant = actor.reach.filter((g) => ROLE_PERMISSIONS[g.role]?.includes(permission));
  if (relevant.some((g) => g.system)) return { all: true, authorityIds: [], orgIds: [] };
  const ids = new Set<string>();
  const orgIds = new Set<string>();
  for (const g of relevant) {
    for (const a of g.authorityIds) ids.add(a);
    for (const o of g.orgIds) orgIds.add(o);
  }
  return { all: false, authorityIds: [...ids], orgIds: [...orgIds] };
}

/** Every authority below `root` in the tree of parent links (not `root` itself). */
export function descendants(tree: readonly { id: string; parent: string | null }[], root: string): string[] {
  const children = new Map<string, string[]>();
  for (const n of tree) if (n.parent) children.set(n.parent, [...(children.get(n.parent) ?? []), n.id]);
  const out: string[] = [];
  const seen = new Set([root]);
  const queue = [root];
  while (queue.length) {
    for (const c of children.get(queue.shift() as string) ?? [])
      if (!seen.has(c)) {
        seen.add(c);
        out.push(c);
        queue.push(c);
      }
  }
  return out;
}

export function inScope(scope: Scope, authorityId: string, orgId?: string): boolean {
  return scope.all || scope.authorityIds.includes(authorityId) || (!!orgId && scope.orgIds.includes(orgId));
}

/**
 * Memoizes one value per request: `perRequest(actor, key, compute)` runs `compute` once for the
 * actor object the access gate resolved for this request (team membership, affiliations), however
 * many services ask.
 */
const memo = new WeakMap<object, Map<string, Promise<unknown>>>();
export function perRequest<T>(actor: Actor, key: string, compute: () => Promise<T>): Promise<T> {
  let m = memo.get(actor);
  if (!m) {
    m = new Map();
    memo.set(actor, m);
  }
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) {
    p = compute();
    m.set(key, p);
  }
  return p;
}

export function notFound(what = '记录'): AppError {
  return new AppError(ErrorCode.NotFound, `${what}不存在或无权访问`);
}

/** The scope as a WHERE condition on an authority column: what is out of scope is not found. */
export function authorityInScope(scope: Scope, column: AnyPgColumn): SQL {
  if (scope.all) return sql`true`;
  return scope.authorityIds.length ? inArray(column, scope.authorityIds) : sql`false`;
}
