import {
  type ZImportResult,
  ZImportRowError,
  type ZOrgAbolish,
  type ZOrgCreate,
  ZOrgDetail,
  ZOrgList,
  type ZOrgListQuery,
  ZOrgLookup,
  type ZOrgLookupQuery,
  type ZOrgMerge,
  ZOrgTree,
  type ZOrgUpdate,
} from '@xc/domain';
import { z } from 'zod';
import { download, request } from './client.ts';
import { type ImportProgress, importXlsx } from './imports.ts';

export type TOrgList = z.infer<typeof ZOrgList>;
export type TOrgTreeNode = z.infer<typeof ZOrgTree>['items'][number];
export type TOrgCreateInput = z.input<typeof ZOrgCreate>;
export type TOrgUpdateInput = z.input<typeof ZOrgUpdate>;
export type TOrgMergeInput = z.input<typeof ZOrgMerge>;
export type TOrgAbolishInput = z.input<typeof ZOrgAbolish>;
export type TOrgFilters = Omit<z.input<typeof ZOrgListQuery>, 'limit' | 'cursor'>;
export type TOrgLookupQuery = Omit<z.input<typeof ZOrgLookupQuery>, 'limit'> & { limit?: number };
export type TImportResult = z.infer<typeof ZImportResult>;

/** details of a 422 IMPORT_INVALID answer: the row-by-row report. */
export const ZImportInvalidDetails = z.object({ errors: z.array(ZImportRowError), totalRows: z.number().int() });
export type TImportInvalidDetails = z.infer<typeof ZImportInvalidDetails>;

const path = (id: string) => `/api/orgs/${encodeURIComponent(id)}`;

export const listOrgs = (q: TOrgFilters & { limit?: number; cursor?: string }, signal?: AbortSignal) =>
  request('GET', '/api/orgs', ZOrgList, { query: q, signal });

/**
 * Names only (id, name, kind, authority, status) of active organizations, for pickers of users
 * who may not read the registry (the 系统管理员 and 安全保密管理员 have directory:orgs, not org:read).
 */
export const lookupOrgs = (q: TOrgLookupQuery, signal?: AbortSignal) =>
  request('GET', '/api/orgs/lookup', ZOrgLookup, { query: q, signal });

export const getOrgTree = (q: { authorityId: string; parentId?: string; status?: 'active' | 'all' }) =>
  request('GET', '/api/orgs/tree', ZOrgTree, { query: q });

export const getOrg = (id: string) => request('GET', path(id), ZOrgDetail);
export const createOrg = (body: TOrgCreateInput) => request('POST', '/api/orgs', ZOrgDetail, { body });
export const updateOrg = (id: string, body: TOrgUpdateInput) => request('PATCH', path(id), ZOrgDetail, { body });
export const mergeOrg = (id: string, body: TOrgMergeInput) =>
  request('POST', `${path(id)}/merge`, ZOrgDetail, { body });
export const abolishOrg = (id: string, body: TOrgAbolishInput) =>
  request('POST', `${path(id)}/abolish`, ZOrgDetail, { body });

export const downloadOrgTemplate = () => download('/api/orgs/import-template', undefined, '单位导入模板.xlsx');
export const exportOrgs = (filters: TOrgFilters) => download('/api/orgs/export', filters, '被巡察单位.xlsx');

export const importOrgs = (authorityId: string, file: File, on: ImportProgress) =>
  importXlsx('/api/orgs/import', authorityId, file, on);
