import type { TEvaluationGrade, TSubmissionStatus } from './schemas.ts';

/**
 * What the rectification part of the stage machine needs before an inspection moves on
 * (planning/stages.ts checks roles and dates; the server calls this for the rest). Each target
 * organization of the inspection is checked.
 */
export interface TOrgRectificationFacts {
  orgName: string;
  plan: TSubmissionStatus | null;
  rectificationReport: TSubmissionStatus | null;
  leaderReport: TSubmissionStatus | null;
  evaluationGrade: TEvaluationGrade | null;
  /** Its results went out in a published batch (not deferred). */
  published: boolean;
}

export type TRectificationStageTarget = 'evaluated' | 'published';

const ACTION: Record<TRectificationStageTarget, string> = {
  evaluated: '完成整改评估',
  published: '公开整改结果',
};

function missingFor(to: TRectificationStageTarget, f: Readonly<TOrgRectificationFacts>): string[] {
  const m: string[] = [];
  if (f.plan !== 'accepted') m.push('完成整改方案联合会审');
  if (f.rectificationReport !== 'accepted') m.push('完成整改报告联合会审');
  if (f.leaderReport !== 'accepted') m.push('完成主要负责人组织落实情况报告联合会审');
  if (f.evaluationGrade === null) m.push('评定整改评估等次');
  if (to === 'published' && !f.published) m.push('在公开批次中公开整改结果');
  return m;
}

/**
 * Chinese reason the inspection may not move to `to`, naming what is missing (and for whom when
 * it has several organizations), or null. The move to evaluated needs the plan and the two
 * reports of 集中整改 passed by joint review and the grade; publishing needs every organization's
 * results published, so an organization deferred (延后公示) holds the inspection back.
 */
export function rectificationStageProblem(
  to: TRectificationStageTarget,
  orgs: readonly Readonly<TOrgRectificationFacts>[],
): string | null {
  if (orgs.length === 0) return `巡察没有被巡察党组织，不能${ACTION[to]}`;
  const parts = orgs
    .map((o) => ({ o, missing: missingFor(to, o) }))
    .filter((x) => x.missing.length > 0)
    .map(({ o, missing }) => (orgs.length > 1 ? `${o.orgName}尚未${missing.join('、')}` : `尚未${missing.join('、')}`));
  return parts.length ? `${parts.join('；')}，不能${ACTION[to]}` : null;
}
