import {
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
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { importedFile, routesOf, ZAuthorityQuery, ZIdParam } from '../../platform/routes.ts';
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

/** 巡察干部、人才库、回避、组队、一次一授权 and the growth ledgers. */
export async function personnelRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['personnel']);
  const d = app.deps;
  const read = { permission: 'personnel:read' as const };
  const write = { permission: 'personnel:write' as const };
  const planRead = { permission: 'plan:read' as const };
  const planWrite = { permission: 'plan:write' as const };

  // 巡察组 of a round: named by the office while planning the round, staffed below.
  route.get(
    '/api/rounds/:id/teams',
    planRead,
    { summary: '本轮巡察组', params: ZIdParam, response: { 200: ZTeamList } },
    (req) => listTeams(d, ctxOf(req), req.params.id),
  );
  route.post('/api/teams', planWrite, { summary: '新增巡察组', body: ZTeamCreate, response: { 201: ZTeam } }, (req) =>
    createTeam(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/teams/:id',
    planWrite,
    { summary: '修改巡察组', params: ZIdParam, body: ZTeamUpdate, response: { 200: ZTeam } },
    (req) => updateTeam(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete(
    '/api/teams/:id',
    planWrite,
    { summary: '删除巡察组', params: ZIdParam, response: { 204: z.null() } },
    (req) => deleteTeam(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/inspectors',
    read,
    { summary: '巡察干部库', querystring: ZInspectorListQuery, response: { 200: ZInspectorList } },
    (req) => listInspectors(d, ctxOf(req), req.query),
  );
  route.download('/api/inspectors/import-template', write, { summary: '下载巡察干部导入模板' }, async () => ({
    name: '巡察干部导入模板.xlsx',
    data: await inspectorImportTemplate(),
  }));
  route.post(
    '/api/inspectors/import',
    write,
    {
      summary: '从 Excel 导入巡察干部（全部成功或全部不导入）',
      querystring: ZAuthorityQuery,
      consumes: ['multipart/form-data'],
      response: { 200: ZImportResult },
    },
    async (req) => importInspectors(d, ctxOf(req), req.query.authorityId, await importedFile(req)),
  );
  route.get(
    '/api/inspectors/:id',
    read,
    { summary: '干部档案', params: ZIdParam, response: { 200: ZInspectorProfile } },
    (req) => getInspector(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspectors',
    write,
    { summary: '新增巡察干部', body: ZInspectorCreate, response: { 201: ZInspector } },
    (req) => createInspector(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/inspectors/:id',
    write,
    { summary: '修改巡察干部', params: ZIdParam, body: ZInspectorUpdate, response: { 200: ZInspector } },
    (req) => updateInspector(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/inspections/:id/recusal',
    read,
    { summary: '回避审查（本机构全部干部）', params: ZIdParam, response: { 200: ZRecusalReport } },
    (req) => inspectionRecusal(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/inspections/:id/team-suggestion',
    read,
    { summary: '推荐组队', params: ZIdParam, response: { 200: ZTeamSuggestion } },
    (req) => teamSuggestion(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspections/:id/declarations',
    write,
    { summary: '登记回避申请书', params: ZIdParam, body: ZDeclaration, response: { 201: ZRecusalReport } },
    (req) => fileRecusalStatement(d, ctxOf(req), req.params.id, 'declaration', req.body),
  );
  route.post(
    '/api/inspections/:id/objections',
    write,
    {
      summary: '登记被巡察党组织提出的回避申请',
      params: ZIdParam,
      body: ZObjection,
      response: { 201: ZRecusalReport },
    },
    (req) => fileRecusalStatement(d, ctxOf(req), req.params.id, 'objection', req.body),
  );
  route.get(
    '/api/teams/:id/roster',
    planRead,
    { summary: '巡察组名单', params: ZIdParam, response: { 200: ZTeamRoster } },
    (req) => getRoster(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/teams/:id/members',
    planWrite,
    {
      summary: '加入巡察组（存在回避情形时409，领导可书面说明例外）',
      params: ZIdParam,
      body: ZTeamMemberAdd,
      response: { 201: ZTeamRoster },
    },
    (req) => addMember(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete(
    '/api/teams/:id/members/:memberId',
    planWrite,
    {
      summary: '移出巡察组',
      params: z.strictObject({ id: z.uuid(), memberId: z.uuid() }),
      querystring: z.strictObject({ version: z.coerce.number().int() }),
      response: { 200: ZTeamRoster },
    },
    (req) => removeMember(d, ctxOf(req), req.params.id, req.params.memberId, req.query.version),
  );
  route.get(
    '/api/rounds/:id/authorization',
    planRead,
    { summary: '一次一授权决定', params: ZIdParam, response: { 200: ZAuthorization } },
    (req) => getAuthorization(d, ctxOf(req), req.params.id),
  );
  route.put(
    '/api/rounds/:id/authorization',
    planWrite,
    { summary: '登记一次一授权决定', params: ZIdParam, body: ZAuthorizationCreate, response: { 200: ZAuthorization } },
    (req) => putAuthorization(d, ctxOf(req), req.params.id, req.body),
  );
  route.download(
    '/api/rounds/:id/authorization.docx',
    { permission: 'plan:export', reauth: true },
    { summary: '导出授权决定', params: ZIdParam },
    (req) => authorizationDocx(d, ctxOf(req), req.params.id),
  );
  const ZAuthorityFilter = z.strictObject({ authorityId: z.uuid().optional() });
  route.get(
    '/api/trainings',
    read,
    { summary: '培训台账', querystring: ZAuthorityFilter, response: { 200: ZTrainingList } },
    (req) => listTrainings(d, ctxOf(req), req.query.authorityId),
  );
  route.get(
    '/api/awards',
    read,
    {
      summary: '表彰台账',
      querystring: ZAuthorityFilter.extend({ kind: z.enum(['excellentInspector', 'excellentReport']).optional() }),
      response: { 200: ZAwardList },
    },
    (req) => listAwards(d, ctxOf(req), req.query),
  );
  route.download(
    '/api/appraisals/:id/appraisal.docx',
    { ...read, reauth: true },
    { summary: '导出工作鉴定（送原单位）', params: ZIdParam },
    (req) => appraisalDocx(d, ctxOf(req), req.params.id),
  );
  route.download(
    '/api/personnel/ledgers.xlsx',
    { ...read, reauth: true },
    { summary: '导出培训与表彰台账', querystring: ZAuthorityFilter },
    (req) => ledgersXlsx(d, ctxOf(req), req.query.authorityId),
  );
  route.post(
    '/api/trainings',
    write,
    { summary: '登记培训', body: ZTrainingCreate, response: { 201: ZTraining } },
    (req) => createTraining(d, ctxOf(req), req.body),
  );
  route.get(
    '/api/trainings/:id/attendees',
    read,
    { summary: '参训人员', params: ZIdParam, response: { 200: ZAttendeeList } },
    (req) => listAttendees(d, ctxOf(req), req.params.id),
  );
  route.put(
    '/api/trainings/:id/attendees',
    write,
    { summary: '登记参训人员（签到表）', params: ZIdParam, body: ZTrainingAttendees, response: { 200: ZTraining } },
    (req) => setAttendees(d, ctxOf(req), req.params.id, req.body.inspectorIds),
  );
  route.post(
    '/api/secondments',
    write,
    { summary: '登记以干代训', body: ZSecondmentCreate, response: { 201: ZCreated } },
    (req) => createSecondment(d, ctxOf(req), 'secondment', req.body),
  );
  route.post(
    '/api/shadowings',
    write,
    { summary: '登记跟班学习', body: ZShadowingCreate, response: { 201: ZCreated } },
    (req) => createSecondment(d, ctxOf(req), 'shadowing', req.body),
  );
  route.post(
    '/api/appraisals',
    write,
    { summary: '登记工作鉴定', body: ZAppraisalCreate, response: { 201: ZCreated } },
    (req) => createAppraisal(d, ctxOf(req), req.body),
  );
  route.post(
    '/api/awards',
    write,
    { summary: '登记表彰', querystring: ZAuthorityQuery, body: ZAwardCreate, response: { 201: ZCreated } },
    (req) => createAward(d, ctxOf(req), req.query.authorityId, req.body),
  );
  route.get(
    '/api/personnel-settings',
    read,
    { summary: '组队与回避设置', querystring: ZAuthorityQuery, response: { 200: ZPersonnelSettingsResponse } },
    (req) => getPersonnelSettings(d, ctxOf(req), req.query.authorityId),
  );
  route.put(
    '/api/personnel-settings',
    { permission: 'recusal:override' },
    {
      summary: '修改组队与回避设置（巡察办领导）',
      querystring: ZAuthorityQuery,
      body: ZPersonnelSettingsUpdate,
      response: { 200: ZPersonnelSettingsResponse },
    },
    (req) => updatePersonnelSettings(d, ctxOf(req), req.query.authorityId, req.body),
  );
}
