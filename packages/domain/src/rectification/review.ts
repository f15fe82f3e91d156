import {
  REVIEW_RATING_LABELS,
  SUBMISSION_STATUS_LABELS,
  type TReviewParty,
  type TReviewRating,
  type TSubmissionStatus,
} from './schemas.ts';

/**
 * Joint review (联合会审, domain.md §5): the plan and the reports are rated 好/中/差 by each of the
 * authority's 3 to 5 parties; any 差 sends the subject back with the comments.
 */

export interface TPartyRating {
  party: string;
  rating: TReviewRating;
  comments: string;
}

export type TJointReviewResult =
  | { outcome: 'pending'; missing: TReviewParty[] }
  | {
      outcome: 'returned';
      /** Every comment of the round, the 差 first, for the organization to answer in one revision. */
      comments: { party: string; partyName: string; rating: TReviewRating; comments: string }[];
    }
  | { outcome: 'passed' };

/**
 * The outcome of one round as it stands. Any 差 sends the subject back at once with the comments
 * given so far (the rule: the organization should not wait on parties that have not met
 * yet, and the parties still to rate are no longer asked); it passes only when every party has
 * rated and none 差; otherwise it waits for the parties named. A party's later rating replaces its
 * earlier one; ratings by parties not configured are ignored.
 */
export function jointReviewOutcome(
  parties: readonly Readonly<TReviewParty>[],
  ratings: readonly Readonly<TPartyRating>[],
): TJointReviewResult {
  const keys = new Set(parties.map((p) => p.key));
  const latest = new Map<string, Readonly<TPartyRating>>();
  for (const r of ratings) if (keys.has(r.party)) latest.set(r.party, r);
  const rated = parties.flatMap((p) => {
    const r = latest.get(p.key);
    return r ? [{ p, r }] : [];
  });
  if (rated.some(({ r }) => r.rating === 'poor')) {
    const order: Record<TReviewRating, number> = { poor: 0, fair: 1, good: 2 };
    const comments = rated
      .filter(({ r }) => r.rating === 'poor' || r.comments.trim() !== '')
      .sort((a, b) => order[a.r.rating] - order[b.r.rating])
      .map(({ p, r }) => ({ party: p.key, partyName: p.name, rating: r.rating, comments: r.comments }));
    return { outcome: 'returned', comments };
  }
  const missing = parties.filter((p) => !latest.has(p.key));
  if (missing.length) return { outcome: 'pending', missing: missing.map((p) => ({ ...p })) };
  return { outcome: 'passed' };
}

/** "纪委监委（差）：…" lines of a send-back, as the organization reads them. */
export function returnedCommentsText(result: TJointReviewResult): string {
  if (result.outcome !== 'returned') return '';
  return result.comments
    .map((c) => `${c.partyName}（${REVIEW_RATING_LABELS[c.rating]}）：${c.comments || '无具体意见'}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// A plan or report under review: draft → inReview → returned | accepted; returned → inReview again

export const SUBMISSION_ACTIONS = ['submit', 'return', 'accept'] as const;
export type TSubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

const MOVES: Record<TSubmissionAction, { from: readonly TSubmissionStatus[]; to: TSubmissionStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'inReview' },
  return: { from: ['inReview'], to: 'returned' },
  accept: { from: ['inReview'], to: 'accepted' },
};

/** The status after `action`, or the Chinese reason it cannot be taken. */
export function submissionMove(
  status: TSubmissionStatus,
  action: TSubmissionAction,
): { ok: true; status: TSubmissionStatus } | { ok: false; problem: string } {
  const m = Object.hasOwn(MOVES, action) ? MOVES[action] : null;
  if (!m) return { ok: false, problem: '不支持的操作' };
  if (!m.from.includes(status)) {
    const now = SUBMISSION_STATUS_LABELS[status] ?? status;
    if (action === 'submit')
      return {
        ok: false,
        problem: status === 'accepted' ? '已通过联合会审，不能再次报送' : `当前为“${now}”，不能报送会审`,
      };
    return { ok: false, problem: `当前为“${now}”，没有待决定的会审` };
  }
  return { ok: true, status: m.to };
}

/** The move a finished round makes: returned → 'return', passed → 'accept', pending → none. */
export function submissionActionFor(result: TJointReviewResult): TSubmissionAction | null {
  return result.outcome === 'returned' ? 'return' : result.outcome === 'passed' ? 'accept' : null;
}

/** The organization edits a plan or report only while it is with them. */
export function submissionEditable(status: TSubmissionStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/**
 * Chinese problems that keep a plan from going to review: 问题清单 / 任务清单 / 责任清单 means
 * every finding handed over has at least one task.
 */
export function planProblems(findings: readonly { id: string; title: string; taskCount: number }[]): string[] {
  if (findings.length === 0) return ['问题清单为空，无法报送整改方案'];
  return findings.filter((f) => f.taskCount < 1).map((f) => `问题“${f.title}”尚未制定整改任务`);
}
