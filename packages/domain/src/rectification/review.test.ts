import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jointReviewOutcome,
  planProblems,
  returnedCommentsText,
  SUBMISSION_ACTIONS,
  submissionActionFor,
  submissionEditable,
  submissionMove,
  type TPartyRating,
} from './review.ts';
import { DEFAULT_REVIEW_PARTIES, REVIEW_RATINGS, SUBMISSION_STATUSES, type TSubmissionStatus } from './schemas.ts';

const parties = DEFAULT_REVIEW_PARTIES;
const all = (rating: TPartyRating['rating'], comments = ''): TPartyRating[] =>
  parties.map((p) => ({ party: p.key, rating, comments }));

describe('jointReviewOutcome', () => {
  it('is pending while a party has not rated, naming it', () => {
    const r = jointReviewOutcome(parties, all('good').slice(0, 4));
    expect(r).toEqual({ outcome: 'pending', missing: [{ key: 'team', name: '巡察组' }] });
    expect(jointReviewOutcome(parties, [])).toMatchObject({ outcome: 'pending' });
  });

  it('returns at once on a 差, with the comments given so far, the 差 first', () => {
    const ratings: TPartyRating[] = [
      { party: 'discipline', rating: 'good', comments: '' },
      { party: 'organization', rating: 'fair', comments: '责任分工不够具体' },
      { party: 'office', rating: 'good', comments: '同意' },
    ];
    expect(jointReviewOutcome(parties, ratings)).toEqual({
      outcome: 'pending',
      missing: [
        { key: 'publicity', name: '宣传部' },
        { key: 'team', name: '巡察组' },
      ],
    });
    const r = jointReviewOutcome(parties, [
      ...ratings,
      { party: 'publicity', rating: 'poor', comments: '整改措施照搬问题表述，缺乏针对性' },
    ]);
    // The team had not rated: the round ends without it.
    expect(r).toEqual({
      outcome: 'returned',
      comments: [
        { party: 'publicity', partyName: '宣传部', rating: 'poor', comments: '整改措施照搬问题表述，缺乏针对性' },
        { party: 'organization', partyName: '组织部', rating: 'fair', comments: '责任分工不够具体' },
        { party: 'office', partyName: '巡察办', rating: 'good', comments: '同意' },
      ],
    });
    expect(returnedCommentsText(r)).toBe(
      '宣传部（差）：整改措施照搬问题表述，缺乏针对性\n组织部（中）：责任分工不够具体\n巡察办（好）：同意',
    );
    expect(
      jointReviewOutcome(parties, [{ party: 'discipline', rating: 'poor', comments: '方案未覆盖全部问题' }]),
    ).toEqual({
      outcome: 'returned',
      comments: [{ party: 'discipline', partyName: '纪委监委', rating: 'poor', comments: '方案未覆盖全部问题' }],
    });
    expect(returnedCommentsText({ outcome: 'passed' })).toBe('');
  });

  it('passes when all rated and none 差, 中 included', () => {
    expect(jointReviewOutcome(parties, all('good'))).toEqual({ outcome: 'passed' });
    expect(
      jointReviewOutcome(parties, [...all('good').slice(0, 4), { party: 'team', rating: 'fair', comments: '' }]),
    ).toEqual({
      outcome: 'passed',
    });
  });

  it('takes a party’s latest rating and ignores parties not configured', () => {
    const ratings = [...all('good'), { party: 'team', rating: 'poor' as const, comments: '佐证不足' }];
    expect(jointReviewOutcome(parties, ratings).outcome).toBe('returned');
    expect(jointReviewOutcome(parties, [...ratings, { party: 'team', rating: 'good', comments: '' }]).outcome).toBe(
      'passed',
    );
    expect(
      jointReviewOutcome(parties, [...all('good'), { party: 'audit', rating: 'poor', comments: '不属于会审单位' }]),
    ).toEqual({ outcome: 'passed' });
    const three = parties.slice(0, 3);
    expect(jointReviewOutcome(three, all('good').slice(0, 3))).toEqual({ outcome: 'passed' });
  });

  it('any 差 → returned at once, passed only when every party rated and none 差, else pending (property)', () => {
    const arb = fc.array(
      fc.record({
        party: fc.constantFrom(...parties.map((p) => p.key), 'other'),
        rating: fc.constantFrom(...REVIEW_RATINGS),
        comments: fc.constantFrom('', '意见'),
      }),
      { maxLength: 15 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 3, max: 5 }), (ratings, n) => {
        const ps = parties.slice(0, n);
        const latest = new Map(ratings.map((r) => [r.party, r]));
        const poor = ps.filter((p) => latest.get(p.key)?.rating === 'poor');
        const r = jointReviewOutcome(ps, ratings);
        if (poor.length) {
          expect(r.outcome).toBe('returned');
          if (r.outcome === 'returned') {
            expect(r.comments[0]?.rating).toBe('poor');
            expect(r.comments.filter((c) => c.rating === 'poor').map((c) => c.party)).toEqual(poor.map((p) => p.key));
            // Only parties that rated speak in the send-back.
            for (const c of r.comments) expect(latest.has(c.party)).toBe(true);
          }
        } else if (ps.every((p) => latest.has(p.key))) expect(r).toEqual({ outcome: 'passed' });
        else
          expect(r).toEqual({
            outcome: 'pending',
            missing: ps.filter((p) => !latest.has(p.key)).map((p) => ({ ...p })),
          });
      }),
    );
  });

  it('a 差 returns whatever order the ratings come in (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }),
        fc.nat(),
        fc.array(fc.constantFrom('good', 'fair') as fc.Arbitrary<'good' | 'fair'>, { minLength: 5, maxLength: 5 }),
        (n, k, others) => {
          const ps = parties.slice(0, n);
          const poorAt = k % n;
          // Parties rate in turn; the round's outcome after each rating is what the server decides on.
          const seq = ps.map((p, i) => ({
            party: p.key,
            rating: i === poorAt ? ('poor' as const) : (others[i] as 'good' | 'fair'),
            comments: i === poorAt ? '整改措施不具体' : '',
          }));
          const outcomes = seq.map((_, i) => jointReviewOutcome(ps, seq.slice(0, i + 1)).outcome);
          expect(outcomes.indexOf('returned')).toBe(poorAt);
          expect(outcomes.slice(0, poorAt).every((x) => x === 'pending')).toBe(true);
        },
      ),
    );
  });
});

describe('submissions', () => {
  it('go draft → inReview → returned → inReview → accepted', () => {
    expect(submissionMove('draft', 'submit')).toEqual({ ok: true, status: 'inReview' });
    expect(submissionMove('inReview', 'return')).toEqual({ ok: true, status: 'returned' });
    expect(submissionMove('returned', 'submit')).toEqual({ ok: true, status: 'inReview' });
    expect(submissionMove('inReview', 'accept')).toEqual({ ok: true, status: 'accepted' });
  });

  it('refuse the other moves in Chinese', () => {
    expect(submissionMove('accepted', 'submit')).toEqual({ ok: false, problem: '已通过联合会审，不能再次报送' });
    expect(submissionMove('inReview', 'submit')).toEqual({ ok: false, problem: '当前为“联合会审中”，不能报送会审' });
    expect(submissionMove('draft', 'accept')).toEqual({ ok: false, problem: '当前为“起草中”，没有待决定的会审' });
    expect(submissionMove('draft', 'constructor' as never)).toEqual({ ok: false, problem: '不支持的操作' });
    fc.assert(
      fc.property(fc.constantFrom(...SUBMISSION_STATUSES), fc.constantFrom(...SUBMISSION_ACTIONS), (s, a) => {
        const r = submissionMove(s, a);
        if (r.ok) expect(submissionEditable(s) ? a === 'submit' : s === 'inReview').toBe(true);
        if (s === 'accepted') expect(r.ok).toBe(false);
      }),
    );
  });

  it('follow the review outcome, and are editable only with the organization', () => {
    expect(submissionActionFor({ outcome: 'passed' })).toBe('accept');
    expect(submissionActionFor({ outcome: 'returned', comments: [] })).toBe('return');
    expect(submissionActionFor({ outcome: 'pending', missing: [] })).toBeNull();
    const editable = SUBMISSION_STATUSES.filter((s: TSubmissionStatus) => submissionEditable(s));
    expect(editable).toEqual(['draft', 'returned']);
  });
});

describe('planProblems', () => {
  it('needs a task for every finding', () => {
    expect(planProblems([])).toEqual(['问题清单为空，无法报送整改方案']);
    expect(
      planProblems([
        { id: '1', title: '违规发放津补贴', taskCount: 2 },
        { id: '2', title: '意识形态工作责任制落实不到位', taskCount: 0 },
      ]),
    ).toEqual(['问题“意识形态工作责任制落实不到位”尚未制定整改任务']);
  });
});
