import { ROLE_LABELS, type TRole } from '../access/roles.ts';
import type { TDiscipline } from '../petitions/schemas.ts';
import type { TCalendar } from '../planning/calendar.ts';
import { deadlineColour, dueDate, type TDeadlineColour, type TDeadlineRule } from '../planning/deadlines.ts';
import {
  CLUE_ACTION_LABELS,
  CLUE_ACTIONS,
  CLUE_STATUS_LABELS,
  CLUE_STATUSES,
  personKey,
  type TCadreLevel,
  type TClueAction,
  type TClueReceiver,
  type TClueStatus,
} from './schemas.ts';

/**
 * Where a clue goes (移交对象). The issue says the receiver follows the cadre-management level; practice
 * says violations of discipline go to the 纪委监委 and problems of cadre selection to the 组织部. Both
 * hold with this rule:
 *
 * - a clue of the 组织纪律 category whose every subject is a cadre managed by this committee (市管干部
 *   for a city authority, 县管干部 for a county one) goes to the 组织部: choosing, appointing and
 *   managing those cadres is its work, and it deals with them by its own means (组织处理);
 * - everything else goes to the 纪委监委: it has jurisdiction over every party member and public
 *   official, so it also takes an organizational problem of someone the committee does not manage
 *   (科级及以下, 其他) and hands it to whoever manages them, and a clue that mixes levels stays whole
 *   (one clue is one 件) with the receiver that can reach everyone in it.
 *
 * Without `authorityLevel`, a 市管 or 县管 cadre counts as managed. The office may still choose the other
 * receiver when it transfers: this is the suggestion shown beside each clue.
 */
export function receiverFor(
  subjects: readonly { level?: TCadreLevel | undefined }[],
  discipline: TDiscipline,
  authorityLevel?: 'city' | 'county',
): TClueReceiver {
  const managed: readonly TCadreLevel[] =
    authorityLevel === 'city'
      ? ['cityManaged']
      : authorityLevel === 'county'
        ? ['countyManaged']
        : ['cityManaged', 'countyManaged'];
  const allManaged = subjects.length > 0 && subjects.every((s) => s.level !== undefined && managed.includes(s.level));
  return discipline === 'organizational' && allManaged ? 'organization' : 'discipline';
}

const OFFICE: readonly TRole[] = ['officeLeader', 'officeStaff'];

/** Each move: the statuses it starts from, where it lands, who makes it. */
const CLUE_MOVES: Record<TClueAction, { from: readonly TClueStatus[]; to: TClueStatus; roles: readonly TRole[] }> = {
  // The office transfers, in batches under a 移交函; the team's authorization ends with the round.
  transfer: { from: ['draft'], to: 'transferred', roles: OFFICE },
  // The receiver's case handler records (and may revise) how the clue is being handled…
  dispose: { from: ['transferred', 'disposing'], to: 'disposing', roles: ['caseHandler'] },
  // …then the result, which it may correct until the office writes the clue off.
  recordResult: { from: ['disposing', 'resultIn'], to: 'resultIn', roles: ['caseHandler'] },
  // 销号 by the office, only once the result is in (domain.md §5).
  writeOff: { from: ['resultIn'], to: 'writtenOff', roles: OFFICE },
};

/**
 * The status after `action`, or a Chinese problem. `roles` are the caller's roles in the clue's scope
 * (the server has already checked that the caller may see the clue at all).
 */
export function clueMove(
  status: TClueStatus,
  action: TClueAction,
  roles: readonly TRole[],
): { to: TClueStatus; problem?: never } | { problem: string; to?: never } {
  if (!(CLUE_STATUSES as readonly string[]).includes(status) || !(CLUE_ACTIONS as readonly string[]).includes(action))
    return { problem: '线索状态或操作不在可选范围内' };
  if (status === 'writtenOff') return { problem: '线索已销号，不能再变更' };
  const m = CLUE_MOVES[action];
  if (!m.from.includes(status)) {
    if (action === 'writeOff') return { problem: '处置结果反馈后才能销号' };
    if (action === 'transfer') return { problem: `线索${CLUE_STATUS_LABELS[status]}，不能重复移交` };
    if (action === 'recordResult' && status === 'transferred') return { problem: '请先录入处置方式' };
    return { problem: `线索${CLUE_STATUS_LABELS[status]}，不能${CLUE_ACTION_LABELS[action]}` };
  }
  if (!roles.some((r) => m.roles.includes(r)))
    return { problem: `只有${m.roles.map((r) => ROLE_LABELS[r]).join('、')}可以${CLUE_ACTION_LABELS[action]}` };
  return { to: m.to };
}

/** A clue is the team's to edit until it is transferred; after that its facts are the receiver's file. */
export function clueEditProblem(status: TClueStatus): string | null {
  return status === 'draft' ? null : `线索${CLUE_STATUS_LABELS[status]}，不能修改`;
}

/** Chinese reason a batch cannot be transferred, or null: every clue in it must be awaiting transfer. */
export function transferBatchProblem(clues: readonly { status: TClueStatus }[]): string | null {
  if (clues.length === 0) return '请至少选择一件线索';
  const done = clues.filter((c) => c.status !== 'draft').length;
  return done ? `所选线索中有${done}件已移交，不能重复移交` : null;
}

/**
 * When the receiver's feedback is due: the authority's `clueFeedbackAfterTransfer` deadline setting
 * (ZDeadlineSettings; default 3 months) counted from the transfer date.
 */
export function clueFeedbackDue(transferredOn: string, rule: TDeadlineRule, cal: TCalendar): string {
  return dueDate(transferredOn, rule, cal);
}

/**
 * The warning colour of a clue's feedback: 'none' before transfer, 'done' once the result is in,
 * else by the due date (yellow within `warnDays`, ZFieldworkSettings.clueFeedbackWarnDays).
 */
export function clueFeedbackColour(
  clue: { status: TClueStatus; transferredOn: string | null },
  rule: TDeadlineRule,
  cal: TCalendar,
  today: string,
  warnDays: number,
): TDeadlineColour | 'none' {
  if (clue.status === 'draft' || !clue.transferredOn) return 'none';
  const done = clue.status === 'resultIn' || clue.status === 'writtenOff';
  return deadlineColour(clueFeedbackDue(clue.transferredOn, rule, cal), today, done, warnDays);
}

export interface TClueCount {
  /** 件: one per clue. */
  cases: number;
  /** 人次: a person named in two clues counts twice. */
  personTimes: number;
  /** 人: distinct people, by personKey (name and post). */
  persons: number;
}

/**
 * Clues counted in 件 and 人. The UI and every report show 人 as `persons`, the distinct people
 * ("移交问题线索12件，涉及15人"): the 纪委监委 and the committee ask how many officials are implicated,
 * and a person named in three clues is one official. 人次 (`personTimes`) is kept for the workload
 * view. Someone named twice in one clue counts once in both.
 */
export function countClues(clues: readonly { subjects: readonly { name: string; post: string }[] }[]): TClueCount {
  const everyone = new Set<string>();
  let personTimes = 0;
  for (const c of clues) {
    const inClue = new Set(c.subjects.map((s) => personKey(s.name, s.post)));
    personTimes += inClue.size;
    for (const k of inClue) everyone.add(k);
  }
  return { cases: clues.length, personTimes, persons: everyone.size };
}
