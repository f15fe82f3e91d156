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
    },
  };
}

/** Control and bidi characters in anything logged are escaped so a log line cannot be forged. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
const CONTROLS = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

export function escapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A single-use survey link carries its signed token in the path; the log keeps that it was used,
 * never the token (a logged token could be replayed before its owner answers).
 */
export function redactUrl(path: string): string {
  return path.replace(/^(\/api\/public\/surveys\/|\/p\/s\/)([A-Za-z0-9_-]{20,})/, '$1[token]');
}
