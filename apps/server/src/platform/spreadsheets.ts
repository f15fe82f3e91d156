import { AppError, ErrorCode, type TImportRowError } from '@xc/domain';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { auditExport } from './audit.ts';
import type { AppDeps, RequestCtx } from './context.ts';
import { cryptoProvider } from './crypto.ts';

/** Who exported what, printed on the sheet and stored in the file properties (security.md, Reliability). */
export interface ExportStamp {
  exporterName: string;
  at: Date;
  serial: string;
}

export function newExportSerial(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `DC${d}-${cryptoProvider.randomToken(6).replace(/[-_]/g, 'X').toUpperCase()}`;
}

/** Cells starting with = + - @ (or tab/CR) would run as formulas in Excel; prefix them with a quote. */
export function neutralizeFormula(v: unknown): unknown {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

/** One-sheet xlsx with a stamp line above the header, an auto filter and frozen header. */
export async function buildXlsx<T>(opts: {
  sheetName: string;
  title: string;
  columns: SheetColumn<T>[];
  rows: Iterable<T>;
  stamp: ExportStamp;
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const stampText = `导出人：${opts.stamp.exporterName}　导出时间：${fmt(opts.stamp.at)}　流水号：${opts.stamp.serial}`;
  wb.creator = opts.stamp.exporterName;
  wb.created = opts.stamp.at;
  wb.title = opts.title;
  wb.subject = opts.stamp.serial;
  wb.description = stampText;
  wb.keywords = opts.stamp.serial;
  const ws = wb.addWorksheet(opts.sheetName, {
    headerFooter: { oddHeader: `&C${opts.title}`, oddFooter: `&L${stampText}&R第 &P 页，共 &N 页` },
  });
  ws.addRow([opts.title]).font = { bold: true, size: 14 };
  ws.addRow([stampText]).font = { color: { argb: 'FF888888' }, size: 9 };
  const header = ws.addRow(opts.columns.map((c) => c.header));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  opts.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? 16;
  });
  for (const r of opts.rows) ws.addRow(opts.columns.map((c) => neutralizeFormula(c.value(r) ?? '')));
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: opts.columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function fmt(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Look at the zip's central directory before any parser inflates it: a zip bomb or a file that is
 * not a zip at all is refused at once (422) instead of eating memory.
 */
export function inspectZip(
  buf: Buffer,
  limits = { maxEntries: 2_000, maxUncompressed: 200 * 1024 * 1024, maxRatio: 200 },
): void {
  const bad = (m: string) => new AppError(ErrorCode.Unprocessable, m);
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw bad('文件不是有效的 Excel（.xlsx）文件');
  const min = Math.max(0, buf.length - 22 - 65_535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw bad('文件已损坏，无法读取');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw bad('文件格式不受支持（ZIP64）');
  if (entries > limits.maxEntries) throw bad('文件包含的条目过多，疑似恶意文件');
  if (cdOffset + cdSize > buf.length) throw bad('文件已损坏，无法读取');
  let p = cdOffset;
  let total = 0;
  let compressed = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw bad('文件已损坏，无法读取');
    compressed += buf.readUInt32LE(p + 20);
    total += buf.readUInt32LE(p + 24);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (
    total > limits.maxUncompressed ||
    (compressed > 0 && total / compressed > limits.maxRatio && total > 10 * 1024 * 1024)
  )
    throw bad('文件解压后体积过大，疑似恶意文件');
}

export async function readXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  inspectZip(buf);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError(ErrorCode.Unprocessable, '文件不是有效的 Excel（.xlsx）文件');
  }
  return wb;
}

/** A cell's value as plain text: rich text, hyperlinks, formulas' results and dates flattened. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return new Date(v.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

/**
 * An import sheet's rows by the template's columns, found by their header wherever they stand;
 * refused, saying which are missing, when the file is not from the template. `cells(r)` gives row
 * r's cells in the template's order as trimmed text; data rows run from 2 to `lastRow`.
 */
export function importColumns(ws: ExcelJS.Worksheet | undefined, columns: readonly string[]) {
  if (!ws) throw new AppError(ErrorCode.Unprocessable, '文件中没有工作表');
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v).trim());
  const cols = columns.map((c) => header.indexOf(c));
  const missing = columns.filter((_, i) => (cols[i] as number) < 0);
  if (missing.length)
    throw new AppError(ErrorCode.Unprocessable, `表头缺少列：${missing.join('、')}。请使用下载的导入模板。`);
  const cells = (r: number): string[] => {
    const values = ws.getRow(r).values as ExcelJS.CellValue[];
    return cols.map((c) => cellText(values[c + 1] ?? null).trim());
  };
  return { lastRow: ws.rowCount, cells };
}

/** A row left empty, or the template's example row, is not imported. */
export function skippedImportRow(raw: string[]): boolean {
  return raw.every((v) => v === '') || !!raw[0]?.startsWith('示例：');
}

/** Every row is checked first; one bad row and nothing is written, and the user gets every error. */
export function refuseInvalidImport(errors: TImportRowError[], rowsRead: number): void {
  if (!rowsRead && !errors.length) throw new AppError(ErrorCode.Unprocessable, '文件中没有可导入的数据行');
  if (errors.length)
    throw new AppError(ErrorCode.ImportInvalid, `校验未通过：共${errors.length}处错误，未导入任何数据`, {
      errors: errors.sort((a, b) => a.row - b.row),
      totalRows: rowsRead + new Set(errors.map((e) => e.row)).size,
    });
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function attachmentName(name: string): string {
  const ext = name.match(/\.(\w+)$/)?.[1] ?? 'bin';
  return `attachment; filename="export.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A ledger the caller exports: a fresh serial, printed on the sheet and in the file name, and the
 * audit line that names it (security.md, Reliability).
 */
export async function exportXlsx<T>(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  ctx: RequestCtx,
  file: {
    /** The audit action and its detail; the serial is the audited object. */
    action: string;
    detail: Record<string, unknown>;
    name: (serial: string) => string;
    sheetName: string;
    title: string;
    columns: SheetColumn<T>[];
    rows: Iterable<T>;
  },
): Promise<{ data: Buffer; serial: string; name: string }> {
  const now = deps.clock.now();
  const serial = newExportSerial(now);
  const { action, detail, name, ...sheet } = file;
  const buf = await buildXlsx({ ...sheet, stamp: { exporterName: ctx.actor.displayName, at: now, serial } });
  await auditExport(deps.db, ctx, now, action, serial, detail);
  return { data: buf, serial, name: name(serial) };
}

/** Send a generated file as a download with its Chinese name (RFC 5987). */
export function sendDownload(reply: FastifyReply, mime: string, name: string, buf: Buffer) {
  return reply.header('content-type', mime).header('content-disposition', attachmentName(name)).send(buf);
}
