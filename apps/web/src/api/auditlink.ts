import {
  ZDatasetDetail,
  ZDatasetList,
  ZDatasetUploaded,
  type ZHitDismiss,
  ZHitList,
  type ZHitListQuery,
  ZHitOut,
  ZHitsDone,
  type ZHitsToClue,
  type ZHitsToPaper,
  ZInvalidRowList,
  ZRuleList,
  ZRun,
  type ZRunCreate,
  ZRunCreated,
  ZRunList,
  ZRunSql,
} from '@xc/domain';
import type { z } from 'zod';
import { download, request, requestVoid, upload } from './client.ts';

/**
 * 巡审贯通 (issue 14): datasets of an inspection, the rule gallery, runs and their hits. Paths and
 * bodies as apps/server/src/modules/auditlink/auditlink.routes.ts declares them.
 */

export type TDatasetOut = z.infer<typeof ZDatasetList>['items'][number];
export type TDatasetDetailOut = z.infer<typeof ZDatasetDetail>;
export type TRuleOut = z.infer<typeof ZRuleList>['items'][number];
export type TRunOut = z.infer<typeof ZRun>;
export type THitOut = z.infer<typeof ZHitOut>;
export type THitListOut = z.infer<typeof ZHitList>;
export type TInvalidRowOut = z.infer<typeof ZInvalidRowList>['items'][number];
export type TRunCreateInput = z.input<typeof ZRunCreate>;
export type THitFilters = Omit<z.input<typeof ZHitListQuery>, 'limit' | 'cursor'>;

export const alk = {
  all: ['auditlink'] as const,
  datasets: (inspectionId: string) => ['auditlink', 'datasets', inspectionId] as const,
  dataset: (id: string) => ['auditlink', 'dataset', id] as const,
  rules: ['auditlink', 'rules'] as const,
  runs: (inspectionId: string) => ['auditlink', 'runs', inspectionId] as const,
  run: (id: string) => ['auditlink', 'run', id] as const,
  hits: (runId: string, q: object) => ['auditlink', 'hits', runId, q] as const,
  invalid: (runId: string, q: object) => ['auditlink', 'invalid', runId, q] as const,
  hit: (id: string) => ['auditlink', 'hit', id] as const,
};

export const listDatasets = (inspectionId: string, signal?: AbortSignal) =>
  request('GET', '/api/audit-link/datasets', ZDatasetList, { query: { inspectionId, limit: 200 }, signal });

export const getDataset = (id: string) => request('GET', `/api/audit-link/datasets/${id}`, ZDatasetDetail);

/** The upload: the inspection first, then the file (the server reads the stream in that order). */
export function uploadDataset(
  inspectionId: string,
  file: File,
  opts: { onProgress?: (percent: number) => void; onUploaded?: () => void } = {},
) {
  const form = new FormData();
  form.append('inspectionId', inspectionId);
  form.append('file', file, file.name);
  return upload('/api/audit-link/datasets', form, ZDatasetUploaded, opts);
}

export const deleteDataset = (id: string) => requestVoid('DELETE', `/api/audit-link/datasets/${id}`);

export const listRules = () => request('GET', '/api/audit-link/rules', ZRuleList);

export const listRuns = (inspectionId: string, q: { limit?: number; cursor?: string } = {}, signal?: AbortSignal) =>
  request('GET', '/api/audit-link/runs', ZRunList, { query: { inspectionId, ...q }, signal });

/**
 * A run; with `waitMs`, an open run is answered at its next change of status or progress (or when
 * the wait is over), so a page can follow it with one request per change instead of polling.
 */
export const getRun = (id: string, opts: { waitMs?: number; signal?: AbortSignal } = {}) =>
  request('GET', `/api/audit-link/runs/${id}`, ZRun, {
    query: opts.waitMs ? { waitMs: opts.waitMs } : undefined,
    signal: opts.signal,
  });

export const createRun = (body: TRunCreateInput) => request('POST', '/api/audit-link/runs', ZRunCreated, { body });

export const previewRun = (body: TRunCreateInput) => request('POST', '/api/audit-link/runs/preview', ZRunSql, { body });

export const cancelRun = (id: string) => request('POST', `/api/audit-link/runs/${id}/cancel`, ZRun, { body: {} });

export const listHits = (
  runId: string,
  q: THitFilters & { limit?: number; cursor?: string | undefined },
  signal?: AbortSignal,
) => request('GET', `/api/audit-link/runs/${runId}/hits`, ZHitList, { query: q, signal });

export const listInvalidRows = (
  runId: string,
  q: { limit?: number; cursor?: string | undefined },
  signal?: AbortSignal,
) => request('GET', `/api/audit-link/runs/${runId}/invalid-rows`, ZInvalidRowList, { query: q, signal });

export const getHit = (id: string) => request('GET', `/api/audit-link/hits/${id}`, ZHitOut);

export const dismissHits = (body: z.input<typeof ZHitDismiss>) =>
  request('POST', '/api/audit-link/hits/dismiss', ZHitsDone, { body });

export const hitsToPaper = (body: z.input<typeof ZHitsToPaper>) =>
  request('POST', '/api/audit-link/hits/working-paper', ZHitsDone, { body });

export const hitsToClue = (body: z.input<typeof ZHitsToClue>) =>
  request('POST', '/api/audit-link/hits/clue', ZHitsDone, { body });

export const exportHits = (runId: string, q: THitFilters) =>
  download(`/api/audit-link/runs/${runId}/hits.xlsx`, q, '巡审贯通比对结果.xlsx');
