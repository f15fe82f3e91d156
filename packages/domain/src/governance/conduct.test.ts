import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, OFFICIAL_CALENDAR } from '../planning/calendar.ts';
import { conductMemberLines, conductRateText, conductResults, conductSchedule, meetsBar } from './conduct.ts';
import { CONDUCT_BAR, DEFAULT_GOVERNANCE_SETTINGS } from './schemas.ts';

const cal = buildCalendar(OFFICIAL_CALENDAR);

describe('conductSchedule', () => {
  it('opens at the feedback and again 10 working days later, across 春节', () => {
    // Feedback Tue 2026-02-10: ten working days on is Mon 03-02 (holiday 02-15–23, Saturdays 14 and 28 worked).
    expect(conductSchedule('2026-02-10', DEFAULT_GOVERNANCE_SETTINGS, cal)).toEqual([
      { stage: 'atFeedback', opensOn: '2026-02-10', closesOn: '2026-02-24' },
      { stage: 'followUp', opensOn: '2026-03-02', closesOn: '2026-03-09' },
    ]);
  });

  it('follows the authority’s settings', () => {
    const s = { conductFollowUpDays: 5, conductWindowDays: 2 };
    expect(conductSchedule('2026-03-02', s, cal)).toEqual([
      { stage: 'atFeedback', opensOn: '2026-03-02', closesOn: '2026-03-04' },
      { stage: 'followUp', opensOn: '2026-03-09', closesOn: '2026-03-11' },
    ]);
  });
});

describe('the 97.5% bar', () => {
  it('is the seed’s', () => {
    expect(CONDUCT_BAR).toBe(0.975);
  });

  it('is met exactly at 97.5%, decided in integers', () => {
    expect(meetsBar(39, 40)).toBe(true);
    expect(meetsBar(38, 40)).toBe(false);
    expect(meetsBar(195, 200)).toBe(true);
    expect(meetsBar(1949, 1999)).toBe(false);
    expect(meetsBar(0, 0)).toBeNull();
  });

  it('agrees with the rate wherever the rate is not on the edge (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat({ max: 5000 }), (valid, s) => {
        const satisfied = s % (valid + 1);
        const r = satisfied / valid;
        if (Math.abs(r - CONDUCT_BAR) > 1e-9) expect(meetsBar(satisfied, valid)).toBe(r > CONDUCT_BAR);
      }),
    );
  });

  it('is shown rounded down, so a rate shown at the bar never misses it (property)', () => {
    expect(conductRateText(39, 40)).toBe('97.5%');
    expect(conductRateText(1949, 1999)).toBe('97.4%');
    expect(conductRateText(40, 40)).toBe('100.0%');
    expect(conductRateText(0, 0)).toBe('—');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat({ max: 5000 }), (valid, s) => {
        const satisfied = s % (valid + 1);
        if (Number.parseFloat(conductRateText(satisfied, valid)) >= 97.5) expect(meetsBar(satisfied, valid)).toBe(true);
      }),
    );
  });
});

describe('conductResults', () => {
  const tallies = [
    { roundId: 'r1', teamId: 't1', stage: 'atFeedback' as const, satisfied: 40, valid: 40 },
    { roundId: 'r1', teamId: 't1', stage: 'followUp' as const, satisfied: 38, valid: 40 },
    { roundId: 'r1', teamId: 't2', stage: 'atFeedback' as const, satisfied: 20, valid: 20 },
    { roundId: 'r1', teamId: 't2', stage: 'atFeedback' as const, satisfied: 10, valid: 10 },
    { roundId: 'r2', teamId: 't1', stage: 'atFeedback' as const, satisfied: 9, valid: 10 },
  ];

  it('pools both questionnaires per team and every answer per round', () => {
    const r = conductResults(tallies);
    expect(r.bar).toBe(0.975);
    expect(r.byTeam.map((t) => [t.roundId, t.teamId, t.satisfied, t.valid, t.meetsBar])).toEqual([
      ['r1', 't1', 78, 80, true],
      ['r1', 't2', 30, 30, true],
      ['r2', 't1', 9, 10, false],
    ]);
    expect(r.byTeam[0]?.stages).toEqual({
      atFeedback: { satisfied: 40, valid: 40, rate: 1 },
      followUp: { satisfied: 38, valid: 40, rate: 0.95 },
    });
    expect(r.byTeam[1]?.stages.followUp).toBeNull();
    expect(r.byRound).toEqual([
      { roundId: 'r1', satisfied: 108, valid: 110, rate: 108 / 110, meetsBar: true, teams: 2, teamsBelowBar: 0 },
      { roundId: 'r2', satisfied: 9, valid: 10, rate: 0.9, meetsBar: false, teams: 1, teamsBelowBar: 1 },
    ]);
  });

  it('refuses more satisfied answers than valid ones', () => {
    expect(() => conductResults([{ roundId: 'r', teamId: 't', stage: 'followUp', satisfied: 3, valid: 2 }])).toThrow(
      RangeError,
    );
  });

  it('adds every answer once, in any order (property)', () => {
    const tally = fc
      .record({
        roundId: fc.constantFrom('r1', 'r2'),
        teamId: fc.constantFrom('t1', 't2', 't3'),
        stage: fc.constantFrom('atFeedback' as const, 'followUp' as const),
        valid: fc.nat({ max: 100 }),
        s: fc.nat({ max: 100 }),
      })
      .map(({ s, ...t }) => ({ ...t, satisfied: s % (t.valid + 1) }));
    fc.assert(
      fc.property(fc.array(tally, { maxLength: 20 }), (ts) => {
        const r = conductResults(ts);
        const valid = ts.reduce((a, t) => a + t.valid, 0);
        expect(r.byTeam.reduce((a, t) => a + t.valid, 0)).toBe(valid);
        expect(r.byRound.reduce((a, t) => a + t.valid, 0)).toBe(valid);
        expect(conductResults([...ts].reverse())).toEqual(r);
      }),
    );
  });
});

describe('conductMemberLines', () => {
  it('gives each member the team’s result with the bar, or says there is none', () => {
    const results = conductResults([
      { roundId: 'r3', teamId: 't2', stage: 'atFeedback', satisfied: 69, valid: 70 },
      { roundId: 'r3', teamId: 't2', stage: 'followUp', satisfied: 70, valid: 70 },
    ]);
    const lines = conductMemberLines(
      [
        { inspectorId: 'p1', roundId: 'r3', teamId: 't2', role: 'leader' },
        { inspectorId: 'p2', roundId: 'r3', teamId: 't2', role: 'member' },
        { inspectorId: 'p3', roundId: 'r3', teamId: 't9', role: 'member' },
      ],
      results,
      { round: () => '第三轮', team: (id) => (id === 't2' ? '第二巡察组' : '第九巡察组') },
    );
    expect(lines.map((l) => l.text)).toEqual([
      '第三轮第二巡察组作风纪律评估满意度99.2%（参考线97.5%）',
      '第三轮第二巡察组作风纪律评估满意度99.2%（参考线97.5%）',
      '第三轮第九巡察组作风纪律评估暂无有效评价',
    ]);
    expect(lines[0]).toMatchObject({ satisfied: 139, valid: 140, meetsBar: true, role: 'leader' });
    expect(lines[2]).toMatchObject({ satisfied: 0, valid: 0, rate: null, meetsBar: null });
  });
});
