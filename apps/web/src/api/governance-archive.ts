import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  type TDualReportKind,
  type ZArchiveBorrow,
  type ZArchiveBorrowDecision,
  ZArchiveBorrowList,
  type ZArchiveBorrowListQuery,
  ZArchiveBorrowRecord,
  type ZArchiveBorrowReturn,
  ZArchiveCandidateList,
  type ZArchiveCandidateQuery,
  ZArchiveFilingResult,
  ZArchiveItemList,
  type ZArchiveListQuery,
  ZConductEvaluation,
  ZConductEvaluationList,
  type ZConductIssue,
  ZConductResultLine,
  ZConductResultNames,
  ZConductResults,
  type ZDualReportCheck,
  ZDualReportList,
  type ZDualReportListQuery,
  type ZDualReportRecordUpdate,
  ZDualReportView,
  ZGovernanceFile,
  ZGovernanceSettingsResponse,
  type ZGovernanceSettingsUpdate,
} from '@xc/domain';
import { z } from 'zod';
import { download, request, upload } from './client.ts';

/**
 * 以巡促治 (issue 13), the part after an inspection's own work: 双报告一报备 of authorized inspections,
 * 作风纪律评估 of the teams, the archive and its borrowing, and the authority's governance settings.
 * Paths and bodies as the governance API contract declares them; every response is parsed by the
 * domain schema, every body is the domain schema's input.
 */

type Page = { limit?: number; cursor?: string | undefined };
type Filters<S extends z.ZodType> = Omit<z.input<S>, 'limit' | 'cursor'>;

export type TDualReportFilters = Filters<typeof ZDualReportListQuery>;
export type TDualReportItemOut = z.infer<typeof ZDualReportList>['items'][number];
export type TDualReportViewOut = z.infer<typeof ZDualReportView>;
export type TDualReportRecordInput = z.input<typeof ZDualReportRecordUpdate>;
export type TDualReportCheckInput = z.input<typeof ZDualReportCheck>;
export type TGovernanceFileOut = z.infer<typeof ZGovernanceFile>;

export type TConductEvaluationOut = z.infer<typeof ZConductEvaluation>;
export type TConductIssueInput = z.input<typeof ZConductIssue>;
export const ZConductResultsView = ZConductResults.extend({ names: ZConductResultNames });
export type TConductResultsOut = z.infer<typeof ZConductResultsView>;
export const ZConductHistory = z.object({ items: z.array(ZConductResultLine) });
export type TConductHistoryOut = z.infer<typeof ZConductHistory>;

export type TArchiveCandidateFilters = Filters<typeof ZArchiveCandidateQuery>;
export type TArchiveCandidateOut = z.infer<typeof ZArchiveCandidateList>['items'][number];
/** `year` is coerced by the server; the page sends it as the URL holds it. */
export type TArchiveItemFilters = Omit<Filters<typeof ZArchiveListQuery>, 'year'> & { year?: string | number };
export type TArchiveItemOut = z.infer<typeof ZArchiveItemList>['items'][number];
export type TArchiveBorrowInput = z.input<typeof ZArchiveBorrow>;
export type TBorrowFilters = Filters<typeof ZArchiveBorrowListQuery>;
export type TBorrowOut = z.infer<typeof ZArchiveBorrowRecord>;
export type TBorrowDecisionInput = z.input<typeof ZArchiveBorrowDecision>;
export type TBorrowReturnInput = z.input<typeof ZArchiveBorrowReturn>;

export type TGovernanceSettingsOut = z.infer<typeof ZGovernanceSettingsResponse>;
export type TGovernanceSettingsInput = z.input<typeof ZGovernanceSettingsUpdate>;

/**
 * Query keys; each starts with 'governance' so that one invalidation refreshes every 以巡促治 page
 * (archiving an inspection, for one, changes the candidates, the items and the dual-report list).
 */
export const gak = {
  all: ['governance'] as const,
  dualReports: (q: object) => ['governance', 'dual-reports', q] as const,
  dualReport: (inspectionId: string) => ['governance', 'dual-report', inspectionId] as const,
  conduct: (inspectionId: string) => ['governance', 'conduct', inspectionId] as const,
  conductResults: (q: object) => ['governance', 'conduct-results', q] as const,
  conductHistory: (inspectorId: string) => ['governance', 'conduct-history', inspectorId] as const,
  archiveCandidates: (q: object) => ['governance', 'archive-candidates', q] as const,
  archiveItems: (q: object) => ['governance', 'archive-items', q] as const,
  borrows: (q: object) => ['governance', 'borrows', q] as const,
  settings: (authorityId: string) => ['governance', 'settings', authorityId] as const,
};

const seg = (s: string) => encodeURIComponent(s);
const ins = (inspectionId: string) => `/api/inspections/${seg(inspectionId)}`;

// ------------------------------------------------------------------ 双报告一报备

export const listDualReports = (q: TDualReportFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/dual-reports', ZDualReportList, { query: q, signal });
export const getDualReport = (inspectionId: string, signal?: AbortSignal) =>
  request('GET', `${ins(inspectionId)}/dual-report`, ZDualReportView, { signal });
/** The county records one of the three (date, document title, file); versioned. */
export const putDualReportRecord = (inspectionId: string, kind: TDualReportKind, body: TDualReportRecordInput) =>
  request('PUT', `${ins(inspectionId)}/dual-report/${seg(kind)}`, ZDualReportView, { body });
/** The city office checks (or takes back its check of) one record. */
export const checkDualReport = (inspectionId: string, kind: TDualReportKind, body: TDualReportCheckInput) =>
  request('POST', `${ins(inspectionId)}/dual-report/${seg(kind)}/check`, ZDualReportView, { body });
export function uploadDualReportFile(inspectionId: string, file: File, onProgress: (p: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload(`${ins(inspectionId)}/dual-report/files`, form, ZGovernanceFile, { onProgress });
}
/** The record's document drafted from the inspection report (公文格式). */
export const downloadDualReportDocx = (inspectionId: string, kind: TDualReportKind, fallbackName: string) =>
  download(`${ins(inspectionId)}/dual-report/${seg(kind)}.docx`, undefined, fallbackName);
/** A file stored for a governance record (the uploaded document of a dual report). */
export const downloadGovernanceFile = (fileId: string, fallbackName: string) =>
  download(`/api/governance-files/${seg(fileId)}`, undefined, fallbackName);

export function useDualReports(q: TDualReportFilters & Page) {
  return useQuery({
    queryKey: gak.dualReports(q),
    queryFn: ({ signal }) => listDualReports(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDualReport(inspectionId: string | undefined) {
  return useQuery({
    queryKey: gak.dualReport(inspectionId ?? ''),
    queryFn: ({ signal }) => getDualReport(inspectionId ?? '', signal),
    enabled: !!inspectionId,
  });
}

// ------------------------------------------------------------------ 作风纪律评估

export const listConductEvaluations = (inspectionId: string, signal?: AbortSignal) =>
  request('GET', `${ins(inspectionId)}/conduct-evaluations`, ZConductEvaluationList, { signal });
/** Both questionnaires (at feedback, follow-up) for each inspected organization, with single-use links. */
export const issueConduct = (inspectionId: string, body: TConductIssueInput) =>
  request('POST', `${ins(inspectionId)}/conduct-evaluations`, ZConductEvaluationList, { body });
/** Ends the questionnaire and tallies its key question. */
export const closeConduct = (id: string) =>
  request('POST', `/api/conduct-evaluations/${seg(id)}/close`, ZConductEvaluation, { body: {} });
export const getConductResults = (q: { termId: string; roundId?: string }, signal?: AbortSignal) =>
  request('GET', '/api/conduct-results', ZConductResultsView, { query: q, signal });
export const getConductHistory = (inspectorId: string, signal?: AbortSignal) =>
  request('GET', `/api/inspectors/${seg(inspectorId)}/conduct-history`, ZConductHistory, { signal });

export function useConductEvaluations(inspectionId: string | undefined) {
  return useQuery({
    queryKey: gak.conduct(inspectionId ?? ''),
    queryFn: ({ signal }) => listConductEvaluations(inspectionId ?? '', signal),
    enabled: !!inspectionId,
  });
}

export function useConductResults(termId: string | undefined, roundId: string | undefined) {
  const q = roundId ? { termId: termId ?? '', roundId } : { termId: termId ?? '' };
  return useQuery({
    queryKey: gak.conductResults(q),
    queryFn: ({ signal }) => getConductResults(q, signal),
    enabled: !!termId,
    placeholderData: keepPreviousData,
  });
}

export function useConductHistory(inspectorId: string) {
  return useQuery({
    queryKey: gak.conductHistory(inspectorId),
    queryFn: ({ signal }) => getConductHistory(inspectorId, signal),
    enabled: !!inspectorId,
  });
}

// ------------------------------------------------------------------ 档案

export const listArchiveCandidates = (q: TArchiveCandidateFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/archive/inspections', ZArchiveCandidateList, { query: q, signal });
/** Files every document of the inspection and moves it to 已归档 (read-only from then on). */
export const archiveInspection = (inspectionId: string) =>
  request('POST', `${ins(inspectionId)}/archive`, ZArchiveFilingResult, { body: {} });
export const listArchiveItems = (q: TArchiveItemFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/archive/items', ZArchiveItemList, { query: q, signal });
export const downloadArchiveItem = (itemId: string, fallbackName: string) =>
  download(`/api/archive/items/${seg(itemId)}/file`, undefined, fallbackName);
/** 档案目录 .xlsx of one inspection or of a term. */
export const exportCatalogue = (q: { inspectionId?: string; termId?: string }) =>
  download('/api/archive/catalogue.xlsx', q, '档案目录.xlsx');

export const requestBorrow = (body: TArchiveBorrowInput) =>
  request('POST', '/api/archive/borrows', ZArchiveBorrowRecord, { body });
export const listBorrows = (q: TBorrowFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/archive/borrows', ZArchiveBorrowList, { query: q, signal });
export const decideBorrow = (id: string, body: TBorrowDecisionInput) =>
  request('POST', `/api/archive/borrows/${seg(id)}/decide`, ZArchiveBorrowRecord, { body });
export const returnBorrow = (id: string, body: TBorrowReturnInput) =>
  request('POST', `/api/archive/borrows/${seg(id)}/return`, ZArchiveBorrowRecord, { body });

export function useArchiveCandidates(q: TArchiveCandidateFilters & Page, enabled = true) {
  return useQuery({
    queryKey: gak.archiveCandidates(q),
    queryFn: ({ signal }) => listArchiveCandidates(q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useArchiveItems(q: TArchiveItemFilters & Page) {
  return useQuery({
    queryKey: gak.archiveItems(q),
    queryFn: ({ signal }) => listArchiveItems(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBorrows(q: TBorrowFilters & Page, enabled = true) {
  return useQuery({
    queryKey: gak.borrows(q),
    queryFn: ({ signal }) => listBorrows(q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

// ------------------------------------------------------------------ settings

export const getGovernanceSettings = (authorityId: string) =>
  request('GET', `/api/authorities/${seg(authorityId)}/governance-settings`, ZGovernanceSettingsResponse);
export const putGovernanceSettings = (authorityId: string, body: TGovernanceSettingsInput) =>
  request('PUT', `/api/authorities/${seg(authorityId)}/governance-settings`, ZGovernanceSettingsResponse, { body });

export function useGovernanceSettings(authorityId: string | undefined) {
  return useQuery({
    queryKey: gak.settings(authorityId ?? ''),
    queryFn: () => getGovernanceSettings(authorityId ?? ''),
    enabled: !!authorityId,
    staleTime: 0,
  });
}
