/**
 * Gapless numbering: 发文字号 of bulletins (赣巡办〔2026〕3号, per authority and year) and 档号 of
 * archive items (全宗号-年度-类别-件号). Neither may show a hole: a 文号 skipped looks like a document
 * withheld from the register, a missing 件号 like a file lost from the archive. A number freed before
 * it was fixed (a bulletin's approval withdrawn, an item taken out before the catalogue was closed)
 * is therefore the next one handed out.
 */

function assertSeq(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`序号必须是正整数：${n}`);
}

function assertYear(year: number): void {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) throw new RangeError(`年度必须是四位数：${year}`);
}

/** The smallest positive number not in `existing`: 1 for none, the first hole, else max + 1. */
export function nextNumber(existing: Iterable<number>): number {
  const used = new Set<number>();
  for (const n of existing) {
    assertSeq(n);
    used.add(n);
  }
  let n = 1;
  while (used.has(n)) n++;
  return n;
}

const BULLETIN_NUMBER = /^(.+)〔(\d{4})〕([1-9]\d*)号$/u;

/**
 * 赣巡办〔2026〕3号, as GB/T 9704 writes a 发文字号: the year in 六角括号 〔〕, the sequence without
 * padding (no 虚位: 3, not 003) and without 第.
 */
export function formatBulletinNumber(prefix: string, year: number, n: number): string {
  if (prefix === '' || /[〔〕\d\s号]/u.test(prefix)) throw new RangeError(`发文字号前缀不正确：${prefix}`);
  assertYear(year);
  assertSeq(n);
  return `${prefix}〔${year}〕${n}号`;
}

export function parseBulletinNumber(s: string): { prefix: string; year: number; n: number } | null {
  const m = BULLETIN_NUMBER.exec(s);
  if (!m) return null;
  const n = Number(m[3]);
  if (!Number.isSafeInteger(n)) return null;
  return { prefix: m[1] as string, year: Number(m[2]), n };
}

/** The sequence numbers already used under `prefix` in `year`, read from formatted numbers. */
export function bulletinSequences(numbers: Iterable<string>, prefix: string, year: number): number[] {
  const out: number[] = [];
  for (const s of numbers) {
    const p = parseBulletinNumber(s);
    if (p && p.prefix === prefix && p.year === year) out.push(p.n);
  }
  return out;
}

export interface TCatalogueScope {
  /** 全宗号 of the authority. */
  fonds: string;
  year: number;
  /** 类别: ARCHIVE_CLASS_CODES (WS 文书档案, YW 业务档案). */
  category: string;
}

const CODE = /^[A-Za-z0-9]{1,12}$/;
const CATALOGUE_NUMBER = /^([A-Za-z0-9]{1,12})-(\d{4})-([A-Za-z0-9]{1,12})-(\d{4,})$/;

/** X001-2026-WS-0007: the 件号 in four digits (more when the year passes 9999 items). */
export function formatCatalogueNumber(scope: TCatalogueScope, seq: number): string {
  if (!CODE.test(scope.fonds)) throw new RangeError(`全宗号只能是1至12位字母或数字：${scope.fonds}`);
  if (!CODE.test(scope.category)) throw new RangeError(`类别代码只能是1至12位字母或数字：${scope.category}`);
  assertYear(scope.year);
  assertSeq(seq);
  return `${scope.fonds}-${scope.year}-${scope.category}-${String(seq).padStart(4, '0')}`;
}

export function parseCatalogueNumber(s: string): (TCatalogueScope & { seq: number }) | null {
  const m = CATALOGUE_NUMBER.exec(s);
  if (!m) return null;
  const seq = Number(m[4]);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  return { fonds: m[1] as string, year: Number(m[2]), category: m[3] as string, seq };
}

/**
 * Catalogue numbers for `newItems` in the order given (the caller sorts them, normally with
 * archiveOrder), within one fonds, year and category. Numbers of `existing` outside that scope are
 * ignored. The new items fill the holes first, then continue after the highest, so the scope's
 * numbers stay 1…n with none twice, and an earlier item never gets a higher number than a later one.
 */
export function catalogueNumbers<T extends { id: string }>(
  existing: Iterable<string>,
  newItems: readonly T[],
  scope: TCatalogueScope,
): { id: string; seq: number; number: string }[] {
  formatCatalogueNumber(scope, 1);
  const used = new Set<number>();
  for (const s of existing) {
    const p = parseCatalogueNumber(s);
    if (p && p.fonds === scope.fonds && p.year === scope.year && p.category === scope.category) used.add(p.seq);
  }
  const ids = new Set<string>();
  const out: { id: string; seq: number; number: string }[] = [];
  let n = 1;
  for (const item of newItems) {
    if (ids.has(item.id)) throw new RangeError(`档案条目重复：${item.id}`);
    ids.add(item.id);
    while (used.has(n)) n++;
    used.add(n);
    out.push({ id: item.id, seq: n, number: formatCatalogueNumber(scope, n) });
  }
  return out;
}
