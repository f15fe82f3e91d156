import type { TTeamRole } from '../personnel/schemas.ts';
import { countClues } from './clues.ts';
import {
  ACTIVITIES_NEEDING_APPROVAL,
  ACTIVITIES_NEEDING_TWO,
  ACTIVITY_KIND_LABELS,
  COVERT_TWO_MESSAGE,
  MIN_INTERVIEWERS,
  type TActivityKind,
  type TActivityStatus,
  type TInspectionSummary,
  type TPaperStatus,
} from './schemas.ts';

export function activityNeedsApproval(kind: TActivityKind): boolean {
  return ACTIVITIES_NEEDING_APPROVAL.includes(kind);
}

/**
 * The status a new activity starts in. A 暗访 waits for the 组长, unless the 组长 records it: recording
 * it is then the approval. Everything else is recorded at once.
 */
export function initialActivityStatus(kind: TActivityKind, teamRole: TTeamRole | null): TActivityStatus {
  return activityNeedsApproval(kind) && teamRole !== 'leader' ? 'pendingApproval' : 'recorded';
}

/**
 * What an activity still lacks before it counts, in Chinese (empty when it counts): the 组长's
 * approval of a 暗访 and its two people. The counters of the summary count recorded activities only.
 */
export function activityMissing(a: {
  kind: TActivityKind;
  status: TActivityStatus;
  inspectorIds: readonly string[];
}): string[] {
  const out: string[] = [];
  if (activityNeedsApproval(a.kind) && a.status === 'pendingApproval')
    out.push(`${ACTIVITY_KIND_LABELS[a.kind]}须经组长批准`);
  if (ACTIVITIES_NEEDING_TWO.includes(a.kind) && new Set(a.inspectorIds).size < MIN_INTERVIEWERS)
    out.push(COVERT_TWO_MESSAGE);
  return out;
}

/** Chinese reason the caller (by their role on the inspection's team) may not approve the activity, or null. */
export function activityApproveProblem(
  a: { kind: TActivityKind; status: TActivityStatus; inspectorIds: readonly string[] },
  teamRole: TTeamRole | null,
): string | null {
  if (!activityNeedsApproval(a.kind)) return `${ACTIVITY_KIND_LABELS[a.kind]}无需审批`;
  if (a.status !== 'pendingApproval') return '该活动已批准';
  if (teamRole !== 'leader') return `${ACTIVITY_KIND_LABELS[a.kind]}须经组长批准`;
  if (new Set(a.inspectorIds).size < MIN_INTERVIEWERS) return COVERT_TWO_MESSAGE;
  return null;
}

/**
 * Chinese reason an interview or activity cannot be dated `date`, or null: it happened on site, so not
 * before the entry date, and not after today. Leaving the site does not close the record: a team
 * still interviews and reads documents to check a finding while it drafts the report.
 */
export function activityDateProblem(date: string, entryDate: string | null, today: string): string | null {
  if (!entryDate) return '巡察尚未进驻，不能记录谈话和活动';
  if (date < entryDate) return `日期不能早于进驻日期（${entryDate}）`;
  if (date > today) return '日期不能晚于今天';
  return null;
}

/** The records a summary is counted from; petitions and survey answers arrive as counts from their modules. */
export interface TSummaryRecords {
  interviews: readonly unknown[];
  activities: readonly { kind: TActivityKind; count: number; status: TActivityStatus }[];
  /** 信访 件 in the inbox for the inspection. */
  petitions: number;
  /** 问卷 份 answered (every answer, verified or not: the survey module shows the split). */
  surveyAnswers: number;
  workingPapers: readonly { status: TPaperStatus }[];
  findings: readonly { immediate: boolean }[];
  clues: readonly { subjects: readonly { name: string; post: string }[] }[];
}

/**
 * The summary of an inspection (or a round, or a term: the same sums over more records), and the
 * reference the server's SQL is tested against. 谈话 in 人次 (one per interview), 调阅 in 份 (the sum of
 * counts), the other activities in 次 (the sum of counts, 1 per record unless the team wrote more);
 * activities awaiting approval do not count. Papers in review are those with 副组长 or 组长.
 */
export function summarize(r: TSummaryRecords): TInspectionSummary {
  const sum = (kind: TActivityKind) =>
    r.activities.reduce((n, a) => (a.kind === kind && a.status === 'recorded' ? n + a.count : n), 0);
  const papers = (pred: (s: TPaperStatus) => boolean) => r.workingPapers.filter((p) => pred(p.status)).length;
  const clues = countClues(r.clues);
  return {
    activities: {
      interviews: r.interviews.length,
      documentReviews: sum('documentReview'),
      visits: sum('visit'),
      forums: sum('forum'),
      meetings: sum('meeting'),
      briefings: sum('briefing'),
      covertVisits: sum('covertVisit'),
    },
    petitions: r.petitions,
    surveys: r.surveyAnswers,
    workingPapers: {
      draft: papers((s) => s === 'draft'),
      inReview: papers((s) => s === 'deputyReview' || s === 'leaderReview'),
      signedOff: papers((s) => s === 'signedOff'),
    },
    findings: r.findings.length,
    immediateFixes: r.findings.filter((f) => f.immediate).length,
    clues: { cases: clues.cases, persons: clues.persons, personTimes: clues.personTimes },
  };
}
