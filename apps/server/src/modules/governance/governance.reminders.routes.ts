import {
  ZDutyReminder,
  ZDutyReminderAnswer,
  ZDutyReminderCreate,
  ZDutyReminderJudge,
  ZDutyReminderList,
  ZDutyReminderListQuery,
  ZGovernanceFile,
  ZGovernanceSettingsResponse,
  ZGovernanceSettingsUpdate,
  ZGovernanceSummary,
  ZInboxReminderQuery,
  ZPolicyConsultation,
  ZPolicyConsultationCreate,
  ZPolicyConsultationList,
  ZPolicyConsultationListQuery,
  ZPolicyConsultationUpdate,
  ZPolicyProblem,
  ZPolicyProblemInput,
  ZPolicyProblemUpdate,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { sendDownload } from '../../platform/spreadsheets.ts';
import {
  addProblem,
  createConsultation,
  deleteConsultation,
  getConsultation,
  listConsultations,
  updateConsultation,
  updateProblem,
} from './governance.consultations.ts';
import {
  answerDutyReminder,
  createReminder,
  getReminder,
  judgeReminderAnswer,
  listInboxReminders,
  listReminders,
  openInboxReminder,
  readGovernanceFile,
  uploadAnswerFile,
} from './governance.reminders.ts';
import { getGovernanceSettings, updateGovernanceSettings } from './governance.settings.ts';
import { governanceSummaryOf } from './governance.summary.ts';

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const tags = ['governance'];

/**
 * 履责提示 (the office's side and the recipient's inbox), the files of answers, 政策会商, the term's
 * 以巡促治 figures and the settings. Every service checks the caller's reach first
 * (governance.access.ts): the office and leaders the records of their authorities, a recipient only
 * what is addressed to it; anything else answers 404.
 */
export async function governanceRemindersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;

  // ------------------------------------------------------------ duty reminders (履责提示)
  r.post(
    '/api/duty-reminders',
    {
      config: { permission: 'governance:manage' },
      schema: { tags, summary: '发出履责提示', body: ZDutyReminderCreate, response: { 201: ZDutyReminder } },
    },
    async (req, reply) => reply.status(201).send(await createReminder(d, ctxOf(req), req.body)),
  );
  r.get(
    '/api/duty-reminders',
    {
      config: { permission: 'governance:read' },
      schema: {
        tags,
        summary: '履责提示列表',
        querystring: ZDutyReminderListQuery,
        response: { 200: ZDutyReminderList },
      },
    },
    (req) => listReminders(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/duty-reminders/:id',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '履责提示详情', params: ZIdParam, response: { 200: ZDutyReminder } },
    },
    (req) => getReminder(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/duty-reminders/:id/judge',
    {
      config: { permission: 'governance:manage' },
      schema: {
        tags,
        summary: '审核答复（认可或答复不充分）',
        params: ZIdParam,
        body: ZDutyReminderJudge,
        response: { 200: ZDutyReminder },
      },
    },
    (req) => judgeReminderAnswer(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/duty-reminders/:id/answer',
    {
      config: { permission: 'recipient:answer' },
      schema: {
        tags,
        summary: '答复履责提示（接收对象）',
        params: ZIdParam,
        body: ZDutyReminderAnswer,
        response: { 200: ZDutyReminder },
      },
    },
    (req) => answerDutyReminder(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ the recipients' inbox
  r.get(
    '/api/inbox/duty-reminders',
    {
      config: { permission: 'recipient:answer' },
      schema: {
        tags,
        summary: '收到的履责提示',
        querystring: ZInboxReminderQuery,
        response: { 200: ZDutyReminderList },
      },
    },
    (req) => listInboxReminders(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/inbox/duty-reminders/:id',
    {
      config: { permission: 'recipient:answer' },
      schema: { tags, summary: '阅读履责提示（首次打开登记阅知）', params: ZIdParam, response: { 200: ZDutyReminder } },
    },
    (req) => openInboxReminder(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inbox/files',
    {
      config: { permission: 'recipient:answer' },
      schema: { tags, summary: '上传答复附件（multipart，字段 file）', response: { 201: ZGovernanceFile } },
    },
    async (req, reply) => reply.status(201).send(await uploadAnswerFile(d, ctxOf(req), req)),
  );
  r.get(
    '/api/governance-files/:id',
    {
      // Who may read depends on the record the file belongs to: the service decides, else 404.
      config: { permission: 'self' },
      schema: { tags, summary: '下载以巡促治附件（留痕）', params: ZIdParam },
    },
    async (req, reply) => {
      const f = await readGovernanceFile(d, ctxOf(req), req.params.id);
      return sendDownload(reply, f.mime, f.name, f.data)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store');
    },
  );

  // ------------------------------------------------------------ policy consultations (政策会商)
  r.get(
    '/api/policy-consultations',
    {
      config: { permission: 'governance:read' },
      schema: {
        tags,
        summary: '政策会商列表',
        querystring: ZPolicyConsultationListQuery,
        response: { 200: ZPolicyConsultationList },
      },
    },
    (req) => listConsultations(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/policy-consultations/:id',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '政策会商详情', params: ZIdParam, response: { 200: ZPolicyConsultation } },
    },
    (req) => getConsultation(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/policy-consultations',
    {
      config: { permission: 'governance:manage' },
      schema: {
        tags,
        summary: '登记政策会商',
        body: ZPolicyConsultationCreate,
        response: { 201: ZPolicyConsultation },
      },
    },
    async (req, reply) => reply.status(201).send(await createConsultation(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/policy-consultations/:id',
    {
      config: { permission: 'governance:manage' },
      schema: {
        tags,
        summary: '修改政策会商',
        params: ZIdParam,
        body: ZPolicyConsultationUpdate,
        response: { 200: ZPolicyConsultation },
      },
    },
    (req) => updateConsultation(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/policy-consultations/:id/problems',
    {
      config: { permission: 'governance:manage' },
      schema: {
        tags,
        summary: '增加会商问题',
        params: ZIdParam,
        body: ZPolicyProblemInput,
        response: { 201: ZPolicyConsultation },
      },
    },
    async (req, reply) => reply.status(201).send(await addProblem(d, ctxOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/policy-problems/:id',
    {
      config: { permission: 'governance:manage' },
      schema: {
        tags,
        summary: '更新会商问题的落实情况',
        params: ZIdParam,
        body: ZPolicyProblemUpdate,
        response: { 200: ZPolicyProblem },
      },
    },
    (req) => updateProblem(d, ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/policy-consultations/:id',
    {
      config: { permission: 'governance:manage' },
      schema: { tags, summary: '删除政策会商', params: ZIdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteConsultation(d, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ the term's figures and the settings
  r.get(
    '/api/terms/:id/governance-summary',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '届期以巡促治成效', params: ZIdParam, response: { 200: ZGovernanceSummary } },
    },
    (req) => governanceSummaryOf(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/authorities/:id/governance-settings',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '以巡促治设置', params: ZIdParam, response: { 200: ZGovernanceSettingsResponse } },
    },
    (req) => getGovernanceSettings(d, ctxOf(req), req.params.id),
  );
  r.put(
    '/api/authorities/:id/governance-settings',
    {
      config: { permission: 'governance:manage' },
      schema: {
        tags,
        summary: '修改以巡促治设置',
        params: ZIdParam,
        body: ZGovernanceSettingsUpdate,
        response: { 200: ZGovernanceSettingsResponse },
      },
    },
    (req) => updateGovernanceSettings(d, ctxOf(req), req.params.id, req.body),
  );
}
