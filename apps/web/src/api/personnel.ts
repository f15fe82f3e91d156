import {
  type TAwardKind,
  type ZAppraisalCreate,
  ZAttendeeList,
  ZAuthorization,
  type ZAuthorizationCreate,
  type ZAwardCreate,
  ZAwardList,
  ZCreated,
  type ZImportResult,
  ZInspector,
  type ZInspectorCreate,
  ZInspectorList,
  type ZInspectorListQuery,
  ZInspectorProfile,
  type ZInspectorUpdate,
  ZPersonnelSettingsResponse,
  type ZPersonnelSettingsUpdate,
  ZRecusalReport,
  type ZSecondmentCreate,
  type ZShadowingCreate,
  type ZTeamMemberAdd,
  ZTeamRoster,
  ZTeamSuggestion,
  ZTraining,
  type ZTrainingCreate,
  ZTrainingList,
} from '@xc/domain';
import type { z } from 'zod';
import { download, request } from './client.ts';
import { type ImportProgress, importXlsx } from './imports.ts';

export type TInspectorListOut = z.infer<typeof ZInspectorList>;
export type TInspectorItem = TInspectorListOut['items'][number];
export type TInspectorProfileOut = z.infer<typeof ZInspectorProfile>;
export type TInspectorCreateInput = z.input<typeof ZInspectorCreate>;
export type TInspectorUpdateInput = z.input<typeof ZInspectorUpdate>;
export type TInspectorFilters = Omit<z.input<typeof ZInspectorListQuery>, 'limit' | 'cursor'>;
export type TRosterOut = z.infer<typeof ZTeamRoster>;
export type TRosterMember = TRosterOut['members'][number];
export type TMemberAddInput = z.input<typeof ZTeamMemberAdd>;
export type TRecusalReportOut = z.infer<typeof ZRecusalReport>;
export type TTeamSuggestionOut = z.infer<typeof ZTeamSuggestion>;
export type TAuthorizationOut = z.infer<typeof ZAuthorization>;
export type TAuthorizationInput = z.input<typeof ZAuthorizationCreate>;
export type TTrainingItem = z.infer<typeof ZTrainingList>['items'][number];
export type TAwardItem = z.infer<typeof ZAwardList>['items'][number];
export type TTrainingCreateInput = z.input<typeof ZTrainingCreate>;
export type TAttendee = z.infer<typeof ZAttendeeList>['items'][number];
export type TSecondmentInput = z.input<typeof ZSecondmentCreate>;
export type TShadowingInput = z.input<typeof ZShadowingCreate>;
export type TAppraisalInput = z.input<typeof ZAppraisalCreate>;
export type TAwardInput = z.input<typeof ZAwardCreate>;
export type TInspectorImportResult = z.infer<typeof ZImportResult>;

/** details of a 409 RECUSAL_CONFLICT answer: why the person may not join the team. */
export interface TRecusalConflictDetails {
  reasons?: { rule: string; detail: string }[];
}

/** Query keys of the personnel pages; every key starts with 'personnel' so one invalidation refreshes them all. */
export const ppk = {
  all: ['personnel'] as const,
  inspectors: (q: object) => ['personnel', 'inspectors', q] as const,
  inspector: (id: string) => ['personnel', 'inspector', id] as const,
  roster: (teamId: string) => ['personnel', 'roster', teamId] as const,
  recusal: (inspectionId: string) => ['personnel', 'recusal', inspectionId] as const,
  suggestion: (inspectionId: string) => ['personnel', 'suggestion', inspectionId] as const,
  authorization: (roundId: string) => ['personnel', 'authorization', roundId] as const,
  trainings: (authorityId: string | undefined) => ['personnel', 'trainings', authorityId ?? null] as const,
  awards: (authorityId: string | undefined, kind: TAwardKind) =>
    ['personnel', 'awards', authorityId ?? null, kind] as const,
  attendees: (trainingId: string) => ['personnel', 'attendees', trainingId] as const,
};

const seg = (s: string) => encodeURIComponent(s);

// Inspectors (巡察干部)

export const listInspectors = (q: TInspectorFilters & { limit?: number; cursor?: string }, signal?: AbortSignal) =>
  request('GET', '/api/inspectors', ZInspectorList, { query: q, signal });
export const getInspectorProfile = (id: string) => request('GET', `/api/inspectors/${seg(id)}`, ZInspectorProfile);
export const createInspector = (body: TInspectorCreateInput) =>
  request('POST', '/api/inspectors', ZInspector, { body });
export const updateInspector = (id: string, body: TInspectorUpdateInput) =>
  request('PATCH', `/api/inspectors/${seg(id)}`, ZInspector, { body });

// Team rosters (组队)

export const getRoster = (teamId: string) => request('GET', `/api/teams/${seg(teamId)}/roster`, ZTeamRoster);
export const addTeamMember = (teamId: string, body: TMemberAddInput) =>
  request('POST', `/api/teams/${seg(teamId)}/members`, ZTeamRoster, { body });
export const removeTeamMember = (teamId: string, memberId: string, version: number) =>
  request('DELETE', `/api/teams/${seg(teamId)}/members/${seg(memberId)}`, ZTeamRoster, { query: { version } });

export const getRecusalReport = (inspectionId: string) =>
  request('GET', `/api/inspections/${seg(inspectionId)}/recusal`, ZRecusalReport);
export const getTeamSuggestion = (inspectionId: string) =>
  request('GET', `/api/inspections/${seg(inspectionId)}/team-suggestion`, ZTeamSuggestion);

// 一次一授权

export const getAuthorization = (roundId: string) =>
  request('GET', `/api/rounds/${seg(roundId)}/authorization`, ZAuthorization);
export const putAuthorization = (roundId: string, body: TAuthorizationInput) =>
  request('PUT', `/api/rounds/${seg(roundId)}/authorization`, ZAuthorization, { body });
export const exportAuthorization = (roundId: string, roundName: string) =>
  download(`/api/rounds/${seg(roundId)}/authorization.docx`, undefined, `${roundName}巡察授权决定.docx`);

// Training and awards

export const listTrainings = (authorityId: string | undefined) =>
  request('GET', '/api/trainings', ZTrainingList, { query: { authorityId } });
export const listAwards = (authorityId: string | undefined, kind: TAwardKind) =>
  request('GET', '/api/awards', ZAwardList, { query: { authorityId, kind } });
export const createTraining = (body: TTrainingCreateInput) => request('POST', '/api/trainings', ZTraining, { body });
export const getAttendees = (trainingId: string) =>
  request('GET', `/api/trainings/${seg(trainingId)}/attendees`, ZAttendeeList);
/** Replaces the whole sign-in sheet of the training. */
export const putAttendees = (trainingId: string, inspectorIds: string[]) =>
  request('PUT', `/api/trainings/${seg(trainingId)}/attendees`, ZTraining, { body: { inspectorIds } });
export const createSecondment = (body: TSecondmentInput) => request('POST', '/api/secondments', ZCreated, { body });
export const createShadowing = (body: TShadowingInput) => request('POST', '/api/shadowings', ZCreated, { body });
export const createAppraisal = (body: TAppraisalInput) => request('POST', '/api/appraisals', ZCreated, { body });
export const exportAppraisal = (appraisalId: string, fallbackName: string) =>
  download(`/api/appraisals/${seg(appraisalId)}/appraisal.docx`, undefined, fallbackName);
export const createAward = (authorityId: string, body: TAwardInput) =>
  request('POST', '/api/awards', ZCreated, { body, query: { authorityId } });
export const exportLedgers = (authorityId: string | undefined) =>
  download('/api/personnel/ledgers.xlsx', { authorityId }, '巡察干部培训与表彰台账.xlsx');

// Batch import (all or nothing; 422 IMPORT_INVALID carries the row-by-row report)

export const downloadInspectorTemplate = () =>
  download('/api/inspectors/import-template', undefined, '巡察干部导入模板.xlsx');

export const importInspectors = (authorityId: string, file: File, on: ImportProgress) =>
  importXlsx('/api/inspectors/import', authorityId, file, on);

export const getPersonnelSettings = (authorityId: string) =>
  request('GET', '/api/personnel-settings', ZPersonnelSettingsResponse, { query: { authorityId } });
export const putPersonnelSettings = (authorityId: string, body: z.input<typeof ZPersonnelSettingsUpdate>) =>
  request('PUT', '/api/personnel-settings', ZPersonnelSettingsResponse, { query: { authorityId }, body });
