import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  makeUser,
  onPostgres,
  openTestDatabase,
  pgliteTemplate,
} from '../../test/helpers.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { ManualClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { type Database, openDatabase, rowsOf } from '../platform/db.ts';
import { memoryKeyRing } from '../platform/keys.ts';
import { isEmpty, seedDemo } from '../seed/seed.ts';
import { backupTo, restoreFrom } from './backup.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const MAIN = path.resolve(import.meta.dirname, '../main.ts');
/**
 * The tests that run the CLI start Node processes that load the whole server (about 2 s of CPU
 * each on an idle machine, several times that on a loaded one): their time is process starts,
 * not work, so they get more than the default 30 s.
 */
const PROCESSES = { timeout: 120_000 };
/** Restoring the whole demo data set writes and reads back tens of thousands of rows. */
const WHOLE_DEMO = { timeout: 120_000 };
/**
 * Those processes always run on PGlite folders (DATABASE_URL removed): the run on PostgreSQL
 * would repeat exactly the run on PGlite, so it leaves them to that run.
 */
const pgliteFoldersOnly = it.skipIf(onPostgres());

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

/** An empty, migrated PGlite database in a folder of its own (from the template: no initdb). */
async function pgliteFolder(dir: string): Promise<Database> {
  // 0700, as a server makes it: the CLI and serve refuse a folder others can read (data-dir.ts).
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return openDatabase({ dataDir: dir, loadDataDir: await pgliteTemplate() });
}

/** A copy of `file` with one byte flipped in the middle, and one with its last 100 bytes cut. */
function damaged(file: string, name: string): { corrupt: string; truncated: string } {
  const bytes = fs.readFileSync(file);
  const corrupt = path.join(tmp, `${name}-corrupt.bak`);
  const flipped = Buffer.from(bytes);
  const mid = Math.floor(flipped.length / 2);
  flipped[mid] = (flipped[mid] as number) ^ 0xff;
  fs.writeFileSync(corrupt, flipped);
  const truncated = path.join(tmp, `${name}-truncated.bak`);
  fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
  return { corrupt, truncated };
}

/** The CLI (`npm run cli -- …`) as a child process on a PGlite data folder. */
function cli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const e: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...env };
  delete e.DATABASE_URL;
  return new Promise((resolve, reject) => {
    // No stdin: PGlite's runtime in the child keeps an open stdin pipe waiting (~30 s) before it exits.
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env: e,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A port nobody listens on now, so that two runs of this file at once do not collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Two backups every test reads and none changes. The demo data set, seeded once for the whole
 * file (on PostgreSQL when the run is), is what the full restore proves itself on: every row of a
 * realistic office, across engines. The refusals, the CLI and `serve` prove their own behaviour,
 * not the data's size, so they work on a small backup: an office with a few organizations and
 * users, and the audit rows their logins wrote.
 */
const demo = {
  file: path.join(tmp, 'demo.bak'),
  dataDir: path.join(tmp, 'demo'),
  counts: {} as Record<string, number>,
};
const small = path.join(tmp, 'small.bak');

beforeAll(async () => {
  const { database: src, drop } = await openTestDatabase();
  try {
    await seedDemo(
      src.db,
      new ManualClock('2026-11-27T16:00:00+08:00'),
      { ...loadConfig({ DATA_DIR: demo.dataDir }), argon2MemoryKiB: 1024 },
      { keys: memoryKeyRing() },
    );
    demo.counts = (await counts(src)) ?? {};
    await backupTo(src, demo.file);
  } finally {
    await src.close();
    await drop();
  }
  const t = await buildTestApp();
  try {
    const city = await makeAuthority(t, { name: '赣州市委巡察办' });
    const bureau = await makeOrg(t, { authorityId: city, name: '赣州市财政局' });
    await makeOrg(t, { authorityId: city, name: '赣州市财政局国库支付中心', parentId: bureau });
    await makeUser(t);
    await loginAs(t, { role: 'officeStaff', scopeId: city });
    await loginAs(t, { role: 'sysAdmin' });
    await backupTo(t.database, small);
  } finally {
    await t.close();
  }
}, 180_000);

describe('backup and restore', () => {
  it('restores a backup into a fresh data folder with every row and a whole audit chain', WHOLE_DEMO, async () => {
    expect(demo.counts.organizations).toBeGreaterThan(1000);
    // A new folder; the CLI test below restores into one PGlite has yet to initialize.
    const dst = await pgliteFolder(path.join(tmp, 'fresh'));
    try {
      await restoreFrom(dst, demo.file);
      expect(await counts(dst)).toEqual(demo.counts);
      expect((await verifyAuditChain(dst.db)).firstBrokenSeq).toBeNull();
      const tree = rowsOf<{ n: number }>(
        await dst.db.execute(sql`select count(*)::int as n from organizations where parent_id is not null`),
      );
      expect(tree[0]?.n).toBeGreaterThan(500);
    } finally {
      await dst.close();
    }
  });

  it('the demo seed writes its one-time passwords for the owner’s eyes only', () => {
    const file = path.join(demo.dataDir, 'demo-credentials.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).length).toBeGreaterThanOrEqual(11);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a corrupted file and a non-empty target, writing nothing', async () => {
    const { corrupt, truncated } = damaged(small, 'refuse');
    const { database: d, drop } = await openTestDatabase();
    try {
      await expect(restoreFrom(d, corrupt)).rejects.toThrow(/损坏|校验|解压/);
      await expect(restoreFrom(d, truncated)).rejects.toThrow(/损坏|校验|解压|不完整/);
      await d.migrate();
      expect(await isEmpty(d.db)).toBe(true);
      await restoreFrom(d, small);
      expect(await isEmpty(d.db)).toBe(false);
      await expect(restoreFrom(d, small)).rejects.toThrow(/不为空/);
    } finally {
      await d.close();
      await drop();
    }
  });

  pgliteFoldersOnly('the CLI backs up, restores and verifies the audit chain (PGlite folders)', PROCESSES, async () => {
    const restored = path.join(tmp, 'cli-restored');
    const { corrupt } = damaged(small, 'cli');
    // The refusal works on a folder of its own, so it runs beside the restore → backup → verify chain.
    const refused = cli(['restore', corrupt], { DATA_DIR: path.join(tmp, 'cli-corrupt') });
    const r1 = await cli(['restore', small], { DATA_DIR: restored });
    expect(r1.status, r1.stderr).toBe(0);
    expect(r1.stdout).toContain('恢复完成');
    const again = path.join(tmp, 'cli-again.bak');
    const r2 = await cli(['backup', again], { DATA_DIR: restored });
    expect(r2.status, r2.stderr).toBe(0);
    expect(fs.statSync(again).size).toBeGreaterThan(0);
    const r3 = await cli(['audit-verify'], { DATA_DIR: restored });
    expect(r3.status, r3.stderr).toBe(0);
    expect(r3.stdout).toContain('审计日志完整');
    const r4 = await refused;
    expect(r4.status).not.toBe(0);
    expect(r4.stderr).toMatch(/损坏|校验/);
  });

  pgliteFoldersOnly('a second process cannot open the same PGlite folder', PROCESSES, async () => {
    const dir = path.join(tmp, 'locked');
    const d = await pgliteFolder(dir);
    try {
      const r = await cli(['migrate'], { DATA_DIR: dir, LOG_LEVEL: 'info' });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('另一个进程');
    } finally {
      await d.close();
    }
  });

  pgliteFoldersOnly(
    'serve shuts down cleanly on SIGTERM: checkpoint, lock released, audit head kept outside the database',
    PROCESSES,
    async () => {
      const dir = path.join(tmp, 'serve');
      // A folder with an office and its audit trail in it, as a server finds it after the first start.
      const prepared = await pgliteFolder(dir);
      try {
        await restoreFrom(prepared, small);
      } finally {
        await prepared.close();
      }
      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATA_DIR: dir,
        PORT: String(port),
        LOG_LEVEL: 'info',
        DEMO: '1',
      };
      delete env.DATABASE_URL;
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
        env,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      // Started when it logs the address it listens on (or never, when it exits first).
      const started = new Promise<boolean>((resolve) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          if (out.includes(`:${port}/`)) resolve(true);
        });
        child.once('exit', () => resolve(false));
      });
      expect(await started).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).ok).toBe(true);
      expect(fs.existsSync(path.join(dir, 'pglite.lock'))).toBe(true);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(dir, 'pglite.lock'))).toBe(false);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'audit-head.json'), 'utf8')).seq).toBeGreaterThan(0);

      // Cut the tail of the chain with the trigger switched off: the chain still links, the checkpoint does not.
      const d = await openDatabase({ dataDir: dir });
      await d.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await d.db.execute(sql`delete from audit_log where seq = (select max(seq) from audit_log)`);
      await d.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
      await d.close();
      const v = await cli(['audit-verify'], { DATA_DIR: dir, LOG_LEVEL: 'warn' });
      expect(v.status).toBe(2);
      expect(v.stderr).toContain('检查点');
    },
  );
});
