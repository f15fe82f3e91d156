import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../../test/helpers.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { ManualClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { type Database, openDatabase, rowsOf } from '../platform/db.ts';
import { memoryKeyRing } from '../platform/keys.ts';
import { isEmpty, seedDemo } from '../seed/seed.ts';
import { backupTo, restoreFrom } from './backup.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-backup-'));
const created: string[] = [];
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  // The PostgreSQL databases made for the seeded copies go too, or every run leaves one behind.
  if (!created.length) return;
  const admin = await openDatabase({ url: process.env.TEST_DATABASE_URL, poolMax: 1 });
  for (const name of created) await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
  await admin.close();
});

const MAIN = path.resolve(import.meta.dirname, '../main.ts');

async function counts(d: Database) {
  return rowsOf<Record<string, number>>(
    await d.db.execute(sql`select
      (select count(*)::int from authorities) as authorities,
      (select count(*)::int from organizations) as organizations,
      (select count(*)::int from org_leaders) as leaders,
      (select count(*)::int from users) as users,
      (select count(*)::int from grants) as grants,
      (select count(*)::int from audit_log) as audit`),
  )[0];
}

async function seeded(dataDir: string): Promise<Database> {
  const d = await openDatabase(onPostgres() ? { url: process.env.TEST_DATABASE_URL } : { dataDir });
  if (onPostgres()) {
    // A database of its own so the shared one stays untouched.
    const name = `xc_backup_${process.pid}`;
    await d.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
    await d.db.execute(sql.raw(`create database ${name}`));
    created.push(name);
    await d.close();
    const u = new URL(process.env.TEST_DATABASE_URL as string);
    u.pathname = `/${name}`;
    const db = await openDatabase({ url: u.toString() });
    await db.migrate();
    await seedDemo(
      db.db,
      new ManualClock('2026-11-27T16:00:00+08:00'),
      { ...loadConfig({ DATA_DIR: dataDir }), argon2MemoryKiB: 1024 },
      { keys: memoryKeyRing() },
    );
    return db;
  }
  await d.migrate();
  await seedDemo(
    d.db,
    new ManualClock('2026-11-27T16:00:00+08:00'),
    { ...loadConfig({ DATA_DIR: dataDir }), argon2MemoryKiB: 1024 },
    { keys: memoryKeyRing() },
  );
  return d;
}

describe('backup and restore', () => {
  const file = path.join(tmp, 'xuncha.bak');
  let source: Record<string, number> | undefined;

  it('restores a backup into a fresh data folder with every row and a whole audit chain', async () => {
    const src = await seeded(path.join(tmp, 'src'));
    source = await counts(src);
    await backupTo(src, file);
    await src.close();
    expect(source?.organizations).toBeGreaterThan(1000);

    const dst = await openDatabase({ dataDir: path.join(tmp, 'fresh') });
    try {
      await restoreFrom(dst, file);
      expect(await counts(dst)).toEqual(source);
      expect((await verifyAuditChain(dst.db)).firstBrokenSeq).toBeNull();
      const tree = rowsOf<{ n: number }>(
        await dst.db.execute(sql`select count(*)::int as n from organizations where parent_id is not null`),
      );
      expect(tree[0]?.n).toBeGreaterThan(500);
    } finally {
      await dst.close();
    }
  });

  it('refuses a corrupted file and a non-empty target, writing nothing', async () => {
    const bytes = fs.readFileSync(file);
    const corrupt = path.join(tmp, 'corrupt.bak');
    const flipped = Buffer.from(bytes);
    const mid = Math.floor(flipped.length / 2);
    flipped[mid] = (flipped[mid] as number) ^ 0xff;
    fs.writeFileSync(corrupt, flipped);
    const truncated = path.join(tmp, 'truncated.bak');
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    const d = await openDatabase({ dataDir: path.join(tmp, 'fresh2') });
    try {
      await expect(restoreFrom(d, corrupt)).rejects.toThrow(/损坏|校验|解压/);
      await expect(restoreFrom(d, truncated)).rejects.toThrow(/损坏|校验|解压|不完整/);
      await d.migrate();
      expect(await isEmpty(d.db)).toBe(true);
      await restoreFrom(d, file);
      await expect(restoreFrom(d, file)).rejects.toThrow(/不为空/);
    } finally {
      await d.close();
    }
  });

  it('the CLI backs up, restores and verifies the audit chain (PGlite folders)', () => {
    const env = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const restored = path.join(tmp, 'cli-restored');
    const r1 = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'restore', file], {
      env: { ...env, DATA_DIR: restored },
      encoding: 'utf8',
    });
    expect(r1.status, r1.stderr).toBe(0);
    expect(r1.stdout).toContain('恢复完成');
    const again = path.join(tmp, 'cli-again.bak');
    const r2 = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'backup', again], {
      env: { ...env, DATA_DIR: restored },
      encoding: 'utf8',
    });
    expect(r2.status, r2.stderr).toBe(0);
    const r3 = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'audit-verify'], {
      env: { ...env, DATA_DIR: restored },
      encoding: 'utf8',
    });
    expect(r3.status, r3.stderr).toBe(0);
    expect(r3.stdout).toContain('审计日志完整');
    const r4 = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'restore', path.join(tmp, 'corrupt.bak')], {
      env: { ...env, DATA_DIR: path.join(tmp, 'cli-corrupt') },
      encoding: 'utf8',
    });
    expect(r4.status).not.toBe(0);
    expect(r4.stderr).toMatch(/损坏|校验/);
  });

  it('a second process cannot open the same PGlite folder', async () => {
    const dir = path.join(tmp, 'locked');
    const d = await openDatabase({ dataDir: dir });
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'migrate'], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: undefined as unknown as string },
        encoding: 'utf8',
      });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('另一个进程');
    } finally {
      await d.close();
    }
  });

  it('serve shuts down cleanly on SIGTERM: checkpoint, lock released, audit head kept outside the database', async () => {
    const dir = path.join(tmp, 'serve');
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, PORT: '3977', LOG_LEVEL: 'warn', DEMO: '1' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch('http://127.0.0.1:3977/api/health')).ok) break;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(fs.existsSync(path.join(dir, 'pglite.lock'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'pglite.lock'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'audit-head.json'), 'utf8')).seq).toBeGreaterThan(0);
    const credentials = JSON.parse(fs.readFileSync(path.join(dir, 'demo-credentials.json'), 'utf8'));
    expect(credentials.length).toBeGreaterThanOrEqual(11);
    expect(fs.statSync(path.join(dir, 'demo-credentials.json')).mode & 0o777).toBe(0o600);

    // Cut the tail of the chain with the trigger switched off: the chain still links, the checkpoint does not.
    const d = await openDatabase({ dataDir: dir });
    await d.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    await d.db.execute(sql`delete from audit_log where seq = (select max(seq) from audit_log)`);
    await d.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    await d.close();
    const envV = { ...env };
    const v = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'audit-verify'], { env: envV, encoding: 'utf8' });
    expect(v.status).toBe(2);
    expect(v.stderr).toContain('检查点');
  });
});
