import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipEntry } from '../../../test/fixtures.ts';
import { auditLog, inspectors, teamMembers } from '../../db/schema/index.ts';
import { buildOffice, type Office, ok, type Site } from './fieldwork.fixture.ts';

// The report (versions, comparison, the .docx from the findings), the 问题线索报告, the meetings with
// their 交办事项, the stage moves they open, and the round and term figures.

let o: Office;
beforeAll(async () => {
  o = await buildOffice({ inspectors, teamMembers });
});
afterAll(async () => o.t.close());

async function findingsOf(s: Site) {
  const tree = ok(await s.leader.get('/api/taxonomy')).items as { id: string; name: string }[];
  const node = (name: string) => tree.find((n) => n.name === name)?.id;
  const make = async (title: string, facts: string, taxonomyNodeId?: string) =>
    ok(await s.leader.post(`/api/inspections/${s.inspectionId}/findings`, { title, facts, taxonomyNodeId }));
  return [
    await make(
      '落实全面从严治党主体责任不到位',
      '党组研究党风廉政建设工作不经常，2025年仅研究1次。主要负责人履行第一责任人职责不到位。',
      node('全面从严治党主体责任落实不到位'),
    ),
    await make('超标准公务接待', '2025年超标准接待12批次，金额3.2万元。', node('违反中央八项规定精神')),
    await make('选人用人程序不规范', '2024年提拔的3名科级干部未按规定进行任前公示。', node('落实新时代党的组织路线')),
    await make('档案管理混乱', '部分年度会议记录缺失。'),
  ];
}

describe('the report', () => {
  it('keeps versions, compares them, and refuses a save on a stale version', async () => {
    const s = await o.site();
    const url = `/api/inspections/${s.inspectionId}/report`;
    expect((await o.liaison.get(url)).statusCode).toBe(404);
    expect((await s.outsider.get(url)).statusCode).toBe(404);
    expect(ok(await s.member.get(url))).toMatchObject({ current: null, versions: [], version: 0 });
    const v1 = await s.member.post(`${url}/versions`, {
      version: 0,
      overview: '该局党组能够贯彻落实党中央决策部署。\n但全面从严治党仍有差距。',
      suggestions: ['严格落实全面从严治党主体责任。'],
    });
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json().number).toBe(1);
    expect(
      (await s.leader.post(`${url}/versions`, { version: 0, overview: '另一稿', suggestions: [] })).statusCode,
    ).toBe(409);
    const v2 = ok(
      await s.leader.post(`${url}/versions`, {
        version: 1,
        overview: '该局党组能够贯彻落实党中央决策部署。\n但管党治党宽松软问题仍然存在。',
        suggestions: ['严格落实全面从严治党主体责任。', '健全内控制度。'],
        note: '组长修改',
      }),
    );
    expect(v2.number).toBe(2);
    const report = ok(await s.member.get(url));
    expect(report.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(report.current.note).toBe('组长修改');
    const diff = ok(await s.member.get(`${url}/diff?from=1&to=2`));
    expect(diff.lines).toEqual(
      expect.arrayContaining([
        { op: 'delete', text: '但全面从严治党仍有差距。' },
        { op: 'insert', text: '但管党治党宽松软问题仍然存在。' },
        { op: 'insert', text: '2. 健全内控制度。' },
      ]),
    );
    expect((await s.member.get(`${url}/versions/3`)).statusCode).toBe(404);
    expect((await s.member.get(`${url}/diff?from=0&to=2`)).statusCode).toBe(400);
  });

  it('writes the .docx in 公文格式 from the findings: its text names every finding', async () => {
    const s = await o.site();
    const fs = await findingsOf(s);
    ok(
      await s.leader.post(`/api/inspections/${s.inspectionId}/report/versions`, {
        version: 0,
        overview: '巡察组认为，该局党组总体能够履行管党治党政治责任。',
        suggestions: ['压紧压实全面从严治党主体责任。'],
        topicReports: [{ title: '关于财务管理问题的专题报告', body: '财务管理存在薄弱环节。' }],
      }),
    );
    const outline = ok(await s.member.get(`/api/inspections/${s.inspectionId}/report`)).outline;
    expect(outline.map((x: { title: string }) => x.title)).toEqual(['四个落实', '其他问题']);
    expect((await s.member.get(`/api/inspections/${s.inspectionId}/report.docx`)).statusCode).toBe(404);
    await s.leader.reauth();
    const doc = await s.leader.get(`/api/inspections/${s.inspectionId}/report.docx`);
    expect(doc.statusCode, doc.body).toBe(200);
    expect(doc.headers['content-disposition']).toContain('attachment');
    const xml = zipEntry(doc.rawPayload, 'word/document.xml');
    for (const f of fs) expect(xml).toContain(f.title);
    for (const t of [
      '一、基本情况和总体评价',
      '二、发现的主要问题',
      '三、意见建议',
      '压紧压实全面从严治党主体责任',
      '附件：关于财务管理问题的专题报告',
    ])
      expect(xml).toContain(t);
    expect(xml).toContain('方正小标宋简体');
    const exp = await o.t.database.db.select().from(auditLog).where(eq(auditLog.action, 'report.exportDocx'));
    expect(exp.some((e) => (e.detail as { inspectionId: string }).inspectionId === s.inspectionId)).toBe(true);
  });

  // LibreOffice is not part of the toolchain; where it is installed, it must open the report.
  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((f) => fs.existsSync(f));
  it.skipIf(!soffice)('opens in LibreOffice, whose text names every finding', { timeout: 120_000 }, async () => {
    const s = await o.site();
    const fs2 = await findingsOf(s);
    await s.leader.reauth();
    const doc = await s.leader.get(`/api/inspections/${s.inspectionId}/report.docx`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-report-'));
    try {
      fs.writeFileSync(path.join(dir, 'report.docx'), doc.rawPayload);
      execFileSync(
        soffice as string,
        [
          '--headless',
          `-env:UserInstallation=file://${dir}/profile`,
          '--convert-to',
          'txt:Text',
          '--outdir',
          dir,
          path.join(dir, 'report.docx'),
        ],
        { timeout: 100_000, stdio: 'ignore' },
      );
      const text = fs.readFileSync(path.join(dir, 'report.txt'), 'utf8');
      for (const f of fs2) expect(text).toContain(f.title);
      expect(text).toContain('二、发现的主要问题');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the 问题线索报告 only when there are clues', async () => {
    const s = await o.site();
    await s.leader.reauth();
    expect((await s.leader.get(`/api/inspections/${s.inspectionId}/clue-report.docx`)).statusCode).toBe(404);
    ok(
      await s.member.post(`/api/inspections/${s.inspectionId}/clues`, {
        subjects: [{ name: '钱某', post: '副局长', level: 'cityManaged' }],
        discipline: 'organizational',
        facts: '反映钱某在干部选拔中打招呼。',
      }),
    );
    // The same person again, typed with a stray space: 2 件 but 1 人, as the lists and the summary count.
    ok(
      await s.member.post(`/api/inspections/${s.inspectionId}/clues`, {
        subjects: [{ name: '钱 某', post: '副局长', level: 'cityManaged' }],
        discipline: 'integrity',
        facts: '反映钱某收受下属礼金。',
      }),
    );
    const doc = await s.leader.get(`/api/inspections/${s.inspectionId}/clue-report.docx`);
    expect(doc.statusCode).toBe(200);
    const xml = zipEntry(doc.rawPayload, 'word/document.xml');
    expect(xml).toContain('钱某（副局长）');
    expect(xml).toContain('组织部');
    expect(xml).toContain('共发现问题线索2件，涉及1人');
    const sum = ok(await s.leader.get(`/api/inspections/${s.inspectionId}/summary`));
    expect(sum.clues).toMatchObject({ cases: 2, persons: 1 });
  });
});

describe('meetings and the stage moves they open', () => {
  it('refuses feedback until the 书记专题会 hears the report, naming what is missing', async () => {
    const s = await o.site();
    ok(await s.move('reporting', '2026-11-20'));
    const refused = await s.move('feedback', '2026-11-27');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('巡察报告尚未经书记专题会听取，不能召开反馈会');
    const detail = ok(await o.staff.get(`/api/inspections/${s.inspectionId}`));
    expect(detail.actions.find((a: { to: string }) => a.to === 'feedback').reason).toBe(
      '巡察报告尚未经书记专题会听取，不能召开反馈会',
    );
    const meeting = {
      kind: 'leadingGroup',
      date: '2026-11-24',
      attendees: ['领导小组组长', '领导小组成员'],
      inspectionIds: [s.inspectionId],
      decisions: '同意巡察组报告，提交书记专题会。',
    };
    expect((await s.leader.post('/api/meetings', meeting)).statusCode).toBe(403);
    expect((await o.countyStaff.post('/api/meetings', meeting)).statusCode).toBe(400);
    expect((await o.staff.post('/api/meetings', { ...meeting, attendees: [] })).statusCode).toBe(400);
    ok(await o.staff.post('/api/meetings', meeting));
    expect((await s.move('feedback', '2026-11-27')).statusCode).toBe(409);
    const heard = await o.staff.post('/api/meetings', {
      ...meeting,
      kind: 'secretarySpecial',
      date: '2026-11-25',
      decisions: '原则同意巡察报告，按程序反馈。',
      assignedMatters: [{ what: '督促被巡察单位制定整改方案', assignee: '市委巡察办', dueDate: '2026-12-25' }],
    });
    expect(heard.statusCode, heard.body).toBe(201);
    expect(heard.json()).toMatchObject({ title: '2026年11月25日书记专题会', termId: s.termId });
    expect(heard.json().assignedMatters[0]).toMatchObject({ status: 'open', colour: 'green' });
    const moved = await s.move('feedback', '2026-11-27');
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('refuses the end of 移交 while a clue awaits transfer', async () => {
    const s = await o.site();
    const c = ok(
      await s.member.post(`/api/inspections/${s.inspectionId}/clues`, {
        subjects: [{ name: '孙某', post: '科长' }],
        discipline: 'masses',
        facts: '反映孙某在低保审核中优亲厚友。',
      }),
    );
    ok(await s.move('reporting', '2026-11-20'));
    ok(
      await o.staff.post('/api/meetings', {
        kind: 'secretarySpecial',
        date: '2026-11-23',
        attendees: ['市委书记'],
        inspectionIds: [s.inspectionId],
        decisions: '同意。',
      }),
    );
    ok(await s.move('feedback', '2026-11-24'));
    ok(await s.move('transfer', '2026-11-25'));
    const refused = await s.move('rectifying', '2026-11-26');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('尚有1件问题线索未移交，移交阶段不能结束');
    ok(
      await o.staff.post('/api/clue-transfers', {
        clueIds: [c.id],
        receiver: 'discipline',
        transferredOn: '2026-11-27',
        receiverOrgId: o.discipline,
      }),
    );
    expect((await s.move('rectifying', '2026-11-27')).statusCode).toBe(200);
  });

  it('lists meetings by term and closes assigned matters with what was done', async () => {
    const s = await o.site();
    const m = ok(
      await o.staff.post('/api/meetings', {
        kind: 'standingCommittee',
        termId: s.termId,
        date: '2026-11-26',
        attendees: ['市委常委'],
        decisions: '研究巡察工作。',
        assignedMatters: [{ what: '研究制定巡察整改监督办法', assignee: '市委巡察办', dueDate: '2026-11-26' }],
      }),
    );
    const list = ok(await s.leader.get(`/api/meetings?termId=${s.termId}`));
    expect(list.total).toBeGreaterThanOrEqual(1);
    expect(list.items.find((x: { id: string }) => x.id === m.id)).toMatchObject({ matterCount: 1, openMatterCount: 1 });
    expect((await o.liaison.get('/api/meetings')).statusCode).toBe(403);
    const matter = m.assignedMatters[0];
    const noNote = await o.staff.patch(`/api/assigned-matters/${matter.id}`, { version: 1, status: 'done' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().message).toContain('办结须填写办结情况');
    const done = ok(
      await o.staff.patch(`/api/assigned-matters/${matter.id}`, {
        version: 1,
        status: 'done',
        closingNote: '已印发《巡察整改监督办法》',
        closedOn: '2026-11-27',
      }),
    );
    expect(done).toMatchObject({ status: 'done', colour: 'done' });
    const open = ok(await o.staff.get(`/api/assigned-matters?termId=${s.termId}&status=open`));
    expect(open.items.map((x: { id: string }) => x.id)).not.toContain(matter.id);
  });

  it('counts a term’s work: findings, clues in 件 and 人, and the meetings that heard it', async () => {
    const s = await o.site();
    await findingsOf(s);
    ok(
      await s.member.post(`/api/inspections/${s.inspectionId}/clues`, {
        subjects: [
          { name: '周某', post: '主任' },
          { name: '吴某', post: '副主任' },
        ],
        discipline: 'integrity',
        facts: '反映周某、吴某收受礼金。',
      }),
    );
    const round = ok(await o.staff.get(`/api/rounds/${s.roundId}/fieldwork-summary`));
    expect(round).toMatchObject({
      inspections: 1,
      findings: 4,
      clues: { cases: 1, persons: 2 },
      transferredClues: { cases: 0 },
    });
    const term = ok(await o.staff.get(`/api/terms/${s.termId}/fieldwork-summary`));
    expect(term.findings).toBeGreaterThanOrEqual(4);
    expect(term.meetings.byKind.standingCommittee).toBeGreaterThanOrEqual(0);
    expect((await o.countyStaff.get(`/api/terms/${s.termId}/fieldwork-summary`)).statusCode).toBe(404);
    expect((await o.liaison.get(`/api/terms/${s.termId}/fieldwork-summary`)).statusCode).toBe(403);
    // The team sees its own inspections only.
    const own = ok(await s.member.get(`/api/terms/${s.termId}/fieldwork-summary`));
    expect(own.inspections).toBe(1);
  });
});
