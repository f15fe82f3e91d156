import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chineseNumeral,
  INSPECTION_MODE_LABELS,
  INSPECTION_MODES,
  inspectionTargetRows,
  ROUND_KIND_LABELS,
  ROUND_KINDS,
  roundName,
  teamName,
  termSpanProblem,
  ZCoverage,
  ZHolidayEntry,
  ZHolidayListQuery,
  ZHolidayYearUpdate,
  ZInspection,
  ZInspectionCreate,
  ZInspectionListQuery,
  ZInspectionUpdate,
  ZRoundApprove,
  ZRoundCreate,
  ZRoundUpdate,
  ZStage,
  ZStageTransition,
  ZTeamCreate,
  ZTermCreate,
  ZTermUpdate,
} from './schemas.ts';
import { ZStage as ZStageOfStages } from './stages.ts';

const id = (n: number) => `0190a5f0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const AUTH = id(1);
const ROUND = id(2);

function messages(r: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return r.error?.issues.map((i) => i.message) ?? [];
}

describe('kinds and modes', () => {
  it('have the words of domain.md §3 and Chinese labels', () => {
    expect(ROUND_KINDS).toEqual(['regular', 'special', 'mobile', 'lookBack']);
    expect(ROUND_KIND_LABELS).toEqual({
      regular: '常规巡察',
      special: '专项巡察',
      mobile: '机动巡察',
      lookBack: '巡察“回头看”',
    });
    expect(INSPECTION_MODES).toEqual([
      'ordinary',
      'escalated',
      'cross',
      'authorized',
      'joint',
      'directVillage',
      'townshipWithVillages',
    ]);
    expect(Object.values(INSPECTION_MODE_LABELS)).toEqual([
      '常规',
      '提级巡察',
      '交叉巡察',
      '授权巡察',
      '联动巡察',
      '直接巡村',
      '巡乡带村',
    ]);
  });

  it('re-exports the one ZStage', () => {
    expect(ZStage).toBe(ZStageOfStages);
  });
});

describe('chineseNumeral / roundName / teamName', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [21, '二十一'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [115, '一百一十五'],
    [1000, '一千'],
    [1001, '一千零一'],
    [1010, '一千零一十'],
    [1100, '一千一百'],
    [2024, '二千零二十四'],
    [9999, '九千九百九十九'],
  ])('%i → %s', (n, s) => {
    expect(chineseNumeral(n)).toBe(s);
  });

  it('names rounds and teams', () => {
    expect(roundName(11)).toBe('第十一轮');
    expect(teamName(1)).toBe('第一巡察组');
    expect(teamName(12)).toBe('第十二巡察组');
  });

  it('refuses what it cannot write', () => {
    for (const n of [0, -1, 1.5, 10000, Number.NaN]) expect(() => chineseNumeral(n)).toThrow(RangeError);
  });

  it('writes distinct numerals with no doubled or trailing 零 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9999 }), (a, b) => {
        const s = chineseNumeral(a);
        expect(s).not.toMatch(/零零|零$/);
        expect(s).toMatch(/^[一二三四五六七八九十百千零]+$/);
        if (a !== b) expect(s).not.toBe(chineseNumeral(b));
      }),
    );
  });
});

describe('terms', () => {
  const base = { authorityId: AUTH, name: ' 五届市委 ', startDate: '2016-09-01', endDate: '2021-08-31' };

  it('accepts a five-year term and trims its name', () => {
    expect(ZTermCreate.parse(base)).toEqual({ ...base, name: '五届市委' });
  });

  it('refuses an end not after the start', () => {
    const r = ZTermCreate.safeParse({ ...base, endDate: '2016-09-01' });
    expect(messages(r)).toEqual(['届期结束日期必须晚于开始日期']);
    expect(r.error?.issues[0]?.path).toEqual(['endDate']);
  });

  it('refuses a term longer than six years, exactly at the bound', () => {
    expect(ZTermCreate.safeParse({ ...base, endDate: '2022-09-01' }).success).toBe(true);
    expect(messages(ZTermCreate.safeParse({ ...base, endDate: '2022-09-02' }))).toEqual(['届期不能超过6年']);
    expect(termSpanProblem('2020-02-29', '2026-02-28')).toBeNull();
    expect(termSpanProblem('2020-02-29', '2026-03-01')).toBe('届期不能超过6年');
  });

  it('refuses a long name, a bad date and unknown fields', () => {
    expect(ZTermCreate.safeParse({ ...base, name: '届'.repeat(41) }).success).toBe(false);
    expect(ZTermCreate.safeParse({ ...base, startDate: '2016-02-30' }).success).toBe(false);
    expect(ZTermCreate.safeParse({ ...base, current: true }).success).toBe(false);
  });

  it('checks dates given together on update, and allows one alone', () => {
    expect(ZTermUpdate.safeParse({ version: 1, startDate: '2021-01-01', endDate: '2020-01-01' }).success).toBe(false);
    expect(ZTermUpdate.safeParse({ version: 1, endDate: '2020-01-01' }).success).toBe(true);
    expect(ZTermUpdate.safeParse({ version: 1, name: '六届市委' }).success).toBe(true);
    expect(ZTermUpdate.safeParse({ name: '六届市委' }).success).toBe(false);
  });
});

describe('rounds', () => {
  const base = { termId: id(3), kind: 'regular', plannedStart: '2025-03-01', plannedEnd: '2025-05-31' } as const;

  it('accepts a round without number, name, theme or focus', () => {
    expect(ZRoundCreate.parse(base)).toEqual({ ...base, theme: '', focus: [] });
  });

  it('accepts a full round', () => {
    const r = ZRoundCreate.parse({
      ...base,
      number: 11,
      name: '第十一轮',
      theme: '政治巡察',
      focus: ['乡村振兴', '安全生产'],
    });
    expect(r.number).toBe(11);
    expect(r.focus).toHaveLength(2);
  });

  it('refuses a period that ends before it starts', () => {
    expect(messages(ZRoundCreate.safeParse({ ...base, plannedEnd: '2025-02-28' }))).toEqual([
      '计划结束日期不能早于开始日期',
    ]);
    expect(ZRoundUpdate.safeParse({ version: 1, plannedStart: '2025-03-01', plannedEnd: '2025-02-28' }).success).toBe(
      false,
    );
  });

  it('refuses bad numbers, kinds and too much focus', () => {
    for (const number of [0, 1.5, 1000, '3']) expect(ZRoundCreate.safeParse({ ...base, number }).success).toBe(false);
    expect(ZRoundCreate.safeParse({ ...base, kind: 'annual' }).success).toBe(false);
    expect(ZRoundCreate.safeParse({ ...base, focus: Array.from({ length: 21 }, (_, i) => `重点${i}`) }).success).toBe(
      false,
    );
    expect(ZRoundCreate.safeParse({ ...base, focus: [''] }).success).toBe(false);
  });

  it('records an approval with an optional note', () => {
    expect(ZRoundApprove.parse({ version: 2, approvedOn: '2025-02-20' })).toEqual({
      version: 2,
      approvedOn: '2025-02-20',
    });
    expect(ZRoundApprove.parse({ version: 2, approvedOn: '2025-02-20', note: '领导小组会议\n审议通过' }).note).toBe(
      '领导小组会议\n审议通过',
    );
    expect(ZRoundApprove.safeParse({ version: 2, approvedOn: '2025-02-30' }).success).toBe(false);
  });
});

describe('teams', () => {
  it('needs a name', () => {
    expect(ZTeamCreate.parse({ roundId: ROUND, name: '第一巡察组' })).toEqual({ roundId: ROUND, name: '第一巡察组' });
    expect(ZTeamCreate.safeParse({ roundId: ROUND, name: ' ' }).success).toBe(false);
  });
});

describe('inspections', () => {
  const base = { roundId: ROUND, mode: 'ordinary', targetOrgIds: [id(10), id(11)] } as const;

  it('accepts an ordinary 一托二 inspection', () => {
    expect(ZInspectionCreate.parse(base)).toEqual(base);
  });

  it('needs 1–30 distinct targets', () => {
    expect(messages(ZInspectionCreate.safeParse({ ...base, targetOrgIds: [] }))).toEqual(['请至少选择一个被巡察单位']);
    expect(
      ZInspectionCreate.safeParse({ ...base, targetOrgIds: Array.from({ length: 30 }, (_, i) => id(100 + i)) }).success,
    ).toBe(true);
    expect(
      ZInspectionCreate.safeParse({ ...base, targetOrgIds: Array.from({ length: 31 }, (_, i) => id(100 + i)) }).success,
    ).toBe(false);
    expect(messages(ZInspectionCreate.safeParse({ ...base, targetOrgIds: [id(10), id(10)] }))).toEqual([
      '被巡察单位有重复',
    ]);
    expect(ZInspectionCreate.safeParse({ ...base, targetOrgIds: ['not-a-uuid'] }).success).toBe(false);
  });

  it('needs the authorized authority for an authorized inspection, and only then', () => {
    expect(messages(ZInspectionCreate.safeParse({ ...base, mode: 'authorized' }))).toEqual([
      '授权巡察须指定被授权的巡察机构',
    ]);
    expect(ZInspectionCreate.safeParse({ ...base, mode: 'authorized', authorizedAuthorityId: AUTH }).success).toBe(
      true,
    );
    expect(messages(ZInspectionCreate.safeParse({ ...base, authorizedAuthorityId: AUTH }))).toEqual([
      '只有授权巡察才能指定被授权的巡察机构',
    ]);
  });

  it('needs villages for 巡乡带村, at most 200, not repeating a township', () => {
    const twv = { ...base, mode: 'townshipWithVillages', targetOrgIds: [id(20)] } as const;
    expect(messages(ZInspectionCreate.safeParse(twv))).toEqual(['巡乡带村须选择延伸巡察的村(社区)']);
    expect(messages(ZInspectionCreate.safeParse({ ...twv, villageOrgIds: [] }))).toEqual([
      '巡乡带村须选择延伸巡察的村(社区)',
    ]);
    expect(ZInspectionCreate.safeParse({ ...twv, villageOrgIds: [id(21), id(22)] }).success).toBe(true);
    expect(
      ZInspectionCreate.safeParse({ ...twv, villageOrgIds: Array.from({ length: 200 }, (_, i) => id(1000 + i)) })
        .success,
    ).toBe(true);
    expect(
      ZInspectionCreate.safeParse({ ...twv, villageOrgIds: Array.from({ length: 201 }, (_, i) => id(1000 + i)) })
        .success,
    ).toBe(false);
    expect(messages(ZInspectionCreate.safeParse({ ...twv, villageOrgIds: [id(20)] }))).toEqual([
      '同一单位不能既是被巡察单位又是延伸巡察的村(社区)',
    ]);
    expect(messages(ZInspectionCreate.safeParse({ ...twv, villageOrgIds: [id(21), id(21)] }))).toEqual([
      '延伸巡察的村(社区)有重复',
    ]);
  });

  it('takes villages as the targets of 直接巡村, not as villageOrgIds', () => {
    expect(ZInspectionCreate.safeParse({ ...base, mode: 'directVillage' }).success).toBe(true);
    expect(ZInspectionCreate.safeParse({ ...base, mode: 'directVillage', villageOrgIds: [id(30)] }).success).toBe(
      false,
    );
    expect(ZInspectionCreate.safeParse({ ...base, villageOrgIds: [id(30)] }).success).toBe(false);
  });

  it('refuses a planned exit before the planned entry', () => {
    expect(
      messages(ZInspectionCreate.safeParse({ ...base, plannedEntryDate: '2025-04-10', plannedExitDate: '2025-04-09' })),
    ).toEqual(['计划撤离日期不能早于计划进驻日期']);
    expect(
      ZInspectionCreate.safeParse({ ...base, plannedEntryDate: '2025-04-10', plannedExitDate: '2025-04-10' }).success,
    ).toBe(true);
  });

  it('refuses unknown fields such as a stage', () => {
    expect(ZInspectionCreate.safeParse({ ...base, stage: 'feedback' }).success).toBe(false);
  });

  it('checks the same rules on update, where null clears', () => {
    expect(ZInspectionUpdate.safeParse({ version: 1, teamId: null, plannedEntryDate: null }).success).toBe(true);
    expect(ZInspectionUpdate.safeParse({ version: 1, mode: 'authorized' }).success).toBe(false);
    expect(ZInspectionUpdate.safeParse({ version: 1, targetOrgIds: [id(1), id(1)] }).success).toBe(false);
    expect(ZInspectionUpdate.safeParse({ version: 1, villageOrgIds: [id(2)] }).success).toBe(true);
  });

  it('turns a create into target rows', () => {
    expect(inspectionTargetRows({ mode: 'ordinary', targetOrgIds: ['a', 'b'] })).toEqual([
      { orgId: 'a', role: 'primary' },
      { orgId: 'b', role: 'primary' },
    ]);
    expect(inspectionTargetRows({ mode: 'directVillage', targetOrgIds: ['v1'] })).toEqual([
      { orgId: 'v1', role: 'village' },
    ]);
    expect(
      inspectionTargetRows({ mode: 'townshipWithVillages', targetOrgIds: ['t'], villageOrgIds: ['v1', 'v2'] }),
    ).toEqual([
      { orgId: 't', role: 'primary' },
      { orgId: 'v1', role: 'village' },
      { orgId: 'v2', role: 'village' },
    ]);
  });

  it('parses an inspection as the server sends it', () => {
    const row = {
      id: id(50),
      roundId: ROUND,
      termId: id(3),
      authorityId: AUTH,
      teamId: id(4),
      teamName: '第一巡察组',
      mode: 'authorized',
      kind: 'regular',
      stage: 'feedback',
      targets: [{ orgId: id(10), name: '某县生态环境局', kind: '垂直管理驻县单位', role: 'primary' }],
      lookBackOfId: null,
      authorizedAuthorityId: id(5),
      plannedEntryDate: '2025-04-01',
      plannedExitDate: '2025-05-15',
      preparedDate: '2025-03-10',
      entryDate: '2025-04-01',
      exitDate: '2025-05-15',
      feedbackDate: '2025-06-20',
      transferDate: null,
      rectifyingStartDate: null,
      evaluatedDate: null,
      publishedDate: null,
      archivedDate: null,
      version: 3,
    };
    expect(ZInspection.parse(row)).toEqual(row);
  });

  it('lists with filters and a default limit', () => {
    expect(ZInspectionListQuery.parse({ stage: 'onSite', limit: '20' })).toEqual({ stage: 'onSite', limit: 20 });
    expect(ZInspectionListQuery.parse({}).limit).toBe(50);
    expect(ZInspectionListQuery.safeParse({ stage: 'done' }).success).toBe(false);
    expect(ZInspectionListQuery.safeParse({ q: 'x' }).success).toBe(false);
  });

  it('moves a stage with a date and an optional note', () => {
    expect(ZStageTransition.parse({ version: 1, to: 'onSite', date: '2025-04-01' })).toEqual({
      version: 1,
      to: 'onSite',
      date: '2025-04-01',
    });
    expect(ZStageTransition.safeParse({ version: 1, to: 'onSite' }).success).toBe(false);
    expect(ZStageTransition.safeParse({ version: 1, to: 'closed', date: '2025-04-01' }).success).toBe(false);
  });
});

describe('coverage and holidays', () => {
  it('describes the coverage contract', () => {
    const c = {
      total: 3,
      covered: 1,
      rate: 0.3333,
      byKind: [{ kind: '市直单位', total: 3, covered: 1 }],
      uncoveredCount: 2,
      uncovered: [
        { orgId: id(1), name: '甲', kind: '市直单位' },
        { orgId: id(2), name: '乙', kind: '市直单位' },
      ],
      byYear: [{ year: 2025, covered: 1 }],
      pace: {
        remainingTargets: 2,
        remainingDays: 100,
        neededPerYear: 8,
        coveredPerYearSoFar: 1.2,
        onTrack: false,
        warning: '…',
      },
    };
    expect(ZCoverage.parse(c)).toEqual(c);
  });

  it('takes holiday entries and a year of them', () => {
    expect(ZHolidayEntry.parse({ date: '2027-02-06', kind: 'holiday', name: '春节' })).toEqual({
      date: '2027-02-06',
      kind: 'holiday',
      name: '春节',
    });
    expect(ZHolidayEntry.safeParse({ date: '2027-02-06', kind: 'off', name: '春节' }).success).toBe(false);
    expect(ZHolidayListQuery.parse({ year: '2027' })).toEqual({ year: 2027 });
    const entries = [
      { date: '2026-12-31', kind: 'holiday', name: '元旦' },
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    ];
    expect(ZHolidayYearUpdate.safeParse({ year: 2027, entries }).success).toBe(true);
    expect(ZHolidayYearUpdate.safeParse({ year: 2027, entries: [...entries, entries[1]] }).success).toBe(false);
    expect(
      messages(
        ZHolidayYearUpdate.safeParse({
          year: 2027,
          entries: [{ date: '2026-05-01', kind: 'holiday', name: '劳动节' }],
        }),
      ),
    ).toEqual(['日期不在2027年']);
  });
});
