import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { is, type SQL, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema/index.ts';
import { cryptoProvider } from '../platform/crypto.ts';
import type { Database } from '../platform/db.ts';
import { rowsOf } from '../platform/db.ts';
import type { KeyRing } from '../platform/keys.ts';

/**
 * A logical backup that works the same for PGlite and PostgreSQL (and between them), encrypted and
 * authenticated under the backup key of the key file (security.md, Cryptography; issue 10 item 3).
 *
 * File format, version 2 (all lengths in bytes):
 *
 *   header     "XCBK" (4) | version = 2 (1) | keyId (8) | nonce (16)
 *   ciphertext SM4-GCM of the body, AAD = header (n)
 *   gcmTag     (16)
 *   mac        HMAC-SM3 over header | ciphertext | gcmTag (32)
 *
 * The body is gzip of JSON lines: a header line, one line per row (`{"t":table,"r":row}`, in
 * insert order) and a trailer with the row count of every table. Keys are derived from the key
 * ring's `backupKey`: the SM4 key per file (HMAC-SM3 of the nonce), the HMAC key once; `keyId`
 * names the backup key without revealing it, so a restore with the wrong key file says so. A
 * restore verifies the HMAC, decrypts, decompresses and parses everything before it writes a row:
 * a file that was changed, cut, sealed with another key, or written in the unkeyed version 1 format
 * (plain gzip with an SM3 anyone can recompute) is refused.
 */
const MAGIC = Buffer.from('XCBK', 'ascii');
const VERSION = 2;
const HEADER_BYTES = 4 + 1 + 8 + 16;
const GCM_TAG_BYTES = 16;
const MAC_BYTES = 32;
const FORMAT = 'xuncha-backup';

type BackupKeys = Pick<KeyRing, 'backupKey'>;
type Row = Record<string, unknown>;

export interface BackupHeader {
  format: typeof FORMAT;
  version: 2;
  createdAt: string;
  source: Database['kind'];
  /** The tables of the backup, in insert order. */
  tables: string[];
}

/** What a backup holds: its header and every table's rows (in insert order). */
export interface BackupDump {
  header: BackupHeader;
  tables: { table: string; rows: Row[] }[];
}

// ---------------------------------------------------------------- which tables, in which order

/**
 * Tables a backup leaves out, each on purpose. They hold the state of running servers, not the
 * office's records; a restored installation starts without them, as after a restart of every
 * instance, and every test of the table list (backup.test.ts) fails on a table in neither list.
 */
export const EXCLUDED_TABLES: Record<string, string> = {
  // Bearer credentials (the hash of a cookie and its CSRF token): restored, a stolen or old backup
  // would sign people in again on another machine. Everyone signs in anew after a restore.
  sessions: '登录会话（凭据）：恢复后所有用户重新登录',
  // Rate-limit and lockout windows of the moment (minutes long): stale once restored, and they
  // would throttle accounts for attempts made on another installation. Account lockouts that
  // matter (users.failed_logins, locked_until) live in `users` and are restored.
  shared_counters: '限流计数（时间窗口内有效）',
  // Hourly keys that client addresses are hashed with, deleted two hours after their hour so a
  // counter can no longer be tied to an address: a backup must not keep them longer than that.
  shared_keys: '地址散列的小时密钥（两小时后即删除）',
  // Idempotency-Key replays live minutes; a restore never replays an answer of another server.
  idempotency_entries: '幂等键重放记录（几分钟内有效）',
};

interface ForeignKey {
  columns: string[];
  foreignTable: string;
  foreignColumns: string[];
}
export interface BackupTable {
  name: string;
  foreignKeys: ForeignKey[];
}

/**
 * Tables the migrations create that the Drizzle schema does not declare (no module queries them
 * through Drizzle). `at_rest_pending` (migration 0011) holds values written in clear before issue
 * 10 until the first start seals them: a backup taken before that start must carry them, or the
 * sealed columns stay empty after a restore. Encrypted in the backup like every other row.
 */
const MIGRATION_ONLY_TABLES: BackupTable[] = [{ name: 'at_rest_pending', foreignKeys: [] }];

function schemaTables(): BackupTable[] {
  const out: BackupTable[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const c = getTableConfig(value);
    out.push({
      name: c.name,
      foreignKeys: c.foreignKeys.map((fk) => {
        const r = fk.reference();
        return {
          columns: r.columns.map((x) => x.name),
          foreignTable: getTableConfig(r.foreignTable).name,
          foreignColumns: r.foreignColumns.map((x) => x.name),
        };
      }),
    });
  }
  return out;
}

/**
 * Every table of the schema (db/schema/index.ts exports them all) and of the migrations, less the
 * excluded ones, sorted so that every foreign key points to an earlier table (Kahn's algorithm,
 * ties by name, so the order is stable). Inserts run in this order; deletes would run in reverse.
 * Self-references are ordered row by row (orderSelfReferences).
 */
export function backupTables(): BackupTable[] {
  const all = new Map<string, BackupTable>();
  for (const t of [...schemaTables(), ...MIGRATION_ONLY_TABLES]) if (!(t.name in EXCLUDED_TABLES)) all.set(t.name, t);
  const dependsOn = new Map<string, Set<string>>();
  for (const t of all.values()) {
    const deps = new Set<string>();
    for (const fk of t.foreignKeys) {
      if (fk.foreignTable === t.name) continue;
      if (!all.has(fk.foreignTable))
        throw new Error(`备份表清单有误：表 ${t.name} 引用了未备份的表 ${fk.foreignTable}`);
      deps.add(fk.foreignTable);
    }
    dependsOn.set(t.name, deps);
  }
  const order: BackupTable[] = [];
  const placed = new Set<string>();
  while (order.length < all.size) {
    const ready = [...all.keys()]
      .filter((n) => !placed.has(n) && [...(dependsOn.get(n) as Set<string>)].every((d) => placed.has(d)))
      .sort();
    if (!ready.length) {
      const left = [...all.keys()].filter((n) => !placed.has(n));
      throw new Error(`备份表顺序无法确定：外键成环（${left.join('、')}）`);
    }
    for (const n of ready) {
      placed.add(n);
      order.push(all.get(n) as BackupTable);
    }
  }
  return order;
}

// ---------------------------------------------------------------- sealing and opening

function deriveKeys(keys: BackupKeys, nonce: Buffer) {
  const k = keys.backupKey;
  return {
    keyId: cryptoProvider.hmacSm3(k, 'XCBK/key-id').subarray(0, 8),
    encKey: cryptoProvider.hmacSm3(k, Buffer.concat([Buffer.from('XCBK/v2/sm4-gcm/'), nonce])).subarray(0, 16),
    iv: nonce.subarray(0, 12),
    macKey: cryptoProvider.hmacSm3(k, 'XCBK/v2/hmac-sm3'),
  };
}

function requireKeys(keys: BackupKeys | undefined): asserts keys is BackupKeys {
  if (!keys?.backupKey || keys.backupKey.length < 16)
    throw new Error('缺少备份密钥：备份用密钥文件（KEY_FILE）中的备份密钥加密和签名，没有它不能制作或恢复备份');
}

/** The body (gzip of JSON lines) of a dump. */
function encodeBody(dump: BackupDump): Buffer {
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify(dump.header)}\n`)];
  const counts: Record<string, number> = {};
  for (const t of dump.tables) {
    counts[t.table] = t.rows.length;
    for (const r of t.rows) parts.push(Buffer.from(`${JSON.stringify({ t: t.table, r })}\n`));
  }
  parts.push(Buffer.from(`${JSON.stringify({ end: true, counts })}\n`));
  return gzipSync(Buffer.concat(parts));
}

/** Encrypts (SM4-GCM) and signs (HMAC-SM3) a dump into the bytes of a version 2 backup file. */
export function sealBackup(dump: BackupDump, keys: BackupKeys): Buffer {
  requireKeys(keys);
  const nonce = randomBytes(16);
  const d = deriveKeys(keys, nonce);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), d.keyId, nonce]);
  const { ct, tag } = cryptoProvider.sm4GcmEncrypt(d.encKey, d.iv, header, encodeBody(dump));
  const mac = cryptoProvider.hmacSm3(d.macKey, Buffer.concat([header, ct, tag]));
  return Buffer.concat([header, ct, tag, mac]);
}

const REFUSED = '拒绝恢复，未写入任何数据';

/**
 * Verifies and decrypts the bytes of a backup file into its rows, or throws a Chinese message
 * saying why it is refused. Nothing is trusted before the HMAC-SM3 under the backup key matches.
 */
export function openBackup(bytes: Buffer, keys: BackupKeys): BackupDump {
  requireKeys(keys);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)
    throw new Error(
      `这是旧版（第1版）备份：未加密，校验码不带密钥，任何人都能改动后重算，无法证明未被伪造，${REFUSED}。请在原系统上用当前版本重新备份`,
    );
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error(`不是本系统的备份文件（文件头不符），${REFUSED}`);
  if (bytes.length > MAGIC.length && bytes[MAGIC.length] !== VERSION)
    throw new Error(`备份格式版本 ${bytes[MAGIC.length]} 不受支持（本程序读取第 ${VERSION} 版），${REFUSED}`);
  if (bytes.length < HEADER_BYTES + GCM_TAG_BYTES + MAC_BYTES)
    throw new Error(`备份文件不完整（已被截断），${REFUSED}`);
  const header = bytes.subarray(0, HEADER_BYTES);
  const nonce = header.subarray(13, HEADER_BYTES);
  const d = deriveKeys(keys, Buffer.from(nonce));
  if (!header.subarray(5, 13).equals(d.keyId))
    throw new Error(
      `备份不是用当前密钥文件（KEY_FILE）中的备份密钥制作的，无法验证，${REFUSED}：请使用制作该备份时的密钥文件`,
    );
  const macAt = bytes.length - MAC_BYTES;
  const mac = cryptoProvider.hmacSm3(d.macKey, bytes.subarray(0, macAt));
  if (!timingSafeEqual(mac, bytes.subarray(macAt)))
    throw new Error(`备份文件校验失败（HMAC-SM3 不符）：文件已被改动、截断或损坏，${REFUSED}`);
  let body: Buffer;
  try {
    const tagAt = macAt - GCM_TAG_BYTES;
    const plain = cryptoProvider.sm4GcmDecrypt(
      d.encKey,
      d.iv,
      Buffer.from(header),
      Buffer.from(bytes.subarray(HEADER_BYTES, tagAt)),
      Buffer.from(bytes.subarray(tagAt, macAt)),
    );
    body = gunzipSync(plain);
  } catch {
    throw new Error(`备份文件解密或解压失败：内容已损坏，${REFUSED}`);
  }
  return decodeBody(body);
}

function decodeBody(body: Buffer): BackupDump {
  const bad = (why: string) => new Error(`备份内容不完整或格式有误（${why}），${REFUSED}`);
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = body.indexOf(0x0a); i !== -1; i = body.indexOf(0x0a, start)) {
    lines.push(body.subarray(start, i));
    start = i + 1;
  }
  if (start !== body.length) throw bad('末行不完整');
  const parse = (b: Buffer | undefined) => {
    try {
      return JSON.parse((b ?? Buffer.alloc(0)).toString('utf8'));
    } catch {
      throw bad('无法解析');
    }
  };
  const header = parse(lines[0]) as BackupHeader;
  if (header?.format !== FORMAT || header.version !== VERSION || !Array.isArray(header.tables)) throw bad('缺少文件头');
  const trailer = parse(lines[lines.length - 1]) as { end?: boolean; counts?: Record<string, number> };
  if (lines.length < 2 || trailer?.end !== true || !trailer.counts) throw bad('缺少结尾');
  const byTable = new Map<string, Row[]>(header.tables.map((t) => [t, []]));
  for (const line of lines.slice(1, -1)) {
    const x = parse(line) as { t?: string; r?: Row };
    const rows = byTable.get(x?.t ?? '');
    if (!rows || !x.r || typeof x.r !== 'object') throw bad('行不属于任何表');
    rows.push(x.r);
  }
  for (const [t, rows] of byTable) if ((trailer.counts[t] ?? 0) !== rows.length) throw bad(`表 ${t} 的行数不符`);
  return { header, tables: [...byTable].map(([table, rows]) => ({ table, rows })) };
}

// ---------------------------------------------------------------- backup and restore

/**
 * Writes a backup of every table (backupTables) to `file` (mode 0600, written to a temporary
 * file and renamed, so a cut-off run never leaves a half file under the name). All tables are
 * read in one repeatable-read transaction: the rows are one consistent moment of the database.
 */
export async function backupTo(
  database: Database,
  file: string,
  keys: BackupKeys,
): Promise<{ tables: Record<string, number> }> {
  requireKeys(keys);
  const tables = backupTables();
  const dump: BackupDump = {
    header: {
      format: FORMAT,
      version: VERSION,
      createdAt: new Date().toISOString(),
      source: database.kind,
      tables: tables.map((t) => t.name),
    },
    tables: [],
  };
  await database.db.transaction(
    async (tx) => {
      for (const t of tables) {
        const rows = rowsOf<{ r: Row }>(
          await tx.execute(sql`select row_to_json(x) as r from ${sql.identifier(t.name)} x`),
        );
        dump.tables.push({ table: t.name, rows: rows.map((x) => x.r) });
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const sealed = sealBackup(dump, keys);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, sealed, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return { tables: Object.fromEntries(dump.tables.map((t) => [t.table, t.rows.length])) };
}

/**
 * Rows of a self-referencing table ordered so that a referenced row comes before its referrers.
 * Within one INSERT the foreign keys are checked at the end of the statement; a table restored in
 * several statements (more rows than a chunk) needs the parents in an earlier one.
 */
export function orderSelfReferences(rows: Row[], fks: ForeignKey[]): Row[] {
  if (!fks.length || rows.length < 2) return rows;
  const keyOf = (r: Row, cols: string[]) => JSON.stringify(cols.map((c) => r[c] ?? null));
  const byKey = fks.map((fk) => new Map(rows.map((r) => [keyOf(r, fk.foreignColumns), r])));
  const done = new Set<Row>();
  const out: Row[] = [];
  for (const root of rows) {
    // Depth first without recursion: a deep tree (organizations) must not overflow the stack.
    const stack: { row: Row; expanded: boolean }[] = [{ row: root, expanded: false }];
    const onPath = new Set<Row>();
    while (stack.length) {
      const top = stack[stack.length - 1] as { row: Row; expanded: boolean };
      if (done.has(top.row)) {
        stack.pop();
        continue;
      }
      if (top.expanded) {
        stack.pop();
        onPath.delete(top.row);
        done.add(top.row);
        out.push(top.row);
        continue;
      }
      top.expanded = true;
      onPath.add(top.row);
      fks.forEach((fk, i) => {
        if (fk.columns.some((c) => top.row[c] == null)) return;
        const parent = byKey[i]?.get(keyOf(top.row, fk.columns));
        if (parent && parent !== top.row && !done.has(parent) && !onPath.has(parent))
          stack.push({ row: parent, expanded: false });
      });
    }
  }
  return out;
}

/** The columns of each table that an insert may name (generated columns are computed). */
async function insertableColumns(database: Database): Promise<Map<string, { insert: string[]; all: Set<string> }>> {
  const rows = rowsOf<{ table_name: string; column_name: string; is_generated: string }>(
    await database.db.execute(sql`
      select table_name, column_name, is_generated from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`),
  );
  const out = new Map<string, { insert: string[]; all: Set<string> }>();
  for (const r of rows) {
    const t = out.get(r.table_name) ?? { insert: [], all: new Set<string>() };
    out.set(r.table_name, t);
    t.all.add(r.column_name);
    if (r.is_generated === 'NEVER') t.insert.push(r.column_name);
  }
  return out;
}

/** A statement's JSON parameter is kept to a few megabytes (attachments are rows too). */
const CHUNK_BYTES = 8 * 1024 * 1024;
const CHUNK_ROWS = 2000;

/**
 * Restores a backup into an empty database (a fresh data folder or an empty PostgreSQL database);
 * a target with a row in any backed-up table is refused. The file is verified, decrypted and
 * parsed in full first (openBackup), and checked against this version's tables; only then are the
 * migrations applied and the rows written, all in one transaction — so a refused file leaves the
 * target exactly as it was, and a failure halfway writes nothing either.
 */
export async function restoreFrom(
  database: Database,
  file: string,
  keys: BackupKeys,
): Promise<{ tables: Record<string, number> }> {
  requireKeys(keys);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new Error(`无法读取备份文件：${file}`);
  }
  const dump = openBackup(bytes, keys);
  const tables = backupTables();
  const known = new Set(tables.map((t) => t.name));
  const unknown = dump.tables.filter((t) => !known.has(t.table)).map((t) => t.table);
  if (unknown.length)
    throw new Error(`备份中有本版本不认识的表（${unknown.join('、')}），可能来自较新版本的程序，${REFUSED}`);

  await database.migrate();
  const columns = await insertableColumns(database);
  for (const t of dump.tables) {
    const cols = columns.get(t.table);
    if (!cols) throw new Error(`目标数据库缺少表 ${t.table}，${REFUSED}`);
    for (const r of t.rows)
      for (const c of Object.keys(r))
        if (!cols.all.has(c))
          throw new Error(`备份中表 ${t.table} 的列 ${c} 在本版本中不存在（备份来自较新版本？），${REFUSED}`);
  }
  const nonEmpty = rowsOf<{ t: string }>(
    await database.db.execute(
      sql.join(
        tables.map((t) => sql`(select ${t.name}::text as t from ${sql.identifier(t.name)} limit 1)`),
        sql` union all `,
      ),
    ),
  );
  if (nonEmpty.length)
    throw new Error(
      `目标数据库不为空（${nonEmpty.map((x) => x.t).join('、')}中已有数据）：请恢复到新的数据目录或空数据库`,
    );

  const rowsByTable = new Map(dump.tables.map((t) => [t.table, t.rows]));
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    for (const t of tables) {
      const self = t.foreignKeys.filter((fk) => fk.foreignTable === t.name);
      const rows = orderSelfReferences(rowsByTable.get(t.name) ?? [], self);
      counts[t.name] = rows.length;
      if (!rows.length) continue;
      const names = (columns.get(t.name)?.insert ?? []).map((c) => sql.identifier(c));
      const list = sql.join(names, sql`, `);
      const insert = (json: string): SQL =>
        sql`insert into ${sql.identifier(t.name)} (${list}) select ${list} from json_populate_recordset(null::${sql.identifier(t.name)}, ${json}::json)`;
      let chunk: string[] = [];
      let size = 0;
      for (const r of rows) {
        const s = JSON.stringify(r);
        if (chunk.length && (chunk.length >= CHUNK_ROWS || size + s.length > CHUNK_BYTES)) {
          await tx.execute(insert(`[${chunk.join(',')}]`));
          chunk = [];
          size = 0;
        }
        chunk.push(s);
        size += s.length;
      }
      if (chunk.length) await tx.execute(insert(`[${chunk.join(',')}]`));
    }
  });
  return { tables: counts };
}
