import { describe, expect, it } from 'vitest';
import { codePointLength, textProblem } from '../common/text.ts';
import { rectificationStageProblem, type TOrgRectificationFacts } from './prerequisites.ts';
import { recheckFindingDraft } from './recheck.ts';
import { ZRecheckCreate } from './schemas.ts';

describe('recheckFindingDraft', () => {
  const original = { id: 'f1', title: '违规发放津补贴', taxonomyNodeId: 'n1' };

  it('turns an inadequate recheck into a finding of the look-back', () => {
    expect(
      recheckFindingDraft(original, { result: 'inadequate', facts: '仍有3名干部未退回违规领取的津补贴共计2.4万元。' }),
    ).toEqual({
      title: '上轮巡察反馈的“违规发放津补贴”问题整改不到位',
      facts:
        '经巡察“回头看”核查，上轮巡察反馈的“违规发放津补贴”问题整改不到位。仍有3名干部未退回违规领取的津补贴共计2.4万元。',
      lookBackOfFindingId: 'f1',
      taxonomyNodeId: 'n1',
    });
  });

  it('makes nothing of an adequate one', () => {
    expect(recheckFindingDraft(original, { result: 'adequate', facts: '已全部退回' })).toBeNull();
  });

  it('keeps the title within 200 code points, without splitting a character', () => {
    const long = '𠀀'.repeat(300);
    const d = recheckFindingDraft({ id: 'f', title: long }, { result: 'inadequate', facts: '核查发现仍未整改到位。' });
    expect(codePointLength(d?.title ?? '')).toBe(200);
    expect(d?.title).toMatch(/…”问题整改不到位$/);
    expect(textProblem(d?.title ?? '')).toBeNull();
    expect(d?.taxonomyNodeId).toBeNull();
  });

  it('needs the facts of an inadequate recheck', () => {
    const base = { originalFindingId: '0190a6b2-0000-7000-8000-000000000001', checkedOn: '2025-06-01' };
    expect(ZRecheckCreate.safeParse({ ...base, result: 'inadequate', facts: '未整改' }).error?.issues[0]?.message).toBe(
      '整改不到位须写明核查发现的事实（至少10个字）',
    );
    expect(ZRecheckCreate.safeParse({ ...base, result: 'adequate', facts: '已整改到位' }).success).toBe(true);
    expect(ZRecheckCreate.safeParse({ ...base, result: 'adequate', facts: '' }).error?.issues[0]?.message).toBe(
      '核查情况不能为空',
    );
  });
});

describe('rectificationStageProblem', () => {
  const ready: TOrgRectificationFacts = {
    orgName: '市教育局',
    plan: 'accepted',
    rectificationReport: 'accepted',
    leaderReport: 'accepted',
    evaluationGrade: 'good',
    published: true,
  };

  it('lets a finished inspection move on', () => {
    expect(rectificationStageProblem('evaluated', [ready])).toBeNull();
    expect(rectificationStageProblem('published', [ready])).toBeNull();
  });

  it('names what is missing', () => {
    expect(
      rectificationStageProblem('evaluated', [{ ...ready, leaderReport: 'inReview', evaluationGrade: null }]),
    ).toBe('尚未完成主要负责人组织落实情况报告联合会审、评定整改评估等次，不能完成整改评估');
    expect(rectificationStageProblem('published', [{ ...ready, published: false }])).toBe(
      '尚未在公开批次中公开整改结果，不能公开整改结果',
    );
    expect(rectificationStageProblem('evaluated', [])).toBe('巡察没有被巡察党组织，不能完成整改评估');
  });

  it('names the organization when there are several', () => {
    expect(
      rectificationStageProblem('published', [
        ready,
        { ...ready, orgName: '某镇党委', plan: 'returned', published: false },
      ]),
    ).toBe('某镇党委尚未完成整改方案联合会审、在公开批次中公开整改结果，不能公开整改结果');
  });
});
