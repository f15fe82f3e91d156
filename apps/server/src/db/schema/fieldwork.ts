import type { TEvidence, TFieldworkSettings } from '@xc/domain';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authorities, organizations } from './orgs.ts';
import { teams } from './personnel.ts';
import { bytea } from './petitions.ts';
import { inspections, rounds, terms } from './planning.ts';

// 巡察实施与报告 (issue 11). Records kept per inspection carry the inspection's authority, term and
// round (and the organization and its sector where lists filter on them), copied when the row is
// written: the findings list across a term answers from one index instead of a join through the
// planning tables. Columns ending in `_enc` hold SM4-GCM ciphertexts (platform/keys.ts FieldCipher,
// AAD = table|id|column|keyVersion); `*_hash` columns hold keyed SM3 hashes that count and match
// people without their names in clear.

/** Fieldwork settings of an authority (ZFieldworkSettings), versioned; `librariesSeededAt` marks the libraries' seed. */
export const fieldworkSettings = pgTable('fieldwork_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  value: jsonb('value').$type<Partial<TFieldworkSettings>>().notNull(),
  librariesSeededAt: timestamp('libraries_seeded_at', { withTimezone: true }),
  version: integer('version').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

/** 定性依据库: the regulations and articles a working paper cites. */
export const regulations = pgTable(
  'regulations',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    article: text('article').notNull(),
    text: text('text').notNull(),
    searchKey: text('search_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('regulations_code_uq').on(t.authorityId, t.code)],
);

/** 问题分类: framework → aspect → type, one tree per authority. `seedKey` is the DEFAULT_TAXONOMY key it came from. */
export const taxonomyNodes = pgTable(
  'taxonomy_nodes',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => taxonomyNodes.id),
    level: text('level').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    sortOrder: integer('sort_order').notNull().default(0),
    seedKey: text('seed_key'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('taxonomy_nodes_authority_idx').on(t.authorityId, t.parentId)],
);

/** 问题语言库 / 建议语言库. */
export const phrases = pgTable(
  'phrases',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    kind: text('kind').notNull(),
    taxonomyNodeId: uuid('taxonomy_node_id').references(() => taxonomyNodes.id),
    text: text('text').notNull(),
    searchKey: text('search_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('phrases_authority_idx').on(t.authorityId, t.kind, t.createdAt, t.id)],
);

/**
 * Evidence files and signed record scans: the bytes sealed by platform/blob-cipher.ts (SM4-GCM in
 * chunks, under the field keys); the name is for display only.
 */
export const fieldworkFiles = pgTable(
  'fieldwork_files',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    kind: text('kind').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    createdById: uuid('created_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('fieldwork_files_inspection_idx').on(t.inspectionId)],
);

/** 个别谈话: at least two inspectors present; what was said is encrypted. */
export const interviews = pgTable(
  'interviews',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    orgId: uuid('org_id').references(() => organizations.id),
    intervieweeName: text('interviewee_name').notNull(),
    intervieweePost: text('interviewee_post').notNull(),
    kind: text('kind').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    place: text('place'),
    inspectorIds: jsonb('inspector_ids').$type<string[]>().notNull(),
    notesEnc: text('notes_enc'),
    signedRecordFileId: uuid('signed_record_file_id').references(() => fieldworkFiles.id),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('interviews_inspection_idx').on(t.inspectionId, t.date, t.id)],
);

/** 调阅资料, 走访, 座谈, 列席会议, 专题汇报, 暗访: the activity log the counters sum. */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    orgId: uuid('org_id').references(() => organizations.id),
    kind: text('kind').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    count: integer('count').notNull().default(1),
    subject: text('subject'),
    note: text('note'),
    attendees: jsonb('attendees').$type<string[]>().notNull(),
    inspectorIds: jsonb('inspector_ids').$type<string[]>().notNull(),
    status: text('status').notNull(),
    approvedByName: text('approved_by_name'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('activities_inspection_idx').on(t.inspectionId, t.date, t.id)],
);

/**
 * The registers paper numbers are drawn from (domain numbering.ts paperSeqScopeKey): incremented in
 * the transaction that creates the paper, so concurrent papers wait for each other and a rolled-back
 * paper gives its number back.
 */
export const paperCounters = pgTable('paper_counters', {
  scopeKey: text('scope_key').primaryKey(),
  last: integer('last').notNull(),
});

/** 问题底稿: one problem per paper, 三审 sign-off; `findingId` once it became a finding. */
export const workingPapers = pgTable(
  'working_papers',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    teamId: uuid('team_id').references(() => teams.id),
    orgId: uuid('org_id').references(() => organizations.id),
    number: text('number').notNull(),
    seq: integer('seq').notNull(),
    scopeKey: text('scope_key').notNull(),
    title: text('title').notNull(),
    facts: text('facts').notNull(),
    evidence: jsonb('evidence').$type<TEvidence[]>().notNull(),
    regulationIds: jsonb('regulation_ids').$type<string[]>().notNull(),
    responsibility: text('responsibility').notNull(),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    foundByIds: jsonb('found_by_ids').$type<string[]>().notNull(),
    /** The author's account (null for an inspector without one) and inspector record on the team. */
    authorId: uuid('author_id'),
    authorInspectorId: uuid('author_inspector_id'),
    authorName: text('author_name'),
    status: text('status').notNull().default('draft'),
    findingId: uuid('finding_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('working_papers_seq_uq').on(t.scopeKey, t.seq),
    index('working_papers_inspection_idx').on(t.inspectionId, t.createdAt, t.id),
    index('working_papers_status_idx').on(t.status, t.inspectionId),
  ],
);

/** A paper as it was before each saved change. */
export const paperVersions = pgTable(
  'paper_versions',
  {
    id: uuid('id').primaryKey(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => workingPapers.id),
    paperVersion: integer('paper_version').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    facts: text('facts').notNull(),
    evidence: jsonb('evidence').$type<TEvidence[]>().notNull(),
    regulationIds: jsonb('regulation_ids').$type<string[]>().notNull(),
    responsibility: text('responsibility').notNull(),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    savedByName: text('saved_by_name'),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('paper_versions_uq').on(t.paperId, t.paperVersion)],
);

/** Each step of 三审: submit, approve, send back (with its reason). */
export const paperReviews = pgTable(
  'paper_reviews',
  {
    id: uuid('id').primaryKey(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => workingPapers.id),
    /** 1, 2, 3 … per paper: the order of the steps, whatever the clock says. */
    seq: integer('seq').notNull().default(0),
    action: text('action').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    byId: uuid('by_id'),
    byName: text('by_name'),
    teamRole: text('team_role'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('paper_reviews_idx').on(t.paperId, t.seq)],
);

/** 问题: from a signed-off paper (once), or entered directly / taken over from a ledger. */
export const findings = pgTable(
  'findings',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    orgId: uuid('org_id').references(() => organizations.id),
    sector: text('sector'),
    title: text('title').notNull(),
    facts: text('facts').notNull(),
    /** Title and facts folded by searchKey, for the keyword filter. */
    searchKey: text('search_key').notNull(),
    source: text('source').notNull(),
    workingPaperId: uuid('working_paper_id').references(() => workingPapers.id),
    taxonomyNodeId: uuid('taxonomy_node_id').references(() => taxonomyNodes.id),
    severity: text('severity'),
    common: boolean('common').notNull().default(false),
    immediate: boolean('immediate').notNull().default(false),
    immediateFixedOn: date('immediate_fixed_on', { mode: 'string' }),
    immediateAction: text('immediate_action'),
    regulationIds: jsonb('regulation_ids').$type<string[]>().notNull(),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('findings_paper_uq').on(t.workingPaperId),
    index('findings_created_idx').on(t.createdAt, t.id),
    index('findings_term_idx').on(t.termId, t.createdAt, t.id),
    index('findings_round_idx').on(t.roundId, t.createdAt, t.id),
    index('findings_inspection_idx').on(t.inspectionId, t.createdAt, t.id),
    index('findings_authority_idx').on(t.authorityId, t.createdAt, t.id),
    index('findings_taxonomy_idx').on(t.taxonomyNodeId, t.createdAt, t.id),
    index('findings_sector_idx').on(t.sector, t.createdAt, t.id),
    // A term's findings of one sector (the 分类 lists and counts): one range instead of a bitmap AND with
    // every finding of the sector.
    index('findings_term_sector_idx').on(t.termId, t.sector, t.createdAt, t.id),
  ],
);

/** 问题线索 (件): the facts encrypted; the people it names are clue_subjects (人). */
export const clues = pgTable(
  'clues',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    /** The inspected organization the clue is about: its people never see the clue. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    discipline: text('discipline').notNull(),
    factsEnc: text('facts_enc').notNull(),
    source: text('source'),
    sourceRefId: uuid('source_ref_id'),
    evidence: jsonb('evidence').$type<TEvidence[]>().notNull(),
    status: text('status').notNull().default('draft'),
    receiver: text('receiver'),
    receiverOrgId: uuid('receiver_org_id').references(() => organizations.id),
    transferBatchId: uuid('transfer_batch_id').references((): AnyPgColumn => clueTransferBatches.id),
    transferredOn: date('transferred_on', { mode: 'string' }),
    disposal: text('disposal'),
    disposedOn: date('disposed_on', { mode: 'string' }),
    disposalNote: text('disposal_note'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    resultOn: date('result_on', { mode: 'string' }),
    writtenOffOn: date('written_off_on', { mode: 'string' }),
    writeOffNote: text('write_off_note'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('clues_term_idx').on(t.termId, t.createdAt, t.id),
    index('clues_inspection_idx').on(t.inspectionId, t.createdAt, t.id),
    index('clues_authority_idx').on(t.authorityId, t.createdAt, t.id),
    index('clues_receiver_idx').on(t.receiverOrgId, t.status, t.createdAt, t.id),
    index('clues_batch_idx').on(t.transferBatchId),
  ],
);

/**
 * The people a clue names. Name and post are ciphertexts; `nameHash` (the name) and `personHash`
 * (name and post: domain personKey) are keyed SM3 hashes, so distinct persons are counted and a
 * caller named in a clue is kept from it without any name in clear.
 */
export const clueSubjects = pgTable(
  'clue_subjects',
  {
    id: uuid('id').primaryKey(),
    clueId: uuid('clue_id')
      .notNull()
      .references(() => clues.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    seq: integer('seq').notNull(),
    nameEnc: text('name_enc').notNull(),
    postEnc: text('post_enc').notNull(),
    level: text('level').notNull(),
    nameHash: text('name_hash').notNull(),
    personHash: text('person_hash').notNull(),
  },
  (t) => [
    uniqueIndex('clue_subjects_seq_uq').on(t.clueId, t.seq),
    index('clue_subjects_term_idx').on(t.termId, t.personHash, t.clueId),
    index('clue_subjects_inspection_idx').on(t.inspectionId, t.personHash),
    index('clue_subjects_name_idx').on(t.nameHash),
  ],
);

/**
 * One transfer under one 问题线索移交函 to one receiver. `idempotencyKey` with `fingerprint`: the same
 * key and body answer the same batch, once.
 */
export const clueTransferBatches = pgTable(
  'clue_transfer_batches',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    receiver: text('receiver').notNull(),
    receiverOrgId: uuid('receiver_org_id')
      .notNull()
      .references(() => organizations.id),
    transferredOn: date('transferred_on', { mode: 'string' }).notNull(),
    letterNumber: text('letter_number'),
    clueCount: integer('clue_count').notNull(),
    personCount: integer('person_count').notNull(),
    idempotencyKey: text('idempotency_key'),
    fingerprint: text('fingerprint'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('clue_transfer_batches_idx').on(t.authorityId, t.createdAt, t.id),
    uniqueIndex('clue_transfer_batches_key_uq')
      .on(t.createdById, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
  ],
);

/** 巡察报告: every save is a new version, numbered 1, 2, 3 … per inspection. */
export const reportVersions = pgTable(
  'report_versions',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    number: integer('number').notNull(),
    overview: text('overview').notNull(),
    suggestions: jsonb('suggestions').$type<string[]>().notNull(),
    topicReports: jsonb('topic_reports').$type<{ title: string; body: string }[]>().notNull(),
    note: text('note'),
    savedById: uuid('saved_by_id'),
    savedByName: text('saved_by_name'),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('report_versions_uq').on(t.inspectionId, t.number)],
);

/** 组办会商, 领导小组会, 书记专题会, 常委会. */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id').references(() => terms.id),
    kind: text('kind').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    attendees: jsonb('attendees').$type<string[]>().notNull(),
    decisions: text('decisions').notNull(),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('meetings_authority_idx').on(t.authorityId, t.date, t.id),
    index('meetings_term_idx').on(t.termId, t.kind, t.date),
  ],
);

/** The inspections a meeting heard: the 书记专题会 hearing opens the way to feedback. */
export const meetingInspections = pgTable(
  'meeting_inspections',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.inspectionId] }),
    index('meeting_inspections_inspection_idx').on(t.inspectionId),
  ],
);

/** 交办事项 of a meeting. */
export const assignedMatters = pgTable(
  'assigned_matters',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    seq: integer('seq').notNull(),
    what: text('what').notNull(),
    assignee: text('assignee').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    closingNote: text('closing_note'),
    closedOn: date('closed_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('assigned_matters_meeting_idx').on(t.meetingId, t.seq),
    index('assigned_matters_authority_idx').on(t.authorityId, t.status, t.dueDate, t.id),
  ],
);
