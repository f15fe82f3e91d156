import {
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

/** 届: a committee's five-year term, the unit of 全覆盖. */
export const terms = pgTable(
  'terms',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    name: text('name').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    /** Kinds of organization the term must cover (a city covers its 市直单位 etc., not county committees). */
    targetKinds: jsonb('target_kinds').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('terms_authority_idx').on(t.authorityId, t.startDate)],
);

/** 轮: numbered within a term; approval by the 领导小组 is recorded with its date and note. */
export const rounds = pgTable(
  'rounds',
  {
    id: uuid('id').primaryKey(),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    theme: text('theme').notNull(),
    focus: jsonb('focus').$type<string[]>().notNull(),
    plannedStart: date('planned_start', { mode: 'string' }),
    plannedEnd: date('planned_end', { mode: 'string' }),
    approvedOn: date('approved_on', { mode: 'string' }),
    approvalNote: text('approval_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('rounds_term_number_uq').on(t.termId, t.number)],
);

/**
 * One team's work on one or more targets in a round, with its stage. Each stage's date is a
 * column so deadlines and coverage are computed from data.
 */
export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.id),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    teamId: uuid('team_id').references(() => teams.id),
    mode: text('mode').notNull(),
    stage: text('stage').notNull().default('planned'),
    lookBackOfId: uuid('look_back_of_id'),
    /** For 授权巡察: the county authority the city authorized to carry it out. */
    authorizedAuthorityId: uuid('authorized_authority_id').references(() => authorities.id),
    plannedEntryDate: date('planned_entry_date', { mode: 'string' }),
    plannedExitDate: date('planned_exit_date', { mode: 'string' }),
    noticeDate: date('notice_date', { mode: 'string' }),
    preparedDate: date('prepared_date', { mode: 'string' }),
    entryDate: date('entry_date', { mode: 'string' }),
    exitDate: date('exit_date', { mode: 'string' }),
    reportDate: date('report_date', { mode: 'string' }),
    feedbackDate: date('feedback_date', { mode: 'string' }),
    transferDate: date('transfer_date', { mode: 'string' }),
    rectifyingStartDate: date('rectifying_start_date', { mode: 'string' }),
    concentratedEndDate: date('concentrated_end_date', { mode: 'string' }),
    evaluatedDate: date('evaluated_date', { mode: 'string' }),
    publishedDate: date('published_date', { mode: 'string' }),
    archivedDate: date('archived_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('inspections_term_idx').on(t.termId, t.stage),
    index('inspections_round_idx').on(t.roundId),
    index('inspections_authority_idx').on(t.authorityId),
    index('inspections_authorized_idx').on(t.authorizedAuthorityId),
  ],
);

/** Targets of an inspection; villages carried by 巡乡带村 or 直接巡村 have role 'village'. */
export const inspectionTargets = pgTable(
  'inspection_targets',
  {
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    role: text('role').$type<'primary' | 'village'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.orgId] }), index('inspection_targets_org_idx').on(t.orgId)],
);

/** The inspection's timeline: every stage move with its date, who made it and why. */
export const inspectionEvents = pgTable(
  'inspection_events',
  {
    id: uuid('id').primaryKey(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    note: text('note'),
    actorName: text('actor_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('inspection_events_idx').on(t.inspectionId, t.createdAt)],
);

/**
 * An office's own holiday calendar entries. The official 法定节假日 and 调休 days ship with the
 * code (domain OFFICIAL_CALENDAR); these rows override them for that office.
 */
export const calendarEntries = pgTable(
  'calendar_entries',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind').$type<'holiday' | 'workday'>().notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('calendar_entries_uq').on(t.authorityId, t.date)],
);

/** Per-authority deadline settings (domain.md §4), versioned. */
export const deadlineSettings = pgTable('deadline_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  value: jsonb('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});
