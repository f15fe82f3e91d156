import {
  ZActivity,
  type ZActivityCreate,
  ZActivityList,
  type ZActivityListQuery,
  type ZActivityUpdate,
  ZAssignedMatter,
  type ZAssignedMatterIn,
  ZAssignedMatterList,
  type ZAssignedMatterListQuery,
  type ZAssignedMatterUpdate,
  ZClue,
  type ZClueCreate,
  type ZClueDisposalRecord,
  ZClueList,
  type ZClueListQuery,
  type ZClueResultRecord,
  type ZClueTransferBatch,
  ZClueTransferBatchList,
  type ZClueTransferBatchListQuery,
  ZClueTransferBatchOut,
  type ZClueUpdate,
  type ZClueWriteOff,
  ZFieldworkFile,
  ZFieldworkSettingsResponse,
  type ZFieldworkSettingsUpdate,
  ZFieldworkSummary,
  ZFinding,
  type ZFindingCreate,
  ZFindingList,
  type ZFindingListQuery,
  type ZFindingUpdate,
  ZInspectionSummary,
  ZInterview,
  type ZInterviewCreate,
  ZInterviewList,
  type ZInterviewListQuery,
  type ZInterviewUpdate,
  ZMeeting,
  type ZMeetingCreate,
  ZMeetingList,
  type ZMeetingListQuery,
  type ZMeetingUpdate,
  type ZPaperFindingCreate,
  type ZPaperReview,
  ZPhrase,
  type ZPhraseCreate,
  ZPhraseList,
  type ZPhraseListQuery,
  type ZPhraseUpdate,
  type ZRegulationCreate,
  ZRegulationList,
  type ZRegulationListQuery,
  ZRegulationOut,
  type ZRegulationUpdate,
  ZReport,
  ZReportDiff,
  type ZReportSave,
  ZReportVersion,
  ZTaxonomyNode,
  type ZTaxonomyNodeCreate,
  type ZTaxonomyNodeUpdate,
  ZTaxonomyTree,
  ZWorkingPaper,
  type ZWorkingPaperCreate,
  ZWorkingPaperList,
  type ZWorkingPaperListQuery,
  type ZWorkingPaperUpdate,
  ZWorkingPaperVersionList,
} from '@xc/domain';
import type { z } from 'zod';
import { download, request, requestVoid, upload } from './client.ts';

/**
 * 巡察实施与报告 (issue 11): interviews, activities, working papers, findings, clues, the libraries,
 * the report and the meetings. Paths and bodies as apps/server/src/modules/fieldwork/fieldwork.routes.ts
 * declares them; every body is the domain schema's input.
 */

type Page = { limit?: number; cursor?: string | undefined };
type Filters<S extends z.ZodType> = Omit<z.input<S>, 'limit' | 'cursor'>;

export type TSummaryOut = z.infer<typeof ZInspectionSummary>;
export type TInterviewOut = z.infer<typeof ZInterview>;
export type TInterviewItem = z.infer<typeof ZInterviewList>['items'][number];
export type TInterviewCreateInput = z.input<typeof ZInterviewCreate>;
export type TInterviewUpdateInput = z.input<typeof ZInterviewUpdate>;
export type TInterviewFilters = Filters<typeof ZInterviewListQuery>;
export type TActivityOut = z.infer<typeof ZActivity>;
export type TActivityCreateInput = z.input<typeof ZActivityCreate>;
export type TActivityUpdateInput = z.input<typeof ZActivityUpdate>;
export type TActivityFilters = Filters<typeof ZActivityListQuery>;
export type TPaperOut = z.infer<typeof ZWorkingPaper>;
export type TPaperItem = z.infer<typeof ZWorkingPaperList>['items'][number];
export type TPaperCreateInput = z.input<typeof ZWorkingPaperCreate>;
export type TPaperUpdateInput = z.input<typeof ZWorkingPaperUpdate>;
export type TPaperReviewInput = z.input<typeof ZPaperReview>;
export type TPaperFilters = Filters<typeof ZWorkingPaperListQuery>;
export type TPaperVersionOut = z.infer<typeof ZWorkingPaperVersionList>['items'][number];
export type TFindingOut = z.infer<typeof ZFinding>;
export type TFindingItem = z.infer<typeof ZFindingList>['items'][number];
export type TFindingCreateInput = z.input<typeof ZFindingCreate>;
export type TFindingUpdateInput = z.input<typeof ZFindingUpdate>;
export type TFindingFilters = Filters<typeof ZFindingListQuery>;
export type TRegulationOut = z.infer<typeof ZRegulationOut>;
export type TRegulationCreateInput = z.input<typeof ZRegulationCreate>;
export type TRegulationUpdateInput = z.input<typeof ZRegulationUpdate>;
export type TRegulationFilters = Filters<typeof ZRegulationListQuery>;
export type TTaxonomyNodeOut = z.infer<typeof ZTaxonomyNode>;
export type TTaxonomyNodeCreateInput = z.input<typeof ZTaxonomyNodeCreate>;
export type TTaxonomyNodeUpdateInput = z.input<typeof ZTaxonomyNodeUpdate>;
export type TPhraseOut = z.infer<typeof ZPhrase>;
export type TPhraseCreateInput = z.input<typeof ZPhraseCreate>;
export type TPhraseUpdateInput = z.input<typeof ZPhraseUpdate>;
export type TPhraseFilters = Filters<typeof ZPhraseListQuery>;
export type TFieldworkSettingsOut = z.infer<typeof ZFieldworkSettingsResponse>;
export type TFieldworkSettingsUpdateInput = z.input<typeof ZFieldworkSettingsUpdate>;
export type TClueOut = z.infer<typeof ZClue>;
export type TClueListOut = z.infer<typeof ZClueList>;
export type TClueItem = TClueListOut['items'][number];
export type TClueCreateInput = z.input<typeof ZClueCreate>;
export type TClueUpdateInput = z.input<typeof ZClueUpdate>;
export type TClueFilters = Filters<typeof ZClueListQuery>;
export type TClueTransferInput = z.input<typeof ZClueTransferBatch>;
export type TClueTransferOut = z.infer<typeof ZClueTransferBatchOut>;
export type TClueDisposalInput = z.input<typeof ZClueDisposalRecord>;
export type TClueResultInput = z.input<typeof ZClueResultRecord>;
export type TClueWriteOffInput = z.input<typeof ZClueWriteOff>;
export type TReportOut = z.infer<typeof ZReport>;
export type TReportSaveInput = z.input<typeof ZReportSave>;
export type TPaperFindingInput = z.input<typeof ZPaperFindingCreate>;
export type TTransferFilters = Filters<typeof ZClueTransferBatchListQuery>;
export type TAssignedMatterInput = z.input<typeof ZAssignedMatterIn>;
export type TMeetingOut = z.infer<typeof ZMeeting>;
export type TMeetingItem = z.infer<typeof ZMeetingList>['items'][number];
export type TMeetingCreateInput = z.input<typeof ZMeetingCreate>;
export type TMeetingUpdateInput = z.input<typeof ZMeetingUpdate>;
export type TMeetingFilters = Filters<typeof ZMeetingListQuery>;
export type TAssignedMatterOut = z.infer<typeof ZAssignedMatter>;
export type TAssignedMatterUpdateInput = z.input<typeof ZAssignedMatterUpdate>;
export type TMatterFilters = Filters<typeof ZAssignedMatterListQuery>;

/** Query keys of the fieldwork and report pages; each starts with 'fieldwork' so one invalidation refreshes them all. */
export const fwk = {
  all: ['fieldwork'] as const,
  summary: (inspectionId: string) => ['fieldwork', 'summary', inspectionId] as const,
  scopeSummary: (kind: 'round' | 'term', id: string) => ['fieldwork', 'scope-summary', kind, id] as const,
  interviews: (inspectionId: string, q: object) => ['fieldwork', 'interviews', inspectionId, q] as const,
  interview: (id: string) => ['fieldwork', 'interview', id] as const,
  activities: (inspectionId: string, q: object) => ['fieldwork', 'activities', inspectionId, q] as const,
  papers: (scope: string, q: object) => ['fieldwork', 'papers', scope, q] as const,
  paper: (id: string) => ['fieldwork', 'paper', id] as const,
  paperVersions: (id: string) => ['fieldwork', 'paper-versions', id] as const,
  findings: (q: object) => ['fieldwork', 'findings', q] as const,
  finding: (id: string) => ['fieldwork', 'finding', id] as const,
  regulations: (q: object) => ['fieldwork', 'regulations', q] as const,
  taxonomy: (authorityId: string) => ['fieldwork', 'taxonomy', authorityId] as const,
  phrases: (q: object) => ['fieldwork', 'phrases', q] as const,
  settings: (authorityId: string) => ['fieldwork', 'settings', authorityId] as const,
  clues: (q: object) => ['fieldwork', 'clues', q] as const,
  clue: (id: string) => ['fieldwork', 'clue', id] as const,
  caseClues: (q: object) => ['fieldwork', 'case-clues', q] as const,
  transfers: (q: object) => ['fieldwork', 'transfers', q] as const,
  report: (inspectionId: string) => ['fieldwork', 'report', inspectionId] as const,
  reportVersion: (inspectionId: string, n: number) => ['fieldwork', 'report-version', inspectionId, n] as const,
  reportDiff: (inspectionId: string, from: number, to: number) =>
    ['fieldwork', 'report-diff', inspectionId, from, to] as const,
  meetings: (q: object) => ['fieldwork', 'meetings', q] as const,
  meeting: (id: string) => ['fieldwork', 'meeting', id] as const,
  matters: (q: object) => ['fieldwork', 'matters', q] as const,
};

const seg = (s: string) => encodeURIComponent(s);
const ins = (inspectionId: string) => `/api/inspections/${seg(inspectionId)}`;

export const getSummary = (inspectionId: string) => request('GET', `${ins(inspectionId)}/summary`, ZInspectionSummary);
export const getRoundSummary = (roundId: string) =>
  request('GET', `/api/rounds/${seg(roundId)}/fieldwork-summary`, ZFieldworkSummary);
export const getTermSummary = (termId: string) =>
  request('GET', `/api/terms/${seg(termId)}/fieldwork-summary`, ZFieldworkSummary);

// 个别谈话

export const listInterviews = (inspectionId: string, q: TInterviewFilters & Page, signal?: AbortSignal) =>
  request('GET', `${ins(inspectionId)}/interviews`, ZInterviewList, { query: q, signal });
/** The notes are decrypted for this read, which the server audits. */
export const getInterview = (id: string) => request('GET', `/api/interviews/${seg(id)}`, ZInterview);
export const createInterview = (inspectionId: string, body: TInterviewCreateInput) =>
  request('POST', `${ins(inspectionId)}/interviews`, ZInterview, { body });
export const updateInterview = (id: string, body: TInterviewUpdateInput) =>
  request('PATCH', `/api/interviews/${seg(id)}`, ZInterview, { body });
/** The scan of the record the interviewee signed. */
export function uploadInterviewRecord(id: string, file: File, onProgress: (p: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload(`/api/interviews/${seg(id)}/record`, form, ZInterview, { onProgress });
}
export const downloadInterviewRecord = (id: string, fallbackName: string) =>
  download(`/api/interviews/${seg(id)}/record`, undefined, fallbackName);

// 调阅、走访、座谈、列席、汇报、暗访

export const listActivities = (inspectionId: string, q: TActivityFilters & Page, signal?: AbortSignal) =>
  request('GET', `${ins(inspectionId)}/activities`, ZActivityList, { query: q, signal });
export const createActivity = (inspectionId: string, body: TActivityCreateInput) =>
  request('POST', `${ins(inspectionId)}/activities`, ZActivity, { body });
export const updateActivity = (id: string, body: TActivityUpdateInput) =>
  request('PATCH', `/api/activities/${seg(id)}`, ZActivity, { body });
/** 暗访: the 组长's approval. */
export const approveActivity = (id: string, version: number) =>
  request('POST', `/api/activities/${seg(id)}/approve`, ZActivity, { body: { version } });
export const deleteActivity = (id: string, version: number) =>
  requestVoid('DELETE', `/api/activities/${seg(id)}`, { query: { version } });

// 问题底稿

export const listPapers = (inspectionId: string, q: TPaperFilters & Page, signal?: AbortSignal) =>
  request('GET', `${ins(inspectionId)}/working-papers`, ZWorkingPaperList, { query: q, signal });
/** Papers waiting for the caller's step of 三审, across the inspections the caller works on. */
export const listPapersAwaitingMe = (q: Page, signal?: AbortSignal) =>
  request('GET', '/api/working-papers', ZWorkingPaperList, { query: { ...q, pendingForMe: 'true' }, signal });
export const getPaper = (id: string) => request('GET', `/api/working-papers/${seg(id)}`, ZWorkingPaper);
export const createPaper = (inspectionId: string, body: TPaperCreateInput) =>
  request('POST', `${ins(inspectionId)}/working-papers`, ZWorkingPaper, { body });
export const updatePaper = (id: string, body: TPaperUpdateInput) =>
  request('PATCH', `/api/working-papers/${seg(id)}`, ZWorkingPaper, { body });
export const reviewPaper = (id: string, body: TPaperReviewInput) =>
  request('POST', `/api/working-papers/${seg(id)}/review`, ZWorkingPaper, { body });
export const listPaperVersions = (id: string) =>
  request('GET', `/api/working-papers/${seg(id)}/versions`, ZWorkingPaperVersionList);
/** 底稿审批单 (.docx). */
export const downloadPaperApproval = (id: string, number: string) =>
  download(`/api/working-papers/${seg(id)}/approval.docx`, undefined, `问题底稿审批单${number}.docx`);
/** A signed-off paper becomes a finding, once, classified now or later. */
export const paperToFinding = (id: string, body: TPaperFindingInput) =>
  request('POST', `/api/working-papers/${seg(id)}/finding`, ZFinding, { body });

/** Evidence uploads of an inspection (multipart), with the bytes' progress. */
export function uploadFieldworkFile(inspectionId: string, file: File, onProgress: (p: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload(`${ins(inspectionId)}/fieldwork-files`, form, ZFieldworkFile, { onProgress });
}
export const downloadFieldworkFile = (id: string, name: string) =>
  download(`/api/fieldwork-files/${seg(id)}`, undefined, name);

// 问题

export const listFindings = (q: TFindingFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/findings', ZFindingList, { query: q, signal });
export const getFinding = (id: string) => request('GET', `/api/findings/${seg(id)}`, ZFinding);
export const createFinding = (inspectionId: string, body: TFindingCreateInput) =>
  request('POST', `${ins(inspectionId)}/findings`, ZFinding, { body });
export const updateFinding = (id: string, body: TFindingUpdateInput) =>
  request('PATCH', `/api/findings/${seg(id)}`, ZFinding, { body });
/** Exactly the filtered view (re-authenticated on the server). */
export const exportFindings = (q: TFindingFilters) => download('/api/findings.xlsx', q, '巡察发现问题台账.xlsx');

// 定性依据库、问题分类、语言库、设置

export const listRegulations = (q: TRegulationFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/regulations', ZRegulationList, { query: q, signal });
export const createRegulation = (authorityId: string, body: TRegulationCreateInput) =>
  request('POST', '/api/regulations', ZRegulationOut, { query: { authorityId }, body });
export const updateRegulation = (id: string, body: TRegulationUpdateInput) =>
  request('PATCH', `/api/regulations/${seg(id)}`, ZRegulationOut, { body });

export const getTaxonomy = (authorityId: string) =>
  request('GET', '/api/taxonomy', ZTaxonomyTree, { query: { authorityId } });
export const createTaxonomyNode = (authorityId: string, body: TTaxonomyNodeCreateInput) =>
  request('POST', '/api/taxonomy-nodes', ZTaxonomyNode, { query: { authorityId }, body });
export const updateTaxonomyNode = (id: string, body: TTaxonomyNodeUpdateInput) =>
  request('PATCH', `/api/taxonomy-nodes/${seg(id)}`, ZTaxonomyNode, { body });
export const deleteTaxonomyNode = (id: string, version: number) =>
  requestVoid('DELETE', `/api/taxonomy-nodes/${seg(id)}`, { query: { version } });

export const listPhrases = (q: TPhraseFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/phrases', ZPhraseList, { query: q, signal });
export const createPhrase = (authorityId: string, body: TPhraseCreateInput) =>
  request('POST', '/api/phrases', ZPhrase, { query: { authorityId }, body });
export const updatePhrase = (id: string, body: TPhraseUpdateInput) =>
  request('PATCH', `/api/phrases/${seg(id)}`, ZPhrase, { body });
export const deletePhrase = (id: string, version: number) =>
  requestVoid('DELETE', `/api/phrases/${seg(id)}`, { query: { version } });

export const getFieldworkSettings = (authorityId: string) =>
  request('GET', `/api/authorities/${seg(authorityId)}/fieldwork-settings`, ZFieldworkSettingsResponse);
export const putFieldworkSettings = (authorityId: string, body: TFieldworkSettingsUpdateInput) =>
  request('PUT', `/api/authorities/${seg(authorityId)}/fieldwork-settings`, ZFieldworkSettingsResponse, { body });

// 问题线索

export const listClues = (q: TClueFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/clues', ZClueList, { query: q, signal });
/** Each read of a clue is audited on the server. */
export const getClue = (id: string) => request('GET', `/api/clues/${seg(id)}`, ZClue);
export const createClue = (inspectionId: string, body: TClueCreateInput) =>
  request('POST', `${ins(inspectionId)}/clues`, ZClue, { body });
export const updateClue = (id: string, body: TClueUpdateInput) =>
  request('PATCH', `/api/clues/${seg(id)}`, ZClue, { body });
/** One transfer per opened dialog: the same `idempotencyKey` makes a repeated click answer the first. */
export const transferClues = (body: TClueTransferInput, idempotencyKey?: string) =>
  request('POST', '/api/clue-transfers', ZClueTransferBatchOut, { body, idempotencyKey });
export const listTransfers = (q: TTransferFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/clue-transfers', ZClueTransferBatchList, { query: q, signal });
/** 问题线索移交函 (.docx, re-authenticated). */
export const downloadTransferLetter = (id: string, fallbackName: string) =>
  download(`/api/clue-transfers/${seg(id)}/letter.docx`, undefined, fallbackName);
export const recordClueDisposal = (id: string, body: TClueDisposalInput) =>
  request('POST', `/api/clues/${seg(id)}/disposal`, ZClue, { body });
export const recordClueResult = (id: string, body: TClueResultInput) =>
  request('POST', `/api/clues/${seg(id)}/result`, ZClue, { body });
export const writeOffClue = (id: string, body: TClueWriteOffInput) =>
  request('POST', `/api/clues/${seg(id)}/write-off`, ZClue, { body });
/** The case handler's own: only the clues transferred to its organization. */
export const listCaseClues = (q: Omit<TClueFilters, 'receiver'> & Page, signal?: AbortSignal) =>
  request('GET', '/api/case-handling/clues', ZClueList, { query: q, signal });

// 巡察报告

export const getReport = (inspectionId: string) => request('GET', `${ins(inspectionId)}/report`, ZReport);
export const saveReport = (inspectionId: string, body: TReportSaveInput) =>
  request('POST', `${ins(inspectionId)}/report/versions`, ZReportVersion, { body });
export const getReportVersion = (inspectionId: string, n: number) =>
  request('GET', `${ins(inspectionId)}/report/versions/${n}`, ZReportVersion);
export const diffReport = (inspectionId: string, from: number, to: number) =>
  request('GET', `${ins(inspectionId)}/report/diff`, ZReportDiff, { query: { from, to } });
export const downloadReport = (inspectionId: string, label: string) =>
  download(`${ins(inspectionId)}/report.docx`, undefined, `${label}巡察报告.docx`);
export const downloadClueReport = (inspectionId: string, label: string) =>
  download(`${ins(inspectionId)}/clue-report.docx`, undefined, `${label}问题线索报告.docx`);

// 会议与交办事项

export const listMeetings = (q: TMeetingFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/meetings', ZMeetingList, { query: q, signal });
export const getMeeting = (id: string) => request('GET', `/api/meetings/${seg(id)}`, ZMeeting);
export const createMeeting = (body: TMeetingCreateInput) => request('POST', '/api/meetings', ZMeeting, { body });
export const updateMeeting = (id: string, body: TMeetingUpdateInput) =>
  request('PATCH', `/api/meetings/${seg(id)}`, ZMeeting, { body });
export const addMatter = (meetingId: string, body: TAssignedMatterInput) =>
  request('POST', `/api/meetings/${seg(meetingId)}/assigned-matters`, ZAssignedMatter, { body });
export const listMatters = (q: TMatterFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/assigned-matters', ZAssignedMatterList, { query: q, signal });
export const updateMatter = (id: string, body: TAssignedMatterUpdateInput) =>
  request('PATCH', `/api/assigned-matters/${seg(id)}`, ZAssignedMatter, { body });
