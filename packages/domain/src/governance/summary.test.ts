import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BULLETIN_STATUSES, ZGovernanceSummary } from './schemas.ts';
import { commonProblemTally, governanceSummary, type TGovernanceRecords } from './summary.ts';

describe('commonProblemTally', () => {
  it('counts findings, organizations and inspections, and adds campaign items to the rectified', () => {
    const t = commonProblemTally(
      [
        { orgId: 'o1', inspectionId: 'i1', rectified: true },
        { orgId: 'o1', inspectionId: 'i1', rectified: false },
        { orgId: 'o2', inspectionId: 'i2', rectified: true },
      ],
      40,
    );
    expect(t).toEqual({ findings: 3, organizations: 2, inspections: 2, rectified: 42 });
    expect(commonProblemTally([])).toEqual({ findings: 0, organizations: 0, inspections: 0, rectified: 0 });
    expect(() => commonProblemTally([], -1)).toThrow(RangeError);
  });
});

describe('governanceSummary', () => {
  /** A term shaped like the seed's first city term: 848 common problems rectified, 9 sessions on 46 problems. */
  const seedLike: TGovernanceRecords = {
    bulletins: [
      { status: 'sent' },
      { status: 'sent' },
      { status: 'sent' },
      { status: 'approved' },
      { status: 'draft' },
    ],
    dutyReminders: Array.from({ length: 12 }, () => ({})),
    commonProblems: [{ rectified: 412 }, { rectified: 251 }, { rectified: 185 }],
    campaigns: [
      { reports: [{ rulesMade: 1200 }, { rulesMade: 800 }] },
      { reports: [{ rulesMade: 900 }] },
      { reports: [] },
    ],
    rectificationRulesMade: 3230,
    policyConsultations: [6, 5, 5, 5, 5, 5, 5, 5, 5].map((problems) => ({ problems })),
  };

  it('says the seed’s figures from the records', () => {
    const s = governanceSummary(seedLike);
    expect(s).toEqual({
      bulletins: 3,
      dutyReminders: 12,
      commonProblems: 3,
      commonProblemsRectified: 848,
      campaigns: 3,
      rulesMade: 6130,
      policyConsultations: 9,
      policyProblems: 46,
    });
    expect(ZGovernanceSummary.parse(s)).toEqual(s);
  });

  it('counts only sent bulletins and sums everything else (property)', () => {
    const records = fc.record({
      bulletins: fc.array(fc.record({ status: fc.constantFrom(...BULLETIN_STATUSES) }), { maxLength: 10 }),
      dutyReminders: fc.array(fc.constant({}), { maxLength: 10 }),
      commonProblems: fc.array(fc.record({ rectified: fc.nat({ max: 500 }) }), { maxLength: 10 }),
      campaigns: fc.array(
        fc.record({ reports: fc.array(fc.record({ rulesMade: fc.nat({ max: 100 }) }), { maxLength: 5 }) }),
        {
          maxLength: 5,
        },
      ),
      rectificationRulesMade: fc.nat({ max: 10_000 }),
      policyConsultations: fc.array(fc.record({ problems: fc.nat({ max: 20 }) }), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(records, (r) => {
        const s = governanceSummary(r);
        expect(s.bulletins).toBe(r.bulletins.filter((b) => b.status === 'sent').length);
        expect(s.bulletins).toBeLessThanOrEqual(r.bulletins.length);
        expect(s.commonProblemsRectified).toBe(r.commonProblems.reduce((a, p) => a + p.rectified, 0));
        expect(s.rulesMade).toBeGreaterThanOrEqual(r.rectificationRulesMade);
        expect(s.policyProblems).toBe(r.policyConsultations.reduce((a, p) => a + p.problems, 0));
      }),
    );
  });
});
