import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORG_KINDS } from '../orgs/schemas.ts';
import { addCalendarDays } from './calendar.ts';
import {
  computeCoverage,
  coverageDto,
  suggestTargets,
  type TCoverageInspection,
  type TCoverageOrg,
  type TCoverageTerm,
} from './coverage.ts';
import { INSPECTION_MODES, type TInspectionMode, ZCoverage } from './schemas.ts';
import { STAGES, type TStage } from './stages.ts';

const CITY = 'city';
const COUNTY = 'county';
const OTHER = 'other-county';
const term: TCoverageTerm = { authorityId: CITY, startDate: '2021-09-01', endDate: '2026-08-31' };
const TODAY = '2024-03-01';

function org(id: string, over: Partial<TCoverageOrg> = {}): TCoverageOrg {
  return {
    id,
    name: `单位${id}`,
    kind: '市直单位',
    authorityId: CITY,
    establishedOn: null,
    abolishedOn: null,
    ...over,
  };
}

let seq = 0;
function insp(orgIds: string[], over: Partial<TCoverageInspection> = {}): TCoverageInspection {
  seq++;
  return {
    id: `i${String(seq).padStart(4, '0')}`,
    authorityId: CITY,
    mode: 'ordinary',
    stage: 'feedback',
    feedbackDate: '2022-06-30',
    entryDate: '2022-04-01',
    targets: orgIds.map((orgId) => ({ orgId, role: 'primary' as const })),
    authorizedBy: null,
    ...over,
  };
}

const coveredIds = (orgs: TCoverageOrg[], inspections: TCoverageInspection[], t = term, today = TODAY) =>
  [...computeCoverage(t, orgs, inspections, today).coveredBy.keys()].sort();

describe('targets of a term', () => {
  it('counts organizations that existed at some point in the term, boundaries included', () => {
    const orgs = [
      org('always'),
      org('abolishedBefore', { abolishedOn: '2021-08-31' }),
      org('abolishedOnStart', { abolishedOn: '2021-09-01' }),
      org('mergedMidTerm', { establishedOn: '1990-01-01', abolishedOn: '2023-05-01' }),
      org('establishedOnEnd', { establishedOn: '2026-08-31' }),
      org('establishedAfter', { establishedOn: '2026-09-01' }),
      org('establishedMidTerm', { establishedOn: '2024-01-01' }),
    ];
    const r = computeCoverage(term, orgs, [], TODAY);
    expect(r.total).toBe(5);
    expect(r.uncovered.map((u) => u.orgId).sort()).toEqual(
      ['abolishedOnStart', 'always', 'establishedMidTerm', 'establishedOnEnd', 'mergedMidTerm'].sort(),
    );
  });

  it('counts an organization listed twice once', () => {
    const r = computeCoverage(term, [org('a'), org('a'), org('b')], [insp(['a'])], TODAY);
    expect(r.total).toBe(2);
    expect(r.covered).toBe(1);
  });

  it('ignores inspection targets that are not targets of the term', () => {
    const r = computeCoverage(term, [org('a')], [insp(['a', 'elsewhere'])], TODAY);
    expect(r).toMatchObject({ total: 1, covered: 1 });
    expect(r.coveredBy.has('elsewhere')).toBe(false);
  });

  it('covers a merged organization inspected before its merger', () => {
    const orgs = [org('merged', { abolishedOn: '2023-05-01' }), org('into')];
    expect(coveredIds(orgs, [insp(['merged'], { feedbackDate: '2022-11-30' })])).toEqual(['merged']);
  });
});

describe('what covers an organization', () => {
  const orgs = [org('a'), org('b')];

  it.each(STAGES.map((s, i) => [s, i >= STAGES.indexOf('feedback')] as const))(
    'stage %s covers: %s',
    (stage, covers) => {
      expect(coveredIds(orgs, [insp(['a'], { stage })])).toEqual(covers ? ['a'] : []);
    },
  );

  it.each([
    ['2021-08-31', false],
    ['2021-09-01', true],
    ['2024-02-29', true],
    ['2026-08-31', true],
    ['2026-09-01', false],
  ])('feedback on %s covers: %s', (feedbackDate, covers) => {
    expect(coveredIds(orgs, [insp(['a'], { feedbackDate })])).toEqual(covers ? ['a'] : []);
  });

  it('counts data from before the system: past feedback with no feedback date', () => {
    expect(coveredIds(orgs, [insp(['a'], { feedbackDate: null, stage: 'archived' })])).toEqual(['a']);
    expect(coveredIds(orgs, [insp(['a'], { feedbackDate: null, stage: 'reporting' })])).toEqual([]);
  });

  it('counts every target of a 一托二 inspection', () => {
    expect(coveredIds(orgs, [insp(['a', 'b'])])).toEqual(['a', 'b']);
  });

  it.each(INSPECTION_MODES)('counts the authority’s own %s inspection', (mode) => {
    expect(coveredIds(orgs, [insp(['a'], { mode, authorizedBy: mode === 'authorized' ? 'x' : null })])).toEqual(['a']);
  });

  it('counts villages of 巡乡带村 and 直接巡村', () => {
    const county: TCoverageTerm = { authorityId: COUNTY, startDate: '2021-10-01', endDate: '2026-09-30' };
    const vs = [
      org('town', { kind: '乡镇(街道)', authorityId: COUNTY }),
      org('v1', { kind: '村(社区)', authorityId: COUNTY }),
      org('v2', { kind: '村(社区)', authorityId: COUNTY }),
      org('v3', { kind: '村(社区)', authorityId: COUNTY }),
    ];
    const twv = insp(['town'], { authorityId: COUNTY, mode: 'townshipWithVillages' });
    twv.targets.push({ orgId: 'v1', role: 'village' }, { orgId: 'v2', role: 'village' });
    const direct: TCoverageInspection = {
      ...insp([], { authorityId: COUNTY, mode: 'directVillage' }),
      targets: [{ orgId: 'v3', role: 'village' }],
    };
    const r = computeCoverage(county, vs, [twv, direct], TODAY);
    expect(r).toMatchObject({ total: 4, covered: 4, rate: 1 });
    expect(r.byKind).toEqual([
      { kind: '乡镇(街道)', total: 1, covered: 1 },
      { kind: '村(社区)', total: 3, covered: 3 },
    ]);
  });

  describe('inspections of another authority', () => {
    const county: TCoverageTerm = { authorityId: COUNTY, startDate: '2021-10-01', endDate: '2026-09-30' };
    const countyOrgs = [
      org('police', { authorityId: COUNTY, kind: '县直单位' }),
      org('court', { authorityId: COUNTY, kind: '县直单位' }),
    ];

    it('credit the county for a city escalated inspection of its unit', () => {
      const esc = insp(['police'], { authorityId: CITY, mode: 'escalated' });
      expect(coveredIds(countyOrgs, [esc], county)).toEqual(['police']);
      // …and the city too, when the city counts that unit among its targets.
      expect(coveredIds([org('police', { authorityId: COUNTY })], [esc])).toEqual(['police']);
    });

    it('credit the authorizing city for an authorized inspection, and the county that did it', () => {
      const vertical = [org('eco', { kind: '垂直管理驻县单位' })];
      const auth = insp(['eco'], { authorityId: COUNTY, mode: 'authorized', authorizedBy: CITY });
      expect(coveredIds(vertical, [auth])).toEqual(['eco']);
      expect(coveredIds(vertical, [auth], county)).toEqual(['eco']);
      // Authorized by someone else: not the city's.
      expect(coveredIds(vertical, [{ ...auth, authorizedBy: 'province' }])).toEqual([]);
      expect(coveredIds(vertical, [{ ...auth, authorizedBy: null }])).toEqual([]);
    });

    it('credit cross and joint inspections to the inspected unit’s authority', () => {
      expect(coveredIds(countyOrgs, [insp(['police'], { authorityId: OTHER, mode: 'cross' })], county)).toEqual([
        'police',
      ]);
      expect(coveredIds(countyOrgs, [insp(['court'], { authorityId: CITY, mode: 'joint' })], county)).toEqual([
        'court',
      ]);
    });

    it.each(['ordinary', 'directVillage', 'townshipWithVillages'] as TInspectionMode[])(
      'do not credit a %s inspection of another authority',
      (mode) => {
        expect(coveredIds(countyOrgs, [insp(['police'], { authorityId: OTHER, mode })], county)).toEqual([]);
      },
    );
  });
});

describe('the result', () => {
  it('orders kinds as ORG_KINDS, unknown kinds last', () => {
    const orgs = [
      org('z', { kind: '自定义类别' }),
      org('h', { kind: '医院' }),
      org('c', { kind: '市直单位' }),
      org('s', { kind: '学校' }),
      org('c2', { kind: '市直单位' }),
    ];
    const r = computeCoverage(term, orgs, [insp(['c'])], TODAY);
    expect(r.byKind).toEqual([
      { kind: '市直单位', total: 2, covered: 1 },
      { kind: '学校', total: 1, covered: 0 },
      { kind: '医院', total: 1, covered: 0 },
      { kind: '自定义类别', total: 1, covered: 0 },
    ]);
    expect(ORG_KINDS.indexOf('学校')).toBeLessThan(ORG_KINDS.indexOf('医院'));
  });

  it('sorts the uncovered by kind, then by name in pinyin order', () => {
    const orgs = [
      org('1', { name: '乙局', kind: '国有企业' }),
      org('2', { name: '乙局' }),
      org('3', { name: '甲局' }),
      org('4', { name: '丙局' }),
    ];
    // 丙 bǐng < 甲 jiǎ < 乙 yǐ; code points would put 乙 (U+4E59) first.
    expect(computeCoverage(term, orgs, [], TODAY).uncovered).toEqual([
      { orgId: '4', name: '丙局', kind: '市直单位' },
      { orgId: '3', name: '甲局', kind: '市直单位' },
      { orgId: '2', name: '乙局', kind: '市直单位' },
      { orgId: '1', name: '乙局', kind: '国有企业' },
    ]);
  });

  it('credits the first inspection, by feedback date then id', () => {
    const orgs = [org('a'), org('b')];
    const late = insp(['a', 'b'], { id: 'late', feedbackDate: '2024-01-10' });
    const early = insp(['a'], { id: 'early', feedbackDate: '2022-01-10' });
    const tieA = insp(['b'], { id: 'tie-a', feedbackDate: '2024-01-10' });
    const r = computeCoverage(term, orgs, [late, early, tieA], TODAY);
    expect(Object.fromEntries(r.coveredBy)).toEqual({ a: 'early', b: 'late' });
    expect(r.byYear).toEqual([
      { year: 2021, covered: 0 },
      { year: 2022, covered: 1 },
      { year: 2023, covered: 0 },
      { year: 2024, covered: 1 },
      { year: 2025, covered: 0 },
      { year: 2026, covered: 0 },
    ]);
  });

  it('places legacy coverage without a feedback date by its entry date, else in the first year', () => {
    const orgs = [org('a'), org('b'), org('c')];
    const r = computeCoverage(
      term,
      orgs,
      [
        insp(['a'], { feedbackDate: null, entryDate: '2023-05-01', stage: 'archived' }),
        insp(['b'], { feedbackDate: null, entryDate: null, stage: 'archived' }),
        insp(['c'], { feedbackDate: null, entryDate: '2020-05-01', stage: 'archived' }),
      ],
      TODAY,
    );
    expect(r.byYear.find((y) => y.year === 2023)?.covered).toBe(1);
    expect(r.byYear.find((y) => y.year === 2021)?.covered).toBe(2);
  });

  it('rounds the rate to four decimals and gives 0 for no targets', () => {
    const r = computeCoverage(term, [org('a'), org('b'), org('c')], [insp(['a'])], TODAY);
    expect(r.rate).toBe(0.3333);
    const empty = computeCoverage(term, [], [], TODAY);
    expect(empty).toMatchObject({ total: 0, covered: 0, rate: 0, byKind: [], uncovered: [] });
    expect(empty.pace).toMatchObject({ remainingTargets: 0, neededPerYear: 0, onTrack: true, warning: null });
  });

  it('converts to the HTTP contract', () => {
    const r = computeCoverage(term, [org('a'), org('b')], [insp(['a'])], TODAY);
    const dto = coverageDto(r);
    expect(ZCoverage.parse(dto)).toEqual(dto);
    expect(dto.uncoveredCount).toBe(1);
    expect('coveredBy' in dto).toBe(false);
  });
});

describe('pace', () => {
  // A five-year term of 1826 days; on 2024-07-01 1278 days have passed and 549 remain (≈ 1.5 years).
  const t5: TCoverageTerm = { authorityId: CITY, startDate: '2021-01-01', endDate: '2025-12-31' };
  const many = (n: number) => Array.from({ length: n }, (_, i) => org(`o${String(i).padStart(3, '0')}`));

  it('warns when the pace so far cannot finish in the term', () => {
    const orgs = many(263);
    const done = orgs.slice(0, 140).map((o) => insp([o.id], { feedbackDate: '2022-06-30' }));
    const r = computeCoverage(t5, orgs, done, '2024-07-01');
    expect(r.pace).toEqual({
      remainingTargets: 123,
      remainingDays: 549,
      neededPerYear: 82,
      coveredPerYearSoFar: 40,
      onTrack: false,
      warning:
        '按目前进度，届内无法实现全覆盖：尚有123个单位未巡察，剩余1.5年，需每年巡察82个，而此前平均每年仅巡察40个',
    });
  });

  it('is on track when the pace so far is enough', () => {
    const orgs = many(100);
    const done = orgs.slice(0, 80).map((o) => insp([o.id], { feedbackDate: '2023-06-30' }));
    const r = computeCoverage(t5, orgs, done, '2024-07-01');
    expect(r.pace.onTrack).toBe(true);
    expect(r.pace.warning).toBeNull();
    expect(r.pace.neededPerYear).toBe(14); // ceil(20 / 1.503)
    expect(r.pace.coveredPerYearSoFar).toBe(22.9); // 80 / 3.499
  });

  it('does not warn in the first half year of a term', () => {
    const orgs = many(50);
    expect(computeCoverage(t5, orgs, [], '2021-06-01').pace).toMatchObject({ onTrack: true, warning: null });
    expect(computeCoverage(t5, orgs, [], '2021-07-03').pace).toMatchObject({ onTrack: false });
    expect(computeCoverage(t5, orgs, [], '2021-07-03', { graceDays: 365 }).pace.onTrack).toBe(true);
  });

  it('counts the days before the term as the whole term', () => {
    const r = computeCoverage(t5, many(10), [], '2020-12-01');
    expect(r.pace).toMatchObject({ remainingDays: 1826, coveredPerYearSoFar: 0, onTrack: true, warning: null });
    expect(r.pace.neededPerYear).toBe(2);
  });

  it('says the term ended without full coverage', () => {
    const orgs = many(10);
    const r = computeCoverage(t5, orgs, [insp(['o000'], { feedbackDate: '2025-01-01' })], '2026-01-01');
    expect(r.pace).toEqual({
      remainingTargets: 9,
      remainingDays: 0,
      neededPerYear: 9,
      coveredPerYearSoFar: 0.2,
      onTrack: false,
      warning: '本届任期已结束，尚有9个单位未巡察，未实现全覆盖',
    });
    // On the last day one day remains.
    expect(computeCoverage(t5, orgs, [], '2025-12-31').pace.remainingDays).toBe(1);
  });

  it('speaks in days when less than about a month remains', () => {
    const r = computeCoverage(t5, many(5), [], '2025-12-02');
    expect(r.pace.warning).toContain('剩余30天');
  });

  it('is on track once everything is covered', () => {
    const orgs = many(3);
    const r = computeCoverage(t5, orgs, [insp(orgs.map((o) => o.id))], '2026-06-01');
    expect(r.pace).toMatchObject({ remainingTargets: 0, neededPerYear: 0, onTrack: true, warning: null });
  });
});

describe('coverage properties', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const dateArb = fc.integer({ min: -800, max: 2700 }).map((n) => addCalendarDays('2021-01-01', n));
  const orgArb = fc.record({
    id: fc.constantFrom(...ids),
    name: fc.constantFrom('甲', '乙', '丙', 'A'),
    kind: fc.constantFrom(...ORG_KINDS, '其他类'),
    authorityId: fc.constantFrom(CITY, COUNTY),
    establishedOn: fc.option(dateArb),
    abolishedOn: fc.option(dateArb),
  });
  const inspArb = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    authorityId: fc.constantFrom(CITY, COUNTY, OTHER),
    mode: fc.constantFrom(...INSPECTION_MODES),
    stage: fc.constantFrom(...STAGES) as fc.Arbitrary<TStage>,
    feedbackDate: fc.option(dateArb),
    entryDate: fc.option(dateArb),
    targets: fc.array(
      fc.record({
        orgId: fc.constantFrom(...ids, 'zz'),
        role: fc.constantFrom('primary', 'village') as fc.Arbitrary<'primary' | 'village'>,
      }),
      { maxLength: 4 },
    ),
    authorizedBy: fc.option(fc.constantFrom(CITY, COUNTY)),
  });

  it('keeps the counts consistent', () => {
    fc.assert(
      fc.property(
        fc.array(orgArb, { maxLength: 10 }),
        fc.array(inspArb, { maxLength: 10 }),
        dateArb,
        (orgs, inspections, today) => {
          const r = computeCoverage(term, orgs, inspections, today);
          expect(r.covered).toBeLessThanOrEqual(r.total);
          expect(r.rate).toBe(r.total === 0 ? 0 : Math.round((r.covered / r.total) * 10000) / 10000);
          expect(r.rate).toBeGreaterThanOrEqual(0);
          expect(r.rate).toBeLessThanOrEqual(1);
          expect(r.uncovered.length).toBe(r.total - r.covered);
          expect(r.coveredBy.size).toBe(r.covered);
          for (const u of r.uncovered) expect(r.coveredBy.has(u.orgId)).toBe(false);
          expect(r.byKind.reduce((s, k) => s + k.total, 0)).toBe(r.total);
          expect(r.byKind.reduce((s, k) => s + k.covered, 0)).toBe(r.covered);
          expect(r.byYear.reduce((s, y) => s + y.covered, 0)).toBe(r.covered);
          expect(r.byYear.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
          expect(r.pace.remainingTargets).toBe(r.total - r.covered);
          expect(r.pace.onTrack).toBe(r.pace.warning === null);
          expect(ZCoverage.safeParse(coverageDto(r)).success).toBe(true);
        },
      ),
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(
        fc.array(orgArb, { maxLength: 10 }),
        fc.uniqueArray(inspArb, { maxLength: 10, selector: (i) => i.id }),
        (orgs, inspections) => {
          // Unique ids within orgs, so "the first listed wins" for duplicates is not at stake.
          const uniq = [...new Map(orgs.map((o) => [o.id, o])).values()];
          const a = computeCoverage(term, uniq, inspections, TODAY);
          const b = computeCoverage(term, [...uniq].reverse(), [...inspections].reverse(), TODAY);
          expect({ ...b, coveredBy: Object.fromEntries([...b.coveredBy].sort()) }).toEqual({
            ...a,
            coveredBy: Object.fromEntries([...a.coveredBy].sort()),
          });
        },
      ),
    );
  });

  it('only grows when an inspection is added', () => {
    fc.assert(
      fc.property(
        fc.array(orgArb, { maxLength: 10 }),
        fc.array(inspArb, { maxLength: 10 }),
        inspArb,
        (orgs, inspections, extra) => {
          const before = computeCoverage(term, orgs, inspections, TODAY);
          const after = computeCoverage(term, orgs, [...inspections, extra], TODAY);
          expect(after.total).toBe(before.total);
          expect(after.covered).toBeGreaterThanOrEqual(before.covered);
          for (const k of before.coveredBy.keys()) expect(after.coveredBy.has(k)).toBe(true);
        },
      ),
    );
  });
});

describe('suggestTargets', () => {
  const u = (orgId: string, sector: string | null, kind = '市直单位', name = orgId) => ({ orgId, name, kind, sector });

  it('pairs units of the same sector, one pair per team (一托二)', () => {
    const list = [
      u('edu1', '教育'),
      u('law1', '政法'),
      u('edu2', '教育'),
      u('law2', '政法'),
      u('law3', '政法'),
      u('health', '卫健'),
    ];
    expect(suggestTargets(list, 3)).toEqual([
      { team: 1, orgIds: ['law1', 'law2'] },
      { team: 2, orgIds: ['edu1', 'edu2'] },
      // The odd ones out of 政法 and 卫健 go together after the whole pairs.
      { team: 3, orgIds: ['law3', 'health'] },
    ]);
  });

  it('groups units without a sector by kind', () => {
    const list = [u('s1', null, '学校'), u('c1', null, '市直单位'), u('s2', null, '学校'), u('c2', null, '市直单位')];
    expect(suggestTargets(list, 5)).toEqual([
      { team: 1, orgIds: ['c1', 'c2'] },
      { team: 2, orgIds: ['s1', 's2'] },
    ]);
  });

  it('takes perTeam units a team and leaves out teams with nothing', () => {
    const list = Array.from({ length: 7 }, (_, i) => u(`o${i}`, '政法'));
    expect(suggestTargets(list, 2, 3)).toEqual([
      { team: 1, orgIds: ['o0', 'o1', 'o2'] },
      { team: 2, orgIds: ['o3', 'o4', 'o5'] },
    ]);
    expect(suggestTargets(list, 9, 1)).toHaveLength(7);
    expect(suggestTargets(list, 0)).toEqual([]);
    expect(suggestTargets([], 4)).toEqual([]);
  });

  it('suggests a unit listed twice once', () => {
    expect(suggestTargets([u('a', '政法'), u('a', '教育'), u('b', '政法')], 2)).toEqual([
      { team: 1, orgIds: ['a', 'b'] },
    ]);
  });

  it('refuses nonsense counts', () => {
    expect(() => suggestTargets([], -1)).toThrow(RangeError);
    expect(() => suggestTargets([], 1, 0)).toThrow(RangeError);
    expect(() => suggestTargets([], 1.5)).toThrow(RangeError);
  });

  it('is deterministic, never repeats a unit and never exceeds the teams (property)', () => {
    const item = fc.record({
      orgId: fc.constantFrom(...'abcdefghijklmnop'.split('')),
      name: fc.constantFrom('甲', '乙', '丙'),
      kind: fc.constantFrom('市直单位', '学校', '医院'),
      sector: fc.option(fc.constantFrom('政法', '教育', '卫健', '未知领域')),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(item, { selector: (x) => x.orgId }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 4 }),
        (list, teams, per) => {
          const r = suggestTargets(list, teams, per);
          expect(suggestTargets([...list].reverse(), teams, per)).toEqual(r);
          expect(r.length).toBeLessThanOrEqual(teams);
          const all = r.flatMap((g) => g.orgIds);
          expect(new Set(all).size).toBe(all.length);
          expect(all.length).toBe(Math.min(list.length, teams * per));
          for (const g of r) {
            expect(g.orgIds.length).toBeGreaterThan(0);
            expect(g.orgIds.length).toBeLessThanOrEqual(per);
          }
          expect(r.map((g) => g.team)).toEqual(r.map((_, i) => i + 1));
        },
      ),
    );
  });
});
