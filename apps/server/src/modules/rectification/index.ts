// The rectification module's front door (反馈、整改、评估与双公开). Other modules import this file
// only, never the module's tables or inner files.
import type { FastifyInstance } from 'fastify';
import { rectificationReviewRoutes } from './rectification.review.routes.ts';
import { rectificationCoreRoutes } from './rectification.routes.ts';

/** What the archive files of an inspection from rectification (governance, issue 13). */
export { rectificationArchiveSources } from './rectification.documents.ts';
/** For the governance module: each organization's 反馈会 date of an inspection (作风纪律评估 starts then). */
export { feedbackDatesOf } from './rectification.feedback.ts';
/**
 * For the demo seed, which writes tasks in bulk: rebuilds the per-finding rollup the summaries count
 * from; for 以巡促治's common problems: which findings are rectified (every task written off).
 */
export { rebuildFindingRollups, rectifiedFindingIds } from './rectification.rollup.ts';
/** The stage guard app.ts registers: evaluated / published wait for joint review, grades and publication. */
export { rectificationStageGuard } from './rectification.stage.ts';
/** For the governance summary (issue 13): the term's 整改成效 as the caller sees it (its rulesMade counts). */
export { termSummary as rectificationTermSummary } from './rectification.summary.ts';

export async function rectificationRoutes(app: FastifyInstance): Promise<void> {
  await rectificationCoreRoutes(app);
  await rectificationReviewRoutes(app);
}
