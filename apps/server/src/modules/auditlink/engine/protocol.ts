import type { TAuditRole } from '@xc/domain/auditlink/columns';
import type {
  TDatasetColumn,
  TDatasetEncoding,
  TDatasetFormat,
  THit,
  TInvalidRow,
  TRunPhase,
  TRunSpec,
} from '@xc/domain/auditlink/schemas';

/** Messages between the engine (main thread) and its worker. Everything here survives structured cloning. */

export interface WorkerConfig {
  /** <dataDir>/auditlink: where sealed datasets live. */
  datasetDir: string;
  /** The engine's scratch folder. */
  scratchDir: string;
  /** The worker's TMPDIR, in the scratch folder: exceljs parks worksheets (personal data) in temporary files. */
  tmpDir: string;
  keys: { current: number; byVersion: [number, { enc: Uint8Array; mac: Uint8Array }][] };
  cacheBytes: number;
  threads: number;
  memoryLimit: string;
}

/** What ingest learnt about a dataset; kept in the sealed file's header too. */
export interface DatasetInfo {
  datasetId: string;
  fileName: string;
  format: TDatasetFormat;
  encoding: TDatasetEncoding;
  rows: number;
  bytes: number;
  checksum: string;
  headerRow: number;
  columns: TDatasetColumn[];
  /**
   * File column → the Parquet column marking (BOOLEAN true) its 身份证号 values in the clean shape,
   * whose key is their first 17 digits. Datasets sealed before the marks hold the keys themselves
   * in a BIGINT column named `__idkey__<i>`; prepare.ts reads both.
   */
  idKeys: Record<string, string>;
}

export interface StagedInput {
  file: string;
  headers: string[];
  delimiter: string;
  idColumns: number[];
  records: number;
}

export type Request =
  | {
      op: 'ingest';
      datasetId: string;
      fileName: string;
      format: TDatasetFormat;
      encoding: TDatasetEncoding;
      bytes: number;
      checksum: string;
      headerRow: number;
      /** A staged CSV (from a CSV upload), or the .xlsx to stage in the worker. */
      staged: StagedInput | { xlsx: string };
      /** 'YYYY-MM-DD' in Asia/Shanghai: 身份证号 born later are not plausible. */
      today: string;
    }
  | {
      op: 'run';
      runId: string;
      spec: TRunSpec;
      /** The office's days off and working weekends (调休), for invoiceScreens. */
      calendar: { holidays: string[]; workdays: string[] };
      today: string;
    }
  | { op: 'cancel'; runId: string }
  | { op: 'delete'; datasetId: string }
  | { op: 'reseal'; datasetId: string }
  | { op: 'stats' }
  /** Interrupts and waits for the work under way, closes DuckDB: then the thread can end. */
  | { op: 'close' }
  /** Answers once no work is under way, background preparation included. */
  | { op: 'idle' }
  /** SM3 of an upload, taken in the worker while the main thread stages it. */
  | { op: 'hashUpdate'; hashId: number; data: Uint8Array }
  | { op: 'hashSync'; hashId: number }
  | { op: 'hashEnd'; hashId: number };

/** A 身份证号 column with values that are not valid numbers, found at upload (runs report them too). */
export interface IdColumnProblems {
  column: string;
  /** Rows whose value is not a valid 身份证号 (empty ones included). */
  rows: number;
  /** The first few of them. */
  examples: { row: number; value: string | null; reason: string }[];
}

export interface IngestOutcome extends DatasetInfo {
  /** The first 20 rows, as {header: cell}. */
  preview: Record<string, string | null>[];
  invalid: IdColumnProblems[];
}

export interface RunOutcome {
  status: 'done' | 'cancelled';
  hits: THit[];
  /** Hits the rule found; `hits` keeps the first MAX_HITS of them. */
  hitCount: number;
  invalidRows: TInvalidRow[];
  invalidRowCount: number;
  sql: string;
  templateVersion: number;
  inputChecksums: Record<string, string>;
}

export interface EngineStats {
  cachedDatasets: number;
  cachedBytes: number;
  preparedTables: number;
}

export type Progress =
  | { kind: 'ingest'; bytes: number; rows: number }
  | { kind: 'run'; phase: TRunPhase; fraction: number };

export type Reply =
  | { id: number; ok: true; result: unknown }
  | {
      id: number;
      ok: false;
      error: { name: string; message: string; code?: string; line?: number; datasetId?: string };
    }
  | { id: number; progress: Progress };

export type RoleRefs = Partial<Record<TAuditRole, { ds: number; row: number }[]>>;
