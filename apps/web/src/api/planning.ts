import {
  ZCoverage,
  ZDeadlineSettingsResponse,
  type ZDeadlineSettingsUpdate,
  ZHolidayList,
  type ZHolidayYearUpdate,
  ZInspection,
  type ZInspectionCreate,
  ZInspectionDetail,
  ZInspectionList,
  type ZInspectionListQuery,
  type ZInspectionUpdate,
  ZRound,
  type ZRoundApprove,
  type ZRoundCreate,
  ZRoundList,
  type ZRoundUpdate,
  type ZStageTransition,
  ZTargetSuggestion,
  type ZTargetSuggestionQuery,
  ZTeam,
  type ZTeamCreate,
  ZTeamList,
  type ZTeamUpdate,
  ZTerm,
  type ZTermCreate,
  ZTermList,
  type ZTermUpdate,
} from '@xc/domain';
import type { z } from 'zod';
import { download, request, requestVoid } from './client.ts';

export type TInspectionItem = z.infer<typeof ZInspectionList>['items'][number];
export type TInspectionDetailOut = z.infer<typeof ZInspectionDetail>;
export type TCoverageOut = z.infer<typeof ZCoverage>;
export type TTargetSuggestionOut = z.infer<typeof ZTargetSuggestion>;
export type THolidayItem = z.infer<typeof ZHolidayList>['items'][number];

export type TTermCreateInput = z.input<typeof ZTermCreate>;
export type TTermUpdateInput = z.input<typeof ZTermUpdate>;
export type TRoundCreateInput = z.input<typeof ZRoundCreate>;
export type TRoundUpdateInput = z.input<typeof ZRoundUpdate>;
export type TRoundApproveInput = z.input<typeof ZRoundApprove>;
export type TTeamCreateInput = z.input<typeof ZTeamCreate>;
export type TTeamUpdateInput = z.input<typeof ZTeamUpdate>;
export type TInspectionCreateInput = z.input<typeof ZInspectionCreate>;
export type TInspectionUpdateInput = z.input<typeof ZInspectionUpdate>;
export type TInspectionFilters = Omit<z.input<typeof ZInspectionListQuery>, 'limit' | 'cursor'>;
export type TStageTransitionInput = z.input<typeof ZStageTransition>;
export type TSuggestionQuery = Partial<z.output<typeof ZTargetSuggestionQuery>>;
export type THolidayYearUpdateInput = z.input<typeof ZHolidayYearUpdate>;
export type TDeadlineSettingsUpdateInput = z.input<typeof ZDeadlineSettingsUpdate>;

/** Query keys of the planning pages; every key starts with 'planning' so one invalidation refreshes them all. */
export const pk = {
  all: ['planning'] as const,
  terms: (q: object) => ['planning', 'terms', q] as const,
  term: (id: string) => ['planning', 'term', id] as const,
  coverage: (termId: string) => ['planning', 'coverage', termId] as const,
  suggestions: (termId: string, q: object) => ['planning', 'suggestions', termId, q] as const,
  rounds: (q: object) => ['planning', 'rounds', q] as const,
  round: (id: string) => ['planning', 'round', id] as const,
  teams: (roundId: string) => ['planning', 'teams', roundId] as const,
  inspections: (q: object) => ['planning', 'inspections', q] as const,
  inspection: (id: string) => ['planning', 'inspection', id] as const,
  calendar: (authorityId: string, year: number) => ['planning', 'calendar', authorityId, year] as const,
  deadlineSettings: (authorityId: string) => ['planning', 'deadline-settings', authorityId] as const,
};

const seg = (s: string) => encodeURIComponent(s);

// Terms (届) and their coverage

export const listTerms = (q: { authorityId?: string; limit?: number; cursor?: string }, signal?: AbortSignal) =>
  request('GET', '/api/terms', ZTermList, { query: q, signal });
export const getTerm = (id: string) => request('GET', `/api/terms/${seg(id)}`, ZTerm);
export const createTerm = (body: TTermCreateInput) => request('POST', '/api/terms', ZTerm, { body });
export const updateTerm = (id: string, body: TTermUpdateInput) =>
  request('PATCH', `/api/terms/${seg(id)}`, ZTerm, { body });

export const getCoverage = (termId: string) => request('GET', `/api/terms/${seg(termId)}/coverage`, ZCoverage);
export const exportCoverage = (termId: string, termName: string) =>
  download(`/api/terms/${seg(termId)}/coverage.xlsx`, undefined, `${termName}巡察覆盖台账.xlsx`);
export const getSuggestions = (termId: string, q: TSuggestionQuery) =>
  request('GET', `/api/terms/${seg(termId)}/suggestions`, ZTargetSuggestion, { query: q });

// Rounds (轮)

export const listRounds = (q: { termId: string; limit?: number; cursor?: string }, signal?: AbortSignal) =>
  request('GET', '/api/rounds', ZRoundList, { query: q, signal });
export const getRound = (id: string) => request('GET', `/api/rounds/${seg(id)}`, ZRound);
export const createRound = (body: TRoundCreateInput) => request('POST', '/api/rounds', ZRound, { body });
export const updateRound = (id: string, body: TRoundUpdateInput) =>
  request('PATCH', `/api/rounds/${seg(id)}`, ZRound, { body });
export const approveRound = (id: string, body: TRoundApproveInput) =>
  request('POST', `/api/rounds/${seg(id)}/approve`, ZRound, { body });
export const exportRoundPlan = (id: string, roundName: string) =>
  download(`/api/rounds/${seg(id)}/plan.docx`, undefined, `${roundName}巡察工作方案.docx`);

// Teams (巡察组)

export const listTeams = (roundId: string) => request('GET', `/api/rounds/${seg(roundId)}/teams`, ZTeamList);
export const createTeam = (body: TTeamCreateInput) => request('POST', '/api/teams', ZTeam, { body });
export const updateTeam = (id: string, body: TTeamUpdateInput) =>
  request('PATCH', `/api/teams/${seg(id)}`, ZTeam, { body });
export const deleteTeam = (id: string) => requestVoid('DELETE', `/api/teams/${seg(id)}`);

// Inspections

export const listInspections = (
  q: TInspectionFilters & { limit?: number; cursor?: string | undefined },
  signal?: AbortSignal,
) => request('GET', '/api/inspections', ZInspectionList, { query: q, signal });

/** Every page of a filtered list (a round or a term holds at most a few hundred inspections). */
export async function listAllInspections(q: TInspectionFilters, signal?: AbortSignal): Promise<TInspectionItem[]> {
  const out: TInspectionItem[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await listInspections({ ...q, limit: 500, cursor }, signal);
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export const getInspection = (id: string) => request('GET', `/api/inspections/${seg(id)}`, ZInspectionDetail);
export const createInspection = (body: TInspectionCreateInput) =>
  request('POST', '/api/inspections', ZInspection, { body });
export const updateInspection = (id: string, body: TInspectionUpdateInput) =>
  request('PATCH', `/api/inspections/${seg(id)}`, ZInspection, { body });
export const deleteInspection = (id: string) => requestVoid('DELETE', `/api/inspections/${seg(id)}`);
export const transitionInspection = (id: string, body: TStageTransitionInput) =>
  request('POST', `/api/inspections/${seg(id)}/transition`, ZInspectionDetail, { body });

// Holiday calendar and deadline settings of an authority

export const getCalendar = (authorityId: string, year: number) =>
  request('GET', '/api/calendar', ZHolidayList, { query: { authorityId, year } });
export const putCalendar = (authorityId: string, body: THolidayYearUpdateInput) =>
  request('PUT', '/api/calendar', ZHolidayList, { query: { authorityId }, body });

export const getDeadlineSettings = (authorityId: string) =>
  request('GET', '/api/deadline-settings', ZDeadlineSettingsResponse, { query: { authorityId } });
export const putDeadlineSettings = (authorityId: string, body: TDeadlineSettingsUpdateInput) =>
  request('PUT', '/api/deadline-settings', ZDeadlineSettingsResponse, { query: { authorityId }, body });
