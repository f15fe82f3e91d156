import { sumWan } from '@xc/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAuthority, makeOrg, type Session } from '../../../test/helpers.ts';
import { auditLog, bulletins, campaignReports, campaigns, commonProblems } from '../../db/schema/index.ts';
import { countWhere } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { cellText, readXlsx } from '../../platform/spreadsheets.ts';
import { buildGovernanceWorld, type GovWorld, ok } from './governance.fixture.ts';

// 专项整治: create / update / list / detail, reports by the office and by a liaison (its own
// organization only), the ledger against the sum of the reports (money exact to the cent), the
// ledger workbook and the liaison's campaigns; 401 / 403 / 404 / 400-writes-nothing per route.

let w: GovWorld;
let cpA: string;
let cpB: string;
let cpCounty: string;
let bulletinId: string;
let countyBulletinId: string;
let otherCounty: string;
let otherCountyOrg: string;
let otherCountyStaff: Session;
let cityOnlyStaff: Session;
let financeLiaison: Session;

beforeAll(async () => {
  w = await buildGovernanceWorld();
  const db = w.t.database.db;
  const now = w.t.clock.now();
  const problem = (termId: string, authorityId: string, name: string) => ({
    id: uuidv7(),
    authorityId,
    termId,
    name,
    description: `${name}的表现和危害。`,
    sector: '教育',
    confirmedOn: '2026-12-01',
    createdAt: now,
    updatedAt: now,
  });
  const rows = [
    problem(w.termId, w.city, '违规收取教辅资料费'),
    problem(w.termId, w.city, '校外培训监管不力'),
    problem(w.countyTermId, w.county, '区属学校违规收费'),
  ];
  await db.insert(commonProblems).values(rows);
  [cpA, cpB, cpCounty] = rows.map((r) => r.id) as [string, string, string];
  const bulletin = (termId: string, authorityId: string) => ({
    id: uuidv7(),
    authorityId,
    termId,
    sector: '教育',
    title: '关于教育系统共性问题的通报',
    status: 'sent',
    number: '赣巡办〔2026〕1号',
    year: 2026,
    seq: 1,
    requestedActions: '立即开展专项整治。',
    createdAt: now,
    updatedAt: now,
  });
  const b1 = bulletin(w.termId, w.city);
  const b2 = bulletin(w.countyTermId, w.county);
  await db.insert(bulletins).values([b1, b2]);
  bulletinId = b1.id;
  countyBulletinId = b2.id;
  otherCounty = await makeAuthority(w.t, { name: '中共信丰县委巡察工作领导小组办公室', parentAuthorityId: w.city });
  otherCountyOrg = await makeOrg(w.t, {
    authorityId: otherCounty,
    name: '信丰县教育局',
    kind: '县直单位',
    sector: '教育',
  });
  otherCountyStaff = await w.user([{ role: 'officeStaff', scopeId: otherCounty }]);
  cityOnlyStaff = await w.user([{ role: 'officeStaff', scopeId: w.city }]);
  financeLiaison = await w.user([{ role: 'targetLiaison', scopeType: 'organization', scopeId: w.finance }], {
    orgId: w.finance,
  });
});
afterAll(async () => w.t.close());

const anon = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) =>
  w.t.app.inject(payload === undefined ? { method, url } : { method, url, payload });

const campaignCount = () => countWhere(w.t.database.db, campaigns, undefined);
const reportCount = (campaignId: string) =>
  countWhere(w.t.database.db, campaignReports, eq(campaignReports.campaignId, campaignId));

function body(o: Record<string, unknown> = {}) {
  return {
    termId: w.termId,
    name: '教辅资料违规收费专项整治',
    description: '全市教育系统清理违规收取教辅资料费。',
    authorityIds: [w.city, w.county],
    orgIds: [w.school1, w.school2, w.countySchool],
    commonProblemIds: [cpA],
    startOn: '2026-12-01',
    endOn: '2027-03-31',
    ...o,
  };
}

async function create(o: Record<string, unknown> = {}) {
  return ok(await w.staff.post('/api/campaigns', body(o)));
}

function report(orgId: string, o: Record<string, unknown> = {}) {
  return {
    orgId,
    reportedOn: '2026-12-10',
    foundItems: 3,
    rectifiedItems: 2,
    rulesMade: 1,
    moneyRecovered: '1.25',
    note: '完成自查自纠。',
    ...o,
  };
}

describe('campaigns: access', () => {
  it('answers 401 to every route without a session', async () => {
    const id = uuidv7();
    const calls = [
      anon('GET', '/api/campaigns'),
      anon('POST', '/api/campaigns', body()),
      anon('GET', `/api/campaigns/${id}`),
      anon('PATCH', `/api/campaigns/${id}`, { version: 1, name: '改名' }),
      anon('GET', `/api/campaigns/${id}/ledger`),
      anon('GET', `/api/campaigns/${id}/ledger.xlsx`),
      anon('GET', `/api/campaigns/${id}/reports`),
      anon('POST', `/api/campaigns/${id}/reports`, report(w.school1)),
      anon('GET', '/api/my/campaigns'),
    ];
    for (const r of await Promise.all(calls)) expect(r.statusCode).toBe(401);
  });

  it('answers 403 to roles without the permission and 404 outside the reach', async () => {
    const c = await create();
    expect((await w.leader.post('/api/campaigns', body())).statusCode).toBe(403);
    expect((await w.liaison.get('/api/campaigns')).statusCode).toBe(403);
    expect((await w.liaison.get(`/api/campaigns/${c.id}`)).statusCode).toBe(403);
    expect((await w.liaison.get(`/api/campaigns/${c.id}/ledger`)).statusCode).toBe(403);
    expect((await w.leader.post(`/api/campaigns/${c.id}/reports`, report(w.school1))).statusCode).toBe(403);
    expect((await w.recipient.get('/api/my/campaigns')).statusCode).toBe(403);
    expect((await w.leader.patch(`/api/campaigns/${c.id}`, { version: 1, name: '改名' })).statusCode).toBe(403);
    // The county office does not reach the city's term; another county sees nothing of the campaign.
    expect((await w.countyStaff.post('/api/campaigns', body())).statusCode).toBe(404);
    for (const url of [`/api/campaigns/${c.id}`, `/api/campaigns/${c.id}/ledger`, `/api/campaigns/${c.id}/reports`])
      expect((await otherCountyStaff.get(url)).statusCode).toBe(404);
    expect((await otherCountyStaff.patch(`/api/campaigns/${c.id}`, { version: 1, name: '改名' })).statusCode).toBe(404);
    expect((await otherCountyStaff.post(`/api/campaigns/${c.id}/reports`, report(w.countySchool))).statusCode).toBe(
      404,
    );
    // A participant sees the campaign but cannot change it: it is the city's.
    expect((await w.countyStaff.get(`/api/campaigns/${c.id}`)).statusCode).toBe(200);
    expect((await w.countyStaff.patch(`/api/campaigns/${c.id}`, { version: 1, name: '改名' })).statusCode).toBe(403);
    expect((await w.staff.get(`/api/campaigns/${uuidv7()}`)).statusCode).toBe(404);
    expect((await w.staff.get('/api/campaigns/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('campaigns: create, update, list', () => {
  it('creates a campaign with its authorities, organizations and targets', async () => {
    const res = await w.staff.post('/api/campaigns', body({ fromBulletinId: bulletinId }));
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      authorityId: w.city,
      termId: w.termId,
      name: '教辅资料违规收费专项整治',
      fromBulletin: { id: bulletinId, name: '赣巡办〔2026〕1号 关于教育系统共性问题的通报' },
      authorities: [
        { id: w.city, name: '中共赣州市委巡察工作领导小组办公室' },
        { id: w.county, name: '中共南康区委巡察工作领导小组办公室' },
      ],
      commonProblems: [{ id: cpA, name: '违规收取教辅资料费' }],
      startOn: '2026-12-01',
      endOn: '2027-03-31',
      phase: 'active',
      reports: 0,
      version: 1,
    });
    expect([...c.orgIds].sort()).toEqual([w.school1, w.school2, w.countySchool].sort());
    const audit = await w.t.database.db.select().from(auditLog).where(eq(auditLog.objectId, c.id));
    expect(audit.map((a) => a.action)).toEqual(['campaign.create']);
    expect(ok(await w.staff.get(`/api/campaigns/${c.id}`))).toEqual(c);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const before = await campaignCount();
    const bad = [
      body({ authorityIds: [w.city, otherCounty, uuidv7()] }),
      body({ orgIds: [w.school1, otherCountyOrg] }),
      body({ authorityIds: [w.city], orgIds: [w.school1, w.countySchool] }),
      body({ commonProblemIds: [cpCounty] }),
      body({ commonProblemIds: [] }),
      body({ authorityIds: [] }),
      body({ fromBulletinId: countyBulletinId }),
      body({ endOn: '2026-11-30' }),
      body({ name: '' }),
      body({ extra: 1 }),
    ];
    for (const b of bad) {
      const r = await w.staff.post('/api/campaigns', b);
      expect(r.statusCode, JSON.stringify(b)).toBe(400);
      expect(r.json().message).toBeTruthy();
    }
    // The city office without sub-authorities cannot make a county join.
    expect((await cityOnlyStaff.post('/api/campaigns', body())).statusCode).toBe(400);
    expect(await campaignCount()).toBe(before);
  });

  it('updates under the version: of two saves at once one wins, the other answers 409', async () => {
    const c = await create();
    const [a, b] = await Promise.all([
      w.staff.patch(`/api/campaigns/${c.id}`, { version: 1, name: '第一次改名' }),
      w.officeLeader.patch(`/api/campaigns/${c.id}`, { version: 1, name: '第二次改名' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const now = ok(await w.staff.get(`/api/campaigns/${c.id}`));
    expect(now.version).toBe(2);
    expect(['第一次改名', '第二次改名']).toContain(now.name);
    const res = await w.staff.patch(`/api/campaigns/${c.id}`, {
      version: 2,
      orgIds: [w.school1, w.countySchool],
      commonProblemIds: [cpA, cpB],
      endOn: '2027-06-30',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 3, endOn: '2027-06-30', commonProblems: [{ id: cpA }, { id: cpB }] });
    expect(res.json().orgIds.sort()).toEqual([w.school1, w.countySchool].sort());
    // 400 writes nothing: an organization outside the joining authorities, an end before the start.
    for (const b of [
      { version: 3, orgIds: [otherCountyOrg] },
      { version: 3, endOn: '2026-11-01' },
      { version: 3, commonProblemIds: [cpCounty] },
    ])
      expect((await w.staff.patch(`/api/campaigns/${c.id}`, b)).statusCode).toBe(400);
    expect(ok(await w.staff.get(`/api/campaigns/${c.id}`)).version).toBe(3);
    expect((await w.staff.patch(`/api/campaigns/${c.id}`, { version: 1, name: '旧版本' })).statusCode).toBe(409);
  });

  it('keeps an organization that has reported in scope (409)', async () => {
    const c = await create();
    ok(await w.staff.post(`/api/campaigns/${c.id}/reports`, report(w.school2)));
    const res = await w.staff.patch(`/api/campaigns/${c.id}`, { version: 1, orgIds: [w.school1] });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('赣州市第三中学');
  });

  it('lists the campaigns of the caller: its own and those its authority joins', async () => {
    const c = await create({ name: '违规补课专项整治', commonProblemIds: [cpB] });
    const cityOnly = await create({ name: '市直学校食堂专项整治', authorityIds: [w.city], orgIds: [w.school1] });
    const all = ok(await w.staff.get(`/api/campaigns?termId=${w.termId}&limit=500`));
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([c.id, cityOnly.id]));
    expect(all.items[0]).not.toHaveProperty('orgIds');
    const county = ok(await w.countyStaff.get('/api/campaigns?limit=500'));
    const ids = county.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(c.id);
    expect(ids).not.toContain(cityOnly.id);
    expect(ok(await otherCountyStaff.get('/api/campaigns')).total).toBe(0);
    expect(ok(await w.leader.get('/api/campaigns?limit=500')).total).toBe(all.total);
    const q = ok(await w.staff.get(`/api/campaigns?q=${encodeURIComponent('违规补课')}`));
    expect(q.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const page1 = ok(await w.staff.get('/api/campaigns?limit=1'));
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = ok(await w.staff.get(`/api/campaigns?limit=1&cursor=${page1.nextCursor}`));
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    expect((await w.staff.get('/api/campaigns?cursor=bad')).statusCode).toBe(400);
  });

  it('shows the phase from the dates', async () => {
    const later = await create({ startOn: '2027-01-01', endOn: '2027-02-01' });
    const over = await create({ startOn: '2026-10-01', endOn: '2026-11-30' });
    expect(ok(await w.staff.get(`/api/campaigns/${later.id}`)).phase).toBe('notStarted');
    expect(ok(await w.staff.get(`/api/campaigns/${over.id}`)).phase).toBe('ended');
  });
});

describe('campaign reports', () => {
  it('lets a liaison report for its own organization only', async () => {
    const c = await create();
    const res = await w.liaison.post(`/api/campaigns/${c.id}/reports`, report(w.school1));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      campaignId: c.id,
      orgId: w.school1,
      orgName: '赣州市第一中学',
      commonProblemId: cpA,
      moneyRecovered: '1.25',
      foundItems: 3,
    });
    const before = await reportCount(c.id);
    // Another organization in scope, and the liaison of an organization out of scope: 404.
    expect((await w.liaison.post(`/api/campaigns/${c.id}/reports`, report(w.school2))).statusCode).toBe(404);
    expect((await financeLiaison.post(`/api/campaigns/${c.id}/reports`, report(w.finance))).statusCode).toBe(404);
    expect((await financeLiaison.post(`/api/campaigns/${c.id}/reports`, report(w.school1))).statusCode).toBe(404);
    expect((await w.liaison.post(`/api/campaigns/${uuidv7()}/reports`, report(w.school1))).statusCode).toBe(404);
    expect(await reportCount(c.id)).toBe(before);
    const audit = await w.t.database.db.select().from(auditLog).where(eq(auditLog.objectId, res.json().id));
    expect(audit.map((a) => a.action)).toEqual(['campaignReport.create']);
  });

  it('lets a participating office report for the organizations of its reach', async () => {
    const c = await create();
    expect((await w.countyStaff.post(`/api/campaigns/${c.id}/reports`, report(w.countySchool))).statusCode).toBe(201);
    // The county's office does not report for a city organization; the city office reports for both.
    expect((await w.countyStaff.post(`/api/campaigns/${c.id}/reports`, report(w.school1))).statusCode).toBe(404);
    expect((await w.staff.post(`/api/campaigns/${c.id}/reports`, report(w.school1))).statusCode).toBe(201);
    expect((await w.staff.post(`/api/campaigns/${c.id}/reports`, report(w.countySchool))).statusCode).toBe(201);
    // Not in scope, though in the office's reach.
    expect((await w.staff.post(`/api/campaigns/${c.id}/reports`, report(w.finance))).statusCode).toBe(404);
  });

  it('refuses bad reports with 400 and writes nothing', async () => {
    const c = await create();
    const two = await create({ commonProblemIds: [cpA, cpB] });
    const before = await reportCount(c.id);
    for (const b of [
      report(w.school1, { foundItems: 0, rectifiedItems: 0, rulesMade: 0, moneyRecovered: '0' }),
      report(w.school1, { moneyRecovered: '1.234' }),
      report(w.school1, { moneyRecovered: '-1' }),
      report(w.school1, { moneyRecovered: 12 }),
      report(w.school1, { foundItems: -1 }),
      report(w.school1, { commonProblemId: cpB }),
      report(w.school1, { reportedOn: '2026-12-16' }),
      report(w.school1, { reportedOn: '2026-11-30' }),
      report(w.school1, { extra: true }),
    ]) {
      const r = await w.staff.post(`/api/campaigns/${c.id}/reports`, b);
      expect(r.statusCode, JSON.stringify(b)).toBe(400);
    }
    expect(await reportCount(c.id)).toBe(before);
    // With two targets the report must say which.
    expect((await w.staff.post(`/api/campaigns/${two.id}/reports`, report(w.school1))).statusCode).toBe(400);
    expect(await reportCount(two.id)).toBe(0);
    const r = await w.staff.post(`/api/campaigns/${two.id}/reports`, report(w.school1, { commonProblemId: cpB }));
    expect(r.statusCode).toBe(201);
    expect(r.json().commonProblemId).toBe(cpB);
  });

  it('lists the reports newest first, a page at a time', async () => {
    const c = await create();
    for (const [i, org] of [w.school1, w.school2, w.countySchool].entries())
      ok(await w.staff.post(`/api/campaigns/${c.id}/reports`, report(org, { reportedOn: `2026-12-1${i}` })));
    const first = ok(await w.staff.get(`/api/campaigns/${c.id}/reports?limit=2`));
    expect(first.total).toBe(3);
    expect(first.items.map((x: { reportedOn: string }) => x.reportedOn)).toEqual(['2026-12-12', '2026-12-11']);
    const second = ok(await w.staff.get(`/api/campaigns/${c.id}/reports?limit=2&cursor=${first.nextCursor}`));
    expect(second.items.map((x: { orgName: string }) => x.orgName)).toEqual(['赣州市第一中学']);
    expect(second.nextCursor).toBeNull();
    const one = ok(await w.countyStaff.get(`/api/campaigns/${c.id}/reports?orgId=${w.countySchool}`));
    expect(one.items.map((x: { orgId: string }) => x.orgId)).toEqual([w.countySchool]);
  });
});

describe('campaign ledger', () => {
  it('adds the reports up exactly, per authority, sector and problem', async () => {
    const c = await create({ commonProblemIds: [cpA, cpB] });
    const money = ['0.01', '12.34', '1234567.89', '0.99', '7'];
    const sent = [
      report(w.school1, { commonProblemId: cpA, moneyRecovered: money[0], foundItems: 5, rectifiedItems: 4 }),
      report(w.school1, { commonProblemId: cpB, moneyRecovered: money[1], foundItems: 2, rectifiedItems: 2 }),
      report(w.countySchool, { commonProblemId: cpA, moneyRecovered: money[2], foundItems: 10, rectifiedItems: 7 }),
      report(w.countySchool, {
        commonProblemId: cpA,
        moneyRecovered: money[3],
        foundItems: 0,
        rectifiedItems: 0,
        rulesMade: 4,
      }),
      report(w.school1, { commonProblemId: cpB, moneyRecovered: money[4], foundItems: 0, rectifiedItems: 0 }),
    ];
    for (const b of sent) ok(await w.staff.post(`/api/campaigns/${c.id}/reports`, b));
    const ledger = ok(await w.staff.get(`/api/campaigns/${c.id}/ledger`));
    const sum = (k: 'foundItems' | 'rectifiedItems' | 'rulesMade') => sent.reduce((a, r) => a + (r[k] as number), 0);
    expect(ledger.total).toMatchObject({
      reports: 5,
      organizations: 2,
      inScope: 3,
      found: sum('foundItems'),
      rectified: sum('rectifiedItems'),
      rulesMade: sum('rulesMade'),
      moneyRecovered: sumWan(money),
      notReported: [w.school2],
    });
    expect(ledger.total.moneyRecovered).toBe('1234588.23');
    // The lines add up to the total, money included.
    for (const lines of [ledger.byAuthority, ledger.bySector, ledger.byProblem]) {
      expect(lines.reduce((a: number, l: { reports: number }) => a + l.reports, 0)).toBe(5);
      expect(sumWan(lines.map((l: { moneyRecovered: string }) => l.moneyRecovered))).toBe('1234588.23');
    }
    expect(ledger.byAuthority.map((l: { authorityId: string }) => l.authorityId)).toEqual([w.city, w.county]);
    const county = ledger.byAuthority.find((l: { authorityId: string }) => l.authorityId === w.county);
    expect(county).toMatchObject({ found: 10, rectified: 7, rulesMade: 5, moneyRecovered: '1234568.88', rate: 0.7 });
    expect(ledger.bySector).toEqual([expect.objectContaining({ sector: '教育', inScope: 3 })]);
    expect(ledger.byProblem.map((l: { commonProblemId: string }) => l.commonProblemId)).toEqual([cpA, cpB]);
    expect(ledger.names).toMatchObject({
      authorities: { [w.city]: expect.any(String), [w.county]: expect.any(String) },
      commonProblems: { [cpA]: '违规收取教辅资料费', [cpB]: '校外培训监管不力' },
      orgs: { [w.school2]: '赣州市第三中学', [w.countySchool]: '南康区第一中学' },
    });
    // Every organization in scope and every reporting one is named: the office's 登记报送 picker and
    // the not-reported list read these names.
    expect(Object.keys(ledger.names.orgs).sort()).toEqual([w.school1, w.school2, w.countySchool].sort());
    // The city office reports for every unit in scope; the county office only for its own.
    expect([...ledger.reportableOrgIds].sort()).toEqual([w.school1, w.school2, w.countySchool].sort());
    expect(ok(await w.countyStaff.get(`/api/campaigns/${c.id}/ledger`)).reportableOrgIds).toEqual([w.countySchool]);
    expect(ok(await w.leader.get(`/api/campaigns/${c.id}/ledger`)).reportableOrgIds).toEqual([]);
    // The participating county reads the same ledger; the campaign counts its reports.
    expect(ok(await w.countyStaff.get(`/api/campaigns/${c.id}/ledger`)).total).toEqual(ledger.total);
    expect(ok(await w.staff.get(`/api/campaigns/${c.id}`)).reports).toBe(5);
  });

  it('shows every joining county, even one that has not reported', async () => {
    const c = await create();
    const ledger = ok(await w.staff.get(`/api/campaigns/${c.id}/ledger`));
    expect(ledger.total).toMatchObject({ reports: 0, found: 0, rate: null, moneyRecovered: '0.00', inScope: 3 });
    // Nobody has reported yet: the names still cover the whole scope, for the picker and the list.
    expect(ledger.total.notReported.sort()).toEqual([w.school1, w.school2, w.countySchool].sort());
    expect(Object.keys(ledger.names.orgs).sort()).toEqual([w.school1, w.school2, w.countySchool].sort());
    expect(Object.values(ledger.names.orgs).every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
    expect(ledger.byAuthority).toEqual([
      expect.objectContaining({ authorityId: w.city, inScope: 2, reports: 0 }),
      expect.objectContaining({ authorityId: w.county, inScope: 1, reports: 0 }),
    ]);
  });

  it('exports the ledger as a workbook with the same figures', async () => {
    const c = await create();
    ok(await w.staff.post(`/api/campaigns/${c.id}/reports`, report(w.school1, { moneyRecovered: '100.05' })));
    ok(await w.countyStaff.post(`/api/campaigns/${c.id}/reports`, report(w.countySchool, { moneyRecovered: '0.95' })));
    const res = await w.staff.get(`/api/campaigns/${c.id}/ledger.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const rows: string[][] = [];
    ws.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => cellText(v as never)));
    });
    expect(rows[2]).toContain('挽回损失（万元）');
    const total = rows.find((r) => r[0] === '合计');
    expect(total?.[9]).toBe('101.00');
    expect(rows.find((r) => r[0] === '按巡察机构' && r[9] === '0.95')).toBeTruthy();
    expect((await otherCountyStaff.get(`/api/campaigns/${c.id}/ledger.xlsx`)).statusCode).toBe(404);
    const audit = await w.t.database.db.select().from(auditLog).where(eq(auditLog.action, 'campaign.exportLedger'));
    expect(audit.length).toBeGreaterThan(0);
  });
});

describe('the liaison’s campaigns', () => {
  it('lists only the campaigns that include the caller’s organization', async () => {
    const mine = await create({ name: '一中参加的整治' });
    const notMine = await create({ name: '三中的整治', orgIds: [w.school2] });
    ok(await w.liaison.post(`/api/campaigns/${mine.id}/reports`, report(w.school1)));
    ok(await w.staff.post(`/api/campaigns/${mine.id}/reports`, report(w.school2)));
    const list = ok(await w.liaison.get('/api/my/campaigns'));
    const ids = list.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(notMine.id);
    const item = list.items.find((x: { id: string }) => x.id === mine.id);
    expect(item).toMatchObject({ myOrgs: [{ id: w.school1, name: '赣州市第一中学' }], myReports: 1, reports: 2 });
    expect(item).not.toHaveProperty('orgIds');
    expect(ok(await financeLiaison.get('/api/my/campaigns')).items).toEqual([]);
    // The office has no organizations of its own here.
    expect(ok(await w.staff.get('/api/my/campaigns')).items).toEqual([]);
  });
});
