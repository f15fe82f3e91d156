import type { FastifyInstance } from 'fastify';

export async function governanceRemindersRoutes(_app: FastifyInstance): Promise<void> {}
