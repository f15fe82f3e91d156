import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeIdNo } from './idno.ts';
import {
  formatCents,
  matchKey,
  normalizeName,
  parseAmount,
  parseDate,
  parseInvoiceNo,
  parsePeriod,
  parseQuantity,
} from './values.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }) => (r.ok ? r.value : null);

describe('parseDate', () => {
  it('reads every usual way of writing 5 March 2024', () => {
    for (const s of [
      '2024-03-05',
      '2024-3-5',
      '2024/03/05',
      '2024/3/5',
      '2024.3.5',
      '2024.03.05',
      '2024年3月5日',
      '2024年03月05日',
      '2024 年 3 月 5 日',
      '2024年3月5',
      '20240305',
      '２０２４－０３－０５',
      '２０２４年３月５日',
      '2024-03-05 10:20:30',
      '2024/3/5 9:05',
      '2024-03-05T10:20:30.123',
      ' 2024-03-05\u200B ',
      '45356',
      '45356.4375',
    ])
      expect(value(parseDate(s)), s).toBe('2024-03-05');
  });

  it('follows the 1900 date system of Excel, leap-year bug included', () => {
    expect(value(parseDate('1'))).toBe('1900-01-01');
    expect(value(parseDate('59'))).toBe('1900-02-28');
    expect(parseDate('60')).toMatchObject({ ok: false, reason: expect.stringMatching(/1900年2月29日/) });
    expect(value(parseDate('61'))).toBe('1900-03-01');
    expect(value(parseDate('36526'))).toBe('2000-01-01');
    expect(value(parseDate('73050'))).toBe('2099-12-31');
    expect(parseDate('73051').ok).toBe(false);
    expect(parseDate('9999999')).toMatchObject({ ok: false, reason: expect.stringMatching(/超出/) });
    expect(parseDate('0').ok).toBe(false);
  });

  it('refuses days that do not exist and text that is not a date, saying why', () => {
    for (const s of ['2024-02-30', '2023-02-29', '2024-13-01', '2024/04/31', '20240230', '2024年2月30日'])
      expect(parseDate(s)).toMatchObject({ ok: false, reason: expect.stringMatching(/不存在/) });
    expect(value(parseDate('2024-02-29'))).toBe('2024-02-29');
    expect(parseDate('')).toMatchObject({ ok: false, reason: '日期为空' });
    expect(parseDate('202403')).toMatchObject({ ok: false, reason: expect.stringMatching(/年月/) });
    expect(parseDate('2024-03')).toMatchObject({ ok: false, reason: expect.stringMatching(/缺少日/) });
    expect(parseDate('2024年3月')).toMatchObject({ ok: false, reason: expect.stringMatching(/缺少日/) });
    expect(parseDate('1899-12-31')).toMatchObject({ ok: false, reason: expect.stringMatching(/超出/) });
    for (const s of ['2024-03/05', '24-3-5', '三月五日', 'abc', '2024-03-05Z', '12345678901'])
      expect(parseDate(s).ok, s).toBe(false);
  });

  it('turns any real day written in any supported format back into itself', () => {
    const day = fc.date({
      min: new Date('1900-03-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, fc.constantFrom('-', '/', '.', '年', '', 'serial'), fc.boolean(), (d, sep, pad) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, dd] = iso.split('-') as [string, string, string];
        const mm = pad ? m : String(Number(m));
        const ddd = pad ? dd : String(Number(dd));
        const s =
          sep === 'serial'
            ? String(Math.floor((d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000))
            : sep === '年'
              ? `${y}年${mm}月${ddd}日`
              : sep === ''
                ? `${y}${m}${dd}`
                : `${y}${sep}${mm}${sep}${ddd}`;
        expect(value(parseDate(s))).toBe(iso);
      }),
    );
  });
});

describe('parsePeriod', () => {
  it('reads periods as offices write them', () => {
    for (const s of [
      '202403',
      '2024-03',
      '2024-3',
      '2024/3',
      '2024.03',
      '2024年3月',
      '2024年03月',
      '2024年3月份',
      '2024-03-01',
      '2024年3月5日',
      '２０２４０３',
    ])
      expect(value(parsePeriod(s)), s).toBe('2024-03');
  });
  it('refuses months that do not exist', () => {
    expect(parsePeriod('202413').ok).toBe(false);
    expect(parsePeriod('2024-00').ok).toBe(false);
    expect(parsePeriod('').ok).toBe(false);
    expect(parsePeriod('三月').ok).toBe(false);
    expect(parsePeriod('189912').ok).toBe(false);
  });
});

describe('parseAmount', () => {
  it('reads amounts as exact 分', () => {
    const cases: [string, number][] = [
      ['1,234.50', 123450],
      ['1234.5', 123450],
      ['1234', 123400],
      ['0.01', 1],
      ['¥1,234.56', 123456],
      ['￥１２３', 12300],
      ['123元', 12300],
      ['RMB 88.8', 8880],
      ['人民币100', 10000],
      ['-50.25', -5025],
      ['−50.25', -5025],
      ['(1,000.00)', -100000],
      ['（1,000.00）', -100000],
      ['+7', 700],
      ['1.5万', 1500000],
      ['1.234567万元', 1234567],
      ['12.500', 1250],
      ['0', 0],
      ['-0', 0],
      [' 3 000 ', 300000],
      ['90071992547409.91', 9007199254740991],
    ];
    for (const [s, cents] of cases) expect(value(parseAmount(s)), s).toBe(cents);
  });

  it('refuses what is not an amount of money, saying why', () => {
    expect(parseAmount('')).toMatchObject({ ok: false, reason: '金额为空' });
    expect(parseAmount('12.345')).toMatchObject({ ok: false, reason: expect.stringMatching(/两位小数/) });
    expect(parseAmount('1.2345678万')).toMatchObject({ ok: false, reason: expect.stringMatching(/两位小数/) });
    expect(parseAmount('壹佰元整')).toMatchObject({ ok: false, reason: expect.stringMatching(/大写/) });
    expect(parseAmount('90071992547409.92')).toMatchObject({ ok: false, reason: expect.stringMatching(/范围/) });
    for (const s of ['1,23', '1e5', 'abc', '12..5', '--5', '(-5)', '5-', '.5'])
      expect(parseAmount(s).ok, s).toBe(false);
  });

  it('round-trips every amount in 分 through its 元 text, with and without separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        const text = formatCents(cents);
        expect(value(parseAmount(text))).toBe(cents);
        const [int, frac] = text.replace('-', '').split('.') as [string, string];
        const grouped = `${cents < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+$)/g, ',')}.${frac}`;
        expect(value(parseAmount(`¥${grouped}元`))).toBe(cents);
      }),
    );
  });
});

describe('parseQuantity', () => {
  it('keeps quantities exact', () => {
    expect(value(parseQuantity('12.50'))).toBe('12.5');
    expect(value(parseQuantity('1,200'))).toBe('1200');
    expect(value(parseQuantity('-3'))).toBe('-3');
    expect(value(parseQuantity('０.２５'))).toBe('0.25');
    expect(value(parseQuantity('007'))).toBe('7');
    expect(value(parseQuantity('-0'))).toBe('0');
    expect(parseQuantity('5盒').ok).toBe(false);
    expect(parseQuantity('0.00001').ok).toBe(false);
    expect(parseQuantity('').ok).toBe(false);
  });
});

describe('names and text keys', () => {
  it('compares Chinese names without spaces and with one kind of middle dot', () => {
    expect(normalizeName(' 王 小明 ')).toBe('王小明');
    expect(normalizeName('王\u3000小明')).toBe('王小明');
    expect(normalizeName('阿卜杜拉•买买提')).toBe('阿卜杜拉·买买提');
    expect(normalizeName('阿卜杜拉・买买提')).toBe('阿卜杜拉·买买提');
    expect(normalizeName('阿卜杜拉．买买提')).toBe('阿卜杜拉·买买提');
    expect(normalizeName('张\u200B三')).toBe('张三');
    expect(normalizeName('ｚｈａｎｇ')).toBe('ZHANG');
  });
  it('keeps one space between the parts of a Latin name', () => {
    expect(normalizeName('  John   Smith ')).toBe('JOHN SMITH');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = normalizeName(s);
        expect(normalizeName(n)).toBe(n);
      }),
    );
  });
  it('groups free text whatever its width, case and spacing', () => {
    expect(matchKey('城乡 低保')).toBe(matchKey('城乡低保'));
    expect(matchKey('注射器 5ml')).toBe(matchKey('注射器５ＭＬ'));
    expect(matchKey('（甲类）')).toBe(matchKey('(甲类)'));
  });
});

describe('every reader', () => {
  it('answers a value or a reason for any text, and never throws', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.stringMatching(/^[0-9.,¥元万\-+()Ee年月日/ ]{1,14}$/),
    );
    fc.assert(
      fc.property(text, (s) => {
        for (const r of [
          parseDate(s),
          parsePeriod(s),
          parseAmount(s),
          parseQuantity(s),
          parseInvoiceNo(s),
          normalizeIdNo(s),
        ])
          expect(r.ok ? 'value' in r : typeof r.reason === 'string' && r.reason.length > 0).toBe(true);
        expect(typeof normalizeName(s)).toBe('string');
        expect(typeof matchKey(s)).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads invoice numbers as their digits', () => {
    expect(parseInvoiceNo(' 00012345 ')).toEqual({ ok: true, value: '00012345' });
    expect(parseInvoiceNo('No.00012345')).toEqual({ ok: true, value: '00012345' });
    expect(parseInvoiceNo("'24442000000123456789")).toEqual({ ok: true, value: '24442000000123456789' });
    expect(parseInvoiceNo('A123').ok).toBe(false);
    expect(parseInvoiceNo('').ok).toBe(false);
  });
});
