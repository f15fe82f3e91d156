import type { TTeamRole } from '../personnel/schemas.ts';
import {
  MIN_RETURN_REASON,
  PAPER_ACTIONS,
  PAPER_STATUS_LABELS,
  PAPER_STATUSES,
  returnReasonProblem,
  type TPaperAction,
  type TPaperStatus,
} from './schemas.ts';

/** Who is acting on a paper: their role on the inspection's team (null: not on it), and whether they wrote it. */
export interface TPaperActor {
  teamRole: TTeamRole | null;
  isAuthor: boolean;
}

export interface TReviewOptions {
  /**
   * The team has a 副组长 other than the paper's author. The server computes it from the roster when
   * the move is made.
   */
  deputyAvailable: boolean;
  /** The reason given with a send-back (≥ 5 字). */
  reason?: string | null | undefined;
}

export type TReviewOutcome = { to: TPaperStatus; problem?: never } | { problem: string; to?: never };

function isStatus(s: string): s is TPaperStatus {
  return (PAPER_STATUSES as readonly string[]).includes(s);
}
function isAction(a: string): a is TPaperAction {
  return (PAPER_ACTIONS as readonly string[]).includes(a);
}

/**
 * 三审 (domain.md §5): the author submits, a 副组长 approves, the 组长 signs off; either reviewer may
 * send the paper back at their step, with a reason, and a send-back always returns it to the author as
 * a draft, so the three steps start again.
 *
 * Decided where the issue is silent, and kept strict:
 * - no one reviews their own paper at the 副组长 step, and only a 副组长 does that step — with one
 *   exception: a team with no 副组长 other than the author (none at all, or the only one wrote the
 *   paper). Then the step has no one to do it, so a submitted paper goes straight to the 组长, and a
 *   paper already waiting at the step (its deputy left the team) may be passed on by the 组长. The
 *   组长 still never does both steps for a paper in one click, and two people always see it.
 * - a paper the 组长 wrote needs a 副组长: the 组长 cannot be the only reviewer of his own paper, so it
 *   cannot be submitted in a team without one (the office adds a deputy, or a member writes it).
 * - the 组长 may send back at either step; a 副组长 only at theirs.
 * - a signed-off paper is final: it has become a finding, which is edited as a finding.
 */
export function reviewMove(
  status: TPaperStatus,
  action: TPaperAction,
  actor: TPaperActor,
  opts: TReviewOptions,
): TReviewOutcome {
  if (!isStatus(status) || !isAction(action)) return { problem: '底稿状态或审核操作不在可选范围内' };
  if (status === 'signedOff') return { problem: '底稿已审定，不能再提交、审核或退回' };
  const role = actor.teamRole;
  if (role === null) return { problem: '只有本巡察组成员可以办理底稿审核' };
  switch (action) {
    case 'submit':
      if (status !== 'draft') return { problem: `底稿正在${PAPER_STATUS_LABELS[status]}，不能重复提交` };
      if (!actor.isAuthor) return { problem: '只有底稿撰写人可以提交审核' };
      if (role === 'leader' && !opts.deputyAvailable)
        return { problem: '组长撰写的底稿须经副组长审核，本组没有副组长，请增配副组长或由组员撰写' };
      return { to: opts.deputyAvailable ? 'deputyReview' : 'leaderReview' };
    case 'approve':
      if (status === 'draft') return { problem: '底稿尚未提交审核' };
      if (status === 'deputyReview') {
        if (actor.isAuthor) return { problem: '不能审核本人撰写的底稿' };
        if (role === 'deputy' || (role === 'leader' && !opts.deputyAvailable)) return { to: 'leaderReview' };
        return { problem: '底稿正待副组长审核，只有副组长可以审核通过' };
      }
      if (role !== 'leader') return { problem: '底稿正待组长审签，只有组长可以审签' };
      return { to: 'signedOff' };
    case 'return': {
      if (status === 'draft') return { problem: '底稿尚未提交审核，无需退回' };
      const mayReturn = role === 'leader' || (status === 'deputyReview' && role === 'deputy' && !actor.isAuthor);
      if (!mayReturn)
        return {
          problem: status === 'deputyReview' ? '只有副组长或组长可以退回底稿' : '底稿正待组长审签，只有组长可以退回',
        };
      const bad = returnReasonProblem(opts.reason);
      return bad ? { problem: bad } : { to: 'draft' };
    }
  }
}

/** The actions the caller could take now (a send-back assumed to come with its reason): ZWorkingPaper.allowedActions. */
export function allowedPaperActions(
  status: TPaperStatus,
  actor: TPaperActor,
  opts: Pick<TReviewOptions, 'deputyAvailable'>,
): TPaperAction[] {
  const reason = '理'.repeat(MIN_RETURN_REASON);
  return PAPER_ACTIONS.filter((a) => reviewMove(status, a, actor, { ...opts, reason }).to !== undefined);
}

/**
 * Who may change the paper's text at each step: the author while it is a draft; the reviewer whose
 * step it is (reviewers polish the wording before they approve, and every save is kept as a version);
 * no one once it is signed off.
 */
export function paperEditProblem(status: TPaperStatus, actor: TPaperActor): string | null {
  if (actor.teamRole === null) return '只有本巡察组成员可以修改底稿';
  switch (status) {
    case 'draft':
      return actor.isAuthor ? null : '草稿只能由撰写人修改';
    case 'deputyReview':
      return actor.teamRole === 'leader' || (actor.teamRole === 'deputy' && !actor.isAuthor)
        ? null
        : '底稿正在副组长审核，只能由审核人修改';
    case 'leaderReview':
      return actor.teamRole === 'leader' ? null : '底稿正在组长审签，只能由组长修改';
    case 'signedOff':
      return '底稿已审定，不能修改';
  }
}

/**
 * Chinese reason a draft is not ready to submit, or null: a paper states its 定性依据 and its evidence
 * (domain.md §5: 定性依据 and 证据清单 are fields of every paper).
 */
export function submitProblem(paper: {
  regulationIds: readonly string[];
  evidence: readonly unknown[];
}): string | null {
  const missing: string[] = [];
  if (paper.regulationIds.length === 0) missing.push('请至少选择一条定性依据');
  if (paper.evidence.length === 0) missing.push('请至少列出一项证据');
  return missing.length ? missing.join('；') : null;
}
