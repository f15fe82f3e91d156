import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectors, publicationBatches, publicationItems, teamMembers } from '../../db/schema/index.ts';
import { ok, type RectOffice, type RectSite } from './rectification.fixture.ts';
import { buildReviewOffice, type ReviewOffice } from './rectification.review.fixture.ts';

// 双公开: batches 第N批 over evaluated inspections, an organization graded 差 deferred (延后公示) with
// the reason, items withheld from the public version only for one of the five reasons, the two
// versions approved separately, publishing moving the inspection to `published`, the public notice.

let f: ReviewOffice;
let o: RectOffice;

beforeAll(async () => {
  f = await buildReviewOffice({ inspectors, teamMembers });
  o = f.o;
});
afterAll(async () => o.t.close());

/** Scores, surveys and concludes the evaluation; a veto grades it 差. */
async function evaluate(s: RectSite, veto: string | null = null) {
  const url = `/api/inspections/${s.inspectionId}/evaluation`;
  for (const rater of ['office', 'society']) ok(await o.staff.post(`${url}/ratings`, { rater, deductions: {} }));
  ok(await s.site.leader.post(`${url}/ratings`, { rater: 'team', deductions: {} }));
  const survey = ok(await o.staff.post(`${url}/survey`, {})).items[0];
  await f.answer(survey.openCode, [0, 0, 0, 1, 0]);
  const ev = ok(await o.staff.get(url)).items[0];
  const done = ok(await o.staff.post(`${url}/conclude`, { version: ev.version, evaluatedOn: '2026-11-27', veto }));
  return done.items[0];
}

const stageOf = async (s: RectSite) => ok(await o.staff.get(`/api/inspections/${s.inspectionId}`)).stage;

describe('publication', () => {
  it('defers a 差 organization, needs a reason to withhold, approves both versions, publishes and shows the notice', async () => {
    const poor = await f.rectifyingSite();
    const good = await f.rectifyingSite();
    const early = await o.feedbackSite();
    expect((await evaluate(poor, '虚假整改，敷衍应付')).grade).toBe('poor');
    expect((await evaluate(good)).grade).toBe('good');
    expect(await stageOf(good)).toBe('evaluated');

    const url = '/api/publication-batches';
    const body = { title: '巡察整改情况公开', inspectionIds: [poor.inspectionId, good.inspectionId] };
    expect((await o.t.app.inject({ method: 'POST', url, payload: body })).statusCode).toBe(401);
    expect((await o.liaison.post(url, body)).statusCode).toBe(403);
    expect((await o.reviewer.post(url, body)).statusCode).toBe(403);
    expect((await o.countyStaff.post(url, body)).statusCode).toBe(404);
    expect((await o.staff.post(url, { inspectionIds: [] })).statusCode).toBe(400);
    const notYet = await o.staff.post(url, { inspectionIds: [early.inspectionId] });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().message).toBe('所选巡察尚未完成整改评估，不能列入公开批次');
    expect(await o.t.database.db.select().from(publicationBatches)).toHaveLength(0);

    const created = await o.staff.post(url, body);
    expect(created.statusCode).toBe(201);
    let batch = created.json();
    expect(batch).toMatchObject({ number: 1, name: '第1批', status: 'draft' });
    const deferred = batch.entries.find((e: { inspectionId: string }) => e.inspectionId === poor.inspectionId);
    const out = batch.entries.find((e: { inspectionId: string }) => e.inspectionId === good.inspectionId);
    expect(deferred).toMatchObject({ grade: 'poor', deferred: true, findings: 4 });
    expect(deferred.deferReason).toContain('整改评估等次为“差”');
    expect(out).toMatchObject({ grade: 'good', deferred: false, deferReason: null, orgName: '赣州市财政局' });
    expect(out.items).toHaveLength(4);
    for (const t of poor.findings.map((x) => x.title))
      expect(out.items.some((i: { text: string }) => i.text.startsWith(`${t}。`))).toBe(true);
    expect(out.items[0].text).toMatch(/整改情况：正在整改。$/);

    // Withholding needs one of the five reasons; without one nothing is written.
    const item = `/api/publication-items/${out.items[1].id}`;
    const noReason = await o.staff.patch(item, { version: batch.version, withheld: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toBe('不予公开须选择法定的不予公开情形');
    expect(
      (await o.staff.patch(item, { version: batch.version, withheld: true, withholdReason: 'gossip' })).statusCode,
    ).toBe(400);
    expect((await o.liaison.patch(item, { version: batch.version, withheld: false })).statusCode).toBe(403);
    expect(
      (await o.t.database.db.select().from(publicationItems).where(eq(publicationItems.withheld, true))).length,
    ).toBe(0);
    batch = ok(
      await o.staff.patch(item, { version: batch.version, withheld: true, withholdReason: 'caseUnderReview' }),
    );
    expect((await o.staff.patch(item, { version: batch.version - 1, withheld: false })).statusCode).toBe(409);

    // Two approvals by a leader, then publishing.
    const publish = `${url}/${batch.id}/publish`;
    const approve = `${url}/${batch.id}/approve`;
    expect((await o.officeLeader.post(publish, { version: batch.version })).json().message).toBe(
      '尚未审定党内通报版本，不能公开',
    );
    expect((await o.staff.post(approve, { version: batch.version, edition: 'internal' })).statusCode).toBe(403);
    batch = ok(await o.officeLeader.post(approve, { version: batch.version, edition: 'internal' }));
    // Taking the deferral back fails the public version's check: a 差 organization must wait.
    const entry = `/api/publication-entries/${deferred.id}`;
    batch = ok(await o.staff.patch(entry, { version: batch.version, deferred: false }));
    expect(batch.internalApprovedOn).toBeNull();
    const refused = await o.officeLeader.post(approve, { version: batch.version, edition: 'public' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe('赣州市财政局整改评估等次为“差”，应延后公示');
    expect((await o.staff.patch(entry, { version: batch.version, deferred: true })).statusCode).toBe(400); // reason needed
    batch = ok(
      await o.staff.patch(entry, { version: batch.version, deferred: true, deferReason: '整改成效不明显，延后公示' }),
    );
    batch = ok(await o.officeLeader.post(approve, { version: batch.version, edition: 'internal' }));
    batch = ok(await o.officeLeader.post(approve, { version: batch.version, edition: 'public' }));
    expect(
      (await o.t.app.inject({ method: 'GET', url: `/api/public/publication-batches/${batch.id}` })).statusCode,
    ).toBe(404);
    const published = ok(await o.officeLeader.post(publish, { version: batch.version, publishedOn: '2026-11-27' }));
    expect(published).toMatchObject({ status: 'published', publishedOn: '2026-11-27' });
    expect((await o.officeLeader.post(publish, { version: published.version })).statusCode).toBe(409);
    expect(await stageOf(good)).toBe('published');
    expect(await stageOf(poor)).toBe('evaluated');

    // The deferred inspection cannot be moved to published by hand either.
    const v = ok(await o.staff.get(`/api/inspections/${poor.inspectionId}`)).version;
    const move = await o.officeLeader.post(`/api/inspections/${poor.inspectionId}/transition`, {
      version: v,
      to: 'published',
      date: '2026-11-27',
    });
    expect(move.statusCode).toBe(409);
    expect(move.json().message).toBe('尚未在公开批次中公开整改结果，不能公开整改结果');

    // The public notice: published organizations, public items only, nothing personal.
    const pub = await o.t.app.inject({ method: 'GET', url: `/api/public/publication-batches/${batch.id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['cache-control']).toBe('no-store');
    const notice = pub.json();
    expect(notice).toMatchObject({
      authorityName: '赣州市委巡察工作领导小组办公室',
      batchName: '第1批',
      publishedOn: '2026-11-27',
    });
    expect(notice.entries).toEqual([{ orgName: '赣州市财政局', findings: 4, rectified: 0, items: expect.any(Array) }]);
    expect(notice.entries[0].items).toHaveLength(3);
    expect(pub.body).not.toContain('caseUnderReview');
    expect(pub.body).not.toContain('虚假整改');

    const list = ok(await o.staff.get(url));
    expect(list.items).toEqual([
      expect.objectContaining({ number: 1, published: 1, deferred: 1, status: 'published' }),
    ]);

    // The next batch carries the deferred organization over, still deferred while it is graded 差.
    const next = ok(await o.staff.post(url, { inspectionIds: [poor.inspectionId] }));
    expect(next).toMatchObject({ number: 2, name: '第2批' });
    expect(next.entries[0]).toMatchObject({ deferred: true, deferredFromBatch: 1 });
    expect((await o.staff.post(url, { inspectionIds: [good.inspectionId] })).statusCode).toBe(409);

    // 复评 after further rectification: an office leader reopens the evaluation, the new grade lets
    // the organization out in a later batch, and its inspection then reaches `published`.
    const evUrl = `/api/inspections/${poor.inspectionId}/evaluation`;
    const ev = ok(await o.staff.get(evUrl)).items[0];
    const reopen = { version: ev.version, reason: '经持续整改，申请重新评估' };
    expect((await o.staff.post(`${evUrl}/reopen`, reopen)).statusCode).toBe(403);
    expect((await o.officeLeader.post(`${evUrl}/reopen`, { ...reopen, reason: '复评' })).statusCode).toBe(400);
    expect((await o.officeLeader.post(`${evUrl}/reopen`, { ...reopen, version: ev.version - 1 })).statusCode).toBe(409);
    const reopened = ok(await o.officeLeader.post(`${evUrl}/reopen`, reopen)).items[0];
    expect(reopened).toMatchObject({ grade: null, veto: null, evaluatedOn: null });
    const regraded = ok(
      await o.staff.post(`${evUrl}/conclude`, { version: reopened.version, evaluatedOn: '2026-11-27' }),
    ).items[0];
    expect(regraded.grade).toBe('good');
    expect(await stageOf(poor)).toBe('evaluated');
    expect(
      (await o.officeLeader.post(`/api/inspections/${good.inspectionId}/evaluation/reopen`, reopen)).statusCode,
    ).toBe(409);
    let third = ok(await o.staff.post(url, { inspectionIds: [poor.inspectionId] }));
    expect(third).toMatchObject({ number: 3 });
    expect(third.entries[0]).toMatchObject({ grade: 'good', deferred: false, deferredFromBatch: 1 });
    third = ok(
      await o.officeLeader.post(`${url}/${third.id}/approve`, { version: third.version, edition: 'internal' }),
    );
    third = ok(await o.officeLeader.post(`${url}/${third.id}/approve`, { version: third.version, edition: 'public' }));
    ok(await o.officeLeader.post(`${url}/${third.id}/publish`, { version: third.version }));
    expect(await stageOf(poor)).toBe('published');
  });
});
