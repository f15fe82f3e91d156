import { SURVEY_TEMPLATES } from '@xc/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  petitionsFound,
  planInspection,
  SEARCHABLE_CALL,
  SEARCHABLE_CALL_WORDS,
  type Session,
  submissionMultipart,
  type TestContext,
} from '../../../test/helpers.ts';
import { rowsOf } from '../../platform/db.ts';

/**
 * Issue 10, item 8: what people write into a report, its conversation, the team's notes, the
 * attachments and free-text survey answers are nowhere in the database in clear — checked by
 * reading every row of every table as text — while the inbox, the receipt page, the ledger and the
 * keyword search still show and find them.
 */
let t: TestContext;
let staff: Session;
let leader: Session;
let inspectionId: string;
let target: string;
let code: string;

/** Marks no ciphertext (base64url) or hex rendering can produce by chance. */
const M = {
  reporterName: '陈标记甲',
  reporterPhone: '13907977731',
  subjectName: '王标记乙',
  subjectPost: '标记丙副局长',
  subjectOrg: '标记丁市场监管所',
  content: '标记戊：该所副所长长期违规使用公车办私事，节假日收受购物卡。',
  happenedWhen: '标记己二〇二六年春节前',
  place: '标记庚局机关大院',
  fileName: '标记辛现场照片',
  fileBytes: 'XCMARKFILEBYTES',
  followUp: '标记壬：补充一张照片，车牌为赣B标记。',
  forwardTo: '标记癸市纪委监委',
  decisionNote: '标记子：结合个别谈话核实。',
  reply: '标记丑：您反映的问题已收悉，巡察组正在核实。',
  letter: '标记寅：来信反映局属中心违规发放津贴补贴，涉及金额较大。',
  surveyText: '标记卯：希望巡察组多到基层站所走走。',
};

const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z',
  'base64',
);
/** The photo with the mark inside its image data, which the cleaner keeps byte for byte. */
const MARKED_JPEG = (() => {
  const b = Buffer.from(JPEG);
  b.write(M.fileBytes, JPEG.indexOf(Buffer.from([0xff, 0xda])) + 20, 'latin1');
  return b;
})();

const pub = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

let receipt = '';
let petitionId = '';
let surveyId = '';

beforeAll(async () => {
  t = await buildTestApp({ trustProxy: true, publicRateLimitPerMinute: 100_000, totpRequiredByDefault: false });
  t.clock.set('2026-11-27T10:00:00+08:00');
  const city = await makeAuthority(t, { name: '赣州市委巡察办' });
  target = await makeOrg(t, { authorityId: city, name: '赣州市市场监督管理局' });
  staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
  leader = await loginAs(t, { role: 'officeLeader', scopeId: city });
  ({ inspectionId } = await planInspection(staff, { authorityId: city, targetOrgIds: [target] }));
  code = (await staff.get(`/api/inspections/${inspectionId}/public-codes`)).json().items[0].code;

  // A named report with a photo, through the code.
  const form = submissionMultipart(
    {
      anonymous: false,
      reporterName: M.reporterName,
      reporterPhone: M.reporterPhone,
      subjectName: M.subjectName,
      subjectPost: M.subjectPost,
      subjectOrg: M.subjectOrg,
      content: M.content,
      happenedWhen: M.happenedWhen,
      place: M.place,
    },
    [{ name: `${M.fileName}.jpg`, body: MARKED_JPEG }],
  );
  const r = await pub('POST', `/api/public/codes/${code}/reports`, form.payload, form.headers);
  expect(r.statusCode, r.body).toBe(201);
  receipt = r.json().receipt;
  petitionId = (await staff.get('/api/petitions')).json().items[0].id;
  // The reporter adds to it, with another photo; the team forwards it with a note, and replies.
  const more = submissionMultipart({ receipt, body: M.followUp }, [{ name: `${M.fileName}2.jpg`, body: MARKED_JPEG }]);
  expect((await pub('POST', '/api/public/receipts/messages', more.payload, more.headers)).statusCode).toBe(201);
  const moved = await staff.post(`/api/petitions/${petitionId}/triage`, {
    version: 1,
    to: 'forwarded',
    forwardTo: M.forwardTo,
    note: M.decisionNote,
  });
  expect(moved.statusCode, moved.body).toBe(200);
  expect((await staff.post(`/api/petitions/${petitionId}/replies`, { body: M.reply })).statusCode).toBe(201);
  // A letter registered by hand.
  const letter = await staff.post(`/api/inspections/${inspectionId}/petitions`, {
    channel: 'letter',
    orgId: target,
    anonymous: true,
    content: M.letter,
    receivedOn: '2026-11-25',
  });
  expect(letter.statusCode, letter.body).toBe(201);
  // A survey answered with free text.
  const tpl = SURVEY_TEMPLATES[1];
  if (!tpl) throw new Error('template');
  const s = await staff.post('/api/surveys', {
    kind: tpl.kind,
    title: tpl.title,
    targetType: 'inspection',
    targetId: inspectionId,
    questions: tpl.questions,
    keyQuestionId: tpl.keyQuestionId,
  });
  surveyId = s.json().id;
  const opened = await staff.post(`/api/surveys/${surveyId}/status`, { version: 1, to: 'open' });
  const answer = await pub('POST', `/api/public/surveys/${opened.json().openCode}/answers`, {
    answers: { q1: 0, q2: 0, q3: M.surveyText },
  });
  expect(answer.statusCode, answer.body).toBe(201);
});
afterAll(async () => t.close());

/** Every row of every table (the migrations' bookkeeping included), as PostgreSQL prints it. */
async function everyRow(): Promise<{ table: string; text: string }[]> {
  const tables = rowsOf<{ schema: string; name: string }>(
    await t.database.db.execute(sql`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`),
  );
  const out: { table: string; text: string }[] = [];
  for (const x of tables) {
    const rows = rowsOf<{ r: string }>(
      await t.database.db.execute(sql.raw(`select t::text as r from "${x.schema}"."${x.name}" t`)),
    );
    for (const r of rows) out.push({ table: `${x.schema}.${x.name}`, text: r.r });
  }
  return out;
}

describe('data at rest', () => {
  it('no mark is in any row of any table, in clear or as bytea hex', async () => {
    const rows = await everyRow();
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.some((r) => r.table === 'public.petitions')).toBe(true);
    // The scan does read what is kept in clear by design: the questionnaire's own title.
    expect(rows.some((r) => r.table === 'public.surveys' && r.text.includes(SURVEY_TEMPLATES[1]?.title ?? '-'))).toBe(
      true,
    );
    for (const [field, mark] of Object.entries(M)) {
      const hex = Buffer.from(mark, 'utf8').toString('hex');
      const found = rows.filter((r) => r.text.includes(mark) || r.text.includes(hex));
      expect(
        found.map((r) => r.table),
        field,
      ).toEqual([]);
    }
  });

  it('what was sealed still reads back: the inbox, the identity, the receipt page, the file, the ledger, the results', async () => {
    const detail = (await staff.get(`/api/petitions/${petitionId}`)).json();
    expect(detail).toMatchObject({
      subjectName: M.subjectName,
      subjectPost: M.subjectPost,
      subjectOrg: M.subjectOrg,
      content: M.content,
      happenedWhen: M.happenedWhen,
      place: M.place,
      forwardTo: M.forwardTo,
      decisionNote: M.decisionNote,
    });
    expect(detail.files.map((f: { name: string }) => f.name)).toEqual([`${M.fileName}.jpg`]);
    expect(detail.messages.map((m: { body: string }) => m.body)).toEqual([M.followUp, M.reply]);
    expect(detail.events.find((e: { action: string }) => e.action === '转交').note).toContain(M.forwardTo);
    await leader.reauth();
    const who = await leader.post(`/api/petitions/${petitionId}/identity`);
    expect(who.json()).toEqual({ reporterName: M.reporterName, reporterPhone: M.reporterPhone });
    const view = (await pub('POST', '/api/public/receipts', { receipt })).json();
    expect(view.content).toBe(M.content);
    expect(view.messages.map((m: { body: string }) => m.body)).toEqual([M.followUp, M.reply]);
    const file = await staff.get(`/api/petition-files/${detail.files[0].id}`);
    expect(file.rawPayload.includes(Buffer.from(M.fileBytes))).toBe(true);
    const results = (await staff.get(`/api/surveys/${surveyId}/results`)).json();
    expect(results.questions.find((q: { id: string }) => q.id === 'q3').texts).toEqual([
      { text: M.surveyText, verified: false },
    ]);
    await staff.reauth();
    const ledger = await staff.get(`/api/petitions/export.xlsx?q=${encodeURIComponent('标记戊')}`);
    expect(ledger.statusCode).toBe(200);
  });
});

describe('keyword search over sealed text', () => {
  it('finds content, subject, post and organization, whatever the width or case, with % and _ literal', async () => {
    const call = await staff.post(`/api/inspections/${inspectionId}/petitions`, { ...SEARCHABLE_CALL, orgId: target });
    expect(call.statusCode, call.body).toBe(201);
    const found = (q: string) => petitionsFound(staff, q);
    for (const q of SEARCHABLE_CALL_WORDS) expect(await found(q), q).toEqual([call.json().id]);
    expect(await found('_')).toEqual([]);
    expect(await found('标记丁市场')).toEqual([petitionId]);
    expect(await found('王标记乙')).toEqual([petitionId]);
    expect(await found('标记壬')).toEqual([]);
  });

  it('pages with the keyset cursor and counts per status under the keyword, as without one', async () => {
    const ids: string[] = [];
    for (const day of ['2026-11-20', '2026-11-21', '2026-11-22']) {
      const r = await staff.post(`/api/inspections/${inspectionId}/petitions`, {
        channel: 'visit',
        orgId: target,
        anonymous: true,
        content: `来访反映：分页检索测试，某站所收费不开票（${day}）。`,
        receivedOn: day,
      });
      ids.push(r.json().id);
    }
    const q = encodeURIComponent('分页检索');
    const first = (await staff.get(`/api/petitions?q=${q}&limit=2`)).json();
    expect(first.total).toBe(3);
    expect(first.statusCounts.received).toBe(3);
    expect(first.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    const second = (await staff.get(`/api/petitions?q=${q}&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    const closed = await staff.post(`/api/petitions/${ids[0]}/triage`, { version: 1, to: 'closed' });
    expect(closed.statusCode).toBe(200);
    const onlyClosed = (await staff.get(`/api/petitions?q=${q}&status=closed`)).json();
    expect(onlyClosed.total).toBe(1);
    expect(onlyClosed.statusCounts).toMatchObject({ received: 2, closed: 1 });
    expect((await staff.get(`/api/petitions?q=${q}&cursor=bad`)).statusCode).toBe(400);
  });
});
