import { randomBytes } from 'node:crypto';
import type { TRole, TScopeType } from '@xc/domain';
import { normalizeUsername, searchKey } from '@xc/domain';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../src/app.ts';
import { authorities, grants, organizations, users } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { type Config, loadConfig } from '../src/platform/config.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { loadKeyRing, memoryKeyRing } from '../src/platform/keys.ts';
import { argon2Params, hashPassword } from '../src/platform/passwords.ts';

/**
 * One app per test file, on PGlite in memory or — when the run sets TEST_DB=postgres — on a fresh
 * PostgreSQL database of its own, dropped at the end. Nothing depends on another file's data.
 */
export interface TestContext {
  app: App;
  clock: ManualClock;
  config: Config;
  database: Database;
  close(): Promise<void>;
}

export const onPostgres = () => process.env.TEST_DB === 'postgres' && !!process.env.TEST_DATABASE_URL;

export async function buildTestApp(
  overrides: Partial<Config> = {},
  logStream?: NodeJS.WritableStream,
): Promise<TestContext> {
  const clock = new ManualClock('2026-03-02T09:00:00+08:00');
  const config: Config = {
    ...loadConfig({ DATA_DIR: `/tmp/xc-test-${process.pid}`, LOG_LEVEL: 'silent', DEMO: '0' }),
    argon2MemoryKiB: 1024,
    rateLimitPerMinute: 100_000,
    loginRateLimitPerMinute: 100_000,
    webDist: '/nonexistent',
    ...overrides,
  };
  let dropDb: (() => Promise<void>) | null = null;
  let database: Database;
  if (onPostgres()) {
    const base = process.env.TEST_DATABASE_URL as string;
    const name = `xc_test_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ url: base, poolMax: 1 });
    await admin.db.execute(sql.raw(`create database ${name}`));
    await admin.close();
    const u = new URL(base);
    u.pathname = `/${name}`;
    database = await openDatabase({ url: u.toString(), poolMax: 5 });
    dropDb = async () => {
      const a = await openDatabase({ url: base, poolMax: 1 });
      await a.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await a.close();
    };
  } else {
    database = await openDatabase({ dataDir: 'memory' });
  }
  await database.migrate();
  // A test that names a key file gets its keys from it (created on first use), as a server would.
  const keys = overrides.keyFile ? loadKeyRing(overrides.keyFile) : memoryKeyRing();
  const app = await buildApp({ config, database, clock, logStream, keys });
  await app.ready();
  return {
    app,
    clock,
    config,
    database,
    close: async () => {
      await app.close();
      if (dropDb) await dropDb();
    },
  };
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
    passwordHash: await hashPassword(password, argon2Params(t.config.argon2MemoryKiB)),
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

export async function login(t: TestContext, username: string, password: string): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
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
