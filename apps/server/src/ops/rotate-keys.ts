import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { and, asc, eq, getTableColumns, gt, isNotNull, like, not, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
  auditLinkDatasets,
  auditLinkHits,
  auditLinkInvalidRows,
  clueSubjects,
  clues,
  fieldworkFiles,
  interviews,
  petitionEvents,
  petitionFiles,
  petitionMessages,
  petitions,
  surveyAnswers,
} from '../db/schema/index.ts';
import { sealPendingPetitions } from '../modules/petitions/index.ts';
import { sealPendingAnswers } from '../modules/surveys/index.ts';
import { writeAudit } from '../platform/audit.ts';
import { BlobCipher, blobPrefix } from '../platform/blob-cipher.ts';
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
      ['subject_name', 'subjectNameEnc'],
      ['subject_post', 'subjectPostEnc'],
      ['subject_org', 'subjectOrgEnc'],
      ['content', 'contentEnc'],
      ['search', 'searchEnc'],
      ['happened_when', 'happenedWhenEnc'],
      ['place', 'placeEnc'],
      ['forward_to', 'forwardToEnc'],
      ['decision_note', 'decisionNoteEnc'],
    ],
  },
  { name: 'petition_messages', table: petitionMessages, id: petitionMessages.id, columns: [['body', 'bodyEnc']] },
  { name: 'petition_events', table: petitionEvents, id: petitionEvents.id, columns: [['note', 'noteEnc']] },
  { name: 'petition_files', table: petitionFiles, id: petitionFiles.id, columns: [['name', 'nameEnc']] },
  { name: 'survey_answers', table: surveyAnswers, id: surveyAnswers.id, columns: [['texts', 'textsEnc']] },
  { name: 'interviews', table: interviews, id: interviews.id, columns: [['notes', 'notesEnc']] },
  { name: 'clues', table: clues, id: clues.id, columns: [['facts', 'factsEnc']] },
  {
    name: 'audit_link_datasets',
    table: auditLinkDatasets,
    id: auditLinkDatasets.id,
    columns: [
      ['preview', 'previewEnc'],
      ['id_problems', 'idProblemsEnc'],
    ],
  },
  {
    name: 'audit_link_hits',
    table: auditLinkHits,
    id: auditLinkHits.id,
    columns: [
      ['keys', 'keysEnc'],
      ['evidence', 'evidenceEnc'],
    ],
  },
  {
    name: 'audit_link_invalid_rows',
    table: auditLinkInvalidRows,
    id: auditLinkInvalidRows.id,
    columns: [['value', 'valueEnc']],
  },
  {
    name: 'clue_subjects',
    table: clueSubjects,
    id: clueSubjects.id,
    columns: [
      ['name', 'nameEnc'],
      ['post', 'postEnc'],
    ],
  },
];

/** Every bytea column holding a BlobCipher value (attachments), with the AAD's table and column. */
export const ENCRYPTED_BLOBS: { name: string; table: PgTable; id: PgColumn; column: string; data: PgColumn }[] = [
  { name: 'petition_files', table: petitionFiles, id: petitionFiles.id, column: 'data', data: petitionFiles.data },
  { name: 'fieldwork_files', table: fieldworkFiles, id: fieldworkFiles.id, column: 'data', data: fieldworkFiles.data },
];

/** Sealed files are few and large: rewritten this many at a time. */
const BLOB_BATCH = 10;

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
  for (const t of ENCRYPTED_BLOBS)
    out.push({ table: t.name, column: t.column, rewritten: await reencryptBlobs(db, ring, t) });
  await writeAudit(db, clock.now(), {
    actorName: '命令行',
    action: 'keys.rotate',
    objectType: 'keyFile',
    objectId: String(ring.current),
    detail: { version: ring.current, rewritten: out },
  });
  return out;
}

/** Sealed files whose header names another key version (files never sealed are left to sealPendingFields). */
async function reencryptBlobs(db: Db, ring: KeyRing, t: (typeof ENCRYPTED_BLOBS)[number]): Promise<number> {
  const blobs = new BlobCipher(ring);
  const stale: SQL = sql`encode(substring(${t.data} from 1 for 4), 'hex') = ${blobPrefix(0).subarray(0, 4).toString('hex')}
    and encode(substring(${t.data} from 1 for 8), 'hex') <> ${blobPrefix(ring.current).toString('hex')}`;
  let rewritten = 0;
  for (;;) {
    const rows = (await db.select({ id: t.id, data: t.data }).from(t.table).where(stale).limit(BLOB_BATCH)) as {
      id: string;
      data: Buffer;
    }[];
    if (!rows.length) return rewritten;
    for (const r of rows) {
      const plain = await blobs.open(t.name, r.id, t.column, r.data);
      await db
        .update(t.table)
        .set({ [t.column]: await blobs.seal(t.name, r.id, t.column, plain) })
        .where(and(eq(t.id, r.id), stale));
      rewritten++;
    }
  }
}

/** Tables whose clear values (and the pending copies of them) are rewritten away after sealing. */
const SEALED_TABLES = [
  'petitions',
  'petition_messages',
  'petition_events',
  'petition_files',
  'survey_answers',
  'at_rest_pending',
];

/**
 * First start after the upgrade to sealed petitions and answers (issue 10, item 8): the values
 * migration 0011 set aside in at_rest_pending are encrypted into their columns, used survey links
 * are recorded apart from the answers, and attachments stored in clear are cleaned and sealed.
 * Run after `migrate` and before the server takes requests; idempotent and resumable (each slice
 * is a transaction that also deletes what it sealed), so an interrupted start finishes the work
 * on the next. When it sealed anything, the tables are rewritten (VACUUM FULL), so the clear
 * values do not linger as dead row versions in the data files; the write-ahead log is recycled by
 * the database's own checkpoints.
 */
export async function sealPendingFields(db: Db, ring: KeyRing, clock: Clock) {
  const cipher = new FieldCipher(ring);
  const petitionsSealed = await sealPendingPetitions(db, ring, cipher);
  const answers = await sealPendingAnswers(db, ring, cipher);
  const sealed = { ...petitionsSealed, answers };
  if (!Object.values(sealed).some((n) => n > 0)) return sealed;
  for (const t of SEALED_TABLES) await db.execute(sql.raw(`vacuum full ${t}`));
  await writeAudit(db, clock.now(), {
    actorName: '系统',
    action: 'keys.sealPending',
    objectType: 'keyFile',
    objectId: String(ring.current),
    detail: sealed,
  });
  return sealed;
}
