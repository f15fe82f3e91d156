import { SURVEY_TEMPLATES } from '@xc/domain';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  anonymous,
  buildLoggedTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  planInspection,
  publicCodeOf,
  type Session,
  type TestContext,
} from '../../../test/helpers.ts';
import { auditLog, surveyAnswers, surveySpentTokens } from '../../db/schema/index.ts';
import { spentTokenMac } from './surveys.sealed.ts';
import { signToken } from './surveys.service.ts';

let t: TestContext;
let logs: () => string;
const NOW = '2026-11-27T10:00:00+08:00';

const [appraisal, satisfaction] = SURVEY_TEMPLATES as [(typeof SURVEY_TEMPLATES)[0], (typeof SURVEY_TEMPLATES)[1]];

const anon = (method: 'GET' | 'POST', url: string, payload?: unknown, ip?: string) =>
  anonymous(t, method, url, payload, ip);

beforeAll(async () => {
  ({ t, logs } = await buildLoggedTestApp({ trustProxy: true, publicRateLimitPerMinute: 100_000 }));
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set(NOW));

/** A 满意 answer from a phone behind the shared network 10.0.0.3, told apart by the page's random id. */
const answerFromPhone = (url: string, id: string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'x-forwarded-for': '10.0.0.3', 'x-client-id': `phone-${id}-0123456789abcdef` },
    payload: { answers: { q1: 0, q2: 0 } },
  });

/**
 * An office of the test's own with 第三巡察组 planned to inspect 赣州市水利局, and its people: each
 * test's surveys, answers and sessions are its own.
 */
async function office() {
  const city = await makeAuthority(t, { name: '赣州市委巡察办' });
  const county = await makeAuthority(t, { name: '于都县委巡察办', parentAuthorityId: city });
  const target = await makeOrg(t, { authorityId: city, name: '赣州市水利局', kind: '市直单位', sector: '农业农村' });
  const staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
  const { teamId, inspectionId } = await planInspection(staff, {
    authorityId: city,
    targetOrgIds: [target],
    teamName: '第三巡察组',
  });

  async function newSurvey(over: Record<string, unknown> = {}) {
    const res = await staff.post('/api/surveys', {
      kind: satisfaction.kind,
      title: satisfaction.title,
      intro: satisfaction.intro,
      targetType: 'inspection',
      targetId: inspectionId,
      questions: satisfaction.questions,
      keyQuestionId: satisfaction.keyQuestionId,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function open(id: string, version: number) {
    const r = await staff.post(`/api/surveys/${id}/status`, { version, to: 'open' });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  }

  return {
    teamId,
    inspectionId,
    staff,
    leader: await loginAs(t, { role: 'leader', scopeId: city }),
    member: await loginAs(t, { role: 'teamMember', scopeId: city }),
    countyStaff: await loginAs(t, { role: 'officeStaff', scopeId: county }),
    liaison: await loginAs(t, { role: 'targetLiaison', scopeType: 'organization', scopeId: target }),
    newSurvey,
    open,
  };
}
type Office = Awaited<ReturnType<typeof office>>;

/** A satisfaction survey, open, with an open code capped at two answers a phone and a batch of 30 links. */
async function answering(o: Office) {
  const created = await o.newSurvey({ openCap: 2 });
  const s: { id: string; openCode: string; version: number } = await o.open(created.id, created.version);
  const b = await o.staff.post(`/api/surveys/${s.id}/batches`, { count: 30, note: '干部职工测评' });
  expect(b.statusCode, b.body).toBe(201);
  return { s, batchId: b.json().id as string };
}

/**
 * Twelve answer sheets: six through the open code (满意 with a comment, 不满意, 基本满意 from a
 * second address, then three 满意 from phones behind one network) and six through single-use
 * links 7 and 10–14 (满意, then 满意, 基本满意, 满意, 不了解, 不满意).
 */
async function answerAll(s: { openCode: string }, batchId: string) {
  const url = `/api/public/surveys/${s.openCode}/answers`;
  const phone = (id: string) => answerFromPhone(url, id);
  const link = (index: number, q1: number) =>
    anon('POST', `/api/public/surveys/${signToken(t.app.deps.keys, batchId, index)}/answers`, {
      answers: { q1, q2: 0 },
    });
  for (const send of [
    () => anon('POST', url, { answers: { q1: 0, q2: 0, q3: '希望继续加强对基层站所的监督' } }),
    () => anon('POST', url, { answers: { q1: 2, q2: 1 } }),
    () => anon('POST', url, { answers: { q1: 1, q2: 1 } }, '10.0.0.2'),
    () => phone('a'),
    () => phone('a'),
    () => phone('b'),
    () => link(7, 0),
    ...[0, 1, 0, 3, 2].map((q1, i) => () => link(10 + i, q1)),
  ]) {
    const r = await send();
    expect(r.statusCode, r.body).toBe(201);
  }
}

describe('the questionnaire builder', () => {
  it('401, 403 without survey:manage, 400 on bad questions (nothing written), 404 for another office', async () => {
    const { inspectionId, member, staff, countyStaff } = await office();
    expect((await anon('GET', '/api/surveys')).statusCode).toBe(401);
    const body = {
      kind: 'custom',
      title: '测试问卷',
      targetType: 'inspection',
      targetId: inspectionId,
      questions: [{ id: 'q1', type: 'single', title: '只有一个选项', options: [{ label: '是' }] }],
    };
    expect((await member.post('/api/surveys', body)).statusCode).toBe(403);
    const bad = await staff.post('/api/surveys', body);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('至少需要两个选项');
    const badKey = await staff.post('/api/surveys', {
      ...body,
      questions: [{ id: 'q1', type: 'text', title: '意见' }],
      keyQuestionId: 'q1',
    });
    expect(badKey.statusCode).toBe(400);
    expect((await staff.get('/api/surveys')).json().total).toBe(0);
    const notMine = await countyStaff.post('/api/surveys', {
      ...body,
      questions: satisfaction.questions,
    });
    expect(notMine.statusCode).toBe(404);
  });

  it('creates from a template, edits only in draft with a version, publishes, and lists with filters', async () => {
    const { newSurvey, open, staff, leader, countyStaff, inspectionId } = await office();
    const s = await newSurvey();
    expect(s).toMatchObject({ status: 'draft', targetType: 'inspection', answers: { verified: 0, unverified: 0 } });
    expect(s.targetName).toContain('第三巡察组');
    expect(s.openUrl).toMatch(new RegExp(`/p/s/${s.openCode}$`));
    const upd = await staff.patch(`/api/surveys/${s.id}`, { version: 1, title: '水利局巡察整改满意度测评' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect((await staff.patch(`/api/surveys/${s.id}`, { version: 1, title: 'x' })).statusCode).toBe(409);
    expect((await anon('GET', `/api/public/surveys/${s.openCode}`)).statusCode).toBe(404);
    const opened = await open(s.id, 2);
    expect(opened.status).toBe('open');
    expect((await staff.patch(`/api/surveys/${s.id}`, { version: 3, title: 'y' })).statusCode).toBe(409);
    expect((await staff.get(`/api/surveys?status=open&inspectionId=${inspectionId}`)).json().total).toBe(1);
    expect((await leader.get(`/api/surveys/${s.id}`)).statusCode).toBe(200);
    expect((await countyStaff.get(`/api/surveys/${s.id}`)).statusCode).toBe(404);
    await staff.reauth(); // deletes are confirmed with the password
    const del = await staff.del(`/api/surveys/${s.id}?version=3`);
    expect(del.statusCode).toBe(409);
  });
});

describe('every staff route: wrong role, then bad input', () => {
  it('answers 403 to a role without the permission and 400 to bad input', async () => {
    const { newSurvey, staff, member, liaison } = await office();
    const s = await newSurvey();
    const b = (await staff.post(`/api/surveys/${s.id}/batches`, { count: 2 })).json();
    const denied: [Session, string, string, unknown?][] = [
      [liaison, 'GET', '/api/surveys'],
      [liaison, 'GET', `/api/surveys/${s.id}`],
      [member, 'PATCH', `/api/surveys/${s.id}`, { version: 1, title: '改' }],
      [member, 'POST', `/api/surveys/${s.id}/status`, { version: 1, to: 'open' }],
      [member, 'DELETE', `/api/surveys/${s.id}?version=1`],
      [liaison, 'GET', `/api/surveys/${s.id}/qr.png`],
      [liaison, 'GET', `/api/surveys/${s.id}/batches`],
      [member, 'POST', `/api/surveys/${s.id}/batches`, { count: 5 }],
      [member, 'GET', `/api/survey-batches/${b.id}/codes.docx`],
      [liaison, 'GET', `/api/surveys/${s.id}/results`],
    ];
    for (const [who, method, url, body] of denied)
      expect((await who.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    await staff.reauth();
    const bad: [string, string, unknown?][] = [
      ['GET', '/api/surveys?status=lost'],
      ['PATCH', `/api/surveys/${s.id}`, { version: 1, questions: [] }],
      ['POST', `/api/surveys/${s.id}/status`, { version: 1, to: 'draft' }],
      ['DELETE', `/api/surveys/${s.id}?version=x`],
      ['POST', `/api/surveys/${s.id}/batches`, { count: 0 }],
      ['POST', `/api/surveys/${s.id}/batches`, { count: 2001 }],
    ];
    for (const [method, url, body] of bad) {
      const r = await staff.request(method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(400);
      expect(r.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await staff.get(`/api/surveys/${s.id}`)).json().version).toBe(1);
  });
});

describe('answering', () => {
  it('open code: unverified answers, 400 on invalid answers, capped per client (429)', async () => {
    const { s } = await answering(await office());
    const pub = await anon('GET', `/api/public/surveys/${s.openCode}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ verified: false, open: true, authorityName: '赣州市委巡察办' });
    expect(pub.headers['cache-control']).toBe('no-store');
    const url = `/api/public/surveys/${s.openCode}/answers`;
    expect((await anon('POST', url, { answers: { q2: 0 } })).statusCode).toBe(400);
    expect((await anon('POST', url, { answers: { q1: 9, q2: 0 } })).statusCode).toBe(400);
    expect((await anon('POST', url, { answers: { q1: 0, q2: 0, q9: 'x' } })).statusCode).toBe(400);
    const ok = await anon('POST', url, { answers: { q1: 0, q2: 0, q3: '希望继续加强对基层站所的监督' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ accepted: true, verified: false });
    expect((await anon('POST', url, { answers: { q1: 2, q2: 1 } })).statusCode).toBe(201);
    expect((await anon('POST', url, { answers: { q1: 1, q2: 1 } })).statusCode).toBe(429);
    expect((await anon('POST', url, { answers: { q1: 1, q2: 1 } }, '10.0.0.2')).statusCode).toBe(201);
    // Phones behind one network (a unit's Wi-Fi) each get their own cap through the page's random id.
    const phone = (id: string) => answerFromPhone(url, id);
    expect((await phone('a')).statusCode).toBe(201);
    expect((await phone('a')).statusCode).toBe(201);
    expect((await phone('a')).statusCode).toBe(429);
    expect((await phone('b')).statusCode).toBe(201);
  });

  it('a single-use link is accepted once: 20 parallel submits of one token → exactly one 201', async () => {
    const { batchId } = await answering(await office());
    const token = signToken(t.app.deps.keys, batchId, 7);
    const pub = await anon('GET', `/api/public/surveys/${token}`);
    expect(pub.json()).toMatchObject({ verified: true, open: true });
    const res = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        anon('POST', `/api/public/surveys/${token}/answers`, { answers: { q1: 0, q2: 0 } }, `10.1.0.${i}`),
      ),
    );
    expect(logs()).toContain('/api/public/surveys/[token]/answers');
    expect(logs()).not.toContain(token);
    const codes = res.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const rows = await t.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.batchId, batchId));
    expect(rows).toHaveLength(1);
    const spent = await t.database.db.select().from(surveySpentTokens).where(eq(surveySpentTokens.batchId, batchId));
    expect(spent.map((s) => s.tokenMac)).toEqual([spentTokenMac(t.app.deps.keys, batchId, 7)]);
    expect(rows[0]?.verified).toBe(true);
    expect(rows[0]?.answeredOn).toBe('2026-11-27');
    expect((await anon('GET', `/api/public/surveys/${token}`)).json().open).toBe(false);
  });

  it('forged or out-of-batch tokens answer 404', async () => {
    const { batchId } = await answering(await office());
    const token = signToken(t.app.deps.keys, batchId, 8);
    const forged = `${token.slice(0, 40)}${token.slice(40) === 'AAA' ? 'BBB' : 'AAA'}`;
    expect(
      (await anon('POST', `/api/public/surveys/${forged}/answers`, { answers: { q1: 0, q2: 0 } })).statusCode,
    ).toBe(404);
    const beyond = signToken(t.app.deps.keys, batchId, 30);
    expect(
      (await anon('POST', `/api/public/surveys/${beyond}/answers`, { answers: { q1: 0, q2: 0 } })).statusCode,
    ).toBe(404);
  });

  it('results keep verified and unverified apart; satisfaction = satisfied ÷ valid', async () => {
    const o = await office();
    const { leader, staff } = o;
    const { s, batchId } = await answering(o);
    await answerAll(s, batchId);
    const r = (await leader.get(`/api/surveys/${s.id}/results`)).json();
    // verified: token 7 (满意) + 满意, 基本满意, 满意, 不了解 (excluded), 不满意 → 4 satisfied of 5 valid
    expect(r.total).toEqual({ verified: 6, unverified: 6 });
    expect(r.satisfaction.verified).toEqual({ satisfied: 4, valid: 5, rate: 0.8 });
    // unverified: 满意, 不满意, 基本满意, then three 满意 from the phones behind one network → 5 of 6
    expect(r.satisfaction.unverified.satisfied).toBe(5);
    expect(r.satisfaction.unverified.valid).toBe(6);
    const q1 = r.questions.find((q: { id: string }) => q.id === 'q1');
    expect(q1.buckets[0]).toEqual({ label: '满意', verified: 3, unverified: 4 });
    const q3 = r.questions.find((q: { id: string }) => q.id === 'q3');
    expect(q3.texts).toEqual([{ text: '希望继续加强对基层站所的监督', verified: false }]);
    const batches = (await staff.get(`/api/surveys/${s.id}/batches`)).json().items;
    expect(batches[0]).toMatchObject({ count: 30, used: 6 });
  });

  it('exports need re-authentication and are audited; a closed survey refuses answers with 409', async () => {
    const o = await office();
    const { member, staff } = o;
    const { s, batchId } = await answering(o);
    await answerAll(s, batchId);
    expect((await member.get(`/api/surveys/${s.id}/answers.xlsx`)).statusCode).toBe(403);
    expect((await staff.get(`/api/surveys/${s.id}/answers.xlsx`)).json().code).toBe('REAUTH_REQUIRED');
    await staff.reauth();
    const x = await staff.get(`/api/surveys/${s.id}/answers.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.rowCount).toBe(3 + 12);
    const docx = await staff.get(`/api/survey-batches/${batchId}/codes.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'survey.export'), eq(auditLog.actorId, staff.userId)));
    expect(audits).toHaveLength(1);
    const cur = (await staff.get(`/api/surveys/${s.id}`)).json();
    expect((await staff.post(`/api/surveys/${s.id}/status`, { version: cur.version, to: 'closed' })).statusCode).toBe(
      200,
    );
    const tok = signToken(t.app.deps.keys, batchId, 20);
    expect((await anon('POST', `/api/public/surveys/${tok}/answers`, { answers: { q1: 0, q2: 0 } })).statusCode).toBe(
      409,
    );
    expect(
      (await anon('POST', `/api/public/surveys/${s.openCode}/answers`, { answers: { q1: 0, q2: 0 } }, '10.9.9.9'))
        .statusCode,
    ).toBe(409);
  });

  it('a democratic appraisal with a scale question tallies per value', async () => {
    const { newSurvey, open, staff } = await office();
    const created = await newSurvey({
      kind: appraisal.kind,
      title: appraisal.title,
      questions: appraisal.questions,
      keyQuestionId: appraisal.keyQuestionId,
    });
    const o = await open(created.id, created.version);
    const r = await anon('POST', `/api/public/surveys/${o.openCode}/answers`, {
      answers: { q1: 1, q2: 5, q3: [0, 2, 2] },
    });
    expect(r.statusCode, r.body).toBe(201);
    const res = (await staff.get(`/api/surveys/${o.id}/results`)).json();
    const q2 = res.questions.find((q: { id: string }) => q.id === 'q2');
    expect(q2.buckets[4]).toEqual({ label: '5分', verified: 0, unverified: 1 });
    const q3 = res.questions.find((q: { id: string }) => q.id === 'q3');
    expect(q3.buckets[2].unverified).toBe(1);
  });

  it('a team’s conduct survey is offered on the landing page of every code of the team’s inspections', async () => {
    const { newSurvey, open, staff, teamId, inspectionId } = await office();
    const conduct = SURVEY_TEMPLATES[2];
    if (!conduct) throw new Error('template');
    const created = await newSurvey({
      kind: conduct.kind,
      title: '第三巡察组作风纪律评估',
      targetType: 'team',
      targetId: teamId,
      questions: conduct.questions,
      keyQuestionId: conduct.keyQuestionId,
    });
    expect(created.targetName).toContain('第三巡察组');
    const code = await publicCodeOf(staff, inspectionId);
    const before = (await anon('GET', `/api/public/codes/${code}`)).json().surveys;
    expect(before.map((x: { title: string }) => x.title)).not.toContain('第三巡察组作风纪律评估');
    const o = await open(created.id, created.version);
    const after = (await anon('GET', `/api/public/codes/${code}`)).json().surveys;
    expect(after).toContainEqual({ title: '第三巡察组作风纪律评估', kind: 'teamConduct', code: o.openCode });
  });
});
