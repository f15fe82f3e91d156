import { addMonths, type TCalendar } from '../planning/calendar.ts';
import { dueDate, type TDeadlineColour, type TDeadlineRule, type TDeadlineSettings } from '../planning/deadlines.ts';
import { chineseNumeral } from '../planning/schemas.ts';
import { REPORT_KIND_LABELS, type TReportKind } from './schemas.ts';
import { dueColour, type TWarningSettings } from './warnings.ts';

/**
 * The dates of rectification counted from the feedback (domain.md §4 rectifying, evaluated), from
 * the authority's deadline settings (planning's ZDeadlineSettings): the plan (default 15 working
 * days), the end of 集中整改 when the 整改报告 and the leader report are due (default 2 months),
 * and the evaluation (default 1 month after 集中整改).
 */
export function rectificationDeadlines(
  feedbackDate: string,
  deadlines: Pick<
    TDeadlineSettings,
    'planAfterFeedback' | 'rectificationReportAfterFeedback' | 'evaluationAfterConcentratedEnd'
  >,
  cal: TCalendar,
): { planDue: string; concentratedEnd: string; evaluationDue: string } {
  const concentratedEnd = dueDate(feedbackDate, deadlines.rectificationReportAfterFeedback, cal);
  return {
    planDue: dueDate(feedbackDate, deadlines.planAfterFeedback, cal),
    concentratedEnd,
    evaluationDue: dueDate(concentratedEnd, deadlines.evaluationAfterConcentratedEnd, cal),
  };
}

export interface TReportScheduleSettings extends TWarningSettings {
  /** planning's ZDeadlineSettings.rectificationReportAfterFeedback. */
  rectificationReportAfterFeedback: TDeadlineRule;
  /** ZRectificationSettings.progressReportIntervalMonths. */
  progressReportIntervalMonths: number;
}

export interface TSubmittedReport {
  kind: TReportKind;
  /** The progress report's number; absent for the two reports of 集中整改. */
  seq?: number | null;
  submittedOn: string;
}

export interface TScheduledReport {
  kind: TReportKind;
  /** 1, 2 … for progress reports; null for the other two. */
  seq: number | null;
  title: string;
  dueOn: string;
  submittedOn: string | null;
  late: boolean;
  colour: TDeadlineColour;
}

/** No inspection runs 100 periods of 持续整改; the cap keeps a wrong date from listing for ever. */
const MAX_PROGRESS_REPORTS = 100;

/**
 * The reports an organization owes, with their due dates and colours. The 整改报告 and the
 * 主要负责人组织落实情况报告 are due when 集中整改 ends; then a 持续整改进展报告 falls due every
 * `progressReportIntervalMonths` after that, one for each period that began with a task still
 * open: all of them up to the one in progress today while tasks are open, and once every task is
 * closed (`tasksAllClosedOn`, the last write-off) those whose period began before that day — the
 * last one reports the closing. Tasks closed by the end of 集中整改 owe no progress report.
 */
export function reportSchedule(
  feedbackDate: string,
  settings: TReportScheduleSettings,
  tasksAllClosedOn: string | null,
  today: string,
  cal: TCalendar,
  submitted: readonly TSubmittedReport[] = [],
): TScheduledReport[] {
  const concentratedEnd = dueDate(feedbackDate, settings.rectificationReportAfterFeedback, cal);
  const item = (kind: TReportKind, seq: number | null, dueOn: string, title: string): TScheduledReport => {
    const s = submitted
      .filter((r) => r.kind === kind && (r.seq ?? null) === seq)
      .sort((a, b) => (a.submittedOn < b.submittedOn ? -1 : 1))[0];
    const submittedOn = s?.submittedOn ?? null;
    return {
      kind,
      seq,
      title,
      dueOn,
      submittedOn,
      late: submittedOn !== null && submittedOn > dueOn,
      colour: dueColour(dueOn, today, submittedOn !== null, cal, settings),
    };
  };
  const out = [
    item('rectificationReport', null, concentratedEnd, REPORT_KIND_LABELS.rectificationReport),
    item('leaderReport', null, concentratedEnd, REPORT_KIND_LABELS.leaderReport),
  ];
  for (let k = 1; k <= MAX_PROGRESS_REPORTS; k++) {
    const periodStart = addMonths(concentratedEnd, (k - 1) * settings.progressReportIntervalMonths);
    const open = tasksAllClosedOn === null ? periodStart <= today : periodStart < tasksAllClosedOn;
    if (!open) break;
    const due = addMonths(concentratedEnd, k * settings.progressReportIntervalMonths);
    out.push(item('progressReport', k, due, `第${chineseNumeral(k)}次${REPORT_KIND_LABELS.progressReport}`));
  }
  return out;
}
