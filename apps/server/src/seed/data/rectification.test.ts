import {
  DEFAULT_SCORECARD,
  findingRectification,
  publicationProblems,
  scoreEvaluation,
  taskDeadlineProblem,
  wanProblem,
} from '@xc/domain';
import { describe, expect, it } from 'vitest';
import {
  cityFirst,
  colour,
  data,
  findings,
  input,
  inspections,
  isPast,
  plan,
  termOf,
  termSummary,
} from './rectification.fixture.ts';
import { buildDemoRectification, CITY_FIRST_TERM_RECT, type DemoRectification, TODAY } from './rectification.ts';

describe('demo rectification (pure)', () => {
  it('is the same every time, and keys every finding given', () => {
    expect(buildDemoRectification(input)).toEqual(data);
    expect(new Set(data.findingKeys).size).toBe(findings.length);
    // The order of the input does not matter: keys follow the findings, not their position.
    const again = buildDemoRectification({ ...input, findings: [...findings].reverse() });
    expect(again.tasks).toEqual(data.tasks);
  });

  it('defers 21 organizations of the city’s first term, published late in 5 batches', () => {
    const batches = new Map(data.batches.map((b) => [b.key, b]));
    const first = data.entries.filter((e) => termOf(e.inspectionKey) === cityFirst);
    const deferred = first.filter((e) => e.deferred);
    expect(new Set(deferred.map((e) => `${e.inspectionKey}|${e.orgKey}`)).size).toBe(CITY_FIRST_TERM_RECT.deferred);
    expect(deferred.every((e) => e.deferReason?.includes('差') && e.grade === 'poor')).toBe(true);
    const late = first.filter((e) => e.deferredFromBatch !== null);
    expect(late.map((e) => `${e.inspectionKey}|${e.orgKey}`).sort()).toEqual(
      deferred.map((e) => `${e.inspectionKey}|${e.orgKey}`).sort(),
    );
    expect(new Set(late.map((e) => e.batchKey)).size).toBe(CITY_FIRST_TERM_RECT.lateBatches);
    for (const e of late) {
      const b = batches.get(e.batchKey);
      expect(e.deferredFromBatch as number).toBeLessThan(b?.number as number);
      expect((b?.publishedOn as string) >= (inspections.get(e.inspectionKey)?.publishedDate as string)).toBe(true);
    }
    // Graded 差, they were graded again (复评) before their late publication; one organization is 差 now.
    const evals = new Map(data.evaluations.map((e) => [`${e.inspectionKey}|${e.orgKey}`, e]));
    for (const e of late) {
      const ev = evals.get(`${e.inspectionKey}|${e.orgKey}`);
      expect(ev?.firstGrade).toBe('poor');
      expect(ev?.grade).not.toBe('poor');
      expect((ev?.evaluatedOn as string) < (batches.get(e.batchKey)?.publishedOn as string)).toBe(true);
    }
    const published = new Set(data.batches.filter((x) => x.status === 'published').map((x) => x.key));
    expect(data.entries.filter((e) => e.deferred && published.has(e.batchKey))).toHaveLength(
      CITY_FIRST_TERM_RECT.deferred,
    );
    const poorNow = data.evaluations.filter((e) => e.grade === 'poor');
    expect(poorNow.length).toBeGreaterThan(0);
    for (const e of poorNow) {
      expect(inspections.get(e.inspectionKey)?.stage).toBe('evaluated');
      const entry = data.entries.find((x) => x.inspectionKey === e.inspectionKey && x.orgKey === e.orgKey);
      expect(entry?.deferred).toBe(true);
      expect(batches.get(entry?.batchKey as string)?.status).toBe('draft');
    }
    // Each published batch passes the domain's publication rules in both editions.
    for (const b of data.batches.filter((x) => x.status === 'published')) {
      const entries = data.entries
        .filter((e) => e.batchKey === b.key)
        .map((e) => ({
          inspectionId: e.inspectionKey,
          orgId: e.orgKey,
          orgName: e.orgKey,
          grade: e.grade,
          deferred: e.deferred,
          deferReason: e.deferReason,
          items: e.items.map((x) => ({ text: x.text, withheld: x.withheld, withholdReason: x.withholdReason })),
        }));
      expect(publicationProblems({ number: b.number, edition: 'public', entries }), b.key).toEqual([]);
      const numbers = data.batches.filter((x) => x.authorityKey === b.authorityKey).map((x) => x.number);
      expect(new Set(numbers).size).toBe(numbers.length);
    }
  });

  it('gives every finding of the past terms tasks, almost all written off', () => {
    const tasks = new Map<string, DemoRectification['tasks']>();
    for (const t of data.tasks) tasks.set(t.findingKey, [...(tasks.get(t.findingKey) ?? []), t]);
    const past = data.findingKeys.filter((k) => isPast(k.split('#')[0] as string));
    expect(past.length).toBeGreaterThan(9000);
    for (const k of past) expect((tasks.get(k) ?? []).length, k).toBeGreaterThan(0);
    const states = past.map((k) => findingRectification(tasks.get(k) ?? []));
    const rectified = states.filter((s) => s === 'rectified').length;
    expect(rectified / past.length).toBeGreaterThan(0.94);
    expect(states.filter((s) => s === 'ongoing').length).toBeGreaterThan(0);
    const kinds = new Set(data.tasks.map((t) => t.kind));
    expect([...kinds].sort()).toEqual(['immediate', 'longTerm', 'timeLimited']);
    // The first term says the seed's rules made; money is 万元 with two decimals.
    const first = termSummary(data, cityFirst);
    expect(first.findings).toBe(4683);
    expect(first.rulesMade).toBe(CITY_FIRST_TERM_RECT.rulesMade);
    for (const o of data.outcomes) expect(wanProblem(o.money)).toBeNull();
    for (const o of data.outcomes)
      if (o.accountableByForm)
        expect(Object.values(o.accountableByForm).reduce((a, b) => a + b, 0)).toBe(o.accountable);
  });

  it('keeps the per-finding rollup in agreement with the tasks', () => {
    const byFinding = new Map<string, DemoRectification['tasks']>();
    for (const t of data.tasks) byFinding.set(t.findingKey, [...(byFinding.get(t.findingKey) ?? []), t]);
    expect(data.rollups).toHaveLength(byFinding.size);
    for (const r of data.rollups) {
      const ts = byFinding.get(r.findingKey) ?? [];
      expect(r.taskCount).toBe(ts.length);
      expect(r.writtenOffCount).toBe(ts.filter((t) => t.writtenOff).length);
      expect(r.ongoingOpenCount).toBe(ts.filter((t) => !t.writtenOff && t.status === 'ongoing').length);
    }
  });

  it('has satisfaction above 95% in every round, and grades that follow from the scorecard', () => {
    const perRound = new Map<string, [number, number]>();
    for (const e of data.evaluations) {
      const r = inspections.get(e.inspectionKey)?.roundKey as string;
      const [s, v] = perRound.get(r) ?? [0, 0];
      perRound.set(r, [s + e.satisfied, v + e.valid]);
      const score = scoreEvaluation(
        DEFAULT_SCORECARD,
        Object.fromEntries(e.ratings.map((x) => [x.rater, x.deductions])),
        e.satisfied / e.valid,
      );
      expect(score.grade).toBe(e.grade);
      expect(Math.round(score.score * 100)).toBe(e.scoreHundredths);
    }
    expect(perRound.size).toBeGreaterThan(30);
    for (const [r, [s, v]] of perRound) expect(s / v, r).toBeGreaterThan(0.95);
    const grades = new Set(data.evaluations.map((e) => e.grade));
    expect([...grades].sort()).toEqual(['average', 'fairlyGood', 'good', 'poor']);
  });

  it('shows the inspections in rectification now at every step', () => {
    const current = data.tasks.filter((t) => !isPast(t.inspectionKey));
    const colours = new Set(current.map(colour));
    expect([...colours].sort()).toEqual(['closed', 'green', 'red', 'yellow']);
    expect(current.some((t) => t.redCard && t.redCardReason)).toBe(true);
    const ext = data.extensions.filter((e) => !isPast(e.taskKey.split('#')[0] as string));
    expect(new Set(ext.map((e) => e.status))).toEqual(new Set(['pending', 'approved']));
    for (const e of ext.filter((x) => x.status === 'pending'))
      expect(current.find((t) => t.key === e.taskKey)?.pendingExtension).toBe(true);
    expect(current.some((t) => t.evidenceCount > 0)).toBe(true);
    const plans = data.plans.filter((p) => !isPast(p.inspectionKey));
    expect(new Set(plans.map((p) => p.status))).toEqual(new Set(['draft', 'inReview', 'returned', 'accepted']));
    for (const p of plans.filter((x) => x.status === 'returned')) expect(p.returnedComments).toMatch(/差/);
    const pendingPlans = data.reviews.filter((r) => r.subject === 'plan' && r.outcome === 'pending');
    expect(pendingPlans.some((r) => r.ratings.length > 0)).toBe(true);
    // The demo liaison's organization: an accepted plan with tasks of every colour.
    const liaison = current.filter((t) => t.orgKey === data.liaisonOrgKey);
    expect(data.plans.find((p) => p.orgKey === data.liaisonOrgKey && !isPast(p.inspectionKey))?.status).toBe(
      'accepted',
    );
    expect(new Set(liaison.map(colour))).toEqual(new Set(['closed', 'green', 'red', 'yellow']));
    // The demo reviewer's party has reviews of the city waiting for its rating.
    const { authorityKey, party } = data.reviewerParty;
    const waiting = data.reviews.filter(
      (r) =>
        r.outcome === 'pending' &&
        plan.terms.find((t) => t.key === termOf(r.inspectionKey))?.authorityKey === authorityKey &&
        !r.ratings.some((x) => x.party === party),
    );
    expect(waiting.length).toBeGreaterThan(0);
  });

  it('ends a returned round at its 差: the last rating, on the day decided, and nobody rates after it', () => {
    const returned = data.reviews.filter((r) => r.outcome === 'returned');
    expect(returned.length).toBeGreaterThan(0);
    for (const r of returned) {
      const poor = r.ratings.filter((x) => x.rating === 'poor');
      expect(poor, r.subjectKey).toHaveLength(1);
      expect(r.ratings.at(-1)?.rating).toBe('poor');
      expect(poor[0]?.on).toBe(r.decidedOn);
      for (const x of r.ratings) expect(x.on <= (r.decidedOn as string)).toBe(true);
    }
    // Some rounds ended before every party had rated.
    expect(returned.some((r) => r.ratings.length < 5)).toBe(true);
    for (const r of data.reviews.filter((x) => x.outcome !== 'returned'))
      expect(r.ratings.some((x) => x.rating === 'poor')).toBe(false);
  });

  it('dates nothing after today, and keeps deadlines the domain accepts', () => {
    for (const t of data.tasks) {
      const i = inspections.get(t.inspectionKey);
      for (const e of t.events) expect(e.on <= TODAY, `${t.key} ${e.kind}`).toBe(true);
      if (t.writtenOffOn) expect(t.writtenOffOn <= TODAY).toBe(true);
      expect(t.assignedOn >= (i?.feedbackDate as string)).toBe(true);
      const problem = taskDeadlineProblem(t.kind, t.originalDeadline, {
        feedbackDate: i?.feedbackDate as string,
        concentratedEnd: (i?.concentratedEndDate ?? '9999-12-31') as string,
      });
      expect(problem, t.key).toBeNull();
      // A task written off was reported done first; one in the past term was closed by its evaluation.
      if (t.writtenOff) expect(t.status).toBe('done');
      if (t.writtenOff && isPast(t.inspectionKey))
        expect((t.writtenOffOn as string) <= (i?.evaluatedDate as string), t.key).toBe(true);
    }
    for (const r of data.reviews) {
      expect(r.submittedOn <= TODAY).toBe(true);
      if (r.decidedOn) expect(r.decidedOn <= TODAY).toBe(true);
      for (const x of r.ratings) expect(x.on <= TODAY).toBe(true);
    }
    for (const e of data.extensions) {
      expect(e.requestedOn <= TODAY).toBe(true);
      expect(e.newDeadline > e.oldDeadline).toBe(true);
    }
    for (const f of data.feedbacks) for (const c of f.copies) if (c.readOn) expect(c.readOn <= TODAY).toBe(true);
  });
});
