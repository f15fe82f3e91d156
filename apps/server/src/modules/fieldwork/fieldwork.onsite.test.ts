import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, auditLog, fieldworkFiles, inspectors, interviews, teamMembers } from '../../db/schema/index.ts';
import { buildOffice, type Office, ok } from './fieldwork.fixture.ts';

// On site: 个别谈话 (two inspectors from the roster, notes encrypted, reads audited, the signed
// record), the activity log with the 组长's approval of a 暗访, evidence files, and the counters.

let o: Office;
beforeAll(async () => {
  o = await buildOffice({ inspectors, teamMembers });
});
afterAll(async () => o.t.close());

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 0x20), Buffer.from('\n%%EOF\n')]);

function multipart(field: string, name: string, body: Buffer, type = 'application/pdf') {
  const b = '----xc-fieldwork';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      body,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
}

const interview = (s: Awaited<ReturnType<Office['site']>>, over: Record<string, unknown> = {}) => ({
  intervieweeName: '王建国',
  intervieweePost: '局党组书记、局长',
  kind: 'leadership',
  date: '2026-11-18',
  place: '局机关第三会议室',
  inspectorIds: [s.member.inspectorId, s.deputy.inspectorId],
  notes: '王建国谈到：局党组每年研究全面从严治党工作两次，2025年度津贴补贴发放经局务会研究决定。',
  ...over,
});

describe('个别谈话', () => {
  it('401 without a session; 404 for the liaison, another team and another office; 403 for the office writing', async () => {
    const s = await o.site();
    const url = `/api/inspections/${s.inspectionId}/interviews`;
    expect((await o.t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await o.t.app.inject({ method: 'POST', url, payload: interview(s) })).statusCode).toBe(401);
    for (const who of [o.liaison, s.outsider, o.countyStaff, o.caseHandler, o.leaderRole])
      expect((await who.get(url)).statusCode).toBe(404);
    for (const who of [o.liaison, s.outsider, o.countyStaff, o.staff])
      expect((await who.post(url, interview(s))).statusCode).toBe(404);
    expect((await o.staff.get(url)).statusCode).toBe(200);
  });

  it('needs two inspectors of the team; 400 writes nothing', async () => {
    const s = await o.site();
    const url = `/api/inspections/${s.inspectionId}/interviews`;
    const count = async () =>
      (
        await o.t.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(interviews)
          .where(eq(interviews.inspectionId, s.inspectionId))
      )[0]?.n;
    const one = await s.member.post(url, interview(s, { inspectorIds: [s.member.inspectorId] }));
    expect(one.statusCode).toBe(400);
    expect(one.json().message).toBe('个别谈话须有两名以上巡察人员参加');
    const twice = await s.member.post(
      url,
      interview(s, { inspectorIds: [s.member.inspectorId, s.member.inspectorId] }),
    );
    expect(twice.statusCode).toBe(400);
    const stranger = await s.member.post(
      url,
      interview(s, { inspectorIds: [s.member.inspectorId, s.outsider.inspectorId] }),
    );
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().message).toBe('参加谈话的巡察人员须为本巡察组成员');
    const early = await s.member.post(url, interview(s, { date: '2026-11-10' }));
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('进驻日期');
    const future = await s.member.post(url, interview(s, { date: '2026-11-28' }));
    expect(future.json().message).toBe('日期不能晚于今天');
    const unknown = await s.member.post(url, { ...interview(s), extra: 1 });
    expect(unknown.statusCode).toBe(400);
    const badKind = await s.member.post(url, interview(s, { kind: 'boss' }));
    expect(badKind.json().message).toBe('谈话对象类别不在可选范围内');
    expect(await count()).toBe(0);
    const res = await s.member.post(url, interview(s));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      intervieweeName: '王建国',
      kind: 'leadership',
      orgName: '赣州市财政局',
      inspectors: [
        { id: s.member.inspectorId, name: s.member.name },
        { id: s.deputy.inspectorId, name: s.deputy.name },
      ],
    });
    expect(await count()).toBe(1);
  });

  it('keeps the notes encrypted, shows them only in the audited detail read, and takes edits with a version', async () => {
    const s = await o.site();
    const created = ok(await s.member.post(`/api/inspections/${s.inspectionId}/interviews`, interview(s)));
    const row = (await o.t.database.db.select().from(interviews).where(eq(interviews.id, created.id)))[0];
    expect(row?.notesEnc).toMatch(/^v1\./);
    expect(row?.notesEnc).not.toContain('王建国');
    const list = ok(await s.leader.get(`/api/inspections/${s.inspectionId}/interviews`));
    expect(list.total).toBe(1);
    expect(list.items[0].notes).toBeUndefined();
    const detail = ok(await s.leader.get(`/api/interviews/${created.id}`));
    expect(detail.notes).toContain('局党组每年研究');
    const reads = await o.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'interview.read'), eq(auditLog.objectId, created.id)));
    expect(reads).toHaveLength(1);
    expect(reads[0]?.actorId).toBe(s.leader.userId);
    const patched = await s.member.patch(`/api/interviews/${created.id}`, { version: 1, place: '局机关第一会议室' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ place: '局机关第一会议室', version: 2 });
    expect((await s.member.patch(`/api/interviews/${created.id}`, { version: 1, place: '别处' })).statusCode).toBe(409);
    expect((await s.outsider.patch(`/api/interviews/${created.id}`, { version: 2, place: '别处' })).statusCode).toBe(
      404,
    );
    expect((await o.liaison.get(`/api/interviews/${created.id}`)).statusCode).toBe(404);
  });

  it('takes the signed record as a PDF or image only, stores it sealed and audits its download', async () => {
    const s = await o.site();
    const created = ok(await s.member.post(`/api/inspections/${s.inspectionId}/interviews`, interview(s)));
    const exe = multipart('file', 'record.pdf', Buffer.from('MZ\x90\x00not a pdf at all'));
    const refused = await o.t.app.inject({
      method: 'POST',
      url: `/api/interviews/${created.id}/record`,
      headers: { cookie: s.member.cookie, 'x-csrf-token': s.member.csrf, ...exe.headers },
      payload: exe.payload,
    });
    expect(refused.statusCode).toBe(415);
    expect((await s.member.post(`/api/interviews/${created.id}/record`, { file: 'x' })).statusCode).toBe(400);
    const m = multipart('file', '谈话笔录（签字）.pdf', PDF);
    const up = await o.t.app.inject({
      method: 'POST',
      url: `/api/interviews/${created.id}/record`,
      headers: { cookie: s.member.cookie, 'x-csrf-token': s.member.csrf, ...m.headers },
      payload: m.payload,
    });
    expect(up.statusCode, up.body).toBe(200);
    const fileId = up.json().signedRecordFileId as string;
    const stored = (await o.t.database.db.select().from(fieldworkFiles).where(eq(fieldworkFiles.id, fileId)))[0];
    expect(stored?.data.subarray(0, 4).toString('latin1')).toBe('XCB1');
    expect(stored?.data.includes(Buffer.from('%PDF'))).toBe(false);
    const dl = await s.leader.get(`/api/interviews/${created.id}/record`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    // The 领导小组 reads the work but not interviews: the scan is not reachable as an evidence file either.
    expect((await o.leaderRole.get(`/api/fieldwork-files/${fileId}`)).statusCode).toBe(404);
    const audited = await o.t.database.db.select().from(auditLog).where(eq(auditLog.action, 'interview.readRecord'));
    expect(audited.some((a) => a.objectId === fileId)).toBe(true);
  });
});

describe('巡察活动 and the counters', () => {
  it('counts document reviews in 份 and the rest in 次; a 暗访 counts once the 组长 approves it', async () => {
    const s = await o.site();
    const url = `/api/inspections/${s.inspectionId}/activities`;
    const create = async (who: typeof s.member, body: Record<string, unknown>) => {
      const r = await who.post(url, { date: '2026-11-19', ...body });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    await create(s.member, { kind: 'documentReview', count: 120, subject: '2025年度会计凭证' });
    await create(s.member, { kind: 'documentReview', count: 36, subject: '党组会议记录' });
    await create(s.member, { kind: 'visit', count: 3, subject: '走访三个基层所' });
    await create(s.member, { kind: 'forum', subject: '中层干部座谈', attendees: ['甲', '乙', '丙'] });
    const one = await s.member.post(url, {
      kind: 'covertVisit',
      date: '2026-11-19',
      inspectorIds: [s.member.inspectorId],
    });
    expect(one.statusCode).toBe(400);
    expect(one.json().message).toBe('暗访须有两名以上巡察人员参加');
    const covert = await create(s.member, {
      kind: 'covertVisit',
      subject: '暗访办事大厅',
      inspectorIds: [s.member.inspectorId, s.member2.inspectorId],
    });
    expect(covert.status).toBe('pendingApproval');
    await create(s.member, { kind: 'meeting', subject: '列席局党组会', attendees: ['局党组成员'] });
    let sum = ok(await s.member.get(`/api/inspections/${s.inspectionId}/summary`));
    expect(sum.activities).toMatchObject({ documentReviews: 156, visits: 3, forums: 1, meetings: 1, covertVisits: 0 });
    expect((await s.member.post(`/api/activities/${covert.id}/approve`, { version: 1 })).statusCode).toBe(403);
    expect((await s.deputy.post(`/api/activities/${covert.id}/approve`, { version: 1 })).statusCode).toBe(403);
    const approved = await s.leader.post(`/api/activities/${covert.id}/approve`, { version: 1 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'recorded', approvedByName: s.leader.name });
    expect((await s.leader.post(`/api/activities/${covert.id}/approve`, { version: 2 })).statusCode).toBe(409);
    sum = ok(await s.member.get(`/api/inspections/${s.inspectionId}/summary`));
    expect(sum.activities.covertVisits).toBe(1);
    expect((await o.liaison.get(`/api/inspections/${s.inspectionId}/summary`)).statusCode).toBe(403);
    expect((await s.outsider.get(`/api/inspections/${s.inspectionId}/summary`)).statusCode).toBe(404);
    expect((await o.countyStaff.get(`/api/inspections/${s.inspectionId}/summary`)).statusCode).toBe(404);
  });

  it('edits and deletes with a version, and refuses records outside the stay', async () => {
    const s = await o.site();
    const url = `/api/inspections/${s.inspectionId}/activities`;
    const a = ok(await s.member.post(url, { kind: 'visit', date: '2026-11-19', subject: '走访' }));
    expect((await s.member.patch(`/api/activities/${a.id}`, { version: 1, count: 0 })).statusCode).toBe(400);
    const p = await s.member.patch(`/api/activities/${a.id}`, { version: 1, count: 2, attendees: ['甲'] });
    expect(p.statusCode).toBe(400);
    expect(p.json().message).toBe('只有座谈、列席会议可以填写参加人员');
    expect(ok(await s.member.patch(`/api/activities/${a.id}`, { version: 1, count: 2 })).count).toBe(2);
    await Promise.all([s.member.reauth(), s.outsider.reauth()]); // deletes are confirmed with the password
    expect((await s.member.del(`/api/activities/${a.id}?version=1`)).statusCode).toBe(409);
    expect((await s.outsider.del(`/api/activities/${a.id}?version=2`)).statusCode).toBe(404);
    expect((await s.member.del(`/api/activities/${a.id}?version=2`)).statusCode).toBe(204);
    expect(
      (await o.t.database.db.select().from(activities).where(eq(activities.inspectionId, s.inspectionId))).length,
    ).toBe(0);
    ok(await s.move('reporting', '2026-11-26'));
    ok(await s.member.post(url, { kind: 'visit', date: '2026-11-26', subject: '核实' }));
    // In the reporting stage a team still checks its findings; once feedback is given, the stay is over.
    const version = await s.version();
    await o.t.database.db.execute(
      sql`update inspections set stage = 'feedback', feedback_date = '2026-11-27', version = ${version + 1} where id = ${s.inspectionId}`,
    );
    const late = await s.member.post(url, { kind: 'visit', date: '2026-11-27', subject: '核实' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe('巡察处于“反馈阶段”，不能记录巡察活动');
  });

  it('stores evidence files sealed and lets the team and the office download them', async () => {
    const s = await o.site();
    const m = multipart('file', '会计凭证.pdf', PDF);
    const up = await o.t.app.inject({
      method: 'POST',
      url: `/api/inspections/${s.inspectionId}/fieldwork-files`,
      headers: { cookie: s.member.cookie, 'x-csrf-token': s.member.csrf, ...m.headers },
      payload: m.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ name: '会计凭证.pdf', mime: 'application/pdf', size: PDF.length });
    for (const who of [s.leader, o.staff]) {
      const dl = await who.get(`/api/fieldwork-files/${up.json().id}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(PDF)).toBe(true);
    }
    for (const who of [s.outsider, o.liaison, o.countyStaff])
      expect((await who.get(`/api/fieldwork-files/${up.json().id}`)).statusCode).toBe(404);
  });
});
