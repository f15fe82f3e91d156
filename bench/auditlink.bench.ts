import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'drizzle-orm';
import { type App, buildApp } from '../apps/server/src/app.ts';
import { authorities, grants, users } from '../apps/server/src/db/schema/index.ts';
import { deriveSealKeys, readSealed } from '../apps/server/src/modules/auditlink/engine/sealed.ts';
import { runSql } from '../apps/server/src/modules/auditlink/engine/sql-text.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { type Database, rowsOf } from '../apps/server/src/platform/db.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { type KeyRing, memoryKeyRing } from '../apps/server/src/platform/keys.ts';
import { argon2Params, hashPassword } from '../apps/server/src/platform/passwords.ts';
import type { TAuditRuleId } from '../packages/domain/src/auditlink/rules.ts';
import type { TRunInput } from '../packages/domain/src/auditlink/schemas.ts';
import { checkRunSpec } from '../packages/domain/src/auditlink/schemas.ts';
import { generateApart } from './auditlink/generate.ts';
import { fmt, freshPostgres, header, pct } from './lib.ts';

/**
 * Issue 14 (巡审贯通), measured through the HTTP API of a server in this process (PostgreSQL for
 * the metadata, DuckDB in the engine's worker for the data):
 *   - upload of a 2,000,000-row payments CSV (≈150 MB) as a browser sends it (multipart, streamed
 *     over a socket): rows per second and the peak RSS growth of this process (the server, the
 *     engine's worker and DuckDB; the client only pipes the file). Targets ≥ 500,000 rows/s and
 *     ≤ 300 MB.
 *   - deceasedRecipients on 2,000,000 payments × 2,000,000 deaths and duplicatePayments on the
 *     payments, end to end: POST /api/audit-link/runs, then GET /api/audit-link/runs/{id}?waitMs=…
 *     (the waiting read: answered at the run's next change of status or progress) until done, the
 *     hits written to PostgreSQL on the way. Against the same SQL run directly
 *     in a DuckDB of its own on the same Parquet files (decrypted) in the same run. Targets ≤ 500 ms
 *     per run and ≤ 1.3 × direct.
 * Each rule is run once (the first run after upload, which builds the prepared tables), then REPEAT
 * times; the median of the repeats is the figure. The hits are checked against the anomalies the
 * generator planted, so a fast wrong answer does not pass.
 * BENCH_AUDITLINK_ROWS scales both tables down while developing.
 */
const ROWS = Number(process.env.BENCH_AUDITLINK_ROWS ?? 2_000_000);
const REPEAT = 5;
/** The longest one waiting read holds (the API's bound); a run's change answers it sooner. */
const WAIT_MS = 25_000;

type Leg = () => Promise<number>;

/**
 * The first run and the median of REPEAT more, in wall time, with the median CPU time of this
 * process over a run (server, engine worker, DuckDB threads, direct DuckDB): on a machine other work
 * shares, the CPU time says what a run costs by itself.
 */
async function measure(leg: Leg): Promise<{ first: number; median: number; all: number[]; cpuMs: number }> {
  const first = await leg();
  const rest: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const c = process.cpuUsage();
    rest.push(await leg());
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { first, median: pct(rest, 50), all: rest, cpuMs: pct(cpu, 50) };
}

/**
 * Peak RSS of this process while `work` runs (sampled every 10 ms) minus the RSS before it, the
 * wall time, and the CPU time of the process (main thread, the engine's worker and DuckDB's
 * threads): on a machine other work shares, the CPU time says what the upload costs by itself.
 */
async function peakGrowth<T>(
  work: () => Promise<T>,
): Promise<{ result: T; growth: number; ms: number; cpuMs: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = await work();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { result, growth: (peak - before) / 1024 ** 2, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** An authority, an organization and an inspection on site in it: what an upload needs. */
async function inspectionOnSite(database: Database): Promise<{ authorityId: string; inspectionId: string }> {
  const db = database.db;
  const now = new Date();
  const authorityId = uuidv7();
  const inspectionId = uuidv7();
  await db.insert(authorities).values({
    id: authorityId,
    name: '压测县委巡察办',
    shortName: '压测县',
    level: 'county',
    createdAt: now,
  });
  await db.execute(sql`
    insert into organizations (id, authority_id, name, search_key, kind, sector, created_at, updated_at)
    values (gen_random_uuid(), ${authorityId}, '压测县民政局', '压测县民政局', '县直单位', '社会事业', now(), now())`);
  await db.execute(sql`
    insert into terms (id, authority_id, name, start_date, end_date, target_kinds, created_at)
    values (gen_random_uuid(), ${authorityId}, '七届', '2026-10-01', '2031-09-30', '["县直单位"]', now())`);
  await db.execute(sql`
    insert into rounds (id, term_id, authority_id, number, name, kind, theme, focus, created_at)
    select gen_random_uuid(), t.id, t.authority_id, 1, '第1轮', 'regular', '', '[]', now()
    from terms t where t.authority_id = ${authorityId}`);
  await db.execute(sql`
    insert into inspections (id, round_id, term_id, authority_id, mode, stage, entry_date, created_at, updated_at)
    select ${inspectionId}, r.id, r.term_id, r.authority_id, 'ordinary', 'onSite', '2026-11-02', now(), now()
    from rounds r where r.authority_id = ${authorityId}`);
  await db.execute(sql`
    insert into inspection_targets (inspection_id, org_id, role)
    select ${inspectionId}, o.id, 'primary' from organizations o where o.authority_id = ${authorityId}`);
  return { authorityId, inspectionId };
}

/**
 * The server on a socket, with an office staff user of the authority signed in. The data folder is
 * `dataDir` (the sealed Parquet files go there), not the repository's.
 */
async function serve(
  database: Database,
  url: string,
  authorityId: string,
  dataDir: string,
  keys: KeyRing,
): Promise<{ app: App; base: string; headers: Record<string, string> }> {
  const now = new Date();
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
    includeChildren: false,
    createdAt: now,
  });
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', DEMO: '0', DATABASE_URL: url, DATA_DIR: dataDir }),
    argon2MemoryKiB: 1024,
    rateLimitPerMinute: 1e9,
    webDist: '/none',
    totpRequiredByDefault: false,
  };
  // The pool is closed by freshPostgres's drop, once: closing the app leaves it open.
  const app = await buildApp({ config, database: { ...database, close: async () => {} }, keys });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'Bench-Passw0rd!' }),
  });
  if (!login.ok) throw new Error(`login ${login.status}: ${await login.text()}`);
  const sid = login.headers
    .getSetCookie()
    .map((c) => /^xc_sid=([^;]*)/.exec(c)?.[1])
    .find(Boolean);
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  return { app, base, headers: { cookie: `xc_sid=${sid}`, 'x-csrf-token': csrf } };
}

/** POST /api/audit-link/datasets as a browser's FormData sends it, the file streamed from disk. */
function uploadFile(
  base: string,
  headers: Record<string, string>,
  inspectionId: string,
  file: string,
): Promise<{ id: string; rows: number; columns: string[] }> {
  const boundary = `----xcbench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="inspectionId"\r\n\r\n${inspectionId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/audit-link/datasets`, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + fs.statSync(file).size + tail.length),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () =>
        res.statusCode === 201 ? resolve(JSON.parse(body)) : reject(new Error(`upload ${res.statusCode}: ${body}`)),
      );
    });
    req.write(head);
    const src = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    src.on('error', reject);
    src.pipe(req, { end: false });
    src.on('end', () => req.end(tail));
  });
}

async function api<T>(base: string, headers: Record<string, string>, method: string, p: string, body?: unknown) {
  const r = await fetch(`${base}${p}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${p} ${r.status}: ${await r.text()}`);
  return (await r.json()) as T;
}

interface RunOut {
  status: string;
  hits: number;
  invalidRows: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export async function benchAuditLink(): Promise<Record<string, number>> {
  header(`巡审贯通 through the API (PostgreSQL): ${ROWS.toLocaleString()} payments × ${ROWS.toLocaleString()} deaths`);
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
  console.log(`${os.availableParallelism()} cores, load average ${load()} at the start`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-bench-auditlink-'));
  const dataDir = path.join(tmp, 'data');
  const keys = memoryKeyRing();
  const pg = await freshPostgres();
  let app: App | null = null;
  try {
    const t = performance.now();
    const data = generateApart(tmp, ROWS, ROWS);
    const csvMb = fs.statSync(data.payments).size / 1024 ** 2;
    console.log(
      `generated ${data.paymentRows.toLocaleString()} payments (${csvMb.toFixed(0)} MB) and ${data.deathRows.toLocaleString()} deaths in ${fmt(performance.now() - t)}`,
    );
    const { authorityId, inspectionId } = await inspectionOnSite(pg.database);
    const s = await serve(pg.database, pg.url, authorityId, dataDir, keys);
    app = s.app;
    const { base, headers } = s;
    // The engine (its worker and DuckDB) opens at the first upload: a small file first, as a server
    // that has been up a while, so that the measures below do not include the engine's start.
    const warm = path.join(tmp, 'warm-up.csv');
    fs.writeFileSync(
      warm,
      '身份证号,姓名,补贴项目,发放金额,发放日期,发放月份\n360702195001010011,预热,城乡低保,1.00,2024-01-10,202401\n',
    );
    await uploadFile(base, headers, inspectionId, warm);

    const pay = await peakGrowth(() => uploadFile(base, headers, inspectionId, data.payments));
    const rowsPerSecond = pay.result.rows / (pay.ms / 1000);
    console.log(
      `upload payments: ${pay.result.rows.toLocaleString()} rows in ${fmt(pay.ms)} = ${Math.round(rowsPerSecond).toLocaleString()} rows/s (CPU ${fmt(pay.cpuMs)}), peak RSS growth ${pay.growth.toFixed(0)} MB, load ${load()} — targets ≥ 500,000 rows/s, ≤ 300 MB`,
    );
    if (pay.result.rows !== data.paymentRows)
      throw new Error(`upload read ${pay.result.rows} rows of ${data.paymentRows}`);
    const dth = await peakGrowth(() => uploadFile(base, headers, inspectionId, data.deaths));
    console.log(
      `upload deaths: ${dth.result.rows.toLocaleString()} rows in ${fmt(dth.ms)} = ${Math.round(dth.result.rows / (dth.ms / 1000)).toLocaleString()} rows/s (CPU ${fmt(dth.cpuMs)}), peak RSS growth ${dth.growth.toFixed(0)} MB`,
    );

    const payments: TRunInput = {
      datasetId: pay.result.id,
      columns: {
        idNo: '身份证号',
        name: '姓名',
        amount: '发放金额',
        payDate: '发放日期',
        project: '补贴项目',
        period: '发放月份',
      },
    };
    const deaths: TRunInput = {
      datasetId: dth.result.id,
      columns: { idNo: '公民身份号码', name: '姓名', deathDate: '死亡日期' },
    };
    const runs: { rule: TAuditRuleId; inputs: Record<string, TRunInput>; planted: Set<string> }[] = [
      { rule: 'deceasedRecipients', inputs: { payments, deaths }, planted: new Set(data.planted.deceased.keys()) },
      {
        rule: 'duplicatePayments',
        inputs: { payments },
        planted: new Set([...data.planted.duplicates].map((k) => k.split('|')[0] as string)),
      },
    ];

    // The direct leg: the same Parquet files, decrypted, read by a DuckDB of its own with the same
    // threads, each role a view doing on the fly what the engine prepares once.
    const sealKeys = deriveSealKeys(keys);
    const plain: Record<string, string> = {};
    for (const [role, id] of [
      ['payments', pay.result.id],
      ['deaths', dth.result.id],
    ] as const) {
      const storage = rowsOf<{ storage_id: string }>(
        await pg.database.db.execute(sql`select storage_id from audit_link_datasets where id = ${id}`),
      )[0]?.storage_id as string;
      const sealed = await readSealed(path.join(dataDir, 'auditlink', `${storage}.parquet.enc`), storage, sealKeys);
      plain[role] = path.join(tmp, `${role}.parquet`);
      fs.writeFileSync(plain[role] as string, sealed.plain);
    }
    const instance = await DuckDBInstance.create(':memory:', { threads: String(os.availableParallelism()) });
    const direct = await instance.connect();
    const p = `read_parquet('${plain.payments}')`;
    await direct.run(
      `CREATE TABLE textkeys AS SELECT row_number() OVER ()::INTEGER AS id, key FROM (SELECT DISTINCT "补贴项目" AS key FROM ${p})`,
    );
    // The staging pass marks each 身份证号 in the clean shape (`__idok__<i>`); its key is its first 17 digits.
    await direct.run(`CREATE VIEW payments AS SELECT 0 AS _ds, _row, CASE WHEN "__idok__0" THEN left("身份证号", 17)::BIGINT END AS idNo,
      try_cast("发放日期" AS DATE) AS payDate, try_cast("发放月份" AS INTEGER) AS period, t.id AS project
      FROM ${p} JOIN textkeys t ON t.key = "补贴项目"`);
    await direct.run(`CREATE VIEW deaths AS SELECT 0 AS _ds, _row, CASE WHEN "__idok__0" THEN left("公民身份号码", 17)::BIGINT END AS idNo, try_cast("死亡日期" AS DATE) AS deathDate
      FROM read_parquet('${plain.deaths}')`);
    // For reading the figures, not a target: the same SQL on the role relations materialized in
    // memory (what the engine's prepared tables are), i.e. the query alone. API minus this is what
    // the service, the worker, the evidence and PostgreSQL add to a run.
    await direct.run('CREATE SCHEMA materialized');
    for (const t of ['payments', 'deaths']) await direct.run(`CREATE TABLE materialized.${t} AS SELECT * FROM ${t}`);
    const tables = await instance.connect();
    await tables.run(`SET search_path = 'materialized,main'`);

    const results: Record<string, number> = {
      uploadRowsPerSecond: Math.round(rowsPerSecond),
      uploadPeakRssGrowthMb: Math.round(pay.growth),
      uploadMs: Math.round(pay.ms),
      uploadCpuMs: Math.round(pay.cpuMs),
      deathsUploadMs: Math.round(dth.ms),
      deathsUploadPeakRssGrowthMb: Math.round(dth.growth),
    };
    for (const r of runs) {
      // The direct leg reads the catalog's columns; the run names the file's (same mapping as above).
      const spec = checkRunSpec(
        r.rule,
        Object.fromEntries(Object.entries(r.inputs).map(([role, i]) => [role, { ...i, datasetId: role }])),
        {},
      );
      if (!spec.ok) throw new Error(spec.reason);
      const directSql = runSql(spec.value);
      let last: RunOut | null = null;
      let lastId = '';
      const serverMs: number[] = [];
      const postMs: number[] = [];
      const reads: number[] = [];
      const apiLeg: Leg = async () => {
        const t0 = performance.now();
        const created = await api<{ id: string }>(base, headers, 'POST', '/api/audit-link/runs', {
          inspectionId,
          rule: r.rule,
          inputs: r.inputs,
          params: {},
        });
        postMs.push(performance.now() - t0);
        for (let n = 1; ; n++) {
          const run = await api<RunOut>(base, headers, 'GET', `/api/audit-link/runs/${created.id}?waitMs=${WAIT_MS}`);
          if (run.status !== 'queued' && run.status !== 'running') {
            reads.push(n);
            const ms = performance.now() - t0;
            if (run.status !== 'done') throw new Error(`${r.rule} ${run.status}: ${run.error}`);
            last = run;
            lastId = created.id;
            if (run.startedAt && run.finishedAt) serverMs.push(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
            return ms;
          }
        }
      };
      let directHits = 0;
      const directLeg: Leg = async () => {
        const t0 = performance.now();
        directHits = (await direct.runAndReadAll(directSql)).currentRowCount;
        return performance.now() - t0;
      };
      const a = await measure(apiLeg);
      const d = await measure(directLeg);
      const q = await measure(async () => {
        const t0 = performance.now();
        await tables.runAndReadAll(directSql);
        return performance.now() - t0;
      });
      const done = last as RunOut | null;
      // The hits are the planted anomalies, no more and no fewer.
      const hits = await api<{ items: { keys: Record<string, string> }[]; total: number }>(
        base,
        headers,
        'GET',
        `/api/audit-link/runs/${lastId}/hits?limit=200`,
      );
      const found = new Set(hits.items.map((h) => h.keys.idNo));
      const missed = [...r.planted].filter((x) => !found.has(x)).length;
      const extra = [...found].filter((x) => !r.planted.has(x as string)).length;
      if (missed || extra) console.log(`!! ${r.rule}: ${missed} planted not found, ${extra} found not planted`);
      console.log(
        `${r.rule}: API first ${fmt(a.first)}, then median ${fmt(a.median)} (${a.all.map((x) => x.toFixed(0)).join(', ')} ms; POST answered in median ${fmt(pct(postMs.slice(1), 50))}, server-side started→finished median ${fmt(pct(serverMs.slice(1), 50))}, GETs per run ${reads.join('/')}, CPU median ${fmt(a.cpuMs)}); direct median ${fmt(d.median)} (CPU ${fmt(d.cpuMs)}; the query alone on the relations in memory ${fmt(q.median)}, CPU ${fmt(q.cpuMs)}); ratio ${(a.median / d.median).toFixed(2)} (first run ${(a.first / d.median).toFixed(2)}); ${done?.hits} hits (direct ${directHits}, planted ${r.planted.size}), ${done?.invalidRows} invalid rows; load ${load()} — targets ≤ 500 ms, ≤ 1.3×`,
      );
      results[`${r.rule}ApiMs`] = Math.round(a.median);
      results[`${r.rule}ApiFirstMs`] = Math.round(a.first);
      results[`${r.rule}ServerMs`] = Math.round(pct(serverMs.slice(1), 50));
      results[`${r.rule}ApiCpuMs`] = Math.round(a.cpuMs);
      results[`${r.rule}GetsPerRun`] = pct(reads.slice(1), 50);
      results[`${r.rule}DirectMs`] = Math.round(d.median);
      results[`${r.rule}DirectCpuMs`] = Math.round(d.cpuMs);
      results[`${r.rule}QueryOnlyMs`] = Math.round(q.median);
      results[`${r.rule}QueryOnlyCpuMs`] = Math.round(q.cpuMs);
      results[`${r.rule}Ratio`] = Number((a.median / d.median).toFixed(2));
      results[`${r.rule}Hits`] = done?.hits ?? -1;
      results[`${r.rule}Missed`] = missed;
      results[`${r.rule}Extra`] = extra;
    }
    console.log(
      `planted: ${data.planted.deceased.size} deceased recipients, ${data.planted.duplicates.size} duplicates, ${data.planted.invalidIds} invalid ids`,
    );
    direct.closeSync();
    tables.closeSync();
    instance.closeSync();
    return results;
  } finally {
    await app?.close();
    await pg.drop().catch((e) => console.log(`drop failed: ${(e as Error).message}`));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
