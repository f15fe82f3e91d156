// The rectification module's front door (反馈、整改、评估与双公开). Other modules import this file
// only, never the module's tables or inner files.
import type { FastifyInstance } from 'fastify';
import { rectificationReviewRoutes } from './rectification.review.routes.ts';
import { rectificationCoreRoutes } from './rectification.routes.ts';

/** For the demo seed, which writes tasks in bulk: rebuilds the per-finding rollup the summaries count from. */
export { rebuildFindingRollups } from './rectification.rollup.ts';
/** The stage guard app.ts registers: evaluated / published wait for joint review, grades and publication. */
export { rectificationStageGuard } from './rectification.stage.ts';

export async function rectificationRoutes(app: FastifyInstance): Promise<void> {
  await rectificationCoreRoutes(app);
  await rectificationReviewRoutes(app);
}
