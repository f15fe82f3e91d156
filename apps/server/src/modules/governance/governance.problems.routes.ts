import type { FastifyInstance } from 'fastify';

export async function governanceProblemsRoutes(_app: FastifyInstance): Promise<void> {}
