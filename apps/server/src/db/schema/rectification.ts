import type { TFeedbackCopyRecipient } from '@xc/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { users } from './auth.ts';
import { findings } from './fieldwork.ts';
import { authorities, organizations } from './orgs.ts';
import { bytea } from './petitions.ts';
import { inspections, rounds, terms } from './planning.ts';

// 反馈、整改、评估与双公开 (issue 12). Records kept per inspection carry its authority, term and round
// and the inspected organization, copied when the row is written: the ledger across a term and the
// summaries answer from one index each instead of joining through the planning tables. Warnings are
// never stored: `lane` is derived by PostgreSQL from the row's own columns, and the date that turns a
// lane's task yellow or red is today's, put into the query (domain warnings.ts warningBounds).

/** Rectification settings of an authority (ZRectificationSettings), versioned. */
export const rectificationSettings = pgTable('rectification_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  value: jsonb('value').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

/** The party of the joint review group a reviewer account sits for, per authority. */
export const reviewPartyMembers = pgTable(
  'review_party_members',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    partyKey: text('party_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.authorityId, t.userId] }), index('review_party_members_user_idx').on(t.userId)],
);

export interface FeedbackCopy {
  recipient: TFeedbackCopyRecipient;
  name: string;
  sentOn: string | null;
  readOn: string | null;
}

/** 反馈会: one per inspected organization of an inspection. */
export const feedbacks = pgTable(
  'feedbacks',
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
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    meetingDate: date('meeting_date', { mode: 'string' }).notNull(),
    attendees: jsonb('attendees').$type<string[]>().notNull(),
    speakers: jsonb('speakers').$type<string[]>().notNull(),
    oneToOneOn: date('one_to_one_on', { mode: 'string' }).notNull(),
    mainLeaderName: text('main_leader_name').notNull(),
    notes: text('notes'),
    copies: jsonb('copies').$type<FeedbackCopy[]>().notNull(),
    assignedMatterIds: jsonb('assigned_matter_ids').$type<string[]>().notNull(),
    recordedById: uuid('recorded_by_id'),
    recordedByName: text('recorded_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('feedbacks_inspection_org_uq').on(t.inspectionId, t.orgId),
    index('feedbacks_org_idx').on(t.orgId),
  ],
);

/** 整改方案 of one organization: draft → inReview → returned | accepted (domain review.ts submissionMove). */
export const rectificationPlans = pgTable(
  'rectification_plans',
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
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').notNull().default('draft'),
    reviewRound: integer('review_round').notNull().default(0),
    submittedOn: date('submitted_on', { mode: 'string' }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    returnedComments: text('returned_comments'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('rectification_plans_inspection_org_uq').on(t.inspectionId, t.orgId)],
);

/**
 * 整改任务 (the ledger). `lane` sorts a task by what its warning depends on: closed (written off, no
 * warning), card (a red card in force: red), met (done, or a 长期坚持 task's 阶段性成果: green), open
 * (the deadline decides). The ledger's warning filter reads lanes and deadline ranges from one index.
 */
export const rectificationTasks = pgTable(
  'rectification_tasks',
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
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => findings.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => rectificationPlans.id),
    kind: text('kind').notNull(),
    measures: text('measures').notNull(),
    goal: text('goal'),
    responsibleLeader: text('responsible_leader').notNull(),
    responsibleDept: text('responsible_dept').notNull(),
    responsiblePerson: text('responsible_person'),
    assignedOn: date('assigned_on', { mode: 'string' }).notNull(),
    originalDeadline: date('original_deadline', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('undone'),
    writtenOff: boolean('written_off').notNull().default(false),
    writtenOffOn: date('written_off_on', { mode: 'string' }),
    writeOffNote: text('write_off_note'),
    redCard: boolean('red_card').notNull().default(false),
    redCardReason: text('red_card_reason'),
    redCardOn: date('red_card_on', { mode: 'string' }),
    redCardCount: integer('red_card_count').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    pendingExtension: boolean('pending_extension').notNull().default(false),
    evidenceCount: integer('evidence_count').notNull().default(0),
    /** The latest progress note (the ledger's 备注 column). */
    lastNote: text('last_note'),
    enteredByOffice: boolean('entered_by_office').notNull().default(false),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
    lane: text('lane')
      .notNull()
      .generatedAlwaysAs(
        sql`case when written_off then 'closed' when red_card then 'card' when status = 'done' or (kind = 'longTerm' and status = 'ongoing') then 'met' else 'open' end`,
      ),
  },
  (t) => [
    index('rectification_tasks_term_lane_idx').on(t.termId, t.lane, t.deadline, t.id),
    index('rectification_tasks_lane_idx').on(t.lane, t.deadline, t.id),
    index('rectification_tasks_authority_lane_idx').on(t.authorityId, t.lane, t.deadline, t.id),
    index('rectification_tasks_deadline_idx').on(t.deadline, t.id),
    index('rectification_tasks_inspection_idx').on(t.inspectionId),
    index('rectification_tasks_round_idx').on(t.roundId),
    index('rectification_tasks_org_idx').on(t.orgId),
    index('rectification_tasks_finding_idx').on(t.findingId),
  ],
);

/** What happened to a task, for its timeline. */
export const taskEvents = pgTable(
  'rectification_task_events',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => rectificationTasks.id),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    onBehalf: boolean('on_behalf').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rectification_task_events_task_idx').on(t.taskId, t.createdAt, t.id)],
);

/**
 * 佐证材料 of a task (versioned: a new file may supersede an earlier one, which stays) and the
 * attachments of reports. The bytes are cleaned by their detected kind and sealed (blob-cipher).
 */
export const rectificationFiles = pgTable(
  'rectification_files',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    taskId: uuid('task_id').references(() => rectificationTasks.id),
    fileVersion: integer('file_version').notNull().default(1),
    supersedesId: uuid('supersedes_id'),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    kind: text('kind').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    description: text('description'),
    uploadedById: uuid('uploaded_by_id'),
    uploadedByName: text('uploaded_by_name'),
    onBehalf: boolean('on_behalf').notNull().default(false),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('rectification_files_task_idx').on(t.taskId, t.uploadedAt),
    index('rectification_files_inspection_idx').on(t.inspectionId),
  ],
);

/** 延期整改: requested by the organization, decided by an office leader. */
export const rectificationExtensions = pgTable(
  'rectification_extensions',
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
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    taskId: uuid('task_id')
      .notNull()
      .references(() => rectificationTasks.id),
    reason: text('reason').notNull(),
    oldDeadline: date('old_deadline', { mode: 'string' }).notNull(),
    newDeadline: date('new_deadline', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('pending'),
    requestedById: uuid('requested_by_id'),
    requestedByName: text('requested_by_name'),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    enteredByOffice: boolean('entered_by_office').notNull().default(false),
    decidedById: uuid('decided_by_id'),
    decidedByName: text('decided_by_name'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decisionNote: text('decision_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('rectification_extensions_task_idx').on(t.taskId),
    index('rectification_extensions_status_idx').on(t.status, t.createdAt, t.id),
    index('rectification_extensions_term_idx').on(t.termId, t.status),
    index('rectification_extensions_inspection_idx').on(t.inspectionId, t.status),
  ],
);

/**
 * Per finding with tasks: how many tasks, written off, and open with 阶段性成果. Maintained in the
 * transaction of every task change by one function (rectification.rollup.ts refreshFindingRollup),
 * so a term's summary counts findings by `state` from one index instead of grouping its tasks.
 */
export const findingRectification = pgTable(
  'finding_rectification',
  {
    findingId: uuid('finding_id')
      .primaryKey()
      .references(() => findings.id),
    authorityId: uuid('authority_id').notNull(),
    termId: uuid('term_id').notNull(),
    roundId: uuid('round_id').notNull(),
    inspectionId: uuid('inspection_id').notNull(),
    orgId: uuid('org_id').notNull(),
    taskCount: integer('task_count').notNull(),
    writtenOffCount: integer('written_off_count').notNull(),
    ongoingOpenCount: integer('ongoing_open_count').notNull(),
    state: text('state')
      .notNull()
      .generatedAlwaysAs(
        sql`case when task_count > 0 and written_off_count = task_count then 'rectified' when ongoing_open_count > 0 then 'ongoing' else 'undone' end`,
      ),
  },
  (t) => [
    index('finding_rectification_term_idx').on(t.termId, t.state),
    index('finding_rectification_round_idx').on(t.roundId, t.state),
    index('finding_rectification_inspection_idx').on(t.inspectionId, t.orgId, t.state),
  ],
);

/** One round of 联合会审 of a plan or a report; a send-back closes it and the resubmission opens the next. */
export const jointReviews = pgTable(
  'joint_reviews',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    subject: text('subject').notNull(),
    subjectId: uuid('subject_id').notNull(),
    round: integer('round').notNull(),
    parties: jsonb('parties').$type<{ key: string; name: string }[]>().notNull(),
    outcome: text('outcome').notNull().default('pending'),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('joint_reviews_subject_round_uq').on(t.subject, t.subjectId, t.round),
    index('joint_reviews_authority_idx').on(t.authorityId, t.outcome, t.createdAt, t.id),
    index('joint_reviews_inspection_idx').on(t.inspectionId),
  ],
);

/** A party's rating in a round; a later rating of the same party replaces the earlier one. */
export const reviewRatings = pgTable(
  'review_ratings',
  {
    id: uuid('id').primaryKey(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => jointReviews.id),
    party: text('party').notNull(),
    rating: text('rating').notNull(),
    comments: text('comments').notNull(),
    ratedById: uuid('rated_by_id'),
    ratedByName: text('rated_by_name'),
    /** Entered by office staff from a face-to-face 会审 for a party that is not theirs. */
    onBehalf: boolean('on_behalf').notNull().default(false),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('review_ratings_review_idx').on(t.reviewId, t.party, t.ratedAt)],
);

/** 整改报告, 主要负责人组织落实情况报告 and 持续整改进展报告 (`seq` 1, 2 …; 0 for the other two). */
export const rectificationReports = pgTable(
  'rectification_reports',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').notNull(),
    seq: integer('seq').notNull().default(0),
    title: text('title').notNull(),
    content: text('content').notNull(),
    fileIds: jsonb('file_ids').$type<string[]>().notNull(),
    status: text('status').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    submittedOn: date('submitted_on', { mode: 'string' }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    enteredByOffice: boolean('entered_by_office').notNull().default(false),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('rectification_reports_uq').on(t.inspectionId, t.orgId, t.kind, t.seq)],
);

/** 专题民主生活会 on the findings. */
export const democraticLifeMeetings = pgTable(
  'democratic_life_meetings',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    attendees: jsonb('attendees').$type<string[]>().notNull(),
    criticismItems: integer('criticism_items').notNull(),
    supervisors: jsonb('supervisors').$type<string[]>().notNull(),
    notes: text('notes'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('democratic_life_meetings_inspection_idx').on(t.inspectionId, t.heldOn),
    index('democratic_life_meetings_term_idx').on(t.termId),
  ],
);

/** 整改成效 added to an inspection: money (integer 分), persons held accountable, rules made. */
export const rectificationOutcomes = pgTable(
  'rectification_outcomes',
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
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    findingId: uuid('finding_id').references(() => findings.id),
    taskId: uuid('task_id').references(() => rectificationTasks.id),
    moneyFen: bigint('money_fen', { mode: 'bigint' }).notNull(),
    moneyKind: text('money_kind'),
    accountable: integer('accountable').notNull(),
    accountableByForm: jsonb('accountable_by_form').$type<Record<string, number>>(),
    rulesMade: integer('rules_made').notNull(),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    note: text('note'),
    recordedById: uuid('recorded_by_id'),
    recordedByName: text('recorded_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('rectification_outcomes_term_idx').on(t.termId),
    index('rectification_outcomes_round_idx').on(t.roundId),
    index('rectification_outcomes_inspection_idx').on(t.inspectionId, t.orgId),
  ],
);

/** 建章立制 register: rules made, revised or abolished because of findings. */
export const ruleMakings = pgTable(
  'rule_makings',
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
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    issuingBody: text('issuing_body').notNull(),
    documentNumber: text('document_number'),
    findingIds: jsonb('finding_ids').$type<string[]>().notNull(),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('rule_makings_term_idx').on(t.termId, t.issuedOn, t.id),
    index('rule_makings_round_idx').on(t.roundId),
    index('rule_makings_inspection_idx').on(t.inspectionId, t.orgId),
    index('rule_makings_authority_idx').on(t.authorityId, t.issuedOn, t.id),
  ],
);

/**
 * 整改评估 of one organization. The satisfaction counts are those read from its survey when the
 * evaluation was concluded (or recorded from a paper survey); the score is kept in hundredths.
 */
export const rectificationEvaluations = pgTable(
  'rectification_evaluations',
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
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    surveyId: uuid('survey_id'),
    satisfied: integer('satisfied'),
    valid: integer('valid'),
    scoreHundredths: integer('score_hundredths'),
    grade: text('grade'),
    veto: text('veto'),
    evaluatedOn: date('evaluated_on', { mode: 'string' }),
    concludedByName: text('concluded_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('rectification_evaluations_uq').on(t.inspectionId, t.orgId),
    index('rectification_evaluations_term_idx').on(t.termId, t.grade),
    index('rectification_evaluations_round_idx').on(t.roundId),
  ],
);

/** One rater's deductions (office, team, society), by scorecard item key. */
export const evaluationRatings = pgTable(
  'evaluation_ratings',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => rectificationEvaluations.id),
    rater: text('rater').notNull(),
    deductions: jsonb('deductions').$type<Record<string, number>>().notNull(),
    comments: text('comments'),
    ratedById: uuid('rated_by_id'),
    ratedByName: text('rated_by_name'),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.rater] })],
);

/** 双公开 批次 (第N批) of an authority. */
export const publicationBatches = pgTable(
  'publication_batches',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    number: integer('number').notNull(),
    title: text('title'),
    status: text('status').notNull().default('draft'),
    internalApprovedOn: date('internal_approved_on', { mode: 'string' }),
    internalApprovedBy: text('internal_approved_by'),
    publicApprovedOn: date('public_approved_on', { mode: 'string' }),
    publicApprovedBy: text('public_approved_by'),
    publishedOn: date('published_on', { mode: 'string' }),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('publication_batches_number_uq').on(t.authorityId, t.number)],
);

/** An organization of a batch: published with it, or deferred (延后公示) with the reason. */
export const publicationEntries = pgTable(
  'publication_entries',
  {
    id: uuid('id').primaryKey(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => publicationBatches.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    seq: integer('seq').notNull(),
    grade: text('grade'),
    deferred: boolean('deferred').notNull().default(false),
    deferReason: text('defer_reason'),
    deferredFromBatch: integer('deferred_from_batch'),
    findings: integer('findings').notNull().default(0),
    rectified: integer('rectified').notNull().default(0),
  },
  (t) => [
    uniqueIndex('publication_entries_uq').on(t.batchId, t.inspectionId, t.orgId),
    index('publication_entries_inspection_idx').on(t.inspectionId, t.orgId),
  ],
);

/** An item of an entry: a finding and its rectification, in both versions unless withheld from the public one. */
export const publicationItems = pgTable(
  'publication_items',
  {
    id: uuid('id').primaryKey(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => publicationEntries.id),
    findingId: uuid('finding_id').references(() => findings.id),
    seq: integer('seq').notNull(),
    text: text('text').notNull(),
    withheld: boolean('withheld').notNull().default(false),
    withholdReason: text('withhold_reason'),
    withholdNote: text('withhold_note'),
  },
  (t) => [index('publication_items_entry_idx').on(t.entryId, t.seq)],
);

/** 回头看: the team's recheck of one finding of the earlier inspection. */
export const rechecks = pgTable(
  'rechecks',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    originalFindingId: uuid('original_finding_id')
      .notNull()
      .references(() => findings.id),
    result: text('result').notNull(),
    facts: text('facts').notNull(),
    checkedOn: date('checked_on', { mode: 'string' }).notNull(),
    newFindingId: uuid('new_finding_id').references(() => findings.id),
    checkedById: uuid('checked_by_id'),
    checkedByName: text('checked_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('rechecks_uq').on(t.inspectionId, t.originalFindingId)],
);
