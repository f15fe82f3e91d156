import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluationGrade,
  evaluationProblems,
  satisfactionDeduction,
  scoreEvaluation,
  type TRaterDeductions,
} from './evaluation.ts';
import { DEFAULT_SCORECARD, EVALUATION_GRADES, type TScorecard, ZScorecard } from './schemas.ts';

const officeOnly: TScorecard = {
  ...DEFAULT_SCORECARD,
  items: DEFAULT_SCORECARD.items.filter((i) => i.source === 'manual'),
  weights: { office: 100, team: 0, society: 0 },
};
const satItem = DEFAULT_SCORECARD.items.find((i) => i.source === 'satisfaction')!;

describe('the default scorecard', () => {
  it('deducts from 100 over the usual items, with grades at 90 / 80 / 60', () => {
    expect(ZScorecard.parse(DEFAULT_SCORECARD)).toEqual(DEFAULT_SCORECARD);
    expect(DEFAULT_SCORECARD.items.reduce((n, i) => n + i.maxDeduction, 0)).toBe(100);
    expect(DEFAULT_SCORECARD.items.map((i) => i.name)).toEqual([
      '整改方案质量',
      '整改任务完成',
      '佐证材料',
      '报告按时报送',
      '建章立制',
      '群众满意度',
    ]);
    expect(DEFAULT_SCORECARD.thresholds).toEqual({ good: 90, fairlyGood: 80, average: 60 });
  });
});

describe('evaluationGrade', () => {
  it.each([
    [100, 'good'],
    [90, 'good'],
    [89.99, 'fairlyGood'],
    [80, 'fairlyGood'],
    [79.99, 'average'],
    [60, 'average'],
    [59.99, 'poor'],
    [0, 'poor'],
  ] as const)('grades %s as %s', (score, grade) => {
    expect(evaluationGrade(score, DEFAULT_SCORECARD.thresholds)).toBe(grade);
  });

  it('never gives a lower score a better grade (property)', () => {
    const rank = (g: string) => EVALUATION_GRADES.indexOf(g as never);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a / 100, b / 100] : [b / 100, a / 100];
        expect(rank(evaluationGrade(lo, DEFAULT_SCORECARD.thresholds))).toBeGreaterThanOrEqual(
          rank(evaluationGrade(hi, DEFAULT_SCORECARD.thresholds)),
        );
      }),
    );
  });
});

describe('scoreEvaluation', () => {
  it.each([
    [{ taskCompletion: 10 }, 90, 'good'],
    [{ taskCompletion: 10, evidence: 0.1 }, 89.9, 'fairlyGood'],
    [{ taskCompletion: 15, planQuality: 5 }, 80, 'fairlyGood'],
    [{ taskCompletion: 15, planQuality: 5.1 }, 79.9, 'average'],
    [{ taskCompletion: 30, planQuality: 10 }, 60, 'average'],
    [{ taskCompletion: 30, planQuality: 10, reportsOnTime: 0.1 }, 59.9, 'poor'],
  ] as const)('deducting %j scores %s, graded %s (at the thresholds exactly)', (office, score, grade) => {
    const r = scoreEvaluation(officeOnly, { office }, null);
    expect(r.score).toBe(score);
    expect(r.grade).toBe(grade);
    expect(r.satisfactionDeduction).toBeNull();
  });

  it('adds 0.1 and 0.2 as 0.3', () => {
    expect(scoreEvaluation(officeOnly, { office: { planQuality: 0.1, evidence: 0.2 } }, null).score).toBe(99.7);
  });

  it('weights the raters and rounds to hundredths', () => {
    const d: TRaterDeductions = {
      office: { taskCompletion: 10 },
      team: { taskCompletion: 10 },
      society: { taskCompletion: 10.1 },
    };
    const r = scoreEvaluation({ ...DEFAULT_SCORECARD }, d, 0.96);
    // (50 × 90 + 30 × 90 + 20 × 89.9) / 100 = 89.98
    expect(r.score).toBe(89.98);
    expect(r.grade).toBe('fairlyGood');
    expect(r.byRater).toEqual([
      { rater: 'office', weight: 50, deducted: 10, score: 90 },
      { rater: 'team', weight: 30, deducted: 10, score: 90 },
      { rater: 'society', weight: 20, deducted: 10.1, score: 89.9 },
    ]);
    expect(r.satisfactionDeduction).toBe(0);
  });

  it('deducts the satisfaction item from the survey for every rater', () => {
    const d: TRaterDeductions = { office: {}, team: {}, society: {} };
    const r = scoreEvaluation(DEFAULT_SCORECARD, d, 0.85);
    expect(r.satisfactionDeduction).toBe(5);
    expect(r.score).toBe(95);
    expect(r.byRater.every((x) => x.deducted === 5)).toBe(true);
  });

  it('makes a vetoed evaluation 差 and keeps its score', () => {
    const r = scoreEvaluation(officeOnly, { office: {} }, null, '存在虚假整改');
    expect(r).toMatchObject({ score: 100, grade: 'poor', vetoed: true });
  });

  it('throws on the problems evaluationProblems reports', () => {
    expect(() => scoreEvaluation(DEFAULT_SCORECARD, { office: {} }, 0.9)).toThrow('尚缺巡察组的评分');
  });

  it('stays within 0..100 and drops as deductions grow (property)', () => {
    const manual = DEFAULT_SCORECARD.items.filter((i) => i.source === 'manual');
    const deductionsArb = fc.record(
      Object.fromEntries(
        manual.map((i) => [i.key, fc.integer({ min: 0, max: i.maxDeduction * 10 }).map((t) => t / 10)]),
      ),
    ) as fc.Arbitrary<Record<string, number>>;
    fc.assert(
      fc.property(
        deductionsArb,
        deductionsArb,
        deductionsArb,
        fc.integer({ min: 0, max: 1_000_000 }).map((p) => p / 1_000_000),
        (office, team, society, rate) => {
          const r = scoreEvaluation(DEFAULT_SCORECARD, { office, team, society }, rate);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          expect(Math.round(r.score * 100)).toBeCloseTo(r.score * 100, 6);
          expect(r.grade).toBe(evaluationGrade(r.score, DEFAULT_SCORECARD.thresholds));
          const more = { ...office, planQuality: 15 };
          expect(scoreEvaluation(DEFAULT_SCORECARD, { office: more, team, society }, rate).score).toBeLessThanOrEqual(
            r.score,
          );
          const lower = scoreEvaluation(DEFAULT_SCORECARD, { office, team, society }, Math.max(0, rate - 0.05));
          expect(lower.score).toBeLessThanOrEqual(r.score);
        },
      ),
    );
  });
});

describe('satisfactionDeduction', () => {
  it.each([
    [1, 0],
    [0.95, 0],
    [0.9, 0],
    [0.895, 0.5],
    [0.8999, 0],
    [0.8995, 0.1],
    [0.85, 5],
    [0.7, 20],
    [0, 20],
  ])('rate %s deducts %s points (1 a point below 90%, at most 20)', (rate, points) => {
    expect(satisfactionDeduction(satItem, rate)).toBe(points);
  });

  it('refuses a rate outside 0..1', () => {
    expect(() => satisfactionDeduction(satItem, 1.2)).toThrow(RangeError);
    expect(() => satisfactionDeduction(satItem, Number.NaN)).toThrow(RangeError);
  });
});

describe('evaluationProblems', () => {
  it('lists everything that keeps the score from being computed', () => {
    expect(
      evaluationProblems(
        DEFAULT_SCORECARD,
        {
          office: { planQuality: 16, unknown: 1, satisfaction: 2, evidence: 0.25 },
          team: { evidence: -1 },
        },
        null,
      ),
    ).toEqual([
      '巡察办对“整改方案质量”的扣分不能超过15分',
      '评分表中没有编码为“unknown”的评分项',
      '“群众满意度”按群众满意度测评结果扣分，不能手工扣分',
      '巡察办对“佐证材料”的扣分应为非负数，最多一位小数',
      '巡察组对“佐证材料”的扣分应为非负数，最多一位小数',
      '尚缺社会评价的评分',
      '尚无有效的群众满意度测评结果',
    ]);
    expect(evaluationProblems(officeOnly, { office: {}, team: {} }, null)).toEqual(['巡察组的权重为0，不参与评分']);
    expect(evaluationProblems(DEFAULT_SCORECARD, { office: {}, team: {}, society: {} }, 1.5)).toEqual([
      '群众满意率应在0到100%之间',
    ]);
    expect(evaluationProblems(DEFAULT_SCORECARD, { office: {}, team: {}, society: {} }, 0.97)).toEqual([]);
  });
});

describe('ZScorecard', () => {
  it('refuses inconsistent scorecards', () => {
    const bad = (patch: Partial<TScorecard>) => ZScorecard.safeParse({ ...DEFAULT_SCORECARD, ...patch });
    expect(bad({ weights: { office: 50, team: 30, society: 30 } }).error?.issues[0]?.message).toBe(
      '各评估主体权重之和应为100',
    );
    expect(bad({ thresholds: { good: 80, fairlyGood: 80, average: 60 } }).error?.issues[0]?.message).toBe(
      '等次分数线应为“好”＞“较好”＞“一般”',
    );
    expect(
      bad({ items: [...DEFAULT_SCORECARD.items, { key: 'extra', name: '其他', maxDeduction: 1, source: 'manual' }] })
        .error?.issues[0]?.message,
    ).toBe('各评分项最高扣分之和不能超过100分');
    expect(
      bad({ items: [{ key: 'a', name: '满意度', maxDeduction: 10, source: 'satisfaction' }] }).error?.issues[0]
        ?.message,
    ).toBe('“满意度”须设置满意率不扣分线和每低1个百分点扣分');
    expect(
      bad({ items: [{ key: 'a', name: '甲', maxDeduction: 10.05, source: 'manual' }] }).error?.issues[0]?.message,
    ).toBe('最高扣分最多保留一位小数');
    expect(
      bad({
        items: [
          { key: 'a', name: '甲', maxDeduction: 10, source: 'manual' },
          { key: 'a', name: '乙', maxDeduction: 10, source: 'manual' },
        ],
      }).error?.issues[0]?.message,
    ).toBe('评分项编码有重复');
  });
});
