import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  buildCalendar,
  isWorkingDay,
  OFFICIAL_CALENDAR,
  type TCalendar,
  workingDaysBetween,
} from '../planning/calendar.ts';
import {
  answerDue,
  answeredLate,
  answerReminder,
  judgeReminder,
  reminderActionProblem,
  reminderColour,
  reminderDueProblem,
  reminderStatus,
  resolveReminderDue,
  type TReminderState,
} from './reminders.ts';
import { DEFAULT_GOVERNANCE_SETTINGS } from './schemas.ts';

const official = buildCalendar(OFFICIAL_CALENDAR);
const plain: TCalendar = { holidays: new Set(), workdays: new Set() };
const settings = DEFAULT_GOVERNANCE_SETTINGS;

describe('answerDue', () => {
  it('counts working days from the day after sending', () => {
    // 2026-03-02 is a Monday: ten working days later is the Monday two weeks on.
    expect(answerDue('2026-03-02', 10, plain)).toBe('2026-03-16');
    expect(answerDue('2026-03-06', 1, plain)).toBe('2026-03-09');
  });

  it('skips 春节 and counts its 调休 Saturdays (2026)', () => {
    // Sent Tue 02-10: 11, 12, 13, Sat 14 (调休上班), holiday 15–23, 24, 25, 26, 27, Sat 28 (调休上班), Mon 03-02.
    expect(answerDue('2026-02-10', 10, official)).toBe('2026-03-02');
    // Without the holiday calendar it would be 02-24: the office calendar matters.
    expect(answerDue('2026-02-10', 10, plain)).toBe('2026-02-24');
  });

  it('skips 中秋 and 国庆 and counts the 调休 Saturday (2026)', () => {
    // Sent Mon 09-28: 29, 30, holiday 10-01–07, 08, 09, Sat 10 (调休上班), 12, 13, 14, 15, 16.
    expect(answerDue('2026-09-28', 10, official)).toBe('2026-10-16');
  });

  it('starts counting after a reminder sent on a holiday', () => {
    // Sent on 2026-10-03 (国庆): 08, 09, Sat 10 are the first three working days.
    expect(answerDue('2026-10-03', 3, official)).toBe('2026-10-10');
  });

  it('lands on a working day exactly `days` working days on, whatever the calendar (property)', () => {
    const day = fc.integer({ min: 0, max: 120 }).map((n) => addCalendarDays('2026-01-01', n));
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 30 }),
        fc.uniqueArray(day, { maxLength: 30 }),
        fc.uniqueArray(day, { maxLength: 10 }),
        (sentOn, days, holidays, workdays) => {
          const cal = buildCalendar([
            ...holidays.map((date) => ({ date, kind: 'holiday' as const })),
            ...workdays.map((date) => ({ date, kind: 'workday' as const })),
          ]);
          const due = answerDue(sentOn, days, cal);
          expect(isWorkingDay(due, cal)).toBe(true);
          expect(workingDaysBetween(sentOn, due, cal)).toBe(days);
        },
      ),
    );
  });

  it('refuses a period that is not a positive whole number of days', () => {
    expect(() => answerDue('2026-03-02', 0, plain)).toThrow(RangeError);
    expect(() => answerDue('2026-03-02', 2.5, plain)).toThrow(RangeError);
  });
});

describe('resolveReminderDue', () => {
  it('takes the chosen date, else the chosen days, else the setting', () => {
    expect(resolveReminderDue({ sentOn: '2026-02-10', dueOn: '2026-02-20' }, settings, official)).toBe('2026-02-20');
    // Four working days: 11, 12, 13 and Saturday 14 (春节调休上班).
    expect(resolveReminderDue({ sentOn: '2026-02-10', answerDueInWorkingDays: 4 }, settings, official)).toBe(
      '2026-02-14',
    );
    expect(resolveReminderDue({ sentOn: '2026-02-10' }, settings, official)).toBe('2026-03-02');
  });

  it('refuses a chosen date not after the sending', () => {
    expect(reminderDueProblem('2026-02-10', '2026-02-10')).toMatch(/晚于/);
    expect(reminderDueProblem('2026-02-10', '2026-02-11')).toBeNull();
  });
});

describe('reminderStatus', () => {
  const sent: TReminderState = { dueOn: '2026-03-02', answeredOn: null, judgement: null };

  it('is pending up to the due day and overdue after it', () => {
    expect(reminderStatus(sent, '2026-02-10')).toBe('pending');
    expect(reminderStatus(sent, '2026-03-02')).toBe('pending');
    expect(reminderStatus(sent, '2026-03-03')).toBe('overdue');
  });

  it('follows an answer, the office’s judgement and a new answer', () => {
    const answered = answerReminder(sent, '2026-02-26');
    expect(reminderStatus(answered, '2026-03-10')).toBe('submitted');
    expect(answeredLate(answered)).toBe(false);

    const accepted = judgeReminder(answered, 'answered', '2026-02-27', settings, official);
    expect(reminderStatus(accepted, '2026-12-31')).toBe('answered');
    expect(accepted.dueOn).toBe('2026-03-02');

    // Judged insufficient on Fri 02-27: a new answer is due 5 working days later, Sat 02-28 (调休) counted.
    const again = judgeReminder(answered, 'insufficient', '2026-02-27', settings, official);
    expect(again.dueOn).toBe('2026-03-05');
    expect(reminderStatus(again, '2026-03-05')).toBe('insufficient');
    expect(reminderStatus(again, '2026-03-06')).toBe('overdue');

    const second = answerReminder(again, '2026-03-09');
    expect(reminderStatus(second, '2026-03-09')).toBe('submitted');
    expect(answeredLate(second)).toBe(true);
  });

  it('never moves a due date earlier when an answer is judged insufficient early', () => {
    const early = answerReminder({ dueOn: '2026-06-30', answeredOn: null, judgement: null }, '2026-06-01');
    expect(judgeReminder(early, 'insufficient', '2026-06-01', settings, official).dueOn).toBe('2026-06-30');
  });

  it('colours like planning’s deadlines, green once an answer is in', () => {
    expect(reminderColour(sent, '2026-02-10', 3)).toBe('green');
    expect(reminderColour(sent, '2026-02-27', 3)).toBe('yellow');
    expect(reminderColour(sent, '2026-03-03', 3)).toBe('red');
    expect(reminderColour(answerReminder(sent, '2026-03-04'), '2026-03-05', 3)).toBe('done');
  });

  it('lets the recipient answer while one is owed and the office judge only a submitted answer', () => {
    expect(reminderActionProblem(sent, 'answer', '2026-03-10')).toBeNull();
    expect(reminderActionProblem(sent, 'judge', '2026-03-10')).toMatch(/没有待审核的答复/);
    const answered = answerReminder(sent, '2026-02-26');
    expect(reminderActionProblem(answered, 'answer', '2026-02-26')).toMatch(/等待巡察办审核/);
    expect(reminderActionProblem(answered, 'judge', '2026-02-26')).toBeNull();
    const accepted = judgeReminder(answered, 'answered', '2026-02-27', settings, official);
    expect(reminderActionProblem(accepted, 'answer', '2026-02-27')).toMatch(/无需再答复/);
  });

  it('is overdue exactly when an answer is owed and the due date has passed (property)', () => {
    const step = fc.oneof(
      fc.constant({ action: 'answer' as const }),
      fc.constantFrom('answered' as const, 'insufficient' as const).map((j) => ({ action: 'judge' as const, j })),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.integer({ min: 0, max: 9 })), { maxLength: 12 }), (steps) => {
        let today = '2026-02-10';
        let r: TReminderState = { dueOn: answerDue(today, 10, official), answeredOn: null, judgement: null };
        for (const [s, gap] of steps) {
          today = addCalendarDays(today, gap);
          if (reminderActionProblem(r, s.action, today) !== null) continue;
          r = s.action === 'answer' ? answerReminder(r, today) : judgeReminder(r, s.j, today, settings, official);
          const status = reminderStatus(r, today);
          const owed = r.judgement !== 'answered' && !(r.answeredOn !== null && r.judgement === null);
          expect(status === 'overdue').toBe(owed && today > r.dueOn);
          if (r.judgement === 'answered') expect(status).toBe('answered');
        }
      }),
    );
  });
});
