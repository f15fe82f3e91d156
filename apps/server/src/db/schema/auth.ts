import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, refersTo, version } from './columns.ts';
import { authorities, organizations } from './orgs.ts';

// Owned by the auth module (modules/auth): accounts, their grants and their sessions.

/** Accounts. `usernameKey` is the NFKC-folded name that must be unique (security.md, Identity). */
export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    usernameKey: text('username_key').notNull(),
    displayName: text('display_name').notNull(),
    authorityId: uuid('authority_id').references(() => authorities.id),
    orgId: uuid('org_id').references(() => organizations.id),
    passwordHash: text('password_hash').notNull(),
    /** Hashes of earlier passwords, newest first, for the no-reuse rule. */
    passwordHistory: jsonb('password_history').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    passwordChangedAt: at('password_changed_at'),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    status: text('status').$type<'active' | 'disabled'>().notNull().default('active'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: at('locked_until'),
    lastLoginAt: at('last_login_at'),
    /** TOTP second factor: the secret (FieldCipher), its HMAC, when enabled, the last step accepted. */
    totpSecretEnc: text('totp_secret_enc'),
    totpAlgorithm: text('totp_algorithm').$type<'SHA1' | 'SM3'>(),
    totpEnabledAt: at('totp_enabled_at'),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    /** Hashes (argon2id) of the unused recovery codes; each is removed when used. */
    recoveryCodeHashes: jsonb('recovery_code_hashes').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Disabled by the daily job after the configured days without a login (the reason is audited). */
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex('users_username_key_uq').on(t.usernameKey)],
);

/** Role grants: (role, scope). A 三员 role is granted with scope 'system'. */
export const grants = pgTable(
  'grants',
  {
    id: id(),
    userId: refersTo('user_id', () => users.id),
    role: text('role').notNull(),
    scopeType: text('scope_type').notNull(),
    scopeId: uuid('scope_id'),
    includeChildren: boolean('include_children').notNull().default(false),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('grants_user_idx').on(t.userId)],
);

/** Server-side sessions; the cookie holds a random id, the table only its hash. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: refersTo('user_id', () => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: at('last_seen_at').notNull(),
    reauthAt: at('reauth_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
