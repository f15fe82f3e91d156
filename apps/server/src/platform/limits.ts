import { AppError, ErrorCode } from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import { isStaticAsset, publicClientKey } from './public.ts';

/**
 * A coarse limit per address in front of everything else, before a session is even looked up: it
 * keeps a flood of forged cookies or junk requests off the database. It is generous (an office
 * behind one NAT address is many people); the real limits are per account and per route.
 */
export function registerAddressLimit(app: FastifyInstance): void {
  const { config } = app.deps;
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || isStaticAsset(req.url)) return;
    const now = Date.now();
    const key = `addr:${await publicClientKey(app.deps, req, now)}`;
    const { count, resetAt } = await app.deps.shared.hit(key, 60_000, now);
    // Never below ten accounts' worth, whatever the settings say.
    if (count > Math.max(config.addressRateLimitPerMinute, 10 * config.rateLimitPerMinute)) {
      reply.header('retry-after', String(Math.max(1, Math.ceil((resetAt - now) / 1000))));
      throw new AppError(ErrorCode.RateLimited, '请求过于频繁，请稍后再试');
    }
  });
}

/**
 * Headers of every answer: the API's answers are never cached (they carry case data), and no page
 * may use the camera, microphone, location or payment features (Permissions-Policy).
 */
export function registerApiHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header(
      'permissions-policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    );
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
