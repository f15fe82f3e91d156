import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeUser, type Session } from '../../../test/helpers.ts';
import {
  inspectors,
  jointReviews,
  rectificationReports,
  rectificationSettings,
  reviewRatings,
  teamMembers,
} from '../../db/schema/index.ts';
import { buildRectOffice, ok, type RectOffice, type RectSite } from './rectification.fixture.ts';

// 联合会审 of the plan and the reports, the authority's settings and review group, the 专题民主生活会.

let o: RectOffice;
let reviewer2: Session;
const PARTIES = [
  { key: 'discipline', name: '纪委监委' },
  { key: 'organization', name: '组织部' },
  { key: 'team', name: '巡察组' },
];

beforeAll(async () => {
  o = await buildRectOffice({ inspectors, teamMembers });
  const u = await makeUser(o.t, { displayName: '组织部会审员', grants: [{ role: 'reviewer', scopeId: o.city }] });
  reviewer2 = await login(o.t, u.username, u.password);
});
afterAll(async () => o.t.close());

const settingsUrl = () => `/api/authorities/${o.city}/rectification-settings`;

async function configureGroup() {
  const cur = ok(await o.staff.get(settingsUrl()));
  ok(
    await o.staff.put(settingsUrl(), {
      version: cur.version,
      settings: { ...cur.settings, reviewParties: PARTIES },
    }),
  );
  ok(
    await o.staff.put(`/api/authorities/${o.city}/review-parties/members`, {
      userId: o.reviewer.userId,
      party: 'discipline',
    }),
  );
  ok(
    await o.staff.put(`/api/authorities/${o.city}/review-parties/members`, {
      userId: reviewer2.userId,
      party: 'organization',
    }),
  );
}

async function planOf(s: RectSite) {
  return ok(await o.staff.get(`/api/inspections/${s.inspectionId}/plans`)).items[0];
}

describe('settings and the review group', () => {
  it('answers 401/403/404, refuses bad settings writing nothing, and saves under the version', async () => {
    const url = settingsUrl();
    expect((await o.t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await o.liaison.get(url)).statusCode).toBe(404);
    expect((await o.countyStaff.get(url)).statusCode).toBe(404);
    const got = ok(await o.reviewer.get(url));
    expect(got.settings.reviewParties).toHaveLength(5);
    expect(got.settings.scorecard.thresholds).toEqual({ good: 90, fairlyGood: 80, average: 60 });
    expect((await o.reviewer.put(url, { version: got.version, settings: got.settings })).statusCode).toBe(403);
    const two = await o.staff.put(url, {
      version: got.version,
      settings: { ...got.settings, reviewParties: PARTIES.slice(0, 2) },
    });
    expect(two.statusCode).toBe(400);
    expect(two.json().message).toContain('联合会审单位至少3家');
    expect(await o.t.database.db.select().from(rectificationSettings)).toHaveLength(0);
    const saved = ok(
      await o.staff.put(url, { version: got.version, settings: { ...got.settings, warningWorkingDays: 3 } }),
    );
    expect(saved).toMatchObject({ version: got.version + 1, settings: { warningWorkingDays: 3 } });
    const again = await o.staff.put(url, { version: got.version, settings: got.settings });
    expect(again.statusCode).toBe(409);
    expect(ok(await o.staff.get(url)).settings.warningWorkingDays).toBe(3);
  });

  it('seats reviewer accounts in the parties, and only reviewers of the authority', async () => {
    await configureGroup();
    const url = `/api/authorities/${o.city}/review-parties/members`;
    const notReviewer = await o.staff.put(url, { userId: o.liaison.userId, party: 'discipline' });
    expect(notReviewer.statusCode).toBe(400);
    expect((await o.staff.put(url, { userId: reviewer2.userId, party: 'publicity' })).statusCode).toBe(400);
    expect((await o.reviewer.put(url, { userId: reviewer2.userId, party: 'team' })).statusCode).toBe(403);
    const roster = ok(await o.staff.get(`/api/authorities/${o.city}/review-parties`));
    expect(roster.parties.map((p: { key: string; members: unknown[] }) => [p.key, p.members.length])).toEqual([
      ['discipline', 1],
      ['organization', 1],
      ['team', 0],
    ]);
    expect(roster.candidates).toHaveLength(2);
  });
});

describe('joint review of the plan', () => {
  it('refuses to send an incomplete plan, then one 差 returns it, fixed and resubmitted, all 好 → accepted', async () => {
    await configureGroup();
    const s = await o.feedbackSite();
    const url = `/api/inspections/${s.inspectionId}/plan/submit`;
    const [f1, f2, f3, f4] = s.findings as [
      RectSite['findings'][0],
      RectSite['findings'][0],
      RectSite['findings'][0],
      RectSite['findings'][0],
    ];
    await s.task(f1.id);
    await s.task(f2.id);
    await s.task(f3.id);
    expect((await o.t.app.inject({ method: 'POST', url, payload: { version: 1 } })).statusCode).toBe(401);
    expect((await s.site.member.post(url, { version: 1 })).statusCode).toBe(403);
    expect((await o.otherLiaison.post(url, { version: 1 })).statusCode).toBe(404);
    expect((await o.liaison.post(url, {})).statusCode).toBe(400);
    const missing = await o.liaison.post(url, { version: 1 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe('问题“档案管理混乱”尚未制定整改任务');
    expect((await planOf(s)).status).toBe('draft');
    expect(
      await o.t.database.db.select().from(jointReviews).where(eq(jointReviews.inspectionId, s.inspectionId)),
    ).toHaveLength(0);

    await s.task(f4.id);
    const plan = await planOf(s);
    expect((await o.liaison.post(url, { version: plan.version + 5 })).statusCode).toBe(409);
    const sent = ok(await o.liaison.post(url, { version: plan.version }));
    expect(sent).toMatchObject({ status: 'inReview', reviewRound: 1, current: { round: 1, outcome: 'pending' } });
    expect((await o.liaison.post(url, { version: sent.version })).statusCode).toBe(409);
    const reviewId = sent.current.id as string;

    // Queues: each party's reviewer, and the team's 组长 for the team.
    const mine = ok(await o.reviewer.get('/api/joint-reviews/mine'));
    expect(mine.items).toEqual([expect.objectContaining({ reviewId, party: 'discipline', subject: 'plan', round: 1 })]);
    expect(ok(await s.site.leader.get('/api/joint-reviews/mine')).items.map((i: { party: string }) => i.party)).toEqual(
      ['team'],
    );
    expect((await o.liaison.get('/api/joint-reviews/mine')).statusCode).toBe(403);

    const rate = `/api/joint-reviews/${reviewId}/ratings`;
    expect((await o.t.app.inject({ method: 'POST', url: rate, payload: { rating: 'good' } })).statusCode).toBe(401);
    expect((await o.liaison.post(rate, { rating: 'good' })).statusCode).toBe(403);
    expect((await o.otherLiaison.get(`/api/joint-reviews/${reviewId}`)).statusCode).toBe(404);
    const noWhy = await o.reviewer.post(rate, { rating: 'poor', comments: '差' });
    expect(noWhy.statusCode).toBe(400);
    expect(noWhy.json().message).toBe('评为“差”须填写会审意见（至少5个字）');
    expect((await o.reviewer.post(rate, { rating: 'great' })).statusCode).toBe(400);
    expect((await o.staff.post(rate, { rating: 'good' })).statusCode).toBe(400); // office must name the party
    expect(await o.t.database.db.select().from(reviewRatings).where(eq(reviewRatings.reviewId, reviewId))).toHaveLength(
      0,
    );

    // The same party twice at once: one rating, one 409.
    const both = await Promise.all([
      o.reviewer.post(rate, { rating: 'fair', comments: '基本可行，时限偏长' }),
      o.reviewer.post(rate, { rating: 'good' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await o.t.database.db.select().from(reviewRatings).where(eq(reviewRatings.reviewId, reviewId))).toHaveLength(
      1,
    );
    const pending = ok(await o.reviewer.get(`/api/joint-reviews/${reviewId}`));
    expect(pending).toMatchObject({ outcome: 'pending', canRate: [] });
    expect(pending.plan.findings).toHaveLength(4);
    expect((await planOf(s)).status).toBe('inReview');

    // A 差 and another party's rating at once: the 差 sends the plan back at once, whichever lands
    // first; the other is taken if it came before, and answers 409 if it came after.
    const comments = '整改措施过于笼统，缺少时间节点和量化目标。';
    const race = await Promise.all([
      reviewer2.post(rate, { rating: 'poor', comments }),
      s.site.leader.post(rate, { rating: 'good' }),
    ]);
    const [poorRes, teamRes] = race;
    expect(poorRes?.statusCode).toBe(200);
    expect([200, 409]).toContain(teamRes?.statusCode);
    const teamFirst = teamRes?.statusCode === 200;
    expect(poorRes?.json()).toMatchObject({ outcome: 'returned', decidedOn: '2026-11-27', canRate: [] });
    if (teamFirst) expect(teamRes?.json().outcome).toBe('pending');
    else expect(teamRes?.json().message).toBe('本轮联合会审已有结论，不能再评定');
    const stored = await o.t.database.db.select().from(reviewRatings).where(eq(reviewRatings.reviewId, reviewId));
    expect(stored.map((x) => x.party).sort()).toEqual(
      teamFirst ? ['discipline', 'organization', 'team'] : ['discipline', 'organization'],
    );
    const returned = await planOf(s);
    expect(returned.status).toBe('returned');
    expect(returned.returnedComments).toContain(`组织部（差）：${comments}`);
    // The comments given so far go with it: the 中 if that rating won its race (a 好 without comments adds none).
    const fairWon = both.find((r) => r.statusCode === 200)?.json().ratings[0].rating === 'fair';
    if (fairWon) expect(returned.returnedComments).toContain('纪委监委（中）：基本可行，时限偏长');
    else expect(returned.returnedComments).not.toContain('纪委监委');
    expect(returned.current).toMatchObject({ round: 1, outcome: 'returned' });
    // Nobody is asked any more: the round left every queue, and a late rating is refused.
    expect(ok(await s.site.leader.get('/api/joint-reviews/mine')).items).toHaveLength(0);
    expect(ok(await reviewer2.get('/api/joint-reviews/mine')).items).toHaveLength(0);
    expect((await o.staff.post(rate, { party: 'team', rating: 'good' })).statusCode).toBe(409);
    const liaisonView = ok(await o.liaison.get(`/api/joint-reviews/${reviewId}`));
    expect(liaisonView).toMatchObject({ outcome: 'returned', canRate: [] });
    expect(liaisonView.ratings).toHaveLength(teamFirst ? 3 : 2);

    // Fixed and resubmitted: the second round, all 好 (one entered by the office on the party's behalf).
    const again = ok(await o.liaison.post(url, { version: returned.version }));
    expect(again).toMatchObject({ status: 'inReview', reviewRound: 2 });
    const rate2 = `/api/joint-reviews/${again.current.id}/ratings`;
    ok(await o.reviewer.post(rate2, { rating: 'good' }));
    const onBehalf = ok(await o.staff.post(rate2, { party: 'organization', rating: 'good', comments: '会审会议意见' }));
    expect(onBehalf.ratings.find((r: { party: string }) => r.party === 'organization').ratedBy).toContain('代录');
    const done = ok(await s.site.leader.post(rate2, { rating: 'good' }));
    expect(done.outcome).toBe('passed');
    const accepted = await planOf(s);
    expect(accepted).toMatchObject({ status: 'accepted', acceptedOn: '2026-11-27', returnedComments: null });
    expect(accepted.reviews.map((r: { round: number; outcome: string }) => [r.round, r.outcome])).toEqual([
      [2, 'passed'],
      [1, 'returned'],
    ]);
    expect(
      ok(await o.reviewer.get('/api/joint-reviews/mine')).items.filter(
        (i: { reviewId: string }) => i.reviewId === again.current.id,
      ),
    ).toHaveLength(0);
    expect((await o.liaison.post(url, { version: accepted.version })).statusCode).toBe(409);
  });
});

describe('reports and the 专题民主生活会', () => {
  it('drafts, lists with due dates, sends the reports to joint review; refuses bad input writing nothing', async () => {
    await configureGroup();
    const s = await o.feedbackSite();
    await s.feedback();
    const url = `/api/inspections/${s.inspectionId}/rectification-reports`;
    const body = {
      kind: 'rectificationReport',
      title: '市财政局关于巡察整改情况的报告',
      content: '一、整改工作总体情况……',
    };
    expect((await o.t.app.inject({ method: 'POST', url, payload: body })).statusCode).toBe(401);
    expect((await s.site.member.post(url, body)).statusCode).toBe(403);
    expect((await o.otherLiaison.post(url, body)).statusCode).toBe(404);
    expect((await o.otherLiaison.get(url)).statusCode).toBe(404);
    const noSeq = await o.liaison.post(url, { ...body, kind: 'progressReport' });
    expect(noSeq.statusCode).toBe(400);
    expect(noSeq.json().message).toBe('请填写第几次持续整改进展报告');
    expect(
      await o.t.database.db
        .select()
        .from(rectificationReports)
        .where(eq(rectificationReports.inspectionId, s.inspectionId)),
    ).toHaveLength(0);

    const rep = await o.liaison.post(url, body);
    expect(rep.statusCode).toBe(201);
    expect(rep.json()).toMatchObject({ status: 'draft', dueOn: '2027-01-24', enteredByOffice: false });
    expect((await o.liaison.post(url, body)).statusCode).toBe(409);
    const leader = await o.staff.post(url, {
      kind: 'leaderReport',
      title: '主要负责人组织落实情况报告',
      content: '……',
    });
    expect(leader.json()).toMatchObject({ status: 'draft', enteredByOffice: true });
    const list = ok(await o.liaison.get(url));
    expect(list.items).toHaveLength(2);
    expect(list.schedule.slice(0, 2)).toEqual([
      expect.objectContaining({ kind: 'rectificationReport', dueOn: '2027-01-24', submittedOn: null, late: false }),
      expect.objectContaining({ kind: 'leaderReport', dueOn: '2027-01-24' }),
    ]);

    const submit = `/api/rectification-reports/${rep.json().id}/submit`;
    expect((await o.otherLiaison.post(submit, { version: 1 })).statusCode).toBe(404);
    expect((await o.liaison.post(submit, {})).statusCode).toBe(400);
    const sent = ok(await o.liaison.post(submit, { version: 1 }));
    expect(sent).toMatchObject({ status: 'inReview', submittedOn: '2026-11-27' });
    expect(
      (await o.liaison.patch(`/api/rectification-reports/${sent.id}`, { version: sent.version, title: '改' }))
        .statusCode,
    ).toBe(409);
    const review = (
      await o.t.database.db
        .select()
        .from(jointReviews)
        .where(and(eq(jointReviews.subjectId, sent.id)))
    )[0] as typeof jointReviews.$inferSelect;
    expect(review).toMatchObject({ subject: 'rectificationReport', round: 1 });
    const detail = ok(await reviewer2.get(`/api/joint-reviews/${review.id}`));
    expect(detail).toMatchObject({
      title: body.title,
      plan: null,
      report: { content: body.content },
      canRate: ['organization'],
    });
    for (const who of [o.reviewer, reviewer2, s.site.leader])
      ok(await who.post(`/api/joint-reviews/${review.id}/ratings`, { rating: 'good' }));
    const after = ok(await o.liaison.get(url));
    expect(after.items.find((r: { id: string }) => r.id === sent.id).status).toBe('accepted');
    expect(after.schedule[0]).toMatchObject({ submittedOn: '2026-11-27', colour: 'done' });
  });

  it('records the 专题民主生活会 for the organization', async () => {
    const s = await o.feedbackSite();
    const url = `/api/inspections/${s.inspectionId}/democratic-life-meetings`;
    const body = {
      heldOn: '2026-11-26',
      attendees: ['王局长', '李副局长'],
      criticismItems: 12,
      supervisors: ['市纪委监委督导组'],
    };
    expect((await o.t.app.inject({ method: 'POST', url, payload: body })).statusCode).toBe(401);
    expect((await o.otherLiaison.post(url, body)).statusCode).toBe(404);
    expect((await o.liaison.post(url, { ...body, heldOn: '2026-12-30' })).statusCode).toBe(400);
    expect((await o.liaison.post(url, { ...body, criticismItems: -1 })).statusCode).toBe(400);
    expect(ok(await o.liaison.get(url)).items).toHaveLength(0);
    expect((await o.liaison.post(url, body)).statusCode).toBe(201);
    expect(ok(await o.staff.get(url)).items).toEqual([
      expect.objectContaining({ heldOn: '2026-11-26', criticismItems: 12 }),
    ]);
    expect((await o.otherLiaison.get(url)).statusCode).toBe(404);
  });
});

describe('every route of the part', () => {
  it('answers 401 without a session and 400 for a malformed id, writing nothing', async () => {
    const id = '01890000-0000-7000-8000-000000000000';
    const routes: [string, string][] = [
      ['GET', `/api/authorities/${id}/rectification-settings`],
      ['PUT', `/api/authorities/${id}/rectification-settings`],
      ['GET', `/api/authorities/${id}/review-parties`],
      ['PUT', `/api/authorities/${id}/review-parties/members`],
      ['POST', `/api/inspections/${id}/plan/submit`],
      ['GET', `/api/inspections/${id}/plans`],
      ['GET', '/api/joint-reviews/mine'],
      ['GET', `/api/joint-reviews/${id}`],
      ['POST', `/api/joint-reviews/${id}/ratings`],
      ['POST', `/api/inspections/${id}/rectification-reports`],
      ['GET', `/api/inspections/${id}/rectification-reports`],
      ['PATCH', `/api/rectification-reports/${id}`],
      ['POST', `/api/rectification-reports/${id}/submit`],
      ['POST', `/api/inspections/${id}/democratic-life-meetings`],
      ['GET', `/api/inspections/${id}/democratic-life-meetings`],
      ['GET', `/api/inspections/${id}/evaluation`],
      ['POST', `/api/inspections/${id}/evaluation/ratings`],
      ['POST', `/api/inspections/${id}/evaluation/survey`],
      ['POST', `/api/inspections/${id}/evaluation/conclude`],
      ['GET', '/api/publication-batches'],
      ['POST', '/api/publication-batches'],
      ['GET', `/api/publication-batches/${id}`],
      ['PATCH', `/api/publication-items/${id}`],
      ['PATCH', `/api/publication-entries/${id}`],
      ['POST', `/api/publication-batches/${id}/approve`],
      ['POST', `/api/publication-batches/${id}/publish`],
      ['GET', `/api/inspections/${id}/recheck`],
      ['POST', `/api/inspections/${id}/recheck`],
    ];
    for (const [method, url] of routes) {
      const r = await o.t.app.inject({ method: method as 'GET', url, ...(method === 'GET' ? {} : { payload: {} }) });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      // The office leader holds every permission of these routes but 回头看's, which is the team's.
      if (!url.includes(id) || url.endsWith('/recheck')) continue;
      const malformed = await o.officeLeader.request(
        method,
        url.replace(id, 'not-an-id'),
        method === 'GET' ? undefined : {},
      );
      expect(malformed.statusCode, `${method} ${url}`).toBe(400);
    }
    // The public notice needs no session, and a batch that does not exist is simply not found.
    expect((await o.t.app.inject({ method: 'GET', url: `/api/public/publication-batches/${id}` })).statusCode).toBe(
      404,
    );
  });

  it('answers 404 for records that do not exist or are out of scope', async () => {
    const id = '01890000-0000-7000-8000-000000000000';
    expect((await o.staff.get(`/api/joint-reviews/${id}`)).statusCode).toBe(404);
    expect((await o.staff.get(`/api/publication-batches/${id}`)).statusCode).toBe(404);
    expect((await o.staff.get(`/api/inspections/${id}/plans`)).statusCode).toBe(404);
    expect((await o.liaison.patch(`/api/rectification-reports/${id}`, { version: 1 })).statusCode).toBe(404);
    expect((await o.countyStaff.get(`/api/authorities/${o.city}/review-parties`)).statusCode).toBe(404);
    expect((await o.countyStaff.get(`/api/publication-batches?authorityId=${o.city}`)).statusCode).toBe(404);
  });
});
