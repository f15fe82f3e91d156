import { rectificationSummary, sumWan } from '@xc/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, findingRectification, inspectors, rectificationTasks, teamMembers } from '../../db/schema/index.ts';
import { readXlsx } from '../../platform/spreadsheets.ts';
import { rebuildFindingRollups } from './index.ts';
import { buildRectOffice, FINDING_TITLES, ok, onePagePdf, type RectOffice } from './rectification.fixture.ts';

// Tasks through their life (制定 → 报告 → 红牌 → 销号), extensions, the ledger's warnings and
// paging, outcomes and the summaries against the domain's definition.

let o: RectOffice;
beforeAll(async () => {
  o = await buildRectOffice({ inspectors, teamMembers });
});
afterAll(async () => o.t.close());

const tasksOf = async (taskId: string) =>
  o.t.database.db.select().from(rectificationTasks).where(eq(rectificationTasks.id, taskId));

describe('tasks', () => {
  it('are created by the liaison for its own findings once at feedback, marked when the office enters them', async () => {
    const s = await o.feedbackSite();
    const f = s.findings[0]?.id as string;
    const created = await o.liaison.post(`/api/findings/${f}/tasks`, s.taskBody());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      findingId: f,
      findingTitle: FINDING_TITLES[0],
      orgId: o.target,
      status: 'undone',
      ledgerStatus: 'undone',
      warning: 'green',
      enteredByOffice: false,
    });
    const byOffice = ok(await o.staff.post(`/api/findings/${f}/tasks`, s.taskBody({ kind: 'longTerm' })));
    expect(byOffice.enteredByOffice).toBe(true);
    // Not before feedback: a site still on site has findings but no tasks yet.
    const early = await o.site();
    const ef = ok(
      await early.leader.post(`/api/inspections/${early.inspectionId}/findings`, {
        title: '早期问题',
        facts: '事实。',
        orgId: o.target,
      }),
    );
    expect((await o.staff.post(`/api/findings/${ef.id}/tasks`, s.taskBody())).statusCode).toBe(409);
    // The liaison does not see an inspection before feedback at all.
    expect((await o.liaison.post(`/api/findings/${ef.id}/tasks`, s.taskBody())).statusCode).toBe(404);
  });

  it('refuses the other organization (404), a team member (403), no session (401) and bad input (400, nothing written)', async () => {
    const s = await o.feedbackSite();
    const f = s.findings[1]?.id as string;
    expect((await o.otherLiaison.post(`/api/findings/${f}/tasks`, s.taskBody())).statusCode).toBe(404);
    expect((await s.site.member.post(`/api/findings/${f}/tasks`, s.taskBody())).statusCode).toBe(403);
    const anon = await o.t.app.inject({ method: 'POST', url: `/api/findings/${f}/tasks`, payload: s.taskBody() });
    expect(anon.statusCode).toBe(401);
    const bad = await o.liaison.post(`/api/findings/${f}/tasks`, { ...s.taskBody(), kind: 'soon' });
    expect(bad.statusCode).toBe(400);
    const early = await o.liaison.post(`/api/findings/${f}/tasks`, s.taskBody({ deadline: '2026-01-01' }));
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('整改时限不能早于反馈日期');
    const list = ok(await o.staff.get(`/api/rectification-tasks?inspectionId=${s.inspectionId}`));
    expect(list.total).toBe(0);
  });

  it('reports, red cards and writes off; concurrent write-offs answer one 200 and one 409', async () => {
    const s = await o.feedbackSite();
    const task = await s.task(s.findings[0]?.id as string);
    const path = `/api/rectification-tasks/${task.id}`;
    // Only a done task is written off, and only by the office.
    expect((await o.staff.post(`${path}/write-off`)).statusCode).toBe(409);
    expect((await o.liaison.post(`${path}/write-off`)).statusCode).toBe(403);
    expect((await o.otherLiaison.post(`${path}/status`, { status: 'done', note: '已完成。' })).statusCode).toBe(404);
    ok(await o.liaison.post(`${path}/status`, { status: 'done', note: '已修订议事规则。' }));
    const red = ok(await o.staff.post(`${path}/red-card`, { reason: '佐证材料敷衍应付，未见会议记录。' }));
    expect(red).toMatchObject({ status: 'undone', warning: 'red', redCardCount: 1 });
    expect(red.redCard.reason).toBe('佐证材料敷衍应付，未见会议记录。');
    ok(await o.liaison.post(`${path}/status`, { status: 'done', note: '补充了会议记录。' }));
    const [a, b] = await Promise.all([o.staff.post(`${path}/write-off`), o.officeLeader.post(`${path}/write-off`, {})]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const detail = ok(await o.liaison.get(path));
    expect(detail).toMatchObject({ writtenOff: true, ledgerStatus: 'writtenOff', warning: null, redCard: null });
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual([
      'assign',
      'report',
      'redCard',
      'report',
      'writeOff',
    ]);
    expect(detail.events[2].onBehalf).toBe(true);
    expect((await o.liaison.post(`${path}/status`, { status: 'ongoing', note: '再报。' })).statusCode).toBe(409);
    const audit = await o.t.database.db.select().from(auditLog).where(eq(auditLog.objectId, task.id));
    expect(audit.map((x) => x.action)).toEqual(
      expect.arrayContaining(['rectificationTask.create', 'rectificationTask.redCard', 'rectificationTask.writeOff']),
    );
  });

  it('keeps evidence files in versions and serves them to the own organization only', async () => {
    const s = await o.feedbackSite();
    const task = await s.task(s.findings[2]?.id as string);
    const upload = (name: string, extra: Record<string, string> = {}) => {
      const boundary = '----rc';
      const parts = Object.entries(extra).map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      );
      const pdf = onePagePdf();
      const body = Buffer.concat([
        Buffer.from(parts.join('')),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return o.liaison.request('POST', `/api/rectification-tasks/${task.id}/files`, body, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
    };
    const first = await upload('会议记录.pdf', { description: '党组会议记录' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ fileVersion: 1, mime: 'application/pdf', description: '党组会议记录' });
    const second = await upload('会议记录2.pdf', { supersedesId: first.json().id });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ fileVersion: 2, supersedesId: first.json().id });
    const detail = ok(await o.staff.get(`/api/rectification-tasks/${task.id}`));
    expect(detail.evidence).toHaveLength(2);
    expect(detail.evidenceCount).toBe(2);
    const dl = await o.liaison.get(`/api/rectification-files/${first.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await o.otherLiaison.get(`/api/rectification-files/${first.json().id}`)).statusCode).toBe(404);
  });
});

describe('extensions', () => {
  it('are asked by the liaison and approved once by an office leader: concurrent approvals → one 200 one 409', async () => {
    const s = await o.feedbackSite();
    const task = await s.task(s.findings[1]?.id as string);
    const ask = await o.liaison.post(`/api/rectification-tasks/${task.id}/extensions`, {
      reason: '涉及跨部门协调，需延期。',
      newDeadline: '2027-06-30',
    });
    expect(ask.statusCode, ask.body).toBe(201);
    const id = ask.json().id as string;
    expect(
      (
        await o.liaison.post(`/api/rectification-tasks/${task.id}/extensions`, {
          reason: '再次。',
          newDeadline: '2027-07-30',
        })
      ).statusCode,
    ).toBe(409);
    expect((await o.staff.post(`/api/rectification-extensions/${id}/approve`, {})).statusCode).toBe(403);
    expect((await o.liaison.post(`/api/rectification-extensions/${id}/approve`)).statusCode).toBe(403);
    const pending = ok(await o.liaison.get('/api/rectification-extensions?status=pending'));
    expect(pending.items.map((x: { id: string }) => x.id)).toContain(id);
    expect(ok(await o.otherLiaison.get('/api/rectification-extensions')).total).toBe(0);
    const [a, b] = await Promise.all([
      o.officeLeader.post(`/api/rectification-extensions/${id}/approve`, {}),
      o.officeLeader.post(`/api/rectification-extensions/${id}/approve`, { note: '同意。' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [row] = await tasksOf(task.id);
    expect(row).toMatchObject({ deadline: '2027-06-30', originalDeadline: '2027-03-31', extensionCount: 1 });
    const summary = ok(await o.staff.get(`/api/inspections/${s.inspectionId}/rectification-summary`));
    expect(summary.extensions).toBe(1);
  });
});

describe('the ledger', () => {
  it('filters by warning with working days, pages by keyset with the total, and shows the liaison its own only', async () => {
    const s = await o.feedbackSite();
    const [f0, f1, f2] = s.findings.map((f) => f.id) as [string, string, string];
    // Today is Friday 2026-11-27: Monday 11-30 is inside the 5-working-day window, 2027-03-31 is not.
    const yellow = await s.task(f0, { deadline: '2026-12-02' });
    const green = await s.task(f1);
    const carded = await s.task(f2, { deadline: '2027-02-28' });
    ok(await o.liaison.post(`/api/rectification-tasks/${carded.id}/status`, { status: 'done', note: '完成。' }));
    ok(await o.staff.post(`/api/rectification-tasks/${carded.id}/red-card`, { reason: '材料不全，需要补充。' }));
    const ids = async (q: string, as = o.staff) =>
      ok(await as.get(`/api/rectification-tasks?inspectionId=${s.inspectionId}${q}`)).items.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids('&warning=yellow')).toEqual([yellow.id]);
    expect(await ids('&warning=green')).toEqual([green.id]);
    expect(await ids('&warning=red')).toEqual([carded.id]);
    expect(await ids('&redCard=true')).toEqual([carded.id]);
    // Green is two lanes (met, and open beyond the window): pages merge them in deadline order.
    const met = await s.task(s.findings[3]?.id as string, { deadline: '2027-05-31' });
    ok(await o.liaison.post(`/api/rectification-tasks/${met.id}/status`, { status: 'done', note: '已完成整改。' }));
    const g1 = ok(await o.staff.get(`/api/rectification-tasks?inspectionId=${s.inspectionId}&warning=green&limit=1`));
    expect(g1.total).toBe(2);
    expect(g1.items.map((x: { id: string }) => x.id)).toEqual([green.id]);
    const g2 = ok(
      await o.staff.get(
        `/api/rectification-tasks?inspectionId=${s.inspectionId}&warning=green&limit=1&cursor=${g1.nextCursor}`,
      ),
    );
    expect(g2.items.map((x: { id: string }) => x.id)).toEqual([met.id]);
    expect(g2.nextCursor).toBeNull();
    const page1 = ok(await o.staff.get(`/api/rectification-tasks?inspectionId=${s.inspectionId}&limit=2`));
    expect(page1.total).toBe(4);
    expect(page1.items).toHaveLength(2);
    const page2 = ok(
      await o.staff.get(`/api/rectification-tasks?inspectionId=${s.inspectionId}&limit=2&cursor=${page1.nextCursor}`),
    );
    expect(page2.items).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
    expect((await ids('', o.liaison)).length).toBe(4);
    expect(ok(await o.otherLiaison.get(`/api/rectification-tasks?inspectionId=${s.inspectionId}`)).total).toBe(0);
    expect((await o.otherLiaison.get(`/api/rectification-tasks/${green.id}`)).statusCode).toBe(404);
    expect((await o.staff.get('/api/rectification-tasks?warning=purple')).statusCode).toBe(400);
    // The export: export permission and a fresh password.
    expect((await o.liaison.get('/api/rectification-tasks.xlsx')).statusCode).toBe(403);
    const x = await o.staff.get(`/api/rectification-tasks.xlsx?inspectionId=${s.inspectionId}`);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const ws = (await readXlsx(x.rawPayload)).worksheets[0];
    if (!ws) throw new Error('no worksheet');
    const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 4)).toEqual(['序号', '被巡察党组织', '反馈问题', '整改措施']);
    expect(header).toContain('销号日期');
    const titles = [4, 5, 6, 7].map((n) => String(ws.getRow(n).getCell(3).value));
    expect(titles.sort()).toEqual(FINDING_TITLES.slice(0, 4).sort());
    expect(ws.getRow(8).getCell(1).value ?? null).toBeNull();
  });
});

describe('outcomes and summaries', () => {
  it('sums money exactly to the cent and follows the contract for rectified / ongoing / undone', async () => {
    const s = await o.feedbackSite();
    const [f0, f1, f2] = s.findings.map((f) => f.id) as [string, string, string];
    const a = await s.task(f0);
    const b = await s.task(f1);
    await s.task(f1, { kind: 'longTerm' });
    ok(await o.liaison.post(`/api/rectification-tasks/${a.id}/status`, { status: 'done', note: '完成。' }));
    ok(await o.staff.post(`/api/rectification-tasks/${a.id}/write-off`));
    ok(await o.liaison.post(`/api/rectification-tasks/${b.id}/status`, { status: 'ongoing', note: '阶段性成果。' }));
    const amounts = ['0.10', '0.20', '123.45', '9999999.99', '0.01'];
    for (const m of amounts)
      expect(
        (await o.staff.post(`/api/inspections/${s.inspectionId}/outcomes`, { moneyRecovered: m, accountable: 1 }))
          .statusCode,
      ).toBe(201);
    ok(await o.liaison.post(`/api/inspections/${s.inspectionId}/outcomes`, { moneyRecovered: '0', rulesMade: 2 }));
    const bad = await o.staff.post(`/api/inspections/${s.inspectionId}/outcomes`, { moneyRecovered: '1.234' });
    expect(bad.statusCode).toBe(400);
    ok(
      await o.liaison.post(`/api/inspections/${s.inspectionId}/rule-makings`, {
        title: '公务接待管理办法',
        kind: 'made',
        issuedOn: '2026-11-26',
        issuingBody: '市财政局党组',
        findingIds: [f1],
      }),
    );
    const summary = ok(await o.staff.get(`/api/inspections/${s.inspectionId}/rectification-summary`));
    const expected = rectificationSummary(
      [
        { tasks: [{ status: 'done', writtenOff: true }] },
        {
          tasks: [
            { status: 'ongoing', writtenOff: false },
            { status: 'undone', writtenOff: false },
          ],
        },
        { tasks: [] },
        { tasks: [] },
      ],
      [
        ...amounts.map((m) => ({ moneyRecovered: m, accountable: 1, rulesMade: 0 })),
        { moneyRecovered: '0', accountable: 0, rulesMade: 2 },
        { moneyRecovered: '0', accountable: 0, rulesMade: 1 },
      ],
      0,
    );
    expect(summary).toEqual(expected);
    expect(summary).toMatchObject({ findings: 4, rectified: 1, ongoing: 1, undone: 2, rate: 0.25, rulesMade: 3 });
    expect(summary.moneyRecovered).toBe(sumWan(amounts));
    expect(summary.moneyRecovered).toBe('10000123.75');
    void f2;
    const term = ok(await o.staff.get(`/api/terms/${s.termId}/rectification-summary`));
    expect(term.findings).toBeGreaterThanOrEqual(4);
    const round = ok(await o.staff.get(`/api/rounds/${s.roundId}/rectification-summary`));
    expect(round).toEqual(expected);
    expect((await o.otherLiaison.get(`/api/inspections/${s.inspectionId}/rectification-summary`)).statusCode).toBe(404);
    expect(ok(await o.liaison.get(`/api/inspections/${s.inspectionId}/rectification-summary`))).toEqual(expected);
    // The rollup the summaries count from rebuilds to the same figures (the seed's path).
    await o.t.database.db.delete(findingRectification).where(eq(findingRectification.inspectionId, s.inspectionId));
    expect(ok(await o.staff.get(`/api/inspections/${s.inspectionId}/rectification-summary`)).rectified).toBe(0);
    await rebuildFindingRollups(o.t.database.db, s.termId);
    expect(ok(await o.staff.get(`/api/inspections/${s.inspectionId}/rectification-summary`))).toEqual(expected);
    const rs = ok(await o.staff.get(`/api/rounds/${s.roundId}/rectification-stats`));
    expect(rs.summary).toEqual(expected);
    expect(rs.items).toEqual([
      expect.objectContaining({ orgId: o.target, findings: 4, rectified: 1, rate: 0.25, tasks: 3, writtenOff: 1 }),
    ]);
    expect(rs.warnings).toEqual({ red: 0, yellow: 0, green: 2 });
    expect((await o.otherLiaison.get(`/api/rounds/${s.roundId}/rectification-stats`)).statusCode).toBe(404);
    expect(ok(await o.liaison.get(`/api/rounds/${s.roundId}/rectification-stats`)).summary).toEqual(expected);
    const stats = ok(await o.staff.get(`/api/terms/${s.termId}/rectification-stats`));
    const r = stats.rounds.find((x: { roundId: string }) => x.roundId === s.roundId);
    expect(r).toMatchObject({ findings: 4, rectified: 1, rate: 0.25, tasks: 3 });
  });
});

describe('edits and refusals', () => {
  it('edits a task under its version, refuses a stale one (409) and bad input (400, nothing written)', async () => {
    const s = await o.feedbackSite();
    const task = await s.task(s.findings[3]?.id as string);
    const path = `/api/rectification-tasks/${task.id}`;
    expect((await o.otherLiaison.patch(path, { version: task.version, measures: '改。' })).statusCode).toBe(404);
    expect((await s.site.member.patch(path, { version: task.version, measures: '改。' })).statusCode).toBe(403);
    expect((await o.liaison.patch(path, { version: task.version, deadline: '2026-02-30' })).statusCode).toBe(400);
    expect((await o.liaison.patch(path, { version: task.version, deadline: '2026-11-01' })).statusCode).toBe(400);
    const [unchanged] = await tasksOf(task.id);
    expect(unchanged).toMatchObject({ version: task.version, deadline: '2027-03-31' });
    const edited = ok(
      await o.liaison.patch(path, { version: task.version, measures: '建立档案管理制度。', deadline: '2027-04-30' }),
    );
    expect(edited).toMatchObject({
      measures: '建立档案管理制度。',
      deadline: '2027-04-30',
      originalDeadline: '2027-04-30',
    });
    expect((await o.liaison.patch(path, { version: task.version, measures: '旧的。' })).statusCode).toBe(409);
    // A task of a draft plan is deleted under its version; one with a reported status stays.
    const spare = await s.task(s.findings[2]?.id as string);
    expect((await o.otherLiaison.del(`/api/rectification-tasks/${spare.id}?version=${spare.version}`)).statusCode).toBe(
      404,
    );
    expect((await o.liaison.del(`/api/rectification-tasks/${spare.id}?version=99`)).statusCode).toBe(409);
    expect((await o.liaison.del(`/api/rectification-tasks/${spare.id}?version=x`)).statusCode).toBe(400);
    expect((await o.liaison.del(`/api/rectification-tasks/${spare.id}?version=${spare.version}`)).statusCode).toBe(204);
    expect(await tasksOf(spare.id)).toEqual([]);
    ok(await o.liaison.post(`${path}/status`, { status: 'ongoing', note: '推进中。' }));
    const kept = ok(await o.liaison.get(path));
    expect((await o.liaison.del(`${path}?version=${kept.version}`)).statusCode).toBe(409);
    // 立行立改 must be done within 集中整改 (2 months after feedback by default).
    const late = await o.liaison.patch(path, { version: kept.version, kind: 'immediate', deadline: '2027-06-30' });
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toContain('立行立改');
  });

  it('refuses a red card on an undone task and an extension after the deadline; rejects with a reason', async () => {
    const s = await o.feedbackSite();
    const task = await s.task(s.findings[0]?.id as string, { deadline: '2026-11-30' });
    const path = `/api/rectification-tasks/${task.id}`;
    expect((await o.staff.post(`${path}/red-card`, { reason: '材料敷衍应付。' })).statusCode).toBe(409);
    expect((await o.staff.post(`${path}/red-card`, { reason: '短' })).statusCode).toBe(400);
    expect((await o.liaison.post(`${path}/red-card`, { reason: '材料敷衍应付。' })).statusCode).toBe(403);
    const ask = ok(
      await o.staff.post(`${path}/extensions`, { reason: '代被巡察单位申请延期。', newDeadline: '2026-12-31' }),
    );
    expect(
      (await o.staff.post(`/api/rectification-extensions/${ask.id}/reject`, { reason: '不同意。' })).statusCode,
    ).toBe(403);
    expect(
      (await o.officeLeader.post(`/api/rectification-extensions/${ask.id}/reject`, { reason: '' })).statusCode,
    ).toBe(400);
    // Two requests at once for another task: one 201, one 409.
    const other = await s.task(s.findings[2]?.id as string);
    const both = await Promise.all(
      ['2027-05-31', '2027-06-30'].map((d) =>
        o.liaison.post(`/api/rectification-tasks/${other.id}/extensions`, { reason: '需延期。', newDeadline: d }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rejected = ok(
      await o.officeLeader.post(`/api/rectification-extensions/${ask.id}/reject`, { reason: '理由不充分。' }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: '理由不充分。', enteredByOffice: true });
    expect((await o.officeLeader.post(`/api/rectification-extensions/${ask.id}/approve`)).statusCode).toBe(409);
    const [row] = await tasksOf(task.id);
    expect(row).toMatchObject({ deadline: '2026-11-30', pendingExtension: false, extensionCount: 0 });
    // A deadline already passed (11-25, after the feedback of 11-24): red, and too late to extend.
    const overdue = await s.task(s.findings[1]?.id as string, { deadline: '2026-11-25' });
    const op = `/api/rectification-tasks/${overdue.id}`;
    expect(ok(await o.liaison.get(op))).toMatchObject({ warning: 'red', workingDaysLeft: -2 });
    const again = await o.liaison.post(`${op}/extensions`, { reason: '再申请。', newDeadline: '2027-01-31' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已过');
    expect(ok(await o.staff.get(`/api/rectification-tasks?inspectionId=${s.inspectionId}&overdue=true`)).total).toBe(1);
  });
});
