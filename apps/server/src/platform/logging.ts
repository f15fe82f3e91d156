import type { FastifyServerOptions } from 'fastify';

/**
 * Logs are JSON, and never carry passwords, tokens, cookies, receipts or report contents: request
 * bodies are not logged at all, and headers that could carry secrets are redacted.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: { method: string; url: string; id: string }) {
        return { method: req.method, url: escapeControls(redactUrl(req.url.split('?')[0] ?? '')), id: req.id };
      },
      err: serializeError,
    },
    // A public (码上巡) request is logged without the exact time: a line at 14:03:27.412 next to a
    // report could tie the report to a person seen at the poster. Its lines carry the hour only.
    timestamp: false,
    mixin(_obj: object, _level: number, logger: { bindings(): Record<string, unknown> }) {
      const now = new Date();
      return { time: logger.bindings().coarseTime ? `${now.toISOString().slice(0, 13)}:00Z` : now.toISOString() };
    },
  };
}

/**
 * Errors are logged for the operator without what a request carried: a failed query's parameters
 * (search words, report text) and a driver's message or detail (which may quote a value) are left
 * out; the SQLSTATE, constraint and table say what failed.
 */
export function serializeError(err: unknown): { type: string; message: string; stack: string; [k: string]: unknown } {
  if (!err || typeof err !== 'object') return { type: typeof err, message: String(err), stack: '' };
  const e = err as {
    name?: string;
    message?: string;
    stack?: string;
    code?: unknown;
    cause?: unknown;
    query?: unknown;
  };
  const db = dbErrorOf(e);
  if (db || 'query' in e)
    return {
      type: e.name ?? 'Error',
      message: 'database query failed',
      ...(db ? { code: db.code, constraint: db.constraint, table: db.table, routine: db.routine } : {}),
      stack: escapeControls(
        (e.stack ?? '')
          .split('\n')
          .filter((l) => /^\s+at /.test(l))
          .slice(0, 8)
          .join('\n'),
      ),
    };
  return {
    type: e.name ?? 'Error',
    message: escapeControls(String(e.message ?? '')),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    stack: escapeControls(e.stack ?? ''),
  };
}

function dbErrorOf(e: unknown): { code: string; constraint?: string; table?: string; routine?: string } | null {
  for (let cur = e, depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const c = cur as { code?: unknown; constraint?: string; table?: string; routine?: string; cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code))
      return { code: c.code, constraint: c.constraint, table: c.table, routine: c.routine };
    cur = c.cause;
  }
  return null;
}

/** Control and bidi characters in anything logged are escaped so a log line cannot be forged. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
const CONTROLS = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

export function escapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The public channel's paths carry what ties a request to a person or a poster: a single-use
 * survey token (which could be replayed before its owner answers), a 码上巡 code (which names the
 * organization). The log keeps the route, never those parts.
 */
export function redactUrl(path: string): string {
  if (!isPublicPath(path)) return path;
  return path
    .split('/')
    .map((seg, i) =>
      i < 2 || !seg
        ? seg
        : /^[A-Za-z0-9_-]{20,}$/.test(seg)
          ? '[token]'
          : /^[2-9A-HJKMNP-Z]{8}$/.test(seg)
            ? '[code]'
            : /^[0-9a-f-]{36}$/i.test(seg)
              ? '[id]'
              : seg,
    )
    .join('/');
}

function isPublicPath(p: string): boolean {
  return p === '/p' || p.startsWith('/p/') || p.startsWith('/api/public/');
}

/** Per-request loggers: a public request's lines carry the hour only (see `mixin` above). */
export function childLoggerFactory(
  this: unknown,
  logger: { child(bindings: object, opts?: object): unknown },
  bindings: object,
  opts: object,
  raw: { url?: string },
) {
  return logger.child(
    isPublicPath((raw.url ?? '').split('?')[0] ?? '') ? { ...bindings, coarseTime: true } : bindings,
    opts,
  );
}
