import { AppError, ErrorCode } from '@xc/domain';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { z } from 'zod';
import { DOCX_MIME } from './documents.ts';
import { sendDownload, XLSX_MIME } from './spreadsheets.ts';

/** The path parameter of every route on one object. */
export const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
/** Settings and calendars belong to one authority, named in the query. */
export const ZAuthorityQuery = z.strictObject({ authorityId: z.uuid({ message: '请选择巡察机构' }) });

type Z = z.ZodType;
/** What a route declares besides its method, path, permission and tags (which the module gives once). */
export interface RouteSchema {
  summary: string;
  params?: Z;
  querystring?: Z;
  body?: Z;
  consumes?: string[];
  /** One status: 200 is sent as is, 201 for what a POST creates, 204 (z.null()) for a delete. */
  response?: { 200: Z } | { 201: Z } | { 204: Z };
}
/** A GET that sends a file has no response schema. */
type FileSchema = Omit<RouteSchema, 'response' | 'body'>;
type Parsed<T> = T extends Z ? z.output<T> : unknown;
export type RouteRequest<S extends RouteSchema> = FastifyRequest<{
  Params: Parsed<S['params']>;
  Querystring: Parsed<S['querystring']>;
  Body: Parsed<S['body']>;
}>;
type Reply<S extends RouteSchema> = S['response'] extends { 200: infer R extends Z }
  ? z.input<R>
  : S['response'] extends { 201: infer R extends Z }
    ? z.input<R>
    : unknown;
/** What the service call returns is the response body (nothing for a 204), checked against the schema. */
type Handler<S extends RouteSchema> = (
  req: RouteRequest<S>,
  reply: FastifyReply,
) => S['response'] extends { 204: Z } ? Promise<void> : Promise<Reply<S>> | Reply<S>;

/** A generated file on its way out: the name's ending (.docx, .xlsx) says what it is. */
export interface Download {
  name: string;
  data: Buffer;
}
const MIME_BY_ENDING: Record<string, string> = { docx: DOCX_MIME, xlsx: XLSX_MIME };

export function sendNamedDownload(reply: FastifyReply, f: Download) {
  const mime = MIME_BY_ENDING[f.name.slice(f.name.lastIndexOf('.') + 1)];
  if (!mime) throw new Error(`no content type for ${f.name}`);
  return sendDownload(reply, mime, f.name, f.data);
}

/** Uploaded files leave as attachments the browser never renders in place: a file cannot become a page of this origin. */
export function sendUploadedFile(reply: FastifyReply, f: { mime: string; name: string; data: Buffer }) {
  return sendDownload(reply, f.mime, f.name, f.data)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store');
}

/**
 * A module's routes, each declared in one statement: method, path, the route config (permission,
 * reauth …), the schema and one service call. The status comes from the schema, so a POST that
 * creates and a DELETE read like every other route; the OpenAPI tags are the module's.
 */
export function routesOf(app: FastifyInstance, tags: string[]) {
  // The zod compilers are the app's; the types of each route come from the schema through RouteRequest.
  const add =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    <S extends RouteSchema>(url: string, config: FastifyContextConfig, schema: S, handler: Handler<S>) => {
      const status = Number(Object.keys(schema.response ?? { 200: null })[0]);
      app.route({
        method,
        url,
        config,
        schema: { tags, ...schema } as FastifySchema,
        handler: async (req, reply) => {
          const out: unknown = await handler(req as RouteRequest<S>, reply);
          return reply.status(status).send(status === 204 ? null : out);
        },
      });
    };
  const file =
    <F>(send: (reply: FastifyReply, f: F) => FastifyReply) =>
    <S extends FileSchema>(
      url: string,
      config: FastifyContextConfig,
      schema: S,
      produce: (req: RouteRequest<S>) => Promise<F>,
    ) =>
      app.route({
        method: 'GET',
        url,
        config,
        schema: { tags, ...schema } as FastifySchema,
        handler: async (req, reply) => send(reply, await produce(req as RouteRequest<S>)),
      });
  return {
    get: add('GET'),
    post: add('POST'),
    put: add('PUT'),
    patch: add('PATCH'),
    delete: add('DELETE'),
    /** A generated document or ledger, sent as an attachment. */
    download: file(sendNamedDownload),
    /** A QR code: shown in the page, never kept by a cache. */
    image: file((reply, png: Buffer) =>
      reply.header('content-type', 'image/png').header('cache-control', 'private, no-store').send(png),
    ),
    /** An uploaded file, sent as what its bytes are (checked at upload) and never inline. */
    upload: file(sendUploadedFile),
  };
}

/** The one file of an import (multipart/form-data), refused with the reason when it is missing. */
export async function importedFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError(ErrorCode.BadRequest, '请以 multipart/form-data 上传文件');
  const file = await req.file();
  if (!file) throw new AppError(ErrorCode.BadRequest, '请选择要导入的文件');
  return file.toBuffer();
}
