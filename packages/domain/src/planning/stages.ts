import { z } from 'zod';
import { ROLE_LABELS, type TRole } from '../access/roles.ts';

/** The life of an inspection, domain.md §4, in order. */
export const STAGES = [
  'planned',
  'prepared',
  'onSite',
  'reporting',
  'feedback',
  'transfer',
  'rectifying',
  'evaluated',
  'published',
  'archived',
] as const;
export const ZStage = z.enum(STAGES, { error: '巡察阶段不在可选范围内' });
export type TStage = z.infer<typeof ZStage>;

export const STAGE_LABELS: Record<TStage, string> = {
  planned: '已列入计划',
  prepared: '准备阶段',
  onSite: '进驻巡察',
  reporting: '报告阶段',
  feedback: '反馈阶段',
  transfer: '移交阶段',
  rectifying: '整改阶段',
  evaluated: '整改评估',
  published: '结果公开',
  archived: '已归档',
};

/** The date field each stage sets when it is entered, named as on ZInspection. */
export const STAGE_DATE_FIELDS = {
  planned: null,
  prepared: 'preparedDate',
  onSite: 'entryDate',
  reporting: 'exitDate',
  feedback: 'feedbackDate',
  transfer: 'transferDate',
  rectifying: 'rectifyingStartDate',
  evaluated: 'evaluatedDate',
  published: 'publishedDate',
  archived: 'archivedDate',
} as const satisfies Record<TStage, string | null>;
export type TStageDateField = NonNullable<(typeof STAGE_DATE_FIELDS)[TStage]>;

export interface TTransition {
  from: TStage;
  to: TStage;
  direction: 'forward' | 'back';
  /** What the button says: 进驻, 撤离, 召开反馈会 …; for a step back, 退回… */
  action: string;
  /** Roles that may make the move (the server also checks the user's scope). */
  roles: readonly TRole[];
  /** Date fields the move sets to the date given with it. */
  records: readonly TStageDateField[];
  /** Date fields a step back clears, since the stage they record is undone. */
  clears: readonly TStageDateField[];
  /**
   * Fields that must already be set, as names of ZInspection fields; `round.approvedAt` is the
   * round's approval. The server checks them; transitionProblem does it for plain data.
   */
  requires: readonly string[];
}

const OFFICE: readonly TRole[] = ['officeLeader', 'officeStaff'];
const OFFICE_AND_TEAM: readonly TRole[] = ['officeLeader', 'officeStaff', 'teamLeader'];

const FORWARD: readonly Omit<TTransition, 'from' | 'direction' | 'records' | 'clears'>[] = [
  // planned → prepared: the 领导小组 approved the round plan (§4 planned: "approved by 领导小组").
  { to: 'prepared', action: '启动准备', roles: OFFICE, requires: ['round.approvedAt'] },
  // → onSite: 进驻 needs a team and a planned entry date (the notice is served against it).
  { to: 'onSite', action: '进驻', roles: OFFICE_AND_TEAM, requires: ['teamId', 'plannedEntryDate'] },
  // → reporting: 撤离; the team leader records leaving the site.
  { to: 'reporting', action: '撤离', roles: OFFICE_AND_TEAM, requires: ['entryDate'] },
  { to: 'feedback', action: '召开反馈会', roles: OFFICE_AND_TEAM, requires: ['exitDate'] },
  // Transfers and everything after are the office's work, not the team's (its authorization ends).
  { to: 'transfer', action: '移交', roles: OFFICE, requires: ['feedbackDate'] },
  { to: 'rectifying', action: '开始整改', roles: OFFICE, requires: ['feedbackDate'] },
  { to: 'evaluated', action: '完成整改评估', roles: OFFICE, requires: ['rectifyingStartDate'] },
  // Publication is approved by a leader (§5 Publication), so only a leader records it.
  { to: 'published', action: '公开整改结果', roles: ['officeLeader'], requires: ['evaluatedDate'] },
  { to: 'archived', action: '归档', roles: OFFICE, requires: ['publishedDate'] },
];

function buildTransitions(): TTransition[] {
  const out: TTransition[] = [];
  for (let i = 1; i < STAGES.length; i++) {
    const from = STAGES[i - 1] as TStage;
    const to = STAGES[i] as TStage;
    const f = FORWARD[i - 1];
    if (!f || f.to !== to) throw new Error(`stage table out of order at ${to}`);
    const field = STAGE_DATE_FIELDS[to];
    out.push({ ...f, from, direction: 'forward', records: field ? [field] : [], clears: [] });
  }
  // A step back by one corrects a mistake or a postponement (entry put off: onSite → prepared). Only
  // an office leader may, and never out of 'archived': the file is closed.
  for (let i = STAGES.length - 2; i >= 1; i--) {
    const from = STAGES[i] as TStage;
    const to = STAGES[i - 1] as TStage;
    const field = STAGE_DATE_FIELDS[from];
    out.push({
      from,
      to,
      direction: 'back',
      action: `退回${STAGE_LABELS[to]}`,
      roles: ['officeLeader'],
      records: [],
      clears: field ? [field] : [],
      requires: [],
    });
  }
  return out;
}

/** Every allowed move: forward by one, or back by one (officeLeader only, never from archived). */
export const TRANSITIONS: readonly Readonly<TTransition>[] = Object.freeze(
  buildTransitions().map((t) => Object.freeze(t)),
);

// Own keys only: a stage string such as '__proto__' must find nothing.
function isStage(s: string): s is TStage {
  return (STAGES as readonly string[]).includes(s);
}

/** Position in STAGES; -1 for anything that is not a stage. */
export function stageIndex(s: TStage): number {
  return isStage(s) ? STAGES.indexOf(s) : -1;
}

/** Is `s` at or past `target`? Coverage asks `reachedStage(stage, 'feedback')`. */
export function reachedStage(s: TStage, target: TStage): boolean {
  const a = stageIndex(s);
  const b = stageIndex(target);
  return a >= 0 && b >= 0 && a >= b;
}

export function transitionOf(from: TStage, to: TStage): Readonly<TTransition> | null {
  return TRANSITIONS.find((t) => t.from === from && t.to === to) ?? null;
}

export function canTransition(from: TStage, to: TStage): boolean {
  return transitionOf(from, to) !== null;
}

/** Stages reachable in one move, the forward one first. */
export function nextStages(from: TStage): TStage[] {
  return TRANSITIONS.filter((t) => t.from === from)
    .sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'forward' ? -1 : 1))
    .map((t) => t.to);
}

/** Chinese names of the required fields, for messages. */
const REQUIRED_LABELS: Record<string, string> = {
  'round.approvedAt': '经领导小组批准本轮巡察计划',
  teamId: '确定巡察组',
  plannedEntryDate: '填写计划进驻日期',
  entryDate: '记录进驻日期',
  exitDate: '记录撤离日期',
  feedbackDate: '记录反馈日期',
  rectifyingStartDate: '记录整改开始日期',
  evaluatedDate: '记录整改评估日期',
  publishedDate: '记录结果公开日期',
};

/**
 * Chinese reason the move may not be made by a user holding `roles` on an inspection whose fields
 * are `have` (flat: ZInspection fields plus `round.approvedAt`), or null when it may.
 */
export function transitionProblem(
  from: TStage,
  to: TStage,
  roles: readonly TRole[],
  have: Readonly<Record<string, unknown>>,
): string | null {
  if (from === to) return `巡察已处于“${STAGE_LABELS[to] ?? to}”`;
  const t = transitionOf(from, to);
  if (!t) {
    if (!isStage(from) || !isStage(to)) return '巡察阶段不在可选范围内';
    if (from === 'archived') return '巡察已归档，不能再变更阶段';
    return `不能从“${STAGE_LABELS[from]}”直接转到“${STAGE_LABELS[to]}”`;
  }
  if (!roles.some((r) => t.roles.includes(r)))
    return `只有${t.roles.map((r) => ROLE_LABELS[r]).join('、')}可以${t.direction === 'back' ? t.action : `办理“${t.action}”`}`;
  const missing = t.requires.filter((f) => !Object.hasOwn(have, f) || have[f] === null || have[f] === undefined);
  if (missing.length) return `尚未${missing.map((f) => REQUIRED_LABELS[f] ?? `填写${f}`).join('、')}，不能${t.action}`;
  return null;
}

/**
 * Chinese reason `date` cannot be recorded for entering `to`, or null. A stage is recorded when it
 * happened, so not after `today`, and not before the date of any earlier stage already recorded
 * (one cannot leave a site before entering it).
 */
export function transitionDateProblem(
  to: TStage,
  date: string,
  dates: Readonly<Partial<Record<TStageDateField, string | null>>>,
  today: string,
): string | null {
  if (date > today) return '日期不能晚于今天';
  const idx = stageIndex(to);
  for (let i = idx - 1; i >= 1; i--) {
    const stage = STAGES[i] as TStage;
    const field = STAGE_DATE_FIELDS[stage];
    const prior = field ? dates[field] : null;
    if (prior && date < prior) return `日期不能早于${STAGE_LABELS[stage]}的日期（${prior}）`;
  }
  return null;
}
