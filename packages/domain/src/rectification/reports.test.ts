import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addMonths, buildCalendar, OFFICIAL_CALENDAR } from '../planning/calendar.ts';
import { DEFAULT_DEADLINES, ZDeadlineSettings } from '../planning/deadlines.ts';
import { rectificationDeadlines, reportSchedule, type TReportScheduleSettings } from './reports.ts';

const cal = buildCalendar(OFFICIAL_CALENDAR);
const settings: TReportScheduleSettings = {
  rectificationReportAfterFeedback: DEFAULT_DEADLINES.rectificationReportAfterFeedback,
  progressReportIntervalMonths: 6,
  warningWorkingDays: 5,
};

describe('rectificationDeadlines', () => {
  it('counts the plan, 集中整改 and the evaluation from the feedback with the default settings', () => {
    expect(rectificationDeadlines('2025-01-20', ZDeadlineSettings.parse({}), cal)).toEqual({
      // 15 working days over 春节 2025.
      planDue: '2025-02-14',
      concentratedEnd: '2025-03-20',
      evaluationDue: '2025-04-20',
    });
  });

  it('follows the authority’s settings', () => {
    const s = ZDeadlineSettings.parse({
      planAfterFeedback: { amount: 10, unit: 'workingDays', direction: 'after' },
      rectificationReportAfterFeedback: { amount: 3, unit: 'months', direction: 'after' },
    });
    expect(rectificationDeadlines('2025-06-03', s, cal)).toEqual({
      planDue: '2025-06-17',
      concentratedEnd: '2025-09-03',
      evaluationDue: '2025-10-03',
    });
  });
});

describe('reportSchedule', () => {
  it('lists the two reports of 集中整改, due two months after feedback', () => {
    const r = reportSchedule('2025-03-10', settings, null, '2025-04-01', cal);
    expect(r).toEqual([
      {
        kind: 'rectificationReport',
        seq: null,
        title: '整改报告',
        dueOn: '2025-05-10',
        submittedOn: null,
        late: false,
        colour: 'green',
      },
      {
        kind: 'leaderReport',
        seq: null,
        title: '主要负责人组织落实情况报告',
        dueOn: '2025-05-10',
        submittedOn: null,
        late: false,
        colour: 'green',
      },
    ]);
  });

  it('adds a progress report every six months while tasks are open', () => {
    const r = reportSchedule('2025-03-10', settings, null, '2026-01-15', cal, [
      { kind: 'rectificationReport', submittedOn: '2025-05-09' },
      { kind: 'leaderReport', submittedOn: '2025-05-12' },
    ]);
    expect(r.map((x) => [x.kind, x.seq, x.title, x.dueOn, x.colour, x.late])).toEqual([
      ['rectificationReport', null, '整改报告', '2025-05-10', 'done', false],
      ['leaderReport', null, '主要负责人组织落实情况报告', '2025-05-10', 'done', true],
      ['progressReport', 1, '第一次持续整改进展报告', '2025-11-10', 'red', false],
      ['progressReport', 2, '第二次持续整改进展报告', '2026-05-10', 'green', false],
    ]);
  });

  it('stops at the period in which the last task was closed', () => {
    const due = (closed: string | null, today: string) =>
      reportSchedule('2025-03-10', settings, closed, today, cal)
        .filter((x) => x.kind === 'progressReport')
        .map((x) => x.dueOn);
    // Closed within 集中整改: no progress report.
    expect(due('2025-05-01', '2027-01-01')).toEqual([]);
    expect(due('2025-05-10', '2027-01-01')).toEqual([]);
    // Closed during the first period: its report tells of the closing.
    expect(due('2025-05-11', '2027-01-01')).toEqual(['2025-11-10']);
    expect(due('2025-11-10', '2027-01-01')).toEqual(['2025-11-10']);
    expect(due('2025-11-11', '2027-01-01')).toEqual(['2025-11-10', '2026-05-10']);
    // Still open: the report of the period in progress is listed, no later one.
    expect(due(null, '2025-05-09')).toEqual([]);
    expect(due(null, '2025-05-10')).toEqual(['2025-11-10']);
    expect(due(null, '2025-11-11')).toEqual(['2025-11-10', '2026-05-10']);
  });

  it('flags a report like a task: yellow within five working days, red once late', () => {
    const colour = (today: string) => reportSchedule('2025-03-10', settings, null, today, cal)[0]?.colour;
    // Due Sat 05-10 2025: working days after Mon 05-05 up to it are 05-06..05-09 (4).
    expect(colour('2025-05-05')).toBe('yellow');
    // From 04-30 too, since 劳动节 (05-01..05-05) leaves only 05-06..05-09; from 04-25 there are eight.
    expect(colour('2025-04-30')).toBe('yellow');
    expect(colour('2025-04-25')).toBe('green');
    expect(colour('2025-05-10')).toBe('yellow');
    expect(colour('2025-05-11')).toBe('red');
  });

  it('takes the interval and the report limit from the settings', () => {
    const r = reportSchedule(
      '2025-01-31',
      {
        ...settings,
        progressReportIntervalMonths: 3,
        rectificationReportAfterFeedback: { amount: 1, unit: 'months', direction: 'after' },
      },
      null,
      '2025-09-01',
      cal,
    );
    expect(r.map((x) => x.dueOn)).toEqual(['2025-02-28', '2025-02-28', '2025-05-28', '2025-08-28', '2025-11-28']);
  });

  it('lists progress reports every interval from the end of 集中整改, up to today (property)', () => {
    const dateArb = fc.integer({ min: 0, max: 3000 }).map((o) => addCalendarDays('2018-01-01', o));
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 12 }), (fb, later, m) => {
        const today = addCalendarDays(fb, later);
        const s = { ...settings, progressReportIntervalMonths: m };
        const end = addMonths(fb, 2);
        const r = reportSchedule(fb, s, null, today, cal);
        const progress = r.filter((x) => x.kind === 'progressReport');
        progress.forEach((x, i) => {
          expect(x.seq).toBe(i + 1);
          expect(x.dueOn).toBe(addMonths(end, (i + 1) * m));
        });
        const next = addMonths(end, progress.length * m);
        // The next one would start after today.
        expect(next > today).toBe(true);
        for (const x of r) expect(x.colour === 'red').toBe(today > x.dueOn);
      }),
    );
  });
});
