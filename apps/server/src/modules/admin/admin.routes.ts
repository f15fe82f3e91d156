import {
  ZAuditList,
  ZAuditPurge,
  ZAuditPurgeInfo,
  ZAuditPurgeResult,
  ZAuditQuery,
  ZAuditVerify,
  ZGrant,
  ZGrantCreate,
  ZGrantList,
  ZOneTimePassword,
  ZSettingsResponse,
  ZSettingsUpdate,
  ZUser,
  ZUserCreate,
  ZUserCreated,
  ZUserList,
  ZUserListItem,
  ZUserListQuery,
  ZUserUpdate,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { sendDownload, XLSX_MIME } from '../../platform/spreadsheets.ts';
import {
  createGrant,
  createUser,
  deleteGrant,
  endSessionsOf,
  getUser,
  listGrants,
  listUsers,
  resetPassword,
  resetTotp,
  unlockUser,
  updateUser,
} from '../auth/index.ts';
import {
  auditPurgeInfo,
  exportAudit,
  getSettings,
  listAudit,
  purgeAudit,
  updateSettings,
  verifyAudit,
} from './admin.service.ts';

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const ZNoContent = { 204: z.null() };

/** 三员 administration: accounts (系统管理员), grants and unlocks (安全保密管理员), audit (安全审计员). */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;

  r.get(
    '/api/users',
    {
      config: { permission: 'user:read' },
      schema: { tags: ['admin'], summary: '账号列表', querystring: ZUserListQuery, response: { 200: ZUserList } },
    },
    (req) => listUsers(d, req.query),
  );
  r.get(
    '/api/users/:id',
    {
      config: { permission: 'user:read' },
      schema: { tags: ['admin'], summary: '账号详情', params: ZIdParam, response: { 200: ZUserListItem } },
    },
    (req) => getUser(d, req.params.id),
  );
  r.post(
    '/api/users',
    {
      config: { permission: 'user:manage' },
      schema: { tags: ['admin'], summary: '创建账号', body: ZUserCreate, response: { 201: ZUserCreated } },
    },
    async (req, reply) => reply.status(201).send(await createUser(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/users/:id',
    {
      config: { permission: 'user:manage' },
      schema: { tags: ['admin'], summary: '修改账号', params: ZIdParam, body: ZUserUpdate, response: { 200: ZUser } },
    },
    (req) => updateUser(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/users/:id/reset-password',
    {
      config: { permission: 'user:manage', reauth: true },
      schema: { tags: ['admin'], summary: '重置密码', params: ZIdParam, response: { 200: ZOneTimePassword } },
    },
    (req) => resetPassword(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/users/:id/unlock',
    {
      config: { permission: 'user:unlock' },
      schema: { tags: ['admin'], summary: '解除锁定', params: ZIdParam, response: ZNoContent },
    },
    async (req, reply) => {
      await unlockUser(d, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/users/:id/end-sessions',
    {
      config: { permission: 'user:unlock', reauth: true },
      schema: {
        tags: ['admin'],
        summary: '结束账号的全部会话',
        params: ZIdParam,
        response: { 200: z.object({ ended: z.number().int() }) },
      },
    },
    (req) => endSessionsOf(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/users/:id/totp/reset',
    {
      config: { permission: 'user:unlock', reauth: true },
      schema: { tags: ['admin'], summary: '重置双因素认证（身份验证器丢失）', params: ZIdParam, response: ZNoContent },
    },
    async (req, reply) => {
      await resetTotp(d, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/users/:id/grants',
    {
      config: { permission: 'user:read' },
      schema: { tags: ['admin'], summary: '账号的授权', params: ZIdParam, response: { 200: ZGrantList } },
    },
    (req) => listGrants(d, req.params.id),
  );
  r.post(
    '/api/users/:id/grants',
    {
      config: { permission: 'grant:manage', reauth: true },
      schema: { tags: ['admin'], summary: '授予角色', params: ZIdParam, body: ZGrantCreate, response: { 201: ZGrant } },
    },
    async (req, reply) => reply.status(201).send(await createGrant(d, ctxOf(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/grants/:id',
    {
      config: { permission: 'grant:manage', reauth: true },
      schema: { tags: ['admin'], summary: '撤销授权', params: ZIdParam, response: ZNoContent },
    },
    async (req, reply) => {
      await deleteGrant(d, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/settings',
    {
      config: { permission: 'settings:read' },
      schema: { tags: ['admin'], summary: '系统设置', response: { 200: ZSettingsResponse } },
    },
    () => getSettings(d),
  );
  r.put(
    '/api/settings',
    {
      config: { permission: 'settings:manage' },
      schema: { tags: ['admin'], summary: '修改系统设置', body: ZSettingsUpdate, response: { 200: ZSettingsResponse } },
    },
    (req) => updateSettings(d, ctxOf(req), req.body),
  );
  r.get(
    '/api/audit',
    {
      config: { permission: 'audit:read' },
      schema: { tags: ['audit'], summary: '审计日志', querystring: ZAuditQuery, response: { 200: ZAuditList } },
    },
    (req) => listAudit(d, req.query),
  );
  r.get(
    '/api/audit/export',
    {
      config: { permission: 'audit:export', reauth: true },
      schema: {
        tags: ['audit'],
        summary: '导出审计日志',
        querystring: ZAuditQuery.omit({ limit: true, cursor: true }),
      },
    },
    async (req, reply) => {
      const { buf, serial } = await exportAudit(d, ctxOf(req), req.query);
      return sendDownload(reply, XLSX_MIME, `审计日志-${serial}.xlsx`, buf);
    },
  );
  r.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit:read' },
      schema: { tags: ['audit'], summary: '校验审计日志哈希链', response: { 200: ZAuditVerify } },
    },
    () => verifyAudit(d),
  );
  r.get(
    '/api/audit/purge',
    {
      config: { permission: 'audit:purge' },
      schema: {
        tags: ['audit'],
        summary: '审计日志保存期限与上次清理',
        response: { 200: ZAuditPurgeInfo },
      },
    },
    () => auditPurgeInfo(d),
  );
  r.post(
    '/api/audit/purge',
    {
      config: { permission: 'audit:purge', reauth: true },
      schema: {
        tags: ['audit'],
        summary: '清理超过保存期限的审计日志',
        body: ZAuditPurge,
        response: { 200: ZAuditPurgeResult },
      },
    },
    (req) => purgeAudit(d, ctxOf(req), req.body),
  );
}
