import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceLabels, hitSentence, hitsFacts, hitsTitle, maskIdNo, rowRanges, runProgress } from './hits.ts';
import { RUN_PHASES } from './schemas.ts';

const ID = '360702195001010011';

describe('run progress', () => {
  it('moves forward through the phases and stays within 0..1', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RUN_PHASES), fc.double({ noNaN: true }), fc.double({ noNaN: true }), (p, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(runProgress(p, lo)).toBeLessThanOrEqual(runProgress(p, hi));
        expect(runProgress(p, a)).toBeGreaterThanOrEqual(0);
        expect(runProgress(p, a)).toBeLessThanOrEqual(1);
      }),
    );
    for (let i = 1; i < RUN_PHASES.length; i++)
      expect(runProgress(RUN_PHASES[i - 1] as never, 1)).toBeLessThanOrEqual(runProgress(RUN_PHASES[i] as never, 0));
    expect(runProgress('evidence', 1)).toBe(1);
    expect(runProgress('loading', Number.NaN)).toBe(0);
  });
});

describe('the words of a draft', () => {
  it('hides the birth date of a 身份证号', () => {
    expect(maskIdNo(ID)).toBe('360702********0011');
    expect(maskIdNo('12345')).toBe('*****');
  });

  it('says each rule’s hit in its own terms, amounts in 元 exactly', () => {
    expect(
      hitSentence('deceasedRecipients', {
        keys: { idNo: ID },
        name: '张三',
        measures: {
          count: 2,
          amountCents: 100050,
          deathDate: '2024-03-20',
          firstPayDate: '2024-04-05',
          lastPayDate: '2024-05-05',
        },
      }),
    ).toBe(
      '张三（身份证号360702********0011）死亡日期为2024-03-20，此后仍被发放2笔、共1000.50元（2024-04-05至2024-05-05）',
    );
    expect(
      hitSentence('duplicatePayments', {
        keys: { idNo: ID, project: '城乡低保', period: '2024-03' },
        measures: { count: 2, amountCents: 60000 },
      }),
    ).toBe('身份证号360702********0011在2024年3月“城乡低保”项目中被重复发放2笔、共600.00元');
    expect(
      hitSentence('consumablesBilledNotIssued', {
        keys: { item: '一次性注射器', spec: '5ml', month: '2024-03' },
        measures: { billed: '105', issued: '100', excess: '5' },
      }),
    ).toBe('2024年3月“一次性注射器（5ml）”向患者收费105，库房出库100，收费多于出库5');
    expect(
      hitSentence('invoiceScreens', {
        keys: { screen: 'holidayDate', supplier: '乙公司', invoiceNo: '00012348' },
        measures: { count: 1, amountCents: 5000, invoiceDate: '2024-10-01', dayKind: '法定节假日' },
      }),
    ).toBe('节假日开票：销售方“乙公司”发票00012348，1张、共50.00元，开票日期2024-10-01（法定节假日）');
  });

  it('writes the facts with the comparison it came from, and stops within what a draft holds', () => {
    const hit = { keys: { idNo: ID }, name: '张三', measures: { count: 1, amountCents: 100, employer: '某局' } };
    const facts = hitsFacts('publicServantRecipients', [hit, hit], {
      templateVersion: 1,
      sources: ['资金发放表《低保.csv》（SM3 ab12…）'],
      runId: 'r1',
    });
    expect(facts.split('\n')).toEqual([
      '经巡审贯通数据比对（规则“财政供养人员领取困难群众补贴”第1版，比对编号r1；比对数据：资金发放表《低保.csv》（SM3 ab12…）），发现以下2条疑点：',
      '1. 张三（身份证号360702********0011）为某局在册人员，同时领取需核查家庭经济状况的补贴1笔、共1.00元。',
      '2. 张三（身份证号360702********0011）为某局在册人员，同时领取需核查家庭经济状况的补贴1笔、共1.00元。',
    ]);
    const many = hitsFacts('publicServantRecipients', Array(1000).fill(hit), {
      templateVersion: 1,
      sources: [],
      runId: 'r',
    });
    expect(many.length).toBeLessThanOrEqual(20_000);
    expect(many).toMatch(/另有\d+条疑点未列出/);
    expect(hitsTitle('deceasedRecipients', 3)).toBe('死亡人员仍领取补贴（巡审贯通比对发现3人）');
  });

  it('lists the rows behind the hits per table, compactly and within the label length', () => {
    expect(rowRanges([7, 3, 4, 12, 10, 11, 9, 8, 4])).toBe('3、4、7—12');
    expect(rowRanges([1, 2])).toBe('1、2');
    const files = new Map([
      ['a', '2024年城乡低保发放明细.csv'],
      ['b', '死亡人员.xlsx'],
    ]);
    const labels = evidenceLabels(
      [
        {
          evidence: {
            payments: [
              { datasetId: 'a', row: 3 },
              { datasetId: 'a', row: 4 },
            ],
            deaths: [{ datasetId: 'b', row: 9 }],
          },
        },
        { evidence: { payments: [{ datasetId: 'a', row: 12 }] } },
      ],
      files,
    );
    expect(labels).toEqual([
      '资金发放表《2024年城乡低保发放明细.csv》第3、4、12行',
      '死亡人员名单《死亡人员.xlsx》第9行',
    ]);
    const long = evidenceLabels(
      [{ evidence: { payments: Array.from({ length: 300 }, (_, i) => ({ datasetId: 'a', row: i * 2 + 1 })) } }],
      files,
    );
    expect(long[0]?.length).toBeLessThanOrEqual(200);
    expect(long[0]).toMatch(/^资金发放表《2024年城乡低保发放明细\.csv》第1、3、5、.*等行$/);
  });
});
