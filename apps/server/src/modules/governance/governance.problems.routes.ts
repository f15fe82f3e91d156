import {
  ZBulletin,
  ZBulletinCreate,
  ZBulletinList,
  ZBulletinListQuery,
  ZBulletinMove,
  ZBulletinUpdate,
  ZCommonProblem,
  ZCommonProblemCandidateList,
  ZCommonProblemCandidateQuery,
  ZCommonProblemConfirm,
  ZCommonProblemList,
  ZCommonProblemListQuery,
  ZCommonProblemUpdate,
  ZFindingRefsQuery,
  ZGovernanceFindingRefList,
  ZInboxBulletinQuery,
  ZInboxSummary,
  ZRecipientCandidateList,
  ZRecipientCandidateQuery,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { sendDownload } from '../../platform/spreadsheets.ts';
import {
  createBulletin,
  deleteBulletin,
  getBulletin,
  inboxSummary,
  listBulletins,
  listInboxBulletins,
  moveBulletin,
  openInboxBulletin,
  updateBulletin,
} from './governance.bulletins.ts';
import { inboxBulletinDocx, officeBulletinDocx } from './governance.documents.ts';
import {
  confirmProblem,
  deleteProblem,
  findingRefs,
  getProblem,
  listCandidates,
  listProblems,
  recipientCandidates,
  updateProblem,
} from './governance.problems.ts';

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const tags = ['governance'];

function sendDocx(reply: Parameters<typeof sendDownload>[0], f: { name: string; data: Buffer }) {
  return sendDownload(reply, DOCX_MIME, f.name, f.data)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
}

/**
 * 共性问题 and 分类通报 (issue 13, contract section A): the office's pages (governance:read to read,
 * governance:manage to write, bulletin:approve to approve or withdraw) and the recipients' inbox
 * (recipient:answer: only sent bulletins addressed to the caller). Every service checks the
 * caller's reach first; a record out of reach answers 404.
 */
export async function governanceProblemsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;

  // ------------------------------------------------------------ common problems (共性问题)
  r.get(
    '/api/common-problems/candidates',
    {
      config: { permission: 'governance:read' },
      schema: {
        tags,
        summary: '共性问题候选（按领域和问题类型归并）',
        querystring: ZCommonProblemCandidateQuery,
        response: { 200: ZCommonProblemCandidateList },
      },
    },
    (req) => listCandidates(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/governance/findings',
    {
      config: { permission: 'governance:read' },
      schema: {
        tags,
        summary: '按编号查看问题（共性问题的组成）',
        querystring: ZFindingRefsQuery,
        response: { 200: ZGovernanceFindingRefList },
      },
    },
    (req) => findingRefs(d, ctxOf(req), req.query.ids),
  );
  r.get(
    '/api/common-problems',
    {
      config: { permission: 'governance:read' },
      schema: {
        tags,
        summary: '共性问题',
        querystring: ZCommonProblemListQuery,
        response: { 200: ZCommonProblemList },
      },
    },
    (req) => listProblems(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/common-problems/:id',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '共性问题详情', params: ZIdParam, response: { 200: ZCommonProblem } },
    },
    (req) => getProblem(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/common-problems',
    {
      config: { permission: 'governance:manage' },
      schema: { tags, summary: '确认共性问题', body: ZCommonProblemConfirm, response: { 201: ZCommonProblem } },
    },
    async (req, reply) => reply.status(201).send(await confirmProblem(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/common-problems/:id',
    {
      config: { permission: 'governance:manage' },
      schema: {
        tags,
        summary: '修改共性问题',
        params: ZIdParam,
        body: ZCommonProblemUpdate,
        response: { 200: ZCommonProblem },
      },
    },
    (req) => updateProblem(d, ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/common-problems/:id',
    {
      config: { permission: 'governance:manage' },
      schema: { tags, summary: '删除共性问题（未被通报、整治、提示或会商引用时）', params: ZIdParam },
    },
    async (req, reply) => {
      await deleteProblem(d, ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/recipient-candidates',
    {
      config: { permission: 'governance:read' },
      schema: {
        tags,
        summary: '可选接收对象（分管领导账号、主管部门）',
        querystring: ZRecipientCandidateQuery,
        response: { 200: ZRecipientCandidateList },
      },
    },
    (req) => recipientCandidates(d, ctxOf(req), req.query),
  );

  // ------------------------------------------------------------ bulletins (分类通报)
  r.get(
    '/api/bulletins',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '分类通报', querystring: ZBulletinListQuery, response: { 200: ZBulletinList } },
    },
    (req) => listBulletins(d, ctxOf(req), req.query),
  );
  // Both `/api/bulletins/:id` and `/api/bulletins/:id.docx` are registered: the router tells them
  // apart by the static suffix (a test requests both).
  r.get(
    '/api/bulletins/:id.docx',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '分类通报（.docx，公文格式）', params: ZIdParam },
    },
    async (req, reply) => sendDocx(reply, await officeBulletinDocx(d, ctxOf(req), req.params.id)),
  );
  r.get(
    '/api/bulletins/:id',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '分类通报详情', params: ZIdParam, response: { 200: ZBulletin } },
    },
    (req) => getBulletin(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/bulletins',
    {
      config: { permission: 'governance:manage' },
      schema: { tags, summary: '起草分类通报', body: ZBulletinCreate, response: { 201: ZBulletin } },
    },
    async (req, reply) => reply.status(201).send(await createBulletin(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/bulletins/:id',
    {
      config: { permission: 'governance:manage' },
      schema: { tags, summary: '修改通报草稿', params: ZIdParam, body: ZBulletinUpdate, response: { 200: ZBulletin } },
    },
    (req) => updateBulletin(d, ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/bulletins/:id',
    {
      config: { permission: 'governance:manage' },
      schema: { tags, summary: '删除通报草稿', params: ZIdParam },
    },
    async (req, reply) => {
      await deleteBulletin(d, ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/bulletins/:id/move',
    {
      config: { permission: 'governance:manage' },
      schema: {
        tags,
        summary: '审批（编号）、撤回审批或印发通报',
        params: ZIdParam,
        body: ZBulletinMove,
        response: { 200: ZBulletin },
      },
    },
    (req) => moveBulletin(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ the recipients' inbox
  r.get(
    '/api/inbox/summary',
    {
      config: { permission: 'recipient:answer' },
      schema: { tags, summary: '收件箱概况', response: { 200: ZInboxSummary } },
    },
    (req) => inboxSummary(d, ctxOf(req)),
  );
  r.get(
    '/api/inbox/bulletins',
    {
      config: { permission: 'recipient:answer' },
      schema: { tags, summary: '收到的分类通报', querystring: ZInboxBulletinQuery, response: { 200: ZBulletinList } },
    },
    (req) => listInboxBulletins(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/inbox/bulletins/:id.docx',
    {
      config: { permission: 'recipient:answer' },
      schema: { tags, summary: '收到的分类通报（.docx）', params: ZIdParam },
    },
    async (req, reply) => sendDocx(reply, await inboxBulletinDocx(d, ctxOf(req), req.params.id)),
  );
  r.get(
    '/api/inbox/bulletins/:id',
    {
      config: { permission: 'recipient:answer' },
      schema: { tags, summary: '阅读分类通报（首次打开记录已阅）', params: ZIdParam, response: { 200: ZBulletin } },
    },
    (req) => openInboxBulletin(d, ctxOf(req), req.params.id),
  );
}
