import { expect } from 'vitest';
import { login, makeUser, type Session } from '../../../test/helpers.ts';
import { buildRectOffice, ok, type PersonnelTables, type RectOffice, type RectSite } from './rectification.fixture.ts';

/**
 * Test support for the joint review, evaluation and publication tests (imported by *.test.ts only),
 * on rect-core's fixture: the authority's review group set to three parties — 纪委监委 (`o.reviewer`),
 * 组织部 (`reviewer2`) and the team (each site's 组长) — and `rectifyingSite()`, an inspection moved
 * to `rectifying` with its plan, and unless told otherwise both reports of 集中整改, passed.
 */
export interface ReviewOffice {
  o: RectOffice;
  reviewer2: Session;
  /** Every party rates 好 on an open round. */
  passReview(s: RectSite, reviewId: string): Promise<void>;
  rectifyingSite(opts?: { reports?: boolean }): Promise<RectSite>;
  /** Public answers to a survey's open code, each from its own address (q1 by option index). */
  answer(openCode: string, q1s: number[]): Promise<void>;
}

export const PARTIES = [
  { key: 'discipline', name: '纪委监委' },
  { key: 'organization', name: '组织部' },
  { key: 'team', name: '巡察组' },
];

export async function buildReviewOffice(tables: PersonnelTables): Promise<ReviewOffice> {
  const o = await buildRectOffice(tables);
  const u = await makeUser(o.t, { displayName: '组织部会审员', grants: [{ role: 'reviewer', scopeId: o.city }] });
  const reviewer2 = await login(o.t, u.username, u.password);
  const url = `/api/authorities/${o.city}/rectification-settings`;
  const cur = ok(await o.staff.get(url));
  ok(await o.staff.put(url, { version: cur.version, settings: { ...cur.settings, reviewParties: PARTIES } }));
  const members = `/api/authorities/${o.city}/review-parties/members`;
  ok(await o.staff.put(members, { userId: o.reviewer.userId, party: 'discipline' }));
  ok(await o.staff.put(members, { userId: reviewer2.userId, party: 'organization' }));

  const passReview = async (s: RectSite, reviewId: string) => {
    for (const who of [o.reviewer, reviewer2, s.site.leader])
      ok(await who.post(`/api/joint-reviews/${reviewId}/ratings`, { rating: 'good' }));
  };
  const rectifyingSite = async (opts: { reports?: boolean } = {}) => {
    const s = await o.feedbackSite();
    await s.feedback();
    for (const f of s.findings) await s.task(f.id);
    const plans = ok(await o.staff.get(`/api/inspections/${s.inspectionId}/plans`));
    const sent = ok(
      await o.liaison.post(`/api/inspections/${s.inspectionId}/plan/submit`, { version: plans.items[0].version }),
    );
    await passReview(s, sent.current.id);
    expect(ok(await o.staff.get(`/api/inspections/${s.inspectionId}/plans`)).items[0].status).toBe('accepted');
    if (opts.reports !== false)
      for (const kind of ['rectificationReport', 'leaderReport']) {
        const rep = ok(
          await o.liaison.post(`/api/inspections/${s.inspectionId}/rectification-reports`, {
            kind,
            title: kind === 'leaderReport' ? '主要负责人组织落实巡察整改情况的报告' : '关于巡察整改情况的报告',
            content: '一、整改工作开展情况……',
          }),
        );
        ok(await o.liaison.post(`/api/rectification-reports/${rep.id}/submit`, { version: rep.version }));
        const queue = ok(await o.reviewer.get('/api/joint-reviews/mine?limit=200'));
        const item = queue.items.find((i: { subjectId: string }) => i.subjectId === rep.id);
        await passReview(s, item.reviewId);
      }
    ok(await s.site.move('transfer', '2026-11-25'));
    ok(await s.site.move('rectifying', '2026-11-26'));
    return s;
  };
  let address = 0;
  const answer = async (openCode: string, q1s: number[]) => {
    for (const q1 of q1s) {
      address++;
      const r = await o.t.app.inject({
        method: 'POST',
        url: `/api/public/surveys/${openCode}/answers`,
        headers: {
          'x-forwarded-for': `10.1.${Math.floor(address / 200)}.${(address % 200) + 1}`,
          'x-client-id': `phone-${address}-0123456789abcdef`,
        },
        payload: { answers: { q1, q2: 0 } },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  };
  return { o, reviewer2, passReview, rectifyingSite, answer };
}
