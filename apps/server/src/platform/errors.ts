import { AppError, ErrorCode, httpStatusOf, type TErrorCode } from '@xc/domain';
import { sql } from 'drizzle-orm';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { TABLE_LABELS } from '../db/schema/labels.ts';
import { writeAudit } from './audit.ts';
import { type Db, rowsOf } from './db.ts';

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
  app.setErrorHandler(async (err: FastifyError | AppError | Error, req, reply) => {
    const send = (status: number, body: Omit<ErrorBody, 'requestId'>) =>
      reply.status(status).send({ ...body, requestId: req.id } satisfies ErrorBody);

    if (err instanceof AppError) {
      if (err.code === ErrorCode.NotFound && req.actor) await auditDenied(app, req);
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
    const pgErr = pgErrorOf(err);
    if (pgErr?.code === FOREIGN_KEY_VIOLATION) {
      // A delete the service did not wrap in refusedDelete, or a write naming a row that is gone.
      const referenced = /still referenced/.test(pgErr.detail ?? '');
      const label = TABLE_LABELS[pgErr.table ?? '']?.noun;
      return referenced
        ? send(409, { code: ErrorCode.Conflict, message: `${label ? `已有${label}` : '仍有其他记录引用'}，不能删除` })
        : send(400, { code: ErrorCode.BadRequest, message: '所引用的记录不存在' });
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

/** Denials of one user written to the audit log per minute; then one row says the rest were left out. */
export const DENIED_AUDIT_PER_MINUTE = 20;

/**
 * An object a signed-in user asked for and may not see (out of scope, or not there — the answer is
 * the same 404) is an authorization failure: audited with the route and the id asked for, at most
 * DENIED_AUDIT_PER_MINUTE a minute per user, so probing cannot flood the log.
 */
async function auditDenied(app: FastifyInstance, req: FastifyRequest): Promise<void> {
  const actor = req.actor;
  if (!actor) return;
  try {
    const now = app.deps.clock.now();
    const { count } = await app.deps.shared.hit(`denied:${actor.userId}`, 60_000, now.getTime());
    if (count > DENIED_AUDIT_PER_MINUTE + 1) return;
    const params = (req.params ?? {}) as Record<string, unknown>;
    const id = Object.values(params).find((v) => typeof v === 'string') as string | undefined;
    await writeAudit(app.deps.db, now, {
      actorId: actor.userId,
      actorName: actor.displayName,
      role: actor.roles.join(','),
      action: count > DENIED_AUDIT_PER_MINUTE ? 'object.deniedThrottled' : 'object.denied',
      objectType: `${req.method} ${req.routeOptions.url ?? ''}`,
      objectId: id ? id.slice(0, 100) : null,
      result: 'denied',
      requestId: req.id,
      ip: req.ip,
      detail: count > DENIED_AUDIT_PER_MINUTE ? { limitPerMinute: DENIED_AUDIT_PER_MINUTE } : null,
    });
  } catch (e) {
    req.log.error({ err: e }, 'audit of a denied request failed');
  }
}

const FOREIGN_KEY_VIOLATION = '23503';

interface PgError {
  code?: string;
  table?: string;
  constraint?: string;
  detail?: string;
}

/** The driver's error behind Drizzle's wrapper (DrizzleQueryError keeps it as `cause`). */
export function pgErrorOf(e: unknown): PgError | null {
  for (let cur = e, depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const c = cur as PgError & { cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c;
    cur = c.cause;
  }
  return null;
}

/**
 * Runs a delete whose refusal the foreign keys decide: while other records still point at the row,
 * PostgreSQL refuses it, and the caller gets a 409 that says what is attached and how many
 * (「“第二巡察组”已有组员3人，不能删除；请先移出组员或处理这些记录」). The owning module never has to know
 * which other modules keep records about its rows.
 */
export async function refusedDelete<T>(db: Db, subject: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const pg = pgErrorOf(e);
    if (pg?.code !== FOREIGN_KEY_VIOLATION || !/still referenced/.test(pg.detail ?? '')) throw e;
    const label = TABLE_LABELS[pg.table ?? ''];
    const n = await referencingCount(db, pg);
    const what = label ? `${label.noun}${n === null ? '' : `${n}${label.unit}`}` : '其他记录';
    throw new AppError(
      ErrorCode.Conflict,
      `${subject}已有${what}，不能删除${label?.advice ? `；${label.advice}` : ''}`,
      { table: pg.table ?? null, count: n },
    );
  }
}

/** How many rows of the referencing table point at the key named in the error, or null if unknown. */
async function referencingCount(db: Db, pg: PgError): Promise<number | null> {
  const key = /Key \(([^)]+)\)=\(([^)]+)\)/.exec(pg.detail ?? '');
  if (!key || !pg.constraint || !pg.table || key[1]?.includes(',')) return null;
  const cols = rowsOf<{ col: string }>(
    await db.execute(sql`
      select a.attname as col from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.conname = ${pg.constraint} and c.conrelid = ${pg.table}::regclass`),
  );
  const col = cols.length === 1 ? cols[0]?.col : undefined;
  if (!col) return null;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from ${sql.identifier(pg.table)} where ${sql.identifier(col)}::text = ${key[2]}`,
    ),
  );
  return row ? Number(row.n) : null;
}
