import type { TReportDraft } from './schemas.ts';
import { type TTaxonomyNodeLike, taxonomyAncestry } from './taxonomy.ts';

const SENTENCE_END = new Set(['。', '！', '？', '；']);
/** Closing marks that belong to the sentence they follow: 。” stays together. */
const CLOSERS = new Set(['”', '’', '」', '』', '）', '》', ')']);
const ELLIPSIS = '…';

/** Lines joined into one paragraph: Chinese runs on without a space, two Latin words keep one between them. */
function oneParagraph(text: string): string {
  const lines = text
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((l) => l.trim().replace(/[ \t\u3000]+/g, ' '))
    .filter((l) => l !== '');
  let out = '';
  for (const l of lines) {
    const joinWithSpace = /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(l);
    out += (joinWithSpace ? ' ' : '') + l;
  }
  return out;
}

/**
 * A finding's facts as the report's 主要问题 quotes them: one paragraph of at most `maxChars` code
 * points. A longer text is cut after the last sentence end (。！？；, with a closing quote that follows)
 * that fits, so the report never stops mid-sentence; if no sentence ends in the first third, it is cut
 * at the limit with an ellipsis. Cutting by code points never splits a surrogate pair.
 */
export function condense(text: string, maxChars: number): string {
  if (!Number.isSafeInteger(maxChars) || maxChars < 1) throw new RangeError(`字数上限必须是正整数：${maxChars}`);
  const flat = oneParagraph(text);
  const cps = Array.from(flat);
  if (cps.length <= maxChars) return flat;
  let cut = -1;
  for (let i = 0; i < maxChars; i++) {
    if (!SENTENCE_END.has(cps[i] as string)) continue;
    let end = i + 1;
    while (end < maxChars && CLOSERS.has(cps[end] as string)) end++;
    cut = end;
  }
  if (cut >= Math.ceil(maxChars / 3)) return cps.slice(0, cut).join('');
  return cps.slice(0, maxChars - 1).join('') + ELLIPSIS;
}

export interface TOutlineFinding {
  id: string;
  title: string;
  facts: string;
  taxonomyNodeId: string | null;
}

export interface TOutlineAspect {
  aspectId: string | null;
  /** null: findings classified at the framework only, listed under it without an aspect heading. */
  title: string | null;
  findings: { id: string; title: string; summary: string }[];
}

export interface TOutlineSection {
  frameworkId: string | null;
  title: string;
  aspects: TOutlineAspect[];
}

export const OTHER_FINDINGS_TITLE = '其他问题';
export const DEFAULT_SUMMARY_CHARS = 300;

/**
 * 主要问题 of the report: the findings grouped by framework, then aspect, in the taxonomy's order
 * (sortOrder, then name); within an aspect, findings classified at the aspect itself first, then by
 * type in the same order, keeping the given order (the paper numbers) among equals. Findings without a node, or with a node no longer in the tree, come
 * last under 其他问题. The caller passes the inspection's findings: every finding has passed 三审 or
 * was entered by the leader, so all of them belong in the report.
 */
export function reportOutline(
  findings: readonly TOutlineFinding[],
  taxonomy: readonly TTaxonomyNodeLike[],
  maxChars = DEFAULT_SUMMARY_CHARS,
): TOutlineSection[] {
  const order = (a: TTaxonomyNodeLike | undefined, b: TTaxonomyNodeLike | undefined) =>
    (a?.sortOrder ?? Number.MAX_SAFE_INTEGER) - (b?.sortOrder ?? Number.MAX_SAFE_INTEGER) ||
    (a?.name ?? '').localeCompare(b?.name ?? '', 'zh-Hans-CN');
  type TPlaced = {
    f: TOutlineFinding;
    index: number;
    framework?: TTaxonomyNodeLike;
    aspect?: TTaxonomyNodeLike;
    type?: TTaxonomyNodeLike;
  };
  const placed: TPlaced[] = findings.map((f, index) => {
    const path = f.taxonomyNodeId === null ? [] : taxonomyAncestry(taxonomy, f.taxonomyNodeId);
    const at = (level: TTaxonomyNodeLike['level']) => path.find((n) => n.level === level);
    return path[0]?.level === 'framework'
      ? { f, index, framework: at('framework'), aspect: at('aspect'), type: at('type') }
      : { f, index };
  });
  const summary = (p: TPlaced) => ({ id: p.f.id, title: p.f.title, summary: condense(p.f.facts, maxChars) });

  const sections: TOutlineSection[] = [];
  const frameworks = [...new Map(placed.flatMap((p) => (p.framework ? [[p.framework.id, p.framework]] : []))).values()];
  for (const fw of frameworks.sort(order)) {
    const inFw = placed.filter((p) => p.framework?.id === fw.id);
    const aspects = [...new Map(inFw.flatMap((p) => (p.aspect ? [[p.aspect.id, p.aspect]] : []))).values()].sort(order);
    const groups: TOutlineAspect[] = aspects.map((a) => ({
      aspectId: a.id,
      title: a.name,
      findings: inFw
        .filter((p) => p.aspect?.id === a.id)
        .sort((x, y) => (x.type && y.type ? order(x.type, y.type) : x.type ? 1 : y.type ? -1 : 0) || x.index - y.index)
        .map(summary),
    }));
    const bare = inFw.filter((p) => !p.aspect);
    if (bare.length) groups.push({ aspectId: null, title: null, findings: bare.map(summary) });
    sections.push({ frameworkId: fw.id, title: fw.name, aspects: groups });
  }
  const other = placed.filter((p) => !p.framework);
  if (other.length)
    sections.push({
      frameworkId: null,
      title: OTHER_FINDINGS_TITLE,
      aspects: [{ aspectId: null, title: null, findings: other.map(summary) }],
    });
  return sections;
}

export type TLineDiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };

/** Beyond this many cells of the LCS table the middle is shown as replaced whole (see diffLines). */
export const MAX_DIFF_CELLS = 4_000_000;

function lines(s: string): string[] {
  return s === '' ? [] : s.split(/\r\n|\n|\r/);
}

/**
 * A line diff of two versions of a text (the report's comparison between versions): the longest
 * common subsequence of lines, as equal / delete (only in `a`) / insert (only in `b`) lines, deletions
 * before insertions where lines were replaced. Keeping the equal and deleted lines gives `a`, keeping
 * the equal and inserted lines gives `b`. The common head and tail are matched first; if what is left
 * would still need more than MAX_DIFF_CELLS table cells (two texts of thousands of changed lines), the
 * rest is shown as deleted and inserted whole, which is still a correct diff.
 */
export function diffLines(a: string, b: string): TLineDiffOp[] {
  const x = lines(a);
  const y = lines(b);
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  const out: TLineDiffOp[] = x.slice(0, head).map((text) => ({ op: 'equal', text }));
  const n = xs.length;
  const m = ys.length;
  if (n * m > MAX_DIFF_CELLS) {
    for (const text of xs) out.push({ op: 'delete', text });
    for (const text of ys) out.push({ op: 'insert', text });
  } else {
    // lcs[i][j]: the LCS length of xs[i…] and ys[j…], in one flat array of (n+1)·(m+1) cells.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * w + j] =
          xs[i] === ys[j]
            ? (lcs[(i + 1) * w + j + 1] as number) + 1
            : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (xs[i] === ys[j]) {
        out.push({ op: 'equal', text: xs[i] as string });
        i++;
        j++;
      } else if ((lcs[(i + 1) * w + j] as number) >= (lcs[i * w + j + 1] as number))
        out.push({ op: 'delete', text: xs[i++] as string });
      else out.push({ op: 'insert', text: ys[j++] as string });
    }
    while (i < n) out.push({ op: 'delete', text: xs[i++] as string });
    while (j < m) out.push({ op: 'insert', text: ys[j++] as string });
  }
  for (const text of x.slice(x.length - tail)) out.push({ op: 'equal', text });
  return out;
}

/**
 * The text of a report version as compared between versions: the parts the team writes, each under
 * its heading, one paragraph a line. 主要问题 is left out: it comes from the findings, not the draft.
 */
export function reportDraftText(d: TReportDraft): string {
  const out: string[] = ['基本情况和总体评价', ...lines(d.overview), '意见建议'];
  d.suggestions.forEach((s, i) => {
    const [first = '', ...rest] = lines(s);
    out.push(`${i + 1}. ${first}`, ...rest);
  });
  for (const t of d.topicReports ?? []) out.push(`专题报告：${t.title}`, ...lines(t.body));
  return out.join('\n');
}

/** How many findings an outline lists: the 发现问题X个 of the report. */
export function outlineCount(outline: readonly TOutlineSection[]): number {
  return outline.reduce((n, s) => n + s.aspects.reduce((m, a) => m + a.findings.length, 0), 0);
}
