import {
  AppError,
  ErrorCode,
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
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { sendDownload, XLSX_MIME } from '../../platform/spreadsheets.ts';
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

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const tags = ['orgs'];

export async function orgsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;

  r.get(
    '/api/authorities',
    {
      config: { permission: 'authority:read' },
      schema: { tags, summary: '巡察机构列表', response: { 200: ZAuthorityList } },
    },
    (req) => listAuthorities(d, ctxOf(req)),
  );
  r.get(
    '/api/authorities/:id',
    {
      config: { permission: 'authority:read' },
      schema: { tags, summary: '巡察机构', params: ZIdParam, response: { 200: ZAuthority } },
    },
    (req) => getAuthority(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/authorities',
    {
      config: { permission: 'authority:write' },
      schema: { tags, summary: '新增巡察机构', body: ZAuthorityCreate, response: { 201: ZAuthority } },
    },
    async (req, reply) => reply.status(201).send(await createAuthority(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/authorities/:id',
    {
      config: { permission: 'authority:write' },
      schema: {
        tags,
        summary: '修改巡察机构',
        params: ZIdParam,
        body: ZAuthorityUpdate,
        response: { 200: ZAuthority },
      },
    },
    (req) => updateAuthority(d, ctxOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/orgs',
    {
      config: { permission: 'org:read' },
      schema: { tags, summary: '单位列表', querystring: ZOrgListQuery, response: { 200: ZOrgList } },
    },
    (req) => listOrgs(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/orgs/tree',
    {
      config: { permission: 'org:read' },
      schema: { tags, summary: '单位树（按层加载）', querystring: ZOrgTreeQuery, response: { 200: ZOrgTree } },
    },
    (req) => orgTree(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/orgs/lookup',
    {
      config: { permission: 'directory:orgs' },
      schema: {
        tags,
        summary: '按名称查找单位（仅名称，供选择器使用）',
        querystring: ZOrgLookupQuery,
        response: { 200: ZOrgLookup },
      },
    },
    (req) => lookupOrgs(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/orgs/import-template',
    { config: { permission: 'org:import' }, schema: { tags, summary: '下载单位导入模板' } },
    async (_req, reply) => sendDownload(reply, XLSX_MIME, '单位导入模板.xlsx', await importTemplate()),
  );
  r.get(
    '/api/orgs/export',
    {
      config: { permission: 'org:export', reauth: true },
      schema: { tags, summary: '导出当前筛选的单位', querystring: ZOrgListQuery.omit({ limit: true, cursor: true }) },
    },
    async (req, reply) => {
      const { buf, serial } = await exportOrgs(d, ctxOf(req), req.query);
      return sendDownload(reply, XLSX_MIME, `单位列表-${serial}.xlsx`, buf);
    },
  );
  r.post(
    '/api/orgs/import',
    {
      config: { permission: 'org:import' },
      schema: {
        tags,
        summary: '从 Excel 批量导入单位（全部成功或全部不导入）',
        querystring: z.strictObject({ authorityId: z.uuid({ message: '请选择巡察机构' }) }),
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResult },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError(ErrorCode.BadRequest, '请以 multipart/form-data 上传文件');
      const file = await req.file();
      if (!file) throw new AppError(ErrorCode.BadRequest, '请选择要导入的文件');
      const buf = await file.toBuffer();
      return importOrgs(d, ctxOf(req), req.query.authorityId, buf);
    },
  );
  r.get(
    '/api/orgs/:id',
    {
      config: { permission: 'org:read' },
      schema: { tags, summary: '单位详情', params: ZIdParam, response: { 200: ZOrgDetail } },
    },
    (req) => getOrg(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/orgs',
    {
      config: { permission: 'org:write' },
      schema: { tags, summary: '新增单位', body: ZOrgCreate, response: { 201: ZOrgDetail } },
    },
    async (req, reply) => reply.status(201).send(await createOrg(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/orgs/:id',
    {
      config: { permission: 'org:write' },
      schema: {
        tags,
        summary: '修改单位（需带 version）',
        params: ZIdParam,
        body: ZOrgUpdate,
        response: { 200: ZOrgDetail },
      },
    },
    (req) => updateOrg(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/orgs/:id/merge',
    {
      config: { permission: 'org:write' },
      schema: { tags, summary: '合并单位', params: ZIdParam, body: ZOrgMerge, response: { 200: ZOrgDetail } },
    },
    (req) => mergeOrg(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/orgs/:id/abolish',
    {
      config: { permission: 'org:write' },
      schema: { tags, summary: '撤销单位', params: ZIdParam, body: ZOrgAbolish, response: { 200: ZOrgDetail } },
    },
    (req) => abolishOrg(d, ctxOf(req), req.params.id, req.body),
  );
}
