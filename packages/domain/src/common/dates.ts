/**
 * Dates of the office (domain.md §4; architecture.md §5: Asia/Shanghai). Dates are ISO
 * `yyyy-mm-dd` strings naming a calendar day. They are turned into whole day numbers in UTC and
 * back, never through the local time zone, so a server in another zone or a DST change cannot
 * shift a legal deadline by a day. The one date module of the product: server, web and the demo
 * generator use these instead of their own.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `s` a real calendar day written `yyyy-mm-dd` (no 02-30, no 2023-02-29)? */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`日期格式应为 YYYY-MM-DD 且为有效日期：${String(date)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days since 1970-01-01 (may be negative); for day loops of the calendar rules. */
export function dayNumber(date: string): number {
  const [y, m, d] = parts(date);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not, so build the date that way.
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / DAY_MS);
}

export function fromDayNumber(n: number): string {
  const t = new Date(n * DAY_MS);
  const y = t.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError('日期超出可表示范围');
  return `${String(y).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

export function assertInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what}必须是整数：${n}`);
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export function addCalendarDays(date: string, n: number): string {
  assertInteger(n, '天数');
  return fromDayNumber(dayNumber(date) + n);
}

/** Signed number of days from `a` to `b` (b − a): 0 for the same day, 1 for the next day. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * `n` months after (or before, for negative n) `date`. A day that does not exist in the target month
 * is clamped to its last day: 01-31 + 1 month = 02-28 (02-29 in a leap year), as people and the
 * regulations read "one month after 1月31日".
 */
export function addMonths(date: string, n: number): string {
  assertInteger(n, '月数');
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  if (ty < 0 || ty > 9999) throw new RangeError('日期超出可表示范围');
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

/** The office's calendar day (Asia/Shanghai, UTC+8 all year) of an instant. */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** 2026年3月5日 for 2026-03-05, as 公文 write dates; `empty` for a missing date. */
export function chineseDate(date: string | null | undefined, empty = ''): string {
  if (!date) return empty;
  const [y, m, d] = parts(date);
  return `${y}年${m}月${d}日`;
}
