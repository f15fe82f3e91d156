import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseNumeral } from '../planning/schemas.ts';
import {
  DEFAULT_PAPER_NUMBER_PATTERN,
  formatPaperNumber,
  ordinalInName,
  PAPER_SEQ_SCOPES,
  paperNumberPatternProblem,
  paperSeqGaps,
  paperSeqScopeKey,
  type TPaperNumberValues,
} from './numbering.ts';
import { ZPaperNumberSettings } from './schemas.ts';

const v = (over: Partial<TPaperNumberValues> = {}): TPaperNumberValues => ({
  year: 2026,
  term: 7,
  round: 1,
  team: 2,
  seq: 7,
  ...over,
});

describe('paper numbers', () => {
  it('render the default as [2026]七届1轮-2组-07号', () => {
    expect(DEFAULT_PAPER_NUMBER_PATTERN).toBe('[{year}]{term:cn}届{round}轮-{team}组-{seq:2}号');
    expect(formatPaperNumber(DEFAULT_PAPER_NUMBER_PATTERN, v())).toBe('[2026]七届1轮-2组-07号');
    expect(formatPaperNumber(DEFAULT_PAPER_NUMBER_PATTERN, v({ term: 11, round: 14, seq: 123 }))).toBe(
      '[2026]十一届14轮-2组-123号',
    );
    expect(paperNumberPatternProblem(DEFAULT_PAPER_NUMBER_PATTERN)).toBeNull();
  });

  it('render the example of domain.md and other office styles', () => {
    expect(formatPaperNumber('[{year}]{round}巡-{team}组-{seq:2}号', v({ year: 2025, round: 3 }))).toBe(
      '[2025]3巡-2组-07号',
    );
    expect(formatPaperNumber('赣市巡底〔{year}〕{seq:3}号', v())).toBe('赣市巡底〔2026〕007号');
    expect(formatPaperNumber('第{round:cn}轮第{team:cn}组底稿第{seq}号', v({ round: 11 }))).toBe(
      '第十一轮第二组底稿第7号',
    );
    expect(paperNumberPatternProblem('赣市巡底〔{year}〕{seq:3}号', 'authorityYear')).toBeNull();
  });

  it.each([
    ['', '不能为空'],
    ['{year}{round}{team}', '须包含顺序号'],
    ['{year}-{round}-{team}-{seq}-{seq}', '只能包含一个顺序号'],
    ['{year}-{round}-{team}-{no}', '无法识别的编号项{no}'],
    ['{year}-{round}-{team}-{seq:9}', '无法识别的编号项{seq:9}'],
    ['{year:cn}-{round}-{team}-{seq}', '年份{year}不能指定格式'],
    ['{year}-{round}-{team}-{seq', '缺少对应的“}”'],
    ['{year}}-{round}-{team}-{seq}', '缺少“{”'],
    ['{year}-{round}{team}-{seq}', '须有分隔文字'],
    ['{year}-{team}-{seq}', '须包含{round}和{team}'],
    ['{round}-{team}-{seq}', '以及{term}或{year}'],
  ])('refuse %j', (pattern, message) => {
    expect(paperNumberPatternProblem(pattern, 'team')).toContain(message);
  });

  it('ask an authority-wide register for the year only', () => {
    expect(paperNumberPatternProblem('底稿{seq}号', 'authorityYear')).toContain('须包含{year}');
    expect(paperNumberPatternProblem('〔{year}〕{seq}号', 'authorityYear')).toBeNull();
    expect(paperNumberPatternProblem('〔{year}〕{seq}号', 'team')).not.toBeNull();
  });

  it('refuse to render with a bad pattern or bad values', () => {
    expect(() => formatPaperNumber('{seq}{seq}', v())).toThrow(RangeError);
    expect(() => formatPaperNumber('{oops}', v())).toThrow(RangeError);
    expect(() => formatPaperNumber(DEFAULT_PAPER_NUMBER_PATTERN, v({ seq: 0 }))).toThrow(RangeError);
    expect(() => formatPaperNumber(DEFAULT_PAPER_NUMBER_PATTERN, v({ year: 26 }))).toThrow(RangeError);
    expect(() => formatPaperNumber(DEFAULT_PAPER_NUMBER_PATTERN, v({ round: 1.5 }))).toThrow(RangeError);
    expect(() => formatPaperNumber('{year}-{round}-{team}-{seq:cn}', v({ seq: 10_000 }))).toThrow('不能写成中文数字');
  });

  const literal = fc.stringMatching(/^[-[\]〔〕号组轮届巡第A-Z ]{1,4}$/);
  const token = fc.constantFrom('{year}', '{term}', '{term:cn}', '{round}', '{round:2}', '{team}', '{team:cn}');
  const seqToken = fc.constantFrom('{seq}', '{seq:2}', '{seq:3}', '{seq:cn}');
  /** Valid patterns: literal, token, literal, token … with the sequence somewhere, always separated. */
  const pattern = fc
    .tuple(fc.array(fc.tuple(token, literal), { maxLength: 5 }), seqToken, fc.nat(), literal, fc.option(literal))
    .map(([pairs, seq, at, sep, end]) => {
      const parts = pairs.map(([t, l]) => t + l);
      parts.splice(at % (parts.length + 1), 0, seq + sep);
      return (end ?? '') + parts.join('');
    });

  it('give distinct numbers to distinct sequence numbers, in every valid pattern (property)', () => {
    fc.assert(
      fc.property(
        pattern,
        fc.constantFrom(...PAPER_SEQ_SCOPES),
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 9999 }),
        (p, scope, a, b) => {
          fc.pre(a !== b && paperNumberPatternProblem(p, scope) === null);
          expect(formatPaperNumber(p, v({ seq: a }))).not.toBe(formatPaperNumber(p, v({ seq: b })));
        },
      ),
    );
  });

  it('tell teams, rounds and terms apart with the default pattern (property)', () => {
    const values = fc.record({
      year: fc.integer({ min: 2000, max: 2100 }),
      term: fc.integer({ min: 1, max: 30 }),
      round: fc.integer({ min: 1, max: 40 }),
      team: fc.integer({ min: 1, max: 30 }),
      seq: fc.integer({ min: 1, max: 500 }),
    });
    fc.assert(
      fc.property(values, values, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(formatPaperNumber(DEFAULT_PAPER_NUMBER_PATTERN, a)).not.toBe(
          formatPaperNumber(DEFAULT_PAPER_NUMBER_PATTERN, b),
        );
      }),
    );
  });

  it('settings default to the pattern and refuse a bad one in Chinese', () => {
    expect(ZPaperNumberSettings.parse({})).toEqual({ pattern: DEFAULT_PAPER_NUMBER_PATTERN, scope: 'team' });
    const r = ZPaperNumberSettings.safeParse({ pattern: '[{year}]{round}轮' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('顺序号');
    expect(ZPaperNumberSettings.safeParse({ pattern: '{year}-{seq}', scope: 'authorityYear' }).success).toBe(true);
    expect(ZPaperNumberSettings.safeParse({ pattern: '{year}-{seq}', scope: 'everywhere' }).success).toBe(false);
    expect(ZPaperNumberSettings.safeParse({ pattern: 'x'.repeat(61) }).success).toBe(false);
  });
});

describe('paper registers', () => {
  it('keep one counter per team and round, or per authority and year', () => {
    const at = { authorityId: 'a', year: 2026, roundId: 'r', teamId: 't' };
    expect(paperSeqScopeKey('team', at)).toBe('team:r:t');
    expect(paperSeqScopeKey('authorityYear', at)).toBe('year:a:2026');
    expect(paperSeqScopeKey('team', { ...at, teamId: 'u' })).not.toBe(paperSeqScopeKey('team', at));
  });

  it('find gaps and numbers given twice', () => {
    expect(paperSeqGaps([])).toEqual({ missing: [], duplicates: [] });
    expect(paperSeqGaps([3, 1, 2])).toEqual({ missing: [], duplicates: [] });
    expect(paperSeqGaps([1, 4, 4, 2])).toEqual({ missing: [3], duplicates: [4] });
  });

  it('numbers drawn one after another by concurrent writers leave no gap (property)', () => {
    // The counter protocol of paperSeqScopeKey: each writer takes last + 1 under the row lock and either
    // commits or rolls back, which returns the number. Interleavings cannot matter because the lock
    // serializes them; what is left to check is that commits and rollbacks in any order leave 1…n.
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), (commits) => {
        let last = 0;
        const kept: number[] = [];
        for (const commit of commits) {
          const n = last + 1;
          if (commit) {
            last = n;
            kept.push(n);
          }
        }
        expect(paperSeqGaps(kept)).toEqual({ missing: [], duplicates: [] });
        expect(kept.length).toBe(commits.filter(Boolean).length);
      }),
    );
  });
});

describe('ordinalInName', () => {
  it('reads the ordinal a term or team name carries, in Chinese numerals or digits', () => {
    expect(ordinalInName('五届赣州市委')).toBe(5);
    expect(ordinalInName('十一届县委')).toBe(11);
    expect(ordinalInName('第二十巡察组')).toBe(20);
    expect(ordinalInName('第一百零五轮')).toBe(105);
    expect(ordinalInName('第3组')).toBe(3);
    expect(ordinalInName('机动巡察组')).toBeNull();
    expect(ordinalInName('')).toBeNull();
  });

  it('inverts chineseNumeral for every ordinal a name may carry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => {
        expect(ordinalInName(`第${chineseNumeral(n)}巡察组`)).toBe(n);
        expect(ordinalInName(`${chineseNumeral(n)}届市委`)).toBe(n);
      }),
    );
  });
});
