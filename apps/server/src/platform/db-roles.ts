import { sql } from 'drizzle-orm';
import type { Db } from './db.ts';

/**
 * On PostgreSQL the API connects as a role that may not rewrite the audit log (issue 10: "an audit
 * log the application cannot rewrite"): it reads and writes every business table, but on audit_log
 * it may only INSERT and SELECT (and purge after retention through the owner's audit_purge()). Migrations run as the owner (MIGRATION_DATABASE_URL); default
 * privileges give the role the tables later migrations create. The trigger of migration 0001 still
 * refuses UPDATE/DELETE/TRUNCATE for everyone, the owner included; this takes away the privilege
 * itself, so even a role that could drop the trigger could not then change a row.
 */
export function appRoleStatements(role: string): string[] {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`角色名不合法：${role}（小写字母、数字和下划线）`);
  return [
    `grant usage on schema public to ${role}`,
    `grant select, insert, update, delete on all tables in schema public to ${role}`,
    `grant usage, select on all sequences in schema public to ${role}`,
    `alter default privileges in schema public grant select, insert, update, delete on tables to ${role}`,
    `alter default privileges in schema public grant usage, select on sequences to ${role}`,
    `revoke update, delete, truncate on audit_log from ${role}`,
    // A purge after retention (migration 0022) runs as the owner inside audit_purge(), which alone
    // writes the purge records the chain then starts from: the role calls it and reads the
    // records, but cannot write one of its own (a forged record would excuse a deleted prefix).
    `revoke insert, update, delete, truncate on audit_purges from ${role}`,
    `grant execute on function audit_purge(timestamptz, integer, uuid, text) to ${role}`,
    // Drizzle's own bookkeeping is the owner's: the app role reads it (version check) and no more.
    `grant usage on schema drizzle to ${role}`,
    `grant select on all tables in schema drizzle to ${role}`,
  ];
}

/** Runs the grants as the connection's user (the owner). Idempotent; run again after migrations. */
export async function grantAppRole(db: Db, role: string): Promise<void> {
  for (const s of appRoleStatements(role)) await db.execute(sql.raw(s));
}
