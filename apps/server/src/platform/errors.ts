import { AppError, ErrorCode, httpStatusOf, type TErrorCode } from '@xc/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

interface ErrorBody {
  code: TErrorCode;
  message: string;
  requestId: string;
  details?: unknown;
}

/** How zod's zh-CN locale starts the messages it writes itself (too_big, invalid_type, unrecognized_keys …). */
const ZOD_GENERIC = /^(无效|数值过|出现未知)/;

const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  version: '版本号',
  limit: '每页条数',
};

/**
 * The one error handler: every failure leaves as `{code, message, requestId, details?}` with a
 * Chinese message; 5xx never carry internals (they are logged with the request id instead).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    const send = (status: number, body: Omit<ErrorBody, 'requestId'>) =>
      reply.status(status).send({ ...body, requestId: req.id } satisfies ErrorBody);

    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'application error');
      return send(err.status, { code: err.code, message: err.message, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => {
        const path = (v.instancePath || '').split('/').filter(Boolean);
        const field = path.map((p) => FIELD_LABELS[p] ?? p).join('.');
        return { path: path.join('.'), message: v.message ?? '格式不正确', field };
      });
      const first = issues[0];
      // Our schemas' messages name the field in Chinese already (「来源渠道应为来信、来电或来访」);
      // only zod's own locale messages (「无效输入：期望 string…」) need to be told where.
      const message = first
        ? first.field && ZOD_GENERIC.test(first.message)
          ? `${first.field}：${first.message}`
          : first.message
        : '请求参数不正确';
      return send(400, { code: ErrorCode.BadRequest, message, details: { issues } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return send(500, { code: ErrorCode.Internal, message: '服务器内部错误' });
    }
    const fe = err as FastifyError;
    const status = fe.statusCode ?? 500;
    if (status === 429) return send(429, { code: ErrorCode.RateLimited, message: '请求过于频繁，请稍后再试' });
    if (status === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return send(413, { code: ErrorCode.PayloadTooLarge, message: '提交的内容过大' });
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415)
      return send(415, { code: ErrorCode.BadRequest, message: '不支持的内容类型' });
    if (status >= 400 && status < 500)
      return send(status, {
        code: status === 404 ? ErrorCode.NotFound : ErrorCode.BadRequest,
        message: status === 404 ? '资源不存在' : '请求格式不正确',
      });
    req.log.error({ err }, 'unhandled error');
    return send(500, { code: ErrorCode.Internal, message: '服务器内部错误' });
  });
  app.setNotFoundHandler((req, reply) => {
    reply
      .status(httpStatusOf.NOT_FOUND)
      .send({ code: ErrorCode.NotFound, message: '资源不存在', requestId: req.id } satisfies ErrorBody);
  });
}

// String.prototype.isWellFormed is in Node 20 but not yet in the ES2023 lib TypeScript is given.
const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * True when some string or key anywhere in `v` holds a lone UTF-16 surrogate, which JSON can carry
 * (`"\\ud800"`) and UTF-8 and PostgreSQL cannot. Iterative: a 1 MB body can nest deeper than the stack.
 */

export function hasLoneSurrogate(v: unknown): boolean {
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'string') {
      if (!isWellFormed(x)) return true;
    } else if (Array.isArray(x)) for (const item of x) stack.push(item);
    else if (x && typeof x === 'object' && !Buffer.isBuffer(x))
      for (const [k, item] of Object.entries(x)) {
        if (!isWellFormed(k)) return true;
        stack.push(item);
      }
  }
  return false;
}

/**
 * Every field schema could refuse lone surrogates on its own (zText does), but a plain
 * `z.string()` — a username, a password, a search word — would carry one to the database, which
 * then fails the whole request with a 500. One check before validation answers 400 for all of
 * them, whatever route the text takes.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (hasLoneSurrogate(req.params) || hasLoneSurrogate(req.query) || hasLoneSurrogate(req.body))
      throw new AppError(ErrorCode.BadRequest, '提交的内容包含无效的字符编码');
  });
}
