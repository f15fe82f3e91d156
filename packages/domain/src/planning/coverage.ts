import { existedDuring } from '../orgs/rules.ts';
import { ORG_KINDS, SECTORS } from '../orgs/schemas.ts';
import { daysBetween } from './calendar.ts';
import type { TCoverage, TInspectionMode } from './schemas.ts';
import { reachedStage, type TStage } from './stages.ts';

/**
 * 届内全覆盖 (domain.md §5 Coverage) as a pure function over plain data: the server loads the rows,
 * this decides which organizations are targets of the term and which of them are covered.
 */

export interface TCoverageOrg {
  id: string;
  name: string;
  kind: string;
  authorityId: string;
  establishedOn: string | null;
  abolishedOn: string | null;
}

export interface TCoverageInspection {
  id: string;
  authorityId: string;
  mode: TInspectionMode;
  stage: TStage;
  feedbackDate: string | null;
  entryDate: string | null;
  targets: { orgId: string; role: 'primary' | 'village' }[];
  /**
   * For mode 'authorized': the other authority of the pair. The city plans the inspection (it is the
   * inspection's authority) and authorizes a county to carry it out; the unit stationed in the county
   * is in the county's registry, so the inspection counts for both.
   */
  authorizedBy: string | null;
}

export interface TCoverageTerm {
  authorityId: string;
  startDate: string;
  endDate: string;
}

export interface TCoveragePace {
  remainingTargets: number;
  /** Days from today (or the term's start, if later) to the end of the term, both counted; 0 once it is over. */
  remainingDays: number;
  /** Targets to inspect a year to finish in time, rounded up. */
  neededPerYear: number;
  /** Organizations covered per year of the term so far, one decimal. */
  coveredPerYearSoFar: number;
  onTrack: boolean;
  warning: string | null;
}

export interface TCoverageResult {
  total: number;
  covered: number;
  /** covered ÷ total, four decimals; 0 when there are no targets. */
  rate: number;
  byKind: { kind: string; total: number; covered: number }[];
  /** Every calendar year the term touches, with the organizations first covered in it. */
  byYear: { year: number; covered: number }[];
  uncovered: { orgId: string; name: string; kind: string }[];
  /** Organization id → the inspection that first covered it. */
  coveredBy: Map<string, string>;
  pace: TCoveragePace;
}

export interface TCoverageOptions {
  /**
   * No pace warning in the first days of a term: with no round finished yet every rate is 0, and a
   * warning then says nothing. Default half a year.
   */
  graceDays?: number;
}

const YEAR_DAYS = 365.25;
const DEFAULT_GRACE_DAYS = 183;

const collator = new Intl.Collator('zh-CN', { numeric: true });

function indexOr(list: readonly string[], value: string | null | undefined): number {
  const i = value == null ? -1 : list.indexOf(value);
  return i < 0 ? list.length : i;
}

function kindOrder(a: string, b: string): number {
  return indexOr(ORG_KINDS, a) - indexOr(ORG_KINDS, b) || collator.compare(a, b);
}

/**
 * Does this inspection count for the term's authority? Its own inspections do, whatever the mode.
 * Of another authority's: an 'authorized' one counts for the other authority of the pair; an
 * 'escalated' one (the city inspected a county's unit) covers the unit for the county too; 'cross'
 * and 'joint' ones were carried out on the inspected unit's own committee's behalf or with it, so they
 * count as well. Other modes of another authority do not (the caller's org list decides what is ours).
 */
function countsFor(i: TCoverageInspection, authorityId: string): boolean {
  if (i.authorityId === authorityId) return true;
  switch (i.mode) {
    case 'authorized':
      return i.authorizedBy === authorityId;
    case 'escalated':
    case 'cross':
    case 'joint':
      return true;
    default:
      return false;
  }
}

/**
 * An inspection covers its targets once it reached 'feedback' with the feedback inside the term. A
 * feedback date missing on an inspection past feedback is data from before the system; it counts,
 * since the stage says the feedback happened and the record could not be completed.
 */
function feedbackInTerm(i: TCoverageInspection, term: TCoverageTerm): boolean {
  if (!reachedStage(i.stage, 'feedback')) return false;
  if (i.feedbackDate === null) return true;
  return i.feedbackDate >= term.startDate && i.feedbackDate <= term.endDate;
}

function round(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

export function computeCoverage(
  term: TCoverageTerm,
  orgs: TCoverageOrg[],
  inspections: TCoverageInspection[],
  today: string,
  options: TCoverageOptions = {},
): TCoverageResult {
  // Targets: organizations that existed at some point in the term, each once. One merged or
  // abolished during the term stays a target: it was under the committee for part of the term.
  const targets = new Map<string, TCoverageOrg>();
  for (const o of orgs) if (!targets.has(o.id) && existedDuring(o, term.startDate, term.endDate)) targets.set(o.id, o);

  // For each target, the first covering inspection by the date it covered it. Without a feedback
  // date that is the entry date, else the term's start (legacy rows); ties go to the smaller id so
  // the answer does not depend on the order of the rows.
  const first = new Map<string, { id: string; date: string }>();
  for (const i of inspections) {
    if (!countsFor(i, term.authorityId) || !feedbackInTerm(i, term)) continue;
    const date = i.feedbackDate ?? i.entryDate ?? term.startDate;
    for (const t of i.targets) {
      if (!targets.has(t.orgId)) continue;
      const cur = first.get(t.orgId);
      if (!cur || date < cur.date || (date === cur.date && i.id < cur.id)) first.set(t.orgId, { id: i.id, date });
    }
  }

  const total = targets.size;
  const covered = first.size;

  const kinds = new Map<string, { kind: string; total: number; covered: number }>();
  for (const o of targets.values()) {
    const k = kinds.get(o.kind) ?? { kind: o.kind, total: 0, covered: 0 };
    k.total++;
    if (first.has(o.id)) k.covered++;
    kinds.set(o.kind, k);
  }
  const byKind = [...kinds.values()].sort((a, b) => kindOrder(a.kind, b.kind));

  const startYear = Number(term.startDate.slice(0, 4));
  const endYear = Number(term.endDate.slice(0, 4));
  const years = new Map<number, number>();
  for (let y = startYear; y <= endYear; y++) years.set(y, 0);
  for (const { date } of first.values()) {
    // A legacy entry date may lie before the term; it is counted in the term's first year.
    const y = Math.min(endYear, Math.max(startYear, Number(date.slice(0, 4))));
    years.set(y, (years.get(y) ?? 0) + 1);
  }
  const byYear = [...years].map(([year, n]) => ({ year, covered: n }));

  const uncovered = [...targets.values()]
    .filter((o) => !first.has(o.id))
    .sort((a, b) => kindOrder(a.kind, b.kind) || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1))
    .map((o) => ({ orgId: o.id, name: o.name, kind: o.kind }));

  const coveredBy = new Map<string, string>();
  for (const [orgId, f] of first) coveredBy.set(orgId, f.id);

  return {
    total,
    covered,
    rate: total === 0 ? 0 : round(covered / total, 4),
    byKind,
    byYear,
    uncovered,
    coveredBy,
    pace: coveragePace(term, total, covered, today, options.graceDays ?? DEFAULT_GRACE_DAYS),
  };
}

function fmt(x: number): string {
  return String(round(x, 1));
}

/** Pace towards full coverage; exported for the server, which counts in SQL. */
export function coveragePace(
  term: TCoverageTerm,
  total: number,
  covered: number,
  today: string,
  graceDays = DEFAULT_GRACE_DAYS,
): TCoveragePace {
  const remainingTargets = total - covered;
  const from = today > term.startDate ? today : term.startDate;
  const remainingDays = today > term.endDate ? 0 : daysBetween(from, term.endDate) + 1;
  const elapsedDays =
    today < term.startDate ? 0 : daysBetween(term.startDate, today > term.endDate ? term.endDate : today) + 1;
  const remainingYears = remainingDays / YEAR_DAYS;
  const neededPerYear =
    remainingTargets === 0
      ? 0
      : remainingDays === 0
        ? remainingTargets
        : // Rounded first so that a five-year term of 1826 days (4.9993 years of 365.25) does not need 3 a year for 10.
          Math.ceil(round(remainingTargets / remainingYears, 2));
  const coveredPerYearSoFar = elapsedDays === 0 ? 0 : round(covered / (elapsedDays / YEAR_DAYS), 1);

  let onTrack = true;
  let warning: string | null = null;
  if (remainingTargets > 0 && remainingDays === 0) {
    onTrack = false;
    warning = `本届任期已结束，尚有${remainingTargets}个单位未巡察，未实现全覆盖`;
  } else if (remainingTargets > 0 && elapsedDays >= graceDays && coveredPerYearSoFar < neededPerYear) {
    onTrack = false;
    // Under about a month, '0.1年' says less than the number of days.
    const left = remainingDays < 37 ? `${remainingDays}天` : `${fmt(remainingYears)}年`;
    warning =
      `按目前进度，届内无法实现全覆盖：尚有${remainingTargets}个单位未巡察，剩余${left}，` +
      `需每年巡察${neededPerYear}个，而此前平均每年仅巡察${fmt(coveredPerYearSoFar)}个`;
  }
  return { remainingTargets, remainingDays, neededPerYear, coveredPerYearSoFar, onTrack, warning };
}

/** The HTTP shape (ZCoverage): the count of uncovered spelled out, the Map left to the server. */
export function coverageDto(r: TCoverageResult): TCoverage {
  return {
    total: r.total,
    covered: r.covered,
    rate: r.rate,
    byKind: r.byKind,
    uncoveredCount: r.uncovered.length,
    uncovered: r.uncovered,
    byYear: r.byYear,
    pace: r.pace,
  };
}

/**
 * A first draft of the next round's targets: `teams` teams, each taking `perTeam` not-yet-covered
 * units in sequence (一托二 when perTeam is 2). Units of the same sector (or, without a sector, of
 * the same kind) are put together, because a team that knows one 政法 unit works faster on the next; whole groups are dealt
 * out before the odd units left over from each group are paired across groups. Deterministic: the
 * same input gives the same draft. Teams that would get nothing are left out.
 */
export function suggestTargets(
  uncovered: readonly { orgId: string; name: string; kind: string; sector?: string | null }[],
  teams: number,
  perTeam = 2,
): { team: number; orgIds: string[] }[] {
  if (!Number.isSafeInteger(teams) || teams < 0) throw new RangeError(`巡察组数必须是非负整数：${teams}`);
  if (!Number.isSafeInteger(perTeam) || perTeam < 1) throw new RangeError(`每组单位数必须是正整数：${perTeam}`);

  // A unit listed twice is suggested once, as first listed.
  const byId = new Map<string, (typeof uncovered)[number]>();
  for (const u of uncovered) if (!byId.has(u.orgId)) byId.set(u.orgId, u);
  const items = [...byId.values()].sort(
    (a, b) =>
      indexOr(SECTORS, a.sector) - indexOr(SECTORS, b.sector) ||
      collator.compare(a.sector ?? '', b.sector ?? '') ||
      kindOrder(a.kind, b.kind) ||
      collator.compare(a.name, b.name) ||
      (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0),
  );

  // A group is a sector; units without one are grouped by kind.
  const groupKey = (u: (typeof items)[number]) => (u.sector ? `s:${u.sector}` : `k:${u.kind}`);
  const groups: (typeof items)[] = [];
  for (const it of items) {
    const cur = groups.at(-1);
    if (cur && groupKey(cur[0] as (typeof items)[number]) === groupKey(it)) cur.push(it);
    else groups.push([it]);
  }

  const chunks: string[][] = [];
  const leftovers: string[] = [];
  for (const g of groups) {
    const full = g.length - (g.length % perTeam);
    for (let i = 0; i < full; i += perTeam) chunks.push(g.slice(i, i + perTeam).map((u) => u.orgId));
    for (const u of g.slice(full)) leftovers.push(u.orgId);
  }
  for (let i = 0; i < leftovers.length; i += perTeam) chunks.push(leftovers.slice(i, i + perTeam));

  return chunks.slice(0, teams).map((orgIds, i) => ({ team: i + 1, orgIds }));
}
