import fs from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JPEG } from '../../../test/fixtures.ts';
import {
  buildLoggedTestApp,
  login,
  loginAs,
  makeAuthority,
  makeOrg,
  makeUser,
  petitionsFound,
  planInspection,
  publicCodeOf,
  SEARCHABLE_CALL,
  SEARCHABLE_CALL_WORDS,
  type Session,
  submissionMultipart,
  type TestContext,
} from '../../../test/helpers.ts';
import { auditLog, inspectors, petitionFiles, petitions, teamMembers } from '../../db/schema/index.ts';
import { backupTo, openBackup } from '../../ops/backup.ts';
import { rowsOf } from '../../platform/db.ts';
import { cleanFile } from '../../platform/files.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { memoryKeyRing } from '../../platform/keys.ts';

let t: TestContext;
let logs: () => string;
const NOW = '2026-11-27T10:00:00+08:00';

const multipart = (data: unknown, files: { name: string; body: Buffer }[]) =>
  submissionMultipart(data, files, 'image/jpeg');

const report = (over: Record<string, unknown> = {}) => ({
  anonymous: true,
  subjectName: '王某某',
  subjectPost: '副局长',
  content: '该局副局长王某某长期违规使用公车办私事，并在节假日收受下属单位购物卡。',
  happenedWhen: '2026年上半年',
  place: '局机关',
  ...over,
});

async function inspectorOnTeam(authorityId: string, teamId: string | null, userId: string, homeOrgId: string | null) {
  const id = uuidv7();
  await t.database.db.insert(inspectors).values({
    id,
    authorityId,
    name: `组员${id.slice(-4)}`,
    searchKey: `组员${id.slice(-4)}`,
    gender: 'male',
    homeOrgId,
    homeUnitName: '某单位',
    post: '科员',
    rank: '一级科员',
    politicalStatus: '中共党员',
    expertise: [],
    userId,
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
  if (teamId)
    await t.database.db
      .insert(teamMembers)
      .values({ id: uuidv7(), teamId, inspectorId: id, role: 'member', createdAt: t.clock.now() });
}

beforeAll(async () => {
  ({ t, logs } = await buildLoggedTestApp({
    trustProxy: true,
    publicUploadMaxBytes: 64 * 1024,
    publicRateLimitPerMinute: 50,
  }));
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set(NOW));

let worlds = 0;

/**
 * An office of the test's own with an inspection of 赣州市财政局 by 第一巡察组 (on site 2026-11-20 to
 * 2027-01-15), a 第二巡察组 in the same round, and the people around it: the office, a member of
 * the team, a member who comes from the inspected organization, a member of the other team, the
 * organization's liaison and a county office. `pub` reaches the public routes from an address of
 * the test's own, so the per-client limits count only its own requests.
 */
async function world() {
  const n = ++worlds;
  const ip = `10.77.${Math.floor(n / 200)}.${(n % 200) + 1}`;
  const city = await makeAuthority(t, { name: '赣州市委巡察办' });
  const county = await makeAuthority(t, { name: '南康区委巡察办', parentAuthorityId: city });
  const target = await makeOrg(t, { authorityId: city, name: '赣州市财政局', kind: '市直单位', sector: '财政金融' });
  const other = await makeOrg(t, { authorityId: city, name: '赣州市商务局', kind: '市直单位', sector: '经济发展' });
  const staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
  const leader = await loginAs(t, { role: 'officeLeader', scopeId: city });
  const countyStaff = await loginAs(t, { role: 'officeStaff', scopeId: county });
  const planned = await planInspection(staff, {
    authorityId: city,
    targetOrgIds: [target],
    plannedEntryDate: '2026-11-20',
    plannedExitDate: '2027-01-15',
  });
  const team2Res = await staff.post('/api/teams', { roundId: planned.roundId, name: '第二巡察组' });
  expect(team2Res.statusCode, team2Res.body).toBe(201);
  const team2 = team2Res.json().id as string;
  const [m, a, o, l] = await Promise.all([
    makeUser(t, { grants: [{ role: 'teamMember', scopeId: city }] }),
    makeUser(t, { grants: [{ role: 'teamMember', scopeId: city }] }),
    makeUser(t, { grants: [{ role: 'teamMember', scopeId: city }] }),
    makeUser(t, { orgId: target, grants: [{ role: 'targetLiaison', scopeType: 'organization', scopeId: target }] }),
  ]);
  await inspectorOnTeam(city, planned.teamId, m.id, other);
  await inspectorOnTeam(city, planned.teamId, a.id, target);
  await inspectorOnTeam(city, team2, o.id, null);
  const pub = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      headers: { 'x-forwarded-for': ip, ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return {
    ip,
    pub,
    city,
    target,
    other,
    inspectionId: planned.inspectionId,
    roundId: planned.roundId,
    team2,
    staff,
    leader,
    countyStaff,
    member: await login(t, m.username, m.password), // on the team
    affiliated: await login(t, a.username, a.password), // on the team, but comes from the inspected organization
    outsider: await login(t, o.username, o.password), // a member of the other team
    liaison: await login(t, l.username, l.password), // the inspected organization's own contact
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** The world's QR code for its target (made on first request). */
async function codeOf(w: World): Promise<string> {
  return publicCodeOf(w.staff, w.inspectionId);
}

/** The files of the world's petitions. */
async function filesOf(w: World) {
  const mine = t.database.db
    .select({ id: petitions.id })
    .from(petitions)
    .where(eq(petitions.inspectionId, w.inspectionId));
  return t.database.db.select().from(petitionFiles).where(inArray(petitionFiles.petitionId, mine));
}

/** A report through the code, as a member of the public sends it; answers its receipt. */
async function reportVia(w: World, code: string, body = report(), headers: Record<string, string> = {}) {
  const res = await w.pub('POST', `/api/public/codes/${code}/reports`, body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().receipt as string;
}

/** The world's petitions of one channel (the store keeps no time of arrival to order them by). */
async function petitionsOf(w: World, channel: string) {
  return t.database.db
    .select()
    .from(petitions)
    .where(and(eq(petitions.inspectionId, w.inspectionId), eq(petitions.channel, channel)));
}

const ANNOUNCEMENT = {
  version: 0,
  periodFrom: '2026-11-20',
  periodTo: '2027-01-15',
  scope: '受理反映领导班子及其成员违反六大纪律问题的来信来电来访。',
  phone: '0797-8888888',
  mailbox: '赣州市A001号邮政信箱',
};

const LETTER = (orgId: string) => ({
  channel: 'letter',
  orgId,
  anonymous: true,
  content: '来信反映：局属某中心违规发放津贴补贴，涉及金额较大。',
  receivedOn: '2026-11-25',
});

describe('QR codes and the announcement', () => {
  it('401, 403 for a team member, 404 for another office, then one stable code per target', async () => {
    const { pub, inspectionId, member, countyStaff, staff, target } = await world();
    expect((await pub('GET', `/api/inspections/${inspectionId}/public-codes`)).statusCode).toBe(401);
    expect((await member.get(`/api/inspections/${inspectionId}/public-codes`)).statusCode).toBe(403);
    expect((await countyStaff.get(`/api/inspections/${inspectionId}/public-codes`)).statusCode).toBe(404);
    const res = await staff.get(`/api/inspections/${inspectionId}/public-codes`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ orgId: target, open: true, orgName: '赣州市财政局' });
    const code = items[0].code;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(items[0].url).toMatch(new RegExp(`/p/${code}$`));
    expect((await staff.get(`/api/inspections/${inspectionId}/public-codes`)).json().items[0].code).toBe(code);
    const png = await staff.get(`/api/public-codes/${code}/qr.png`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('the announcement: 400 writes nothing, then saved with a version and shown on the landing page', async () => {
    const w = await world();
    const { pub, staff, inspectionId } = w;
    const code = await codeOf(w);
    const body = ANNOUNCEMENT;
    const bad = await staff.put(`/api/inspections/${inspectionId}/announcement`, { ...body, periodTo: '2026-11-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('结束日期');
    expect((await pub('GET', `/api/public/codes/${code}`)).json().announcement).toBeNull();
    const ok = await staff.put(`/api/inspections/${inspectionId}/announcement`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(1);
    expect((await staff.put(`/api/inspections/${inspectionId}/announcement`, body)).statusCode).toBe(409);
    const land = await pub('GET', `/api/public/codes/${code}`);
    expect(land.statusCode).toBe(200);
    expect(land.json()).toMatchObject({ open: true, authorityName: '赣州市委巡察办', orgName: '赣州市财政局' });
    expect(land.json().announcement.phone).toBe('0797-8888888');
    expect(land.headers['cache-control']).toBe('no-store');
    expect(land.headers['referrer-policy']).toBe('no-referrer');
    expect(land.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await pub('GET', '/api/public/codes/ZZZZZZZZ')).statusCode).toBe(404);
  });

  it('the poster, as .docx and as content for the .png, after re-authentication; each handed out is audited', async () => {
    const w = await world();
    const { staff, countyStaff, inspectionId } = w;
    const code = await codeOf(w);
    const announced = await staff.put(`/api/inspections/${inspectionId}/announcement`, ANNOUNCEMENT);
    expect(announced.statusCode, announced.body).toBe(200);
    expect((await staff.get(`/api/public-codes/${code}/poster`)).json().code).toBe('REAUTH_REQUIRED');
    await Promise.all([staff.reauth(), countyStaff.reauth()]);
    expect((await countyStaff.get(`/api/public-codes/${code}/poster`)).statusCode).toBe(404);
    const doc = await staff.get(`/api/public-codes/${code}/poster.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const res = await staff.get(`/api/public-codes/${code}/poster`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ heading: '赣州市委第一巡察组', orgName: '赣州市财政局', date: '2026年11月20日' });
    expect(p.paragraphs[0]).toBe(
      '根据赣州市委统一部署，第一巡察组于2026年11月20日至2027年1月15日对赣州市财政局党组织开展巡察。',
    );
    expect(p.paragraphs.join('')).toContain('举报电话：0797-8888888；邮政信箱：赣州市A001号邮政信箱。');
    expect(p.url).toMatch(new RegExp(`/p/${code}$`));
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'publicCode.poster'), eq(auditLog.actorId, staff.userId)));
    expect(audits.map((a) => (a.detail as { format: string }).format).sort()).toEqual(['docx', 'png']);
    expect(audits.map((a) => a.objectId)).toContain(p.serial);
  });

  it('a closed code shows a polite page and refuses reports; reopening restores it', async () => {
    const w = await world();
    const { pub, staff } = w;
    const code = await codeOf(w);
    expect((await staff.patch(`/api/public-codes/${code}`, { open: false })).json().open).toBe(false);
    const land = (await pub('GET', `/api/public/codes/${code}`)).json();
    expect(land).toMatchObject({ open: false, announcement: null, orgName: null });
    expect((await pub('POST', `/api/public/codes/${code}/reports`, report())).statusCode).toBe(409);
    expect((await staff.patch(`/api/public-codes/${code}`, { open: true })).json().open).toBe(true);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'publicCode.close'), eq(auditLog.actorId, staff.userId)));
    expect(audit).toHaveLength(1);
  });
});

describe('reports and receipts', () => {
  it('bad input answers 400 in Chinese and writes nothing', async () => {
    const w = await world();
    const { pub } = w;
    const code = await codeOf(w);
    const before = (await t.database.db.select().from(petitions)).length;
    const r1 = await pub('POST', `/api/public/codes/${code}/reports`, report({ content: '太短' }));
    expect(r1.statusCode).toBe(400);
    expect(r1.json().message).toMatch(/[\u4e00-\u9fff]/);
    const r2 = await pub('POST', `/api/public/codes/${code}/reports`, report({ anonymous: false }));
    expect(r2.statusCode).toBe(400);
    expect(r2.json().message).toContain('实名');
    const r3 = await pub('POST', `/api/public/codes/${code}/reports`, report({ ip: '1.2.3.4' }));
    expect(r3.statusCode).toBe(400);
    expect((await t.database.db.select().from(petitions)).length).toBe(before);
  });

  it('a report gets a 20-digit receipt stored only as its slow hash; nothing identifying is stored or logged', async () => {
    const w = await world();
    const code = await codeOf(w);
    const ua = 'Mozilla/5.0 DistinctiveProbeAgent/7.31';
    const ip = '203.0.113.177';
    const res = await w.pub('POST', `/api/public/codes/${code}/reports`, report(), {
      'user-agent': ua,
      'x-forwarded-for': ip,
    });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json().receipt;
    expect(receipt).toMatch(/^\d{20}$/);
    const rows = await petitionsOf(w, 'qr');
    expect(rows).toHaveLength(1);
    const row = rows[0];
    if (!row) throw new Error('no row');
    expect(row.receiptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.receiptHash).not.toContain(receipt);
    expect(row.receivedOn).toBe('2026-11-27');
    // A random (v4) id: a v7 id would carry the time of the report.
    expect(row.id[14]).toBe('4');
    const file = `/tmp/xc-petitions-dump-${process.pid}.bak`;
    const keys = memoryKeyRing();
    await backupTo(t.database, file, keys);
    const dump = JSON.stringify(openBackup(fs.readFileSync(file), keys));
    fs.rmSync(file);
    // Sealed at rest: the dump holds ciphertext, not the report's words.
    expect(dump).not.toContain('违规使用公车');
    for (const needle of [ip, ua, 'DistinctiveProbeAgent', receipt]) {
      expect(dump).not.toContain(needle);
      expect(logs()).not.toContain(needle);
    }
    expect(logs()).not.toContain('违规使用公车');
  });

  it('the right receipt opens only its own report; wrong receipts answer 404 and then 429', async () => {
    const w = await world();
    const { pub } = w;
    const code = await codeOf(w);
    const receipt = await reportVia(w, code);
    const second = await pub(
      'POST',
      `/api/public/codes/${code}/reports`,
      report({ content: '另一件事：某科室长期迟到早退，工作作风散漫，群众办事难。' }),
    );
    expect(second.statusCode).toBe(201);
    const view = await pub('POST', '/api/public/receipts', { receipt: receipt.replace(/(\d{4})/g, '$1 ') });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().content).toContain('违规使用公车');
    expect(view.body).not.toContain('迟到早退');
    expect(view.json().statusLabel).toBe('已收到，正在处理');
    const h = { 'x-forwarded-for': '198.51.100.9' };
    const wrong = `${receipt.slice(0, 19)}${(Number(receipt[19]) + 1) % 10}`;
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await pub('POST', '/api/public/receipts', { receipt: wrong }, h)).statusCode);
    expect(codes.slice(0, 4)).toEqual([404, 404, 404, 404]);
    expect(codes.slice(4)).toEqual([429, 429]);
    // Even the right receipt is refused from that client until the window passes.
    expect((await pub('POST', '/api/public/receipts', { receipt }, h)).statusCode).toBe(429);
    t.clock.advance(16 * 60_000);
    expect((await pub('POST', '/api/public/receipts', { receipt }, h)).statusCode).toBe(200);
  });

  it('the same Idempotency-Key and body answer the same receipt and write one row', async () => {
    const w = await world();
    const { pub } = w;
    const code = await codeOf(w);
    const before = (await t.database.db.select().from(petitions)).length;
    const h = { 'idempotency-key': 'k-1' };
    const body = report({ content: '重复提交测试：某站所收费不开票，群众反映强烈。' });
    const [a, b] = await Promise.all([
      pub('POST', `/api/public/codes/${code}/reports`, body, h),
      pub('POST', `/api/public/codes/${code}/reports`, body, h),
    ]);
    expect(a.statusCode).toBe(201);
    expect(b.json().receipt).toBe(a.json().receipt);
    expect((await t.database.db.select().from(petitions)).length).toBe(before + 1);
    expect((await pub('POST', `/api/public/codes/${code}/reports`, report(), h)).statusCode).toBe(409);
  });

  it('uploads: HTML named .jpg → 415, a path-traversal name is stored under a random id, oversize → 413', async () => {
    const w = await world();
    const { pub, staff } = w;
    const code = await codeOf(w);
    const before = (await t.database.db.select().from(petitions)).length;
    const html = multipart(report(), [
      { name: 'photo.jpg', body: Buffer.from('<html><script>alert(1)</script></html>') },
    ]);
    const r1 = await pub('POST', `/api/public/codes/${code}/reports`, html.payload, html.headers);
    expect(r1.statusCode, r1.body).toBe(415);
    expect(r1.json().message).toContain('格式');
    const big = multipart(report(), [{ name: 'big.jpg', body: Buffer.concat([JPEG, Buffer.alloc(70 * 1024)]) }]);
    expect((await pub('POST', `/api/public/codes/${code}/reports`, big.payload, big.headers)).statusCode).toBe(413);
    expect((await t.database.db.select().from(petitions)).length).toBe(before);
    const trav = multipart(report({ content: '附件测试：现场照片显示违规建设办公用房，超标准装修。' }), [
      { name: '../../../etc/passwd.jpg', body: JPEG },
    ]);
    const r3 = await pub('POST', `/api/public/codes/${code}/reports`, trav.payload, trav.headers);
    expect(r3.statusCode, r3.body).toBe(201);
    const files = await filesOf(w);
    expect(files).toHaveLength(1);
    const f = files[0];
    expect(f?.nameEnc).not.toContain('passwd');
    expect(f?.mime).toBe('image/jpeg');
    expect(f?.id).toMatch(/^[0-9a-f-]{36}$/);
    const view = (await pub('POST', '/api/public/receipts', { receipt: r3.json().receipt })).json();
    expect(view.files).toEqual([{ name: 'passwd.jpg', size: cleanFile(JPEG).data.length, kind: 'image' }]);
    const dl = await staff.get(`/api/petition-files/${f?.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
  });

  it('visibility: the office and the team see it; the reported organization and an affiliated member get 404', async () => {
    const w = await world();
    const { pub, staff, member, affiliated, outsider, liaison, countyStaff, inspectionId } = w;
    const code = await codeOf(w);
    await reportVia(w, code);
    const [first] = await petitionsOf(w, 'qr');
    const petitionId = first?.id as string;
    await reportVia(w, code, report({ content: '另一件事：某科室长期迟到早退，工作作风散漫，群众办事难。' }));
    await reportVia(w, code, report({ content: '第三件事：某站所收费不开票，群众反映强烈，希望巡察组核实。' }));
    expect((await pub('GET', `/api/petitions/${petitionId}`)).statusCode).toBe(401);
    expect((await staff.get(`/api/petitions/${petitionId}`)).statusCode).toBe(200);
    expect((await member.get(`/api/petitions/${petitionId}`)).statusCode).toBe(200);
    for (const s of [affiliated, outsider, liaison, countyStaff]) {
      expect((await s.get(`/api/petitions/${petitionId}`)).statusCode).toBe(404);
      const list = await s.get('/api/petitions');
      expect([200, 404]).toContain(list.statusCode);
      if (list.statusCode === 200) expect(list.json().total).toBe(0);
    }
    expect((await member.get(`/api/petitions?inspectionId=${inspectionId}`)).json().total).toBeGreaterThan(2);
    const reads = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'petition.read'), eq(auditLog.objectId, petitionId)));
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('triage: 400 on bad input, conditional moves (one 200, one 409), reply read with the receipt, additions', async () => {
    const w = await world();
    const { pub, staff, member } = w;
    const receipt = await reportVia(w, await codeOf(w));
    const petitionId = (await petitionsOf(w, 'qr'))[0]?.id as string;
    const bad = await member.post(`/api/petitions/${petitionId}/triage`, { version: 1, to: 'accepted' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('纪律');
    const [a, b] = await Promise.all([
      member.post(`/api/petitions/${petitionId}/triage`, {
        version: 1,
        to: 'accepted',
        discipline: 'integrity',
        keyPost: true,
      }),
      staff.post(`/api/petitions/${petitionId}/triage`, { version: 1, to: 'forwarded', forwardTo: '市信访局' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const reply = await member.post(`/api/petitions/${petitionId}/replies`, {
      body: '您反映的问题已收悉，巡察组正在核实，感谢您的监督。',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const view = (await pub('POST', '/api/public/receipts', { receipt })).json();
    expect(view.messages).toHaveLength(1);
    expect(view.messages[0]).toMatchObject({
      from: 'team',
      body: '您反映的问题已收悉，巡察组正在核实，感谢您的监督。',
    });
    expect(JSON.stringify(view)).not.toMatch(/测试用户|inspectionId|orgId/);
    const add = await pub('POST', '/api/public/receipts/messages', {
      receipt,
      body: '补充：购物卡是在2026年春节前收到的。',
    });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json().messages).toHaveLength(2);
    const detail = (await member.get(`/api/petitions/${petitionId}`)).json();
    expect(detail.newFromReporter).toBe(1);
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['答复']));
  });

  it('named reports: identity encrypted at rest, opened only after re-authentication, audited', async () => {
    const w = await world();
    const { member, leader } = w;
    const code = await codeOf(w);
    const named = report({ anonymous: false, reporterName: '陈晓明', reporterPhone: '13907970001' });
    const res = await w.pub('POST', `/api/public/codes/${code}/reports`, named);
    expect(res.statusCode, res.body).toBe(201);
    const raw = rowsOf<Record<string, unknown>>(
      await t.database.db.execute(
        sql`select row_to_json(p)::text as j from petitions p where anonymous = false and inspection_id = ${w.inspectionId}`,
      ),
    );
    expect(raw).toHaveLength(1);
    const json = String(raw[0]?.j);
    expect(json).not.toContain('陈晓明');
    expect(json).not.toContain('13907970001');
    const id = (await petitionsOf(w, 'qr')).find((p) => !p.anonymous)?.id as string;
    expect((await member.post(`/api/petitions/${id}/identity`)).statusCode).toBe(404);
    const need = await leader.post(`/api/petitions/${id}/identity`);
    expect(need.statusCode).toBe(401);
    expect(need.json().code).toBe('REAUTH_REQUIRED');
    await leader.reauth();
    const open = await leader.post(`/api/petitions/${id}/identity`);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toEqual({ reporterName: '陈晓明', reporterPhone: '13907970001' });
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'petition.identity'), eq(auditLog.objectId, id)));
    expect(audited).toHaveLength(1);
  });

  it('letters, calls and visits are registered by hand in the same inbox', async () => {
    const { outsider, member, inspectionId, target, other } = await world();
    const body = LETTER(target);
    expect((await outsider.post(`/api/inspections/${inspectionId}/petitions`, body)).statusCode).toBe(404);
    expect(
      (await member.post(`/api/inspections/${inspectionId}/petitions`, { ...body, orgId: other })).statusCode,
    ).toBe(400);
    expect(
      (await member.post(`/api/inspections/${inspectionId}/petitions`, { ...body, receivedOn: '2026-12-25' }))
        .statusCode,
    ).toBe(400);
    const ok = await member.post(`/api/inspections/${inspectionId}/petitions`, body);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ channel: 'letter', status: 'received', receivedOn: '2026-11-25' });
    expect((await member.get(`/api/petitions?channel=letter`)).json().total).toBe(1);
  });

  it('keyword search matches content, subject and post, whatever the width or case it was typed in', async () => {
    const w = await world();
    const { member, inspectionId, target } = w;
    await reportVia(w, await codeOf(w));
    const call = await member.post(`/api/inspections/${inspectionId}/petitions`, { ...SEARCHABLE_CALL, orgId: target });
    expect(call.statusCode, call.body).toBe(201);
    const found = (q: string) => petitionsFound(member, q);
    // `%` and `_` are the search word's own characters, not LIKE wildcards.
    for (const q of SEARCHABLE_CALL_WORDS) expect(await found(q), q).toEqual([call.json().id]);
    expect(await found('_')).toEqual([]);
    expect((await found('王某某')).length).toBeGreaterThan(0);
  });

  it('the list counts the filtered petitions per status, whatever status is chosen', async () => {
    const w = await world();
    const { staff, member, outsider, inspectionId } = w;
    const code = await codeOf(w);
    await reportVia(w, code);
    await reportVia(w, code, report({ content: '另一件事：某科室长期迟到早退，工作作风散漫，群众办事难。' }));
    const [first] = await petitionsOf(w, 'qr');
    const accepted = await member.post(`/api/petitions/${first?.id}/triage`, {
      version: 1,
      to: 'accepted',
      discipline: 'integrity',
      keyPost: true,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const all = (await staff.get(`/api/petitions?inspectionId=${inspectionId}`)).json();
    const c = all.statusCounts;
    expect(Object.keys(c).sort()).toEqual(['accepted', 'closed', 'forwarded', 'received']);
    expect(c.received + c.accepted + c.forwarded + c.closed).toBe(all.total);
    expect(c.received).toBeGreaterThan(0);
    expect(all.total).toBeGreaterThan(c.received);
    const received = (await staff.get(`/api/petitions?inspectionId=${inspectionId}&status=received`)).json();
    expect(received.statusCounts).toEqual(c);
    expect(received.total).toBe(c.received);
    expect(received.items.every((i: { status: string }) => i.status === 'received')).toBe(true);
    // Petitions out of sight are not counted: a member of another team sees none of this team's.
    expect((await outsider.get('/api/petitions')).json().statusCounts).toEqual({
      received: 0,
      accepted: 0,
      forwarded: 0,
      closed: 0,
    });
  });

  it('the ledger export needs re-authentication, holds the filtered view without identities, and is audited', async () => {
    const w = await world();
    const { liaison, staff, member, inspectionId, target } = w;
    // A named report (outside the filter) and a letter (inside it).
    await reportVia(
      w,
      await codeOf(w),
      report({ anonymous: false, reporterName: '陈晓明', reporterPhone: '13907970001' }),
    );
    const letter = await member.post(`/api/inspections/${inspectionId}/petitions`, LETTER(target));
    expect(letter.statusCode, letter.body).toBe(201);
    expect((await liaison.get('/api/petitions/export.xlsx')).statusCode).toBe(404);
    expect((await staff.get('/api/petitions/export.xlsx')).json().code).toBe('REAUTH_REQUIRED');
    await staff.reauth();
    const x = await staff.get(`/api/petitions/export.xlsx?inspectionId=${inspectionId}&channel=letter`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.rowCount).toBe(3 + 1);
    const text = JSON.stringify(sheet?.getSheetValues());
    expect(text).toContain('违规发放津贴补贴');
    expect(text).not.toContain('陈晓明');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'petition.export'), eq(auditLog.actorId, staff.userId)));
    expect(audits).toHaveLength(1);
  });

  it('a team’s people can list just their own team’s inspections to work on', async () => {
    const { member, outsider, inspectionId } = await world();
    const mine = (await member.get('/api/inspections?mine=true')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([inspectionId]);
    expect((await outsider.get('/api/inspections?mine=true')).json().total).toBe(0);
    expect((await member.get('/api/inspections')).json().total).toBe(1);
    expect((await member.get('/api/inspections?mine=yes')).statusCode).toBe(400);
  });
});

describe('deleting what the public channel hangs on', () => {
  it('a planned inspection with petitions is kept (409); one with only its codes and announcement goes with them', async () => {
    const w = await world();
    const { pub, staff, inspectionId, roundId, team2, other } = w;
    await reportVia(w, await codeOf(w));
    await staff.reauth(); // deletes are confirmed with the password
    const held = await staff.del(`/api/inspections/${inspectionId}`);
    expect(held.statusCode).toBe(409);
    expect(held.json().message).toMatch(/^该巡察已有信访件\d+件.*不能删除$/);
    const spare = await staff.post('/api/inspections', {
      roundId,
      teamId: team2,
      mode: 'ordinary',
      targetOrgIds: [other],
    });
    expect(spare.statusCode, spare.body).toBe(201);
    const spareCode = (await staff.get(`/api/inspections/${spare.json().id}/public-codes`)).json().items[0].code;
    expect((await pub('GET', `/api/public/codes/${spareCode}`)).statusCode).toBe(200);
    expect((await staff.del(`/api/inspections/${spare.json().id}`)).statusCode).toBe(204);
    expect((await pub('GET', `/api/public/codes/${spareCode}`)).statusCode).toBe(404);
  });

  it('a team with members is kept (409), saying why', async () => {
    const { staff, team2 } = await world();
    await staff.reauth();
    const res = await staff.del(`/api/teams/${team2}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('“第二巡察组”已有组员1人，不能删除；请先移出组员或处理这些记录');
  });
});

describe('every staff route: wrong role, then bad input', () => {
  it('answers 403 (or 404 where the object is confidential) to a role without the permission, and 400 to bad input', async () => {
    const w = await world();
    const { staff, member, liaison, inspectionId } = w;
    const code = await codeOf(w);
    const withFile = multipart(report(), [{ name: 'photo.jpg', body: JPEG }]);
    const made = await w.pub('POST', `/api/public/codes/${code}/reports`, withFile.payload, withFile.headers);
    expect(made.statusCode, made.body).toBe(201);
    const [p] = await petitionsOf(w, 'qr');
    const [f] = await filesOf(w);
    if (!p || !f) throw new Error('the report and its file were not stored');
    const denied: [Session, string, string, unknown?, number?][] = [
      [liaison, 'GET', `/api/inspections/${inspectionId}/announcement`],
      [member, 'PUT', `/api/inspections/${inspectionId}/announcement`, {}],
      [member, 'PATCH', `/api/public-codes/${code}`, { open: false }],
      [member, 'GET', `/api/public-codes/${code}/qr.png`],
      [member, 'GET', `/api/public-codes/${code}/poster.docx`],
      [member, 'GET', `/api/public-codes/${code}/poster`],
      [liaison, 'GET', '/api/petitions', undefined, 404],
      [liaison, 'GET', `/api/petitions/${p.id}`, undefined, 404],
      [liaison, 'POST', `/api/inspections/${inspectionId}/petitions`, {}, 404],
      [liaison, 'POST', `/api/petitions/${p.id}/triage`, { version: 1, to: 'closed' }, 404],
      [liaison, 'POST', `/api/petitions/${p.id}/replies`, { body: '答复' }, 404],
      [member, 'POST', `/api/petitions/${p.id}/identity`, undefined, 404],
      [liaison, 'GET', `/api/petition-files/${f.id}`, undefined, 404],
      [liaison, 'GET', '/api/petitions/export.xlsx', undefined, 404],
    ];
    for (const [s, method, url, body, status = 403] of denied)
      expect((await s.request(method, url, body)).statusCode, `${method} ${url}`).toBe(status);
    const bad: [string, string, unknown?][] = [
      ['PATCH', `/api/public-codes/${code}`, { open: 'yes' }],
      ['GET', '/api/petitions?status=lost'],
      ['GET', '/api/petitions?limit=100000'],
      ['POST', `/api/petitions/${p.id}/replies`, { body: '' }],
      ['POST', `/api/petitions/${p.id}/triage`, { version: 'x', to: 'closed' }],
      ['GET', '/api/petitions/not-a-uuid'],
    ];
    for (const [method, url, body] of bad) {
      const r = await staff.request(method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(400);
      expect(r.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('separation of the public channel', () => {
  it('every /api/public route is public and answers no internal identifiers; no other route is reachable without a session', async () => {
    const w = await world();
    const { pub, staff } = w;
    const code = await codeOf(w);
    const doc = (await pub('GET', '/api/openapi.json')).json();
    const paths = Object.keys(doc.paths as Record<string, unknown>);
    const publicPaths = paths.filter((p) => p.startsWith('/api/public/'));
    expect(publicPaths.length).toBeGreaterThanOrEqual(5);
    for (const p of paths.filter(
      (x) => !x.startsWith('/api/public/') && !x.startsWith('/api/auth/') && x !== '/api/health',
    )) {
      const url = p.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const m of Object.keys(doc.paths[p]))
        expect((await pub(m.toUpperCase() as 'GET', url)).statusCode, `${m} ${p}`).toBe(401);
    }
    const land = (await pub('GET', `/api/public/codes/${code}`)).body;
    expect(land).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    // A staff session sent along changes nothing: public routes never resolve an actor.
    const withCookie = await t.app.inject({
      method: 'GET',
      url: `/api/public/codes/${code}`,
      headers: { cookie: staff.cookie, 'x-forwarded-for': w.ip },
    });
    expect(withCookie.body).toBe(land);
  });

  it('rate limits hold under a burst', async () => {
    const w = await world();
    const { pub } = w;
    const code = await codeOf(w);
    const h = { 'x-forwarded-for': '192.0.2.200' };
    const res = await Promise.all(
      Array.from({ length: 70 }, () => pub('GET', `/api/public/codes/${code}`, undefined, h)),
    );
    const ok = res.filter((r) => r.statusCode === 200).length;
    const limited = res.filter((r) => r.statusCode === 429).length;
    expect(ok, JSON.stringify(res[0]?.headers)).toBe(50);
    expect(limited).toBe(20);
  });
});
