import { paperSeqGaps } from '@xc/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, inspectors, paperVersions, teamMembers, workingPapers } from '../../db/schema/index.ts';
import { buildOffice, type Office, ok, type Site } from './fieldwork.fixture.ts';

// 问题底稿: numbering without gaps under concurrency, 三审 as conditional moves (two sign-offs at once:
// one 200, one 409), versions kept on every save, and only a signed-off paper becoming a finding, once.

let o: Office;
let regulationId: string;
beforeAll(async () => {
  o = await buildOffice({ inspectors, teamMembers });
  regulationId = ok(await o.staff.get('/api/regulations?q=津贴')).items[0].id;
});
afterAll(async () => o.t.close());

const paper = (over: Record<string, unknown> = {}) => ({
  title: '违规发放津贴补贴',
  facts: '经查，2025年该局以“加班补助”名义向机关干部发放津贴补贴12.6万元，未经财政部门批准。',
  responsibility: 'principal',
  foundOn: '2026-11-20',
  regulationIds: [regulationId],
  evidence: [{ kind: 'document', label: '2025年机关工资发放明细表' }],
  ...over,
});

async function signedOff(s: Site, over: Record<string, unknown> = {}) {
  let p = ok(await s.member.post(`/api/inspections/${s.inspectionId}/working-papers`, paper(over)));
  p = ok(await s.member.post(`/api/working-papers/${p.id}/review`, { action: 'submit', version: p.version }));
  p = ok(await s.deputy.post(`/api/working-papers/${p.id}/review`, { action: 'approve', version: p.version }));
  return ok(await s.leader.post(`/api/working-papers/${p.id}/review`, { action: 'approve', version: p.version }));
}

describe('numbering', () => {
  it('gives 20 papers written at once 20 distinct consecutive numbers in the default pattern', async () => {
    const s = await o.site({ teamName: '第三巡察组' });
    const writers = [s.member, s.member2, s.deputy, s.leader];
    const res = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (writers[i % 4] as Site['member']).post(
          `/api/inspections/${s.inspectionId}/working-papers`,
          paper({ title: `问题${i + 1}` }),
        ),
      ),
    );
    expect(res.map((r) => r.statusCode)).toEqual(res.map(() => 201));
    const seqs = res.map((r) => r.json().seq as number);
    expect(paperSeqGaps(seqs)).toEqual({ missing: [], duplicates: [] });
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const numbers = res.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(20);
    const round = ok(await o.staff.get(`/api/rounds/${s.roundId}`));
    expect(numbers).toContain(`[2026]七届${round.number}轮-3组-07号`);
  });

  it('follows the pattern the authority sets, and refuses a pattern that cannot keep numbers apart', async () => {
    const s = await o.site({ teamName: '第四巡察组' });
    const cur = ok(await o.staff.get(`/api/authorities/${o.city}/fieldwork-settings`));
    const bad = await o.staff.put(`/api/authorities/${o.city}/fieldwork-settings`, {
      version: cur.version,
      settings: { ...cur.settings, paperNumber: { pattern: '第{seq}号', scope: 'team' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await s.member.put(`/api/authorities/${o.city}/fieldwork-settings`, {
          version: cur.version,
          settings: cur.settings,
        })
      ).statusCode,
    ).toBe(403);
    const saved = ok(
      await o.staff.put(`/api/authorities/${o.city}/fieldwork-settings`, {
        version: cur.version,
        settings: { ...cur.settings, paperNumber: { pattern: '赣巡〔{year}〕{round}-{team}-{seq:3}', scope: 'team' } },
      }),
    );
    try {
      const p = ok(await s.member.post(`/api/inspections/${s.inspectionId}/working-papers`, paper()));
      expect(p.number).toMatch(/^赣巡〔2026〕\d+-4-001$/);
    } finally {
      ok(
        await o.staff.put(`/api/authorities/${o.city}/fieldwork-settings`, {
          version: saved.version,
          settings: { ...saved.settings, paperNumber: cur.settings.paperNumber },
        }),
      );
    }
  });
});

describe('三审', () => {
  it('runs author → 副组长 → 组长, keeping each step to its reviewer', async () => {
    const s = await o.site();
    const url = `/api/inspections/${s.inspectionId}/working-papers`;
    expect((await o.liaison.get(url)).statusCode).toBe(404);
    expect((await s.outsider.post(url, paper())).statusCode).toBe(404);
    expect((await o.staff.post(url, paper())).statusCode).toBe(404);
    const noReg = ok(await s.member.post(url, paper({ regulationIds: [], evidence: [] })));
    const early = await s.member.post(`/api/working-papers/${noReg.id}/review`, { action: 'submit', version: 1 });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toBe('请至少选择一条定性依据；请至少列出一项证据');
    let p = ok(await s.member.post(url, paper()));
    expect(p).toMatchObject({ status: 'draft', allowedActions: ['submit'], authorName: s.member.name });
    expect(
      (await s.member2.post(`/api/working-papers/${p.id}/review`, { action: 'submit', version: 1 })).statusCode,
    ).toBe(403);
    p = ok(await s.member.post(`/api/working-papers/${p.id}/review`, { action: 'submit', version: 1 }));
    expect(p.status).toBe('deputyReview');
    const pending = ok(await s.deputy.get('/api/working-papers?pendingForMe=true'));
    expect(pending.items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect(
      ok(await s.leader.get('/api/working-papers?pendingForMe=true')).items.map((x: { id: string }) => x.id),
    ).not.toContain(p.id);
    const byLeader = await s.leader.post(`/api/working-papers/${p.id}/review`, {
      action: 'approve',
      version: p.version,
    });
    expect(byLeader.statusCode).toBe(403);
    expect(byLeader.json().message).toContain('只有副组长');
    const shortReason = await s.deputy.post(`/api/working-papers/${p.id}/review`, {
      action: 'return',
      reason: '不行',
      version: p.version,
    });
    expect(shortReason.statusCode).toBe(400);
    p = ok(
      await s.deputy.post(`/api/working-papers/${p.id}/review`, {
        action: 'return',
        reason: '证据不足，请补充凭证',
        version: p.version,
      }),
    );
    expect(p.status).toBe('draft');
    p = ok(
      await s.member.patch(`/api/working-papers/${p.id}`, {
        version: p.version,
        facts: `${paper().facts}已补充会计凭证。`,
      }),
    );
    p = ok(await s.member.post(`/api/working-papers/${p.id}/review`, { action: 'submit', version: p.version }));
    p = ok(await s.deputy.post(`/api/working-papers/${p.id}/review`, { action: 'approve', version: p.version }));
    expect(p.status).toBe('leaderReview');
    expect((await s.deputy.patch(`/api/working-papers/${p.id}`, { version: p.version, title: '改' })).statusCode).toBe(
      403,
    );
    p = ok(
      await s.leader.post(`/api/working-papers/${p.id}/review`, {
        action: 'approve',
        reason: '同意',
        version: p.version,
      }),
    );
    expect(p.status).toBe('signedOff');
    expect(p.reviews.map((r: { action: string; teamRole: string }) => `${r.action}:${r.teamRole}`)).toEqual([
      'submit:member',
      'return:deputy',
      'submit:member',
      'approve:deputy',
      'approve:leader',
    ]);
    const again = await s.leader.post(`/api/working-papers/${p.id}/review`, { action: 'approve', version: p.version });
    expect(again.statusCode).toBe(409);
    expect((await s.member.patch(`/api/working-papers/${p.id}`, { version: p.version, title: '改' })).statusCode).toBe(
      409,
    );
    const versions = ok(await s.member.get(`/api/working-papers/${p.id}/versions`));
    expect(versions.items).toHaveLength(1);
    expect(versions.items[0].facts).toBe(paper().facts);
    const moves = await o.t.database.db.select().from(auditLog).where(eq(auditLog.objectId, p.id));
    expect(moves.map((m) => m.action)).toEqual(
      expect.arrayContaining([
        'workingPaper.create',
        'workingPaper.submit',
        'workingPaper.return',
        'workingPaper.approve',
      ]),
    );
  });

  it('answers two sign-offs at once with one 200 and one 409', async () => {
    const s = await o.site();
    let p = ok(await s.member.post(`/api/inspections/${s.inspectionId}/working-papers`, paper()));
    p = ok(await s.member.post(`/api/working-papers/${p.id}/review`, { action: 'submit', version: p.version }));
    p = ok(await s.deputy.post(`/api/working-papers/${p.id}/review`, { action: 'approve', version: p.version }));
    const [a, b] = await Promise.all([
      s.leader.post(`/api/working-papers/${p.id}/review`, { action: 'approve', version: p.version }),
      s.leader.post(`/api/working-papers/${p.id}/review`, { action: 'approve', version: p.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const reviews = await o.t.database.db.execute(
      sql`select count(*)::int as n from paper_reviews where paper_id = ${p.id} and to_status = 'signedOff'`,
    );
    expect((reviews as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(1);
  });

  it('in a team without a 副组长 goes straight to the 组长, who cannot submit a paper of his own', async () => {
    const s = await o.site({ noDeputy: true });
    let p = ok(await s.member.post(`/api/inspections/${s.inspectionId}/working-papers`, paper()));
    p = ok(await s.member.post(`/api/working-papers/${p.id}/review`, { action: 'submit', version: p.version }));
    expect(p.status).toBe('leaderReview');
    const own = ok(await s.leader.post(`/api/inspections/${s.inspectionId}/working-papers`, paper()));
    const refused = await s.leader.post(`/api/working-papers/${own.id}/review`, {
      action: 'submit',
      version: own.version,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('须经副组长审核');
  });
});

describe('a signed-off paper becomes a finding', () => {
  it('once, by the 组长 or the office, carrying its 定性依据; a draft never', async () => {
    const s = await o.site();
    const draft = ok(await s.member.post(`/api/inspections/${s.inspectionId}/working-papers`, paper()));
    expect((await s.leader.post(`/api/working-papers/${draft.id}/finding`, {})).statusCode).toBe(409);
    const p = await signedOff(s);
    expect((await s.member.post(`/api/working-papers/${p.id}/finding`, {})).statusCode).toBe(404);
    const tax = ok(await s.leader.get('/api/taxonomy')).items.find(
      (n: { name: string }) => n.name === '违反中央八项规定精神',
    );
    const [a, b] = await Promise.all([
      s.leader.post(`/api/working-papers/${p.id}/finding`, { taxonomyNodeId: tax.id, severity: 'serious' }),
      o.staff.post(`/api/working-papers/${p.id}/finding`, {}),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const f = (a.statusCode === 201 ? a : b).json();
    expect(f).toMatchObject({
      source: 'workingPaper',
      workingPaperId: p.id,
      paperNumber: p.number,
      title: '违规发放津贴补贴',
      sector: '财政金融',
      orgName: '赣州市财政局',
    });
    expect(f.regulations.map((r: { id: string }) => r.id)).toEqual([regulationId]);
    expect(ok(await s.member.get(`/api/working-papers/${p.id}`)).findingId).toBe(f.id);
    const sum = ok(await s.member.get(`/api/inspections/${s.inspectionId}/summary`));
    expect(sum.workingPapers).toEqual({ draft: 1, inReview: 0, signedOff: 1 });
    expect(sum.findings).toBe(1);
  });

  it('prints the 底稿审批单 after re-authentication, audited with its serial', async () => {
    const s = await o.site();
    const p = await signedOff(s);
    expect((await s.member.get(`/api/working-papers/${p.id}/approval.docx`)).json().code).toBe('REAUTH_REQUIRED');
    await s.member.reauth();
    const doc = await s.member.get(`/api/working-papers/${p.id}/approval.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const exports = await o.t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'workingPaper.exportApproval'));
    expect(exports.some((e) => e.actorId === s.member.userId)).toBe(true);
  });

  it('keeps every saved change as a version', async () => {
    const s = await o.site();
    let p = ok(await s.member.post(`/api/inspections/${s.inspectionId}/working-papers`, paper()));
    for (const title of ['违规发放津贴补贴问题', '违规发放加班补助'])
      p = ok(await s.member.patch(`/api/working-papers/${p.id}`, { version: p.version, title }));
    const rows = await o.t.database.db.select().from(paperVersions).where(eq(paperVersions.paperId, p.id));
    expect(rows.map((r) => r.title).sort()).toEqual(['违规发放津贴补贴', '违规发放津贴补贴问题'].sort());
    expect((await o.t.database.db.select().from(workingPapers).where(eq(workingPapers.id, p.id)))[0]?.title).toBe(
      '违规发放加班补助',
    );
    expect((await s.member.patch(`/api/working-papers/${p.id}`, { version: 1, title: '旧版本' })).statusCode).toBe(409);
  });
});
