import {
  type TPlanStatus,
  type TPublicationBatchOut,
  ZDemocraticLifeMeeting,
  type ZDemocraticLifeMeetingCreate,
  ZDemocraticLifeMeetingList,
  type ZEvaluationConclude,
  type ZEvaluationDeductions,
  ZEvaluationList,
  ZEvidenceFile,
  ZExtension,
  type ZExtensionApprove,
  type ZExtensionCreate,
  ZExtensionList,
  type ZExtensionListQuery,
  type ZExtensionReject,
  ZFeedback,
  type ZFeedbackCopyRead,
  type ZFeedbackCreate,
  ZFeedbackList,
  type ZFeedbackUpdate,
  ZJointReview,
  ZJointReviewDetail,
  ZOutcome,
  type ZOutcomeAdd,
  ZOutcomeList,
  ZPlanStatus,
  ZPlanStatusList,
  type ZPlanSubmit,
  ZProblemListOut,
  type ZPublicationApprove,
  type ZPublicationBatchCreate,
  ZPublicationBatchList,
  ZPublicationBatchOut,
  type ZPublicationEntryPatch,
  type ZPublicationItemPatch,
  type ZPublicationPublish,
  type ZRecheckSubmit,
  ZRecheckView,
  ZRectInspectionList,
  type ZRectInspectionQuery,
  ZRectificationReport,
  type ZRectificationReportCreate,
  ZRectificationReportList,
  type ZRectificationReportUpdate,
  ZRectificationSettingsResponse,
  type ZRectificationSettingsUpdate,
  ZRectificationSummary,
  type ZRedCard,
  ZReminderDigest,
  type ZReportSubmit,
  type ZReviewPartyMemberSet,
  ZReviewPartyRoster,
  ZReviewQueue,
  type ZReviewRatingCreate,
  ZRoundRectificationInspections,
  ZRuleMaking,
  type ZRuleMakingCreate,
  ZRuleMakingList,
  type ZRuleMakingListQuery,
  type ZSatisfactionSurveyCreate,
  ZSatisfactionSurveyList,
  type ZTaskCreate,
  ZTaskDetail,
  ZTaskList,
  ZTaskListItem,
  type ZTaskListQuery,
  type ZTaskStatusUpdate,
  type ZTaskUpdate,
  type ZTaskWriteOff,
  ZTermRectificationStats,
} from '@xc/domain';
import { z } from 'zod';
import { download, request, upload } from './client.ts';

/**
 * 反馈、整改、评估与双公开 (issue 12): feedback, the plan and its tasks, the ledger, extensions, joint
 * review, reports, evaluation and publication. Paths and bodies as
 * apps/server/src/modules/rectification/rectification.routes.ts and rectification.review.routes.ts
 * declare them; every body is the domain schema's input.
 */

type Page = { limit?: number; cursor?: string | undefined };
type Filters<S extends z.ZodType> = Omit<z.input<S>, 'limit' | 'cursor'>;

export type TTaskItem = z.infer<typeof ZTaskListItem>;
export type TTaskDetailOut = z.infer<typeof ZTaskDetail>;
export type TTaskFilters = Filters<typeof ZTaskListQuery>;
export type TTaskCreateInput = z.input<typeof ZTaskCreate>;
export type TTaskUpdateInput = z.input<typeof ZTaskUpdate>;
export type TTaskStatusInput = z.input<typeof ZTaskStatusUpdate>;
export type TRedCardInput = z.input<typeof ZRedCard>;
export type TWriteOffInput = z.input<typeof ZTaskWriteOff>;
export type TExtensionCreateInput = z.input<typeof ZExtensionCreate>;
export type TExtensionFilters = Filters<typeof ZExtensionListQuery>;
export type TExtensionItem = z.infer<typeof ZExtensionList>['items'][number];
export type TFeedbackOut = z.infer<typeof ZFeedback>;
export type TFeedbackCreateInput = z.input<typeof ZFeedbackCreate>;
export type TFeedbackUpdateInput = z.input<typeof ZFeedbackUpdate>;
export type TProblemListOut = z.infer<typeof ZProblemListOut>;
export type TRectInspection = z.infer<typeof ZRectInspectionList>['items'][number];
export type TTermStatsOut = z.infer<typeof ZTermRectificationStats>;
export type TPlanSubmitInput = z.input<typeof ZPlanSubmit>;
export type TSummaryOut = z.infer<typeof ZRectificationSummary>;
export type TReviewQueueItem = z.infer<typeof ZReviewQueue>['items'][number];
export type TReviewDetailOut = z.infer<typeof ZJointReviewDetail>;
export type TRatingInput = z.input<typeof ZReviewRatingCreate>;
export type TReportListOut = z.infer<typeof ZRectificationReportList>;
export type TReportCreateInput = z.input<typeof ZRectificationReportCreate>;
export type TEvaluationOut = z.infer<typeof ZEvaluationList>['items'][number];
export type TDeductionsInput = z.input<typeof ZEvaluationDeductions>;
export type TConcludeInput = z.input<typeof ZEvaluationConclude>;
export type TBatchItem = z.infer<typeof ZPublicationBatchList>['items'][number];
export type TBatchCreateInput = z.input<typeof ZPublicationBatchCreate>;
export type TRoundInspectionsOut = z.infer<typeof ZRoundRectificationInspections>;

/** Query keys; each starts with 'rectification' so one invalidation refreshes every page of the module. */
export const rk = {
  all: ['rectification'] as const,
  tasks: (q: object) => ['rectification', 'tasks', q] as const,
  task: (id: string) => ['rectification', 'task', id] as const,
  extensions: (q: object) => ['rectification', 'extensions', q] as const,
  feedback: (inspectionId: string) => ['rectification', 'feedback', inspectionId] as const,
  inspections: (q: object) => ['rectification', 'inspections', q] as const,
  digest: ['rectification', 'digest'] as const,
  termStats: (termId: string) => ['rectification', 'term-stats', termId] as const,
  roundInspections: (roundId: string) => ['rectification', 'round-inspections', roundId] as const,
  problemList: (inspectionId: string, orgId?: string) =>
    ['rectification', 'problem-list', inspectionId, orgId ?? ''] as const,
  plans: (inspectionId: string) => ['rectification', 'plans', inspectionId] as const,
  summary: (kind: 'inspection' | 'term' | 'round', id: string) => ['rectification', 'summary', kind, id] as const,
  reviews: (q: object) => ['rectification', 'reviews', q] as const,
  review: (id: string) => ['rectification', 'review', id] as const,
  reports: (inspectionId: string, orgId?: string) => ['rectification', 'reports', inspectionId, orgId ?? ''] as const,
  outcomes: (inspectionId: string, orgId?: string) => ['rectification', 'outcomes', inspectionId, orgId ?? ''] as const,
  lifeMeetings: (inspectionId: string) => ['rectification', 'life-meetings', inspectionId] as const,
  evaluation: (inspectionId: string) => ['rectification', 'evaluation', inspectionId] as const,
  batches: (q: object) => ['rectification', 'batches', q] as const,
  batch: (id: string) => ['rectification', 'batch', id] as const,
};

const seg = (s: string) => encodeURIComponent(s);
const ins = (inspectionId: string) => `/api/inspections/${seg(inspectionId)}`;
const task = (id: string) => `/api/rectification-tasks/${seg(id)}`;
const orgQuery = (orgId: string | undefined) => (orgId ? { orgId } : undefined);

// 反馈

export const listFeedback = (inspectionId: string) => request('GET', `${ins(inspectionId)}/feedback`, ZFeedbackList);
export const createFeedback = (inspectionId: string, body: TFeedbackCreateInput) =>
  request('POST', `${ins(inspectionId)}/feedback`, ZFeedback, { body });
export const updateFeedback = (id: string, body: TFeedbackUpdateInput) =>
  request('PATCH', `/api/feedbacks/${seg(id)}`, ZFeedback, { body });
/** 反馈意见 (公文格式) drafted from the approved report, listing the findings. */
export const downloadFeedbackDocx = (inspectionId: string, orgId: string | undefined, fallbackName: string) =>
  download(`${ins(inspectionId)}/feedback.docx`, orgQuery(orgId), fallbackName);

/** 四抄告: the date one copy (by its position in the list) was read. */
export const markCopyRead = (feedbackId: string, copyIndex: number, body: z.input<typeof ZFeedbackCopyRead>) =>
  request('POST', `/api/feedbacks/${seg(feedbackId)}/copies/${copyIndex}/read`, ZFeedback, { body });

/** The inspections at feedback or later the caller sees (the liaison: its own organization's only). */
export const listRectInspections = (q: z.input<typeof ZRectInspectionQuery>) =>
  request('GET', '/api/rectification/inspections', ZRectInspectionList, { query: q });

// 问题清单 and the plan

export const getProblemList = (inspectionId: string, orgId?: string) =>
  request('GET', `${ins(inspectionId)}/problem-list`, ZProblemListOut, { query: orgQuery(orgId) });
export type TPlanStatusOut = TPlanStatus;

export const listPlans = (inspectionId: string) => request('GET', `${ins(inspectionId)}/plans`, ZPlanStatusList);
export const submitPlan = (inspectionId: string, body: TPlanSubmitInput) =>
  request('POST', `${ins(inspectionId)}/plan/submit`, ZPlanStatus, { body });

// Tasks

export const createTask = (findingId: string, body: TTaskCreateInput) =>
  request('POST', `/api/findings/${seg(findingId)}/tasks`, ZTaskListItem, { body });
export const updateTask = (id: string, body: TTaskUpdateInput) => request('PATCH', task(id), ZTaskListItem, { body });
export const getTask = (id: string) => request('GET', task(id), ZTaskDetail);
export const listTasks = (q: TTaskFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/rectification-tasks', ZTaskList, { query: q, signal });
/** 整改台账 .xlsx of the current filters (export permission, re-authenticated). */
export const exportLedger = (q: TTaskFilters) => download('/api/rectification-tasks.xlsx', q, '整改台账.xlsx');
export const reportTaskStatus = (id: string, body: TTaskStatusInput) =>
  request('POST', `${task(id)}/status`, ZTaskListItem, { body });
export const writeOffTask = (id: string, body: TWriteOffInput) =>
  request('POST', `${task(id)}/write-off`, ZTaskListItem, { body });
export const redCardTask = (id: string, body: TRedCardInput) =>
  request('POST', `${task(id)}/red-card`, ZTaskListItem, { body });
/** 佐证材料, versioned: `supersedesId` names the file a new version replaces. */
export function uploadEvidence(
  id: string,
  file: File,
  meta: { description?: string; supersedesId?: string },
  onProgress: (p: number) => void,
) {
  const form = new FormData();
  if (meta.description) form.append('description', meta.description);
  if (meta.supersedesId) form.append('supersedesId', meta.supersedesId);
  form.append('file', file, file.name);
  return upload(`${task(id)}/files`, form, ZEvidenceFile, { onProgress });
}
export const downloadEvidence = (fileId: string, fallbackName: string) =>
  download(`/api/rectification-files/${seg(fileId)}`, undefined, fallbackName);

// Extensions

export const requestExtension = (taskId: string, body: TExtensionCreateInput) =>
  request('POST', `${task(taskId)}/extensions`, z.object({ id: z.uuid() }), { body });
export const listExtensions = (q: TExtensionFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/rectification-extensions', ZExtensionList, { query: q, signal });
export const approveExtension = (id: string, body: z.input<typeof ZExtensionApprove>) =>
  request('POST', `/api/rectification-extensions/${seg(id)}/approve`, ZExtension, { body });
export const rejectExtension = (id: string, body: z.input<typeof ZExtensionReject>) =>
  request('POST', `/api/rectification-extensions/${seg(id)}/reject`, ZExtension, { body });

// 整改成效

export type TOutcomeListOut = z.infer<typeof ZOutcomeList>;
export type TOutcomeAddInput = z.input<typeof ZOutcomeAdd>;
export const listOutcomes = (inspectionId: string, orgId?: string) =>
  request('GET', `${ins(inspectionId)}/outcomes`, ZOutcomeList, { query: orgQuery(orgId) });
/** Adds to the inspection's outcomes (万元 as a decimal string). */
export const addOutcome = (inspectionId: string, body: TOutcomeAddInput) =>
  request('POST', `${ins(inspectionId)}/outcomes`, ZOutcome, { body });

// Summaries

/** The caller's reminder digest: tasks assigned, due in 7 days, due tomorrow, overdue — one digest, not one message per task. */
export const getDigest = () => request('GET', '/api/rectification/digest', ZReminderDigest);

export const getInspectionSummary = (inspectionId: string) =>
  request('GET', `${ins(inspectionId)}/rectification-summary`, ZRectificationSummary);
export const getTermSummary = (termId: string) =>
  request('GET', `/api/terms/${seg(termId)}/rectification-summary`, ZRectificationSummary);
/** Per round of the term: findings, rectified, rate and tasks by warning, for the charts. */
export const getTermStats = (termId: string) =>
  request('GET', `/api/terms/${seg(termId)}/rectification-stats`, ZTermRectificationStats);
/** The round's summary and each of its inspections with the same figures (the rows add up to the summary). */
export const getRoundInspections = (roundId: string) =>
  request('GET', `/api/rounds/${seg(roundId)}/rectification-inspections`, ZRoundRectificationInspections);

// 联合会审

export const listMyReviews = (q: Page, signal?: AbortSignal) =>
  request('GET', '/api/joint-reviews/mine', ZReviewQueue, { query: q, signal });
export const getReview = (id: string) => request('GET', `/api/joint-reviews/${seg(id)}`, ZJointReviewDetail);
export const rateReview = (id: string, body: TRatingInput) =>
  request(
    'POST',
    `/api/joint-reviews/${seg(id)}/ratings`,
    ZJointReview.extend({ inspectionLabel: z.string(), canRate: z.array(z.string()) }),
    { body },
  );

// Reports

export const listReports = (inspectionId: string, orgId?: string) =>
  request('GET', `${ins(inspectionId)}/rectification-reports`, ZRectificationReportList, { query: orgQuery(orgId) });
export const createReport = (inspectionId: string, body: TReportCreateInput) =>
  request('POST', `${ins(inspectionId)}/rectification-reports`, ZRectificationReport, { body });
export const updateReport = (id: string, body: z.input<typeof ZRectificationReportUpdate>) =>
  request('PATCH', `/api/rectification-reports/${seg(id)}`, ZRectificationReport, { body });
export const submitReport = (id: string, body: z.input<typeof ZReportSubmit>) =>
  request('POST', `/api/rectification-reports/${seg(id)}/submit`, ZRectificationReport, { body });
/** One attachment of a report (draft or returned); answers the report with its files and new version. */
export function uploadReportFile(id: string, file: File, onProgress: (p: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload(`/api/rectification-reports/${seg(id)}/files`, form, ZRectificationReport, { onProgress });
}
/** A report's attachment, through the module's file route (the same scope as evidence; audited). */
export const downloadReportFile = downloadEvidence;

// 专题民主生活会

export type TMeetingOut = z.infer<typeof ZDemocraticLifeMeeting>;
export const listLifeMeetings = (inspectionId: string) =>
  request('GET', `${ins(inspectionId)}/democratic-life-meetings`, ZDemocraticLifeMeetingList);
export const createLifeMeeting = (inspectionId: string, body: z.input<typeof ZDemocraticLifeMeetingCreate>) =>
  request('POST', `${ins(inspectionId)}/democratic-life-meetings`, ZDemocraticLifeMeeting, { body });

// 整改评估

export const getEvaluation = (inspectionId: string) =>
  request('GET', `${ins(inspectionId)}/evaluation`, ZEvaluationList);
export const rateEvaluation = (inspectionId: string, body: TDeductionsInput) =>
  request('POST', `${ins(inspectionId)}/evaluation/ratings`, ZEvaluationList, { body });
export const createSatisfactionSurvey = (inspectionId: string, body: z.input<typeof ZSatisfactionSurveyCreate>) =>
  request('POST', `${ins(inspectionId)}/evaluation/survey`, ZSatisfactionSurveyList, { body });
export const concludeEvaluation = (inspectionId: string, body: TConcludeInput) =>
  request('POST', `${ins(inspectionId)}/evaluation/conclude`, ZEvaluationList, { body });

// 双公开

export const listBatches = (q: { authorityId?: string }) =>
  request('GET', '/api/publication-batches', ZPublicationBatchList, { query: q });
export type TBatchOut = TPublicationBatchOut;

export const getBatch = (id: string) => request('GET', `/api/publication-batches/${seg(id)}`, ZPublicationBatchOut);
export const createBatch = (body: TBatchCreateInput) =>
  request('POST', '/api/publication-batches', ZPublicationBatchOut, { body });
/** Withholds one item of the public version (one of the five reasons) or releases it. */
export const patchPublicationItem = (id: string, body: z.input<typeof ZPublicationItemPatch>) =>
  request('PATCH', `/api/publication-items/${seg(id)}`, ZPublicationBatchOut, { body });
/** 延后公示 of one organization with the reason, or taking it back. */
export const patchPublicationEntry = (id: string, body: z.input<typeof ZPublicationEntryPatch>) =>
  request('PATCH', `/api/publication-entries/${seg(id)}`, ZPublicationBatchOut, { body });
/** Approves the 党内通报 or the 社会公开 version (each separately). */
export const approveBatch = (id: string, body: z.input<typeof ZPublicationApprove>) =>
  request('POST', `/api/publication-batches/${seg(id)}/approve`, ZPublicationBatchOut, { body });
export const publishBatch = (id: string, body: z.input<typeof ZPublicationPublish>) =>
  request('POST', `/api/publication-batches/${seg(id)}/publish`, ZPublicationBatchOut, { body });

// 整改设置 and the joint review group (联合会审单位, who sits for each)

export type TRectSettingsOut = z.infer<typeof ZRectificationSettingsResponse>;
export type TRectSettingsInput = z.input<typeof ZRectificationSettingsUpdate>;
export type TReviewRosterOut = z.infer<typeof ZReviewPartyRoster>;
/** Keys under 'rectification', so saving the settings also refreshes pages that read them. */
export const rkSettings = {
  settings: (authorityId: string) => ['rectification', 'settings', authorityId] as const,
  roster: (authorityId: string) => ['rectification', 'review-parties', authorityId] as const,
};
const auth = (authorityId: string) => `/api/authorities/${seg(authorityId)}`;
export const getRectificationSettings = (authorityId: string, signal?: AbortSignal) =>
  request('GET', `${auth(authorityId)}/rectification-settings`, ZRectificationSettingsResponse, { signal });
/** Replaces the settings under the version read; 409 when someone saved in between. */
export const putRectificationSettings = (authorityId: string, body: TRectSettingsInput) =>
  request('PUT', `${auth(authorityId)}/rectification-settings`, ZRectificationSettingsResponse, { body });
export const getReviewRoster = (authorityId: string, signal?: AbortSignal) =>
  request('GET', `${auth(authorityId)}/review-parties`, ZReviewPartyRoster, { signal });
/** Puts a reviewer account in a party, or (party null) takes it out. */
export const setReviewPartyMember = (authorityId: string, body: z.input<typeof ZReviewPartyMemberSet>) =>
  request('PUT', `${auth(authorityId)}/review-parties/members`, ZReviewPartyRoster, { body });

// 建章立制 register

export type TRuleMakingItem = z.infer<typeof ZRuleMakingList>['items'][number];
export type TRuleMakingFilters = Filters<typeof ZRuleMakingListQuery>;
export type TRuleMakingCreateInput = z.input<typeof ZRuleMakingCreate>;
/** Keys under 'rectification', so a rule registered also refreshes the outcome summaries. */
export const rkRules = {
  list: (q: object) => ['rectification', 'rule-makings', q] as const,
  recheck: (inspectionId: string) => ['rectification', 'recheck', inspectionId] as const,
};
export const listRuleMakings = (q: TRuleMakingFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/rule-makings', ZRuleMakingList, { query: q, signal });
/** A rule made, revised or abolished because of findings of one organization of the inspection. */
export const createRuleMaking = (inspectionId: string, body: TRuleMakingCreateInput) =>
  request('POST', `${ins(inspectionId)}/rule-makings`, ZRuleMaking, { body });

// 回头看

export type TRecheckViewOut = z.infer<typeof ZRecheckView>;
export type TRecheckSubmitInput = z.input<typeof ZRecheckSubmit>;
/** The earlier inspection's findings with their tasks and the rechecks so far (409 when not a look-back). */
export const getRecheck = (inspectionId: string) => request('GET', `${ins(inspectionId)}/recheck`, ZRecheckView);
/** Records rechecks; each 不到位 becomes a finding of the look-back. */
export const submitRecheck = (inspectionId: string, body: TRecheckSubmitInput) =>
  request('POST', `${ins(inspectionId)}/recheck`, ZRecheckView, { body });
