import { safeFileName, searchKey } from '@xc/domain';
import type { petitions } from '../../db/schema/petitions.ts';
import { BlindIndex } from '../../platform/blind-index.ts';
import { BlobCipher } from '../../platform/blob-cipher.ts';
import type { FieldCipher, KeyRing } from '../../platform/keys.ts';
import type { Upload } from '../../platform/uploads.ts';

/**
 * Everything a person wrote into a petition is sealed at rest (issue 10, item 8): the report's
 * texts, the conversation, the team's notes, the attachments' names and bytes. These builders
 * give the sealed columns of a row (for the services, the first-start sealing and the demo seed
 * alike) and the openers read them back. AAD = table|id|column|keyVersion, so a value copied to
 * another row or column does not open; ops/rotate-keys.ts lists every column here.
 */
type PetitionRow = typeof petitions.$inferSelect;

const seal = (cipher: FieldCipher, table: string, id: string, column: string, v: string | null | undefined) =>
  v ? cipher.encrypt(table, id, column, v) : null;
const open = (cipher: FieldCipher, table: string, id: string, column: string, v: string | null) =>
  v === null ? null : cipher.decrypt(table, id, column, v);

/** What a report says, as a person wrote it: the columns every way into the inbox fills alike. */
export interface ReportFields {
  anonymous: boolean;
  reporterName?: string | null;
  reporterPhone?: string | null;
  subjectName?: string | null;
  subjectPost?: string | null;
  subjectOrg?: string | null;
  content: string;
  happenedWhen?: string | null;
  place?: string | null;
}

/** The folded text the inbox's keyword search looks in. */
export function searchTextOf(r: Pick<ReportFields, 'content' | 'subjectName' | 'subjectPost' | 'subjectOrg'>): string {
  return searchKey([r.content, r.subjectName, r.subjectPost, r.subjectOrg].filter(Boolean).join('\n'));
}

/** What sealing needs: the field cipher, and the key ring the blob cipher and blind index derive from. */
export interface Sealers {
  cipher: FieldCipher;
  keys: KeyRing;
}

/**
 * A report's columns, whether it came through a code, was registered by hand or is demo data:
 * every text sealed under the row's id, the search text too, with its blind index.
 */
export function reportColumns({ cipher, keys }: Sealers, id: string, r: ReportFields) {
  const s = (column: string, v: string | null | undefined) => seal(cipher, 'petitions', id, column, v);
  const search = searchTextOf(r);
  return {
    anonymous: r.anonymous,
    reporterNameEnc: s('reporter_name', r.reporterName),
    reporterPhoneEnc: s('reporter_phone', r.reporterPhone),
    subjectNameEnc: s('subject_name', r.subjectName),
    subjectPostEnc: s('subject_post', r.subjectPost),
    subjectOrgEnc: s('subject_org', r.subjectOrg),
    contentEnc: cipher.encrypt('petitions', id, 'content', r.content),
    searchEnc: cipher.encrypt('petitions', id, 'search', search),
    searchBloom: BlindIndex.of(keys).build(id, search),
    happenedWhenEnc: s('happened_when', r.happenedWhen),
    placeEnc: s('place', r.place),
  };
}

/** The team's triage notes: where it was forwarded and the decision note. */
export function triageColumns(
  cipher: FieldCipher,
  id: string,
  t: { forwardTo?: string | null; decisionNote?: string | null },
) {
  return {
    forwardToEnc: seal(cipher, 'petitions', id, 'forward_to', t.forwardTo),
    decisionNoteEnc: seal(cipher, 'petitions', id, 'decision_note', t.decisionNote),
  };
}

export interface ReportText {
  content: string;
  subjectName: string | null;
  subjectPost: string | null;
  subjectOrg: string | null;
  happenedWhen: string | null;
  place: string | null;
  forwardTo: string | null;
  decisionNote: string | null;
}

const SEALED: Record<keyof ReportText, [string, keyof PetitionRow]> = {
  content: ['content', 'contentEnc'],
  subjectName: ['subject_name', 'subjectNameEnc'],
  subjectPost: ['subject_post', 'subjectPostEnc'],
  subjectOrg: ['subject_org', 'subjectOrgEnc'],
  happenedWhen: ['happened_when', 'happenedWhenEnc'],
  place: ['place', 'placeEnc'],
  forwardTo: ['forward_to', 'forwardToEnc'],
  decisionNote: ['decision_note', 'decisionNoteEnc'],
};
const ALL_TEXTS = Object.keys(SEALED) as (keyof ReportText)[];
/** What a list row shows: decrypting is JavaScript work, so lists open only these. */
export const LIST_TEXTS: readonly (keyof ReportText)[] = ['content', 'subjectName', 'subjectPost'];

/** A petition's texts in clear, for the answer being built: `fields` opened, the others null (content ''). */
export function openReport(
  cipher: FieldCipher,
  r: PetitionRow,
  fields: readonly (keyof ReportText)[] = ALL_TEXTS,
): ReportText {
  const o = (f: keyof ReportText) => {
    const [column, key] = SEALED[f];
    return fields.includes(f) ? open(cipher, 'petitions', r.id, column, r[key] as string | null) : null;
  };
  return {
    content: o('content') ?? '',
    subjectName: o('subjectName'),
    subjectPost: o('subjectPost'),
    subjectOrg: o('subjectOrg'),
    happenedWhen: o('happenedWhen'),
    place: o('place'),
    forwardTo: o('forwardTo'),
    decisionNote: o('decisionNote'),
  };
}

export function openSearchText(cipher: FieldCipher, id: string, sealed: string | null): string {
  return open(cipher, 'petitions', id, 'search', sealed) ?? '';
}

export const messageColumns = (cipher: FieldCipher, id: string, body: string) => ({
  bodyEnc: cipher.encrypt('petition_messages', id, 'body', body),
});
export const openMessage = (cipher: FieldCipher, m: { id: string; bodyEnc: string | null }) =>
  open(cipher, 'petition_messages', m.id, 'body', m.bodyEnc) ?? '';

export const eventColumns = (cipher: FieldCipher, id: string, note: string | null) => ({
  noteEnc: seal(cipher, 'petition_events', id, 'note', note),
});
export const openEvent = (cipher: FieldCipher, e: { id: string; noteEnc: string | null }) =>
  open(cipher, 'petition_events', e.id, 'note', e.noteEnc);

/** An attachment's columns: the cleaned bytes and the name, both sealed under the file's id. */
export async function fileColumns(keys: KeyRing, cipher: FieldCipher, id: string, f: Omit<Upload, 'size'>) {
  return {
    nameEnc: cipher.encrypt('petition_files', id, 'name', f.name),
    mime: f.mime,
    kind: f.kind,
    size: f.data.length,
    data: await new BlobCipher(keys).seal('petition_files', id, 'data', f.data),
  };
}

/** Extensions by stored type, so a file is always served under its kind's extension. */
const EXT_BY_MIME: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

export function openFileName(cipher: FieldCipher, f: { id: string; nameEnc: string | null; mime: string }): string {
  return safeFileName(open(cipher, 'petition_files', f.id, 'name', f.nameEnc) ?? '', EXT_BY_MIME[f.mime] ?? 'bin');
}

export function openFileData(keys: KeyRing, f: { id: string; data: Buffer }): Promise<Buffer> {
  return new BlobCipher(keys).open('petition_files', f.id, 'data', f.data);
}
