import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addMonths } from '../planning/calendar.ts';
import { LEADING_ONLY_RULES, recusalReasons, type TRecusalInput, type TRecusalTarget } from './recusal.ts';
import { DEFAULT_PERSONNEL_SETTINGS, RECUSAL_RULES, RELATIONS, TEAM_ROLES, WORK_RELATIONS } from './schemas.ts';

const id = (n: number) => `0190a5f0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const CITY = id(1);
const COUNTY = id(2);
const EDU = id(10);
const TOWN = id(11);
const VILLAGE_A = id(12);
const VILLAGE_B = id(13);

const edu: TRecusalTarget = {
  orgId: EDU,
  name: '赣州市教育局',
  authorityId: CITY,
  leaders: [{ name: '李四', position: '党组书记、局长', since: '2020-01-01', until: null }],
};
const village = (orgId: string, name: string): TRecusalTarget => ({
  orgId,
  name,
  authorityId: COUNTY,
  parentOrgId: TOWN,
  leaders: [],
});

type TInspector = TRecusalInput['inspector'];
const nobody: TInspector = { id: id(100), homeAuthorityId: null, history: [], relatives: [], workRelations: [] };

function check(over: Partial<Omit<TRecusalInput, 'inspector'>> & { inspector?: Partial<TInspector> }) {
  return recusalReasons({
    role: 'member',
    targets: [edu],
    onDate: '2026-04-01',
    settings: DEFAULT_PERSONNEL_SETTINGS,
    ...over,
    inspector: { ...nobody, ...over.inspector },
  });
}

const dateArb = fc
  .date({ min: new Date('2005-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('recusalReasons: worked there (任职回避)', () => {
  it('finds nothing for someone with no ties', () => {
    expect(check({})).toEqual([]);
  });

  it('names the unit and the period', () => {
    expect(
      check({ inspector: { history: [{ orgId: EDU, unitName: '赣州市教育局', from: '2021-03-15', to: null }] } }),
    ).toEqual([{ rule: 'workedThere', detail: '2021年3月至今在赣州市教育局工作（近3年内）' }]);
    expect(
      check({
        inspector: { history: [{ orgId: EDU, unitName: '赣州市教育委员会', from: '2019-03-01', to: '2023-05-31' }] },
      }),
    ).toEqual([
      { rule: 'workedThere', detail: '2019年3月至2023年5月在赣州市教育局（时称赣州市教育委员会）工作（近3年内）' },
    ]);
  });

  it('matches a row without an organization by the unit name', () => {
    const row = { orgId: null, unitName: '赣州市 教育局', from: '2024-01-01', to: null };
    expect(check({ inspector: { history: [row] } }).map((r) => r.rule)).toEqual(['workedThere']);
    // A row linked to another organization is that organization, whatever its name says.
    expect(check({ inspector: { history: [{ ...row, orgId: id(99) }] } })).toEqual([]);
  });

  it('counts the day exactly N years before as within, the day before that as outside', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 10 }), (onDate, years) => {
        const settings = { ...DEFAULT_PERSONNEL_SETTINGS, recusalYears: years };
        const edge = addMonths(onDate, -12 * years);
        const from = addMonths(edge, -6);
        const at = (to: string) =>
          check({ onDate, settings, inspector: { history: [{ orgId: EDU, unitName: '赣州市教育局', from, to }] } });
        expect(at(edge).map((r) => r.rule)).toEqual(['workedThere']);
        expect(at(addCalendarDays(edge, 1)).map((r) => r.rule)).toEqual(['workedThere']);
        expect(at(addCalendarDays(edge, -1))).toEqual([]);
      }),
    );
  });

  it('counts a posting that starts after the check date', () => {
    expect(
      check({ inspector: { history: [{ orgId: EDU, unitName: '赣州市教育局', from: '2026-06-01', to: null }] } }).map(
        (r) => r.rule,
      ),
    ).toEqual(['workedThere']);
  });

  it('reaches the township of a village target, once however many of its villages are inspected', () => {
    const targets = [village(VILLAGE_A, '甲村'), village(VILLAGE_B, '乙村')];
    const r = check({
      targets,
      inspector: { history: [{ orgId: TOWN, unitName: '某某镇', from: '2024-01-01', to: null }] },
    });
    expect(r).toEqual([
      { rule: 'workedThere', detail: '2024年1月至今在某某镇（被巡察村(社区)所属乡镇(街道)）工作（近3年内）' },
    ]);
    // When the township is itself a target it is reported as such, not again through its villages.
    const town: TRecusalTarget = { orgId: TOWN, name: '某某镇', authorityId: COUNTY, leaders: [] };
    const both = check({
      targets: [town, ...targets],
      inspector: { history: [{ orgId: TOWN, unitName: '某某镇', from: '2024-01-01', to: null }] },
    });
    expect(both).toEqual([{ rule: 'workedThere', detail: '2024年1月至今在某某镇工作（近3年内）' }]);
  });
});

describe('recusalReasons: relatives', () => {
  it('tells direct relatives from the wider circle', () => {
    const r = check({
      targets: [edu, village(VILLAGE_A, '甲村')],
      inspector: {
        relatives: [
          { name: '陈七', relation: 'close', orgId: EDU, unitName: '赣州市教育局' },
          { name: '王五', relation: 'spouse', orgId: null, unitName: '赣州市教育局' },
          { name: '王小五', relation: 'child', orgId: TOWN, unitName: '某某镇' },
          { name: '王老五', relation: 'parent', orgId: id(98), unitName: '赣州市财政局' },
        ],
      },
    });
    expect(r).toEqual([
      { rule: 'relativeThere', detail: '其配偶王五在赣州市教育局工作' },
      { rule: 'relativeThere', detail: '其子女王小五在某某镇（被巡察村(社区)所属乡镇(街道)）工作' },
      { rule: 'closeRelationThere', detail: '与其有近亲属或密切关系的陈七在赣州市教育局工作' },
    ]);
  });
});

describe('recusalReasons: rules for 组长 and 副组长', () => {
  const stint = (from: string, to: string | null) => ({ orgId: EDU, unitName: '赣州市教育局', from, to });

  it('finds more than three years at a target, at any time', () => {
    const long = { history: [stint('2005-01-01', '2008-01-02')] };
    expect(check({ role: 'leader', inspector: long })).toEqual([
      { rule: 'workedThereLong', detail: '2005年1月至2008年1月在赣州市教育局工作，累计超过3年' },
    ]);
    expect(check({ role: 'deputy', inspector: long }).map((r) => r.rule)).toEqual(['workedThereLong']);
    expect(check({ role: 'member', inspector: long })).toEqual([]);
    // Exactly three years is not more than three.
    expect(check({ role: 'leader', inspector: { history: [stint('2005-01-01', '2008-01-01')] } })).toEqual([]);
    // Stints add up; overlapping rows are not counted twice.
    const parts = { history: [stint('2001-01-01', '2002-07-01'), stint('2010-01-01', '2011-08-01')] };
    expect(check({ role: 'leader', inspector: parts }).map((r) => r.rule)).toEqual(['workedThereLong']);
    const overlapping = { history: [stint('2001-01-01', '2003-01-01'), stint('2002-01-01', '2003-06-01')] };
    expect(check({ role: 'leader', inspector: overlapping })).toEqual([]);
  });

  it('finds a target leader who was a direct superior or subordinate within three years', () => {
    const boss = { personName: '李四', relation: 'superior' as const, from: '2018-01-01', to: '2024-06-30' };
    expect(check({ role: 'leader', inspector: { workRelations: [boss] } })).toEqual([
      {
        rule: 'leaderRelation',
        detail: '赣州市教育局党组书记、局长李四2018年1月至2024年6月系其直接上级（近3年内）',
      },
    ]);
    expect(check({ role: 'member', inspector: { workRelations: [boss] } })).toEqual([]);
    // Someone else of the same name is not on the target's leadership.
    expect(check({ role: 'leader', inspector: { workRelations: [{ ...boss, personName: '李三' }] } })).toEqual([]);
  });

  it('counts the relation and the leader in office on the three-year boundary', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom('superior' as const, 'subordinate' as const), (onDate, relation) => {
        const edge = addMonths(onDate, -36);
        const from = addMonths(edge, -24);
        const leaders = [{ name: '李四', position: '局长', since: from, until: null }];
        const at = (to: string, until: string | null = null) =>
          check({
            role: 'leader',
            onDate,
            targets: [{ ...edu, leaders: [{ ...leaders[0]!, until }] }],
            inspector: { workRelations: [{ personName: '李四', relation, from, to }] },
          }).map((r) => r.rule);
        expect(at(edge)).toEqual(['leaderRelation']);
        expect(at(addCalendarDays(edge, -1))).toEqual([]);
        // A leader who left on the boundary still counts; one who left the day before does not.
        expect(at(onDate, edge)).toEqual(['leaderRelation']);
        expect(at(onDate, addCalendarDays(edge, -1))).toEqual([]);
      }),
    );
  });

  it('finds a long-time colleague: five years together and more', () => {
    fc.assert(
      fc.property(dateArb, (from) => {
        const five = addMonths(from, 60);
        const at = (to: string) =>
          check({
            role: 'deputy',
            onDate: addMonths(five, 12),
            targets: [{ ...edu, leaders: [{ name: '李四', position: '局长', since: null, until: null }] }],
            inspector: { workRelations: [{ personName: '李四', relation: 'colleague', from, to }] },
          }).map((r) => r.rule);
        expect(at(five)).toEqual(['leaderRelation']);
        expect(at(addCalendarDays(five, -1))).toEqual([]);
      }),
    );
    expect(
      check({
        role: 'leader',
        inspector: {
          workRelations: [{ personName: '李四', relation: 'colleague', from: '2008-01-01', to: '2014-03-01' }],
        },
      }),
    ).toEqual([
      { rule: 'leaderRelation', detail: '赣州市教育局党组书记、局长李四与其2008年1月至2014年3月共事，满5年' },
    ]);
  });
});

describe('recusalReasons: home area, declarations, objections', () => {
  it('applies 地域回避 only where the authority sets it', () => {
    const inspector = { homeAuthorityId: COUNTY };
    const targets = [village(VILLAGE_A, '甲村')];
    expect(check({ inspector, targets })).toEqual([]);
    expect(check({ inspector, targets, settings: { ...DEFAULT_PERSONNEL_SETTINGS, regionalRecusal: true } })).toEqual([
      { rule: 'homeArea', detail: '甲村位于其家乡所在地（地域回避）' },
    ]);
  });

  it('reports a declared conflict and every objection', () => {
    expect(
      check({
        declarations: [
          { hasConflict: false, detail: '' },
          { hasConflict: true, detail: '本人曾在该局挂职' },
        ],
        objections: [{ reason: '该同志与我局办公室主任系同学' }],
      }),
    ).toEqual([
      { rule: 'declared', detail: '本人申报：本人曾在该局挂职' },
      { rule: 'objection', detail: '被巡察单位提出回避申请：该同志与我局办公室主任系同学' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random inspectors

const ORGS = [EDU, TOWN, id(98), null];
const NAMES = ['李四', '王五', '赵六'];
const periodArb = fc
  .tuple(dateArb, fc.option(dateArb, { nil: null }))
  .map(([a, b]) => (b !== null && b < a ? { from: b, to: a } : { from: a, to: b }));
const inspectorArb: fc.Arbitrary<TInspector> = fc.record({
  id: fc.constant(id(100)),
  homeAuthorityId: fc.constantFrom(CITY, COUNTY, null),
  history: fc.array(
    fc
      .tuple(fc.constantFrom(...ORGS), fc.constantFrom('赣州市教育局', '某某镇', '赣州市财政局'), periodArb)
      .map(([orgId, unitName, p]) => ({ orgId, unitName, ...p })),
    { maxLength: 6 },
  ),
  relatives: fc.array(
    fc.record({
      name: fc.constantFrom(...NAMES),
      relation: fc.constantFrom(...RELATIONS),
      orgId: fc.constantFrom(...ORGS),
      unitName: fc.constantFrom('赣州市教育局', '', '某某镇'),
    }),
    { maxLength: 4 },
  ),
  workRelations: fc.array(
    fc
      .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...WORK_RELATIONS), periodArb)
      .map(([personName, relation, p]) => ({ personName, relation, ...p })),
    { maxLength: 4 },
  ),
});
const inputArb = fc.record({
  inspector: inspectorArb,
  role: fc.constantFrom(...TEAM_ROLES),
  onDate: dateArb,
  regional: fc.boolean(),
  declared: fc.boolean(),
});
const ALL_TARGETS = [edu, village(VILLAGE_A, '甲村'), village(VILLAGE_B, '乙村')];
type TX = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;
const run = (x: TX, inspector = x.inspector) =>
  recusalReasons({
    inspector,
    role: x.role,
    targets: ALL_TARGETS,
    onDate: x.onDate,
    settings: { ...DEFAULT_PERSONNEL_SETTINGS, regionalRecusal: x.regional },
    declarations: [{ hasConflict: x.declared, detail: '另有情况' }],
  });

describe('recusalReasons: properties', () => {
  it('never gives members or liaisons a rule meant for 组长/副组长', () => {
    fc.assert(
      fc.property(inputArb, (x) => {
        const rules = run(x).map((r) => r.rule);
        if (x.role === 'member' || x.role === 'liaison')
          for (const r of LEADING_ONLY_RULES) expect(rules).not.toContain(r);
      }),
    );
  });

  it('gives a leader every reason a member has, and more', () => {
    fc.assert(
      fc.property(inputArb, (x) => {
        const member = run({ ...x, role: 'member' });
        const leader = run({ ...x, role: 'leader' });
        expect(leader.filter((r) => !LEADING_ONLY_RULES.includes(r.rule))).toEqual(member);
        expect(run({ ...x, role: 'deputy' })).toEqual(leader);
      }),
    );
  });

  it('lists rules in order, each reason once, whatever order the rows come in', () => {
    fc.assert(
      fc.property(inputArb, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (x, rnd) => {
        const out = run(x);
        const idx = out.map((r) => RECUSAL_RULES.indexOf(r.rule));
        expect([...idx].sort((a, b) => a - b)).toEqual(idx);
        expect(new Set(out.map((r) => `${r.rule}|${r.detail}`)).size).toBe(out.length);
        const shuffle = <T>(a: readonly T[]) =>
          a
            .map((v) => ({ v, k: rnd.next().value }))
            .sort((p, q) => p.k - q.k)
            .map((p) => p.v);
        const i = x.inspector;
        const shuffled = {
          ...i,
          history: shuffle(i.history),
          relatives: shuffle(i.relatives),
          workRelations: shuffle(i.workRelations),
        };
        expect(run(x, shuffled)).toEqual(out);
      }),
    );
  });
});
