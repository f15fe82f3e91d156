import { daysBetween, type TCalendar } from '../planning/calendar.ts';
import { deadlineColour, dueDate } from '../planning/deadlines.ts';
import type { TInspectionMode } from '../planning/schemas.ts';
import {
  DUAL_REPORT_KIND_LABELS,
  DUAL_REPORT_KINDS,
  type TDualReportKind,
  type TDualReportState,
  type TGovernanceSettings,
} from './schemas.ts';

export interface TDualReportInput {
  mode: TInspectionMode;
  /** The day the county's 书记专题会 heard the inspection report (fieldwork's meeting record). */
  reportHeardOn: string | null;
  feedbackDate: string | null;
  records: Readonly<Partial<Record<TDualReportKind, { on: string | null; checkedOn?: string | null }>>>;
}

export interface TDualReportItemStatus {
  kind: TDualReportKind;
  label: string;
  on: string | null;
  checkedOn: string | null;
  due: string | null;
  state: TDualReportState;
  colour: 'green' | 'yellow' | 'red' | 'done' | 'none';
  /** Made, but after its due date. */
  late: boolean;
}

export interface TDualReportStatus {
  /** The date the limits count from; null when neither the hearing nor the feedback is recorded. */
  anchor: string | null;
  items: TDualReportItemStatus[];
  /** Chinese warnings for the checklist and the office's dashboard, one per overdue record. */
  warnings: string[];
}

/**
 * 双报告一报备 of an authorized inspection (the county reports to its committee and to the city's
 * sector department, and files with the city office), each due by the authority's rule counted from
 * the day the county's 书记专题会 heard the report (default 10 working days for each). When the
 * hearing is not recorded but the feedback is, the feedback date stands in: the report is always
 * heard before the 反馈会, so the warning comes late rather than wrongly. Before either, nothing is
 * due. Other inspection modes have no dual report: null.
 */
export function dualReportStatus(
  input: TDualReportInput,
  today: string,
  settings: Pick<TGovernanceSettings, 'dualReport' | 'warnDays'>,
  cal: TCalendar,
): TDualReportStatus | null {
  if (input.mode !== 'authorized') return null;
  const anchor = input.reportHeardOn ?? input.feedbackDate;
  const items = DUAL_REPORT_KINDS.map((kind): TDualReportItemStatus => {
    const rec = input.records[kind];
    const on = rec?.on ?? null;
    const checkedOn = on ? (rec?.checkedOn ?? null) : null;
    const due = anchor ? dueDate(anchor, settings.dualReport[kind], cal) : null;
    let state: TDualReportState;
    if (on && checkedOn) state = 'checked';
    else if (on) state = 'awaitingCheck';
    else if (!due) state = 'notDue';
    else state = today > due ? 'overdue' : 'pending';
    const colour = due ? deadlineColour(due, today, on !== null, settings.warnDays) : on ? 'done' : 'none';
    return {
      kind,
      label: DUAL_REPORT_KIND_LABELS[kind],
      on,
      checkedOn,
      due,
      state,
      colour,
      late: on !== null && due !== null && on > due,
    };
  });
  const warnings = items
    .filter((i) => i.state === 'overdue' && i.due)
    .map((i) => `${i.label}已逾期${daysBetween(i.due as string, today)}天（应于${i.due}前完成）`);
  return { anchor, items, warnings };
}
