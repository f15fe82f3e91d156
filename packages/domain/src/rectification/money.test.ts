import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEN_PER_WAN_CENT, formatWan, parseWan, sumWan, wanProblem } from './money.ts';

const cents = fc.bigInt({ min: 0n, max: 999_999_999_999n });

describe('parseWan / formatWan', () => {
  it.each([
    ['0', 0n],
    ['0.5', 50n],
    ['0.05', 5n],
    ['7', 700n],
    ['123.45', 12345n],
    ['123.4', 12340n],
    ['9999999999.99', 999_999_999_999n],
  ])('reads %s as %s hundredths of a 万元', (s, n) => {
    expect(parseWan(s)).toBe(n);
  });

  it('formats with two decimals', () => {
    expect(formatWan(0n)).toBe('0.00');
    expect(formatWan(5n)).toBe('0.05');
    expect(formatWan(12345n)).toBe('123.45');
    expect(formatWan(100n)).toBe('1.00');
    expect(formatWan(-50n)).toBe('-0.50');
    expect(formatWan(-12345n)).toBe('-123.45');
  });

  it.each([
    ['', '金额不能为空'],
    ['-1', '金额不能为负数'],
    ['1.234', '金额最多保留两位小数（万元）'],
    ['1e3', '金额应为数字，单位万元，如 123.45'],
    [' 1', '金额应为数字，单位万元，如 123.45'],
    ['1,000', '金额应为数字，单位万元，如 123.45'],
    ['+1', '金额应为数字，单位万元，如 123.45'],
    ['.5', '金额应为数字，单位万元，如 123.45'],
    ['1.', '金额应为数字，单位万元，如 123.45'],
    ['１２', '金额应为数字，单位万元，如 123.45'],
    ['007', '金额的整数部分不能以0开头'],
    ['10000000000', '金额超出可登记的范围'],
  ])('refuses %j', (s, message) => {
    expect(wanProblem(s)).toBe(message);
    expect(() => parseWan(s)).toThrow(RangeError);
  });

  it('names the field in its messages', () => {
    expect(wanProblem('-3', '挽回经济损失')).toBe('挽回经济损失不能为负数');
  });

  it('round-trips every amount (property)', () => {
    fc.assert(
      fc.property(cents, (n) => {
        const s = formatWan(n);
        expect(wanProblem(s)).toBeNull();
        expect(parseWan(s)).toBe(n);
        expect(s).toMatch(/^\d+\.\d{2}$/);
      }),
    );
  });

  it('reads a one-decimal or whole amount as its two-decimal form (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 9_999_999_999n }), fc.integer({ min: 0, max: 9 }), (w, d) => {
        expect(parseWan(`${w}`)).toBe(w * 100n);
        expect(parseWan(`${w}.${d}`)).toBe(w * 100n + BigInt(d * 10));
        expect(formatWan(parseWan(`${w}.${d}`))).toBe(`${w}.${d}0`);
      }),
    );
  });
});

describe('sumWan', () => {
  it('sums exactly where floating point would not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumWan(['0.1', '0.2'])).toBe('0.30');
    expect(sumWan(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
    expect(sumWan([])).toBe('0.00');
    expect(sumWan(['9999999999.99', '9999999999.99'])).toBe('19999999999.98');
  });

  it('never loses a cent against integer cents (property)', () => {
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 200 }), (ns) => {
        const total = ns.reduce((a, b) => a + b, 0n);
        expect(sumWan(ns.map(formatWan))).toBe(formatWan(total));
      }),
    );
  });

  it('converts to 分 for storage', () => {
    expect(parseWan('1.00') * FEN_PER_WAN_CENT).toBe(1_000_000n);
    expect(parseWan('0.01') * FEN_PER_WAN_CENT).toBe(10_000n);
  });
});
