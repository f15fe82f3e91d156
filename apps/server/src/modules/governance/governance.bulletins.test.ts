import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipEntry } from '../../../test/fixtures.ts';
import { auditLog, bulletinProblems, bulletinRecipients, bulletins, dutyReminders } from '../../db/schema/index.ts';
import { countWhere } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { buildGovernanceWorld, type GovWorld, ok } from './governance.fixture.ts';

// 分类通报: drafting (problems of the term and sector, recipients the office may address), the moves
// (approve numbers it without gaps, withdraw frees the number, send delivers it), the .docx in 公文格式,
// and the recipients' inbox (only sent bulletins addressed to the caller; the first opening is the
// read receipt); 401 / 403 / 404 / 400-writes-nothing on every route, and the concurrency of moves.

let w: GovWorld;
let eduA: string;
let eduB: string;
let finA: string;

beforeAll(async () => {
  w = await buildGovernanceWorld();
  const confirm = async (name: string, sector: string, findingIds: string[]) =>
    ok(
      await w.staff.post('/api/common-problems', {
        termId: w.termId,
        name,
        description: `${name}的具体表现。`,
        sector,
        findingIds,
      }),
    ).id as string;
  eduA = await confirm('违规收取和订购教辅资料', '教育', [w.f.eduA1, w.f.eduA2, w.f.eduA3]);
  eduB = await confirm('在职教师有偿补课', '教育', [w.f.eduB1, w.f.eduB2]);
  finA = await confirm('公职人员参与民间借贷和非法集资', '财政金融', [w.f.finA]);
}, 60_000);
afterAll(async () => w?.t.close());

const anon = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
  w.t.app.inject(payload === undefined ? { method, url } : { method, url, payload });
const db = () => w.t.database.db;
const counts = async () => [
  await countWhere(db(), bulletins, undefined),
  await countWhere(db(), bulletinProblems, undefined),
  await countWhere(db(), bulletinRecipients, undefined),
];
const MISSING = '00000000-0000-7000-8000-000000000000';

/** A draft to the education recipient (by account) and the 教育局 (主管部门), unless `o` says otherwise. */
const draftBody = (o: Record<string, unknown> = {}) => ({
  termId: w.termId,
  sector: '教育',
  title: '关于教育系统巡察发现共性问题的通报',
  commonProblemIds: [eduA, eduB],
  recipients: [
    { kind: 'sectorLeader', name: '分管副市长', userId: w.recipientUserId },
    { kind: 'competentDept', name: '赣州市教育局', orgId: w.eduBureau },
  ],
  requestedActions: '请督促教育系统各单位对照问题开展自查自纠，于2027年3月底前报送整改情况。',
  ...o,
});

async function draft(o: Record<string, unknown> = {}) {
  const res = await w.staff.post('/api/bulletins', draftBody(o));
  if (res.statusCode !== 201) throw new Error(`draft failed ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number; number: string | null };
}
const move = async (id: string, to: string, as = w.officeLeader) => {
  const b = ok(await w.staff.get(`/api/bulletins/${id}`));
  return as.post(`/api/bulletins/${id}/move`, { version: b.version, to });
};

/** The document's text with the run boundaries of Word's XML taken out. */
const docText = (zip: Buffer) => zipEntry(zip, 'word/document.xml').replace(/<[^>]+>/g, '');

describe('drafting', () => {
  it('refuses bad input and writes nothing', async () => {
    const before = await counts();
    for (const body of [
      draftBody({ title: '' }),
      draftBody({ commonProblemIds: [] }),
      draftBody({ recipients: [] }),
      draftBody({ sector: '火星' }),
      draftBody({ extra: true }),
      draftBody({ recipients: [{ kind: 'competentDept', name: '教育局' }] }),
      // A problem of another sector, and one that does not exist.
      draftBody({ commonProblemIds: [eduA, finA] }),
      draftBody({ commonProblemIds: [MISSING] }),
      // An account that is no sector recipient, and a department not in the registry.
      draftBody({ recipients: [{ kind: 'sectorLeader', name: '刘晓婷', userId: w.staff.userId }] }),
      draftBody({ recipients: [{ kind: 'competentDept', name: '不存在', orgId: MISSING }] }),
    ]) {
      const res = await w.staff.post('/api/bulletins', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 401 / 403 / 404', async () => {
    const before = await counts();
    expect((await anon('POST', '/api/bulletins', draftBody())).statusCode).toBe(401);
    expect((await w.leader.post('/api/bulletins', draftBody())).statusCode).toBe(403);
    expect((await w.recipient.post('/api/bulletins', draftBody())).statusCode).toBe(403);
    expect((await w.liaison.post('/api/bulletins', draftBody())).statusCode).toBe(403);
    expect((await w.countyStaff.post('/api/bulletins', draftBody())).statusCode).toBe(404);
    expect((await w.staff.post('/api/bulletins', draftBody({ termId: MISSING }))).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('creates a draft with its problems and recipients, audited', async () => {
    const res = await w.staff.post('/api/bulletins', draftBody({ intro: '' }));
    expect(res.statusCode).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({
      authorityId: w.city,
      termId: w.termId,
      sector: '教育',
      status: 'draft',
      number: null,
      year: null,
      seq: null,
      intro: null,
      nameOrganizations: false,
      approvedOn: null,
      sentOn: null,
      version: 1,
    });
    expect(b.commonProblems).toEqual([
      { id: eduA, name: '违规收取和订购教辅资料' },
      { id: eduB, name: '在职教师有偿补课' },
    ]);
    expect(b.recipients).toEqual([
      { kind: 'sectorLeader', name: '分管副市长', orgId: null, userId: w.recipientUserId, readAt: null },
      { kind: 'competentDept', name: '赣州市教育局', orgId: w.eduBureau, userId: null, readAt: null },
    ]);
    expect(
      await countWhere(db(), auditLog, and(eq(auditLog.action, 'bulletin.create'), eq(auditLog.objectId, b.id))),
    ).toBe(1);
    // The problem names the bulletin.
    expect(ok(await w.staff.get(`/api/common-problems/${eduA}`)).bulletins).toContainEqual({
      id: b.id,
      name: '关于教育系统巡察发现共性问题的通报',
    });
  });
});

describe('reading', () => {
  it('lists and filters the office’s bulletins; the county office and other terms see none', async () => {
    // Newest first: a second later than the drafts before it.
    w.t.clock.advance(1000);
    const b = await draft({ title: '关于财政金融领域共性问题的通报', sector: '财政金融', commonProblemIds: [finA] });
    const list = ok(await w.staff.get(`/api/bulletins?termId=${w.termId}`));
    expect(list.total).toBeGreaterThanOrEqual(2);
    expect(list.items[0].id).toBe(b.id);
    expect(
      ok(await w.leader.get(`/api/bulletins?termId=${w.termId}&sector=财政金融`)).items.map(
        (x: { id: string }) => x.id,
      ),
    ).toEqual([b.id]);
    expect(ok(await w.staff.get('/api/bulletins?q=财政金融')).total).toBe(1);
    expect(ok(await w.staff.get('/api/bulletins?status=sent')).total).toBe(0);
    expect(ok(await w.countyStaff.get('/api/bulletins')).total).toBe(0);
    expect((await w.countyStaff.get(`/api/bulletins?termId=${w.termId}`)).statusCode).toBe(404);
    expect(ok(await w.staff.get(`/api/bulletins?termId=${w.countyTermId}`)).total).toBe(0);
    expect(ok(await w.staff.get(`/api/bulletins/${b.id}`)).title).toBe('关于财政金融领域共性问题的通报');
  });

  it('answers 401 / 403 / 404 / 400', async () => {
    const b = await draft();
    expect((await anon('GET', '/api/bulletins')).statusCode).toBe(401);
    expect((await anon('GET', `/api/bulletins/${b.id}`)).statusCode).toBe(401);
    expect((await anon('GET', `/api/bulletins/${b.id}.docx`)).statusCode).toBe(401);
    expect((await w.liaison.get('/api/bulletins')).statusCode).toBe(403);
    expect((await w.recipient.get(`/api/bulletins/${b.id}`)).statusCode).toBe(403);
    expect((await w.recipient.get(`/api/bulletins/${b.id}.docx`)).statusCode).toBe(403);
    expect((await w.countyStaff.get(`/api/bulletins/${b.id}`)).statusCode).toBe(404);
    expect((await w.countyStaff.get(`/api/bulletins/${b.id}.docx`)).statusCode).toBe(404);
    expect((await w.staff.get(`/api/bulletins/${MISSING}`)).statusCode).toBe(404);
    expect((await w.staff.get(`/api/bulletins/${MISSING}.docx`)).statusCode).toBe(404);
    expect((await w.staff.get('/api/bulletins/abc')).statusCode).toBe(400);
    expect((await w.staff.get('/api/bulletins/abc.docx')).statusCode).toBe(400);
    expect((await w.staff.get('/api/bulletins?status=lost')).statusCode).toBe(400);
  });

  it('routes /api/bulletins/:id and /api/bulletins/:id.docx side by side', async () => {
    const b = await draft();
    const json = await w.staff.get(`/api/bulletins/${b.id}`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    const doc = await w.staff.get(`/api/bulletins/${b.id}.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('changing and deleting a draft', () => {
  it('changes a draft under its version; bad input writes nothing; a stale version is 409', async () => {
    const b = await draft();
    const url = `/api/bulletins/${b.id}`;
    expect((await anon('PATCH', url, { version: 1, title: '新标题' })).statusCode).toBe(401);
    expect((await w.leader.patch(url, { version: 1, title: '新标题' })).statusCode).toBe(403);
    expect((await w.countyStaff.patch(url, { version: 1, title: '新标题' })).statusCode).toBe(404);
    for (const body of [
      { title: '新标题' },
      { version: 1, title: '' },
      { version: 1, commonProblemIds: [finA] },
      { version: 1, sector: '财政金融' },
      { version: 1, recipients: [{ kind: 'sectorLeader', name: '某人', userId: MISSING }] },
    ])
      expect((await w.staff.patch(url, body)).statusCode, JSON.stringify(body)).toBe(400);
    expect(ok(await w.staff.get(url))).toMatchObject({ version: 1, title: '关于教育系统巡察发现共性问题的通报' });
    const res = await w.staff.patch(url, {
      version: 1,
      title: '关于教育系统共性问题的通报',
      commonProblemIds: [eduB],
      recipients: [{ kind: 'sectorLeader', name: '分管副市长', userId: w.recipientUserId }],
      nameOrganizations: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: '关于教育系统共性问题的通报', nameOrganizations: true, version: 2 });
    expect(res.json().commonProblems.map((p: { id: string }) => p.id)).toEqual([eduB]);
    expect(res.json().recipients).toHaveLength(1);
    expect((await w.staff.patch(url, { version: 1, title: '旧的' })).statusCode).toBe(409);
    const [x, y] = await Promise.all([
      w.staff.patch(url, { version: 2, title: '甲' }),
      w.officeLeader.patch(url, { version: 2, title: '乙' }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
  });

  it('refuses to change or delete an approved bulletin (409); deletes a draft (204)', async () => {
    const b = await draft();
    ok(await move(b.id, 'approved'));
    const approved = ok(await w.staff.get(`/api/bulletins/${b.id}`));
    const edit = await w.staff.patch(`/api/bulletins/${b.id}`, { version: approved.version, title: '改' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toContain('撤回审批');
    expect((await w.staff.del(`/api/bulletins/${b.id}`)).statusCode).toBe(409);
    ok(await move(b.id, 'draft'));
    expect((await anon('DELETE', `/api/bulletins/${b.id}`)).statusCode).toBe(401);
    expect((await w.leader.del(`/api/bulletins/${b.id}`)).statusCode).toBe(403);
    expect((await w.countyStaff.del(`/api/bulletins/${b.id}`)).statusCode).toBe(404);
    expect((await w.staff.del('/api/bulletins/abc')).statusCode).toBe(400);
    expect((await w.staff.del(`/api/bulletins/${b.id}`)).statusCode).toBe(204);
    expect((await w.staff.get(`/api/bulletins/${b.id}`)).statusCode).toBe(404);
    expect(await countWhere(db(), bulletinRecipients, eq(bulletinRecipients.bulletinId, b.id))).toBe(0);
  });
});

describe('moves and numbers', () => {
  /** Numbering starts afresh: every bulletin approved so far is withdrawn (its number freed). */
  const withdrawAll = async () => {
    const numbered = await db().select().from(bulletins).where(eq(bulletins.status, 'approved'));
    for (const n of numbered) ok(await move(n.id, 'draft'));
  };

  it('approving needs bulletin:approve; numbers run without gaps; a withdrawal frees its number', async () => {
    await withdrawAll();
    const a = await draft();
    const b = await draft();
    const c = await draft();
    const url = `/api/bulletins/${a.id}/move`;
    expect((await anon('POST', url, { version: 1, to: 'approved' })).statusCode).toBe(401);
    expect((await w.leader.post(url, { version: 1, to: 'approved' })).statusCode).toBe(403);
    expect((await w.recipient.post(url, { version: 1, to: 'approved' })).statusCode).toBe(403);
    expect((await w.countyStaff.post(url, { version: 1, to: 'approved' })).statusCode).toBe(404);
    // Office staff manage bulletins but do not approve them.
    const staffApprove = await w.staff.post(url, { version: 1, to: 'approved' });
    expect(staffApprove.statusCode).toBe(403);
    for (const body of [{ to: 'approved' }, { version: 1, to: 'published' }, { version: 1 }])
      expect((await w.officeLeader.post(url, body)).statusCode).toBe(400);
    expect(ok(await w.staff.get(`/api/bulletins/${a.id}`))).toMatchObject({ status: 'draft', version: 1 });
    // Skipping approval, and a stale version: 409.
    expect((await w.staff.post(url, { version: 1, to: 'sent' })).statusCode).toBe(409);
    expect((await w.officeLeader.post(url, { version: 7, to: 'approved' })).statusCode).toBe(409);

    const first = ok(await w.officeLeader.post(url, { version: 1, to: 'approved' }));
    expect(first).toMatchObject({
      status: 'approved',
      number: '巡察办〔2026〕1号',
      year: 2026,
      seq: 1,
      approvedOn: '2026-12-15',
      version: 2,
    });
    expect(ok(await move(b.id, 'approved')).number).toBe('巡察办〔2026〕2号');
    // Withdrawing a's approval frees 1, which c then takes.
    const withdrawn = ok(await move(a.id, 'draft'));
    expect(withdrawn).toMatchObject({ status: 'draft', number: null, year: null, seq: null, approvedOn: null });
    expect((await move(b.id, 'draft', w.staff)).statusCode).toBe(403);
    expect(ok(await move(c.id, 'approved')).number).toBe('巡察办〔2026〕1号');
    expect(ok(await move(a.id, 'approved')).number).toBe('巡察办〔2026〕3号');
    for (const id of [a.id, b.id, c.id]) ok(await move(id, 'draft'));
  });

  it('gives two approvals at once distinct consecutive numbers', async () => {
    await withdrawAll();
    const x = await draft();
    const y = await draft();
    const [rx, ry] = await Promise.all([
      w.officeLeader.post(`/api/bulletins/${x.id}/move`, { version: 1, to: 'approved' }),
      w.officeLeader.post(`/api/bulletins/${y.id}/move`, { version: 1, to: 'approved' }),
    ]);
    expect([rx.statusCode, ry.statusCode]).toEqual([200, 200]);
    expect([rx.json().seq, ry.json().seq].sort()).toEqual([1, 2]);
    for (const id of [x.id, y.id]) ok(await move(id, 'draft'));
  });

  it('of two moves of one bulletin at once, one is 200 and the other 409', async () => {
    const b = await draft();
    const [p, q] = await Promise.all([
      w.officeLeader.post(`/api/bulletins/${b.id}/move`, { version: 1, to: 'approved' }),
      w.officeLeader.post(`/api/bulletins/${b.id}/move`, { version: 1, to: 'approved' }),
    ]);
    expect([p.statusCode, q.statusCode].sort()).toEqual([200, 409]);
    const approved = ok(await w.staff.get(`/api/bulletins/${b.id}`));
    const [s1, s2] = await Promise.all([
      w.staff.post(`/api/bulletins/${b.id}/move`, { version: approved.version, to: 'sent' }),
      w.staff.post(`/api/bulletins/${b.id}/move`, { version: approved.version, to: 'sent' }),
    ]);
    expect([s1.statusCode, s2.statusCode].sort()).toEqual([200, 409]);
    const sent = ok(await w.staff.get(`/api/bulletins/${b.id}`));
    expect(sent).toMatchObject({ status: 'sent', sentOn: '2026-12-15' });
    // A sent bulletin never moves again.
    expect((await move(b.id, 'draft')).statusCode).toBe(409);
    expect(
      await countWhere(db(), auditLog, and(eq(auditLog.action, 'bulletin.send'), eq(auditLog.objectId, b.id))),
    ).toBe(1);
  });
});

describe('the document', () => {
  it('is a .docx in 公文格式 naming the problems, the counts, the recipients, the number and the issuer', async () => {
    const b = await draft({ intro: '现将巡察发现的教育系统共性问题通报如下。' });
    ok(await move(b.id, 'approved'));
    const approved = ok(await w.staff.get(`/api/bulletins/${b.id}`));
    const res = await w.staff.get(`/api/bulletins/${b.id}.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const text = docText(res.rawPayload);
    expect(text).toContain('关于教育系统巡察发现共性问题的通报');
    expect(text).toContain(approved.number);
    expect(text).toContain('分管副市长，赣州市教育局：');
    expect(text).toContain('现将巡察发现的教育系统共性问题通报如下。');
    expect(text).toContain('（一）违规收取和订购教辅资料');
    expect(text).toContain('（二）在职教师有偿补课');
    expect(text).toContain('该问题在2次巡察中发现，涉及2个单位。');
    expect(text).toContain('二、工作要求');
    expect(text).toContain('中共赣州市委巡察工作领导小组办公室');
    expect(text).toContain('2026年12月15日');
    // Counts only: the schools are not named unless the office chose so.
    expect(text).not.toContain('赣州市第一中学');
    expect(
      await countWhere(
        db(),
        auditLog,
        and(eq(auditLog.action, 'bulletin.exportDocx'), eq(auditLog.objectType, 'export')),
      ),
    ).toBeGreaterThan(0);
    ok(await move(b.id, 'draft'));
  });

  it('names the organizations when the office chose to', async () => {
    const b = await draft({ nameOrganizations: true, commonProblemIds: [eduB] });
    const text = docText((await w.staff.get(`/api/bulletins/${b.id}.docx`)).rawPayload);
    expect(text).toContain('（草稿，未编号）');
    expect(text).toMatch(/赣州市第一中学、赣州市第三中学共2个单位|赣州市第三中学、赣州市第一中学共2个单位/);
  });
});

describe('the recipients’ inbox', () => {
  let toEdu: string;
  let toTransport: string;
  let unsent: string;

  beforeAll(async () => {
    const send = async (id: string) => {
      ok(await move(id, 'approved'));
      ok(await move(id, 'sent', w.staff));
    };
    toEdu = (await draft({ title: '教育系统共性问题通报（印发）' })).id;
    toTransport = (
      await draft({
        title: '交通领域共性问题通报（印发）',
        recipients: [{ kind: 'competentDept', name: '赣州市交通运输局', orgId: w.transport }],
      })
    ).id;
    unsent = (await draft({ title: '未印发的通报' })).id;
    await send(toEdu);
    await send(toTransport);
    ok(await move(unsent, 'approved'));
  });

  it('shows a recipient only the sent bulletins addressed to it', async () => {
    const mine = ok(await w.recipient.get('/api/inbox/bulletins'));
    const ids = mine.items.map((b: { id: string }) => b.id);
    expect(ids).toContain(toEdu);
    expect(ids).not.toContain(toTransport);
    expect(ids).not.toContain(unsent);
    expect(mine.items.every((b: { status: string }) => b.status === 'sent')).toBe(true);
    // The second recipient sees none of the first's, and the first none of the second's.
    const theirs = ok(await w.recipient2.get('/api/inbox/bulletins'));
    expect(theirs.items.map((b: { id: string }) => b.id)).toEqual([toTransport]);
    expect((await w.recipient2.get(`/api/inbox/bulletins/${toEdu}`)).statusCode).toBe(404);
    expect((await w.recipient2.get(`/api/inbox/bulletins/${toEdu}.docx`)).statusCode).toBe(404);
    expect((await w.recipient.get(`/api/inbox/bulletins/${toTransport}`)).statusCode).toBe(404);
    // Approved but not sent: not delivered.
    expect((await w.recipient.get(`/api/inbox/bulletins/${unsent}`)).statusCode).toBe(404);
  });

  it('records the read receipt on the first opening only, audited', async () => {
    const unread = ok(await w.recipient.get('/api/inbox/bulletins?unread=true'));
    expect(unread.items.map((b: { id: string }) => b.id)).toContain(toEdu);
    const before = ok(await w.recipient.get('/api/inbox/summary'));
    w.t.clock.set('2026-12-15T10:05:00+08:00');
    const opened = ok(await w.recipient.get(`/api/inbox/bulletins/${toEdu}`));
    // Both lines addressed to the caller (its account, and the 教育局 it is granted on) are read.
    expect(opened.recipients.map((r: { readAt: string | null }) => r.readAt)).toEqual([
      '2026-12-15T02:05:00.000Z',
      '2026-12-15T02:05:00.000Z',
    ]);
    w.t.clock.set('2026-12-15T10:10:00+08:00');
    const again = ok(await w.recipient.get(`/api/inbox/bulletins/${toEdu}`));
    expect(again.recipients[0].readAt).toBe('2026-12-15T02:05:00.000Z');
    expect(
      await countWhere(db(), auditLog, and(eq(auditLog.action, 'bulletin.read'), eq(auditLog.objectId, toEdu))),
    ).toBe(1);
    // The office sees the receipt.
    expect(ok(await w.staff.get(`/api/bulletins/${toEdu}`)).recipients[1].readAt).toBe('2026-12-15T02:05:00.000Z');
    expect(
      ok(await w.recipient.get('/api/inbox/bulletins?unread=true')).items.map((b: { id: string }) => b.id),
    ).not.toContain(toEdu);
    expect(
      ok(await w.recipient.get('/api/inbox/bulletins?unread=false')).items.map((b: { id: string }) => b.id),
    ).toContain(toEdu);
    const after = ok(await w.recipient.get('/api/inbox/summary'));
    expect(after.bulletinsUnread).toBe(before.bulletinsUnread - 1);
    expect(after.bulletins).toBe(before.bulletins);
    // The recipient's .docx.
    const doc = await w.recipient.get(`/api/inbox/bulletins/${toEdu}.docx`);
    expect(doc.statusCode).toBe(200);
    expect(docText(doc.rawPayload)).toContain('违规收取和订购教辅资料');
  });

  it('counts the reminders addressed to the caller by status', async () => {
    const now = w.t.clock.now();
    const reminder = (o: Partial<typeof dutyReminders.$inferInsert>) => ({
      id: uuidv7(),
      authorityId: w.city,
      termId: w.termId,
      recipientKind: 'competentDept',
      recipientName: '赣州市教育局',
      recipientOrgId: w.eduBureau,
      commonProblemIds: [eduA],
      findingIds: [],
      content: '请督促整改。',
      sentOn: '2026-12-01',
      dueOn: '2026-12-14',
      createdAt: now,
      updatedAt: now,
      ...o,
    });
    await db()
      .insert(dutyReminders)
      .values([
        reminder({}), // overdue
        reminder({ dueOn: '2026-12-29' }), // pending
        reminder({ answeredOn: '2026-12-10', judgement: 'answered' }), // answered
        reminder({ answeredOn: '2026-12-10' }), // submitted
        reminder({ recipientKind: 'competentDept', recipientOrgId: w.transport, recipientName: '赣州市交通运输局' }),
      ]);
    const s = ok(await w.recipient.get('/api/inbox/summary'));
    expect(s).toMatchObject({ reminders: 4, remindersOwed: 2, remindersOverdue: 1 });
    // Two sent to the education recipient: the one of the concurrent moves above, and `toEdu`.
    expect(s.bulletins).toBe(2);
    expect(s.bulletins).toBe(ok(await w.recipient.get('/api/inbox/bulletins')).total);
    expect(ok(await w.recipient2.get('/api/inbox/summary'))).toEqual({
      bulletinsUnread: 1,
      bulletins: 1,
      remindersOwed: 1,
      remindersOverdue: 1,
      reminders: 1,
    });
  });

  it('answers 401 / 403 / 404 / 400', async () => {
    for (const url of [
      '/api/inbox/summary',
      '/api/inbox/bulletins',
      `/api/inbox/bulletins/${toEdu}`,
      `/api/inbox/bulletins/${toEdu}.docx`,
    ]) {
      expect((await anon('GET', url)).statusCode, url).toBe(401);
      // The office and liaisons have no inbox.
      expect((await w.staff.get(url)).statusCode, url).toBe(403);
      expect((await w.liaison.get(url)).statusCode, url).toBe(403);
    }
    expect((await w.recipient.get(`/api/inbox/bulletins/${MISSING}`)).statusCode).toBe(404);
    expect((await w.recipient.get('/api/inbox/bulletins/abc')).statusCode).toBe(400);
    expect((await w.recipient.get('/api/inbox/bulletins?unread=maybe')).statusCode).toBe(400);
    // A failed opening records nothing.
    expect(await countWhere(db(), bulletinRecipients, eq(bulletinRecipients.bulletinId, toTransport))).toBe(1);
    expect(
      (await db().select().from(bulletinRecipients).where(eq(bulletinRecipients.bulletinId, toTransport)))[0]?.readAt,
    ).toBeNull();
  });
});
