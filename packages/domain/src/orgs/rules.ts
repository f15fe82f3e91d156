/**
 * Registry rules: the tree must stay a tree, lifecycle dates must be coherent, and the 统一社会信用代码
 * check character (GB 32100-2015) must hold.
 */

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a code, or null when they are not 17 code characters. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17.charAt(i));
    if (v < 0) return null;
    sum += v * (USCC_WEIGHTS[i] as number);
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARS[c] as string;
}

export function creditCodeValid(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * Would making `parentId` the parent of `id` create a cycle? `parentOf` returns the current parent
 * of any node (null at the root).
 */
export function wouldCreateCycle(
  id: string,
  parentId: string | null,
  parentOf: (id: string) => string | null,
): boolean {
  let cur = parentId;
  const seen = new Set<string>();
  while (cur) {
    if (cur === id) return true;
    if (seen.has(cur)) return true;
    seen.add(cur);
    cur = parentOf(cur);
  }
  return false;
}

export interface TLifecycle {
  establishedOn: string | null;
  abolishedOn: string | null;
}

/** Chinese reason a lifecycle end date is not acceptable, or null. Dates are ISO yyyy-mm-dd. */
export function endDateProblem(org: TLifecycle & { status: string }, date: string, today: string): string | null {
  if (org.status !== 'active') return '该单位已合并或撤销，不能再次操作';
  if (org.establishedOn && date < org.establishedOn) return '日期不能早于该单位的成立日期';
  if (date > today) return '日期不能晚于今天';
  return null;
}

/** Did the organization exist at some point in [from, to]? Used by coverage to pick a term's targets. */
export function existedDuring(org: TLifecycle, from: string, to: string): boolean {
  if (org.establishedOn && org.establishedOn > to) return false;
  if (org.abolishedOn && org.abolishedOn < from) return false;
  return true;
}

/** Chinese reason `intoId` cannot absorb `id`, or null. */
export function mergeProblem(
  id: string,
  into: { id: string; status: string; authorityId: string } | null,
  authorityId: string,
  isDescendant: boolean,
): string | null {
  if (!into) return '合并目标单位不存在';
  if (into.id === id) return '不能合并到本单位';
  if (into.status !== 'active') return '合并目标单位已合并或撤销';
  if (into.authorityId !== authorityId) return '只能合并到同一巡察机构管辖的单位';
  if (isDescendant) return '不能合并到本单位的下级单位';
  return null;
}
