import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, buildCalendar, daysBetween, isWorkingDay, OFFICIAL_CALENDAR } from './calendar.ts';
import {
  DEADLINE_ANCHORS,
  DEADLINE_KEYS,
  DEADLINE_LABELS,
  DEFAULT_DEADLINES,
  deadlineColour,
  describeDeadline,
  dueDate,
  type TDeadlineRule,
  ZDeadlineRule,
  ZDeadlineSettings,
} from './deadlines.ts';

const cal = buildCalendar(OFFICIAL_CALENDAR);
const dateArb = fc
  .date({ min: new Date('2016-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('deadline settings', () => {
  it('has a label, an anchor and a default for every key', () => {
    for (const k of DEADLINE_KEYS) {
      expect(DEADLINE_LABELS[k]).toMatch(/\p{Script=Han}/u);
      expect(DEADLINE_ANCHORS[k]).toBeTruthy();
      expect(ZDeadlineRule.parse(DEFAULT_DEADLINES[k])).toEqual(DEFAULT_DEADLINES[k]);
    }
    expect(Object.keys(DEFAULT_DEADLINES).sort()).toEqual([...DEADLINE_KEYS].sort());
  });

  it('has the defaults of domain.md §4', () => {
    expect(DEFAULT_DEADLINES).toEqual({
      noticeBeforeEntry: { amount: 10, unit: 'calendarDays', direction: 'before' },
      reportAfterExit: { amount: 1, unit: 'months', direction: 'after' },
      planAfterFeedback: { amount: 15, unit: 'workingDays', direction: 'after' },
      rectificationReportAfterFeedback: { amount: 2, unit: 'months', direction: 'after' },
      clueFeedbackAfterTransfer: { amount: 3, unit: 'months', direction: 'after' },
      evaluationAfterConcentratedEnd: { amount: 1, unit: 'months', direction: 'after' },
    });
    expect(Object.isFrozen(DEFAULT_DEADLINES.planAfterFeedback)).toBe(true);
  });

  it('fills missing keys with the defaults', () => {
    const s = ZDeadlineSettings.parse({ planAfterFeedback: { amount: 20, unit: 'workingDays', direction: 'after' } });
    expect(s.planAfterFeedback.amount).toBe(20);
    expect(s.noticeBeforeEntry).toEqual(DEFAULT_DEADLINES.noticeBeforeEntry);
    expect(ZDeadlineSettings.parse({})).toEqual(DEFAULT_DEADLINES);
  });

  it('does not share the default objects with parsed settings', () => {
    const s = ZDeadlineSettings.parse({});
    s.reportAfterExit.amount = 99;
    expect(DEFAULT_DEADLINES.reportAfterExit.amount).toBe(1);
    expect(ZDeadlineSettings.parse({}).reportAfterExit.amount).toBe(1);
  });

  it.each([0, -1, 366, 1.5, '10', null])('refuses the amount %s', (amount) => {
    const r = ZDeadlineRule.safeParse({ amount, unit: 'calendarDays', direction: 'after' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/\p{Script=Han}/u);
  });

  it('accepts the bounds 1 and 365', () => {
    for (const amount of [1, 365])
      expect(ZDeadlineRule.safeParse({ amount, unit: 'workingDays', direction: 'after' }).success).toBe(true);
  });

  it('refuses unknown units, directions, keys and fields', () => {
    expect(ZDeadlineRule.safeParse({ amount: 1, unit: 'weeks', direction: 'after' }).success).toBe(false);
    expect(ZDeadlineRule.safeParse({ amount: 1, unit: 'months', direction: 'around' }).success).toBe(false);
    expect(ZDeadlineRule.safeParse({ amount: 1, unit: 'months', direction: 'after', extra: 1 }).success).toBe(false);
    expect(ZDeadlineSettings.safeParse({ somethingElse: DEFAULT_DEADLINES.reportAfterExit }).success).toBe(false);
  });

  it('refuses turning a rule around', () => {
    const r = ZDeadlineSettings.safeParse({
      noticeBeforeEntry: { amount: 10, unit: 'calendarDays', direction: 'after' },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['noticeBeforeEntry', 'direction']);
    expect(r.error?.issues[0]?.message).toContain('巡察通知须在进驻前送达');
    expect(
      ZDeadlineSettings.safeParse({ reportAfterExit: { amount: 1, unit: 'months', direction: 'before' } }).success,
    ).toBe(false);
  });

  it('describes a rule in Chinese', () => {
    expect(describeDeadline(DEFAULT_DEADLINES.noticeBeforeEntry)).toBe('前10日');
    expect(describeDeadline(DEFAULT_DEADLINES.planAfterFeedback)).toBe('后15个工作日');
    expect(describeDeadline(DEFAULT_DEADLINES.rectificationReportAfterFeedback)).toBe('后2个月');
  });
});

describe('dueDate', () => {
  it('gives the last day to serve the notice: entry − 10 days, not moved off a weekend', () => {
    expect(dueDate('2025-03-20', DEFAULT_DEADLINES.noticeBeforeEntry, cal)).toBe('2025-03-10');
    // Entry 2025-10-13: 10-03 is in the 国庆 holiday and stays the deadline.
    expect(dueDate('2025-10-13', DEFAULT_DEADLINES.noticeBeforeEntry, cal)).toBe('2025-10-03');
  });

  it('counts the plan 15 working days after feedback, over 春节', () => {
    expect(dueDate('2025-01-20', DEFAULT_DEADLINES.planAfterFeedback, cal)).toBe('2025-02-14');
    // Without holidays it would have been 02-10.
    expect(
      dueDate('2025-01-20', DEFAULT_DEADLINES.planAfterFeedback, { holidays: new Set(), workdays: new Set() }),
    ).toBe('2025-02-10');
  });

  it('counts months with month-end clamping, and does not move a month deadline off a holiday', () => {
    expect(dueDate('2024-12-31', DEFAULT_DEADLINES.rectificationReportAfterFeedback, cal)).toBe('2025-02-28');
    expect(dueDate('2025-01-31', DEFAULT_DEADLINES.reportAfterExit, cal)).toBe('2025-02-28');
    expect(dueDate('2025-09-01', DEFAULT_DEADLINES.reportAfterExit, cal)).toBe('2025-10-01');
    expect(dueDate('2025-07-15', DEFAULT_DEADLINES.clueFeedbackAfterTransfer, cal)).toBe('2025-10-15');
  });

  it('counts working days before an anchor', () => {
    const rule: TDeadlineRule = { amount: 5, unit: 'workingDays', direction: 'before' };
    // Entry 2025-10-13 (Mon): 10-11 (Sat, worked), 10-10, 10-09, 09-30, 09-29.
    expect(dueDate('2025-10-13', rule, cal)).toBe('2025-09-29');
  });

  it('puts "before" deadlines before the anchor and "after" ones after it (property)', () => {
    const ruleArb = fc.record({
      amount: fc.integer({ min: 1, max: 365 }),
      unit: fc.constantFrom('workingDays', 'calendarDays', 'months') as fc.Arbitrary<TDeadlineRule['unit']>,
      direction: fc.constantFrom('before', 'after') as fc.Arbitrary<TDeadlineRule['direction']>,
    });
    fc.assert(
      fc.property(dateArb, ruleArb, (anchor, rule) => {
        const due = dueDate(anchor, rule, cal);
        if (rule.direction === 'before') expect(due < anchor).toBe(true);
        else expect(due > anchor).toBe(true);
        if (rule.unit === 'workingDays') expect(isWorkingDay(due, cal)).toBe(true);
        if (rule.unit === 'calendarDays') expect(Math.abs(daysBetween(anchor, due))).toBe(rule.amount);
      }),
    );
  });
});

describe('deadlineColour', () => {
  it.each([
    ['2025-05-10', '2025-05-01', false, 'green'],
    ['2025-05-10', '2025-05-06', false, 'green'],
    ['2025-05-10', '2025-05-07', false, 'yellow'],
    ['2025-05-10', '2025-05-10', false, 'yellow'],
    ['2025-05-10', '2025-05-11', false, 'red'],
    ['2025-05-10', '2025-06-30', true, 'done'],
    ['2025-05-10', '2025-05-01', true, 'done'],
  ] as const)('due %s, today %s, done %s → %s', (due, today, done, want) => {
    expect(deadlineColour(due, today, done)).toBe(want);
  });

  it('takes the warning window as a parameter', () => {
    expect(deadlineColour('2025-05-10', '2025-05-01', false, 10)).toBe('yellow');
    expect(deadlineColour('2025-05-10', '2025-05-09', false, 0)).toBe('green');
    expect(deadlineColour('2025-05-10', '2025-05-10', false, 0)).toBe('yellow');
  });

  it('is red exactly when overdue and yellow exactly within the window (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -60, max: 60 }), fc.integer({ min: 0, max: 30 }), (today, left, warn) => {
        const due = addCalendarDays(today, left);
        const c = deadlineColour(due, today, false, warn);
        expect(c).toBe(left < 0 ? 'red' : left <= warn ? 'yellow' : 'green');
        expect(deadlineColour(due, today, true, warn)).toBe('done');
      }),
    );
  });
});
