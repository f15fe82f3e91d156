import { type AnyPgColumn, date, integer, type ReferenceConfig, timestamp, uuid } from 'drizzle-orm/pg-core';

// The columns the tables share, declared once: a table file reads as what is particular to it.
// Not a table file: no table is declared here (scripts/check-boundaries.mjs reads owners from pgTable).

/** Every row's key: a UUIDv7 made by the server (platform/ids.ts), never by the database. */
export const id = () => uuid('id').primaryKey();
/** An instant, always with its time zone. */
export const at = (name: string) => timestamp(name, { withTimezone: true });
/** A calendar day (Asia/Shanghai), kept and handed out as its ISO string. */
export const day = (name: string) => date(name, { mode: 'string' });
export const createdAt = () => at('created_at').notNull();
export const updatedAt = () => at('updated_at').notNull();
/** Optimistic locking: an update names the version it read (DEVELOPERS.md, conditional updates). */
export const version = () => integer('version').notNull().default(1);
/** A row this one cannot exist without. */
export const refersTo = (name: string, target: () => AnyPgColumn, actions?: ReferenceConfig['actions']) =>
  uuid(name).notNull().references(target, actions);
