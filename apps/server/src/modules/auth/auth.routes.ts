import { ZLoginRequest, ZLoginResponse, ZMe, ZPasswordChange, ZReauth } from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, ctxOf, setSessionCookie } from '../../platform/auth.ts';
import { changePassword, login, logout, me, reauthenticate } from './auth.service.ts';

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
      const res = await login(app.deps, { ...req.body, requestId: req.id, ip: req.ip });
      setSessionCookie(app, reply, res.raw);
      return res.body;
    },
  );
  r.post(
    '/api/auth/logout',
    { config: { permission: 'self' }, schema: { tags, summary: '退出登录', response: { 204: z.null() } } },
    async (req, reply) => {
      await logout(app.deps, ctxOf(req));
      clearSessionCookie(reply);
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
      setSessionCookie(app, reply, res.raw);
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
      await reauthenticate(app.deps, ctxOf(req), req.body.password);
      return reply.status(204).send(null);
    },
  );
}
