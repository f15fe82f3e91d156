import { AppError, ErrorCode, httpStatusOf, type TErrorCode } from '@xc/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

interface ErrorBody {
  code: TErrorCode;
  message: string;
  requestId: string;
  details?: unknown;
}

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
      const message = first ? (first.field ? `${first.field}：${first.message}` : first.message) : '请求参数不正确';
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
