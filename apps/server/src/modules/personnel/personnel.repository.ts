import type { TRecusalInput, TRecusalTarget } from '@xc/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  inspectionTargets,
  inspectorHistory,
  inspectorPools,
  inspectorRelatives,
  inspectors,
  inspectorWorkRelations,
  organizations,
  orgLeaders,
  recusalDeclarations,
} from '../../db/schema/index.ts';
import type { Db } from '../../platform/db.ts';

export type InspectorRow = typeof inspectors.$inferSelect;

export interface PoolPerson {
  row: InspectorRow;
  pools: { pool: string; status: string; since: string; until: string | null }[];
  recusal: TRecusalInput['inspector'];
}

/**
 * The whole pool of an authority with what recusal needs, in four queries however large it is:
 * the suggestion and the recusal report look at every person at once.
 */
export async function loadPool(db: Db, authorityId: string, ids?: string[]): Promise<PoolPerson[]> {
  const where = ids
    ? and(eq(inspectors.authorityId, authorityId), inArray(inspectors.id, ids))
    : eq(inspectors.authorityId, authorityId);
  const rows = await db.select().from(inspectors).where(where);
  if (!rows.length) return [];
  const inPool = sql`${inspectors.authorityId} = ${authorityId}${ids ? sql` and ${inArray(inspectors.id, ids)}` : sql``}`;
  const sub = (col: unknown) => sql`${col} in (select ${inspectors.id} from ${inspectors} where ${inPool})`;
  const [pools, history, relatives, relations] = [
    await db.select().from(inspectorPools).where(sub(inspectorPools.inspectorId)),
    await db.select().from(inspectorHistory).where(sub(inspectorHistory.inspectorId)),
    await db.select().from(inspectorRelatives).where(sub(inspectorRelatives.inspectorId)),
    await db.select().from(inspectorWorkRelations).where(sub(inspectorWorkRelations.inspectorId)),
  ];
  const group = <T extends { inspectorId: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) {
      const l = m.get(x.inspectorId);
      if (l) l.push(x);
      else m.set(x.inspectorId, [x]);
    }
    return m;
  };
  const P = group(pools);
  const H = group(history);
  const R = group(relatives);
  const W = group(relations);
  return rows.map((row) => ({
    row,
    pools: (P.get(row.id) ?? []).map((p) => ({ pool: p.pool, status: p.status, since: p.since, until: p.until })),
    recusal: {
      id: row.id,
      homeAuthorityId: row.homeAuthorityId,
      history: (H.get(row.id) ?? []).map((h) => ({
        orgId: h.orgId,
        unitName: h.unitName,
        from: h.fromDate,
        to: h.toDate,
      })),
      relatives: (R.get(row.id) ?? []).map((r) => ({
        name: r.name,
        relation: r.relation as never,
        orgId: r.orgId,
        unitName: r.unitName,
      })),
      workRelations: (W.get(row.id) ?? []).map((w) => ({
        personName: w.personName,
        relation: w.relation as never,
        from: w.fromDate,
        to: w.toDate,
      })),
    },
  }));
}

/** The targets of some inspections with their leaders, as recusal reads them. */
export async function loadTargets(
  db: Db,
  inspectionIds: string[],
): Promise<(TRecusalTarget & { sector: string | null })[]> {
  if (!inspectionIds.length) return [];
  const orgs = await db
    .selectDistinct({
      id: organizations.id,
      name: organizations.name,
      authorityId: organizations.authorityId,
      parentId: organizations.parentId,
      kind: organizations.kind,
      sector: organizations.sector,
    })
    .from(inspectionTargets)
    .innerJoin(organizations, eq(organizations.id, inspectionTargets.orgId))
    .where(inArray(inspectionTargets.inspectionId, inspectionIds));
  const leaders = orgs.length
    ? await db
        .select()
        .from(orgLeaders)
        .where(
          inArray(
            orgLeaders.orgId,
            orgs.map((o) => o.id),
          ),
        )
    : [];
  return orgs.map((o) => ({
    orgId: o.id,
    name: o.name,
    authorityId: o.authorityId,
    // Only a village's township matters to §5 (the township runs the village).
    parentOrgId: o.kind === '村(社区)' ? o.parentId : null,
    sector: o.sector,
    leaders: leaders
      .filter((l) => l.orgId === o.id)
      .map((l) => ({ name: l.name, position: l.position, since: l.since, until: l.until })),
  }));
}

export async function loadDeclarations(db: Db, inspectionIds: string[]) {
  if (!inspectionIds.length) return [];
  return db.select().from(recusalDeclarations).where(inArray(recusalDeclarations.inspectionId, inspectionIds));
}
