import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, version } from './columns.ts';

// Owned by the platform (platform/settings.ts, platform/audit.ts): the installation's settings and
// the audit log. Modules reach them through those files' functions.

/** One row of settings (JSON validated by ZSettings), versioned for optimistic locking. */
export const settings = pgTable('settings', {
  id: integer('id').primaryKey(),
  value: jsonb('value').notNull(),
  version: version(),
  updatedAt: at('updated_at'),
  updatedBy: uuid('updated_by'),
});

/**
 * Append-only, hash-chained audit log (security.md, Audit). A trigger in the migration rejects
 * UPDATE, DELETE and TRUNCATE; `hash = SM3(prevHash || canonical JSON of the row)`.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: at('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    role: text('role'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    result: text('result').$type<'success' | 'failure' | 'denied'>().notNull(),
    requestId: text('request_id'),
    ip: text('ip'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_action_idx').on(t.action, t.seq)],
);

/**
 * One row per purge of the audit log after its retention (security.md, Audit): the purged prefix
 * ends at `throughSeq`, whose hash the remaining chain links to, so the chain still verifies from
 * here. Written only by the database function `audit_purge` (migration 0022), which alone may
 * delete audit rows; append-only like the log itself.
 */
export const auditPurges = pgTable(
  'audit_purges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    throughSeq: bigint('through_seq', { mode: 'number' }).notNull(),
    /** The hash of the last purged row: the `prevHash` of the first row that remains. */
    throughHash: text('through_hash').notNull(),
    purgedRows: integer('purged_rows').notNull(),
    cutoff: at('cutoff').notNull(),
    at: at('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
  },
  (t) => [uniqueIndex('audit_purges_through_seq_uq').on(t.throughSeq)],
);

/**
 * Counters of rate limits and throttles shared by every API instance on one PostgreSQL (login
 * attempts per account and per client, wrong receipts, per-phone survey caps …). A row lives for
 * its window only; client keys are keyed hashes under `shared_keys`, never addresses. UNLOGGED
 * (migration 0024, which drizzle-kit does not model): no WAL flush per request, emptied after a crash.
 */
export const sharedCounters = pgTable(
  'shared_counters',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    resetAt: at('reset_at').notNull(),
  },
  (t) => [index('shared_counters_reset_idx').on(t.resetAt)],
);

/**
 * The hourly random key client addresses are hashed with for shared limits. Deleted two hours
 * after its hour, after which no stored counter can be tied to an address.
 */
export const sharedKeys = pgTable('shared_keys', {
  hour: bigint('hour', { mode: 'number' }).primaryKey(),
  key: text('key').notNull(),
});

/**
 * Replays of submissions with an Idempotency-Key across instances: the key's keyed hash, the
 * body's fingerprint and the answer, encrypted under a key derived from the Idempotency-Key itself
 * (which is not stored), so the row alone never reveals a receipt.
 */
export const idempotencyEntries = pgTable(
  'idempotency_entries',
  {
    keyHash: text('key_hash').primaryKey(),
    fingerprint: text('fingerprint').notNull(),
    /** null while the first request is still being answered. */
    response: text('response'),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('idempotency_expires_idx').on(t.expiresAt)],
);
