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
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
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

/**
 * 履责提示 (the office's side and the recipient's inbox), the files of answers, 政策会商, the term's
 * 以巡促治 figures and the settings. Every service checks the caller's reach first
 * (governance.access.ts): the office and leaders the records of their authorities, a recipient only
 * what is addressed to it; anything else answers 404.
 */
export async function governanceRemindersRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['governance']);
  const d = app.deps;
  const read = { permission: 'governance:read' as const };
  const manage = { permission: 'governance:manage' as const };
  const inbox = { permission: 'recipient:answer' as const };

  // ------------------------------------------------------------ duty reminders (履责提示)
  route.post(
    '/api/duty-reminders',
    manage,
    { summary: '发出履责提示', body: ZDutyReminderCreate, response: { 201: ZDutyReminder } },
    (req) => createReminder(d, ctxOf(req), req.body),
  );
  route.get(
    '/api/duty-reminders',
    read,
    { summary: '履责提示列表', querystring: ZDutyReminderListQuery, response: { 200: ZDutyReminderList } },
    (req) => listReminders(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/duty-reminders/:id',
    read,
    { summary: '履责提示详情', params: ZIdParam, response: { 200: ZDutyReminder } },
    (req) => getReminder(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/duty-reminders/:id/judge',
    manage,
    {
      summary: '审核答复（认可或答复不充分）',
      params: ZIdParam,
      body: ZDutyReminderJudge,
      response: { 200: ZDutyReminder },
    },
    (req) => judgeReminderAnswer(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/duty-reminders/:id/answer',
    inbox,
    {
      summary: '答复履责提示（接收对象）',
      params: ZIdParam,
      body: ZDutyReminderAnswer,
      response: { 200: ZDutyReminder },
    },
    (req) => answerDutyReminder(d, ctxOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ the recipients' inbox
  route.get(
    '/api/inbox/duty-reminders',
    inbox,
    { summary: '收到的履责提示', querystring: ZInboxReminderQuery, response: { 200: ZDutyReminderList } },
    (req) => listInboxReminders(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/inbox/duty-reminders/:id',
    inbox,
    { summary: '阅读履责提示（首次打开登记阅知）', params: ZIdParam, response: { 200: ZDutyReminder } },
    (req) => openInboxReminder(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inbox/files',
    inbox,
    { summary: '上传答复附件（multipart，字段 file）', response: { 201: ZGovernanceFile } },
    (req) => uploadAnswerFile(d, ctxOf(req), req),
  );
  // Who may read depends on the record the file belongs to: the service decides, else 404.
  route.upload(
    '/api/governance-files/:id',
    { permission: 'self' },
    { summary: '下载以巡促治附件（留痕）', params: ZIdParam },
    (req) => readGovernanceFile(d, ctxOf(req), req.params.id),
  );

  // ------------------------------------------------------------ policy consultations (政策会商)
  route.get(
    '/api/policy-consultations',
    read,
    { summary: '政策会商列表', querystring: ZPolicyConsultationListQuery, response: { 200: ZPolicyConsultationList } },
    (req) => listConsultations(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/policy-consultations/:id',
    read,
    { summary: '政策会商详情', params: ZIdParam, response: { 200: ZPolicyConsultation } },
    (req) => getConsultation(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/policy-consultations',
    manage,
    { summary: '登记政策会商', body: ZPolicyConsultationCreate, response: { 201: ZPolicyConsultation } },
    (req) => createConsultation(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/policy-consultations/:id',
    manage,
    {
      summary: '修改政策会商',
      params: ZIdParam,
      body: ZPolicyConsultationUpdate,
      response: { 200: ZPolicyConsultation },
    },
    (req) => updateConsultation(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/policy-consultations/:id/problems',
    manage,
    { summary: '增加会商问题', params: ZIdParam, body: ZPolicyProblemInput, response: { 201: ZPolicyConsultation } },
    (req) => addProblem(d, ctxOf(req), req.params.id, req.body),
  );
  route.patch(
    '/api/policy-problems/:id',
    manage,
    {
      summary: '更新会商问题的落实情况',
      params: ZIdParam,
      body: ZPolicyProblemUpdate,
      response: { 200: ZPolicyProblem },
    },
    (req) => updateProblem(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete(
    '/api/policy-consultations/:id',
    manage,
    { summary: '删除政策会商', params: ZIdParam, response: { 204: z.null() } },
    async (req) => {
      await deleteConsultation(d, ctxOf(req), req.params.id);
    },
  );

  // ------------------------------------------------------------ the term's figures and the settings
  route.get(
    '/api/terms/:id/governance-summary',
    read,
    { summary: '届期以巡促治成效', params: ZIdParam, response: { 200: ZGovernanceSummary } },
    (req) => governanceSummaryOf(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/authorities/:id/governance-settings',
    read,
    { summary: '以巡促治设置', params: ZIdParam, response: { 200: ZGovernanceSettingsResponse } },
    (req) => getGovernanceSettings(d, ctxOf(req), req.params.id),
  );
  route.put(
    '/api/authorities/:id/governance-settings',
    manage,
    {
      summary: '修改以巡促治设置',
      params: ZIdParam,
      body: ZGovernanceSettingsUpdate,
      response: { 200: ZGovernanceSettingsResponse },
    },
    (req) => updateGovernanceSettings(d, ctxOf(req), req.params.id, req.body),
  );
}
