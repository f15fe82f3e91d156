import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, day, id, refersTo, updatedAt, version } from './columns.ts';
import { authorities, organizations } from './orgs.ts';
import { teams } from './personnel.ts';

/** 届: a committee's five-year term, the unit of 全覆盖. */
export const terms = pgTable(
  'terms',
  {
    id: id(),
    authorityId: refersTo('authority_id', () => authorities.id),
    name: text('name').notNull(),
    startDate: day('start_date').notNull(),
    endDate: day('end_date').notNull(),
    /** Kinds of organization the term must cover (a city covers its 市直单位 etc., not county committees). */
    targetKinds: jsonb('target_kinds').$type<string[]>().notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index('terms_authority_idx').on(t.authorityId, t.startDate)],
);

/** 轮: numbered within a term; approval by the 领导小组 is recorded with its date and note. */
export const rounds = pgTable(
  'rounds',
  {
    id: id(),
    termId: refersTo('term_id', () => terms.id),
    authorityId: refersTo('authority_id', () => authorities.id),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    theme: text('theme').notNull(),
    focus: jsonb('focus').$type<string[]>().notNull(),
    plannedStart: day('planned_start'),
    plannedEnd: day('planned_end'),
    approvedOn: day('approved_on'),
    approvalNote: text('approval_note'),
    createdAt: createdAt(),
    version: version(),
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
    id: id(),
    roundId: refersTo('round_id', () => rounds.id),
    termId: refersTo('term_id', () => terms.id),
    authorityId: refersTo('authority_id', () => authorities.id),
    teamId: uuid('team_id').references(() => teams.id),
    mode: text('mode').notNull(),
    stage: text('stage').notNull().default('planned'),
    lookBackOfId: uuid('look_back_of_id'),
    /** For 授权巡察: the county authority the city authorized to carry it out. */
    authorizedAuthorityId: uuid('authorized_authority_id').references(() => authorities.id),
    plannedEntryDate: day('planned_entry_date'),
    plannedExitDate: day('planned_exit_date'),
    noticeDate: day('notice_date'),
    preparedDate: day('prepared_date'),
    entryDate: day('entry_date'),
    exitDate: day('exit_date'),
    reportDate: day('report_date'),
    feedbackDate: day('feedback_date'),
    transferDate: day('transfer_date'),
    rectifyingStartDate: day('rectifying_start_date'),
    concentratedEndDate: day('concentrated_end_date'),
    evaluatedDate: day('evaluated_date'),
    publishedDate: day('published_date'),
    archivedDate: day('archived_date'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
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
    inspectionId: refersTo('inspection_id', () => inspections.id),
    orgId: refersTo('org_id', () => organizations.id),
    role: text('role').$type<'primary' | 'village'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.orgId] }), index('inspection_targets_org_idx').on(t.orgId)],
);

/** The inspection's timeline: every stage move with its date, who made it and why. */
export const inspectionEvents = pgTable(
  'inspection_events',
  {
    id: id(),
    inspectionId: refersTo('inspection_id', () => inspections.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    onDate: day('on_date').notNull(),
    note: text('note'),
    actorName: text('actor_name'),
    createdAt: createdAt(),
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
    id: id(),
    authorityId: refersTo('authority_id', () => authorities.id),
    date: day('date').notNull(),
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
  version: version(),
  updatedAt: at('updated_at'),
});
