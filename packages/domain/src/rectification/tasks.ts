import type { TRole } from '../access/roles.ts';
import { TASK_STATUS_LABELS, type TTaskKind, type TTaskStatus } from './schemas.ts';

/**
 * The rectification task's life (domain.md §5 Rectification tasks): the organization reports
 * progress with evidence; the office either writes the task off (销号, its approval of the
 * evidence) or gives it a red card (红牌: evidence judged perfunctory, the task goes back);
 * extensions need an office leader's approval.
 */

/** Who acts on a task. Office staff may also act for the organization (entering its paper reports). */
export const TASK_ACTORS = ['liaison', 'office', 'officeLeader'] as const;
export type TTaskActor = (typeof TASK_ACTORS)[number];
export const TASK_ACTOR_LABELS: Record<TTaskActor, string> = {
  liaison: '被巡察党组织',
  office: '巡察办',
  officeLeader: '巡察办领导',
};

/** The actor a user acts as, from their roles (the server also checks the scope); null for anyone else. */
export function taskActorOf(roles: readonly TRole[]): TTaskActor | null {
  if (roles.includes('officeLeader')) return 'officeLeader';
  if (roles.includes('officeStaff')) return 'office';
  if (roles.includes('targetLiaison')) return 'liaison';
  return null;
}

/** What the task machine needs to know. `redCard`: a red card is in force (cleared only by 销号). */
export interface TTaskState {
  status: TTaskStatus;
  writtenOff: boolean;
  redCard: boolean;
  evidenceCount: number;
}

export type TTaskAction =
  | { type: 'report'; status: TTaskStatus }
  | { type: 'addEvidence' }
  | { type: 'redCard'; returnTo: 'ongoing' | 'undone' }
  | { type: 'writeOff' }
  | { type: 'reopen' };
export type TTaskActionType = TTaskAction['type'];

export const TASK_ACTION_LABELS: Record<TTaskActionType, string> = {
  report: '报告整改进展',
  addEvidence: '上传佐证材料',
  redCard: '亮红牌退回',
  writeOff: '审核销号',
  reopen: '撤销销号',
};

/**
 * Who may do what. Reporting and evidence are the organization's, which office staff may enter
 * on its behalf; judging the evidence (红牌, 销号) is the office's; undoing a write-off made in
 * error is an office leader's.
 */
export const TASK_ACTION_ACTORS: Record<TTaskActionType, readonly TTaskActor[]> = {
  report: ['liaison', 'office', 'officeLeader'],
  addEvidence: ['liaison', 'office', 'officeLeader'],
  redCard: ['office', 'officeLeader'],
  writeOff: ['office', 'officeLeader'],
  reopen: ['officeLeader'],
};

export interface TTaskRuleOptions {
  /** ZRectificationSettings.evidenceFileRequired: 销号 needs at least one evidence file. */
  evidenceFileRequired?: boolean;
}

/** Below `from` in the order done > ongoing > undone: where a red card may send a task back to. */
const RANK: Record<TTaskStatus, number> = { undone: 0, ongoing: 1, done: 2 };

/** Chinese reason `actor` may not take `action` on a task in `state`, or null when it may. */
export function taskActionProblem(
  state: Readonly<TTaskState>,
  action: TTaskAction,
  actor: TTaskActor | null,
  opts: TTaskRuleOptions = {},
): string | null {
  const allowed = Object.hasOwn(TASK_ACTION_ACTORS, action.type) ? TASK_ACTION_ACTORS[action.type] : null;
  if (!allowed) return '不支持的操作';
  if (!actor || !allowed.includes(actor))
    return `只有${allowed.map((a) => TASK_ACTOR_LABELS[a]).join('、')}可以${TASK_ACTION_LABELS[action.type]}`;
  if (action.type === 'reopen') return state.writtenOff ? null : '任务尚未销号，无需撤销';
  if (state.writtenOff) return `任务已销号，不能再${TASK_ACTION_LABELS[action.type]}`;
  switch (action.type) {
    case 'report':
    case 'addEvidence':
      return null;
    case 'redCard':
      if (state.status === 'undone') return '任务尚未报告完成或阶段性成果，无佐证材料可退回';
      if (RANK[action.returnTo] >= RANK[state.status])
        return `亮红牌只能把任务退回到比“${TASK_STATUS_LABELS[state.status]}”更低的状态`;
      return null;
    case 'writeOff':
      if (state.status !== 'done') return `只有已报告完成的任务才能销号，当前为“${TASK_STATUS_LABELS[state.status]}”`;
      if (opts.evidenceFileRequired && state.evidenceCount < 1) return '尚未上传佐证材料，不能销号';
      return null;
  }
}

/** The state after `action`, or the reason it may not be taken. */
export function applyTaskAction(
  state: Readonly<TTaskState>,
  action: TTaskAction,
  actor: TTaskActor | null,
  opts: TTaskRuleOptions = {},
): { ok: true; state: TTaskState } | { ok: false; problem: string } {
  const problem = taskActionProblem(state, action, actor, opts);
  if (problem) return { ok: false, problem };
  switch (action.type) {
    case 'report':
      return { ok: true, state: { ...state, status: action.status } };
    case 'addEvidence':
      return { ok: true, state: { ...state, evidenceCount: state.evidenceCount + 1 } };
    case 'redCard':
      return { ok: true, state: { ...state, status: action.returnTo, redCard: true } };
    case 'writeOff':
      // The office accepted the evidence: that settles any earlier red card.
      return { ok: true, state: { ...state, writtenOff: true, redCard: false } };
    case 'reopen':
      // Back to 完成 (待销号): the evidence is there for the office to judge again.
      return { ok: true, state: { ...state, writtenOff: false, status: 'done' } };
  }
}

/** The action types `actor` could take now (a report or red card also needs its target status). */
export function availableTaskActions(
  state: Readonly<TTaskState>,
  actor: TTaskActor | null,
  opts: TTaskRuleOptions = {},
): TTaskActionType[] {
  const probes: TTaskAction[] = [
    { type: 'report', status: state.status },
    { type: 'addEvidence' },
    { type: 'redCard', returnTo: 'undone' },
    { type: 'writeOff' },
    { type: 'reopen' },
  ];
  return probes.filter((a) => taskActionProblem(state, a, actor, opts) === null).map((a) => a.type);
}

/** 台账 status: 'writtenOff' once closed, else the reported status. */
export function ledgerStatusOf(state: Pick<TTaskState, 'status' | 'writtenOff'>) {
  return state.writtenOff ? ('writtenOff' as const) : state.status;
}

// ---------------------------------------------------------------------------------------------
// Deadlines set in the plan

/**
 * Chinese reason a task's deadline does not fit the plan, or null. No task is due before the
 * feedback it answers; a 立行立改 task is one fixed at once, so it is due within 集中整改
 * (`concentratedEnd`, the date the 整改报告 is due: see rectificationDeadlines).
 */
export function taskDeadlineProblem(
  kind: TTaskKind,
  deadline: string,
  ctx: { feedbackDate: string; concentratedEnd: string },
): string | null {
  if (deadline < ctx.feedbackDate) return `整改时限不能早于反馈日期（${ctx.feedbackDate}）`;
  if (kind === 'immediate' && deadline > ctx.concentratedEnd)
    return `立行立改的任务应在集中整改期内完成，时限不能晚于${ctx.concentratedEnd}`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Extensions (延期整改)

export interface TExtensionTask {
  deadline: string;
  status: TTaskStatus;
  writtenOff: boolean;
  /** Extensions of this task already approved / waiting for approval. */
  approvedExtensions: number;
  pendingExtensions: number;
}

export interface TExtensionSettings {
  extensionBeforeDeadline: boolean;
  maxExtensionsPerTask: number;
}

/** Chinese reason an extension to `newDeadline` may not be asked for today, or null. */
export function extensionRequestProblem(
  task: Readonly<TExtensionTask>,
  newDeadline: string,
  today: string,
  actor: TTaskActor | null,
  settings: TExtensionSettings,
): string | null {
  if (!actor) return '只有被巡察党组织或巡察办可以申请延期';
  if (task.writtenOff) return '任务已销号，无需延期';
  if (task.status === 'done') return '任务已报告完成，无需延期';
  if (task.pendingExtensions > 0) return '该任务已有待审批的延期申请';
  if (task.approvedExtensions >= settings.maxExtensionsPerTask)
    return `每项任务最多延期${settings.maxExtensionsPerTask}次，已用完`;
  if (settings.extensionBeforeDeadline && today > task.deadline)
    return `整改时限（${task.deadline}）已过，不能再申请延期`;
  if (newDeadline <= task.deadline) return `延期后的时限应晚于原整改时限（${task.deadline}）`;
  if (newDeadline <= today) return '延期后的时限应晚于今天';
  return null;
}

/** Chinese reason `actor` may not approve or reject an extension in `status`, or null. */
export function extensionDecisionProblem(status: 'pending' | 'approved' | 'rejected', actor: TTaskActor | null) {
  if (actor !== 'officeLeader') return '只有巡察办领导可以审批延期申请';
  if (status !== 'pending') return status === 'approved' ? '该延期申请已批准' : '该延期申请已不予批准';
  return null;
}
