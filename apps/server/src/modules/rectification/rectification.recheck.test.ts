import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, inspections, inspectors, rechecks, teamMembers } from '../../db/schema/index.ts';
import { buildRectOffice, ok, type RectOffice } from './rectification.fixture.ts';

// 回头看: the look-back inspection's team sees the earlier inspection's findings and tasks, rechecks
// them (到位 / 不到位 with the facts), and each 不到位 becomes a finding of the look-back.

let o: RectOffice;
beforeAll(async () => {
  o = await buildRectOffice({ inspectors, teamMembers });
});
afterAll(async () => o.t.close());

describe('回头看', () => {
  it('pulls the earlier findings with their tasks and turns 不到位 into findings of the look-back', async () => {
    const earlier = await o.feedbackSite();
    const [f1, f2, f3] = earlier.findings as [
      { id: string; title: string },
      { id: string; title: string },
      { id: string; title: string },
    ];
    await earlier.task(f1.id);
    await earlier.task(f2.id, { kind: 'immediate', deadline: '2026-12-15' });
    const lb = await o.site({ teamName: '第五巡察组' });
    await o.t.database.db
      .update(inspections)
      .set({ lookBackOfId: earlier.inspectionId })
      .where(eq(inspections.id, lb.inspectionId));
    const url = `/api/inspections/${lb.inspectionId}/recheck`;

    expect((await o.t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await o.liaison.get(url)).statusCode).toBe(404);
    expect((await lb.outsider.get(url)).statusCode).toBe(404);
    const view = ok(await lb.member.get(url));
    expect(view).toMatchObject({ inspectionId: lb.inspectionId, lookBackOfId: earlier.inspectionId });
    expect(view.items).toHaveLength(4);
    const one = view.items.find((i: { finding: { id: string } }) => i.finding.id === f1.id);
    expect(one).toMatchObject({ rectification: 'undone', recheck: null, finding: { orgName: '赣州市财政局' } });
    expect(one.tasks).toEqual([expect.objectContaining({ kind: 'timeLimited', ledgerStatus: 'undone' })]);

    const facts = '经实地核查，党组仍未按季度专题研究党风廉政建设，议事规则修订稿未经党组会审议。';
    const body = {
      checkedOn: '2026-11-27',
      items: [
        { findingId: f1.id, result: 'inadequate', facts },
        { findingId: f2.id, result: 'adequate', facts: '已按规定整改。' },
      ],
    };
    expect((await o.t.app.inject({ method: 'POST', url, payload: body })).statusCode).toBe(401);
    expect((await o.staff.post(url, body)).statusCode).toBe(403);
    expect((await o.liaison.post(url, body)).statusCode).toBe(403);
    expect((await lb.outsider.post(url, body)).statusCode).toBe(404);
    const short = await lb.member.post(url, { items: [{ findingId: f1.id, result: 'inadequate', facts: '不到位' }] });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toBe('整改不到位须写明核查发现的事实（至少10个字）');
    const foreign = await lb.member.post(url, {
      items: [{ findingId: lb.inspectionId, result: 'adequate', facts: '已整改' }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(await o.t.database.db.select().from(rechecks)).toHaveLength(0);
    expect(
      await o.t.database.db.select().from(findings).where(eq(findings.inspectionId, lb.inspectionId)),
    ).toHaveLength(0);

    const done = ok(await lb.member.post(url, body));
    const r1 = done.items.find((i: { finding: { id: string } }) => i.finding.id === f1.id).recheck;
    const r2 = done.items.find((i: { finding: { id: string } }) => i.finding.id === f2.id).recheck;
    expect(r1).toMatchObject({ result: 'inadequate', checkedOn: '2026-11-27', newFindingId: expect.any(String) });
    expect(r2).toMatchObject({ result: 'adequate', newFindingId: null });
    const created = (
      await o.t.database.db.select().from(findings).where(eq(findings.inspectionId, lb.inspectionId))
    )[0];
    expect(created).toMatchObject({
      id: r1.newFindingId,
      title: `上轮巡察反馈的“${f1.title}”问题整改不到位`,
      source: 'lookBack',
      orgId: o.target,
    });
    expect(created?.facts).toContain(facts);
    expect(
      (await lb.member.post(url, { items: [{ findingId: f1.id, result: 'adequate', facts: '已整改' }] })).statusCode,
    ).toBe(409);
    expect(
      (await lb.member.post(url, { items: [{ findingId: f3.id, result: 'adequate', facts: '已整改' }] })).statusCode,
    ).toBe(200);

    // An inspection that is not a look-back has nothing to recheck.
    expect((await earlier.site.member.get(`/api/inspections/${earlier.inspectionId}/recheck`)).statusCode).toBe(409);
  });
});
