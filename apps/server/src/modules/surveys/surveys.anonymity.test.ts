import { SURVEY_TEMPLATES } from '@xc/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  buildTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  planInspection,
  type Session,
  type TestContext,
} from '../../../test/helpers.ts';
import { inspectors, surveyAnswers, surveySpentTokens, teamMembers } from '../../db/schema/index.ts';
import { rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { signToken } from './surveys.service.ts';

/**
 * Issue 10, item 7. Slips are printed 第N号 and handed to named people, so an answer must not
 * say which slip it came through: the used link is kept apart, as a keyed MAC, and the answer
 * keeps its batch and its day only. And the team a 作风纪律评估 rates never reads how it was rated.
 */
let t: TestContext;
let city: string;
let teamId: string;
let roundId: string;
let inspectionId: string;
let staff: Session; // the office, on no team
let officeLeader: Session;
let leader: Session; // 领导 (dashboards and reports)
let teamLeader: Session; // 组长 of the rated team
let member: Session; // 组员 of the rated team
let staffOnTeam: Session; // office staff seconded to the rated team
let otherLeader: Session; // 组长 of another team of the round

const [, satisfaction, conduct] = SURVEY_TEMPLATES as [
  (typeof SURVEY_TEMPLATES)[0],
  (typeof SURVEY_TEMPLATES)[1],
  (typeof SURVEY_TEMPLATES)[2],
];

const anon = (method: 'GET' | 'POST', url: string, payload?: unknown, ip?: string) =>
  anonymous(t, method, url, payload, ip);

async function onTeam(s: Session, team: string) {
  const id = uuidv7();
  await t.database.db.insert(inspectors).values({
    id,
    authorityId: city,
    name: `干部${id.slice(-4)}`,
    searchKey: `干部${id.slice(-4)}`,
    gender: 'male',
    homeOrgId: null,
    homeUnitName: '某单位',
    post: '科员',
    rank: '一级科员',
    politicalStatus: '中共党员',
    expertise: [],
    userId: s.userId,
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
  await t.database.db
    .insert(teamMembers)
    .values({ id: uuidv7(), teamId: team, inspectorId: id, role: 'member', createdAt: t.clock.now() });
}

async function openSurvey(body: Record<string, unknown>) {
  const res = await staff.post('/api/surveys', body);
  expect(res.statusCode, res.body).toBe(201);
  const opened = await staff.post(`/api/surveys/${res.json().id}/status`, { version: 1, to: 'open' });
  expect(opened.statusCode, opened.body).toBe(200);
  return opened.json() as { id: string; openCode: string };
}

beforeAll(async () => {
  t = await buildTestApp({ trustProxy: true, publicRateLimitPerMinute: 100_000, totpRequiredByDefault: false });
  t.clock.set('2026-11-27T10:00:00+08:00');
  city = await makeAuthority(t, { name: '赣州市委巡察办' });
  const target = await makeOrg(t, { authorityId: city, name: '赣州市水利局' });
  staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
  officeLeader = await loginAs(t, { role: 'officeLeader', scopeId: city });
  leader = await loginAs(t, { role: 'leader', scopeId: city });
  teamLeader = await loginAs(t, { role: 'teamLeader', scopeId: city });
  member = await loginAs(t, { role: 'teamMember', scopeId: city });
  staffOnTeam = await loginAs(t, { role: 'officeStaff', scopeId: city });
  otherLeader = await loginAs(t, { role: 'teamLeader', scopeId: city });
  ({ teamId, roundId, inspectionId } = await planInspection(staff, {
    authorityId: city,
    targetOrgIds: [target],
    teamName: '第三巡察组',
  }));
  const team2 = (await staff.post('/api/teams', { roundId, name: '第四巡察组' })).json().id;
  await onTeam(teamLeader, teamId);
  await onTeam(member, teamId);
  await onTeam(staffOnTeam, teamId);
  await onTeam(otherLeader, team2);
});
afterAll(async () => t.close());

describe('single-use links leave no trace in the answer', () => {
  it('20 parallel submits of one link: one answer, one spent MAC, and the answer names the batch only', async () => {
    const s = await openSurvey({
      kind: satisfaction.kind,
      title: satisfaction.title,
      targetType: 'inspection',
      targetId: inspectionId,
      questions: satisfaction.questions,
      keyQuestionId: satisfaction.keyQuestionId,
    });
    const batchId = (await staff.post(`/api/surveys/${s.id}/batches`, { count: 30 })).json().id as string;
    const token = signToken(t.app.deps.keys, batchId, 7);
    const res = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        anon(
          'POST',
          `/api/public/surveys/${token}/answers`,
          { answers: { q1: 0, q2: 0, q3: '第7号的意见' } },
          `10.1.0.${i}`,
        ),
      ),
    );
    const codes = res.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    expect((await anon('GET', `/api/public/surveys/${token}`)).json()).toMatchObject({ spent: true, open: false });
    const again = signToken(t.app.deps.keys, batchId, 12);
    expect((await anon('POST', `/api/public/surveys/${again}/answers`, { answers: { q1: 1, q2: 0 } })).statusCode).toBe(
      201,
    );

    const answers = await t.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.surveyId, s.id));
    expect(answers).toHaveLength(2);
    for (const a of answers) {
      expect(Object.keys(a).sort()).toEqual([
        'answeredOn',
        'answers',
        'batchId',
        'id',
        'surveyId',
        'textsEnc',
        'verified',
      ]);
      expect(a).toMatchObject({ batchId, verified: true, answeredOn: '2026-11-27' });
    }
    // Nothing in the answer rows names an index: not as batch:index, not as the number alone.
    const raw = rowsOf<{ r: string }>(
      await t.database.db.execute(sql`select t::text as r from survey_answers t where survey_id = ${s.id}`),
    ).map((x) => x.r);
    for (const r of raw) {
      expect(r).not.toMatch(/:(7|12)\b/);
      expect(r).not.toContain('第7号');
    }
    const columns = rowsOf<{ column_name: string; data_type: string }>(
      await t.database.db.execute(sql`
        select column_name, data_type from information_schema.columns where table_name = 'survey_answers'`),
    );
    expect(columns.map((c) => c.column_name)).not.toContain('token_key');
    expect(columns.filter((c) => c.data_type.startsWith('timestamp'))).toEqual([]);
    // The spent links: a MAC and the batch, nothing else — no time, no answer.
    const spent = await t.database.db.select().from(surveySpentTokens).where(eq(surveySpentTokens.batchId, batchId));
    expect(spent).toHaveLength(2);
    for (const x of spent) {
      expect(Object.keys(x).sort()).toEqual(['batchId', 'tokenMac']);
      expect(x.tokenMac).toMatch(/^[0-9a-f]{32}$/);
      expect(x.tokenMac).not.toContain(token);
    }
    const batches = (await staff.get(`/api/surveys/${s.id}/batches`)).json().items;
    expect(batches[0]).toMatchObject({ count: 30, used: 2 });
    const results = (await staff.get(`/api/surveys/${s.id}/results`)).json();
    expect(results.total).toEqual({ verified: 2, unverified: 0 });
    expect(results.questions.find((q: { id: string }) => q.id === 'q3').texts).toEqual([
      { text: '第7号的意见', verified: true },
    ]);
  });
});

describe('作风纪律评估 is read by the office and leaders only', () => {
  const conductBody = (targetType: string, targetId: string) => ({
    kind: conduct.kind,
    title: '第三巡察组作风纪律评估',
    targetType,
    targetId,
    questions: conduct.questions,
    keyQuestionId: conduct.keyQuestionId,
  });

  it('the rated team’s leader, members and seconded office staff get 404 on the results and the export', async () => {
    const s = await openSurvey(conductBody('team', teamId));
    expect((await anon('POST', `/api/public/surveys/${s.openCode}/answers`, { answers: { q1: 0 } })).statusCode).toBe(
      201,
    );
    for (const who of [teamLeader, member, staffOnTeam, otherLeader])
      expect((await who.get(`/api/surveys/${s.id}/results`)).statusCode).toBe(404);
    await staffOnTeam.reauth();
    expect((await staffOnTeam.get(`/api/surveys/${s.id}/answers.xlsx`)).statusCode).toBe(404);
    for (const who of [staff, officeLeader, leader]) {
      const r = await who.get(`/api/surveys/${s.id}/results`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().total).toEqual({ verified: 0, unverified: 1 });
    }
    await staff.reauth();
    expect((await staff.get(`/api/surveys/${s.id}/answers.xlsx`)).statusCode).toBe(200);
  });

  it('also when the evaluation is about the team’s inspection or its round', async () => {
    const byInspection = await openSurvey(conductBody('inspection', inspectionId));
    expect((await teamLeader.get(`/api/surveys/${byInspection.id}/results`)).statusCode).toBe(404);
    expect((await staffOnTeam.get(`/api/surveys/${byInspection.id}/results`)).statusCode).toBe(404);
    expect((await staff.get(`/api/surveys/${byInspection.id}/results`)).statusCode).toBe(200);
    const byRound = await openSurvey(conductBody('round', roundId));
    expect((await staffOnTeam.get(`/api/surveys/${byRound.id}/results`)).statusCode).toBe(404);
    expect((await officeLeader.get(`/api/surveys/${byRound.id}/results`)).statusCode).toBe(200);
  });

  it('other questionnaires of the team’s inspection stay readable by the team', async () => {
    const s = await openSurvey({
      kind: satisfaction.kind,
      title: '水利局整改满意度测评',
      targetType: 'inspection',
      targetId: inspectionId,
      questions: satisfaction.questions,
      keyQuestionId: satisfaction.keyQuestionId,
    });
    expect((await teamLeader.get(`/api/surveys/${s.id}/results`)).statusCode).toBe(200);
    expect((await member.get(`/api/surveys/${s.id}/results`)).statusCode).toBe(200);
    expect((await staffOnTeam.get(`/api/surveys/${s.id}/results`)).statusCode).toBe(200);
  });
});
