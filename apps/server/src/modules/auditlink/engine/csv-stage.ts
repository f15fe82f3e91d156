import { isAscii, isUtf8 } from 'node:buffer';
import fs from 'node:fs/promises';
import type { TDatasetEncoding } from '@xc/domain/auditlink/schemas';
import iconv from 'iconv-lite';
import { DatasetFormatError } from './errors.ts';
import { isFastIdNo } from './id-fast.ts';
import type { Scratch } from './scratch.ts';
import { cleanHeaders, HEAD_RECORDS, type HeadRecord, idColumnsOf, pickHeader } from './stage-head.ts';

/**
 * The first leg of a CSV upload, streamed in the main thread as the bytes arrive: the encoding is
 * recognised (UTF-8 with or without BOM, or GB18030/GBK, by whether the bytes decode), the text is
 * written to a scratch file as UTF-8, and every record gets the number of the line it starts on as
 * an extra first field. DuckDB then parses that file in parallel; its error messages quote the
 * offending record, so the line a user is told about is the line in the file they uploaded. Title
 * rows above the header and blank lines are left out here, and the SM3 of the uploaded bytes is
 * taken on the way. For columns of 身份证号 the pass also appends a mark ('t') to every value in
 * the usual clean shape (see id-fast.ts), so the comparison never has to check it again: its key is
 * then its first 17 digits. A mark rather than the key itself: the key would add a column of
 * random 17-digit numbers to every stage after this one (the text DuckDB parses, the Parquet it
 * compresses, the bytes sealed with SM4, the memory the dataset takes), a third of the Parquet file.
 */
/** SM3 of the uploaded bytes, taken as they pass (by the engine's worker, off this thread). */
export interface Hasher {
  update(chunk: Buffer): Promise<void>;
  digest(): Promise<string>;
}

export interface StagedTable {
  encoding: TDatasetEncoding;
  /** Line (CSV) or sheet row (XLSX) the headers were read from. */
  headerRow: number;
  headers: string[];
  delimiter: string;
  /** Data records written (blank ones left out). */
  records: number;
  /** Columns (indices into headers) whose fast-path marks follow the data fields in each record. */
  idColumns: number[];
  /** Bytes uploaded. */
  bytes: number;
  /** SM3 of the uploaded bytes, hex. */
  checksum: string;
  /** The staged UTF-8 file: no header, the line number first in every record. */
  file: string;
}

/** Enough text to hold the title rows, the header and the records looked at with it. */
const HEAD_BYTES = 256 * 1024;
const OUT_BYTES = 4 * 1024 * 1024;
const PROGRESS_EVERY = 8 * 1024 * 1024;
const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** 't': DuckDB reads it as BOOLEAN true. */
const FAST_MARK = 0x74;

type Mode = 'undecided' | 'utf8' | 'gb18030';

/** Raw bytes in, UTF-8 out, the encoding decided from the first bytes that are not ASCII. */
class Transcoder {
  encoding: TDatasetEncoding = 'utf8';
  private mode: Mode = 'undecided';
  private carry: Buffer = Buffer.alloc(0);
  private decoder: { write(b: Buffer): string; end(): string | undefined } | null = null;
  private started = false;
  /** Set when the bytes cannot be read in the encoding found: the output stops before them. */
  bad = false;

  push(input: Buffer): Buffer {
    let chunk = input;
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        this.encoding = 'utf8bom';
        this.mode = 'utf8';
        chunk = chunk.subarray(3);
      } else if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
        throw new DatasetFormatError(
          '不支持 UTF-16 编码的文本文件，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx',
        );
    }
    if (this.mode === 'gb18030') return this.gb(chunk);
    const all = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.mode === 'undecided') {
      if (isAscii(all)) {
        this.carry = Buffer.alloc(0);
        return all;
      }
      let firstHigh = 0;
      while ((all[firstHigh] as number) < 0x80) firstHigh++;
      const rest = all.subarray(firstHigh);
      const end = completeUtf8Length(rest);
      if (end > 0 && isUtf8(rest.subarray(0, end))) this.mode = 'utf8';
      else if (end > 0 || rest.length >= 4) {
        this.mode = 'gb18030';
        this.encoding = 'gb18030';
        this.carry = Buffer.alloc(0);
        return Buffer.concat([all.subarray(0, firstHigh), this.gb(rest)]);
      } else {
        this.carry = Buffer.from(rest);
        return all.subarray(0, firstHigh);
      }
    }
    const end = completeUtf8Length(all);
    const body = all.subarray(0, end);
    this.carry = Buffer.from(all.subarray(end));
    if (isUtf8(body)) return body;
    this.bad = true;
    return body.subarray(0, firstInvalidUtf8(body));
  }

  end(): Buffer {
    if (this.mode === 'gb18030')
      return Buffer.from((this.decoder as { end(): string | undefined }).end() ?? '', 'utf8');
    if (this.carry.length) this.bad = true;
    return Buffer.alloc(0);
  }

  private gb(chunk: Buffer): Buffer {
    this.decoder ??= iconv.getDecoder('gb18030');
    const text = this.decoder.write(chunk);
    const replaced = text.indexOf('\uFFFD');
    if (replaced === -1) return Buffer.from(text, 'utf8');
    this.bad = true;
    return Buffer.from(text.slice(0, replaced), 'utf8');
  }
}

/** Length of `b` without a multi-byte sequence cut off at its end. */
function completeUtf8Length(b: Buffer): number {
  const n = b.length;
  for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
    const c = b[i] as number;
    if (c < 0x80) return n;
    if (c >= 0xc0) return i + (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) <= n ? n : i;
  }
  return n;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const n = (b[i] as number) < 0x80 ? 1 : (b[i] as number) >= 0xf0 ? 4 : (b[i] as number) >= 0xe0 ? 3 : 2;
    if (!isUtf8(b.subarray(i, i + n))) return i;
    i += n;
  }
  return b.length;
}

/** The records of the head text, parsed properly (quotes, doubled quotes, line breaks in cells). */
function parseHead(text: string, delimiter: string, complete: boolean): (HeadRecord & { end: number })[] {
  const out: (HeadRecord & { end: number })[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuote = false;
  let fieldStart = true;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length && out.length < HEAD_RECORDS * 2; i++) {
    const c = text[i] as string;
    if (inQuote) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuote = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && fieldStart) {
      inQuote = true;
      fieldStart = false;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStart = true;
    } else if (c === '\n') {
      fields.push(field.replace(/\r$/, ''));
      out.push({ line: recordLine, fields, end: i + 1 });
      fields = [];
      field = '';
      fieldStart = true;
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStart = false;
    }
  }
  if (complete && (field !== '' || fields.length)) {
    fields.push(field.replace(/\r$/, ''));
    out.push({ line: recordLine, fields, end: text.length });
  }
  return out.filter((r) => r.fields.some((f) => f.trim() !== '') || r.fields.length > 1);
}

/** The delimiter that splits the head into the most records of one width (comma when in doubt). */
function guessDelimiter(text: string, complete: boolean): string {
  let best = ',';
  let bestScore = 0;
  for (const d of [',', '\t', ';', '|']) {
    const widths = parseHead(text, d, complete)
      .slice(0, HEAD_RECORDS)
      .map((r) => r.fields.length);
    const freq = new Map<number, number>();
    for (const w of widths) freq.set(w, (freq.get(w) ?? 0) + 1);
    let score = 0;
    for (const [w, f] of freq) if (w > 1) score = Math.max(score, f * 1000 + w);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Scans UTF-8 records and writes them to the staged file, each preceded by its line number.
 * Knows where records end even with quoted line breaks, so the numbers stay those of the file.
 */
class RecordWriter {
  records = 0;
  line: number;
  private readonly delim: number;
  private out = Buffer.allocUnsafe(OUT_BYTES);
  private pos = 0;
  private readonly pending: Buffer[] = [];

  constructor(
    delimiter: string,
    startLine: number,
    private readonly emptyMax: number,
    private readonly idColumns: readonly number[],
    private readonly latestBirth: number,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.line = startLine;
  }

  /** Writes every complete record of `b` from `start`; returns where the incomplete rest begins. */
  scan(b: Buffer, start: number, final: boolean): number {
    let pos = start;
    let nextQuote = b.indexOf(QUOTE, pos);
    while (pos < b.length) {
      const nl = b.indexOf(NL, pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = b.indexOf(QUOTE, pos);
      if (nextQuote === -1 || (nl !== -1 && nextQuote > nl)) {
        if (nl === -1) {
          if (!final) return pos;
          this.emit(b, pos, b.length, this.line, true);
          return b.length;
        }
        this.emit(b, pos, nl, this.line, true);
        this.line++;
        pos = nl + 1;
        continue;
      }
      const end = this.quotedEnd(b, pos, final);
      if (end === -1) return pos;
      const recordLine = this.line;
      this.line += end.innerLines + (end.at < b.length ? 1 : 0);
      this.emit(b, pos, end.at, recordLine, false);
      pos = end.at + 1;
      nextQuote = b.indexOf(QUOTE, pos);
    }
    return pos;
  }

  /** End of the record starting at `pos` that contains a quote, or -1 when it goes past the buffer. */
  private quotedEnd(b: Buffer, pos: number, final: boolean): { at: number; innerLines: number } | -1 {
    let inQuote = false;
    let fieldStart = true;
    let inner = 0;
    for (let i = pos; i < b.length; i++) {
      const c = b[i] as number;
      if (inQuote) {
        if (c === QUOTE) {
          if (i + 1 >= b.length && !final) return -1;
          if (b[i + 1] === QUOTE) i++;
          else inQuote = false;
        } else if (c === NL) inner++;
      } else if (c === QUOTE && fieldStart) {
        inQuote = true;
        fieldStart = false;
      } else if (c === this.delim) fieldStart = true;
      else if (c === NL) return { at: i, innerLines: inner };
      else if (c !== CR) fieldStart = false;
    }
    if (!final) return -1;
    if (inQuote)
      throw new DatasetFormatError(
        `第 ${this.line} 行：引号没有闭合（从这一行开始的引号一直到文件末尾都没有结束）`,
        this.line,
      );
    return { at: b.length, innerLines: inner };
  }

  /** Writes one record; `plain` when it has no quotes, so its fields can be found by delimiter alone. */
  private emit(b: Buffer, start: number, end0: number, line: number, plain: boolean): void {
    const end = end0 > start && b[end0 - 1] === CR ? end0 - 1 : end0;
    if (end - start <= this.emptyMax && isEmptyRecord(b, start, end, this.delim)) return;
    const need = 12 + (end - start) + this.idColumns.length * 2 + 1;
    if (this.pos + need > this.out.length) {
      this.flushOut();
      if (need > this.out.length) this.out = Buffer.allocUnsafe(need);
    }
    const out = this.out;
    let p = writeInt(out, this.pos, line);
    out[p++] = this.delim;
    p += b.copy(out, p, start, end);
    // The mark of each 身份证号 column in the clean shape, or nothing.
    let col = 0;
    let from = plain ? start : -1;
    for (const k of this.idColumns) {
      out[p++] = this.delim;
      while (col < k && from !== -1) {
        const d = b.indexOf(this.delim, from);
        from = d === -1 || d >= end ? -1 : d + 1;
        col++;
      }
      if (from === -1) continue;
      const d = b.indexOf(this.delim, from);
      const to = d === -1 || d > end ? end : d;
      if (isFastIdNo(b, from, to, this.latestBirth)) out[p++] = FAST_MARK;
    }
    out[p++] = NL;
    this.pos = p;
    this.records++;
  }

  /** Sets the filled buffer aside for the file and starts a new one. */
  private flushOut(): void {
    if (this.pos === 0) return;
    this.pending.push(this.out.subarray(0, this.pos));
    this.out = Buffer.allocUnsafe(OUT_BYTES);
    this.pos = 0;
  }

  /** Writes what the scans produced; the current buffer is reused once its bytes are written. */
  async writeTo(fh: fs.FileHandle): Promise<void> {
    for (const part of this.pending.splice(0)) await fh.write(part);
    if (this.pos > 0) {
      await fh.write(this.out, 0, this.pos);
      this.pos = 0;
    }
  }
}

/** Writes the decimal digits of a positive integer at `pos`; returns the position after them. */
function writeInt(out: Buffer, pos: number, n: number): number {
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  let x = n;
  for (let i = pos + digits - 1; i >= pos; i--) {
    out[i] = 48 + (x % 10);
    x = Math.floor(x / 10);
  }
  return pos + digits;
}

function isEmptyRecord(b: Buffer, start: number, end: number, delim: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i] as number;
    if (c !== delim && c !== CR && c !== QUOTE && c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/**
 * Stages an uploaded CSV: `source` yields the raw bytes (the engine has already looked at the
 * first ones to tell CSV from XLSX). Throws DatasetFormatError for text it cannot read.
 */
export async function stageCsv(opts: {
  source: AsyncIterable<Buffer>;
  scratch: Scratch;
  hasher: Hasher;
  /** YYYYMMDD: 身份证号 with a later birth date are not plausible. */
  latestBirth: number;
  onProgress?: (bytes: number, rows: number) => void;
}): Promise<StagedTable> {
  const file = opts.scratch.create('csv');
  const fh = await fs.open(file, 'w');
  const tc = new Transcoder();
  let bytes = 0;
  let nextProgress = PROGRESS_EVERY;
  let head: Buffer[] = [];
  let headLength = 0;
  let writer: RecordWriter | null = null;
  let rest: Buffer = Buffer.alloc(0);
  let headerInfo: { headerRow: number; headers: string[]; delimiter: string; idColumns: number[] } | null = null;

  const encodingError = (line: number) =>
    new DatasetFormatError(
      tc.encoding === 'gb18030'
        ? `第 ${line} 行含有无法识别的字符：文件不是有效的 GB18030/GBK 编码`
        : `第 ${line} 行含有无法识别的字符：文件前面是 UTF-8 编码，这里却不是，请检查文件编码`,
      line,
    );

  const breaks = (b: Buffer) => {
    let n = 0;
    for (let i = b.indexOf(NL); i !== -1; i = b.indexOf(NL, i + 1)) n++;
    return n;
  };
  /** The line the scan has reached, unconsumed bytes included: where unreadable bytes were met. */
  const currentLine = () => {
    const w = writer as RecordWriter | null;
    return w ? w.line + breaks(rest) : 1 + head.reduce((n, b) => n + breaks(b), 0);
  };

  const startBody = (text: Buffer, final: boolean) => {
    const decoded = text.toString('utf8');
    const delimiter = guessDelimiter(decoded, final);
    const records = parseHead(decoded, delimiter, final);
    const h = pickHeader(records.slice(0, HEAD_RECORDS));
    if (h === -1) throw new DatasetFormatError('文件中没有数据');
    const header = records[h] as HeadRecord & { end: number };
    const headers = cleanHeaders(header.fields);
    const idColumns = idColumnsOf(headers, records.slice(h + 1, h + 1 + HEAD_RECORDS));
    headerInfo = { headerRow: header.line, headers, delimiter, idColumns };
    const innerBreaks = header.fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const bodyLine = header.line + innerBreaks + 1;
    writer = new RecordWriter(delimiter, bodyLine, headers.length * 4 + 2, idColumns, opts.latestBirth);
    return Buffer.byteLength(decoded.slice(0, header.end), 'utf8');
  };

  const feed = async (utf8: Buffer, final: boolean) => {
    if (!writer) {
      if (utf8.length) {
        head.push(utf8);
        headLength += utf8.length;
      }
      if (headLength < HEAD_BYTES && !final) return;
      const all = Buffer.concat(head);
      head = [];
      const start = startBody(all, final);
      rest = all.subarray(start);
    } else rest = rest.length ? Buffer.concat([rest, utf8]) : utf8;
    const w = writer as RecordWriter;
    const used = w.scan(rest, 0, final);
    rest = Buffer.from(rest.subarray(used));
    await w.writeTo(fh);
  };

  try {
    for await (const chunk of opts.source) {
      bytes += chunk.length;
      await opts.hasher.update(chunk);
      const utf8 = tc.push(chunk);
      await feed(utf8, false);
      if (tc.bad) throw encodingError(currentLine());
      if (bytes >= nextProgress) {
        nextProgress += PROGRESS_EVERY;
        opts.onProgress?.(bytes, (writer as RecordWriter | null)?.records ?? 0);
      }
    }
    if (bytes === 0) throw new DatasetFormatError('文件是空的');
    const tail = tc.end();
    if (tc.bad) throw encodingError(currentLine());
    await feed(tail, true);
  } catch (e) {
    await fh.close();
    await fs.rm(file, { force: true });
    throw e;
  }
  await fh.close();
  const w = writer as RecordWriter | null;
  const info = headerInfo as { headerRow: number; headers: string[]; delimiter: string; idColumns: number[] } | null;
  if (!w || !info) throw new DatasetFormatError('文件中没有数据');
  if (w.records === 0) {
    await fs.rm(file, { force: true });
    throw new DatasetFormatError('文件中只有表头，没有数据行');
  }
  opts.onProgress?.(bytes, w.records);
  return { encoding: tc.encoding, ...info, records: w.records, bytes, checksum: await opts.hasher.digest(), file };
}
