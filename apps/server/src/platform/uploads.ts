import { AppError, displayFileName, ErrorCode, safeFileName, type TFileKind } from '@xc/domain';
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { clamdScan, type ScanResult } from './clamd.ts';
import { type CleanFile, cleanFile, FileRefused } from './files.ts';

export interface Upload {
  name: string;
  mime: string;
  kind: TFileKind;
  size: number;
  data: Buffer;
}

export const MAX_PUBLIC_FILES = 5;

export interface UploadPolicy {
  /** Per file, before cleaning (413 above it). */
  maxBytes: number;
  /** clamd's unix socket; every file is scanned when set. */
  clamdSocket?: string | undefined;
}

/**
 * A public submission: JSON, or multipart with the JSON in a `data` field and files in `files`.
 * Files are capped in size (413) and in number, then accepted as what their bytes are (see
 * acceptFile); the uploaded name is kept for display only, never used as a path.
 */
export async function readSubmission<S extends z.ZodType>(
  req: FastifyRequest,
  schema: S,
  policy: UploadPolicy,
): Promise<{ data: z.output<S>; files: Upload[] }> {
  const { maxBytes } = policy;
  if (!req.isMultipart()) {
    if (req.body === undefined) throw new AppError(ErrorCode.BadRequest, '提交内容不能为空');
    return { data: parse(schema, req.body), files: [] };
  }
  let raw: unknown;
  const files: Upload[] = [];
  const mb = Math.round(maxBytes / 1024 / 1024);
  try {
    for await (const part of req.parts({
      limits: { fileSize: maxBytes, files: MAX_PUBLIC_FILES, fields: 3, fieldSize: 64 * 1024, parts: 10 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'files') throw new AppError(ErrorCode.BadRequest, '附件字段应为 files');
        const data = await part.toBuffer();
        if (data.length === 0) continue;
        files.push(await acceptFile(part.filename ?? '', data, policy.clamdSocket));
      } else if (part.fieldname === 'data') {
        try {
          raw = JSON.parse(String(part.value));
        } catch {
          throw new AppError(ErrorCode.BadRequest, '提交内容格式不正确');
        }
      } else throw new AppError(ErrorCode.BadRequest, `不接受字段 ${part.fieldname.slice(0, 20)}`);
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError(ErrorCode.PayloadTooLarge, `附件过大：单个文件不能超过 ${mb} MB`);
    if (code === 'FST_FILES_LIMIT') throw new AppError(ErrorCode.BadRequest, `一次最多上传 ${MAX_PUBLIC_FILES} 个附件`);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new AppError(ErrorCode.BadRequest, '提交的字段过多');
    throw e;
  }
  if (raw === undefined) throw new AppError(ErrorCode.BadRequest, '缺少提交内容（data 字段）');
  return { data: parse(schema, raw), files };
}

/**
 * One uploaded file, as it will be stored and served (issue 10, item 5): its kind read from its
 * bytes and the whole file walked and rewritten as that kind (platform/files.ts: metadata and
 * anything after the end marker dropped, active content refused, 415), scanned by clamd when one
 * is configured (a hit answers 422, clamd down answers 503: nothing unscanned is stored), and
 * named `<the uploaded base name>.<the detected kind's extension>`.
 */
export async function acceptFile(name: string, raw: Buffer, clamdSocket?: string): Promise<Upload> {
  const shown = displayFileName(name, 'bin');
  let clean: CleanFile;
  try {
    clean = cleanFile(raw);
  } catch (e) {
    if (e instanceof FileRefused) throw new AppError(ErrorCode.UnsupportedMedia, `附件“${shown}”${e.message}`);
    throw e;
  }
  if (clamdSocket) {
    let r: ScanResult;
    try {
      r = await clamdScan(clamdSocket, clean.data);
    } catch {
      throw new AppError(ErrorCode.Unavailable, '附件安全检查服务暂时不可用，请稍后再提交');
    }
    if (r.infected)
      throw new AppError(ErrorCode.Unprocessable, `附件“${shown}”未通过病毒查杀，已拒收。请确认文件来源后重新上传`);
  }
  return {
    name: safeFileName(name, clean.ext),
    mime: clean.mime,
    kind: clean.kind,
    size: clean.data.length,
    data: clean.data,
  };
}

function parse<S extends z.ZodType>(schema: S, v: unknown): z.output<S> {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError(ErrorCode.BadRequest, issues[0]?.message ?? '提交内容不正确', { issues });
}

/**
 * Routes that take JSON or multipart declare the JSON body schema (it documents the route in
 * OpenAPI and validates JSON); a multipart request has no parsed body yet, so it passes here and
 * `readSubmission` validates the `data` field with the same schema.
 */
// biome-ignore lint/suspicious/noExplicitAny: used on routes whose schema objects differ in type
export const jsonOrMultipartValidator: FastifySchemaCompiler<any> = (route) => {
  const v = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  if (route.httpPart !== 'body') return v;
  return (data: unknown) => (data === undefined || data === null ? { value: data } : v(data));
};
