import { AppError, ErrorCode } from '@xc/domain';
import { eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { governanceFiles } from '../../db/schema/governance.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { BlobCipher } from '../../platform/blob-cipher.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { KeyRing } from '../../platform/keys.ts';
import { acceptFile, type Upload } from '../../platform/uploads.ts';

// Files of 以巡促治 records: a recipient's answer to a duty reminder, a dual report's document, a filed
// archive copy. Each upload is read for what its bytes are and rewritten as that kind
// (platform/uploads.ts acceptFile) and sealed at rest under its row's id (blob-cipher). Whoever
// reads one must first have reached the record it belongs to; this file only stores and opens.

export const MAX_GOVERNANCE_FILE = 20 * 1024 * 1024;
export type GovernanceFilePurpose = 'reminderAnswer' | 'dualReport' | 'archive';

const bad = (message: string) => new AppError(ErrorCode.BadRequest, message);

const sealers = new WeakMap<KeyRing, BlobCipher>();
function blobs(keys: KeyRing): BlobCipher {
  let b = sealers.get(keys);
  if (!b) {
    b = new BlobCipher(keys);
    sealers.set(keys, b);
  }
  return b;
}

/** The one file (field `file`) of a multipart upload, cleaned; 400 for anything else. */
export async function readUpload(deps: AppDeps, req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw bad('请以 multipart/form-data 上传文件（字段 file）');
  let file: Upload | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_GOVERNANCE_FILE, files: 1, fields: 0, parts: 1 } })) {
      if (part.type !== 'file' || part.fieldname !== 'file') throw bad('请选择要上传的文件（字段 file）');
      const data = await part.toBuffer();
      if (!data.length) throw bad('上传的文件是空的');
      file = await acceptFile(part.filename ?? '', data, deps.config.clamdSocket);
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(ErrorCode.PayloadTooLarge, '文件不能超过 20 MB');
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw bad('提交的字段过多');
    throw e;
  }
  if (!file) throw bad('请选择要上传的文件（字段 file）');
  return file;
}

export interface StoredFile {
  id: string;
  name: string;
  mime: string;
  size: number;
}

/**
 * Seals and stores one file (an upload already cleaned, or a document the server generated) in the
 * caller's transaction, with its audit event.
 */
export async function storeGovernanceFile(
  deps: AppDeps,
  tx: Db,
  ctx: RequestCtx | null,
  f: {
    authorityId: string;
    purpose: GovernanceFilePurpose;
    inspectionId?: string | null;
    name: string;
    mime: string;
    kind: string;
    data: Buffer;
  },
): Promise<StoredFile> {
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const sealed = await blobs(deps.keys).seal('governance_files', id, 'data', f.data);
  await tx.insert(governanceFiles).values({
    id,
    authorityId: f.authorityId,
    purpose: f.purpose,
    inspectionId: f.inspectionId ?? null,
    name: f.name,
    mime: f.mime,
    kind: f.kind,
    size: f.data.length,
    data: sealed,
    uploadedById: ctx?.actor.userId ?? null,
    uploadedByName: ctx?.actor.displayName ?? null,
    uploadedAt: now,
  });
  if (ctx)
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'governanceFile.upload',
      objectType: 'governanceFile',
      objectId: id,
      detail: { purpose: f.purpose, mime: f.mime, size: f.data.length },
    });
  return { id, name: f.name, mime: f.mime, size: f.data.length };
}

/** The stored row of a file without its bytes (for the caller's scope check), or null. */
export async function governanceFileMeta(db: Db, id: string) {
  const r = (
    await db
      .select({
        id: governanceFiles.id,
        authorityId: governanceFiles.authorityId,
        purpose: governanceFiles.purpose,
        inspectionId: governanceFiles.inspectionId,
        name: governanceFiles.name,
        mime: governanceFiles.mime,
        size: governanceFiles.size,
      })
      .from(governanceFiles)
      .where(eq(governanceFiles.id, id))
  )[0];
  return r ?? null;
}

/** The names of some files, by id, in one query (records that name their document show its name). */
export async function governanceFileNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map();
  const rows = await db
    .select({ id: governanceFiles.id, name: governanceFiles.name })
    .from(governanceFiles)
    .where(inArray(governanceFiles.id, uniq));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Opens a file the caller has been found to reach (the caller checks first); the read is audited,
 * since these files may name officials and what they answered.
 */
export async function openGovernanceFile(deps: AppDeps, ctx: RequestCtx, id: string) {
  const f = (await deps.db.select().from(governanceFiles).where(eq(governanceFiles.id, id)))[0];
  if (!f) throw notFound('附件');
  const data = await blobs(deps.keys).open('governance_files', f.id, 'data', f.data);
  await writeAudit(deps.db, deps.clock.now(), {
    ...auditOf(ctx),
    action: 'governanceFile.read',
    objectType: 'governanceFile',
    objectId: f.id,
    detail: { purpose: f.purpose },
  });
  return { name: f.name, mime: f.mime, data };
}
