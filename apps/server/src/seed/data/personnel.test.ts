import { DEFAULT_PERSONNEL_SETTINGS, recusalReasons, type TRecusalReason } from '@xc/domain';
import { describe, expect, it } from 'vitest';
import { buildDemoPersonnel, type SeedInspector, type SeedTeamMember } from './personnel.ts';
import { buildDemoPlanning } from './planning.ts';
import { buildDemoRegistry } from './registry.ts';

const TODAY = '2026-11-27';
const reg = buildDemoRegistry();
const plan = buildDemoPlanning(reg);
const data = buildDemoPersonnel(reg, plan);
const { inspectors, teamMembers, trainings, secondments, appraisals, awards } = data;

const orgs = new Map(reg.orgs.map((o) => [o.key, o]));
const authorities = new Set(reg.authorities.map((a) => a.key));
const byKey = new Map(inspectors.map((i) => [i.key, i]));
const teams = new Map(plan.teams.map((t) => [t.key, t]));
const rounds = new Map(plan.rounds.map((r) => [r.key, r]));
const terms = new Map(plan.terms.map((t) => [t.key, t]));
const membersOf = new Map<string, SeedTeamMember[]>();
for (const m of teamMembers) membersOf.set(m.teamKey, [...(membersOf.get(m.teamKey) ?? []), m]);
const inspectionsOf = new Map<string, (typeof plan.inspections)[number][]>();
for (const i of plan.inspections)
  if (i.teamKey) inspectionsOf.set(i.teamKey, [...(inspectionsOf.get(i.teamKey) ?? []), i]);

const entryOf = (teamKey: string) =>
  (inspectionsOf.get(teamKey) ?? []).map((i) => i.entryDate ?? i.plannedEntryDate ?? '').sort()[0] ?? '';
const exitOf = (teamKey: string) =>
  (inspectionsOf.get(teamKey) ?? [])
    .map((i) => i.exitDate ?? i.plannedExitDate ?? '')
    .sort()
    .at(-1) ?? '';
const authorityOfTeam = (teamKey: string) =>
  terms.get(rounds.get(teams.get(teamKey)?.roundKey ?? '')?.termKey ?? '')?.authorityKey;

const leaderNames = new Set(reg.orgs.flatMap((o) => o.leaders.map((l) => l.name)));
const currentLeaderNames = new Set(
  reg.orgs.flatMap((o) => o.leaders.filter((l) => l.until === null).map((l) => l.name)),
);

// ---------------------------------------------------------------------------------------------
// The product's own recusal rule (domain.md §5), as the team builder applies it: what the demo
// assigns must never show in red there. A unit also counts for the units merged into it.

/** The unit and every unit that was merged into it, directly or through others. */
function withPredecessors(key: string): string[] {
  const keys = [key];
  for (let n = 0; n < keys.length; n++)
    for (const o of reg.orgs) if (o.mergedIntoKey === keys[n] && !keys.includes(o.key)) keys.push(o.key);
  return keys;
}

function conflicted(insp: SeedInspector, role: SeedTeamMember['role'], orgKey: string, d: string): TRecusalReason[] {
  const target = orgs.get(orgKey);
  return recusalReasons({
    inspector: {
      id: insp.key,
      homeAuthorityId: insp.homeAuthorityKey,
      history: insp.history.map((h) => ({ orgId: h.orgKey, unitName: h.unitName, from: h.from, to: h.to })),
      relatives: insp.relatives.map((r) => ({ ...r, orgId: r.orgKey })),
      workRelations: insp.workRelations,
    },
    role,
    targets: withPredecessors(orgKey).map((k) => {
      const o = orgs.get(k);
      return {
        orgId: k,
        name: o?.name ?? '',
        authorityId: o?.authorityKey ?? '',
        parentOrgId: o?.kind === '村(社区)' ? o.parentKey : null,
        leaders: target?.leaders ?? [],
      };
    }),
    onDate: d,
    settings: { ...DEFAULT_PERSONNEL_SETTINGS, regionalRecusal: false },
  });
}

const activeIn = (insp: SeedInspector, pools: string[], d: string) =>
  insp.pools.some((p) => pools.includes(p.pool) && p.since <= d && (p.until === null || d < p.until));

// ---------------------------------------------------------------------------------------------

describe('demo personnel: determinism and size', () => {
  it('gives the same data for the same registry and planning', () => {
    const again = buildDemoPersonnel(reg, plan);
    expect(again).toEqual(data);
  });

  it('has 280–340 inspectors: about 120 for the city and 90 each for 南康 and 于都', () => {
    expect(inspectors.length).toBeGreaterThanOrEqual(280);
    expect(inspectors.length).toBeLessThanOrEqual(340);
    const count = (a: string) => inspectors.filter((i) => i.authorityKey === a).length;
    expect(count('city')).toBeGreaterThanOrEqual(110);
    expect(count('city')).toBeLessThanOrEqual(130);
    for (const c of ['nankang', 'yudu']) {
      expect(count(c), c).toBeGreaterThanOrEqual(80);
      expect(count(c), c).toBeLessThanOrEqual(100);
    }
    const cityPool = (pool: string) =>
      inspectors.filter((i) => i.authorityKey === 'city' && i.pools.some((p) => p.pool === pool)).length;
    expect(cityPool('staff')).toBeGreaterThanOrEqual(40);
    expect(cityPool('staff')).toBeLessThanOrEqual(55);
    expect(cityPool('leaderPool')).toBeGreaterThanOrEqual(20);
    expect(cityPool('leaderPool')).toBeLessThanOrEqual(30);
    expect(cityPool('talentPool')).toBeGreaterThanOrEqual(50);
    expect(cityPool('talentPool')).toBeLessThanOrEqual(70);
  });

  it('meets the seed figures: 800+ attendances, 170+ secondments, 50 excellent inspectors, 40 reports', () => {
    expect(trainings.reduce((n, t) => n + t.attendeeKeys.length, 0)).toBeGreaterThanOrEqual(800);
    // 连续3年以视频形式培训 800余人次
    const video = trainings.filter((t) => t.mode === 'video');
    expect(video.length).toBeGreaterThanOrEqual(10);
    expect(video.length).toBeLessThanOrEqual(14);
    expect(new Set(video.map((t) => t.heldOn.slice(0, 4)))).toEqual(new Set(['2019', '2020', '2021']));
    expect(video.reduce((n, t) => n + t.attendeeKeys.length, 0)).toBeGreaterThanOrEqual(800);
    const seconded = secondments.filter((s) => s.kind === 'secondment');
    expect(seconded.length).toBeGreaterThanOrEqual(170);
    // 170余人次 within 五届 (2016-10 … 2021-09)
    const term5 = seconded.filter((s) => s.from >= '2016-10-01' && s.from <= '2021-09-30').length;
    expect(term5).toBeGreaterThanOrEqual(170);
    expect(term5).toBeLessThan(180);

    const excellent = awards.filter((a) => a.kind === 'excellentInspector');
    const people = excellent.flatMap((a) => a.inspectorKeys);
    expect(people).toHaveLength(50);
    expect(new Set(people).size).toBe(50);
    const batches = new Set(excellent.map((a) => a.batch));
    expect(batches.size).toBe(2);
    for (const b of batches)
      expect(excellent.filter((a) => a.batch === b).flatMap((a) => a.inspectorKeys)).toHaveLength(25);

    const reports = awards.filter((a) => a.kind === 'excellentReport');
    expect(reports).toHaveLength(40);
    expect(new Set(reports.map((a) => a.category))).toEqual(
      new Set(['综合类', '专项类', '提级类', '村级延伸类', '回头看类', '授权类']),
    );
    expect(new Set(reports.map((a) => a.title)).size).toBe(40);
    for (const r of reports) expect(r.title).toMatch(/^关于.+的情况报告$/);
  });
});

describe('demo personnel: references and consistency', () => {
  it('has unique keys and references that resolve', () => {
    expect(byKey.size).toBe(inspectors.length);
    for (const i of inspectors) {
      expect(authorities.has(i.authorityKey), i.key).toBe(true);
      if (i.homeAuthorityKey !== null) expect(authorities.has(i.homeAuthorityKey), i.key).toBe(true);
      for (const k of [
        i.homeOrgKey,
        ...i.history.map((h) => h.orgKey),
        ...i.relatives.map((r) => r.orgKey),
        ...i.workRelations.map((w) => w.orgKey),
      ]) {
        if (k !== null) expect(orgs.has(k), `${i.key} → ${k}`).toBe(true);
      }
    }
    for (const m of teamMembers) {
      expect(teams.has(m.teamKey), m.teamKey).toBe(true);
      expect(byKey.has(m.inspectorKey), m.inspectorKey).toBe(true);
    }
    expect(new Set(trainings.map((t) => t.key)).size).toBe(trainings.length);
    for (const t of trainings) {
      expect(authorities.has(t.authorityKey)).toBe(true);
      expect(new Set(t.attendeeKeys).size, t.key).toBe(t.attendeeKeys.length);
      for (const k of t.attendeeKeys) expect(byKey.has(k), k).toBe(true);
    }
    for (const s of secondments) expect(byKey.has(s.inspectorKey)).toBe(true);
    for (const a of appraisals) {
      expect(byKey.has(a.inspectorKey)).toBe(true);
      expect(teams.has(a.teamKey)).toBe(true);
    }
    for (const a of awards) {
      expect(authorities.has(a.authorityKey)).toBe(true);
      expect(a.inspectorKeys.length).toBeGreaterThan(0);
      for (const k of a.inspectorKeys) expect(byKey.has(k), k).toBe(true);
    }
  });

  it('uses fictional names, unique, none of them a leader of the registry', () => {
    const names = [...inspectors.map((i) => i.name), ...inspectors.flatMap((i) => i.relatives.map((r) => r.name))];
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(leaderNames.has(n), n).toBe(false);
  });

  it('gives plausible people: birth years, ranks, party membership, expertise', () => {
    for (const i of inspectors) {
      expect(i.birthYear, i.key).toBeGreaterThanOrEqual(1965);
      expect(i.birthYear, i.key).toBeLessThanOrEqual(1995);
      expect(i.rank.length).toBeGreaterThan(0);
      expect(i.post.length).toBeGreaterThan(0);
      expect(i.expertise.length).toBeGreaterThan(0);
      expect(['male', 'female']).toContain(i.gender);
    }
    const members = inspectors.filter((i) => i.politicalStatus === '中共党员').length;
    expect(members / inspectors.length).toBeGreaterThan(0.9);
    const expertise = new Set(inspectors.flatMap((i) => i.expertise));
    for (const e of [
      '纪检',
      '组织人事',
      '财务',
      '审计',
      '法律',
      '工程项目',
      '政法',
      '教育',
      '卫健',
      '农林水',
      '国土',
      '金融',
      '宣传',
    ])
      expect(expertise.has(e), e).toBe(true);
  });

  it('keeps work history consistent: 1–6 rows, contiguous, ending in the present home unit', () => {
    for (const i of inspectors) {
      const h = i.history;
      expect(h.length, i.key).toBeGreaterThanOrEqual(1);
      expect(h.length, i.key).toBeLessThanOrEqual(6);
      h.forEach((row, k) => {
        const next = h[k + 1];
        if (next) {
          expect(row.to, `${i.key} row ${k}`).toBe(next.from);
          expect(row.from < (row.to as string), `${i.key} row ${k}`).toBe(true);
        } else {
          expect(row.to, i.key).toBeNull();
          expect(row.from <= TODAY).toBe(true);
        }
        if (row.orgKey) {
          const o = orgs.get(row.orgKey);
          expect(row.unitName.endsWith(o?.name ?? '?'), `${i.key} ${row.unitName}`).toBe(true);
          if (o?.establishedOn) expect(row.from >= o.establishedOn, `${i.key} ${row.orgKey} ${row.from}`).toBe(true);
          if (o?.abolishedOn) expect((row.to ?? TODAY) <= o.abolishedOn, `${i.key} ${row.orgKey}`).toBe(true);
        }
      });
      const last = h.at(-1);
      expect(last?.orgKey).toBe(i.homeOrgKey);
      expect(last?.unitName).toBe(i.homeUnitName);
      expect(last?.post).toBe(i.post);
      expect(Number(h[0]?.from.slice(0, 4)) - i.birthYear, i.key).toBeGreaterThanOrEqual(20);
    }
  });

  it('dates pool memberships; a few are suspended or out', () => {
    let ended = 0;
    for (const i of inspectors) {
      expect(i.pools.length, i.key).toBeGreaterThan(0);
      expect(new Set(i.pools.map((p) => p.pool)).size).toBe(i.pools.length);
      for (const p of i.pools) {
        expect(p.since <= TODAY).toBe(true);
        if (p.status === 'in') expect(p.until).toBeNull();
        else {
          ended++;
          expect(p.until !== null && p.since < p.until && p.until <= TODAY, i.key).toBe(true);
        }
      }
    }
    expect(ended).toBeGreaterThanOrEqual(5);
    expect(ended).toBeLessThan(inspectors.length / 5);
  });

  it('records relatives, some at registry organizations, and work relations with sitting leaders', () => {
    for (const i of inspectors) expect(i.relatives.length).toBeLessThanOrEqual(3);
    expect(inspectors.flatMap((i) => i.relatives).filter((r) => r.orgKey !== null).length).toBeGreaterThanOrEqual(30);
    const leaderPool = inspectors.filter((i) => i.pools.some((p) => p.pool === 'leaderPool'));
    const withSitting = leaderPool.filter((i) => i.workRelations.some((w) => currentLeaderNames.has(w.personName)));
    expect(withSitting.length).toBeGreaterThanOrEqual(10);
    for (const i of inspectors) {
      for (const w of i.workRelations) {
        expect(leaderNames.has(w.personName), w.personName).toBe(true);
        if (w.to !== null) expect(w.from < w.to, i.key).toBe(true);
      }
    }
  });
});

describe('demo personnel: teams', () => {
  it('fills every team with 5–7 people: one 组长, 1–2 副组长, 2–4 组员 with a 财务/审计 hand', () => {
    expect(membersOf.size).toBe(plan.teams.length);
    for (const [teamKey, ms] of membersOf) {
      expect(ms.length, teamKey).toBeGreaterThanOrEqual(5);
      expect(ms.length, teamKey).toBeLessThanOrEqual(7);
      const n = (role: string) => ms.filter((m) => m.role === role).length;
      expect(n('leader'), teamKey).toBe(1);
      expect(n('deputy'), teamKey).toBeGreaterThanOrEqual(1);
      expect(n('deputy'), teamKey).toBeLessThanOrEqual(2);
      expect(n('member'), teamKey).toBeGreaterThanOrEqual(2);
      expect(n('member'), teamKey).toBeLessThanOrEqual(4);
      expect(n('liaison'), teamKey).toBeLessThanOrEqual(1);
      expect(new Set(ms.map((m) => m.inspectorKey)).size).toBe(ms.length);
      const finance = ms.some(
        (m) => m.role === 'member' && byKey.get(m.inspectorKey)?.expertise.some((e) => e === '财务' || e === '审计'),
      );
      expect(finance, teamKey).toBe(true);
    }
  });

  it('draws every member from the team authority, in the right pool on the day of entry', () => {
    for (const m of teamMembers) {
      const i = byKey.get(m.inspectorKey) as SeedInspector;
      const d = entryOf(m.teamKey);
      expect(i.authorityKey, m.teamKey).toBe(authorityOfTeam(m.teamKey));
      const pools =
        m.role === 'leader'
          ? ['leaderPool']
          : m.role === 'deputy'
            ? ['staff', 'leaderPool']
            : m.role === 'liaison'
              ? ['staff']
              : ['staff', 'talentPool'];
      expect(activeIn(i, pools, d), `${m.inspectorKey} ${m.role} ${m.teamKey}`).toBe(true);
    }
  });

  it('puts nobody on two teams of a round or on more than three teams a year, and no 组长 leads a unit twice', () => {
    const perRound = new Map<string, Set<string>>();
    const perYear = new Map<string, number>();
    const led = new Map<string, Set<string>>();
    for (const m of teamMembers) {
      const roundKey = teams.get(m.teamKey)?.roundKey ?? '';
      const set = perRound.get(roundKey) ?? new Set();
      expect(set.has(m.inspectorKey), `${m.inspectorKey} twice in ${roundKey}`).toBe(false);
      set.add(m.inspectorKey);
      perRound.set(roundKey, set);
      const y = `${m.inspectorKey}|${entryOf(m.teamKey).slice(0, 4)}`;
      perYear.set(y, (perYear.get(y) ?? 0) + 1);
      if (m.role === 'leader') {
        const done = led.get(m.inspectorKey) ?? new Set();
        for (const i of inspectionsOf.get(m.teamKey) ?? []) {
          for (const t of i.targets) {
            expect(done.has(t.orgKey), `${m.inspectorKey} leads ${t.orgKey} again`).toBe(false);
            done.add(t.orgKey);
          }
        }
        led.set(m.inspectorKey, done);
      }
    }
    for (const [k, n] of perYear) expect(n, k).toBeLessThanOrEqual(3);
    // People are reused across rounds: the average member serves on several teams.
    expect(teamMembers.length / new Set(teamMembers.map((m) => m.inspectorKey)).size).toBeGreaterThan(4);
  });

  it('assigns nobody with a recusal conflict against the team’s targets', () => {
    for (const m of teamMembers) {
      const i = byKey.get(m.inspectorKey) as SeedInspector;
      const d = entryOf(m.teamKey);
      for (const insp of inspectionsOf.get(m.teamKey) ?? []) {
        for (const t of insp.targets) {
          expect(conflicted(i, m.role, t.orgKey, d), `${m.inspectorKey} ${m.role} → ${t.orgKey}`).toEqual([]);
        }
      }
    }
  });

  it('has 8–12 city inspectors conflicted with targets of the current term’s first two rounds, none on those teams', () => {
    const term = plan.terms
      .filter((t) => t.authorityKey === 'city')
      .sort((a, b) => (a.startDate < b.startDate ? -1 : 1))
      .at(-1);
    const current = plan.inspections.filter((i) => {
      const r = rounds.get(i.roundKey);
      return r?.termKey === term?.key && r !== undefined && r.number <= 2;
    });
    expect(current.some((i) => i.teamKey !== null)).toBe(true);
    const city = inspectors.filter((i) => i.authorityKey === 'city');
    const conflictedKeys = new Set<string>();
    const reasons: TRecusalReason[] = [];
    for (const insp of current) {
      const d = insp.entryDate ?? insp.plannedEntryDate ?? '';
      const onTeam = new Set((insp.teamKey ? (membersOf.get(insp.teamKey) ?? []) : []).map((m) => m.inspectorKey));
      for (const t of insp.targets) {
        for (const i of city) {
          const why = conflicted(i, 'leader', t.orgKey, d);
          if (why.length === 0) continue;
          conflictedKeys.add(i.key);
          reasons.push(...why);
          expect(onTeam.has(i.key), `${i.key} on the team for ${t.orgKey}`).toBe(false);
        }
      }
    }
    expect(conflictedKeys.size).toBeGreaterThanOrEqual(8);
    expect(conflictedKeys.size).toBeLessThanOrEqual(12);
    // Every kind of tie is there for the team builder to show.
    const rules = new Set(reasons.map((r) => r.rule));
    for (const rule of ['workedThere', 'workedThereLong', 'relativeThere', 'leaderRelation'] as const)
      expect(rules.has(rule), rule).toBe(true);
    expect(reasons.some((r) => r.rule === 'relativeThere' && r.detail.includes('配偶'))).toBe(true);
  });
});

describe('demo personnel: trainings, secondments, appraisals, awards', () => {
  it('trains people who are in a pool on the day', () => {
    for (const t of trainings) {
      expect(t.hours).toBeGreaterThan(0);
      expect(t.heldOn <= TODAY).toBe(true);
      for (const k of t.attendeeKeys) {
        const i = byKey.get(k) as SeedInspector;
        expect(activeIn(i, ['staff', 'talentPool', 'leaderPool'], t.heldOn), `${k} at ${t.key}`).toBe(true);
      }
    }
    expect(trainings.some((t) => t.mode === 'onsite' && t.authorityKey === 'city')).toBe(true);
    expect(trainings.some((t) => t.authorityKey === 'nankang')).toBe(true);
  });

  it('seconds people to 省委/中央巡视组 outside their own teams, and every county office staff member shadows once', () => {
    const teamWindows = new Map<string, [string, string][]>();
    for (const m of teamMembers) {
      teamWindows.set(m.inspectorKey, [
        ...(teamWindows.get(m.inspectorKey) ?? []),
        [entryOf(m.teamKey), exitOf(m.teamKey)],
      ]);
    }
    for (const s of secondments) {
      expect(s.to === null || s.from < s.to).toBe(true);
      const to = s.to ?? TODAY;
      for (const [a, b] of teamWindows.get(s.inspectorKey) ?? []) {
        expect(a <= to && s.from <= b, `${s.inspectorKey} ${s.from} overlaps a team ${a}–${b}`).toBe(false);
      }
      if (s.kind === 'secondment') {
        expect(s.hostName).toMatch(/^(省委|中央)第[一二三四五六七八九十]+巡视组$/);
        expect(s.from >= '2016-01-01').toBe(true);
      } else expect(s.hostName).toBe('赣州市委巡察办');
    }
    const countyStaff = inspectors.filter(
      (i) => (i.authorityKey === 'nankang' || i.authorityKey === 'yudu') && i.pools.some((p) => p.pool === 'staff'),
    );
    expect(countyStaff.length).toBeGreaterThanOrEqual(40);
    for (const i of countyStaff) {
      expect(
        secondments.filter((s) => s.kind === 'shadowing' && s.inspectorKey === i.key),
        i.key,
      ).toHaveLength(1);
    }
    expect(
      secondments.filter((s) => s.kind === 'shadowing' && byKey.get(s.inspectorKey)?.authorityKey === 'city'),
    ).toEqual([]);
  });

  it('appraises seconded talent-pool members of recent city teams after the team left the site', () => {
    expect(appraisals.length).toBeGreaterThan(50);
    const seen = new Set<string>();
    const cityTerms = plan.terms
      .filter((t) => t.authorityKey === 'city')
      .sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
    const lastTwo = new Set(cityTerms.slice(-2).map((t) => t.key));
    for (const a of appraisals) {
      const k = `${a.inspectorKey}|${a.teamKey}`;
      expect(seen.has(k)).toBe(false);
      seen.add(k);
      expect(lastTwo.has(rounds.get(teams.get(a.teamKey)?.roundKey ?? '')?.termKey ?? '')).toBe(true);
      expect(membersOf.get(a.teamKey)?.some((m) => m.inspectorKey === a.inspectorKey)).toBe(true);
      const i = byKey.get(a.inspectorKey) as SeedInspector;
      expect(activeIn(i, ['talentPool'], entryOf(a.teamKey))).toBe(true);
      const exits = (inspectionsOf.get(a.teamKey) ?? []).map((x) => x.exitDate);
      expect(exits.every((e) => e !== null && e < a.appraisedOn)).toBe(true);
      expect(a.appraisedOn <= TODAY).toBe(true);
      expect(a.comment.length).toBeGreaterThan(10);
    }
    const share = (g: string) => appraisals.filter((a) => a.grade === g).length / appraisals.length;
    expect(share('优秀') + share('称职')).toBeGreaterThan(0.9);
  });

  it('credits excellent reports to the leader and deputies of the inspection’s team', () => {
    const reports = awards.filter((a) => a.kind === 'excellentReport');
    const withTeam = reports.filter((r) => r.category !== '授权类');
    for (const r of withTeam) {
      const candidates = teamMembers.filter((m) => m.role === 'leader' || m.role === 'deputy');
      const team = [...membersOf.entries()].find(([, ms]) => {
        const keys = ms.filter((m) => m.role === 'leader' || m.role === 'deputy').map((m) => m.inspectorKey);
        return keys.length === r.inspectorKeys.length && keys.every((k, i) => k === r.inspectorKeys[i]);
      });
      expect(team, r.title ?? '').toBeDefined();
      expect(candidates.length).toBeGreaterThan(0);
    }
    for (const a of awards) expect(a.awardedOn <= TODAY).toBe(true);
    expect(new Set(awards.filter((a) => a.kind === 'excellentReport').map((a) => a.batch)).size).toBe(2);
  });
});
