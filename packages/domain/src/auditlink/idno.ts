/**
 * 公民身份号码 (GB 11643-1999) as the tables that offices exchange actually hold them: typed by
 * hand with full-width digits, spaces or dashes, a lower-case x, a zero-width character pasted
 * from a web page, the 15-digit numbers of the first-generation cards, Excel's text markers, and
 * sometimes numbers Excel has already turned into 1.10105E+17. Matching two tables on this key
 * is only honest after every one of these is folded into the 18-character form, and a number
 * that cannot be folded is reported with the reason, never silently dropped.
 */

/** Weights of the 17 body digits in the MOD 11-2 check (2^(17-i) mod 11). */
export const ID_WEIGHTS: readonly number[] = Object.freeze([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);

/** The check character for each value of (weighted sum mod 11). */
export const ID_CHECK_CHARS = '10X98765432';

/**
 * The first two digits: the province-level divisions of GB/T 2260, 71 台湾, 81/82 the residence
 * permits of Hong Kong and Macao residents, 83 those of Taiwan residents, and 91 the 2023
 * 外国人永久居留身份证 (whose numbers follow the same check).
 */
export const ID_PROVINCE_CODES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83 91'.split(
    ' ',
  ),
);

/** Births before this day are not plausible for a number anyone still uses. */
export const ID_EARLIEST_BIRTH = '1880-01-01';

export const ID_PROBLEMS = [
  'empty',
  'scientific',
  'characters',
  'length',
  'region',
  'birthDate',
  'checkDigit',
] as const;
export type TIdNoProblem = (typeof ID_PROBLEMS)[number];

export type TIdNoResult =
  | { ok: true; value: string; upgraded: boolean }
  | { ok: false; code: TIdNoProblem; reason: string };

// Zero-width characters, soft hyphen, and the dashes people put between groups of digits (after
// NFKC, full-width forms are already ASCII).
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\uFE58\uFE63]/g;
const SCIENTIFIC = /^\d(?:\.\d+)?E\+?\d+$/;

/** The MOD 11-2 check character of 17 body digits. */
export function idCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] as number);
  return ID_CHECK_CHARS[sum % 11] as string;
}

/**
 * The 18-character form of a 身份证号 written any way people write one, or the Chinese reason it is
 * not one. A 15-digit first-generation number is upgraded (19 inserted before the two-digit year,
 * check character appended). `today` ('YYYY-MM-DD', Asia/Shanghai), when given, also refuses a
 * birth date after it.
 */
export function normalizeIdNo(raw: string, opts: { today?: string } = {}): TIdNoResult {
  let s = String(raw ?? '')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .trim();
  // Exports that force Excel to keep text: ="110…" and a leading apostrophe.
  const formula = /^="(.*)"$/.exec(s);
  if (formula) s = formula[1] as string;
  s = s.replace(/^'/, '').replace(SEPARATORS, '').toUpperCase();
  if (s === '') return fail('empty', '身份证号为空');
  if (SCIENTIFIC.test(s))
    return fail('scientific', '身份证号已被 Excel 存成科学计数法，后几位已经丢失，请把原表该列设为文本后重新导出');
  if (!/^[0-9X]+$/.test(s)) return fail('characters', '身份证号只能由数字和末位的 X 组成');
  if (/^\d{15}$/.test(s)) {
    const body = `${s.slice(0, 6)}19${s.slice(6)}`;
    const bad = bodyProblem(body, opts.today);
    if (bad) return bad;
    return { ok: true, value: body + idCheckChar(body), upgraded: true };
  }
  if (s.length !== 18 && s.length !== 15)
    return fail('length', `身份证号应为 18 位（或 15 位旧号码），这里是 ${s.length} 位`);
  if (!/^\d{17}[0-9X]$/.test(s)) return fail('characters', 'X 只能出现在 18 位身份证号的最后一位');
  const body = s.slice(0, 17);
  const bad = bodyProblem(body, opts.today);
  if (bad) return bad;
  if (idCheckChar(body) !== s[17]) return fail('checkDigit', '身份证号校验位不符，可能有数字录入错误');
  return { ok: true, value: s, upgraded: false };
}

function bodyProblem(body: string, today: string | undefined): TIdNoResult | null {
  if (!ID_PROVINCE_CODES.has(body.slice(0, 2))) return fail('region', '身份证号前两位不是有效的省级行政区划代码');
  const y = Number(body.slice(6, 10));
  const m = Number(body.slice(10, 12));
  const d = Number(body.slice(12, 14));
  const birth = `${body.slice(6, 10)}-${body.slice(10, 12)}-${body.slice(12, 14)}`;
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return fail('birthDate', `身份证号中的出生日期 ${birth} 不存在`);
  if (birth < ID_EARLIEST_BIRTH || (today !== undefined && birth > today))
    return fail('birthDate', `身份证号中的出生日期 ${birth} 不合常理`);
  return null;
}

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function fail(code: TIdNoProblem, reason: string): TIdNoResult {
  return { ok: false, code, reason };
}
