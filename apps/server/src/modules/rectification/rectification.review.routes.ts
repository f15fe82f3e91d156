import {
  ZDemocraticLifeMeeting,
  ZDemocraticLifeMeetingCreate,
  ZDemocraticLifeMeetingList,
  ZEvaluationConclude,
  ZEvaluationDeductions,
  ZEvaluationList,
  ZEvaluationReopen,
  ZJointReview,
  ZJointReviewDetail,
  ZPlanStatus,
  ZPlanStatusList,
  ZPlanSubmit,
  ZPublicationApprove,
  ZPublicationBatchCreate,
  ZPublicationBatchList,
  ZPublicationBatchListQuery,
  ZPublicationBatchOut,
  ZPublicationEntryPatch,
  ZPublicationItemPatch,
  ZPublicationPublish,
  ZPublicNotice,
  ZRecheckSubmit,
  ZRecheckView,
  ZRectificationOrgQuery,
  ZRectificationReport,
  ZRectificationReportCreate,
  ZRectificationReportList,
  ZRectificationReportUpdate,
  ZRectificationSettingsResponse,
  ZRectificationSettingsUpdate,
  ZReportSubmit,
  ZReviewPartyMemberSet,
  ZReviewPartyRoster,
  ZReviewQueue,
  ZReviewQueueQuery,
  ZReviewRatingCreate,
  ZSatisfactionSurveyCreate,
  ZSatisfactionSurveyList,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { publicRoute } from '../../platform/public.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
import {
  concludeEvaluation,
  issueSurveys,
  listEvaluations,
  rateEvaluation,
  reopenEvaluation,
} from './rectification.evaluation.ts';
import { publicNotice } from './rectification.public.ts';
import {
  approveBatch,
  createBatch,
  getBatch,
  listBatches,
  patchEntry,
  patchItem,
  publishBatch,
} from './rectification.publication.ts';
import { recheckView, submitRechecks } from './rectification.rechecks.ts';
import {
  createMeeting,
  createReport,
  getReviewDetail,
  listMeetings,
  listReports,
  submitReport,
  updateReport,
  uploadReportFile,
} from './rectification.reports.ts';
import { loadReview, myPendingReviews, plansOf, rateReview, submitPlan } from './rectification.reviews.ts';
import {
  getRectificationSettings,
  getReviewRoster,
  setReviewPartyMember,
  updateRectificationSettings,
} from './rectification.settings.ts';

// Joint review, reports, evaluation, publication and 回头看: settings and the review group, the plan
// and the reports under joint review, the 专题民主生活会, the evaluation, publication and 回头看.

export async function rectificationReviewRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['rectification']);
  const publicRoutes = routesOf(app, ['public']);
  const d = app.deps;
  const read = { permission: 'rectification:read' as const };
  const write = { permission: 'rectification:write' as const };
  const supervise = { permission: 'rectification:supervise' as const };
  const publication = { permission: 'publication:manage' as const };
  const publicationApprove = { permission: 'publication:approve' as const };

  // ------------------------------------------------------------ settings and the review group
  route.get(
    '/api/authorities/:id/rectification-settings',
    read,
    { summary: '整改设置', params: ZIdParam, response: { 200: ZRectificationSettingsResponse } },
    (req) => getRectificationSettings(d, ctxOf(req), req.params.id),
  );
  route.put(
    '/api/authorities/:id/rectification-settings',
    supervise,
    {
      summary: '修改整改设置（联合会审单位、预警、进展报告间隔、评分表）',
      params: ZIdParam,
      body: ZRectificationSettingsUpdate,
      response: { 200: ZRectificationSettingsResponse },
    },
    (req) => updateRectificationSettings(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/authorities/:id/review-parties',
    read,
    { summary: '联合会审单位及其会审人员', params: ZIdParam, response: { 200: ZReviewPartyRoster } },
    (req) => getReviewRoster(d, ctxOf(req), req.params.id),
  );
  route.put(
    '/api/authorities/:id/review-parties/members',
    supervise,
    {
      summary: '设置会审人员所属的会审单位',
      params: ZIdParam,
      body: ZReviewPartyMemberSet,
      response: { 200: ZReviewPartyRoster },
    },
    (req) => setReviewPartyMember(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ the plan under joint review
  route.post(
    '/api/inspections/:id/plan/submit',
    write,
    { summary: '报送整改方案联合会审', params: ZIdParam, body: ZPlanSubmit, response: { 200: ZPlanStatus } },
    async (req) => (await submitPlan(d, ctxOf(req), req.params.id, req.body)) as z.infer<typeof ZPlanStatus>,
  );
  route.get(
    '/api/inspections/:id/plans',
    read,
    { summary: '各单位整改方案会审情况', params: ZIdParam, response: { 200: ZPlanStatusList } },
    (req) => plansOf(d, ctxOf(req), req.params.id),
  );

  // ------------------------------------------------------------ joint reviews
  route.get(
    '/api/joint-reviews/mine',
    { permission: 'review:rate' },
    { summary: '我的待会审事项', querystring: ZReviewQueueQuery, response: { 200: ZReviewQueue } },
    (req) => myPendingReviews(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/joint-reviews/:id',
    read,
    { summary: '联合会审详情', params: ZIdParam, response: { 200: ZJointReviewDetail } },
    (req) => getReviewDetail(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/joint-reviews/:id/ratings',
    { permission: 'review:rate' },
    {
      summary: '会审评定（好/中/差）',
      params: ZIdParam,
      body: ZReviewRatingCreate,
      response: { 200: ZJointReview.extend({ inspectionLabel: z.string(), canRate: z.array(z.string()) }) },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return rateReview(d, ctx, await loadReview(d, ctx, req.params.id), req.body);
    },
  );

  // ------------------------------------------------------------ reports and the 专题民主生活会
  route.post(
    '/api/inspections/:id/rectification-reports',
    write,
    {
      summary: '起草整改报告、主要负责人组织落实情况报告或持续整改进展报告',
      params: ZIdParam,
      body: ZRectificationReportCreate,
      response: { 201: ZRectificationReport },
    },
    (req) => createReport(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/inspections/:id/rectification-reports',
    read,
    {
      summary: '整改报告及报送时限',
      params: ZIdParam,
      querystring: ZRectificationOrgQuery,
      response: { 200: ZRectificationReportList },
    },
    (req) => listReports(d, ctxOf(req), req.params.id, req.query.orgId),
  );
  route.patch(
    '/api/rectification-reports/:id',
    write,
    {
      summary: '修改报告（起草中或退回修改）',
      params: ZIdParam,
      body: ZRectificationReportUpdate,
      response: { 200: ZRectificationReport },
    },
    (req) => updateReport(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/rectification-reports/:id/files',
    write,
    {
      summary: '上传报告附件（multipart，字段 file；起草中或退回修改时）',
      params: ZIdParam,
      response: { 201: ZRectificationReport },
    },
    (req) => uploadReportFile(d, ctxOf(req), req.params.id, req),
  );
  route.post(
    '/api/rectification-reports/:id/submit',
    write,
    { summary: '报送报告联合会审', params: ZIdParam, body: ZReportSubmit, response: { 200: ZRectificationReport } },
    (req) => submitReport(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/inspections/:id/democratic-life-meetings',
    write,
    {
      summary: '登记专题民主生活会',
      params: ZIdParam,
      body: ZDemocraticLifeMeetingCreate,
      response: { 201: ZDemocraticLifeMeeting },
    },
    (req) => createMeeting(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/inspections/:id/democratic-life-meetings',
    read,
    { summary: '专题民主生活会', params: ZIdParam, response: { 200: ZDemocraticLifeMeetingList } },
    (req) => listMeetings(d, ctxOf(req), req.params.id),
  );

  // ------------------------------------------------------------ evaluation
  route.get(
    '/api/inspections/:id/evaluation',
    read,
    { summary: '整改评估', params: ZIdParam, response: { 200: ZEvaluationList } },
    (req) => listEvaluations(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspections/:id/evaluation/ratings',
    { permission: 'evaluation:score' },
    {
      summary: '整改评估评分（巡察办、巡察组、社会评价）',
      params: ZIdParam,
      body: ZEvaluationDeductions,
      response: { 200: ZEvaluationList },
    },
    (req) => rateEvaluation(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/inspections/:id/evaluation/survey',
    supervise,
    {
      summary: '发起整改满意度测评',
      params: ZIdParam,
      body: ZSatisfactionSurveyCreate,
      response: { 200: ZSatisfactionSurveyList },
    },
    (req) => issueSurveys(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/inspections/:id/evaluation/conclude',
    supervise,
    {
      summary: '评定整改评估等次（全部单位评定后进入整改评估阶段）',
      params: ZIdParam,
      body: ZEvaluationConclude,
      response: { 200: ZEvaluationList },
    },
    (req) => concludeEvaluation(d, ctxOf(req), req.params.id, req.body),
  );

  route.post(
    '/api/inspections/:id/evaluation/reopen',
    { permission: 'rectification:approve' },
    {
      summary: '复评：重新开展某单位的整改评估（尚未公开的单位）',
      params: ZIdParam,
      body: ZEvaluationReopen,
      response: { 200: ZEvaluationList },
    },
    (req) => reopenEvaluation(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ publication (双公开)
  route.get(
    '/api/publication-batches',
    read,
    { summary: '公开批次', querystring: ZPublicationBatchListQuery, response: { 200: ZPublicationBatchList } },
    (req) => listBatches(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/publication-batches',
    publication,
    {
      summary: '新建公开批次（第N批；评估为差的单位延后公示）',
      body: ZPublicationBatchCreate,
      response: { 201: ZPublicationBatchOut },
    },
    (req) => createBatch(d, ctxOf(req), req.body),
  );
  route.get(
    '/api/publication-batches/:id',
    read,
    { summary: '公开批次详情', params: ZIdParam, response: { 200: ZPublicationBatchOut } },
    (req) => getBatch(d, ctxOf(req), req.params.id),
  );
  route.patch(
    '/api/publication-items/:id',
    publication,
    {
      summary: '社会公开版本不予公开某项（须选择法定情形）或恢复公开',
      params: ZIdParam,
      body: ZPublicationItemPatch,
      response: { 200: ZPublicationBatchOut },
    },
    (req) => patchItem(d, ctxOf(req), req.params.id, req.body),
  );
  route.patch(
    '/api/publication-entries/:id',
    publication,
    {
      summary: '延后公示（写明原因）或撤销延后',
      params: ZIdParam,
      body: ZPublicationEntryPatch,
      response: { 200: ZPublicationBatchOut },
    },
    (req) => patchEntry(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/publication-batches/:id/approve',
    publicationApprove,
    {
      summary: '审定党内通报或社会公开版本',
      params: ZIdParam,
      body: ZPublicationApprove,
      response: { 200: ZPublicationBatchOut },
    },
    (req) => approveBatch(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/publication-batches/:id/publish',
    publicationApprove,
    {
      summary: '公开本批次（巡察全部单位公开后进入结果公开阶段）',
      params: ZIdParam,
      body: ZPublicationPublish,
      response: { 200: ZPublicationBatchOut },
    },
    (req) => publishBatch(d, ctxOf(req), req.params.id, req.body),
  );
  publicRoutes.get(
    '/api/public/publication-batches/:id',
    publicRoute(d.config.publicRateLimitPerMinute),
    { summary: '巡察整改情况公开（公开页）', params: ZIdParam, response: { 200: ZPublicNotice } },
    (req) => publicNotice(d, req.params.id),
  );

  // ------------------------------------------------------------ 回头看
  route.get(
    '/api/inspections/:id/recheck',
    read,
    { summary: '“回头看”：上轮巡察问题及整改核查', params: ZIdParam, response: { 200: ZRecheckView } },
    (req) => recheckView(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspections/:id/recheck',
    { permission: 'recheck:write' },
    {
      summary: '登记“回头看”核查结果（不到位的转为本轮问题）',
      params: ZIdParam,
      body: ZRecheckSubmit,
      response: { 200: ZRecheckView },
    },
    (req) => submitRechecks(d, ctxOf(req), req.params.id, req.body),
  );
}
