import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bulletinSequences,
  catalogueNumbers,
  formatBulletinNumber,
  formatCatalogueNumber,
  nextNumber,
  parseBulletinNumber,
  parseCatalogueNumber,
} from './numbering.ts';

const seqs = fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 40 });

describe('nextNumber', () => {
  it('starts at 1, fills the first hole, else continues after the highest', () => {
    expect(nextNumber([])).toBe(1);
    expect(nextNumber([1, 2, 3])).toBe(4);
    expect(nextNumber([1, 3, 4])).toBe(2);
    expect(nextNumber([2, 3])).toBe(1);
    expect(nextNumber([3, 1, 1, 2])).toBe(4);
  });

  it('refuses what is not a sequence number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => nextNumber([1, bad])).toThrow(RangeError);
  });

  it('is never a number in use and never leaves a hole below it (property)', () => {
    fc.assert(
      fc.property(seqs, (used) => {
        const n = nextNumber(used);
        expect(used).not.toContain(n);
        for (let k = 1; k < n; k++) expect(used).toContain(k);
      }),
    );
  });

  it('numbers 1…k without gaps when used again and again, whatever numbers are freed (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('take' as const), fc.nat({ max: 30 })), { maxLength: 60 }), (ops) => {
        const used = new Set<number>();
        for (const op of ops) {
          if (op === 'take') used.add(nextNumber(used));
          else used.delete(op);
        }
        // After taking as many numbers as were freed, the set is 1…n again.
        const holes = used.size === 0 ? 0 : Math.max(...used) - used.size;
        for (let i = 0; i < holes; i++) used.add(nextNumber(used));
        expect([...used].sort((a, b) => a - b)).toEqual(Array.from({ length: used.size }, (_, i) => i + 1));
      }),
    );
  });
});

describe('bulletin numbers', () => {
  it('are written as GB/T 9704 writes a 发文字号', () => {
    expect(formatBulletinNumber('赣巡办', 2026, 3)).toBe('赣巡办〔2026〕3号');
    expect(formatBulletinNumber('赣市巡办', 2026, 12)).toBe('赣市巡办〔2026〕12号');
  });

  it('refuse a bad prefix, year or sequence', () => {
    expect(() => formatBulletinNumber('', 2026, 1)).toThrow(RangeError);
    expect(() => formatBulletinNumber('赣巡办〔', 2026, 1)).toThrow(RangeError);
    expect(() => formatBulletinNumber('巡办2', 2026, 1)).toThrow(RangeError);
    expect(() => formatBulletinNumber('赣巡办', 26, 1)).toThrow(RangeError);
    expect(() => formatBulletinNumber('赣巡办', 2026, 0)).toThrow(RangeError);
  });

  it('parse back (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('赣巡办', '赣市巡办', '南康区巡办', '巡察办'),
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 100_000 }),
        (prefix, year, n) => {
          expect(parseBulletinNumber(formatBulletinNumber(prefix, year, n))).toEqual({ prefix, year, n });
        },
      ),
    );
    expect(parseBulletinNumber('赣巡办〔2026〕03号')).toBeNull();
    expect(parseBulletinNumber('赣巡办[2026]3号')).toBeNull();
  });

  it('count per prefix and year', () => {
    const numbers = ['赣巡办〔2026〕1号', '赣巡办〔2026〕2号', '赣巡办〔2025〕7号', '于巡办〔2026〕4号', '其他'];
    expect(bulletinSequences(numbers, '赣巡办', 2026)).toEqual([1, 2]);
    expect(nextNumber(bulletinSequences(numbers, '赣巡办', 2026))).toBe(3);
    expect(nextNumber(bulletinSequences(numbers, '赣巡办', 2027))).toBe(1);
  });
});

describe('catalogue numbers', () => {
  const scope = { fonds: 'X001', year: 2026, category: 'WS' };

  it('are 全宗号-年度-类别-件号 with a four-digit 件号', () => {
    expect(formatCatalogueNumber(scope, 7)).toBe('X001-2026-WS-0007');
    expect(formatCatalogueNumber(scope, 12345)).toBe('X001-2026-WS-12345');
    expect(parseCatalogueNumber('X001-2026-WS-0007')).toEqual({ ...scope, seq: 7 });
    expect(parseCatalogueNumber('X001-2026-WS-0000')).toBeNull();
    expect(parseCatalogueNumber('X001-2026-WS-7')).toBeNull();
    expect(() => formatCatalogueNumber({ ...scope, fonds: 'X-1' }, 1)).toThrow(RangeError);
  });

  it('continue the scope, ignore other scopes, and fill a hole first', () => {
    const existing = ['X001-2026-WS-0001', 'X001-2026-WS-0003', 'X001-2026-YW-0002', 'X001-2025-WS-0002', 'junk'];
    expect(catalogueNumbers(existing, [{ id: 'a' }, { id: 'b' }, { id: 'c' }], scope)).toEqual([
      { id: 'a', seq: 2, number: 'X001-2026-WS-0002' },
      { id: 'b', seq: 4, number: 'X001-2026-WS-0004' },
      { id: 'c', seq: 5, number: 'X001-2026-WS-0005' },
    ]);
  });

  it('refuse an item given twice', () => {
    expect(() => catalogueNumbers([], [{ id: 'a' }, { id: 'a' }], scope)).toThrow(/重复/);
  });

  it('leave no gaps, no duplicates, and follow the order of the items (property)', () => {
    fc.assert(
      fc.property(seqs, fc.integer({ min: 0, max: 30 }), (used, count) => {
        const existing = used.map((n) => formatCatalogueNumber(scope, n));
        const items = Array.from({ length: count }, (_, i) => ({ id: `n${i}` }));
        const out = catalogueNumbers(existing, items, scope);
        const all = [...used, ...out.map((o) => o.seq)];
        expect(new Set(all).size).toBe(all.length);
        expect(out.map((o) => o.id)).toEqual(items.map((i) => i.id));
        for (let i = 1; i < out.length; i++) expect(out[i]!.seq).toBeGreaterThan(out[i - 1]!.seq);
        for (const o of out) expect(parseCatalogueNumber(o.number)).toEqual({ ...scope, seq: o.seq });
        // Enough new items close every hole: the scope is then exactly 1…n.
        const holes = used.length === 0 ? 0 : Math.max(...used) - used.length;
        if (count >= holes) expect([...all].sort((a, b) => a - b)).toEqual(all.map((_, i) => i + 1));
        // The same input gives the same numbers.
        expect(catalogueNumbers(existing, items, scope)).toEqual(out);
      }),
    );
  });
});
