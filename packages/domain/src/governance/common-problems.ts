import type { TFinding } from '../fieldwork/schemas.ts';
import { type TTaxonomyNodeLike, taxonomyAncestry } from '../fieldwork/taxonomy.ts';
import type { TCommonProblemCandidate } from './schemas.ts';

/** What the grouping needs of a finding of the term (fieldwork's finding, with its organization's sector). */
export interface TGroupableFinding {
  id: string;
  inspectionId: string;
  orgId: string;
  sector: string | null;
  /** The finding's node at the `type` level of the taxonomy, or null when not classified that far. */
  taxonomyTypeId: string | null;
  /** The team flagged it as a common problem (共性问题). */
  common: boolean;
}

/**
 * A fieldwork finding as the grouping takes it: the taxonomy node at the `type` level on its path (a
 * finding classified only to an aspect has none), and its organization — the inspection's primary
 * target when the finding names none, since an inspection of one unit records findings without one.
 */
export function groupableFinding(
  f: Pick<TFinding, 'id' | 'inspectionId' | 'orgId' | 'sector' | 'taxonomyNodeId' | 'common'>,
  taxonomy: readonly TTaxonomyNodeLike[],
  inspectionOrgId: string,
): TGroupableFinding {
  const type = f.taxonomyNodeId ? taxonomyAncestry(taxonomy, f.taxonomyNodeId).find((n) => n.level === 'type') : null;
  return {
    id: f.id,
    inspectionId: f.inspectionId,
    orgId: f.orgId ?? inspectionOrgId,
    sector: f.sector,
    taxonomyTypeId: type?.id ?? null,
    common: f.common,
  };
}

export interface TGroupOptions {
  /** Unflagged findings of one type and sector form a candidate from this many organizations (setting). */
  minOrganizations?: number;
}

/**
 * Candidate common problems among the term's findings not yet confirmed into one. The rule:
 *
 * - Findings are grouped by (sector, taxonomy type). A finding lacking either joins a group only if
 *   it is flagged common: the flag is the team's judgement and must never be lost, while an
 *   unflagged finding with no type cannot be said to match anything.
 * - A group is a candidate when it holds a flagged finding, or when its sector and type are both
 *   known and its findings come from at least `minOrganizations` (default 2) organizations: the same
 *   problem in two units is a pattern, twice in one unit is that unit's problem.
 * - An unflagged finding of the same sector and type as a flagged one joins that group: it is
 *   another instance of the problem the team saw.
 *
 * So every flagged finding lands in exactly one candidate, and no finding in two. Groups come
 * largest first (findings, then organizations), ties by key, and everything inside is sorted, so
 * the result does not depend on the order of the input.
 */
export function groupCommonProblems(
  findings: readonly TGroupableFinding[],
  opts: TGroupOptions = {},
): TCommonProblemCandidate[] {
  const minOrgs = opts.minOrganizations ?? 2;
  if (!Number.isSafeInteger(minOrgs) || minOrgs < 1) throw new RangeError(`单位数必须是正整数：${minOrgs}`);
  const seen = new Set<string>();
  const buckets = new Map<string, TGroupableFinding[]>();
  for (const f of findings) {
    if (seen.has(f.id)) throw new RangeError(`问题重复：${f.id}`);
    seen.add(f.id);
    const complete = f.sector !== null && f.taxonomyTypeId !== null;
    if (!complete && !f.common) continue;
    const key = candidateKey(f.sector, f.taxonomyTypeId);
    const list = buckets.get(key);
    if (list) list.push(f);
    else buckets.set(key, [f]);
  }
  const out: TCommonProblemCandidate[] = [];
  for (const [key, list] of buckets) {
    const first = list[0] as TGroupableFinding;
    const perOrg = new Map<string, number>();
    for (const f of list) perOrg.set(f.orgId, (perOrg.get(f.orgId) ?? 0) + 1);
    const flagged = list.filter((f) => f.common).length;
    const complete = first.sector !== null && first.taxonomyTypeId !== null;
    if (flagged === 0 && !(complete && perOrg.size >= minOrgs)) continue;
    out.push({
      key,
      sector: first.sector,
      taxonomyTypeId: first.taxonomyTypeId,
      findingIds: list.map((f) => f.id).sort(compare),
      findings: list.length,
      flagged,
      organizations: perOrg.size,
      inspections: new Set(list.map((f) => f.inspectionId)).size,
      byOrganization: [...perOrg]
        .map(([orgId, n]) => ({ orgId, findings: n }))
        .sort((a, b) => b.findings - a.findings || compare(a.orgId, b.orgId)),
    });
  }
  return out.sort((a, b) => b.findings - a.findings || b.organizations - a.organizations || compare(a.key, b.key));
}

/** A stable key for a (sector, type) pair, null parts included. */
export function candidateKey(sector: string | null, taxonomyTypeId: string | null): string {
  return JSON.stringify([sector, taxonomyTypeId]);
}

export interface TCandidateTotal {
  groups: number;
  findings: number;
  organizations: number;
}

/**
 * The candidates counted by sector and by taxonomy type, for the charts over the candidates page.
 * `organizations` are distinct within the sector (or type): a unit with problems in two groups of
 * one sector counts once there.
 */
export function candidateTotals(groups: readonly TCommonProblemCandidate[]): {
  bySector: (TCandidateTotal & { sector: string | null })[];
  byType: (TCandidateTotal & { taxonomyTypeId: string | null })[];
} {
  const tally = (keyOf: (g: TCommonProblemCandidate) => string | null) => {
    const acc = new Map<string | null, { groups: number; findings: number; orgs: Set<string> }>();
    for (const g of groups) {
      const k = keyOf(g);
      const t = acc.get(k) ?? { groups: 0, findings: 0, orgs: new Set<string>() };
      t.groups++;
      t.findings += g.findings;
      for (const o of g.byOrganization) t.orgs.add(o.orgId);
      acc.set(k, t);
    }
    return [...acc]
      .map(([k, t]) => ({ k, groups: t.groups, findings: t.findings, organizations: t.orgs.size }))
      .sort((a, b) => b.findings - a.findings || compareNullable(a.k, b.k));
  };
  return {
    bySector: tally((g) => g.sector).map(({ k, ...t }) => ({ sector: k, ...t })),
    byType: tally((g) => g.taxonomyTypeId).map(({ k, ...t }) => ({ taxonomyTypeId: k, ...t })),
  };
}

/**
 * Findings already confirmed into another common problem. A finding belongs to at most one, or the
 * term's rectified common problems would count it twice; the server answers 409 with these.
 */
export function findingConflicts(
  confirmed: readonly { id: string; name: string; findingIds: readonly string[] }[],
  findingIds: readonly string[],
  exceptProblemId?: string,
): { findingId: string; problemId: string; problemName: string }[] {
  const owner = new Map<string, { id: string; name: string }>();
  for (const p of confirmed) if (p.id !== exceptProblemId) for (const f of p.findingIds) owner.set(f, p);
  const out: { findingId: string; problemId: string; problemName: string }[] = [];
  for (const f of findingIds) {
    const p = owner.get(f);
    if (p) out.push({ findingId: f, problemId: p.id, problemName: p.name });
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compare(a, b);
}
