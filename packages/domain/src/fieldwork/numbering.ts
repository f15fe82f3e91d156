import { chineseNumeral } from '../planning/schemas.ts';

/**
 * 问题底稿编号 (domain.md §5 Working paper: e.g. `[2025]3巡-2组-07号`). Offices write numbers their own
 * way, so the number is rendered from a pattern the authority sets, with tokens in braces:
 *
 * - `{year}`  the year, four digits;
 * - `{term}`  the term's ordinal (七届 is 7), `{round}` the round's number, `{team}` the team's number;
 * - `{seq}`   the paper's sequence number within its scope (see PAPER_SEQ_SCOPES).
 *
 * A numeric token may carry a format: `:cn` writes it in Chinese numerals (`{term:cn}` → 七), `:N` pads
 * it with zeros to N digits (`{seq:2}` → 07). The year takes no format. Braces are for tokens only.
 *
 * This file imports nothing from schemas.ts so that the settings schema can use it without a cycle.
 */
export const PAPER_NUMBER_TOKENS = ['year', 'term', 'round', 'team', 'seq'] as const;
export type TPaperNumberToken = (typeof PAPER_NUMBER_TOKENS)[number];
export const PAPER_NUMBER_TOKEN_LABELS: Record<TPaperNumberToken, string> = {
  year: '年份',
  term: '届次',
  round: '轮次',
  team: '组号',
  seq: '顺序号',
};

/** Renders `[2026]七届1轮-2组-07号` for year 2026, term 7, round 1, team 2, seq 7. */
export const DEFAULT_PAPER_NUMBER_PATTERN = '[{year}]{term:cn}届{round}轮-{team}组-{seq:2}号';
export const MAX_PAPER_NUMBER_PATTERN = 60;

/**
 * What one sequence counts: `team` — each team's register in a round starts at 1 (the usual 组内编号);
 * `authorityYear` — one register for the whole authority per calendar year.
 */
export const PAPER_SEQ_SCOPES = ['team', 'authorityYear'] as const;
export type TPaperSeqScope = (typeof PAPER_SEQ_SCOPES)[number];
export const PAPER_SEQ_SCOPE_LABELS: Record<TPaperSeqScope, string> = {
  team: '每轮每组单独编号',
  authorityYear: '本机构每年统一编号',
};

export interface TPaperNumberValues {
  year: number;
  term: number;
  round: number;
  team: number;
  seq: number;
}

type TFormat = 'plain' | 'cn' | number;
type TPart = { literal: string } | { token: TPaperNumberToken; format: TFormat };

const TOKEN = /^([a-z]+)(?::(cn|[1-6]))?$/;

function isToken(s: string): s is TPaperNumberToken {
  return (PAPER_NUMBER_TOKENS as readonly string[]).includes(s);
}

function parsePattern(pattern: string): { parts: TPart[] } | { problem: string } {
  const parts: TPart[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '}') return { problem: '编号规则中的“}”前缺少“{”；花括号只能用于编号项' };
    if (ch !== '{') {
      literal += ch;
      continue;
    }
    const end = pattern.indexOf('}', i + 1);
    if (end < 0) return { problem: '编号规则中的“{”缺少对应的“}”' };
    const body = pattern.slice(i + 1, end);
    const m = TOKEN.exec(body);
    if (!m || !isToken(m[1] as string)) return { problem: `编号规则中有无法识别的编号项{${body}}` };
    const token = m[1] as TPaperNumberToken;
    const fmt = m[2];
    if (token === 'year' && fmt) return { problem: '年份{year}不能指定格式' };
    if (literal) parts.push({ literal });
    literal = '';
    parts.push({ token, format: fmt === undefined ? 'plain' : fmt === 'cn' ? 'cn' : Number(fmt) });
    i = end;
  }
  if (literal) parts.push({ literal });
  return { parts };
}

/**
 * Chinese reason a pattern cannot number papers in `scope`, or null. Besides the syntax, it demands
 * what keeps two papers from getting one number: exactly one `{seq}`; text between two tokens (else
 * round 1 team 12 and round 11 team 2 would both read 112); and the tokens that tell the registers of
 * a scope apart (a team register needs the round and the team, and the term or the year).
 */
export function paperNumberPatternProblem(pattern: string, scope: TPaperSeqScope = 'team'): string | null {
  if (pattern.trim() === '') return '编号规则不能为空';
  const parsed = parsePattern(pattern);
  if ('problem' in parsed) return parsed.problem;
  const tokens = parsed.parts.flatMap((p) => ('token' in p ? [p.token] : []));
  const seqs = tokens.filter((t) => t === 'seq').length;
  if (seqs === 0) return '编号规则须包含顺序号{seq}';
  if (seqs > 1) return '编号规则只能包含一个顺序号{seq}';
  for (let i = 1; i < parsed.parts.length; i++) {
    const a = parsed.parts[i - 1] as TPart;
    const b = parsed.parts[i] as TPart;
    if ('token' in a && 'token' in b) return '两个编号项之间须有分隔文字，如“{round}轮-{team}组”';
  }
  const has = (t: TPaperNumberToken) => tokens.includes(t);
  if (scope === 'team' && !(has('round') && has('team') && (has('term') || has('year'))))
    return '按组编号时，编号规则须包含{round}和{team}，以及{term}或{year}，否则不同巡察组的底稿编号会重复';
  if (scope === 'authorityYear' && !has('year')) return '按年度统一编号时，编号规则须包含{year}';
  return null;
}

function render(token: TPaperNumberToken, format: TFormat, n: number): string {
  const min = token === 'year' ? 1000 : 1;
  const max = token === 'year' ? 9999 : Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new RangeError(`${PAPER_NUMBER_TOKEN_LABELS[token]}必须是${min}以上的整数：${n}`);
  if (format === 'cn') {
    if (n > 9999) throw new RangeError(`${PAPER_NUMBER_TOKEN_LABELS[token]}超过9999，不能写成中文数字：${n}`);
    return chineseNumeral(n);
  }
  if (format === 'plain') return String(n);
  return String(n).padStart(format, '0');
}

/** The number of one paper. Throws RangeError for a pattern paperNumberPatternProblem refuses in any scope. */
export function formatPaperNumber(pattern: string, values: TPaperNumberValues): string {
  const parsed = parsePattern(pattern);
  if ('problem' in parsed) throw new RangeError(parsed.problem);
  if (parsed.parts.filter((p) => 'token' in p && p.token === 'seq').length !== 1)
    throw new RangeError('编号规则须包含且只包含一个顺序号{seq}');
  return parsed.parts.map((p) => ('token' in p ? render(p.token, p.format, values[p.token]) : p.literal)).join('');
}

/**
 * The key of the counter row a paper's sequence number is drawn from. The server increments that row
 * in the transaction that creates the paper (`UPDATE … SET last = last + 1 … RETURNING last`), so two
 * concurrent papers wait for each other instead of taking one number, and a rolled-back insert gives
 * its number back: the register has no gaps. A number once given is never reused.
 */
export function paperSeqScopeKey(
  scope: TPaperSeqScope,
  at: { authorityId: string; year: number; roundId: string; teamId: string },
): string {
  return scope === 'team' ? `team:${at.roundId}:${at.teamId}` : `year:${at.authorityId}:${at.year}`;
}

/** Numbers missing from 1…max and numbers given twice, in ascending order: both empty for a sound register. */
export function paperSeqGaps(seqs: readonly number[]): { missing: number[]; duplicates: number[] } {
  const seen = new Map<number, number>();
  for (const s of seqs) seen.set(s, (seen.get(s) ?? 0) + 1);
  const max = seqs.length ? Math.max(...seqs) : 0;
  const missing: number[] = [];
  for (let i = 1; i <= max; i++) if (!seen.has(i)) missing.push(i);
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([s]) => s);
  return { missing, duplicates: duplicates.sort((a, b) => a - b) };
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十一 → 11, 二十 → 20, 一百零五 → 105: the inverse of chineseNumeral (null for anything else). */
function parseChineseNumeral(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch] as number;
      continue;
    }
    const unit = CN_UNITS[ch];
    if (unit === undefined) return null;
    total += (digit ?? 1) * unit;
    digit = null;
  }
  total += digit ?? 0;
  return total > 0 ? total : null;
}

/**
 * The ordinal a term's or team's name carries, for the paper number's `{term}` and `{team}`:
 * 五届赣州市委 → 5, 第十一巡察组 → 11, 第3组 → 3. The first number before 届, 轮 or 组 (or the first
 * number at all); null when the name has none.
 */
export function ordinalInName(name: string): number | null {
  const m =
    /([0-9]+|[零〇一二两三四五六七八九十百千]+)(?=[届轮组巡])/u.exec(name) ??
    /([0-9]+|[〇一二两三四五六七八九十百千]+)/u.exec(name);
  if (!m) return null;
  const raw = m[1] as string;
  const n = /^[0-9]+$/.test(raw) ? Number(raw) : parseChineseNumeral(raw);
  return n !== null && Number.isSafeInteger(n) && n >= 1 && n <= 9999 ? n : null;
}
