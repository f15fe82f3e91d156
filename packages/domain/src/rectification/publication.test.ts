import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionBatch, publicationProblems, type TPublicationCheckEntry } from './publication.ts';
import {
  batchName,
  EVALUATION_GRADES,
  type TEvaluationGrade,
  WITHHOLD_REASON_LABELS,
  WITHHOLD_REASONS,
  ZPublicationItemUpdate,
} from './schemas.ts';

const entry = (patch: Partial<TPublicationCheckEntry> = {}): TPublicationCheckEntry => ({
  orgId: 'o1',
  orgName: '市交通运输局',
  grade: 'good',
  deferred: false,
  deferReason: null,
  items: [
    { text: '已清退违规发放津补贴12.3万元', withheld: false, withholdReason: null },
    { text: '涉及某在查案件的问题', withheld: true, withholdReason: 'caseUnderReview' },
  ],
  ...patch,
});

describe('withholding', () => {
  it('names the five legal reasons', () => {
    expect(WITHHOLD_REASONS).toHaveLength(5);
    expect(Object.values(WITHHOLD_REASON_LABELS)).toEqual([
      '涉及国家秘密',
      '正在初核或立案尚未公开的案件',
      '可能引起炒作',
      '可能引发群体性事件',
      '重大敏感事项',
    ]);
  });

  it('refuses an item withheld without a reason, in the schema and in the batch', () => {
    expect(ZPublicationItemUpdate.safeParse({ withheld: true }).error?.issues[0]?.message).toBe(
      '不予公开须选择法定的不予公开情形',
    );
    expect(ZPublicationItemUpdate.safeParse({ withheld: true, withholdReason: 'inconvenient' }).success).toBe(false);
    expect(ZPublicationItemUpdate.safeParse({ withheld: true, withholdReason: 'hypeRisk' }).success).toBe(true);
    expect(ZPublicationItemUpdate.safeParse({ withheld: false, withholdReason: 'hypeRisk' }).success).toBe(false);
    const e = entry({ items: [{ text: '某问题', withheld: true, withholdReason: null }] });
    expect(publicationProblems({ number: 1, edition: 'public', entries: [e] })).toEqual([
      '市交通运输局的第1项不予公开，须选择法定的不予公开情形',
    ]);
  });

  it('accepts a public version withholding items for a legal reason', () => {
    expect(publicationProblems({ number: 2, edition: 'public', entries: [entry()] })).toEqual([]);
  });

  it('keeps the internal version whole', () => {
    expect(publicationProblems({ number: 2, edition: 'internal', entries: [entry()] })).toEqual([
      '党内通报须与审定的巡察报告一致，市交通运输局的第2项不能隐去',
    ]);
  });

  it('refuses a reason on an item that is published', () => {
    const e = entry({ items: [{ text: '某问题', withheld: false, withholdReason: 'hypeRisk' }] });
    expect(publicationProblems({ number: 1, edition: 'public', entries: [e] })).toEqual([
      '市交通运输局的第1项已公开，不应填写不予公开的理由',
    ]);
  });
});

describe('deferral (延后公示)', () => {
  it('refuses publishing a 差 organization, an unevaluated one, or deferring without a reason', () => {
    expect(
      publicationProblems({
        number: 3,
        edition: 'public',
        entries: [
          entry({ grade: 'poor' }),
          entry({ orgId: 'o2', orgName: '某县委', grade: null }),
          entry({ orgId: 'o3', orgName: '市水利局', deferred: true, deferReason: ' ' }),
          entry({ orgId: 'o4', orgName: '市林业局', grade: 'poor', deferred: true, deferReason: '整改成效不明显' }),
        ],
      }),
    ).toEqual([
      '市交通运输局整改评估等次为“差”，应延后公示',
      '某县委尚未完成整改评估，不能公开',
      '市水利局延后公示须写明原因',
    ]);
  });

  it('checks the batch itself', () => {
    expect(publicationProblems({ number: 0, edition: 'public', entries: [] })).toEqual([
      '批次应为正整数',
      '本批次没有被巡察党组织',
    ]);
    expect(publicationProblems({ number: 1, edition: 'public', entries: [entry(), entry()] })).toEqual([
      '市交通运输局在本批次中重复',
    ]);
    expect(batchName(5)).toBe('第5批');
  });

  it('defers the grades the authority sets', () => {
    expect(
      publicationProblems({ number: 1, edition: 'public', entries: [entry({ grade: 'average' })] }, [
        'poor',
        'average',
      ]),
    ).toEqual(['市交通运输局整改评估等次为“一般”，应延后公示']);
  });

  it('partitions a batch with the reasons recorded', () => {
    const r = partitionBatch([
      { orgId: 'a', grade: 'good' as TEvaluationGrade | null },
      { orgId: 'b', grade: 'poor' },
      { orgId: 'c', grade: null },
      { orgId: 'd', grade: 'fairlyGood', deferReason: '正在开展专项整治，待整治结束后一并公示' },
      { orgId: 'e', grade: 'average' },
    ]);
    expect(r.published.map((c) => c.orgId)).toEqual(['a', 'e']);
    expect(r.deferred).toEqual([
      { orgId: 'b', grade: 'poor', deferReason: '整改评估等次为“差”，整改成效不明显，延后公示' },
      { orgId: 'c', grade: null, deferReason: '尚未完成整改评估，延后公示' },
      { orgId: 'd', grade: 'fairlyGood', deferReason: '正在开展专项整治，待整治结束后一并公示' },
    ]);
  });

  it('always defers a 差 organization, and the result passes the batch check (property)', () => {
    const candidate = fc.record({
      orgId: fc.uuid(),
      grade: fc.constantFrom<TEvaluationGrade | null>(...EVALUATION_GRADES, null),
      deferReason: fc.constantFrom<string | null>(null, '', '专项整治期间暂缓'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.orgId, maxLength: 30 }), (cs) => {
        const { published, deferred } = partitionBatch(cs);
        expect(published.length + deferred.length).toBe(cs.length);
        for (const c of cs.filter((x) => x.grade === 'poor' || x.grade === null))
          expect(deferred.some((d) => d.orgId === c.orgId)).toBe(true);
        for (const d of deferred) expect(d.deferReason.trim()).not.toBe('');
        const entries: TPublicationCheckEntry[] = [
          ...published.map((c) => ({ ...entry({ orgId: c.orgId, grade: c.grade }) })),
          ...deferred.map((c) => entry({ orgId: c.orgId, grade: c.grade, deferred: true, deferReason: c.deferReason })),
        ];
        if (entries.length) expect(publicationProblems({ number: 1, edition: 'public', entries })).toEqual([]);
      }),
    );
  });
});
