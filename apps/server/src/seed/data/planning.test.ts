import {
  addCalendarDays,
  computeCoverage,
  daysBetween,
  isWeekend,
  ROUND_KINDS,
  roundName,
  STAGE_DATE_FIELDS,
  STAGES,
  type TCoverageInspection,
  teamName,
} from '@xc/domain';
import { describe, expect, it } from 'vitest';
import { buildDemoPlanning, type SeedInspection, type SeedTerm } from './planning.ts';
import { buildDemoRegistry } from './registry.ts';

const TODAY = '2026-11-27';
const reg = buildDemoRegistry();
const plan = buildDemoPlanning(reg);
const orgs = new Map(reg.orgs.map((o) => [o.key, o]));
const authorities = new Map(reg.authorities.map((a) => [a.key, a]));
const terms = new Map(plan.terms.map((t) => [t.key, t]));
const rounds = new Map(plan.rounds.map((r) => [r.key, r]));
const teams = new Map(plan.teams.map((t) => [t.key, t]));
const inspections = new Map(plan.inspections.map((i) => [i.key, i]));

const roundOf = (i: SeedInspection) => rounds.get(i.roundKey)!;
const termOf = (i: SeedInspection) => terms.get(roundOf(i).termKey)!;
const org = (key: string) => orgs.get(key)!;
const stageIdx = (s: SeedInspection['stage']) => STAGES.indexOf(s);

function termAt(authorityKey: string, year: number): SeedTerm {
  const t = plan.terms.find((x) => x.authorityKey === authorityKey && x.startDate.startsWith(String(year)));
  if (!t) throw new Error(`no term ${authorityKey} ${year}`);
  return t;
}
const inspectionsOf = (t: SeedTerm) => plan.inspections.filter((i) => roundOf(i).termKey === t.key);
const roundsOf = (t: SeedTerm) => plan.rounds.filter((r) => r.termKey === t.key);

const coverageInspections: TCoverageInspection[] = plan.inspections.map((i) => ({
  id: i.key,
  authorityId: termOf(i).authorityKey,
  mode: i.mode,
  stage: i.stage,
  feedbackDate: i.feedbackDate,
  entryDate: i.entryDate,
  targets: i.targets.map((t) => ({ orgId: t.orgKey, role: t.role })),
  authorizedBy: i.authorizedAuthorityKey,
}));

function coverage(authorityKey: string, year: number) {
  const t = termAt(authorityKey, year);
  const county = authorities.get(authorityKey)?.level === 'county';
  const list = reg.orgs
    .filter(
      (o) =>
        o.authorityKey === authorityKey &&
        (t.targetKinds.includes(o.kind) || (county && o.kind === '垂直管理驻县单位')),
    )
    .map((o) => ({
      id: o.key,
      name: o.name,
      kind: o.kind,
      authorityId: o.authorityKey,
      establishedOn: o.establishedOn,
      abolishedOn: o.abolishedOn,
    }));
  return computeCoverage(
    { authorityId: authorityKey, startDate: t.startDate, endDate: t.endDate },
    list,
    coverageInspections,
    TODAY,
  );
}

describe('demo planning: shape', () => {
  it('is deterministic and leaves the registry alone', () => {
    const before = JSON.stringify(reg);
    const again = buildDemoPlanning(reg);
    expect(JSON.stringify(reg)).toBe(before);
    expect(again).toEqual(plan);
    expect(buildDemoPlanning(buildDemoRegistry())).toEqual(plan);
  });

  it('stays small', () => {
    expect(plan.inspections.length).toBeLessThan(3000);
    expect(plan.inspections.length).toBeGreaterThan(500);
  });

  it('plans the city and the two full counties only, three terms each', () => {
    expect([...new Set(plan.terms.map((t) => t.authorityKey))].sort()).toEqual(['city', 'nankang', 'yudu']);
    for (const a of ['city', 'nankang', 'yudu']) {
      const ts = plan.terms.filter((t) => t.authorityKey === a);
      expect(ts.map((t) => [t.startDate, t.endDate])).toEqual([
        ['2016-10-01', '2021-09-30'],
        ['2021-10-01', '2026-09-30'],
        ['2026-10-01', '2031-09-30'],
      ]);
    }
    expect(plan.terms.filter((t) => t.authorityKey === 'city').map((t) => t.name)).toEqual([
      '五届市委',
      '六届市委',
      '七届市委',
    ]);
    expect(termAt('city', 2016).targetKinds).toEqual(['市直单位', '国有企业', '学校', '医院']);
    expect(termAt('nankang', 2016).targetKinds).toEqual([
      '县直单位',
      '乡镇(街道)',
      '村(社区)',
      '国有企业',
      '学校',
      '医院',
      '垂直管理驻县单位',
    ]);
  });

  it('has unique keys everywhere', () => {
    for (const list of [plan.terms, plan.rounds, plan.teams, plan.inspections]) {
      const keys = list.map((x) => x.key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe('demo planning: references', () => {
  it('resolves every key', () => {
    for (const t of plan.terms) expect(authorities.has(t.authorityKey), t.key).toBe(true);
    for (const r of plan.rounds) expect(terms.has(r.termKey), r.key).toBe(true);
    for (const t of plan.teams) expect(rounds.has(t.roundKey), t.key).toBe(true);
    for (const i of plan.inspections) {
      expect(rounds.has(i.roundKey), i.key).toBe(true);
      if (i.teamKey !== null) {
        expect(teams.has(i.teamKey), i.key).toBe(true);
        expect(teams.get(i.teamKey)?.roundKey, i.key).toBe(i.roundKey);
      }
      for (const t of i.targets) expect(orgs.has(t.orgKey), `${i.key} ${t.orgKey}`).toBe(true);
      if (i.lookBackOfKey !== null) expect(inspections.has(i.lookBackOfKey), i.key).toBe(true);
      if (i.authorizedAuthorityKey !== null) expect(authorities.has(i.authorizedAuthorityKey), i.key).toBe(true);
    }
  });

  it('gives every team 1–3 inspections, named and ordered within its round', () => {
    const load = new Map<string, number>();
    for (const i of plan.inspections) if (i.teamKey) load.set(i.teamKey, (load.get(i.teamKey) ?? 0) + 1);
    for (const t of plan.teams) {
      const n = load.get(t.key) ?? 0;
      expect(n, t.key).toBeGreaterThanOrEqual(1);
      expect(n, t.key).toBeLessThanOrEqual(3);
      expect(t.name).toBe(teamName(t.sortOrder));
    }
    for (const r of plan.rounds) {
      const orders = plan.teams.filter((t) => t.roundKey === r.key).map((t) => t.sortOrder);
      expect(orders, r.key).toEqual(orders.map((_, k) => k + 1));
    }
  });

  it('points a look-back at an earlier inspection of the same organization in the same term', () => {
    const position = new Map(plan.inspections.map((i, k) => [i.key, k]));
    const lookBacks = plan.inspections.filter((i) => i.lookBackOfKey !== null);
    expect(lookBacks.length).toBeGreaterThan(11);
    for (const i of lookBacks) {
      const earlier = inspections.get(i.lookBackOfKey as string)!;
      expect(i.mode).toBe('ordinary');
      expect(termOf(earlier).key).toBe(termOf(i).key);
      expect(roundOf(earlier).number).toBeLessThan(roundOf(i).number);
      expect(earlier.targets.map((t) => t.orgKey)).toContain(i.targets[0]?.orgKey);
      expect(i.targets).toHaveLength(1);
      // The seeder inserts in order, so the earlier inspection must come first.
      expect(position.get(earlier.key)! < position.get(i.key)!, i.key).toBe(true);
      expect(earlier.feedbackDate! < (i.entryDate ?? i.plannedEntryDate!)).toBe(true);
    }
  });
});

describe('demo planning: rounds', () => {
  it('numbers rounds 1..n within each term, names them and keeps them inside the term', () => {
    for (const t of plan.terms) {
      const rs = roundsOf(t);
      expect(
        rs.map((r) => r.number),
        t.key,
      ).toEqual(rs.map((_, k) => k + 1));
      for (const r of rs) {
        expect(r.name).toBe(roundName(r.number));
        expect(ROUND_KINDS).toContain(r.kind);
        expect(r.theme.length).toBeGreaterThan(0);
        expect(r.focus.length).toBeGreaterThan(0);
        expect(r.plannedStart >= t.startDate && r.plannedStart <= t.endDate, r.key).toBe(true);
        expect(r.plannedEnd > r.plannedStart, r.key).toBe(true);
        if (r.approvedOn !== null) {
          expect(r.approvedOn < r.plannedStart, r.key).toBe(true);
          expect(r.approvedOn >= t.startDate, r.key).toBe(true);
          expect(r.approvalNote).toMatch(/^(市委|区委|县委)巡察工作领导小组\d{4}年第\d+次会议审议通过$/);
          expect(r.approvalNote?.includes(r.approvedOn.slice(0, 4))).toBe(true);
        } else {
          expect(r.approvalNote).toBeNull();
        }
      }
      const starts = rs.map((r) => r.plannedStart);
      expect(starts).toEqual([...starts].sort());
    }
    // Only the city's 七届 round 2 waits for approval.
    expect(plan.rounds.filter((r) => r.approvedOn === null).map((r) => r.key)).toEqual([
      roundsOf(termAt('city', 2026))[1]?.key,
    ]);
  });
});

describe('demo planning: stages and dates', () => {
  it('sets exactly the date fields of the stages reached, in order', () => {
    for (const i of plan.inspections) {
      const at = stageIdx(i.stage);
      let prev: string | null = null;
      STAGES.forEach((s, k) => {
        const field = STAGE_DATE_FIELDS[s];
        if (!field) return;
        const v = i[field];
        if (k <= at) {
          expect(v, `${i.key} ${field}`).not.toBeNull();
          if (prev !== null) expect((v as string) >= prev, `${i.key} ${field}`).toBe(true);
          prev = v;
        } else {
          expect(v, `${i.key} ${field}`).toBeNull();
        }
      });
    }
  });

  it('keeps the other dates consistent with the stage dates', () => {
    for (const i of plan.inspections) {
      const r = roundOf(i);
      const t = termOf(i);
      expect(i.plannedEntryDate, i.key).not.toBeNull();
      expect(i.plannedExitDate! > i.plannedEntryDate!, i.key).toBe(true);
      if (i.preparedDate) {
        expect(r.approvedOn, i.key).not.toBeNull();
        expect(i.preparedDate > (r.approvedOn as string), i.key).toBe(true);
      }
      if (i.noticeDate) {
        expect(i.preparedDate && i.preparedDate <= i.noticeDate, i.key).toBe(true);
        expect(i.noticeDate <= addCalendarDays(i.entryDate ?? i.plannedEntryDate!, -10), i.key).toBe(true);
      }
      if (i.entryDate) {
        expect(i.noticeDate, i.key).not.toBeNull();
        expect(isWeekend(i.entryDate), i.key).toBe(false);
        expect(i.entryDate >= t.startDate, i.key).toBe(true);
      }
      if (i.exitDate) {
        const days = daysBetween(i.entryDate!, i.exitDate);
        expect(days, i.key).toBeGreaterThanOrEqual(15);
        expect(days, i.key).toBeLessThanOrEqual(45);
      }
      if (i.reportDate) {
        expect(i.reportDate > i.exitDate!, i.key).toBe(true);
        expect(daysBetween(i.exitDate!, i.reportDate), i.key).toBeLessThanOrEqual(31);
        if (i.feedbackDate) expect(i.reportDate < i.feedbackDate, i.key).toBe(true);
      }
      if (i.feedbackDate) {
        expect(isWeekend(i.feedbackDate), i.key).toBe(false);
        expect(daysBetween(i.exitDate!, i.feedbackDate), i.key).toBeGreaterThanOrEqual(20);
        expect(daysBetween(i.exitDate!, i.feedbackDate), i.key).toBeLessThanOrEqual(62);
        expect(i.reportDate, i.key).not.toBeNull();
        // Feedback inside the term, or the inspection would not count for it.
        expect(i.feedbackDate <= t.endDate, i.key).toBe(true);
      }
      // Within days of the feedback; a week more when the 春节 or 国庆 holiday falls in between.
      if (i.transferDate) expect(daysBetween(i.feedbackDate!, i.transferDate), i.key).toBeLessThanOrEqual(14);
      if (i.concentratedEndDate) {
        expect(stageIdx(i.stage) >= stageIdx('rectifying'), i.key).toBe(true);
        expect(i.concentratedEndDate > i.rectifyingStartDate!, i.key).toBe(true);
        if (i.evaluatedDate) expect(i.concentratedEndDate <= i.evaluatedDate, i.key).toBe(true);
      }
      if (i.evaluatedDate) expect(i.concentratedEndDate, i.key).not.toBeNull();
      // Nothing is recorded in the future; only the plan looks ahead.
      const { plannedEntryDate: _a, plannedExitDate: _b, ...recorded } = i;
      for (const [k, v] of Object.entries(recorded))
        if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) expect(v <= TODAY, `${i.key} ${k}`).toBe(true);
      // On site needs a team, except the county teams carrying out an authorized inspection.
      if (stageIdx(i.stage) >= stageIdx('onSite') && i.mode !== 'authorized') expect(i.teamKey, i.key).not.toBeNull();
      if (r.approvedOn === null) {
        expect(i.stage).toBe('planned');
        expect(i.teamKey).toBeNull();
      }
    }
  });

  it('records 双报告一报备 only for authorized inspections after feedback, some not yet filed', () => {
    let unfiled = 0;
    for (const i of plan.inspections) {
      const dual = [i.countyCommitteeReportOn, i.sectorDepartmentReportOn, i.cityOfficeFiledOn];
      if (i.mode !== 'authorized' || i.feedbackDate === null) {
        expect(dual, i.key).toEqual([null, null, null]);
        continue;
      }
      expect(i.countyCommitteeReportOn! > i.feedbackDate, i.key).toBe(true);
      if (i.sectorDepartmentReportOn)
        expect(i.sectorDepartmentReportOn >= i.countyCommitteeReportOn!, i.key).toBe(true);
      if (i.cityOfficeFiledOn) expect(i.cityOfficeFiledOn >= i.sectorDepartmentReportOn!, i.key).toBe(true);
      else unfiled++;
    }
    expect(unfiled).toBeGreaterThan(0);
    expect(unfiled).toBeLessThan(10);
  });

  it('shows the stages of a working office today', () => {
    const stages = new Set(plan.inspections.map((i) => i.stage));
    for (const s of ['planned', 'prepared', 'onSite', 'reporting', 'rectifying', 'evaluated', 'published', 'archived'])
      expect(stages.has(s as SeedInspection['stage']), s).toBe(true);
  });
});

describe('demo planning: targets', () => {
  it('inspects organizations of the right authority, in the right role', () => {
    for (const i of plan.inspections) {
      const t = termOf(i);
      const city = authorities.get(t.authorityKey)?.level === 'city';
      const when = i.entryDate ?? i.plannedEntryDate!;
      expect(i.targets.length, i.key).toBeGreaterThan(0);
      expect(new Set(i.targets.map((x) => x.orgKey)).size, i.key).toBe(i.targets.length);
      for (const target of i.targets) {
        const o = org(target.orgKey);
        if (target.role === 'village') expect(o.kind, i.key).toBe('村(社区)');
        // The organization exists when the team arrives and still exists at the feedback.
        if (o.establishedOn) expect(o.establishedOn <= when, `${i.key} ${o.key}`).toBe(true);
        if (o.abolishedOn) expect(o.abolishedOn > (i.feedbackDate ?? when), `${i.key} ${o.key}`).toBe(true);
      }
      const [first, ...rest] = i.targets;
      const firstOrg = org(first!.orgKey);
      expect(i.authorizedAuthorityKey !== null, i.key).toBe(i.mode === 'authorized');
      switch (i.mode) {
        case 'ordinary':
          expect(
            i.targets.every((x) => x.role === 'primary'),
            i.key,
          ).toBe(true);
          for (const x of i.targets) {
            expect(org(x.orgKey).authorityKey, i.key).toBe(t.authorityKey);
            expect(t.targetKinds, i.key).toContain(org(x.orgKey).kind);
          }
          break;
        case 'escalated':
          expect(city, i.key).toBe(true);
          expect(i.targets, i.key).toHaveLength(1);
          expect(first?.role).toBe('primary');
          expect(authorities.get(firstOrg.authorityKey)?.parentKey, i.key).toBe(t.authorityKey);
          expect(['县直单位', '乡镇(街道)'], i.key).toContain(firstOrg.kind);
          break;
        case 'authorized':
          expect(city, i.key).toBe(true);
          expect(i.targets, i.key).toHaveLength(1);
          expect(first?.role).toBe('primary');
          expect(firstOrg.kind, i.key).toBe('垂直管理驻县单位');
          expect(firstOrg.authorityKey, i.key).toBe(i.authorizedAuthorityKey);
          expect(i.teamKey, i.key).toBeNull();
          expect(when >= '2020-01-01', i.key).toBe(true);
          break;
        case 'directVillage':
          expect(city, i.key).toBe(false);
          expect(i.targets.length, i.key).toBeLessThanOrEqual(30);
          for (const x of i.targets) {
            expect(x.role, i.key).toBe('village');
            expect(org(x.orgKey).authorityKey, i.key).toBe(t.authorityKey);
          }
          break;
        case 'townshipWithVillages':
          expect(city, i.key).toBe(false);
          expect(first?.role, i.key).toBe('primary');
          expect(firstOrg.kind, i.key).toBe('乡镇(街道)');
          expect(firstOrg.authorityKey, i.key).toBe(t.authorityKey);
          expect(rest.length, i.key).toBeGreaterThan(0);
          for (const x of rest) {
            expect(x.role, i.key).toBe('village');
            expect(org(x.orgKey).parentKey, i.key).toBe(firstOrg.key);
          }
          break;
        default:
          throw new Error(`unexpected mode ${i.mode} in ${i.key}`);
      }
    }
  });
});

describe('demo planning: the seed figures of 五届市委', () => {
  const t = termAt('city', 2016);
  const list = inspectionsOf(t);

  it('has 11 regular and 3 special rounds', () => {
    const rs = roundsOf(t);
    expect(rs).toHaveLength(14);
    expect(rs.filter((r) => r.kind === 'regular')).toHaveLength(11);
    expect(rs.filter((r) => r.kind === 'special')).toHaveLength(3);
  });

  it('has 11 look-backs, 69 units escalated in 8 rounds and 57 vertical units authorized from 2020', () => {
    expect(list.filter((i) => i.lookBackOfKey !== null)).toHaveLength(11);
    const escalated = list.filter((i) => i.mode === 'escalated');
    expect(new Set(escalated.map((i) => i.roundKey)).size).toBe(8);
    expect(new Set(escalated.flatMap((i) => i.targets.map((x) => x.orgKey))).size).toBe(69);
    expect(escalated.every((i) => i.entryDate! >= '2018-01-01')).toBe(true);
    // Over 60% of the county courts and police bureaus.
    const counties = reg.authorities.filter((a) => a.level === 'county').length;
    for (const slug of [':fy', ':gaj']) {
      const n = escalated.filter((i) => i.targets[0]?.orgKey.endsWith(slug)).length;
      expect(n / counties, slug).toBeGreaterThan(0.6);
    }
    const authorized = list.filter((i) => i.mode === 'authorized');
    expect(new Set(authorized.flatMap((i) => i.targets.map((x) => x.orgKey))).size).toBe(57);
    expect(authorized.every((i) => i.feedbackDate !== null && i.countyCommitteeReportOn !== null)).toBe(true);
  });

  it('covers all 113 city-level organizations', () => {
    const c = coverage('city', 2016);
    expect(c.total).toBe(113);
    expect(c.rate).toBe(1);
    expect(c.pace.warning).toBeNull();
  });
});

describe('demo planning: coverage of the other terms', () => {
  it('leaves 六届市委 nearly complete, with the end-of-term warning', () => {
    const c = coverage('city', 2021);
    expect(c.rate).toBeGreaterThan(0.9);
    expect(c.rate).toBeLessThan(0.99);
    expect(c.pace.warning).toContain(`本届任期已结束，尚有${c.uncovered.length}个单位未巡察`);
    // One of them was inspected, but the feedback is held back.
    expect(inspectionsOf(termAt('city', 2021)).filter((i) => i.stage === 'reporting')).toHaveLength(1);
  });

  it('has 七届市委 round 1 on site and round 2 planned', () => {
    const t = termAt('city', 2026);
    const [r1, r2] = roundsOf(t);
    expect(r1?.approvedOn).toBe('2026-10-20');
    const first = plan.inspections.filter((i) => i.roundKey === r1?.key);
    expect(first.length).toBeGreaterThan(8);
    for (const i of first) {
      expect(i.stage, i.key).toBe('onSite');
      expect(i.entryDate! >= '2026-11-09' && i.entryDate! <= '2026-11-20', i.key).toBe(true);
    }
    expect(r2?.approvedOn).toBeNull();
    expect(r2?.plannedStart.startsWith('2027-03')).toBe(true);
    expect(plan.teams.filter((x) => x.roundKey === r2?.key)).toHaveLength(0);
    const second = plan.inspections.filter((i) => i.roundKey === r2?.key);
    expect(second.length).toBeGreaterThan(0);
    expect(second.every((i) => i.stage === 'planned')).toBe(true);
    expect(coverage('city', 2026).rate).toBeLessThan(0.3);
  });

  it('covers every unit, township and village of 南康 and 于都 in 五届', () => {
    for (const county of ['nankang', 'yudu']) {
      const c = coverage(county, 2016);
      expect(c.rate, county).toBe(1);
      const villages = c.byKind.find((k) => k.kind === '村(社区)');
      expect(villages?.total, county).toBeGreaterThan(250);
      expect(villages?.covered, county).toBe(villages?.total);
      expect(c.byKind.find((k) => k.kind === '垂直管理驻县单位')?.covered, county).toBeGreaterThan(0);
    }
  });

  it('reaches villages both ways, 南康 mostly directly (69.7%)', () => {
    const list = inspectionsOf(termAt('nankang', 2016));
    const direct = list.filter((i) => i.mode === 'directVillage').flatMap((i) => i.targets).length;
    const withTown = list
      .filter((i) => i.mode === 'townshipWithVillages')
      .flatMap((i) => i.targets.filter((x) => x.role === 'village')).length;
    expect(direct / (direct + withTown)).toBeCloseTo(0.697, 2);
  });

  it('leaves the counties about 95% in 六届 and just started in 七届', () => {
    for (const county of ['nankang', 'yudu']) {
      const six = coverage(county, 2021);
      expect(six.rate, county).toBeGreaterThan(0.9);
      expect(six.rate, county).toBeLessThan(0.99);
      expect(coverage(county, 2026).rate, county).toBeLessThan(0.3);
      const [r1] = roundsOf(termAt(county, 2026));
      const first = plan.inspections.filter((i) => i.roundKey === r1?.key);
      expect(first.some((i) => i.stage === 'onSite')).toBe(true);
      expect(first.every((i) => i.stage === 'onSite' || i.stage === 'prepared')).toBe(true);
      expect(first.some((i) => i.mode === 'townshipWithVillages')).toBe(true);
    }
  });
});
