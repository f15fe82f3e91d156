import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, day, id, refersTo, updatedAt, version } from './columns.ts';
import { authorities, organizations } from './orgs.ts';
import { inspections, rounds } from './planning.ts';

/** 巡察组: a named unit of a round with its people (team_members) and its 一次一授权. */
export const teams = pgTable(
  'teams',
  {
    id: id(),
    roundId: refersTo('round_id', () => rounds.id),
    authorityId: refersTo('authority_id', () => authorities.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex('teams_round_name_uq').on(t.roundId, t.name)],
);

/** 巡察干部: the office's own staff and the people of its talent and group-leader pools. */
export const inspectors = pgTable(
  'inspectors',
  {
    id: id(),
    authorityId: refersTo('authority_id', () => authorities.id),
    name: text('name').notNull(),
    searchKey: text('search_key').notNull(),
    gender: text('gender').notNull(),
    birthYear: integer('birth_year'),
    homeOrgId: uuid('home_org_id').references(() => organizations.id),
    homeUnitName: text('home_unit_name').notNull(),
    post: text('post').notNull(),
    rank: text('rank').notNull(),
    politicalStatus: text('political_status').notNull(),
    expertise: jsonb('expertise').$type<string[]>().notNull(),
    /** The county authority of the inspector's home area, for 地域回避. */
    homeAuthorityId: uuid('home_authority_id').references(() => authorities.id),
    /** The inspector's own account, when they have one: a team member sees only their own team. */
    userId: uuid('user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index('inspectors_authority_idx').on(t.authorityId, t.name, t.id)],
);

/** Pool membership with dates: in, suspended, out. */
export const inspectorPools = pgTable(
  'inspector_pools',
  {
    inspectorId: refersTo('inspector_id', () => inspectors.id),
    pool: text('pool').notNull(),
    status: text('status').notNull(),
    since: day('since').notNull(),
    until: day('until'),
  },
  (t) => [primaryKey({ columns: [t.inspectorId, t.pool] })],
);

/** Work history: where and when, for the 3-year recusal rules. */
export const inspectorHistory = pgTable(
  'inspector_history',
  {
    id: id(),
    inspectorId: refersTo('inspector_id', () => inspectors.id),
    orgId: uuid('org_id').references(() => organizations.id),
    unitName: text('unit_name').notNull(),
    post: text('post').notNull(),
    fromDate: day('from_date').notNull(),
    toDate: day('to_date'),
  },
  (t) => [index('inspector_history_idx').on(t.inspectorId), index('inspector_history_org_idx').on(t.orgId)],
);

/** Spouse, direct relatives and close relations, and where they work. */
export const inspectorRelatives = pgTable(
  'inspector_relatives',
  {
    id: id(),
    inspectorId: refersTo('inspector_id', () => inspectors.id),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    orgId: uuid('org_id').references(() => organizations.id),
    unitName: text('unit_name').notNull(),
    post: text('post').notNull(),
  },
  (t) => [index('inspector_relatives_idx').on(t.inspectorId), index('inspector_relatives_org_idx').on(t.orgId)],
);

/** Superiors, subordinates and long-time colleagues, for the 组长/副组长 rule on target leaders. */
export const inspectorWorkRelations = pgTable(
  'inspector_work_relations',
  {
    id: id(),
    inspectorId: refersTo('inspector_id', () => inspectors.id),
    personName: text('person_name').notNull(),
    relation: text('relation').notNull(),
    orgId: uuid('org_id').references(() => organizations.id),
    fromDate: day('from_date').notNull(),
    toDate: day('to_date'),
  },
  (t) => [index('inspector_work_relations_idx').on(t.inspectorId)],
);

/** A team's people; an override of a recusal conflict keeps its written reason and who allowed it. */
export const teamMembers = pgTable(
  'team_members',
  {
    id: id(),
    teamId: refersTo('team_id', () => teams.id),
    inspectorId: refersTo('inspector_id', () => inspectors.id),
    role: text('role').notNull(),
    overrideReason: text('override_reason'),
    overrideBy: text('override_by'),
    overrideAt: at('override_at'),
    overrideConflicts: jsonb('override_conflicts'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('team_members_uq').on(t.teamId, t.inspectorId),
    index('team_members_inspector_idx').on(t.inspectorId),
  ],
);

/** 回避申请书 per inspection and the target organization's objections to a member. */
export const recusalDeclarations = pgTable(
  'recusal_declarations',
  {
    id: id(),
    inspectionId: refersTo('inspection_id', () => inspections.id),
    inspectorId: refersTo('inspector_id', () => inspectors.id),
    kind: text('kind').$type<'declaration' | 'objection'>().notNull(),
    hasConflict: boolean('has_conflict').notNull(),
    detail: text('detail').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('recusal_declarations_idx').on(t.inspectionId, t.inspectorId)],
);

/** 一次一授权: the authorization decision of a round, ending with it. */
export const authorizations = pgTable(
  'authorizations',
  {
    id: id(),
    roundId: refersTo('round_id', () => rounds.id),
    docNumber: text('doc_number').notNull(),
    decidedOn: day('decided_on').notNull(),
    taskDivision: text('task_division').notNull(),
    /** 组长/副组长 as authorized on the day of the decision; a later roster change does not rewrite it. */
    leaders: jsonb('leaders')
      .$type<{ teamId: string; teamName: string; leaderName: string; deputyNames: string[] }[]>()
      .notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex('authorizations_round_uq').on(t.roundId)],
);

export const trainings = pgTable('trainings', {
  id: id(),
  authorityId: refersTo('authority_id', () => authorities.id),
  title: text('title').notNull(),
  heldOn: day('held_on').notNull(),
  hours: doublePrecision('hours').notNull(),
  mode: text('mode').notNull(),
  createdAt: createdAt(),
});

export const trainingAttendances = pgTable(
  'training_attendances',
  {
    trainingId: refersTo('training_id', () => trainings.id),
    inspectorId: refersTo('inspector_id', () => inspectors.id),
  },
  (t) => [
    primaryKey({ columns: [t.trainingId, t.inspectorId] }),
    index('training_attendances_inspector_idx').on(t.inspectorId),
  ],
);

/** 以干代训 (secondment to a higher-level inspection) and 跟班学习 (shadowing at the city office). */
export const secondments = pgTable(
  'secondments',
  {
    id: id(),
    inspectorId: refersTo('inspector_id', () => inspectors.id),
    kind: text('kind').$type<'secondment' | 'shadowing'>().notNull(),
    hostName: text('host_name').notNull(),
    fromDate: day('from_date').notNull(),
    toDate: day('to_date'),
  },
  (t) => [index('secondments_inspector_idx').on(t.inspectorId)],
);

/** Per-round appraisal (鉴定) of a seconded member, sent back to the home unit. */
export const appraisals = pgTable(
  'appraisals',
  {
    id: id(),
    inspectorId: refersTo('inspector_id', () => inspectors.id),
    teamId: refersTo('team_id', () => teams.id),
    grade: text('grade').notNull(),
    comment: text('comment').notNull(),
    appraisedOn: day('appraised_on').notNull(),
  },
  (t) => [uniqueIndex('appraisals_uq').on(t.inspectorId, t.teamId)],
);

/** 优秀巡察干部 (every two years, in batches) and 优秀巡察报告 (by category). */
export const awards = pgTable('awards', {
  id: id(),
  authorityId: refersTo('authority_id', () => authorities.id),
  kind: text('kind').$type<'excellentInspector' | 'excellentReport'>().notNull(),
  batch: text('batch').notNull(),
  category: text('category'),
  title: text('title'),
  inspectorIds: jsonb('inspector_ids').$type<string[]>().notNull(),
  awardedOn: day('awarded_on').notNull(),
});

/** Per-authority team and recusal settings (domain ZPersonnelSettings), versioned. */
export const personnelSettings = pgTable('personnel_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  value: jsonb('value').notNull(),
  version: version(),
  updatedAt: at('updated_at'),
});
