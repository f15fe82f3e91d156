import { describe, expect, it } from 'vitest';
import { RECUSAL_RULE_LABELS } from './recusal.ts';
import {
  DEFAULT_PERSONNEL_SETTINGS,
  DIRECT_RELATIONS,
  EXPERTISE,
  isDirectRelative,
  PERSONNEL_SETTING_LABELS,
  POOL_LABELS,
  POOL_STATUS_LABELS,
  POOLS,
  RECUSAL_RULES,
  RELATION_LABELS,
  RELATIONS,
  TEAM_ROLE_LABELS,
  TEAM_ROLES,
  WORK_RELATION_LABELS,
  ZAuthorization,
  ZAuthorizationCreate,
  ZAwardCreate,
  ZDeclaration,
  ZInspector,
  ZInspectorCreate,
  ZInspectorList,
  ZInspectorListQuery,
  ZInspectorUpdate,
  ZObjection,
  ZPersonnelSettings,
  ZRecusalReport,
  ZSecondmentCreate,
  ZTeamMemberAdd,
  ZTeamRoster,
  ZTeamSuggestion,
  ZTrainingCreate,
} from './schemas.ts';

const id = (n: number) => `0190a5f0-0000-7000-8000-${String(n).padStart(12, '0')}`;

function messages(r: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return r.error?.issues.map((i) => i.message) ?? [];
}

const minimal = { authorityId: id(1), name: ' 张三 ', gender: 'male', homeUnitName: '赣州市委巡察办' };

describe('words', () => {
  it('are those of the brief, with Chinese labels', () => {
    expect(EXPERTISE).toHaveLength(14);
    expect(EXPERTISE).toContain('财务');
    expect(POOLS).toEqual(['staff', 'talentPool', 'leaderPool']);
    expect(POOL_LABELS).toEqual({ staff: '专职巡察干部', talentPool: '巡察人才库', leaderPool: '组长库' });
    expect(POOL_STATUS_LABELS).toEqual({ in: '在库', suspended: '暂停', out: '出库' });
    expect(TEAM_ROLES).toEqual(['leader', 'deputy', 'member', 'liaison']);
    expect(Object.values(TEAM_ROLE_LABELS)).toEqual(['组长', '副组长', '组员', '联络员']);
    expect(RELATIONS).toEqual(['spouse', 'parent', 'child', 'sibling', 'otherDirect', 'close']);
    expect(Object.values(RELATION_LABELS)).toEqual([
      '配偶',
      '父母',
      '子女',
      '兄弟姐妹',
      '其他直系亲属',
      '其他近亲属/密切关系',
    ]);
    expect(WORK_RELATION_LABELS).toEqual({ superior: '上级', subordinate: '下级', colleague: '同事' });
  });

  it('counts every relation but the wider circle as direct', () => {
    expect(DIRECT_RELATIONS).toEqual(RELATIONS.filter((r) => r !== 'close'));
    expect(isDirectRelative('spouse')).toBe(true);
    expect(isDirectRelative('close')).toBe(false);
  });

  it('lists the recusal rules once each, every one with a label', () => {
    expect(Object.keys(RECUSAL_RULE_LABELS)).toEqual([...RECUSAL_RULES]);
    expect(new Set(RECUSAL_RULES).size).toBe(RECUSAL_RULES.length);
  });
});

describe('ZPersonnelSettings', () => {
  it('fills missing keys with the defaults of §5', () => {
    expect(ZPersonnelSettings.parse({})).toEqual(DEFAULT_PERSONNEL_SETTINGS);
    expect(DEFAULT_PERSONNEL_SETTINGS).toEqual({
      teamMin: 5,
      teamMax: 7,
      deputiesMin: 1,
      deputiesMax: 2,
      requireFinanceOrAudit: true,
      recusalYears: 3,
      longTermYears: 3,
      longColleagueYears: 5,
      regionalRecusal: false,
    });
    expect(Object.isFrozen(DEFAULT_PERSONNEL_SETTINGS)).toBe(true);
    expect(Object.keys(PERSONNEL_SETTING_LABELS)).toEqual(Object.keys(DEFAULT_PERSONNEL_SETTINGS));
  });

  it('refuses ranges turned round and unknown keys', () => {
    expect(messages(ZPersonnelSettings.safeParse({ teamMin: 8 }))).toEqual(['巡察组最多人数不能少于最少人数']);
    expect(messages(ZPersonnelSettings.safeParse({ deputiesMin: 3 }))).toEqual(['副组长最多人数不能少于最少人数']);
    expect(messages(ZPersonnelSettings.safeParse({ teamMin: 1, teamMax: 1 }))).toEqual([
      '巡察组最多人数容纳不下组长和副组长',
    ]);
    expect(messages(ZPersonnelSettings.safeParse({ recusalYears: 0 }))).toEqual(['任职回避年限不能少于1']);
    expect(ZPersonnelSettings.safeParse({ foo: 1 }).success).toBe(false);
  });
});

describe('ZInspectorCreate', () => {
  it('takes a minimal inspector and fills the rest', () => {
    expect(ZInspectorCreate.parse(minimal)).toEqual({
      authorityId: id(1),
      name: '张三',
      gender: 'male',
      birthYear: null,
      homeOrgId: null,
      homeUnitName: '赣州市委巡察办',
      post: '',
      rank: '',
      politicalStatus: '中共党员',
      expertise: [],
      homeAuthorityId: null,
      pools: [],
      history: [],
      relatives: [],
      workRelations: [],
    });
  });

  it('keeps expertise once each, in the order of the list', () => {
    const r = ZInspectorCreate.parse({ ...minimal, expertise: ['审计', '纪检', '审计'] });
    expect(r.expertise).toEqual(['纪检', '审计']);
    expect(messages(ZInspectorCreate.safeParse({ ...minimal, expertise: ['烹饪'] }))).toEqual([
      '专业领域不在可选范围内',
    ]);
  });

  it('checks the periods of nested rows', () => {
    const r = ZInspectorCreate.safeParse({
      ...minimal,
      history: [{ unitName: '赣州市教育局', from: '2021-03-01', to: '2020-01-01' }],
      workRelations: [{ personName: '李四', relation: 'superior', from: '2021-03-01', to: '2021-02-28' }],
      pools: [{ pool: 'staff', since: '2022-01-01', until: '2021-01-01' }],
    });
    expect(messages(r).sort()).toEqual(
      ['出库日期不能早于入库日期', '工作关系的结束日期不能早于开始日期', '工作经历的结束日期不能早于开始日期'].sort(),
    );
    // A bad date is reported once, on its field, not again as a period.
    expect(
      messages(
        ZInspectorCreate.safeParse({
          ...minimal,
          history: [{ unitName: '某局', from: '2021-02-30', to: '2020-01-01' }],
        }),
      ),
    ).toEqual(['开始日期不是有效日期']);
  });

  it('refuses a pool twice, too many rows and unknown keys', () => {
    const pool = { pool: 'staff', since: '2022-01-01' };
    expect(messages(ZInspectorCreate.safeParse({ ...minimal, pools: [pool, pool] }))).toEqual(['专职巡察干部重复']);
    const row = { unitName: '某局', from: '2000-01-01' };
    expect(messages(ZInspectorCreate.safeParse({ ...minimal, history: Array(51).fill(row) }))).toEqual([
      '工作经历最多50条',
    ]);
    expect(ZInspectorCreate.safeParse({ ...minimal, history: Array(50).fill(row) }).success).toBe(true);
    const rel = { name: '王五', relation: 'spouse' };
    expect(messages(ZInspectorCreate.safeParse({ ...minimal, relatives: Array(31).fill(rel) }))).toEqual([
      '亲属最多30人',
    ]);
    const wr = { personName: '李四', relation: 'colleague', from: '2000-01-01' };
    expect(messages(ZInspectorCreate.safeParse({ ...minimal, workRelations: Array(31).fill(wr) }))).toEqual([
      '工作关系最多30条',
    ]);
    expect(ZInspectorCreate.safeParse({ ...minimal, salary: 1 }).success).toBe(false);
    expect(messages(ZInspectorCreate.safeParse({ ...minimal, name: '' }))).toEqual(['姓名不能为空']);
  });
});

describe('ZInspectorUpdate', () => {
  it('needs the version and takes only what changes', () => {
    expect(ZInspectorUpdate.safeParse({ name: '张三' }).success).toBe(false);
    expect(ZInspectorUpdate.parse({ version: 3, relatives: [] })).toEqual({ version: 3, relatives: [] });
    // The office is not changed through an update.
    expect(ZInspectorUpdate.safeParse({ version: 3, authorityId: id(2) }).success).toBe(false);
  });
});

describe('list query and read models', () => {
  it('reads the query string', () => {
    expect(ZInspectorListQuery.parse({ available: 'true', pool: 'leaderPool', limit: '20' })).toEqual({
      available: 'true',
      pool: 'leaderPool',
      limit: 20,
    });
    expect(messages(ZInspectorListQuery.safeParse({ available: 'yes' }))).toEqual(['是否空闲只能为 true 或 false']);
    expect(ZInspectorListQuery.parse({}).limit).toBe(50);
  });

  it('parses an inspector and a page of them', () => {
    const inspector = {
      id: id(10),
      authorityId: id(1),
      authorityName: '赣州市委巡察办',
      name: '张三',
      gender: 'female',
      birthYear: 1980,
      homeOrgId: null,
      homeUnitName: '赣州市审计局',
      post: '科长',
      rank: '一级主任科员',
      politicalStatus: '中共党员',
      expertise: ['审计'],
      homeAuthorityId: id(2),
      pools: [{ pool: 'talentPool', status: 'in', since: '2020-01-01', until: null }],
      history: [{ id: id(11), orgId: id(20), unitName: '赣州市审计局', post: '科长', from: '2015-01-01', to: null }],
      relatives: [{ id: id(12), name: '王五', relation: 'spouse', orgId: null, unitName: '', post: '' }],
      workRelations: [
        { id: id(13), personName: '李四', relation: 'superior', orgId: null, from: '2015-01-01', to: null },
      ],
      version: 1,
    };
    expect(ZInspector.parse(inspector)).toEqual(inspector);
    const { history: _h, relatives: _r, workRelations: _w, ...item } = inspector;
    const page = { items: [{ ...item, roundsServed: 4, currentTeams: 1 }], total: 1, nextCursor: null };
    expect(ZInspectorList.parse(page)).toEqual(page);
  });

  it('parses the contracts of recusal, suggestion, roster and authorization', () => {
    const reason = { rule: 'workedThere', detail: '2021年3月至今在赣州市教育局工作（近3年内）' };
    expect(ZRecusalReport.parse({ conflicts: [{ inspectorId: id(1), name: '张三', reasons: [reason] }] })).toBeTruthy();
    expect(
      ZRecusalReport.safeParse({
        conflicts: [{ inspectorId: id(1), name: '张三', reasons: [{ rule: 'x', detail: '' }] }],
      }).success,
    ).toBe(false);
    expect(
      ZTeamSuggestion.parse({
        members: [{ inspectorId: id(1), name: '张三', role: 'leader', why: '组长库在库' }],
        warnings: [{ code: 'teamTooSmall', message: '巡察组现有1人，少于规定的5人' }],
      }),
    ).toBeTruthy();
    expect(
      ZTeamRoster.parse({
        teamId: id(2),
        teamName: '第一巡察组',
        roundId: id(3),
        version: 2,
        members: [
          {
            id: id(4),
            teamId: id(2),
            inspectorId: id(1),
            name: '张三',
            role: 'member',
            expertise: ['审计'],
            homeUnitName: '赣州市审计局',
            override: { reason: '经巡察办主任批准，例外参加', byName: '赵六', at: '2026-03-01T08:00:00Z' },
            conflicts: [reason],
          },
        ],
        warnings: [],
      }),
    ).toBeTruthy();
    expect(
      ZAuthorization.parse({
        id: id(5),
        roundId: id(3),
        docNumber: '赣市巡授〔2026〕1号',
        decidedOn: '2026-03-01',
        leaders: [{ teamId: id(2), teamName: '第一巡察组', leaderName: '张三', deputyNames: ['李四'] }],
        taskDivision: '第一巡察组巡察市教育局',
        validUntil: '2026-06-30',
        version: 1,
      }),
    ).toBeTruthy();
  });
});

describe('inputs of the team and recusal pages', () => {
  it('wants a written reason of at least 10 characters to override a conflict', () => {
    const add = { inspectorId: id(1), role: 'member', version: 1 };
    expect(ZTeamMemberAdd.parse(add)).toEqual(add);
    expect(messages(ZTeamMemberAdd.safeParse({ ...add, override: { reason: '领导同意' } }))).toEqual([
      '回避例外理由至少10个字',
    ]);
    expect(
      ZTeamMemberAdd.safeParse({ ...add, override: { reason: '经巡察办主任批准，因专业需要例外参加' } }).success,
    ).toBe(true);
  });

  it('wants the facts when an inspector declares a conflict', () => {
    const d = { inspectorId: id(1), inspectionId: id(2), hasConflict: true };
    expect(messages(ZDeclaration.safeParse(d))).toEqual(['存在需要回避的情形时，请说明具体情况']);
    expect(ZDeclaration.parse({ ...d, hasConflict: false })).toEqual({ ...d, hasConflict: false, detail: '' });
    expect(messages(ZObjection.safeParse({ inspectorId: id(1), inspectionId: id(2), reason: ' ' }))).toEqual([
      '回避申请理由不能为空',
    ]);
  });

  it('records an authorization with its document number', () => {
    const a = { roundId: id(1), docNumber: '赣市巡授〔2026〕1号', decidedOn: '2026-03-01', taskDivision: '组长负责…' };
    expect(ZAuthorizationCreate.parse(a)).toEqual(a);
    expect(messages(ZAuthorizationCreate.safeParse({ ...a, decidedOn: '2026-02-30' }))).toEqual([
      '授权决定日期不是有效日期',
    ]);
  });
});

describe('growth', () => {
  it('counts training hours in halves', () => {
    const t = { authorityId: id(1), title: '巡察业务培训', heldOn: '2020-05-01', hours: 1.5, mode: 'video' };
    expect(ZTrainingCreate.parse(t)).toEqual(t);
    expect(messages(ZTrainingCreate.safeParse({ ...t, hours: 1.3 }))).toEqual(['学时以0.5为单位']);
    expect(messages(ZTrainingCreate.safeParse({ ...t, hours: 0 }))).toEqual(['学时必须大于0']);
  });

  it('checks a secondment period', () => {
    const s = { inspectorId: id(1), hostName: '省委第三巡视组', from: '2020-03-01', to: '2020-02-01' };
    expect(messages(ZSecondmentCreate.safeParse(s))).toEqual(['结束日期不能早于开始日期']);
    expect(ZSecondmentCreate.safeParse({ ...s, to: null }).success).toBe(true);
  });

  it('wants a title and category for a report award and neither for an inspector award', () => {
    const base = { batch: '2019年度', inspectorIds: [id(1)], awardedOn: '2020-01-10' };
    expect(messages(ZAwardCreate.safeParse({ ...base, kind: 'excellentReport' })).sort()).toEqual(
      ['优秀巡察报告须填写报告题目', '优秀巡察报告须选择报告类别'].sort(),
    );
    expect(
      ZAwardCreate.parse({ ...base, kind: 'excellentReport', title: '关于市教育局的巡察报告', category: '综合类' }),
    ).toMatchObject({ title: '关于市教育局的巡察报告', category: '综合类' });
    expect(ZAwardCreate.parse({ ...base, kind: 'excellentInspector' })).toMatchObject({ title: null, category: null });
    expect(messages(ZAwardCreate.safeParse({ ...base, kind: 'excellentInspector', title: '报告' }))).toEqual([
      '优秀巡察干部不填写报告题目',
    ]);
    expect(
      messages(ZAwardCreate.safeParse({ ...base, kind: 'excellentInspector', inspectorIds: [id(1), id(1)] })),
    ).toEqual(['巡察干部有重复']);
  });
});
