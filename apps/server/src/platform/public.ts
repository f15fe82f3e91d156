import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { AppError, ErrorCode, RECEIPT_DIGITS } from '@xc/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { cryptoProvider } from './crypto.ts';
import type { KeyRing } from './keys.ts';
import { addressKey, openReplay, replayKeyHash, type SharedState, sealReplay } from './shared-state.ts';

/**
 * Plumbing of the public channel (码上巡, security.md): nothing that identifies a person is kept.
 * Rate limits key on a keyed hash of the IP — on the embedded database under a key that lives only
 * in this process's memory and changes at every start, on PostgreSQL under the hour's shared random
 * key (deleted two hours later); no IP, User-Agent or exact time reaches the database or the log.
 */
const PROCESS_KEY = randomBytes(32);

/**
 * A client address as a counter key. On PostgreSQL the hash key is the hour's shared random key,
 * so every instance counts one address alike (a window that spans the hour starts afresh); on the
 * embedded database, one process by construction, the key of this process.
 */
export async function publicClientKey(
  deps: { database: { kind: string }; shared: SharedState },
  req: FastifyRequest,
  now: number,
): Promise<string> {
  return deps.database.kind === 'postgres' ? addressKey(deps.shared, req.ip ?? '', now) : clientKey(req);
}

export function clientKey(req: FastifyRequest): string {
  return cryptoProvider
    .hmacSm3(PROCESS_KEY, req.ip ?? '')
    .toString('base64url')
    .slice(0, 22);
}

/**
 * Counts events per key in a fixed window, in the shared state (platform/shared-state.ts): on
 * PostgreSQL every API instance counts in the same rows, so two instances behind one proxy refuse
 * the same request one instance would (issue 10, item 11). `name` keeps each throttle's counters
 * apart. Keys are client keys from `publicClientKey` (a keyed hash, never an address).
 */
export class Throttle {
  constructor(
    private readonly shared: SharedState,
    private readonly name: string,
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Whether `key` has reached the limit now (without counting). */
  async blocked(key: string, now: number): Promise<boolean> {
    return (await this.count(key, now)) >= this.max;
  }

  /** Events counted for `key` in its current window. */
  count(key: string, now: number): Promise<number> {
    return this.shared.peek(`${this.name}:${key}`, now);
  }

  /** Count one event; returns the new count in the window (atomic across instances). */
  async hit(key: string, now: number): Promise<number> {
    return (await this.shared.hit(`${this.name}:${key}`, this.windowMs, now)).count;
  }

  /** Counts one event and refuses it when it goes over the limit: check and count in one step. */
  async take(key: string, now: number, message: string): Promise<void> {
    if ((await this.hit(key, now)) > this.max) throw tooMany(message);
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
 * body is refused. The answer is kept in the shared state (so a retry that reaches another API
 * instance gets it too) sealed under the Idempotency-Key itself — it may hold a receipt, which is
 * never stored in clear (security.md); the key is stored only as a keyed hash per client.
 */
export class IdempotencyCache<T> {
  /** Requests of this process still running, so a double tap here waits for the first answer. */
  private readonly running = new Map<string, { fingerprint: string; result: Promise<T> }>();
  constructor(
    private readonly shared: SharedState,
    private readonly secret: Buffer,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  /** Runs `work` once per (client, Idempotency-Key header) of `req`; without the header, every time. */
  async run(req: FastifyRequest, client: string, fingerprint: string, now: number, work: () => Promise<T>): Promise<T> {
    const header = req.headers['idempotency-key'];
    if (typeof header !== 'string') return work();
    if (header.length > 100) throw new AppError(ErrorCode.BadRequest, 'Idempotency-Key 过长');
    // Keys are per client: one phone cannot replay another's submission by guessing its key.
    const keyHash = replayKeyHash(this.secret, client, header);
    const mine = this.running.get(keyHash);
    if (mine) {
      if (mine.fingerprint !== fingerprint) throw mismatch();
      return mine.result;
    }
    // Registered before the first await, so a double tap on this instance waits for this answer.
    const result = this.once(keyHash, header, fingerprint, now, work);
    this.running.set(keyHash, { fingerprint, result });
    try {
      return await result;
    } finally {
      this.running.delete(keyHash);
    }
  }

  private async once(
    keyHash: string,
    header: string,
    fingerprint: string,
    now: number,
    work: () => Promise<T>,
  ): Promise<T> {
    const claim = await this.shared.claim(keyHash, fingerprint, this.ttlMs, now);
    if (claim.state === 'mismatch') throw mismatch();
    if (claim.state === 'busy')
      throw new AppError(ErrorCode.Conflict, '这份提交正在处理，请稍候片刻再刷新查看，不要重复提交');
    if (claim.state === 'done') {
      const plain = openReplay(this.secret, header, claim.sealed);
      if (plain === null) throw mismatch();
      return JSON.parse(plain) as T;
    }
    try {
      const out = await work();
      await this.shared.settle(keyHash, sealReplay(this.secret, header, JSON.stringify(out)));
      return out;
    } catch (e) {
      // A failed attempt may be retried with the same key.
      await this.shared.release(keyHash);
      throw e;
    }
  }
}

function mismatch(): AppError {
  return new AppError(ErrorCode.Conflict, '同一提交编号对应了不同的内容，请刷新页面后重新提交');
}

export function fingerprintOf(parts: (string | Buffer)[]): string {
  const h = createHash('sm3');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}
