import type { TCalendar } from '../planning/calendar.ts';
import { deadlineColour, dueDate, type TDeadlineColour, type TDeadlineRule } from '../planning/deadlines.ts';
import { STAGE_LABELS, STAGES, type TStage } from '../planning/stages.ts';
import { DEFAULT_FIELDWORK_SETTINGS, MEETING_KIND_LABELS, type TClueStatus, type TMeetingKind } from './schemas.ts';

/**
 * What the fieldwork adds to the stage machine of planning/stages.ts, as functions its transition
 * check calls with data the fieldwork module counts:
 * - onSite → reporting (撤离): nothing beyond the entry date stages.ts already requires;
 * - reporting → feedback (召开反馈会): the report heard by the 书记专题会 (reportHeardProblem);
 * - transfer → rectifying (leaving 移交): every clue transferred (untransferredProblem).
 * A move refused for one of these answers 409 with the returned sentence.
 */

/**
 * The earliest date the report was heard: a meeting of one of `kinds` (ZFieldworkSettings
 * .reportHearingKinds, default the 书记专题会) that heard the inspection, on or after it left the site.
 * `meetings` are the meetings that list the inspection among those heard.
 */
export function reportHeardOn(
  meetings: readonly { kind: TMeetingKind; date: string }[],
  opts: { exitDate?: string | null; kinds?: readonly TMeetingKind[] } = {},
): string | null {
  const kinds = opts.kinds ?? DEFAULT_FIELDWORK_SETTINGS.reportHearingKinds;
  const dates = meetings
    .filter((m) => kinds.includes(m.kind) && (!opts.exitDate || m.date >= opts.exitDate))
    .map((m) => m.date)
    .sort();
  return dates[0] ?? null;
}

/** Chinese reason the inspection may not move to feedback yet, or null once its report has been heard. */
export function reportHeardProblem(
  meetings: readonly { kind: TMeetingKind; date: string }[],
  opts: { exitDate?: string | null; kinds?: readonly TMeetingKind[] } = {},
): string | null {
  if (reportHeardOn(meetings, opts)) return null;
  const kinds = opts.kinds ?? DEFAULT_FIELDWORK_SETTINGS.reportHearingKinds;
  return `巡察报告尚未经${kinds.map((k) => MEETING_KIND_LABELS[k]).join('或')}听取，不能召开反馈会`;
}

/**
 * The warning colour of the hearing's time limit: the authority's `reportAfterExit` deadline setting
 * (ZDeadlineSettings; default 1 month after leaving the site). 'none' before the team has left.
 */
export function reportHearingColour(
  at: { exitDate: string | null; heardOn: string | null },
  rule: TDeadlineRule,
  cal: TCalendar,
  today: string,
  warnDays: number,
): TDeadlineColour | 'none' {
  if (!at.exitDate) return 'none';
  return deadlineColour(dueDate(at.exitDate, rule, cal), today, at.heardOn !== null, warnDays);
}

/** Chinese reason the 移交 stage may not end yet, or null: `counts` are the inspection's clues by status. */
export function untransferredProblem(counts: Readonly<Partial<Record<TClueStatus, number>>>): string | null {
  const n = counts.draft ?? 0;
  return n > 0 ? `尚有${n}件问题线索未移交，移交阶段不能结束` : null;
}

export const FIELDWORK_RECORD_KINDS = ['interview', 'activity', 'workingPaper', 'clue', 'finding', 'report'] as const;
export type TFieldworkRecord = (typeof FIELDWORK_RECORD_KINDS)[number];
const FIELDWORK_RECORD_LABELS: Record<TFieldworkRecord, string> = {
  interview: '记录个别谈话',
  activity: '记录巡察活动',
  workingPaper: '撰写和审核问题底稿',
  clue: '登记问题线索',
  finding: '录入问题',
  report: '修改巡察报告',
};

const before = (stage: TStage) => STAGES.slice(0, STAGES.indexOf(stage));

/**
 * The stages in which each kind of record may be written. Interviews, activities and papers belong to
 * the stay and the drafting after it (a team checks a finding once more before the report); a clue
 * can still turn up until the transfers are done; a finding may be entered in every stage before
 * `evaluated` (issue 11: the leader's direct entry, or the office taking over an earlier ledger). The
 * report is drafted from the stay on and revised until the feedback meeting has been held on it.
 */
export const RECORDING_STAGES: Readonly<Record<TFieldworkRecord, readonly TStage[]>> = Object.freeze({
  interview: ['onSite', 'reporting'],
  activity: ['onSite', 'reporting'],
  workingPaper: ['onSite', 'reporting'],
  clue: ['onSite', 'reporting', 'feedback', 'transfer'],
  finding: before('evaluated'),
  report: ['onSite', 'reporting', 'feedback'],
});

export function recordingStageProblem(what: TFieldworkRecord, stage: TStage): string | null {
  return RECORDING_STAGES[what].includes(stage)
    ? null
    : `巡察处于“${STAGE_LABELS[stage] ?? stage}”，不能${FIELDWORK_RECORD_LABELS[what]}`;
}
