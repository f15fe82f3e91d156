import { clueResultProblems, DEFAULT_TAXONOMY, reviewMove, STAGES, type TPaperStatus } from '@xc/domain';
import { describe, expect, it } from 'vitest';
import { apportion, buildDemoFieldwork, CITY_FIRST_TERM, type RosterMember } from './fieldwork.ts';
import { buildDemoPersonnel } from './personnel.ts';
import { buildDemoPlanning } from './planning.ts';
import { buildDemoRegistry } from './registry.ts';

const TODAY = '2026-11-27';
const reg = buildDemoRegistry();
const plan = buildDemoPlanning(reg);
const personnel = buildDemoPersonnel(reg, plan);
// The rosters the seeder reads from the database, made here from the personnel data.
const rosters = new Map<string, RosterMember[]>();
for (const m of personnel.teamMembers)
  rosters.set(m.teamKey, [
    ...(rosters.get(m.teamKey) ?? []),
    { inspectorId: `id:${m.inspectorKey}`, name: m.inspectorKey, role: m.role, userId: null },
  ]);
const data = buildDemoFieldwork({ reg, plan, personnel, rosters });
const inspections = new Map(plan.inspections.map((i) => [i.key, i]));
const rounds = new Map(plan.rounds.map((r) => [r.key, r]));
const cityFirst = plan.terms.find((t) => t.authorityKey === 'city' && t.startDate.startsWith('2016'))?.key as string;
const termOf = (inspectionKey: string) => rounds.get(inspections.get(inspectionKey)?.roundKey ?? '')?.termKey;

describe('demo fieldwork (pure)', () => {
  it('says the seed’s figures for the city’s first term exactly', () => {
    expect(data.findings.filter((f) => termOf(f.inspectionKey) === cityFirst)).toHaveLength(CITY_FIRST_TERM.findings);
    const clues = data.clues.filter((c) => termOf(c.inspectionKey) === cityFirst);
    expect(clues).toHaveLength(CITY_FIRST_TERM.clues);
    expect(clues.every((c) => c.status !== 'draft' && c.transferredOn)).toBe(true);
    const meetings = data.meetings.filter((m) => m.termKey === cityFirst);
    expect(meetings.filter((m) => m.kind === 'standingCommittee')).toHaveLength(CITY_FIRST_TERM.standingCommittee);
    const hearings = meetings.filter(
      (m) => (m.kind === 'secretarySpecial' || m.kind === 'standingCommittee') && m.inspectionKeys.length,
    );
    expect(hearings).toHaveLength(CITY_FIRST_TERM.hearings);
  });

  it('hears every report after the team left and before the feedback', () => {
    for (const m of data.meetings.filter((x) => x.kind === 'secretarySpecial'))
      for (const k of m.inspectionKeys) {
        const i = inspections.get(k);
        expect(m.date >= (i?.exitDate as string), k).toBe(true);
        expect(m.date <= (i?.feedbackDate as string), k).toBe(true);
      }
    const heard = new Set(data.meetings.filter((x) => x.kind === 'secretarySpecial').flatMap((x) => x.inspectionKeys));
    for (const i of plan.inspections.filter((x) => x.feedbackDate && x.feedbackDate <= TODAY))
      expect(heard.has(i.key), i.key).toBe(true);
  });

  it('dates nothing after today, and nothing before the team arrived', () => {
    for (const f of data.findings) {
      const i = inspections.get(f.inspectionKey);
      expect(f.createdAt.slice(0, 10) <= TODAY).toBe(true);
      expect(f.createdAt.slice(0, 10) >= (i?.entryDate as string)).toBe(true);
      for (const y of f.facts.match(/20\d\d(?=年)/g) ?? [])
        expect(Number(y)).toBeLessThan(Number(i?.entryDate?.slice(0, 4)));
    }
    for (const c of data.clues)
      for (const d of [c.transferredOn, c.disposedOn, c.resultOn, c.writtenOffOn]) if (d) expect(d <= TODAY).toBe(true);
    for (const m of data.meetings) {
      expect(m.date <= TODAY).toBe(true);
      for (const x of m.matters) if (x.closedOn) expect(x.closedOn <= TODAY).toBe(true);
    }
  });

  it('gives results the domain accepts, and leaves some clues with the case handlers past their time', () => {
    for (const c of data.clues)
      if (c.result) expect(clueResultProblems(c.result as never), JSON.stringify(c.result)).toEqual([]);
    const open = data.clues.filter((c) => c.status === 'transferred' || c.status === 'disposing');
    expect(open.length).toBeGreaterThan(0);
    expect(open.some((c) => (c.transferredOn as string) < '2026-08-27')).toBe(true);
    expect(data.clues.some((c) => c.status === 'draft')).toBe(true);
    // Someone named in two clues: one 人, two 人次.
    const named = data.clues.flatMap((c) => c.subjects.map((s) => `${s.name}|${s.post}`));
    expect(new Set(named).size).toBeLessThan(named.length);
  });

  it('classifies every finding on the default taxonomy and spreads them over organizations and sectors', () => {
    const types = new Set(DEFAULT_TAXONOMY.filter((n) => n.level === 'type').map((n) => n.id));
    expect(data.findings.every((f) => types.has(f.typeKey))).toBe(true);
    const orgs = new Map(reg.orgs.map((o) => [o.key, o]));
    expect(new Set(data.findings.map((f) => f.orgKey)).size).toBeGreaterThan(300);
    expect(new Set(data.findings.map((f) => orgs.get(f.orgKey)?.sector)).size).toBeGreaterThan(10);
  });

  it('puts the round on site at every step of 三审, each step a move the domain allows', () => {
    const steps = new Set(data.papers.map((p) => p.status));
    expect([...steps].sort()).toEqual(['deputyReview', 'draft', 'leaderReview', 'signedOff']);
    for (const p of data.papers) {
      let status: TPaperStatus = 'draft';
      for (const r of p.reviews) {
        const actor = {
          teamRole: r.by.role as 'leader' | 'deputy' | 'member',
          isAuthor: r.by.inspectorId === p.author.inspectorId,
        };
        const move = reviewMove(status, r.action, actor, { deputyAvailable: true, reason: r.reason });
        expect(move.to, `${p.key} ${r.action}`).toBe(r.to);
        status = move.to as TPaperStatus;
      }
      expect(status).toBe(p.status);
    }
    expect(data.interviews.every((v) => new Set(v.inspectorIds).size >= 2)).toBe(true);
    expect(data.findings.some((f) => f.source === 'workingPaper')).toBe(true);
    const onSite = plan.inspections.filter((i) => i.stage === 'onSite').map((i) => i.key);
    expect(new Set(data.interviews.map((v) => v.inspectionKey)).size).toBe(onSite.length);
  });

  it('never gives a person a reserved name (the accounts’ holders, the inspectors)', () => {
    const reserved = new Set(['刘晓婷', '曾庆松', ...personnel.inspectors.map((p) => p.name)]);
    const again = buildDemoFieldwork({ reg, plan, personnel, rosters, reservedNames: new Set(['刘晓婷', '曾庆松']) });
    for (const c of again.clues) for (const s of c.subjects) expect(reserved.has(s.name), s.name).toBe(false);
    for (const v of again.interviews) expect(reserved.has(v.name), v.name).toBe(false);
  });

  it('is the same every time', () => {
    expect(buildDemoFieldwork({ reg, plan, personnel, rosters })).toEqual(data);
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(4683, [3, 2, 5]).reduce((a, b) => a + b, 0)).toBe(4683);
    expect(STAGES).toContain('onSite');
  });
});

// The seeded database's fieldwork figures, through the API, are checked in ../seed.test.ts (one seed for
// every module's checks).
