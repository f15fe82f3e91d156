import { randomUUID } from 'node:crypto';
import { searchKey } from '@xc/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlindIndex, gramsOf } from './blind-index.ts';
import { memoryKeyRing } from './keys.ts';

const ring = memoryKeyRing();
const index = BlindIndex.of(ring);
const TEXT = searchKey('反映副局长陈某某长期违规使用公车办私事，节假日收受购物卡，涉及ＸＹＺ１２３公司。\n陈某某');

describe('the blind index of a search text', () => {
  it('never misses: every substring of a text may be contained in it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60, unit: fc.constantFrom(...'巡察组反映公车私用购物卡王李某xyz1%_ ') }),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const id = randomUUID();
          const cps = [...text];
          const from = a % cps.length;
          const to = from + 1 + (b % (cps.length - from));
          const needle = cps.slice(from, to).join('');
          expect(index.mayContain([{ id, filter: index.build(id, text) }], needle)).toEqual([true]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lets few others through: about 1% of rows per missing character, fewer for longer words', () => {
    const rows = Array.from({ length: 2000 }, () => {
      const id = randomUUID();
      return { id, filter: index.build(id, TEXT) };
    });
    const rate = (needle: string) => index.mayContain(rows, needle).filter(Boolean).length / rows.length;
    expect(rate('公车')).toBe(1);
    expect(rate('钟')).toBeLessThan(0.03);
    expect(rate('核电站')).toBeLessThan(0.003);
    expect(rate('xyz123')).toBe(1);
  });

  it('sets different bits for the same text in different rows, and under a different key', () => {
    const a = randomUUID();
    const b = randomUUID();
    expect(index.build(a, TEXT).equals(index.build(a, TEXT))).toBe(true);
    expect(index.build(a, TEXT).equals(index.build(b, TEXT))).toBe(false);
    expect(BlindIndex.of(memoryKeyRing()).build(a, TEXT).equals(index.build(a, TEXT))).toBe(false);
    // Its size follows the number of distinct characters and bigrams, as the ciphertext's length does.
    expect(index.build(a, TEXT).length).toBe(Math.ceil((gramsOf(TEXT, false).length * 10) / 64) * 8);
  });

  it('a row without a filter (not sealed yet) is always a candidate; an empty query matches all', () => {
    const id = randomUUID();
    expect(index.mayContain([{ id, filter: null }], '公车')).toEqual([true]);
    expect(index.mayContain([{ id, filter: index.build(id, TEXT) }], '')).toEqual([true]);
    expect(gramsOf('一二三四五六七八九十甲乙丙', true)).toHaveLength(8);
  });
});
