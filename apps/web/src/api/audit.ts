import { ZAuditList, type ZAuditQuery, ZAuditVerify } from '@xc/domain';
import type { z } from 'zod';
import { download, request } from './client.ts';

export type TAuditList = z.infer<typeof ZAuditList>;
export type TAuditFilters = Omit<z.input<typeof ZAuditQuery>, 'limit' | 'cursor'>;

export const listAudit = (q: TAuditFilters & { limit?: number; cursor?: string }) =>
  request('GET', '/api/audit', ZAuditList, { query: q });
export const exportAudit = (q: TAuditFilters) => download('/api/audit/export', q, '审计日志.xlsx');
export const verifyAudit = () => request('GET', '/api/audit/verify', ZAuditVerify);
