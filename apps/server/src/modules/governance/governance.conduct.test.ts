import { searchKey } from '@xc/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  conductEvaluations,
  feedbacks,
  inspections,
  inspectors,
  rounds,
  surveyBatches,
  surveys,
  teamMembers,
  teams,
} from '../../db/schema/index.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { signToken } from '../surveys/surveys.service.ts';
import { buildGovernanceWorld, type GovWorld, ok } from './governance.fixture.ts';

// 巡察组作风纪律评估: issue at feedback (both stages per inspected organization, single-use links),
// answers through those links, close and tally, results per team and round against the 97.5% bar,
// and each member's line in the appraisal history. 401 / 403 / 404 / 400-writes-nothing per route.

let w: GovWorld;
beforeAll(async () => {
  w = await buildGovernanceWorld();
}, 60_000);
afterAll(() => w?.t.close());

const db = () => w.t.database.db;
const anon = (method: 'GET' | 'POST', url: string, payload?: unknown, remoteAddress = '127.0.0.1') =>
  w.t.app.inject({ method, url, remoteAddress, ...(payload !== undefined ? { payload: payload as object } : {}) });
const count = async (table: PgTable) =>
  Number((await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0);
const counts = async () => ({
  rows: await count(conductEvaluations),
  surveys: await count(surveys),
  batches: await count(surveyBatches),
});

type Evaluation = {
  id: string;
  orgId: string;
  orgName: string;
  teamId: string;
  stage: 'atFeedback' | 'followUp';
  surveyId: string;
  batchId: string;
  opensOn: string;
  closesOn: string;
  links: number;
  satisfied: number | null;
  valid: number | null;
  rate: number | null;
  meetsBar: boolean | null;
  status: string;
  version: number;
};

let seq = 0;
/** A team of its own in `roundId` with a leader and a member (inspector ids). */
async function team(roundId: string, name: string) {
  const now = w.t.clock.now();
  const id = uuidv7();
  await db().insert(teams).values({ id, roundId, authorityId: w.city, name, createdAt: now });
  const people: string[] = [];
  for (const role of ['leader', 'member'] as const) {
    const inspectorId = uuidv7();
    const personName = `${role === 'leader' ? '钟' : '罗'}${'一二三四五六七八九十'[seq++ % 10]}${name.slice(1, 2)}`;
    await db()
      .insert(inspectors)
      .values({
        id: inspectorId,
        authorityId: w.city,
        name: personName,
        searchKey: searchKey(personName),
        gender: 'female',
        homeUnitName: '赣州市审计局',
        post: '科员',
        rank: '一级主任科员',
        politicalStatus: '中共党员',
        expertise: [],
        createdAt: now,
        updatedAt: now,
      });
    await db().insert(teamMembers).values({ id: uuidv7(), teamId: id, inspectorId, role, createdAt: now });
    people.push(inspectorId);
  }
  return { id, leader: people[0] as string, member: people[1] as string };
}

/** Answers one single-use link of a batch (index `i`) with option `q1` of the key question. */
function answer(batchId: string, i: number, q1: number) {
  return anon(
    'POST',
    `/api/public/surveys/${signToken(w.t.app.deps.keys, batchId, i)}/answers`,
    { answers: { q1 } },
    `10.8.${Math.floor(i / 200)}.${i % 200}`,
  );
}

/** Answers `grades.length` links of a batch in order: 0 满意, 1 基本满意, 2 不满意, 3 不了解. */
async function answerAll(batchId: string, grades: number[]) {
  for (const [i, g] of grades.entries()) {
    const r = await answer(batchId, i, g);
    expect(r.statusCode, r.body).toBe(201);
  }
}

const grades = (satisfied: number, basic: number, unsatisfied: number, unknown = 0) => [
  ...Array(satisfied).fill(0),
  ...Array(basic).fill(1),
  ...Array(unsatisfied).fill(2),
  ...Array(unknown).fill(3),
];

describe('issuing at feedback', () => {
  it('401 / 403 / 404 / 400 write nothing; both stages per inspected organization with single-use links; a second issue is 409', async () => {
    const insp = await w.inspection({ targetOrgIds: [w.school1, w.school2], dates: { feedbackDate: '2026-12-14' } });
    const url = `/api/inspections/${insp}/conduct-evaluations`;
    const before = await counts();
    expect((await anon('POST', url, { links: 10 })).statusCode).toBe(401);
    expect((await w.liaison.post(url, { links: 10 })).statusCode).toBe(403);
    expect((await w.leader.post(url, { links: 10 })).statusCode).toBe(403);
    expect((await w.countyStaff.post(url, { links: 10 })).statusCode).toBe(404);
    expect((await w.staff.post(`/api/inspections/${uuidv7()}/conduct-evaluations`, { links: 10 })).statusCode).toBe(
      404,
    );
    expect((await w.staff.post('/api/inspections/x/conduct-evaluations', { links: 10 })).statusCode).toBe(400);
    expect((await w.staff.post(url, { links: 0 })).statusCode).toBe(400);
    expect((await w.staff.post(url, { links: 501 })).statusCode).toBe(400);
    expect((await w.staff.post(url, { links: 10, extra: true })).statusCode).toBe(400);
    const notTarget = await w.staff.post(url, { links: 10, orgIds: [w.finance] });
    expect(notTarget.statusCode).toBe(400);
    expect(notTarget.json().message).toContain('不是本次巡察的被巡察单位');
    expect(await counts()).toEqual(before);

    const res = await w.staff.post(url, { links: 40 });
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items as Evaluation[];
    // Each organization's two questionnaires side by side, the one at the 反馈会 first.
    expect(items.map((i) => [i.orgName, i.stage])).toEqual(
      items.flatMap((i, n) =>
        n % 2
          ? []
          : [
              [i.orgName, 'atFeedback'],
              [i.orgName, 'followUp'],
            ],
      ),
    );
    expect(new Set(items.map((i) => i.orgName))).toEqual(new Set(['赣州市第一中学', '赣州市第三中学']));
    // conductSchedule: the 反馈会 day for 5 working days; the follow-up 10 working days later.
    const first = items.find((i) => i.orgId === w.school1 && i.stage === 'atFeedback') as Evaluation;
    expect([first.opensOn, first.closesOn, first.status]).toEqual(['2026-12-14', '2026-12-21', 'open']);
    const follow = items.find((i) => i.orgId === w.school1 && i.stage === 'followUp') as Evaluation;
    expect([follow.opensOn, follow.status]).toEqual(['2026-12-28', 'scheduled']);
    for (const i of items) {
      expect(i).toMatchObject({ teamId: w.teamId, links: 40, satisfied: 0, valid: 0, rate: null, meetsBar: null });
      expect(i.version).toBe(1);
    }
    expect(new Set(items.map((i) => i.surveyId)).size).toBe(4);
    const made = await db()
      .select()
      .from(surveys)
      .where(
        inArray(
          surveys.id,
          items.map((i) => i.surveyId),
        ),
      );
    expect(made.map((s) => [s.kind, s.targetType, s.teamId, s.status, s.keyQuestionId])).toEqual(
      Array(4).fill(['teamConduct', 'team', w.teamId, 'open', 'q1']),
    );
    const batches = await db()
      .select()
      .from(surveyBatches)
      .where(
        inArray(
          surveyBatches.id,
          items.map((i) => i.batchId),
        ),
      );
    expect(batches.map((b) => b.count)).toEqual([40, 40, 40, 40]);
    // The printed links are the surveys module's batch print.
    const printed = await w.staff.get(`/api/survey-batches/${first.batchId}/codes.docx`);
    expect(printed.statusCode).toBe(200);
    expect(printed.headers['content-type']).toContain('officedocument');
    const audited = await db()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'conduct.issue'),
          inArray(
            auditLog.objectId,
            items.map((i) => i.id),
          ),
        ),
      );
    expect(audited).toHaveLength(4);

    const mid = await counts();
    const again = await w.staff.post(url, { links: 40 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已经发放');
    const named = await w.staff.post(url, { links: 40, orgIds: [w.school2] });
    expect(named.statusCode).toBe(409);
    expect(named.json().message).toContain('赣州市第三中学');
    expect(await counts()).toEqual(mid);
  });

  it('two issues at once: one 201, one 409, and one set of surveys', async () => {
    const insp = await w.inspection({ targetOrgIds: [w.finance], dates: { feedbackDate: '2026-12-14' } });
    const url = `/api/inspections/${insp}/conduct-evaluations`;
    const before = await counts();
    const res = await Promise.all([w.staff.post(url, { links: 5 }), w.officeLeader.post(url, { links: 5 })]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await counts()).toEqual({ rows: before.rows + 2, surveys: before.surveys + 2, batches: before.batches + 2 });
  });

  it('an inspection without a 反馈会 answers 409 with the reason; a recorded 反馈会 sets the day per organization', async () => {
    const none = await w.inspection({
      targetOrgIds: [w.transport],
      stage: 'onSite',
      dates: { feedbackDate: undefined, reportDate: undefined },
    });
    const before = await counts();
    const r = await w.staff.post(`/api/inspections/${none}/conduct-evaluations`, { links: 10 });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('该巡察尚未召开反馈会（未登记反馈会，也没有反馈日期），不能发放作风纪律评估');
    expect(await counts()).toEqual(before);

    // Two organizations, no feedback date on the inspection, the 反馈会 of one of them recorded.
    const insp = await w.inspection({ targetOrgIds: [w.school1, w.school2], dates: { feedbackDate: undefined } });
    const now = w.t.clock.now();
    await db()
      .insert(feedbacks)
      .values({
        id: uuidv7(),
        authorityId: w.city,
        termId: w.termId,
        roundId: w.roundId,
        inspectionId: insp,
        orgId: w.school2,
        meetingDate: '2026-12-01',
        attendees: ['巡察组全体成员'],
        speakers: ['巡察组组长'],
        oneToOneOn: '2026-12-01',
        mainLeaderName: '王校长',
        copies: [],
        assignedMatterIds: [],
        createdAt: now,
        updatedAt: now,
      });
    const url = `/api/inspections/${insp}/conduct-evaluations`;
    const undated = await w.staff.post(url, { links: 10, orgIds: [w.school1] });
    expect(undated.statusCode).toBe(409);
    expect(undated.json().message).toContain('赣州市第一中学尚未召开反馈会');
    const res = await w.staff.post(url, { links: 10 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((i: Evaluation) => [i.orgId, i.stage, i.opensOn, i.closesOn])).toEqual([
      [w.school2, 'atFeedback', '2026-12-01', '2026-12-08'],
      [w.school2, 'followUp', '2026-12-15', '2026-12-22'],
    ]);
  });

  it('an archived inspection refuses issuing and closing with 409', async () => {
    const archived = await w.inspection({ targetOrgIds: [w.finance], stage: 'archived' });
    const before = await counts();
    const r = await w.staff.post(`/api/inspections/${archived}/conduct-evaluations`, { links: 5 });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('已归档');
    expect(await counts()).toEqual(before);

    const insp = await w.inspection({ targetOrgIds: [w.finance], dates: { feedbackDate: '2026-12-14' } });
    const first = ok(await w.staff.post(`/api/inspections/${insp}/conduct-evaluations`, { links: 5 })).items[0];
    await db().update(inspections).set({ stage: 'archived' }).where(eq(inspections.id, insp));
    const closing = await w.staff.post(`/api/conduct-evaluations/${first.id}/close`);
    expect(closing.statusCode).toBe(409);
    expect(closing.json().message).toContain('已归档');
    const row = (await db().select().from(conductEvaluations).where(eq(conductEvaluations.id, first.id)))[0];
    expect([row?.closedAt, row?.version]).toEqual([null, 1]);
  });

  it('lists an inspection’s evaluations to the office and leaders only; 401 / 403 / 404', async () => {
    const insp = await w.inspection({ targetOrgIds: [w.finance], dates: { feedbackDate: '2026-12-14' } });
    const url = `/api/inspections/${insp}/conduct-evaluations`;
    ok(await w.staff.post(url, { links: 3 }));
    expect((await anon('GET', url)).statusCode).toBe(401);
    expect((await w.liaison.get(url)).statusCode).toBe(403);
    expect((await w.recipient.get(url)).statusCode).toBe(403);
    expect((await w.countyStaff.get(url)).statusCode).toBe(404);
    expect((await w.staff.get('/api/inspections/nope/conduct-evaluations')).statusCode).toBe(400);
    const list = await w.leader.get(url);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    expect(list.json().items[0]).toMatchObject({ orgName: '赣州市财政局', inspectionId: insp, links: 3 });
  });
});

describe('answers, closing and results', () => {
  let round2: string;
  let teamX: Awaited<ReturnType<typeof team>>;
  let teamY: Awaited<ReturnType<typeof team>>;
  let x: Evaluation;
  let y: Evaluation;

  beforeAll(async () => {
    round2 = uuidv7();
    await db().insert(rounds).values({
      id: round2,
      termId: w.termId,
      authorityId: w.city,
      number: 2,
      name: '第二轮',
      kind: 'regular',
      theme: '常规巡察',
      focus: [],
      plannedStart: '2026-11-02',
      plannedEnd: '2027-02-28',
      approvedOn: '2026-10-30',
      createdAt: w.t.clock.now(),
    });
    teamX = await team(round2, '第五巡察组');
    teamY = await team(round2, '第六巡察组');
    const issue = async (teamId: string, orgId: string, links: number, feedbackDate: string) => {
      const insp = await w.inspection({ targetOrgIds: [orgId], roundId: round2, teamId, dates: { feedbackDate } });
      const items = ok(await w.staff.post(`/api/inspections/${insp}/conduct-evaluations`, { links })).items;
      return items.find((i: Evaluation) => i.stage === 'atFeedback') as Evaluation;
    };
    x = await issue(teamX.id, w.finance, 41, '2026-12-14');
    // Its first questionnaire ran from 12-01 to 12-08: past its window on the clock's day (12-15).
    y = await issue(teamY.id, w.transport, 41, '2026-12-01');
  });

  it('39 of 40 satisfied through the single-use links meets the 97.5% bar; the close tallies and ends the survey', async () => {
    // 38 满意 + 1 基本满意 (both satisfied) + 1 不满意.
    await answerAll(x.batchId, grades(38, 1, 1));
    const spent = await answer(x.batchId, 0, 0);
    expect(spent.statusCode).toBe(409);

    const url = `/api/conduct-evaluations/${x.id}/close`;
    expect((await anon('POST', url)).statusCode).toBe(401);
    expect((await w.leader.post(url)).statusCode).toBe(403);
    expect((await w.liaison.post(url)).statusCode).toBe(403);
    expect((await w.countyStaff.post(url)).statusCode).toBe(404);
    expect((await w.staff.post(`/api/conduct-evaluations/${uuidv7()}/close`)).statusCode).toBe(404);
    expect((await w.staff.post('/api/conduct-evaluations/1/close')).statusCode).toBe(400);
    const still = (await db().select().from(conductEvaluations).where(eq(conductEvaluations.id, x.id)))[0];
    expect([still?.closedAt, still?.version]).toEqual([null, 1]);

    const closed = await w.staff.post(url);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      id: x.id,
      satisfied: 39,
      valid: 40,
      rate: 0.975,
      meetsBar: true,
      status: 'closed',
      version: 2,
    });
    const survey = (await db().select().from(surveys).where(eq(surveys.id, x.surveyId)))[0];
    expect(survey?.status).toBe('closed');
    // The survey ended with the count: the unused 41st link is refused and nothing changes.
    const late = await answer(x.batchId, 40, 2);
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('问卷未在收集中');
    expect((await w.staff.post(url)).statusCode).toBe(409);
    const row = (await db().select().from(conductEvaluations).where(eq(conductEvaluations.id, x.id)))[0];
    expect([row?.satisfied, row?.valid, row?.version]).toEqual([39, 40, 2]);
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'conduct.close'), eq(auditLog.objectId, x.id)));
    expect(audited.map((a) => a.detail)).toEqual([{ surveyId: x.surveyId, satisfied: 39, valid: 40, version: 2 }]);
  });

  it('38 of 40 does not meet the bar; read after its window it shows the live tally as closed; two closes → one 200, one 409', async () => {
    // 37 满意 + 1 基本满意 + 2 不满意 + 1 不了解 (not a valid answer): 38 of 40.
    await answerAll(y.batchId, grades(37, 1, 2, 1));
    const list = ok(await w.staff.get(`/api/inspections/${(await inspectionOf(y.id)) as string}/conduct-evaluations`));
    const read = list.items.find((i: Evaluation) => i.id === y.id);
    expect(read).toMatchObject({ status: 'closed', satisfied: 38, valid: 40, rate: 0.95, meetsBar: false, version: 1 });
    const url = `/api/conduct-evaluations/${y.id}/close`;
    const res = await Promise.all([w.staff.post(url), w.officeLeader.post(url)]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const won = res.find((r) => r.statusCode === 200)?.json();
    expect(won).toMatchObject({ satisfied: 38, valid: 40, meetsBar: false, version: 2 });
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'conduct.close'), eq(auditLog.objectId, y.id))),
    ).toHaveLength(1);
  });

  it('a questionnaire not yet open cannot be closed', async () => {
    const insp = await inspectionOf(x.id);
    const follow = ok(await w.staff.get(`/api/inspections/${insp}/conduct-evaluations`)).items.find(
      (i: Evaluation) => i.stage === 'followUp',
    ) as Evaluation;
    expect(follow.status).toBe('scheduled');
    const r = await w.staff.post(`/api/conduct-evaluations/${follow.id}/close`);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('尚不能结束');
  });

  it('results per team and round with the bar and names; 401 / 403 / 404 / 400', async () => {
    const url = `/api/conduct-results?termId=${w.termId}&roundId=${round2}`;
    expect((await anon('GET', url)).statusCode).toBe(401);
    expect((await w.liaison.get(url)).statusCode).toBe(403);
    expect((await w.countyStaff.get(url)).statusCode).toBe(404);
    expect((await w.staff.get('/api/conduct-results')).statusCode).toBe(400);
    expect((await w.staff.get(`/api/conduct-results?termId=${w.termId}&roundId=2`)).statusCode).toBe(400);
    const r = await w.leader.get(url);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.bar).toBe(0.975);
    const byTeam = new Map(body.byTeam.map((t: { teamId: string }) => [t.teamId, t]));
    expect(byTeam.get(teamX.id)).toMatchObject({
      roundId: round2,
      satisfied: 39,
      valid: 40,
      rate: 0.975,
      meetsBar: true,
      stages: {
        atFeedback: { satisfied: 39, valid: 40, rate: 0.975 },
        followUp: { satisfied: 0, valid: 0, rate: null },
      },
    });
    expect(byTeam.get(teamY.id)).toMatchObject({ satisfied: 38, valid: 40, meetsBar: false });
    expect(body.byRound).toEqual([
      { roundId: round2, satisfied: 77, valid: 80, rate: 77 / 80, meetsBar: false, teams: 2, teamsBelowBar: 1 },
    ]);
    expect(body.names).toEqual({
      rounds: { [round2]: '第二轮' },
      teams: { [teamX.id]: '第五巡察组', [teamY.id]: '第六巡察组' },
    });
    // The whole term includes the other rounds' teams too.
    const all = ok(await w.staff.get(`/api/conduct-results?termId=${w.termId}`));
    expect(all.byRound.length).toBeGreaterThan(1);
  });

  it('each team member’s line in the appraisal history, also on the inspector’s profile; a team never sees its own rating', async () => {
    const url = `/api/inspectors/${teamX.leader}/conduct-history`;
    expect((await anon('GET', url)).statusCode).toBe(401);
    expect((await w.liaison.get(url)).statusCode).toBe(403);
    expect((await w.countyStaff.get(url)).statusCode).toBe(404);
    expect((await w.staff.get('/api/inspectors/abc/conduct-history')).statusCode).toBe(400);
    const teamLeader = await w.user([{ role: 'teamLeader', scopeId: w.city }]);
    expect((await teamLeader.get(url)).statusCode).toBe(404);
    // The 领导小组 reads results, not the personnel files.
    expect((await w.leader.get(url)).statusCode).toBe(403);

    const h = await w.staff.get(url);
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json().items).toEqual([
      {
        inspectorId: teamX.leader,
        roundId: round2,
        teamId: teamX.id,
        role: 'leader',
        satisfied: 39,
        valid: 40,
        rate: 0.975,
        meetsBar: true,
        text: '七届市委第二轮第五巡察组作风纪律评估满意度97.5%（参考线97.5%）',
      },
    ]);
    const m = ok(await w.officeLeader.get(`/api/inspectors/${teamY.member}/conduct-history`)).items;
    expect(m).toMatchObject([{ role: 'member', satisfied: 38, valid: 40, meetsBar: false }]);
    const profile = ok(await w.staff.get(`/api/inspectors/${teamX.leader}`));
    expect(profile.conduct).toEqual(h.json().items);

    // An office staff member who sits on 第五巡察组 sees neither its rating nor its evaluations.
    const onTeam = await w.user([{ role: 'officeStaff', scopeId: w.city, includeChildren: true }]);
    await db().update(inspectors).set({ userId: onTeam.id }).where(eq(inspectors.id, teamX.member));
    expect(ok(await onTeam.get(url)).items).toEqual([]);
    expect(ok(await onTeam.get(`/api/inspectors/${teamX.leader}`)).conduct).toEqual([]);
    expect((await onTeam.get(`/api/inspections/${await inspectionOf(x.id)}/conduct-evaluations`)).statusCode).toBe(404);
    const res = ok(await onTeam.get(`/api/conduct-results?termId=${w.termId}&roundId=${round2}`));
    expect(res.byTeam.map((t: { teamId: string }) => t.teamId)).toEqual([teamY.id]);
  });

  it('a member of a team without valid answers gets a line saying so', async () => {
    const quiet = await team(round2, '第七巡察组');
    const lines = ok(await w.staff.get(`/api/inspectors/${quiet.member}/conduct-history`)).items;
    expect(lines).toMatchObject([{ teamId: quiet.id, valid: 0, rate: null, meetsBar: null }]);
    expect(lines[0].text).toBe('七届市委第二轮第七巡察组作风纪律评估暂无有效评价');
  });
});

async function inspectionOf(evaluationId: string) {
  return (
    await db()
      .select({ id: conductEvaluations.inspectionId })
      .from(conductEvaluations)
      .where(eq(conductEvaluations.id, evaluationId))
  )[0]?.id;
}
