import { searchKey, type TOrg, type TOrgListQuery } from '@xc/domain';
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { authorities, organizations, orgLeaders } from '../../db/schema/orgs.ts';
import type { Scope } from '../../platform/access.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { paginate } from '../../platform/pagination.ts';

const parent = alias(organizations, 'parent');
const mergedInto = alias(organizations, 'merged_into');

/** The scope as a WHERE clause: an organization outside it is never returned. */
export function orgScopeSql(scope: Scope): SQL {
  if (scope.all) return sql`true`;
  const parts: SQL[] = [];
  if (scope.authorityIds.length) parts.push(inArray(organizations.authorityId, scope.authorityIds));
  if (scope.orgIds.length) parts.push(inArray(organizations.id, scope.orgIds));
  return parts.length ? (or(...parts) as SQL) : sql`false`;
}

export function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '\\$&');
}

export type OrgFilter = Omit<TOrgListQuery, 'limit' | 'cursor'>;

export function orgFilterSql(scope: Scope, f: OrgFilter): SQL[] {
  const conds: SQL[] = [orgScopeSql(scope)];
  if (f.q) {
    const key = searchKey(f.q);
    if (key) {
      const like = `%${escapeLike(key)}%`;
      conds.push(
        or(sql`${organizations.searchKey} like ${like}`, sql`lower(${organizations.creditCode}) = ${key}`) as SQL,
      );
    }
  }
  if (f.kind) conds.push(eq(organizations.kind, f.kind));
  if (f.sector) conds.push(eq(organizations.sector, f.sector));
  if (f.authorityId) conds.push(eq(organizations.authorityId, f.authorityId));
  if (f.parentId) conds.push(eq(organizations.parentId, f.parentId));
  if (f.status !== 'all') conds.push(eq(organizations.status, f.status));
  return conds;
}

const childCount = sql<number>`(select count(*)::int from organizations c where c.parent_id = ${organizations.id} and c.status = 'active')`;

const orgColumns = {
  id: organizations.id,
  authorityId: organizations.authorityId,
  authorityName: authorities.shortName,
  parentId: organizations.parentId,
  parentName: parent.name,
  name: organizations.name,
  kind: organizations.kind,
  sector: organizations.sector,
  creditCode: organizations.creditCode,
  establishedOn: organizations.establishedOn,
  abolishedOn: organizations.abolishedOn,
  mergedIntoId: organizations.mergedIntoId,
  mergedIntoName: mergedInto.name,
  status: organizations.status,
  childCount,
  version: organizations.version,
  updatedAt: organizations.updatedAt,
};

type OrgRow = {
  [K in keyof typeof orgColumns]: unknown;
};

function toOrg(r: OrgRow): TOrg {
  return {
    ...(r as unknown as TOrg),
    childCount: Number(r.childCount ?? 0),
    updatedAt: (r.updatedAt as Date).toISOString(),
  };
}

function selectOrgs(db: Db) {
  return db
    .select(orgColumns)
    .from(organizations)
    .innerJoin(authorities, eq(authorities.id, organizations.authorityId))
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .leftJoin(mergedInto, eq(mergedInto.id, organizations.mergedIntoId));
}

export async function findOrgs(db: Db, scope: Scope, q: TOrgListQuery) {
  const conds = orgFilterSql(scope, q);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['text', 'uuid'],
    after: ([name, id]) => sql`(${organizations.name}, ${organizations.id}) > (${name}, ${id}::uuid)`,
    count: () => countWhere(db, organizations, and(...conds)),
    fetch: (from, n) =>
      selectOrgs(db)
        .where(and(...conds, from))
        .orderBy(asc(organizations.name), asc(organizations.id))
        .limit(n),
    key: (r) => [r.name, r.id],
  });
  return { items: page.rows.map(toOrg), total: page.total, nextCursor: page.nextCursor };
}

/** All rows of a filter for export, in list order. */
export async function findAllOrgs(db: Db, scope: Scope, f: OrgFilter, max: number): Promise<TOrg[]> {
  const rows = await selectOrgs(db)
    .where(and(...orgFilterSql(scope, f)))
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(max);
  return rows.map(toOrg);
}

export async function findOrg(db: Db, scope: Scope, id: string): Promise<TOrg | null> {
  const rows = await selectOrgs(db).where(and(eq(organizations.id, id), orgScopeSql(scope)));
  return rows[0] ? toOrg(rows[0]) : null;
}

/** Ancestors from the root down to (not including) the organization. */
export async function findPath(db: Db, id: string): Promise<{ id: string; name: string }[]> {
  const res = await db.execute(sql`
    with recursive up(id, name, parent_id, depth) as (
      select o.id, o.name, o.parent_id, 0 from organizations o where o.id = ${id}
      union all
      select p.id, p.name, p.parent_id, up.depth + 1 from organizations p join up on p.id = up.parent_id where up.depth < 50
    )
    select id, name from up where depth > 0 order by depth desc`);
  return (res as unknown as { rows: { id: string; name: string }[] }).rows;
}

/** Is `candidate` inside the subtree of `root` (or `root` itself)? */
export async function isInSubtree(db: Db, root: string, candidate: string): Promise<boolean> {
  const res = await db.execute(sql`
    with recursive down(id, depth) as (
      select ${root}::uuid, 0
      union all
      select o.id, down.depth + 1 from organizations o join down on o.parent_id = down.id where down.depth < 50
    )
    select 1 as hit from down where id = ${candidate}::uuid limit 1`);
  return (res as unknown as { rows: unknown[] }).rows.length > 0;
}

// ---------------------------------------------------------------- for other modules (index.ts)

export interface AuthorityBrief {
  id: string;
  name: string;
  shortName: string;
  level: 'city' | 'county';
  parentAuthorityId: string | null;
}

export async function authoritiesByIds(db: Db, ids: readonly (string | null | undefined)[]) {
  const uniq = [...new Set(ids.filter((x): x is string => !!x))];
  const rows: AuthorityBrief[] = uniq.length
    ? await db
        .select({
          id: authorities.id,
          name: authorities.name,
          shortName: authorities.shortName,
          level: authorities.level,
          parentAuthorityId: authorities.parentAuthorityId,
        })
        .from(authorities)
        .where(inArray(authorities.id, uniq))
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

export async function authorityById(db: Db, id: string): Promise<AuthorityBrief | null> {
  return (await authoritiesByIds(db, [id])).get(id) ?? null;
}

/** Every authority with its parent: scopes "with sub-authorities" expand over it. */
export async function authorityTree(db: Db): Promise<AuthorityTree> {
  return db.select({ id: authorities.id, parent: authorities.parentAuthorityId }).from(authorities);
}

export type AuthorityTree = { id: string; parent: string | null }[];

/**
 * authorityTree as one JSON column of another module's statement (the session's, read before every
 * request's handler: one round trip fewer); `authorityTreeOf` reads the column.
 */
export const authorityTreeJson = sql<unknown>`(
  select coalesce(json_agg(json_build_array(a.id, a.parent_authority_id)), '[]'::json) from ${authorities} a)`;

export function authorityTreeOf(column: unknown): AuthorityTree {
  // JSON as the driver hands it over (parsed by node-postgres and PGlite; text elsewhere).
  const pairs = (typeof column === 'string' ? JSON.parse(column) : column) as [string, string | null][];
  return pairs.map(([id, parent]) => ({ id, parent }));
}

export async function childAuthorityIds(db: Db, parentId: string): Promise<string[]> {
  const rows = await db
    .select({ id: authorities.id })
    .from(authorities)
    .where(eq(authorities.parentAuthorityId, parentId));
  return rows.map((r) => r.id);
}

export interface OrgBrief {
  id: string;
  name: string;
  kind: string;
  sector: string | null;
  authorityId: string;
  parentId: string | null;
  status: string;
}

export async function orgsByIds(db: Db, ids: readonly (string | null | undefined)[]) {
  const uniq = [...new Set(ids.filter((x): x is string => !!x))];
  const rows: OrgBrief[] = uniq.length
    ? await db
        .select({
          id: organizations.id,
          name: organizations.name,
          kind: organizations.kind,
          sector: organizations.sector,
          authorityId: organizations.authorityId,
          parentId: organizations.parentId,
          status: organizations.status,
        })
        .from(organizations)
        .where(inArray(organizations.id, uniq))
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** 班子成员 of some organizations, with their time in office (recusal looks back three years). */
export async function orgLeadersOf(db: Db, orgIds: readonly string[]) {
  if (!orgIds.length) return [];
  return db
    .select({
      orgId: orgLeaders.orgId,
      name: orgLeaders.name,
      position: orgLeaders.position,
      since: orgLeaders.since,
      until: orgLeaders.until,
    })
    .from(orgLeaders)
    .where(inArray(orgLeaders.orgId, [...orgIds]));
}

/**
 * For aggregate queries of other modules (coverage over a whole registry must stay one statement):
 * the organizations of an authority, of some kinds, that existed at some time in [from, to], as a
 * subquery of (id, kind).
 */
export function orgsInForceSql(authorityId: string, kinds: readonly string[], from: string, to: string): SQL {
  const list = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  return sql`select o.id, o.kind from organizations o
      where o.authority_id = ${authorityId}
        and o.kind in (${list})
        and (o.established_on is null or o.established_on <= ${to}::date)
        and (o.abolished_on is null or o.abolished_on >= ${from}::date)`;
}

/** A subquery of the (name, sector) of the organization `id` names, to join laterally in another module's statement. */
export function orgNameSectorSql(id: SQL): SQL {
  return sql`select o.name, o.sector from organizations o where o.id = ${id}`;
}

/** Subquery of (id, name, kind, sector) for the ids a subquery of other module yields. */
export function orgDetailsSql(idsSubquery: SQL): SQL {
  return sql`select o.id as "orgId", o.name, o.kind, o.sector from (${idsSubquery}) x join organizations o on o.id = x.id`;
}
