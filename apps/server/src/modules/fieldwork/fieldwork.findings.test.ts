import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, findings, inspectors, teamMembers } from '../../db/schema/index.ts';
import { resolveActor } from '../auth/index.ts';
import { buildOffice, type Office, ok } from './fieldwork.fixture.ts';
import {
  clueCountsOfTerm,
  createClueDraftFrom,
  createPaperDraftFrom,
  findingsByIds,
  findingsOfInspections,
  taxonomyOf,
} from './index.ts';

// 问题: direct entry by the 组长, the office taking over a ledger, classification on the taxonomy,
// the list across inspections with its filters and keyset paging, the export; and the libraries.

let o: Office;
beforeAll(async () => {
  o = await buildOffice({ inspectors, teamMembers });
});
afterAll(async () => o.t.close());

const finding = (over: Record<string, unknown> = {}) => ({
  title: '公务用车管理不规范',
  facts: '2025年该局公务用车未按规定实行定点维修，维修费用支出偏高。',
  ...over,
});

describe('entering findings', () => {
  it('takes the 组长’s direct entry and the office’s ledger; a member writes a paper instead', async () => {
    const s = await o.site();
    const url = `/api/inspections/${s.inspectionId}/findings`;
    expect((await o.t.app.inject({ method: 'POST', url, payload: finding() })).statusCode).toBe(401);
    expect((await s.member.post(url, finding())).statusCode).toBe(403);
    expect((await o.liaison.post(url, finding())).statusCode).toBe(403);
    expect((await o.countyStaff.post(url, finding())).statusCode).toBe(404);
    const bad = await s.leader.post(url, finding({ immediate: false, immediateAction: '已整改' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('未标记立行立改的问题不能填写整改措施');
    expect(
      (await o.t.database.db.select().from(findings).where(eq(findings.inspectionId, s.inspectionId))).length,
    ).toBe(0);
    const direct = ok(
      await s.leader.post(
        url,
        finding({ immediate: true, immediateFixedOn: '2026-11-25', immediateAction: '已建立定点维修制度' }),
      ),
    );
    expect(direct).toMatchObject({
      source: 'direct',
      immediate: true,
      sector: '财政金融',
      createdByName: s.leader.name,
    });
    const ledger = ok(await o.staff.post(url, finding({ title: '上轮巡察反馈问题整改不彻底' })));
    expect(ledger.source).toBe('ledger');
    const sum = ok(await s.member.get(`/api/inspections/${s.inspectionId}/summary`));
    expect(sum).toMatchObject({ findings: 2, immediateFixes: 1 });
  });

  it('classifies on the authority’s taxonomy and refuses a node of another authority', async () => {
    const s = await o.site();
    const f = ok(await s.leader.post(`/api/inspections/${s.inspectionId}/findings`, finding()));
    const tree = ok(await o.staff.get('/api/taxonomy')).items as { id: string; name: string }[];
    const node = tree.find((n) => n.name === '违反中央八项规定精神') as { id: string };
    const countyTree = ok(await o.countyStaff.get('/api/taxonomy')).items as { id: string }[];
    const alien = await s.leader.patch(`/api/findings/${f.id}`, { version: 1, taxonomyNodeId: countyTree[0]?.id });
    expect(alien.statusCode).toBe(400);
    const patched = ok(
      await s.leader.patch(`/api/findings/${f.id}`, {
        version: 1,
        taxonomyNodeId: node.id,
        severity: 'serious',
        common: true,
      }),
    );
    expect(patched.taxonomyPath).toEqual(['四个落实', '落实全面从严治党战略部署', '违反中央八项规定精神']);
    expect((await s.leader.patch(`/api/findings/${f.id}`, { version: 1, common: false })).statusCode).toBe(409);
    const cleared = ok(
      await s.leader.patch(`/api/findings/${f.id}`, { version: 2, immediate: true, immediateFixedOn: '2026-11-26' }),
    );
    expect(cleared).toMatchObject({ immediate: true, immediateFixedOn: '2026-11-26' });
    const unset = ok(await s.leader.patch(`/api/findings/${f.id}`, { version: 3, immediate: false }));
    expect(unset).toMatchObject({ immediate: false, immediateFixedOn: null });
  });
});

describe('the findings list', () => {
  it('filters by term, inspection, taxonomy subtree, sector, common flag and keyword, with keyset paging', async () => {
    const a = await o.site();
    const b = await o.site();
    const tree = ok(await o.staff.get('/api/taxonomy')).items as {
      id: string;
      name: string;
      parentId: string | null;
    }[];
    const byName = (n: string) => (tree.find((x) => x.name === n) as { id: string }).id;
    for (const [s, title, node, common] of [
      [a, '超标准公务接待', '违反中央八项规定精神', true],
      [a, '违规发放津贴', '违反中央八项规定精神', false],
      [a, '选人用人不规范', '选人用人不规范', true],
      [b, '村务公开不到位', '村务公开不到位', false],
    ] as const)
      ok(
        await s.leader.post(`/api/inspections/${s.inspectionId}/findings`, {
          title,
          facts: `${title}的具体事实。`,
          taxonomyNodeId: byName(node),
          common,
        }),
      );
    const q = (s: string) => o.staff.get(`/api/findings?${s}`).then(ok);
    expect((await q(`inspectionId=${a.inspectionId}`)).total).toBe(3);
    const aspect = byName('落实全面从严治党战略部署');
    expect(
      (await q(`inspectionId=${a.inspectionId}&taxonomyNodeId=${aspect}`)).items
        .map((x: { title: string }) => x.title)
        .sort(),
    ).toEqual(['超标准公务接待', '违规发放津贴'].sort());
    expect((await q(`inspectionId=${a.inspectionId}&common=true`)).total).toBe(2);
    expect((await q(`inspectionId=${b.inspectionId}&sector=财政金融`)).total).toBe(1);
    expect(
      (await q(`termId=${a.termId}&q=${encodeURIComponent('接待')}`)).items.map((x: { title: string }) => x.title),
    ).toEqual(['超标准公务接待']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await q(`inspectionId=${a.inspectionId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(3);
    expect((await o.staff.get('/api/findings?cursor=garbage')).statusCode).toBe(400);
    // A team sees its own inspections' findings only; the liaison none at all.
    expect(
      ok(await a.member.get(`/api/findings?termId=${a.termId}`)).items.every(
        (x: { inspectionId: string }) => x.inspectionId === a.inspectionId,
      ),
    ).toBe(true);
    expect((await o.liaison.get('/api/findings')).statusCode).toBe(403);
    expect(ok(await o.countyStaff.get(`/api/findings?termId=${a.termId}`)).total).toBe(0);
  });

  it('exports exactly the filtered view after re-authentication, audited', async () => {
    const s = await o.site();
    ok(await s.leader.post(`/api/inspections/${s.inspectionId}/findings`, finding({ title: '=HYPERLINK("x")' })));
    const res = await o.staff.get(`/api/findings.xlsx?inspectionId=${s.inspectionId}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.rowCount).toBe(4);
    expect(String(ws?.getRow(4).getCell(4).value)).toBe(`'=HYPERLINK("x")`);
    expect((await s.member.get(`/api/findings.xlsx?inspectionId=${s.inspectionId}`)).statusCode).toBe(403);
    const audited = await o.t.database.db.select().from(auditLog).where(eq(auditLog.action, 'finding.exportXlsx'));
    expect(audited.length).toBeGreaterThanOrEqual(1);
  });
});

describe('libraries', () => {
  it('seeds each authority’s regulations, taxonomy and phrases, and lets only the office edit them', async () => {
    const regs = ok(await o.staff.get('/api/regulations?q=八项规定'));
    expect(regs.total).toBeGreaterThan(0);
    const created = await o.staff.post('/api/regulations', {
      code: 'local-1',
      title: '《赣州市公务接待管理办法》',
      article: '第十条',
      text: '公务接待不得超标准安排住宿和用餐。',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(
      (await o.staff.post('/api/regulations', { ...(created.json() as object), code: 'local-2' })).statusCode,
    ).toBe(400);
    const dup = await o.staff.post('/api/regulations', {
      code: 'local-1',
      title: '《另一办法》',
      article: '第一条',
      text: '内容',
    });
    expect(dup.statusCode).toBe(409);
    expect(
      (await o.staff.post('/api/regulations', { code: 'x', title: '没有书名号', article: '一', text: '二' })).json()
        .message,
    ).toBe('法规名称应写在书名号《》内');
    const s = await o.site();
    expect(
      (await s.member.post('/api/regulations', { code: 'y', title: '《办法》', article: '一', text: '二' })).statusCode,
    ).toBe(403);
    const fw = ok(
      await o.staff.post('/api/taxonomy-nodes', { parentId: null, level: 'framework', name: '专项巡察重点' }),
    );
    const wrong = await o.staff.post('/api/taxonomy-nodes', { parentId: fw.id, level: 'type', name: '错层' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toBe('问题类型“错层”的上级应为监督方面');
    const aspect = ok(
      await o.staff.post('/api/taxonomy-nodes', { parentId: fw.id, level: 'aspect', name: '耗材采购' }),
    );
    const phrase = ok(
      await o.staff.post('/api/phrases', { kind: 'problem', taxonomyNodeId: aspect.id, text: '耗材采购未公开招标。' }),
    );
    await o.staff.reauth(); // deletes are confirmed with the password
    const blocked = await o.staff.del(`/api/taxonomy-nodes/${fw.id}?version=1`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toContain('下级分类1个');
    expect((await o.staff.del(`/api/taxonomy-nodes/${aspect.id}?version=1`)).json().message).toContain('语句1条');
    expect((await o.staff.del(`/api/phrases/${phrase.id}?version=1`)).statusCode).toBe(204);
    expect((await o.staff.del(`/api/taxonomy-nodes/${aspect.id}?version=1`)).statusCode).toBe(204);
    const phrases = ok(await s.member.get('/api/phrases?kind=suggestion'));
    expect(phrases.total).toBeGreaterThan(5);
  });
});

describe('the front door for 巡审贯通 and the modules that follow', () => {
  it('turns a comparison hit into a draft paper and a draft clue of the caller, and reads findings back', async () => {
    const s = await o.site();
    const req = { cookies: { xc_sid: s.member.cookie.replace(/^xc_sid=/, '') }, headers: {} } as never;
    const actor = await resolveActor(o.t.app, req);
    if (!actor) throw new Error('no actor');
    const ctx = { actor, requestId: 'test', ip: null };
    const paperId = await createPaperDraftFrom(o.t.app.deps, ctx, {
      inspectionId: s.inspectionId,
      title: '向已故人员发放补贴',
      facts: '比对发现，2025年有3名已故人员仍在领取高龄补贴。',
      evidence: [],
      source: 'auditLink',
      sourceRef: 'AL-2026-0007',
    });
    const paper = ok(await s.member.get(`/api/working-papers/${paperId}`));
    expect(paper).toMatchObject({ status: 'draft', authorName: s.member.name });
    expect(paper.evidence.map((e: { label: string }) => e.label)).toContain('巡审贯通比对结果（AL-2026-0007）');
    const ref = crypto.randomUUID();
    const clueId = await createClueDraftFrom(o.t.app.deps, ctx, {
      inspectionId: s.inspectionId,
      subjects: [{ name: '赵某', post: '社保科科长', level: 'sectionLevel' }],
      discipline: 'masses',
      facts: '比对发现赵某经办的补贴发放存在冒领。',
      source: 'auditLink',
      sourceRef: ref,
    });
    expect(ok(await s.leader.get(`/api/clues/${clueId}`))).toMatchObject({
      source: 'auditLink',
      sourceRefId: ref,
      status: 'draft',
    });
    await expect(
      createClueDraftFrom(
        o.t.app.deps,
        { ...ctx },
        {
          inspectionId: s.inspectionId,
          subjects: [{ name: '钱某', post: '科员', level: 'other' }],
          discipline: 'work',
          facts: '事实',
          source: 'auditLink',
          sourceRef: 'x',
        },
      ),
    ).rejects.toThrow('来源记录编号');
    const f = ok(await s.leader.post(`/api/inspections/${s.inspectionId}/findings`, finding()));
    const [brief] = await findingsByIds(o.t.database.db, [f.id, crypto.randomUUID()]);
    expect(brief).toMatchObject({ id: f.id, inspectionId: s.inspectionId, sector: '财政金融', title: finding().title });
    expect((await findingsOfInspections(o.t.database.db, [s.inspectionId])).map((x) => x.id)).toEqual([f.id]);
    const counts = await clueCountsOfTerm(o.t.database.db, s.termId);
    expect(counts.cases).toBeGreaterThanOrEqual(1);
    expect(
      (await taxonomyOf(o.t.database.db, o.city)).filter((n) => n.level === 'framework').map((n) => n.name),
    ).toContain('四个落实');
  });
});
