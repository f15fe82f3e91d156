import { AppError, ErrorCode, type TEvidenceFile, ZEvidenceMeta } from '@xc/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { rectificationFiles, rectificationTasks } from '../../db/schema/rectification.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { BlobCipher } from '../../platform/blob-cipher.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { KeyRing } from '../../platform/keys.ts';
import { acceptFile, type Upload } from '../../platform/uploads.ts';
import { assertOrgVisible, bad, conflict, isOfficeActor, rectInspection } from './rectification.access.ts';
import { addEvent, loadTask } from './rectification.tasks.ts';

// 佐证材料 of a task: each upload is read for what its bytes are and rewritten as that kind
// (platform/uploads.ts acceptFile), sealed at rest under its row's id (blob-cipher), and kept in
// versions: a file may supersede an earlier one of the same task, which stays downloadable. A
// report's attachments (rectification.reports.ts) are read and sealed by the same two functions and
// served by the same route, under the same scope.

export const MAX_EVIDENCE_FILE = 20 * 1024 * 1024;

const sealers = new WeakMap<KeyRing, BlobCipher>();
function blobs(keys: KeyRing): BlobCipher {
  let b = sealers.get(keys);
  if (!b) {
    b = new BlobCipher(keys);
    sealers.set(keys, b);
  }
  return b;
}

/**
 * The file (field `file`) of a multipart upload of the module, with the optional text fields
 * `fields` names: read, capped (413), and accepted as what its bytes are (415 otherwise).
 */
export async function readRectUpload(
  deps: AppDeps,
  req: FastifyRequest,
  fields: readonly string[],
): Promise<{ file: Upload; meta: Record<string, string> }> {
  if (!req.isMultipart()) throw bad('请以 multipart/form-data 上传文件（字段 file）');
  const meta: Record<string, string> = {};
  let file: Upload | null = null;
  try {
    for await (const part of req.parts({
      limits: {
        fileSize: MAX_EVIDENCE_FILE,
        files: 1,
        fields: fields.length,
        fieldSize: 4096,
        parts: fields.length + 1,
      },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw bad('请选择要上传的文件（字段 file）');
        const data = await part.toBuffer();
        if (!data.length) throw bad('上传的文件是空的');
        file = await acceptFile(part.filename ?? '', data, deps.config.clamdSocket);
      } else if (fields.includes(part.fieldname)) {
        meta[part.fieldname] = String(part.value);
      } else throw bad(`不接受字段 ${part.fieldname.slice(0, 20)}`);
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(ErrorCode.PayloadTooLarge, '文件不能超过 20 MB');
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw bad('提交的字段过多');
    throw e;
  }
  if (!file) throw bad('请选择要上传的文件（字段 file）');
  return { file, meta };
}

/** The bytes of a file row `id` of rectification_files, sealed at rest as that row's. */
export function sealRectFile(deps: AppDeps, id: string, data: Buffer) {
  return blobs(deps.keys).seal('rectification_files', id, 'data', data);
}

/** POST /api/rectification-tasks/{id}/files: one evidence file, a new version when it supersedes one. */
export async function uploadEvidence(
  deps: AppDeps,
  ctx: RequestCtx,
  taskId: string,
  req: FastifyRequest,
): Promise<TEvidenceFile> {
  const { row } = await loadTask(deps, ctx, taskId, 'rectification:write', { write: true });
  if (row.writtenOff) throw conflict('任务已销号，不能再上传佐证材料');
  const { file, meta } = await readRectUpload(deps, req, ['description', 'supersedesId']);
  const parsed = ZEvidenceMeta.safeParse({
    ...(meta.description ? { description: meta.description } : {}),
    ...(meta.supersedesId ? { supersedesId: meta.supersedesId } : {}),
  });
  if (!parsed.success) throw bad(parsed.error.issues[0]?.message ?? '材料说明格式不正确');
  let fileVersion = 1;
  if (parsed.data.supersedesId) {
    const prev = (
      await deps.db
        .select({ v: rectificationFiles.fileVersion })
        .from(rectificationFiles)
        .where(and(eq(rectificationFiles.id, parsed.data.supersedesId), eq(rectificationFiles.taskId, taskId)))
    )[0];
    if (!prev) throw bad('所替换的材料不属于本任务', { field: 'supersedesId' });
    fileVersion = prev.v + 1;
  }
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const sealed = await sealRectFile(deps, id, file.data);
  const office = isOfficeActor(ctx);
  await deps.db.transaction(async (tx) => {
    await tx.insert(rectificationFiles).values({
      id,
      authorityId: row.authorityId,
      inspectionId: row.inspectionId,
      orgId: row.orgId,
      taskId,
      fileVersion,
      supersedesId: parsed.data.supersedesId ?? null,
      name: file.name,
      mime: file.mime,
      kind: file.kind,
      size: file.size,
      data: sealed,
      description: parsed.data.description ?? null,
      uploadedById: ctx.actor.userId,
      uploadedByName: ctx.actor.displayName,
      onBehalf: office,
      uploadedAt: now,
    });
    await tx
      .update(rectificationTasks)
      .set({
        evidenceCount: sql`${rectificationTasks.evidenceCount} + 1`,
        updatedAt: now,
        version: sql`${rectificationTasks.version} + 1`,
      })
      .where(eq(rectificationTasks.id, taskId));
    await addEvent(tx, ctx, now, { taskId, kind: 'addEvidence', note: file.name });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationFile.upload',
      objectType: 'rectificationFile',
      objectId: id,
      detail: { taskId, mime: file.mime, size: file.size, fileVersion },
    });
  });
  return {
    id,
    taskId,
    name: file.name,
    size: file.size,
    mime: file.mime,
    fileVersion,
    supersedesId: parsed.data.supersedesId ?? null,
    description: parsed.data.description ?? null,
    uploadedBy: ctx.actor.displayName,
    onBehalf: office,
    uploadedAt: now.toISOString(),
  };
}

/** GET /api/rectification-files/{id}: a file of an organization the caller sees; the download is audited. */
export async function rectificationFile(deps: AppDeps, ctx: RequestCtx, id: string) {
  const f = (await deps.db.select().from(rectificationFiles).where(eq(rectificationFiles.id, id)))[0];
  if (!f) throw notFound('佐证材料');
  await rectInspection(deps, ctx, f.inspectionId, 'rectification:read').catch((e) => {
    if (e instanceof AppError && e.code === ErrorCode.NotFound) throw notFound('佐证材料');
    throw e;
  });
  assertOrgVisible(ctx, 'rectification:read', f.orgId, '佐证材料');
  const data = await blobs(deps.keys).open('rectification_files', f.id, 'data', f.data);
  await writeAudit(deps.db, deps.clock.now(), {
    ...auditOf(ctx),
    action: 'rectificationFile.read',
    objectType: 'rectificationFile',
    objectId: f.id,
    detail: { taskId: f.taskId, inspectionId: f.inspectionId },
  });
  return { name: f.name, mime: f.mime, data };
}
