import {
  ZCoverage,
  ZDeadlineSettingsResponse,
  ZDeadlineSettingsUpdate,
  ZHolidayList,
  ZHolidayListQuery,
  ZHolidayYearUpdate,
  ZInspection,
  ZInspectionCreate,
  ZInspectionDetail,
  ZInspectionList,
  ZInspectionListQuery,
  ZInspectionUpdate,
  ZRound,
  ZRoundApprove,
  ZRoundCreate,
  ZRoundList,
  ZRoundUpdate,
  ZStageTransition,
  ZTargetSuggestion,
  ZTargetSuggestionQuery,
  ZTerm,
  ZTermCreate,
  ZTermList,
  ZTermUpdate,
  zCursor,
  zLimit,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { routesOf, ZAuthorityQuery, ZIdParam } from '../../platform/routes.ts';
import { getDeadlineSettings, listCalendar, replaceCalendarYear, updateDeadlineSettings } from './planning.calendar.ts';
import { coverageXlsx, roundPlanDocx } from './planning.documents.ts';
import { createInspection, deleteInspection, listInspections, updateInspection } from './planning.inspections.ts';
import { approveRound, createRound, getRound, listRounds, updateRound } from './planning.rounds.ts';
import { getInspection, transitionInspection } from './planning.stages.ts';
import { createTerm, getTerm, listTerms, termCoverage, termSuggestions, updateTerm } from './planning.terms.ts';

/** 届内巡察全覆盖: terms, rounds, inspections and their stage machine, coverage, calendar. */
export async function planningRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['planning']);
  const d = app.deps;
  const read = { permission: 'plan:read' as const };
  const write = { permission: 'plan:write' as const };
  const exporting = { permission: 'plan:export' as const, reauth: true };
  const calendar = { permission: 'calendar:manage' as const };

  const ZTermListQuery = z.strictObject({ authorityId: z.uuid().optional(), limit: zLimit, cursor: zCursor });
  route.get(
    '/api/terms',
    read,
    { summary: '届期列表', querystring: ZTermListQuery, response: { 200: ZTermList } },
    (req) => listTerms(d, ctxOf(req), req.query),
  );
  route.get('/api/terms/:id', read, { summary: '届期', params: ZIdParam, response: { 200: ZTerm } }, (req) =>
    getTerm(d, ctxOf(req), req.params.id),
  );
  route.post('/api/terms', write, { summary: '新建届期', body: ZTermCreate, response: { 201: ZTerm } }, (req) =>
    createTerm(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/terms/:id',
    write,
    { summary: '修改届期', params: ZIdParam, body: ZTermUpdate, response: { 200: ZTerm } },
    (req) => updateTerm(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/terms/:id/coverage',
    read,
    { summary: '届内巡察全覆盖情况（未覆盖名单为前500个）', params: ZIdParam, response: { 200: ZCoverage } },
    async (req) => {
      const { uncoveredSectors: _s, ...cov } = await termCoverage(d, ctxOf(req), req.params.id);
      return cov;
    },
  );
  route.download('/api/terms/:id/coverage.xlsx', exporting, { summary: '导出全覆盖台账', params: ZIdParam }, (req) =>
    coverageXlsx(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/terms/:id/suggestions',
    read,
    {
      summary: '推荐巡察对象（一托二分组）',
      params: ZIdParam,
      querystring: ZTargetSuggestionQuery,
      response: { 200: ZTargetSuggestion },
    },
    (req) => termSuggestions(d, ctxOf(req), req.params.id, req.query),
  );

  const ZRoundListQuery = z.strictObject({ termId: z.uuid().optional(), limit: zLimit, cursor: zCursor });
  route.get(
    '/api/rounds',
    read,
    { summary: '轮次列表', querystring: ZRoundListQuery, response: { 200: ZRoundList } },
    (req) => listRounds(d, ctxOf(req), req.query),
  );
  route.get('/api/rounds/:id', read, { summary: '轮次', params: ZIdParam, response: { 200: ZRound } }, (req) =>
    getRound(d, ctxOf(req), req.params.id),
  );
  route.post('/api/rounds', write, { summary: '新建轮次', body: ZRoundCreate, response: { 201: ZRound } }, (req) =>
    createRound(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/rounds/:id',
    write,
    { summary: '修改轮次', params: ZIdParam, body: ZRoundUpdate, response: { 200: ZRound } },
    (req) => updateRound(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/rounds/:id/approve',
    { permission: 'plan:approve' },
    { summary: '记录领导小组审批', params: ZIdParam, body: ZRoundApprove, response: { 200: ZRound } },
    (req) => approveRound(d, ctxOf(req), req.params.id, req.body),
  );
  route.download(
    '/api/rounds/:id/plan.docx',
    exporting,
    { summary: '导出巡察工作方案（摘要）', params: ZIdParam },
    (req) => roundPlanDocx(d, ctxOf(req), req.params.id),
  );

  route.get(
    '/api/inspections',
    read,
    { summary: '巡察列表', querystring: ZInspectionListQuery, response: { 200: ZInspectionList } },
    (req) => listInspections(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/inspections/:id',
    read,
    { summary: '巡察详情', params: ZIdParam, response: { 200: ZInspectionDetail } },
    (req) => getInspection(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspections',
    write,
    { summary: '新增巡察', body: ZInspectionCreate, response: { 201: ZInspection } },
    (req) => createInspection(d, ctxOf(req), req.body),
  );
  route.patch(
    '/api/inspections/:id',
    write,
    {
      summary: '修改巡察计划（进驻前）',
      params: ZIdParam,
      body: ZInspectionUpdate,
      response: { 200: ZInspectionDetail },
    },
    (req) => updateInspection(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete(
    '/api/inspections/:id',
    write,
    { summary: '删除巡察（仅计划阶段）', params: ZIdParam, response: { 204: z.null() } },
    (req) => deleteInspection(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspections/:id/transition',
    { permission: 'inspection:transition' },
    { summary: '变更巡察阶段', params: ZIdParam, body: ZStageTransition, response: { 200: ZInspectionDetail } },
    (req) => transitionInspection(d, ctxOf(req), req.params.id, req.body),
  );

  route.get(
    '/api/calendar',
    read,
    {
      summary: '节假日与调休',
      querystring: ZHolidayListQuery.extend(ZAuthorityQuery.shape),
      response: { 200: ZHolidayList },
    },
    (req) => listCalendar(d, ctxOf(req), req.query.authorityId, req.query.year),
  );
  route.put(
    '/api/calendar',
    calendar,
    {
      summary: '维护本机构某年的节假日',
      querystring: ZAuthorityQuery,
      body: ZHolidayYearUpdate,
      response: { 200: ZHolidayList },
    },
    (req) => replaceCalendarYear(d, ctxOf(req), req.query.authorityId, req.body),
  );
  route.get(
    '/api/deadline-settings',
    read,
    { summary: '工作时限设置', querystring: ZAuthorityQuery, response: { 200: ZDeadlineSettingsResponse } },
    (req) => getDeadlineSettings(d, ctxOf(req), req.query.authorityId),
  );
  route.put(
    '/api/deadline-settings',
    calendar,
    {
      summary: '修改工作时限设置',
      querystring: ZAuthorityQuery,
      body: ZDeadlineSettingsUpdate,
      response: { 200: ZDeadlineSettingsResponse },
    },
    (req) => updateDeadlineSettings(d, ctxOf(req), req.query.authorityId, req.body),
  );
}
