import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeUser, type Session, TEST_PASSWORD } from '../../../test/helpers.ts';
import {
  archiveBorrows,
  archiveItems,
  auditLog,
  authorizations,
  feedbacks,
  governanceSettings,
  inspections,
  inspectors,
  reportVersions,
  teamMembers,
} from '../../db/schema/index.ts';
import { countWhere } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { buildGovernanceWorld, GOV_NOW, type GovWorld, ok } from './governance.fixture.ts';

// 档案: filing a published inspection (refused without the 全宗号 or before publication), catalogue
// numbers without gaps across filings and under concurrency, the items, the candidates, the
// catalogue workbook, the audited file, borrowing with an injected clock (overdue refuses the file),
// and an archived inspection refusing writes in planning, fieldwork, rectification and the dual
// reports. 401 / 403 / 404 / 400-writes-nothing per route.

let w: GovWorld;
let borrower: Session;
let borrowerName: string;
let borrower2: Session;
let member: Session;
/** Published inspections of the city's round; pub1 has report versions and a feedback. */
let pub1: string;
let pub2: string;
let pub3: string;
let pub4: string;
let pub5: string;
/** An authorized inspection (county's dual reports), published. */
let pubAuthorized: string;

const db = () => w.t.database.db;
const fileUrl = (id: string) => `/api/inspections/${id}/archive`;
const anon = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  w.t.app.inject(payload === undefined ? { method, url } : { method, url, payload });
const stageOf = async (id: string) =>
  (await db().select({ s: inspections.stage }).from(inspections).where(eq(inspections.id, id)))[0]?.s;
const itemsOf = (inspectionId: string) =>
  db().select().from(archiveItems).where(eq(archiveItems.inspectionId, inspectionId));
const audits = (action: string) => db().select().from(auditLog).where(eq(auditLog.action, action));

beforeAll(async () => {
  w = await buildGovernanceWorld();
  const now = w.t.clock.now();
  const published = { publishedDate: '2026-12-10' };
  pub1 = await w.inspection({ targetOrgIds: [w.finance], stage: 'published', dates: published });
  pub2 = await w.inspection({ targetOrgIds: [w.transport], stage: 'published', dates: published });
  pub3 = await w.inspection({ targetOrgIds: [w.school1], stage: 'published', dates: published });
  pub4 = await w.inspection({ targetOrgIds: [w.school2], stage: 'published', dates: published });
  pub5 = await w.inspection({ targetOrgIds: [w.eduBureau], stage: 'published', dates: published });
  pubAuthorized = await w.inspection({
    targetOrgIds: [w.countySchool],
    mode: 'authorized',
    authorizedAuthorityId: w.county,
    teamId: null,
    stage: 'published',
    dates: published,
  });
  // The documents the modules keep: the round's 一次一授权 decision, two saved versions of pub1's
  // report and its 反馈会.
  await db()
    .insert(authorizations)
    .values({
      id: uuidv7(),
      roundId: w.roundId,
      docNumber: '赣市巡组〔2026〕1号',
      decidedOn: '2026-10-22',
      taskDivision: '第一巡察组负责巡察市财政局等单位。',
      leaders: [{ teamId: w.teamId, teamName: '第一巡察组', leaderName: '周明一', deputyNames: [] }],
      createdAt: now,
    });
  for (const [number, savedAt] of [
    [1, '2026-11-18T10:00:00+08:00'],
    [2, '2026-11-21T10:00:00+08:00'],
  ] as const)
    await db()
      .insert(reportVersions)
      .values({
        id: uuidv7(),
        authorityId: w.city,
        inspectionId: pub1,
        number,
        overview: `市财政局党组总体情况（第${number}稿）。`,
        suggestions: ['压实主体责任'],
        topicReports: [],
        savedByName: '周明一',
        savedAt: new Date(savedAt),
      });
  await db()
    .insert(feedbacks)
    .values({
      id: uuidv7(),
      authorityId: w.city,
      termId: w.termId,
      roundId: w.roundId,
      inspectionId: pub1,
      orgId: w.finance,
      meetingDate: '2026-11-24',
      attendees: ['巡察组全体成员'],
      speakers: ['巡察组组长'],
      oneToOneOn: '2026-11-24',
      mainLeaderName: '王局长',
      copies: [],
      assignedMatterIds: [],
      createdAt: now,
      updatedAt: now,
    });
  // Signed in here (not through the world) to sign in again after the clock jumps past the loan.
  const b = await makeUser(w.t, { grants: [{ role: 'teamLeader', scopeId: w.city }], displayName: '借阅人甲' });
  borrowerName = b.username;
  borrower = await login(w.t, b.username, b.password);
  await borrower.reauth();
  borrower2 = await w.user([{ role: 'teamLeader', scopeId: w.city }], { displayName: '借阅人乙' });
  // A member of the team with an account, for the fieldwork write below.
  const m = await w.user([{ role: 'teamMember', scopeId: w.city }], { displayName: '郑组员' });
  const inspectorId = uuidv7();
  await db().insert(inspectors).values({
    id: inspectorId,
    authorityId: w.city,
    name: '郑组员',
    searchKey: '郑组员',
    gender: 'male',
    homeUnitName: '赣州市审计局',
    post: '科员',
    rank: '一级主任科员',
    politicalStatus: '中共党员',
    expertise: [],
    userId: m.id,
    createdAt: now,
    updatedAt: now,
  });
  await db()
    .insert(teamMembers)
    .values({ id: uuidv7(), teamId: w.teamId, inspectorId, role: 'member', createdAt: now });
  member = m;
});
afterAll(async () => w.t.close());

async function setFonds(fonds: string) {
  await db()
    .insert(governanceSettings)
    .values({ authorityId: w.city, value: { archiveFonds: fonds }, version: 1, updatedAt: w.t.clock.now() });
}

/** The 件号 of every item of the city under X001 in 2026, per class, in order. */
async function sequences() {
  const rows = await db()
    .select({ c: archiveItems.archiveClass, seq: archiveItems.seq })
    .from(archiveItems)
    .where(and(eq(archiveItems.authorityId, w.city), eq(archiveItems.fonds, 'X001'), eq(archiveItems.year, 2026)));
  const of = (c: string) =>
    rows
      .filter((r) => r.c === c)
      .map((r) => r.seq)
      .sort((a, b) => a - b);
  return { document: of('document'), business: of('business') };
}
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('filing', () => {
  it('refuses without access, without the 全宗号 and before publication, writing nothing', async () => {
    expect((await anon('POST', fileUrl(pub1), {})).statusCode).toBe(401);
    expect((await w.liaison.post(fileUrl(pub1), {})).statusCode).toBe(403);
    expect((await w.leader.post(fileUrl(pub1), {})).statusCode).toBe(403);
    expect((await w.recipient.post(fileUrl(pub1), {})).statusCode).toBe(403);
    expect((await w.countyStaff.post(fileUrl(pub1), {})).statusCode).toBe(404);
    expect((await w.staff.post(fileUrl(uuidv7()), {})).statusCode).toBe(404);
    expect((await w.staff.post('/api/inspections/not-a-uuid/archive', {})).statusCode).toBe(400);

    const files = await countWhere(db(), auditLog, eq(auditLog.action, 'governanceFile.upload'));
    const noFonds = await w.staff.post(fileUrl(pub1), {});
    expect(noFonds.statusCode).toBe(400);
    expect(noFonds.json().message).toBe('请先在巡察办设置中填写全宗号，再办理归档');
    expect(await countWhere(db(), archiveItems, undefined)).toBe(0);
    expect(await countWhere(db(), auditLog, eq(auditLog.action, 'governanceFile.upload'))).toBe(files);
    expect(await stageOf(pub1)).toBe('published');

    await setFonds('X001');
    const early = await w.staff.post(fileUrl(w.inspFinance), {});
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('巡察尚未完成整改结果公开，不能归档');
    expect(await countWhere(db(), archiveItems, undefined)).toBe(0);
    expect(await stageOf(w.inspFinance)).toBe('feedback');
  });

  it('files every document of the inspection with numbers, retention and sealed files, and archives it', async () => {
    const res = await w.staff.post(fileUrl(pub1), {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      inspectionId: pub1,
      filed: 5,
      firstNumber: 'X001-2026-WS-0001',
      lastNumber: 'X001-2026-YW-0001',
    });
    const items = await itemsOf(pub1);
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]));
    expect(Object.keys(byKind).sort()).toEqual(['authorization', 'feedback', 'plan', 'report', 'reportVersion']);
    // 文书档案 in the order of their dates: plan (round approved 10-20), authorization (10-22),
    // the final report (saved 11-21), the feedback (11-24); the superseded version is 业务档案.
    expect(
      items
        .filter((i) => i.archiveClass === 'document')
        .sort((a, b) => a.seq - b.seq)
        .map((i) => [i.kind, i.catalogueNumber]),
    ).toEqual([
      ['plan', 'X001-2026-WS-0001'],
      ['authorization', 'X001-2026-WS-0002'],
      ['report', 'X001-2026-WS-0003'],
      ['feedback', 'X001-2026-WS-0004'],
    ]);
    expect(byKind.reportVersion).toMatchObject({ archiveClass: 'business', catalogueNumber: 'X001-2026-YW-0001' });
    expect(byKind.report).toMatchObject({ retention: 'permanent', docDate: '2026-11-21', filedOn: '2026-12-15' });
    expect(byKind.report?.title).toBe('关于对赣州市财政局党组织的巡察情况报告（第2稿）');
    expect(byKind.reportVersion?.retention).toBe('years10');
    expect(byKind.plan?.retention).toBe('years30');
    expect(byKind.feedback?.title).toBe('关于巡察赣州市财政局党组织的反馈意见');
    expect(items.every((i) => i.fileId !== null && i.termId === w.termId)).toBe(true);
    expect(await stageOf(pub1)).toBe('archived');
    const row = (await db().select().from(inspections).where(eq(inspections.id, pub1)))[0];
    expect(row?.archivedDate).toBe('2026-12-15');
    expect((await audits('archive.file')).map((a) => a.objectId)).toEqual([pub1]);
    // Filing it again: the file is closed.
    const again = await w.staff.post(fileUrl(pub1), {});
    expect(again.statusCode).toBe(409);
    expect(await countWhere(db(), archiveItems, undefined)).toBe(5);
  });

  it('continues the numbers across filings; of two filings at once one answers 409; no gaps', async () => {
    const [a, b] = await Promise.all([w.staff.post(fileUrl(pub2), {}), w.staff.post(fileUrl(pub2), {})]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const won = a.statusCode === 200 ? a : b;
    expect(won.json()).toMatchObject({ filed: 2, firstNumber: 'X001-2026-WS-0005', lastNumber: 'X001-2026-WS-0006' });
    expect(await itemsOf(pub2)).toHaveLength(2);
    // Two inspections filed at once share the run without a hole or a double.
    const [c, d] = await Promise.all([w.staff.post(fileUrl(pub3), {}), w.staff.post(fileUrl(pub4), {})]);
    expect([c.statusCode, d.statusCode]).toEqual([200, 200]);
    const seqs = await sequences();
    expect(seqs.document).toEqual(oneToN(10));
    expect(seqs.business).toEqual(oneToN(1));
    expect((await audits('archive.file')).length).toBe(4);
  });
});

describe('items, candidates and the catalogue', () => {
  it('lists the items by the filters, paged, within the caller’s authorities', async () => {
    const url = '/api/archive/items';
    expect((await anon('GET', url)).statusCode).toBe(401);
    expect((await w.leader.get(url)).statusCode).toBe(403);
    expect((await w.liaison.get(url)).statusCode).toBe(403);
    expect((await w.staff.get(`${url}?archiveClass=paper`)).statusCode).toBe(400);
    expect((await w.staff.get(`${url}?cursor=bad`)).statusCode).toBe(400);
    expect(ok(await w.countyStaff.get(url)).total).toBe(0);
    expect((await w.countyStaff.get(`${url}?termId=${w.termId}`)).statusCode).toBe(404);

    expect(ok(await w.staff.get(`${url}?inspectionId=${pub1}`)).total).toBe(5);
    expect(ok(await w.staff.get(`${url}?archiveClass=business`)).items.map((i: { kind: string }) => i.kind)).toEqual([
      'reportVersion',
    ]);
    expect(ok(await w.staff.get(`${url}?kind=plan&year=2026&termId=${w.termId}`)).total).toBe(4);
    expect(ok(await w.staff.get(`${url}?q=${encodeURIComponent('WS-0003')}`)).items[0].kind).toBe('report');
    expect(ok(await w.staff.get(`${url}?year=2025`)).total).toBe(0);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = ok(await w.staff.get(`${url}?limit=4${cursor ? `&cursor=${cursor}` : ''}`));
      expect(page.total).toBe(11);
      seen.push(...page.items.map((i: { catalogueNumber: string }) => i.catalogueNumber));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(11);
    expect(seen.slice(0, 2)).toEqual(['X001-2026-WS-0001', 'X001-2026-WS-0002']);
    expect(seen[10]).toBe('X001-2026-YW-0001');
  });

  it('lists the inspections that may be filed and those filed', async () => {
    const url = '/api/archive/inspections';
    expect((await anon('GET', url)).statusCode).toBe(401);
    expect((await w.leader.get(url)).statusCode).toBe(403);
    expect((await w.staff.get(`${url}?archived=yes`)).statusCode).toBe(400);
    const filed = ok(await w.staff.get(`${url}?archived=true`));
    expect(filed.total).toBe(4);
    const one = filed.items.find((i: { inspectionId: string }) => i.inspectionId === pub1);
    expect(one).toMatchObject({ stage: 'archived', archivedDate: '2026-12-15', items: 5, problem: null });
    const open = ok(await w.staff.get(`${url}?archived=false&termId=${w.termId}`));
    expect(open.items.map((i: { inspectionId: string }) => i.inspectionId).sort()).toEqual(
      [pub5, pubAuthorized].sort(),
    );
    expect(open.items.find((i: { inspectionId: string }) => i.inspectionId === pub5)).toMatchObject({
      stage: 'published',
      items: 2,
      problem: null,
    });
    const paged = ok(await w.staff.get(`${url}?limit=2`));
    expect(paged.items).toHaveLength(2);
    const rest = ok(await w.staff.get(`${url}?limit=10&cursor=${paged.nextCursor}`));
    expect(rest.items).toHaveLength(4);
    expect(ok(await w.countyStaff.get(url)).total).toBe(0);
  });

  it('exports the catalogue as a workbook that opens and lists the items', async () => {
    const url = `/api/archive/catalogue.xlsx?inspectionId=${pub1}`;
    expect((await anon('GET', url)).statusCode).toBe(401);
    expect((await w.leader.get(url)).statusCode).toBe(403);
    expect((await w.staff.get('/api/archive/catalogue.xlsx')).statusCode).toBe(400);
    expect((await w.staff.get(`/api/archive/catalogue.xlsx?inspectionId=${pub1}&termId=${w.termId}`)).statusCode).toBe(
      400,
    );
    await w.countyStaff.reauth();
    expect((await w.countyStaff.get(url)).statusCode).toBe(404);
    const res = await w.staff.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    for (const h of ['目录号', '题名', '文件日期', '门类', '保管期限', '页数', '备注']) expect(header).toContain(h);
    const col = (h: string) => header.indexOf(h) + 1;
    const rows = [];
    for (let r = 4; r <= ws.rowCount; r++) rows.push(ws.getRow(r));
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.getCell(col('目录号')).text)).toEqual([
      'X001-2026-WS-0001',
      'X001-2026-WS-0002',
      'X001-2026-WS-0003',
      'X001-2026-WS-0004',
      'X001-2026-YW-0001',
    ]);
    expect(rows[2]?.getCell(col('保管期限')).text).toBe('永久');
    expect(rows[2]?.getCell(col('门类')).text).toBe('文书档案');
    const term = await w.staff.get(`/api/archive/catalogue.xlsx?termId=${w.termId}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(term.rawPayload as unknown as ArrayBuffer);
    expect((wb2.worksheets[0] as ExcelJS.Worksheet).rowCount).toBe(3 + 11);
  });

  it('gives the office a filed file, audited; anyone else without a loan gets 404', async () => {
    const [item] = (await itemsOf(pub1)).filter((i) => i.kind === 'report');
    const url = `/api/archive/items/${item?.id}/file`;
    expect((await anon('GET', url)).statusCode).toBe(401);
    expect((await w.liaison.get(url)).statusCode).toBe(403);
    expect((await w.countyStaff.get(url)).statusCode).toBe(404);
    expect((await borrower.get(url)).statusCode).toBe(404);
    expect((await w.staff.get(`/api/archive/items/${uuidv7()}/file`)).statusCode).toBe(404);
    const res = await w.staff.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const reads = await audits('archive.item.read');
    expect(reads.map((a) => a.objectId)).toEqual([item?.id]);
  });
});

describe('borrowing', () => {
  it('requests, decides (versioned), lends the file until it is overdue or returned', async () => {
    const [item, other] = (await itemsOf(pub1)).sort((a, b) => a.catalogueNumber.localeCompare(b.catalogueNumber));
    const body = { itemIds: [item?.id], reason: '查阅巡察报告以准备回头看', until: '2026-12-20' };
    const url = '/api/archive/borrows';
    expect((await anon('POST', url, body)).statusCode).toBe(401);
    expect((await w.liaison.post(url, body)).statusCode).toBe(403);
    expect((await w.countyStaff.post(url, body)).statusCode).toBe(404);
    expect((await borrower.post(url, { ...body, reason: '看' })).statusCode).toBe(400);
    expect((await borrower.post(url, { ...body, itemIds: [] })).statusCode).toBe(400);
    const late = await borrower.post(url, { ...body, until: '2027-02-01' });
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toBe('借阅期限不能超过30天（最晚2027-01-14归还）');
    expect((await borrower.post(url, { ...body, until: '2026-12-01' })).statusCode).toBe(400);
    expect(await countWhere(db(), archiveBorrows, undefined)).toBe(0);

    const created = await borrower.post(url, body);
    expect(created.statusCode, created.body).toBe(201);
    const loan = created.json();
    expect(loan).toMatchObject({ status: 'requested', requestedByName: '借阅人甲', overdue: false, version: 1 });
    expect(loan.items).toEqual([{ id: item?.id, catalogueNumber: item?.catalogueNumber, title: item?.title }]);
    const file = `/api/archive/items/${item?.id}/file`;
    expect((await borrower.get(file)).statusCode).toBe(404);

    // Lists: the office sees its authorities' requests, a borrower only its own.
    expect((await anon('GET', url)).statusCode).toBe(401);
    expect((await w.liaison.get(url)).statusCode).toBe(403);
    expect((await borrower.get(`${url}?status=lost`)).statusCode).toBe(400);
    expect(ok(await borrower.get(url)).total).toBe(1);
    expect(ok(await borrower2.get(url)).total).toBe(0);
    expect(ok(await w.staff.get(`${url}?status=requested`)).total).toBe(1);
    expect(ok(await w.staff.get(`${url}?mine=true`)).total).toBe(0);

    // The decision: an office leader only, a reason to refuse, the version read.
    const decide = `${url}/${loan.id}/decide`;
    expect((await anon('POST', decide, { version: 1, decision: 'approve' })).statusCode).toBe(401);
    expect((await w.staff.post(decide, { version: 1, decision: 'approve' })).statusCode).toBe(403);
    expect((await borrower.post(decide, { version: 1, decision: 'approve' })).statusCode).toBe(403);
    const refuse = await w.officeLeader.post(decide, { version: 1, decision: 'reject' });
    expect(refuse.statusCode).toBe(400);
    expect(refuse.json().message).toBe('不批准须说明理由');
    expect(
      (await w.officeLeader.post(`${url}/${uuidv7()}/decide`, { version: 1, decision: 'approve' })).statusCode,
    ).toBe(404);
    const countyLeader = await w.user([{ role: 'officeLeader', scopeId: w.county }]);
    expect((await countyLeader.post(decide, { version: 1, decision: 'approve' })).statusCode).toBe(404);
    expect((await w.officeLeader.post(decide, { version: 0, decision: 'approve' })).statusCode).toBe(409);
    const [p, q] = await Promise.all([
      w.officeLeader.post(decide, { version: 1, decision: 'approve', comment: '同意' }),
      w.officeLeader.post(decide, { version: 1, decision: 'approve', comment: '同意' }),
    ]);
    expect([p.statusCode, q.statusCode].sort()).toEqual([200, 409]);
    const approved = (p.statusCode === 200 ? p : q).json();
    expect(approved).toMatchObject({
      status: 'approved',
      decidedByName: expect.any(String),
      comment: '同意',
      version: 2,
    });
    expect((await audits('archive.borrow.decide')).map((a) => a.objectId)).toEqual([loan.id]);

    // The loan opens the listed item only, to the borrower only.
    await borrower.reauth();
    await borrower2.reauth();
    const read = await borrower.get(file);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = (await audits('archive.item.read')).at(-1);
    expect(audit?.detail).toMatchObject({ borrowId: loan.id });
    expect((await borrower.get(`/api/archive/items/${other?.id}/file`)).statusCode).toBe(404);
    expect((await borrower2.get(file)).statusCode).toBe(404);

    // After the return date the loan is overdue and the file is refused (a new sign-in: the days
    // passed end the earlier session).
    w.t.clock.set('2026-12-21T09:00:00+08:00');
    try {
      const later = await login(w.t, borrowerName, TEST_PASSWORD);
      await later.reauth();
      expect(ok(await later.get(url)).items[0].overdue).toBe(true);
      const overdue = await later.get(file);
      expect(overdue.statusCode).toBe(403);
      expect(overdue.json().message).toBe('借阅已逾期，不能再查阅该档案，请先办理归还');
    } finally {
      w.t.clock.set(GOV_NOW);
    }

    // The return: the borrower (or the office); then the file is closed to the borrower again.
    const ret = `${url}/${loan.id}/return`;
    expect((await anon('POST', ret, { version: 2 })).statusCode).toBe(401);
    expect((await w.liaison.post(ret, { version: 2 })).statusCode).toBe(403);
    expect((await borrower2.post(ret, { version: 2 })).statusCode).toBe(404);
    expect((await borrower.post(ret, { version: 1 })).statusCode).toBe(409);
    const back = ok(await borrower.post(ret, { version: 2 }));
    expect(back).toMatchObject({ status: 'returned', overdue: false, version: 3 });
    expect(back.returnedAt).not.toBeNull();
    await borrower.reauth();
    expect((await borrower.get(file)).statusCode).toBe(404);
    const twice = await borrower.post(ret, { version: 3 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('借阅申请已归还，不能办理“归还”');
  });
});

describe('an archived inspection is read-only', () => {
  it('refuses writes with 409 in planning, fieldwork, rectification and the dual reports', async () => {
    const findingId = await w.finding({ inspectionId: pub1, orgId: w.finance, sector: '财政金融' });
    const dual = `/api/inspections/${pubAuthorized}/dual-report`;
    const view = ok(await w.countyStaff.get(dual));
    ok(await w.staff.post(fileUrl(pubAuthorized), {}));
    expect(await stageOf(pubAuthorized)).toBe('archived');

    const version = (await db().select().from(inspections).where(eq(inspections.id, pub1)))[0]?.version as number;
    const edit = await w.staff.patch(`/api/inspections/${pub1}`, { version, plannedExitDate: '2026-11-21' });
    expect(edit.statusCode).toBe(409);

    const activity = await member.post(`/api/inspections/${pub1}/activities`, {
      kind: 'documentReview',
      date: '2026-11-10',
      count: 3,
    });
    expect(activity.statusCode).toBe(409);
    expect(activity.json().message).toContain('归档');

    const task = await w.staff.post(`/api/findings/${findingId}/tasks`, {
      kind: 'timeLimited',
      measures: '修订财务管理制度。',
      responsibleLeader: '张书记',
      responsibleDept: '办公室',
      deadline: '2027-03-31',
    });
    expect(task.statusCode).toBe(409);
    expect(task.json().message).toContain('归档');

    const report = await w.countyStaff.put(`${dual}/countyCommittee`, {
      version: view.version,
      on: '2026-12-01',
      docTitle: '关于授权巡察情况的报告',
    });
    expect(report.statusCode).toBe(409);
    expect(report.json().message).toContain('归档');
  });
});
