import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, buildCalendar, OFFICIAL_CALENDAR, type TCalendar } from '../planning/calendar.ts';
import { TASK_KINDS, TASK_STATUSES, type TTaskKind, type TTaskStatus } from './schemas.ts';
import {
  deadlineMet,
  dueColour,
  reminderDigest,
  reminderOf,
  type TDigestTask,
  type TWarningTask,
  taskWarning,
  taskWarningDetail,
  warningBounds,
  workingDaysLeft,
} from './warnings.ts';

const cal = buildCalendar(OFFICIAL_CALENDAR);
const settings = { warningWorkingDays: 5 };
const open = (deadline: string, patch: Partial<TWarningTask> = {}): TWarningTask => ({
  kind: 'timeLimited',
  deadline,
  status: 'undone',
  writtenOff: false,
  redCard: false,
  ...patch,
});

describe('taskWarning', () => {
  it('is red once the deadline has passed and yellow on the due day', () => {
    expect(taskWarning(open('2025-06-10'), '2025-06-11', cal, settings)).toBe('red');
    expect(taskWarning(open('2025-06-10'), '2025-06-10', cal, settings)).toBe('yellow');
  });

  it('counts the window in working days: over 国庆 2025 a deadline 9 days off is still within 5 working days', () => {
    // 09-30 (Tue) → 10-09 (Thu): 10-01..10-08 are off, so only 10-09 is a working day after today.
    expect(taskWarningDetail(open('2025-10-09'), '2025-09-30', cal, settings)).toEqual({
      warning: 'yellow',
      reason: 'dueSoon',
      workingDaysLeft: 1,
    });
    // 10-11 (Sat) is a 调休 working day: from 10-10, 10-11 and 10-13..10-16 are five working days.
    expect(taskWarning(open('2025-10-16'), '2025-10-10', cal, settings)).toBe('yellow');
    expect(taskWarning(open('2025-10-17'), '2025-10-10', cal, settings)).toBe('green');
    // Without the holidays both are plain weeks.
    const plain = { holidays: new Set<string>(), workdays: new Set<string>() };
    expect(taskWarning(open('2025-10-09'), '2025-09-30', plain, settings)).toBe('green');
  });

  it('takes the window from the settings', () => {
    expect(taskWarning(open('2025-06-20'), '2025-06-09', cal, { warningWorkingDays: 10 })).toBe('yellow');
    expect(taskWarning(open('2025-06-20'), '2025-06-09', cal, { warningWorkingDays: 5 })).toBe('green');
    expect(taskWarning(open('2025-06-10'), '2025-06-09', cal, { warningWorkingDays: 0 })).toBe('green');
    expect(taskWarning(open('2025-06-09'), '2025-06-09', cal, { warningWorkingDays: 0 })).toBe('yellow');
  });

  it('is red with a red card whatever the deadline, and gone once written off', () => {
    expect(
      taskWarningDetail(open('2026-12-31', { redCard: true, status: 'done' }), '2025-06-01', cal, settings),
    ).toMatchObject({ warning: 'red', reason: 'redCard' });
    expect(
      taskWarning(open('2025-01-01', { writtenOff: true, status: 'done' }), '2025-06-01', cal, settings),
    ).toBeNull();
  });

  it('is green once the deadline is met: done, or a long-term task at 阶段性成果', () => {
    expect(taskWarning(open('2025-01-01', { status: 'done' }), '2025-06-01', cal, settings)).toBe('green');
    expect(taskWarning(open('2025-01-01', { kind: 'longTerm', status: 'ongoing' }), '2025-06-01', cal, settings)).toBe(
      'green',
    );
    expect(
      taskWarning(open('2025-01-01', { kind: 'timeLimited', status: 'ongoing' }), '2025-06-01', cal, settings),
    ).toBe('red');
    expect(taskWarning(open('2025-01-01', { kind: 'longTerm', status: 'undone' }), '2025-06-01', cal, settings)).toBe(
      'red',
    );
    expect(deadlineMet({ kind: 'immediate', status: 'ongoing' })).toBe(false);
  });

  it('counts working days left with a sign', () => {
    expect(workingDaysLeft('2025-06-10', '2025-06-10', cal)).toBe(0);
    expect(workingDaysLeft('2025-06-13', '2025-06-10', cal)).toBe(3);
    expect(workingDaysLeft('2025-06-10', '2025-06-11', cal)).toBe(-1);
    // Fri → Mon: one working day.
    expect(workingDaysLeft('2025-06-16', '2025-06-13', cal)).toBe(1);
  });

  // A reference that walks the days itself, with its own weekend rule.
  const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
  const working = (d: string, c: TCalendar) => !c.holidays.has(d) && (c.workdays.has(d) || !weekend(d));
  const countWorking = (from: string, to: string, c: TCalendar) => {
    let n = 0;
    for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (working(d, c)) n++;
    return n;
  };

  const base = '2025-03-01';
  const offset = fc.integer({ min: 0, max: 120 });
  const calArb = fc
    .record({
      holidays: fc.uniqueArray(offset, { maxLength: 30 }),
      workdays: fc.uniqueArray(offset, { maxLength: 10 }),
    })
    .map(({ holidays, workdays }) =>
      buildCalendar([
        ...workdays.map((o) => ({ date: addCalendarDays(base, o), kind: 'workday' as const })),
        ...holidays.map((o) => ({ date: addCalendarDays(base, o), kind: 'holiday' as const })),
      ]),
    );
  const taskArb = fc.record({
    kind: fc.constantFrom<TTaskKind>(...TASK_KINDS),
    status: fc.constantFrom<TTaskStatus>(...TASK_STATUSES),
    writtenOff: fc.boolean(),
    redCard: fc.boolean(),
  });

  it('agrees with a day-by-day count of working days, random holidays and 调休 included (property)', () => {
    fc.assert(
      fc.property(calArb, offset, offset, fc.integer({ min: 0, max: 20 }), taskArb, (c, t, d, w, shape) => {
        const today = addCalendarDays(base, t);
        const deadline = addCalendarDays(base, d);
        const task = { ...shape, deadline };
        const got = taskWarning(task, today, c, { warningWorkingDays: w });
        let want: string | null;
        if (task.writtenOff) want = null;
        else if (task.redCard) want = 'red';
        else if (task.status === 'done' || (task.kind === 'longTerm' && task.status === 'ongoing')) want = 'green';
        else if (today > deadline) want = 'red';
        else want = countWorking(today, deadline, c) <= w ? 'yellow' : 'green';
        expect(got).toBe(want);
      }),
    );
  });

  it('matches the date bounds a ledger query filters on (property)', () => {
    fc.assert(
      fc.property(calArb, offset, offset, fc.integer({ min: 0, max: 20 }), (c, t, d, w) => {
        const today = addCalendarDays(base, t);
        const deadline = addCalendarDays(base, d);
        const b = warningBounds(today, c, { warningWorkingDays: w });
        const bySql = deadline < b.overdueBefore ? 'red' : deadline <= b.yellowThrough ? 'yellow' : 'green';
        expect(taskWarning(open(deadline), today, c, { warningWorkingDays: w })).toBe(bySql);
      }),
    );
  });
});

describe('dueColour', () => {
  it('flags reports like tasks', () => {
    expect(dueColour('2025-06-10', '2025-06-11', false, cal, settings)).toBe('red');
    expect(dueColour('2025-06-10', '2025-06-10', false, cal, settings)).toBe('yellow');
    expect(dueColour('2025-06-10', '2025-06-03', false, cal, settings)).toBe('yellow');
    expect(dueColour('2025-06-10', '2025-06-02', false, cal, settings)).toBe('green');
    expect(dueColour('2025-06-10', '2025-07-01', true, cal, settings)).toBe('done');
  });
});

describe('reminders', () => {
  const task = (patch: Partial<TDigestTask> = {}): TDigestTask => ({
    id: '00000000-0000-7000-8000-000000000001',
    orgId: '00000000-0000-7000-8000-0000000000a1',
    orgName: '市教育局',
    responsibleLeader: '张三',
    responsibleDept: '财务科',
    measures: '清退违规发放的津补贴',
    assignedOn: '2025-05-06',
    kind: 'timeLimited',
    deadline: '2025-06-16',
    status: 'undone',
    writtenOff: false,
    redCard: false,
    ...patch,
  });

  it('reminds on assignment, T-7, T-1 and the first working day overdue', () => {
    // Deadline Mon 06-16: T-7 is Mon 06-09, T-1 the Friday before, overdue Tue 06-17.
    expect(reminderOf(task(), '2025-05-06', cal)).toBe('assigned');
    expect(reminderOf(task(), '2025-06-09', cal)).toBe('dueIn7');
    expect(reminderOf(task(), '2025-06-13', cal)).toBe('dueIn1');
    expect(reminderOf(task(), '2025-06-15', cal)).toBeNull();
    expect(reminderOf(task(), '2025-06-16', cal)).toBeNull();
    expect(reminderOf(task(), '2025-06-17', cal)).toBe('overdue');
    expect(reminderOf(task(), '2025-06-18', cal)).toBeNull();
  });

  it('moves reminders off the holidays: before 国庆 for a deadline after it', () => {
    // Deadline Thu 10-09 2025: 10-08 and 10-02 are holidays, so T-1 and T-7 fall on 09-30; T-1 wins.
    const t = task({ assignedOn: '2025-09-01', deadline: '2025-10-09' });
    expect(reminderOf(t, '2025-09-30', cal)).toBe('dueIn1');
    expect(reminderOf(t, '2025-10-08', cal)).toBeNull();
    // Deadline on the holiday 10-03: overdue on 10-09, the first working day after it.
    expect(reminderOf(task({ assignedOn: '2025-09-01', deadline: '2025-10-03' }), '2025-10-09', cal)).toBe('overdue');
    // Assigned on a Saturday: reminded on Monday.
    expect(reminderOf(task({ assignedOn: '2025-06-07' }), '2025-06-09', cal)).toBe('dueIn7');
    expect(reminderOf(task({ assignedOn: '2025-06-07', deadline: '2025-07-31' }), '2025-06-09', cal)).toBe('assigned');
  });

  it('reminds of nothing but assignment once the deadline is met, and nothing once written off', () => {
    expect(reminderOf(task({ status: 'done' }), '2025-06-13', cal)).toBeNull();
    expect(reminderOf(task({ kind: 'longTerm', status: 'ongoing' }), '2025-06-17', cal)).toBeNull();
    expect(reminderOf(task({ status: 'done' }), '2025-05-06', cal)).toBe('assigned');
    expect(reminderOf(task({ writtenOff: true, status: 'done' }), '2025-05-06', cal)).toBeNull();
  });

  it('groups one digest per organization and responsible person', () => {
    const tasks = [
      task({ id: 'a', deadline: '2025-06-16' }),
      task({ id: 'b', deadline: '2025-06-10', responsibleLeader: '李四', responsibleDept: '办公室' }),
      task({ id: 'c', deadline: '2025-06-20' }),
      task({ id: 'd', orgId: 'org-b', orgName: '市卫健委', assignedOn: '2025-06-13', deadline: '2025-08-01' }),
      task({ id: 'e', orgId: 'org-b', orgName: '市卫健委', deadline: '2025-06-12' }),
      task({ id: 'f', deadline: '2025-06-16', status: 'done' }),
    ];
    const d = reminderDigest(tasks, '2025-06-13', cal);
    expect(d.date).toBe('2025-06-13');
    expect(d.groups.map((g) => g.orgName)).toEqual(['市卫健委', '市教育局']);
    const [wei, edu] = d.groups;
    expect(wei?.counts).toEqual({ overdue: 1, dueIn1: 0, dueIn7: 0, assigned: 1 });
    expect(wei?.people[0]?.items.map((i) => [i.taskId, i.kind])).toEqual([
      ['e', 'overdue'],
      ['d', 'assigned'],
    ]);
    // 'a' is due Monday (T-1 today), 'c' the Friday after (T-7 today); 'b' was due 06-10, overdue since 06-11.
    expect(edu?.counts).toEqual({ overdue: 0, dueIn1: 1, dueIn7: 1, assigned: 0 });
    expect(edu?.people.map((p) => p.responsibleLeader)).toEqual(['张三']);
    expect(edu?.people[0]?.items.map((i) => [i.taskId, i.kind])).toEqual([
      ['a', 'dueIn1'],
      ['c', 'dueIn7'],
    ]);
    expect(reminderDigest(tasks, '2025-06-14', cal).groups).toEqual([]);
  });

  it('never lists a task twice, nor one written off (property)', () => {
    const start = '2025-01-01';
    const arb = fc.uniqueArray(
      fc.record({
        id: fc.uuid(),
        orgId: fc.constantFrom('o1', 'o2', 'o3'),
        orgName: fc.constantFrom('甲', '乙'),
        responsibleLeader: fc.constantFrom('张', '李'),
        responsibleDept: fc.constantFrom('办公室', '财务科'),
        measures: fc.constant('措施'),
        assignedOn: fc.integer({ min: 0, max: 200 }).map((o) => addCalendarDays(start, o)),
        deadline: fc.integer({ min: 0, max: 300 }).map((o) => addCalendarDays(start, o)),
        kind: fc.constantFrom<TTaskKind>(...TASK_KINDS),
        status: fc.constantFrom<TTaskStatus>(...TASK_STATUSES),
        writtenOff: fc.boolean(),
        redCard: fc.boolean(),
      }),
      { maxLength: 40, selector: (t) => t.id },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 300 }), (tasks, t) => {
        const today = addCalendarDays(start, t);
        const d = reminderDigest(tasks, today, cal);
        const ids = d.groups.flatMap((g) => g.people.flatMap((p) => p.items.map((i) => i.taskId)));
        expect(new Set(ids).size).toBe(ids.length);
        const byId = new Map(tasks.map((x) => [x.id, x]));
        for (const id of ids) expect(byId.get(id)?.writtenOff).toBe(false);
        for (const g of d.groups) {
          const n = Object.values(g.counts).reduce((a, b) => a + b, 0);
          expect(n).toBe(g.people.reduce((a, p) => a + p.items.length, 0));
        }
        expect(ids.length).toBe(tasks.filter((x) => reminderOf(x, today, cal) !== null).length);
      }),
    );
  });
});
