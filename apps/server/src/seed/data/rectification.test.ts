import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildCalendar,
  DEFAULT_SCORECARD,
  findingRectification,
  OFFICIAL_CALENDAR,
  publicationProblems,
  rectificationSummary,
  scoreEvaluation,
  type TRectificationSummary,
  taskDeadlineProblem,
  taskWarning,
  wanProblem,
} from '@xc/domain';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, makeUser } from '../../../test/helpers.ts';
import { rowsOf } from '../../platform/db.ts';
import { seedDemo } from '../seed.ts';
import { buildDemoFieldwork, type RosterMember } from './fieldwork.ts';
import { buildDemoPersonnel } from './personnel.ts';
import { buildDemoPlanning } from './planning.ts';
import {
  buildDemoRectification,
  CITY_FIRST_TERM_RECT,
  type DemoRectification,
  FEEDBACK_DEMO,
  TODAY,
} from './rectification.ts';
import { buildDemoRegistry } from './registry.ts';

const reg = buildDemoRegistry();
const plan = buildDemoPlanning(reg);
const personnel = buildDemoPersonnel(reg, plan);
const rosters = new Map<string, RosterMember[]>();
const fieldwork = buildDemoFieldwork({ reg, plan, personnel, rosters });
const inspections = new Map(plan.inspections.map((i) => [i.key, i]));
const rounds = new Map(plan.rounds.map((r) => [r.key, r]));
const PAST = new Set(['evaluated', 'published', 'archived']);
const REACHED = new Set(['feedback', 'transfer', 'rectifying', ...PAST]);
// What the seeder reads back: the findings of the inspections at feedback or later.
const findings = fieldwork.findings
  .filter((f) => REACHED.has(inspections.get(f.inspectionKey)?.stage ?? ''))
  .map((f) => ({
    inspectionKey: f.inspectionKey,
    orgKey: f.orgKey,
    title: f.title,
    facts: f.facts,
    typeKey: f.typeKey,
    severity: f.severity,
    immediate: f.immediate,
    createdAt: f.createdAt,
  }));
const input = { reg, plan, personnel, findings, liaisonName: '谢国平', reviewerName: '邱海燕' };
const data = buildDemoRectification(input);
const termOf = (inspectionKey: string) => rounds.get(inspections.get(inspectionKey)?.roundKey ?? '')?.termKey;
const cityFirst = plan.terms.find((t) => t.authorityKey === 'city' && t.startDate.startsWith('2016'))?.key as string;
const isPast = (ik: string) => PAST.has(inspections.get(ik)?.stage ?? '');
const cal = buildCalendar(OFFICIAL_CALENDAR);
const colour = (t: DemoRectification['tasks'][number]) =>
  taskWarning(t, TODAY, cal, { warningWorkingDays: 5 }) ?? 'closed';

/** The term's summary as the contract defines it, from the builder's rows. */
function termSummary(d: DemoRectification, termKey: string): TRectificationSummary {
  const tasks = new Map<string, DemoRectification['tasks']>();
  for (const t of d.tasks) tasks.set(t.findingKey, [...(tasks.get(t.findingKey) ?? []), t]);
  const inTerm = (ik: string) => termOf(ik) === termKey;
  return rectificationSummary(
    d.findingKeys.filter((k) => inTerm(k.split('#')[0] as string)).map((k) => ({ tasks: tasks.get(k) ?? [] })),
    [
      ...d.outcomes
        .filter((o) => inTerm(o.inspectionKey))
        .map((o) => ({ moneyRecovered: o.money, accountable: o.accountable, rulesMade: o.rulesMade })),
      ...d.ruleMakings
        .filter((r) => inTerm(r.inspectionKey))
        .map(() => ({ moneyRecovered: '0', accountable: 0, rulesMade: 1 })),
    ],
    d.extensions.filter((e) => e.status === 'approved' && inTerm(e.taskKey.split('#')[0] as string)).length,
  );
}

describe('demo rectification (pure)', () => {
  it('is the same every time, and keys every finding given', () => {
    expect(buildDemoRectification(input)).toEqual(data);
    expect(new Set(data.findingKeys).size).toBe(findings.length);
    // The order of the input does not matter: keys follow the findings, not their position.
    const again = buildDemoRectification({ ...input, findings: [...findings].reverse() });
    expect(again.tasks).toEqual(data.tasks);
  });

  it('defers 21 organizations of the city’s first term, published late in 5 batches', () => {
    const batches = new Map(data.batches.map((b) => [b.key, b]));
    const first = data.entries.filter((e) => termOf(e.inspectionKey) === cityFirst);
    const deferred = first.filter((e) => e.deferred);
    expect(new Set(deferred.map((e) => `${e.inspectionKey}|${e.orgKey}`)).size).toBe(CITY_FIRST_TERM_RECT.deferred);
    expect(deferred.every((e) => e.deferReason?.includes('差') && e.grade === 'poor')).toBe(true);
    const late = first.filter((e) => e.deferredFromBatch !== null);
    expect(late.map((e) => `${e.inspectionKey}|${e.orgKey}`).sort()).toEqual(
      deferred.map((e) => `${e.inspectionKey}|${e.orgKey}`).sort(),
    );
    expect(new Set(late.map((e) => e.batchKey)).size).toBe(CITY_FIRST_TERM_RECT.lateBatches);
    for (const e of late) {
      const b = batches.get(e.batchKey);
      expect(e.deferredFromBatch as number).toBeLessThan(b?.number as number);
      expect((b?.publishedOn as string) >= (inspections.get(e.inspectionKey)?.publishedDate as string)).toBe(true);
    }
    // Graded 差, they were graded again (复评) before their late publication; one organization is 差 now.
    const evals = new Map(data.evaluations.map((e) => [`${e.inspectionKey}|${e.orgKey}`, e]));
    for (const e of late) {
      const ev = evals.get(`${e.inspectionKey}|${e.orgKey}`);
      expect(ev?.firstGrade).toBe('poor');
      expect(ev?.grade).not.toBe('poor');
      expect((ev?.evaluatedOn as string) < (batches.get(e.batchKey)?.publishedOn as string)).toBe(true);
    }
    const published = new Set(data.batches.filter((x) => x.status === 'published').map((x) => x.key));
    expect(data.entries.filter((e) => e.deferred && published.has(e.batchKey))).toHaveLength(
      CITY_FIRST_TERM_RECT.deferred,
    );
    const poorNow = data.evaluations.filter((e) => e.grade === 'poor');
    expect(poorNow.length).toBeGreaterThan(0);
    for (const e of poorNow) {
      expect(inspections.get(e.inspectionKey)?.stage).toBe('evaluated');
      const entry = data.entries.find((x) => x.inspectionKey === e.inspectionKey && x.orgKey === e.orgKey);
      expect(entry?.deferred).toBe(true);
      expect(batches.get(entry?.batchKey as string)?.status).toBe('draft');
    }
    // Each published batch passes the domain's publication rules in both editions.
    for (const b of data.batches.filter((x) => x.status === 'published')) {
      const entries = data.entries
        .filter((e) => e.batchKey === b.key)
        .map((e) => ({
          inspectionId: e.inspectionKey,
          orgId: e.orgKey,
          orgName: e.orgKey,
          grade: e.grade,
          deferred: e.deferred,
          deferReason: e.deferReason,
          items: e.items.map((x) => ({ text: x.text, withheld: x.withheld, withholdReason: x.withholdReason })),
        }));
      expect(publicationProblems({ number: b.number, edition: 'public', entries }), b.key).toEqual([]);
      const numbers = data.batches.filter((x) => x.authorityKey === b.authorityKey).map((x) => x.number);
      expect(new Set(numbers).size).toBe(numbers.length);
    }
  });

  it('gives every finding of the past terms tasks, almost all written off', () => {
    const tasks = new Map<string, DemoRectification['tasks']>();
    for (const t of data.tasks) tasks.set(t.findingKey, [...(tasks.get(t.findingKey) ?? []), t]);
    const past = data.findingKeys.filter((k) => isPast(k.split('#')[0] as string));
    expect(past.length).toBeGreaterThan(9000);
    for (const k of past) expect((tasks.get(k) ?? []).length, k).toBeGreaterThan(0);
    const states = past.map((k) => findingRectification(tasks.get(k) ?? []));
    const rectified = states.filter((s) => s === 'rectified').length;
    expect(rectified / past.length).toBeGreaterThan(0.94);
    expect(states.filter((s) => s === 'ongoing').length).toBeGreaterThan(0);
    const kinds = new Set(data.tasks.map((t) => t.kind));
    expect([...kinds].sort()).toEqual(['immediate', 'longTerm', 'timeLimited']);
    // The first term says the seed's rules made; money is 万元 with two decimals.
    const first = termSummary(data, cityFirst);
    expect(first.findings).toBe(4683);
    expect(first.rulesMade).toBe(CITY_FIRST_TERM_RECT.rulesMade);
    for (const o of data.outcomes) expect(wanProblem(o.money)).toBeNull();
    for (const o of data.outcomes)
      if (o.accountableByForm)
        expect(Object.values(o.accountableByForm).reduce((a, b) => a + b, 0)).toBe(o.accountable);
  });

  it('keeps the per-finding rollup in agreement with the tasks', () => {
    const byFinding = new Map<string, DemoRectification['tasks']>();
    for (const t of data.tasks) byFinding.set(t.findingKey, [...(byFinding.get(t.findingKey) ?? []), t]);
    expect(data.rollups).toHaveLength(byFinding.size);
    for (const r of data.rollups) {
      const ts = byFinding.get(r.findingKey) ?? [];
      expect(r.taskCount).toBe(ts.length);
      expect(r.writtenOffCount).toBe(ts.filter((t) => t.writtenOff).length);
      expect(r.ongoingOpenCount).toBe(ts.filter((t) => !t.writtenOff && t.status === 'ongoing').length);
    }
  });

  it('has satisfaction above 95% in every round, and grades that follow from the scorecard', () => {
    const perRound = new Map<string, [number, number]>();
    for (const e of data.evaluations) {
      const r = inspections.get(e.inspectionKey)?.roundKey as string;
      const [s, v] = perRound.get(r) ?? [0, 0];
      perRound.set(r, [s + e.satisfied, v + e.valid]);
      const score = scoreEvaluation(
        DEFAULT_SCORECARD,
        Object.fromEntries(e.ratings.map((x) => [x.rater, x.deductions])),
        e.satisfied / e.valid,
      );
      expect(score.grade).toBe(e.grade);
      expect(Math.round(score.score * 100)).toBe(e.scoreHundredths);
    }
    expect(perRound.size).toBeGreaterThan(30);
    for (const [r, [s, v]] of perRound) expect(s / v, r).toBeGreaterThan(0.95);
    const grades = new Set(data.evaluations.map((e) => e.grade));
    expect([...grades].sort()).toEqual(['average', 'fairlyGood', 'good', 'poor']);
  });

  it('shows the inspections in rectification now at every step', () => {
    const current = data.tasks.filter((t) => !isPast(t.inspectionKey));
    const colours = new Set(current.map(colour));
    expect([...colours].sort()).toEqual(['closed', 'green', 'red', 'yellow']);
    expect(current.some((t) => t.redCard && t.redCardReason)).toBe(true);
    const ext = data.extensions.filter((e) => !isPast(e.taskKey.split('#')[0] as string));
    expect(new Set(ext.map((e) => e.status))).toEqual(new Set(['pending', 'approved']));
    for (const e of ext.filter((x) => x.status === 'pending'))
      expect(current.find((t) => t.key === e.taskKey)?.pendingExtension).toBe(true);
    expect(current.some((t) => t.evidenceCount > 0)).toBe(true);
    const plans = data.plans.filter((p) => !isPast(p.inspectionKey));
    expect(new Set(plans.map((p) => p.status))).toEqual(new Set(['draft', 'inReview', 'returned', 'accepted']));
    for (const p of plans.filter((x) => x.status === 'returned')) expect(p.returnedComments).toMatch(/差/);
    const pendingPlans = data.reviews.filter((r) => r.subject === 'plan' && r.outcome === 'pending');
    expect(pendingPlans.some((r) => r.ratings.length > 0)).toBe(true);
    // The demo liaison's organization: an accepted plan with tasks of every colour.
    const liaison = current.filter((t) => t.orgKey === data.liaisonOrgKey);
    expect(data.plans.find((p) => p.orgKey === data.liaisonOrgKey && !isPast(p.inspectionKey))?.status).toBe(
      'accepted',
    );
    expect(new Set(liaison.map(colour))).toEqual(new Set(['closed', 'green', 'red', 'yellow']));
    // The demo reviewer's party has reviews of the city waiting for its rating.
    const { authorityKey, party } = data.reviewerParty;
    const waiting = data.reviews.filter(
      (r) =>
        r.outcome === 'pending' &&
        plan.terms.find((t) => t.key === termOf(r.inspectionKey))?.authorityKey === authorityKey &&
        !r.ratings.some((x) => x.party === party),
    );
    expect(waiting.length).toBeGreaterThan(0);
  });

  it('ends a returned round at its 差: the last rating, on the day decided, and nobody rates after it', () => {
    const returned = data.reviews.filter((r) => r.outcome === 'returned');
    expect(returned.length).toBeGreaterThan(0);
    for (const r of returned) {
      const poor = r.ratings.filter((x) => x.rating === 'poor');
      expect(poor, r.subjectKey).toHaveLength(1);
      expect(r.ratings.at(-1)?.rating).toBe('poor');
      expect(poor[0]?.on).toBe(r.decidedOn);
      for (const x of r.ratings) expect(x.on <= (r.decidedOn as string)).toBe(true);
    }
    // Some rounds ended before every party had rated.
    expect(returned.some((r) => r.ratings.length < 5)).toBe(true);
    for (const r of data.reviews.filter((x) => x.outcome !== 'returned'))
      expect(r.ratings.some((x) => x.rating === 'poor')).toBe(false);
  });

  it('dates nothing after today, and keeps deadlines the domain accepts', () => {
    for (const t of data.tasks) {
      const i = inspections.get(t.inspectionKey);
      for (const e of t.events) expect(e.on <= TODAY, `${t.key} ${e.kind}`).toBe(true);
      if (t.writtenOffOn) expect(t.writtenOffOn <= TODAY).toBe(true);
      expect(t.assignedOn >= (i?.feedbackDate as string)).toBe(true);
      const problem = taskDeadlineProblem(t.kind, t.originalDeadline, {
        feedbackDate: i?.feedbackDate as string,
        concentratedEnd: (i?.concentratedEndDate ?? '9999-12-31') as string,
      });
      expect(problem, t.key).toBeNull();
      // A task written off was reported done first; one in the past term was closed by its evaluation.
      if (t.writtenOff) expect(t.status).toBe('done');
      if (t.writtenOff && isPast(t.inspectionKey))
        expect((t.writtenOffOn as string) <= (i?.evaluatedDate as string), t.key).toBe(true);
    }
    for (const r of data.reviews) {
      expect(r.submittedOn <= TODAY).toBe(true);
      if (r.decidedOn) expect(r.decidedOn <= TODAY).toBe(true);
      for (const x of r.ratings) expect(x.on <= TODAY).toBe(true);
    }
    for (const e of data.extensions) {
      expect(e.requestedOn <= TODAY).toBe(true);
      expect(e.newDeadline > e.oldDeadline).toBe(true);
    }
    for (const f of data.feedbacks) for (const c of f.copies) if (c.readOn) expect(c.readOn <= TODAY).toBe(true);
  });
});

// ---------------------------------------------------------------- seeded, through the API

const keyFile = path.join(os.tmpdir(), `xc-rect-seed-${process.pid}.json`);
const t = await buildTestApp({
  keyFile,
  totpRequiredByDefault: false,
  dataDir: path.join(os.tmpdir(), `xc-rect-seed-${process.pid}`),
});
afterAll(async () => {
  await t.close();
  fs.rmSync(keyFile, { force: true });
});

describe('demo rectification in the database', () => {
  it('says the builder’s totals in the term summary', { timeout: 600_000 }, async () => {
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    await seedDemo(t.database.db, t.clock, t.config);
    const db = t.database.db;
    const [city] = rowsOf<{ id: string }>(await db.execute(sql`select id from authorities where level = 'city'`));
    const [term] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from terms where authority_id = ${city?.id} and start_date = '2016-10-01'`),
    );
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city?.id, includeChildren: true }] });
    const staff = await login(t, u.username, u.password);
    const res = await staff.get(`/api/terms/${term?.id}/rectification-summary`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(termSummary(data, cityFirst));
    // The rollup agrees with the tasks as stored; lanes are PostgreSQL's.
    const [bad] = rowsOf<{ n: number }>(
      await db.execute(sql`
        select count(*)::int as n from finding_rectification r
        left join (select finding_id, count(*)::int c, count(*) filter (where written_off)::int w,
                          count(*) filter (where not written_off and status = 'ongoing')::int o
                   from rectification_tasks group by finding_id) t on t.finding_id = r.finding_id
        where t.c is distinct from r.task_count or t.w is distinct from r.written_off_count or t.o is distinct from r.ongoing_open_count`),
    );
    expect(bad?.n).toBe(0);
    // The demo liaison works for the organization the city supervises now; the reviewer sits on a party.
    const [liaison] = rowsOf<{ org: string; scope: string }>(
      await db.execute(sql`
        select o.name as org, g.scope_id::text as scope from users u join organizations o on o.id = u.org_id
        join grants g on g.user_id = u.id where u.username = 'liaison'`),
    );
    expect(liaison?.org).toBe(reg.orgs.find((o) => o.key === data.liaisonOrgKey)?.name);
    const [seat] = rowsOf<{ party: string }>(
      await db.execute(
        sql`select party_key as party from review_party_members m join users u on u.id = m.user_id where u.username = 'reviewer'`,
      ),
    );
    expect(seat?.party).toBe(data.reviewerParty.party);
    // Through the API: the liaison's ledger has tasks of every colour, all its own; a member of the
    // reviewer's party finds the city's reviews waiting for it.
    const [lo] = rowsOf<{ id: string }>(
      await db.execute(sql`select org_id::text as id from users where username = 'liaison'`),
    );
    const l = await makeUser(t, {
      orgId: lo?.id,
      grants: [{ role: 'targetLiaison', scopeType: 'organization', scopeId: lo?.id }],
    });
    const ls = await login(t, l.username, l.password);
    for (const w of ['red', 'yellow', 'green']) {
      const page = await ls.get(`/api/rectification-tasks?warning=${w}&limit=50`);
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().total, w).toBeGreaterThan(0);
      for (const item of page.json().items) expect(item.orgId).toBe(lo?.id);
    }
    const r = await makeUser(t, { grants: [{ role: 'reviewer', scopeId: city?.id }] });
    await db.execute(
      sql`insert into review_party_members (authority_id, user_id, party_key, created_at) values (${city?.id}, ${r.id}, ${data.reviewerParty.party}, now())`,
    );
    const rs = await login(t, r.username, r.password);
    const queue = await rs.get('/api/joint-reviews/mine?limit=20');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().total).toBeGreaterThan(0);
    // Issue 12's journey: an inspection at feedback without a 反馈会, its organization's 联络员, an
    // account seated for every party of the city and the team's 组长 with an account.
    const [fb] = rowsOf<{
      id: string;
      stage: string;
      org: string;
      findings: number;
      feedbacks: number;
      reports: number;
    }>(
      await db.execute(sql`
        select i.id, i.stage, o.name as org,
          (select count(*)::int from findings f where f.inspection_id = i.id) as findings,
          (select count(*)::int from feedbacks f where f.inspection_id = i.id) as feedbacks,
          (select count(*)::int from report_versions v where v.inspection_id = i.id) as reports
        from inspections i join inspection_targets t on t.inspection_id = i.id join organizations o on o.id = t.org_id
        where o.name = '于都县人民检察院' and i.stage = 'feedback'`),
    );
    expect(fb).toMatchObject({ stage: 'feedback', findings: FEEDBACK_DEMO.findings.length, feedbacks: 0, reports: 1 });
    const [l2] = rowsOf<{ org: string; scope: string; orgId: string }>(
      await db.execute(sql`
        select o.name as org, g.scope_id::text as scope, u.org_id::text as "orgId" from users u
        join organizations o on o.id = u.org_id join grants g on g.user_id = u.id where u.username = 'liaison2'`),
    );
    expect(l2?.org).toBe('于都县人民检察院');
    expect(l2?.scope).toBe(l2?.orgId);
    const seats = rowsOf<{ party: string }>(
      await db.execute(sql`
        select m.party_key as party from review_party_members m join users u on u.id = m.user_id
        where m.authority_id = ${city?.id} and u.username in ('reviewer', 'reviewer.org', 'reviewer.pub', 'reviewer.office')
        order by m.party_key`),
    );
    expect(seats.map((x) => x.party)).toEqual(['discipline', 'office', 'organization', 'publicity']);
    const [leads] = rowsOf<{ n: number }>(
      await db.execute(sql`
        select count(*)::int as n from inspections i join team_members tm on tm.team_id = i.team_id and tm.role = 'leader'
        join inspectors p on p.id = tm.inspector_id join users u on u.id = p.user_id
        where i.id = ${fb?.id} and u.username = 'team.leader2'`),
    );
    expect(leads?.n).toBe(1);
    const l2s = await makeUser(t, {
      orgId: l2?.orgId,
      grants: [{ role: 'targetLiaison', scopeType: 'organization', scopeId: l2?.orgId }],
    });
    const l2session = await login(t, l2s.username, l2s.password);
    const problems = await l2session.get(`/api/inspections/${fb?.id}/plans`);
    expect(problems.statusCode, problems.body).toBe(200);
    expect(problems.json().items).toEqual([
      expect.objectContaining({
        orgName: '于都县人民检察院',
        status: 'draft',
        findings: FEEDBACK_DEMO.findings.length,
      }),
    ]);
    const [files] = rowsOf<{ n: number; sum: number }>(
      await db.execute(
        sql`select count(*)::int as n, (select coalesce(sum(evidence_count), 0)::int from rectification_tasks) as sum from rectification_files`,
      ),
    );
    expect(files?.n).toBe(data.evidence.length);
    expect(files?.sum).toBe(data.evidence.length);
  });
});
