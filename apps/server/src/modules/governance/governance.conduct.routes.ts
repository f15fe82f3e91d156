import {
  ZConductEvaluation,
  ZConductEvaluationList,
  ZConductIssue,
  ZConductResultLine,
  ZConductResultNames,
  ZConductResults,
  ZConductResultsQuery,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
import { registerConductLines } from '../personnel/index.ts';
import {
  closeConductEvaluation,
  conductHistory,
  conductLinesOf,
  conductResultsOf,
  issueConductEvaluations,
  listConductEvaluations,
} from './governance.conduct.ts';

/**
 * 巡察组作风纪律评估: issue the questionnaires at feedback, close and tally them, results per team and
 * round, each member's lines in the appraisal history. The printed single-use links are the surveys
 * module's: GET /api/survey-batches/{batchId}/codes.docx with the evaluation's batchId.
 */
export async function governanceConductRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['governance']);
  const d = app.deps;
  const read = { permission: 'governance:read' as const };
  const manage = { permission: 'governance:manage' as const };
  // The inspector's profile (personnel) shows these lines in its appraisal history too.
  registerConductLines(conductLinesOf);

  route.get(
    '/api/inspections/:id/conduct-evaluations',
    read,
    { summary: '作风纪律评估（本次巡察）', params: ZIdParam, response: { 200: ZConductEvaluationList } },
    (req) => listConductEvaluations(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspections/:id/conduct-evaluations',
    manage,
    {
      summary: '发放作风纪律评估（反馈时及回访，一次性链接）',
      params: ZIdParam,
      body: ZConductIssue,
      response: { 201: ZConductEvaluationList },
    },
    (req) => issueConductEvaluations(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/conduct-evaluations/:id/close',
    manage,
    { summary: '结束测评并统计满意度', params: ZIdParam, response: { 200: ZConductEvaluation } },
    (req) => closeConductEvaluation(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/conduct-results',
    read,
    {
      summary: '作风纪律评估结果（按巡察组、轮次）',
      querystring: ZConductResultsQuery,
      response: { 200: ZConductResults.extend({ names: ZConductResultNames }) },
    },
    (req) => conductResultsOf(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/inspectors/:id/conduct-history',
    { permission: 'personnel:read' },
    {
      summary: '巡察干部作风纪律评估记录',
      params: ZIdParam,
      response: { 200: z.object({ items: z.array(ZConductResultLine) }) },
    },
    (req) => conductHistory(d, ctxOf(req), req.params.id),
  );
}
