import type { FastifyInstance } from 'fastify';

// Joint review, reports, evaluation, publication and 回头看.
export async function rectificationReviewRoutes(_app: FastifyInstance): Promise<void> {}
