import { isIP } from 'node:net';
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
  /**
   * PostgreSQL as the tables' owner, for migrations only; the server itself then connects with
   * DATABASE_URL as a role that may not rewrite the audit log (README: 审计日志的数据库权限).
   */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * The reverse proxies (IP addresses or CIDR blocks, comma-separated) whose X-Forwarded-For and
   * X-Forwarded-Proto are believed. Nobody else's: a client cannot pick its own address (rate
   * limits, lockouts) or claim TLS. Empty: the server is reached directly.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine((xs) => xs.every(isAddressOrCidr), {
      message: '应为逗号分隔的 IP 地址或 CIDR 网段，例如 10.0.0.5,172.16.0.0/12',
    }),
  /** Retired: trusting every sender of X-Forwarded-For let any client choose its own address. */
  TRUST_PROXY: z.undefined({ message: 'TRUST_PROXY 已停用：请用 TRUSTED_PROXIES 列出反向代理的地址或网段' }).optional(),
  /** Forces the Secure cookie even without TLS seen (a proxy outside TRUSTED_PROXIES); normally not needed. */
  COOKIE_SECURE: z.enum(['0', '1']).default('0'),
  /**
   * Login over plain HTTP is refused except from the loopback address (the local `npm start`); set to
   * 1 only for a closed network that has no TLS at all.
   */
  ALLOW_INSECURE_HTTP: z.enum(['0', '1']).default('0'),
  DEMO: z.enum(['0', '1']).default('1'),
  /** Requests per minute per signed-in account (per address for anyone not signed in). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Requests per minute per address, counted before anything else (an office's NAT is many people). */
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
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
  /** clamd's unix socket: when set, every upload is scanned before it is stored (refused if clamd is down). */
  CLAMD_SOCKET: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  migrationDatabaseUrl: string | undefined;
  logLevel: string;
  /** Fastify's trustProxy: the trusted proxies' addresses (tests may pass `true` to simulate clients). */
  trustProxy: boolean | string[];
  cookieSecure: boolean;
  allowInsecureHttp: boolean;
  /**
   * Whether the second factor starts required for the 三员 and office roles (the setting an
   * installation begins with; the 系统管理员 changes it on the 系统设置 page). DEMO=1 starts without,
   * so the printed one-time passwords get a newcomer in.
   */
  totpRequiredByDefault: boolean;
  demo: boolean;
  rateLimitPerMinute: number;
  addressRateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  webDist: string;
  keyFile: string;
  publicUrl: string;
  publicUploadMaxBytes: number;
  /** clamd's unix socket for scanning uploads; undefined: no antivirus hook. */
  clamdSocket: string | undefined;
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
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUSTED_PROXIES.length ? e.TRUSTED_PROXIES : false,
    cookieSecure: e.COOKIE_SECURE === '1',
    allowInsecureHttp: e.ALLOW_INSECURE_HTTP === '1',
    totpRequiredByDefault: e.DEMO !== '1',
    demo: e.DEMO === '1',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    addressRateLimitPerMinute: e.RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    webDist: e.WEB_DIST ?? path.join(root, 'apps/web/dist'),
    keyFile: path.resolve(e.KEY_FILE),
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`,
    publicUploadMaxBytes: e.PUBLIC_UPLOAD_MAX_MB * 1024 * 1024,
    clamdSocket: e.CLAMD_SOCKET,
    publicRateLimitPerMinute: e.PUBLIC_RATE_LIMIT_PER_MINUTE,
    argon2MemoryKiB: 19_456,
    version: VERSION,
  };
}

function isAddressOrCidr(s: string): boolean {
  const [addr = '', bits, ...rest] = s.split('/');
  const v = isIP(addr);
  if (!v || rest.length) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (v === 4 ? 32 : 128);
}
