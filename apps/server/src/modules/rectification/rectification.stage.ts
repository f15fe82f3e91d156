import {
  rectificationStageProblem,
  type TEvaluationGrade,
  type TOrgRectificationFacts,
  type TSubmissionStatus,
} from '@xc/domain';
import { and, eq, inArray } from 'drizzle-orm';
import {
  publicationBatches,
  publicationEntries,
  rectificationEvaluations,
  rectificationPlans,
  rectificationReports,
} from '../../db/schema/rectification.ts';
import type { StageGuard } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { orgsByIds } from '../orgs/index.ts';
import { targetsOf } from '../planning/index.ts';

// What rectification adds to the stage machine (domain prerequisites.ts): → evaluated needs each
// organization's plan and the two reports of 集中整改 passed by joint review and its grade;
// → published needs each organization's results out in a published batch (not deferred).

/** Per target organization of an inspection: the facts rectificationStageProblem checks. */
export async function rectificationFacts(
  db: Db,
  inspectionId: string,
): Promise<(TOrgRectificationFacts & { orgId: string })[]> {
  const targets = await targetsOf(db, [inspectionId]);
  if (!targets.length) return [];
  const [plans, reports, evaluations, published, names] = await Promise.all([
    db.select().from(rectificationPlans).where(eq(rectificationPlans.inspectionId, inspectionId)),
    db
      .select()
      .from(rectificationReports)
      .where(
        and(
          eq(rectificationReports.inspectionId, inspectionId),
          inArray(rectificationReports.kind, ['rectificationReport', 'leaderReport']),
        ),
      ),
    db.select().from(rectificationEvaluations).where(eq(rectificationEvaluations.inspectionId, inspectionId)),
    db
      .select({ orgId: publicationEntries.orgId })
      .from(publicationEntries)
      .innerJoin(publicationBatches, eq(publicationBatches.id, publicationEntries.batchId))
      .where(
        and(
          eq(publicationEntries.inspectionId, inspectionId),
          eq(publicationEntries.deferred, false),
          eq(publicationBatches.status, 'published'),
        ),
      ),
    orgsByIds(
      db,
      targets.map((t) => t.orgId),
    ),
  ]);
  const status = (kind: string, orgId: string) =>
    (reports.find((r) => r.kind === kind && r.orgId === orgId)?.status ?? null) as TSubmissionStatus | null;
  return targets.map((t) => ({
    orgId: t.orgId,
    orgName: names.get(t.orgId)?.name ?? '',
    plan: (plans.find((p) => p.orgId === t.orgId)?.status ?? null) as TSubmissionStatus | null,
    rectificationReport: status('rectificationReport', t.orgId),
    leaderReport: status('leaderReport', t.orgId),
    evaluationGrade: (evaluations.find((e) => e.orgId === t.orgId)?.grade ?? null) as TEvaluationGrade | null,
    published: published.some((p) => p.orgId === t.orgId),
  }));
}

/** The stage guard app.ts registers: the Chinese reason a move to evaluated or published must wait, or null. */
export const rectificationStageGuard: StageGuard = async (db, inspection, to) => {
  if (to !== 'evaluated' && to !== 'published') return null;
  return rectificationStageProblem(to, await rectificationFacts(db, inspection.id));
};
