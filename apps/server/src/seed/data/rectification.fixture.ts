import {
  buildCalendar,
  OFFICIAL_CALENDAR,
  rectificationSummary,
  type TRectificationSummary,
  taskWarning,
} from '@xc/domain';
import { buildDemoFieldwork, type RosterMember } from './fieldwork.ts';
import { buildDemoPersonnel } from './personnel.ts';
import { buildDemoPlanning } from './planning.ts';
import { buildDemoRectification, type DemoRectification, TODAY } from './rectification.ts';
import { buildDemoRegistry } from './registry.ts';

/**
 * The demo's rectification as its builders make it, and the term summary the contract derives
 * from it: what the pure tests check the builder against (rectification.test.ts; governance.test.ts
 * feeds the rollup on), and what the seeded database must say through the API (../seed.test.ts).
 */
export const reg = buildDemoRegistry();
export const plan = buildDemoPlanning(reg);
export const personnel = buildDemoPersonnel(reg, plan);
const rosters = new Map<string, RosterMember[]>();
export const fieldwork = buildDemoFieldwork({ reg, plan, personnel, rosters });
export const inspections = new Map(plan.inspections.map((i) => [i.key, i]));
export const rounds = new Map(plan.rounds.map((r) => [r.key, r]));
const PAST = new Set(['evaluated', 'published', 'archived']);
const REACHED = new Set(['feedback', 'transfer', 'rectifying', ...PAST]);
/** The findings of the inspections at feedback or later: those rectification works on. */
export const reached = fieldwork.findings.filter((f) => REACHED.has(inspections.get(f.inspectionKey)?.stage ?? ''));
// What the seeder reads back of them.
export const findings = reached.map((f) => ({
  inspectionKey: f.inspectionKey,
  orgKey: f.orgKey,
  title: f.title,
  facts: f.facts,
  typeKey: f.typeKey,
  severity: f.severity,
  immediate: f.immediate,
  createdAt: f.createdAt,
}));
export const input = { reg, plan, personnel, findings, liaisonName: '谢国平', reviewerName: '邱海燕' };
export const data = buildDemoRectification(input);
export const termOf = (inspectionKey: string) => rounds.get(inspections.get(inspectionKey)?.roundKey ?? '')?.termKey;
export const cityFirst = plan.terms.find((t) => t.authorityKey === 'city' && t.startDate.startsWith('2016'))
  ?.key as string;
export const isPast = (ik: string) => PAST.has(inspections.get(ik)?.stage ?? '');
export const cal = buildCalendar(OFFICIAL_CALENDAR);
export const colour = (t: DemoRectification['tasks'][number]) =>
  taskWarning(t, TODAY, cal, { warningWorkingDays: 5 }) ?? 'closed';

/** The term's summary as the contract defines it, from the builder's rows. */
export function termSummary(d: DemoRectification, termKey: string): TRectificationSummary {
  const tasks = new Map<string, DemoRectification['tasks']>();
  for (const t of d.tasks) tasks.set(t.findingKey, [...(tasks.get(t.findingKey) ?? []), t]);
  const inTerm = (ik: string) => termOf(ik) === termKey;
  return rectificationSummary(
    d.findingKeys.filter((k) => inTerm(k.split('#')[0] as string)).map((k) => ({ tasks: tasks.get(k) ?? [] })),
    [
      ...d.outcomes
        .filter((o) => inTerm(o.inspectionKey))
        .map((o) => ({ moneyRecovered: o.money, accountable: o.accountable, rulesMade: o.rulesMade })),
      ...d.ruleMakings
        .filter((r) => inTerm(r.inspectionKey))
        .map(() => ({ moneyRecovered: '0', accountable: 0, rulesMade: 1 })),
    ],
    d.extensions.filter((e) => e.status === 'approved' && inTerm(e.taskKey.split('#')[0] as string)).length,
  );
}
