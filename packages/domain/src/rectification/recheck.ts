import { codePointLength } from '../common/text.ts';
import type { TRecheckResult } from './schemas.ts';

/**
 * 回头看 (domain.md §4): a look-back inspection rechecks each finding of the earlier inspection of
 * the same organization; a finding whose rectification is 不到位 becomes a finding of the
 * look-back, which then runs its own feedback and rectification.
 */

/** The fieldwork limits a finding's text must fit (title ≤ 200, facts ≤ 20,000 code points). */
const TITLE_MAX = 200;
const FACTS_MAX = 20_000;

/** Cuts `s` to at most `max` code points, ending with … when cut; never splits a surrogate pair. */
function clip(s: string, max: number): string {
  if (codePointLength(s) <= max) return s;
  return `${[...s].slice(0, max - 1).join('')}…`;
}

export interface TLookBackFindingDraft {
  title: string;
  facts: string;
  /** The earlier finding this one continues. */
  lookBackOfFindingId: string;
  /** Carried over: the same problem sits in the same place of the taxonomy. */
  taxonomyNodeId: string | null;
}

/**
 * The new finding an inadequate recheck becomes, as the defaults of the form the team confirms:
 * title 「上轮巡察反馈的“…”问题整改不到位」, facts opening with what the recheck found. An adequate
 * recheck becomes nothing (null).
 */
export function recheckFindingDraft(
  original: { id: string; title: string; taxonomyNodeId?: string | null },
  recheck: { result: TRecheckResult; facts: string },
): TLookBackFindingDraft | null {
  if (recheck.result !== 'inadequate') return null;
  const frame = (t: string) => `上轮巡察反馈的“${t}”问题整改不到位`;
  const room = TITLE_MAX - codePointLength(frame(''));
  const title = frame(clip(original.title, room));
  const facts = clip(`经巡察“回头看”核查，${frame(original.title)}。${recheck.facts.trim()}`, FACTS_MAX);
  return { title, facts, lookBackOfFindingId: original.id, taxonomyNodeId: original.taxonomyNodeId ?? null };
}
