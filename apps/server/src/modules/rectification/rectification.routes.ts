import type { FastifyInstance } from 'fastify';

// Feedback, tasks and the ledger, extensions, outcomes and summaries (owned by the core part of the module).
export async function rectificationCoreRoutes(_app: FastifyInstance): Promise<void> {}
