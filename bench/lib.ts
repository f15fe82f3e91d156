import { randomBytes } from 'node:crypto';
import { permissionsOf } from '@xc/domain';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { type App, buildApp } from '../apps/server/src/app.ts';
import * as schema from '../apps/server/src/db/schema/index.ts';
import { grants, users } from '../apps/server/src/db/schema/index.ts';
import { type Clock, systemClock } from '../apps/server/src/platform/clock.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import type { Actor, AppDeps, RequestCtx } from '../apps/server/src/platform/context.ts';
import { type Database, type Db, openDatabase, rowsOf } from '../apps/server/src/platform/db.ts';
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
      // Closing the benchmark's app has usually closed this database already (its onClose hook);
      // a second close throws, and the database (a million rows or more) was left behind.
      await database.close().catch(() => {});
      // BENCH_KEEP_DB=1 leaves the database for EXPLAIN after the run (drop it by hand).
      if (process.env.BENCH_KEEP_DB) return console.log(`保留数据库 ${name}`);
      const a = await openDatabase({ url: PG_URL, poolMax: 1 });
      await a.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await a.close();
    },
  };
}

export function header(title: string): void {
  console.log(`\n## ${title}`);
}

/** The demo data's deterministic generator (mulberry32), so every run builds the same data. */
export { mulberry32 as prng } from '../apps/server/src/seed/data/names.ts';

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

/** POSTs through the API with the session's headers; anything but a 2xx stops the benchmark. */
export function apiPost(app: App, headers: Record<string, string>) {
  return async (url: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url, headers, payload });
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
}

/** The term (压测届) and the regular round the planning-based benchmarks start from, made through the API. */
export async function benchTermAndRound(post: ReturnType<typeof apiPost>, authorityId: string) {
  const term = await post('/api/terms', {
    authorityId,
    name: '压测届',
    startDate: '2026-10-01',
    endDate: '2031-09-30',
  });
  const round = await post('/api/rounds', {
    termId: term.id,
    kind: 'regular',
    plannedStart: '2026-11-01',
    plannedEnd: '2027-01-30',
  });
  return { term, round };
}

export interface Captured {
  sql: string;
  params: unknown[];
}

/**
 * The exact statements a service issues, captured through a logging client, for a benchmark to run
 * them directly (its baseline: the same SQL without HTTP, JSON and the service's own work). The
 * caller is the `bench` office user of benchSession, reaching `authorityIds` (the first is its
 * grant's). `capture(run)` returns what `run` sent; `end()` closes the client.
 */
export async function statementCapture(
  app: App,
  url: string,
  authorityIds: string[],
  now: Date,
): Promise<{
  deps: AppDeps;
  ctx: () => RequestCtx;
  capture: (run: (deps: AppDeps, ctx: RequestCtx) => Promise<unknown>) => Promise<Captured[]>;
  end: () => Promise<void>;
}> {
  const db = app.deps.db;
  const userId = rowsOf<{ id: string }>(await db.execute(sql`select id from ${users} where username = 'bench'`))[0]
    ?.id as string;
  const grant = rowsOf<{ id: string }>(await db.execute(sql`select id from ${grants} where user_id = ${userId}`))[0]
    ?.id as string;
  let captured: Captured[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // The database is dropped at the end (also after a failure): its connections then close with an error.
  pool.on('error', () => {});
  const capturing = drizzle(pool, {
    schema,
    logger: { logQuery: (q: string, params: unknown[]) => void captured.push({ sql: q, params }) },
  }) as unknown as Db;
  const deps: AppDeps = { ...app.deps, db: capturing };
  const actor = (): Actor => ({
    userId,
    username: 'bench',
    displayName: '压测',
    authorityId: null,
    orgId: null,
    roles: ['officeStaff'],
    grants: [
      {
        id: grant,
        userId,
        role: 'officeStaff',
        scopeType: 'authority',
        scopeId: authorityIds[0] as string,
        includeChildren: true,
        scopeName: null,
        createdAt: now.toISOString(),
      },
    ],
    reach: [{ role: 'officeStaff', system: false, authorityIds, orgIds: [] }],
    permissions: permissionsOf(['officeStaff']),
    mustChangePassword: false,
    passwordExpired: false,
    totpEnrolmentRequired: false,
    sessionHash: '',
    csrfToken: '',
    reauthAt: null,
  });
  const ctx = () => ({ actor: actor(), requestId: 'bench', ip: null });
  return {
    deps,
    ctx,
    capture: async (run) => {
      captured = [];
      await run(deps, ctx());
      return captured;
    },
    end: () => pool.end(),
  };
}
