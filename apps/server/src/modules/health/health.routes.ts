import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      config: { permission: 'public', rateLimit: false },
      schema: { tags: ['system'], response: { 200: ZHealth, 503: ZHealth } },
    },
    async (_req, reply) => {
      const { database, config } = app.deps;
      try {
        await database.db.execute(sql`select 1`);
        return { status: 'ok' as const, db: database.kind, version: config.version };
      } catch {
        return reply.status(503).send({ status: 'degraded' as const, db: database.kind, version: config.version });
      }
    },
  );
}
