import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '@xc/domain';
import { buildApp } from '../apps/server/src/app.ts';
import { authorities, grants, users } from '../apps/server/src/db/schema/index.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { runCryptoSelfTests } from '../apps/server/src/platform/crypto.ts';
import { openDatabase } from '../apps/server/src/platform/db.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { loadKeyRing } from '../apps/server/src/platform/keys.ts';
import { argon2Params, hashPassword, verifyPassword } from '../apps/server/src/platform/passwords.ts';
import { SettingsStore } from '../apps/server/src/platform/settings.ts';
import { freshPostgres, header, pct } from './lib.ts';

/**
 * Issue 10: login throughput with argon2id, so the hash cost is a measured choice. For each
 * memory cost — the production one (config.argon2MemoryKiB, t=2, p=1) and half and double of it —
 * 100 office users get passwords hashed with that cost, a server process is started on PostgreSQL
 * with that cost in its configuration (so no login re-hashes), and 100 correct logins of distinct
 * users are fired at once, `BENCH_LOGIN_ROUNDS` times (default 3). Reported: p50/p95/max latency
 * and logins/s of the burst. Baseline in the same run: the hash alone in this process — one verify
 * at a time (its cost), and 100 verifies at once on the same thread pool (the ceiling a login burst
 * cannot pass). The machine's load average is printed with each figure: other work shares the CPU.
 *
 * The server process is this file with `--serve`: the app `main.ts serve` builds (buildApp with the
 * configuration from the environment, crypto self-tests first), with only argon2MemoryKiB replaced
 * by BENCH_ARGON2_KIB, because the production value is a constant, not an environment variable.
 */
const USERS = 100;
const ROUNDS = Number(process.env.BENCH_LOGIN_ROUNDS ?? 3);
const PASSWORD = 'Bench-Passw0rd!';
const root = path.resolve(import.meta.dirname, '..');
const SELF = path.join(root, 'bench/login.bench.ts');

async function serveForBench(): Promise<void> {
  const kib = Number(process.env.BENCH_ARGON2_KIB);
  if (!Number.isInteger(kib) || kib < 1024) throw new Error('BENCH_ARGON2_KIB must be set');
  const config = { ...loadConfig(), argon2MemoryKiB: kib };
  runCryptoSelfTests();
  const database = await openDatabase({ url: config.databaseUrl });
  const app = await buildApp({ config, database, keys: loadKeyRing(config.keyFile) });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen({ port: config.port, host: config.host });
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface VariantResult {
  kib: number;
  verifyMs: number;
  hashOnlyPerSecond: number;
  p50: number;
  p95: number;
  max: number;
  perSecond: number;
  load: string;
}

export async function benchLogin(): Promise<Record<string, number>> {
  const production = loadConfig({}).argon2MemoryKiB;
  const variants = [production, Math.round(production / 2), production * 2];
  header(
    `Login: ${USERS} parallel correct logins of distinct users, argon2id t=2 p=1 at ${variants.map((k) => `${k} KiB`).join(' / ')}, ${ROUNDS} rounds each, PostgreSQL`,
  );
  console.log(`load average before: ${load()} (${os.cpus().length} CPUs)`);
  const { database, url, drop } = await freshPostgres();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-bench-login-'));
  const keyFile = path.join(tmp, 'keys', 'field-keys.json');
  loadKeyRing(keyFile);
  let child: ChildProcess | null = null;
  const results: VariantResult[] = [];
  try {
    const now = new Date();
    const auth = uuidv7();
    await database.db.insert(authorities).values({
      id: auth,
      name: '压测市委巡察办',
      shortName: '压测',
      level: 'city',
      parentAuthorityId: null,
      regionCode: null,
      createdAt: now,
    });
    // Password only: the second factor has its own tests and is not what is measured here.
    await new SettingsStore(database.db).save(
      database.db,
      0,
      { ...DEFAULT_SETTINGS, totpRequiredRoles: [] },
      uuidv7(),
      now,
    );

    for (const kib of variants) {
      const params = argon2Params(kib);
      // 100 users (and a warm-up user) whose hashes carry this variant's parameters.
      const names = Array.from({ length: USERS + 1 }, (_, i) => `u${kib}_${i}`);
      const hashes = await Promise.all(names.map(() => hashPassword(PASSWORD, params)));
      for (const [i, username] of names.entries()) {
        const id = uuidv7();
        await database.db.insert(users).values({
          id,
          username,
          usernameKey: username,
          displayName: `压测${i}`,
          passwordHash: hashes[i] as string,
          passwordChangedAt: now,
          mustChangePassword: false,
          createdAt: now,
        });
        await database.db.insert(grants).values({
          id: uuidv7(),
          userId: id,
          role: 'officeStaff',
          scopeType: 'authority',
          scopeId: auth,
          includeChildren: false,
          createdAt: now,
        });
      }

      // Baseline: the hash alone, in this process.
      const one: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        if (!(await verifyPassword(hashes[0] as string, PASSWORD))) throw new Error('verify');
        one.push(performance.now() - t);
      }
      const th = performance.now();
      await Promise.all(hashes.slice(0, USERS).map((h) => verifyPassword(h, PASSWORD)));
      const hashOnlyPerSecond = USERS / ((performance.now() - th) / 1000);

      const port = 30_000 + Math.floor(Math.random() * 20_000);
      const base = `http://127.0.0.1:${port}`;
      child = spawn(process.execPath, ['--import', 'tsx', SELF, '--serve'], {
        cwd: root,
        env: {
          ...process.env,
          BENCH_ARGON2_KIB: String(kib),
          DATABASE_URL: url,
          DATA_DIR: path.join(tmp, 'data'),
          KEY_FILE: keyFile,
          PORT: String(port),
          DEMO: '0',
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_MINUTE: '1000000000',
          RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000000',
          LOGIN_RATE_LIMIT_PER_MINUTE: '1000000000',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const proc = child;
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(`${base}/api/health`)).ok) break;
        } catch {
          // starting
        }
        if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
        if (i > 1200) throw new Error('server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      const loginOnce = async (username: string) => {
        const t = performance.now();
        const r = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        const text = await r.text();
        if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${text}`);
        return performance.now() - t;
      };
      // Warm-up: the JIT, the pool's connections, the settings cache.
      for (let i = 0; i < 5; i++) await loginOnce(names[USERS] as string);

      const lat: number[] = [];
      const rates: number[] = [];
      const loadAt = load();
      for (let round = 0; round < ROUNDS; round++) {
        const t = performance.now();
        lat.push(...(await Promise.all(names.slice(0, USERS).map(loginOnce))));
        rates.push(USERS / ((performance.now() - t) / 1000));
      }
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
      child = null;
      const r: VariantResult = {
        kib,
        verifyMs: pct(one, 50),
        hashOnlyPerSecond,
        p50: pct(lat, 50),
        p95: pct(lat, 95),
        max: Math.max(...lat),
        perSecond: pct(rates, 50),
        load: loadAt,
      };
      results.push(r);
      console.log(
        `${String(kib).padStart(5)} KiB${kib === production ? ' (production)' : kib < production ? ' (half)      ' : ' (double)    '}: ${USERS}×${ROUNDS} logins, all 200; p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, max ${r.max.toFixed(0)} ms; ${r.perSecond.toFixed(1)} logins/s (median of rounds: ${rates.map((x) => x.toFixed(1)).join(', ')}) | hash alone: one verify ${r.verifyMs.toFixed(0)} ms, ${USERS} at once ${hashOnlyPerSecond.toFixed(1)}/s | load ${loadAt}`,
      );
    }
  } finally {
    if (child) child.kill('SIGKILL');
    await drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`load average after: ${load()}`);
  const out: Record<string, number> = {};
  for (const r of results) {
    out[`kib${r.kib}P50Ms`] = Math.round(r.p50);
    out[`kib${r.kib}P95Ms`] = Math.round(r.p95);
    out[`kib${r.kib}MaxMs`] = Math.round(r.max);
    out[`kib${r.kib}LoginsPerSecond`] = Number(r.perSecond.toFixed(1));
    out[`kib${r.kib}VerifyMs`] = Number(r.verifyMs.toFixed(1));
    out[`kib${r.kib}HashOnlyPerSecond`] = Number(r.hashOnlyPerSecond.toFixed(1));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--serve') await serveForBench();
  else await benchLogin();
}
