import { commonProblemTally, governanceSummary, type TBulletinStatus } from '@xc/domain';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bulletins,
  campaignReports,
  campaigns,
  commonProblemFindings,
  commonProblems,
  dutyReminders,
  findingRectification,
  policyConsultations,
  policyProblems,
  rectificationOutcomes,
  ruleMakings,
} from '../../db/schema/index.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { buildGovernanceWorld, type GovWorld, ok } from './governance.fixture.ts';

// GET /api/terms/{id}/governance-summary equals the domain's governanceSummary over the term's rows
// read straight from the tables: only sent bulletins, every reminder, each common problem's
// rectified (its findings rectified + campaign items reported for it), rules made from the
// rectification register and outcomes plus the campaigns' reports, consultations and their problems.
// Rows of the county's term sit beside them and must not leak into the city's figures.

let w: GovWorld;
beforeAll(async () => {
  w = await buildGovernanceWorld();
  const db = w.t.database.db;
  const now = w.t.clock.now();
  const stamp = { createdAt: now, updatedAt: now };

  const bulletin = (termId: string, authorityId: string, status: TBulletinStatus) => ({
    id: uuidv7(),
    authorityId,
    termId,
    sector: '教育',
    title: `关于教育系统共性问题的通报（${status}）`,
    status,
    requestedActions: '请主管部门督促整改。',
    ...stamp,
  });
  await db
    .insert(bulletins)
    .values([
      bulletin(w.termId, w.city, 'draft'),
      bulletin(w.termId, w.city, 'approved'),
      bulletin(w.termId, w.city, 'sent'),
      bulletin(w.termId, w.city, 'sent'),
      bulletin(w.countyTermId, w.county, 'sent'),
    ]);

  const problem = (termId: string, authorityId: string, name: string, sector: string) => ({
    id: uuidv7(),
    authorityId,
    termId,
    name,
    description: `${name}的描述。`,
    sector,
    confirmedOn: '2026-12-01',
    ...stamp,
  });
  const edu = problem(w.termId, w.city, '违规收取教辅资料费用', '教育');
  const fin = problem(w.termId, w.city, '公职人员参与民间借贷和非法集资', '财政金融');
  const countyEdu = problem(w.countyTermId, w.county, '区属学校违规收费', '教育');
  await db.insert(commonProblems).values([edu, fin, countyEdu]);
  await db.insert(commonProblemFindings).values([
    { commonProblemId: edu.id, findingId: w.f.eduA1, inspectionId: w.inspSchool1, orgId: w.school1 },
    { commonProblemId: edu.id, findingId: w.f.eduA3, inspectionId: w.inspSchool2, orgId: w.school2 },
    { commonProblemId: fin.id, findingId: w.f.finA, inspectionId: w.inspFinance, orgId: w.finance },
    { commonProblemId: countyEdu.id, findingId: w.f.countyA, inspectionId: w.inspCounty, orgId: w.countySchool },
  ]);
  // eduA1: every task written off (rectified); eduA3: one of two; countyA: rectified (county term).
  const rollup = (
    findingId: string,
    inspectionId: string,
    orgId: string,
    tasks: number,
    off: number,
    county = false,
  ) => ({
    findingId,
    authorityId: county ? w.county : w.city,
    termId: county ? w.countyTermId : w.termId,
    roundId: county ? w.countyRoundId : w.roundId,
    inspectionId,
    orgId,
    taskCount: tasks,
    writtenOffCount: off,
    ongoingOpenCount: tasks - off,
  });
  await db
    .insert(findingRectification)
    .values([
      rollup(w.f.eduA1, w.inspSchool1, w.school1, 1, 1),
      rollup(w.f.eduA3, w.inspSchool2, w.school2, 2, 1),
      rollup(w.f.countyA, w.inspCounty, w.countySchool, 1, 1, true),
    ]);

  // The rectification register (2 entries) and outcomes (3 rules) of the city term; one of the county's.
  const register = (termId: string, authorityId: string, roundId: string, inspectionId: string, orgId: string) => ({
    id: uuidv7(),
    authorityId,
    termId,
    roundId,
    inspectionId,
    orgId,
    title: '教辅资料征订管理办法',
    kind: 'made',
    issuedOn: '2026-12-05',
    issuingBody: '赣州市教育局',
    findingIds: [],
    ...stamp,
  });
  await db
    .insert(ruleMakings)
    .values([
      register(w.termId, w.city, w.roundId, w.inspSchool1, w.school1),
      register(w.termId, w.city, w.roundId, w.inspSchool2, w.school2),
      register(w.countyTermId, w.county, w.countyRoundId, w.inspCounty, w.countySchool),
    ]);
  await db.insert(rectificationOutcomes).values({
    id: uuidv7(),
    authorityId: w.city,
    termId: w.termId,
    roundId: w.roundId,
    inspectionId: w.inspFinance,
    orgId: w.finance,
    moneyFen: 0n,
    accountable: 0,
    rulesMade: 3,
    recordedOn: '2026-12-05',
    createdAt: now,
  });

  // Campaigns: the city's with three reports (one naming no problem), the county's with one.
  const campaign = (termId: string, authorityId: string) => ({
    id: uuidv7(),
    authorityId,
    termId,
    name: '教辅资料违规收费专项整治',
    startOn: '2026-12-01',
    endOn: '2027-03-31',
    ...stamp,
  });
  const cityCampaign = campaign(w.termId, w.city);
  const countyCampaign = campaign(w.countyTermId, w.county);
  await db.insert(campaigns).values([cityCampaign, countyCampaign]);
  const report = (
    campaignId: string,
    orgId: string,
    orgAuthorityId: string,
    commonProblemId: string | null,
    rectifiedItems: number,
    rulesMade: number,
  ) => ({
    id: uuidv7(),
    campaignId,
    orgId,
    orgAuthorityId,
    commonProblemId,
    reportedOn: '2026-12-10',
    foundItems: rectifiedItems + 1,
    rectifiedItems,
    rulesMade,
    moneyRecoveredFen: 0n,
    createdAt: now,
  });
  await db
    .insert(campaignReports)
    .values([
      report(cityCampaign.id, w.school1, w.city, edu.id, 5, 2),
      report(cityCampaign.id, w.finance, w.city, fin.id, 3, 1),
      report(cityCampaign.id, w.school2, w.city, null, 7, 4),
      report(countyCampaign.id, w.countySchool, w.county, countyEdu.id, 11, 6),
    ]);

  // Reminders and consultations through the API (the city), and one of each of the county's.
  for (const name of ['赣州市教育局', '赣州市教育局（再次提示）'])
    ok(
      await w.staff.post('/api/duty-reminders', {
        termId: w.termId,
        recipient: { kind: 'competentDept', name, orgId: w.eduBureau },
        content: '请督促全市学校清理教辅资料收费问题。',
      }),
    );
  ok(
    await w.countyStaff.post('/api/duty-reminders', {
      termId: w.countyTermId,
      recipient: { kind: 'competentDept', name: '南康区教育局', orgId: w.countyEdu },
      content: '请督促全区学校清理违规收费问题。',
    }),
  );
  const input = (summary: string) => ({
    summary,
    conclusion: '制定规范性文件。',
    leadDept: '市教育局',
    dueOn: '2027-03-31',
  });
  ok(
    await w.staff.post('/api/policy-consultations', {
      termId: w.termId,
      heldOn: '2026-12-10',
      title: '教辅资料征订政策会商',
      departments: ['市教育局', '市市场监管局'],
      problems: [input('征订范围不清'), input('收费标准缺失'), { ...input('监管职责交叉'), commonProblemId: edu.id }],
    }),
  );
  ok(
    await w.staff.post('/api/policy-consultations', {
      termId: w.termId,
      heldOn: '2026-12-11',
      title: '民间借贷政策会商',
      departments: ['市金融办'],
      problems: [{ ...input('负面清单缺失'), findingId: w.f.finA }],
    }),
  );
  ok(
    await w.countyStaff.post('/api/policy-consultations', {
      termId: w.countyTermId,
      heldOn: '2026-12-11',
      title: '区属学校收费政策会商',
      departments: ['区教育局'],
      problems: [input('收费公示不到位')],
    }),
  );
});
afterAll(async () => w.t.close());

/** The term's figures counted from its rows by the domain rule (what the SQL must equal). */
async function direct(termId: string) {
  const db = w.t.database.db;
  const bs = await db.select({ status: bulletins.status }).from(bulletins).where(eq(bulletins.termId, termId));
  const rs = await db.select({ id: dutyReminders.id }).from(dutyReminders).where(eq(dutyReminders.termId, termId));
  const ps = await db.select({ id: commonProblems.id }).from(commonProblems).where(eq(commonProblems.termId, termId));
  const links = ps.length
    ? await db
        .select()
        .from(commonProblemFindings)
        .where(
          inArray(
            commonProblemFindings.commonProblemId,
            ps.map((p) => p.id),
          ),
        )
    : [];
  const states = await db.select().from(findingRectification);
  const rectified = new Set(states.filter((s) => s.state === 'rectified').map((s) => s.findingId));
  const reports = await db.select().from(campaignReports);
  const cs = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.termId, termId));
  const register = await db.select().from(ruleMakings).where(eq(ruleMakings.termId, termId));
  const outcomes = await db.select().from(rectificationOutcomes).where(eq(rectificationOutcomes.termId, termId));
  const consultations = await db
    .select({ id: policyConsultations.id })
    .from(policyConsultations)
    .where(eq(policyConsultations.termId, termId));
  const problems = await db.select().from(policyProblems);
  return governanceSummary({
    bulletins: bs.map((b) => ({ status: b.status as TBulletinStatus })),
    dutyReminders: rs,
    commonProblems: ps.map((p) =>
      commonProblemTally(
        links
          .filter((l) => l.commonProblemId === p.id)
          .map((l) => ({ orgId: l.orgId, inspectionId: l.inspectionId, rectified: rectified.has(l.findingId) })),
        reports.filter((r) => r.commonProblemId === p.id).reduce((a, r) => a + r.rectifiedItems, 0),
      ),
    ),
    campaigns: cs.map((c) => ({ reports: reports.filter((r) => r.campaignId === c.id) })),
    rectificationRulesMade: register.length + outcomes.reduce((a, o) => a + o.rulesMade, 0),
    policyConsultations: consultations.map((c) => ({
      problems: problems.filter((p) => p.consultationId === c.id).length,
    })),
  });
}

describe('governance summary of a term', () => {
  it('401 / 403 / 404 / 400', async () => {
    const url = `/api/terms/${w.termId}/governance-summary`;
    expect((await w.t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await w.recipient.get(url)).statusCode).toBe(403);
    expect((await w.liaison.get(url)).statusCode).toBe(403);
    expect((await w.countyStaff.get(url)).statusCode).toBe(404);
    expect((await w.staff.get(`/api/terms/${uuidv7()}/governance-summary`)).statusCode).toBe(404);
    expect((await w.staff.get('/api/terms/not-an-id/governance-summary')).statusCode).toBe(400);
  });

  it('equals a direct count of the term’s rows by the domain rule', async () => {
    const expected = await direct(w.termId);
    // The figures the rows were made to give, so the comparison cannot pass on zeros.
    expect(expected).toEqual({
      bulletins: 2,
      dutyReminders: 2,
      commonProblems: 2,
      // eduA1 rectified + campaign items reported for 教辅 (5) and 民间借贷 (3).
      commonProblemsRectified: 9,
      campaigns: 1,
      // Register 2 + outcomes 3, campaigns 2 + 1 + 4.
      rulesMade: 12,
      policyConsultations: 2,
      policyProblems: 4,
    });
    const got = ok(await w.staff.get(`/api/terms/${w.termId}/governance-summary`));
    expect(got).toEqual(expected);
    // A leader reads the same figures; rectification's own summary carries the register's part.
    expect(ok(await w.leader.get(`/api/terms/${w.termId}/governance-summary`))).toEqual(expected);
    expect(ok(await w.staff.get(`/api/terms/${w.termId}/rectification-summary`)).rulesMade).toBe(5);
  });

  it('counts the county term’s own rows for the county office (and for the city above it)', async () => {
    const expected = await direct(w.countyTermId);
    expect(expected).toMatchObject({ bulletins: 1, dutyReminders: 1, commonProblemsRectified: 12, rulesMade: 7 });
    expect(ok(await w.countyStaff.get(`/api/terms/${w.countyTermId}/governance-summary`))).toEqual(expected);
    expect(ok(await w.staff.get(`/api/terms/${w.countyTermId}/governance-summary`))).toEqual(expected);
  });
});
