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
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
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

/**
 * 共性问题 and 分类通报 (issue 13, contract section A): the office's pages (governance:read to read,
 * governance:manage to write, bulletin:approve to approve or withdraw) and the recipients' inbox
 * (recipient:answer: only sent bulletins addressed to the caller). Every service checks the
 * caller's reach first; a record out of reach answers 404.
 */
export async function governanceProblemsRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['governance']);
  const d = app.deps;
  const read = { permission: 'governance:read' as const };
  const manage = { permission: 'governance:manage' as const };
  const inbox = { permission: 'recipient:answer' as const };

  // ------------------------------------------------------------ common problems (共性问题)
  route.get(
    '/api/common-problems/candidates',
    read,
    {
      summary: '共性问题候选（按领域和问题类型归并）',
      querystring: ZCommonProblemCandidateQuery,
      response: { 200: ZCommonProblemCandidateList },
    },
    (req) => listCandidates(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/governance/findings',
    read,
    {
      summary: '按编号查看问题（共性问题的组成）',
      querystring: ZFindingRefsQuery,
      response: { 200: ZGovernanceFindingRefList },
    },
    (req) => findingRefs(d, ctxOf(req), req.query.ids),
  );
  route.get(
    '/api/common-problems',
    read,
    { summary: '共性问题', querystring: ZCommonProblemListQuery, response: { 200: ZCommonProblemList } },
    (req) => listProblems(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/common-problems/:id',
    read,
    { summary: '共性问题详情', params: ZIdParam, response: { 200: ZCommonProblem } },
    (req) => getProblem(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/common-problems',
    manage,
    { summary: '确认共性问题', body: ZCommonProblemConfirm, response: { 201: ZCommonProblem } },
    (req) => confirmProblem(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/common-problems/:id',
    manage,
    { summary: '修改共性问题', params: ZIdParam, body: ZCommonProblemUpdate, response: { 200: ZCommonProblem } },
    (req) => updateProblem(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete(
    '/api/common-problems/:id',
    manage,
    {
      summary: '删除共性问题（未被通报、整治、提示或会商引用时）',
      params: ZIdParam,
      response: { 204: z.null() },
    },
    async (req) => {
      await deleteProblem(d, ctxOf(req), req.params.id);
    },
  );
  route.get(
    '/api/recipient-candidates',
    read,
    {
      summary: '可选接收对象（分管领导账号、主管部门）',
      querystring: ZRecipientCandidateQuery,
      response: { 200: ZRecipientCandidateList },
    },
    (req) => recipientCandidates(d, ctxOf(req), req.query),
  );

  // ------------------------------------------------------------ bulletins (分类通报)
  route.get(
    '/api/bulletins',
    read,
    { summary: '分类通报', querystring: ZBulletinListQuery, response: { 200: ZBulletinList } },
    (req) => listBulletins(d, ctxOf(req), req.query),
  );
  // Both `/api/bulletins/:id` and `/api/bulletins/:id.docx` are registered: the router tells them
  // apart by the static suffix (a test requests both).
  route.download('/api/bulletins/:id.docx', read, { summary: '分类通报（.docx，公文格式）', params: ZIdParam }, (req) =>
    officeBulletinDocx(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/bulletins/:id',
    read,
    { summary: '分类通报详情', params: ZIdParam, response: { 200: ZBulletin } },
    (req) => getBulletin(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/bulletins',
    manage,
    { summary: '起草分类通报', body: ZBulletinCreate, response: { 201: ZBulletin } },
    (req) => createBulletin(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/bulletins/:id',
    manage,
    { summary: '修改通报草稿', params: ZIdParam, body: ZBulletinUpdate, response: { 200: ZBulletin } },
    (req) => updateBulletin(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete(
    '/api/bulletins/:id',
    manage,
    { summary: '删除通报草稿', params: ZIdParam, response: { 204: z.null() } },
    async (req) => {
      await deleteBulletin(d, ctxOf(req), req.params.id);
    },
  );
  route.post(
    '/api/bulletins/:id/move',
    manage,
    {
      summary: '审批（编号）、撤回审批或印发通报',
      params: ZIdParam,
      body: ZBulletinMove,
      response: { 200: ZBulletin },
    },
    (req) => moveBulletin(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ the recipients' inbox
  route.get('/api/inbox/summary', inbox, { summary: '收件箱概况', response: { 200: ZInboxSummary } }, (req) =>
    inboxSummary(d, ctxOf(req)),
  );
  route.get(
    '/api/inbox/bulletins',
    inbox,
    { summary: '收到的分类通报', querystring: ZInboxBulletinQuery, response: { 200: ZBulletinList } },
    (req) => listInboxBulletins(d, ctxOf(req), req.query),
  );
  route.download(
    '/api/inbox/bulletins/:id.docx',
    inbox,
    { summary: '收到的分类通报（.docx）', params: ZIdParam },
    (req) => inboxBulletinDocx(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/inbox/bulletins/:id',
    inbox,
    { summary: '阅读分类通报（首次打开记录已阅）', params: ZIdParam, response: { 200: ZBulletin } },
    (req) => openInboxBulletin(d, ctxOf(req), req.params.id),
  );
}
