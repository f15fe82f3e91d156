import type { DuckDBConnection } from '@duckdb/node-api';
import { LOGICAL_COLUMN_LABELS, type TLogicalColumn } from '@xc/domain/auditlink/columns';
import { normalizeIdNo } from '@xc/domain/auditlink/idno';
import {
  DATE_RANGE,
  matchKey,
  parseAmount,
  parseDate,
  parseInvoiceNo,
  parsePeriod,
  parseQuantity,
} from '@xc/domain/auditlink/values';
import { MAX_INVALID_KEPT } from './limits.ts';
import { lit } from './rules/common.ts';
import type { PrepKind } from './rules/index.ts';
import type { Scratch } from './scratch.ts';

/**
 * Normalization of the columns a rule reads, once per dataset and mapping. The result is a narrow
 * table kept in the worker's in-memory DuckDB, so later runs start from it.
 *
 * Every value is read by the domain's own functions (normalizeIdNo, parseDate, parsePeriod,
 * parseAmount, parseQuantity, parseInvoiceNo, matchKey), so the engine cannot disagree with the
 * rules the rest of the product states. To make that affordable on millions of rows:
 *   - values in the one clean shape almost all of them have take a fast path: a 身份证号 the
 *     staging pass marked as clean (id-fast.ts) has its first 17 digits as its key, an ISO date or
 *     a YYYYMM period is read by a guarded DuckDB cast. The property tests hold every fast path
 *     to the domain function: it may pass a value by, never read it differently;
 *   - every other value goes through the domain function once per distinct value (a dictionary),
 *     and the answers are joined back. Free text, amounts and quantities always go this way: a
 *     project or item column has a handful of distinct values among millions of rows.
 * A value that cannot be read is NULL in the table; its row is reported with the domain's reason.
 */

export const KIND_TYPES: Readonly<Record<PrepKind, string>> = {
  idKey: 'BIGINT',
  date: 'DATE',
  period: 'INTEGER',
  textKey: 'INTEGER',
  quantity: 'DECIMAL(18,4)',
  amount: 'BIGINT',
  invoiceNo: 'VARCHAR',
};

/** Bytes a prepared value takes in DuckDB's memory, roughly, for the cache's accounting. */
const KIND_BYTES: Readonly<Record<PrepKind, number>> = {
  idKey: 8,
  date: 4,
  period: 4,
  textKey: 4,
  quantity: 8,
  amount: 8,
  invoiceNo: 24,
};

export interface PrepColumn {
  logical: TLogicalColumn;
  /** The header in the file; null for an optional column the run did not map. */
  column: string | null;
  kind: PrepKind;
  /**
   * The Parquet column of this 身份证号 column's fast path, if any: its staging marks (BOOLEAN), or
   * for a dataset sealed before the marks (named `__idkey__<i>`) the keys themselves (BIGINT).
   */
  idKeyColumn?: string;
}

export interface InvalidCell {
  row: number;
  column: string;
  logical: TLogicalColumn;
  value: string | null;
  reason: string;
}

export interface Prepared {
  table: string;
  rows: number;
  bytes: number;
  /**
   * Per logical column, the rows whose value could not be read (`bad`) and those where it is empty
   * (`empty`: an invalid row only where the role requires the column): the first of each, and how
   * many there are in all.
   */
  invalid: Partial<Record<TLogicalColumn, Record<'bad' | 'empty', { rows: InvalidCell[]; count: number }>>>;
}

/** Free text as stable integer ids, shared by every prepared table so that two tables' projects compare. */
export class TextKeys {
  private readonly ids = new Map<string, number>();
  private pending: [number, string][] = [];
  private writing: Promise<void> = Promise.resolve();

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(key, id);
      this.pending.push([id, key]);
    }
    return id;
  }

  /**
   * Writes the ids handed out so far into `textkeys`. Writes are chained, so when this resolves
   * every id handed out before the call is in the table, whichever run's flush wrote it.
   */
  flush(conn: DuckDBConnection): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    const write = this.writing.then(async () => {
      if (rows.length === 0) return;
      const app = await conn.createAppender('textkeys');
      for (const [id, key] of rows) {
        app.appendInteger(id);
        app.appendVarchar(key);
        app.endRow();
      }
      app.closeSync();
    });
    this.writing = write.catch(() => undefined);
    return write;
  }
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * 'YYYY-MM-DD' read by DuckDB's cast. The cast is lenient (it takes 1969-12-3E, 2024-03-05 BC …),
 * so only a value the date prints back to exactly is taken: what parseDate reads the same way.
 */
export function fastDateSql(col: string): string {
  const d = `try_cast(CASE WHEN ${col} LIKE '____-__-__' AND ${col} BETWEEN '${DATE_RANGE.from}' AND '${DATE_RANGE.to}' THEN ${col} END AS DATE)`;
  return `CASE WHEN ${d}::VARCHAR = ${col} THEN ${d} END`;
}

/** 'YYYYMM' as the integer YYYYMM, guarded likewise (the cast also takes 2.6380 or 2024_3); parsePeriod's years and months. */
export function fastPeriodSql(col: string): string {
  const n = `try_cast(CASE WHEN strlen(${col}) = 6 AND ${col} BETWEEN '190001' AND '209912' THEN ${col} END AS INTEGER)`;
  return `CASE WHEN ${n}::VARCHAR = ${col} AND ${n} % 100 BETWEEN 1 AND 12 THEN ${n} END`;
}

/** The SQL of the fast value of a column of the source aliased `s`, or null when its kind has none. */
function fastSql(c: PrepColumn): string | null {
  if (c.column === null) return null;
  const raw = `s.${q(c.column)}`;
  if (c.kind === 'idKey') {
    if (!c.idKeyColumn) return null;
    if (c.idKeyColumn.startsWith('__idkey__')) return `s.${q(c.idKeyColumn)}`;
    return `CASE WHEN s.${q(c.idKeyColumn)} THEN left(${raw}, 17)::BIGINT END`;
  }
  if (c.kind === 'date') return fastDateSql(raw);
  if (c.kind === 'period') return fastPeriodSql(raw);
  return null;
}

/** The domain's answer for one raw value: the value as SQL text of the kind's type, or the reason. */
function normalizeOne(
  c: PrepColumn,
  raw: string,
  today: string,
  keys: TextKeys,
): { v: string | null; reason: string | null } {
  const from = <T>(r: { ok: true; value: T } | { ok: false; reason: string }, f: (v: T) => string) =>
    r.ok ? { v: f(r.value), reason: null } : { v: null, reason: r.reason };
  switch (c.kind) {
    case 'idKey':
      return from(normalizeIdNo(raw, { today }), (v) => v.slice(0, 17));
    case 'date':
      return from(parseDate(raw), (v) => v);
    case 'period':
      return from(parsePeriod(raw), (v) => v.replace('-', ''));
    case 'amount':
      return from(parseAmount(raw), String);
    case 'quantity':
      return from(parseQuantity(raw), (v) => v);
    case 'invoiceNo':
      return from(parseInvoiceNo(raw), (v) => v);
    case 'textKey': {
      const k = matchKey(raw);
      return k === ''
        ? { v: null, reason: `${LOGICAL_COLUMN_LABELS[c.logical]}为空` }
        : { v: String(keys.idOf(k)), reason: null };
    }
  }
}

let counter = 0;

/**
 * Builds the prepared table of one dataset for `columns` from its plaintext Parquet (a scratch
 * file for the duration). Returns its name, size and the rows whose values could not be read.
 */
export async function prepareTable(opts: {
  conn: DuckDBConnection;
  parquet: Buffer;
  columns: readonly PrepColumn[];
  scratch: Scratch;
  textKeys: TextKeys;
  today: string;
}): Promise<Prepared> {
  const { conn, columns } = opts;
  const n = ++counter;
  const table = `prep_${n}`;
  const temp: string[] = [];
  const scalar = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRowsJS()[0]?.[0] ?? 0);

  /** A table of the domain's answers for `values`, named `name`. */
  const dictionary = async (name: string, c: PrepColumn, values: string[]) => {
    await conn.run(`CREATE TABLE ${name} (raw VARCHAR, v VARCHAR, reason VARCHAR)`);
    temp.push(name);
    const app = await conn.createAppender(name);
    for (const value of values) {
      const r = normalizeOne(c, value, opts.today, opts.textKeys);
      app.appendVarchar(value);
      if (r.v === null) app.appendNull();
      else app.appendVarchar(r.v);
      if (r.reason === null) app.appendNull();
      else app.appendVarchar(r.reason);
      app.endRow();
    }
    app.closeSync();
    await opts.textKeys.flush(conn);
  };
  const distinct = async (sql: string) => (await conn.runAndReadAll(sql)).getRowsJS().map((r) => r[0] as string);

  return opts.scratch.withFile('parquet', opts.parquet, async (file) => {
    const src = `read_parquet(${lit.str(file)})`;
    try {
      // Kinds without a fast path: every distinct value through the domain function first. (A
      // 身份证号 column without staged keys goes, like the fast paths' leftovers, through the step below.)
      const dicts = new Map<number, string>();
      for (const [i, c] of columns.entries()) {
        if (c.column === null || fastSql(c) !== null || c.kind === 'idKey') continue;
        const values = await distinct(`SELECT DISTINCT ${q(c.column)} FROM ${src} WHERE ${q(c.column)} IS NOT NULL`);
        const name = `dict_${n}_${i}`;
        await dictionary(name, c, values);
        dicts.set(i, name);
      }

      const select = ['s._row'];
      const joins: string[] = [];
      for (const [i, c] of columns.entries()) {
        const type = KIND_TYPES[c.kind];
        const fast = fastSql(c);
        const dict = dicts.get(i);
        if (dict) joins.push(`LEFT JOIN ${dict} d${i} ON d${i}.raw = s.${q(c.column as string)}`);
        const value = fast ?? (dict ? `d${i}.v::${type}` : `NULL::${type}`);
        select.push(`${value} AS ${q(c.logical)}`);
      }
      await conn.run(`CREATE TABLE ${table} AS SELECT ${select.join(', ')} FROM ${src} s ${joins.join(' ')}`);

      // What the fast path left, and what could not be read at all.
      const invalid: Prepared['invalid'] = {};
      for (const [i, c] of columns.entries()) {
        if (c.column === null) continue;
        const out = q(c.logical);
        if ((await scalar(`SELECT count(*) FROM ${table} WHERE ${out} IS NULL`)) === 0) continue;
        const raw = q(c.column);
        const miss = `miss_${n}_${i}`;
        await conn.run(
          `CREATE TABLE ${miss} AS SELECT s._row, s.${raw} AS raw FROM ${src} s WHERE s._row IN (SELECT _row FROM ${table} WHERE ${out} IS NULL)`,
        );
        temp.push(miss);
        let dict = dicts.get(i);
        if (!dict) {
          dict = `fix_${n}_${i}`;
          await dictionary(dict, c, await distinct(`SELECT DISTINCT raw FROM ${miss} WHERE raw IS NOT NULL`));
          await conn.run(
            `UPDATE ${table} SET ${out} = f.v::${KIND_TYPES[c.kind]}
             FROM (SELECT m._row, d.v FROM ${miss} m JOIN ${dict} d ON d.raw = m.raw WHERE d.v IS NOT NULL) f
             WHERE ${table}._row = f._row`,
          );
        }
        const label = LOGICAL_COLUMN_LABELS[c.logical];
        const found = async (where: string) => {
          const from = `FROM ${miss} m LEFT JOIN ${dict} d ON d.raw = m.raw WHERE d.v IS NULL AND ${where}`;
          const count = await scalar(`SELECT count(*) ${from}`);
          const rows = count
            ? await conn.runAndReadAll(
                `SELECT m._row, m.raw, coalesce(d.reason, ${lit.str(`${label}为空`)}) ${from} ORDER BY m._row LIMIT ${MAX_INVALID_KEPT}`,
              )
            : null;
          return {
            count,
            rows: (rows?.getRowsJS() ?? []).map(([row, value, reason]) => ({
              row: Number(row),
              column: c.column as string,
              logical: c.logical,
              value: value === null ? null : String(value),
              reason: String(reason),
            })),
          };
        };
        invalid[c.logical] = { bad: await found('m.raw IS NOT NULL'), empty: await found('m.raw IS NULL') };
      }
      const rows = await scalar(`SELECT count(*) FROM ${table}`);
      const bytes = rows * (8 + columns.reduce((s, c) => s + KIND_BYTES[c.kind], 0));
      return { table, rows, bytes, invalid };
    } catch (e) {
      await conn.run(`DROP TABLE IF EXISTS ${table}`);
      throw e;
    } finally {
      for (const t of temp) await conn.run(`DROP TABLE IF EXISTS ${t}`);
    }
  });
}
