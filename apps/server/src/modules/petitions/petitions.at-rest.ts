import { eq, sql } from 'drizzle-orm';
import { petitionEvents, petitionFiles, petitionMessages, petitions } from '../../db/schema/petitions.ts';
import { type PendingValues, sealPendingTable } from '../../platform/at-rest.ts';
import { BlobCipher } from '../../platform/blob-cipher.ts';
import type { Db } from '../../platform/db.ts';
import { cleanFile } from '../../platform/files.ts';
import type { FieldCipher, KeyRing } from '../../platform/keys.ts';
import { eventColumns, messageColumns, reportColumns, type Sealers, triageColumns } from './petitions.sealed.ts';

/**
 * First start after issue 10: petitions, messages, event notes and file names written in clear
 * before are sealed from `at_rest_pending` (platform/at-rest.ts), and attachments stored in clear
 * are cleaned as uploads now are (EXIF and GPS gone from citizens' photos) and sealed. Idempotent
 * and resumable: each slice is one transaction, and a file is rewritten only while it is still
 * unsealed.
 */
export async function sealPendingPetitions(db: Db, keys: KeyRing, cipher: FieldCipher) {
  const reports = await sealPendingTable(db, 'petitions', sealReports({ cipher, keys }));
  const messages = await sealPendingTable(db, 'petition_messages', async (tx, values) => {
    for (const [id, cols] of values)
      await tx
        .update(petitionMessages)
        .set(messageColumns(cipher, id, cols.get('body') ?? ''))
        .where(eq(petitionMessages.id, id));
  });
  const events = await sealPendingTable(db, 'petition_events', async (tx, values) => {
    for (const [id, cols] of values)
      await tx
        .update(petitionEvents)
        .set(eventColumns(cipher, id, cols.get('note') ?? null))
        .where(eq(petitionEvents.id, id));
  });
  const names = await sealPendingTable(db, 'petition_files', async (tx, values) => {
    for (const [id, cols] of values)
      await tx
        .update(petitionFiles)
        .set({ nameEnc: cipher.encrypt('petition_files', id, 'name', cols.get('name') ?? '') })
        .where(eq(petitionFiles.id, id));
  });
  return { reports, messages, events, names, files: await sealLegacyFiles(db, keys) };
}

/** One slice of pending petitions: every text sealed, the search text rebuilt from them. */
export function sealReports(sealers: Sealers) {
  const { cipher } = sealers;
  return async (tx: Db, values: PendingValues) => {
    for (const [id, cols] of values) {
      const v = (c: string) => cols.get(c) ?? null;
      const {
        anonymous: _a,
        reporterNameEnc: _n,
        reporterPhoneEnc: _p,
        ...texts
      } = reportColumns(sealers, id, {
        anonymous: true,
        content: v('content') ?? '',
        subjectName: v('subject_name'),
        subjectPost: v('subject_post'),
        subjectOrg: v('subject_org'),
        happenedWhen: v('happened_when'),
        place: v('place'),
      });
      const triage = triageColumns(cipher, id, { forwardTo: v('forward_to'), decisionNote: v('decision_note') });
      await tx
        .update(petitions)
        .set({ ...texts, ...triage })
        .where(eq(petitions.id, id));
    }
  };
}

/** Files not yet sealed: their first bytes are not BlobCipher's `XCB1`. */
const UNSEALED = sql`encode(substring(${petitionFiles.data} from 1 for 4), 'hex') <> '58434231'`;

async function sealLegacyFiles(db: Db, keys: KeyRing): Promise<number> {
  const blobs = new BlobCipher(keys);
  let done = 0;
  for (;;) {
    const rows = await db
      .select({ id: petitionFiles.id, mime: petitionFiles.mime, kind: petitionFiles.kind, data: petitionFiles.data })
      .from(petitionFiles)
      .where(UNSEALED)
      .limit(10);
    if (!rows.length) return done;
    for (const f of rows) {
      // A stored file the cleaner now refuses is kept as it was: it is evidence, and it is only
      // ever served as an attachment of its recorded type.
      let clean = { mime: f.mime, kind: f.kind, data: f.data };
      try {
        clean = cleanFile(f.data);
      } catch {}
      await db
        .update(petitionFiles)
        .set({
          mime: clean.mime,
          kind: clean.kind,
          size: clean.data.length,
          data: await blobs.seal('petition_files', f.id, 'data', clean.data),
        })
        .where(sql`${petitionFiles.id} = ${f.id} and ${UNSEALED}`);
      done++;
    }
  }
}
