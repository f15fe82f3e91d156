import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../fieldwork/taxonomy.ts';
import {
  candidateKey,
  candidateTotals,
  findingConflicts,
  groupableFinding,
  groupCommonProblems,
  type TGroupableFinding,
} from './common-problems.ts';

const finding = (
  id: string,
  orgId: string,
  sector: string | null,
  taxonomyTypeId: string | null,
  common = false,
  inspectionId = `i-${orgId}`,
): TGroupableFinding => ({ id, inspectionId, orgId, sector, taxonomyTypeId, common });

/** Findings with unique ids drawn from small pools, so groups and repeats are frequent. */
const findingsArb = fc
  .array(
    fc.record({
      inspectionId: fc.constantFrom('i1', 'i2', 'i3', 'i4'),
      orgId: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'),
      sector: fc.constantFrom('政法', '交通', '新闻媒体', null),
      taxonomyTypeId: fc.constantFrom('t1', 't2', 't3', null),
      common: fc.boolean(),
    }),
    { maxLength: 40 },
  )
  .map((xs) => xs.map((x, i) => ({ id: `f${String(i).padStart(2, '0')}`, ...x })));

describe('groupCommonProblems', () => {
  it('groups findings of one type and sector across organizations', () => {
    const groups = groupCommonProblems([
      finding('a', 'o1', '政法', 'lending'),
      finding('b', 'o2', '政法', 'lending'),
      finding('c', 'o2', '政法', 'lending'),
      finding('d', 'o3', '交通', 'lending'),
      finding('e', 'o3', '交通', 'blackCars'),
      finding('f', 'o3', '交通', 'blackCars'),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toEqual({
      key: candidateKey('政法', 'lending'),
      sector: '政法',
      taxonomyTypeId: 'lending',
      findingIds: ['a', 'b', 'c'],
      findings: 3,
      flagged: 0,
      organizations: 2,
      inspections: 2,
      byOrganization: [
        { orgId: 'o2', findings: 2 },
        { orgId: 'o1', findings: 1 },
      ],
    });
  });

  it('keeps a flagged finding even alone, without a type or without a sector', () => {
    const groups = groupCommonProblems([
      finding('a', 'o1', '政法', 't1', true),
      finding('b', 'o1', '政法', 't1'),
      finding('c', 'o2', null, 't1', true),
      finding('d', 'o3', '交通', null, true),
      finding('e', 'o4', '交通', null),
      finding('f', 'o5', null, null),
    ]);
    const keys = groups.map((g) => [g.sector, g.taxonomyTypeId, g.findingIds]);
    expect(keys).toEqual([
      ['政法', 't1', ['a', 'b']],
      ['交通', null, ['d']],
      [null, 't1', ['c']],
    ]);
  });

  it('honours the minimum number of organizations', () => {
    const fs = [finding('a', 'o1', '政法', 't1'), finding('b', 'o2', '政法', 't1'), finding('c', 'o2', '政法', 't1')];
    expect(groupCommonProblems(fs, { minOrganizations: 3 })).toEqual([]);
    expect(groupCommonProblems(fs, { minOrganizations: 2 })).toHaveLength(1);
    expect(() => groupCommonProblems(fs, { minOrganizations: 0 })).toThrow(RangeError);
  });

  it('refuses a finding given twice', () => {
    expect(() => groupCommonProblems([finding('a', 'o1', '政法', 't1'), finding('a', 'o2', '政法', 't1')])).toThrow(
      /重复/,
    );
  });

  it('puts every flagged finding in exactly one group and no finding in two (property)', () => {
    fc.assert(
      fc.property(findingsArb, (fs) => {
        const groups = groupCommonProblems(fs);
        const where = new Map<string, number>();
        for (const g of groups) for (const id of g.findingIds) where.set(id, (where.get(id) ?? 0) + 1);
        for (const n of where.values()) expect(n).toBe(1);
        for (const f of fs.filter((x) => x.common)) expect(where.get(f.id)).toBe(1);
        // An unflagged finding without a sector or type never joins a group.
        for (const f of fs.filter((x) => !x.common && (x.sector === null || x.taxonomyTypeId === null)))
          expect(where.has(f.id)).toBe(false);
      }),
    );
  });

  it('counts add up (property)', () => {
    fc.assert(
      fc.property(findingsArb, (fs) => {
        const byId = new Map(fs.map((f) => [f.id, f]));
        for (const g of groupCommonProblems(fs)) {
          const members = g.findingIds.map((id) => byId.get(id) as TGroupableFinding);
          expect(g.findings).toBe(members.length);
          expect(g.byOrganization.reduce((a, o) => a + o.findings, 0)).toBe(g.findings);
          expect(g.organizations).toBe(g.byOrganization.length);
          expect(g.organizations).toBe(new Set(members.map((f) => f.orgId)).size);
          expect(g.inspections).toBe(new Set(members.map((f) => f.inspectionId)).size);
          expect(g.flagged).toBe(members.filter((f) => f.common).length);
          for (const f of members) expect(candidateKey(f.sector, f.taxonomyTypeId)).toBe(g.key);
        }
      }),
    );
  });

  it('takes exactly the groups the rule names (property against a direct reading of the rule)', () => {
    fc.assert(
      fc.property(findingsArb, fc.integer({ min: 1, max: 4 }), (fs, minOrganizations) => {
        const grouped = new Set(groupCommonProblems(fs, { minOrganizations }).flatMap((g) => g.findingIds));
        for (const f of fs) {
          const complete = f.sector !== null && f.taxonomyTypeId !== null;
          const peers = fs.filter(
            (x) => x.sector === f.sector && x.taxonomyTypeId === f.taxonomyTypeId && (complete || x.common),
          );
          const expected =
            f.common ||
            (complete && (peers.some((x) => x.common) || new Set(peers.map((x) => x.orgId)).size >= minOrganizations));
          expect(grouped.has(f.id)).toBe(expected);
        }
      }),
    );
  });

  it('does not depend on the order of the findings (property)', () => {
    fc.assert(
      fc.property(
        findingsArb.chain((fs) =>
          fc.tuple(fc.constant(fs), fc.shuffledSubarray(fs, { minLength: fs.length, maxLength: fs.length })),
        ),
        ([fs, shuffled]) => {
          expect(groupCommonProblems(shuffled)).toEqual(groupCommonProblems(fs));
        },
      ),
    );
  });

  it('lists the largest groups first', () => {
    fc.assert(
      fc.property(findingsArb, (fs) => {
        const groups = groupCommonProblems(fs);
        for (let i = 1; i < groups.length; i++) {
          const a = groups[i - 1]!;
          const b = groups[i]!;
          expect(a.findings > b.findings || (a.findings === b.findings && a.organizations >= b.organizations)).toBe(
            true,
          );
        }
      }),
    );
  });
});

describe('groupableFinding', () => {
  const f = { id: 'f1', inspectionId: 'i1', orgId: 'o1', sector: '政法', taxonomyNodeId: 'sgls-1-02', common: true };
  it('takes the type-level node of the finding’s classification', () => {
    expect(groupableFinding(f, DEFAULT_TAXONOMY, 'target')).toEqual({
      id: 'f1',
      inspectionId: 'i1',
      orgId: 'o1',
      sector: '政法',
      taxonomyTypeId: 'sgls-1-02',
      common: true,
    });
  });
  it('has no type for a finding classified only to an aspect, or not at all', () => {
    expect(groupableFinding({ ...f, taxonomyNodeId: 'sgls-1' }, DEFAULT_TAXONOMY, 'target').taxonomyTypeId).toBeNull();
    expect(groupableFinding({ ...f, taxonomyNodeId: null }, DEFAULT_TAXONOMY, 'target').taxonomyTypeId).toBeNull();
  });
  it('falls back on the inspection’s target for a finding naming no organization', () => {
    expect(groupableFinding({ ...f, orgId: null }, DEFAULT_TAXONOMY, 'target').orgId).toBe('target');
  });
});

describe('candidateTotals', () => {
  it('counts groups, findings and distinct organizations by sector and by type', () => {
    const groups = groupCommonProblems([
      finding('a', 'o1', '政法', 't1'),
      finding('b', 'o2', '政法', 't1'),
      finding('c', 'o1', '政法', 't2'),
      finding('d', 'o3', '政法', 't2'),
      finding('e', 'o4', '交通', 't1', true),
    ]);
    const t = candidateTotals(groups);
    expect(t.bySector).toEqual([
      { sector: '政法', groups: 2, findings: 4, organizations: 3 },
      { sector: '交通', groups: 1, findings: 1, organizations: 1 },
    ]);
    expect(t.byType).toEqual([
      { taxonomyTypeId: 't1', groups: 2, findings: 3, organizations: 3 },
      { taxonomyTypeId: 't2', groups: 1, findings: 2, organizations: 2 },
    ]);
  });

  it('adds up to the groups (property)', () => {
    fc.assert(
      fc.property(findingsArb, (fs) => {
        const groups = groupCommonProblems(fs);
        const t = candidateTotals(groups);
        const total = groups.reduce((a, g) => a + g.findings, 0);
        expect(t.bySector.reduce((a, s) => a + s.findings, 0)).toBe(total);
        expect(t.byType.reduce((a, s) => a + s.findings, 0)).toBe(total);
        expect(t.bySector.reduce((a, s) => a + s.groups, 0)).toBe(groups.length);
      }),
    );
  });
});

describe('findingConflicts', () => {
  const confirmed = [
    { id: 'p1', name: '公职人员参与民间借贷和非法集资', findingIds: ['a', 'b'] },
    { id: 'p2', name: '黑车非法营运', findingIds: ['c'] },
  ];
  it('names the problem a finding already belongs to', () => {
    expect(findingConflicts(confirmed, ['b', 'c', 'd'])).toEqual([
      { findingId: 'b', problemId: 'p1', problemName: '公职人员参与民间借贷和非法集资' },
      { findingId: 'c', problemId: 'p2', problemName: '黑车非法营运' },
    ]);
  });
  it('ignores the problem being edited', () => {
    expect(findingConflicts(confirmed, ['a', 'b'], 'p1')).toEqual([]);
  });
});
