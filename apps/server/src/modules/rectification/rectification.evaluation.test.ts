import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationRatings, inspectors, rectificationEvaluations, teamMembers } from '../../db/schema/index.ts';
import { ok, type RectOffice } from './rectification.fixture.ts';
import { buildReviewOffice, type ReviewOffice } from './rectification.review.fixture.ts';

// 整改评估: the scorecard's deductions by the office, the team and society, the 整改满意度测评 issued
// through the survey engine and answered by the public, the grade, and the move to `evaluated`
// refused while a plan or report has not passed joint review.

let f: ReviewOffice;
let o: RectOffice;

beforeAll(async () => {
  f = await buildReviewOffice({ inspectors, teamMembers });
  o = f.o;
});
afterAll(async () => o.t.close());

describe('evaluation', () => {
  it('refuses the move to evaluated naming the missing joint review, through conclude and the stage machine', async () => {
    const s = await f.rectifyingSite({ reports: false });
    const v = await s.site.version();
    const move = await o.staff.post(`/api/inspections/${s.inspectionId}/transition`, {
      version: v,
      to: 'evaluated',
      date: '2026-11-27',
    });
    expect(move.statusCode).toBe(409);
    expect(move.json().message).toBe(
      '尚未完成整改报告联合会审、完成主要负责人组织落实情况报告联合会审、评定整改评估等次，不能完成整改评估',
    );
    const url = `/api/inspections/${s.inspectionId}/evaluation`;
    const ev = ok(await o.staff.get(url)).items[0];
    ok(await o.staff.post(`${url}/ratings`, { rater: 'office', deductions: {} }));
    ok(await s.site.leader.post(`${url}/ratings`, { rater: 'team', deductions: {} }));
    ok(await o.staff.post(`${url}/ratings`, { rater: 'society', deductions: {} }));
    const body = { version: ev.version + 3, evaluatedOn: '2026-11-27', veto: '虚假整改，敷衍应付' };
    const refused = await o.staff.post(`${url}/conclude`, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      '尚未完成整改报告联合会审、完成主要负责人组织落实情况报告联合会审，不能完成整改评估',
    );
    const after = ok(await o.staff.get(url)).items[0];
    expect(after).toMatchObject({ grade: null, evaluatedOn: null });
    expect(ok(await o.staff.get(`/api/inspections/${s.inspectionId}`)).stage).toBe('rectifying');
  });

  it('scores with the public survey, grades by the thresholds and moves the inspection to evaluated', async () => {
    const s = await f.rectifyingSite();
    const url = `/api/inspections/${s.inspectionId}/evaluation`;
    const rate = `${url}/ratings`;
    const office = { rater: 'office', deductions: { planQuality: 2, taskCompletion: 5 }, comments: '个别任务进度滞后' };
    expect((await o.t.app.inject({ method: 'POST', url: rate, payload: office })).statusCode).toBe(401);
    expect((await o.t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await o.liaison.post(rate, office)).statusCode).toBe(403);
    expect((await s.site.member.post(rate, office)).statusCode).toBe(403);
    expect((await o.countyStaff.post(rate, office)).statusCode).toBe(404);
    expect((await s.site.outsider.get(url)).statusCode).toBe(404);
    expect((await o.otherLiaison.get(url)).statusCode).toBe(404);
    expect((await s.site.leader.post(rate, office)).statusCode).toBe(403); // the 组长 rates for the team only
    const over = await o.staff.post(rate, { rater: 'office', deductions: { planQuality: 16 } });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toBe('巡察办对“整改方案质量”的扣分不能超过15分');
    const manualSat = await o.staff.post(rate, { rater: 'office', deductions: { satisfaction: 3 } });
    expect(manualSat.statusCode).toBe(400);
    expect((await o.staff.post(rate, { rater: 'office', deductions: { planQuality: 0.25 } })).statusCode).toBe(400);
    const ev0 = ok(await o.liaison.get(url)).items[0];
    expect(ev0).toMatchObject({ grade: null, survey: null, score: null });
    expect(ev0.byRater.map((b: { rater: string; ratedBy: string | null }) => [b.rater, b.ratedBy])).toEqual([
      ['office', null],
      ['team', null],
      ['society', null],
    ]);
    expect(
      (await o.t.database.db.select().from(evaluationRatings).where(eq(evaluationRatings.evaluationId, ev0.id))).length,
    ).toBe(0);

    ok(await o.staff.post(rate, office));
    ok(await s.site.leader.post(rate, { rater: 'team', deductions: { evidence: 1 } }));
    ok(await o.staff.post(rate, { rater: 'society', deductions: {} }));

    // The survey: issued once per organization, answered by the public.
    expect((await s.site.leader.post(`${url}/survey`, {})).statusCode).toBe(403);
    const issued = ok(await o.staff.post(`${url}/survey`, {}));
    expect(issued.items).toEqual([expect.objectContaining({ orgId: o.target, created: true })]);
    expect(ok(await o.staff.post(`${url}/survey`, {})).items[0]).toMatchObject({
      created: false,
      surveyId: issued.items[0].surveyId,
    });
    const noAnswers = ok(await o.staff.get(url)).items[0];
    expect(noAnswers.problems).toEqual(['尚无有效的群众满意度测评结果']);
    const early = await o.staff.post(`${url}/conclude`, { version: noAnswers.version, evaluatedOn: '2026-11-27' });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toBe('尚无有效的群众满意度测评结果');

    await f.answer(issued.items[0].openCode, [0, 0, 1, 0, 1, 0, 0, 0, 2, 2, 3]); // 8 satisfied, 2 not, 1 不了解
    const ready = ok(await o.staff.get(url)).items[0];
    expect(ready).toMatchObject({ problems: [], satisfactionRate: 0.8, satisfactionDeduction: 10, score: 86.2 });
    expect(ready.survey).toMatchObject({ answers: 11, satisfied: 8, valid: 10 });
    expect(
      (await o.liaison.post(`${url}/conclude`, { version: ready.version, evaluatedOn: '2026-11-27' })).statusCode,
    ).toBe(403);
    expect(
      (await o.staff.post(`${url}/conclude`, { version: ready.version, evaluatedOn: '2026-12-27' })).statusCode,
    ).toBe(400);
    expect(
      (await o.staff.post(`${url}/conclude`, { version: ready.version - 1, evaluatedOn: '2026-11-27' })).statusCode,
    ).toBe(409);
    const done = ok(await o.staff.post(`${url}/conclude`, { version: ready.version, evaluatedOn: '2026-11-27' }));
    expect(done.items[0]).toMatchObject({ grade: 'fairlyGood', score: 86.2, evaluatedOn: '2026-11-27' });
    const insp = ok(await o.staff.get(`/api/inspections/${s.inspectionId}`));
    expect(insp).toMatchObject({ stage: 'evaluated', evaluatedDate: '2026-11-27' });
    expect(
      (await o.staff.post(`${url}/conclude`, { version: done.items[0].version, evaluatedOn: '2026-11-27' })).statusCode,
    ).toBe(409);
    expect((await o.staff.post(rate, office)).statusCode).toBe(409);
    const row = (
      await o.t.database.db.select().from(rectificationEvaluations).where(eq(rectificationEvaluations.id, ev0.id))
    )[0];
    expect(row).toMatchObject({ scoreHundredths: 8620, satisfied: 8, valid: 10, grade: 'fairlyGood' });
  });
});
