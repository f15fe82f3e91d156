import { addWorkingDays, type TCalendar } from '../planning/calendar.ts';
import { satisfactionRate } from '../surveys/rules.ts';
import {
  CONDUCT_BAR,
  CONDUCT_STAGES,
  type TConductResultLine,
  type TConductResults,
  type TConductStage,
  type TGovernanceSettings,
} from './schemas.ts';

/**
 * When the two questionnaires on the team's conduct open and close: the first at the 反馈会 (the
 * feedback day itself), the follow-up `conductFollowUpDays` working days later (default 10), each
 * open for `conductWindowDays` working days.
 */
export function conductSchedule(
  feedbackDate: string,
  settings: Pick<TGovernanceSettings, 'conductFollowUpDays' | 'conductWindowDays'>,
  cal: TCalendar,
): { stage: TConductStage; opensOn: string; closesOn: string }[] {
  const followUp = addWorkingDays(feedbackDate, settings.conductFollowUpDays, cal);
  return [
    {
      stage: 'atFeedback',
      opensOn: feedbackDate,
      closesOn: addWorkingDays(feedbackDate, settings.conductWindowDays, cal),
    },
    { stage: 'followUp', opensOn: followUp, closesOn: addWorkingDays(followUp, settings.conductWindowDays, cal) },
  ];
}

/**
 * Whether satisfied ÷ valid reaches `bar`, decided in integers (basis points) so that 39 of 40 is
 * exactly 97.5% and meets the bar; null without valid answers.
 */
export function meetsBar(satisfied: number, valid: number, bar = CONDUCT_BAR): boolean | null {
  if (valid === 0) return null;
  return satisfied * 10_000 >= Math.round(bar * 10_000) * valid;
}

/**
 * 98.6%: a rate to one decimal, rounded down, so a rate shown as 97.5% is never one that misses the
 * 97.5% bar. '—' without valid answers.
 */
export function conductRateText(satisfied: number, valid: number): string {
  if (valid === 0) return '—';
  const perMille = Math.floor((satisfied * 1000) / valid);
  return `${Math.floor(perMille / 10)}.${perMille % 10}%`;
}

export interface TConductTally {
  roundId: string;
  teamId: string;
  stage: TConductStage;
  /** Valid answers of the key question (满意 + 基本满意 + 不满意; 不了解 excluded), as tallySurvey counts them. */
  satisfied: number;
  valid: number;
}

interface Pair {
  satisfied: number;
  valid: number;
}

const withRate = (p: Pair) => ({ ...p, rate: satisfactionRate(p.satisfied, p.valid) });

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Results per team and round (both questionnaires pooled) and per round (综合满意度: every team's
 * answers pooled, so each answer weighs the same and a team with few answers cannot sway the round),
 * with the bar. Several tallies of one team, round and stage add up (one per survey link batch).
 */
export function conductResults(tallies: readonly TConductTally[], bar = CONDUCT_BAR): TConductResults {
  const teams = new Map<string, { roundId: string; teamId: string; stages: Partial<Record<TConductStage, Pair>> }>();
  for (const t of tallies) {
    if (
      !Number.isSafeInteger(t.valid) ||
      !Number.isSafeInteger(t.satisfied) ||
      t.satisfied < 0 ||
      t.satisfied > t.valid
    )
      throw new RangeError(`满意票数须在0与有效票数之间：${t.satisfied}/${t.valid}`);
    if (!(CONDUCT_STAGES as readonly string[]).includes(t.stage)) throw new RangeError(`测评批次不正确：${t.stage}`);
    const key = JSON.stringify([t.roundId, t.teamId]);
    const e = teams.get(key) ?? { roundId: t.roundId, teamId: t.teamId, stages: {} };
    const s = e.stages[t.stage] ?? { satisfied: 0, valid: 0 };
    e.stages[t.stage] = { satisfied: s.satisfied + t.satisfied, valid: s.valid + t.valid };
    teams.set(key, e);
  }
  const byTeam = [...teams.values()]
    .sort((a, b) => compare(a.roundId, b.roundId) || compare(a.teamId, b.teamId))
    .map((e) => {
      const sum = CONDUCT_STAGES.reduce(
        (acc, s) => ({
          satisfied: acc.satisfied + (e.stages[s]?.satisfied ?? 0),
          valid: acc.valid + (e.stages[s]?.valid ?? 0),
        }),
        { satisfied: 0, valid: 0 },
      );
      const stage = (s: TConductStage) => {
        const p = e.stages[s];
        return p ? withRate(p) : null;
      };
      return {
        roundId: e.roundId,
        teamId: e.teamId,
        ...withRate(sum),
        meetsBar: meetsBar(sum.satisfied, sum.valid, bar),
        stages: { atFeedback: stage('atFeedback'), followUp: stage('followUp') },
      };
    });
  const rounds = new Map<string, { satisfied: number; valid: number; teams: number; below: number }>();
  for (const t of byTeam) {
    const r = rounds.get(t.roundId) ?? { satisfied: 0, valid: 0, teams: 0, below: 0 };
    r.satisfied += t.satisfied;
    r.valid += t.valid;
    r.teams++;
    if (t.meetsBar === false) r.below++;
    rounds.set(t.roundId, r);
  }
  const byRound = [...rounds]
    .sort(([a], [b]) => compare(a, b))
    .map(([roundId, r]) => ({
      roundId,
      ...withRate({ satisfied: r.satisfied, valid: r.valid }),
      meetsBar: meetsBar(r.satisfied, r.valid, bar),
      teams: r.teams,
      teamsBelowBar: r.below,
    }));
  return { bar, byTeam, byRound };
}

/**
 * Each team member's line for their appraisal history: the team's result in that round, with the
 * bar. A member of a team with no valid answers gets a line saying so, not a rate of zero.
 */
export function conductMemberLines(
  members: readonly { inspectorId: string; roundId: string; teamId: string; role: string }[],
  results: Pick<TConductResults, 'byTeam' | 'bar'>,
  names: { round?: (roundId: string) => string; team?: (teamId: string) => string } = {},
): TConductResultLine[] {
  const byKey = new Map(results.byTeam.map((t) => [JSON.stringify([t.roundId, t.teamId]), t]));
  const barText = conductRateText(Math.round(results.bar * 10_000), 10_000);
  return members.map((m) => {
    const t = byKey.get(JSON.stringify([m.roundId, m.teamId]));
    const satisfied = t?.satisfied ?? 0;
    const valid = t?.valid ?? 0;
    const who = `${names.round?.(m.roundId) ?? ''}${names.team?.(m.teamId) ?? '巡察组'}`;
    const text =
      valid === 0
        ? `${who}作风纪律评估暂无有效评价`
        : `${who}作风纪律评估满意度${conductRateText(satisfied, valid)}（参考线${barText}）`;
    return {
      inspectorId: m.inspectorId,
      roundId: m.roundId,
      teamId: m.teamId,
      role: m.role,
      satisfied,
      valid,
      rate: satisfactionRate(satisfied, valid),
      meetsBar: meetsBar(satisfied, valid, results.bar),
      text,
    };
  });
}
