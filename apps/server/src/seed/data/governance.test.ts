import {
  buildCalendar,
  COMMON_PROBLEM_EXAMPLES,
  CONDUCT_BAR,
  campaignLedger,
  campaignPhase,
  commonProblemTally,
  conductRateText,
  conductResults,
  DEFAULT_GOVERNANCE_SETTINGS,
  dualReportStatus,
  governanceSummary,
  groupCommonProblems,
  OFFICIAL_CALENDAR,
  parseBulletinNumber,
  parseCatalogueNumber,
  reminderStatus,
} from '@xc/domain';
import { describe, expect, it } from 'vitest';
import {
  buildDemoGovernance,
  CITY_FIRST_TERM_GOV,
  type DemoGovernance,
  type GovFindingInput,
  RECIPIENT_ACCOUNTS,
} from './governance.ts';
import { fieldwork, inspections, plan, reached, data as rect, reg, rounds, termOf } from './rectification.fixture.ts';
import { CITY_FIRST_TERM_RECT, TODAY } from './rectification.ts';

// Database-free: the same pure builders the seed runs, fed what the seeder reads back from the
// tables (findings with their organization's sector, the team's flag and rectification's rollup).
const rollup = new Map(rect.rollups.map((r) => [r.findingKey, r]));
const rectifiedKeys = new Set(
  reached
    .filter((_f, n) => {
      const r = rollup.get(rect.findingKeys[n] as string);
      return !!r && r.taskCount > 0 && r.writtenOffCount === r.taskCount;
    })
    .map((f) => f.key),
);
const sectorOf = new Map(reg.orgs.map((o) => [o.key, o.sector]));
const findings: GovFindingInput[] = fieldwork.findings.map((f) => ({
  key: f.key,
  inspectionKey: f.inspectionKey,
  orgKey: f.orgKey,
  sector: sectorOf.get(f.orgKey) ?? null,
  typeKey: f.typeKey,
  common: f.common,
  rectified: rectifiedKeys.has(f.key),
}));
const names = { officeStaff: '刘晓婷', officeLeader: '陈建华', sectorLeader: '黎明远', deptLiaison: '罗晓燕' };
const data: DemoGovernance = buildDemoGovernance({ reg, plan, findings, names });
const cityTerms = plan.terms
  .filter((t) => t.authorityKey === 'city')
  .sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
const [first, second] = cityTerms.map((t) => t.key) as [string, string];
const cal = buildCalendar(OFFICIAL_CALENDAR);
const orgOf = new Map(reg.orgs.map((o) => [o.key, o]));

/** The term's summary as the server defines it (domain governanceSummary), from the builder's rows. */
function summary(termKey: string) {
  const campaignRectified = new Map<string, number>();
  for (const c of data.campaigns)
    for (const r of c.reports)
      campaignRectified.set(r.problemKey, (campaignRectified.get(r.problemKey) ?? 0) + r.rectifiedItems);
  const byKey = new Map(findings.map((f) => [f.key, f]));
  return governanceSummary({
    bulletins: data.bulletins.filter((b) => b.termKey === termKey),
    dutyReminders: data.reminders.filter((m) => m.termKey === termKey),
    commonProblems: data.problems
      .filter((p) => p.termKey === termKey)
      .map((p) =>
        commonProblemTally(
          p.findingKeys.map((k) => {
            const f = byKey.get(k) as GovFindingInput;
            return { orgId: f.orgKey, inspectionId: f.inspectionKey, rectified: f.rectified };
          }),
          campaignRectified.get(p.key) ?? 0,
        ),
      ),
    campaigns: data.campaigns.filter((c) => c.termKey === termKey),
    rectificationRulesMade: termKey === first ? CITY_FIRST_TERM_RECT.rulesMade : 0,
    policyConsultations: data.consultations
      .filter((x) => x.termKey === termKey)
      .map((x) => ({ problems: x.problems.length })),
  });
}

describe('demo governance (pure)', () => {
  it('is the same every time', () => {
    expect(buildDemoGovernance({ reg, plan, findings, names })).toEqual(data);
  });

  it('gives the city’s first term the seed’s figures', () => {
    const s = summary(first);
    expect(s.commonProblemsRectified).toBe(CITY_FIRST_TERM_GOV.commonProblemsRectified);
    expect(s.policyConsultations).toBe(CITY_FIRST_TERM_GOV.policyConsultations);
    expect(s.policyProblems).toBe(CITY_FIRST_TERM_GOV.policyProblems);
    // 建章立制6100多项: the register's rules and the campaigns' together stay "6,100 and more".
    expect(s.rulesMade).toBe(CITY_FIRST_TERM_GOV.rulesMade);
    expect(s.rulesMade).toBeGreaterThanOrEqual(6100);
    expect(s.rulesMade).toBeLessThan(6200);
    expect(s.campaigns).toBe(3);
    expect(s.bulletins).toBeGreaterThanOrEqual(3);
    // Most of the 848 were fixed by the campaigns, not by the inspections' own findings.
    const campaigns = data.campaigns.filter((c) => c.termKey === first).flatMap((c) => c.reports);
    expect(campaigns.reduce((a, r) => a + r.rectifiedItems, 0)).toBeGreaterThan(848 / 2);
  });

  it('confirms common problems over real findings, each finding in at most one', () => {
    const seen = new Set<string>();
    const byKey = new Map(findings.map((f) => [f.key, f]));
    for (const p of data.problems) {
      expect(p.findingKeys.length).toBeGreaterThan(0);
      for (const k of p.findingKeys) {
        expect(seen.has(k)).toBe(false);
        seen.add(k);
        expect(termOf((byKey.get(k) as GovFindingInput).inspectionKey)).toBe(p.termKey);
      }
    }
    const firstNames = data.problems.filter((p) => p.termKey === first).map((p) => p.name);
    for (const e of COMMON_PROBLEM_EXAMPLES) expect(firstNames).toContain(e.name);
    // Candidates are left for the office in the latest term with findings.
    const loose = findings
      .filter((f) => termOf(f.inspectionKey) === second && !seen.has(f.key))
      .map((f) => ({
        id: f.key,
        inspectionId: f.inspectionKey,
        orgId: f.orgKey,
        sector: f.sector,
        taxonomyTypeId: f.typeKey,
        common: f.common,
      }));
    expect(groupCommonProblems(loose).length).toBeGreaterThan(10);
  });

  it('numbers the sent bulletins without gaps per year and leaves one draft; the demo recipients read some', () => {
    const numbered = data.bulletins.filter((b) => b.number);
    const byYear = new Map<number, number[]>();
    for (const b of numbered) {
      const p = parseBulletinNumber(b.number as string);
      expect(p?.prefix).toBe('赣市巡办');
      expect(p?.year).toBe(b.year);
      byYear.set(p?.year as number, [...(byYear.get(p?.year as number) ?? []), p?.n as number]);
    }
    for (const ns of byYear.values()) expect(ns.sort((a, b) => a - b)).toEqual(ns.map((_n, i) => i + 1));
    expect(data.bulletins.filter((b) => b.status === 'draft')).toHaveLength(1);
    const toLeader = data.bulletins.flatMap((b) =>
      b.recipients.filter((r) => r.user === RECIPIENT_ACCOUNTS.sectorLeader.username),
    );
    const toDept = data.bulletins.flatMap((b) =>
      b.recipients.filter((r) => r.orgKey === RECIPIENT_ACCOUNTS.deptLiaison.orgKey),
    );
    for (const rs of [toLeader, toDept]) {
      expect(rs.some((r) => r.readOn)).toBe(true);
      expect(rs.some((r) => !r.readOn)).toBe(true);
    }
  });

  it('has duty reminders in every status, some to the demo recipients', () => {
    const statuses = new Set(data.reminders.map((m) => reminderStatus(m, TODAY)));
    expect([...statuses].sort()).toEqual(['answered', 'insufficient', 'overdue', 'pending', 'submitted']);
    const mine = data.reminders.filter(
      (m) =>
        m.recipient.user === RECIPIENT_ACCOUNTS.sectorLeader.username ||
        m.recipient.orgKey === RECIPIENT_ACCOUNTS.deptLiaison.orgKey,
    );
    expect(new Set(mine.map((m) => reminderStatus(m, TODAY))).size).toBeGreaterThanOrEqual(4);
    for (const m of data.reminders) {
      expect(m.dueOn > m.sentOn).toBe(true);
      expect(m.answers.at(-1)?.answeredOn ?? null).toBe(m.answeredOn);
    }
  });

  it('runs campaigns in city and counties; one is active with organizations yet to report', () => {
    for (const c of data.campaigns) {
      expect(c.authorityKeys[0]).toBe('city');
      expect(c.authorityKeys.length).toBeGreaterThan(10);
      const scope = new Set(c.orgKeys);
      for (const r of c.reports) {
        expect(scope.has(r.orgKey)).toBe(true);
        expect(r.rectifiedItems).toBeLessThanOrEqual(r.foundItems);
        expect(r.reportedOn >= c.startOn && r.reportedOn <= TODAY).toBe(true);
      }
    }
    const active = data.campaigns.filter((c) => campaignPhase(c, TODAY) === 'active');
    expect(active).toHaveLength(1);
    const c = active[0] as DemoGovernance['campaigns'][number];
    const ledger = campaignLedger(
      c.reports.map((r) => ({ ...r, orgId: r.orgKey, commonProblemId: r.problemKey })),
      {
        orgs: c.orgKeys.map((k) => ({
          orgId: k,
          authorityId: orgOf.get(k)?.authorityKey as string,
          sector: orgOf.get(k)?.sector ?? null,
        })),
        scopeOrgIds: c.orgKeys,
        authorityIds: c.authorityKeys,
        commonProblemIds: c.problemKeys,
      },
    );
    expect(ledger.total.notReported.length).toBeGreaterThan(0);
    expect(ledger.total.reports).toBeGreaterThan(0);
  });

  it('rates every round’s conduct at 97.5% or above, the first term’s lowest at 97.6%', () => {
    const tallies = data.conduct.map((e) => {
      const i = inspections.get(e.inspectionKey);
      return {
        roundId: i?.roundKey as string,
        teamId: i?.teamKey as string,
        stage: e.stage,
        satisfied: e.satisfied,
        valid: e.valid,
      };
    });
    const results = conductResults(tallies);
    expect(results.byRound.length).toBeGreaterThan(20);
    for (const r of results.byRound) expect(r.meetsBar).toBe(true);
    const firstRounds = results.byRound.filter((r) => rounds.get(r.roundId)?.termKey === first);
    const lowest = firstRounds.reduce((m, r) => ((r.rate as number) < (m.rate as number) ? r : m));
    expect(conductRateText(lowest.satisfied, lowest.valid)).toBe('97.6%');
    expect(lowest.satisfied / lowest.valid).toBeGreaterThanOrEqual(CONDUCT_BAR);
    for (const e of data.conduct)
      expect(e.closesOn <= TODAY && e.links >= e.valid && e.satisfied <= e.valid).toBe(true);
  });

  it('files every archived inspection with catalogue numbers without gaps; one borrow waits', () => {
    const archived = plan.inspections.filter(
      (i) =>
        i.stage === 'archived' &&
        ['city', 'nankang', 'yudu'].includes(plan.terms.find((t) => t.key === termOf(i.key))?.authorityKey ?? ''),
    );
    expect(new Set(data.archive.map((a) => a.inspectionKey)).size).toBe(archived.length);
    const scopes = new Map<string, number[]>();
    for (const a of data.archive) {
      const p = parseCatalogueNumber(a.catalogueNumber);
      expect(p).toMatchObject({ fonds: a.fonds, year: a.year, seq: a.seq });
      const k = `${a.authorityKey}|${p?.fonds}|${p?.year}|${p?.category}`;
      scopes.set(k, [...(scopes.get(k) ?? []), a.seq]);
    }
    for (const seqs of scopes.values()) expect(seqs.sort((a, b) => a - b)).toEqual(seqs.map((_s, i) => i + 1));
    expect(new Set(data.archive.map((a) => a.catalogueNumber)).size).toBe(data.archive.length);
    const pending = data.borrows.filter((b) => b.status === 'requested');
    expect(pending).toHaveLength(1);
    const items = new Set(data.archive.map((a) => a.key));
    for (const b of data.borrows) for (const k of b.itemKeys) expect(items.has(k)).toBe(true);
  });

  it('keeps 双报告一报备 for the authorized inspections: checked ones, and overdue ones now', () => {
    const states = data.dualReports.flatMap((d) => {
      const i = inspections.get(d.inspectionKey);
      const s = dualReportStatus(
        { mode: 'authorized', reportHeardOn: null, feedbackDate: i?.feedbackDate ?? null, records: d.records },
        TODAY,
        DEFAULT_GOVERNANCE_SETTINGS,
        cal,
      );
      return s?.items.map((x) => x.state) ?? [];
    });
    expect(states).toContain('checked');
    expect(states).toContain('awaitingCheck');
    expect(states).toContain('overdue');
    expect(data.dualReports.length).toBe(
      plan.inspections.filter((i) => i.mode === 'authorized' && i.feedbackDate && i.feedbackDate <= TODAY).length,
    );
  });

  it('carries every date the planning generator gave an authorized inspection, the only place they are stored', () => {
    const byKey = new Map(data.dualReports.map((d) => [d.inspectionKey, d.records]));
    const dated = plan.inspections.filter(
      (i) =>
        i.mode === 'authorized' && (i.countyCommitteeReportOn || i.sectorDepartmentReportOn || i.cityOfficeFiledOn),
    );
    expect(dated.length).toBeGreaterThan(0);
    for (const i of dated) {
      const r = byKey.get(i.key);
      expect(
        [r?.countyCommittee?.on ?? null, r?.sectorDepartment?.on ?? null, r?.cityOffice?.on ?? null],
        i.key,
      ).toEqual([i.countyCommitteeReportOn, i.sectorDepartmentReportOn, i.cityOfficeFiledOn]);
    }
  });
});
