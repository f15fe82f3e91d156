import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type TRole } from '../access/roles.ts';
import { DISCIPLINES } from '../petitions/schemas.ts';
import { addMonths, buildCalendar, OFFICIAL_CALENDAR } from '../planning/calendar.ts';
import { DEFAULT_DEADLINES } from '../planning/deadlines.ts';
import {
  clueEditProblem,
  clueFeedbackColour,
  clueFeedbackDue,
  clueMove,
  countClues,
  receiverFor,
  transferBatchProblem,
} from './clues.ts';
import { CADRE_LEVELS, CLUE_ACTIONS, CLUE_STATUSES, personKey, type TClueStatus } from './schemas.ts';

const cal = buildCalendar(OFFICIAL_CALENDAR);

describe('receiverFor', () => {
  it('sends an organizational problem of cadres the committee manages to the 组织部', () => {
    expect(receiverFor([{ level: 'cityManaged' }], 'organizational', 'city')).toBe('organization');
    expect(receiverFor([{ level: 'countyManaged' }, { level: 'countyManaged' }], 'organizational', 'county')).toBe(
      'organization',
    );
    expect(receiverFor([{ level: 'cityManaged' }], 'organizational')).toBe('organization');
  });

  it('sends every other clue to the 纪委监委', () => {
    for (const d of DISCIPLINES.filter((x) => x !== 'organizational'))
      for (const level of CADRE_LEVELS) expect(receiverFor([{ level }], d, 'city')).toBe('discipline');
    // Not managed by this committee: the 纪委监委 reaches them and hands them on.
    expect(receiverFor([{ level: 'sectionLevel' }], 'organizational', 'city')).toBe('discipline');
    expect(receiverFor([{ level: 'countyManaged' }], 'organizational', 'city')).toBe('discipline');
    expect(receiverFor([{ level: 'cityManaged' }], 'organizational', 'county')).toBe('discipline');
    expect(receiverFor([{}], 'organizational')).toBe('discipline');
    // One clue is one 件: mixed levels stay together with the receiver that reaches everyone.
    expect(receiverFor([{ level: 'cityManaged' }, { level: 'other' }], 'organizational', 'city')).toBe('discipline');
    expect(receiverFor([], 'organizational')).toBe('discipline');
  });

  it('gives the 组织部 only organizational clues, and only when every subject is managed (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ level: fc.constantFrom(...CADRE_LEVELS) }), { maxLength: 6 }),
        fc.constantFrom(...DISCIPLINES),
        fc.constantFrom('city' as const, 'county' as const),
        (subjects, d, at) => {
          const r = receiverFor(subjects, d, at);
          const managed = at === 'city' ? 'cityManaged' : 'countyManaged';
          expect(r === 'organization').toBe(
            d === 'organizational' && subjects.length > 0 && subjects.every((s) => s.level === managed),
          );
        },
      ),
    );
  });
});

describe('clueMove', () => {
  const office: TRole[] = ['officeStaff'];
  const handler: TRole[] = ['caseHandler'];

  it('runs draft → transferred → disposing → resultIn → writtenOff with the right hands', () => {
    expect(clueMove('draft', 'transfer', office)).toEqual({ to: 'transferred' });
    expect(clueMove('transferred', 'dispose', handler)).toEqual({ to: 'disposing' });
    expect(clueMove('disposing', 'dispose', handler)).toEqual({ to: 'disposing' });
    expect(clueMove('disposing', 'recordResult', handler)).toEqual({ to: 'resultIn' });
    expect(clueMove('resultIn', 'recordResult', handler)).toEqual({ to: 'resultIn' });
    expect(clueMove('resultIn', 'writeOff', ['officeLeader'])).toEqual({ to: 'writtenOff' });
  });

  it('refuses out of order and to the wrong hands, in Chinese', () => {
    expect(clueMove('disposing', 'writeOff', office).problem).toBe('处置结果反馈后才能销号');
    expect(clueMove('transferred', 'writeOff', office).problem).toBe('处置结果反馈后才能销号');
    expect(clueMove('transferred', 'transfer', office).problem).toContain('不能重复移交');
    expect(clueMove('transferred', 'recordResult', handler).problem).toBe('请先录入处置方式');
    expect(clueMove('draft', 'transfer', ['teamLeader']).problem).toContain('只有巡察办领导、巡察办工作人员可以移交');
    expect(clueMove('transferred', 'dispose', office).problem).toContain('线索处置人员');
    expect(clueMove('resultIn', 'writeOff', handler).problem).toContain('销号');
    expect(clueMove('writtenOff', 'writeOff', office).problem).toBe('线索已销号，不能再变更');
    expect(clueMove('nope' as TClueStatus, 'transfer', office).problem).toContain('不在可选范围');
  });

  it('never leaves writtenOff, and writes off only from resultIn (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...CLUE_ACTIONS), fc.subarray([...ROLES])), { maxLength: 30 }),
        (steps) => {
          let s: TClueStatus = 'draft';
          for (const [a, roles] of steps) {
            const r = clueMove(s, a, roles);
            if (r.to === undefined) continue;
            if (r.to === 'writtenOff') expect(s).toBe('resultIn');
            expect(CLUE_STATUSES.indexOf(r.to)).toBeGreaterThanOrEqual(CLUE_STATUSES.indexOf(s));
            s = r.to;
          }
        },
      ),
    );
  });

  it('lets only a draft be edited or transferred', () => {
    expect(clueEditProblem('draft')).toBeNull();
    expect(clueEditProblem('transferred')).toContain('不能修改');
    expect(transferBatchProblem([])).toContain('至少选择一件');
    expect(transferBatchProblem([{ status: 'draft' }])).toBeNull();
    expect(transferBatchProblem([{ status: 'draft' }, { status: 'transferred' }])).toBe(
      '所选线索中有1件已移交，不能重复移交',
    );
  });
});

describe('clue feedback', () => {
  const rule = DEFAULT_DEADLINES.clueFeedbackAfterTransfer;

  it('is due three months after transfer by default, as the deadline settings say', () => {
    expect(clueFeedbackDue('2026-03-10', rule, cal)).toBe('2026-06-10');
    expect(clueFeedbackDue('2025-11-30', rule, cal)).toBe('2026-02-28');
    // 60 working days across 清明 and a 劳动节 with a working Saturday (05-09).
    expect(clueFeedbackDue('2026-03-10', { amount: 60, unit: 'workingDays', direction: 'after' }, cal)).toBe(
      '2026-06-05',
    );
  });

  it('is coloured like the deadlines', () => {
    const clue = { status: 'transferred' as TClueStatus, transferredOn: '2026-03-10' };
    expect(clueFeedbackColour(clue, rule, cal, '2026-04-01', 10)).toBe('green');
    expect(clueFeedbackColour(clue, rule, cal, '2026-06-01', 10)).toBe('yellow');
    expect(clueFeedbackColour(clue, rule, cal, '2026-06-11', 10)).toBe('red');
    expect(clueFeedbackColour({ ...clue, status: 'resultIn' }, rule, cal, '2026-07-01', 10)).toBe('done');
    expect(clueFeedbackColour({ ...clue, status: 'writtenOff' }, rule, cal, '2026-07-01', 10)).toBe('done');
    expect(clueFeedbackColour({ status: 'draft', transferredOn: null }, rule, cal, '2026-07-01', 10)).toBe('none');
  });

  it('is never due before the transfer (property)', () => {
    fc.assert(
      fc.property(
        fc
          .date({ min: new Date('2016-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        (on) => {
          expect(clueFeedbackDue(on, rule, cal)).toBe(addMonths(on, 3));
          expect(clueFeedbackDue(on, rule, cal) > on).toBe(true);
        },
      ),
    );
  });
});

describe('countClues (件 and 人)', () => {
  it('counts a person named in two clues twice in 人次 and once in 人', () => {
    const zhang = { name: '张三', post: '局长' };
    const li = { name: '李四', post: '副局长' };
    expect(countClues([{ subjects: [zhang] }, { subjects: [zhang, li] }])).toEqual({
      cases: 2,
      personTimes: 3,
      persons: 2,
    });
    expect(countClues([])).toEqual({ cases: 0, personTimes: 0, persons: 0 });
  });

  it('knows one person however the name was typed, and two people with one name in two posts', () => {
    expect(personKey(' 张 三 ', '局长')).toBe(personKey('张三', '局长'));
    expect(personKey('ＺＨＡＮＧ　San', '局长')).toBe(personKey('zhang san', '局长'));
    expect(personKey('张\u200b三', '局长')).toBe(personKey('张三', '局长'));
    expect(personKey('张三', '局长')).not.toBe(personKey('张三', '副局长'));
    expect(personKey('张三', '局长')).not.toBe(personKey('张三局', '长'));
    expect(
      countClues([
        {
          subjects: [
            { name: '张三', post: '局长' },
            { name: '张 三', post: '局长' },
          ],
        },
      ]),
    ).toEqual({
      cases: 1,
      personTimes: 1,
      persons: 1,
    });
  });

  const name = fc.constantFrom('张三', '李四', '王五', '赵六', '钱七');
  const post = fc.constantFrom('局长', '副局长', '科长');
  const clue = fc.record({ subjects: fc.array(fc.record({ name, post }), { minLength: 1, maxLength: 4 }) });

  it('has cases = clues, persons ≤ personTimes, and one more clue naming someone adds 1 to 人次 and 0 to 人 (property)', () => {
    fc.assert(
      fc.property(fc.array(clue, { maxLength: 20 }), fc.record({ name, post }), (clues, p) => {
        const c = countClues(clues);
        expect(c.cases).toBe(clues.length);
        expect(c.persons).toBeLessThanOrEqual(c.personTimes);
        const twice = countClues([...clues, { subjects: [p] }, { subjects: [p] }]);
        const known = clues.some((x) =>
          x.subjects.some((s) => personKey(s.name, s.post) === personKey(p.name, p.post)),
        );
        expect(twice.cases).toBe(c.cases + 2);
        expect(twice.personTimes).toBe(c.personTimes + 2);
        expect(twice.persons).toBe(c.persons + (known ? 0 : 1));
      }),
    );
  });
});
