import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SURVEY_TEMPLATES } from '@xc/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  planInspection,
  type Session,
  type TestContext,
} from '../../test/helpers.ts';
import {
  auditLog,
  petitionEvents,
  petitionFiles,
  petitionMessages,
  petitions,
  surveyAnswers,
  surveySpentTokens,
} from '../db/schema/index.ts';
import { sealReports } from '../modules/petitions/petitions.at-rest.ts';
import { sealPendingTable } from '../platform/at-rest.ts';
import { BlobCipher, blobKeyVersion } from '../platform/blob-cipher.ts';
import { MIGRATIONS_DIR, rowsOf } from '../platform/db.ts';
import { FieldCipher, loadKeyRing } from '../platform/keys.ts';
import { addFieldKey, reencryptFields, sealPendingFields } from './rotate-keys.ts';

/**
 * The upgrade of a database from before issue 10: its rows are put back the way the old schema
 * held them (texts in clear, `token_key` on answers, files unsealed), migrations 0011 and 0012 run
 * as written, then the first-start sealing — interrupted once, then run to the end, then again.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-seal-'));
const keyFile = path.join(dir, 'field-keys.json');
let t: TestContext;
let staff: Session;
let inspectionId: string;
let batchId: string;
let surveyId: string;

const OLD = {
  content: '旧版正文：某局副局长长期违规使用公车办私事。',
  subjectName: '旧版王某某',
  place: '旧版局机关',
  forwardTo: '旧版市纪委监委',
  decisionNote: '旧版办理意见',
  body: '旧版补充：车牌为赣B旧版。',
  note: '旧版转交备注',
  fileName: '旧版../../evil.html',
  text: '旧版意见：希望多到基层走走。',
  gps: 'GPS 25.8312N 114.9335E',
};

const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z',
  'base64',
);
/** A photo as it was stored before: with a comment carrying the position, which cleaning drops. */
const OLD_PHOTO = Buffer.concat([
  JPEG.subarray(0, 2),
  Buffer.from([0xff, 0xfe, 0, OLD.gps.length + 2]),
  Buffer.from(OLD.gps, 'latin1'),
  JPEG.subarray(2),
]);

const run = (q: string) => t.database.db.execute(sql.raw(q));

/** A migration's statements, as drizzle runs them. */
async function migration(prefix: string) {
  const file = fs.readdirSync(MIGRATIONS_DIR).find((f) => f.startsWith(prefix)) as string;
  for (const stmt of fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint'))
    if (stmt.trim()) await run(stmt);
}

beforeAll(async () => {
  t = await buildTestApp({
    keyFile,
    trustProxy: true,
    publicRateLimitPerMinute: 100_000,
    totpRequiredByDefault: false,
  });
  t.clock.set('2026-11-27T10:00:00+08:00');
  const city = await makeAuthority(t, { name: '赣州市委巡察办' });
  const org = await makeOrg(t, { authorityId: city, name: '赣州市财政局' });
  staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
  ({ inspectionId } = await planInspection(staff, { authorityId: city, targetOrgIds: [org] }));
  const code = (await staff.get(`/api/inspections/${inspectionId}/public-codes`)).json().items[0].code;
  for (let i = 0; i < 3; i++) {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/public/codes/${code}/reports`,
      payload: { anonymous: true, content: `第${i + 1}件：某站所收费不开票，群众反映强烈。` },
    });
    expect(r.statusCode, r.body).toBe(201);
  }
  const tpl = SURVEY_TEMPLATES[1];
  if (!tpl) throw new Error('template');
  surveyId = (
    await staff.post('/api/surveys', {
      kind: tpl.kind,
      title: tpl.title,
      targetType: 'inspection',
      targetId: inspectionId,
      questions: tpl.questions,
      keyQuestionId: tpl.keyQuestionId,
    })
  ).json().id;
  await staff.post(`/api/surveys/${surveyId}/status`, { version: 1, to: 'open' });
  batchId = (await staff.post(`/api/surveys/${surveyId}/batches`, { count: 10 })).json().id;

  // ------------------------------------------------ back to the schema and rows of before
  await run(`alter table petitions add column content text, add column search_key text not null default '',
    add column subject_name text, add column subject_post text, add column subject_org text,
    add column happened_when text, add column place text, add column forward_to text, add column decision_note text`);
  await run('alter table petition_messages add column body text');
  await run('alter table petition_files add column name text');
  await run('alter table petition_events add column note text');
  await run('alter table survey_answers add column token_key text');
  await run('create unique index survey_answers_token_uq on survey_answers (token_key)');
  const [first] = await t.database.db.select().from(petitions).orderBy(petitions.id).limit(1);
  if (!first) throw new Error('no petition');
  await run(`update petitions set content = 'legacy ' || id, content_enc = null, search_enc = null`);
  await t.database.db.execute(sql`
    update petitions set content = ${OLD.content}, subject_name = ${OLD.subjectName}, place = ${OLD.place},
      forward_to = ${OLD.forwardTo}, decision_note = ${OLD.decisionNote}, status = 'forwarded'
    where id = ${first.id}`);
  const messageId = '0190a000-0000-4000-8000-000000000001';
  const eventId = '0190a000-0000-4000-8000-000000000002';
  const fileId = '0190a000-0000-4000-8000-000000000003';
  await t.database.db.execute(sql`
    insert into petition_messages (id, petition_id, seq, sender, body, on_date)
    values (${messageId}, ${first.id}, 1, 'reporter', ${OLD.body}, '2026-11-26')`);
  await t.database.db.execute(sql`
    insert into petition_events (id, petition_id, at, action, note, actor_name)
    values (${eventId}, ${first.id}, now(), '转交', ${OLD.note}, '张三')`);
  await t.database.db.insert(petitionFiles).values({
    id: fileId,
    petitionId: first.id,
    messageId: null,
    nameEnc: null,
    mime: 'image/jpeg',
    kind: 'image',
    size: OLD_PHOTO.length,
    data: OLD_PHOTO,
  });
  await t.database.db.execute(sql`update petition_files set name = ${OLD.fileName} where id = ${fileId}`);
  const answerId = '0190a000-0000-4000-8000-000000000004';
  await t.database.db.execute(sql`
    insert into survey_answers (id, survey_id, token_key, verified, answered_on, answers)
    values (${answerId}, ${surveyId}, ${`${batchId}:3`}, true, '2026-11-20', ${JSON.stringify({ q1: 0, q2: 0, q3: OLD.text })}::jsonb)`);

  // ------------------------------------------------ the upgrade, as written
  await migration('0011_');
  await migration('0012_');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function everyRowText(): Promise<string> {
  const tables = rowsOf<{ s: string; n: string }>(
    await t.database.db.execute(sql`
      select table_schema as s, table_name as n from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`),
  );
  const out: string[] = [];
  for (const x of tables)
    for (const r of rowsOf<{ r: string }>(await run(`select t::text as r from "${x.s}"."${x.n}" t`))) out.push(r.r);
  return out.join('\n');
}

describe('first start after the upgrade', () => {
  it('the migration sets the clear values aside, cuts the token key from the answer and drops the clear columns', async () => {
    const pending = rowsOf<{ tbl: string; col: string; n: number }>(
      await run('select tbl, col, count(*)::int as n from at_rest_pending group by tbl, col order by tbl, col'),
    );
    expect(pending).toEqual(
      expect.arrayContaining([
        { tbl: 'petitions', col: 'content', n: 3 },
        { tbl: 'petitions', col: 'forward_to', n: 1 },
        { tbl: 'petition_messages', col: 'body', n: 1 },
        { tbl: 'petition_events', col: 'note', n: 1 },
        { tbl: 'petition_files', col: 'name', n: 1 },
        { tbl: 'survey_answers', col: 'texts', n: 1 },
        { tbl: 'survey_answers', col: 'token_key', n: 1 },
      ]),
    );
    const [a] = await t.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.surveyId, surveyId));
    expect(a).toMatchObject({ batchId, answers: { q1: 0, q2: 0 }, textsEnc: null });
    const cols = rowsOf<{ c: string }>(
      await run(
        `select column_name as c from information_schema.columns where table_name in ('petitions', 'survey_answers')`,
      ),
    ).map((x) => x.c);
    for (const gone of ['content', 'search_key', 'subject_name', 'token_key']) expect(cols).not.toContain(gone);
  });

  it('an interrupted run keeps what it sealed; the next run finishes without sealing anything twice', async () => {
    const seal = sealReports({ cipher: new FieldCipher(t.app.deps.keys), keys: t.app.deps.keys });
    let slices = 0;
    await expect(
      sealPendingTable(
        t.database.db,
        'petitions',
        async (tx, values) => {
          if (++slices === 2) throw new Error('power cut');
          await seal(tx, values);
        },
        1,
      ),
    ).rejects.toThrow('power cut');
    const half = (await t.database.db.select().from(petitions)).filter((p) => p.contentEnc);
    expect(half).toHaveLength(1);
    const sealedOnce = half[0]?.contentEnc;

    const r = await sealPendingFields(t.database.db, t.app.deps.keys, t.clock);
    expect(r).toEqual({ reports: 2, messages: 1, events: 1, names: 1, files: 1, answers: 1 });
    expect(
      (
        await t.database.db
          .select()
          .from(petitions)
          .where(eq(petitions.id, half[0]?.id as string))
      )[0]?.contentEnc,
    ).toBe(sealedOnce);
    expect(rowsOf(await run('select * from at_rest_pending'))).toEqual([]);
    const again = await sealPendingFields(t.database.db, t.app.deps.keys, t.clock);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'keys.sealPending'));
    expect(audits).toHaveLength(1);
  });

  it('every old value reads back through the application, and none is left in any row', async () => {
    const all = await everyRowText();
    for (const v of Object.values(OLD)) {
      expect(all).not.toContain(v);
      expect(all).not.toContain(Buffer.from(v, 'utf8').toString('hex'));
    }
    const hits = (await staff.get(`/api/petitions?q=${encodeURIComponent('旧版正文')}`)).json();
    expect(hits.total).toBe(1);
    const detail = (await staff.get(`/api/petitions/${hits.items[0].id}`)).json();
    expect(detail).toMatchObject({
      content: OLD.content,
      subjectName: OLD.subjectName,
      place: OLD.place,
      forwardTo: OLD.forwardTo,
      decisionNote: OLD.decisionNote,
    });
    expect(detail.messages[0].body).toBe(OLD.body);
    expect(detail.events.find((e: { action: string }) => e.action === '转交').note).toBe(OLD.note);
    // The old name served under the kind of its bytes; the old photo cleaned of its position.
    expect(detail.files).toEqual([expect.objectContaining({ name: 'evil.jpg', mime: 'image/jpeg' })]);
    const file = await staff.get(`/api/petition-files/${detail.files[0].id}`);
    expect(file.rawPayload.equals(JPEG.subarray(0, JPEG.length))).toBe(false);
    expect(file.rawPayload.includes(Buffer.from(OLD.gps))).toBe(false);
    expect(file.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    // The used link is spent, apart from its answer; the answer's text is sealed and still tallied.
    expect(await t.database.db.select().from(surveySpentTokens)).toHaveLength(1);
    const results = (await staff.get(`/api/surveys/${surveyId}/results`)).json();
    expect(results.questions.find((q: { id: string }) => q.id === 'q3').texts).toEqual([
      { text: OLD.text, verified: true },
    ]);
    const { signToken } = await import('../modules/surveys/surveys.service.ts');
    const spent = await t.app.inject({
      method: 'GET',
      url: `/api/public/surveys/${signToken(t.app.deps.keys, batchId, 3)}`,
    });
    expect(spent.json()).toMatchObject({ spent: true });
  });

  it('a key rotation then rewrites every sealed column and file under the new key', async () => {
    const ring = addFieldKey(keyFile);
    const r = await reencryptFields(t.database.db, ring, t.clock, 2);
    const by = (table: string, column: string) => r.find((x) => x.table === table && x.column === column)?.rewritten;
    expect(by('petitions', 'content')).toBe(3);
    expect(by('petitions', 'search')).toBe(3);
    expect(by('petition_messages', 'body')).toBe(1);
    expect(by('petition_files', 'data')).toBe(1);
    expect(by('survey_answers', 'texts')).toBe(1);
    const [f] = await t.database.db.select().from(petitionFiles);
    expect(blobKeyVersion(f?.data as Buffer)).toBe(2);
    const plain = await new BlobCipher(loadKeyRing(keyFile)).open(
      'petition_files',
      f?.id as string,
      'data',
      f?.data as Buffer,
    );
    expect(plain.subarray(0, 2).toString('hex')).toBe('ffd8');
    const [m] = await t.database.db.select().from(petitionMessages);
    expect(m?.bodyEnc?.startsWith('v2.')).toBe(true);
    const [e] = await t.database.db.select().from(petitionEvents).where(eq(petitionEvents.action, '转交'));
    expect(new FieldCipher(ring).decrypt('petition_events', e?.id as string, 'note', e?.noteEnc as string)).toBe(
      OLD.note,
    );
    expect((await reencryptFields(t.database.db, ring, t.clock)).every((x) => x.rewritten === 0)).toBe(true);
  });
});
