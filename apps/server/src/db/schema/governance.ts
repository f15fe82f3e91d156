import type { TDualReportKind } from '@xc/domain';
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
import { teams } from './personnel.ts';
import { bytea } from './petitions.ts';
import { inspections, rounds, terms } from './planning.ts';
import { surveys } from './surveys.ts';

// 以巡促治 (issue 13): common problems, 分类通报, 履责提示, 专项整治, 政策会商, 双报告一报备, the teams'
// conduct evaluation and the archive. Every row carries its authority (and its term where lists
// filter on it). Derived state — a reminder overdue, a campaign's phase, a dual report's colour — is
// computed from dates by the domain rules, never stored.

/** Governance settings of an authority (ZGovernanceSettings), versioned. */
export const governanceSettings = pgTable('governance_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  value: jsonb('value').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

/**
 * Files attached to governance records (a recipient's answer, a dual report's document, an archived
 * document). The bytes are cleaned by their detected kind and sealed (blob-cipher), as everywhere.
 */
export const governanceFiles = pgTable(
  'governance_files',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    /** What the file belongs to: reminderAnswer | dualReport | archive. */
    purpose: text('purpose').notNull(),
    inspectionId: uuid('inspection_id').references(() => inspections.id),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    kind: text('kind').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedById: uuid('uploaded_by_id'),
    uploadedByName: text('uploaded_by_name'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('governance_files_authority_idx').on(t.authorityId, t.purpose),
    index('governance_files_inspection_idx').on(t.inspectionId),
  ],
);

/** 共性问题 confirmed by the office from the candidates (or its own selection of findings). */
export const commonProblems = pgTable(
  'common_problems',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    name: text('name').notNull(),
    description: text('description').notNull(),
    sector: text('sector').notNull(),
    taxonomyTypeId: uuid('taxonomy_type_id'),
    confirmedOn: date('confirmed_on', { mode: 'string' }).notNull(),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('common_problems_term_idx').on(t.termId, t.sector, t.id),
    index('common_problems_authority_idx').on(t.authorityId, t.createdAt),
  ],
);

/**
 * The findings of a common problem. A finding belongs to at most one (the unique index), so a
 * problem's count never repeats another's. Inspection and organization are copied for the counts.
 */
export const commonProblemFindings = pgTable(
  'common_problem_findings',
  {
    commonProblemId: uuid('common_problem_id')
      .notNull()
      .references(() => commonProblems.id, { onDelete: 'cascade' }),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => findings.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [
    primaryKey({ columns: [t.commonProblemId, t.findingId] }),
    uniqueIndex('common_problem_findings_finding_uq').on(t.findingId),
  ],
);

/** 分类通报 of a sector: draft → approved (numbered) → sent. */
export const bulletins = pgTable(
  'bulletins',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    sector: text('sector').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull().default('draft'),
    /** 赣巡办〔2026〕3号; null in draft. year + seq are unique per authority while numbered. */
    number: text('number'),
    year: integer('year'),
    seq: integer('seq'),
    intro: text('intro'),
    requestedActions: text('requested_actions').notNull(),
    nameOrganizations: boolean('name_organizations').notNull().default(false),
    approvedOn: date('approved_on', { mode: 'string' }),
    approvedById: uuid('approved_by_id'),
    approvedByName: text('approved_by_name'),
    sentOn: date('sent_on', { mode: 'string' }),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('bulletins_term_idx').on(t.termId, t.createdAt, t.id),
    index('bulletins_authority_idx').on(t.authorityId, t.createdAt, t.id),
    uniqueIndex('bulletins_number_uq').on(t.authorityId, t.year, t.seq),
  ],
);

export const bulletinProblems = pgTable(
  'bulletin_problems',
  {
    bulletinId: uuid('bulletin_id')
      .notNull()
      .references(() => bulletins.id, { onDelete: 'cascade' }),
    commonProblemId: uuid('common_problem_id')
      .notNull()
      .references(() => commonProblems.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bulletinId, t.commonProblemId] }),
    index('bulletin_problems_problem_idx').on(t.commonProblemId),
  ],
);

/**
 * Whom a bulletin is addressed to. `userId` reads it in the product; an `orgId` (主管部门) is read
 * by every account granted on that organization. `readAt` is the read receipt (first opening).
 */
export const bulletinRecipients = pgTable(
  'bulletin_recipients',
  {
    id: uuid('id').primaryKey(),
    bulletinId: uuid('bulletin_id')
      .notNull()
      .references(() => bulletins.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    orgId: uuid('org_id').references(() => organizations.id),
    userId: uuid('user_id').references(() => users.id),
    readAt: timestamp('read_at', { withTimezone: true }),
    readById: uuid('read_by_id'),
  },
  (t) => [
    index('bulletin_recipients_bulletin_idx').on(t.bulletinId, t.position),
    index('bulletin_recipients_user_idx').on(t.userId),
    index('bulletin_recipients_org_idx').on(t.orgId),
  ],
);

/**
 * 履责提示 to one recipient. `answeredOn`/`judgement` mirror the latest answer (domain
 * TReminderState); `dueOn` moves when an answer is judged insufficient.
 */
export const dutyReminders = pgTable(
  'duty_reminders',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    recipientKind: text('recipient_kind').notNull(),
    recipientName: text('recipient_name').notNull(),
    recipientOrgId: uuid('recipient_org_id').references(() => organizations.id),
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    readAt: timestamp('read_at', { withTimezone: true }),
    sector: text('sector'),
    commonProblemIds: jsonb('common_problem_ids').$type<string[]>().notNull(),
    findingIds: jsonb('finding_ids').$type<string[]>().notNull(),
    content: text('content').notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    answeredOn: date('answered_on', { mode: 'string' }),
    judgement: text('judgement'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('duty_reminders_term_idx').on(t.termId, t.sentOn, t.id),
    index('duty_reminders_authority_idx').on(t.authorityId, t.sentOn, t.id),
    index('duty_reminders_user_idx').on(t.recipientUserId),
    index('duty_reminders_org_idx').on(t.recipientOrgId),
  ],
);

/** Every answer kept, with the office's judgement of it. */
export const dutyReminderAnswers = pgTable(
  'duty_reminder_answers',
  {
    id: uuid('id').primaryKey(),
    reminderId: uuid('reminder_id')
      .notNull()
      .references(() => dutyReminders.id, { onDelete: 'cascade' }),
    whatWasDone: text('what_was_done').notNull(),
    fileIds: jsonb('file_ids').$type<string[]>().notNull(),
    answeredOn: date('answered_on', { mode: 'string' }).notNull(),
    answeredById: uuid('answered_by_id'),
    answeredByName: text('answered_by_name'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
    judgement: text('judgement'),
    judgedOn: date('judged_on', { mode: 'string' }),
    judgedById: uuid('judged_by_id'),
    judgedByName: text('judged_by_name'),
    comment: text('comment'),
  },
  (t) => [index('duty_reminder_answers_reminder_idx').on(t.reminderId, t.answeredAt)],
);

/** 专项整治: started from a bulletin or by hand; the city and the counties join it. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    name: text('name').notNull(),
    description: text('description'),
    fromBulletinId: uuid('from_bulletin_id').references(() => bulletins.id),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }).notNull(),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('campaigns_term_idx').on(t.termId, t.startOn, t.id),
    index('campaigns_authority_idx').on(t.authorityId, t.startOn, t.id),
  ],
);

/** The authorities (city first, then counties) that run the campaign in step (市县同步). */
export const campaignAuthorities = pgTable(
  'campaign_authorities',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.authorityId] }),
    index('campaign_authorities_authority_idx').on(t.authorityId),
  ],
);

/** The organizations in scope, each expected to report. */
export const campaignOrgs = pgTable(
  'campaign_orgs',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.orgId] }), index('campaign_orgs_org_idx').on(t.orgId)],
);

export const campaignProblems = pgTable(
  'campaign_problems',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    commonProblemId: uuid('common_problem_id')
      .notNull()
      .references(() => commonProblems.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.commonProblemId] }),
    index('campaign_problems_problem_idx').on(t.commonProblemId),
  ],
);

/**
 * One participant's report (reports add up). `orgAuthorityId` is the organization's authority,
 * copied: the ledger's "per county" line. Money in 分.
 */
export const campaignReports = pgTable(
  'campaign_reports',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    orgAuthorityId: uuid('org_authority_id')
      .notNull()
      .references(() => authorities.id),
    commonProblemId: uuid('common_problem_id').references(() => commonProblems.id),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    foundItems: integer('found_items').notNull(),
    rectifiedItems: integer('rectified_items').notNull(),
    rulesMade: integer('rules_made').notNull(),
    moneyRecoveredFen: bigint('money_recovered_fen', { mode: 'bigint' }).notNull(),
    note: text('note'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('campaign_reports_campaign_idx').on(t.campaignId, t.reportedOn, t.id),
    index('campaign_reports_org_idx').on(t.orgId),
    index('campaign_reports_problem_idx').on(t.commonProblemId),
  ],
);

/** 政策会商: a session and the departments at it. */
export const policyConsultations = pgTable(
  'policy_consultations',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    departments: jsonb('departments').$type<string[]>().notNull(),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('policy_consultations_term_idx').on(t.termId, t.heldOn, t.id),
    index('policy_consultations_authority_idx').on(t.authorityId, t.heldOn, t.id),
  ],
);

/** A problem brought to a session, its conclusion and the follow-up. */
export const policyProblems = pgTable(
  'policy_problems',
  {
    id: uuid('id').primaryKey(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => policyConsultations.id, { onDelete: 'cascade' }),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    position: integer('position').notNull(),
    findingId: uuid('finding_id').references(() => findings.id),
    commonProblemId: uuid('common_problem_id').references(() => commonProblems.id),
    summary: text('summary').notNull(),
    conclusion: text('conclusion').notNull(),
    leadDept: text('lead_dept').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    progressNote: text('progress_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('policy_problems_consultation_idx').on(t.consultationId, t.position),
    index('policy_problems_status_idx').on(t.authorityId, t.status, t.dueOn),
  ],
);

export interface DualReportRecord {
  on: string | null;
  docTitle: string | null;
  fileId: string | null;
  checkedOn: string | null;
  checkedById: string | null;
  checkedByName: string | null;
}

/**
 * 双报告一报备 of an authorized inspection: the three records kept together, versioned as one, since
 * the checklist is edited and checked as one page.
 */
export const dualReports = pgTable(
  'dual_reports',
  {
    inspectionId: uuid('inspection_id')
      .primaryKey()
      .references(() => inspections.id),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    records: jsonb('records').$type<Partial<Record<TDualReportKind, DualReportRecord>>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('dual_reports_authority_idx').on(t.authorityId)],
);

/**
 * 作风纪律评估 of a team by an inspected organization: one questionnaire per stage (at feedback, the
 * follow-up), answered through the surveys module's single-use links. The tallies come from the
 * survey's answers; `satisfied`/`valid` are filled when the questionnaire closes (or recorded from
 * paper), so the results page and the appraisal history read one row, not every answer.
 */
export const conductEvaluations = pgTable(
  'conduct_evaluations',
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
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    stage: text('stage').notNull(),
    surveyId: uuid('survey_id').references(() => surveys.id),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    links: integer('links').notNull().default(0),
    satisfied: integer('satisfied'),
    valid: integer('valid'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('conduct_evaluations_uq').on(t.inspectionId, t.orgId, t.stage),
    index('conduct_evaluations_round_idx').on(t.roundId, t.teamId),
    index('conduct_evaluations_term_idx').on(t.termId),
  ],
);

/**
 * One archived file (文书档案 or 业务档案) of an archived inspection. Catalogue numbers
 * (全宗号-年度-类别-件号) run without gaps per authority, fonds, year and class: the unique index
 * refuses a second item with the same number.
 */
export const archiveItems = pgTable(
  'archive_items',
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
    kind: text('kind').notNull(),
    archiveClass: text('archive_class').notNull(),
    title: text('title').notNull(),
    /** The filed copy of the document (a generated .docx or the uploaded file), sealed. */
    fileId: uuid('file_id').references(() => governanceFiles.id),
    /** Where the record came from in its module (e.g. fieldwork paper id), for tracing. */
    sourceRef: text('source_ref'),
    docDate: date('doc_date', { mode: 'string' }).notNull(),
    retention: text('retention').notNull(),
    fonds: text('fonds').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    catalogueNumber: text('catalogue_number').notNull(),
    pages: integer('pages'),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    filedById: uuid('filed_by_id'),
    filedByName: text('filed_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('archive_items_number_uq').on(t.authorityId, t.fonds, t.year, t.archiveClass, t.seq),
    index('archive_items_inspection_idx').on(t.inspectionId, t.archiveClass, t.seq),
    index('archive_items_term_idx').on(t.termId, t.year, t.archiveClass, t.seq),
  ],
);

/** A request to borrow archived files: requested → approved / rejected → returned. */
export const archiveBorrows = pgTable(
  'archive_borrows',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    itemIds: jsonb('item_ids').$type<string[]>().notNull(),
    reason: text('reason').notNull(),
    until: date('until', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('requested'),
    requestedById: uuid('requested_by_id'),
    requestedByName: text('requested_by_name'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedById: uuid('decided_by_id'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('archive_borrows_authority_idx').on(t.authorityId, t.status, t.requestedAt),
    index('archive_borrows_requester_idx').on(t.requestedById),
  ],
);
