import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
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
import { cryptoProvider } from '../platform/crypto.ts';
import { type Database, openDatabase, rowsOf } from '../platform/db.ts';
import { type KeyRing, loadKeyRing, memoryKeyRing } from '../platform/keys.ts';
import { isEmpty, seedDemo } from '../seed/seed.ts';
import {
  type BackupDump,
  backupTables,
  backupTo,
  EXCLUDED_TABLES,
  openBackup,
  orderSelfReferences,
  restoreFrom,
  sealBackup,
} from './backup.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The key file of the installation under test, outside every data folder, as the README asks. */
const keyFile = path.join(tmp, 'keys', 'field-keys.json');
let keys: KeyRing;

const MAIN = path.resolve(import.meta.dirname, '../main.ts');
/**
 * The tests that run the CLI start Node processes that load the whole server (about 2 s of CPU
 * each on an idle machine, several times that on a loaded one): their time is process starts,
 * not work, so they get more than the default 30 s. The CLI test starts six (four at once); on a
 * machine shared with other test runs it took 85 s once, so they get four minutes.
 */
const PROCESSES = { timeout: 240_000 };
/** Restoring the whole demo data set writes and reads back tens of thousands of rows. */
const WHOLE_DEMO = { timeout: 240_000 };
/**
 * Those processes always run on PGlite folders (DATABASE_URL removed): the run on PostgreSQL
 * would repeat exactly the run on PGlite, so it leaves them to that run.
 */
const pgliteFoldersOnly = it.skipIf(onPostgres());

const TABLES = backupTables().map((t) => t.name);

/** Rows per backed-up table. */
async function tableCounts(d: Database): Promise<Record<string, number>> {
  const rows = rowsOf<{ t: string; n: number }>(
    await d.db.execute(
      sql.join(
        TABLES.map((t) => sql`select ${t}::text as t, count(*)::int as n from ${sql.identifier(t)}`),
        sql` union all `,
      ),
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

const allZero = () => Object.fromEntries(TABLES.map((t) => [t, 0]));

/** An empty, migrated PGlite database in a folder of its own (from the template: no initdb). */
async function pgliteFolder(dir: string): Promise<Database> {
  // 0700, as a server makes it: the CLI and serve refuse a folder others can read (data-dir.ts).
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return openDatabase({ dataDir: dir, loadDataDir: await pgliteTemplate() });
}

/** Foreign keys as the database has them (migrations included), column lists in key order. */
async function catalogForeignKeys(d: Database) {
  return rowsOf<{ child: string; parent: string; cols: string[]; pcols: string[] }>(
    await d.db.execute(sql`
      select c.relname as child, p.relname as parent,
        array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i)
              join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as cols,
        array(select a.attname::text from unnest(k.confkey) with ordinality u(n, i)
              join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i) as pcols
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace s on s.oid = c.relnamespace
      where k.contype = 'f' and s.nspname = current_schema()`),
  );
}

/** A value of a column's type for the filler (the type as `format_type` names it). */
function fillValue(type: string, table: string, column: string): unknown {
  if (type.endsWith('[]')) return `{${table}}`;
  if (type === 'uuid') return randomUUID();
  if (type === 'text' || type.startsWith('character')) return `${table}.${column}`;
  if (['integer', 'bigint', 'smallint'].includes(type) || type.startsWith('numeric')) return 1;
  if (type === 'real' || type === 'double precision') return 1.5;
  if (type === 'boolean') return false;
  if (type === 'jsonb' || type === 'json') return JSON.stringify({ table });
  if (type === 'date') return '2026-11-27';
  if (type.startsWith('timestamp')) return '2026-11-27T10:00:00+08:00';
  if (type === 'bytea') return Buffer.from(`${table}.${column}`);
  throw new Error(`filler: no value for ${table}.${column} of type ${type}`);
}

/**
 * One row in every backed-up table that is still empty (the demo seed fills the registry,
 * planning, personnel, the public channel and surveys; the filler reaches fieldwork, auditlink,
 * rectification, at_rest_pending and whatever table a later module adds): each column gets a value
 * of its type, each foreign key a row of the table it references (filled first, by the backup's
 * own order). A self-referencing table gets a parent and a child.
 */
async function fillEmptyTables(d: Database): Promise<string[]> {
  const fks = await catalogForeignKeys(d);
  const counts = await tableCounts(d);
  const filled: string[] = [];
  for (const table of TABLES) {
    if ((counts[table] ?? 0) > 0) continue;
    const columns = rowsOf<{ name: string; type: string; generated: string }>(
      await d.db.execute(sql`
        select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attgenerated as generated
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace s on s.oid = c.relnamespace
        where c.relname = ${table} and s.nspname = current_schema() and a.attnum > 0 and not a.attisdropped
        order by a.attnum`),
    ).filter((c) => c.generated === '');
    const own = fks.filter((f) => f.child === table);
    const row = async (parent: Record<string, unknown> | null) => {
      const values: Record<string, unknown> = {};
      for (const c of columns) values[c.name] = fillValue(c.type, table, c.name);
      for (const f of own) {
        if (f.parent === table) {
          f.cols.forEach((c, i) => {
            values[c] = parent ? parent[f.pcols[i] as string] : null;
          });
          continue;
        }
        const ref = rowsOf<Record<string, unknown>>(
          await d.db.execute(
            sql`select ${sql.join(
              f.pcols.map((c) => sql.identifier(c)),
              sql`, `,
            )} from ${sql.identifier(f.parent)} limit 1`,
          ),
        )[0];
        if (!ref) throw new Error(`filler: ${f.parent} is empty before ${table}`);
        f.cols.forEach((c, i) => {
          values[c] = ref[f.pcols[i] as string];
        });
      }
      await d.db.execute(
        sql`insert into ${sql.identifier(table)} (${sql.join(
          columns.map((c) => sql.identifier(c.name)),
          sql`, `,
        )}) values (${sql.join(
          columns.map((c) => sql`${values[c.name] ?? null}::${sql.raw(c.type)}`),
          sql`, `,
        )})`,
      );
      return values;
    };
    const parent = await row(null);
    if (own.some((f) => f.parent === table)) await row(parent);
    filled.push(table);
  }
  return filled;
}

/** The CLI (`npm run cli -- …`) as a child process on a PGlite data folder. */
function cli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const e: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', KEY_FILE: keyFile, ...env };
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
 * file (on PostgreSQL when the run is) and with a row put into every table the seed leaves empty,
 * is what the full restore proves itself on: every table of the schema, across engines. The
 * refusals, the CLI and `serve` prove their own behaviour, not the data's size, so they work on a
 * small backup: a city office with a county office, a few organizations and users (a county
 * clerk among them), and the audit rows their logins wrote.
 */
const demo = {
  file: path.join(tmp, 'demo.bak'),
  dataDir: path.join(tmp, 'demo'),
  counts: {} as Record<string, number>,
  filled: [] as string[],
};
const small = path.join(tmp, 'small.bak');
/** A name no table holds in any other form: found in the decrypted backup, never in its bytes. */
const MARKER = `备份明文标记-${randomUUID()}`;
const clerk = { userId: '', city: '', county: '' };

beforeAll(async () => {
  keys = loadKeyRing(keyFile);
  const { database: src, drop } = await openTestDatabase();
  try {
    await seedDemo(
      src.db,
      new ManualClock('2026-11-27T16:00:00+08:00'),
      { ...loadConfig({ DATA_DIR: demo.dataDir }), argon2MemoryKiB: 1024 },
      { keys },
    );
    demo.filled = await fillEmptyTables(src);
    demo.counts = await tableCounts(src);
    await backupTo(src, demo.file, keys);
  } finally {
    await src.close();
    await drop();
  }
  const t = await buildTestApp({ keyFile });
  try {
    const city = await makeAuthority(t, { name: '赣州市委巡察办' });
    const county = await makeAuthority(t, { name: '南康区委巡察办', parentAuthorityId: city });
    const bureau = await makeOrg(t, { authorityId: city, name: '赣州市财政局' });
    await makeOrg(t, { authorityId: city, name: '赣州市财政局国库支付中心', parentId: bureau });
    await makeOrg(t, { authorityId: county, name: MARKER });
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: county }] });
    Object.assign(clerk, { userId: u.id, city, county });
    await makeUser(t);
    await loginAs(t, { role: 'officeStaff', scopeId: city });
    await loginAs(t, { role: 'sysAdmin' });
    await backupTo(t.database, small, keys);
  } finally {
    await t.close();
  }
}, 300_000);

/**
 * Runs `fn` against a fresh migrated database of the run's engine and returns its rows per table
 * afterwards, for the refusals: the database must be exactly as it was.
 */
async function onFreshDatabase(fn: (d: Database) => Promise<void>): Promise<Record<string, number>> {
  const { database: d, drop } = await openTestDatabase();
  try {
    await fn(d);
    return await tableCounts(d);
  } finally {
    await d.close();
    await drop();
  }
}

/** What an attacker who can write the backup folder (and read a version 1 backup) would make. */
function promoteClerk(dump: BackupDump): BackupDump {
  return {
    ...dump,
    tables: dump.tables.map((t) =>
      t.table !== 'grants'
        ? t
        : {
            table: t.table,
            rows: t.rows.map((r) =>
              r.user_id === clerk.userId
                ? { ...r, role: 'officeLeader', scope_id: clerk.city, include_children: true }
                : r,
            ),
          },
    ),
  };
}

/** A copy of `bytes` with one bit of byte `at` flipped. */
function flip(bytes: Buffer, at: number): Buffer {
  const b = Buffer.from(bytes);
  b[at] = (b[at] as number) ^ 0x01;
  return b;
}

/** The version 1 format (gzip of JSON lines with an unkeyed SM3 trailer), rebuilt with a fresh SM3. */
function v1File(dump: BackupDump): Buffer {
  const lines = [
    JSON.stringify({ format: 'xuncha-backup', version: 1, createdAt: dump.header.createdAt, source: 'pglite' }),
    ...dump.tables.map((t) => JSON.stringify({ table: t.table, rows: t.rows })),
  ];
  const body = lines.join('\n');
  return gzipSync(`${body}\n${JSON.stringify({ sm3: cryptoProvider.sm3(body) })}\n`);
}

describe('the table list', () => {
  it('covers every table the migrations create, less the excluded ones, in foreign-key order', async () => {
    const { database: d, drop } = await openTestDatabase();
    try {
      const inDb = rowsOf<{ name: string }>(
        await d.db.execute(sql`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`),
      ).map((r) => r.name);
      expect(inDb).toContain('at_rest_pending');
      expect([...TABLES, ...Object.keys(EXCLUDED_TABLES)].sort()).toEqual([...inDb].sort());
      for (const t of ['fieldwork_files', 'findings', 'audit_link_runs', 'rectification_tasks', 'paper_counters'])
        expect(TABLES).toContain(t);
      expect(TABLES).not.toContain('sessions');
      // Every foreign key the database enforces (not only those Drizzle declares) points backwards.
      const at = new Map(TABLES.map((t, i) => [t, i]));
      const fks = await catalogForeignKeys(d);
      expect(fks.length).toBeGreaterThan(50);
      for (const f of fks) {
        if (f.child in EXCLUDED_TABLES) continue;
        expect(at.has(f.parent), `${f.child} → ${f.parent}`).toBe(true);
        expect(at.get(f.parent) as number, `${f.child} → ${f.parent}`).toBeLessThanOrEqual(at.get(f.child) as number);
      }
    } finally {
      await d.close();
      await drop();
    }
  });

  it('orders the rows of a self-referencing table parents first, however deep', () => {
    const fk = { columns: ['parent_id'], foreignTable: 'x', foreignColumns: ['id'] };
    const chain = Array.from({ length: 5000 }, (_, i) => ({ id: `n${i}`, parent_id: i ? `n${i - 1}` : null }));
    const ordered = orderSelfReferences([...chain].reverse(), [fk]);
    expect(ordered.map((r) => r.id)).toEqual(chain.map((r) => r.id));
    const seen = new Set<unknown>();
    for (const r of orderSelfReferences(
      [{ id: 'b', parent_id: 'a' }, { id: 'c', parent_id: 'zz' }, { id: 'a' }],
      [fk],
    )) {
      if (r.parent_id === 'a') expect(seen.has('a')).toBe(true);
      seen.add(r.id);
    }
    expect(seen.size).toBe(3);
  });
});

describe('backup and restore', () => {
  it('restores every table of the schema: the same rows per table and a whole audit chain', WHOLE_DEMO, async () => {
    expect(demo.counts.organizations).toBeGreaterThan(1000);
    // The seed and the filler leave no backed-up table empty, so every one of them is proven.
    for (const t of TABLES) expect(demo.counts[t], t).toBeGreaterThan(0);
    expect(demo.filled).toContain('at_rest_pending');
    const check = async (dst: Database) => {
      const r = await restoreFrom(dst, demo.file, keys);
      expect(r.tables).toEqual(demo.counts);
      expect(await tableCounts(dst)).toEqual(demo.counts);
      expect((await verifyAuditChain(dst.db)).firstBrokenSeq).toBeNull();
      const tree = rowsOf<{ n: number }>(
        await dst.db.execute(sql`select count(*)::int as n from organizations where parent_id is not null`),
      );
      expect(tree[0]?.n).toBeGreaterThan(500);
    };
    // A new folder (on the PostgreSQL run: from PostgreSQL to PGlite); the CLI test below restores
    // into one PGlite has yet to initialize.
    const dst = await pgliteFolder(path.join(tmp, 'fresh'));
    try {
      await check(dst);
    } finally {
      await dst.close();
    }
    if (onPostgres()) {
      const { database: pg, drop } = await openTestDatabase();
      try {
        await check(pg);
      } finally {
        await pg.close();
        await drop();
      }
    }
  });

  it('the demo seed writes its one-time passwords for the owner’s eyes only', () => {
    const file = path.join(demo.dataDir, 'demo-credentials.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).length).toBeGreaterThanOrEqual(11);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('the backup bytes hold no plaintext: the marker is only in what the key opens', () => {
    const bytes = fs.readFileSync(small);
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('XCBK');
    expect(bytes[4]).toBe(2);
    expect(fs.statSync(small).mode & 0o777).toBe(0o600);
    // The control: the marker is in the backup, as the key opens it.
    expect(JSON.stringify(openBackup(bytes, keys))).toContain(MARKER);
    for (const text of [bytes.toString('utf8'), bytes.toString('latin1')]) {
      expect(text).not.toContain(MARKER);
      expect(text).not.toContain('赣州市财政局');
      expect(text).not.toContain('officeStaff');
    }
    expect(bytes.includes(Buffer.from(MARKER, 'utf8'))).toBe(false);
    // No gzip stream to unpack, at the start or anywhere in the file.
    expect(() => gunzipSync(bytes)).toThrow();
    for (
      let i = bytes.indexOf(Buffer.from([0x1f, 0x8b]));
      i !== -1;
      i = bytes.indexOf(Buffer.from([0x1f, 0x8b]), i + 1)
    ) {
      let unpacked = '';
      try {
        unpacked = gunzipSync(bytes.subarray(i)).toString('utf8');
      } catch {}
      expect(unpacked).not.toContain(MARKER);
    }
    // Two backups of the same rows share nothing but the header's key id (fresh nonce per file).
    const again = sealBackup(openBackup(bytes, keys), keys);
    expect(again.subarray(0, 13).equals(bytes.subarray(0, 13))).toBe(true);
    expect(again.subarray(13, 29).equals(bytes.subarray(13, 29))).toBe(false);
  });

  it('refuses forged backups — a recomputed SM3, a flipped byte, a cut file, another key — writing nothing', async () => {
    const genuine = openBackup(fs.readFileSync(small), keys);
    const forged = promoteClerk(genuine);
    const grant = (d: BackupDump) =>
      d.tables.find((t) => t.table === 'grants')?.rows.find((r) => r.user_id === clerk.userId);
    expect(grant(forged)?.role).toBe('officeLeader');
    expect(grant(genuine)?.role).toBe('officeStaff');

    const bytes = fs.readFileSync(small);
    const files: [string, Buffer, RegExp][] = [
      // Version 1: plain gzip whose SM3 anyone recomputes after an edit.
      ['v1-forged', v1File(forged), /旧版（第1版）/],
      // The forgery sealed with the attacker's own key, the header's key id copied from the genuine file.
      [
        'other-key',
        (() => {
          const b = sealBackup(forged, memoryKeyRing());
          bytes.copy(b, 5, 5, 13);
          return b;
        })(),
        /HMAC-SM3 不符/,
      ],
      ['flipped', flip(bytes, 100), /HMAC-SM3 不符/],
      ['truncated', bytes.subarray(0, bytes.length - 100), /HMAC-SM3 不符|截断/],
      ['header-only', bytes.subarray(0, 40), /截断/],
      ['not-a-backup', Buffer.from('hello'), /不是本系统的备份文件/],
      ['v3', Buffer.concat([bytes.subarray(0, 4), Buffer.from([3]), bytes.subarray(5)]), /版本 3 不受支持/],
    ];
    // A genuine file in the attacker's hands changes nothing either: the wrong key cannot open it.
    expect(() => openBackup(bytes, memoryKeyRing())).toThrow(/不是用当前密钥文件/);
    const after = await onFreshDatabase(async (d) => {
      for (const [name, content, why] of files) {
        const file = path.join(tmp, `${name}.bak`);
        fs.writeFileSync(file, content);
        await expect(restoreFrom(d, file, keys), name).rejects.toThrow(why);
        await expect(restoreFrom(d, file, keys), name).rejects.toThrow(/拒绝恢复/);
      }
    });
    expect(after).toEqual(allZero());
  });

  it('refuses a restore with the wrong key or without keys, and a non-empty target, writing nothing', async () => {
    const after = await onFreshDatabase(async (d) => {
      await expect(restoreFrom(d, small, memoryKeyRing())).rejects.toThrow(/不是用当前密钥文件.*拒绝恢复/);
      await expect(restoreFrom(d, small, undefined as unknown as KeyRing)).rejects.toThrow(/缺少备份密钥/);
      await expect(restoreFrom(d, small, { backupKey: Buffer.alloc(0) } as KeyRing)).rejects.toThrow(/缺少备份密钥/);
      expect(await tableCounts(d)).toEqual(allZero());
      expect(await isEmpty(d.db)).toBe(true);
      // The same target takes the genuine file with the right key: the refusals were the file's.
      await restoreFrom(d, small, keys);
      expect(await isEmpty(d.db)).toBe(false);
      const before = await tableCounts(d);
      await expect(restoreFrom(d, small, keys)).rejects.toThrow(/不为空/);
      expect(await tableCounts(d)).toEqual(before);
      // The clerk is still the county's clerk.
      const g = rowsOf<{ role: string; scope_id: string }>(
        await d.db.execute(sql`select role, scope_id from grants where user_id = ${clerk.userId}`),
      );
      expect(g).toEqual([{ role: 'officeStaff', scope_id: clerk.county }]);
    });
    expect(after.grants).toBeGreaterThan(0);
    await expect(
      backupTo({} as Database, path.join(tmp, 'nokeys.bak'), undefined as unknown as KeyRing),
    ).rejects.toThrow(/缺少备份密钥/);
    expect(fs.existsSync(path.join(tmp, 'nokeys.bak'))).toBe(false);
  });

  pgliteFoldersOnly('the CLI backs up, restores and verifies the audit chain (PGlite folders)', PROCESSES, async () => {
    const restored = path.join(tmp, 'cli-restored');
    const flipped = path.join(tmp, 'cli-flipped.bak');
    const bytes = fs.readFileSync(small);
    fs.writeFileSync(flipped, flip(bytes, 200));
    // The refusals work on folders of their own, so they run beside the restore → backup → verify chain.
    const refused = cli(['restore', flipped], { DATA_DIR: path.join(tmp, 'cli-corrupt') });
    const missingKeys = path.join(tmp, 'no-such-keys', 'field-keys.json');
    const keyless = cli(['restore', small], { DATA_DIR: path.join(tmp, 'cli-keyless'), KEY_FILE: missingKeys });
    const keylessBackup = cli(['backup', path.join(tmp, 'keyless.bak')], {
      DATA_DIR: path.join(tmp, 'cli-keyless-backup'),
      KEY_FILE: missingKeys,
    });
    const r1 = await cli(['restore', small], { DATA_DIR: restored });
    expect(r1.status, r1.stderr).toBe(0);
    expect(r1.stdout).toContain('恢复完成');
    const again = path.join(tmp, 'cli-again.bak');
    const r2 = await cli(['backup', again], { DATA_DIR: restored });
    expect(r2.status, r2.stderr).toBe(0);
    expect(openBackup(fs.readFileSync(again), keys).tables.find((t) => t.table === 'users')?.rows.length).toBe(
      openBackup(bytes, keys).tables.find((t) => t.table === 'users')?.rows.length,
    );
    const r3 = await cli(['audit-verify'], { DATA_DIR: restored });
    expect(r3.status, r3.stderr).toBe(0);
    expect(r3.stdout).toContain('审计日志完整');
    const r4 = await refused;
    expect(r4.status).not.toBe(0);
    expect(r4.stderr).toMatch(/HMAC-SM3 不符.*拒绝恢复/);
    const r5 = await keyless;
    expect(r5.status).not.toBe(0);
    expect(r5.stderr).toContain('找不到密钥文件');
    // Refused before anything: no key file made up, no data folder opened.
    expect(fs.existsSync(missingKeys)).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'cli-keyless'))).toBe(false);
    const r6 = await keylessBackup;
    expect(r6.status).not.toBe(0);
    expect(r6.stderr).toContain('找不到密钥文件');
    expect(fs.existsSync(path.join(tmp, 'keyless.bak'))).toBe(false);
    expect(fs.existsSync(missingKeys)).toBe(false);
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
        await restoreFrom(prepared, small, keys);
      } finally {
        await prepared.close();
      }
      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATA_DIR: dir,
        KEY_FILE: keyFile,
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
