import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import { idempotencyEntries, sharedCounters, sharedKeys } from '../db/schema/platform.ts';
import { type Database, type Db, rowsOf } from './db.ts';

/**
 * State that several API instances behind one proxy must share (issue 10, "several instances
 * behave as one"): counters of rate limits and throttles, the key client addresses are hashed
 * with, and Idempotency-Key replays. On PostgreSQL it lives in the database every instance uses; on
 * the embedded database (one process by construction) it lives in memory.
 *
 * What is stored never names a person: client addresses appear only as HMACs under an hourly random
 * key that is deleted two hours later; replays are encrypted under the Idempotency-Key itself.
 */
export interface SharedState {
  /** Counts one event for `key`; the count in the current window and when the window ends (ms). */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
  /** Counts one event for each of several distinct keys at once (one statement); answers in their order. */
  hitMany(hits: readonly CounterHit[], now: number): Promise<{ count: number; resetAt: number }[]>;
  /** The count in the current window without counting. */
  peek(key: string, now: number): Promise<number>;
  /** Forget a key's window (a successful login clears the failures of its client). */
  clear(key: string): Promise<void>;
  /** The random key of the hour client addresses are hashed with (the same on every instance). */
  hourKey(now: number): Promise<Buffer>;
  /**
   * Idempotency: claims `keyHash` for `fingerprint`. 'new' when the caller must do the work and
   * then `settle`; otherwise the stored answer ('done') or 'busy' while the first is running, or
   * 'mismatch' when the key came with another body.
   */
  claim(
    keyHash: string,
    fingerprint: string,
    ttlMs: number,
    now: number,
  ): Promise<{ state: 'new' | 'busy' | 'mismatch' } | { state: 'done'; sealed: string }>;
  settle(keyHash: string, sealed: string): Promise<void>;
  release(keyHash: string): Promise<void>;
  /** Deletes what has expired (windows, keys older than two hours, replays). */
  sweep(now: number): Promise<void>;
}

export interface CounterHit {
  key: string;
  windowMs: number;
}

const HOUR_MS = 3_600_000;

export function sharedStateFor(database: Database): SharedState {
  return database.kind === 'postgres' ? new PgSharedState(database.db) : new MemorySharedState();
}

export class MemorySharedState implements SharedState {
  private readonly counters = new Map<string, { count: number; resetAt: number }>();
  private readonly keys = new Map<number, Buffer>();
  private readonly replays = new Map<string, { fingerprint: string; sealed: string | null; expiresAt: number }>();

  async hit(key: string, windowMs: number, now: number) {
    const c = this.counters.get(key);
    if (!c || c.resetAt <= now) {
      if (this.counters.size > 100_000) await this.sweep(now);
      const fresh = { count: 1, resetAt: now + windowMs };
      this.counters.set(key, fresh);
      return { ...fresh };
    }
    c.count++;
    return { ...c };
  }

  async hitMany(hits: readonly CounterHit[], now: number) {
    return Promise.all(hits.map((h) => this.hit(h.key, h.windowMs, now)));
  }

  async peek(key: string, now: number) {
    const c = this.counters.get(key);
    return c && c.resetAt > now ? c.count : 0;
  }

  async clear(key: string) {
    this.counters.delete(key);
  }

  async hourKey(now: number) {
    const hour = Math.floor(now / HOUR_MS);
    let k = this.keys.get(hour);
    if (!k) {
      k = randomBytes(32);
      this.keys.set(hour, k);
      for (const h of this.keys.keys()) if (h < hour - 2) this.keys.delete(h);
    }
    return k;
  }

  async claim(keyHash: string, fingerprint: string, ttlMs: number, now: number) {
    const e = this.replays.get(keyHash);
    if (e && e.expiresAt > now) {
      if (e.fingerprint !== fingerprint) return { state: 'mismatch' as const };
      return e.sealed === null ? { state: 'busy' as const } : { state: 'done' as const, sealed: e.sealed };
    }
    if (this.replays.size > 10_000) await this.sweep(now);
    this.replays.set(keyHash, { fingerprint, sealed: null, expiresAt: now + ttlMs });
    return { state: 'new' as const };
  }

  async settle(keyHash: string, sealed: string) {
    const e = this.replays.get(keyHash);
    if (e) e.sealed = sealed;
  }

  async release(keyHash: string) {
    this.replays.delete(keyHash);
  }

  async sweep(now: number) {
    for (const [k, c] of this.counters) if (c.resetAt <= now) this.counters.delete(k);
    for (const [k, e] of this.replays) if (e.expiresAt <= now) this.replays.delete(k);
  }
}

type Claim = { state: 'new' | 'busy' | 'mismatch' } | { state: 'done'; sealed: string };

export class PgSharedState implements SharedState {
  private lastSweep = 0;
  private readonly keyCache = new Map<number, Buffer>();
  private readonly hitStatements = new Map<number, ReturnType<typeof prepareHit>>();
  constructor(private readonly db: Db) {}

  async hit(key: string, windowMs: number, now: number) {
    return (await this.hitMany([{ key, windowMs }], now))[0] as { count: number; resetAt: number };
  }

  async hitMany(hits: readonly CounterHit[], now: number) {
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      void this.sweep(now).catch(() => {});
    }
    // One statement: a new window, or one more in the current window; concurrent hits on any
    // instance each see their own count. Rows are locked in key order, so two statements counting
    // overlapping keys cannot deadlock.
    const sorted = [...hits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const params: Record<string, unknown> = { now: new Date(now) };
    sorted.forEach((h, i) => {
      params[`k${i}`] = h.key;
      params[`r${i}`] = new Date(now + h.windowMs);
    });
    const rows = await this.hitStatement(sorted.length).execute(params);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return hits.map((h) => {
      const row = byKey.get(h.key);
      return { count: row?.count ?? 1, resetAt: (row?.resetAt ?? new Date(now + h.windowMs)).getTime() };
    });
  }

  private hitStatement(n: number) {
    const made = this.hitStatements.get(n);
    if (made) return made;
    const q = prepareHit(this.db, n);
    this.hitStatements.set(n, q);
    return q;
  }

  async peek(key: string, now: number) {
    const [row] = rowsOf<{ count: number }>(
      await this.db.execute(sql`select count from shared_counters where key = ${key} and reset_at > ${new Date(now)}`),
    );
    return Number(row?.count ?? 0);
  }

  async clear(key: string) {
    await this.db.execute(sql`delete from shared_counters where key = ${key}`);
  }

  async hourKey(now: number) {
    const hour = Math.floor(now / HOUR_MS);
    const cached = this.keyCache.get(hour);
    if (cached) return cached;
    // The first instance to need the hour's key makes it; the others read the same one.
    await this.db
      .insert(sharedKeys)
      .values({ hour, key: randomBytes(32).toString('hex') })
      .onConflictDoNothing();
    const [row] = rowsOf<{ key: string }>(await this.db.execute(sql`select key from shared_keys where hour = ${hour}`));
    const k = Buffer.from(row?.key ?? '', 'hex');
    this.keyCache.clear();
    this.keyCache.set(hour, k);
    return k;
  }

  async claim(keyHash: string, fingerprint: string, ttlMs: number, now: number): Promise<Claim> {
    const inserted = await this.db
      .insert(idempotencyEntries)
      .values({ keyHash, fingerprint, response: null, expiresAt: new Date(now + ttlMs) })
      .onConflictDoNothing()
      .returning({ keyHash: idempotencyEntries.keyHash });
    if (inserted.length) return { state: 'new' as const };
    const [row] = rowsOf<{ fingerprint: string; response: string | null; expires_at: Date | string }>(
      await this.db.execute(
        sql`select fingerprint, response, expires_at from idempotency_entries where key_hash = ${keyHash}`,
      ),
    );
    if (!row) return this.claim(keyHash, fingerprint, ttlMs, now);
    if (new Date(row.expires_at).getTime() <= now) {
      await this.db.execute(
        sql`delete from idempotency_entries where key_hash = ${keyHash} and expires_at <= ${new Date(now)}`,
      );
      return this.claim(keyHash, fingerprint, ttlMs, now);
    }
    if (row.fingerprint !== fingerprint) return { state: 'mismatch' as const };
    return row.response === null ? { state: 'busy' as const } : { state: 'done' as const, sealed: row.response };
  }

  async settle(keyHash: string, sealed: string) {
    await this.db.execute(sql`update idempotency_entries set response = ${sealed} where key_hash = ${keyHash}`);
  }

  async release(keyHash: string) {
    await this.db.execute(sql`delete from idempotency_entries where key_hash = ${keyHash} and response is null`);
  }

  async sweep(now: number) {
    await this.db.delete(sharedCounters).where(lt(sharedCounters.resetAt, new Date(now)));
    await this.db.delete(sharedKeys).where(lt(sharedKeys.hour, Math.floor(now / HOUR_MS) - 2));
    await this.db.delete(idempotencyEntries).where(lt(idempotencyEntries.expiresAt, new Date(now)));
  }
}

/**
 * The upsert of `n` counters, prepared (named, per connection): every API request runs it, and
 * PostgreSQL planned it anew each time, which cost more than the write.
 */
function prepareHit(db: Db, n: number) {
  const now = sql.placeholder('now');
  return db
    .insert(sharedCounters)
    .values(
      Array.from({ length: n }, (_, i) => ({
        key: sql.placeholder(`k${i}`),
        count: 1,
        resetAt: sql.placeholder(`r${i}`),
      })),
    )
    .onConflictDoUpdate({
      target: sharedCounters.key,
      set: {
        count: sql`case when ${sharedCounters.resetAt} <= ${now} then 1 else ${sharedCounters.count} + 1 end`,
        resetAt: sql`case when ${sharedCounters.resetAt} <= ${now} then excluded.reset_at else ${sharedCounters.resetAt} end`,
      },
    })
    .returning({ key: sharedCounters.key, count: sharedCounters.count, resetAt: sharedCounters.resetAt })
    .prepare(`shared_hit_${n}`);
}

/** A client address as a key for shared counters: HMAC-SM3 under the hour's random key. */
export async function addressKey(state: SharedState, ip: string, now: number): Promise<string> {
  const k = await state.hourKey(now);
  return createHmac('sm3', k).update(ip).digest('base64url').slice(0, 22);
}

/**
 * An answer kept for replays, sealed with SM4-CTR + HMAC-SM3 under keys derived from the
 * Idempotency-Key (which only the submitting phone holds) and the installation's secret.
 */
export function sealReplay(secret: Buffer, idempotencyKey: string, plain: string): string {
  const { enc, mac } = replayKeys(secret, idempotencyKey);
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-ctr', enc, iv);
  const body = Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]);
  const tag = createHmac('sm3', mac).update(body).digest();
  return Buffer.concat([body, tag]).toString('base64');
}

export function openReplay(secret: Buffer, idempotencyKey: string, sealed: string): string | null {
  const { enc, mac } = replayKeys(secret, idempotencyKey);
  const all = Buffer.from(sealed, 'base64');
  if (all.length < 48) return null;
  const body = all.subarray(0, all.length - 32);
  const tag = all.subarray(all.length - 32);
  if (!createHmac('sm3', mac).update(body).digest().equals(tag)) return null;
  const d = createDecipheriv('sm4-ctr', enc, body.subarray(0, 16));
  return Buffer.concat([d.update(body.subarray(16)), d.final()]).toString('utf8');
}

function replayKeys(secret: Buffer, idempotencyKey: string) {
  const base = createHmac('sm3', secret).update(`replay:${idempotencyKey}`).digest();
  return {
    enc: createHmac('sm3', base).update('enc').digest().subarray(0, 16),
    mac: createHmac('sm3', base).update('mac').digest(),
  };
}

/** The stored name of an Idempotency-Key: a keyed hash, per client. */
export function replayKeyHash(secret: Buffer, client: string, idempotencyKey: string): string {
  return createHmac('sm3', secret).update(`${client}\u0000${idempotencyKey}`).digest('hex');
}
