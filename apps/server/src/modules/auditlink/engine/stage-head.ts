import { inferColumnType, logicalColumnOf } from '@xc/domain/auditlink/columns';

/**
 * Reading the top of a table the way departments produce them: a title row (「2024年城乡低保发放
 * 花名册」) and sometimes a row of group headings sit above the real header, and the header cells
 * may hold line breaks, stars for required fields, or nothing at all.
 */

/** Records at the top of a file looked at to find the header. */
export const HEAD_RECORDS = 30;

/** The name of the line-number column the staged files and the stored Parquet carry. */
export const ROW_COLUMN = '_row';

export interface HeadRecord {
  /** Line (CSV) or sheet row (XLSX) the record starts on, 1-based. */
  line: number;
  fields: string[];
}

const nonEmpty = (r: HeadRecord) => r.fields.filter((f) => f.trim() !== '').length;

/**
 * The header among the first records: the first one filled at least to 60% of the fullest record
 * (and with two cells or more), which passes over title rows and group headings but not a header
 * with a few unnamed columns. -1 when every record is empty.
 */
export function pickHeader(records: readonly HeadRecord[]): number {
  const counts = records.map(nonEmpty);
  const max = Math.max(0, ...counts);
  if (max === 0) return -1;
  const need = max === 1 ? 1 : Math.max(2, Math.ceil(max * 0.6));
  return counts.findIndex((c) => c >= need);
}

/**
 * Column names from header cells: NFC, zero-width characters dropped, line breaks and runs of
 * spaces made one space, trimmed; an empty cell becomes 列N, and a repeated name gets (2), (3)….
 * Names starting with an underscore are the engine's own and get a 列 prefix. Names differ in more than case.
 */
export function cleanHeaders(cells: readonly string[]): string[] {
  const used = new Set<string>();
  return cells.map((c, i) => {
    let name = String(c ?? '')
      .normalize('NFC')
      .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200);
    if (name === '') name = `列${i + 1}`;
    if (name.startsWith('_')) name = `列${name}`;
    // DuckDB compares column names case-insensitively, so 'ID' and 'id' must differ in more than case.
    let unique = name;
    for (let n = 2; used.has(unique.toLowerCase()); n++) unique = `${name}(${n})`;
    used.add(unique.toLowerCase());
    return unique;
  });
}

/** The CSV field for `value`, quoted when it must be (RFC 4180). */
export function csvField(value: string, delimiter: string): string {
  if (value === '') return '';
  if (value.includes('"') || value.includes(delimiter) || value.includes('\n') || value.includes('\r'))
    return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/**
 * The columns holding 身份证号: named like one (身份证号, 公民身份号码 …) or, whatever their name,
 * filled with them in the records under the header. Their values in the clean shape are marked while staging.
 */
export function idColumnsOf(headers: readonly string[], sample: readonly HeadRecord[]): number[] {
  return headers
    .map((h, i) =>
      logicalColumnOf(h) === 'idNo' || inferColumnType(sample.map((r) => r.fields[i])) === 'idNo' ? i : -1,
    )
    .filter((i) => i >= 0);
}
