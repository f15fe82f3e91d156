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
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { sendDownload, XLSX_MIME } from '../../platform/spreadsheets.ts';
import { getDeadlineSettings, listCalendar, replaceCalendarYear, updateDeadlineSettings } from './planning.calendar.ts';
import { coverageXlsx, roundPlanDocx } from './planning.documents.ts';
import { createInspection, deleteInspection, listInspections, updateInspection } from './planning.inspections.ts';
import { approveRound, createRound, getRound, listRounds, updateRound } from './planning.rounds.ts';
import { getInspection, transitionInspection } from './planning.stages.ts';
import { createTerm, getTerm, listTerms, termCoverage, termSuggestions, updateTerm } from './planning.terms.ts';

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const ZAuthorityQuery = z.strictObject({ authorityId: z.uuid({ message: '请选择巡察机构' }) });
const tags = ['planning'];
const noContent = { 204: z.null() };

/** 届内巡察全覆盖: terms, rounds, inspections and their stage machine, coverage, calendar. */
export async function planningRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;
  const read = { permission: 'plan:read' as const };
  const write = { permission: 'plan:write' as const };

  r.get(
    '/api/terms',
    {
      config: read,
      schema: {
        tags,
        summary: '届期列表',
        querystring: z.strictObject({ authorityId: z.uuid().optional(), limit: zLimit, cursor: zCursor }),
        response: { 200: ZTermList },
      },
    },
    (req) => listTerms(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/terms/:id',
    { config: read, schema: { tags, summary: '届期', params: ZIdParam, response: { 200: ZTerm } } },
    (req) => getTerm(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/terms',
    { config: write, schema: { tags, summary: '新建届期', body: ZTermCreate, response: { 201: ZTerm } } },
    async (req, reply) => reply.status(201).send(await createTerm(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/terms/:id',
    {
      config: write,
      schema: { tags, summary: '修改届期', params: ZIdParam, body: ZTermUpdate, response: { 200: ZTerm } },
    },
    (req) => updateTerm(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/terms/:id/coverage',
    {
      config: read,
      schema: {
        tags,
        summary: '届内巡察全覆盖情况（未覆盖名单为前500个）',
        params: ZIdParam,
        response: { 200: ZCoverage },
      },
    },
    async (req) => {
      const { uncoveredSectors: _s, ...cov } = await termCoverage(d, ctxOf(req), req.params.id);
      return cov;
    },
  );
  r.get(
    '/api/terms/:id/coverage.xlsx',
    {
      config: { permission: 'plan:export', reauth: true },
      schema: { tags, summary: '导出全覆盖台账', params: ZIdParam },
    },
    async (req, reply) => {
      const f = await coverageXlsx(d, ctxOf(req), req.params.id);
      return sendDownload(reply, XLSX_MIME, f.name, f.buf);
    },
  );
  r.get(
    '/api/terms/:id/suggestions',
    {
      config: read,
      schema: {
        tags,
        summary: '推荐巡察对象（一托二分组）',
        params: ZIdParam,
        querystring: ZTargetSuggestionQuery,
        response: { 200: ZTargetSuggestion },
      },
    },
    (req) => termSuggestions(d, ctxOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/rounds',
    {
      config: read,
      schema: {
        tags,
        summary: '轮次列表',
        querystring: z.strictObject({ termId: z.uuid().optional(), limit: zLimit, cursor: zCursor }),
        response: { 200: ZRoundList },
      },
    },
    (req) => listRounds(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/rounds/:id',
    { config: read, schema: { tags, summary: '轮次', params: ZIdParam, response: { 200: ZRound } } },
    (req) => getRound(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/rounds',
    { config: write, schema: { tags, summary: '新建轮次', body: ZRoundCreate, response: { 201: ZRound } } },
    async (req, reply) => reply.status(201).send(await createRound(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/rounds/:id',
    {
      config: write,
      schema: { tags, summary: '修改轮次', params: ZIdParam, body: ZRoundUpdate, response: { 200: ZRound } },
    },
    (req) => updateRound(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/rounds/:id/approve',
    {
      config: { permission: 'plan:approve' },
      schema: { tags, summary: '记录领导小组审批', params: ZIdParam, body: ZRoundApprove, response: { 200: ZRound } },
    },
    (req) => approveRound(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/rounds/:id/plan.docx',
    {
      config: { permission: 'plan:export', reauth: true },
      schema: { tags, summary: '导出巡察工作方案（摘要）', params: ZIdParam },
    },
    async (req, reply) => {
      const f = await roundPlanDocx(d, ctxOf(req), req.params.id);
      return sendDownload(reply, DOCX_MIME, f.name, f.buf);
    },
  );

  r.get(
    '/api/inspections',
    {
      config: read,
      schema: { tags, summary: '巡察列表', querystring: ZInspectionListQuery, response: { 200: ZInspectionList } },
    },
    (req) => listInspections(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/inspections/:id',
    { config: read, schema: { tags, summary: '巡察详情', params: ZIdParam, response: { 200: ZInspectionDetail } } },
    (req) => getInspection(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inspections',
    { config: write, schema: { tags, summary: '新增巡察', body: ZInspectionCreate, response: { 201: ZInspection } } },
    async (req, reply) => reply.status(201).send(await createInspection(d, ctxOf(req), req.body)),
  );
  r.patch(
    '/api/inspections/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改巡察计划（进驻前）',
        params: ZIdParam,
        body: ZInspectionUpdate,
        response: { 200: ZInspectionDetail },
      },
    },
    (req) => updateInspection(d, ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/inspections/:id',
    { config: write, schema: { tags, summary: '删除巡察（仅计划阶段）', params: ZIdParam, response: noContent } },
    async (req, reply) => {
      await deleteInspection(d, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/inspections/:id/transition',
    {
      config: { permission: 'inspection:transition' },
      schema: {
        tags,
        summary: '变更巡察阶段',
        params: ZIdParam,
        body: ZStageTransition,
        response: { 200: ZInspectionDetail },
      },
    },
    (req) => transitionInspection(d, ctxOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/calendar',
    {
      config: read,
      schema: {
        tags,
        summary: '节假日与调休',
        querystring: ZHolidayListQuery.extend(ZAuthorityQuery.shape),
        response: { 200: ZHolidayList },
      },
    },
    (req) => listCalendar(d, ctxOf(req), req.query.authorityId, req.query.year),
  );
  r.put(
    '/api/calendar',
    {
      config: { permission: 'calendar:manage' },
      schema: {
        tags,
        summary: '维护本机构某年的节假日',
        querystring: ZAuthorityQuery,
        body: ZHolidayYearUpdate,
        response: { 200: ZHolidayList },
      },
    },
    (req) => replaceCalendarYear(d, ctxOf(req), req.query.authorityId, req.body),
  );
  r.get(
    '/api/deadline-settings',
    {
      config: read,
      schema: {
        tags,
        summary: '工作时限设置',
        querystring: ZAuthorityQuery,
        response: { 200: ZDeadlineSettingsResponse },
      },
    },
    (req) => getDeadlineSettings(d, ctxOf(req), req.query.authorityId),
  );
  r.put(
    '/api/deadline-settings',
    {
      config: { permission: 'calendar:manage' },
      schema: {
        tags,
        summary: '修改工作时限设置',
        querystring: ZAuthorityQuery,
        body: ZDeadlineSettingsUpdate,
        response: { 200: ZDeadlineSettingsResponse },
      },
    },
    (req) => updateDeadlineSettings(d, ctxOf(req), req.query.authorityId, req.body),
  );
}
