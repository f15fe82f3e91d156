import type {
  TAuditRole,
  TDatasetColumnOut,
  TDatasetEncoding,
  TDatasetFormat,
  TDatasetStatus,
  THitStatus,
  TLogicalColumn,
  TRunPhase,
  TRunStatus,
} from '@xc/domain';
import { bigint, boolean, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authorities } from './orgs.ts';
import { inspections } from './planning.ts';

// 巡审贯通 (issue 14). The tables brought in live as sealed Parquet files under the data folder (the
// engine's, modules/auditlink/engine); these tables hold what is known about them, the runs of the
// comparison rules and what the runs found. Rows carry the inspection's authority, copied when
// written, for the scope checks. Columns ending in `_enc` hold SM4-GCM ciphertexts (FieldCipher,
// AAD = table|id|column|keyVersion): they hold people's 身份证号, names and payments.

/** A table brought into an inspection. While `status` is 'ingesting' the progress columns move. */
export const auditLinkDatasets = pgTable(
  'audit_link_datasets',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    fileName: text('file_name').notNull(),
    status: text('status').$type<TDatasetStatus>().notNull(),
    format: text('format').$type<TDatasetFormat>(),
    encoding: text('encoding').$type<TDatasetEncoding>(),
    rows: integer('rows').notNull().default(0),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    /** Headers with the type shown and the logical column the header names (the mapping hint). */
    columns: jsonb('columns').$type<TDatasetColumnOut[]>().notNull().default([]),
    headerRow: integer('header_row'),
    /** SM3 of the uploaded file, hex. */
    checksum: text('checksum'),
    /** The engine's name for the sealed file (`<dataDir>/auditlink/<storageId>.parquet.enc`). */
    storageId: text('storage_id').notNull(),
    /** The field-key version the file is sealed with; a key rotation re-seals the older ones. */
    keyVersion: integer('key_version').notNull(),
    invalidIdRows: integer('invalid_id_rows').notNull().default(0),
    /** The first 20 rows as {header: cell} (JSON). */
    previewEnc: text('preview_enc'),
    /** The 身份证号 columns with invalid values, with examples (JSON). */
    idProblemsEnc: text('id_problems_enc'),
    progressAt: timestamp('progress_at', { withTimezone: true }).notNull(),
    uploadedById: uuid('uploaded_by_id').notNull(),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('audit_link_datasets_inspection_idx').on(t.inspectionId, t.uploadedAt, t.id)],
);

/** A run's table as kept with the run: the mapping, and the file's name and SM3 at the time. */
export interface RunInputRow {
  datasetId: string;
  fileName: string;
  checksum: string;
  columns: Partial<Record<TLogicalColumn, string>>;
}

/**
 * A run of a rule: queued, then run one at a time per server process in the engine's worker.
 * `heartbeatAt` moves while the process that holds the run is alive; a run whose process went
 * away is failed by whoever reads it next.
 */
export const auditLinkRuns = pgTable(
  'audit_link_runs',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    rule: text('rule').notNull(),
    templateVersion: integer('template_version').notNull(),
    inputs: jsonb('inputs').$type<Partial<Record<TAuditRole, RunInputRow[]>>>().notNull(),
    /** The parameters as resolved (defaults filled in, amounts in 分). */
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<TRunStatus>().notNull(),
    phase: text('phase').$type<TRunPhase>(),
    progress: real('progress').notNull().default(0),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    hitCount: integer('hit_count').notNull().default(0),
    invalidCount: integer('invalid_count').notNull().default(0),
    sql: text('sql').notNull(),
    inputChecksums: jsonb('input_checksums').$type<Record<string, string>>().notNull(),
    error: text('error'),
    createdById: uuid('created_by_id').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('audit_link_runs_inspection_idx').on(t.inspectionId, t.createdAt, t.id),
    index('audit_link_runs_status_idx').on(t.status),
  ],
);

/**
 * One hit of a run, in the run's order (`seq`). Keys and evidence are sealed; `keyHashes` are keyed
 * SM3 hashes of each key value (a 身份证号 as normalized), so a hit is found by a key without it in
 * clear. `measures` are the figures (counts, 分, dates).
 */
export const auditLinkHits = pgTable(
  'audit_link_hits',
  {
    id: uuid('id').primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => auditLinkRuns.id),
    inspectionId: uuid('inspection_id').notNull(),
    seq: integer('seq').notNull(),
    keysEnc: text('keys_enc').notNull(),
    evidenceEnc: text('evidence_enc').notNull(),
    measures: jsonb('measures').$type<Record<string, string | number>>().notNull(),
    keyHashes: text('key_hashes').array().notNull(),
    status: text('status').$type<THitStatus>().notNull(),
    dismissReason: text('dismiss_reason'),
    /** The working paper or clue drafted from the hit. */
    recordId: uuid('record_id'),
    decidedById: uuid('decided_by_id'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('audit_link_hits_run_idx').on(t.runId, t.seq),
    index('audit_link_hits_keys_idx').using('gin', t.keyHashes),
  ],
);

/** Rows a run left out because a value it needs could not be read: kept so an auditor sees them. */
export const auditLinkInvalidRows = pgTable(
  'audit_link_invalid_rows',
  {
    id: uuid('id').primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => auditLinkRuns.id),
    seq: integer('seq').notNull(),
    role: text('role').$type<TAuditRole>().notNull(),
    datasetId: uuid('dataset_id').notNull(),
    row: integer('row').notNull(),
    column: text('column').notNull(),
    logical: text('logical').$type<TLogicalColumn>().notNull(),
    valueEnc: text('value_enc'),
    reason: text('reason').notNull(),
  },
  (t) => [index('audit_link_invalid_rows_run_idx').on(t.runId, t.seq)],
);
