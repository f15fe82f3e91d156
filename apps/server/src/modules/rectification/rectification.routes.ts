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
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { sendDownload, XLSX_MIME } from '../../platform/spreadsheets.ts';
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

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const tags = ['rectification'];

/** Files leave as attachments the browser never renders in place. */
function sendFile(reply: Parameters<typeof sendDownload>[0], f: { mime: string; name: string; data: Buffer }) {
  return sendDownload(reply, f.mime, f.name, f.data)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store');
}

/**
 * Feedback, tasks and the ledger, extensions, outcomes and summaries (反馈、整改台账、延期、成效).
 * Every service checks the caller's reach first (rectification.access.ts): the office and leaders
 * the inspections of their authorities, teams their own, an inspected organization's liaison only
 * its own organization's records; anything else answers 404.
 */
export async function rectificationCoreRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;

  // ------------------------------------------------------------ feedback (反馈)
  r.post(
    '/api/inspections/:id/feedback',
    {
      config: { permission: 'feedback:write' },
      schema: {
        tags,
        summary: '登记反馈会（含四抄告）',
        params: ZIdParam,
        body: ZFeedbackCreate,
        response: { 201: ZFeedback },
      },
    },
    async (req, reply) => reply.status(201).send(await createFeedback(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/inspections/:id/feedback',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '反馈会记录', params: ZIdParam, response: { 200: ZFeedbackList } },
    },
    (req) => listFeedback(d, ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/feedbacks/:id',
    {
      config: { permission: 'feedback:write' },
      schema: {
        tags,
        summary: '修改反馈会记录',
        params: ZIdParam,
        body: ZFeedbackUpdate,
        response: { 200: ZFeedback },
      },
    },
    (req) => updateFeedback(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/feedbacks/:id/copies/:copyId/read',
    {
      config: { permission: 'feedback:write' },
      schema: {
        tags,
        summary: '登记抄告对象阅知日期',
        params: ZFeedbackCopyParams,
        body: ZFeedbackCopyRead,
        response: { 200: ZFeedback },
      },
    },
    (req) => markCopyRead(d, ctxOf(req), req.params.id, req.params.copyId, req.body),
  );
  r.get(
    '/api/inspections/:id/feedback.docx',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '反馈意见（.docx，公文格式）', params: ZIdParam, querystring: ZRectificationOrgQuery },
    },
    async (req, reply) =>
      sendFile(reply, { mime: DOCX_MIME, ...(await feedbackDocx(d, ctxOf(req), req.params.id, req.query.orgId)) }),
  );
  r.get(
    '/api/inspections/:id/problem-list',
    {
      config: { permission: 'rectification:read' },
      schema: {
        tags,
        summary: '问题清单（含整改任务）',
        params: ZIdParam,
        querystring: ZRectificationOrgQuery,
        response: { 200: ZProblemListOut },
      },
    },
    (req) => problemList(d, ctxOf(req), req.params.id, req.query.orgId),
  );

  // ------------------------------------------------------------ tasks (整改任务)
  r.post(
    '/api/findings/:id/tasks',
    {
      config: { permission: 'rectification:write' },
      schema: { tags, summary: '制定整改任务', params: ZIdParam, body: ZTaskCreate, response: { 201: ZTaskListItem } },
    },
    async (req, reply) => reply.status(201).send(await createTask(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/rectification-tasks',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '整改台账', querystring: ZTaskListQuery, response: { 200: ZTaskList } },
    },
    (req) => listTasks(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/rectification-tasks.xlsx',
    {
      config: { permission: 'rectification:export', reauth: true },
      schema: { tags, summary: '导出整改台账（当前筛选）', querystring: ZTaskExportQuery },
    },
    async (req, reply) => {
      const f = await ledgerXlsx(d, ctxOf(req), req.query);
      return sendDownload(reply, XLSX_MIME, f.name, f.data);
    },
  );
  r.get(
    '/api/rectification-tasks/:id',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '整改任务详情', params: ZIdParam, response: { 200: ZTaskDetail } },
    },
    (req) => getTask(d, ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/rectification-tasks/:id',
    {
      config: { permission: 'rectification:write' },
      schema: { tags, summary: '修改整改任务', params: ZIdParam, body: ZTaskUpdate, response: { 200: ZTaskListItem } },
    },
    (req) => updateTask(d, ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/rectification-tasks/:id',
    {
      config: { permission: 'rectification:write' },
      schema: { tags, summary: '删除整改任务（方案编制中）', params: ZIdParam, querystring: ZTaskDeleteQuery },
    },
    async (req, reply) => {
      await deleteTask(d, ctxOf(req), req.params.id, req.query.version);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/rectification-tasks/:id/status',
    {
      config: { permission: 'rectification:write' },
      schema: {
        tags,
        summary: '报告整改进展',
        params: ZIdParam,
        body: ZTaskStatusUpdate,
        response: { 200: ZTaskListItem },
      },
    },
    (req) => reportTaskStatus(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/rectification-tasks/:id/write-off',
    {
      config: { permission: 'rectification:supervise' },
      schema: {
        tags,
        summary: '审核销号（仅已完成的任务）',
        params: ZIdParam,
        body: ZTaskWriteOff.optional(),
        response: { 200: ZTaskListItem },
      },
    },
    (req) => writeOffTask(d, ctxOf(req), req.params.id, req.body ?? {}),
  );
  r.post(
    '/api/rectification-tasks/:id/red-card',
    {
      config: { permission: 'rectification:supervise' },
      schema: { tags, summary: '亮红牌退回', params: ZIdParam, body: ZRedCard, response: { 200: ZTaskListItem } },
    },
    (req) => redCardTask(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/rectification-tasks/:id/files',
    {
      config: { permission: 'rectification:write' },
      schema: {
        tags,
        summary: '上传佐证材料（multipart，字段 file，可选 description、supersedesId）',
        params: ZIdParam,
        response: { 201: ZEvidenceFile },
      },
    },
    async (req, reply) => reply.status(201).send(await uploadEvidence(d, ctxOf(req), req.params.id, req)),
  );
  r.get(
    '/api/rectification-files/:id',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '下载佐证材料（留痕）', params: ZIdParam },
    },
    async (req, reply) => sendFile(reply, await rectificationFile(d, ctxOf(req), req.params.id)),
  );

  // ------------------------------------------------------------ extensions (延期)
  r.post(
    '/api/rectification-tasks/:id/extensions',
    {
      config: { permission: 'rectification:write' },
      schema: {
        tags,
        summary: '申请延期',
        params: ZIdParam,
        body: ZExtensionCreate,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createExtension(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/rectification-extensions',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '延期申请列表', querystring: ZExtensionListQuery, response: { 200: ZExtensionList } },
    },
    (req) => listExtensions(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/rectification-extensions/:id/approve',
    {
      config: { permission: 'rectification:approve' },
      schema: {
        tags,
        summary: '批准延期',
        params: ZIdParam,
        body: ZExtensionApprove.optional(),
        response: { 200: ZExtension },
      },
    },
    (req) => approveExtension(d, ctxOf(req), req.params.id, req.body ?? {}),
  );
  r.post(
    '/api/rectification-extensions/:id/reject',
    {
      config: { permission: 'rectification:approve' },
      schema: { tags, summary: '不予延期', params: ZIdParam, body: ZExtensionReject, response: { 200: ZExtension } },
    },
    (req) => rejectExtension(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ outcomes (成效) and the register (建章立制)
  r.post(
    '/api/inspections/:id/outcomes',
    {
      config: { permission: 'rectification:write' },
      schema: { tags, summary: '登记整改成效', params: ZIdParam, body: ZOutcomeAdd, response: { 201: ZOutcome } },
    },
    async (req, reply) => reply.status(201).send(await addOutcome(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/inspections/:id/outcomes',
    {
      config: { permission: 'rectification:read' },
      schema: {
        tags,
        summary: '整改成效',
        params: ZIdParam,
        querystring: ZOutcomeListQuery,
        response: { 200: ZOutcomeList },
      },
    },
    (req) => listOutcomes(d, ctxOf(req), req.params.id, req.query.orgId),
  );
  r.post(
    '/api/inspections/:id/rule-makings',
    {
      config: { permission: 'rectification:write' },
      schema: {
        tags,
        summary: '登记建章立制',
        params: ZIdParam,
        body: ZRuleMakingCreate,
        response: { 201: ZRuleMaking },
      },
    },
    async (req, reply) => reply.status(201).send(await createRuleMaking(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/rule-makings',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '建章立制台账', querystring: ZRuleMakingListQuery, response: { 200: ZRuleMakingList } },
    },
    (req) => listRuleMakings(d, ctxOf(req), req.query),
  );

  // ------------------------------------------------------------ summaries, charts, lists, reminders
  r.get(
    '/api/inspections/:id/rectification-summary',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '巡察整改情况汇总', params: ZIdParam, response: { 200: ZRectificationSummary } },
    },
    (req) => inspectionSummary(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/rounds/:id/rectification-summary',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '轮次整改情况汇总', params: ZIdParam, response: { 200: ZRectificationSummary } },
    },
    (req) => roundSummary(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/terms/:id/rectification-summary',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '届次整改情况汇总', params: ZIdParam, response: { 200: ZRectificationSummary } },
    },
    (req) => termSummary(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/terms/:id/rectification-stats',
    {
      config: { permission: 'rectification:read' },
      schema: {
        tags,
        summary: '届次各轮整改统计（图表）',
        params: ZIdParam,
        response: { 200: ZTermRectificationStats },
      },
    },
    (req) => termStats(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/rounds/:id/rectification-stats',
    {
      config: { permission: 'rectification:read' },
      schema: {
        tags,
        summary: '轮次各单位整改统计（图表）',
        params: ZIdParam,
        response: { 200: ZRoundRectificationStats },
      },
    },
    (req) => roundStats(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/rounds/:id/rectification-inspections',
    {
      config: { permission: 'rectification:read' },
      schema: {
        tags,
        summary: '轮次各巡察整改情况（与轮次汇总相加一致）',
        params: ZIdParam,
        response: { 200: ZRoundRectificationInspections },
      },
    },
    (req) => roundInspections(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/rectification/inspections',
    {
      config: { permission: 'rectification:read' },
      schema: {
        tags,
        summary: '整改中的巡察（反馈及以后）',
        querystring: ZRectInspectionQuery,
        response: { 200: ZRectInspectionList },
      },
    },
    (req) => listRectInspections(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/rectification/digest',
    {
      config: { permission: 'rectification:read' },
      schema: { tags, summary: '整改提醒（站内汇总）', response: { 200: ZReminderDigest } },
    },
    (req) => reminderDigestOf(d, ctxOf(req)),
  );
}
