import type { FastifyInstance } from 'fastify';

export async function governanceArchiveRoutes(_app: FastifyInstance): Promise<void> {}
