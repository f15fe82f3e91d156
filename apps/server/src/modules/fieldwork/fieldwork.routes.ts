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
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
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
import { hidden, tags } from './fieldwork.http.ts';
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
  const route = routesOf(app, tags);
  const d = app.deps;

  // ------------------------------------------------------------ on site: interviews and activities
  route.get(
    '/api/inspections/:id/interviews',
    hidden('interview:read'),
    { summary: '个别谈话列表', params: ZIdParam, querystring: ZInterviewListQuery, response: { 200: ZInterviewList } },
    (req) => listInterviews(d, ctxOf(req), req.params.id, req.query),
  );
  route.post(
    '/api/inspections/:id/interviews',
    hidden('fieldwork:write'),
    {
      summary: '记录个别谈话（两名以上巡察人员）',
      params: ZIdParam,
      body: ZInterviewCreate,
      response: { 201: ZInterview },
    },
    (req) => createInterview(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/interviews/:id',
    hidden('interview:read'),
    { summary: '谈话详情（含谈话记录，留痕）', params: ZIdParam, response: { 200: ZInterview } },
    (req) => getInterview(d, ctxOf(req), req.params.id),
  );
  route.patch(
    '/api/interviews/:id',
    hidden('fieldwork:write'),
    { summary: '修改谈话记录', params: ZIdParam, body: ZInterviewUpdate, response: { 200: ZInterview } },
    (req) => updateInterview(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/interviews/:id/record',
    hidden('fieldwork:write'),
    {
      summary: '上传谈话人签字的谈话笔录扫描件（multipart，字段 file）',
      params: ZIdParam,
      response: { 200: ZInterview },
    },
    (req) => uploadInterviewRecord(d, ctxOf(req), req.params.id, req),
  );
  route.upload(
    '/api/interviews/:id/record',
    hidden('interview:read'),
    { summary: '下载签字的谈话笔录扫描件（留痕）', params: ZIdParam },
    (req) => interviewRecord(d, ctxOf(req), req.params.id),
  );

  route.get(
    '/api/inspections/:id/activities',
    { permission: 'fieldwork:read' },
    {
      summary: '巡察活动（调阅、走访、座谈、列席、汇报、暗访）',
      params: ZIdParam,
      querystring: ZActivityListQuery,
      response: { 200: ZActivityList },
    },
    (req) => listActivities(d, ctxOf(req), req.params.id, req.query),
  );
  route.post(
    '/api/inspections/:id/activities',
    { permission: 'fieldwork:write' },
    { summary: '记录巡察活动', params: ZIdParam, body: ZActivityCreate, response: { 201: ZActivity } },
    (req) => createActivity(d, ctxOf(req), req.params.id, req.body),
  );
  route.patch(
    '/api/activities/:id',
    { permission: 'fieldwork:write' },
    { summary: '修改巡察活动', params: ZIdParam, body: ZActivityUpdate, response: { 200: ZActivity } },
    (req) => updateActivity(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/activities/:id/approve',
    { permission: 'fieldwork:write' },
    { summary: '组长批准暗访', params: ZIdParam, body: ZActivityApprove, response: { 200: ZActivity } },
    (req) => approveActivity(d, ctxOf(req), req.params.id, req.body.version),
  );
  route.delete(
    '/api/activities/:id',
    { permission: 'fieldwork:write' },
    { summary: '删除巡察活动', params: ZIdParam, querystring: ZVersionQuery, response: { 204: z.null() } },
    async (req) => {
      await deleteActivity(d, ctxOf(req), req.params.id, req.query.version);
    },
  );
  route.get(
    '/api/inspections/:id/summary',
    { permission: 'fieldwork:read' },
    { summary: '巡察工作量统计（均由记录计算）', params: ZIdParam, response: { 200: ZInspectionSummary } },
    (req) => inspectionSummary(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspections/:id/fieldwork-files',
    hidden('fieldwork:write'),
    { summary: '上传证据材料（multipart，字段 file；加密保存）', params: ZIdParam, response: { 201: ZFieldworkFile } },
    (req) => uploadFieldworkFile(d, ctxOf(req), req.params.id, req),
  );
  route.upload(
    '/api/fieldwork-files/:id',
    hidden('fieldwork:read'),
    { summary: '下载证据材料（留痕）', params: ZIdParam },
    (req) => fieldworkFile(d, ctxOf(req), req.params.id),
  );

  // ------------------------------------------------------------ working papers (问题底稿) and 三审
  route.get(
    '/api/inspections/:id/working-papers',
    hidden('fieldwork:read'),
    {
      summary: '问题底稿列表',
      params: ZIdParam,
      querystring: ZWorkingPaperListQuery,
      response: { 200: ZWorkingPaperList },
    },
    (req) => listPapers(d, ctxOf(req), { ...req.query, inspectionId: req.params.id }),
  );
  route.get(
    '/api/working-papers',
    hidden('fieldwork:read'),
    {
      summary: '我能看到的问题底稿（pendingForMe=true：待我审核）',
      querystring: ZWorkingPaperListQuery,
      response: { 200: ZWorkingPaperList },
    },
    (req) => listPapers(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/inspections/:id/working-papers',
    hidden('fieldwork:write'),
    {
      summary: '撰写问题底稿（按编号规则编号）',
      params: ZIdParam,
      body: ZWorkingPaperCreate,
      response: { 201: ZWorkingPaper },
    },
    (req) => createPaper(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/working-papers/:id',
    hidden('fieldwork:read'),
    { summary: '问题底稿详情', params: ZIdParam, response: { 200: ZWorkingPaper } },
    (req) => getPaper(d, ctxOf(req), req.params.id),
  );
  route.patch(
    '/api/working-papers/:id',
    hidden('fieldwork:write'),
    {
      summary: '修改问题底稿（保留修改前版本）',
      params: ZIdParam,
      body: ZWorkingPaperUpdate,
      response: { 200: ZWorkingPaper },
    },
    (req) => updatePaper(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/working-papers/:id/review',
    hidden('paper:review'),
    { summary: '三审：提交、审核通过或退回', params: ZIdParam, body: ZPaperReview, response: { 200: ZWorkingPaper } },
    (req) => reviewPaper(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/working-papers/:id/versions',
    hidden('fieldwork:read'),
    { summary: '底稿的历史版本', params: ZIdParam, response: { 200: ZWorkingPaperVersionList } },
    (req) => paperVersions(d, ctxOf(req), req.params.id),
  );
  // A generated document of a confidential object leaves like an uploaded file (nosniff, sandbox, no-store).
  route.upload(
    '/api/working-papers/:id/approval.docx',
    { ...hidden('fieldwork:read'), reauth: true },
    { summary: '问题底稿审批单（.docx）', params: ZIdParam },
    async (req) => ({ mime: DOCX_MIME, ...(await paperApprovalDocx(d, ctxOf(req), req.params.id)) }),
  );
  route.post(
    '/api/working-papers/:id/finding',
    hidden('finding:write'),
    {
      summary: '已审定的底稿转为问题（一次）',
      params: ZIdParam,
      body: ZPaperFindingCreate,
      response: { 201: ZFinding },
    },
    (req) => findingFromPaper(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ findings (问题)
  route.get(
    '/api/findings',
    { permission: 'fieldwork:read' },
    { summary: '问题列表（跨巡察）', querystring: ZFindingListQuery, response: { 200: ZFindingList } },
    (req) => listFindings(d, ctxOf(req), req.query),
  );
  route.download(
    '/api/findings.xlsx',
    { permission: 'report:export', reauth: true },
    { summary: '导出问题清单（当前筛选）', querystring: ZFindingListQuery.omit({ limit: true, cursor: true }) },
    (req) => findingsXlsx(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/findings/:id',
    { permission: 'fieldwork:read' },
    { summary: '问题详情', params: ZIdParam, response: { 200: ZFinding } },
    (req) => getFinding(d, ctxOf(req), req.params.id),
  );
  route.patch(
    '/api/findings/:id',
    { permission: 'finding:write' },
    { summary: '修改问题及其分类', params: ZIdParam, body: ZFindingUpdate, response: { 200: ZFinding } },
    (req) => updateFinding(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/inspections/:id/findings',
    { permission: 'finding:write' },
    {
      summary: '直接录入问题（组长）或录入历史台账问题（巡察办）',
      params: ZIdParam,
      body: ZFindingCreate,
      response: { 201: ZFinding },
    },
    (req) => createFinding(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ libraries (per authority)
  route.get(
    '/api/regulations',
    { permission: 'fieldwork:read' },
    { summary: '定性依据库', querystring: ZRegulationListQuery, response: { 200: ZRegulationList } },
    (req) => listRegulations(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/regulations',
    { permission: 'library:manage' },
    { summary: '新增定性依据', querystring: ZLibraryQuery, body: ZRegulationCreate, response: { 201: ZRegulationOut } },
    (req) => createRegulation(d, ctxOf(req), req.query.authorityId, req.body),
  );
  route.patch(
    '/api/regulations/:id',
    { permission: 'library:manage' },
    { summary: '修改定性依据', params: ZIdParam, body: ZRegulationUpdate, response: { 200: ZRegulationOut } },
    (req) => updateRegulation(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/taxonomy',
    { permission: 'fieldwork:read' },
    { summary: '问题分类树', querystring: ZLibraryQuery, response: { 200: ZTaxonomyTree } },
    (req) => getTaxonomy(d, ctxOf(req), req.query.authorityId),
  );
  route.post(
    '/api/taxonomy-nodes',
    { permission: 'library:manage' },
    {
      summary: '新增问题分类',
      querystring: ZLibraryQuery,
      body: ZTaxonomyNodeCreate,
      response: { 201: ZTaxonomyNode },
    },
    (req) => createTaxonomyNode(d, ctxOf(req), req.query.authorityId, req.body),
  );
  route.patch(
    '/api/taxonomy-nodes/:id',
    { permission: 'library:manage' },
    { summary: '修改或移动问题分类', params: ZIdParam, body: ZTaxonomyNodeUpdate, response: { 200: ZTaxonomyNode } },
    (req) => updateTaxonomyNode(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete(
    '/api/taxonomy-nodes/:id',
    { permission: 'library:manage' },
    {
      summary: '删除问题分类（未使用的末级）',
      params: ZIdParam,
      querystring: ZVersionQuery,
      response: { 204: z.null() },
    },
    async (req) => {
      await deleteTaxonomyNode(d, ctxOf(req), req.params.id, req.query.version);
    },
  );
  route.get(
    '/api/phrases',
    { permission: 'fieldwork:read' },
    { summary: '问题语言库和建议语言库', querystring: ZPhraseListQuery, response: { 200: ZPhraseList } },
    (req) => listPhrases(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/phrases',
    { permission: 'library:manage' },
    { summary: '新增语句', querystring: ZLibraryQuery, body: ZPhraseCreate, response: { 201: ZPhrase } },
    (req) => createPhrase(d, ctxOf(req), req.query.authorityId, req.body),
  );
  route.patch(
    '/api/phrases/:id',
    { permission: 'library:manage' },
    { summary: '修改语句', params: ZIdParam, body: ZPhraseUpdate, response: { 200: ZPhrase } },
    (req) => updatePhrase(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete(
    '/api/phrases/:id',
    { permission: 'library:manage' },
    { summary: '删除语句', params: ZIdParam, querystring: ZVersionQuery, response: { 204: z.null() } },
    async (req) => {
      await deletePhrase(d, ctxOf(req), req.params.id, req.query.version);
    },
  );
  route.get(
    '/api/authorities/:id/fieldwork-settings',
    { permission: 'fieldwork:read' },
    {
      summary: '巡察实施设置（底稿编号、线索接收单位、提醒）',
      params: ZIdParam,
      response: { 200: ZFieldworkSettingsResponse },
    },
    (req) => getFieldworkSettings(d, ctxOf(req), req.params.id),
  );
  route.put(
    '/api/authorities/:id/fieldwork-settings',
    { permission: 'library:manage' },
    {
      summary: '保存巡察实施设置',
      params: ZIdParam,
      body: ZFieldworkSettingsUpdate,
      response: { 200: ZFieldworkSettingsResponse },
    },
    (req) => putFieldworkSettings(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ figures of a round and a term
  route.get(
    '/api/rounds/:id/fieldwork-summary',
    { permission: 'fieldwork:read' },
    { summary: '轮次的巡察工作统计', params: ZIdParam, response: { 200: ZFieldworkSummary } },
    (req) => roundSummary(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/terms/:id/fieldwork-summary',
    { permission: 'fieldwork:read' },
    {
      summary: '届期的巡察工作统计（发现问题、移交线索、会议）',
      params: ZIdParam,
      response: { 200: ZFieldworkSummary },
    },
    (req) => termSummary(d, ctxOf(req), req.params.id),
  );

  await reportingRoutes(app);
}
