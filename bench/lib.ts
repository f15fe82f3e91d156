import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type App, buildApp } from '../apps/server/src/app.ts';
import { grants, users } from '../apps/server/src/db/schema/index.ts';
import { type Clock, systemClock } from '../apps/server/src/platform/clock.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { type Database, openDatabase } from '../apps/server/src/platform/db.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { type KeyRing, memoryKeyRing } from '../apps/server/src/platform/keys.ts';
import { argon2Params, hashPassword } from '../apps/server/src/platform/passwords.ts';

/** Percentile of a sample in milliseconds. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

export function fmt(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

export const PG_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, migrated PostgreSQL database for one benchmark, dropped by the returned function. */
export async function freshPostgres(): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  const name = `xc_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url: PG_URL, poolMax: 1 });
  await admin.db.execute(sql.raw(`create database ${name}`));
  await admin.close();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), poolMax: 10 });
  await database.migrate();
  return {
    database,
    url: u.toString(),
    drop: async () => {
      await database.close();
      const a = await openDatabase({ url: PG_URL, poolMax: 1 });
      await a.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await a.close();
    },
  };
}

export function header(title: string): void {
  console.log(`\n## ${title}`);
}

/** mulberry32: a small deterministic generator, so every run builds the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The API in this process, logged in as an office staff user of `authorityId` (created here): what
 * every HTTP benchmark needs before it measures. Closing the app closes `database`.
 */
export async function benchSession(
  database: Database,
  url: string,
  authorityId: string,
  opts: { includeChildren?: boolean; keys?: KeyRing; clock?: Clock } = {},
): Promise<{ app: App; cookie: string; headers: Record<string, string> }> {
  const now = (opts.clock ?? systemClock).now();
  const userId = uuidv7();
  await database.db.insert(users).values({
    id: userId,
    username: 'bench',
    usernameKey: 'bench',
    displayName: '压测',
    passwordHash: await hashPassword('Bench-Passw0rd!', argon2Params(1024)),
    passwordChangedAt: now,
    mustChangePassword: false,
    createdAt: now,
  });
  await database.db.insert(grants).values({
    id: uuidv7(),
    userId,
    role: 'officeStaff',
    scopeType: 'authority',
    scopeId: authorityId,
    includeChildren: opts.includeChildren ?? false,
    createdAt: now,
  });
  const config = {
    // An empty url: the database is a PGlite one (the crash test's file mode).
    ...loadConfig({ LOG_LEVEL: 'silent', DEMO: '0', ...(url ? { DATABASE_URL: url } : {}) }),
    argon2MemoryKiB: 1024,
    rateLimitPerMinute: 1e9,
    webDist: '/none',
    // Benchmarks sign in with a password; the second factor has its own tests.
    totpRequiredByDefault: false,
  };
  const app = await buildApp({ config, database, keys: opts.keys ?? memoryKeyRing(), clock: opts.clock });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'bench', password: 'Bench-Passw0rd!' },
  });
  const cookie = `xc_sid=${login.cookies.find((c) => c.name === 'xc_sid')?.value}`;
  return { app, cookie, headers: { cookie, 'x-csrf-token': login.json().csrfToken as string } };
}
