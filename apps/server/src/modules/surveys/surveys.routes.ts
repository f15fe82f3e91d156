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
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { fingerprintOf, IdempotencyCache, publicClientKey, publicRoute, Throttle } from '../../platform/public.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
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

const ZVersionQuery = z.strictObject({ version: z.coerce.number().int().min(1) });
const ZEntryParam = z.strictObject({ entry: z.string().max(60) });
/** The random id the public page keeps on a phone (x-client-id), used only for the per-phone cap. */
const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** 问卷测评: the builder, distribution (open code and single-use links), results; public answering. */
export async function surveysRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['surveys']);
  const d = app.deps;
  const read = { permission: 'survey:read' as const };
  const manage = { permission: 'survey:manage' as const };

  route.get(
    '/api/surveys',
    read,
    { summary: '问卷列表', querystring: ZSurveyListQuery, response: { 200: ZSurveyList } },
    (req) => listSurveys(d, ctxOf(req), req.query),
  );
  route.post('/api/surveys', manage, { summary: '新建问卷', body: ZSurveyCreate, response: { 201: ZSurvey } }, (req) =>
    createSurvey(d, ctxOf(req), req.body),
  );
  route.get('/api/surveys/:id', read, { summary: '问卷详情', params: ZIdParam, response: { 200: ZSurvey } }, (req) =>
    getSurvey(d, ctxOf(req), req.params.id),
  );
  route.patch(
    '/api/surveys/:id',
    manage,
    { summary: '修改问卷（仅草稿）', params: ZIdParam, body: ZSurveyUpdate, response: { 200: ZSurvey } },
    (req) => updateSurvey(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/surveys/:id/status',
    manage,
    { summary: '发布或结束问卷', params: ZIdParam, body: ZSurveyMove, response: { 200: ZSurvey } },
    (req) => moveSurvey(d, ctxOf(req), req.params.id, req.body),
  );
  route.delete(
    '/api/surveys/:id',
    manage,
    { summary: '删除草稿问卷', params: ZIdParam, querystring: ZVersionQuery, response: { 204: z.null() } },
    (req) => deleteSurvey(d, ctxOf(req), req.params.id, req.query.version),
  );
  route.image('/api/surveys/:id/qr.png', read, { summary: '公开二维码图片', params: ZIdParam }, (req) =>
    surveyQrPng(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/surveys/:id/batches',
    read,
    { summary: '一次性链接批次', params: ZIdParam, response: { 200: ZSurveyBatchList } },
    (req) => listBatches(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/surveys/:id/batches',
    manage,
    { summary: '生成一批一次性链接', params: ZIdParam, body: ZSurveyBatchCreate, response: { 201: ZSurveyBatch } },
    (req) => createBatch(d, ctxOf(req), req.params.id, req.body),
  );
  route.download(
    '/api/survey-batches/:id/codes.docx',
    { ...manage, reauth: true },
    { summary: '一次性二维码（Word，可裁切发放）', params: ZIdParam },
    (req) => batchDocx(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/surveys/:id/results',
    read,
    { summary: '问卷结果', params: ZIdParam, response: { 200: ZSurveyResults } },
    (req) => surveyResults(d, ctxOf(req), req.params.id),
  );
  route.download(
    '/api/surveys/:id/answers.xlsx',
    { permission: 'survey:export', reauth: true },
    { summary: '导出匿名答卷', params: ZIdParam },
    (req) => answersXlsx(d, ctxOf(req), req.params.id),
  );

  // ---------------------------------------------------------------- public (no session)
  const publicRoutes = routesOf(app, ['public']);
  const pub = publicRoute(d.config.publicRateLimitPerMinute);
  // Open-code answers per client and survey; the survey's own cap (openCap) is checked against it.
  const openAnswers = new Throttle(d.shared, 'surveys:openAnswers', OPEN_NETWORK_CAP, 30 * 24 * 60 * 60_000);
  const answersOnce = new IdempotencyCache<{ accepted: true; verified: boolean }>(d.shared, d.keys.tokenKey);
  publicRoutes.get(
    '/api/public/surveys/:entry',
    pub,
    { summary: '问卷（公开二维码或一次性链接）', params: ZEntryParam, response: { 200: ZPublicSurvey } },
    (req) => publicSurvey(d, req.params.entry),
  );
  publicRoutes.post(
    '/api/public/surveys/:entry/answers',
    pub,
    {
      summary: '提交答卷（一次性链接只能提交一次）',
      params: ZEntryParam,
      body: ZSurveyAnswerSubmit,
      response: { 201: ZAnswerAccepted },
    },
    async (req) => {
      const now = d.clock.now().getTime();
      const client = await publicClientKey(d, req, now);
      const device = req.headers['x-client-id'];
      const fp = fingerprintOf([req.params.entry, JSON.stringify(req.body.answers)]);
      return answersOnce.run(req, client, fp, now, () =>
        submitAnswer(
          d,
          openAnswers,
          { ip: client, device: typeof device === 'string' && DEVICE_ID.test(device) ? device : null },
          req.params.entry,
          req.body.answers,
        ),
      );
    },
  );
}
