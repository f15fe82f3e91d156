/**
 * Uploads from the public are accepted by what their first bytes say they are, never by their
 * name or declared type (security.md, Public channel): a page of HTML called photo.jpg is refused.
 */
export type TFileKind = 'image' | 'video' | 'document';

export interface DetectedFile {
  kind: TFileKind;
  mime: string;
  ext: string;
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The allow-list: photos, common phone videos, PDF and Office documents. Null for anything else. */
export function detectFileKind(b: Uint8Array): DetectedFile | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg', ext: 'jpg' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', mime: 'image/png', ext: 'png' };
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61)
    return { kind: 'image', mime: 'image/gif', ext: 'gif' };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP')
    return { kind: 'image', mime: 'image/webp', ext: 'webp' };
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (['heic', 'heix', 'mif1', 'msf1', 'hevc'].includes(brand))
      return { kind: 'image', mime: 'image/heic', ext: 'heic' };
    if (brand === 'qt  ') return { kind: 'video', mime: 'video/quicktime', ext: 'mov' };
    if (['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', '3gp4', '3gp5', '3g2a'].includes(brand))
      return { kind: 'video', mime: 'video/mp4', ext: 'mp4' };
    return null;
  }
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'document', mime: 'application/pdf', ext: 'pdf' };
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return { kind: 'document', mime: 'application/msword', ext: 'doc' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    // An OOXML document names its parts near the start; a plain zip (or an .apk) is refused.
    const head = ascii(b, 0, Math.min(b.length, 4096));
    if (head.includes('word/'))
      return {
        kind: 'document',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ext: 'docx',
      };
    if (head.includes('xl/'))
      return {
        kind: 'document',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ext: 'xlsx',
      };
    if (head.includes('[Content_Types].xml'))
      return {
        kind: 'document',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ext: 'docx',
      };
    return null;
  }
  return null;
}

export const FILE_KIND_LABELS: Record<TFileKind, string> = { image: '图片', video: '视频', document: '文档' };

/**
 * The name shown to staff: the last path segment only, without controls or bidi marks, at most
 * 80 code points. The file itself is stored under a random id; this name never reaches a path.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/g;

export function displayFileName(name: string, ext: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const clean = last.normalize('NFC').replace(UNSHOWABLE, '');
  const trimmed = clean.replace(/^\.+/, '').trim();
  const cps = [...trimmed];
  const base = cps.length > 80 ? cps.slice(0, 80).join('') : trimmed;
  if (!base) return `附件.${ext}`;
  return base;
}

/** Characters Windows refuses in a file name; a download named with them would be renamed or fail. */
const WINDOWS_RESERVED = /[<>:"|?*]/g;

/**
 * The name a file is stored and served under: the display name's last extension replaced by the
 * extension of the kind its bytes were found to be, so `../../evil.html` that is a JPEG comes back
 * as `evil.jpg` and no name can make a browser or a desktop treat the file as something else.
 */
export function safeFileName(name: string, ext: string): string {
  const shown = displayFileName(name, ext);
  const base = shown
    .replace(/\.[^.]{1,10}$/, '')
    .replace(WINDOWS_RESERVED, '_')
    .replace(/[.\s]+$/, '');
  const cps = [...base];
  const kept = cps.length > 70 ? cps.slice(0, 70).join('') : base;
  return `${kept || '附件'}.${ext}`;
}
