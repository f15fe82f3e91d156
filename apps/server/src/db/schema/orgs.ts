import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, day, id, refersTo, updatedAt, version } from './columns.ts';

/** 巡察机构: the city office and its county offices (`parentAuthorityId` links county → city). */
export const authorities = pgTable('authorities', {
  id: id(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  level: text('level').$type<'city' | 'county'>().notNull(),
  parentAuthorityId: uuid('parent_authority_id').references((): AnyPgColumn => authorities.id),
  regionCode: text('region_code'),
  createdAt: createdAt(),
  version: version(),
});

/**
 * 被巡察党组织. A tree per authority. `searchKey` is the NFKC-folded, lower-cased name so that
 * full-width and half-width input match. Lifecycle dates let coverage count only what existed.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    authorityId: refersTo('authority_id', () => authorities.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id),
    name: text('name').notNull(),
    searchKey: text('search_key').notNull(),
    kind: text('kind').notNull(),
    sector: text('sector'),
    creditCode: text('credit_code'),
    establishedOn: day('established_on'),
    abolishedOn: day('abolished_on'),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => organizations.id),
    status: text('status').$type<'active' | 'merged' | 'abolished'>().notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('orgs_authority_name_idx').on(t.authorityId, t.status, t.name, t.id),
    index('orgs_name_idx').on(t.name, t.id),
    index('orgs_parent_idx').on(t.parentId),
    index('orgs_kind_idx').on(t.kind, t.name, t.id),
    uniqueIndex('orgs_credit_code_uq').on(t.creditCode).where(sql`credit_code is not null and status = 'active'`),
  ],
);

/** 班子成员 with their time in office, so recusal can look at leaders of the past 3 years. */
export const orgLeaders = pgTable(
  'org_leaders',
  {
    id: id(),
    orgId: refersTo('org_id', () => organizations.id),
    name: text('name').notNull(),
    position: text('position').notNull(),
    since: day('since'),
    until: day('until'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('org_leaders_org_idx').on(t.orgId)],
);

/** Lifecycle history shown on the detail page (the audit log is for the 审计员, not for users). */
export const orgEvents = pgTable(
  'org_events',
  {
    id: id(),
    orgId: refersTo('org_id', () => organizations.id),
    kind: text('kind').notNull(),
    onDate: day('on_date'),
    detail: text('detail').notNull(),
    actorName: text('actor_name'),
    createdAt: createdAt(),
  },
  (t) => [index('org_events_org_idx').on(t.orgId, t.createdAt)],
);
