import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '@xc/domain';
import { sql } from 'drizzle-orm';
import { authorities, organizations } from '../apps/server/src/db/schema/index.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { type Database, openDatabase } from '../apps/server/src/platform/db.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { loadKeyRing } from '../apps/server/src/platform/keys.ts';
import { receiptHash } from '../apps/server/src/platform/public.ts';
import { SettingsStore } from '../apps/server/src/platform/settings.ts';
import { apiPost, benchSession, benchTermAndRound, freshPostgres, header, prng } from './lib.ts';

/**
 * Issue 10 / security.md Reliability (R4a on PostgreSQL, R4b on PGlite's file mode): kill -9 the
 * server during writes. One fresh database (`BENCH_CRASH_DB=pglite`: a PGlite folder the server
 * opens from DATA_DIR, as `npm start` does; otherwise a PostgreSQL database); each cycle starts `main.ts serve` in its own process (production config, DEMO=0),
 * signs in as an office user, fires a burst of mixed writes from several workers (new
 * organizations, new inspectors, staff-registered petitions, public reports through a QR code)
 * and SIGKILLs the server at a random moment of the burst. A write counts as acknowledged only when
 * its 2xx answer arrived whole. After the kill, every acknowledged write is looked up in the
 * database (staff writes by id, with their audit row; public reports by the slow hash of the
 * receipt they were given), and the `audit-verify` command runs as an operator would run it: the
 * SM3 chain must verify, and the signed checkpoint outside the database must agree with it.
 *
 * `BENCH_CRASH_CYCLES` (default 50) sets the number of cycles; `BENCH_CRASH_SEED` the random seed.
 */
const CYCLES = Number(process.env.BENCH_CRASH_CYCLES ?? 50);
const MODE: 'pglite' | 'postgres' = process.env.BENCH_CRASH_DB === 'pglite' ? 'pglite' : 'postgres';
const WORKERS = 6;
const SEED = Number(process.env.BENCH_CRASH_SEED ?? 20261206);
const root = path.resolve(import.meta.dirname, '..');
const MAIN = path.join(root, 'apps/server/src/main.ts');
const PASSWORD = 'Bench-Passw0rd!';

type Kind = 'org' | 'inspector' | 'petition' | 'report';
interface Ack {
  cycle: number;
  kind: Kind;
  /** The new row's id; for a public report, the receipt. */
  key: string;
}

export async function benchCrash(): Promise<Record<string, number>> {
  header(
    `Crash test: kill -9 during a burst of mixed writes, ${CYCLES} cycles, ${MODE === 'pglite' ? 'PGlite (file mode)' : 'PostgreSQL'}`,
  );
  const rnd = prng(SEED);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-bench-crash-'));
  const dataDir = path.join(tmp, 'data');
  // PGlite: the server's own folder, migrated here first; it is opened by one process at a time.
  const { database, url, drop } =
    MODE === 'pglite'
      ? await (async () => {
          fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
          const d = await openDatabase({ dataDir });
          await d.migrate();
          return { database: d, url: '', drop: async () => {} };
        })()
      : await freshPostgres();
  /** Opens the database the server wrote, to look for the acknowledged writes (PGlite: the folder). */
  const openCheck = () => (MODE === 'pglite' ? openDatabase({ dataDir }) : openDatabase({ url, poolMax: 2 }));
  const keyFile = path.join(tmp, 'keys', 'field-keys.json');
  const keys = loadKeyRing(keyFile);
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(MODE === 'postgres' ? { DATABASE_URL: url } : {}),
    DATA_DIR: dataDir,
    KEY_FILE: keyFile,
    PORT: String(port),
    DEMO: '0',
    LOG_LEVEL: 'warn',
    // The burst is one user and many public clients; the limits are not what is measured here.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000000',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000000',
    // Public reports arrive "through a proxy" on loopback, each with its own client address, so the
    // per-client report throttle (10 an hour) does not stop the burst.
    TRUSTED_PROXIES: '127.0.0.1',
  };
  let child: ChildProcess | null = null;
  const acks: Ack[] = [];
  const perCycle: { acked: number; killedAtMs: number; lost: number; verified: boolean; checkpointSeq: number }[] = [];
  try {
    // ---------------------------------------------------------------- setup, in this process
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
    const target = uuidv7();
    await database.db.insert(organizations).values({
      id: target,
      authorityId: auth,
      parentId: null,
      name: '压测被巡察单位',
      searchKey: '压测被巡察单位',
      kind: '市直单位',
      sector: '综合',
      creditCode: null,
      establishedOn: '2000-01-01',
      abolishedOn: null,
      mergedIntoId: null,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    const setupDb = MODE === 'pglite' ? database : await openDatabase({ url, poolMax: 2 });
    // Creates the office user `bench` (officeStaff of `auth`) and signs in through the API.
    const { app, headers } = await benchSession(setupDb, url, auth, { keys });
    const post = apiPost(app, headers);
    const { round } = await benchTermAndRound(post, auth);
    const team = await post('/api/teams', { roundId: round.id, name: '第一巡察组' });
    const insp = await post('/api/inspections', {
      roundId: round.id,
      teamId: team.id,
      mode: 'ordinary',
      targetOrgIds: [target],
    });
    const codes = await app.inject({ method: 'GET', url: `/api/inspections/${insp.id}/public-codes`, headers });
    const code = codes.json().items[0].code as string;
    // DEMO=0 starts with the second factor required of office roles; this user signs in with a
    // password only (TOTP has its own tests), as the office's settings may allow.
    await new SettingsStore(database.db).save(
      database.db,
      0,
      { ...DEFAULT_SETTINGS, totpRequiredRoles: [] },
      uuidv7(),
      now,
    );
    await app.close();
    // PGlite: the server process must be the only one with the folder open.
    if (MODE === 'pglite') await database.close();

    // ---------------------------------------------------------------- the cycles
    let reportNo = 0;
    let totalAttempted = 0;
    const t0 = performance.now();
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
        cwd: root,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const proc = child;
      let stderr = '';
      proc.stderr?.on('data', (b) => {
        stderr += b;
      });
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      await waitHealthy(base, proc, () => stderr);

      // Sign in (itself a write: the session row and the login audit row).
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench', password: PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
      const sid = login.headers.getSetCookie().find((c) => /^(__Host-)?xc_sid=/.test(c));
      if (!sid) throw new Error('no session cookie');
      const staff = {
        'content-type': 'application/json',
        cookie: sid.split(';')[0] as string,
        'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
      };

      const cycleAcks: Ack[] = [];
      let stop = false;
      const one = async (w: number, i: number): Promise<void> => {
        const r = rnd();
        const tag = `${cycle}-${w}-${i}`;
        totalAttempted++;
        let kind: Kind;
        let res: Response;
        if (r < 0.35) {
          kind = 'org';
          res = await fetch(`${base}/api/orgs`, {
            method: 'POST',
            headers: staff,
            body: JSON.stringify({ authorityId: auth, name: `压测单位${tag}`, kind: '市直单位' }),
          });
        } else if (r < 0.7) {
          kind = 'inspector';
          res = await fetch(`${base}/api/inspectors`, {
            method: 'POST',
            headers: staff,
            body: JSON.stringify({ authorityId: auth, name: `干部${tag}`, gender: 'male', homeUnitName: '压测单位' }),
          });
        } else if (r < 0.85) {
          kind = 'petition';
          res = await fetch(`${base}/api/inspections/${insp.id}/petitions`, {
            method: 'POST',
            headers: staff,
            body: JSON.stringify({
              channel: 'letter',
              orgId: target,
              anonymous: true,
              content: `来信反映：压测第${tag}件，某中心违规发放津贴补贴。`,
              receivedOn: '2026-11-25',
            }),
          });
        } else {
          kind = 'report';
          reportNo++;
          res = await fetch(`${base}/api/public/codes/${code}/reports`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': `10.${(reportNo >> 16) & 255}.${(reportNo >> 8) & 255}.${reportNo & 255}`,
            },
            body: JSON.stringify({ anonymous: true, content: `扫码反映：压测第${tag}件，有人违规吃喝。` }),
          });
        }
        const text = await res.text();
        if (res.status >= 200 && res.status < 300) {
          const body = JSON.parse(text) as { id?: string; receipt?: string };
          const key = kind === 'report' ? body.receipt : body.id;
          if (!key) throw new Error(`${kind}: 2xx without an id: ${text}`);
          cycleAcks.push({ cycle, kind, key });
        } else if (!stop) throw new Error(`${kind}: ${res.status} ${text}`);
      };
      const burstStart = performance.now();
      const killAfter = 300 + Math.floor(rnd() * 2700);
      const workers = Array.from({ length: WORKERS }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          try {
            await one(w, i);
          } catch (e) {
            // After the kill, refused and reset connections end the worker; before it, anything is a bug.
            if (stop) return;
            throw e;
          }
        }
      });
      const killer = (async () => {
        await new Promise((r) => setTimeout(r, killAfter));
        stop = true;
        proc.kill('SIGKILL');
      })();
      const outcome = await Promise.allSettled([...workers, killer]);
      const failed = outcome.find((o) => o.status === 'rejected');
      if (failed) {
        proc.kill('SIGKILL');
        throw (failed as PromiseRejectedResult).reason;
      }
      const killedAtMs = performance.now() - burstStart;
      await exited;
      child = null;

      // ---------------------------------------------------------------- after the kill
      const check = await openCheck();
      const lost = await missing(check, cycleAcks, keys, auth).finally(() => check.close());
      const verify = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'audit-verify'], {
        cwd: root,
        env,
        encoding: 'utf8',
      });
      const verified = verify.status === 0 && verify.stdout.includes('审计日志完整');
      const cp = /检查点（第 (\d+) 条）/.exec(verify.stdout);
      perCycle.push({
        acked: cycleAcks.length,
        killedAtMs,
        lost: lost.length,
        verified,
        checkpointSeq: cp ? Number(cp[1]) : 0,
      });
      acks.push(...cycleAcks);
      const kinds = countKinds(cycleAcks);
      console.log(
        `cycle ${String(cycle).padStart(2)}: killed at ${Math.round(killedAtMs)} ms, acknowledged ${cycleAcks.length} (${kinds}), lost ${lost.length}, audit-verify ${verified ? 'ok' : 'FAILED'}: ${(verify.stdout + verify.stderr).trim()}`,
      );
      if (lost.length) console.log(`  lost: ${JSON.stringify(lost.slice(0, 10))}`);
      if (!verified) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    const last = await openCheck();
    const auditRows = Number(
      ((await last.db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as { rows: { n: number }[] })
        .rows[0]?.n,
    );
    await last.close();
    const lostTotal = perCycle.reduce((s, c) => s + c.lost, 0);
    const verifiedCycles = perCycle.filter((c) => c.verified).length;
    const withCheckpoint = perCycle.filter((c) => c.checkpointSeq > 0).length;
    console.log(
      `\n${perCycle.length} cycles in ${seconds.toFixed(0)} s: ${totalAttempted} writes sent, ${acks.length} acknowledged (${countKinds(acks)}), lost ${lostTotal}; audit chain verified after ${verifiedCycles} of ${perCycle.length} restarts (signed checkpoint present and agreeing in ${withCheckpoint}); audit rows at the end ${auditRows}`,
    );
    return {
      cycles: perCycle.length,
      attempted: totalAttempted,
      acknowledged: acks.length,
      lost: lostTotal,
      auditVerified: verifiedCycles,
      checkpointAgreed: withCheckpoint,
      auditRows,
      seconds: Math.round(seconds),
    };
  } finally {
    if (child) child.kill('SIGKILL');
    await drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function waitHealthy(base: string, proc: ChildProcess, stderr: () => string): Promise<void> {
  const t = performance.now();
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // starting
    }
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}: ${stderr()}`);
    if (performance.now() - t > 120_000) throw new Error('server did not become healthy in 120 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function countKinds(acks: Ack[]): string {
  const n = (k: Kind) => acks.filter((a) => a.kind === k).length;
  return `${n('org')} orgs, ${n('inspector')} inspectors, ${n('petition')} petitions, ${n('report')} public reports`;
}

/**
 * The acknowledged writes the database does not hold: a staff write must have its row and its audit
 * row (same transaction); a public report is found by the slow hash of its receipt, as a lookup does.
 */
async function missing(
  d: Database,
  acks: Ack[],
  keys: ReturnType<typeof loadKeyRing>,
  authorityId: string,
): Promise<Ack[]> {
  const rowsOf = async (q: ReturnType<typeof sql>) =>
    ((await d.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const list = (xs: string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );
  const lost: Ack[] = [];
  const tables: Record<Exclude<Kind, 'report'>, string> = {
    org: 'organizations',
    inspector: 'inspectors',
    petition: 'petitions',
  };
  for (const [kind, table] of Object.entries(tables) as [Exclude<Kind, 'report'>, string][]) {
    const ids = acks.filter((a) => a.kind === kind).map((a) => a.key);
    if (!ids.length) continue;
    const rows = new Set(
      (await rowsOf(sql`select id::text as id from ${sql.raw(table)} where id::text in (${list(ids)})`)).map(
        (r) => r.id as string,
      ),
    );
    const audited = new Set(
      (await rowsOf(sql`select object_id from audit_log where object_id in (${list(ids)})`)).map(
        (r) => r.object_id as string,
      ),
    );
    for (const a of acks) if (a.kind === kind && !(rows.has(a.key) && audited.has(a.key))) lost.push(a);
  }
  // The server hashes receipts with the argon2 memory cost of its configuration.
  const memoryKiB = loadConfig({}).argon2MemoryKiB;
  for (const a of acks.filter((x) => x.kind === 'report')) {
    const hash = await receiptHash(keys, a.key, memoryKiB);
    const r = await rowsOf(
      sql`select 1 as one from petitions where receipt_hash = ${hash} and authority_id = ${authorityId}::uuid`,
    );
    if (r.length !== 1) lost.push(a);
  }
  return lost;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCrash();
