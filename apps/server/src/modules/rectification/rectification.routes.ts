import {
  ZEvidenceFile,
  ZExtension,
  ZExtensionApprove,
  ZExtensionCreate,
  ZExtensionList,
  ZExtensionListQuery,
  ZExtensionReject,
  ZFeedback,
  ZFeedbackCopyParams,
  ZFeedbackCopyRead,
  ZFeedbackCreate,
  ZFeedbackList,
  ZFeedbackUpdate,
  ZOutcome,
  ZOutcomeAdd,
  ZOutcomeList,
  ZOutcomeListQuery,
  ZProblemListOut,
  ZRectInspectionList,
  ZRectInspectionQuery,
  ZRectificationOrgQuery,
  ZRectificationSummary,
  ZRedCard,
  ZReminderDigest,
  ZRoundRectificationInspections,
  ZRoundRectificationStats,
  ZRuleMaking,
  ZRuleMakingCreate,
  ZRuleMakingList,
  ZRuleMakingListQuery,
  ZTaskCreate,
  ZTaskDeleteQuery,
  ZTaskDetail,
  ZTaskExportQuery,
  ZTaskList,
  ZTaskListItem,
  ZTaskListQuery,
  ZTaskStatusUpdate,
  ZTaskUpdate,
  ZTaskWriteOff,
  ZTermRectificationStats,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
import { feedbackDocx } from './rectification.documents.ts';
import { rectificationFile, uploadEvidence } from './rectification.evidence.ts';
import { approveExtension, createExtension, listExtensions, rejectExtension } from './rectification.extensions.ts';
import { createFeedback, listFeedback, markCopyRead, problemList, updateFeedback } from './rectification.feedback.ts';
import { ledgerXlsx, listTasks, reminderDigestOf } from './rectification.ledger.ts';
import { addOutcome, createRuleMaking, listOutcomes, listRuleMakings } from './rectification.outcomes.ts';
import {
  inspectionSummary,
  listRectInspections,
  roundInspections,
  roundStats,
  roundSummary,
  termStats,
  termSummary,
} from './rectification.summary.ts';
import {
  createTask,
  deleteTask,
  getTask,
  redCardTask,
  reportTaskStatus,
  updateTask,
  writeOffTask,
} from './rectification.tasks.ts';

/**
 * Feedback, tasks and the ledger, extensions, outcomes and summaries (反馈、整改台账、延期、成效).
 * Every service checks the caller's reach first (rectification.access.ts): the office and leaders
 * the inspections of their authorities, teams their own, an inspected organization's liaison only
 * its own organization's records; anything else answers 404.
 */
export async function rectificationCoreRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['rectification']);
  const d = app.deps;
  const read = { permission: 'rectification:read' as const };
  const write = { permission: 'rectification:write' as const };
  const supervise = { permission: 'rectification:supervise' as const };
  const approve = { permission: 'rectification:approve' as const };
  const feedbackWrite = { permission: 'feedback:write' as const };

  // ------------------------------------------------------------ feedback (反馈)
  route.post(
    '/api/inspections/:id/feedback',
    feedbackWrite,
    { summary: '登记反馈会（含四抄告）', params: ZIdParam, body: ZFeedbackCreate, response: { 201: ZFeedback } },
    (req) => createFeedback(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/inspections/:id/feedback',
    read,
    { summary: '反馈会记录', params: ZIdParam, response: { 200: ZFeedbackList } },
    (req) => listFeedback(d, ctxOf(req), req.params.id),
  );
  route.patch(
    '/api/feedbacks/:id',
    feedbackWrite,
    { summary: '修改反馈会记录', params: ZIdParam, body: ZFeedbackUpdate, response: { 200: ZFeedback } },
    (req) => updateFeedback(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/feedbacks/:id/copies/:copyId/read',
    feedbackWrite,
    {
      summary: '登记抄告对象阅知日期',
      params: ZFeedbackCopyParams,
      body: ZFeedbackCopyRead,
      response: { 200: ZFeedback },
    },
    (req) => markCopyRead(d, ctxOf(req), req.params.id, req.params.copyId, req.body),
  );
  // A generated document, yet sent like an uploaded file (nosniff, sandbox, no-store), as it always was.
  route.upload(
    '/api/inspections/:id/feedback.docx',
    read,
    { summary: '反馈意见（.docx，公文格式）', params: ZIdParam, querystring: ZRectificationOrgQuery },
    async (req) => ({ mime: DOCX_MIME, ...(await feedbackDocx(d, ctxOf(req), req.params.id, req.query.orgId)) }),
  );
  route.get(
    '/api/inspections/:id/problem-list',
    read,
    {
      summary: '问题清单（含整改任务）',
      params: ZIdParam,
      querystring: ZRectificationOrgQuery,
      response: { 200: ZProblemListOut },
    },
    (req) => problemList(d, ctxOf(req), req.params.id, req.query.orgId),
  );

  // ------------------------------------------------------------ tasks (整改任务)
  route.post(
    '/api/findings/:id/tasks',
    write,
    { summary: '制定整改任务', params: ZIdParam, body: ZTaskCreate, response: { 201: ZTaskListItem } },
    (req) => createTask(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/rectification-tasks',
    read,
    { summary: '整改台账', querystring: ZTaskListQuery, response: { 200: ZTaskList } },
    (req) => listTasks(d, ctxOf(req), req.query),
  );
  route.download(
    '/api/rectification-tasks.xlsx',
    { permission: 'rectification:export', reauth: true },
    { summary: '导出整改台账（当前筛选）', querystring: ZTaskExportQuery },
    (req) => ledgerXlsx(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/rectification-tasks/:id',
    read,
    { summary: '整改任务详情', params: ZIdParam, response: { 200: ZTaskDetail } },
    (req) => getTask(d, ctxOf(req), req.params.id),
  );
  route.patch(
    '/api/rectification-tasks/:id',
    write,
    { summary: '修改整改任务', params: ZIdParam, body: ZTaskUpdate, response: { 200: ZTaskListItem } },
    (req) => updateTask(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete(
    '/api/rectification-tasks/:id',
    write,
    {
      summary: '删除整改任务（方案编制中）',
      params: ZIdParam,
      querystring: ZTaskDeleteQuery,
      response: { 204: z.null() },
    },
    async (req) => {
      await deleteTask(d, ctxOf(req), req.params.id, req.query.version);
    },
  );
  route.post(
    '/api/rectification-tasks/:id/status',
    write,
    { summary: '报告整改进展', params: ZIdParam, body: ZTaskStatusUpdate, response: { 200: ZTaskListItem } },
    (req) => reportTaskStatus(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/rectification-tasks/:id/write-off',
    supervise,
    {
      summary: '审核销号（仅已完成的任务）',
      params: ZIdParam,
      body: ZTaskWriteOff.optional(),
      response: { 200: ZTaskListItem },
    },
    (req) => writeOffTask(d, ctxOf(req), req.params.id, req.body ?? {}),
  );
  route.post(
    '/api/rectification-tasks/:id/red-card',
    supervise,
    { summary: '亮红牌退回', params: ZIdParam, body: ZRedCard, response: { 200: ZTaskListItem } },
    (req) => redCardTask(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/rectification-tasks/:id/files',
    write,
    {
      summary: '上传佐证材料（multipart，字段 file，可选 description、supersedesId）',
      params: ZIdParam,
      response: { 201: ZEvidenceFile },
    },
    (req) => uploadEvidence(d, ctxOf(req), req.params.id, req),
  );
  route.upload('/api/rectification-files/:id', read, { summary: '下载佐证材料（留痕）', params: ZIdParam }, (req) =>
    rectificationFile(d, ctxOf(req), req.params.id),
  );

  // ------------------------------------------------------------ extensions (延期)
  route.post(
    '/api/rectification-tasks/:id/extensions',
    write,
    { summary: '申请延期', params: ZIdParam, body: ZExtensionCreate, response: { 201: z.object({ id: z.uuid() }) } },
    (req) => createExtension(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/rectification-extensions',
    read,
    { summary: '延期申请列表', querystring: ZExtensionListQuery, response: { 200: ZExtensionList } },
    (req) => listExtensions(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/rectification-extensions/:id/approve',
    approve,
    { summary: '批准延期', params: ZIdParam, body: ZExtensionApprove.optional(), response: { 200: ZExtension } },
    (req) => approveExtension(d, ctxOf(req), req.params.id, req.body ?? {}),
  );
  route.post(
    '/api/rectification-extensions/:id/reject',
    approve,
    { summary: '不予延期', params: ZIdParam, body: ZExtensionReject, response: { 200: ZExtension } },
    (req) => rejectExtension(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ outcomes (成效) and the register (建章立制)
  route.post(
    '/api/inspections/:id/outcomes',
    write,
    { summary: '登记整改成效', params: ZIdParam, body: ZOutcomeAdd, response: { 201: ZOutcome } },
    (req) => addOutcome(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/inspections/:id/outcomes',
    read,
    { summary: '整改成效', params: ZIdParam, querystring: ZOutcomeListQuery, response: { 200: ZOutcomeList } },
    (req) => listOutcomes(d, ctxOf(req), req.params.id, req.query.orgId),
  );
  route.post(
    '/api/inspections/:id/rule-makings',
    write,
    { summary: '登记建章立制', params: ZIdParam, body: ZRuleMakingCreate, response: { 201: ZRuleMaking } },
    (req) => createRuleMaking(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/rule-makings',
    read,
    { summary: '建章立制台账', querystring: ZRuleMakingListQuery, response: { 200: ZRuleMakingList } },
    (req) => listRuleMakings(d, ctxOf(req), req.query),
  );

  // ------------------------------------------------------------ summaries, charts, lists, reminders
  route.get(
    '/api/inspections/:id/rectification-summary',
    read,
    { summary: '巡察整改情况汇总', params: ZIdParam, response: { 200: ZRectificationSummary } },
    (req) => inspectionSummary(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/rounds/:id/rectification-summary',
    read,
    { summary: '轮次整改情况汇总', params: ZIdParam, response: { 200: ZRectificationSummary } },
    (req) => roundSummary(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/terms/:id/rectification-summary',
    read,
    { summary: '届次整改情况汇总', params: ZIdParam, response: { 200: ZRectificationSummary } },
    (req) => termSummary(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/terms/:id/rectification-stats',
    read,
    { summary: '届次各轮整改统计（图表）', params: ZIdParam, response: { 200: ZTermRectificationStats } },
    (req) => termStats(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/rounds/:id/rectification-stats',
    read,
    { summary: '轮次各单位整改统计（图表）', params: ZIdParam, response: { 200: ZRoundRectificationStats } },
    (req) => roundStats(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/rounds/:id/rectification-inspections',
    read,
    {
      summary: '轮次各巡察整改情况（与轮次汇总相加一致）',
      params: ZIdParam,
      response: { 200: ZRoundRectificationInspections },
    },
    (req) => roundInspections(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/rectification/inspections',
    read,
    {
      summary: '整改中的巡察（反馈及以后）',
      querystring: ZRectInspectionQuery,
      response: { 200: ZRectInspectionList },
    },
    (req) => listRectInspections(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/rectification/digest',
    read,
    { summary: '整改提醒（站内汇总）', response: { 200: ZReminderDigest } },
    (req) => reminderDigestOf(d, ctxOf(req)),
  );
}
