/**
 * The analytical engine of 巡审贯通 (issue 14): DuckDB in a worker thread, under the service that
 * owns the routes, the tables and the scope checks.
 *
 *   const engine = await AuditEngine.open({ dataDir: config.dataDir, keys });   // one per process
 *
 *   // Upload: stream the multipart file in. CSV in UTF-8, UTF-8 with BOM or GB18030/GBK (found by
 *   // looking at the bytes) or XLSX (first worksheet); title rows above the header are skipped.
 *   const ds = await engine.ingest({ datasetId, source: part.file, fileName: part.filename,
 *     onProgress: (bytes, rows) => … });
 *   // → { rows, columns: [{name, type}], preview (first 20 rows), format, encoding, bytes,
 *   //     checksum (SM3 of the uploaded file), headerRow, invalid? (身份证号 columns with bad values) }
 *   // A file it cannot read throws DatasetFormatError (an AppError, 400) naming the line.
 *
 *   // Runs: in the worker; progress per phase; cancel(runId) interrupts DuckDB and the run ends
 *   // with status 'cancelled'. Inputs and parameters are checked against the rule catalog
 *   // (RunInputError, 400); a mapped column the file lacks is a RunInputError too.
 *   const r = await engine.run({ runId, rule: 'deceasedRecipients',
 *     inputs: { payments: { datasetId, columns: { idNo: '身份证号', … } }, deaths: [{…}, {…}] },
 *     params: {}, calendar, onProgress: ({ phase, fraction }) => … });
 *   // → { status: 'done' | 'cancelled', hits: [{keys, evidence: {role: [{datasetId, row, values}]},
 *   //     measures}], hitCount, invalidRows, invalidRowCount, sql, templateVersion, inputChecksums }
 *
 *   engine.previewSql(rule, inputs, params)   // the SQL a run would execute, for the gallery
 *   await engine.runSpec({ runId, spec, calendar })  // a spec already resolved (ZRunCreate's output),
 *                                                    // as the service keeps it with the run
 *   runSql(spec), runMappingProblem(spec)    // the same SQL and checks without an engine
 *   await engine.idle()                       // when the background work after uploads is done
 *   await engine.deleteDataset(datasetId)     // sealed file and memory
 *   await engine.resealDataset(datasetId)     // after rotate-keys: re-seal under the current key
 *   await engine.close()
 *
 * Storage: `<dataDir>/auditlink/<datasetId>.parquet.enc`, the Parquet file sealed with SM4-CTR and
 * HMAC-SM3 under keys derived from the field key (sealed.ts); every column kept as the file's text,
 * plus `_row` (the line or sheet row) and the fast keys of 身份证号 columns. Plaintext working
 * copies live only in the scratch folder (/dev/shm by default), mode 0600, removed after use.
 * Datasets stay loaded in the worker (plaintext Parquet in memory and their normalized tables in
 * DuckDB) within `cacheBytes`, least recently used out. Right after an upload, the columns whose
 * headers name a logical column are normalized in the background, so a first run after mapping
 * finds them ready; any normalized table holding what a run needs is reused.
 *
 * Normalization follows the domain's functions exactly (normalizeIdNo, parseDate, parsePeriod,
 * parseAmount, parseQuantity, parseInvoiceNo, matchKey): each distinct value they have to read
 * goes through them; the clean shape most values have takes a fast path (身份证号 keys computed
 * while staging, guarded DuckDB casts for ISO dates and YYYYMM) that the property tests hold to
 * those functions.
 *
 * Row numbers (`row` in evidence and invalid rows) are the lines of the uploaded CSV, or the sheet
 * rows of the XLSX, so an auditor finds the row in the file they were given.
 */
export {
  AuditEngine,
  type AuditEngineOptions,
  type IngestOptions,
  type IngestResult,
  type RunOptions,
  type RunResult,
} from './engine.ts';
export { DatasetFormatError, DatasetNotFoundError, RunInputError } from './errors.ts';
export { MAX_HITS, MAX_INVALID_LISTED } from './limits.ts';
export type { EngineStats, IdColumnProblems } from './protocol.ts';
export { SealedFileError } from './sealed.ts';
export { runMappingProblem, runSql } from './sql-text.ts';
