import { combineSummaries, type TRectificationSummary } from '@xc/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspections, inspectors, teamMembers } from '../../db/schema/index.ts';
import { buildRectOffice, ok, type RectOffice, type RectSite } from './rectification.fixture.ts';

// 整改统计 per round drilling down to its inspections (GET /api/rounds/{id}/rectification-inspections:
// the rows add up to the round's summary, and each is the inspection's own summary), and the list of
// inspections under rectification: filtered in SQL with the answer unchanged, and 回头看 marked.

let o: RectOffice;
beforeAll(async () => {
  o = await buildRectOffice({ inspectors, teamMembers });
});
afterAll(async () => o.t.close());

const SUMMARY_KEYS = [
  'findings',
  'rectified',
  'ongoing',
  'undone',
  'rate',
  'extensions',
  'moneyRecovered',
  'accountable',
  'rulesMade',
] as const;
const figures = (x: TRectificationSummary) => Object.fromEntries(SUMMARY_KEYS.map((k) => [k, x[k]]));

/** A second inspection in `s`'s round, of both organizations, at feedback with one finding of each. */
async function secondInspection(s: RectSite) {
  const id = ok(
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
    const v = ok(await o.staff.get(`/api/inspections/${id}`)).version;
    ok(await o.staff.post(`/api/inspections/${id}/transition`, { version: v, to, date }));
  };
  await move('prepared', '2026-10-25');
  await move('onSite', '2026-11-16');
  const finding = async (title: string, orgId: string) =>
    ok(await s.site.leader.post(`/api/inspections/${id}/findings`, { title, facts: '事实。', orgId })).id as string;
  const mine = await finding('财政局的问题', o.target);
  const theirs = await finding('商务局的问题', o.other);
  await move('reporting', '2026-11-20');
  ok(
    await o.staff.post('/api/meetings', {
      kind: 'secretarySpecial',
      date: '2026-11-23',
      attendees: ['市委书记'],
      inspectionIds: [id],
      decisions: '同意。',
    }),
  );
  await move('feedback', '2026-11-24');
  return { id, mine, theirs };
}

describe('a round drilling down to its inspections', () => {
  it('lists each inspection with the figures of its own summary, and the rows add up to the round', async () => {
    const s = await o.feedbackSite({ teamName: '第六巡察组' });
    await s.feedback();
    const two = await secondInspection(s);
    const [f0, f1] = s.findings.map((f) => f.id) as [string, string];
    // The first inspection: one finding rectified, one ongoing with an approved extension; money and rules.
    const a = await s.task(f0);
    ok(await o.liaison.post(`/api/rectification-tasks/${a.id}/status`, { status: 'done', note: '完成。' }));
    ok(await o.staff.post(`/api/rectification-tasks/${a.id}/write-off`));
    const b = await s.task(f1);
    ok(await o.liaison.post(`/api/rectification-tasks/${b.id}/status`, { status: 'ongoing', note: '阶段性成果。' }));
    const ext = ok(
      await o.liaison.post(`/api/rectification-tasks/${b.id}/extensions`, {
        reason: '涉及跨部门协调。',
        newDeadline: '2027-06-30',
      }),
    );
    ok(await o.officeLeader.post(`/api/rectification-extensions/${ext.id}/approve`, {}));
    for (const m of ['0.10', '123.45'])
      ok(await o.staff.post(`/api/inspections/${s.inspectionId}/outcomes`, { moneyRecovered: m, accountable: 1 }));
    ok(
      await o.liaison.post(`/api/inspections/${s.inspectionId}/rule-makings`, {
        title: '公务接待管理办法',
        kind: 'made',
        issuedOn: '2026-11-26',
        issuingBody: '市财政局党组',
        findingIds: [f1],
      }),
    );
    // The second: each organization's own outcomes; the other organization's finding rectified.
    ok(
      await o.staff.post(`/api/inspections/${two.id}/outcomes`, {
        orgId: o.other,
        moneyRecovered: '0.21',
        accountable: 2,
        rulesMade: 1,
      }),
    );
    ok(await o.staff.post(`/api/inspections/${two.id}/outcomes`, { orgId: o.target, moneyRecovered: '5.00' }));
    const t2 = ok(await o.staff.post(`/api/findings/${two.theirs}/tasks`, s.taskBody()));
    ok(await o.staff.post(`/api/rectification-tasks/${t2.id}/status`, { status: 'done', note: '完成。' }));
    ok(await o.staff.post(`/api/rectification-tasks/${t2.id}/write-off`));

    const url = `/api/rounds/${s.roundId}/rectification-inspections`;
    expect((await o.t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await o.countyStaff.get(url)).statusCode).toBe(404);
    expect((await o.staff.get('/api/rounds/not-a-uuid/rectification-inspections')).statusCode).toBe(400);
    expect((await o.staff.get(`/api/rounds/${s.inspectionId}/rectification-inspections`)).statusCode).toBe(404);

    for (const who of [o.staff, o.leaderRole, o.liaison, o.otherLiaison]) {
      const out = ok(await who.get(url));
      const round = ok(await who.get(`/api/rounds/${s.roundId}/rectification-summary`));
      expect(out.summary).toEqual(round);
      // Every total of the round is the sum of its rows.
      expect(combineSummaries(out.items)).toEqual(round);
      // And each row is the inspection's own summary, for whoever may open it.
      if (who === o.staff)
        for (const row of out.items)
          expect(figures(row)).toEqual(ok(await who.get(`/api/inspections/${row.inspectionId}/rectification-summary`)));
    }
    const office = ok(await o.staff.get(url));
    expect(office).toMatchObject({ roundId: s.roundId, termId: s.termId });
    expect(office.items.map((i: { inspectionId: string }) => i.inspectionId).sort()).toEqual(
      [s.inspectionId, two.id].sort(),
    );
    const labels = office.items.map((i: { label: string }) => i.label);
    expect(labels).toEqual([...labels].sort());
    const first = office.items.find((i: { inspectionId: string }) => i.inspectionId === s.inspectionId);
    expect(first).toMatchObject({
      findings: 4,
      rectified: 1,
      ongoing: 1,
      undone: 2,
      rate: 0.25,
      extensions: 1,
      moneyRecovered: '123.55',
      accountable: 2,
      rulesMade: 1,
      stage: 'feedback',
      orgs: [{ orgId: o.target, name: '赣州市财政局' }],
    });
    expect(office.summary).toMatchObject({ findings: 6, rectified: 2, moneyRecovered: '128.76', accountable: 4 });
    // A liaison sees its own organization's figures only, and the rows still add up.
    const theirs = ok(await o.otherLiaison.get(url));
    expect(theirs.items).toEqual([
      expect.objectContaining({
        inspectionId: two.id,
        findings: 1,
        rectified: 1,
        moneyRecovered: '0.21',
        accountable: 2,
        rulesMade: 1,
        orgs: [{ orgId: o.other, name: expect.any(String) }],
      }),
    ]);
    const mine = ok(await o.liaison.get(url));
    expect(mine.items.find((i: { inspectionId: string }) => i.inspectionId === two.id)).toMatchObject({
      findings: 1,
      rectified: 0,
      moneyRecovered: '5.00',
      orgs: [{ orgId: o.target }],
    });
  });

  it('answers 404 to a liaison none of whose inspections is in the round, and lists an inspection without figures as zeros', async () => {
    const s = await o.feedbackSite({ teamName: '第七巡察组' });
    const url = `/api/rounds/${s.roundId}/rectification-inspections`;
    expect((await o.otherLiaison.get(url)).statusCode).toBe(404);
    const out = ok(await o.staff.get(url));
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatchObject({
      inspectionId: s.inspectionId,
      findings: 4,
      undone: 4,
      moneyRecovered: '0.00',
    });
    // An inspection still on site is not under rectification: not a row, not in the summary.
    const early = await o.site({ teamName: '第八巡察组' });
    const none = ok(await o.staff.get(`/api/rounds/${early.roundId}/rectification-inspections`));
    expect(none.items).toEqual([]);
    expect(none.summary).toMatchObject({ findings: 0, rate: 0, moneyRecovered: '0.00' });
  });
});

describe('the inspections under rectification', () => {
  it('filters by term, round and stage as the whole list says, in the same order, and marks a 回头看', async () => {
    const earlier = await o.feedbackSite({ teamName: '第十巡察组' });
    const lb = await o.feedbackSite({ teamName: '第十一巡察组' });
    await o.t.database.db
      .update(inspections)
      .set({ lookBackOfId: earlier.inspectionId })
      .where(eq(inspections.id, lb.inspectionId));
    for (const who of [o.staff, o.leaderRole, o.liaison, o.reviewer]) {
      const all = ok(await who.get('/api/rectification/inspections')).items as {
        id: string;
        termId: string;
        roundId: string;
        stage: string;
        label: string;
        lookBackOfId?: string | null;
      }[];
      expect(all.length).toBeGreaterThan(1);
      const labels = all.map((i) => i.label);
      expect(labels).toEqual([...labels].sort());
      const row = all.find((i) => i.id === lb.inspectionId);
      expect(row?.lookBackOfId).toBe(earlier.inspectionId);
      expect(all.find((i) => i.id === earlier.inspectionId)?.lookBackOfId).toBeNull();
      const filters: [string, (i: (typeof all)[number]) => boolean][] = [
        [`termId=${lb.termId}`, (i) => i.termId === lb.termId],
        [`roundId=${lb.roundId}`, (i) => i.roundId === lb.roundId],
        ['stage=feedback', (i) => i.stage === 'feedback'],
        ['stage=archived', (i) => i.stage === 'archived'],
        [`termId=${lb.termId}&roundId=${earlier.roundId}`, (i) => i.roundId === earlier.roundId],
        [`roundId=${lb.roundId}&stage=rectifying`, () => false],
      ];
      for (const [q, keep] of filters)
        expect(ok(await who.get(`/api/rectification/inspections?${q}`)).items, q).toEqual(all.filter(keep));
    }
    // A term or round that does not exist lists nothing; a malformed one is refused.
    expect(ok(await o.staff.get(`/api/rectification/inspections?roundId=${lb.inspectionId}`)).items).toEqual([]);
    expect((await o.staff.get('/api/rectification/inspections?termId=x')).statusCode).toBe(400);
    expect((await o.staff.get('/api/rectification/inspections?stage=onSite')).statusCode).toBe(400);
    expect(ok(await o.countyStaff.get(`/api/rectification/inspections?termId=${lb.termId}`)).items).toEqual([]);
  });
});
