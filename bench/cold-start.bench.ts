/**
 * Cold start with an existing embedded database to healthy: spawn `serve` on a data folder that
 * was seeded before, poll /api/health until it answers 200. Baseline in the same run: a bare Node
 * process that only opens the same PGlite folder and runs `select 1` — the floor any start pays.
 * Target: ≤ 3 s.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { header, pct } from './lib.ts';

const root = path.resolve(import.meta.dirname, '..');
const MAIN = path.join(root, 'apps/server/src/main.ts');
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);

async function startOnce(dir: string, port: number): Promise<number> {
  const t0 = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (r.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      if (performance.now() - t0 > 60_000) throw new Error('server did not become healthy in 60 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

export async function benchColdStart(): Promise<Record<string, number>> {
  header('冷启动（已有内置数据库 → /api/health 正常）');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-bench-cold-'));
  const env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'seed'], { env, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  const floorScript = `import { PGlite } from '@electric-sql/pglite'; const t=performance.now(); const db = await PGlite.create({ dataDir: ${JSON.stringify(path.join(dir, 'pglite'))} }); await db.query('select 1'); await db.close();`;
  const starts: number[] = [];
  const floors: number[] = [];
  try {
    await startOnce(dir, 3917);
    for (let i = 0; i < RUNS; i++) {
      starts.push(await startOnce(dir, 3917));
      const t0 = performance.now();
      const f = spawnSync(process.execPath, ['--input-type=module', '-e', floorScript], {
        cwd: path.join(root, 'apps/server'),
        encoding: 'utf8',
      });
      if (f.status !== 0) throw new Error(f.stderr);
      floors.push(performance.now() - t0);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out = {
    startMedianMs: pct(starts, 50),
    startMaxMs: Math.max(...starts),
    floorMedianMs: pct(floors, 50),
    ratio: pct(starts, 50) / pct(floors, 50),
  };
  console.log(
    `启动到健康 中位数 ${(out.startMedianMs / 1000).toFixed(2)} s，最慢 ${(out.startMaxMs / 1000).toFixed(2)} s   (target ≤ 3 s)`,
  );
  console.log(
    `基线：仅打开同一 PGlite 数据目录 ${(out.floorMedianMs / 1000).toFixed(2)} s；比值 ${out.ratio.toFixed(2)}`,
  );
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchColdStart();
