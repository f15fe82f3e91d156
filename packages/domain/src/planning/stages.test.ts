import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type TRole } from '../access/roles.ts';
import {
  canTransition,
  nextStages,
  reachedStage,
  STAGE_DATE_FIELDS,
  STAGE_LABELS,
  STAGES,
  stageIndex,
  TRANSITIONS,
  type TStage,
  transitionDateProblem,
  transitionOf,
  transitionProblem,
  ZStage,
} from './stages.ts';

const stage = fc.constantFrom(...STAGES);
const role = fc.constantFrom(...ROLES);

describe('stages', () => {
  it('are the ten of domain.md §4 in order, each with a Chinese label', () => {
    expect(STAGES).toEqual([
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
    ]);
    for (const s of STAGES) expect(STAGE_LABELS[s]).toMatch(/^\p{Script=Han}+$/u);
    expect(new Set(Object.values(STAGE_LABELS)).size).toBe(STAGES.length);
    expect(ZStage.safeParse('closed').success).toBe(false);
    expect(ZStage.safeParse('onSite').success).toBe(true);
  });

  it('indexes stages and nothing else', () => {
    STAGES.forEach((s, i) => {
      expect(stageIndex(s)).toBe(i);
    });
    expect(stageIndex('__proto__' as TStage)).toBe(-1);
    expect(stageIndex('toString' as TStage)).toBe(-1);
  });

  it('knows when a stage is reached', () => {
    expect(reachedStage('feedback', 'feedback')).toBe(true);
    expect(reachedStage('archived', 'feedback')).toBe(true);
    expect(reachedStage('reporting', 'feedback')).toBe(false);
    expect(reachedStage('nonsense' as TStage, 'planned')).toBe(false);
    fc.assert(
      fc.property(stage, stage, (a, b) => {
        expect(reachedStage(a, b)).toBe(STAGES.indexOf(a) >= STAGES.indexOf(b));
      }),
    );
  });
});

describe('TRANSITIONS', () => {
  it('move forward by one or back by one, never out of archived', () => {
    for (const t of TRANSITIONS) {
      const d = stageIndex(t.to) - stageIndex(t.from);
      expect(d).toBe(t.direction === 'forward' ? 1 : -1);
      if (t.direction === 'back') expect(t.from).not.toBe('archived');
    }
    // 9 forward moves and 8 back (none out of archived).
    expect(TRANSITIONS.filter((t) => t.direction === 'forward')).toHaveLength(9);
    expect(TRANSITIONS.filter((t) => t.direction === 'back')).toHaveLength(8);
    expect(nextStages('archived')).toEqual([]);
  });

  it('let only an office leader step back', () => {
    for (const t of TRANSITIONS.filter((x) => x.direction === 'back')) {
      expect(t.roles).toEqual(['officeLeader']);
      expect(t.records).toEqual([]);
      expect(t.clears).toEqual([STAGE_DATE_FIELDS[t.from]]);
    }
  });

  it('record the date of the stage entered', () => {
    expect(transitionOf('prepared', 'onSite')?.records).toEqual(['entryDate']);
    expect(transitionOf('onSite', 'reporting')?.records).toEqual(['exitDate']);
    expect(transitionOf('reporting', 'feedback')?.records).toEqual(['feedbackDate']);
    expect(transitionOf('feedback', 'transfer')?.records).toEqual(['transferDate']);
    expect(transitionOf('planned', 'prepared')?.records).toEqual(['preparedDate']);
    expect(transitionOf('published', 'archived')?.records).toEqual(['archivedDate']);
    for (const t of TRANSITIONS.filter((x) => x.direction === 'forward'))
      expect(t.records).toEqual([STAGE_DATE_FIELDS[t.to]]);
  });

  it('let the team leader move the on-site stages, and not the office-only ones', () => {
    expect(transitionOf('prepared', 'onSite')?.roles).toEqual(['officeLeader', 'officeStaff', 'teamLeader']);
    expect(transitionOf('onSite', 'reporting')?.roles).toContain('teamLeader');
    expect(transitionOf('feedback', 'transfer')?.roles).not.toContain('teamLeader');
    expect(transitionOf('evaluated', 'published')?.roles).toEqual(['officeLeader']);
    // No administrator, liaison or case handler ever moves a stage.
    const movers = new Set(TRANSITIONS.flatMap((t) => t.roles));
    for (const r of ['sysAdmin', 'secAdmin', 'auditAdmin', 'targetLiaison', 'caseHandler', 'teamMember'] as TRole[])
      expect(movers.has(r)).toBe(false);
  });

  it('require a team and a planned entry date to enter the site', () => {
    expect(transitionOf('prepared', 'onSite')?.requires).toEqual(['teamId', 'plannedEntryDate']);
    expect(transitionOf('planned', 'prepared')?.requires).toEqual(['round.approvedAt']);
  });

  it('are frozen', () => {
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
    expect(Object.isFrozen(TRANSITIONS[0])).toBe(true);
  });

  it('answer canTransition, transitionOf and nextStages consistently (property)', () => {
    fc.assert(
      fc.property(stage, stage, (a, b) => {
        const t = transitionOf(a, b);
        expect(canTransition(a, b)).toBe(t !== null);
        expect(nextStages(a).includes(b)).toBe(t !== null);
        expect(canTransition(a, b)).toBe(
          stageIndex(b) === stageIndex(a) + 1 || (stageIndex(b) === stageIndex(a) - 1 && a !== 'archived'),
        );
      }),
    );
    expect(nextStages('onSite')).toEqual(['reporting', 'prepared']);
    expect(nextStages('planned')).toEqual(['prepared']);
  });

  it('keep a random walk inside the machine (property)', () => {
    fc.assert(
      fc.property(fc.array(stage, { maxLength: 200 }), (attempts) => {
        let cur: TStage = 'planned';
        for (const to of attempts) {
          const before = cur;
          if (canTransition(cur, to)) cur = to;
          expect(STAGES).toContain(cur);
          expect(stageIndex(cur) - stageIndex(before)).toBeLessThanOrEqual(1);
          expect(stageIndex(before) - stageIndex(cur)).toBeLessThanOrEqual(1);
          if (before === 'archived') expect(cur).toBe('archived');
        }
      }),
    );
  });
});

describe('transitionProblem', () => {
  const ready = {
    'round.approvedAt': '2025-03-01',
    teamId: 't',
    plannedEntryDate: '2025-04-01',
    entryDate: '2025-04-01',
  };

  it('allows an allowed move by an allowed role with the fields present', () => {
    expect(transitionProblem('prepared', 'onSite', ['teamLeader'], ready)).toBeNull();
    expect(transitionProblem('onSite', 'prepared', ['officeLeader'], {})).toBeNull();
  });

  it('refuses skipping a stage, staying put, and leaving archived', () => {
    expect(transitionProblem('planned', 'onSite', ['officeLeader'], ready)).toBe(
      '不能从“已列入计划”直接转到“进驻巡察”',
    );
    expect(transitionProblem('onSite', 'onSite', ['officeLeader'], ready)).toBe('巡察已处于“进驻巡察”');
    expect(transitionProblem('archived', 'published', ['officeLeader'], ready)).toBe('巡察已归档，不能再变更阶段');
    expect(transitionProblem('planned', 'nope' as TStage, ['officeLeader'], ready)).toBe('巡察阶段不在可选范围内');
  });

  it('refuses a role that may not make the move', () => {
    expect(transitionProblem('onSite', 'prepared', ['officeStaff', 'teamLeader'], {})).toBe(
      '只有巡察办领导可以退回准备阶段',
    );
    expect(transitionProblem('feedback', 'transfer', ['teamLeader'], { feedbackDate: '2025-06-01' })).toBe(
      '只有巡察办领导、巡察办工作人员可以办理“移交”',
    );
  });

  it('names the missing fields', () => {
    expect(transitionProblem('prepared', 'onSite', ['officeStaff'], { teamId: null })).toBe(
      '尚未确定巡察组、填写计划进驻日期，不能进驻',
    );
    expect(transitionProblem('planned', 'prepared', ['officeStaff'], {})).toBe(
      '尚未经领导小组批准本轮巡察计划，不能启动准备',
    );
  });

  it('never allows a move the table does not list (property)', () => {
    fc.assert(
      fc.property(stage, stage, fc.array(role, { maxLength: 4 }), (a, b, roles) => {
        const p = transitionProblem(a, b, roles, ready);
        const t = transitionOf(a, b);
        if (p === null) {
          expect(t).not.toBeNull();
          expect(roles.some((r) => t?.roles.includes(r))).toBe(true);
        }
        if (!t || !roles.some((r) => t.roles.includes(r))) expect(p).not.toBeNull();
      }),
    );
  });
});

describe('transitionDateProblem', () => {
  it('refuses a future date and one before an earlier stage', () => {
    expect(transitionDateProblem('reporting', '2025-05-01', { entryDate: '2025-04-01' }, '2025-06-01')).toBeNull();
    expect(transitionDateProblem('reporting', '2025-07-01', {}, '2025-06-01')).toBe('日期不能晚于今天');
    expect(transitionDateProblem('reporting', '2025-03-01', { entryDate: '2025-04-01' }, '2025-06-01')).toBe(
      '日期不能早于进驻巡察的日期（2025-04-01）',
    );
    // Looks past missing dates to the latest recorded one.
    expect(
      transitionDateProblem('transfer', '2025-03-01', { entryDate: '2025-04-01', exitDate: null }, '2025-06-01'),
    ).toBe('日期不能早于进驻巡察的日期（2025-04-01）');
    // The same day as the stage before is fine (leave and report on one day).
    expect(transitionDateProblem('feedback', '2025-05-01', { exitDate: '2025-05-01' }, '2025-06-01')).toBeNull();
  });
});
