import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  inspectorInput,
  lastAudit,
  login,
  loginAs,
  makeAuthority,
  makeOrg,
  makeUser,
  planInspection,
  type Session,
  type TestContext,
} from '../../../test/helpers.ts';
import { appraisals, auditLog, inspectors, orgLeaders } from '../../db/schema/index.ts';
import { uuidv7 } from '../../platform/ids.ts';

let t: TestContext;
const NOW = '2026-11-27T10:00:00+08:00';

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set(NOW));

/**
 * An office of the test's own: the city (with a county under it), the target 赣州市财政局 and its
 * leader, the office's people, and an inspection of the target planned through the API. Each test
 * takes a new one, so its pool, team, settings and sessions are what it made of them.
 */
async function office() {
  const city = await makeAuthority(t, { name: '赣州市委巡察办' });
  const county = await makeAuthority(t, { name: '南康区委巡察办', parentAuthorityId: city });
  const target = await makeOrg(t, { authorityId: city, name: '赣州市财政局', kind: '市直单位', sector: '财政金融' });
  await t.database.db.insert(orgLeaders).values({
    id: uuidv7(),
    orgId: target,
    name: '李国强',
    position: '党组书记、局长',
    since: '2022-03-01',
    until: null,
    sortOrder: 0,
  });
  const leader = await loginAs(t, { role: 'officeLeader', scopeId: city, includeChildren: true });
  const staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
  const countyStaff = await loginAs(t, { role: 'officeStaff', scopeId: county });
  const member = await loginAs(t, { role: 'teamMember', scopeId: city });
  const { roundId, teamId, inspectionId } = await planInspection(staff, {
    authorityId: city,
    targetOrgIds: [target],
    round: { plannedStart: '2027-03-01', plannedEnd: '2027-04-30' },
  });
  const person = (over: Record<string, unknown> = {}) => inspectorInput(city, over);
  return { city, county, target, leader, staff, countyStaff, member, roundId, teamId, inspectionId, person };
}

describe('inspectors', () => {
  it('401, 403 without personnel:write, 400 on bad input, 404 for another office’s pool', async () => {
    const { staff, countyStaff, member, person } = await office();
    expect((await t.app.inject({ method: 'GET', url: '/api/inspectors' })).statusCode).toBe(401);
    expect((await member.post('/api/inspectors', person())).statusCode).toBe(403);
    expect((await staff.post('/api/inspectors', person({ expertise: ['占卜'] }))).statusCode).toBe(400);
    expect(
      (
        await staff.post(
          '/api/inspectors',
          person({ history: [{ unitName: 'x', post: 'y', from: '2020-01-01', to: '2019-01-01' }] }),
        )
      ).statusCode,
    ).toBe(400);
    expect((await countyStaff.post('/api/inspectors', person())).statusCode).toBe(404);
  });

  it('creates with history and lists with filters; a county office sees only its own pool', async () => {
    const { staff, countyStaff, person } = await office();
    const res = await staff.post(
      '/api/inspectors',
      person({ history: [{ unitName: '赣州市审计局', post: '科长', from: '2015-01-01' }] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().history).toHaveLength(1);
    expect((await staff.get('/api/inspectors?pool=talentPool&expertise=审计')).json().total).toBe(1);
    expect((await staff.get('/api/inspectors?pool=leaderPool')).json().total).toBe(0);
    expect((await countyStaff.get('/api/inspectors')).json().total).toBe(0);
    expect((await countyStaff.get(`/api/inspectors/${res.json().id}`)).statusCode).toBe(404);
    const upd = await staff.patch(`/api/inspectors/${res.json().id}`, { version: 1, post: '副局长' });
    expect(upd.statusCode).toBe(200);
    expect((await staff.patch(`/api/inspectors/${res.json().id}`, { version: 1, post: '局长' })).statusCode).toBe(409);
  });
});

describe('import from xlsx', () => {
  async function upload(s: Session, city: string, rows: (string | number)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('巡察干部');
    ws.addRow(['姓名', '性别', '出生年份', '工作单位', '职务', '职级', '政治面貌', '专业领域', '人员库', '入库日期']);
    for (const r of rows) ws.addRow(r);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const b = '----xc-personnel';
    const payload = Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    return s.request('POST', `/api/inspectors/import?authorityId=${city}`, payload, {
      'content-type': `multipart/form-data; boundary=${b}`,
    });
  }

  it('reports every bad row and writes nothing; then imports a good file', async () => {
    const { city, staff, member } = await office();
    const before = (await staff.get('/api/inspectors')).json().total;
    const bad = await upload(staff, city, [
      ['甲', '男', 1980, '赣州市财政局', '科长', '一级主任科员', '中共党员', '财务', '巡察人才库', '2024-01-01'],
      ['', '男', 1980, '赣州市财政局', '科长', '', '', '', '巡察人才库', ''],
      ['乙', '未知', 1980, '赣州市财政局', '科长', '', '', '占卜', '神仙库', ''],
    ]);
    expect(bad.statusCode).toBe(422);
    expect([...new Set(bad.json().details.errors.map((e: { row: number }) => e.row))]).toEqual([3, 4]);
    expect((await staff.get('/api/inspectors')).json().total).toBe(before);
    const ok = await upload(staff, city, [
      [
        '钱进',
        '男',
        1981,
        '赣州市财政局',
        '预算科科长',
        '一级主任科员',
        '中共党员',
        '财务、审计',
        '巡察人才库',
        '2024-01-01',
      ],
      [
        '孔丽',
        '女',
        1985,
        '赣州市审计局',
        '审计员',
        '二级主任科员',
        '中共党员',
        '审计',
        '巡察人才库、专职巡察干部',
        '2024-03-01',
      ],
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().imported).toBe(2);
    expect((await staff.get('/api/inspectors?q=孔丽')).json().items[0].pools).toHaveLength(2);
    expect((await member.get('/api/inspectors/import-template')).statusCode).toBe(403);
    expect((await staff.get('/api/inspectors/import-template')).statusCode).toBe(200);
  });
});

describe('recusal and the team', () => {
  /**
   * An office with a pool of nine: three with a conflict against the target (worked there, a spouse
   * there, a superior of its leader) and six without, in the leader, staff and talent pools.
   */
  async function pool() {
    const o = await office();
    const { target, staff, person } = o;
    const mk = async (over: Record<string, unknown>) => {
      const res = await staff.post('/api/inspectors', person(over));
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const formerStaff = await mk({
      name: '王芳',
      history: [{ orgId: target, unitName: '赣州市财政局', post: '科员', from: '2018-01-01', to: '2024-06-30' }],
    });
    const spouseThere = await mk({
      name: '刘洋',
      relatives: [{ name: '陈静', relation: 'spouse', orgId: target, unitName: '赣州市财政局', post: '科员' }],
    });
    const colleague = await mk({
      name: '赵强',
      pools: [{ pool: 'leaderPool', status: 'in', since: '2019-01-01' }],
      workRelations: [{ personName: '李国强', relation: 'superior', from: '2020-01-01', to: '2025-12-31' }],
    });
    const clean: string[] = [];
    const spec: [string, string, string[]][] = [
      ['孙伟', 'leaderPool', ['纪检']],
      ['周敏', 'staff', ['组织人事']],
      ['吴昊', 'talentPool', ['财务']],
      ['郑洁', 'talentPool', ['法律']],
      ['冯磊', 'talentPool', ['金融']],
      ['陈晨', 'staff', ['宣传']],
    ];
    for (const [name, pool, expertise] of spec)
      clean.push(await mk({ name, pools: [{ pool, status: 'in', since: '2020-01-01' }], expertise }));
    return { ...o, formerStaff, spouseThere, colleague, clean };
  }

  /** Put a person without conflicts on the team, as the office would. */
  async function addMember(s: Session, teamId: string, inspectorId: string) {
    const version = (await s.get(`/api/teams/${teamId}/roster`)).json().version;
    const res = await s.post(`/api/teams/${teamId}/members`, { inspectorId, role: 'member', version });
    expect(res.statusCode, res.body).toBe(201);
  }

  it('GET /api/inspections/{id}/recusal lists conflicts over the whole pool with reasons', async () => {
    const { staff, member, inspectionId, formerStaff, spouseThere, colleague, clean } = await pool();
    const res = await staff.get(`/api/inspections/${inspectionId}/recusal`);
    expect(res.statusCode).toBe(200);
    const byId = new Map(
      res
        .json()
        .conflicts.map((c: { inspectorId: string; reasons: { rule: string }[] }) => [
          c.inspectorId,
          c.reasons.map((r) => r.rule),
        ]),
    );
    expect(byId.get(formerStaff)).toContain('workedThere');
    expect(byId.get(spouseThere)).toContain('relativeThere');
    expect(byId.get(colleague)).toContain('leaderRelation');
    for (const id of clean) expect(byId.has(id)).toBe(false);
    expect((await member.get(`/api/inspections/${inspectionId}/recusal`)).statusCode).toBe(403);
  });

  it('an objection from the inspected organization makes a clean person conflicted', async () => {
    const { staff, inspectionId, teamId, clean } = await pool();
    const bad = await staff.post(`/api/inspections/${inspectionId}/objections`, {
      inspectorId: clean[5],
      inspectionId: teamId,
      reason: '该同志与本单位主要负责人系同学',
    });
    expect(bad.statusCode).toBe(400);
    const res = await staff.post(`/api/inspections/${inspectionId}/objections`, {
      inspectorId: clean[5],
      inspectionId,
      reason: '该同志与本单位主要负责人系同学',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json().conflicts.find((x: { inspectorId: string }) => x.inspectorId === clean[5]);
    expect(c.reasons.map((r: { rule: string }) => r.rule)).toEqual(['objection']);
    const decl = await staff.post(`/api/inspections/${inspectionId}/declarations`, {
      inspectorId: clean[4],
      inspectionId,
      hasConflict: false,
    });
    expect(decl.statusCode).toBe(201);
  });

  it('adding a conflicted person answers 409 RECUSAL_CONFLICT with the reasons, and writes nothing', async () => {
    const { staff, teamId, formerStaff } = await pool();
    const roster = (await staff.get(`/api/teams/${teamId}/roster`)).json();
    const res = await staff.post(`/api/teams/${teamId}/members`, {
      inspectorId: formerStaff,
      role: 'member',
      version: roster.version,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('RECUSAL_CONFLICT');
    expect(res.json().details.reasons[0].detail).toContain('赣州市财政局');
    expect((await staff.get(`/api/teams/${teamId}/roster`)).json().members).toEqual([]);
  });

  it('an override needs an office leader and a written reason, and is audited and shown', async () => {
    const { staff, leader, teamId, spouseThere } = await pool();
    const v = (await staff.get(`/api/teams/${teamId}/roster`)).json().version;
    expect(
      (
        await staff.post(`/api/teams/${teamId}/members`, {
          inspectorId: spouseThere,
          role: 'member',
          version: v,
          override: { reason: '配偶仅为普通科员，不涉及巡察重点事项，经研究同意' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await leader.post(`/api/teams/${teamId}/members`, {
          inspectorId: spouseThere,
          role: 'member',
          version: v,
          override: { reason: '太短' },
        })
      ).statusCode,
    ).toBe(400);
    const ok = await leader.post(`/api/teams/${teamId}/members`, {
      inspectorId: spouseThere,
      role: 'member',
      version: v,
      override: { reason: '配偶仅为普通科员，不涉及巡察重点事项，经研究同意' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const m = ok.json().members[0];
    expect(m.override.reason).toContain('经研究同意');
    expect(m.conflicts[0].rule).toBe('relativeThere');
    const a = await lastAudit(t, 'team.overrideRecusal');
    expect(a?.detail).toMatchObject({ inspectorId: spouseThere, conflicts: ['relativeThere'] });
  });

  it('concurrent edits to one roster: one wins, one 409', async () => {
    const { staff, leader, teamId, clean } = await pool();
    const v = (await staff.get(`/api/teams/${teamId}/roster`)).json().version;
    const [a, b] = await Promise.all([
      staff.post(`/api/teams/${teamId}/members`, { inspectorId: clean[0], role: 'leader', version: v }),
      leader.post(`/api/teams/${teamId}/members`, { inspectorId: clean[1], role: 'deputy', version: v }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
  });

  it('suggests a team that avoids every conflicted person and respects the mix', async () => {
    const { staff, inspectionId, formerStaff, spouseThere } = await pool();
    const res = await staff.get(`/api/inspections/${inspectionId}/team-suggestion`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().members.map((m: { inspectorId: string }) => m.inspectorId);
    expect(ids).not.toContain(formerStaff);
    expect(ids).not.toContain(spouseThere);
    expect(res.json().members.filter((m: { role: string }) => m.role === 'leader')).toHaveLength(1);
    for (const m of res.json().members) expect(m.why).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a team member sees only their own team', async () => {
    const { city, staff, teamId, clean } = await pool();
    await addMember(staff, teamId, clean[2] as string);
    const acct = await makeUser(t, { grants: [{ role: 'teamMember', scopeId: city }] });
    const s = await login(t, acct.username, acct.password);
    expect((await s.get(`/api/teams/${teamId}/roster`)).statusCode).toBe(404);
    const mine = (await staff.get(`/api/teams/${teamId}/roster`)).json().members[0].inspectorId;
    await t.database.db.update(inspectors).set({ userId: acct.id }).where(eq(inspectors.id, mine));
    expect((await s.get(`/api/teams/${teamId}/roster`)).statusCode).toBe(200);
  });

  it('records the 一次一授权 decision and exports it as .docx', async () => {
    const { staff, roundId, teamId } = await office();
    expect((await staff.get(`/api/rounds/${roundId}/authorization`)).statusCode).toBe(404);
    const put = await staff.put(`/api/rounds/${roundId}/authorization`, {
      roundId,
      docNumber: '赣市巡授〔2026〕1号',
      decidedOn: '2026-11-20',
      taskDivision: '第一巡察组巡察赣州市财政局党组。',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().validUntil).toBe('2027-04-30');
    expect(
      (
        await staff.put(`/api/rounds/${roundId}/authorization`, {
          roundId: teamId,
          docNumber: 'x',
          decidedOn: '2026-11-20',
          taskDivision: 'y',
        })
      ).statusCode,
    ).toBe(400);
    await staff.reauth();
    const doc = await staff.get(`/api/rounds/${roundId}/authorization.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('exports an appraisal for the home unit and the ledgers after re-authentication', async () => {
    const { staff, countyStaff, member, teamId, clean } = await pool();
    const id = uuidv7();
    await t.database.db.insert(appraisals).values({
      id,
      inspectorId: clean[2] as string,
      teamId,
      grade: '优秀',
      comment: '政治站位高，发现问题准，作风扎实。',
      appraisedOn: '2026-11-25',
    });
    expect((await member.get(`/api/appraisals/${id}/appraisal.docx`)).statusCode).toBe(403);
    await staff.reauth();
    const doc = await staff.get(`/api/appraisals/${id}/appraisal.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await countyStaff.get(`/api/appraisals/${id}/appraisal.docx`)).statusCode).toBe(401);
    const x = await staff.get('/api/personnel/ledgers.xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });

  it('records trainings with their attendance, secondments, shadowing, appraisals and awards', async () => {
    const { city, staff, countyStaff, member, roundId, teamId, clean } = await pool();
    await addMember(staff, teamId, clean[2] as string);
    const body = { authorityId: city, title: '巡察业务培训班', heldOn: '2026-11-20', hours: 8, mode: 'onsite' };
    expect((await member.post('/api/trainings', body)).statusCode).toBe(403);
    expect((await staff.post('/api/trainings', { ...body, hours: 0.3 })).statusCode).toBe(400);
    const tr = await staff.post('/api/trainings', body);
    expect(tr.statusCode, tr.body).toBe(201);
    const att = await staff.put(`/api/trainings/${tr.json().id}/attendees`, {
      inspectorIds: [clean[0], clean[1], clean[0]],
    });
    expect(att.statusCode).toBe(200);
    expect(att.json().attendeeCount).toBe(2);
    expect((await staff.get(`/api/trainings/${tr.json().id}/attendees`)).json().items).toHaveLength(2);
    expect(
      (
        await staff.post('/api/secondments', {
          inspectorId: clean[0],
          hostName: '省委第三巡视组',
          from: '2026-03-01',
          to: '2026-02-01',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await staff.post('/api/secondments', {
          inspectorId: clean[0],
          hostName: '省委第三巡视组',
          from: '2026-03-01',
          to: '2026-05-01',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await staff.post('/api/shadowings', { inspectorId: clean[1], hostAuthorityId: city, from: '2026-06-01' }))
        .statusCode,
    ).toBe(201);
    const onTeam = (await staff.get(`/api/teams/${teamId}/roster`)).json().members[0].inspectorId;
    const notOnTeam = await staff.post('/api/appraisals', {
      inspectorId: clean[3],
      roundId,
      teamId,
      grade: '优秀',
      comment: '好',
      appraisedOn: '2026-11-26',
    });
    expect(notOnTeam.statusCode).toBe(400);
    const ap = await staff.post('/api/appraisals', {
      inspectorId: onTeam,
      roundId,
      teamId,
      grade: '称职',
      comment: '工作认真',
      appraisedOn: '2026-11-26',
    });
    expect(ap.statusCode, ap.body).toBe(201);
    expect(
      (
        await staff.post('/api/appraisals', {
          inspectorId: onTeam,
          roundId,
          teamId,
          grade: '称职',
          comment: '',
          appraisedOn: '2026-11-26',
        })
      ).statusCode,
    ).toBe(409);
    const aw = await staff.post(`/api/awards?authorityId=${city}`, {
      kind: 'excellentInspector',
      batch: '2025—2026年度',
      inspectorIds: [clean[0]],
      awardedOn: '2026-11-26',
    });
    expect(aw.statusCode, aw.body).toBe(201);
    const profile = (await staff.get(`/api/inspectors/${clean[0]}`)).json();
    expect(profile.trainings.map((x: { title: string }) => x.title)).toContain('巡察业务培训班');
    expect(profile.secondments[0].hostName).toBe('省委第三巡视组');
    expect(profile.awards[0].batch).toBe('2025—2026年度');
    expect(
      (
        await countyStaff.post(`/api/awards?authorityId=${city}`, {
          kind: 'excellentInspector',
          batch: 'x',
          inspectorIds: [clean[0]],
          awardedOn: '2026-11-26',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('recusal windows and 地域回避 are settings of the authority; changing them is for the office leader and audited', async () => {
    const { city, staff, leader, inspectionId, formerStaff } = await pool();
    const before = (await staff.get(`/api/inspections/${inspectionId}/recusal`)).json();
    const was = before.conflicts.find((c: { inspectorId: string }) => c.inspectorId === formerStaff);
    expect(was.reasons.map((r: { rule: string }) => r.rule)).toContain('workedThere');
    const cur = (await staff.get(`/api/personnel-settings?authorityId=${city}`)).json();
    expect(cur.settings).toMatchObject({ recusalYears: 3, regionalRecusal: false, teamMin: 5 });
    expect(
      (
        await staff.put(`/api/personnel-settings?authorityId=${city}`, {
          version: cur.version,
          settings: { ...cur.settings, recusalYears: 1 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await leader.put(`/api/personnel-settings?authorityId=${city}`, {
          version: cur.version,
          settings: { ...cur.settings, teamMax: 2 },
        })
      ).statusCode,
    ).toBe(400);
    // formerStaff left the target on 2024-06-30; with a one-year window that no longer counts.
    const res = await leader.put(`/api/personnel-settings?authorityId=${city}`, {
      version: cur.version,
      settings: { ...cur.settings, recusalYears: 1 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = (await staff.get(`/api/inspections/${inspectionId}/recusal`)).json();
    const former = report.conflicts.find((c: { inspectorId: string }) => c.inspectorId === formerStaff);
    expect(former?.reasons.map((r: { rule: string }) => r.rule) ?? []).not.toContain('workedThere');
    const a = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'personnel.settings'), eq(auditLog.actorId, leader.userId)));
    expect(a.map((x) => x.detail)).toEqual([{ changed: ['recusalYears'] }]);
  });
});
