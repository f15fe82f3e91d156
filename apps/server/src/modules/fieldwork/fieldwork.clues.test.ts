import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeUser } from '../../../test/helpers.ts';
import { auditLog, clueSubjects, clues, inspectors, teamMembers } from '../../db/schema/index.ts';
import { reencryptFields } from '../../ops/rotate-keys.ts';
import { rowsOf } from '../../platform/db.ts';
import { FieldCipher } from '../../platform/keys.ts';
import { buildOffice, type Office, ok, type Site } from './fieldwork.fixture.ts';

// 问题线索: counted in 件 and 人; invisible to the inspected organization's people, to anyone named in
// it and to other teams and offices — in the detail, the lists, the counts and the documents; every
// read audited; transferred in batches to a registry organization whose case handlers alone see them.

let o: Office;
beforeAll(async () => {
  o = await buildOffice({ inspectors, teamMembers });
  const cur = ok(await o.staff.get(`/api/authorities/${o.city}/fieldwork-settings`));
  ok(
    await o.staff.put(`/api/authorities/${o.city}/fieldwork-settings`, {
      version: cur.version,
      settings: { ...cur.settings, receiverOrgs: { discipline: o.discipline, organization: o.organization } },
    }),
  );
});
afterAll(async () => o.t.close());

const clue = (over: Record<string, unknown> = {}) => ({
  subjects: [
    { name: '李某某', post: '局党组成员、副局长' },
    { name: '张某', post: '财务科科长' },
  ],
  discipline: 'integrity',
  facts: '反映李某某在分管财务工作期间，指使张某以虚开会议费发票方式套取资金约8万元，用于个人消费。',
  ...over,
});

const create = async (s: Site, over: Record<string, unknown> = {}) => {
  const r = await s.member.post(`/api/inspections/${s.inspectionId}/clues`, clue(over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
};

describe('recording clues', () => {
  it('401, 404 for those without the permission or out of reach, 400 writing nothing, 201 for the team', async () => {
    const s = await o.site();
    const url = `/api/inspections/${s.inspectionId}/clues`;
    expect((await o.t.app.inject({ method: 'POST', url, payload: clue() })).statusCode).toBe(401);
    for (const who of [o.liaison, o.staff, o.caseHandler, o.leaderRole, s.outsider, o.countyStaff])
      expect((await who.post(url, clue())).statusCode).toBe(404);
    const before = await o.t.database.db.select({ n: sql<number>`count(*)::int` }).from(clues);
    expect((await s.member.post(url, clue({ subjects: [] }))).json().message).toBe('请至少填写一名被反映人');
    expect((await s.member.post(url, clue({ discipline: 'money' }))).statusCode).toBe(400);
    const dup = await s.member.post(
      url,
      clue({
        subjects: [
          { name: '李某某', post: '副局长' },
          { name: '李 某某', post: '副局长' },
        ],
      }),
    );
    expect(dup.statusCode).toBe(400);
    const affiliated = await s.affiliated.post(url, clue());
    expect(affiliated.statusCode).toBe(400);
    expect(affiliated.json().message).toContain('存在关联');
    const self = await s.member.post(url, clue({ subjects: [{ name: s.member.name, post: '科员' }] }));
    expect(self.statusCode).toBe(400);
    expect(await o.t.database.db.select({ n: sql<number>`count(*)::int` }).from(clues)).toEqual(before);
    const c = await create(s);
    expect(c).toMatchObject({
      status: 'draft',
      suggestedReceiver: 'discipline',
      orgName: '赣州市财政局',
      receiver: null,
    });
    expect(c.subjects.map((x: { name: string }) => x.name)).toEqual(['李某某', '张某']);
  });

  it('stores the facts and the people encrypted, with keyed hashes only', async () => {
    const s = await o.site();
    const c = await create(s);
    const row = (await o.t.database.db.select().from(clues).where(eq(clues.id, c.id)))[0];
    expect(row?.factsEnc).toMatch(/^v1\./);
    const subjects = await o.t.database.db.select().from(clueSubjects).where(eq(clueSubjects.clueId, c.id));
    expect(subjects).toHaveLength(2);
    for (const x of subjects) {
      expect(x.nameEnc).toMatch(/^v1\./);
      expect(x.personHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(x)).not.toContain('李某某');
    }
  });
});

describe('who sees a clue', () => {
  it('hides it from the organization’s people, from the person named and from other teams — detail, lists, the inspection’s, round’s and term’s counts, and documents', async () => {
    const s = await o.site();
    // An account whose display name is one of the people named: a 组员 on the same team.
    const named = await makeUser(o.t, { displayName: '张某', grants: [{ role: 'teamMember', scopeId: o.city }] });
    await o.t.database.db.execute(sql`update inspectors set user_id = ${named.id} where id = ${s.member2.inspectorId}`);
    const subject = await login(o.t, named.username, named.password);
    const blind = [
      ['the liaison', o.liaison],
      ['a team member from the organization', s.affiliated],
      ['the person named', subject],
      ['another team', s.outsider],
      ['another office', o.countyStaff],
      ['the 组织部 case handler (not transferred)', o.orgCaseHandler],
    ] as const;
    await Promise.all([
      s.affiliated.reauth(),
      subject.reauth(),
      s.outsider.reauth(),
      o.liaison.reauth(),
      o.orgCaseHandler.reauth(),
    ]);
    // The round's and the term's figures and the term's list, as each caller sees them before the
    // clue exists (the term holds other tests' inspections): the clue must change none of them.
    const wide = async (sess: (typeof blind)[number][1]) => {
      const read = async (url: string) => {
        const res = await sess.get(url);
        return res.statusCode === 200 ? res.json() : res.statusCode;
      };
      const pick = (x: unknown) =>
        typeof x === 'number'
          ? x
          : { clues: (x as { clues: unknown }).clues, moved: (x as { transferredClues: unknown }).transferredClues };
      const list = await read(`/api/clues?termId=${s.termId}`);
      return {
        round: pick(await read(`/api/rounds/${s.roundId}/fieldwork-summary`)),
        term: pick(await read(`/api/terms/${s.termId}/fieldwork-summary`)),
        list: typeof list === 'number' ? list : { total: list.total, persons: list.persons },
      };
    };
    const before = await Promise.all(blind.map(([, sess]) => wide(sess)));
    const c = await create(s);
    for (const [i, [who, sess]] of blind.entries()) {
      expect(await wide(sess), who).toEqual(before[i]);
      expect((await sess.get(`/api/clues/${c.id}`)).statusCode, who).toBe(404);
      const list = await sess.get(`/api/clues?inspectionId=${s.inspectionId}`);
      if (list.statusCode === 200) expect(list.json(), who).toMatchObject({ total: 0, persons: 0, items: [] });
      else expect(list.statusCode, who).toBe(404);
      const sum = await sess.get(`/api/inspections/${s.inspectionId}/summary`);
      if (sum.statusCode === 200) expect(sum.json().clues, who).toEqual({ cases: 0, persons: 0, personTimes: 0 });
      else expect([403, 404], who).toContain(sum.statusCode);
      expect([403, 404], who).toContain(
        (await sess.get(`/api/inspections/${s.inspectionId}/clue-report.docx`)).statusCode,
      );
      expect([403, 404], who).toContain(
        (await sess.patch(`/api/clues/${c.id}`, { version: 1, facts: '改' })).statusCode,
      );
    }
    // The team itself and the office see it, counted in 件 and 人, in the round's figures too.
    for (const sess of [s.member, s.leader, o.staff]) {
      const list = ok(await sess.get(`/api/clues?inspectionId=${s.inspectionId}`));
      expect(list).toMatchObject({ total: 1, persons: 2, personTimes: 2 });
    }
    const round = ok(await o.staff.get(`/api/rounds/${s.roundId}/fieldwork-summary`));
    expect(round.clues).toEqual({ cases: 1, persons: 2, personTimes: 2 });
    await s.leader.reauth();
    const doc = await s.leader.get(`/api/inspections/${s.inspectionId}/clue-report.docx`);
    expect(doc.statusCode).toBe(200);
  });

  it('audits every read: the detail per clue, a list as one event naming the clues', async () => {
    const s = await o.site();
    const a = await create(s);
    const b = await create(s, { subjects: [{ name: '王某', post: '办公室主任' }], discipline: 'work' });
    ok(await s.leader.get(`/api/clues/${a.id}`));
    const list = ok(await s.leader.get(`/api/clues?inspectionId=${s.inspectionId}`));
    expect(list.total).toBe(2);
    const reads = await o.t.database.db.select().from(auditLog).where(eq(auditLog.actorId, s.leader.userId));
    expect(reads.filter((r) => r.action === 'clue.read').map((r) => r.objectId)).toEqual([a.id]);
    const listed = reads.find((r) => r.action === 'clue.list');
    expect(((listed?.detail ?? { ids: [] }) as { ids: string[] }).ids.sort()).toEqual([a.id, b.id].sort());
  });

  it('counts a person named in two clues once in 人 and twice in 人次', async () => {
    const s = await o.site();
    await create(s);
    await create(s, { subjects: [{ name: '李某某', post: '局党组成员、副局长' }], discipline: 'political' });
    const list = ok(await o.staff.get(`/api/clues?inspectionId=${s.inspectionId}&limit=1`));
    expect(list).toMatchObject({ total: 2, persons: 2, personTimes: 3 });
    expect(list.items).toHaveLength(1);
    expect(list.nextCursor).not.toBeNull();
    const sum = ok(await o.staff.get(`/api/inspections/${s.inspectionId}/summary`));
    expect(sum.clues).toEqual({ cases: 2, persons: 2, personTimes: 3 });
  });
});

describe('transfer, disposal, result and write-off', () => {
  it('transfers a batch once per Idempotency-Key, to the receiver’s organization; the case handler sees only its own', async () => {
    const s = await o.site();
    const a = await create(s);
    const b = await create(s, {
      subjects: [{ name: '刘某', post: '人事科科长', level: 'sectionLevel' }],
      discipline: 'organizational',
    });
    const body = {
      clueIds: [a.id],
      receiver: 'discipline',
      transferredOn: '2026-11-27',
      letterNumber: '赣市巡函〔2026〕7号',
    };
    expect((await s.leader.post('/api/clue-transfers', body)).statusCode).toBe(404);
    const future = await o.staff.request('POST', '/api/clue-transfers', { ...body, transferredOn: '2026-12-01' });
    expect(future.statusCode).toBe(400);
    const headers = { 'idempotency-key': `k-${a.id}` };
    const [r1, r2] = await Promise.all([
      o.staff.request('POST', '/api/clue-transfers', body, headers),
      o.staff.request('POST', '/api/clue-transfers', body, headers),
    ]);
    expect([r1.statusCode, r2.statusCode]).toEqual([201, 201]);
    expect(r1.json().id).toBe(r2.json().id);
    expect(r1.json()).toMatchObject({
      receiverOrgId: o.discipline,
      receiverOrgName: '赣州市纪委监委',
      clueCount: 1,
      personCount: 2,
      clueIds: [a.id],
    });
    const other = await o.staff.request('POST', '/api/clue-transfers', { ...body, clueIds: [b.id] }, headers);
    expect(other.statusCode).toBe(409);
    expect((await o.staff.post('/api/clue-transfers', body)).json().message).toContain('已移交');
    ok(
      await o.staff.post('/api/clue-transfers', {
        clueIds: [b.id],
        receiver: 'organization',
        transferredOn: '2026-11-27',
      }),
    );
    const mine = ok(await o.caseHandler.get('/api/case-handling/clues'));
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([a.id]);
    expect(ok(await o.orgCaseHandler.get('/api/case-handling/clues')).items.map((c: { id: string }) => c.id)).toEqual([
      b.id,
    ]);
    expect((await o.caseHandler.get(`/api/clues/${b.id}`)).statusCode).toBe(404);
    expect(ok(await o.caseHandler.get(`/api/clues/${a.id}`)).facts).toContain('虚开会议费发票');
    expect((await s.member.get('/api/case-handling/clues')).statusCode).toBe(404);
    await o.staff.reauth();
    const letter = await o.staff.get(`/api/clue-transfers/${r1.json().id}/letter.docx`);
    expect(letter.statusCode).toBe(200);
    // Every read of a clue leaves a trace: the case handler's list and the letter naming the clues.
    const audited = async (actorId: string, action: string) =>
      (await o.t.database.db.select().from(auditLog).where(eq(auditLog.actorId, actorId)))
        .filter((r) => r.action === action)
        .map((r) => r.detail as Record<string, unknown>);
    expect(await audited(o.caseHandler.userId, 'clue.listReceived')).toContainEqual(
      expect.objectContaining({ ids: [a.id] }),
    );
    expect(await audited(o.staff.userId, 'clue.exportTransferLetter')).toContainEqual(
      expect.objectContaining({ batchId: r1.json().id, clueIds: [a.id] }),
    );
  });

  it('takes the disposal and the result from the case handler, and the write-off from the office once the result is in', async () => {
    const s = await o.site();
    const a = await create(s);
    const early = await o.staff.post('/api/clue-transfers', {
      clueIds: [a.id],
      receiver: 'discipline',
      transferredOn: '2026-11-20',
    });
    expect(early.json().message).toBe('移交日期不能早于线索登记日期（2026-11-27）');
    ok(
      await o.staff.post('/api/clue-transfers', {
        clueIds: [a.id],
        receiver: 'discipline',
        transferredOn: '2026-11-27',
      }),
    );
    let c = ok(await o.caseHandler.get(`/api/clues/${a.id}`));
    expect(c).toMatchObject({ status: 'transferred', feedbackDue: '2027-02-27', feedbackColour: 'green' });
    const notYet = await o.staff.post(`/api/clues/${a.id}/write-off`, {
      version: c.version,
      writtenOffOn: '2026-11-27',
    });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().message).toBe('处置结果反馈后才能销号');
    expect(
      (
        await o.caseHandler.post(`/api/clues/${a.id}/result`, {
          version: c.version,
          caseFiled: false,
          formLevel: 1,
          partyDiscipline: null,
          governmentSanction: null,
          organizationalHandling: null,
          judicialTransfer: false,
          resultOn: '2026-11-27',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await o.orgCaseHandler.post(`/api/clues/${a.id}/disposal`, {
          version: c.version,
          disposal: 'talkInquiry',
          disposedOn: '2026-11-27',
        })
      ).statusCode,
    ).toBe(404);
    c = ok(
      await o.caseHandler.post(`/api/clues/${a.id}/disposal`, {
        version: c.version,
        disposal: 'preliminaryVerification',
        disposedOn: '2026-11-27',
      }),
    );
    expect(c.status).toBe('disposing');
    const inconsistent = await o.caseHandler.post(`/api/clues/${a.id}/result`, {
      version: c.version,
      caseFiled: false,
      formLevel: 2,
      partyDiscipline: 'warning',
      governmentSanction: null,
      organizationalHandling: null,
      judicialTransfer: false,
      resultOn: '2026-11-27',
    });
    expect(inconsistent.statusCode).toBe(400);
    expect(inconsistent.json().message).toBe('给予党纪处分须先立案');
    c = ok(
      await o.caseHandler.post(`/api/clues/${a.id}/result`, {
        version: c.version,
        caseFiled: true,
        formLevel: 2,
        partyDiscipline: 'seriousWarning',
        governmentSanction: null,
        organizationalHandling: null,
        judicialTransfer: false,
        resultOn: '2026-11-27',
        note: '给予李某某党内严重警告处分',
      }),
    );
    expect(c).toMatchObject({ status: 'resultIn', feedbackColour: 'done', result: { caseFiled: true, formLevel: 2 } });
    expect(
      (await o.caseHandler.post(`/api/clues/${a.id}/write-off`, { version: c.version, writtenOffOn: '2026-11-27' }))
        .statusCode,
    ).toBe(404);
    c = ok(await o.staff.post(`/api/clues/${a.id}/write-off`, { version: c.version, writtenOffOn: '2026-11-27' }));
    expect(c.status).toBe('writtenOff');
  });

  it('lists the overdue: transferred clues past their feedback date', async () => {
    const s = await o.site();
    const a = await create(s);
    ok(
      await o.staff.post('/api/clue-transfers', {
        clueIds: [a.id],
        receiver: 'discipline',
        transferredOn: '2026-11-27',
      }),
    );
    await o.t.database.db.update(clues).set({ transferredOn: '2026-07-01' }).where(eq(clues.id, a.id));
    const overdue = ok(await o.caseHandler.get('/api/case-handling/clues?overdue=true'));
    expect(overdue.items.map((c: { id: string }) => c.id)).toContain(a.id);
    expect(overdue.items.find((c: { id: string }) => c.id === a.id).feedbackColour).toBe('red');
  });
});

describe('a raw dump of the database', () => {
  it('holds no clue subject, clue fact or interview note in clear', async () => {
    const s = await o.site();
    const marks = { name: '甄秘密人', post: '隐秘职务标记', fact: '线索事实标记甲乙丙', note: '谈话记录标记丁戊己' };
    ok(
      await s.member.post(`/api/inspections/${s.inspectionId}/clues`, {
        subjects: [{ name: marks.name, post: marks.post }],
        discipline: 'integrity',
        facts: `经查，${marks.fact}。`,
      }),
    );
    ok(
      await s.member.post(`/api/inspections/${s.inspectionId}/interviews`, {
        intervieweeName: '受访人',
        intervieweePost: '科员',
        kind: 'staff',
        date: '2026-11-20',
        inspectorIds: [s.member.inspectorId, s.member2.inspectorId],
        notes: marks.note,
      }),
    );
    const tables = rowsOf<{ t: string }>(
      await o.t.database.db.execute(sql`select tablename as t from pg_tables where schemaname = 'public'`),
    ).map((r) => r.t);
    expect(tables).toContain('clue_subjects');
    let dump = '';
    for (const t of tables)
      dump += rowsOf<{ row: string }>(
        await o.t.database.db.execute(sql`select row_to_json(x)::text as row from ${sql.identifier(t)} x`),
      )
        .map((r) => r.row)
        .join('\n');
    for (const m of Object.values(marks)) expect(dump.includes(m), m).toBe(false);
    // The values are there, encrypted: the API still reads them back.
    const list = ok(await o.staff.get(`/api/clues?inspectionId=${s.inspectionId}`));
    expect(list.items[0].subjects[0].name).toBe(marks.name);
  });

  it('is re-encrypted by a key rotation, and reads back under the new key', async () => {
    const s = await o.site();
    const c = await create(s);
    const ring = o.t.app.deps.keys;
    const key = randomBytes(16);
    const next = { ...ring, current: 2, fieldKeys: new Map([...ring.fieldKeys, [2, key]]) };
    // The running app learns the new version too, as a restarted server would from the key file.
    ring.fieldKeys.set(2, key);
    const done = await reencryptFields(o.t.database.db, next, o.t.clock);
    for (const table of ['clues', 'clue_subjects', 'interviews', 'fieldwork_files'])
      expect(done.map((d) => d.table)).toContain(table);
    const row = (await o.t.database.db.select().from(clues).where(eq(clues.id, c.id)))[0];
    expect(row?.factsEnc).toMatch(/^v2\./);
    expect(new FieldCipher(next).decrypt('clues', c.id, 'facts', row?.factsEnc as string)).toBe(clue().facts);
    const subject = (
      await o.t.database.db.select().from(clueSubjects).where(eq(clueSubjects.clueId, c.id)).orderBy(clueSubjects.seq)
    )[0];
    expect(
      new FieldCipher(next).decrypt('clue_subjects', subject?.id as string, 'name', subject?.nameEnc as string),
    ).toBe('李某某');
  });
});
