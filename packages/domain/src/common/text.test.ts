import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, NO_LINE_START, searchKey, textProblem, wrapText, zDate, zText } from './text.ts';

/** Messages of a failed parse, or null when it passed. */
function messages(r: { success: boolean; error?: { issues: { message: string }[] } }): string[] | null {
  return r.success ? null : (r.error?.issues.map((i) => i.message) ?? []);
}

/** Independent oracle of security.md §Input: the code points no stored text may contain. */
function isForbiddenCodePoint(cp: number): boolean {
  if (cp <= 0x1f) return cp !== 0x09 && cp !== 0x0a && cp !== 0x0d;
  if (cp >= 0x7f && cp <= 0x9f) return true;
  if (cp === 0x061c || cp === 0x200e || cp === 0x200f) return true;
  if (cp >= 0x202a && cp <= 0x202e) return true;
  if (cp >= 0x2066 && cp <= 0x2069) return true;
  return false;
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

const EXT_B = '𠀀'; // U+20000, two UTF-16 units, one code point

/** Characters that are interesting for text rules, mixed with ordinary ones. */
const nastyUnit = fc.oneof(
  fc.constantFrom(
    'a',
    'Z',
    '7',
    ' ',
    '\t',
    '\n',
    '\r',
    '\u2028',
    '\u2029',
    '\u0000',
    '\u0007',
    '\u001b',
    '\u007f',
    '\u0085',
    '\u009b',
    '\u202a',
    '\u202e',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200e',
    '\u200f',
    '\u061c',
    '\u200b',
    '\u200d',
    '\ufeff',
    '\u00ad',
    '\u0301',
    '\u0308',
    'e\u0301',
    'é',
    'Ａ',
    '１',
    '\u3000',
    '中',
    '巡',
    EXT_B,
    '\ud800',
    '\udc00',
    'K',
    '\u00a8',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const nastyString = fc.string({ unit: nastyUnit, maxLength: 12 });

describe('codePointLength', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('巡察')).toBe(2);
    expect(EXT_B.length).toBe(2);
    expect(codePointLength(EXT_B)).toBe(1);
    expect(codePointLength(`${EXT_B}a${EXT_B}`)).toBe(3);
  });

  it('equals the length of the code point array for any string', () => {
    fc.assert(fc.property(nastyString, (s) => codePointLength(s) === Array.from(s).length));
  });
});

describe('textProblem', () => {
  it('accepts ordinary Chinese and mixed text', () => {
    expect(textProblem('赣州市委第一巡察组 2025年')).toBeNull();
    expect(textProblem(`生僻字${EXT_B}`)).toBeNull();
    expect(textProblem('第一段\n第二段\r\n\t缩进')).toBeNull();
  });

  it.each([
    ['\ud800', 'lone high surrogate'],
    ['\udc00', 'lone low surrogate'],
    ['a\ud83d', 'high surrogate at the end'],
    ['\ude00a', 'low surrogate at the start'],
    ['\udc00\ud800', 'surrogates in the wrong order'],
  ])('rejects %j (%s) as an invalid encoding', (s) => {
    expect(textProblem(s)).toBe('包含无效的字符编码');
  });

  it.each(
    [
      '\u0000',
      '\u0008',
      '\u000b',
      '\u000c',
      '\u001f',
      '\u007f',
      '\u0080',
      '\u0085',
      '\u009f',
      '\u061c',
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ].map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]),
  )('rejects %s as a control or bidi character', (_, c) => {
    expect(textProblem(`正常${c}文本`)).toBe('包含不允许的控制字符或方向控制字符');
  });

  it('agrees with the oracle on every code point of the BMP edges and every forbidden one', () => {
    const cps = [...Array(0x100).keys(), 0x061b, 0x061c, 0x061d, ...Array.from({ length: 0x80 }, (_, i) => 0x2000 + i)];
    for (const cp of cps) {
      const s = String.fromCodePoint(cp);
      expect(textProblem(s) !== null, `U+${cp.toString(16)}`).toBe(isForbiddenCodePoint(cp));
    }
  });

  it('finds a problem exactly when the string has a lone surrogate or a forbidden code point', () => {
    fc.assert(
      fc.property(nastyString, (s) => {
        const expected = hasLoneSurrogate(s) || Array.from(s).some((c) => isForbiddenCodePoint(c.codePointAt(0)!));
        expect(textProblem(s) !== null).toBe(expected);
      }),
    );
  });
});

describe('zText', () => {
  const name = zText('单位名称', { max: 5 });

  it('stores decomposed input composed (NFC)', () => {
    const decomposed = 'Cafe\u0301';
    expect(decomposed.length).toBe(5);
    const r = name.safeParse(decomposed);
    expect(r.success).toBe(true);
    expect(r.data).toBe('Café');
    expect(r.data).toBe('Caf\u00e9');
  });

  it('keeps full-width forms as typed (NFC, not NFKC)', () => {
    expect(name.parse('ＡＢＣ')).toBe('ＡＢＣ');
  });

  it('trims surrounding whitespace, including the ideographic space', () => {
    expect(name.parse('  \u3000巡察办\u3000 ')).toBe('巡察办');
  });

  it('counts a CJK Ext-B character as one and the maximum is exact', () => {
    expect(name.parse(EXT_B.repeat(5))).toBe(EXT_B.repeat(5));
    expect(messages(name.safeParse(EXT_B.repeat(6)))).toEqual(['单位名称不能超过5个字']);
    expect(name.parse('一二三四五')).toBe('一二三四五');
    expect(messages(name.safeParse('一二三四五六'))).toEqual(['单位名称不能超过5个字']);
  });

  it('counts length after NFC, so five composed letters fit although the input had ten units', () => {
    expect(name.parse('e\u0301'.repeat(5))).toBe('é'.repeat(5));
  });

  it('rejects empty and blank text with a Chinese message naming the field', () => {
    expect(messages(name.safeParse(''))).toEqual(['单位名称不能为空']);
    expect(messages(name.safeParse(' \u3000 '))).toEqual(['单位名称不能为空']);
  });

  it('honours a minimum above one', () => {
    const code = zText('代码', { min: 2, max: 4 });
    expect(messages(code.safeParse('a'))).toEqual(['代码至少2个字']);
    expect(code.parse('ab')).toBe('ab');
  });

  it('rejects non-strings with a Chinese message', () => {
    expect(messages(name.safeParse(3))).toEqual(['单位名称必须是文本']);
    expect(messages(name.safeParse(null))).toEqual(['单位名称必须是文本']);
  });

  it.each([
    ['\ud800', '单位名称包含无效的字符编码'],
    ['a\udfff', '单位名称包含无效的字符编码'],
    ['ab\u202Ecd', '单位名称包含不允许的控制字符或方向控制字符'],
    ['ab\u2066cd', '单位名称包含不允许的控制字符或方向控制字符'],
    ['ab\u2069cd', '单位名称包含不允许的控制字符或方向控制字符'],
    ['a\u0000b', '单位名称包含不允许的控制字符或方向控制字符'],
    ['a\u001bb', '单位名称包含不允许的控制字符或方向控制字符'],
    ['a\u0085b', '单位名称包含不允许的控制字符或方向控制字符'],
  ])('rejects %j with a Chinese message containing the label', (input, message) => {
    expect(messages(name.safeParse(input))).toEqual([message]);
  });

  it('rejects line breaks in single-line fields, including U+2028 and U+2029', () => {
    for (const nl of ['\n', '\r', '\r\n', '\u2028', '\u2029']) {
      expect(messages(name.safeParse(`a${nl}b`)), JSON.stringify(nl)).toEqual(['单位名称不能包含换行']);
    }
  });

  it('accepts line breaks in multiline fields but still rejects controls there', () => {
    const body = zText('情况说明', { max: 100, multiline: true });
    expect(body.parse('第一段\n第二段\r\n第三段')).toBe('第一段\n第二段\r\n第三段');
    expect(messages(body.safeParse('第一段\u202e第二段'))).toEqual(['情况说明包含不允许的控制字符或方向控制字符']);
  });

  it('reports every problem at once', () => {
    expect(messages(name.safeParse('\u202e一二三四五六'))).toEqual([
      '单位名称包含不允许的控制字符或方向控制字符',
      '单位名称不能超过5个字',
    ]);
  });

  it('for any string either fails or yields trimmed NFC text with no forbidden character within the bounds', () => {
    const single = zText('名称', { max: 6 });
    const multi = zText('正文', { max: 6, multiline: true });
    fc.assert(
      fc.property(nastyString, fc.boolean(), (s, multiline) => {
        const r = (multiline ? multi : single).safeParse(s);
        if (!r.success) {
          for (const issue of r.error.issues) expect(issue.message.startsWith(multiline ? '正文' : '名称')).toBe(true);
          return;
        }
        const out = r.data;
        expect(hasLoneSurrogate(out)).toBe(false);
        for (const c of out)
          expect(isForbiddenCodePoint(c.codePointAt(0)!), `U+${c.codePointAt(0)!.toString(16)}`).toBe(false);
        expect(codePointLength(out)).toBeGreaterThanOrEqual(1);
        expect(codePointLength(out)).toBeLessThanOrEqual(6);
        expect(out).toBe(out.normalize('NFC'));
        expect(out).toBe(out.trim());
        if (!multiline) expect(/[\r\n\u2028\u2029]/.test(out)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts any short printable text and returns its trimmed NFC form', () => {
    const single = zText('名称', { max: 20 });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 5 }), (s) => {
        const expected = s.normalize('NFC').trim();
        fc.pre(expected.length > 0 && codePointLength(expected) <= 20 && textProblem(expected) === null);
        fc.pre(!/[\r\n\u2028\u2029]/.test(expected));
        expect(single.parse(s)).toBe(expected);
      }),
    );
  });
});

describe('searchKey', () => {
  it('folds full-width letters and digits to half-width lower case', () => {
    expect(searchKey('ＡＢＣ１２３')).toBe('abc123');
    expect(searchKey('ＡＢＣ１２３')).toBe(searchKey('abc123'));
    expect(searchKey('ABC123')).toBe('abc123');
  });

  it('drops zero-width characters and the soft hyphen', () => {
    expect(searchKey('巡\u200B察\u200C办\u200D')).toBe('巡察办');
    expect(searchKey('\uFEFF赣州\u2060市')).toBe('赣州市');
    expect(searchKey('巡\u00ADcha')).toBe('巡cha');
  });

  it('trims, including the ideographic space', () => {
    expect(searchKey('\u3000 赣州 \u3000')).toBe('赣州');
  });

  it('composes a letter with a combining mark once a zero-width character between them is gone', () => {
    expect(searchKey('caf\u200Be\u0301')).toBe('café');
    expect(searchKey('caf\u200Be\u0301')).toBe(searchKey('Café'));
  });

  it('is idempotent, so a stored key and a query key meet', () => {
    fc.assert(
      fc.property(nastyString, (s) => {
        const k = searchKey(s);
        expect(searchKey(k)).toBe(k);
      }),
      { numRuns: 2000 },
    );
  });

  it('is blind to width and case for any ASCII alphanumeric text', () => {
    const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{0,12}$/), (s) => {
        expect(searchKey(toFullWidth(s))).toBe(s.toLowerCase());
        expect(searchKey(s.toUpperCase())).toBe(searchKey(s));
      }),
    );
  });
});

describe('zDate', () => {
  const d = zDate('成立日期');

  it('accepts real dates, including 29 February of a leap year', () => {
    expect(d.parse('2024-02-29')).toBe('2024-02-29');
    expect(d.parse('2000-02-29')).toBe('2000-02-29');
    expect(d.parse('2021-12-31')).toBe('2021-12-31');
  });

  it.each([
    '2023-02-29',
    '2023-02-30',
    '1900-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-01-32',
  ])('rejects the impossible date %s', (s) => {
    expect(messages(d.safeParse(s))).toEqual(['成立日期不是有效日期']);
  });

  it.each(['2024-2-29', '20240229', '2024-02-29T00:00:00Z', ' 2024-02-29', '２０２４-０２-２９', 'abc', ''])(
    'rejects the badly formatted %j with one message',
    (s) => {
      expect(messages(d.safeParse(s))).toEqual(['成立日期格式应为 YYYY-MM-DD']);
    },
  );

  it('rejects non-strings', () => {
    expect(messages(d.safeParse(20240229))).toEqual(['成立日期必须是日期']);
  });

  it('accepts exactly the dates a calendar has, for any day of any month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, day) => {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
          expect(d.safeParse(s).success).toBe(day <= daysInMonth);
        },
      ),
    );
  });
});

describe("wrapText (the poster's line breaking)", () => {
  // Every character one unit wide, as Chinese characters are in a fixed-size font.
  const measure = (s: string) => codePointLength(s);
  const han = fc.constantFrom(...'巡察组对反映人的信息严格保密群众监督举报电话邮政信箱');
  const punct = fc.constantFrom(...'，。、；：！？）》”…');
  const latin = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
  const chinese = fc.array(fc.oneof({ weight: 4, arbitrary: han }, { weight: 1, arbitrary: punct }), {
    maxLength: 200,
  });
  const width = fc.integer({ min: 4, max: 30 });
  const indent = fc.integer({ min: 0, max: 3 });

  it('loses and adds nothing, and no line after the first starts with closing punctuation', () => {
    fc.assert(
      fc.property(chinese, width, indent, (chars, w, ind) => {
        const text = chars.join('');
        const lines = wrapText(text, w, measure, ind);
        expect(lines.join('')).toBe(text);
        for (const l of lines.slice(1)) expect(NO_LINE_START.has([...l][0] ?? '')).toBe(false);
      }),
    );
  });

  it('keeps every line within its width, but for the punctuation hanging at its end', () => {
    fc.assert(
      fc.property(chinese, width, indent, (chars, w, ind) => {
        const lines = wrapText(chars.join(''), w, measure, ind);
        lines.forEach((l, i) => {
          const body = [...l];
          while (body.length && NO_LINE_START.has(body[body.length - 1] ?? '')) body.pop();
          expect(body.length).toBeLessThanOrEqual(i === 0 ? w - ind : w);
        });
      }),
    );
  });

  it('never splits a Latin run (a phone number, a code) that fits on a line, and breaks one that cannot', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(han, latin), { maxLength: 40 }), width, (parts, w) => {
        const lines = wrapText(parts.join(''), w, measure);
        expect(lines.join('')).toBe(parts.join(''));
        for (const l of lines) expect(codePointLength(l)).toBeLessThanOrEqual(w);
        const runs = parts.join('').match(/[A-Za-z0-9]+/g) ?? [];
        for (const r of runs) if (r.length <= w) expect(lines.some((l) => l.includes(r))).toBe(true);
      }),
    );
  });

  it('starts and ends no line with a space, and breaks a URL longer than a line by characters', () => {
    expect(wrapText('电话 0797-8888888 邮箱', 12, measure)).toEqual(['电话', '0797-8888888', '邮箱']);
    expect(wrapText('电话 0797-8888888 邮箱', 9, measure)).toEqual(['电话', '0797-8888', '888 邮箱']);
    expect(wrapText('扫码 https://xc.example.cn/p/ABCD2345', 10, measure)).toEqual([
      '扫码',
      'https://xc',
      '.example.c',
      'n/p/ABCD23',
      '45',
    ]);
  });
});
