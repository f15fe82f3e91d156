import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  type TSector,
  ZBulletin,
  type ZBulletinCreate,
  ZBulletinList,
  type ZBulletinListQuery,
  type ZBulletinMove,
  type ZBulletinUpdate,
  ZCampaign,
  type ZCampaignCreate,
  ZCampaignLedgerOut,
  ZCampaignList,
  type ZCampaignListQuery,
  type ZCampaignReport,
  ZCampaignReportList,
  ZCampaignReportOut,
  type ZCampaignUpdate,
  ZCommonProblem,
  ZCommonProblemCandidateList,
  type ZCommonProblemConfirm,
  ZCommonProblemList,
  type ZCommonProblemListQuery,
  type ZCommonProblemUpdate,
  ZDutyReminder,
  type ZDutyReminderAnswer,
  type ZDutyReminderCreate,
  type ZDutyReminderJudge,
  ZDutyReminderList,
  type ZDutyReminderListQuery,
  ZGovernanceFile,
  ZGovernanceFindingRefList,
  ZGovernanceSummary,
  type ZInboxBulletinQuery,
  type ZInboxReminderQuery,
  ZInboxSummary,
  ZMyCampaignList,
  ZPolicyConsultation,
  type ZPolicyConsultationCreate,
  ZPolicyConsultationList,
  type ZPolicyConsultationListQuery,
  type ZPolicyConsultationUpdate,
  ZPolicyProblem,
  type ZPolicyProblemInput,
  type ZPolicyProblemUpdate,
  ZRecipientCandidateList,
} from '@xc/domain';
import type { z } from 'zod';
import { download, request, requestVoid, upload } from './client.ts';

/**
 * 以巡促治 (issue 13), sections A–C of the contract (/work/briefs/governance-api.md): common problems,
 * bulletins, duty reminders, consultations, the term's figures, campaigns and the recipients' inbox.
 * Every response is checked against the domain schema; bodies are the domain schemas' input.
 */

type Page = { limit?: number; cursor?: string | undefined };
type Filters<S extends z.ZodType> = Omit<z.input<S>, 'limit' | 'cursor'>;

export type TCommonProblemItem = z.infer<typeof ZCommonProblemList>['items'][number];
export type TCommonProblemOut = z.infer<typeof ZCommonProblem>;
export type TCommonProblemFilters = Filters<typeof ZCommonProblemListQuery>;
export type TCandidateList = z.infer<typeof ZCommonProblemCandidateList>;
export type TCandidate = TCandidateList['items'][number];
export type TFindingRef = z.infer<typeof ZGovernanceFindingRefList>['items'][number];
export type TRecipientCandidateOut = z.infer<typeof ZRecipientCandidateList>['items'][number];
export type TBulletinOut = z.infer<typeof ZBulletin>;
export type TBulletinFilters = Filters<typeof ZBulletinListQuery>;
export type TBulletinCreateInput = z.input<typeof ZBulletinCreate>;
export type TBulletinUpdateInput = z.input<typeof ZBulletinUpdate>;
export type TReminderOut = z.infer<typeof ZDutyReminder>;
export type TReminderItem = z.infer<typeof ZDutyReminderList>['items'][number];
export type TReminderFilters = Filters<typeof ZDutyReminderListQuery>;
export type TGovernanceFileOut = z.infer<typeof ZGovernanceFile>;
export type TConsultationItem = z.infer<typeof ZPolicyConsultationList>['items'][number];
export type TConsultationOut = z.infer<typeof ZPolicyConsultation>;
export type TConsultationFilters = Filters<typeof ZPolicyConsultationListQuery>;
export type TPolicyProblemOut = z.infer<typeof ZPolicyProblem>;
export type TSummaryOut = z.infer<typeof ZGovernanceSummary>;
export type TCampaignOut = z.infer<typeof ZCampaign>;
export type TCampaignItem = z.infer<typeof ZCampaignList>['items'][number];
export type TCampaignFilters = Filters<typeof ZCampaignListQuery>;
export type TCampaignReportInput = z.input<typeof ZCampaignReport>;
export type TCampaignReportItem = z.infer<typeof ZCampaignReportList>['items'][number];
export type TMyCampaign = z.infer<typeof ZMyCampaignList>['items'][number];
export type TInboxSummaryOut = z.infer<typeof ZInboxSummary>;

export type TCampaignLedgerOut = z.infer<typeof ZCampaignLedgerOut>;

/** Query keys; each starts with 'governance' so one invalidation refreshes every page of the module. */
export const gk = {
  all: ['governance'] as const,
  summary: (termId: string) => ['governance', 'summary', termId] as const,
  candidates: (termId: string, sector: string | undefined) =>
    ['governance', 'candidates', termId, sector ?? ''] as const,
  findings: (ids: readonly string[]) => ['governance', 'findings', ids.join(',')] as const,
  problems: (q: object) => ['governance', 'problems', q] as const,
  problem: (id: string) => ['governance', 'problem', id] as const,
  recipients: (sector: string | undefined) => ['governance', 'recipients', sector ?? ''] as const,
  bulletins: (q: object) => ['governance', 'bulletins', q] as const,
  bulletin: (id: string) => ['governance', 'bulletin', id] as const,
  reminders: (q: object) => ['governance', 'reminders', q] as const,
  reminder: (id: string) => ['governance', 'reminder', id] as const,
  consultations: (q: object) => ['governance', 'consultations', q] as const,
  consultation: (id: string) => ['governance', 'consultation', id] as const,
  campaigns: (q: object) => ['governance', 'campaigns', q] as const,
  campaign: (id: string) => ['governance', 'campaign', id] as const,
  ledger: (id: string) => ['governance', 'ledger', id] as const,
  campaignReports: (id: string, q: object) => ['governance', 'campaign-reports', id, q] as const,
  myCampaigns: ['governance', 'my-campaigns'] as const,
  inboxSummary: ['governance', 'inbox', 'summary'] as const,
  inboxBulletins: (q: object) => ['governance', 'inbox', 'bulletins', q] as const,
  inboxBulletin: (id: string) => ['governance', 'inbox', 'bulletin', id] as const,
  inboxReminders: (q: object) => ['governance', 'inbox', 'reminders', q] as const,
  inboxReminder: (id: string) => ['governance', 'inbox', 'reminder', id] as const,
};

const seg = (s: string) => encodeURIComponent(s);

// A — common problems

export const listCandidates = (q: { termId: string; sector?: TSector }, signal?: AbortSignal) =>
  request('GET', '/api/common-problems/candidates', ZCommonProblemCandidateList, { query: q, signal });
/** Names the findings (ids outside the caller's scope are simply absent from the answer). */
export const getFindingRefs = (ids: readonly string[], signal?: AbortSignal) =>
  request('GET', '/api/governance/findings', ZGovernanceFindingRefList, { query: { ids: ids.join(',') }, signal });
export const listCommonProblems = (q: TCommonProblemFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/common-problems', ZCommonProblemList, { query: q, signal });
export const getCommonProblem = (id: string) => request('GET', `/api/common-problems/${seg(id)}`, ZCommonProblem);
export const confirmCommonProblem = (body: z.input<typeof ZCommonProblemConfirm>) =>
  request('POST', '/api/common-problems', ZCommonProblem, { body });
export const updateCommonProblem = (id: string, body: z.input<typeof ZCommonProblemUpdate>) =>
  request('PATCH', `/api/common-problems/${seg(id)}`, ZCommonProblem, { body });
export const deleteCommonProblem = (id: string) => requestVoid('DELETE', `/api/common-problems/${seg(id)}`);

export const listRecipientCandidates = (q: { sector?: TSector }, signal?: AbortSignal) =>
  request('GET', '/api/recipient-candidates', ZRecipientCandidateList, { query: q, signal });

// A — bulletins

export const listBulletins = (q: TBulletinFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/bulletins', ZBulletinList, { query: q, signal });
export const getBulletin = (id: string) => request('GET', `/api/bulletins/${seg(id)}`, ZBulletin);
export const createBulletin = (body: TBulletinCreateInput) => request('POST', '/api/bulletins', ZBulletin, { body });
export const updateBulletin = (id: string, body: TBulletinUpdateInput) =>
  request('PATCH', `/api/bulletins/${seg(id)}`, ZBulletin, { body });
export const deleteBulletin = (id: string) => requestVoid('DELETE', `/api/bulletins/${seg(id)}`);
/** approved (numbers it; bulletin:approve), back to draft (bulletin:approve), sent (delivers it). */
export const moveBulletin = (id: string, body: z.input<typeof ZBulletinMove>) =>
  request('POST', `/api/bulletins/${seg(id)}/move`, ZBulletin, { body });
export const downloadBulletinDocx = (id: string, fallbackName: string) =>
  download(`/api/bulletins/${seg(id)}.docx`, undefined, fallbackName);

// A — the recipients' inbox (bulletins)

export const getInboxSummary = () => request('GET', '/api/inbox/summary', ZInboxSummary);
export const listInboxBulletins = (q: Filters<typeof ZInboxBulletinQuery> & Page, signal?: AbortSignal) =>
  request('GET', '/api/inbox/bulletins', ZBulletinList, { query: q, signal });
/** The first open records the read receipt. */
export const getInboxBulletin = (id: string) => request('GET', `/api/inbox/bulletins/${seg(id)}`, ZBulletin);
export const downloadInboxBulletinDocx = (id: string, fallbackName: string) =>
  download(`/api/inbox/bulletins/${seg(id)}.docx`, undefined, fallbackName);

// B — duty reminders

export const createReminder = (body: z.input<typeof ZDutyReminderCreate>) =>
  request('POST', '/api/duty-reminders', ZDutyReminder, { body });
export const listReminders = (q: TReminderFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/duty-reminders', ZDutyReminderList, { query: q, signal });
export const getReminder = (id: string) => request('GET', `/api/duty-reminders/${seg(id)}`, ZDutyReminder);
export const judgeReminder = (id: string, body: z.input<typeof ZDutyReminderJudge>) =>
  request('POST', `/api/duty-reminders/${seg(id)}/judge`, ZDutyReminder, { body });
export const listInboxReminders = (q: Filters<typeof ZInboxReminderQuery> & Page, signal?: AbortSignal) =>
  request('GET', '/api/inbox/duty-reminders', ZDutyReminderList, { query: q, signal });
/** The first open sets readAt. */
export const getInboxReminder = (id: string) => request('GET', `/api/inbox/duty-reminders/${seg(id)}`, ZDutyReminder);
export const answerReminder = (id: string, body: z.input<typeof ZDutyReminderAnswer>) =>
  request('POST', `/api/duty-reminders/${seg(id)}/answer`, ZDutyReminder, { body });
/** An answer's attachment, stored before the answer is sent (the answer lists its id). */
export function uploadInboxFile(file: File, onProgress?: (p: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload('/api/inbox/files', form, ZGovernanceFile, { onProgress });
}
export const downloadGovernanceFile = (id: string, fallbackName: string) =>
  download(`/api/governance-files/${seg(id)}`, undefined, fallbackName);

// B — policy consultations

export const listConsultations = (q: TConsultationFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/policy-consultations', ZPolicyConsultationList, { query: q, signal });
export const getConsultation = (id: string) =>
  request('GET', `/api/policy-consultations/${seg(id)}`, ZPolicyConsultation);
export const createConsultation = (body: z.input<typeof ZPolicyConsultationCreate>) =>
  request('POST', '/api/policy-consultations', ZPolicyConsultation, { body });
export const updateConsultation = (id: string, body: z.input<typeof ZPolicyConsultationUpdate>) =>
  request('PATCH', `/api/policy-consultations/${seg(id)}`, ZPolicyConsultation, { body });
export const addPolicyProblem = (id: string, body: z.input<typeof ZPolicyProblemInput>) =>
  request('POST', `/api/policy-consultations/${seg(id)}/problems`, ZPolicyConsultation, { body });
export const updatePolicyProblem = (id: string, body: z.input<typeof ZPolicyProblemUpdate>) =>
  request('PATCH', `/api/policy-problems/${seg(id)}`, ZPolicyProblem, { body });
export const deleteConsultation = (id: string) => requestVoid('DELETE', `/api/policy-consultations/${seg(id)}`);

// B — the term's figures

export const getGovernanceSummary = (termId: string) =>
  request('GET', `/api/terms/${seg(termId)}/governance-summary`, ZGovernanceSummary);

// C — campaigns

export const listCampaigns = (q: TCampaignFilters & Page, signal?: AbortSignal) =>
  request('GET', '/api/campaigns', ZCampaignList, { query: q, signal });
export const getCampaign = (id: string) => request('GET', `/api/campaigns/${seg(id)}`, ZCampaign);
export const createCampaign = (body: z.input<typeof ZCampaignCreate>) =>
  request('POST', '/api/campaigns', ZCampaign, { body });
export const updateCampaign = (id: string, body: z.input<typeof ZCampaignUpdate>) =>
  request('PATCH', `/api/campaigns/${seg(id)}`, ZCampaign, { body });
export const getCampaignLedger = (id: string) => request('GET', `/api/campaigns/${seg(id)}/ledger`, ZCampaignLedgerOut);
export const exportCampaignLedger = (id: string, fallbackName: string) =>
  download(`/api/campaigns/${seg(id)}/ledger.xlsx`, undefined, fallbackName);
export const listCampaignReports = (id: string, q: Page, signal?: AbortSignal) =>
  request('GET', `/api/campaigns/${seg(id)}/reports`, ZCampaignReportList, { query: q, signal });
/** The office for any organization in scope; a liaison for its own organization only. */
export const reportCampaign = (id: string, body: TCampaignReportInput) =>
  request('POST', `/api/campaigns/${seg(id)}/reports`, ZCampaignReportOut, { body });
export const listMyCampaigns = () => request('GET', '/api/my/campaigns', ZMyCampaignList);

// Hooks of the reads several pages share

export function useGovernanceSummary(termId: string | undefined) {
  return useQuery({
    queryKey: gk.summary(termId ?? ''),
    queryFn: () => getGovernanceSummary(termId ?? ''),
    enabled: !!termId,
  });
}

/** The confirmed common problems of a term, for the pickers of bulletins, reminders, campaigns and consultations. */
export function useTermProblems(termId: string | undefined, sector?: TSector) {
  const q = { termId, sector, limit: 100 };
  return useQuery({
    queryKey: gk.problems(q),
    queryFn: ({ signal }) => listCommonProblems(q, signal),
    enabled: !!termId,
    staleTime: 30_000,
  });
}

export function useCommonProblem(id: string | null | undefined) {
  return useQuery({ queryKey: gk.problem(id ?? ''), queryFn: () => getCommonProblem(id ?? ''), enabled: !!id });
}

export function useFindingRefs(ids: readonly string[] | undefined) {
  return useQuery({
    queryKey: gk.findings(ids ?? []),
    queryFn: ({ signal }) => getFindingRefs(ids ?? [], signal),
    enabled: !!ids && ids.length > 0,
    staleTime: 60_000,
  });
}

export function useRecipientCandidates(sector: TSector | undefined, enabled = true) {
  return useQuery({
    queryKey: gk.recipients(sector),
    queryFn: ({ signal }) => listRecipientCandidates({ sector }, signal),
    enabled,
    staleTime: 60_000,
  });
}

export function useBulletin(id: string | undefined) {
  return useQuery({ queryKey: gk.bulletin(id ?? ''), queryFn: () => getBulletin(id ?? ''), enabled: !!id });
}

export function useTermBulletins(termId: string | undefined) {
  const q = { termId, limit: 100 };
  return useQuery({
    queryKey: gk.bulletins(q),
    queryFn: ({ signal }) => listBulletins(q, signal),
    enabled: !!termId,
    placeholderData: keepPreviousData,
  });
}

export function useCampaign(id: string | undefined) {
  return useQuery({ queryKey: gk.campaign(id ?? ''), queryFn: () => getCampaign(id ?? ''), enabled: !!id });
}

export function useCampaignLedger(id: string | undefined) {
  return useQuery({ queryKey: gk.ledger(id ?? ''), queryFn: () => getCampaignLedger(id ?? ''), enabled: !!id });
}

export function useInboxSummary(enabled = true) {
  return useQuery({ queryKey: gk.inboxSummary, queryFn: getInboxSummary, enabled });
}
