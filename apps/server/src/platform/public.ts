import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { AppError, ErrorCode, RECEIPT_DIGITS } from '@xc/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { cryptoProvider } from './crypto.ts';
import type { KeyRing } from './keys.ts';

/**
 * Plumbing of the public channel (码上巡, security.md): nothing that identifies a person is kept.
 * Rate limits key on a keyed hash of the IP that lives only in this process's memory and changes
 * at every start; no IP, User-Agent or exact time reaches the database or the log.
 */
const PROCESS_KEY = randomBytes(32);

export function clientKey(req: FastifyRequest): string {
  return cryptoProvider
    .hmacSm3(PROCESS_KEY, req.ip ?? '')
    .toString('base64url')
    .slice(0, 22);
}

/** Counts events per key in a fixed window, in memory; old windows are forgotten. */
export class Throttle {
  private readonly hits = new Map<string, { n: number; until: number }>();
  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Whether `key` has reached the limit now (without counting). */
  blocked(key: string, now: number): boolean {
    const h = this.hits.get(key);
    return !!h && h.until > now && h.n >= this.max;
  }

  /** Events counted for `key` in its current window. */
  count(key: string, now: number): number {
    const h = this.hits.get(key);
    return h && h.until > now ? h.n : 0;
  }

  /** Count one event; returns the new count in the window. */
  hit(key: string, now: number): number {
    const h = this.hits.get(key);
    if (!h || h.until <= now) {
      if (this.hits.size > 100_000) this.sweep(now);
      this.hits.set(key, { n: 1, until: now + this.windowMs });
      return 1;
    }
    h.n++;
    return h.n;
  }

  private sweep(now: number): void {
    for (const [k, h] of this.hits) if (h.until <= now) this.hits.delete(k);
  }
}

export function tooMany(message: string): AppError {
  return new AppError(ErrorCode.RateLimited, message);
}

/** A receipt: RECEIPT_DIGITS digits from the CSPRNG, the first never 0 so it reads as a number. */
export function newReceipt(): string {
  let s = String(randomInt(1, 10));
  while (s.length < RECEIPT_DIGITS) s += String(randomInt(0, 10));
  return s;
}

/**
 * The stored form of a receipt: argon2id with the installation's receipt salt. The same salt for
 * every receipt makes it a lookup key (unique index); the slow hash makes guessing 10^20 receipts
 * from a stolen database hopeless, and wrong guesses online are throttled.
 */
export async function receiptHash(keys: KeyRing, receipt: string, memoryKiB: number): Promise<string> {
  const out = await hashRaw(receipt, {
    algorithm: 2,
    memoryCost: memoryKiB,
    timeCost: 2,
    parallelism: 1,
    salt: keys.receiptSalt,
    outputLen: 32,
  });
  return out.toString('hex');
}

/** Short codes for URLs a person may type: no 0/O, 1/I/L. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;
export const CODE_PATTERN = /^[2-9A-HJKMNP-Z]{8}$/;

export function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export function qrPng(url: string, width = 600): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width });
}

/** Headers of every public page and public API answer: nothing cached, nothing leaked onward. */
const PUBLIC_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Route config of every public (码上巡) route: no session, and the public per-client limit. */
export function publicRoute(perMinute: number) {
  return { permission: 'public' as const, rateLimit: { max: perMinute, timeWindow: 60_000 } };
}

/** Vite's content-hashed build output: the name changes whenever the content does. */
export function isStaticAsset(url: string): boolean {
  return url.startsWith('/assets/');
}

export function isPublicPath(url: string): boolean {
  return url === '/p' || url.startsWith('/p/') || url.startsWith('/api/public/');
}

export function registerPublicHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!isPublicPath(req.url)) return payload;
    reply.header('content-security-policy', PUBLIC_CSP);
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    reply.removeHeader('last-modified');
    reply.removeHeader('etag');
    return payload;
  });
}

/**
 * `Idempotency-Key` for public submissions (architecture.md §4): the same key with the same body
 * within ten minutes answers the same response without a second row; the same key with another
 * body is refused. Held in memory only — it may hold a receipt, which must never be stored.
 */
export class IdempotencyCache<T> {
  private readonly entries = new Map<string, { fingerprint: string; until: number; result: Promise<T> }>();
  constructor(private readonly ttlMs = 10 * 60_000) {}

  /** Runs `work` once per (client, Idempotency-Key header) of `req`; without the header, every time. */
  run(req: FastifyRequest, fingerprint: string, now: number, work: () => Promise<T>): Promise<T> {
    const header = req.headers['idempotency-key'];
    if (typeof header !== 'string') return work();
    if (header.length > 100) throw new AppError(ErrorCode.BadRequest, 'Idempotency-Key 过长');
    // Keys are per client: one phone cannot replay another's submission by guessing its key.
    const key = `${clientKey(req)}:${header}`;
    const e = this.entries.get(key);
    if (e && e.until > now) {
      if (e.fingerprint !== fingerprint)
        throw new AppError(ErrorCode.Conflict, '同一提交编号对应了不同的内容，请刷新页面后重新提交');
      return e.result;
    }
    if (this.entries.size > 10_000) for (const [k, v] of this.entries) if (v.until <= now) this.entries.delete(k);
    const result = work();
    this.entries.set(key, { fingerprint, until: now + this.ttlMs, result });
    // A failed attempt may be retried with the same key.
    result.catch(() => this.entries.delete(key));
    return result;
  }
}

export function fingerprintOf(parts: (string | Buffer)[]): string {
  const h = createHash('sm3');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}
