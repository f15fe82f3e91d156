import type { TRecusalInput, TRecusalTarget } from '@xc/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  inspectorHistory,
  inspectorPools,
  inspectorRelatives,
  inspectors,
  inspectorWorkRelations,
  recusalDeclarations,
} from '../../db/schema/personnel.ts';
import type { Db } from '../../platform/db.ts';
import { orgLeadersOf, orgsByIds } from '../orgs/index.ts';
import { targetsOf } from '../planning/index.ts';

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
  const orgIds = [...new Set((await targetsOf(db, inspectionIds)).map((t) => t.orgId))];
  const orgs = [...(await orgsByIds(db, orgIds)).values()];
  const leaders = await orgLeadersOf(db, orgIds);
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

/** What recusal reads of some inspections: their targets with leaders, and the declarations filed. */
export async function recusalFacts(db: Db, inspectionIds: string[]) {
  return { targets: await loadTargets(db, inspectionIds), decl: await loadDeclarations(db, inspectionIds) };
}
