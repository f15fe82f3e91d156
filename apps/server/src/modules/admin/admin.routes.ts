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
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
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

const ZNoContent = { 204: z.null() };

/** 三员 administration: accounts (系统管理员), grants and unlocks (安全保密管理员), audit (安全审计员). */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['admin']);
  const audit = routesOf(app, ['audit']);
  const d = app.deps;
  const userRead = { permission: 'user:read' as const };
  const userManage = { permission: 'user:manage' as const };
  const grantManage = { permission: 'grant:manage' as const, reauth: true };

  route.get(
    '/api/users',
    userRead,
    { summary: '账号列表', querystring: ZUserListQuery, response: { 200: ZUserList } },
    (req) => listUsers(d, req.query),
  );
  route.get(
    '/api/users/:id',
    userRead,
    { summary: '账号详情', params: ZIdParam, response: { 200: ZUserListItem } },
    (req) => getUser(d, req.params.id),
  );
  route.post(
    '/api/users',
    userManage,
    { summary: '创建账号', body: ZUserCreate, response: { 201: ZUserCreated } },
    (req) => createUser(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/users/:id',
    userManage,
    { summary: '修改账号', params: ZIdParam, body: ZUserUpdate, response: { 200: ZUser } },
    (req) => updateUser(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/users/:id/reset-password',
    { ...userManage, reauth: true },
    { summary: '重置密码', params: ZIdParam, response: { 200: ZOneTimePassword } },
    (req) => resetPassword(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/users/:id/unlock',
    { permission: 'user:unlock' },
    { summary: '解除锁定', params: ZIdParam, response: ZNoContent },
    (req) => unlockUser(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/users/:id/end-sessions',
    { permission: 'user:unlock', reauth: true },
    { summary: '结束账号的全部会话', params: ZIdParam, response: { 200: z.object({ ended: z.number().int() }) } },
    (req) => endSessionsOf(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/users/:id/totp/reset',
    { permission: 'user:unlock', reauth: true },
    { summary: '重置双因素认证（身份验证器丢失）', params: ZIdParam, response: ZNoContent },
    (req) => resetTotp(d, ctxOf(req), req.params.id),
  );

  route.get(
    '/api/users/:id/grants',
    userRead,
    { summary: '账号的授权', params: ZIdParam, response: { 200: ZGrantList } },
    (req) => listGrants(d, req.params.id),
  );
  route.post(
    '/api/users/:id/grants',
    grantManage,
    { summary: '授予角色', params: ZIdParam, body: ZGrantCreate, response: { 201: ZGrant } },
    (req) => createGrant(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete('/api/grants/:id', grantManage, { summary: '撤销授权', params: ZIdParam, response: ZNoContent }, (req) =>
    deleteGrant(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/settings',
    { permission: 'settings:read' },
    { summary: '系统设置', response: { 200: ZSettingsResponse } },
    () => getSettings(d),
  );
  route.put(
    '/api/settings',
    { permission: 'settings:manage' },
    { summary: '修改系统设置', body: ZSettingsUpdate, response: { 200: ZSettingsResponse } },
    (req) => updateSettings(d, ctxOf(req), req.body),
  );
  audit.get(
    '/api/audit',
    { permission: 'audit:read' },
    { summary: '审计日志', querystring: ZAuditQuery, response: { 200: ZAuditList } },
    (req) => listAudit(d, req.query),
  );
  audit.download(
    '/api/audit/export',
    { permission: 'audit:export', reauth: true },
    { summary: '导出审计日志', querystring: ZAuditQuery.omit({ limit: true, cursor: true }) },
    (req) => exportAudit(d, ctxOf(req), req.query),
  );
  audit.get(
    '/api/audit/verify',
    { permission: 'audit:read' },
    { summary: '校验审计日志哈希链', response: { 200: ZAuditVerify } },
    () => verifyAudit(d),
  );
  audit.get(
    '/api/audit/purge',
    { permission: 'audit:purge' },
    { summary: '审计日志保存期限与上次清理', response: { 200: ZAuditPurgeInfo } },
    () => auditPurgeInfo(d),
  );
  audit.post(
    '/api/audit/purge',
    { permission: 'audit:purge', reauth: true },
    { summary: '清理超过保存期限的审计日志', body: ZAuditPurge, response: { 200: ZAuditPurgeResult } },
    (req) => purgeAudit(d, ctxOf(req), req.body),
  );
}
