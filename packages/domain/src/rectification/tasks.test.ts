import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TASK_STATUSES } from './schemas.ts';
import {
  applyTaskAction,
  availableTaskActions,
  extensionDecisionProblem,
  extensionRequestProblem,
  ledgerStatusOf,
  TASK_ACTORS,
  type TTaskAction,
  type TTaskActor,
  type TTaskState,
  taskActionProblem,
  taskActorOf,
  taskDeadlineProblem,
} from './tasks.ts';

const fresh: TTaskState = { status: 'undone', writtenOff: false, redCard: false, evidenceCount: 0 };
const done: TTaskState = { status: 'done', writtenOff: false, redCard: false, evidenceCount: 1 };

describe('taskActorOf', () => {
  it('maps roles to the actor, the office leader first', () => {
    expect(taskActorOf(['targetLiaison'])).toBe('liaison');
    expect(taskActorOf(['officeStaff'])).toBe('office');
    expect(taskActorOf(['officeStaff', 'officeLeader'])).toBe('officeLeader');
    for (const r of ['reviewer', 'teamLeader', 'teamMember', 'leader', 'caseHandler', 'sysAdmin'] as const)
      expect(taskActorOf([r])).toBeNull();
  });
});

describe('the task machine', () => {
  it('lets the organization report any status and add evidence until written off', () => {
    for (const status of TASK_STATUSES)
      expect(applyTaskAction(fresh, { type: 'report', status }, 'liaison')).toEqual({
        ok: true,
        state: { ...fresh, status },
      });
    expect(applyTaskAction(fresh, { type: 'addEvidence' }, 'liaison')).toEqual({
      ok: true,
      state: { ...fresh, evidenceCount: 1 },
    });
    // Office staff enter a paper report on the organization's behalf.
    expect(taskActionProblem(fresh, { type: 'report', status: 'done' }, 'office')).toBeNull();
  });

  it('writes off only a done task, by the office', () => {
    expect(applyTaskAction(done, { type: 'writeOff' }, 'office')).toEqual({
      ok: true,
      state: { ...done, writtenOff: true },
    });
    expect(taskActionProblem(done, { type: 'writeOff' }, 'liaison')).toBe('只有巡察办、巡察办领导可以审核销号');
    expect(taskActionProblem({ ...done, status: 'ongoing' }, { type: 'writeOff' }, 'office')).toBe(
      '只有已报告完成的任务才能销号，当前为“阶段性成果持续整改”',
    );
    expect(taskActionProblem(fresh, { type: 'writeOff' }, 'officeLeader')).toBe(
      '只有已报告完成的任务才能销号，当前为“未完成”',
    );
  });

  it('asks for an evidence file before 销号 when the authority requires one', () => {
    const noFile = { ...done, evidenceCount: 0 };
    expect(taskActionProblem(noFile, { type: 'writeOff' }, 'office')).toBeNull();
    expect(taskActionProblem(noFile, { type: 'writeOff' }, 'office', { evidenceFileRequired: true })).toBe(
      '尚未上传佐证材料，不能销号',
    );
    expect(taskActionProblem(done, { type: 'writeOff' }, 'office', { evidenceFileRequired: true })).toBeNull();
  });

  it('sends a done task back with a red card, to a lower status only', () => {
    expect(applyTaskAction(done, { type: 'redCard', returnTo: 'undone' }, 'office')).toEqual({
      ok: true,
      state: { ...done, status: 'undone', redCard: true },
    });
    expect(applyTaskAction(done, { type: 'redCard', returnTo: 'ongoing' }, 'officeLeader')).toMatchObject({
      ok: true,
      state: { status: 'ongoing', redCard: true },
    });
    const ongoing = { ...done, status: 'ongoing' as const };
    expect(taskActionProblem(ongoing, { type: 'redCard', returnTo: 'ongoing' }, 'office')).toBe(
      '亮红牌只能把任务退回到比“阶段性成果持续整改”更低的状态',
    );
    expect(taskActionProblem(ongoing, { type: 'redCard', returnTo: 'undone' }, 'office')).toBeNull();
    expect(taskActionProblem(fresh, { type: 'redCard', returnTo: 'undone' }, 'office')).toBe(
      '任务尚未报告完成或阶段性成果，无佐证材料可退回',
    );
    expect(taskActionProblem(done, { type: 'redCard', returnTo: 'undone' }, 'liaison')).toBe(
      '只有巡察办、巡察办领导可以亮红牌退回',
    );
  });

  it('keeps the red card through a new report and clears it on write-off', () => {
    let s = applyTaskAction(done, { type: 'redCard', returnTo: 'undone' }, 'office');
    if (!s.ok) throw new Error(s.problem);
    s = applyTaskAction(s.state, { type: 'report', status: 'done' }, 'liaison');
    if (!s.ok) throw new Error(s.problem);
    expect(s.state).toMatchObject({ status: 'done', redCard: true });
    s = applyTaskAction(s.state, { type: 'writeOff' }, 'office');
    expect(s).toMatchObject({ ok: true, state: { writtenOff: true, redCard: false } });
  });

  it('freezes a written-off task until an office leader reopens it', () => {
    const closed = { ...done, writtenOff: true };
    expect(taskActionProblem(closed, { type: 'report', status: 'undone' }, 'liaison')).toBe(
      '任务已销号，不能再报告整改进展',
    );
    expect(taskActionProblem(closed, { type: 'redCard', returnTo: 'undone' }, 'office')).toBe(
      '任务已销号，不能再亮红牌退回',
    );
    expect(taskActionProblem(closed, { type: 'writeOff' }, 'office')).toBe('任务已销号，不能再审核销号');
    expect(taskActionProblem(closed, { type: 'reopen' }, 'office')).toBe('只有巡察办领导可以撤销销号');
    expect(applyTaskAction(closed, { type: 'reopen' }, 'officeLeader')).toEqual({
      ok: true,
      state: { ...done, writtenOff: false },
    });
    expect(taskActionProblem(done, { type: 'reopen' }, 'officeLeader')).toBe('任务尚未销号，无需撤销');
  });

  it('refuses someone who is no actor, and an unknown action', () => {
    expect(taskActionProblem(fresh, { type: 'report', status: 'done' }, null)).toBe(
      '只有被巡察党组织、巡察办、巡察办领导可以报告整改进展',
    );
    expect(taskActionProblem(fresh, { type: 'toString' } as unknown as TTaskAction, 'officeLeader')).toBe(
      '不支持的操作',
    );
  });

  it('lists the available actions', () => {
    expect(availableTaskActions(fresh, 'liaison')).toEqual(['report', 'addEvidence']);
    expect(availableTaskActions(done, 'office')).toEqual(['report', 'addEvidence', 'redCard', 'writeOff']);
    expect(availableTaskActions({ ...done, writtenOff: true }, 'officeLeader')).toEqual(['reopen']);
    expect(availableTaskActions({ ...done, writtenOff: true }, 'liaison')).toEqual([]);
    expect(availableTaskActions(done, null)).toEqual([]);
  });

  it('gives the ledger status', () => {
    expect(ledgerStatusOf(done)).toBe('done');
    expect(ledgerStatusOf({ ...done, writtenOff: true })).toBe('writtenOff');
    expect(ledgerStatusOf(fresh)).toBe('undone');
  });

  const actionArb: fc.Arbitrary<TTaskAction> = fc.oneof(
    fc.constantFrom(...TASK_STATUSES).map((status) => ({ type: 'report' as const, status })),
    fc.constant({ type: 'addEvidence' as const }),
    fc.constantFrom('ongoing' as const, 'undone' as const).map((returnTo) => ({ type: 'redCard' as const, returnTo })),
    fc.constant({ type: 'writeOff' as const }),
    fc.constant({ type: 'reopen' as const }),
  );
  const actorArb = fc.constantFrom<TTaskActor | null>(...TASK_ACTORS, null);

  it('is never written off unless done and approved by the office, and a red card never leaves it written off (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(actionArb, actorArb), { maxLength: 120 }),
        fc.boolean(),
        (steps, evidenceFileRequired) => {
          let s: TTaskState = { ...fresh };
          for (const [action, actor] of steps) {
            const before = s;
            const r = applyTaskAction(s, action, actor, { evidenceFileRequired });
            expect(r.ok).toBe(taskActionProblem(before, action, actor, { evidenceFileRequired }) === null);
            if (!r.ok) {
              expect(r.problem).toMatch(/\p{Script=Han}/u);
              continue;
            }
            s = r.state;
            if (s.writtenOff && !before.writtenOff) {
              // Written off only now, only by the office, only from done, with a file where required.
              expect(action.type).toBe('writeOff');
              expect(['office', 'officeLeader']).toContain(actor);
              expect(before.status).toBe('done');
              if (evidenceFileRequired) expect(before.evidenceCount).toBeGreaterThan(0);
            }
            if (s.writtenOff) {
              expect(s.status).toBe('done');
              expect(s.redCard).toBe(false);
            }
            if (action.type === 'redCard') {
              expect(s.writtenOff).toBe(false);
              expect(s.redCard).toBe(true);
              expect(s.status).not.toBe('done');
            }
            // Nothing but a leader's reopen undoes a write-off.
            if (before.writtenOff && !s.writtenOff) {
              expect(action.type).toBe('reopen');
              expect(actor).toBe('officeLeader');
            }
            if (actor === 'liaison') expect(s.writtenOff).toBe(before.writtenOff);
            expect(s.evidenceCount).toBeGreaterThanOrEqual(before.evidenceCount);
          }
        },
      ),
    );
  });
});

describe('taskDeadlineProblem', () => {
  const ctx = { feedbackDate: '2025-03-10', concentratedEnd: '2025-05-10' };
  it('refuses a deadline before the feedback', () => {
    expect(taskDeadlineProblem('timeLimited', '2025-03-09', ctx)).toBe('整改时限不能早于反馈日期（2025-03-10）');
    expect(taskDeadlineProblem('timeLimited', '2025-03-10', ctx)).toBeNull();
  });
  it('keeps 立行立改 within 集中整改, and lets the others run past it', () => {
    expect(taskDeadlineProblem('immediate', '2025-05-10', ctx)).toBeNull();
    expect(taskDeadlineProblem('immediate', '2025-05-11', ctx)).toBe(
      '立行立改的任务应在集中整改期内完成，时限不能晚于2025-05-10',
    );
    expect(taskDeadlineProblem('timeLimited', '2025-12-31', ctx)).toBeNull();
    expect(taskDeadlineProblem('longTerm', '2026-06-30', ctx)).toBeNull();
  });
});

describe('extensions', () => {
  const settings = { extensionBeforeDeadline: true, maxExtensionsPerTask: 1 };
  const task = {
    deadline: '2025-06-30',
    status: 'ongoing' as const,
    writtenOff: false,
    approvedExtensions: 0,
    pendingExtensions: 0,
  };

  it('accepts a later deadline asked for in time', () => {
    expect(extensionRequestProblem(task, '2025-08-31', '2025-06-20', 'liaison', settings)).toBeNull();
    expect(extensionRequestProblem(task, '2025-08-31', '2025-06-30', 'office', settings)).toBeNull();
  });

  it.each([
    [{ writtenOff: true }, '2025-08-31', '2025-06-20', '任务已销号，无需延期'],
    [{ status: 'done' }, '2025-08-31', '2025-06-20', '任务已报告完成，无需延期'],
    [{ pendingExtensions: 1 }, '2025-08-31', '2025-06-20', '该任务已有待审批的延期申请'],
    [{ approvedExtensions: 1 }, '2025-08-31', '2025-06-20', '每项任务最多延期1次，已用完'],
    [{}, '2025-08-31', '2025-07-01', '整改时限（2025-06-30）已过，不能再申请延期'],
    [{}, '2025-06-30', '2025-06-20', '延期后的时限应晚于原整改时限（2025-06-30）'],
  ] as const)('refuses %j to %s on %s', (patch, newDeadline, today, message) => {
    expect(extensionRequestProblem({ ...task, ...patch }, newDeadline, today, 'liaison', settings)).toBe(message);
  });

  it('follows the settings on late requests and the number of extensions', () => {
    const lenient = { extensionBeforeDeadline: false, maxExtensionsPerTask: 2 };
    expect(extensionRequestProblem(task, '2025-08-31', '2025-07-10', 'liaison', lenient)).toBeNull();
    expect(extensionRequestProblem(task, '2025-07-05', '2025-07-10', 'liaison', lenient)).toBe(
      '延期后的时限应晚于今天',
    );
    expect(
      extensionRequestProblem({ ...task, approvedExtensions: 1 }, '2025-08-31', '2025-06-01', 'liaison', lenient),
    ).toBeNull();
    expect(extensionRequestProblem(task, '2025-08-31', '2025-06-01', null, lenient)).toBe(
      '只有被巡察党组织或巡察办可以申请延期',
    );
  });

  it('is decided by an office leader, once', () => {
    expect(extensionDecisionProblem('pending', 'officeLeader')).toBeNull();
    expect(extensionDecisionProblem('pending', 'office')).toBe('只有巡察办领导可以审批延期申请');
    expect(extensionDecisionProblem('pending', 'liaison')).toBe('只有巡察办领导可以审批延期申请');
    expect(extensionDecisionProblem('approved', 'officeLeader')).toBe('该延期申请已批准');
    expect(extensionDecisionProblem('rejected', 'officeLeader')).toBe('该延期申请已不予批准');
  });
});
