import {
  type TAuditPurge,
  ZAuditList,
  ZAuditPurgeInfo,
  ZAuditPurgeResult,
  type ZAuditQuery,
  ZAuditVerify,
} from '@xc/domain';
import type { z } from 'zod';
import { download, request } from './client.ts';

export type TAuditList = z.infer<typeof ZAuditList>;
export type TAuditFilters = Omit<z.input<typeof ZAuditQuery>, 'limit' | 'cursor'>;

export const listAudit = (q: TAuditFilters & { limit?: number; cursor?: string }) =>
  request('GET', '/api/audit', ZAuditList, { query: q });
export const exportAudit = (q: TAuditFilters) => download('/api/audit/export', q, '审计日志.xlsx');
export const verifyAudit = () => request('GET', '/api/audit/verify', ZAuditVerify);
export type TAuditPurgeInfo = z.infer<typeof ZAuditPurgeInfo>;
export type TAuditPurgeResult = z.infer<typeof ZAuditPurgeResult>;
/** The retention in force, the latest date a purge may name today and the last purge (安全审计员). */
export const auditPurgeInfo = () => request('GET', '/api/audit/purge', ZAuditPurgeInfo);
/** 清理过期审计日志; the server asks for the password first (the client prompts and retries). */
export const purgeAudit = (body: TAuditPurge) => request('POST', '/api/audit/purge', ZAuditPurgeResult, { body });
