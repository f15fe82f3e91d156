import {
  ZSurvey,
  ZSurveyBatch,
  type ZSurveyBatchCreate,
  ZSurveyBatchList,
  type ZSurveyCreate,
  ZSurveyList,
  type ZSurveyListQuery,
  type ZSurveyMove,
  ZSurveyResults,
  type ZSurveyUpdate,
} from '@xc/domain';
import type { z } from 'zod';
import { download, request, requestVoid } from './client.ts';

export type TSurveyItem = z.infer<typeof ZSurveyList>['items'][number];
export type TSurveyOut = z.infer<typeof ZSurvey>;
export type TSurveyBatchOut = z.infer<typeof ZSurveyBatch>;
export type TSurveyResultsOut = z.infer<typeof ZSurveyResults>;

export type TSurveyCreateInput = z.input<typeof ZSurveyCreate>;
export type TSurveyUpdateInput = z.input<typeof ZSurveyUpdate>;
export type TSurveyMoveInput = z.input<typeof ZSurveyMove>;
export type TSurveyBatchCreateInput = z.input<typeof ZSurveyBatchCreate>;
export type TSurveyFilters = Omit<z.input<typeof ZSurveyListQuery>, 'limit' | 'cursor'>;

/** Query keys of the survey pages; every key starts with 'surveys' so one invalidation refreshes them all. */
export const sk = {
  all: ['surveys'] as const,
  list: (q: object) => ['surveys', 'list', q] as const,
  detail: (id: string) => ['surveys', 'detail', id] as const,
  batches: (id: string) => ['surveys', 'batches', id] as const,
  results: (id: string) => ['surveys', 'results', id] as const,
};

const seg = (s: string) => encodeURIComponent(s);

export const listSurveys = (
  q: TSurveyFilters & { limit?: number; cursor?: string | undefined },
  signal?: AbortSignal,
) => request('GET', '/api/surveys', ZSurveyList, { query: q, signal });
export const getSurvey = (id: string, signal?: AbortSignal) =>
  request('GET', `/api/surveys/${seg(id)}`, ZSurvey, { signal });
export const createSurvey = (body: TSurveyCreateInput) => request('POST', '/api/surveys', ZSurvey, { body });
export const updateSurvey = (id: string, body: TSurveyUpdateInput) =>
  request('PATCH', `/api/surveys/${seg(id)}`, ZSurvey, { body });
/** draft/closed → open (发布), open → closed (结束收集). */
export const moveSurvey = (id: string, body: TSurveyMoveInput) =>
  request('POST', `/api/surveys/${seg(id)}/status`, ZSurvey, { body });
/** Drafts only. */
export const deleteSurvey = (id: string, version: number) =>
  requestVoid('DELETE', `/api/surveys/${seg(id)}`, { query: { version } });

/** The open QR code (it encodes openUrl); an <img> source, the session cookie goes along. */
export const surveyQrUrl = (id: string) => `/api/surveys/${seg(id)}/qr.png`;

export const listSurveyBatches = (id: string) => request('GET', `/api/surveys/${seg(id)}/batches`, ZSurveyBatchList);
export const createSurveyBatch = (id: string, body: TSurveyBatchCreateInput) =>
  request('POST', `/api/surveys/${seg(id)}/batches`, ZSurveyBatch, { body });
/** The .docx sheet of a batch's single-use QR codes (the server asks for re-authentication). */
export const downloadBatchCodes = (batchId: string, fallbackName: string) =>
  download(`/api/survey-batches/${seg(batchId)}/codes.docx`, undefined, fallbackName);

export const getSurveyResults = (id: string, signal?: AbortSignal) =>
  request('GET', `/api/surveys/${seg(id)}/results`, ZSurveyResults, { signal });
/** The anonymous answer sheets as xlsx (survey:export, re-authentication). */
export const exportSurveyAnswers = (id: string, title: string) =>
  download(`/api/surveys/${seg(id)}/answers.xlsx`, undefined, `${title}答卷.xlsx`);
