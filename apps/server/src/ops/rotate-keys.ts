import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { and, asc, eq, getTableColumns, gt, isNotNull, like, not } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { petitions } from '../db/schema/index.ts';
import { writeAudit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import { FieldCipher, type KeyRing, loadKeyRing } from '../platform/keys.ts';

/**
 * Field-key rotation (security.md, Cryptography: "a key file … with a version for rotation").
 * A new version is added to the key file and becomes current; every encrypted value is then
 * rewritten under it. Old versions stay in the file, so a backup taken before the rotation still
 * opens with the new file.
 *
 * Run it with the servers stopped: a running server holds the key ring it read at start and could
 * neither read values under the new version nor stop writing under the old one.
 */

/** Every column holding a FieldCipher value, with the table name and id its AAD is bound to. */
export const ENCRYPTED_COLUMNS: { name: string; table: PgTable; id: PgColumn; columns: [string, string][] }[] = [
  {
    name: 'petitions',
    table: petitions,
    id: petitions.id,
    // [the column name in the AAD, the Drizzle property]
    columns: [
      ['reporter_name', 'reporterNameEnc'],
      ['reporter_phone', 'reporterPhoneEnc'],
    ],
  },
];

/** Adds a field key one version above the highest and makes it current; the file is replaced atomically. */
export function addFieldKey(file: string): KeyRing {
  const k = JSON.parse(fs.readFileSync(file, 'utf8')) as { current: number; fieldKeys: Record<string, string> };
  loadKeyRing(file); // refuses a damaged file before anything is written
  const next = Math.max(...Object.keys(k.fieldKeys).map(Number)) + 1;
  const updated = {
    ...k,
    current: next,
    fieldKeys: { ...k.fieldKeys, [String(next)]: randomBytes(16).toString('hex') },
  };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(updated, null, 2), { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
  return loadKeyRing(file);
}

export interface Rewritten {
  table: string;
  column: string;
  rewritten: number;
}

/**
 * Rewrites every value not yet under the current key version. Each row is updated only if it
 * still holds the value read, so running it twice, or after an interruption, finishes the work
 * without touching anything twice.
 */
export async function reencryptFields(db: Db, ring: KeyRing, clock: Clock, batchSize = 500): Promise<Rewritten[]> {
  const cipher = new FieldCipher(ring);
  const current = `v${ring.current}.%`;
  const out: Rewritten[] = [];
  for (const t of ENCRYPTED_COLUMNS)
    for (const [column, key] of t.columns) {
      const col = getTableColumns(t.table)[key];
      if (!col) throw new Error(`${t.name} has no column ${key}`);
      let rewritten = 0;
      let after = '';
      for (;;) {
        const rows = (await db
          .select({ id: t.id, value: col })
          .from(t.table)
          .where(and(isNotNull(col), not(like(col, current)), after ? gt(t.id, after) : undefined))
          .orderBy(asc(t.id))
          .limit(batchSize)) as { id: string; value: string }[];
        if (!rows.length) break;
        await db.transaction(async (tx) => {
          for (const r of rows) {
            const plain = cipher.decrypt(t.name, r.id, column, r.value);
            await tx
              .update(t.table)
              .set({ [key]: cipher.encrypt(t.name, r.id, column, plain) })
              .where(and(eq(t.id, r.id), eq(col, r.value)));
          }
        });
        rewritten += rows.length;
        after = rows[rows.length - 1]?.id ?? after;
      }
      out.push({ table: t.name, column, rewritten });
    }
  await writeAudit(db, clock.now(), {
    actorName: '命令行',
    action: 'keys.rotate',
    objectType: 'keyFile',
    objectId: String(ring.current),
    detail: { version: ring.current, rewritten: out },
  });
  return out;
}
