import { addWorkingDays, type TCalendar } from '../planning/calendar.ts';
import { deadlineColour, type TDeadlineColour } from '../planning/deadlines.ts';
import {
  REMINDER_STATUS_LABELS,
  type TGovernanceSettings,
  type TReminderJudgement,
  type TReminderStatus,
} from './schemas.ts';

/**
 * The answer is due `days` working days after the reminder is sent, the day of sending not counted,
 * weekends, 法定节假日 and 调休 working days as the office's calendar says.
 */
export function answerDue(sentOn: string, days: number, cal: TCalendar): string {
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`答复期限必须是正整数：${days}`);
  return addWorkingDays(sentOn, days, cal);
}

/**
 * The due date of a new reminder: the date the office chose (kept as chosen: it is the office's
 * decision, and it may deliberately fall on a day after a holiday), else the working days it chose,
 * else the authority's setting.
 */
export function resolveReminderDue(
  r: { sentOn: string; answerDueInWorkingDays?: number | undefined; dueOn?: string | undefined },
  settings: Pick<TGovernanceSettings, 'reminderAnswerDays'>,
  cal: TCalendar,
): string {
  if (r.dueOn !== undefined) return r.dueOn;
  return answerDue(r.sentOn, r.answerDueInWorkingDays ?? settings.reminderAnswerDays, cal);
}

/** Chinese reason a chosen due date is not acceptable, or null. */
export function reminderDueProblem(sentOn: string, dueOn: string): string | null {
  return dueOn <= sentOn ? '答复截止日期须晚于发出日期' : null;
}

/**
 * What the status needs of a reminder. `answeredOn` is the latest answer's date and `judgement` the
 * office's judgement of that answer (a new answer clears it); after 'insufficient' the server sets
 * `dueOn` to the new due date (judgeReminder).
 */
export interface TReminderState {
  dueOn: string;
  answeredOn: string | null;
  judgement: TReminderJudgement | null;
}

/**
 * answered (accepted) and submitted (awaiting the office) are settled for the recipient; an answer
 * still owed — none yet, or a new one after 'insufficient' — is overdue once today is past the due
 * date (the due day itself is still in time).
 */
export function reminderStatus(r: TReminderState, today: string): TReminderStatus {
  if (r.judgement === 'answered') return 'answered';
  if (r.answeredOn !== null && r.judgement === null) return 'submitted';
  if (today > r.dueOn) return 'overdue';
  return r.judgement === 'insufficient' ? 'insufficient' : 'pending';
}

/** The warning colour of planning's deadlines: the recipient's part is done once an answer is in. */
export function reminderColour(r: TReminderState, today: string, warnDays: number): TDeadlineColour {
  const s = reminderStatus(r, today);
  return deadlineColour(r.dueOn, today, s === 'answered' || s === 'submitted', warnDays);
}

export type TReminderAction = 'answer' | 'judge';

/**
 * Chinese reason `action` is not possible now, or null: the recipient answers while an answer is
 * owed (late answers are taken, and stay visible as late); the office judges a submitted answer.
 */
export function reminderActionProblem(r: TReminderState, action: TReminderAction, today: string): string | null {
  const s = reminderStatus(r, today);
  if (action === 'answer') {
    if (s === 'submitted') return '已答复，等待巡察办审核';
    if (s === 'answered') return '巡察办已认可答复，无需再答复';
    return null;
  }
  if (s !== 'submitted') return `当前状态为“${REMINDER_STATUS_LABELS[s]}”，没有待审核的答复`;
  return null;
}

/** The state after an answer on `on`. */
export function answerReminder(r: TReminderState, on: string): TReminderState {
  return { ...r, answeredOn: on, judgement: null };
}

/**
 * The state after the office's judgement on `on`: accepted, or insufficient with a new answer due
 * `reminderReanswerDays` working days later (never earlier than the due date already set).
 */
export function judgeReminder(
  r: TReminderState,
  judgement: TReminderJudgement,
  on: string,
  settings: Pick<TGovernanceSettings, 'reminderReanswerDays'>,
  cal: TCalendar,
): TReminderState {
  if (judgement === 'answered') return { ...r, judgement };
  const again = answerDue(on, settings.reminderReanswerDays, cal);
  if (again <= r.dueOn) return { ...r, judgement };
  return { ...r, judgement, dueOn: again };
}

/** Whether the latest answer came after the due date in force when it was given. */
export function answeredLate(r: TReminderState): boolean {
  return r.answeredOn !== null && r.answeredOn > r.dueOn;
}
