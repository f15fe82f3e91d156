import { SECTORS } from '../orgs/schemas.ts';
import { formatWan, parseWan } from '../rectification/money.ts';
import type { TCampaignLedger, TCampaignPhase } from './schemas.ts';

export function campaignPhase(c: { startOn: string; endOn: string }, today: string): TCampaignPhase {
  if (today < c.startOn) return 'notStarted';
  return today > c.endOn ? 'ended' : 'active';
}

export interface TLedgerReport {
  orgId: string;
  commonProblemId?: string | null | undefined;
  foundItems: number;
  rectifiedItems: number;
  rulesMade: number;
  /** 万元, a decimal string with at most two decimals. */
  moneyRecovered: string;
}

export interface TLedgerOrg {
  orgId: string;
  /** The authority (city or county) the organization belongs to: the ledger's "per county". */
  authorityId: string;
  sector: string | null;
}

export interface TLedgerContext {
  /** Every organization in scope or reporting. */
  orgs: readonly TLedgerOrg[];
  /** The organizations expected to report; those that have not are listed. */
  scopeOrgIds?: readonly string[];
  /** The city and the counties that joined, in the order to show (city first); each gets a line. */
  authorityIds?: readonly string[];
  /** The campaign's targets: a report naming none belongs to the only target when there is one. */
  commonProblemIds?: readonly string[];
}

interface Acc {
  reports: number;
  orgs: Set<string>;
  scope: Set<string>;
  found: number;
  rectified: number;
  rulesMade: number;
  cents: bigint;
}

const newAcc = (): Acc => ({
  reports: 0,
  orgs: new Set(),
  scope: new Set(),
  found: 0,
  rectified: 0,
  rulesMade: 0,
  cents: 0n,
});

/** rectified ÷ found to four decimals; null when nothing was found (no rate to speak of). */
function rateOf(rectified: number, found: number): number | null {
  return found === 0 ? null : Math.round((rectified / found) * 10_000) / 10_000;
}

function line(a: Acc) {
  return {
    reports: a.reports,
    organizations: a.orgs.size,
    inScope: a.scope.size,
    found: a.found,
    rectified: a.rectified,
    rate: rateOf(a.rectified, a.found),
    rulesMade: a.rulesMade,
    moneyRecovered: formatWan(a.cents),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what}必须是非负整数：${n}`);
}

const sectorRank = (s: string | null) => {
  const i = s === null ? -1 : (SECTORS as readonly string[]).indexOf(s);
  return i < 0 ? SECTORS.length + (s === null ? 1 : 0) : i;
};

/**
 * The campaign's ledger (专项整治台账): problems found and rectified, rules made and money recovered,
 * in total, per sector, per authority (the city and each county) and per targeted common problem.
 * Reports add up; money is summed exactly in hundredths of a 万元. Authorities and sectors with
 * organizations in scope appear even before anyone reports, so a county that has reported nothing
 * shows as a line of zeros rather than not at all.
 */
export function campaignLedger(reports: readonly TLedgerReport[], ctx: TLedgerContext): TCampaignLedger {
  const orgOf = new Map(ctx.orgs.map((o) => [o.orgId, o]));
  const scope = [...new Set(ctx.scopeOrgIds ?? [])];
  const targets = ctx.commonProblemIds ?? [];
  const only = targets.length === 1 ? (targets[0] as string) : null;
  const total = newAcc();
  const bySector = new Map<string | null, Acc>();
  const byAuthority = new Map<string, Acc>();
  const byProblem = new Map<string | null, Acc>();
  for (const id of ctx.authorityIds ?? []) if (!byAuthority.has(id)) byAuthority.set(id, newAcc());
  for (const id of targets) if (!byProblem.has(id)) byProblem.set(id, newAcc());
  const get = <K>(m: Map<K, Acc>, k: K) => {
    let a = m.get(k);
    if (!a) {
      a = newAcc();
      m.set(k, a);
    }
    return a;
  };
  const orgFor = (id: string) => {
    const o = orgOf.get(id);
    if (!o) throw new RangeError(`台账缺少单位信息：${id}`);
    return o;
  };
  for (const id of scope) {
    const o = orgFor(id);
    total.scope.add(id);
    get(bySector, o.sector).scope.add(id);
    get(byAuthority, o.authorityId).scope.add(id);
  }
  for (const r of reports) {
    assertCount(r.foundItems, '发现问题数');
    assertCount(r.rectifiedItems, '整改问题数');
    assertCount(r.rulesMade, '建章立制数');
    const cents = parseWan(r.moneyRecovered);
    const o = orgFor(r.orgId);
    const problem = r.commonProblemId ?? only;
    for (const a of [total, get(bySector, o.sector), get(byAuthority, o.authorityId), get(byProblem, problem)]) {
      a.reports++;
      a.orgs.add(r.orgId);
      a.found += r.foundItems;
      a.rectified += r.rectifiedItems;
      a.rulesMade += r.rulesMade;
      a.cents += cents;
    }
  }
  const authorityOrder = new Map((ctx.authorityIds ?? []).map((id, i) => [id, i]));
  const rankOf = (id: string) => authorityOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
  const targetOrder = new Map(targets.map((id, i) => [id, i]));
  const problemRank = (id: string | null) =>
    id === null ? Number.MAX_SAFE_INTEGER : (targetOrder.get(id) ?? targets.length);
  return {
    total: { ...line(total), notReported: scope.filter((id) => !total.orgs.has(id)).sort() },
    bySector: [...bySector]
      .sort(([a], [b]) => sectorRank(a) - sectorRank(b) || compare(String(a), String(b)))
      .map(([sector, a]) => ({ sector, ...line(a) })),
    byAuthority: [...byAuthority]
      .sort(([a], [b]) => rankOf(a) - rankOf(b) || compare(a, b))
      .map(([authorityId, a]) => ({ authorityId, ...line(a) })),
    byProblem: [...byProblem]
      .sort(([a], [b]) => problemRank(a) - problemRank(b) || compare(String(a), String(b)))
      .map(([commonProblemId, a]) => ({ commonProblemId, ...line(a) })),
  };
}
