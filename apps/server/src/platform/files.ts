import { crc32, inflateSync } from 'node:zlib';
import { detectFileKind, type TFileKind } from '@xc/domain';

/**
 * What an uploaded file really is, rewritten so that only what that kind needs is kept
 * (issue 10, item 5). The first bytes choose the kind (the domain's allow-list); then the whole
 * file is walked as that format: images keep their image data and lose their metadata (EXIF with
 * its GPS position and capture time, XMP, comments, text chunks) and whatever follows their end
 * marker; videos keep their box structure with the metadata boxes blanked in place; PDFs and
 * Office files are checked and refused when they carry active content. A file that does not
 * parse as the kind its first bytes claim is refused: a JPEG header in front of an HTML page is
 * not a photo.
 */
export interface CleanFile {
  kind: TFileKind;
  mime: string;
  ext: string;
  data: Buffer;
}

/** Why a file was refused, in Chinese, for the 415 the uploader reads. */
export class FileRefused extends Error {}

function refuse(reason: string): never {
  throw new FileRefused(reason);
}

export function cleanFile(input: Buffer): CleanFile {
  const kind = detectFileKind(input.subarray(0, 4100));
  if (!kind) refuse('的格式不被接受：只能上传照片（JPG、PNG、HEIC 等）、视频（MP4、MOV）、PDF 或 Word/Excel 文档');
  try {
    return cleanAs(kind, input);
  } catch (e) {
    // A length field pointing past the end reads out of the buffer: a damaged or forged file.
    if (e instanceof RangeError) refuse('的文件结构不完整');
    throw e;
  }
}

function cleanAs(kind: { kind: TFileKind; mime: string; ext: string }, input: Buffer): CleanFile {
  switch (kind.ext) {
    case 'jpg':
      return { ...kind, data: cleanJpeg(input) };
    case 'png':
      return { ...kind, data: cleanPng(input) };
    case 'gif':
      return { ...kind, data: cleanGif(input) };
    case 'webp':
      return { ...kind, data: cleanWebp(input) };
    case 'heic':
    case 'mp4':
    case 'mov':
      return { ...kind, data: cleanIsoMedia(input, kind.ext === 'heic') };
    case 'pdf':
      checkPdf(input);
      return { ...kind, data: input };
    case 'docx':
    case 'xlsx':
      return { kind: 'document', ...checkOoxml(input), data: input };
    case 'doc':
      return { kind: 'document', ...checkOle(input), data: input };
    default:
      refuse('的格式不被接受');
  }
}

const ascii = (b: Buffer, from: number, to: number) => b.toString('latin1', from, to);

// ---------------------------------------------------------------- JPEG

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic); C4, C8 and CC are not frames. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** Tables and restart interval a decoder needs: DHT, DAC, DQT, DRI, DNL. */
const JPEG_TABLES = new Set([0xc4, 0xcc, 0xdb, 0xdd, 0xdc]);

/**
 * Keeps SOI, the tables, the frame, the scans with their entropy-coded data and EOI; drops every
 * APPn (EXIF, XMP, ICC, JFIF thumbnails, vendor data) except Adobe's APP14 colour-transform flag,
 * comments, and anything after EOI. The EXIF orientation survives as a generated one-tag EXIF,
 * so a phone photo is not shown sideways once its metadata is gone.
 */
export function cleanJpeg(b: Buffer): Buffer {
  const out: Buffer[] = [Buffer.from([0xff, 0xd8])];
  let p = 2;
  let frame = false;
  let scan = false;
  let orientation = 1;
  for (;;) {
    if (p + 2 > b.length) refuse('的图片数据不完整');
    if (b[p] !== 0xff) refuse('不是有效的 JPEG 图片');
    while (b[p + 1] === 0xff) p++;
    const m = b[p + 1] as number;
    p += 2;
    if (m === 0xd9) {
      out.push(Buffer.from([0xff, 0xd9]));
      break;
    }
    if (m === 0x00 || m === 0x01 || m === 0xd8 || (m >= 0xd0 && m <= 0xd7)) refuse('不是有效的 JPEG 图片');
    if (p + 2 > b.length) refuse('的图片数据不完整');
    const len = b.readUInt16BE(p);
    if (len < 2 || p + len > b.length) refuse('的图片数据不完整');
    const segment = b.subarray(p - 2, p + len);
    const body = b.subarray(p + 2, p + len);
    p += len;
    if (m >= 0xe0 && m <= 0xef) {
      if (m === 0xe1 && ascii(body, 0, 6) === 'Exif\0\0')
        orientation = exifOrientation(body.subarray(6)) ?? orientation;
      if (m === 0xee && ascii(body, 0, 5) === 'Adobe' && len === 14) out.push(segment);
      continue;
    }
    if (m === 0xfe) continue;
    if (isSof(m)) {
      if (frame) refuse('不是有效的 JPEG 图片');
      frame = true;
      out.push(segment);
    } else if (JPEG_TABLES.has(m)) out.push(segment);
    else if (m === 0xda) {
      if (!frame) refuse('不是有效的 JPEG 图片');
      out.push(segment);
      const end = entropyEnd(b, p);
      out.push(b.subarray(p, end));
      p = end;
      scan = true;
    } else refuse('含有不支持的 JPEG 段');
  }
  if (!frame || !scan) refuse('不是完整的 JPEG 图片');
  if (orientation !== 1) out.splice(1, 0, orientationExif(orientation));
  return Buffer.concat(out);
}

/** Entropy-coded data ends at the first marker that is neither a stuffed 0xFF00 nor a restart. */
function entropyEnd(b: Buffer, from: number): number {
  let q = from;
  for (;;) {
    q = b.indexOf(0xff, q);
    if (q < 0 || q + 1 >= b.length) refuse('的图片数据不完整');
    const n = b[q + 1] as number;
    if (n === 0x00 || (n >= 0xd0 && n <= 0xd7) || n === 0xff) q += n === 0xff ? 1 : 2;
    else return q;
  }
}

/** Orientation (tag 0x0112) of IFD0 in a TIFF structure, or null. */
function exifOrientation(tiff: Buffer): number | null {
  if (tiff.length < 8) return null;
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > tiff.length) return null;
    if (u16(e) === 0x0112 && u16(e + 2) === 3) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** APP1 with an EXIF block holding the orientation and nothing else. */
function orientationExif(v: number): Buffer {
  const b = Buffer.alloc(2 + 2 + 6 + 8 + 2 + 12 + 4);
  b.writeUInt16BE(0xffe1, 0);
  b.writeUInt16BE(b.length - 2, 2);
  b.write('Exif\0\0', 4, 'latin1');
  b.write('MM\0*', 10, 'latin1');
  b.writeUInt32BE(8, 14);
  b.writeUInt16BE(1, 18);
  b.writeUInt16BE(0x0112, 20);
  b.writeUInt16BE(3, 22);
  b.writeUInt32BE(1, 24);
  b.writeUInt16BE(v, 28);
  return b;
}

// ---------------------------------------------------------------- PNG

/** Ancillary chunks that only say how to show the pixels (and APNG's frames); everything else goes. */
const PNG_KEPT = new Set(['tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs', 'hIST', 'acTL', 'fcTL', 'fdAT']);
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Inflated image data above this is refused rather than held in memory (a 60 MP RGBA photo is ~240 MB). */
const PNG_MAX_RAW = 256 * 1024 * 1024;

/**
 * Keeps IHDR, PLTE, IDAT, IEND and the display chunks above; drops text (tEXt, iTXt, zTXt),
 * eXIf, tIME, ICC profiles, private chunks and anything after IEND. Every chunk's CRC is checked,
 * and the image data must inflate to exactly the size the header announces.
 */
export function cleanPng(b: Buffer): Buffer {
  const out: Buffer[] = [b.subarray(0, 8)];
  const idat: Buffer[] = [];
  let p = 8;
  let header: { w: number; h: number; depth: number; color: number; interlace: number } | null = null;
  let idatDone = false;
  for (;;) {
    if (p + 12 > b.length) refuse('的图片数据不完整');
    const len = b.readUInt32BE(p);
    if (len > 0x7fffffff || p + 12 + len > b.length) refuse('的图片数据不完整');
    const type = ascii(b, p + 4, p + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) refuse('不是有效的 PNG 图片');
    const chunk = b.subarray(p, p + 12 + len);
    const data = b.subarray(p + 8, p + 8 + len);
    if (crc32(b.subarray(p + 4, p + 8 + len)) !== b.readUInt32BE(p + 8 + len)) refuse('的图片数据已损坏（校验和不符）');
    p += 12 + len;
    if (!header) {
      if (type !== 'IHDR' || len !== 13) refuse('不是有效的 PNG 图片');
      header = {
        w: data.readUInt32BE(0),
        h: data.readUInt32BE(4),
        depth: data[8] as number,
        color: data[9] as number,
        interlace: data[12] as number,
      };
      if (!header.w || !header.h || PNG_CHANNELS[header.color] === undefined || header.interlace > 1)
        refuse('不是有效的 PNG 图片');
      out.push(chunk);
      continue;
    }
    if (type === 'IEND') {
      out.push(chunk);
      break;
    }
    if (type === 'IDAT') {
      if (idatDone) refuse('不是有效的 PNG 图片');
      idat.push(data);
      out.push(chunk);
      continue;
    }
    if (idat.length) idatDone = true;
    if (type === 'PLTE' || PNG_KEPT.has(type)) out.push(chunk);
    else if ((type.charCodeAt(0) & 0x20) === 0) refuse('含有不支持的 PNG 数据块');
  }
  if (!header || !idat.length) refuse('不是完整的 PNG 图片');
  const expected = pngRawSize(header.w, header.h, PNG_CHANNELS[header.color] as number, header.depth, header.interlace);
  if (expected > PNG_MAX_RAW) refuse('的图片尺寸过大');
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch {
    refuse('的图片数据已损坏');
  }
  if (raw.length !== expected) refuse('的图片数据与尺寸不符');
  return Buffer.concat(out);
}

/** Bytes of filtered scanlines: one filter byte per row, per Adam7 pass when interlaced. */
function pngRawSize(w: number, h: number, channels: number, depth: number, interlace: number): number {
  const row = (width: number) => 1 + Math.ceil((width * channels * depth) / 8);
  if (!interlace) return h * row(w);
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  let n = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((w - x0) / dx);
    const ph = Math.ceil((h - y0) / dy);
    if (pw > 0 && ph > 0) n += ph * row(pw);
  }
  return n;
}

// ---------------------------------------------------------------- GIF

/**
 * Keeps the header, colour tables, images and graphic-control extensions (frame timing) and the
 * looping extension of animations; drops comments, plain-text and other application extensions
 * (XMP travels in one), and stops at the trailer.
 */
export function cleanGif(b: Buffer): Buffer {
  if (b.length < 13) refuse('的图片数据不完整');
  const packed = b[10] as number;
  let p = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  const out: Buffer[] = [b.subarray(0, p)];
  let images = 0;
  const blocks = (from: number): number => {
    let q = from;
    for (;;) {
      if (q >= b.length) refuse('的图片数据不完整');
      const n = b[q] as number;
      q += 1 + n;
      if (n === 0) return q;
    }
  };
  for (;;) {
    if (p >= b.length) refuse('的图片数据不完整');
    const t = b[p];
    if (t === 0x3b) {
      out.push(Buffer.from([0x3b]));
      break;
    }
    if (t === 0x21) {
      const label = b[p + 1];
      const end = blocks(p + 2);
      const loop =
        label === 0xff &&
        b[p + 2] === 11 &&
        ['NETSCAPE2.0', 'ANIMEXTS1.0'].includes(ascii(b, p + 3, p + 14)) &&
        b[p + 14] === 3 &&
        b[p + 15] === 1 &&
        end === p + 19;
      if (label === 0xf9 || loop) out.push(b.subarray(p, end));
      p = end;
    } else if (t === 0x2c) {
      if (p + 10 > b.length) refuse('的图片数据不完整');
      const lp = b[p + 9] as number;
      const tables = lp & 0x80 ? 3 * 2 ** ((lp & 7) + 1) : 0;
      const codeSize = b[p + 10 + tables];
      if (codeSize === undefined || codeSize < 1 || codeSize > 11) refuse('不是有效的 GIF 图片');
      const end = blocks(p + 11 + tables);
      out.push(b.subarray(p, end));
      images++;
      p = end;
    } else refuse('不是有效的 GIF 图片');
  }
  if (!images) refuse('不是完整的 GIF 图片');
  return Buffer.concat(out);
}

// ---------------------------------------------------------------- WebP

const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);

/**
 * A RIFF of image chunks only (VP8, VP8L, VP8X with ALPH, and animation frames): EXIF, XMP, ICC
 * and unknown chunks are dropped and VP8X's flags no longer announce them; bytes after the RIFF
 * are dropped.
 */
export function cleanWebp(b: Buffer): Buffer {
  if (b.length < 20) refuse('的图片数据不完整');
  const size = b.readUInt32LE(4);
  if (size < 4 || size + 8 > b.length) refuse('的图片数据不完整');
  const end = 8 + size;
  const chunks: Buffer[] = [];
  let p = 12;
  let first = true;
  while (p < end) {
    if (p + 8 > end) refuse('不是有效的 WebP 图片');
    const type = ascii(b, p, p + 4);
    const len = b.readUInt32LE(p + 4);
    const next = p + 8 + len + (len & 1);
    if (p + 8 + len > end) refuse('的图片数据不完整');
    if (first && !['VP8 ', 'VP8L', 'VP8X'].includes(type)) refuse('不是有效的 WebP 图片');
    first = false;
    if (WEBP_KEPT.has(type)) {
      const chunk = Buffer.from(b.subarray(p, Math.min(next, end)));
      if (type === 'VP8X') {
        if (len < 10) refuse('不是有效的 WebP 图片');
        chunk[8] = (chunk[8] as number) & ~(0x20 | 0x08 | 0x04);
      }
      if (type === 'VP8 ' && (len < 10 || chunk[11] !== 0x9d || chunk[12] !== 0x01 || chunk[13] !== 0x2a))
        refuse('不是有效的 WebP 图片');
      if (type === 'VP8L' && (len < 5 || chunk[8] !== 0x2f)) refuse('不是有效的 WebP 图片');
      chunks.push(chunk.length & 1 ? Buffer.concat([chunk, Buffer.alloc(1)]) : chunk);
    }
    p = next;
  }
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

// ---------------------------------------------------------------- HEIC, MP4, MOV (ISO base media)

interface Box {
  type: string;
  start: number;
  /** Where the payload starts (after size, type and any 64-bit size). */
  body: number;
  end: number;
}

function boxesIn(b: Buffer, from: number, to: number): Box[] {
  const out: Box[] = [];
  let p = from;
  while (p < to) {
    if (p + 8 > to) refuse('的文件结构不完整');
    let size = b.readUInt32BE(p);
    const type = ascii(b, p + 4, p + 8);
    let body = p + 8;
    if (size === 1) {
      if (p + 16 > to) refuse('的文件结构不完整');
      size = Number(b.readBigUInt64BE(p + 8));
      body = p + 16;
    } else if (size === 0) size = to - p;
    if (size < body - p || p + size > to) refuse('的文件结构不完整');
    out.push({ type, start: p, body, end: p + size });
    p += size;
  }
  return out;
}

/** A box turned into `free` with its payload zeroed: its size, and every offset after it, stay. */
function blank(b: Buffer, box: Box): void {
  b.write('free', box.start + 4, 'latin1');
  b.fill(0, box.body, box.end);
}

/** XMP in a `uuid` box (Adobe's UUID). */
const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';

/**
 * The boxes must tile the file exactly (nothing before the first or after the last). Metadata is
 * removed in place so that no sample offset moves: `udta` (QuickTime's ©xyz location, ©day, the
 * device) and `meta` (Apple's keys, including com.apple.quicktime.location.ISO6709) of the movie
 * and its tracks become `free`; creation and modification times of the movie, tracks and media
 * are zeroed; in HEIC, the bytes of `Exif` items and XMP (`mime` items of RDF/XML) are zeroed.
 * Not stripped: sample data itself (frames are not decoded), and HEIC metadata items stored by
 * item reference (construction method 2) or with an open-ended extent — phones write neither.
 */
export function cleanIsoMedia(input: Buffer, heic: boolean): Buffer {
  const b = Buffer.from(input);
  const top = boxesIn(b, 0, b.length);
  if (top[0]?.type !== 'ftyp') refuse('的文件结构不正确');
  for (const box of top) {
    if (box.type === 'moov') cleanMovie(b, box);
    else if (box.type === 'uuid' && b.toString('hex', box.body, box.body + 16) === XMP_UUID) blank(b, box);
    else if (box.type === 'meta') {
      if (heic) cleanHeifMeta(b, box);
      else blank(b, box);
    }
  }
  return b;
}

function cleanMovie(b: Buffer, moov: Box): void {
  for (const child of boxesIn(b, moov.body, moov.end)) {
    if (child.type === 'udta' || child.type === 'meta') blank(b, child);
    else if (child.type === 'mvhd') zeroTimes(b, child);
    else if (child.type === 'trak')
      for (const t of boxesIn(b, child.body, child.end)) {
        if (t.type === 'udta' || t.type === 'meta') blank(b, t);
        else if (t.type === 'tkhd') zeroTimes(b, t);
        else if (t.type === 'mdia') for (const m of boxesIn(b, t.body, t.end)) if (m.type === 'mdhd') zeroTimes(b, m);
      }
  }
}

/** mvhd, tkhd and mdhd start with version/flags, then creation and modification time (32 or 64 bits). */
function zeroTimes(b: Buffer, box: Box): void {
  const width = b[box.body] === 1 ? 8 : 4;
  if (box.body + 4 + 2 * width <= box.end) b.fill(0, box.body + 4, box.body + 4 + 2 * width);
}

function cleanHeifMeta(b: Buffer, meta: Box): void {
  // ISO meta is a full box: four bytes of version and flags before its children.
  const children = boxesIn(b, meta.body + 4, meta.end);
  const iinf = children.find((c) => c.type === 'iinf');
  const iloc = children.find((c) => c.type === 'iloc');
  const idat = children.find((c) => c.type === 'idat');
  if (!iinf || !iloc) return;
  const drop = metadataItems(b, iinf);
  if (!drop.size) return;
  for (const e of itemExtents(b, iloc))
    if (drop.has(e.item)) {
      const base = e.method === 0 ? 0 : e.method === 1 && idat ? idat.body : -1;
      const from = base + e.offset;
      if (base < 0 || e.length === 0 || from < 0 || from + e.length > b.length) continue;
      b.fill(0, from, from + e.length);
    }
}

/** Item ids of EXIF and XMP items listed in `iinf`. */
function metadataItems(b: Buffer, iinf: Box): Set<number> {
  const out = new Set<number>();
  const v = b[iinf.body] as number;
  const first = iinf.body + 4 + (v === 0 ? 2 : 4);
  for (const infe of boxesIn(b, first, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const iv = b[infe.body] as number;
    if (iv < 2) continue;
    let p = infe.body + 4;
    const id = iv === 2 ? b.readUInt16BE(p) : b.readUInt32BE(p);
    p += (iv === 2 ? 2 : 4) + 2;
    const type = ascii(b, p, p + 4);
    p += 4;
    if (type === 'Exif') out.add(id);
    else if (type === 'mime') {
      const nameEnd = b.indexOf(0, p);
      const ctEnd = nameEnd < 0 ? -1 : b.indexOf(0, nameEnd + 1);
      const contentType = nameEnd < 0 || ctEnd < 0 || ctEnd > infe.end ? '' : ascii(b, nameEnd + 1, ctEnd);
      if (/xml|rdf/i.test(contentType)) out.add(id);
    }
  }
  return out;
}

function itemExtents(b: Buffer, iloc: Box) {
  const v = b[iloc.body] as number;
  let p = iloc.body + 4;
  const sizes = b[p] as number;
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 15;
  const baseSize = (b[p + 1] as number) >> 4;
  const indexSize = v === 1 || v === 2 ? (b[p + 1] as number) & 15 : 0;
  p += 2;
  const read = (n: number): number => {
    if (p + n > iloc.end) refuse('的文件结构不完整');
    const x = n === 0 ? 0 : n === 4 ? b.readUInt32BE(p) : n === 8 ? Number(b.readBigUInt64BE(p)) : -1;
    if (x < 0) refuse('的文件结构不正确');
    p += n;
    return x;
  };
  const read16 = () => {
    if (p + 2 > iloc.end) refuse('的文件结构不完整');
    p += 2;
    return b.readUInt16BE(p - 2);
  };
  const count = v < 2 ? read16() : read(4);
  const out: { item: number; method: number; offset: number; length: number }[] = [];
  for (let i = 0; i < count; i++) {
    const item = v < 2 ? read16() : read(4);
    const method = v === 1 || v === 2 ? read16() & 15 : 0;
    read16();
    const base = read(baseSize);
    const extents = read16();
    for (let e = 0; e < extents; e++) {
      read(indexSize);
      const offset = read(offsetSize);
      const length = read(lengthSize);
      out.push({ item, method, offset: base + offset, length });
    }
  }
  return out;
}

// ---------------------------------------------------------------- PDF

/** Names that make a PDF act when opened or clicked, or carry files of their own. */
const PDF_ACTIVE = new Set([
  'JavaScript',
  'JS',
  'AA',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToE',
]);
const PDF_NAME = /\/((?:[^\s/[\]<>(){}%#]|#[0-9A-Fa-f]{2})+)/g;
const decodePdfName = (n: string) =>
  n.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/**
 * A PDF is accepted when its structure holds (a `%PDF-1.x` or `2.0` header, `%%EOF` at the end
 * with nothing but line ends after it, a `startxref` that points at an xref table or stream) and
 * nothing in it acts on its own: no JavaScript, no additional actions, no launch, no embedded
 * files, forms that submit or import, rich media or XFA, and an open action only when it just
 * shows a page (a destination, or a GoTo — what LaTeX and Word write). Names are read with their
 * #xx escapes undone, also inside compressed object streams; an encrypted PDF cannot be checked
 * and is refused.
 */
export function checkPdf(b: Buffer): void {
  if (!/^%PDF-(1\.[0-7]|2\.0)\s/.test(ascii(b, 0, 9))) refuse('不是有效的 PDF 文件（文件头不正确）');
  const tail = ascii(b, Math.max(0, b.length - 1024), b.length);
  const m = /startxref\s+(\d+)\s+%%EOF[\r\n\s]*$/.exec(tail);
  if (!m) refuse('不是完整的 PDF 文件（缺少文件尾）');
  const at = Number(m[1]);
  if (!(at > 0 && at < b.length)) refuse('不是有效的 PDF 文件（交叉引用位置错误）');
  const xref = ascii(b, at, Math.min(b.length, at + 256)).replace(/^\s+/, '');
  const isTable = xref.startsWith('xref');
  const isStream = /^\d+\s+\d+\s+obj\s*<<[\s\S]*\/Type\s*\/XRef/.test(xref);
  if (!isTable && !isStream) refuse('不是有效的 PDF 文件（交叉引用位置错误）');
  const text = withoutStreamData(ascii(b, 0, b.length));
  const objects = new Map<number, string>();
  for (const o of text.matchAll(/(\d+)\s+\d+\s+obj\b/g)) {
    const from = (o.index ?? 0) + o[0].length;
    const end = text.indexOf('endobj', from);
    objects.set(Number(o[1]), text.slice(from, end < 0 ? from + 4096 : end));
  }
  const packed = [...objectStreams(b, text)];
  for (const s of packed) for (const [n, body] of s.objects) objects.set(n, body);
  const sources = [text, ...packed.map((s) => s.text)];
  for (const source of sources) refuseActiveNames(source);
  for (const source of sources) refuseOpenActions(source, objects);
}

/** An open action that only shows a page: a destination array, or a GoTo action. */
function showsPage(value: string, objects: Map<number, string>, depth = 0): boolean {
  const v = value.trimStart();
  if (v.startsWith('[')) return true;
  if (v.startsWith('<<')) {
    const dict = balancedDict(v);
    return /\/S\s*\/GoTo[\s/>]/.test(dict) && !/\/Next\b/.test(dict);
  }
  const ref = /^(\d+)\s+\d+\s+R\b/.exec(v);
  const target = ref ? objects.get(Number(ref[1])) : undefined;
  return depth === 0 && target !== undefined && showsPage(target, objects, 1);
}

/** The dictionary `text` starts with, up to its matching `>>` (nested dictionaries included). */
function balancedDict(text: string): string {
  let depth = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    const two = text.slice(i, i + 2);
    if (two === '<<') {
      depth++;
      i++;
    } else if (two === '>>') {
      depth--;
      i++;
      if (depth === 0) return text.slice(0, i + 1);
    }
  }
  return text;
}

function refuseActiveNames(text: string): void {
  for (const m of text.matchAll(PDF_NAME)) {
    const name = decodePdfName(m[1] as string);
    if (PDF_ACTIVE.has(name)) refuse(`含有可执行内容（${name}），不能接收`);
    if (name === 'Encrypt') refuse('是加密的 PDF，无法检查其内容，请去除密码后再上传');
  }
}

function refuseOpenActions(text: string, objects: Map<number, string>): void {
  for (const m of text.matchAll(PDF_NAME))
    if (decodePdfName(m[1] as string) === 'OpenAction' && !showsPage(text.slice((m.index ?? 0) + m[0].length), objects))
      refuse('含有打开时自动执行的动作（OpenAction），不能接收');
}

/**
 * The file's text with every stream's data blanked (same length, so offsets hold): images and
 * fonts are binary, and a random `/JS` in them must not refuse an honest scan.
 */
function withoutStreamData(text: string): string {
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('stream', from);
    if (at < 0) break;
    let start = at + 'stream'.length;
    if (text.slice(at - 3, at) === 'end' || (text[start] !== '\n' && text[start] !== '\r')) {
      parts.push(text.slice(from, start));
      from = start;
      continue;
    }
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const end = text.indexOf('endstream', start);
    if (end < 0) refuse('不是有效的 PDF 文件');
    parts.push(text.slice(from, start), ' '.repeat(end - start));
    from = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * Every object stream (where compressed PDFs keep their dictionaries), decompressed: its text and
 * its objects by number (`/N` pairs of number and offset, the objects from `/First` on).
 */
function* objectStreams(b: Buffer, text: string): Generator<{ text: string; objects: Map<number, string> }> {
  let total = 0;
  for (const m of text.matchAll(/\/Type\s*\/ObjStm\b/g)) {
    const dictStart = text.lastIndexOf('obj', m.index ?? 0);
    const streamAt = text.indexOf('stream', m.index ?? 0);
    if (dictStart < 0 || streamAt < 0) refuse('不是有效的 PDF 文件');
    const dict = text.slice(dictStart, streamAt);
    const filters = [
      ...dict.matchAll(
        /\/(FlateDecode|Fl|ASCIIHexDecode|ASCII85Decode|LZWDecode|RunLengthDecode|AHx|A85|LZW|RL|Crypt)\b/g,
      ),
    ].map((f) => f[1]);
    let start = streamAt + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const end = text.indexOf('endstream', start);
    if (end < 0) refuse('不是有效的 PDF 文件');
    let raw = b.subarray(start, end);
    if (filters.length) {
      if (filters.length !== 1 || (filters[0] !== 'FlateDecode' && filters[0] !== 'Fl'))
        refuse('使用了无法检查的压缩方式，不能接收');
      try {
        raw = inflateSync(raw, { maxOutputLength: 64 * 1024 * 1024 - total });
      } catch {
        refuse('的压缩数据已损坏或过大');
      }
    }
    total += raw.length;
    const content = ascii(raw, 0, raw.length);
    const n = Number(/\/N\s+(\d+)/.exec(dict)?.[1] ?? 0);
    const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1] ?? 0);
    const nums = content.slice(0, first).trim().split(/\s+/).map(Number);
    const objects = new Map<number, string>();
    for (let i = 0; i < n && 2 * i + 1 < nums.length; i++) {
      const from = first + (nums[2 * i + 1] as number);
      const to = i + 1 < n && 2 * i + 3 < nums.length ? first + (nums[2 * i + 3] as number) : content.length;
      objects.set(nums[2 * i] as number, content.slice(from, to));
    }
    yield { text: content, objects };
  }
}

// ---------------------------------------------------------------- Word and Excel

const DOCX = { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
const XLSX = { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };
const ZIP_MAX_ENTRIES = 5000;
const ZIP_MAX_UNCOMPRESSED = 512 * 1024 * 1024;

/**
 * A .docx or .xlsx: a zip whose central directory ends exactly at the end of the file, lists the
 * parts of a Word document or an Excel workbook, within entry and size caps (a zip bomb is
 * refused before anyone opens it), without macros (vbaProject.bin), ActiveX controls or embedded
 * OLE packages (the classic way to ship an executable inside a document).
 */
export function checkOoxml(b: Buffer): { mime: string; ext: string } {
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), Math.max(0, b.length - 22));
  if (eocd < 0 || eocd < b.length - 22 - 0xffff) refuse('不是有效的 Office 文档');
  const entries = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  const comment = b.readUInt16LE(eocd + 20);
  if (eocd + 22 + comment !== b.length) refuse('不是有效的 Office 文档（文件末尾有多余数据）');
  if (entries === 0xffff || cdOffset === 0xffffffff || entries > ZIP_MAX_ENTRIES) refuse('的文档结构过于复杂');
  if (cdOffset + cdSize > eocd) refuse('不是有效的 Office 文档');
  const names: string[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > eocd || b.readUInt32LE(p) !== 0x02014b50) refuse('不是有效的 Office 文档');
    const size = b.readUInt32LE(p + 24);
    const n = b.readUInt16LE(p + 28);
    const extra = b.readUInt16LE(p + 30);
    const note = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    if (local >= cdOffset || b.readUInt32LE(local) !== 0x04034b50) refuse('不是有效的 Office 文档');
    names.push(b.toString('utf8', p + 46, p + 46 + n));
    total += size;
    if (size === 0xffffffff || total > ZIP_MAX_UNCOMPRESSED) refuse('的文档解压后过大');
    p += 46 + n + extra + note;
  }
  if (!names.includes('[Content_Types].xml')) refuse('不是有效的 Office 文档');
  for (const name of names) {
    if (name.startsWith('/') || name.split(/[\\/]/).includes('..')) refuse('不是有效的 Office 文档');
    if (/vbaProject\.bin$|vbaData\.xml$/i.test(name)) refuse('含有宏，不能接收');
    if (/(^|\/)activeX\//i.test(name)) refuse('含有 ActiveX 控件，不能接收');
    if (/(^|\/)embeddings\/.*\.(bin|exe|dll|js|vbs|bat|cmd|ps1|scr)$/i.test(name)) refuse('嵌入了可执行对象，不能接收');
  }
  if (names.includes('word/document.xml')) return DOCX;
  if (names.includes('xl/workbook.xml')) return XLSX;
  refuse('不是 Word 或 Excel 文档');
}

/**
 * A .doc or .xls (OLE compound file): the kind is read from the directory (a WordDocument stream
 * or an Excel Workbook), and a file with a VBA project (macros) is refused. Directory entries sit
 * on 128-byte boundaries after the 512-byte header, so every such slot is read as one.
 */
export function checkOle(b: Buffer): { mime: string; ext: string } {
  if (b.length < 1536 || b.readUInt16LE(28) !== 0xfffe) refuse('不是有效的 Office 文档');
  const shift = b.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) refuse('不是有效的 Office 文档');
  const names = new Set<string>();
  for (let p = 512; p + 128 <= b.length; p += 128) {
    const len = b.readUInt16LE(p + 64);
    const type = b[p + 66];
    if (len < 4 || len > 64 || len % 2 || (type !== 1 && type !== 2 && type !== 5)) continue;
    const name = b.toString('utf16le', p, p + len - 2);
    if (/^[ -~]+$/.test(name)) names.add(name);
  }
  if (names.has('_VBA_PROJECT_CUR') || names.has('VBA') || names.has('Macros') || names.has('_VBA_PROJECT'))
    refuse('含有宏，不能接收');
  if (names.has('WordDocument')) return { mime: 'application/msword', ext: 'doc' };
  if (names.has('Workbook') || names.has('Book')) return { mime: 'application/vnd.ms-excel', ext: 'xls' };
  refuse('不是 Word 或 Excel 文档');
}
