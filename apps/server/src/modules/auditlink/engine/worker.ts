import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  AUDIT_ROLES,
  inferColumnType,
  LOGICAL_COLUMN_KINDS,
  logicalColumnOf,
  ROLE_COLUMNS,
  type TAuditRole,
  type TLogicalColumn,
} from '@xc/domain/auditlink/columns';
import { idCheckChar, normalizeIdNo } from '@xc/domain/auditlink/idno';
import { auditRuleOf, ruleRoles } from '@xc/domain/auditlink/rules';
import type { TEvidenceRow, THit, TInvalidRow, TRunPhase, TRunSpec } from '@xc/domain/auditlink/schemas';
import { isWorkingDay } from '@xc/domain/planning/calendar';
import { DatasetFormatError, RunInputError } from './errors.ts';
import { birthLimit } from './id-fast.ts';
import { MAX_HITS, MAX_INVALID_LISTED } from './limits.ts';
import { type Prepared, type PrepColumn, prepareTable, TextKeys } from './prepare.ts';
import type {
  DatasetInfo,
  EngineStats,
  IdColumnProblems,
  IngestOutcome,
  Progress,
  Reply,
  Request,
  RunOutcome,
  StagedInput,
  WorkerConfig,
} from './protocol.ts';
import { lit } from './rules/common.ts';
import { type PrepKind, TEMPLATES } from './rules/index.ts';
import { remove, Scratch } from './scratch.ts';
import type { SealKeys } from './sealed.ts';
import { mappedOf, runSql } from './sql-text.ts';
import { ROW_COLUMN } from './stage-head.ts';
import { type Entry, Store } from './store.ts';
import { stageXlsx } from './xlsx-stage.ts';

/**
 * The engine's worker thread: one in-memory DuckDB, the dataset cache, and the operations the main
 * thread asks for. DuckDB is told never to fetch extensions (offices have no internet) and to spill,
 * if it ever must, into the scratch folder (in memory) rather than onto the disk.
 */

const ID_MARK_PREFIX = '__idok__';

const cfg = (workerData as { config: WorkerConfig }).config;
// Set once the modules are loaded (tsx keeps its cache in the usual place), before any sheet is read.
process.env.TMPDIR = cfg.tmpDir;
const port = parentPort as NonNullable<typeof parentPort>;
const scratch = new Scratch(cfg.scratchDir);
const keys: SealKeys = {
  current: cfg.keys.current,
  byVersion: new Map(cfg.keys.byVersion.map(([v, k]) => [v, { enc: Buffer.from(k.enc), mac: Buffer.from(k.mac) }])),
};

const instance = await DuckDBInstance.create(':memory:', {
  threads: String(cfg.threads),
  memory_limit: cfg.memoryLimit,
  temp_directory: path.join(cfg.scratchDir, 'duckdb'),
  preserve_insertion_order: 'false',
  enable_external_file_cache: 'false',
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
  allocator_background_threads: 'true',
  write_buffer_row_group_memory_limit: '16MB',
});
/** A connection that tracks its queries' progress (a per-connection setting in DuckDB). */
async function connect(): Promise<DuckDBConnection> {
  const conn = await instance.connect();
  await conn.run('SET enable_progress_bar = true');
  await conn.run('SET enable_progress_bar_print = false');
  connections.add(conn);
  return conn;
}

/** Open connections, so that closing can interrupt what they run. */
const connections = new Set<DuckDBConnection>();
/** Work under way (requests and background preparation), so that closing can wait for it. */
const inflight = new Set<Promise<unknown>>();

function track<T>(p: Promise<T>): Promise<T> {
  inflight.add(p);
  const done = () => inflight.delete(p);
  p.then(done, done);
  return p;
}

/** Closes a connection (and forgets it). */
function disconnect(conn: DuckDBConnection): void {
  connections.delete(conn);
  conn.closeSync();
}

/**
 * Stops everything before the thread ends: DuckDB's threads must not call back into a JavaScript
 * environment that is gone, so running statements are interrupted and waited for, then the
 * database is closed.
 */
async function shutdown(): Promise<void> {
  for (const conn of connections) conn.interrupt();
  while (inflight.size) await Promise.allSettled([...inflight]);
  for (const conn of connections) conn.closeSync();
  connections.clear();
  instance.closeSync();
}

const admin = await connect();
await admin.run('CREATE TABLE textkeys (id INTEGER, key VARCHAR)');
const textKeys = new TextKeys();
const store = new Store(cfg.datasetDir, keys, cfg.cacheBytes, admin);
/** Runs by id, registered as their message arrives, so that a cancel is never too early. */
const running = new Map<string, { conn: DuckDBConnection | null; cancelled: boolean }>();

/** SM3s of uploads being staged by the main thread. */
const hashes = new Map<number, Hash>();

class Cancelled extends Error {}

/** Calls `report` with DuckDB's progress of the statement running on `conn` until `work` settles. */
async function watched<T>(conn: DuckDBConnection, work: Promise<T>, report: (fraction: number) => void): Promise<T> {
  const timer = setInterval(() => {
    const p = conn.progress.percentage;
    if (p >= 0) report(Math.min(1, p / 100));
  }, 200);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** DuckDB's CSV errors quote the record, whose first field is the line number the staging pass wrote. */
const DELIMITER_NAMES: Record<string, string> = { ',': '逗号', '\t': '制表符', ';': '分号', '|': '竖线' };

function csvError(e: unknown, idColumns: number, delimiter: string): Error {
  const msg = (e as Error).message ?? '';
  const m = /Original Line:\s*(\d+)/.exec(msg);
  if (!m) return new DatasetFormatError('文件格式不正确，无法按 CSV 读取');
  const line = Number(m[1]);
  const counts = /Expected Number of Columns:\s*(\d+)\s*Found:\s*(\d+)/.exec(msg);
  if (counts) {
    const expected = Number(counts[1]) - 1 - idColumns;
    const found = Number(counts[2]) - 1 - idColumns;
    return new DatasetFormatError(
      `第 ${line} 行有 ${found} 列，与表头的 ${expected} 列不一致（可能多了或少了${DELIMITER_NAMES[delimiter] ?? '分隔符'}）`,
      line,
    );
  }
  if (/unterminated quote/i.test(msg)) return new DatasetFormatError(`第 ${line} 行：引号没有闭合`, line);
  return new DatasetFormatError(`第 ${line} 行的格式不正确，无法按 CSV 读取`, line);
}

async function ingest(
  req: Extract<Request, { op: 'ingest' }>,
  progress: (p: Progress) => void,
): Promise<IngestOutcome> {
  let staged: StagedInput;
  let headerRow = req.headerRow;
  if ('xlsx' in req.staged) {
    const out = scratch.create('csv');
    try {
      const sheet = await stageXlsx({
        file: req.staged.xlsx,
        out,
        latestBirth: birthLimit(req.today),
        onRows: (rows) => progress({ kind: 'ingest', bytes: req.bytes, rows }),
      });
      staged = {
        file: out,
        headers: sheet.headers,
        delimiter: ',',
        idColumns: sheet.idColumns,
        records: sheet.records,
      };
      headerRow = sheet.headerRow;
    } catch (e) {
      remove(out);
      throw e;
    } finally {
      remove(req.staged.xlsx);
    }
  } else staged = req.staged;

  const conn = await connect();
  const parquetFile = scratch.path('parquet');
  try {
    const idKeyNames = staged.idColumns.map((i) => `${ID_MARK_PREFIX}${i}`);
    const columns = [
      `${lit.str(ROW_COLUMN)}: 'INTEGER'`,
      ...staged.headers.map((h) => `${lit.str(h)}: 'VARCHAR'`),
      ...idKeyNames.map((h) => `${lit.str(h)}: 'BOOLEAN'`),
    ].join(', ');
    const read = `read_csv(${lit.str(staged.file)}, header = false, auto_detect = false, delim = ${lit.str(staged.delimiter)},
      quote = '"', escape = '"', strict_mode = true, null_padding = false, buffer_size = 4194304, columns = {${columns}})`;
    let rows: number;
    try {
      const copy = conn.run(
        // zstd level 1 with the V2 encodings: the least CPU for a small file (1.9 s of CPU and 36 MB
        // for 2 million payments, against 2.7 s and 40 MB with the defaults). Small read buffers and
        // row groups keep the upload's memory down (+60 MB for DuckDB's part instead of +250 MB).
        // Row groups of 4,096 rows: a run fetches its hits' evidence rows by _row, and DuckDB skips
        // the row groups holding none of them; 150 rows scattered over 2 million payments are read
        // at 0.08 s of CPU instead of 0.13 s with groups of 16,384, for 0.1 s more CPU here.
        `COPY (SELECT * FROM ${read}) TO ${lit.str(parquetFile)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, PARQUET_VERSION V2, ROW_GROUP_SIZE 4096)`,
      );
      rows = (
        await watched(conn, copy, (f) =>
          progress({ kind: 'ingest', bytes: req.bytes, rows: Math.round(f * staged.records) }),
        )
      ).rowsChanged;
    } catch (e) {
      throw csvError(e, idKeyNames.length, staged.delimiter);
    }
    const names = [ROW_COLUMN, ...staged.headers].map((h) => `"${h.replaceAll('"', '""')}"`).join(', ');
    // The first 1,000 rows: their last line is found on the line numbers alone, so that the rows
    // themselves are read from the few row groups holding them rather than from the whole file.
    const src = `read_parquet(${lit.str(parquetFile)})`;
    const lastLine = Number(
      (
        await conn.runAndReadAll(
          `SELECT max(${ROW_COLUMN}) FROM (SELECT ${ROW_COLUMN} FROM ${src} ORDER BY ${ROW_COLUMN} LIMIT 1000)`,
        )
      ).getRowsJS()[0]?.[0] ?? 0,
    );
    const sample = (
      await conn.runAndReadAll(
        `SELECT ${names} FROM ${src} WHERE ${ROW_COLUMN} <= ${lastLine} ORDER BY ${ROW_COLUMN} LIMIT 1000`,
      )
    ).getRowsJS();
    const info: DatasetInfo = {
      datasetId: req.datasetId,
      fileName: req.fileName,
      format: req.format,
      encoding: req.encoding,
      rows,
      bytes: req.bytes,
      checksum: req.checksum,
      headerRow,
      columns: staged.headers.map((name, i) => ({
        name,
        type: inferColumnType(sample.map((r) => r[i + 1] as string | null)),
      })),
      idKeys: Object.fromEntries(
        staged.idColumns.map((i, k) => [staged.headers[i] as string, idKeyNames[k] as string]),
      ),
    };
    const parquet = await fs.readFile(parquetFile);
    // The 身份证号 values without a mark are looked at by DuckDB's threads while this thread seals
    // the file; a failure of either leaves no dataset behind.
    const [problems, sealing] = await Promise.allSettled([
      idProblems(conn, parquetFile, staged, idKeyNames, req.today),
      store.add(info, parquet),
    ]);
    if (problems.status === 'rejected' || sealing.status === 'rejected') {
      if (sealing.status === 'fulfilled') await store.drop(req.datasetId, true);
      throw problems.status === 'rejected' ? problems.reason : (sealing as PromiseRejectedResult).reason;
    }
    const invalid = problems.value;
    prewarm(sealing.value, req.today);
    const preview = sample
      .slice(0, 20)
      .map((r) => Object.fromEntries(staged.headers.map((h, i) => [h, (r[i + 1] ?? null) as string | null])));
    return { ...info, preview, invalid };
  } finally {
    remove(parquetFile);
    remove(staged.file);
    disconnect(conn);
  }
}

/** The values of the staged 身份证号 columns without a fast-path mark that normalizeIdNo refuses too, with counts and examples. */
async function idProblems(
  conn: DuckDBConnection,
  parquetFile: string,
  staged: StagedInput,
  idKeyNames: string[],
  today: string,
): Promise<IdColumnProblems[]> {
  const out: IdColumnProblems[] = [];
  for (const [k, i] of staged.idColumns.entries()) {
    const column = staged.headers[i] as string;
    const res = await conn.runAndReadAll(
      `SELECT "${column.replaceAll('"', '""')}" AS raw, count(*) AS n, min(${ROW_COLUMN}) AS first
       FROM read_parquet(${lit.str(parquetFile)}) WHERE "${idKeyNames[k]}" IS NULL GROUP BY ALL`,
    );
    let rows = 0;
    const examples: IdColumnProblems['examples'] = [];
    for (const [raw, n, first] of res.getRowsJS()) {
      const value = raw === null ? null : String(raw);
      const r = normalizeIdNo(value ?? '', { today });
      if (r.ok) continue;
      rows += Number(n);
      examples.push({ row: Number(first), value, reason: r.reason });
    }
    examples.sort((a, b) => a.row - b.row);
    if (rows) out.push({ column, rows, examples: examples.slice(0, 20) });
  }
  return out;
}

/**
 * The prepared table of one input of a run: one already built (or being built) for the same day
 * with every column this run needs is reused, whatever else it holds; else a new one.
 */
function preparedFor(conn: DuckDBConnection, entry: Entry, columns: PrepColumn[], today: string): Promise<Prepared> {
  const items = columns.map((c) => JSON.stringify([c.logical, c.column, c.kind]));
  for (const [sig, p] of entry.prepared) {
    const [day, have] = JSON.parse(sig) as [string, string[]];
    if (day === today && items.every((i) => have.includes(i))) return p;
  }
  const sig = JSON.stringify([today, items]);
  const p = prepareTable({ conn, parquet: entry.parquet, columns, scratch, textKeys, today });
  entry.prepared.set(sig, p);
  p.then(
    (r) => {
      entry.preparedBytes += r.bytes;
    },
    () => entry.prepared.delete(sig),
  );
  return p;
}

/** How the engine prepares each logical column (invoice numbers are digits, not free text). */
function prepKindOf(logical: TLogicalColumn): PrepKind | null {
  if (logical === 'invoiceNo') return 'invoiceNo';
  const kind = LOGICAL_COLUMN_KINDS[logical];
  return kind === 'name' ? null : kind === 'idNo' ? 'idKey' : kind === 'text' ? 'textKey' : kind;
}

/**
 * Right after an upload, the columns whose headers name a logical column (身份证号, 发放日期, 补贴项目 …)
 * are normalized in the background, so that by the time the columns are mapped the first run
 * finds them ready (a run reuses any prepared table holding what it needs).
 */
function prewarm(entry: Entry, today: string): void {
  const columns: PrepColumn[] = [];
  for (const { name } of entry.info.columns) {
    const logical = logicalColumnOf(name);
    const kind = logical && prepKindOf(logical);
    if (!logical || !kind || columns.some((c) => c.logical === logical)) continue;
    columns.push({ logical, column: name, kind, idKeyColumn: entry.info.idKeys[name] });
  }
  if (columns.length === 0) return;
  void track(
    connect().then(async (conn) => {
      try {
        await preparedFor(conn, entry, columns, today);
      } finally {
        disconnect(conn);
      }
    }),
  ).catch(() => undefined);
}

/** Fetches the source rows `rows` of a dataset, as {header: cell}. */
async function sourceRows(
  conn: DuckDBConnection,
  entry: Entry,
  file: string,
  rows: number[],
): Promise<Map<number, Record<string, string | null>>> {
  const out = new Map<number, Record<string, string | null>>();
  const headers = entry.info.columns.map((c) => c.name);
  const names = [ROW_COLUMN, ...headers].map((h) => `"${h.replaceAll('"', '""')}"`).join(', ');
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += 2000) {
    const chunk = sorted.slice(i, i + 2000);
    const res = await conn.runAndReadAll(
      `SELECT ${names} FROM read_parquet(${lit.str(file)})
       WHERE ${ROW_COLUMN} BETWEEN ${chunk[0]} AND ${chunk[chunk.length - 1]} AND ${ROW_COLUMN} IN (${chunk.join(',')})`,
    );
    for (const r of res.getRowsJS())
      out.set(Number(r[0]), Object.fromEntries(headers.map((h, k) => [h, (r[k + 1] ?? null) as string | null])));
  }
  return out;
}

const formatPeriod = (v: unknown) => {
  const n = Number(v);
  return `${Math.trunc(n / 100)}-${String(n % 100).padStart(2, '0')}`;
};

function keyText(name: string, v: unknown): string {
  if (name === 'idNo') {
    const body = String(v).padStart(17, '0');
    return body + idCheckChar(body);
  }
  if (name === 'period' || name === 'month') return formatPeriod(v);
  return String(v);
}

async function run(req: Extract<Request, { op: 'run' }>, progress: (p: Progress) => void): Promise<RunOutcome> {
  const spec: TRunSpec = req.spec;
  const tpl = TEMPLATES[spec.rule];
  const def = auditRuleOf(spec.rule);
  const roles = ruleRoles(def);
  const state = running.get(req.runId) as { conn: DuckDBConnection | null; cancelled: boolean };
  const conn = await connect();
  state.conn = conn;
  const entries = new Map<string, Entry>();
  const evidenceFiles = new Map<string, Promise<string>>();
  const phase = (p: TRunPhase, fraction: number) => {
    if (state.cancelled) throw new Cancelled();
    progress({ kind: 'run', phase: p, fraction });
  };
  try {
    phase('loading', 0);
    const inputs = roles.flatMap((role) => (spec.inputs[role] ?? []).map((input, ds) => ({ role, ds, input })));
    for (const [i, { input }] of inputs.entries()) {
      if (!entries.has(input.datasetId)) entries.set(input.datasetId, await store.acquire(input.datasetId));
      phase('loading', (i + 1) / inputs.length);
    }
    const mapped = mappedOf(spec);
    for (const { input } of inputs) {
      const entry = entries.get(input.datasetId) as Entry;
      const known = new Set(entry.info.columns.map((c) => c.name));
      for (const column of Object.values(input.columns))
        if (column && !known.has(column)) throw new RunInputError(`数据表“${entry.info.fileName}”中没有“${column}”列`);
    }
    const problem = tpl.check?.(spec.params, mapped);
    if (problem) throw new RunInputError(problem);

    const needs = tpl.needs(spec.params);
    const preps: { role: TAuditRole; ds: number; datasetId: string; p: Prepared }[] = [];
    for (const [i, { role, ds, input }] of inputs.entries()) {
      const entry = entries.get(input.datasetId) as Entry;
      const columns: PrepColumn[] = Object.entries(needs[role] ?? {}).map(([logical, kind]) => {
        const column = mapped[role]?.has(logical as TLogicalColumn)
          ? (input.columns[logical as TLogicalColumn] ?? null)
          : null;
        return {
          logical: logical as TLogicalColumn,
          column,
          kind,
          idKeyColumn: column ? entry.info.idKeys[column] : undefined,
        };
      });
      preps.push({ role, ds, datasetId: input.datasetId, p: await preparedFor(conn, entry, columns, req.today) });
      phase('preparing', (i + 1) / inputs.length);
    }

    for (const role of roles) {
      const parts = preps
        .filter((x) => x.role === role)
        .map((x) => `SELECT ${x.ds} AS _ds, * FROM ${x.p.table}`)
        .join(' UNION ALL BY NAME ');
      await conn.run(`CREATE TEMP VIEW ${role} AS ${parts}`);
    }
    if (spec.rule === 'invoiceScreens') await offdays(conn, req.calendar);

    // The evidence rows are read from the datasets' Parquet files: they are written to the scratch
    // folder while DuckDB matches rather than after it (a few tens of megabytes each).
    for (const [id, e] of entries) {
      const written = scratch.write('parquet', e.parquet);
      // Handled here so that a failed write does not end the thread before the fetch or the
      // clean-up below looks at it.
      written.catch(() => undefined);
      evidenceFiles.set(id, written);
    }
    const sql = runSql(spec);
    phase('matching', 0);
    const result = await watched(conn, conn.runAndReadUntil(sql, MAX_HITS + 1), (f) =>
      progress({ kind: 'run', phase: 'matching', fraction: f }),
    );
    const rows = result.getRowObjectsJS();
    const hitCount =
      rows.length > MAX_HITS
        ? Number((await conn.runAndReadAll(`SELECT count(*) FROM (${sql})`)).getRowsJS()[0]?.[0])
        : rows.length;
    const kept = rows.slice(0, MAX_HITS);
    phase('evidence', 0);

    const wanted = new Map<string, number[]>();
    const evidenceRoles = AUDIT_ROLES.filter((r) => roles.includes(r));
    const inputOf = (role: TAuditRole, ds: number) => (spec.inputs[role] ?? [])[ds];
    for (const r of kept)
      for (const role of evidenceRoles)
        for (const ref of (r[`e_${role}`] as { ds: number; row: number }[] | null) ?? []) {
          const id = inputOf(role, ref.ds)?.datasetId as string;
          const list = wanted.get(id) ?? [];
          list.push(ref.row);
          wanted.set(id, list);
        }
    // One connection per table: DuckDB reads the tables' rows side by side.
    const fetched = new Map<string, Map<number, Record<string, string | null>>>();
    let done = 0;
    await Promise.all(
      [...wanted].map(async ([datasetId, list]) => {
        const c = await connect();
        try {
          const file = await (evidenceFiles.get(datasetId) as Promise<string>);
          fetched.set(datasetId, await sourceRows(c, entries.get(datasetId) as Entry, file, list));
        } finally {
          disconnect(c);
        }
        phase('evidence', ++done / wanted.size);
      }),
    );

    const columnsOf = new Map<string, Partial<Record<TLogicalColumn, string>>>();
    for (const { role, input } of inputs) columnsOf.set(`${role}|${input.datasetId}`, input.columns);
    const cell = (
      role: TAuditRole,
      ref: { datasetId: string; values: Record<string, string | null> },
      logical: TLogicalColumn,
    ) => {
      const column = columnsOf.get(`${role}|${ref.datasetId}`)?.[logical];
      return column ? (ref.values[column] ?? null) : null;
    };
    const hits: THit[] = kept.map((r) => {
      const keysOut: Record<string, string> = {};
      const measures: Record<string, string | number> = {};
      const evidence: Partial<Record<TAuditRole, TEvidenceRow[]>> = {};
      for (const [name, v] of Object.entries(r)) {
        if (v === null || v === undefined) continue;
        if (name.startsWith('k_')) keysOut[name.slice(2)] = keyText(name.slice(2), v);
        else if (name.startsWith('m_'))
          measures[name.slice(2)] = typeof v === 'bigint' ? Number(v) : (v as string | number);
      }
      for (const role of evidenceRoles) {
        const refs = (r[`e_${role}`] as { ds: number; row: number }[] | null) ?? [];
        evidence[role] = refs.map((ref) => {
          const datasetId = inputOf(role, ref.ds)?.datasetId as string;
          return { datasetId, row: ref.row, values: fetched.get(datasetId)?.get(ref.row) ?? {} };
        });
      }
      const hit = { keys: keysOut, evidence, measures };
      tpl.finish?.(hit, cell);
      return hit;
    });

    // The rows left out for a value this rule reads (a table prepared for another rule may know of
    // more), table by table in the order of the inputs, each by row.
    const invalidRows: TInvalidRow[] = [];
    let invalidRowCount = 0;
    for (const x of preps) {
      const rows: TInvalidRow[] = [];
      for (const logical of Object.keys(needs[x.role] ?? {}) as TLogicalColumn[]) {
        const found = x.p.invalid[logical];
        if (!found) continue;
        // An empty optional column (a payment without its period) is not an invalid row.
        const kinds = ROLE_COLUMNS[x.role].required.includes(logical) ? [found.bad, found.empty] : [found.bad];
        for (const k of kinds) {
          invalidRowCount += k.count;
          for (const cell of k.rows) rows.push({ role: x.role, datasetId: x.datasetId, ...cell });
        }
      }
      invalidRows.push(...rows.sort((a, b) => a.row - b.row));
    }
    invalidRows.splice(MAX_INVALID_LISTED);
    return {
      status: 'done',
      hits,
      hitCount,
      invalidRows,
      invalidRowCount,
      sql,
      templateVersion: def.version,
      inputChecksums: Object.fromEntries([...entries].map(([id, e]) => [id, e.info.checksum])),
    };
  } catch (e) {
    if (state.cancelled) return cancelledOutcome(spec);
    throw e;
  } finally {
    running.delete(req.runId);
    for (const file of evidenceFiles.values()) remove(await file.catch(() => null));
    for (const role of roles) await conn.run(`DROP VIEW IF EXISTS ${role}`).catch(() => undefined);
    disconnect(conn);
    for (const e of entries.values()) await store.release(e);
  }
}
function cancelledOutcome(spec: TRunSpec): RunOutcome {
  return {
    status: 'cancelled',
    hits: [],
    hitCount: 0,
    invalidRows: [],
    invalidRowCount: 0,
    sql: '',
    templateVersion: auditRuleOf(spec.rule).version,
    inputChecksums: {},
  };
}

/** `offdays(date, kind)`: the invoice dates that are days off by the office's calendar, as the domain decides. */
async function offdays(conn: DuckDBConnection, calendar: { holidays: string[]; workdays: string[] }): Promise<void> {
  const cal = { holidays: new Set(calendar.holidays), workdays: new Set(calendar.workdays) };
  const dates = (
    await conn.runAndReadAll('SELECT DISTINCT invoiceDate::VARCHAR FROM invoices WHERE invoiceDate IS NOT NULL')
  )
    .getRowsJS()
    .map((r) => String(r[0]));
  await conn.run('CREATE TEMP TABLE offdays (date DATE, kind VARCHAR)');
  const off = dates.filter((d) => !isWorkingDay(d, cal));
  if (off.length)
    await conn.run(
      `INSERT INTO offdays VALUES ${off
        .map((d) => `(DATE '${d}', '${cal.holidays.has(d) ? '法定节假日' : '周末'}')`)
        .join(', ')}`,
    );
}

async function handle(req: Request, progress: (p: Progress) => void): Promise<unknown> {
  switch (req.op) {
    case 'ingest':
      return ingest(req, progress);
    case 'run':
      running.set(req.runId, { conn: null, cancelled: false });
      return run(req, progress);
    case 'cancel': {
      const r = running.get(req.runId);
      if (!r) return false;
      r.cancelled = true;
      r.conn?.interrupt();
      return true;
    }
    case 'delete':
      await store.drop(req.datasetId, true);
      return true;
    case 'reseal':
      return store.reseal(req.datasetId);
    case 'hashUpdate': {
      const h = hashes.get(req.hashId) ?? createHash('sm3');
      hashes.set(req.hashId, h);
      h.update(req.data);
      return null;
    }
    case 'hashSync':
      return true;
    case 'hashEnd': {
      const h = hashes.get(req.hashId) ?? createHash('sm3');
      hashes.delete(req.hashId);
      return h.digest('hex');
    }
    case 'close':
      await shutdown();
      return true;
    case 'idle':
      while (inflight.size) await Promise.allSettled([...inflight]);
      return true;
    case 'stats': {
      const s = store.stats();
      return { cachedDatasets: s.datasets, cachedBytes: s.bytes, preparedTables: s.prepared } satisfies EngineStats;
    }
  }
}

port.on('message', (msg: { id: number; req: Request }) => {
  // Id 0: no answer wanted (the chunks of an upload's SM3).
  const post = (r: Reply) => msg.id !== 0 && port.postMessage(r);
  const work = handle(msg.req, (p) => post({ id: msg.id, progress: p }));
  // Closing and waiting for idleness wait for everything else, not for themselves.
  if (msg.req.op !== 'close' && msg.req.op !== 'idle') track(work);
  work.then(
    (result) => post({ id: msg.id, ok: true, result }),
    (e: unknown) => {
      const err = e as Error & { code?: string; line?: number; datasetId?: string };
      post({
        id: msg.id,
        ok: false,
        error: { name: err.name, message: err.message, code: err.code, line: err.line, datasetId: err.datasetId },
      });
    },
  );
});
port.postMessage({ ready: true });
