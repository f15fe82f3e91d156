import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JPEG, pdf } from '../../test/fixtures.ts';
import {
  buildTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  planInspection,
  type Session,
  submissionMultipart,
  type TestContext,
} from '../../test/helpers.ts';
import { petitionFiles, petitions } from '../db/schema/index.ts';
import { blobKeyVersion } from './blob-cipher.ts';
import { cleanFile, FileRefused } from './files.ts';

// ---------------------------------------------------------------- fixtures: real files, and their parts

/** 16×16 baseline JPEG (JFIF), PNG (with cHRM, PLTE, tRNS, bKGD, two tEXt), GIF and WebP (VP8X + ALPH + VP8). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAMAAAAoLQ9TAAAAIGNIUk0AAHomAACAhAAA+gAAAIDoAAB1MAAA6mAAADqYAAAXcJy6UTwAAAHFUExURQAAAE6NwEqGujxxnjdolgAAAAAAAAAAAAAAAAAAAE6PxEyKv0iFtkN9rT10oTlsljZmkAAAAAAAAFKRxv3dSvnVPgAAADJghwAAAP3VNgAAADVokgAAAOzORQAAADZpkxsxRQAAAAAAAOLDRf3ZQQAAAEaBsjZnkQAAAPLhbv3pav3LG0N9rhwyS/Xjb/PBGkB1oz1zogAAAMKaEgAAAAAAAAAAAAAAAAAAAOjHPevFNOvCKuu+Ieu7GMabEgAAAAAAAAAAAAAAAAAAAAAAAAAAAP3eTgAAAAAAAAAAAAAAAPHQP/rTOf3SL/rHGcCXEgAAAAAAAAAAAAAAAAAAAAAAAEiDtER+rUB4p0yKvP///0V/r0F5qD50ojpvmzZplEmFt0aAsUJ7qj51oztwnTdqljhsl0+NwUuIu0R9rUB4pj1zoDltmf/iVVCPw0yJvEiEtT10of/eS//aQU2LvkaAsDtwnP/aQv/WN//TLUqHuUeBskN8qz92pf/XOP/PI//mYf/jV//fTf/bQv/TLv/PJP/rbP/nYf/bQ//XOf/MHDpwnP/nYv/jWP/fTv/TL//bRP/XOv/TMP/QJf/YOv/UMP/QJpJJAAIAAABWdFJOUwCv7feSCwMoQRV+oKGjp6qqSBi994IKtkPtJPdPiD22XExHa/dG96pOpvf311uzwm/3S3o0CCE8NaqpqampeSACCRMSLB73QBwFAUzM99h7Ox1CRTgf+DIQcQAAAAFiS0dEWgO7paIAAAD1SURBVBjTY2AAAkamsPAIZhZWNgYoiIyKjomNi2dnhQkkJCYlp6TGc3CCeVzcPLx8/AJp8fGCQiC+cHpGWGZWdk48UCBXRFSMIS+/IDqmMA7IF5coKpaUYihJKE1KLkuNlxaXkS2vqJRjqKquqZVXUBRU4lBWqausV2VQy8xS19DUamhsaq5radVWYtCJKdTVa2tvbOrobGnt0udgMDDsNmrr6e3r6Oxv7eoyNmEwNTO3APItraxtbG3tOOwZHBydnHv7JkycNLmLw8LFFeJ6twlTpk6L0nb3cPT0Agt4+/hO6/LzD3CGec400CJIKTgk1BTIBgBAYkJ/yC2b5QAAACV0RVh0ZGF0ZTpjcmVhdGUAMjAxNC0wMS0yNlQyMDo1OTozNyswMjowMPuaB3cAAAAldEVYdGRhdGU6bW9kaWZ5ADIwMTQtMDEtMjZUMjA6NTk6MDArMDI6MDDB74amAAAAAElFTkSuQmCC',
  'base64',
);
const GIF = Buffer.from(
  'R0lGODlhEAAQAPU/AOu7GOu+IfPBGvrHGf3LG//MHOvCKv/PI//PJP/QJf/TLevFNOjHPf/TMP/UMP3VNvrTOf/XOfnVPv/YOuzORf/aQf/bRP/eS//fTv/iVf/jWP/nYvLhbvXjb/3pav/rbDJghzZmkDZnkTZpkzdoljdqljlsljpvmzpwnDtwnDxxnj1zoj50oj92pUB4pkJ7qkN8q0N9rUV/r0aAsUeBskiDtEiFtkqGukyJvEyKvEyKv0+NwVCPw1KRxv///wAAACH/C0ltYWdlTWFnaWNrB2dhbW1hPTAAIfkEBQAAPwAsAAAAABAAEAAABpvAn/C3u81iLRVpyBTmfLMXC1VqMm1RVqo0sv50thjLFDKVqszeDleTuVSn0fmXuUh+PB1N9oKP/iA/FxUPXzY0UipnIoEUhAo/hzAuXU0VEQoHP0cuIj8cHhsZGBUTCggEPzFSPx0fGxoYFhENCAUCQispP6+xpacFBVawGAwLBgEAAF6xsw0Jwl4/shEOCT6p0j8QzwUD2uBDQQA7',
  'base64',
);
const WEBP = Buffer.from(
  'UklGRqgBAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSMMAAAABJ6KokSTleucYX+ffKpmImP90cY3gJjDi4Yt3MsjBEVyDKzDosHgVjnhRNcEIDAJPkqBqsFUZHNa2bUYvTsZ2PLbtd/uvKa4hov9J0f2PkPe6REkkGzolkTTzFG0Ox9PlFiD0CxS+kOGDtxoynjaCfx0pfk52CPuInrOR75lzRugygtv4zEiy90UwfSD9NheMITJWLaXWayO8XeOlWRXVnIGk2W6WdYoYMQ+KqixQNPowgt+6a1BSKbUtz+lUFAoBAAAAVlA4IL4AAACQAgCdASoQABAAAwA0JbACdDBPCIUMfAMdCCz96AD+/XSg/QKbH4r3Q3ycN/bSDK/T/zVo4u6nvclvG/SqxWOuup+XhN9BojvaW+Tv+MvxvX/hr/o/5Qns9LtmX/+qKdl/yWznhuasl7nkxvSTI4xf3Y85VSB/lU/8Ofj/b9JrA+ifvIOYZm2x1RP/dhfmsf5diuSfR7+z+r/+HR3zEo/+XM/B+vkYw73Pzx+ROaAB/ZoBSzEs3rzZe6qsAAAA',
  'base64',
);

const GPS = 'GPS 25.8312N 114.9335E';
const HTML = '<html><body><script>alert(document.cookie)</script></body></html>';
const has = (b: Buffer, s: string) => b.includes(Buffer.from(s, 'latin1'));

function refusal(data: Buffer): string {
  try {
    cleanFile(data);
  } catch (e) {
    if (e instanceof FileRefused) return e.message;
    throw e;
  }
  throw new Error('accepted');
}

/** A phone's EXIF: orientation 6 (rotated) and a GPS directory whose text is `GPS`. */
function exifApp1(): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 2 + 12 + 4 + 32);
  tiff.write('MM\0*', 0, 'latin1');
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(2, 8);
  // Orientation = 6
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(6, 18);
  // GPS IFD pointer
  const gpsIfd = 8 + 2 + 24 + 4;
  tiff.writeUInt16BE(0x8825, 22);
  tiff.writeUInt16BE(4, 24);
  tiff.writeUInt32BE(1, 26);
  tiff.writeUInt32BE(gpsIfd, 30);
  tiff.writeUInt16BE(1, gpsIfd);
  // GPSProcessingMethod-like ASCII entry pointing at the text after the directory
  const text = gpsIfd + 2 + 12 + 4;
  tiff.writeUInt16BE(0x001b, gpsIfd + 2);
  tiff.writeUInt16BE(2, gpsIfd + 4);
  tiff.writeUInt32BE(GPS.length + 1, gpsIfd + 6);
  tiff.writeUInt32BE(text, gpsIfd + 10);
  tiff.write(GPS, text, 'latin1');
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

function segment(marker: number, body: string): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt16BE(marker, 0);
  b.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([b, Buffer.from(body, 'latin1')]);
}

/** The JPEG as a phone would send it, plus a comment and a page after its end. */
const PHONE_JPEG = Buffer.concat([
  JPEG.subarray(0, 2),
  exifApp1(),
  segment(0xffe1, `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${GPS}</x:xmpmeta>`),
  JPEG.subarray(2, JPEG.length - 2),
  segment(0xfffe, HTML),
  JPEG.subarray(JPEG.length - 2),
  Buffer.from(HTML),
]);

function pngChunk(type: string, data: Buffer): Buffer {
  const b = Buffer.alloc(12 + data.length);
  b.writeUInt32BE(data.length, 0);
  b.write(type, 4, 'latin1');
  data.copy(b, 8);
  b.writeUInt32BE(crc32(b.subarray(4, 8 + data.length)), 8 + data.length);
  return b;
}
const PNG_IEND = PNG.length - 12;

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const b = Buffer.alloc(8);
  b.writeUInt32BE(8 + body.length, 0);
  b.write(type, 4, 'latin1');
  return Buffer.concat([b, body]);
}
const u32 = (...n: number[]) =>
  Buffer.concat(n.map((x) => Buffer.from([x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255])));
const u16 = (...n: number[]) => Buffer.concat(n.map((x) => Buffer.from([x >>> 8, x & 255])));
const TIMES = u32(0xe0000001, 0xe0000002);

/** A phone video: the movie and a track carry QuickTime's ©xyz location, the movie Apple's location key. */
function phoneMp4(): Buffer {
  return Buffer.concat([
    box('ftyp', Buffer.from('isom\0\0\0\0isommp41', 'latin1')),
    box(
      'moov',
      box('mvhd', u32(0), TIMES, u32(1000, 5000), Buffer.alloc(80)),
      box('udta', box('\xa9xyz', u16(GPS.length, 0), Buffer.from(GPS, 'latin1'))),
      box('meta', Buffer.from(`com.apple.quicktime.location.ISO6709 ${GPS}`, 'latin1')),
      box(
        'trak',
        box('tkhd', u32(0), TIMES, Buffer.alloc(72)),
        box('mdia', box('mdhd', u32(0), TIMES, u32(1000, 5000), Buffer.alloc(4))),
        box('udta', Buffer.from(`\xa9day 2026-03-02 ${GPS}`, 'latin1')),
      ),
    ),
    box('mdat', Buffer.from('FRAME-DATA-0123456789', 'latin1')),
  ]);
}

/** A HEIC: an image item and an EXIF item, both in mdat, located by iloc. */
function phoneHeic(): Buffer {
  const infe = (id: number, type: string) =>
    box('infe', u32(0x02000000), u16(id, 0), Buffer.from(`${type}\0`, 'latin1'));
  const image = Buffer.from('HEVC-IMAGE-BYTES', 'latin1');
  const exif = Buffer.from(`\0\0\0\0Exif\0\0MM\0*${GPS}`, 'latin1');
  const build = (imageAt: number, exifAt: number) =>
    Buffer.concat([
      box('ftyp', Buffer.from('heic\0\0\0\0mif1heic', 'latin1')),
      box(
        'meta',
        u32(0),
        box('hdlr', u32(0, 0), Buffer.from('pict', 'latin1'), u32(0, 0, 0), Buffer.from('\0')),
        box('pitm', u32(0), u16(1)),
        box('iinf', u32(0), u16(2), infe(1, 'hvc1'), infe(2, 'Exif')),
        box(
          'iloc',
          u32(0),
          Buffer.from([0x44, 0x00]),
          u16(2),
          u16(1, 0, 1),
          u32(imageAt, image.length),
          u16(2, 0, 1),
          u32(exifAt, exif.length),
        ),
      ),
      box('mdat', image, exif),
    ]);
  const draft = build(0, 0);
  const mdat = draft.length - image.length - exif.length;
  return build(mdat, mdat + image.length);
}

/** An object stream holding object 5 (compressed: its names are not in the file's bytes). */
function objStm(obj5: string): string {
  const body = `5 0 ${obj5}`;
  const z = deflateSync(Buffer.from(body, 'latin1')).toString('latin1');
  return `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${z.length} >>\nstream\n${z}\nendstream`;
}

/** A stored (uncompressed) zip. */
function zip(entries: [string, string][], trailing = ''): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, body] of entries) {
    const data = Buffer.from(body);
    const n = Buffer.from(name);
    const crc = crc32(data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, data);
    central.push(ch, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end, Buffer.from(trailing)]);
}
const DOCX_PARTS: [string, string][] = [
  ['[Content_Types].xml', '<Types/>'],
  ['word/document.xml', '<w:document/>'],
];

/** An OLE compound file whose directory lists `names` (type 2: stream, 1: storage). */
function ole(names: [string, number][]): Buffer {
  const b = Buffer.alloc(2048);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(b, 0);
  b.writeUInt16LE(0xfffe, 28);
  b.writeUInt16LE(9, 30);
  [['Root Entry', 5] as [string, number], ...names].forEach(([name, type], i) => {
    const p = 512 + i * 128;
    b.write(`${name}\0`, p, 'utf16le');
    b.writeUInt16LE((name.length + 1) * 2, p + 64);
    b[p + 66] = type;
  });
  return b;
}

// ---------------------------------------------------------------- the formats

describe('images: metadata and anything after the end are dropped', () => {
  it('JPEG: EXIF (GPS), XMP, comments and a page after EOI are gone; the orientation survives alone', () => {
    expect(has(PHONE_JPEG, GPS) && has(PHONE_JPEG, '<script>')).toBe(true);
    const c = cleanFile(PHONE_JPEG);
    expect(c).toMatchObject({ kind: 'image', mime: 'image/jpeg', ext: 'jpg' });
    expect(has(c.data, GPS)).toBe(false);
    expect(has(c.data, '<script>')).toBe(false);
    expect(has(c.data, 'xmpmeta')).toBe(false);
    expect(c.data.subarray(-2).toString('hex')).toBe('ffd9');
    // SOI, then the generated EXIF: one IFD entry, Orientation (0x0112) = 6.
    expect(c.data.subarray(0, 4).toString('hex')).toBe('ffd8ffe1');
    expect(c.data.subarray(20, 32).toString('hex')).toBe('000101120003000000010006');
    // Everything of the original image is still there, in order.
    expect(c.data.includes(JPEG.subarray(20, JPEG.length - 2))).toBe(true);
    expect(cleanFile(JPEG).data.length).toBe(JPEG.length - 18);
  });

  it('JPEG magic bytes followed by a page are no JPEG: refused', () => {
    const polyglot = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(HTML)]);
    expect(refusal(polyglot)).toMatch(/JPEG|不完整/);
    expect(refusal(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(HTML)]))).toBeTruthy();
    expect(refusal(JPEG.subarray(0, JPEG.length - 2))).toContain('不完整');
  });

  it('PNG: text, eXIf and private chunks and data after IEND are dropped; a bad CRC or short image data is refused', () => {
    const dirty = Buffer.concat([
      PNG.subarray(0, PNG_IEND),
      pngChunk('eXIf', Buffer.from(`MM\0*${GPS}`, 'latin1')),
      pngChunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0${GPS}`, 'latin1')),
      pngChunk('prVt', Buffer.from(GPS, 'latin1')),
      PNG.subarray(PNG_IEND),
      Buffer.from(HTML),
    ]);
    const c = cleanFile(dirty);
    expect(c.mime).toBe('image/png');
    expect(has(c.data, GPS)).toBe(false);
    expect(has(c.data, 'tEXt')).toBe(false);
    expect(has(c.data, '<html>')).toBe(false);
    expect(c.data.subarray(-12).equals(PNG.subarray(PNG_IEND))).toBe(true);
    for (const kept of ['IHDR', 'PLTE', 'tRNS', 'IDAT', 'cHRM', 'bKGD']) expect(has(c.data, kept)).toBe(true);
    const broken = Buffer.from(PNG);
    broken[40] = (broken[40] as number) ^ 1;
    expect(refusal(broken)).toContain('校验和');
    const idat = PNG.indexOf('IDAT') - 4;
    const short = Buffer.concat([
      PNG.subarray(0, idat),
      pngChunk('IDAT', deflateSync(Buffer.alloc(10))),
      PNG.subarray(PNG_IEND),
    ]);
    expect(refusal(short)).toContain('尺寸不符');
    expect(refusal(pngChunk('IHDR', Buffer.alloc(13)))).toBeTruthy();
  });

  it('GIF: comments and application extensions (XMP) go, the trailer ends it; WebP: EXIF and XMP chunks go', () => {
    const trailer = GIF.length - 1;
    const comment = Buffer.concat([
      Buffer.from([0x21, 0xfe, GPS.length]),
      Buffer.from(GPS, 'latin1'),
      Buffer.from([0]),
    ]);
    const xmp = Buffer.concat([
      Buffer.from([0x21, 0xff, 11]),
      Buffer.from('XMP DataXMP', 'latin1'),
      Buffer.from([GPS.length]),
      Buffer.from(GPS, 'latin1'),
      Buffer.from([0]),
    ]);
    const gif = Buffer.concat([GIF.subarray(0, trailer), comment, xmp, GIF.subarray(trailer), Buffer.from(HTML)]);
    const g = cleanFile(gif);
    expect(has(g.data, GPS) || has(g.data, '<html>')).toBe(false);
    expect(g.data.at(-1)).toBe(0x3b);
    // The original's own application extension (ImageMagick's gamma note) is gone; the frame stays.
    expect(has(g.data, 'ImageMagick')).toBe(false);
    expect(g.data.includes(GIF.subarray(GIF.indexOf(Buffer.from([0x21, 0xf9]))))).toBe(true);

    const chunk = (type: string, data: string) => {
      const b = Buffer.alloc(8);
      b.write(type, 0, 'latin1');
      b.writeUInt32LE(data.length, 4);
      return Buffer.concat([b, Buffer.from(data, 'latin1'), Buffer.alloc(data.length & 1)]);
    };
    const body = Buffer.concat([WEBP.subarray(12), chunk('EXIF', `MM\0*${GPS}`), chunk('XMP ', `<x>${GPS}</x>`)]);
    const head = Buffer.from(WEBP.subarray(0, 12));
    head.writeUInt32LE(body.length + 4, 4);
    // VP8X announces EXIF (0x08) and XMP (0x04).
    const webp = Buffer.concat([head, body, Buffer.from(HTML)]);
    webp[20] = (webp[20] as number) | 0x0c;
    const w = cleanFile(webp);
    expect(w.mime).toBe('image/webp');
    expect(has(w.data, GPS) || has(w.data, '<html>')).toBe(false);
    expect(w.data.equals(WEBP)).toBe(true);
  });
});

describe('videos and HEIC: the box structure is checked, metadata blanked in place', () => {
  it('MP4: udta and meta become free, times are zeroed, sizes and sample data stay', () => {
    const mp4 = phoneMp4();
    const c = cleanFile(mp4);
    expect(c).toMatchObject({ kind: 'video', mime: 'video/mp4', ext: 'mp4' });
    expect(c.data.length).toBe(mp4.length);
    expect(has(c.data, GPS)).toBe(false);
    expect(has(c.data, 'ISO6709')).toBe(false);
    expect(has(c.data, TIMES.toString('latin1'))).toBe(false);
    expect(c.data.subarray(-21).toString('latin1')).toBe('FRAME-DATA-0123456789');
    expect(c.data.indexOf('mdat')).toBe(mp4.indexOf('mdat'));
  });

  it('a box running past the end, or bytes after the last box, are refused', () => {
    const mp4 = phoneMp4();
    expect(refusal(Buffer.concat([mp4, Buffer.from(HTML)]))).toContain('结构');
    const cut = mp4.subarray(0, mp4.length - 5);
    expect(refusal(cut)).toContain('结构');
  });

  it('HEIC: the EXIF item’s bytes are zeroed where iloc puts them; the image item is untouched', () => {
    const heic = phoneHeic();
    expect(has(heic, GPS)).toBe(true);
    const c = cleanFile(heic);
    expect(c).toMatchObject({ mime: 'image/heic', ext: 'heic' });
    expect(c.data.length).toBe(heic.length);
    expect(has(c.data, GPS)).toBe(false);
    expect(has(c.data, 'HEVC-IMAGE-BYTES')).toBe(true);
  });
});

describe('PDF: structure checked, active content refused', () => {
  it('accepts a plain PDF, and an open action that only shows a page (inline, by reference, or a GoTo)', () => {
    expect(cleanFile(pdf()).mime).toBe('application/pdf');
    expect(() => cleanFile(pdf({ catalog: '/OpenAction [3 0 R /Fit]' }))).not.toThrow();
    expect(() => cleanFile(pdf({ catalog: '/OpenAction 4 0 R', extra: ['[3 0 R /XYZ 0 842 0]'] }))).not.toThrow();
    expect(() => cleanFile(pdf({ catalog: '/OpenAction << /S /GoTo /D [3 0 R /Fit] >>' }))).not.toThrow();
  });

  it('refuses JavaScript, also with escaped names or inside a compressed object stream', () => {
    const js = pdf({ catalog: '/OpenAction 4 0 R', extra: ['<< /S /JavaScript /JS (app.alert(1)) >>'] });
    expect(refusal(js)).toContain('JavaScript');
    expect(refusal(pdf({ catalog: '/Names << /J#61vaScript 4 0 R >>', extra: ['<< >>'] }))).toContain('JavaScript');
    const packed = pdf({ catalog: '/OpenAction 5 0 R', extra: [objStm('<< /S /JavaScript /JS (app.alert(1)) >>')] });
    expect(packed.includes('JavaScript')).toBe(false);
    expect(refusal(packed)).toContain('JavaScript');
  });

  it('refuses launch, embedded files, additional actions, and open actions that do more than show a page', () => {
    expect(refusal(pdf({ catalog: '/OpenAction << /S /Launch /F (cmd.exe) >>' }))).toContain('Launch');
    expect(refusal(pdf({ catalog: '/Names << /EmbeddedFiles 4 0 R >>', extra: ['<< >>'] }))).toContain('EmbeddedFiles');
    expect(refusal(pdf({ catalog: '/AA << /O 4 0 R >>', extra: ['<< >>'] }))).toContain('AA');
    expect(refusal(pdf({ catalog: '/OpenAction << /S /URI /URI (http://x.example/) >>' }))).toContain('OpenAction');
    expect(
      refusal(pdf({ catalog: '/OpenAction << /S /URI /URI (http://x.example/) >> /PageLabels << /S /GoTo >>' })),
    ).toContain('OpenAction');
    expect(
      refusal(pdf({ catalog: '/OpenAction 5 0 R', extra: [objStm('<< /S /URI /URI (http://x.example/) >>')] })),
    ).toContain('OpenAction');
    expect(refusal(pdf({ catalog: '/Encrypt 4 0 R', extra: ['<< /Filter /Standard >>'] }))).toContain('加密');
  });

  it('refuses a page after %%EOF, a startxref that points nowhere, and a wrong header', () => {
    expect(refusal(pdf({ after: HTML }))).toContain('文件尾');
    expect(cleanFile(pdf({ after: '\r\n' })).mime).toBe('application/pdf');
    expect(refusal(pdf({ badXref: true }))).toContain('交叉引用');
    expect(refusal(Buffer.concat([Buffer.from('%PDF-9.9\n'), pdf().subarray(9)]))).toContain('文件头');
  });
});

describe('Word and Excel: structure, macros and embedded programs', () => {
  it('a .docx is a zip that ends where its directory says and names the Word parts', () => {
    expect(cleanFile(zip(DOCX_PARTS))).toMatchObject({ ext: 'docx', kind: 'document' });
    expect(
      cleanFile(
        zip([
          ['[Content_Types].xml', '<Types/>'],
          ['xl/workbook.xml', '<workbook/>'],
        ]),
      ).ext,
    ).toBe('xlsx');
    expect(refusal(zip(DOCX_PARTS, HTML))).toContain('多余数据');
    expect(refusal(zip([...DOCX_PARTS, ['word/vbaProject.bin', 'VBA']]))).toContain('宏');
    expect(refusal(zip([...DOCX_PARTS, ['word/embeddings/oleObject1.bin', 'MZ']]))).toContain('可执行');
    expect(refusal(zip([...DOCX_PARTS, ['../../evil.html', HTML]]))).toBeTruthy();
  });

  it('a .doc or .xls is told apart by its directory; a VBA project is refused', () => {
    expect(cleanFile(ole([['WordDocument', 2]]))).toMatchObject({ mime: 'application/msword', ext: 'doc' });
    expect(cleanFile(ole([['Workbook', 2]]))).toMatchObject({ mime: 'application/vnd.ms-excel', ext: 'xls' });
    expect(
      refusal(
        ole([
          ['WordDocument', 2],
          ['Macros', 1],
          ['VBA', 1],
        ]),
      ),
    ).toContain('宏');
    expect(refusal(ole([['Contents', 2]]))).toContain('不是 Word 或 Excel');
  });
});

describe('damaged lengths', () => {
  it('never throw anything but a refusal, whatever bytes follow a known signature', () => {
    const heads = [JPEG, PNG, GIF, WEBP, phoneMp4(), phoneHeic(), pdf(), zip(DOCX_PARTS), ole([['WordDocument', 2]])];
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (const h of heads)
      for (let i = 0; i < 60; i++) {
        const b = Buffer.from(h);
        for (let k = 0; k < 1 + (i % 4); k++) b[16 + (rnd() % (b.length - 16))] = rnd() & 255;
        const cut = i % 3 === 0 ? b.subarray(0, 16 + (rnd() % (b.length - 16))) : b;
        try {
          cleanFile(cut);
        } catch (e) {
          expect(e, `${h.subarray(0, 8).toString('hex')} #${i}`).toBeInstanceOf(FileRefused);
        }
      }
  });
});

// ---------------------------------------------------------------- through the public report route

const multipart = (data: unknown, files: { name: string; body: Buffer }[]) =>
  submissionMultipart(data, files, 'text/html');

const REPORT = { anonymous: true, content: '附件测试：现场照片显示违规建设办公用房，超标准装修。' };
const VIRUS = 'XC-FAKE-CLAMD-SIGNATURE';

/** A stand-in for clamd on a unix socket: INSTREAM chunks in, `stream: OK` or FOUND out. */
function fakeClamd(socket: string): Promise<net.Server> {
  const server = net.createServer((c) => {
    let buf = Buffer.alloc(0);
    c.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const cmd = 'zINSTREAM\0'.length;
      if (buf.length < cmd) return;
      let p = cmd;
      const data: Buffer[] = [];
      for (;;) {
        if (p + 4 > buf.length) return;
        const n = buf.readUInt32BE(p);
        if (n === 0) break;
        if (p + 4 + n > buf.length) return;
        data.push(buf.subarray(p + 4, p + 4 + n));
        p += 4 + n;
      }
      const all = Buffer.concat(data);
      c.end(all.includes(VIRUS) ? 'stream: Xc.Test.Signature FOUND\0' : 'stream: OK\0');
    });
  });
  return new Promise((resolve) => server.listen(socket, () => resolve(server)));
}

describe('uploads through the public report route', () => {
  let t: TestContext;
  let staff: Session;
  let code: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-clamd-'));
  const socket = path.join(dir, 'clamd.sock');
  let clamd: net.Server | null = null;

  beforeAll(async () => {
    clamd = await fakeClamd(socket);
    t = await buildTestApp({ trustProxy: true, publicRateLimitPerMinute: 100_000, totpRequiredByDefault: false });
    const city = await makeAuthority(t, { name: '赣州市委巡察办' });
    const org = await makeOrg(t, { authorityId: city, name: '赣州市水利局' });
    staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
    const { inspectionId } = await planInspection(staff, { authorityId: city, targetOrgIds: [org] });
    code = (await staff.get(`/api/inspections/${inspectionId}/public-codes`)).json().items[0].code;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => (clamd ? clamd.close(r) : r(null)));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const send = (files: { name: string; body: Buffer }[], ip = '10.2.0.1') => {
    const m = multipart(REPORT, files);
    return t.app.inject({
      method: 'POST',
      url: `/api/public/codes/${code}/reports`,
      payload: m.payload,
      headers: { ...m.headers, 'x-forwarded-for': ip },
    });
  };
  const count = async () => (await t.database.db.select().from(petitions)).length;

  it('the polyglot named ../../evil.html is refused with a Chinese 415, and nothing is stored', async () => {
    const before = await count();
    const polyglot = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(HTML)]);
    const r = await send([{ name: '../../evil.html', body: polyglot }]);
    expect(r.statusCode).toBe(415);
    expect(r.json().message).toMatch(/^附件“evil\.html”/);
    expect(await count()).toBe(before);
  });

  it('a real photo named ../../evil.html comes back as evil.jpg, image/jpeg, attachment, nosniff, without GPS or the page after it', async () => {
    const r = await send([{ name: '../../evil.html', body: PHONE_JPEG }]);
    expect(r.statusCode, r.body).toBe(201);
    const view = (
      await t.app.inject({ method: 'POST', url: '/api/public/receipts', payload: { receipt: r.json().receipt } })
    ).json();
    expect(view.files).toEqual([{ name: 'evil.jpg', kind: 'image', size: cleanFile(PHONE_JPEG).data.length }]);
    const stored = (await t.database.db.select().from(petitionFiles))[0];
    if (!stored) throw new Error('no file');
    // At rest: sealed, neither the photo's bytes nor its name are in the row.
    expect(blobKeyVersion(stored.data)).toBe(1);
    expect(stored.data.includes(JPEG.subarray(200, 260))).toBe(false);
    expect(JSON.stringify(stored)).not.toContain('evil');
    const dl = await staff.get(`/api/petition-files/${stored.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/jpeg');
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.headers['content-disposition']).toContain('evil.jpg');
    expect(dl.headers['content-disposition']).not.toContain('.html');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(cleanFile(PHONE_JPEG).data)).toBe(true);
    expect(has(dl.rawPayload, GPS)).toBe(false);
    expect(has(dl.rawPayload, '<script>')).toBe(false);
  });

  it('a PDF with JavaScript is refused (415), also as a follow-up', async () => {
    const js = pdf({ catalog: '/OpenAction 4 0 R', extra: ['<< /S /JavaScript /JS (app.alert(1)) >>'] });
    const r = await send([{ name: '材料.pdf', body: js }]);
    expect(r.statusCode).toBe(415);
    expect(r.json().message).toContain('可执行内容');
  });

  it('with clamd: a clean file is accepted, a hit answers 422, clamd down answers 503 — and nothing is stored', async () => {
    await t.close();
    t = await buildTestApp({
      trustProxy: true,
      publicRateLimitPerMinute: 100_000,
      totpRequiredByDefault: false,
      clamdSocket: socket,
    });
    const city = await makeAuthority(t, { name: '赣州市委巡察办' });
    const org = await makeOrg(t, { authorityId: city, name: '赣州市水利局' });
    staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
    const { inspectionId } = await planInspection(staff, { authorityId: city, targetOrgIds: [org] });
    code = (await staff.get(`/api/inspections/${inspectionId}/public-codes`)).json().items[0].code;

    expect((await send([{ name: 'photo.jpg', body: JPEG }])).statusCode).toBe(201);
    expect(await count()).toBe(1);
    // A signature inside the image data, where the cleaner keeps bytes as they are.
    const scan = JPEG.indexOf(Buffer.from([0xff, 0xda]));
    const infected = Buffer.from(JPEG);
    infected.write(VIRUS, scan + 20, 'latin1');
    const hit = await send([{ name: 'photo.jpg', body: infected }]);
    expect(hit.statusCode).toBe(422);
    expect(hit.json().message).toContain('病毒');
    expect(await count()).toBe(1);
    await new Promise((r) => clamd?.close(r));
    clamd = null;
    const down = await send([{ name: 'photo.jpg', body: JPEG }]);
    expect(down.statusCode).toBe(503);
    expect(down.json().message).toContain('暂时不可用');
    expect(await count()).toBe(1);
    // Without a file there is nothing to scan: the report itself still goes in.
    const plain = await t.app.inject({ method: 'POST', url: `/api/public/codes/${code}/reports`, payload: REPORT });
    expect(plain.statusCode).toBe(201);
  });
});
