import type { TBulletinStatus, TGovernanceSummary } from './schemas.ts';

/**
 * The figures of one confirmed common problem (the contract item of GET /api/common-problems):
 * `findings`, `organizations` and `inspections` from its linked findings; `rectified` = those
 * findings rectified (rectification's findingRectification: every task written off) plus the items participants
 * reported rectified in campaigns for this problem, which by ZCampaignReport's rule are items beyond
 * the inspections' findings, so none is counted twice.
 */
export function commonProblemTally(
  findings: readonly { orgId: string; inspectionId: string; rectified: boolean }[],
  campaignRectified = 0,
): { findings: number; organizations: number; inspections: number; rectified: number } {
  if (!Number.isSafeInteger(campaignRectified) || campaignRectified < 0)
    throw new RangeError(`整改问题数必须是非负整数：${campaignRectified}`);
  return {
    findings: findings.length,
    organizations: new Set(findings.map((f) => f.orgId)).size,
    inspections: new Set(findings.map((f) => f.inspectionId)).size,
    rectified: findings.filter((f) => f.rectified).length + campaignRectified,
  };
}

/** Everything of one term the summary counts; the server's SQL is tested against this. */
export interface TGovernanceRecords {
  bulletins: readonly { status: TBulletinStatus }[];
  dutyReminders: readonly unknown[];
  commonProblems: readonly { rectified: number }[];
  campaigns: readonly { reports: readonly { rulesMade: number }[] }[];
  /** `rulesMade` of the term's rectification summary (register entries and outcome counts, rectificationSummary). */
  rectificationRulesMade: number;
  policyConsultations: readonly { problems: number }[];
}

/**
 * The term's 以巡促治 figures. Only bulletins actually sent count (a draft or an approval not yet
 * sent has reached no one); every duty reminder counts, since one is sent when it is made. Rules made
 * add the rectification register's and the campaigns' reported ones: a campaign report counts the
 * rules made in the campaign, not those already registered for inspection findings.
 */
export function governanceSummary(r: TGovernanceRecords): TGovernanceSummary {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    bulletins: r.bulletins.filter((b) => b.status === 'sent').length,
    dutyReminders: r.dutyReminders.length,
    commonProblems: r.commonProblems.length,
    commonProblemsRectified: sum(r.commonProblems.map((p) => p.rectified)),
    campaigns: r.campaigns.length,
    rulesMade: r.rectificationRulesMade + sum(r.campaigns.flatMap((c) => c.reports.map((x) => x.rulesMade))),
    policyConsultations: r.policyConsultations.length,
    policyProblems: sum(r.policyConsultations.map((p) => p.problems)),
  };
}
