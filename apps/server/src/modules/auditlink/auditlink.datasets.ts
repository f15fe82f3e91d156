import type { MultipartFile } from '@fastify/multipart';
import {
  AppError,
  AUDIT_ROLES,
  autoMap,
  displayFileName,
  ErrorCode,
  logicalColumnOf,
  type TAuditRole,
  type TDataset,
  type TDatasetDetail,
  type TDatasetListQuery,
  type TDatasetUploaded,
  type TIdColumnProblems,
  type TLogicalColumn,
  zId,
} from '@xc/domain';
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { auditLinkDatasets, auditLinkRuns } from '../../db/schema/auditlink.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import type { InspectionRow } from '../planning/index.ts';
import { runtimeOf } from './auditlink.runtime.ts';
import { bad, conflict, DATASETS, openJson, scopedInspection, sealJson } from './auditlink.shared.ts';
import type { AuditEngine, IngestResult } from './engine/index.ts';

export type DatasetRow = typeof auditLinkDatasets.$inferSelect;

/** An upload whose reading has not reported for this long stopped (its process went away). */
const STALLED_MS = 10 * 60_000;
/** Ingest progress is written at most this often. */
const PROGRESS_MS = 1_000;

export function datasetDto(d: DatasetRow, now: Date): TDataset {
  return {
    id: d.id,
    inspectionId: d.inspectionId,
    fileName: d.fileName,
    status: d.status,
    format: d.format,
    encoding: d.encoding,
    rows: d.rows,
    bytes: d.bytes,
    columns: d.columns,
    headerRow: d.headerRow,
    checksum: d.checksum,
    invalidIdRows: d.invalidIdRows,
    stalled: d.status === 'ingesting' && now.getTime() - d.progressAt.getTime() > STALLED_MS,
    uploadedById: d.uploadedById,
    uploadedByName: d.uploadedByName,
    uploadedAt: d.uploadedAt.toISOString(),
  };
}

/** The upload limits of this route (a setting: AUDITLINK_UPLOAD_MAX_MB, default 1 GiB). */
export interface UploadLimits {
  maxBytes: number;
}

/**
 * `POST /api/audit-link/datasets`: multipart `inspectionId` then `file`. The file is streamed into
 * the engine as it arrives (never whole in memory); the dataset is listed as 'ingesting' with its
 * progress meanwhile, and answered with the contract's {id, rows, columns} once it is sealed. A
 * file the engine cannot read answers 400 naming the line, and leaves nothing behind.
 */
export async function uploadDataset(
  deps: AppDeps,
  ctx: RequestCtx,
  req: FastifyRequest,
  limits: UploadLimits,
): Promise<TDatasetUploaded> {
  if (!req.isMultipart()) throw bad('请以 multipart/form-data 上传文件（inspectionId 与 file 两个字段）');
  let inspectionId: string | null = null;
  let out: TDatasetUploaded | null = null;
  const mb = Math.round(limits.maxBytes / 1024 / 1024);
  try {
    for await (const part of req.parts({
      limits: { fileSize: limits.maxBytes, files: 1, fields: 1, parts: 2, fieldSize: 200 },
    })) {
      if (part.type === 'field') {
        if (part.fieldname !== 'inspectionId') throw bad(`不接受字段 ${part.fieldname.slice(0, 20)}`);
        const id = zId.safeParse(String(part.value));
        if (!id.success) throw bad('巡察编号格式不正确', { field: 'inspectionId' });
        inspectionId = id.data;
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw bad('文件字段应为 file');
      }
      if (!inspectionId) {
        part.file.resume();
        throw bad('请先提供巡察编号（inspectionId 字段须在 file 字段之前）', { field: 'inspectionId' });
      }
      out = await ingestPart(deps, ctx, inspectionId, part, mb);
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(mb);
    if (code === 'FST_FILES_LIMIT') throw bad('一次只能上传一个文件');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw bad('提交的字段过多');
    throw e;
  }
  if (!out) throw bad('请选择要上传的文件', { field: 'file' });
  return out;
}

const tooLarge = (mb: number) => new AppError(ErrorCode.PayloadTooLarge, `文件过大：单个文件不能超过 ${mb} MB`);

async function ingestPart(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  part: MultipartFile,
  mb: number,
): Promise<TDatasetUploaded> {
  let insp: InspectionRow;
  try {
    insp = await scopedInspection(deps, ctx, inspectionId, 'auditlink:write', { write: true });
  } catch (e) {
    part.file.resume();
    throw e;
  }
  const file = part.file;
  // busboy ends a file cut at the size limit as if it were whole: the cut is refused at its end,
  // before the engine takes the rows it has for the file.
  async function* source() {
    for await (const chunk of file) yield chunk as Buffer;
    if (file.truncated) throw tooLarge(mb);
  }
  try {
    return await ingestInto(deps, ctx, insp, displayFileName(part.filename ?? '', 'csv'), source());
  } catch (e) {
    file.resume();
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || file.truncated) throw tooLarge(mb);
    throw e;
  }
}

/**
 * A file from elsewhere than a request (the demo seed), read in as an upload is: the caller's
 * write scope on the inspection, then the same streaming, sealing and audit.
 */
export async function ingestDataset(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  file: { name: string; source: AsyncIterable<Buffer> },
): Promise<TDatasetUploaded> {
  const insp = await scopedInspection(deps, ctx, inspectionId, 'auditlink:write', { write: true });
  return ingestInto(deps, ctx, insp, displayFileName(file.name, 'csv'), file.source);
}

async function ingestInto(
  deps: AppDeps,
  ctx: RequestCtx,
  insp: InspectionRow,
  fileName: string,
  source: AsyncIterable<Buffer>,
): Promise<TDatasetUploaded> {
  const { db, clock } = deps;
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.insert(auditLinkDatasets).values({
    id,
    authorityId: insp.authorityId,
    inspectionId: insp.id,
    fileName,
    status: 'ingesting',
    storageId: id,
    keyVersion: deps.keys.current,
    progressAt: now,
    uploadedById: ctx.actor.userId,
    uploadedByName: ctx.actor.displayName,
    uploadedAt: now,
  });
  let engine: AuditEngine | null = null;
  let writing: Promise<unknown> = Promise.resolve();
  let wrote = 0;
  let r: IngestResult;
  try {
    engine = await runtimeOf(deps).engine();
    r = await engine.ingest({
      datasetId: id,
      source,
      fileName,
      onProgress: (bytes, rows) => {
        const t = Date.now();
        if (t - wrote < PROGRESS_MS) return;
        wrote = t;
        writing = writing.then(() =>
          db
            .update(auditLinkDatasets)
            .set({ bytes, rows, progressAt: clock.now() })
            .where(and(eq(auditLinkDatasets.id, id), eq(auditLinkDatasets.status, 'ingesting')))
            .catch(() => undefined),
        );
      },
    });
  } catch (e) {
    await writing;
    await db.delete(auditLinkDatasets).where(eq(auditLinkDatasets.id, id));
    await engine?.deleteDataset(id).catch(() => undefined);
    throw e;
  }
  await writing;
  const problems: TIdColumnProblems[] = r.invalid ?? [];
  const done = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(auditLinkDatasets)
      .set({
        status: 'ready',
        format: r.format,
        encoding: r.encoding,
        rows: r.rows,
        bytes: r.bytes,
        columns: r.columns.map((c) => ({ ...c, logical: logicalColumnOf(c.name) ?? null })),
        headerRow: r.headerRow,
        checksum: r.checksum,
        invalidIdRows: problems.reduce((n, p) => n + p.rows, 0),
        previewEnc: sealJson(deps, DATASETS, id, 'preview', r.preview),
        idProblemsEnc: sealJson(deps, DATASETS, id, 'id_problems', problems),
        progressAt: done,
      })
      .where(eq(auditLinkDatasets.id, id));
    await writeAudit(tx, done, {
      ...auditOf(ctx),
      action: 'auditlink.dataset.upload',
      objectType: 'auditLinkDataset',
      objectId: id,
      detail: { inspectionId: insp.id, fileName, format: r.format, rows: r.rows, bytes: r.bytes, checksum: r.checksum },
    });
  });
  return { id, rows: r.rows, columns: r.columns.map((c) => c.name) };
}

export async function listDatasets(deps: AppDeps, ctx: RequestCtx, q: TDatasetListQuery) {
  const insp = await scopedInspection(deps, ctx, q.inspectionId, 'auditlink:read');
  const where = eq(auditLinkDatasets.inspectionId, insp.id);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['timestamp', 'uuid'],
    count: () => countWhere(deps.db, auditLinkDatasets, where),
    fetch: (from, n) =>
      deps.db
        .select()
        .from(auditLinkDatasets)
        .where(and(where, from))
        .orderBy(asc(auditLinkDatasets.uploadedAt), asc(auditLinkDatasets.id))
        .limit(n),
    key: (r) => [r.uploadedAt.toISOString(), r.id],
    after: ([at, id]) =>
      or(
        gt(auditLinkDatasets.uploadedAt, new Date(at as string)),
        and(eq(auditLinkDatasets.uploadedAt, new Date(at as string)), gt(auditLinkDatasets.id, id as string)),
      ) as ReturnType<typeof sql>,
  });
  const now = deps.clock.now();
  return { items: page.rows.map((d) => datasetDto(d, now)), total: page.total, nextCursor: page.nextCursor };
}

/** A dataset the caller may see with `permission`, else 404. */
async function loadDataset(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'auditlink:read' | 'auditlink:write',
  opts: { write?: boolean } = {},
) {
  const d = (await deps.db.select().from(auditLinkDatasets).where(eq(auditLinkDatasets.id, id)))[0];
  if (!d) throw notFound('数据集');
  try {
    await scopedInspection(deps, ctx, d.inspectionId, permission, opts);
  } catch (e) {
    if (e instanceof AppError && e.code === ErrorCode.NotFound) throw notFound('数据集');
    throw e;
  }
  return d;
}

/** The runs not yet finished that read a dataset. */
const pendingRunsOf = (deps: AppDeps, id: string) =>
  countWhere(
    deps.db,
    auditLinkRuns,
    and(
      inArray(auditLinkRuns.status, ['queued', 'running']),
      sql`jsonb_path_exists(${auditLinkRuns.inputs}, '$.*[*].datasetId ? (@ == $id)', jsonb_build_object('id', ${id}::text))`,
    ),
  );

/** One dataset with its first rows (personal data: the read is audited) and the mapping each role would start from. */
export async function getDataset(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TDatasetDetail> {
  const d = await loadDataset(deps, ctx, id, 'auditlink:read');
  const headers = d.columns.map((c) => c.name);
  const suggestedMappings: Partial<Record<TAuditRole, Partial<Record<TLogicalColumn, string>>>> = {};
  for (const role of AUDIT_ROLES) suggestedMappings[role] = autoMap(headers, role);
  const runs = await countWhere(
    deps.db,
    auditLinkRuns,
    sql`jsonb_path_exists(${auditLinkRuns.inputs}, '$.*[*].datasetId ? (@ == $id)', jsonb_build_object('id', ${id}::text))`,
  );
  const now = deps.clock.now();
  await writeAudit(deps.db, now, {
    ...auditOf(ctx),
    action: 'auditlink.dataset.read',
    objectType: 'auditLinkDataset',
    objectId: d.id,
    detail: { inspectionId: d.inspectionId },
  });
  return {
    ...datasetDto(d, now),
    preview: d.previewEnc ? openJson(deps, DATASETS, d.id, 'preview', d.previewEnc) : [],
    idProblems: d.idProblemsEnc ? openJson(deps, DATASETS, d.id, 'id_problems', d.idProblemsEnc) : [],
    suggestedMappings,
    runs,
  };
}

/**
 * Deletes a dataset by hand (re-authenticated, audited): its row, then its sealed file. Refused
 * (409) while a queued or running comparison reads it, and while it is being read in unless that
 * upload stopped. Finished runs keep their results and the file's name and SM3.
 */
export async function deleteDataset(deps: AppDeps, ctx: RequestCtx, id: string): Promise<void> {
  const d = await loadDataset(deps, ctx, id, 'auditlink:write', { write: true });
  const now = deps.clock.now();
  if (datasetDto(d, now).status === 'ingesting' && !datasetDto(d, now).stalled)
    throw conflict('该数据集正在上传读取，完成后才能删除');
  if ((await pendingRunsOf(deps, id)) > 0)
    throw conflict('有正在排队或运行的比对使用该数据集，请待其结束或取消后再删除');
  await deps.db.transaction(async (tx) => {
    const gone = await tx
      .delete(auditLinkDatasets)
      .where(eq(auditLinkDatasets.id, id))
      .returning({ id: auditLinkDatasets.id });
    if (!gone.length) throw notFound('数据集');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'auditlink.dataset.delete',
      objectType: 'auditLinkDataset',
      objectId: id,
      detail: { inspectionId: d.inspectionId, fileName: d.fileName, rows: d.rows, checksum: d.checksum },
    });
  });
  await (await runtimeOf(deps).engine()).deleteDataset(d.storageId);
}

/** Datasets of an inspection by id, ready to be read by a run. */
export async function readyDatasets(deps: AppDeps, inspectionId: string, ids: string[]): Promise<DatasetRow[]> {
  if (!ids.length) return [];
  return deps.db
    .select()
    .from(auditLinkDatasets)
    .where(
      and(
        inArray(auditLinkDatasets.id, ids),
        eq(auditLinkDatasets.inspectionId, inspectionId),
        eq(auditLinkDatasets.status, 'ready'),
      ),
    );
}
