import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  creditCodeValid,
  endDateProblem,
  existedDuring,
  mergeProblem,
  wouldCreateCycle,
} from './rules.ts';

/**
 * An independent reading of GB 32100-2015 §5: 31 code characters (no I, O, S, V, Z), weights 3^i
 * mod 31, check = 31 − (Σ mod 31), with 31 written as 0.
 */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});
function referenceCheckChar(first17: string): string {
  const sum = [...first17].reduce((acc, c, i) => acc + CHARS.indexOf(c) * WEIGHTS[i]!, 0);
  const c = 31 - (sum % 31);
  return CHARS[c === 31 ? 0 : c]!;
}

const codeChar = fc.constantFrom(...CHARS);
const first17 = fc.array(codeChar, { minLength: 17, maxLength: 17 }).map((a) => a.join(''));
const validCode = first17.map((f) => f + referenceCheckChar(f));

describe('creditCodeCheckChar / creditCodeValid', () => {
  it('uses the weights of the standard', () => {
    expect(WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
    expect(CHARS).toHaveLength(31);
  });

  it.each([
    '91350100M000100Y43',
    '91110000600037341L',
    '914403001922038216',
    '91440300708461136T',
    '91330100716105852F',
    '91110108551385082Q',
    '12100000400000624D',
  ])('accepts the published code %s', (code) => {
    expect(referenceCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(creditCodeValid(code)).toBe(true);
  });

  it('computes the check character of a code with all-zero region and body', () => {
    expect(creditCodeCheckChar('91110000100000000')).toBe('R');
    expect(creditCodeValid('911100001000000000')).toBe(false);
    expect(creditCodeValid('91110000100000000R')).toBe(true);
  });

  it('writes a remainder of 0 as the character 0', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(creditCodeValid('000000000000000000')).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['9135010', 'too short'],
    ['9135010000000000', 'sixteen characters'],
    ['913501000000000000', 'eighteen characters'],
    ['91350100m000100Y4', 'lower case'],
    ['91350100I000100Y4', 'the excluded letter I'],
    ['91350100O000100Y4', 'the excluded letter O'],
    ['91350100S000100Y4', 'the excluded letter S'],
    ['91350100V000100Y4', 'the excluded letter V'],
    ['91350100Z000100Y4', 'the excluded letter Z'],
    ['９1350100M000100Y4', 'a full-width digit'],
  ])('has no check character for %j (%s)', (input) => {
    expect(creditCodeCheckChar(input)).toBeNull();
  });

  it.each([
    '91350100M000100Y4',
    '91350100M000100Y433',
    '91350100m000100y43',
    ' 91350100M000100Y43',
    '91350100M000100Y4O',
    '91350100M000100Y4I',
    '９１３５０１００Ｍ０００１００Ｙ４３',
    '',
  ])('rejects %j', (code) => {
    expect(creditCodeValid(code)).toBe(false);
  });

  it('agrees with the reference for any 17 code characters', () => {
    fc.assert(fc.property(first17, (f) => creditCodeCheckChar(f) === referenceCheckChar(f)));
  });

  it('detects any single substituted character of a valid code', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), codeChar, (code, i, c) => {
        fc.pre(code[i] !== c);
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(creditCodeValid(code)).toBe(true);
        expect(creditCodeValid(changed)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('detects any swap of two adjacent different characters in the first 17', () => {
    fc.assert(
      fc.property(validCode, fc.nat(15), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(creditCodeValid(swapped)).toBe(false);
      }),
    );
  });

  it('has no check character for any input that is not 17 code characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        fc.pre(!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(s));
        expect(creditCodeCheckChar(s)).toBeNull();
      }),
    );
  });
});

/** A forest as a parent map: node i's parent is a node before it, so the start is always acyclic. */
const forest = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc
      .array(fc.option(fc.nat(), { nil: null }), { minLength: n, maxLength: n })
      .map((raw) => raw.map((r, i) => (r === null || i === 0 ? null : `n${r % i}`))),
  ),
);

function parentMap(parents: (string | null)[]): Map<string, string | null> {
  return new Map(parents.map((p, i) => [`n${i}`, p]));
}

/** Ancestors of a node including itself, failing the test on a cycle. */
function chain(map: Map<string, string | null>, id: string): string[] {
  const out: string[] = [];
  let cur: string | null = id;
  while (cur !== null) {
    if (out.includes(cur)) throw new Error(`cycle through ${cur}`);
    out.push(cur);
    cur = map.get(cur) ?? null;
  }
  return out;
}

describe('wouldCreateCycle', () => {
  //   a
  //  / \
  // b   c
  // |
  // d
  const tree = new Map<string, string | null>([
    ['a', null],
    ['b', 'a'],
    ['c', 'a'],
    ['d', 'b'],
  ]);
  const parentOf = (id: string) => tree.get(id) ?? null;

  it('refuses a node as its own parent', () => {
    expect(wouldCreateCycle('b', 'b', parentOf)).toBe(true);
  });

  it('refuses a descendant as the new parent', () => {
    expect(wouldCreateCycle('a', 'b', parentOf)).toBe(true);
    expect(wouldCreateCycle('a', 'd', parentOf)).toBe(true);
    expect(wouldCreateCycle('b', 'd', parentOf)).toBe(true);
  });

  it('allows a sibling, a cousin, an ancestor or the root level', () => {
    expect(wouldCreateCycle('c', 'b', parentOf)).toBe(false);
    expect(wouldCreateCycle('c', 'd', parentOf)).toBe(false);
    expect(wouldCreateCycle('d', 'a', parentOf)).toBe(false);
    expect(wouldCreateCycle('d', null, parentOf)).toBe(false);
    expect(wouldCreateCycle('a', null, parentOf)).toBe(false);
  });

  it('terminates and refuses when the stored data already has a cycle above the new parent', () => {
    const broken = new Map<string, string | null>([
      ['x', 'y'],
      ['y', 'x'],
      ['z', null],
    ]);
    expect(wouldCreateCycle('z', 'x', (id) => broken.get(id) ?? null)).toBe(true);
  });

  it('answers true exactly when the node is the new parent or one of its ancestors', () => {
    fc.assert(
      fc.property(forest, fc.nat(), fc.option(fc.nat(), { nil: null }), ([n, parents], a, b) => {
        const map = parentMap(parents);
        const id = `n${a % n}`;
        const parentId = b === null ? null : `n${b % n}`;
        const expected = parentId !== null && chain(map, parentId).includes(id);
        expect(wouldCreateCycle(id, parentId, (x) => map.get(x) ?? null)).toBe(expected);
      }),
    );
  });

  it('keeps a forest a forest under any sequence of accepted re-parentings', () => {
    fc.assert(
      fc.property(
        forest,
        fc.array(fc.tuple(fc.nat(), fc.option(fc.nat(), { nil: null })), { maxLength: 40 }),
        ([n, parents], moves) => {
          const map = parentMap(parents);
          for (const [a, b] of moves) {
            const id = `n${a % n}`;
            const parentId = b === null ? null : `n${b % n}`;
            if (!wouldCreateCycle(id, parentId, (x) => map.get(x) ?? null)) map.set(id, parentId);
          }
          // Walking parents from any node ends at a root within n steps.
          for (const id of map.keys()) expect(chain(map, id).length).toBeLessThanOrEqual(n);
        },
      ),
    );
  });
});

describe('endDateProblem', () => {
  const active = { status: 'active', establishedOn: '2010-05-01', abolishedOn: null };
  const today = '2025-03-10';

  it('accepts a date between establishment and today, both ends included', () => {
    expect(endDateProblem(active, '2020-01-01', today)).toBeNull();
    expect(endDateProblem(active, '2010-05-01', today)).toBeNull();
    expect(endDateProblem(active, today, today)).toBeNull();
  });

  it('refuses a date before establishment', () => {
    expect(endDateProblem(active, '2010-04-30', today)).toBe('日期不能早于该单位的成立日期');
  });

  it('refuses a date after today', () => {
    expect(endDateProblem(active, '2025-03-11', today)).toBe('日期不能晚于今天');
  });

  it('accepts any past date when the establishment date is unknown', () => {
    expect(endDateProblem({ ...active, establishedOn: null }, '1950-01-01', today)).toBeNull();
  });

  it.each(['merged', 'abolished'])('refuses any date for a %s organization', (status) => {
    expect(endDateProblem({ ...active, status, abolishedOn: '2024-01-01' }, '2024-06-01', today)).toBe(
      '该单位已合并或撤销，不能再次操作',
    );
  });
});

describe('existedDuring', () => {
  const org = { establishedOn: '2018-01-01', abolishedOn: '2021-06-30' };

  it('includes both ends of its life and of the period', () => {
    expect(existedDuring(org, '2021-06-30', '2026-12-31')).toBe(true);
    expect(existedDuring(org, '2016-01-01', '2018-01-01')).toBe(true);
  });

  it('excludes a period ending the day before establishment or starting the day after abolition', () => {
    expect(existedDuring(org, '2016-01-01', '2017-12-31')).toBe(false);
    expect(existedDuring(org, '2021-07-01', '2026-12-31')).toBe(false);
  });

  it('treats unknown dates as open ends', () => {
    expect(existedDuring({ establishedOn: null, abolishedOn: null }, '2000-01-01', '2000-01-01')).toBe(true);
    expect(existedDuring({ establishedOn: null, abolishedOn: '2019-01-01' }, '2016-01-01', '2021-12-31')).toBe(true);
    expect(existedDuring({ establishedOn: '2019-01-01', abolishedOn: null }, '2016-01-01', '2021-12-31')).toBe(true);
  });

  it('is true exactly when the life and the period overlap', () => {
    const day = fc.integer({ min: 0, max: 4000 });
    const iso = (d: number) => new Date(Date.UTC(2015, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.option(day, { nil: null }), fc.option(day, { nil: null }), day, day, (est, abol, x, y) => {
        fc.pre(est === null || abol === null || est <= abol);
        const [from, to] = x <= y ? [x, y] : [y, x];
        const life = { establishedOn: est === null ? null : iso(est), abolishedOn: abol === null ? null : iso(abol) };
        const overlaps = (est ?? -Infinity) <= to && (abol ?? Infinity) >= from;
        expect(existedDuring(life, iso(from), iso(to))).toBe(overlaps);
      }),
    );
  });
});

describe('mergeProblem', () => {
  const into = { id: 'b', status: 'active', authorityId: 'city' };

  it('accepts an active organization of the same authority that is not below', () => {
    expect(mergeProblem('a', into, 'city', false)).toBeNull();
  });

  it('refuses a missing target', () => {
    expect(mergeProblem('a', null, 'city', false)).toBe('合并目标单位不存在');
  });

  it('refuses merging into itself', () => {
    expect(mergeProblem('b', into, 'city', false)).toBe('不能合并到本单位');
  });

  it.each(['merged', 'abolished'])('refuses a %s target', (status) => {
    expect(mergeProblem('a', { ...into, status }, 'city', false)).toBe('合并目标单位已合并或撤销');
  });

  it('refuses a target of another authority', () => {
    expect(mergeProblem('a', into, 'county', false)).toBe('只能合并到同一巡察机构管辖的单位');
  });

  it('refuses a descendant', () => {
    expect(mergeProblem('a', into, 'city', true)).toBe('不能合并到本单位的下级单位');
  });

  it('reports the first problem in a fixed order', () => {
    expect(mergeProblem('b', { ...into, status: 'merged' }, 'county', true)).toBe('不能合并到本单位');
    expect(mergeProblem('a', { ...into, status: 'merged' }, 'county', true)).toBe('合并目标单位已合并或撤销');
    expect(mergeProblem('a', into, 'county', true)).toBe('只能合并到同一巡察机构管辖的单位');
  });
});
