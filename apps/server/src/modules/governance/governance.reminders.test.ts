import { answerDue, buildCalendar, OFFICIAL_CALENDAR } from '@xc/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JPEG } from '../../../test/fixtures.ts';
import { makeAuthority, type Session } from '../../../test/helpers.ts';
import {
  auditLog,
  calendarEntries,
  commonProblems,
  dutyReminderAnswers,
  dutyReminders,
  governanceFiles,
  sessions,
} from '../../db/schema/index.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { storeGovernanceFile } from './governance.files.ts';
import { buildGovernanceWorld, type GovWorld, ok } from './governance.fixture.ts';

// 履责提示: the office sends, lists by status and judges; the recipient reads (receipt), uploads its
// attachments and answers; the files are served only to who reaches the reminder. 401 / 403 / 404 /
// 400-writes-nothing per route, the status over time (clock injected), concurrency on the version.

let w: GovWorld;
let problemId: string;
let countyProblemId: string;
beforeAll(async () => {
  w = await buildGovernanceWorld();
  const db = w.t.database.db;
  const now = w.t.clock.now();
  const problem = (termId: string, authorityId: string, name: string) => ({
    id: uuidv7(),
    authorityId,
    termId,
    name,
    description: `${name}的描述。`,
    sector: '教育',
    confirmedOn: '2026-12-01',
    createdAt: now,
    updatedAt: now,
  });
  const p = problem(w.termId, w.city, '违规收取教辅资料费用');
  const cp = problem(w.countyTermId, w.county, '区属学校违规收费');
  await db.insert(commonProblems).values([p, cp]);
  problemId = p.id;
  countyProblemId = cp.id;
});
afterAll(async () => w.t.close());

const anon = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  w.t.app.inject(payload === undefined ? { method, url } : { method, url, payload });

const toEdu = () => ({ kind: 'competentDept', name: '赣州市教育局', orgId: w.eduBureau });
const body = (over: Record<string, unknown> = {}) => ({
  termId: w.termId,
  recipient: toEdu(),
  commonProblemIds: [problemId],
  findingIds: [w.f.eduA1],
  content: '请督促全市学校全面清理教辅资料收费问题，并于期限内书面答复落实情况。',
  ...over,
});

async function reminderCount() {
  return (await w.t.database.db.select({ id: dutyReminders.id }).from(dutyReminders)).length;
}

async function send(over: Record<string, unknown> = {}, as: Session = w.staff) {
  const res = await as.post('/api/duty-reminders', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

function upload(as: Session, data: Buffer = JPEG, name = '落实情况照片.jpg') {
  const boundary = '----gov';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return as.request('POST', '/api/inbox/files', payload, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}

/**
 * Moves the clock to 10:00 of `day`. The sessions move with it: the accounts stay signed in across
 * the days a reminder takes (idle and absolute timeouts are the auth module's tests).
 */
async function setDay(day: string) {
  w.t.clock.set(`${day}T10:00:00+08:00`);
  const now = w.t.clock.now();
  await w.t.database.db.update(sessions).set({ createdAt: now, lastSeenAt: now, reauthAt: now });
}

describe('sending a duty reminder', () => {
  it('401 / 403 / 404 / 400 write nothing; 201 is sent today and due in working days by the setting', async () => {
    await setDay('2026-12-15');
    const before = await reminderCount();
    expect((await anon('POST', '/api/duty-reminders', body())).statusCode).toBe(401);
    expect((await w.leader.post('/api/duty-reminders', body())).statusCode).toBe(403);
    expect((await w.recipient.post('/api/duty-reminders', body())).statusCode).toBe(403);
    expect((await w.liaison.post('/api/duty-reminders', body())).statusCode).toBe(403);
    expect((await w.countyStaff.post('/api/duty-reminders', body())).statusCode).toBe(404);
    const bads = [
      body({ content: '' }),
      body({ recipient: { kind: 'competentDept', name: '教育局' } }),
      body({ answerDueInWorkingDays: 5, dueOn: '2026-12-31' }),
      body({ dueOn: '2026-12-15' }),
      body({ findingIds: [w.f.countyA] }),
      body({ commonProblemIds: [countyProblemId] }),
      body({ recipient: { kind: 'sectorLeader', name: '刘晓婷', userId: w.staff.userId } }),
      body({ recipient: { kind: 'competentDept', name: '不存在的单位', orgId: uuidv7() } }),
    ];
    for (const b of bads)
      expect((await w.staff.post('/api/duty-reminders', b)).statusCode, JSON.stringify(b)).toBe(400);
    // The county office addresses only its own region: not the city's department or the city's accounts.
    const county = { termId: w.countyTermId, commonProblemIds: [], findingIds: [] };
    for (const recipient of [toEdu(), { kind: 'sectorLeader', name: '教育局联络人', userId: w.recipientUserId }])
      expect((await w.countyStaff.post('/api/duty-reminders', body({ ...county, recipient }))).statusCode).toBe(400);
    expect(await reminderCount()).toBe(before);

    const r = await send();
    const cal = buildCalendar(OFFICIAL_CALENDAR, []);
    expect(r).toMatchObject({
      authorityId: w.city,
      termId: w.termId,
      recipient: { kind: 'competentDept', name: '赣州市教育局', orgId: w.eduBureau, userId: null, readAt: null },
      sector: '教育',
      commonProblems: [{ id: problemId, name: '违规收取教辅资料费用' }],
      findingIds: [w.f.eduA1],
      sentOn: '2026-12-15',
      // Ten working days (the default setting), the day of sending not counted.
      dueOn: answerDue('2026-12-15', 10, cal),
      status: 'pending',
      colour: 'green',
      answers: [],
      version: 1,
    });
    expect(r.dueOn).toBe('2026-12-29');
    // A date chosen is kept as chosen; working days chosen count on the office's calendar.
    expect((await send({ dueOn: '2027-01-04' })).dueOn).toBe('2027-01-04');
    await w.t.database.db
      .insert(calendarEntries)
      .values({ id: uuidv7(), authorityId: w.city, date: '2026-12-16', kind: 'holiday', name: '测试假日' });
    expect((await send({ answerDueInWorkingDays: 2 })).dueOn).toBe('2026-12-18');
    await w.t.database.db.delete(calendarEntries).where(eq(calendarEntries.authorityId, w.city));
    const audit = await w.t.database.db.select().from(auditLog).where(eq(auditLog.objectId, r.id));
    expect(audit.map((a) => a.action)).toEqual(['dutyReminder.create']);
  });

  it('is listed and read by the office of its authority only; the list filters by status in SQL', async () => {
    await setDay('2026-12-15');
    const r = await send({ sector: '教育', answerDueInWorkingDays: 1 });
    expect((await anon('GET', '/api/duty-reminders')).statusCode).toBe(401);
    expect((await w.recipient.get('/api/duty-reminders')).statusCode).toBe(403);
    expect((await w.staff.get('/api/duty-reminders?status=nonsense')).statusCode).toBe(400);
    expect((await w.staff.get('/api/duty-reminders?cursor=bad')).statusCode).toBe(400);
    const list = ok(await w.leader.get(`/api/duty-reminders?termId=${w.termId}`));
    expect(list.items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect(list.items[0]).not.toHaveProperty('answers');
    expect(list.total).toBe(list.items.length);
    expect(ok(await w.countyStaff.get('/api/duty-reminders')).total).toBe(0);
    expect((await w.countyStaff.get(`/api/duty-reminders/${r.id}`)).statusCode).toBe(404);
    expect((await w.staff.get(`/api/duty-reminders/${uuidv7()}`)).statusCode).toBe(404);
    expect(ok(await w.leader.get(`/api/duty-reminders/${r.id}`)).content).toContain('教辅资料');
    // Paging: one at a time, every reminder exactly once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = ok(
        await w.staff.get(`/api/duty-reminders?limit=1${cursor ? `&cursor=${cursor}` : ''}`),
      );
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(list.total);

    // Due 2026-12-16: still pending that day, overdue the day after.
    expect(r.dueOn).toBe('2026-12-16');
    await setDay('2026-12-16');
    expect(ok(await w.staff.get(`/api/duty-reminders/${r.id}`))).toMatchObject({ status: 'pending', colour: 'yellow' });
    await setDay('2026-12-17');
    expect(ok(await w.staff.get(`/api/duty-reminders/${r.id}`))).toMatchObject({ status: 'overdue', colour: 'red' });
    const overdue = ok(await w.staff.get('/api/duty-reminders?status=overdue&sector=教育'));
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect(overdue.items.every((x: { status: string }) => x.status === 'overdue')).toBe(true);
    const pending = ok(await w.staff.get('/api/duty-reminders?status=pending'));
    expect(pending.items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect(pending.items.every((x: { status: string }) => x.status === 'pending')).toBe(true);
    const inboxOverdue = ok(await w.recipient.get('/api/inbox/duty-reminders?status=overdue'));
    expect(inboxOverdue.items.map((x: { id: string }) => x.id)).toContain(r.id);
  });
});

describe('the recipient', () => {
  it('sees only what is addressed to it, and the first opening is the read receipt', async () => {
    await setDay('2026-12-15');
    const toOrg = await send();
    const toUser = await send({
      recipient: { kind: 'sectorLeader', name: '交通运输局联络人', userId: w.recipient2UserId },
      commonProblemIds: [],
      findingIds: [w.f.traC],
    });
    expect((await anon('GET', '/api/inbox/duty-reminders')).statusCode).toBe(401);
    expect((await w.staff.get('/api/inbox/duty-reminders')).statusCode).toBe(403);
    expect((await w.recipient.get('/api/inbox/duty-reminders?status=bad')).statusCode).toBe(400);
    const mine = ok(await w.recipient.get('/api/inbox/duty-reminders'));
    const ids = mine.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(toOrg.id);
    expect(ids).not.toContain(toUser.id);
    expect(mine.items.every((x: { recipient: { orgId: string } }) => x.recipient.orgId === w.eduBureau)).toBe(true);
    const theirs = ok(await w.recipient2.get('/api/inbox/duty-reminders'));
    expect(theirs.items.map((x: { id: string }) => x.id)).toEqual([toUser.id]);
    expect((await w.recipient2.get(`/api/inbox/duty-reminders/${toOrg.id}`)).statusCode).toBe(404);
    expect((await w.recipient.get(`/api/inbox/duty-reminders/${toUser.id}`)).statusCode).toBe(404);
    expect((await w.recipient.get(`/api/duty-reminders/${toOrg.id}`)).statusCode).toBe(403);

    const first = ok(await w.recipient.get(`/api/inbox/duty-reminders/${toOrg.id}`));
    expect(first.recipient.readAt).toBe(w.t.clock.now().toISOString());
    w.t.clock.advance(60_000);
    const again = ok(await w.recipient.get(`/api/inbox/duty-reminders/${toOrg.id}`));
    expect(again.recipient.readAt).toBe(first.recipient.readAt);
    expect(again.version).toBe(toOrg.version);
    const reads = await w.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, toOrg.id), eq(auditLog.action, 'dutyReminder.read')));
    expect(reads).toHaveLength(1);
    expect(ok(await w.staff.get(`/api/duty-reminders/${toOrg.id}`)).recipient.readAt).toBe(first.recipient.readAt);
  });

  it('answers only its own reminders, once per judgement, with its own uploaded files', async () => {
    await setDay('2026-12-15');
    const r = await send();
    const other = await send({
      recipient: { kind: 'sectorLeader', name: '交通运输局联络人', userId: w.recipient2UserId },
      commonProblemIds: [],
      findingIds: [],
    });
    const url = `/api/duty-reminders/${r.id}/answer`;
    const answer = { whatWasDone: '已印发通知，全面清理教辅资料收费，退还费用12万元。' };

    // The attachment goes up first (recipients only).
    expect((await w.t.app.inject({ method: 'POST', url: '/api/inbox/files' })).statusCode).toBe(401);
    expect((await upload(w.staff)).statusCode).toBe(403);
    expect((await w.recipient.post('/api/inbox/files', { file: 'x' })).statusCode).toBe(400);
    const filesBefore = (await w.t.database.db.select({ id: governanceFiles.id }).from(governanceFiles)).length;
    expect((await upload(w.recipient, Buffer.from('not really an image'))).statusCode).toBe(415);
    expect((await w.t.database.db.select({ id: governanceFiles.id }).from(governanceFiles)).length).toBe(filesBefore);
    const up = await upload(w.recipient);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ name: '落实情况照片.jpg', mime: 'image/jpeg' });
    const fileId = up.json().id as string;
    const foreign = ok(await upload(w.recipient2)).id as string;

    expect((await anon('POST', url, answer)).statusCode).toBe(401);
    expect((await w.staff.post(url, answer)).statusCode).toBe(403);
    expect((await w.recipient2.post(url, answer)).statusCode).toBe(404);
    expect((await w.recipient.post(`/api/duty-reminders/${other.id}/answer`, answer)).statusCode).toBe(404);
    expect((await w.recipient.post(url, { whatWasDone: '' })).statusCode).toBe(400);
    expect((await w.recipient.post(url, { ...answer, fileIds: [foreign] })).statusCode).toBe(400);
    expect((await w.recipient.post(url, { ...answer, fileIds: [uuidv7()] })).statusCode).toBe(400);
    expect(
      await w.t.database.db.select().from(dutyReminderAnswers).where(eq(dutyReminderAnswers.reminderId, r.id)),
    ).toHaveLength(0);

    // Before the answer lists it, only the uploader reads the file.
    expect((await w.staff.get(`/api/governance-files/${fileId}`)).statusCode).toBe(404);
    expect((await w.recipient.get(`/api/governance-files/${fileId}`)).statusCode).toBe(200);

    const done = await w.recipient.post(url, { ...answer, fileIds: [fileId] });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'submitted',
      colour: 'done',
      version: 2,
      answers: [
        {
          whatWasDone: answer.whatWasDone,
          fileIds: [fileId],
          files: [{ id: fileId, name: '落实情况照片.jpg' }],
          answeredOn: '2026-12-15',
          judgement: null,
        },
      ],
    });
    // The office reads the same attachment names on the reminder.
    expect(ok(await w.staff.get(`/api/duty-reminders/${r.id}`)).answers[0].files).toEqual([
      { id: fileId, name: '落实情况照片.jpg' },
    ]);
    expect(done.json().recipient.readAt).not.toBeNull();
    // Nothing is owed until the office judges: a second answer is refused.
    expect((await w.recipient.post(url, answer)).statusCode).toBe(409);
    // The same file cannot serve another reminder's answer.
    const r2 = await send();
    expect(
      (await w.recipient.post(`/api/duty-reminders/${r2.id}/answer`, { ...answer, fileIds: [fileId] })).statusCode,
    ).toBe(400);

    // The file: the uploader, the office of the reminder's authority; not another recipient or office.
    const dl = await w.staff.get(`/api/governance-files/${fileId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/jpeg');
    expect(dl.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect((await w.leader.get(`/api/governance-files/${fileId}`)).statusCode).toBe(200);
    expect((await w.recipient.get(`/api/governance-files/${fileId}`)).statusCode).toBe(200);
    expect((await w.recipient2.get(`/api/governance-files/${fileId}`)).statusCode).toBe(404);
    expect((await w.countyStaff.get(`/api/governance-files/${fileId}`)).statusCode).toBe(404);
    expect((await w.liaison.get(`/api/governance-files/${fileId}`)).statusCode).toBe(404);
    expect((await anon('GET', `/api/governance-files/${fileId}`)).statusCode).toBe(401);
    expect((await w.staff.get(`/api/governance-files/${uuidv7()}`)).statusCode).toBe(404);
    const reads = await w.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, fileId), eq(auditLog.action, 'governanceFile.read')));
    expect(reads.length).toBeGreaterThanOrEqual(3);
  });

  it('is refused the archive copies here (the archive has its own route)', async () => {
    const id = uuidv7();
    await w.t.database.db.insert(governanceFiles).values({
      id,
      authorityId: w.city,
      purpose: 'archive',
      name: '归档.docx',
      mime: 'application/octet-stream',
      kind: 'docx',
      size: 1,
      data: Buffer.from('x'),
      uploadedAt: w.t.clock.now(),
    });
    expect((await w.staff.get(`/api/governance-files/${id}`)).statusCode).toBe(404);
  });
});

describe('files of dual reports', () => {
  it('are read by the office of their authority or of an authority above it, no one else', async () => {
    const deps = w.t.app.deps;
    const stored = await storeGovernanceFile(deps, deps.db, null, {
      authorityId: w.county,
      purpose: 'dualReport',
      inspectionId: w.inspAuthorized,
      name: '向区委报告.jpg',
      mime: 'image/jpeg',
      kind: 'jpeg',
      data: JPEG,
    });
    const url = `/api/governance-files/${stored.id}`;
    // The city office granted on the city alone (no sub-authorities in its grant) still reaches it.
    const cityOnly = await w.user([{ role: 'officeStaff', scopeId: w.city }]);
    for (const s of [w.countyStaff, cityOnly, w.staff, w.leader]) {
      const res = await s.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(JPEG)).toBe(true);
    }
    const elsewhere = await makeAuthority(w.t, { name: '中共吉安市委巡察工作领导小组办公室' });
    const stranger = await w.user([{ role: 'officeStaff', scopeId: elsewhere, includeChildren: true }]);
    for (const s of [stranger, w.recipient, w.liaison]) expect((await s.get(url)).statusCode).toBe(404);
  });
});

describe('judging an answer', () => {
  it('insufficient moves the due date by working days; a late answer is overdue until given; then accepted', async () => {
    await setDay('2026-12-15');
    const r = await send({ answerDueInWorkingDays: 3 });
    expect(r.dueOn).toBe('2026-12-18');
    const url = `/api/duty-reminders/${r.id}/judge`;
    const insufficient = { judgement: 'insufficient', comment: '未说明退费的具体范围和金额。' };
    // Nothing to judge before an answer.
    expect((await w.staff.post(url, { version: r.version, ...insufficient })).statusCode).toBe(409);
    const answered = ok(await w.recipient.post(`/api/duty-reminders/${r.id}/answer`, { whatWasDone: '已组织自查。' }));
    expect((await anon('POST', url, { version: answered.version, ...insufficient })).statusCode).toBe(401);
    expect((await w.leader.post(url, { version: answered.version, ...insufficient })).statusCode).toBe(403);
    expect((await w.recipient.post(url, { version: answered.version, ...insufficient })).statusCode).toBe(403);
    expect((await w.countyStaff.post(url, { version: answered.version, ...insufficient })).statusCode).toBe(404);
    expect((await w.staff.post(url, { version: answered.version, judgement: 'insufficient' })).statusCode).toBe(400);
    expect((await w.staff.post(url, { version: answered.version, judgement: 'maybe' })).statusCode).toBe(400);
    expect((await w.staff.post(url, { version: answered.version - 1, ...insufficient })).statusCode).toBe(409);
    const row = (await w.t.database.db.select().from(dutyReminders).where(eq(dutyReminders.id, r.id)))[0];
    expect(row).toMatchObject({ judgement: null, version: answered.version, dueOn: '2026-12-18' });

    // Judged on 12-17 with a holiday on 12-21: five working days → 12-18, 22, 23, 24, 25.
    await setDay('2026-12-17');
    await w.t.database.db
      .insert(calendarEntries)
      .values({ id: uuidv7(), authorityId: w.city, date: '2026-12-21', kind: 'holiday', name: '测试假日' });
    const judged = await w.staff.post(url, { version: answered.version, ...insufficient });
    await w.t.database.db.delete(calendarEntries).where(eq(calendarEntries.authorityId, w.city));
    expect(judged.statusCode, judged.body).toBe(200);
    expect(judged.json()).toMatchObject({
      status: 'insufficient',
      dueOn: '2026-12-25',
      version: answered.version + 1,
      answers: [{ judgement: 'insufficient', judgedOn: '2026-12-17', comment: insufficient.comment }],
    });
    const listed = ok(await w.staff.get('/api/duty-reminders?status=insufficient'));
    expect(listed.items.map((x: { id: string }) => x.id)).toContain(r.id);

    // Past the new due date with no new answer: overdue.
    await setDay('2026-12-28');
    expect(ok(await w.recipient.get(`/api/inbox/duty-reminders/${r.id}`)).status).toBe('overdue');
    expect(
      ok(await w.staff.get('/api/duty-reminders?status=overdue')).items.map((x: { id: string }) => x.id),
    ).toContain(r.id);
    // A late answer is taken, and the office accepts it.
    const late = ok(
      await w.recipient.post(`/api/duty-reminders/${r.id}/answer`, { whatWasDone: '已退还全部费用并建立长效机制。' }),
    );
    expect(late).toMatchObject({ status: 'submitted', answers: [{}, { answeredOn: '2026-12-28', judgement: null }] });
    const accepted = ok(await w.officeLeader.post(url, { version: late.version, judgement: 'answered' }));
    expect(accepted).toMatchObject({ status: 'answered', colour: 'done', dueOn: '2026-12-25' });
    expect(accepted.answers.map((a: { judgement: string }) => a.judgement)).toEqual(['insufficient', 'answered']);
    expect(
      (await w.recipient.post(`/api/duty-reminders/${r.id}/answer`, { whatWasDone: '补充说明。' })).statusCode,
    ).toBe(409);
    const audit = await w.t.database.db.select().from(auditLog).where(eq(auditLog.objectId, r.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['dutyReminder.create', 'dutyReminder.answer', 'dutyReminder.judge']),
    );
  });

  it('of two judgements at once, one answers 200 and the other 409', async () => {
    await setDay('2026-12-15');
    const r = await send();
    const a = ok(await w.recipient.post(`/api/duty-reminders/${r.id}/answer`, { whatWasDone: '已组织自查。' }));
    const url = `/api/duty-reminders/${r.id}/judge`;
    const results = await Promise.all([
      w.staff.post(url, { version: a.version, judgement: 'answered' }),
      w.officeLeader.post(url, { version: a.version, judgement: 'insufficient', comment: '未说明整改时限。' }),
    ]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const row = (await w.t.database.db.select().from(dutyReminders).where(eq(dutyReminders.id, r.id)))[0];
    expect(row?.version).toBe(a.version + 1);
    const judgedAnswers = (
      await w.t.database.db.select().from(dutyReminderAnswers).where(eq(dutyReminderAnswers.reminderId, r.id))
    ).filter((x) => x.judgement !== null);
    expect(judgedAnswers).toHaveLength(1);
    expect(judgedAnswers[0]?.judgement).toBe(row?.judgement);
  });
});

describe('settings', () => {
  it('are read by the office and leaders, saved under the version by the office, and drive the due date', async () => {
    const url = `/api/authorities/${w.city}/governance-settings`;
    expect((await anon('GET', url)).statusCode).toBe(401);
    expect((await w.recipient.get(url)).statusCode).toBe(403);
    expect((await w.countyStaff.get(url)).statusCode).toBe(404);
    const s = ok(await w.leader.get(url));
    expect(s).toMatchObject({ authorityId: w.city, version: 0, settings: { reminderAnswerDays: 10 } });
    const put = (as: Session, b: unknown) => as.put(url, b);
    const next = { ...s.settings, reminderAnswerDays: 5, bulletinNumberPrefix: '赣巡办' };
    expect((await put(w.leader, { version: 0, settings: next })).statusCode).toBe(403);
    expect((await put(w.countyStaff, { version: 0, settings: next })).statusCode).toBe(404);
    expect((await put(w.staff, { version: 0, settings: { ...next, reminderAnswerDays: 0 } })).statusCode).toBe(400);
    expect(
      (await put(w.staff, { version: 0, settings: { ...next, bulletinNumberPrefix: '赣〔巡〕' } })).statusCode,
    ).toBe(400);
    expect(ok(await w.leader.get(url)).version).toBe(0);
    const saved = await Promise.all([
      put(w.staff, { version: 0, settings: next }),
      put(w.officeLeader, { version: 0, settings: next }),
    ]);
    expect(saved.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    expect(ok(await w.staff.get(url))).toMatchObject({ version: 1, settings: { reminderAnswerDays: 5 } });
    await setDay('2026-12-15');
    expect((await send()).dueOn).toBe('2026-12-22');
    ok(await put(w.staff, { version: 1, settings: s.settings }));
  });
});
