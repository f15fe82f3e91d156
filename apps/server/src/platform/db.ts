import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { and, type ExtractTablesWithRelations, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgColumn, PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../db/schema/index.ts';

export type Schema = typeof schema;
/** Both drivers give a PgDatabase; a transaction is one too, so services take `Db` for either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../db/migrations');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Run the committed migrations (idempotent). */
  migrate(): Promise<void>;
  /** Close connections; for PGlite on disk this also checkpoints and releases the lock file. */
  close(): Promise<void>;
  /** The raw PGlite instance (backup uses dumpDataDir); undefined on PostgreSQL. */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; `memory` for an in-memory database (tests). */
  dataDir?: string | 'memory';
  /** A PGlite data-dir tarball to start from (tests clone one migrated template). */
  loadDataDir?: Blob | File;
  poolMax?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolMax ?? 10 });
    // An idle connection the server drops (a restart, an administrator's terminate, a database
    // dropped after the pool closed) is an 'error' event on the pool; without a listener it would
    // end the process. The pool has already discarded that connection and opens a new one on demand.
    pool.on('error', (err) => {
      process.emitWarning(`PostgreSQL connection lost: ${err.message}`);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      pool,
      migrate: async () => {
        await assertNotNewer(db);
        await migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
      },
      close: () => pool.end(),
    };
  }
  const dir = opts.dataDir ?? 'memory';
  let release = () => {};
  let client: PGlite;
  if (dir === 'memory') {
    client = await PGlite.create({ loadDataDir: opts.loadDataDir });
  } else {
    const pgDir = path.join(dir, 'pglite');
    fs.mkdirSync(pgDir, { recursive: true });
    release = takeLock(path.join(dir, 'pglite.lock'));
    try {
      client = await PGlite.create({ dataDir: pgDir, loadDataDir: opts.loadDataDir });
    } catch (e) {
      release();
      throw e;
    }
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    migrate: async () => {
      await assertNotNewer(db);
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    },
    close: async () => {
      if (!client.closed) {
        if (dir !== 'memory') await client.query('CHECKPOINT');
        await client.close();
      }
      release();
    },
  };
}

/**
 * A database that a newer version of the product has migrated is refused: this code does not know
 * its tables, and running would read them wrongly or undo nothing. (Drizzle records each applied
 * migration with its folder timestamp; ours end at the journal's last entry.)
 */
export async function assertNotNewer(db: Db): Promise<void> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number; tag: string }[];
  };
  const known = Math.max(...journal.entries.map((e) => e.when));
  let newest: number | null = null;
  try {
    const [row] = rowsOf<{ m: string | number | null }>(
      await db.execute(sql`select max(created_at) as m from drizzle.__drizzle_migrations`),
    );
    newest = row?.m === null || row?.m === undefined ? null : Number(row.m);
  } catch {
    return; // a database never migrated
  }
  if (newest !== null && newest > known)
    throw new Error(
      `数据库已由较新版本的程序升级（迁移时间 ${new Date(newest).toISOString()}，本程序最新迁移 ${new Date(known).toISOString()}），本版本不能打开它。请使用新版本程序，或从与本版本相符的备份恢复。\nThe database was migrated by a newer version of the code; refusing to start.`,
    );
}

/**
 * PGlite allows one process per data folder. The lock file holds our pid; a stale lock (its
 * process gone) is taken over, a live one refuses to start with a clear message.
 */
function takeLock(file: string): () => void {
  try {
    const fd = fs.openSync(file, 'wx', 0o600);
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const pid = Number(fs.readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && processAlive(pid))
      throw new Error(`数据目录正被另一个进程（pid ${pid}）使用：${file}。同一数据目录只能由一个进程打开。`);
    fs.writeFileSync(file, String(process.pid), { mode: 0o600 });
  }
  return () => {
    try {
      if (Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Rows of a raw query, whichever driver answered. */
export function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}

/** `select count(*) from table where …` as a number. */
export async function countWhere(db: Db, table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where);
  return Number(row?.n ?? 0);
}

/**
 * Replace the child rows of one parent (an inspector's history, an inspection's targets, a
 * training's attendance): delete what `where` selects, insert `rows`. Run it inside the caller's
 * transaction so the parent never shows without its children.
 */
export async function replaceChildren<T extends PgTable>(
  tx: Db,
  table: T,
  where: SQL,
  rows: T['$inferInsert'][],
): Promise<void> {
  await tx.delete(table).where(where);
  if (rows.length) await tx.insert(table).values(rows);
}

/**
 * Writes the one row of `table` that `key` names (an authority's settings, an inspection's
 * announcement) under optimistic locking: version 0 says none was read, so the first write
 * inserts version 1; a later write must name the version it read. False when another write
 * came first (the caller answers 409).
 */
export async function writeVersioned<T extends PgTable>(
  tx: Db,
  table: T,
  key: [column: PgColumn, value: string],
  values: Partial<T['$inferInsert']>,
  version: number,
): Promise<boolean> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const [column, value] = key;
  const keyName = Object.keys(columns).find((k) => columns[k] === column) as string;
  const res =
    version === 0
      ? await tx
          .insert(table)
          .values({ [keyName]: value, ...values, version: 1 } as T['$inferInsert'])
          .onConflictDoNothing()
          .returning({ key: column })
      : await tx
          .update(table)
          .set({ ...values, version: version + 1 } as never)
          .where(and(eq(column, value), eq(columns.version as PgColumn, version)))
          .returning({ key: column });
  return res.length > 0;
}

/**
 * One value per database handle, made on first use: prepared statements, and the answers that never
 * change for a record. Per handle, because tests run many databases in one process.
 */
export function perDatabase<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let v = made.get(db);
    if (v === undefined) {
      v = make(db);
      made.set(db, v);
    }
    return v;
  };
}

/**
 * Answers that never change once read (which authority a term or a taxonomy node is in), kept per
 * database for the life of the process, at most `max` at once.
 */
export function lastingAnswers<V>(max = 50_000) {
  const maps = perDatabase(() => new Map<string, V>());
  return {
    get: (db: Db, key: string): V | undefined => maps(db).get(key),
    set: (db: Db, key: string, value: V): void => {
      const m = maps(db);
      if (m.size >= max) m.clear();
      m.set(key, value);
    },
  };
}
