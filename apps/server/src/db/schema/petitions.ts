import {
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    role: text('role').$type<'primary' | 'village'>().notNull(),
    open: boolean('open').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('public_codes_target_uq').on(t.inspectionId, t.orgId)],
);

/** 巡察公告 of an inspection: period, scope, phone and mailbox, printed on the poster. */
export const announcements = pgTable('announcements', {
  inspectionId: uuid('inspection_id')
    .primaryKey()
    .references(() => inspections.id, { onDelete: 'cascade' }),
  periodFrom: date('period_from', { mode: 'string' }).notNull(),
  periodTo: date('period_to', { mode: 'string' }).notNull(),
  scope: text('scope').notNull(),
  phone: text('phone').notNull(),
  mailbox: text('mailbox').notNull(),
  email: text('email'),
  hours: text('hours'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  version: integer('version').notNull().default(1),
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
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    /** The inspected organization the report was made about (the code's, or chosen when registered). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
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
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    receiptHash: text('receipt_hash'),
    status: text('status').notNull().default('received'),
    discipline: text('discipline'),
    keyPost: boolean('key_post'),
    registeredById: uuid('registered_by_id'),
    registeredByName: text('registered_by_name'),
    version: integer('version').notNull().default(1),
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
    id: uuid('id').primaryKey(),
    petitionId: uuid('petition_id')
      .notNull()
      .references(() => petitions.id),
    /** 1, 2, 3… within the petition, taken under the petition's row lock. */
    seq: integer('seq').notNull(),
    sender: text('sender').$type<'reporter' | 'team'>().notNull(),
    bodyEnc: text('body_enc'),
    onDate: date('on_date', { mode: 'string' }).notNull(),
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
    id: uuid('id').primaryKey(),
    petitionId: uuid('petition_id')
      .notNull()
      .references(() => petitions.id),
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
    id: uuid('id').primaryKey(),
    petitionId: uuid('petition_id')
      .notNull()
      .references(() => petitions.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    noteEnc: text('note_enc'),
    actorName: text('actor_name'),
  },
  (t) => [index('petition_events_idx').on(t.petitionId, t.at)],
);
