import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { DatasetFormatError } from './errors.ts';
import { fastIdKeyOf } from './id-fast.ts';
import { cleanHeaders, csvField, HEAD_RECORDS, type HeadRecord, idColumnsOf, pickHeader } from './stage-head.ts';

/**
 * Turns the first worksheet of an uploaded .xlsx (already in a scratch file) into a staged CSV like
 * csv-stage's: UTF-8, no header, each record led by its sheet row number. Read with exceljs's
 * streaming reader, so a sheet of a million rows never sits in memory whole. Runs in the engine's
 * worker, whose TMPDIR is the scratch folder: exceljs parks worksheets that come before the shared
 * strings in temporary files, and those hold personal data too.
 */

const LIMITS = { maxEntries: 10_000, maxUncompressed: 4 * 1024 ** 3, maxRatio: 200 };
const OUT_BYTES = 1024 * 1024;

/**
 * Looks at the zip's central directory before anything inflates it: a zip bomb, a ZIP64 file or
 * something that is not a zip at all is refused at once.
 */
export function inspectZipFile(file: string): void {
  const bad = (m: string) => new DatasetFormatError(m);
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const magic = Buffer.alloc(4);
    fs.readSync(fd, magic, 0, 4, 0);
    if (size < 22 || magic.readUInt32LE(0) !== 0x04034b50) throw bad('文件不是有效的 Excel（.xlsx）文件');
    const tailLength = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(tailLength);
    fs.readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    if (eocd < 0) throw bad('Excel 文件已损坏，无法读取');
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdOffset === 0xffffffff)
      throw bad('Excel 文件格式不受支持（ZIP64），请另存为 CSV 后上传');
    if (entries > LIMITS.maxEntries) throw bad('Excel 文件包含的条目过多，疑似恶意文件');
    if (cdOffset + cdSize > size) throw bad('Excel 文件已损坏，无法读取');
    const cd = Buffer.alloc(cdSize);
    fs.readSync(fd, cd, 0, cdSize, cdOffset);
    let p = 0;
    let total = 0;
    let compressed = 0;
    for (let n = 0; n < entries; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw bad('Excel 文件已损坏，无法读取');
      compressed += cd.readUInt32LE(p + 20);
      total += cd.readUInt32LE(p + 24);
      p += 46 + cd.readUInt16LE(p + 28) + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    if (
      total > LIMITS.maxUncompressed ||
      (compressed > 0 && total / compressed > LIMITS.maxRatio && total > 64 * 1024 ** 2)
    )
      throw bad('Excel 文件解压后体积过大，疑似恶意文件');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A cell as the text a person sees. Dates are Excel's wall-clock values (exceljs hands them over
 * as UTC), so they are printed from their UTC fields, never through a time zone. Numbers keep the
 * 15 significant digits Excel keeps; an integer of 16 digits or more has already lost its last
 * digits inside Excel and is written the way Excel shows it (1.10105194912310E+17), so a 身份证号
 * stored as a number is reported as such instead of matching someone else.
 */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    const time = iso.slice(11, 19);
    return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    if (Number.isInteger(v) && Math.abs(v) >= 1e15) return v.toExponential(14).toUpperCase().replace(/E\+?/, 'E+');
    return String(Number(v.toPrecision(15)));
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) return String(v.error);
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  if ('text' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue);
  return '';
}

function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values as ExcelJS.CellValue[];
  const out: string[] = [];
  for (let i = 1; i < values.length; i++) out.push(cellText(values[i] ?? null));
  while (out.length && out[out.length - 1]?.trim() === '') out.pop();
  return out;
}

export interface StagedSheet {
  headerRow: number;
  headers: string[];
  records: number;
  idColumns: number[];
}

/**
 * Writes the staged CSV of the first worksheet to `out` (comma-separated). Throws DatasetFormatError
 * for a file exceljs cannot read, a sheet without data, or a row with content right of the header.
 */
export async function stageXlsx(opts: {
  file: string;
  out: string;
  /** YYYYMMDD: 身份证号 with a later birth date are not plausible. */
  latestBirth: number;
  onRows?: (rows: number) => void;
}): Promise<StagedSheet> {
  inspectZipFile(opts.file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(opts.file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const fd = fs.openSync(opts.out, 'w');
  let buf = '';
  const flush = () => {
    if (buf) fs.writeSync(fd, buf);
    buf = '';
  };
  const head: HeadRecord[] = [];
  let header: { headerRow: number; headers: string[]; idColumns: number[] } | null = null;
  let records = 0;
  const write = (line: number, cells: string[]) => {
    if (cells.every((c) => c.trim() === '')) return;
    const h = header as { headerRow: number; headers: string[]; idColumns: number[] };
    if (cells.length > h.headers.length) {
      const col = columnLetter(cells.length);
      throw new DatasetFormatError(
        `第 ${line} 行在表头以外的 ${col} 列还有内容，请删除多余内容或补上表头后重新上传`,
        line,
      );
    }
    buf += String(line);
    for (let i = 0; i < h.headers.length; i++) buf += `,${csvField(cells[i] ?? '', ',')}`;
    for (const k of h.idColumns) buf += fastIdKeyOf(cells[k] ?? '', opts.latestBirth) === null ? ',' : ',t';
    buf += '\n';
    records++;
    if (buf.length >= OUT_BYTES) {
      flush();
      opts.onRows?.(records);
    }
  };
  const decideHeader = () => {
    const h = pickHeader(head);
    if (h === -1) throw new DatasetFormatError('工作表中没有数据');
    const row = head[h] as HeadRecord;
    const headers = cleanHeaders(row.fields);
    header = { headerRow: row.line, headers, idColumns: idColumnsOf(headers, head.slice(h + 1)) };
    for (const r of head.slice(h + 1)) write(r.line, r.fields);
  };
  try {
    try {
      // Every sheet is iterated to the end, the later ones without reading their rows: exceljs
      // removes the temporary files it parked sheets in only when the iteration goes on past them.
      let first = true;
      for await (const sheet of reader) {
        if (!first) continue;
        first = false;
        for await (const row of sheet) {
          const cells = rowCells(row);
          if (header) write(row.number, cells);
          else {
            if (cells.length) head.push({ line: row.number, fields: cells });
            if (head.length >= HEAD_RECORDS) decideHeader();
          }
        }
      }
    } catch (e) {
      if (e instanceof DatasetFormatError) throw e;
      throw new DatasetFormatError('文件不是有效的 Excel（.xlsx）文件，或已损坏');
    }
    if (!header) decideHeader();
    flush();
  } finally {
    fs.closeSync(fd);
  }
  if (records === 0) throw new DatasetFormatError('工作表中只有表头，没有数据行');
  const h = header as unknown as { headerRow: number; headers: string[]; idColumns: number[] };
  return { ...h, records };
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
