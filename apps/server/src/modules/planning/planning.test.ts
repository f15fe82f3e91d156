import { computeCoverage, type TInspectionMode, type TStage } from '@xc/domain';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  type Session,
  type TestContext,
} from '../../../test/helpers.ts';
import { auditLog, inspections, inspectionTargets, organizations, terms } from '../../db/schema/index.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { coverageOfTerm } from './planning.terms.ts';

let t: TestContext;
let sys: Session;
const NOW = '2026-11-27T10:00:00+08:00';

beforeAll(async () => {
  // The stage machine alone: fieldwork's prerequisites (书记专题会 before 反馈) are tried in its tests.
  t = await buildTestApp({}, undefined, { stageGuards: [] });
  // Signed in at the instant every test starts from, so the session is fresh in each.
  t.clock.set(NOW);
  sys = await loginAs(t, { role: 'sysAdmin' });
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set(NOW));

/**
 * An office of the test's own: the city with two counties, five city bureaus, a county unit and a
 * vertical unit in 南康, and the people who plan (each test plans, moves and counts what it made).
 */
async function office() {
  const city = await makeAuthority(t, { name: '赣州市委巡察办' });
  const county = await makeAuthority(t, { name: '南康区委巡察办', parentAuthorityId: city });
  const otherCounty = await makeAuthority(t, { name: '于都县委巡察办', parentAuthorityId: city });
  const bureaus: string[] = [];
  for (const n of ['市教育局', '市财政局', '市卫健委', '市交通局', '市水利局'])
    bureaus.push(await makeOrg(t, { authorityId: city, name: n, kind: '市直单位', establishedOn: '2000-01-01' }));
  return {
    city,
    county,
    otherCounty,
    bureaus,
    countyUnit: await makeOrg(t, { authorityId: county, name: '南康区公安局', kind: '县直单位' }),
    vertical: await makeOrg(t, { authorityId: county, name: '南康区税务局', kind: '垂直管理驻县单位' }),
    leader: await loginAs(t, { role: 'officeLeader', scopeId: city, includeChildren: true }),
    staff: await loginAs(t, { role: 'officeStaff', scopeId: city, includeChildren: true }),
    countyStaff: await loginAs(t, { role: 'officeStaff', scopeId: county }),
    teamLeader: await loginAs(t, { role: 'teamLeader', scopeId: city }),
    member: await loginAs(t, { role: 'teamMember', scopeId: city }),
  };
}
type Office = Awaited<ReturnType<typeof office>>;

function ok(r: { statusCode: number; body: string; json(): unknown }) {
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json() as { id: string; version: number };
}

/** 七届市委 (2026-10 to 2031-09) and its first round (2026-11-01 to 2026-12-31). */
async function termAndRound(o: Office) {
  const termId = ok(await newTerm(o.staff, o.city, '七届市委', ['2026-10-01', '2031-09-30'])).id;
  const roundId = ok(
    await o.staff.post('/api/rounds', {
      termId,
      kind: 'regular',
      theme: '常规巡察',
      focus: ['群众身边不正之风和腐败问题'],
      plannedStart: '2026-11-01',
      plannedEnd: '2026-12-31',
    }),
  ).id;
  return { termId, roundId };
}

/** The round above with 第一巡察组 inspecting 市教育局 and 市财政局, planned on site 2026-11-16 to 12-20. */
async function planned(o: Office) {
  const p = await termAndRound(o);
  const teamId = ok(await o.staff.post('/api/teams', { roundId: p.roundId, name: '第一巡察组' })).id;
  const inspectionId = ok(
    await o.staff.post('/api/inspections', {
      roundId: p.roundId,
      teamId,
      mode: 'ordinary',
      targetOrgIds: [o.bureaus[0], o.bureaus[1]],
      plannedEntryDate: '2026-11-16',
      plannedExitDate: '2026-12-20',
    }),
  ).id;
  return { ...p, teamId, inspectionId };
}

/** A term of `authorityId` created as `s`, whatever the answer; `span` is its first and last day. */
function newTerm(s: Session, authorityId: string, name: string, span: [string, string]) {
  return s.post('/api/terms', { authorityId, name, startDate: span[0], endDate: span[1] });
}

/** A stage move of the inspection, as `s`, whatever the answer. */
function transition(
  s: Session,
  inspectionId: string,
  body: { version: number; to: string; date: string; note?: string },
) {
  return s.post(`/api/inspections/${inspectionId}/transition`, body);
}

/** …with the round approved (2026-10-20), prepared on 2026-10-25 and on site since 2026-11-16. */
async function onSite(o: Office) {
  const p = await planned(o);
  ok(
    await o.leader.post(`/api/rounds/${p.roundId}/approve`, {
      version: 1,
      approvedOn: '2026-10-20',
      note: '领导小组2026年第5次会议审议通过',
    }),
  );
  let v = ok(await o.staff.get(`/api/inspections/${p.inspectionId}`)).version;
  for (const [to, date] of [
    ['prepared', '2026-10-25'],
    ['onSite', '2026-11-16'],
  ] as const)
    v = ok(await transition(o.staff, p.inspectionId, { version: v, to, date })).version;
  return p;
}

/** …then reporting on 2026-11-25 and feedback on 2026-11-26. */
async function atFeedback(o: Office) {
  const p = await onSite(o);
  let v = ok(await o.staff.get(`/api/inspections/${p.inspectionId}`)).version;
  for (const [to, date] of [
    ['reporting', '2026-11-25'],
    ['feedback', '2026-11-26'],
  ] as const)
    v = ok(await transition(o.staff, p.inspectionId, { version: v, to, date })).version;
  return p;
}

describe('terms', () => {
  it('401, 403 for roles without plan:write and for the 三员, 400 on bad input, 404 out of scope', async () => {
    const { city, member, staff, countyStaff } = await office();
    const body = { authorityId: city, name: '七届市委', startDate: '2026-10-01', endDate: '2031-09-30' };
    expect((await t.app.inject({ method: 'POST', url: '/api/terms', payload: body })).statusCode).toBe(401);
    expect((await member.post('/api/terms', body)).statusCode).toBe(403);
    expect((await sys.get('/api/terms')).statusCode).toBe(403);
    expect((await staff.post('/api/terms', { ...body, endDate: '2026-01-01' })).statusCode).toBe(400);
    expect((await staff.post('/api/terms', { ...body, endDate: '2040-01-01' })).statusCode).toBe(400);
    expect((await countyStaff.post('/api/terms', body)).statusCode).toBe(404);
  });

  it('creates, refuses overlaps, and lists with `current`', async () => {
    const { city, staff, countyStaff } = await office();
    const res = await newTerm(staff, city, '七届市委', ['2026-10-01', '2031-09-30']);
    expect(res.statusCode).toBe(201);
    const termId = res.json().id;
    expect(res.json().current).toBe(true);
    const past = await newTerm(staff, city, '六届市委', ['2021-10-01', '2026-09-30']);
    expect(past.statusCode).toBe(201);
    expect((await newTerm(staff, city, '重叠', ['2025-01-01', '2027-01-01'])).statusCode).toBe(409);
    const list = (await staff.get(`/api/terms?authorityId=${city}`)).json();
    expect(list.items.map((x: { name: string }) => x.name)).toEqual(['七届市委', '六届市委']);
    expect((await countyStaff.get(`/api/terms/${termId}`)).statusCode).toBe(404);
    expect((await countyStaff.get('/api/terms')).json().total).toBe(0);
  });
});

describe('scope across authorities', () => {
  it('a county office sees its own terms; the city sees them through a grant that includes children', async () => {
    const { city, county, otherCounty, staff, countyStaff } = await office();
    const countyTerm = await newTerm(countyStaff, county, '三届区委', ['2026-10-01', '2031-09-30']);
    expect(countyTerm.statusCode).toBe(201);
    const id = countyTerm.json().id;
    expect((await staff.get(`/api/terms/${id}`)).statusCode).toBe(200);
    const cityOnly = await loginAs(t, { role: 'officeStaff', scopeId: city });
    expect((await cityOnly.get(`/api/terms/${id}`)).statusCode).toBe(404);
    expect((await cityOnly.get(`/api/terms/${id}/coverage`)).statusCode).toBe(404);
    const other = await loginAs(t, { role: 'officeStaff', scopeId: otherCounty });
    expect((await other.get(`/api/terms/${id}`)).statusCode).toBe(404);
    expect(
      (
        await other.post('/api/rounds', {
          termId: id,
          kind: 'regular',
          plannedStart: '2027-01-01',
          plannedEnd: '2027-02-01',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('rounds, teams, inspections', () => {
  it('creates a round with the next number and its name', async () => {
    const o = await office();
    const { staff } = o;
    const termId = ok(await newTerm(staff, o.city, '七届市委', ['2026-10-01', '2031-09-30'])).id;
    const res = await staff.post('/api/rounds', {
      termId,
      kind: 'regular',
      theme: '常规巡察',
      focus: ['群众身边不正之风和腐败问题'],
      plannedStart: '2026-11-01',
      plannedEnd: '2026-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ number: 1, name: '第一轮', approvedAt: null });
    const roundId = res.json().id;
    expect(
      (
        await staff.post('/api/rounds', {
          termId,
          kind: 'regular',
          plannedStart: '2040-01-01',
          plannedEnd: '2040-02-01',
        })
      ).statusCode,
    ).toBe(400);
    const team = await staff.post('/api/teams', { roundId, name: '第一巡察组' });
    expect(team.statusCode).toBe(201);
    expect((await staff.post('/api/teams', { roundId, name: '第一巡察组' })).statusCode).toBe(409);
  });

  it('creates inspections: ordinary, escalated, authorized; rejects targets outside the rules', async () => {
    const o = await office();
    const { staff, countyStaff, bureaus, countyUnit, vertical, county, otherCounty } = o;
    const { roundId } = await termAndRound(o);
    const teamId = ok(await staff.post('/api/teams', { roundId, name: '第一巡察组' })).id;
    const created = await staff.post('/api/inspections', {
      roundId,
      teamId,
      mode: 'ordinary',
      targetOrgIds: [bureaus[0], bureaus[1]],
      plannedEntryDate: '2026-11-16',
      plannedExitDate: '2026-12-20',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(
      created
        .json()
        .targets.map((x: { name: string }) => x.name)
        .sort(),
    ).toEqual(['市教育局', '市财政局'].sort());
    expect(
      (await staff.post('/api/inspections', { roundId, mode: 'escalated', targetOrgIds: [countyUnit] })).statusCode,
    ).toBe(201);
    expect(
      (await staff.post('/api/inspections', { roundId, mode: 'ordinary', targetOrgIds: [countyUnit] })).statusCode,
    ).toBe(400);
    expect(
      (await staff.post('/api/inspections', { roundId, mode: 'authorized', targetOrgIds: [vertical] })).statusCode,
    ).toBe(400);
    const auth = await staff.post('/api/inspections', {
      roundId,
      mode: 'authorized',
      targetOrgIds: [vertical],
      authorizedAuthorityId: county,
    });
    expect(auth.statusCode, auth.body).toBe(201);
    // 双报告一报备 is the governance module's (GET /api/inspections/:id/dual-report), not a field here.
    expect(auth.json()).not.toHaveProperty('dualReport');
    expect(
      (
        await staff.post('/api/inspections', {
          roundId,
          mode: 'authorized',
          targetOrgIds: [vertical],
          authorizedAuthorityId: otherCounty,
        })
      ).statusCode,
    ).toBe(400);
    // The county carrying out an authorized inspection sees it; it does not see the city's others.
    const seen = (await countyStaff.get('/api/inspections')).json();
    expect(seen.items.map((x: { id: string }) => x.id)).toEqual([auth.json().id]);
  });

  it('lists by term and mode with the contract fields', async () => {
    const o = await office();
    const { member, countyUnit } = o;
    const { termId, roundId } = await termAndRound(o);
    ok(await o.staff.post('/api/inspections', { roundId, mode: 'escalated', targetOrgIds: [countyUnit] }));
    ok(await o.staff.post('/api/inspections', { roundId, mode: 'ordinary', targetOrgIds: [o.bureaus[2]] }));
    const res = (await member.get(`/api/inspections?termId=${termId}&mode=escalated&limit=10`)).json();
    expect(res.total).toBe(1);
    expect(res.items[0]).toMatchObject({
      roundId,
      mode: 'escalated',
      stage: 'planned',
      targets: [{ orgId: countyUnit, name: '南康区公安局' }],
    });
    expect(res.nextCursor).toBeNull();
    expect((await member.get('/api/inspections?mode=nope')).statusCode).toBe(400);
  });
});

describe('stage machine', () => {
  it('planned → prepared needs the round approved by an office leader', async () => {
    const o = await office();
    const { staff, leader } = o;
    const { roundId, inspectionId } = await planned(o);
    const detail = (await staff.get(`/api/inspections/${inspectionId}`)).json();
    const prep = detail.actions.find((a: { to: string }) => a.to === 'prepared');
    expect(prep.allowed).toBe(false);
    expect(prep.reason).toContain('批准');
    expect(
      (await transition(staff, inspectionId, { version: detail.version, to: 'prepared', date: '2026-10-25' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await staff.post(`/api/rounds/${roundId}/approve`, {
          version: 1,
          approvedOn: '2026-10-20',
          note: '领导小组2026年第5次会议审议通过',
        })
      ).statusCode,
    ).toBe(403);
    const ap = await leader.post(`/api/rounds/${roundId}/approve`, {
      version: 1,
      approvedOn: '2026-10-20',
      note: '领导小组2026年第5次会议审议通过',
    });
    expect(ap.statusCode).toBe(200);
    expect(ap.json().approvedAt).toBe('2026-10-20');
    const res = await transition(staff, inspectionId, { version: detail.version, to: 'prepared', date: '2026-10-25' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'prepared', preparedDate: '2026-10-25' });
  });

  it('two people moving it at once: one wins, one 409', async () => {
    const o = await office();
    const { staff, teamLeader, leader } = o;
    const { roundId, inspectionId } = await planned(o);
    ok(
      await leader.post(`/api/rounds/${roundId}/approve`, {
        version: 1,
        approvedOn: '2026-10-20',
        note: '领导小组2026年第5次会议审议通过',
      }),
    );
    const planned1 = ok(await staff.get(`/api/inspections/${inspectionId}`)).version;
    ok(await transition(staff, inspectionId, { version: planned1, to: 'prepared', date: '2026-10-25' }));
    const v = (await staff.get(`/api/inspections/${inspectionId}`)).json().version;
    const [a, b] = await Promise.all([
      transition(staff, inspectionId, { version: v, to: 'onSite', date: '2026-11-16' }),
      transition(teamLeader, inspectionId, { version: v, to: 'onSite', date: '2026-11-17' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const d = (await staff.get(`/api/inspections/${inspectionId}`)).json();
    expect(d.stage).toBe('onSite');
    expect(d.events.filter((e: { toStage: string }) => e.toStage === 'onSite')).toHaveLength(1);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'inspection.transition'));
    expect(audits.filter((x) => x.objectId === inspectionId)).toHaveLength(2);
  });

  it('refuses skipping stages, dates in the future or before entry, and team members', async () => {
    const o = await office();
    const { staff, member } = o;
    const { inspectionId } = await onSite(o);
    const v = (await staff.get(`/api/inspections/${inspectionId}`)).json().version;
    expect((await transition(staff, inspectionId, { version: v, to: 'feedback', date: '2026-11-20' })).statusCode).toBe(
      409,
    );
    expect(
      (await transition(staff, inspectionId, { version: v, to: 'reporting', date: '2026-12-30' })).statusCode,
    ).toBe(400);
    expect(
      (await transition(staff, inspectionId, { version: v, to: 'reporting', date: '2026-11-01' })).statusCode,
    ).toBe(400);
    expect(
      (await transition(member, inspectionId, { version: v, to: 'reporting', date: '2026-11-20' })).statusCode,
    ).toBe(403);
    expect((await transition(staff, inspectionId, { version: v, to: 'nowhere', date: '2026-11-20' })).statusCode).toBe(
      400,
    );
  });

  it('shows deadlines with colours from the calendar settings', async () => {
    const o = await office();
    const { staff } = o;
    const { inspectionId } = await onSite(o);
    const d = (await staff.get(`/api/inspections/${inspectionId}`)).json();
    const notice = d.deadlines.find((x: { key: string }) => x.key === 'noticeBeforeEntry');
    expect(notice).toMatchObject({ due: '2026-11-06', done: true, colour: 'done' });
    const report = d.deadlines.find((x: { key: string }) => x.key === 'reportAfterExit');
    expect(report.colour).toBe('none');
  });

  it('a step back is for the office leader only and clears the date', async () => {
    const o = await office();
    const { staff, leader } = o;
    const { inspectionId } = await onSite(o);
    const v = (await staff.get(`/api/inspections/${inspectionId}`)).json().version;
    expect((await transition(staff, inspectionId, { version: v, to: 'prepared', date: '2026-11-20' })).statusCode).toBe(
      400,
    );
    const back = await transition(leader, inspectionId, {
      version: v,
      to: 'prepared',
      date: '2026-11-20',
      note: '进驻推迟',
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ stage: 'prepared', entryDate: null });
    const again = await transition(staff, inspectionId, {
      version: back.json().version,
      to: 'onSite',
      date: '2026-11-18',
    });
    expect(again.statusCode).toBe(200);
  });

  it('editing the plan is refused once on site; a planned inspection can be deleted', async () => {
    const o = await office();
    const { staff, bureaus } = o;
    const { roundId, inspectionId } = await onSite(o);
    const d = (await staff.get(`/api/inspections/${inspectionId}`)).json();
    expect(
      (await staff.patch(`/api/inspections/${inspectionId}`, { version: d.version, plannedExitDate: '2026-12-25' }))
        .statusCode,
    ).toBe(409);
    const extra = await staff.post('/api/inspections', { roundId, mode: 'ordinary', targetOrgIds: [bureaus[4]] });
    await staff.reauth(); // deletes are confirmed with the password
    expect((await staff.del(`/api/inspections/${extra.json().id}`)).statusCode).toBe(204);
    expect((await staff.get(`/api/inspections/${extra.json().id}`)).statusCode).toBe(404);
    expect((await staff.del(`/api/inspections/${inspectionId}`)).statusCode).toBe(409);
  });
});

describe('coverage', () => {
  it('counts an inspection once it reached feedback, by kind, with the uncovered list and pace', async () => {
    const o = await office();
    const { staff, member, bureaus } = o;
    const { termId, inspectionId } = await onSite(o);
    const before = (await member.get(`/api/terms/${termId}/coverage`)).json();
    expect(before).toMatchObject({ total: 5, covered: 0 });
    let v = (await staff.get(`/api/inspections/${inspectionId}`)).json().version;
    for (const [to, date] of [
      ['reporting', '2026-11-25'],
      ['feedback', '2026-11-26'],
    ] as const) {
      const r = await transition(staff, inspectionId, { version: v, to, date });
      expect(r.statusCode, r.body).toBe(200);
      v = r.json().version;
    }
    const cov = (await member.get(`/api/terms/${termId}/coverage`)).json();
    expect(cov).toMatchObject({ total: 5, covered: 2, rate: 0.4, uncoveredCount: 3 });
    expect(cov.byKind).toEqual([{ kind: '市直单位', total: 5, covered: 2 }]);
    expect(cov.uncovered.map((u: { name: string }) => u.name).sort()).toEqual(
      ['市交通局', '市卫健委', '市水利局'].sort(),
    );
    expect(cov.byYear.find((y: { year: number }) => y.year === 2026).covered).toBe(2);
    expect(cov.pace.remainingTargets).toBe(3);
    const sug = (await staff.get(`/api/terms/${termId}/suggestions?teams=2&perTeam=2`)).json();
    expect(
      sug.groups
        .flatMap((g: { orgs: { orgId: string }[] }) => g.orgs.map((o) => o.orgId))
        .every((id: string) => bureaus.includes(id)),
    ).toBe(true);
  });

  it('agrees with the domain rule on random data (SQL vs computeCoverage)', async () => {
    const o = await office();
    const { city, staff } = o;
    const { termId } = await termAndRound(o);
    const auth = await makeAuthority(t, { name: `性质测试${Date.now()}`, parentAuthorityId: city });
    const term = {
      id: uuidv7(),
      authorityId: auth,
      name: '测试届',
      startDate: '2021-10-01',
      endDate: '2026-09-30',
      targetKinds: ['县直单位', '乡镇(街道)', '村(社区)'],
      createdAt: new Date(),
      version: 1,
    };
    await t.database.db.insert(terms).values(term);
    const roundRow = (
      await staff.post('/api/rounds', { termId, kind: 'special', plannedStart: '2027-01-01', plannedEnd: '2027-02-01' })
    ).json();
    const kinds = ['县直单位', '乡镇(街道)', '村(社区)', '学校'];
    const modes: TInspectionMode[] = [
      'ordinary',
      'escalated',
      'cross',
      'authorized',
      'joint',
      'directVillage',
      'townshipWithVillages',
    ];
    const stages: TStage[] = ['planned', 'onSite', 'reporting', 'feedback', 'rectifying', 'archived'];
    const dates = ['2019-05-01', '2021-09-30', '2021-10-01', '2023-06-15', '2026-09-30', '2026-10-01', null];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            kind: fc.constantFrom(...kinds),
            est: fc.constantFrom(...dates),
            abol: fc.constantFrom(...dates),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(
          fc.record({
            own: fc.constantFrom('self', 'other'),
            mode: fc.constantFrom(...modes),
            stage: fc.constantFrom(...stages),
            feedback: fc.constantFrom(...dates),
            entry: fc.constantFrom(...dates),
            authorizedSelf: fc.boolean(),
            targets: fc.array(fc.nat(7), { minLength: 1, maxLength: 3 }),
          }),
          { maxLength: 6 },
        ),
        async (orgSpecs, inspSpecs) => {
          await t.database.db.execute(
            sql`delete from inspection_targets where inspection_id in (select id from inspections where term_id = ${termId} and round_id = ${roundRow.id})`,
          );
          await t.database.db.execute(sql`delete from inspections where round_id = ${roundRow.id}`);
          await t.database.db.execute(sql`delete from organizations where authority_id = ${auth}`);
          const orgs = orgSpecs.map((o, i) => ({
            id: uuidv7(),
            name: `单位${i}`,
            kind: o.kind,
            authorityId: auth,
            establishedOn: o.est,
            abolishedOn: o.abol && o.est && o.abol < o.est ? null : o.abol,
          }));
          for (const o of orgs)
            await t.database.db.insert(organizations).values({
              ...o,
              searchKey: o.name,
              createdAt: new Date(),
              updatedAt: new Date(),
              status: o.abolishedOn ? 'abolished' : 'active',
            });
          const insps = inspSpecs.map((s) => ({
            id: uuidv7(),
            authorityId: s.own === 'self' ? auth : city,
            mode: s.mode,
            stage: s.stage,
            feedbackDate: s.feedback,
            entryDate: s.entry,
            authorizedBy: s.mode === 'authorized' && s.authorizedSelf ? auth : null,
            targets: [...new Set(s.targets.map((n) => orgs[n % orgs.length]?.id as string))].map((orgId) => ({
              orgId,
              role: 'primary' as const,
            })),
          }));
          for (const i of insps) {
            await t.database.db.insert(inspections).values({
              id: i.id,
              roundId: roundRow.id,
              termId,
              authorityId: i.authorityId,
              mode: i.mode,
              stage: i.stage,
              feedbackDate: i.feedbackDate,
              entryDate: i.entryDate,
              authorizedAuthorityId: i.authorizedBy,
              createdAt: new Date(),
              updatedAt: new Date(),
            });
            await t.database.db.insert(inspectionTargets).values(i.targets.map((x) => ({ inspectionId: i.id, ...x })));
          }
          const fromSql = await coverageOfTerm(t.database.db, term, '2026-11-27', 1000);
          const targets = orgs.filter((o) => term.targetKinds.includes(o.kind));
          const fromDomain = computeCoverage(term, targets, insps, '2026-11-27');
          expect(fromSql.total).toBe(fromDomain.total);
          expect(fromSql.covered).toBe(fromDomain.covered);
          expect(fromSql.byKind).toEqual(fromDomain.byKind);
          expect(fromSql.byYear).toEqual(fromDomain.byYear);
          expect(fromSql.uncovered.map((u) => u.orgId).sort()).toEqual(fromDomain.uncovered.map((u) => u.orgId).sort());
          expect(fromSql.pace).toEqual(fromDomain.pace);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('documents, calendar, deadlines', () => {
  it('exports the round plan as .docx and the coverage ledger as .xlsx after re-authentication', async () => {
    const o = await office();
    const { staff } = o;
    const { termId, roundId } = await planned(o);
    expect((await staff.get(`/api/rounds/${roundId}/plan.docx`)).json().code).toBe('REAUTH_REQUIRED');
    await staff.reauth();
    const doc = await staff.get(`/api/rounds/${roundId}/plan.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await staff.get(`/api/terms/${termId}/coverage.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('keeps the office’s own calendar entries over the official ones, and they move working-day deadlines', async () => {
    const o = await office();
    const { city, staff, member, leader } = o;
    const { inspectionId } = await atFeedback(o);
    const list = (await staff.get(`/api/calendar?authorityId=${city}&year=2026`)).json();
    expect(
      list.items.some((x: { name: string; source: string }) => x.name.includes('春节') && x.source === 'official'),
    ).toBe(true);
    expect((await member.put(`/api/calendar?authorityId=${city}`, { year: 2026, entries: [] })).statusCode).toBe(403);
    const bad = await staff.put(`/api/calendar?authorityId=${city}`, {
      year: 2026,
      entries: [{ date: '2025-05-01', kind: 'holiday', name: 'x' }],
    });
    expect(bad.statusCode).toBe(400);
    const ok = await staff.put(`/api/calendar?authorityId=${city}`, {
      year: 2026,
      entries: [{ date: '2026-12-01', kind: 'holiday', name: '本地补休' }],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.find((x: { date: string }) => x.date === '2026-12-01')).toMatchObject({
      source: 'office',
      kind: 'holiday',
    });
    const ds = (await staff.get(`/api/deadline-settings?authorityId=${city}`)).json();
    expect(ds.settings.planAfterFeedback).toEqual({ amount: 15, unit: 'workingDays', direction: 'after' });
    const d = (await staff.get(`/api/inspections/${inspectionId}`)).json();
    const plan = d.deadlines.find((x: { key: string }) => x.key === 'planAfterFeedback');
    // Feedback 2026-11-26 (Thu) + 15 working days, with 2026-12-01 off: 2026-12-18.
    expect(plan.due).toBe('2026-12-18');
    const upd = await leader.put(`/api/deadline-settings?authorityId=${city}`, {
      version: ds.version,
      settings: { ...ds.settings, planAfterFeedback: { amount: 10, unit: 'workingDays', direction: 'after' } },
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(
      (await leader.put(`/api/deadline-settings?authorityId=${city}`, { version: ds.version, settings: ds.settings }))
        .statusCode,
    ).toBe(409);
  });

  it('planning no longer records the 双报告一报备 dates: its write route is gone and the inspection is unchanged', async () => {
    const o = await office();
    const { staff } = o;
    const { termId, roundId } = await planned(o);
    ok(
      await staff.post('/api/inspections', {
        roundId,
        mode: 'authorized',
        targetOrgIds: [o.vertical],
        authorizedAuthorityId: o.county,
      }),
    );
    const a = (await staff.get(`/api/inspections?termId=${termId}&mode=authorized`)).json().items[0];
    const res = await staff.put(`/api/inspections/${a.id}/dual-report`, {
      version: a.version,
      countyCommitteeOn: '2026-11-20',
    });
    expect(res.statusCode, res.body).toBe(404);
    const after = (await staff.get(`/api/inspections/${a.id}`)).json();
    expect(after.version).toBe(a.version);
    expect(after).not.toHaveProperty('dualReport');
  });
});
