import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_PROVINCE_CODES, idCheckChar, normalizeIdNo } from './idno.ts';

/** The check character computed independently of the module: Σ digit·2^(17−i) mod 11, then (12 − s) mod 11. */
function referenceCheck(body: string): string {
  let s = 0n;
  for (let i = 0; i < 17; i++) s += BigInt(body.charCodeAt(i) - 48) * 2n ** BigInt(17 - i);
  const v = Number((12n - (s % 11n)) % 11n);
  return v === 10 ? 'X' : String(v);
}

const provinces = [...ID_PROVINCE_CODES];
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const birth = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2024-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const ymd = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;

const valid18 = fc
  .tuple(fc.constantFrom(...provinces), fc.integer({ min: 0, max: 9999 }), birth, fc.integer({ min: 0, max: 999 }))
  .map(([p, area, d, seq]) => {
    const body = `${p}${pad(area, 4)}${ymd(d)}${pad(seq, 3)}`;
    return body + referenceCheck(body);
  });

const valid15 = fc
  .tuple(
    fc.constantFrom(...provinces),
    fc.integer({ min: 0, max: 9999 }),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('1999-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([p, area, d, seq]) => `${p}${pad(area, 4)}${ymd(d).slice(2)}${pad(seq, 3)}`);

const FULL_WIDTH: Record<string, string> = Object.fromEntries(
  [...'0123456789Xx'].map((c) => [c, String.fromCharCode(c.charCodeAt(0) + 0xfee0)]),
);

/** The same number as people type it: some characters full-width, spaces, dashes, zero-width characters, lower-case x. */
const retyped = (id: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
      fc.array(fc.constantFrom('', '', '', ' ', '-', '\u200B', '\u3000', '\u00A0', '－'), {
        minLength: 19,
        maxLength: 19,
      }),
      fc.boolean(),
    )
    .map(([wide, gaps, lower]) => {
      let s = gaps[0] as string;
      [...id].forEach((ch, i) => {
        const c = lower && ch === 'X' ? 'x' : ch;
        s += (wide[i] ? (FULL_WIDTH[c] ?? c) : c) + (gaps[i + 1] as string);
      });
      return s;
    });

describe('normalizeIdNo', () => {
  it('agrees with an independent check-digit computation', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{16}$/), (body) => {
        expect(idCheckChar(body)).toBe(referenceCheck(body));
      }),
    );
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(normalizeIdNo('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X', upgraded: false });
  });

  it('keeps every valid 18-digit number whatever full-width, spacing and case it is typed with', () => {
    fc.assert(
      fc.property(
        valid18.chain((id) => fc.tuple(fc.constant(id), retyped(id))),
        ([id, typed]) => {
          expect(normalizeIdNo(typed)).toEqual({ ok: true, value: id, upgraded: false });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('upgrades every 15-digit number to the right 18-digit one', () => {
    fc.assert(
      fc.property(valid15, (old) => {
        const body = `${old.slice(0, 6)}19${old.slice(6)}`;
        expect(normalizeIdNo(old)).toEqual({ ok: true, value: body + referenceCheck(body), upgraded: true });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a number with one digit changed', () => {
    fc.assert(
      fc.property(valid18, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, pos, delta) => {
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const from = alphabet.indexOf(id[pos] as string);
        const changed = alphabet[(from + delta) % alphabet.length] as string;
        fc.pre(changed !== id[pos]);
        const r = normalizeIdNo(id.slice(0, pos) + changed + id.slice(pos + 1));
        expect(r.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('says why a number is refused, in Chinese', () => {
    const reason = (s: string) => {
      const r = normalizeIdNo(s);
      return r.ok ? null : r.code;
    };
    expect(reason('')).toBe('empty');
    expect(reason('   ')).toBe('empty');
    expect(reason('1.10105E+17')).toBe('scientific');
    expect(reason('3.60702199003071E+17')).toBe('scientific');
    expect(reason('11010519491231002Y')).toBe('characters');
    expect(reason('1101051949123100')).toBe('length');
    expect(reason('X10105194912310021')).toBe('characters');
    expect(reason('00010519491231002X')).toBe('region');
    // 1949-02-30 does not exist; 1870 is not plausible; a birth after `today` neither.
    expect(reason('110105194902300021')).toBe('birthDate');
    expect(reason('110105187001010021')).toBe('birthDate');
    const future = '110105202503010010';
    const fb = future.slice(0, 17);
    expect(normalizeIdNo(fb + idCheckChar(fb)).ok).toBe(true);
    expect(normalizeIdNo(fb + idCheckChar(fb), { today: '2025-02-28' })).toMatchObject({
      ok: false,
      code: 'birthDate',
    });
    expect(reason('110105194912310021')).toBe('checkDigit');
    const r = normalizeIdNo('110105194912310021');
    expect(r.ok === false && r.reason).toMatch(/校验位/);
  });

  it('reads the forms exports use to keep Excel from converting the number', () => {
    expect(normalizeIdNo('="11010519491231002X"')).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(normalizeIdNo("'11010519491231002x")).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(normalizeIdNo('\t11010519491231002X\t')).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(normalizeIdNo('110105 1949 1231 002X')).toMatchObject({ ok: true, value: '11010519491231002X' });
  });
});
