// The rectification module's front door (反馈、整改、评估与双公开). Other modules import this file
// only, never the module's tables or inner files.
import type { FastifyInstance } from 'fastify';
import { rectificationReviewRoutes } from './rectification.review.routes.ts';
import { rectificationCoreRoutes } from './rectification.routes.ts';

export async function rectificationRoutes(app: FastifyInstance): Promise<void> {
  await rectificationCoreRoutes(app);
  await rectificationReviewRoutes(app);
}
