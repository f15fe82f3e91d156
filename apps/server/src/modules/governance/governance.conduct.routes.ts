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
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { registerConductLines } from '../personnel/index.ts';
import {
  closeConductEvaluation,
  conductHistory,
  conductLinesOf,
  conductResultsOf,
  issueConductEvaluations,
  listConductEvaluations,
} from './governance.conduct.ts';

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const tags = ['governance'];

/**
 * 巡察组作风纪律评估: issue the questionnaires at feedback, close and tally them, results per team and
 * round, each member's lines in the appraisal history. The printed single-use links are the surveys
 * module's: GET /api/survey-batches/{batchId}/codes.docx with the evaluation's batchId.
 */
export async function governanceConductRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;
  const read = { permission: 'governance:read' as const };
  const manage = { permission: 'governance:manage' as const };
  // The inspector's profile (personnel) shows these lines in its appraisal history too.
  registerConductLines(conductLinesOf);

  r.get(
    '/api/inspections/:id/conduct-evaluations',
    {
      config: read,
      schema: {
        tags,
        summary: '作风纪律评估（本次巡察）',
        params: ZIdParam,
        response: { 200: ZConductEvaluationList },
      },
    },
    (req) => listConductEvaluations(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inspections/:id/conduct-evaluations',
    {
      config: manage,
      schema: {
        tags,
        summary: '发放作风纪律评估（反馈时及回访，一次性链接）',
        params: ZIdParam,
        body: ZConductIssue,
        response: { 201: ZConductEvaluationList },
      },
    },
    async (req, reply) => reply.status(201).send(await issueConductEvaluations(d, ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/conduct-evaluations/:id/close',
    {
      config: manage,
      schema: { tags, summary: '结束测评并统计满意度', params: ZIdParam, response: { 200: ZConductEvaluation } },
    },
    (req) => closeConductEvaluation(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/conduct-results',
    {
      config: read,
      schema: {
        tags,
        summary: '作风纪律评估结果（按巡察组、轮次）',
        querystring: ZConductResultsQuery,
        response: { 200: ZConductResults.extend({ names: ZConductResultNames }) },
      },
    },
    (req) => conductResultsOf(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/inspectors/:id/conduct-history',
    {
      config: { permission: 'personnel:read' },
      schema: {
        tags,
        summary: '巡察干部作风纪律评估记录',
        params: ZIdParam,
        response: { 200: z.object({ items: z.array(ZConductResultLine) }) },
      },
    },
    (req) => conductHistory(d, ctxOf(req), req.params.id),
  );
}
