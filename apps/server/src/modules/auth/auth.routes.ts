import {
  ZLoginRequest,
  ZLoginResponse,
  ZMe,
  ZPasswordChange,
  ZReauth,
  ZTotpDisable,
  ZTotpEnable,
  ZTotpRecoveryCodes,
  ZTotpSetup,
  ZTotpSetupRequest,
  ZTotpStatus,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertSecureTransport, clearSessionCookie, ctxOf, setSessionCookie } from '../../platform/auth.ts';
import { changePassword, login, logout, me, reauthenticate } from './auth.service.ts';
import { disableTotp, enableTotp, setupTotp, totpStatus } from './auth.totp.ts';

const tags = ['auth'];

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/auth/login',
    {
      config: {
        permission: 'public',
        rateLimit: { max: app.deps.config.loginRateLimitPerMinute, timeWindow: 60_000 },
      },
      schema: { tags, summary: '登录', body: ZLoginRequest, response: { 200: ZLoginResponse } },
    },
    async (req, reply) => {
      assertSecureTransport(app, req);
      const res = await login(app.deps, { ...req.body, requestId: req.id, ip: req.ip });
      setSessionCookie(app, req, reply, res.raw);
      return res.body;
    },
  );
  r.post(
    '/api/auth/logout',
    { config: { permission: 'self' }, schema: { tags, summary: '退出登录', response: { 204: z.null() } } },
    async (req, reply) => {
      await logout(app.deps, ctxOf(req));
      clearSessionCookie(reply);
      // The browser drops what it kept of this session: cookies, storage and cached pages.
      reply.header('clear-site-data', '"cache", "cookies", "storage"');
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/auth/me',
    { config: { permission: 'self' }, schema: { tags, summary: '当前用户', response: { 200: ZMe } } },
    async (req) => me(app.deps, ctxOf(req).actor),
  );
  r.post(
    '/api/auth/password',
    {
      config: { permission: 'self', rateLimit: { max: app.deps.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: { tags, summary: '修改密码', body: ZPasswordChange, response: { 200: ZMe } },
    },
    async (req, reply) => {
      const res = await changePassword(app.deps, ctxOf(req), req.body);
      setSessionCookie(app, req, reply, res.raw);
      return res.me;
    },
  );
  r.post(
    '/api/auth/reauth',
    {
      config: { permission: 'self', rateLimit: { max: app.deps.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: { tags, summary: '再次输入密码确认身份', body: ZReauth, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await reauthenticate(app.deps, ctxOf(req), req.body);
      return reply.status(204).send(null);
    },
  );

  // The second factor (TOTP): the user's own enrolment; the 安全保密管理员 resets it (admin routes).
  const self = {
    permission: 'self' as const,
    rateLimit: { max: app.deps.config.loginRateLimitPerMinute, timeWindow: 60_000 },
  };
  r.get(
    '/api/auth/totp',
    { config: { permission: 'self' }, schema: { tags, summary: '双因素认证状态', response: { 200: ZTotpStatus } } },
    (req) => totpStatus(app.deps, ctxOf(req)),
  );
  r.post(
    '/api/auth/totp/setup',
    {
      config: self,
      schema: { tags, summary: '生成身份验证器绑定二维码', body: ZTotpSetupRequest, response: { 200: ZTotpSetup } },
    },
    (req) => setupTotp(app.deps, ctxOf(req), req.body),
  );
  r.post(
    '/api/auth/totp/enable',
    {
      config: self,
      schema: { tags, summary: '确认绑定并启用双因素认证', body: ZTotpEnable, response: { 200: ZTotpRecoveryCodes } },
    },
    (req) => enableTotp(app.deps, ctxOf(req), req.body.code),
  );
  r.post(
    '/api/auth/totp/disable',
    { config: self, schema: { tags, summary: '停用双因素认证', body: ZTotpDisable, response: { 204: z.null() } } },
    async (req, reply) => {
      await disableTotp(app.deps, ctxOf(req), req.body);
      return reply.status(204).send(null);
    },
  );
}
