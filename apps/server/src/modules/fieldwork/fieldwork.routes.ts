import {
  ZActivity,
  ZActivityApprove,
  ZActivityCreate,
  ZActivityList,
  ZActivityListQuery,
  ZActivityUpdate,
  ZFieldworkFile,
  ZFieldworkSettingsResponse,
  ZFieldworkSettingsUpdate,
  ZFieldworkSummary,
  ZFinding,
  ZFindingCreate,
  ZFindingList,
  ZFindingListQuery,
  ZFindingUpdate,
  ZInspectionSummary,
  ZInterview,
  ZInterviewCreate,
  ZInterviewList,
  ZInterviewListQuery,
  ZInterviewUpdate,
  ZLibraryQuery,
  ZPaperFindingCreate,
  ZPaperReview,
  ZPhrase,
  ZPhraseCreate,
  ZPhraseList,
  ZPhraseListQuery,
  ZPhraseUpdate,
  ZRegulationCreate,
  ZRegulationList,
  ZRegulationListQuery,
  ZRegulationOut,
  ZRegulationUpdate,
  ZTaxonomyNode,
  ZTaxonomyNodeCreate,
  ZTaxonomyNodeUpdate,
  ZTaxonomyTree,
  ZVersionQuery,
  ZWorkingPaper,
  ZWorkingPaperCreate,
  ZWorkingPaperList,
  ZWorkingPaperListQuery,
  ZWorkingPaperUpdate,
  ZWorkingPaperVersionList,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { sendDownload, XLSX_MIME } from '../../platform/spreadsheets.ts';
import {
  approveActivity,
  createActivity,
  createInterview,
  deleteActivity,
  fieldworkFile,
  getInterview,
  interviewRecord,
  listActivities,
  listInterviews,
  updateActivity,
  updateInterview,
  uploadFieldworkFile,
  uploadInterviewRecord,
} from './fieldwork.activities.ts';
import { findingsXlsx, paperApprovalDocx } from './fieldwork.documents.ts';
import { createFinding, findingFromPaper, getFinding, listFindings, updateFinding } from './fieldwork.findings.ts';
import { hidden, sendFile, tags, ZIdParam } from './fieldwork.http.ts';
import {
  createPhrase,
  createRegulation,
  createTaxonomyNode,
  deletePhrase,
  deleteTaxonomyNode,
  getFieldworkSettings,
  getTaxonomy,
  listPhrases,
  listRegulations,
  putFieldworkSettings,
  updatePhrase,
  updateRegulation,
  updateTaxonomyNode,
} from './fieldwork.libraries.ts';
import { createPaper, getPaper, listPapers, paperVersions, reviewPaper, updatePaper } from './fieldwork.papers.ts';
import { reportingRoutes } from './fieldwork.reporting.routes.ts';
import { inspectionSummary, roundSummary, termSummary } from './fieldwork.summary.ts';

/**
 * 巡察实施与报告 (issue 11). Interviews, working papers, clues and the report are confidential: a
 * caller without the permission gets 404 (hideDenied), like an object out of scope. Every service
 * checks the caller's reach first: the team's own inspections for a team's people, the authority's
 * for the office (planning's visibleInspectionIds), and for clues also who the clue is about.
 * On site, working papers, findings, libraries and the figures are here; clues, the report and
 * the meetings in fieldwork.reporting.routes.ts.
 */
export async function fieldworkRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;

  // ------------------------------------------------------------ on site: interviews and activities
  r.get(
    '/api/inspections/:id/interviews',
    {
      config: hidden('interview:read'),
      schema: {
        tags,
        summary: '个别谈话列表',
        params: ZIdParam,
        querystring: ZInterviewListQuery,
        response: { 200: ZInterviewList },
      },
    },
    (req) => listInterviews(d, ctxOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/inspections/:id/interviews',
    {
      config: hidden('fieldwork:write'),
      schema: {
        tags,
        summary: '记录个别谈话（两名以上巡察人员）',
        params: ZIdParam,
        body: ZInterviewCreate,
        response: { 201: ZInterview },
      },
    },
    async (req, reply) => reply.status(201).send(await createInterview(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/interviews/:id',
    {
      config: hidden('interview:read'),
      schema: { tags, summary: '谈话详情（含谈话记录，留痕）', params: ZIdParam, response: { 200: ZInterview } },
    },
    (req) => getInterview(d, ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/interviews/:id',
    {
      config: hidden('fieldwork:write'),
      schema: {
        tags,
        summary: '修改谈话记录',
        params: ZIdParam,
        body: ZInterviewUpdate,
        response: { 200: ZInterview },
      },
    },
    (req) => updateInterview(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/interviews/:id/record',
    {
      config: hidden('fieldwork:write'),
      schema: {
        tags,
        summary: '上传谈话人签字的谈话笔录扫描件（multipart，字段 file）',
        params: ZIdParam,
        response: { 200: ZInterview },
      },
    },
    (req) => uploadInterviewRecord(d, ctxOf(req), req.params.id, req),
  );
  r.get(
    '/api/interviews/:id/record',
    {
      config: hidden('interview:read'),
      schema: { tags, summary: '下载签字的谈话笔录扫描件（留痕）', params: ZIdParam },
    },
    async (req, reply) => sendFile(reply, await interviewRecord(d, ctxOf(req), req.params.id)),
  );

  r.get(
    '/api/inspections/:id/activities',
    {
      config: { permission: 'fieldwork:read' },
      schema: {
        tags,
        summary: '巡察活动（调阅、走访、座谈、列席、汇报、暗访）',
        params: ZIdParam,
        querystring: ZActivityListQuery,
        response: { 200: ZActivityList },
      },
    },
    (req) => listActivities(d, ctxOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/inspections/:id/activities',
    {
      config: { permission: 'fieldwork:write' },
      schema: { tags, summary: '记录巡察活动', params: ZIdParam, body: ZActivityCreate, response: { 201: ZActivity } },
    },
    async (req, reply) => reply.status(201).send(await createActivity(d, ctxOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/activities/:id',
    {
      config: { permission: 'fieldwork:write' },
      schema: { tags, summary: '修改巡察活动', params: ZIdParam, body: ZActivityUpdate, response: { 200: ZActivity } },
    },
    (req) => updateActivity(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/activities/:id/approve',
    {
      config: { permission: 'fieldwork:write' },
      schema: { tags, summary: '组长批准暗访', params: ZIdParam, body: ZActivityApprove, response: { 200: ZActivity } },
    },
    (req) => approveActivity(d, ctxOf(req), req.params.id, req.body.version),
  );
  r.delete(
    '/api/activities/:id',
    {
      config: { permission: 'fieldwork:write' },
      schema: { tags, summary: '删除巡察活动', params: ZIdParam, querystring: ZVersionQuery },
    },
    async (req, reply) => {
      await deleteActivity(d, ctxOf(req), req.params.id, req.query.version);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/inspections/:id/summary',
    {
      config: { permission: 'fieldwork:read' },
      schema: {
        tags,
        summary: '巡察工作量统计（均由记录计算）',
        params: ZIdParam,
        response: { 200: ZInspectionSummary },
      },
    },
    (req) => inspectionSummary(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inspections/:id/fieldwork-files',
    {
      config: hidden('fieldwork:write'),
      schema: {
        tags,
        summary: '上传证据材料（multipart，字段 file；加密保存）',
        params: ZIdParam,
        response: { 201: ZFieldworkFile },
      },
    },
    async (req, reply) => reply.status(201).send(await uploadFieldworkFile(d, ctxOf(req), req.params.id, req)),
  );
  r.get(
    '/api/fieldwork-files/:id',
    { config: hidden('fieldwork:read'), schema: { tags, summary: '下载证据材料（留痕）', params: ZIdParam } },
    async (req, reply) => sendFile(reply, await fieldworkFile(d, ctxOf(req), req.params.id)),
  );

  // ------------------------------------------------------------ working papers (问题底稿) and 三审
  r.get(
    '/api/inspections/:id/working-papers',
    {
      config: hidden('fieldwork:read'),
      schema: {
        tags,
        summary: '问题底稿列表',
        params: ZIdParam,
        querystring: ZWorkingPaperListQuery,
        response: { 200: ZWorkingPaperList },
      },
    },
    (req) => listPapers(d, ctxOf(req), { ...req.query, inspectionId: req.params.id }),
  );
  r.get(
    '/api/working-papers',
    {
      config: hidden('fieldwork:read'),
      schema: {
        tags,
        summary: '我能看到的问题底稿（pendingForMe=true：待我审核）',
        querystring: ZWorkingPaperListQuery,
        response: { 200: ZWorkingPaperList },
      },
    },
    (req) => listPapers(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/inspections/:id/working-papers',
    {
      config: hidden('fieldwork:write'),
      schema: {
        tags,
        summary: '撰写问题底稿（按编号规则编号）',
        params: ZIdParam,
        body: ZWorkingPaperCreate,
        response: { 201: ZWorkingPaper },
      },
    },
    async (req, reply) => reply.status(201).send(await createPaper(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/working-papers/:id',
    {
      config: hidden('fieldwork:read'),
      schema: { tags, summary: '问题底稿详情', params: ZIdParam, response: { 200: ZWorkingPaper } },
    },
    (req) => getPaper(d, ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/working-papers/:id',
    {
      config: hidden('fieldwork:write'),
      schema: {
        tags,
        summary: '修改问题底稿（保留修改前版本）',
        params: ZIdParam,
        body: ZWorkingPaperUpdate,
        response: { 200: ZWorkingPaper },
      },
    },
    (req) => updatePaper(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/working-papers/:id/review',
    {
      config: hidden('paper:review'),
      schema: {
        tags,
        summary: '三审：提交、审核通过或退回',
        params: ZIdParam,
        body: ZPaperReview,
        response: { 200: ZWorkingPaper },
      },
    },
    (req) => reviewPaper(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/working-papers/:id/versions',
    {
      config: hidden('fieldwork:read'),
      schema: { tags, summary: '底稿的历史版本', params: ZIdParam, response: { 200: ZWorkingPaperVersionList } },
    },
    (req) => paperVersions(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/working-papers/:id/approval.docx',
    {
      config: { ...hidden('fieldwork:read'), reauth: true },
      schema: { tags, summary: '问题底稿审批单（.docx）', params: ZIdParam },
    },
    async (req, reply) =>
      sendFile(reply, { mime: DOCX_MIME, ...(await paperApprovalDocx(d, ctxOf(req), req.params.id)) }),
  );
  r.post(
    '/api/working-papers/:id/finding',
    {
      config: hidden('finding:write'),
      schema: {
        tags,
        summary: '已审定的底稿转为问题（一次）',
        params: ZIdParam,
        body: ZPaperFindingCreate,
        response: { 201: ZFinding },
      },
    },
    async (req, reply) => reply.status(201).send(await findingFromPaper(d, ctxOf(req), req.params.id, req.body)),
  );

  // ------------------------------------------------------------ findings (问题)
  r.get(
    '/api/findings',
    {
      config: { permission: 'fieldwork:read' },
      schema: { tags, summary: '问题列表（跨巡察）', querystring: ZFindingListQuery, response: { 200: ZFindingList } },
    },
    (req) => listFindings(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/findings.xlsx',
    {
      config: { permission: 'report:export', reauth: true },
      schema: {
        tags,
        summary: '导出问题清单（当前筛选）',
        querystring: ZFindingListQuery.omit({ limit: true, cursor: true }),
      },
    },
    async (req, reply) => {
      const f = await findingsXlsx(d, ctxOf(req), req.query);
      return sendDownload(reply, XLSX_MIME, f.name, f.data);
    },
  );
  r.get(
    '/api/findings/:id',
    {
      config: { permission: 'fieldwork:read' },
      schema: { tags, summary: '问题详情', params: ZIdParam, response: { 200: ZFinding } },
    },
    (req) => getFinding(d, ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/findings/:id',
    {
      config: { permission: 'finding:write' },
      schema: {
        tags,
        summary: '修改问题及其分类',
        params: ZIdParam,
        body: ZFindingUpdate,
        response: { 200: ZFinding },
      },
    },
    (req) => updateFinding(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/findings',
    {
      config: { permission: 'finding:write' },
      schema: {
        tags,
        summary: '直接录入问题（组长）或录入历史台账问题（巡察办）',
        params: ZIdParam,
        body: ZFindingCreate,
        response: { 201: ZFinding },
      },
    },
    async (req, reply) => reply.status(201).send(await createFinding(d, ctxOf(req), req.params.id, req.body)),
  );

  // ------------------------------------------------------------ libraries (per authority)
  r.get(
    '/api/regulations',
    {
      config: { permission: 'fieldwork:read' },
      schema: { tags, summary: '定性依据库', querystring: ZRegulationListQuery, response: { 200: ZRegulationList } },
    },
    (req) => listRegulations(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/regulations',
    {
      config: { permission: 'library:manage' },
      schema: {
        tags,
        summary: '新增定性依据',
        querystring: ZLibraryQuery,
        body: ZRegulationCreate,
        response: { 201: ZRegulationOut },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createRegulation(d, ctxOf(req), req.query.authorityId, req.body)),
  );
  r.patch(
    '/api/regulations/:id',
    {
      config: { permission: 'library:manage' },
      schema: {
        tags,
        summary: '修改定性依据',
        params: ZIdParam,
        body: ZRegulationUpdate,
        response: { 200: ZRegulationOut },
      },
    },
    (req) => updateRegulation(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/taxonomy',
    {
      config: { permission: 'fieldwork:read' },
      schema: { tags, summary: '问题分类树', querystring: ZLibraryQuery, response: { 200: ZTaxonomyTree } },
    },
    (req) => getTaxonomy(d, ctxOf(req), req.query.authorityId),
  );
  r.post(
    '/api/taxonomy-nodes',
    {
      config: { permission: 'library:manage' },
      schema: {
        tags,
        summary: '新增问题分类',
        querystring: ZLibraryQuery,
        body: ZTaxonomyNodeCreate,
        response: { 201: ZTaxonomyNode },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createTaxonomyNode(d, ctxOf(req), req.query.authorityId, req.body)),
  );
  r.patch(
    '/api/taxonomy-nodes/:id',
    {
      config: { permission: 'library:manage' },
      schema: {
        tags,
        summary: '修改或移动问题分类',
        params: ZIdParam,
        body: ZTaxonomyNodeUpdate,
        response: { 200: ZTaxonomyNode },
      },
    },
    (req) => updateTaxonomyNode(d, ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/taxonomy-nodes/:id',
    {
      config: { permission: 'library:manage' },
      schema: { tags, summary: '删除问题分类（未使用的末级）', params: ZIdParam, querystring: ZVersionQuery },
    },
    async (req, reply) => {
      await deleteTaxonomyNode(d, ctxOf(req), req.params.id, req.query.version);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/phrases',
    {
      config: { permission: 'fieldwork:read' },
      schema: {
        tags,
        summary: '问题语言库和建议语言库',
        querystring: ZPhraseListQuery,
        response: { 200: ZPhraseList },
      },
    },
    (req) => listPhrases(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/phrases',
    {
      config: { permission: 'library:manage' },
      schema: {
        tags,
        summary: '新增语句',
        querystring: ZLibraryQuery,
        body: ZPhraseCreate,
        response: { 201: ZPhrase },
      },
    },
    async (req, reply) => reply.status(201).send(await createPhrase(d, ctxOf(req), req.query.authorityId, req.body)),
  );
  r.patch(
    '/api/phrases/:id',
    {
      config: { permission: 'library:manage' },
      schema: { tags, summary: '修改语句', params: ZIdParam, body: ZPhraseUpdate, response: { 200: ZPhrase } },
    },
    (req) => updatePhrase(d, ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/phrases/:id',
    {
      config: { permission: 'library:manage' },
      schema: { tags, summary: '删除语句', params: ZIdParam, querystring: ZVersionQuery },
    },
    async (req, reply) => {
      await deletePhrase(d, ctxOf(req), req.params.id, req.query.version);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/authorities/:id/fieldwork-settings',
    {
      config: { permission: 'fieldwork:read' },
      schema: {
        tags,
        summary: '巡察实施设置（底稿编号、线索接收单位、提醒）',
        params: ZIdParam,
        response: { 200: ZFieldworkSettingsResponse },
      },
    },
    (req) => getFieldworkSettings(d, ctxOf(req), req.params.id),
  );
  r.put(
    '/api/authorities/:id/fieldwork-settings',
    {
      config: { permission: 'library:manage' },
      schema: {
        tags,
        summary: '保存巡察实施设置',
        params: ZIdParam,
        body: ZFieldworkSettingsUpdate,
        response: { 200: ZFieldworkSettingsResponse },
      },
    },
    (req) => putFieldworkSettings(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ figures of a round and a term
  r.get(
    '/api/rounds/:id/fieldwork-summary',
    {
      config: { permission: 'fieldwork:read' },
      schema: { tags, summary: '轮次的巡察工作统计', params: ZIdParam, response: { 200: ZFieldworkSummary } },
    },
    (req) => roundSummary(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/terms/:id/fieldwork-summary',
    {
      config: { permission: 'fieldwork:read' },
      schema: {
        tags,
        summary: '届期的巡察工作统计（发现问题、移交线索、会议）',
        params: ZIdParam,
        response: { 200: ZFieldworkSummary },
      },
    },
    (req) => termSummary(d, ctxOf(req), req.params.id),
  );

  await reportingRoutes(app);
}
