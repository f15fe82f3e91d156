import { AppError, ErrorCode } from '@xc/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { writeAudit } from './audit.ts';
import type { Actor, RequestCtx } from './context.ts';
import { cryptoProvider } from './crypto.ts';
import type { RequestLimits } from './limits.ts';

/** The session cookie over plain HTTP (the local start, loopback only) … */
export const SESSION_COOKIE = 'xc_sid';
/**
 * … and over TLS: `__Host-` makes the browser refuse it unless it is Secure, set by this host for
 * path / and no Domain, so no sibling subdomain or plain-HTTP page can plant or read it.
 */
export const HOST_SESSION_COOKIE = '__Host-xc_sid';
export const CSRF_HEADER = 'x-csrf-token';
export const REAUTH_WINDOW_MS = 5 * 60_000;

/** Turns the session cookie into the caller (the auth module owns sessions and accounts). */
export interface SessionResolver {
  /** The session's stored key (a hash of its cookie), or undefined when the request carries none. */
  keyOf(req: FastifyRequest): string | undefined;
  /** The caller, or null. */
  resolve(app: FastifyInstance, req: FastifyRequest): Promise<Actor | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The access gate in front of every route: deny by default, then session, then forced password
 * change, then permission, then CSRF, then re-authentication where the route asks for it. The
 * request limits (platform/limits.ts) are counted beside the session lookup and answer first: a
 * refused client learns nothing of its cookie.
 */
export function registerAccessGate(app: FastifyInstance, sessions: SessionResolver, limits: RequestLimits): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') && route.url !== '/api') return;
    // Swagger UI's own pages and assets are public documentation, like the OpenAPI document.
    if (route.url === '/api/docs' || route.url.startsWith('/api/docs/')) {
      route.config = { ...(route.config ?? {}), permission: 'public' };
      return;
    }
    if (!route.config?.permission) throw new Error(`Route ${route.method} ${route.url} declares no permission`);
  });
  // onRequest, before the body is parsed or validated: an anonymous caller learns nothing about
  // what a route would accept.
  app.addHook('onRequest', async (req, reply) => {
    const cfg = req.routeOptions.config ?? {};
    const permission = cfg.permission;
    const gated = !req.is404 && req.url.startsWith('/api/') && permission !== 'public';
    const sessionKey = gated && permission ? sessions.keyOf(req) : undefined;
    const arrival = limits.arrive(req, reply, sessionKey, gated);
    const pending = sessionKey ? sessions.resolve(app, req) : undefined;
    // Reported below, after the limits.
    pending?.catch(() => {});
    await arrival?.counted;
    if (!gated) return;
    if (!permission) throw new AppError(ErrorCode.Forbidden, '没有执行该操作的权限');
    const actor = await pending;
    if (!actor) throw new AppError(ErrorCode.Unauthenticated, '请先登录');
    req.actor = actor;
    await limits.signedIn(reply, arrival, actor);
    if (!SAFE_METHODS.has(req.method)) {
      const token = req.headers[CSRF_HEADER];
      if (typeof token !== 'string' || !cryptoProvider.equal(token, actor.csrfToken))
        throw new AppError(ErrorCode.CsrfFailed, '请求校验失败，请刷新页面后重试');
    }
    if ((actor.mustChangePassword || actor.passwordExpired) && permission !== 'self')
      throw new AppError(ErrorCode.PasswordChangeRequired, '请先修改密码');
    if (actor.totpEnrolmentRequired && permission !== 'self')
      throw new AppError(ErrorCode.TotpEnrolmentRequired, '您的角色须使用双因素认证，请先绑定身份验证器');
    if (!actor.permissions.has(permission)) {
      await denied(app, req, permission);
      // Routes on objects whose very existence is confidential (petitions) answer as if the
      // object were not there, like an out-of-scope object.
      if (cfg.hideDenied) throw new AppError(ErrorCode.NotFound, '记录不存在或无权访问');
      throw new AppError(ErrorCode.Forbidden, '没有执行该操作的权限');
    }
    // Deletes are confirmed with the password like exports (issue 10 item 10): a session left open
    // on an office computer must not be enough to remove records.
    if ((cfg.reauth || req.method === 'DELETE') && !recentlyReauthenticated(actor, app.deps.clock.now()))
      throw new AppError(ErrorCode.ReauthRequired, '请输入密码以确认身份');
    // Downloads (the re-authenticated GETs: ledgers, documents, exports) are capped per account.
    if (cfg.reauth && req.method === 'GET') await countExport(app, actor);
  });
}

async function countExport(app: FastifyInstance, actor: Actor): Promise<void> {
  const { value } = await app.deps.settings.get();
  const now = app.deps.clock.now().getTime();
  const { count, resetAt } = await app.deps.shared.hit(`export:${actor.userId}`, 3_600_000, now);
  if (count > value.exportsPerHour)
    throw new AppError(
      ErrorCode.RateLimited,
      `每小时最多导出${value.exportsPerHour}次，请${Math.ceil((resetAt - now) / 60_000)}分钟后再试`,
    );
}

export function recentlyReauthenticated(actor: Actor, now: Date): boolean {
  return !!actor.reauthAt && now.getTime() - actor.reauthAt.getTime() <= REAUTH_WINDOW_MS;
}

async function denied(app: FastifyInstance, req: FastifyRequest, permission: string): Promise<void> {
  const a = req.actor;
  await writeAudit(app.deps.db, app.deps.clock.now(), {
    actorId: a?.userId,
    actorName: a?.displayName,
    role: a?.roles.join(','),
    action: 'auth.denied',
    objectType: 'route',
    objectId: `${req.method} ${req.routeOptions.url}`,
    result: 'denied',
    requestId: req.id,
    ip: req.ip,
    detail: { permission },
  });
}

/** The request context a service needs; only valid on routes that are not public. */
export function ctxOf(req: FastifyRequest): RequestCtx {
  if (!req.actor) throw new AppError(ErrorCode.Unauthenticated, '请先登录');
  return { actor: req.actor, requestId: req.id, ip: req.ip };
}

/**
 * Did the request come over TLS, directly or from a trusted proxy (TRUSTED_PROXIES)? Fastify reads
 * X-Forwarded-Proto only from the proxies it trusts.
 */
export function overTls(req: FastifyRequest): boolean {
  return req.protocol === 'https';
}

export function isLoopback(ip: string | undefined): boolean {
  return !!ip && (ip === '::1' || ip.startsWith('127.') || ip === '::ffff:127.0.0.1');
}

/**
 * Passwords and session cookies never cross a network in clear: login over plain HTTP is refused
 * unless it comes from this machine (the local `npm start`) or the office set ALLOW_INSECURE_HTTP=1.
 */
export function assertSecureTransport(app: FastifyInstance, req: FastifyRequest): void {
  if (overTls(req) || isLoopback(req.ip) || app.deps.config.allowInsecureHttp) return;
  throw new AppError(ErrorCode.TlsRequired, '为保护账号安全，请通过 HTTPS（加密连接）访问本系统后再登录');
}

/** The raw session id from whichever of the two cookies the browser holds. */
export function sessionCookieOf(req: FastifyRequest): string | undefined {
  return req.cookies[HOST_SESSION_COOKIE] ?? req.cookies[SESSION_COOKIE];
}

export function setSessionCookie(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, raw: string): void {
  const secure = overTls(req) || app.deps.config.cookieSecure;
  reply.setCookie(secure ? HOST_SESSION_COOKIE : SESSION_COOKIE, raw, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(HOST_SESSION_COOKIE, { path: '/', secure: true });
}
