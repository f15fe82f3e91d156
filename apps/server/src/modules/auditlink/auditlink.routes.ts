import {
  ZDatasetDetail,
  ZDatasetList,
  ZDatasetListQuery,
  ZDatasetUploaded,
  ZHitDismiss,
  ZHitList,
  ZHitListQuery,
  ZHitOut,
  ZHitsDone,
  ZHitsToClue,
  ZHitsToPaper,
  ZInvalidRowList,
  ZInvalidRowListQuery,
  ZRuleList,
  ZRun,
  ZRunCreate,
  ZRunCreated,
  ZRunGetQuery,
  ZRunList,
  ZRunListQuery,
  ZRunSql,
} from '@xc/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
import { deleteDataset, getDataset, listDatasets, uploadDataset } from './auditlink.datasets.ts';
import { dismissHits, getHit, hitsToClue, hitsToPaper, hitsXlsx, listHits, listInvalidRows } from './auditlink.hits.ts';
import { cancelRun, createRun, listRules, listRuns, previewRun, waitRun } from './auditlink.runs.ts';
import { closeRuntime } from './auditlink.runtime.ts';

/** Aborted when the client goes away before its answer is sent (a waiting read left by its page). */
function goneSignal(reply: FastifyReply): AbortSignal {
  const ac = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ac.abort();
  });
  return ac.signal;
}

const tags = ['auditlink'];

/**
 * The upload cap of `POST /api/audit-link/datasets` only (every other route keeps the 1 MiB body
 * cap): AUDITLINK_UPLOAD_MAX_MB, default 1024 (1 GiB), read when the routes are registered so a bad
 * value stops the start with a message naming it.
 */
export function uploadLimitsFrom(env: NodeJS.ProcessEnv = process.env): { maxBytes: number } {
  const r = z.coerce.number().int().min(1).max(10_240).default(1024).safeParse(env.AUDITLINK_UPLOAD_MAX_MB);
  if (!r.success)
    throw new Error('Invalid configuration:\n  AUDITLINK_UPLOAD_MAX_MB: 应为 1 至 10240 之间的整数（MB）');
  return { maxBytes: r.data * 1024 * 1024 };
}

/**
 * 巡审贯通: datasets brought into an inspection, the rule gallery, runs (queued, polled, cancelled)
 * and their hits. The objects are an inspection team's confidential work: a caller without the
 * permission gets 404 (hideDenied), like one out of scope.
 */
export async function auditlinkRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, tags);
  const d = app.deps;
  const limits = uploadLimitsFrom();
  const read = { permission: 'auditlink:read' as const, hideDenied: true };
  const write = { permission: 'auditlink:write' as const, hideDenied: true };
  // Runs still working are interrupted, and the engine's worker stopped, before the database closes.
  app.addHook('preClose', async () => closeRuntime(d));

  route.post(
    '/api/audit-link/datasets',
    write,
    {
      summary: '上传数据表（multipart：inspectionId、file；CSV 或 XLSX，流式读取）',
      consumes: ['multipart/form-data'],
      response: { 201: ZDatasetUploaded },
    },
    (req) => uploadDataset(d, ctxOf(req), req, limits),
  );
  route.get(
    '/api/audit-link/datasets',
    read,
    { summary: '巡察的数据表', querystring: ZDatasetListQuery, response: { 200: ZDatasetList } },
    (req) => listDatasets(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/audit-link/datasets/:id',
    read,
    { summary: '数据表详情：列、类型、预览与建议的列对应', params: ZIdParam, response: { 200: ZDatasetDetail } },
    (req) => getDataset(d, ctxOf(req), req.params.id),
  );
  route.delete(
    '/api/audit-link/datasets/:id',
    { ...write, reauth: true },
    { summary: '删除数据表', params: ZIdParam, response: { 204: z.null() } },
    async (req) => {
      await deleteDataset(d, ctxOf(req), req.params.id);
    },
  );

  route.get(
    '/api/audit-link/rules',
    read,
    { summary: '比对规则库（含每条规则运行的 SQL）', response: { 200: ZRuleList } },
    () => listRules(),
  );
  route.post(
    '/api/audit-link/runs/preview',
    read,
    { summary: '按所选数据表与列对应预览比对 SQL', body: ZRunCreate, response: { 200: ZRunSql } },
    (req) => previewRun(d, ctxOf(req), req.body),
  );
  route.post(
    '/api/audit-link/runs',
    write,
    { summary: '运行比对（排队执行）', body: ZRunCreate, response: { 201: ZRunCreated } },
    (req) => createRun(d, ctxOf(req), req.body),
  );
  route.get(
    '/api/audit-link/runs',
    read,
    { summary: '巡察的比对记录', querystring: ZRunListQuery, response: { 200: ZRunList } },
    (req) => listRuns(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/audit-link/runs/:id',
    read,
    {
      summary: '比对状态与结果概况（waitMs：进行中的比对等到状态或进度变化再答复）',
      params: ZIdParam,
      querystring: ZRunGetQuery,
      response: { 200: ZRun },
    },
    (req, reply) => waitRun(d, ctxOf(req), req.params.id, req.query.waitMs, goneSignal(reply)),
  );
  route.post(
    '/api/audit-link/runs/:id/cancel',
    write,
    { summary: '取消比对', params: ZIdParam, response: { 200: ZRun } },
    (req) => cancelRun(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/audit-link/runs/:id/hits',
    read,
    { summary: '比对疑点（含证据）', params: ZIdParam, querystring: ZHitListQuery, response: { 200: ZHitList } },
    (req) => listHits(d, ctxOf(req), req.params.id, req.query),
  );
  route.download(
    '/api/audit-link/runs/:id/hits.xlsx',
    { permission: 'auditlink:export', hideDenied: true, reauth: true },
    { summary: '导出比对疑点', params: ZIdParam, querystring: ZHitListQuery.pick({ status: true, q: true }) },
    (req) => hitsXlsx(d, ctxOf(req), req.params.id, req.query),
  );
  route.get(
    '/api/audit-link/runs/:id/invalid-rows',
    read,
    {
      summary: '未参与比对的无效行',
      params: ZIdParam,
      querystring: ZInvalidRowListQuery,
      response: { 200: ZInvalidRowList },
    },
    (req) => listInvalidRows(d, ctxOf(req), req.params.id, req.query),
  );
  route.get(
    '/api/audit-link/hits/:id',
    read,
    { summary: '疑点详情与证据', params: ZIdParam, response: { 200: ZHitOut } },
    (req) => getHit(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/audit-link/hits/dismiss',
    write,
    { summary: '排除疑点（说明理由）', body: ZHitDismiss, response: { 200: ZHitsDone } },
    (req) => dismissHits(d, ctxOf(req), req.body),
  );
  route.post(
    '/api/audit-link/hits/working-paper',
    write,
    { summary: '疑点转为问题底稿草稿', body: ZHitsToPaper, response: { 201: ZHitsDone } },
    (req) => hitsToPaper(d, ctxOf(req), req.body),
  );
  route.post(
    '/api/audit-link/hits/clue',
    write,
    { summary: '疑点转为问题线索草稿', body: ZHitsToClue, response: { 201: ZHitsDone } },
    (req) => hitsToClue(d, ctxOf(req), req.body),
  );
}
