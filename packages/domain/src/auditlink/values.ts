import { searchKey } from '../common/text.ts';
import { addCalendarDays, isIsoDate } from '../planning/calendar.ts';

/**
 * Cell values of the tables brought in for 巡审贯通, read the way the people who typed them meant
 * them: amounts with thousands separators, ¥ and 元; dates as 2024-03-05, 2024/3/5, 2024.3.5,
 * 2024年3月5日, 20240305 or an Excel serial number; periods as 202403 or 2024年3月. Each parser
 * answers the value in one canonical form or a Chinese reason, never a guess, and never goes
 * through floating point.
 */
export type TParsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Dates outside these years are typing errors in the tables compared here (pay, death, invoice dates). */
export const DATE_RANGE = { from: '1900-01-01', to: '2099-12-31' } as const;

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** NFKC (full-width digits, letters and punctuation become ASCII), zero-width characters removed, trimmed. */
function fold(raw: string): string {
  return String(raw ?? '')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .trim();
}

const ok = <T>(value: T): TParsed<T> => ({ ok: true, value });
const no = <T>(reason: string): TParsed<T> => ({ ok: false, reason });

const pad2 = (n: number) => String(n).padStart(2, '0');

const YMD_SEP = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d{1,9})?)?)?$/;
const YMD_CN = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;
const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^(\d{1,7})(?:\.\d+)?$/;
/** Excel's serial number of 2099-12-31, the last day DATE_RANGE accepts. */
const EXCEL_SERIAL_MAX = 73_050;

/**
 * A calendar day in the usual Chinese ways of writing one → 'YYYY-MM-DD'. A time after the date
 * (2024-03-05 10:20:00) is ignored. Plain numbers of up to seven digits are Excel serial numbers
 * in the 1900 date system, including Excel's phantom 1900-02-29 (serial 60), which is refused.
 */
export function parseDate(raw: string): TParsed<string> {
  const s = fold(raw).replace(/\s+/g, ' ');
  if (s === '') return no('日期为空');
  const m = YMD_SEP.exec(s) ?? YMD_CN.exec(s.replace(/ /g, ''));
  if (m) {
    const nums = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
    return ymd(Number(nums[0]), Number(nums[1]), Number(nums[2]), s);
  }
  const c = YMD_COMPACT.exec(s);
  if (c) return ymd(Number(c[1]), Number(c[2]), Number(c[3]), s);
  const serial = SERIAL.exec(s);
  if (serial) {
    const n = Number(serial[1]);
    if (/^\d{6}$/.test(s) && parsePeriod(s).ok) return no(`“${s}”是年月，不是具体日期`);
    if (n === 60) return no('Excel 日期序号 60 对应 1900年2月29日，这一天并不存在');
    if (n === 0) return no('日期不能为 0');
    if (n > EXCEL_SERIAL_MAX) return no(`日期“${s}”超出 1900—2099 年的范围`);
    // Serial 1 is 1900-01-01; from 61 on Excel counts the phantom 29 February, so one day less.
    const date = addCalendarDays(n < 60 ? '1899-12-31' : '1899-12-30', n);
    return inRange(date, s);
  }
  if (/^\d{4}[-/.年]\d{1,2}月?$/.test(s.replace(/ /g, ''))) return no(`“${s}”只有年月，缺少日`);
  return no(`“${clip(s)}”不是可识别的日期（可写作 2024-03-05、2024/3/5、2024年3月5日 或 20240305）`);
}

function ymd(y: number, m: number, d: number, s: string): TParsed<string> {
  const date = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
  if (!isIsoDate(date)) return no(`日期“${s}”不存在`);
  return inRange(date, s);
}

function inRange(date: string, s: string): TParsed<string> {
  if (date < DATE_RANGE.from || date > DATE_RANGE.to) return no(`日期“${s}”超出 1900—2099 年的范围`);
  return ok(date);
}

const YM_COMPACT = /^(\d{4})(\d{2})$/;
const YM_SEP = /^(\d{4})[-/.](\d{1,2})$/;
const YM_CN = /^(\d{4})年(\d{1,2})月?份?$/;

/**
 * A month such as a payment's period (所属期): 202403, 2024-03, 2024/3, 2024.3, 2024年3月 → 'YYYY-MM'.
 * A full date is also accepted and gives its month, since periods are often kept as the first day
 * of the month in a date-formatted cell.
 */
export function parsePeriod(raw: string): TParsed<string> {
  const s = fold(raw).replace(/\s+/g, '');
  if (s === '') return no('年月为空');
  const m = YM_COMPACT.exec(s) ?? YM_SEP.exec(s) ?? YM_CN.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return no(`年月“${s}”的月份不存在`);
    const v = `${m[1]}-${pad2(mo)}`;
    if (y < 1900 || y > 2099) return no(`年月“${s}”超出 1900—2099 年的范围`);
    return ok(v);
  }
  const d = parseDate(s);
  if (d.ok) return ok(d.value.slice(0, 7));
  return no(`“${clip(s)}”不是可识别的年月（可写作 202403、2024-03 或 2024年3月）`);
}

/** The largest amount accepted, in 分: safely inside a JavaScript integer and a BIGINT. */
export const MAX_AMOUNT_CENTS = Number.MAX_SAFE_INTEGER;

const AMOUNT_NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * An amount of money → integer 分. Accepts thousands separators, full-width digits, ¥/RMB/人民币,
 * a trailing 元 (or 万元/万, multiplied out), a minus sign or accounting parentheses for negatives.
 * At most two decimals for 元 (six for 万元); further zeros are tolerated, other digits are not.
 */
export function parseAmount(raw: string): TParsed<number> {
  let s = fold(raw).replace(/\s+/g, '');
  if (s === '') return no('金额为空');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1] as string;
  }
  // The sign may stand before or after the currency: -¥5 and ¥-5 are both written.
  const CURRENCY = /^(?:¥|RMB|CNY|人民币)/i;
  s = s.replace(CURRENCY, '');
  if (/^[-\u2212]/.test(s)) {
    if (negative) return no(`金额“${clip(raw)}”的正负号重复`);
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  s = s.replace(CURRENCY, '');
  let scale = 0;
  if (/万元?$/.test(s)) {
    scale = 4;
    s = s.replace(/万元?$/, '');
  } else s = s.replace(/元$/, '');
  if (/[零壹贰叁肆伍陆柒捌玖拾佰仟]/.test(s)) return no(`金额“${clip(raw)}”是大写金额，请改为数字`);
  const m = AMOUNT_NUMBER.exec(s);
  if (!m) return no(`“${clip(raw)}”不是可识别的金额`);
  const int = (m[1] as string).replaceAll(',', '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const places = 2 + scale;
  if (frac.length > places)
    return no(scale ? `金额“${clip(raw)}”换算成元后超过两位小数` : `金额“${clip(raw)}”超过两位小数（最小到分）`);
  const cents = BigInt(int) * 10n ** BigInt(places) + BigInt(frac.padEnd(places, '0') || '0');
  const value = Number(cents);
  if (cents > BigInt(MAX_AMOUNT_CENTS)) return no(`金额“${clip(raw)}”超出可比对的范围`);
  return ok(negative && value !== 0 ? -value : value);
}

/** 123456 → '1234.56', -5 → '-0.05': 分 as 元 with two decimals, for evidence and exports. */
export function formatCents(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.trunc(abs / 100)}.${pad2(abs % 100)}`;
}

const QUANTITY = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** Quantities keep at most this many decimals (half a box, 0.25 of a bottle). */
export const QUANTITY_SCALE = 4;

/**
 * A quantity of goods (数量): an exact decimal, negative for returns and refunds (退费), at most
 * four decimals → its canonical decimal string ('12.5', '-3', '0').
 */
export function parseQuantity(raw: string): TParsed<string> {
  let s = fold(raw).replace(/\s+/g, '');
  if (s === '') return no('数量为空');
  let negative = false;
  if (/^[-\u2212]/.test(s)) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  const m = QUANTITY.exec(s);
  if (!m) return no(`“${clip(raw)}”不是可识别的数量（数量列只能填数字，单位另列）`);
  const int = (m[1] as string).replaceAll(',', '').replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > QUANTITY_SCALE) return no(`数量“${clip(raw)}”超过 ${QUANTITY_SCALE} 位小数`);
  if (int.length > 14) return no(`数量“${clip(raw)}”超出可比对的范围`);
  const body = frac ? `${int}.${frac}` : int;
  return ok(negative && body !== '0' ? `-${body}` : body);
}

/**
 * A person's name for comparison: NFKC, zero-width characters removed, trimmed. A Chinese name
 * loses every space (王 小明 = 王小明) and writes the separator of transliterated names (阿卜杜拉·
 * 买买提) as one middle dot whatever dot was typed; a Latin name keeps one space between its parts
 * and is upper-cased, as on passports.
 */
export function normalizeName(raw: string): string {
  const s = fold(raw);
  if (/\p{Script=Han}/u.test(s))
    return s.replace(/\s+/g, '').replace(/[.\u00B7\u2022\u2027\u2219\u22C5\u30FB]/g, '\u00B7');
  return s.replace(/\s+/g, ' ').toUpperCase();
}

/**
 * The key under which free text (project, item, supplier names) is grouped and matched: the
 * search key (NFKC, case folded, zero-width removed) with every space removed, so 城乡 低保 and
 * 城乡低保, or 注射器5ML and 注射器 5ml, are one project or one item.
 */
export function matchKey(raw: string): string {
  return searchKey(String(raw ?? '')).replace(/\s+/g, '');
}

/**
 * An invoice number (发票号码) → its digits: 8 for the paper and electronic invoices of old, 20 for
 * 全电发票. Leading zeros are part of the number and are kept.
 */
export function parseInvoiceNo(raw: string): TParsed<string> {
  const s = fold(raw)
    .replace(/^'/, '')
    .replace(/^(?:No\.?|№)/i, '')
    .replace(/\s+/g, '');
  if (s === '') return no('发票号码为空');
  if (!/^\d{1,20}$/.test(s)) return no(`发票号码“${clip(raw)}”应由不超过 20 位数字组成`);
  return ok(s);
}

function clip(s: string): string {
  const t = String(s ?? '');
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}
