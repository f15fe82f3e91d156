import type { FastifyInstance } from 'fastify';

export async function governanceCampaignsRoutes(_app: FastifyInstance): Promise<void> {}
