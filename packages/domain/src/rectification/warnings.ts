import {
  addCalendarDays,
  addWorkingDays,
  isWorkingDay,
  type TCalendar,
  workingDaysBetween,
} from '../planning/calendar.ts';
import type { TDeadlineColour } from '../planning/deadlines.ts';
import type { TReminderDigestResponse, TReminderKind, TTaskKind, TTaskStatus, TTaskWarning } from './schemas.ts';

/**
 * Warnings (预警) of domain.md §5, counted in working days against the office's holiday calendar
 * (法定节假日 off, 调休 weekend days worked).
 */

export interface TWarningTask {
  kind: TTaskKind;
  deadline: string;
  status: TTaskStatus;
  writtenOff: boolean;
  /** A red card is in force. */
  redCard: boolean;
}

export interface TWarningSettings {
  /** ZRectificationSettings.warningWorkingDays. */
  warningWorkingDays: number;
}

/**
 * Has the organization done what the deadline asks? A 完成 task has (it waits for the office); a
 * 长期坚持 task's deadline is its first milestone, met by 阶段性成果 (ongoing), after which it is
 * followed through the progress reports rather than flagged overdue for ever.
 */
export function deadlineMet(task: Pick<TWarningTask, 'kind' | 'status'>): boolean {
  return task.status === 'done' || (task.kind === 'longTerm' && task.status === 'ongoing');
}

/** Signed working days from today to `deadline`: 0 on the day, negative once past (−1 the first working day after). */
export function workingDaysLeft(deadline: string, today: string, cal: TCalendar): number {
  return deadline >= today ? workingDaysBetween(today, deadline, cal) : -workingDaysBetween(deadline, today, cal);
}

export type TWarningReason = 'redCard' | 'overdue' | 'dueSoon' | 'onTrack' | 'deadlineMet';
export const WARNING_REASON_LABELS: Record<TWarningReason, string> = {
  redCard: '佐证材料被认定敷衍应付，已亮红牌',
  overdue: '已超过整改时限',
  dueSoon: '临近整改时限',
  onTrack: '正常推进',
  deadlineMet: '已按时限报告',
};

/**
 * The warning with its reason, or null for a written-off task (closed tasks carry no warning).
 * red: a red card is in force, or the deadline has passed and was not met; yellow: not met and
 * at most `warningWorkingDays` working days remain after today up to the deadline (the due day
 * itself is yellow); green otherwise.
 */
export function taskWarningDetail(
  task: Readonly<TWarningTask>,
  today: string,
  cal: TCalendar,
  settings: TWarningSettings,
): { warning: TTaskWarning; reason: TWarningReason; workingDaysLeft: number } | null {
  if (task.writtenOff) return null;
  const left = workingDaysLeft(task.deadline, today, cal);
  if (task.redCard) return { warning: 'red', reason: 'redCard', workingDaysLeft: left };
  if (deadlineMet(task)) return { warning: 'green', reason: 'deadlineMet', workingDaysLeft: left };
  if (today > task.deadline) return { warning: 'red', reason: 'overdue', workingDaysLeft: left };
  if (left <= settings.warningWorkingDays) return { warning: 'yellow', reason: 'dueSoon', workingDaysLeft: left };
  return { warning: 'green', reason: 'onTrack', workingDaysLeft: left };
}

/** green | yellow | red, or null once written off. */
export function taskWarning(
  task: Readonly<TWarningTask>,
  today: string,
  cal: TCalendar,
  settings: TWarningSettings,
): TTaskWarning | null {
  return taskWarningDetail(task, today, cal, settings)?.warning ?? null;
}

/**
 * The same rule as date bounds, so a ledger query can filter millions of rows on the deadline
 * column alone: among tasks neither written off, red-carded nor with the deadline met, those with
 * `deadline < overdueBefore` are red, those with `deadline <= yellowThrough` (and not red) are
 * yellow, the rest green. `yellowThrough` is the day before the (window + 1)-th working day
 * after today, the last date with at most `window` working days left.
 */
export function warningBounds(
  today: string,
  cal: TCalendar,
  settings: TWarningSettings,
): { overdueBefore: string; yellowThrough: string } {
  return {
    overdueBefore: today,
    yellowThrough: addCalendarDays(addWorkingDays(today, settings.warningWorkingDays + 1, cal), -1),
  };
}

/**
 * Colour of a dated obligation other than a task (a report, the plan), flagged like tasks: done
 * once submitted, red when past due, yellow within the working-day window, green otherwise.
 */
export function dueColour(
  due: string,
  today: string,
  submitted: boolean,
  cal: TCalendar,
  settings: TWarningSettings,
): TDeadlineColour {
  if (submitted) return 'done';
  if (today > due) return 'red';
  return workingDaysBetween(today, due, cal) <= settings.warningWorkingDays ? 'yellow' : 'green';
}

// ---------------------------------------------------------------------------------------------
// Reminders: one in-app digest a day, not one message per task

export interface TDigestTask extends TWarningTask {
  id: string;
  orgId: string;
  orgName: string;
  responsibleLeader: string;
  responsibleDept: string;
  measures: string;
  /** The day the task was set (the plan passed, or the task was entered). */
  assignedOn: string;
}

/** Most urgent first: a task appears once in a digest, under its most urgent reminder. */
const URGENCY: Record<TReminderKind, number> = { overdue: 0, dueIn1: 1, dueIn7: 2, assigned: 3 };

/** The last working day on or before `date`. */
function workingDayOnOrBefore(date: string, cal: TCalendar): string {
  return addWorkingDays(addCalendarDays(date, 1), -1, cal);
}

/**
 * The reminder `task` reaches on `today`, or null. Reminders go out on working days only, so each
 * is moved to one: T-7 and T-1 to the last working day on or before 7 / 1 days before the deadline
 * (a Monday deadline is announced on the Friday, one after 国庆 before the holiday); assignment on
 * a day off to the next working day; overdue to the first working day after the deadline. A task
 * whose deadline is met, or written off, is reminded of nothing but its assignment.
 */
export function reminderOf(task: Readonly<TDigestTask>, today: string, cal: TCalendar): TReminderKind | null {
  if (task.writtenOff || !isWorkingDay(today, cal)) return null;
  const due: TReminderKind[] = [];
  if (addWorkingDays(task.assignedOn, 0, cal) === today) due.push('assigned');
  if (!deadlineMet(task) && task.assignedOn <= today) {
    if (addWorkingDays(task.deadline, 1, cal) === today) due.push('overdue');
    if (today <= task.deadline) {
      if (workingDayOnOrBefore(addCalendarDays(task.deadline, -1), cal) === today) due.push('dueIn1');
      if (workingDayOnOrBefore(addCalendarDays(task.deadline, -7), cal) === today) due.push('dueIn7');
    }
  }
  return due.sort((a, b) => URGENCY[a] - URGENCY[b])[0] ?? null;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Today's digest: per organization (addressed to its liaison and main leader), per responsible
 * leader and department, the tasks reaching assignment, T-7, T-1 or overdue today. Empty on a day
 * off. Groups and items come in a stable order (organization name, leader, urgency, deadline).
 */
export function reminderDigest(
  tasks: Iterable<Readonly<TDigestTask>>,
  today: string,
  cal: TCalendar,
): TReminderDigestResponse {
  type TGroup = TReminderDigestResponse['groups'][number];
  type TPerson = TGroup['people'][number];
  const groups = new Map<string, TGroup & { byPerson: Map<string, TPerson> }>();
  for (const t of tasks) {
    const kind = reminderOf(t, today, cal);
    if (!kind) continue;
    let g = groups.get(t.orgId);
    if (!g) {
      g = {
        orgId: t.orgId,
        orgName: t.orgName,
        counts: { overdue: 0, dueIn1: 0, dueIn7: 0, assigned: 0 },
        people: [],
        byPerson: new Map(),
      };
      groups.set(t.orgId, g);
    }
    g.counts[kind] = (g.counts[kind] ?? 0) + 1;
    const key = JSON.stringify([t.responsibleLeader, t.responsibleDept]);
    let p = g.byPerson.get(key);
    if (!p) {
      p = { responsibleLeader: t.responsibleLeader, responsibleDept: t.responsibleDept, items: [] };
      g.byPerson.set(key, p);
      g.people.push(p);
    }
    p.items.push({ taskId: t.id, kind, deadline: t.deadline, measures: t.measures });
  }
  const out = [...groups.values()].map(({ byPerson: _, ...g }) => {
    g.people.sort((a, b) => cmp(a.responsibleLeader, b.responsibleLeader) || cmp(a.responsibleDept, b.responsibleDept));
    for (const p of g.people)
      p.items.sort(
        (a, b) => URGENCY[a.kind] - URGENCY[b.kind] || cmp(a.deadline, b.deadline) || cmp(a.taskId, b.taskId),
      );
    return g;
  });
  out.sort((a, b) => cmp(a.orgName, b.orgName) || cmp(a.orgId, b.orgId));
  return { date: today, groups: out };
}
