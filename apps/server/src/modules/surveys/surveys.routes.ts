import {
  ZAnswerAccepted,
  ZPublicSurvey,
  ZSurvey,
  ZSurveyAnswerSubmit,
  ZSurveyBatch,
  ZSurveyBatchCreate,
  ZSurveyBatchList,
  ZSurveyCreate,
  ZSurveyList,
  ZSurveyListQuery,
  ZSurveyMove,
  ZSurveyResults,
  ZSurveyUpdate,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { fingerprintOf, IdempotencyCache, publicClientKey, publicRoute, Throttle } from '../../platform/public.ts';
import { sendDownload, XLSX_MIME } from '../../platform/spreadsheets.ts';
import { answersXlsx, batchDocx, surveyQrPng } from './surveys.documents.ts';
import { OPEN_NETWORK_CAP, publicSurvey, submitAnswer } from './surveys.public.ts';
import {
  createBatch,
  createSurvey,
  deleteSurvey,
  getSurvey,
  listBatches,
  listSurveys,
  moveSurvey,
  surveyResults,
  updateSurvey,
} from './surveys.service.ts';

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const ZVersionQuery = z.strictObject({ version: z.coerce.number().int().min(1) });
const ZEntryParam = z.strictObject({ entry: z.string().max(60) });
const tags = ['surveys'];
/** The random id the public page keeps on a phone (x-client-id), used only for the per-phone cap. */
const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** 问卷测评: the builder, distribution (open code and single-use links), results; public answering. */
export async function surveysRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;
  const read = { permission: 'survey:read' as const };
  const manage = { permission: 'survey:manage' as const };

  r.get(
    '/api/surveys',
    {
      config: read,
      schema: { tags, summary: '问卷列表', querystring: ZSurveyListQuery, response: { 200: ZSurveyList } },
    },
    (req) => listSurveys(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/surveys',
    { config: manage, schema: { tags, summary: '新建问卷', body: ZSurveyCreate, response: { 201: ZSurvey } } },
    async (req, reply) => reply.status(201).send(await createSurvey(d, ctxOf(req), req.body)),
  );
  r.get(
    '/api/surveys/:id',
    { config: read, schema: { tags, summary: '问卷详情', params: ZIdParam, response: { 200: ZSurvey } } },
    (req) => getSurvey(d, ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/surveys/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改问卷（仅草稿）',
        params: ZIdParam,
        body: ZSurveyUpdate,
        response: { 200: ZSurvey },
      },
    },
    (req) => updateSurvey(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/surveys/:id/status',
    {
      config: manage,
      schema: { tags, summary: '发布或结束问卷', params: ZIdParam, body: ZSurveyMove, response: { 200: ZSurvey } },
    },
    (req) => moveSurvey(d, ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/surveys/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '删除草稿问卷',
        params: ZIdParam,
        querystring: ZVersionQuery,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteSurvey(d, ctxOf(req), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/surveys/:id/qr.png',
    { config: read, schema: { tags, summary: '公开二维码图片', params: ZIdParam } },
    async (req, reply) =>
      reply
        .header('content-type', 'image/png')
        .header('cache-control', 'private, no-store')
        .send(await surveyQrPng(d, ctxOf(req), req.params.id)),
  );
  r.get(
    '/api/surveys/:id/batches',
    {
      config: read,
      schema: { tags, summary: '一次性链接批次', params: ZIdParam, response: { 200: ZSurveyBatchList } },
    },
    (req) => listBatches(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/surveys/:id/batches',
    {
      config: manage,
      schema: {
        tags,
        summary: '生成一批一次性链接',
        params: ZIdParam,
        body: ZSurveyBatchCreate,
        response: { 201: ZSurveyBatch },
      },
    },
    async (req, reply) => reply.status(201).send(await createBatch(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/survey-batches/:id/codes.docx',
    {
      config: { ...manage, reauth: true },
      schema: { tags, summary: '一次性二维码（Word，可裁切发放）', params: ZIdParam },
    },
    async (req, reply) => {
      const f = await batchDocx(d, ctxOf(req), req.params.id);
      return sendDownload(reply, DOCX_MIME, f.name, f.buf);
    },
  );
  r.get(
    '/api/surveys/:id/results',
    { config: read, schema: { tags, summary: '问卷结果', params: ZIdParam, response: { 200: ZSurveyResults } } },
    (req) => surveyResults(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/surveys/:id/answers.xlsx',
    {
      config: { permission: 'survey:export', reauth: true },
      schema: { tags, summary: '导出匿名答卷', params: ZIdParam },
    },
    async (req, reply) => {
      const f = await answersXlsx(d, ctxOf(req), req.params.id);
      return sendDownload(reply, XLSX_MIME, f.name, f.buf);
    },
  );

  // ---------------------------------------------------------------- public (no session)
  const pub = publicRoute(d.config.publicRateLimitPerMinute);
  // Open-code answers per client and survey; the survey's own cap (openCap) is checked against it.
  const openAnswers = new Throttle(d.shared, 'surveys:openAnswers', OPEN_NETWORK_CAP, 30 * 24 * 60 * 60_000);
  const answersOnce = new IdempotencyCache<{ accepted: true; verified: boolean }>(d.shared, d.keys.tokenKey);
  r.get(
    '/api/public/surveys/:entry',
    {
      config: pub,
      schema: {
        tags: ['public'],
        summary: '问卷（公开二维码或一次性链接）',
        params: ZEntryParam,
        response: { 200: ZPublicSurvey },
      },
    },
    (req) => publicSurvey(d, req.params.entry),
  );
  r.post(
    '/api/public/surveys/:entry/answers',
    {
      config: pub,
      schema: {
        tags: ['public'],
        summary: '提交答卷（一次性链接只能提交一次）',
        params: ZEntryParam,
        body: ZSurveyAnswerSubmit,
        response: { 201: ZAnswerAccepted },
      },
    },
    async (req, reply) => {
      const now = d.clock.now().getTime();
      const client = await publicClientKey(d, req, now);
      const device = req.headers['x-client-id'];
      const fp = fingerprintOf([req.params.entry, JSON.stringify(req.body.answers)]);
      const out = await answersOnce.run(req, client, fp, now, () =>
        submitAnswer(
          d,
          openAnswers,
          { ip: client, device: typeof device === 'string' && DEVICE_ID.test(device) ? device : null },
          req.params.entry,
          req.body.answers,
        ),
      );
      return reply.status(201).send(out);
    },
  );
}
