import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activityApproveProblem,
  activityDateProblem,
  activityMissing,
  activityNeedsApproval,
  initialActivityStatus,
  summarize,
  type TSummaryRecords,
} from './activities.ts';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, PAPER_STATUSES, ZInspectionSummary } from './schemas.ts';

const empty: TSummaryRecords = {
  interviews: [],
  activities: [],
  petitions: 0,
  surveyAnswers: 0,
  workingPapers: [],
  findings: [],
  clues: [],
};

describe('暗访 approval', () => {
  it('only a 暗访 waits for the 组长, unless the 组长 records it', () => {
    expect(ACTIVITY_KINDS.filter(activityNeedsApproval)).toEqual(['covertVisit']);
    expect(initialActivityStatus('covertVisit', 'member')).toBe('pendingApproval');
    expect(initialActivityStatus('covertVisit', 'deputy')).toBe('pendingApproval');
    expect(initialActivityStatus('covertVisit', 'leader')).toBe('recorded');
    expect(initialActivityStatus('visit', 'member')).toBe('recorded');
  });

  it('says what is missing', () => {
    expect(activityMissing({ kind: 'covertVisit', status: 'pendingApproval', inspectorIds: ['a'] })).toEqual([
      '暗访须经组长批准',
      '暗访须有两名以上巡察人员参加',
    ]);
    expect(activityMissing({ kind: 'covertVisit', status: 'recorded', inspectorIds: ['a', 'b'] })).toEqual([]);
    expect(activityMissing({ kind: 'covertVisit', status: 'recorded', inspectorIds: ['a', 'a'] })).toHaveLength(1);
    expect(activityMissing({ kind: 'forum', status: 'recorded', inspectorIds: [] })).toEqual([]);
  });

  it('is given by the 组长 only, once', () => {
    const pending = { kind: 'covertVisit' as const, status: 'pendingApproval' as const, inspectorIds: ['a', 'b'] };
    expect(activityApproveProblem(pending, 'leader')).toBeNull();
    expect(activityApproveProblem(pending, 'deputy')).toBe('暗访须经组长批准');
    expect(activityApproveProblem(pending, null)).toBe('暗访须经组长批准');
    expect(activityApproveProblem({ ...pending, status: 'recorded' }, 'leader')).toBe('该活动已批准');
    expect(activityApproveProblem({ ...pending, inspectorIds: ['a'] }, 'leader')).toContain('两名以上');
    expect(activityApproveProblem({ ...pending, kind: 'visit' }, 'leader')).toBe('走访无需审批');
  });
});

describe('activity dates', () => {
  it('lie between the entry date and today', () => {
    expect(activityDateProblem('2026-03-10', '2026-03-01', '2026-03-20')).toBeNull();
    expect(activityDateProblem('2026-03-01', '2026-03-01', '2026-03-01')).toBeNull();
    expect(activityDateProblem('2026-02-28', '2026-03-01', '2026-03-20')).toBe('日期不能早于进驻日期（2026-03-01）');
    expect(activityDateProblem('2026-03-21', '2026-03-01', '2026-03-20')).toBe('日期不能晚于今天');
    expect(activityDateProblem('2026-03-10', null, '2026-03-20')).toContain('尚未进驻');
  });
});

describe('summarize', () => {
  it('counts 谈话 in 人次, 调阅 in 份 and the rest in 次, recorded activities only', () => {
    const s = summarize({
      ...empty,
      interviews: [{}, {}, {}],
      activities: [
        { kind: 'documentReview', count: 120, status: 'recorded' },
        { kind: 'documentReview', count: 35, status: 'recorded' },
        { kind: 'visit', count: 1, status: 'recorded' },
        { kind: 'visit', count: 3, status: 'recorded' },
        { kind: 'forum', count: 1, status: 'recorded' },
        { kind: 'covertVisit', count: 1, status: 'pendingApproval' },
        { kind: 'covertVisit', count: 2, status: 'recorded' },
      ],
      petitions: 7,
      surveyAnswers: 214,
      workingPapers: [
        { status: 'draft' },
        { status: 'deputyReview' },
        { status: 'leaderReview' },
        { status: 'signedOff' },
      ],
      findings: [{ immediate: true }, { immediate: false }],
      clues: [
        { subjects: [{ name: '张三', post: '局长' }] },
        {
          subjects: [
            { name: '张三', post: '局长' },
            { name: '李四', post: '科长' },
          ],
        },
      ],
    });
    expect(s).toEqual({
      activities: {
        interviews: 3,
        documentReviews: 155,
        visits: 4,
        forums: 1,
        meetings: 0,
        briefings: 0,
        covertVisits: 2,
      },
      petitions: 7,
      surveys: 214,
      workingPapers: { draft: 1, inReview: 2, signedOff: 1 },
      findings: 2,
      immediateFixes: 1,
      clues: { cases: 2, persons: 2, personTimes: 3 },
    });
    expect(ZInspectionSummary.parse(s)).toEqual(s);
    expect(summarize(empty).activities.interviews).toBe(0);
  });

  it('adds up over any records (property)', () => {
    const activity = fc.record({
      kind: fc.constantFrom(...ACTIVITY_KINDS),
      count: fc.integer({ min: 1, max: 500 }),
      status: fc.constantFrom(...ACTIVITY_STATUSES),
    });
    fc.assert(
      fc.property(
        fc.array(activity, { maxLength: 30 }),
        fc.array(
          fc.constantFrom(...PAPER_STATUSES).map((status) => ({ status })),
          { maxLength: 20 },
        ),
        fc.array(
          fc.boolean().map((immediate) => ({ immediate })),
          { maxLength: 20 },
        ),
        (activities, workingPapers, findings) => {
          const s = summarize({ ...empty, activities, workingPapers, findings });
          const recorded = activities.filter((a) => a.status === 'recorded');
          const a = s.activities;
          expect(a.documentReviews + a.visits + a.forums + a.meetings + a.briefings + a.covertVisits).toBe(
            recorded.reduce((n, x) => n + x.count, 0),
          );
          const w = s.workingPapers;
          expect(w.draft + w.inReview + w.signedOff).toBe(workingPapers.length);
          expect(s.immediateFixes).toBeLessThanOrEqual(s.findings);
        },
      ),
    );
  });
});
