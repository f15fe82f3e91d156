import {
  AppError,
  ErrorCode,
  ZAppraisalCreate,
  ZAttendeeList,
  ZAuthorization,
  ZAuthorizationCreate,
  ZAwardCreate,
  ZAwardList,
  ZCreated,
  ZDeclaration,
  ZImportResult,
  ZInspector,
  ZInspectorCreate,
  ZInspectorList,
  ZInspectorListQuery,
  ZInspectorProfile,
  ZInspectorUpdate,
  ZObjection,
  ZPersonnelSettingsResponse,
  ZPersonnelSettingsUpdate,
  ZRecusalReport,
  ZSecondmentCreate,
  ZShadowingCreate,
  ZTeam,
  ZTeamCreate,
  ZTeamList,
  ZTeamMemberAdd,
  ZTeamRoster,
  ZTeamSuggestion,
  ZTeamUpdate,
  ZTraining,
  ZTrainingAttendees,
  ZTrainingCreate,
  ZTrainingList,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { sendDownload, XLSX_MIME } from '../../platform/spreadsheets.ts';
import { appraisalDocx, authorizationDocx, ledgersXlsx } from './personnel.documents.ts';
import { importInspectors, inspectorImportTemplate } from './personnel.import.ts';
import { createInspector, getInspector, listInspectors, updateInspector } from './personnel.inspectors.ts';
import {
  createAppraisal,
  createAward,
  createSecondment,
  createTraining,
  listAttendees,
  listAwards,
  listTrainings,
  setAttendees,
} from './personnel.ledgers.ts';
import {
  fileRecusalStatement,
  getPersonnelSettings,
  inspectionRecusal,
  teamSuggestion,
  updatePersonnelSettings,
} from './personnel.recusal.ts';
import {
  addMember,
  createTeam,
  deleteTeam,
  getAuthorization,
  getRoster,
  listTeams,
  putAuthorization,
  removeMember,
  updateTeam,
} from './personnel.teams.ts';

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const tags = ['personnel'];

/** 巡察干部、人才库、回避、组队、一次一授权 and the growth ledgers. */
export async function personnelRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;
  const read = { permission: 'personnel:read' as const };
  const write = { permission: 'personnel:write' as const };

  // 巡察组 of a round: named by the office while planning the round, staffed below.
  r.get(
    '/api/rounds/:id/teams',
    {
      config: { permission: 'plan:read' },
      schema: { tags, summary: '本轮巡察组', params: ZIdParam, response: { 200: ZTeamList } },
    },
    (req) => listTeams(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/teams',
    {
      config: { permission: 'plan:write' },
      schema: { tags, summary: '新增巡察组', body: ZTeamCreate, response: { 201: ZTeam } },
    },
    async (req, reply) => reply.status(201).send(await createTeam(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/teams/:id',
    {
      config: { permission: 'plan:write' },
      schema: { tags, summary: '修改巡察组', params: ZIdParam, body: ZTeamUpdate, response: { 200: ZTeam } },
    },
    (req) => updateTeam(d, ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/teams/:id',
    {
      config: { permission: 'plan:write' },
      schema: { tags, summary: '删除巡察组', params: ZIdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteTeam(d, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/inspectors',
    {
      config: read,
      schema: { tags, summary: '巡察干部库', querystring: ZInspectorListQuery, response: { 200: ZInspectorList } },
    },
    (req) => listInspectors(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/inspectors/import-template',
    { config: write, schema: { tags, summary: '下载巡察干部导入模板' } },
    async (_req, reply) => sendDownload(reply, XLSX_MIME, '巡察干部导入模板.xlsx', await inspectorImportTemplate()),
  );
  r.post(
    '/api/inspectors/import',
    {
      config: write,
      schema: {
        tags,
        summary: '从 Excel 导入巡察干部（全部成功或全部不导入）',
        querystring: z.strictObject({ authorityId: z.uuid({ message: '请选择巡察机构' }) }),
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResult },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError(ErrorCode.BadRequest, '请以 multipart/form-data 上传文件');
      const file = await req.file();
      if (!file) throw new AppError(ErrorCode.BadRequest, '请选择要导入的文件');
      return importInspectors(d, ctxOf(req), req.query.authorityId, await file.toBuffer());
    },
  );
  r.get(
    '/api/inspectors/:id',
    { config: read, schema: { tags, summary: '干部档案', params: ZIdParam, response: { 200: ZInspectorProfile } } },
    (req) => getInspector(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inspectors',
    { config: write, schema: { tags, summary: '新增巡察干部', body: ZInspectorCreate, response: { 201: ZInspector } } },
    async (req, reply) => reply.status(201).send(await createInspector(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/inspectors/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改巡察干部',
        params: ZIdParam,
        body: ZInspectorUpdate,
        response: { 200: ZInspector },
      },
    },
    (req) => updateInspector(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/inspections/:id/recusal',
    {
      config: read,
      schema: { tags, summary: '回避审查（本机构全部干部）', params: ZIdParam, response: { 200: ZRecusalReport } },
    },
    (req) => inspectionRecusal(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/inspections/:id/team-suggestion',
    { config: read, schema: { tags, summary: '推荐组队', params: ZIdParam, response: { 200: ZTeamSuggestion } } },
    (req) => teamSuggestion(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inspections/:id/declarations',
    {
      config: write,
      schema: {
        tags,
        summary: '登记回避申请书',
        params: ZIdParam,
        body: ZDeclaration,
        response: { 201: ZRecusalReport },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await fileRecusalStatement(d, ctxOf(req), req.params.id, 'declaration', req.body)),
  );
  r.post(
    '/api/inspections/:id/objections',
    {
      config: write,
      schema: {
        tags,
        summary: '登记被巡察党组织提出的回避申请',
        params: ZIdParam,
        body: ZObjection,
        response: { 201: ZRecusalReport },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await fileRecusalStatement(d, ctxOf(req), req.params.id, 'objection', req.body)),
  );
  r.get(
    '/api/teams/:id/roster',
    {
      config: { permission: 'plan:read' },
      schema: { tags, summary: '巡察组名单', params: ZIdParam, response: { 200: ZTeamRoster } },
    },
    (req) => getRoster(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/teams/:id/members',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: '加入巡察组（存在回避情形时409，领导可书面说明例外）',
        params: ZIdParam,
        body: ZTeamMemberAdd,
        response: { 201: ZTeamRoster },
      },
    },
    async (req, reply) => reply.status(201).send(await addMember(d, ctxOf(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/teams/:id/members/:memberId',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: '移出巡察组',
        params: z.strictObject({ id: z.uuid(), memberId: z.uuid() }),
        querystring: z.strictObject({ version: z.coerce.number().int() }),
        response: { 200: ZTeamRoster },
      },
    },
    (req) => removeMember(d, ctxOf(req), req.params.id, req.params.memberId, req.query.version),
  );
  r.get(
    '/api/rounds/:id/authorization',
    {
      config: { permission: 'plan:read' },
      schema: { tags, summary: '一次一授权决定', params: ZIdParam, response: { 200: ZAuthorization } },
    },
    (req) => getAuthorization(d, ctxOf(req), req.params.id),
  );
  r.put(
    '/api/rounds/:id/authorization',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: '登记一次一授权决定',
        params: ZIdParam,
        body: ZAuthorizationCreate,
        response: { 200: ZAuthorization },
      },
    },
    (req) => putAuthorization(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/rounds/:id/authorization.docx',
    {
      config: { permission: 'plan:export', reauth: true },
      schema: { tags, summary: '导出授权决定', params: ZIdParam },
    },
    async (req, reply) => {
      const f = await authorizationDocx(d, ctxOf(req), req.params.id);
      return sendDownload(reply, DOCX_MIME, f.name, f.buf);
    },
  );
  r.get(
    '/api/trainings',
    {
      config: read,
      schema: {
        tags,
        summary: '培训台账',
        querystring: z.strictObject({ authorityId: z.uuid().optional() }),
        response: { 200: ZTrainingList },
      },
    },
    (req) => listTrainings(d, ctxOf(req), req.query.authorityId),
  );
  r.get(
    '/api/awards',
    {
      config: read,
      schema: {
        tags,
        summary: '表彰台账',
        querystring: z.strictObject({
          authorityId: z.uuid().optional(),
          kind: z.enum(['excellentInspector', 'excellentReport']).optional(),
        }),
        response: { 200: ZAwardList },
      },
    },
    (req) => listAwards(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/appraisals/:id/appraisal.docx',
    {
      config: { permission: 'personnel:read', reauth: true },
      schema: { tags, summary: '导出工作鉴定（送原单位）', params: ZIdParam },
    },
    async (req, reply) => {
      const f = await appraisalDocx(d, ctxOf(req), req.params.id);
      return sendDownload(reply, DOCX_MIME, f.name, f.buf);
    },
  );
  r.get(
    '/api/personnel/ledgers.xlsx',
    {
      config: { permission: 'personnel:read', reauth: true },
      schema: {
        tags,
        summary: '导出培训与表彰台账',
        querystring: z.strictObject({ authorityId: z.uuid().optional() }),
      },
    },
    async (req, reply) => {
      const f = await ledgersXlsx(d, ctxOf(req), req.query.authorityId);
      return sendDownload(reply, XLSX_MIME, f.name, f.buf);
    },
  );
  r.post(
    '/api/trainings',
    { config: write, schema: { tags, summary: '登记培训', body: ZTrainingCreate, response: { 201: ZTraining } } },
    async (req, reply) => reply.status(201).send(await createTraining(d, ctxOf(req), req.body)),
  );
  r.get(
    '/api/trainings/:id/attendees',
    { config: read, schema: { tags, summary: '参训人员', params: ZIdParam, response: { 200: ZAttendeeList } } },
    (req) => listAttendees(d, ctxOf(req), req.params.id),
  );
  r.put(
    '/api/trainings/:id/attendees',
    {
      config: write,
      schema: {
        tags,
        summary: '登记参训人员（签到表）',
        params: ZIdParam,
        body: ZTrainingAttendees,
        response: { 200: ZTraining },
      },
    },
    (req) => setAttendees(d, ctxOf(req), req.params.id, req.body.inspectorIds),
  );
  r.post(
    '/api/secondments',
    { config: write, schema: { tags, summary: '登记以干代训', body: ZSecondmentCreate, response: { 201: ZCreated } } },
    async (req, reply) => reply.status(201).send(await createSecondment(d, ctxOf(req), 'secondment', req.body)),
  );
  r.post(
    '/api/shadowings',
    { config: write, schema: { tags, summary: '登记跟班学习', body: ZShadowingCreate, response: { 201: ZCreated } } },
    async (req, reply) => reply.status(201).send(await createSecondment(d, ctxOf(req), 'shadowing', req.body)),
  );
  r.post(
    '/api/appraisals',
    { config: write, schema: { tags, summary: '登记工作鉴定', body: ZAppraisalCreate, response: { 201: ZCreated } } },
    async (req, reply) => reply.status(201).send(await createAppraisal(d, ctxOf(req), req.body)),
  );
  r.post(
    '/api/awards',
    {
      config: write,
      schema: {
        tags,
        summary: '登记表彰',
        querystring: z.strictObject({ authorityId: z.uuid({ message: '请选择巡察机构' }) }),
        body: ZAwardCreate,
        response: { 201: ZCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await createAward(d, ctxOf(req), req.query.authorityId, req.body)),
  );
  r.get(
    '/api/personnel-settings',
    {
      config: read,
      schema: {
        tags,
        summary: '组队与回避设置',
        querystring: z.strictObject({ authorityId: z.uuid({ message: '请选择巡察机构' }) }),
        response: { 200: ZPersonnelSettingsResponse },
      },
    },
    (req) => getPersonnelSettings(d, ctxOf(req), req.query.authorityId),
  );
  r.put(
    '/api/personnel-settings',
    {
      config: { permission: 'recusal:override' },
      schema: {
        tags,
        summary: '修改组队与回避设置（巡察办领导）',
        querystring: z.strictObject({ authorityId: z.uuid({ message: '请选择巡察机构' }) }),
        body: ZPersonnelSettingsUpdate,
        response: { 200: ZPersonnelSettingsResponse },
      },
    },
    (req) => updatePersonnelSettings(d, ctxOf(req), req.query.authorityId, req.body),
  );
}
