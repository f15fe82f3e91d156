import { formatWan, parseWan } from './money.ts';
import type { TRectificationSummary, TTaskStatus } from './schemas.ts';

/**
 * Outcomes that count (domain.md §5 Results): problems rectified and the rate, money recovered,
 * persons held accountable, rules made. The server's SQL for the summary routes is tested against
 * this function.
 */

export type TFindingRectification = 'rectified' | 'ongoing' | 'undone';
export const FINDING_RECTIFICATION_LABELS: Record<TFindingRectification, string> = {
  rectified: '已整改',
  ongoing: '持续整改中',
  undone: '未整改',
};

/**
 * A finding is rectified when it has tasks and every one is written off (销号: the office has
 * accepted the evidence); ongoing when any task still open reports 阶段性成果 (ongoing);
 * otherwise undone, which includes a finding with no task yet.
 */
export function findingRectification(
  tasks: readonly { status: TTaskStatus; writtenOff: boolean }[],
): TFindingRectification {
  if (tasks.length > 0 && tasks.every((t) => t.writtenOff)) return 'rectified';
  if (tasks.some((t) => !t.writtenOff && t.status === 'ongoing')) return 'ongoing';
  return 'undone';
}

/** a ÷ b rounded half up to `places` decimals, computed on integers so no float error decides a rounding; 0 when b = 0. */
export function ratio(a: number, b: number, places = 4): number {
  if (b === 0) return 0;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || b < 0)
    throw new RangeError(`比例只能由非负整数计算：${a} ÷ ${b}`);
  const scale = 10n ** BigInt(places);
  const q = (2n * BigInt(a) * scale + BigInt(b)) / (2n * BigInt(b));
  return Number(q) / Number(scale);
}

export interface TOutcomeFigures {
  /** 万元, decimal string (see money.ts). */
  moneyRecovered: string;
  accountable: number;
  rulesMade: number;
}

/**
 * The summary of ZRectificationSummary. `outcomes` are the entries added to the inspection(s);
 * an entry of the 建章立制 register counts as an outcome of one rule, so the server passes each
 * register entry as `{moneyRecovered: '0', accountable: 0, rulesMade: 1}` and offices record a rule
 * either in the register or as a number, not both. `approvedExtensions` counts approved extensions.
 */
export function rectificationSummary(
  findings: Iterable<{ tasks: readonly { status: TTaskStatus; writtenOff: boolean }[] }>,
  outcomes: Iterable<Readonly<TOutcomeFigures>>,
  approvedExtensions: number,
): TRectificationSummary {
  const n = { findings: 0, rectified: 0, ongoing: 0, undone: 0 };
  for (const f of findings) {
    n.findings++;
    n[findingRectification(f.tasks)]++;
  }
  let money = 0n;
  let accountable = 0;
  let rulesMade = 0;
  for (const o of outcomes) {
    money += parseWan(o.moneyRecovered);
    accountable += o.accountable;
    rulesMade += o.rulesMade;
  }
  return {
    ...n,
    rate: ratio(n.rectified, n.findings),
    extensions: approvedExtensions,
    moneyRecovered: formatWan(money),
    accountable,
    rulesMade,
  };
}

/** Sums of several summaries (an inspection's to a round's, a term's, an authority's); the rate is recomputed. */
export function combineSummaries(parts: Iterable<Readonly<TRectificationSummary>>): TRectificationSummary {
  const t = { findings: 0, rectified: 0, ongoing: 0, undone: 0, extensions: 0, accountable: 0, rulesMade: 0 };
  let money = 0n;
  for (const p of parts) {
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += p[k];
    money += parseWan(p.moneyRecovered);
  }
  return { ...t, rate: ratio(t.rectified, t.findings), moneyRecovered: formatWan(money) };
}
