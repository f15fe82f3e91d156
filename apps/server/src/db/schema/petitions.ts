import { boolean, customType, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, day, id, refersTo, updatedAt, version } from './columns.ts';
import { authorities, organizations } from './orgs.ts';
import { inspections } from './planning.ts';

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** 码上巡: one code per inspected organization per inspection; a closed code refuses new reports. */
export const publicCodes = pgTable(
  'public_codes',
  {
    code: text('code').primaryKey(),
    // A planned inspection deleted before anything came in takes its codes with it.
    inspectionId: refersTo('inspection_id', () => inspections.id, { onDelete: 'cascade' }),
    orgId: refersTo('org_id', () => organizations.id),
    authorityId: refersTo('authority_id', () => authorities.id),
    role: text('role').$type<'primary' | 'village'>().notNull(),
    open: boolean('open').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('public_codes_target_uq').on(t.inspectionId, t.orgId)],
);

/** 巡察公告 of an inspection: period, scope, phone and mailbox, printed on the poster. */
export const announcements = pgTable('announcements', {
  inspectionId: uuid('inspection_id')
    .primaryKey()
    .references(() => inspections.id, { onDelete: 'cascade' }),
  periodFrom: day('period_from').notNull(),
  periodTo: day('period_to').notNull(),
  scope: text('scope').notNull(),
  phone: text('phone').notNull(),
  mailbox: text('mailbox').notNull(),
  email: text('email'),
  hours: text('hours'),
  updatedAt: updatedAt(),
  version: version(),
});

/**
 * 信访举报. A public report keeps no IP, no User-Agent and only the day it arrived (`receivedOn`);
 * its id is a random UUID (v4), not a v7 whose first bits are the time; the receipt is kept only
 * as its slow hash. Everything a person wrote is an SM4-GCM ciphertext (`*_enc`, FieldCipher with
 * AAD petitions|id|column|keyVersion): the reporter's name and phone, the content, who is
 * reported, when and where, and the team's forwarding and decision notes. The `*_enc` columns
 * are nullable only because rows from before issue 10 are sealed at first start; the application
 * always writes them.
 */
export const petitions = pgTable(
  'petitions',
  {
    id: id(),
    authorityId: refersTo('authority_id', () => authorities.id),
    inspectionId: refersTo('inspection_id', () => inspections.id),
    /** The inspected organization the report was made about (the code's, or chosen when registered). */
    orgId: refersTo('org_id', () => organizations.id),
    channel: text('channel').notNull(),
    anonymous: boolean('anonymous').notNull(),
    reporterNameEnc: text('reporter_name_enc'),
    reporterPhoneEnc: text('reporter_phone_enc'),
    /** 被反映人, 职务, 单位. */
    subjectNameEnc: text('subject_name_enc'),
    subjectPostEnc: text('subject_post_enc'),
    subjectOrgEnc: text('subject_org_enc'),
    contentEnc: text('content_enc'),
    /**
     * What the inbox's keyword search matches (content, subject name, post and organization,
     * folded by the domain's searchKey), sealed: a search decrypts it within what the caller may
     * see, for the rows the blind index below lets through (petitions.service.ts), so no searchable
     * form of the text is in clear anywhere.
     */
    searchEnc: text('search_enc'),
    /** A keyed Bloom filter of the search text's characters and bigrams (platform/blind-index.ts). */
    searchBloom: bytea('search_bloom'),
    happenedWhenEnc: text('happened_when_enc'),
    placeEnc: text('place_enc'),
    forwardToEnc: text('forward_to_enc'),
    decisionNoteEnc: text('decision_note_enc'),
    receivedOn: day('received_on').notNull(),
    receiptHash: text('receipt_hash'),
    status: text('status').notNull().default('received'),
    discipline: text('discipline'),
    keyPost: boolean('key_post'),
    registeredById: uuid('registered_by_id'),
    registeredByName: text('registered_by_name'),
    version: version(),
  },
  (t) => [
    uniqueIndex('petitions_receipt_uq').on(t.receiptHash),
    index('petitions_inspection_idx').on(t.inspectionId, t.receivedOn, t.id),
    index('petitions_authority_idx').on(t.authorityId, t.receivedOn, t.id),
  ],
);

/**
 * The conversation with the reporter: additions from the reporter (dated by day only) and the
 * team's replies. `seq` orders them without storing when a reporter wrote.
 */
export const petitionMessages = pgTable(
  'petition_messages',
  {
    id: id(),
    petitionId: refersTo('petition_id', () => petitions.id),
    /** 1, 2, 3… within the petition, taken under the petition's row lock. */
    seq: integer('seq').notNull(),
    sender: text('sender').$type<'reporter' | 'team'>().notNull(),
    bodyEnc: text('body_enc'),
    onDate: day('on_date').notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
  },
  (t) => [uniqueIndex('petition_messages_seq_uq').on(t.petitionId, t.seq)],
);

/**
 * Attachments, stored under random ids in the database (never under the uploaded name). `data` is
 * the cleaned file (platform/files.ts) sealed by BlobCipher; the name is sealed like the texts.
 */
export const petitionFiles = pgTable(
  'petition_files',
  {
    id: id(),
    petitionId: refersTo('petition_id', () => petitions.id),
    messageId: uuid('message_id').references(() => petitionMessages.id),
    nameEnc: text('name_enc'),
    mime: text('mime').notNull(),
    kind: text('kind').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [index('petition_files_idx').on(t.petitionId)],
);

/** What the team did with a petition: triage, forwarding, replies, identity openings. */
export const petitionEvents = pgTable(
  'petition_events',
  {
    id: id(),
    petitionId: refersTo('petition_id', () => petitions.id),
    at: at('at').notNull(),
    action: text('action').notNull(),
    noteEnc: text('note_enc'),
    actorName: text('actor_name'),
  },
  (t) => [index('petition_events_idx').on(t.petitionId, t.at)],
);
