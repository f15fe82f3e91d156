import {
  ZAuthority,
  ZAuthorityCreate,
  ZAuthorityList,
  ZAuthorityUpdate,
  ZImportResult,
  ZOrgAbolish,
  ZOrgCreate,
  ZOrgDetail,
  ZOrgList,
  ZOrgListQuery,
  ZOrgLookup,
  ZOrgLookupQuery,
  ZOrgMerge,
  ZOrgTree,
  ZOrgTreeQuery,
  ZOrgUpdate,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../platform/auth.ts';
import { importedFile, routesOf, ZAuthorityQuery, ZIdParam } from '../../platform/routes.ts';
import { importOrgs, importTemplate } from './orgs.import.ts';
import {
  abolishOrg,
  createAuthority,
  createOrg,
  exportOrgs,
  getAuthority,
  getOrg,
  listAuthorities,
  listOrgs,
  lookupOrgs,
  mergeOrg,
  orgTree,
  updateAuthority,
  updateOrg,
} from './orgs.service.ts';

export async function orgsRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['orgs']);
  const d = app.deps;
  const authorityRead = { permission: 'authority:read' as const };
  const authorityWrite = { permission: 'authority:write' as const };
  const read = { permission: 'org:read' as const };
  const write = { permission: 'org:write' as const };
  const importing = { permission: 'org:import' as const };

  route.get('/api/authorities', authorityRead, { summary: '巡察机构列表', response: { 200: ZAuthorityList } }, (req) =>
    listAuthorities(d, ctxOf(req)),
  );
  route.get(
    '/api/authorities/:id',
    authorityRead,
    { summary: '巡察机构', params: ZIdParam, response: { 200: ZAuthority } },
    (req) => getAuthority(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/authorities',
    authorityWrite,
    { summary: '新增巡察机构', body: ZAuthorityCreate, response: { 201: ZAuthority } },
    (req) => createAuthority(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/authorities/:id',
    authorityWrite,
    { summary: '修改巡察机构', params: ZIdParam, body: ZAuthorityUpdate, response: { 200: ZAuthority } },
    (req) => updateAuthority(d, ctxOf(req), req.params.id, req.body),
  );

  route.get(
    '/api/orgs',
    read,
    { summary: '单位列表', querystring: ZOrgListQuery, response: { 200: ZOrgList } },
    (req) => listOrgs(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/orgs/tree',
    read,
    { summary: '单位树（按层加载）', querystring: ZOrgTreeQuery, response: { 200: ZOrgTree } },
    (req) => orgTree(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/orgs/lookup',
    { permission: 'directory:orgs' },
    { summary: '按名称查找单位（仅名称，供选择器使用）', querystring: ZOrgLookupQuery, response: { 200: ZOrgLookup } },
    (req) => lookupOrgs(d, ctxOf(req), req.query),
  );
  route.download('/api/orgs/import-template', importing, { summary: '下载单位导入模板' }, async () => ({
    name: '单位导入模板.xlsx',
    data: await importTemplate(),
  }));
  route.download(
    '/api/orgs/export',
    { permission: 'org:export', reauth: true },
    { summary: '导出当前筛选的单位', querystring: ZOrgListQuery.omit({ limit: true, cursor: true }) },
    (req) => exportOrgs(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/orgs/import',
    importing,
    {
      summary: '从 Excel 批量导入单位（全部成功或全部不导入）',
      querystring: ZAuthorityQuery,
      consumes: ['multipart/form-data'],
      response: { 200: ZImportResult },
    },
    async (req) => importOrgs(d, ctxOf(req), req.query.authorityId, await importedFile(req)),
  );
  route.get('/api/orgs/:id', read, { summary: '单位详情', params: ZIdParam, response: { 200: ZOrgDetail } }, (req) =>
    getOrg(d, ctxOf(req), req.params.id),
  );
  route.post('/api/orgs', write, { summary: '新增单位', body: ZOrgCreate, response: { 201: ZOrgDetail } }, (req) =>
    createOrg(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/orgs/:id',
    write,
    { summary: '修改单位（需带 version）', params: ZIdParam, body: ZOrgUpdate, response: { 200: ZOrgDetail } },
    (req) => updateOrg(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/orgs/:id/merge',
    write,
    { summary: '合并单位', params: ZIdParam, body: ZOrgMerge, response: { 200: ZOrgDetail } },
    (req) => mergeOrg(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/orgs/:id/abolish',
    write,
    { summary: '撤销单位', params: ZIdParam, body: ZOrgAbolish, response: { 200: ZOrgDetail } },
    (req) => abolishOrg(d, ctxOf(req), req.params.id, req.body),
  );
}
