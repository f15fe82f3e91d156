import { DuckDBInstance } from '@duckdb/node-api';
import { ID_PROVINCE_CODES, idCheckChar, normalizeIdNo } from '@xc/domain/auditlink/idno';
import { parseDate, parsePeriod } from '@xc/domain/auditlink/values';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthLimit, fastIdKeyOf, isFastIdNo } from './id-fast.ts';
import { fastDateSql, fastPeriodSql } from './prepare.ts';

/**
 * The fast paths of normalization may let a value pass to the domain function, never read it
 * differently from it: whatever they accept, normalizeIdNo / parseDate / parsePeriod accept with the
 * same value. Checked on random inputs, including the forms DuckDB's lenient casts would take.
 */
const TODAY = '2025-06-30';
const LATEST = birthLimit(TODAY);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

const validId = fc
  .tuple(
    fc.constantFrom(...ID_PROVINCE_CODES),
    fc.integer({ min: 0, max: 9999 }),
    fc.date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([p, a, d, s]) => {
    const body = `${p}${pad(a, 4)}${d.toISOString().slice(0, 10).replaceAll('-', '')}${pad(s, 3)}`;
    return body + idCheckChar(body);
  });

/** Valid numbers with one character changed to anything people (or Excel) put there. */
const nearId = fc
  .tuple(validId, fc.nat(17), fc.constantFrom(...'0123456789XxY -+.eE_０\u200B'))
  .map(([id, i, c]) => id.slice(0, i) + c + id.slice(i + 1));

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

describe('fast 身份证号 keys', () => {
  it('accept only what normalizeIdNo accepts unchanged, with the same key', () => {
    fc.assert(
      fc.property(fc.oneof(validId, nearId, fc.string({ minLength: 18, maxLength: 18 })), (s) => {
        const fast = fastIdKeyOf(s, LATEST);
        const bytes = [...s].every((c) => c.charCodeAt(0) < 128) ? isFastIdNo(ascii(s), 0, s.length, LATEST) : false;
        expect(bytes).toBe(fast !== null);
        if (fast !== null) expect(normalizeIdNo(s, { today: TODAY })).toEqual({ ok: true, value: s, upgraded: false });
      }),
      { numRuns: 3000 },
    );
  });

  it('take every clean valid number', () => {
    fc.assert(
      fc.property(validId, (s) => {
        if (normalizeIdNo(s, { today: TODAY }).ok) expect(fastIdKeyOf(s, LATEST)).toBe(s.slice(0, 17));
      }),
    );
  });
});

/** Evaluates `sql(column)` on DuckDB for every value, as text (or null). */
async function evaluate(values: string[], sql: (col: string) => string): Promise<(string | null)[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run('CREATE TABLE v (i INTEGER, s VARCHAR)');
  const app = await conn.createAppender('v');
  values.forEach((s, i) => {
    app.appendInteger(i);
    app.appendVarchar(s);
    app.endRow();
  });
  app.closeSync();
  const rows = (await conn.runAndReadAll(`SELECT i, (${sql('s')})::VARCHAR FROM v ORDER BY i`)).getRowsJS();
  conn.closeSync();
  db.closeSync();
  return rows.map((r) => (r[1] === null ? null : String(r[1])));
}

const junk = fc.constantFrom(...'0123456789-/. +_eEx年月日T:ABC０\u3000');
const dayLike = fc
  .tuple(
    fc.date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.nat(12),
    junk,
    fc.constantFrom('', ' BC', ' AD', ' ', 'T10:00'),
  )
  .map(([d, i, c, tail]) => {
    const iso = d.toISOString().slice(0, 10);
    const s = i < 10 ? iso.slice(0, i) + c + iso.slice(i + 1) : iso;
    return s + tail;
  });
const isoDay = fc
  .date({ min: new Date('1890-01-01T00:00:00Z'), max: new Date('2110-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dateInputs = fc.oneof(
  isoDay,
  dayLike,
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  fc.constantFrom(
    'epoch',
    'infinity',
    '-infinity',
    '2024-03-05 BC',
    ' 2024-3-05',
    '2024-03- 5',
    '+024-03-05',
    '2024-02-30',
    '1899-12-31',
    '2100-01-01',
  ),
  fc.string({ maxLength: 12 }),
);

describe('fast dates and periods in SQL', () => {
  it('read a date only as parseDate reads it', async () => {
    const values = fc.sample(dateInputs, { numRuns: 4000, seed: 1 });
    const fast = await evaluate(values, fastDateSql);
    let taken = 0;
    values.forEach((s, i) => {
      if (fast[i] === null) return;
      taken++;
      expect({ s, v: parseDate(s) }).toEqual({ s, v: { ok: true, value: fast[i] } });
    });
    expect(taken).toBeGreaterThan(500);
  });

  it('read a period only as parsePeriod reads it', async () => {
    const periodInputs = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1890, max: 2110 }), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${y}${pad(m, 2)}`),
      fc
        .tuple(fc.integer({ min: 1850, max: 2150 }), fc.integer({ min: 0, max: 99 }))
        .map(([y, m]) => `${y}${pad(m, 2)}`),
      fc.tuple(fc.stringMatching(/^\d{6}$/), fc.nat(5), junk).map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1)),
      fc.constantFrom(
        '2024_3',
        '2024e1',
        '2.02e5',
        '+20240',
        '20240 ',
        ' 20240',
        '0x1F40',
        '202400',
        '202413',
        '209912',
        '190001',
      ),
      fc.string({ maxLength: 8 }),
    );
    const values = fc.sample(periodInputs, { numRuns: 4000, seed: 2 });
    const fast = await evaluate(values, fastPeriodSql);
    let taken = 0;
    values.forEach((s, i) => {
      if (fast[i] === null) return;
      taken++;
      const v = fast[i] as string;
      expect({ s, v: parsePeriod(s) }).toEqual({ s, v: { ok: true, value: `${v.slice(0, 4)}-${v.slice(4)}` } });
    });
    expect(taken).toBeGreaterThan(500);
  });
});
