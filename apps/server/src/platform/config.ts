import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes from environment variables only, validated at start: a bad value stops the
 * server with a message that names the variable, rather than failing later in a request.
 */
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a TLS-terminating proxy: mark the cookie Secure and trust X-Forwarded-For for staff IPs. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  COOKIE_SECURE: z.enum(['0', '1']).default('0'),
  DEMO: z.enum(['0', '1']).default('1'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  WEB_DIST: z.string().optional(),
  /** Field-encryption keys, receipt salt and survey-link key; outside the data folder. */
  KEY_FILE: z.string().default('./keys/field-keys.json'),
  /** The address printed in QR codes, as the public reaches this server (no trailing slash). */
  PUBLIC_URL: z
    .string()
    .url()
    .transform((s) => s.replace(/\/+$/, ''))
    .optional(),
  /** Requests per minute per client on each public (码上巡) route. */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  PUBLIC_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(20),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  cookieSecure: boolean;
  demo: boolean;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  webDist: string;
  keyFile: string;
  publicUrl: string;
  publicUploadMaxBytes: number;
  publicRateLimitPerMinute: number;
  /** Argon2 memory cost in KiB; tests lower it, production keeps the OWASP default. */
  argon2MemoryKiB: number;
  version: string;
}

export const VERSION = '0.1.0';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const root = path.resolve(import.meta.dirname, '../../../..');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === '1',
    cookieSecure: e.COOKIE_SECURE === '1',
    demo: e.DEMO === '1',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    webDist: e.WEB_DIST ?? path.join(root, 'apps/web/dist'),
    keyFile: path.resolve(e.KEY_FILE),
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`,
    publicUploadMaxBytes: e.PUBLIC_UPLOAD_MAX_MB * 1024 * 1024,
    publicRateLimitPerMinute: e.PUBLIC_RATE_LIMIT_PER_MINUTE,
    argon2MemoryKiB: 19_456,
    version: VERSION,
  };
}
