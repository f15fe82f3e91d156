import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, ErrorCode } from '@xc/domain';
import type { TAuditRole } from '@xc/domain/auditlink/columns';
import type { TAuditRuleId } from '@xc/domain/auditlink/rules';
import { checkRunSpec, type TRunInput, type TRunPhase, type TRunSpec } from '@xc/domain/auditlink/schemas';
import type { TCalendar } from '@xc/domain/planning/calendar';
import { type Clock, systemClock, today } from '../../../platform/clock.ts';
import type { KeyRing } from '../../../platform/keys.ts';
import { type Hasher, stageCsv } from './csv-stage.ts';
import { DatasetFormatError, DatasetNotFoundError, RunInputError } from './errors.ts';
import { birthLimit } from './id-fast.ts';
import type {
  EngineStats,
  IdColumnProblems,
  IngestOutcome,
  Progress,
  Reply,
  Request,
  RunOutcome,
  WorkerConfig,
} from './protocol.ts';
import { defaultScratchRoot, remove, Scratch } from './scratch.ts';
import { deriveSealKeys, SealedFileError } from './sealed.ts';
import { runMappingProblem, runSql } from './sql-text.ts';

export interface AuditEngineOptions {
  /** The platform's data folder; sealed datasets go to `<dataDir>/auditlink/<datasetId>.parquet.enc`. */
  dataDir: string;
  /** The installation's keys: datasets are sealed with keys derived from its field key. */
  keys: KeyRing;
  /** Where plaintext working copies live while in use: /dev/shm when the machine has it, else the system's temporary folder. */
  scratchRoot?: string;
  /** Memory for datasets kept loaded and their prepared tables; default a quarter of the machine's memory, at most 4 GiB. */
  cacheBytes?: number;
  /** DuckDB's threads; default the machine's cores. */
  threads?: number;
  /** DuckDB's memory limit, e.g. '4GB'; default half of the machine's memory. */
  memoryLimit?: string;
  /** For "today" (plausible birth dates); default the system clock. */
  clock?: Clock;
}

export interface IngestOptions {
  /** The id the service gives the dataset (a UUID); the sealed file is named after it. */
  datasetId: string;
  /** The uploaded file's bytes as they arrive (a multipart file stream, a file read stream …). */
  source: AsyncIterable<Buffer>;
  /** The name the user's file had, for display. */
  fileName: string;
  /** Bytes received and rows read so far, every few megabytes. */
  onProgress?: (bytes: number, rows: number) => void;
}

export interface IngestResult extends Omit<IngestOutcome, 'idKeys' | 'datasetId' | 'invalid'> {
  /** 身份证号 columns with invalid values; absent when there are none. */
  invalid?: IdColumnProblems[];
}

export interface RunOptions {
  /** The id the service gives the run; `cancel(runId)` stops it. */
  runId: string;
  rule: TAuditRuleId;
  /** Role → the dataset (or datasets) and its column mapping (logical → header in the file). */
  inputs: Partial<Record<TAuditRole, TRunInput | TRunInput[]>>;
  /** Parameter values; missing ones take the catalog's defaults. */
  params?: Record<string, unknown>;
  /** The office's holiday calendar (invoiceScreens: dates on days off). */
  calendar?: TCalendar;
  onProgress?: (p: { phase: TRunPhase; fraction: number }) => void;
}

export type RunResult = RunOutcome;

const DATASET_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Bytes of an upload handed to the worker's SM3 at a time. */
const HASH_BATCH = 1024 * 1024;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  progress?: (p: Progress) => void;
}

/**
 * The analytical engine of 巡审贯通: one per process. It takes uploaded tables in (streamed, sealed
 * to disk as Parquet) and runs the comparison rules on them in a worker thread with DuckDB inside,
 * so the API's event loop never waits for an analysis. See index.ts for the contract.
 */
export class AuditEngine {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly scratch: Scratch;
  private readonly clock: Clock;
  private closed = false;

  private constructor(private readonly opts: AuditEngineOptions) {
    this.scratch = Scratch.create(opts.scratchRoot ?? defaultScratchRoot());
    this.clock = opts.clock ?? systemClock;
  }

  /** Where plaintext working copies live while in use (nothing stays there once an operation is over). */
  get scratchDir(): string {
    return this.scratch.dir;
  }

  /** Starts an engine and its worker. */
  static async open(opts: AuditEngineOptions): Promise<AuditEngine> {
    const engine = new AuditEngine(opts);
    await engine.start();
    return engine;
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const cpus = os.availableParallelism();
    const mem = os.totalmem();
    const sealKeys = deriveSealKeys(this.opts.keys);
    const config: WorkerConfig = {
      datasetDir: path.join(this.opts.dataDir, 'auditlink'),
      scratchDir: this.scratch.dir,
      tmpDir: this.scratch.mkdir('tmp'),
      keys: { current: sealKeys.current, byVersion: [...sealKeys.byVersion] },
      cacheBytes: this.opts.cacheBytes ?? Math.min(4 * 1024 ** 3, Math.floor(mem / 4)),
      threads: this.opts.threads ?? cpus,
      memoryLimit: this.opts.memoryLimit ?? `${Math.max(1, Math.floor(mem / 2 / 1024 ** 3))}GB`,
    };
    const entry = new URL(`./worker${path.extname(new URL(import.meta.url).pathname)}`, import.meta.url).href;
    // Running from TypeScript sources (npm start, tests): the worker needs tsx's loader too.
    const tsx = entry.endsWith('.ts') ? tsxApi() : null;
    const boot = `const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) { const m = await import(workerData.tsx); (m.register ?? m.default.register)(); }
  await import(workerData.entry);
})();`;
    const worker = new Worker(boot, {
      eval: true,
      execArgv: [],
      workerData: { entry, tsx, config },
      // A copy of the environment of its own, so that the worker can point TMPDIR at the scratch folder.
      env: { ...process.env },
    });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m: Reply | { ready: true }) => {
        if ('ready' in m) {
          worker.off('error', reject);
          resolve();
          return;
        }
        const p = this.pending.get(m.id);
        if (!p) return;
        if ('progress' in m) p.progress?.(m.progress);
        else {
          this.pending.delete(m.id);
          if (m.ok) p.resolve(m.result);
          else p.reject(rebuildError(m.error));
        }
      });
    });
    worker.on('exit', () => {
      this.worker = null;
      this.ready = null;
      for (const p of this.pending.values()) p.reject(new AppError(ErrorCode.Internal, '数据比对引擎意外停止，请重试'));
      this.pending.clear();
    });
    return this.ready;
  }

  private async call<T>(req: Request, progress?: (p: Progress) => void): Promise<T> {
    if (this.closed && req.op !== 'close') throw new AppError(ErrorCode.Unavailable, '数据比对引擎已关闭');
    await this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
      (this.worker as Worker).postMessage({ id, req });
    });
  }

  /**
   * SM3 of an upload, computed by the worker while this thread stages the file: the two cores share
   * the pass over the bytes. Every 8 MB the worker is waited for, so its queue stays short.
   */
  private async hasher(): Promise<Hasher> {
    await this.start();
    const worker = this.worker as Worker;
    const hashId = this.nextId++;
    let unsynced = 0;
    // The chunks of a request are small (64 KB off the socket): they are gathered into batches of
    // HASH_BATCH bytes, each an ArrayBuffer of its own handed over to the worker, so that a 150 MB
    // upload costs the two threads 150 messages rather than 2,400.
    let batch = new Uint8Array(HASH_BATCH);
    let filled = 0;
    const post = () => {
      if (filled === 0) return;
      // A full batch is handed over (and replaced); a partial one is copied and kept.
      const full = filled === batch.length;
      const data = full ? batch : batch.slice(0, filled);
      worker.postMessage({ id: 0, req: { op: 'hashUpdate', hashId, data } satisfies Request }, [data.buffer]);
      if (full) batch = new Uint8Array(HASH_BATCH);
      filled = 0;
    };
    const alive = () => {
      if (this.worker !== worker) throw new AppError(ErrorCode.Internal, '数据比对引擎意外停止，请重新上传');
    };
    return {
      update: async (chunk) => {
        alive();
        for (let from = 0; from < chunk.length; ) {
          const n = Math.min(chunk.length - from, batch.length - filled);
          batch.set(chunk.subarray(from, from + n), filled);
          filled += n;
          from += n;
          if (filled === batch.length) post();
        }
        unsynced += chunk.length;
        if (unsynced >= 8 * 1024 * 1024) {
          unsynced = 0;
          post();
          await this.call({ op: 'hashSync', hashId });
        }
      },
      digest: () => {
        alive();
        post();
        return this.call<string>({ op: 'hashEnd', hashId });
      },
    };
  }

  /**
   * Takes an uploaded CSV (UTF-8, UTF-8 with BOM or GB18030/GBK, found by looking at the bytes) or
   * XLSX (the first worksheet), streamed: the file is never whole in memory. Title rows above the
   * header are skipped; every column is kept as the text in the file, with a type inferred for
   * display. The result is sealed under the data folder and kept loaded for the runs that follow.
   * Throws DatasetFormatError (400) with the line for a file it cannot read.
   */
  async ingest(o: IngestOptions): Promise<IngestResult> {
    if (!DATASET_ID.test(o.datasetId)) throw new AppError(ErrorCode.BadRequest, '数据集编号格式不正确');
    const it = o.source[Symbol.asyncIterator]();
    let staged: string | null = null;
    const hasher = await this.hasher();
    try {
      // Enough bytes to tell the format by its magic number.
      const firsts: Buffer[] = [];
      let length = 0;
      while (length < 8) {
        const r = await it.next();
        if (r.done) break;
        firsts.push(Buffer.from(r.value));
        length += r.value.length;
      }
      if (length === 0) throw new DatasetFormatError('文件是空的');
      const head = Buffer.concat(firsts);
      const source = (async function* () {
        yield head;
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          yield r.value;
        }
      })();
      const day = today(this.clock);
      const common = { datasetId: o.datasetId, fileName: o.fileName, today: day };
      let req: Request;
      const magic = head.length >= 4 ? head.readUInt32LE(0) : 0;
      if (magic === 0x04034b50) {
        const file = this.scratch.create('xlsx');
        staged = file;
        const { bytes, checksum } = await saveTo(file, source, hasher, o.onProgress);
        req = {
          op: 'ingest',
          ...common,
          format: 'xlsx',
          encoding: 'utf8',
          bytes,
          checksum,
          headerRow: 0,
          staged: { xlsx: file },
        };
      } else {
        if (magic === 0xe011cfd0)
          throw new DatasetFormatError('这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后上传');
        const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
        if (!utf16 && head.subarray(0, 4096).includes(0))
          throw new DatasetFormatError('文件不是 CSV 或 Excel（.xlsx）文件');
        const t = await stageCsv({
          source,
          scratch: this.scratch,
          hasher,
          latestBirth: birthLimit(day),
          onProgress: o.onProgress,
        });
        staged = t.file;
        req = {
          op: 'ingest',
          ...common,
          format: 'csv',
          encoding: t.encoding,
          bytes: t.bytes,
          checksum: t.checksum,
          headerRow: t.headerRow,
          staged: {
            file: t.file,
            headers: t.headers,
            delimiter: t.delimiter,
            idColumns: t.idColumns,
            records: t.records,
          },
        };
      }
      const out = await this.call<IngestOutcome>(req, (p) => {
        if (p.kind === 'ingest') o.onProgress?.(p.bytes, p.rows);
      });
      const { idKeys: _keys, datasetId: _id, invalid, ...rest } = out;
      return invalid.length ? { ...rest, invalid } : rest;
    } catch (e) {
      await it.return?.();
      await hasher.digest().catch(() => undefined);
      throw e;
    } finally {
      remove(staged);
    }
  }

  /**
   * Runs a rule in the worker. The inputs are checked against the rule (roles, required columns,
   * parameters: RunInputError, 400); the result holds the hits with their evidence rows, the rows
   * left out because a value could not be read, the SQL that ran, the template's version and the
   * SM3 of each input file. `cancel(runId)` ends it with status 'cancelled'.
   */
  async run(o: RunOptions): Promise<RunResult> {
    return this.runSpec({ ...o, spec: this.spec(o.rule, o.inputs, o.params ?? {}) });
  }

  /**
   * Runs a spec already checked and resolved (checkRunSpec, or ZRunCreate's output: parameters with
   * their defaults, amounts in 分), as the service keeps it with the run so that it can be run again.
   */
  async runSpec(o: Omit<RunOptions, 'rule' | 'inputs' | 'params'> & { spec: TRunSpec }): Promise<RunResult> {
    const problem = runMappingProblem(o.spec);
    if (problem) throw new RunInputError(problem);
    const calendar = { holidays: [...(o.calendar?.holidays ?? [])], workdays: [...(o.calendar?.workdays ?? [])] };
    return this.call<RunResult>(
      { op: 'run', runId: o.runId, spec: o.spec, calendar, today: today(this.clock) },
      (p) => {
        if (p.kind === 'run') o.onProgress?.({ phase: p.phase, fraction: p.fraction });
      },
    );
  }

  /** Interrupts a running run (it ends 'cancelled'); false when no such run is running. */
  async cancel(runId: string): Promise<boolean> {
    if (!this.worker) return false;
    return this.call<boolean>({ op: 'cancel', runId });
  }

  /** The SQL a run with these inputs and parameters would execute, for the gallery's read-only preview. */
  previewSql(rule: TAuditRuleId, inputs: RunOptions['inputs'], params: Record<string, unknown> = {}): string {
    return runSql(this.spec(rule, inputs, params));
  }

  /** Deletes a dataset: its sealed file and whatever the worker holds of it. */
  async deleteDataset(datasetId: string): Promise<void> {
    if (!DATASET_ID.test(datasetId)) throw new DatasetNotFoundError(datasetId);
    await this.call({ op: 'delete', datasetId });
  }

  /**
   * Re-seals a dataset under the current field key after a key rotation (rotate-keys); false when
   * it already was.
   */
  async resealDataset(datasetId: string): Promise<boolean> {
    if (!DATASET_ID.test(datasetId)) throw new DatasetNotFoundError(datasetId);
    return this.call<boolean>({ op: 'reseal', datasetId });
  }

  /** Resolves once the worker has nothing under way, the preparation it starts after each upload included. */
  async idle(): Promise<void> {
    await this.call({ op: 'idle' });
  }

  /** What the worker holds in memory. */
  stats(): Promise<EngineStats> {
    return this.call<EngineStats>({ op: 'stats' });
  }

  /** Stops the worker (after interrupting and waiting for its work) and removes the scratch folder. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (worker) {
      // DuckDB is stopped inside the worker first: terminating a thread whose DuckDB threads are
      // still working would take the whole process down with it.
      await this.call({ op: 'close' }).catch(() => undefined);
      await worker.terminate();
    }
    this.scratch.dispose();
  }

  private spec(rule: TAuditRuleId, inputs: RunOptions['inputs'], params: Record<string, unknown>): TRunSpec {
    const r = checkRunSpec(rule, inputs, params);
    if (!r.ok) throw new RunInputError(r.reason);
    return r.value;
  }
}

/** tsx's ESM API (`register`): found through require, whose answer is the CommonJS build beside it. */
function tsxApi(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(path.join(path.dirname(cjs), 'index.mjs')).href;
}

async function saveTo(
  file: string,
  source: AsyncIterable<Buffer>,
  hasher: Hasher,
  onProgress?: (bytes: number, rows: number) => void,
): Promise<{ bytes: number; checksum: string }> {
  const fh = await fs.open(file, 'w');
  let bytes = 0;
  let next = 8 * 1024 * 1024;
  try {
    for await (const chunk of source) {
      await hasher.update(chunk);
      bytes += chunk.length;
      await fh.write(chunk);
      if (bytes >= next) {
        next += 8 * 1024 * 1024;
        onProgress?.(bytes, 0);
      }
    }
  } finally {
    await fh.close();
  }
  return { bytes, checksum: await hasher.digest() };
}

function rebuildError(e: { name: string; message: string; code?: string; line?: number; datasetId?: string }): Error {
  switch (e.name) {
    case 'DatasetFormatError':
      return new DatasetFormatError(e.message, e.line);
    case 'RunInputError':
      return new RunInputError(e.message);
    case 'DatasetNotFoundError':
      return new DatasetNotFoundError(e.datasetId ?? '');
    case 'SealedFileError':
      return new SealedFileError(e.message);
    case 'AppError':
      return new AppError((e.code ?? ErrorCode.Internal) as typeof ErrorCode.Internal, e.message);
    default:
      return new Error(e.message);
  }
}
