import { z } from 'zod';
import { addCalendarDays, addMonths, addWorkingDays, daysBetween, type TCalendar } from './calendar.ts';

/**
 * The time limits of domain.md §4. Places differ, so each is a setting per authority with the
 * default below; the code never hard-wires a number of days.
 */
export const DEADLINE_KEYS = [
  'noticeBeforeEntry',
  'reportAfterExit',
  'planAfterFeedback',
  'rectificationReportAfterFeedback',
  'clueFeedbackAfterTransfer',
  'evaluationAfterConcentratedEnd',
] as const;
export const ZDeadlineKey = z.enum(DEADLINE_KEYS, { error: '时限项目不在可选范围内' });
export type TDeadlineKey = z.infer<typeof ZDeadlineKey>;

export const DEADLINE_LABELS: Record<TDeadlineKey, string> = {
  noticeBeforeEntry: '巡察通知须在进驻前送达',
  reportAfterExit: '撤离后向书记专题会报告',
  planAfterFeedback: '反馈后提交整改方案',
  rectificationReportAfterFeedback: '反馈后报送整改报告',
  clueFeedbackAfterTransfer: '移交后反馈线索处置情况',
  evaluationAfterConcentratedEnd: '集中整改结束后开展整改评估',
};

/**
 * The date each deadline counts from, as a field name: a stage date of the inspection, or the date
 * of the clue transfer / the end of 集中整改 kept by those modules.
 */
export const DEADLINE_ANCHORS: Record<TDeadlineKey, string> = {
  noticeBeforeEntry: 'plannedEntryDate',
  reportAfterExit: 'exitDate',
  planAfterFeedback: 'feedbackDate',
  rectificationReportAfterFeedback: 'feedbackDate',
  clueFeedbackAfterTransfer: 'clueTransferDate',
  evaluationAfterConcentratedEnd: 'concentratedEndDate',
};

export const DEADLINE_UNITS = ['workingDays', 'calendarDays', 'months'] as const;
export const DEADLINE_UNIT_LABELS = { workingDays: '个工作日', calendarDays: '日', months: '个月' } as const;
export const DEADLINE_DIRECTIONS = ['before', 'after'] as const;

export interface TDeadlineRule {
  amount: number;
  unit: (typeof DEADLINE_UNITS)[number];
  direction: (typeof DEADLINE_DIRECTIONS)[number];
}

export const DEFAULT_DEADLINES: Readonly<Record<TDeadlineKey, Readonly<TDeadlineRule>>> = Object.freeze({
  noticeBeforeEntry: Object.freeze({ amount: 10, unit: 'calendarDays', direction: 'before' }),
  reportAfterExit: Object.freeze({ amount: 1, unit: 'months', direction: 'after' }),
  planAfterFeedback: Object.freeze({ amount: 15, unit: 'workingDays', direction: 'after' }),
  rectificationReportAfterFeedback: Object.freeze({ amount: 2, unit: 'months', direction: 'after' }),
  clueFeedbackAfterTransfer: Object.freeze({ amount: 3, unit: 'months', direction: 'after' }),
  evaluationAfterConcentratedEnd: Object.freeze({ amount: 1, unit: 'months', direction: 'after' }),
} satisfies Record<TDeadlineKey, TDeadlineRule>);

export const ZDeadlineRule = z.strictObject({
  amount: z.number({ error: '时限必须是数字' }).int('时限必须是整数').min(1, '时限至少为1').max(365, '时限不能超过365'),
  unit: z.enum(DEADLINE_UNITS, { error: '时限单位不在可选范围内' }),
  direction: z.enum(DEADLINE_DIRECTIONS, { error: '时限方向不在可选范围内' }),
});

const DEADLINE_DIRECTIONS_LABEL = { before: '基准日之前', after: '基准日之后' } as const;

/**
 * An authority's settings. A missing key takes its default, so settings saved before a key existed
 * still parse. The direction is part of what the rule means (a notice is served before entry, a
 * report follows the exit), so a setting may change the amount and the unit but not the direction.
 */
export const ZDeadlineSettings = z
  .strictObject(
    Object.fromEntries(DEADLINE_KEYS.map((k) => [k, ZDeadlineRule.default({ ...DEFAULT_DEADLINES[k] })])) as {
      [K in TDeadlineKey]: z.ZodDefault<typeof ZDeadlineRule>;
    },
  )
  .superRefine((s, ctx) => {
    for (const k of DEADLINE_KEYS) {
      if (s[k].direction !== DEFAULT_DEADLINES[k].direction)
        ctx.addIssue({
          code: 'custom',
          path: [k, 'direction'],
          message: `“${DEADLINE_LABELS[k]}”的时限只能计算在${DEADLINE_DIRECTIONS_LABEL[DEFAULT_DEADLINES[k].direction]}`,
        });
    }
  });
export type TDeadlineSettings = z.infer<typeof ZDeadlineSettings>;

/** "进驻前10日", "反馈后15个工作日": how a rule reads in the UI. */
export function describeDeadline(rule: TDeadlineRule): string {
  return `${rule.direction === 'before' ? '前' : '后'}${rule.amount}${DEADLINE_UNIT_LABELS[rule.unit]}`;
}

/**
 * The last allowed date. For 'before' it is the latest date the act may happen (a notice due 10 days
 * before entry on 03-20 must be served on or before 03-10); for 'after' it is the last day of the
 * period (a plan due 15 working days after feedback).
 *
 * Working-day rules land on a working day by construction. A calendar-day or month deadline that
 * falls on a weekend or holiday is NOT moved: the inspection regulations and the local procedures
 * count these limits in plain days and months, and moving a 'before' deadline later would shorten
 * the notice the inspected organization is owed. An office that wants working days sets the unit.
 */
export function dueDate(anchor: string, rule: TDeadlineRule, cal: TCalendar): string {
  const n = rule.direction === 'before' ? -rule.amount : rule.amount;
  switch (rule.unit) {
    case 'workingDays':
      return addWorkingDays(anchor, n, cal);
    case 'calendarDays':
      return addCalendarDays(anchor, n);
    case 'months':
      return addMonths(anchor, n);
  }
}

export type TDeadlineColour = 'green' | 'yellow' | 'red' | 'done';
export const DEADLINE_COLOUR_LABELS: Record<TDeadlineColour, string> = {
  green: '正常',
  yellow: '临期',
  red: '逾期',
  done: '已完成',
};

/**
 * Warning colour of domain.md §5: done → 'done'; past the due date → red; due within `warnDays`
 * calendar days (today included, so the due day itself is yellow) → yellow; else green.
 */
export function deadlineColour(due: string, today: string, done: boolean, warnDays = 3): TDeadlineColour {
  if (done) return 'done';
  const left = daysBetween(today, due);
  if (left < 0) return 'red';
  if (left <= warnDays) return 'yellow';
  return 'green';
}
