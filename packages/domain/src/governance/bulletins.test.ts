import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BULLETIN_MOVES,
  bulletinEditProblem,
  bulletinMoveProblem,
  bulletinOutline,
  documentDate,
  isAddressedTo,
  type TBulletinOutlineInput,
} from './bulletins.ts';
import { BULLETIN_STATUSES, type TBulletinStatus } from './schemas.ts';

const status = fc.constantFrom(...BULLETIN_STATUSES);

describe('bulletin moves', () => {
  it('go draft → approved → sent, with the approval withdrawable until sent', () => {
    expect(bulletinMoveProblem('draft', 'approved')).toBeNull();
    expect(bulletinMoveProblem('approved', 'sent')).toBeNull();
    expect(bulletinMoveProblem('approved', 'draft')).toBeNull();
    expect(bulletinMoveProblem('draft', 'sent')).toBe('通报不能从“草稿”直接变为“已印发”');
    expect(bulletinMoveProblem('sent', 'draft')).toBe('通报已印发，不能再变更');
    expect(bulletinMoveProblem('draft', 'draft')).toBe('通报已是“草稿”状态');
    expect(bulletinMoveProblem('__proto__' as TBulletinStatus, 'sent')).toBe('通报状态不在可选范围内');
  });

  it('agree with the table (property)', () => {
    fc.assert(
      fc.property(status, status, (a, b) => {
        expect(bulletinMoveProblem(a, b) === null).toBe(BULLETIN_MOVES[a].includes(b));
      }),
    );
  });

  it('reach sent only through approved (property)', () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 12 }), (tries) => {
        let s: TBulletinStatus = 'draft';
        for (const to of tries) {
          if (bulletinMoveProblem(s, to) !== null) continue;
          if (to === 'sent') expect(s).toBe('approved');
          s = to;
        }
      }),
    );
  });

  it('let only a draft be edited', () => {
    expect(bulletinEditProblem('draft')).toBeNull();
    expect(bulletinEditProblem('approved')).toMatch(/撤回审批/);
    expect(bulletinEditProblem('sent')).toMatch(/已印发/);
  });
});

describe('isAddressedTo', () => {
  const viewer = { userId: 'u1', orgIds: ['org-police'] };
  it('shows a recipient what is addressed to its account or to its department', () => {
    expect(isAddressedTo({ kind: 'sectorLeader', userId: 'u1' }, viewer)).toBe(true);
    expect(isAddressedTo({ kind: 'sectorLeader', userId: 'u2' }, viewer)).toBe(false);
    expect(isAddressedTo({ kind: 'competentDept', orgId: 'org-police' }, viewer)).toBe(true);
    expect(isAddressedTo({ kind: 'competentDept', orgId: 'org-court' }, viewer)).toBe(false);
    // A leader is addressed as a person: being granted on an organization does not make one its leader.
    expect(isAddressedTo({ kind: 'sectorLeader', orgId: 'org-police' }, viewer)).toBe(false);
    expect(isAddressedTo({ kind: 'sectorLeader', userId: null, orgId: null }, viewer)).toBe(false);
  });
});

describe('bulletinOutline', () => {
  const input: TBulletinOutlineInput = {
    authorityName: '中共赣州市委巡察工作领导小组办公室',
    number: '赣巡办〔2026〕3号',
    title: '关于政法系统巡察发现共性问题的通报',
    sector: '政法',
    date: '2026-03-05',
    recipients: [
      { kind: 'competentDept', name: '市公安局党委' },
      { kind: 'sectorLeader', name: '张三同志' },
      { kind: 'competentDept', name: '市中级人民法院党组' },
    ],
    requestedActions: '请于30日内组织开展专项整治。\n\n整改情况报市委巡察办。',
    nameOrganizations: false,
    problems: [
      {
        name: '公职人员参与民间借贷和非法集资',
        description: '部分公职人员违规参与民间借贷。',
        inspections: 3,
        organizations: ['市公安局', '南康区公安分局', '市公安局'],
      },
    ],
  };

  it('reads as a 公文: addressees, opening, problems, requests, signature and date', () => {
    const o = bulletinOutline(input);
    expect(o.number).toBe('赣巡办〔2026〕3号');
    expect(o.addressees).toBe('张三同志，市公安局党委、市中级人民法院党组：');
    expect(o.paragraphs.map((p) => p.kind)).toEqual([
      'body',
      'heading1',
      'heading2',
      'body',
      'body',
      'heading1',
      'body',
      'body',
    ]);
    expect(o.paragraphs[0]?.text).toMatch(/政法系统（领域）共性问题通报如下/);
    expect(o.paragraphs[2]?.text).toBe('（一）公职人员参与民间借贷和非法集资');
    expect(o.paragraphs[4]?.text).toBe('该问题在3次巡察中发现，涉及2个单位。');
    expect(o.paragraphs.slice(-2).map((p) => p.text)).toEqual([
      '请于30日内组织开展专项整治。',
      '整改情况报市委巡察办。',
    ]);
    expect(o.signature).toBe('中共赣州市委巡察工作领导小组办公室');
    expect(o.date).toBe('2026年3月5日');
  });

  it('names the organizations only when the office chose to', () => {
    expect(JSON.stringify(bulletinOutline(input))).not.toContain('南康区公安分局');
    const named = bulletinOutline({ ...input, nameOrganizations: true });
    expect(named.paragraphs[4]?.text).toBe('该问题在3次巡察中发现，涉及市公安局、南康区公安分局共2个单位。');
  });

  it('keeps the office’s own opening and numbers the problems in Chinese', () => {
    const o = bulletinOutline({
      ...input,
      intro: '现将有关情况通报如下。',
      date: null,
      problems: Array.from({ length: 11 }, (_, i) => ({
        name: `问题${i + 1}`,
        description: '说明',
        inspections: 1,
        organizations: [],
      })),
    });
    expect(o.paragraphs[0]?.text).toBe('现将有关情况通报如下。');
    expect(o.paragraphs.filter((p) => p.kind === 'heading2').map((p) => p.text.slice(0, 4))).toContain('（十一）');
    expect(o.date).toBeNull();
  });

  it('writes the 成文日期 without leading zeros', () => {
    expect(documentDate('2026-10-01')).toBe('2026年10月1日');
    expect(() => documentDate('2026-02-30')).toThrow(RangeError);
  });
});
