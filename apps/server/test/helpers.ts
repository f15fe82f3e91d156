import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { TRole, TScopeType } from '@xc/domain';
import { normalizeUsername, searchKey } from '@xc/domain';
import { desc, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type App, buildApp } from '../src/app.ts';
import { auditLog, authorities, grants, organizations, users } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { type Config, loadConfig } from '../src/platform/config.ts';
import type { StageGuard } from '../src/platform/context.ts';
import { type Database, MIGRATIONS_DIR, openDatabase, rowsOf } from '../src/platform/db.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { loadKeyRing, memoryKeyRing } from '../src/platform/keys.ts';
import { argon2Params, hashPassword } from '../src/platform/passwords.ts';

/**
 * One app per test file, on PGlite in memory or — when the run sets TEST_DB=postgres — on a fresh
 * PostgreSQL database of its own, dropped at the end. Nothing depends on another file's data.
 * Either way the database starts as a copy of one migrated template (see below), not as a new
 * cluster migrated from scratch: that took ~1.8 s per app on PGlite, a copy ~0.5 s.
 */
export interface TestContext {
  app: App;
  clock: ManualClock;
  config: Config;
  database: Database;
  close(): Promise<void>;
}

/** Where every test app's clock starts (a Monday, a working day). */
export const TEST_START = '2026-03-02T09:00:00+08:00';

export const onPostgres = () => process.env.TEST_DB === 'postgres' && !!process.env.TEST_DATABASE_URL;

/**
 * `ready: false` leaves the app unbooted, for a test of what happens while routes are registered
 * (a booted Fastify refuses every new route, whatever the route).
 */
export async function buildTestApp(
  overrides: Partial<Config> = {},
  logStream?: NodeJS.WritableStream,
  opts: { ready?: boolean; stageGuards?: StageGuard[] } = {},
): Promise<TestContext> {
  const clock = new ManualClock(TEST_START);
  const config: Config = {
    ...loadConfig({ DATA_DIR: `/tmp/xc-test-${process.pid}`, LOG_LEVEL: 'silent', DEMO: '0' }),
    argon2MemoryKiB: 1024,
    rateLimitPerMinute: 100_000,
    loginRateLimitPerMinute: 100_000,
    webDist: '/nonexistent',
    // Tests of the second factor switch it on themselves; the others sign in with a password.
    totpRequiredByDefault: false,
    ...overrides,
  };
  const { database, drop } = await openTestDatabase();
  // A test that names a key file gets its keys from it (created on first use), as a server would.
  const keys = overrides.keyFile ? loadKeyRing(overrides.keyFile) : memoryKeyRing();
  const app = await buildApp({ config, database, clock, logStream, keys, stageGuards: opts.stageGuards });
  if (opts.ready !== false) await app.ready();
  return {
    app,
    clock,
    config,
    database,
    close: async () => {
      // Closing the app closes its database.
      await app.close();
      await drop();
    },
  };
}

/**
 * A second API instance beside `t` on the same PostgreSQL database, with the same key file, clock
 * and settings — two servers behind one proxy (issue 10, item 11). PostgreSQL only: the embedded
 * database is one process by construction. Close it before `t`.
 */
export async function buildSecondInstance(t: TestContext): Promise<App> {
  if (!onPostgres()) throw new Error('a second instance needs PostgreSQL');
  const name = rowsOf<{ name: string }>(await t.database.db.execute(sql`select current_database() as name`))[0]?.name;
  if (!name) throw new Error('no current database');
  const database = await openDatabase({ url: databaseUrl(process.env.TEST_DATABASE_URL as string, name), poolMax: 5 });
  const app = await buildApp({ config: t.config, database, clock: t.clock, keys: t.app.deps.keys });
  await app.ready();
  return app;
}

/**
 * A migrated, empty database of the caller's own: PGlite in memory, or a PostgreSQL database
 * when the run is on PostgreSQL. `drop` removes the PostgreSQL one; close the database first.
 */
export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  let database: Database;
  let drop = async () => {};
  if (onPostgres()) {
    const base = process.env.TEST_DATABASE_URL as string;
    const name = await createPostgresTestDatabase(base);
    database = await openDatabase({ url: databaseUrl(base, name), poolMax: 5 });
    drop = async () => {
      await withAdmin(base, (c) => c.query(`drop database if exists ${name} with (force)`));
    };
  } else {
    database = await openDatabase({ dataDir: 'memory', loadDataDir: await pgliteTemplate() });
  }
  // A no-op on the copy of the template (a few ms); it still guards against a stale template.
  await database.migrate();
  return { database, drop };
}

// ---------------------------------------------------------------- template databases

/**
 * The migrations (and the PGlite release, whose data folder format a PGlite template depends on)
 * name the template: a changed migration gets a new template, an unchanged one is reused by every
 * test file of every run.
 */
const TEMPLATE_KEY = (() => {
  const h = createHash('sha256');
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => path.join(MIGRATIONS_DIR, f));
  for (const f of [...files, path.join(MIGRATIONS_DIR, 'meta', '_journal.json')])
    h.update(path.basename(f)).update('\0').update(fs.readFileSync(f)).update('\0');
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = path.dirname(entry);
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  h.update(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version);
  return h.digest('hex').slice(0, 16);
})();

const PGLITE_TEMPLATE_PREFIX = 'xc-pglite-template-';
let pgliteTemplateBlob: Promise<Blob> | undefined;

/**
 * A migrated PGlite data folder as a tar, kept in the temp folder under the template key (also
 * for a test that needs an empty database in a folder on disk: `openDatabase({ dataDir,
 * loadDataDir })` writes it there without running initdb and the migrations again). The
 * first worker that needs it builds it; two that race both build and the rename keeps one whole
 * file (a reader never sees a half-written one). Templates of other migration sets (42 MB each)
 * that no test has opened for ten minutes are removed then.
 */
export function pgliteTemplate(): Promise<Blob> {
  pgliteTemplateBlob ??= (async () => {
    const file = path.join(os.tmpdir(), `${PGLITE_TEMPLATE_PREFIX}${TEMPLATE_KEY}.tar`);
    try {
      const tar = new Blob([await fs.promises.readFile(file)]);
      // Marked as in use, so that a run of another migration set does not prune it.
      const now = new Date();
      await fs.promises.utimes(file, now, now).catch(() => {});
      return tar;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const d = await openDatabase({ dataDir: 'memory' });
    await d.migrate();
    const tar = await (d.pglite as NonNullable<Database['pglite']>).dumpDataDir('none');
    await d.close();
    const part = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
    await fs.promises.writeFile(part, Buffer.from(await tar.arrayBuffer()));
    await fs.promises.rename(part, file);
    pruneStalePgliteTemplates(path.basename(file));
    return tar;
  })();
  return pgliteTemplateBlob;
}

function pruneStalePgliteTemplates(keep: string): void {
  const stale = Date.now() - 10 * 60_000;
  for (const f of fs.readdirSync(os.tmpdir())) {
    if (!f.startsWith(PGLITE_TEMPLATE_PREFIX) || f === keep) continue;
    const p = path.join(os.tmpdir(), f);
    try {
      if (fs.statSync(p).mtimeMs < stale) fs.rmSync(p, { force: true });
    } catch {
      // another run removed it first
    }
  }
}

const PG_TEMPLATE = `xc_tpl_${TEMPLATE_KEY}`;
/** pg_advisory_lock key that serializes building the PostgreSQL template across workers and runs. */
const PG_TEMPLATE_LOCK = 0x78635f74;

function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdmin<T>(base: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/**
 * A database of the test file's own, copied from the migrated template with CREATE DATABASE …
 * TEMPLATE. The template is built once per migration set, under an advisory lock so that two
 * workers never build it at once, migrated under a temporary name and renamed when complete (so
 * its name existing means it is whole), and closed to connections (a session on a template makes
 * copying it fail). It stays for the next run; building a new one drops those of other migration
 * sets. A template dropped by a concurrent run with other migrations is simply built again.
 */
async function createPostgresTestDatabase(base: string): Promise<string> {
  const name = `xc_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(base, async (c) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`create database ${name} template ${PG_TEMPLATE}`);
        return;
      } catch (e) {
        // 3D000: the template does not exist (yet, or no longer).
        if ((e as { code?: string }).code !== '3D000' || attempt === 5) throw e;
        await buildPostgresTemplate(c, base);
      }
    }
  });
  return name;
}

async function buildPostgresTemplate(c: pg.Client, base: string): Promise<void> {
  await c.query('select pg_advisory_lock($1)', [PG_TEMPLATE_LOCK]);
  try {
    const found = await c.query('select 1 from pg_database where datname = $1', [PG_TEMPLATE]);
    if (found.rowCount) return;
    const stale = await c.query<{ datname: string }>(
      "select datname from pg_database where datname like 'xc\\_tpl\\_%' and datname <> $1",
      [PG_TEMPLATE],
    );
    for (const { datname } of stale.rows) await c.query(`drop database if exists ${datname} with (force)`);
    const building = `${PG_TEMPLATE}_building`;
    await c.query(`drop database if exists ${building} with (force)`);
    await c.query(`create database ${building}`);
    const d = await openDatabase({ url: databaseUrl(base, building), poolMax: 1 });
    try {
      await d.migrate();
    } finally {
      await d.close();
    }
    await c.query(`alter database ${building} with allow_connections false`);
    await c.query(`alter database ${building} rename to ${PG_TEMPLATE}`);
  } finally {
    await c.query('select pg_advisory_unlock($1)', [PG_TEMPLATE_LOCK]);
  }
}

// ---------------------------------------------------------------- factories

export async function makeAuthority(
  t: TestContext,
  o: { name?: string; level?: 'city' | 'county'; parentAuthorityId?: string | null } = {},
): Promise<string> {
  const id = uuidv7();
  await t.database.db.insert(authorities).values({
    id,
    name: o.name ?? `测试巡察办${id.slice(-6)}`,
    shortName: (o.name ?? `测试${id.slice(-4)}`).slice(0, 10),
    level: o.level ?? (o.parentAuthorityId ? 'county' : 'city'),
    parentAuthorityId: o.parentAuthorityId ?? null,
    regionCode: null,
    createdAt: t.clock.now(),
  });
  return id;
}

export async function makeOrg(
  t: TestContext,
  o: {
    authorityId: string;
    name?: string;
    parentId?: string | null;
    kind?: string;
    sector?: string | null;
    creditCode?: string | null;
    establishedOn?: string | null;
  },
): Promise<string> {
  const id = uuidv7();
  const name = o.name ?? `测试单位${id.slice(-6)}`;
  await t.database.db.insert(organizations).values({
    id,
    authorityId: o.authorityId,
    parentId: o.parentId ?? null,
    name,
    searchKey: searchKey(name),
    kind: o.kind ?? '市直单位',
    sector: o.sector ?? null,
    creditCode: o.creditCode ?? null,
    establishedOn: o.establishedOn ?? null,
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
  return id;
}

export interface GrantSpec {
  role: TRole;
  scopeType?: TScopeType;
  scopeId?: string | null;
  includeChildren?: boolean;
}

export const TEST_PASSWORD = 'Test-Passw0rd!x';

export async function makeUser(
  t: TestContext,
  o: {
    username?: string;
    displayName?: string;
    grants?: GrantSpec[];
    mustChangePassword?: boolean;
    authorityId?: string | null;
    orgId?: string | null;
    password?: string;
    /** The stored hash of `password`, when a test makes many users with one password (hashed once). */
    passwordHash?: string;
  } = {},
): Promise<{ id: string; username: string; password: string }> {
  const id = uuidv7();
  const username = o.username ?? `u${randomBytes(4).toString('hex')}`;
  const password = o.password ?? TEST_PASSWORD;
  await t.database.db.insert(users).values({
    id,
    username: normalizeUsername(username),
    usernameKey: normalizeUsername(username),
    displayName: o.displayName ?? `测试用户${username.slice(-4)}`,
    authorityId: o.authorityId ?? null,
    orgId: o.orgId ?? null,
    passwordHash: o.passwordHash ?? (await hashPassword(password, argon2Params(t.config.argon2MemoryKiB))),
    passwordChangedAt: t.clock.now(),
    mustChangePassword: o.mustChangePassword ?? false,
    createdAt: t.clock.now(),
  });
  for (const g of o.grants ?? [])
    await t.database.db.insert(grants).values({
      id: uuidv7(),
      userId: id,
      role: g.role,
      scopeType: g.scopeType ?? (['sysAdmin', 'secAdmin', 'auditAdmin'].includes(g.role) ? 'system' : 'authority'),
      scopeId: g.scopeId ?? null,
      includeChildren: g.includeChildren ?? false,
      createdAt: t.clock.now(),
    });
  return { id, username, password };
}

// ---------------------------------------------------------------- sessions

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
  reauth(): Promise<void>;
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'xc_sid');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode} ${res.body}`);
  return `xc_sid=${c.value}`;
}

/**
 * A test app whose log lines are kept, at info level: what a test reads to make sure something never
 * reaches the log (a reporter's words, a token).
 */
export async function buildLoggedTestApp(
  overrides: Partial<Config> = {},
): Promise<{ t: TestContext; logs: () => string }> {
  let logs = '';
  const stream = new PassThrough();
  stream.on('data', (c) => {
    logs += c.toString();
  });
  const t = await buildTestApp({ logLevel: 'info', ...overrides }, stream);
  return { t, logs: () => logs };
}

/**
 * A public submission as multipart/form-data (the report and follow-up routes): `data` as the JSON
 * field, each file in `files`, declared as `fileType` when one is given (the server trusts only the bytes).
 */
export function submissionMultipart(data: unknown, files: { name: string; body: Buffer }[], fileType?: string) {
  const b = '----xc-submission';
  const type = fileType ? `\r\nContent-Type: ${fileType}` : '';
  const parts: Buffer[] = [
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`),
  ];
  for (const f of files)
    parts.push(
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"${type}\r\n\r\n`),
      f.body,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/**
 * A call registered by hand whose words try the keyword search: full-width letters and digits, mixed
 * case, and the LIKE wildcards % and _ as the search word's own characters.
 */
export const SEARCHABLE_CALL = {
  channel: 'phone',
  anonymous: true,
  subjectName: '李某',
  subjectPost: '办公室主任',
  content: '来电反映：局办公室主任李某在ＸＹＺ１２３科技公司入干股，100%属实。',
  receivedOn: '2026-11-26',
};
/** What SEARCHABLE_CALL must be found by. */
export const SEARCHABLE_CALL_WORDS = ['xyz123', 'ＸＹＺ１２３', 'XyZ1', '办公室主任', '李某', '100%', '%'];

/** The ids of the inbox's petitions that `q` finds, as `s` sees them. */
export async function petitionsFound(s: Session, q: string): Promise<string[]> {
  return (await s.get(`/api/petitions?q=${encodeURIComponent(q)}`)).json().items.map((i: { id: string }) => i.id);
}

/** A request without a session from the public internet, from `ip` (the app trusts X-Forwarded-For). */
export function anonymous(
  t: Pick<TestContext, 'app'>,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  ip = '10.0.0.1',
) {
  return t.app.inject({
    method,
    url,
    headers: { 'x-forwarded-for': ip },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** The newest audit row of `action`. */
export async function lastAudit(t: Pick<TestContext, 'database'>, action: string) {
  const db = t.database.db;
  return (await db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.seq)).limit(1))[0];
}

/** A login attempt, whatever its answer. */
export function tryLogin(t: Pick<TestContext, 'app'>, username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

export async function login(t: TestContext, username: string, password: string): Promise<Session> {
  const res = await tryLogin(t, username, password);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const s = sessionFrom(t, cookieOf(res), res.json().csrfToken, res.json().user.id);
  return s;
}

export function sessionFrom(t: TestContext, cookie: string, csrf: string, userId: string): Session {
  const s: Session = {
    cookie,
    csrf,
    userId,
    request: (method, url, body, headers = {}) =>
      t.app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
    get: (url) => s.request('GET', url),
    post: (url, body) => s.request('POST', url, body ?? {}),
    patch: (url, body) => s.request('PATCH', url, body),
    put: (url, body) => s.request('PUT', url, body),
    del: (url) => s.request('DELETE', url),
    reauth: async () => {
      const r = await s.post('/api/auth/reauth', { password: TEST_PASSWORD });
      if (r.statusCode !== 204) throw new Error(`reauth failed ${r.statusCode} ${r.body}`);
    },
  };
  return s;
}

/** Make a user with the given grants and log in as them. */
export async function loginAs(t: TestContext, ...g: GrantSpec[]): Promise<Session> {
  const u = await makeUser(t, { grants: g });
  return login(t, u.username, u.password);
}

/**
 * A term (七届市委, 2026-10 to 2031-09), a regular round, a team and an ordinary inspection of
 * `targetOrgIds`, made through the API by an office user: the planning most module tests start from.
 */
export async function planInspection(
  s: Session,
  o: {
    authorityId: string;
    targetOrgIds: string[];
    teamName?: string;
    round?: { plannedStart: string; plannedEnd: string };
    plannedEntryDate?: string;
    plannedExitDate?: string;
  },
): Promise<{ termId: string; roundId: string; teamId: string; inspectionId: string }> {
  const ok = (r: LightMyRequestResponse) => {
    if (r.statusCode >= 300) throw new Error(`planning setup failed: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const term = ok(
    await s.post('/api/terms', {
      authorityId: o.authorityId,
      name: '七届市委',
      startDate: '2026-10-01',
      endDate: '2031-09-30',
    }),
  );
  const round = ok(
    await s.post('/api/rounds', {
      termId: term.id,
      kind: 'regular',
      ...(o.round ?? { plannedStart: '2026-11-01', plannedEnd: '2027-01-30' }),
    }),
  );
  const team = ok(await s.post('/api/teams', { roundId: round.id, name: o.teamName ?? '第一巡察组' }));
  const inspection = ok(
    await s.post('/api/inspections', {
      roundId: round.id,
      teamId: team.id,
      mode: 'ordinary',
      targetOrgIds: o.targetOrgIds,
      ...(o.plannedEntryDate ? { plannedEntryDate: o.plannedEntryDate } : {}),
      ...(o.plannedExitDate ? { plannedExitDate: o.plannedExitDate } : {}),
    }),
  );
  return { termId: term.id, roundId: round.id, teamId: team.id, inspectionId: inspection.id };
}

/** The QR code of an inspection's first target, made on first request as the office's page does. */
export async function publicCodeOf(s: Session, inspectionId: string): Promise<string> {
  const res = await s.get(`/api/inspections/${inspectionId}/public-codes`);
  if (res.statusCode !== 200) throw new Error(`public codes: ${res.statusCode} ${res.body}`);
  return res.json().items[0].code;
}

/** A valid 巡察干部 record for `POST /api/inspectors`, as the personnel tests and the fuzzing need one. */
export const inspectorInput = (authorityId: string, over: Record<string, unknown> = {}) => ({
  authorityId,
  name: '张明',
  gender: 'male',
  birthYear: 1980,
  homeUnitName: '赣州市审计局',
  post: '科长',
  rank: '一级主任科员',
  politicalStatus: '中共党员',
  expertise: ['审计'],
  pools: [{ pool: 'talentPool', status: 'in', since: '2020-01-01' }],
  history: [],
  relatives: [],
  workRelations: [],
  ...over,
});
