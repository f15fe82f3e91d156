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
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { publicRoute } from '../../platform/public.ts';
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

export const tags = ['rectification'];
export const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });

export async function rectificationReviewRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;

  // ------------------------------------------------------------ settings and the review group
  r.get(
    '/api/authorities/:id/rectification-settings',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '整改设置', params: ZIdParam, response: { 200: ZRectificationSettingsResponse } },
    },
    (req) => getRectificationSettings(d, ctxOf(req), req.params.id),
  );
  r.put(
    '/api/authorities/:id/rectification-settings',
    {
      config: { permission: 'rectification:supervise' },
      schema: {
        tags,
        summary: '修改整改设置（联合会审单位、预警、进展报告间隔、评分表）',
        params: ZIdParam,
        body: ZRectificationSettingsUpdate,
        response: { 200: ZRectificationSettingsResponse },
      },
    },
    (req) => updateRectificationSettings(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/authorities/:id/review-parties',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '联合会审单位及其会审人员', params: ZIdParam, response: { 200: ZReviewPartyRoster } },
    },
    (req) => getReviewRoster(d, ctxOf(req), req.params.id),
  );
  r.put(
    '/api/authorities/:id/review-parties/members',
    {
      config: { permission: 'rectification:supervise' },
      schema: {
        tags,
        summary: '设置会审人员所属的会审单位',
        params: ZIdParam,
        body: ZReviewPartyMemberSet,
        response: { 200: ZReviewPartyRoster },
      },
    },
    (req) => setReviewPartyMember(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ the plan under joint review
  r.post(
    '/api/inspections/:id/plan/submit',
    {
      config: { permission: 'rectification:write' },
      schema: {
        tags,
        summary: '报送整改方案联合会审',
        params: ZIdParam,
        body: ZPlanSubmit,
        response: { 200: ZPlanStatus },
      },
    },
    async (req) => (await submitPlan(d, ctxOf(req), req.params.id, req.body)) as z.infer<typeof ZPlanStatus>,
  );
  r.get(
    '/api/inspections/:id/plans',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '各单位整改方案会审情况', params: ZIdParam, response: { 200: ZPlanStatusList } },
    },
    (req) => plansOf(d, ctxOf(req), req.params.id),
  );

  // ------------------------------------------------------------ joint reviews
  r.get(
    '/api/joint-reviews/mine',
    {
      config: { permission: 'review:rate' },
      schema: { tags, summary: '我的待会审事项', querystring: ZReviewQueueQuery, response: { 200: ZReviewQueue } },
    },
    (req) => myPendingReviews(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/joint-reviews/:id',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '联合会审详情', params: ZIdParam, response: { 200: ZJointReviewDetail } },
    },
    (req) => getReviewDetail(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/joint-reviews/:id/ratings',
    {
      config: { permission: 'review:rate' },
      schema: {
        tags,
        summary: '会审评定（好/中/差）',
        params: ZIdParam,
        body: ZReviewRatingCreate,
        response: { 200: ZJointReview.extend({ inspectionLabel: z.string(), canRate: z.array(z.string()) }) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return rateReview(d, ctx, await loadReview(d, ctx, req.params.id), req.body);
    },
  );

  // ------------------------------------------------------------ reports and the 专题民主生活会
  r.post(
    '/api/inspections/:id/rectification-reports',
    {
      config: { permission: 'rectification:write' },
      schema: {
        tags,
        summary: '起草整改报告、主要负责人组织落实情况报告或持续整改进展报告',
        params: ZIdParam,
        body: ZRectificationReportCreate,
        response: { 201: ZRectificationReport },
      },
    },
    async (req, reply) => reply.status(201).send(await createReport(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/inspections/:id/rectification-reports',
    {
      config: { permission: 'rectification:read' },
      schema: {
        tags,
        summary: '整改报告及报送时限',
        params: ZIdParam,
        querystring: ZRectificationOrgQuery,
        response: { 200: ZRectificationReportList },
      },
    },
    (req) => listReports(d, ctxOf(req), req.params.id, req.query.orgId),
  );
  r.patch(
    '/api/rectification-reports/:id',
    {
      config: { permission: 'rectification:write' },
      schema: {
        tags,
        summary: '修改报告（起草中或退回修改）',
        params: ZIdParam,
        body: ZRectificationReportUpdate,
        response: { 200: ZRectificationReport },
      },
    },
    (req) => updateReport(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/rectification-reports/:id/files',
    {
      config: { permission: 'rectification:write' },
      schema: {
        tags,
        summary: '上传报告附件（multipart，字段 file；起草中或退回修改时）',
        params: ZIdParam,
        response: { 201: ZRectificationReport },
      },
    },
    async (req, reply) => reply.status(201).send(await uploadReportFile(d, ctxOf(req), req.params.id, req)),
  );
  r.post(
    '/api/rectification-reports/:id/submit',
    {
      config: { permission: 'rectification:write' },
      schema: {
        tags,
        summary: '报送报告联合会审',
        params: ZIdParam,
        body: ZReportSubmit,
        response: { 200: ZRectificationReport },
      },
    },
    (req) => submitReport(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/democratic-life-meetings',
    {
      config: { permission: 'rectification:write' },
      schema: {
        tags,
        summary: '登记专题民主生活会',
        params: ZIdParam,
        body: ZDemocraticLifeMeetingCreate,
        response: { 201: ZDemocraticLifeMeeting },
      },
    },
    async (req, reply) => reply.status(201).send(await createMeeting(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/inspections/:id/democratic-life-meetings',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '专题民主生活会', params: ZIdParam, response: { 200: ZDemocraticLifeMeetingList } },
    },
    (req) => listMeetings(d, ctxOf(req), req.params.id),
  );

  // ------------------------------------------------------------ evaluation
  r.get(
    '/api/inspections/:id/evaluation',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '整改评估', params: ZIdParam, response: { 200: ZEvaluationList } },
    },
    (req) => listEvaluations(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inspections/:id/evaluation/ratings',
    {
      config: { permission: 'evaluation:score' },
      schema: {
        tags,
        summary: '整改评估评分（巡察办、巡察组、社会评价）',
        params: ZIdParam,
        body: ZEvaluationDeductions,
        response: { 200: ZEvaluationList },
      },
    },
    (req) => rateEvaluation(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/evaluation/survey',
    {
      config: { permission: 'rectification:supervise' },
      schema: {
        tags,
        summary: '发起整改满意度测评',
        params: ZIdParam,
        body: ZSatisfactionSurveyCreate,
        response: { 200: ZSatisfactionSurveyList },
      },
    },
    (req) => issueSurveys(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/evaluation/conclude',
    {
      config: { permission: 'rectification:supervise' },
      schema: {
        tags,
        summary: '评定整改评估等次（全部单位评定后进入整改评估阶段）',
        params: ZIdParam,
        body: ZEvaluationConclude,
        response: { 200: ZEvaluationList },
      },
    },
    (req) => concludeEvaluation(d, ctxOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/inspections/:id/evaluation/reopen',
    {
      config: { permission: 'rectification:approve' },
      schema: {
        tags,
        summary: '复评：重新开展某单位的整改评估（尚未公开的单位）',
        params: ZIdParam,
        body: ZEvaluationReopen,
        response: { 200: ZEvaluationList },
      },
    },
    (req) => reopenEvaluation(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ publication (双公开)
  r.get(
    '/api/publication-batches',
    {
      config: { permission: 'rectification:read' },
      schema: {
        tags,
        summary: '公开批次',
        querystring: ZPublicationBatchListQuery,
        response: { 200: ZPublicationBatchList },
      },
    },
    (req) => listBatches(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/publication-batches',
    {
      config: { permission: 'publication:manage' },
      schema: {
        tags,
        summary: '新建公开批次（第N批；评估为差的单位延后公示）',
        body: ZPublicationBatchCreate,
        response: { 201: ZPublicationBatchOut },
      },
    },
    async (req, reply) => reply.status(201).send(await createBatch(d, ctxOf(req), req.body)),
  );
  r.get(
    '/api/publication-batches/:id',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '公开批次详情', params: ZIdParam, response: { 200: ZPublicationBatchOut } },
    },
    (req) => getBatch(d, ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/publication-items/:id',
    {
      config: { permission: 'publication:manage' },
      schema: {
        tags,
        summary: '社会公开版本不予公开某项（须选择法定情形）或恢复公开',
        params: ZIdParam,
        body: ZPublicationItemPatch,
        response: { 200: ZPublicationBatchOut },
      },
    },
    (req) => patchItem(d, ctxOf(req), req.params.id, req.body),
  );
  r.patch(
    '/api/publication-entries/:id',
    {
      config: { permission: 'publication:manage' },
      schema: {
        tags,
        summary: '延后公示（写明原因）或撤销延后',
        params: ZIdParam,
        body: ZPublicationEntryPatch,
        response: { 200: ZPublicationBatchOut },
      },
    },
    (req) => patchEntry(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/publication-batches/:id/approve',
    {
      config: { permission: 'publication:approve' },
      schema: {
        tags,
        summary: '审定党内通报或社会公开版本',
        params: ZIdParam,
        body: ZPublicationApprove,
        response: { 200: ZPublicationBatchOut },
      },
    },
    (req) => approveBatch(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/publication-batches/:id/publish',
    {
      config: { permission: 'publication:approve' },
      schema: {
        tags,
        summary: '公开本批次（巡察全部单位公开后进入结果公开阶段）',
        params: ZIdParam,
        body: ZPublicationPublish,
        response: { 200: ZPublicationBatchOut },
      },
    },
    (req) => publishBatch(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/public/publication-batches/:id',
    {
      config: publicRoute(d.config.publicRateLimitPerMinute),
      schema: {
        tags: ['public'],
        summary: '巡察整改情况公开（公开页）',
        params: ZIdParam,
        response: { 200: ZPublicNotice },
      },
    },
    (req) => publicNotice(d, req.params.id),
  );

  // ------------------------------------------------------------ 回头看
  r.get(
    '/api/inspections/:id/recheck',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '“回头看”：上轮巡察问题及整改核查', params: ZIdParam, response: { 200: ZRecheckView } },
    },
    (req) => recheckView(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inspections/:id/recheck',
    {
      config: { permission: 'recheck:write' },
      schema: {
        tags,
        summary: '登记“回头看”核查结果（不到位的转为本轮问题）',
        params: ZIdParam,
        body: ZRecheckSubmit,
        response: { 200: ZRecheckView },
      },
    },
    (req) => submitRechecks(d, ctxOf(req), req.params.id, req.body),
  );
}
