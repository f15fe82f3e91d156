import { searchKey, type TOrg, type TOrgListQuery } from '@xc/domain';
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { authorities, organizations } from '../../db/schema/index.ts';
import type { Scope } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';

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
  const totalP = db
    .select({ n: sql<number>`count(*)::int` })
    .from(organizations)
    .where(and(...conds));
  const cur = decodeCursor(q.cursor);
  const pageConds = cur
    ? [...conds, sql`(${organizations.name}, ${organizations.id}) > (${cur[0]}, ${cur[1]}::uuid)`]
    : conds;
  const rowsP = selectOrgs(db)
    .where(and(...pageConds))
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(q.limit + 1);
  const [total, rows] = await Promise.all([totalP, rowsP]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toOrg),
    total: Number(total[0]?.n ?? 0),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
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
