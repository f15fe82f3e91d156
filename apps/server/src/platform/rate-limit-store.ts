import { createRequire } from 'node:module';
import type { SharedState } from './shared-state.ts';

type Cb = (err: Error | null, res?: { current: number; ttl: number }) => void;
interface Store {
  incr(key: string, cb: Cb, timeWindow: number, max: number): void;
  read(key: string, cb: Cb, timeWindow: number, max: number): void;
  child(routeOptions: object): Store;
}

const require = createRequire(import.meta.url);
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as new (
  continueExceeding?: boolean,
  exponentialBackoff?: boolean,
  cache?: number,
) => Store;

/**
 * @fastify/rate-limit 11.2's in-memory store hands every caller the same counter object and the
 * plugin reads it after an `await`: under a burst every request sees the final count, so a burst
 * of 70 against a limit of 50 refused all 70 (found by the burst test in petitions.test.ts). This
 * wrapper hands each caller a copy taken at its own increment, so exactly the first `max` pass.
 */
export class SnapshotStore implements Store {
  private readonly inner: Store;
  constructor(opts: { continueExceeding?: boolean; exponentialBackoff?: boolean; cache?: number } | Store = {}) {
    this.inner =
      'incr' in opts ? opts : new LocalStore(opts.continueExceeding, opts.exponentialBackoff, opts.cache ?? 5000);
  }
  incr(key: string, cb: Cb, timeWindow: number, max: number): void {
    this.inner.incr(key, (e, r) => cb(e, r && { current: r.current, ttl: r.ttl }), timeWindow, max);
  }
  read(key: string, cb: Cb, timeWindow: number, max: number): void {
    this.inner.read(key, (e, r) => cb(e, r && { current: r.current, ttl: r.ttl }), timeWindow, max);
  }
  child(routeOptions: object): Store {
    return new SnapshotStore(this.inner.child(routeOptions));
  }
}

/**
 * A store for @fastify/rate-limit over the shared state (platform/shared-state.ts): on PostgreSQL
 * every API instance counts in the same rows, so two instances behind one proxy limit as one.
 * Each route with its own limit counts under its own prefix, as the plugin's LocalStore does.
 */
export function sharedStore(shared: SharedState) {
  return class SharedRateStore implements Store {
    // The plugin constructs the store with its options; children get their route's prefix.
    private readonly prefix: string;
    constructor(_options?: unknown, prefix = 'rl:') {
      this.prefix = prefix;
    }
    incr(key: string, cb: Cb, timeWindow: number): void {
      const now = Date.now();
      shared.hit(`${this.prefix}${key}`, timeWindow, now).then(
        (r) => cb(null, { current: r.count, ttl: Math.max(0, r.resetAt - now) }),
        (e) => cb(e as Error),
      );
    }
    read(key: string, cb: Cb, timeWindow: number): void {
      const now = Date.now();
      shared.peek(`${this.prefix}${key}`, now).then(
        (n) => cb(null, { current: n, ttl: timeWindow }),
        (e) => cb(e as Error),
      );
    }
    child(routeOptions: object): Store {
      const r = routeOptions as { method?: string; url?: string; routeInfo?: { method?: string; url?: string } };
      const method = r.routeInfo?.method ?? r.method ?? '';
      const url = r.routeInfo?.url ?? r.url ?? '';
      return new SharedRateStore(undefined, `rl:${method}${url}:`);
    }
  };
}
