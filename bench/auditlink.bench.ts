import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AuditEngine, type RunOptions } from '../apps/server/src/modules/auditlink/engine/index.ts';
import { deriveSealKeys, readSealed } from '../apps/server/src/modules/auditlink/engine/sealed.ts';
import { runSql } from '../apps/server/src/modules/auditlink/engine/sql-text.ts';
import { memoryKeyRing } from '../apps/server/src/platform/keys.ts';
import type { TRunInput } from '../packages/domain/src/auditlink/schemas.ts';
import { checkRunSpec } from '../packages/domain/src/auditlink/schemas.ts';
import { generateApart } from './auditlink/generate.ts';
import { fmt, header, pct } from './lib.ts';

/**
 * Issue 14 (巡审贯通), measured:
 *   - upload of a 2,000,000-row payments CSV (≈150 MB): rows per second and the peak RSS growth of
 *     this process (main thread and the engine's worker together);
 *   - deceasedRecipients on 2,000,000 payments × 2,000,000 deaths and duplicatePayments on the
 *     payments, through the engine after upload, against the same SQL run directly in DuckDB on the
 *     same Parquet files (decrypted) in the same run.
 *
 * Each leg is a function returning the milliseconds of one run, so a leg through the HTTP API (a
 * `fetch` to POST /api/audit-link/runs, then GET until done) can be added beside `engine` and
 * `direct` and measured the same way.
 * BENCH_AUDITLINK_ROWS scales both tables down while developing.
 */
const ROWS = Number(process.env.BENCH_AUDITLINK_ROWS ?? 2_000_000);
const REPEAT = 5;

type Leg = () => Promise<number>;

async function measure(leg: Leg): Promise<{ first: number; median: number }> {
  const first = await leg();
  const rest: number[] = [];
  for (let i = 0; i < REPEAT; i++) rest.push(await leg());
  return { first, median: pct(rest, 50) };
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

export async function benchAuditLink(): Promise<Record<string, number>> {
  header(`巡审贯通: ${ROWS.toLocaleString()} payments × ${ROWS.toLocaleString()} deaths`);
  const load = () => os.loadavg()[0]?.toFixed(1);
  console.log(`${os.availableParallelism()} cores, load average ${load()} at the start`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-bench-auditlink-'));
  const keys = memoryKeyRing();
  const engine = await AuditEngine.open({ dataDir: tmp, keys });
  try {
    const t = performance.now();
    const data = generateApart(tmp, ROWS, ROWS);
    const csvMb = fs.statSync(data.payments).size / 1024 ** 2;
    console.log(
      `generated ${data.paymentRows.toLocaleString()} payments (${csvMb.toFixed(0)} MB) and ${data.deathRows.toLocaleString()} deaths in ${fmt(performance.now() - t)}`,
    );

    const upload = (file: string, datasetId: string) =>
      engine.ingest({
        datasetId,
        source: fs.createReadStream(file, { highWaterMark: 1 << 20 }),
        fileName: path.basename(file),
      });
    const pay = await peakGrowth(() => upload(data.payments, 'payments'));
    const rowsPerSecond = pay.result.rows / (pay.ms / 1000);
    console.log(
      `upload payments: ${pay.result.rows.toLocaleString()} rows in ${fmt(pay.ms)} = ${Math.round(rowsPerSecond).toLocaleString()} rows/s (CPU ${fmt(pay.cpuMs)}), peak RSS growth ${pay.growth.toFixed(0)} MB, load ${load()} (targets ≥ 500,000 rows/s, ≤ 300 MB)`,
    );
    const dth = await peakGrowth(() => upload(data.deaths, 'deaths'));
    console.log(
      `upload deaths: ${dth.result.rows.toLocaleString()} rows in ${fmt(dth.ms)} (CPU ${fmt(dth.cpuMs)}), peak RSS growth ${dth.growth.toFixed(0)} MB`,
    );

    const payments: TRunInput = {
      datasetId: 'payments',
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
      datasetId: 'deaths',
      columns: { idNo: '公民身份号码', name: '姓名', deathDate: '死亡日期' },
    };
    const runs: { name: string; opts: Omit<RunOptions, 'runId'> }[] = [
      { name: 'deceasedRecipients', opts: { rule: 'deceasedRecipients', inputs: { payments, deaths } } },
      { name: 'duplicatePayments', opts: { rule: 'duplicatePayments', inputs: { payments } } },
    ];

    // The direct leg: the same Parquet files, decrypted, read by a DuckDB of its own with the same
    // threads, each role a view doing on the fly what the engine prepares once.
    const sealKeys = deriveSealKeys(keys);
    const plain: Record<string, string> = {};
    for (const id of ['payments', 'deaths']) {
      const s = await readSealed(path.join(tmp, 'auditlink', `${id}.parquet.enc`), id, sealKeys);
      plain[id] = path.join(tmp, `${id}.parquet`);
      fs.writeFileSync(plain[id] as string, s.plain);
    }
    const direct = await (
      await DuckDBInstance.create(':memory:', { threads: String(os.availableParallelism()) })
    ).connect();
    const p = `read_parquet('${plain.payments}')`;
    await direct.run(
      `CREATE TABLE textkeys AS SELECT row_number() OVER ()::INTEGER AS id, key FROM (SELECT DISTINCT "补贴项目" AS key FROM ${p})`,
    );
    await direct.run(`CREATE VIEW payments AS SELECT 0 AS _ds, _row, "__idkey__0" AS idNo,
      try_cast("发放日期" AS DATE) AS payDate, try_cast("发放月份" AS INTEGER) AS period, t.id AS project
      FROM ${p} JOIN textkeys t ON t.key = "补贴项目"`);
    await direct.run(`CREATE VIEW deaths AS SELECT 0 AS _ds, _row, "__idkey__0" AS idNo, try_cast("死亡日期" AS DATE) AS deathDate
      FROM read_parquet('${plain.deaths}')`);

    const results: Record<string, number> = {
      uploadRowsPerSecond: Math.round(rowsPerSecond),
      uploadPeakRssGrowthMb: Math.round(pay.growth),
      uploadMs: Math.round(pay.ms),
      uploadCpuMs: Math.round(pay.cpuMs),
    };
    let n = 0;
    for (const r of runs) {
      const spec = checkRunSpec(r.opts.rule, r.opts.inputs, {});
      if (!spec.ok) throw new Error(spec.reason);
      const sql = runSql(spec.value);
      let hits = 0;
      const engineLeg: Leg = async () => {
        const t0 = performance.now();
        const out = await engine.run({ ...r.opts, runId: `bench-${++n}` });
        hits = out.hitCount;
        return performance.now() - t0;
      };
      let directHits = 0;
      const directLeg: Leg = async () => {
        const t0 = performance.now();
        directHits = (await direct.runAndReadAll(sql)).currentRowCount;
        return performance.now() - t0;
      };
      const e = await measure(engineLeg);
      const d = await measure(directLeg);
      console.log(
        `${r.name}: engine first ${fmt(e.first)}, then median ${fmt(e.median)}; direct median ${fmt(d.median)}; ratio ${(e.median / d.median).toFixed(2)} (first run ${(e.first / d.median).toFixed(2)}); ${hits} hits (direct ${directHits}); load ${load()} — targets ≤ 500 ms, ≤ 1.3×`,
      );
      results[`${r.name}EngineMs`] = Math.round(e.median);
      results[`${r.name}EngineFirstMs`] = Math.round(e.first);
      results[`${r.name}DirectMs`] = Math.round(d.median);
      results[`${r.name}Ratio`] = Number((e.median / d.median).toFixed(2));
      results[`${r.name}Hits`] = hits;
    }
    console.log(
      `planted: ${data.planted.deceased.size} deceased recipients, ${data.planted.duplicates.size} duplicates, ${data.planted.invalidIds} invalid ids`,
    );
    direct.closeSync();
    return results;
  } finally {
    await engine.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
