import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, commonProblems, policyConsultations, policyProblems } from '../../db/schema/index.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { buildGovernanceWorld, type GovWorld, ok } from './governance.fixture.ts';

// 政策会商: sessions with their problems (linked to a finding or a common problem of the term), the
// conclusions and their follow-up, the list's problem counts (the contract), the colours of due
// dates. 401 / 403 / 404 / 400-writes-nothing per route; versioned edits → one 200, one 409.

let w: GovWorld;
let problemId: string;
let countyProblemId: string;
beforeAll(async () => {
  w = await buildGovernanceWorld();
  const now = w.t.clock.now();
  const problem = (termId: string, authorityId: string, name: string) => ({
    id: uuidv7(),
    authorityId,
    termId,
    name,
    description: `${name}的描述。`,
    sector: '财政金融',
    confirmedOn: '2026-12-01',
    createdAt: now,
    updatedAt: now,
  });
  const p = problem(w.termId, w.city, '公职人员参与民间借贷和非法集资');
  const cp = problem(w.countyTermId, w.county, '区属学校违规收费');
  await w.t.database.db.insert(commonProblems).values([p, cp]);
  problemId = p.id;
  countyProblemId = cp.id;
});
afterAll(async () => w.t.close());

const anon = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
  w.t.app.inject(payload === undefined ? { method, url } : { method, url, payload });

// The clock stands at 2026-12-15; warnings turn yellow 3 days before a due date (the default).
const problemInput = (over: Record<string, unknown> = {}) => ({
  summary: '公职人员参与民间借贷缺乏明确的禁止性规定和查处依据。',
  conclusion: '由市金融办牵头制定公职人员参与民间借贷的负面清单。',
  leadDept: '市金融办',
  dueOn: '2027-03-31',
  ...over,
});
const body = (over: Record<string, unknown> = {}) => ({
  termId: w.termId,
  heldOn: '2026-12-10',
  title: '公职人员民间借贷问题政策会商',
  departments: ['市金融办', '市公安局', '市纪委监委'],
  problems: [
    problemInput({ commonProblemId: problemId }),
    problemInput({
      findingId: w.f.finA,
      summary: '财政资金出借缺少审批',
      leadDept: '市财政局',
      dueOn: '2026-12-17',
    }),
    problemInput({ summary: '民间借贷纠纷调处机制不健全', leadDept: '市司法局', dueOn: '2026-12-01' }),
  ],
  ...over,
});

async function counts() {
  const db = w.t.database.db;
  return [
    (await db.select({ id: policyConsultations.id }).from(policyConsultations)).length,
    (await db.select({ id: policyProblems.id }).from(policyProblems)).length,
  ];
}

async function create(over: Record<string, unknown> = {}) {
  const res = await w.staff.post('/api/policy-consultations', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('policy consultations', () => {
  it('are recorded with their problems; 401 / 403 / 404 / 400 write nothing', async () => {
    const before = await counts();
    expect((await anon('POST', '/api/policy-consultations', body())).statusCode).toBe(401);
    expect((await w.leader.post('/api/policy-consultations', body())).statusCode).toBe(403);
    expect((await w.recipient.post('/api/policy-consultations', body())).statusCode).toBe(403);
    expect((await w.liaison.post('/api/policy-consultations', body())).statusCode).toBe(403);
    expect((await w.countyStaff.post('/api/policy-consultations', body())).statusCode).toBe(404);
    const bads = [
      body({ title: '' }),
      body({ departments: [] }),
      body({ departments: ['市金融办', '市金融办'] }),
      body({ problems: [] }),
      body({ heldOn: '2026-13-01' }),
      body({ problems: [problemInput({ findingId: w.f.finA, commonProblemId: problemId })] }),
      body({ problems: [problemInput({ findingId: w.f.countyA })] }),
      body({ problems: [problemInput({ commonProblemId: countyProblemId })] }),
      body({ problems: [problemInput({ findingId: uuidv7() })] }),
      body({ problems: [problemInput({ status: 'finished' })] }),
    ];
    for (const b of bads)
      expect((await w.staff.post('/api/policy-consultations', b)).statusCode, JSON.stringify(b)).toBe(400);
    expect(await counts()).toEqual(before);

    const c = await create();
    expect(c).toMatchObject({
      authorityId: w.city,
      termId: w.termId,
      heldOn: '2026-12-10',
      title: '公职人员民间借贷问题政策会商',
      departments: ['市金融办', '市公安局', '市纪委监委'],
      problems: 3,
      problemsDone: 0,
      version: 1,
    });
    expect(c.problemItems).toMatchObject([
      { commonProblemId: problemId, findingId: null, status: 'open', colour: 'green', dueOn: '2027-03-31' },
      { findingId: w.f.finA, commonProblemId: null, leadDept: '市财政局', colour: 'yellow' },
      { findingId: null, commonProblemId: null, colour: 'red' },
    ]);
    const audit = await w.t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectId, c.id))
      .orderBy(auditLog.seq);
    expect(audit.map((a) => a.action)).toEqual(['policyConsultation.create']);
  });

  it('are listed with their problem counts (the contract) and read by the office and leaders only', async () => {
    const c = await create({ title: '农村意识形态阵地管理政策会商', heldOn: '2026-12-12' });
    expect((await anon('GET', '/api/policy-consultations')).statusCode).toBe(401);
    expect((await w.recipient.get('/api/policy-consultations')).statusCode).toBe(403);
    expect((await w.staff.get('/api/policy-consultations?status=finished')).statusCode).toBe(400);
    expect((await w.staff.get('/api/policy-consultations?termId=x')).statusCode).toBe(400);
    const list = ok(await w.leader.get(`/api/policy-consultations?termId=${w.termId}`));
    expect(list.total).toBe(list.items.length);
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    // Newest session first.
    expect(list.items[0]).toEqual({
      id: c.id,
      authorityId: w.city,
      termId: w.termId,
      heldOn: '2026-12-12',
      title: '农村意识形态阵地管理政策会商',
      departments: ['市金融办', '市公安局', '市纪委监委'],
      problems: 3,
      problemsDone: 0,
      version: 1,
    });
    const db = w.t.database.db;
    const direct = await db.select().from(policyProblems);
    for (const item of list.items)
      expect(item.problems).toBe(direct.filter((p) => p.consultationId === item.id).length);
    expect(
      ok(await w.staff.get('/api/policy-consultations?q=意识形态')).items.map((x: { id: string }) => x.id),
    ).toEqual([c.id]);
    expect(ok(await w.staff.get('/api/policy-consultations?q=%25')).total).toBe(0);
    expect(ok(await w.countyStaff.get('/api/policy-consultations')).total).toBe(0);
    expect(ok(await w.staff.get(`/api/policy-consultations?termId=${w.countyTermId}`)).total).toBe(0);
    const p1 = ok(await w.staff.get('/api/policy-consultations?limit=1'));
    const p2 = ok(await w.staff.get(`/api/policy-consultations?limit=1&cursor=${p1.nextCursor}`));
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    expect((await w.staff.get('/api/policy-consultations?cursor=xyz')).statusCode).toBe(400);

    expect((await w.countyStaff.get(`/api/policy-consultations/${c.id}`)).statusCode).toBe(404);
    expect((await w.staff.get(`/api/policy-consultations/${uuidv7()}`)).statusCode).toBe(404);
    expect((await w.recipient.get(`/api/policy-consultations/${c.id}`)).statusCode).toBe(403);
    expect(ok(await w.leader.get(`/api/policy-consultations/${c.id}`)).problemItems).toHaveLength(3);
  });

  it('are edited under the version; two edits at once → one 200, one 409', async () => {
    const c = await create();
    const url = `/api/policy-consultations/${c.id}`;
    const edit = { version: 1, title: '公职人员民间借贷问题专题政策会商' };
    expect((await anon('PATCH', url, edit)).statusCode).toBe(401);
    expect((await w.leader.patch(url, edit)).statusCode).toBe(403);
    expect((await w.countyStaff.patch(url, edit)).statusCode).toBe(404);
    expect((await w.staff.patch(url, { version: 1, title: '' })).statusCode).toBe(400);
    expect((await w.staff.patch(url, { version: 1, termId: w.countyTermId })).statusCode).toBe(400);
    expect(ok(await w.staff.get(url))).toMatchObject({ title: c.title, version: 1 });
    const both = await Promise.all([
      w.staff.patch(url, edit),
      w.officeLeader.patch(url, { version: 1, departments: ['市金融办'] }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(ok(await w.staff.get(url)).version).toBe(2);
    expect((await w.staff.patch(url, edit)).statusCode).toBe(409);
  });

  it('take one more problem, and each problem’s follow-up is versioned', async () => {
    const c = await create();
    const url = `/api/policy-consultations/${c.id}/problems`;
    const input = problemInput({ summary: '小额贷款公司监管职责不清', leadDept: '市金融办', dueOn: '2027-06-30' });
    expect((await anon('POST', url, input)).statusCode).toBe(401);
    expect((await w.leader.post(url, input)).statusCode).toBe(403);
    expect((await w.countyStaff.post(url, input)).statusCode).toBe(404);
    const before = await counts();
    expect((await w.staff.post(url, { ...input, findingId: w.f.countyA })).statusCode).toBe(400);
    expect((await w.staff.post(url, { ...input, leadDept: '' })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    const added = await w.staff.post(url, input);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().problems).toBe(4);
    const last = added.json().problemItems[3];
    expect(last).toMatchObject({ summary: '小额贷款公司监管职责不清', status: 'open', version: 1 });

    const purl = `/api/policy-problems/${last.id}`;
    const update = { version: 1, status: 'inProgress', progressNote: '已起草负面清单征求意见稿。' };
    expect((await anon('PATCH', purl, update)).statusCode).toBe(401);
    expect((await w.leader.patch(purl, update)).statusCode).toBe(403);
    expect((await w.countyStaff.patch(purl, update)).statusCode).toBe(404);
    expect((await w.staff.patch(`/api/policy-problems/${uuidv7()}`, update)).statusCode).toBe(404);
    expect((await w.staff.patch(purl, { ...update, status: 'closed' })).statusCode).toBe(400);
    const both = await Promise.all([
      w.staff.patch(purl, update),
      w.officeLeader.patch(purl, { version: 1, status: 'done' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const done = ok(await w.staff.patch(purl, { version: 2, status: 'done', progressNote: '负面清单已印发。' }));
    expect(done).toMatchObject({ status: 'done', colour: 'done', progressNote: '负面清单已印发。', version: 3 });
    const detail = ok(await w.staff.get(`/api/policy-consultations/${c.id}`));
    expect(detail).toMatchObject({ problems: 4, problemsDone: 1 });
    const done1 = ok(await w.staff.get(`/api/policy-consultations?status=done&termId=${w.termId}`));
    expect(done1.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect(done1.items[0]).toMatchObject({ problems: 4, problemsDone: 1 });
  });

  it('are deleted with their problems by the office', async () => {
    const c = await create();
    const url = `/api/policy-consultations/${c.id}`;
    expect((await anon('DELETE', url)).statusCode).toBe(401);
    expect((await w.leader.del(url)).statusCode).toBe(403);
    expect((await w.countyStaff.del(url)).statusCode).toBe(404);
    expect((await w.staff.del(url)).statusCode).toBe(204);
    expect((await w.staff.get(url)).statusCode).toBe(404);
    expect((await w.staff.del(url)).statusCode).toBe(404);
    const left = await w.t.database.db.select().from(policyProblems).where(eq(policyProblems.consultationId, c.id));
    expect(left).toHaveLength(0);
    const audit = await w.t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectId, c.id))
      .orderBy(auditLog.seq);
    // Besides the refusals (object.denied), the office's two acts.
    expect(audit.map((a) => a.action).filter((a) => a !== 'object.denied')).toEqual([
      'policyConsultation.create',
      'policyConsultation.delete',
    ]);
  });
});
