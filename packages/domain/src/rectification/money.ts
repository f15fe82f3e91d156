/**
 * Amounts of money recovered (清退清收, 挽回损失) as offices report them: 万元 with two decimals,
 * written as decimal strings ("123.45"). Arithmetic goes through integer hundredths of a 万元
 * (one unit = 0.01 万元 = 100 元 = 10,000 分) held in a BigInt, so no sum ever loses or invents a
 * cent, whatever the number of entries (architecture.md §5: never floating point on amounts).
 */

/** 分 in one hundredth of a 万元, for a server that stores amounts in integer 分. */
export const FEN_PER_WAN_CENT = 10_000n;

/** The largest amount accepted: 9,999,999,999.99 万元, far above any real recovery, well inside numeric(14,2). */
export const MAX_WAN_DIGITS = 10;

const WAN = new RegExp(`^(0|[1-9]\\d{0,${MAX_WAN_DIGITS - 1}})(?:\\.(\\d{1,2}))?$`);

/**
 * Chinese reason `s` is not an amount in 万元 (non-negative, at most two decimals, digits and one
 * point only, no sign, exponent, spaces or redundant leading zeros), or null when it is one.
 */
export function wanProblem(s: string, label = '金额'): string | null {
  if (typeof s !== 'string' || s === '') return `${label}不能为空`;
  if (s.startsWith('-')) return `${label}不能为负数`;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return `${label}应为数字，单位万元，如 123.45`;
  if ((m[2]?.length ?? 0) > 2) return `${label}最多保留两位小数（万元）`;
  if ((m[1]?.length ?? 0) > MAX_WAN_DIGITS) return `${label}超出可登记的范围`;
  if (!WAN.test(s)) return `${label}的整数部分不能以0开头`;
  return null;
}

/** Hundredths of a 万元 in `s` ("123.45" → 12345n, "7" → 700n, "0.5" → 50n). Throws on anything wanProblem refuses. */
export function parseWan(s: string): bigint {
  const bad = wanProblem(s);
  if (bad) throw new RangeError(`${bad}：${String(s)}`);
  const [int = '0', frac = ''] = s.split('.');
  return BigInt(int) * 100n + BigInt(frac.padEnd(2, '0'));
}

/** "123.45" for 12345n: always two decimals; a negative amount (a correction) keeps its sign. */
export function formatWan(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const frac = String(abs % 100n).padStart(2, '0');
  return `${neg ? '-' : ''}${abs / 100n}.${frac}`;
}

/** The exact sum of amounts in 万元, formatted with two decimals ("0.00" for none). */
export function sumWan(values: Iterable<string>): string {
  let total = 0n;
  for (const v of values) total += parseWan(v);
  return formatWan(total);
}
