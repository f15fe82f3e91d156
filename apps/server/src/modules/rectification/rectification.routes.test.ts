import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipEntry } from '../../../test/fixtures.ts';
import { auditLog, feedbacks, inspectors, rectificationOutcomes, teamMembers } from '../../db/schema/index.ts';
import { buildRectOffice, FINDING_TITLES, ok, type RectOffice } from './rectification.fixture.ts';

// Feedback (反馈会, 四抄告, the 反馈意见 .docx), the problem list as the liaison reads it, the
// inspections under rectification, the digest and the register; 401 / 403 / 404 / 400 per route.

let o: RectOffice;
beforeAll(async () => {
  o = await buildRectOffice({ inspectors, teamMembers });
});
afterAll(async () => o.t.close());

const anon = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) =>
  o.t.app.inject(payload === undefined ? { method, url } : { method, url, payload });

describe('feedback', () => {
  it('records the 反馈会 once with its copies and their read dates; 401 / 403 / 404 / 400 writes nothing', async () => {
    const s = await o.feedbackSite();
    const url = `/api/inspections/${s.inspectionId}/feedback`;
    const body = {
      meetingDate: '2026-11-24',
      attendees: ['巡察组全体成员'],
      speakers: ['巡察组组长'],
      oneToOneOn: '2026-11-24',
      mainLeaderName: '王局长',
      copies: [{ recipient: 'sectorLeader', name: '分管副市长', sentOn: '2026-11-25' }],
    };
    expect((await anon('POST', url, body)).statusCode).toBe(401);
    expect((await o.liaison.post(url, body)).statusCode).toBe(403);
    expect((await o.countyStaff.post(url, body)).statusCode).toBe(404);
    expect((await o.staff.post(url, { ...body, oneToOneOn: '2026-11-25' })).statusCode).toBe(400);
    expect((await o.staff.post(url, { ...body, attendees: [] })).statusCode).toBe(400);
    const none = await o.t.database.db.select().from(feedbacks).where(eq(feedbacks.inspectionId, s.inspectionId));
    expect(none).toHaveLength(0);
    const fb = await o.staff.post(url, body);
    expect(fb.statusCode, fb.body).toBe(201);
    expect(fb.json()).toMatchObject({ orgId: o.target, findingCount: 4, recordedBy: '刘晓婷' });
    expect((await o.staff.post(url, body)).statusCode).toBe(409);
    const id = fb.json().id as string;
    // The liaison reads it; the other organization's liaison does not.
    expect(ok(await o.liaison.get(url)).items).toHaveLength(1);
    expect((await o.otherLiaison.get(url)).statusCode).toBe(404);
    // The copies: read dates, not before the copy was sent.
    expect((await o.staff.post(`/api/feedbacks/${id}/copies/0/read`, { readOn: '2026-11-24' })).statusCode).toBe(400);
    expect((await o.staff.post(`/api/feedbacks/${id}/copies/5/read`, { readOn: '2026-11-26' })).statusCode).toBe(404);
    const read = ok(await o.staff.post(`/api/feedbacks/${id}/copies/sectorLeader/read`, { readOn: '2026-11-26' }));
    expect(read.copies[0]).toMatchObject({ sentOn: '2026-11-25', readOn: '2026-11-26' });
    const patched = await o.staff.patch(`/api/feedbacks/${id}`, {
      version: read.version,
      copies: [
        ...read.copies,
        { recipient: 'organizationDept', name: '市委组织部', sentOn: '2026-11-25', readOn: '2026-11-27' },
      ],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().copies).toHaveLength(2);
    expect((await o.staff.patch(`/api/feedbacks/${id}`, { version: read.version, notes: '旧版本' })).statusCode).toBe(
      409,
    );
    const audit = await o.t.database.db.select().from(auditLog).where(eq(auditLog.objectId, id)).orderBy(auditLog.seq);
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('feedback.'))).toEqual([
      'feedback.create',
      'feedback.copyRead',
      'feedback.update',
    ]);
  });

  it('drafts the 反馈意见 .docx listing the findings, for the office and the own liaison only', async () => {
    const s = await o.feedbackSite();
    await s.feedback();
    const res = await o.staff.get(`/api/inspections/${s.inspectionId}/feedback.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = zipEntry(res.rawPayload, 'word/document.xml');
    for (const title of FINDING_TITLES) expect(xml).toContain(title);
    expect(xml).toContain('关于巡察赣州市财政局党组织的反馈意见');
    expect(xml).toContain('市委组织部（组织部）');
    expect((await o.liaison.get(`/api/inspections/${s.inspectionId}/feedback.docx`)).statusCode).toBe(200);
    expect((await o.otherLiaison.get(`/api/inspections/${s.inspectionId}/feedback.docx`)).statusCode).toBe(404);
    expect((await anon('GET', `/api/inspections/${s.inspectionId}/feedback.docx`)).statusCode).toBe(401);
  });
});

describe('the problem list and the liaison portal', () => {
  it('hands over the findings with their tasks, title and facts only, to the own liaison', async () => {
    const s = await o.feedbackSite();
    await s.feedback();
    const t = await s.task(s.findings[0]?.id as string);
    const list = ok(await o.liaison.get(`/api/inspections/${s.inspectionId}/problem-list`));
    expect(list.orgId).toBe(o.target);
    expect(list.handedOverOn).toBe('2026-11-24');
    expect(list.findings.map((f: { title: string }) => f.title).sort()).toEqual([...FINDING_TITLES].sort());
    expect(list.findings.map((f: { seq: number }) => f.seq)).toEqual([1, 2, 3, 4]);
    expect(Object.keys(list.findings[0]).sort()).toEqual([
      'facts',
      'id',
      'rectification',
      'seq',
      'tasks',
      'taxonomy',
      'title',
    ]);
    const first = list.findings.find((f: { id: string }) => f.id === s.findings[0]?.id);
    expect(first.tasks.map((x: { id: string }) => x.id)).toEqual([t.id]);
    expect(first.rectification).toBe('undone');
    expect((await o.otherLiaison.get(`/api/inspections/${s.inspectionId}/problem-list`)).statusCode).toBe(404);
    expect((await o.staff.get(`/api/inspections/${s.inspectionId}/problem-list?orgId=${o.other}`)).statusCode).toBe(
      400,
    );
    // The liaison's lists: its own inspections only, and none for the other organization.
    const mine = ok(await o.liaison.get('/api/rectification/inspections'));
    const row = mine.items.find((i: { id: string }) => i.id === s.inspectionId);
    expect(row.orgs).toEqual([
      expect.objectContaining({ orgId: o.target, planStatus: 'draft', feedbackOn: '2026-11-24', tasks: 1 }),
    ]);
    expect(row.warnings).toEqual({ red: 0, yellow: 0, green: 1 });
    expect(ok(await o.otherLiaison.get('/api/rectification/inspections')).items).toEqual([]);
    expect(ok(await o.staff.get(`/api/rectification/inspections?termId=${s.termId}`)).items.length).toBeGreaterThan(0);
    expect((await o.staff.get('/api/rectification/inspections?stage=onSite')).statusCode).toBe(400);
    // Findings and papers stay closed to the liaison.
    expect((await o.liaison.get(`/api/findings/${s.findings[0]?.id}`)).statusCode).toBe(403);
    expect((await o.liaison.get(`/api/inspections/${s.inspectionId}/working-papers`)).statusCode).toBe(404);
  });

  it('gives one digest of the day: assigned today, grouped per organization and leader', async () => {
    const s = await o.feedbackSite();
    await s.task(s.findings[0]?.id as string, { responsibleLeader: '李副局长' });
    await s.task(s.findings[1]?.id as string, { responsibleLeader: '李副局长', deadline: '2026-11-30' });
    const d = ok(await o.liaison.get('/api/rectification/digest'));
    expect(d.date).toBe('2026-11-27');
    const g = d.groups.find((x: { orgId: string }) => x.orgId === o.target);
    const p = g.people.find((x: { responsibleLeader: string }) => x.responsibleLeader === '李副局长');
    // Monday 11-30 is due: its T-1 reminder falls on Friday 11-27 and outranks the assignment.
    expect(p.items.map((i: { kind: string }) => i.kind)).toEqual(['dueIn1', 'assigned']);
    // The counts are those of the organization's whole digest (other tests' tasks are the same organization's).
    const items = g.people.flatMap((x: { items: unknown[] }) => x.items);
    expect(Object.values(g.counts).reduce((a: number, b) => a + (b as number), 0)).toBe(items.length);
    expect(ok(await o.otherLiaison.get('/api/rectification/digest')).groups).toEqual([]);
    expect((await anon('GET', '/api/rectification/digest')).statusCode).toBe(401);
  });
});

describe('outcomes and the register', () => {
  it('refuses outcomes of another organization and bad amounts, writing nothing; lists the register by scope', async () => {
    const s = await o.feedbackSite();
    const url = `/api/inspections/${s.inspectionId}/outcomes`;
    expect((await anon('POST', url, { moneyRecovered: '1.00' })).statusCode).toBe(401);
    expect((await s.site.member.post(url, { moneyRecovered: '1.00' })).statusCode).toBe(403);
    expect((await o.otherLiaison.post(url, { moneyRecovered: '1.00' })).statusCode).toBe(404);
    expect((await o.staff.post(url, { moneyRecovered: '-1.00' })).statusCode).toBe(400);
    expect((await o.staff.post(url, { moneyRecovered: '0', accountable: 0 })).statusCode).toBe(400);
    expect((await o.staff.post(url, { moneyRecovered: 12.5 })).statusCode).toBe(400);
    const rows = await o.t.database.db
      .select()
      .from(rectificationOutcomes)
      .where(eq(rectificationOutcomes.inspectionId, s.inspectionId));
    expect(rows).toHaveLength(0);
    const added = ok(
      await o.liaison.post(url, {
        moneyRecovered: '3.20',
        moneyKind: 'refunded',
        accountable: 2,
        accountableByForm: { first: 2 },
        findingId: s.findings[1]?.id,
      }),
    );
    expect(added).toMatchObject({ moneyRecovered: '3.20', orgId: o.target, findingId: s.findings[1]?.id });
    const list = ok(await o.liaison.get(url));
    expect(list.items).toHaveLength(1);
    expect(list.summary).toMatchObject({ moneyRecovered: '3.20', accountable: 2 });
    const rule = {
      title: '干部选拔任用工作规程',
      kind: 'revised',
      issuedOn: '2026-11-26',
      issuingBody: '市财政局党组',
      findingIds: [s.findings[2]?.id],
    };
    expect((await o.otherLiaison.post(`/api/inspections/${s.inspectionId}/rule-makings`, rule)).statusCode).toBe(404);
    expect(
      (await o.staff.post(`/api/inspections/${s.inspectionId}/rule-makings`, { ...rule, findingIds: [] })).statusCode,
    ).toBe(400);
    const made = await o.staff.post(`/api/inspections/${s.inspectionId}/rule-makings`, rule);
    expect(made.statusCode, made.body).toBe(201);
    const reg = ok(await o.liaison.get(`/api/rule-makings?inspectionId=${s.inspectionId}`));
    expect(reg.items[0]).toMatchObject({
      title: rule.title,
      findingTitles: [FINDING_TITLES[2]],
      orgName: '赣州市财政局',
    });
    expect(ok(await o.otherLiaison.get(`/api/rule-makings?inspectionId=${s.inspectionId}`)).total).toBe(0);
  });

  it('answers 404 for summaries out of reach and 400 for malformed ids', async () => {
    const s = await o.feedbackSite();
    expect((await o.otherLiaison.get(`/api/terms/${s.termId}/rectification-summary`)).statusCode).toBe(404);
    expect((await o.countyStaff.get(`/api/terms/${s.termId}/rectification-summary`)).statusCode).toBe(404);
    expect((await o.countyStaff.get(`/api/rounds/${s.roundId}/rectification-summary`)).statusCode).toBe(404);
    expect((await o.staff.get('/api/terms/not-a-uuid/rectification-summary')).statusCode).toBe(400);
    expect((await anon('GET', `/api/terms/${s.termId}/rectification-stats`)).statusCode).toBe(401);
    const stats = ok(await o.leaderRole.get(`/api/terms/${s.termId}/rectification-stats`));
    expect(stats.rounds.some((r: { roundId: string }) => r.roundId === s.roundId)).toBe(true);
  });
});

describe('every route', () => {
  it('answers 401 without a session, and 404 to another organization for every object', async () => {
    const s = await o.feedbackSite();
    const fb = await s.feedback();
    const task = await s.task(s.findings[0]?.id as string);
    const ext = ok(
      await o.liaison.post(`/api/rectification-tasks/${task.id}/extensions`, {
        reason: '需延期。',
        newDeadline: '2027-05-31',
      }),
    );
    const i = s.inspectionId;
    const gets = [
      `/api/inspections/${i}/feedback`,
      `/api/inspections/${i}/feedback.docx`,
      `/api/inspections/${i}/problem-list`,
      `/api/rectification-tasks/${task.id}`,
      `/api/inspections/${i}/outcomes`,
      `/api/inspections/${i}/rectification-summary`,
      `/api/rounds/${s.roundId}/rectification-summary`,
      `/api/terms/${s.termId}/rectification-summary`,
      `/api/terms/${s.termId}/rectification-stats`,
    ];
    const lists = [
      '/api/rectification-tasks',
      '/api/rectification-extensions',
      '/api/rule-makings',
      '/api/rectification/inspections',
      '/api/rectification/digest',
      '/api/rectification-tasks.xlsx',
    ];
    for (const url of [...gets, ...lists]) expect((await anon('GET', url)).statusCode, url).toBe(401);
    for (const url of gets) expect((await o.otherLiaison.get(url)).statusCode, url).toBe(404);
    const posts: [string, Record<string, unknown>][] = [
      [`/api/findings/${s.findings[1]?.id}/tasks`, s.taskBody()],
      [`/api/rectification-tasks/${task.id}/status`, { status: 'done', note: '完成。' }],
      [`/api/rectification-tasks/${task.id}/extensions`, { reason: '需延期。', newDeadline: '2027-06-30' }],
      [`/api/inspections/${i}/outcomes`, { moneyRecovered: '1.00' }],
      [
        `/api/inspections/${i}/rule-makings`,
        { title: '制度', kind: 'made', issuedOn: '2026-11-26', issuingBody: '党组', findingIds: [s.findings[0]?.id] },
      ],
    ];
    for (const [url, body] of posts) {
      expect((await anon('POST', url, body)).statusCode, url).toBe(401);
      expect((await o.otherLiaison.post(url, body)).statusCode, url).toBe(404);
    }
    expect((await anon('PATCH', `/api/feedbacks/${fb.id}`, { version: fb.version })).statusCode).toBe(401);
    expect((await anon('POST', `/api/rectification-extensions/${ext.id}/approve`, {})).statusCode).toBe(401);
    expect((await o.countyStaff.post(`/api/rectification-tasks/${task.id}/write-off`)).statusCode).toBe(404);
    expect(
      (await o.countyStaff.post(`/api/rectification-tasks/${task.id}/red-card`, { reason: '材料敷衍应付。' }))
        .statusCode,
    ).toBe(404);
    // Lists and counts answer the other organization with nothing.
    for (const url of ['/api/rectification-tasks', '/api/rectification-extensions', '/api/rule-makings'])
      expect(ok(await o.otherLiaison.get(url)).total, url).toBe(0);
    // A 联合会审 reviewer of the authority reads the ledger but changes nothing.
    expect(ok(await o.reviewer.get(`/api/rectification-tasks?inspectionId=${i}`)).total).toBe(1);
    expect(
      (await o.reviewer.post(`/api/rectification-tasks/${task.id}/status`, { status: 'done', note: '完成。' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('an inspection of two organizations', () => {
  it('shows each liaison its own organization only, in every list, detail, count and document', async () => {
    const s = await o.feedbackSite({ teamName: '第五巡察组' });
    // A second inspection of the same team covering both organizations.
    const two = ok(
      await o.staff.post('/api/inspections', {
        roundId: s.roundId,
        teamId: s.site.teamId,
        mode: 'ordinary',
        targetOrgIds: [o.target, o.other],
        plannedEntryDate: '2026-11-16',
        plannedExitDate: '2027-01-10',
      }),
    ).id as string;
    const move = async (to: string, date: string) => {
      const v = ok(await o.staff.get(`/api/inspections/${two}`)).version;
      ok(await o.staff.post(`/api/inspections/${two}/transition`, { version: v, to, date }));
    };
    await move('prepared', '2026-10-25');
    await move('onSite', '2026-11-16');
    const mine = ok(
      await s.site.leader.post(`/api/inspections/${two}/findings`, {
        title: '财政局的问题',
        facts: '事实一。',
        orgId: o.target,
      }),
    );
    const theirs = ok(
      await s.site.leader.post(`/api/inspections/${two}/findings`, {
        title: '商务局的问题',
        facts: '事实二。',
        orgId: o.other,
      }),
    );
    await move('reporting', '2026-11-20');
    ok(
      await o.staff.post('/api/meetings', {
        kind: 'secretarySpecial',
        date: '2026-11-23',
        attendees: ['市委书记'],
        inspectionIds: [two],
        decisions: '同意。',
      }),
    );
    await move('feedback', '2026-11-24');
    // The office must name the organization of a feedback; each liaison writes its own tasks only.
    const body = {
      meetingDate: '2026-11-24',
      attendees: ['全体'],
      speakers: ['组长'],
      oneToOneOn: '2026-11-24',
      mainLeaderName: '负责人',
    };
    expect((await o.staff.post(`/api/inspections/${two}/feedback`, body)).statusCode).toBe(400);
    ok(await o.staff.post(`/api/inspections/${two}/feedback`, { ...body, orgId: o.target }));
    ok(await o.staff.post(`/api/inspections/${two}/feedback`, { ...body, orgId: o.other }));
    const t1 = await s.task(mine.id);
    expect((await o.liaison.post(`/api/findings/${theirs.id}/tasks`, s.taskBody())).statusCode).toBe(404);
    const t2 = await s.task(theirs.id, {}, o.otherLiaison);
    const ids = async (as: typeof o.liaison) =>
      ok(await as.get(`/api/rectification-tasks?inspectionId=${two}`)).items.map((x: { id: string }) => x.id);
    expect(await ids(o.liaison)).toEqual([t1.id]);
    expect(await ids(o.otherLiaison)).toEqual([t2.id]);
    expect((await ids(o.staff)).sort()).toEqual([t1.id, t2.id].sort());
    expect((await o.liaison.get(`/api/rectification-tasks/${t2.id}`)).statusCode).toBe(404);
    expect(
      ok(await o.liaison.get(`/api/inspections/${two}/feedback`)).items.map((f: { orgId: string }) => f.orgId),
    ).toEqual([o.target]);
    expect((await o.liaison.get(`/api/inspections/${two}/problem-list?orgId=${o.other}`)).statusCode).toBe(404);
    const pl = ok(await o.otherLiaison.get(`/api/inspections/${two}/problem-list`));
    expect(pl.findings.map((f: { title: string }) => f.title)).toEqual(['商务局的问题']);
    expect(ok(await o.liaison.get(`/api/inspections/${two}/rectification-summary`)).findings).toBe(1);
    expect(ok(await o.staff.get(`/api/inspections/${two}/rectification-summary`)).findings).toBe(2);
    const list = ok(await o.otherLiaison.get('/api/rectification/inspections'));
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([two]);
    expect(list.items[0].orgs.map((x: { orgId: string }) => x.orgId)).toEqual([o.other]);
    const doc = await o.otherLiaison.get(`/api/inspections/${two}/feedback.docx`);
    expect(doc.statusCode).toBe(200);
    const xml = zipEntry(doc.rawPayload, 'word/document.xml');
    expect(xml).toContain('商务局的问题');
    expect(xml).not.toContain('财政局的问题');
  });
});
