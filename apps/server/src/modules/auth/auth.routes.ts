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
import { z } from 'zod';
import { assertSecureTransport, clearSessionCookie, ctxOf, setSessionCookie } from '../../platform/auth.ts';
import { routesOf } from '../../platform/routes.ts';
import { changePassword, login, logout, me, reauthenticate } from './auth.service.ts';
import { disableTotp, enableTotp, setupTotp, totpStatus } from './auth.totp.ts';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['auth']);
  const d = app.deps;
  const self = { permission: 'self' as const };
  // Password checks are rate-limited like the login itself.
  const limits = { rateLimit: { max: d.config.loginRateLimitPerMinute, timeWindow: 60_000 } };

  route.post(
    '/api/auth/login',
    { permission: 'public', ...limits },
    { summary: '登录', body: ZLoginRequest, response: { 200: ZLoginResponse } },
    async (req, reply) => {
      assertSecureTransport(app, req);
      const res = await login(d, { ...req.body, requestId: req.id, ip: req.ip });
      setSessionCookie(app, req, reply, res.raw);
      return res.body;
    },
  );
  route.post('/api/auth/logout', self, { summary: '退出登录', response: { 204: z.null() } }, async (req, reply) => {
    await logout(d, ctxOf(req));
    clearSessionCookie(reply);
    // The browser drops what it kept of this session: cookies, storage and cached pages.
    reply.header('clear-site-data', '"cache", "cookies", "storage"');
  });
  route.get('/api/auth/me', self, { summary: '当前用户', response: { 200: ZMe } }, async (req) =>
    me(d, ctxOf(req).actor),
  );
  route.post(
    '/api/auth/password',
    { ...self, ...limits },
    { summary: '修改密码', body: ZPasswordChange, response: { 200: ZMe } },
    async (req, reply) => {
      const res = await changePassword(d, ctxOf(req), req.body);
      setSessionCookie(app, req, reply, res.raw);
      return res.me;
    },
  );
  route.post(
    '/api/auth/reauth',
    { ...self, ...limits },
    { summary: '再次输入密码确认身份', body: ZReauth, response: { 204: z.null() } },
    (req) => reauthenticate(d, ctxOf(req), req.body),
  );

  // The second factor (TOTP): the user's own enrolment; the 安全保密管理员 resets it (admin routes).
  route.get('/api/auth/totp', self, { summary: '双因素认证状态', response: { 200: ZTotpStatus } }, (req) =>
    totpStatus(d, ctxOf(req)),
  );
  route.post(
    '/api/auth/totp/setup',
    { ...self, ...limits },
    { summary: '生成身份验证器绑定二维码', body: ZTotpSetupRequest, response: { 200: ZTotpSetup } },
    (req) => setupTotp(d, ctxOf(req), req.body),
  );
  route.post(
    '/api/auth/totp/enable',
    { ...self, ...limits },
    { summary: '确认绑定并启用双因素认证', body: ZTotpEnable, response: { 200: ZTotpRecoveryCodes } },
    (req) => enableTotp(d, ctxOf(req), req.body.code),
  );
  route.post(
    '/api/auth/totp/disable',
    { ...self, ...limits },
    { summary: '停用双因素认证', body: ZTotpDisable, response: { 204: z.null() } },
    (req) => disableTotp(d, ctxOf(req), req.body),
  );
}
