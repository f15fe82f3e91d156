import { AppError, detectFileKind, displayFileName, ErrorCode, type TFileKind } from '@xc/domain';
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

export interface Upload {
  name: string;
  mime: string;
  kind: TFileKind;
  size: number;
  data: Buffer;
}

export const MAX_PUBLIC_FILES = 5;

/**
 * A public submission: JSON, or multipart with the JSON in a `data` field and files in `files`.
 * Files are accepted by their magic bytes only (the declared type and name are ignored), capped
 * in size (413) and in number; the name is kept for display, never used as a path.
 */
export async function readSubmission<S extends z.ZodType>(
  req: FastifyRequest,
  schema: S,
  maxBytes: number,
): Promise<{ data: z.output<S>; files: Upload[] }> {
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
        const kind = detectFileKind(data.subarray(0, 4100));
        if (!kind)
          throw new AppError(
            ErrorCode.UnsupportedMedia,
            `附件“${displayFileName(part.filename ?? '', 'bin')}”的格式不被接受：只能上传照片（JPG、PNG、HEIC 等）、视频（MP4、MOV）、PDF 或 Word/Excel 文档`,
          );
        files.push({
          name: displayFileName(part.filename ?? '', kind.ext),
          mime: kind.mime,
          kind: kind.kind,
          size: data.length,
          data,
        });
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
