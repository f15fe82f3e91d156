import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TTeamRole } from '../personnel/schemas.ts';
import { allowedPaperActions, paperEditProblem, reviewMove, submitProblem, type TPaperActor } from './papers.ts';
import { PAPER_ACTIONS, PAPER_STATUSES, type TPaperAction, type TPaperStatus, ZPaperReview } from './schemas.ts';

const author = (teamRole: TTeamRole = 'member'): TPaperActor => ({ teamRole, isAuthor: true });
const deputy: TPaperActor = { teamRole: 'deputy', isAuthor: false };
const leader: TPaperActor = { teamRole: 'leader', isAuthor: false };
const member: TPaperActor = { teamRole: 'member', isAuthor: false };
const outsider: TPaperActor = { teamRole: null, isAuthor: false };
const REASON = '事实不清，请补充证据';
const withDeputy = { deputyAvailable: true, reason: REASON };
const noDeputy = { deputyAvailable: false, reason: REASON };

describe('三审', () => {
  it('runs author → 副组长 → 组长', () => {
    expect(reviewMove('draft', 'submit', author(), withDeputy)).toEqual({ to: 'deputyReview' });
    expect(reviewMove('deputyReview', 'approve', deputy, withDeputy)).toEqual({ to: 'leaderReview' });
    expect(reviewMove('leaderReview', 'approve', leader, withDeputy)).toEqual({ to: 'signedOff' });
  });

  it('keeps each step to its reviewer', () => {
    expect(reviewMove('deputyReview', 'approve', leader, withDeputy).problem).toContain('只有副组长');
    expect(reviewMove('deputyReview', 'approve', member, withDeputy).problem).toContain('只有副组长');
    expect(reviewMove('leaderReview', 'approve', deputy, withDeputy).problem).toContain('只有组长');
    expect(reviewMove('draft', 'approve', leader, withDeputy).problem).toContain('尚未提交');
    expect(reviewMove('draft', 'submit', member, withDeputy).problem).toContain('只有底稿撰写人');
    expect(reviewMove('deputyReview', 'submit', author(), withDeputy).problem).toContain('不能重复提交');
    expect(reviewMove('draft', 'submit', outsider, withDeputy).problem).toContain('本巡察组成员');
  });

  it('never lets a 副组长 review their own paper', () => {
    expect(reviewMove('deputyReview', 'approve', author('deputy'), withDeputy).problem).toBe('不能审核本人撰写的底稿');
    expect(reviewMove('deputyReview', 'return', author('deputy'), withDeputy).problem).toContain('只有副组长或组长');
  });

  it('sends a paper straight to the 组长 when the team has no other 副组长', () => {
    expect(reviewMove('draft', 'submit', author('deputy'), noDeputy)).toEqual({ to: 'leaderReview' });
    expect(reviewMove('draft', 'submit', author('member'), noDeputy)).toEqual({ to: 'leaderReview' });
    // A paper left at the deputy's step when the deputy left the team: the 组长 passes it on.
    expect(reviewMove('deputyReview', 'approve', leader, noDeputy)).toEqual({ to: 'leaderReview' });
    expect(reviewMove('deputyReview', 'approve', author('leader'), noDeputy).problem).toBe('不能审核本人撰写的底稿');
  });

  it('needs a 副组长 for a paper the 组长 wrote', () => {
    expect(reviewMove('draft', 'submit', author('leader'), noDeputy).problem).toContain('须经副组长审核');
    expect(reviewMove('draft', 'submit', author('leader'), withDeputy)).toEqual({ to: 'deputyReview' });
    expect(reviewMove('leaderReview', 'approve', author('leader'), withDeputy)).toEqual({ to: 'signedOff' });
  });

  it('sends back to the author only with a reason of five characters or more', () => {
    expect(reviewMove('deputyReview', 'return', deputy, withDeputy)).toEqual({ to: 'draft' });
    expect(reviewMove('leaderReview', 'return', leader, withDeputy)).toEqual({ to: 'draft' });
    expect(reviewMove('deputyReview', 'return', leader, withDeputy)).toEqual({ to: 'draft' });
    expect(reviewMove('leaderReview', 'return', deputy, withDeputy).problem).toContain('只有组长可以退回');
    expect(reviewMove('leaderReview', 'return', leader, { deputyAvailable: true, reason: '不行' }).problem).toContain(
      '至少5个字',
    );
    expect(
      reviewMove('leaderReview', 'return', leader, { deputyAvailable: true, reason: '  四个字  ' }).problem,
    ).toContain('至少5个字');
    expect(reviewMove('leaderReview', 'return', leader, { deputyAvailable: true }).problem).toContain('至少5个字');
    // Five code points, one of them outside the BMP.
    expect(reviewMove('leaderReview', 'return', leader, { deputyAvailable: true, reason: '𠀀不清楚。' })).toEqual({
      to: 'draft',
    });
    expect(reviewMove('draft', 'return', leader, withDeputy).problem).toContain('无需退回');
  });

  it('is final once signed off', () => {
    for (const a of PAPER_ACTIONS)
      for (const actor of [leader, deputy, author(), member])
        expect(reviewMove('signedOff', a, actor, withDeputy).problem).toContain('已审定');
    expect(reviewMove('bogus' as TPaperStatus, 'submit', author(), withDeputy).problem).toContain('不在可选范围');
    expect(reviewMove('draft', 'bogus' as TPaperAction, author(), withDeputy).problem).toContain('不在可选范围');
  });

  it('lists what the caller may do', () => {
    expect(allowedPaperActions('draft', author(), { deputyAvailable: true })).toEqual(['submit']);
    expect(allowedPaperActions('deputyReview', deputy, { deputyAvailable: true })).toEqual(['approve', 'return']);
    expect(allowedPaperActions('deputyReview', leader, { deputyAvailable: true })).toEqual(['return']);
    expect(allowedPaperActions('leaderReview', member, { deputyAvailable: true })).toEqual([]);
    expect(allowedPaperActions('signedOff', leader, { deputyAvailable: true })).toEqual([]);
  });

  it('lets the author edit a draft and the reviewer of the step edit it in review', () => {
    expect(paperEditProblem('draft', author())).toBeNull();
    expect(paperEditProblem('draft', leader)).toContain('撰写人');
    expect(paperEditProblem('deputyReview', deputy)).toBeNull();
    expect(paperEditProblem('deputyReview', leader)).toBeNull();
    expect(paperEditProblem('deputyReview', author('deputy'))).toContain('审核人');
    expect(paperEditProblem('leaderReview', leader)).toBeNull();
    expect(paperEditProblem('leaderReview', deputy)).toContain('组长');
    expect(paperEditProblem('signedOff', leader)).toContain('已审定');
    expect(paperEditProblem('draft', outsider)).toContain('本巡察组成员');
  });

  it('asks for a 定性依据 and evidence before submitting', () => {
    expect(submitProblem({ regulationIds: [], evidence: [] })).toBe('请至少选择一条定性依据；请至少列出一项证据');
    expect(submitProblem({ regulationIds: ['r'], evidence: [] })).toBe('请至少列出一项证据');
    expect(submitProblem({ regulationIds: ['r'], evidence: [{}] })).toBeNull();
  });

  it('the review request needs the reason only for a send-back', () => {
    expect(ZPaperReview.safeParse({ version: 1, action: 'approve' }).success).toBe(true);
    expect(ZPaperReview.safeParse({ version: 1, action: 'approve', reason: '同意' }).success).toBe(true);
    const r = ZPaperReview.safeParse({ version: 1, action: 'return', reason: '不行' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('退回须说明理由，至少5个字');
    expect(ZPaperReview.safeParse({ version: 1, action: 'return', reason: REASON }).success).toBe(true);
    expect(ZPaperReview.safeParse({ version: 1, action: 'sign' }).success).toBe(false);
  });
});

describe('三审 over random sequences of actions (property)', () => {
  type TStep = { action: TPaperAction; actor: TPaperActor; reason: string | undefined; deputyAvailable: boolean };
  type TMove = TStep & { from: TPaperStatus; to: TPaperStatus };
  const weighted = <T>(...xs: [number, T][]) =>
    fc.oneof(...xs.map(([weight, v]) => ({ weight, arbitrary: fc.constant(v) })));
  // Weighted towards plausible steps, and long, so that most runs reach a sign-off at least once.
  const role = weighted<TTeamRole | null>([3, 'leader'], [3, 'deputy'], [1, 'member'], [1, 'liaison'], [1, null]);
  const reason = weighted<string | undefined>([1, undefined], [1, ''], [1, '不行'], [4, REASON]);
  let signOffCount = 0;

  /** One author per paper; every other actor is someone else on (or off) the team. */
  const run = (
    authorRole: TTeamRole,
    steps: readonly (Omit<TStep, 'actor'> & { byAuthor: boolean; role: TTeamRole | null })[],
  ) => {
    let status: TPaperStatus = 'draft';
    let sinceDraft: TMove[] = [];
    const signOffs: TMove[][] = [];
    for (const s of steps) {
      const actor: TPaperActor = s.byAuthor
        ? { teamRole: authorRole, isAuthor: true }
        : { teamRole: s.role, isAuthor: false };
      const r = reviewMove(status, s.action, actor, { deputyAvailable: s.deputyAvailable, reason: s.reason });
      if (r.problem !== undefined) {
        expect(r.problem).toMatch(/\p{Script=Han}/u);
        continue;
      }
      const move: TMove = { ...s, actor, from: status, to: r.to };
      // A send-back always returns to the author's draft, and only with a reason.
      if (s.action === 'return') {
        expect(r.to).toBe('draft');
        expect([...(s.reason ?? '').trim()].length).toBeGreaterThanOrEqual(5);
      }
      expect(r.to).not.toBe(status);
      status = r.to;
      sinceDraft = status === 'draft' ? [] : [...sinceDraft, move];
      if (status === 'signedOff') signOffs.push(sinceDraft);
    }
    signOffCount += signOffs.length;
    return { status, signOffs };
  };

  const steps = fc.array(
    fc.record({
      action: weighted<TPaperAction>([2, 'submit'], [3, 'approve'], [1, 'return']),
      byAuthor: weighted([2, true], [3, false]),
      role,
      reason,
      deputyAvailable: weighted([3, true], [1, false]),
    }),
    { minLength: 20, maxLength: 60, size: 'max' },
  );
  const authorRole = fc.constantFrom<TTeamRole>('leader', 'deputy', 'member', 'liaison');

  it('with a 副组长 on the team: never signed off without submit → 副组长 → 组长 in that order', () => {
    signOffCount = 0;
    fc.assert(
      fc.property(authorRole, steps, (ar, ss) => {
        const { signOffs } = run(
          ar,
          ss.map((s) => ({ ...s, deputyAvailable: true })),
        );
        for (const path of signOffs) {
          expect(path.map((m) => [m.action, m.from])).toEqual([
            ['submit', 'draft'],
            ['approve', 'deputyReview'],
            ['approve', 'leaderReview'],
          ]);
          expect(path[0]?.actor.isAuthor).toBe(true);
          expect(path[1]?.actor).toEqual({ teamRole: 'deputy', isAuthor: false });
          expect(path[2]?.actor.teamRole).toBe('leader');
        }
      }),
      { numRuns: 300 },
    );
    expect(signOffCount).toBeGreaterThan(100);
  });

  it("with or without one: two people always sign, the 组长 last, and a 组长's own paper passes a 副组长", () => {
    signOffCount = 0;
    fc.assert(
      fc.property(authorRole, steps, (ar, ss) => {
        const { status, signOffs } = run(ar, ss);
        expect(PAPER_STATUSES).toContain(status);
        for (const path of signOffs) {
          const [submit, ...approvals] = path;
          expect(submit?.action).toBe('submit');
          expect(submit?.actor.isAuthor).toBe(true);
          expect(
            approvals.every((m) => m.action === 'approve' && !(m.from === 'deputyReview' && m.actor.isAuthor)),
          ).toBe(true);
          const last = approvals[approvals.length - 1];
          expect(last?.from).toBe('leaderReview');
          expect(last?.actor.teamRole).toBe('leader');
          if (approvals.length === 1) {
            // Straight to the 组长: only when no other 副组长 was there, and never for the 组长's own paper.
            expect(submit?.deputyAvailable).toBe(false);
            expect(ar).not.toBe('leader');
          } else {
            expect(approvals).toHaveLength(2);
            expect(approvals[0]?.from).toBe('deputyReview');
            const a0 = approvals[0]?.actor;
            expect(
              a0?.teamRole === 'deputy' || (a0?.teamRole === 'leader' && approvals[0]?.deputyAvailable === false),
            ).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(signOffCount).toBeGreaterThan(100);
  });
});
