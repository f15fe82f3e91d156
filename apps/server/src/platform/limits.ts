import { AppError, ErrorCode } from '@xc/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from './context.ts';
import { isStaticAsset, publicClientKey } from './public.ts';

/** Hits of one request, started when it arrives. */
export interface Arrival {
  /** Settles when the counts are in; rejects with the 429 when one is over its limit. */
  counted: Promise<void>;
  /** The account counted with the address (known from an earlier request of the session), if any. */
  accountId: string | undefined;
  /** Whether the route counts against the per-caller limit at all. */
  perCaller: boolean;
}

const MINUTE = 60_000;
const REMEMBERED_SESSIONS = 10_000;

/**
 * The limits every request counts against, in the shared state so that instances behind one proxy
 * limit as one (issue 10):
 * - per address, coarse: it keeps a flood of forged cookies or junk requests from one address off
 *   the routes. Generous (an office behind one NAT address is many people), never below ten
 *   accounts' worth whatever the settings say.
 * - per caller (RATE_LIMIT_PER_MINUTE): a signed-in account, or an anonymous client's address.
 *   Routes with their own `config.rateLimit` (login, 码上巡) are counted by @fastify/rate-limit
 *   under their own limit instead, and `rateLimit: false` (health) not at all.
 *
 * The access gate starts the count when a request arrives, beside the session lookup, and answers
 * its refusal before anything else. A session's account never changes, so this instance remembers
 * which account a session is (a bounded map of session hashes): from a session's second request on,
 * the address and the account are counted in one statement while the session is being read —
 * every request of a signed-in user used to wait for three statements one after the other.
 */
export class RequestLimits {
  private readonly accounts = new Map<string, string>();
  private readonly addressMax: number;
  private readonly callerMax: number;

  constructor(private readonly app: FastifyInstance) {
    const { config } = app.deps;
    this.callerMax = config.rateLimitPerMinute;
    this.addressMax = Math.max(config.addressRateLimitPerMinute, 10 * config.rateLimitPerMinute);
  }

  /** Starts counting a request; `sessionKey` is its session's hash when the route needs a caller. */
  arrive(
    req: FastifyRequest,
    reply: FastifyReply,
    sessionKey: string | undefined,
    gated: boolean,
  ): Arrival | undefined {
    if (isStaticAsset(req.url)) return undefined;
    const perCaller = req.routeOptions.config?.rateLimit === undefined;
    const api = req.url.startsWith('/api/');
    const accountId = gated && perCaller && sessionKey ? this.accounts.get(sessionKey) : undefined;
    if (!api && !perCaller) return undefined;
    const counted = (async () => {
      const now = Date.now();
      const client = await publicClientKey(this.app.deps, req, now);
      const hits = [
        ...(api ? [{ key: `addr:${client}`, windowMs: MINUTE }] : []),
        ...(perCaller && !gated ? [{ key: `rl:a:${client}`, windowMs: MINUTE }] : []),
        ...(accountId ? [{ key: `rl:u:${accountId}`, windowMs: MINUTE }] : []),
      ];
      if (!hits.length) return;
      const counts = await this.app.deps.shared.hitMany(hits, now);
      counts.forEach((c, i) => {
        const addr = (hits[i] as { key: string }).key.startsWith('addr:');
        if (!addr) this.headers(reply, c, now);
        if (c.count > (addr ? this.addressMax : this.callerMax)) this.refuse(reply, c.resetAt, now);
      });
    })();
    return { counted, accountId, perCaller };
  }

  /** The caller is known: counts its account unless it was counted on arrival. */
  async signedIn(reply: FastifyReply, arrival: Arrival | undefined, actor: Actor): Promise<void> {
    if (this.accounts.size >= REMEMBERED_SESSIONS) this.accounts.clear();
    this.accounts.set(actor.sessionHash, actor.userId);
    if (!arrival?.perCaller || arrival.accountId === actor.userId) return;
    const now = Date.now();
    const c = await this.app.deps.shared.hit(`rl:u:${actor.userId}`, MINUTE, now);
    this.headers(reply, c, now);
    if (c.count > this.callerMax) this.refuse(reply, c.resetAt, now);
  }

  /** The headers @fastify/rate-limit sends, for the per-caller limit. */
  private headers(reply: FastifyReply, c: { count: number; resetAt: number }, now: number) {
    reply.header('x-ratelimit-limit', String(this.callerMax));
    reply.header('x-ratelimit-remaining', String(Math.max(0, this.callerMax - c.count)));
    reply.header('x-ratelimit-reset', String(Math.max(0, Math.ceil((c.resetAt - now) / 1000))));
  }

  private refuse(reply: FastifyReply, resetAt: number, now: number): never {
    reply.header('retry-after', String(Math.max(1, Math.ceil((resetAt - now) / 1000))));
    throw new AppError(ErrorCode.RateLimited, '请求过于频繁，请稍后再试');
  }
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
