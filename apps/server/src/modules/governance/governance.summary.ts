import type { TGovernanceSummary } from '@xc/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  bulletins,
  campaignReports,
  campaigns,
  commonProblemFindings,
  commonProblems,
  dutyReminders,
} from '../../db/schema/governance.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere } from '../../platform/db.ts';
import { rectificationTermSummary, rectifiedFindingIds } from '../rectification/index.ts';
import { termAuthority } from './governance.access.ts';
import { consultationCounts } from './governance.consultations.ts';

// The term's 以巡促治 figures (contract of GET /api/terms/{id}/governance-summary), counted in SQL by
// the rules of domain governanceSummary: only bulletins actually sent; every duty reminder; the
// common problems and the sum of their `rectified` (commonProblemTally: their findings rectified plus
// the items campaign participants reported rectified for them); the campaigns; rules made = the
// rectification register's of the term plus those the term's campaigns reported; the policy
// consultations and the problems brought to them.

export async function governanceSummaryOf(deps: AppDeps, ctx: RequestCtx, termId: string): Promise<TGovernanceSummary> {
  await termAuthority(deps, ctx, termId, 'governance:read');
  const { db } = deps;
  const [
    sentBulletins,
    reminders,
    problems,
    problemFindings,
    campaignRectified,
    campaignCount,
    campaignRules,
    rect,
    consultations,
  ] = await Promise.all([
    countWhere(db, bulletins, and(eq(bulletins.termId, termId), eq(bulletins.status, 'sent'))),
    countWhere(db, dutyReminders, eq(dutyReminders.termId, termId)),
    countWhere(db, commonProblems, eq(commonProblems.termId, termId)),
    db
      .select({ findingId: commonProblemFindings.findingId })
      .from(commonProblemFindings)
      .innerJoin(commonProblems, eq(commonProblems.id, commonProblemFindings.commonProblemId))
      .where(eq(commonProblems.termId, termId)),
    // Reports count toward the problem they name, whichever campaign carried them (as the problem's own tally does).
    db
      .select({ n: sql<number>`coalesce(sum(${campaignReports.rectifiedItems}), 0)::int` })
      .from(campaignReports)
      .where(
        inArray(
          campaignReports.commonProblemId,
          db.select({ id: commonProblems.id }).from(commonProblems).where(eq(commonProblems.termId, termId)),
        ),
      ),
    countWhere(db, campaigns, eq(campaigns.termId, termId)),
    db
      .select({ n: sql<number>`coalesce(sum(${campaignReports.rulesMade}), 0)::int` })
      .from(campaignReports)
      .innerJoin(campaigns, eq(campaigns.id, campaignReports.campaignId))
      .where(eq(campaigns.termId, termId)),
    rectificationTermSummary(deps, ctx, termId),
    consultationCounts(db, termId),
  ]);
  const rectifiedFindings = (
    await rectifiedFindingIds(
      db,
      problemFindings.map((f) => f.findingId),
    )
  ).size;
  return {
    bulletins: sentBulletins,
    dutyReminders: reminders,
    commonProblems: problems,
    commonProblemsRectified: rectifiedFindings + Number(campaignRectified[0]?.n ?? 0),
    campaigns: campaignCount,
    rulesMade: rect.rulesMade + Number(campaignRules[0]?.n ?? 0),
    policyConsultations: consultations.sessions,
    policyProblems: consultations.problems,
  };
}
