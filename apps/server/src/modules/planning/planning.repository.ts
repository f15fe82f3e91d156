import { ORG_KINDS, STAGES, stageIndex, type TStage } from '@xc/domain';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { rowsOf } from '../../platform/db.ts';
import { orgDetailsSql, orgsInForceSql } from '../orgs/index.ts';

/** Stages at or past 'feedback': an inspection there has covered its targets (domain.md §5). */
export const COVERING_STAGES: TStage[] = STAGES.filter((s) => stageIndex(s) >= stageIndex('feedback'));

export interface CoverageTermRow {
  authorityId: string;
  startDate: string;
  endDate: string;
  targetKinds: string[];
}

/**
 * The term's targets (`tgt`), for each covered one the date it was first covered (`cov`), and the
 * two joined (`j`, d null when not covered) so the figures below read it once.
 */
export function coverageCte(term: CoverageTermRow) {
  const kinds = term.targetKinds.length ? term.targetKinds : [...ORG_KINDS];
  const list = (xs: readonly string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );
  return sql`
    with tgt as (${orgsInForceSql(term.authorityId, kinds, term.startDate, term.endDate)}),
    -- Not restricted to tgt here: the hash join in j does that, and a semi-join on ~100k targets
    -- would cost more than the few covering inspections it removes.
    cov as (
      select t.org_id, min(coalesce(i.feedback_date, i.entry_date, ${term.startDate}::date)) as d
      from inspection_targets t
      join inspections i on i.id = t.inspection_id
      where i.stage in (${list(COVERING_STAGES)})
        and (i.feedback_date is null or i.feedback_date between ${term.startDate}::date and ${term.endDate}::date)
        and (i.authority_id = ${term.authorityId}
             or (i.mode = 'authorized' and i.authorized_authority_id = ${term.authorityId})
             or i.mode in ('escalated', 'cross', 'joint'))
      group by t.org_id
    ),
    j as (select tgt.id, tgt.kind, cov.d from tgt left join cov on cov.org_id = tgt.id)`;
}

/**
 * Coverage counted in the database in one statement, so that a province-sized registry is never
 * pulled into memory. The rule is the domain's computeCoverage (packages/domain/src/planning/
 * coverage.ts); a property test in planning.test.ts holds the two to the same answers.
 */
export async function coverageCounts(db: Db, term: CoverageTermRow, uncoveredLimit: number) {
  const row = rowsOf<{ by_kind: unknown; by_year: unknown; uncovered: unknown }>(
    await db.execute(sql`${coverageCte(term)}
      select
        (select coalesce(json_agg(k), '[]'::json) from (
           select kind, count(*)::int as total, count(d)::int as covered from j group by kind) k) as by_kind,
        (select coalesce(json_agg(y), '[]'::json) from (
           select extract(year from least(greatest(d, ${term.startDate}::date), ${term.endDate}::date))::int as year,
                  count(*)::int as covered
           from j where d is not null group by 1) y) as by_year,
        (select coalesce(json_agg(u), '[]'::json) from (${orgDetailsSql(
          sql`select id from j where d is null order by kind collate "C", id limit ${uncoveredLimit}`,
        )}) u) as uncovered`),
  )[0];
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    byKind: parse<{ kind: string; total: number; covered: number }[]>(row?.by_kind ?? []),
    byYear: parse<{ year: number; covered: number }[]>(row?.by_year ?? []),
    uncovered: parse<{ orgId: string; name: string; kind: string; sector: string | null }[]>(row?.uncovered ?? []),
  };
}
