import { z } from 'zod';

/**
 * Text rules of security.md §Input: NFC on store, lengths in code points, and no characters that
 * can hide or reorder what a reviewer reads (controls, bidi overrides, lone surrogates).
 */
// C0 except tab/LF/CR, DEL and C1 (U+0085 NEL is a C1 control too), bidi embeddings, overrides,
// isolates and marks (U+061C ALM, U+200E LRM, U+200F RLM).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATE = /(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF]))|(?:(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/;
/** U+2028/U+2029 break lines in every renderer, so single-line fields refuse them like CR/LF. */
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Returns a Chinese reason when the text may not be stored, or null when it may. */
export function textProblem(s: string): string | null {
  if (LONE_SURROGATE.test(s)) return '包含无效的字符编码';
  if (FORBIDDEN.test(s)) return '包含不允许的控制字符或方向控制字符';
  return null;
}

/**
 * Key used for search: NFKC folds full-width letters and digits into half-width, case folded,
 * zero-width characters dropped. Applied until stable, because dropping a zero-width character or
 * lower-casing can leave a string that NFKC would change again (`e\u200B\u0301` → `e\u0301` → `é`);
 * a stored key and the key of a query must meet whatever route the text took.
 */
export function searchKey(s: string): string {
  let cur = s;
  for (let i = 0; i < 4; i++) {
    const next = cur.replace(ZERO_WIDTH, '').normalize('NFKC').toLowerCase().trim();
    if (next === cur) break;
    cur = next;
  }
  return cur;
}

/**
 * A stored text field: trimmed, NFC-normalised, checked for forbidden characters, length in code
 * points. `label` is the Chinese field name used in messages.
 */
export function zText(label: string, opts: { min?: number; max: number; multiline?: boolean }) {
  const min = opts.min ?? 1;
  return z
    .string({ error: `${label}必须是文本` })
    .transform((s) => s.normalize('NFC').trim())
    .superRefine((s, ctx) => {
      const bad = textProblem(s);
      if (bad) ctx.addIssue({ code: 'custom', message: `${label}${bad}` });
      else if (!opts.multiline && LINE_BREAK.test(s)) ctx.addIssue({ code: 'custom', message: `${label}不能包含换行` });
      const n = codePointLength(s);
      if (n < min) ctx.addIssue({ code: 'custom', message: min === 1 ? `${label}不能为空` : `${label}至少${min}个字` });
      if (n > opts.max) ctx.addIssue({ code: 'custom', message: `${label}不能超过${opts.max}个字` });
    });
}

export const zDate = (label: string) =>
  z
    .string({ error: `${label}必须是日期` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${label}格式应为 YYYY-MM-DD`, abort: true })
    .refine(
      (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      {
        message: `${label}不是有效日期`,
      },
    );

export const zId = z.uuid({ message: '编号格式不正确' });

export const zLimit = z.coerce.number().int().min(1).max(500).default(50);
export const zCursor = z.string().max(200).optional();

export function zPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().nullable() });
}

/** Marks that Chinese typesetting never puts at the start of a line (避头点); they hang on the line before. */
export const NO_LINE_START = new Set('，。、；：！？）》」』”’…—．,.;:!?)]}%');

/**
 * Breaks a paragraph into lines no wider than `width` (the first `indent` narrower). Chinese text
 * breaks between any two characters; a run of Latin letters and digits (a URL, a phone number)
 * stays whole unless it is wider than a line of its own; closing punctuation hangs at the end of
 * the line before rather than starting a line; no line starts or ends with a space.
 */
export function wrapText(text: string, width: number, measure: (s: string) => number, indent = 0): string[] {
  const tokens = text.match(/[A-Za-z0-9@._\-/:]+|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  let limit = width - indent;
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
    limit = width;
  };
  for (const tok of tokens) {
    if (line !== '' && !NO_LINE_START.has(tok) && measure(line + tok) > limit) push();
    if (line === '' && /^\s$/u.test(tok)) continue;
    if (line === '' && tok.length > 1 && measure(tok) > limit)
      for (const ch of tok) {
        if (line !== '' && measure(line + ch) > limit) push();
        line += ch;
      }
    else line += tok;
  }
  if (line) push();
  return lines;
}
